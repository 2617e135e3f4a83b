/* htcds_store.c - the HTCDS export's one read of the store (see
 * htcds_store.h).
 *
 * One statement walks the cases of the period; each of a case's other
 * facts is a correlated subquery on an index by case id (the current
 * intake, first nationality, latest identification decision, needs under
 * way, referrals sent, the return and reintegration plans, the last
 * closure, the screening answers "yes").  Lists come back as comma lists
 * of codes (group_concat) and are read into an htcds_case, which core maps
 * to a row at once: the rows are all that is kept. */
#include "config.h"
#include "db/htcds_store.h"
#include "db/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/caserec.h"
#include "core/identification.h"
#include "core/stage.h"

/* Cases by id (a random UUID), so even the read order says nothing about
 * when a case was made; the export shuffles again anyway. */
static const char htcds_sql[] =
    "SELECT p.sex, p.birth_date, p.estimated_age, c.sort_date,"
    " (SELECT n.country FROM case_nationalities n WHERE n.case_id = c.id"
    "  ORDER BY n.position LIMIT 1),"
    " i.exploitation, i.sector, i.recruitment, i.documents,"
    " (SELECT d.outcome || ' ' || d.body FROM identifications d WHERE d.case_id = c.id"
    "  ORDER BY d.created_at DESC, d.rowid DESC LIMIT 1),"
    " (SELECT group_concat(DISTINCT n.kind) FROM needs n WHERE n.case_id = c.id"
    "  AND n.is_current = 1 AND n.entry_withdrawn = 0"
    "  AND n.state IN ('referred', 'in_progress', 'provided')),"
    " (SELECT group_concat(DISTINCT a.type) FROM referrals r"
    "  JOIN agencies a ON a.code = r.agency_code AND a.is_current = 1"
    "  WHERE r.case_id = c.id AND r.sent_at IS NOT NULL),"
    " EXISTS (SELECT 1 FROM repatriations t WHERE t.case_id = c.id AND t.is_current = 1"
    "  AND t.entry_withdrawn = 0 AND t.state = 'returned'),"
    " EXISTS (SELECT 1 FROM reintegrations g WHERE g.case_id = c.id AND g.is_current = 1"
    "  AND g.entry_withdrawn = 0 AND g.closed = 0),"
    " (SELECT k.action || ' ' || k.reason FROM case_closures k WHERE k.case_id = c.id"
    "  ORDER BY k.audit_seq DESC LIMIT 1),"
    " (SELECT group_concat(DISTINCT a.indicator_code) FROM screenings s"
    "  JOIN screening_answers a ON a.screening_id = s.id"
    "  WHERE s.case_id = c.id AND a.value = 'yes')"
    " FROM cases c JOIN persons p ON p.id = c.person_id"
    " LEFT JOIN intakes i ON i.case_id = c.id AND i.is_current = 1 AND i.entry_withdrawn = 0"
    " WHERE c.sort_date BETWEEN ?1 AND ?2"
    " ORDER BY c.id";

enum { COL_SEX, COL_BIRTH, COL_AGE, COL_SORT_DATE, COL_NATIONALITY, COL_EXPLOITATION,
       COL_SECTOR, COL_RECRUITMENT, COL_DOCUMENTS, COL_DECISION, COL_NEEDS, COL_TYPES,
       COL_RETURNED, COL_REINTEGRATION, COL_CLOSURE, COL_INDICATORS };

#define ITEM_MAX 64         /* bytes of one code of a list: codes are shorter */

/* Calls fn on each item of a comma list ("a,b"); NULL or "" has none.
 * An item too long to be a code is skipped. */
static void each_item(const char *list, void (*fn)(const char *item, void *ctx), void *ctx)
{
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        if (len > 0 && len < ITEM_MAX) {
            char item[ITEM_MAX];
            memcpy(item, p, len);
            item[len] = '\0';
            fn(item, ctx);
        }
        p += len + (p[len] == ',');
    }
}

/* "passport:employer": the holder is what the export needs. */
static void add_holder(const char *item, void *ctx)
{
    htcds_case *c = ctx;
    const char *colon = strchr(item, ':');
    if (colon && c->n_holders < HTCDS_MAX_HOLDERS && strlen(colon + 1) <= TC_CODE_MAX)
        memcpy(c->holders[c->n_holders++], colon + 1, strlen(colon + 1) + 1);
}

