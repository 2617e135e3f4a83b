/* timeline_store.c - gathers one case's events from every table that
 * records something about it, then core/timeline.c orders them.
 *
 * Each source is one query over a per-case index; who is the officer's
 * name (LEFT JOIN: an event stays even if its officer row could not be
 * read), and seq is the audit row written with the change, so events of
 * one second keep the order they happened in.  Labels that are msgids
 * (N_) are translated by the caller (timeline_summary). */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/identification.h"
#include "core/screening.h"
#include "core/agency.h"
#include "core/referral.h"
#include "core/msg.h"
#include "db/returns.h"
#include "i18n/i18n.h"

typedef struct event_list {
    timeline_event *ev;
    size_t n, cap;
} event_list;

/* A new blank event at the end, or NULL when memory runs out. */
static timeline_event *push(event_list *l, timeline_kind k)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        timeline_event *grown = realloc(l->ev, cap * sizeof *grown);
        if (!grown)
            return NULL;
        l->ev = grown, l->cap = cap;
    }
    timeline_event *e = &l->ev[l->n++];
    timeline_event_init(e, k);
    return e;
}

/* Columns at, officer id, officer name, seq from `first`. */
static void read_who_when(sqlite3_stmt *q, int first, timeline_event *e)
{
    e->at = store_column_time(q, first);
    store_column_copy(q, first + 1, e->officer_id, sizeof e->officer_id);
    store_column_copy(q, first + 2, e->officer_name, sizeof e->officer_name);
    e->seq = sqlite3_column_int64(q, first + 3);
}

/* Run sql (binding case_id to ?1) and hand every row to add. */
static store_status each_row(store *s, const char *sql, const char *case_id, event_list *l,
                             store_status (*add)(sqlite3_stmt *q, event_list *l, void *ctx),
                             void *ctx)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, case_id);
    int rc;
    while (st == ST_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
        st = add(q, l, ctx);
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}

/* ---------------------------------------------------- the case itself */

static const char opened_sql[] =
    "SELECT c.id, c.created_at, c.created_by, o.name,"
    " (SELECT min(a.seq) FROM audit a WHERE a.table_name = 'cases' AND a.record_id = c.id),"
    " k.id, k.completed, k.updated_at, k.updated_by, p.name, k.completed_seq"
    " FROM cases c LEFT JOIN officers o ON o.id = c.created_by"
    " LEFT JOIN case_quick k ON k.case_id = c.id"
    " LEFT JOIN officers p ON p.id = k.updated_by WHERE c.id = ?1";

/* The case opened (quick or not) and, for a quick case, its completion:
 * columns as opened_sql. */
static store_status add_opened_row(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    bool quick = sqlite3_column_type(q, 5) != SQLITE_NULL;
    timeline_event *e = push(l, quick ? TL_CASE_OPENED_QUICK : TL_CASE_OPENED);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    if (quick && sqlite3_column_int(q, 6)) {
        timeline_event *done = push(l, TL_QUICK_COMPLETED);
        if (!done)
            return ST_NOMEM;
        store_column_copy(q, 0, done->record_id, sizeof done->record_id);
        read_who_when(q, 7, done);
    }
    return ST_OK;
}

/* ------------------------------------------------- versioned records */

/* What one version of a record says on the timeline. */
typedef void (*version_event_fn)(const void *rec, int version, const char *change,
                                 const char *reason, timeline_event *e);

typedef struct version_source {
    const record_table *t;
    version_event_fn event;
    void *rec;                      /* t->size bytes to read a version into */
} version_source;

static timeline_kind change_kind(const char *change, timeline_kind added)
{
    if (strcmp(change, "correct") == 0)
        return TL_RECORD_CORRECTED;
    if (strcmp(change, "withdraw") == 0)
        return TL_RECORD_WITHDRAWN;
    return added;
}

