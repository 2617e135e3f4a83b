/* exchange_send.c - exchange_handover: gather what consent covers, seal it
 * for the peer, and remember it was sent (db/exchange.h). */
#include "config.h"
#include "db/exchange_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"

/* Everything one hand-over holds while it is made. */
typedef struct sending {
    store *s;
    exch_peer peer;
    exch_profile profile;
    bundle_payload payload;
    exch_handover_result *res;
    exch_refusal *r;
    exch_item_choice items;
    char *case_ids;             /* comma list, for the bundle row */
    size_t case_ids_cap;
} sending;

/* ------------------------------------------------------------ consent */

static store_status covered(sending *w, const char *case_id, consent_purpose purpose,
                            consent_cover *cover)
{
    const char *kind = w->peer.kind[0] ? w->peer.kind : CONSENT_ANY_AGENCY;
    return store_consent_covers(w->s, case_id, purpose, kind, store_today(w->s), cover);
}

/* The recipient's consent must cover the case, or nothing goes. */
static store_status require_consent(sending *w, const exch_handover_case *c,
                                    consent_purpose purpose)
{
    consent_cover cover;
    store_status st = covered(w, c->case_id, purpose, &cover);
    if (st != ST_OK)
        return st;
    if (cover == CONSENT_COVERED)
        return ST_OK;
    exch_refuse(w->r, EXCH_NO_CONSENT, c->reference);
    w->r->cover = cover;
    return ST_INVALID;
}

/* --------------------------------------------------------- full profile */

static store_status section_allowed(sending *w, const char *case_id, exch_section sec,
                                    bool *yes)
{
    consent_purpose extra = exch_section_extra_purpose(sec);
    *yes = true;
    if (extra == CONSENT_PURPOSE_COUNT)
        return ST_OK;
    consent_cover cover;
    store_status st = covered(w, case_id, extra, &cover);
    *yes = cover == CONSENT_COVERED;
    return st;
}

static store_status rows_held(sending *w, const exch_table *t, const char *case_id, bool *any)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s", t->name, t->of_case);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(w->s, sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
    sqlite3_int64 n = 0;
    st = store_step_count(w->s, q, &n);
    *any = n > 0;
    return st;
}

static store_status gather_full(sending *w, exch_handover_case *c)
{
    store_status st = require_consent(w, c, exch_recipient_purpose(w->peer.kind));
    for (size_t i = 0; st == ST_OK && i < exch_table_count; i++) {
        const exch_table *t = &exch_tables[i];
        bool allowed;
        st = section_allowed(w, c->case_id, t->section, &allowed);
        if (st != ST_OK)
            break;
        if (!allowed) {
            bool any = false;
            st = rows_held(w, t, c->case_id, &any);
            if (any)
                c->left_out |= 1u << t->section;
            continue;
        }
        size_t before = c->n_records;
        st = exch_rows_append(w->s, t, c->case_id, &w->payload, &c->n_records);
        if (c->n_records > before)
            c->sections |= 1u << t->section;
    }
    return st;
}

/* --------------------------------------------------- cross-border items */

/* The values of the items one case can give: what its record holds, no
 * more (a question it cannot answer gives ""). */
typedef struct xb_values {
    char v[EXCH_ITEM_COUNT][160];
} xb_values;

static void first_row_text(store *s, const char *sql, const char *case_id, char *out,
                           size_t outsz, int cols, char (*more)[160])
{
    sqlite3_stmt *q = NULL;
    out[0] = '\0';
    if (store_select_row(s, sql, case_id, &q) != ST_OK)
        return;
    store_column_copy(q, 0, out, outsz);
    for (int i = 1; i < cols; i++)
        store_column_copy(q, i, more[i - 1], 160);
    sqlite3_finalize(q);
}

static void month_of(const char *iso, char *out, size_t outsz)
{
    snprintf(out, outsz, "%.7s", strlen(iso) >= 7 ? iso : "");
}

