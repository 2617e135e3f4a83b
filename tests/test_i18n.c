/* test_i18n.c - text width, cleaning, B.E. dates, Thai order and wrapping,
 * and switching the interface language at run time. */
#include "config.h"
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/utf8.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"
#include "tests/harness.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- width */

static void test_columns_of_thai_and_others(void)
{
    static const struct { const char *text; int cols; } cases[] = {
        { "", 0 },
        { "abc", 3 },
        { "ก", 1 },
        { "ที่", 1 },                     /* base + above vowel + tone mark */
        { "น้ำ", 2 },                     /* SARA AM takes its own column */
        { "ที่น้ำ", 3 },
        { "กำ", 2 },
        { "เด็กหญิง", 6 },               /* leading vowel is a column; MAITAIKHU is not */
        { "ผู้เสียหาย", 7 },             /* below vowel and tone stacked on ผ */
        { "ผู้เสียหายจากการค้ามนุษย์", 19 },
        { "สมชาย ใจดี", 9 },
        { "e\xCC\x81", 1 },              /* e + combining acute */
        { "日本", 4 },
        { "한국", 4 },
        { "ＡＢ", 4 },                    /* fullwidth Latin */
        { "ລາວ\xE0\xBB\x88", 3 },        /* Lao with a tone mark */
        { "\x1b[2J", 4 },                /* ESC shows as one replacement column */
        { "\xE2\x80\xAE" "abc", 3 },     /* RLO is dropped */
        { "\xE0\xB9\x88", 1 },           /* orphan tone mark gets a dotted circle */
        { "\xff", 1 },                   /* invalid byte: U+FFFD */
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int got = text_columns(cases[i].text);
        if (got != cases[i].cols)
            fprintf(stderr, "\n  text_columns(\"%s\") = %d, want %d", cases[i].text, got,
                    cases[i].cols);
        CU_ASSERT_EQUAL(got, cases[i].cols);
    }
}

static void test_wchar_columns_table(void)
{
    static const struct { wchar_t c; int cols; bool mark; } cases[] = {
        { 0x0E01, 1, false },   /* KO KAI */
        { 0x0E31, 0, true },    /* MAI HAN-AKAT */
        { 0x0E33, 1, false },   /* SARA AM: spacing */
        { 0x0E34, 0, true }, { 0x0E3A, 0, true },
        { 0x0E40, 1, false },   /* SARA E: leading vowel, spacing */
        { 0x0E47, 0, true }, { 0x0E48, 0, true }, { 0x0E4E, 0, true },
        { 0x0E50, 1, false },   /* Thai digit zero */
        { 0x0EB1, 0, true }, { 0x0EC8, 0, true },        /* Lao */
        { 0x102D, 0, true }, { 0x17B7, 0, true },        /* Myanmar, Khmer */
        { 0x0301, 0, true },
        { 0x4E00, 2, false }, { 0xAC00, 2, false }, { 0xFF21, 2, false },
        { 0x1F600, 2, false },
        { 'a', 1, false }, { 0x1B, 1, false }, { 0x9B, 1, false },
        { 0x202E, 0, false }, { 0x200B, 0, false },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        CU_ASSERT_EQUAL(wchar_columns(cases[i].c), cases[i].cols);
        CU_ASSERT_EQUAL(wchar_is_mark(cases[i].c), cases[i].mark);
    }
}

/* Independent of the locale: the same widths under plain "C". */
static void test_columns_do_not_depend_on_locale(void)
{
    char *saved = strdup(setlocale(LC_ALL, NULL));
    setlocale(LC_ALL, "C");
    CU_ASSERT_EQUAL(text_columns("ที่น้ำ"), 3);
    CU_ASSERT_EQUAL(wchar_columns(0x0E48), 0);
    wchar_t w[8];
    CU_ASSERT_EQUAL(text_to_wide("กข", w, 8), 2);
    CU_ASSERT_EQUAL(w[0], 0x0E01);
    setlocale(LC_ALL, saved);
    free(saved);
}

static void test_clusters(void)
{
    const wchar_t *s = L"ที่น้ำ";       /* ท ี ่ | น ้ ำ */
    size_t len = wcslen(s);
    CU_ASSERT_EQUAL(wtext_next_cluster(s, len, 0), 3);
    CU_ASSERT_EQUAL(wtext_next_cluster(s, len, 3), 6);
    CU_ASSERT_EQUAL(wtext_next_cluster(s, len, 6), 6);
    CU_ASSERT_EQUAL(wtext_prev_cluster(s, len, 6), 3);
    CU_ASSERT_EQUAL(wtext_prev_cluster(s, len, 5), 3);
    CU_ASSERT_EQUAL(wtext_prev_cluster(s, len, 3), 0);
    CU_ASSERT_EQUAL(wtext_prev_cluster(s, len, 0), 0);
    CU_ASSERT_EQUAL(wtext_columns(s, len), 3);

    const wchar_t *e = L"เด็ก";          /* เ | ด ็ | ก */
    CU_ASSERT_EQUAL(wtext_next_cluster(e, 4, 0), 1);
    CU_ASSERT_EQUAL(wtext_next_cluster(e, 4, 1), 3);
    CU_ASSERT_EQUAL(wtext_prev_cluster(e, 4, 4), 3);
    CU_ASSERT_EQUAL(wtext_prev_cluster(e, 4, 3), 1);

    /* A mark after a space does not join the space. */
    const wchar_t *o = L"ก \x0E48";
    CU_ASSERT_EQUAL(wtext_next_cluster(o, 3, 1), 2);
    CU_ASSERT_EQUAL(wtext_columns(o, 3), 3);    /* ก, space, dotted circle */
}

