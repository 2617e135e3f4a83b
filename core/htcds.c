/* htcds.c - see htcds.h (the sources of every name and value are listed
 * there). */
#include "htcds.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "agency.h"
#include "caserec.h"
#include "identification.h"
#include "needs.h"
#include "stage.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define BIT(i) (UINT32_C(1) << (i))

void htcds_case_init(htcds_case *c)
{
    memset(c, 0, sizeof *c);
    c->sex = SEX_UNKNOWN;
    c->age = -1;
}

/* ---- Value lists (HTCDS picklist value names) -------------------------- */

static const char *const gender_codes[HTCDS_GENDER_COUNT] = {
    [HTCDS_GENDER_UNKNOWN] = "NonSpecifiedUnknown",
    [HTCDS_GENDER_FEMININE] = "Feminine",
    [HTCDS_GENDER_MASCULINE] = "Masculine",
    [HTCDS_GENDER_NON_CONFORMING] = "NonConforming",
};

/* CTDC's ageBroad, written as its dataset writes it. */
static const struct { int upto; const char *code; } age_bands[HTCDS_AGE_COUNT] = {
    [HTCDS_AGE_UNKNOWN] = { -1, "" },
    [HTCDS_AGE_0_8] = { 8, "0--8" },
    [HTCDS_AGE_9_17] = { 17, "9--17" },
    [HTCDS_AGE_18_20] = { 20, "18--20" },
    [HTCDS_AGE_21_23] = { 23, "21--23" },
    [HTCDS_AGE_24_26] = { 26, "24--26" },
    [HTCDS_AGE_27_29] = { 29, "27--29" },
    [HTCDS_AGE_30_38] = { 38, "30--38" },
    [HTCDS_AGE_39_47] = { 47, "39--47" },
    [HTCDS_AGE_48_PLUS] = { 1000, "48+" },
};

static const char *const status_codes[] = {
    "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking",
};
enum { STATUS_POSSIBLE, STATUS_ACTUAL, STATUS_NOT };

static const char *const decided_by_codes[] = {
    "Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other",
};
enum { BY_POLICE, BY_NGO, BY_COURT, BY_GOVERNMENT };

static const char *const exploitation_codes[] = {
    "ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
    "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
    "Surrogacy", "Other",
};
enum { EX_FORCED_LABOUR, EX_SEXUAL, EX_CHILD_LABOUR, EX_MARRIAGE, EX_SERVITUDE, EX_MILITARY,
       EX_ORGAN, EX_BEGGING, EX_ADOPTION, EX_SURROGACY, EX_OTHER };

/* ISIC Rev. 4 sections A-U, as HTCDS names them. */
static const char *const industry_codes[] = {
    "A_AgricultureForestryAndFishing", "B_MiningAndQuarrying", "C_Manufacturing",
    "D_ElectricityGasSteamAndAirConditioningSupply", "E_WaterSupplySewerageWasteManagement",
    "F_Construction", "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
    "H_TransportationAndStorage", "I_AccommodationAndFoodServiceActivities",
    "J_InformationAndCommunication", "K_FinancialAndInsuranceActivities",
    "L_RealEstateActivities", "M_ProfessionalScientificAndTechnicalActivities",
    "N_AdministrativeAndSupportServiceActivities", "O_PublicAdministrationAndDefence",
    "P_Education", "Q_HumanHealthAndSocialWorkActivities", "R_ArtsEntertainmentAndRecreation",
    "S_OtherServiceActivities", "T_ActivitiesOfHouseholdsAsEmployers",
    "U_ActivitiesOfExtraterritorialOrganizations",
};
enum { ISIC_A = 0, ISIC_C = 2, ISIC_F = 5, ISIC_R = 17, ISIC_T = 19 };

