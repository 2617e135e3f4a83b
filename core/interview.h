/* interview.h - the record of one screening interview: when and where, who
 * asked, in which language, through which interpreter, with what consent.
 *
 * The number of earlier interviews is kept so that nobody asks a person to
 * tell the same story again without need (each retelling can retraumatise;
 * DOMAIN.md "Records").  For a child, whether a guardian or social worker
 * was present is recorded: a child is not interviewed alone. */
#ifndef TC_INTERVIEW_H
#define TC_INTERVIEW_H
#include <stdbool.h>
#include <stdint.h>

#define INTERVIEW_PLACE_MAX 200         /* bytes of UTF-8 */
#define INTERVIEW_PEOPLE_MAX 400        /* interviewers: names, comma separated */
#define INTERVIEW_LANG_MAX 64           /* ISO 639 code(s): "my", "km,th" */
#define INTERVIEW_NAME_MAX 200          /* interpreter name, agency */
#define INTERVIEW_EARLIER_MAX 99

typedef enum interview_presence {
    PRESENCE_NOT_RECORDED = 0,
    PRESENCE_YES,
    PRESENCE_NO,
    PRESENCE_COUNT
} interview_presence;

typedef struct tc_interview {
    int64_t held_at;                    /* seconds since the epoch, UTC */
    char place[INTERVIEW_PLACE_MAX + 1];
    char interviewers[INTERVIEW_PEOPLE_MAX + 1];
    char language[INTERVIEW_LANG_MAX + 1];      /* language of the interview */
    bool interpreter_used;
    char interpreter_name[INTERVIEW_NAME_MAX + 1];
    char interpreter_agency[INTERVIEW_NAME_MAX + 1];
    char interpreter_language[INTERVIEW_LANG_MAX + 1];
    bool consent_given;                 /* the person agreed to be interviewed */
    int earlier_interviews;             /* 0..INTERVIEW_EARLIER_MAX */
    interview_presence guardian_present;    /* guardian or social worker, for a child */
} tc_interview;

/* Empty: held_at 0, no interpreter, no consent, 0 earlier interviews,
 * guardian not recorded. */
void interview_init(tc_interview *iv);

typedef enum interview_problem {
    INTERVIEW_OK = 0,
    INTERVIEW_TIME_MISSING,             /* held_at is 0 */
    INTERVIEW_TIME_FUTURE,              /* later than now (a minute's slack) */
    INTERVIEW_PLACE_MISSING,
    INTERVIEW_INTERVIEWER_MISSING,
    INTERVIEW_LANGUAGE_BAD,             /* empty or not ISO 639 codes */
    INTERVIEW_INTERPRETER_MISSING,      /* interpreter used, no name or language */
    INTERVIEW_NO_CONSENT,               /* never interview without consent */
    INTERVIEW_EARLIER_OUT_OF_RANGE,
    INTERVIEW_CHILD_ALONE,              /* a child without guardian/social worker recorded */
    INTERVIEW_BAD_TEXT,                 /* invalid UTF-8, control characters, too long */
    INTERVIEW_PROBLEM_COUNT
} interview_problem;

typedef struct interview_check {
    interview_problem problem;
    const char *field;      /* "held_at", "place", "interviewers", "language",
                               "interpreter", "consent", "earlier", "guardian",
                               or NULL when OK */
} interview_check;

/* The first problem, in field order.  child: the person is (or is presumed)
 * under 18, so guardian_present must be recorded as yes.  now: the injected
 * clock's time. */
interview_check interview_validate(const tc_interview *iv, bool child, int64_t now);
const char *interview_problem_text(interview_problem p);   /* msgid */

#endif