/* Each (text, cols, ellipsis) and the exact result. */
static void test_fit_never_cuts_a_cluster(void)
{
    static const struct {
        const char *text;
        int cols;
        bool ellipsis;
        const char *want;
        int want_cols;
    } cases[] = {
        { "hello", 5, true, "hello", 5 },
        { "hello world", 5, true, "hell…", 5 },
        { "hello world", 5, false, "hello", 5 },
        { "ที่น้ำ", 3, true, "ที่น้ำ", 3 },
        { "ที่น้ำ", 2, false, "ที่", 1 },      /* น้ำ is one cluster of 2 columns */
        { "ที่น้ำ", 2, true, "ที่…", 2 },
        { "เด็กหญิง", 3, true, "เด็…", 3 },
        { "เด็กหญิง", 4, false, "เด็กห", 4 },
        { "ผู้เสียหาย", 1, true, "…", 1 },
        { "ผู้เสียหาย", 2, true, "ผู้…", 2 },
        { "日本語", 3, false, "日", 2 },
        { "日本語", 3, true, "日…", 3 },
        { "日本語", 4, true, "日…", 3 },
        { "abc", 0, true, "", 0 },
        { "", 5, true, "", 0 },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char out[64];
        int cols = text_fit(cases[i].text, cases[i].cols, cases[i].ellipsis, out, sizeof out);
        if (strcmp(out, cases[i].want) || cols != cases[i].want_cols)
            fprintf(stderr, "\n  text_fit(\"%s\", %d) = \"%s\" (%d), want \"%s\" (%d)",
                    cases[i].text, cases[i].cols, out, cols, cases[i].want, cases[i].want_cols);
        CU_ASSERT_STRING_EQUAL(out, cases[i].want);
        CU_ASSERT_EQUAL(cols, cases[i].want_cols);
        CU_ASSERT_EQUAL(text_columns(out), cols);
    }
}

static void test_fit_respects_buffer_size(void)
{
    char out[16];
    /* ที่ is 9 bytes: with 10 bytes it fits, with 9 it does not. */
    CU_ASSERT_EQUAL(text_fit("ที่น้ำ", 10, false, out, 10), 1);
    CU_ASSERT_STRING_EQUAL(out, "ที่");
    CU_ASSERT_EQUAL(text_fit("ที่น้ำ", 10, false, out, 9), 0);
    CU_ASSERT_STRING_EQUAL(out, "");
    CU_ASSERT_EQUAL(text_fit("ที่น้ำ", 10, true, out, 13), 2);
    CU_ASSERT_STRING_EQUAL(out, "ที่…");
    CU_ASSERT_EQUAL(text_fit("ที่น้ำ", 10, true, out, 12), 1);
    CU_ASSERT_STRING_EQUAL(out, "…");
    CU_ASSERT_EQUAL(text_fit("abc", 10, true, out, 0), 0);
    /* Every size from 1 up gives valid UTF-8: a whole-cluster prefix of
     * the text, then "…" when something was left out. */
    const char *text = "น้ำที่เด็ก";
    static const size_t cluster_ends[] = { 0, 9, 18, 21, 27, 30 };
    for (size_t sz = 1; sz <= sizeof out; sz++) {
        text_fit(text, 20, true, out, sz);
        CU_ASSERT_TRUE(strlen(out) < sz);
        CU_ASSERT_TRUE(utf8_valid(out));
        size_t keep = strlen(out);
        if (keep >= 3 && !strcmp(out + keep - 3, "…"))
            keep -= 3;
        bool on_boundary = false;
        for (size_t i = 0; i < COUNT(cluster_ends); i++)
            on_boundary |= keep == cluster_ends[i];
        CU_ASSERT_TRUE(on_boundary);
        CU_ASSERT_EQUAL(strncmp(out, text, keep), 0);
    }
}

static void test_pad_to_exact_columns(void)
{
    char out[64];
    CU_ASSERT_EQUAL(text_pad("กา", 5, out, sizeof out), 5);
    CU_ASSERT_STRING_EQUAL(out, "กา   ");
    CU_ASSERT_EQUAL(text_pad("ที่น้ำ", 4, out, sizeof out), 4);
    CU_ASSERT_STRING_EQUAL(out, "ที่น้ำ ");
    CU_ASSERT_EQUAL(text_pad("abcdefgh", 5, out, sizeof out), 5);
    CU_ASSERT_STRING_EQUAL(out, "abcd…");
    /* A wide character that does not fit leaves a column to pad. */
    CU_ASSERT_EQUAL(text_pad("日本語", 4, out, sizeof out), 4);
    CU_ASSERT_STRING_EQUAL(out, "日… ");
    CU_ASSERT_EQUAL(text_columns(out), 4);
}

