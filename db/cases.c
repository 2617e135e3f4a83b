/* cases.c - cases (with their person) and settings.
 *
 * A case row and its person row are written together; the case carries
 * the reference (STORE-YEAR-NUMBER, from case_counters in the same
 * transaction, so two cases never share a number) and search_key, the
 * folded names that search matches against.  All of it stays inside the
 * encrypted database. */
#include "config.h"
#include "db/store.h"
#include <sodium.h>
#include "db/store_internal.h"
#include "db/record_internal.h"
#include "db/case_grams.h"
#include "i18n/thaitext.h"
#include "core/caseref.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEARCH_KEY_MAX (4 * (CASE_NAME_MAX + 1) + CASE_ALIASES_MAX + 8)
#define PATTERN_MAX (2 * SEARCH_KEY_MAX + 3)

/* ---- binding helpers ---- */

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *t)
{
    if (t && *t)
        sqlite3_bind_text(q, i, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

static void bind_date_or_null(sqlite3_stmt *q, int i, bool known, caldate d)
{
    char iso[CALDATE_ISO_LEN];
    if (!known) {
        sqlite3_bind_null(q, i);
        return;
    }
    caldate_format_iso(d, iso);
    sqlite3_bind_text(q, i, iso, -1, SQLITE_TRANSIENT);
}

static bool column_date(sqlite3_stmt *q, int col, caldate *out)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t && caldate_parse_iso((const char *)t, out);
}

/* The date the list sorts by (see the cases table in migrate.c). */
static void sort_date_of(const store *s, const tc_case *c, char out[CALDATE_ISO_LEN])
{
    caldate d = c->date_met_known ? c->date_met
                                  : caldate_from_timestamp(c->created_at, s->clock.utc_offset);
    caldate_format_iso(d, out);
}

/* ---- the statements one write uses, prepared once per transaction ---- */

enum {
    W_COUNTER_SEED, W_COUNTER_BUMP, W_COUNTER_READ,
    W_PERSON_INSERT, W_CASE_INSERT, W_NAT_INSERT,
    W_PERSON_UPDATE, W_CASE_UPDATE, W_NAT_CLEAR, W_NAME_KEY,
    W_COUNT
};

static const char *const writer_sql[W_COUNT] = {
    [W_COUNTER_SEED] =
        "INSERT OR IGNORE INTO case_counters(store_code, be_year, last_number) VALUES(?1, ?2, 0)",
    [W_COUNTER_BUMP] =
        "UPDATE case_counters SET last_number = last_number + 1"
        " WHERE store_code = ?1 AND be_year = ?2",
    [W_COUNTER_READ] =
        "SELECT last_number FROM case_counters WHERE store_code = ?1 AND be_year = ?2",
    [W_PERSON_INSERT] =
        "INSERT INTO persons(id, name_thai, name_original, name_latin, aliases, sex,"
        " birth_date, estimated_age, languages, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?11)",
    [W_CASE_INSERT] =
        "INSERT INTO cases(id, person_id, reference, store_code, be_year, number, entry_point,"
        " province, date_met, sort_date, assigned_officer, notes, search_key,"
        " created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?15)",
    [W_NAT_INSERT] =
        "INSERT INTO case_nationalities(id, case_id, position, country,"
        " created_at, updated_at, created_by, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)",
    [W_PERSON_UPDATE] =
        "UPDATE persons SET name_thai = ?2, name_original = ?3, name_latin = ?4, aliases = ?5,"
        " sex = ?6, birth_date = ?7, estimated_age = ?8, languages = ?9,"
        " updated_at = ?10, updated_by = ?11 WHERE id = ?1",
    [W_CASE_UPDATE] =
        "UPDATE cases SET entry_point = ?7, province = ?8, date_met = ?9, sort_date = ?10,"
        " assigned_officer = ?11, notes = ?12, search_key = ?13, updated_at = ?14,"
        " updated_by = ?15 WHERE id = ?1",
    [W_NAME_KEY] =
        "INSERT OR REPLACE INTO case_name_keys(case_id, name_key) VALUES(?1, ?2)",
    [W_NAT_CLEAR] = "DELETE FROM case_nationalities WHERE case_id = ?1",
};

typedef struct case_writer {
    store *s;
    sqlite3_stmt *q[W_COUNT];
    char now[TIMESTAMP_ISO_LEN];
    int be_year;
} case_writer;

static void writer_close(case_writer *w)
{
    for (int i = 0; i < W_COUNT; i++)
        sqlite3_finalize(w->q[i]);
    memset(w->q, 0, sizeof w->q);
}

static store_status writer_open(store *s, case_writer *w)
{
    memset(w, 0, sizeof *w);
    w->s = s;
    store_now_iso(s, w->now);
    w->be_year = store_today(s).year + 543;
    for (int i = 0; i < W_COUNT; i++) {
        store_status st = store_prepare(s, writer_sql[i], &w->q[i]);
        if (st != ST_OK) {
            writer_close(w);
            return st;
        }
    }
    return ST_OK;
}

/* Step a reusable statement that returns no rows, then reset it. */
static store_status writer_run(case_writer *w, int which)
{
    sqlite3_stmt *q = w->q[which];
    store_status st = store_step_reset(w->s, q);
    sqlite3_clear_bindings(q);
    return st;
}

static store_status next_case_number(case_writer *w, int *number)
{
    for (int i = W_COUNTER_SEED; i <= W_COUNTER_READ; i++) {
        sqlite3_bind_text(w->q[i], 1, w->s->code, -1, SQLITE_STATIC);
        sqlite3_bind_int(w->q[i], 2, w->be_year);
    }
    store_status st = writer_run(w, W_COUNTER_SEED);
    if (st == ST_OK)
        st = writer_run(w, W_COUNTER_BUMP);
    if (st != ST_OK)
        return st;
    sqlite3_stmt *q = w->q[W_COUNTER_READ];
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *number = sqlite3_column_int(q, 0);
    else
        st = store_status_from_sqlite(w->s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return st;
}

/* Persons insert and update share parameters 2-11. */
static void bind_person(case_writer *w, sqlite3_stmt *q, const tc_case *c)
{
    sqlite3_bind_text(q, 1, c->person_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, c->name_thai, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, c->name_original, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, c->name_latin, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 5, c->aliases, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, sex_code(c->sex), -1, SQLITE_STATIC);
    bind_date_or_null(q, 7, c->birth_known, c->birth);
    if (c->estimated_age >= 0)
        sqlite3_bind_int(q, 8, c->estimated_age);
    else
        sqlite3_bind_null(q, 8);
    sqlite3_bind_text(q, 9, c->languages, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 10, w->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 11, w->s->me.id, -1, SQLITE_STATIC);
}

static store_status insert_nationalities(case_writer *w, const tc_case *c)
{
    sqlite3_stmt *q = w->q[W_NAT_INSERT];
    for (int i = 0; i < c->n_nationalities && i < CASE_MAX_NATIONALITIES; i++) {
        char id[TC_ID_LEN];
        store_new_id(id);
        sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, c->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(q, 3, i);
        sqlite3_bind_text(q, 4, c->nationalities[i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 5, w->now, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, w->s->me.id, -1, SQLITE_STATIC);
        store_status st = writer_run(w, W_NAT_INSERT);
        if (st != ST_OK)
            return st;
    }
    return ST_OK;
}

static void stamp_new_case(case_writer *w, tc_case *c, int number)
{
    store_new_id(c->id);
    store_new_id(c->person_id);
    caseref_format(c->reference, sizeof c->reference, w->s->code, w->be_year, number);
    c->created_at = c->updated_at = tc_now(&w->s->clock);
    snprintf(c->created_by, sizeof c->created_by, "%s", w->s->me.id);
    snprintf(c->updated_by, sizeof c->updated_by, "%s", w->s->me.id);
}

/* Cases insert and update share parameter 1 and 7-15: what an officer
 * may change, and who changed it when. */
static void bind_case(case_writer *w, sqlite3_stmt *q, const tc_case *c)
{
    char sort[CALDATE_ISO_LEN], key[SEARCH_KEY_MAX];
    sort_date_of(w->s, c, sort);
    case_search_key(c, key, sizeof key);
    sqlite3_bind_text(q, 1, c->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 7, c->entry_point, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 8, c->province, -1, SQLITE_TRANSIENT);
    bind_date_or_null(q, 9, c->date_met_known, c->date_met);
    sqlite3_bind_text(q, 10, sort, -1, SQLITE_TRANSIENT);
    bind_text_or_null(q, 11, c->assigned_officer);
    sqlite3_bind_text(q, 12, c->notes, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 13, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 14, w->now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 15, w->s->me.id, -1, SQLITE_STATIC);
}

/* The case's place in the "by name" list (derived from its names). */
static store_status write_name_key(case_writer *w, const tc_case *c)
{
    unsigned char key[NAME_KEY_MAX];
    size_t n = store_case_name_key(c, key);
    sqlite3_stmt *q = w->q[W_NAME_KEY];
    sqlite3_bind_text(q, 1, c->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(q, 2, key, (int)n, SQLITE_TRANSIENT);
    return writer_run(w, W_NAME_KEY);
}

size_t store_case_name_key(const tc_case *c, unsigned char out[NAME_KEY_MAX])
{
    return thai_sort_key(case_display_name(c), out, NAME_KEY_MAX);
}

/* tipcase_name_key(name_thai, name_original, name_latin): the same key in
 * SQL, for the migration that fills it in for cases already stored. */
static void sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    tc_case c;
    case_init(&c);
    const unsigned char *t = sqlite3_value_text(argv[0]);
    const unsigned char *o = sqlite3_value_text(argv[1]);
    const unsigned char *l = sqlite3_value_text(argv[2]);
    snprintf(c.name_thai, sizeof c.name_thai, "%s", t ? (const char *)t : "");
    snprintf(c.name_original, sizeof c.name_original, "%s", o ? (const char *)o : "");
    snprintf(c.name_latin, sizeof c.name_latin, "%s", l ? (const char *)l : "");
    unsigned char key[NAME_KEY_MAX];
    size_t n = store_case_name_key(&c, key);
    sqlite3_result_blob(ctx, key, (int)n, SQLITE_TRANSIENT);
    sodium_memzero(&c, sizeof c);
}

int store_register_functions(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "tipcase_name_key", 3, SQLITE_UTF8, NULL,
                                      sql_name_key, NULL, NULL, NULL);
}

static store_status insert_case_row(case_writer *w, const tc_case *c, int number)
{
    sqlite3_stmt *q = w->q[W_CASE_INSERT];
    bind_case(w, q, c);
    sqlite3_bind_text(q, 2, c->person_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, c->reference, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, w->s->code, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 5, w->be_year);
    sqlite3_bind_int(q, 6, number);
    return writer_run(w, W_CASE_INSERT);
}

/* One new case, inside the caller's transaction.  c is already valid. */
static store_status add_one(case_writer *w, tc_case *c)
{
    int number = 0;
    store_status st = next_case_number(w, &number);
    if (st != ST_OK)
        return st;
    stamp_new_case(w, c, number);
    /* A case nobody is assigned to is the recording officer's own: it
     * must not fall between officers. */
    if (!c->assigned_officer[0])
        snprintf(c->assigned_officer, sizeof c->assigned_officer, "%s", store_me(w->s)->id);
    bind_person(w, w->q[W_PERSON_INSERT], c);
    st = writer_run(w, W_PERSON_INSERT);
    if (st == ST_OK)
        st = insert_case_row(w, c, number);
    if (st == ST_OK)
        st = insert_nationalities(w, c);
    if (st == ST_OK)
        st = write_name_key(w, c);
    if (st == ST_OK)
        st = store_audit(w->s, "case.add", "cases", c->id);
    return st;
}

static bool case_is_valid(store *s, const tc_case *c, case_check *problem)
{
    case_check chk = case_validate(c, store_today(s));
    if (problem)
        *problem = chk;
    return chk.problem == CASE_OK;
}

/* Run fn over cases[0..n) in one transaction with one set of statements. */
static store_status write_cases(store *s, tc_case *cases, size_t n,
                                store_status (*fn)(case_writer *, tc_case *))
{
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    case_writer w;
    st = writer_open(s, &w);
    for (size_t i = 0; st == ST_OK && i < n; i++)
        st = fn(&w, &cases[i]);
    writer_close(&w);
    return store_finish(s, st);
}

/* Giving a case to another officer is ACCESS_CASE_ASSIGN: a new case
 * assigned to nobody or to its recorder, or an update that keeps the
 * assigned officer (was), needs no more than the write itself. */
static store_status may_assign(store *s, const char *was, const tc_case *c)
{
    const char *to = c->assigned_officer;
    if (!strcmp(to, was ? was : "") || (!was && !strcmp(to, s->me.id)))
        return ST_OK;
    return store_may(s, ACCESS_CASE_ASSIGN);
}

store_status store_case_add(store *s, tc_case *c, case_check *problem)
{
    return store_case_add_then(s, c, problem, NULL);
}

/* store_case_add, with `then` (may be NULL) in the same transaction
 * (db/record_internal.h: quick mode marks the new case). */
store_status store_case_add_then(store *s, tc_case *c, case_check *problem,
                                 store_status (*then)(store *s, const tc_case *c))
{
    if (store_may(s, ACCESS_CASE_CREATE) != ST_OK || may_assign(s, NULL, c) != ST_OK)
        return ST_DENIED;
    if (!case_is_valid(s, c, problem))
        return ST_INVALID;
    tc_case work = *c;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    case_writer w;
    st = writer_open(s, &w);
    if (st == ST_OK)
        st = add_one(&w, &work);
    writer_close(&w);
    if (st == ST_OK && then)
        st = then(s, &work);
    st = store_finish(s, st);
    if (st == ST_OK)
        *c = work;
    return st;
}

store_status store_case_add_many(store *s, tc_case *cases, size_t n)
{
    if (store_may(s, ACCESS_CASE_CREATE) != ST_OK)
        return ST_DENIED;
    for (size_t i = 0; i < n; i++)
        if (may_assign(s, NULL, &cases[i]) != ST_OK)
            return ST_DENIED;
    for (size_t i = 0; i < n; i++)
        if (!case_is_valid(s, &cases[i], NULL))
            return ST_INVALID;
    return write_cases(s, cases, n, add_one);
}

/* ---- reading ---- */

#define CASE_SELECT \
    "SELECT c.id, c.person_id, c.reference, p.name_thai, p.name_original, p.name_latin," \
    " p.aliases, p.sex, p.birth_date, p.estimated_age, p.languages, c.entry_point," \
    " c.province, c.date_met, c.assigned_officer, c.notes, c.created_at, c.updated_at," \
    " c.created_by, c.updated_by FROM cases c JOIN persons p ON p.id = c.person_id "

static void case_from_row(sqlite3_stmt *q, tc_case *c)
{
    case_init(c);
    store_column_copy(q, 0, c->id, sizeof c->id);
    store_column_copy(q, 1, c->person_id, sizeof c->person_id);
    store_column_copy(q, 2, c->reference, sizeof c->reference);
    store_column_copy(q, 3, c->name_thai, sizeof c->name_thai);
    store_column_copy(q, 4, c->name_original, sizeof c->name_original);
    store_column_copy(q, 5, c->name_latin, sizeof c->name_latin);
    store_column_copy(q, 6, c->aliases, sizeof c->aliases);
    c->sex = store_column_sex(q, 7);
    c->birth_known = column_date(q, 8, &c->birth);
    c->estimated_age = store_column_estimated_age(q, 9);
    store_column_copy(q, 10, c->languages, sizeof c->languages);
    store_column_copy(q, 11, c->entry_point, sizeof c->entry_point);
    store_column_copy(q, 12, c->province, sizeof c->province);
    c->date_met_known = column_date(q, 13, &c->date_met);
    store_column_copy(q, 14, c->assigned_officer, sizeof c->assigned_officer);
    store_column_copy(q, 15, c->notes, sizeof c->notes);
    c->created_at = store_column_time(q, 16);
    c->updated_at = store_column_time(q, 17);
    store_column_copy(q, 18, c->created_by, sizeof c->created_by);
    store_column_copy(q, 19, c->updated_by, sizeof c->updated_by);
}

static store_status load_nationalities(store *s, tc_case *c)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT country FROM case_nationalities"
                                       " WHERE case_id = ?1 ORDER BY position", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, c->id, -1, SQLITE_STATIC);
    int rc;
    c->n_nationalities = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (c->n_nationalities < CASE_MAX_NATIONALITIES)
            store_column_copy(q, 0, c->nationalities[c->n_nationalities++],
                              sizeof c->nationalities[0]);
    }
    st = rc == SQLITE_DONE ? ST_OK : store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}

