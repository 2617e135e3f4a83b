/* test_wizard.c - the screening wizard's moves (tui/wizard.h) and its keys
 * (tui/keys.h): where each key takes the officer, which questions are
 * asked of an adult and of a child, the progress shown, where an
 * interrupted screening reopens, and that an officer typing on the Thai
 * layout answers with the same physical keys. */
#include "tests/harness.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/instrument.h"
#include "core/screening.h"
#include "tui/keys.h"
#include "tui/wizard.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- fixture */

/* Four sections.  Indices: 0 a.age (presumes a child), 1 a.one,
 * 2 b.child1, 3 b.child2 (section b is for children only), 4 c.one,
 * 5 c.two (child only), 6 c.three, 7 d.one. */
static const char TEST_INSTRUMENT[] =
    "instrument\tt\t1\tTest\tทดสอบ\n"
    "section\ta\tSection A\tหมวดเอ\n"
    "indicator\ta.age\tvulnerability\tstrong\tpresumes_child\tUnder 18?\tอายุต่ำกว่า 18 ปีใช่หรือไม่\t\t\n"
    "indicator\ta.one\tact\tstrong\t-\tRecruited?\tถูกชักชวนใช่หรือไม่\t\t\n"
    "section\tb\tSection B\tหมวดบี\n"
    "indicator\tb.child1\tchild\tstrong\tchild_only\tBegging?\tขอทานใช่หรือไม่\t\t\n"
    "indicator\tb.child2\tchild\tstrong\tchild_only\tNo school?\tไม่ได้เรียนใช่หรือไม่\t\t\n"
    "section\tc\tSection C\tหมวดซี\n"
    "indicator\tc.one\tmeans\tstrong\t-\tThreats?\tถูกข่มขู่ใช่หรือไม่\t\t\n"
    "indicator\tc.two\tchild\tmedium\tchild_only\tSent away?\tถูกส่งไปใช่หรือไม่\t\t\n"
    "indicator\tc.three\tpurpose\tstrong\t-\tForced work?\tถูกบังคับทำงานใช่หรือไม่\t\t\n"
    "section\td\tSection D\tหมวดดี\n"
    "indicator\td.one\tforced_labour\tstrong\t-\tPassport kept?\tถูกยึดหนังสือเดินทางใช่หรือไม่\t\t\n";

enum { END = 8 };

typedef struct fixture {
    instrument *inst;
    screening_answers answers;
    wizard w;
} fixture;

static bool fixture_open(fixture *f, bool child)
{
    memset(f, 0, sizeof *f);
    instrument_error err;
    if (!instrument_parse(TEST_INSTRUMENT, strlen(TEST_INSTRUMENT), &f->inst, &err)) {
        printf("\n  test instrument line %d: %s\n", err.line,
               instrument_problem_message(err.problem));
        return false;
    }
    if (!screening_answers_init(&f->answers, f->inst))
        return false;
    f->w.inst = f->inst;
    f->w.answers = &f->answers;
    f->w.child_known = child;
    return true;
}

static void fixture_close(fixture *f)
{
    screening_answers_free(&f->answers);
    instrument_free(f->inst);
}

static void answer(fixture *f, const char *code, answer_value v)
{
    CU_ASSERT_TRUE(screening_answers_set(&f->answers, f->inst, code, v, false));
}

/* ---------------------------------------------------------------- moves */

static void test_adult_skips_child_only_questions(void)
{
    fixture f;
    if (!fixture_open(&f, false)) {
        CU_FAIL("fixture");
        return;
    }
    CU_ASSERT_EQUAL(wizard_end(&f.w), END);
    CU_ASSERT_FALSE(wizard_child(&f.w));
    CU_ASSERT_EQUAL(wizard_first(&f.w), 0);
    /* pos -> next, pos -> prev: the adult is asked 0, 1, 4, 6, 7. */
    static const struct { size_t pos, next, prev; } rows[] = {
        { 0, 1, 0 },        /* the first question stays on Back */
        { 1, 4, 0 },        /* section b is skipped both ways */
        { 4, 6, 1 },
        { 6, 7, 4 },        /* c.two (child only) is skipped */
        { 7, END, 6 },      /* after the last: the end (the summary) */
        { END, END, 7 },    /* Back from the summary: the last question */
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        CU_ASSERT_EQUAL(wizard_next(&f.w, rows[i].pos), rows[i].next);
        CU_ASSERT_EQUAL(wizard_prev(&f.w, rows[i].pos), rows[i].prev);
    }
    static const size_t asked[] = { 1, 1, 0, 0, 1, 0, 1, 1 };
    for (size_t i = 0; i < END; i++)
        CU_ASSERT_EQUAL(wizard_applies(&f.w, i), asked[i]);
    CU_ASSERT_FALSE(wizard_applies(&f.w, END));
    fixture_close(&f);
}

