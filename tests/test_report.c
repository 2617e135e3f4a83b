/* test_report.c - reporting periods (Thai digits, B.E. names, fiscal-year
 * boundaries), the report's arithmetic on a fixed hand-made data set,
 * small-cell suppression, framework tags, and CSV field quoting.
 *
 * The data set is small enough to count by hand; each expected figure
 * says which people make it up. */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/caserec.h"
#include "core/csv.h"
#include "core/needs.h"
#include "core/referral.h"
#include "core/report.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool same_day(caldate a, caldate b)
{
    return caldate_compare(a, b) == 0;
}

/* ================================================================ periods */

static void test_period_parse(void)
{
    static const struct {
        const char *text;
        period_problem want;
        report_period_kind kind;
        const char *from, *to;
    } rows[] = {
        { "fy2569", PERIOD_OK, PERIOD_FISCAL_YEAR, "2025-10-01", "2026-09-30" },
        { "FY2026", PERIOD_OK, PERIOD_FISCAL_YEAR, "2025-10-01", "2026-09-30" },
        { "fy\xE0\xB9\x92\xE0\xB9\x95\xE0\xB9\x96\xE0\xB9\x99", PERIOD_OK,     /* fy๒๕๖๙ */
          PERIOD_FISCAL_YEAR, "2025-10-01", "2026-09-30" },
        { "  fy2568\t\n", PERIOD_OK, PERIOD_FISCAL_YEAR, "2024-10-01", "2025-09-30" },
        { "2569", PERIOD_OK, PERIOD_CALENDAR_YEAR, "2026-01-01", "2026-12-31" },
        { "2026", PERIOD_OK, PERIOD_CALENDAR_YEAR, "2026-01-01", "2026-12-31" },
        { "2569-10", PERIOD_OK, PERIOD_MONTH, "2026-10-01", "2026-10-31" },
        { "2026-02", PERIOD_OK, PERIOD_MONTH, "2026-02-01", "2026-02-28" },
        /* ๒๕๖๗-๐๒: B.E. 2567 is 2024, a leap year */
        { "\xE0\xB9\x92\xE0\xB9\x95\xE0\xB9\x96\xE0\xB9\x97-\xE0\xB9\x90\xE0\xB9\x92", PERIOD_OK,
          PERIOD_MONTH, "2024-02-01", "2024-02-29" },
        { "2026-9", PERIOD_OK, PERIOD_MONTH, "2026-09-01", "2026-09-30" },
        { "2026h1", PERIOD_OK, PERIOD_ASEAN_HALF, "2026-01-01", "2026-06-30" },
        { "2569H2", PERIOD_OK, PERIOD_ASEAN_HALF, "2026-07-01", "2026-12-31" },
        { "2026-01-01..2026-03-31", PERIOD_OK, PERIOD_RANGE, "2026-01-01", "2026-03-31" },
        { "2567-02-29..2567-03-01", PERIOD_OK, PERIOD_RANGE, "2024-02-29", "2024-03-01" },
        { "2026-05-05 .. 2026-05-05", PERIOD_OK, PERIOD_RANGE, "2026-05-05", "2026-05-05" },
        { "2569-01-01..2026-01-31", PERIOD_OK, PERIOD_RANGE, "2026-01-01", "2026-01-31" },
        { "2000-01-01..2019-12-31", PERIOD_OK, PERIOD_RANGE, "2000-01-01", "2019-12-31" },
        /* refused */
        { "", PERIOD_SYNTAX, 0, NULL, NULL },
        { "   ", PERIOD_SYNTAX, 0, NULL, NULL },
        { "fy", PERIOD_SYNTAX, 0, NULL, NULL },
        { "fy69", PERIOD_SYNTAX, 0, NULL, NULL },
        { "fy 2569", PERIOD_SYNTAX, 0, NULL, NULL },
        { "fy2569x", PERIOD_SYNTAX, 0, NULL, NULL },
        { "25690", PERIOD_SYNTAX, 0, NULL, NULL },
        { "2026-01-15", PERIOD_SYNTAX, 0, NULL, NULL },
        { "2026-01-01..", PERIOD_SYNTAX, 0, NULL, NULL },
        { "last month", PERIOD_SYNTAX, 0, NULL, NULL },
        { "\xE0\xB8\x9B\xE0\xB8\xB5 2569", PERIOD_SYNTAX, 0, NULL, NULL },  /* "ปี 2569" */
        { "2026-13", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "2026-00", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "2026h3", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "2026h0", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "2026-02-30..2026-03-01", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "2026-01-01..2026-04-31", PERIOD_BAD_DATE, 0, NULL, NULL },
        /* B.E. 2569 is 2026: no 29 February */
        { "2569-02-29..2569-03-01", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "1500", PERIOD_BAD_DATE, 0, NULL, NULL },
        { "2026-03-31..2026-01-01", PERIOD_REVERSED, 0, NULL, NULL },
        { "2569-10-01..2569-09-30", PERIOD_REVERSED, 0, NULL, NULL },
        { "2000-01-01..2020-01-01", PERIOD_TOO_LONG, 0, NULL, NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        report_period p = { PERIOD_KIND_COUNT, { 0, 0, 0 }, { 0, 0, 0 } };
        period_problem got = report_period_parse(rows[i].text, &p);
        CHECK_ROW(got == rows[i].want, rows[i].text);
        if (rows[i].want != PERIOD_OK || got != PERIOD_OK)
            continue;
        CHECK_ROW(p.kind == rows[i].kind, rows[i].text);
        CHECK_ROW(same_day(p.from, harness_day(rows[i].from)), rows[i].text);
        CHECK_ROW(same_day(p.to, harness_day(rows[i].to)), rows[i].text);
    }
    report_period p;
    CU_ASSERT_EQUAL(report_period_parse(NULL, &p), PERIOD_SYNTAX);
}

static void test_fiscal_year_boundaries(void)
{
    static const struct { const char *day; int fy; } rows[] = {
        { "2025-09-30", 2568 }, { "2025-10-01", 2569 }, { "2026-01-01", 2569 },
        { "2026-09-30", 2569 }, { "2026-10-01", 2570 }, { "2024-02-29", 2567 },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(fiscal_year_be(harness_day(rows[i].day)) == rows[i].fy, rows[i].day);
    report_period p = report_period_fiscal_year(2569);
    CU_ASSERT_EQUAL(p.kind, PERIOD_FISCAL_YEAR);
    CU_ASSERT_TRUE(same_day(p.from, harness_day("2025-10-01")));
    CU_ASSERT_TRUE(same_day(p.to, harness_day("2026-09-30")));
    p = report_period_month(2028, 2);
    CU_ASSERT_TRUE(same_day(p.to, harness_day("2028-02-29")));
    p = report_period_asean_half(2026, 2);
    CU_ASSERT_TRUE(same_day(p.from, harness_day("2026-07-01")));
    CU_ASSERT_TRUE(same_day(p.to, harness_day("2026-12-31")));
}

static void test_period_code_round_trip(void)
{
    static const struct { const char *text, *code; } rows[] = {
        { "fy2026", "fy2569" },
        { "fy2569", "fy2569" },
        { "2569", "2026" },
        { "2569-10", "2026-10" },
        { "2026-1", "2026-01" },
        { "2569h2", "2026h2" },
        { "2567-02-29..2567-03-01", "2024-02-29..2024-03-01" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        report_period p, back;
        char code[40];
        CHECK_ROW(report_period_parse(rows[i].text, &p) == PERIOD_OK, rows[i].text);
        report_period_code(p, code, sizeof code);
        CHECK_ROW(strcmp(code, rows[i].code) == 0, rows[i].text);
        CHECK_ROW(report_period_parse(code, &back) == PERIOD_OK, rows[i].text);
        CHECK_ROW(back.kind == p.kind && same_day(back.from, p.from) && same_day(back.to, p.to),
                  rows[i].text);
    }
}

static void test_period_step(void)
{
    static const struct { const char *from; int direction; const char *want; } rows[] = {
        { "fy2569", -1, "fy2568" },
        { "fy2569", 1, "fy2570" },
        { "2026-01", -1, "2025-12" },
        { "2026-12", 1, "2027-01" },
        { "2026-03", -14, "2025-01" },
        { "2026", -1, "2025" },
        { "2026h1", -1, "2025h2" },
        { "2026h2", 1, "2027h1" },
        { "2026h1", 1, "2026h2" },
        { "2026-01-01..2026-01-10", 1, "2026-01-11..2026-01-20" },
        { "2026-03-01..2026-03-31", -1, "2026-01-29..2026-02-28" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        report_period p;
        char code[40];
        CHECK_ROW(report_period_parse(rows[i].from, &p) == PERIOD_OK, rows[i].from);
        report_period q = report_period_step(p, rows[i].direction);
        CHECK_ROW(q.kind == p.kind, rows[i].from);
        report_period_code(q, code, sizeof code);
        CHECK_ROW(strcmp(code, rows[i].want) == 0, rows[i].from);
    }
}

static void test_period_texts(void)
{
    for (int p = 0; p < PERIOD_PROBLEM_COUNT; p++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(period_problem_text((period_problem)p));
        CU_ASSERT_NOT_EQUAL(period_problem_text((period_problem)p)[0], '\0');
        for (int q = 0; q < p; q++)
            CU_ASSERT_STRING_NOT_EQUAL(period_problem_text((period_problem)p),
                                       period_problem_text((period_problem)q));
    }
    CU_ASSERT_NOT_EQUAL(period_problem_text(PERIOD_PROBLEM_COUNT)[0], '\0');
}

/* ================================================= codes, labels and tags */

static void test_dim_codes(void)
{
    static const char *const codes[DIM_COUNT] = {
        "total", "sex", "age", "nationality", "exploitation", "sector", "entry_point",
        "province", "officer",
    };
    for (int d = 0; d < DIM_COUNT; d++) {
        report_dim back = DIM_COUNT;
        CHECK_ROW(strcmp(report_dim_code((report_dim)d), codes[d]) == 0, codes[d]);
        CHECK_ROW(report_dim_from_code(codes[d], &back) && back == (report_dim)d, codes[d]);
        CHECK_ROW(report_dim_label((report_dim)d)[0] != '\0', codes[d]);
    }
    report_dim back = DIM_SEX;
    CU_ASSERT_FALSE(report_dim_from_code("gender", &back));
    CU_ASSERT_FALSE(report_dim_from_code(NULL, &back));
    CU_ASSERT_EQUAL(back, DIM_SEX);
}

static void test_age_bands(void)
{
    static const struct { int age; age_band band; bool child; const char *code; } rows[] = {
        { -1, AGE_UNKNOWN, false, "unknown" }, { 0, AGE_0_11, true, "0-11" },
        { 11, AGE_0_11, true, "0-11" }, { 12, AGE_12_14, true, "12-14" },
        { 14, AGE_12_14, true, "12-14" }, { 15, AGE_15_17, true, "15-17" },
        { 17, AGE_15_17, true, "15-17" }, { 18, AGE_18_24, false, "18-24" },
        { 24, AGE_18_24, false, "18-24" }, { 25, AGE_25_34, false, "25-34" },
        { 34, AGE_25_34, false, "25-34" }, { 35, AGE_35_49, false, "35-49" },
        { 49, AGE_35_49, false, "35-49" }, { 50, AGE_50_PLUS, false, "50+" },
        { 97, AGE_50_PLUS, false, "50+" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        age_band b = age_band_of(rows[i].age);
        CHECK_ROW(b == rows[i].band, rows[i].code);
        CHECK_ROW(age_band_is_child(b) == rows[i].child, rows[i].code);
        CHECK_ROW(strcmp(age_band_code(b), rows[i].code) == 0, rows[i].code);
    }
    CU_ASSERT_STRING_EQUAL(age_band_label(AGE_0_11), "Child 0-11");
    CU_ASSERT_STRING_EQUAL(age_band_label(AGE_18_24), "Adult 18-24");
    CU_ASSERT_STRING_EQUAL(age_band_label(AGE_UNKNOWN), "Age unknown");
}

static void test_measure_codes(void)
{
    static const char *const codes[MEASURE_COUNT] = {
        "screened", "reasonable_grounds", "identified", "referred", "needs_provided",
        "needs_unavailable", "repatriated", "reintegration", "followups_done",
        "followups_overdue",
    };
    for (int m = 0; m < MEASURE_COUNT; m++) {
        CHECK_ROW(strcmp(report_measure_code((report_measure)m), codes[m]) == 0, codes[m]);
        CHECK_ROW(report_measure_label((report_measure)m)[0] != '\0', codes[m]);
    }
    CU_ASSERT_STRING_EQUAL(report_measure_code(MEASURE_COUNT), "");
}

static void test_framework_tags(void)
{
    static const char *const prefix[FRAMEWORK_COUNT] = { "", "5p_", "mol_" };
    static const char *const asean[] = { "prevention", "protection", "prosecution",
                                         "cooperation" };
    for (int f = 0; f < FRAMEWORK_COUNT; f++) {
        CU_ASSERT_NOT_EQUAL(report_framework_label((report_framework)f)[0], '\0');
        for (int m = 0; m < MEASURE_COUNT; m++) {
            const char *code = report_measure_tag_code((report_measure)m, (report_framework)f);
            const char *tag = report_measure_tag((report_measure)m, (report_framework)f);
            CHECK_ROW(tag[0] != '\0', report_measure_code((report_measure)m));
            CHECK_ROW(strncmp(code, prefix[f], strlen(prefix[f])) == 0, code);
            if (f == FRAMEWORK_ASEAN) {
                bool pillar = false;
                for (size_t i = 0; i < COUNT(asean); i++)
                    pillar = pillar || strcmp(code, asean[i]) == 0;
                CHECK_ROW(pillar, code);
            }
        }
    }
    /* Screening workers at risk is prevention (SPA IV Op 2.3.3; MOL
     * strategy 4); identifying and helping victims is protection (MOL 2). */
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_SCREENED, FRAMEWORK_ASEAN), "prevention");
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_SCREENED, FRAMEWORK_5P), "5p_prevention");
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_SCREENED, FRAMEWORK_MOL), "mol_4");
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_IDENTIFIED, FRAMEWORK_ASEAN), "protection");
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_REFERRED, FRAMEWORK_5P), "5p_protection");
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_REPATRIATED, FRAMEWORK_MOL), "mol_2");
    CU_ASSERT_STRING_EQUAL(report_measure_tag(MEASURE_IDENTIFIED, FRAMEWORK_ASEAN), "Protection");
    CU_ASSERT_STRING_EQUAL(report_measure_tag_code(MEASURE_COUNT, FRAMEWORK_MOL), "");
    CU_ASSERT_STRING_EQUAL(report_measure_tag(MEASURE_SCREENED, FRAMEWORK_COUNT), "");
}

