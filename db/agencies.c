/* agencies.c - the agency directory in the store (db/referrals.h): a
 * versioned table (db/record_internal.h), so every edit an administrator
 * makes keeps the version before it, and migration 6's loading of the
 * shipped directory (db/builtin_agencies.h). */
#include "config.h"
#include "db/referrals_internal.h"
#include "db/builtin_agencies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"
#include "core/utf8.h"

/* ------------------------------------------------------------- the table */

static void bind_agency(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_agency *a = rec;
    char services[NEED_SET_TEXT_MAX];
    if (!need_set_format(a->services, services, sizeof services))
        services[0] = '\0';
    int i = first;
    rec_bind_text(q, i++, a->code);
    rec_bind_text(q, i++, agency_type_code(a->type));
    rec_bind_text(q, i++, agency_level_code(a->level));
    rec_bind_text(q, i++, a->province);
    rec_bind_text(q, i++, a->country);
    rec_bind_text(q, i++, a->name_th);
    rec_bind_text(q, i++, a->name_en);
    rec_bind_text(q, i++, a->abbr_th);
    rec_bind_text(q, i++, a->abbr_en);
    rec_bind_text(q, i++, services);
    rec_bind_text(q, i++, a->phone);
    rec_bind_text(q, i++, a->line_id);
    rec_bind_text(q, i++, a->email);
    rec_bind_text(q, i++, a->address);
    rec_bind_text(q, i++, a->focal_name);
    rec_bind_text(q, i++, a->focal_phone);
    rec_bind_text(q, i++, a->note);
    sqlite3_bind_int(q, i, a->active ? 1 : 0);
}

static void read_agency(sqlite3_stmt *q, int first, void *rec)
{
    tc_agency *a = rec;
    agency_init(a);
    int i = first;
    store_column_copy(q, i++, a->code, sizeof a->code);
    const unsigned char *t = sqlite3_column_text(q, i++);
    if (!t || !agency_type_from_code((const char *)t, &a->type))
        a->type = AGENCY_TYPE_COUNT;        /* unknown: fails validation if edited */
    t = sqlite3_column_text(q, i++);
    if (!t || !agency_level_from_code((const char *)t, &a->level))
        a->level = AGENCY_LEVEL_COUNT;
    store_column_copy(q, i++, a->province, sizeof a->province);
    store_column_copy(q, i++, a->country, sizeof a->country);
    store_column_copy(q, i++, a->name_th, sizeof a->name_th);
    store_column_copy(q, i++, a->name_en, sizeof a->name_en);
    store_column_copy(q, i++, a->abbr_th, sizeof a->abbr_th);
    store_column_copy(q, i++, a->abbr_en, sizeof a->abbr_en);
    t = sqlite3_column_text(q, i++);
    if (!t || !need_set_parse((const char *)t, &a->services))
        a->services = 0;
    store_column_copy(q, i++, a->phone, sizeof a->phone);
    store_column_copy(q, i++, a->line_id, sizeof a->line_id);
    store_column_copy(q, i++, a->email, sizeof a->email);
    store_column_copy(q, i++, a->address, sizeof a->address);
    store_column_copy(q, i++, a->focal_name, sizeof a->focal_name);
    store_column_copy(q, i++, a->focal_phone, sizeof a->focal_phone);
    store_column_copy(q, i++, a->note, sizeof a->note);
    a->active = sqlite3_column_int(q, i) != 0;
}

static void put_agency_common(void *rec, const record_common *c)
{
    tc_agency *a = rec;
    REC_COPY_STAMPS(a, c);
}

static void get_agency_common(const void *rec, record_common *c)
{
    const tc_agency *a = rec;
    memset(c, 0, sizeof *c);
    REC_COPY_STAMPS(c, a);
}

#define AGENCY_CONTENT_COLUMNS \
    "code, type, level, province, country, name_th, name_en, abbr_th, abbr_en, services," \
    " phone, line_id, email, address, focal_name, focal_phone, note, active"

const record_table agency_table = {
    "agencies", AGENCY_CONTENT_COLUMNS, 18, sizeof(tc_agency),
    bind_agency, read_agency, put_agency_common, get_agency_common,
};

/* ------------------------------------------------------------ migration */

