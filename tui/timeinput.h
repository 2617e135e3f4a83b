/* timeinput.h - moments (a date and a time of day) as officers type and
 * read them, in their civil time, and how long a clock has left.
 *
 * A moment is typed as a date thdate_parse() reads (either era, Thai
 * digits), a space, and the time as hours:minutes ("14:30" or "14.30"),
 * optionally followed by "น." as Thai officials write it:
 * "21/11/2569 14:30", "๒๑/๑๑/๒๕๖๙ ๑๔.๓๐ น.".  Times are the officers' civil
 * time, utc_offset seconds east of UTC; results are seconds since the
 * epoch, UTC.  Text is in the interface language (i18n_is_thai()). */
#ifndef TC_TIMEINPUT_H
#define TC_TIMEINPUT_H
#include <stddef.h>
#include <stdint.h>

#define MOMENT_TEXT_MAX 64          /* bytes of a typed or formatted moment */

/* NULL when text is a moment (written to *out), else the msgid of what is
 * wrong (*out untouched): a missing or unreadable date (thdate_error_text)
 * or a missing or impossible time of day. */
const char *moment_parse(const char *text, int utc_offset, int64_t *out);
/* Display form: "21 พ.ย. 2569 14:30" / "21 Nov 2026 14:30". */
void moment_format(int64_t t, int utc_offset, char *out, size_t outsz);
/* Form-field form, re-readable by moment_parse(): "21/11/2569 14:30" in
 * Thai, "21/11/2026 14:30" in English. */
void moment_format_input(int64_t t, int utc_offset, char *out, size_t outsz);

/* How long a clock has left: "3 d 4 h", "5 h 20 min", "12 min", or
 * "overdue by ..." once seconds <= 0. */
void time_left_format(int64_t seconds, char *out, size_t outsz);
/* As a phrase: "3 h 20 min left", or "overdue by 5 h" once passed. */
void time_left_words(int64_t seconds, char *out, size_t outsz);
/* The same in at most a few columns for a list: "5h" (rounded up, under
 * two days), "3d", or "late". */
void time_left_short(int64_t seconds, char *out, size_t outsz);

#endif