static const char *const recruitment_codes[] = {
    "AtAPlaceOfBusiness", "AtAnEducationalInstitution", "AtWork",
    "ThroughOnlineSocialNetworks", "ThroughAnOnlineAdvertisement", "ThroughATelevisionAdvert",
    "ThroughANewspaperAdvert", "ThroughFamilyOrFamilyEvents", "ThroughFriendsOrSocialEvents",
    "Other",
};
enum { REC_BUSINESS = 0, REC_SOCIAL_NETWORKS = 3, REC_FAMILY = 7, REC_FRIENDS = 8,
       REC_OTHER = 9 };

static const char *const case_status_codes[] = { "Active", "FollowUp", "Closed",
                                                 "ClosedReferred" };
enum { CAS_ACTIVE, CAS_FOLLOW_UP, CAS_CLOSED, CAS_CLOSED_REFERRED };

/* spl_Type: from anchors.md (the .ods), not confirmed (htcds.h). */
static const char *const support_codes[] = {
    "Education", "Financial", "Health", "LabourExploitationRehabilitation", "Legal",
    "Livelihood", "RightsBasedTraining", "SexualExploitationRehabilitation", "SocialCare",
};
enum { SPL_EDUCATION, SPL_FINANCIAL, SPL_HEALTH, SPL_LABOUR_REHAB, SPL_LEGAL, SPL_LIVELIHOOD,
       SPL_RIGHTS_TRAINING, SPL_SEXUAL_REHAB, SPL_SOCIAL_CARE };

static const char *const org_type_codes[] = {
    "NGO", "LawEnforcement", "HealthServiceOrganisation", "CentralGovernmentOrganisation",
    "LocalGovernmentOrganisation", "ImmigrationService", "LegalService", "CorporateBusiness",
    "SchoolOrCollege",
};
enum { ORG_NGO, ORG_LAW, ORG_HEALTH, ORG_CENTRAL, ORG_LOCAL, ORG_IMMIGRATION, ORG_LEGAL,
       ORG_BUSINESS };

static const char *const control_codes[HTCDS_CTL_COUNT] = {
    [HTCDS_CTL_PHYSICAL_THREATS] = "PhysicalThreats",
    [HTCDS_CTL_THREATS_LAW_ENFORCEMENT] = "ThreatsLawEnforcement",
    [HTCDS_CTL_THREATENS_CHILDREN_FAMILY] = "ThreatensChildrenFamily",
    [HTCDS_CTL_DEBT_BONDAGE] = "DebtBondage",
    [HTCDS_CTL_FALSE_PROMISES] = "FalsePromises",
    [HTCDS_CTL_PHYSICAL_ABUSE] = "PhysicalAbuse",
    [HTCDS_CTL_SEXUAL_ABUSE] = "SexualAbuse",
    [HTCDS_CTL_TAKES_EARNINGS] = "TakesEarnings",
    [HTCDS_CTL_RESTRICTS_FINANCIAL_ACCESS] = "RestrictsFinancialAccess",
    [HTCDS_CTL_RESTRICTS_MEDICAL_CARE] = "RestrictsMedicalCare",
    [HTCDS_CTL_WITHHOLDS_NECESSITIES] = "WithholdsNecessities",
    [HTCDS_CTL_PSYCHOLOGICAL_ABUSE] = "PsychologicalAbuse",
    [HTCDS_CTL_PSYCHOACTIVE_SUBSTANCE] = "PsychoactiveSubstance",
    [HTCDS_CTL_EXCESSIVE_WORKING_HOURS] = "ExcessiveWorkingHours",
    [HTCDS_CTL_WITHHOLDS_DOCUMENTS] = "WithholdsDocuments",
    [HTCDS_CTL_RESTRICTS_MOVEMENT] = "RestrictsMovement",
    [HTCDS_CTL_OTHER] = "Other",
};

/* codes[i], or "" when i is outside 0..n-1. */
static const char *pick(const char *const *codes, int n, int i)
{
    return i >= 0 && i < n ? codes[i] : "";
}

const char *htcds_control_code(htcds_control c)
{
    return pick(control_codes, HTCDS_CTL_COUNT, (int)c);
}

