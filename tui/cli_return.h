/* cli_return.h - the text the return and reintegration commands
 * (cli_return.c) print that does not need a store: how long until a
 * follow-up, and one line of a repatriation plan's step checklist.  Text is
 * in the interface language (i18n_is_thai(): dates in B.E. with Thai month
 * names, else C.E.). */
#ifndef TC_CLI_RETURN_H
#define TC_CLI_RETURN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/repatriation.h"

#define CLI_DAYS_TEXT_MAX 96        /* bytes of cli_days_left_text() */

/* days_left as followup_days_left() gives it: "due today", "1 day left",
 * "12 days left", "overdue 1 day", "overdue 3 days". */
void cli_days_left_text(int64_t days_left, char *out, size_t outsz);

/* The checklist mark of a step: 'x' done, '-' not needed, ' ' open. */
char cli_step_mark(repat_step_state s);

/* One step of the checklist, on one line (no newline):
 *   "[x] Travel documents (required) · Done · asked 1 Feb 2026 · finished 5 Feb 2026"
 * required adds "(required)"; a date appears only when known.  The
 * counterpart and the note are printed by the caller on their own lines. */
void cli_step_line(const repat_step *st, bool required, char *out, size_t outsz);

#endif
