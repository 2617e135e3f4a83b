/* report_store.c - the facts a report counts (core/report.h), read from
 * the store in one pass per source table, the labels of their dimension
 * values, the completeness check and the audit of an export.
 *
 * Speed: a fiscal-year report over 100,000 cases must take well under a
 * quarter of a second.  Every page SQLCipher reads costs a decryption
 * (about 5 us for 4 KiB here), and reading every table once (as the
 * completeness check still does) decrypts the whole store: 1.7 s at
 * 100,000 cases.  So store_report_facts reads only the period: the
 * derived tables of migration 9 (report_cases, report_referrals,
 * report_need_events, kept in step by triggers) hold each person's first
 * milestones, each referral's first acceptance and each need's first
 * provided / unavailable version, so that every event of the period is
 * one range of a narrow index on its date; then each person those events
 * name is read from report_cases by case id, in id order, so that the
 * index pages come in order and each is decrypted once.  The SQL ranges
 * are a day wider than the period on each side (UTC moments against the
 * officers' local days); which events count is decided here, in C, by
 * the same test as for the full read (event_can_count).
 *
 * The completeness check (store_report_gaps) needs every person touched
 * by the period with their reference and missing fields, so it reads
 * every table once in its stored order, as store_report_facts did before
 * migration 9; rows find their person by a binary search over the case
 * ids sorted in memory, and whatever needs an order (a record's versions,
 * a plan's follow-ups) is sorted in memory.  It is also the reference the
 * tests hold the period read to (report_facts_full, report_store_internal.h).
 *
 * Days are the officers' civil days: a stored UTC moment becomes a day at
 * the store clock's utc_offset, as everywhere else in the store.
 *
 * Not counted: versions of a record withdrawn as entered in error
 * (entry_withdrawn on the current version), drafts (referrals never
 * sent), and cases whose latest closure gives the reason
 * REPORT_CLOSED_IN_ERROR (see below). */
#include "config.h"
#include "db/report_store.h"
#include "db/report_store_internal.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/agency.h"
#include "core/geo.h"
#include "core/identification.h"
#include "core/needs.h"
#include "core/referral.h"
#include "core/reintegration.h"
#include "core/repatriation.h"
#include "core/screening.h"
#include "db/record_internal.h"
#include "db/store_internal.h"
#include "i18n/i18n.h"

/* The closure reason of a case opened by mistake (a duplicate, a test).
 * core/stage.h has no such reason yet; when one is added under this code,
 * those cases drop out of every figure without a change here. */
#define REPORT_CLOSED_IN_ERROR "error"

#define NO_DAY INT32_MAX

/* Gaps a person can have, as bits (report_gap.field in this order). */
enum {
    GAP_SEX, GAP_AGE, GAP_NATIONALITY, GAP_DATE_MET, GAP_ENTRY_POINT, GAP_PROVINCE,
    GAP_SECTOR, GAP_EXPLOITATION, GAP_HANDOVER_DATE, GAP_COUNT
};
static const char *const gap_fields[GAP_COUNT] = {
    [GAP_SEX] = N_("Sex"),
    [GAP_AGE] = N_("Age or date of birth"),
    [GAP_NATIONALITY] = N_("Nationality"),
    [GAP_DATE_MET] = N_("Date met"),
    [GAP_ENTRY_POINT] = N_("Entry point"),
    [GAP_PROVINCE] = N_("Province"),
    [GAP_SECTOR] = N_("Sector"),
    [GAP_EXPLOITATION] = N_("Exploitation type"),
    [GAP_HANDOVER_DATE] = N_("Handover date"),
};

/* A reintegration plan, for its follow-ups to find. */
typedef struct plan_entry {
    char id[TC_ID_LEN];
    uint32_t person;
    caldate start;
    followup_schedule schedule;
    bool schedule_known;
} plan_entry;

/* A case id and its person, for the lookups (sorted by id). */
typedef struct case_key {
    char id[TC_ID_LEN];
    uint32_t person;
} case_key;

/* A sent referral, for its acceptance to find. */
typedef struct sent_referral {
    char id[TC_ID_LEN];
    uint32_t person;
    int64_t sent_at, accepted_at;   /* accepted_at INT64_MAX: not (yet) */
} sent_referral;

/* One version of a need, read in stored order and sorted by record and
 * version before it is walked. */
typedef struct need_version {
    char record[TC_ID_LEN];
    uint32_t person;                /* UINT32_MAX: a case the loader does not know */
    int32_t version;
    uint8_t kind;
    int8_t state;                   /* need_state, -1 unknown */
    bool withdrawn;
    bool at_known;
    caldate at;
} need_version;

/* One follow-up, sorted by plan and the day it was held. */
typedef struct followup_row {
    char plan[TC_ID_LEN];
    caldate held;
    bool next_known;
    caldate next;
} followup_row;

typedef struct loader {
    store *s;
    report_period p;
    int utc_offset;
    report_facts f;
    size_t cap_events;
    char (*ids)[TC_ID_LEN];         /* f.people[i]'s case id */
    case_key *keys;                 /* the same ids, ascending */
    bool *excluded;                 /* closed in error */
    int64_t *first, *second;        /* per person: a pass's minimum (INT64_MAX: none) */
    /* Only for the completeness check. */
    bool gaps;
    char (*refs)[CASEREF_MAX];
    uint16_t *missing;              /* GAP_ bits */
    size_t cap_people;              /* room in the per-person arrays */
    /* Only for the period read: case id -> person, filled as events name
     * people (open addressing; slot value person + 1, 0 empty). */
    uint32_t *names;
    size_t names_cap;
    bool nomem;                     /* a person could not be named */
    plan_entry *plans;              /* ascending id once read */
    size_t n_plans, cap_plans;
} loader;

/* A growing array of any element. */
typedef struct vec {
    void *items;
    size_t n, cap, size;
} vec;

static void *vec_push(vec *v)
{
    if (v->n == v->cap) {
        size_t ncap = v->cap ? 2 * v->cap : 256;
        void *grown = realloc(v->items, ncap * v->size);
        if (!grown)
            return NULL;
        v->items = grown;
        v->cap = ncap;
    }
    void *slot = (char *)v->items + v->n++ * v->size;
    memset(slot, 0, v->size);
    return slot;
}

/* ---- small readers ---------------------------------------------------- */

static bool column_day_of_moment(const loader *l, sqlite3_stmt *q, int col, caldate *out)
{
    int64_t t;
    const unsigned char *text = sqlite3_column_text(q, col);
    if (!text || !timestamp_parse_iso((const char *)text, &t))
        return false;
    *out = caldate_from_timestamp(t, l->utc_offset);
    return true;
}

static caldate day_of_seconds(const loader *l, int64_t t)
{
    return caldate_from_timestamp(t, l->utc_offset);
}

static int32_t days_between(caldate from, caldate to)
{
    return (int32_t)(caldate_to_days(to) - caldate_to_days(from));
}

static int compare_id(const void *key, const void *elem)
{
    return strcmp((const char *)key, (const char *)elem);
}

/* For qsort of anything whose first member is its id. */
static int compare_ids(const void *x, const void *y)
{
    return strcmp((const char *)x, (const char *)y);
}

static bool name_person(loader *l, const char *case_id, uint32_t *out);

/* The person of a case id, or false when the case is unknown (a row of a
 * case the loader never saw cannot count).  The period read names a new
 * person for every case id it meets (name_person). */
static bool person_of(loader *l, const char *case_id, uint32_t *out)
{
    if (l->names)
        return name_person(l, case_id, out);
    const case_key *hit = l->f.n_people ? bsearch(case_id, l->keys, l->f.n_people,
                                                   sizeof *l->keys, compare_id)
                                        : NULL;
    if (!hit)
        return false;
    *out = hit->person;
    return true;
}