htcds_age htcds_age_band(int age)
{
    if (age < 0)
        return HTCDS_AGE_UNKNOWN;
    for (int b = HTCDS_AGE_0_8; b < HTCDS_AGE_COUNT; b++)
        if (age <= age_bands[b].upto)
            return (htcds_age)b;
    return HTCDS_AGE_48_PLUS;
}

const char *htcds_age_code(htcds_age a)
{
    return (int)a >= 0 && a < HTCDS_AGE_COUNT ? age_bands[a].code : "";
}

/* ---- Columns ------------------------------------------------------------- */

static const char *const column_names[HTCDS_COLUMN_COUNT] = {
    [HTCDS_COL_ROW_ID] = "tc_RowId",
    [HTCDS_COL_YEAR] = "yearOfRegistration",
    [HTCDS_COL_GENDER] = "prs_Gender",
    [HTCDS_COL_AGE] = "ageBroad",
    [HTCDS_COL_MAJORITY] = "majorityStatus",
    [HTCDS_COL_CITIZENSHIP] = "prs_Citizenship",
    [HTCDS_COL_STATUS] = "vic_TraffickingStatus",
    [HTCDS_COL_DECIDED_BY] = "vic_TraffickingStatusDecisionMakingOrg",
    [HTCDS_COL_EXPLOITATION] = "vic_TypeOfExploitation",
    [HTCDS_COL_INDUSTRY] = "vic_ForcedLabourIndustry",
    [HTCDS_COL_CONTROL] = "vic_MethodsOfControl",
    [HTCDS_COL_RECRUITMENT] = "vic_MethodOfRecruitment",
    [HTCDS_COL_CASE_STATUS] = "cas_Status",
    [HTCDS_COL_SUPPORT] = "spl_Type",
    [HTCDS_COL_REFERRED_TO] = "tc_ReferredOrganisationType",
    [HTCDS_COL_REPATRIATED] = "tc_Repatriated",
};

const char *htcds_column_name(htcds_column c)
{
    return pick(column_names, HTCDS_COLUMN_COUNT, (int)c);
}

bool htcds_column_is_htcds(htcds_column c)
{
    const char *n = htcds_column_name(c);
    return !strncmp(n, "prs_", 4) || !strncmp(n, "vic_", 4) || !strncmp(n, "cas_", 4) ||
           !strncmp(n, "spl_", 4);
}

/* ---- Mapping tipcase codes ------------------------------------------------ */

typedef struct code_to_index { const char *code; int index; } code_to_index;

/* The index the table gives code, else fallback (admin-added codes). */
static int lookup(const code_to_index *t, int n, const char *code, int fallback)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(t[i].code, code))
            return t[i].index;
    return fallback;
}

/* Intake exploitation types (core/intake.c) -> vic_TypeOfExploitation.
 * HTCDS v2.0 has no forced criminality: scam-centre work is Other; forced
 * work in online gambling is labour; debt bondage is labour (and a method
 * of control, below); slavery is the nearest value, Servitude. */
static const code_to_index exploitation_map[] = {
    { "forced_labour", EX_FORCED_LABOUR }, { "debt_bondage", EX_FORCED_LABOUR },
    { "sexual_exploitation", EX_SEXUAL }, { "forced_criminality", EX_OTHER },
    { "online_gambling", EX_FORCED_LABOUR }, { "child_sexual_online", EX_SEXUAL },
    { "slavery", EX_SERVITUDE }, { "organ_removal", EX_ORGAN }, { "surrogacy", EX_SURROGACY },
    { "illegal_adoption", EX_ADOPTION }, { "forced_marriage", EX_MARRIAGE },
    { "forced_begging", EX_BEGGING }, { "other", EX_OTHER },
};

/* Sectors -> ISIC section.  Fishing is A (03), seafood processing C (10),
 * domestic work T (97), online gambling R (92); entertainment venues R.
 * Begging, online scams and "other" have no ISIC section: left empty. */
static const code_to_index industry_map[] = {
    { "fishing", ISIC_A }, { "seafood_processing", ISIC_C }, { "agriculture", ISIC_A },
    { "construction", ISIC_F }, { "domestic_work", ISIC_T }, { "manufacturing", ISIC_C },
    { "entertainment", ISIC_R }, { "online_gambling", ISIC_R },
};

