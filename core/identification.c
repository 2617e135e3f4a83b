/* identification.c - the multidisciplinary team's identification decision:
 * its codes, labels and validation. */
#include "core/identification.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"
#include "core/stage.h"

/* Codes are stored in the database: never rename one.  The labels name
 * what the team decided; "not identified" is never worded as "not a
 * victim" (the facts may show another matter, and a later decision may
 * differ). */
static const code_label outcomes[IDENT_OUTCOME_COUNT] = {
    [IDENT_PENDING] = { "pending", N_("Decision pending") },
    [IDENT_VICTIM_TRAFFICKING] =
        { "victim_trafficking", N_("Victim of trafficking in persons (section 6)") },
    [IDENT_VICTIM_FORCED_LABOUR] =
        { "victim_forced_labour", N_("Victim of forced labour or services (section 6/1)") },
    [IDENT_NOT_IDENTIFIED] = { "not_identified", N_("Not identified as a victim") },
};

static const code_label others[IDENT_OTHER_COUNT] = {
    [IDENT_OTHER_NONE] = { "none", N_("No other matter") },
    [IDENT_OTHER_LABOUR_VIOLATION] = { "labour_violation", N_("Labour-law violation") },
    [IDENT_OTHER_SMUGGLING] = { "smuggling", N_("Smuggling of migrants") },
    [IDENT_OTHER_ILLEGAL_ENTRY] = { "illegal_entry", N_("Illegal entry") },
    [IDENT_OTHER_OTHER] = { "other", N_("Another matter") },
};

static const code_label bodies[IDENT_BODY_COUNT] = {
    [IDENT_BODY_POLICE] = { "police", N_("Police") },
    [IDENT_BODY_COURT_PROSECUTION] = { "court_prosecution", N_("Court or public prosecutor") },
    [IDENT_BODY_GOVERNMENT] = { "government", N_("Another government agency") },
    [IDENT_BODY_NGO] = { "ngo", N_("Non-governmental organisation") },
};

static const char *const problems[IDENT_PROBLEM_COUNT] = {
    [IDENT_OK] = N_("The identification record is complete."),
    [IDENT_UNKNOWN_CODE] = N_("Choose one of the listed values."),
    [IDENT_DATE_MISSING] = N_("Enter the date of the decision."),
    [IDENT_DATE_BAD] = N_("The date of the decision is not a real date."),
    [IDENT_DATE_FUTURE] = N_("The date of the decision cannot be in the future."),
    [IDENT_REASONS_MISSING] = N_("Write the reasons for the decision."),
    [IDENT_OTHER_NOT_ALLOWED] =
        N_("Another matter is recorded only when the person was not identified as a victim."),
    [IDENT_BAD_TEXT] =
        N_("This text cannot contain control characters or invalid text."),
    [IDENT_TOO_LONG] = N_("This text is too long."),
};

const char *ident_outcome_code(ident_outcome o)
{
    return codes_code(outcomes, IDENT_OUTCOME_COUNT, (int)o);
}

bool ident_outcome_from_code(const char *code, ident_outcome *out)
{
    int i;
    if (!codes_find(outcomes, IDENT_OUTCOME_COUNT, code, &i))
        return false;
    *out = (ident_outcome)i;
    return true;
}

const char *ident_outcome_label(ident_outcome o)
{
    return codes_label(outcomes, IDENT_OUTCOME_COUNT, (int)o, "");
}

const char *ident_other_code(ident_other_matter m)
{
    return codes_code(others, IDENT_OTHER_COUNT, (int)m);
}

bool ident_other_from_code(const char *code, ident_other_matter *out)
{
    int i;
    if (!codes_find(others, IDENT_OTHER_COUNT, code, &i))
        return false;
    *out = (ident_other_matter)i;
    return true;
}

const char *ident_other_label(ident_other_matter m)
{
    return codes_label(others, IDENT_OTHER_COUNT, (int)m, "");
}

const char *ident_body_code(ident_body b)
{
    return codes_code(bodies, IDENT_BODY_COUNT, (int)b);
}

