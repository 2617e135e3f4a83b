/* report_store.c - the facts a report counts (core/report.h), read from
 * the store in one pass per source table, the labels of their dimension
 * values, the completeness check and the audit of an export.
 *
 * Speed: a fiscal-year report over 100,000 cases must take well under a
 * quarter of a second, so nothing here asks the database once per case.
 * The cases are read once, ordered by id; every other table is read once
 * (ordered, or grouped by case on the index that already orders it) and
 * its rows find their person by a binary search over the sorted case ids.
 * What "first" means (first screening, first victim decision) is an
 * aggregate of that one pass, never a subquery per case.
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

/* One need record's versions, gathered as they stream past in order. */
typedef struct need_walk {
    char record[TC_ID_LEN];
    uint32_t person;
    bool known_person;
    need_kind kind;
    bool withdrawn;                 /* the latest version's entry_withdrawn */
    bool provided, unavailable;
    caldate provided_on, unavailable_on;
} need_walk;

/* The follow-up walk of one plan (follow-ups stream past by plan): the day the next follow-up was due. */
typedef struct followup_walk {
    const plan_entry *plan;
    bool due_known;
    caldate due;
} followup_walk;

typedef struct loader {
    store *s;
    report_period p;
    int utc_offset;
    report_facts f;
    size_t cap_events;
    char (*ids)[TC_ID_LEN];         /* f.people[i]'s case id, ascending */
    bool *excluded;                 /* closed in error */
    /* Only for the completeness check. */
    bool gaps;
    char (*refs)[CASEREF_MAX];
    uint16_t *missing;              /* GAP_ bits */
    need_walk need;                 /* the need record being read */
    followup_walk fwalk;            /* the plan whose follow-ups are being read */
    plan_entry *plans;              /* ascending id */
    size_t n_plans;
    size_t cap_plans;
} loader;

/* ---- small readers ---------------------------------------------------- */

static const char *column_text(sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t ? (const char *)t : "";
}

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

/* The person of a case id, or false when the case is unknown (a row of a
 * case the loader never saw cannot count). */
static bool person_of(const loader *l, const char *case_id, uint32_t *out)
{
    const char (*hit)[TC_ID_LEN] = bsearch(case_id, l->ids, l->f.n_people, sizeof *l->ids,
                                           compare_id);
    if (!hit)
        return false;
    *out = (uint32_t)(hit - l->ids);
    return true;
}

static bool in_period(const loader *l, caldate d)
{
    return caldate_compare(d, l->p.from) >= 0 && caldate_compare(d, l->p.to) <= 0;
}

/* Could an event count in the period?  Spans (a plan open for a while, a
 * follow-up waiting) count in every period they touch, and a follow-up
 * still waiting is overdue in every later period. */
static bool event_can_count(const loader *l, const report_event *e)
{
    if (e->kind == EVENT_REINTEGRATION || e->kind == EVENT_FOLLOWUP_SCHEDULED)
        return caldate_compare(e->on, l->p.to) <= 0
               && (!e->until_known || caldate_compare(e->until, l->p.from) >= 0);
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

/* Runs sql (its parameters bound by bind, may be NULL) and hands every
 * row to row(); stops at the first status that is not ST_OK. */
static store_status each_row(loader *l, const char *sql, void (*bind)(sqlite3_stmt *q),
                             store_status (*row)(loader *l, sqlite3_stmt *q))
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(l->s, sql, &q);
    if (st != ST_OK)
        return st;
    if (bind)
        bind(q);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        st = row(l, q);
        if (st != ST_OK)
            break;
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(l->s, rc);
    sqlite3_finalize(q);
    return st;
}

/* ---- the people ------------------------------------------------------- */

static store_status count_cases(loader *l, size_t *n)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(l->s, "SELECT count(*) FROM cases", &q);
    sqlite3_int64 count = 0;
    if (st == ST_OK)
        st = store_step_count(l->s, q, &count);
    *n = (size_t)count;
    return st;
}

/* Age at the date met: from the date of birth, else the estimated age
 * (which is recorded as the age at the date met).  With no date met, the
 * day the case was recorded stands in for it. */
