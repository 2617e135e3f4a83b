/* lineedit.h - the text a form field holds while it is typed: pure
 * functions, no curses, so every keystroke rule is unit-tested.
 *
 * The cursor always stands on a grapheme-cluster boundary (a base letter
 * and the zero-width marks after it): it never rests on a Thai tone mark.
 * Input follows the WTT 2.0 sequence checks that Thai keyboards apply
 * (libthai th_wcisaccept, strict mode): a tone mark with no consonant, two
 * tone marks, or an above vowel after a below vowel is refused, exactly as
 * a Thai typist expects. Control characters are refused too. */
#ifndef TC_LINEEDIT_H
#define TC_LINEEDIT_H
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define LINEEDIT_CAP 8192       /* code points, hard limit */

typedef struct lineedit {
    wchar_t text[LINEEDIT_CAP + 1];
    size_t len;                 /* code points */
    size_t cursor;              /* index into text, always a cluster start */
    size_t max;                 /* field limit in code points (<= CAP) */
    size_t max_bytes;           /* field limit in UTF-8 bytes (0: none) */
} lineedit;

void lineedit_init(lineedit *e, size_t max_chars, size_t max_bytes);
/* Replace the contents (cursor to the end).  Invalid text is cleaned. */
void lineedit_set(lineedit *e, const char *utf8);
/* The contents as UTF-8; returns bytes written (excluding NUL). */
size_t lineedit_get(const lineedit *e, char *out, size_t outsz);

/* Insert one typed character at the cursor.  Returns false, changing
 * nothing, when it is refused (control character, impossible Thai
 * sequence, field full). */
bool lineedit_insert(lineedit *e, wchar_t c);
/* Insert a whole string (pasted); characters that would be refused are
 * skipped.  Returns the number inserted. */
size_t lineedit_insert_text(lineedit *e, const char *utf8);

void lineedit_left(lineedit *e);        /* one cluster */
void lineedit_right(lineedit *e);
void lineedit_home(lineedit *e);
void lineedit_end(lineedit *e);
/* Backspace removes the last code point before the cursor (a tone mark
 * first, then the vowel, then the letter), as Thai typists expect; the
 * cursor stays on a cluster boundary. */
void lineedit_backspace(lineedit *e);
/* Delete removes the whole cluster under the cursor. */
void lineedit_delete(lineedit *e);
void lineedit_clear(lineedit *e);
/* Ctrl-W: remove the word (up to a space) before the cursor. */
void lineedit_delete_word(lineedit *e);

/* Display column of the cursor from the start of the text. */
int lineedit_cursor_column(const lineedit *e);
/* First index to draw so that the cursor is visible in a field of width
 * columns, given the previous scroll position. */
size_t lineedit_scroll(const lineedit *e, size_t prev_first, int width);

#endif
