/* reintegration.c - the reintegration plan: codes, the follow-up
 * schedule and its arithmetic, validation, closing and what a follow-up
 * does to its plan.
 *
 * Like every record, a plan and a follow-up are validated before they are
 * stored and again when they arrive from another laptop, so nothing here
 * trusts a buffer to be terminated or an enum to be in range. */
#include "core/reintegration.h"

#include <stdio.h>
#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"
#include "core/utf8.h"

#define THAI_DIGIT_ZERO 0x0E50u
#define THAI_DIGIT_NINE 0x0E59u

static bool in_range(int v, int count)
{
    return v >= 0 && v < count;
}

/* ----------------------------------------------------------------- codes */

/* Codes are stored in the database and used in reports: never rename one. */
static const code_label domains[REINT_DOMAIN_COUNT] = {
    [REINT_HEALTH] = { "health", N_("Health") },
    [REINT_PSYCHOSOCIAL] = { "psychosocial", N_("Psychosocial support") },
    [REINT_EDUCATION] = { "education", N_("Education") },
    [REINT_VOCATIONAL] = { "vocational", N_("Vocational training") },
    [REINT_LIVELIHOOD] = { "livelihood", N_("Livelihood and income") },
    [REINT_FAMILY] = { "family", N_("Family") },
    [REINT_LEGAL] = { "legal", N_("Legal matters") },
    [REINT_SAFETY] = { "safety", N_("Safety") },
    [REINT_DOCUMENTS] = { "documents", N_("Identity documents") },
};

static const code_label methods[FOLLOWUP_METHOD_COUNT] = {
    [FOLLOWUP_VISIT] = { "visit", N_("Home visit") },
    [FOLLOWUP_PHONE] = { "phone", N_("Telephone") },
    [FOLLOWUP_PARTNER_REPORT] = { "partner_report", N_("Partner report") },
};

static const code_label risks[RISK_COUNT] = {
    [RISK_LOW] = { "low", N_("Low") },
    [RISK_MEDIUM] = { "medium", N_("Medium") },
    [RISK_HIGH] = { "high", N_("High") },
};

static const code_label outcomes[REINT_OUTCOME_COUNT] = {
    [REINT_OUTCOME_REINTEGRATED] = { "reintegrated", N_("Successfully reintegrated") },
    [REINT_OUTCOME_LOST_CONTACT] = { "lost_contact", N_("Contact lost") },
    [REINT_OUTCOME_RETRAFFICKED] = { "retrafficked", N_("Trafficked again") },
    [REINT_OUTCOME_TRANSFERRED] = { "transferred", N_("Transferred to another agency or country") },
    [REINT_OUTCOME_DECLINED] = { "declined", N_("The person wanted no more support") },
    [REINT_OUTCOME_DIED] = { "died", N_("The person died") },
    [REINT_OUTCOME_OTHER] = { "other", N_("Other outcome") },
};

const char *reint_domain_code(reint_domain d)
{
    return codes_code(domains, REINT_DOMAIN_COUNT, (int)d);
}

bool reint_domain_from_code(const char *code, reint_domain *out)
{
    int i;
    if (!codes_find(domains, REINT_DOMAIN_COUNT, code, &i))
        return false;
    *out = (reint_domain)i;
    return true;
}

const char *reint_domain_label(reint_domain d)
{
    return codes_label(domains, REINT_DOMAIN_COUNT, (int)d, N_("Unknown"));
}

const char *followup_method_code(followup_method m)
{
    return codes_code(methods, FOLLOWUP_METHOD_COUNT, (int)m);
}

bool followup_method_from_code(const char *code, followup_method *out)
{
    int i;
    if (!codes_find(methods, FOLLOWUP_METHOD_COUNT, code, &i))
        return false;
    *out = (followup_method)i;
    return true;
}

const char *followup_method_label(followup_method m)
{
    return codes_label(methods, FOLLOWUP_METHOD_COUNT, (int)m, N_("Unknown"));
}

const char *risk_code(retrafficking_risk r)
{
    return codes_code(risks, RISK_COUNT, (int)r);
}

