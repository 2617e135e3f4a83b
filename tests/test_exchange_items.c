/* test_exchange_items.c - what a hand-over may carry: the sections and
 * the consent each needs, the cross-border catalogue and the rule of at
 * most 15 items (seed 003 L161), the age bands. */
#include "tests/harness.h"

#include <string.h>

#include "core/consent.h"
#include "core/exchange_items.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every code reads back as its own value; no code is empty or repeated,
 * and no label is missing. */
static void test_codes_round_trip(void)
{
    for (int i = 0; i < EXCH_ITEM_COUNT; i++) {
        exch_item it;
        const char *code = exch_item_code((exch_item)i);
        CHECK_ROW(code[0] && exch_item_from_code(code, &it) && it == (exch_item)i, code);
        CU_ASSERT_STRING_NOT_EQUAL(exch_item_label((exch_item)i), "Unknown");
        for (int j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(code, exch_item_code((exch_item)j));
    }
    for (int i = 0; i < EXCH_SECTION_COUNT; i++) {
        exch_section s;
        const char *code = exch_section_code((exch_section)i);
        CHECK_ROW(code[0] && exch_section_from_code(code, &s) && s == (exch_section)i, code);
    }
    exch_item it;
    CU_ASSERT_FALSE(exch_item_from_code("name", &it));
    CU_ASSERT_FALSE(exch_item_from_code(NULL, &it));
    CU_ASSERT_STRING_EQUAL(exch_item_code(EXCH_ITEM_COUNT), "");
}

/* Nothing in the catalogue names or locates a person: the items that
 * would (names, documents, addresses, contacts, the story) are absent. */
static void test_catalogue_is_non_confidential(void)
{
    static const char *const never[] = { "name", "name_thai", "name_latin", "aliases",
                                         "birth_date", "documents", "address", "phone",
                                         "district", "establishment", "notes", "story",
                                         "reference" };
    for (size_t i = 0; i < COUNT(never); i++) {
        exch_item it;
        CHECK_ROW(!exch_item_from_code(never[i], &it), never[i]);
    }
    /* More to choose from than may go: the limit is a choice. */
    CU_ASSERT(EXCH_ITEM_COUNT > EXCH_ITEMS_MAX);
    CU_ASSERT_EQUAL(EXCH_ITEMS_MAX, 15);
}

static void test_parse_table(void)
{
    static const struct {
        const char *text;
        exch_items_problem want;
        size_t n;
        const char *bad;
    } rows[] = {
        { "sex", EXCH_ITEMS_OK, 1, "" },
        { " sex , age_band,nationality ", EXCH_ITEMS_OK, 3, "" },
        { "sex,,age_band", EXCH_ITEMS_OK, 2, "" },
        { "", EXCH_ITEMS_EMPTY, 0, "" },
        { " , ", EXCH_ITEMS_EMPTY, 0, "" },
        { "sex,name", EXCH_ITEMS_UNKNOWN, 0, "name" },
        { "sex,age_band,sex", EXCH_ITEMS_REPEATED, 0, "sex" },
        { "sex,a_code_far_longer_than_any_in_the_catalogue", EXCH_ITEMS_UNKNOWN, 0,
          "a_code_far_longer_than_any_in_the_catalogue" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        exch_item_choice c = { .n = 99 };
        char bad[64] = "";
        exch_items_problem p = exch_items_parse(rows[i].text, &c, bad, sizeof bad);
        CHECK_ROW(p == rows[i].want, rows[i].text);
        if (p == EXCH_ITEMS_OK)
            CHECK_ROW(c.n == rows[i].n, rows[i].text);
        else
            CHECK_ROW(c.n == 99 && !strcmp(bad, rows[i].bad), rows[i].text);
    }
    exch_item_choice c;
    CU_ASSERT_EQUAL(exch_items_parse(NULL, &c, NULL, 0), EXCH_ITEMS_EMPTY);
}

/* Fifteen items are accepted; the sixteenth is refused, not cut off,
 * even when the list also holds an unknown code. */
static void test_at_most_fifteen(void)
{
    char text[EXCH_ITEMS_TEXT_MAX * 2] = "";
    for (int i = 0; i < EXCH_ITEMS_MAX; i++) {
        if (i)
            strcat(text, ",");
        strcat(text, exch_item_code((exch_item)i));
    }
    exch_item_choice c;
    CU_ASSERT_EQUAL(exch_items_parse(text, &c, NULL, 0), EXCH_ITEMS_OK);
    CU_ASSERT_EQUAL(c.n, 15);
    char again[EXCH_ITEMS_TEXT_MAX];
    CU_ASSERT_TRUE(exch_items_format(&c, again, sizeof again));
    CU_ASSERT_STRING_EQUAL(again, text);

    char sixteen[sizeof text + 40];
    snprintf(sixteen, sizeof sixteen, "%s,%s", text, exch_item_code(EXCH_ITEMS_MAX));
    exch_item_choice untouched = { .n = 7 };
    CU_ASSERT_EQUAL(exch_items_parse(sixteen, &untouched, NULL, 0), EXCH_ITEMS_TOO_MANY);
    CU_ASSERT_EQUAL(untouched.n, 7);
    snprintf(sixteen, sizeof sixteen, "%s,nonsense", text);
    CU_ASSERT_EQUAL(exch_items_parse(sixteen, &untouched, NULL, 0), EXCH_ITEMS_TOO_MANY);

    /* The whole catalogue in the canonical form fits in the buffer size
     * the header promises for 15 of them. */
    char small[8];
    CU_ASSERT_FALSE(exch_items_format(&c, small, sizeof small));
    CU_ASSERT_STRING_EQUAL(small, "");
}

static void test_consent_per_section(void)
{
    CU_ASSERT_EQUAL(exch_recipient_purpose("embassy"), CONSENT_SHARE_EMBASSY);
    CU_ASSERT_EQUAL(exch_recipient_purpose("shelter"), CONSENT_REFERRAL);
    CU_ASSERT_EQUAL(exch_recipient_purpose(""), CONSENT_REFERRAL);
    CU_ASSERT_EQUAL(exch_recipient_purpose(NULL), CONSENT_REFERRAL);
    for (int i = 0; i < EXCH_SECTION_COUNT; i++) {
        consent_purpose want = i == EXCH_SECTION_RETURN || i == EXCH_SECTION_REINTEGRATION
                                   ? CONSENT_REPATRIATION : CONSENT_PURPOSE_COUNT;
        CHECK_ROW(exch_section_extra_purpose((exch_section)i) == want,
                  exch_section_code((exch_section)i));
    }
}

static void test_age_bands(void)
{
    static const struct { int age; const char *band; } rows[] = {
        { -1, "" }, { 0, "0-14" }, { 14, "0-14" }, { 15, "15-17" }, { 17, "15-17" },
        { 18, "18-24" }, { 24, "18-24" }, { 25, "25+" }, { 90, "25+" },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(!strcmp(exch_age_band(rows[i].age), rows[i].band), rows[i].band);
}

static void test_problem_texts(void)
{
    for (int p = 0; p < EXCH_ITEMS_PROBLEM_COUNT; p++)
        CU_ASSERT_STRING_NOT_EQUAL(exch_items_problem_text((exch_items_problem)p), "Unknown");
    CU_ASSERT_STRING_EQUAL(exch_items_problem_text(EXCH_ITEMS_PROBLEM_COUNT), "Unknown");
}

static CU_TestInfo item_tests[] = {
    { "codes round trip", test_codes_round_trip },
    { "catalogue is non-confidential", test_catalogue_is_non_confidential },
    { "parse table", test_parse_table },
    { "at most fifteen", test_at_most_fifteen },
    { "consent per section", test_consent_per_section },
    { "age bands", test_age_bands },
    { "problem texts", test_problem_texts },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "exchange items", NULL, NULL, NULL, NULL, item_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_exchange_items", suites);
}
