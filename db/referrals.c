/* referrals.c - referrals in the store (db/referrals.h): making one,
 * moving it through its states with the consent gate at sending, its
 * events, the case's needs it answers, and the response-time settings.
 *
 * Every rule is core's (core/referral.h): this file reads what the rules
 * need, asks them, and writes what they decided, one transaction per
 * call.  The deadline a referral waits for is kept in due_at (NULL when
 * none) so that the dashboard (db/referral_dash.c) can walk an index. */
#include "config.h"
#include "db/referrals_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"
#include "core/msg.h"

/* A change of state may be recorded a little ahead of the laptop's clock
 * (as the clocks allow), never further. */
#define SECONDS_OF_SLACK 60

/* ============================================================== settings */

#define SETTING_KEY_MAX 48

static void setting_key(bool ack, referral_urgency u, char out[SETTING_KEY_MAX])
{
    snprintf(out, SETTING_KEY_MAX, "referral.%s.%s", ack ? "ack_hours" : "decision_hours",
             referral_urgency_code(u));
}

static int *setting_field(referral_settings *rs, bool ack, int u)
{
    return ack ? &rs->ack_hours[u] : &rs->decision_hours[u];
}

bool store_referral_setting_key(const char *key)
{
    char k[SETTING_KEY_MAX];
    for (int ack = 0; key && ack < 2; ack++)
        for (int u = 0; u < REFERRAL_URGENCY_COUNT; u++) {
            setting_key(ack, (referral_urgency)u, k);
            if (strcmp(key, k) == 0)
                return true;
        }
    return false;
}

/* A whole number of hours as store_referral_settings_set writes it. */
static bool parse_hours(const char *text, int *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < 1 || v > REFERRAL_HOURS_LIMIT)
        return false;
    *out = (int)v;
    return true;
}

store_status store_referral_settings(store *s, referral_settings *out)
{
    referral_settings_defaults(out);
    referral_settings read = *out;
    bool all_valid = true;
    for (int ack = 0; ack < 2; ack++)
        for (int u = 0; u < REFERRAL_URGENCY_COUNT; u++) {
            char key[SETTING_KEY_MAX], value[32];
            setting_key(ack, (referral_urgency)u, key);
            store_status st = store_setting_get(s, key, value, sizeof value);
            if (st == ST_NOT_FOUND)
                continue;
            if (st == ST_OK && !parse_hours(value, setting_field(&read, ack, u)))
                st = ST_INVALID;
            if (st == ST_INVALID)
                all_valid = false;
            else if (st != ST_OK)
                return st;
        }
    /* The generic setting command can store anything under these keys: a
     * deadline is never computed from times that fail the rules. */
    if (all_valid && referral_settings_check(&read) == REFERRAL_OK)
        *out = read;
    else
        store_set_error(s, "the stored referral settings are not valid; the defaults are used");
    return ST_OK;
}

/* The settings as one line of text: what due_at was computed with. */
static void settings_signature(const referral_settings *rs, char *out, size_t outsz)
{
    snprintf(out, outsz, "%d,%d,%d/%d,%d,%d", rs->ack_hours[0], rs->ack_hours[1],
             rs->ack_hours[2], rs->decision_hours[0], rs->decision_hours[1],
             rs->decision_hours[2]);
}

#define SIGNATURE_KEY "referral_due_settings"
#define SIGNATURE_MAX 96

/* Records that due_at was computed with rs.  replace false: only when no
 * signature is stored yet (the first referral of a store), so that the
 * first dashboard does not recompute what was just computed. */
static store_status write_signature(store *s, const referral_settings *rs, bool replace)
{
    char sig[SIGNATURE_MAX];
    settings_signature(rs, sig, sizeof sig);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, replace
                                    ? "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)"
                                    : "INSERT OR IGNORE INTO meta(key, value) VALUES(?1, ?2)",
                                    &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, SIGNATURE_KEY);
    rec_bind_text(q, 2, sig);
    return store_step_done(s, q);
}

typedef struct due_change {
    sqlite3_int64 rowid;
    int64_t due;
} due_change;

/* Every waiting referral's deadline again, with rs.  The rows are read
 * first and written after: an index must not change under its own walk. */
