/* returns_internal.h - what db/returns.c and db/followups.c (the store
 * behind db/returns.h) share with each other and with the rest of db/.
 * Not for callers outside db/. */
#ifndef TC_DB_RETURNS_INTERNAL_H
#define TC_DB_RETURNS_INTERNAL_H
#include "db/record_internal.h"
#include "db/returns.h"
#include "db/screenings.h"

/* Migration 7's C part: adds cases.high_risk (unless the column is there
 * already: ALTER TABLE has no IF NOT EXISTS, and a store turned back to an
 * earlier version by hand keeps it, since SQLite 3.15 cannot drop a
 * column), rebuilds cases_list with high_risk first, and loads the
 * handover points (record_migrate_codes).  An SQLite result code. */
int returns_migrate(sqlite3 *db, const migrate_context *ctx);

/* The follow-ups of active plans that are overdue or due within
 * followup.due_soon_days on the civil date of `now` at the store clock's
 * offset, as due-soon rows (followup set), earliest next date first, ties
 * by case reference: what store_deadlines_due merges with the clocks. */
store_status returns_followup_deadlines(store *s, int64_t now, deadline_row **out, size_t *n);

/* For tests of the query plans: the text of the i-th follow-up query (0:
 * store_followup_due, 1: store_followup_count_overdue, 2: the due-soon
 * rows); NULL past the last. */
const char *returns_query_sql(int i);

/* ---- between returns.c and followups.c ---- */

/* The reintegration plan a return starts (inside the caller's
 * transaction): when the case has none that is not withdrawn, one
 * starting on `start` with the stored schedule and no domain yet, audited
 * "reintegration.add".  A case that has one keeps it. */
store_status reint_add_for_return(store *s, const char *case_id, caldate start);

/* The record id of the case's plan that is not withdrawn, from `table`
 * ("repatriations" or "reintegrations"); ST_NOT_FOUND when none. */
store_status returns_current_plan(store *s, const char *table, const char *case_id,
                                  char id[TC_ID_LEN]);

/* Before a new plan in `table`: ST_OK when case_id names a case that has
 * no plan there that is not withdrawn; ST_DUPLICATE when it has one,
 * ST_NOT_FOUND when there is no such case (or the error). */
store_status returns_no_plan_yet(store *s, const char *table, const char *case_id);

/* The plan a call names: plan_id when it is given (not ""), else the
 * case's plan in `table` (returns_current_plan). */
store_status returns_plan_id(store *s, const char *table, const char *plan_id,
                             const char *case_id, char id[TC_ID_LEN]);

/* store_case_access() for the case of the plan a call names (as
 * returns_plan_id: plan_id when not "", else case_id's plan). */
store_status returns_plan_access(store *s, const char *table, const char *plan_id,
                                 const char *case_id, access_op op);

/* The rows one version of a plan keeps beside it (a repatriation plan's
 * steps, a reintegration plan's domains): sql selects them with ?1 the
 * plan's record id and ?2 the version; read(q, plan) is called on each. */
store_status returns_load_version(store *s, const char *sql, const char *plan_id, int version,
                                  void (*read)(sqlite3_stmt *q, void *plan), void *plan);

/* The common parts of a record struct that has the usual id,
 * entry_withdrawn and stamp fields (the three kinds here have no version
 * field: store_record_versions gives the history). */
#define RETURNS_COMMON_ACCESSORS(prefix, type)                                  \
    static void put_##prefix##_common(void *rec, const record_common *c)       \
    {                                                                           \
        type *r = rec;                                                          \
        memcpy(r->id, c->id, sizeof r->id);                                     \
        r->entry_withdrawn = c->withdrawn;                                      \
        r->created_at = c->created_at;                                          \
        r->updated_at = c->updated_at;                                          \
        memcpy(r->created_by, c->created_by, sizeof r->created_by);             \
        memcpy(r->updated_by, c->updated_by, sizeof r->updated_by);             \
    }                                                                           \
    static void get_##prefix##_common(const void *rec, record_common *c)       \
    {                                                                           \
        const type *r = rec;                                                    \
        memset(c, 0, sizeof *c);                                                \
        memcpy(c->id, r->id, sizeof c->id);                                     \
        c->withdrawn = r->entry_withdrawn;                                      \
        c->created_at = r->created_at;                                          \
        c->updated_at = r->updated_at;                                          \
        memcpy(c->created_by, r->created_by, sizeof c->created_by);             \
        memcpy(c->updated_by, r->updated_by, sizeof c->updated_by);             \
    }

#endif