static bool in_period(const loader *l, caldate d)
{
    return caldate_compare(d, l->p.from) >= 0 && caldate_compare(d, l->p.to) <= 0;
}

/* Could an event count in the period?  Spans (a plan open for a while, a
 * follow-up waiting) count in every period they touch, and a follow-up
 * still waiting is overdue in every later period: as of the period's end,
 * or today when that comes first (a period still running, or one ahead),
 * so one held after that day still counts. */
static bool event_can_count(const loader *l, const report_event *e)
{
    if (e->kind == EVENT_REINTEGRATION)
        return caldate_compare(e->on, l->p.to) <= 0
               && (!e->until_known || caldate_compare(e->until, l->p.from) >= 0);
    if (e->kind == EVENT_FOLLOWUP_SCHEDULED) {
        caldate cutoff = caldate_compare(l->f.today, l->p.to) < 0 ? l->f.today : l->p.to;
        return caldate_compare(e->on, l->p.to) <= 0
               && (!e->until_known || caldate_compare(e->until, l->p.from) >= 0
                   || caldate_compare(e->until, cutoff) > 0);
    }
    return in_period(l, e->on);
}

static store_status push_event(loader *l, const report_event *e)
{
    if (!l->gaps && !event_can_count(l, e))
        return ST_OK;
    if (l->f.n_events == l->cap_events) {
        size_t ncap = l->cap_events ? 2 * l->cap_events : 1024;
        report_event *grown = realloc(l->f.events, ncap * sizeof *grown);
        if (!grown)
            return ST_NOMEM;
        l->f.events = grown;
        l->cap_events = ncap;
    }
    l->f.events[l->f.n_events++] = *e;
    return ST_OK;
}

static report_event event_on(uint32_t person, report_event_kind kind, caldate on)
{
    report_event e = { .person = person, .kind = (uint8_t)kind, .on = on, .days = -1 };
    return e;
}

typedef store_status (*row_fn)(loader *l, sqlite3_stmt *q);
typedef store_status (*row_ctx_fn)(loader *l, sqlite3_stmt *q, vec *ctx);

/* Steps q to its end, handing every row to row(l, q), or when row is NULL
 * to row_ctx(l, q, ctx); stops at the first status that is not ST_OK;
 * finalizes q.  The one loop of every reader below. */
static store_status step_rows(loader *l, sqlite3_stmt *q, row_fn row, row_ctx_fn row_ctx,
                              vec *ctx)
{
    store_status st = ST_OK;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW
           && (st = row ? row(l, q) : row_ctx(l, q, ctx)) == ST_OK)
        ;
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(l->s, rc);
    sqlite3_finalize(q);
    return st;
}

/* Runs sql (its parameters bound by bind, may be NULL) and hands every
 * row to row() or row_ctx() (step_rows). */
static store_status run_rows(loader *l, const char *sql, void (*bind)(sqlite3_stmt *q),
                             row_fn row, row_ctx_fn row_ctx, vec *ctx)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(l->s, sql, &q);
    if (st != ST_OK)
        return st;
    if (bind)
        bind(q);
    return step_rows(l, q, row, row_ctx, ctx);
}

/* Runs sql and hands every row to row(); stops at the first status that
 * is not ST_OK. */
static store_status each_row(loader *l, const char *sql, void (*bind)(sqlite3_stmt *q), row_fn row)
{
    return run_rows(l, sql, bind, row, NULL, NULL);
}

/* ---- the people ------------------------------------------------------- */

/* A person row, sorted by id for the cases to find. */
typedef struct person_row {
    char id[TC_ID_LEN];
    int sex;
    bool birth_known;
    caldate birth;
    int estimated_age;              /* -1 unknown */
} person_row;

static store_status person_read(loader *l, sqlite3_stmt *q, vec *persons)
{
    (void)l;
    person_row *r = vec_push(persons);
    if (!r)
        return ST_NOMEM;
    store_column_copy(q, 0, r->id, sizeof r->id);
    r->sex = (int)store_column_sex(q, 1);
    r->birth_known = rec_column_date(q, 2, &r->birth);
    r->estimated_age = store_column_estimated_age(q, 3);
    return ST_OK;
}

/* The same, handing every row to row() with ctx. */
static store_status each_row_ctx(loader *l, const char *sql, void (*bind)(sqlite3_stmt *q),
                                 row_ctx_fn row, vec *ctx)
{
    return run_rows(l, sql, bind, NULL, row, ctx);
}

/* Age at the date met: from the date of birth, else the estimated age
 * (which is recorded as the age at the date met).  With no date met, the
 * day the case was recorded stands in for it. */
static int age_at_meeting(const loader *l, sqlite3_stmt *q, int created_col,
                          const report_person_dims *d, const person_row *p)
{
    if (!p)
        return -1;
    if (p->birth_known) {
        caldate met = d->date_met;
        if (!d->date_met_known && !column_day_of_moment(l, q, created_col, &met))
            return -1;
        int age = caldate_age_years(p->birth, met);
        return age >= 0 ? age : -1;
    }
    return p->estimated_age;
}

static void note_person_gaps(loader *l, size_t i)
{
    const report_person_dims *d = &l->f.people[i];
    uint16_t m = 0;
    m |= (uint16_t)(d->sex == SEX_UNKNOWN) << GAP_SEX;
    m |= (uint16_t)(d->age < 0) << GAP_AGE;
    m |= (uint16_t)1 << GAP_NATIONALITY;       /* until a nationality row is read */
    m |= (uint16_t)!d->date_met_known << GAP_DATE_MET;
    m |= (uint16_t)!d->entry_point[0] << GAP_ENTRY_POINT;
    m |= (uint16_t)!d->province[0] << GAP_PROVINCE;
    l->missing[i] = m;
}

static store_status people_reserve(loader *l, size_t n);

static store_status case_read(loader *l, sqlite3_stmt *q, vec *persons)
{
    size_t i = l->f.n_people;
    if (people_reserve(l, i + 1) != ST_OK)
        return ST_NOMEM;
    report_person_dims *d = &l->f.people[i];
    store_column_copy(q, 0, l->ids[i], TC_ID_LEN);
    const person_row *p = bsearch(store_column_text(q, 2), persons->items, persons->n, sizeof *p,
                                  compare_id);
    d->sex = p ? p->sex : SEX_UNKNOWN;
    store_column_copy(q, 3, d->entry_point, sizeof d->entry_point);
    store_column_copy(q, 4, d->province, sizeof d->province);
    d->date_met_known = rec_column_date(q, 5, &d->date_met);
    store_column_copy(q, 6, d->officer, sizeof d->officer);
    d->age = age_at_meeting(l, q, 7, d, p);
    if (l->gaps) {
        store_column_copy(q, 1, l->refs[i], CASEREF_MAX);
        note_person_gaps(l, i);
    }
    l->f.n_people++;
    return ST_OK;
}

/* An array of old elements grown to cap, the new ones zeroed; NULL (and
 * items untouched) when memory runs out. */
static void *enlarged(void *items, size_t old, size_t cap, size_t size)
{
    char *bigger = realloc(items, cap * size);
    if (bigger)
        memset(bigger + old * size, 0, (cap - old) * size);
    return bigger;
}

/* field = enlarged(field, ...) when that worked (tmp: a void * in scope). */
#define GROW(field, old, cap) \
    ((tmp = enlarged((field), (old), (cap), sizeof *(field))) != NULL \
     ? ((field) = tmp, true) : false)

/* Room for n people in every per-person array (the arrays grow as rows
 * come: a case saved while the report reads is simply not in it). */
