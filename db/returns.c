/* returns.c - repatriation plans in the store (db/returns.h), the
 * follow-up settings and migration 7's C part.  Reintegration plans and
 * follow-ups are in db/followups.c.
 *
 * A plan is a versioned record (db/record_internal.h) in repatriations;
 * its seven steps are rows of repatriation_steps keyed by the plan
 * version they belong to (migrate.c, migration 7, says why), so every
 * write of a version here goes through repat_write(), which writes both.
 * The rules are core's (core/repatriation.h): this file reads what they
 * need, asks them, and writes what they decided, one transaction per
 * call. */
#include "config.h"
#include "db/returns_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"

/* ================================================================ table */

static void bind_flag(sqlite3_stmt *q, int i, bool v)
{
    sqlite3_bind_int(q, i, v ? 1 : 0);
}

static void bind_repatriation(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_repatriation *p = rec;
    int i = first;
    rec_bind_text(q, i++, p->case_id);
    rec_bind_text(q, i++, repat_direction_code(p->direction));
    rec_bind_text(q, i++, p->country);
    rec_bind_text(q, i++, p->hometown);
    rec_bind_text(q, i++, repat_wish_code(p->wish));
    bind_flag(q, i++, p->consent_given);
    rec_bind_date(q, i++, p->consent_known, p->consent_on);
    rec_bind_text(q, i++, p->consent_by);
    bind_flag(q, i++, p->legal_pending);
    bind_flag(q, i++, p->witness_needed);
    bind_flag(q, i++, p->compensation_claim);
    rec_bind_text(q, i++, p->handover_point);
    rec_bind_date(q, i++, p->planned_known, p->planned_on);
    if (p->handed_over_known)
        store_bind_time(q, i++, p->handed_over_at);
    else
        sqlite3_bind_null(q, i++);
    rec_bind_text(q, i++, p->receiving_agency);
    rec_bind_text(q, i++, p->receiving_person);
    rec_bind_text(q, i++, p->handover_record);
    rec_bind_text(q, i++, repat_state_code(p->state));
    rec_bind_text(q, i++, p->state_reason);
    bind_flag(q, i, p->steps_overridden);
}

/* An unknown code reads as the enum's count, which every rule refuses:
 * stored data a newer tipcase wrote is never taken for something else. */
static void read_repatriation(sqlite3_stmt *q, int first, void *rec)
{
    tc_repatriation *p = rec;
    repat_init(p);
    int i = first;
    store_column_copy(q, i++, p->case_id, sizeof p->case_id);
    const char *t = (const char *)sqlite3_column_text(q, i++);
    if (!t || !repat_direction_from_code(t, &p->direction))
        p->direction = REPAT_DIRECTION_COUNT;
    store_column_copy(q, i++, p->country, sizeof p->country);
    store_column_copy(q, i++, p->hometown, sizeof p->hometown);
    t = (const char *)sqlite3_column_text(q, i++);
    if (!t || !repat_wish_from_code(t, &p->wish))
        p->wish = REPAT_WISH_COUNT;
    p->consent_given = sqlite3_column_int(q, i++) != 0;
    p->consent_known = rec_column_date(q, i++, &p->consent_on);
    store_column_copy(q, i++, p->consent_by, sizeof p->consent_by);
    p->legal_pending = sqlite3_column_int(q, i++) != 0;
    p->witness_needed = sqlite3_column_int(q, i++) != 0;
    p->compensation_claim = sqlite3_column_int(q, i++) != 0;
    store_column_copy(q, i++, p->handover_point, sizeof p->handover_point);
    p->planned_known = rec_column_date(q, i++, &p->planned_on);
    p->handed_over_known = sqlite3_column_type(q, i) != SQLITE_NULL;
    p->handed_over_at = store_column_time(q, i++);
    store_column_copy(q, i++, p->receiving_agency, sizeof p->receiving_agency);
    store_column_copy(q, i++, p->receiving_person, sizeof p->receiving_person);
    store_column_copy(q, i++, p->handover_record, sizeof p->handover_record);
    t = (const char *)sqlite3_column_text(q, i++);
    if (!t || !repat_state_from_code(t, &p->state))
        p->state = REPAT_STATE_COUNT;
    store_column_copy(q, i++, p->state_reason, sizeof p->state_reason);
    p->steps_overridden = sqlite3_column_int(q, i) != 0;
}

