/* officers.c - officers and their key slots.
 *
 * An officer is two things that must agree: a row in the officers table
 * and a slot in the key-slot file.  Changes take the database write lock
 * first (BEGIN IMMEDIATE), then read, change and save the key-slot file,
 * then commit; so two tipcase processes cannot interleave their edits of
 * the slot file, and a failed save commits nothing. */
#include "config.h"
#include "db/store.h"
#include "db/store_internal.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OFFICER_COLUMNS "id, login, name, role, active, created_at"

static store_status officer_from_row(store *s, sqlite3_stmt *q, tc_officer *o)
{
    memset(o, 0, sizeof *o);
    store_column_copy(q, 0, o->id, sizeof o->id);
    store_column_copy(q, 1, o->login, sizeof o->login);
    store_column_copy(q, 2, o->name, sizeof o->name);
    const unsigned char *role = sqlite3_column_text(q, 3);
    o->active = sqlite3_column_int(q, 4) != 0;
    const unsigned char *at = sqlite3_column_text(q, 5);
    if (!role || !role_from_code((const char *)role, &o->role)
        || !at || !timestamp_parse_iso((const char *)at, &o->created_at)) {
        store_set_error(s, "an officer record holds an unknown role or a bad date");
        return ST_DAMAGED;
    }
    return ST_OK;
}

/* One officer by a text column (id, or login: the column is NOCASE). */
static store_status officer_where(store *s, const char *sql, const char *value, tc_officer *out)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, sql, value, &q);
    if (st != ST_OK)
        return st;
    st = officer_from_row(s, q, out);
    sqlite3_finalize(q);
    return st;
}

store_status store_officer_by_login(store *s, const char *login, tc_officer *out)
{
    return officer_where(s, "SELECT " OFFICER_COLUMNS " FROM officers WHERE login = ?1",
                         login, out);
}

store_status store_officer_get(store *s, const char *id, tc_officer *out)
{
    return officer_where(s, "SELECT " OFFICER_COLUMNS " FROM officers WHERE id = ?1", id, out);
}

store_status store_officer_list(store *s, tc_officer **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT " OFFICER_COLUMNS " FROM officers"
                                       " ORDER BY active DESC, name COLLATE THAI, login", &q);
    if (st != ST_OK)
        return st;
    tc_officer *list = NULL;
    size_t n = 0, cap = 0;
    int rc = SQLITE_DONE;
    while (st == ST_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            tc_officer *bigger = realloc(list, ncap * sizeof *list);
            if (!bigger) {
                st = ST_NOMEM;
                break;
            }
            list = bigger;
            cap = ncap;
        }
        st = officer_from_row(s, q, &list[n]);
        if (st == ST_OK)
            n++;
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    if (st != ST_OK) {
        free(list);
        return st;
    }
    *out = list;
    *count = n;
    return ST_OK;
}

/* ---- key slots, under the database write lock ---- */

/* Changing slots checks no passphrase: KEYSLOT_WRONG here means a login
 * the slot file cannot take (keyslot_add), which is bad input. */
static store_status slots_status(store *s, keyslot_status k)
{
    return k == KEYSLOT_WRONG ? ST_INVALID : store_status_from_keyslot(s, k);
}

static store_status slots_load(store *s, keyslot_file **ks)
{
    store_status st = slots_status(s, keyslot_file_load(s->slots_path, ks));
    if (st == ST_OK && memcmp(keyslot_store_id(*ks), s->store_id, STORE_ID_BYTES) != 0) {
        keyslot_file_free(*ks);
        *ks = NULL;
        store_set_error(s, "the key-slot file now belongs to another store");
        return ST_DAMAGED;
    }
    return st;
}

static store_status slots_save(store *s, const keyslot_file *ks)
{
    return slots_status(s, keyslot_file_save(ks, s->slots_path));
}

/* ---- add ---- */

