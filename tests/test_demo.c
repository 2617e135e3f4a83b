/* test_demo.c - the demo store (db/demo.h, core/demo_names.h):
 *
 * - the name pools: every script's names are in that script (Thai
 *   U+0E00, Myanmar U+1000, Khmer U+1780, Lao U+0E80, Vietnamese Latin
 *   with diacritics), romanised forms are plain ASCII, names follow each
 *   script's order, and the same pick gives the same name;
 * - demo_fill of 200 cases through the store's API: every script appears,
 *   every referral state, screenings with answers and decisions,
 *   identification decisions, needs, return plans, follow-ups and closed
 *   cases, over several Thai fiscal years, all before "now"; the store
 *   passes store_check; it is marked as a demo (setting and file) and a
 *   normal store is not;
 * - the same seed gives the same cases, another seed other ones;
 * - a count out of range is refused and writes nothing;
 * - the store's batches (store_batch_begin/_end) keep a refused call's
 *   nothing and an ended-with-error batch's nothing.
 *
 * Time comes from a fixed clock (Bangkok, UTC+7); key slots use cheap
 * Argon2id parameters. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo_names.h"
#include "core/geo.h"
#include "core/referral.h"
#include "core/repatriation.h"
#include "core/utf8.h"
#include "db/demo.h"
#include "db/exchange.h"
#include "db/record.h"
#include "db/store.h"

#define DEMO_CASES 200

static tc_fixed_clock fixed;
static tc_clock clk;
static harness_fixture demo;        /* filled once for the suite */

/* ------------------------------------------------------------ helpers */

/* The code points of s, one at a time; false at the end. */
static bool next_cp(const char **s, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)*s;
    if (!*p)
        return false;
    int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    uint32_t v = len == 1 ? *p : *p & (0x7F >> len);
    for (int i = 1; i < len && p[i]; i++)
        v = (v << 6) | (p[i] & 0x3F);
    *cp = v;
    *s += len;
    return true;
}

static bool in_block(uint32_t cp, uint32_t first)
{
    return cp >= first && cp < first + 0x80;
}

/* Which script a native name is written in: every letter in the script's
 * block (spaces aside), or for Vietnamese Latin with a letter beyond
 * ASCII.  -1 for none or a mixture. */