static void test_clean_table(void)
{
    static const struct { const char *in, *want; int cols; } cases[] = {
        { "สมชาย", "สมชาย", 5 },
        { "a\x1b[2Jb", "a\xEF\xBF\xBD[2Jb", 6 },            /* ESC */
        { "a\xC2\x9B" "31mb", "a\xEF\xBF\xBD" "31mb", 6 },   /* C1 CSI */
        { "a\x7f" "b", "a\xEF\xBF\xBD" "b", 3 },            /* DEL */
        { "a\rb", "a\xEF\xBF\xBD" "b", 3 },
        { "a\nb\tc", "a b c", 5 },
        { "\xE2\x80\xAE" "evil\xE2\x80\xAC", "evil", 4 },   /* RLO ... PDF */
        { "x\xE2\x81\xA7y\xE2\x80\x8F", "xy", 2 },          /* RLI, RLM */
        { "\xff" "a", "\xEF\xBF\xBD" "a", 2 },               /* invalid byte */
        { "\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD", 2 },       /* overlong NUL */
        { "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3 }, /* surrogate */
        { "\xE0\xB9\x88ก", "\xE2\x97\x8C\xE0\xB9\x88ก", 2 },  /* orphan tone mark */
        { "ก \xE0\xB9\x89", "ก \xE2\x97\x8C\xE0\xB9\x89", 3 }, /* mark after a space */
        { "\xE0\xB8\xB3", "\xE2\x97\x8C\xE0\xB8\xB3", 2 },   /* orphan SARA AM */
        { "\xE2\x80\xAEน้ำ", "น้ำ", 2 },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char out[64];
        int cols = text_clean(cases[i].in, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, cases[i].want);
        CU_ASSERT_EQUAL(cols, cases[i].cols);
        CU_ASSERT_EQUAL(text_columns(cases[i].in), cases[i].cols);
    }
}

/* Whatever bytes come in, what goes out is valid UTF-8 with no control. */
static void test_clean_output_is_always_safe(void)
{
    static const char *const tails[] = { "", "\x80", "\xE0\xB9", "\xE0\xB9\x88", "\x1b" "c",
                                         "\xE2\x80\xAE", "\xF4\x90\x80\x80" };
    for (int b = 1; b < 256; b++) {
        for (size_t t = 0; t < COUNT(tails); t++) {
            char in[16], out[64];
            snprintf(in, sizeof in, "%c%s%c", b, tails[t], b);
            text_clean(in, out, sizeof out);
            CU_ASSERT_TRUE(utf8_valid(out));
            CU_ASSERT_FALSE(utf8_has_control(out, false));
            CU_ASSERT_FALSE(utf8_has_bidi_control(out));
        }
    }
}

static void test_wide_conversion(void)
{
    const char *text = "ผู้เสียหาย 日本 é";
    wchar_t w[64];
    size_t n = text_to_wide(text, w, COUNT(w));
    CU_ASSERT_EQUAL(n, 15);
    CU_ASSERT_EQUAL(w[0], 0x0E1C);
    CU_ASSERT_EQUAL(w[n], L'\0');
    char back[64];
    CU_ASSERT_EQUAL(text_from_wide(w, n, back, sizeof back), strlen(text));
    CU_ASSERT_STRING_EQUAL(back, text);

    /* invalid input becomes U+FFFD, both ways */
    CU_ASSERT_EQUAL(text_to_wide("a\xffz", w, COUNT(w)), 3);
    CU_ASSERT_EQUAL(w[1], 0xFFFD);
    wchar_t bad[] = { L'a', (wchar_t)0xD800, (wchar_t)0x110000, L'b' };
    text_from_wide(bad, 4, back, sizeof back);
    CU_ASSERT_STRING_EQUAL(back, "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");

    /* truncation: never half a character, always terminated */
    CU_ASSERT_EQUAL(text_to_wide("กขค", w, 3), 2);
    CU_ASSERT_EQUAL(w[2], L'\0');
    CU_ASSERT_EQUAL(text_from_wide(L"กข", 2, back, 6), 3);
    CU_ASSERT_STRING_EQUAL(back, "ก");
    CU_ASSERT_EQUAL(text_from_wide(L"กข", 2, back, 7), 6);
}

/* ---------------------------------------------------------------- dates */

static void test_era_conversion(void)
{
    CU_ASSERT_EQUAL(be_from_ce(2026), 2569);
    CU_ASSERT_EQUAL(ce_from_be(2569), 2026);
    CU_ASSERT_EQUAL(be_from_ce(2024), 2567);
    CU_ASSERT_EQUAL(ce_from_be(2400), 1857);
    for (int y = 1800; y <= 2200; y++)
        CU_ASSERT_EQUAL(ce_from_be(be_from_ce(y)), y);
}

typedef struct parse_case {
    const char *text;
    thdate_error err;
    int year, month, day;
} parse_case;

static const parse_case parse_cases[] = {
    { "21/11/2569", THDATE_OK, 2026, 11, 21 },
    { "21/11/2026", THDATE_OK, 2026, 11, 21 },
    { "21-11-2026", THDATE_OK, 2026, 11, 21 },
    { "21.11.2569", THDATE_OK, 2026, 11, 21 },
    { "2026-11-21", THDATE_OK, 2026, 11, 21 },
    { "5/1/2569", THDATE_OK, 2026, 1, 5 },
    { "05/01/2569", THDATE_OK, 2026, 1, 5 },
    { "  21/11/2569  ", THDATE_OK, 2026, 11, 21 },
    { "๒๑/๑๑/๒๕๖๙", THDATE_OK, 2026, 11, 21 },
    { "21/๑๑/2569", THDATE_OK, 2026, 11, 21 },
    { "21 พ.ย. 2569", THDATE_OK, 2026, 11, 21 },
    { "21 พ.ย 2569", THDATE_OK, 2026, 11, 21 },
    { "21 พย 2569", THDATE_OK, 2026, 11, 21 },
    { "21พ.ย.2569", THDATE_OK, 2026, 11, 21 },
    { "21 พฤศจิกายน 2569", THDATE_OK, 2026, 11, 21 },
    { "๒๑ พฤศจิกายน พ.ศ. ๒๕๖๙", THDATE_OK, 2026, 11, 21 },
    { "1 ม.ค. 2569", THDATE_OK, 2026, 1, 1 },
    { "1 มกราคม 2026", THDATE_OK, 2026, 1, 1 },
    { "14 ก.พ. 2569", THDATE_OK, 2026, 2, 14 },
    { "13 เม.ย. 2569", THDATE_OK, 2026, 4, 13 },
    { "5 ธ.ค. 2569", THDATE_OK, 2026, 12, 5 },
    { "21 Nov 2026", THDATE_OK, 2026, 11, 21 },
    { "21 november 2026", THDATE_OK, 2026, 11, 21 },
    { "21-Nov-2026", THDATE_OK, 2026, 11, 21 },
    { "Nov 21, 2026", THDATE_OK, 2026, 11, 21 },
    { "September 3 2026", THDATE_OK, 2026, 9, 3 },
    { "3 Sept 2026", THDATE_OK, 2026, 9, 3 },
    /* eras: implicit by size, or stated next to the year */
    { "1/1/2400", THDATE_OK, 1857, 1, 1 },
    { "31/12/2399", THDATE_OK, 2399, 12, 31 },
    { "21/11/2569 พ.ศ.", THDATE_OK, 2026, 11, 21 },
    { "21 พ.ย. พ.ศ. 2569", THDATE_OK, 2026, 11, 21 },
    { "21 Nov 2026 C.E.", THDATE_OK, 2026, 11, 21 },
    { "21 Nov 2569 C.E.", THDATE_OK, 2569, 11, 21 },
    { "21 พ.ย. ค.ศ. 2026", THDATE_OK, 2026, 11, 21 },
    { "21 Nov B.E. 2569", THDATE_OK, 2026, 11, 21 },
    { "1/1/2343 B.E.", THDATE_OK, 1800, 1, 1 },
    /* leap years counted in B.E. */
    { "29/2/2567", THDATE_OK, 2024, 2, 29 },
    { "29/02/2024", THDATE_OK, 2024, 2, 29 },
    { "29/2/2543", THDATE_OK, 2000, 2, 29 },
    { "29/2/2569", THDATE_IMPOSSIBLE, 0, 0, 0 },
    { "29/2/2026", THDATE_IMPOSSIBLE, 0, 0, 0 },
    { "29/2/2443", THDATE_IMPOSSIBLE, 0, 0, 0 },   /* 1900 is not leap */
    { "31/2/2569", THDATE_IMPOSSIBLE, 0, 0, 0 },
    { "31/4/2026", THDATE_IMPOSSIBLE, 0, 0, 0 },
    { "0/1/2026", THDATE_IMPOSSIBLE, 0, 0, 0 },
    { "1/13/2026", THDATE_IMPOSSIBLE, 0, 0, 0 },
    { "31 มิ.ย. 2569", THDATE_IMPOSSIBLE, 0, 0, 0 },
    /* not dates */
    { "", THDATE_EMPTY, 0, 0, 0 },
    { "   ", THDATE_EMPTY, 0, 0, 0 },
    { "abc", THDATE_FORMAT, 0, 0, 0 },
    { "21/11", THDATE_FORMAT, 0, 0, 0 },
    { "21/11/69", THDATE_FORMAT, 0, 0, 0 },
    { "21/11/02569", THDATE_FORMAT, 0, 0, 0 },
    { "21/11-2569", THDATE_FORMAT, 0, 0, 0 },
    { "21//11/2569", THDATE_FORMAT, 0, 0, 0 },
    { "21/11/2569/1", THDATE_FORMAT, 0, 0, 0 },
    { "21 Foo 2026", THDATE_FORMAT, 0, 0, 0 },
    { "21 No 2026", THDATE_FORMAT, 0, 0, 0 },
    { "2569 พ.ย. 21", THDATE_FORMAT, 0, 0, 0 },
    { "21/11/2569 พ.ศ. ค.ศ.", THDATE_FORMAT, 0, 0, 0 },
    { "พ.ศ. 21/11/2569", THDATE_FORMAT, 0, 0, 0 },     /* era not next to the year */
    { "21/11/2569!", THDATE_FORMAT, 0, 0, 0 },
    /* out of range */
    { "1/1/1799", THDATE_OUT_OF_RANGE, 0, 0, 0 },
    { "1/1/0999", THDATE_OUT_OF_RANGE, 0, 0, 0 },
    { "1/1/2342 B.E.", THDATE_OUT_OF_RANGE, 0, 0, 0 },
    { "21/11/2026 พ.ศ.", THDATE_OUT_OF_RANGE, 0, 0, 0 },
};

static void test_parse_table(void)
{
    for (size_t i = 0; i < COUNT(parse_cases); i++) {
        const parse_case *c = &parse_cases[i];
        caldate d = { -1, -1, -1 };
        thdate_error e = thdate_parse(c->text, &d);
        if (e != c->err)
            fprintf(stderr, "\n  thdate_parse(\"%s\") = %d, want %d", c->text, (int)e, (int)c->err);
        CU_ASSERT_EQUAL(e, c->err);
        if (c->err == THDATE_OK) {
            CU_ASSERT_EQUAL(d.year, c->year);
            CU_ASSERT_EQUAL(d.month, c->month);
            CU_ASSERT_EQUAL(d.day, c->day);
        } else {
            CU_ASSERT_EQUAL(d.year, -1);    /* untouched on error */
        }
    }
    caldate d = { 1, 1, 1 };
    CU_ASSERT_EQUAL(thdate_parse(NULL, &d), THDATE_EMPTY);
    char long_text[300];
    memset(long_text, '1', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    CU_ASSERT_EQUAL(thdate_parse(long_text, &d), THDATE_FORMAT);
}

static void test_error_texts(void)
{
    CU_ASSERT_STRING_EQUAL(thdate_error_text(THDATE_OK), "");
    const thdate_error errs[] = { THDATE_EMPTY, THDATE_FORMAT, THDATE_IMPOSSIBLE,
                                  THDATE_OUT_OF_RANGE };
    for (size_t i = 0; i < COUNT(errs); i++) {
        CU_ASSERT_TRUE(strlen(thdate_error_text(errs[i])) > 0);
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(thdate_error_text(errs[i]), thdate_error_text(errs[j]));
    }
    CU_ASSERT_STRING_EQUAL(thdate_error_text(THDATE_IMPOSSIBLE),
                           "That date does not exist in the calendar.");
}

static void test_format_both_languages(void)
{
    caldate d = { 2026, 11, 21 };
    char out[THDATE_MAX];
    thdate_format(d, true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "21 พ.ย. 2569");
    thdate_format(d, false, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "21 Nov 2026");
    thdate_format_long(d, true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "21 พฤศจิกายน พ.ศ. 2569");
    thdate_format_long(d, false, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "21 November 2026");
    thdate_format_input(d, true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "21/11/2569");
    thdate_format_input(d, false, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "21/11/2026");

    caldate leap = { 2024, 2, 5 };
    thdate_format(leap, true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "5 ก.พ. 2567");
    thdate_format_input(leap, true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "05/02/2567");

    caldate bad = { 2026, 2, 30 };
    thdate_format(bad, true, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "");
}

/* The longest long form fits THDATE_MAX; a short buffer cuts between
 * characters. */
static void test_format_sizes(void)
{
    char big[128], out[THDATE_MAX];
    for (int m = 1; m <= 12; m++) {
        caldate d = { 2024, m, 28 };
        thdate_format_long(d, true, big, sizeof big);
        CU_ASSERT_TRUE(strlen(big) < THDATE_MAX);
        thdate_format_long(d, true, out, sizeof out);
        CU_ASSERT_STRING_EQUAL(out, big);
    }
    caldate d = { 2026, 11, 21 };
    for (size_t sz = 1; sz < 30; sz++) {
        thdate_format_long(d, true, out, sz);
        CU_ASSERT_TRUE(strlen(out) < sz);
        CU_ASSERT_TRUE(utf8_valid(out));
    }
}

/* Whatever we show can be typed back in. */
static void test_format_reads_back(void)
{
    caldate d = { 2023, 12, 25 };
    for (int i = 0; i < 800; i++, d = caldate_add_days(d, 1)) {
        void (*formats[])(caldate, bool, char *, size_t) = {
            thdate_format, thdate_format_long, thdate_format_input
        };
        for (size_t f = 0; f < COUNT(formats); f++) {
            for (int thai = 0; thai <= 1; thai++) {
                char out[THDATE_MAX];
                caldate back = { 0, 0, 0 };
                formats[f](d, thai, out, sizeof out);
                CU_ASSERT_EQUAL_FATAL(thdate_parse(out, &back), THDATE_OK);
                CU_ASSERT_EQUAL(caldate_compare(back, d), 0);
            }
        }
    }
}

static void test_thai_digits(void)
{
    char out[64];
    digits_to_thai("21/11/2569", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "๒๑/๑๑/๒๕๖๙");
    digits_to_ascii(out, out, sizeof out);      /* in place is fine: output never grows */
    CU_ASSERT_STRING_EQUAL(out, "21/11/2569");
    digits_to_ascii("บ้านเลขที่ ๑๒๓/๔ หมู่ ๕", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "บ้านเลขที่ 123/4 หมู่ 5");
    digits_to_thai("0123456789", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "๐๑๒๓๔๕๖๗๘๙");
    digits_to_ascii("๐๑๒๓๔๕๖๗๘๙", out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, "0123456789");
    /* a small buffer never gets half a character */
    digits_to_thai("12", out, 6);
    CU_ASSERT_STRING_EQUAL(out, "๑");
    digits_to_ascii("ก๑", out, 4);
    CU_ASSERT_STRING_EQUAL(out, "ก");
}

/* ------------------------------------------------------------ Thai text */

static int compare_names(const void *a, const void *b)
{
    return thai_collate(*(const char *const *)a, *(const char *const *)b);
}

static void test_collation_order(void)
{
    /* Expected order: digits, Latin (case-insensitive), Thai in dictionary
     * order where a leading vowel sorts by its consonant. */
    static const char *const expected[] = {
        "12", "adam", "Bob", "carl", "Émile", "emma", "Zed",
        "กา", "เก", "ขา", "สมชาย", "สมชาย ใจดี", "สมชาย ใจร้าย", "ใหม่",
    };
    const char *shuffled[COUNT(expected)];
    for (size_t i = 0; i < COUNT(expected); i++)
        shuffled[i] = expected[(i * 5 + 3) % COUNT(expected)];
    qsort(shuffled, COUNT(shuffled), sizeof shuffled[0], compare_names);
    for (size_t i = 0; i < COUNT(expected); i++)
        CU_ASSERT_STRING_EQUAL(shuffled[i], expected[i]);
}

static void test_collation_pairs(void)
{
    static const struct { const char *a, *b; int sign; } cases[] = {
        { "กา", "เก", -1 }, { "เก", "ขา", -1 }, { "กา", "ขา", -1 },
        { "abc", "ABD", -1 }, { "ABD", "abc", 1 }, { "abc", "abc", 0 },
        { "abc", "Abc", -1 },                    /* equal but for case: lower first */
        { "Zed", "กา", -1 },                     /* Latin before Thai */
        { "สมชาย", "สมชาย ใจดี", -1 },
        { "", "a", -1 }, { "", "", 0 },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int r = thai_collate(cases[i].a, cases[i].b);
        CU_ASSERT_EQUAL((r > 0) - (r < 0), cases[i].sign);
    }
    /* lengths in bytes, not terminated */
    CU_ASSERT_TRUE(thai_collate_n("กาxyz", 6, "เกxyz", 6) < 0);
    CU_ASSERT_EQUAL(thai_collate_n("abcdef", 3, "abcxyz", 3), 0);
}

/* sqlite3 and qsort need a consistent order: antisymmetric, transitive,
 * and equal only for equal text. */
static void test_collation_is_a_total_order(void)
{
    static const char *const names[] = {
        "กา", "เก", "ขา", "ก่า", "ก้า", "กา่", "เกา", "ก ข", "กข", "abc", "ABC", "Abc",
        "a b", "ab", "é", "e", "မြန်မာ", "ລາວ", "日本", "12", "๑๒", "", "\xff", "ก็",
    };
    size_t n = COUNT(names);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            int ij = thai_collate(names[i], names[j]), ji = thai_collate(names[j], names[i]);
            CU_ASSERT_EQUAL((ij > 0) - (ij < 0), -((ji > 0) - (ji < 0)));
            CU_ASSERT_EQUAL(ij == 0, i == j);
            for (size_t k = 0; k < n; k++)
                if (ij < 0 && thai_collate(names[j], names[k]) < 0)
                    CU_ASSERT_TRUE(thai_collate(names[i], names[k]) < 0);
        }
    }
}

