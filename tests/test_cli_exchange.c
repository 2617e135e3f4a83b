/* test_cli_exchange.c - the hand-over commands (issue 7) between two real
 * stores, run in-process: identity and its card file, peer add (asked
 * unless --yes) / list / remove, handover to a fingerprint or a card
 * file, receive with its preview (asked unless --yes), refusals in
 * English and Thai, conflicts listed, shown and resolved, and the
 * exchange.* settings with the limit of 15 cross-border items. */
#define _GNU_SOURCE
#include "config.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/consent.h"
#include "db/exchange.h"
#include "db/record.h"
#include "i18n/i18n.h"
#include "tests/harness.h"
#include "tests/harness_cli.h"
#include "tests/harness_store.h"
#include "tui/cli.h"

#define PASS "correct horse battery staple"
#define NOW "2026-11-21T03:00:00Z"
#define OUT_MAX (256 * 1024)

static tc_fixed_clock fixed;
static tc_clock clk;
static char *top;
static char dir_a[512], dir_b[512], dir_c[512];
static char ref_a[CASEREF_MAX], ref_bare[CASEREF_MAX];
static char id_a[TC_ID_LEN];
static char fp_b[IDENTITY_FP_TEXT];
static char out[OUT_MAX], err[OUT_MAX];
static bool have_catalogue;

/* ---- running ------------------------------------------------------------ */

static int run_in(const char *dir, const char *const *args)
{
    harness_cli c = { dir, top, PASS, clk, out, err, OUT_MAX };
    return harness_cli_run(&c, args);
}

/* The same with standard input read from text (the answer to a question). */
static int run_answering(const char *dir, const char *answer, const char *const *args)
{
    char path[600];
    snprintf(path, sizeof path, "%s/answer", top);
    harness_spill(path, answer, strlen(answer));
    fflush(stdin);
    int saved = dup(0);
    int fd = open(path, O_RDONLY);
    dup2(fd, 0);
    close(fd);
    clearerr(stdin);
    int rc = run_in(dir, args);
    dup2(saved, 0);
    close(saved);
    clearerr(stdin);
    return rc;
}

static char *path_in_top(const char *name)
{
    static char p[4][600];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", top, name);
    return p[k];
}

/* ---- the stores ----------------------------------------------------------- */

static void add_consent(store *s, const char *case_id)
{
    tc_consent c;
    consent_init(&c);
    snprintf(c.case_id, sizeof c.case_id, "%s", case_id);
    c.purpose = CONSENT_REFERRAL;
    snprintf(c.agency_kind, sizeof c.agency_kind, "%s", CONSENT_ANY_AGENCY);
    c.agreed = true;
    /* (harness_day asserts, which a suite's set-up cannot.) */
    caldate_parse_iso("2026-11-20", &c.given_on);
    snprintf(c.language, sizeof c.language, "my");
    store_consent_add(s, &c, NULL);
}

/* Store A holds a consented case with Thai names and one without consent;
 * B and C are empty. */
static bool make_stores(void)
{
    snprintf(dir_a, sizeof dir_a, "%s/a", top);
    snprintf(dir_b, sizeof dir_b, "%s/b", top);
    snprintf(dir_c, sizeof dir_c, "%s/c", top);
    store *s = NULL;
    if (harness_store_create(dir_a, "Somchai", PASS, &clk, &s) != ST_OK)
        return false;
    tc_case c;
    case_init(&c);
    snprintf(c.name_thai, sizeof c.name_thai, "มะลิ ใจดี");
    snprintf(c.name_latin, sizeof c.name_latin, "Mali Jaidee");
    c.sex = SEX_FEMALE;
    c.estimated_age = 24;
    snprintf(c.nationalities[0], 3, "MM");
    c.n_nationalities = 1;
    bool ok = store_case_add(s, &c, NULL) == ST_OK;
    snprintf(ref_a, sizeof ref_a, "%s", c.reference);
    snprintf(id_a, sizeof id_a, "%s", c.id);
    add_consent(s, c.id);
    tc_case bare;
    case_init(&bare);
    snprintf(bare.name_latin, sizeof bare.name_latin, "Aung Min");
    ok = ok && store_case_add(s, &bare, NULL) == ST_OK;
    snprintf(ref_bare, sizeof ref_bare, "%s", bare.reference);
    store_close(s);
    s = NULL;
    ok = ok && harness_store_create(dir_b, "Malee", PASS, &clk, &s) == ST_OK;
    store_close(s);
    s = NULL;
    ok = ok && harness_store_create(dir_c, "Stranger", PASS, &clk, &s) == ST_OK;
    store_close(s);
    return ok;
}

