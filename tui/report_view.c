/* report_view.c - the report screen's layout rules (see report_view.h). */
#include "config.h"
#include "tui/report_view.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "i18n/textwidth.h"
#include "tui/private_file.h"

int report_bar_cells(int64_t n, int64_t max, int width)
{
    if (n <= 0 || max <= 0 || width <= 0)
        return 0;
    if (n >= max)
        return width;
    /* Rounded to the nearest cell; in 128-bit-free arithmetic, since a
     * figure times a width stays far below INT64_MAX for any real store. */
    int64_t cells = (n * width * 2 + max) / (max * 2);
    if (cells < 1)
        cells = 1;
    /* Only the largest figure fills the whole width. */
    if (cells >= width)
        cells = width > 1 ? width - 1 : 1;
    return (int)cells;
}

void report_bar_text(int cells, char *out, size_t outsz)
{
    if (!outsz)
        return;
    size_t glyph = sizeof REPORT_BAR_GLYPH - 1, used = 0;
    for (int i = 0; i < cells && used + glyph < outsz; i++, used += glyph)
        memcpy(out + used, REPORT_BAR_GLYPH, glyph);
    out[used] = '\0';
}

void report_number_text(int64_t n, char *out, size_t outsz)
{
    if (!outsz)
        return;
    char digits[32];
    /* The magnitude as unsigned, so INT64_MIN has one too. */
    uint64_t mag = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int len = snprintf(digits, sizeof digits, "%" PRIu64, mag);
    char grouped[48];
    size_t g = 0;
    if (n < 0)
        grouped[g++] = '-';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    snprintf(out, outsz, "%s", grouped);
}

void report_cell_text(report_cell c, int k, char *out, size_t outsz)
{
    if (c.suppressed)
        snprintf(out, outsz, "<%d", k > 0 ? k : REPORT_K_OUTSIDE);
    else
        report_number_text(c.n, out, outsz);
}

void report_share_text(int64_t n, int64_t total, char *out, size_t outsz)
{
    if (!outsz)
        return;
    if (total <= 0 || n < 0) {
        out[0] = '\0';
        return;
    }
    int64_t pct = (n * 200 + total) / (total * 2);
    if (pct == 0 && n > 0)
        snprintf(out, outsz, "<1%%");
    else
        snprintf(out, outsz, "%" PRId64 "%%", pct);
}

void report_align_right(const char *s, int width, char *out, size_t outsz)
{
    if (!outsz)
        return;
    int pad = width - text_columns(s);
    if (pad < 0)
        pad = 0;
    if ((size_t)pad >= outsz)
        pad = (int)outsz - 1;
    memset(out, ' ', (size_t)pad);
    snprintf(out + pad, outsz - (size_t)pad, "%s", s);
}

report_cols report_layout(int cols, int label_widest, const int *num_widest, int n_num,
                          bool bar)
{
    report_cols c;
    memset(&c, 0, sizeof c);
    if (n_num < 0)
        n_num = 0;
    if (n_num > REPORT_VIEW_NUMS)
        n_num = REPORT_VIEW_NUMS;
    c.n_num = n_num;
    /* x = 1 at the left, one column free at the right. */
    int rest = cols - 2;
    for (int i = 0; i < n_num; i++) {
        c.num[i] = num_widest[i] > 1 ? num_widest[i] : 1;
        rest -= c.num[i] + 1;
    }
    if (rest < 0)
        rest = 0;
    if (label_widest < 0)
        label_widest = 0;
    if (!bar) {
        c.label = rest;
        return c;
    }
    int most = rest * 3 / 5;
    int floor = label_widest < 8 ? label_widest : 8;
    if (most < floor)
        most = floor;
    c.label = label_widest < most ? label_widest : most;
    if (c.label > rest)
        c.label = rest;
    c.bar = rest - c.label - 1;
    if (c.bar < 0)
        c.bar = 0;
    return c;
}

int report_clamp_top(int top, int n, int page)
{
    if (page < 1)
        page = 1;
    int last = n - page;
    if (top > last)
        top = last;
    if (top < 0)
        top = 0;
    return top;
}

static bool period_holds(report_period p, caldate d)
{
    return caldate_compare(p.from, d) <= 0 && caldate_compare(d, p.to) <= 0;
}

report_period report_period_of_kind(report_period_kind kind, report_period current,
                                    caldate today)
{
    caldate d = period_holds(current, today) ? today : current.to;
    switch (kind) {
    case PERIOD_FISCAL_YEAR: return report_period_fiscal_year(fiscal_year_be(d));
    case PERIOD_MONTH: return report_period_month(d.year, d.month);
    case PERIOD_CALENDAR_YEAR: return report_period_calendar_year(d.year);
    case PERIOD_ASEAN_HALF: return report_period_asean_half(d.year, d.month <= 6 ? 1 : 2);
    case PERIOD_RANGE:
    case PERIOD_KIND_COUNT: break;
    }
    return current;
}

bool report_file_path(const char *typed, const char *home, char *out, size_t outsz)
{
    /* "~" alone is the home directory: no file named there. */
    const char *s = typed ? typed + strspn(typed, " \t\r\n") : "";
    if (s[0] == '~' && !s[1 + strspn(s + 1, " \t\r\n")]) {
        if (outsz)
            out[0] = '\0';
        return false;
    }
    return private_file_path(typed, NULL, home, out, outsz);
}

void report_file_default(report_period p, report_format f, bool outside, char *out,
                         size_t outsz)
{
    char code[64];
    report_period_code(p, code, sizeof code);
    snprintf(out, outsz, "~/tipcase-report-%s%s.%s", code, outside ? "-outside" : "",
             f == REPORT_FORMAT_CSV ? "csv" : "txt");
}
