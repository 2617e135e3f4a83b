/* bench.c - the figures the issues ask for, measured on this machine.
 *
 * make bench builds and runs it.  It makes a store in a temp directory,
 * fills it with synthetic cases, and reports median and worst times of
 * repeated runs.  Never a test: numbers go into the issue notes and
 * BENCHMARKS.md.
 *
 * "bench/bench [CASES]" (1,000, 10,000 and 100,000 by default) prints
 * one table per size (issue 9), median and worst of repeated runs:
 *
 *   unlock       Argon2id alone with the program's default parameters,
 *                and the rest of store_open after the key (SQLCipher
 *                keying, pragmas, migrations, instruments), then the first
 *                page drawn just after (cold page cache)
 *   reads        the case list's first page (count + 22 rows formatted for
 *                an 80-column screen), search by a Thai and a Latin
 *                fragment, the list by name, the due-soon view (clocks on
 *                every 100th case, a reintegration plan on every 100th
 *                other case), the referral dashboard's first page, the
 *                follow-up list, the fiscal-year report
 *   ratio        the same reads and one durable answer save on two copies
 *                of the filled store written by sqlcipher_export, one
 *                encrypted with the store's key and one plaintext
 *                (bench_plain.c, compiled into this program only): the
 *                encrypted / plain ratio of the median CPU times (CPU, not
 *                wall clock: on a shared machine a preemption of 10 ms
 *                lands on a 0.2 ms query at random; the cipher's cost is
 *                CPU).  Each figure's own CPU median is shown beside its
 *                wall-clock median and worst.  Then the reads again on
 *                both copies with a 16 MiB page cache instead of SQLite's
 *                default 2 MiB (in brackets): what a bigger cache would do.
 *   answer save  one screening answer, durable (WAL, synchronous FULL)
 *   hand-over    one case and up to 1,000 to a new store each run
 *   backup       store_backup of the whole store
 *   peak RSS     VmHWM over the reads, reset after the unlocks, so
 *                Argon2id's 256 MiB (freed after unlock) is not counted
 *
 * Other runs:
 *   screening    saving one answer (one durable transaction: WAL,
 *                synchronous FULL) over 1,000 answers, and opening a
 *                60-indicator screening to its first question
 *                ("bench/bench screening" runs only these)
 *   referrals    the overdue dashboard over 300,000 referrals of 100,000
 *                cases made through the store's API over 1,500 simulated
 *                days: the first page drawn, the overdue count, filtered
 *                and deep pages, and the query plans ("bench/bench
 *                referrals [CASES REFERRALS]" runs only these)
 *   report       (issue 7, bench_report.c) the fiscal year in the middle
 *                of the data: facts load, build, both; every case has its
 *                record rows (screenings, decisions, intakes, referrals,
 *                needs, returns) written by bench_report_rows ("bench/bench
 *                report [CASES [DIR]]" runs only this, DIR keeps the store) */
#define _GNU_SOURCE
#include "config.h"
#include <malloc.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "bench/bench.h"
#include "core/demo_names.h"
#include "db/builtin_instruments.h"
#include "db/keyslot.h"
#include "db/referrals.h"
#include "db/referrals_internal.h"
#include "db/returns.h"
#include "db/screenings.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "tui/timeinput.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"

double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

stat_ms bench_summarise(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    stat_ms s = { v[n / 2], v[n - 1] };
    return s;
}

/* The KiB figure of one line of /proc/self/status ("VmRSS:", "VmHWM:"),
 * -1 when it cannot be read. */
