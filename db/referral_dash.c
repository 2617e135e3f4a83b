/* referral_dash.c - the overdue dashboard and counts (db/referrals.h).
 *
 * The dashboard's order (core's referral_dash_compare) depends on "now",
 * so no single index holds it.  It is cut into parts that each do follow
 * one index of the open referrals (migration 6), walked in turn:
 *
 *   overdue, emergency    referrals_overdue: urgency_rank = 0, due_at <= now
 *   overdue, urgent       the same, urgency_rank = 1
 *   overdue, routine      the same, urgency_rank = 2
 *   running deadlines     referrals_due: due_at > now
 *   waiting for nothing   referrals_idle: urgency_rank, since_at
 *
 * A part first gives only rowids, from its index alone (the filters are
 * columns of every index); the page's rows are then read one by one by
 * rowid.  A page deep in the list counts the parts it skips whole (a count
 * over an index range) instead of reading them. */
#include "config.h"
#include "db/referrals_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 now, ?2 agency code, ?3 officer id, ?4 state code (each NULL: any),
 * ?5 limit, ?6 offset, ?7 urgency rank; ?8 and ?9 the acting officer's
 * reach (store_bind_scope: a field officer sees his own cases' referrals). */
#define FILTERS \
    " AND (?2 IS NULL OR agency_code = ?2) AND (?3 IS NULL OR officer_id = ?3)" \
    " AND (?4 IS NULL OR state = ?4)" \
    " AND (?8 OR EXISTS (SELECT 1 FROM cases c WHERE c.id = referrals.case_id AND" \
    STORE_OWN_CASE("c", "?9") "))"

typedef struct dash_part {
    const char *where;
    const char *order;
    int urgency;                /* the rank ?7 binds, or -1 */
    bool waiting;               /* holds sent and acknowledged referrals only */
    bool overdue;
} dash_part;

#define OVERDUE_WHERE "due_at IS NOT NULL AND urgency_rank = ?7 AND due_at <= ?1"
#define OVERDUE_ORDER "due_at, agency_code, officer_id, state, rowid"

static const dash_part parts[] = {
    { OVERDUE_WHERE, OVERDUE_ORDER, REFERRAL_EMERGENCY, true, true },
    { OVERDUE_WHERE, OVERDUE_ORDER, REFERRAL_URGENT, true, true },
    { OVERDUE_WHERE, OVERDUE_ORDER, REFERRAL_ROUTINE, true, true },
    { "due_at IS NOT NULL AND due_at > ?1",
      "due_at, urgency_rank, agency_code, officer_id, state, rowid", -1, true, false },
    { "is_open = 1 AND due_at IS NULL",
      "urgency_rank, since_at, agency_code, officer_id, state, rowid", -1, false, false },
};
#define PART_COUNT (sizeof parts / sizeof parts[0])

/* Can part p hold a referral that passes f at all? */
static bool part_may_hold(const dash_part *p, const referral_filter *f)
{
    if (f && f->overdue_only && !p->overdue)
        return false;
    if (!f || !f->by_state)
        return true;
    bool waiting_state = f->state == REFERRAL_SENT || f->state == REFERRAL_ACKNOWLEDGED;
    return waiting_state == p->waiting && referral_state_is_open(f->state);
}

static void bind_filter(sqlite3_stmt *q, const referral_filter *f, int64_t now, int urgency)
{
    sqlite3_bind_int64(q, 1, now);
    if (f && f->agency_code)
        sqlite3_bind_text(q, 2, f->agency_code, -1, SQLITE_TRANSIENT);
    if (f && f->officer_id)
        sqlite3_bind_text(q, 3, f->officer_id, -1, SQLITE_TRANSIENT);
    if (f && f->by_state)
        sqlite3_bind_text(q, 4, referral_state_code(f->state), -1, SQLITE_STATIC);
    if (urgency >= 0)
        sqlite3_bind_int(q, 7, urgency);
}

#define SQL_MAX 1024

static void count_sql(const char *where, char *out, size_t outsz)
{
    snprintf(out, outsz, "SELECT count(*) FROM referrals WHERE %s" FILTERS, where);
}

static void page_sql(const dash_part *p, char *out, size_t outsz)
{
    snprintf(out, outsz, "SELECT rowid FROM referrals WHERE %s" FILTERS
             " ORDER BY %s LIMIT ?5 OFFSET ?6", p->where, p->order);
}

static store_status count_where(store *s, const char *where, const referral_filter *f,
                                int64_t now, int urgency, size_t *n)
{
    char sql[SQL_MAX];
    count_sql(where, sql, sizeof sql);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    bind_filter(q, f, now, urgency);
    store_bind_scope(s, q, 8, 9);
    sqlite3_int64 count = 0;
    st = store_step_count(s, q, &count);
    *n = st == ST_OK ? (size_t)count : 0;
    return st;
}

/* Up to limit rowids of part p into ids, after skipping offset of them;
 * *got says how many. */
static store_status part_rowids(store *s, const dash_part *p, const referral_filter *f,
                                int64_t now, size_t offset, size_t limit,
                                sqlite3_int64 *ids, size_t *got)
{
    *got = 0;
    char sql[SQL_MAX];
    page_sql(p, sql, sizeof sql);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    bind_filter(q, f, now, p->urgency);
    store_bind_scope(s, q, 8, 9);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)limit);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)offset);
    int rc = SQLITE_DONE;
    while (*got < limit && (rc = sqlite3_step(q)) == SQLITE_ROW)
        ids[(*got)++] = sqlite3_column_int64(q, 0);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}

