/* access_store.c - the acting officer against core's table of roles and
 * operations (core/access.h), for every store call.
 *
 * One place asks the table, so a call that reads or changes a case cannot
 * forget the case's officers, and a refusal is remembered (its reason, for
 * the screen) in one way.  A role that reaches every case is answered with
 * no SQL at all: the head of the office pays nothing for the check. */
#include "config.h"
#include "db/store_internal.h"
#include <string.h>

/* Remember the answer: the reason of a refusal, or none. */
static store_status answer(store *s, access_op op, case_relation rel)
{
    s->refusal = access_refusal_text(s->me.role, op, rel);
    return s->refusal ? ST_DENIED : ST_OK;
}

store_status store_may(store *s, access_op op)
{
    return answer(s, op, CASE_REL_NONE);
}

bool store_sees_all(const store *s)
{
    return access_sees_all_cases(s->me.role);
}

/* The relation of the acting officer to the case whose created_by and
 * assigned_officer q's row holds in columns 0 and 1. */
static case_relation relation_of_row(const store *s, sqlite3_stmt *q)
{
    return access_relation(s->me.id, store_column_text(q, 0), store_column_text(q, 1));
}

void store_bind_scope(const store *s, sqlite3_stmt *q, int all, int me)
{
    sqlite3_bind_int(q, all, store_sees_all(s));
    sqlite3_bind_text(q, me, s->me.id, -1, SQLITE_STATIC);
}

store_status store_case_access(store *s, const char *case_id, access_op op)
{
    if (access_allows(s->me.role, op, CASE_REL_NONE))
        return answer(s, op, CASE_REL_NONE);
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(
        s, "SELECT created_by, assigned_officer FROM cases WHERE id = ?1",
        case_id ? case_id : "", &q);
    if (st != ST_OK)
        return st;
    case_relation rel = relation_of_row(s, q);
    sqlite3_finalize(q);
    return answer(s, op, rel);
}

store_status store_case_access_by(store *s, const char *case_id_sql, const char *key,
                                  access_op op)
{
    if (access_allows(s->me.role, op, CASE_REL_NONE))
        return answer(s, op, CASE_REL_NONE);
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, case_id_sql, key ? key : "", &q);
    if (st != ST_OK)
        return st;
    char case_id[TC_ID_LEN];
    store_column_copy(q, 0, case_id, sizeof case_id);
    sqlite3_finalize(q);
    return store_case_access(s, case_id, op);
}

const char *store_refusal(const store *s)
{
    return s ? s->refusal : NULL;
}

const char *store_status_why(const store *s, store_status st)
{
    const char *why = st == ST_DENIED ? store_refusal(s) : NULL;
    return why ? why : store_status_text(st);
}