static int script_of(const char *name)
{
    static const uint32_t blocks[DEMO_SCRIPT_COUNT] = { 0x0E00, 0x1000, 0x1780, 0x0E80, 0 };
    bool seen[DEMO_SCRIPT_COUNT] = { false }, other = false;
    uint32_t cp;
    const char *p = name;
    while (next_cp(&p, &cp)) {
        if (cp == ' ')
            continue;
        bool hit = false;
        for (int k = 0; k < DEMO_VIETNAMESE; k++)
            if (in_block(cp, blocks[k]) || (k == DEMO_BURMESE && cp >= 0x1000 && cp < 0x10A0))
                seen[k] = hit = true;
        if (!hit && ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')))
            hit = true;   /* plain Latin: Vietnamese only with a diacritic */
        if (!hit && cp >= 0xC0 && cp <= 0x1EFF)
            seen[DEMO_VIETNAMESE] = hit = true;
        if (!hit)
            other = true;
    }
    int found = -1, kinds = 0;
    for (int k = 0; k < DEMO_VIETNAMESE; k++)
        if (seen[k])
            found = k, kinds++;
    if (seen[DEMO_VIETNAMESE])
        found = DEMO_VIETNAMESE, kinds++;
    return other || kinds != 1 ? -1 : found;
}

static bool ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* The Thai fiscal year (October to September, named by its end). */
static int fiscal_year(caldate d)
{
    return d.month >= 10 ? d.year + 1 : d.year;
}

static sqlite3_int64 count_of(store *s, const char *sql)
{
    return harness_count_rows(s, sql);
}

/* Every case's full record, in list order (newest first). */
static tc_case *all_cases(store *s, size_t *n)
{
    tc_case_row *rows = calloc(DEMO_CASES * 2, sizeof *rows);
    case_query q = { NULL, 0, DEMO_CASES * 2, CASE_ORDER_NEWEST };
    *n = 0;
    if (!rows || store_case_list(s, &q, rows, DEMO_CASES * 2, n) != ST_OK) {
        free(rows);
        return NULL;
    }
    tc_case *cases = calloc(*n ? *n : 1, sizeof *cases);
    for (size_t i = 0; cases && i < *n; i++)
        if (store_case_get(s, rows[i].id, &cases[i]) != ST_OK)
            memset(&cases[i], 0, sizeof cases[i]);
    free(rows);
    return cases;
}

static store_status fill(store *s, size_t n, uint64_t seed)
{
    demo_options o = { n, seed, 4 };
    return demo_fill(s, &o, NULL, NULL);
}

/* ------------------------------------------------------------- suites */

static int names_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

static int fill_init(void)
{
    if (sodium_init() < 0)
        return -1;
    clk = harness_clock(&fixed, HARNESS_START);
    char *root = harness_tempdir();
    demo.root = root;
    size_t len = strlen(root) + 8;
    demo.dir = malloc(len);
    snprintf(demo.dir, len, "%s/store", root);
    if (harness_store_create(demo.dir, "Demo", HARNESS_PASS, &clk, &demo.s) != ST_OK)
        return -1;
    store_status st = fill(demo.s, DEMO_CASES, 42);
    if (st != ST_OK)
        fprintf(stderr, "demo_fill: %s (%s)\n", store_status_text(st), store_last_error(demo.s));
    return st == ST_OK ? 0 : -1;
}

static int fill_clean(void)
{
    harness_fixture_close(&demo);
    return 0;
}

/* ------------------------------------------------------- name pools */

static void test_pools_in_their_scripts(void)
{
    for (int sc = 0; sc < DEMO_SCRIPT_COUNT; sc++) {
        tc_sex sexes[] = { SEX_FEMALE, SEX_MALE };
        for (size_t k = 0; k < COUNT(sexes); k++) {
            size_t n = 0;
            const demo_name_part *g = demo_given_names((demo_script)sc, sexes[k], &n);
            CHECK_ROW(n >= 15, "given names per sex");
            for (size_t i = 0; i < n; i++) {
                CHECK_ROW(script_of(g[i].native) == sc, g[i].native);
                CHECK_ROW(ascii_only(g[i].latin) && g[i].latin[0], g[i].latin);
            }
        }
        size_t nf = 0;
        const demo_name_part *f = demo_family_names((demo_script)sc, &nf);
        CHECK_ROW(sc == DEMO_BURMESE ? nf == 0 : nf >= 15, "family names");
        for (size_t i = 0; i < nf; i++)
            CHECK_ROW(script_of(f[i].native) == sc && ascii_only(f[i].latin), f[i].native);
        /* At least ~30 names to choose from in every script. */
        size_t nfem = 0, nmale = 0;
        demo_given_names((demo_script)sc, SEX_FEMALE, &nfem);
        demo_given_names((demo_script)sc, SEX_MALE, &nmale);
        CHECK_ROW(nfem + nmale + nf >= 30, "pool size");
    }
}

static void test_name_order(void)
{
    static const struct {
        demo_script sc;
        bool family_first;
    } rows[] = {
        { DEMO_THAI, false }, { DEMO_KHMER, true }, { DEMO_LAO, false },
        { DEMO_VIETNAMESE, true },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        for (uint64_t pick = 0; pick < 50; pick++) {
            demo_name n;
            demo_name_compose(rows[i].sc, SEX_FEMALE, pick, &n);
            size_t nf = 0;
            const demo_name_part *f = demo_family_names(rows[i].sc, &nf);
            bool found = false;
            for (size_t k = 0; k < nf; k++) {
                size_t len = strlen(f[k].latin), all = strlen(n.latin);
                if (rows[i].family_first)
                    found |= !strncmp(n.latin, f[k].latin, len) && n.latin[len] == ' ';
                else
                    found |= all > len && !strcmp(n.latin + all - len, f[k].latin) &&
                             n.latin[all - len - 1] == ' ';
            }
            CHECK_ROW(found, n.latin);
            CHECK_ROW(script_of(n.native) == (int)rows[i].sc, n.native);
        }
    }
    /* Burmese: two or three parts written together, no family name. */
    demo_name b;
    demo_name_compose(DEMO_BURMESE, SEX_MALE, 12345, &b);
    CU_ASSERT_PTR_NULL(strchr(b.native, ' '));
    CU_ASSERT_PTR_NOT_NULL(strchr(b.latin, ' '));
    CU_ASSERT_EQUAL(script_of(b.native), DEMO_BURMESE);
}

static void test_same_pick_same_name(void)
{
    demo_name a, b, c;
    demo_name_compose(DEMO_LAO, SEX_MALE, 777, &a);
    demo_name_compose(DEMO_LAO, SEX_MALE, 777, &b);
    demo_name_compose(DEMO_LAO, SEX_MALE, 778, &c);
    CU_ASSERT_STRING_EQUAL(a.native, b.native);
    CU_ASSERT_STRING_EQUAL(a.latin, b.latin);
    CU_ASSERT_STRING_NOT_EQUAL(a.latin, c.latin);
    demo_rng r1, r2;
    demo_rng_seed(&r1, 9);
    demo_rng_seed(&r2, 9);
    for (int i = 0; i < 10; i++)
        CU_ASSERT_EQUAL(demo_rng_next(&r1), demo_rng_next(&r2));
}

static void test_codes_are_the_store_s(void)
{
    size_t n = 0;
    const demo_route *rt = demo_routes(&n);
    tc_code_list points = repat_default_handover_points();
    for (size_t i = 0; i < n; i++) {
        CHECK_ROW(geo_country(rt[i].origin) && geo_country(rt[i].exploitation_country),
                  rt[i].origin);
        CHECK_ROW(!rt[i].transit[0] || geo_country(rt[i].transit), rt[i].transit);
        CHECK_ROW(geo_province(rt[i].province) != NULL, rt[i].province);
        CHECK_ROW(!rt[i].handover_point[0] || code_list_find(points, rt[i].handover_point),
                  rt[i].handover_point);
    }
    intake_lists lists = intake_default_lists();
    const demo_sector *sec = demo_sectors(&n);
    for (size_t i = 0; i < n; i++) {
        CHECK_ROW(code_list_find(lists.sectors, sec[i].sector) != NULL, sec[i].sector);
        CHECK_ROW(entry_point_find(sec[i].entry_point) != NULL, sec[i].entry_point);
    }
    const char *const *entries = demo_entry_points(&n);
    for (size_t i = 0; i < n; i++)
        CHECK_ROW(entry_point_find(entries[i]) != NULL, entries[i]);
}

/* ------------------------------------------------------------ the fill */

static void test_every_script_appears(void)
{
    size_t n = 0;
    tc_case *cases = all_cases(demo.s, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    CU_ASSERT_EQUAL(n, DEMO_CASES);
    size_t per_script[DEMO_SCRIPT_COUNT] = { 0 };
    for (size_t i = 0; i < n; i++) {
        const char *native = cases[i].name_thai[0] ? cases[i].name_thai : cases[i].name_original;
        int sc = script_of(native);
        CHECK_ROW(sc >= 0, native);
        if (sc >= 0)
            per_script[sc]++;
        CHECK_ROW(ascii_only(cases[i].name_latin) && cases[i].name_latin[0],
                  cases[i].name_latin);
    }
    for (int sc = 0; sc < DEMO_SCRIPT_COUNT; sc++)
        CHECK_ROW(per_script[sc] > 0, "a script without a case");
    free(cases);
}

static void test_spread_over_fiscal_years(void)
{
    size_t n = 0;
    tc_case *cases = all_cases(demo.s, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cases);
    caldate today = harness_day("2026-11-21");
    int years[16] = { 0 }, distinct = 0;
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_TRUE(cases[i].date_met_known);
        CU_ASSERT_TRUE(caldate_compare(cases[i].date_met, today) <= 0);
        int fy = fiscal_year(cases[i].date_met) - 2018;
        if (fy >= 0 && fy < 16 && !years[fy]++)
            distinct++;
    }
    CU_ASSERT_TRUE(distinct >= 4);
    free(cases);
}

static void test_every_referral_state(void)
{
    for (int k = 0; k < REFERRAL_STATE_COUNT; k++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM referrals WHERE state = '%s'",
                 referral_state_code((referral_state)k));
        CHECK_ROW(count_of(demo.s, sql) > 0, referral_state_code((referral_state)k));
    }
    /* Every change kept as an event, so more events than referrals. */
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM referral_events") >
                   count_of(demo.s, "SELECT count(*) FROM referrals"));
}

