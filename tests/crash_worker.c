/* crash_worker.c - the writing side of the crash and disk-full tests
 * (tests/test_crash.c).  It opens a store through the store API and writes
 * through the real code paths; after every call that returned ST_OK it
 * writes one line naming what was saved to file descriptor 3 with one
 * write(2) - no stdio buffer that a SIGKILL could swallow, and a line
 * shorter than PIPE_BUF arrives whole or not at all.  A line on fd 3 is
 * the worker's promise "this is saved"; the test kills the worker at a
 * random moment and holds the store to every promise.
 *
 *   crash_worker setup DIR PASS               a new store (cheap Argon2id),
 *                                             a shelter, a case with consent
 *                                             to referral: "base CASE_ID"
 *   crash_worker work DIR PASS RUN BASE       cases, notes, screening answers
 *                                             and referrals, until killed
 *   crash_worker keys DIR PASS RUN            passphrase changes, officers
 *                                             added and removed, until killed
 *   crash_worker full DIR PASS LIMIT KIND     RLIMIT_FSIZE at LIMIT bytes,
 *                                             then KIND saves (case, note,
 *                                             answer, referral, passwd) until
 *                                             one fails: "status N TEXT"
 *   crash_worker passwd DIR PASS NEWPASS      one passphrase change
 *   crash_worker backup DIR PASS FILE         one backup
 *   crash_worker restore FILE DIR PASS        one restore
 *
 * Lines: "ready", "case ID", "note ID", "screening ID", "answer SCREENING
 * INDICATOR VALUE", "referral ID STATE", "pass K" (the admin's passphrase
 * is now crash_pass(RUN, K)), "officer+ LOGIN", "officer- LOGIN".
 * Exit 0 when the work ran out, 2 for bad arguments, 3 when a call that
 * must work failed (its status and the store's error on stderr). */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <sodium.h>
#include "core/screening.h"
#include "db/backup.h"
#include "db/record.h"
#include "db/referrals.h"
#include "db/screenings.h"
#include "db/store.h"
#include "tests/crash_worker.h"

#define REPORT_FD 3
/* Saturday 2026-11-21 10:00 in Bangkok; each run starts a day later, each
 * call one second later, so referral steps never go back in time. */
#define FIRST_RUN_AT INT64_C(1795230000)

static int64_t clock_now;
static int64_t ticking_now(void *ctx)
{
    (void)ctx;
    return clock_now++;
}
static tc_clock ticking = { ticking_now, NULL, 7 * 3600 };

/* One line on fd 3 in one write(2). */
static void report(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line - 1)
        exit(3);
    line[n++] = '\n';
    ssize_t w;
    do
        w = write(REPORT_FD, line, (size_t)n);
    while (w < 0 && errno == EINTR);
    if (w != n)
        exit(3);
}

static store *opened;

/* A call that must work; anything else ends the worker (exit 3). */
static void must(store_status st, const char *what)
{
    if (st != ST_OK) {
        fprintf(stderr, "crash_worker: %s: %s (%d; %s)\n", what, store_status_text(st),
                (int)st, opened ? store_last_error(opened) : "");
        exit(3);
    }
}

static store *open_admin(const char *dir, const char *pass)
{
    store *s = NULL;
    must(store_open(dir, "admin", pass, &ticking, &s), "open");
    opened = s;
    return s;
}

/* ---- the records the workload writes --------------------------------- */

static tc_case new_case(long run, long i)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_latin, sizeof c.name_latin, "Crash %ld-%ld", run, i);
    snprintf(c.name_thai, sizeof c.name_thai, "มะลิ ทดสอบ %ld-%ld", run, i);
    c.sex = SEX_FEMALE;
    c.estimated_age = 20 + (int)(i % 30);
    snprintf(c.nationalities[0], sizeof c.nationalities[0], "MM");
    c.n_nationalities = 1;
    c.date_met_known = true;
    c.date_met = (caldate){ 2026, 11, 20 };
    return c;
}

static store_status save_case(store *s, long run, long i)
{
    tc_case c = new_case(run, i);
    store_status st = store_case_add(s, &c, NULL);
    if (st == ST_OK)
        report("case %s", c.id);
    return st;
}

