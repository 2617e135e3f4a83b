/* consent_store.c - consent records (a versioned table), the question
 * "is this covered?", and overrides with their reasons. */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/fieldtext.h"

/* ---- the table ---- */

static void bind_consent(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_consent *c = rec;
    int i = first;
    rec_bind_text(q, i++, c->case_id);
    rec_bind_text(q, i++, consent_purpose_code(c->purpose));
    rec_bind_text(q, i++, c->agency_kind);
    sqlite3_bind_int(q, i++, c->agreed ? 1 : 0);
    rec_bind_text(q, i++, consent_giver_code(c->given_by));
    rec_bind_text(q, i++, c->guardian_name);
    rec_bind_date(q, i++, caldate_valid(c->given_on), c->given_on);
    rec_bind_text(q, i++, c->language);
    sqlite3_bind_int(q, i++, c->interpreter_used ? 1 : 0);
    rec_bind_text(q, i++, c->interpreter_name);
    sqlite3_bind_int(q, i++, c->withdrawn ? 1 : 0);
    rec_bind_date(q, i, c->withdrawn, c->withdrawn_on);
}

static void read_consent(sqlite3_stmt *q, int first, void *rec)
{
    tc_consent *c = rec;
    consent_init(c);
    int i = first;
    store_column_copy(q, i++, c->case_id, sizeof c->case_id);
    const unsigned char *t = sqlite3_column_text(q, i++);
    if (!t || !consent_purpose_from_code((const char *)t, &c->purpose))
        c->purpose = CONSENT_PURPOSE_COUNT;     /* unknown: counts for nothing */
    store_column_copy(q, i++, c->agency_kind, sizeof c->agency_kind);
    c->agreed = sqlite3_column_int(q, i++) != 0;
    t = sqlite3_column_text(q, i++);
    if (!t || !consent_giver_from_code((const char *)t, &c->given_by))
        c->given_by = CONSENT_BY_PERSON;
    store_column_copy(q, i++, c->guardian_name, sizeof c->guardian_name);
    if (!rec_column_date(q, i++, &c->given_on))
        c->given_on = (caldate){ 0, 0, 0 };
    store_column_copy(q, i++, c->language, sizeof c->language);
    c->interpreter_used = sqlite3_column_int(q, i++) != 0;
    store_column_copy(q, i++, c->interpreter_name, sizeof c->interpreter_name);
    c->withdrawn = sqlite3_column_int(q, i++) != 0;
    if (!rec_column_date(q, i, &c->withdrawn_on))
        c->withdrawn_on = (caldate){ 0, 0, 0 };
}

static void put_consent_common(void *rec, const record_common *cm)
{
    tc_consent *c = rec;
    c->entry_withdrawn = cm->withdrawn;
    REC_COPY_STAMPS(c, cm);
}

static void get_consent_common(const void *rec, record_common *cm)
{
    const tc_consent *c = rec;
    memset(cm, 0, sizeof *cm);
    cm->withdrawn = c->entry_withdrawn;
    REC_COPY_STAMPS(cm, c);
}

const record_table consent_table = {
    "consents",
    "case_id, purpose, agency_kind, agreed, given_by, guardian_name, given_on, language,"
    " interpreter_used, interpreter_name, withdrawn, withdrawn_on",
    12, sizeof(tc_consent), bind_consent, read_consent, put_consent_common, get_consent_common,
};

/* The person's child flag on a date; an unknown date is today. */
static store_status child_on(store *s, const char *case_id, caldate on, bool *child)
{
    return store_case_child_on(s, case_id, caldate_valid(on) ? on : store_today(s), child);
}

/* consent_validate() as the store sees it: ST_INVALID only for a problem
 * that blocks; a warning is passed back with ST_OK. */
static store_status validate_consent(store *s, const tc_consent *c, consent_check *problem)
{
    bool child = false;
    store_status st = child_on(s, c->case_id, c->given_on, &child);
    if (st != ST_OK)
        return st;
    consent_check chk = consent_validate(c, agency_type_list(), child, store_today(s));
    if (problem)
        *problem = chk;
    return consent_problem_blocks(chk.problem) ? ST_INVALID : ST_OK;
}