static int age_at_meeting(const loader *l, sqlite3_stmt *q, const report_person_dims *d)
{
    caldate birth;
    if (rec_column_date(q, 3, &birth)) {
        caldate met = d->date_met;
        if (!d->date_met_known && !column_day_of_moment(l, q, 9, &met))
            return -1;
        int age = caldate_age_years(birth, met);
        return age >= 0 ? age : -1;
    }
    return sqlite3_column_type(q, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 4);
}

static store_status read_person(loader *l, sqlite3_stmt *q)
{
    size_t i = l->f.n_people;
    report_person_dims *d = &l->f.people[i];
    store_column_copy(q, 0, l->ids[i], TC_ID_LEN);
    tc_sex sex = SEX_UNKNOWN;
    d->sex = sex_from_code(column_text(q, 2), &sex) ? (int)sex : SEX_UNKNOWN;
    store_column_copy(q, 5, d->entry_point, sizeof d->entry_point);
    store_column_copy(q, 6, d->province, sizeof d->province);
    d->date_met_known = rec_column_date(q, 7, &d->date_met);
    store_column_copy(q, 8, d->officer, sizeof d->officer);
    d->age = age_at_meeting(l, q, d);
    if (l->gaps) {
        store_column_copy(q, 1, l->refs[i], CASEREF_MAX);
        uint16_t m = 0;
        m |= (uint16_t)(d->sex == SEX_UNKNOWN) << GAP_SEX;
        m |= (uint16_t)(d->age < 0) << GAP_AGE;
        m |= (uint16_t)1 << GAP_NATIONALITY;       /* until a nationality row is read */
        m |= (uint16_t)!d->date_met_known << GAP_DATE_MET;
        m |= (uint16_t)!d->entry_point[0] << GAP_ENTRY_POINT;
        m |= (uint16_t)!d->province[0] << GAP_PROVINCE;
        l->missing[i] = m;
    }
    l->f.n_people++;
    return ST_OK;
}

static store_status load_people(loader *l)
{
    size_t n = 0;
    store_status st = count_cases(l, &n);
    if (st != ST_OK)
        return st;
    size_t cap = n ? n : 1;
    l->f.people = calloc(cap, sizeof *l->f.people);
    l->ids = calloc(cap, sizeof *l->ids);
    l->excluded = calloc(cap, sizeof *l->excluded);
    if (l->gaps) {
        l->refs = calloc(cap, sizeof *l->refs);
        l->missing = calloc(cap, sizeof *l->missing);
    }
    if (!l->f.people || !l->ids || !l->excluded || (l->gaps && (!l->refs || !l->missing)))
        return ST_NOMEM;
    /* A case added without an assigned officer is the recording
     * officer's (as in the case list).  Read in the same transaction as
     * the count, so no case can slip in between. */
    sqlite3_stmt *q = NULL;
    st = store_prepare(l->s,
                       "SELECT c.id, c.reference, p.sex, p.birth_date, p.estimated_age,"
                       " c.entry_point, c.province, c.date_met,"
                       " COALESCE(NULLIF(c.assigned_officer, ''), c.created_by, ''), c.created_at"
                       " FROM cases c JOIN persons p ON p.id = c.person_id ORDER BY c.id", &q);
    if (st != ST_OK)
        return st;
    int rc = SQLITE_DONE;
    while (l->f.n_people < n && (rc = sqlite3_step(q)) == SQLITE_ROW)
        read_person(l, q);
    if (l->f.n_people < n && rc != SQLITE_DONE)
        st = store_status_from_sqlite(l->s, rc);
    sqlite3_finalize(q);
    return st;
}

/* The first nationality: rows come in position order within each case. */
static store_status nationality_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, column_text(q, 0), &i) || l->f.people[i].nationality[0])
        return ST_OK;
    store_column_copy(q, 1, l->f.people[i].nationality, sizeof l->f.people[i].nationality);
    if (l->gaps)
        l->missing[i] &= (uint16_t)~(1u << GAP_NATIONALITY);
    return ST_OK;
}

/* "forced_labour,debt_bondage" into the person's exploitation codes. */
static void split_exploitation(report_person_dims *d, const char *list)
{
    d->n_exploitation = 0;
    while (*list && d->n_exploitation < REPORT_MAX_EXPLOITATION) {
        size_t len = strcspn(list, ",");
        if (len > 0 && len <= TC_CODE_MAX) {
            memcpy(d->exploitation[d->n_exploitation], list, len);
            d->exploitation[d->n_exploitation][len] = '\0';
            d->n_exploitation++;
        }
        list += len;
        if (*list == ',')
            list++;
    }
}

