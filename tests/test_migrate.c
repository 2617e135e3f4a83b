/* test_migrate.c - schema migrations: from nothing, from every earlier
 * version with data kept, one transaction per step, newer refused. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "db/migrate.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "db/returns.h"
#include "db/screenings.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, "2026-11-21T03:00:00Z");
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* A new, empty, keyed SQLCipher database, like the one store_create makes. */
typedef struct keyed_db {
    char *dir;
    char *path;
    sqlite3 *db;
} keyed_db;

static keyed_db keyed_db_new(void)
{
    keyed_db k;
    unsigned char key[DATA_KEY_BYTES];
    randombytes_buf(key, sizeof key);
    k.dir = harness_tempdir();
    if (!k.dir || asprintf(&k.path, "%s/cases.db", k.dir) < 0)
        abort();
    int rc = store_db_open_keyed(k.path, key, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &k.db);
    CU_ASSERT_EQUAL_FATAL(rc, SQLITE_OK);
    sodium_memzero(key, sizeof key);
    return k;
}

static void keyed_db_free(keyed_db *k)
{
    sqlite3_close(k->db);
    harness_rmtree(k->dir);
    free(k->dir);
    free(k->path);
}

static int count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return -1;
    int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}

static bool has_object(sqlite3 *db, const char *type, const char *name)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM sqlite_master WHERE type = '%s' AND name = '%s'", type, name);
    return count_rows(db, sql) == 1;
}

/* What each version adds that later ones must keep. */
static const struct { int version; const char *type; const char *name; } schema_objects[] = {
    { 1, "table", "meta" }, { 1, "table", "officers" }, { 1, "table", "persons" },
    { 1, "table", "cases" }, { 1, "table", "case_nationalities" },
    { 1, "table", "case_counters" }, { 1, "table", "settings" }, { 1, "table", "audit" },
    { 1, "index", "cases_list" },
    { 2, "index", "cases_by_officer" }, { 2, "index", "audit_by_record" },
    { 3, "table", "case_name_keys" }, { 3, "index", "case_name_keys_order" },
    { 4, "table", "instruments" }, { 4, "table", "screenings" },
    { 4, "table", "screening_answers" }, { 4, "table", "identifications" },
    { 4, "table", "case_clocks" }, { 4, "index", "screenings_by_case" },
    { 4, "index", "case_clocks_shelter_running" },
    { 5, "table", "code_rows" }, { 5, "table", "intakes" }, { 5, "table", "consents" },
    { 5, "table", "consent_overrides" }, { 5, "table", "needs" }, { 5, "table", "notes" },
    { 5, "table", "inspections" }, { 5, "table", "inspection_cases" },
    { 5, "table", "case_closures" }, { 5, "table", "case_quick" },
    { 5, "index", "consents_by_case" }, { 5, "index", "needs_by_case" },
    { 6, "table", "agencies" }, { 6, "table", "referrals" },
    { 6, "table", "referral_events" }, { 6, "table", "referral_needs" },
    { 6, "index", "agencies_current_code" }, { 6, "index", "referrals_overdue" },
    { 6, "index", "referrals_due" }, { 6, "index", "referrals_idle" },
    { 6, "index", "referral_events_by_case" },
    { 7, "table", "repatriations" }, { 7, "table", "repatriation_steps" },
    { 7, "table", "reintegrations" }, { 7, "table", "reintegration_domains" },
    { 7, "table", "followups" }, { 7, "index", "repatriations_one_per_case" },
    { 7, "index", "reintegrations_due" }, { 7, "index", "followups_by_plan" },
    { 8, "table", "store_identity" }, { 8, "table", "exchange_peers" },
    { 8, "table", "exchange_bundles" }, { 8, "table", "exchange_rows" },
    { 8, "table", "exchange_conflicts" }, { 8, "table", "crossborder_profiles" },
    { 8, "index", "exchange_conflicts_by_state" }, { 8, "index", "exchange_rows_by_row" },
    { 9, "table", "report_cases" }, { 9, "table", "report_referrals" },
    { 9, "table", "report_need_events" }, { 9, "index", "report_cases_screened" },
    { 9, "index", "report_need_events_at" }, { 9, "index", "referrals_sent" },
    { 9, "index", "followups_report" }, { 9, "trigger", "report_cases_cases_ins" },
    { 9, "trigger", "report_cases_screenings_upd" }, { 9, "trigger", "report_need_events_needs_ins" },
    { 11, "table", "parties" }, { 11, "index", "parties_by_case" },
};

