/* test_lineedit.c - the keystroke rules of a form field: Thai typed the way
 * a Thai keyboard allows, a cursor that never rests on a mark, limits in
 * code points and bytes, and a field that scrolls to keep the cursor in
 * view. */
#include "tests/harness.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "i18n/textwidth.h"
#include "tui/lineedit.h"

#define MAI_EK   L'\u0e48'     /* tone mark, above */
#define SARA_I   L'\u0e34'     /* above vowel */
#define SARA_U   L'\u0e38'     /* below vowel */

static lineedit ed;            /* 32 KiB: too big for a test's stack frame */

static void type_all(lineedit *e, const wchar_t *s)
{
    for (; *s; s++)
        lineedit_insert(e, *s);
}

static void assert_text(const lineedit *e, const wchar_t *want)
{
    CU_ASSERT_EQUAL(e->len, wcslen(want));
    CU_ASSERT(wcsncmp(e->text, want, e->len) == 0);
}

/* The invariant every keystroke keeps: the cursor is in the text and
 * never stands right before a mark. */
static void assert_on_boundary(const lineedit *e)
{
    CU_ASSERT(e->cursor <= e->len);
    if (e->cursor < e->len)
        CU_ASSERT_FALSE(wchar_is_mark(e->text[e->cursor]));
}

static void test_typing_thai_word(void)
{
    /* ที่น้ำ: each letter carries a vowel and/or tone mark. */
    const wchar_t *word = L"ที่น้ำ";
    lineedit_init(&ed, 100, 0);
    for (const wchar_t *p = word; *p; p++) {
        CU_ASSERT_TRUE(lineedit_insert(&ed, *p));
        assert_on_boundary(&ed);
    }
    assert_text(&ed, word);
    CU_ASSERT_EQUAL(ed.cursor, ed.len);
    /* ท, น and the spacing vowel ำ take a column each; ี ่ ้ take none. */
    CU_ASSERT_EQUAL(lineedit_cursor_column(&ed), 3);
    char out[64];
    CU_ASSERT_EQUAL(lineedit_get(&ed, out, sizeof out), strlen("ที่น้ำ"));
    CU_ASSERT_STRING_EQUAL(out, "ที่น้ำ");
}

static void test_mark_joins_cluster_before_cursor(void)
{
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"กข");
    lineedit_home(&ed);
    lineedit_right(&ed);
    CU_ASSERT_TRUE(lineedit_insert(&ed, MAI_EK));
    assert_text(&ed, L"ก่ข");
    CU_ASSERT_EQUAL(ed.cursor, 2);      /* after ก่, before ข */
    CU_ASSERT_EQUAL(lineedit_cursor_column(&ed), 1);
}

static void test_arrows_skip_marks(void)
{
    static const struct {
        const wchar_t *text;
        size_t stops[16];       /* every cursor position, left to right */
        size_t nstops;
    } cases[] = {
        { L"ที่น้ำ", { 0, 3, 6 }, 3 },         /* sara am stays with น้ */
        { L"กิ่ง a", { 0, 3, 4, 5, 6 }, 5 },
        { L"abc", { 0, 1, 2, 3 }, 4 },
        { L"ผู้หญิง", { 0, 3, 4, 6, 7 }, 5 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lineedit_init(&ed, 100, 0);
        type_all(&ed, cases[i].text);
        assert_text(&ed, cases[i].text);
        lineedit_home(&ed);
        for (size_t k = 0; k < cases[i].nstops; k++) {
            CU_ASSERT_EQUAL(ed.cursor, cases[i].stops[k]);
            assert_on_boundary(&ed);
            lineedit_right(&ed);
        }
        CU_ASSERT_EQUAL(ed.cursor, ed.len);         /* right stops at the end */
        for (size_t k = cases[i].nstops; k-- > 0;) {
            CU_ASSERT_EQUAL(ed.cursor, cases[i].stops[k]);
            assert_on_boundary(&ed);
            lineedit_left(&ed);
        }
        CU_ASSERT_EQUAL(ed.cursor, 0);              /* left stops at the start */
    }
}

static void test_backspace_removes_last_code_point(void)
{
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"ก่");
    lineedit_backspace(&ed);
    assert_text(&ed, L"ก");
    CU_ASSERT_EQUAL(ed.cursor, 1);

    /* ที่ comes apart in the reverse order it was typed. */
    static const wchar_t *const steps[] = { L"ที", L"ท", L"" };
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"ที่");
    for (size_t i = 0; i < 3; i++) {
        lineedit_backspace(&ed);
        assert_text(&ed, steps[i]);
        CU_ASSERT_EQUAL(ed.cursor, ed.len);
    }
    lineedit_backspace(&ed);                         /* nothing left: no-op */
    CU_ASSERT_EQUAL(ed.len, 0);

    /* In the middle: the cursor stays after the shortened cluster. */
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"ที่นา");
    lineedit_home(&ed);
    lineedit_right(&ed);
    lineedit_backspace(&ed);
    assert_text(&ed, L"ทีนา");
    CU_ASSERT_EQUAL(ed.cursor, 2);
    assert_on_boundary(&ed);
}

