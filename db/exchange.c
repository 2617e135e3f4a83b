/* exchange.c - the store's identity, its peers, the refusal messages and
 * the bundle history (db/exchange.h). */
#include "config.h"
#include "db/exchange_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "db/demo.h"
#include "core/msg.h"
#include "core/utf8.h"

/* ------------------------------------------------------------ refusals */

static const char *const refusal_msgids[EXCH_REFUSAL_COUNT] = {
    [EXCH_OK] = N_("Done."),
    [EXCH_STORE_ERROR] = N_("The store could not do it."),
    [EXCH_CARD_INVALID] = N_("This is not a usable identity card."),
    [EXCH_PEER_IS_ME] = N_("This is this store's own identity card."),
    [EXCH_PEER_EXISTS] = N_("A store with this fingerprint is known already."),
    [EXCH_PEER_UNKNOWN] = N_("No known store has this fingerprint."),
    [EXCH_PEER_KIND_UNKNOWN] = N_("Not a kind of agency tipcase knows."),
    [EXCH_NAME_INVALID] = N_("A store name is 1 to 120 bytes of text without control characters."),
    [EXCH_NO_CASES] = N_("Name at least one case to hand over."),
    [EXCH_CASE_UNKNOWN] = N_("No such case."),
    [EXCH_NO_CONSENT] = N_("The person's consent does not cover sharing with this recipient. Nothing was handed over."),
    [EXCH_ITEMS_NOT_SET] = N_("Choose the cross-border items first: tipcase setting set exchange.crossborder_items CODE,CODE,..."),
    [EXCH_ITEMS_INVALID] = N_("The cross-border items are not valid."),
    [EXCH_BUNDLE_REFUSED] = N_("This bundle is refused. Nothing was imported."),
    [EXCH_UNKNOWN_SENDER] = N_("This bundle comes from a store this one does not know. Nothing was imported."),
    [EXCH_SENDER_RETIRED] = N_("This bundle comes from a store that was removed from the known stores. Nothing was imported."),
    [EXCH_WRONG_RECIPIENT] = N_("This bundle was sealed for another store. Nothing was imported."),
    [EXCH_REPLAYED] = N_("This bundle was imported before. Nothing was imported again."),
    [EXCH_OWN_BUNDLE] = N_("This store made this bundle itself. Nothing was imported."),
    [EXCH_CONTENT_UNKNOWN] = N_("This bundle holds something this store does not know. Nothing was imported."),
    [EXCH_CONFLICT_UNKNOWN] = N_("No such conflict."),
    [EXCH_CONFLICT_RESOLVED] = N_("This conflict is resolved already."),
    [EXCH_FIELD_UNKNOWN] = N_("The conflict has no open field of that name."),
    [EXCH_DEMO_STORE] = N_("This is a demo store of synthetic cases: it hands nothing over and receives nothing, so demo and real records never mix."),
};

const char *exch_refusal_msgid(exch_refusal_code c)
{
    return (unsigned)c < EXCH_REFUSAL_COUNT ? refusal_msgids[c] : N_("Unknown");
}

void exch_refuse(exch_refusal *r, exch_refusal_code code, const char *detail)
{
    if (!r)
        return;
    r->code = code;
    snprintf(r->detail, sizeof r->detail, "%s", detail ? detail : "");
}

store_status exch_refuse_demo(store *s, exch_refusal *r)
{
    if (!store_is_demo(s))
        return ST_OK;
    exch_refuse(r, EXCH_DEMO_STORE, NULL);
    return ST_DENIED;
}

static const char *keep_english(const char *msgid)
{
    return msgid;
}

/* Appends " " and text to out (never past outsz). */
static void add(char *out, size_t outsz, const char *text)
{
    size_t len = strlen(out);
    if (!text || !*text || len + 2 >= outsz)
        return;
    snprintf(out + len, outsz - len, "%s%s", len ? " " : "", text);
}