static store_status people_reserve(loader *l, size_t n)
{
    if (n <= l->cap_people)
        return ST_OK;
    size_t old = l->cap_people, cap = old ? 2 * old : 1024;
    while (cap < n)
        cap *= 2;
    void *tmp;
    bool ok = GROW(l->f.people, old, cap) && GROW(l->ids, old, cap) && GROW(l->keys, old, cap)
              && GROW(l->excluded, old, cap) && GROW(l->first, old, cap)
              && GROW(l->second, old, cap)
              && (!l->gaps || (GROW(l->refs, old, cap) && GROW(l->missing, old, cap)));
    if (!ok)
        return ST_NOMEM;
    l->cap_people = cap;
    return ST_OK;
}

/* persons, then cases, each in stored order; the case ids are sorted in
 * memory for every later table's rows to find their person.  A case added
 * without an assigned officer is the recording officer's (as in the case
 * list). */
static store_status load_people(loader *l)
{
    vec persons = { NULL, 0, 0, sizeof(person_row) };
    store_status st = each_row_ctx(l, "SELECT id, sex, birth_date, estimated_age FROM persons",
                                   NULL, person_read, &persons);
    if (st == ST_OK && persons.n)
        qsort(persons.items, persons.n, sizeof(person_row), compare_ids);
    if (st == ST_OK)
        st = each_row_ctx(l,
                          "SELECT id, reference, person_id, entry_point, province, date_met,"
                          " COALESCE(NULLIF(assigned_officer, ''), created_by, ''), created_at"
                          " FROM cases", NULL, case_read, &persons);
    free(persons.items);
    if (st != ST_OK)
        return st;
    for (size_t i = 0; i < l->f.n_people; i++) {
        memcpy(l->keys[i].id, l->ids[i], TC_ID_LEN);
        l->keys[i].person = (uint32_t)i;
    }
    if (l->f.n_people)
        qsort(l->keys, l->f.n_people, sizeof *l->keys, compare_ids);
    return ST_OK;
}

/* The per-person minimums of one pass start empty. */
static void reset_minimums(loader *l)
{
    for (size_t i = 0; i < l->f.n_people; i++)
        l->first[i] = l->second[i] = INT64_MAX;
}

/* The first nationality: the lowest position (first[] holds it). */
static store_status nationality_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, store_column_text(q, 0), &i))
        return ST_OK;
    int64_t position = sqlite3_column_int64(q, 1);
    if (position >= l->first[i])
        return ST_OK;
    l->first[i] = position;
    store_column_copy(q, 2, l->f.people[i].nationality, sizeof l->f.people[i].nationality);
    if (l->gaps)
        l->missing[i] &= (uint16_t)~(1u << GAP_NATIONALITY);
    return ST_OK;
}

/* "forced_labour,debt_bondage" into the person's exploitation codes. */
static void split_exploitation(report_person_dims *d, const char *list)
{
    d->n_exploitation = store_split_codes(list, d->exploitation[0], sizeof d->exploitation[0],
                                          REPORT_MAX_EXPLOITATION);
}

static store_status intake_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, store_column_text(q, 0), &i))
        return ST_OK;
    report_person_dims *d = &l->f.people[i];
    store_column_copy(q, 1, d->sector, sizeof d->sector);
    split_exploitation(d, store_column_text(q, 2));
    if (l->gaps) {
        l->missing[i] |= (uint16_t)(!d->sector[0]) << GAP_SECTOR;
        l->missing[i] |= (uint16_t)(d->n_exploitation == 0) << GAP_EXPLOITATION;
    }
    return ST_OK;
}

/* The latest close or reopen (by its audit seq, kept in second[]) says
 * whether the case stands closed in error. */
static store_status closure_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, store_column_text(q, 0), &i))
        return ST_OK;
    int64_t seq = sqlite3_column_int64(q, 3);
    if (l->second[i] != INT64_MAX && seq < l->second[i])
        return ST_OK;
    l->second[i] = seq;
    l->excluded[i] = !strcmp(store_column_text(q, 1), "close")
                     && !strcmp(store_column_text(q, 2), REPORT_CLOSED_IN_ERROR);
    return ST_OK;
}

static store_status load_dimensions(loader *l)
{
    reset_minimums(l);
    store_status st = each_row(l, "SELECT case_id, position, country FROM case_nationalities",
                               NULL, nationality_row);
    if (st == ST_OK)
        st = each_row(l, "SELECT case_id, sector, exploitation FROM intakes"
                         " WHERE is_current = 1 AND entry_withdrawn = 0", NULL, intake_row);
    if (st == ST_OK)
        st = each_row(l, "SELECT case_id, action, reason, audit_seq FROM case_closures", NULL,
                      closure_row);
    return st;
}

/* ---- screening and identification ------------------------------------- */

static void bind_screening(sqlite3_stmt *q)
{
    sqlite3_bind_text(q, 1, suggestion_code(SUGGEST_REASONABLE_GROUNDS), -1, SQLITE_STATIC);
}

static void keep_min(int64_t *slot, int64_t v)
{
    if (v < *slot)
        *slot = v;
}

/* first[]: the first screening held; second[]: the first decided with the
 * suggestion of reasonable grounds. */
static store_status screening_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    int64_t t;
    if (!person_of(l, store_column_text(q, 0), &i))
        return ST_OK;
    if (timestamp_parse_iso(store_column_text(q, 1), &t))
        keep_min(&l->first[i], t);
    if (sqlite3_column_int(q, 2) && timestamp_parse_iso(store_column_text(q, 3), &t))
        keep_min(&l->second[i], t);
    return ST_OK;
}

static store_status push_firsts(loader *l, report_event_kind kind, const int64_t *first)
{
    store_status st = ST_OK;
    for (uint32_t i = 0; i < l->f.n_people && st == ST_OK; i++)
        if (first[i] != INT64_MAX) {
            report_event e = event_on(i, kind, day_of_seconds(l, first[i]));
            st = push_event(l, &e);
        }
    return st;
}

static void bind_identification(sqlite3_stmt *q)
{
    sqlite3_bind_text(q, 1, ident_outcome_code(IDENT_VICTIM_TRAFFICKING), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, ident_outcome_code(IDENT_VICTIM_FORCED_LABOUR), -1, SQLITE_STATIC);
}

/* first[]: the day (since the epoch) of the first victim decision. */
static store_status identification_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    caldate d;
    if (person_of(l, store_column_text(q, 0), &i) && rec_column_date(q, 1, &d))
        keep_min(&l->first[i], caldate_to_days(d));
    return ST_OK;
}

static store_status push_identified(loader *l)
{
    store_status st = ST_OK;
    for (uint32_t i = 0; i < l->f.n_people && st == ST_OK; i++) {
        if (l->first[i] == INT64_MAX)
            continue;
        caldate d = caldate_from_days(l->first[i]);
        report_event e = event_on(i, EVENT_IDENTIFIED, d);
        const report_person_dims *p = &l->f.people[i];
        if (p->date_met_known && caldate_compare(p->date_met, d) <= 0)
            e.days = days_between(p->date_met, d);
        st = push_event(l, &e);
    }
    return st;
}

static store_status load_screening(loader *l)
{
    reset_minimums(l);
    store_status st = each_row(l,
                               "SELECT case_id, held_at, decided = 1 AND suggestion = ?1,"
                               " decided_at FROM screenings", bind_screening, screening_row);
    if (st == ST_OK)
        st = push_firsts(l, EVENT_SCREENED, l->first);
    if (st == ST_OK)
        st = push_firsts(l, EVENT_REASONABLE_GROUNDS, l->second);
    reset_minimums(l);
    if (st == ST_OK)
        st = each_row(l,
                      "SELECT case_id, decided_on FROM identifications"
                      " WHERE outcome IN (?1, ?2) AND decided_on IS NOT NULL",
                      bind_identification, identification_row);
    if (st == ST_OK)
        st = push_identified(l);
    return st;
}

/* ---- referrals -------------------------------------------------------- */