static int insert_builtin(sqlite3_stmt *q, const tc_agency *a, const char *now)
{
    char row_id[TC_ID_LEN], record_id[TC_ID_LEN];
    store_new_id(row_id);
    store_new_id(record_id);
    sqlite3_bind_text(q, 1, row_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, record_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    tc_agency row = *a;
    row.active = true;
    bind_agency(q, 4, &row);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int builtin_agencies_migrate(sqlite3 *db, const migrate_context *ctx)
{
    agency_directory *dir = NULL;
    for (size_t f = 0; f < builtin_agency_file_count && !dir; f++)
        if (!agency_directory_parse(builtin_agency_files[f].text, builtin_agency_files[f].len,
                                    &dir, NULL))
            dir = NULL;
    if (!dir)
        return SQLITE_OK;   /* see builtin_agencies.h: an empty directory */
    char at[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(ctx->now, at);
    sqlite3_stmt *q = NULL;
    /* Version 1 of each record, with no audit row: the migration's own
     * rows, like the built-in instruments and code lists. */
    int rc = sqlite3_prepare_v2(db,
        "INSERT INTO agencies(id, record_id, version, is_current, change, change_reason,"
        " audit_seq, entry_withdrawn, created_at, updated_at, " AGENCY_CONTENT_COLUMNS ")"
        " VALUES(?1, ?2, 1, 1, 'add', '', 0, 0, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)", -1, &q, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < dir->count; i++)
        rc = insert_builtin(q, &dir->agencies[i], at);
    sqlite3_finalize(q);
    agency_directory_free(dir);
    return rc;
}

/* --------------------------------------------------------------- reading */

/* The record id of the agency with that code (any version). */
static store_status agency_record_id(store *s, const char *code, char id[TC_ID_LEN])
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s,
        "SELECT record_id FROM agencies WHERE code = ?1 AND is_current = 1", code, &q);
    if (st != ST_OK)
        return st;
    store_column_copy(q, 0, id, TC_ID_LEN);
    sqlite3_finalize(q);
    return ST_OK;
}

store_status agency_current(store *s, const char *code, tc_agency *out, record_common *c)
{
    if (!code || !field_terminated(code, TC_CODE_MAX + 1))
        return ST_NOT_FOUND;
    char id[TC_ID_LEN];
    record_common local;
    store_status st = agency_record_id(s, code, id);
    return st == ST_OK ? record_read(s, &agency_table, id, 0, out, c ? c : &local) : st;
}

store_status store_agency_get(store *s, const char *code, int version, tc_agency *out)
{
    if (version < 0)
        return ST_NOT_FOUND;
    if (!code || !field_terminated(code, TC_CODE_MAX + 1))
        return ST_NOT_FOUND;
    char id[TC_ID_LEN];
    record_common c;
    store_status st = agency_record_id(s, code, id);
    return st == ST_OK ? record_read(s, &agency_table, id, version, out, &c) : st;
}

/* The directory's order: by type, then English name, then code. */
static int agency_order(const void *a, const void *b)
{
    const tc_agency *x = a, *y = b;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    int c = strcmp(x->name_en, y->name_en);
    return c ? c : strcmp(x->code, y->code);
}

/* Keeps the agencies that pass the filter, in place; returns how many. */
static size_t keep_matching(tc_agency *all, size_t n, const char *search, bool include_retired)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (!include_retired && !all[i].active)
            continue;
        if (!agency_matches(&all[i], search))
            continue;
        if (kept != i)
            all[kept] = all[i];
        kept++;
    }
    return kept;
}

store_status store_agency_list(store *s, const char *search, bool include_retired,
                               tc_agency **out, size_t *n)
{
    void *arr = NULL;
    *out = NULL;
    *n = 0;
    /* The directory is small (hundreds of rows): search is core's
     * agency_matches() over every current row, not SQL. */
    size_t count = 0;
    store_status st = record_select(s, &agency_table, "WHERE is_current = 1", NULL, &arr,
                                    &count);
    if (st != ST_OK)
        return st;
    tc_agency *all = arr;
    count = keep_matching(all, count, search, include_retired);
    if (count == 0) {
        free(all);
        return ST_OK;
    }
    qsort(all, count, sizeof *all, agency_order);
    *out = all;
    *n = count;
    return ST_OK;
}

