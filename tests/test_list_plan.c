/* test_list_plan.c - the case list and search at speed (issue 9,
 * migration 10) give what the plain scan gave, and read what they should.
 *
 * Search answers through case_grams (a term of 3..48 characters) and the
 * count of every case through case_count; both are derived by triggers.
 * The oracle here is the query the store used before them: LIKE over the
 * folded names and the reference, and the reference the term names. The
 * store of 1,100 cases is made so that terms fall on both sides of the
 * newest-first page's limit (a page sorted from few matches, or the list
 * walked); by name, pages up to 4,096 matches are sorted, above that the
 * walk is the query the store always had. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "core/caseref.h"
#include "core/caserec.h"
#include "db/migrate.h"
#include "db/screenings.h"
#include "db/store.h"
#include "db/store_internal.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASES 1100

static tc_fixed_clock fixed;
static tc_clock clk;
static harness_fixture big;         /* CASES cases, made once */
static bool big_made;

static int suite_init(void) { return harness_store_suite_init(&fixed, &clk, HARNESS_START); }

static int suite_clean(void)
{
    if (big_made)
        harness_fixture_close(&big);
    big_made = false;
    return 0;
}

/* ---- the store ---- */

static const char *const THAI_GIVEN[] = { "สมชาย", "สมหญิง", "มะลิ", "ประเสริฐ", "วันดี",
                                          "บุญมี", "สุดา", "อรุณ" };
static const char *const THAI_FAMILY[] = { "ใจดี", "ศรีสุข", "บุญเรือง", "แก้วมณี", "ทองดี",
                                           "พรหมมา" };
static const char *const LATIN_GIVEN[] = { "Aung", "Min", "Sopheap", "Dara", "Khamla", "Nguyen",
                                           "Thida", "Zaw" };
static const char *const LATIN_FAMILY[] = { "Kyaw", "Htet", "Chan", "Sok", "Phommachanh",
                                            "Van An", "Win", "Oo" };

/* Case i: every case "Case <i>" in Latin; half of them the alias "Mon";
 * some with no Thai name, a name in Burmese script, aliases that repeat a
 * letter (a term found twice in one case), hold % and _, or Thai digits. */
static void make_case(tc_case *c, unsigned i)
{
    case_init(c);
    if (i % 9 != 4)
        snprintf(c->name_thai, sizeof c->name_thai, "%s %s", THAI_GIVEN[i % COUNT(THAI_GIVEN)],
                 THAI_FAMILY[(i / 8) % COUNT(THAI_FAMILY)]);
    snprintf(c->name_latin, sizeof c->name_latin, "%s %s Case %u",
             LATIN_GIVEN[(i / 3) % COUNT(LATIN_GIVEN)], LATIN_FAMILY[(i / 5) % COUNT(LATIN_FAMILY)],
             i);
    if (i % 5 == 0)
        snprintf(c->name_original, sizeof c->name_original, "%s", "အောင်ကျော်");
    const char *alias = i % 7 == 0 ? "aaaa,Noi" : i % 11 == 0 ? "100% sure,a_b"
                      : i % 13 == 0 ? "บ้าน ๑๒๓" : "";
    snprintf(c->aliases, sizeof c->aliases, "%s%s%s", alias, *alias && i % 2 ? "," : "",
             i % 2 ? "Mon" : "");
    c->sex = (tc_sex)(1 + i % 2);
    c->estimated_age = 14 + (int)(i % 30);
    snprintf(c->nationalities[0], 3, "%s", "MM");
    c->n_nationalities = 1;
    c->date_met_known = i % 10 != 3;
    c->date_met = caldate_add_days((caldate){ 2026, 11, 20 }, -(int64_t)(i % 400));
}