/* The status inside a refusal, as a msgid, or NULL. */
static const char *inner_msgid(const exch_refusal *r)
{
    switch (r->code) {
    case EXCH_CARD_INVALID:   return card_status_text(r->card);
    case EXCH_BUNDLE_REFUSED: return bundle_status_text(r->bundle);
    case EXCH_NO_CONSENT:     return consent_cover_text(r->cover);
    case EXCH_ITEMS_INVALID:  return exch_items_problem_text(r->items);
    default:                  return NULL;
    }
}

void exch_refusal_text(const exch_refusal *r, const char *(*translate)(const char *msgid),
                       char *out, size_t outsz)
{
    if (!outsz)
        return;
    out[0] = '\0';
    if (!translate)
        translate = keep_english;
    add(out, outsz, translate(exch_refusal_msgid(r->code)));
    const char *inner = inner_msgid(r);
    if (inner)
        add(out, outsz, translate(inner));
    if (r->code == EXCH_UNKNOWN_SENDER || r->code == EXCH_SENDER_RETIRED) {
        add(out, outsz, translate(N_("Its fingerprint:")));
        add(out, outsz, r->detail);
        if (r->code == EXCH_UNKNOWN_SENDER)
            add(out, outsz, translate(N_("Compare it with the sender by phone, then add their card: tipcase peer add CARDFILE")));
        return;
    }
    if (r->detail[0]) {
        char detail[EXCH_DETAIL_MAX + 4];
        snprintf(detail, sizeof detail, "(%s)", r->detail);
        add(out, outsz, detail);
    }
}

/* ------------------------------------------------------------ identity */

static store_status identity_read(store *s, identity_keys *k, int64_t *created_at)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT sign_pk, box_pk, sign_sk, box_sk, created_at"
                                       " FROM store_identity ORDER BY created_at LIMIT 1", &q);
    if (st != ST_OK)
        return st;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const void *b[4];
        int want[4] = { IDENTITY_SIGN_PK, IDENTITY_BOX_PK, IDENTITY_SIGN_SK, IDENTITY_BOX_SK };
        st = ST_OK;
        for (int i = 0; i < 4; i++) {
            b[i] = sqlite3_column_blob(q, i);
            if (!b[i] || sqlite3_column_bytes(q, i) != want[i])
                st = ST_DAMAGED;
        }
        if (st == ST_OK && k) {
            memcpy(k->pub.sign_pk, b[0], IDENTITY_SIGN_PK);
            memcpy(k->pub.box_pk, b[1], IDENTITY_BOX_PK);
            memcpy(k->sign_sk, b[2], IDENTITY_SIGN_SK);
            memcpy(k->box_sk, b[3], IDENTITY_BOX_SK);
        }
        if (created_at)
            *created_at = store_column_time(q, 4);
    } else {
        st = rc == SQLITE_DONE ? ST_NOT_FOUND : store_status_from_sqlite(s, rc);
    }
    sqlite3_finalize(q);
    return st;
}

static store_status identity_insert(store *s, const identity_keys *k)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN], fp[IDENTITY_FP_TEXT];
    store_new_id(id);
    store_now_iso(s, now);
    identity_fingerprint_text(&k->pub, fp);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "INSERT INTO store_identity(id, sign_pk, box_pk, sign_sk,"
                                       " box_sk, fingerprint, created_at, updated_at, created_by,"
                                       " updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?8)",
                                    &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, k->pub.sign_pk, IDENTITY_SIGN_PK, SQLITE_STATIC);
    sqlite3_bind_blob(q, 3, k->pub.box_pk, IDENTITY_BOX_PK, SQLITE_STATIC);
    sqlite3_bind_blob(q, 4, k->sign_sk, IDENTITY_SIGN_SK, SQLITE_STATIC);
    sqlite3_bind_blob(q, 5, k->box_sk, IDENTITY_BOX_SK, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, fp, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "identity.create", "store_identity", id);
}

