/* test_screening.c - instruments (parser and the shipped data files),
 * scoring a screening, the officer's decision, and the legal clocks.
 *
 * The scoring tests load the real files from data/instruments (found
 * through $top_srcdir, which make check exports), so a change to the data
 * that changes a suggestion shows up here. */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/clocks.h"
#include "core/instrument.h"
#include "core/screening.h"
#include "core/interview.h"
#include "core/identification.h"
#include "core/stage.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- helpers */

static char *read_data_file(const char *name, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/instruments/%s", top && *top ? top : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("\n  cannot open %s (set top_srcdir to the source tree)\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, have = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + have, 1, cap - have, f)) > 0) {
        have += n;
        if (have == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    *len = have;
    return buf;
}

static instrument *load_instrument(const char *file)
{
    size_t len = 0;
    char *text = read_data_file(file, &len);
    if (!text)
        return NULL;
    instrument *inst = NULL;
    instrument_error err;
    if (!instrument_parse(text, len, &inst, &err))
        printf("\n  %s line %d: %s\n", file, err.line, instrument_problem_message(err.problem));
    free(text);
    return inst;
}

static instrument *parse_string(const char *text, instrument_error *err)
{
    instrument *inst = NULL;
    instrument_parse(text, strlen(text), &inst, err);
    return inst;
}

static bool contains_thai(const char *s)
{
    /* Thai block U+0E00-0E7F is E0 B8 80 .. E0 B9 BF in UTF-8. */
    for (const unsigned char *p = (const unsigned char *)s; p[0]; p++)
        if (p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9))
            return true;
    return false;
}

static int64_t at(const char *iso)
{
    int64_t t = 0;
    CU_ASSERT_TRUE_FATAL(timestamp_parse_iso(iso, &t));
    return t;
}

/* ---------------------------------------------------------------- parser */

#define HDR "instrument\tdemo\t1\tDemo\tตัวอย่าง\n"
#define SEC "section\ts1\tFirst\tหมวดแรก\n"
#define IND(code, el, st, fl) \
    "indicator\t" code "\t" el "\t" st "\t" fl "\tIs it so?\tใช่หรือไม่\tLook.\tดูให้ดี\n"