static store_status case_where(store *s, const char *where, const char *value, tc_case *out)
{
    char sql[sizeof CASE_SELECT + 64];
    snprintf(sql, sizeof sql, "%s%s", CASE_SELECT, where);
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, sql, value, &q);
    if (st != ST_OK)
        return st;
    case_from_row(q, out);
    sqlite3_finalize(q);
    return load_nationalities(s, out);
}

/* "k7q4x-2569-42", "K7Q4X-2569-0O42" -> "K7Q4X-2569-0042"; false if text is
 * not a reference at all. */
static bool normalise_reference(const char *text, char out[CASEREF_MAX])
{
    char code[STORE_CODE_LEN + 1];
    int year = 0, number = 0;
    return caseref_parse(text, code, &year, &number)
        && caseref_format(out, CASEREF_MAX, code, year, number);
}

/* The id of the case id_or_ref names: its reference first, else an id. */
static store_status case_id_of(store *s, const char *id_or_ref, char id[TC_ID_LEN])
{
    char ref[CASEREF_MAX];
    sqlite3_stmt *q = NULL;
    store_status st = ST_NOT_FOUND;
    if (normalise_reference(id_or_ref, ref))
        st = store_select_row(s, "SELECT id FROM cases WHERE reference = ?1", ref, &q);
    if (st == ST_NOT_FOUND)
        st = store_select_row(s, "SELECT id FROM cases WHERE id = ?1", id_or_ref, &q);
    if (st != ST_OK)
        return st;
    store_column_copy(q, 0, id, TC_ID_LEN);
    sqlite3_finalize(q);
    return ST_OK;
}