RETURNS_COMMON_ACCESSORS(repat, tc_repatriation)

const record_table repatriation_table = {
    "repatriations",
    "case_id, direction, country, hometown, wish, consent_given, consent_on, consent_by,"
    " legal_pending, witness_needed, compensation_claim, handover_point, planned_on,"
    " handed_over_at, receiving_agency, receiving_person, handover_record, state,"
    " state_reason, steps_overridden",
    20, sizeof(tc_repatriation), bind_repatriation, read_repatriation, put_repat_common,
    get_repat_common,
};

/* ================================================================ steps */

static store_status write_steps(store *s, const record_common *c, const tc_repatriation *p)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO repatriation_steps(id, plan_id, version, kind, state, requested_on,"
        " done_on, counterpart, note, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?11)", &q);
    if (st != ST_OK)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    for (int k = 0; st == ST_OK && k < REPAT_STEP_COUNT; k++) {
        const repat_step *step = &p->steps[k];
        char id[TC_ID_LEN];
        store_new_id(id);
        rec_bind_text(q, 1, id);
        rec_bind_text(q, 2, c->id);
        sqlite3_bind_int(q, 3, c->version);
        rec_bind_text(q, 4, repat_step_code((repat_step_kind)k));
        rec_bind_text(q, 5, repat_step_state_code(step->state));
        rec_bind_date(q, 6, step->requested_known, step->requested_on);
        rec_bind_date(q, 7, step->done_known, step->done_on);
        rec_bind_text(q, 8, step->counterpart);
        rec_bind_text(q, 9, step->note);
        rec_bind_text(q, 10, now);
        rec_bind_text(q, 11, s->me.id);
        st = store_step_reset(s, q);
    }
    sqlite3_finalize(q);
    return st;
}

static void read_step(sqlite3_stmt *q, void *plan)
{
    tc_repatriation *p = plan;
    repat_step_kind k;
    const char *t = (const char *)sqlite3_column_text(q, 0);
    if (!t || !repat_step_from_code(t, &k))
        return;                 /* a step this tipcase does not know */
    repat_step *step = &p->steps[k];
    t = (const char *)sqlite3_column_text(q, 1);
    if (!t || !repat_step_state_from_code(t, &step->state))
        step->state = REPAT_STEP_STATE_COUNT;
    step->requested_known = rec_column_date(q, 2, &step->requested_on);
    step->done_known = rec_column_date(q, 3, &step->done_on);
    store_column_copy(q, 4, step->counterpart, sizeof step->counterpart);
    store_column_copy(q, 5, step->note, sizeof step->note);
}

/* The steps of version `version` of plan_id into p->steps (those not
 * stored stay as repat_init left them). */
static store_status load_steps(store *s, const char *plan_id, int version, tc_repatriation *p)
{
    return returns_load_version(s,
        "SELECT kind, state, requested_on, done_on, counterpart, note FROM repatriation_steps"
        " WHERE plan_id = ?1 AND version = ?2", plan_id, version, read_step, p);
}

/* ====================================================== shared by plans */

store_status returns_load_version(store *s, const char *sql, const char *plan_id, int version,
                                  void (*read)(sqlite3_stmt *q, void *plan), void *plan)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, plan_id);
    sqlite3_bind_int(q, 2, version);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        read(q, plan);
    if (rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}

store_status returns_current_plan(store *s, const char *table, const char *case_id,
                                  char id[TC_ID_LEN])
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT record_id FROM %s WHERE case_id = ?1 AND is_current = 1"
             " AND entry_withdrawn = 0", table);
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, sql, case_id ? case_id : "", &q);
    if (st == ST_OK)
        store_column_copy(q, 0, id, TC_ID_LEN);
    sqlite3_finalize(q);
    return st;
}

store_status returns_no_plan_yet(store *s, const char *table, const char *case_id)
{
    store_status st = store_case_exists(s, case_id);
    if (st != ST_OK)
        return st;
    char existing[TC_ID_LEN];
    st = returns_current_plan(s, table, case_id, existing);
    if (st == ST_OK)
        return ST_DUPLICATE;
    return st == ST_NOT_FOUND ? ST_OK : st;
}

