/* bench_report.c - issue 7's figures: the fiscal-year report, hand-over
 * of one case and of 1,000, backup; and the record rows a report counts,
 * written into the bench store (see bench.h). */
#define _GNU_SOURCE
#include "config.h"
#include "bench/bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/caserec.h"
#include "core/consent.h"
#include "core/geo.h"
#include "core/identification.h"
#include "core/needs.h"
#include "core/referral.h"
#include "core/report.h"
#include "core/repatriation.h"
#include "core/screening.h"
#include "db/backup.h"
#include "db/exchange.h"
#include "db/record.h"
#include "db/report_store.h"
#include "db/store_internal.h"

#define DAY_SECONDS INT64_C(86400)

/* A fixed pseudo-random number for case i and purpose k (as bench.c's). */
static unsigned hash(unsigned i, unsigned k)
{
    unsigned h = i * 2654435761u ^ (k + 0x9e3779b9u) * 40503u;
    h ^= h >> 15;
    h *= 2246822519u;
    return h ^ (h >> 13);
}

/* The ids of the first adult cases, for the hand-over. */
enum { HANDOVER_MAX = 1000 };
static char handover_ids[HANDOVER_MAX][TC_ID_LEN];
static unsigned n_handover_ids;

/* ---- the rows --------------------------------------------------------- */

enum { Q_SCREENING, Q_IDENT, Q_INTAKE, Q_REFERRAL, Q_EVENT, Q_NEED, Q_REPAT, Q_CLOSURE,
       Q_COUNT };

static const char *const row_sql[Q_COUNT] = {
    [Q_SCREENING] =
        "INSERT INTO screenings(id, case_id, instrument_id, held_at, place, interviewers,"
        " language, interpreter_used, interpreter_name, interpreter_agency,"
        " interpreter_language, consent_given, earlier_interviews, guardian_present, child,"
        " position, decided, suggestion, decision, decision_reason, decided_at, decided_by,"
        " created_at, updated_at, created_by, updated_by) VALUES(?1, ?2, ?3, ?4,"
        " 'ท่าเรือประมง สมุทรสาคร', 'ทีมสหวิชาชีพ จังหวัดสมุทรสาคร', 'my', 1, 'Ma Thida',"
        " 'มูลนิธิเพื่อนหญิง', 'my', 1, 0, 'not_recorded', ?5, ?6, ?7, ?8, ?9, '', ?10, ?11,"
        " ?4, ?12, ?13, ?13)",
    [Q_IDENT] =
        "INSERT INTO identifications(id, case_id, outcome, other_matter, body, body_name,"
        " decided_on, reasons, created_at, updated_at, created_by, updated_by) VALUES(?1, ?2,"
        " ?3, 'none', 'police', 'สถานีตำรวจภูธรเมืองสมุทรสาคร', ?4,"
        " 'ถูกยึดเอกสาร ทำงานวันละสิบหกชั่วโมง ไม่ได้รับค่าจ้างสามเดือน มีหนี้ค่านายหน้า', ?5, ?5,"
        " ?6, ?6)",
    [Q_INTAKE] =
        "INSERT INTO intakes(id, record_id, version, is_current, change, change_reason,"
        " audit_seq, entry_withdrawn, case_id, district, establishment, sector, origin, transit,"
        " exploitation_country, crossing, crossing_point, exploitation, exploitation_from,"
        " exploitation_to, recruitment, documents, immigration, created_at, updated_at,"
        " created_by, updated_by) VALUES(?1, ?2, 1, 1, 'add', '', 0, 0, ?2, 'เมืองสมุทรสาคร',"
        " 'เรือประมง ศรีสมุทร 7', ?3, ?4, 'MM', 'TH', 'natural_channel', 'แม่สอด', ?5, ?6, ?7,"
        " 'facebook', 'passport:employer', '', ?8, ?8, ?9, ?9)",
    [Q_REFERRAL] =
        "INSERT INTO referrals(id, case_id, agency_code, needs, urgency, urgency_rank, channel,"
        " summary, shared, officer_id, state, is_open, sent_at, acknowledged_at, decided_at,"
        " service_at, ended_at, state_changed_at, due_at, since_at, audit_seq, created_at,"
        " updated_at, created_by, updated_by) VALUES(?1, ?2, ?3, 'shelter,medical', 'urgent', 1,"
        " 'letter', 'ชื่อ อายุ สัญชาติ และความต้องการ พบที่ท่าเรือ', 'identity,needs', ?4, ?5,"
        " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?7, 0, ?14, ?15, ?4, ?4)",
    [Q_EVENT] =
        "INSERT INTO referral_events(id, referral_id, case_id, from_state, to_state, at,"
        " officer_id, note, audit_seq, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, '', 0, ?8, ?8, ?7, ?7)",
    [Q_NEED] =
        "INSERT INTO needs(id, record_id, version, is_current, change, change_reason, audit_seq,"
        " entry_withdrawn, case_id, kind, state, urgent, unavailable_reason, note, created_at,"
        " updated_at, created_by, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8, ?9, 0,"
        " ?6, 'ต้องการที่พักปลอดภัยระหว่างรอการคัดแยก', ?10, ?11, ?12, ?12)",
    [Q_REPAT] =
        "INSERT INTO repatriations(id, record_id, version, is_current, change, change_reason,"
        " audit_seq, entry_withdrawn, case_id, direction, country, hometown, wish,"
        " consent_given, consent_on, consent_by, handover_point, planned_on, handed_over_at,"
        " receiving_agency, receiving_person, state, created_at, updated_at, created_by,"
        " updated_by) VALUES(?1, ?1, 1, 1, 'add', '', 0, 0, ?2, 'outbound', 'MM', 'Myawaddy',"
        " 'return', 1, ?3, 'self', 'mae_sot', ?3, ?4, 'DSW Myawaddy', 'U Kyaw', 'returned',"
        " ?4, ?4, ?5, ?5)",
    [Q_CLOSURE] =
        "INSERT INTO case_closures(id, case_id, action, reason, note, audit_seq, created_at,"
        " updated_at, created_by, updated_by) VALUES(?1, ?2, 'close', 'lost_contact',"
        " 'ติดต่อไม่ได้หลังย้ายที่ทำงาน', 0, ?3, ?3, ?4, ?4)",
};