static void person_values(const tc_case *c, int utc_offset, xb_values *x)
{
    caldate at = c->date_met;
    int age = c->date_met_known ? case_age_today(c, at, utc_offset) : -1;
    snprintf(x->v[EXCH_ITEM_SEX], 160, "%s", sex_code(c->sex));
    snprintf(x->v[EXCH_ITEM_AGE_BAND], 160, "%s", exch_age_band(age));
    snprintf(x->v[EXCH_ITEM_CHILD], 160, "%s", age < 0 ? "" : age < 18 ? "child" : "adult");
    x->v[EXCH_ITEM_NATIONALITY][0] = '\0';
    for (int i = 0; i < c->n_nationalities; i++) {
        size_t len = strlen(x->v[EXCH_ITEM_NATIONALITY]);
        snprintf(x->v[EXCH_ITEM_NATIONALITY] + len, 160 - len, "%s%s", i ? "," : "",
                 c->nationalities[i]);
    }
    snprintf(x->v[EXCH_ITEM_COUNTRY_IDENTIFIED], 160, "%s", AGENCY_HOME_COUNTRY);
    snprintf(x->v[EXCH_ITEM_PROVINCE], 160, "%s", c->province);
    snprintf(x->v[EXCH_ITEM_ENTRY_POINT], 160, "%s", c->entry_point);
    if (c->date_met_known) {
        char iso[CALDATE_ISO_LEN];
        caldate_format_iso(c->date_met, iso);
        month_of(iso, x->v[EXCH_ITEM_MONTH_MET], 160);
    }
}

static void record_values(store *s, const char *id, xb_values *x)
{
    char decided[160] = "", more[6][160];
    memset(more, 0, sizeof more);
    first_row_text(s, "SELECT outcome, coalesce(decided_on, '') FROM identifications"
                      " WHERE case_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1",
                   id, x->v[EXCH_ITEM_IDENTIFICATION], 160, 2, more);
    snprintf(decided, sizeof decided, "%s", more[0]);
    month_of(decided, x->v[EXCH_ITEM_MONTH_IDENTIFIED], 160);
    first_row_text(s, "SELECT exploitation, sector, recruitment, origin, exploitation_country,"
                      " crossing FROM intakes WHERE case_id = ?1 AND is_current = 1"
                      " AND entry_withdrawn = 0 LIMIT 1",
                   id, x->v[EXCH_ITEM_EXPLOITATION], 160, 6, more);
    snprintf(x->v[EXCH_ITEM_SECTOR], 160, "%s", more[0]);
    snprintf(x->v[EXCH_ITEM_RECRUITMENT], 160, "%s", more[1]);
    snprintf(x->v[EXCH_ITEM_ORIGIN], 160, "%s", more[2]);
    snprintf(x->v[EXCH_ITEM_EXPLOITATION_COUNTRY], 160, "%s", more[3]);
    snprintf(x->v[EXCH_ITEM_CROSSING], 160, "%s", more[4]);
    first_row_text(s, "SELECT coalesce(group_concat(kind), '') FROM (SELECT DISTINCT kind"
                      " FROM needs WHERE case_id = ?1 AND is_current = 1 AND entry_withdrawn = 0"
                      " ORDER BY kind)", id, x->v[EXCH_ITEM_NEEDS], 160, 1, more);
    first_row_text(s, "SELECT state, country FROM repatriations WHERE case_id = ?1"
                      " AND is_current = 1 AND entry_withdrawn = 0 LIMIT 1",
                   id, x->v[EXCH_ITEM_REPATRIATION], 160, 2, more);
    snprintf(x->v[EXCH_ITEM_REPATRIATION_COUNTRY], 160, "%s", more[0]);
    first_row_text(s, "SELECT CASE WHEN closed THEN 'closed:' || outcome ELSE 'active' END"
                      " FROM reintegrations WHERE case_id = ?1 AND is_current = 1"
                      " AND entry_withdrawn = 0 LIMIT 1",
                   id, x->v[EXCH_ITEM_REINTEGRATION], 160, 1, more);
}

static store_status gather_profile(sending *w, exch_handover_case *c, const tc_case *rec)
{
    store_status st = require_consent(w, c, CONSENT_SHARE_CROSS_BORDER);
    if (st != ST_OK)
        return st;
    xb_values *x = calloc(1, sizeof *x);
    if (!x)
        return ST_NOMEM;
    person_values(rec, store_clock(w->s)->utc_offset, x);
    record_values(w->s, c->case_id, x);
    const char *names[EXCH_ITEMS_MAX + 1], *values[EXCH_ITEMS_MAX + 1];
    for (size_t i = 0; i < w->items.n; i++) {
        names[i] = exch_item_code(w->items.items[i]);
        values[i] = x->v[w->items.items[i]];
    }
    names[w->items.n] = EXCH_CASE_FIELD;
    values[w->items.n] = c->case_id;
    bool ok = bundle_add_item(&w->payload, EXCH_PROFILE_TABLE, c->case_id, names, values,
                              w->items.n + 1);
    sodium_memzero(x, sizeof *x);
    free(x);
    if (!ok)
        return ST_NOMEM;
    c->n_records = 1;
    c->sections = 1u << EXCH_SECTION_PERSON;
    return ST_OK;
}

