/* exchange_fmt.h - the words and layouts of the hand-over screens
 * (tui/exchange_screens.c and the files beside it) that need no terminal
 * and no store: the fingerprint in groups to read aloud, what a record
 * kind and a peer's kind are called, a value of a conflict wrapped to the
 * columns there are, the file names offered, what a preview says.  Pure
 * (gettext aside: words come back in the interface's language), so each
 * is unit-tested in tests/test_exchange_screen.c. */
#ifndef TC_EXCHANGE_FMT_H
#define TC_EXCHANGE_FMT_H
#include <stdbool.h>
#include <stddef.h>
#include "core/exchange_items.h"
#include "db/bundle.h"
#include "db/exchange.h"

/* ---- the fingerprint, to read aloud ------------------------------------ */

#define XS_FP_GROUPS 6
#define XS_FP_GROUP_DIGITS 5

/* The six groups of five digits of a fingerprint text ("12345 67890 ...",
 * bundle.h identity_fingerprint_text); anything but ASCII digits between
 * them is skipped.  False (groups untouched) unless there are exactly 30
 * digits. */
bool xs_fp_groups(const char *fp, char groups[XS_FP_GROUPS][XS_FP_GROUP_DIGITS + 1]);
/* One group as it is read aloud on screen: its number, then its digits
 * spaced, "3:  1 2 3 4 5" (XS_FP_GROUP_COLS columns). */
void xs_fp_group_text(int number, const char *group, char *out, size_t outsz);
/* How many groups stand on one row of cols columns (1, 2, 3 or 6), with
 * XS_FP_GAP columns between them: the most that fit, as a divisor of 6 so
 * the rows are even. */
#define XS_FP_GROUP_COLS 13
#define XS_FP_GAP 4
int xs_fp_groups_per_row(int cols);
/* The first two groups and an ellipsis ("12345 67890…"), for a list
 * column; the whole text when it does not read as a fingerprint. */
void xs_fp_short(const char *fp, char *out, size_t outsz);

/* ---- names --------------------------------------------------------------- */

/* What a table of the store holds, as a record kind an officer knows
 * ("persons" is "Person", "repatriation_steps" a "Repatriation step"):
 * a msgid, or NULL for a table this list does not name. */
const char *xs_table_label(const char *table);
/* What a field of the person or the case is called on the case form
 * ("estimated_age" of "persons" is "Estimated age"): a msgid, or NULL for
 * a field of another record, or one this list does not name (the screens
 * then show the field's own name). */
const char *xs_field_label(const char *table, const char *field);
/* A peer's kind: the agency type's label (msgid), "Not said" for "", the
 * code itself for a code that is no agency type. */
const char *xs_kind_label(const char *kind);
/* What a profile sends, in a line (msgid). */
const char *xs_profile_label(exch_profile p);
/* The sections of set in their order, translated and joined by ", ";
 * the translated "none" when set is empty. */
void xs_sections_text(exch_section_set set, char *out, size_t outsz);

/* ---- values of a conflict ---------------------------------------------------- */

/* A value as the screens show it: NULL is "(no value)", "" is "(empty)"
 * (both translated); any other value is itself. */
const char *xs_value_text(const char *value);

/* Lines of a value wrapped to width display columns (thai_wrap: at
 * spaces and Thai word boundaries, never inside a cluster; newlines start
 * a new line), each a malloc'd NUL-terminated copy.  At least one line
 * (an empty one for ""); at most max_lines, the last ending in "…" when
 * the text goes on.  *out is malloc'd: free with xs_lines_free.  false
 * when out of memory. */
typedef struct xs_lines {
    char **line;
    size_t n;
} xs_lines;
bool xs_wrap(const char *text, int width, size_t max_lines, xs_lines *out);
void xs_lines_free(xs_lines *l);

/* The two values of a conflict stand side by side when each half gets
 * at least XS_SIDE_MIN columns, else one under the other.  half_cols
 * (may be NULL) gets the columns of one value: half the width less the
 * 3-column gutter for side by side, the width less the 2-column indent
 * for one under the other. */
#define XS_SIDE_MIN 44
bool xs_side_by_side(int cols, int *value_cols);

/* ---- files ---------------------------------------------------------------------- */

/* The path typed in a file field: blanks around it ignored, "~" or "~/"
 * at its start is home's; an empty answer is def (itself expanded the
 * same way).  False (out "") when nothing is left, home is needed and
 * unknown, or it does not fit.  It is private_file_path(), which the file
 * fields of every screen read (tui/private_file.h). */
bool xs_path_expand(const char *typed, const char *home, const char *def, char *out,
                    size_t outsz);
/* The file offered for a hand-over of the case with reference:
 * "~/handover-<reference>.tcb", each character other than an ASCII
 * letter, digit, '-' or '_' in the reference becoming one '_' ("case"
 * for an empty reference). */
void xs_handover_default(const char *reference, char *out, size_t outsz);
#define XS_CARD_DEFAULT "~/tipcase-identity.txt"

/* ---- what a preview and a hand-over say ------------------------------------------ */

/* One case of a preview in a few words: "new case · 12 new records" or
 * "known here · 3 new · 20 the same · 2 fields differ" (the counts that
 * are 0 left out). */
void xs_preview_case_text(bool is_new, size_t n_new, size_t n_same, size_t n_conflict_fields,
                          char *out, size_t outsz);

#endif