store_status returns_plan_access(store *s, const char *table, const char *plan_id,
                                 const char *case_id, access_op op)
{
    if (!plan_id || !plan_id[0])
        return store_case_access(s, case_id, op);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT case_id FROM %s WHERE record_id = ?1 LIMIT 1", table);
    return store_case_access_by(s, sql, plan_id, op);
}

/* The id of a plan field, "" when the field is not a string. */
#define PLAN_FIELD(f) (field_terminated((f), sizeof (f)) ? (f) : "")

store_status returns_plan_id(store *s, const char *table, const char *plan_id,
                             const char *case_id, char id[TC_ID_LEN])
{
    if (plan_id && plan_id[0]) {
        snprintf(id, TC_ID_LEN, "%s", plan_id);
        return ST_OK;
    }
    return returns_current_plan(s, table, case_id, id);
}

/* ============================================================= versions */

/* The current version of plan id, with its steps. */
static store_status repat_read(store *s, const char *id, tc_repatriation *p, record_common *c)
{
    store_status st = record_read(s, &repatriation_table, id, 0, p, c);
    if (st == ST_OK)
        st = load_steps(s, c->id, c->version, p);
    return st;
}

/* Write p as version c (record_write) with its steps; p gets the stamps. */
static store_status repat_write(store *s, record_common *c, tc_repatriation *p,
                                const char *change, const char *reason, const char *action)
{
    store_status st = record_write(s, &repatriation_table, c, p, change, reason, action);
    if (st == ST_OK)
        st = write_steps(s, c, p);
    if (st == ST_OK)
        put_repat_common(p, c);
    return st;
}

/* A withdrawn version shows the plan as it stood: its steps too. */
store_status repatriation_after_withdraw(store *s, const record_common *c, const void *rec)
{
    tc_repatriation *p = malloc(sizeof *p);
    if (!p)
        return ST_NOMEM;
    memcpy(p, rec, sizeof *p);
    store_status st = load_steps(s, c->id, c->version - 1, p);
    if (st == ST_OK)
        st = write_steps(s, c, p);
    free(p);
    return st;
}

/* ============================================================== reading */

store_status store_repatriation_get(store *s, const char *case_id, tc_repatriation *out)
{
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    char id[TC_ID_LEN];
    store_status st = returns_current_plan(s, "repatriations", case_id, id);
    record_common c;
    if (st == ST_OK)
        st = repat_read(s, id, out, &c);
    return st;
}

/* ============================================================== writing */

static void clear_repat_problems(repat_check *problem, repat_change_problem *change)
{
    if (problem)
        *problem = (repat_check){ REPAT_OK, NULL };
    if (change)
        *change = REPAT_CHANGE_OK;
}

static store_status refuse(repat_check *problem, repat_problem p, const char *field)
{
    if (problem)
        *problem = (repat_check){ p, field };
    return ST_INVALID;
}

/* repat_validate against the handover points as stored. */
static store_status validate_plan(store *s, const tc_repatriation *p, repat_check *problem)
{
    store_code_list points;
    store_status st = store_code_list_get(s, LIST_HANDOVER_POINT, &points);
    if (st != ST_OK)
        return st;
    repat_check chk = repat_validate(p, points.list);
    store_code_list_free(&points);
    if (problem)
        *problem = chk;
    return chk.problem == REPAT_OK ? ST_OK : ST_INVALID;
}

static store_status add_in_tx(store *s, tc_repatriation *p, repat_check *problem)
{
    store_status st = returns_no_plan_yet(s, "repatriations", p->case_id);
    if (st == ST_OK)
        st = validate_plan(s, p, problem);
    if (st != ST_OK)
        return st;
    record_common c;
    memset(&c, 0, sizeof c);
    return repat_write(s, &c, p, "add", NULL, "repatriation.add");
}

store_status store_repatriation_add(store *s, tc_repatriation *p, repat_check *problem)
{
    clear_repat_problems(problem, NULL);
    if (!field_terminated(p->case_id, sizeof p->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, p->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    if (p->state != REPAT_PLANNING)
        return refuse(problem, REPAT_STATE_INVALID, "state");
    tc_repatriation *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *p;
    /* A new plan has been through no change of state. */
    work->id[0] = '\0';
    work->entry_withdrawn = false;
    work->state_reason[0] = '\0';
    work->steps_overridden = false;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, work, problem));
    if (st == ST_OK)
        *p = *work;
    free(work);
    return st;
}