static void intake_event(const void *rec, int version, const char *change, const char *reason,
                         timeline_event *e)
{
    (void)change;
    (void)reason;
    const tc_intake *in = rec;
    e->kind = version > 1 ? TL_INTAKE_UPDATED : TL_INTAKE_RECORDED;
    timeline_set_subject(e, in->establishment, false);
}

static void consent_event(const void *rec, int version, const char *change, const char *reason,
                          timeline_event *e)
{
    (void)version;
    const tc_consent *c = rec;
    e->kind = change_kind(change, c->agreed ? TL_CONSENT_GIVEN : TL_CONSENT_REFUSED);
    if (strcmp(change, "withdraw_consent") == 0)
        e->kind = TL_CONSENT_WITHDRAWN;
    timeline_set_subject(e, consent_purpose_label(c->purpose), true);
    if (e->kind == TL_RECORD_CORRECTED || e->kind == TL_RECORD_WITHDRAWN)
        timeline_set_detail(e, reason, false);
    else if (c->purpose == CONSENT_REFERRAL) {
        agency_type t;
        if (agency_type_from_code(c->agency_kind, &t))
            timeline_set_detail(e, agency_type_label(t), true);
    } else if (c->given_by == CONSENT_BY_GUARDIAN) {
        timeline_set_detail(e, consent_giver_label(c->given_by), true);
    }
}

static void need_event(const void *rec, int version, const char *change, const char *reason,
                       timeline_event *e)
{
    (void)version;
    const tc_need *nd = rec;
    e->kind = change_kind(change, strcmp(change, "state") == 0 ? TL_NEED_STATE_CHANGED
                                                                 : TL_NEED_ADDED);
    timeline_set_subject(e, need_kind_label(nd->kind), true);
    if (e->kind == TL_RECORD_CORRECTED || e->kind == TL_RECORD_WITHDRAWN)
        timeline_set_detail(e, reason, false);
    else
        timeline_set_detail(e, need_state_label(nd->state), true);
}

static void note_event(const void *rec, int version, const char *change, const char *reason,
                       timeline_event *e)
{
    (void)version;
    const tc_note *nt = rec;
    e->kind = change_kind(change, TL_NOTE_ADDED);
    if (e->kind == TL_NOTE_ADDED) {
        timeline_set_detail(e, nt->text, false);
    } else {
        timeline_set_subject(e, nt->text, false);
        timeline_set_detail(e, reason, false);
    }
}

/* ---- return and reintegration (db/returns.h) ----
 * A plan's versions that only carry a follow-up's effect or an edit of
 * its content are not events of their own (TL_KIND_COUNT: dropped): the
 * follow-up is. */

static const char *const risk_subjects[RISK_COUNT] = {
    [RISK_LOW] = N_("Low risk of re-trafficking"),
    [RISK_MEDIUM] = N_("Medium risk of re-trafficking"),
    [RISK_HIGH] = N_("High risk of re-trafficking"),
};

static void withdrawn_event(const char *what, const char *reason, timeline_event *e)
{
    e->kind = TL_RECORD_WITHDRAWN;
    timeline_set_subject(e, what, true);
    timeline_set_detail(e, reason, false);
}

static void repatriation_event(const void *rec, int version, const char *change,
                               const char *reason, timeline_event *e)
{
    (void)version;
    const tc_repatriation *p = rec;
    e->kind = TL_KIND_COUNT;
    if (strcmp(change, "withdraw") == 0) {
        withdrawn_event(N_("Repatriation plan"), reason, e);
    } else if (strcmp(change, "add") == 0) {
        e->kind = TL_REPATRIATION_PLANNED;
        if (p->direction < REPAT_DIRECTION_COUNT)
            timeline_set_subject(e, repat_direction_label(p->direction), true);
        timeline_set_detail(e, p->hometown, false);
    } else if (strcmp(change, "state") == 0) {
        e->kind = TL_REPATRIATION_CHANGED;
        if (p->state < REPAT_STATE_COUNT)
            timeline_set_subject(e, repat_state_label(p->state), true);
        timeline_set_detail(e, reason, false);
    }
}