static store *big_store(void)
{
    if (big_made)
        return big.s;
    big = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    big_made = true;
    tc_case *cases = calloc(CASES, sizeof *cases);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    for (unsigned i = 0; i < CASES; i++)
        make_case(&cases[i], i);
    CU_ASSERT_EQUAL_FATAL(store_case_add_many(big.s, cases, CASES), ST_OK);
    free(cases);
    /* A follow-up's high-risk mark puts a case on top of the list. */
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(store_db_handle(big.s), "UPDATE cases SET high_risk = 1"
                                       " WHERE rowid % 17 = 0", NULL, NULL, NULL), SQLITE_OK);
    return big.s;
}

/* ---- the oracle: the scan the store used before migration 10 ---- */

static void like_pattern(const char *term, char *out, size_t outsz)
{
    char folded[1024];
    case_search_fold(term, folded, sizeof folded);
    size_t j = 0;
    out[j++] = '%';
    for (const char *p = folded; *p && j + 4 < outsz; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            out[j++] = '\\';
        out[j++] = *p;
    }
    out[j++] = '%';
    out[j] = '\0';
}

#define ORACLE_WHERE \
    " WHERE c.search_key LIKE ?1 ESCAPE '\\' OR c.reference LIKE ?1 ESCAPE '\\'" \
    " OR c.reference = ?2"

/* The ids the scan lists for term, in the order asked; returns how many
 * (ids holds up to cap, each TC_ID_LEN). */
static size_t oracle(store *s, const char *term, case_order order, char (*ids)[TC_ID_LEN],
                     size_t cap)
{
    const char *sql = order == CASE_ORDER_NAME
        ? "SELECT c.id FROM case_name_keys k JOIN cases c ON c.id = k.case_id" ORACLE_WHERE
          " ORDER BY k.name_key, k.case_id"
        : "SELECT c.id FROM cases c" ORACLE_WHERE
          " ORDER BY c.high_risk DESC, c.sort_date DESC, c.created_at DESC, c.reference DESC";
    char pattern[2048], ref[CASEREF_MAX] = "", code[STORE_CODE_LEN + 1];
    int year = 0, number = 0;
    like_pattern(term, pattern, sizeof pattern);
    if (caseref_parse(term, code, &year, &number))
        caseref_format(ref, sizeof ref, code, year, number);
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(store_db_handle(s), sql, -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, pattern, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, ref, -1, SQLITE_STATIC);
    size_t n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n < cap)
            snprintf(ids[n], TC_ID_LEN, "%s", (const char *)sqlite3_column_text(q, 0));
        n++;
    }
    sqlite3_finalize(q);
    return n;
}

/* store_case_count and every page of store_case_list (pages of `page`)
 * say exactly what the oracle says for term, in both orders. */
static bool same_as_scan(store *s, const char *term, size_t page)
{
    static char want[CASES + 8][TC_ID_LEN];
    tc_case_row *rows = calloc(page, sizeof *rows);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
    bool same = true;
    size_t count = 0;
    CU_ASSERT_EQUAL(store_case_count(s, term, &count), ST_OK);
    for (int order = CASE_ORDER_NEWEST; order <= CASE_ORDER_NAME; order++) {
        size_t n_want = oracle(s, term, (case_order)order, want, COUNT(want));
        same &= n_want == count;
        for (size_t offset = 0; offset <= n_want; offset += page) {
            case_query q = { term, offset, page, (case_order)order };
            size_t n = 0;
            CU_ASSERT_EQUAL(store_case_list(s, &q, rows, page, &n), ST_OK);
            size_t expect = n_want - offset < page ? n_want - offset : page;
            same &= n == expect;
            for (size_t i = 0; i < n && i < expect; i++)
                same &= strcmp(rows[i].id, want[offset + i]) == 0;
        }
    }
    if (!same)
        fprintf(stderr, "\n    search \"%s\": not what the scan finds (count %zu)\n", term, count);
    free(rows);
    return same;
}

