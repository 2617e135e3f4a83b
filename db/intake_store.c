/* intake_store.c - a case's intake, saved whole.  The intakes table is a
 * versioned table (record_internal.h) whose record id is the case id:
 * every save appends a version, so what an intake said before a save is
 * never lost.
 *
 * The lists of an intake are stored as text: transit countries "MM,LA",
 * exploitation types "forced_labour,debt_bondage", documents
 * "passport:employer,work_permit:broker".  Codes are [a-z0-9_] and
 * countries two letters (intake_validate), so ',' and ':' never occur in
 * them. */
#include "config.h"
#include "db/record_internal.h"
#include "core/fieldtext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_TEXT_MAX 1024

/* ---- lists as text ---- */

static void join_codes(const char *items, size_t stride, int n, int max, char *out,
                       size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && i < max; i++) {
        int w = snprintf(out + len, outsz - len, "%s%s", i ? "," : "", items + (size_t)i * stride);
        if (w < 0 || (size_t)w >= outsz - len)
            break;
        len += (size_t)w;
    }
}

static void join_documents(const tc_intake *in, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < in->n_documents && i < INTAKE_MAX_DOCUMENTS; i++) {
        int w = snprintf(out + len, outsz - len, "%s%s:%s", i ? "," : "",
                         in->documents[i].kind, in->documents[i].holder);
        if (w < 0 || (size_t)w >= outsz - len)
            break;
        len += (size_t)w;
    }
}

static void split_documents(const char *text, tc_intake *in)
{
    char pairs[INTAKE_MAX_DOCUMENTS][2 * TC_CODE_MAX + 2];
    int n = store_split_codes(text, &pairs[0][0], sizeof pairs[0], INTAKE_MAX_DOCUMENTS);
    in->n_documents = 0;
    for (int i = 0; i < n; i++) {
        char *colon = strchr(pairs[i], ':');
        const char *holder = colon ? colon + 1 : "";
        if (colon)
            *colon = '\0';
        /* Each half is a code: one longer was not written by tipcase. */
        if (strlen(pairs[i]) > TC_CODE_MAX || strlen(holder) > TC_CODE_MAX)
            continue;
        intake_document *d = &in->documents[in->n_documents++];
        memcpy(d->kind, pairs[i], strlen(pairs[i]) + 1);
        memcpy(d->holder, holder, strlen(holder) + 1);
    }
}

/* ---- the table ---- */

static void bind_intake(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_intake *in = rec;
    char transit[LIST_TEXT_MAX], exploitation[LIST_TEXT_MAX], documents[LIST_TEXT_MAX];
    join_codes(&in->transit[0][0], sizeof in->transit[0], in->n_transit, INTAKE_MAX_TRANSIT,
               transit, sizeof transit);
    join_codes(&in->exploitation[0][0], sizeof in->exploitation[0], in->n_exploitation,
               INTAKE_MAX_EXPLOITATION, exploitation, sizeof exploitation);
    join_documents(in, documents, sizeof documents);
    int i = first;
    rec_bind_text(q, i++, in->case_id);
    rec_bind_text(q, i++, in->district);
    rec_bind_text(q, i++, in->establishment);
    rec_bind_text(q, i++, in->sector);
    rec_bind_text(q, i++, in->origin);
    rec_bind_text(q, i++, transit);
    rec_bind_text(q, i++, in->exploitation_country);
    rec_bind_text(q, i++, crossing_code(in->crossing));
    rec_bind_text(q, i++, in->crossing_point);
    rec_bind_text(q, i++, exploitation);
    rec_bind_date(q, i++, in->exploitation_from_known, in->exploitation_from);
    rec_bind_date(q, i++, in->exploitation_to_known, in->exploitation_to);
    rec_bind_text(q, i++, in->recruitment);
    rec_bind_text(q, i++, documents);
    rec_bind_text(q, i, in->immigration);
}

