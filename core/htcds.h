/* htcds.h - the standard export: one de-identified row per case, with the
 * field names and values of IOM's Human Trafficking Case Data Standard
 * (HTCDS) v2.0, for agencies that consolidate data (`tipcase export
 * --htcds`).
 *
 * Pure.  The store (db/htcds_store.h) hands over one htcds_case per case
 * (codes only: no name, no id, no reference, no free text); htcds_build()
 * maps them to rows, shuffles the rows and numbers them with random row
 * ids, and suppresses the quasi-identifiers of small groups (k-anonymity,
 * k = HTCDS_K as CTDC).  htcds_row_field() writes a row's fields as text.
 *
 * Sources of the names and values (read 2026-11 through the search tool):
 *  - UNMigration/HTCDS Toolkit/Survey/htcds_xlsform.xml (commit 2606448):
 *    the picklists of prs_Gender, prs_Citizenship (ISO 3166 alpha-2),
 *    vic_TraffickingStatus, vic_TraffickingStatusDecisionMakingOrg,
 *    vic_MethodOfRecruitment, vic_TypeOfExploitation,
 *    vic_ForcedLabourIndustry (ISIC sections A-U), cas_Status and the
 *    methods of control.  Confirmed value by value.
 *  - UNMigration/HTCDS "Field Definitions.md" (v2.0, commit 26ef6a6): the
 *    definitions of the methods of control, which also define
 *    RestrictsMovement (the XLSForm picklist lacks it; we use it for the
 *    movement and isolation indicators rather than lose them in Other).
 *  - UNMigration/HTCDS "HTCDS Field Reference.md" (commit 38195b9): the
 *    org_Type values (NGO, LawEnforcement, ...).
 *  - The field name vic_MethodsOfControl and spl_Type with its values
 *    (Education, Financial, Health, LabourExploitationRehabilitation,
 *    Legal, Livelihood, RightsBasedTraining,
 *    SexualExploitationRehabilitation, SocialCare) are from the v2.0 .ods
 *    as read for /work/shared/domain-notes/anchors.md (A2); the .ods is
 *    binary and could NOT be re-read here, so these are NOT confirmed.
 *    (The XLSForm spells the control field "vic_Methods_of_Control".)
 *  - HTCDS has no registration-year or age-band field (only
 *    prs_Birthdate, which we never export): yearOfRegistration, ageBroad
 *    and majorityStatus are CTDC's column names and values, as in its
 *    k-anonymised global dataset (bands "0--8" ... "48+", "Adult" /
 *    "Minor"; seen in analyses of the CTDC CSV, not in an IOM document).
 *  - Columns named tc_... are tipcase's own: HTCDS has no field for them.
 *
 * A field holding several values separates them with ';' (as a
 * Salesforce multi-select picklist does; HTCDS does not say). */
#ifndef TC_HTCDS_H
#define TC_HTCDS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "intake.h"

/* CTDC's threshold: a combination of quasi-identifiers shared by fewer
 * rows than this is suppressed. */
#define HTCDS_K 11

/* ---- What the store hands over ---------------------------------------- */

#define HTCDS_MAX_HOLDERS INTAKE_MAX_DOCUMENTS

typedef struct htcds_case {
    int sex;                        /* tc_sex */
    int age;                        /* years at the date met; -1 unknown */
    int year;                       /* registration (date met) year CE; 0 unknown */
    char nationality[3];            /* first nationality, ISO alpha-2 or "XX"; "" unknown */
    /* The current intake's codes. */
    char exploitation[INTAKE_MAX_EXPLOITATION][TC_CODE_MAX + 1];
    int n_exploitation;
    char sector[TC_CODE_MAX + 1];
    char recruitment[TC_CODE_MAX + 1];
    char holders[HTCDS_MAX_HOLDERS][TC_CODE_MAX + 1];   /* who holds each document */
    int n_holders;
    /* Methods of control found by screening answers "yes": the OR of
     * htcds_indicator_controls() of each such indicator code. */
    uint32_t indicator_controls;
    /* The latest identification decision. */
    bool identified;                /* a decision (victim or not) was made */
    int ident_outcome;              /* ident_outcome */
    int ident_body;                 /* ident_body */
    uint32_t needs;                 /* bit k: need kind k referred, in progress or provided */
    uint32_t referred_types;        /* bit t: referral sent to an agency of agency_type t */
    bool repatriated;               /* the return plan reached "returned" */
    bool closed;                    /* the case's last closure is a close */
    int closure_reason;             /* closure_reason, when closed */
    bool followup;                  /* an open reintegration plan */
} htcds_case;

