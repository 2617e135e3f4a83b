/* test_access.c - roles enforced in the store (issue 8): core's table of
 * roles and operations (core/access.h), then the same table walked
 * against a real store:
 *
 * - the table itself, written out here role by role and operation by
 *   operation, for a case of the officer's own and for anybody else's;
 *   every refusal has a reason, every allowed operation none;
 * - a store with an officer of every role, each of whom records a case;
 *   each officer in turn tries every operation on his own case and on a
 *   field officer's case that is not his (read, the timeline, intake,
 *   clocks, screenings and stage, update, assign, a note, a note read and
 *   corrected by its id, a need, a screening, a referral) and the
 *   operations about no one case (export, hand-over, backup, officers,
 *   settings, the directory): each is done or refused (ST_DENIED) as the
 *   table says, and a refused call changes nothing, not even the audit
 *   trail;
 * - the lists over many cases (case list and count, due soon) and the
 *   report keep a field officer to his own cases and show a supervisor
 *   everything;
 * - the store remembers why it refused, in words for the officer.
 *
 * Time comes from a fixed clock; key slots use cheap Argon2id parameters. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/agency.h"
#include "core/interview.h"
#include "core/needs.h"
#include "core/notes.h"
#include "core/referral.h"
#include "db/backup.h"
#include "db/exchange.h"
#include "db/htcds_store.h"
#include "db/record.h"
#include "db/referrals.h"
#include "db/report_store.h"
#include "db/screenings.h"
#include "db/store.h"

#define PASS "a long and careful passphrase"
#define DAY INT64_C(86400)

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void) { return harness_store_suite_init(&fixed, &clk, HARNESS_START); }

static int suite_clean(void) { return 0; }

/* ======================================================= the pure table */

/* Per role, one letter per operation in access_op order: Y may (whatever
 * the case), O only on the officer's own cases, N never. */