/* ============================================================ the data set */

#define OFFICER_A "0b7c2d4e-5f60-4a71-8b92-a3b4c5d6e7f8"
#define OFFICER_B "1c8d3e5f-6071-4b82-9ca3-b4c5d6e7f809"

enum { P0, P1, P2, P3, P4, P5, N_PEOPLE };

static report_person_dims person(int sex, int age, const char *nat, const char *expl1,
                                 const char *expl2, const char *sector, const char *entry,
                                 const char *province, const char *officer)
{
    report_person_dims d;
    memset(&d, 0, sizeof d);
    d.sex = sex;
    d.age = age;
    snprintf(d.nationality, sizeof d.nationality, "%s", nat);
    if (expl1)
        snprintf(d.exploitation[d.n_exploitation++], TC_CODE_MAX + 1, "%s", expl1);
    if (expl2)
        snprintf(d.exploitation[d.n_exploitation++], TC_CODE_MAX + 1, "%s", expl2);
    snprintf(d.sector, sizeof d.sector, "%s", sector);
    snprintf(d.entry_point, sizeof d.entry_point, "%s", entry);
    snprintf(d.province, sizeof d.province, "%s", province);
    snprintf(d.officer, sizeof d.officer, "%s", officer);
    return d;
}

static report_event event(uint32_t who, report_event_kind kind, int sub, int state,
                          const char *on, const char *until, int days)
{
    report_event e;
    memset(&e, 0, sizeof e);
    e.person = who;
    e.kind = (uint8_t)kind;
    e.sub = (uint8_t)sub;
    e.state = (uint8_t)state;
    e.on = harness_day(on);
    e.until_known = until != NULL;
    if (until)
        e.until = harness_day(until);
    e.days = days;
    return e;
}