store_status store_case_get(store *s, const char *id_or_ref, tc_case *out)
{
    if (!id_or_ref || !*id_or_ref)
        return ST_NOT_FOUND;
    char id[TC_ID_LEN];
    store_status st = case_id_of(s, id_or_ref, id);
    if (st == ST_OK)
        st = store_case_access(s, id, ACCESS_CASE_READ);
    if (st != ST_OK)
        return st;
    return case_where(s, "WHERE c.id = ?1", id, out);
}

/* ---- update ---- */

static store_status update_one(case_writer *w, tc_case *c)
{
    bind_person(w, w->q[W_PERSON_UPDATE], c);
    store_status st = writer_run(w, W_PERSON_UPDATE);
    if (st != ST_OK)
        return st;
    bind_case(w, w->q[W_CASE_UPDATE], c);
    st = writer_run(w, W_CASE_UPDATE);
    if (st == ST_OK) {
        sqlite3_bind_text(w->q[W_NAT_CLEAR], 1, c->id, -1, SQLITE_TRANSIENT);
        st = writer_run(w, W_NAT_CLEAR);
    }
    if (st == ST_OK)
        st = insert_nationalities(w, c);
    if (st == ST_OK)
        st = write_name_key(w, c);
    if (st == ST_OK)
        st = store_audit(w->s, "case.update", "cases", c->id);
    return st;
}