/* The rowids of the page, in dashboard order: at most cap. */
static store_status page_rowids(store *s, const referral_filter *f, int64_t now, size_t offset,
                                size_t cap, sqlite3_int64 *ids, size_t *n)
{
    *n = 0;
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < PART_COUNT && *n < cap; i++) {
        const dash_part *p = &parts[i];
        if (!part_may_hold(p, f))
            continue;
        if (offset > 0) {
            size_t in_part = 0;
            st = count_where(s, p->where, f, now, p->urgency, &in_part);
            if (st != ST_OK)
                break;
            if (in_part <= offset) {
                offset -= in_part;
                continue;
            }
        }
        size_t got = 0;
        st = part_rowids(s, p, f, now, offset, cap - *n, ids + *n, &got);
        *n += got;
        offset = 0;
    }
    return st;
}

/* ------------------------------------------------------------- the rows */

static const char row_sql[] =
    "SELECT r.id, r.case_id, r.agency_code, r.officer_id, r.state, r.urgency, r.due_at,"
    " r.since_at, c.reference, p.name_thai, p.name_latin, p.name_original, a.abbr_th,"
    " a.name_th, a.abbr_en, a.name_en, o.name"
    " FROM referrals r JOIN cases c ON c.id = r.case_id JOIN persons p ON p.id = c.person_id"
    " LEFT JOIN agencies a ON a.code = r.agency_code AND a.is_current = 1"
    " LEFT JOIN officers o ON o.id = r.officer_id WHERE r.rowid = ?1";

/* Column col if it is not empty, else column other. */
static void copy_either(sqlite3_stmt *q, int col, int other, char *out, size_t outsz)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    store_column_copy(q, t && *t ? col : other, out, outsz);
}

static referral_wait wait_of(referral_state st)
{
    if (st == REFERRAL_SENT)
        return REFERRAL_WAIT_ACK;
    if (st == REFERRAL_ACKNOWLEDGED)
        return REFERRAL_WAIT_DECISION;
    return REFERRAL_WAIT_NONE;
}