static void check_schema_at(sqlite3 *db, int version)
{
    for (size_t i = 0; i < sizeof schema_objects / sizeof schema_objects[0]; i++) {
        bool want = schema_objects[i].version <= version;
        bool got = has_object(db, schema_objects[i].type, schema_objects[i].name);
        if (want != got)
            fprintf(stderr, "\n  version %d: %s %s %s\n", version, schema_objects[i].type,
                    schema_objects[i].name, got ? "present" : "missing");
        CU_ASSERT_EQUAL(got, want);
    }
}

/* Rows written with the columns version 1 had; every later version must
 * keep them readable. */
static const char seed_v1[] =
    "INSERT INTO meta VALUES('store_code', 'K7Q4X');"
    "INSERT INTO officers(id, login, name, role, active, created_at, updated_at, created_by,"
    " updated_by) VALUES('o1', 'nok', 'Nok', 'admin', 1, '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', 'o1', 'o1');"
    "INSERT INTO persons(id, name_thai, name_latin, created_at, updated_at, created_by,"
    " updated_by) VALUES('p1', 'สมหญิง', 'Somying', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', 'o1', 'o1');"
    "INSERT INTO cases(id, person_id, reference, store_code, be_year, number, date_met,"
    " sort_date, assigned_officer, search_key, created_at, updated_at, created_by, updated_by)"
    " VALUES('c1', 'p1', 'K7Q4X-2569-0001', 'K7Q4X', 2569, 1, '2026-01-01', '2026-01-01',"
    " 'o1', 'สมหญิง\x1fsomying', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'o1', 'o1');"
    "INSERT INTO case_nationalities VALUES('n1', 'c1', 0, 'MM', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', 'o1', 'o1');"
    "INSERT INTO case_counters VALUES('K7Q4X', 2569, 1);"
    "INSERT INTO settings VALUES('s1', 'lock_minutes', '10', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', 'o1', 'o1');"
    "INSERT INTO audit VALUES(1, '2026-01-01T00:00:00Z', 'o1', 'case.add', 'cases', 'c1',"
    " zeroblob(32), zeroblob(32));";

static void check_seed_kept(sqlite3 *db)
{
    const struct { const char *sql; int want; } checks[] = {
        { "SELECT count(*) FROM meta WHERE value = 'K7Q4X'", 1 },
        { "SELECT count(*) FROM officers WHERE login = 'NOK' AND active = 1", 1 },
        { "SELECT count(*) FROM persons WHERE name_thai = 'สมหญิง'", 1 },
        { "SELECT count(*) FROM cases c JOIN persons p ON p.id = c.person_id"
          " WHERE c.reference = 'K7Q4X-2569-0001'", 1 },
        { "SELECT count(*) FROM case_nationalities WHERE case_id = 'c1' AND country = 'MM'", 1 },
        { "SELECT last_number FROM case_counters WHERE be_year = 2569", 1 },
        { "SELECT value FROM settings WHERE key = 'lock_minutes'", 10 },
        { "SELECT count(*) FROM audit WHERE record_id = 'c1'", 1 },
        /* Migration 7: not a high-risk case until a follow-up says so. */
        { "SELECT count(*) FROM cases WHERE id = 'c1' AND high_risk = 0", 1 },
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        int got = count_rows(db, checks[i].sql);
        if (got != checks[i].want)
            fprintf(stderr, "\n  %s -> %d\n", checks[i].sql, got);
        CU_ASSERT_EQUAL(got, checks[i].want);
    }
}

static void test_latest_is_at_least_two(void)
{
    /* With one step there would be no "earlier version" to migrate from. */
    CU_ASSERT_TRUE(migrate_latest_version() >= 2);
}