static store_status recompute_due_in_tx(store *s, const referral_settings *rs)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT rowid, " REFERRAL_COLUMNS
                                       " FROM referrals WHERE due_at IS NOT NULL", &q);
    if (st != ST_OK)
        return st;
    due_change *changes = NULL;
    size_t n = 0, cap = 0;
    tc_referral *r = malloc(sizeof *r);
    int rc = SQLITE_DONE;
    while (r && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            due_change *grown = realloc(changes, ncap * sizeof *grown);
            if (!grown)
                break;
            changes = grown, cap = ncap;
        }
        referral_read(q, 1, r);
        changes[n].rowid = sqlite3_column_int64(q, 0);
        if (referral_due(r, rs, &changes[n].due) != REFERRAL_WAIT_NONE)
            n++;
    }
    if (!r || (rc != SQLITE_DONE && rc != SQLITE_ROW))
        st = r ? store_status_from_sqlite(s, rc) : ST_NOMEM;
    else if (rc == SQLITE_ROW)
        st = ST_NOMEM;                      /* the array could not grow */
    sqlite3_finalize(q);
    free(r);
    if (st == ST_OK)
        st = store_prepare(s, "UPDATE referrals SET due_at = ?1 WHERE rowid = ?2", &q);
    for (size_t i = 0; st == ST_OK && i < n; i++) {
        sqlite3_bind_int64(q, 1, changes[i].due);
        sqlite3_bind_int64(q, 2, changes[i].rowid);
        st = store_step_reset(s, q);
    }
    sqlite3_finalize(q);
    free(changes);
    return st == ST_OK ? write_signature(s, rs, true) : st;
}

store_status referral_due_refresh(store *s)
{
    referral_settings rs;
    store_status st = store_referral_settings(s, &rs);
    if (st != ST_OK)
        return st;
    char want[SIGNATURE_MAX], have[SIGNATURE_MAX] = "";
    settings_signature(&rs, want, sizeof want);
    sqlite3_stmt *q = NULL;
    st = store_select_row(s, "SELECT value FROM meta WHERE key = ?1", SIGNATURE_KEY, &q);
    if (st == ST_OK) {
        store_column_copy(q, 0, have, sizeof have);
        sqlite3_finalize(q);
    } else if (st != ST_NOT_FOUND) {
        return st;
    }
    if (strcmp(want, have) == 0)
        return ST_OK;
    st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, recompute_due_in_tx(s, &rs));
}

static store_status settings_in_tx(store *s, const referral_settings *rs)
{
    store_status st = ST_OK;
    for (int ack = 0; st == ST_OK && ack < 2; ack++)
        for (int u = 0; st == ST_OK && u < REFERRAL_URGENCY_COUNT; u++) {
            char key[SETTING_KEY_MAX], value[16];
            setting_key(ack, (referral_urgency)u, key);
            snprintf(value, sizeof value, "%d", ack ? rs->ack_hours[u] : rs->decision_hours[u]);
            st = store_setting_write(s, key, value);
        }
    return st == ST_OK ? recompute_due_in_tx(s, rs) : st;
}

store_status store_referral_settings_set(store *s, const referral_settings *in,
                                         referral_problem *problem)
{
    if (problem)
        *problem = REFERRAL_OK;
    if (store_may(s, ACCESS_SETTINGS) != ST_OK)
        return ST_DENIED;
    referral_problem p = referral_settings_check(in);
    if (problem)
        *problem = p;
    if (p != REFERRAL_OK)
        return ST_INVALID;
    referral_settings work = *in;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, settings_in_tx(s, &work));
}

/* ================================================================== rows */

static int64_t column_time_or_zero(sqlite3_stmt *q, int col)
{
    return sqlite3_column_type(q, col) == SQLITE_NULL ? 0 : (int64_t)sqlite3_column_int64(q, col);
}

static void bind_time_or_null(sqlite3_stmt *q, int i, int64_t t)
{
    if (t != 0)
        sqlite3_bind_int64(q, i, (sqlite3_int64)t);
    else
        sqlite3_bind_null(q, i);
}