/* Recruitment channels -> vic_MethodOfRecruitment.  A recruitment agency is
 * "at a place of business"; a broker and a general online channel fit no
 * value better than Other. */
static const code_to_index recruitment_map[] = {
    { "facebook", REC_SOCIAL_NETWORKS }, { "line", REC_SOCIAL_NETWORKS },
    { "tiktok", REC_SOCIAL_NETWORKS }, { "telegram", REC_SOCIAL_NETWORKS },
    { "whatsapp", REC_SOCIAL_NETWORKS }, { "wechat", REC_SOCIAL_NETWORKS },
    { "relative", REC_FAMILY }, { "friend", REC_FRIENDS }, { "agency", REC_BUSINESS },
};

/* Screening indicators -> methods of control.  An entry ending in '.' is a
 * whole section of an instrument; the first entry that matches wins, so
 * single indicators come before their section.  The ILO crosswalk of
 * anchors.md (A3) decides: isolation counts as RestrictsMovement (its
 * definition includes social isolation); fines and deductions take
 * earnings; a bank card held by someone else restricts financial access. */
static const struct { const char *prefix; uint32_t bits; } indicator_map[] = {
    /* Forced labour: the 11 ILO indicators. */
    { "fl.vul.", 0 },
    { "fl.dec.contract_language", 0 },
    { "fl.dec.", HTCDS_CTL_BIT(HTCDS_CTL_FALSE_PROMISES) },
    { "fl.mov.", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MOVEMENT) },
    { "fl.iso.", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MOVEMENT) },
    { "fl.vio.hit", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_ABUSE) },
    { "fl.vio.sexual", HTCDS_CTL_BIT(HTCDS_CTL_SEXUAL_ABUSE) },
    { "fl.vio.deprived", HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_NECESSITIES) },
    { "fl.vio.witnessed", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_THREATS) },
    { "fl.thr.harm", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_THREATS) },
    { "fl.thr.family", HTCDS_CTL_BIT(HTCDS_CTL_THREATENS_CHILDREN_FAMILY) },
    { "fl.thr.report", HTCDS_CTL_BIT(HTCDS_CTL_THREATS_LAW_ENFORCEMENT) },
    { "fl.thr.fines", HTCDS_CTL_BIT(HTCDS_CTL_TAKES_EARNINGS) },
    { "fl.thr.insults", HTCDS_CTL_BIT(HTCDS_CTL_PSYCHOLOGICAL_ABUSE) },
    { "fl.doc.", HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_DOCUMENTS) },
    { "fl.wag.card_held", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_FINANCIAL_ACCESS) },
    { "fl.wag.below_minimum", 0 },          /* labour-law matters on their own */
    { "fl.wag.no_record", 0 },
    { "fl.wag.", HTCDS_CTL_BIT(HTCDS_CTL_TAKES_EARNINGS) },
    { "fl.debt.", HTCDS_CTL_BIT(HTCDS_CTL_DEBT_BONDAGE) },
    { "fl.con.no_care", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MEDICAL_CARE) },
    { "fl.con.sleep", HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_NECESSITIES) },
    { "fl.con.food", HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_NECESSITIES) },
    { "fl.hrs.", HTCDS_CTL_BIT(HTCDS_CTL_EXCESSIVE_WORKING_HOURS) },
    /* Border quick screening. */
    { "bq.rec.job_differs", HTCDS_CTL_BIT(HTCDS_CTL_FALSE_PROMISES) },
    { "bq.free.documents", HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_DOCUMENTS) },
    { "bq.free.confined", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MOVEMENT) },
    { "bq.free.phone", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MOVEMENT) },
    { "bq.harm.debt", HTCDS_CTL_BIT(HTCDS_CTL_DEBT_BONDAGE) },
    { "bq.harm.fines", HTCDS_CTL_BIT(HTCDS_CTL_TAKES_EARNINGS) },
    { "bq.harm.threats", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_THREATS) },
    { "bq.harm.violence", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_ABUSE) },
    { "bq.harm.sexual", HTCDS_CTL_BIT(HTCDS_CTL_SEXUAL_ABUSE) },
    /* Child screening. */
    { "ch.ctl.cannot_go_home", HTCDS_CTL_BIT(HTCDS_CTL_RESTRICTS_MOVEMENT) },
    { "ch.ctl.hurt", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_ABUSE) },
    { "ch.ctl.money_kept", HTCDS_CTL_BIT(HTCDS_CTL_TAKES_EARNINGS) },
    { "ch.ctl.coached", HTCDS_CTL_BIT(HTCDS_CTL_PSYCHOLOGICAL_ABUSE) },
    /* Elements of trafficking (s.6): the means. */
    { "te.means.deceived", HTCDS_CTL_BIT(HTCDS_CTL_FALSE_PROMISES) },
    { "te.means.threatened", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_THREATS) },
    { "te.means.force", HTCDS_CTL_BIT(HTCDS_CTL_PHYSICAL_ABUSE) },
};