static void test_screenings_with_answers(void)
{
    sqlite3_int64 screenings = count_of(demo.s, "SELECT count(*) FROM screenings");
    CU_ASSERT_TRUE(screenings >= DEMO_CASES * 9 / 10);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM screening_answers") >= screenings * 15);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM screening_answers "
                                    "WHERE value = 'yes'") > 0);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT instrument_id) FROM screenings") >=
                   3);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM screenings WHERE decision IS NOT NULL "
                                    "AND decision <> ''") >= screenings * 8 / 10);
    /* Identification: victims and people not identified both. */
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM identifications WHERE outcome "
                                    "LIKE 'victim%'") > 0);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM identifications WHERE outcome = "
                                    "'not_identified'") > 0);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT record_id) FROM needs") > DEMO_CASES);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT record_id) FROM consents") >= DEMO_CASES * 3);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT case_id) FROM intakes") >= DEMO_CASES);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM notes") > 0);
}

static void test_returns_and_followups(void)
{
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT case_id) FROM repatriations") >= 10);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT case_id) FROM repatriations "
                                    "WHERE state = 'returned' AND is_current = 1") >= 5);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT case_id) FROM reintegrations") >= 5);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(DISTINCT record_id) FROM followups") >= 10);
    CU_ASSERT_TRUE(count_of(demo.s, "SELECT count(*) FROM case_closures") > 0);
}