static void test_parse_minimal(void)
{
    instrument_error err;
    instrument *in = parse_string("# comment\n\n" HDR SEC IND("a.one", "act", "strong", "-")
                                  "section\ts2\tSecond\tหมวดที่สอง\n"
                                  IND("a.two", "forced_labour", "weak", "labour,child_only")
                                  "indicator\ta.three\tchild\tmedium\tforced_crime\tQ?\tคำถาม\t\t\n",
                                  &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_EQUAL(err.problem, INSTRUMENT_OK);
    CU_ASSERT_STRING_EQUAL(in->code, "demo");
    CU_ASSERT_EQUAL(in->version, 1);
    CU_ASSERT_STRING_EQUAL(in->title_th, "ตัวอย่าง");
    CU_ASSERT_EQUAL(in->n_sections, 2);
    CU_ASSERT_EQUAL(in->n_indicators, 3);
    CU_ASSERT_EQUAL(in->sections[1].first, 1);
    CU_ASSERT_EQUAL(in->sections[1].count, 2);
    const instrument_indicator *two = &in->indicators[1];
    CU_ASSERT_STRING_EQUAL(two->code, "a.two");
    CU_ASSERT_EQUAL(two->element, ELEMENT_FORCED_LABOUR);
    CU_ASSERT_EQUAL(two->strength, STRENGTH_WEAK);
    CU_ASSERT_EQUAL(two->flags, INDICATOR_LABOUR | INDICATOR_CHILD_ONLY);
    CU_ASSERT_EQUAL(two->section, 1);
    CU_ASSERT_STRING_EQUAL(two->question_th, "ใช่หรือไม่");
    CU_ASSERT_STRING_EQUAL(in->indicators[2].guidance_en, "");
    CU_ASSERT_EQUAL(in->indicators[2].flags, INDICATOR_FORCED_CRIME);
    CU_ASSERT_EQUAL(instrument_find_indicator(in, "a.three"), 2);
    CU_ASSERT_EQUAL(instrument_find_indicator(in, "a.four"), -1);
    CU_ASSERT_EQUAL(instrument_find_section(in, "s2"), 1);
    instrument_free(in);
}

static void test_parse_crlf_and_no_final_newline(void)
{
    const char *text = "instrument\tdemo\t2\tDemo\tตัวอย่าง\r\n"
                       "section\ts1\tFirst\tหมวดแรก\r\n"
                       "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\tG.\tคำแนะนำ";
    instrument *in = parse_string(text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_EQUAL(in->version, 2);
    CU_ASSERT_STRING_EQUAL(in->sections[0].title_th, "หมวดแรก");
    CU_ASSERT_STRING_EQUAL(in->indicators[0].guidance_th, "คำแนะนำ");
    instrument_free(in);
}

static void test_parse_errors(void)
{
    static const struct {
        const char *text;
        instrument_problem problem;
        int line;
    } rows[] = {
        { "", INSTRUMENT_EMPTY, 0 },
        { "# only a comment\n", INSTRUMENT_EMPTY, 0 },
        { HDR, INSTRUMENT_NO_SECTIONS, 0 },
        { HDR SEC, INSTRUMENT_EMPTY_SECTION, 2 },
        { HDR SEC "section\ts2\tB\tข\n" IND("x", "act", "weak", "-"),
          INSTRUMENT_EMPTY_SECTION, 2 },
        { SEC HDR, INSTRUMENT_HEADER_NOT_FIRST, 1 },
        { HDR HDR, INSTRUMENT_HEADER_TWICE, 2 },
        { HDR IND("x", "act", "weak", "-"), INSTRUMENT_NO_SECTION, 2 },
        { HDR "question\tx\n", INSTRUMENT_UNKNOWN_RECORD, 2 },
        { HDR "section\ts1\tFirst\n", INSTRUMENT_FIELD_COUNT, 2 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\tG.\tคำแนะนำ\textra\n",
          INSTRUMENT_FIELD_COUNT, 3 },
        { "instrument\tDemo\t1\tDemo\tตัวอย่าง\n", INSTRUMENT_BAD_CODE, 1 },
        { "instrument\t1demo\t1\tDemo\tตัวอย่าง\n", INSTRUMENT_BAD_CODE, 1 },
        { "instrument\tdemo\t0\tDemo\tตัวอย่าง\n", INSTRUMENT_BAD_VERSION, 1 },
        { "instrument\tdemo\t01\tDemo\tตัวอย่าง\n", INSTRUMENT_BAD_VERSION, 1 },
        { "instrument\tdemo\t1a\tDemo\tตัวอย่าง\n", INSTRUMENT_BAD_VERSION, 1 },
        { "instrument\tdemo\t99999999999\tDemo\tตัวอย่าง\n", INSTRUMENT_BAD_VERSION, 1 },
        { HDR SEC IND("x", "act", "weak", "-") SEC, INSTRUMENT_DUPLICATE_SECTION, 4 },
        { HDR SEC IND("x", "act", "weak", "-") IND("x", "means", "weak", "-"),
          INSTRUMENT_DUPLICATE_INDICATOR, 4 },
        { HDR SEC IND("x", "exploitation", "weak", "-"), INSTRUMENT_UNKNOWN_ELEMENT, 3 },
        { HDR SEC IND("x", "forced-labour", "weak", "-"), INSTRUMENT_UNKNOWN_ELEMENT, 3 },
        { HDR SEC IND("x", "act", "high", "-"), INSTRUMENT_UNKNOWN_STRENGTH, 3 },
        { HDR SEC IND("x", "act", "Strong", "-"), INSTRUMENT_UNKNOWN_STRENGTH, 3 },
        { HDR SEC IND("x", "act", "weak", "adult"), INSTRUMENT_UNKNOWN_FLAG, 3 },
        { HDR SEC IND("x", "act", "weak", ""), INSTRUMENT_UNKNOWN_FLAG, 3 },
        { HDR SEC IND("x", "act", "weak", "labour,labour"), INSTRUMENT_UNKNOWN_FLAG, 3 },
        { HDR SEC IND("x", "act", "weak", "labour,"), INSTRUMENT_UNKNOWN_FLAG, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\t\tคำถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_MISSING_ENGLISH, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\t\tG.\tคำแนะนำ\n",
          INSTRUMENT_MISSING_THAI, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tQ?\tG.\tคำแนะนำ\n",
          INSTRUMENT_MISSING_THAI, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tคำถาม\tQ?\tG.\tคำแนะนำ\n",
          INSTRUMENT_THAI_IN_ENGLISH, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\tG.\t\n",
          INSTRUMENT_HALF_GUIDANCE, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\t\tคำแนะนำ\n",
          INSTRUMENT_HALF_GUIDANCE, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\tG.\tG.\n",
          INSTRUMENT_MISSING_THAI, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\t Q?\tคำถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_SPACES, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำถาม \tG.\tคำแนะนำ\n",
          INSTRUMENT_SPACES, 3 },
        { "instrument\tdemo\t1\tDemo\t\n", INSTRUMENT_MISSING_THAI, 1 },
        { HDR "section\ts1\t\tหมวด\n", INSTRUMENT_MISSING_ENGLISH, 2 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ\x1b[2J?\tคำถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_CONTROL_CHAR, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำ\rถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_CONTROL_CHAR, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ\xe2\x80\xae?\tคำถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_CONTROL_CHAR, 3 },     /* U+202E right-to-left override */
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ\xc2\x9b?\tคำถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_CONTROL_CHAR, 3 },     /* C1 CSI */
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ\xc0\xaf?\tคำถาม\tG.\tคำแนะนำ\n",
          INSTRUMENT_NOT_UTF8, 3 },
        { HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำถาม\xe0\xb8\n",
          INSTRUMENT_NOT_UTF8, 3 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        instrument_error err = { INSTRUMENT_OK, -1 };
        instrument *in = (instrument *)1;
        bool ok = instrument_parse(rows[i].text, strlen(rows[i].text), &in, &err);
        CU_ASSERT_FALSE(ok);
        CU_ASSERT_PTR_NULL(in);
        CU_ASSERT_EQUAL(err.problem, rows[i].problem);
        CU_ASSERT_EQUAL(err.line, rows[i].line);
        CU_ASSERT_TRUE(instrument_problem_message(err.problem)[0] != '\0');
        if (ok || err.problem != rows[i].problem || err.line != rows[i].line)
            printf("\n  parse row %zu: problem %d line %d\n", i, err.problem, err.line);
        if (ok)
            instrument_free(in);
    }
}

static void test_parse_nul_and_limits(void)
{
    static const char with_nul[] = HDR SEC "indicator\tx\tact\tweak\t-\tQ?\tคำ\0ถาม\tG.\tคำแนะนำ\n";
    instrument *in = NULL;
    instrument_error err;
    CU_ASSERT_FALSE(instrument_parse(with_nul, sizeof with_nul - 1, &in, &err));
    CU_ASSERT_EQUAL(err.problem, INSTRUMENT_CONTROL_CHAR);
    CU_ASSERT_EQUAL(err.line, 3);

    /* One indicator more than the limit. */
    size_t cap = 64 * (INSTRUMENT_MAX_INDICATORS + 8);
    char *big = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    size_t n = (size_t)snprintf(big, cap, HDR SEC);
    for (int i = 0; i <= INSTRUMENT_MAX_INDICATORS; i++)
        n += (size_t)snprintf(big + n, cap - n, "indicator\tq%d\tact\tweak\t-\tQ?\tถาม\t\t\n", i);
    CU_ASSERT_FALSE(instrument_parse(big, n, &in, &err));
    CU_ASSERT_EQUAL(err.problem, INSTRUMENT_TOO_MANY);
    CU_ASSERT_EQUAL(err.line, 3 + INSTRUMENT_MAX_INDICATORS);
    free(big);

    /* A code of 40 characters is fine, 41 is not. */
    char line[512];
    snprintf(line, sizeof line, HDR SEC "indicator\t%s\tact\tweak\t-\tQ?\tถาม\t\t\n",
             "a123456789012345678901234567890123456789");
    in = parse_string(line, &err);
    CU_ASSERT_PTR_NOT_NULL(in);
    instrument_free(in);
    snprintf(line, sizeof line, HDR SEC "indicator\t%s\tact\tweak\t-\tQ?\tถาม\t\t\n",
             "a1234567890123456789012345678901234567890");
    CU_ASSERT_PTR_NULL(parse_string(line, &err));
    CU_ASSERT_EQUAL(err.problem, INSTRUMENT_BAD_CODE);
}

static void test_two_versions_keep_their_text(void)
{
    const char *v1 = "instrument\tdemo\t1\tDemo\tตัวอย่าง\n" SEC
                     "indicator\tq.docs\tforced_labour\tstrong\t-\tWho keeps your passport?"
                     "\tใครเป็นผู้เก็บหนังสือเดินทางของท่าน\t\t\n";
    const char *v2 = "instrument\tdemo\t2\tDemo\tตัวอย่าง\n" SEC
                     "indicator\tq.docs\tforced_labour\tmedium\t-\tDoes anyone else keep your "
                     "passport or pink card?\tมีผู้อื่นเก็บหนังสือเดินทางหรือบัตรสีชมพูของท่านไว้ใช่หรือไม่\t\t\n"
                     "indicator\tq.card\tforced_labour\tstrong\t-\tDoes anyone keep your ATM card?"
                     "\tมีผู้อื่นเก็บบัตรเอทีเอ็มของท่านไว้ใช่หรือไม่\t\t\n";
    instrument *one = parse_string(v1, NULL), *two = parse_string(v2, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_PTR_NOT_NULL_FATAL(two);
    CU_ASSERT_STRING_EQUAL(one->code, two->code);
    CU_ASSERT_EQUAL(one->version, 1);
    CU_ASSERT_EQUAL(two->version, 2);
    CU_ASSERT_STRING_EQUAL(one->indicators[0].question_en, "Who keeps your passport?");
    CU_ASSERT_STRING_EQUAL(two->indicators[0].question_en,
                           "Does anyone else keep your passport or pink card?");
    CU_ASSERT_EQUAL(one->indicators[0].strength, STRENGTH_STRONG);
    CU_ASSERT_EQUAL(two->indicators[0].strength, STRENGTH_MEDIUM);

    /* Answers given against version 1 are never scored against version 2. */
    screening_answers a1, a2;
    CU_ASSERT_TRUE_FATAL(screening_answers_init(&a1, one));
    CU_ASSERT_TRUE_FATAL(screening_answers_init(&a2, two));
    CU_ASSERT_TRUE(screening_answers_set(&a1, one, "q.docs", ANSWER_YES, true));
    CU_ASSERT_FALSE(screening_answers_set(&a1, two, "q.docs", ANSWER_YES, true));
    screening_result r;
    CU_ASSERT_FALSE(screening_score(two, &a1, false, &r));
    CU_ASSERT_FALSE(screening_score(one, &a2, false, &r));
    CU_ASSERT_TRUE(screening_score(one, &a1, false, &r));
    CU_ASSERT_EQUAL(r.suggestion, SUGGEST_REASONABLE_GROUNDS);   /* strong in v1 */
    CU_ASSERT_TRUE(screening_answers_set(&a2, two, "q.docs", ANSWER_YES, true));
    CU_ASSERT_TRUE(screening_answers_set(&a2, two, "q.card", ANSWER_NO, false));
    CU_ASSERT_TRUE(screening_score(two, &a2, false, &r));
    CU_ASSERT_EQUAL(r.suggestion, SUGGEST_LABOUR_RIGHTS);        /* medium in v2 */
    screening_answers_free(&a1);
    screening_answers_free(&a2);
    instrument_free(one);
    instrument_free(two);
}

static void test_element_and_strength_codes(void)
{
    static const char *const elements[] = { "act", "means", "purpose", "forced_labour",
                                            "child", "vulnerability" };
    CU_ASSERT_EQUAL(COUNT(elements), ELEMENT_COUNT);
    for (int e = 0; e < ELEMENT_COUNT; e++) {
        indicator_element back;
        CU_ASSERT_STRING_EQUAL(element_code((indicator_element)e), elements[e]);
        CU_ASSERT_TRUE(element_from_code(elements[e], &back));
        CU_ASSERT_EQUAL(back, e);
        CU_ASSERT_TRUE(element_label((indicator_element)e)[0] != '\0');
    }
    for (int s = 0; s < STRENGTH_COUNT; s++) {
        indicator_strength back;
        CU_ASSERT_TRUE(strength_from_code(strength_code((indicator_strength)s), &back));
        CU_ASSERT_EQUAL(back, s);
        CU_ASSERT_TRUE(strength_label((indicator_strength)s)[0] != '\0');
    }
    indicator_element e;
    CU_ASSERT_FALSE(element_from_code("Act", &e));
    CU_ASSERT_FALSE(element_from_code(NULL, &e));
    CU_ASSERT_STRING_EQUAL(element_code(ELEMENT_COUNT), "");
    for (int p = 0; p < INSTRUMENT_PROBLEM_COUNT; p++)
        CU_ASSERT_TRUE(instrument_problem_message((instrument_problem)p)[0] != '\0');
}

/* ---------------------------------------------------------------- the data files */

static const struct shipped {
    const char *file, *code, *prefix;
    size_t sections, indicators;
} shipped[] = {
    { "forced_labour.tsv", "forced_labour", "fl.", 11, 55 },
    { "trafficking_elements.tsv", "trafficking_elements", "te.", 4, 26 },
    { "child.tsv", "child", "ch.", 5, 23 },
    { "border_quick.tsv", "border_quick", "bq.", 5, 22 },
};

static bool mentions(const char *text, const char *needle)
{
    return strstr(text, needle) != NULL;
}

/* Wording the interface must never use about a person: nothing here decides
 * that someone is not a victim, and ผู้เสียหาย is preferred over เหยื่อ. */
static bool forbidden_wording(const char *s)
{
    return mentions(s, "not a victim") || mentions(s, "Not a victim")
           || mentions(s, "ไม่ใช่ผู้เสียหาย") || mentions(s, "เหยื่อ");
}

static void check_indicator_text(const instrument *in, const instrument_indicator *ind)
{
    CU_ASSERT_TRUE(ind->question_en[0] != '\0' && !contains_thai(ind->question_en));
    CU_ASSERT_TRUE(contains_thai(ind->question_th));
    CU_ASSERT_TRUE(ind->guidance_en[0] != '\0' && !contains_thai(ind->guidance_en));
    CU_ASSERT_TRUE(contains_thai(ind->guidance_th));
    const char *texts[] = { ind->question_en, ind->question_th, ind->guidance_en,
                            ind->guidance_th };
    for (size_t t = 0; t < COUNT(texts); t++) {
        CU_ASSERT_FALSE(forbidden_wording(texts[t]));
        if (forbidden_wording(texts[t]))
            printf("\n  %s %s: forbidden wording\n", in->code, ind->code);
    }
}

static void test_shipped_instruments_load(void)
{
    const char *all_codes[512];
    size_t n_codes = 0;
    for (size_t f = 0; f < COUNT(shipped); f++) {
        instrument *in = load_instrument(shipped[f].file);
        CU_ASSERT_PTR_NOT_NULL(in);
        if (!in)
            continue;
        CU_ASSERT_STRING_EQUAL(in->code, shipped[f].code);
        CU_ASSERT_EQUAL(in->version, 1);
        CU_ASSERT_EQUAL(in->n_sections, shipped[f].sections);
        CU_ASSERT_EQUAL(in->n_indicators, shipped[f].indicators);
        CU_ASSERT_TRUE(contains_thai(in->title_th) && !contains_thai(in->title_en));
        for (size_t s = 0; s < in->n_sections; s++) {
            CU_ASSERT_TRUE(contains_thai(in->sections[s].title_th));
            CU_ASSERT_TRUE(in->sections[s].count >= 1);
        }
        for (size_t i = 0; i < in->n_indicators; i++) {
            const instrument_indicator *ind = &in->indicators[i];
            check_indicator_text(in, ind);
            CU_ASSERT_EQUAL(strncmp(ind->code, shipped[f].prefix, 3), 0);
            /* Codes are unique across instruments too, so an answer row
             * names its question without the instrument. */
            for (size_t c = 0; c < n_codes; c++)
                CU_ASSERT_STRING_NOT_EQUAL(all_codes[c], ind->code);
        }
        /* Remember this instrument's codes for the next ones. */
        for (size_t i = 0; i < in->n_indicators && n_codes < COUNT(all_codes); i++)
            all_codes[n_codes++] = strdup(in->indicators[i].code);
        instrument_free(in);
    }
    for (size_t c = 0; c < n_codes; c++)
        free((void *)all_codes[c]);
}

static size_t count_flag(const instrument *in, unsigned flag)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n_indicators; i++)
        n += (in->indicators[i].flags & flag) != 0;
    return n;
}

static size_t count_element(const instrument *in, indicator_element e)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n_indicators; i++)
        n += in->indicators[i].element == e;
    return n;
}