void referral_read(sqlite3_stmt *q, int first, tc_referral *r)
{
    referral_init(r);
    int i = first;
    store_column_copy(q, i++, r->id, sizeof r->id);
    store_column_copy(q, i++, r->case_id, sizeof r->case_id);
    store_column_copy(q, i++, r->agency_code, sizeof r->agency_code);
    const unsigned char *t = sqlite3_column_text(q, i++);
    if (!t || !need_set_parse((const char *)t, &r->needs))
        r->needs = 0;
    t = sqlite3_column_text(q, i++);
    if (!t || !referral_urgency_from_code((const char *)t, &r->urgency))
        r->urgency = REFERRAL_EMERGENCY;    /* core counts a damaged one as the shortest */
    t = sqlite3_column_text(q, i++);
    if (!t || !referral_channel_from_code((const char *)t, &r->channel))
        r->channel = REFERRAL_CHANNEL_COUNT;
    store_column_copy(q, i++, r->summary, sizeof r->summary);
    t = sqlite3_column_text(q, i++);
    if (!t || !referral_sections_parse((const char *)t, &r->shared))
        r->shared = 0;
    r->consent_overridden = sqlite3_column_int(q, i++) != 0;
    store_column_copy(q, i++, r->override_reason, sizeof r->override_reason);
    store_column_copy(q, i++, r->officer_id, sizeof r->officer_id);
    t = sqlite3_column_text(q, i++);
    if (!t || !referral_state_from_code((const char *)t, &r->state))
        r->state = REFERRAL_STATE_COUNT;
    store_column_copy(q, i++, r->state_reason, sizeof r->state_reason);
    r->sent_at = column_time_or_zero(q, i++);
    r->acknowledged_at = column_time_or_zero(q, i++);
    r->decided_at = column_time_or_zero(q, i++);
    r->service_at = column_time_or_zero(q, i++);
    r->ended_at = column_time_or_zero(q, i++);
    r->state_changed_at = column_time_or_zero(q, i++);
    r->created_at = store_column_time(q, i++);
    r->updated_at = store_column_time(q, i++);
    store_column_copy(q, i++, r->created_by, sizeof r->created_by);
    store_column_copy(q, i, r->updated_by, sizeof r->updated_by);
}

/* The columns referral_due() and the dashboard's order derive from r. */
typedef struct derived {
    bool has_due;
    int64_t due;
    int64_t since;
} derived;

static derived derive(const tc_referral *r, const referral_settings *rs)
{
    derived d = { false, 0, r->sent_at != 0 ? r->sent_at : r->created_at };
    d.has_due = referral_due(r, rs, &d.due) != REFERRAL_WAIT_NONE;
    return d;
}

static void bind_times(sqlite3_stmt *q, const tc_referral *r, const derived *d)
{
    char updated[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(r->updated_at, updated);
    rec_bind_text(q, 1, r->id);
    rec_bind_text(q, 2, referral_state_code(r->state));
    sqlite3_bind_int(q, 3, referral_state_is_open(r->state) ? 1 : 0);
    rec_bind_text(q, 4, r->state_reason);
    bind_time_or_null(q, 5, r->sent_at);
    bind_time_or_null(q, 6, r->acknowledged_at);
    bind_time_or_null(q, 7, r->decided_at);
    bind_time_or_null(q, 8, r->service_at);
    bind_time_or_null(q, 9, r->ended_at);
    sqlite3_bind_int64(q, 10, r->state_changed_at);
    if (d->has_due)
        sqlite3_bind_int64(q, 11, d->due);
    else
        sqlite3_bind_null(q, 11);
    sqlite3_bind_int64(q, 12, d->since);
    sqlite3_bind_int(q, 13, r->consent_overridden ? 1 : 0);
    rec_bind_text(q, 14, r->override_reason);
    rec_bind_text(q, 15, updated);
    rec_bind_text(q, 16, r->updated_by);
}

/* ?1..?16 as bind_times, then the content that never changes. */
static store_status insert_referral(store *s, const tc_referral *r, const derived *d,
                                    int64_t seq)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO referrals(id, state, is_open, state_reason, sent_at, acknowledged_at,"
        " decided_at, service_at, ended_at, state_changed_at, due_at, since_at,"
        " consent_overridden, override_reason, updated_at, updated_by, case_id, agency_code,"
        " needs, urgency, urgency_rank, channel, summary, shared, officer_id, audit_seq,"
        " created_at, created_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
        " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?15, ?16)", &q);
    if (st != ST_OK)
        return st;
    char needs[NEED_SET_TEXT_MAX], shared[REFERRAL_SECTIONS_TEXT_MAX];
    if (!need_set_format(r->needs, needs, sizeof needs))
        needs[0] = '\0';
    if (!referral_sections_format(r->shared, shared, sizeof shared))
        shared[0] = '\0';
    bind_times(q, r, d);
    rec_bind_text(q, 17, r->case_id);
    rec_bind_text(q, 18, r->agency_code);
    rec_bind_text(q, 19, needs);
    rec_bind_text(q, 20, referral_urgency_code(r->urgency));
    sqlite3_bind_int(q, 21, (int)r->urgency);
    rec_bind_text(q, 22, referral_channel_code(r->channel));
    rec_bind_text(q, 23, r->summary);
    rec_bind_text(q, 24, shared);
    rec_bind_text(q, 25, r->officer_id);
    sqlite3_bind_int64(q, 26, seq);
    return store_step_done(s, q);
}