static void reintegration_event(const void *rec, int version, const char *change,
                                const char *reason, timeline_event *e)
{
    (void)version;
    const tc_reintegration *p = rec;
    e->kind = TL_KIND_COUNT;
    if (strcmp(change, "withdraw") == 0) {
        withdrawn_event(N_("Reintegration plan"), reason, e);
    } else if (strcmp(change, "add") == 0) {
        e->kind = TL_REINTEGRATION_PLANNED;
    } else if (strcmp(change, "close") == 0) {
        e->kind = TL_REINTEGRATION_CLOSED;
        if (p->outcome < REINT_OUTCOME_COUNT)
            timeline_set_subject(e, reint_outcome_label(p->outcome), true);
        timeline_set_detail(e, p->outcome_note, false);
    }
}

static void followup_event(const void *rec, int version, const char *change,
                           const char *reason, timeline_event *e)
{
    (void)version;
    const tc_followup *f = rec;
    if (strcmp(change, "withdraw") == 0) {
        withdrawn_event(N_("Follow-up"), reason, e);
        return;
    }
    e->kind = TL_FOLLOWUP_RECORDED;
    if (f->risk < RISK_COUNT)
        timeline_set_subject(e, risk_subjects[f->risk], true);
    timeline_set_detail(e, f->findings, false);
}

static store_status add_version(sqlite3_stmt *q, event_list *l, void *ctx)
{
    version_source *src = ctx;
    timeline_event *e = push(l, TL_NOTE_ADDED);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    int version = sqlite3_column_int(q, 1);
    char change[RECORD_CHANGE_CODE_MAX + 1];
    char *reason = malloc(RECORD_REASON_MAX + 1);
    if (!reason)
        return ST_NOMEM;
    store_column_copy(q, 2, change, sizeof change);
    store_column_copy(q, 3, reason, RECORD_REASON_MAX + 1);
    read_who_when(q, 4, e);
    memset(src->rec, 0, src->t->size);
    src->t->read(q, 8, src->rec);
    src->event(src->rec, version, change, reason, e);
    if (e->kind == TL_KIND_COUNT)
        l->n--;                 /* not an event of its own */
    free(reason);
    return ST_OK;
}

static store_status add_versions(store *s, const char *case_id, const record_table *t,
                                 version_event_fn event, event_list *l)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT v.record_id, v.version, v.change, v.change_reason, v.updated_at,"
             " v.updated_by, o.name, v.audit_seq, %s FROM %s v"
             " LEFT JOIN officers o ON o.id = v.updated_by WHERE v.case_id = ?1",
             t->columns, t->table);
    version_source src = { t, event, malloc(t->size) };
    if (!src.rec)
        return ST_NOMEM;
    store_status st = each_row(s, sql, case_id, l, add_version, &src);
    free(src.rec);
    return st;
}

/* ------------------------------------------- other rows about the case */

static store_status add_override(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    timeline_event *e = push(l, TL_CONSENT_OVERRIDE);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    const unsigned char *p = sqlite3_column_text(q, 5);
    consent_purpose purpose;
    if (p && consent_purpose_from_code((const char *)p, &purpose))
        timeline_set_subject(e, consent_purpose_label(purpose), true);
    timeline_set_detail(e, (const char *)sqlite3_column_text(q, 6), false);
    return ST_OK;
}

static store_status add_closure(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    const unsigned char *action = sqlite3_column_text(q, 5);
    bool close = action && strcmp((const char *)action, "close") == 0;
    timeline_event *e = push(l, close ? TL_CASE_CLOSED : TL_CASE_REOPENED);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    const unsigned char *reason = sqlite3_column_text(q, 6);
    closure_reason r;
    if (close && reason && closure_reason_from_code((const char *)reason, &r))
        timeline_set_subject(e, closure_reason_label(r), true);
    timeline_set_detail(e, (const char *)sqlite3_column_text(q, 7), false);
    return ST_OK;
}