static void clear_consent_problem(consent_check *problem)
{
    if (problem)
        *problem = (consent_check){ CONSENT_OK, NULL };
}

/* ---- add, get, withdraw, correct ---- */

static store_status add_in_tx(store *s, tc_consent *c, consent_check *problem)
{
    store_status st = validate_consent(s, c, problem);
    if (st != ST_OK)
        return st;
    return record_add(s, &consent_table, c, "consent.add");
}

store_status store_consent_add(store *s, tc_consent *c, consent_check *problem)
{
    clear_consent_problem(problem);
    if (!field_terminated(c->case_id, sizeof c->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, c->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_consent work = *c;
    work.entry_withdrawn = false;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, &work, problem));
    if (st == ST_OK)
        *c = work;
    return st;
}

store_status store_consent_get(store *s, const char *id, int version, tc_consent *out)
{
    store_status allowed = record_access(s, &consent_table, id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    record_common cm;
    return record_read(s, &consent_table, id, version, out, &cm);
}

static store_status withdraw_in_tx(store *s, const char *id, caldate on,
                                   consent_problem *problem)
{
    tc_consent cur, after;
    record_common cm;
    store_status st = record_read(s, &consent_table, id, 0, &cur, &cm);
    if (st != ST_OK)
        return st;
    consent_problem p = cur.entry_withdrawn ? CONSENT_ALREADY_WITHDRAWN
                                            : consent_withdraw(&cur, on, store_today(s), &after);
    if (problem)
        *problem = p;
    if (p != CONSENT_OK)
        return ST_INVALID;
    cm.version++;
    return record_write(s, &consent_table, &cm, &after, "withdraw_consent", NULL,
                        "consent.withdraw");
}

store_status store_consent_withdraw(store *s, const char *id, caldate on,
                                    consent_problem *problem)
{
    if (problem)
        *problem = CONSENT_OK;
    store_status allowed = record_access(s, &consent_table, id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, withdraw_in_tx(s, id, on, problem));
}

static store_status correct_in_tx(store *s, tc_consent *c, const char *reason,
                                  record_problem *change_problem, consent_check *problem)
{
    tc_consent cur;
    record_common next;
    store_status st = record_prepare_correction(s, &consent_table, c->id, reason, &cur, &next,
                                                change_problem);
    if (st != ST_OK)
        return st;
    /* A consent belongs to its case for good. */
    memcpy(c->case_id, cur.case_id, sizeof c->case_id);
    c->entry_withdrawn = false;
    st = validate_consent(s, c, problem);
    if (st == ST_OK)
        st = record_write(s, &consent_table, &next, c, "correct", reason, "record.correct");
    if (st == ST_OK)
        put_consent_common(c, &next);
    return st;
}

store_status store_consent_correct(store *s, tc_consent *c, const char *reason,
                                   record_problem *change_problem, consent_check *problem)
{
    clear_consent_problem(problem);
    if (change_problem)
        *change_problem = RECORD_OK;
    store_status allowed = record_access(s, &consent_table, c->id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_consent work = *c;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, correct_in_tx(s, &work, reason, change_problem, problem));
    if (st == ST_OK)
        *c = work;
    return st;
}

store_status store_consent_list(store *s, const char *case_id, tc_consent **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    void *arr = NULL;
    store_status st = record_select(s, &consent_table,
                                  "WHERE case_id = ?1 AND is_current = 1 ORDER BY"
                                  " (SELECT min(audit_seq) FROM consents f"
                                  " WHERE f.record_id = consents.record_id)",
                                  case_id, &arr, n);
    *out = arr;
    return st;
}

store_status store_consent_covers(store *s, const char *case_id, consent_purpose purpose,
                                  const char *agency_kind, caldate at_date, consent_cover *out)
{
    *out = CONSENT_NOT_COVERED;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    bool child = false;
    store_status st = child_on(s, case_id, at_date, &child);
    if (st != ST_OK)
        return st;
    tc_consent *records = NULL;
    size_t n = 0;
    st = store_consent_list(s, case_id, &records, &n);
    if (st == ST_OK)
        *out = consent_covers(records, n, purpose, agency_kind, at_date, child);
    free(records);
    return st;
}

/* ---- overrides ---- */

store_status consent_override_insert(store *s, const char *case_id, const consent_override *o,
                                     const char *action, const char *related_id,
                                     char id[TC_ID_LEN])
{
    int64_t seq = 0;
    store_new_id(id);
    store_status st = rec_audit(s, "consent.override", "consent_overrides", id, &seq);
    if (st != ST_OK)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    st = store_prepare(s,
        "INSERT INTO consent_overrides(id, case_id, purpose, agency_kind, reason, action,"
        " related_id, audit_seq, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?10)", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, case_id);
    rec_bind_text(q, 3, consent_purpose_code(o->purpose));
    rec_bind_text(q, 4, o->agency_kind);
    rec_bind_text(q, 5, o->reason);
    rec_bind_text(q, 6, action);
    rec_bind_text(q, 7, related_id);
    sqlite3_bind_int64(q, 8, seq);
    rec_bind_text(q, 9, now);
    rec_bind_text(q, 10, s->me.id);
    return store_step_done(s, q);
}

store_status store_consent_override(store *s, const char *case_id, consent_override *o,
                                    const char *action, const char *related_id,
                                    char id_out[TC_ID_LEN], consent_check *problem)
{
    clear_consent_problem(problem);
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    snprintf(o->officer_id, sizeof o->officer_id, "%s", s->me.id);
    consent_check chk = consent_override_validate(o);
    if (chk.problem == CONSENT_OK && !code_well_formed(action))
        chk = (consent_check){ CONSENT_PURPOSE_INVALID, "action" };
    if (chk.problem == CONSENT_OK
        && !field_terminated(o->agency_kind, sizeof o->agency_kind))
        chk = (consent_check){ CONSENT_AGENCY_KIND_UNKNOWN, "agency_kind" };
    if (problem)
        *problem = chk;
    if (chk.problem != CONSENT_OK)
        return ST_INVALID;
    char id[TC_ID_LEN];
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    st = store_case_exists(s, case_id);
    if (st == ST_OK)
        st = consent_override_insert(s, case_id, o, action, related_id, id);
    st = store_finish(s, st);
    if (st == ST_OK && id_out)
        memcpy(id_out, id, TC_ID_LEN);
    return st;
}

static void read_override(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    consent_override_row *r = elem;
    store_column_copy(q, 0, r->id, sizeof r->id);
    const unsigned char *t = sqlite3_column_text(q, 1);
    if (!t || !consent_purpose_from_code((const char *)t, &r->override.purpose))
        r->override.purpose = CONSENT_PURPOSE_COUNT;
    store_column_copy(q, 2, r->override.agency_kind, sizeof r->override.agency_kind);
    store_column_copy(q, 3, r->override.reason, sizeof r->override.reason);
    store_column_copy(q, 4, r->override.officer_id, sizeof r->override.officer_id);
    store_column_copy(q, 5, r->action, sizeof r->action);
    store_column_copy(q, 6, r->related_id, sizeof r->related_id);
    r->at = store_column_time(q, 7);
    store_column_copy(q, 8, r->officer_name, sizeof r->officer_name);
}

store_status store_consent_overrides(store *s, const char *case_id,
                                     consent_override_row **out, size_t *n)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    store_status st = store_prepare(s,
        "SELECT v.id, v.purpose, v.agency_kind, v.reason, v.created_by, v.action, v.related_id,"
        " v.created_at, o.name FROM consent_overrides v"
        " LEFT JOIN officers o ON o.id = v.created_by"
        " WHERE v.case_id = ?1 ORDER BY v.audit_seq DESC", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, case_id);
    void *arr = NULL;
    st = store_collect(s, q, sizeof **out, read_override, NULL, &arr, n);
    *out = arr;
    return st;
}
