/* test_exchange_screen.c - what the hand-over screens show that needs no
 * terminal and no store (tui/exchange_fmt.h): the fingerprint in groups
 * to read aloud and how many stand on a row, the names of record kinds
 * and peer kinds, the sections sent or left out, a conflict's values
 * wrapped by display columns (Thai included) and whether they stand side
 * by side, the paths offered and typed, what a preview says of a case;
 * and the keys that lead to the screens (on either keyboard layout). */
#include "tests/harness.h"
#include "tests/harness_keys.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "i18n/textwidth.h"
#include "tui/casefmt.h"
#include "tui/exchange_fmt.h"
#include "tui/keys.h"

#define FP "12345 67890 11111 22222 33333 04560"

/* ---- the fingerprint ----------------------------------------------------- */

static void test_fingerprint_reads_in_six_groups(void)
{
    char g[XS_FP_GROUPS][XS_FP_GROUP_DIGITS + 1];
    CU_ASSERT_TRUE(xs_fp_groups(FP, g));
    CU_ASSERT_STRING_EQUAL(g[0], "12345");
    CU_ASSERT_STRING_EQUAL(g[5], "04560");
    /* Typed with dashes or run together: the same groups. */
    CU_ASSERT_TRUE(xs_fp_groups("12345-67890-11111-22222-33333-04560", g));
    CU_ASSERT_STRING_EQUAL(g[1], "67890");
    CU_ASSERT_TRUE(xs_fp_groups("123456789011111222223333304560", g));
    CU_ASSERT_STRING_EQUAL(g[4], "33333");
    static const char *const bad[] = { "", "12345 67890", FP " 1", "abc", NULL };
    for (size_t i = 0; bad[i]; i++)
        CHECK_ROW(!xs_fp_groups(bad[i], g), bad[i]);
    CU_ASSERT_FALSE(xs_fp_groups(NULL, g));
}

static void test_group_text_spaces_every_digit(void)
{
    char out[64];
    xs_fp_group_text(3, "04560", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "3:  0 4 5 6 0");
    CU_ASSERT_EQUAL(text_columns(out), XS_FP_GROUP_COLS);
}

static void test_groups_per_row_divide_six(void)
{
    static const struct { int cols, want; } rows[] = {
        { 200, 6 }, { 6 * XS_FP_GROUP_COLS + 5 * XS_FP_GAP, 6 },
        { 6 * XS_FP_GROUP_COLS + 5 * XS_FP_GAP - 1, 3 }, { 76, 3 },
        { 3 * XS_FP_GROUP_COLS + 2 * XS_FP_GAP, 3 }, { 3 * XS_FP_GROUP_COLS + 2 * XS_FP_GAP - 1, 2 },
        { 2 * XS_FP_GROUP_COLS + XS_FP_GAP, 2 }, { 2 * XS_FP_GROUP_COLS + XS_FP_GAP - 1, 1 },
        { 5, 1 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "%d columns", rows[i].cols);
        CHECK_ROW(xs_fp_groups_per_row(rows[i].cols) == rows[i].want, name);
    }
    /* At 80x24 the groups take two rows, inside the screen's margins. */
    CU_ASSERT_EQUAL(xs_fp_groups_per_row(80 - 4), 3);
}

static void test_short_fingerprint_for_a_column(void)
{
    char out[64];
    xs_fp_short(FP, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "12345 67890…");
    CU_ASSERT_EQUAL(text_columns(out), 12);
    xs_fp_short("not a fingerprint", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "not a fingerprint");
}

/* ---- names ------------------------------------------------------------------ */

static void test_every_table_sent_has_a_record_kind(void)
{
    /* The tables db/exchange_tables.c sends, and the cross-border one. */
    static const char *const tables[] = {
        "persons", "cases", "case_nationalities", "case_clocks", "consents", "intakes",
        "screenings", "screening_answers", "identifications", "needs", "referrals",
        "referral_events", "referral_needs", "repatriations", "repatriation_steps",
        "reintegrations", "reintegration_domains", "followups", "crossborder_profiles", NULL
    };
    for (size_t i = 0; tables[i]; i++)
        CHECK_ROW(xs_table_label(tables[i]) != NULL, tables[i]);
    CU_ASSERT_STRING_EQUAL(xs_table_label("persons"), "Person");
    CU_ASSERT_STRING_EQUAL(xs_table_label("repatriation_steps"), "Repatriation step");
    CU_ASSERT_PTR_NULL(xs_table_label("officers"));
    CU_ASSERT_PTR_NULL(xs_table_label(NULL));
}