store_status store_case_update(store *s, tc_case *c, case_check *problem)
{
    store_status st = store_case_access(s, c->id, ACCESS_CASE_WRITE);
    if (st != ST_OK)
        return st;
    if (!case_is_valid(s, c, problem))
        return ST_INVALID;
    tc_case *old = malloc(sizeof *old);
    if (!old)
        return ST_NOMEM;
    st = case_where(s, "WHERE c.id = ?1", c->id, old);
    if (st == ST_OK)
        st = may_assign(s, old->assigned_officer, c);
    if (st == ST_OK) {
        /* What the officer may not change: identity and history. */
        tc_case work = *c;
        memcpy(work.person_id, old->person_id, sizeof work.person_id);
        memcpy(work.reference, old->reference, sizeof work.reference);
        memcpy(work.created_by, old->created_by, sizeof work.created_by);
        work.created_at = old->created_at;
        work.updated_at = tc_now(&s->clock);
        snprintf(work.updated_by, sizeof work.updated_by, "%s", s->me.id);
        st = write_cases(s, &work, 1, update_one);
        if (st == ST_OK)
            *c = work;
    }
    free(old);
    return st;
}

/* ---- list and count ---- */

/* Escape LIKE's wildcards so a typed "%" or "_" matches itself. */
static void like_pattern(const char *folded, char *out, size_t outsz)
{
    size_t j = 0;
    out[j++] = '%';
    for (const char *p = folded; *p && j + 3 < outsz; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            out[j++] = '\\';
        out[j++] = *p;
    }
    out[j++] = '%';
    out[j] = '\0';
}

