/* reintegration.h - a reintegration plan (แผนการคืนสู่สังคมเฉพาะบุคคล):
 * what the person needs to rebuild a life after return, domain by domain,
 * and the follow-ups (การติดตามผล) that catch re-trafficking.
 *
 * Domains: health, psychosocial, education, vocational training,
 * livelihood and income, family, legal, safety, documents (IOM HTCDS
 * spl_Type).  For each domain in the plan: goals, services and the
 * responsible agency (a directory code, core/agency.h, or "").
 *
 * Follow-ups are due at set intervals after the return date, by default
 * 1, 3, 6 and 12 months (the setting "followup.months").  Follow-up k is
 * due on reint_scheduled_date(start, months[k-1]): calendar months, so a
 * return on 31 January has its first follow-up on 28 (or 29) February.
 * Each follow-up is recorded with its date, method, findings, the
 * re-trafficking risk seen and the next date; the plan's next due date is
 * that next date.  A follow-up is overdue the day after its due date.
 *
 * A high risk raises the case to the top of the lists and the screen
 * offers a new screening; the next follow-up with a lower risk, or closing
 * the plan, lowers it again.
 *
 *   active -> closed (with an outcome; "other" needs a note)
 *
 * Pure: dates come from the caller. */
#ifndef TC_REINTEGRATION_H
#define TC_REINTEGRATION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "officer.h"

#define REINT_TEXT_MAX 2000         /* bytes: goals, services, findings, note */
#define REINT_MONTHS_MAX 12         /* at most this many scheduled follow-ups */
#define REINT_MONTH_LIMIT 120       /* an interval above ten years is refused */
#define REINT_MONTHS_TEXT_MAX 64    /* "1,3,6,12" */

/* ------------------------------------------------------------------ codes */

typedef enum reint_domain {
    REINT_HEALTH = 0,
    REINT_PSYCHOSOCIAL,
    REINT_EDUCATION,
    REINT_VOCATIONAL,
    REINT_LIVELIHOOD,               /* livelihood and income */
    REINT_FAMILY,
    REINT_LEGAL,
    REINT_SAFETY,
    REINT_DOCUMENTS,
    REINT_DOMAIN_COUNT
} reint_domain;
/* Stored codes: "health", "psychosocial", "education", "vocational",
 * "livelihood", "family", "legal", "safety", "documents". */
const char *reint_domain_code(reint_domain d);
bool reint_domain_from_code(const char *code, reint_domain *out);
const char *reint_domain_label(reint_domain d);            /* msgid */

typedef enum followup_method {
    FOLLOWUP_VISIT = 0,             /* a home or workplace visit */
    FOLLOWUP_PHONE,
    FOLLOWUP_PARTNER_REPORT,        /* a partner agency's report */
    FOLLOWUP_METHOD_COUNT
} followup_method;
/* Stored codes: "visit", "phone", "partner_report". */
const char *followup_method_code(followup_method m);
bool followup_method_from_code(const char *code, followup_method *out);
const char *followup_method_label(followup_method m);      /* msgid */

typedef enum retrafficking_risk {
    RISK_LOW = 0,
    RISK_MEDIUM,
    RISK_HIGH,
    RISK_COUNT
} retrafficking_risk;
/* Stored codes: "low", "medium", "high". */
const char *risk_code(retrafficking_risk r);
bool risk_from_code(const char *code, retrafficking_risk *out);
const char *risk_label(retrafficking_risk r);              /* msgid */

typedef enum reint_outcome {
    REINT_OUTCOME_REINTEGRATED = 0, /* successfully reintegrated */
    REINT_OUTCOME_LOST_CONTACT,
    REINT_OUTCOME_RETRAFFICKED,
    REINT_OUTCOME_TRANSFERRED,      /* to another agency or country */
    REINT_OUTCOME_DECLINED,         /* the person wanted no more support */
    REINT_OUTCOME_DIED,
    REINT_OUTCOME_OTHER,            /* needs a note */
    REINT_OUTCOME_COUNT
} reint_outcome;
/* Stored codes: "reintegrated", "lost_contact", "retrafficked",
 * "transferred", "declined", "died", "other". */