/* Sent referrals with their agency's type (the directory's current
 * version) and their state today; each is kept for its acceptance. */
static store_status referral_row(loader *l, sqlite3_stmt *q, vec *sent)
{
    uint32_t i;
    if (!person_of(l, store_column_text(q, 1), &i))
        return ST_OK;
    int64_t at = sqlite3_column_int64(q, 2);
    report_event e = event_on(i, EVENT_REFERRED, day_of_seconds(l, at));
    referral_state state = REFERRAL_SENT;
    agency_type type = AGENCY_GOVERNMENT;   /* the directory always has the agency */
    referral_state_from_code(store_column_text(q, 3), &state);
    agency_type_from_code(store_column_text(q, 4), &type);
    e.state = (uint8_t)state;
    e.sub = (uint8_t)type;
    sent_referral *r = vec_push(sent);
    if (!r)
        return ST_NOMEM;
    store_column_copy(q, 0, r->id, sizeof r->id);
    r->person = i;
    r->sent_at = at;
    r->accepted_at = INT64_MAX;
    return push_event(l, &e);
}

/* Acceptance: the first move to accepted, or straight into service (an
 * agency that serves the person has accepted them). */
static void bind_accepted(sqlite3_stmt *q)
{
    sqlite3_bind_text(q, 1, referral_state_code(REFERRAL_ACCEPTED), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, referral_state_code(REFERRAL_IN_SERVICE), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, referral_state_code(REFERRAL_COMPLETED), -1, SQLITE_STATIC);
}

static store_status accepted_row(loader *l, sqlite3_stmt *q, vec *sent)
{
    (void)l;
    sent_referral *r = sent->n ? bsearch(store_column_text(q, 0), sent->items, sent->n,
                                         sizeof *r, compare_id)
                               : NULL;
    if (r)
        keep_min(&r->accepted_at, sqlite3_column_int64(q, 1));
    return ST_OK;
}

static store_status push_accepted(loader *l, const vec *sent)
{
    store_status st = ST_OK;
    const sent_referral *all = sent->items;
    for (size_t k = 0; k < sent->n && st == ST_OK; k++) {
        if (all[k].accepted_at == INT64_MAX)
            continue;
        caldate from = day_of_seconds(l, all[k].sent_at), on = day_of_seconds(l, all[k].accepted_at);
        report_event e = event_on(all[k].person, EVENT_REFERRAL_ACCEPTED, on);
        if (caldate_compare(from, on) <= 0)
            e.days = days_between(from, on);
        st = push_event(l, &e);
    }
    return st;
}

static store_status load_referrals(loader *l)
{
    vec sent = { NULL, 0, 0, sizeof(sent_referral) };
    store_status st = each_row_ctx(l,
                                   "SELECT r.id, r.case_id, r.sent_at, r.state, a.type"
                                   " FROM referrals r LEFT JOIN agencies a"
                                   " ON a.code = r.agency_code AND a.is_current = 1"
                                   " WHERE r.sent_at IS NOT NULL", NULL, referral_row, &sent);
    if (st == ST_OK && sent.n)
        qsort(sent.items, sent.n, sizeof(sent_referral), compare_ids);
    if (st == ST_OK && sent.n)
        st = each_row_ctx(l, "SELECT referral_id, at FROM referral_events"
                             " WHERE to_state IN (?1, ?2, ?3)", bind_accepted, accepted_row,
                          &sent);
    if (st == ST_OK)
        st = push_accepted(l, &sent);
    free(sent.items);
    return st;
}

/* ---- needs ------------------------------------------------------------ */

static store_status need_read(loader *l, sqlite3_stmt *q, vec *versions)
{
    need_version *v = vec_push(versions);
    if (!v)
        return ST_NOMEM;
    store_column_copy(q, 0, v->record, sizeof v->record);
    if (!person_of(l, store_column_text(q, 1), &v->person))
        v->person = UINT32_MAX;
    need_kind kind = NEED_SAFETY;
    need_kind_from_code(store_column_text(q, 2), &kind);
    v->kind = (uint8_t)kind;
    need_state state;
    v->state = need_state_from_code(store_column_text(q, 3), &state) ? (int8_t)state : -1;
    v->at_known = column_day_of_moment(l, q, 4, &v->at);
    v->version = sqlite3_column_int(q, 5);
    v->withdrawn = sqlite3_column_int(q, 6) != 0;
    return ST_OK;
}

static int compare_need_versions(const void *x, const void *y)
{
    const need_version *a = x, *b = y;
    int c = strcmp(a->record, b->record);
    return c ? c : (a->version > b->version) - (a->version < b->version);
}

/* One record's versions [first, last): the first version in each state is
 * when the need became it (its save); the latest version says the kind
 * and whether the record was withdrawn. */
static store_status need_record(loader *l, const need_version *v, size_t n)
{
    const need_version *latest = &v[n - 1];
    if (latest->person == UINT32_MAX || latest->withdrawn)
        return ST_OK;
    bool done[2] = { false, false };
    store_status st = ST_OK;
    for (size_t k = 0; k < n && st == ST_OK; k++) {
        int column = v[k].state == NEED_PROVIDED ? 0 : v[k].state == NEED_UNAVAILABLE ? 1 : -1;
        if (column < 0 || done[column] || !v[k].at_known)
            continue;
        done[column] = true;
        report_event e = event_on(latest->person,
                                  column == 0 ? EVENT_NEED_PROVIDED : EVENT_NEED_UNAVAILABLE,
                                  v[k].at);
        e.sub = latest->kind;
        st = push_event(l, &e);
    }
    return st;
}

static store_status load_needs(loader *l)
{
    vec versions = { NULL, 0, 0, sizeof(need_version) };
    store_status st = each_row_ctx(l,
                                   "SELECT record_id, case_id, kind, state, updated_at, version,"
                                   " entry_withdrawn FROM needs", NULL, need_read, &versions);
    need_version *v = versions.items;
    if (st == ST_OK && versions.n)
        qsort(v, versions.n, sizeof *v, compare_need_versions);
    for (size_t first = 0; st == ST_OK && first < versions.n;) {
        size_t last = first + 1;
        while (last < versions.n && !strcmp(v[last].record, v[first].record))
            last++;
        st = need_record(l, &v[first], last - first);
        first = last;
    }
    free(versions.items);
    return st;
}

/* ---- return and reintegration ----------------------------------------- */

/* The returned plans, with the condition of the partial index
 * repatriations_returned written out as it is there (migration 9). */
static const char RETURNED_SQL[] =
    "SELECT case_id, handed_over_at, updated_at FROM repatriations"
    " WHERE state = 'returned' AND is_current = 1 AND entry_withdrawn = 0";

/* The handover day; a plan marked returned without its moment counts on
 * the day it was saved so (and the completeness check lists it). */
static store_status repatriation_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    caldate on;
    if (!person_of(l, store_column_text(q, 0), &i))
        return ST_OK;
    bool known = column_day_of_moment(l, q, 1, &on);
    if (!known && l->gaps)
        l->missing[i] |= 1u << GAP_HANDOVER_DATE;
    if (!known && !column_day_of_moment(l, q, 2, &on))
        return ST_OK;
    report_event e = event_on(i, EVENT_REPATRIATED, on);
    return push_event(l, &e);
}

/* Current plans and follow-ups: each a walk of its covering index
 * (reintegrations_report, followups_report; migration 9). */
static const char PLANS_SQL[] =
    "SELECT record_id, case_id, start, schedule, closed, closed_on, next_due"
    " FROM reintegrations WHERE is_current = 1 AND entry_withdrawn = 0";
static const char FOLLOWUPS_SQL[] =
    "SELECT plan_id, held_on, next_on FROM followups WHERE is_current = 1"
    " AND entry_withdrawn = 0";

