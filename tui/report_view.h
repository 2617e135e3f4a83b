/* report_view.h - the rules of the report screen (tui/report_screen.c)
 * that need no terminal and no store: how long a bar is, how a figure
 * reads ("1,234", "<11", "42%"), how wide each column is at the width of
 * the moment, which lines of a scrolled table show, which period a kind
 * chosen from the list means, and where the written report goes.
 *
 * Every width here is in display columns (i18n/textwidth.h), never bytes:
 * a Thai label's marks take none. */
#ifndef TC_REPORT_VIEW_H
#define TC_REPORT_VIEW_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/report.h"
#include "tui/report_out.h"

/* The figure columns a table of the screen may have. */
#define REPORT_VIEW_NUMS 3

/* The bar's glyph: a full block, as the screening wizard's progress bar.
 * It is a character, not a colour, so it shows without colour too. */
#define REPORT_BAR_GLYPH "\xE2\x96\x88"

/* Cells of a bar for n when the longest bar (max) takes width cells:
 * 0 for n <= 0 (or max <= 0 or width <= 0), width for n >= max, else
 * rounded to the nearest cell but never 0 for a figure above 0 (a small
 * figure still shows that it is there) and never the whole width (only
 * the largest figure looks largest). */
int report_bar_cells(int64_t n, int64_t max, int width);
/* That many glyphs (as many as fit in outsz). */
void report_bar_text(int cells, char *out, size_t outsz);

/* n with thousands grouped by commas, as Thai and English reports write
 * them: "0", "950", "12,345", "-1,000". */
void report_number_text(int64_t n, char *out, size_t outsz);
/* A cell as the screen shows it: "<11" (with the table's k) when it is
 * suppressed, else its number. */
void report_cell_text(report_cell c, int k, char *out, size_t outsz);
/* n as a whole percentage of total ("42%", "<1%" for a small share above
 * 0); "" when total is 0 or less. */
void report_share_text(int64_t n, int64_t total, char *out, size_t outsz);
/* s right-aligned in width columns (spaces before it); s as it is when it
 * is already as wide or wider. */
void report_align_right(const char *s, int width, char *out, size_t outsz);

/* The columns of a table at a screen of cols columns: a label, up to
 * REPORT_VIEW_NUMS figures, and a bar taking what is left.  Columns start
 * at x = 1, with one space between them and one free at the right edge. */
typedef struct report_cols {
    int label;
    int num[REPORT_VIEW_NUMS];
    int n_num;
    int bar;                    /* 0: no bar */
} report_cols;
/* label_widest and num_widest[] are the widest texts of each column
 * (headings included).  Each figure column is as wide as its widest text
 * (numbers are never cut).  With a bar, the label gets its widest but at
 * most three fifths of what the figures leave (never under 8 columns when
 * it is wider), and the bar the rest; without one, the label gets
 * everything left.  No column is ever negative. */
report_cols report_layout(int cols, int label_widest, const int *num_widest, int n_num,
                          bool bar);

/* The first line to show of n lines in a page of page lines, from the top
 * asked for: never past the last full page, never below 0. */
int report_clamp_top(int top, int n, int page);

/* The period of kind that the officer most likely means on leaving
 * current: the one holding today when current holds today, else the one
 * holding current's last day.  PERIOD_RANGE returns current unchanged (a
 * range is typed). */
report_period report_period_of_kind(report_period_kind kind, report_period current,
                                    caldate today);

/* The file a typed path names: spaces trimmed, "~" or "~/..." in home.
 * false when nothing is typed, or "~" is typed and home is unknown, or it
 * does not fit.  private_file_path() (tui/private_file.h) without a
 * default, and "~" alone, a directory, refused. */
bool report_file_path(const char *typed, const char *home, char *out, size_t outsz);
/* The path offered first: "~/tipcase-report-fy2569.csv" (".txt" for
 * text; "-outside" before the extension for an export meant for outside
 * the team).  Written with "~" so the officer sees it is the home
 * directory; the screen's file question (private_file_ask) expands it. */
void report_file_default(report_period p, report_format f, bool outside, char *out,
                         size_t outsz);

#endif