static store_status intake_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, column_text(q, 0), &i))
        return ST_OK;
    report_person_dims *d = &l->f.people[i];
    store_column_copy(q, 1, d->sector, sizeof d->sector);
    split_exploitation(d, column_text(q, 2));
    if (l->gaps) {
        l->missing[i] |= (uint16_t)(!d->sector[0]) << GAP_SECTOR;
        l->missing[i] |= (uint16_t)(d->n_exploitation == 0) << GAP_EXPLOITATION;
    }
    return ST_OK;
}

/* Rows come in order within each case: the last one is the case's state. */
static store_status closure_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (person_of(l, column_text(q, 0), &i))
        l->excluded[i] = !strcmp(column_text(q, 1), "close")
                         && !strcmp(column_text(q, 2), REPORT_CLOSED_IN_ERROR);
    return ST_OK;
}

static store_status load_dimensions(loader *l)
{
    store_status st = each_row(l, "SELECT case_id, country FROM case_nationalities"
                                  " ORDER BY case_id, position", NULL, nationality_row);
    if (st == ST_OK)
        st = each_row(l, "SELECT case_id, sector, exploitation FROM intakes"
                         " WHERE is_current = 1 AND entry_withdrawn = 0", NULL, intake_row);
    if (st == ST_OK)
        st = each_row(l, "SELECT case_id, action, reason FROM case_closures"
                         " ORDER BY case_id, audit_seq", NULL, closure_row);
    return st;
}

/* ---- screening and identification ------------------------------------- */

static void bind_screening(sqlite3_stmt *q)
{
    sqlite3_bind_text(q, 1, suggestion_code(SUGGEST_REASONABLE_GROUNDS), -1, SQLITE_STATIC);
}

/* Grouped by case on screenings_by_case: the first screening held and
 * the first decided with the suggestion of reasonable grounds (ISO text
 * orders as time does). */
static store_status screening_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    caldate d;
    if (!person_of(l, column_text(q, 0), &i))
        return ST_OK;
    store_status st = ST_OK;
    if (column_day_of_moment(l, q, 1, &d)) {
        report_event e = event_on(i, EVENT_SCREENED, d);
        st = push_event(l, &e);
    }
    if (st == ST_OK && column_day_of_moment(l, q, 2, &d)) {
        report_event e = event_on(i, EVENT_REASONABLE_GROUNDS, d);
        st = push_event(l, &e);
    }
    return st;
}

static void bind_identification(sqlite3_stmt *q)
{
    sqlite3_bind_text(q, 1, ident_outcome_code(IDENT_VICTIM_TRAFFICKING), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, ident_outcome_code(IDENT_VICTIM_FORCED_LABOUR), -1, SQLITE_STATIC);
}

static store_status identification_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    caldate d;
    if (!person_of(l, column_text(q, 0), &i) || !rec_column_date(q, 1, &d))
        return ST_OK;
    report_event e = event_on(i, EVENT_IDENTIFIED, d);
    const report_person_dims *p = &l->f.people[i];
    if (p->date_met_known && caldate_compare(p->date_met, d) <= 0)
        e.days = days_between(p->date_met, d);
    return push_event(l, &e);
}

static store_status load_screening(loader *l)
{
    store_status st = each_row(l,
                               "SELECT case_id, min(held_at),"
                               " min(CASE WHEN decided = 1 AND suggestion = ?1"
                               " THEN decided_at END)"
                               " FROM screenings GROUP BY case_id", bind_screening,
                               screening_row);
    if (st == ST_OK)
        st = each_row(l,
                      "SELECT case_id, min(decided_on) FROM identifications"
                      " WHERE outcome IN (?1, ?2) AND decided_on IS NOT NULL GROUP BY case_id",
                      bind_identification, identification_row);
    return st;
}

/* ---- referrals -------------------------------------------------------- */

/* Sent referrals with their agency's type (the directory's current
 * version) and their state today. */