static void add_agency_type(const char *item, void *ctx)
{
    agency_type t;
    if (agency_type_from_code(item, &t))
        ((htcds_case *)ctx)->referred_types |= UINT32_C(1) << t;
}

static void add_indicator(const char *item, void *ctx)
{
    ((htcds_case *)ctx)->indicator_controls |= htcds_indicator_controls(item);
}

/* Age at the registration day: from the date of birth, else the estimate
 * (recorded as years at the date met). */
static int age_at(sqlite3_stmt *q, caldate registered, bool registered_known)
{
    caldate birth;
    if (registered_known && caldate_parse_iso(store_column_text(q, COL_BIRTH), &birth) &&
        caldate_compare(birth, registered) <= 0)
        return caldate_age_years(birth, registered);
    if (sqlite3_column_type(q, COL_AGE) == SQLITE_INTEGER)
        return sqlite3_column_int(q, COL_AGE);
    return -1;
}

/* "victim_trafficking police" */
static void read_decision(const char *text, htcds_case *c)
{
    char outcome[ITEM_MAX] = "", body[ITEM_MAX] = "";
    if (sscanf(text, "%63s %63s", outcome, body) != 2)
        return;
    ident_outcome o;
    ident_body b;
    if (!ident_outcome_from_code(outcome, &o) || !ident_body_from_code(body, &b))
        return;
    c->identified = o != IDENT_PENDING;
    c->ident_outcome = (int)o;
    c->ident_body = (int)b;
}

/* "close transferred" / "reopen " */
static void read_closure(const char *text, htcds_case *c)
{
    char action[ITEM_MAX] = "", reason[ITEM_MAX] = "";
    if (sscanf(text, "%63s %63s", action, reason) < 1 || strcmp(action, "close"))
        return;
    closure_reason r;
    c->closed = true;
    c->closure_reason = closure_reason_from_code(reason, &r) ? (int)r : CLOSE_OTHER;
}

static void case_from_row(sqlite3_stmt *q, htcds_case *c)
{
    htcds_case_init(c);
    c->sex = (int)store_column_sex(q, COL_SEX);
    caldate registered;
    bool known = caldate_parse_iso(store_column_text(q, COL_SORT_DATE), &registered);
    c->year = known ? registered.year : 0;
    c->age = age_at(q, registered, known);
    if (strlen(store_column_text(q, COL_NATIONALITY)) == 2)
        memcpy(c->nationality, store_column_text(q, COL_NATIONALITY), 3);
    c->n_exploitation = store_split_codes(store_column_text(q, COL_EXPLOITATION),
                                          c->exploitation[0], sizeof c->exploitation[0],
                                          INTAKE_MAX_EXPLOITATION);
    store_column_copy(q, COL_SECTOR, c->sector, sizeof c->sector);
    store_column_copy(q, COL_RECRUITMENT, c->recruitment, sizeof c->recruitment);
    each_item(store_column_text(q, COL_DOCUMENTS), add_holder, c);
    read_decision(store_column_text(q, COL_DECISION), c);
    need_set needs = 0;
    if (need_set_parse(store_column_text(q, COL_NEEDS), &needs))
        c->needs = (uint32_t)needs;
    each_item(store_column_text(q, COL_TYPES), add_agency_type, c);
    c->repatriated = sqlite3_column_int(q, COL_RETURNED) != 0;
    c->followup = sqlite3_column_int(q, COL_REINTEGRATION) != 0;
    read_closure(store_column_text(q, COL_CLOSURE), c);
    each_item(store_column_text(q, COL_INDICATORS), add_indicator, c);
}

static void read_row(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    htcds_case c;
    case_from_row(q, &c);
    htcds_row_from_case(&c, elem);
}

store_status store_htcds_rows(store *s, const report_period *p, htcds_export *out)
{
    memset(out, 0, sizeof *out);
    if (store_may(s, ACCESS_EXPORT) != ST_OK)
        return ST_DENIED;
    char from[CALDATE_ISO_LEN] = "0000-01-01", to[CALDATE_ISO_LEN] = "9999-12-31";
    if (p) {
        caldate_format_iso(p->from, from);
        caldate_format_iso(p->to, to);
    }
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, htcds_sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, to, -1, SQLITE_TRANSIENT);
    void *rows = NULL;
    size_t n = 0;
    st = store_collect(s, q, sizeof(htcds_row), read_row, NULL, &rows, &n);
    if (st == ST_OK) {
        out->rows = rows;
        out->n_rows = n;
    }
    return st;
}
