/* test_caseview.c - the rules of the case view that need no terminal: which
 * tab a key leads to (on a US or a Thai keyboard layout), the words of the
 * header's clock and the timeline, and the text area a case note is
 * written in (paragraphs, Thai word wrap, moving between wrapped lines). */
#include "tests/harness.h"
#include "tests/harness_keys.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/caldate.h"
#include "core/timeline.h"
#include "core/utf8.h"
#include "i18n/textwidth.h"
#include "tui/casefmt.h"
#include "tui/keys.h"
#include "tui/textarea.h"

/* ---- tabs and keys ---------------------------------------------------- */

static void test_tab_steps_wrap_around(void)
{
    static const struct { case_tab now; key_action a; case_tab want; } cases[] = {
        { TAB_PERSON, ACT_TAB_NEXT, TAB_INTAKE },
        { TAB_TIMELINE, ACT_TAB_NEXT, TAB_REFERRALS },
        { TAB_REFERRALS, ACT_TAB_NEXT, TAB_RETURN },
        { TAB_RETURN, ACT_TAB_NEXT, TAB_PERSON },
        { TAB_PERSON, ACT_TAB_PREV, TAB_RETURN },
        { TAB_NEEDS, ACT_TAB_PREV, TAB_SCREENINGS },
        { TAB_NOTES, ACT_TAB_1, TAB_PERSON },
        { TAB_PERSON, ACT_TAB_4, TAB_SCREENINGS },
        { TAB_PERSON, ACT_TAB_7, TAB_TIMELINE },
        { TAB_NOTES, ACT_TAB_8, TAB_REFERRALS },
        { TAB_PERSON, ACT_TAB_9, TAB_RETURN },
        { TAB_NEEDS, ACT_EDIT, TAB_NEEDS },
        { TAB_CONSENT, ACT_NONE, TAB_CONSENT },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CU_ASSERT_EQUAL(case_tab_after(cases[i].now, cases[i].a), cases[i].want);
}

/* Every tab answers 1..9, Thai digits and the Thai keys on the same
 * physical keys, Tab and Shift-Tab, the same way. */
static void test_every_tab_switches_by_number_on_both_layouts(void)
{
    static const wchar_t thai_digit[9] = { L'๑', L'๒', L'๓', L'๔', L'๕', L'๖', L'๗', L'๘',
                                           L'๙' };
    static const wchar_t kedmanee[9] = { L'ๅ', L'/', L'-', L'ภ', L'ถ', L'ุ', L'ึ', L'ค', L'ต' };
    CU_ASSERT_EQUAL(TAB_COUNT, 9);
    for (int tab = 0; tab < TAB_COUNT; tab++) {
        const key_binding *keys = case_tab_keys((case_tab)tab);
        for (int n = 0; n < 9; n++) {
            key_action want = (key_action)(ACT_TAB_1 + n);
            CU_ASSERT_EQUAL(keys_action_any_layout(keys, harness_key('1' + n)), want);
            CU_ASSERT_EQUAL(keys_action_any_layout(keys, harness_key(thai_digit[n])), want);
            CU_ASSERT_EQUAL(keys_action_any_layout(keys, harness_key(kedmanee[n])), want);
            CU_ASSERT_EQUAL(case_tab_after((case_tab)tab, want), (case_tab)n);
        }
        CU_ASSERT_EQUAL(keys_action(keys, harness_key('\t')), ACT_TAB_NEXT);
        CU_ASSERT_EQUAL(keys_action(keys, harness_fkey(KEY_BTAB)), ACT_TAB_PREV);
        CU_ASSERT_EQUAL(keys_action(keys, harness_key(27)), ACT_BACK);
    }
}

/* Whatever letter a tab binds, the Thai character on that key does the
 * same, unless the table binds the Thai character itself. */
static void test_thai_twin_of_every_letter_does_the_same(void)
{
    int checked = 0;
    for (int tab = 0; tab < TAB_COUNT; tab++) {
        const key_binding *keys = case_tab_keys((case_tab)tab);
        for (wchar_t c = 0x0E01; c <= 0x0E5B; c++) {
            int twin = keys_ascii_twin(c);
            if (!twin || keys_action(keys, harness_key(c)) != ACT_NONE)
                continue;
            CU_ASSERT_EQUAL(keys_action_any_layout(keys, harness_key(c)),
                            keys_action(keys, harness_key(twin)));
            checked++;
        }
    }
    CU_ASSERT(checked > 100);
}

static void test_screenings_keys_on_thai_layout(void)
{
    const key_binding *k = case_tab_keys(TAB_SCREENINGS);
    CU_ASSERT_EQUAL(keys_action_any_layout(k, harness_key(L'ื')), ACT_NEW);        /* n */
    CU_ASSERT_EQUAL(keys_action_any_layout(k, harness_key(L'ร')), ACT_IDENTIFY);   /* i */
    CU_ASSERT_EQUAL(keys_action_any_layout(k, harness_key(L'แ')), ACT_CLOCKS);     /* c */
    CU_ASSERT_EQUAL(keys_action_any_layout(k, harness_key('\r')), ACT_OPEN);
    const key_binding *needs = case_tab_keys(TAB_NEEDS);
    CU_ASSERT_EQUAL(keys_action_any_layout(needs, harness_key(L'ห')), ACT_STATE);  /* s */
    CU_ASSERT_EQUAL(keys_action_any_layout(needs, harness_key(L'ป')), ACT_WITHDRAW_ENTRY); /* x */
    CU_ASSERT_EQUAL(keys_action_any_layout(case_tab_keys(TAB_CONSENT), harness_key(L'ไ')),
                    ACT_WITHDRAW);                                            /* w */
}

/* In a form, Thai letters are text, never commands. */
static void test_thai_letters_are_text_in_forms(void)
{
    for (wchar_t c = 0x0E01; c <= 0x0E5B; c++) {
        CU_ASSERT_EQUAL(keys_action_any_layout(KEYS_FORM, harness_key(c)), ACT_NONE);
        CU_ASSERT_EQUAL(keys_action(KEYS_TEXTAREA, harness_key(c)), ACT_NONE);
    }
    CU_ASSERT_EQUAL(keys_ascii_twin(L'a'), 0);
    CU_ASSERT_EQUAL(keys_ascii_twin(L'ก'), 'd');
}

static void test_each_tab_has_its_own_keys_and_label(void)
{
    for (int a = 0; a < TAB_COUNT; a++) {
        CU_ASSERT(case_tab_label((case_tab)a)[0] != '\0');
        for (int b = a + 1; b < TAB_COUNT; b++)
            CU_ASSERT_PTR_NOT_EQUAL(case_tab_keys((case_tab)a), case_tab_keys((case_tab)b));
    }
    CU_ASSERT_PTR_EQUAL(case_tab_keys(TAB_PERSON), KEYS_CASE_VIEW);
}

/* ---- words ----------------------------------------------------------------- */

static void test_timeline_says_what_and_who(void)
{
    timeline_event e;
    timeline_event_init(&e, TL_NEED_ADDED);
    timeline_set_subject(&e, "Accommodation", true);
    snprintf(e.officer_name, sizeof e.officer_name, "%s", "สมชาย ใจดี");
    char out[512];
    format_timeline_what(&e, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Need added: Accommodation · สมชาย ใจดี");
    e.officer_name[0] = '\0';
    timeline_set_detail(&e, "บรรทัดหนึ่ง\nบรรทัดสอง", false);
    format_timeline_what(&e, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "Need added: Accommodation - บรรทัดหนึ่ง บรรทัดสอง");
}

/* A list of parts: the separator only between parts, and a full buffer
 * drops what does not fit without leaving half a Thai character. */
static void test_text_join_never_splits_a_character(void)
{
    char out[40] = "";
    text_join(out, sizeof out, " · ", "ส่งกลับแล้ว");
    CU_ASSERT_STRING_EQUAL(out, "ส่งกลับแล้ว");
    text_join(out, sizeof out, " · ", "MM");
    CU_ASSERT_STRING_EQUAL(out, "ส่งกลับแล้ว · MM");  /* 39 bytes + NUL */
    char before[40];
    memcpy(before, out, sizeof before);
    text_join(out, sizeof out, " · ", "x");         /* room for nothing */
    CU_ASSERT_STRING_EQUAL(out, before);
    char small[12] = "ab";
    text_join(small, sizeof small, "-", "แม่สอด");   /* 11 bytes: "ab-" and 8 of 18 */
    CU_ASSERT_STRING_EQUAL(small, "ab-แม");
    CU_ASSERT_TRUE(utf8_valid(small));
}

/* ---- text area ----------------------------------------------------------- */

static textarea ta;

static void type(textarea *t, const wchar_t *s)
{
    for (; *s; s++)
        CU_ASSERT_TRUE(textarea_insert(t, *s));
}

static void assert_text(const textarea *t, const char *want)
{
    char out[512];
    textarea_get(t, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, want);
    CU_ASSERT_EQUAL(textarea_bytes(t), strlen(want));
}

static void test_paragraphs_round_trip(void)
{
    CU_ASSERT_TRUE(textarea_init(&ta, 1000));
    const char *text = "บรรทัดแรก\nline two\n\nสาม";
    CU_ASSERT_TRUE(textarea_set(&ta, text));
    CU_ASSERT_EQUAL(ta.n, 4);
    assert_text(&ta, text);
    textarea_set(&ta, "");
    CU_ASSERT_EQUAL(ta.n, 1);
    assert_text(&ta, "");
    textarea_free(&ta);
}

static void test_enter_splits_and_backspace_joins(void)
{
    textarea_init(&ta, 1000);
    type(&ta, L"ผู้เสียหายพูดว่า");
    for (int i = 0; i < 4; i++)
        textarea_left(&ta);          /* four clusters back: า ว่ ด พู */
    CU_ASSERT_TRUE(textarea_newline(&ta));
    CU_ASSERT_EQUAL(ta.n, 2);
    CU_ASSERT_EQUAL(ta.cur, 1);
    CU_ASSERT_EQUAL(ta.para[1]->cursor, 0);
    assert_text(&ta, "ผู้เสียหาย\nพูดว่า");
    textarea_backspace(&ta);
    assert_text(&ta, "ผู้เสียหายพูดว่า");
    CU_ASSERT_EQUAL(ta.n, 1);
    /* Delete at the end of a paragraph joins the next. */
    textarea_set(&ta, "ab\ncd");
    textarea_up(&ta, 40);
    textarea_end(&ta);
    textarea_delete(&ta);
    assert_text(&ta, "abcd");
    textarea_free(&ta);
}

static void test_left_and_right_cross_paragraphs(void)
{
    textarea_init(&ta, 1000);
    textarea_set(&ta, "ab\ncd");
    textarea_home(&ta);
    textarea_left(&ta);
    CU_ASSERT_EQUAL(ta.cur, 0);
    CU_ASSERT_EQUAL(ta.para[0]->cursor, 2);
    textarea_right(&ta);
    CU_ASSERT_EQUAL(ta.cur, 1);
    CU_ASSERT_EQUAL(ta.para[1]->cursor, 0);
    /* A tone mark cannot start a paragraph (WTT 2.0, as a Thai keyboard). */
    CU_ASSERT_TRUE(textarea_newline(&ta));
    CU_ASSERT_FALSE(textarea_insert(&ta, L'่'));
    textarea_free(&ta);
}

static void test_byte_limit_counts_newlines(void)
{
    textarea_init(&ta, 7);
    type(&ta, L"กข");               /* 6 bytes */
    CU_ASSERT_TRUE(textarea_newline(&ta));      /* 7 */
    CU_ASSERT_FALSE(textarea_insert(&ta, L'a'));
    CU_ASSERT_FALSE(textarea_newline(&ta));
    assert_text(&ta, "กข\n");
    textarea_free(&ta);
}

static void line_text(const textarea *t, const textarea_line *l, char *out, size_t outsz)
{
    text_from_wide(t->para[l->para]->text + l->start, l->len, out, outsz);
}

/* Wrapped at Thai word boundaries, never inside a cluster, never wider
 * than the width; an empty paragraph is an empty line. */
static void test_wraps_at_thai_words(void)
{
    textarea_init(&ta, 2000);
    textarea_set(&ta, "นายจ้างเก็บหนังสือเดินทางไว้\n\nok");
    textarea_line lines[32];
    size_t n = textarea_layout(&ta, 10, lines, 32);
    CU_ASSERT_EQUAL(n, 5);
    char out[256];
    /* 9 columns: the next word would pass 10. */
    line_text(&ta, &lines[0], out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "นายจ้างเก็บ");
    line_text(&ta, &lines[1], out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "หนังสือ");
    line_text(&ta, &lines[2], out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "เดินทางไว้");
    for (size_t i = 0; i < n && i < 32; i++) {
        const lineedit *e = ta.para[lines[i].para];
        CU_ASSERT(wtext_columns(e->text + lines[i].start, lines[i].len) <= 10);
        if (lines[i].len)
            CU_ASSERT_FALSE(wchar_is_mark(e->text[lines[i].start]));
    }
    CU_ASSERT_EQUAL(lines[n - 2].len, 0);        /* the empty paragraph */
    line_text(&ta, &lines[n - 1], out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "ok");
    textarea_free(&ta);
}

static void test_up_and_down_keep_the_column(void)
{
    textarea_init(&ta, 1000);
    textarea_set(&ta, "abcdef\nxy\nabcdef");
    int row, col;
    textarea_cursor(&ta, 40, &row, &col);
    CU_ASSERT_EQUAL(row, 2);
    CU_ASSERT_EQUAL(col, 6);
    textarea_up(&ta, 40);
    textarea_cursor(&ta, 40, &row, &col);
    CU_ASSERT_EQUAL(row, 1);
    CU_ASSERT_EQUAL(col, 2);        /* "xy" is shorter */
    textarea_up(&ta, 40);
    textarea_cursor(&ta, 40, &row, &col);
    CU_ASSERT_EQUAL(row, 0);
    CU_ASSERT_EQUAL(col, 6);        /* back to the column it came from */
    textarea_up(&ta, 40);           /* nothing above */
    textarea_cursor(&ta, 40, &row, &col);
    CU_ASSERT_EQUAL(row, 0);
    /* Thai: the column counts base letters, not marks. */
    textarea_set(&ta, "น้ำใจ\nabcdef");
    textarea_up(&ta, 40);
    textarea_cursor(&ta, 40, &row, &col);
    CU_ASSERT_EQUAL(row, 0);
    CU_ASSERT_EQUAL(col, 4);        /* น้ำใจ is 4 columns */
    CU_ASSERT_EQUAL(ta.para[0]->cursor, ta.para[0]->len);
    textarea_free(&ta);
}

static CU_TestInfo key_tests[] = {
    { "Tab and Shift-Tab step around the tabs", test_tab_steps_wrap_around },
    { "1-8 on either layout choose a tab", test_every_tab_switches_by_number_on_both_layouts },
    { "the Thai key of every letter does the same", test_thai_twin_of_every_letter_does_the_same },
    { "screening and need keys on the Thai layout", test_screenings_keys_on_thai_layout },
    { "Thai letters are text in forms", test_thai_letters_are_text_in_forms },
    { "each tab has its own keys and a label", test_each_tab_has_its_own_keys_and_label },
    CU_TEST_INFO_NULL
};

static CU_TestInfo word_tests[] = {
    { "timeline: what and who", test_timeline_says_what_and_who },
    { "a joined list never splits a character", test_text_join_never_splits_a_character },
    CU_TEST_INFO_NULL
};

static CU_TestInfo textarea_tests[] = {
    { "paragraphs round trip", test_paragraphs_round_trip },
    { "Enter splits, Backspace joins", test_enter_splits_and_backspace_joins },
    { "Left and Right cross paragraphs", test_left_and_right_cross_paragraphs },
    { "the byte limit counts newlines", test_byte_limit_counts_newlines },
    { "wrap at Thai word boundaries", test_wraps_at_thai_words },
    { "Up and Down keep the column", test_up_and_down_keep_the_column },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "case view keys", NULL, NULL, NULL, NULL, key_tests },
    { "case view words", NULL, NULL, NULL, NULL, word_tests },
    { "note text area", NULL, NULL, NULL, NULL, textarea_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    return harness_main("test_caseview", suites);
}