static store_status add_link(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    timeline_event *e = push(l, TL_INSPECTION_LINKED);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    timeline_set_subject(e, (const char *)sqlite3_column_text(q, 5), false);
    return ST_OK;
}

/* Screenings and identification decisions (db/screenings.h's tables):
 * their seq is found through the audit rows of the record. */
static store_status add_screening(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    timeline_event *e = push(l, TL_SCREENING_STARTED);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    timeline_set_subject(e, (const char *)sqlite3_column_text(q, 5), false);
    if (!sqlite3_column_int(q, 6))
        return ST_OK;
    timeline_event *d = push(l, TL_SCREENING_DECIDED);
    if (!d)
        return ST_NOMEM;
    store_column_copy(q, 0, d->record_id, sizeof d->record_id);
    read_who_when(q, 7, d);
    timeline_set_subject(d, (const char *)sqlite3_column_text(q, 5), false);
    const unsigned char *dec = sqlite3_column_text(q, 11);
    screening_decision decision;
    if (dec && decision_from_code((const char *)dec, &decision))
        timeline_set_detail(d, decision_label(decision), true);
    return ST_OK;
}

static store_status add_identification(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    timeline_event *e = push(l, TL_IDENTIFICATION);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    const unsigned char *t = sqlite3_column_text(q, 5);
    ident_outcome o;
    if (t && ident_outcome_from_code((const char *)t, &o))
        timeline_set_subject(e, ident_outcome_label(o), true);
    return ST_OK;
}

/* id, then at, officer id, officer name, seq (columns 1-4), then the rest. */
static const char overrides_sql[] =
    "SELECT v.id, v.created_at, v.created_by, o.name, v.audit_seq, v.purpose, v.reason"
    " FROM consent_overrides v LEFT JOIN officers o ON o.id = v.created_by"
    " WHERE v.case_id = ?1";
static const char closures_sql[] =
    "SELECT v.id, v.created_at, v.created_by, o.name, v.audit_seq, v.action, v.reason, v.note"
    " FROM case_closures v LEFT JOIN officers o ON o.id = v.created_by WHERE v.case_id = ?1";
static const char links_sql[] =
    "SELECT v.id, v.created_at, v.created_by, o.name, v.audit_seq, i.establishment"
    " FROM inspection_cases v LEFT JOIN officers o ON o.id = v.created_by"
    " LEFT JOIN inspections i ON i.record_id = v.inspection_id AND i.is_current = 1"
    " WHERE v.case_id = ?1";
static const char screenings_sql[] =
    "SELECT v.id, v.created_at, v.created_by, o.name,"
    " (SELECT min(a.seq) FROM audit a WHERE a.table_name = 'screenings' AND a.record_id = v.id"
    "  AND a.action = 'screening.start'),"
    " i.code || ' v' || i.version, v.decided, v.decided_at, v.decided_by, d.name,"
    " (SELECT min(a.seq) FROM audit a WHERE a.table_name = 'screenings' AND a.record_id = v.id"
    "  AND a.action = 'screening.decide'),"
    " v.decision"
    " FROM screenings v LEFT JOIN instruments i ON i.id = v.instrument_id"
    " LEFT JOIN officers o ON o.id = v.created_by"
    " LEFT JOIN officers d ON d.id = v.decided_by WHERE v.case_id = ?1";
static const char identifications_sql[] =
    "SELECT v.id, v.created_at, v.created_by, o.name,"
    " (SELECT min(a.seq) FROM audit a WHERE a.table_name = 'identifications'"
    "  AND a.record_id = v.id), v.outcome"
    " FROM identifications v LEFT JOIN officers o ON o.id = v.created_by WHERE v.case_id = ?1";

/* Referrals: each stored change (referral_events), the first one the
 * referral's making.  The agency is named by its abbreviation (else its
 * name) in the interface's language, as stored data is never translated. */