const char *reint_outcome_code(reint_outcome o);
bool reint_outcome_from_code(const char *code, reint_outcome *out);
const char *reint_outcome_label(reint_outcome o);          /* msgid */

/* ------------------------------------------------------------- schedule */

/* The follow-up intervals in months, strictly increasing, 1..
 * REINT_MONTHS_MAX of them, each 1..REINT_MONTH_LIMIT. */
typedef struct followup_schedule {
    int months[REINT_MONTHS_MAX];
    size_t count;
} followup_schedule;

/* 1, 3, 6, 12. */
followup_schedule followup_schedule_default(void);
/* True when s is a schedule as described above: what
 * followup_schedule_parse() accepts, and so what a setting may hold. */
bool followup_schedule_valid(const followup_schedule *s);

/* How many days before its date a follow-up shows as due soon: the
 * default, and the longest an officer may choose (a year; 0 shows only
 * what is due today or overdue). */
#define FOLLOWUP_DUE_SOON_DEFAULT 7
#define FOLLOWUP_DUE_SOON_MAX 366
/* True for 0..FOLLOWUP_DUE_SOON_MAX days. */
bool followup_due_soon_valid(int days);
/* Reads "1,3,6,12" (spaces allowed around the numbers; Thai digits too).
 * False for anything else (empty, not increasing, out of range, too
 * many), leaving *out alone. */
bool followup_schedule_parse(const char *text, followup_schedule *out);
/* The stored form, "1,3,6,12". */
void followup_schedule_format(const followup_schedule *s, char out[REINT_MONTHS_TEXT_MAX]);

/* start plus `months` calendar months (caldate_add_months: the last day of
 * a shorter month stands in for a day it lacks). */
caldate reint_scheduled_date(caldate start, int months);
/* The date of the follow-up that comes after `done` follow-ups have been
 * recorded: schedule slot done+1.  False when the schedule has no more
 * slots (the plan then goes on with dates the officer sets). */
bool reint_next_scheduled(caldate start, const followup_schedule *s, size_t done,
                          caldate *out);

/* Is a follow-up due on `due` overdue on `today`?  (today > due) */
bool followup_overdue(caldate due, caldate today);
/* Whole days from today to due: negative when overdue. */
int64_t followup_days_left(caldate due, caldate today);

/* ---------------------------------------------------------------- record */

typedef struct reint_domain_plan {
    bool included;                  /* the domain is part of the plan */
    char goals[REINT_TEXT_MAX + 1];
    char services[REINT_TEXT_MAX + 1];
    char agency_code[TC_CODE_MAX + 1];      /* responsible agency, or "" */
} reint_domain_plan;