static report_person_dims people[N_PEOPLE];
static report_event events[64];

/* Six people, the events of fiscal year 2569 (1 Oct 2025 - 30 Sep 2026)
 * and some just outside it.  Counted in FY2569, by person:
 *   P0 F 16 MM: identified, 2 referrals, 2 needs provided
 *   P1 M 30 KH: screened, grounds, identified, 1 referral, 1 gap,
 *               repatriated, plan, 2 follow-ups done, 1 overdue
 *   P2 F 22 MM: screened, grounds, plan, 2 overdue
 *   P3 ? ?  ??: 1 follow-up done (nothing recorded about them)
 *   P4 M 40 LA: screened, grounds, identified, 1 referral, 1 gap, plan
 *   P5 F 10 TH: screened, identified */
static report_facts fixture(const char *today)
{
    people[P0] = person(SEX_FEMALE, 16, "MM", "forced_labour", "sexual", "fishing", "inspection",
                        "ranong", OFFICER_A);
    people[P1] = person(SEX_MALE, 30, "KH", "forced_labour", NULL, "fishing", "hotline",
                        "songkhla", OFFICER_B);
    people[P2] = person(SEX_FEMALE, 22, "MM", "sexual", NULL, "entertainment", "hotline",
                        "ranong", OFFICER_A);
    people[P3] = person(SEX_UNKNOWN, -1, "", NULL, NULL, "", "", "", "");
    people[P4] = person(SEX_MALE, 40, "LA", "forced_labour", "forced_labour", "agriculture",
                        "inspection", "songkhla", OFFICER_B);
    people[P5] = person(SEX_FEMALE, 10, "TH", "begging", NULL, "", "police", "ranong", "");
    size_t n = 0;
    /* Screened: first screening; P0's was the day before the year. */
    events[n++] = event(P0, EVENT_SCREENED, 0, 0, "2025-10-05", NULL, -1);
    events[n++] = event(P0, EVENT_SCREENED, 0, 0, "2025-09-30", NULL, -1);
    events[n++] = event(P1, EVENT_SCREENED, 0, 0, "2025-10-01", NULL, -1);
    events[n++] = event(P2, EVENT_SCREENED, 0, 0, "2026-09-30", NULL, -1);
    events[n++] = event(P3, EVENT_SCREENED, 0, 0, "2026-10-01", NULL, -1);
    events[n++] = event(P4, EVENT_SCREENED, 0, 0, "2026-03-02", NULL, -1);
    events[n++] = event(P5, EVENT_SCREENED, 0, 0, "2026-05-05", NULL, -1);
    /* Reasonable grounds: P4 twice, counted once. */
    events[n++] = event(P1, EVENT_REASONABLE_GROUNDS, 0, 0, "2025-10-02", NULL, -1);
    events[n++] = event(P2, EVENT_REASONABLE_GROUNDS, 0, 0, "2026-09-30", NULL, -1);
    events[n++] = event(P4, EVENT_REASONABLE_GROUNDS, 0, 0, "2026-04-01", NULL, -1);
    events[n++] = event(P4, EVENT_REASONABLE_GROUNDS, 0, 0, "2026-03-03", NULL, -1);
    /* Identified: met -> decision 20, 10, 9 days; P5's unknown; P2 after. */
    events[n++] = event(P0, EVENT_IDENTIFIED, 0, 0, "2025-10-10", NULL, 20);
    events[n++] = event(P1, EVENT_IDENTIFIED, 0, 0, "2025-10-11", NULL, 10);
    events[n++] = event(P4, EVENT_IDENTIFIED, 0, 0, "2026-03-10", NULL, 9);
    events[n++] = event(P5, EVENT_IDENTIFIED, 0, 0, "2026-05-10", NULL, -1);
    events[n++] = event(P2, EVENT_IDENTIFIED, 0, 0, "2026-10-05", NULL, 5);
    /* Referrals, one by one, with their state today. */
    events[n++] = event(P0, EVENT_REFERRED, AGENCY_SHELTER, REFERRAL_ACCEPTED, "2025-10-12", NULL, -1);
    events[n++] = event(P0, EVENT_REFERRED, AGENCY_HEALTH, REFERRAL_COMPLETED, "2025-10-12", NULL, -1);
    events[n++] = event(P1, EVENT_REFERRED, AGENCY_SHELTER, REFERRAL_DECLINED, "2025-10-15", NULL, -1);
    events[n++] = event(P4, EVENT_REFERRED, AGENCY_LEGAL_AID, REFERRAL_SENT, "2026-09-30", NULL, -1);
    events[n++] = event(P4, EVENT_REFERRED, AGENCY_SHELTER, REFERRAL_ACCEPTED, "2025-09-30", NULL, -1);
    /* Accepted in the year: 2, 8 and 1 days (P4's was sent the year before). */
    events[n++] = event(P0, EVENT_REFERRAL_ACCEPTED, 0, 0, "2025-10-14", NULL, 2);
    events[n++] = event(P0, EVENT_REFERRAL_ACCEPTED, 0, 0, "2025-10-20", NULL, 8);
    events[n++] = event(P4, EVENT_REFERRAL_ACCEPTED, 0, 0, "2025-10-01", NULL, 1);
    events[n++] = event(P1, EVENT_REFERRAL_ACCEPTED, 0, 0, "2026-10-01", NULL, 5);
    /* Needs. */
    events[n++] = event(P0, EVENT_NEED_PROVIDED, NEED_SHELTER, 0, "2025-10-13", NULL, -1);
    events[n++] = event(P0, EVENT_NEED_PROVIDED, NEED_MEDICAL, 0, "2025-10-13", NULL, -1);
    events[n++] = event(P1, EVENT_NEED_UNAVAILABLE, NEED_INTERPRETER, 0, "2026-01-01", NULL, -1);
    events[n++] = event(P4, EVENT_NEED_UNAVAILABLE, NEED_LEGAL_AID, 0, "2026-09-30", NULL, -1);
    events[n++] = event(P5, EVENT_NEED_PROVIDED, NEED_SHELTER, 0, "2026-10-01", NULL, -1);
    /* Repatriated: P1 once though two events; P4 first returned before. */
    events[n++] = event(P1, EVENT_REPATRIATED, 0, 0, "2026-06-01", NULL, -1);
    events[n++] = event(P1, EVENT_REPATRIATED, 0, 0, "2026-02-01", NULL, -1);
    events[n++] = event(P4, EVENT_REPATRIATED, 0, 0, "2025-09-15", NULL, -1);
    events[n++] = event(P4, EVENT_REPATRIATED, 0, 0, "2026-01-01", NULL, -1);
    /* Reintegration plans open at any time in the year. */
    events[n++] = event(P1, EVENT_REINTEGRATION, 0, 0, "2026-02-15", NULL, -1);
    events[n++] = event(P0, EVENT_REINTEGRATION, 0, 0, "2024-01-01", "2025-09-30", -1);
    events[n++] = event(P4, EVENT_REINTEGRATION, 0, 0, "2024-01-01", "2025-10-01", -1);
    events[n++] = event(P5, EVENT_REINTEGRATION, 0, 0, "2026-10-01", NULL, -1);
    events[n++] = event(P2, EVENT_REINTEGRATION, 0, 0, "2025-11-01", "2025-12-01", -1);
    events[n++] = event(P2, EVENT_REINTEGRATION, 0, 0, "2026-01-01", NULL, -1);
    /* Follow-ups held. */
    events[n++] = event(P1, EVENT_FOLLOWUP_DONE, 0, 0, "2026-03-15", NULL, -1);
    events[n++] = event(P1, EVENT_FOLLOWUP_DONE, 0, 0, "2026-04-15", NULL, -1);
    events[n++] = event(P4, EVENT_FOLLOWUP_DONE, 0, 0, "2025-09-30", NULL, -1);
    events[n++] = event(P3, EVENT_FOLLOWUP_DONE, 0, 0, "2026-08-01", NULL, -1);
    /* Follow-ups scheduled: due, and held when known. */
    events[n++] = event(P1, EVENT_FOLLOWUP_SCHEDULED, 0, 0, "2026-05-15", "2026-05-20", -1);
    events[n++] = event(P1, EVENT_FOLLOWUP_SCHEDULED, 0, 0, "2026-06-15", NULL, -1);
    events[n++] = event(P2, EVENT_FOLLOWUP_SCHEDULED, 0, 0, "2026-09-30", "2026-10-02", -1);
    events[n++] = event(P4, EVENT_FOLLOWUP_SCHEDULED, 0, 0, "2026-10-05", NULL, -1);
    events[n++] = event(P2, EVENT_FOLLOWUP_SCHEDULED, 0, 0, "2025-08-01", NULL, -1);
    CU_ASSERT_FATAL(n <= COUNT(events));
    report_facts f = { people, N_PEOPLE, events, n, harness_day(today) };
    return f;
}