static store_status update_referral(store *s, const tc_referral *r, const derived *d)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "UPDATE referrals SET state = ?2, is_open = ?3, state_reason = ?4, sent_at = ?5,"
        " acknowledged_at = ?6, decided_at = ?7, service_at = ?8, ended_at = ?9,"
        " state_changed_at = ?10, due_at = ?11, since_at = ?12, consent_overridden = ?13,"
        " override_reason = ?14, updated_at = ?15, updated_by = ?16 WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    bind_times(q, r, d);
    st = store_step_done(s, q);
    if (st == ST_OK && sqlite3_changes(s->db) != 1)
        st = ST_NOT_FOUND;
    return st;
}

/* One row of referral_events; from NULL for the referral's creation. */
static store_status insert_event(store *s, const tc_referral *r, const referral_state *from,
                                 referral_state to, int64_t at, const char *note, int64_t seq)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    store_new_id(id);
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO referral_events(id, referral_id, case_id, from_state, to_state, at,"
        " officer_id, note, audit_seq, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?7, ?7)", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, r->id);
    rec_bind_text(q, 3, r->case_id);
    rec_bind_text(q, 4, from ? referral_state_code(*from) : "");
    rec_bind_text(q, 5, referral_state_code(to));
    sqlite3_bind_int64(q, 6, at);
    rec_bind_text(q, 7, s->me.id);
    rec_bind_text(q, 8, note);
    sqlite3_bind_int64(q, 9, seq);
    rec_bind_text(q, 10, now);
    return store_step_done(s, q);
}

/* ================================================================= needs */

/* How far along the way to "provided" a need is.  Declined and unavailable
 * wait for someone to act, like identified: a referral that answers the
 * need is that act. */
static int need_rank(need_state st)
{
    switch (st) {
    case NEED_REFERRED: return 1;
    case NEED_IN_PROGRESS: return 2;
    case NEED_PROVIDED: return 3;
    default: return 0;
    }
}

static store_status insert_link(store *s, const char *referral_id, const char *need_id)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    store_new_id(id);
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO referral_needs(id, referral_id, need_id, created_at, updated_at,"
        " created_by, updated_by) VALUES(?1, ?2, ?3, ?4, ?4, ?5, ?5)", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, referral_id);
    rec_bind_text(q, 3, need_id);
    rec_bind_text(q, 4, now);
    rec_bind_text(q, 5, s->me.id);
    return store_step_done(s, q);
}

/* The case's need of kind k a referral answers: the earliest recorded
 * that is neither withdrawn nor provided, or NULL. */
static const tc_need *need_to_link(const tc_need *needs, size_t n, need_kind k)
{
    for (size_t i = 0; i < n; i++)
        if (needs[i].kind == k && !needs[i].entry_withdrawn && needs[i].state != NEED_PROVIDED)
            return &needs[i];
    return NULL;
}

/* A need of kind k recorded for the referral's case, as identified. */
static store_status add_need(store *s, const tc_referral *r, need_kind k, char id[TC_ID_LEN])
{
    tc_need *nd = malloc(sizeof *nd);
    if (!nd)
        return ST_NOMEM;
    need_init(nd);
    nd->kind = k;
    memcpy(nd->case_id, r->case_id, sizeof nd->case_id);
    record_common c;
    memset(&c, 0, sizeof c);
    store_status st = need_validate(nd).problem == NEED_OK ? ST_OK : ST_INVALID;
    if (st == ST_OK)
        st = record_write(s, &need_table, &c, nd, "add", NULL, "need.add");
    if (st == ST_OK)
        memcpy(id, c.id, TC_ID_LEN);
    free(nd);
    return st;
}