static void make_catalogue(void)
{
    static const char thai[] =
        "msgid \"This bundle was imported before. Nothing was imported again.\"\n"
        "msgstr \"ไฟล์ส่งต่อข้อมูลนี้เคยนำเข้าแล้ว ไม่ได้นำเข้าซ้ำ\"\n"
        "msgid \"Fingerprint:\"\nmsgstr \"ลายนิ้วมือกุญแจ:\"\n";
    have_catalogue = harness_cli_catalogue(top, thai);
}

static int suite_init(void)
{
    clk = harness_clock(&fixed, NOW);
    top = harness_tempdir();
    if (!top || !make_stores())
        return 1;
    make_catalogue();
    return 0;
}

static int suite_clean(void)
{
    return harness_cli_suite_close(&top);
}

/* ---- the tests (in order: each builds on the one before) ----------------- */

static void test_identity_and_card(void)
{
    const char *a[] = { "identity", "--store-name", "Mae Sot shelter", "--output",
                        path_in_top("a.card"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, a), 0);
    CU_ASSERT_TRUE(harness_has(out, "Store name:\tMae Sot shelter"));
    CU_ASSERT_TRUE(harness_has(out, "Fingerprint:\t"));
    CU_ASSERT_TRUE(harness_has(out, "Identity card written to"));
    CU_ASSERT_TRUE(harness_private_file(path_in_top("a.card")));
    const char *b[] = { "identity", "--output", path_in_top("b.card"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, b), 0);
    const char *p = strstr(out, "Fingerprint:\t");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(fp_b, sizeof fp_b, "%.35s", p + strlen("Fingerprint:\t"));
    const char *c[] = { "identity", "--output", path_in_top("c.card"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_c, c), 0);
    const char *bad[] = { "identity", "--store-name", "", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, bad), 1);
    CU_ASSERT_TRUE(harness_has(err, "1 to 120 bytes"));
}

static void test_peer_add_asks(void)
{
    const char *add[] = { "peer", "add", path_in_top("b.card"), "--type", "shelter", NULL };
    CU_ASSERT_EQUAL(run_answering(dir_a, "no\n", add), 1);
    CU_ASSERT_TRUE(harness_has(out, fp_b));
    CU_ASSERT_TRUE(harness_has(err, "Not added"));
    const char *list[] = { "peer", "list", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, list), 0);
    CU_ASSERT_TRUE(harness_has(out, "knows no other store"));
    CU_ASSERT_EQUAL(run_answering(dir_a, "yes\n", add), 0);
    CU_ASSERT_TRUE(harness_has(out, "Added"));
    CU_ASSERT_EQUAL(run_in(dir_a, list), 0);
    CU_ASSERT_TRUE(harness_has(out, fp_b));
    CU_ASSERT_TRUE(harness_has(out, "Added by:\tSomchai"));
    const char *back[] = { "peer", "add", path_in_top("a.card"), "--yes", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, back), 0);
    /* Twice is refused. */
    CU_ASSERT_EQUAL(run_in(dir_b, back), 1);
    CU_ASSERT_TRUE(harness_has(err, "known already"));
    const char *usage[] = { "peer", "fly", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, usage), 2);
}