static report_period fy2569(void)
{
    return report_period_fiscal_year(2569);
}

/* The data set as of 21 Nov 2026, built for FY 2569 broken down by dim. */
static report_table fy2569_by(report_dim dim)
{
    report_facts f = fixture("2026-11-21");
    report_table t;
    CU_ASSERT_FATAL(report_build(&f, fy2569(), dim, &t));
    return t;
}

/* Expected cells in measure order: screened, grounds, identified, referred,
 * provided, unavailable, repatriated, reintegration, done, overdue. */
typedef struct expect_row {
    const char *key;
    int64_t n[MEASURE_COUNT];
} expect_row;

static void check_rows(const report_table *t, const expect_row *want, size_t n_want,
                       const char *what)
{
    CHECK_ROW(t->n_rows == n_want, what);
    for (size_t r = 0; r < n_want && r < t->n_rows; r++) {
        char name[96];
        snprintf(name, sizeof name, "%s row %zu (%s)", what, r, want[r].key);
        CHECK_ROW(strcmp(t->rows[r].key, want[r].key) == 0, name);
        for (int m = 0; m < MEASURE_COUNT; m++) {
            if (t->rows[r].cells[m].n != want[r].n[m])
                printf("\n    %s %s: got %lld want %lld", name,
                       report_measure_code((report_measure)m),
                       (long long)t->rows[r].cells[m].n, (long long)want[r].n[m]);
            CHECK_ROW(t->rows[r].cells[m].n == want[r].n[m], name);
            CHECK_ROW(!t->rows[r].cells[m].suppressed, name);
        }
    }
}

/* Every breakdown of FY 2569, its rows in the order the report gives them
 * (each dimension's rows together). */
static const struct {
    report_dim dim;
    expect_row row;
} breakdowns[] = {
    /* sex: enum order; nobody is "other" */
    { DIM_SEX, { "unknown", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 } } },
    { DIM_SEX, { "female", { 2, 1, 2, 2, 2, 0, 0, 1, 0, 2 } } },
    { DIM_SEX, { "male", { 2, 2, 2, 2, 0, 2, 1, 2, 2, 1 } } },
    /* age: band order, unknown last */
    { DIM_AGE_BAND, { "0-11", { 1, 0, 1, 0, 0, 0, 0, 0, 0, 0 } } },
    { DIM_AGE_BAND, { "15-17", { 0, 0, 1, 2, 2, 0, 0, 0, 0, 0 } } },
    { DIM_AGE_BAND, { "18-24", { 1, 1, 0, 0, 0, 0, 0, 1, 0, 2 } } },
    { DIM_AGE_BAND, { "25-34", { 1, 1, 1, 1, 0, 1, 1, 1, 2, 1 } } },
    { DIM_AGE_BAND, { "35-49", { 1, 1, 1, 1, 0, 1, 0, 1, 0, 0 } } },
    { DIM_AGE_BAND, { "unknown", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 } } },
    /* the text dimensions: by code, not recorded last */
    { DIM_NATIONALITY, { "KH", { 1, 1, 1, 1, 0, 1, 1, 1, 2, 1 } } },
    { DIM_NATIONALITY, { "LA", { 1, 1, 1, 1, 0, 1, 0, 1, 0, 0 } } },
    { DIM_NATIONALITY, { "MM", { 1, 1, 1, 2, 2, 0, 0, 1, 0, 2 } } },
    { DIM_NATIONALITY, { "TH", { 1, 0, 1, 0, 0, 0, 0, 0, 0, 0 } } },
    { DIM_NATIONALITY, { "", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 } } },
    { DIM_SECTOR, { "agriculture", { 1, 1, 1, 1, 0, 1, 0, 1, 0, 0 } } },
    { DIM_SECTOR, { "entertainment", { 1, 1, 0, 0, 0, 0, 0, 1, 0, 2 } } },
    { DIM_SECTOR, { "fishing", { 1, 1, 2, 3, 2, 1, 1, 1, 2, 1 } } },
    { DIM_SECTOR, { "", { 1, 0, 1, 0, 0, 0, 0, 0, 1, 0 } } },
    { DIM_ENTRY_POINT, { "hotline", { 2, 2, 1, 1, 0, 1, 1, 2, 2, 3 } } },
    { DIM_ENTRY_POINT, { "inspection", { 1, 1, 2, 3, 2, 1, 0, 1, 0, 0 } } },
    { DIM_ENTRY_POINT, { "police", { 1, 0, 1, 0, 0, 0, 0, 0, 0, 0 } } },
    { DIM_ENTRY_POINT, { "", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 } } },
    { DIM_PROVINCE, { "ranong", { 2, 1, 2, 2, 2, 0, 0, 1, 0, 2 } } },
    { DIM_PROVINCE, { "songkhla", { 2, 2, 2, 2, 0, 2, 1, 2, 2, 1 } } },
    { DIM_PROVINCE, { "", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 } } },
    { DIM_OFFICER, { OFFICER_A, { 1, 1, 1, 2, 2, 0, 0, 1, 0, 2 } } },
    { DIM_OFFICER, { OFFICER_B, { 2, 2, 2, 2, 0, 2, 1, 2, 2, 1 } } },
    { DIM_OFFICER, { "", { 1, 0, 1, 0, 0, 0, 0, 0, 1, 0 } } },
    /* exploitation: P0 counts under both of theirs; P4's type listed
     * twice counts once */
    { DIM_EXPLOITATION, { "begging", { 1, 0, 1, 0, 0, 0, 0, 0, 0, 0 } } },
    { DIM_EXPLOITATION, { "forced_labour", { 2, 2, 3, 4, 2, 2, 1, 2, 2, 1 } } },
    { DIM_EXPLOITATION, { "sexual", { 1, 1, 1, 2, 2, 0, 0, 1, 0, 2 } } },
    { DIM_EXPLOITATION, { "", { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 } } },
};

/* t (a breakdown by dim) holds exactly dim's rows of breakdowns[]; only
 * the exploitation types, where a person may count under several, say
 * that rows overlap. */
static void check_breakdown(const report_table *t, report_dim dim)
{
    expect_row want[COUNT(breakdowns)];
    size_t n = 0;
    for (size_t i = 0; i < COUNT(breakdowns); i++)
        if (breakdowns[i].dim == dim)
            want[n++] = breakdowns[i].row;
    const char *what = report_dim_code(dim);
    CHECK_ROW(n > 0, what);
    check_rows(t, want, n, what);
    CHECK_ROW(t->rows_overlap == (dim == DIM_EXPLOITATION), what);
}

static void check_breakdowns(const report_dim *dims, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        report_table t = fy2569_by(dims[i]);
        check_breakdown(&t, dims[i]);
        report_table_free(&t);
    }
}

static const int64_t fy_totals[MEASURE_COUNT] = { 4, 3, 4, 4, 2, 2, 1, 3, 3, 3 };