store_status exch_identity_load(store *s, bool create, identity_keys **out)
{
    *out = identity_keys_new();     /* locked memory, then overwritten */
    if (!*out)
        return ST_NOMEM;
    store_status st = identity_read(s, *out, NULL);
    if (st == ST_NOT_FOUND && create)
        st = identity_insert(s, *out);      /* the fresh pairs become the store's */
    if (st != ST_OK) {
        identity_keys_free(*out);
        *out = NULL;
    }
    return st;
}

identity_keys *exchange_identity_keys(store *s)
{
    identity_keys *k = NULL;
    if (exch_identity_load(s, false, &k) != ST_OK)
        return NULL;
    return k;
}

static void store_name_of(store *s, char out[IDENTITY_NAME_MAX + 1])
{
    if (store_setting_get(s, EXCH_SETTING_STORE_NAME, out, IDENTITY_NAME_MAX + 1) != ST_OK
        || !out[0])
        snprintf(out, IDENTITY_NAME_MAX + 1, "tipcase %s", store_code(s));
}

store_status exchange_identity(store *s, exch_identity *out)
{
    memset(out, 0, sizeof *out);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    identity_keys *k = identity_keys_new();
    if (!k)
        return ST_NOMEM;
    store_status st = identity_read(s, k, &out->created_at);
    if (st == ST_NOT_FOUND) {
        /* First use: make the pairs in their own transaction. */
        st = store_begin(s);
        if (st == ST_OK)
            st = store_finish(s, identity_insert(s, k));
        if (st == ST_OK)
            st = identity_read(s, k, &out->created_at);
    }
    if (st == ST_OK) {
        out->pub = k->pub;
        identity_fingerprint_text(&k->pub, out->fingerprint);
        store_name_of(s, out->name);
        snprintf(out->store_code, sizeof out->store_code, "%s", store_code(s));
    }
    identity_keys_free(k);
    return st;
}

store_status exchange_identity_card(store *s, char *out, size_t outsz)
{
    exch_identity me;
    store_status st = exchange_identity(s, &me);
    if (st != ST_OK)
        return st;
    return identity_card_write(&me.pub, me.name, out, outsz) ? ST_OK : ST_INVALID;
}

static bool store_name_ok(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    return len > 0 && len <= IDENTITY_NAME_MAX && utf8_valid(name)
        && !utf8_has_control(name, false) && !utf8_has_bidi_control(name)
        && strspn(name, " ") < len;
}

store_status exchange_store_name_set(store *s, const char *name, exch_refusal *r)
{
    exch_refuse(r, EXCH_OK, NULL);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    if (!store_name_ok(name)) {
        exch_refuse(r, EXCH_NAME_INVALID, NULL);
        return ST_INVALID;
    }
    return store_setting_set(s, EXCH_SETTING_STORE_NAME, name);
}

/* --------------------------------------------------------------- peers */

store_status exchange_card_parse(const char *text, size_t len, exch_peer *out,
                                 exch_refusal *r)
{
    exch_refuse(r, EXCH_OK, NULL);
    memset(out, 0, sizeof *out);
    card_status cs = identity_card_read(text, len, &out->pub, out->name);
    if (cs != CARD_OK) {
        exch_refuse(r, EXCH_CARD_INVALID, NULL);
        if (r)
            r->card = cs;
        return ST_INVALID;
    }
    identity_fingerprint_text(&out->pub, out->fingerprint);
    return ST_OK;
}

#define PEER_COLUMNS \
    "p.id, p.sign_pk, p.box_pk, p.fingerprint, p.name, p.kind, p.retired, p.created_at," \
    " p.created_by, coalesce(o.name, ''), p.retired_at"
#define PEER_FROM " FROM exchange_peers p LEFT JOIN officers o ON o.id = p.created_by"