static store_status remember_plan(loader *l, const char *id, uint32_t person, caldate start,
                                  const char *schedule)
{
    if (l->n_plans == l->cap_plans) {
        size_t ncap = l->cap_plans ? 2 * l->cap_plans : 64;
        plan_entry *grown = realloc(l->plans, ncap * sizeof *grown);
        if (!grown)
            return ST_NOMEM;
        l->plans = grown;
        l->cap_plans = ncap;
    }
    plan_entry *p = &l->plans[l->n_plans++];
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "%s", id);
    p->person = person;
    p->start = start;
    p->schedule_known = followup_schedule_parse(schedule, &p->schedule);
    return ST_OK;
}

/* A plan is open from its start until it is closed; its next follow-up,
 * while it has one, is waiting (overdue once its day has passed). */
static store_status reintegration_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    caldate start, next;
    if (!person_of(l, store_column_text(q, 1), &i) || !rec_column_date(q, 2, &start))
        return ST_OK;
    report_event e = event_on(i, EVENT_REINTEGRATION, start);
    bool closed = sqlite3_column_int(q, 4) != 0;
    e.until_known = closed && rec_column_date(q, 5, &e.until);
    store_status st = push_event(l, &e);
    if (st == ST_OK && !closed && rec_column_date(q, 6, &next)) {
        report_event w = event_on(i, EVENT_FOLLOWUP_SCHEDULED, next);
        st = push_event(l, &w);
    }
    if (st == ST_OK)
        st = remember_plan(l, store_column_text(q, 0), i, start, store_column_text(q, 3));
    return st;
}

static store_status followup_read(loader *l, sqlite3_stmt *q, vec *rows)
{
    (void)l;
    followup_row *r = vec_push(rows);
    if (!r)
        return ST_NOMEM;
    store_column_copy(q, 0, r->plan, sizeof r->plan);
    if (!rec_column_date(q, 1, &r->held))
        rows->n--;                  /* a follow-up without its day cannot count */
    else
        r->next_known = rec_column_date(q, 2, &r->next);
    return ST_OK;
}

static int compare_followups(const void *x, const void *y)
{
    const followup_row *a = x, *b = y;
    int c = strcmp(a->plan, b->plan);
    return c ? c : caldate_compare(a->held, b->held);
}

/* A plan's follow-ups in the order held: each was due on the day the one
 * before it set (the first on the schedule's first slot), so one held
 * late was overdue in the days between. */
static store_status plan_followups(loader *l, const plan_entry *p, const followup_row *f,
                                   size_t n)
{
    caldate due;
    bool due_known = p->schedule_known && reint_next_scheduled(p->start, &p->schedule, 0, &due);
    store_status st = ST_OK;
    for (size_t k = 0; k < n && st == ST_OK; k++) {
        report_event done = event_on(p->person, EVENT_FOLLOWUP_DONE, f[k].held);
        st = push_event(l, &done);
        if (st == ST_OK && due_known) {
            report_event waited = event_on(p->person, EVENT_FOLLOWUP_SCHEDULED, due);
            waited.until_known = true;
            waited.until = f[k].held;
            st = push_event(l, &waited);
        }
        due_known = f[k].next_known;
        due = f[k].next;
    }
    return st;
}

static store_status load_followups(loader *l)
{
    vec rows = { NULL, 0, 0, sizeof(followup_row) };
    store_status st = each_row_ctx(l, FOLLOWUPS_SQL, NULL, followup_read, &rows);
    followup_row *f = rows.items;
    if (st == ST_OK && rows.n)
        qsort(f, rows.n, sizeof *f, compare_followups);
    for (size_t first = 0; st == ST_OK && first < rows.n;) {
        size_t last = first + 1;
        while (last < rows.n && !strcmp(f[last].plan, f[first].plan))
            last++;
        const plan_entry *p = bsearch(f[first].plan, l->plans, l->n_plans, sizeof *p,
                                      compare_id);
        if (p)
            st = plan_followups(l, p, &f[first], last - first);
        first = last;
    }
    free(rows.items);
    return st;
}

static store_status load_returns(loader *l)
{
    store_status st = each_row(l, RETURNED_SQL, NULL, repatriation_row);
    if (st == ST_OK)
        st = each_row(l, PLANS_SQL, NULL, reintegration_row);
    if (st == ST_OK && l->n_plans)
        qsort(l->plans, l->n_plans, sizeof *l->plans, compare_ids);
    if (st == ST_OK && l->n_plans)
        st = load_followups(l);
    return st;
}

/* ---- the period read (store_report_facts) ----------------------------- */

/* What the period read asks, in the order it asks (the plan test and
 * bench/bench print their plans).  ?1 and ?2 are the period a day wider
 * on each side: ISO moments, days, or seconds, as the column holds. */
enum { PQ_SCREENED, PQ_GROUNDS, PQ_VICTIM, PQ_REFERRED, PQ_ACCEPTED, PQ_NEEDS, PQ_RETURNED,
       PQ_PLANS, PQ_FOLLOWUPS, PQ_PERSON, PQ_COUNT };

static const char PERSON_SQL[] =
    "SELECT sex, birth_date, estimated_age, date_met, created_at, entry_point, province,"
    " officer, nationality, sector, exploitation, closure_action, closure_reason"
    " FROM report_cases WHERE case_id = ?1";

static const char *const period_sql[PQ_COUNT] = {
    [PQ_SCREENED] = "SELECT case_id, first_screened FROM report_cases"
                    " WHERE first_screened IS NOT NULL AND first_screened >= ?1"
                    " AND first_screened < ?2",
    [PQ_GROUNDS] = "SELECT case_id, first_grounds FROM report_cases"
                   " WHERE first_grounds IS NOT NULL AND first_grounds >= ?1"
                   " AND first_grounds < ?2",
    [PQ_VICTIM] = "SELECT case_id, first_victim FROM report_cases"
                  " WHERE first_victim IS NOT NULL AND first_victim >= ?1"
                  " AND first_victim <= ?2",
    [PQ_REFERRED] = "SELECT r.case_id, r.sent_at, r.state, a.type FROM referrals r"
                    " LEFT JOIN agencies a ON a.code = r.agency_code AND a.is_current = 1"
                    " WHERE r.sent_at IS NOT NULL AND r.sent_at >= ?1 AND r.sent_at < ?2",
    [PQ_ACCEPTED] = "SELECT case_id, sent_at, accepted_at FROM report_referrals"
                    " WHERE accepted_at IS NOT NULL AND accepted_at >= ?1"
                    " AND accepted_at < ?2 AND sent_at IS NOT NULL",
    [PQ_NEEDS] = "SELECT case_id, state, at, kind FROM report_need_events"
                 " WHERE at >= ?1 AND at < ?2 AND withdrawn = 0",
    [PQ_RETURNED] = RETURNED_SQL,
    [PQ_PLANS] = PLANS_SQL,
    [PQ_FOLLOWUPS] = FOLLOWUPS_SQL,
    [PQ_PERSON] = PERSON_SQL,
};

const char *report_period_sql(size_t i)
{
    return i < PQ_COUNT ? period_sql[i] : NULL;
}

/* The period a day wider on each side, in the forms the columns hold. */
typedef struct period_bounds {
    char lo[TIMESTAMP_ISO_LEN], hi[TIMESTAMP_ISO_LEN];
    char lo_day[CALDATE_ISO_LEN], hi_day[CALDATE_ISO_LEN];
    int64_t lo_t, hi_t;
} period_bounds;

static period_bounds bounds_of(const loader *l)
{
    period_bounds b;
    int64_t from = caldate_to_days(l->p.from), to = caldate_to_days(l->p.to);
    b.lo_t = (from - 1) * 86400 - l->utc_offset;
    b.hi_t = (to + 2) * 86400 - l->utc_offset;
    timestamp_format_iso(b.lo_t, b.lo);
    timestamp_format_iso(b.hi_t, b.hi);
    caldate_format_iso(caldate_from_days(from - 1), b.lo_day);
    caldate_format_iso(caldate_from_days(to + 1), b.hi_day);
    return b;
}

