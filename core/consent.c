/* consent.c - consent records, their validation, withdrawal and the
 * coverage rule every referral and export asks. */
#include "core/consent.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

/* ------------------------------------------------------------- codes */

/* Codes are stored in the database: never rename one. */
static const code_label purposes[CONSENT_PURPOSE_COUNT] = {
    [CONSENT_INTERVIEW] = { "interview", N_("Interview") },
    [CONSENT_RECORD_DATA] = { "record_data", N_("Recording personal data") },
    [CONSENT_REFERRAL] = { "referral", N_("Referral to an agency") },
    [CONSENT_SHARE_EMBASSY] = { "share_embassy", N_("Sharing with an embassy or consulate") },
    [CONSENT_SHARE_CROSS_BORDER] = { "share_cross_border", N_("Sharing across a border") },
    [CONSENT_LEGAL_PROCEEDINGS] = { "legal_proceedings", N_("Taking part in legal proceedings") },
    [CONSENT_REPATRIATION] = { "repatriation", N_("Repatriation") },
};

static const code_label givers[CONSENT_GIVER_COUNT] = {
    [CONSENT_BY_PERSON] = { "person", N_("The person") },
    [CONSENT_BY_GUARDIAN] = { "guardian", N_("Parent or guardian") },
};

static bool purpose_in_range(consent_purpose p)
{
    return (int)p >= 0 && p < CONSENT_PURPOSE_COUNT;
}

static bool giver_in_range(consent_giver g)
{
    return (int)g >= 0 && g < CONSENT_GIVER_COUNT;
}

const char *consent_purpose_code(consent_purpose p)
{
    return codes_code(purposes, CONSENT_PURPOSE_COUNT, (int)p);
}

bool consent_purpose_from_code(const char *code, consent_purpose *out)
{
    int i;
    if (!codes_find(purposes, CONSENT_PURPOSE_COUNT, code, &i))
        return false;
    *out = (consent_purpose)i;
    return true;
}

const char *consent_purpose_label(consent_purpose p)
{
    return codes_label(purposes, CONSENT_PURPOSE_COUNT, (int)p, N_("Unknown"));
}

const char *consent_giver_code(consent_giver g)
{
    return codes_code(givers, CONSENT_GIVER_COUNT, (int)g);
}

bool consent_giver_from_code(const char *code, consent_giver *out)
{
    int i;
    if (!codes_find(givers, CONSENT_GIVER_COUNT, code, &i))
        return false;
    *out = (consent_giver)i;
    return true;
}

const char *consent_giver_label(consent_giver g)
{
    return codes_label(givers, CONSENT_GIVER_COUNT, (int)g, N_("Unknown"));
}

/* -------------------------------------------------------------- init */

void consent_init(tc_consent *c)
{
    memset(c, 0, sizeof *c);
    c->purpose = CONSENT_INTERVIEW;
    c->agreed = true;
    c->given_by = CONSENT_BY_PERSON;
}

/* --------------------------------------------------------- validation */

static consent_check problem(consent_problem p, const char *field)
{
    consent_check c = { p, field };
    return c;
}

static consent_check ok(void)
{
    return problem(CONSENT_OK, NULL);
}

static bool date_entered(caldate d)
{
    return d.year != 0 || d.month != 0 || d.day != 0;
}

static consent_check check_agency_kind(const tc_consent *c, tc_code_list agency_kinds)
{
    if (!field_terminated(c->agency_kind, sizeof c->agency_kind))
        return problem(CONSENT_AGENCY_KIND_UNKNOWN, "agency_kind");
    const char *kind = c->agency_kind;
    if (c->purpose != CONSENT_REFERRAL)
        return kind[0] ? problem(CONSENT_AGENCY_KIND_NOT_FOR_PURPOSE, "agency_kind") : ok();
    if (!kind[0])
        return problem(CONSENT_AGENCY_KIND_MISSING, "agency_kind");
    if (strcmp(kind, CONSENT_ANY_AGENCY) != 0 && !code_list_has(agency_kinds, kind))
        return problem(CONSENT_AGENCY_KIND_UNKNOWN, "agency_kind");
    return ok();
}