static void peer_read(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    exch_peer *p = elem;
    store_column_copy(q, 0, p->id, sizeof p->id);
    if (sqlite3_column_bytes(q, 1) == IDENTITY_SIGN_PK)
        memcpy(p->pub.sign_pk, sqlite3_column_blob(q, 1), IDENTITY_SIGN_PK);
    if (sqlite3_column_bytes(q, 2) == IDENTITY_BOX_PK)
        memcpy(p->pub.box_pk, sqlite3_column_blob(q, 2), IDENTITY_BOX_PK);
    store_column_copy(q, 3, p->fingerprint, sizeof p->fingerprint);
    store_column_copy(q, 4, p->name, sizeof p->name);
    store_column_copy(q, 5, p->kind, sizeof p->kind);
    p->retired = sqlite3_column_int(q, 6) != 0;
    p->added_at = store_column_time(q, 7);
    store_column_copy(q, 8, p->added_by, sizeof p->added_by);
    store_column_copy(q, 9, p->added_by_name, sizeof p->added_by_name);
    p->retired_at = store_column_time(q, 10);
}

store_status exch_peer_by_fp(store *s, const char *fp, exch_peer *out)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT " PEER_COLUMNS PEER_FROM
                                          " WHERE p.fingerprint = ?1", fp, &q);
    if (st != ST_OK)
        return st;
    memset(out, 0, sizeof *out);
    peer_read(q, out, NULL);
    sqlite3_finalize(q);
    return ST_OK;
}

static bool kind_ok(const char *kind)
{
    agency_type t;
    return !kind || !*kind || agency_type_from_code(kind, &t);
}

static store_status peer_insert(store *s, const exch_peer *p)
{
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "INSERT INTO exchange_peers(id, fingerprint, name, sign_pk,"
                                       " box_pk, kind, created_at, updated_at, created_by,"
                                       " updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?8)",
                                    &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, p->fingerprint, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 4, p->pub.sign_pk, IDENTITY_SIGN_PK, SQLITE_STATIC);
    sqlite3_bind_blob(q, 5, p->pub.box_pk, IDENTITY_BOX_PK, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, p->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "peer.add", "exchange_peers", p->id);
}

/* Inside the transaction: is the card this store's own, or known? */
static store_status peer_add_checks(store *s, const exch_peer *p, exch_refusal *r)
{
    identity_keys *me = NULL;
    store_status st = exch_identity_load(s, false, &me);
    if (st == ST_OK) {
        bool mine = !memcmp(&me->pub, &p->pub, sizeof p->pub);
        identity_keys_free(me);
        if (mine) {
            exch_refuse(r, EXCH_PEER_IS_ME, p->fingerprint);
            return ST_INVALID;
        }
    } else if (st != ST_NOT_FOUND) {
        return st;
    }
    exch_peer known;
    st = exch_peer_by_fp(s, p->fingerprint, &known);
    if (st == ST_OK) {
        exch_refuse(r, EXCH_PEER_EXISTS, p->fingerprint);
        return ST_INVALID;
    }
    return st == ST_NOT_FOUND ? ST_OK : st;
}

store_status exchange_peer_add(store *s, const char *card, size_t len, const char *kind,
                               exch_peer *out, exch_refusal *r)
{
    exch_refuse(r, EXCH_OK, NULL);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    if (exch_refuse_demo(s, r) != ST_OK)
        return ST_DENIED;
    exch_peer p;
    store_status st = exchange_card_parse(card, len, &p, r);
    if (st != ST_OK)
        return st;
    if (!kind_ok(kind)) {
        exch_refuse(r, EXCH_PEER_KIND_UNKNOWN, kind);
        return ST_INVALID;
    }
    snprintf(p.kind, sizeof p.kind, "%s", kind ? kind : "");
    store_new_id(p.id);
    st = store_begin(s);
    if (st != ST_OK)
        return st;
    st = peer_add_checks(s, &p, r);
    if (st == ST_OK)
        st = peer_insert(s, &p);
    st = store_finish(s, st);
    if (st == ST_OK && out)
        st = exch_peer_by_fp(s, p.fingerprint, out);
    return st;
}

store_status exchange_peer_list(store *s, exch_peer **out, size_t *n)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    store_status st = store_prepare(s, "SELECT " PEER_COLUMNS PEER_FROM
                                       " ORDER BY p.retired, p.name, p.created_at", &q);
    if (st != ST_OK)
        return st;
    return store_collect(s, q, sizeof **out, peer_read, NULL, (void **)out, n);
}