typedef struct rowfill {
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT];
    char me[TC_ID_LEN], instrument[TC_ID_LEN];
    int64_t today;                  /* day number */
} rowfill;

static void bind_text(sqlite3_stmt *q, int i, const char *text)
{
    if (text)
        sqlite3_bind_text(q, i, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

/* A moment as the store writes it: ISO-8601 UTC. */
static void bind_moment(sqlite3_stmt *q, int i, int64_t t)
{
    char iso[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(t, iso);
    bind_text(q, i, iso);
}

static void bind_day(sqlite3_stmt *q, int i, int64_t day)
{
    char iso[CALDATE_ISO_LEN];
    caldate_format_iso(caldate_from_days(day), iso);
    bind_text(q, i, iso);
}

static void bind_id(sqlite3_stmt *q, int i, char id[TC_ID_LEN])
{
    store_new_id(id);
    bind_text(q, i, id);
}

static int run(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        fprintf(stderr, "bench: %s: %.60s\n", sqlite3_errmsg(sqlite3_db_handle(q)),
                sqlite3_sql(q));
    return rc == SQLITE_DONE ? 0 : -1;
}

/* 10:00 in Bangkok (03:00 UTC) of day, plus minutes. */
static int64_t office_time(int64_t day, int minutes)
{
    return day * DAY_SECONDS + 3 * 3600 + minutes * 60;
}

/* Nine in ten are screened a day or two after they are met; most
 * screenings are decided, over half with reasonable grounds; one in ten
 * is screened again a week later. */
static int screenings(rowfill *w, const char *case_id, unsigned i, int64_t met, bool *grounds)
{
    *grounds = false;
    if (hash(i, 10) % 10 == 0)
        return 0;
    for (int k = 0; k < (hash(i, 11) % 10 == 0 ? 2 : 1); k++) {
        int64_t day = met + (k ? 7 : hash(i, 12) % 3);
        if (day > w->today)
            return 0;
        unsigned p = hash(i, 13 + (unsigned)k) % 100;
        bool decided = p < 90;
        screening_suggestion sg = k || p < 55 ? SUGGEST_REASONABLE_GROUNDS
                                : p < 65 ? SUGGEST_LABOUR_RIGHTS : SUGGEST_NO_INDICATORS;
        screening_decision dc = sg == SUGGEST_REASONABLE_GROUNDS ? DECISION_REFER_MDT
                              : sg == SUGGEST_LABOUR_RIGHTS ? DECISION_REFER_LABOUR
                              : DECISION_NO_REFERRAL;
        *grounds = *grounds || (decided && sg == SUGGEST_REASONABLE_GROUNDS);
        sqlite3_stmt *q = w->q[Q_SCREENING];
        char id[TC_ID_LEN];
        bind_id(q, 1, id);
        bind_text(q, 2, case_id);
        bind_text(q, 3, w->instrument);
        bind_moment(q, 4, office_time(day, 0));
        sqlite3_bind_int(q, 5, hash(i, 14) % 5 == 0);
        sqlite3_bind_int(q, 6, decided ? 55 : 20);
        sqlite3_bind_int(q, 7, decided);
        bind_text(q, 8, decided ? suggestion_code(sg) : NULL);
        bind_text(q, 9, decided ? decision_code(dc) : NULL);
        if (decided)
            bind_moment(q, 10, office_time(day, 120));
        bind_text(q, 11, decided ? w->me : NULL);
        bind_moment(q, 12, office_time(day, decided ? 120 : 60));
        bind_text(q, 13, w->me);
        if (run(q) != 0)
            return -1;
    }
    return 0;
}

/* Most cases with reasonable grounds get a decision within a month: two
 * in three victims of trafficking, one in five of forced labour. */
static int identification(rowfill *w, const char *case_id, unsigned i, int64_t met,
                          bool *victim)
{
    unsigned p = hash(i, 20) % 100;
    int64_t day = met + 1 + hash(i, 21) % 30;
    *victim = false;
    if (p >= 85 || day > w->today)
        return 0;
    ident_outcome o = p < 55 ? IDENT_VICTIM_TRAFFICKING : p < 72 ? IDENT_VICTIM_FORCED_LABOUR
                    : IDENT_NOT_IDENTIFIED;
    *victim = o != IDENT_NOT_IDENTIFIED;
    sqlite3_stmt *q = w->q[Q_IDENT];
    char id[TC_ID_LEN];
    bind_id(q, 1, id);
    bind_text(q, 2, case_id);
    bind_text(q, 3, ident_outcome_code(o));
    bind_day(q, 4, day);
    bind_moment(q, 5, office_time(day, 240));
    bind_text(q, 6, w->me);
    return run(q);
}

static const char *const SECTORS[] = { "fishing", "seafood_processing", "agriculture",
    "construction", "domestic_work", "manufacturing", "entertainment", "online_scam" };
static const char *const EXPLOITATION[] = { "forced_labour", "forced_labour,debt_bondage",
    "sexual_exploitation", "forced_criminality", "debt_bondage", "forced_begging" };
static const char *const ORIGINS[] = { "MM", "KH", "LA", "VN", "TH" };

static int intake(rowfill *w, const char *case_id, unsigned i, int64_t met)
{
    if (hash(i, 30) % 100 >= 85)
        return 0;
    sqlite3_stmt *q = w->q[Q_INTAKE];
    char id[TC_ID_LEN];
    bind_id(q, 1, id);
    bind_text(q, 2, case_id);
    bind_text(q, 3, SECTORS[hash(i, 31) % BENCH_COUNT(SECTORS)]);
    bind_text(q, 4, ORIGINS[hash(i, 32) % BENCH_COUNT(ORIGINS)]);
    bind_text(q, 5, EXPLOITATION[hash(i, 33) % BENCH_COUNT(EXPLOITATION)]);
    bind_day(q, 6, met - 400 + hash(i, 34) % 300);
    bind_day(q, 7, met);
    bind_moment(q, 8, office_time(met, 30));
    bind_text(q, 9, w->me);
    return run(q);
}

static const char *const AGENCIES[] = { "msdhs", "msdhs_1300", "dcy", "rtp", "rtp_atpd", "imm",
    "dlpw", "doe", "lct", "moph", "iom", "emb_mm" };

/* The way a referral went: states and the days after sending. */
typedef struct step { referral_state to; int after; } step;

static size_t referral_path(unsigned i, step out[5])
{
    static const step completed[] = { { REFERRAL_ACKNOWLEDGED, 1 }, { REFERRAL_ACCEPTED, 3 },
                                      { REFERRAL_IN_SERVICE, 5 }, { REFERRAL_COMPLETED, 30 } };
    static const step declined[] = { { REFERRAL_ACKNOWLEDGED, 1 }, { REFERRAL_DECLINED, 3 } };
    static const step closed[] = { { REFERRAL_CLOSED, 20 } };
    unsigned p = hash(i, 40) % 100;
    size_t n = p < 35 ? 4 : p < 50 ? 3 : p < 60 ? 2 : p < 75 ? 2 : p < 90 ? 1 : 0;
    memcpy(out, p < 60 ? completed : p < 75 ? declined : closed, n * sizeof *out);
    return n;
}

static int ref_event_row(rowfill *w, const char *ref, const char *case_id, referral_state from,
                          referral_state to, int64_t at, bool first)
{
    sqlite3_stmt *q = w->q[Q_EVENT];
    char id[TC_ID_LEN];
    bind_id(q, 1, id);
    bind_text(q, 2, ref);
    bind_text(q, 3, case_id);
    bind_text(q, 4, first ? "" : referral_state_code(from));
    bind_text(q, 5, referral_state_code(to));
    sqlite3_bind_int64(q, 6, at);
    bind_text(q, 7, w->me);
    bind_moment(q, 8, at);
    return run(q);
}

/* Victims and cases with reasonable grounds are referred two days after
 * they are met, and the referral moves as far as today allows. */
static int referral(rowfill *w, const char *case_id, unsigned i, int64_t met)
{
    int64_t sent = office_time(met + 2, (int)(hash(i, 41) % 300));
    if (met + 2 > w->today)
        return 0;
    char ref[TC_ID_LEN];
    store_new_id(ref);
    step path[5];
    size_t n = referral_path(i, path);
    while (n > 0 && (sent + path[n - 1].after * DAY_SECONDS) / DAY_SECONDS > w->today)
        n--;                        /* not happened yet */
    referral_state state = n ? path[n - 1].to : REFERRAL_SENT;
    int64_t at = n ? sent + path[n - 1].after * DAY_SECONDS : sent;
    int64_t times[REFERRAL_STATE_COUNT] = { 0 };
    for (size_t k = 0; k < n; k++)
        times[path[k].to] = sent + path[k].after * DAY_SECONDS;
    sqlite3_stmt *q = w->q[Q_REFERRAL];
    bool open = referral_state_is_open(state);
    bind_text(q, 1, ref);
    bind_text(q, 2, case_id);
    bind_text(q, 3, AGENCIES[hash(i, 42) % BENCH_COUNT(AGENCIES)]);
    bind_text(q, 4, w->me);
    bind_text(q, 5, referral_state_code(state));
    sqlite3_bind_int(q, 6, open);
    sqlite3_bind_int64(q, 7, sent);
    static const referral_state columns[] = { REFERRAL_ACKNOWLEDGED, REFERRAL_ACCEPTED,
                                              REFERRAL_IN_SERVICE };
    for (size_t c = 0; c < BENCH_COUNT(columns); c++)
        if (times[columns[c]])
            sqlite3_bind_int64(q, 8 + (int)c, times[columns[c]]);
    if (times[REFERRAL_DECLINED])
        sqlite3_bind_int64(q, 9, times[REFERRAL_DECLINED]);
    if (!open)
        sqlite3_bind_int64(q, 11, at);
    sqlite3_bind_int64(q, 12, at);
    if (open)
        sqlite3_bind_int64(q, 13, at + 7 * DAY_SECONDS);
    bind_moment(q, 14, sent - 600);
    bind_moment(q, 15, at);
    if (run(q) != 0
        || ref_event_row(w, ref, case_id, REFERRAL_DRAFT, REFERRAL_DRAFT, sent - 600, true) != 0
        || ref_event_row(w, ref, case_id, REFERRAL_DRAFT, REFERRAL_SENT, sent, false) != 0)
        return -1;
    referral_state from = REFERRAL_SENT;
    for (size_t k = 0; k < n; k++) {
        if (ref_event_row(w, ref, case_id, from, path[k].to, times[path[k].to], false) != 0)
            return -1;
        from = path[k].to;
    }
    return 0;
}

static const need_kind NEED_KINDS[] = { NEED_SHELTER, NEED_MEDICAL, NEED_LEGAL_AID, NEED_FOOD,
    NEED_INTERPRETER, NEED_RETURN_HOME, NEED_WAGE_RECOVERY, NEED_IDENTITY_DOCUMENTS };

static int need_version(rowfill *w, const char *record, int version, bool current,
                        const char *case_id, need_kind kind, need_state state, int64_t at)
{
    sqlite3_stmt *q = w->q[Q_NEED];
    char id[TC_ID_LEN];
    bind_id(q, 1, id);
    bind_text(q, 2, record);
    sqlite3_bind_int(q, 3, version);
    sqlite3_bind_int(q, 4, current);
    bind_text(q, 5, version == 1 ? "add" : "state");
    bind_text(q, 6, state == NEED_UNAVAILABLE ? "ไม่มีบริการในพื้นที่" : "");
    bind_text(q, 7, case_id);
    bind_text(q, 8, need_kind_code(kind));
    bind_text(q, 9, need_state_code(state));
    bind_moment(q, 10, office_time(at / DAY_SECONDS, 0));
    bind_moment(q, 11, at);
    bind_text(q, 12, w->me);
    return run(q);
}

/* Six in ten have one or two needs, noted when met; most are provided
 * within weeks, some found unavailable (the service gaps). */
static int needs(rowfill *w, const char *case_id, unsigned i, int64_t met)
{
    if (hash(i, 50) % 10 >= 6)
        return 0;
    unsigned count = 1 + hash(i, 51) % 2;
    for (unsigned k = 0; k < count; k++) {
        char record[TC_ID_LEN];
        store_new_id(record);
        need_kind kind = NEED_KINDS[hash(i, 52 + k) % BENCH_COUNT(NEED_KINDS)];
        unsigned p = hash(i, 54 + k) % 100;
        int64_t later = met + 5 + hash(i, 56 + k) % 40;
        bool moves = p < 85 && later <= w->today;
        if (need_version(w, record, 1, !moves, case_id, kind, NEED_IDENTIFIED,
                         office_time(met, 45)) != 0
            || (moves && need_version(w, record, 2, true, case_id, kind,
                                      p < 70 ? NEED_PROVIDED : NEED_UNAVAILABLE,
                                      office_time(later, 0)) != 0))
            return -1;
    }
    return 0;
}

/* One in twenty went home a month after being met; the cases with a
 * reintegration plan (bench.c: i % 100 == 50) on the day it starts. */
static int repatriation(rowfill *w, const char *case_id, unsigned i, int64_t met)
{
    int64_t day = met + (i % 100 == 50 ? 0 : 30);
    if (i % 20 != 10 || day > w->today)
        return 0;
    sqlite3_stmt *q = w->q[Q_REPAT];
    char id[TC_ID_LEN];
    bind_id(q, 1, id);
    bind_text(q, 2, case_id);
    bind_day(q, 3, day - 10);
    bind_moment(q, 4, office_time(day, 60));
    bind_text(q, 5, w->me);
    return run(q);
}

static int closure(rowfill *w, const char *case_id, unsigned i, int64_t met)
{
    if (i % 100 != 77 || met + 90 > w->today)
        return 0;
    sqlite3_stmt *q = w->q[Q_CLOSURE];
    char id[TC_ID_LEN];
    bind_id(q, 1, id);
    bind_text(q, 2, case_id);
    bind_moment(q, 3, office_time(met + 90, 0));
    bind_text(q, 4, w->me);
    return run(q);
}

static int one_case(rowfill *w, const tc_case *c, unsigned i)
{
    int64_t met = caldate_to_days(c->date_met);
    bool grounds = false, victim = false;
    if (screenings(w, c->id, i, met, &grounds) != 0
        || (grounds && identification(w, c->id, i, met, &victim) != 0)
        || intake(w, c->id, i, met) != 0
        || ((victim || (grounds && hash(i, 60) % 2)) && referral(w, c->id, i, met) != 0)
        || needs(w, c->id, i, met) != 0 || repatriation(w, c->id, i, met) != 0
        || closure(w, c->id, i, met) != 0)
        return -1;
    return 0;
}

static int rowfill_open(rowfill *w, store *s, caldate today)
{
    memset(w, 0, sizeof *w);
    w->db = store_db_handle(s);
    w->today = caldate_to_days(today);
    snprintf(w->me, sizeof w->me, "%s", store_me(s)->id);
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(w->db, "SELECT id FROM instruments WHERE code = 'forced_labour'"
                                  " ORDER BY version DESC LIMIT 1", -1, &q, NULL) != SQLITE_OK)
        return -1;
    bool found = sqlite3_step(q) == SQLITE_ROW;
    if (found)
        snprintf(w->instrument, sizeof w->instrument, "%s", sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    for (int k = 0; k < Q_COUNT && found; k++)
        if (sqlite3_prepare_v2(w->db, row_sql[k], -1, &w->q[k], NULL) != SQLITE_OK) {
            fprintf(stderr, "bench: %s\n", sqlite3_errmsg(w->db));
            return -1;
        }
    return found ? 0 : -1;
}

static void rowfill_close(rowfill *w)
{
    for (int k = 0; k < Q_COUNT; k++)
        sqlite3_finalize(w->q[k]);
}

int bench_report_rows(store *s, const tc_case *cases, unsigned k, unsigned first, caldate today)
{
    if (first == 0)
        n_handover_ids = 0;
    rowfill w;
    int failed = rowfill_open(&w, s, today) != 0
              || sqlite3_exec(w.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK;
    for (unsigned j = 0; j < k && !failed; j++) {
        failed = one_case(&w, &cases[j], first + j) != 0;
        /* Adults: a child's hand-over needs a guardian's consent. */
        if (n_handover_ids < HANDOVER_MAX && cases[j].estimated_age >= 18)
            memcpy(handover_ids[n_handover_ids++], cases[j].id, TC_ID_LEN);
    }
    failed = sqlite3_exec(w.db, failed ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL) != SQLITE_OK
          || failed;
    rowfill_close(&w);
    return failed ? -1 : 0;
}

/* ---- the report ------------------------------------------------------- */

/* The fiscal year in the middle of the data (cases met up to 1,500 days
 * ago): about two years back. */
static report_period middle_period(store *s, int *fy)
{
    *fy = fiscal_year_be(caldate_add_days(store_today(s), -750));
    return report_period_fiscal_year(*fy);
}

int bench_report_once(store *s, double *ms)
{
    int fy;
    report_period p = middle_period(s, &fy);
    report_facts f;
    report_table t;
    double a = bench_now_ms();
    if (store_report_facts(s, p, &f) != ST_OK)
        return -1;
    bool built = report_build(&f, p, DIM_NATIONALITY, &t);
    *ms = bench_now_ms() - a;
    if (built)
        report_table_free(&t);
    report_facts_free(&f);
    return built ? 0 : -1;
}

int bench_report_times(store *s, unsigned n_cases)
{
    enum { RUNS = 11 };
    int fy;
    report_period p = middle_period(s, &fy);
    double load[RUNS], build[RUNS], both[RUNS];
    size_t people = 0, events = 0;
    int64_t screened = 0, identified = 0;
    for (int r = 0; r < RUNS; r++) {
        report_facts f;
        report_table t;
        double a = bench_now_ms();
        if (store_report_facts(s, p, &f) != ST_OK)
            return -1;
        double b = bench_now_ms();
        bool built = report_build(&f, p, DIM_NATIONALITY, &t);
        double c = bench_now_ms();
        load[r] = b - a, build[r] = c - b, both[r] = c - a;
        people = f.n_people, events = f.n_events;
        screened = t.total.cells[MEASURE_SCREENED].n;
        identified = t.total.cells[MEASURE_IDENTIFIED].n;
        report_table_free(&t);
        report_facts_free(&f);
        if (!built)
            return -1;
    }
    stat_ms sl = bench_summarise(load, RUNS), sb = bench_summarise(build, RUNS),
            sa = bench_summarise(both, RUNS);
    printf("   fiscal year %d (%u cases in the store: %zu people, %zu events loaded;"
           " %lld screened, %lld identified)\n", fy, n_cases, people, events,
           (long long)screened, (long long)identified);
    printf("   report facts (store_report_facts)   median %8.2f  worst %8.2f ms\n", sl.median,
           sl.worst);
    printf("   report build, by nationality        median %8.2f  worst %8.2f ms\n", sb.median,
           sb.worst);
    printf("   fiscal-year report (both)           median %8.2f  worst %8.2f ms\n", sa.median,
           sa.worst);
    return 0;
}

/* ---- hand-over -------------------------------------------------------- */

/* Consent to share with any agency, as the officer records it. */
static int add_consent(store *s, const char *case_id, caldate on)
{
    tc_consent c;
    consent_init(&c);
    memcpy(c.case_id, case_id, sizeof c.case_id);      /* an id of TC_ID_LEN */
    c.purpose = CONSENT_REFERRAL;
    snprintf(c.agency_kind, sizeof c.agency_kind, "%s", CONSENT_ANY_AGENCY);
    c.agreed = true;
    c.given_on = on;
    snprintf(c.language, sizeof c.language, "my");
    c.interpreter_used = true;
    snprintf(c.interpreter_name, sizeof c.interpreter_name, "Ma Thida");
    return store_consent_add(s, &c, NULL) == ST_OK ? 0 : -1;
}

/* Store `from` learns the card of store `to`. */
static int learn(store *from, store *to, const char *kind, char *fingerprint)
{
    char card[IDENTITY_CARD_MAX];
    exch_peer p;
    exch_refusal r;
    if (exchange_identity_card(to, card, sizeof card) != ST_OK
        || exchange_peer_add(from, card, strlen(card), kind, &p, &r) != ST_OK)
        return -1;
    snprintf(fingerprint, IDENTITY_FP_TEXT, "%s", p.fingerprint);
    return 0;
}

typedef struct handover_run { double send, open, import; size_t rows; } handover_run;

/* One hand-over of n cases from s to a new store made in dir/r<run>: its
 * identity and the peers are made first (not timed). */
static int handover_once(store *s, const char *dir, int run, const tc_clock *clock, size_t n,
                         handover_run *out)
{
    char sub[4096], fp[IDENTITY_FP_TEXT], back[IDENTITY_FP_TEXT];
    snprintf(sub, sizeof sub, "%s/r%d-%zu", dir, run, n);
    tc_officer admin = { .login = "recv", .name = "Receiver", .role = ROLE_ADMIN, .active = true };
    store *b = NULL;
    if (store_create(sub, &admin, "benchmark passphrase", kdf_params_cheap(), clock, &b) != ST_OK)
        return -1;
    exch_identity ib;
    int failed = exchange_identity(b, &ib) != ST_OK || learn(s, b, "shelter", fp) != 0
              || learn(b, s, "", back) != 0;
    const char *ids[HANDOVER_MAX];
    for (size_t k = 0; k < n; k++)
        ids[k] = handover_ids[k];
    uint8_t *file = NULL;
    size_t len = 0;
    exch_handover_result res;
    memset(&res, 0, sizeof res);
    exch_refusal r;
    exch_incoming *in = NULL;
    exch_preview pv;
    double t0 = bench_now_ms();
    failed = failed || exchange_handover(s, ids, n, fp, EXCH_PROFILE_FULL, &file, &len, &res, &r)
                       != ST_OK;
    double t1 = bench_now_ms();
    failed = failed || exchange_receive_open(b, file, len, &in, &pv, &r) != ST_OK;
    double t2 = bench_now_ms();
    if (!failed) {
        exchange_preview_free(&pv);
        failed = exchange_receive_import(b, in, &pv, &r) != ST_OK;
        out->rows = pv.n_new;
        exchange_preview_free(&pv);
    }
    double t3 = bench_now_ms();
    if (failed)
        fprintf(stderr, "bench: hand-over of %zu cases refused (%d %s)\n", n, (int)r.code,
                r.detail);
    out->send = t1 - t0, out->open = t2 - t1, out->import = t3 - t2;
    exchange_incoming_free(in);
    exchange_handover_result_free(&res);
    free(file);
    store_close(b);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", sub);
    return system(cmd) == 0 && !failed ? 0 : -1;
}

/* Median and worst of send + open + import over n runs. */
static stat_ms handover_total(const handover_run *runs, int n)
{
    double all[16];
    for (int r = 0; r < n; r++)
        all[r] = runs[r].send + runs[r].open + runs[r].import;
    return bench_summarise(all, n);
}

int bench_handover_times(store *s, const char *dir, const tc_clock *clock, unsigned n_cases,
                         handover_figures *out)
{
    enum { ONE_RUNS = 11, MANY_RUNS = 3 };
    size_t many = n_handover_ids < HANDOVER_MAX ? n_handover_ids : HANDOVER_MAX;
    if (n_cases < many)
        many = n_cases;
    caldate today = store_today(s);
    for (size_t k = 0; k < many; k++)
        if (add_consent(s, handover_ids[k], today) != 0)
            return -1;
    handover_run one[ONE_RUNS], lots[MANY_RUNS];
    for (int r = 0; r < ONE_RUNS; r++)
        if (handover_once(s, dir, r, clock, 1, &one[r]) != 0)
            return -1;
    for (int r = 0; r < MANY_RUNS; r++)
        if (handover_once(s, dir, r, clock, many, &lots[r]) != 0)
            return -1;
    out->one = handover_total(one, ONE_RUNS);
    out->many = handover_total(lots, MANY_RUNS);
    out->n_many = many;
    return 0;
}

/* ---- backup ----------------------------------------------------------- */

int bench_backup_times(store *s, const char *dir, stat_ms *out, long *bytes)
{
    enum { RUNS = 3 };
    double t[RUNS];
    char file[4096];
    snprintf(file, sizeof file, "%s/bench.tcbackup", dir);
    *bytes = 0;
    for (int r = 0; r < RUNS; r++) {
        double a = bench_now_ms();
        backup_status st = store_backup(s, file, NULL);
        t[r] = bench_now_ms() - a;
        if (st != BK_OK) {
            fprintf(stderr, "bench: backup: %s\n", backup_status_text(st));
            return -1;
        }
        FILE *f = fopen(file, "rb");
        if (f && fseek(f, 0, SEEK_END) == 0)
            *bytes = ftell(f);
        if (f)
            fclose(f);
    }
    remove(file);
    *out = bench_summarise(t, RUNS);
    return 0;
}