static void test_build_totals(void)
{
    report_table t = fy2569_by(DIM_TOTAL);
    for (int m = 0; m < MEASURE_COUNT; m++)
        CHECK_ROW(t.total.cells[m].n == fy_totals[m], report_measure_code((report_measure)m));
    const expect_row want[] = { { "total", { 4, 3, 4, 4, 2, 2, 1, 3, 3, 3 } } };
    check_rows(&t, want, COUNT(want), "total");
    CU_ASSERT_FALSE(t.rows_overlap);
    CU_ASSERT_EQUAL(t.k, 0);
    CU_ASSERT_EQUAL(t.suppressed, 0);
    CU_ASSERT_EQUAL(t.dim, DIM_TOTAL);
    CU_ASSERT_TRUE(same_day(t.period.from, harness_day("2025-10-01")));
    report_table_free(&t);
    CU_ASSERT_PTR_NULL(t.rows);
}

static void test_build_referrals_and_needs(void)
{
    report_table t = fy2569_by(DIM_SEX);
    int64_t sum = 0;
    for (int a = 0; a < REPORT_MAX_AGENCY_TYPES; a++)
        for (int s = 0; s < REPORT_MAX_REFERRAL_STATES; s++)
            sum += t.referrals[a][s].n;
    CU_ASSERT_EQUAL(sum, 4);
    CU_ASSERT_EQUAL(t.referrals[AGENCY_SHELTER][REFERRAL_ACCEPTED].n, 1);
    CU_ASSERT_EQUAL(t.referrals[AGENCY_SHELTER][REFERRAL_DECLINED].n, 1);
    CU_ASSERT_EQUAL(t.referrals[AGENCY_HEALTH][REFERRAL_COMPLETED].n, 1);
    CU_ASSERT_EQUAL(t.referrals[AGENCY_LEGAL_AID][REFERRAL_SENT].n, 1);
    sum = 0;
    for (int k = 0; k < REPORT_MAX_NEED_KINDS; k++)
        sum += t.needs[k][0].n + t.needs[k][1].n;
    CU_ASSERT_EQUAL(sum, 4);
    CU_ASSERT_EQUAL(t.needs[NEED_SHELTER][0].n, 1);      /* P5's is a day late */
    CU_ASSERT_EQUAL(t.needs[NEED_MEDICAL][0].n, 1);
    CU_ASSERT_EQUAL(t.needs[NEED_INTERPRETER][1].n, 1);
    CU_ASSERT_EQUAL(t.needs[NEED_LEGAL_AID][1].n, 1);
    report_table_free(&t);
}

static void test_build_by_sex_and_age(void)
{
    static const report_dim dims[] = { DIM_SEX, DIM_AGE_BAND };
    check_breakdowns(dims, COUNT(dims));
}

static void test_build_by_text_dims(void)
{
    static const report_dim dims[] = { DIM_NATIONALITY, DIM_SECTOR, DIM_ENTRY_POINT,
                                       DIM_PROVINCE, DIM_OFFICER };
    check_breakdowns(dims, COUNT(dims));
}

static void test_build_exploitation_overlap(void)
{
    report_table t = fy2569_by(DIM_EXPLOITATION);
    check_breakdown(&t, DIM_EXPLOITATION);
    CU_ASSERT_TRUE(t.rows_overlap);
    int64_t identified = 0;
    for (size_t r = 0; r < t.n_rows; r++)
        identified += t.rows[r].cells[MEASURE_IDENTIFIED].n;
    CU_ASSERT_EQUAL(identified, 5);                      /* more than ... */
    CU_ASSERT_EQUAL(t.total.cells[MEASURE_IDENTIFIED].n, 4); /* ... the people */
    report_table_free(&t);
}