/* A blank case: everything unknown. */
void htcds_case_init(htcds_case *c);

/* The methods of control (bits of htcds_control) a "yes" to this screening
 * indicator shows, by its code in the built-in instruments (data/
 * instruments); 0 for an indicator that shows none or is unknown. */
uint32_t htcds_indicator_controls(const char *indicator_code);

/* ---- Values ------------------------------------------------------------ */

typedef enum htcds_gender {
    HTCDS_GENDER_UNKNOWN = 0,       /* NonSpecifiedUnknown: also the suppressed value */
    HTCDS_GENDER_FEMININE,
    HTCDS_GENDER_MASCULINE,
    HTCDS_GENDER_NON_CONFORMING,
    HTCDS_GENDER_COUNT
} htcds_gender;

typedef enum htcds_age {
    HTCDS_AGE_UNKNOWN = 0,          /* "": also the suppressed value */
    HTCDS_AGE_0_8, HTCDS_AGE_9_17, HTCDS_AGE_18_20, HTCDS_AGE_21_23, HTCDS_AGE_24_26,
    HTCDS_AGE_27_29, HTCDS_AGE_30_38, HTCDS_AGE_39_47, HTCDS_AGE_48_PLUS,
    HTCDS_AGE_COUNT
} htcds_age;

/* The band of an age in years (-1: unknown), CTDC's ageBroad. */
htcds_age htcds_age_band(int age);
/* "0--8" ... "48+", "" for unknown. */
const char *htcds_age_code(htcds_age a);

/* vic_MethodsOfControl values, as bits. */
typedef enum htcds_control {
    HTCDS_CTL_PHYSICAL_THREATS = 0,
    HTCDS_CTL_THREATS_LAW_ENFORCEMENT,
    HTCDS_CTL_THREATENS_CHILDREN_FAMILY,
    HTCDS_CTL_DEBT_BONDAGE,
    HTCDS_CTL_FALSE_PROMISES,
    HTCDS_CTL_PHYSICAL_ABUSE,
    HTCDS_CTL_SEXUAL_ABUSE,
    HTCDS_CTL_TAKES_EARNINGS,
    HTCDS_CTL_RESTRICTS_FINANCIAL_ACCESS,
    HTCDS_CTL_RESTRICTS_MEDICAL_CARE,
    HTCDS_CTL_WITHHOLDS_NECESSITIES,
    HTCDS_CTL_PSYCHOLOGICAL_ABUSE,
    HTCDS_CTL_PSYCHOACTIVE_SUBSTANCE,
    HTCDS_CTL_EXCESSIVE_WORKING_HOURS,
    HTCDS_CTL_WITHHOLDS_DOCUMENTS,
    HTCDS_CTL_RESTRICTS_MOVEMENT,   /* Field Definitions.md only (see above) */
    HTCDS_CTL_OTHER,
    HTCDS_CTL_COUNT
} htcds_control;
#define HTCDS_CTL_BIT(c) (UINT32_C(1) << (c))
const char *htcds_control_code(htcds_control c);     /* "PhysicalThreats" ... */

/* ---- Rows ---------------------------------------------------------------- */