static store_status link_needs_in_tx(store *s, const tc_referral *r)
{
    void *arr = NULL;
    size_t n = 0;
    store_status st = record_select(s, &need_table,
                                    "WHERE case_id = ?1 AND is_current = 1 ORDER BY"
                                    " (SELECT min(audit_seq) FROM needs f"
                                    " WHERE f.record_id = needs.record_id)",
                                    r->case_id, &arr, &n);
    const tc_need *needs = arr;
    for (int k = 0; st == ST_OK && k < NEED_KIND_COUNT; k++) {
        if (!need_set_has(r->needs, (need_kind)k))
            continue;
        char id[TC_ID_LEN];
        const tc_need *found = need_to_link(needs, n, (need_kind)k);
        if (found)
            memcpy(id, found->id, sizeof id);
        else
            st = add_need(s, r, (need_kind)k, id);
        if (st == ST_OK)
            st = insert_link(s, r->id, id);
    }
    free(arr);
    return st;
}

typedef struct id_list {
    char (*ids)[TC_ID_LEN];
    size_t n;
} id_list;

static void read_id(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    store_column_copy(q, 0, elem, TC_ID_LEN);
}

static store_status linked_need_ids(store *s, const char *referral_id, id_list *out)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "SELECT need_id FROM referral_needs WHERE referral_id = ?1 ORDER BY rowid", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, referral_id);
    void *arr = NULL;
    st = store_collect(s, q, TC_ID_LEN, read_id, NULL, &arr, &out->n);
    out->ids = arr;
    return st;
}

/* Moves one linked need forward to `target` when the needs table allows
 * it; a need already as far (or moved by the officer) stays. */
static store_status move_need(store *s, const char *need_id, need_state target, tc_need *nd)
{
    record_common c;
    store_status st = record_read(s, &need_table, need_id, 0, nd, &c);
    if (st == ST_NOT_FOUND)
        return ST_OK;                       /* a link to a need not there: nothing to move */
    if (st != ST_OK || nd->entry_withdrawn || need_rank(target) <= need_rank(nd->state)
        || need_transition_check(nd, target, NULL) != NEED_OK)
        return st;
    nd->state = target;
    nd->unavailable_reason[0] = '\0';
    c.version++;
    return record_write(s, &need_table, &c, nd, "state", "", "need.state");
}

static store_status move_needs_in_tx(store *s, const tc_referral *r)
{
    need_state target;
    if (!referral_need_state(r->state, &target))
        return ST_OK;
    id_list ids = { NULL, 0 };
    store_status st = linked_need_ids(s, r->id, &ids);
    tc_need *nd = st == ST_OK ? malloc(sizeof *nd) : NULL;
    if (st == ST_OK && !nd)
        st = ST_NOMEM;
    for (size_t i = 0; st == ST_OK && i < ids.n; i++)
        st = move_need(s, ids.ids[i], target, nd);
    free(nd);
    free(ids.ids);
    return st;
}