static void test_child_is_asked_everything(void)
{
    fixture f;
    if (!fixture_open(&f, true)) {
        CU_FAIL("fixture");
        return;
    }
    size_t pos = wizard_first(&f.w), n = 0;
    while (pos != END) {
        CU_ASSERT_EQUAL(pos, n);
        pos = wizard_next(&f.w, pos);
        n++;
    }
    CU_ASSERT_EQUAL(n, END);
    CU_ASSERT_EQUAL(wizard_progress_all(&f.w).total, END);
    fixture_close(&f);
}

static void test_age_answer_presumes_a_child(void)
{
    fixture f;
    if (!fixture_open(&f, false)) {
        CU_FAIL("fixture");
        return;
    }
    /* yes adds the child-only questions; no, don't know and declined do
     * not (only a yes presumes minority). */
    static const struct { answer_value v; bool child; size_t next_after_1; size_t total; } rows[] = {
        { ANSWER_YES, true, 2, 8 },
        { ANSWER_NO, false, 4, 5 },
        { ANSWER_UNKNOWN, false, 4, 5 },
        { ANSWER_DECLINED, false, 4, 5 },
        { ANSWER_NONE, false, 4, 5 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        answer(&f, "a.age", rows[i].v);
        CU_ASSERT_EQUAL(wizard_child(&f.w), rows[i].child);
        CU_ASSERT_EQUAL(wizard_next(&f.w, 1), rows[i].next_after_1);
        CU_ASSERT_EQUAL(wizard_progress_all(&f.w).total, rows[i].total);
    }
    fixture_close(&f);
}

static void test_sections(void)
{
    fixture f;
    if (!fixture_open(&f, false)) {
        CU_FAIL("fixture");
        return;
    }
    static const size_t section_of[] = { 0, 0, 1, 1, 2, 2, 2, 3, 3 };
    for (size_t i = 0; i <= END; i++)
        CU_ASSERT_EQUAL(wizard_section(&f.w, i), section_of[i]);
    /* PgDn and PgUp, adult: section b has nothing to ask. */
    static const struct { size_t pos, pgdn, pgup; } rows[] = {
        { 0, 4, 0 },        /* PgUp in the first section: its first question */
        { 1, 4, 0 },
        { 4, 7, 0 },        /* PgUp skips section b */
        { 6, 7, 0 },
        { 7, END, 4 },
        { END, END, 7 },    /* PgUp from the summary: the last section */
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        CU_ASSERT_EQUAL(wizard_next_section(&f.w, rows[i].pos), rows[i].pgdn);
        CU_ASSERT_EQUAL(wizard_prev_section(&f.w, rows[i].pos), rows[i].pgup);
    }
    /* Jumping to a section lands on its first open question. */
    CU_ASSERT_EQUAL(wizard_section_start(&f.w, 2), 4);
    answer(&f, "c.one", ANSWER_NO);
    CU_ASSERT_EQUAL(wizard_section_start(&f.w, 2), 6);
    answer(&f, "c.three", ANSWER_DECLINED);
    CU_ASSERT_EQUAL(wizard_section_start(&f.w, 2), 4);      /* all answered: its first */
    CU_ASSERT_EQUAL(wizard_section_start(&f.w, 1), END);    /* nothing asked */
    CU_ASSERT_EQUAL(wizard_section_start(&f.w, 9), END);    /* no such section */
    /* The same for a child: section b is there. */
    f.w.child_known = true;
    CU_ASSERT_EQUAL(wizard_next_section(&f.w, 1), 2);
    CU_ASSERT_EQUAL(wizard_prev_section(&f.w, 4), 2);
    CU_ASSERT_EQUAL(wizard_section_start(&f.w, 2), 5);      /* c.two is open now */
    fixture_close(&f);
}

static void test_progress_and_numbers(void)
{
    fixture f;
    if (!fixture_open(&f, false)) {
        CU_FAIL("fixture");
        return;
    }
    wizard_progress p = wizard_progress_all(&f.w);
    CU_ASSERT_EQUAL(p.answered, 0);
    CU_ASSERT_EQUAL(p.total, 5);
    /* Every kind of answer counts as answered; one a child-only question
     * left from an earlier age answer does not count for an adult. */
    answer(&f, "a.one", ANSWER_YES);
    answer(&f, "c.one", ANSWER_UNKNOWN);
    answer(&f, "d.one", ANSWER_DECLINED);
    answer(&f, "c.two", ANSWER_YES);
    p = wizard_progress_all(&f.w);
    CU_ASSERT_EQUAL(p.answered, 3);
    CU_ASSERT_EQUAL(p.total, 5);
    p = wizard_progress_section(&f.w, 2);
    CU_ASSERT_EQUAL(p.answered, 1);
    CU_ASSERT_EQUAL(p.total, 2);
    p = wizard_progress_section(&f.w, 1);
    CU_ASSERT_EQUAL(p.total, 0);
    p = wizard_progress_section(&f.w, 99);
    CU_ASSERT_EQUAL(p.total, 0);
    /* "Question k of 5". */
    static const size_t number[] = { 1, 2, 0, 0, 3, 0, 4, 5, 0 };
    for (size_t i = 0; i <= END; i++)
        CU_ASSERT_EQUAL(wizard_number(&f.w, i), number[i]);
    CU_ASSERT_EQUAL(wizard_first_unanswered(&f.w), 0);
    answer(&f, "a.age", ANSWER_NO);
    CU_ASSERT_EQUAL(wizard_first_unanswered(&f.w), 6);
    answer(&f, "c.three", ANSWER_NO);
    CU_ASSERT_EQUAL(wizard_first_unanswered(&f.w), END);
    fixture_close(&f);
}

static void test_resume_where_it_stopped(void)
{
    fixture f;
    if (!fixture_open(&f, false)) {
        CU_FAIL("fixture");
        return;
    }
    answer(&f, "a.age", ANSWER_NO);
    answer(&f, "a.one", ANSWER_YES);
    /* stored position -> where the screening reopens */
    static const struct { size_t stored, resume; } open_rows[] = {
        { 4, 4 },           /* the question after the last answer */
        { 1, 1 },           /* the officer stepped back: there, answered or not */
        { 2, 4 },           /* a child-only question: the next one asked */
        { 5, 6 },
        { END, 4 },         /* after the last question, one still open: it */
        { 100, 4 },         /* a position past the end reads as the end */
    };
    for (size_t i = 0; i < COUNT(open_rows); i++)
        CU_ASSERT_EQUAL(wizard_resume(&f.w, open_rows[i].stored), open_rows[i].resume);
    answer(&f, "c.one", ANSWER_NO);
    answer(&f, "c.three", ANSWER_NO);
    answer(&f, "d.one", ANSWER_UNKNOWN);
    /* Everything answered: the end (the summary), unless the officer had
     * moved to a question. */
    CU_ASSERT_EQUAL(wizard_resume(&f.w, END), END);
    CU_ASSERT_EQUAL(wizard_resume(&f.w, 6), 6);
    fixture_close(&f);
}

static void test_real_child_screening_grows_with_the_age_answer(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/instruments/child.tsv", top && *top ? top : ".");
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        printf("\n  cannot open %s (set top_srcdir)\n", path);
        CU_FAIL("child.tsv");
        return;
    }
    static char text[1 << 17];
    size_t len = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    fixture f;
    memset(&f, 0, sizeof f);
    CU_ASSERT_TRUE_FATAL(instrument_parse(text, len, &f.inst, NULL));
    CU_ASSERT_TRUE_FATAL(screening_answers_init(&f.answers, f.inst));
    f.w.inst = f.inst;
    f.w.answers = &f.answers;
    /* An adult is asked only the age questions; one yes opens the rest. */
    size_t adult = wizard_progress_all(&f.w).total;
    CU_ASSERT_TRUE(adult > 0 && adult < f.inst->n_indicators);
    answer(&f, "ch.age.says", ANSWER_YES);
    CU_ASSERT_EQUAL(wizard_progress_all(&f.w).total, f.inst->n_indicators);
    size_t walked = 0;
    for (size_t pos = wizard_first(&f.w); pos != wizard_end(&f.w); pos = wizard_next(&f.w, pos))
        walked++;
    CU_ASSERT_EQUAL(walked, f.inst->n_indicators);
    fixture_close(&f);
}

