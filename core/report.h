/* report.h - statistics for the province, the Ministry and ASEAN: the
 * reporting period, the figures, their breakdowns and the small-cell
 * suppression of anything meant for outside the team.
 *
 * Pure.  The store (db/report_store.h) hands over one report_facts: the
 * people (with the dimensions a figure is broken down by) and their dated
 * events; report_build() counts them for a period.  No names, no free
 * text: a report never holds anything that identifies a person.
 *
 * Counting rules (say them in the help and in BENCHMARKS/README):
 *  - A person counts once per milestone, in the period the milestone was
 *    FIRST reached: first screening held (screened), first screening
 *    whose suggestion was reasonable grounds (reasonable grounds), the
 *    identification decision that found a victim (identified), the plan
 *    marked returned (repatriated).
 *  - Referrals are counted one by one (a person may have several), by the
 *    day they were sent; their state is the state today.
 *  - Needs are counted one by one, by the day they became provided or
 *    unavailable (the service gaps).
 *  - "On reintegration plans": plans open at any time in the period.
 *  - Follow-ups done: held in the period.  Overdue: scheduled on a day
 *    before min(period end, today) + 1 and not held by then.
 *  - Durations in days: date met -> identification decision (for people
 *    identified in the period); referral sent -> accepted (referrals
 *    accepted in the period).  Median and 90th percentile by the
 *    nearest-rank method; absent when there is no observation.
 *  - Exploitation types are many per person: a person counts in each of
 *    theirs, so that breakdown's rows can add up to more than the total
 *    (the table says so: report_table.rows_overlap).
 */
#ifndef TC_REPORT_H
#define TC_REPORT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "officer.h"

/* ---- Periods ---------------------------------------------------------- */

typedef enum report_period_kind {
    PERIOD_FISCAL_YEAR = 0,     /* Thai fiscal year: 1 Oct - 30 Sep, named by its B.E. end year */
    PERIOD_MONTH,
    PERIOD_CALENDAR_YEAR,
    PERIOD_ASEAN_HALF,          /* ASEAN 6-month period: Jan-Jun or Jul-Dec */
    PERIOD_RANGE,               /* any range of days */
    PERIOD_KIND_COUNT
} report_period_kind;

typedef struct report_period {
    report_period_kind kind;
    caldate from, to;           /* both inclusive */
} report_period;

typedef enum period_problem {
    PERIOD_OK = 0,
    PERIOD_SYNTAX,              /* not one of the forms below */
    PERIOD_BAD_DATE,            /* an impossible date or month */
    PERIOD_REVERSED,            /* a range that ends before it starts */
    PERIOD_TOO_LONG,            /* a range longer than 20 years */
    PERIOD_PROBLEM_COUNT
} period_problem;
const char *period_problem_text(period_problem p);      /* msgid */

/* Parses, with Thai digits accepted anywhere (U+0E50-0E59) and any case:
 *   fy2569 | fy2026       fiscal year (a year above 2400 is B.E.; fy2026
 *                         and fy2569 are both 1 Oct 2025 - 30 Sep 2026)
 *   2026 | 2569           calendar year (B.E. above 2400)
 *   2026-10 | 2569-10     month
 *   2026h1 | 2026h2       ASEAN 6-month period (B.E. years too)
 *   2026-01-01..2026-03-31   any range (ISO dates, B.E. years too)
 * Whitespace around the text is ignored. */
period_problem report_period_parse(const char *text, report_period *out);
/* The fiscal year (B.E. end year) holding day d: 1 Oct 2025 -> 2569. */
int fiscal_year_be(caldate d);
report_period report_period_fiscal_year(int be_year);
report_period report_period_month(int ce_year, int month);
report_period report_period_calendar_year(int ce_year);
report_period report_period_asean_half(int ce_year, int half);   /* half 1 or 2 */
/* The period of the same kind just before / after p (a range moves by
 * its own length). */
report_period report_period_step(report_period p, int direction);
/* The text report_period_parse() reads back: "fy2569", "2026-10",
 * "2026", "2026h1", "2026-01-01..2026-03-31" (fiscal years in B.E.). */
void report_period_code(report_period p, char *out, size_t outsz);

/* ---- Dimensions and measures ------------------------------------------ */

