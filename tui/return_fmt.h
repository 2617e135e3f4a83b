/* return_fmt.h - the words of the return and reintegration screens that
 * need no terminal and no store: a step of the repatriation checklist, how
 * far off a follow-up is, a recorded follow-up in one line.  Pure (gettext
 * aside), so each is unit-tested (tests/test_return_tui.c); the screens
 * (tui/return_screens.c, tui/reint_screens.c, tui/caseview_return.c,
 * tui/clock_screens.c) draw what these return.
 *
 * Dates are B.E. with Thai month names when thai is true ("29 ก.พ. 2571"),
 * C.E. in English ("29 Feb 2028"): the screens pass i18n_is_thai(). */
#ifndef TC_RETURN_FMT_H
#define TC_RETURN_FMT_H
#include <stdbool.h>
#include <stddef.h>
#include "core/reintegration.h"
#include "core/repatriation.h"

/* A date as the plans show it; "" when not known. */
void return_date_text(bool known, caldate d, bool thai, char *out, size_t outsz);

/* The checklist mark of a step: "[x]" done, "[-]" not needed, "[ ]" still
 * open (not started or requested). */
const char *repat_step_mark(repat_step_state s);

/* A step's state with the date that goes with it: "done 5 Dec 2026",
 * "requested 1 Dec 2026", "not needed 2 Dec 2026", "not started" (the
 * state's label alone when its date is not known). */
void repat_step_status(const repat_step *s, bool thai, char *out, size_t outsz);

/* One line of the checklist: the mark, "*" for a required step (a space
 * otherwise), the step's name padded or cut to name_cols display columns,
 * a space and the status:
 *   "[x] * Family tracing and assessment    done 5 Dec 2026" */
void repat_step_line(const repat_step *s, bool required, int name_cols, bool thai, char *out,
                     size_t outsz);

/* How far a follow-up due on `due` is from today, in words: "today",
 * "tomorrow", "in 14 days", "overdue by 1 day", "overdue by 3 days".
 * Returns true when it is overdue. */
bool followup_when_text(caldate due, caldate today, char *out, size_t outsz);
/* The due date and how far off it is: "5 Dec 2026 (in 14 days)".
 * Returns true when it is overdue. */
bool followup_due_text(caldate due, caldate today, bool thai, char *out, size_t outsz);

/* The first line of text (up to a newline), for a list. */
void first_line(const char *text, char *out, size_t outsz);

/* A recorded follow-up in one line: "5 Dec 2026 · Home visit · risk: High"
 * and, when there are findings, " · " and their first line. */
void followup_record_text(const tc_followup *f, bool thai, char *out, size_t outsz);

/* "1, 3, 6, 12 months": the schedule of a plan. */
void followup_schedule_text(const followup_schedule *s, char *out, size_t outsz);

/* Where the plan leads: "Myanmar · Mawlamyine"; a Thai coming home adds
 * the direction: "Thailand · Khon Kaen · Thai national returning home
 * from abroad". */
void repat_destination_text(const tc_repatriation *p, char *out, size_t outsz);

/* A country's name in the interface's language (the code itself when it
 * is not a known one; "" for ""). */
const char *return_country_name(const char *code);

#endif