/* ---------------------------------------------------------------- bar */

static int columns_of(const char *s, int *full)
{
    int cols = 0;
    *full = 0;
    for (const char *p = s; *p; p += 3, cols++) {
        if (!strncmp(p, "\xE2\x96\x88", 3))
            (*full)++;
        else if (strncmp(p, "\xE2\x96\x91", 3))
            return -1;
    }
    return cols;
}

static void test_progress_bar(void)
{
    static const struct { size_t done, total; int width, full; } rows[] = {
        { 0, 10, 10, 0 },
        { 5, 10, 10, 5 },
        { 10, 10, 10, 10 },
        { 9, 10, 5, 4 },
        { 99, 100, 10, 9 },         /* never full while a question is open */
        { 1, 100, 10, 1 },          /* never empty once one is answered */
        { 0, 0, 8, 0 },             /* nothing to ask */
        { 12, 10, 10, 10 },         /* more than the total reads as all */
        { 1, 2, 1, 0 },             /* one column: full only when done */
        { 2, 2, 1, 1 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char bar[3 * 40 + 1];
        int full = 0;
        wizard_bar(rows[i].done, rows[i].total, rows[i].width, bar, sizeof bar);
        CU_ASSERT_EQUAL(columns_of(bar, &full), rows[i].width);
        CU_ASSERT_EQUAL(full, rows[i].full);
        if (full != rows[i].full)
            printf("\n  bar row %zu: %d full\n", i, full);
    }
    /* A small buffer is cut at a column, never inside one. */
    char small[8];
    int full = 0;
    wizard_bar(1, 2, 10, small, sizeof small);
    CU_ASSERT_EQUAL(columns_of(small, &full), 2);
}

/* ---------------------------------------------------------------- keys */

static key_action wizard_key(int code, bool function)
{
    ui_key k = { function, code, false };
    return keys_action_any_layout(KEYS_WIZARD, k);
}

static void test_answer_keys_on_both_layouts(void)
{
    /* The US key, its digit, and what the same physical keys give on the
     * Thai Kedmanee layout. */
    static const struct { int code; key_action want; } rows[] = {
        { 'y', ACT_ANSWER_YES }, { '1', ACT_ANSWER_YES },
        { 0x0E31, ACT_ANSWER_YES }, { 0x0E45, ACT_ANSWER_YES },     /* ั ๅ */
        { 'n', ACT_ANSWER_NO }, { '2', ACT_ANSWER_NO },
        { 0x0E37, ACT_ANSWER_NO }, { '/', ACT_ANSWER_NO },          /* ื / */
        { 'u', ACT_ANSWER_UNKNOWN }, { '3', ACT_ANSWER_UNKNOWN },
        { 0x0E35, ACT_ANSWER_UNKNOWN }, { '-', ACT_ANSWER_UNKNOWN }, /* ี - */
        { 'd', ACT_ANSWER_DECLINED }, { '4', ACT_ANSWER_DECLINED },
        { 0x0E01, ACT_ANSWER_DECLINED }, { 0x0E20, ACT_ANSWER_DECLINED }, /* ก ภ */
        { 0x0E51, ACT_ANSWER_YES },                                 /* Thai digit ๑ */
        { 'e', ACT_EVIDENCE }, { 0x0E33, ACT_EVIDENCE },            /* ำ */
        { 's', ACT_SECTIONS }, { 0x0E2B, ACT_SECTIONS },            /* ห */
        { 'q', ACT_SUMMARY }, { 0x0E46, ACT_SUMMARY },              /* ๆ */
        { '\t', ACT_NOTE }, { '\r', ACT_NEXT_QUESTION }, { 27, ACT_BACK },
        { 'x', ACT_NONE }, { 0x0E1F, ACT_NONE },                    /* ฟ (a): nothing */
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        key_action got = wizard_key(rows[i].code, false);
        CU_ASSERT_EQUAL(got, rows[i].want);
        if (got != rows[i].want)
            printf("\n  key U+%04X: action %d, wanted %d\n", (unsigned)rows[i].code, got,
                   rows[i].want);
    }
    static const struct { int code; key_action want; } fkeys[] = {
        { KEY_F(10), ACT_SUMMARY }, { KEY_RIGHT, ACT_NEXT_QUESTION },
        { KEY_LEFT, ACT_PREV_QUESTION }, { KEY_BACKSPACE, ACT_PREV_QUESTION },
        { KEY_NPAGE, ACT_NEXT_SECTION }, { KEY_PPAGE, ACT_PREV_SECTION },
    };
    for (size_t i = 0; i < COUNT(fkeys); i++)
        CU_ASSERT_EQUAL(wizard_key(fkeys[i].code, true), fkeys[i].want);
}

static void test_note_line_takes_thai_as_text(void)
{
    /* While a note is typed, letters on either layout are text. */
    static const int typed[] = { 'y', 'n', 'q', 's', 0x0E31, 0x0E01, '1', ' ' };
    for (size_t i = 0; i < COUNT(typed); i++) {
        ui_key k = { false, typed[i], false };
        CU_ASSERT_EQUAL(keys_action(KEYS_WIZARD_NOTE, k), ACT_NONE);
    }
    ui_key enter = { false, '\r', false }, esc = { false, 27, false };
    CU_ASSERT_EQUAL(keys_action(KEYS_WIZARD_NOTE, enter), ACT_SAVE);
    CU_ASSERT_EQUAL(keys_action(KEYS_WIZARD_NOTE, esc), ACT_BACK);
}

/* The help page lists a table's labelled keys from row 2 to row 21 of a
 * 24-row terminal: a key past that would be invisible at 80x24. */
static void test_help_fits_80x24(void)
{
    const key_binding *tables[] = { KEYS_WIZARD, KEYS_WIZARD_NOTE, KEYS_PICK,
                                    KEYS_SCREENING_SUMMARY, KEYS_SCREENING_RECORD };
    for (size_t t = 0; t < COUNT(tables); t++) {
        int labelled = 0;
        for (const key_binding *b = tables[t]; b->action != ACT_NONE; b++) {
            if (b->label && b->help)
                labelled++;
            /* A key in the bottom line has a label to show. */
            if (b->hint)
                CU_ASSERT_PTR_NOT_NULL(b->label);
        }
        CU_ASSERT_TRUE(labelled <= 20);
        if (labelled > 20)
            printf("\n  table %zu: %d keys in its help\n", t, labelled);
    }
}

/* ---------------------------------------------------------------- suites */

static CU_TestInfo move_tests[] = {
    { "an adult skips child-only questions", test_adult_skips_child_only_questions },
    { "a child is asked every question", test_child_is_asked_everything },
    { "a yes to the age question presumes a child", test_age_answer_presumes_a_child },
    { "sections: PgDn, PgUp and jumping", test_sections },
    { "progress and question numbers", test_progress_and_numbers },
    { "an interrupted screening resumes where it stopped", test_resume_where_it_stopped },
    { "the child screening grows with the age answer",
      test_real_child_screening_grows_with_the_age_answer },
    CU_TEST_INFO_NULL
};

static CU_TestInfo bar_tests[] = {
    { "the progress bar", test_progress_bar },
    CU_TEST_INFO_NULL
};

static CU_TestInfo key_tests[] = {
    { "answer keys on the US and the Thai layout", test_answer_keys_on_both_layouts },
    { "the note line takes Thai as text", test_note_line_takes_thai_as_text },
    { "every help page fits 80x24", test_help_fits_80x24 },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "wizard moves", NULL, NULL, NULL, NULL, move_tests },
    { "progress bar", NULL, NULL, NULL, NULL, bar_tests },
    { "wizard keys", NULL, NULL, NULL, NULL, key_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_wizard", suites);
}