static store_status referral_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, column_text(q, 0), &i))
        return ST_OK;
    report_event e = event_on(i, EVENT_REFERRED, day_of_seconds(l, sqlite3_column_int64(q, 1)));
    referral_state state = REFERRAL_SENT;
    agency_type type = AGENCY_GOVERNMENT;   /* the directory always has the agency */
    referral_state_from_code(column_text(q, 2), &state);
    agency_type_from_code(column_text(q, 3), &type);
    e.state = (uint8_t)state;
    e.sub = (uint8_t)type;
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

static store_status accepted_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    if (!person_of(l, column_text(q, 0), &i))
        return ST_OK;
    caldate sent = day_of_seconds(l, sqlite3_column_int64(q, 1));
    caldate on = day_of_seconds(l, sqlite3_column_int64(q, 2));
    report_event e = event_on(i, EVENT_REFERRAL_ACCEPTED, on);
    if (caldate_compare(sent, on) <= 0)
        e.days = days_between(sent, on);
    return push_event(l, &e);
}

static store_status load_referrals(loader *l)
{
    store_status st = each_row(l,
                               "SELECT r.case_id, r.sent_at, r.state, a.type FROM referrals r"
                               " LEFT JOIN agencies a ON a.code = r.agency_code"
                               " AND a.is_current = 1 WHERE r.sent_at IS NOT NULL",
                               NULL, referral_row);
    if (st == ST_OK)
        st = each_row(l,
                      "SELECT r.case_id, r.sent_at, min(e.at) FROM referral_events e"
                      " JOIN referrals r ON r.id = e.referral_id"
                      " WHERE e.to_state IN (?1, ?2, ?3) AND r.sent_at IS NOT NULL"
                      " GROUP BY e.referral_id", bind_accepted, accepted_row);
    return st;
}

/* ---- needs ------------------------------------------------------------ */

static store_status need_flush(loader *l)
{
    const need_walk *w = &l->need;
    store_status st = ST_OK;
    if (!w->record[0] || !w->known_person || w->withdrawn)
        return ST_OK;
    if (w->provided) {
        report_event e = event_on(w->person, EVENT_NEED_PROVIDED, w->provided_on);
        e.sub = (uint8_t)w->kind;
        st = push_event(l, &e);
    }
    if (st == ST_OK && w->unavailable) {
        report_event e = event_on(w->person, EVENT_NEED_UNAVAILABLE, w->unavailable_on);
        e.sub = (uint8_t)w->kind;
        st = push_event(l, &e);
    }
    return st;
}

/* Versions in order: the first version in each state is when the need
 * became it (its save); the latest version says the kind and whether the
 * record was withdrawn. */
static store_status need_row(loader *l, sqlite3_stmt *q)
{
    need_walk *w = &l->need;
    const char *record = column_text(q, 0);
    if (strcmp(record, w->record)) {
        store_status st = need_flush(l);
        if (st != ST_OK)
            return st;
        memset(w, 0, sizeof *w);
        snprintf(w->record, sizeof w->record, "%s", record);
        w->known_person = person_of(l, column_text(q, 1), &w->person);
    }
    need_kind kind;
    if (need_kind_from_code(column_text(q, 2), &kind))
        w->kind = kind;
    w->withdrawn = sqlite3_column_int(q, 5) != 0;
    need_state state;
    caldate on;
    if (!need_state_from_code(column_text(q, 3), &state) || !column_day_of_moment(l, q, 4, &on))
        return ST_OK;
    if (state == NEED_PROVIDED && !w->provided)
        w->provided = true, w->provided_on = on;
    if (state == NEED_UNAVAILABLE && !w->unavailable)
        w->unavailable = true, w->unavailable_on = on;
    return ST_OK;
}

static store_status load_needs(loader *l)
{
    memset(&l->need, 0, sizeof l->need);
    store_status st = each_row(l,
                               "SELECT record_id, case_id, kind, state, updated_at,"
                               " entry_withdrawn FROM needs ORDER BY record_id, version",
                               NULL, need_row);
    return st == ST_OK ? need_flush(l) : st;
}

/* ---- return and reintegration ----------------------------------------- */

static void bind_returned(sqlite3_stmt *q)
{
    sqlite3_bind_text(q, 1, repat_state_code(REPAT_RETURNED), -1, SQLITE_STATIC);
}

/* The handover day; a plan marked returned without its moment counts on
 * the day it was saved so (and the completeness check lists it). */