static void reference_terms(store *s, char refs[5][CASEREF_MAX])
{
    tc_case_row row;
    size_t n = 0;
    case_query q = { NULL, 500, 1, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL_FATAL(store_case_list(s, &q, &row, 1, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    snprintf(refs[0], CASEREF_MAX, "%s", row.reference);            /* K7Q4X-2569-0512 */
    snprintf(refs[1], CASEREF_MAX, "%s", row.reference);
    for (char *p = refs[1]; *p; p++)                                /* k7q4x-2569-0512 */
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    snprintf(refs[2], CASEREF_MAX, "%s", row.reference);
    char *zero = strchr(strrchr(refs[2], '-'), '0');
    if (zero)
        *zero = 'O';                                                /* misread 0 */
    snprintf(refs[3], CASEREF_MAX, "%.5s", row.reference);          /* the store code */
    snprintf(refs[4], CASEREF_MAX, "%s", strrchr(row.reference, '-')); /* -0512 */
}

/* ---- tests ---- */

/* Thai, Latin, Burmese, reference and odd terms: the index and the count
 * answer exactly what the scan answered, page by page, in both orders. */
static void test_search_same_as_scan(void)
{
    store *s = big_store();
    static const char *const terms[] = {
        "ใจดี", "สมหญิง", "มชา", "บุญ", "kyaw", "KYAW", "aung kyaw", "case", "case 1",
        "case 10", "ase 1099", "mon", "aaa", "aaaa", "noi", "100%", "% s", "a_b", "_b",
        "๑๒๓", "123", "บ้าน ๑๒", "อောင်", "ကျော်", "n a", "zaw oo case 7", "nobody",
        "ใจ", "ki", "%", "_",                                      /* short: the scan */
        "aung kyaw case 1 and a very long term beyond the index", /* long: the scan */
    };
    for (size_t i = 0; i < COUNT(terms); i++)
        CU_ASSERT_TRUE(same_as_scan(s, terms[i], 50));
    char refs[5][CASEREF_MAX];
    reference_terms(s, refs);
    for (int i = 0; i < 5; i++)
        CU_ASSERT_TRUE(same_as_scan(s, refs[i], 50));
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(s, refs[2], &n), ST_OK);      /* misread: still one */
    CU_ASSERT_EQUAL(n, 1);
    /* Small pages (the walk stops early, the sort keeps its order). */
    CU_ASSERT_TRUE(same_as_scan(s, "ใจดี", 7));
    CU_ASSERT_TRUE(same_as_scan(s, "case", 22));
}

/* The count of every case is case_count's row, right after every insert. */
static void test_count_follows_inserts(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    size_t n = 99;
    CU_ASSERT_EQUAL(store_case_count(f.s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    tc_case c[3];
    for (unsigned i = 0; i < 3; i++)
        make_case(&c[i], i);
    CU_ASSERT_EQUAL(store_case_add(f.s, &c[0], NULL), ST_OK);
    CU_ASSERT_EQUAL(store_case_add_many(f.s, &c[1], 2), ST_OK);
    CU_ASSERT_EQUAL(store_case_count(f.s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(store_case_count(f.s, "", &n), ST_OK);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT cases FROM case_count"),
                    harness_count_rows(f.s, "SELECT count(*) FROM cases"));
    harness_fixture_close(&f);
}

/* A case renamed is found by its new name and no longer by its old one:
 * the grams follow the update (and any writer's, through the trigger). */
static void test_renamed_case_found_by_new_name(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    tc_case c, other;
    make_case(&c, 1);
    make_case(&other, 2);
    snprintf(c.name_latin, sizeof c.name_latin, "%s", "Zzyzx Quolm");
    CU_ASSERT_EQUAL_FATAL(store_case_add(f.s, &c, NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_case_add(f.s, &other, NULL), ST_OK);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(f.s, "zyz", &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    snprintf(c.name_latin, sizeof c.name_latin, "%s", "Pradit Wongsa");
    snprintf(c.name_thai, sizeof c.name_thai, "%s", "ประดิษฐ์ วงศา");
    CU_ASSERT_EQUAL_FATAL(store_case_update(f.s, &c, NULL), ST_OK);
    const struct { const char *term; size_t want; } table[] = {
        { "zyz", 0 }, { "quolm", 0 }, { "wongsa", 1 }, { "ดิษฐ์", 1 }, { "ประดิษฐ์ วงศา", 1 },
    };
    for (size_t i = 0; i < COUNT(table); i++) {
        CU_ASSERT_EQUAL(store_case_count(f.s, table[i].term, &n), ST_OK);
        CU_ASSERT_EQUAL(n, table[i].want);
        CU_ASSERT_TRUE(same_as_scan(f.s, table[i].term, 5));
    }
    /* Every gram is one of the texts' own, none is left over. */
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM case_grams g"
                                            " WHERE NOT EXISTS (SELECT 1 FROM cases c"
                                            " WHERE c.rowid = g.case_rowid AND substr(lower("
                                            "c.search_key) || char(31) || lower(c.reference),"
                                            " g.pos + 1, 3) = g.gram)"), 0);
    harness_fixture_close(&f);
}

/* A case row written by plain SQL, as a hand-over import writes every
 * table's rows (db/exchange_receive.c), is counted and found: the
 * triggers, not the case writer, keep both tables. */
static void test_row_inserted_by_sql_counted_and_found(void)
{
    harness_fixture f = harness_fixture_open("Somchai Admin", HARNESS_PASS, &clk);
    tc_case c;
    make_case(&c, 3);
    CU_ASSERT_EQUAL_FATAL(store_case_add(f.s, &c, NULL), ST_OK);
    char *sql = sqlite3_mprintf(
        "INSERT INTO cases(id, person_id, reference, store_code, be_year, number, sort_date,"
        " search_key, created_at, updated_at) VALUES('imported-1', '%q', 'ZZ9ZZ-2569-0007',"
        " 'ZZ9ZZ', 2569, 7, '2026-01-02', 'นำเข้าจากอีกที่' || char(31) || 'handed over',"
        " '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');"
        "INSERT INTO case_name_keys(case_id, name_key) VALUES('imported-1', x'01')", c.person_id);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(store_db_handle(f.s), sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_free(sql);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(f.s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 2);
    const char *const found[] = { "handed", "จากอีก", "zz9zz", "ZZ9ZZ-2569-7", "-0007" };
    for (size_t i = 0; i < COUNT(found); i++) {
        CU_ASSERT_EQUAL(store_case_count(f.s, found[i], &n), ST_OK);
        CU_ASSERT_EQUAL(n, 1);
        CU_ASSERT_TRUE(same_as_scan(f.s, found[i], 5));
    }
    harness_fixture_close(&f);
}

/* A digest of case_grams in key order. */
static void grams_digest(sqlite3 *db, unsigned char out[32])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT gram, case_rowid, pos FROM case_grams"
                                                 " ORDER BY gram, case_rowid, pos",
                                             -1, &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *g = sqlite3_column_text(q, 0);
        sqlite3_int64 k[2] = { sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 2) };
        crypto_generichash_update(&h, g, (unsigned long long)sqlite3_column_bytes(q, 0) + 1);
        crypto_generichash_update(&h, (const unsigned char *)k, sizeof k);
    }
    sqlite3_finalize(q);
    crypto_generichash_final(&h, out, 32);
}

/* A store that had cases before migration 10 gets the same count and the
 * same grams as one whose cases came after it. */
static void test_migration_fills_what_triggers_keep(void)
{
    store *s = big_store();
    sqlite3 *db = store_db_handle(s);
    unsigned char before[32], after[32];
    grams_digest(db, before);
    int latest = migrate_current_version(db);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db, "DROP TRIGGER case_count_ins; DROP TRIGGER"
                                           " case_count_del; DROP TRIGGER case_grams_ins;"
                                           " DROP TRIGGER case_grams_upd; DROP TRIGGER"
                                           " case_grams_del; DROP TABLE case_count;"
                                           " DROP TABLE case_grams; DROP TABLE search_positions;"
                                           " PRAGMA user_version = 9;", NULL, NULL, NULL),
                          SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL(migrate_to(db, 10), SQLITE_OK);
    char back[48];
    snprintf(back, sizeof back, "PRAGMA user_version = %d", latest);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db, back, NULL, NULL, NULL), SQLITE_OK);
    grams_digest(db, after);
    CU_ASSERT_EQUAL(memcmp(before, after, 32), 0);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_case_count(s, NULL, &n), ST_OK);
    CU_ASSERT_EQUAL(n, CASES);
    CU_ASSERT_TRUE(same_as_scan(s, "kyaw", 50));
}