/* Case ids are random UUIDs: their first 16 characters are hash enough. */
static uint32_t id_hash(const char *id)
{
    uint32_t h = 2166136261u;
    for (int k = 0; k < 16 && id[k]; k++)
        h = (h ^ (unsigned char)id[k]) * 16777619u;
    return h;
}

/* Copies a text column (cut to outsz), without snprintf's cost: the
 * period read copies a dozen columns for each of tens of thousands of
 * people. */
static void column_put(sqlite3_stmt *q, int col, char *out, size_t outsz)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    size_t len = t ? (size_t)sqlite3_column_bytes(q, col) : 0;
    if (len >= outsz)
        len = outsz - 1;
    if (len)
        memcpy(out, t, len);
    out[len] = '\0';
}

/* Doubles the case id table (kept at most half full). */
static bool names_grow(loader *l)
{
    size_t cap = l->names_cap ? 2 * l->names_cap : 4096;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t k = 0; k < l->names_cap; k++)
        if (l->names[k]) {
            size_t j = id_hash(l->ids[l->names[k] - 1]) & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = l->names[k];
        }
    free(l->names);
    l->names = slots;
    l->names_cap = cap;
    return true;
}

/* The person of case_id, a new one the first time the case is named
 * (its dimensions are read afterwards, load_named_people). */
static bool name_person(loader *l, const char *case_id, uint32_t *out)
{
    size_t len = strlen(case_id);
    if (len >= TC_ID_LEN)
        return false;               /* no case has such an id */
    if (2 * (l->f.n_people + 1) > l->names_cap && !names_grow(l)) {
        l->nomem = true;
        return false;
    }
    size_t mask = l->names_cap - 1, j = id_hash(case_id) & mask;
    for (; l->names[j]; j = (j + 1) & mask)
        if (!strcmp(l->ids[l->names[j] - 1], case_id)) {
            *out = l->names[j] - 1;
            return true;
        }
    size_t i = l->f.n_people;
    if (people_reserve(l, i + 1) != ST_OK) {
        l->nomem = true;
        return false;
    }
    memcpy(l->ids[i], case_id, len + 1);
    l->names[j] = (uint32_t)i + 1;
    l->f.n_people++;
    *out = (uint32_t)i;
    return true;
}

/* An event of the case case_id, kept when it can count. */
static store_status push_named(loader *l, const char *case_id, report_event *e)
{
    uint32_t i;
    if (!event_can_count(l, e))
        return ST_OK;
    if (!person_of(l, case_id, &i))
        return l->nomem ? ST_NOMEM : ST_OK;
    e->person = i;
    return push_event(l, e);
}

typedef enum bound_kind { BOUND_NONE, BOUND_MOMENT, BOUND_DAY, BOUND_SECONDS } bound_kind;

static store_status each_period_row(loader *l, int which, bound_kind kind, row_fn row)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(l->s, period_sql[which], &q);
    if (st != ST_OK)
        return st;
    period_bounds b = bounds_of(l);
    if (kind == BOUND_MOMENT) {
        sqlite3_bind_text(q, 1, b.lo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, b.hi, -1, SQLITE_TRANSIENT);
    } else if (kind == BOUND_DAY) {
        sqlite3_bind_text(q, 1, b.lo_day, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, b.hi_day, -1, SQLITE_TRANSIENT);
    } else if (kind == BOUND_SECONDS) {
        sqlite3_bind_int64(q, 1, b.lo_t);
        sqlite3_bind_int64(q, 2, b.hi_t);
    }
    return step_rows(l, q, row, NULL, NULL);
}

/* A first milestone: a moment (screened, grounds) or a day (victim). */
static store_status milestone(loader *l, sqlite3_stmt *q, report_event_kind kind, bool is_day)
{
    caldate on;
    if (is_day ? !rec_column_date(q, 1, &on) : !column_day_of_moment(l, q, 1, &on))
        return ST_OK;
    report_event e = event_on(0, kind, on);
    return push_named(l, store_column_text(q, 0), &e);
}

static store_status screened_row(loader *l, sqlite3_stmt *q)
{
    return milestone(l, q, EVENT_SCREENED, false);
}

static store_status grounds_row(loader *l, sqlite3_stmt *q)
{
    return milestone(l, q, EVENT_REASONABLE_GROUNDS, false);
}

/* Its days from meeting are worked out once the person is read. */
static store_status victim_row(loader *l, sqlite3_stmt *q)
{
    return milestone(l, q, EVENT_IDENTIFIED, true);
}

/* A referral sent, with its agency's type and its state today. */
static store_status referred_row(loader *l, sqlite3_stmt *q)
{
    report_event e = event_on(0, EVENT_REFERRED, day_of_seconds(l, sqlite3_column_int64(q, 1)));
    referral_state state = REFERRAL_SENT;
    agency_type type = AGENCY_GOVERNMENT;   /* the directory always has the agency */
    referral_state_from_code(store_column_text(q, 2), &state);
    agency_type_from_code(store_column_text(q, 3), &type);
    e.state = (uint8_t)state;
    e.sub = (uint8_t)type;
    return push_named(l, store_column_text(q, 0), &e);
}

static store_status accepted_period_row(loader *l, sqlite3_stmt *q)
{
    caldate from = day_of_seconds(l, sqlite3_column_int64(q, 1));
    caldate on = day_of_seconds(l, sqlite3_column_int64(q, 2));
    report_event e = event_on(0, EVENT_REFERRAL_ACCEPTED, on);
    if (caldate_compare(from, on) <= 0)
        e.days = days_between(from, on);
    return push_named(l, store_column_text(q, 0), &e);
}

static store_status need_period_row(loader *l, sqlite3_stmt *q)
{
    caldate on;
    if (!column_day_of_moment(l, q, 2, &on))
        return ST_OK;
    need_kind kind = NEED_SAFETY;
    need_kind_from_code(store_column_text(q, 3), &kind);
    bool provided = !strcmp(store_column_text(q, 1), need_state_code(NEED_PROVIDED));
    report_event e = event_on(0, provided ? EVENT_NEED_PROVIDED : EVENT_NEED_UNAVAILABLE, on);
    e.sub = (uint8_t)kind;
    return push_named(l, store_column_text(q, 0), &e);
}

/* One person's dimensions from their report_cases row (PERSON_SQL). */
static void person_dims(loader *l, sqlite3_stmt *q, uint32_t i)
{
    report_person_dims *d = &l->f.people[i];
    d->sex = (int)store_column_sex(q, 0);
    person_row p;
    p.birth_known = rec_column_date(q, 1, &p.birth);
    p.estimated_age = store_column_estimated_age(q, 2);
    d->date_met_known = rec_column_date(q, 3, &d->date_met);
    d->age = age_at_meeting(l, q, 4, d, &p);
    column_put(q, 5, d->entry_point, sizeof d->entry_point);
    column_put(q, 6, d->province, sizeof d->province);
    column_put(q, 7, d->officer, sizeof d->officer);
    column_put(q, 8, d->nationality, sizeof d->nationality);
    column_put(q, 9, d->sector, sizeof d->sector);
    split_exploitation(d, store_column_text(q, 10));
    l->excluded[i] = !strcmp(store_column_text(q, 11), "close")
                     && !strcmp(store_column_text(q, 12), REPORT_CLOSED_IN_ERROR);
}

/* A person to read, sorted by the first eight bytes of the case id as a
 * big-endian number (the order of strcmp), then by the whole id. */
typedef struct person_order {
    uint64_t prefix;
    uint32_t person;
    const char *id;
} person_order;