store_status exchange_peer_find(store *s, const char *fingerprint, exch_peer *out,
                                exch_refusal *r)
{
    exch_refuse(r, EXCH_OK, NULL);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    char fp[IDENTITY_FP_TEXT];
    store_status st = ST_NOT_FOUND;
    if (fingerprint && identity_fingerprint_parse(fingerprint, fp))
        st = exch_peer_by_fp(s, fp, out);
    if (st == ST_NOT_FOUND)
        exch_refuse(r, EXCH_PEER_UNKNOWN, fingerprint);
    return st;
}

store_status exchange_peer_retire(store *s, const char *fingerprint, exch_refusal *r)
{
    exch_refuse(r, EXCH_OK, NULL);
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    exch_peer p;
    store_status st = exchange_peer_find(s, fingerprint, &p, r);
    if (st != ST_OK)
        return st;
    if (p.retired) {
        exch_refuse(r, EXCH_PEER_UNKNOWN, fingerprint);
        return ST_NOT_FOUND;
    }
    st = store_begin(s);
    if (st != ST_OK)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    st = store_prepare(s, "UPDATE exchange_peers SET retired = 1, retired_at = ?2,"
                          " retired_by = ?3, updated_at = ?2, updated_by = ?3 WHERE id = ?1", &q);
    if (st == ST_OK) {
        sqlite3_bind_text(q, 1, p.id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, s->me.id, -1, SQLITE_STATIC);
        st = store_step_done(s, q);
    }
    if (st == ST_OK)
        st = store_audit(s, "peer.retire", "exchange_peers", p.id);
    return store_finish(s, st);
}

/* ------------------------------------------------------------- history */

static void bundle_row_read(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    exch_bundle_row *b = elem;
    store_column_copy(q, 0, b->id, sizeof b->id);
    store_column_copy(q, 1, b->bundle_id, sizeof b->bundle_id);
    b->sent = store_column_is(q, 2, "sent");
    store_column_copy(q, 3, b->peer_id, sizeof b->peer_id);
    store_column_copy(q, 4, b->peer_name, sizeof b->peer_name);
    b->profile = store_column_is(q, 5, "cross_border") ? EXCH_PROFILE_CROSS_BORDER
                                                         : EXCH_PROFILE_FULL;
    b->n_cases = (size_t)sqlite3_column_int64(q, 6);
    b->n_rows = (size_t)sqlite3_column_int64(q, 7);
    b->n_new = (size_t)sqlite3_column_int64(q, 8);
    b->n_same = (size_t)sqlite3_column_int64(q, 9);
    b->n_conflict_fields = (size_t)sqlite3_column_int64(q, 10);
    b->at = store_column_time(q, 11);
    store_column_copy(q, 12, b->officer_name, sizeof b->officer_name);
}

store_status exchange_bundle_list(store *s, exch_bundle_row **out, size_t *n)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    if (store_may(s, ACCESS_HANDOVER) != ST_OK)
        return ST_DENIED;
    store_status st = store_prepare(
        s, "SELECT b.id, b.bundle_id, b.direction, b.peer_id, coalesce(p.name, ''), b.profile,"
           " b.n_cases, b.n_rows, b.n_new, b.n_same, b.n_conflicts, b.created_at,"
           " coalesce(o.name, '')"
           " FROM exchange_bundles b LEFT JOIN exchange_peers p ON p.id = b.peer_id"
           " LEFT JOIN officers o ON o.id = b.created_by"
           " ORDER BY b.audit_seq DESC", &q);
    if (st != ST_OK)
        return st;
    return store_collect(s, q, sizeof **out, bundle_row_read, NULL, (void **)out, n);
}

char *exch_strdup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s);
    char *d = malloc(len + 1);
    if (d)
        memcpy(d, s, len + 1);
    return d;
}