store_status store_agency_versions(store *s, const char *code, record_version **out,
                                   size_t *n)
{
    *out = NULL;
    *n = 0;
    char id[TC_ID_LEN];
    store_status st = agency_record_id(s, code, id);
    if (st != ST_OK)
        return st;
    sqlite3_stmt *q = NULL;
    st = store_prepare(s,
        "SELECT v.version, v.change, v.change_reason, v.updated_at, v.updated_by, o.name"
        " FROM agencies v LEFT JOIN officers o ON o.id = v.updated_by"
        " WHERE v.record_id = ?1 ORDER BY v.version", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    record_version *arr = NULL;
    size_t count = 0, cap = 0;
    int rc;
    while (st == ST_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (count == cap) {
            size_t ncap = cap ? 2 * cap : 4;
            record_version *grown = realloc(arr, ncap * sizeof *grown);
            if (!grown) {
                st = ST_NOMEM;
                break;
            }
            arr = grown, cap = ncap;
        }
        record_version *v = &arr[count++];
        memset(v, 0, sizeof *v);
        v->version = sqlite3_column_int(q, 0);
        store_column_copy(q, 1, v->change, sizeof v->change);
        store_column_copy(q, 2, v->reason, sizeof v->reason);
        v->at = store_column_time(q, 3);
        store_column_copy(q, 4, v->officer_id, sizeof v->officer_id);
        store_column_copy(q, 5, v->officer_name, sizeof v->officer_name);
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    if (st != ST_OK) {
        free(arr);
        return st;
    }
    *out = arr;
    *n = count;
    return ST_OK;
}

/* --------------------------------------------------------------- writing */

static store_status validate_agency(const tc_agency *a, agency_check *problem)
{
    agency_check chk = agency_validate(a);
    if (problem)
        *problem = chk;
    return chk.problem == AGENCY_OK ? ST_OK : ST_INVALID;
}

static store_status code_taken(store *s, const char *code, bool *taken)
{
    return rec_exists(s, "SELECT 1 FROM agencies WHERE code = ?1 LIMIT 1", code, taken);
}

static store_status add_in_tx(store *s, tc_agency *a)
{
    bool taken = false;
    store_status st = code_taken(s, a->code, &taken);
    if (st == ST_OK && taken)
        st = ST_DUPLICATE;
    if (st != ST_OK)
        return st;
    return record_add(s, &agency_table, a, "agency.add");
}

static void clear_problem(agency_check *problem)
{
    if (problem)
        *problem = (agency_check){ AGENCY_OK, NULL };
}

store_status store_agency_add(store *s, tc_agency *a, agency_check *problem)
{
    clear_problem(problem);
    if (store_may(s, ACCESS_DIRECTORY) != ST_OK)
        return ST_DENIED;
    tc_agency *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *a;
    memset(work->id, 0, sizeof work->id);
    store_status st = validate_agency(work, problem);
    if (st == ST_OK)
        st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, work));
    if (st == ST_OK)
        *a = *work;
    free(work);
    return st;
}

/* An edit's reason is optional, but when given it is one clean line that
 * fits the version's reason column. */
static agency_problem reason_problem(const char *reason)
{
    if (!reason)
        return AGENCY_OK;
    if (field_bounded_length(reason, RECORD_REASON_MAX + 1) > RECORD_REASON_MAX)
        return AGENCY_TEXT_TOO_LONG;
    if (!utf8_valid(reason) || utf8_has_control(reason, false) || utf8_has_bidi_control(reason))
        return AGENCY_TEXT_BAD;
    return AGENCY_OK;
}

static store_status edit_in_tx(store *s, tc_agency *a, tc_agency *cur, const char *reason)
{
    record_common c;
    store_status st = agency_current(s, a->code, cur, &c);
    if (st != ST_OK)
        return st;
    c.version++;
    st = record_write(s, &agency_table, &c, a, "edit", reason, "agency.edit");
    if (st == ST_OK)
        put_agency_common(a, &c);
    return st;
}

store_status store_agency_edit(store *s, tc_agency *a, const char *reason,
                               agency_check *problem)
{
    clear_problem(problem);
    if (store_may(s, ACCESS_DIRECTORY) != ST_OK)
        return ST_DENIED;
    agency_problem rp = reason_problem(reason);
    if (rp != AGENCY_OK) {
        if (problem)
            *problem = (agency_check){ rp, "reason" };
        return ST_INVALID;
    }
    tc_agency *work = malloc(2 * sizeof *work);
    if (!work)
        return ST_NOMEM;
    work[0] = *a;
    store_status st = validate_agency(&work[0], problem);
    if (st == ST_OK)
        st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, edit_in_tx(s, &work[0], &work[1], reason));
    if (st == ST_OK)
        *a = work[0];
    free(work);
    return st;
}