uint32_t htcds_indicator_controls(const char *code)
{
    if (!code)
        return 0;
    for (int i = 0; i < COUNT(indicator_map); i++) {
        const char *p = indicator_map[i].prefix;
        size_t n = strlen(p);
        bool section = p[n - 1] == '.';
        if (section ? !strncmp(code, p, n) : !strcmp(code, p))
            return indicator_map[i].bits;
    }
    return 0;
}

static htcds_gender gender_of(int sex)
{
    switch (sex) {
    case SEX_FEMALE: return HTCDS_GENDER_FEMININE;
    case SEX_MALE: return HTCDS_GENDER_MASCULINE;
    /* tipcase records "other" without saying more: NonConforming is the
     * HTCDS value that claims least. */
    case SEX_OTHER: return HTCDS_GENDER_NON_CONFORMING;
    default: return HTCDS_GENDER_UNKNOWN;
    }
}

/* Both findings of Thai law (s.6 trafficking, s.6/1 forced labour or
 * services) make an actual victim; anything not yet decided is a possible
 * victim, which HTCDS defines as "not yet verified". */
static void status_of(const htcds_case *c, htcds_row *r)
{
    r->status = STATUS_POSSIBLE;
    r->decided_by = -1;
    if (!c->identified)
        return;
    if (c->ident_outcome == IDENT_VICTIM_TRAFFICKING ||
        c->ident_outcome == IDENT_VICTIM_FORCED_LABOUR)
        r->status = STATUS_ACTUAL;
    else if (c->ident_outcome == IDENT_NOT_IDENTIFIED)
        r->status = STATUS_NOT;
    else
        return;
    static const int bodies[IDENT_BODY_COUNT] = {
        [IDENT_BODY_POLICE] = BY_POLICE, [IDENT_BODY_COURT_PROSECUTION] = BY_COURT,
        [IDENT_BODY_GOVERNMENT] = BY_GOVERNMENT, [IDENT_BODY_NGO] = BY_NGO,
    };
    if (c->ident_body >= 0 && c->ident_body < IDENT_BODY_COUNT)
        r->decided_by = (int8_t)bodies[c->ident_body];
}

/* Documents held by anybody but the person (or nobody) are withheld. */
static bool documents_withheld(const htcds_case *c)
{
    for (int i = 0; i < c->n_holders && i < HTCDS_MAX_HOLDERS; i++)
        if (!strcmp(c->holders[i], "employer") || !strcmp(c->holders[i], "broker") ||
            !strcmp(c->holders[i], "other"))
            return true;
    return false;
}

static uint32_t exploitation_of(const htcds_case *c, uint32_t *control)
{
    uint32_t bits = 0;
    for (int i = 0; i < c->n_exploitation && i < INTAKE_MAX_EXPLOITATION; i++) {
        bits |= BIT(lookup(exploitation_map, COUNT(exploitation_map), c->exploitation[i],
                           EX_OTHER));
        if (!strcmp(c->exploitation[i], "debt_bondage"))
            *control |= HTCDS_CTL_BIT(HTCDS_CTL_DEBT_BONDAGE);
    }
    return bits;
}