static uint64_t id_prefix(const char *id)
{
    uint64_t v = 0;
    for (int k = 0; k < 8; k++) {
        v = v << 8 | (unsigned char)*id;
        id += *id != '\0';
    }
    return v;
}

static int compare_person_order(const void *x, const void *y)
{
    const person_order *a = x, *b = y;
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* The people the kept events name, read in case id order so that the
 * pages of report_cases come in order (each decrypted once).  A case
 * without its row cannot count: its events are dropped (as excluded). */
static store_status load_named_people(loader *l)
{
    size_t n = l->f.n_people, k = 0;
    person_order *order = malloc((n ? n : 1) * sizeof *order);
    bool *used = calloc(n ? n : 1, 1);
    store_status st = order && used ? ST_OK : ST_NOMEM;
    for (size_t e = 0; st == ST_OK && e < l->f.n_events; e++)
        used[l->f.events[e].person] = true;
    for (uint32_t i = 0; st == ST_OK && i < n; i++)
        if (used[i])
            order[k++] = (person_order){ id_prefix(l->ids[i]), i, l->ids[i] };
    if (st == ST_OK && k)
        qsort(order, k, sizeof *order, compare_person_order);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(l->s, PERSON_SQL, &q);
    for (size_t j = 0; st == ST_OK && j < k; j++) {
        sqlite3_bind_text(q, 1, order[j].id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
            person_dims(l, q, order[j].person);
        else if (rc == SQLITE_DONE)
            l->excluded[order[j].person] = true;
        else
            st = store_status_from_sqlite(l->s, rc);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    free(order);
    free(used);
    return st;
}

/* The days from meeting to identification, now that people are read. */
static void identified_days(loader *l)
{
    for (size_t k = 0; k < l->f.n_events; k++) {
        report_event *e = &l->f.events[k];
        const report_person_dims *p = &l->f.people[e->person];
        if (e->kind == EVENT_IDENTIFIED && p->date_met_known
            && caldate_compare(p->date_met, e->on) <= 0)
            e->days = days_between(p->date_met, e->on);
    }
}

/* The period's events, then the people they name, in one read
 * transaction (one moment of the store, as for the full read). */
static store_status period_run(store *s, report_period p, loader *l)
{
    memset(l, 0, sizeof *l);
    l->s = s;
    l->p = p;
    l->utc_offset = store_clock(s)->utc_offset;
    l->f.today = store_today(s);
    if (!names_grow(l))
        return ST_NOMEM;
    store_status st = store_exec(s, "BEGIN");
    if (st != ST_OK)
        return st;
    st = each_period_row(l, PQ_SCREENED, BOUND_MOMENT, screened_row);
    if (st == ST_OK)
        st = each_period_row(l, PQ_GROUNDS, BOUND_MOMENT, grounds_row);
    if (st == ST_OK)
        st = each_period_row(l, PQ_VICTIM, BOUND_DAY, victim_row);
    if (st == ST_OK)
        st = each_period_row(l, PQ_REFERRED, BOUND_SECONDS, referred_row);
    if (st == ST_OK)
        st = each_period_row(l, PQ_ACCEPTED, BOUND_SECONDS, accepted_period_row);
    if (st == ST_OK)
        st = each_period_row(l, PQ_NEEDS, BOUND_MOMENT, need_period_row);
    if (st == ST_OK)
        st = load_returns(l);
    if (st == ST_OK)
        st = load_named_people(l);
    store_status end = store_exec(s, st == ST_OK ? "COMMIT" : "ROLLBACK");
    if (st == ST_OK)
        identified_days(l);
    return st == ST_OK ? end : st;
}

/* ---- putting it together ---------------------------------------------- */

static void loader_free(loader *l)
{
    report_facts_free(&l->f);
    free(l->ids);
    free(l->keys);
    free(l->excluded);
    free(l->first);
    free(l->second);
    free(l->refs);
    free(l->missing);
    free(l->plans);
    free(l->names);
    memset(l, 0, sizeof *l);
}

/* Every table in one read transaction, so the figures come from one
 * moment of the store even while an officer saves. */
static store_status loader_run(store *s, report_period p, bool gaps, loader *l)
{
    memset(l, 0, sizeof *l);
    l->s = s;
    l->p = p;
    l->utc_offset = store_clock(s)->utc_offset;
    l->gaps = gaps;
    l->f.today = store_today(s);
    store_status st = store_exec(s, "BEGIN");
    if (st != ST_OK)
        return st;
    st = load_people(l);
    if (st == ST_OK)
        st = load_dimensions(l);
    if (st == ST_OK)
        st = load_screening(l);
    if (st == ST_OK)
        st = load_referrals(l);
    if (st == ST_OK)
        st = load_needs(l);
    if (st == ST_OK)
        st = load_returns(l);
    store_status end = store_exec(s, st == ST_OK ? "COMMIT" : "ROLLBACK");
    return st == ST_OK ? end : st;
}

/* Drops the events of excluded people, then the people no event names,
 * renumbering the rest (a fiscal year needs a fraction of all cases). */
static store_status compact(loader *l)
{
    report_facts *f = &l->f;
    uint32_t *renumber = malloc((f->n_people ? f->n_people : 1) * sizeof *renumber);
    if (!renumber)
        return ST_NOMEM;
    const uint32_t unused = UINT32_MAX;
    for (size_t i = 0; i < f->n_people; i++)
        renumber[i] = unused;
    size_t kept = 0;
    for (size_t e = 0; e < f->n_events; e++)
        if (!l->excluded[f->events[e].person])
            f->events[kept++] = f->events[e];
    f->n_events = kept;
    for (size_t e = 0; e < f->n_events; e++)
        renumber[f->events[e].person] = 0;
    size_t n = 0;
    for (size_t i = 0; i < f->n_people; i++)
        if (renumber[i] != unused) {
            f->people[n] = f->people[i];
            renumber[i] = (uint32_t)n++;
        }
    f->n_people = n;
    for (size_t e = 0; e < f->n_events; e++)
        f->events[e].person = renumber[f->events[e].person];
    free(renumber);
    return ST_OK;
}

/* A field officer reports on his own work only (core/access.h,
 * ACCESS_REPORT_OWN): the people of other officers' cases are left out as
 * if excluded.  "His" is what the report's officer breakdown says: the
 * case's assigned officer, else who recorded it, so a case counts in one
 * officer's report, never two.  Supervisors and administrators keep every
 * case. */
static void keep_own_work(loader *l)
{
    if (store_may(l->s, ACCESS_REPORT_ALL) == ST_OK)
        return;
    const char *me = store_me(l->s)->id;
    for (size_t i = 0; i < l->f.n_people; i++)
        if (strcmp(l->f.people[i].officer, me) != 0)
            l->excluded[i] = true;
}

/* Ok when the acting officer may report on anything: on the whole store
 * or on its own work (then keep_own_work narrows what is read). */
static store_status may_report(store *s)
{
    store_status st = store_may(s, ACCESS_REPORT_ALL);
    return st == ST_OK ? st : store_may(s, ACCESS_REPORT_OWN);
}

/* The facts by one of the two reads: the period's (period_run) or every
 * table's (loader_run). */
static store_status facts_by(store *s, report_period p, bool full, report_facts *f)
{
    memset(f, 0, sizeof *f);
    store_status st = may_report(s);
    if (st != ST_OK)
        return st;
    loader l;
    st = full ? loader_run(s, p, false, &l) : period_run(s, p, &l);
    if (st == ST_OK) {
        keep_own_work(&l);
        st = compact(&l);
    }
    if (st == ST_OK) {
        *f = l.f;
        memset(&l.f, 0, sizeof l.f);
    }
    loader_free(&l);
    return st;
}

store_status store_report_facts(store *s, report_period p, report_facts *f)
{
    return facts_by(s, p, false, f);
}

store_status report_facts_full(store *s, report_period p, report_facts *f)
{
    return facts_by(s, p, true, f);
}

/* ---- labels ----------------------------------------------------------- */

/* Copies text, cut (when it must be) between characters, never inside
 * one: a Thai label cut to a small buffer stays valid UTF-8. */
static void put(char *out, size_t outsz, const char *text)
{
    size_t len = strlen(text);
    if (len >= outsz) {
        len = outsz - 1;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out, text, len);
    out[len] = '\0';
}

static void geo_label(const geo_entry *g, const char *key, char *out, size_t outsz)
{
    put(out, outsz, !g ? key : i18n_is_thai() ? g->name_th : g->name_en);
}

static void code_list_label(store *s, record_list which, const char *key, char *out,
                            size_t outsz)
{
    store_code_list list = { 0 };
    const tc_code_row *r = NULL;
    if (store_code_list_get(s, which, &list) == ST_OK)
        r = code_list_find(list.list, key);
    if (!r)
        put(out, outsz, key);
    else if (i18n_is_thai() && r->label_th && r->label_th[0])
        put(out, outsz, r->label_th);
    else
        put(out, outsz, _(r->label));
    store_code_list_free(&list);
}

static void sex_key_label(const char *key, char *out, size_t outsz)
{
    tc_sex sex;
    if (sex_from_code(key, &sex))
        put(out, outsz, _(sex_label(sex)));
    else if (key[0] >= '0' && key[0] <= '9' && !key[1] && key[0] - '0' < SEX_COUNT)
        put(out, outsz, _(sex_label((tc_sex)(key[0] - '0'))));
    else
        put(out, outsz, key);
}

static void age_key_label(const char *key, char *out, size_t outsz)
{
    for (int b = 0; b < AGE_BAND_COUNT; b++)
        if (!strcmp(key, age_band_code((age_band)b))) {
            put(out, outsz, _(age_band_label((age_band)b)));
            return;
        }
    put(out, outsz, key);
}

static void officer_label(store *s, const char *key, char *out, size_t outsz)
{
    tc_officer o;
    put(out, outsz, store_officer_get(s, key, &o) == ST_OK ? o.name : key);
}

void store_report_label(store *s, report_dim dim, const char *key, char *out, size_t outsz)
{
    if (!outsz)
        return;
    if (dim == DIM_TOTAL) {
        put(out, outsz, _("Total"));
        return;
    }
    if (!key || !key[0]) {
        put(out, outsz, _("Not recorded"));
        return;
    }
    const entry_point *ep;
    switch (dim) {
    case DIM_SEX:
        sex_key_label(key, out, outsz);
        break;
    case DIM_AGE_BAND:
        age_key_label(key, out, outsz);
        break;
    case DIM_NATIONALITY:
        geo_label(geo_country(key), key, out, outsz);
        break;
    case DIM_EXPLOITATION:
        code_list_label(s, LIST_EXPLOITATION, key, out, outsz);
        break;
    case DIM_SECTOR:
        code_list_label(s, LIST_SECTOR, key, out, outsz);
        break;
    case DIM_ENTRY_POINT:
        ep = entry_point_find(key);
        put(out, outsz, ep ? _(ep->label) : key);
        break;
    case DIM_PROVINCE:
        geo_label(geo_province(key), key, out, outsz);
        break;
    case DIM_OFFICER:
        officer_label(s, key, out, outsz);
        break;
    default:
        put(out, outsz, key);
        break;
    }
}

/* ---- completeness ----------------------------------------------------- */

/* A case is touched by the period when it was met in it or something a
 * figure counts happened to it then. */
static void mark_touched(const loader *l, bool *touched)
{
    for (size_t i = 0; i < l->f.n_people; i++) {
        const report_person_dims *d = &l->f.people[i];
        touched[i] = d->date_met_known && in_period(l, d->date_met);
    }
    for (size_t e = 0; e < l->f.n_events; e++)
        if (event_can_count(l, &l->f.events[e]))
            touched[l->f.events[e].person] = true;
}

typedef struct ref_order {
    char code[STORE_CODE_LEN + 1];
    int year, number;
} ref_order;

static ref_order ref_order_of(const char *ref)
{
    ref_order o = { "", 0, 0 };
    if (!caseref_parse(ref, o.code, &o.year, &o.number))
        snprintf(o.code, sizeof o.code, "%s", ref);
    return o;
}

static int gap_index(const char *field)
{
    for (int g = 0; g < GAP_COUNT; g++)
        if (gap_fields[g] == field)
            return g;
    return GAP_COUNT;
}

/* Reference order: store, year, then number as a number (0042 < 10000). */
static int compare_gap(const void *a, const void *b)
{
    const report_gap *x = a, *y = b;
    ref_order ox = ref_order_of(x->reference), oy = ref_order_of(y->reference);
    int c = strcmp(ox.code, oy.code);
    if (!c)
        c = (ox.year > oy.year) - (ox.year < oy.year);
    if (!c)
        c = (ox.number > oy.number) - (ox.number < oy.number);
    if (!c)
        c = strcmp(x->reference, y->reference);
    if (!c)
        c = gap_index(x->field) - gap_index(y->field);
    return c;
}

static store_status collect_gaps(const loader *l, const bool *touched, report_gap **out,
                                 size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < l->f.n_people; i++)
        if (touched[i] && !l->excluded[i])
            for (int g = 0; g < GAP_COUNT; g++)
                n += (l->missing[i] >> g) & 1u;
    report_gap *gaps = calloc(n ? n : 1, sizeof *gaps);
    if (!gaps)
        return ST_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < l->f.n_people; i++) {
        if (!touched[i] || l->excluded[i])
            continue;
        for (int g = 0; g < GAP_COUNT; g++)
            if (l->missing[i] & (1u << g)) {
                snprintf(gaps[k].case_id, sizeof gaps[k].case_id, "%s", l->ids[i]);
                snprintf(gaps[k].reference, sizeof gaps[k].reference, "%s", l->refs[i]);
                gaps[k].field = gap_fields[g];
                k++;
            }
    }
    qsort(gaps, k, sizeof *gaps, compare_gap);
    *out = gaps;
    *count = k;
    return ST_OK;
}

store_status store_report_gaps(store *s, report_period p, report_gap **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    store_status st = may_report(s);
    if (st != ST_OK)
        return st;
    loader l;
    st = loader_run(s, p, true, &l);
    if (st == ST_OK)
        keep_own_work(&l);
    bool *touched = st == ST_OK ? calloc(l.f.n_people ? l.f.n_people : 1, 1) : NULL;
    if (st == ST_OK && !touched)
        st = ST_NOMEM;
    if (st == ST_OK) {
        mark_touched(&l, touched);
        st = collect_gaps(&l, touched, out, count);
    }
    free(touched);
    loader_free(&l);
    return st;
}

/* ---- audit ------------------------------------------------------------ */

store_status store_report_audit_export(store *s, const char *what, const char *period_code,
                                       bool suppressed)
{
    /* A report written to a file leaves the store: the heads of the
     * office only (the caller writes the file only once this is audited). */
    if (store_may(s, ACCESS_EXPORT) != ST_OK)
        return ST_DENIED;
    char action[48], record[80];
    snprintf(action, sizeof action, "%s.export", what && *what ? what : "report");
    snprintf(record, sizeof record, "%s;%s", period_code ? period_code : "",
             suppressed ? "suppressed" : "team");
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, store_audit(s, action, "report", record));
}

store_status store_report_audit_shown(store *s, const char *period_code)
{
    store_status st = may_report(s);
    if (st == ST_OK)
        st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, store_audit(s, "report.show", "report",
                                       period_code ? period_code : ""));
}
