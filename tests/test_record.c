/* test_record.c - the case record beyond the person: code lists, intake,
 * consent and its coverage rule, assistance needs and their transitions,
 * the stage of a case, corrections and withdrawals.
 *
 * Tables of inputs and the answers a caller relies on; "today" always
 * comes from a fixed clock. */
#include "tests/harness.h"

#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "core/codelist.h"
#include "core/consent.h"
#include "core/fieldtext.h"
#include "core/geo.h"
#include "core/intake.h"
#include "core/needs.h"
#include "core/stage.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Reports which table row failed before CUnit counts the failure. */

/* The officer's civil date: 21 Nov 2026 at 10:00 in Thailand. */
static caldate today(void)
{
    tc_fixed_clock storage;
    tc_clock clock = harness_clock(&storage, "2026-11-21T03:00:00Z");
    return caldate_from_timestamp(tc_now(&clock), clock.utc_offset);
}

/* ------------------------------------------------------------ codelist */

static void test_code_well_formed(void)
{
    static const struct { const char *code; bool ok; } rows[] = {
        { "fishing", true },
        { "seafood_processing", true },
        { "a", true },
        { "x9", true },
        { "abcdefghijklmnopqrstuvwx", true },       /* 24: the limit */
        { "abcdefghijklmnopqrstuvwxy", false },     /* 25 */
        { "", false },
        { "9lives", false },
        { "_x", false },
        { "Fishing", false },
        { "sea food", false },
        { "sea-food", false },
        { "ประมง", false },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(code_well_formed(rows[i].code) == rows[i].ok, rows[i].code);
    CU_ASSERT_FALSE(code_well_formed(NULL));
}

static void test_code_row_validate(void)
{
    tc_code_list sectors = intake_default_sectors();
    char long_label[TC_LABEL_MAX + 2];
    memset(long_label, 'a', sizeof long_label - 1);
    long_label[sizeof long_label - 1] = '\0';
    static const struct { tc_code_row row; code_row_problem want; } rows[] = {
        { { "palm_oil", "Palm oil plantation", "สวนปาล์มน้ำมัน", NULL }, CODE_ROW_OK },
        { { "palm_oil", "Palm oil", "ปาล์ม", "agriculture" }, CODE_ROW_OK },
        { { "fishing", "Fishing again", "ประมงอีก", NULL }, CODE_ROW_CODE_TAKEN },
        { { "Palm", "Palm", "ปาล์ม", NULL }, CODE_ROW_CODE_BAD },
        { { "palm", "Palm", "ปาล์ม", "Bad Group" }, CODE_ROW_CODE_BAD },
        { { "palm", "Palm", "", NULL }, CODE_ROW_LABEL_MISSING },
        { { "palm", "   ", "ปาล์ม", NULL }, CODE_ROW_LABEL_MISSING },
        { { "palm", NULL, "ปาล์ม", NULL }, CODE_ROW_LABEL_MISSING },
        { { "palm", "Palm\x1b[2J", "ปาล์ม", NULL }, CODE_ROW_LABEL_BAD_TEXT },
        { { "palm", "Palm", "ปาล์ม\n", NULL }, CODE_ROW_LABEL_BAD_TEXT },
        { { "palm", "Palm", "\xe0\xb8", NULL }, CODE_ROW_LABEL_BAD_TEXT },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(code_row_validate(&rows[i].row, sectors) == rows[i].want, rows[i].row.code);
    tc_code_row too_long = { "palm", long_label, "ปาล์ม", NULL };
    CU_ASSERT_EQUAL(code_row_validate(&too_long, sectors), CODE_ROW_LABEL_TOO_LONG);
    for (int p = 0; p < CODE_ROW_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(code_row_problem_text((code_row_problem)p));
}

/* Every built-in row could have been added by an administrator: the same
 * rule holds for both. */
static void check_default_list(tc_code_list list, const char *name)
{
    CHECK_ROW(list.count > 0, name);
    for (size_t i = 0; i < list.count; i++) {
        tc_code_list before = { list.rows, i };
        CHECK_ROW(code_row_validate(&list.rows[i], before) == CODE_ROW_OK, list.rows[i].code);
    }
}

static void test_default_lists_are_valid(void)
{
    intake_lists l = intake_default_lists();
    check_default_list(l.sectors, "sectors");
    check_default_list(l.exploitation_types, "exploitation types");
    check_default_list(l.recruitment_channels, "recruitment channels");
    check_default_list(l.document_kinds, "document kinds");
    check_default_list(l.document_holders, "document holders");
    check_default_list(l.immigration_statuses, "immigration statuses");
}

static void test_default_lists_cover_the_issue(void)
{
    static const char *const sectors[] = {
        "fishing", "seafood_processing", "agriculture", "construction", "domestic_work",
        "manufacturing", "entertainment", "begging", "online_scam", "online_gambling", "other",
    };
    static const char *const online[] = {
        "facebook", "line", "tiktok", "telegram", "whatsapp", "wechat", "online_other",
    };
    static const char *const offline[] = { "broker", "relative", "agency" };
    static const char *const documents[] = {
        "passport", "id_card", "pink_card", "work_permit", "seaman_book",
    };
    static const char *const holders[] = { "person", "employer", "broker", "none" };
    intake_lists l = intake_default_lists();
    for (size_t i = 0; i < COUNT(sectors); i++)
        CHECK_ROW(code_list_has(l.sectors, sectors[i]), sectors[i]);
    for (size_t i = 0; i < COUNT(online); i++) {
        const tc_code_row *r = code_list_find(l.recruitment_channels, online[i]);
        CHECK_ROW(r && r->group && strcmp(r->group, "online") == 0, online[i]);
    }
    for (size_t i = 0; i < COUNT(offline); i++) {
        const tc_code_row *r = code_list_find(l.recruitment_channels, offline[i]);
        CHECK_ROW(r && r->group == NULL, offline[i]);
    }
    for (size_t i = 0; i < COUNT(documents); i++)
        CHECK_ROW(code_list_has(l.document_kinds, documents[i]), documents[i]);
    for (size_t i = 0; i < COUNT(holders); i++)
        CHECK_ROW(code_list_has(l.document_holders, holders[i]), holders[i]);
    CU_ASSERT_TRUE(code_list_has(l.immigration_statuses, "thai_national"));
    CU_ASSERT_TRUE(code_list_has(l.exploitation_types, "forced_criminality"));
    CU_ASSERT_PTR_NULL(code_list_find(l.sectors, ""));
    CU_ASSERT_PTR_NULL(code_list_find(l.sectors, NULL));
}

/* -------------------------------------------------------------- intake */

/* A complete, valid intake: a Myanmar worker on a Thai fishing boat. */
static void full_intake(tc_intake *in)
{
    intake_init(in);
    strcpy(in->district, "เมืองสมุทรสาคร");
    strcpy(in->establishment, "Ocean Star 7");
    strcpy(in->sector, "fishing");
    strcpy(in->origin, "MM");
    in->n_transit = 0;
    strcpy(in->exploitation_country, "TH");
    in->crossing = CROSSING_NATURAL_CHANNEL;
    strcpy(in->crossing_point, "Mae Sot - Myawaddy");
    strcpy(in->exploitation[0], "forced_labour");
    strcpy(in->exploitation[1], "debt_bondage");
    in->n_exploitation = 2;
    in->exploitation_from_known = true;
    in->exploitation_from = harness_day("2025-03-01");
    in->exploitation_to_known = true;
    in->exploitation_to = harness_day("2026-10-30");
    strcpy(in->recruitment, "broker");
    strcpy(in->documents[0].kind, "passport");
    strcpy(in->documents[0].holder, "employer");
    strcpy(in->documents[1].kind, "seaman_book");
    strcpy(in->documents[1].holder, "broker");
    in->n_documents = 2;
    strcpy(in->immigration, "irregular_entry");
}

static void ed_nothing(tc_intake *in) { (void)in; }
static void ed_blank(tc_intake *in) { intake_init(in); }
static void ed_same_origin_and_exploitation(tc_intake *in)
{
    strcpy(in->origin, "MM");
    strcpy(in->exploitation_country, "MM");
    in->crossing = CROSSING_UNKNOWN;
}
static void ed_thai_in_thailand(tc_intake *in)
{
    strcpy(in->origin, "TH");
    strcpy(in->exploitation_country, "TH");
    in->crossing = CROSSING_NOT_CROSSED;
    strcpy(in->immigration, "thai_national");
}
static void ed_taken_abroad_and_back(tc_intake *in)
{
    /* A Thai national taken to a scam centre and back: origin equals the
     * country where they were found, transit in between. */
    strcpy(in->origin, "TH");
    strcpy(in->transit[0], "LA");
    in->n_transit = 1;
    strcpy(in->exploitation_country, "MM");
    in->crossing = CROSSING_CHECKPOINT;
}
static void ed_three_transits(tc_intake *in)
{
    strcpy(in->transit[0], "LA");
    strcpy(in->transit[1], "KH");
    strcpy(in->transit[2], "VN");
    in->n_transit = 3;
}
static void ed_origin_unknown_code(tc_intake *in) { strcpy(in->origin, "ZZ"); }
static void ed_origin_lower_case(tc_intake *in) { strcpy(in->origin, "mm"); }
static void ed_origin_stateless(tc_intake *in) { strcpy(in->origin, "XX"); }
static void ed_origin_unterminated(tc_intake *in) { memcpy(in->origin, "MMM", 3); }
static void ed_transit_empty_slot(tc_intake *in) { in->transit[0][0] = '\0'; in->n_transit = 1; }
static void ed_transit_repeated(tc_intake *in)
{
    strcpy(in->transit[0], "LA");
    strcpy(in->transit[1], "KH");
    strcpy(in->transit[2], "LA");
    in->n_transit = 3;
}
static void ed_transit_too_many(tc_intake *in) { in->n_transit = INTAKE_MAX_TRANSIT + 1; }
static void ed_transit_negative(tc_intake *in) { in->n_transit = -1; }
static void ed_exploitation_country_bad(tc_intake *in) { strcpy(in->exploitation_country, "T1"); }
static void ed_crossing_out_of_range(tc_intake *in) { in->crossing = (intake_crossing)99; }
static void ed_not_crossed_but_route_crosses(tc_intake *in) { in->crossing = CROSSING_NOT_CROSSED; }
static void ed_not_crossed_with_transit(tc_intake *in)
{
    strcpy(in->origin, "TH");
    strcpy(in->exploitation_country, "TH");
    strcpy(in->transit[0], "MY");
    in->n_transit = 1;
    in->crossing = CROSSING_NOT_CROSSED;
}
static void ed_not_crossed_route_unknown(tc_intake *in)
{
    in->origin[0] = '\0';
    in->crossing = CROSSING_NOT_CROSSED;
}
static void ed_crossing_point_escape(tc_intake *in) { strcpy(in->crossing_point, "Mae Sot\x1b]0;x\x07"); }
static void ed_district_too_long(tc_intake *in) { memset(in->district, 'a', sizeof in->district); }
static void ed_district_newline(tc_intake *in) { strcpy(in->district, "Mueang\nSamut Sakhon"); }
static void ed_establishment_bidi(tc_intake *in) { strcpy(in->establishment, "Ocean \xe2\x80\xae" "Star"); }
static void ed_establishment_invalid_utf8(tc_intake *in) { strcpy(in->establishment, "\xff" "boat"); }
static void ed_sector_unknown(tc_intake *in) { strcpy(in->sector, "mining"); }
static void ed_sector_empty(tc_intake *in) { in->sector[0] = '\0'; }
static void ed_exploitation_unknown(tc_intake *in) { strcpy(in->exploitation[1], "piracy"); }
static void ed_exploitation_empty_slot(tc_intake *in) { in->exploitation[1][0] = '\0'; }
static void ed_exploitation_repeated(tc_intake *in) { strcpy(in->exploitation[1], "forced_labour"); }
static void ed_exploitation_too_many(tc_intake *in) { in->n_exploitation = INTAKE_MAX_EXPLOITATION + 1; }
static void ed_exploitation_none(tc_intake *in) { in->n_exploitation = 0; }
static void ed_from_not_a_date(tc_intake *in) { in->exploitation_from = (caldate){ 2025, 2, 30 }; }
static void ed_from_month_13(tc_intake *in) { in->exploitation_from = (caldate){ 2025, 13, 1 }; }
static void ed_from_future(tc_intake *in)
{
    in->exploitation_from = harness_day("2026-11-22");
    in->exploitation_to_known = false;
}
static void ed_from_today(tc_intake *in)
{
    in->exploitation_from = harness_day("2026-11-21");
    in->exploitation_to = harness_day("2026-11-21");
}
static void ed_to_future(tc_intake *in) { in->exploitation_to = harness_day("2027-01-01"); }
static void ed_to_before_from(tc_intake *in) { in->exploitation_to = harness_day("2025-02-28"); }
static void ed_invalid_date_unknown(tc_intake *in)
{
    /* A date that is not "known" is not read. */
    in->exploitation_to_known = false;
    in->exploitation_to = (caldate){ 0, 0, 0 };
}
static void ed_recruitment_unknown(tc_intake *in) { strcpy(in->recruitment, "pigeon"); }
static void ed_recruitment_online(tc_intake *in) { strcpy(in->recruitment, "telegram"); }
static void ed_document_unknown(tc_intake *in) { strcpy(in->documents[1].kind, "driving_licence"); }
static void ed_document_no_holder(tc_intake *in) { in->documents[0].holder[0] = '\0'; }
static void ed_document_holder_unknown(tc_intake *in) { strcpy(in->documents[0].holder, "police"); }
static void ed_document_repeated(tc_intake *in) { strcpy(in->documents[1].kind, "passport"); }
static void ed_documents_too_many(tc_intake *in) { in->n_documents = INTAKE_MAX_DOCUMENTS + 1; }
static void ed_immigration_unknown(tc_intake *in) { strcpy(in->immigration, "illegal"); }
static void ed_immigration_empty(tc_intake *in) { in->immigration[0] = '\0'; }

static void test_intake_validate_table(void)
{
    static const struct {
        const char *name;
        void (*edit)(tc_intake *);
        intake_problem want;
        const char *field;
    } rows[] = {
        { "complete intake", ed_nothing, INTAKE_OK, NULL },
        { "blank intake", ed_blank, INTAKE_OK, NULL },
        { "origin = exploitation country", ed_same_origin_and_exploitation, INTAKE_OK, NULL },
        { "Thai exploited in Thailand", ed_thai_in_thailand, INTAKE_OK, NULL },
        { "taken abroad through a transit", ed_taken_abroad_and_back, INTAKE_OK, NULL },
        { "three transits", ed_three_transits, INTAKE_OK, NULL },
        { "origin ZZ", ed_origin_unknown_code, INTAKE_COUNTRY_UNKNOWN, "origin" },
        { "origin lower case", ed_origin_lower_case, INTAKE_COUNTRY_UNKNOWN, "origin" },
        { "origin stateless", ed_origin_stateless, INTAKE_COUNTRY_UNKNOWN, "origin" },
        { "origin without NUL", ed_origin_unterminated, INTAKE_COUNTRY_UNKNOWN, "origin" },
        { "empty transit slot", ed_transit_empty_slot, INTAKE_COUNTRY_UNKNOWN, "transit" },
        { "transit repeated", ed_transit_repeated, INTAKE_TRANSIT_REPEATED, "transit" },
        { "too many transits", ed_transit_too_many, INTAKE_TOO_MANY, "transit" },
        { "negative transit count", ed_transit_negative, INTAKE_TOO_MANY, "transit" },
        { "exploitation country T1", ed_exploitation_country_bad, INTAKE_COUNTRY_UNKNOWN,
          "exploitation_country" },
        { "crossing 99", ed_crossing_out_of_range, INTAKE_CROSSING_INVALID, "crossing" },
        { "not crossed, MM -> TH", ed_not_crossed_but_route_crosses,
          INTAKE_CROSSING_CONTRADICTS_ROUTE, "crossing" },
        { "not crossed, with a transit", ed_not_crossed_with_transit,
          INTAKE_CROSSING_CONTRADICTS_ROUTE, "crossing" },
        { "not crossed, origin unknown", ed_not_crossed_route_unknown, INTAKE_OK, NULL },
        { "crossing point with OSC", ed_crossing_point_escape, INTAKE_TEXT_BAD, "crossing_point" },
        { "district without NUL", ed_district_too_long, INTAKE_TEXT_TOO_LONG, "district" },
        { "district with newline", ed_district_newline, INTAKE_TEXT_BAD, "district" },
        { "establishment with RLO", ed_establishment_bidi, INTAKE_TEXT_BAD, "establishment" },
        { "establishment bad UTF-8", ed_establishment_invalid_utf8, INTAKE_TEXT_BAD,
          "establishment" },
        { "sector mining", ed_sector_unknown, INTAKE_SECTOR_UNKNOWN, "sector" },
        { "sector not known yet", ed_sector_empty, INTAKE_OK, NULL },
        { "exploitation piracy", ed_exploitation_unknown, INTAKE_EXPLOITATION_UNKNOWN,
          "exploitation" },
        { "exploitation empty slot", ed_exploitation_empty_slot, INTAKE_EXPLOITATION_UNKNOWN,
          "exploitation" },
        { "exploitation repeated", ed_exploitation_repeated, INTAKE_EXPLOITATION_REPEATED,
          "exploitation" },
        { "too many exploitation types", ed_exploitation_too_many, INTAKE_TOO_MANY,
          "exploitation" },
        { "no exploitation type yet", ed_exploitation_none, INTAKE_OK, NULL },
        { "30 Feb", ed_from_not_a_date, INTAKE_DATE_INVALID, "exploitation_from" },
        { "month 13", ed_from_month_13, INTAKE_DATE_INVALID, "exploitation_from" },
        { "began tomorrow", ed_from_future, INTAKE_DATE_IN_FUTURE, "exploitation_from" },
        { "began and ended today", ed_from_today, INTAKE_OK, NULL },
        { "ends next year", ed_to_future, INTAKE_DATE_IN_FUTURE, "exploitation_to" },
        { "ended before it began", ed_to_before_from, INTAKE_DATES_REVERSED, "exploitation_to" },
        { "end not known", ed_invalid_date_unknown, INTAKE_OK, NULL },
        { "recruited by pigeon", ed_recruitment_unknown, INTAKE_CHANNEL_UNKNOWN, "recruitment" },
        { "recruited on Telegram", ed_recruitment_online, INTAKE_OK, NULL },
        { "driving licence", ed_document_unknown, INTAKE_DOCUMENT_UNKNOWN, "documents" },
        { "document without holder", ed_document_no_holder, INTAKE_HOLDER_UNKNOWN, "documents" },
        { "held by the police", ed_document_holder_unknown, INTAKE_HOLDER_UNKNOWN, "documents" },
        { "passport twice", ed_document_repeated, INTAKE_DOCUMENT_REPEATED, "documents" },
        { "too many documents", ed_documents_too_many, INTAKE_TOO_MANY, "documents" },
        { "immigration 'illegal'", ed_immigration_unknown, INTAKE_IMMIGRATION_UNKNOWN,
          "immigration" },
        { "immigration not known yet", ed_immigration_empty, INTAKE_OK, NULL },
    };
    intake_lists lists = intake_default_lists();
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_intake in;
        full_intake(&in);
        rows[i].edit(&in);
        intake_check c = intake_validate(&in, &lists, today());
        CHECK_ROW(c.problem == rows[i].want, rows[i].name);
        if (rows[i].field)
            CHECK_ROW(c.field && strcmp(c.field, rows[i].field) == 0, rows[i].name);
        else
            CHECK_ROW(c.field == NULL, rows[i].name);
    }
}

static void test_intake_first_problem_in_form_order(void)
{
    intake_lists lists = intake_default_lists();
    tc_intake in;
    full_intake(&in);
    strcpy(in.immigration, "illegal");
    strcpy(in.recruitment, "pigeon");
    intake_check c = intake_validate(&in, &lists, today());
    CU_ASSERT_STRING_EQUAL(c.field, "recruitment");
    strcpy(in.origin, "ZZ");
    c = intake_validate(&in, &lists, today());
    CU_ASSERT_STRING_EQUAL(c.field, "origin");
    strcpy(in.sector, "mining");
    c = intake_validate(&in, &lists, today());
    CU_ASSERT_STRING_EQUAL(c.field, "sector");
}

/* Validation follows the lists it is given: a sector an administrator
 * added is valid, and a default missing from the store's list is not. */
static void test_intake_uses_the_given_lists(void)
{
    static const tc_code_row store_sectors[] = {
        { "fishing", "Fishing", "ประมง", NULL },
        { "palm_oil", "Palm oil plantation", "สวนปาล์มน้ำมัน", "agriculture" },
    };
    static const tc_code_row store_channels[] = {
        { "zalo", "Online: Zalo", "ออนไลน์: Zalo", "online" },
        { "broker", "Broker", "นายหน้า", NULL },
    };
    intake_lists lists = intake_default_lists();
    lists.sectors = (tc_code_list){ store_sectors, COUNT(store_sectors) };
    lists.recruitment_channels = (tc_code_list){ store_channels, COUNT(store_channels) };
    tc_intake in;
    full_intake(&in);
    strcpy(in.sector, "palm_oil");
    strcpy(in.recruitment, "zalo");
    CU_ASSERT_EQUAL(intake_validate(&in, &lists, today()).problem, INTAKE_OK);
    CU_ASSERT_TRUE(intake_recruited_online(&in, &lists));
    strcpy(in.sector, "construction");
    CU_ASSERT_EQUAL(intake_validate(&in, &lists, today()).problem, INTAKE_SECTOR_UNKNOWN);
    tc_code_list empty = { NULL, 0 };
    lists.sectors = empty;
    strcpy(in.sector, "fishing");
    CU_ASSERT_EQUAL(intake_validate(&in, &lists, today()).problem, INTAKE_SECTOR_UNKNOWN);
    in.sector[0] = '\0';
    CU_ASSERT_EQUAL(intake_validate(&in, &lists, today()).problem, INTAKE_OK);
}

static void test_intake_recruited_online(void)
{
    intake_lists lists = intake_default_lists();
    tc_intake in;
    full_intake(&in);
    static const struct { const char *code; bool online; } rows[] = {
        { "facebook", true }, { "line", true }, { "tiktok", true }, { "telegram", true },
        { "whatsapp", true }, { "wechat", true }, { "online_other", true },
        { "broker", false }, { "relative", false }, { "agency", false }, { "", false },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        strcpy(in.recruitment, rows[i].code);
        CHECK_ROW(intake_recruited_online(&in, &lists) == rows[i].online, rows[i].code);
    }
}

static void test_crossing_codes(void)
{
    for (int i = 0; i < CROSSING_COUNT; i++) {
        intake_crossing back;
        CU_ASSERT_TRUE(crossing_from_code(crossing_code((intake_crossing)i), &back));
        CU_ASSERT_EQUAL(back, i);
        CU_ASSERT_PTR_NOT_NULL(crossing_label((intake_crossing)i));
    }
    intake_crossing c;
    CU_ASSERT_FALSE(crossing_from_code("bridge", &c));
    CU_ASSERT_FALSE(crossing_from_code(NULL, &c));
    CU_ASSERT_STRING_EQUAL(crossing_code(CROSSING_NATURAL_CHANNEL), "natural_channel");
    CU_ASSERT_STRING_EQUAL(crossing_code((intake_crossing)42), "unknown");
    for (int p = 0; p < INTAKE_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(intake_problem_text((intake_problem)p));
}

/* ------------------------------------------------------------- consent */

static const tc_code_row agency_kind_rows[] = {
    { "government", "Government", "หน่วยงานภาครัฐ", NULL },
    { "shelter", "Shelter", "สถานคุ้มครอง", NULL },
    { "police", "Police", "ตำรวจ", NULL },
    { "health", "Health", "สาธารณสุข", NULL },
    { "ngo", "NGO", "องค์กรพัฒนาเอกชน", NULL },
};

static tc_code_list agency_kinds(void)
{
    return (tc_code_list){ agency_kind_rows, COUNT(agency_kind_rows) };
}

static void valid_consent(tc_consent *c)
{
    consent_init(c);
    c->purpose = CONSENT_INTERVIEW;
    c->agreed = true;
    c->given_by = CONSENT_BY_PERSON;
    c->given_on = harness_day("2026-11-20");
    strcpy(c->language, "my");
    c->interpreter_used = true;
    strcpy(c->interpreter_name, "Ma Thandar");
}

static void ce_nothing(tc_consent *c) { (void)c; }
static void ce_purpose_bad(tc_consent *c) { c->purpose = (consent_purpose)CONSENT_PURPOSE_COUNT; }
static void ce_referral_no_kind(tc_consent *c) { c->purpose = CONSENT_REFERRAL; }
static void ce_referral_any(tc_consent *c)
{
    c->purpose = CONSENT_REFERRAL;
    strcpy(c->agency_kind, CONSENT_ANY_AGENCY);
}
static void ce_referral_shelter(tc_consent *c)
{
    c->purpose = CONSENT_REFERRAL;
    strcpy(c->agency_kind, "shelter");
}
static void ce_referral_unknown_kind(tc_consent *c)
{
    c->purpose = CONSENT_REFERRAL;
    strcpy(c->agency_kind, "casino");
}
static void ce_kind_on_interview(tc_consent *c) { strcpy(c->agency_kind, "police"); }
static void ce_giver_bad(tc_consent *c) { c->given_by = (consent_giver)7; }
static void ce_guardian_no_name(tc_consent *c) { c->given_by = CONSENT_BY_GUARDIAN; }
static void ce_guardian_blank_name(tc_consent *c)
{
    c->given_by = CONSENT_BY_GUARDIAN;
    strcpy(c->guardian_name, "  ");
}
static void ce_guardian_named(tc_consent *c)
{
    c->given_by = CONSENT_BY_GUARDIAN;
    strcpy(c->guardian_name, "Daw Khin");
}
static void ce_guardian_name_escape(tc_consent *c)
{
    c->given_by = CONSENT_BY_GUARDIAN;
    strcpy(c->guardian_name, "Daw\x1b[31m Khin");
}
static void ce_guardian_name_no_nul(tc_consent *c)
{
    c->given_by = CONSENT_BY_GUARDIAN;
    memset(c->guardian_name, 'k', sizeof c->guardian_name);
}
static void ce_no_date(tc_consent *c) { c->given_on = (caldate){ 0, 0, 0 }; }
static void ce_31_april(tc_consent *c) { c->given_on = (caldate){ 2026, 4, 31 }; }
static void ce_29_feb_2025(tc_consent *c) { c->given_on = (caldate){ 2025, 2, 29 }; }
static void ce_29_feb_2024(tc_consent *c) { c->given_on = (caldate){ 2024, 2, 29 }; }
static void ce_tomorrow(tc_consent *c) { c->given_on = harness_day("2026-11-22"); }
static void ce_today(tc_consent *c) { c->given_on = harness_day("2026-11-21"); }
static void ce_no_language(tc_consent *c) { c->language[0] = '\0'; }
static void ce_language_upper(tc_consent *c) { strcpy(c->language, "MY"); }
static void ce_language_name(tc_consent *c) { memcpy(c->language, "Burm", 4); }
static void ce_language_three(tc_consent *c) { strcpy(c->language, "shn"); }
static void ce_interpreter_unnamed(tc_consent *c) { c->interpreter_name[0] = '\0'; }
static void ce_no_interpreter(tc_consent *c)
{
    c->interpreter_used = false;
    c->interpreter_name[0] = '\0';
}
static void ce_withdrawn_ok(tc_consent *c)
{
    c->withdrawn = true;
    c->withdrawn_on = harness_day("2026-11-21");
}
static void ce_withdrawn_bad_date(tc_consent *c)
{
    c->withdrawn = true;
    c->withdrawn_on = (caldate){ 2026, 11, 31 };
}
static void ce_withdrawn_future(tc_consent *c)
{
    c->withdrawn = true;
    c->withdrawn_on = harness_day("2026-12-01");
}
static void ce_withdrawn_before_given(tc_consent *c)
{
    c->withdrawn = true;
    c->withdrawn_on = harness_day("2026-11-19");
}
static void ce_refusal_withdrawn(tc_consent *c)
{
    c->agreed = false;
    c->withdrawn = true;
    c->withdrawn_on = harness_day("2026-11-21");
}
static void ce_refused(tc_consent *c) { c->agreed = false; }

static void test_consent_validate_table(void)
{
    static const struct {
        const char *name;
        void (*edit)(tc_consent *);
        bool child;
        consent_problem want;
        const char *field;
    } rows[] = {
        { "adult, own consent", ce_nothing, false, CONSENT_OK, NULL },
        { "a refusal is a valid record", ce_refused, false, CONSENT_OK, NULL },
        { "purpose out of range", ce_purpose_bad, false, CONSENT_PURPOSE_INVALID, "purpose" },
        { "referral without kind", ce_referral_no_kind, false, CONSENT_AGENCY_KIND_MISSING,
          "agency_kind" },
        { "referral to any agency", ce_referral_any, false, CONSENT_OK, NULL },
        { "referral to shelters", ce_referral_shelter, false, CONSENT_OK, NULL },
        { "referral to casinos", ce_referral_unknown_kind, false, CONSENT_AGENCY_KIND_UNKNOWN,
          "agency_kind" },
        { "kind on an interview", ce_kind_on_interview, false,
          CONSENT_AGENCY_KIND_NOT_FOR_PURPOSE, "agency_kind" },
        { "giver out of range", ce_giver_bad, false, CONSENT_GIVER_INVALID, "given_by" },
        { "guardian without name", ce_guardian_no_name, false, CONSENT_GUARDIAN_NAME_MISSING,
          "guardian_name" },
        { "guardian blank name", ce_guardian_blank_name, false, CONSENT_GUARDIAN_NAME_MISSING,
          "guardian_name" },
        { "guardian name with escape", ce_guardian_name_escape, false, CONSENT_NAME_BAD_TEXT,
          "guardian_name" },
        { "guardian name without NUL", ce_guardian_name_no_nul, false, CONSENT_NAME_TOO_LONG,
          "guardian_name" },
        { "no date", ce_no_date, false, CONSENT_DATE_MISSING, "given_on" },
        { "31 April", ce_31_april, false, CONSENT_DATE_INVALID, "given_on" },
        { "29 Feb 2025", ce_29_feb_2025, false, CONSENT_DATE_INVALID, "given_on" },
        { "29 Feb 2024", ce_29_feb_2024, false, CONSENT_OK, NULL },
        { "tomorrow", ce_tomorrow, false, CONSENT_DATE_IN_FUTURE, "given_on" },
        { "today", ce_today, false, CONSENT_OK, NULL },
        { "no language", ce_no_language, false, CONSENT_LANGUAGE_MISSING, "language" },
        { "language MY", ce_language_upper, false, CONSENT_LANGUAGE_BAD, "language" },
        { "language without NUL", ce_language_name, false, CONSENT_LANGUAGE_BAD, "language" },
        { "language shn", ce_language_three, false, CONSENT_OK, NULL },
        { "interpreter not named", ce_interpreter_unnamed, false, CONSENT_INTERPRETER_MISSING,
          "interpreter_name" },
        { "no interpreter", ce_no_interpreter, false, CONSENT_OK, NULL },
        { "withdrawn today", ce_withdrawn_ok, false, CONSENT_OK, NULL },
        { "withdrawn 31 Nov", ce_withdrawn_bad_date, false, CONSENT_WITHDRAWN_DATE_INVALID,
          "withdrawn_on" },
        { "withdrawn next month", ce_withdrawn_future, false, CONSENT_WITHDRAWN_IN_FUTURE,
          "withdrawn_on" },
        { "withdrawn before given", ce_withdrawn_before_given, false,
          CONSENT_WITHDRAWN_BEFORE_GIVEN, "withdrawn_on" },
        { "refusal withdrawn", ce_refusal_withdrawn, false, CONSENT_WITHDRAW_REFUSAL, "agreed" },
        { "child, own consent only", ce_nothing, true, CONSENT_CHILD_WITHOUT_GUARDIAN,
          "given_by" },
        { "child, guardian named", ce_guardian_named, true, CONSENT_OK, NULL },
        { "child, guardian unnamed", ce_guardian_no_name, true, CONSENT_GUARDIAN_NAME_MISSING,
          "guardian_name" },
        /* A blocking problem is reported before the child warning. */
        { "child, own consent, no date", ce_no_date, true, CONSENT_DATE_MISSING, "given_on" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_consent c;
        valid_consent(&c);
        rows[i].edit(&c);
        consent_check r = consent_validate(&c, agency_kinds(), rows[i].child, today());
        CHECK_ROW(r.problem == rows[i].want, rows[i].name);
        if (rows[i].field)
            CHECK_ROW(r.field && strcmp(r.field, rows[i].field) == 0, rows[i].name);
        else
            CHECK_ROW(r.field == NULL, rows[i].name);
    }
}

static void test_consent_child_flag_is_a_warning(void)
{
    CU_ASSERT_FALSE(consent_problem_blocks(CONSENT_OK));
    CU_ASSERT_FALSE(consent_problem_blocks(CONSENT_CHILD_WITHOUT_GUARDIAN));
    for (int p = 1; p < CONSENT_PROBLEM_COUNT; p++)
        if (p != CONSENT_CHILD_WITHOUT_GUARDIAN)
            CU_ASSERT_TRUE(consent_problem_blocks((consent_problem)p));
    for (int p = 0; p < CONSENT_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(consent_problem_text((consent_problem)p));
}

/* A compact consent record for coverage tables. */
typedef struct consent_spec {
    consent_purpose purpose;
    const char *kind;           /* referral kind or NULL */
    bool agreed;
    consent_giver by;
    const char *given;          /* ISO date; NULL ends the list */
    const char *withdrawn;      /* ISO date or NULL */
    bool entry_withdrawn;
} consent_spec;

#define MAX_SPECS 4

static size_t build_records(const consent_spec *specs, tc_consent *out)
{
    size_t n = 0;
    for (; n < MAX_SPECS && specs[n].given; n++) {
        const consent_spec *s = &specs[n];
        tc_consent *c = &out[n];
        valid_consent(c);
        c->purpose = s->purpose;
        if (s->kind)
            strcpy(c->agency_kind, s->kind);
        c->agreed = s->agreed;
        c->given_by = s->by;
        if (s->by == CONSENT_BY_GUARDIAN)
            strcpy(c->guardian_name, "Daw Khin");
        c->given_on = harness_day(s->given);
        c->withdrawn = s->withdrawn != NULL;
        if (s->withdrawn)
            c->withdrawn_on = harness_day(s->withdrawn);
        c->entry_withdrawn = s->entry_withdrawn;
    }
    return n;
}

#define YES true
#define NO false
#define SELF CONSENT_BY_PERSON
#define GUARD CONSENT_BY_GUARDIAN
#define IV CONSENT_INTERVIEW
#define REF CONSENT_REFERRAL

static void test_consent_covers_table(void)
{
    static const struct {
        const char *name;
        consent_spec records[MAX_SPECS];
        consent_purpose purpose;
        const char *kind;
        const char *at;
        bool child;
        consent_cover want;
    } rows[] = {
        { "nothing recorded", { { 0 } }, IV, NULL, "2026-11-20", false, CONSENT_NOT_COVERED },
        { "agreed the same day", { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-01-10", false, CONSENT_COVERED },
        { "agreed, asked later", { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-06-01", false, CONSENT_COVERED },
        { "agreed only the day after", { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-01-09", false, CONSENT_NOT_COVERED },
        { "other purpose", { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          CONSENT_RECORD_DATA, NULL, "2026-02-01", false, CONSENT_NOT_COVERED },
        { "refused", { { IV, NULL, NO, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", false, CONSENT_REFUSED },
        { "before the withdrawal", { { IV, NULL, YES, SELF, "2026-01-10", "2026-02-01", false } },
          IV, NULL, "2026-01-31", false, CONSENT_COVERED },
        { "on the withdrawal day", { { IV, NULL, YES, SELF, "2026-01-10", "2026-02-01", false } },
          IV, NULL, "2026-02-01", false, CONSENT_WITHDRAWN },
        { "after the withdrawal", { { IV, NULL, YES, SELF, "2026-01-10", "2026-02-01", false } },
          IV, NULL, "2026-05-01", false, CONSENT_WITHDRAWN },
        { "agreed again after withdrawing",
          { { IV, NULL, YES, SELF, "2026-01-10", "2026-02-01", false },
            { IV, NULL, YES, SELF, "2026-03-01", NULL, false } },
          IV, NULL, "2026-03-02", false, CONSENT_COVERED },
        { "between withdrawal and new consent",
          { { IV, NULL, YES, SELF, "2026-01-10", "2026-02-01", false },
            { IV, NULL, YES, SELF, "2026-03-01", NULL, false } },
          IV, NULL, "2026-02-15", false, CONSENT_WITHDRAWN },
        { "later refusal wins",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false },
            { IV, NULL, NO, SELF, "2026-01-20", NULL, false } },
          IV, NULL, "2026-01-25", false, CONSENT_REFUSED },
        { "before the later refusal",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false },
            { IV, NULL, NO, SELF, "2026-01-20", NULL, false } },
          IV, NULL, "2026-01-15", false, CONSENT_COVERED },
        { "later agreement wins, whatever the array order",
          { { IV, NULL, YES, SELF, "2026-01-20", NULL, false },
            { IV, NULL, NO, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-01-25", false, CONSENT_COVERED },
        { "same day: recorded later wins (refused)",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false },
            { IV, NULL, NO, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-01-11", false, CONSENT_REFUSED },
        { "same day: recorded later wins (agreed)",
          { { IV, NULL, NO, SELF, "2026-01-10", NULL, false },
            { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-01-11", false, CONSENT_COVERED },
        { "withdrawn entry does not count",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, true } },
          IV, NULL, "2026-02-01", false, CONSENT_NOT_COVERED },
        { "withdrawn entry does not hide an earlier record",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false },
            { IV, NULL, NO, SELF, "2026-01-20", NULL, true } },
          IV, NULL, "2026-02-01", false, CONSENT_COVERED },
        { "referral: any agency covers the police",
          { { REF, "any", YES, SELF, "2026-01-10", NULL, false } },
          REF, "police", "2026-02-01", false, CONSENT_COVERED },
        { "referral: any agency, kind not given",
          { { REF, "any", YES, SELF, "2026-01-10", NULL, false } },
          REF, NULL, "2026-02-01", false, CONSENT_COVERED },
        { "referral: health does not cover the police",
          { { REF, "health", YES, SELF, "2026-01-10", NULL, false } },
          REF, "police", "2026-02-01", false, CONSENT_NOT_COVERED },
        { "referral: health covers health",
          { { REF, "health", YES, SELF, "2026-01-10", NULL, false } },
          REF, "health", "2026-02-01", false, CONSENT_COVERED },
        { "referral: exact refusal outranks a later 'any'",
          { { REF, "police", NO, SELF, "2026-01-05", NULL, false },
            { REF, "any", YES, SELF, "2026-01-10", NULL, false } },
          REF, "police", "2026-02-01", false, CONSENT_REFUSED },
        { "referral: 'any' still covers other kinds",
          { { REF, "police", NO, SELF, "2026-01-05", NULL, false },
            { REF, "any", YES, SELF, "2026-01-10", NULL, false } },
          REF, "shelter", "2026-02-01", false, CONSENT_COVERED },
        { "referral: 'any' withdrawn",
          { { REF, "any", YES, SELF, "2026-01-10", "2026-01-20", false } },
          REF, "shelter", "2026-02-01", false, CONSENT_WITHDRAWN },
        { "interview consent does not cover a referral",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          REF, "shelter", "2026-02-01", false, CONSENT_NOT_COVERED },
        { "child: own consent only",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", true, CONSENT_CHILD_NEEDS_GUARDIAN },
        { "child: guardian agreed",
          { { IV, NULL, YES, GUARD, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", true, CONSENT_COVERED },
        { "child: own yes, guardian no",
          { { IV, NULL, YES, SELF, "2026-01-12", NULL, false },
            { IV, NULL, NO, GUARD, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", true, CONSENT_REFUSED },
        { "child: own refusal, no guardian",
          { { IV, NULL, NO, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", true, CONSENT_REFUSED },
        { "child: own consent withdrawn, no guardian",
          { { IV, NULL, YES, SELF, "2026-01-10", "2026-01-15", false } },
          IV, NULL, "2026-02-01", true, CONSENT_WITHDRAWN },
        { "child: guardian yes, later own refusal",
          { { IV, NULL, YES, GUARD, "2026-01-10", NULL, false },
            { IV, NULL, NO, SELF, "2026-01-12", NULL, false } },
          IV, NULL, "2026-02-01", true, CONSENT_COVERED },
        { "child: guardian consent withdrawn",
          { { IV, NULL, YES, GUARD, "2026-01-10", "2026-01-20", false } },
          IV, NULL, "2026-02-01", true, CONSENT_WITHDRAWN },
        { "child: own exact kind, guardian any agency",
          { { REF, "shelter", YES, SELF, "2026-01-10", NULL, false },
            { REF, "any", YES, GUARD, "2026-01-10", NULL, false } },
          REF, "shelter", "2026-02-01", true, CONSENT_COVERED },
        { "adult: a representative's consent counts",
          { { IV, NULL, YES, GUARD, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", false, CONSENT_COVERED },
        { "adult now, consent given as a child's own",
          { { IV, NULL, YES, SELF, "2026-01-10", NULL, false } },
          IV, NULL, "2026-02-01", false, CONSENT_COVERED },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_consent records[MAX_SPECS];
        size_t n = build_records(rows[i].records, records);
        consent_cover got = consent_covers(records, n, rows[i].purpose, rows[i].kind,
                                           harness_day(rows[i].at), rows[i].child);
        CHECK_ROW(got == rows[i].want, rows[i].name);
    }
    CU_ASSERT_EQUAL(consent_covers(NULL, 0, IV, NULL, harness_day("2026-01-01"), false),
                    CONSENT_NOT_COVERED);
    for (int c = 0; c < CONSENT_COVER_COUNT; c++)
        CU_ASSERT_PTR_NOT_NULL(consent_cover_text((consent_cover)c));
}

/* Withdrawing keeps the record: what it covered before still counts. */
static void test_consent_withdrawal_keeps_history(void)
{
    tc_consent before, after;
    valid_consent(&before);
    before.purpose = CONSENT_SHARE_EMBASSY;
    before.given_on = harness_day("2026-10-01");
    memset(&after, 0, sizeof after);

    CU_ASSERT_EQUAL(consent_withdraw(&before, harness_day("2026-11-01"), today(), &after), CONSENT_OK);
    CU_ASSERT_FALSE(before.withdrawn);
    CU_ASSERT_TRUE(after.withdrawn);
    CU_ASSERT_EQUAL(caldate_compare(after.withdrawn_on, harness_day("2026-11-01")), 0);
    CU_ASSERT_EQUAL(after.purpose, CONSENT_SHARE_EMBASSY);
    CU_ASSERT_EQUAL(caldate_compare(after.given_on, before.given_on), 0);
    CU_ASSERT_STRING_EQUAL(after.interpreter_name, before.interpreter_name);
    CU_ASSERT_EQUAL(consent_validate(&after, agency_kinds(), false, today()).problem, CONSENT_OK);

    /* Sharing done in October stays covered; after 1 November it is not. */
    CU_ASSERT_EQUAL(consent_covers(&after, 1, CONSENT_SHARE_EMBASSY, NULL, harness_day("2026-10-15"),
                                   false), CONSENT_COVERED);
    CU_ASSERT_EQUAL(consent_covers(&after, 1, CONSENT_SHARE_EMBASSY, NULL, harness_day("2026-11-02"),
                                   false), CONSENT_WITHDRAWN);

    tc_consent again = after;
    CU_ASSERT_EQUAL(consent_withdraw(&after, harness_day("2026-11-10"), today(), &again),
                    CONSENT_ALREADY_WITHDRAWN);
    CU_ASSERT_EQUAL(caldate_compare(again.withdrawn_on, harness_day("2026-11-01")), 0);

    tc_consent untouched;
    memset(&untouched, 0, sizeof untouched);
    CU_ASSERT_EQUAL(consent_withdraw(&before, harness_day("2026-09-30"), today(), &untouched),
                    CONSENT_WITHDRAWN_BEFORE_GIVEN);
    CU_ASSERT_EQUAL(consent_withdraw(&before, harness_day("2026-11-22"), today(), &untouched),
                    CONSENT_WITHDRAWN_IN_FUTURE);
    CU_ASSERT_EQUAL(consent_withdraw(&before, (caldate){ 2026, 2, 30 }, today(), &untouched),
                    CONSENT_WITHDRAWN_DATE_INVALID);
    CU_ASSERT_FALSE(untouched.withdrawn);

    tc_consent refusal = before;
    refusal.agreed = false;
    CU_ASSERT_EQUAL(consent_withdraw(&refusal, harness_day("2026-11-01"), today(), &untouched),
                    CONSENT_WITHDRAW_REFUSAL);
    tc_consent wrong_entry = before;
    wrong_entry.entry_withdrawn = true;
    CU_ASSERT_EQUAL(consent_withdraw(&wrong_entry, harness_day("2026-11-01"), today(), &untouched),
                    CONSENT_ALREADY_WITHDRAWN);
}

static void test_consent_override_needs_reason(void)
{
    static const struct { const char *reason; consent_problem want; } rows[] = {
        { "Child in immediate danger at the workplace", CONSENT_OK },
        { "เด็กอยู่ในภาวะอันตราย ต้องส่งต่อทันที", CONSENT_OK },
        { "Line one\nline two", CONSENT_OK },
        { "", CONSENT_OVERRIDE_REASON_MISSING },
        { "   \n\t ", CONSENT_OVERRIDE_REASON_MISSING },
        { "danger\x1b[2J", CONSENT_REASON_BAD_TEXT },
        { "\xc3\x28", CONSENT_REASON_BAD_TEXT },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        consent_override o;
        memset(&o, 0, sizeof o);
        o.purpose = CONSENT_REFERRAL;
        strcpy(o.agency_kind, "shelter");
        strcpy(o.reason, rows[i].reason);
        consent_check c = consent_override_validate(&o);
        CHECK_ROW(c.problem == rows[i].want, rows[i].reason);
        if (rows[i].want != CONSENT_OK)
            CHECK_ROW(c.field && strcmp(c.field, "reason") == 0, rows[i].reason);
    }
    consent_override o;
    memset(&o, 'x', sizeof o);
    o.purpose = CONSENT_REFERRAL;
    CU_ASSERT_EQUAL(consent_override_validate(&o).problem, CONSENT_REASON_TOO_LONG);
    o.purpose = (consent_purpose)-1;
    CU_ASSERT_EQUAL(consent_override_validate(&o).problem, CONSENT_PURPOSE_INVALID);
}

static void test_consent_permits(void)
{
    consent_override good;
    memset(&good, 0, sizeof good);
    good.purpose = CONSENT_REFERRAL;
    strcpy(good.reason, "Child in danger");
    consent_override no_reason = good;
    no_reason.reason[0] = '\0';
    consent_override other_purpose = good;
    other_purpose.purpose = CONSENT_SHARE_CROSS_BORDER;

    static const consent_cover not_covered[] = {
        CONSENT_NOT_COVERED, CONSENT_REFUSED, CONSENT_WITHDRAWN, CONSENT_CHILD_NEEDS_GUARDIAN,
    };
    CU_ASSERT_TRUE(consent_permits(CONSENT_COVERED, REF, NULL));
    CU_ASSERT_TRUE(consent_permits(CONSENT_COVERED, REF, &no_reason));
    for (size_t i = 0; i < COUNT(not_covered); i++) {
        CU_ASSERT_FALSE(consent_permits(not_covered[i], REF, NULL));
        CU_ASSERT_FALSE(consent_permits(not_covered[i], REF, &no_reason));
        CU_ASSERT_FALSE(consent_permits(not_covered[i], REF, &other_purpose));
        CU_ASSERT_TRUE(consent_permits(not_covered[i], REF, &good));
    }
}

static void test_consent_codes(void)
{
    static const char *const want[] = {
        "interview", "record_data", "referral", "share_embassy", "share_cross_border",
        "legal_proceedings", "repatriation",
    };
    CU_ASSERT_EQUAL(COUNT(want), CONSENT_PURPOSE_COUNT);
    for (int i = 0; i < CONSENT_PURPOSE_COUNT; i++) {
        consent_purpose back;
        CU_ASSERT_STRING_EQUAL(consent_purpose_code((consent_purpose)i), want[i]);
        CU_ASSERT_TRUE(consent_purpose_from_code(want[i], &back));
        CU_ASSERT_EQUAL(back, i);
        CU_ASSERT_PTR_NOT_NULL(consent_purpose_label((consent_purpose)i));
    }
    consent_giver g;
    CU_ASSERT_TRUE(consent_giver_from_code("guardian", &g));
    CU_ASSERT_EQUAL(g, CONSENT_BY_GUARDIAN);
    CU_ASSERT_STRING_EQUAL(consent_giver_code(CONSENT_BY_PERSON), "person");
    CU_ASSERT_FALSE(consent_giver_from_code("uncle", &g));
    consent_purpose p;
    CU_ASSERT_FALSE(consent_purpose_from_code("marketing", &p));
    CU_ASSERT_FALSE(consent_purpose_from_code(NULL, &p));
}

/* --------------------------------------------------------------- needs */

static void test_need_transition_every_pair(void)
{
    /* The whole table, written out: rows are "from", columns "to", in the
     * order identified, referred, in progress, provided, declined,
     * unavailable. */
    static const bool want[NEED_STATE_COUNT][NEED_STATE_COUNT] = {
        [NEED_IDENTIFIED] = { 0, 1, 1, 1, 1, 1 },
        [NEED_REFERRED] = { 1, 0, 1, 1, 1, 1 },
        [NEED_IN_PROGRESS] = { 0, 1, 0, 1, 1, 1 },
        [NEED_PROVIDED] = { 0, 0, 0, 0, 0, 0 },
        [NEED_DECLINED] = { 1, 1, 1, 1, 0, 0 },
        [NEED_UNAVAILABLE] = { 1, 1, 1, 1, 0, 0 },
    };
    for (int from = 0; from < NEED_STATE_COUNT; from++) {
        for (int to = 0; to < NEED_STATE_COUNT; to++) {
            char name[64];
            snprintf(name, sizeof name, "%s -> %s", need_state_code((need_state)from),
                     need_state_code((need_state)to));
            CHECK_ROW(need_transition_allowed((need_state)from, (need_state)to)
                      == want[from][to], name);

            tc_need n;
            need_init(&n);
            n.state = (need_state)from;
            need_problem p = need_transition_check(&n, (need_state)to, "No interpreter for Karen");
            need_problem expect = from == to ? NEED_SAME_STATE
                                  : want[from][to] ? NEED_OK : NEED_TRANSITION_REFUSED;
            CHECK_ROW(p == expect, name);
        }
    }
    CU_ASSERT_FALSE(need_transition_allowed((need_state)-1, NEED_REFERRED));
    CU_ASSERT_FALSE(need_transition_allowed(NEED_IDENTIFIED, NEED_STATE_COUNT));
}

static void test_need_transition_reasons(void)
{
    tc_need n;
    need_init(&n);
    n.state = NEED_REFERRED;
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_UNAVAILABLE, NULL), NEED_REASON_MISSING);
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_UNAVAILABLE, ""), NEED_REASON_MISSING);
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_UNAVAILABLE, " \n "), NEED_REASON_MISSING);
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_UNAVAILABLE, "x\x07"), NEED_REASON_BAD_TEXT);
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_UNAVAILABLE,
                                          "ไม่มีล่ามภาษากะเหรี่ยงในจังหวัด"), NEED_OK);
    /* The person needs no reason to decline. */
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_DECLINED, NULL), NEED_OK);
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_PROVIDED, NULL), NEED_OK);
    CU_ASSERT_EQUAL(need_transition_check(&n, (need_state)99, NULL), NEED_STATE_INVALID);
    n.entry_withdrawn = true;
    CU_ASSERT_EQUAL(need_transition_check(&n, NEED_PROVIDED, NULL), NEED_ENTRY_WITHDRAWN);
}

static void test_need_validate(void)
{
    tc_need n;
    need_init(&n);
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_OK);
    CU_ASSERT_PTR_NULL(need_validate(&n).field);

    n.state = NEED_UNAVAILABLE;
    need_check c = need_validate(&n);
    CU_ASSERT_EQUAL(c.problem, NEED_REASON_MISSING);
    CU_ASSERT_STRING_EQUAL(c.field, "unavailable_reason");
    strcpy(n.unavailable_reason, "No shelter for men in the province");
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_OK);
    /* The reason stays after the service is found: history, not an error. */
    n.state = NEED_PROVIDED;
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_OK);
    strcpy(n.unavailable_reason, "bad\x1b");
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_REASON_BAD_TEXT);
    n.unavailable_reason[0] = '\0';
    strcpy(n.note, "Seen by the doctor on Monday.\nFollow-up in a week.");
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_OK);
    memset(n.note, 'a', sizeof n.note);
    c = need_validate(&n);
    CU_ASSERT_EQUAL(c.problem, NEED_NOTE_TOO_LONG);
    CU_ASSERT_STRING_EQUAL(c.field, "note");
    need_init(&n);
    n.kind = NEED_KIND_COUNT;
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_KIND_INVALID);
    need_init(&n);
    n.state = (need_state)-3;
    CU_ASSERT_EQUAL(need_validate(&n).problem, NEED_STATE_INVALID);
    for (int p = 0; p < NEED_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(need_problem_text((need_problem)p));
}

static void test_need_kinds(void)
{
    static const char *const s33[] = {
        "safety", "food", "shelter", "medical", "rehabilitation", "education", "training",
        "legal_aid", "return_home", "compensation",
    };
    static const char *const extras[] = {
        "interpreter", "legal_counselling", "consular", "identity_documents", "wage_recovery",
        "family_contact",
    };
    CU_ASSERT_EQUAL(COUNT(s33) + COUNT(extras), NEED_KIND_COUNT);
    for (size_t i = 0; i < COUNT(s33); i++) {
        need_kind k;
        CHECK_ROW(need_kind_from_code(s33[i], &k) && need_kind_in_section_33(k), s33[i]);
    }
    for (size_t i = 0; i < COUNT(extras); i++) {
        need_kind k;
        CHECK_ROW(need_kind_from_code(extras[i], &k) && !need_kind_in_section_33(k), extras[i]);
    }
    for (int i = 0; i < NEED_KIND_COUNT; i++) {
        need_kind back;
        CU_ASSERT_TRUE(need_kind_from_code(need_kind_code((need_kind)i), &back));
        CU_ASSERT_EQUAL(back, i);
        for (int j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(need_kind_label((need_kind)i), need_kind_label((need_kind)j));
    }
    for (int i = 0; i < NEED_STATE_COUNT; i++) {
        need_state back;
        CU_ASSERT_TRUE(need_state_from_code(need_state_code((need_state)i), &back));
        CU_ASSERT_EQUAL(back, i);
        CU_ASSERT_PTR_NOT_NULL(need_state_label((need_state)i));
    }
    CU_ASSERT_TRUE(need_state_is_open(NEED_IDENTIFIED));
    CU_ASSERT_TRUE(need_state_is_open(NEED_REFERRED));
    CU_ASSERT_TRUE(need_state_is_open(NEED_IN_PROGRESS));
    CU_ASSERT_FALSE(need_state_is_open(NEED_PROVIDED));
    CU_ASSERT_FALSE(need_state_is_open(NEED_DECLINED));
    CU_ASSERT_FALSE(need_state_is_open(NEED_UNAVAILABLE));
    need_kind k;
    CU_ASSERT_FALSE(need_kind_from_code("pizza", &k));
}

static void test_needs_sort_urgent_first(void)
{
    static const struct { need_kind kind; need_state state; bool urgent; bool withdrawn; } in[] = {
        { NEED_FOOD, NEED_PROVIDED, true, false },          /* urgent but done */
        { NEED_EDUCATION, NEED_IDENTIFIED, false, false },
        { NEED_MEDICAL, NEED_IDENTIFIED, true, false },
        { NEED_SAFETY, NEED_IDENTIFIED, true, true },       /* withdrawn entry */
        { NEED_TRAINING, NEED_UNAVAILABLE, false, false },
        { NEED_INTERPRETER, NEED_REFERRED, true, false },
        { NEED_LEGAL_AID, NEED_IN_PROGRESS, false, false },
    };
    static const need_kind want[] = {
        NEED_MEDICAL, NEED_INTERPRETER,         /* urgent and open, in given order */
        NEED_EDUCATION, NEED_LEGAL_AID,         /* open */
        NEED_FOOD, NEED_TRAINING,               /* closed */
        NEED_SAFETY,                            /* withdrawn */
    };
    tc_need needs[COUNT(in)];
    for (size_t i = 0; i < COUNT(in); i++) {
        need_init(&needs[i]);
        needs[i].kind = in[i].kind;
        needs[i].state = in[i].state;
        needs[i].urgent = in[i].urgent;
        needs[i].entry_withdrawn = in[i].withdrawn;
        if (in[i].state == NEED_UNAVAILABLE)
            strcpy(needs[i].unavailable_reason, "No course in Burmese");
    }
    CU_ASSERT_EQUAL(needs_count_urgent_open(needs, COUNT(needs)), 2);
    needs_sort_for_view(needs, COUNT(needs));
    for (size_t i = 0; i < COUNT(want); i++)
        CHECK_ROW(needs[i].kind == want[i], need_kind_code(want[i]));
    CU_ASSERT_STRING_EQUAL(needs[5].unavailable_reason, "No course in Burmese");
    needs_sort_for_view(needs, 0);
    needs_sort_for_view(needs, 1);
    CU_ASSERT_EQUAL(needs[0].kind, NEED_MEDICAL);
}

/* --------------------------------------------------------------- stage */

static void test_stage_derive_table(void)
{
    static const struct { const char *name; stage_facts f; case_stage want; } rows[] = {
        { "nothing yet", { 0 }, STAGE_INTAKE },
        { "screened", { .has_screening = true }, STAGE_SCREENING },
        { "referred to the MDT", { .has_screening = true, .identification = STAGE_ID_PENDING },
          STAGE_IDENTIFICATION },
        { "identified", { .has_screening = true, .identification = STAGE_ID_VICTIM },
          STAGE_IDENTIFICATION },
        { "not a victim", { .has_screening = true, .identification = STAGE_ID_NOT_VICTIM },
          STAGE_IDENTIFICATION },
        { "protected before identification", { .has_screening = true, .has_protection = true },
          STAGE_PROTECTION },
        { "identified and protected",
          { .has_screening = true, .identification = STAGE_ID_VICTIM, .has_protection = true },
          STAGE_PROTECTION },
        { "legal proceedings",
          { .identification = STAGE_ID_VICTIM, .has_protection = true,
            .has_legal_proceedings = true }, STAGE_LEGAL },
        { "return without proceedings",
          { .identification = STAGE_ID_VICTIM, .has_protection = true,
            .has_repatriation_plan = true }, STAGE_RETURN },
        { "return while proceedings go on",
          { .has_legal_proceedings = true, .has_repatriation_plan = true }, STAGE_RETURN },
        { "reintegration",
          { .has_repatriation_plan = true, .has_reintegration_plan = true }, STAGE_REINTEGRATION },
        { "Thai returnee: reintegration without repatriation",
          { .has_screening = true, .has_reintegration_plan = true }, STAGE_REINTEGRATION },
        { "closed at screening", { .has_screening = true, .closed = true }, STAGE_CLOSED },
        { "closed after reintegration", { .has_reintegration_plan = true, .closed = true },
          STAGE_CLOSED },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(stage_derive(&rows[i].f) == rows[i].want, rows[i].name);
}

static void test_stage_close_rules(void)
{
    stage_facts open_screened = { .has_screening = true };
    stage_facts victim = { .identification = STAGE_ID_VICTIM, .has_protection = true };
    stage_facts reintegrating = { .identification = STAGE_ID_VICTIM,
                                  .has_reintegration_plan = true };
    stage_facts closed = { .has_screening = true, .closed = true };
    static const struct {
        const char *name;
        int facts;              /* 0 screened, 1 victim, 2 reintegrating, 3 closed */
        closure_reason reason;
        const char *note;
        stage_problem want;
    } rows[] = {
        { "not identified", 0, CLOSE_NOT_IDENTIFIED, "", STAGE_OK },
        { "declined help", 0, CLOSE_DECLINED, "", STAGE_OK },
        { "lost contact", 1, CLOSE_LOST_CONTACT, "", STAGE_OK },
        { "transferred", 1, CLOSE_TRANSFERRED, "To the shelter in Songkhla", STAGE_OK },
        { "reintegrated", 2, CLOSE_REINTEGRATED, "", STAGE_OK },
        { "reintegrated too early", 1, CLOSE_REINTEGRATED, "", STAGE_REINTEGRATED_TOO_EARLY },
        { "not identified, but a victim", 1, CLOSE_NOT_IDENTIFIED, "",
          STAGE_CONTRADICTS_IDENTIFICATION },
        { "other with a note", 0, CLOSE_OTHER, "Duplicate of another case", STAGE_OK },
        { "other without a note", 0, CLOSE_OTHER, "", STAGE_CLOSURE_NOTE_MISSING },
        { "other, blank note", 0, CLOSE_OTHER, "  \n", STAGE_CLOSURE_NOTE_MISSING },
        { "note with escape", 0, CLOSE_DECLINED, "x\x1b[H", STAGE_NOTE_BAD_TEXT },
        { "reason out of range", 0, (closure_reason)CLOSURE_REASON_COUNT, "",
          STAGE_CLOSURE_REASON_INVALID },
        { "already closed", 3, CLOSE_LOST_CONTACT, "", STAGE_ALREADY_CLOSED },
    };
    const stage_facts *facts[] = { &open_screened, &victim, &reintegrating, &closed };
    for (size_t i = 0; i < COUNT(rows); i++) {
        stage_closure c;
        memset(&c, 0, sizeof c);
        c.reason = rows[i].reason;
        strcpy(c.note, rows[i].note);
        CHECK_ROW(stage_close_check(facts[rows[i].facts], &c) == rows[i].want, rows[i].name);
    }
    stage_closure long_note;
    long_note.reason = CLOSE_DECLINED;
    memset(long_note.note, 'n', sizeof long_note.note);
    CU_ASSERT_EQUAL(stage_close_check(&open_screened, &long_note), STAGE_NOTE_TOO_LONG);
}

static void test_stage_reopen_rules(void)
{
    stage_facts closed = { .has_screening = true, .has_protection = true, .closed = true };
    stage_facts open = { .has_screening = true };
    CU_ASSERT_EQUAL(stage_reopen_check(&closed, "The person came back to the shelter"), STAGE_OK);
    CU_ASSERT_EQUAL(stage_reopen_check(&closed, ""), STAGE_REOPEN_REASON_MISSING);
    CU_ASSERT_EQUAL(stage_reopen_check(&closed, NULL), STAGE_REOPEN_REASON_MISSING);
    CU_ASSERT_EQUAL(stage_reopen_check(&closed, "\x7f"), STAGE_NOTE_BAD_TEXT);
    CU_ASSERT_EQUAL(stage_reopen_check(&open, "why not"), STAGE_NOT_CLOSED);
    /* Reopened, the stage comes back from the facts. */
    closed.closed = false;
    CU_ASSERT_EQUAL(stage_derive(&closed), STAGE_PROTECTION);
    for (int p = 0; p < STAGE_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(stage_problem_text((stage_problem)p));
}

static void test_stage_suggest_closure(void)
{
    closure_reason r = CLOSE_OTHER;
    stage_facts not_victim = { .has_screening = true, .identification = STAGE_ID_NOT_VICTIM };
    CU_ASSERT_TRUE(stage_suggest_closure(&not_victim, &r));
    CU_ASSERT_EQUAL(r, CLOSE_NOT_IDENTIFIED);
    stage_facts victim = { .identification = STAGE_ID_VICTIM };
    CU_ASSERT_FALSE(stage_suggest_closure(&victim, &r));
    not_victim.closed = true;
    CU_ASSERT_FALSE(stage_suggest_closure(&not_victim, &r));
}

static void test_stage_codes(void)
{
    static const char *const want[] = {
        "intake", "screening", "identification", "protection", "legal", "return",
        "reintegration", "closed",
    };
    CU_ASSERT_EQUAL(COUNT(want), STAGE_COUNT);
    for (int i = 0; i < STAGE_COUNT; i++) {
        case_stage back;
        CU_ASSERT_STRING_EQUAL(stage_code((case_stage)i), want[i]);
        CU_ASSERT_TRUE(stage_from_code(want[i], &back));
        CU_ASSERT_EQUAL(back, i);
    }
    for (int i = 0; i < CLOSURE_REASON_COUNT; i++) {
        closure_reason back;
        CU_ASSERT_TRUE(closure_reason_from_code(closure_reason_code((closure_reason)i), &back));
        CU_ASSERT_EQUAL(back, i);
        CU_ASSERT_PTR_NOT_NULL(closure_reason_label((closure_reason)i));
    }
    case_stage s;
    CU_ASSERT_FALSE(stage_from_code("done", &s));
    CU_ASSERT_STRING_EQUAL(closure_reason_code(CLOSE_LOST_CONTACT), "lost_contact");
}

/* ------------------------------------------ corrections and withdrawals */

static void test_record_change_check_table(void)
{
    static const struct {
        const char *name;
        record_state state;
        record_action action;
        const char *reason;
        record_problem want;
    } rows[] = {
        { "correct with reason", { 1, false }, RECORD_CORRECT, "Date of birth mistyped",
          RECORD_OK },
        { "withdraw with reason", { 3, false }, RECORD_WITHDRAW, "Entered on the wrong case",
          RECORD_OK },
        { "correct without reason", { 1, false }, RECORD_CORRECT, "", RECORD_REASON_MISSING },
        { "withdraw without reason", { 1, false }, RECORD_WITHDRAW, "", RECORD_REASON_MISSING },
        { "blank reason", { 1, false }, RECORD_WITHDRAW, " \t\n", RECORD_REASON_MISSING },
        { "reason with escape", { 1, false }, RECORD_CORRECT, "oops\x1b[2J",
          RECORD_REASON_BAD_TEXT },
        { "withdrawn record", { 2, true }, RECORD_CORRECT, "fix", RECORD_ALREADY_WITHDRAWN },
        { "withdrawn twice", { 2, true }, RECORD_WITHDRAW, "again", RECORD_ALREADY_WITHDRAWN },
        { "unsaved record", { 0, false }, RECORD_CORRECT, "fix", RECORD_VERSION_INVALID },
        { "action out of range", { 1, false }, (record_action)5, "fix", RECORD_ACTION_INVALID },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        record_change ch;
        memset(&ch, 0, sizeof ch);
        ch.action = rows[i].action;
        strcpy(ch.reason, rows[i].reason);
        CHECK_ROW(record_change_check(rows[i].state, &ch) == rows[i].want, rows[i].name);
    }
    record_change long_reason;
    long_reason.action = RECORD_CORRECT;
    memset(long_reason.reason, 'r', sizeof long_reason.reason);
    CU_ASSERT_EQUAL(record_change_check((record_state){ 1, false }, &long_reason),
                    RECORD_REASON_TOO_LONG);
    for (int p = 0; p < RECORD_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(record_problem_text((record_problem)p));
}

/* A correction and a withdrawal each make a new version; the earlier
 * state is left as it was, for the store to keep as history. */
static void test_record_withdrawal_keeps_history(void)
{
    record_change fix = { RECORD_CORRECT, "Wrong district" };
    record_change withdraw = { RECORD_WITHDRAW, "Duplicate of case 7G4-2026-0012" };
    record_state v1 = { 1, false };

    CU_ASSERT_EQUAL(record_change_check(v1, &fix), RECORD_OK);
    record_state v2 = record_change_apply(v1, &fix);
    CU_ASSERT_EQUAL(v2.version, 2);
    CU_ASSERT_FALSE(v2.withdrawn);

    CU_ASSERT_EQUAL(record_change_check(v2, &withdraw), RECORD_OK);
    record_state v3 = record_change_apply(v2, &withdraw);
    CU_ASSERT_EQUAL(v3.version, 3);
    CU_ASSERT_TRUE(v3.withdrawn);
    /* The versions before are untouched. */
    CU_ASSERT_EQUAL(v1.version, 1);
    CU_ASSERT_EQUAL(v2.version, 2);
    CU_ASSERT_FALSE(v2.withdrawn);
    /* Once withdrawn, a record cannot change again. */
    CU_ASSERT_EQUAL(record_change_check(v3, &fix), RECORD_ALREADY_WITHDRAWN);

    record_action a;
    CU_ASSERT_TRUE(record_action_from_code("withdraw", &a));
    CU_ASSERT_EQUAL(a, RECORD_WITHDRAW);
    CU_ASSERT_STRING_EQUAL(record_action_code(RECORD_CORRECT), "correct");
    CU_ASSERT_FALSE(record_action_from_code("delete", &a));
}

/* A withdrawn need is kept and shown last, never removed. */
static void test_withdrawn_need_is_kept(void)
{
    tc_need needs[2];
    need_init(&needs[0]);
    needs[0].kind = NEED_FOOD;
    needs[0].urgent = true;
    needs[0].entry_withdrawn = true;
    need_init(&needs[1]);
    needs[1].kind = NEED_MEDICAL;
    needs_sort_for_view(needs, 2);
    CU_ASSERT_EQUAL(needs[0].kind, NEED_MEDICAL);
    CU_ASSERT_EQUAL(needs[1].kind, NEED_FOOD);
    CU_ASSERT_TRUE(needs[1].entry_withdrawn);
    CU_ASSERT_EQUAL(needs_count_urgent_open(needs, 2), 0);
}

/* ------------------------------------------------------------ fieldtext */

static void test_field_text(void)
{
    char unterminated[8];
    memset(unterminated, 'a', sizeof unterminated);
    CU_ASSERT_EQUAL(field_text_check("ok", 2, false), FIELD_TEXT_OK);
    CU_ASSERT_EQUAL(field_text_check("too long", 3, false), FIELD_TEXT_TOO_LONG);
    CU_ASSERT_EQUAL(field_text_check(unterminated, sizeof unterminated - 1, false),
                    FIELD_TEXT_TOO_LONG);
    CU_ASSERT_EQUAL(field_text_check("a\nb", 10, false), FIELD_TEXT_BAD);
    CU_ASSERT_EQUAL(field_text_check("a\nb", 10, true), FIELD_TEXT_OK);
    CU_ASSERT_EQUAL(field_text_check("a\x1b" "b", 10, true), FIELD_TEXT_BAD);
    CU_ASSERT_EQUAL(field_text_check("\xe2\x80\x8f" "x", 10, false), FIELD_TEXT_BAD);
    CU_ASSERT_EQUAL(field_text_check(NULL, 10, false), FIELD_TEXT_OK);
    CU_ASSERT_FALSE(field_terminated(unterminated, sizeof unterminated));
    CU_ASSERT_TRUE(field_terminated("KH", 3));
    CU_ASSERT_FALSE(field_terminated("KHM", 3));
    CU_ASSERT_TRUE(field_terminated("", 1));
    CU_ASSERT_FALSE(field_has_visible(" \t\r\n"));
    CU_ASSERT_TRUE(field_has_visible(" ก "));
    CU_ASSERT_TRUE(field_language_code_valid("th"));
    CU_ASSERT_TRUE(field_language_code_valid("kar"));
    CU_ASSERT_FALSE(field_language_code_valid("thai"));
    CU_ASSERT_FALSE(field_language_code_valid("t"));
    CU_ASSERT_FALSE(field_language_code_valid("th,my"));
    CU_ASSERT_TRUE(field_country_code_valid("KH"));
    CU_ASSERT_FALSE(field_country_code_valid("kh"));
    CU_ASSERT_FALSE(field_country_code_valid(GEO_STATELESS));
    CU_ASSERT_FALSE(field_country_code_valid(""));
    CU_ASSERT_FALSE(field_country_code_valid("KHM"));
}

/* --------------------------------------------------------------- suites */

static CU_TestInfo codelist_tests[] = {
    { "code form", test_code_well_formed },
    { "a row an administrator adds", test_code_row_validate },
    { "built-in rows pass the same rule", test_default_lists_are_valid },
    { "built-in rows cover the issue's lists", test_default_lists_cover_the_issue },
    { "shared text checks", test_field_text },
    CU_TEST_INFO_NULL
};

static CU_TestInfo intake_tests[] = {
    { "validation table", test_intake_validate_table },
    { "first problem in form order", test_intake_first_problem_in_form_order },
    { "codes checked against the given lists", test_intake_uses_the_given_lists },
    { "recruited online follows the channel's group", test_intake_recruited_online },
    { "crossing codes", test_crossing_codes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo consent_tests[] = {
    { "validation table", test_consent_validate_table },
    { "a child without a guardian is flagged, not blocked", test_consent_child_flag_is_a_warning },
    { "coverage: purpose, date, withdrawal, kind, guardian", test_consent_covers_table },
    { "withdrawal keeps the record and its past coverage", test_consent_withdrawal_keeps_history },
    { "an override needs a reason", test_consent_override_needs_reason },
    { "covered, or overridden with a reason", test_consent_permits },
    { "purpose and giver codes", test_consent_codes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo needs_tests[] = {
    { "every allowed and refused transition", test_need_transition_every_pair },
    { "unavailable needs a reason, declined does not", test_need_transition_reasons },
    { "validation", test_need_validate },
    { "section 33 kinds and extras", test_need_kinds },
    { "urgent open needs first, stable", test_needs_sort_urgent_first },
    { "a withdrawn need is kept, last", test_withdrawn_need_is_kept },
    CU_TEST_INFO_NULL
};

static CU_TestInfo stage_tests[] = {
    { "stage from what is recorded", test_stage_derive_table },
    { "closing needs a fitting reason", test_stage_close_rules },
    { "reopening needs a reason", test_stage_reopen_rules },
    { "closure suggestion", test_stage_suggest_closure },
    { "stage and closure codes", test_stage_codes },
    { "correction and withdrawal need a reason", test_record_change_check_table },
    { "withdrawal keeps history", test_record_withdrawal_keeps_history },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "codelist", NULL, NULL, NULL, NULL, codelist_tests },
    { "intake", NULL, NULL, NULL, NULL, intake_tests },
    { "consent", NULL, NULL, NULL, NULL, consent_tests },
    { "needs", NULL, NULL, NULL, NULL, needs_tests },
    { "stage", NULL, NULL, NULL, NULL, stage_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_record", suites);
}