static void test_fields_of_the_case_form_by_their_labels(void)
{
    CU_ASSERT_STRING_EQUAL(xs_field_label("persons", "estimated_age"), "Estimated age");
    CU_ASSERT_STRING_EQUAL(xs_field_label("persons", "aliases"), "Other names");
    CU_ASSERT_STRING_EQUAL(xs_field_label("cases", "province"), "Province");
    /* Only in the record it belongs to: a need's notes are not the case's. */
    CU_ASSERT_PTR_NULL(xs_field_label("needs", "notes"));
    CU_ASSERT_PTR_NULL(xs_field_label("persons", "province"));
    CU_ASSERT_PTR_NULL(xs_field_label("persons", "favourite_colour"));
    CU_ASSERT_PTR_NULL(xs_field_label(NULL, "sex"));
    CU_ASSERT_PTR_NULL(xs_field_label("persons", NULL));
}

static void test_peer_kind_names(void)
{
    CU_ASSERT_STRING_EQUAL(xs_kind_label(""), "Not said");
    CU_ASSERT_STRING_EQUAL(xs_kind_label(NULL), "Not said");
    CU_ASSERT_STRING_EQUAL(xs_kind_label("embassy"), agency_type_label(AGENCY_EMBASSY));
    CU_ASSERT_STRING_EQUAL(xs_kind_label("shelter"), agency_type_label(AGENCY_SHELTER));
    CU_ASSERT_STRING_EQUAL(xs_kind_label("spaceport"), "spaceport");
}

static void test_sections_in_order_or_none(void)
{
    char out[512];
    xs_sections_text(0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "none");
    exch_section_set set = (1u << EXCH_SECTION_NEEDS) | (1u << EXCH_SECTION_PERSON);
    xs_sections_text(set, out, sizeof out);
    char want[512];
    snprintf(want, sizeof want, "%s, %s", exch_section_label(EXCH_SECTION_PERSON),
             exch_section_label(EXCH_SECTION_NEEDS));
    CU_ASSERT_STRING_EQUAL(out, want);
    /* Every section named once, in a buffer that is large enough. */
    xs_sections_text(EXCH_SECTIONS_ALL, out, sizeof out);
    for (int s = 0; s < EXCH_SECTION_COUNT; s++)
        CHECK_ROW(strstr(out, exch_section_label((exch_section)s)) != NULL,
                  exch_section_label((exch_section)s));
}

static void test_profiles_say_what_goes(void)
{
    CU_ASSERT_PTR_NOT_NULL(strstr(xs_profile_label(EXCH_PROFILE_FULL), "consent"));
    CU_ASSERT_PTR_NOT_NULL(strstr(xs_profile_label(EXCH_PROFILE_CROSS_BORDER), "non-confidential"));
}

/* ---- values ---------------------------------------------------------------------- */

static void test_value_text_tells_null_from_empty(void)
{
    CU_ASSERT_STRING_EQUAL(xs_value_text(NULL), "(no value)");
    CU_ASSERT_STRING_EQUAL(xs_value_text(""), "(empty)");
    CU_ASSERT_STRING_EQUAL(xs_value_text("มะลิ"), "มะลิ");
}

/* Every line at most width columns, and the words all there in order. */
static void check_wrap(const char *text, int width, const char *name)
{
    xs_lines w;
    CU_ASSERT_TRUE_FATAL(xs_wrap(text, width, 100, &w));
    CHECK_ROW(w.n >= 1, name);
    char joined[2048] = "", squeezed[2048] = "";
    for (size_t i = 0; i < w.n; i++) {
        CHECK_ROW(text_columns(w.line[i]) <= width, name);
        strncat(joined, w.line[i], sizeof joined - strlen(joined) - 1);
    }
    /* Breaks fall at spaces, newlines or word boundaries: without the
     * blanks, nothing is lost or doubled. */
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof squeezed; p++)
        if (*p != ' ' && *p != '\n')
            squeezed[n++] = *p;
    squeezed[n] = '\0';
    n = 0;
    for (char *p = joined; *p; p++)
        if (*p != ' ')
            joined[n++] = *p;
    joined[n] = '\0';
    CHECK_ROW(!strcmp(joined, squeezed), name);
    xs_lines_free(&w);
}

