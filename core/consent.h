/* consent.h - consent per purpose, and the one question later modules ask:
 * "is this covered by consent?"
 *
 * A consent record says that, on a date, the person (or for a child a
 * parent or guardian) agreed to, or refused, one purpose, in a language
 * they understand, perhaps through an interpreter.  Consent can be
 * withdrawn later; the record stays, so what was covered before the
 * withdrawal stays covered.  A person never needs a reason to withdraw.
 *
 * Referrals and exports call consent_covers(); when it does not answer
 * CONSENT_COVERED they may still go ahead with an override that carries a
 * reason (e.g. a child in danger).  The store writes the override into the
 * audit trail.  Refusing consent never removes the right to assistance:
 * nothing here gates a need (needs.h).
 *
 * Pure: dates and the child flag come from the caller. */
#ifndef TC_CONSENT_H
#define TC_CONSENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "officer.h"

#define CONSENT_NAME_MAX 160        /* bytes: guardian, interpreter */
#define CONSENT_REASON_MAX 1000     /* bytes: override reason */
#define CONSENT_LANG_MAX 3          /* one ISO 639 code */
/* The agency-kind code a referral consent uses for "any kind of agency". */
#define CONSENT_ANY_AGENCY "any"

typedef enum consent_purpose {
    CONSENT_INTERVIEW = 0,
    CONSENT_RECORD_DATA,            /* recording personal data */
    CONSENT_REFERRAL,               /* referral to one kind of agency */
    CONSENT_SHARE_EMBASSY,          /* sharing with an embassy or consulate */
    CONSENT_SHARE_CROSS_BORDER,     /* sharing with a counterpart abroad */
    CONSENT_LEGAL_PROCEEDINGS,      /* taking part in legal proceedings */
    CONSENT_REPATRIATION,
    CONSENT_PURPOSE_COUNT
} consent_purpose;

/* Stored codes: "interview", "record_data", "referral", "share_embassy",
 * "share_cross_border", "legal_proceedings", "repatriation". */
const char *consent_purpose_code(consent_purpose p);
bool consent_purpose_from_code(const char *code, consent_purpose *out);
const char *consent_purpose_label(consent_purpose p);      /* msgid */

typedef enum consent_giver {
    CONSENT_BY_PERSON = 0,
    CONSENT_BY_GUARDIAN,            /* parent, guardian or legal representative */
    CONSENT_GIVER_COUNT
} consent_giver;

/* Stored codes: "person", "guardian". */
const char *consent_giver_code(consent_giver g);
bool consent_giver_from_code(const char *code, consent_giver *out);
const char *consent_giver_label(consent_giver g);          /* msgid */

