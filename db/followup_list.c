/* followup_list.c - what is due of the reintegration plans (db/returns.h):
 * the follow-up list, the overdue count, and the follow-ups on the
 * due-soon view (store_deadlines_due, db/clocks_store.c).
 *
 * Each reads one range of reintegrations_due (migration 7): the current,
 * active plans with a next date, by that date. */
#include "config.h"
#include "db/returns_internal.h"

#include <stdio.h>
#include <string.h>

#define SECONDS_PER_DAY INT64_C(86400)

/* ======================================================= follow-up list */

/* Current, active plans with a next date: one range of reintegrations_due
 * (migration 7), its condition's columns first. */
#define ACTIVE_PLANS \
    " r.is_current = 1 AND r.entry_withdrawn = 0 AND r.closed = 0" \
    " AND r.next_due IS NOT NULL"
#define LAST_FOLLOWUP(col) \
    " (SELECT f." col " FROM followups f WHERE f.plan_id = r.record_id AND f.is_current = 1" \
    "  AND f.entry_withdrawn = 0 ORDER BY f.held_on DESC, f.audit_seq DESC LIMIT 1)"

/* The range of reintegrations_due up to ?1, then sorted high risk first:
 * only the plans shown are sorted (every active plan with a next date at
 * most), never the plans table. */
static const char due_list_sql[] =
    "SELECT r.case_id, c.reference, p.name_thai, p.name_original, p.name_latin,"
    " (SELECT x.country FROM repatriations x WHERE x.case_id = r.case_id"
    "  AND x.is_current = 1 AND x.entry_withdrawn = 0),"
    " r.next_due, r.followups_done, r.high_risk," LAST_FOLLOWUP("held_on") ","
    LAST_FOLLOWUP("risk")
    " FROM reintegrations r JOIN cases c ON c.id = r.case_id"
    " JOIN persons p ON p.id = c.person_id"
    " WHERE" ACTIVE_PLANS " AND r.next_due <= ?1 AND" STORE_CASE_SCOPE("c", "?2", "?3")
    " ORDER BY r.high_risk DESC, r.next_due, c.reference";

static void read_due_row(sqlite3_stmt *q, void *elem, void *ctx)
{
    const caldate *today = ctx;
    followup_row *r = elem;
    store_column_copy(q, 0, r->case_id, sizeof r->case_id);
    store_column_copy(q, 1, r->reference, sizeof r->reference);
    store_column_display_name(q, 2, r->name, sizeof r->name);
    store_column_copy(q, 5, r->country, sizeof r->country);
    if (!rec_column_date(q, 6, &r->next_due))
        r->next_due = (caldate){ 0, 0, 0 };
    sqlite3_int64 done = sqlite3_column_int64(q, 7);
    r->number = (done > 0 ? (size_t)done : 0) + 1;
    r->overdue = followup_overdue(r->next_due, *today);
    r->high_risk = sqlite3_column_int(q, 8) != 0;
    r->has_last = rec_column_date(q, 9, &r->last_on);
    const char *t = (const char *)sqlite3_column_text(q, 10);
    if (!t || !risk_from_code(t, &r->last_risk))
        r->last_risk = RISK_LOW;
}

/* A follow-up is overdue the day after its date: due on yesterday or
 * before. */
static void bind_until(sqlite3_stmt *q, int i, caldate last)
{
    rec_bind_date(q, i, true, last);
}

store_status store_followup_due(store *s, bool overdue_only, followup_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, due_list_sql, &q);
    if (st != ST_OK)
        return st;
    caldate today = store_today(s);
    if (overdue_only)
        bind_until(q, 1, caldate_add_days(today, -1));
    else
        rec_bind_text(q, 1, "9999-12-31");
    store_bind_scope(s, q, 2, 3);
    void *rows = NULL;
    st = store_collect(s, q, sizeof **out, read_due_row, &today, &rows, n);
    *out = rows;
    return st;
}

static const char count_overdue_sql[] =
    "SELECT count(*) FROM reintegrations r WHERE" ACTIVE_PLANS " AND r.next_due < ?1"
    " AND (?2 OR EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id AND"
    STORE_OWN_CASE("c", "?3") "))";

store_status store_followup_count_overdue(store *s, size_t *n)
{
    *n = 0;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, count_overdue_sql, &q);
    if (st != ST_OK)
        return st;
    rec_bind_date(q, 1, true, store_today(s));
    store_bind_scope(s, q, 2, 3);
    sqlite3_int64 count = 0;
    st = store_step_count(s, q, &count);
    *n = (size_t)count;
    return st;
}

/* ============================================================ due soon */

/* Up to the last day shown, in next-date order from reintegrations_due
 * (ties on one date sorted by reference): store_deadlines_due merges them
 * with the clocks. */
static const char deadlines_sql[] =
    "SELECT r.case_id, c.reference, p.name_thai, p.name_original, p.name_latin, r.next_due,"
    " c.high_risk FROM reintegrations r JOIN cases c ON c.id = r.case_id"
    " JOIN persons p ON p.id = c.person_id"
    " WHERE" ACTIVE_PLANS " AND r.next_due <= ?1 AND" STORE_CASE_SCOPE("c", "?2", "?3")
    " ORDER BY r.next_due, c.reference";

typedef struct deadline_ctx {
    caldate today;
    int utc_offset;
} deadline_ctx;

static void read_deadline_row(sqlite3_stmt *q, void *elem, void *ctx)
{
    const deadline_ctx *dc = ctx;
    deadline_row *r = elem;
    store_column_copy(q, 0, r->case_id, sizeof r->case_id);
    store_column_copy(q, 1, r->reference, sizeof r->reference);
    store_column_display_name(q, 2, r->name, sizeof r->name);
    r->followup = true;
    if (!rec_column_date(q, 5, &r->followup_on))
        r->followup_on = dc->today;
    r->high_risk = sqlite3_column_int(q, 6) != 0;
    /* Due all day long: it runs out when the next civil day begins. */
    r->due = (caldate_to_days(r->followup_on) + 1) * SECONDS_PER_DAY - dc->utc_offset;
    r->state = followup_overdue(r->followup_on, dc->today) ? DEADLINE_PASSED
                                                           : DEADLINE_DUE_SOON;
}

store_status returns_followup_deadlines(store *s, int64_t now, deadline_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    followup_settings fs;
    store_status st = store_followup_settings(s, &fs);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s, deadlines_sql, &q);
    if (st != ST_OK)
        return st;
    deadline_ctx ctx = { caldate_from_timestamp(now, s->clock.utc_offset),
                         s->clock.utc_offset };
    bind_until(q, 1, caldate_add_days(ctx.today, fs.due_soon_days));
    store_bind_scope(s, q, 2, 3);
    void *rows = NULL;
    st = store_collect(s, q, sizeof **out, read_deadline_row, &ctx, &rows, n);
    *out = rows;
    return st;
}

const char *returns_query_sql(int i)
{
    static const char *const sql[] = { due_list_sql, count_overdue_sql, deadlines_sql };
    return i >= 0 && i < (int)(sizeof sql / sizeof sql[0]) ? sql[i] : NULL;
}