static int key_compare(const char *a, const char *b)
{
    unsigned char ka[256], kb[256];
    size_t la = thai_sort_key(a, ka, sizeof ka), lb = thai_sort_key(b, kb, sizeof kb);
    int r = memcmp(ka, kb, la < lb ? la : lb);
    if (r == 0)
        r = (la > lb) - (la < lb);
    return (r > 0) - (r < 0);
}

/* The stored sort key orders exactly as thai_collate does, so an index on
 * it lists names in Thai dictionary order. */
static void test_sort_key_matches_collation(void)
{
    static const char *const names[] = {
        "กา", "เก", "ขา", "ก่า", "ก้า", "เกา", "ก ข", "กข", "abc", "ABC", "Abc", "a b",
        "ab", "é", "e", "မြန်မာ", "12", "๑๒", "", "ก็", "สมชาย", "สมชาย ใจดี", "Zed", "ใหม่",
    };
    size_t n = COUNT(names);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int c = thai_collate(names[i], names[j]);
            CU_ASSERT_EQUAL(key_compare(names[i], names[j]), (c > 0) - (c < 0));
        }
    unsigned char small[4];
    CU_ASSERT_TRUE(thai_sort_key("สมชาย ใจดี", small, sizeof small) <= sizeof small);
}

static void line_text(const char *text, text_line l, char *out, size_t outsz)
{
    size_t n = l.len < outsz - 1 ? l.len : outsz - 1;
    memcpy(out, text + l.start, n);
    out[n] = '\0';
}