static int need_kind_order(const void *a, const void *b)
{
    const tc_need *x = a, *y = b;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* The case a referral is about (store_case_access_by). */
#define REFERRAL_CASE "SELECT case_id FROM referrals WHERE id = ?1"

store_status store_referral_needs(store *s, const char *referral_id, tc_need **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access_by(s, REFERRAL_CASE, referral_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    void *arr = NULL;
    store_status st = record_select(s, &need_table,
                                    "WHERE is_current = 1 AND record_id IN"
                                    " (SELECT need_id FROM referral_needs WHERE referral_id = ?1)",
                                    referral_id, &arr, n);
    *out = arr;
    if (st == ST_OK && *n > 1)
        qsort(*out, *n, sizeof **out, need_kind_order);
    return st;
}

/* ================================================================ gate */

/* The gate for agency a, as store_referral_gate(). */
static store_status gate_for(store *s, const char *case_id, const tc_agency *a, int64_t at,
                             const char *override_reason, referral_gate *out)
{
    caldate on = caldate_from_timestamp(at, s->clock.utc_offset);
    bool child = false;
    store_status st = store_case_child_on(s, case_id, on, &child);
    tc_consent *records = NULL;
    size_t n = 0;
    if (st == ST_OK)
        st = store_consent_list(s, case_id, &records, &n);
    if (st == ST_OK)
        *out = referral_consent_gate(a, records, n, on, child, override_reason);
    free(records);
    return st;
}

store_status store_referral_gate(store *s, const char *case_id, const char *agency_code,
                                 int64_t at, const char *override_reason, referral_gate *out)
{
    memset(out, 0, sizeof *out);
    if (!case_id || !field_terminated(case_id, TC_ID_LEN))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    tc_agency *a = malloc(sizeof *a);
    if (!a)
        return ST_NOMEM;
    store_status st = agency_current(s, agency_code, a, NULL);
    if (st == ST_OK)
        st = gate_for(s, case_id, a, at, override_reason, out);
    free(a);
    return st;
}

/* One consent override per purpose the gate found not covered. */
static store_status write_overrides(store *s, const tc_referral *r, const tc_agency *a,
                                    const referral_gate *g)
{
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < g->count; i++) {
        if (g->covers[i] == CONSENT_COVERED)
            continue;
        consent_override o;
        memset(&o, 0, sizeof o);
        o.purpose = g->purposes[i];
        if (o.purpose == CONSENT_REFERRAL)
            snprintf(o.agency_kind, sizeof o.agency_kind, "%s", agency_type_code(a->type));
        snprintf(o.reason, sizeof o.reason, "%s", r->override_reason);
        snprintf(o.officer_id, sizeof o.officer_id, "%s", s->me.id);
        char id[TC_ID_LEN];
        st = consent_override_insert(s, r->case_id, &o, "referral_send", r->id, id);
    }
    return st;
}

/* ========================================================= state changes */

typedef struct change_request {
    referral_state to;
    const char *reason;
    int64_t at;
    const char *override_reason;
    referral_check problem;         /* out */
    referral_gate *gate;            /* out, may be NULL */
} change_request;

static store_status refuse(change_request *rq, referral_problem p, const char *field)
{
    rq->problem = (referral_check){ p, field };
    return ST_INVALID;
}

/* Sending: the gate at rq->at, the override it may need, core's send
 * check.  r is the draft; on ST_OK it carries the override, if any. */
static store_status check_send(store *s, tc_referral *r, const tc_agency *a, change_request *rq,
                               referral_gate *g)
{
    store_status st = gate_for(s, r->case_id, a, rq->at, rq->override_reason, g);
    if (st != ST_OK)
        return st;
    if (rq->gate)
        *rq->gate = *g;
    r->consent_overridden = g->overridden;
    snprintf(r->override_reason, sizeof r->override_reason, "%s",
             g->overridden && rq->override_reason ? rq->override_reason : "");
    referral_check chk = referral_send_check(r, a, g);
    return chk.problem == REFERRAL_OK ? ST_OK : refuse(rq, chk.problem, chk.field);
}

/* Applies rq to r (read from the store) and writes it, its event, the
 * overrides and the needs. */
static store_status change_in_tx(store *s, tc_referral *r, change_request *rq)
{
    tc_referral moved = *r;
    referral_event ev;
    referral_problem p = referral_change_state(&moved, rq->to, rq->reason, rq->at, s->me.id,
                                               &ev);
    if (p != REFERRAL_OK)
        return refuse(rq, p, p == REFERRAL_TRANSITION_REFUSED || p == REFERRAL_SAME_STATE
                                 || p == REFERRAL_STATE_INVALID ? "state" : "state_reason");
    int64_t now = tc_now(&s->clock);
    if (rq->at > now + SECONDS_OF_SLACK)
        return refuse(rq, REFERRAL_TIME_IN_FUTURE, "at");
    tc_agency *a = malloc(sizeof *a);
    if (!a)
        return ST_NOMEM;
    referral_gate g;
    memset(&g, 0, sizeof g);
    store_status st = ST_OK;
    if (rq->to == REFERRAL_SENT) {
        st = agency_current(s, r->agency_code, a, NULL);
        if (st == ST_OK)
            st = check_send(s, r, a, rq, &g);
        moved.consent_overridden = r->consent_overridden;
        memcpy(moved.override_reason, r->override_reason, sizeof moved.override_reason);
    }
    if (st == ST_OK && g.overridden)
        st = write_overrides(s, &moved, a, &g);
    free(a);
    referral_settings rs;
    if (st == ST_OK)
        st = store_referral_settings(s, &rs);
    int64_t seq = 0;
    if (st == ST_OK)
        st = rec_audit(s, "referral.state", "referrals", moved.id, &seq);
    moved.updated_at = now;
    derived d = derive(&moved, &rs);
    if (st == ST_OK)
        st = update_referral(s, &moved, &d);
    if (st == ST_OK)
        st = insert_event(s, &moved, &ev.from, ev.to, ev.at, ev.note, seq);
    if (st == ST_OK)
        st = move_needs_in_tx(s, &moved);
    if (st == ST_OK)
        *r = moved;
    return st;
}

static store_status read_referral(store *s, const char *id, tc_referral *out)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT " REFERRAL_COLUMNS
                                          " FROM referrals WHERE id = ?1", id, &q);
    if (st != ST_OK)
        return st;
    referral_read(q, 0, out);
    sqlite3_finalize(q);
    return ST_OK;
}