typedef struct case_filter {
    bool active;
    char pattern[PATTERN_MAX];
    char reference[CASEREF_MAX];    /* exact reference when the term is one */
    case_grams grams;               /* n 0: the term is for LIKE alone */
} case_filter;

static void filter_from_search(const char *search, case_filter *f)
{
    char folded[SEARCH_KEY_MAX];
    memset(f, 0, sizeof *f);
    if (!search || !*search)
        return;
    case_search_fold(search, folded, sizeof folded);
    if (!folded[0])
        return;
    f->active = true;
    like_pattern(folded, f->pattern, sizeof f->pattern);
    case_grams_of(folded, &f->grams);
    if (!normalise_reference(search, f->reference))
        f->reference[0] = '\0';
}

#define FILTER_WHERE \
    " WHERE (c.search_key LIKE ?1 ESCAPE '\\' OR c.reference LIKE ?1 ESCAPE '\\'" \
    " OR c.reference = ?2)"

static void bind_filter(sqlite3_stmt *q, const case_filter *f)
{
    sqlite3_bind_text(q, 1, f->pattern, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, f->reference, -1, SQLITE_STATIC);
}

/* ---- the list over every case ---- */

/* The cases whose texts hold the term, by case_grams (?11 on), and the
 * case the term names as a reference (?2), read or misread, each once:
 * what FILTER_WHERE finds, without reading the other cases. */
static void indexed_match_sql(const case_filter *f, char *out, size_t outsz)
{
    char grams[CASE_GRAMS_SQL_MAX];
    case_grams_sql(&f->grams, NULL, grams, sizeof grams);
    snprintf(out, outsz, "%s UNION SELECT rowid FROM cases WHERE reference = ?2", grams);
}

/* The number of matches through case_grams: those of the grams, plus the
 * case the term names as a reference when its texts do not hold the term
 * (a UNION would have to sort every match to drop one). */
static store_status indexed_count(store *s, case_filter *f, size_t *n)
{
    store_status st = case_grams_order(s, &f->grams);
    if (st != ST_OK)
        return st;
    char match[CASE_GRAMS_SQL_MAX], named[CASE_GRAMS_SQL_MAX], sql[3 * CASE_GRAMS_SQL_MAX];
    case_grams_sql(&f->grams, NULL, match, sizeof match);
    case_grams_sql(&f->grams, "c.rowid", named, sizeof named);
    snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM (%s)) + (SELECT count(*) FROM cases c"
             " WHERE c.reference = ?2 AND NOT EXISTS (%s))", match, named);
    sqlite3_stmt *q = NULL;
    st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 2, f->reference, -1, SQLITE_STATIC);
    case_grams_bind(q, &f->grams);
    sqlite3_int64 count = 0;
    st = store_step_count(s, q, &count);
    *n = (size_t)count;
    return st;
}

/* Every case, or every match of the filter: the count in case_count
 * (migration 10), the index of grams for a term it can answer, else
 * LIKE over the texts the list index carries. */
static store_status all_case_count(store *s, case_filter *f, size_t *n)
{
    if (f->active && f->grams.n > 0)
        return indexed_count(s, f, n);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, f->active ? "SELECT count(*) FROM cases c" FILTER_WHERE
                                                 : "SELECT cases FROM case_count WHERE id = 1",
                                    &q);
    if (st != ST_OK)
        return st;
    if (f->active)
        bind_filter(q, f);
    sqlite3_int64 count = 0;
    st = store_step_count(s, q, &count);
    *n = (size_t)count;
    return st;
}