static void row_from(sqlite3_stmt *q, int64_t now, tc_case *names, referral_row *r)
{
    memset(r, 0, sizeof *r);
    store_column_copy(q, 0, r->id, sizeof r->id);
    store_column_copy(q, 1, r->case_id, sizeof r->case_id);
    store_column_copy(q, 2, r->agency_code, sizeof r->agency_code);
    store_column_copy(q, 3, r->officer_id, sizeof r->officer_id);
    const unsigned char *t = sqlite3_column_text(q, 4);
    if (!t || !referral_state_from_code((const char *)t, &r->state))
        r->state = REFERRAL_STATE_COUNT;
    t = sqlite3_column_text(q, 5);
    if (!t || !referral_urgency_from_code((const char *)t, &r->urgency))
        r->urgency = REFERRAL_EMERGENCY;
    r->wait = wait_of(r->state);
    bool has_due = sqlite3_column_type(q, 6) != SQLITE_NULL;
    r->due = has_due ? (int64_t)sqlite3_column_int64(q, 6) : 0;
    r->overdue = has_due && r->wait != REFERRAL_WAIT_NONE && now >= r->due;
    r->since = (int64_t)sqlite3_column_int64(q, 7);
    store_column_copy(q, 8, r->reference, sizeof r->reference);
    /* The list's name is core's choice among the three. */
    case_init(names);
    store_column_copy(q, 9, names->name_thai, sizeof names->name_thai);
    store_column_copy(q, 10, names->name_latin, sizeof names->name_latin);
    store_column_copy(q, 11, names->name_original, sizeof names->name_original);
    snprintf(r->name, sizeof r->name, "%s", case_display_name(names));
    copy_either(q, 12, 13, r->agency_abbr_th, sizeof r->agency_abbr_th);
    copy_either(q, 14, 15, r->agency_abbr_en, sizeof r->agency_abbr_en);
    store_column_copy(q, 16, r->officer_name, sizeof r->officer_name);
}

static store_status read_rows(store *s, const sqlite3_int64 *ids, size_t n, int64_t now,
                              referral_row *rows)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, row_sql, &q);
    tc_case *names = st == ST_OK ? malloc(sizeof *names) : NULL;
    if (st == ST_OK && !names)
        st = ST_NOMEM;
    for (size_t i = 0; st == ST_OK && i < n; i++) {
        sqlite3_bind_int64(q, 1, ids[i]);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW)
            row_from(q, now, names, &rows[i]);
        else
            st = rc == SQLITE_DONE ? ST_DAMAGED : store_status_from_sqlite(s, rc);
        sqlite3_reset(q);
    }
    free(names);
    sqlite3_finalize(q);
    return st;
}

/* ------------------------------------------------------------ the calls */

store_status store_referral_dashboard(store *s, const referral_filter *f, int64_t now,
                                      size_t offset, referral_row *rows, size_t cap,
                                      size_t *n)
{
    *n = 0;
    if (cap == 0)
        return ST_OK;
    store_status st = referral_due_refresh(s);
    sqlite3_int64 *ids = st == ST_OK ? malloc(cap * sizeof *ids) : NULL;
    if (st == ST_OK && !ids)
        st = ST_NOMEM;
    size_t got = 0;
    if (st == ST_OK)
        st = page_rowids(s, f, now, offset, cap, ids, &got);
    if (st == ST_OK)
        st = read_rows(s, ids, got, now, rows);
    if (st == ST_OK)
        *n = got;
    free(ids);
    return st;
}

#define ALL_OVERDUE "due_at IS NOT NULL AND due_at <= ?1"

store_status store_referral_dashboard_count(store *s, const referral_filter *f, int64_t now,
                                            size_t *open, size_t *overdue)
{
    *open = *overdue = 0;
    store_status st = referral_due_refresh(s);
    if (st == ST_OK)
        st = count_where(s, ALL_OVERDUE, f, now, -1, overdue);
    size_t total = *overdue;
    /* The overdue parts are counted in one range: skip them below. */
    for (size_t i = 0; st == ST_OK && i < PART_COUNT; i++) {
        if (parts[i].overdue || !part_may_hold(&parts[i], f))
            continue;
        size_t k = 0;
        st = count_where(s, parts[i].where, f, now, parts[i].urgency, &k);
        total += k;
    }
    if (f && f->by_state && !referral_state_is_open(f->state))
        total = *overdue = 0;
    if (st == ST_OK)
        *open = total;
    return st;
}

bool referral_dash_query(size_t i, char *out, size_t outsz)
{
    if (i > 2 * PART_COUNT + 1)
        return false;
    if (i == 2 * PART_COUNT + 1)
        snprintf(out, outsz, "%s", row_sql);
    else if (i == 2 * PART_COUNT)
        count_sql(ALL_OVERDUE, out, outsz);
    else if (i % 2 == 0)
        page_sql(&parts[i / 2], out, outsz);
    else
        count_sql(parts[i / 2].where, out, outsz);
    return true;
}

store_status store_referral_count_overdue(store *s, int64_t now, size_t *n)
{
    *n = 0;
    store_status st = referral_due_refresh(s);
    return st == ST_OK ? count_where(s, ALL_OVERDUE, NULL, now, -1, n) : st;
}
