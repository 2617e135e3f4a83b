/* followups.c - reintegration plans and their follow-ups in the store
 * (db/returns.h), the follow-up list, and the follow-ups on the due-soon
 * view.
 *
 * A plan is a versioned record in reintegrations; its included domains
 * are rows of reintegration_domains keyed by the plan version (as a
 * repatriation plan's steps: migrate.c, migration 7), so every write of a
 * version goes through reint_write().  What the follow-ups made of a plan
 * (followups_done, next_due, high_risk) is stored with it, and every
 * write of a plan sets the case's high-risk mark (cases.high_risk, which
 * the case list sorts on) from the plans, in the same transaction.  The
 * lists of what is due are in db/followup_list.c. */
#include "config.h"
#include "db/returns_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"

/* ================================================================ plans */

static void bind_reintegration(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_reintegration *p = rec;
    char months[REINT_MONTHS_TEXT_MAX];
    followup_schedule_format(&p->schedule, months);
    int i = first;
    rec_bind_text(q, i++, p->case_id);
    rec_bind_date(q, i++, true, p->start);
    rec_bind_text(q, i++, months);
    rec_bind_date(q, i++, p->next_known && !p->closed, p->next_due);
    sqlite3_bind_int64(q, i++, (sqlite3_int64)p->followups_done);
    sqlite3_bind_int(q, i++, p->high_risk ? 1 : 0);
    sqlite3_bind_int(q, i++, p->closed ? 1 : 0);
    rec_bind_text(q, i++, p->closed ? reint_outcome_code(p->outcome) : "");
    rec_bind_date(q, i++, p->closed, p->closed_on);
    rec_bind_text(q, i, p->outcome_note);
}

static void read_reintegration(sqlite3_stmt *q, int first, void *rec)
{
    tc_reintegration *p = rec;
    memset(p, 0, sizeof *p);
    int i = first;
    store_column_copy(q, i++, p->case_id, sizeof p->case_id);
    if (!rec_column_date(q, i++, &p->start))
        p->start = (caldate){ 0, 0, 0 };
    const char *t = (const char *)sqlite3_column_text(q, i++);
    if (!t || !followup_schedule_parse(t, &p->schedule))
        p->schedule.count = 0;      /* refused by reint_validate */
    p->next_known = rec_column_date(q, i++, &p->next_due);
    sqlite3_int64 done = sqlite3_column_int64(q, i++);
    p->followups_done = done > 0 ? (size_t)done : 0;
    p->high_risk = sqlite3_column_int(q, i++) != 0;
    p->closed = sqlite3_column_int(q, i++) != 0;
    t = (const char *)sqlite3_column_text(q, i++);
    if (p->closed && (!t || !reint_outcome_from_code(t, &p->outcome)))
        p->outcome = REINT_OUTCOME_COUNT;
    if (!rec_column_date(q, i++, &p->closed_on))
        p->closed_on = (caldate){ 0, 0, 0 };
    store_column_copy(q, i, p->outcome_note, sizeof p->outcome_note);
}

RETURNS_COMMON_ACCESSORS(reint, tc_reintegration)

const record_table reintegration_table = {
    "reintegrations",
    "case_id, start, schedule, next_due, followups_done, high_risk, closed, outcome,"
    " closed_on, outcome_note",
    10, sizeof(tc_reintegration), bind_reintegration, read_reintegration, put_reint_common,
    get_reint_common,
};

/* ---- domains ---- */

static store_status write_domains(store *s, const record_common *c, const tc_reintegration *p)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO reintegration_domains(id, plan_id, version, domain, goals, services,"
        " agency_code, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?9)", &q);
    if (st != ST_OK)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    for (int k = 0; st == ST_OK && k < REINT_DOMAIN_COUNT; k++) {
        const reint_domain_plan *d = &p->domains[k];
        if (!d->included)
            continue;
        char id[TC_ID_LEN];
        store_new_id(id);
        rec_bind_text(q, 1, id);
        rec_bind_text(q, 2, c->id);
        sqlite3_bind_int(q, 3, c->version);
        rec_bind_text(q, 4, reint_domain_code((reint_domain)k));
        rec_bind_text(q, 5, d->goals);
        rec_bind_text(q, 6, d->services);
        rec_bind_text(q, 7, d->agency_code);
        rec_bind_text(q, 8, now);
        rec_bind_text(q, 9, s->me.id);
        st = store_step_reset(s, q);
    }
    sqlite3_finalize(q);
    return st;
}