/* A field officer's list and count: only his own and assigned cases
 * (core/access.h).  Kept apart from the paths over every case. */
static store_status own_case_count(store *s, const case_filter *f, size_t *n);
static store_status own_case_list(store *s, const case_filter *f, bool by_name, size_t limit,
                                  size_t offset, tc_case_row *rows, size_t *n);

store_status store_case_count(store *s, const char *search, size_t *n)
{
    case_filter f;
    filter_from_search(search, &f);
    *n = 0;
    if (!store_sees_all(s))
        return own_case_count(s, &f, n);
    return all_case_count(s, &f, n);
}

#define LIST_COLUMNS \
    "SELECT c.id, c.reference, p.name_thai, p.name_original, p.name_latin, p.sex," \
    " p.birth_date, p.estimated_age, c.date_met, c.created_at," \
    " (SELECT n.country FROM case_nationalities n WHERE n.case_id = c.id" \
    "  ORDER BY n.position LIMIT 1)," \
    " EXISTS (SELECT 1 FROM case_quick qk WHERE qk.case_id = c.id AND qk.completed = 0)," \
    " c.high_risk"
#define LIST_SELECT LIST_COLUMNS " FROM cases c JOIN persons p ON p.id = c.person_id"
#define LIST_SELECT_BY_NAME LIST_COLUMNS " FROM case_name_keys k" \
    " JOIN cases c ON c.id = k.case_id JOIN persons p ON p.id = c.person_id"
/* Newest first, with the cases a follow-up found at high risk of
 * re-trafficking on top (db/returns.h): cases_list walked backwards. */
#define LIST_ORDER_BY(c) \
    " ORDER BY " c ".high_risk DESC, " c ".sort_date DESC, " c ".created_at DESC," \
    " " c ".reference DESC"
#define LIST_ORDER LIST_ORDER_BY("c") " LIMIT ?3 OFFSET ?4"
/* By the name the list shows, in Thai dictionary order: name_key holds
 * thai_sort_key() of it, so the case_name_keys index is walked, never
 * sorted; the case id breaks ties so pages never overlap. */
#define LIST_ORDER_NAME " ORDER BY k.name_key, k.case_id LIMIT ?3 OFFSET ?4"

/* The few fields the list shows, derived by core's rules (display name,
 * age, child) from a partly filled case. */
static void row_from_list(const store *s, sqlite3_stmt *q, caldate today, tc_case_row *r)
{
    tc_case c;
    case_init(&c);
    store_column_copy(q, 2, c.name_thai, sizeof c.name_thai);
    store_column_copy(q, 3, c.name_original, sizeof c.name_original);
    store_column_copy(q, 4, c.name_latin, sizeof c.name_latin);
    c.sex = store_column_sex(q, 5);
    c.birth_known = column_date(q, 6, &c.birth);
    c.estimated_age = store_column_estimated_age(q, 7);
    c.date_met_known = column_date(q, 8, &c.date_met);
    c.created_at = store_column_time(q, 9);

    memset(r, 0, sizeof *r);
    store_column_copy(q, 0, r->id, sizeof r->id);
    store_column_copy(q, 1, r->reference, sizeof r->reference);
    snprintf(r->name, sizeof r->name, "%s", case_display_name(&c));
    r->sex = c.sex;
    r->age = case_age_today(&c, today, s->clock.utc_offset);
    r->child = case_is_child(&c, today, s->clock.utc_offset);
    store_column_copy(q, 10, r->nationality, sizeof r->nationality);
    r->date_met_known = c.date_met_known;
    r->date_met = c.date_met;
    r->created_at = c.created_at;
    r->incomplete = sqlite3_column_int(q, 11) != 0;
    r->high_risk = sqlite3_column_int(q, 12) != 0;
}

tc_sex store_column_sex(sqlite3_stmt *q, int col)
{
    tc_sex sex;
    return sex_from_code(store_column_text(q, col), &sex) ? sex : SEX_UNKNOWN;
}

int store_column_estimated_age(sqlite3_stmt *q, int col)
{
    return sqlite3_column_type(q, col) == SQLITE_NULL ? -1 : sqlite3_column_int(q, col);
}

void store_column_display_name(sqlite3_stmt *q, int first, char *out, size_t outsz)
{
    tc_case c;
    case_init(&c);
    store_column_copy(q, first, c.name_thai, sizeof c.name_thai);
    store_column_copy(q, first + 1, c.name_original, sizeof c.name_original);
    store_column_copy(q, first + 2, c.name_latin, sizeof c.name_latin);
    snprintf(out, outsz, "%s", case_display_name(&c));
}

store_status store_case_child_on(store *s, const char *case_id, caldate on, bool *child)
{
    tc_case *c = malloc(sizeof *c);
    if (!c)
        return ST_NOMEM;
    store_status st = store_case_get(s, case_id, c);
    /* store_case_get also takes a reference: not what the caller holds. */
    if (st == ST_OK && strcmp(c->id, case_id) != 0)
        st = ST_NOT_FOUND;
    if (st == ST_OK)
        *child = case_is_child(c, on, s->clock.utc_offset);
    free(c);
    return st;
}