static void test_empty_to_latest(void)
{
    keyed_db k = keyed_db_new();
    CU_ASSERT_EQUAL(migrate_current_version(k.db), 0);
    CU_ASSERT_EQUAL(migrate_to_latest(k.db), SQLITE_OK);
    CU_ASSERT_EQUAL(migrate_current_version(k.db), migrate_latest_version());
    check_schema_at(k.db, migrate_latest_version());
    /* Running it again changes nothing. */
    CU_ASSERT_EQUAL(migrate_to_latest(k.db), SQLITE_OK);
    CU_ASSERT_EQUAL(migrate_current_version(k.db), migrate_latest_version());
    /* The schema itself is encrypted too. */
    sqlite3_close(k.db);
    k.db = NULL;
    CU_ASSERT_FALSE(harness_file_contains(k.path, "CREATE TABLE", 12));
    CU_ASSERT_FALSE(harness_file_contains(k.path, "case_counters", 13));
    keyed_db_free(&k);
}

static void test_one_step_at_a_time(void)
{
    keyed_db k = keyed_db_new();
    for (int v = 1; v <= migrate_latest_version(); v++) {
        CU_ASSERT_EQUAL(migrate_to(k.db, v), SQLITE_OK);
        CU_ASSERT_EQUAL(migrate_current_version(k.db), v);
        check_schema_at(k.db, v);
    }
    keyed_db_free(&k);
}

static void test_each_earlier_version_keeps_data(void)
{
    for (int from = 1; from < migrate_latest_version(); from++) {
        keyed_db k = keyed_db_new();
        CU_ASSERT_EQUAL_FATAL(migrate_to(k.db, from), SQLITE_OK);
        CU_ASSERT_EQUAL(migrate_current_version(k.db), from);
        check_schema_at(k.db, from);
        CU_ASSERT_EQUAL_FATAL(sqlite3_exec(k.db, seed_v1, NULL, NULL, NULL), SQLITE_OK);
        CU_ASSERT_EQUAL(migrate_to_latest(k.db), SQLITE_OK);
        CU_ASSERT_EQUAL(migrate_current_version(k.db), migrate_latest_version());
        check_schema_at(k.db, migrate_latest_version());
        check_seed_kept(k.db);
        keyed_db_free(&k);
    }
}

