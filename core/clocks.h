/* clocks.h - the legal clocks that start when a person is met.
 *
 * From the moment an officer meets a person who may be a victim:
 *   - identification: an official may keep the person for identification for
 *     up to 24 hours; a court order can extend it, up to 7 days counted from
 *     the same moment (Anti-Trafficking Act; DOMAIN.md "Legal frame") [verify];
 *   - temporary shelter: up to 15 days in temporary shelter before the MDT
 *     interview (NRM B.E. 2565);
 *   - reflection: a 45-day reflection period (NRM B.E. 2565).
 * The lengths are settings, not constants: the law or the NRM may change,
 * and an administrator stores new lengths without a new build.
 *
 * Times are int64 seconds since the epoch, UTC.  Deadlines are exact
 * durations from the moment met (24 hours is 86400 seconds, 15 days is
 * 15 x 86400), never rounded to a civil day: Thailand has no daylight
 * saving, and a deadline that moved to midnight would be hours late or
 * early.  "Now" is always passed in (core/clock.h). */
#ifndef TC_CLOCKS_H
#define TC_CLOCKS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COURT_REF_MAX 200           /* bytes of UTF-8 (Thai letters take 3 each) */
#define CLOCK_HOURS_LIMIT (24 * 366)    /* settings above a year are refused */

typedef struct clock_settings {
    int identification_hours;       /* 24 */
    int court_max_hours;            /* 168: longest a court order may allow, from met */
    int shelter_days;               /* 15 */
    int reflection_days;            /* 45 */
    int due_soon_hours;             /* 24: "runs out within a day" */
} clock_settings;

/* The lengths above. */
void clock_settings_defaults(clock_settings *s);

typedef enum clock_problem {
    CLOCK_OK = 0,
    CLOCK_SETTING_OUT_OF_RANGE,     /* a length <= 0 or above a year */
    CLOCK_COURT_MAX_TOO_SHORT,      /* court maximum below the first 24 hours */
    CLOCK_COURT_REF_MISSING,
    CLOCK_COURT_REF_BAD_TEXT,       /* invalid UTF-8 or control characters */
    CLOCK_COURT_REF_TOO_LONG,
    CLOCK_EXTENSION_NOT_LATER,      /* does not end after the first deadline */
    CLOCK_EXTENSION_TOO_LONG,       /* ends after the court maximum */
    CLOCK_PROBLEM_COUNT
} clock_problem;
const char *clock_problem_message(clock_problem p);    /* msgid */

clock_problem clock_settings_check(const clock_settings *s);

typedef enum clock_kind {
    CLOCK_IDENTIFICATION = 0,
    CLOCK_SHELTER,
    CLOCK_REFLECTION,
    CLOCK_KIND_COUNT
} clock_kind;

const char *clock_kind_code(clock_kind k);     /* "identification", "shelter", "reflection" */
bool clock_kind_from_code(const char *code, clock_kind *out);
const char *clock_kind_label(clock_kind k);    /* msgid */

/* One person's clocks: when they were met, any court extension, and which
 * clocks have stopped (the identification was made, the MDT interview
 * held, the person left the shelter...). */
typedef struct case_clocks {
    int64_t met_at;
    bool extended;
    int64_t extended_until;         /* the court order's end, when extended */
    char court_ref[COURT_REF_MAX + 1];
    bool stopped[CLOCK_KIND_COUNT];
    int64_t stopped_at[CLOCK_KIND_COUNT];
} case_clocks;

/* Starts the clocks at met_at, without an extension, none stopped. */
void case_clocks_start(case_clocks *c, int64_t met_at);

/* Stops clock k at `when` (what it was waiting for has happened).  A
 * stopped clock keeps its deadline, for the record, but leaves the due-soon
 * view.  Stopping again keeps the first time. */
void case_clocks_stop(case_clocks *c, clock_kind k, int64_t when);

/* True when clock k was stopped at or before its deadline. */
bool case_clock_stopped_in_time(const case_clocks *c, const clock_settings *s, clock_kind k);

/* Records a court order extending identification until `until`, with its
 * reference (required).  The end must be after the first deadline and no
 * later than met_at + court_max_hours.  A later order replaces an earlier
 * one.  On a problem nothing changes. */
clock_problem case_clocks_extend(case_clocks *c, const clock_settings *s,
                                 int64_t until, const char *court_ref);

/* When the clock of kind k runs out (identification: the court order's end
 * when extended).  s must pass clock_settings_check. */
int64_t case_clock_due(const case_clocks *c, const clock_settings *s, clock_kind k);

typedef enum deadline_state {
    DEADLINE_RUNNING = 0,
    DEADLINE_DUE_SOON,              /* runs out within due_soon_hours */
    DEADLINE_PASSED,                /* now is at or after the deadline */
    DEADLINE_STATE_COUNT
} deadline_state;
const char *deadline_state_label(deadline_state st);   /* msgid */

/* Seconds left (negative once passed). */
int64_t deadline_remaining(int64_t due, int64_t now);
deadline_state deadline_state_at(int64_t due, int64_t now, const clock_settings *s);
/* True when the deadline has not passed and runs out within `seconds`. */
bool deadline_runs_out_within(int64_t due, int64_t now, int64_t seconds);

/* One row of a due-soon view: a clock of one of the caller's cases. */
typedef struct deadline_entry {
    int64_t due;
    clock_kind kind;
    size_t owner;                   /* the caller's index (e.g. into its case list) */
} deadline_entry;

/* Writes the deadlines of one case's running (not stopped) clocks, in kind
 * order; returns how many (0..CLOCK_KIND_COUNT). */
size_t case_clocks_entries(const case_clocks *c, const clock_settings *s, size_t owner,
                           deadline_entry out[CLOCK_KIND_COUNT]);

/* qsort order: earliest deadline first; ties by kind, then owner, so the
 * same list always prints the same way. */
int deadline_entry_compare(const void *a, const void *b);

/* Sorts the entries and keeps, at the front, those passed or running out
 * within due_soon_hours of now (passed first, as they are earliest);
 * returns how many.  The rest follow, in no promised order. */
size_t deadlines_due_soon(deadline_entry *entries, size_t n, int64_t now,
                          const clock_settings *s);

#endif