typedef struct tc_consent {
    char id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    consent_purpose purpose;
    /* Referral only: the agency kind (agency directory type code) or
     * CONSENT_ANY_AGENCY; "" for every other purpose. */
    char agency_kind[TC_CODE_MAX + 1];
    bool agreed;                    /* false: the person refused */
    consent_giver given_by;
    char guardian_name[CONSENT_NAME_MAX + 1];   /* when given by a guardian */
    caldate given_on;               /* {0,0,0} = not entered */
    char language[CONSENT_LANG_MAX + 1];        /* language it was explained in */
    bool interpreter_used;
    char interpreter_name[CONSENT_NAME_MAX + 1];
    /* The person withdrew their consent (no reason asked). */
    bool withdrawn;
    caldate withdrawn_on;
    /* This entry was withdrawn as a wrong record (stage.h, with a reason):
     * it no longer counts for anything. */
    bool entry_withdrawn;
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_consent;

/* A blank record: interview, agreed, by the person, no dates. */
void consent_init(tc_consent *c);

typedef enum consent_problem {
    CONSENT_OK = 0,
    CONSENT_PURPOSE_INVALID,
    CONSENT_AGENCY_KIND_MISSING,        /* a referral consent without a kind */
    CONSENT_AGENCY_KIND_UNKNOWN,        /* not in the list, nor "any" */
    CONSENT_AGENCY_KIND_NOT_FOR_PURPOSE,/* a kind on a non-referral consent */
    CONSENT_GIVER_INVALID,
    CONSENT_GUARDIAN_NAME_MISSING,
    CONSENT_NAME_BAD_TEXT,              /* guardian or interpreter name */
    CONSENT_NAME_TOO_LONG,
    CONSENT_CHILD_WITHOUT_GUARDIAN,     /* a warning: see consent_problem_blocks() */
    CONSENT_DATE_MISSING,
    CONSENT_DATE_INVALID,
    CONSENT_DATE_IN_FUTURE,
    CONSENT_LANGUAGE_MISSING,
    CONSENT_LANGUAGE_BAD,
    CONSENT_INTERPRETER_MISSING,        /* interpreter used but not named */
    CONSENT_WITHDRAWN_DATE_INVALID,
    CONSENT_WITHDRAWN_IN_FUTURE,
    CONSENT_WITHDRAWN_BEFORE_GIVEN,
    CONSENT_WITHDRAW_REFUSAL,           /* only an agreement can be withdrawn */
    CONSENT_ALREADY_WITHDRAWN,
    CONSENT_OVERRIDE_REASON_MISSING,
    CONSENT_REASON_BAD_TEXT,
    CONSENT_REASON_TOO_LONG,
    CONSENT_PROBLEM_COUNT
} consent_problem;

typedef struct consent_check {
    consent_problem problem;
    const char *field;      /* NULL when OK */
} consent_check;
/* Field names, in form order: "purpose", "agency_kind", "agreed",
 * "given_by", "guardian_name", "given_on", "language",
 * "interpreter_name", "withdrawn_on", "reason". */

/* The first problem with a record, in form order.  agency_kinds is the
 * agency directory's list of kinds.  person_is_child is the child flag
 * on the date consent was given (caserec.h): a child's own consent is
 * recorded but flagged with CONSENT_CHILD_WITHOUT_GUARDIAN, which does not
 * block saving (the child's views matter) but is shown on the form. */
consent_check consent_validate(const tc_consent *c, tc_code_list agency_kinds,
                               bool person_is_child, caldate today);
/* False only for warnings the officer may save past. */
bool consent_problem_blocks(consent_problem p);
const char *consent_problem_text(consent_problem p);       /* msgid */

/* Withdraws an agreement on `on`: copies before into after, marked
 * withdrawn.  The record keeps its purpose and date given, so coverage
 * before `on` is unchanged.  Refuses a refusal, a record already
 * withdrawn (either way), a date before the consent was given or after
 * today.  after is untouched unless the answer is CONSENT_OK. */
consent_problem consent_withdraw(const tc_consent *before, caldate on, caldate today,
                                 tc_consent *after);

typedef enum consent_cover {
    CONSENT_COVERED = 0,
    CONSENT_NOT_COVERED,            /* no consent recorded for this, at that date */
    CONSENT_REFUSED,                /* the person (or guardian) said no */
    CONSENT_WITHDRAWN,              /* agreed, then withdrew on or before the date */
    CONSENT_CHILD_NEEDS_GUARDIAN,   /* only the child's own consent is recorded */
    CONSENT_COVER_COUNT
} consent_cover;

/* Is an action for `purpose` on at_date covered?  agency_kind is the kind
 * of the receiving agency for CONSENT_REFERRAL (ignored otherwise).
 *
 * Rules, in order:
 * - Records withdrawn as wrong entries, for another purpose, for another
 *   agency kind, or given after at_date do not count.
 * - For a referral, a record for the exact agency kind outranks one for
 *   CONSENT_ANY_AGENCY: "yes to any agency" then "no to the police" means
 *   no to the police.
 * - For a child, only records given by a guardian decide.  When none
 *   applies, the child's own latest record answers: their refusal or
 *   withdrawal as such, their agreement as CONSENT_CHILD_NEEDS_GUARDIAN.
 * - Among the records that decide, the latest given_on wins (a tie goes to
 *   the later one in the array, i.e. the one recorded later): refused ->
 *   CONSENT_REFUSED; withdrawn on or before at_date -> CONSENT_WITHDRAWN;
 *   else CONSENT_COVERED. */
consent_cover consent_covers(const tc_consent *records, size_t n, consent_purpose purpose,
                             const char *agency_kind, caldate at_date, bool person_is_child);
const char *consent_cover_text(consent_cover c);           /* msgid */

/* Acting without covering consent: who, for what, and why.  The store
 * writes it into the audit trail with the action it allowed. */
typedef struct consent_override {
    consent_purpose purpose;
    char agency_kind[TC_CODE_MAX + 1];
    char reason[CONSENT_REASON_MAX + 1];
    char officer_id[TC_ID_LEN];
} consent_override;

/* CONSENT_OK, or a reason that is missing, blank, too long or bad text
 * (field "reason"), or a purpose out of range. */
consent_check consent_override_validate(const consent_override *o);

/* May the action go ahead?  Yes when covered; otherwise only with a valid
 * override (NULL for none) for the same purpose. */
bool consent_permits(consent_cover cover, consent_purpose purpose,
                     const consent_override *override_or_null);

#endif