static void test_newer_database_refused(void)
{
    keyed_db k = keyed_db_new();
    CU_ASSERT_EQUAL(migrate_to_latest(k.db), SQLITE_OK);
    int newer = migrate_latest_version() + 1;
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", newer);
    CU_ASSERT_EQUAL(sqlite3_exec(k.db, sql, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(migrate_to_latest(k.db), SQLITE_MISMATCH);
    CU_ASSERT_EQUAL(migrate_current_version(k.db), newer);
    /* Asking an up-to-date database to go back is refused the same way. */
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", migrate_latest_version());
    sqlite3_exec(k.db, sql, NULL, NULL, NULL);
    CU_ASSERT_EQUAL(migrate_to(k.db, 1), SQLITE_MISMATCH);
    CU_ASSERT_EQUAL(migrate_current_version(k.db), migrate_latest_version());
    keyed_db_free(&k);
}

static void test_target_out_of_range(void)
{
    keyed_db k = keyed_db_new();
    CU_ASSERT_EQUAL(migrate_to(k.db, migrate_latest_version() + 1), SQLITE_MISUSE);
    CU_ASSERT_EQUAL(migrate_to(k.db, -1), SQLITE_MISUSE);
    CU_ASSERT_EQUAL(migrate_current_version(k.db), 0);
    keyed_db_free(&k);
}

/* A step that fails half-way leaves nothing of itself behind. */
static void test_failed_step_applies_nothing(void)
{
    keyed_db k = keyed_db_new();
    /* v1 creates settings after meta and officers: make it collide. */
    CU_ASSERT_EQUAL(sqlite3_exec(k.db, "CREATE TABLE settings(x)", NULL, NULL, NULL), SQLITE_OK);
    int rc = migrate_to_latest(k.db);
    CU_ASSERT_NOT_EQUAL(rc, SQLITE_OK);
    CU_ASSERT_EQUAL(migrate_current_version(k.db), 0);
    CU_ASSERT_FALSE(has_object(k.db, "table", "meta"));
    CU_ASSERT_FALSE(has_object(k.db, "table", "officers"));
    CU_ASSERT_TRUE(sqlite3_get_autocommit(k.db));   /* no transaction left open */
    /* Remove the obstacle and it goes through. */
    sqlite3_exec(k.db, "DROP TABLE settings", NULL, NULL, NULL);
    CU_ASSERT_EQUAL(migrate_to_latest(k.db), SQLITE_OK);
    check_schema_at(k.db, migrate_latest_version());
    keyed_db_free(&k);
}

/* What migration 7 adds as tables, dropped to turn a store back.  The
 * cases.high_risk column stays (SQLite 3.15 cannot drop a column), as
 * migration 7 allows. */
/* Migration 8's tables, for a store turned back into an older one. */
#define EXCHANGE_TABLES_DROP \
    "DROP TABLE crossborder_profiles; DROP TABLE exchange_conflicts;" \
    "DROP TABLE exchange_rows; DROP TABLE exchange_bundles; DROP TABLE exchange_peers;" \
    "DROP TABLE store_identity;"

/* Migration 9's tables, indexes on older tables and triggers. */
static void drop_report_objects(sqlite3 *db)
{
    sqlite3_stmt *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT type, name FROM sqlite_master"
                                                 " WHERE type IN ('trigger', 'index')"
                                                 " AND (name LIKE 'report_%' OR name IN"
                                                 " ('referrals_sent', 'repatriations_returned',"
                                                 " 'reintegrations_report', 'followups_report'))",
                                             -1, &q, NULL), SQLITE_OK);
    char drops[8192] = "DROP TABLE report_cases; DROP TABLE report_referrals;"
                       " DROP TABLE report_need_events;";
    size_t len = strlen(drops);
    while (sqlite3_step(q) == SQLITE_ROW && len < sizeof drops) {
        const char *type = (const char *)sqlite3_column_text(q, 0);
        const char *name = (const char *)sqlite3_column_text(q, 1);
        if (!strcmp(type, "index") && !strncmp(name, "report_", 7))
            continue;                   /* goes with its table */
        int n = snprintf(drops + len, sizeof drops - len, " DROP %s %s;",
                         !strcmp(type, "trigger") ? "TRIGGER" : "INDEX", name);
        if (n > 0)
            len += (size_t)n;
    }
    sqlite3_finalize(q);
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db, drops, NULL, NULL, NULL), SQLITE_OK);
}

/* Migration 11's table (its index goes with it). */
#define PARTIES_TABLE_DROP "DROP TABLE parties;"

#define RETURNS_TABLES_DROP \
    "DROP TABLE followups; DROP TABLE reintegration_domains; DROP TABLE reintegrations;" \
    "DROP TABLE repatriation_steps; DROP TABLE repatriations;"

/* A case with only a name, as an older tipcase stored it. */
static tc_case add_old_case(store *s)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_latin, sizeof c.name_latin, "Old Case");
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    return c;
}

/* store_open brings a store made by an older tipcase up to date, and its
 * data (and audit chain) survive. */