static store_status repatriation_row(loader *l, sqlite3_stmt *q)
{
    uint32_t i;
    caldate on;
    if (!person_of(l, column_text(q, 0), &i))
        return ST_OK;
    bool known = column_day_of_moment(l, q, 1, &on);
    if (!known && l->gaps)
        l->missing[i] |= 1u << GAP_HANDOVER_DATE;
    if (!known && !column_day_of_moment(l, q, 2, &on))
        return ST_OK;
    report_event e = event_on(i, EVENT_REPATRIATED, on);
    return push_event(l, &e);
}

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
    if (!person_of(l, column_text(q, 1), &i) || !rec_column_date(q, 2, &start))
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
        st = remember_plan(l, column_text(q, 0), i, start, column_text(q, 3));
    return st;
}


static followup_walk followup_walk_of(const plan_entry *p)
{
    followup_walk w = { p, false, { 0, 0, 0 } };
    if (p->schedule_known)
        w.due_known = reint_next_scheduled(p->start, &p->schedule, 0, &w.due);
    return w;
}

static const plan_entry *plan_of(const loader *l, const char *id)
{
    return l->plans ? bsearch(id, l->plans, l->n_plans, sizeof *l->plans, compare_id) : NULL;
}

/* Follow-ups of a plan in the order held: each was due on the day the
 * one before it set (the first on the schedule's first slot), so one held
 * late was overdue in the days between. */
static store_status followup_row(loader *l, sqlite3_stmt *q)
{
    followup_walk *w = &l->fwalk;
    const char *plan_id = column_text(q, 0);
    if (!w->plan || strcmp(w->plan->id, plan_id)) {
        const plan_entry *p = plan_of(l, plan_id);
        if (!p) {
            w->plan = NULL;
            return ST_OK;
        }
        *w = followup_walk_of(p);
    }
    caldate held, next;
    if (!rec_column_date(q, 1, &held))
        return ST_OK;
    report_event done = event_on(w->plan->person, EVENT_FOLLOWUP_DONE, held);
    store_status st = push_event(l, &done);
    if (st == ST_OK && w->due_known) {
        report_event due = event_on(w->plan->person, EVENT_FOLLOWUP_SCHEDULED, w->due);
        due.until_known = true;
        due.until = held;
        st = push_event(l, &due);
    }
    w->due_known = rec_column_date(q, 2, &next);
    w->due = next;
    return st;
}

static store_status load_returns(loader *l)
{
    store_status st = each_row(l,
                               "SELECT case_id, handed_over_at, updated_at FROM repatriations"
                               " WHERE is_current = 1 AND entry_withdrawn = 0 AND state = ?1",
                               bind_returned, repatriation_row);
    if (st == ST_OK)
        st = each_row(l,
                      "SELECT record_id, case_id, start, schedule, closed, closed_on, next_due"
                      " FROM reintegrations WHERE is_current = 1 AND entry_withdrawn = 0"
                      " ORDER BY record_id", NULL, reintegration_row);
    memset(&l->fwalk, 0, sizeof l->fwalk);
    if (st == ST_OK)
        st = each_row(l,
                      "SELECT plan_id, held_on, next_on FROM followups"
                      " WHERE is_current = 1 AND entry_withdrawn = 0 ORDER BY plan_id, held_on",
                      NULL, followup_row);
    return st;
}

/* ---- putting it together ---------------------------------------------- */

static void loader_free(loader *l)
{
    report_facts_free(&l->f);
    free(l->ids);
    free(l->excluded);
    free(l->refs);
    free(l->missing);
    free(l->plans);
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

store_status store_report_facts(store *s, report_period p, report_facts *f)
{
    memset(f, 0, sizeof *f);
    loader l;
    store_status st = loader_run(s, p, false, &l);
    if (st == ST_OK)
        st = compact(&l);
    if (st == ST_OK) {
        *f = l.f;
        memset(&l.f, 0, sizeof l.f);
    }
    loader_free(&l);
    return st;
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
    loader l;
    store_status st = loader_run(s, p, true, &l);
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
    char action[48], record[80];
    snprintf(action, sizeof action, "%s.export", what && *what ? what : "report");
    snprintf(record, sizeof record, "%s;%s", period_code ? period_code : "",
             suppressed ? "suppressed" : "team");
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, store_audit(s, action, "report", record));
}