static void read_domain(sqlite3_stmt *q, void *plan)
{
    tc_reintegration *p = plan;
    reint_domain k;
    const char *t = (const char *)sqlite3_column_text(q, 0);
    if (!t || !reint_domain_from_code(t, &k))
        return;                 /* a domain this tipcase does not know */
    reint_domain_plan *d = &p->domains[k];
    d->included = true;
    store_column_copy(q, 1, d->goals, sizeof d->goals);
    store_column_copy(q, 2, d->services, sizeof d->services);
    store_column_copy(q, 3, d->agency_code, sizeof d->agency_code);
}

static store_status load_domains(store *s, const char *plan_id, int version,
                                 tc_reintegration *p)
{
    return returns_load_version(s,
        "SELECT domain, goals, services, agency_code FROM reintegration_domains"
        " WHERE plan_id = ?1 AND version = ?2", plan_id, version, read_domain, p);
}

/* ---- versions ---- */

/* The case's high-risk mark: an active plan's latest follow-up found a
 * high risk.  Derived from the plans, so it is set, not audited on its
 * own: the plan's version that changed it is. */
static store_status sync_case_high_risk(store *s, const char *case_id)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "UPDATE cases SET high_risk = EXISTS (SELECT 1 FROM reintegrations r"
        " WHERE r.case_id = ?1 AND r.is_current = 1 AND r.entry_withdrawn = 0"
        " AND r.closed = 0 AND r.high_risk = 1) WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, case_id);
    return store_step_done(s, q);
}

/* The current version of plan id, with its domains. */
static store_status reint_read(store *s, const char *id, tc_reintegration *p,
                               record_common *c)
{
    store_status st = record_read(s, &reintegration_table, id, 0, p, c);
    if (st == ST_OK)
        st = load_domains(s, c->id, c->version, p);
    return st;
}

/* Write p as version c with its domains; the case's mark follows. */
static store_status reint_write(store *s, record_common *c, tc_reintegration *p,
                                const char *change, const char *reason, const char *action)
{
    if (p->closed) {
        /* A closed plan waits for nothing and marks nothing. */
        p->next_known = false;
        p->high_risk = false;
    }
    store_status st = record_write(s, &reintegration_table, c, p, change, reason, action);
    if (st == ST_OK)
        st = write_domains(s, c, p);
    if (st == ST_OK)
        st = sync_case_high_risk(s, p->case_id);
    if (st == ST_OK)
        put_reint_common(p, c);
    return st;
}

/* A withdrawn plan keeps its domains in its last version, and stops
 * marking the case. */
store_status reintegration_after_withdraw(store *s, const record_common *c, const void *rec)
{
    tc_reintegration *p = malloc(sizeof *p);
    if (!p)
        return ST_NOMEM;
    memcpy(p, rec, sizeof *p);
    store_status st = load_domains(s, c->id, c->version - 1, p);
    if (st == ST_OK)
        st = write_domains(s, c, p);
    if (st == ST_OK)
        st = sync_case_high_risk(s, p->case_id);
    free(p);
    return st;
}

/* The plan p names (its id, else its case's plan), as stored now; a
 * withdrawn plan is not found. */
static store_status read_target(store *s, const char *plan_id, const char *case_id,
                                tc_reintegration *cur, record_common *c)
{
    char id[TC_ID_LEN];
    store_status st = returns_plan_id(s, "reintegrations", plan_id, case_id, id);
    if (st == ST_OK)
        st = reint_read(s, id, cur, c);
    if (st == ST_OK && c->withdrawn)
        st = ST_NOT_FOUND;
    return st;
}