/* A name that must be there when `required`, and be clean text always. */
static consent_check check_name(const char *name, bool required, consent_problem missing,
                                const char *field)
{
    switch (field_text_check(name, CONSENT_NAME_MAX, false)) {
    case FIELD_TEXT_TOO_LONG: return problem(CONSENT_NAME_TOO_LONG, field);
    case FIELD_TEXT_BAD: return problem(CONSENT_NAME_BAD_TEXT, field);
    case FIELD_TEXT_OK: break;
    }
    if (required && !field_has_visible(name))
        return problem(missing, field);
    return ok();
}

static consent_check check_giver(const tc_consent *c)
{
    if (!giver_in_range(c->given_by))
        return problem(CONSENT_GIVER_INVALID, "given_by");
    return check_name(c->guardian_name, c->given_by == CONSENT_BY_GUARDIAN,
                      CONSENT_GUARDIAN_NAME_MISSING, "guardian_name");
}

static consent_check check_given_on(const tc_consent *c, caldate today)
{
    if (!date_entered(c->given_on))
        return problem(CONSENT_DATE_MISSING, "given_on");
    if (!caldate_valid(c->given_on))
        return problem(CONSENT_DATE_INVALID, "given_on");
    if (caldate_compare(c->given_on, today) > 0)
        return problem(CONSENT_DATE_IN_FUTURE, "given_on");
    return ok();
}

static consent_check check_language(const tc_consent *c)
{
    if (!field_terminated(c->language, sizeof c->language))
        return problem(CONSENT_LANGUAGE_BAD, "language");
    if (!c->language[0])
        return problem(CONSENT_LANGUAGE_MISSING, "language");
    if (!field_language_code_valid(c->language))
        return problem(CONSENT_LANGUAGE_BAD, "language");
    return ok();
}

/* Checks the withdrawal date of a record; given_on is already valid. */
static consent_problem withdrawal_date_problem(const tc_consent *c, caldate on, caldate today)
{
    if (!c->agreed)
        return CONSENT_WITHDRAW_REFUSAL;
    if (!caldate_valid(on))
        return CONSENT_WITHDRAWN_DATE_INVALID;
    if (caldate_compare(on, today) > 0)
        return CONSENT_WITHDRAWN_IN_FUTURE;
    if (caldate_compare(on, c->given_on) < 0)
        return CONSENT_WITHDRAWN_BEFORE_GIVEN;
    return CONSENT_OK;
}

consent_check consent_validate(const tc_consent *c, tc_code_list agency_kinds,
                               bool person_is_child, caldate today)
{
    if (!purpose_in_range(c->purpose))
        return problem(CONSENT_PURPOSE_INVALID, "purpose");
    consent_check r = check_agency_kind(c, agency_kinds);
    if (r.problem == CONSENT_OK)
        r = check_giver(c);
    if (r.problem == CONSENT_OK)
        r = check_given_on(c, today);
    if (r.problem == CONSENT_OK)
        r = check_language(c);
    if (r.problem == CONSENT_OK)
        r = check_name(c->interpreter_name, c->interpreter_used, CONSENT_INTERPRETER_MISSING,
                       "interpreter_name");
    if (r.problem == CONSENT_OK && c->withdrawn) {
        consent_problem p = withdrawal_date_problem(c, c->withdrawn_on, today);
        if (p != CONSENT_OK)
            r = problem(p, p == CONSENT_WITHDRAW_REFUSAL ? "agreed" : "withdrawn_on");
    }
    /* A warning comes last, so that it never hides a problem that blocks. */
    if (r.problem == CONSENT_OK && person_is_child && c->given_by == CONSENT_BY_PERSON)
        r = problem(CONSENT_CHILD_WITHOUT_GUARDIAN, "given_by");
    return r;
}

bool consent_problem_blocks(consent_problem p)
{
    return p != CONSENT_OK && p != CONSENT_CHILD_WITHOUT_GUARDIAN;
}

consent_problem consent_withdraw(const tc_consent *before, caldate on, caldate today,
                                 tc_consent *after)
{
    if (before->withdrawn || before->entry_withdrawn)
        return CONSENT_ALREADY_WITHDRAWN;
    consent_problem p = withdrawal_date_problem(before, on, today);
    if (p != CONSENT_OK)
        return p;
    *after = *before;
    after->withdrawn = true;
    after->withdrawn_on = on;
    return CONSENT_OK;
}