static void test_delete_removes_whole_cluster(void)
{
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"ที่นา");
    lineedit_home(&ed);
    lineedit_delete(&ed);
    assert_text(&ed, L"นา");
    CU_ASSERT_EQUAL(ed.cursor, 0);
    lineedit_end(&ed);
    lineedit_delete(&ed);                            /* at the end: no-op */
    assert_text(&ed, L"นา");
}

static void test_refused_sequences_change_nothing(void)
{
    static const struct {
        const wchar_t *before;  /* typed first; the cursor is at its end */
        wchar_t c;
        const char *why;
    } cases[] = {
        { L"", MAI_EK, "tone mark with no consonant" },
        { L"", SARA_I, "above vowel with no consonant" },
        { L"ก่", MAI_EK, "two tone marks" },
        { L"กุ", SARA_I, "above vowel after below vowel" },
        { L"กิ", SARA_U, "below vowel after above vowel" },
        { L"เ", MAI_EK, "tone mark on a leading vowel" },
        { L"ก ", MAI_EK, "tone mark after a space" },
        { L"a", MAI_EK, "Thai tone mark on a Latin letter" },
        { L"", L'\u0301', "combining accent with no letter" },
        { L"e ", L'\u0301', "combining accent after a space" },
        { L"ab", 0x1B, "ESC" },
        { L"ab", 0x07, "BEL" },
        { L"ab", L'\n', "newline" },
        { L"ab", L'\t', "tab" },
        { L"ab", 0x7F, "DEL" },
        { L"ab", 0x85, "C1 NEL" },
        { L"ab", 0x9B, "C1 CSI" },
        { L"ab", 0x200F, "right-to-left mark" },
        { L"ab", 0x202E, "right-to-left override" },
        { L"ab", 0x2066, "left-to-right isolate" },
        { L"ab", 0x2028, "line separator" },
        { L"ab", 0x0E5C, "unassigned Thai code point" },
        { L"ab", 0, "NUL" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lineedit_init(&ed, 100, 0);
        type_all(&ed, cases[i].before);
        assert_text(&ed, cases[i].before);
        size_t cursor = ed.cursor;
        bool accepted = lineedit_insert(&ed, cases[i].c);
        if (accepted)
            fprintf(stderr, "accepted: %s\n", cases[i].why);
        CU_ASSERT_FALSE(accepted);
        assert_text(&ed, cases[i].before);
        CU_ASSERT_EQUAL(ed.cursor, cursor);
    }
}

static void test_accepted_sequences(void)
{
    static const struct {
        const wchar_t *before;
        wchar_t c;
    } cases[] = {
        { L"ก", MAI_EK },               /* tone mark on a consonant */
        { L"กิ", MAI_EK },              /* tone mark above an above vowel */
        { L"กุ", MAI_EK },              /* tone mark with a below vowel */
        { L"น้", L'\u0e33' },           /* sara am after a tone mark: น้ำ */
        { L"", L'\u0e40' },             /* leading vowel starts a word */
        { L"a", L'\u0e01' },            /* Thai letter after Latin */
        { L"e", L'\u0301' },            /* combining accent on a Latin letter */
        { L"", L'\u1019' },             /* Burmese letter */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lineedit_init(&ed, 100, 0);
        type_all(&ed, cases[i].before);
        CU_ASSERT_TRUE(lineedit_insert(&ed, cases[i].c));
        CU_ASSERT_EQUAL(ed.len, wcslen(cases[i].before) + 1);
        assert_on_boundary(&ed);
    }
}

static void test_latin_editing(void)
{
    char out[64];
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"hello");
    lineedit_left(&ed);
    lineedit_left(&ed);
    CU_ASSERT_TRUE(lineedit_insert(&ed, L'X'));
    assert_text(&ed, L"helXlo");
    CU_ASSERT_EQUAL(lineedit_cursor_column(&ed), 4);
    lineedit_home(&ed);
    lineedit_delete(&ed);
    assert_text(&ed, L"elXlo");
    lineedit_end(&ed);
    lineedit_backspace(&ed);
    assert_text(&ed, L"elXl");
    lineedit_get(&ed, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "elXl");
    lineedit_clear(&ed);
    CU_ASSERT_EQUAL(ed.len, 0);
    CU_ASSERT_EQUAL(ed.cursor, 0);
}