/* ============================================================== reading */

store_status store_reintegration_get(store *s, const char *case_id, tc_reintegration *out)
{
    store_status allowed = store_case_access(s, case_id ? case_id : "", ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    record_common c;
    return read_target(s, NULL, case_id ? case_id : "", out, &c);
}

/* ============================================================== writing */

static void clear_reint_problem(reint_check *problem)
{
    if (problem)
        *problem = (reint_check){ REINT_OK, NULL };
}

static store_status refuse(reint_check *problem, reint_check chk)
{
    if (problem)
        *problem = chk;
    return chk.problem == REINT_OK ? ST_OK : ST_INVALID;
}

/* reint_validate; a new plan may have no domain yet (core checks that
 * last, so nothing else is missed by letting it pass). */
static store_status validate_plan(const tc_reintegration *p, bool new_plan,
                                  reint_check *problem)
{
    reint_check chk = reint_validate(p);
    if (new_plan && chk.problem == REINT_NO_DOMAIN)
        chk = (reint_check){ REINT_OK, NULL };
    return refuse(problem, chk);
}

static store_status add_in_tx(store *s, tc_reintegration *p, reint_check *problem)
{
    store_status st = returns_no_plan_yet(s, "reintegrations", p->case_id);
    if (st != ST_OK)
        return st;
    if (p->schedule.count == 0) {
        followup_settings fs;
        st = store_followup_settings(s, &fs);
        if (st != ST_OK)
            return st;
        p->schedule = fs.schedule;
    }
    /* Nothing has been followed up yet: the plan waits for its first date. */
    p->followups_done = 0;
    p->high_risk = false;
    p->closed = false;
    p->outcome = REINT_OUTCOME_REINTEGRATED;
    p->closed_on = (caldate){ 0, 0, 0 };
    p->next_known = false;
    st = validate_plan(p, true, problem);
    if (st != ST_OK)
        return st;
    reint_schedule_first(p);
    record_common c;
    memset(&c, 0, sizeof c);
    return reint_write(s, &c, p, "add", NULL, "reintegration.add");
}

store_status store_reintegration_add(store *s, tc_reintegration *p, reint_check *problem)
{
    clear_reint_problem(problem);
    if (!field_terminated(p->case_id, sizeof p->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, p->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_reintegration *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *p;
    work->id[0] = '\0';
    work->entry_withdrawn = false;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, work, problem));
    if (st == ST_OK)
        *p = *work;
    free(work);
    return st;
}

store_status reint_add_for_return(store *s, const char *case_id, caldate start)
{
    char existing[TC_ID_LEN];
    store_status st = returns_current_plan(s, "reintegrations", case_id, existing);
    if (st != ST_NOT_FOUND)
        return st;              /* ST_OK: the case keeps the plan it has */
    tc_reintegration *p = malloc(sizeof *p);
    if (!p)
        return ST_NOMEM;
    reint_init(p, start);
    snprintf(p->case_id, sizeof p->case_id, "%s", case_id);
    p->schedule.count = 0;      /* the stored setting */
    st = add_in_tx(s, p, NULL);
    free(p);
    return st;
}

static store_status save_in_tx(store *s, tc_reintegration *p, tc_reintegration *cur,
                               reint_check *problem)
{
    record_common c;
    /* A field that is not a string names nothing. */
    store_status st = read_target(s, field_terminated(p->id, sizeof p->id) ? p->id : "",
                                  field_terminated(p->case_id, sizeof p->case_id) ? p->case_id
                                                                                 : "",
                                  cur, &c);
    if (st != ST_OK)
        return st;
    if (cur->closed)
        return refuse(problem, (reint_check){ REINT_PLAN_CLOSED, "closed_on" });
    bool moved = caldate_compare(p->start, cur->start) != 0;
    /* Only the domains and the start are the caller's to change. */
    memcpy(cur->domains, p->domains, sizeof cur->domains);
    cur->start = p->start;
    st = validate_plan(cur, false, problem);
    if (st != ST_OK)
        return st;
    if (moved && cur->followups_done == 0)
        reint_schedule_first(cur);
    c.version++;
    st = reint_write(s, &c, cur, "edit", NULL, "reintegration.edit");
    if (st == ST_OK)
        *p = *cur;
    return st;
}

store_status store_reintegration_save(store *s, tc_reintegration *p, reint_check *problem)
{
    clear_reint_problem(problem);
    store_status allowed = returns_plan_access(
        s, "reintegrations", field_terminated(p->id, sizeof p->id) ? p->id : "",
        field_terminated(p->case_id, sizeof p->case_id) ? p->case_id : "", ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_reintegration *work = malloc(2 * sizeof *work);
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

typedef struct closing {
    reint_outcome outcome;
    caldate on;
    const char *note;
    reint_check *problem;
} closing;

static store_status close_in_tx(store *s, const char *case_id, tc_reintegration *p,
                                const closing *how)
{
    record_common c;
    store_status st = read_target(s, NULL, case_id, p, &c);
    if (st != ST_OK)
        return st;
    st = refuse(how->problem, reint_close(p, how->outcome, how->on, how->note));
    if (st != ST_OK)
        return st;
    c.version++;
    return reint_write(s, &c, p, "close", NULL, "reintegration.close");
}

store_status store_reintegration_close(store *s, const char *case_id, reint_outcome outcome,
                                       caldate on, const char *note, reint_check *problem)
{
    clear_reint_problem(problem);
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_reintegration *p = malloc(sizeof *p);
    if (!p)
        return ST_NOMEM;
    closing how = { outcome, on, note, problem };
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, close_in_tx(s, case_id ? case_id : "", p, &how));
    free(p);
    return st;
}

/* ============================================================ follow-ups */

static void bind_followup(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_followup *f = rec;
    int i = first;
    rec_bind_text(q, i++, f->case_id);
    rec_bind_text(q, i++, f->plan_id);
    rec_bind_date(q, i++, true, f->on);
    rec_bind_text(q, i++, followup_method_code(f->method));
    rec_bind_text(q, i++, f->findings);
    rec_bind_text(q, i++, risk_code(f->risk));
    rec_bind_date(q, i++, f->next_known, f->next_on);
    rec_bind_text(q, i, f->by_agency);
}

static void read_followup(sqlite3_stmt *q, int first, void *rec)
{
    tc_followup *f = rec;
    memset(f, 0, sizeof *f);
    int i = first;
    store_column_copy(q, i++, f->case_id, sizeof f->case_id);
    store_column_copy(q, i++, f->plan_id, sizeof f->plan_id);
    if (!rec_column_date(q, i++, &f->on))
        f->on = (caldate){ 0, 0, 0 };
    const char *t = (const char *)sqlite3_column_text(q, i++);
    if (!t || !followup_method_from_code(t, &f->method))
        f->method = FOLLOWUP_METHOD_COUNT;
    store_column_copy(q, i++, f->findings, sizeof f->findings);
    t = (const char *)sqlite3_column_text(q, i++);
    if (!t || !risk_from_code(t, &f->risk))
        f->risk = RISK_COUNT;
    f->next_known = rec_column_date(q, i++, &f->next_on);
    store_column_copy(q, i, f->by_agency, sizeof f->by_agency);
}

RETURNS_COMMON_ACCESSORS(followup, tc_followup)

const record_table followup_table = {
    "followups",
    "case_id, plan_id, held_on, method, findings, risk, next_on, by_agency",
    8, sizeof(tc_followup), bind_followup, read_followup, put_followup_common,
    get_followup_common,
};

static store_status followup_add_in_tx(store *s, tc_followup *f, tc_reintegration *plan,
                                       reint_check *problem)
{
    store_status st = store_case_exists(s, f->case_id);
    record_common pc;
    if (st == ST_OK)
        st = read_target(s, NULL, f->case_id, plan, &pc);
    if (st != ST_OK)
        return st;
    memcpy(f->plan_id, pc.id, sizeof f->plan_id);
    st = refuse(problem, followup_validate(f, plan, store_today(s)));
    if (st != ST_OK)
        return st;
    record_common fc;
    memset(&fc, 0, sizeof fc);
    st = record_write(s, &followup_table, &fc, f, "add", NULL, "followup.add");
    if (st != ST_OK)
        return st;
    put_followup_common(f, &fc);
    reint_apply_followup(plan, f);
    pc.version++;
    return reint_write(s, &pc, plan, "followup", NULL, "reintegration.edit");
}

store_status store_followup_add(store *s, tc_followup *f, reint_check *problem)
{
    clear_reint_problem(problem);
    if (!field_terminated(f->case_id, sizeof f->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, f->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_followup *work = malloc(sizeof *work);
    tc_reintegration *plan = malloc(sizeof *plan);
    store_status st = work && plan ? ST_OK : ST_NOMEM;
    if (st == ST_OK) {
        *work = *f;
        work->id[0] = '\0';
        work->entry_withdrawn = false;
        st = store_begin(s);
    }
    if (st == ST_OK)
        st = store_finish(s, followup_add_in_tx(s, work, plan, problem));
    if (st == ST_OK)
        *f = *work;
    free(work);
    free(plan);
    return st;
}

/* Oldest first by the day it took place, then in the order recorded. */
#define FOLLOWUP_ORDER \
    " ORDER BY held_on %s, (SELECT min(audit_seq) FROM followups f" \
    " WHERE f.record_id = followups.record_id) %s"

store_status store_followup_list_case(store *s, const char *case_id, tc_followup **out,
                                      size_t *n)
{
    *out = NULL;
    *n = 0;
    char plan_id[TC_ID_LEN];
    store_status st = store_case_access(s, case_id ? case_id : "", ACCESS_CASE_READ);
    if (st == ST_OK)
        st = store_case_exists(s, case_id ? case_id : "");
    if (st != ST_OK)
        return st;
    st = returns_current_plan(s, "reintegrations", case_id, plan_id);
    if (st == ST_NOT_FOUND)
        return ST_OK;           /* a case with no plan has no follow-ups */
    if (st != ST_OK)
        return st;
    char tail[256];
    snprintf(tail, sizeof tail, "WHERE plan_id = ?1 AND is_current = 1" FOLLOWUP_ORDER,
             "DESC", "DESC");
    void *arr = NULL;
    st = record_select(s, &followup_table, tail, plan_id, &arr, n);
    *out = arr;
    return st;
}

/* What the plan's follow-ups that still count make of it: core's rule
 * (reint_replay_followups), so a withdrawn follow-up leaves the plan as if
 * it was never recorded. */
static store_status recount_plan(store *s, const char *plan_id)
{
    tc_reintegration *plan = malloc(sizeof *plan);
    if (!plan)
        return ST_NOMEM;
    record_common c;
    store_status st = reint_read(s, plan_id, plan, &c);
    tc_followup *fs = NULL;
    size_t n = 0;
    char tail[256];
    snprintf(tail, sizeof tail, "WHERE plan_id = ?1 AND is_current = 1 AND entry_withdrawn = 0"
             FOLLOWUP_ORDER, "", "");
    if (st == ST_OK && !c.withdrawn) {
        void *arr = NULL;
        st = record_select(s, &followup_table, tail, plan_id, &arr, &n);
        fs = arr;
        if (st == ST_OK) {
            reint_replay_followups(plan, fs, n);
            c.version++;
            st = reint_write(s, &c, plan, "recount", NULL, "reintegration.edit");
        }
    }
    free(fs);
    free(plan);
    return st;
}

store_status followup_after_withdraw(store *s, const record_common *c, const void *rec)
{
    (void)c;
    const tc_followup *f = rec;
    return recount_plan(s, f->plan_id);
}