static const struct {
    officer_role role;
    const char *may;
} expected_table[] = {
    /*                          off dir set cre rd  wr  asg par all rpA rpO exp hnd bak */
    { ROLE_ADMIN,           "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" },
    { ROLE_SUPERVISOR,      "N" "N" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" "Y" },
    { ROLE_INSPECTOR,       "N" "N" "N" "Y" "O" "O" "N" "O" "N" "N" "Y" "N" "N" "N" },
    { ROLE_SOCIAL_WORKER,   "N" "N" "N" "Y" "O" "O" "N" "O" "N" "N" "Y" "N" "N" "N" },
    { ROLE_BORDER_OFFICER,  "N" "N" "N" "Y" "O" "O" "N" "O" "N" "N" "Y" "N" "N" "N" },
};

static void test_table_role_by_operation(void)
{
    CU_ASSERT_EQUAL_FATAL(COUNT(expected_table), ROLE_COUNT);
    for (size_t i = 0; i < COUNT(expected_table); i++) {
        officer_role r = expected_table[i].role;
        CU_ASSERT_EQUAL_FATAL(strlen(expected_table[i].may), ACCESS_OP_COUNT);
        for (int op = 0; op < ACCESS_OP_COUNT; op++) {
            char want = expected_table[i].may[op];
            bool own = access_allows(r, (access_op)op, CASE_REL_OWN);
            bool other = access_allows(r, (access_op)op, CASE_REL_NONE);
            char got = own && other ? 'Y' : own ? 'O' : other ? '?' : 'N';
            char row[64];
            snprintf(row, sizeof row, "%s %s", role_code(r), access_op_code((access_op)op));
            CHECK_ROW(got == want, row);
            /* A reason exactly when refused. */
            CHECK_ROW((access_refusal_text(r, (access_op)op, CASE_REL_NONE) == NULL) == other,
                      row);
            CHECK_ROW((access_refusal_text(r, (access_op)op, CASE_REL_OWN) == NULL) == own, row);
        }
        CU_ASSERT_EQUAL(access_sees_all_cases(r), r == ROLE_ADMIN || r == ROLE_SUPERVISOR);
        /* The thin wrapper older code asks says the same as the table. */
        CU_ASSERT_EQUAL(role_may_change_settings(r),
                        access_allows(r, ACCESS_SETTINGS, CASE_REL_NONE));
    }
    /* A role that is no role may do nothing. */
    for (int op = 0; op < ACCESS_OP_COUNT; op++)
        CU_ASSERT_FALSE(access_allows(ROLE_COUNT, (access_op)op, CASE_REL_OWN));
}

static void test_relation_and_codes(void)
{
    static const struct {
        const char *me, *created_by, *assigned;
        case_relation want;
    } rows[] = {
        { "a", "a", "", CASE_REL_OWN },         /* recorded it */
        { "a", "b", "a", CASE_REL_OWN },        /* assigned to it */
        { "a", "a", "b", CASE_REL_OWN },        /* recorded it, given to b */
        { "a", "b", "", CASE_REL_NONE },
        { "a", "b", NULL, CASE_REL_NONE },
        { "a", NULL, NULL, CASE_REL_NONE },
        { "", "", "", CASE_REL_NONE },          /* nobody is nobody's */
        { NULL, "a", "a", CASE_REL_NONE },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CU_ASSERT_EQUAL(access_relation(rows[i].me, rows[i].created_by, rows[i].assigned),
                        rows[i].want);
    /* Codes are stable, distinct and named. */
    for (int i = 0; i < ACCESS_OP_COUNT; i++) {
        CU_ASSERT_NOT_EQUAL(access_op_code((access_op)i)[0], '\0');
        for (int j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(access_op_code((access_op)i),
                                       access_op_code((access_op)j));
    }
    CU_ASSERT_STRING_EQUAL(access_op_code(ACCESS_CASE_READ), "case.read");
    CU_ASSERT_STRING_EQUAL(access_op_code(ACCESS_OP_COUNT), "");
}

/* ============================================= the table against a store */

/* The officers of the walk, each of whom records one case. */
static const struct {
    const char *login, *name;
    officer_role role;
} people[] = {
    { "admin", "Somchai Admin", ROLE_ADMIN },   /* the store's first officer */
    { "sup", "Supaporn Supervisor", ROLE_SUPERVISOR },
    { "insp", "Ittipol Inspector", ROLE_INSPECTOR },
    { "sw", "Siriporn Social", ROLE_SOCIAL_WORKER },
    { "bo", "Boonmee Border", ROLE_BORDER_OFFICER },
};
#define N_PEOPLE COUNT(people)

typedef struct walk {
    harness_fixture f;
    tc_case cases[N_PEOPLE];        /* people[i]'s case, as last saved */
    char note_ids[N_PEOPLE][TC_ID_LEN];
    char officer_ids[N_PEOPLE][TC_ID_LEN];
    int serial;                     /* for unique logins, codes, files */
} walk;

static size_t person_index(const char *login)
{
    for (size_t i = 0; i < N_PEOPLE; i++)
        if (!strcmp(people[i].login, login))
            return i;
    CU_FAIL_FATAL("no such person");
    return 0;
}

static void become(walk *w, size_t who)
{
    harness_fixture_reopen(&w->f, people[who].login, PASS, &clk);
}

/* What a refused call must leave alone: the audit trail and every table
 * an operation of the walk writes. */
static sqlite3_int64 footprint(store *s)
{
    return harness_count_rows(s,
        "SELECT (SELECT count(*) FROM audit) * 1000003"
        " + (SELECT count(*) FROM cases) * 101 + (SELECT count(*) FROM notes) * 103"
        " + (SELECT count(*) FROM needs) * 107 + (SELECT count(*) FROM screenings) * 109"
        " + (SELECT count(*) FROM referrals) * 113 + (SELECT count(*) FROM officers) * 127"
        " + (SELECT count(*) FROM settings) * 131 + (SELECT count(*) FROM agencies) * 137"
        " + (SELECT count(*) FROM store_identity) * 139"
        " + (SELECT count(*) FROM cases WHERE assigned_officer IS NOT NULL"
        "    AND assigned_officer <> '') * 149");
}

static tc_interview interview(void)
{
    tc_interview iv;
    interview_init(&iv);
    iv.held_at = tc_now(&clk) - 2 * 3600;
    snprintf(iv.place, sizeof iv.place, "ท่าเรือประมง มหาชัย");
    snprintf(iv.interviewers, sizeof iv.interviewers, "Walk Officer");
    snprintf(iv.language, sizeof iv.language, "th");
    iv.consent_given = true;
    return iv;
}

/* ---- the operations on one case ---- */

typedef store_status (*case_fn)(walk *w, size_t target);

static store_status op_read(walk *w, size_t t)
{
    tc_case c;
    return store_case_get(w->f.s, w->cases[t].reference, &c);
}

static store_status op_update(walk *w, size_t t)
{
    tc_case c = w->cases[t];
    snprintf(c.notes, sizeof c.notes, "update %d", ++w->serial);
    store_status st = store_case_update(w->f.s, &c, NULL);
    if (st == ST_OK)
        w->cases[t] = c;
    return st;
}

/* Gives the case to the administrator, and when that was allowed, back. */
static store_status op_assign(walk *w, size_t t)
{
    tc_case c = w->cases[t];
    snprintf(c.assigned_officer, sizeof c.assigned_officer, "%s", w->officer_ids[0]);
    store_status st = store_case_update(w->f.s, &c, NULL);
    if (st == ST_OK) {
        c.assigned_officer[0] = '\0';
        CU_ASSERT_EQUAL(store_case_update(w->f.s, &c, NULL), ST_OK);
        w->cases[t] = c;
    }
    return st;
}

static store_status op_note(walk *w, size_t t)
{
    tc_note n = { 0 };
    snprintf(n.case_id, sizeof n.case_id, "%s", w->cases[t].id);
    snprintf(n.text, sizeof n.text, "โทรหาญาติแล้ว %d", ++w->serial);
    return store_note_add(w->f.s, &n, NULL);
}

static store_status op_note_read(walk *w, size_t t)
{
    tc_note n;
    return store_note_get(w->f.s, w->note_ids[t], 0, &n);
}

static store_status op_need(walk *w, size_t t)
{
    tc_need nd;
    need_init(&nd);
    snprintf(nd.case_id, sizeof nd.case_id, "%s", w->cases[t].id);
    nd.kind = NEED_MEDICAL;
    return store_need_add(w->f.s, &nd, NULL);
}

static store_status op_screening(walk *w, size_t t)
{
    tc_screening sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.case_id, sizeof sc.case_id, "%s", w->cases[t].id);
    snprintf(sc.instrument_code, sizeof sc.instrument_code, "forced_labour");
    sc.interview = interview();
    return store_screening_start(w->f.s, &sc, NULL);
}

static store_status op_referral(walk *w, size_t t)
{
    tc_referral r;
    referral_init(&r);
    snprintf(r.case_id, sizeof r.case_id, "%s", w->cases[t].id);
    snprintf(r.agency_code, sizeof r.agency_code, "walk_home");
    r.needs = need_set_of(NEED_SHELTER);
    r.urgency = REFERRAL_ROUTINE;
    r.channel = REFERRAL_BY_LETTER;
    snprintf(r.summary, sizeof r.summary, "A draft for the walk.");
    return store_referral_add(w->f.s, &r, false, NULL, NULL, NULL);
}

static store_status op_note_correct(walk *w, size_t t)
{
    tc_note n;
    memset(&n, 0, sizeof n);
    snprintf(n.id, sizeof n.id, "%s", w->note_ids[t]);
    snprintf(n.case_id, sizeof n.case_id, "%s", w->cases[t].id);
    snprintf(n.text, sizeof n.text, "บันทึกแก้ไข %d", ++w->serial);
    return store_note_correct(w->f.s, &n, "Walk correction.", NULL, NULL);
}

static store_status op_timeline(walk *w, size_t t)
{
    timeline_event *ev = NULL;
    size_t n = 0;
    store_status st = store_timeline(w->f.s, w->cases[t].id, &ev, &n);
    free(ev);
    return st;
}

/* No intake is recorded: allowed is "not found", refused is refused. */
static store_status op_intake(walk *w, size_t t)
{
    tc_intake in;
    store_status st = store_intake_get(w->f.s, w->cases[t].id, &in);
    return st == ST_NOT_FOUND ? ST_OK : st;
}

static store_status op_clocks(walk *w, size_t t)
{
    case_clocks k;
    return store_case_clocks_get(w->f.s, w->cases[t].id, &k);
}

static store_status op_screening_list(walk *w, size_t t)
{
    screening_row *rows = NULL;
    size_t n = 0;
    store_status st = store_screening_list(w->f.s, w->cases[t].id, &rows, &n);
    free(rows);
    return st;
}

static store_status op_stage(walk *w, size_t t)
{
    case_stage stage;
    return store_case_stage(w->f.s, w->cases[t].id, &stage);
}

static const struct {
    const char *name;
    access_op op;
    case_fn run;
} case_ops[] = {
    { "the timeline", ACCESS_CASE_READ, op_timeline },
    { "the intake", ACCESS_CASE_READ, op_intake },
    { "the clocks", ACCESS_CASE_READ, op_clocks },
    { "the screenings", ACCESS_CASE_READ, op_screening_list },
    { "the stage", ACCESS_CASE_READ, op_stage },
    { "correct a note", ACCESS_CASE_WRITE, op_note_correct },
    { "read a case", ACCESS_CASE_READ, op_read },
    { "read a note by its id", ACCESS_CASE_READ, op_note_read },
    { "update a case", ACCESS_CASE_WRITE, op_update },
    { "assign a case", ACCESS_CASE_ASSIGN, op_assign },
    { "add a note", ACCESS_CASE_WRITE, op_note },
    { "add a need", ACCESS_CASE_WRITE, op_need },
    { "start a screening", ACCESS_CASE_WRITE, op_screening },
    { "add a referral", ACCESS_CASE_WRITE, op_referral },
};

/* ---- the operations about no one case ---- */

typedef store_status (*store_fn)(walk *w);

static store_status op_export(walk *w)
{
    htcds_export e;
    store_status st = store_htcds_rows(w->f.s, NULL, &e);
    htcds_export_free(&e);
    return st;
}

static store_status op_handover(walk *w)
{
    exch_identity me;
    return exchange_identity(w->f.s, &me);
}

static store_status op_backup(walk *w)
{
    char path[512];
    snprintf(path, sizeof path, "%s/walk-%d.backup", w->f.root, ++w->serial);
    backup_status b = store_backup(w->f.s, path, NULL);
    CU_ASSERT(b == BK_OK || b == BK_DENIED);
    return b == BK_OK ? ST_OK : b == BK_DENIED ? ST_DENIED : ST_IO;
}

static store_status op_officer_add(walk *w)
{
    char login[32];
    snprintf(login, sizeof login, "new%d", ++w->serial);
    return harness_officer_add(w->f.s, login, "New Officer", ROLE_SOCIAL_WORKER, PASS);
}

static store_status op_setting(walk *w)
{
    return store_setting_set(w->f.s, "lock_minutes", w->serial++ % 2 ? "15" : "20");
}

static store_status op_agency(walk *w)
{
    char code[32];
    snprintf(code, sizeof code, "walk_agency_%d", ++w->serial);
    tc_agency a = harness_shelter_agency(code);
    return store_agency_add(w->f.s, &a, NULL);
}

static store_status op_report_file(walk *w)
{
    return store_report_audit_export(w->f.s, "report", "fy2570", false);
}

static const struct {
    const char *name;
    access_op op;
    store_fn run;
} store_ops[] = {
    { "HTCDS export", ACCESS_EXPORT, op_export },
    { "report to a file", ACCESS_EXPORT, op_report_file },
    { "hand-over identity", ACCESS_HANDOVER, op_handover },
    { "backup", ACCESS_BACKUP, op_backup },
    { "add an officer", ACCESS_OFFICERS, op_officer_add },
    { "set lock_minutes", ACCESS_SETTINGS, op_setting },
    { "add an agency", ACCESS_DIRECTORY, op_agency },
};

/* ---- the store of the walk ---- */

static walk *walk_open(void)
{
    walk *w = calloc(1, sizeof *w);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    clk = harness_clock(&fixed, HARNESS_START);
    w->f = harness_fixture_open(people[0].name, PASS, &clk);
    for (size_t i = 1; i < N_PEOPLE; i++)
        CU_ASSERT_EQUAL_FATAL(harness_officer_add(w->f.s, people[i].login, people[i].name,
                                                  people[i].role, PASS), ST_OK);
    tc_officer *all = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_officer_list(w->f.s, &all, &n), ST_OK);
    for (size_t i = 0; i < n; i++)
        snprintf(w->officer_ids[person_index(all[i].login)], TC_ID_LEN, "%s", all[i].id);
    free(all);
    tc_agency a = harness_shelter_agency("walk_home");
    CU_ASSERT_EQUAL_FATAL(store_agency_add(w->f.s, &a, NULL), ST_OK);
    /* Each officer records a case, with a note, a screening and its
     * clocks (a month ago: the identification clock has run out). */
    for (size_t i = 0; i < N_PEOPLE; i++) {
        become(w, i);
        char name[32];
        snprintf(name, sizeof name, "Walk Person %zu", i);
        w->cases[i] = harness_case_add(w->f.s, name, 30, "2026-10-21");
        tc_note note = { 0 };
        snprintf(note.case_id, sizeof note.case_id, "%s", w->cases[i].id);
        snprintf(note.text, sizeof note.text, "บันทึกแรก");
        CU_ASSERT_EQUAL_FATAL(store_note_add(w->f.s, &note, NULL), ST_OK);
        snprintf(w->note_ids[i], TC_ID_LEN, "%s", note.id);
        CU_ASSERT_EQUAL_FATAL(op_screening(w, i), ST_OK);
        CU_ASSERT_EQUAL_FATAL(store_case_clocks_start(w->f.s, w->cases[i].id,
                                                      tc_now(&clk) - 31 * DAY), ST_OK);
    }
    return w;
}

static void walk_close(walk *w)
{
    harness_fixture_close(&w->f);
    free(w);
}

/* The case of another field officer than who (never who's own). */
static size_t others_case(size_t who)
{
    size_t other = person_index("insp");
    return other == who ? person_index("sw") : other;
}

static void expect(walk *w, officer_role r, access_op op, case_relation rel, store_status got,
                   sqlite3_int64 before, const char *what)
{
    bool may = access_allows(r, op, rel);
    char row[160];
    snprintf(row, sizeof row, "%s: %s on %s case", role_code(r), what,
             rel == CASE_REL_OWN ? "own" : "another's");
    CHECK_ROW(got == (may ? ST_OK : ST_DENIED), row);
    if (!may) {
        CHECK_ROW(footprint(w->f.s) == before, row);
        CHECK_ROW(store_refusal(w->f.s) != NULL, row);
    }
}

static void test_every_role_every_operation(void)
{
    walk *w = walk_open();
    for (size_t who = 0; who < N_PEOPLE; who++) {
        become(w, who);
        officer_role r = people[who].role;
        const size_t targets[2] = { who, others_case(who) };
        const case_relation rels[2] = { CASE_REL_OWN, CASE_REL_NONE };
        for (size_t k = 0; k < COUNT(case_ops); k++)
            for (int t = 0; t < 2; t++) {
                sqlite3_int64 before = footprint(w->f.s);
                store_status st = case_ops[k].run(w, targets[t]);
                expect(w, r, case_ops[k].op, rels[t], st, before, case_ops[k].name);
            }
        for (size_t k = 0; k < COUNT(store_ops); k++) {
            sqlite3_int64 before = footprint(w->f.s);
            store_status st = store_ops[k].run(w);
            expect(w, r, store_ops[k].op, CASE_REL_NONE, st, before, store_ops[k].name);
        }
        /* The display language is every officer's own to switch. */
        CU_ASSERT_EQUAL(store_setting_set(w->f.s, "language", "th"), ST_OK);
    }
    harness_check_chain(w->f.s);
    walk_close(w);
}

/* ---- lists, due soon and reports ---- */

/* Is every id of ids[0..n) (stride apart) a case who may see? */
static bool all_visible(const walk *w, size_t who, const char *ids, size_t n, size_t stride)
{
    for (size_t i = 0; i < n; i++) {
        const char *id = ids + i * stride;
        bool own = !strcmp(id, w->cases[who].id);
        if (!own && !access_sees_all_cases(people[who].role))
            return false;
    }
    return true;
}

static void test_lists_keep_field_officers_to_their_cases(void)
{
    walk *w = walk_open();
    for (size_t who = 0; who < N_PEOPLE; who++) {
        become(w, who);
        bool all = access_sees_all_cases(people[who].role);
        size_t want = all ? N_PEOPLE : 1;
        size_t n = 0;
        CU_ASSERT_EQUAL(store_case_count(w->f.s, NULL, &n), ST_OK);
        CU_ASSERT_EQUAL(n, want);
        /* A search finds another officer's case only for those who see all. */
        CU_ASSERT_EQUAL(store_case_count(w->f.s, "Walk Person", &n), ST_OK);
        CU_ASSERT_EQUAL(n, want);
        tc_case_row rows[N_PEOPLE + 1];
        for (int order = 0; order < 2; order++) {
            case_query q = { NULL, 0, 0, (case_order)order };
            CU_ASSERT_EQUAL(store_case_list(w->f.s, &q, rows, COUNT(rows), &n), ST_OK);
            CU_ASSERT_EQUAL(n, want);
            CU_ASSERT_TRUE(all_visible(w, who, rows[0].id, n, sizeof rows[0]));
        }
        deadline_row *due = NULL;
        CU_ASSERT_EQUAL(store_deadlines_due(w->f.s, tc_now(&clk), &due, &n), ST_OK);
        CU_ASSERT_TRUE(n >= want);
        CU_ASSERT_TRUE(all_visible(w, who, due ? due[0].case_id : "", n, sizeof *due));
        free(due);
        /* Reports: a field officer's own work, the heads' whole store. */
        report_period p = { PERIOD_CALENDAR_YEAR, { 2026, 1, 1 }, { 2026, 12, 31 } };
        report_facts f;
        CU_ASSERT_EQUAL(store_report_facts(w->f.s, p, &f), ST_OK);
        CU_ASSERT_EQUAL(f.n_people, want);
        for (size_t i = 0; i < f.n_people && !all; i++)
            CU_ASSERT_STRING_EQUAL(f.people[i].officer, w->officer_ids[who]);
        report_facts_free(&f);
        report_gap *gaps = NULL;
        CU_ASSERT_EQUAL(store_report_gaps(w->f.s, p, &gaps, &n), ST_OK);
        CU_ASSERT_TRUE(all_visible(w, who, gaps ? gaps[0].case_id : "", n, sizeof *gaps));
        free(gaps);
    }
    walk_close(w);
}

/* A case assigned to a field officer is his as much as one he recorded. */
static void test_assigned_case_is_the_officers(void)
{
    walk *w = walk_open();
    size_t sw = person_index("sw"), bo = person_index("bo");
    become(w, 0);
    tc_case c = w->cases[sw];
    snprintf(c.assigned_officer, sizeof c.assigned_officer, "%s", w->officer_ids[bo]);
    CU_ASSERT_EQUAL_FATAL(store_case_update(w->f.s, &c, NULL), ST_OK);
    become(w, bo);
    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(w->f.s, c.id, &got), ST_OK);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(w->f.s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 2);
    /* Who recorded it still may open it. */
    become(w, sw);
    CU_ASSERT_EQUAL(store_case_get(w->f.s, c.id, &got), ST_OK);
    walk_close(w);
}