/* ----------------------------------------------------------- coverage */

typedef enum giver_filter { ANY_GIVER, ONLY_GUARDIAN, ONLY_PERSON } giver_filter;

/* Which records a pass looks at. */
typedef struct cover_query {
    consent_purpose purpose;
    const char *kind;       /* referral: exact kind or CONSENT_ANY_AGENCY */
    caldate at;
    giver_filter giver;
} cover_query;

static bool record_applies(const tc_consent *r, const cover_query *q)
{
    if (r->entry_withdrawn || r->purpose != q->purpose)
        return false;
    if (!caldate_valid(r->given_on) || caldate_compare(r->given_on, q->at) > 0)
        return false;
    if (q->giver == ONLY_GUARDIAN && r->given_by != CONSENT_BY_GUARDIAN)
        return false;
    if (q->giver == ONLY_PERSON && r->given_by != CONSENT_BY_PERSON)
        return false;
    if (q->purpose == CONSENT_REFERRAL)
        return field_terminated(r->agency_kind, sizeof r->agency_kind)
               && strcmp(r->agency_kind, q->kind) == 0;
    return true;
}

/* The record that decides: latest given_on, later in the array on a tie. */
static const tc_consent *latest_applying(const tc_consent *records, size_t n,
                                         const cover_query *q)
{
    const tc_consent *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const tc_consent *r = &records[i];
        if (record_applies(r, q) && (!best || caldate_compare(r->given_on, best->given_on) >= 0))
            best = r;
    }
    return best;
}

static consent_cover state_of(const tc_consent *r, caldate at)
{
    if (!r->agreed)
        return CONSENT_REFUSED;
    /* A withdrawal with a broken date still counts: err towards "no". */
    if (r->withdrawn && (!caldate_valid(r->withdrawn_on) || caldate_compare(r->withdrawn_on, at) <= 0))
        return CONSENT_WITHDRAWN;
    return CONSENT_COVERED;
}

/* One pass (one agency-kind scope).  Returns true when it decided. */
static bool decide_pass(const tc_consent *records, size_t n, cover_query q, bool child,
                        consent_cover *out, const tc_consent **child_own)
{
    q.giver = child ? ONLY_GUARDIAN : ANY_GIVER;
    const tc_consent *r = latest_applying(records, n, &q);
    if (r) {
        *out = state_of(r, q.at);
        return true;
    }
    if (child && !*child_own) {
        q.giver = ONLY_PERSON;
        *child_own = latest_applying(records, n, &q);
    }
    return false;
}

consent_cover consent_covers(const tc_consent *records, size_t n, consent_purpose purpose,
                             const char *agency_kind, caldate at_date, bool person_is_child)
{
    if (!records || !purpose_in_range(purpose))
        return CONSENT_NOT_COVERED;
    cover_query q = { purpose, CONSENT_ANY_AGENCY, at_date, ANY_GIVER };
    consent_cover out = CONSENT_NOT_COVERED;
    const tc_consent *child_own = NULL;
    /* A referral asks about the exact kind first, then "any agency". */
    if (purpose == CONSENT_REFERRAL && agency_kind && agency_kind[0]) {
        q.kind = agency_kind;
        if (decide_pass(records, n, q, person_is_child, &out, &child_own))
            return out;
        q.kind = CONSENT_ANY_AGENCY;
    }
    if (decide_pass(records, n, q, person_is_child, &out, &child_own))
        return out;
    /* A child's own "no" or withdrawal is respected; their "yes" is not
     * enough on its own. */
    if (child_own) {
        consent_cover own = state_of(child_own, at_date);
        return own == CONSENT_COVERED ? CONSENT_CHILD_NEEDS_GUARDIAN : own;
    }
    return CONSENT_NOT_COVERED;
}

static const char *const cover_texts[CONSENT_COVER_COUNT] = {
    [CONSENT_COVERED] = N_("Consent covers this."),
    [CONSENT_NOT_COVERED] = N_("No consent is recorded for this purpose."),
    [CONSENT_REFUSED] = N_("Consent for this purpose was refused."),
    [CONSENT_WITHDRAWN] = N_("Consent for this purpose was withdrawn."),
    [CONSENT_CHILD_NEEDS_GUARDIAN] = N_("For a child, a parent or guardian must give consent."),
};