/* ---- plans: the statements the store really prepares, traced ---- */

#define TRACED_MAX 32
typedef struct traced {
    int n;
    char *sql[TRACED_MAX];
} traced;

static int trace_statement(unsigned kind, void *ctx, void *stmt, void *x)
{
    (void)x;
    traced *t = ctx;
    const char *sql = kind == SQLITE_TRACE_STMT ? sqlite3_sql(stmt) : NULL;
    if (!sql || !strncmp(sql, "--", 2) || t->n >= TRACED_MAX)
        return 0;                       /* a trigger's own statement, or full */
    for (int i = 0; i < t->n; i++)
        if (!strcmp(t->sql[i], sql))
            return 0;
    t->sql[t->n++] = strdup(sql);
    return 0;
}

static void traced_free(traced *t)
{
    for (int i = 0; i < t->n; i++)
        free(t->sql[i]);
    t->n = 0;
}

/* What the plans of every statement traced say. */
typedef struct plan_facts {
    bool full_scan;         /* a table read whole (not through an index) */
    bool sorts;             /* a temporary b-tree for ORDER BY, DISTINCT or GROUP BY */
    char walks[256];        /* the indexes walked from one end ("SCAN ... INDEX x"), ';' */
    char searches[4096];    /* every SEARCH detail, ';' */
} plan_facts;