static void check_wrap(const char *text, int width, const char *const *want, size_t nwant)
{
    text_line lines[32];
    size_t n = thai_wrap(text, width, lines, COUNT(lines));
    if (n != nwant)
        fprintf(stderr, "\n  thai_wrap(\"%s\", %d) gave %zu lines, want %zu", text, width, n, nwant);
    CU_ASSERT_EQUAL_FATAL(n, nwant);
    for (size_t i = 0; i < n; i++) {
        char got[256];
        line_text(text, lines[i], got, sizeof got);
        if (strcmp(got, want[i]))
            fprintf(stderr, "\n  line %zu: \"%s\", want \"%s\"", i, got, want[i]);
        CU_ASSERT_STRING_EQUAL(got, want[i]);
    }
}

static void test_wrap_at_thai_words(void)
{
    static const char *const two[] = { "ผู้เสียหายจาก", "การค้ามนุษย์" };
    check_wrap("ผู้เสียหายจากการค้ามนุษย์", 10, two, 2);
    static const char *const narrow[] = { "ผู้เสียหาย", "จากการ", "ค้ามนุษย์" };
    check_wrap("ผู้เสียหายจากการค้ามนุษย์", 7, narrow, 3);
    static const char *const one[] = { "ผู้เสียหายจากการค้ามนุษย์" };
    check_wrap("ผู้เสียหายจากการค้ามนุษย์", 19, one, 1);
}