/* The store says why it refused, and forgets once a call is allowed. */
static void test_refusal_says_why(void)
{
    walk *w = walk_open();
    size_t sw = person_index("sw");
    become(w, sw);
    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(w->f.s, w->cases[others_case(sw)].id, &got), ST_DENIED);
    CU_ASSERT_STRING_EQUAL(store_status_why(w->f.s, ST_DENIED),
                           access_refusal_text(ROLE_SOCIAL_WORKER, ACCESS_CASE_READ,
                                               CASE_REL_NONE));
    CU_ASSERT_EQUAL(op_backup(w), ST_DENIED);
    CU_ASSERT_STRING_EQUAL(store_refusal(w->f.s),
                           access_refusal_text(ROLE_SOCIAL_WORKER, ACCESS_BACKUP,
                                               CASE_REL_NONE));
    CU_ASSERT_EQUAL(store_case_get(w->f.s, w->cases[sw].id, &got), ST_OK);
    CU_ASSERT_PTR_NULL(store_refusal(w->f.s));
    /* Other statuses keep their own words. */
    CU_ASSERT_STRING_EQUAL(store_status_why(w->f.s, ST_NOT_FOUND),
                           store_status_text(ST_NOT_FOUND));
    CU_ASSERT_STRING_EQUAL(store_status_why(NULL, ST_DENIED), store_status_text(ST_DENIED));
    walk_close(w);
}

static CU_TestInfo table_tests[] = {
    { "role by operation, own and others' cases", test_table_role_by_operation },
    { "relation and operation codes", test_relation_and_codes },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo store_tests[] = {
    { "every role, every operation", test_every_role_every_operation },
    { "lists, due soon, reports: own cases", test_lists_keep_field_officers_to_their_cases },
    { "an assigned case is the officer's", test_assigned_case_is_the_officers },
    { "a refusal says why", test_refusal_says_why },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "the table", suite_init, suite_clean, NULL, NULL, table_tests },
        { "the store", suite_init, suite_clean, NULL, NULL, store_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_access", suites);
}