typedef enum htcds_column {
    HTCDS_COL_ROW_ID = 0,           /* tc_RowId: random, this export only */
    HTCDS_COL_YEAR,                 /* yearOfRegistration (CTDC) */
    HTCDS_COL_GENDER,               /* prs_Gender */
    HTCDS_COL_AGE,                  /* ageBroad (CTDC) */
    HTCDS_COL_MAJORITY,             /* majorityStatus (CTDC) */
    HTCDS_COL_CITIZENSHIP,          /* prs_Citizenship */
    HTCDS_COL_STATUS,               /* vic_TraffickingStatus */
    HTCDS_COL_DECIDED_BY,           /* vic_TraffickingStatusDecisionMakingOrg */
    HTCDS_COL_EXPLOITATION,         /* vic_TypeOfExploitation (several) */
    HTCDS_COL_INDUSTRY,             /* vic_ForcedLabourIndustry */
    HTCDS_COL_CONTROL,              /* vic_MethodsOfControl (several) */
    HTCDS_COL_RECRUITMENT,          /* vic_MethodOfRecruitment */
    HTCDS_COL_CASE_STATUS,          /* cas_Status */
    HTCDS_COL_SUPPORT,              /* spl_Type (several) */
    HTCDS_COL_REFERRED_TO,          /* tc_ReferredOrganisationType: org_Type values (several) */
    HTCDS_COL_REPATRIATED,          /* tc_Repatriated: TRUE / FALSE */
    HTCDS_COLUMN_COUNT
} htcds_column;

/* The column's header: "tc_RowId", "yearOfRegistration", "prs_Gender"... */
const char *htcds_column_name(htcds_column c);
/* True for the columns named by HTCDS itself (prefixes prs_, vic_, cas_,
 * spl_); false for CTDC's and tipcase's own. */
bool htcds_column_is_htcds(htcds_column c);

#define HTCDS_ROW_ID_LEN 17         /* 16 hex digits and the NUL */
#define HTCDS_FIELD_MAX 512         /* bytes of the longest field's text */

/* One exported row: codes, never text typed by an officer. */
typedef struct htcds_row {
    char row_id[HTCDS_ROW_ID_LEN];
    int year;                       /* 0 unknown or suppressed */
    uint8_t gender;                 /* htcds_gender */
    uint8_t age;                    /* htcds_age */
    char citizenship[3];            /* "" unknown or suppressed */
    uint8_t status;                 /* index into the trafficking status values */
    int8_t decided_by;              /* index into the decision bodies, -1 none */
    int8_t industry;                /* ISIC section index, -1 none */
    int8_t recruitment;             /* recruitment method index, -1 none */
    uint8_t case_status;
    bool repatriated;
    uint32_t exploitation;          /* bits of the exploitation types */
    uint32_t control;               /* bits of htcds_control */
    uint32_t support;               /* bits of the support plan types */
    uint32_t referred_to;           /* bits of the organisation types */
} htcds_row;

/* Maps one case to a row (row_id left empty; nothing suppressed). */
void htcds_row_from_case(const htcds_case *c, htcds_row *r);

/* The text of one field of r (the codes above; several joined by ';'). */
void htcds_row_field(const htcds_row *r, htcds_column c, char *out, size_t outsz);

/* Random bytes for the row order and ids (the caller's CSPRNG; a test's
 * fixed sequence). */
typedef void (*htcds_random_fn)(void *buf, size_t n, void *ctx);

typedef struct htcds_export {
    htcds_row *rows;                /* malloc'd */
    size_t n_rows;
    size_t rows_suppressed;         /* rows whose quasi-identifiers were replaced */
    size_t values_suppressed;       /* known values replaced by the unknown value */
} htcds_export;

/* The quasi-identifier pass: every row whose (gender, age band,
 * citizenship, year) is shared by fewer than k rows gets all four (and
 * majorityStatus with the age band) replaced by the unknown value.
 * Values already unknown are not counted; a row is counted when at least
 * one of its values changed.  Adds to e's counts. */
void htcds_suppress(htcds_export *e, int k);

/* Puts e's rows (mapped by htcds_row_from_case) in a random order, gives
 * each a random row id, then htcds_suppress(HTCDS_K): what every export
 * does before its rows are written. */
void htcds_finish(htcds_export *e, htcds_random_fn rnd, void *ctx);

/* Maps cases[0..n) to rows, then htcds_finish().  false only when memory
 * runs out (*e is then empty). */
bool htcds_build(const htcds_case *cases, size_t n, htcds_random_fn rnd, void *ctx,
                 htcds_export *e);
void htcds_export_free(htcds_export *e);   /* NULL or zeroed fine */

#endif