static void test_build_overdue_as_of(void)
{
    static const struct { const char *today; int64_t overdue; const char *why; } rows[] = {
        { "2026-11-21", 3, "after the year: as of 30 Sep (P1 Jun, P2 Sep held late, P2 2025)" },
        { "2026-09-30", 3, "on the last day" },
        { "2026-06-16", 2, "the June one is overdue, the May one was held" },
        { "2026-06-15", 2, "due today and not held today" },
        { "2026-06-14", 1, "before the June one falls due: only 2025's" },
        { "2026-05-20", 1, "the May one held today" },
        { "2026-05-16", 2, "the May one due and not held yet" },
        { "2026-05-14", 1, "before the May one falls due" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        report_facts f = fixture(rows[i].today);
        report_table t;
        CU_ASSERT_FATAL(report_build(&f, fy2569(), DIM_TOTAL, &t));
        if (t.total.cells[MEASURE_FOLLOWUPS_OVERDUE].n != rows[i].overdue)
            printf("\n    today %s: overdue %lld", rows[i].today,
                   (long long)t.total.cells[MEASURE_FOLLOWUPS_OVERDUE].n);
        CHECK_ROW(t.total.cells[MEASURE_FOLLOWUPS_OVERDUE].n == rows[i].overdue, rows[i].why);
        report_table_free(&t);
    }
}

static void test_build_fy_boundaries(void)
{
    static const struct {
        const char *period;
        report_measure m;
        int64_t want;
    } rows[] = {
        /* The year before: P0's first screening on 30 Sep 2025, P4's
         * referral sent then and their first return, P4's follow-up held
         * that day. */
        { "fy2568", MEASURE_SCREENED, 1 },
        { "fy2568", MEASURE_REFERRED, 1 },
        { "fy2568", MEASURE_REPATRIATED, 1 },
        { "fy2568", MEASURE_FOLLOWUPS_DONE, 1 },
        { "fy2568", MEASURE_REINTEGRATION, 2 },         /* P0, P4 */
        { "fy2568", MEASURE_IDENTIFIED, 0 },
        /* The year after: P3's screening on 1 Oct 2026, P2's identification. */
        { "fy2570", MEASURE_SCREENED, 1 },
        { "fy2570", MEASURE_IDENTIFIED, 1 },
        { "fy2570", MEASURE_NEEDS_PROVIDED, 1 },
        { "fy2570", MEASURE_REINTEGRATION, 3 },         /* P1, P2, P5 */
        /* One day: 30 Sep 2026 holds P2's screening and grounds, P4's referral. */
        { "2569-09-30..2569-09-30", MEASURE_SCREENED, 1 },
        { "2569-09-30..2569-09-30", MEASURE_REASONABLE_GROUNDS, 1 },
        { "2569-09-30..2569-09-30", MEASURE_REFERRED, 1 },
        { "2569-09-30..2569-09-30", MEASURE_NEEDS_UNAVAILABLE, 1 },
    };
    report_facts f = fixture("2026-11-21");
    for (size_t i = 0; i < COUNT(rows); i++) {
        char name[80];
        snprintf(name, sizeof name, "%s %s", rows[i].period, report_measure_code(rows[i].m));
        report_period p;
        CU_ASSERT_FATAL(report_period_parse(rows[i].period, &p) == PERIOD_OK);
        report_table t;
        CU_ASSERT_FATAL(report_build(&f, p, DIM_TOTAL, &t));
        CHECK_ROW(t.total.cells[rows[i].m].n == rows[i].want, name);
        report_table_free(&t);
    }
    /* P2's identification in FY 2570, 5 days after meeting. */
    report_table t;
    CU_ASSERT_FATAL(report_build(&f, report_period_fiscal_year(2570), DIM_TOTAL, &t));
    CU_ASSERT_EQUAL(t.met_to_identified.n, 1);
    CU_ASSERT_EQUAL(t.met_to_identified.median, 5);
    report_table_free(&t);
}

static void test_build_durations(void)
{
    report_table t = fy2569_by(DIM_TOTAL);
    /* met -> identified: 9, 10, 20 (P5's unknown is no observation). */
    CU_ASSERT_EQUAL(t.met_to_identified.n, 3);
    CU_ASSERT_EQUAL(t.met_to_identified.median, 10);
    CU_ASSERT_EQUAL(t.met_to_identified.p90, 20);
    /* sent -> accepted: 1, 2, 8. */
    CU_ASSERT_EQUAL(t.referral_to_accepted.n, 3);
    CU_ASSERT_EQUAL(t.referral_to_accepted.median, 2);
    CU_ASSERT_EQUAL(t.referral_to_accepted.p90, 8);
    report_table_free(&t);

    /* Nearest rank on even and odd counts, and none. */
    static const struct {
        int days[12];
        size_t n;
        size_t observed;
        int median, p90;
    } rows[] = {
        { { 4, 1, 3, 2 }, 4, 4, 2, 4 },
        { { 7 }, 1, 1, 7, 7 },
        { { 5, 5 }, 2, 2, 5, 5 },
        { { 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 }, 10, 10, 5, 9 },
        { { 10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 11 }, 11, 11, 6, 10 },
        { { 0, 3, -1 }, 3, 2, 0, 3 },          /* -1: not known */
        { { -1 }, 1, 0, 0, 0 },
        { { 0 }, 0, 0, 0, 0 },
    };
    report_person_dims one[1];
    one[0] = person(SEX_MALE, 30, "KH", NULL, NULL, "", "", "", "");
    for (size_t i = 0; i < COUNT(rows); i++) {
        report_event ev[12];
        for (size_t k = 0; k < rows[i].n; k++)
            ev[k] = event(0, EVENT_REFERRAL_ACCEPTED, 0, 0, "2026-01-15", NULL, rows[i].days[k]);
        report_facts g = { one, 1, ev, rows[i].n, harness_day("2026-11-21") };
        char name[16];
        snprintf(name, sizeof name, "row %zu", i);
        CU_ASSERT_FATAL(report_build(&g, fy2569(), DIM_TOTAL, &t));
        CHECK_ROW(t.referral_to_accepted.n == rows[i].observed, name);
        if (rows[i].observed > 0) {
            CHECK_ROW(t.referral_to_accepted.median == rows[i].median, name);
            CHECK_ROW(t.referral_to_accepted.p90 == rows[i].p90, name);
        }
        CHECK_ROW(t.met_to_identified.n == 0, name);
        report_table_free(&t);
    }
}

static void test_build_distrusts_facts(void)
{
    /* Events naming nobody, of no known kind or on no real day are skipped;
     * agency types and need kinds outside the tables still count in the
     * totals but not in a table cell that does not exist. */
    report_person_dims one[1];
    one[0] = person(SEX_COUNT + 5, 30, "KH", NULL, NULL, "", "", "", "");
    report_event ev[6];
    ev[0] = event(7, EVENT_SCREENED, 0, 0, "2026-01-15", NULL, -1);
    ev[1] = event(0, EVENT_SCREENED, 0, 0, "2026-01-15", NULL, -1);
    ev[1].kind = EVENT_KIND_COUNT;
    ev[2] = event(0, EVENT_SCREENED, 0, 0, "2026-01-15", NULL, -1);
    ev[2].on.month = 13;
    ev[3] = event(0, EVENT_REFERRED, 200, 200, "2026-01-15", NULL, -1);
    ev[4] = event(0, EVENT_NEED_PROVIDED, 250, 0, "2026-01-15", NULL, -1);
    ev[5] = event(0, EVENT_SCREENED, 0, 0, "2026-01-16", NULL, -1);
    report_facts g = { one, 1, ev, COUNT(ev), harness_day("2026-11-21") };
    report_table t;
    CU_ASSERT_FATAL(report_build(&g, fy2569(), DIM_SEX, &t));
    CU_ASSERT_EQUAL(t.total.cells[MEASURE_SCREENED].n, 1);
    CU_ASSERT_EQUAL(t.total.cells[MEASURE_REFERRED].n, 1);
    CU_ASSERT_EQUAL(t.total.cells[MEASURE_NEEDS_PROVIDED].n, 1);
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 1);
    CU_ASSERT_STRING_EQUAL(t.rows[0].key, "unknown");   /* a sex out of range */
    report_table_free(&t);

    report_facts empty = { NULL, 0, NULL, 0, harness_day("2026-11-21") };
    CU_ASSERT_FATAL(report_build(&empty, fy2569(), DIM_NATIONALITY, &t));
    CU_ASSERT_EQUAL(t.n_rows, 0);
    CU_ASSERT_EQUAL(t.total.cells[MEASURE_SCREENED].n, 0);
    report_table_free(&t);
    CU_ASSERT_FALSE(report_build(&empty, fy2569(), DIM_COUNT, &t));
    CU_ASSERT_EQUAL(t.n_rows, 0);
    report_table_free(&t);

    report_facts owned = { calloc(2, sizeof(report_person_dims)), 2,
                           calloc(3, sizeof(report_event)), 3, harness_day("2026-11-21") };
    report_facts_free(&owned);
    CU_ASSERT_PTR_NULL(owned.people);
    CU_ASSERT_EQUAL(owned.n_events, 0);
    report_facts_free(&owned);
    report_facts_free(NULL);
}

static void test_build_keys(void)
{
    /* Keys that share a long beginning stay apart; a field filled to its
     * last byte with no terminator is read only up to its size. */
    static const char *const officers[] = {
        "0b7c2d4e-5f60-4a71-8b92-000000000001", "0b7c2d4e-5f60-4a71-8b92-000000000002",
        "0b7c2d4e-5f60-4a71-8b92-000000000001", "",
    };
    report_person_dims who[4];
    for (size_t i = 0; i < 4; i++)
        who[i] = person(SEX_MALE, 30, "KH", NULL, NULL, "", "", "", officers[i]);
    memset(who[3].officer, 'f', sizeof who[3].officer);
    memset(who[3].sector, 's', sizeof who[3].sector);
    report_event ev[4];
    for (uint32_t i = 0; i < 4; i++)
        ev[i] = event(i, EVENT_SCREENED, 0, 0, "2026-01-15", NULL, -1);
    report_facts g = { who, 4, ev, 4, harness_day("2026-11-21") };
    report_table t;
    CU_ASSERT_FATAL(report_build(&g, fy2569(), DIM_OFFICER, &t));
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 3);
    CU_ASSERT_STRING_EQUAL(t.rows[0].key, "0b7c2d4e-5f60-4a71-8b92-000000000001");
    CU_ASSERT_EQUAL(t.rows[0].cells[MEASURE_SCREENED].n, 2);
    CU_ASSERT_STRING_EQUAL(t.rows[1].key, "0b7c2d4e-5f60-4a71-8b92-000000000002");
    CU_ASSERT_EQUAL(t.rows[2].cells[MEASURE_SCREENED].n, 1);
    CU_ASSERT_EQUAL(strlen(t.rows[2].key), TC_ID_LEN - 1);
    report_table_free(&t);
    CU_ASSERT_FATAL(report_build(&g, fy2569(), DIM_SECTOR, &t));
    CU_ASSERT_EQUAL_FATAL(t.n_rows, 2);
    CU_ASSERT_EQUAL(strlen(t.rows[0].key), TC_CODE_MAX + 1);
    CU_ASSERT_STRING_EQUAL(t.rows[1].key, "");
    CU_ASSERT_EQUAL(t.rows[1].cells[MEASURE_SCREENED].n, 3);
    report_table_free(&t);
}

/* ============================================================ suppression */

/* A table of n rows built by hand, every cell 0. */
static report_table table_of(size_t n)
{
    report_table t;
    memset(&t, 0, sizeof t);
    t.rows = calloc(n ? n : 1, sizeof *t.rows);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.rows);
    t.n_rows = n;
    for (size_t r = 0; r < n; r++)
        snprintf(t.rows[r].key, sizeof t.rows[r].key, "r%zu", r);
    return t;
}

/* Column m of t's rows set to v[0], v[1], ... (one value a row). */
static void set_column(report_table *t, report_measure m, const int64_t *v)
{
    for (size_t r = 0; r < t->n_rows; r++)
        t->rows[r].cells[m].n = v[r];
}

