/* test_htcds.c - the HTCDS export's mapping and de-identification (pure
 * core, core/htcds.h): tipcase codes to HTCDS values, ages to CTDC bands,
 * screening indicators to methods of control, the k-anonymity pass (a
 * group of 10 suppressed, a group of 11 kept), random order and ids, and
 * no field that could carry a name, an id or a date. */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/caserec.h"
#include "core/htcds.h"
#include "core/identification.h"
#include "core/needs.h"
#include "core/stage.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A fixed "random" sequence: a counter through a 64-bit mix, so tests
 * repeat exactly. */
static void fake_random(void *buf, size_t n, void *ctx)
{
    uint64_t *state = ctx;
    unsigned char *b = buf;
    for (size_t i = 0; i < n; i++) {
        uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
        z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
        b[i] = (unsigned char)(z ^ (z >> 31));
    }
}

static void field(const htcds_row *r, htcds_column c, char *out)
{
    htcds_row_field(r, c, out, HTCDS_FIELD_MAX);
}

static htcds_case blank_case(void)
{
    htcds_case c;
    htcds_case_init(&c);
    return c;
}

/* True when column col of the row made from c reads want; else says what
 * it read. */
static bool reads(const htcds_case *c, htcds_column col, const char *want)
{
    htcds_row r;
    htcds_row_from_case(c, &r);
    char got[HTCDS_FIELD_MAX];
    field(&r, col, got);
    if (!strcmp(got, want))
        return true;
    printf("\n    %s: \"%s\", wanted \"%s\"", htcds_column_name(col), got, want);
    return false;
}

/* ---- values ------------------------------------------------------------ */