typedef enum report_dim {
    DIM_TOTAL = 0,              /* one row: everybody */
    DIM_SEX,
    DIM_AGE_BAND,               /* child / adult and age band, at the date met */
    DIM_NATIONALITY,            /* first nationality */
    DIM_EXPLOITATION,           /* intake exploitation types (many per person) */
    DIM_SECTOR,
    DIM_ENTRY_POINT,
    DIM_PROVINCE,
    DIM_OFFICER,                /* the assigned officer */
    DIM_COUNT
} report_dim;
/* Stored / command-line codes: "total", "sex", "age", "nationality",
 * "exploitation", "sector", "entry_point", "province", "officer". */
const char *report_dim_code(report_dim d);
bool report_dim_from_code(const char *code, report_dim *out);
const char *report_dim_label(report_dim d);             /* msgid */

typedef enum age_band {
    AGE_UNKNOWN = 0,
    AGE_0_11, AGE_12_14, AGE_15_17,         /* children */
    AGE_18_24, AGE_25_34, AGE_35_49, AGE_50_PLUS,
    AGE_BAND_COUNT
} age_band;
age_band age_band_of(int age);                          /* age -1 -> AGE_UNKNOWN */
bool age_band_is_child(age_band b);
const char *age_band_code(age_band b);  /* "unknown", "0-11", ..., "50+" */
const char *age_band_label(age_band b); /* msgid: "Child 0-11", "Adult 18-24", "Age unknown" */

typedef enum report_measure {
    MEASURE_SCREENED = 0,
    MEASURE_REASONABLE_GROUNDS,
    MEASURE_IDENTIFIED,
    MEASURE_REFERRED,
    MEASURE_NEEDS_PROVIDED,
    MEASURE_NEEDS_UNAVAILABLE,      /* service gaps */
    MEASURE_REPATRIATED,
    MEASURE_REINTEGRATION,          /* on reintegration plans */
    MEASURE_FOLLOWUPS_DONE,
    MEASURE_FOLLOWUPS_OVERDUE,
    MEASURE_COUNT
} report_measure;
/* Codes (CSV column names): "screened", "reasonable_grounds",
 * "identified", "referred", "needs_provided", "needs_unavailable",
 * "repatriated", "reintegration", "followups_done", "followups_overdue". */
const char *report_measure_code(report_measure m);
const char *report_measure_label(report_measure m);     /* msgid */

/* ---- Framework tags --------------------------------------------------- */

typedef enum report_framework {
    FRAMEWORK_ASEAN = 0,        /* ASEAN Bohol TIP Work Plan 2.0 pillars */
    FRAMEWORK_5P,               /* Thailand's 5P */
    FRAMEWORK_MOL,              /* Ministry of Labour's five strategies */
    FRAMEWORK_COUNT
} report_framework;
const char *report_framework_label(report_framework f); /* msgid */
/* The tag of measure m in framework f: a msgid such as "Protection" or
 * "MOL strategy 3: protection and assistance", fixed by the mapping in
 * report.c (cite the seed lines there). */
const char *report_measure_tag(report_measure m, report_framework f);
/* Its short stable code for CSV: "protection", "5p_protection", "mol_3". */
const char *report_measure_tag_code(report_measure m, report_framework f);

/* ---- Facts: what the store hands over -------------------------------- */

#define REPORT_MAX_EXPLOITATION 6

typedef struct report_person_dims {
    int sex;                                /* tc_sex value (core/caserec.h) */
    int age;                                /* at the date met; -1 unknown */
    char nationality[3];                    /* "" unknown */
    char exploitation[REPORT_MAX_EXPLOITATION][TC_CODE_MAX + 1];
    int n_exploitation;
    char sector[TC_CODE_MAX + 1];
    char entry_point[TC_CODE_MAX + 1];
    char province[TC_CODE_MAX + 1];
    char officer[TC_ID_LEN];                /* officer id or "" */
    bool date_met_known;
    caldate date_met;
} report_person_dims;