static void test_wrap_spaces_newlines_and_long_words(void)
{
    static const char *const words[] = { "hello world", "foo" };
    check_wrap("hello world foo", 11, words, 2);
    static const char *const narrow[] = { "hello", "world", "foo" };
    check_wrap("hello world   foo  ", 5, narrow, 3);
    static const char *const cut[] = { "abcd", "efgh", "ij" };
    check_wrap("abcdefghij", 4, cut, 3);
    static const char *const paragraphs[] = { "ab", "", "cd" };
    check_wrap("ab\n\ncd", 10, paragraphs, 3);
    static const char *const final_newline[] = { "ab" };
    check_wrap("ab\n", 10, final_newline, 1);
    static const char *const wide[] = { "日本", "語テ", "キス", "ト" };
    check_wrap("日本語テキスト", 5, wide, 4);
    static const char *const too_wide[] = { "日", "本" };
    check_wrap("日本", 1, too_wide, 2);
    static const char *const mixed[] = { "ชื่อ Somchai", "ใจดี" };
    check_wrap("ชื่อ Somchai ใจดี", 12, mixed, 2);
    CU_ASSERT_EQUAL(thai_wrap("", 10, NULL, 0), 0);
}

static void test_wrap_counts_beyond_max(void)
{
    text_line lines[2] = { { 99, 99 }, { 99, 99 } };
    CU_ASSERT_EQUAL(thai_wrap("a b c d", 1, lines, 1), 4);
    CU_ASSERT_EQUAL(lines[0].start, 0);
    CU_ASSERT_EQUAL(lines[0].len, 1);
    CU_ASSERT_EQUAL(lines[1].start, 99);        /* not written */
}