static void test_store_check_passes(void)
{
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(demo.s, &r), ST_OK);
    CU_ASSERT_TRUE(r.integrity_ok);
    CU_ASSERT_TRUE(r.audit_ok);
    CU_ASSERT_TRUE(r.audit_rows > DEMO_CASES * 20);
}

static void test_marked_as_demo(void)
{
    CU_ASSERT_TRUE(store_is_demo(demo.s));
    CU_ASSERT_TRUE(store_dir_is_demo(demo.dir));
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", demo.dir, DEMO_MARKER_FILE);
    CU_ASSERT_TRUE(harness_private_file(path));
    /* The mark survives closing and opening. */
    harness_fixture_reopen(&demo, "admin", HARNESS_PASS, &clk);
    CU_ASSERT_TRUE(store_is_demo(demo.s));
    /* The store's own clock is back: new records are made "now". */
    CU_ASSERT_EQUAL(tc_now(store_clock(demo.s)), harness_at(HARNESS_START));
}

/* Neither direction of a hand-over works with a demo store: its passphrase
 * was printed on a screen, so real records must never reach it, and its
 * synthetic ones must never reach a real store. */
static void test_demo_exchanges_nothing(void)
{
    harness_fixture real = harness_fixture_open("Real", HARNESS_PASS, &clk);
    char card[2048], demo_card[2048];
    CU_ASSERT_EQUAL_FATAL(exchange_identity_card(real.s, card, sizeof card), ST_OK);
    CU_ASSERT_EQUAL_FATAL(exchange_identity_card(demo.s, demo_card, sizeof demo_card), ST_OK);
    exch_refusal r;
    exch_peer p;
    /* The demo store adds no peer, so it can seal nothing for one. */
    CU_ASSERT_EQUAL(exchange_peer_add(demo.s, card, strlen(card), "shelter", &p, &r), ST_DENIED);
    CU_ASSERT_EQUAL(r.code, EXCH_DEMO_STORE);
    CU_ASSERT_EQUAL(harness_count_rows(demo.s, "SELECT count(*) FROM exchange_peers"), 0);
    /* A real store that knows the demo's card hands it nothing it could open. */
    CU_ASSERT_EQUAL_FATAL(exchange_peer_add(real.s, demo_card, strlen(demo_card), "shelter", &p, &r),
                          ST_OK);
    tc_case c = harness_case("Mali Jaidee", 30, "2026-11-10");
    CU_ASSERT_EQUAL_FATAL(store_case_add(real.s, &c, NULL), ST_OK);
    harness_consent_add(real.s, c.id, CONSENT_REFERRAL, CONSENT_ANY_AGENCY, "2026-11-20");
    const char *ids[] = { c.id };
    uint8_t *file = NULL;
    size_t len = 0;
    exch_handover_result res;
    CU_ASSERT_EQUAL_FATAL(exchange_handover(real.s, ids, 1, p.fingerprint, EXCH_PROFILE_FULL,
                                            &file, &len, &res, &r), ST_OK);
    exchange_handover_result_free(&res);
    exch_incoming *in = NULL;
    exch_preview pv;
    CU_ASSERT_EQUAL(exchange_receive_open(demo.s, file, len, &in, &pv, &r), ST_DENIED);
    CU_ASSERT_EQUAL(r.code, EXCH_DEMO_STORE);
    CU_ASSERT_PTR_NULL(in);
    CU_ASSERT_EQUAL(harness_count_rows(demo.s, "SELECT count(*) FROM exchange_bundles"), 0);
    free(file);
    file = NULL;
    /* The demo store hands over nothing, whatever it is asked. */
    CU_ASSERT_EQUAL(exchange_handover(demo.s, ids, 1, p.fingerprint, EXCH_PROFILE_FULL,
                                      &file, &len, &res, &r), ST_DENIED);
    CU_ASSERT_EQUAL(r.code, EXCH_DEMO_STORE);
    CU_ASSERT_PTR_NULL(file);
    harness_fixture_close(&real);
}

