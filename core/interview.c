/* interview.c - the screening interview record and its validation. */
#include "core/interview.h"

#include <string.h>

#include "core/fieldtext.h"
#include "core/msg.h"

/* A clock on a field laptop and the officer's own watch differ by a little:
 * a time up to a minute ahead of "now" is still "now". */
#define FUTURE_SLACK_SECONDS 60

static const char *const problems[INTERVIEW_PROBLEM_COUNT] = {
    [INTERVIEW_OK] = N_("The interview record is complete."),
    [INTERVIEW_TIME_MISSING] = N_("Enter the date and time of the interview."),
    [INTERVIEW_TIME_FUTURE] = N_("The interview time cannot be in the future."),
    [INTERVIEW_PLACE_MISSING] = N_("Enter where the interview is held."),
    [INTERVIEW_INTERVIEWER_MISSING] = N_("Enter the name of at least one interviewer."),
    [INTERVIEW_LANGUAGE_BAD] =
        N_("Enter the language as language codes separated by commas, such as my or km,th."),
    [INTERVIEW_INTERPRETER_MISSING] = N_("Enter the interpreter's name and language."),
    [INTERVIEW_NO_CONSENT] =
        N_("Do not interview the person without their consent. Record the consent first."),
    [INTERVIEW_EARLIER_OUT_OF_RANGE] =
        N_("The number of earlier interviews must be from 0 to 99."),
    [INTERVIEW_CHILD_ALONE] =
        N_("A child is not interviewed alone: record that a guardian or social worker is present."),
    [INTERVIEW_BAD_TEXT] =
        N_("An interview detail holds control characters or invalid text, or is too long."),
};

const char *interview_problem_text(interview_problem p)
{
    return (int)p >= 0 && p < INTERVIEW_PROBLEM_COUNT ? problems[p] : "";
}

void interview_init(tc_interview *iv)
{
    memset(iv, 0, sizeof *iv);
    iv->guardian_present = PRESENCE_NOT_RECORDED;
}

static interview_check problem(interview_problem p, const char *field)
{
    interview_check c = { p, field };
    return c;
}

static interview_check ok(void)
{
    return problem(INTERVIEW_OK, NULL);
}

static bool is_lower_letter(char ch)
{
    return ch >= 'a' && ch <= 'z';
}

/* "my" or "km,th": ISO 639 codes of 2-3 lower-case letters separated by
 * commas, no spaces and no empty items, so the stored form is canonical.
 * The buffer is checked for its NUL first (it may come from elsewhere). */
static bool language_list_valid(const char *s, size_t size)
{
    if (!field_terminated(s, size) || !*s)
        return false;
    for (;;) {
        int letters = 0;
        while (is_lower_letter(*s)) {
            letters++;
            s++;
        }
        if (letters < 2 || letters > 3)
            return false;
        if (*s == '\0')
            return true;
        if (*s++ != ',')
            return false;
    }
}

/* A one-line text field: clean when present, and present when required. */
static interview_check check_line(const char *text, size_t max, interview_problem missing,
                                  const char *field)
{
    if (field_text_check(text, max, false) != FIELD_TEXT_OK)
        return problem(INTERVIEW_BAD_TEXT, field);
    if (missing != INTERVIEW_OK && !field_has_visible(text))
        return problem(missing, field);
    return ok();
}

static interview_check check_time(const tc_interview *iv, int64_t now)
{
    if (iv->held_at <= 0)
        return problem(INTERVIEW_TIME_MISSING, "held_at");
    if (iv->held_at > now + FUTURE_SLACK_SECONDS)
        return problem(INTERVIEW_TIME_FUTURE, "held_at");
    return ok();
}

/* The interpreter's fields are checked as text even when no interpreter is
 * used: whatever is stored must be safe to show. */
static interview_check check_interpreter(const tc_interview *iv)
{
    const char *f = "interpreter";
    interview_check r = check_line(iv->interpreter_name, INTERVIEW_NAME_MAX,
                                   iv->interpreter_used ? INTERVIEW_INTERPRETER_MISSING
                                                        : INTERVIEW_OK, f);
    if (r.problem == INTERVIEW_OK)
        r = check_line(iv->interpreter_agency, INTERVIEW_NAME_MAX, INTERVIEW_OK, f);
    if (r.problem != INTERVIEW_OK)
        return r;
    const char *lang = iv->interpreter_language;
    if (!field_terminated(lang, sizeof iv->interpreter_language))
        return problem(INTERVIEW_BAD_TEXT, f);
    if (!*lang)
        return iv->interpreter_used ? problem(INTERVIEW_INTERPRETER_MISSING, f) : ok();
    return language_list_valid(lang, sizeof iv->interpreter_language)
           ? ok() : problem(INTERVIEW_LANGUAGE_BAD, f);
}

/* A child must have a guardian or social worker recorded as present.  A
 * value outside the enum is bad data whoever the person is. */
static interview_check check_guardian(const tc_interview *iv, bool child)
{
    interview_presence g = iv->guardian_present;
    if ((int)g < 0 || g >= PRESENCE_COUNT)
        return problem(INTERVIEW_BAD_TEXT, "guardian");
    if (child && g != PRESENCE_YES)
        return problem(INTERVIEW_CHILD_ALONE, "guardian");
    return ok();
}

static bool failed(interview_check c, interview_check *out)
{
    *out = c;
    return c.problem != INTERVIEW_OK;
}

interview_check interview_validate(const tc_interview *iv, bool child, int64_t now)
{
    interview_check r;
    if (failed(check_time(iv, now), &r)
        || failed(check_line(iv->place, INTERVIEW_PLACE_MAX, INTERVIEW_PLACE_MISSING, "place"), &r)
        || failed(check_line(iv->interviewers, INTERVIEW_PEOPLE_MAX,
                             INTERVIEW_INTERVIEWER_MISSING, "interviewers"), &r))
        return r;
    if (!language_list_valid(iv->language, sizeof iv->language))
        return problem(INTERVIEW_LANGUAGE_BAD, "language");
    if (failed(check_interpreter(iv), &r))
        return r;
    if (!iv->consent_given)
        return problem(INTERVIEW_NO_CONSENT, "consent");
    if (iv->earlier_interviews < 0 || iv->earlier_interviews > INTERVIEW_EARLIER_MAX)
        return problem(INTERVIEW_EARLIER_OUT_OF_RANGE, "earlier");
    return check_guardian(iv, child);
}