static store_status save_note(store *s, const char *case_id, long run, long i)
{
    tc_note nt;
    memset(&nt, 0, sizeof nt);
    snprintf(nt.case_id, sizeof nt.case_id, "%s", case_id);
    snprintf(nt.text, sizeof nt.text,
             "บันทึกการเยี่ยมครั้งที่ %ld-%ld: เล่าว่านายจ้างยึดหนังสือเดินทางไว้\n"
             "Visit %ld-%ld: she says the employer kept her passport.", run, i, run, i);
    store_status st = store_note_add(s, &nt, NULL);
    if (st == ST_OK)
        report("note %s", nt.id);
    return st;
}

/* A screening of case_id, answered one indicator at a time, each once, so
 * that the answer stored is exactly the one reported. */
typedef struct answering {
    instrument *inst;
    tc_screening sc;
    size_t next;
} answering;

static store_status start_screening(store *s, const char *case_id, answering *a)
{
    memset(&a->sc, 0, sizeof a->sc);
    snprintf(a->sc.case_id, sizeof a->sc.case_id, "%s", case_id);
    snprintf(a->sc.instrument_code, sizeof a->sc.instrument_code, "forced_labour");
    interview_init(&a->sc.interview);
    a->sc.interview.held_at = clock_now - 3600;
    snprintf(a->sc.interview.place, sizeof a->sc.interview.place, "ท่าเรือประมง มหาชัย");
    snprintf(a->sc.interview.interviewers, sizeof a->sc.interview.interviewers, "Somchai K.");
    snprintf(a->sc.interview.language, sizeof a->sc.interview.language, "th");
    a->sc.interview.consent_given = true;
    store_status st = store_screening_start(s, &a->sc, NULL);
    if (st != ST_OK)
        return st;
    report("screening %s", a->sc.id);
    a->next = 0;
    if (!a->inst)
        st = store_instrument_load(s, "forced_labour", a->sc.instrument_version, &a->inst);
    return st;
}

static store_status save_answer(store *s, const char *case_id, answering *a)
{
    if (!a->inst || a->next >= a->inst->n_indicators) {
        store_status st = start_screening(s, case_id, a);
        if (st != ST_OK)
            return st;
    }
    const char *code = a->inst->indicators[a->next].code;
    answer_value v = a->next % 3 == 0 ? ANSWER_YES : a->next % 3 == 1 ? ANSWER_NO
                                                                      : ANSWER_UNKNOWN;
    store_status st = store_screening_answer(s, a->sc.id, code, v, a->next % 2 == 0,
                                             "ผู้เสียหายตอบเอง", a->next + 1, NULL);
    if (st == ST_OK) {
        report("answer %s %s %s", a->sc.id, code, answer_code(v));
        a->next++;
    }
    return st;
}

static store_status save_referral_draft(store *s, const char *case_id, tc_referral *r)
{
    referral_init(r);
    snprintf(r->case_id, sizeof r->case_id, "%s", case_id);
    snprintf(r->agency_code, sizeof r->agency_code, "%s", CRASH_SHELTER);
    r->needs = need_set_of(NEED_SHELTER) | need_set_of(NEED_FOOD);
    r->urgency = REFERRAL_URGENT;
    r->channel = REFERRAL_BY_LETTER;
    snprintf(r->summary, sizeof r->summary, "ขอที่พักและอาหาร; met at the port.");
    r->shared = code_set_bit(REFERRAL_SHARED_IDENTITY) | code_set_bit(REFERRAL_SHARED_NEEDS);
    store_status st = store_referral_add(s, r, false, NULL, NULL, NULL);
    if (st == ST_OK)
        report("referral %s %s", r->id, referral_state_code(REFERRAL_DRAFT));
    return st;
}

static store_status move_referral(store *s, const tc_referral *r, referral_state to)
{
    store_status st = store_referral_change_state(s, r->id, to, NULL, clock_now, NULL, NULL,
                                                  NULL);
    if (st == ST_OK)
        report("referral %s %s", r->id, referral_state_code(to));
    return st;
}