/* Appends text and ';' while they fit (a fact cut short fails its test). */
static void add_fact(char *list, size_t size, const char *text)
{
    size_t used = strlen(list), n = strlen(text);
    if (used + n + 2 <= size) {
        memcpy(list + used, text, n);
        memcpy(list + used + n, ";", 2);
    }
}

static void explain_into(sqlite3 *db, const char *sql, plan_facts *f)
{
    char *explain = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, explain, -1, &q, NULL), SQLITE_OK);
    sqlite3_free(explain);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(q, 3);
        if (!d)
            continue;
        if (getenv("SHOW_PLANS"))
            printf("\n    %.70s...\n      -> %s", sql, d);
        if (!strncmp(d, "SCAN TABLE", 10) && !strstr(d, "INDEX"))
            f->full_scan = true;
        if (strstr(d, "TEMP B-TREE"))
            f->sorts = true;
        const char *idx = strstr(d, "INDEX ");
        if (!strncmp(d, "SCAN TABLE", 10) && idx)
            add_fact(f->walks, sizeof f->walks, idx + 6);
        if (!strncmp(d, "SEARCH", 6))
            add_fact(f->searches, sizeof f->searches, d);
    }
    sqlite3_finalize(q);
}

typedef enum { CALL_COUNT, CALL_PAGE, CALL_DUE } call_kind;

/* Runs one hot call with every statement it prepares traced, and the
 * facts of all their plans. */
static plan_facts plans_of(store *s, call_kind kind, const char *term, case_order order)
{
    sqlite3 *db = store_db_handle(s);
    traced t = { 0 };
    plan_facts f;
    memset(&f, 0, sizeof f);
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, trace_statement, &t);
    size_t n = 0;
    tc_case_row rows[22];
    case_query q = { term, 0, 22, order };
    deadline_row *due = NULL;
    if (kind == CALL_COUNT)
        CU_ASSERT_EQUAL(store_case_count(s, term, &n), ST_OK);
    if (kind == CALL_PAGE)
        CU_ASSERT_EQUAL(store_case_list(s, &q, rows, 22, &n), ST_OK);
    if (kind == CALL_DUE)
        CU_ASSERT_EQUAL(store_deadlines_due(s, tc_now(&clk), &due, &n), ST_OK);
    free(due);
    sqlite3_trace_v2(db, 0, NULL, NULL);
    for (int i = 0; i < t.n; i++)
        explain_into(db, t.sql[i], &f);
    traced_free(&t);
    return f;
}