static void read_intake(sqlite3_stmt *q, int first, void *rec)
{
    tc_intake *in = rec;
    intake_init(in);
    int i = first;
    store_column_copy(q, i++, in->case_id, sizeof in->case_id);
    store_column_copy(q, i++, in->district, sizeof in->district);
    store_column_copy(q, i++, in->establishment, sizeof in->establishment);
    store_column_copy(q, i++, in->sector, sizeof in->sector);
    store_column_copy(q, i++, in->origin, sizeof in->origin);
    const unsigned char *t = sqlite3_column_text(q, i++);
    in->n_transit = store_split_codes(t ? (const char *)t : "", &in->transit[0][0],
                                sizeof in->transit[0], INTAKE_MAX_TRANSIT);
    store_column_copy(q, i++, in->exploitation_country, sizeof in->exploitation_country);
    const unsigned char *crossing = sqlite3_column_text(q, i++);
    if (!crossing || !crossing_from_code((const char *)crossing, &in->crossing))
        in->crossing = CROSSING_UNKNOWN;
    store_column_copy(q, i++, in->crossing_point, sizeof in->crossing_point);
    t = sqlite3_column_text(q, i++);
    in->n_exploitation = store_split_codes(t ? (const char *)t : "", &in->exploitation[0][0],
                                     sizeof in->exploitation[0], INTAKE_MAX_EXPLOITATION);
    in->exploitation_from_known = rec_column_date(q, i++, &in->exploitation_from);
    in->exploitation_to_known = rec_column_date(q, i++, &in->exploitation_to);
    store_column_copy(q, i++, in->recruitment, sizeof in->recruitment);
    t = sqlite3_column_text(q, i++);
    split_documents(t ? (const char *)t : "", in);
    store_column_copy(q, i, in->immigration, sizeof in->immigration);
}

static void put_intake_common(void *rec, const record_common *c)
{
    tc_intake *in = rec;
    in->created_at = c->created_at;
    in->updated_at = c->updated_at;
    memcpy(in->created_by, c->created_by, sizeof in->created_by);
    memcpy(in->updated_by, c->updated_by, sizeof in->updated_by);
}

static void get_intake_common(const void *rec, record_common *c)
{
    const tc_intake *in = rec;
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", in->case_id);
    c->created_at = in->created_at;
    c->updated_at = in->updated_at;
    memcpy(c->created_by, in->created_by, sizeof c->created_by);
    memcpy(c->updated_by, in->updated_by, sizeof c->updated_by);
}

const record_table intake_table = {
    "intakes",
    "case_id, district, establishment, sector, origin, transit, exploitation_country,"
    " crossing, crossing_point, exploitation, exploitation_from, exploitation_to,"
    " recruitment, documents, immigration",
    15, sizeof(tc_intake), bind_intake, read_intake, put_intake_common, get_intake_common,
};

/* ---- the calls ---- */

store_status store_intake_get(store *s, const char *case_id, tc_intake *out)
{
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    record_common c;
    store_status st = record_read(s, &intake_table, case_id, 0, out, &c);
    if (st == ST_NOT_FOUND) {
        intake_init(out);
        snprintf(out->case_id, sizeof out->case_id, "%s", case_id ? case_id : "");
    }
    return st;
}

static store_status validate_intake(store *s, const tc_intake *in, intake_check *problem)
{
    store_intake_lists lists;
    store_status st = store_intake_lists_get(s, &lists);
    if (st != ST_OK)
        return st;
    intake_check chk = intake_validate(in, &lists.lists, store_today(s));
    store_intake_lists_free(&lists);
    if (problem)
        *problem = chk;
    return chk.problem == INTAKE_OK ? ST_OK : ST_INVALID;
}

static store_status save_in_tx(store *s, tc_intake *work, intake_check *problem)
{
    store_status st = store_case_exists(s, work->case_id);
    if (st == ST_OK)
        st = validate_intake(s, work, problem);
    if (st != ST_OK)
        return st;
    tc_intake *cur = malloc(sizeof *cur);
    if (!cur)
        return ST_NOMEM;
    record_common c;
    st = record_read(s, &intake_table, work->case_id, 0, cur, &c);
    free(cur);
    if (st == ST_NOT_FOUND) {
        /* The first save: version 1, its record id the case's. */
        memset(&c, 0, sizeof c);
        snprintf(c.id, sizeof c.id, "%s", work->case_id);
        st = ST_OK;
    } else if (st == ST_OK) {
        c.version++;
    }
    if (st == ST_OK)
        st = record_write(s, &intake_table, &c, work, c.version > 1 ? "update" : "add", NULL,
                          "intake.save");
    if (st == ST_OK)
        put_intake_common(work, &c);
    return st;
}

store_status store_intake_save(store *s, tc_intake *in, intake_check *problem)
{
    if (problem)
        *problem = (intake_check){ INTAKE_OK, NULL };
    if (!field_terminated(in->case_id, sizeof in->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, in->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_intake *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *in;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, save_in_tx(s, work, problem));
    if (st == ST_OK)
        *in = *work;
    free(work);
    return st;
}

store_status store_intake_versions(store *s, const char *case_id, tc_intake **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (allowed != ST_OK)
        return allowed;
    void *arr = NULL;
    store_status st = record_select(s, &intake_table, "WHERE record_id = ?1 ORDER BY version",
                                  case_id, &arr, n);
    *out = arr;
    return st;
}