/* A referral from draft to accepted, each step its own save. */
static store_status save_referral_steps(store *s, const char *case_id)
{
    tc_referral r;
    store_status st = save_referral_draft(s, case_id, &r);
    static const referral_state steps[] = { REFERRAL_SENT, REFERRAL_ACKNOWLEDGED,
                                            REFERRAL_ACCEPTED };
    for (size_t i = 0; st == ST_OK && i < sizeof steps / sizeof steps[0]; i++)
        st = move_referral(s, &r, steps[i]);
    return st;
}

/* ---- the modes ------------------------------------------------------- */

static tc_agency shelter(void)
{
    tc_agency a;
    agency_init(&a);
    snprintf(a.code, sizeof a.code, "%s", CRASH_SHELTER);
    a.type = AGENCY_SHELTER;
    a.level = AGENCY_PROVINCIAL;
    snprintf(a.province, sizeof a.province, "TH-74");
    snprintf(a.name_th, sizeof a.name_th, "สถานคุ้มครองและพัฒนาอาชีพ จังหวัดสมุทรสาคร");
    snprintf(a.name_en, sizeof a.name_en, "Samut Sakhon Protection and Occupational Development Centre");
    a.services = need_set_of(NEED_SHELTER) | need_set_of(NEED_FOOD);
    return a;
}

static int run_setup(const char *dir, const char *pass)
{
    tc_officer admin;
    memset(&admin, 0, sizeof admin);
    snprintf(admin.login, sizeof admin.login, "admin");
    snprintf(admin.name, sizeof admin.name, "สมชาย ใจดี");
    admin.role = ROLE_ADMIN;
    admin.active = true;
    store *s = NULL;
    must(store_create(dir, &admin, pass, kdf_params_cheap(), &ticking, &s), "create");
    opened = s;
    tc_agency a = shelter();
    must(store_agency_add(s, &a, NULL), "agency");
    tc_case c = new_case(0, 0);
    must(store_case_add(s, &c, NULL), "base case");
    tc_consent k;
    consent_init(&k);
    snprintf(k.case_id, sizeof k.case_id, "%s", c.id);
    k.purpose = CONSENT_REFERRAL;
    snprintf(k.agency_kind, sizeof k.agency_kind, "shelter");
    k.agreed = true;
    k.given_on = (caldate){ 2026, 11, 20 };
    snprintf(k.language, sizeof k.language, "my");
    must(store_consent_add(s, &k, NULL), "consent");
    report("base %s", c.id);
    store_close(s);
    return 0;
}

static int run_work(const char *dir, const char *pass, long run, const char *base)
{
    store *s = open_admin(dir, pass);
    report("ready");
    answering a;
    memset(&a, 0, sizeof a);
    for (long i = 0; i < 100000; i++) {
        must(save_case(s, run, i), "case");
        must(save_note(s, base, run, i), "note");
        must(save_answer(s, base, &a), "answer");
        if (i % 2 == 0)
            must(save_referral_steps(s, base), "referral");
    }
    instrument_free(a.inst);
    store_close(s);
    return 0;
}

static tc_officer field_officer(const char *login)
{
    tc_officer o;
    memset(&o, 0, sizeof o);
    snprintf(o.login, sizeof o.login, "%s", login);
    snprintf(o.name, sizeof o.name, "นก ทดสอบ %s", login);
    o.role = ROLE_SOCIAL_WORKER;
    o.active = true;
    return o;
}

static int run_keys(const char *dir, const char *pass, long run)
{
    store *s = open_admin(dir, pass);
    report("ready");
    for (long k = 1; k < 100000; k++) {
        char next[64], login[OFFICER_LOGIN_MAX + 1], opass[96];
        crash_pass(next, sizeof next, run, k);
        must(store_passwd(s, next, kdf_params_cheap()), "passwd");
        report("pass %ld", k);
        snprintf(login, sizeof login, "c%ldk%ld", run, k);
        crash_officer_pass(opass, sizeof opass, login);
        tc_officer o = field_officer(login);
        must(store_officer_add(s, &o, opass, kdf_params_cheap()), "officer add");
        report("officer+ %s", login);
        must(store_officer_remove(s, login), "officer remove");
        report("officer- %s", login);
    }
    store_close(s);
    return 0;
}