static long proc_status_kib(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t klen = strlen(key);
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, klen) == 0 && sscanf(line + klen, "%ld", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

static long rss_kib(void)
{
    return proc_status_kib("VmRSS:");
}

/* Names come from the demo store's pools (core/demo_names.h), one source
 * of names: a Thai-script name for everyone, and the romanised name of
 * the nationality's script, numbered so that no two are alike. */
static const char *NATS[] = { "MM", "KH", "LA", "VN", "TH", "XX" };
static const demo_script NAT_SCRIPTS[] = { DEMO_BURMESE, DEMO_KHMER, DEMO_LAO, DEMO_VIETNAMESE,
                                           DEMO_THAI, DEMO_BURMESE };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void make_case(tc_case *c, unsigned i, caldate today)
{
    case_init(c);
    demo_name thai, own;
    demo_name_compose(DEMO_THAI, (tc_sex)(1 + i % 2), i, &thai);
    demo_name_compose(NAT_SCRIPTS[i % COUNT(NATS)], (tc_sex)(1 + i % 2), i / 6, &own);
    snprintf(c->name_thai, sizeof c->name_thai, "%s", thai.native);
    snprintf(c->name_latin, sizeof c->name_latin, "%s %u", own.latin, i);
    c->sex = (tc_sex)(1 + i % 2);
    c->estimated_age = 12 + (int)(i % 40);
    snprintf(c->nationalities[0], 3, "%s", NATS[i % COUNT(NATS)]);
    c->n_nationalities = 1;
    c->date_met_known = true;
    c->date_met = caldate_add_days(today, -(int64_t)(i % 1500));
    /* Where they were met, for the report's breakdowns. */
    static const char *const ENTRY[] = { "labour_inspection", "border_checkpoint", "shelter",
                                         "hotline_1300" };
    static const char *const PROVINCES[] = { "TH-74", "TH-63", "TH-10", "TH-20", "TH-83",
                                             "TH-90" };
    snprintf(c->entry_point, sizeof c->entry_point, "%s", ENTRY[(i / 7) % COUNT(ENTRY)]);
    snprintf(c->province, sizeof c->province, "%s", PROVINCES[(i / 11) % COUNT(PROVINCES)]);
}

/* Every hundredth case gets its legal clocks, met (i % 1500) days ago;
 * the clocks whose purpose has passed are stopped, as an officer would:
 * identification after 20 hours, shelter after 14 days, reflection after
 * 44.  So the due-soon list holds the recent cases, not all of them. */
static int start_sample_clocks(store *s, const tc_case *c, unsigned i)
{
    const int64_t day = 86400;
    int64_t now = tc_now(store_clock(s));
    int64_t met = now - (int64_t)(i % 1500) * day - 3 * 3600;
    static const struct { clock_kind kind; int64_t after; } stops[] = {
        { CLOCK_IDENTIFICATION, 20 * 3600 }, { CLOCK_SHELTER, 14 * 86400 },
        { CLOCK_REFLECTION, 44 * 86400 },
    };
    if (store_case_clocks_start(s, c->id, met) != ST_OK)
        return -1;
    for (size_t k = 0; k < COUNT(stops); k++)
        if (met + stops[k].after <= now
            && store_case_clocks_stop(s, c->id, stops[k].kind, met + stops[k].after) != ST_OK)
            return -1;
    return 0;
}

/* Every hundredth case, fifty after the ones with clocks, went home
 * (i % 1500) days ago with a reintegration plan, followed up as an office
 * does: each follow-up on its due date, except that every tenth plan has
 * missed its latest one (it is overdue now), every seventh found a high
 * risk at its latest, and a plan whose schedule has run out is closed.
 * So the lists hold what an office has open: the last year's returns. */
static int start_sample_plan(store *s, const tc_case *c, unsigned i, caldate today)
{
    tc_reintegration plan;
    reint_init(&plan, caldate_add_days(today, -(int64_t)(i % 1500)));
    snprintf(plan.case_id, sizeof plan.case_id, "%s", c->id);
    plan.schedule.count = 0;                /* the store's setting */
    if (store_reintegration_add(s, &plan, NULL) != ST_OK)
        return -1;
    bool misses = (i / 100) % 10 == 0, high = (i / 100) % 7 == 0;
    caldate last = plan.start;
    while (plan.next_known && caldate_compare(plan.next_due, today) <= 0) {
        tc_followup f;
        followup_init(&f, &plan, plan.next_due);
        snprintf(f.case_id, sizeof f.case_id, "%s", c->id);
        snprintf(f.findings, sizeof f.findings, "%s", "Living with her mother; looking for work.");
        bool latest = !f.next_known || caldate_compare(f.next_on, today) > 0;
        if (latest && misses)
            return 0;
        f.risk = latest && high ? RISK_HIGH : RISK_LOW;
        if (store_followup_add(s, &f, NULL) != ST_OK
            || store_reintegration_get(s, c->id, &plan) != ST_OK)
            return -1;
        last = f.on;
    }
    if (plan.next_known)
        return 0;
    return store_reintegration_close(s, c->id, REINT_OUTCOME_REINTEGRATED, last, NULL, NULL)
                   == ST_OK ? 0 : -1;
}

static int fill(store *s, unsigned n, caldate today)
{
    enum { BATCH = 1000 };
    tc_case *batch = calloc(BATCH, sizeof *batch);
    if (!batch)
        return -1;
    for (unsigned done = 0; done < n;) {
        unsigned k = n - done < BATCH ? n - done : BATCH;
        for (unsigned j = 0; j < k; j++)
            make_case(&batch[j], done + j, today);
        if (store_case_add_many(s, batch, k) != ST_OK
            || bench_report_rows(s, batch, k, done, today) != 0) {
            free(batch);
            return -1;
        }
        for (unsigned j = 0; j < k; j++)
            if (((done + j) % 100 == 0 && start_sample_clocks(s, &batch[j], done + j) != 0)
                || ((done + j) % 100 == 50
                    && start_sample_plan(s, &batch[j], done + j, today) != 0)) {
                free(batch);
                return -1;
            }
        done += k;
    }
    free(batch);
    return 0;
}

/* What the list screen does after unlock: count, fetch a page, format it. */
static void first_page(store *s, const char *search, case_order order)
{
    tc_case_row rows[22];
    size_t n = 0, total = 0;
    case_query q = { search, 0, 22, order };
    store_case_count(s, search, &total);
    store_case_list(s, &q, rows, 22, &n);
    char line[1024], date[THDATE_MAX];
    for (size_t i = 0; i < n; i++) {
        text_pad(rows[i].name, 30, line, sizeof line);
        thdate_format(rows[i].date_met, true, date, sizeof date);
    }
}

long bench_dir_bytes(const char *dir)
{
    const char *names[] = { "cases.db", "cases.db-wal", "keyslots" };
    long total = 0;
    char path[4096];
    for (size_t i = 0; i < COUNT(names); i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0)
            total += (long)st.st_size;
    }
    return total;
}

/* ---- the scale run: one table per size (issue 9) ---- */

static int screening_fixture(store *s, tc_screening *sc, instrument **inst);
static double save_answer(store *s, const tc_screening *sc, const instrument *inst, int k,
                          double *cpu);
static size_t dashboard_page(store *s, const referral_filter *f, int64_t now, size_t offset,
                             int utc_offset);

/* The read queries the encrypted / plain ratio covers, in table order. */
enum { Q_PAGE, Q_THAI, Q_LATIN, Q_BYNAME, Q_DUE, Q_DASH, Q_FOLLOW, Q_REPORT, Q_COUNT };
static const char *const Q_NAMES[Q_COUNT] = {
    "first page (count + 22 rows drawn)", "search, Thai fragment", "search, Latin fragment",
    "first page by name (Thai order)", "due-soon view", "referral dashboard (22 rows)",
    "follow-up list", "fiscal-year report (facts+build)",
};
enum { UNLOCK_RUNS = 5, QRUNS = 31, SAVES = 300 };

/* Milliseconds of CPU this process has used (user and system: a page
 * read from the operating system's cache is system time). */
static double cpu_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Query k once on s, as its screen asks it: wall-clock milliseconds, and
 * in *cpu the CPU milliseconds (which a busy machine's preemptions do not
 * inflate: the encrypted / plain ratio compares those). */
static double time_query(store *s, int k, double *cpu)
{
    int64_t now = tc_now(store_clock(s));
    double c0 = cpu_now_ms(), a = bench_now_ms();
    size_t n = 0;
    switch (k) {
    case Q_PAGE:   first_page(s, NULL, CASE_ORDER_NEWEST); break;
    case Q_THAI:   first_page(s, "ใจดี", CASE_ORDER_NEWEST); break;
    case Q_LATIN:  first_page(s, "kyaw", CASE_ORDER_NEWEST); break;
    case Q_BYNAME: first_page(s, NULL, CASE_ORDER_NAME); break;
    case Q_DUE: {
        deadline_row *rows = NULL;
        store_deadlines_due(s, now, &rows, &n);
        free(rows);
        break;
    }
    case Q_DASH:
        dashboard_page(s, NULL, now, 0, store_clock(s)->utc_offset);
        break;
    case Q_FOLLOW: {
        followup_row *rows = NULL;
        store_followup_due(s, false, &rows, &n);
        free(rows);
        break;
    }
    default: {
        double ms = 0;
        if (bench_report_once(s, &ms) != 0)
            return -1;
        break;
    }
    }
    double wall = bench_now_ms() - a;
    *cpu = cpu_now_ms() - c0;
    return wall;
}

