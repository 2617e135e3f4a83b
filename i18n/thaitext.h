/* thaitext.h - Thai word order and word breaks (libthai).
 *
 * Thai writes no spaces between words, and its dictionary order is not
 * code-point order (leading vowels are skipped for the first comparison). */
#ifndef TC_THAITEXT_H
#define TC_THAITEXT_H
#include <stddef.h>

/* Compare two UTF-8 strings in Thai dictionary order (libthai collation);
 * Latin text sorts case-insensitively.  <0, 0, >0.
 * Order: digits, then Latin (accented letters with their base letter),
 * then Thai; scripts libthai does not know only break ties.  Strings that
 * collate equal are ordered by their bytes, so 0 means identical text and
 * the order is total (safe for qsort and SQLite indexes). */
int thai_collate(const char *a, const char *b);
/* Same, for sqlite3_create_collation (lengths in bytes, not terminated). */
int thai_collate_n(const char *a, int alen, const char *b, int blen);

/* A byte string whose plain byte order (memcmp, shorter first on a tie) is
 * thai_collate()'s order, so a database index can hold Thai dictionary
 * order.  Writes at most outsz bytes (not NUL-terminated: it may hold 0
 * bytes) and returns how many; 4 * strlen(utf8) + 16 is always enough. */
size_t thai_sort_key(const char *utf8, unsigned char *out, size_t outsz);

/* A line of wrapped text: bytes [start, start+len) of the input. */
typedef struct text_line { size_t start, len; } text_line;

/* Wrap utf8 into lines of at most width columns, breaking at spaces and at
 * Thai word boundaries, never inside a cluster; a word longer than a line is
 * cut at a cluster boundary.  Newlines in the text start a new line.
 * Returns the number of lines (may exceed max; only max are written).
 * Lines exclude the newline and their trailing spaces, and a wrapped line
 * starts after the spaces it broke at.  An empty paragraph is an empty
 * line; a final newline ends the last line without adding one; "" gives 0
 * lines.  A width below 1 counts as 1; a single cluster wider than the
 * width still gets a line of its own. */
size_t thai_wrap(const char *utf8, int width, text_line *lines, size_t max);

/* Free libthai's dictionary (at exit, for a leak-free run). */
void thaitext_shutdown(void);

#endif