static void test_shipped_instruments_shape(void)
{
    instrument *fl = load_instrument("forced_labour.tsv");
    instrument *te = load_instrument("trafficking_elements.tsv");
    instrument *ch = load_instrument("child.tsv");
    instrument *bq = load_instrument("border_quick.tsv");
    CU_ASSERT_FATAL(fl && te && ch && bq);
    /* ILO 11: one section per indicator, 1 to 7 questions each. */
    static const char *const ilo11[] = { "vulnerability", "deception", "movement", "isolation",
                                         "violence", "threats", "documents", "wages", "debt",
                                         "conditions", "overtime" };
    for (size_t s = 0; s < COUNT(ilo11); s++)
        CU_ASSERT_EQUAL(instrument_find_section(fl, ilo11[s]), (long)s);
    CU_ASSERT_TRUE(count_element(fl, ELEMENT_FORCED_LABOUR) >= 40);
    CU_ASSERT_TRUE(count_flag(fl, INDICATOR_LABOUR) >= 5);
    /* The elements instrument has one section per element. */
    CU_ASSERT_EQUAL(count_element(te, ELEMENT_ACT), te->sections[0].count);
    CU_ASSERT_EQUAL(count_element(te, ELEMENT_MEANS), te->sections[1].count);
    CU_ASSERT_EQUAL(count_element(te, ELEMENT_PURPOSE), te->sections[2].count);
    CU_ASSERT_EQUAL(count_element(te, ELEMENT_FORCED_LABOUR), te->sections[3].count);
    /* Forced criminality is asked where it happens. */
    CU_ASSERT_TRUE(count_flag(te, INDICATOR_FORCED_CRIME) >= 1);
    CU_ASSERT_TRUE(count_flag(ch, INDICATOR_FORCED_CRIME) >= 1);
    CU_ASSERT_TRUE(count_flag(bq, INDICATOR_FORCED_CRIME) >= 3);
    /* Every instrument a child might meet asks the age. */
    CU_ASSERT_TRUE(count_flag(fl, INDICATOR_PRESUMES_CHILD) >= 1);
    CU_ASSERT_TRUE(count_flag(ch, INDICATOR_PRESUMES_CHILD) >= 2);
    CU_ASSERT_TRUE(count_flag(bq, INDICATOR_PRESUMES_CHILD) >= 1);
    CU_ASSERT_TRUE(count_flag(ch, INDICATOR_PROCEDURE) >= 2);
    instrument_free(fl);
    instrument_free(te);
    instrument_free(ch);
    instrument_free(bq);
}

/* ---------------------------------------------------------------- scoring */

typedef struct answer_set {
    const char *code;
    answer_value value;
} answer_set;

typedef struct score_row {
    const char *file;
    const char *what;
    bool child;
    answer_value rest;              /* every applicable question not listed */
    answer_set given[8];
    screening_suggestion expect;
    unsigned reasons;               /* bit per screening_reason expected */
} score_row;

#define R(x) (1u << (x))

/* Answers rows[i]: the listed codes, and `rest` for every other question. */
static bool score_row_run(const instrument *in, const score_row *row, screening_result *r)
{
    screening_answers a;
    CU_ASSERT_TRUE_FATAL(screening_answers_init(&a, in));
    for (size_t i = 0; i < in->n_indicators; i++)
        a.items[i].value = row->rest;
    bool ok = true;
    for (size_t g = 0; g < COUNT(row->given) && row->given[g].code; g++) {
        bool set = screening_answers_set(&a, in, row->given[g].code, row->given[g].value, false);
        CU_ASSERT_TRUE(set);
        if (!set)
            printf("\n  %s: no question %s\n", row->what, row->given[g].code);
        ok = ok && set;
    }
    ok = screening_score(in, &a, row->child, r) && ok;
    screening_answers_free(&a);
    return ok;
}

static unsigned reason_bits(const screening_result *r)
{
    unsigned bits = 0;
    for (size_t i = 0; i < r->n_reasons; i++)
        bits |= R(r->reasons[i]);
    return bits;
}

static void run_score_table(const score_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        instrument *in = load_instrument(rows[i].file);
        CU_ASSERT_PTR_NOT_NULL_FATAL(in);
        screening_result r;
        CU_ASSERT_TRUE(score_row_run(in, &rows[i], &r));
        CU_ASSERT_EQUAL(r.suggestion, rows[i].expect);
        CU_ASSERT_EQUAL(reason_bits(&r), rows[i].reasons);
        if (r.suggestion != rows[i].expect || reason_bits(&r) != rows[i].reasons)
            printf("\n  %s: suggestion %s, reasons %#x\n", rows[i].what,
                   suggestion_code(r.suggestion), reason_bits(&r));
        instrument_free(in);
    }
}