/* Needs under way or met -> support plan types.  Rehabilitation names the
 * exploitation it follows when the record says which. */
static uint32_t support_of(uint32_t needs, uint32_t exploitation)
{
    static const int8_t by_need[NEED_KIND_COUNT] = {
        [NEED_SAFETY] = SPL_SOCIAL_CARE, [NEED_FOOD] = SPL_SOCIAL_CARE,
        [NEED_SHELTER] = SPL_SOCIAL_CARE, [NEED_MEDICAL] = SPL_HEALTH,
        [NEED_REHABILITATION] = SPL_HEALTH, [NEED_EDUCATION] = SPL_EDUCATION,
        [NEED_TRAINING] = SPL_LIVELIHOOD, [NEED_LEGAL_AID] = SPL_LEGAL,
        [NEED_RETURN_HOME] = -1, [NEED_COMPENSATION] = SPL_LEGAL,
        [NEED_INTERPRETER] = -1, [NEED_LEGAL_COUNSELLING] = SPL_LEGAL,
        [NEED_CONSULAR] = -1, [NEED_IDENTITY_DOCUMENTS] = SPL_LEGAL,
        [NEED_WAGE_RECOVERY] = SPL_LEGAL, [NEED_FAMILY_CONTACT] = SPL_SOCIAL_CARE,
    };
    uint32_t bits = 0;
    for (int k = 0; k < NEED_KIND_COUNT; k++) {
        if (!(needs & BIT(k)) || by_need[k] < 0)
            continue;
        bits |= BIT(by_need[k]);
        if (k != NEED_REHABILITATION)
            continue;
        if (exploitation & BIT(EX_SEXUAL))
            bits |= BIT(SPL_SEXUAL_REHAB);
        if (exploitation & (BIT(EX_FORCED_LABOUR) | BIT(EX_BEGGING) | BIT(EX_SERVITUDE)))
            bits |= BIT(SPL_LABOUR_REHAB);
    }
    return bits;
}

/* Agency types -> org_Type.  Thai shelters in the directory are the
 * Ministry's (an NGO's shelter is typed ngo); an embassy is a (foreign)
 * central government.  HTCDS has no intergovernmental type: referrals to
 * IOM and the like are left out of this column rather than mislabelled. */
static uint32_t referred_of(uint32_t types)
{
    static const int8_t by_type[AGENCY_TYPE_COUNT] = {
        [AGENCY_GOVERNMENT] = ORG_CENTRAL, [AGENCY_SHELTER] = ORG_CENTRAL,
        [AGENCY_POLICE] = ORG_LAW, [AGENCY_IMMIGRATION] = ORG_IMMIGRATION,
        [AGENCY_HEALTH] = ORG_HEALTH, [AGENCY_LEGAL_AID] = ORG_LEGAL,
        [AGENCY_EMBASSY] = ORG_CENTRAL, [AGENCY_INTERNATIONAL] = -1,
        [AGENCY_NGO] = ORG_NGO, [AGENCY_PRIVATE] = ORG_BUSINESS,
    };
    uint32_t bits = 0;
    for (int t = 0; t < AGENCY_TYPE_COUNT; t++)
        if ((types & BIT(t)) && by_type[t] >= 0)
            bits |= BIT(by_type[t]);
    return bits;
}

static uint8_t case_status_of(const htcds_case *c)
{
    if (c->closed)
        return c->closure_reason == CLOSE_TRANSFERRED ? CAS_CLOSED_REFERRED : CAS_CLOSED;
    return c->followup ? CAS_FOLLOW_UP : CAS_ACTIVE;
}