store_status store_officer_insert(store *s, const tc_officer *o, const char *id)
{
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO officers(id, login, name, role, active, created_at, updated_at,"
        " created_by, updated_by) VALUES(?1, ?2, ?3, ?4, 1, ?5, ?5, ?6, ?6)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, o->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, o->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, role_code(o->role), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "officer.add", "officers", id);
}

/* A slot with no officer row is left over from an add that failed after
 * saving the slots; it is replaced, not refused. */
static store_status slot_add_fresh(store *s, keyslot_file *ks, const tc_officer *o,
                                   const char *pass, kdf_params p)
{
    if (keyslot_has(ks, o->login)) {
        store_status st = slots_status(s, keyslot_remove(ks, o->login));
        if (st != ST_OK)
            return st;
    }
    return slots_status(s, keyslot_add(ks, o->login, pass, p, s->key));
}

static store_status officer_add_locked(store *s, const tc_officer *o, const char *pass,
                                       kdf_params p)
{
    tc_officer existing;
    store_status st = store_officer_by_login(s, o->login, &existing);
    if (st == ST_OK)
        return ST_DUPLICATE;
    if (st != ST_NOT_FOUND)
        return st;
    keyslot_file *ks = NULL;
    st = slots_load(s, &ks);
    if (st == ST_OK)
        st = slot_add_fresh(s, ks, o, pass, p);
    char id[TC_ID_LEN];
    store_new_id(id);
    if (st == ST_OK)
        st = store_officer_insert(s, o, id);
    if (st == ST_OK)
        st = slots_save(s, ks);
    keyslot_file_free(ks);
    return st;
}

store_status store_officer_add(store *s, const tc_officer *o, const char *pass, kdf_params p)
{
    if (store_may(s, ACCESS_OFFICERS) != ST_OK)
        return ST_DENIED;
    if (officer_validate(o) != OFFICER_OK || !pass || !*pass)
        return ST_INVALID;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, officer_add_locked(s, o, pass, p));
}

/* ---- remove ---- */

static store_status count_active_admins(store *s, int *n)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "SELECT count(*) FROM officers WHERE active = 1 AND role = ?1", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, role_code(ROLE_ADMIN), -1, SQLITE_STATIC);
    sqlite3_int64 count = 0;
    st = store_step_count(s, q, &count);
    if (st == ST_OK)
        *n = (int)count;
    return st;
}

static store_status officer_deactivate(store *s, const char *id)
{
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "UPDATE officers SET active = 0, updated_at = ?2, updated_by = ?3 WHERE id = ?1", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "officer.remove", "officers", id);
}

static store_status slot_remove(store *s, const char *login)
{
    keyslot_file *ks = NULL;
    store_status st = slots_load(s, &ks);
    if (st != ST_OK)
        return st;
    st = slots_status(s, keyslot_remove(ks, login));
    if (st == ST_OK)
        st = slots_save(s, ks);
    else if (st == ST_NOT_FOUND)
        st = ST_OK;             /* no slot: marking inactive is all there is to do */
    keyslot_file_free(ks);
    return st;
}

static store_status officer_remove_locked(store *s, const char *login)
{
    tc_officer o;
    store_status st = store_officer_by_login(s, login, &o);
    if (st != ST_OK)
        return st;
    if (o.active && o.role == ROLE_ADMIN) {
        int admins = 0;
        st = count_active_admins(s, &admins);
        if (st != ST_OK)
            return st;
        if (admins <= 1)
            return ST_LAST_ADMIN;
    }
    if (o.active)
        st = officer_deactivate(s, o.id);
    return st;
}

/* The key slot goes in a second transaction, after the officer is marked
 * inactive for good: a crash between the two leaves an inactive officer
 * whose slot store_open() refuses anyway.  Removing the slot first would
 * let a crash leave an officer listed as active who can no longer log in.
 * The second transaction holds the write lock, so no other tipcase
 * rewrites the key-slot file at the same time. */
static store_status officer_remove_slot(store *s, const char *login)
{
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, slot_remove(s, login));
}

store_status store_officer_remove(store *s, const char *login)
{
    if (store_may(s, ACCESS_OFFICERS) != ST_OK)
        return ST_DENIED;
    if (!login || !*login)
        return ST_INVALID;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    st = store_finish(s, officer_remove_locked(s, login));
    if (st == ST_OK)
        st = officer_remove_slot(s, login);
    if (st == ST_OK && strcasecmp(login, s->me.login) == 0)
        s->me.active = false;
    return st;
}

/* ---- passphrase ---- */

static store_status passwd_locked(store *s, const char *new_pass, kdf_params p)
{
    keyslot_file *ks = NULL;
    store_status st = slots_load(s, &ks);
    if (st == ST_OK)
        st = slots_status(s, keyslot_change(ks, s->me.login, new_pass, p, s->key));
    if (st == ST_OK)
        st = store_audit(s, "officer.passwd", "officers", s->me.id);
    if (st == ST_OK)
        st = slots_save(s, ks);
    keyslot_file_free(ks);
    return st;
}

store_status store_passwd(store *s, const char *new_pass, kdf_params p)
{
    if (!new_pass || !*new_pass)
        return ST_INVALID;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, passwd_locked(s, new_pass, p));
}