static void test_score_forced_labour(void)
{
    static const score_row rows[] = {
        { "forced_labour.tsv", "every answer no", false, ANSWER_NO, { { NULL, 0 } },
          SUGGEST_NO_INDICATORS, R(REASON_ALL_NO) },
        { "forced_labour.tsv", "employer refuses to return documents", false, ANSWER_NO,
          { { "fl.doc.refused", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "forced_labour.tsv", "debt that cannot be repaid", false, ANSWER_NO,
          { { "fl.debt.cannot_leave", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "forced_labour.tsv", "kept at sea", false, ANSWER_NO,
          { { "fl.mov.at_sea", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "forced_labour.tsv", "two medium: documents held and deductions", false, ANSWER_NO,
          { { "fl.doc.held", ANSWER_YES }, { "fl.wag.deductions", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "forced_labour.tsv", "one medium alone", false, ANSWER_NO,
          { { "fl.doc.held", ANSWER_YES } },
          SUGGEST_LABOUR_RIGHTS, R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "forced_labour.tsv", "only weak labour matters", false, ANSWER_NO,
          { { "fl.wag.below_minimum", ANSWER_YES }, { "fl.hrs.long", ANSWER_YES },
            { "fl.hrs.no_day_off", ANSWER_YES }, { "fl.con.sleep", ANSWER_YES } },
          SUGGEST_LABOUR_RIGHTS, R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "forced_labour.tsv", "vulnerability only is context", false, ANSWER_NO,
          { { "fl.vul.no_permit", ANSWER_YES }, { "fl.vul.language", ANSWER_YES } },
          SUGGEST_NO_INDICATORS, R(REASON_ALL_NO) },
        { "forced_labour.tsv", "a worker who may be under 18", false, ANSWER_NO,
          { { "fl.vul.under18", ANSWER_YES } },
          SUGGEST_NO_INDICATORS, R(REASON_CHILD_PRESUMED) | R(REASON_ALL_NO) },
        { "forced_labour.tsv", "nothing answered", false, ANSWER_NONE, { { NULL, 0 } },
          SUGGEST_INCOMPLETE, R(REASON_SECTIONS_MISSING) },
    };
    run_score_table(rows, COUNT(rows));
}

static void test_score_trafficking_elements(void)
{
    static const score_row rows[] = {
        { "trafficking_elements.tsv", "act, means and purpose", false, ANSWER_NO,
          { { "te.act.recruited", ANSWER_YES }, { "te.means.deceived", ANSWER_YES },
            { "te.pur.prostitution", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_TRAFFICKING) },
        { "trafficking_elements.tsv", "adult: act and purpose, no means", false, ANSWER_NO,
          { { "te.act.recruited", ANSWER_YES }, { "te.pur.begging", ANSWER_YES } },
          SUGGEST_LABOUR_RIGHTS, R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "trafficking_elements.tsv", "child: act and purpose, no means needed", true, ANSWER_NO,
          { { "te.act.recruited", ANSWER_YES }, { "te.pur.begging", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_TRAFFICKING_CHILD) },
        { "trafficking_elements.tsv", "two medium means make the element", false, ANSWER_NO,
          { { "te.act.harboured", ANSWER_YES }, { "te.means.power", ANSWER_YES },
            { "te.means.vulnerability", ANSWER_YES }, { "te.pur.forced_work", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_TRAFFICKING) },
        { "trafficking_elements.tsv", "one medium means is not enough", false, ANSWER_NO,
          { { "te.act.harboured", ANSWER_YES }, { "te.means.power", ANSWER_YES },
            { "te.pur.forced_work", ANSWER_YES } },
          SUGGEST_LABOUR_RIGHTS, R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "trafficking_elements.tsv", "act alone is context", false, ANSWER_NO,
          { { "te.act.recruited", ANSWER_YES }, { "te.act.transported", ANSWER_YES } },
          SUGGEST_NO_INDICATORS, R(REASON_ALL_NO) },
        { "trafficking_elements.tsv", "s.6/1 without act: documents seized", false, ANSWER_NO,
          { { "te.fl.documents", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "trafficking_elements.tsv", "forced criminality", false, ANSWER_NO,
          { { "te.act.recruited", ANSWER_YES }, { "te.means.threatened", ANSWER_YES },
            { "te.pur.crime", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_TRAFFICKING) | R(REASON_FORCED_CRIMINALITY) },
    };
    run_score_table(rows, COUNT(rows));
}

static void test_score_child(void)
{
    static const score_row rows[] = {
        { "child.tsv", "adult by age: child-only questions do not apply", false, ANSWER_NO,
          { { NULL, 0 } }, SUGGEST_NO_INDICATORS, R(REASON_ALL_NO) },
        { "child.tsv", "says under 18 and begs for someone", false, ANSWER_NO,
          { { "ch.age.says", ANSWER_YES }, { "ch.exp.begging", ANSWER_YES },
            { "ch.safe.adult_present", ANSWER_YES }, { "ch.safe.understands", ANSWER_YES },
            { "ch.safe.explained", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_CHILD_PRESUMED) | R(REASON_CHILD_EXPLOITATION) },
        { "child.tsv", "known child brought by a stranger and sexually exploited", true,
          ANSWER_NO,
          { { "ch.act.brought", ANSWER_YES }, { "ch.exp.sex", ANSWER_YES },
            { "ch.safe.adult_present", ANSWER_YES }, { "ch.safe.understands", ANSWER_YES },
            { "ch.safe.explained", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS,
          R(REASON_TRAFFICKING_CHILD) | R(REASON_CHILD_EXPLOITATION) },
        { "child.tsv", "child made to steal: non-punishment", true, ANSWER_NO,
          { { "ch.exp.crime", ANSWER_YES }, { "ch.safe.adult_present", ANSWER_YES },
            { "ch.safe.understands", ANSWER_YES }, { "ch.safe.explained", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS,
          R(REASON_CHILD_EXPLOITATION) | R(REASON_FORCED_CRIMINALITY) },
        { "child.tsv", "child out of school: labour only", true, ANSWER_NO,
          { { "ch.exp.no_school", ANSWER_YES }, { "ch.safe.adult_present", ANSWER_YES },
            { "ch.safe.understands", ANSWER_YES }, { "ch.safe.explained", ANSWER_YES } },
          SUGGEST_LABOUR_RIGHTS, R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "child.tsv", "safeguards not confirmed are reported, never fire", true, ANSWER_NO,
          { { NULL, 0 } }, SUGGEST_NO_INDICATORS,
          R(REASON_ALL_NO) | R(REASON_PROCEDURE_NOT_CONFIRMED) },
        { "child.tsv", "a child: child-only questions unanswered", true, ANSWER_NONE,
          { { "ch.age.says", ANSWER_YES }, { "ch.age.document", ANSWER_NO },
            { "ch.age.doubt", ANSWER_YES } },
          SUGGEST_INCOMPLETE, R(REASON_SECTIONS_MISSING) | R(REASON_PROCEDURE_NOT_CONFIRMED) },
    };
    run_score_table(rows, COUNT(rows));
}

static void test_score_border_quick(void)
{
    static const score_row rows[] = {
        { "border_quick.tsv", "scam centre returnee", false, ANSWER_NO,
          { { "bq.rec.online", ANSWER_YES }, { "bq.rec.job_differs", ANSWER_YES },
            { "bq.work.scam", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_TRAFFICKING) | R(REASON_FORCED_CRIMINALITY) },
        { "border_quick.tsv", "confined in a compound", false, ANSWER_NO,
          { { "bq.free.confined", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "border_quick.tsv", "ransom and passport taken", false, ANSWER_NO,
          { { "bq.free.ransom", ANSWER_YES }, { "bq.free.documents", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) },
        { "border_quick.tsv", "underpaid only", false, ANSWER_NO,
          { { "bq.work.underpaid", ANSWER_YES } },
          SUGGEST_LABOUR_RIGHTS, R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "border_quick.tsv", "crossed with a broker, nothing else", false, ANSWER_NO,
          { { "bq.rec.broker", ANSWER_YES }, { "bq.rec.crossed", ANSWER_YES } },
          SUGGEST_NO_INDICATORS, R(REASON_ALL_NO) },
        { "border_quick.tsv", "minor crossing with a broker to work", false, ANSWER_NO,
          { { "bq.person.under18", ANSWER_YES }, { "bq.rec.broker", ANSWER_YES },
            { "bq.work.forced", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_CHILD_PRESUMED) | R(REASON_TRAFFICKING_CHILD) },
        { "border_quick.tsv", "gambling work with debt and fines", false, ANSWER_NO,
          { { "bq.work.gambling", ANSWER_YES }, { "bq.harm.debt", ANSWER_YES },
            { "bq.harm.fines", ANSWER_YES } },
          SUGGEST_REASONABLE_GROUNDS, R(REASON_FORCED_LABOUR) | R(REASON_FORCED_CRIMINALITY) },
    };
    run_score_table(rows, COUNT(rows));
}

static void test_unknown_and_declined_never_count_as_no(void)
{
    static const score_row rows[] = {
        { "border_quick.tsv", "every answer don't know", false, ANSWER_UNKNOWN,
          { { NULL, 0 } }, SUGGEST_INCOMPLETE, R(REASON_OPEN_ANSWERS) },
        { "border_quick.tsv", "every answer declined", false, ANSWER_DECLINED,
          { { NULL, 0 } }, SUGGEST_INCOMPLETE, R(REASON_OPEN_ANSWERS) },
        { "forced_labour.tsv", "declined the question on documents, rest no", false, ANSWER_NO,
          { { "fl.doc.refused", ANSWER_DECLINED } }, SUGGEST_INCOMPLETE,
          R(REASON_OPEN_ANSWERS) },
        { "forced_labour.tsv", "don't know on a context question only", false, ANSWER_NO,
          { { "fl.vul.language", ANSWER_UNKNOWN } }, SUGGEST_NO_INDICATORS, R(REASON_ALL_NO) },
        { "forced_labour.tsv", "don't know does not hide a sign that fired", false, ANSWER_UNKNOWN,
          { { "fl.wag.below_minimum", ANSWER_YES } }, SUGGEST_LABOUR_RIGHTS,
          R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
        { "forced_labour.tsv", "declined is no substitute for yes", false, ANSWER_DECLINED,
          { { "fl.doc.held", ANSWER_YES } }, SUGGEST_LABOUR_RIGHTS,
          R(REASON_EXPLOITATION_BELOW_THRESHOLD) },
    };
    run_score_table(rows, COUNT(rows));

    /* The open answers are listed, and count as answered for completeness. */
    instrument *in = load_instrument("border_quick.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    screening_result r;
    CU_ASSERT_TRUE(score_row_run(in, &rows[0], &r));
    CU_ASSERT_TRUE(r.complete);
    CU_ASSERT_EQUAL(r.n_missing_sections, 0);
    CU_ASSERT_EQUAL(r.n_open, in->n_indicators);
    CU_ASSERT_EQUAL(r.n_fired, 0);
    CU_ASSERT_FALSE(r.child);
    instrument_free(in);
}

static void test_incomplete_sections(void)
{
    instrument *in = load_instrument("forced_labour.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    long debt = instrument_find_section(in, "debt"), wages = instrument_find_section(in, "wages");
    screening_answers a;
    CU_ASSERT_TRUE_FATAL(screening_answers_init(&a, in));
    for (size_t i = 0; i < in->n_indicators; i++) {
        size_t s = in->indicators[i].section;
        a.items[i].value = (long)s == debt ? ANSWER_NONE : ANSWER_NO;
    }
    /* One question left in the wages section as well. */
    a.items[in->sections[wages].first + 2].value = ANSWER_NONE;
    screening_result r;
    CU_ASSERT_TRUE(screening_score(in, &a, false, &r));
    CU_ASSERT_EQUAL(r.suggestion, SUGGEST_INCOMPLETE);
    CU_ASSERT_FALSE(r.complete);
    CU_ASSERT_EQUAL_FATAL(r.n_missing_sections, 2);
    CU_ASSERT_EQUAL(r.missing_sections[0], wages);  /* in instrument order */
    CU_ASSERT_EQUAL(r.missing_sections[1], debt);

    /* Labour signs wait for the missing sections ... */
    CU_ASSERT_TRUE(screening_answers_set(&a, in, "fl.hrs.long", ANSWER_YES, false));
    CU_ASSERT_TRUE(screening_score(in, &a, false, &r));
    CU_ASSERT_EQUAL(r.suggestion, SUGGEST_INCOMPLETE);
    /* ... but reasonable grounds never do, and still say what is missing. */
    CU_ASSERT_TRUE(screening_answers_set(&a, in, "fl.mov.locked", ANSWER_YES, true));
    CU_ASSERT_TRUE(screening_score(in, &a, false, &r));
    CU_ASSERT_EQUAL(r.suggestion, SUGGEST_REASONABLE_GROUNDS);
    CU_ASSERT_EQUAL(r.n_missing_sections, 2);
    CU_ASSERT_EQUAL(reason_bits(&r), R(REASON_FORCED_LABOUR) | R(REASON_SECTIONS_MISSING));
    screening_answers_free(&a);
    instrument_free(in);
}

static void test_fired_grouped_by_element(void)
{
    instrument *in = load_instrument("border_quick.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    static const score_row row = {
        "border_quick.tsv", "many", false, ANSWER_NO,
        { { "bq.harm.violence", ANSWER_YES }, { "bq.work.scam", ANSWER_YES },
          { "bq.rec.online", ANSWER_YES }, { "bq.free.confined", ANSWER_YES },
          { "bq.harm.threats", ANSWER_YES }, { "bq.work.underpaid", ANSWER_YES },
          { "bq.person.under18", ANSWER_NO } },
        SUGGEST_REASONABLE_GROUNDS, 0
    };
    screening_result r;
    CU_ASSERT_TRUE(score_row_run(in, &row, &r));
    CU_ASSERT_EQUAL(r.n_fired, 6);
    static const struct { indicator_element e; const char *codes[3]; } want[] = {
        { ELEMENT_ACT, { "bq.rec.online" } },
        { ELEMENT_MEANS, { "bq.harm.threats", "bq.harm.violence" } },
        { ELEMENT_PURPOSE, { "bq.work.scam" } },
        { ELEMENT_FORCED_LABOUR, { "bq.free.confined", "bq.work.underpaid" } },
        { ELEMENT_CHILD, { NULL } },
        { ELEMENT_VULNERABILITY, { NULL } },
    };
    size_t next = 0;
    for (size_t w = 0; w < COUNT(want); w++) {
        indicator_element e = want[w].e;
        CU_ASSERT_EQUAL(r.fired_first[e], next);
        size_t k = 0;
        for (; k < 3 && want[w].codes[k]; k++)
            CU_ASSERT_STRING_EQUAL(in->indicators[r.fired[next + k]].code, want[w].codes[k]);
        CU_ASSERT_EQUAL(r.fired_count[e], k);
        next += k;
    }
    CU_ASSERT_EQUAL(r.elements[ELEMENT_MEANS].strong, 2);
    CU_ASSERT_EQUAL(r.elements[ELEMENT_FORCED_LABOUR].strong, 1);
    CU_ASSERT_EQUAL(r.elements[ELEMENT_FORCED_LABOUR].weak, 1);
    CU_ASSERT_TRUE(r.elements[ELEMENT_ACT].indicated);
    CU_ASSERT_FALSE(r.elements[ELEMENT_CHILD].indicated);
    CU_ASSERT_TRUE(r.non_punishment_note);
    CU_ASSERT_EQUAL(reason_bits(&r), R(REASON_TRAFFICKING) | R(REASON_FORCED_LABOUR)
                                     | R(REASON_FORCED_CRIMINALITY));
    instrument_free(in);
}

static void test_answers_and_notes(void)
{
    instrument *in = load_instrument("forced_labour.tsv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    screening_answers a;
    CU_ASSERT_TRUE_FATAL(screening_answers_init(&a, in));
    CU_ASSERT_STRING_EQUAL(a.instrument_code, "forced_labour");
    CU_ASSERT_EQUAL(a.instrument_version, 1);
    CU_ASSERT_EQUAL(a.count, in->n_indicators);
    long i = instrument_find_indicator(in, "fl.doc.held");
    CU_ASSERT_TRUE(screening_answers_set(&a, in, "fl.doc.held", ANSWER_YES, true));
    CU_ASSERT_EQUAL(a.items[i].value, ANSWER_YES);
    CU_ASSERT_TRUE(a.items[i].evidence_seen);
    CU_ASSERT_FALSE(screening_answers_set(&a, in, "fl.nope", ANSWER_YES, false));
    CU_ASSERT_FALSE(screening_answers_set(&a, in, "fl.doc.held", ANSWER_COUNT, false));

    static const struct { const char *note; answer_note_problem want; } notes[] = {
        { "นายจ้างเก็บหนังสือเดินทางไว้ในตู้เซฟ\nเห็นด้วยตาตนเอง", NOTE_OK },
        { "Passport in the supervisor's safe", NOTE_OK },
        { "", NOTE_OK },
        { NULL, NOTE_OK },
        { "bad \x1b[31m escape", NOTE_BAD_TEXT },
        { "bad \xff byte", NOTE_BAD_TEXT },
    };
    for (size_t n = 0; n < COUNT(notes); n++)
        CU_ASSERT_EQUAL(screening_answers_note(&a, in, "fl.doc.held", notes[n].note), notes[n].want);
    CU_ASSERT_EQUAL(screening_answers_note(&a, in, "fl.nope", "x"), NOTE_UNKNOWN_CODE);
    CU_ASSERT_EQUAL(screening_answers_note(&a, in, "fl.doc.held", "kept"), NOTE_OK);
    CU_ASSERT_STRING_EQUAL(a.items[i].note, "kept");
    char *long_note = malloc(SCREENING_NOTE_MAX + 2);
    memset(long_note, 'x', SCREENING_NOTE_MAX + 1);
    long_note[SCREENING_NOTE_MAX + 1] = '\0';
    CU_ASSERT_EQUAL(screening_answers_note(&a, in, "fl.doc.held", long_note), NOTE_TOO_LONG);
    CU_ASSERT_STRING_EQUAL(a.items[i].note, "kept");            /* unchanged */
    long_note[SCREENING_NOTE_MAX] = '\0';
    CU_ASSERT_EQUAL(screening_answers_note(&a, in, "fl.doc.held", long_note), NOTE_OK);
    free(long_note);

    /* Answer codes round-trip; "" is unanswered. */
    for (int v = 0; v < ANSWER_COUNT; v++) {
        answer_value back;
        CU_ASSERT_TRUE(answer_from_code(answer_code((answer_value)v), &back));
        CU_ASSERT_EQUAL(back, v);
        CU_ASSERT_TRUE(answer_label((answer_value)v)[0] != '\0');
    }
    for (int p = 0; p < NOTE_PROBLEM_COUNT; p++)
        CU_ASSERT_TRUE(answer_note_problem_message((answer_note_problem)p)[0] != '\0');
    screening_answers_free(&a);
    instrument_free(in);
}

/* ---------------------------------------------------------------- decisions */

static void test_decision_check(void)
{
    static const struct {
        screening_suggestion s;
        screening_decision d;
        const char *reason;
        decision_problem want;
    } rows[] = {
        { SUGGEST_REASONABLE_GROUNDS, DECISION_REFER_MDT, NULL, DECISION_OK },
        { SUGGEST_LABOUR_RIGHTS, DECISION_REFER_LABOUR, "", DECISION_OK },
        { SUGGEST_NO_INDICATORS, DECISION_NO_REFERRAL, NULL, DECISION_OK },
        { SUGGEST_INCOMPLETE, DECISION_CONTINUE_LATER, NULL, DECISION_OK },
        { SUGGEST_REASONABLE_GROUNDS, DECISION_NO_REFERRAL, NULL, DECISION_REASON_REQUIRED },
        { SUGGEST_REASONABLE_GROUNDS, DECISION_NO_REFERRAL, "", DECISION_REASON_REQUIRED },
        { SUGGEST_REASONABLE_GROUNDS, DECISION_NO_REFERRAL, " \t\n ", DECISION_REASON_REQUIRED },
        { SUGGEST_REASONABLE_GROUNDS, DECISION_NO_REFERRAL,
          "บุคคลนี้ได้รับการคัดแยกโดยทีมสหวิชาชีพแล้วเมื่อสัปดาห์ก่อน", DECISION_OK },
        { SUGGEST_INCOMPLETE, DECISION_REFER_MDT, NULL, DECISION_REASON_REQUIRED },
        { SUGGEST_INCOMPLETE, DECISION_REFER_MDT,
          "Visible injuries; she asked for help before the interview.", DECISION_OK },
        { SUGGEST_NO_INDICATORS, DECISION_REFER_LABOUR, NULL, DECISION_REASON_REQUIRED },
        { SUGGEST_LABOUR_RIGHTS, DECISION_REFER_MDT, "Line one\nline two", DECISION_OK },
        { SUGGEST_LABOUR_RIGHTS, DECISION_REFER_MDT, "bad\x1b[2J", DECISION_REASON_BAD_TEXT },
        /* A reason given with an agreeing decision must still be clean. */
        { SUGGEST_LABOUR_RIGHTS, DECISION_REFER_LABOUR, "bad\xc0\xaf", DECISION_REASON_BAD_TEXT },
        { SUGGEST_COUNT, DECISION_REFER_MDT, NULL, DECISION_UNKNOWN },
        { SUGGEST_REASONABLE_GROUNDS, DECISION_COUNT, "x", DECISION_UNKNOWN },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        decision_problem got = screening_decision_check(rows[i].s, rows[i].d, rows[i].reason);
        CU_ASSERT_EQUAL(got, rows[i].want);
        if (got != rows[i].want)
            printf("\n  decision row %zu: %d\n", i, got);
    }
    char *too_long = malloc(SCREENING_REASON_MAX + 2);
    memset(too_long, 'r', SCREENING_REASON_MAX + 1);
    too_long[SCREENING_REASON_MAX + 1] = '\0';
    CU_ASSERT_EQUAL(screening_decision_check(SUGGEST_REASONABLE_GROUNDS, DECISION_NO_REFERRAL,
                                             too_long), DECISION_REASON_TOO_LONG);
    free(too_long);
    for (int p = 0; p < DECISION_PROBLEM_COUNT; p++)
        CU_ASSERT_TRUE(decision_problem_message((decision_problem)p)[0] != '\0');
}

static void test_labels_never_say_not_a_victim(void)
{
    for (int s = 0; s < SUGGEST_COUNT; s++) {
        screening_suggestion back;
        const char *label = suggestion_label((screening_suggestion)s);
        CU_ASSERT_TRUE(label[0] != '\0');
        CU_ASSERT_FALSE(forbidden_wording(label));
        CU_ASSERT_FALSE(mentions(label, "victim"));
        CU_ASSERT_TRUE(suggestion_from_code(suggestion_code((screening_suggestion)s), &back));
        CU_ASSERT_EQUAL(back, s);
        /* Following the suggestion never needs a reason. */
        CU_ASSERT_EQUAL(screening_decision_check((screening_suggestion)s,
                                                 decision_for_suggestion((screening_suggestion)s),
                                                 NULL), DECISION_OK);
    }
    for (int d = 0; d < DECISION_COUNT; d++) {
        screening_decision back;
        const char *label = decision_label((screening_decision)d);
        CU_ASSERT_TRUE(label[0] != '\0');
        CU_ASSERT_FALSE(mentions(label, "victim"));
        CU_ASSERT_TRUE(decision_from_code(decision_code((screening_decision)d), &back));
        CU_ASSERT_EQUAL(back, d);
    }
    for (int r = 0; r < REASON_COUNT; r++) {
        CU_ASSERT_TRUE(screening_reason_label((screening_reason)r)[0] != '\0');
        CU_ASSERT_FALSE(forbidden_wording(screening_reason_label((screening_reason)r)));
    }
    CU_ASSERT_TRUE(mentions(screening_non_punishment_note(), "offender"));
    CU_ASSERT_STRING_EQUAL(suggestion_label(SUGGEST_NO_INDICATORS),
                           "No indicators found in this screening");
}

/* ---------------------------------------------------------------- clocks */

static void test_clock_settings(void)
{
    clock_settings s;
    clock_settings_defaults(&s);
    CU_ASSERT_EQUAL(s.identification_hours, 24);
    CU_ASSERT_EQUAL(s.court_max_hours, 168);
    CU_ASSERT_EQUAL(s.shelter_days, 15);
    CU_ASSERT_EQUAL(s.reflection_days, 45);
    CU_ASSERT_EQUAL(s.due_soon_hours, 24);
    CU_ASSERT_EQUAL(clock_settings_check(&s), CLOCK_OK);

    static const struct { int id, court, shelter, reflection, soon; clock_problem want; } rows[] = {
        { 24, 168, 15, 45, 24, CLOCK_OK },
        { 48, 48, 30, 60, 12, CLOCK_OK },
        { 0, 168, 15, 45, 24, CLOCK_SETTING_OUT_OF_RANGE },
        { -24, 168, 15, 45, 24, CLOCK_SETTING_OUT_OF_RANGE },
        { 24, 168, 0, 45, 24, CLOCK_SETTING_OUT_OF_RANGE },
        { 24, 168, 15, -1, 24, CLOCK_SETTING_OUT_OF_RANGE },
        { 24, 168, 15, 367, 24, CLOCK_SETTING_OUT_OF_RANGE },
        { 24, 168, 15, 45, 0, CLOCK_SETTING_OUT_OF_RANGE },
        { 24, 12, 15, 45, 24, CLOCK_COURT_MAX_TOO_SHORT },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        clock_settings t = { rows[i].id, rows[i].court, rows[i].shelter, rows[i].reflection,
                             rows[i].soon };
        CU_ASSERT_EQUAL(clock_settings_check(&t), rows[i].want);
    }
    for (int k = 0; k < CLOCK_KIND_COUNT; k++) {
        clock_kind back;
        CU_ASSERT_TRUE(clock_kind_from_code(clock_kind_code((clock_kind)k), &back));
        CU_ASSERT_EQUAL(back, k);
        CU_ASSERT_TRUE(clock_kind_label((clock_kind)k)[0] != '\0');
    }
    for (int p = 0; p < CLOCK_PROBLEM_COUNT; p++)
        CU_ASSERT_TRUE(clock_problem_message((clock_problem)p)[0] != '\0');
    for (int st = 0; st < DEADLINE_STATE_COUNT; st++)
        CU_ASSERT_TRUE(deadline_state_label((deadline_state)st)[0] != '\0');
}

static void test_clock_deadlines(void)
{
    clock_settings s;
    clock_settings_defaults(&s);
    static const struct { const char *met, *ident, *shelter, *reflection; } rows[] = {
        /* 22:30 Bangkok time on 31 Jan: across midnight into February. */
        { "2026-01-31T15:30:00Z", "2026-02-01T15:30:00Z", "2026-02-15T15:30:00Z",
          "2026-03-17T15:30:00Z" },
        /* Leap year: February has 29 days. */
        { "2028-02-20T02:00:00Z", "2028-02-21T02:00:00Z", "2028-03-06T02:00:00Z",
          "2028-04-05T02:00:00Z" },
        /* Year end. */
        { "2026-12-20T23:59:59Z", "2026-12-21T23:59:59Z", "2027-01-04T23:59:59Z",
          "2027-02-03T23:59:59Z" },
        /* Met at the last second of a month (UTC midnight is 07:00 in Thailand). */
        { "2026-04-30T23:59:59Z", "2026-05-01T23:59:59Z", "2026-05-15T23:59:59Z",
          "2026-06-14T23:59:59Z" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        case_clocks c;
        case_clocks_start(&c, at(rows[i].met));
        CU_ASSERT_FALSE(c.extended);
        CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_IDENTIFICATION), at(rows[i].ident));
        CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_SHELTER), at(rows[i].shelter));
        CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_REFLECTION), at(rows[i].reflection));
    }
    /* The lengths are settings. */
    clock_settings longer = s;
    longer.identification_hours = 48;
    longer.shelter_days = 30;
    case_clocks c;
    case_clocks_start(&c, at("2026-01-31T15:30:00Z"));
    CU_ASSERT_EQUAL(case_clock_due(&c, &longer, CLOCK_IDENTIFICATION), at("2026-02-02T15:30:00Z"));
    CU_ASSERT_EQUAL(case_clock_due(&c, &longer, CLOCK_SHELTER), at("2026-03-02T15:30:00Z"));
}

static void test_clock_court_extension(void)
{
    clock_settings s;
    clock_settings_defaults(&s);
    int64_t met = at("2026-02-27T10:00:00Z");
    static const struct { const char *until, *ref; clock_problem want; } rows[] = {
        { "2026-03-01T10:00:00Z", NULL, CLOCK_COURT_REF_MISSING },
        { "2026-03-01T10:00:00Z", "  ", CLOCK_COURT_REF_MISSING },
        { "2026-03-01T10:00:00Z", "คำร้อง\x1b[2J", CLOCK_COURT_REF_BAD_TEXT },
        { "2026-03-01T10:00:00Z", "line\nbreak", CLOCK_COURT_REF_BAD_TEXT },
        { "2026-02-28T10:00:00Z", "คำสั่งศาลจังหวัดตาก ที่ 12/2569", CLOCK_EXTENSION_NOT_LATER },
        { "2026-02-28T09:00:00Z", "คำสั่งศาลจังหวัดตาก ที่ 12/2569", CLOCK_EXTENSION_NOT_LATER },
        { "2026-03-06T10:00:01Z", "คำสั่งศาลจังหวัดตาก ที่ 12/2569", CLOCK_EXTENSION_TOO_LONG },
        /* Exactly 7 days after the person was met, across the end of February. */
        { "2026-03-06T10:00:00Z", "คำสั่งศาลจังหวัดตาก ที่ 12/2569", CLOCK_OK },
        { "2026-03-02T10:00:00Z", "Tak Provincial Court order 12/2569", CLOCK_OK },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        case_clocks c;
        case_clocks_start(&c, met);
        clock_problem got = case_clocks_extend(&c, &s, at(rows[i].until), rows[i].ref);
        CU_ASSERT_EQUAL(got, rows[i].want);
        if (got != rows[i].want)
            printf("\n  extension row %zu: %d\n", i, got);
        if (got == CLOCK_OK) {
            CU_ASSERT_TRUE(c.extended);
            CU_ASSERT_STRING_EQUAL(c.court_ref, rows[i].ref);
            CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_IDENTIFICATION), at(rows[i].until));
        } else {
            CU_ASSERT_FALSE(c.extended);
            CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_IDENTIFICATION), at("2026-02-28T10:00:00Z"));
        }
        /* The other clocks never move with an extension. */
        CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_SHELTER), at("2026-03-14T10:00:00Z"));
    }
    /* A reference of exactly COURT_REF_MAX bytes fits; one more does not. */
    char ref[COURT_REF_MAX + 2];
    memset(ref, 'x', COURT_REF_MAX + 1);
    ref[COURT_REF_MAX + 1] = '\0';
    case_clocks c;
    case_clocks_start(&c, met);
    CU_ASSERT_EQUAL(case_clocks_extend(&c, &s, met + 48 * 3600, ref), CLOCK_COURT_REF_TOO_LONG);
    ref[COURT_REF_MAX] = '\0';
    CU_ASSERT_EQUAL(case_clocks_extend(&c, &s, met + 48 * 3600, ref), CLOCK_OK);
    /* A second order replaces the first. */
    CU_ASSERT_EQUAL(case_clocks_extend(&c, &s, met + 96 * 3600, "second order"), CLOCK_OK);
    CU_ASSERT_EQUAL(case_clock_due(&c, &s, CLOCK_IDENTIFICATION), met + 96 * 3600);
    CU_ASSERT_STRING_EQUAL(c.court_ref, "second order");
}

static void test_clock_states(void)
{
    clock_settings s;
    clock_settings_defaults(&s);
    int64_t due = at("2026-03-01T00:00:00Z");
    static const struct { const char *now; deadline_state want; int64_t left; } rows[] = {
        { "2026-02-27T23:59:59Z", DEADLINE_RUNNING, 86401 },
        { "2026-02-28T00:00:00Z", DEADLINE_DUE_SOON, 86400 },   /* exactly a day left */
        { "2026-02-28T18:00:00Z", DEADLINE_DUE_SOON, 21600 },
        { "2026-02-28T23:59:59Z", DEADLINE_DUE_SOON, 1 },
        { "2026-03-01T00:00:00Z", DEADLINE_PASSED, 0 },
        { "2026-03-05T00:00:00Z", DEADLINE_PASSED, -4 * 86400 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        int64_t now = at(rows[i].now);
        CU_ASSERT_EQUAL(deadline_state_at(due, now, &s), rows[i].want);
        CU_ASSERT_EQUAL(deadline_remaining(due, now), rows[i].left);
        CU_ASSERT_EQUAL(deadline_runs_out_within(due, now, 86400),
                        rows[i].want == DEADLINE_DUE_SOON);
    }
    /* A shorter warning is a setting too. */
    s.due_soon_hours = 6;
    CU_ASSERT_EQUAL(deadline_state_at(due, at("2026-02-28T12:00:00Z"), &s), DEADLINE_RUNNING);
    CU_ASSERT_EQUAL(deadline_state_at(due, at("2026-02-28T18:00:00Z"), &s), DEADLINE_DUE_SOON);
}

static void test_clock_due_soon_view(void)
{
    clock_settings s;
    clock_settings_defaults(&s);
    int64_t now = at("2026-05-10T12:00:00Z");
    case_clocks cases[3];
    case_clocks_start(&cases[0], at("2026-05-09T18:00:00Z"));  /* identification in 6 h */
    case_clocks_start(&cases[1], at("2026-05-09T06:00:00Z"));  /* identification passed */
    case_clocks_start(&cases[2], at("2026-04-25T20:00:00Z"));  /* shelter ends in 8 h */
    CU_ASSERT_EQUAL(case_clocks_extend(&cases[1], &s, at("2026-05-12T06:00:00Z"), "court 7/2569"),
                    CLOCK_OK);
    /* Case 2 was identified in time: its first clock leaves the view. */
    case_clocks_stop(&cases[2], CLOCK_IDENTIFICATION, at("2026-04-26T09:00:00Z"));
    case_clocks_stop(&cases[2], CLOCK_IDENTIFICATION, at("2026-05-01T09:00:00Z"));
    CU_ASSERT_EQUAL(cases[2].stopped_at[CLOCK_IDENTIFICATION], at("2026-04-26T09:00:00Z"));
    CU_ASSERT_TRUE(case_clock_stopped_in_time(&cases[2], &s, CLOCK_IDENTIFICATION));
    CU_ASSERT_FALSE(case_clock_stopped_in_time(&cases[2], &s, CLOCK_SHELTER));
    deadline_entry all[3 * CLOCK_KIND_COUNT];
    size_t n = 0;
    for (size_t i = 0; i < COUNT(cases); i++)
        n += case_clocks_entries(&cases[i], &s, i, all + n);
    CU_ASSERT_EQUAL(n, 8);
    size_t soon = deadlines_due_soon(all, n, now, &s);
    CU_ASSERT_EQUAL_FATAL(soon, 2);
    /* Earliest first: case 0's identification (18:00 on the 10th), then case
     * 2's shelter (20:00); case 1 was extended by the court and is not due. */
    CU_ASSERT_EQUAL(all[0].owner, 0);
    CU_ASSERT_EQUAL(all[0].kind, CLOCK_IDENTIFICATION);
    CU_ASSERT_EQUAL(all[1].owner, 2);
    CU_ASSERT_EQUAL(all[1].kind, CLOCK_SHELTER);
    for (size_t i = 1; i < n; i++)
        CU_ASSERT_TRUE(deadline_entry_compare(&all[i - 1], &all[i]) <= 0);

    /* Ties sort by kind, then owner, so the list never jitters. */
    deadline_entry tie[] = { { 100, CLOCK_REFLECTION, 1 }, { 100, CLOCK_SHELTER, 2 },
                             { 100, CLOCK_SHELTER, 0 }, { 50, CLOCK_REFLECTION, 9 } };
    CU_ASSERT_EQUAL(deadlines_due_soon(tie, COUNT(tie), 60, &s), 4);   /* 50 passed, rest soon */
    CU_ASSERT_EQUAL(tie[0].owner, 9);
    CU_ASSERT_EQUAL(tie[1].owner, 0);
    CU_ASSERT_EQUAL(tie[2].owner, 2);
    CU_ASSERT_EQUAL(tie[3].owner, 1);
    CU_ASSERT_EQUAL(deadlines_due_soon(tie, 0, 60, &s), 0);
}

/* ---------------------------------------------------------------- interview */

#define IV_NOW "2026-11-30T23:30:00Z"

/* A complete record of an interview held an hour before IV_NOW. */
static tc_interview good_interview(void)
{
    tc_interview iv;
    interview_init(&iv);
    iv.held_at = at("2026-11-30T22:30:00Z");
    snprintf(iv.place, sizeof iv.place, "ท่าเรือประมง มหาชัย");
    snprintf(iv.interviewers, sizeof iv.interviewers, "Somchai K., นิภา ส.");
    snprintf(iv.language, sizeof iv.language, "my");
    iv.consent_given = true;
    return iv;
}

static void iv_no_time(tc_interview *iv) { iv->held_at = 0; }
static void iv_in_a_minute(tc_interview *iv) { iv->held_at = at(IV_NOW) + 60; }
static void iv_in_61_seconds(tc_interview *iv) { iv->held_at = at(IV_NOW) + 61; }
static void iv_next_month(tc_interview *iv) { iv->held_at = at("2026-12-01T00:00:00Z"); }
static void iv_no_place(tc_interview *iv) { iv->place[0] = '\0'; }
static void iv_blank_place(tc_interview *iv) { snprintf(iv->place, sizeof iv->place, "   "); }
static void iv_escape_in_place(tc_interview *iv) { snprintf(iv->place, sizeof iv->place, "pier\x1b[2J"); }
static void iv_bidi_in_place(tc_interview *iv) { snprintf(iv->place, sizeof iv->place, "pier\u202e"); }
static void iv_long_place(tc_interview *iv)
{
    memset(iv->place, 'x', INTERVIEW_PLACE_MAX);
    iv->place[INTERVIEW_PLACE_MAX] = 'y';   /* no NUL inside the buffer */
}
static void iv_no_interviewer(tc_interview *iv) { iv->interviewers[0] = '\0'; }
static void iv_no_language(tc_interview *iv) { iv->language[0] = '\0'; }
static void iv_upper_language(tc_interview *iv) { snprintf(iv->language, sizeof iv->language, "MY"); }
static void iv_spaced_languages(tc_interview *iv) { snprintf(iv->language, sizeof iv->language, "km, th"); }
static void iv_trailing_comma(tc_interview *iv) { snprintf(iv->language, sizeof iv->language, "my,"); }
static void iv_language_name(tc_interview *iv) { snprintf(iv->language, sizeof iv->language, "burmese"); }
static void iv_two_languages(tc_interview *iv) { snprintf(iv->language, sizeof iv->language, "km,th"); }
static void iv_interpreter_unnamed(tc_interview *iv)
{
    iv->interpreter_used = true;
    snprintf(iv->interpreter_language, sizeof iv->interpreter_language, "my");
}
static void iv_interpreter_no_language(tc_interview *iv)
{
    iv->interpreter_used = true;
    snprintf(iv->interpreter_name, sizeof iv->interpreter_name, "Ma Thida");
}
static void iv_interpreter_bad_language(tc_interview *iv)
{
    iv_interpreter_no_language(iv);
    snprintf(iv->interpreter_language, sizeof iv->interpreter_language, "Myanmar");
}
static void iv_interpreter_complete(tc_interview *iv)
{
    iv_interpreter_no_language(iv);
    snprintf(iv->interpreter_agency, sizeof iv->interpreter_agency, "มูลนิธิเพื่อสิทธิแรงงาน");
    snprintf(iv->interpreter_language, sizeof iv->interpreter_language, "my,th");
}
static void iv_unused_interpreter_escape(tc_interview *iv)
{
    snprintf(iv->interpreter_agency, sizeof iv->interpreter_agency, "x\x07y");
}
static void iv_no_consent(tc_interview *iv) { iv->consent_given = false; }
static void iv_earlier_minus(tc_interview *iv) { iv->earlier_interviews = -1; }
static void iv_earlier_99(tc_interview *iv) { iv->earlier_interviews = 99; }
static void iv_earlier_100(tc_interview *iv) { iv->earlier_interviews = 100; }
static void iv_guardian_yes(tc_interview *iv) { iv->guardian_present = PRESENCE_YES; }
static void iv_guardian_no(tc_interview *iv) { iv->guardian_present = PRESENCE_NO; }
static void iv_guardian_garbage(tc_interview *iv) { iv->guardian_present = (interview_presence)7; }
static void iv_place_and_consent(tc_interview *iv)
{
    iv->place[0] = '\0';
    iv->consent_given = false;
}

static void test_interview_validate(void)
{
    static const struct {
        const char *what;
        void (*change)(tc_interview *);
        bool child;
        interview_problem want;
        const char *field;
    } cases[] = {
        { "complete", NULL, false, INTERVIEW_OK, NULL },
        { "no time", iv_no_time, false, INTERVIEW_TIME_MISSING, "held_at" },
        { "a minute ahead is now", iv_in_a_minute, false, INTERVIEW_OK, NULL },
        { "61 s ahead", iv_in_61_seconds, false, INTERVIEW_TIME_FUTURE, "held_at" },
        { "next month, after midnight", iv_next_month, false, INTERVIEW_TIME_FUTURE, "held_at" },
        { "no place", iv_no_place, false, INTERVIEW_PLACE_MISSING, "place" },
        { "blank place", iv_blank_place, false, INTERVIEW_PLACE_MISSING, "place" },
        { "escape in place", iv_escape_in_place, false, INTERVIEW_BAD_TEXT, "place" },
        { "bidi in place", iv_bidi_in_place, false, INTERVIEW_BAD_TEXT, "place" },
        { "place without NUL", iv_long_place, false, INTERVIEW_BAD_TEXT, "place" },
        { "no interviewer", iv_no_interviewer, false, INTERVIEW_INTERVIEWER_MISSING, "interviewers" },
        { "no language", iv_no_language, false, INTERVIEW_LANGUAGE_BAD, "language" },
        { "upper-case code", iv_upper_language, false, INTERVIEW_LANGUAGE_BAD, "language" },
        { "space after comma", iv_spaced_languages, false, INTERVIEW_LANGUAGE_BAD, "language" },
        { "trailing comma", iv_trailing_comma, false, INTERVIEW_LANGUAGE_BAD, "language" },
        { "a name, not a code", iv_language_name, false, INTERVIEW_LANGUAGE_BAD, "language" },
        { "two codes", iv_two_languages, false, INTERVIEW_OK, NULL },
        { "interpreter without name", iv_interpreter_unnamed, false,
          INTERVIEW_INTERPRETER_MISSING, "interpreter" },
        { "interpreter without language", iv_interpreter_no_language, false,
          INTERVIEW_INTERPRETER_MISSING, "interpreter" },
        { "interpreter language not a code", iv_interpreter_bad_language, false,
          INTERVIEW_LANGUAGE_BAD, "interpreter" },
        { "interpreter complete", iv_interpreter_complete, false, INTERVIEW_OK, NULL },
        { "unused interpreter fields still clean", iv_unused_interpreter_escape, false,
          INTERVIEW_BAD_TEXT, "interpreter" },
        { "no consent", iv_no_consent, false, INTERVIEW_NO_CONSENT, "consent" },
        { "earlier -1", iv_earlier_minus, false, INTERVIEW_EARLIER_OUT_OF_RANGE, "earlier" },
        { "earlier 99", iv_earlier_99, false, INTERVIEW_OK, NULL },
        { "earlier 100", iv_earlier_100, false, INTERVIEW_EARLIER_OUT_OF_RANGE, "earlier" },
        { "adult, guardian not recorded", NULL, false, INTERVIEW_OK, NULL },
        { "child, guardian not recorded", NULL, true, INTERVIEW_CHILD_ALONE, "guardian" },
        { "child, guardian absent", iv_guardian_no, true, INTERVIEW_CHILD_ALONE, "guardian" },
        { "child, guardian present", iv_guardian_yes, true, INTERVIEW_OK, NULL },
        { "guardian value out of range", iv_guardian_garbage, false, INTERVIEW_BAD_TEXT, "guardian" },
        { "first problem in field order", iv_place_and_consent, false,
          INTERVIEW_PLACE_MISSING, "place" },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        tc_interview iv = good_interview();
        if (cases[i].change)
            cases[i].change(&iv);
        interview_check r = interview_validate(&iv, cases[i].child, at(IV_NOW));
        CU_ASSERT_EQUAL(r.problem, cases[i].want);
        if (r.problem != cases[i].want)
            printf("\n  %s: got %d, want %d\n", cases[i].what, r.problem, cases[i].want);
        if (cases[i].field) {
            CU_ASSERT_TRUE(r.field && strcmp(r.field, cases[i].field) == 0);
        } else {
            CU_ASSERT_PTR_NULL(r.field);
        }
    }
}

static void test_interview_init_and_messages(void)
{
    tc_interview iv;
    memset(&iv, 0x5a, sizeof iv);
    interview_init(&iv);
    CU_ASSERT_EQUAL(iv.held_at, 0);
    CU_ASSERT_STRING_EQUAL(iv.place, "");
    CU_ASSERT_FALSE(iv.interpreter_used);
    CU_ASSERT_FALSE(iv.consent_given);
    CU_ASSERT_EQUAL(iv.earlier_interviews, 0);
    CU_ASSERT_EQUAL(iv.guardian_present, PRESENCE_NOT_RECORDED);
    /* An empty record stops at its first field. */
    CU_ASSERT_EQUAL(interview_validate(&iv, false, at(IV_NOW)).problem, INTERVIEW_TIME_MISSING);
    for (int p = 0; p < INTERVIEW_PROBLEM_COUNT; p++)
        CU_ASSERT_TRUE(interview_problem_text((interview_problem)p)[0] != '\0');
    CU_ASSERT_STRING_EQUAL(interview_problem_text(INTERVIEW_PROBLEM_COUNT), "");
}

/* ---------------------------------------------------------------- identification */

/* The team's decision, made today (2026-11-30 in Thailand). */
static tc_identification good_identification(void)
{
    tc_identification d;
    identification_init(&d);
    d.outcome = IDENT_VICTIM_FORCED_LABOUR;
    d.body = IDENT_BODY_GOVERNMENT;
    snprintf(d.body_name, sizeof d.body_name, "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดสมุทรสาคร");
    d.decided_known = true;
    d.decided_on = (caldate){ 2026, 11, 30 };
    snprintf(d.reasons, sizeof d.reasons, "Passport kept by the boat owner.\nWages withheld.");
    return d;
}

static void id_bad_outcome(tc_identification *d) { d->outcome = (ident_outcome)9; }
static void id_bad_body(tc_identification *d) { d->body = (ident_body)-1; }
static void id_body_escape(tc_identification *d) { snprintf(d->body_name, sizeof d->body_name, "a\x1b]0;x\x07"); }
static void id_body_newline(tc_identification *d) { snprintf(d->body_name, sizeof d->body_name, "a\nb"); }
static void id_body_long(tc_identification *d)
{
    memset(d->body_name, 'x', IDENT_BODY_NAME_MAX);
    d->body_name[IDENT_BODY_NAME_MAX] = 'y';
}
static void id_no_date(tc_identification *d) { d->decided_known = false; }
static void id_impossible_date(tc_identification *d) { d->decided_on = (caldate){ 2026, 2, 29 }; }
static void id_tomorrow(tc_identification *d) { d->decided_on = (caldate){ 2026, 12, 1 }; }
static void id_leap_day(tc_identification *d) { d->decided_on = (caldate){ 2024, 2, 29 }; }
static void id_no_reasons(tc_identification *d) { d->reasons[0] = '\0'; }
static void id_blank_reasons(tc_identification *d) { snprintf(d->reasons, sizeof d->reasons, " \n\t "); }
static void id_reasons_escape(tc_identification *d) { snprintf(d->reasons, sizeof d->reasons, "ok\x1b[31m"); }
static void id_reasons_long(tc_identification *d)
{
    memset(d->reasons, 'r', IDENT_REASONS_MAX);
    d->reasons[IDENT_REASONS_MAX] = 'z';
}
static void id_not_identified_smuggling(tc_identification *d)
{
    d->outcome = IDENT_NOT_IDENTIFIED;
    d->other = IDENT_OTHER_SMUGGLING;
}
static void id_not_identified_alone(tc_identification *d) { d->outcome = IDENT_NOT_IDENTIFIED; }
static void id_victim_and_entry(tc_identification *d) { d->other = IDENT_OTHER_ILLEGAL_ENTRY; }
static void id_pending_plain(tc_identification *d)
{
    identification_init(d);
}
static void id_pending_with_other(tc_identification *d)
{
    identification_init(d);
    d->other = IDENT_OTHER_LABOUR_VIOLATION;
}
static void id_pending_future_date(tc_identification *d)
{
    identification_init(d);
    d->decided_known = true;
    d->decided_on = (caldate){ 2027, 1, 1 };
}
static void id_bad_other(tc_identification *d)
{
    d->outcome = IDENT_NOT_IDENTIFIED;
    d->other = (ident_other_matter)42;
}
static void id_date_and_reasons(tc_identification *d)
{
    d->decided_known = false;
    d->reasons[0] = '\0';
}

static void test_identification_validate(void)
{
    static const struct {
        const char *what;
        void (*change)(tc_identification *);
        ident_problem want;
        const char *field;
    } cases[] = {
        { "complete", NULL, IDENT_OK, NULL },
        { "outcome out of range", id_bad_outcome, IDENT_UNKNOWN_CODE, "outcome" },
        { "body out of range", id_bad_body, IDENT_UNKNOWN_CODE, "body" },
        { "escape in body name", id_body_escape, IDENT_BAD_TEXT, "body_name" },
        { "newline in body name", id_body_newline, IDENT_BAD_TEXT, "body_name" },
        { "body name without NUL", id_body_long, IDENT_TOO_LONG, "body_name" },
        { "decision without date", id_no_date, IDENT_DATE_MISSING, "decided_on" },
        { "29 February 2026", id_impossible_date, IDENT_DATE_BAD, "decided_on" },
        { "tomorrow, over the month end", id_tomorrow, IDENT_DATE_FUTURE, "decided_on" },
        { "29 February 2024", id_leap_day, IDENT_OK, NULL },
        { "no reasons", id_no_reasons, IDENT_REASONS_MISSING, "reasons" },
        { "blank reasons", id_blank_reasons, IDENT_REASONS_MISSING, "reasons" },
        { "escape in reasons", id_reasons_escape, IDENT_BAD_TEXT, "reasons" },
        { "reasons without NUL", id_reasons_long, IDENT_TOO_LONG, "reasons" },
        { "not identified, smuggling", id_not_identified_smuggling, IDENT_OK, NULL },
        { "not identified, no other matter", id_not_identified_alone, IDENT_OK, NULL },
        { "victim with another matter", id_victim_and_entry, IDENT_OTHER_NOT_ALLOWED, "other" },
        { "pending: no date, no reasons", id_pending_plain, IDENT_OK, NULL },
        { "pending with another matter", id_pending_with_other, IDENT_OTHER_NOT_ALLOWED, "other" },
        { "pending with a future date", id_pending_future_date, IDENT_DATE_FUTURE, "decided_on" },
        { "other matter out of range", id_bad_other, IDENT_UNKNOWN_CODE, "other" },
        { "first problem in field order", id_date_and_reasons, IDENT_DATE_MISSING, "decided_on" },
    };
    caldate today = { 2026, 11, 30 };
    for (size_t i = 0; i < COUNT(cases); i++) {
        tc_identification d = good_identification();
        if (cases[i].change)
            cases[i].change(&d);
        ident_check r = identification_validate(&d, today);
        CU_ASSERT_EQUAL(r.problem, cases[i].want);
        if (r.problem != cases[i].want)
            printf("\n  %s: got %d, want %d\n", cases[i].what, r.problem, cases[i].want);
        if (cases[i].field) {
            CU_ASSERT_TRUE(r.field && strcmp(r.field, cases[i].field) == 0);
        } else {
            CU_ASSERT_PTR_NULL(r.field);
        }
    }
}

static void test_identification_codes_and_labels(void)
{
    static const char *const outcome_codes[] = { "pending", "victim_trafficking",
                                                 "victim_forced_labour", "not_identified" };
    static const char *const other_codes[] = { "none", "labour_violation", "smuggling",
                                               "illegal_entry", "other" };
    static const char *const body_codes[] = { "police", "court_prosecution", "government", "ngo" };
    for (int o = 0; o < IDENT_OUTCOME_COUNT; o++) {
        ident_outcome back;
        const char *label = ident_outcome_label((ident_outcome)o);
        CU_ASSERT_STRING_EQUAL(ident_outcome_code((ident_outcome)o), outcome_codes[o]);
        CU_ASSERT_TRUE(ident_outcome_from_code(outcome_codes[o], &back) && back == (ident_outcome)o);
        CU_ASSERT_TRUE(label[0] != '\0');
        CU_ASSERT_FALSE(forbidden_wording(label));
        CU_ASSERT_FALSE(mentions(label, "ot a victim"));
    }
    for (int m = 0; m < IDENT_OTHER_COUNT; m++) {
        ident_other_matter back;
        CU_ASSERT_STRING_EQUAL(ident_other_code((ident_other_matter)m), other_codes[m]);
        CU_ASSERT_TRUE(ident_other_from_code(other_codes[m], &back) && back == (ident_other_matter)m);
        CU_ASSERT_TRUE(ident_other_label((ident_other_matter)m)[0] != '\0');
    }
    for (int b = 0; b < IDENT_BODY_COUNT; b++) {
        ident_body back;
        CU_ASSERT_STRING_EQUAL(ident_body_code((ident_body)b), body_codes[b]);
        CU_ASSERT_TRUE(ident_body_from_code(body_codes[b], &back) && back == (ident_body)b);
        CU_ASSERT_TRUE(ident_body_label((ident_body)b)[0] != '\0');
    }
    ident_outcome o = IDENT_PENDING;
    CU_ASSERT_FALSE(ident_outcome_from_code("victim", &o));
    CU_ASSERT_FALSE(ident_outcome_from_code(NULL, &o));
    CU_ASSERT_EQUAL(o, IDENT_PENDING);
    CU_ASSERT_STRING_EQUAL(ident_outcome_code(IDENT_OUTCOME_COUNT), "");
    for (int p = 0; p < IDENT_PROBLEM_COUNT; p++) {
        CU_ASSERT_TRUE(ident_problem_text((ident_problem)p)[0] != '\0');
        CU_ASSERT_FALSE(forbidden_wording(ident_problem_text((ident_problem)p)));
    }
    tc_identification d;
    memset(&d, 0x5a, sizeof d);
    identification_init(&d);
    CU_ASSERT_EQUAL(d.outcome, IDENT_PENDING);
    CU_ASSERT_EQUAL(d.other, IDENT_OTHER_NONE);
    CU_ASSERT_EQUAL(d.body, IDENT_BODY_POLICE);
    CU_ASSERT_FALSE(d.decided_known);
    CU_ASSERT_STRING_EQUAL(d.id, "");
    CU_ASSERT_STRING_EQUAL(d.reasons, "");
}

static void test_identification_stage(void)
{
    CU_ASSERT_EQUAL(ident_stage_value(IDENT_PENDING), STAGE_ID_PENDING);
    CU_ASSERT_EQUAL(ident_stage_value(IDENT_VICTIM_TRAFFICKING), STAGE_ID_VICTIM);
    CU_ASSERT_EQUAL(ident_stage_value(IDENT_VICTIM_FORCED_LABOUR), STAGE_ID_VICTIM);
    CU_ASSERT_EQUAL(ident_stage_value(IDENT_NOT_IDENTIFIED), STAGE_ID_NOT_VICTIM);
    /* Immigration status is no part of it: a smuggled person not identified
     * is at the same stage as one with no other matter. */
    CU_ASSERT_EQUAL(ident_stage_value(IDENT_NOT_IDENTIFIED), STAGE_ID_NOT_VICTIM);
}

/* ---------------------------------------------------------------- suites */

static CU_TestInfo parser_tests[] = {
    { "a minimal instrument: sections, flags, lookups", test_parse_minimal },
    { "CRLF lines and no final newline", test_parse_crlf_and_no_final_newline },
    { "errors name the line and the problem", test_parse_errors },
    { "NUL bytes, too many indicators, code length", test_parse_nul_and_limits },
    { "two versions keep their own text and answers", test_two_versions_keep_their_text },
    { "element and strength codes", test_element_and_strength_codes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo data_tests[] = {
    { "the four shipped instruments load, in both languages", test_shipped_instruments_load },
    { "their sections, elements and flags", test_shipped_instruments_shape },
    CU_TEST_INFO_NULL
};

static CU_TestInfo scoring_tests[] = {
    { "forced labour (ILO 11)", test_score_forced_labour },
    { "trafficking elements and the child rule", test_score_trafficking_elements },
    { "child screening", test_score_child },
    { "border quick screen", test_score_border_quick },
    { "don't know and declined never count as no", test_unknown_and_declined_never_count_as_no },
    { "incomplete sections", test_incomplete_sections },
    { "fired indicators grouped by element", test_fired_grouped_by_element },
    { "answers, evidence and notes", test_answers_and_notes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo decision_tests[] = {
    { "a differing decision needs a written reason", test_decision_check },
    { "labels never say not a victim", test_labels_never_say_not_a_victim },
    CU_TEST_INFO_NULL
};

static CU_TestInfo clock_tests[] = {
    { "settings: defaults and limits", test_clock_settings },
    { "deadlines across midnight, month and year ends", test_clock_deadlines },
    { "court extension up to 7 days, with a reference", test_clock_court_extension },
    { "running, due soon, time is up", test_clock_states },
    { "due-soon view ordering", test_clock_due_soon_view },
    CU_TEST_INFO_NULL
};

static CU_TestInfo interview_tests[] = {
    { "the record: missing, bad, future, child alone", test_interview_validate },
    { "empty record and messages", test_interview_init_and_messages },
    CU_TEST_INFO_NULL
};

static CU_TestInfo identification_tests[] = {
    { "dates, reasons, other matter, bad text", test_identification_validate },
    { "codes and labels; never not a victim", test_identification_codes_and_labels },
    { "the stage a decision leads to", test_identification_stage },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "instrument parser", NULL, NULL, NULL, NULL, parser_tests },
    { "shipped instruments", NULL, NULL, NULL, NULL, data_tests },
    { "scoring", NULL, NULL, NULL, NULL, scoring_tests },
    { "decisions", NULL, NULL, NULL, NULL, decision_tests },
    { "clocks", NULL, NULL, NULL, NULL, clock_tests },
    { "interview record", NULL, NULL, NULL, NULL, interview_tests },
    { "identification decision", NULL, NULL, NULL, NULL, identification_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_screening", suites);
}