/* Saves of kind until one fails; "status N LAST-ERROR" says how. */
static int run_full(const char *dir, const char *pass, long limit, const char *kind)
{
    store *s = open_admin(dir, pass);
    char base[TC_ID_LEN] = "";
    tc_case_row row;
    size_t n = 0;
    case_query q = { NULL, 0, 1, CASE_ORDER_NEWEST };
    must(store_case_list(s, &q, &row, 1, &n), "list");
    if (n == 1)
        snprintf(base, sizeof base, "%s", row.id);
    /* As tipcase does (tui/main.c): a write past the limit fails with
     * EFBIG instead of killing the process. */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = { (rlim_t)limit, (rlim_t)limit };
    if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
        return 3;
    report("ready");
    answering a;
    memset(&a, 0, sizeof a);
    store_status st = ST_OK;
    for (long i = 0; st == ST_OK && i < 100000; i++) {
        if (strcmp(kind, "case") == 0)
            st = save_case(s, 1, i);
        else if (strcmp(kind, "note") == 0)
            st = save_note(s, base, 1, i);
        else if (strcmp(kind, "answer") == 0)
            st = save_answer(s, base, &a);
        else if (strcmp(kind, "referral") == 0)
            st = save_referral_steps(s, base);
        else if (strcmp(kind, "passwd") == 0) {
            char next[64];
            crash_pass(next, sizeof next, 1, i + 1);
            st = store_passwd(s, next, kdf_params_cheap());
            if (st == ST_OK)
                report("pass %ld", i + 1);
        } else
            return 2;
    }
    report("status %d %s", (int)st, store_last_error(s));
    instrument_free(a.inst);
    store_close(s);
    return 0;
}

static int run_passwd(const char *dir, const char *pass, const char *next)
{
    store *s = open_admin(dir, pass);
    must(store_passwd(s, next, kdf_params_cheap()), "passwd");
    report("passwd");
    store_close(s);
    return 0;
}

static int run_backup(const char *dir, const char *pass, const char *file)
{
    store *s = open_admin(dir, pass);
    backup_status bs = store_backup(s, file, NULL);
    store_close(s);
    if (bs != BK_OK) {
        fprintf(stderr, "crash_worker: backup: %s\n", backup_status_text(bs));
        return 3;
    }
    report("backup");
    return 0;
}

static int run_restore(const char *file, const char *dir, const char *pass)
{
    store_check_report r;
    backup_status bs = store_restore(file, dir, "admin", pass, &ticking, NULL, &r);
    if (bs != BK_OK) {
        fprintf(stderr, "crash_worker: restore: %s\n", backup_status_text(bs));
        return 3;
    }
    report("restore");
    return 0;
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0 || argc < 4)
        return 2;
    const char *mode = argv[1];
    bool numbered = strcmp(mode, "work") == 0 || strcmp(mode, "keys") == 0;
    long run = numbered && argc > 4 ? strtol(argv[4], NULL, 10) : 0;
    clock_now = FIRST_RUN_AT + run * 86400;
    if (strcmp(mode, "setup") == 0)
        return run_setup(argv[2], argv[3]);
    if (strcmp(mode, "work") == 0 && argc == 6)
        return run_work(argv[2], argv[3], run, argv[5]);
    if (strcmp(mode, "keys") == 0 && argc == 5)
        return run_keys(argv[2], argv[3], run);
    if (strcmp(mode, "full") == 0 && argc == 6)
        return run_full(argv[2], argv[3], strtol(argv[4], NULL, 10), argv[5]);
    if (strcmp(mode, "passwd") == 0 && argc == 5)
        return run_passwd(argv[2], argv[3], argv[4]);
    if (strcmp(mode, "backup") == 0 && argc == 5)
        return run_backup(argv[2], argv[3], argv[4]);
    if (strcmp(mode, "restore") == 0 && argc == 5)
        return run_restore(argv[2], argv[3], argv[4]);
    return 2;
}