store_status store_referral_change_state(store *s, const char *id, referral_state to,
                                         const char *reason, int64_t at,
                                         const char *override_reason,
                                         referral_problem *problem, referral_gate *gate)
{
    if (problem)
        *problem = REFERRAL_OK;
    if (gate)
        memset(gate, 0, sizeof *gate);
    if (!id || !field_terminated(id, TC_ID_LEN))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access_by(s, REFERRAL_CASE, id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_referral *r = malloc(sizeof *r);
    if (!r)
        return ST_NOMEM;
    change_request rq = { to, reason, at, override_reason, { REFERRAL_OK, NULL }, gate };
    store_status st = store_begin(s);
    if (st == ST_OK) {
        st = read_referral(s, id, r);
        if (st == ST_OK)
            st = change_in_tx(s, r, &rq);
        st = store_finish(s, st);
    }
    if (problem)
        *problem = rq.problem.problem;
    free(r);
    return st;
}

/* ================================================================= adding */

static store_status check_officer(store *s, const char *officer_id)
{
    if (strcmp(officer_id, s->me.id) == 0)
        return ST_OK;
    tc_officer o;
    store_status st = store_officer_get(s, officer_id, &o);
    return st == ST_NOT_FOUND ? ST_INVALID : st;
}

static store_status add_in_tx(store *s, tc_referral *r, bool send, change_request *rq)
{
    store_status st = store_case_exists(s, r->case_id);
    if (st != ST_OK)
        return st;
    st = check_officer(s, r->officer_id);
    if (st == ST_INVALID)
        return refuse(rq, REFERRAL_OFFICER_MISSING, "officer_id");
    tc_agency *a = st == ST_OK ? malloc(sizeof *a) : NULL;
    if (st == ST_OK && !a)
        st = ST_NOMEM;
    if (st == ST_OK)
        st = agency_current(s, r->agency_code, a, NULL);
    bool active = st == ST_OK && a->active;
    free(a);
    if (st != ST_OK)
        return st;
    if (!active)
        return refuse(rq, REFERRAL_AGENCY_INACTIVE, "agency_code");
    int64_t seq = 0;
    referral_settings rs;
    st = store_referral_settings(s, &rs);
    if (st == ST_OK)
        st = write_signature(s, &rs, false);
    if (st == ST_OK)
        st = rec_audit(s, "referral.add", "referrals", r->id, &seq);
    derived d = derive(r, &rs);
    if (st == ST_OK)
        st = insert_referral(s, r, &d, seq);
    if (st == ST_OK)
        st = insert_event(s, r, NULL, REFERRAL_DRAFT, r->created_at, "", seq);
    if (st == ST_OK)
        st = link_needs_in_tx(s, r);
    if (st == ST_OK && send)
        st = change_in_tx(s, r, rq);
    return st;
}

/* The draft as it is first written: the officer's content, nothing else. */
static void start_draft(store *s, tc_referral *r)
{
    int64_t now = tc_now(&s->clock);
    store_new_id(r->id);
    if (!r->officer_id[0])
        snprintf(r->officer_id, sizeof r->officer_id, "%s", s->me.id);
    r->state = REFERRAL_DRAFT;
    r->consent_overridden = false;
    r->override_reason[0] = '\0';
    r->state_reason[0] = '\0';
    r->sent_at = r->acknowledged_at = r->decided_at = r->service_at = r->ended_at = 0;
    r->state_changed_at = r->created_at = r->updated_at = now;
    snprintf(r->created_by, sizeof r->created_by, "%s", s->me.id);
    snprintf(r->updated_by, sizeof r->updated_by, "%s", s->me.id);
}

store_status store_referral_add(store *s, tc_referral *r, bool send,
                                const char *override_reason, referral_check *problem,
                                referral_gate *gate)
{
    if (problem)
        *problem = (referral_check){ REFERRAL_OK, NULL };
    if (gate)
        memset(gate, 0, sizeof *gate);
    if (!field_terminated(r->case_id, sizeof r->case_id)
        || !field_terminated(r->officer_id, sizeof r->officer_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, r->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_referral *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *r;
    start_draft(s, work);
    change_request rq = { REFERRAL_SENT, NULL, work->created_at, override_reason,
                          { REFERRAL_OK, NULL }, gate };
    rq.problem = referral_validate(work);
    store_status st = rq.problem.problem == REFERRAL_OK ? store_begin(s) : ST_INVALID;
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, work, send, &rq));
    if (problem)
        *problem = rq.problem;
    if (st == ST_OK)
        *r = *work;
    free(work);
    return st;
}

/* =============================================================== reading */

/* An id prefix as lists print it: 8 or more of 0-9, a-f and '-', folded
 * to lower case into out. */
static bool id_prefix(const char *in, char out[TC_ID_LEN])
{
    size_t n = in ? strlen(in) : 0;
    if (n < 8 || n >= TC_ID_LEN)
        return false;
    for (size_t i = 0; i <= n; i++) {
        char c = in[i];
        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (i < n && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'))
            return false;
        out[i] = c;
    }
    return true;
}

store_status store_referral_get(store *s, const char *id_or_prefix, tc_referral *out)
{
    char prefix[TC_ID_LEN], upper[TC_ID_LEN + 1];
    if (!id_prefix(id_or_prefix, prefix))
        return ST_NOT_FOUND;
    /* Every id starting with the prefix sorts between it and the prefix
     * followed by DEL (ids are ASCII below DEL): one range of the key. */
    snprintf(upper, sizeof upper, "%s\x7f", prefix);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT " REFERRAL_COLUMNS " FROM referrals"
                                       " WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, prefix);
    rec_bind_text(q, 2, upper);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        referral_read(q, 0, out);
        rc = sqlite3_step(q);
        /* Two ids with that prefix: ambiguous, unless it was a whole id. */
        if (rc == SQLITE_ROW && strcmp(out->id, prefix) != 0)
            st = ST_NOT_FOUND;
        else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            st = store_status_from_sqlite(s, rc);
    } else {
        st = rc == SQLITE_DONE ? ST_NOT_FOUND : store_status_from_sqlite(s, rc);
    }
    sqlite3_finalize(q);
    /* Found by a prefix, so its case is known only now: a referral the
     * officer may not read is given back as nothing. */
    if (st == ST_OK)
        st = store_case_access(s, out->case_id, ACCESS_CASE_READ);
    if (st != ST_OK)
        memset(out, 0, sizeof *out);
    return st;
}

static void read_listed(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    referral_read(q, 0, elem);
}

store_status store_referral_list_case(store *s, const char *case_id, tc_referral **out,
                                      size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT " REFERRAL_COLUMNS " FROM referrals"
                                       " WHERE case_id = ?1 ORDER BY audit_seq DESC", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, case_id);
    void *arr = NULL;
    st = store_collect(s, q, sizeof **out, read_listed, NULL, &arr, n);
    *out = arr;
    return st;
}