bool risk_from_code(const char *code, retrafficking_risk *out)
{
    int i;
    if (!codes_find(risks, RISK_COUNT, code, &i))
        return false;
    *out = (retrafficking_risk)i;
    return true;
}

const char *risk_label(retrafficking_risk r)
{
    return codes_label(risks, RISK_COUNT, (int)r, N_("Unknown"));
}

const char *reint_outcome_code(reint_outcome o)
{
    return codes_code(outcomes, REINT_OUTCOME_COUNT, (int)o);
}

bool reint_outcome_from_code(const char *code, reint_outcome *out)
{
    int i;
    if (!codes_find(outcomes, REINT_OUTCOME_COUNT, code, &i))
        return false;
    *out = (reint_outcome)i;
    return true;
}

const char *reint_outcome_label(reint_outcome o)
{
    return codes_label(outcomes, REINT_OUTCOME_COUNT, (int)o, N_("Unknown"));
}

/* ------------------------------------------------------------- schedule */

followup_schedule followup_schedule_default(void)
{
    followup_schedule s = { { 1, 3, 6, 12 }, 4 };
    return s;
}

bool followup_schedule_valid(const followup_schedule *s)
{
    if (s->count < 1 || s->count > REINT_MONTHS_MAX)
        return false;
    for (size_t i = 0; i < s->count; i++) {
        if (s->months[i] < 1 || s->months[i] > REINT_MONTH_LIMIT)
            return false;
        if (i > 0 && s->months[i] <= s->months[i - 1])
            return false;
    }
    return true;
}

bool followup_due_soon_valid(int days)
{
    return days >= 0 && days <= FOLLOWUP_DUE_SOON_MAX;
}

/* The value of the digit at *p (ASCII or Thai), advancing past it; -1
 * (not advancing) when there is none.  Officers type either. */