static void test_delete_word(void)
{
    static const struct {
        const char *text;
        const char *left;       /* after Ctrl-W with the cursor at the end */
    } cases[] = {
        { "one two", "one " },
        { "one two  ", "one " },
        { "นายสมชาย ใจดี", "นายสมชาย " },
        { "word", "" },
        { "", "" },
    };
    char out[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lineedit_init(&ed, 100, 0);
        lineedit_set(&ed, cases[i].text);
        lineedit_delete_word(&ed);
        lineedit_get(&ed, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, cases[i].left);
        CU_ASSERT_EQUAL(ed.cursor, ed.len);
    }
    /* Only the part before the cursor goes. */
    lineedit_set(&ed, "one two three");
    for (int i = 0; i < 5; i++)        /* to just after the second space */
        lineedit_left(&ed);
    lineedit_delete_word(&ed);
    lineedit_get(&ed, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "one three");
    CU_ASSERT_EQUAL(ed.cursor, 4);
}

static void test_limit_in_code_points(void)
{
    lineedit_init(&ed, 5, 0);
    type_all(&ed, L"abcdef");
    assert_text(&ed, L"abcde");
    CU_ASSERT_FALSE(lineedit_insert(&ed, L'z'));

    /* A mark counts: a full field refuses the tone mark too. */
    lineedit_init(&ed, 1, 0);
    CU_ASSERT_TRUE(lineedit_insert(&ed, L'\u0e01'));
    CU_ASSERT_FALSE(lineedit_insert(&ed, MAI_EK));
    assert_text(&ed, L"ก");

    /* A limit of 0 means the hard cap. */
    lineedit_init(&ed, 0, 0);
    CU_ASSERT_EQUAL(ed.max, LINEEDIT_CAP);
}

static void test_limit_in_bytes(void)
{
    /* Thai letters take 3 bytes in UTF-8. */
    lineedit_init(&ed, 100, 6);
    CU_ASSERT_TRUE(lineedit_insert(&ed, L'\u0e01'));
    CU_ASSERT_TRUE(lineedit_insert(&ed, L'\u0e02'));
    CU_ASSERT_FALSE(lineedit_insert(&ed, L'\u0e04'));
    assert_text(&ed, L"กข");

    /* A character too big for the room left is refused, a smaller one
     * still fits. */
    lineedit_init(&ed, 100, 4);
    type_all(&ed, L"ab");
    CU_ASSERT_FALSE(lineedit_insert(&ed, L'\u0e01'));
    CU_ASSERT_TRUE(lineedit_insert(&ed, L'c'));
    CU_ASSERT_TRUE(lineedit_insert(&ed, L'd'));
    CU_ASSERT_FALSE(lineedit_insert(&ed, L'e'));
    char out[16];
    CU_ASSERT_EQUAL(lineedit_get(&ed, out, sizeof out), 4);
    CU_ASSERT_STRING_EQUAL(out, "abcd");
}