static void read_event(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    referral_event_row *row = elem;
    referral_event *e = &row->event;
    store_column_copy(q, 0, e->referral_id, sizeof e->referral_id);
    const unsigned char *from = sqlite3_column_text(q, 1);
    const unsigned char *to = sqlite3_column_text(q, 2);
    row->created = !from || !*from;
    if (!to || !referral_state_from_code((const char *)to, &e->to))
        e->to = REFERRAL_STATE_COUNT;
    if (row->created)
        e->from = REFERRAL_DRAFT;
    else if (!referral_state_from_code((const char *)from, &e->from))
        e->from = REFERRAL_STATE_COUNT;
    e->at = (int64_t)sqlite3_column_int64(q, 3);
    store_column_copy(q, 4, e->officer_id, sizeof e->officer_id);
    store_column_copy(q, 5, e->note, sizeof e->note);
    store_column_copy(q, 6, row->officer_name, sizeof row->officer_name);
}

store_status store_referral_events(store *s, const char *referral_id,
                                   referral_event_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access_by(s, REFERRAL_CASE, referral_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "SELECT e.referral_id, e.from_state, e.to_state, e.at, e.officer_id, e.note, o.name"
        " FROM referral_events e LEFT JOIN officers o ON o.id = e.officer_id"
        " WHERE e.referral_id = ?1 ORDER BY e.audit_seq, e.rowid", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, referral_id);
    void *arr = NULL;
    st = store_collect(s, q, sizeof **out, read_event, NULL, &arr, n);
    *out = arr;
    return st;
}

const char *store_referral_problem_text(referral_problem p)
{
    if (p == REFERRAL_TIME_IN_FUTURE)
        return N_("A change of a referral cannot be dated later than now.");
    return referral_problem_text(p);
}