static void test_store_open_migrates_old_store(void)
{
    const char *pass = "an old passphrase here";
    harness_fixture f = harness_fixture_open("Admin", pass, &clk);
    store *s = f.s;
    tc_case c = add_old_case(s);
    /* Turn it back into a version-1 store. */
    sqlite3 *db = store_db_handle(s);
    CU_ASSERT_EQUAL(sqlite3_exec(db, "DROP INDEX cases_by_officer; DROP INDEX audit_by_record;"
                                     "DROP INDEX case_name_keys_order; DROP TABLE case_name_keys;"
                                     "DROP TABLE screening_answers; DROP TABLE screenings;"
                                     "DROP TABLE identifications; DROP TABLE case_clocks;"
                                     "DROP TABLE instruments;"
                                     "DROP TABLE code_rows; DROP TABLE intakes;"
                                     "DROP TABLE consents; DROP TABLE consent_overrides;"
                                     "DROP TABLE needs; DROP TABLE notes;"
                                     "DROP TABLE inspection_cases; DROP TABLE inspections;"
                                     "DROP TABLE case_closures; DROP TABLE case_quick;"
                                     "DROP TABLE referral_needs; DROP TABLE referral_events;"
                                     "DROP TABLE referrals; DROP TABLE agencies;"
                                     EXCHANGE_TABLES_DROP RETURNS_TABLES_DROP
                                     PARTIES_TABLE_DROP
                                     "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
    harness_fixture_reopen(&f, "admin", pass, &clk);
    s = f.s;
    db = store_db_handle(s);
    CU_ASSERT_EQUAL(migrate_current_version(db), migrate_latest_version());
    check_schema_at(db, migrate_latest_version());
    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(s, c.reference, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.name_latin, "Old Case");
    /* Migration 3 gave the old case its place in the by-name list. */
    tc_case_row row;
    size_t n = 0;
    case_query by_name = { NULL, 0, 1, CASE_ORDER_NAME };
    CU_ASSERT_EQUAL(store_case_list(s, &by_name, &row, 1, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(row.name, "Old Case");
    /* Migration 4 loaded the built-in instruments. */
    instrument *inst = NULL;
    CU_ASSERT_EQUAL(store_instrument_load(s, "forced_labour", 0, &inst), ST_OK);
    instrument_free(inst);
    /* Migration 5 loaded the built-in code lists. */
    CU_ASSERT_EQUAL(count_rows(db, "SELECT count(*) FROM code_rows"
                                   " WHERE list = 'sector' AND code = 'fishing' AND builtin = 1"), 1);
    /* Migration 6 loaded the shipped agency directory. */
    CU_ASSERT_EQUAL(count_rows(db, "SELECT count(*) FROM agencies WHERE code = 'rtp'"
                                   " AND is_current = 1 AND active = 1"), 1);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
    harness_fixture_close(&f);
}

/* The built-in handover points, as one line per row in order. */
static void handover_rows(sqlite3 *db, char *out, size_t outsz)
{
    sqlite3_stmt *q = NULL;
    size_t len = 0;
    out[0] = '\0';
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT position, code, label_en, label_th,"
                                                 " builtin FROM code_rows"
                                                 " WHERE list = 'handover_point'"
                                                 " ORDER BY position", -1, &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW && len < outsz) {
        int n = snprintf(out + len, outsz - len, "%d %s %s %s %d\n", sqlite3_column_int(q, 0),
                         sqlite3_column_text(q, 1), sqlite3_column_text(q, 2),
                         sqlite3_column_text(q, 3), sqlite3_column_int(q, 4));
        if (n > 0)
            len += (size_t)n;
    }
    sqlite3_finalize(q);
}

/* A store of version 6 (no return plans, no handover points, the case
 * list without the high-risk mark) opened by this tipcase: migration 7
 * gives it the same handover points a new store has, the new tables, and
 * the case list's index with high_risk first. */
static void test_version_6_store_gets_returns(void)
{
    const char *pass = "an old passphrase here";
    harness_fixture f = harness_fixture_open("Admin", pass, &clk);
    store *s = f.s;
    char fresh[2048], upgraded[2048];
    handover_rows(store_db_handle(s), fresh, sizeof fresh);
    CU_ASSERT_EQUAL(count_rows(store_db_handle(s), "SELECT count(*) FROM code_rows"
                                                   " WHERE list = 'handover_point'"), 8);
    tc_case c = add_old_case(s);
    CU_ASSERT_EQUAL(sqlite3_exec(store_db_handle(s), EXCHANGE_TABLES_DROP RETURNS_TABLES_DROP
                                 PARTIES_TABLE_DROP
                                 "DELETE FROM code_rows WHERE list = 'handover_point';"
                                 "DROP INDEX cases_list;"
                                 "CREATE INDEX cases_list ON cases(sort_date, created_at,"
                                 " reference, search_key);"
                                 "PRAGMA user_version = 6", NULL, NULL, NULL), SQLITE_OK);
    harness_fixture_reopen(&f, "admin", pass, &clk);
    s = f.s;
    sqlite3 *db = store_db_handle(s);
    CU_ASSERT_EQUAL(migrate_current_version(db), migrate_latest_version());
    check_schema_at(db, migrate_latest_version());
    handover_rows(db, upgraded, sizeof upgraded);
    CU_ASSERT_STRING_EQUAL(upgraded, fresh);
    CU_ASSERT_PTR_NOT_NULL(strstr(upgraded, "0 mae_sot "));
    CU_ASSERT_PTR_NOT_NULL(strstr(upgraded, "7 don_mueang "));
    /* (SQLite 3.15 has no pragma_index_info() to ask.) */
    CU_ASSERT_EQUAL(count_rows(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                   " AND name = 'cases_list' AND sql LIKE '%(high_risk, %'"), 1);
    /* The old case is on the list, and can be given a return plan at a
     * handover point that came with the migration. */
    tc_case_row row;
    size_t n = 0;
    case_query newest = { NULL, 0, 1, CASE_ORDER_NEWEST };
    CU_ASSERT_EQUAL(store_case_list(s, &newest, &row, 1, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_FALSE(row.high_risk);
    tc_repatriation p;
    repat_init(&p);
    snprintf(p.case_id, sizeof p.case_id, "%s", c.id);
    snprintf(p.country, sizeof p.country, "MM");
    snprintf(p.handover_point, sizeof p.handover_point, "mae_sot");
    repat_check chk;
    CU_ASSERT_EQUAL(store_repatriation_add(s, &p, &chk), ST_OK);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
    harness_fixture_close(&f);
}

/* A store of version 8 (no report tables) opened by this tipcase:
 * migration 9 gives its cases, screenings and referrals their report rows,
 * and from then on every write keeps them. */
static void test_version_8_store_gets_report_tables(void)
{
    const char *pass = "an old passphrase here";
    harness_fixture f = harness_fixture_open("Admin", pass, &clk);
    store *s = f.s;
    tc_case c = add_old_case(s);
    sqlite3 *db = store_db_handle(s);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO screenings(id, case_id, instrument_id, held_at, place, interviewers,"
             " language, interpreter_used, consent_given, earlier_interviews, guardian_present,"
             " child, decided, suggestion, decided_at, created_at, updated_at) VALUES('s1', '%s',"
             " (SELECT id FROM instruments LIMIT 1), '2026-11-01T03:00:00Z', 'x', 'x', 'my', 0, 1,"
             " 0, 'not_recorded', 0, 1, 'reasonable_grounds', '2026-11-02T03:00:00Z',"
             " '2026-11-01T03:00:00Z', '2026-11-01T03:00:00Z')", c.id);
    CU_ASSERT_EQUAL(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    drop_report_objects(db);
    CU_ASSERT_EQUAL(sqlite3_exec(db, PARTIES_TABLE_DROP, NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_exec(db, "PRAGMA user_version = 8", NULL, NULL, NULL), SQLITE_OK);
    check_schema_at(db, 8);
    harness_fixture_reopen(&f, "admin", pass, &clk);
    s = f.s;
    db = store_db_handle(s);
    CU_ASSERT_EQUAL(migrate_current_version(db), migrate_latest_version());
    check_schema_at(db, migrate_latest_version());
    /* The case stored before has its row, with its first milestones. */
    CU_ASSERT_EQUAL(count_rows(db, "SELECT count(*) FROM report_cases"
                                   " WHERE first_screened = '2026-11-01T03:00:00Z'"
                                   " AND first_grounds = '2026-11-02T03:00:00Z'"), 1);
    CU_ASSERT_EQUAL(count_rows(db, "SELECT count(*) FROM report_cases"), 1);
    /* A case added now gets its row from the triggers. */
    add_old_case(s);
    CU_ASSERT_EQUAL(count_rows(db, "SELECT count(*) FROM report_cases"), 2);
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
    harness_fixture_close(&f);
}

static CU_TestInfo tests[] = {
    { "there are earlier versions", test_latest_is_at_least_two },
    { "empty keyed database to latest", test_empty_to_latest },
    { "one step at a time", test_one_step_at_a_time },
    { "each earlier version keeps its data", test_each_earlier_version_keeps_data },
    { "newer database refused", test_newer_database_refused },
    { "target out of range", test_target_out_of_range },
    { "failed step applies nothing", test_failed_step_applies_nothing },
    { "store_open migrates an old store", test_store_open_migrates_old_store },
    { "a version-6 store gets return plans", test_version_6_store_gets_returns },
    { "a version-8 store gets the report tables", test_version_8_store_gets_report_tables },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "migrate", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_migrate", suites);
}