static void test_set_truncates_whole_clusters(void)
{
    static const struct {
        size_t max_chars, max_bytes;
        const char *in, *out;
    } cases[] = {
        { 2, 0, "ก่ข", "ก่" },
        { 2, 0, "ขก่", "ข" },           /* ก without its tone mark would be a different word */
        { 0, 7, "abcก่", "abc" },        /* ก fits in bytes, ่ does not */
        { 0, 9, "abcก่", "abcก่" },
        { 3, 0, "abcdef", "abc" },
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lineedit_init(&ed, cases[i].max_chars, cases[i].max_bytes);
        lineedit_set(&ed, cases[i].in);
        lineedit_get(&ed, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, cases[i].out);
        CU_ASSERT_EQUAL(ed.cursor, ed.len);
    }
}

static void test_set_cleans_text(void)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "a\x1b[31mb", "a[31mb" },                 /* escape sequence defused */
        { "x\ty\nz", "x y z" },                     /* one line */
        { "a\xff" "b", "a\xef\xbf\xbd" "b" },       /* invalid byte: U+FFFD */
        { "\xe0\xb9\x88\xe0\xb8\x81", "ก" },        /* tone mark with no letter */
        { "ก \xe0\xb9\x88ข", "ก ข" },                /* tone mark after a space */
        { "ab\xe2\x80\xae" "cd", "abcd" },          /* RLO dropped */
        { "a\xc2\x9b" "b", "ab" },                  /* C1 CSI dropped */
        { "", "" },
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lineedit_init(&ed, 100, 0);
        lineedit_set(&ed, cases[i].in);
        lineedit_get(&ed, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, cases[i].out);
    }
    lineedit_set(&ed, NULL);
    CU_ASSERT_EQUAL(ed.len, 0);
}

static void test_set_get_round_trip(void)
{
    static const char *const texts[] = {
        "นางสาวมาลี ใจดี (Malee Jaidee) မြန်မာ ๑๒๓ 123",
        "ผู้เสียหาย",
        "Nguyễn Thị Hoa",
        "ញ៉ាំ ខ្មែរ",
    };
    char out[256];
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        lineedit_init(&ed, 100, 0);
        lineedit_set(&ed, texts[i]);
        CU_ASSERT_EQUAL(ed.cursor, ed.len);
        CU_ASSERT_EQUAL(lineedit_get(&ed, out, sizeof out), strlen(texts[i]));
        CU_ASSERT_STRING_EQUAL(out, texts[i]);
    }
}

static void test_paste_skips_refused(void)
{
    char out[64];
    lineedit_init(&ed, 100, 0);
    /* ก ่ ่ ข ESC ค: the second tone mark and the escape are skipped. */
    CU_ASSERT_EQUAL(lineedit_insert_text(&ed, "ก่่ข\x1bค"), 4);
    lineedit_get(&ed, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "ก่ขค");
    CU_ASSERT_EQUAL(ed.cursor, ed.len);

    /* Pasted in the middle, at the cursor. */
    lineedit_set(&ed, "ab");
    lineedit_left(&ed);
    CU_ASSERT_EQUAL(lineedit_insert_text(&ed, "XY"), 2);
    lineedit_get(&ed, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "aXYb");
    CU_ASSERT_EQUAL(ed.cursor, 3);

    lineedit_init(&ed, 3, 0);
    CU_ASSERT_EQUAL(lineedit_insert_text(&ed, "abcdef"), 3);
    CU_ASSERT_EQUAL(lineedit_insert_text(&ed, NULL), 0);
}

/* The columns from the first drawn index to the cursor, which must fit
 * in [0, width-1] for the cursor to show. */
static int visible_column(const lineedit *e, size_t first)
{
    return wtext_columns(e->text + first, e->cursor - first);
}

static void assert_scroll_ok(const lineedit *e, size_t first, int width)
{
    CU_ASSERT(first <= e->cursor);
    if (first < e->len)
        CU_ASSERT_FALSE(wchar_is_mark(e->text[first]));
    int col = visible_column(e, first);
    CU_ASSERT(col >= 0 && col <= width - 1);
}

