/* tsv.h - the line-and-TAB text format the data files share
 * (the instrument files in data/instruments/ and data/agencies.tsv).
 *
 * What every such file promises before any record is read: UTF-8, one
 * record a line, fields cut at TAB, a final CR ignored (files edited on
 * Windows), no NUL byte and no control or bidi control character except
 * TAB.  The record rules are each parser's own. */
#ifndef TC_TSV_H
#define TC_TSV_H
#include <stdbool.h>
#include <stddef.h>

typedef enum tsv_problem {
    TSV_OK = 0,
    TSV_NOT_UTF8,
    TSV_CONTROL_CHAR,       /* a NUL, a control or a bidi control character */
} tsv_problem;

/* The line's text against the rules above (TAB allowed). */
tsv_problem tsv_check_line(const char *line);

/* Cut line at TABs in place into fields[0..max); returns the number of
 * fields, or max + 1 when there are more than max. */
int tsv_split(char *line, char **fields, int max);

/* Calls on_line(ctx, line, number) for each line of text (len bytes,
 * NUL-terminated at text[len], cut in place), numbered from 1, with the
 * line ending (LF or CRLF) removed; stops at the first call that returns
 * false and returns false.  A NUL byte inside the text would cut a line
 * short without notice, so then on_line is not called at all and
 * *nul_line (the line holding it) is set and false returned. */
bool tsv_each_line(char *text, size_t len, bool (*on_line)(void *ctx, char *line, int number),
                   void *ctx, int *nul_line);

#endif