static store_status load_items(sending *w)
{
    char text[EXCH_ITEMS_TEXT_MAX * 2];
    store_status st = store_setting_get(w->s, EXCH_SETTING_CROSSBORDER_ITEMS, text, sizeof text);
    if (st == ST_NOT_FOUND || (st == ST_OK && !text[0])) {
        exch_refuse(w->r, EXCH_ITEMS_NOT_SET, NULL);
        return ST_INVALID;
    }
    if (st != ST_OK)
        return st;
    char bad[EXCH_DETAIL_MAX + 1] = "";
    exch_items_problem p = exch_items_parse(text, &w->items, bad, sizeof bad);
    if (p != EXCH_ITEMS_OK) {
        exch_refuse(w->r, EXCH_ITEMS_INVALID, bad);
        w->r->items = p;
        return ST_INVALID;
    }
    return ST_OK;
}

/* ------------------------------------------------------------- the cases */

/* Whether the result already holds the case (named twice: it goes once). */
static bool already_added(const sending *w, const char *case_id)
{
    for (size_t i = 0; i < w->res->n_cases; i++)
        if (!strcmp(w->res->cases[i].case_id, case_id))
            return true;
    return false;
}

static store_status add_case(sending *w, const char *id_or_ref, exch_handover_case *c)
{
    tc_case *rec = malloc(sizeof *rec);
    if (!rec)
        return ST_NOMEM;
    store_status st = store_case_get(w->s, id_or_ref, rec);
    if (st == ST_NOT_FOUND) {
        exch_refuse(w->r, EXCH_CASE_UNKNOWN, id_or_ref);
        st = ST_INVALID;
    }
    if (st == ST_OK) {
        snprintf(c->case_id, sizeof c->case_id, "%s", rec->id);
        snprintf(c->reference, sizeof c->reference, "%s", rec->reference);
        if (already_added(w, rec->id))
            st = ST_DUPLICATE;
    }
    if (st == ST_OK)
        st = w->profile == EXCH_PROFILE_CROSS_BORDER ? gather_profile(w, c, rec)
                                                     : gather_full(w, c);
    sodium_memzero(rec, sizeof *rec);
    free(rec);
    return st;
}

static store_status add_meta(sending *w)
{
    char name[IDENTITY_NAME_MAX + 1];
    if (store_setting_get(w->s, EXCH_SETTING_STORE_NAME, name, sizeof name) != ST_OK)
        snprintf(name, sizeof name, "tipcase %s", store_code(w->s));
    const char *names[] = { "store_code", "store_name", "profile", "cases" };
    const char *values[] = { store_code(w->s), name,
                             w->profile == EXCH_PROFILE_CROSS_BORDER ? "cross_border" : "full",
                             w->case_ids };
    return bundle_add_item(&w->payload, EXCH_META_TABLE, "meta", names, values, 4) ? ST_OK
                                                                                     : ST_NOMEM;
}

static store_status record_sent(sending *w, const bundle_header *h)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    int64_t seq = 0;
    store_new_id(id);
    store_status st = rec_audit(w->s, "exchange.send", "exchange_bundles", id, &seq);
    for (size_t i = 0; st == ST_OK && i < w->res->n_cases; i++)
        st = store_audit(w->s, "case.handover", "cases", w->res->cases[i].case_id);
    if (st != ST_OK)
        return st;
    store_now_iso(w->s, now);
    sqlite3_stmt *q = NULL;
    st = store_prepare(w->s, "INSERT INTO exchange_bundles(id, bundle_id, direction, peer_id,"
                             " peer_store_code, profile, case_ids, n_cases, n_rows,"
                             " bundle_created_at, audit_seq, created_at, updated_at, created_by,"
                             " updated_by) VALUES(?1, ?2, 'sent', ?3, '', ?4, ?5, ?6, ?7, ?8, ?9,"
                             " ?10, ?10, ?11, ?11)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, h->id_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, w->peer.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, w->profile == EXCH_PROFILE_CROSS_BORDER ? "cross_border" : "full",
                      -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, w->case_ids, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)w->res->n_cases);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)w->res->n_records);
    sqlite3_bind_int64(q, 8, h->created_at);
    sqlite3_bind_int64(q, 9, seq);
    sqlite3_bind_text(q, 10, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 11, w->s->me.id, -1, SQLITE_STATIC);
    return store_step_done(w->s, q);
}

