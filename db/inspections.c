/* inspections.c - labour inspections (a versioned table) and the cases
 * each one produced (inspection_cases: one row per case, never removed). */
#include "config.h"
#include "db/record_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fieldtext.h"

/* ---- the table ---- */

static void bind_inspection(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_inspection *in = rec;
    int i = first;
    rec_bind_text(q, i++, in->establishment);
    rec_bind_text(q, i++, in->sector);
    rec_bind_text(q, i++, in->province);
    rec_bind_text(q, i++, in->district);
    rec_bind_date(q, i++, true, in->date);
    rec_bind_text(q, i++, in->joint_team);
    sqlite3_bind_int(q, i++, in->workers_met);
    sqlite3_bind_int(q, i, in->workers_screened);
}

static void read_inspection(sqlite3_stmt *q, int first, void *rec)
{
    tc_inspection *in = rec;
    inspection_init(in);
    int i = first;
    store_column_copy(q, i++, in->establishment, sizeof in->establishment);
    store_column_copy(q, i++, in->sector, sizeof in->sector);
    store_column_copy(q, i++, in->province, sizeof in->province);
    store_column_copy(q, i++, in->district, sizeof in->district);
    if (!rec_column_date(q, i++, &in->date))
        in->date = (caldate){ 0, 0, 0 };
    store_column_copy(q, i++, in->joint_team, sizeof in->joint_team);
    in->workers_met = sqlite3_column_int(q, i++);
    in->workers_screened = sqlite3_column_int(q, i);
}

static void put_inspection_common(void *rec, const record_common *c)
{
    tc_inspection *in = rec;
    in->version = c->version;
    in->entry_withdrawn = c->withdrawn;
    REC_COPY_STAMPS(in, c);
}

static void get_inspection_common(const void *rec, record_common *c)
{
    const tc_inspection *in = rec;
    memset(c, 0, sizeof *c);
    c->version = in->version;
    c->withdrawn = in->entry_withdrawn;
    REC_COPY_STAMPS(c, in);
}

const record_table inspection_table = {
    "inspections",
    "establishment, sector, province, district, date, joint_team, workers_met,"
    " workers_screened",
    8, sizeof(tc_inspection), bind_inspection, read_inspection, put_inspection_common,
    get_inspection_common,
};

/* ---- add, get, list, correct ---- */

static store_status validate_inspection(store *s, const tc_inspection *in,
                                        inspection_check *problem)
{
    store_code_list sectors;
    store_status st = store_code_list_get(s, LIST_SECTOR, &sectors);
    if (st != ST_OK)
        return st;
    inspection_check chk = inspection_validate(in, sectors.list, store_today(s));
    store_code_list_free(&sectors);
    if (problem)
        *problem = chk;
    return chk.problem == INSPECTION_OK ? ST_OK : ST_INVALID;
}

static void clear_problem(inspection_check *problem)
{
    if (problem)
        *problem = (inspection_check){ INSPECTION_OK, NULL };
}

static store_status add_in_tx(store *s, tc_inspection *in, inspection_check *problem)
{
    store_status st = validate_inspection(s, in, problem);
    if (st != ST_OK)
        return st;
    return record_add(s, &inspection_table, in, "inspection.add");
}

store_status store_inspection_add(store *s, tc_inspection *in, inspection_check *problem)
{
    clear_problem(problem);
    tc_inspection work = *in;
    work.entry_withdrawn = false;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, &work, problem));
    if (st == ST_OK)
        *in = work;
    return st;
}

store_status store_inspection_get(store *s, const char *id, int version, tc_inspection *out)
{
    record_common c;
    return record_read(s, &inspection_table, id, version, out, &c);
}

store_status store_inspection_list(store *s, size_t offset, size_t limit,
                                   tc_inspection **out, size_t *n)
{
    char tail[160];
    /* Offset and limit are numbers we format ourselves, never text. */
    snprintf(tail, sizeof tail,
             "WHERE is_current = 1 ORDER BY date DESC, audit_seq DESC"
             " LIMIT %lld OFFSET %lld",
             limit ? (long long)limit : -1LL, (long long)offset);
    void *arr = NULL;
    store_status st = record_select(s, &inspection_table, tail, "", &arr, n);
    *out = arr;
    return st;
}