typedef struct tc_reintegration {
    char id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    caldate start;                  /* the return date: the schedule counts from it */
    followup_schedule schedule;     /* copied from the setting when made */
    reint_domain_plan domains[REINT_DOMAIN_COUNT];
    /* The next follow-up's due date; not known once the schedule has run
     * out and no next date was set, and never for a closed plan. */
    bool next_known;
    caldate next_due;
    size_t followups_done;          /* recorded follow-ups, not withdrawn */
    bool high_risk;                 /* the latest follow-up found a high risk */
    bool closed;
    reint_outcome outcome;          /* when closed */
    caldate closed_on;
    char outcome_note[REINT_TEXT_MAX + 1];
    bool entry_withdrawn;
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_reintegration;

/* A blank plan starting on `start` with the default schedule, no domain
 * included, next_due the first scheduled date, active. */
void reint_init(tc_reintegration *p, caldate start);
/* next_due the first scheduled date counted from p->start (next_known
 * false when the start is not a real date or the schedule is empty):
 * where a plan with no follow-up yet waits. */
void reint_schedule_first(tc_reintegration *p);

typedef struct tc_followup {
    char id[TC_ID_LEN];
    char plan_id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    caldate on;                     /* when it took place */
    followup_method method;
    char findings[REINT_TEXT_MAX + 1];
    retrafficking_risk risk;
    bool next_known;                /* false: no further follow-up planned */
    caldate next_on;
    char by_agency[TC_CODE_MAX + 1];    /* a partner's report: its directory code, or "" */
    bool entry_withdrawn;
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_followup;

/* A blank follow-up of plan p on `on`: a visit, low risk, next_on the
 * next scheduled date after p's recorded follow-ups (reint_next_scheduled
 * with p->followups_done + 1 done) when there is one. */
void followup_init(tc_followup *f, const tc_reintegration *p, caldate on);

/* ------------------------------------------------------------ validation */

typedef enum reint_problem {
    REINT_OK = 0,
    REINT_CASE_MISSING,
    REINT_START_INVALID,
    REINT_SCHEDULE_INVALID,
    REINT_TEXT_BAD,                 /* invalid UTF-8 or control characters */
    REINT_TEXT_TOO_LONG,
    REINT_AGENCY_INVALID,           /* not a well-formed code */
    REINT_NO_DOMAIN,                /* a plan needs at least one domain */
    REINT_GOALS_MISSING,            /* an included domain without goals */
    REINT_OUTCOME_INVALID,
    REINT_OUTCOME_NOTE_MISSING,     /* "other" without a note */
    REINT_CLOSED_BEFORE_START,
    REINT_PLAN_CLOSED,              /* a follow-up of a closed plan */
    REINT_FOLLOWUP_DATE_INVALID,    /* not a real date */
    REINT_FOLLOWUP_BEFORE_START,    /* before the return date */
    REINT_FOLLOWUP_IN_FUTURE,       /* after today */
    REINT_METHOD_INVALID,
    REINT_RISK_INVALID,
    REINT_FINDINGS_MISSING,
    REINT_NEXT_NOT_AFTER,           /* the next date is not after this one */
    REINT_PROBLEM_COUNT
} reint_problem;
const char *reint_problem_text(reint_problem p);           /* msgid */

/* The first problem and its field: "start", "schedule",
 * "domains.<code>.goals", "domains.<code>.services",
 * "domains.<code>.agency", "domains", "outcome", "outcome_note",
 * "closed_on" (plan); "on", "method", "findings", "risk", "next_on",
 * "by_agency" (follow-up).  NULL when OK. */
typedef struct reint_check {
    reint_problem problem;
    const char *field;
} reint_check;
/* The plan's content (domains, start, schedule; outcome when closed). */
reint_check reint_validate(const tc_reintegration *p);
/* A follow-up of plan p, recorded on `today` (the officers' civil date). */
reint_check followup_validate(const tc_followup *f, const tc_reintegration *p, caldate today);
/* Close plan p with an outcome on `on`: checks and applies (closed,
 * outcome, closed_on, note; next_known and high_risk false).  p is
 * unchanged on a refusal. */
reint_check reint_close(tc_reintegration *p, reint_outcome outcome, caldate on,
                        const char *note);

/* What recording follow-up f does to its plan: followups_done + 1,
 * next_due from f->next_on (next_known false when f has none), high_risk
 * when f->risk is high. */
void reint_apply_followup(tc_reintegration *p, const tc_followup *f);
/* What the follow-ups that still count, fs[0..n) oldest first, make of
 * their plan: from no follow-up (followups_done 0, not high risk, the
 * first scheduled date), reint_apply_followup for each in turn.  So a
 * follow-up withdrawn leaves the plan as if it was never recorded. */
void reint_replay_followups(tc_reintegration *p, const tc_followup *fs, size_t n);

#endif