const char *consent_cover_text(consent_cover c)
{
    if ((int)c < 0 || c >= CONSENT_COVER_COUNT)
        return cover_texts[CONSENT_NOT_COVERED];
    return cover_texts[c];
}

/* ----------------------------------------------------------- override */

consent_check consent_override_validate(const consent_override *o)
{
    if (!purpose_in_range(o->purpose))
        return problem(CONSENT_PURPOSE_INVALID, "purpose");
    switch (field_text_check(o->reason, CONSENT_REASON_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return problem(CONSENT_REASON_TOO_LONG, "reason");
    case FIELD_TEXT_BAD: return problem(CONSENT_REASON_BAD_TEXT, "reason");
    case FIELD_TEXT_OK: break;
    }
    if (!field_has_visible(o->reason))
        return problem(CONSENT_OVERRIDE_REASON_MISSING, "reason");
    return ok();
}

bool consent_permits(consent_cover cover, consent_purpose purpose,
                     const consent_override *override_or_null)
{
    if (cover == CONSENT_COVERED)
        return true;
    const consent_override *o = override_or_null;
    return o && o->purpose == purpose && consent_override_validate(o).problem == CONSENT_OK;
}

/* ----------------------------------------------------------- messages */

static const char *const consent_texts[CONSENT_PROBLEM_COUNT] = {
    [CONSENT_OK] = N_("The consent record is complete."),
    [CONSENT_PURPOSE_INVALID] = N_("Choose what the consent is for."),
    [CONSENT_AGENCY_KIND_MISSING] = N_("Choose the kind of agency the referral consent covers."),
    [CONSENT_AGENCY_KIND_UNKNOWN] = N_("The kind of agency is not one of the listed ones."),
    [CONSENT_AGENCY_KIND_NOT_FOR_PURPOSE] =
        N_("A kind of agency is recorded only for consent to a referral."),
    [CONSENT_GIVER_INVALID] = N_("Choose who gave the consent."),
    [CONSENT_GUARDIAN_NAME_MISSING] = N_("Enter the name of the parent or guardian."),
    [CONSENT_NAME_BAD_TEXT] = N_("A name cannot contain control characters or invalid text."),
    [CONSENT_NAME_TOO_LONG] = N_("The name is too long."),
    [CONSENT_CHILD_WITHOUT_GUARDIAN] =
        N_("The person is a child: record the consent of a parent or guardian too."),
    [CONSENT_DATE_MISSING] = N_("Enter the date consent was given."),
    [CONSENT_DATE_INVALID] = N_("The date consent was given is not a real calendar date."),
    [CONSENT_DATE_IN_FUTURE] = N_("The date consent was given cannot be in the future."),
    [CONSENT_LANGUAGE_MISSING] = N_("Enter the language the consent was explained in."),
    [CONSENT_LANGUAGE_BAD] = N_("The language must be a language code, such as my or km."),
    [CONSENT_INTERPRETER_MISSING] = N_("Enter the interpreter's name."),
    [CONSENT_WITHDRAWN_DATE_INVALID] =
        N_("The date consent was withdrawn is not a real calendar date."),
    [CONSENT_WITHDRAWN_IN_FUTURE] = N_("The date consent was withdrawn cannot be in the future."),
    [CONSENT_WITHDRAWN_BEFORE_GIVEN] = N_("Consent cannot be withdrawn before it was given."),
    [CONSENT_WITHDRAW_REFUSAL] =
        N_("A refusal cannot be withdrawn: record the new consent instead."),
    [CONSENT_ALREADY_WITHDRAWN] = N_("This consent has already been withdrawn."),
    [CONSENT_OVERRIDE_REASON_MISSING] = N_("Give the reason for acting without consent."),
    [CONSENT_REASON_BAD_TEXT] = N_("The reason cannot contain control characters or invalid text."),
    [CONSENT_REASON_TOO_LONG] = N_("The reason is too long."),
};

const char *consent_problem_text(consent_problem p)
{
    if ((int)p < 0 || p >= CONSENT_PROBLEM_COUNT)
        return N_("The consent record is not valid.");
    return consent_texts[p];
}