static void test_handover_and_receive(void)
{
    const char *none[] = { "handover", ref_bare, "--to", fp_b, "--output",
                           path_in_top("bare.bundle"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, none), 1);
    CU_ASSERT_TRUE(harness_has(err, "consent does not cover"));
    CU_ASSERT_TRUE(harness_has(err, ref_bare));
    CU_ASSERT_TRUE(harness_nothing_written(path_in_top("bare.bundle")));
    const char *bad_profile[] = { "handover", ref_a, "--to", fp_b, "--profile", "moon",
                                  "--output", path_in_top("x"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, bad_profile), 2);

    const char *hand[] = { "handover", ref_a, "--to", fp_b, "--output",
                           path_in_top("one.bundle"), NULL };
    CU_ASSERT_EQUAL_FATAL(run_in(dir_a, hand), 0);
    CU_ASSERT_TRUE(harness_has(out, "Bundle "));
    CU_ASSERT_TRUE(harness_has(out, "Sections sent:\tPerson and case"));
    CU_ASSERT_TRUE(harness_private_file(path_in_top("one.bundle")));

    const char *recv[] = { "receive", path_in_top("one.bundle"), NULL };
    CU_ASSERT_EQUAL(run_answering(dir_b, "no\n", recv), 1);
    CU_ASSERT_TRUE(harness_has(out, "From:\tMae Sot shelter"));
    CU_ASSERT_TRUE(harness_has(out, "มะลิ ใจดี (new here)"));
    CU_ASSERT_TRUE(harness_has(err, "Not imported."));
    const char *show[] = { "case", "show", ref_a, NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, show), 1);

    const char *yes[] = { "receive", path_in_top("one.bundle"), "--yes", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, yes), 0);
    CU_ASSERT_TRUE(harness_has(out, "Imported."));
    CU_ASSERT_TRUE(harness_has(out, "0 conflicts to resolve"));
    CU_ASSERT_EQUAL(run_in(dir_b, show), 0);
    CU_ASSERT_TRUE(harness_has(out, "มะลิ ใจดี"));

    /* The same file again: a replay, in English and in Thai. */
    CU_ASSERT_EQUAL(run_in(dir_b, yes), 1);
    CU_ASSERT_TRUE(harness_has(err, "imported before"));
    if (have_catalogue) {
        CU_ASSERT_TRUE_FATAL(i18n_set_language("th"));
        CU_ASSERT_EQUAL(run_in(dir_b, yes), 1);
        i18n_set_language("en");
        CU_ASSERT_TRUE(harness_has(err, "เคยนำเข้าแล้ว"));
    }
    /* Not a bundle; a bundle for another store. */
    const char *card[] = { "receive", path_in_top("a.card"), "--yes", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, card), 1);
    CU_ASSERT_TRUE(harness_has(err, "refused"));
    CU_ASSERT_EQUAL(run_in(dir_c, yes), 1);
    CU_ASSERT_TRUE(harness_has(err, "another store"));
}

static void test_handover_to_card_file(void)
{
    /* B's card names a known store. */
    const char *known[] = { "handover", ref_a, "--to", path_in_top("b.card"), "--output",
                            path_in_top("two.bundle"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, known), 0);
    /* C's card does not: its fingerprint is shown and nothing is written. */
    const char *unknown[] = { "handover", ref_a, "--to", path_in_top("c.card"), "--output",
                              path_in_top("c.bundle"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, unknown), 1);
    CU_ASSERT_TRUE(harness_has(out, "Fingerprint:"));
    CU_ASSERT_TRUE(harness_has(err, "not known yet"));
    CU_ASSERT_TRUE(harness_nothing_written(path_in_top("c.bundle")));
    /* C receives from A, whom it does not know. */
    const char *to_c[] = { "handover", ref_a, "--to", path_in_top("c.card"), "--yes",
                           "--output", path_in_top("c.bundle"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, to_c), 0);
    const char *recv[] = { "receive", path_in_top("c.bundle"), "--yes", NULL };
    CU_ASSERT_EQUAL(run_in(dir_c, recv), 1);
    CU_ASSERT_TRUE(harness_has(err, "does not know"));
    CU_ASSERT_TRUE(harness_has(err, "tipcase peer add CARDFILE"));
}

static void test_conflicts(void)
{
    /* Both sides change the Latin name. */
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir_b, "admin", PASS, &clk, &s), ST_OK);
    tc_case c;
    CU_ASSERT_EQUAL(store_case_get(s, id_a, &c), ST_OK);
    snprintf(c.name_latin, sizeof c.name_latin, "Malee Jaidee");
    CU_ASSERT_EQUAL(store_case_update(s, &c, NULL), ST_OK);
    store_close(s);
    CU_ASSERT_EQUAL_FATAL(store_open(dir_a, "admin", PASS, &clk, &s), ST_OK);
    CU_ASSERT_EQUAL(store_case_get(s, id_a, &c), ST_OK);
    snprintf(c.name_latin, sizeof c.name_latin, "Mali Jaidi");
    CU_ASSERT_EQUAL(store_case_update(s, &c, NULL), ST_OK);
    store_close(s);

    const char *hand[] = { "handover", ref_a, "--to", fp_b, "--output",
                           path_in_top("three.bundle"), NULL };
    CU_ASSERT_EQUAL_FATAL(run_in(dir_a, hand), 0);
    const char *recv[] = { "receive", path_in_top("three.bundle"), "--yes", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, recv), 0);
    CU_ASSERT_TRUE(harness_has(out, "(known here)"));
    CU_ASSERT_TRUE(harness_has(out, "1 conflicts to resolve"));
    CU_ASSERT_TRUE(harness_has(out, "conflict list"));
    const char *list[] = { "conflict", "list", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, list), 0);
    CU_ASSERT_TRUE(harness_has(out, "1\t"));
    CU_ASSERT_TRUE(harness_has(out, "persons.name_latin"));
    CU_ASSERT_TRUE(harness_has(out, "Malee Jaidee -> Mali Jaidi"));
    const char *show[] = { "conflict", "show", "1", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, show), 0);
    CU_ASSERT_TRUE(harness_has(out, "Here:\tMalee Jaidee"));
    CU_ASSERT_TRUE(harness_has(out, "Incoming:\tMali Jaidi"));
    CU_ASSERT_TRUE(harness_has(out, "State:\topen"));
    const char *bad[] = { "conflict", "resolve", "1", "--keep", "theirs", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, bad), 2);
    const char *take[] = { "conflict", "resolve", "1", "--keep", "incoming", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, take), 0);
    CU_ASSERT_TRUE(harness_has(out, "Took the incoming value of 1 fields."));
    CU_ASSERT_EQUAL(run_in(dir_b, take), 1);
    CU_ASSERT_TRUE(harness_has(err, "resolved already"));
    CU_ASSERT_EQUAL(run_in(dir_b, list), 0);
    CU_ASSERT_TRUE(harness_has(out, "No conflicts."));
    const char *all[] = { "conflict", "list", "--all", NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, all), 0);
    CU_ASSERT_TRUE(harness_has(out, "took incoming"));
    const char *caseshow[] = { "case", "show", ref_a, NULL };
    CU_ASSERT_EQUAL(run_in(dir_b, caseshow), 0);
    CU_ASSERT_TRUE(harness_has(out, "Mali Jaidi"));
}