static void test_normal_store_is_not_demo(void)
{
    harness_fixture f = harness_fixture_open("Officer", HARNESS_PASS, &clk);
    CU_ASSERT_FALSE(store_is_demo(f.s));
    CU_ASSERT_FALSE(store_dir_is_demo(f.dir));
    CU_ASSERT_FALSE(store_dir_is_demo(NULL));
    harness_fixture_close(&f);
}

static void test_same_seed_same_cases(void)
{
    harness_fixture a = harness_fixture_open("A", HARNESS_PASS, &clk);
    harness_fixture b = harness_fixture_open("B", HARNESS_PASS, &clk);
    harness_fixture c = harness_fixture_open("C", HARNESS_PASS, &clk);
    CU_ASSERT_EQUAL_FATAL(fill(a.s, 30, 7), ST_OK);
    CU_ASSERT_EQUAL_FATAL(fill(b.s, 30, 7), ST_OK);
    CU_ASSERT_EQUAL_FATAL(fill(c.s, 30, 8), ST_OK);
    size_t na = 0, nb = 0, nc = 0;
    tc_case *ca = all_cases(a.s, &na), *cb = all_cases(b.s, &nb), *cc = all_cases(c.s, &nc);
    CU_ASSERT_EQUAL(na, 30);
    CU_ASSERT_EQUAL(nb, 30);
    size_t differ = 0;
    for (size_t i = 0; i < na && i < nb && i < nc; i++) {
        CU_ASSERT_STRING_EQUAL(ca[i].name_latin, cb[i].name_latin);
        CU_ASSERT_STRING_EQUAL(ca[i].name_original, cb[i].name_original);
        CU_ASSERT_EQUAL(caldate_compare(ca[i].date_met, cb[i].date_met), 0);
        CU_ASSERT_STRING_EQUAL(ca[i].province, cb[i].province);
        differ += strcmp(ca[i].name_latin, cc[i].name_latin) != 0;
    }
    CU_ASSERT_TRUE(differ > 0);
    static const char *const counts[] = {
        "SELECT count(*) FROM referrals WHERE state = 'completed'",
        "SELECT count(*) FROM screening_answers WHERE value = 'yes'",
        "SELECT count(DISTINCT record_id) FROM followups",
        "SELECT count(*) FROM audit",
    };
    for (size_t k = 0; k < COUNT(counts); k++)
        CHECK_ROW(count_of(a.s, counts[k]) == count_of(b.s, counts[k]), counts[k]);
    free(ca);
    free(cb);
    free(cc);
    harness_fixture_close(&a);
    harness_fixture_close(&b);
    harness_fixture_close(&c);
}