store_status store_case_row(store *s, const char *case_id, tc_case_row *out)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, LIST_SELECT " WHERE c.id = ?1", case_id, &q);
    if (st != ST_OK)
        return st;
    row_from_list(s, q, store_today(s), out);
    sqlite3_finalize(q);
    return store_case_rows_mark_clocks(s, out, 1);
}

/* A page of matches is found either by walking the list's own order and
 * testing each case (reads about (offset + limit) / density entries, when
 * the matches are spread along that order) or by sorting the matches the
 * index of grams gives (reads each of them).  Newest first, below
 * SORT_MATCHES_MAX matches the sort is cheaper.  By name, a name searched
 * for is one stretch of the name order, often far from its start, and the
 * walk reads each case's row (at 100,000 cases "สมชาย ใจดี", 2,084
 * matches, walked for 2.8 s on a loaded machine, sorted in 0.36 s; 16,672
 * matches of "ใจดี" walked in 0.12 s, sorted in 0.8 s). */
#define SORT_MATCHES_MAX 256
#define SORT_MATCHES_MAX_BY_NAME 4096

/* Whether the term has fewer than cap matches by its grams (counted no
 * further than cap). */
static store_status matches_are_few(store *s, case_filter *f, int cap, bool *few)
{
    store_status st = case_grams_order(s, &f->grams);
    if (st != ST_OK)
        return st;
    char grams[CASE_GRAMS_SQL_MAX], sql[CASE_GRAMS_SQL_MAX + 64];
    case_grams_sql(&f->grams, NULL, grams, sizeof grams);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s LIMIT %d)", grams, cap);
    sqlite3_stmt *q = NULL;
    st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    case_grams_bind(q, &f->grams);
    sqlite3_int64 n = 0;
    st = store_step_count(s, q, &n);
    *few = n < cap;
    return st;
}

/* The page of the matches sorted: the inner SELECT orders only the
 * matches' rowids (by the list index's columns or the name key), the
 * outer one reads the page's rows and orders those few again. */
static store_status prepare_sorted_matches(store *s, const case_filter *f, bool by_name,
                                           sqlite3_stmt **q)
{
    char match[CASE_GRAMS_SQL_MAX + 64], sql[CASE_GRAMS_SQL_MAX + 2048];
    indexed_match_sql(f, match, sizeof match);
    if (by_name)
        snprintf(sql, sizeof sql, LIST_COLUMNS " FROM cases c JOIN persons p ON p.id = c.person_id"
                 " JOIN case_name_keys k ON k.case_id = c.id WHERE c.rowid IN"
                 " (SELECT m.rowid FROM cases m JOIN case_name_keys mk ON mk.case_id = m.id"
                 " WHERE m.rowid IN (%s) ORDER BY mk.name_key, mk.case_id LIMIT ?3 OFFSET ?4)"
                 " ORDER BY k.name_key, k.case_id", match);
    else
        snprintf(sql, sizeof sql, LIST_SELECT " WHERE c.rowid IN (SELECT m.rowid FROM cases m"
                 " WHERE m.rowid IN (%s)" LIST_ORDER_BY("m") " LIMIT ?3 OFFSET ?4)"
                 LIST_ORDER_BY("c"), match);
    return store_prepare(s, sql, q);
}

/* The statement for a page of every case or of every match: ?1 and ?2
 * the filter, ?3 and ?4 limit and offset, ?11 on the grams when it uses
 * them (f->grams.n is set to 0 when it does not). */
static store_status prepare_all_page(store *s, case_filter *f, bool by_name, sqlite3_stmt **q)
{
    static const char *const sql[2][2] = {
        { LIST_SELECT LIST_ORDER, LIST_SELECT FILTER_WHERE LIST_ORDER },
        { LIST_SELECT_BY_NAME LIST_ORDER_NAME, LIST_SELECT_BY_NAME FILTER_WHERE LIST_ORDER_NAME },
    };
    if (f->active && f->grams.n > 0) {
        bool few = false;
        store_status st = matches_are_few(s, f, by_name ? SORT_MATCHES_MAX_BY_NAME
                                                        : SORT_MATCHES_MAX, &few);
        if (st != ST_OK)
            return st;
        if (few)
            return prepare_sorted_matches(s, f, by_name, q);
    }
    f->grams.n = 0;
    return store_prepare(s, sql[by_name][f->active], q);
}

/* The page both list statements share: ?3 the limit, ?4 the offset, the
 * rest already bound.  Reads up to limit rows, finalizes q, then marks the
 * rows' clocks; one reader, so the own-cases and all-cases lists cannot
 * drift apart. */
static store_status read_list_page(store *s, sqlite3_stmt *q, size_t limit, size_t offset,
                                   tc_case_row *rows, size_t *n)
{
    sqlite3_bind_int64(q, 3, (sqlite3_int64)limit);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)offset);
    store_status st = ST_OK;
    caldate today = store_today(s);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < limit)
        row_from_list(s, q, today, &rows[(*n)++]);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    if (st == ST_OK)
        st = store_case_rows_mark_clocks(s, rows, *n);
    return st;
}