void htcds_row_from_case(const htcds_case *c, htcds_row *r)
{
    memset(r, 0, sizeof *r);
    r->year = c->year > 0 && c->year < 10000 ? c->year : 0;
    r->gender = (uint8_t)gender_of(c->sex);
    r->age = (uint8_t)htcds_age_band(c->age);
    if (strlen(c->nationality) == 2)
        memcpy(r->citizenship, c->nationality, 3);
    status_of(c, r);
    r->control = c->indicator_controls;
    r->exploitation = exploitation_of(c, &r->control);
    if (documents_withheld(c))
        r->control |= HTCDS_CTL_BIT(HTCDS_CTL_WITHHOLDS_DOCUMENTS);
    r->industry = (int8_t)lookup(industry_map, COUNT(industry_map), c->sector, -1);
    r->recruitment = c->recruitment[0]
        ? (int8_t)lookup(recruitment_map, COUNT(recruitment_map), c->recruitment, REC_OTHER)
        : -1;
    r->case_status = case_status_of(c);
    r->support = support_of(c->needs, r->exploitation);
    r->referred_to = referred_of(c->referred_types);
    r->repatriated = c->repatriated;
}

/* ---- Field text ------------------------------------------------------------ */

/* The codes of the set bits, joined by ';'. */
static void join_bits(const char *const *codes, int n, uint32_t bits, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && i < 32; i++) {
        if (!(bits & BIT(i)))
            continue;
        int k = snprintf(out + len, outsz - len, "%s%s", len ? ";" : "", codes[i]);
        if (k < 0 || (size_t)k >= outsz - len) {
            out[len] = '\0';
            return;
        }
        len += (size_t)k;
    }
}

void htcds_row_field(const htcds_row *r, htcds_column c, char *out, size_t outsz)
{
    if (!outsz)
        return;
    const char *text = "";
    out[0] = '\0';
    switch (c) {
    case HTCDS_COL_ROW_ID: text = r->row_id; break;
    case HTCDS_COL_YEAR:
        if (r->year > 0)
            snprintf(out, outsz, "%d", r->year);
        return;
    case HTCDS_COL_GENDER: text = pick(gender_codes, HTCDS_GENDER_COUNT, r->gender); break;
    case HTCDS_COL_AGE: text = htcds_age_code((htcds_age)r->age); break;
    case HTCDS_COL_MAJORITY:
        if (r->age != HTCDS_AGE_UNKNOWN)
            text = r->age <= HTCDS_AGE_9_17 ? "Minor" : "Adult";
        break;
    case HTCDS_COL_CITIZENSHIP: text = r->citizenship; break;
    case HTCDS_COL_STATUS: text = pick(status_codes, COUNT(status_codes), r->status); break;
    case HTCDS_COL_DECIDED_BY:
        text = pick(decided_by_codes, COUNT(decided_by_codes), r->decided_by);
        break;
    case HTCDS_COL_EXPLOITATION:
        join_bits(exploitation_codes, COUNT(exploitation_codes), r->exploitation, out, outsz);
        return;
    case HTCDS_COL_INDUSTRY: text = pick(industry_codes, COUNT(industry_codes), r->industry); break;
    case HTCDS_COL_CONTROL:
        join_bits(control_codes, HTCDS_CTL_COUNT, r->control, out, outsz);
        return;
    case HTCDS_COL_RECRUITMENT:
        text = pick(recruitment_codes, COUNT(recruitment_codes), r->recruitment);
        break;
    case HTCDS_COL_CASE_STATUS:
        text = pick(case_status_codes, COUNT(case_status_codes), r->case_status);
        break;
    case HTCDS_COL_SUPPORT:
        join_bits(support_codes, COUNT(support_codes), r->support, out, outsz);
        return;
    case HTCDS_COL_REFERRED_TO:
        join_bits(org_type_codes, COUNT(org_type_codes), r->referred_to, out, outsz);
        return;
    case HTCDS_COL_REPATRIATED: text = r->repatriated ? "TRUE" : "FALSE"; break;
    default: break;
    }
    snprintf(out, outsz, "%s", text);
}

/* ---- Suppression ---------------------------------------------------------- */

typedef struct qi_key { uint64_t key; size_t row; } qi_key;