static void test_count_out_of_range(void)
{
    harness_fixture f = harness_fixture_open("Officer", HARNESS_PASS, &clk);
    sqlite3_int64 audit = count_of(f.s, "SELECT count(*) FROM audit");
    CU_ASSERT_EQUAL(fill(f.s, 0, 1), ST_INVALID);
    CU_ASSERT_EQUAL(fill(f.s, DEMO_CASES_MAX + 1, 1), ST_INVALID);
    CU_ASSERT_EQUAL(count_of(f.s, "SELECT count(*) FROM audit"), audit);
    CU_ASSERT_FALSE(store_is_demo(f.s));
    CU_ASSERT_FALSE(store_dir_is_demo(f.dir));
    harness_fixture_close(&f);
}

/* store_batch_begin/_end (db/store_internal.h), which demo_fill uses: a
 * refused call inside a batch writes nothing and the others stay; a batch
 * ended with an error keeps none of its calls. */
static void test_batch(void)
{
    harness_fixture f = harness_fixture_open("Officer", HARNESS_PASS, &clk);
    const char *count = "SELECT count(*) FROM cases";
    CU_ASSERT_EQUAL_FATAL(store_batch_begin(f.s), ST_OK);
    tc_case a = harness_case("Aung Aung", 30, "2026-11-01");
    CU_ASSERT_EQUAL(store_case_add(f.s, &a, NULL), ST_OK);
    tc_case bad = harness_case("", 30, "2026-11-01");
    case_check chk;
    CU_ASSERT_EQUAL(store_case_add(f.s, &bad, &chk), ST_INVALID);
    tc_case b = harness_case("Min Htet", 25, "2026-11-02");
    CU_ASSERT_EQUAL(store_case_add(f.s, &b, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_batch_end(f.s, ST_OK), ST_OK);
    CU_ASSERT_EQUAL(count_of(f.s, count), 2);
    harness_check_chain(f.s);
    CU_ASSERT_EQUAL_FATAL(store_batch_begin(f.s), ST_OK);
    tc_case c = harness_case("Zaw Win", 40, "2026-11-03");
    CU_ASSERT_EQUAL(store_case_add(f.s, &c, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_batch_end(f.s, ST_IO), ST_IO);
    CU_ASSERT_EQUAL(count_of(f.s, count), 2);
    /* After a batch, a call is its own transaction again. */
    CU_ASSERT_EQUAL(store_case_add(f.s, &c, NULL), ST_OK);
    CU_ASSERT_EQUAL(count_of(f.s, count), 3);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

static CU_TestInfo name_tests[] = {
    { "every pool in its script", test_pools_in_their_scripts },
    { "name order per script", test_name_order },
    { "same pick, same name", test_same_pick_same_name },
    { "codes the store accepts", test_codes_are_the_store_s },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo fill_tests[] = {
    { "every script appears", test_every_script_appears },
    { "several fiscal years, none ahead", test_spread_over_fiscal_years },
    { "every referral state", test_every_referral_state },
    { "screenings with answers, decisions", test_screenings_with_answers },
    { "returns and follow-ups", test_returns_and_followups },
    { "store_check passes", test_store_check_passes },
    { "marked as a demo", test_marked_as_demo },
    { "a demo store exchanges nothing", test_demo_exchanges_nothing },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo other_tests[] = {
    { "a normal store is not a demo", test_normal_store_is_not_demo },
    { "same seed, same cases", test_same_seed_same_cases },
    { "count out of range", test_count_out_of_range },
    { "calls in a batch", test_batch },
    CU_TEST_INFO_NULL,
};

static int other_init(void) { return harness_store_suite_init(&fixed, &clk, HARNESS_START); }

static int no_clean(void) { return 0; }

static CU_SuiteInfo suites[] = {
    { "name pools", names_init, no_clean, NULL, NULL, name_tests },
    { "demo fill", fill_init, fill_clean, NULL, NULL, fill_tests },
    { "seed and marks", other_init, no_clean, NULL, NULL, other_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_demo", suites);
}