typedef enum report_event_kind {
    EVENT_SCREENED = 0,         /* on: first screening held */
    EVENT_REASONABLE_GROUNDS,   /* on: first such screening decided */
    EVENT_IDENTIFIED,           /* on: decision date; days: met -> decision or -1 */
    EVENT_REFERRED,             /* on: sent; sub: agency_type; state: referral_state today */
    EVENT_REFERRAL_ACCEPTED,    /* on: accepted; days: sent -> accepted */
    EVENT_NEED_PROVIDED,        /* on: became provided; sub: need_kind */
    EVENT_NEED_UNAVAILABLE,     /* on: became unavailable; sub: need_kind */
    EVENT_REPATRIATED,          /* on: handover day */
    EVENT_REINTEGRATION,        /* on: plan started; until: closed (until_known) */
    EVENT_FOLLOWUP_DONE,        /* on: held */
    EVENT_FOLLOWUP_SCHEDULED,   /* on: due; until: held (until_known) */
    EVENT_KIND_COUNT
} report_event_kind;

typedef struct report_event {
    uint32_t person;            /* index into report_facts.people */
    uint8_t kind;               /* report_event_kind */
    uint8_t sub;                /* agency_type or need_kind; 0 otherwise */
    uint8_t state;              /* referral_state for EVENT_REFERRED */
    bool until_known;
    caldate on, until;
    int32_t days;               /* -1 when not known or not a duration */
} report_event;

typedef struct report_facts {
    report_person_dims *people;
    size_t n_people;
    report_event *events;
    size_t n_events;
    caldate today;              /* for "overdue" */
} report_facts;
void report_facts_free(report_facts *f);   /* frees both arrays; NULL fine */

/* ---- The built report ------------------------------------------------- */

typedef struct report_cell {
    int64_t n;
    bool suppressed;            /* 0 < n < k in an export for outside the team */
} report_cell;

typedef struct report_row {
    char key[TC_ID_LEN];        /* the dimension value's code ("" = not recorded) */
    report_cell cells[MEASURE_COUNT];
} report_row;

typedef struct report_duration {
    size_t n;                   /* observations */
    int median, p90;            /* days; meaningful when n > 0 */
} report_duration;

/* Rows of the referral table (by agency type) and the needs table (by
 * need kind) are enum values in order; the caller labels them with
 * agency_type_label() / need_kind_label(). */
#define REPORT_MAX_AGENCY_TYPES 16
#define REPORT_MAX_NEED_KINDS 32
#define REPORT_MAX_REFERRAL_STATES 16

typedef struct report_table {
    report_period period;
    report_dim dim;
    report_row total;           /* everybody */
    report_row *rows;           /* one per dimension value seen, by key; malloc'd */
    size_t n_rows;
    bool rows_overlap;          /* DIM_EXPLOITATION: rows may add up to more */
    /* Referrals sent in the period: [agency type][state today]. */
    report_cell referrals[REPORT_MAX_AGENCY_TYPES][REPORT_MAX_REFERRAL_STATES];
    /* Needs: [need kind][0 provided, 1 unavailable]. */
    report_cell needs[REPORT_MAX_NEED_KINDS][2];
    report_duration met_to_identified, referral_to_accepted;
    size_t suppressed;          /* cells suppressed by report_suppress() */
    int k;                      /* its threshold, 0 when not suppressed */
} report_table;

/* Counts facts for the period, broken down by dim.  Rows are ordered by
 * key, with "" (not recorded) last; for DIM_AGE_BAND in band order, for
 * DIM_SEX in enum order.  false only when memory runs out (t is then
 * empty and safe to free). */
bool report_build(const report_facts *f, report_period p, report_dim dim, report_table *t);
void report_table_free(report_table *t);

/* The threshold for exports that leave the team (CTDC's k). */
#define REPORT_K_OUTSIDE 11
/* Marks every cell with 0 < n < k as suppressed (rows, total, referral
 * and needs tables), then, so a suppressed cell cannot be worked back
 * from a published sum, also the smallest other non-zero cell of any line
 * that adds up to one and has exactly one suppressed cell: the columns of
 * the main and needs tables, the rows and columns of the referral table.  Durations based on fewer
 * than k observations are dropped (n set to 0).  Sets t->suppressed and
 * t->k.  Calling it twice changes nothing more. */
void report_suppress(report_table *t, int k);

/* The largest cell in column m over the rows (for scaling bar charts). */
int64_t report_column_max(const report_table *t, report_measure m);

#endif