static store_status correct_in_tx(store *s, tc_inspection *in, const char *reason,
                                  record_problem *change_problem, inspection_check *problem)
{
    tc_inspection cur;
    record_common next;
    store_status st = record_prepare_correction(s, &inspection_table, in->id, reason, &cur,
                                                &next, change_problem);
    if (st != ST_OK)
        return st;
    in->entry_withdrawn = false;
    st = validate_inspection(s, in, problem);
    if (st == ST_OK)
        st = record_write(s, &inspection_table, &next, in, "correct", reason, "record.correct");
    if (st == ST_OK)
        put_inspection_common(in, &next);
    return st;
}

store_status store_inspection_correct(store *s, tc_inspection *in, const char *reason,
                                      record_problem *change_problem,
                                      inspection_check *problem)
{
    clear_problem(problem);
    if (change_problem)
        *change_problem = RECORD_OK;
    tc_inspection work = *in;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, correct_in_tx(s, &work, reason, change_problem, problem));
    if (st == ST_OK)
        *in = work;
    return st;
}

/* ---- links to cases ---- */

static store_status insert_link(store *s, const char *inspection_id, const char *case_id)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    int64_t seq = 0;
    store_new_id(id);
    store_now_iso(s, now);
    store_status st = rec_audit(s, "inspection.link", "inspection_cases", id, &seq);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s,
            "INSERT INTO inspection_cases(id, inspection_id, case_id, audit_seq, created_at,"
            " updated_at, created_by, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, id);
    rec_bind_text(q, 2, inspection_id);
    rec_bind_text(q, 3, case_id);
    sqlite3_bind_int64(q, 4, seq);
    rec_bind_text(q, 5, now);
    rec_bind_text(q, 6, s->me.id);
    return store_step_done(s, q);
}

static store_status link_in_tx(store *s, const char *inspection_id, const char *case_id)
{
    tc_inspection in;
    record_common c;
    store_status st = record_read(s, &inspection_table, inspection_id, 0, &in, &c);
    if (st == ST_OK)
        st = store_case_exists(s, case_id);
    if (st != ST_OK)
        return st;
    if (in.entry_withdrawn)
        return ST_INVALID;
    bool linked = false;
    st = rec_exists(s, "SELECT 1 FROM inspection_cases WHERE case_id = ?1", case_id, &linked);
    if (st == ST_OK && linked)
        st = ST_DUPLICATE;
    return st == ST_OK ? insert_link(s, inspection_id, case_id) : st;
}

store_status store_inspection_link_case(store *s, const char *inspection_id,
                                        const char *case_id)
{
    store_status st = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (st == ST_OK)
        st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, link_in_tx(s, inspection_id, case_id));
}

store_status store_case_inspection(store *s, const char *case_id, tc_inspection *out)
{
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT inspection_id FROM inspection_cases"
                                          " WHERE case_id = ?1", case_id, &q);
    if (st != ST_OK)
        return st;
    char id[TC_ID_LEN];
    store_column_copy(q, 0, id, sizeof id);
    sqlite3_finalize(q);
    return store_inspection_get(s, id, 0, out);
}

store_status store_inspection_cases(store *s, const char *inspection_id,
                                    tc_case_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT l.case_id FROM inspection_cases l"
                                       " JOIN cases c ON c.id = l.case_id"
                                       " WHERE l.inspection_id = ?1"
                                       " AND" STORE_CASE_SCOPE("c", "?2", "?3")
                                       " ORDER BY c.sort_date DESC, c.created_at DESC", &q);
    if (st != ST_OK)
        return st;
    rec_bind_text(q, 1, inspection_id);
    /* A field officer sees only his own cases among those it found. */
    store_bind_scope(s, q, 2, 3);
    char (*ids)[TC_ID_LEN] = NULL;
    size_t count = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char (*grown)[TC_ID_LEN] = realloc(ids, (count + 1) * sizeof *ids);
        if (!grown) {
            st = ST_NOMEM;
            break;
        }
        ids = grown;
        store_column_copy(q, 0, ids[count++], TC_ID_LEN);
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    tc_case_row *rows = NULL;
    if (st == ST_OK && count) {
        rows = calloc(count, sizeof *rows);
        if (!rows)
            st = ST_NOMEM;
    }
    for (size_t i = 0; st == ST_OK && i < count; i++)
        st = store_case_row(s, ids[i], &rows[i]);
    free(ids);
    if (st != ST_OK) {
        free(rows);
        return st;
    }
    *out = rows;
    *n = count;
    return ST_OK;
}