static store_status add_referral_event(sqlite3_stmt *q, event_list *l, void *ctx)
{
    (void)ctx;
    const unsigned char *from = sqlite3_column_text(q, 5);
    bool made = !from || !*from;
    timeline_event *e = push(l, made ? TL_REFERRAL_MADE : TL_REFERRAL_CHANGED);
    if (!e)
        return ST_NOMEM;
    store_column_copy(q, 0, e->record_id, sizeof e->record_id);
    read_who_when(q, 1, e);
    bool thai = i18n_is_thai();
    const unsigned char *abbr = sqlite3_column_text(q, thai ? 9 : 11);
    const char *agency = (const char *)(abbr && *abbr ? abbr
                                        : sqlite3_column_text(q, thai ? 10 : 12));
    const unsigned char *to = sqlite3_column_text(q, 6);
    const unsigned char *note = sqlite3_column_text(q, 7);
    referral_state st;
    referral_urgency u;
    if (made) {
        timeline_set_subject(e, agency, false);
        const unsigned char *urgency = sqlite3_column_text(q, 8);
        if (urgency && referral_urgency_from_code((const char *)urgency, &u))
            timeline_set_detail(e, referral_urgency_label(u), true);
        return ST_OK;
    }
    if (to && referral_state_from_code((const char *)to, &st))
        timeline_set_subject(e, referral_state_label(st), true);
    if (note && *note)
        timeline_set_detail(e, (const char *)note, false);
    else
        timeline_set_detail(e, agency, false);
    return ST_OK;
}

static const char referral_events_sql[] =
    "SELECT e.referral_id, e.created_at, e.officer_id, o.name, e.audit_seq, e.from_state,"
    " e.to_state, e.note, r.urgency, a.abbr_th, a.name_th, a.abbr_en, a.name_en"
    " FROM referral_events e JOIN referrals r ON r.id = e.referral_id"
    " LEFT JOIN agencies a ON a.code = r.agency_code AND a.is_current = 1"
    " LEFT JOIN officers o ON o.id = e.officer_id WHERE e.case_id = ?1";

static store_status gather(store *s, const char *case_id, event_list *l)
{
    store_status st = each_row(s, opened_sql, case_id, l, add_opened_row, NULL);
    if (st == ST_OK)
        st = add_versions(s, case_id, &intake_table, intake_event, l);
    if (st == ST_OK)
        st = add_versions(s, case_id, &consent_table, consent_event, l);
    if (st == ST_OK)
        st = add_versions(s, case_id, &need_table, need_event, l);
    if (st == ST_OK)
        st = add_versions(s, case_id, &note_table, note_event, l);
    if (st == ST_OK)
        st = each_row(s, overrides_sql, case_id, l, add_override, NULL);
    if (st == ST_OK)
        st = each_row(s, closures_sql, case_id, l, add_closure, NULL);
    if (st == ST_OK)
        st = each_row(s, links_sql, case_id, l, add_link, NULL);
    if (st == ST_OK)
        st = each_row(s, screenings_sql, case_id, l, add_screening, NULL);
    if (st == ST_OK)
        st = each_row(s, identifications_sql, case_id, l, add_identification, NULL);
    if (st == ST_OK)
        st = each_row(s, referral_events_sql, case_id, l, add_referral_event, NULL);
    if (st == ST_OK)
        st = add_versions(s, case_id, &repatriation_table, repatriation_event, l);
    if (st == ST_OK)
        st = add_versions(s, case_id, &reintegration_table, reintegration_event, l);
    if (st == ST_OK)
        st = add_versions(s, case_id, &followup_table, followup_event, l);
    return st;
}

store_status store_timeline(store *s, const char *case_id, timeline_event **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (st == ST_OK)
        st = store_case_exists(s, case_id);
    if (st != ST_OK)
        return st;
    event_list l = { NULL, 0, 0 };
    st = gather(s, case_id, &l);
    if (st != ST_OK) {
        free(l.ev);
        return st;
    }
    timeline_sort(l.ev, l.n);
    *out = l.ev;
    *n = l.n;
    return ST_OK;
}