static void test_wrap_by_display_columns(void)
{
    /* Thai marks take no column: 20 columns hold more than 20 code points. */
    check_wrap("นางสาวมะลิ ใจงาม ทำงานในเรือประมงที่จังหวัดสมุทรสาครเป็นเวลาสองปี", 20,
               "Thai with marks");
    check_wrap("Worked on a fishing boat out of Samut Sakhon for two years without pay", 16,
               "English");
    check_wrap("บ้านเลขที่ 12/3\nหมู่ 4 ตำบลแม่สอด", 12, "a newline");
    check_wrap("x", 1, "one column");
    xs_lines w;
    CU_ASSERT_TRUE_FATAL(xs_wrap("first\nsecond", 40, 10, &w));
    CU_ASSERT_EQUAL(w.n, 2);
    CU_ASSERT_STRING_EQUAL(w.line[1], "second");
    xs_lines_free(&w);
    CU_ASSERT_TRUE_FATAL(xs_wrap("", 10, 10, &w));
    CU_ASSERT_EQUAL(w.n, 1);
    CU_ASSERT_STRING_EQUAL(w.line[0], "");
    xs_lines_free(&w);
}

static void test_wrap_cut_short_ends_in_ellipsis(void)
{
    xs_lines w;
    const char *long_text = "หนึ่ง สอง สาม สี่ ห้า หก เจ็ด แปด เก้า สิบ สิบเอ็ด สิบสอง";
    CU_ASSERT_TRUE_FATAL(xs_wrap(long_text, 9, 2, &w));
    CU_ASSERT_EQUAL(w.n, 2);
    const char *last = w.line[1];
    size_t len = strlen(last);
    CU_ASSERT_TRUE(len >= 3 && !strcmp(last + len - 3, "…"));
    CU_ASSERT_TRUE(text_columns(last) <= 9);
    xs_lines_free(&w);
    /* A text that fits is never marked. */
    CU_ASSERT_TRUE_FATAL(xs_wrap("สอง สาม", 20, 1, &w));
    CU_ASSERT_EQUAL(w.n, 1);
    CU_ASSERT_STRING_EQUAL(w.line[0], "สอง สาม");
    xs_lines_free(&w);
}

