/* fieldtext.h - the checks every free-text and code field of a record
 * shares: bounded length, no text that could repaint a terminal, language
 * and country codes in their canonical stored form.
 *
 * Pure.  Used by the intake, consent, needs and stage modules so that a
 * reason, a note or a name is judged by the same rule everywhere. */
#ifndef TC_FIELDTEXT_H
#define TC_FIELDTEXT_H
#include <stdbool.h>
#include <stddef.h>

typedef enum field_text {
    FIELD_TEXT_OK = 0,
    FIELD_TEXT_BAD,         /* invalid UTF-8, control or bidi characters */
    FIELD_TEXT_TOO_LONG,    /* more than max bytes (or no NUL within max) */
} field_text;

/* Length of s, never reading more than max bytes: a buffer that lost its
 * NUL reports max instead of being overrun. */
size_t field_bounded_length(const char *s, size_t max);

/* True when the buffer s of size bytes holds its NUL: a code or text field
 * received from elsewhere is read as a string only after this. */
bool field_terminated(const char *s, size_t size);

/* Checks a text field of at most max bytes.  A single-line field (names,
 * reasons, places) refuses every control character and the bidi controls
 * that would reorder what an officer sees; a multi-line field (notes)
 * accepts newlines and tabs.  NULL counts as "". */
field_text field_text_check(const char *s, size_t max, bool multiline);

/* True when s has something other than spaces, tabs and newlines: a
 * reason made of blanks is no reason.  NULL is empty. */
bool field_has_visible(const char *s);

/* Copies src (NULL as "") into the buffer dst of size bytes, cutting it at
 * size - 1 bytes and zeroing the rest, so no stale bytes follow the NUL.
 * For text already checked: the cut is only a guard. */
void field_copy_text(char *dst, size_t size, const char *src);

/* One ISO 639 language code, 2 or 3 lower-case ASCII letters ("my", "shn"). */
bool field_language_code_valid(const char *s);

/* A country a route can name: a known ISO 3166 alpha-2 code in its stored
 * upper-case form ("MM", not "mm"), and not GEO_STATELESS, which is a
 * nationality, not a place. */
bool field_country_code_valid(const char *s);

#endif