static void test_suppress_primary(void)
{
    report_table t = table_of(12);
    int64_t sum = 0;
    for (size_t r = 0; r < 12; r++) {
        t.rows[r].cells[MEASURE_SCREENED].n = (int64_t)r;
        sum += (int64_t)r;
    }
    t.total.cells[MEASURE_SCREENED].n = sum;
    report_suppress(&t, REPORT_K_OUTSIDE);
    for (size_t r = 0; r < 12; r++) {
        char name[16];
        snprintf(name, sizeof name, "n = %zu", r);
        CHECK_ROW(t.rows[r].cells[MEASURE_SCREENED].suppressed == (r >= 1 && r <= 10), name);
        CHECK_ROW(t.rows[r].cells[MEASURE_SCREENED].n == (int64_t)r, name);  /* kept, only marked */
    }
    CU_ASSERT_FALSE(t.total.cells[MEASURE_SCREENED].suppressed);
    CU_ASSERT_EQUAL(t.suppressed, 10);
    CU_ASSERT_EQUAL(t.k, REPORT_K_OUTSIDE);
    report_table_free(&t);
}

static void test_suppress_secondary_column(void)
{
    /* 5 could be worked back from the total 55 - 20 - 30: 20 goes too. */
    report_table t = table_of(3);
    set_column(&t, MEASURE_IDENTIFIED, (const int64_t[]){ 20, 5, 30 });
    t.total.cells[MEASURE_IDENTIFIED].n = 55;
    report_suppress(&t, REPORT_K_OUTSIDE);
    CU_ASSERT_TRUE(t.rows[1].cells[MEASURE_IDENTIFIED].suppressed);
    CU_ASSERT_TRUE(t.rows[0].cells[MEASURE_IDENTIFIED].suppressed);
    CU_ASSERT_FALSE(t.rows[2].cells[MEASURE_IDENTIFIED].suppressed);
    CU_ASSERT_FALSE(t.total.cells[MEASURE_IDENTIFIED].suppressed);
    CU_ASSERT_EQUAL(t.suppressed, 2);
    /* Two small cells already hide each other. */
    report_table u = table_of(3);
    set_column(&u, MEASURE_REFERRED, (const int64_t[]){ 3, 4, 30 });
    report_suppress(&u, REPORT_K_OUTSIDE);
    CU_ASSERT_FALSE(u.rows[2].cells[MEASURE_REFERRED].suppressed);
    CU_ASSERT_EQUAL(u.suppressed, 2);
    report_table_free(&t);
    report_table_free(&u);
}

static void test_suppress_secondary_tables(void)
{
    /* Referrals: the shelter row's 3 takes its 15 with it, the accepted
     * column's 3 takes the health 40; then every line has 0 or 2+ hidden. */
    report_table t = table_of(0);
    t.referrals[AGENCY_SHELTER][REFERRAL_ACCEPTED].n = 3;
    t.referrals[AGENCY_SHELTER][REFERRAL_SENT].n = 15;
    t.referrals[AGENCY_HEALTH][REFERRAL_ACCEPTED].n = 40;
    t.referrals[AGENCY_POLICE][REFERRAL_SENT].n = 50;
    /* Needs: a gap of 2 next to 60 provided.  The unavailable column adds
     * up to a published total, so its lone 2 takes the medical 12 with it;
     * a kind's provided and unavailable add up to nothing, so the shelter
     * 60 stays. */
    t.needs[NEED_SHELTER][0].n = 60;
    t.needs[NEED_SHELTER][1].n = 2;
    t.needs[NEED_MEDICAL][1].n = 12;
    report_suppress(&t, REPORT_K_OUTSIDE);
    CU_ASSERT_TRUE(t.referrals[AGENCY_SHELTER][REFERRAL_ACCEPTED].suppressed);
    CU_ASSERT_TRUE(t.referrals[AGENCY_SHELTER][REFERRAL_SENT].suppressed);
    CU_ASSERT_TRUE(t.referrals[AGENCY_HEALTH][REFERRAL_ACCEPTED].suppressed);
    CU_ASSERT_TRUE(t.referrals[AGENCY_POLICE][REFERRAL_SENT].suppressed);
    CU_ASSERT_TRUE(t.needs[NEED_SHELTER][1].suppressed);
    CU_ASSERT_TRUE(t.needs[NEED_MEDICAL][1].suppressed);      /* the gaps column */
    CU_ASSERT_FALSE(t.needs[NEED_SHELTER][0].suppressed);     /* the shelter row */
    CU_ASSERT_EQUAL(t.suppressed, 6);
    report_table_free(&t);
}