/* The hot queries of the list screen and the main screen read indexes:
 * no table is read whole, and only a page of few matches is sorted. */
static void test_hot_query_plans(void)
{
    store *s = big_store();
    /* Every hundredth case has running clocks, for the due-soon view. */
    tc_case_row rows[CASES];
    size_t n = 0;
    case_query all = { NULL, 0, CASES, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL_FATAL(store_case_list(s, &all, rows, CASES, &n), ST_OK);
    for (size_t i = 0; i < n; i += 100)
        CU_ASSERT_EQUAL(store_case_clocks_start(s, rows[i].id, tc_now(&clk) - 3600), ST_OK);

    plan_facts f = plans_of(s, CALL_COUNT, NULL, CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan || f.sorts || f.walks[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "case_count"));

    f = plans_of(s, CALL_COUNT, "kyaw", CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan || f.sorts || f.walks[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "case_grams AS t0 USING PRIMARY KEY (gram=?)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "case_grams AS t1 USING PRIMARY KEY"
                                              " (gram=? AND case_rowid=? AND pos=?)"));

    /* First page, newest first and by name: one index walked, no sort. */
    f = plans_of(s, CALL_PAGE, NULL, CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan || f.sorts);
    CU_ASSERT_STRING_EQUAL(f.walks, "cases_list;");
    f = plans_of(s, CALL_PAGE, NULL, CASE_ORDER_NAME);
    CU_ASSERT_FALSE(f.full_scan || f.sorts);
    CU_ASSERT_STRING_EQUAL(f.walks, "case_name_keys_order;");

    /* A search with few matches sorts only them, read by their rowids. */
    f = plans_of(s, CALL_PAGE, "ใจดี", CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan);
    CU_ASSERT_STRING_EQUAL(f.walks, "");
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "cases AS m USING INTEGER PRIMARY KEY (rowid=?)"));
    f = plans_of(s, CALL_PAGE, "ใจดี", CASE_ORDER_NAME);
    CU_ASSERT_FALSE(f.full_scan);
    CU_ASSERT_STRING_EQUAL(f.walks, "");
    /* One with many walks the list's order and stops at the page's end. */
    f = plans_of(s, CALL_PAGE, "case", CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan || f.sorts);
    CU_ASSERT_STRING_EQUAL(f.walks, "cases_list;");

    /* The due-soon view: running clocks and active plans by their index. */
    f = plans_of(s, CALL_DUE, NULL, CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan);
    CU_ASSERT_STRING_EQUAL(f.walks, "");

    /* A field officer's list and count read the two index ranges of "he
     * recorded it or is assigned to it", never every case. */
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(s, "sw", "Malee Social", ROLE_SOCIAL_WORKER,
                                              HARNESS_PASS), ST_OK);
    store *sw = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(big.dir, "sw", HARNESS_PASS, &clk, &sw), ST_OK);
    f = plans_of(sw, CALL_COUNT, NULL, CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan || f.walks[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "cases_by_creator (created_by=?)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "cases_by_officer (assigned_officer=?)"));
    f = plans_of(sw, CALL_PAGE, NULL, CASE_ORDER_NEWEST);
    CU_ASSERT_FALSE(f.full_scan || f.walks[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(f.searches, "cases_by_creator (created_by=?)"));
    store_close(sw);
}

static CU_TestInfo tests[] = {
    { "search: the index finds what the scan found", test_search_same_as_scan },
    { "count of every case follows inserts", test_count_follows_inserts },
    { "renamed case found by its new name", test_renamed_case_found_by_new_name },
    { "row inserted by SQL counted and found", test_row_inserted_by_sql_counted_and_found },
    { "migration 10 fills what the triggers keep", test_migration_fills_what_triggers_keep },
    { "hot queries read indexes", test_hot_query_plans },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "case list and search", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_list_plan", suites);
}