/* The quasi-identifiers packed into one comparable number. */
static uint64_t qi_of(const htcds_row *r)
{
    uint64_t year = (uint64_t)(r->year > 0 ? r->year : 0) & 0xFFFF;
    return (uint64_t)r->gender << 40 | (uint64_t)r->age << 32 |
           (uint64_t)(unsigned char)r->citizenship[0] << 24 |
           (uint64_t)(unsigned char)r->citizenship[1] << 16 | year;
}

static int qi_compare(const void *a, const void *b)
{
    const qi_key *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Replaces r's quasi-identifiers by the unknown value; how many changed. */
static size_t suppress_row(htcds_row *r)
{
    size_t n = (r->gender != HTCDS_GENDER_UNKNOWN) + (r->age != HTCDS_AGE_UNKNOWN) +
               (r->citizenship[0] != '\0') + (r->year != 0);
    r->gender = HTCDS_GENDER_UNKNOWN;
    r->age = HTCDS_AGE_UNKNOWN;
    r->citizenship[0] = '\0';
    r->year = 0;
    return n;
}

/* Suppresses row i and counts what that took. */
static void suppress_counted(htcds_export *e, size_t i)
{
    size_t n = suppress_row(&e->rows[i]);
    e->values_suppressed += n;
    e->rows_suppressed += n > 0;
}

void htcds_suppress(htcds_export *e, int k)
{
    if (!e->n_rows)
        return;
    qi_key *keys = malloc(e->n_rows * sizeof *keys);
    if (!keys) {
        /* Cannot count the groups: suppress everything rather than leak. */
        for (size_t i = 0; i < e->n_rows; i++)
            suppress_counted(e, i);
        return;
    }
    for (size_t i = 0; i < e->n_rows; i++)
        keys[i] = (qi_key){ qi_of(&e->rows[i]), i };
    qsort(keys, e->n_rows, sizeof *keys, qi_compare);
    for (size_t start = 0; start < e->n_rows;) {
        size_t end = start;
        while (end < e->n_rows && keys[end].key == keys[start].key)
            end++;
        if (end - start < (size_t)k)
            for (size_t i = start; i < end; i++)
                suppress_counted(e, keys[i].row);
        start = end;
    }
    free(keys);
}

/* ---- Building --------------------------------------------------------------- */

static uint64_t random_u64(htcds_random_fn rnd, void *ctx)
{
    unsigned char b[8];
    rnd(b, sizeof b, ctx);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

/* Fisher-Yates, so the order says nothing about when a case was made.  The
 * modulo of a 64-bit number biases an index by less than 2^-32. */
static void shuffle(htcds_row *rows, size_t n, htcds_random_fn rnd, void *ctx)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(random_u64(rnd, ctx) % i);
        htcds_row t = rows[i - 1];
        rows[i - 1] = rows[j];
        rows[j] = t;
    }
}

void htcds_finish(htcds_export *e, htcds_random_fn rnd, void *ctx)
{
    shuffle(e->rows, e->n_rows, rnd, ctx);
    /* 64 random bits each: two rows of one export share an id with a
     * chance below 10^-7 at a million rows. */
    for (size_t i = 0; i < e->n_rows; i++)
        snprintf(e->rows[i].row_id, sizeof e->rows[i].row_id, "%016llx",
                 (unsigned long long)random_u64(rnd, ctx));
    htcds_suppress(e, HTCDS_K);
}

bool htcds_build(const htcds_case *cases, size_t n, htcds_random_fn rnd, void *ctx,
                 htcds_export *e)
{
    memset(e, 0, sizeof *e);
    if (n) {
        e->rows = malloc(n * sizeof *e->rows);
        if (!e->rows)
            return false;
    }
    e->n_rows = n;
    for (size_t i = 0; i < n; i++)
        htcds_row_from_case(&cases[i], &e->rows[i]);
    htcds_finish(e, rnd, ctx);
    return true;
}

void htcds_export_free(htcds_export *e)
{
    if (!e)
        return;
    free(e->rows);
    memset(e, 0, sizeof *e);
}