/* The plan p names (its id, else its case's plan) as stored now, into cur
 * with its common parts.  A withdrawn plan is not found: it no longer
 * counts, and a new one takes its place. */
static store_status read_target(store *s, const tc_repatriation *p, tc_repatriation *cur,
                                record_common *c)
{
    char id[TC_ID_LEN];
    /* A field that is not a string names nothing. */
    store_status st = returns_plan_id(s, "repatriations",
                                      field_terminated(p->id, sizeof p->id) ? p->id : "",
                                      field_terminated(p->case_id, sizeof p->case_id)
                                          ? p->case_id : "", id);
    if (st == ST_OK)
        st = repat_read(s, id, cur, c);
    if (st == ST_OK && c->withdrawn)
        st = ST_NOT_FOUND;
    return st;
}

/* What only a change of state writes, and what is never the caller's to
 * change, come from the stored plan. */
static void keep_stored(tc_repatriation *p, const tc_repatriation *cur)
{
    memcpy(p->id, cur->id, sizeof p->id);
    memcpy(p->case_id, cur->case_id, sizeof p->case_id);
    p->state = cur->state;
    memcpy(p->state_reason, cur->state_reason, sizeof p->state_reason);
    p->steps_overridden = cur->steps_overridden;
    p->entry_withdrawn = false;
}

static bool repat_final(repat_state st)
{
    return st == REPAT_RETURNED || st == REPAT_CANCELLED;
}

static store_status save_in_tx(store *s, tc_repatriation *p, tc_repatriation *cur,
                               repat_check *problem)
{
    record_common c;
    store_status st = read_target(s, p, cur, &c);
    if (st != ST_OK)
        return st;
    if (repat_final(cur->state))
        return refuse(problem, REPAT_STATE_INVALID, "state");
    keep_stored(p, cur);
    st = validate_plan(s, p, problem);
    if (st != ST_OK)
        return st;
    c.version++;
    return repat_write(s, &c, p, "edit", NULL, "repatriation.edit");
}

store_status store_repatriation_save(store *s, tc_repatriation *p, repat_check *problem)
{
    clear_repat_problems(problem, NULL);
    store_status allowed = returns_plan_access(s, "repatriations", PLAN_FIELD(p->id), PLAN_FIELD(p->case_id), ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_repatriation *work = malloc(2 * sizeof *work);
    if (!work)
        return ST_NOMEM;
    work[0] = *p;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, save_in_tx(s, &work[0], &work[1], problem));
    if (st == ST_OK)
        *p = work[0];
    free(work);
    return st;
}

typedef struct state_change {
    repat_state to;
    const char *reason;
    repat_check *problem;
    repat_change_problem *change;
} state_change;

static store_status state_in_tx(store *s, tc_repatriation *p, tc_repatriation *cur,
                                const state_change *sc)
{
    record_common c;
    store_status st = read_target(s, p, cur, &c);
    if (st != ST_OK)
        return st;
    keep_stored(p, cur);
    /* A final plan's content is not checked again: the change is refused
     * for what it is (REPAT_CHANGE_FINAL). */
    if (!repat_final(cur->state))
        st = validate_plan(s, p, sc->problem);
    bool child = false;
    if (st == ST_OK)
        st = store_case_child_on(s, p->case_id, store_today(s), &child);
    if (st != ST_OK)
        return st;
    repat_change_problem ch = repat_change_state(p, sc->to, sc->reason, child);
    if (sc->change)
        *sc->change = ch;
    if (ch != REPAT_CHANGE_OK)
        return ST_INVALID;
    c.version++;
    st = repat_write(s, &c, p, "state", p->state_reason, "repatriation.state");
    /* The return is the reintegration plan's day one: the handover's civil
     * date where the officers are. */
    if (st == ST_OK && sc->to == REPAT_RETURNED)
        st = reint_add_for_return(s, p->case_id,
                                  caldate_from_timestamp(p->handed_over_at,
                                                         s->clock.utc_offset));
    return st;
}