static void test_gender_table(void)
{
    static const struct { int sex; const char *want; } rows[] = {
        { SEX_FEMALE, "Feminine" }, { SEX_MALE, "Masculine" },
        { SEX_OTHER, "NonConforming" }, { SEX_UNKNOWN, "NonSpecifiedUnknown" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        htcds_case c = blank_case();
        c.sex = rows[i].sex;
        CHECK_ROW(reads(&c, HTCDS_COL_GENDER, rows[i].want), rows[i].want);
    }
}

static void test_age_bands(void)
{
    static const struct { int age; const char *band, *majority; } rows[] = {
        { -1, "", "" }, { 0, "0--8", "Minor" }, { 8, "0--8", "Minor" },
        { 9, "9--17", "Minor" }, { 17, "9--17", "Minor" }, { 18, "18--20", "Adult" },
        { 20, "18--20", "Adult" }, { 21, "21--23", "Adult" }, { 26, "24--26", "Adult" },
        { 29, "27--29", "Adult" }, { 30, "30--38", "Adult" }, { 47, "39--47", "Adult" },
        { 48, "48+", "Adult" }, { 120, "48+", "Adult" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        htcds_case c = blank_case();
        c.age = rows[i].age;
        CHECK_ROW(reads(&c, HTCDS_COL_AGE, rows[i].band), rows[i].band);
        CHECK_ROW(reads(&c, HTCDS_COL_MAJORITY, rows[i].majority), rows[i].band);
    }
}

static void test_status_table(void)
{
    static const struct {
        bool identified;
        int outcome, body;
        const char *status, *by;
    } rows[] = {
        { false, IDENT_PENDING, IDENT_BODY_POLICE, "PossibleVictimOfTrafficking", "" },
        { true, IDENT_PENDING, IDENT_BODY_POLICE, "PossibleVictimOfTrafficking", "" },
        { true, IDENT_VICTIM_TRAFFICKING, IDENT_BODY_POLICE, "ActualVictimOfTrafficking",
          "Police" },
        { true, IDENT_VICTIM_FORCED_LABOUR, IDENT_BODY_GOVERNMENT, "ActualVictimOfTrafficking",
          "NonPoliceGovernmentalOrganization" },
        { true, IDENT_NOT_IDENTIFIED, IDENT_BODY_COURT_PROSECUTION, "NotAVictimOfTrafficking",
          "CourtOrProsecution" },
        { true, IDENT_VICTIM_TRAFFICKING, IDENT_BODY_NGO, "ActualVictimOfTrafficking", "NGO" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        htcds_case c = blank_case();
        c.identified = rows[i].identified;
        c.ident_outcome = rows[i].outcome;
        c.ident_body = rows[i].body;
        CHECK_ROW(reads(&c, HTCDS_COL_STATUS, rows[i].status), rows[i].status);
        CHECK_ROW(reads(&c, HTCDS_COL_DECIDED_BY, rows[i].by), rows[i].status);
    }
}

static void test_exploitation_and_industry(void)
{
    static const struct {
        const char *types[3];
        const char *sector;
        const char *want_types, *want_industry;
    } rows[] = {
        { { "forced_labour" }, "fishing", "ForcedLabour", "A_AgricultureForestryAndFishing" },
        { { "sexual_exploitation", "forced_labour" }, "entertainment",
          "ForcedLabour;SexualExploitation", "R_ArtsEntertainmentAndRecreation" },
        { { "forced_criminality" }, "online_scam", "Other", "" },
        { { "slavery", "forced_begging" }, "begging", "Servitude;ForcedBegging", "" },
        { { "illegal_adoption", "surrogacy", "organ_removal" }, "",
          "OrganRemoval;ForcedAdoption;Surrogacy", "" },
        { { "forced_marriage" }, "domestic_work", "ForcedMarriage",
          "T_ActivitiesOfHouseholdsAsEmployers" },
        { { "an_admin_added_type" }, "seafood_processing", "Other", "C_Manufacturing" },
        { { "debt_bondage" }, "construction", "ForcedLabour", "F_Construction" },
        { { NULL }, "", "", "" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        htcds_case c = blank_case();
        for (int k = 0; k < 3 && rows[i].types[k]; k++)
            snprintf(c.exploitation[c.n_exploitation++], TC_CODE_MAX + 1, "%s",
                     rows[i].types[k]);
        snprintf(c.sector, sizeof c.sector, "%s", rows[i].sector);
        CHECK_ROW(reads(&c, HTCDS_COL_EXPLOITATION, rows[i].want_types), rows[i].want_types);
        CHECK_ROW(reads(&c, HTCDS_COL_INDUSTRY, rows[i].want_industry), rows[i].want_types);
    }
}

static void test_methods_of_control(void)
{
    static const struct { const char *indicator; uint32_t want; } rows[] = {
        { "fl.doc.held", HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_DOCUMENTS) },
        { "fl.debt.owes", HTCDS_CTL_BIT(HTCDS_CTL_DEBT_BONDAGE) },
        { "fl.thr.report", HTCDS_CTL_BIT(HTCDS_CTL_THREATS_LAW_ENFORCEMENT) },
        { "fl.thr.family", HTCDS_CTL_BIT(HTCDS_CTL_THREATENS_CHILDREN_FAMILY) },
        { "fl.wag.card_held", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_FINANCIAL_ACCESS) },
        { "fl.wag.unpaid", HTCDS_CTL_BIT(HTCDS_CTL_TAKES_EARNINGS) },
        { "fl.wag.below_minimum", 0 },
        { "fl.dec.contract_language", 0 },
        { "fl.dec.pay", HTCDS_CTL_BIT(HTCDS_CTL_FALSE_PROMISES) },
        { "fl.iso.phone", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MOVEMENT) },
        { "fl.hrs.long", HTCDS_CTL_BIT(HTCDS_CTL_EXCESSIVE_WORKING_HOURS) },
        { "fl.con.no_care", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MEDICAL_CARE) },
        { "fl.vul.under18", 0 },
        { "bq.harm.sexual", HTCDS_CTL_BIT(HTCDS_CTL_SEXUAL_ABUSE) },
        { "te.means.deceived", HTCDS_CTL_BIT(HTCDS_CTL_FALSE_PROMISES) },
        { "te.act.recruited", 0 },
        { "fl.doc", 0 },            /* a section's name without its dot is no code */
        { "", 0 },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(htcds_indicator_controls(rows[i].indicator) == rows[i].want,
                  rows[i].indicator);
    CU_ASSERT_EQUAL(htcds_indicator_controls(NULL), 0);

    /* Intake facts add theirs: documents held by the employer, debt bondage. */
    htcds_case c = blank_case();
    c.indicator_controls = htcds_indicator_controls("fl.hrs.long");
    snprintf(c.holders[c.n_holders++], TC_CODE_MAX + 1, "person");
    snprintf(c.holders[c.n_holders++], TC_CODE_MAX + 1, "employer");
    snprintf(c.exploitation[c.n_exploitation++], TC_CODE_MAX + 1, "debt_bondage");
    CU_ASSERT_TRUE(reads(&c, HTCDS_COL_CONTROL,
                         "DebtBondage;ExcessiveWorkingHours;WithholdsDocuments"));

    c = blank_case();
    snprintf(c.holders[c.n_holders++], TC_CODE_MAX + 1, "person");
    CU_ASSERT_TRUE(reads(&c, HTCDS_COL_CONTROL, ""));
}

static void test_recruitment_support_referrals(void)
{
    static const struct { const char *channel, *want; } channels[] = {
        { "facebook", "ThroughOnlineSocialNetworks" }, { "line", "ThroughOnlineSocialNetworks" },
        { "relative", "ThroughFamilyOrFamilyEvents" },
        { "friend", "ThroughFriendsOrSocialEvents" }, { "agency", "AtAPlaceOfBusiness" },
        { "broker", "Other" }, { "an_admin_channel", "Other" }, { "", "" },
    };
    for (size_t i = 0; i < COUNT(channels); i++) {
        htcds_case c = blank_case();
        snprintf(c.recruitment, sizeof c.recruitment, "%s", channels[i].channel);
        CHECK_ROW(reads(&c, HTCDS_COL_RECRUITMENT, channels[i].want), channels[i].channel);
    }

    htcds_case c = blank_case();
    snprintf(c.exploitation[c.n_exploitation++], TC_CODE_MAX + 1, "sexual_exploitation");
    c.needs = 1u << NEED_SHELTER | 1u << NEED_REHABILITATION | 1u << NEED_LEGAL_AID |
              1u << NEED_INTERPRETER;
    c.referred_types = 1u << AGENCY_POLICE | 1u << AGENCY_SHELTER | 1u << AGENCY_INTERNATIONAL;
    c.repatriated = true;
    CU_ASSERT_TRUE(reads(&c, HTCDS_COL_SUPPORT,
                         "Health;Legal;SexualExploitationRehabilitation;SocialCare"));
    CU_ASSERT_TRUE(reads(&c, HTCDS_COL_REFERRED_TO,
                         "LawEnforcement;CentralGovernmentOrganisation"));
    CU_ASSERT_TRUE(reads(&c, HTCDS_COL_REPATRIATED, "TRUE"));
}

static void test_case_status(void)
{
    static const struct { bool closed; int reason; bool followup; const char *want; } rows[] = {
        { false, 0, false, "Active" }, { false, 0, true, "FollowUp" },
        { true, CLOSE_REINTEGRATED, false, "Closed" },
        { true, CLOSE_TRANSFERRED, false, "ClosedReferred" },
        { true, CLOSE_LOST_CONTACT, true, "Closed" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        htcds_case c = blank_case();
        c.closed = rows[i].closed;
        c.closure_reason = rows[i].reason;
        c.followup = rows[i].followup;
        CHECK_ROW(reads(&c, HTCDS_COL_CASE_STATUS, rows[i].want), rows[i].want);
    }
}

static void test_column_names(void)
{
    static const char *const want[HTCDS_COLUMN_COUNT] = {
        "tc_RowId", "yearOfRegistration", "prs_Gender", "ageBroad", "majorityStatus",
        "prs_Citizenship", "vic_TraffickingStatus", "vic_TraffickingStatusDecisionMakingOrg",
        "vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "vic_MethodsOfControl",
        "vic_MethodOfRecruitment", "cas_Status", "spl_Type", "tc_ReferredOrganisationType",
        "tc_Repatriated",
    };
    int htcds = 0;
    for (int c = 0; c < HTCDS_COLUMN_COUNT; c++) {
        CHECK_ROW(!strcmp(htcds_column_name((htcds_column)c), want[c]), want[c]);
        htcds += htcds_column_is_htcds((htcds_column)c);
    }
    CU_ASSERT_EQUAL(htcds, 10);
    CU_ASSERT_FALSE(htcds_column_is_htcds(HTCDS_COL_ROW_ID));
    CU_ASSERT_TRUE(htcds_column_is_htcds(HTCDS_COL_GENDER));
}

/* ---- k-anonymity ----------------------------------------------------------- */

/* htcds_build() of n cases, its "random" bytes drawn from *seed (fatal on
 * failure). */
static htcds_export build(const htcds_case *cases, size_t n, uint64_t *seed)
{
    htcds_export e;
    CU_ASSERT_TRUE_FATAL(htcds_build(cases, n, fake_random, seed, &e));
    return e;
}

/* n women of 25 from Myanmar registered in 2026, then m men of 40 from Laos
 * in 2025. */
static htcds_case *two_groups(size_t n, size_t m)
{
    htcds_case *cases = calloc(n + m, sizeof *cases);
    for (size_t i = 0; i < n + m; i++) {
        htcds_case_init(&cases[i]);
        bool first = i < n;
        cases[i].sex = first ? SEX_FEMALE : SEX_MALE;
        cases[i].age = first ? 25 : 40;
        cases[i].year = first ? 2026 : 2025;
        snprintf(cases[i].nationality, 3, "%s", first ? "MM" : "LA");
    }
    return cases;
}

static void test_k_pass_ten_suppressed_eleven_kept(void)
{
    htcds_case *cases = two_groups(11, 10);
    uint64_t seed = 7;
    htcds_export e = build(cases, 21, &seed);
    CU_ASSERT_EQUAL(e.n_rows, 21);
    CU_ASSERT_EQUAL(e.rows_suppressed, 10);
    CU_ASSERT_EQUAL(e.values_suppressed, 40);
    size_t kept = 0, suppressed = 0;
    for (size_t i = 0; i < e.n_rows; i++) {
        const htcds_row *r = &e.rows[i];
        char g[HTCDS_FIELD_MAX], a[HTCDS_FIELD_MAX], y[HTCDS_FIELD_MAX], m[HTCDS_FIELD_MAX];
        field(r, HTCDS_COL_GENDER, g);
        field(r, HTCDS_COL_AGE, a);
        field(r, HTCDS_COL_YEAR, y);
        field(r, HTCDS_COL_MAJORITY, m);
        if (!strcmp(g, "Feminine")) {
            kept++;
            CU_ASSERT_STRING_EQUAL(a, "24--26");
            CU_ASSERT_STRING_EQUAL(r->citizenship, "MM");
            CU_ASSERT_STRING_EQUAL(y, "2026");
        } else {
            suppressed++;
            CU_ASSERT_STRING_EQUAL(g, "NonSpecifiedUnknown");
            CU_ASSERT_STRING_EQUAL(a, "");
            CU_ASSERT_STRING_EQUAL(m, "");     /* goes with the age band */
            CU_ASSERT_STRING_EQUAL(r->citizenship, "");
            CU_ASSERT_STRING_EQUAL(y, "");
        }
    }
    CU_ASSERT_EQUAL(kept, 11);
    CU_ASSERT_EQUAL(suppressed, 10);
    htcds_export_free(&e);
    free(cases);
}

static void test_k_pass_counts_only_changed_values(void)
{
    /* Three rows alone in their groups, one of them already all unknown and
     * one with only its year known. */
    htcds_export e = { calloc(3, sizeof(htcds_row)), 3, 0, 0 };
    e.rows[0].gender = HTCDS_GENDER_FEMININE;
    e.rows[0].age = HTCDS_AGE_9_17;
    snprintf(e.rows[0].citizenship, 3, "KH");
    e.rows[0].year = 2024;
    e.rows[2].year = 2023;
    htcds_suppress(&e, HTCDS_K);
    CU_ASSERT_EQUAL(e.rows_suppressed, 2);
    CU_ASSERT_EQUAL(e.values_suppressed, 5);
    /* Twice changes nothing more. */
    htcds_suppress(&e, HTCDS_K);
    CU_ASSERT_EQUAL(e.rows_suppressed, 2);
    CU_ASSERT_EQUAL(e.values_suppressed, 5);
    free(e.rows);
}

static void test_k_pass_splits_on_each_identifier(void)
{
    /* 11 alike, then each of the four identifiers changed in one row: those
     * four are suppressed, the 11 stay. */
    htcds_case *cases = two_groups(15, 0);
    cases[11].sex = SEX_MALE;
    cases[12].age = 40;
    snprintf(cases[13].nationality, 3, "KH");
    cases[14].year = 2025;
    uint64_t seed = 3;
    htcds_export e = build(cases, 15, &seed);
    CU_ASSERT_EQUAL(e.rows_suppressed, 4);
    CU_ASSERT_EQUAL(e.values_suppressed, 16);
    htcds_export_free(&e);
    free(cases);
}

/* ---- nothing identifying ------------------------------------------------- */

static void test_rows_shuffled_with_random_ids(void)
{
    htcds_case *cases = two_groups(12, 0);
    for (int i = 0; i < 12; i++)
        cases[i].age = 20 + i;          /* tells the input order apart */
    uint64_t seed = 11;
    htcds_export e = build(cases, 12, &seed);
    int in_place = 0;
    for (size_t i = 0; i < e.n_rows; i++) {
        CU_ASSERT_EQUAL(strlen(e.rows[i].row_id), 16);
        CU_ASSERT_EQUAL(strspn(e.rows[i].row_id, "0123456789abcdef"), 16);
        for (size_t j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(e.rows[i].row_id, e.rows[j].row_id);
        in_place += e.rows[i].age == htcds_age_band(20 + (int)i);
    }
    CU_ASSERT(in_place < 12);
    /* Another export of the same cases gets other ids. */
    htcds_export e2 = build(cases, 12, &seed);
    for (size_t i = 0; i < e.n_rows; i++)
        for (size_t j = 0; j < e2.n_rows; j++)
            CU_ASSERT_STRING_NOT_EQUAL(e.rows[i].row_id, e2.rows[j].row_id);
    htcds_export_free(&e);
    htcds_export_free(&e2);
    free(cases);
}

/* Every field of a full row is a code: ASCII letters, digits and "_;-+",
 * never a date (no "YYYY-MM"), never text an officer typed. */
static void test_no_field_identifies(void)
{
    htcds_case *cases = two_groups(11, 0);
    for (int i = 0; i < 11; i++) {
        htcds_case *c = &cases[i];
        c->identified = true;
        c->ident_outcome = IDENT_VICTIM_TRAFFICKING;
        c->ident_body = IDENT_BODY_POLICE;
        snprintf(c->exploitation[c->n_exploitation++], TC_CODE_MAX + 1, "forced_labour");
        snprintf(c->sector, sizeof c->sector, "fishing");
        snprintf(c->recruitment, sizeof c->recruitment, "broker");
        c->indicator_controls = ~UINT32_C(0);
        c->needs = ~UINT32_C(0);
        c->referred_types = ~UINT32_C(0);
    }
    uint64_t seed = 5;
    htcds_export e = build(cases, 11, &seed);
    for (size_t i = 0; i < e.n_rows; i++)
        for (int col = 0; col < HTCDS_COLUMN_COUNT; col++) {
            char got[HTCDS_FIELD_MAX];
            field(&e.rows[i], (htcds_column)col, got);
            size_t n = strlen(got);
            CHECK_ROW(strspn(got, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "0123456789_;-+") == n,
                      htcds_column_name((htcds_column)col));
            CHECK_ROW(!strstr(got, "2026-"), htcds_column_name((htcds_column)col));
        }
    /* All 17 methods of control, joined. */
    char got[HTCDS_FIELD_MAX];
    field(&e.rows[0], HTCDS_COL_CONTROL, got);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "PhysicalThreats;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(got, ";Other"));
    htcds_export_free(&e);
    free(cases);
}

static void test_empty_export(void)
{
    uint64_t seed = 1;
    htcds_export e;
    CU_ASSERT_TRUE(htcds_build(NULL, 0, fake_random, &seed, &e));
    CU_ASSERT_EQUAL(e.n_rows, 0);
    CU_ASSERT_EQUAL(e.rows_suppressed, 0);
    htcds_export_free(&e);
    htcds_export_free(NULL);
}

static CU_TestInfo mapping_tests[] = {
    { "sex to prs_Gender", test_gender_table },
    { "age to ageBroad and majorityStatus", test_age_bands },
    { "identification to vic_TraffickingStatus", test_status_table },
    { "exploitation types and sectors", test_exploitation_and_industry },
    { "screening indicators to methods of control", test_methods_of_control },
    { "recruitment, support plan, referrals", test_recruitment_support_referrals },
    { "case closure to cas_Status", test_case_status },
    { "column names", test_column_names },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo anonymity_tests[] = {
    { "10 rows suppressed, 11 kept", test_k_pass_ten_suppressed_eleven_kept },
    { "only changed values counted", test_k_pass_counts_only_changed_values },
    { "each identifier splits a group", test_k_pass_splits_on_each_identifier },
    { "shuffled, random row ids", test_rows_shuffled_with_random_ids },
    { "no field identifies", test_no_field_identifies },
    { "empty export", test_empty_export },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "htcds mapping", NULL, NULL, NULL, NULL, mapping_tests },
        { "htcds de-identification", NULL, NULL, NULL, NULL, anonymity_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_htcds", suites);
}
