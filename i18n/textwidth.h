/* textwidth.h - measuring, cutting and cleaning text for a terminal.
 *
 * Thai stacks vowels and tone marks above and below a base letter: they take
 * no column of their own.  Everything that measures, truncates or pads text
 * does it here, by display columns, and never separates a base letter from
 * its marks.  Text from data is cleaned before it reaches the terminal so
 * that an escape sequence in a name cannot repaint the screen. */
#ifndef TC_TEXTWIDTH_H
#define TC_TEXTWIDTH_H
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Columns one code point takes once cleaned: 0 for combining marks
 * (Thai above/below vowels, tone marks), 2 for East Asian wide, 1 for
 * everything else (controls are shown as one replacement column). */
int wchar_columns(wchar_t c);
/* True for a mark that belongs to the letter before it (width 0). */
bool wchar_is_mark(wchar_t c);

/* Grapheme clusters for editing: a base character and the marks after it.
 * SARA AM (U+0E33) takes a column but stays in the cluster of its letter
 * ("น้ำ" is one cluster).  A space or a control carries no marks: a mark
 * after one starts a cluster of its own (an orphan).
 * next returns the index after the cluster starting at pos (len at end);
 * prev returns the start of the cluster that ends at pos (0 at start).
 * wtext_columns counts as text_clean() shows: an orphan mark adds the
 * column of its dotted circle. */
size_t wtext_next_cluster(const wchar_t *s, size_t len, size_t pos);
size_t wtext_prev_cluster(const wchar_t *s, size_t len, size_t pos);
int wtext_columns(const wchar_t *s, size_t len);

/* Display columns of a UTF-8 string as text_clean() would show it. */
int text_columns(const char *utf8);

/* Copy utf8 into out (outsz bytes, NUL-terminated) made safe for a
 * terminal: invalid bytes become U+FFFD, C0/C1 controls and DEL become
 * U+FFFD (newline and tab become a space), bidi controls are dropped, and a
 * mark with no base letter gets a dotted circle U+25CC before it.  Returns
 * the display columns of the result. */
int text_clean(const char *utf8, char *out, size_t outsz);

/* Like text_clean(), but stops before the cluster that would pass cols
 * columns; when the text was cut and ellipsis is true, the last column
 * becomes "…".  Returns the columns used. */
int text_fit(const char *utf8, int cols, bool ellipsis, char *out, size_t outsz);

/* text_fit() and then spaces up to exactly cols columns. */
int text_pad(const char *utf8, int cols, char *out, size_t outsz);

/* UTF-8 <-> wide conversion independent of the locale (tipcase data is
 * always UTF-8).  Return the number of elements written, excluding the
 * terminator; invalid input becomes U+FFFD.  Output is always terminated
 * (when there is room for anything) and never ends in half a character;
 * text_from_wide stops early at an L'\0' within len. */
size_t text_to_wide(const char *utf8, wchar_t *out, size_t outlen);
size_t text_from_wide(const wchar_t *w, size_t len, char *out, size_t outsz);

#endif