static void test_suppress_idempotent(void)
{
    for (int dim = 0; dim < DIM_COUNT; dim++) {
        report_table t = fy2569_by((report_dim)dim);
        report_suppress(&t, REPORT_K_OUTSIDE);
        /* Everything in this small set is under 11: nothing non-zero shows. */
        for (size_t r = 0; r < t.n_rows; r++)
            for (int m = 0; m < MEASURE_COUNT; m++)
                CHECK_ROW(t.rows[r].cells[m].n == 0 || t.rows[r].cells[m].suppressed,
                          report_dim_code((report_dim)dim));
        CU_ASSERT_EQUAL(t.met_to_identified.n, 0);
        CU_ASSERT_EQUAL(t.referral_to_accepted.n, 0);
        report_row *rows = malloc(t.n_rows * sizeof *rows + 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
        memcpy(rows, t.rows, t.n_rows * sizeof *rows);
        report_table before = t;
        report_suppress(&t, REPORT_K_OUTSIDE);
        CU_ASSERT_EQUAL(t.suppressed, before.suppressed);
        CU_ASSERT_EQUAL(memcmp(rows, t.rows, t.n_rows * sizeof *rows), 0);
        CU_ASSERT_EQUAL(memcmp(&before.total, &t.total, sizeof t.total), 0);
        CU_ASSERT_EQUAL(memcmp(before.referrals, t.referrals, sizeof t.referrals), 0);
        CU_ASSERT_EQUAL(memcmp(before.needs, t.needs, sizeof t.needs), 0);
        free(rows);
        report_table_free(&t);
    }
    /* A hand-made chain, twice. */
    report_table t = table_of(3);
    set_column(&t, MEASURE_SCREENED, (const int64_t[]){ 4, 12, 50 });
    set_column(&t, MEASURE_IDENTIFIED, (const int64_t[]){ 0, 13, 40 });
    report_suppress(&t, REPORT_K_OUTSIDE);
    size_t first = t.suppressed;
    report_table copy = table_of(3);
    memcpy(copy.rows, t.rows, 3 * sizeof *t.rows);
    report_suppress(&t, REPORT_K_OUTSIDE);
    CU_ASSERT_EQUAL(t.suppressed, first);
    CU_ASSERT_EQUAL(memcmp(copy.rows, t.rows, 3 * sizeof *t.rows), 0);
    report_table_free(&copy);
    report_table_free(&t);
}

static void test_suppress_durations(void)
{
    static const struct { size_t n; size_t after; } rows[] = {
        { 0, 0 }, { 1, 0 }, { 10, 0 }, { 11, 11 }, { 40, 40 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        report_table t = table_of(0);
        t.met_to_identified = (report_duration){ rows[i].n, 7, 30 };
        t.referral_to_accepted = (report_duration){ rows[i].n, 2, 9 };
        report_suppress(&t, REPORT_K_OUTSIDE);
        char name[16];
        snprintf(name, sizeof name, "n = %zu", rows[i].n);
        CHECK_ROW(t.met_to_identified.n == rows[i].after, name);
        CHECK_ROW(t.referral_to_accepted.n == rows[i].after, name);
        if (rows[i].after > 0)
            CHECK_ROW(t.met_to_identified.median == 7 && t.met_to_identified.p90 == 30, name);
        CHECK_ROW(t.suppressed == 0, name);      /* durations are not cells */
        report_table_free(&t);
    }
}

static void test_column_max(void)
{
    report_table t = table_of(3);
    set_column(&t, MEASURE_SCREENED, (const int64_t[]){ 30, 45, 12 });
    set_column(&t, MEASURE_REFERRED, (const int64_t[]){ 0, 0, 4 });
    CU_ASSERT_EQUAL(report_column_max(&t, MEASURE_SCREENED), 45);
    CU_ASSERT_EQUAL(report_column_max(&t, MEASURE_REFERRED), 4);
    CU_ASSERT_EQUAL(report_column_max(&t, MEASURE_REPATRIATED), 0);
    CU_ASSERT_EQUAL(report_column_max(&t, MEASURE_COUNT), 0);
    report_suppress(&t, REPORT_K_OUTSIDE);
    /* A hidden cell must not set the scale of the bars. */
    CU_ASSERT_EQUAL(report_column_max(&t, MEASURE_REFERRED), 0);
    CU_ASSERT_EQUAL(report_column_max(&t, MEASURE_SCREENED), 45);
    report_table_free(&t);
}

/* ==================================================================== CSV */

static void test_csv_fields(void)
{
    static const struct { const char *text, *want; } rows[] = {
        { "", "" },
        { "plain", "plain" },
        /* Thai text passes through untouched, byte for byte */
        { "\xE0\xB8\x9C\xE0\xB8\xB9\xE0\xB9\x89\xE0\xB9\x80\xE0\xB8\xAA\xE0\xB8\xB5\xE0\xB8\xA2"
          "\xE0\xB8\xAB\xE0\xB8\xB2\xE0\xB8\xA2",
          "\xE0\xB8\x9C\xE0\xB8\xB9\xE0\xB9\x89\xE0\xB9\x80\xE0\xB8\xAA\xE0\xB8\xB5\xE0\xB8\xA2"
          "\xE0\xB8\xAB\xE0\xB8\xB2\xE0\xB8\xA2" },
        /* "ระนอง, ไทย": a comma in Thai text */
        { "\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\x87, \xE0\xB9\x84\xE0\xB8\x97"
          "\xE0\xB8\xA2",
          "\"\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\x87, \xE0\xB9\x84\xE0\xB8\x97"
          "\xE0\xB8\xA2\"" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "\"", "\"\"\"\"" },
        { "line1\r\nline2", "\"line1\r\nline2\"" },
        { "line1\nline2", "\"line1\nline2\"" },
        { "=SUM(A1:A9)", "\"'=SUM(A1:A9)\"" },
        { "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"" },
        { "+66 81 234 5678", "\"'+66 81 234 5678\"" },
        { "-5", "\"'-5\"" },
        { "@cmd", "\"'@cmd\"" },
        { "\tx", "\"'\tx\"" },
        { "\rx", "\"'\rx\"" },
        { "a=b", "a=b" },
        { "5-3", "5-3" },
        { "'quoted'", "'quoted'" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[128] = "";
        size_t len = 0;
        bool ok = csv_append_field(out, sizeof out, &len, rows[i].text);
        CHECK_ROW(ok, rows[i].want);
        CHECK_ROW(strcmp(out, rows[i].want) == 0, rows[i].want);
        CHECK_ROW(len == strlen(rows[i].want), rows[i].want);
        CHECK_ROW(csv_field_size(rows[i].text) == strlen(rows[i].want), rows[i].want);
    }
}

static void test_csv_line(void)
{
    char out[128];
    memcpy(out, CSV_UTF8_BOM, sizeof CSV_UTF8_BOM);
    size_t len = strlen(out);
    CU_ASSERT_TRUE(csv_append_field(out, sizeof out, &len, "province"));
    CU_ASSERT_TRUE(csv_append_sep(out, sizeof out, &len));
    CU_ASSERT_TRUE(csv_append_field(out, sizeof out, &len, "a,b"));
    CU_ASSERT_TRUE(csv_append_sep(out, sizeof out, &len));
    CU_ASSERT_TRUE(csv_append_int(out, sizeof out, &len, -42));
    CU_ASSERT_TRUE(csv_append_sep(out, sizeof out, &len));
    CU_ASSERT_TRUE(csv_append_int(out, sizeof out, &len, INT64_MIN));
    CU_ASSERT_TRUE(csv_append_eol(out, sizeof out, &len));
    const char *want = "\xEF\xBB\xBFprovince,\"a,b\",-42,-9223372036854775808\r\n";
    CU_ASSERT_STRING_EQUAL(out, want);
    CU_ASSERT_EQUAL(len, strlen(want));
}

/* When a piece does not fit, the buffer and the length stay as they were. */
static void test_csv_too_small(void)
{
    static const char *const texts[] = {
        "plain", "a,b", "=1+1", "say \"hi\"",
        "\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\x87",
    };
    for (size_t i = 0; i < COUNT(texts); i++) {
        size_t need = csv_field_size(texts[i]);
        char out[64], before[64];
        memset(out, 'Z', sizeof out);
        memcpy(out, "ab", 3);
        memcpy(before, out, sizeof out);
        size_t len = 2;
        /* One byte short: "ab" + the field + NUL needs 2 + need + 1. */
        bool ok = csv_append_field(out, 2 + need, &len, texts[i]);
        CHECK_ROW(!ok, texts[i]);
        CHECK_ROW(len == 2 && memcmp(out, before, sizeof out) == 0, texts[i]);
        ok = csv_append_field(out, 2 + need + 1, &len, texts[i]);
        CHECK_ROW(ok, texts[i]);
        CHECK_ROW(len == 2 + need && out[len] == '\0', texts[i]);
    }
    char out[8] = "abcdef", before[8];
    memcpy(before, out, sizeof out);
    size_t len = 6;
    CU_ASSERT_FALSE(csv_append_int(out, sizeof out, &len, 123));
    CU_ASSERT_FALSE(csv_append_eol(out, sizeof out, &len));
    CU_ASSERT_TRUE(csv_append_sep(out, sizeof out, &len));
    CU_ASSERT_FALSE(csv_append_sep(out, sizeof out, &len));
    CU_ASSERT_EQUAL(len, 7);
    CU_ASSERT_STRING_EQUAL(out, "abcdef,");
}

/* ================================================================ suites */

static CU_TestInfo period_tests[] = {
    { "periods parsed: Thai digits, B.E., refused forms", test_period_parse },
    { "fiscal years: 30 Sep and 1 Oct", test_fiscal_year_boundaries },
    { "a period's code reads back as the same period", test_period_code_round_trip },
    { "the period before and after", test_period_step },
    { "every problem has its own message", test_period_texts },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo code_tests[] = {
    { "dimension codes", test_dim_codes },
    { "age bands and children", test_age_bands },
    { "measure codes are the CSV columns", test_measure_codes },
    { "every figure is tagged in every framework", test_framework_tags },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo build_tests[] = {
    { "totals for the fiscal year", test_build_totals },
    { "referrals by agency type and state, needs by kind", test_build_referrals_and_needs },
    { "by sex and age band", test_build_by_sex_and_age },
    { "by nationality, sector, entry point, province, officer", test_build_by_text_dims },
    { "exploitation types overlap", test_build_exploitation_overlap },
    { "overdue as of today or the period's end", test_build_overdue_as_of },
    { "fiscal-year boundary days", test_build_fy_boundaries },
    { "median and 90th percentile by nearest rank", test_build_durations },
    { "facts out of range are skipped", test_build_distrusts_facts },
    { "rows keyed by the whole value, never past its field", test_build_keys },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo suppress_tests[] = {
    { "cells 1..10 hidden, 0 and 11 shown", test_suppress_primary },
    { "a lone hidden cell takes the next smallest with it", test_suppress_secondary_column },
    { "referral and needs tables", test_suppress_secondary_tables },
    { "suppressing twice changes nothing more", test_suppress_idempotent },
    { "durations from fewer than k are dropped", test_suppress_durations },
    { "bar scale ignores hidden cells", test_column_max },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo csv_tests[] = {
    { "fields: Thai, commas, quotes, CR/LF, formulas", test_csv_fields },
    { "a whole line with the BOM", test_csv_line },
    { "a buffer too small is left alone", test_csv_too_small },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "periods", NULL, NULL, NULL, NULL, period_tests },
    { "codes", NULL, NULL, NULL, NULL, code_tests },
    { "build", NULL, NULL, NULL, NULL, build_tests },
    { "suppression", NULL, NULL, NULL, NULL, suppress_tests },
    { "csv", NULL, NULL, NULL, NULL, csv_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_report", suites);
}