static int take_digit(const char **p)
{
    const char *s = *p;
    if (*s >= '0' && *s <= '9') {
        *p = s + 1;
        return *s - '0';
    }
    if (*s == '\0')
        return -1;
    uint32_t cp;
    size_t used = utf8_decode(s, strlen(s), &cp);
    if (cp < THAI_DIGIT_ZERO || cp > THAI_DIGIT_NINE)
        return -1;
    *p = s + used;
    return (int)(cp - THAI_DIGIT_ZERO);
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* One number with blanks around it; *p ends on the ',' or NUL after it.
 * False for no digits, something else in the way, or a number above the
 * limit (stopping early, so a long run of digits cannot overflow). */
static bool take_number(const char **p, int *out)
{
    const char *s = skip_blanks(*p);
    int value = 0, digits = 0, d;
    while ((d = take_digit(&s)) >= 0) {
        value = value * 10 + d;
        if (value > REINT_MONTH_LIMIT)
            return false;
        digits++;
    }
    s = skip_blanks(s);
    if (digits == 0 || (*s != ',' && *s != '\0'))
        return false;
    *p = s;
    *out = value;
    return true;
}

bool followup_schedule_parse(const char *text, followup_schedule *out)
{
    if (!text)
        return false;
    followup_schedule s;
    memset(&s, 0, sizeof s);
    const char *p = text;
    for (;;) {
        int months;
        if (s.count == REINT_MONTHS_MAX || !take_number(&p, &months))
            return false;
        s.months[s.count++] = months;
        if (*p == '\0')
            break;
        p++;                            /* the ',' */
    }
    if (!followup_schedule_valid(&s))
        return false;
    *out = s;
    return true;
}

void followup_schedule_format(const followup_schedule *s, char out[REINT_MONTHS_TEXT_MAX])
{
    size_t used = 0;
    size_t n = s->count <= REINT_MONTHS_MAX ? s->count : REINT_MONTHS_MAX;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < REINT_MONTHS_TEXT_MAX; i++) {
        int w = snprintf(out + used, REINT_MONTHS_TEXT_MAX - used, "%s%d",
                         i > 0 ? "," : "", s->months[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

caldate reint_scheduled_date(caldate start, int months)
{
    return caldate_add_months(start, months);
}

bool reint_next_scheduled(caldate start, const followup_schedule *s, size_t done,
                          caldate *out)
{
    if (done >= s->count || done >= REINT_MONTHS_MAX)
        return false;
    *out = reint_scheduled_date(start, s->months[done]);
    return true;
}

bool followup_overdue(caldate due, caldate today)
{
    return caldate_compare(today, due) > 0;
}

int64_t followup_days_left(caldate due, caldate today)
{
    return caldate_to_days(due) - caldate_to_days(today);
}

/* ---------------------------------------------------------------- record */

void reint_init(tc_reintegration *p, caldate start)
{
    memset(p, 0, sizeof *p);
    p->start = start;
    p->schedule = followup_schedule_default();
    reint_schedule_first(p);
    p->outcome = REINT_OUTCOME_REINTEGRATED;
}

void reint_schedule_first(tc_reintegration *p)
{
    p->next_known = caldate_valid(p->start)
                    && reint_next_scheduled(p->start, &p->schedule, 0, &p->next_due);
}

void followup_init(tc_followup *f, const tc_reintegration *p, caldate on)
{
    memset(f, 0, sizeof *f);
    if (field_terminated(p->id, sizeof p->id))
        field_copy_text(f->plan_id, sizeof f->plan_id, p->id);
    if (field_terminated(p->case_id, sizeof p->case_id))
        field_copy_text(f->case_id, sizeof f->case_id, p->case_id);
    f->on = on;
    f->method = FOLLOWUP_VISIT;
    f->risk = RISK_LOW;
    /* This one takes the slot after those recorded; the next is the one
     * after it. */
    f->next_known = caldate_valid(p->start)
                    && reint_next_scheduled(p->start, &p->schedule, p->followups_done + 1,
                                            &f->next_on);
}

/* ------------------------------------------------------------ validation */

static reint_check problem(reint_problem p, const char *field)
{
    reint_check c = { p, field };
    return c;
}

static reint_check ok(void)
{
    return problem(REINT_OK, NULL);
}

/* The problem of a multi-line text field, REINT_OK when it is fine. */
static reint_problem text_problem(const char *s, size_t size)
{
    if (!field_terminated(s, size))
        return REINT_TEXT_TOO_LONG;
    switch (field_text_check(s, REINT_TEXT_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return REINT_TEXT_TOO_LONG;
    case FIELD_TEXT_BAD: return REINT_TEXT_BAD;
    case FIELD_TEXT_OK: break;
    }
    return REINT_OK;
}

/* An agency code: "" (none) or a well-formed directory code. */
static bool agency_ok(const char *code, size_t size)
{
    return field_terminated(code, size) && (code[0] == '\0' || code_well_formed(code));
}

/* Field names of the domains, static so a check can point at them. */
#define DOMAIN_FIELDS(code) \
    { "domains." code ".goals", "domains." code ".services", "domains." code ".agency" }
enum { F_GOALS, F_SERVICES, F_AGENCY, F_COUNT };
static const char *const domain_fields[REINT_DOMAIN_COUNT][F_COUNT] = {
    [REINT_HEALTH] = DOMAIN_FIELDS("health"),
    [REINT_PSYCHOSOCIAL] = DOMAIN_FIELDS("psychosocial"),
    [REINT_EDUCATION] = DOMAIN_FIELDS("education"),
    [REINT_VOCATIONAL] = DOMAIN_FIELDS("vocational"),
    [REINT_LIVELIHOOD] = DOMAIN_FIELDS("livelihood"),
    [REINT_FAMILY] = DOMAIN_FIELDS("family"),
    [REINT_LEGAL] = DOMAIN_FIELDS("legal"),
    [REINT_SAFETY] = DOMAIN_FIELDS("safety"),
    [REINT_DOCUMENTS] = DOMAIN_FIELDS("documents"),
};

/* A domain left out may still hold text from before: it is checked as
 * text, and goals are asked only of an included one. */
static reint_check check_domain(const reint_domain_plan *d, reint_domain k)
{
    const char *const *field = domain_fields[k];
    reint_problem t = text_problem(d->goals, sizeof d->goals);
    if (t != REINT_OK)
        return problem(t, field[F_GOALS]);
    t = text_problem(d->services, sizeof d->services);
    if (t != REINT_OK)
        return problem(t, field[F_SERVICES]);
    if (!agency_ok(d->agency_code, sizeof d->agency_code))
        return problem(REINT_AGENCY_INVALID, field[F_AGENCY]);
    if (d->included && !field_has_visible(d->goals))
        return problem(REINT_GOALS_MISSING, field[F_GOALS]);
    return ok();
}

/* How a plan ends: the outcome, its date and its note. */
static reint_check check_outcome(const tc_reintegration *p, reint_outcome outcome, caldate on,
                                 const char *note, size_t note_size)
{
    if (!in_range((int)outcome, REINT_OUTCOME_COUNT))
        return problem(REINT_OUTCOME_INVALID, "outcome");
    if (!caldate_valid(on))
        return problem(REINT_FOLLOWUP_DATE_INVALID, "closed_on");
    if (caldate_compare(on, p->start) < 0)
        return problem(REINT_CLOSED_BEFORE_START, "closed_on");
    reint_problem t = text_problem(note, note_size);
    if (t != REINT_OK)
        return problem(t, "outcome_note");
    if (outcome == REINT_OUTCOME_OTHER && !field_has_visible(note))
        return problem(REINT_OUTCOME_NOTE_MISSING, "outcome_note");
    return ok();
}

/* REINT_NO_DOMAIN comes last, so a caller that lets a new plan have no
 * domain yet (the store) misses no other problem by ignoring it. */
reint_check reint_validate(const tc_reintegration *p)
{
    if (!field_terminated(p->case_id, sizeof p->case_id) || p->case_id[0] == '\0')
        return problem(REINT_CASE_MISSING, "case_id");
    if (!caldate_valid(p->start))
        return problem(REINT_START_INVALID, "start");
    if (!followup_schedule_valid(&p->schedule))
        return problem(REINT_SCHEDULE_INVALID, "schedule");
    bool any = false;
    for (int k = 0; k < REINT_DOMAIN_COUNT; k++) {
        reint_check c = check_domain(&p->domains[k], (reint_domain)k);
        if (c.problem != REINT_OK)
            return c;
        any = any || p->domains[k].included;
    }
    if (p->closed) {
        reint_check c = check_outcome(p, p->outcome, p->closed_on, p->outcome_note,
                                      sizeof p->outcome_note);
        if (c.problem != REINT_OK)
            return c;
    } else {
        reint_problem t = text_problem(p->outcome_note, sizeof p->outcome_note);
        if (t != REINT_OK)
            return problem(t, "outcome_note");
    }
    if (p->next_known && !caldate_valid(p->next_due))
        return problem(REINT_FOLLOWUP_DATE_INVALID, "next_due");
    return any ? ok() : problem(REINT_NO_DOMAIN, "domains");
}

/* When it took place: a real date, from the return to today. */
static reint_check check_followup_date(const tc_followup *f, const tc_reintegration *p,
                                       caldate today)
{
    if (!caldate_valid(f->on))
        return problem(REINT_FOLLOWUP_DATE_INVALID, "on");
    if (caldate_valid(p->start) && caldate_compare(f->on, p->start) < 0)
        return problem(REINT_FOLLOWUP_BEFORE_START, "on");
    if (caldate_compare(f->on, today) > 0)
        return problem(REINT_FOLLOWUP_IN_FUTURE, "on");
    return ok();
}

reint_check followup_validate(const tc_followup *f, const tc_reintegration *p, caldate today)
{
    if (p->closed)
        return problem(REINT_PLAN_CLOSED, "plan_id");
    reint_check c = check_followup_date(f, p, today);
    if (c.problem != REINT_OK)
        return c;
    if (!in_range((int)f->method, FOLLOWUP_METHOD_COUNT))
        return problem(REINT_METHOD_INVALID, "method");
    reint_problem t = text_problem(f->findings, sizeof f->findings);
    if (t != REINT_OK)
        return problem(t, "findings");
    if (!field_has_visible(f->findings))
        return problem(REINT_FINDINGS_MISSING, "findings");
    if (!in_range((int)f->risk, RISK_COUNT))
        return problem(REINT_RISK_INVALID, "risk");
    if (f->next_known && !caldate_valid(f->next_on))
        return problem(REINT_FOLLOWUP_DATE_INVALID, "next_on");
    if (f->next_known && caldate_compare(f->next_on, f->on) <= 0)
        return problem(REINT_NEXT_NOT_AFTER, "next_on");
    if (!agency_ok(f->by_agency, sizeof f->by_agency))
        return problem(REINT_AGENCY_INVALID, "by_agency");
    return ok();
}

reint_check reint_close(tc_reintegration *p, reint_outcome outcome, caldate on,
                        const char *note)
{
    if (p->closed)
        return problem(REINT_PLAN_CLOSED, "closed_on");
    const char *text = note ? note : "";
    /* The note's own size bounds the check: it must fit outcome_note. */
    reint_check c = check_outcome(p, outcome, on, text,
                                  field_bounded_length(text, REINT_TEXT_MAX + 1) + 1);
    if (c.problem != REINT_OK)
        return c;
    p->closed = true;
    p->outcome = outcome;
    p->closed_on = on;
    field_copy_text(p->outcome_note, sizeof p->outcome_note, text);
    p->next_known = false;
    memset(&p->next_due, 0, sizeof p->next_due);
    p->high_risk = false;
    return ok();
}

void reint_apply_followup(tc_reintegration *p, const tc_followup *f)
{
    p->followups_done++;
    p->next_known = f->next_known;
    if (f->next_known)
        p->next_due = f->next_on;
    else
        memset(&p->next_due, 0, sizeof p->next_due);
    p->high_risk = f->risk == RISK_HIGH;
}

void reint_replay_followups(tc_reintegration *p, const tc_followup *fs, size_t n)
{
    p->followups_done = 0;
    p->high_risk = false;
    reint_schedule_first(p);
    for (size_t i = 0; i < n; i++)
        reint_apply_followup(p, &fs[i]);
}

static const char *const problem_texts[REINT_PROBLEM_COUNT] = {
    [REINT_OK] = N_("The reintegration plan is recorded correctly."),
    [REINT_CASE_MISSING] = N_("The reintegration plan must belong to a case."),
    [REINT_START_INVALID] = N_("Give the date of the return: the follow-ups count from it."),
    [REINT_SCHEDULE_INVALID] =
        N_("The follow-up months must be increasing numbers from 1 to 120, at most 12 of "
           "them, separated by commas (for example 1,3,6,12)."),
    [REINT_TEXT_BAD] = N_("The text cannot contain control characters or invalid text."),
    [REINT_TEXT_TOO_LONG] = N_("The text is too long."),
    [REINT_AGENCY_INVALID] = N_("Choose the agency from the directory."),
    [REINT_NO_DOMAIN] = N_("Choose at least one area of support for the plan."),
    [REINT_GOALS_MISSING] = N_("Write the goals for each area of support in the plan."),
    [REINT_OUTCOME_INVALID] = N_("Choose the outcome of the plan."),
    [REINT_OUTCOME_NOTE_MISSING] = N_("Describe the outcome in the note."),
    [REINT_CLOSED_BEFORE_START] = N_("The plan cannot close before the date of the return."),
    [REINT_PLAN_CLOSED] = N_("The reintegration plan is closed."),
    [REINT_FOLLOWUP_DATE_INVALID] = N_("This is not a real date."),
    [REINT_FOLLOWUP_BEFORE_START] =
        N_("A follow-up cannot take place before the date of the return."),
    [REINT_FOLLOWUP_IN_FUTURE] = N_("A follow-up cannot be recorded before it took place."),
    [REINT_METHOD_INVALID] = N_("Choose how the follow-up was made."),
    [REINT_RISK_INVALID] = N_("Choose the risk of re-trafficking."),
    [REINT_FINDINGS_MISSING] = N_("Write what the follow-up found."),
    [REINT_NEXT_NOT_AFTER] = N_("The next follow-up must be after this one."),
};

const char *reint_problem_text(reint_problem p)
{
    if (!in_range((int)p, REINT_PROBLEM_COUNT))
        return N_("The reintegration plan is not valid.");
    return problem_texts[p];
}