static void test_settings(void)
{
    const char *sixteen[] = { "setting", "set", "exchange.crossborder_items",
                              "sex,age_band,child,nationality,country_identified,province,"
                              "month_met,month_identified,identification,entry_point,"
                              "exploitation,sector,recruitment,origin,exploitation_country,"
                              "crossing", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, sixteen), 1);
    CU_ASSERT_TRUE(harness_has(err, "at most 15"));
    const char *unknown[] = { "setting", "set", "exchange.crossborder_items", "sex,name", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, unknown), 1);
    CU_ASSERT_TRUE(harness_has(err, "(name)"));
    const char *three[] = { "setting", "set", "exchange.crossborder_items",
                            " sex, age_band ,nationality", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, three), 0);
    const char *get[] = { "setting", "get", "exchange.crossborder_items", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, get), 0);
    CU_ASSERT_STRING_EQUAL(out, "sex,age_band,nationality\n");
    const char *name[] = { "setting", "get", "exchange.store_name", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, name), 0);
    CU_ASSERT_STRING_EQUAL(out, "Mae Sot shelter\n");
    const char *other[] = { "setting", "get", "exchange.colour", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, other), 2);

    /* The cross-border profile needs the person's consent to share abroad. */
    const char *xb[] = { "handover", ref_a, "--to", fp_b, "--profile", "cross-border",
                         "--output", path_in_top("xb.bundle"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, xb), 1);
    CU_ASSERT_TRUE(harness_has(err, "consent"));
}

static void test_peer_remove(void)
{
    const char *rm[] = { "peer", "remove", fp_b, NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, rm), 0);
    CU_ASSERT_EQUAL(run_in(dir_a, rm), 1);
    const char *hand[] = { "handover", ref_a, "--to", fp_b, "--output",
                           path_in_top("four.bundle"), NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, hand), 1);
    CU_ASSERT_TRUE(harness_has(err, "No known store"));
    const char *list[] = { "peer", "list", NULL };
    CU_ASSERT_EQUAL(run_in(dir_a, list), 0);
    CU_ASSERT_TRUE(harness_has(out, "Removed:"));
}

static void test_help(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    cli_usage(f);
    fclose(f);
    CU_ASSERT_TRUE(harness_has(buf, "handover CASE... --to FINGERPRINT|CARDFILE --output FILE"));
    CU_ASSERT_TRUE(harness_has(buf, "conflict resolve ID --keep local|incoming [--field NAME]"));
    CU_ASSERT_TRUE(harness_has(buf, "peer add CARDFILE"));
    free(buf);
}

static CU_TestInfo tests[] = {
    { "identity and its card", test_identity_and_card },
    { "peer add asks unless --yes", test_peer_add_asks },
    { "handover and receive", test_handover_and_receive },
    { "handover to a card file", test_handover_to_card_file },
    { "conflicts listed, shown, resolved", test_conflicts },
    { "exchange settings, at most 15 items", test_settings },
    { "a removed peer gets nothing", test_peer_remove },
    { "help lists the commands", test_help },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "exchange commands", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_cli_exchange", suites);
}