store_status store_repatriation_change_state(store *s, tc_repatriation *p, repat_state to,
                                             const char *reason, repat_check *problem,
                                             repat_change_problem *change)
{
    clear_repat_problems(problem, change);
    store_status allowed = returns_plan_access(s, "repatriations", PLAN_FIELD(p->id), PLAN_FIELD(p->case_id), ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_repatriation *work = malloc(2 * sizeof *work);
    if (!work)
        return ST_NOMEM;
    work[0] = *p;
    state_change sc = { to, reason, problem, change };
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, state_in_tx(s, &work[0], &work[1], &sc));
    if (st == ST_OK)
        *p = work[0];
    free(work);
    return st;
}

/* ============================================================= settings */

#define MONTHS_KEY "followup.months"
#define DUE_SOON_KEY "followup.due_soon_days"

/* A whole number of days core accepts (followup_due_soon_valid). */
static bool parse_days(const char *text, int *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < INT_MIN || v > INT_MAX || !followup_due_soon_valid((int)v))
        return false;
    *out = (int)v;
    return true;
}

/* One stored setting: *valid false when it is there and not readable. */
static store_status read_setting(store *s, const char *key, char *value, size_t size,
                                 bool *present, bool *valid)
{
    store_status st = store_setting_get(s, key, value, size);
    *present = st == ST_OK;
    if (st == ST_INVALID)           /* longer than any valid value */
        *valid = false;
    return st == ST_OK || st == ST_NOT_FOUND || st == ST_INVALID ? ST_OK : st;
}

store_status store_followup_settings(store *s, followup_settings *out)
{
    out->schedule = followup_schedule_default();
    out->due_soon_days = FOLLOWUP_DUE_SOON_DEFAULT;
    followup_settings read = *out;
    char value[REINT_MONTHS_TEXT_MAX + 16];
    bool present = false, valid = true;
    store_status st = read_setting(s, MONTHS_KEY, value, sizeof value, &present, &valid);
    if (st == ST_OK && present && !followup_schedule_parse(value, &read.schedule))
        valid = false;
    if (st == ST_OK)
        st = read_setting(s, DUE_SOON_KEY, value, sizeof value, &present, &valid);
    if (st == ST_OK && present && !parse_days(value, &read.due_soon_days))
        valid = false;
    if (st != ST_OK)
        return st;
    /* The generic setting command can store anything under these keys:
     * follow-ups are never scheduled from values that fail the rules. */
    if (valid)
        *out = read;
    else
        store_set_error(s, "the stored follow-up settings are not valid; the defaults are used");
    return ST_OK;
}

static store_status settings_in_tx(store *s, const followup_settings *in)
{
    char months[REINT_MONTHS_TEXT_MAX], days[16];
    followup_schedule_format(&in->schedule, months);
    snprintf(days, sizeof days, "%d", in->due_soon_days);
    store_status st = store_setting_write(s, MONTHS_KEY, months);
    if (st == ST_OK)
        st = store_setting_write(s, DUE_SOON_KEY, days);
    return st;
}

store_status store_followup_settings_set(store *s, const followup_settings *in)
{
    if (store_may(s, ACCESS_SETTINGS) != ST_OK)
        return ST_DENIED;
    if (!followup_schedule_valid(&in->schedule) || !followup_due_soon_valid(in->due_soon_days))
        return ST_INVALID;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, settings_in_tx(s, in));
}

/* ============================================================ migration */

static int cases_has_high_risk(sqlite3 *db, bool *has)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA table_info(cases)", -1, &q, NULL);
    *has = false;
    while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *name = sqlite3_column_text(q, 1);
        if (name && strcmp((const char *)name, "high_risk") == 0)
            *has = true;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE || rc == SQLITE_OK ? SQLITE_OK : rc;
}

/* Newest first with the high-risk cases on top: ORDER BY high_risk DESC,
 * sort_date DESC, created_at DESC, reference DESC walks cases_list
 * backwards, as before (migration 1 says why search_key rides along). */
static const char cases_list_v7[] =
    "DROP INDEX cases_list;"
    "CREATE INDEX cases_list ON cases(high_risk, sort_date, created_at, reference, search_key);";

int returns_migrate(sqlite3 *db, const migrate_context *ctx)
{
    bool has = false;
    int rc = cases_has_high_risk(db, &has);
    if (rc == SQLITE_OK && !has)
        rc = sqlite3_exec(db, "ALTER TABLE cases ADD COLUMN high_risk INTEGER NOT NULL"
                              " DEFAULT 0 CHECK (high_risk IN (0, 1))", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, cases_list_v7, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = record_migrate_codes(db, ctx);
    return rc;
}
