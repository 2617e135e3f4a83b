/* textarea.h - a text of several paragraphs as it is typed (case notes):
 * pure functions, no curses, so every keystroke rule is unit-tested.
 *
 * Each paragraph is a lineedit, so a paragraph keeps every rule of a form
 * field (grapheme clusters, WTT 2.0 Thai input checks, no control
 * characters).  Enter splits the paragraph at the cursor; Backspace at
 * the start of a paragraph joins it to the one before.  The text is shown
 * wrapped at Thai word boundaries (thai_wrap), and Up/Down move between
 * the wrapped lines, keeping the column. */
#ifndef TC_TEXTAREA_H
#define TC_TEXTAREA_H
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>
#include "tui/lineedit.h"

#define TEXTAREA_MAX_PARAGRAPHS 200

typedef struct textarea {
    lineedit **para;            /* n paragraphs, each malloc'd */
    size_t n;
    size_t cur;                 /* the paragraph holding the cursor */
    size_t max_bytes;           /* the whole text in UTF-8, newlines included */
    int goal_col;               /* column Up/Down keep; -1 none yet */
} textarea;

/* One empty paragraph.  Returns false when out of memory. */
bool textarea_init(textarea *ta, size_t max_bytes);
/* Wipe the text and free it. */
void textarea_free(textarea *ta);
/* Replace the text; "\n" separates paragraphs (other control characters
 * are cleaned as lineedit_set does).  Cursor at the end. */
bool textarea_set(textarea *ta, const char *utf8);
/* The text as UTF-8, paragraphs joined with "\n"; returns bytes written. */
size_t textarea_get(const textarea *ta, char *out, size_t outsz);
/* UTF-8 bytes of the whole text (what textarea_get would write). */
size_t textarea_bytes(const textarea *ta);

/* Editing at the cursor.  insert and newline return false, changing
 * nothing, when refused (lineedit's rules, the byte limit, too many
 * paragraphs). */
bool textarea_insert(textarea *ta, wchar_t c);
bool textarea_newline(textarea *ta);
void textarea_backspace(textarea *ta);
void textarea_delete(textarea *ta);
void textarea_left(textarea *ta);
void textarea_right(textarea *ta);
void textarea_home(textarea *ta);   /* start of the paragraph */
void textarea_end(textarea *ta);    /* end of the paragraph */

/* A line as shown at some width: code points [start, start+len) of
 * paragraph para. */
typedef struct textarea_line {
    size_t para, start, len;
} textarea_line;

/* The text wrapped to width columns (thai_wrap): returns the number of
 * lines (may exceed max; only max are written).  An empty paragraph is
 * one empty line. */
size_t textarea_layout(const textarea *ta, int width, textarea_line *lines, size_t max);
/* The wrapped line and column the cursor stands on. */
void textarea_cursor(const textarea *ta, int width, int *row, int *col);
/* Move to the wrapped line above or below, as near the kept column as
 * the clusters allow.  Nothing at the first or last line. */
void textarea_up(textarea *ta, int width);
void textarea_down(textarea *ta, int width);

#endif