store_status store_case_list(store *s, const case_query *query,
                             tc_case_row *rows, size_t cap, size_t *n)
{
    *n = 0;
    case_filter f;
    filter_from_search(query ? query->search : NULL, &f);
    size_t limit = (query && query->limit && query->limit < cap) ? query->limit : cap;
    size_t offset = query ? query->offset : 0;
    if (limit == 0)
        return ST_OK;
    if (!store_sees_all(s))
        return own_case_list(s, &f, query && query->order == CASE_ORDER_NAME, limit, offset,
                             rows, n);
    sqlite3_stmt *q = NULL;
    bool by_name = query && query->order == CASE_ORDER_NAME;
    store_status st = prepare_all_page(s, &f, by_name, &q);
    if (st != ST_OK)
        return st;
    if (f.active)
        bind_filter(q, &f);
    case_grams_bind(q, &f.grams);
    return read_list_page(s, q, limit, offset, rows, n);
}

/* ---- a field officer's own cases ---- */

/* ?1 and ?2 the filter (?1 "" when there is none), ?5 the officer. */
#define OWN_WHERE \
    " WHERE" STORE_OWN_CASE("c", "?5") \
    " AND (?1 = '' OR c.search_key LIKE ?1 ESCAPE '\\' OR c.reference LIKE ?1 ESCAPE '\\'" \
    " OR c.reference = ?2)"

static store_status own_case_count(store *s, const case_filter *f, size_t *n)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT count(*) FROM cases c" OWN_WHERE, &q);
    if (st != ST_OK)
        return st;
    bind_filter(q, f);
    sqlite3_bind_text(q, 5, s->me.id, -1, SQLITE_STATIC);
    sqlite3_int64 count = 0;
    st = store_step_count(s, q, &count);
    *n = (size_t)count;
    return st;
}

static store_status own_case_list(store *s, const case_filter *f, bool by_name, size_t limit,
                                  size_t offset, tc_case_row *rows, size_t *n)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, by_name ? LIST_SELECT_BY_NAME OWN_WHERE LIST_ORDER_NAME
                                               : LIST_SELECT OWN_WHERE LIST_ORDER, &q);
    if (st != ST_OK)
        return st;
    bind_filter(q, f);
    sqlite3_bind_text(q, 5, s->me.id, -1, SQLITE_STATIC);
    return read_list_page(s, q, limit, offset, rows, n);
}

/* ---- settings ---- */

store_status store_setting_get(store *s, const char *key, char *out, size_t outsz)
{
    if (outsz)
        out[0] = '\0';
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT value FROM settings WHERE key = ?1", key, &q);
    if (st != ST_OK)
        return st;
    const unsigned char *v = sqlite3_column_text(q, 0);
    size_t len = (size_t)sqlite3_column_bytes(q, 0);
    if (len >= outsz)
        st = ST_INVALID;        /* out is too small: no truncated value */
    else
        memcpy(out, v ? (const char *)v : "", len + 1);
    sqlite3_finalize(q);
    return st;
}

static store_status setting_find(store *s, const char *key, char id[TC_ID_LEN])
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT id FROM settings WHERE key = ?1", key, &q);
    if (st != ST_OK)
        return st;
    store_column_copy(q, 0, id, TC_ID_LEN);
    sqlite3_finalize(q);
    return ST_OK;
}

store_status store_setting_write(store *s, const char *key, const char *value)
{
    char id[TC_ID_LEN], now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    store_status st = setting_find(s, key, id);
    const char *sql =
        "UPDATE settings SET value = ?3, updated_at = ?4, updated_by = ?5 WHERE id = ?1";
    if (st == ST_NOT_FOUND) {
        store_new_id(id);
        sql = "INSERT INTO settings(id, key, value, created_at, updated_at, created_by,"
              " updated_by) VALUES(?1, ?2, ?3, ?4, ?4, ?5, ?5)";
    } else if (st != ST_OK) {
        return st;
    }
    sqlite3_stmt *q = NULL;
    st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);     /* unused by the UPDATE */
    sqlite3_bind_text(q, 3, value, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, s->me.id, -1, SQLITE_STATIC);
    return store_step_audit(s, q, "setting.set", "settings", id);
}

/* The display language is every officer's to switch (the language key of
 * the screens); every other setting is the office's rules. */
static bool setting_is_personal(const char *key)
{
    return key && !strcmp(key, "language");
}

store_status store_setting_set(store *s, const char *key, const char *value)
{
    if (!setting_is_personal(key) && store_may(s, ACCESS_SETTINGS) != ST_OK)
        return ST_DENIED;
    if (!key || !*key || !value || !utf8_valid(key) || !utf8_valid(value)
        || utf8_has_control(key, false))
        return ST_INVALID;
    store_status st = store_begin(s);
    if (st != ST_OK)
        return st;
    return store_finish(s, store_setting_write(s, key, value));
}