static store_status find_peer(sending *w, const char *to)
{
    store_status st = exchange_peer_find(w->s, to, &w->peer, w->r);
    if (st == ST_OK && w->peer.retired) {
        exch_refuse(w->r, EXCH_PEER_UNKNOWN, to);
        st = ST_NOT_FOUND;
    }
    return st == ST_NOT_FOUND ? ST_INVALID : st;
}

static store_status gather_cases(sending *w, const char *const *cases, size_t n_cases)
{
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < n_cases; i++) {
        exch_handover_case c;
        memset(&c, 0, sizeof c);
        st = add_case(w, cases[i], &c);
        if (st == ST_DUPLICATE) {
            st = ST_OK;
            continue;
        }
        if (st != ST_OK)
            break;
        size_t len = strlen(w->case_ids);   /* room for every case: see exchange_handover */
        snprintf(w->case_ids + len, w->case_ids_cap - len, "%s%s", len ? "," : "", c.case_id);
        w->res->cases[w->res->n_cases++] = c;
        w->res->n_records += c.n_records;
    }
    return st;
}

static store_status seal(sending *w, uint8_t **file, size_t *file_len)
{
    identity_keys *me = NULL;
    store_status st = exch_identity_load(w->s, true, &me);
    if (st != ST_OK)
        return st;
    bundle_header h;
    bundle_status bs = bundle_seal(me, &w->peer.pub, &w->payload, tc_now(store_clock(w->s)),
                                   file, file_len, &h);
    identity_keys_free(me);
    if (bs != BUNDLE_OK) {
        exch_refuse(w->r, EXCH_BUNDLE_REFUSED, NULL);
        w->r->bundle = bs;
        return bs == BUNDLE_NOMEM ? ST_NOMEM : ST_INVALID;
    }
    snprintf(w->res->bundle_id, sizeof w->res->bundle_id, "%s", h.id_text);
    st = record_sent(w, &h);
    if (st != ST_OK) {
        free(*file);
        *file = NULL;
        *file_len = 0;
    }
    return st;
}

store_status exchange_handover(store *s, const char *const *cases, size_t n_cases,
                               const char *to, exch_profile profile,
                               uint8_t **file, size_t *file_len,
                               exch_handover_result *res, exch_refusal *r)
{
    exch_refusal ignored;
    if (!r)
        r = &ignored;
    exch_refuse(r, EXCH_OK, NULL);
    memset(res, 0, sizeof *res);
    *file = NULL;
    *file_len = 0;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK || exch_refuse_demo(s, r) != ST_OK)
        return ST_DENIED;
    if (!n_cases) {
        exch_refuse(r, EXCH_NO_CASES, NULL);
        return ST_INVALID;
    }
    sending *w = calloc(1, sizeof *w);
    res->cases = calloc(n_cases, sizeof *res->cases);
    char *ids = calloc(n_cases, TC_ID_LEN + 1);
    if (!w || !res->cases || !ids) {
        free(w);
        free(ids);
        exchange_handover_result_free(res);
        return ST_NOMEM;
    }
    w->s = s;
    w->case_ids = ids;
    w->case_ids_cap = n_cases * (TC_ID_LEN + 1);
    w->profile = profile;
    w->res = res;
    w->r = r;
    store_status st = find_peer(w, to);
    if (st == ST_OK)
        st = store_begin(s);
    if (st == ST_OK) {
        if (profile == EXCH_PROFILE_CROSS_BORDER)
            st = load_items(w);
        if (st == ST_OK)
            st = gather_cases(w, cases, n_cases);
        if (st == ST_OK)
            st = add_meta(w);
        if (st == ST_OK)
            st = seal(w, file, file_len);
        res->n_items = profile == EXCH_PROFILE_CROSS_BORDER ? w->items.n : 0;
        st = store_finish(s, st);
    }
    bundle_payload_free(&w->payload);
    free(w->case_ids);
    free(w);
    if (st != ST_OK) {
        free(*file);
        *file = NULL;
        *file_len = 0;
        exchange_handover_result_free(res);
    }
    return st;
}

void exchange_handover_result_free(exch_handover_result *res)
{
    if (!res)
        return;
    free(res->cases);
    memset(res, 0, sizeof *res);
}