static void test_values_side_by_side_only_when_wide(void)
{
    static const struct { int cols; bool side; int value_cols; } rows[] = {
        { 80, false, 78 }, { 90, false, 88 }, { 91, true, 44 }, { 120, true, 58 }, { 1, false, 1 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        int v = -1;
        char name[32];
        snprintf(name, sizeof name, "%d columns", rows[i].cols);
        CHECK_ROW(xs_side_by_side(rows[i].cols, &v) == rows[i].side, name);
        CHECK_ROW(v == rows[i].value_cols, name);
        /* Side by side, the two halves and the " | " between fit. */
        if (rows[i].side)
            CHECK_ROW(2 * v + 3 <= rows[i].cols, name);
    }
    CU_ASSERT_FALSE(xs_side_by_side(80, NULL));
}

/* ---- files ----------------------------------------------------------------------------- */

static void test_paths_typed(void)
{
    static const struct { const char *typed, *home, *def; bool ok; const char *want; } rows[] = {
        { "~/in/card.txt", "/home/somchai", "", true, "/home/somchai/in/card.txt" },
        { "  /media/usb/h.tcb  ", "/home/somchai", "", true, "/media/usb/h.tcb" },
        { "", "/home/somchai", XS_CARD_DEFAULT, true, "/home/somchai/tipcase-identity.txt" },
        { "   ", "/home/somchai", "~", true, "/home/somchai" },
        { "relative.tcb", NULL, "", true, "relative.tcb" },
        { "~somebody/x", "/home/somchai", "", true, "~somebody/x" },
        { "~/x", NULL, "", false, "" },
        { "~/x", "", "", false, "" },
        { "", "/home/somchai", "", false, "" },
        { "", "/home/somchai", NULL, false, "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[256] = "junk";
        bool ok = xs_path_expand(rows[i].typed, rows[i].home, rows[i].def, out, sizeof out);
        CHECK_ROW(ok == rows[i].ok, rows[i].typed);
        CHECK_ROW(!strcmp(out, rows[i].want), rows[i].typed);
    }
    char small[8];
    CU_ASSERT_FALSE(xs_path_expand("/a/long/path", NULL, "", small, sizeof small));
    CU_ASSERT_STRING_EQUAL(small, "");
}

static void test_handover_file_offered(void)
{
    static const struct { const char *ref, *want; } rows[] = {
        { "K7Q4X-2569-0001", "~/handover-K7Q4X-2569-0001.tcb" },
        { "a/b c", "~/handover-a_b_c.tcb" },
        { "../x", "~/handover-___x.tcb" },
        { "กข-1", "~/handover-__-1.tcb" },
        { "", "~/handover-case.tcb" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[128];
        xs_handover_default(rows[i].ref, out, sizeof out);
        CHECK_ROW(!strcmp(out, rows[i].want), rows[i].ref);
    }
}

/* ---- a preview ---------------------------------------------------------------------------- */

static void test_preview_case_says_only_what_is_there(void)
{
    char out[256];
    xs_preview_case_text(true, 12, 0, 0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "new case · 12 new");
    xs_preview_case_text(false, 3, 20, 2, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "known here · 3 new · 20 the same · 2 fields differ");
    xs_preview_case_text(false, 0, 5, 0, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "known here · 5 the same");
}

/* ---- keys ---------------------------------------------------------------------------------- */

static void test_keys_lead_to_the_screens(void)
{
    CU_ASSERT_EQUAL(keys_action(KEYS_CASE_LIST, harness_key('X')), ACT_EXCHANGE);
    /* H hands the case over from every tab of the case view. */
    for (int tab = 0; tab < TAB_COUNT; tab++)
        CHECK_ROW(keys_action(case_tab_keys((case_tab)tab), harness_key('H')) == ACT_CASE_HANDOVER,
                  case_tab_label((case_tab)tab));
    CU_ASSERT_EQUAL(keys_action(KEYS_EXCHANGE, harness_key('i')), ACT_RECEIVE);
    CU_ASSERT_EQUAL(keys_action(KEYS_EXCHANGE, harness_key('c')), ACT_CONFLICTS);
    CU_ASSERT_EQUAL(keys_action(KEYS_RECEIVE, harness_key('y')), ACT_SAVE);
    CU_ASSERT_EQUAL(keys_action(KEYS_RECEIVE, harness_key(27)), ACT_BACK);
    CU_ASSERT_EQUAL(keys_action(KEYS_CONFLICTS, harness_key('\r')), ACT_OPEN);
}

static void test_keys_on_the_thai_layout(void)
{
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_CONFLICT, harness_key(0x0E2A)), ACT_KEEP_LOCAL);
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_CONFLICT, harness_key(0x0E30)), ACT_TAKE_INCOMING);
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_EXCHANGE, harness_key(0x0E23)), ACT_RECEIVE);
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_EXCHANGE, harness_key(0x0E41)), ACT_CONFLICTS);
    CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_RECEIVE, harness_key(0x0E31)), ACT_SAVE);
}

static CU_TestInfo fingerprint_tests[] = {
    { "six groups of five digits", test_fingerprint_reads_in_six_groups },
    { "a group's digits spaced", test_group_text_spaces_every_digit },
    { "groups per row divide six", test_groups_per_row_divide_six },
    { "the short form for a column", test_short_fingerprint_for_a_column },
    CU_TEST_INFO_NULL
};

static CU_TestInfo name_tests[] = {
    { "every table sent has a record kind", test_every_table_sent_has_a_record_kind },
    { "fields of the case form", test_fields_of_the_case_form_by_their_labels },
    { "peer kinds", test_peer_kind_names },
    { "sections in order, or none", test_sections_in_order_or_none },
    { "profiles say what goes", test_profiles_say_what_goes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo value_tests[] = {
    { "no value and empty differ", test_value_text_tells_null_from_empty },
    { "wrapped by display columns", test_wrap_by_display_columns },
    { "cut short with an ellipsis", test_wrap_cut_short_ends_in_ellipsis },
    { "side by side only when wide", test_values_side_by_side_only_when_wide },
    CU_TEST_INFO_NULL
};

static CU_TestInfo file_tests[] = {
    { "paths as typed", test_paths_typed },
    { "the hand-over file offered", test_handover_file_offered },
    { "a preview's case line", test_preview_case_says_only_what_is_there },
    CU_TEST_INFO_NULL
};

static CU_TestInfo key_tests[] = {
    { "keys lead to the screens", test_keys_lead_to_the_screens },
    { "keys on the Thai layout", test_keys_on_the_thai_layout },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "fingerprint", NULL, NULL, NULL, NULL, fingerprint_tests },
    { "names", NULL, NULL, NULL, NULL, name_tests },
    { "values", NULL, NULL, NULL, NULL, value_tests },
    { "files and preview", NULL, NULL, NULL, NULL, file_tests },
    { "keys", NULL, NULL, NULL, NULL, key_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    return harness_main("test_exchange_screen", suites);
}