bool ident_body_from_code(const char *code, ident_body *out)
{
    int i;
    if (!codes_find(bodies, IDENT_BODY_COUNT, code, &i))
        return false;
    *out = (ident_body)i;
    return true;
}

const char *ident_body_label(ident_body b)
{
    return codes_label(bodies, IDENT_BODY_COUNT, (int)b, "");
}

const char *ident_problem_text(ident_problem p)
{
    return (int)p >= 0 && p < IDENT_PROBLEM_COUNT ? problems[p] : "";
}

void identification_init(tc_identification *d)
{
    memset(d, 0, sizeof *d);
    d->outcome = IDENT_PENDING;
    d->other = IDENT_OTHER_NONE;
    d->body = IDENT_BODY_POLICE;
}

/* ---- validation ---- */

static ident_check problem(ident_problem p, const char *field)
{
    ident_check c = { p, field };
    return c;
}

static ident_check ok(void)
{
    return problem(IDENT_OK, NULL);
}

static bool in_range(int v, int count)
{
    return v >= 0 && v < count;
}

static ident_check check_text(const char *text, size_t max, bool multiline, const char *field)
{
    switch (field_text_check(text, max, multiline)) {
    case FIELD_TEXT_TOO_LONG: return problem(IDENT_TOO_LONG, field);
    case FIELD_TEXT_BAD: return problem(IDENT_BAD_TEXT, field);
    case FIELD_TEXT_OK: break;
    }
    return ok();
}

/* A decision needs its date; a pending record may carry one (the day the
 * team met), which must then be a real date that has come. */
static ident_check check_date(const tc_identification *d, caldate today)
{
    if (!d->decided_known)
        return d->outcome == IDENT_PENDING ? ok() : problem(IDENT_DATE_MISSING, "decided_on");
    if (!caldate_valid(d->decided_on))
        return problem(IDENT_DATE_BAD, "decided_on");
    if (caldate_compare(d->decided_on, today) > 0)
        return problem(IDENT_DATE_FUTURE, "decided_on");
    return ok();
}

static ident_check check_reasons(const tc_identification *d)
{
    ident_check r = check_text(d->reasons, IDENT_REASONS_MAX, true, "reasons");
    if (r.problem == IDENT_OK && d->outcome != IDENT_PENDING && !field_has_visible(d->reasons))
        r = problem(IDENT_REASONS_MISSING, "reasons");
    return r;
}

/* The other matter the facts show belongs to "not identified" only: a
 * victim is a victim whatever else happened (a smuggled person can also be
 * trafficked), and a pending record has decided nothing yet. */
static ident_check check_other(const tc_identification *d)
{
    if (!in_range((int)d->other, IDENT_OTHER_COUNT))
        return problem(IDENT_UNKNOWN_CODE, "other");
    if (d->other != IDENT_OTHER_NONE && d->outcome != IDENT_NOT_IDENTIFIED)
        return problem(IDENT_OTHER_NOT_ALLOWED, "other");
    return ok();
}

ident_check identification_validate(const tc_identification *d, caldate today)
{
    if (!in_range((int)d->outcome, IDENT_OUTCOME_COUNT))
        return problem(IDENT_UNKNOWN_CODE, "outcome");
    if (!in_range((int)d->body, IDENT_BODY_COUNT))
        return problem(IDENT_UNKNOWN_CODE, "body");
    ident_check r = check_text(d->body_name, IDENT_BODY_NAME_MAX, false, "body_name");
    if (r.problem == IDENT_OK)
        r = check_date(d, today);
    if (r.problem == IDENT_OK)
        r = check_reasons(d);
    if (r.problem == IDENT_OK)
        r = check_other(d);
    return r;
}

int ident_stage_value(ident_outcome o)
{
    switch (o) {
    case IDENT_VICTIM_TRAFFICKING:
    case IDENT_VICTIM_FORCED_LABOUR: return STAGE_ID_VICTIM;
    case IDENT_NOT_IDENTIFIED: return STAGE_ID_NOT_VICTIM;
    case IDENT_PENDING:
    case IDENT_OUTCOME_COUNT: break;
    }
    return STAGE_ID_PENDING;
}