typedef struct size_figures {
    unsigned n;
    double fill_ms, load_before, load_after;
    long bytes, rss_peak_kib, backup_bytes;
    stat_ms argon, rest, first_after_unlock;
    stat_ms q[Q_COUNT], q_cpu[Q_COUNT], q_enc[Q_COUNT], q_plain[Q_COUNT];
    stat_ms q_enc_big[Q_COUNT], q_plain_big[Q_COUNT];    /* BIG_CACHE_KIB cache */
    stat_ms save, save_cpu, save_enc, save_plain;
    handover_figures handover;
    stat_ms backup;
    store_status plain_refused;
} size_figures;

static double load_average(void)
{
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f && fscanf(f, "%lf", &l) != 1)
        l = -1;
    if (f)
        fclose(f);
    return l;
}

/* Peak resident size since reset_peak_rss() (VmHWM), in KiB. */
static long peak_rss_kib(void)
{
    return proc_status_kib("VmHWM:");
}

/* Linux: "5" to clear_refs resets VmHWM to the current RSS, so the peak
 * read later leaves out the Argon2id of the unlocks before. */
static void reset_peak_rss(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* Unlock, RUNS times: Argon2id alone with the default parameters (the
 * officer's slot), then the rest of store_open measured through a cheap
 * slot less that slot's own (cheap) Argon2id, and the first page drawn
 * just after (cold page cache). */
static int time_unlock(const char *sub, const char *pass, const tc_clock *clock,
                       size_figures *fig)
{
    double argon[UNLOCK_RUNS], rest[UNLOCK_RUNS], first[UNLOCK_RUNS];
    char slots[4200];
    snprintf(slots, sizeof slots, "%s/%s", sub, STORE_SLOTS_FILE);
    unsigned char *key = sodium_malloc(DATA_KEY_BYTES);
    for (int r = 0; key && r < UNLOCK_RUNS; r++) {
        keyslot_file *ks = NULL;
        store *s = NULL;
        if (keyslot_file_load(slots, &ks) != KEYSLOT_OK)
            break;
        double a = bench_now_ms();
        keyslot_status k1 = keyslot_unlock(ks, "bench", pass, key);
        double b = bench_now_ms();
        keyslot_status k2 = keyslot_unlock(ks, "cheap", pass, key);
        double c = bench_now_ms();
        keyslot_file_free(ks);
        store_status st = store_open(sub, "cheap", pass, clock, &s);
        double d = bench_now_ms();
        if (st == ST_OK)
            first_page(s, NULL, CASE_ORDER_NEWEST);
        double e = bench_now_ms();
        store_close(s);
        if (k1 != KEYSLOT_OK || k2 != KEYSLOT_OK || st != ST_OK) {
            sodium_free(key);
            return -1;
        }
        argon[r] = b - a, rest[r] = (d - c) - (c - b), first[r] = e - d;
    }
    if (!key)
        return -1;
    sodium_free(key);
    fig->argon = bench_summarise(argon, UNLOCK_RUNS);
    fig->rest = bench_summarise(rest, UNLOCK_RUNS);
    fig->first_after_unlock = bench_summarise(first, UNLOCK_RUNS);
    return 0;
}

/* Every read query once, not timed: statements, caches and (the first
 * time) the dashboard's deadlines, as a screen already opened has them. */
static int warm_up(store *s)
{
    double cpu;
    for (int k = 0; k < Q_COUNT; k++)
        if (time_query(s, k, &cpu) < 0)
            return -1;
    return 0;
}

/* QRUNS of every read query on s (the original store), then the peak RSS
 * of all of it. */
static int time_reads(store *s, size_figures *fig)
{
    static double t[Q_COUNT][QRUNS], c[Q_COUNT][QRUNS];
    reset_peak_rss();
    if (warm_up(s) != 0)
        return -1;
    for (int r = 0; r < QRUNS; r++)
        for (int k = 0; k < Q_COUNT; k++)
            if ((t[k][r] = time_query(s, k, &c[k][r])) < 0)
                return -1;
    fig->rss_peak_kib = peak_rss_kib();
    for (int k = 0; k < Q_COUNT; k++) {
        fig->q[k] = bench_summarise(t[k], QRUNS);
        fig->q_cpu[k] = bench_summarise(c[k], QRUNS);
    }
    return 0;
}

/* SAVES durable answers into a new 60-question screening of s: wall
 * clock into *out, CPU into *cpu_out. */
static int time_saves(store *s, stat_ms *out, stat_ms *cpu_out)
{
    static double t[SAVES], c[SAVES];
    tc_screening sc;
    instrument *inst = NULL;
    int failed = screening_fixture(s, &sc, &inst) != 0;
    for (int k = 0; !failed && k < SAVES; k++)
        failed = (t[k] = save_answer(s, &sc, inst, k, &c[k])) < 0;
    instrument_free(inst);
    if (!failed) {
        *out = bench_summarise(t, SAVES);
        *cpu_out = bench_summarise(c, SAVES);
    }
    return failed ? -1 : 0;
}

/* The reads on the two copies side by side, CPU milliseconds: the
 * encrypted and the plain one take turns run by run (which goes first
 * alternates), so a change of load on the machine falls on both. */
static int time_copy_reads(store *enc, store *plain, stat_ms *e, stat_ms *p)
{
    static double te[Q_COUNT][QRUNS], tp[Q_COUNT][QRUNS];
    if (warm_up(enc) != 0 || warm_up(plain) != 0)
        return -1;
    for (int r = 0; r < QRUNS; r++)
        for (int k = 0; k < Q_COUNT; k++) {
            bool enc_first = (r + k) % 2 == 0;
            double cx, cy;
            double x = time_query(enc_first ? enc : plain, k, &cx);
            double y = time_query(enc_first ? plain : enc, k, &cy);
            te[k][r] = enc_first ? cx : cy, tp[k][r] = enc_first ? cy : cx;
            if (x < 0 || y < 0)
                return -1;
        }
    for (int k = 0; k < Q_COUNT; k++) {
        e[k] = bench_summarise(te[k], QRUNS);
        p[k] = bench_summarise(tp[k], QRUNS);
    }
    return 0;
}

/* SAVES durable answers into each copy, in turns: CPU milliseconds. */
static int time_copy_saves(store *enc, store *plain, size_figures *fig)
{
    static double se[SAVES], sp[SAVES];
    tc_screening sce, scp;
    instrument *ie = NULL, *ip = NULL;
    int failed = screening_fixture(enc, &sce, &ie) != 0 || screening_fixture(plain, &scp, &ip) != 0;
    for (int k = 0; !failed && k < SAVES; k++) {
        failed = save_answer(enc, &sce, ie, k, &se[k]) < 0
              || save_answer(plain, &scp, ip, k, &sp[k]) < 0;
    }
    instrument_free(ie);
    instrument_free(ip);
    if (failed)
        return -1;
    fig->save_enc = bench_summarise(se, SAVES);
    fig->save_plain = bench_summarise(sp, SAVES);
    return 0;
}

/* SQLCipher decrypts a page each time it enters SQLite's page cache
 * (2 MiB by default); pages that stay there cost nothing more.  The reads
 * again with a BIG_CACHE_KIB cache on both copies show what a bigger
 * cache does to the ratio (the program itself keeps the default). */
enum { BIG_CACHE_KIB = 16384 };

static int set_cache_kib(store *s, int kib)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int time_copies(store *enc, store *plain, size_figures *fig)
{
    return time_copy_reads(enc, plain, fig->q_enc, fig->q_plain) != 0
        || time_copy_saves(enc, plain, fig) != 0
        || set_cache_kib(enc, BIG_CACHE_KIB) != 0 || set_cache_kib(plain, BIG_CACHE_KIB) != 0
        || time_copy_reads(enc, plain, fig->q_enc_big, fig->q_plain_big) != 0 ? -1 : 0;
}

/* Both copies of the store s, measured; and the plain one offered to
 * store_open, which must refuse it (kept in fig->plain_refused). */
static int ratio_run(store *s, const char *dir, const char *pass, const tc_clock *clock,
                     size_figures *fig)
{
    char enc_dir[4200], plain_dir[4200];
    snprintf(enc_dir, sizeof enc_dir, "%s/enc", dir);
    snprintf(plain_dir, sizeof plain_dir, "%s/plain", dir);
    if (bench_copy_store(s, enc_dir, false) != 0 || bench_copy_store(s, plain_dir, true) != 0)
        return -1;
    store *enc = NULL, *plain = NULL, *refused = NULL;
    fig->plain_refused = store_open(plain_dir, "bench", pass, clock, &refused);
    store_close(refused);
    int failed = fig->plain_refused == ST_OK
              || store_open(enc_dir, "bench", pass, clock, &enc) != ST_OK
              || bench_plain_open(plain_dir, "bench", clock, &plain) != ST_OK
              || bench_same_pragmas(enc, plain) != 0
              || time_copies(enc, plain, fig) != 0;
    store_close(enc);
    store_close(plain);
    return failed ? -1 : 0;
}

static void print_row(const char *what, stat_ms st)
{
    printf("  %-42s %10.2f %10.2f\n", what, st.median, st.worst);
}

static double ratio(stat_ms e, stat_ms p)
{
    return p.median > 0 ? e.median / p.median : 0;
}

static void print_ratio_row(const char *what, stat_ms st, stat_ms cpu, stat_ms e, stat_ms p)
{
    printf("  %-42s %10.2f %10.2f %8.2f %8.2f %8.2f %6.2f", what, st.median, st.worst,
           cpu.median, e.median, p.median, ratio(e, p));
}

static void print_size(const size_figures *f)
{
    printf("\n%u cases: fill %.1f s, %.1f MiB (%ld B/case), load average %.2f -> %.2f\n",
           f->n, f->fill_ms / 1e3, f->bytes / 1048576.0, f->n ? f->bytes / (long)f->n : 0,
           f->load_before, f->load_after);
    printf("  %-42s %10s %10s %8s %8s %8s %6s %s\n", "milliseconds", "median", "worst", "CPU",
           "enc CPU", "pl. CPU", "ratio", "(16M: enc, plain, ratio)");
    print_row("unlock: Argon2id alone (default)", f->argon);
    print_row("unlock: the rest of store_open", f->rest);
    print_row("first page just after unlock (cold)", f->first_after_unlock);
    for (int k = 0; k < Q_COUNT; k++) {
        print_ratio_row(Q_NAMES[k], f->q[k], f->q_cpu[k], f->q_enc[k], f->q_plain[k]);
        printf("   (%.2f, %.2f, %.2f)\n", f->q_enc_big[k].median, f->q_plain_big[k].median,
               ratio(f->q_enc_big[k], f->q_plain_big[k]));
    }
    print_ratio_row("one durable answer save", f->save, f->save_cpu, f->save_enc,
                    f->save_plain);
    printf("\n");
    print_row("hand-over, one case (send+open+import)", f->handover.one);
    char what[64];
    snprintf(what, sizeof what, "hand-over, %zu cases", f->handover.n_many);
    print_row(what, f->handover.many);
    snprintf(what, sizeof what, "backup (%.1f MiB file)", f->backup_bytes / 1048576.0);
    print_row(what, f->backup);
    printf("  %-42s %10.1f MiB\n", "peak RSS outside Argon2id", f->rss_peak_kib / 1024.0);
    printf("  %-42s %10ld B\n", "size per case", f->n ? f->bytes / (long)f->n : 0);
    printf("  %-42s %s\n", "plain copy offered to store_open",
           f->plain_refused == ST_DAMAGED ? "refused as damaged" : "NOT refused as damaged");
}

static int run_size(unsigned n, const tc_clock *clock)
{
    char dir[] = "/tmp/tipcase-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char sub[sizeof dir + 8];
    snprintf(sub, sizeof sub, "%s/s", dir);
    tc_officer admin = { .login = "bench", .name = "Bench", .role = ROLE_ADMIN, .active = true };
    tc_officer fast = { .login = "cheap", .name = "Cheap slot", .role = ROLE_SUPERVISOR, .active = true };
    store *s = NULL;
    const char *pass = "benchmark passphrase";
    static size_figures fig;
    memset(&fig, 0, sizeof fig);
    fig.n = n;
    fig.load_before = load_average();
    if (store_create(sub, &admin, pass, kdf_params_default(), clock, &s) != ST_OK)
        return 1;
    store_officer_add(s, &fast, pass, kdf_params_cheap());
    caldate today = caldate_from_timestamp(tc_now(clock), clock->utc_offset);
    double t0 = bench_now_ms();
    if (fill(s, n, today) != 0)
        return 1;
    fig.fill_ms = bench_now_ms() - t0;
    store_close(s);
    /* The fill's millions of small allocations leave the heap in pieces
     * that glibc keeps; hand the free pages back, so that the RSS below is
     * what the list needs, as in a fresh process (bench-only, glibc). */
    malloc_trim(0);
    fig.bytes = bench_dir_bytes(sub);
    /* The copies are made before the saves, consents and hand-overs below
     * change the store. */
    int failed = time_unlock(sub, pass, clock, &fig) != 0
              || store_open(sub, "bench", pass, clock, &s) != ST_OK
              || time_reads(s, &fig) != 0
              || ratio_run(s, dir, pass, clock, &fig) != 0
              || time_saves(s, &fig.save, &fig.save_cpu) != 0
              || bench_handover_times(s, dir, clock, n, &fig.handover) != 0
              || bench_backup_times(s, dir, &fig.backup, &fig.backup_bytes) != 0;
    store_close(s);
    fig.load_after = load_average();
    if (failed)
        return 1;
    print_size(&fig);
    fflush(stdout);
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : 1;
}

/* "bench/bench report N [DIR]": only the fiscal-year report at N cases.
 * With DIR, the store is kept there (made and filled when DIR does not
 * exist yet, reused when it does), for a profiler to run against. */
static int run_report(unsigned n, const char *keep, const tc_clock *clock)
{
    char tmp[] = "/tmp/tipcase-bench-XXXXXX";
    const char *dir = keep;
    struct stat st;
    bool reuse = keep && stat(keep, &st) == 0;
    if (!keep && !mkdtemp(tmp))
        return 1;
    if (!keep)
        dir = tmp;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/s", dir);
    const char *pass = "benchmark passphrase";
    store *s = NULL;
    if (!reuse) {
        if (keep && mkdir(keep, 0700) != 0)
            return 1;
        tc_officer admin = { .login = "bench", .name = "Bench", .role = ROLE_ADMIN,
                             .active = true };
        caldate today = caldate_from_timestamp(tc_now(clock), clock->utc_offset);
        if (store_create(sub, &admin, pass, kdf_params_cheap(), clock, &s) != ST_OK)
            return 1;
        sqlite3_exec(store_db_handle(s), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
        int failed = fill(s, n, today) != 0;
        store_close(s);
        if (failed)
            return 1;
    }
    int failed = store_open(sub, "bench", pass, clock, &s) != ST_OK;
    long bytes = bench_dir_bytes(sub);
    printf("%7u cases  size %6.1f MiB (%ld B/case)\n", n, bytes / 1048576.0,
           n ? bytes / (long)n : 0);
    long before = rss_kib();
    failed = failed || bench_report_times(s, n) != 0;
    printf("   RSS after open %ld KiB, after the report runs %ld KiB\n", before, rss_kib());
    store_close(s);
    if (keep)
        return failed;
    char cmd[sizeof tmp + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
    return system(cmd) == 0 && !failed ? 0 : 1;
}

/* ---- screening ---- */

/* The forced-labour instrument (55 indicators, as shipped) under another
 * code, with a sixth section of five more: 60 questions of real length. */
static char *sixty_indicator_source(void)
{
    const builtin_instrument *fl = NULL;
    for (size_t i = 0; i < builtin_instrument_count; i++)
        if (strcmp(builtin_instruments[i].name, "forced_labour") == 0)
            fl = &builtin_instruments[i];
    static const char header[] = "instrument\tforced_labour\t1\t";
    const char *hdr = fl ? strstr(fl->text, header) : NULL;
    if (!hdr)
        return NULL;
    static const char extra[] =
        "section\tbench.extra\tFive more questions\tคำถามเพิ่มอีกห้าข้อ\n"
        "indicator\tbench.x1\tmeans\tmedium\t-\tDid anyone tell you that you would be sent to prison if you left?\t"
        "มีใครบอกคุณไหมว่าถ้าออกไปคุณจะถูกจับเข้าคุก\tAsk who said it and when.\tถามว่าใครพูดและพูดเมื่อไร\n"
        "indicator\tbench.x2\tpurpose\tmedium\t-\tWere you made to work more than twelve hours most days?\t"
        "คุณต้องทำงานเกินวันละสิบสองชั่วโมงเกือบทุกวันใช่หรือไม่\tCount the hours of a usual day.\tนับชั่วโมงทำงานของวันปกติ\n"
        "indicator\tbench.x3\tact\tweak\t-\tDid someone pay for your travel to this place?\t"
        "มีใครจ่ายค่าเดินทางมาที่นี่ให้คุณหรือไม่\tAsk who paid and whether it must be repaid.\tถามว่าใครจ่ายและต้องใช้คืนหรือไม่\n"
        "indicator\tbench.x4\tvulnerability\tweak\t-\tDo you have no papers to stay in Thailand?\t"
        "คุณไม่มีเอกสารให้อยู่ในประเทศไทยใช่หรือไม่\tThis is context, not exploitation.\tเป็นข้อมูลประกอบ ไม่ใช่การแสวงหาประโยชน์\n"
        "indicator\tbench.x5\tforced_labour\tstrong\t-\tAre you locked in where you sleep at night?\t"
        "ตอนกลางคืนคุณถูกขังในที่นอนใช่หรือไม่\tLook at the doors and locks.\tดูประตูและกุญแจ\n";
    size_t before = (size_t)(hdr - fl->text), rest = fl->len - before - (sizeof header - 1);
    char *out = malloc(fl->len + sizeof extra + 8);
    if (!out)
        return NULL;
    sprintf(out, "%.*sinstrument\tbench60\t1\t%.*s%s", (int)before, fl->text, (int)rest,
            hdr + sizeof header - 1, extra);
    return out;
}

static int screening_fixture(store *s, tc_screening *sc, instrument **inst)
{
    char *source = sixty_indicator_source();
    store_status st = source ? store_instrument_add(s, source, NULL, NULL) : ST_NOMEM;
    free(source);
    tc_case c;
    case_init(&c);
    snprintf(c.name_thai, sizeof c.name_thai, "มะลิ ใจดี");
    if (st != ST_OK || store_case_add(s, &c, NULL) != ST_OK)
        return -1;
    memset(sc, 0, sizeof *sc);
    snprintf(sc->case_id, sizeof sc->case_id, "%s", c.id);
    snprintf(sc->instrument_code, sizeof sc->instrument_code, "bench60");
    interview_init(&sc->interview);
    sc->interview.held_at = tc_now(store_clock(s)) - 600;
    snprintf(sc->interview.place, sizeof sc->interview.place, "ท่าเรือ");
    snprintf(sc->interview.interviewers, sizeof sc->interview.interviewers, "Bench");
    snprintf(sc->interview.language, sizeof sc->interview.language, "my");
    sc->interview.consent_given = true;
    if (store_screening_start(s, sc, NULL) != ST_OK
        || store_instrument_load(s, "bench60", 0, inst) != ST_OK)
        return -1;
    return (*inst)->n_indicators == 60 ? 0 : -1;
}

enum { ANSWERS = 1000, OPENS = 101 };

/* Saves answer k (cycling through the questions) durably: its
 * milliseconds (and in *cpu, when not NULL, its CPU milliseconds), or -1
 * when the store refused it. */
static double save_answer(store *s, const tc_screening *sc, const instrument *inst, int k,
                          double *cpu)
{
    size_t i = (size_t)k % inst->n_indicators;
    double c0 = cpu_now_ms(), a = bench_now_ms();
    store_status st = store_screening_answer(s, sc->id, inst->indicators[i].code,
                                             (answer_value)(1 + k % 4), k % 3 == 0,
                                             k % 5 == 0 ? "เห็นบัตรชมพูที่นายจ้างเก็บไว้" : NULL,
                                             i + 1, NULL);
    double ms = bench_now_ms() - a;
    if (cpu)
        *cpu = cpu_now_ms() - c0;
    return st == ST_OK ? ms : -1;
}

/* Times ANSWERS saves, cycling through the questions. */
static int time_answers(store *s, const tc_screening *sc, const instrument *inst, double *save)
{
    for (int k = 0; k < ANSWERS; k++)
        if ((save[k] = save_answer(s, sc, inst, k, NULL)) < 0)
            return -1;
    return 0;
}

/* Times OPENS openings: the screening, its version's text, its answers,
 * down to the question it resumes at. */
static int time_opens(store *s, const tc_screening *sc, double *open)
{
    for (int r = 0; r < OPENS; r++) {
        double a = bench_now_ms();
        tc_screening got;
        instrument *in = NULL;
        screening_answers answers;
        if (store_screening_get(s, sc->id, &got) != ST_OK
            || store_instrument_load(s, got.instrument_code, got.instrument_version, &in) != ST_OK
            || store_screening_answers(s, sc->id, in, &answers) != ST_OK) {
            instrument_free(in);
            return -1;
        }
        const char *first = in->indicators[got.position % in->n_indicators].question_th;
        open[r] = bench_now_ms() - a;
        bool shown = first[0] != '\0';
        screening_answers_free(&answers);
        instrument_free(in);
        if (!shown)
            return -1;
    }
    return 0;
}

static int run_screening(const tc_clock *clock)
{
    char dir[] = "/tmp/tipcase-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char sub[sizeof dir + 8];
    snprintf(sub, sizeof sub, "%s/s", dir);
    tc_officer admin = { .login = "bench", .name = "Bench", .role = ROLE_ADMIN, .active = true };
    store *s = NULL;
    tc_screening sc;
    instrument *inst = NULL;
    static double save[ANSWERS], open[OPENS];
    int failed = store_create(sub, &admin, "benchmark passphrase", kdf_params_cheap(), clock, &s)
                 != ST_OK
              || screening_fixture(s, &sc, &inst) != 0
              || time_answers(s, &sc, inst, save) != 0
              || time_opens(s, &sc, open) != 0;
    instrument_free(inst);
    store_close(s);
    if (!failed) {
        stat_ms ss = bench_summarise(save, ANSWERS), so = bench_summarise(open, OPENS);
        printf("screening (60 indicators)\n");
        printf("   save one answer (durable)         median %8.2f  worst %8.2f ms  (%d answers)\n",
               ss.median, ss.worst, ANSWERS);
        printf("   open to the first question        median %8.2f  worst %8.2f ms  (%d runs)\n",
               so.median, so.worst, OPENS);
    }
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 && !failed ? 0 : 1;
}

/* ---- referrals ---- */

#define DAY INT64_C(86400)
#define SIM_DAYS 1500
#define RECENT_DAYS 60

/* One step of the simulation: referral `ref` is made (step 0) or moves to
 * `to`, on day `day` (0 = the first simulated day). */
typedef struct ref_event {
    int day;
    unsigned ref;
    unsigned char step;
    unsigned char to;
} ref_event;

static int ref_event_order(const void *a, const void *b)
{
    const ref_event *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->ref != y->ref)
        return x->ref < y->ref ? -1 : 1;
    return (x->step > y->step) - (x->step < y->step);
}

/* A cheap, fixed pseudo-random number for referral i and purpose k. */
static unsigned mix(unsigned i, unsigned k)
{
    unsigned h = i * 2654435761u ^ (k + 0x9e3779b9u) * 40503u;
    h ^= h >> 15;
    h *= 2246822519u;
    return h ^ (h >> 13);
}

typedef struct ref_path { referral_state to; int after; } ref_path;

/* What happens to referral i after it is made: a path of states with the
 * days after the making, ending where it stands today.  Old referrals are
 * mostly final; about one in ten never got past "sent" or a later open
 * state (those are the overdue and idle rows); recent ones are open. */
static size_t referral_fate(unsigned i, int age, ref_path out[6])
{
    unsigned p = mix(i, 1) % 100;
    size_t n = 0;
    if (age > RECENT_DAYS) {
        static const ref_path completed[] = { { REFERRAL_SENT, 0 }, { REFERRAL_ACKNOWLEDGED, 1 },
            { REFERRAL_ACCEPTED, 3 }, { REFERRAL_IN_SERVICE, 5 }, { REFERRAL_COMPLETED, 30 } };
        static const ref_path declined[] = { { REFERRAL_SENT, 0 }, { REFERRAL_ACKNOWLEDGED, 1 },
            { REFERRAL_DECLINED, 3 } };
        static const ref_path closed[] = { { REFERRAL_SENT, 0 }, { REFERRAL_CLOSED, 20 } };
        static const ref_path withdrawn[] = { { REFERRAL_SENT, 0 }, { REFERRAL_WITHDRAWN, 10 } };
        static const ref_path stuck_sent[] = { { REFERRAL_SENT, 0 } };
        static const ref_path stuck_ack[] = { { REFERRAL_SENT, 0 }, { REFERRAL_ACKNOWLEDGED, 2 } };
        static const ref_path accepted[] = { { REFERRAL_SENT, 0 }, { REFERRAL_ACKNOWLEDGED, 1 },
            { REFERRAL_ACCEPTED, 2 } };
        static const ref_path serving[] = { { REFERRAL_SENT, 0 }, { REFERRAL_ACKNOWLEDGED, 1 },
            { REFERRAL_ACCEPTED, 2 }, { REFERRAL_IN_SERVICE, 4 } };
        const ref_path *path = p < 20 ? completed : p < 30 ? declined : p < 70 ? closed
                             : p < 90 ? withdrawn : p < 93 ? stuck_sent : p < 96 ? stuck_ack
                             : p < 98 ? accepted : serving;
        n = p < 20 ? 5 : p < 30 ? 3 : p < 70 ? 2 : p < 90 ? 2 : p < 93 ? 1 : p < 96 ? 2
          : p < 98 ? 3 : 4;
        memcpy(out, path, n * sizeof *out);
        return n;
    }
    if (p < 10)
        return 0;                                       /* a draft */
    out[n++] = (ref_path){ REFERRAL_SENT, 0 };
    if (p >= 50)
        out[n++] = (ref_path){ REFERRAL_ACKNOWLEDGED, 1 };
    if (p >= 75)
        out[n++] = (ref_path){ REFERRAL_ACCEPTED, 3 };
    if (p >= 90)
        out[n++] = (ref_path){ REFERRAL_IN_SERVICE, 5 };
    /* Steps that would fall after today have not happened yet. */
    while (n > 0 && out[n - 1].after > age)
        n--;
    return n;
}

static const char *const BENCH_AGENCIES[] = {
    "msdhs", "msdhs_1300", "dcy", "rtp", "rtp_atpd", "imm", "dlpw", "doe", "lct", "moph",
    "iom", "emb_mm", "emb_kh", "emb_la",
};

typedef struct ref_sim {
    store *s;
    tc_fixed_clock *clock;
    int64_t start;                  /* the first simulated day, 10:00 in Bangkok */
    unsigned n_cases, n_refs;
    char (*case_ids)[TC_ID_LEN];
    char (*ref_ids)[TC_ID_LEN];
    char officers[5][TC_ID_LEN];
} ref_sim;

static store_status sim_make(ref_sim *sim, unsigned i)
{
    tc_referral r;
    referral_init(&r);
    memcpy(r.case_id, sim->case_ids[i % sim->n_cases], TC_ID_LEN);
    snprintf(r.agency_code, sizeof r.agency_code, "%s",
             BENCH_AGENCIES[mix(i, 2) % COUNT(BENCH_AGENCIES)]);
    unsigned u = mix(i, 3) % 10;
    r.urgency = u < 1 ? REFERRAL_EMERGENCY : u < 4 ? REFERRAL_URGENT : REFERRAL_ROUTINE;
    r.channel = (referral_channel)(mix(i, 4) % REFERRAL_CHANNEL_COUNT);
    r.needs = need_set_of((need_kind)(mix(i, 5) % NEED_KIND_COUNT));
    snprintf(r.summary, sizeof r.summary, "ชื่อ อายุ สัญชาติ และความต้องการ พบที่ท่าเรือ");
    r.shared = code_set_bit(REFERRAL_SHARED_IDENTITY) | code_set_bit(REFERRAL_SHARED_NEEDS);
    memcpy(r.officer_id, sim->officers[mix(i, 6) % 5], TC_ID_LEN);
    store_status st = store_referral_add(sim->s, &r, false, NULL, NULL, NULL);
    if (st == ST_OK)
        memcpy(sim->ref_ids[i], r.id, TC_ID_LEN);
    return st;
}

static store_status sim_move(ref_sim *sim, unsigned i, referral_state to)
{
    const char *reason = referral_state_needs_reason(to) ? "ไม่มีการตอบกลับ" : NULL;
    return store_referral_change_state(sim->s, sim->ref_ids[i], to, reason,
                                       tc_now(store_clock(sim->s)),
                                       to == REFERRAL_SENT ? "ส่งด่วน ผู้เสียหายไม่ปลอดภัย" : NULL,
                                       NULL, NULL);
}

/* Every referral made and moved on its days, in time order. */
static int sim_run(ref_sim *sim)
{
    ref_event *ev = malloc((size_t)sim->n_refs * 7 * sizeof *ev);
    if (!ev)
        return -1;
    size_t n = 0;
    for (unsigned i = 0; i < sim->n_refs; i++) {
        int age = (int)(mix(i, 0) % SIM_DAYS);
        int made = SIM_DAYS - 1 - age;
        ref_path path[6];
        size_t k = referral_fate(i, age, path);
        ev[n++] = (ref_event){ made, i, 0, REFERRAL_DRAFT };
        for (size_t j = 0; j < k; j++)
            ev[n++] = (ref_event){ made + path[j].after, i, (unsigned char)(j + 1),
                                   (unsigned char)path[j].to };
    }
    qsort(ev, n, sizeof *ev, ref_event_order);
    for (size_t e = 0; e < n; e++) {
        /* 10:00 on the event's day, a second per referral later: every step
         * after the one before it. */
        sim->clock->at = sim->start + ev[e].day * DAY + (int64_t)(ev[e].ref % 3600);
        store_status st = ev[e].step == 0 ? sim_make(sim, ev[e].ref)
                                          : sim_move(sim, ev[e].ref, (referral_state)ev[e].to);
        if (st != ST_OK) {
            fprintf(stderr, "bench: referral %u step %u: %s\n", ev[e].ref, ev[e].step,
                    store_status_text(st));
            free(ev);
            return -1;
        }
    }
    free(ev);
    return 0;
}

static int sim_officers(ref_sim *sim)
{
    snprintf(sim->officers[0], TC_ID_LEN, "%s", store_me(sim->s)->id);
    for (int k = 1; k < 5; k++) {
        tc_officer o = { .role = ROLE_SOCIAL_WORKER, .active = true };
        snprintf(o.login, sizeof o.login, "worker%d", k);
        snprintf(o.name, sizeof o.name, "Social Worker %d", k);
        if (store_officer_add(sim->s, &o, "benchmark passphrase", kdf_params_cheap()) != ST_OK)
            return -1;
    }
    tc_officer *all = NULL;
    size_t n = 0;
    if (store_officer_list(sim->s, &all, &n) != ST_OK)
        return -1;
    int k = 1;
    for (size_t i = 0; i < n && k < 5; i++)
        if (strncmp(all[i].login, "worker", 6) == 0)
            snprintf(sim->officers[k++], TC_ID_LEN, "%s", all[i].id);
    free(all);
    return k == 5 ? 0 : -1;
}

/* The cases, made on the first simulated day, their ids kept. */
static int sim_cases(ref_sim *sim)
{
    enum { BATCH = 1000 };
    tc_case *batch = calloc(BATCH, sizeof *batch);
    caldate first = caldate_from_timestamp(sim->start, 7 * 3600);
    for (unsigned done = 0; batch && done < sim->n_cases;) {
        unsigned k = sim->n_cases - done < BATCH ? sim->n_cases - done : BATCH;
        for (unsigned j = 0; j < k; j++)
            make_case(&batch[j], done + j, first);
        if (store_case_add_many(sim->s, batch, k) != ST_OK)
            break;
        for (unsigned j = 0; j < k; j++)
            memcpy(sim->case_ids[done + j], batch[j].id, TC_ID_LEN);
        done += k;
        if (done == sim->n_cases) {
            free(batch);
            return 0;
        }
    }
    free(batch);
    return -1;
}

/* What the dashboard screen does before it draws: the counts, a page of
 * rows, each formatted for an 80-column line. */
static size_t dashboard_page(store *s, const referral_filter *f, int64_t now, size_t offset,
                             int utc_offset)
{
    referral_row rows[22];
    size_t open = 0, overdue = 0, n = 0;
    store_referral_dashboard_count(s, f, now, &open, &overdue);
    store_referral_dashboard(s, f, now, offset, rows, 22, &n);
    char name[1024], when[MOMENT_TEXT_MAX], left[64];
    for (size_t i = 0; i < n; i++) {
        text_pad(rows[i].name, 20, name, sizeof name);
        text_pad(rows[i].agency_abbr_th, 10, name, sizeof name);
        moment_format(rows[i].due, utc_offset, when, sizeof when);
        time_left_short(rows[i].due - now, left, sizeof left);
    }
    return open;
}

static void print_plans(store *s)
{
    sqlite3 *db = store_db_handle(s);
    char sql[1024], explain[1100];
    printf("   plans:\n");
    for (size_t i = 0; referral_dash_query(i, sql, sizeof sql); i++) {
        snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(db, explain, -1, &q, NULL) != SQLITE_OK)
            continue;
        printf("     %.60s...\n", sql);
        while (sqlite3_step(q) == SQLITE_ROW)
            printf("       %s\n", (const char *)sqlite3_column_text(q, 3));
        sqlite3_finalize(q);
    }
}

static void time_dashboard(store *s, int64_t now, int utc_offset, const char *officer_id)
{
    enum { RUNS = 21 };
    static const char *const names[] = {
        "first page (counts + 22 rows drawn)", "overdue count (main screen)",
        "first page, one agency (msdhs)", "first page, one officer",
        "first page, state accepted", "first page, overdue only",
        "page at offset 10,000",
    };
    referral_filter filters[] = {
        { NULL, NULL, false, REFERRAL_DRAFT, false },
        { NULL, NULL, false, REFERRAL_DRAFT, false },
        { "msdhs", NULL, false, REFERRAL_DRAFT, false },
        { NULL, officer_id, false, REFERRAL_DRAFT, false },
        { NULL, NULL, true, REFERRAL_ACCEPTED, false },
        { NULL, NULL, false, REFERRAL_DRAFT, true },
        { NULL, NULL, false, REFERRAL_DRAFT, false },
    };
    size_t open = 0, overdue = 0;
    store_referral_dashboard_count(s, NULL, now, &open, &overdue);
    printf("   open referrals %zu, overdue %zu\n", open, overdue);
    for (size_t k = 0; k < COUNT(names); k++) {
        double t[RUNS];
        for (int r = 0; r < RUNS; r++) {
            double a = bench_now_ms();
            if (k == 1) {
                size_t n = 0;
                store_referral_count_overdue(s, now, &n);
            } else {
                dashboard_page(s, &filters[k], now, k == 6 ? 10000 : 0, utc_offset);
            }
            t[r] = bench_now_ms() - a;
        }
        stat_ms st = bench_summarise(t, RUNS);
        printf("   %-38s median %8.2f  worst %8.2f ms\n", names[k], st.median, st.worst);
    }
}

static int run_referrals(unsigned n_cases, unsigned n_refs, tc_fixed_clock *fixed,
                         const tc_clock *clock)
{
    char dir[] = "/tmp/tipcase-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char sub[sizeof dir + 8];
    snprintf(sub, sizeof sub, "%s/s", dir);
    int64_t today = fixed->at;
    ref_sim sim = { NULL, fixed, today - (SIM_DAYS - 1) * DAY, n_cases, n_refs,
                    calloc(n_cases, TC_ID_LEN), calloc(n_refs, TC_ID_LEN), { "" } };
    fixed->at = sim.start;
    tc_officer admin = { .login = "bench", .name = "Bench", .role = ROLE_ADMIN, .active = true };
    int failed = !sim.case_ids || !sim.ref_ids
              || store_create(sub, &admin, "benchmark passphrase", kdf_params_cheap(), clock,
                              &sim.s) != ST_OK;
    double t0 = bench_now_ms(), t1 = t0;
    if (!failed) {
        /* Filling only: the figures below are measured with FULL again. */
        sqlite3_exec(store_db_handle(sim.s), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
        failed = sim_officers(&sim) != 0 || sim_cases(&sim) != 0;
        t1 = bench_now_ms();
        failed = failed || sim_run(&sim) != 0;
    }
    double t2 = bench_now_ms();
    store_close(sim.s);
    fixed->at = today;
    if (!failed && store_open(sub, "bench", "benchmark passphrase", clock, &sim.s) == ST_OK) {
        long bytes = bench_dir_bytes(sub);
        printf("referrals: %u across %u cases (made in %.0f s, cases in %.0f s), %.1f MiB\n",
               n_refs, n_cases, (t2 - t1) / 1e3, (t1 - t0) / 1e3, bytes / 1048576.0);
        double a = bench_now_ms();
        dashboard_page(sim.s, NULL, today, 0, clock->utc_offset);
        printf("   first page just after unlock          %8.2f ms\n", bench_now_ms() - a);
        time_dashboard(sim.s, today, clock->utc_offset, sim.officers[1]);
        print_plans(sim.s);
        store_close(sim.s);
    } else {
        failed = 1;
    }
    free(sim.case_ids);
    free(sim.ref_ids);
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 && !failed ? 0 : 1;
}

int main(int argc, char **argv)
{
    i18n_init(LOCALEDIR);
    if (sodium_init() < 0)
        return 1;
    tc_fixed_clock fixed = { 1795000000 };  /* 2026-11-18 */
    tc_clock clock = { tc_fixed_clock_now, &fixed, 7 * 3600 };
    unsigned sizes[] = { 1000, 10000, 100000 };
    size_t nsizes = COUNT(sizes);
    if (argc > 1 && strcmp(argv[1], "screening") == 0)
        return run_screening(&clock);
    if (argc > 1 && strcmp(argv[1], "report") == 0)
        return run_report(argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 100000,
                          argc > 3 ? argv[3] : NULL, &clock);
    if (argc > 1 && strcmp(argv[1], "referrals") == 0)
        return run_referrals(argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 100000,
                             argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : 300000,
                             &fixed, &clock);
    if (argc > 1)
        sizes[0] = (unsigned)strtoul(argv[1], NULL, 10), nsizes = 1;
    for (size_t i = 0; i < nsizes; i++)
        if (run_size(sizes[i], &clock) != 0) {
            fprintf(stderr, "bench: failed at %u cases\n", sizes[i]);
            return 1;
        }
    if (run_screening(&clock) != 0) {
        fprintf(stderr, "bench: the screening figures failed\n");
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS of this process (includes Argon2id): %ld KiB\n", ru.ru_maxrss);
    return 0;
}