/* At every width, no line starts or ends inside a cluster, no line is wider
 * than the width (unless one cluster is), and no text is lost. */
static void test_wrap_never_splits_a_cluster(void)
{
    const char *text = "ที่น้ำท่วมผู้เสียหายได้รับการช่วยเหลือจากเจ้าหน้าที่ "
                       "สหวิชาชีพ เด็กหญิงอายุ ๑๕ ปี";
    wchar_t w[256];
    size_t wn = text_to_wide(text, w, COUNT(w));
    for (int width = 1; width <= 30; width++) {
        text_line lines[128];
        size_t n = thai_wrap(text, width, lines, COUNT(lines));
        CU_ASSERT_TRUE_FATAL(n > 0 && n <= COUNT(lines));
        char joined[512] = "";
        for (size_t i = 0; i < n; i++) {
            char line[256];
            line_text(text, lines[i], line, sizeof line);
            wchar_t lw[128];
            size_t ln = text_to_wide(line, lw, COUNT(lw));
            CU_ASSERT_TRUE(ln > 0);
            CU_ASSERT_FALSE(wchar_is_mark(lw[0]) || lw[0] == 0x0E33);
            size_t after = lines[i].start + lines[i].len;
            wchar_t next[2];
            if (text_to_wide(text + after, next, 2) == 1)
                CU_ASSERT_FALSE(wchar_is_mark(next[0]) || next[0] == 0x0E33);
            if (wtext_next_cluster(lw, ln, 0) < ln)
                CU_ASSERT_TRUE(text_columns(line) <= width);
            strcat(joined, line);
        }
        /* the lines hold every non-space character, in order */
        char nospace[512];
        size_t k = 0;
        for (const char *p = text; *p; p++)
            if (*p != ' ')
                nospace[k++] = *p;
        nospace[k] = '\0';
        k = 0;
        for (char *p = joined; *p; p++)
            if (*p != ' ')
                joined[k++] = *p;
        joined[k] = '\0';
        CU_ASSERT_STRING_EQUAL(joined, nospace);
    }
    (void)wn;
}

static int thaitext_suite_clean(void)
{
    thaitext_shutdown();
    return 0;
}

/* ------------------------------------------------------------- language */

static char *catalogue_dir;
static bool have_catalogue;

/* Builds <tmp>/th/LC_MESSAGES/tipcase.mo with msgfmt, as "make install"
 * would, so the run-time switch is tested before anything is installed. */
static int language_suite_init(void)
{
    catalogue_dir = harness_tempdir();
    if (!catalogue_dir)
        return 1;
    int built = harness_make_catalogue(catalogue_dir,
                                       "msgid \"Enter a date.\"\nmsgstr \"กรุณากรอกวันที่\"\n");
    if (built < 0)
        return 1;
    have_catalogue = built == 1;
    if (!have_catalogue)
        fprintf(stderr, "\n  msgfmt not available: language switching is not tested\n");
    return 0;
}

static int language_suite_clean(void)
{
    unsetenv("LANGUAGE");
    unsetenv("TIPCASE_LOCALEDIR");
    i18n_set_language("en");
    if (catalogue_dir)
        harness_rmtree(catalogue_dir);
    free(catalogue_dir);
    return 0;
}

/* Starts as if from a fresh environment. */
static void start_with(const char *lang, const char *language)
{
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANGUAGE");
    if (lang)
        setenv("LANG", lang, 1);
    else
        unsetenv("LANG");
    if (language)
        setenv("LANGUAGE", language, 1);
    setenv("TIPCASE_LOCALEDIR", catalogue_dir, 1);
    i18n_init("/nonexistent");
}

static bool codeset_is_utf8(void)
{
    return !strcmp(nl_langinfo(CODESET), "UTF-8");
}

/* The one message of the test catalogue, looked up with gettext() itself:
 * it is test data, not text the program shows. */
#define TEST_MSGID "Enter a date."
#define THAI_MSG "กรุณากรอกวันที่"