static void test_scroll_keeps_cursor_visible(void)
{
    const wchar_t *text = L"ที่นี่ไม่มีน้ำ ผู้เสียหายหญิง";
    const int width = 4;
    size_t first = 0;
    lineedit_init(&ed, 100, 0);
    for (const wchar_t *p = text; *p; p++) {
        lineedit_insert(&ed, *p);
        first = lineedit_scroll(&ed, first, width);
        assert_scroll_ok(&ed, first, width);
    }
    assert_text(&ed, text);
    /* At the end the cursor is at the right edge of the window. */
    CU_ASSERT_EQUAL(visible_column(&ed, first), width - 1);

    /* Walking left keeps the window while the cursor is in it ... */
    size_t before = first;
    lineedit_left(&ed);
    first = lineedit_scroll(&ed, first, width);
    CU_ASSERT_EQUAL(first, before);
    /* ... and follows the cursor past the left edge. */
    while (ed.cursor > 0) {
        lineedit_left(&ed);
        first = lineedit_scroll(&ed, first, width);
        assert_scroll_ok(&ed, first, width);
    }
    CU_ASSERT_EQUAL(first, 0);
    /* Right again, cluster by cluster. */
    while (ed.cursor < ed.len) {
        lineedit_right(&ed);
        first = lineedit_scroll(&ed, first, width);
        assert_scroll_ok(&ed, first, width);
    }
}

static void test_scroll_never_starts_inside_cluster(void)
{
    lineedit_init(&ed, 100, 0);
    type_all(&ed, L"ที่นี่ไม่มี");
    /* A stale position inside ที่ (on the vowel) is moved back to ท. */
    for (size_t stale = 0; stale < ed.len; stale++) {
        lineedit_end(&ed);
        size_t first = lineedit_scroll(&ed, stale, 40);
        assert_scroll_ok(&ed, first, 40);
        CU_ASSERT(first <= stale);
    }
    /* A whole short text in a wide field starts at 0; a stale position
     * past a shortened text follows the cursor. */
    CU_ASSERT_EQUAL(lineedit_scroll(&ed, 0, 40), 0);
    lineedit_clear(&ed);
    CU_ASSERT_EQUAL(lineedit_scroll(&ed, 7, 40), 0);
    /* A field of width 1 still shows the cursor. */
    lineedit_set(&ed, "abc");
    CU_ASSERT_EQUAL(lineedit_scroll(&ed, 0, 1), 3);
}

static CU_TestInfo typing_tests[] = {
    { "typing ที่น้ำ letter by letter", test_typing_thai_word },
    { "a mark joins the cluster before the cursor", test_mark_joins_cluster_before_cursor },
    { "refused sequences change nothing", test_refused_sequences_change_nothing },
    { "accepted sequences", test_accepted_sequences },
    { "paste skips refused characters", test_paste_skips_refused },
    CU_TEST_INFO_NULL
};

static CU_TestInfo editing_tests[] = {
    { "left and right never stop on a mark", test_arrows_skip_marks },
    { "backspace removes the last code point", test_backspace_removes_last_code_point },
    { "delete removes the whole cluster", test_delete_removes_whole_cluster },
    { "Latin editing", test_latin_editing },
    { "Ctrl-W deletes the word before the cursor", test_delete_word },
    CU_TEST_INFO_NULL
};

static CU_TestInfo limit_tests[] = {
    { "limit in code points", test_limit_in_code_points },
    { "limit in UTF-8 bytes", test_limit_in_bytes },
    { "set truncates whole clusters", test_set_truncates_whole_clusters },
    { "set cleans controls and invalid text", test_set_cleans_text },
    { "set/get round trip of mixed scripts", test_set_get_round_trip },
    CU_TEST_INFO_NULL
};

static CU_TestInfo scroll_tests[] = {
    { "scroll keeps the cursor visible", test_scroll_keeps_cursor_visible },
    { "scroll never starts inside a cluster", test_scroll_never_starts_inside_cluster },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "lineedit typing", NULL, NULL, NULL, NULL, typing_tests },
    { "lineedit editing", NULL, NULL, NULL, NULL, editing_tests },
    { "lineedit limits", NULL, NULL, NULL, NULL, limit_tests },
    { "lineedit scroll", NULL, NULL, NULL, NULL, scroll_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_lineedit", suites);
}