static void test_switch_language_at_run_time(void)
{
    if (!have_catalogue)
        return;
    start_with("C.UTF-8", NULL);
    CU_ASSERT_STRING_EQUAL(i18n_language(), "en");
    CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), "Enter a date.");   /* now cached */
    CU_ASSERT_TRUE(i18n_set_language("th"));
    CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), THAI_MSG);
    CU_ASSERT_STRING_EQUAL(_(thdate_error_text(THDATE_EMPTY)), THAI_MSG);
    CU_ASSERT_STRING_EQUAL(i18n_language(), "th");
    CU_ASSERT_TRUE(i18n_is_thai());
    CU_ASSERT_TRUE(i18n_set_language("en"));
    CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), "Enter a date.");
    CU_ASSERT_FALSE(i18n_is_thai());
    CU_ASSERT_FALSE(i18n_set_language("fr"));
    CU_ASSERT_STRING_EQUAL(i18n_language(), "en");
    CU_ASSERT_TRUE(i18n_set_language("th"));
    CU_ASSERT_TRUE(i18n_set_language(NULL));        /* back to what the environment said */
    CU_ASSERT_STRING_EQUAL(i18n_language(), "en");
}

static void test_language_variable_selects_thai(void)
{
    if (!have_catalogue)
        return;
    start_with("C.UTF-8", "th");
    CU_ASSERT_TRUE(codeset_is_utf8());
    CU_ASSERT_STRING_EQUAL(i18n_language(), "th");
    CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), THAI_MSG);
    CU_ASSERT_TRUE(i18n_set_language("en"));
    CU_ASSERT_STRING_EQUAL(i18n_language(), "en");
    CU_ASSERT_TRUE(i18n_set_language(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_language(), "th");
}

/* LANG=th_TH.UTF-8 starts in Thai whether or not the machine has that
 * locale (without it, C.UTF-8 and LANGUAGE=th take over). */
static void test_thai_lang_starts_in_thai(void)
{
    if (!have_catalogue)
        return;
    start_with("th_TH.UTF-8", NULL);
    CU_ASSERT_TRUE(codeset_is_utf8());
    CU_ASSERT_STRING_EQUAL(i18n_language(), "th");
    CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), THAI_MSG);
    CU_ASSERT_TRUE(i18n_set_language("en"));
    CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), "Enter a date.");
    CU_ASSERT_TRUE(i18n_set_language(NULL));
    CU_ASSERT_STRING_EQUAL(i18n_language(), "th");
}

/* No locale, or one that is not installed: still UTF-8, in English. */
static void test_fallback_to_utf8(void)
{
    start_with(NULL, NULL);
    CU_ASSERT_TRUE(codeset_is_utf8());
    CU_ASSERT_STRING_EQUAL(i18n_language(), "en");
    start_with("xx_YY.UTF-8", NULL);
    CU_ASSERT_TRUE(codeset_is_utf8());
    CU_ASSERT_STRING_EQUAL(i18n_language(), "en");
    start_with("C", NULL);
    CU_ASSERT_TRUE(codeset_is_utf8());
    if (have_catalogue) {
        /* and Thai can still be chosen from there */
        CU_ASSERT_TRUE(i18n_set_language("th"));
        CU_ASSERT_STRING_EQUAL(gettext(TEST_MSGID), THAI_MSG);
    }
}

/* ---------------------------------------------------------------- suites */

static CU_TestInfo width_tests[] = {
    { "columns of Thai and other scripts", test_columns_of_thai_and_others },
    { "wchar_columns table", test_wchar_columns_table },
    { "columns do not depend on the locale", test_columns_do_not_depend_on_locale },
    { "clusters of a base letter and its marks", test_clusters },
    { "text_fit never cuts a cluster", test_fit_never_cuts_a_cluster },
    { "text_fit respects the buffer size", test_fit_respects_buffer_size },
    { "text_pad fills to exact columns", test_pad_to_exact_columns },
    { "text_clean table", test_clean_table },
    { "text_clean output is always safe", test_clean_output_is_always_safe },
    { "UTF-8 <-> wide conversion", test_wide_conversion },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo date_tests[] = {
    { "B.E. <-> C.E.", test_era_conversion },
    { "parse table", test_parse_table },
    { "error texts", test_error_texts },
    { "format in Thai and English", test_format_both_languages },
    { "format sizes", test_format_sizes },
    { "formatted dates read back", test_format_reads_back },
    { "Thai digits both ways", test_thai_digits },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo thaitext_tests[] = {
    { "collation order of a name list", test_collation_order },
    { "collation pairs", test_collation_pairs },
    { "sort key orders as the collation", test_sort_key_matches_collation },
    { "collation is a total order", test_collation_is_a_total_order },
    { "wrap at Thai word boundaries", test_wrap_at_thai_words },
    { "wrap at spaces, newlines, long words", test_wrap_spaces_newlines_and_long_words },
    { "wrap counts lines beyond max", test_wrap_counts_beyond_max },
    { "wrap never splits a cluster", test_wrap_never_splits_a_cluster },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo language_tests[] = {
    { "switch language at run time", test_switch_language_at_run_time },
    { "LANGUAGE=th under C.UTF-8", test_language_variable_selects_thai },
    { "LANG=th_TH.UTF-8 starts in Thai", test_thai_lang_starts_in_thai },
    { "fallback to a UTF-8 locale", test_fallback_to_utf8 },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "textwidth", NULL, NULL, NULL, NULL, width_tests },
    { "thdate", NULL, NULL, NULL, NULL, date_tests },
    { "thaitext", NULL, thaitext_suite_clean, NULL, NULL, thaitext_tests },
    { "language", language_suite_init, language_suite_clean, NULL, NULL, language_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    return harness_main("test_i18n", suites);
}
