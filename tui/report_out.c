/* report_out.c - a built report written out as CSV or as aligned text.
 *
 * Both formats are made from the same grids (a corner, column heads, row
 * heads and cells as text), so the CSV and the printout can never say
 * different things:
 *  - the figures: one row per dimension value, then the total;
 *  - referrals sent: agency type x state today;
 *  - the service gaps: need kind x provided / unavailable;
 *  - the durations: median, 90th percentile, observations.
 *
 * CSV (for LibreOffice and Excel): CSV_UTF8_BOM first, CRLF, one section
 * after another with a blank line between, each with ONE header row in the
 * current language.  A second row of codes would be read as data by
 * LibreOffice's sort, filter and pivot table, so the codes ride in a
 * "Code" column instead (dimension values, measures in the tags section)
 * and the period's code is in the heading lines.  Every cell goes through
 * csv_append_field(), so labels with commas, quotes or a leading '='
 * arrive as text.  Every agency type and state is listed, so two CSV
 * files always have the same shape.
 *
 * Text (for printing): the figures turned round (one row per measure, one
 * column per value, so the ten measures read down the page), columns as
 * wide as their cells, heads wrapped at Thai word boundaries
 * (thai_wrap), everything measured in display columns (textwidth.h), and
 * a table wider than a page split into blocks that repeat the row heads.
 * Empty rows and columns of the referral and needs tables are left out. */
#define _GNU_SOURCE
#include "config.h"
#include "tui/report_out.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/agency.h"
#include "core/csv.h"
#include "core/needs.h"
#include "core/referral.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"

#define PAGE_COLUMNS 100        /* a printed line */
#define LABEL_COLUMNS_MAX 32    /* the row heads' column */
#define CELL_COLUMNS_MIN 6
#define HEAD_COLUMNS_MAX 14     /* a head wraps rather than widen its column past this */
#define HEAD_LINES_MAX 3
#define CELL_MAX 320            /* bytes of one cell's text */
#define LINE_MAX_BYTES 65536

/* ---- grids ------------------------------------------------------------ */

typedef struct grid {
    size_t rows, cols;
    char corner[CELL_MAX];
    char (*col_head)[CELL_MAX];
    char (*row_head)[CELL_MAX];
    char (*row_code)[CELL_MAX];     /* CSV only; NULL: no code column */
    char (*cell)[CELL_MAX];         /* rows * cols */
    bool numeric;                   /* cells right-aligned */
} grid;

static void grid_free(grid *g)
{
    free(g->col_head);
    free(g->row_head);
    free(g->row_code);
    free(g->cell);
    memset(g, 0, sizeof *g);
}

static bool grid_alloc(grid *g, size_t rows, size_t cols, bool codes)
{
    memset(g, 0, sizeof *g);
    g->rows = rows, g->cols = cols;
    g->numeric = true;
    g->col_head = calloc(cols ? cols : 1, CELL_MAX);
    g->row_head = calloc(rows ? rows : 1, CELL_MAX);
    g->row_code = codes ? calloc(rows ? rows : 1, CELL_MAX) : NULL;
    g->cell = calloc(rows * cols > 0 ? rows * cols : 1, CELL_MAX);
    if (g->col_head && g->row_head && g->cell && (!codes || g->row_code))
        return true;
    grid_free(g);
    errno = ENOMEM;
    return false;
}

static char *cell_at(grid *g, size_t r, size_t c)
{
    return g->cell[r * g->cols + c];
}

static void put(char *out, const char *text)
{
    snprintf(out, CELL_MAX, "%s", text);
}

/* A count as the report shows it: suppressed cells read "<k". */
static void put_cell(char *out, report_cell c, int k)
{
    if (c.suppressed)
        snprintf(out, CELL_MAX, "<%d", k > 0 ? k : REPORT_K_OUTSIDE);
    else
        snprintf(out, CELL_MAX, "%lld", (long long)c.n);
}

/* ---- the four tables -------------------------------------------------- */

static void put_row(grid *g, size_t r, const report_row *row, int k)
{
    for (size_t m = 0; m < MEASURE_COUNT; m++)
        put_cell(cell_at(g, r, m), row->cells[m], k);
}

/* One row per dimension value (none for DIM_TOTAL), then the total. */
static bool figures_grid(store *s, const report_table *t, grid *g)
{
    size_t values = t->dim == DIM_TOTAL ? 0 : t->n_rows;
    if (!grid_alloc(g, values + 1, MEASURE_COUNT, true))
        return false;
    put(g->corner, _(report_dim_label(t->dim)));
    for (size_t m = 0; m < MEASURE_COUNT; m++)
        put(g->col_head[m], _(report_measure_label((report_measure)m)));
    for (size_t r = 0; r < values; r++) {
        store_report_label(s, t->dim, t->rows[r].key, g->row_head[r], CELL_MAX);
        put(g->row_code[r], t->rows[r].key);
        put_row(g, r, &t->rows[r], t->k);
    }
    put(g->row_head[values], _("Total"));
    put_row(g, values, &t->total, t->k);
    return true;
}

static bool referral_used(const report_table *t, int type, int state)
{
    return t->referrals[type][state].n > 0 || t->referrals[type][state].suppressed;
}

/* Agency type x state today.  In text, only the types and states that
 * have a referral.  No total column: a total worked out here, after
 * report_suppress(), could give a suppressed cell away. */
static bool referrals_grid(const report_table *t, bool skip_empty, grid *g)
{
    int types[AGENCY_TYPE_COUNT], states[REFERRAL_STATE_COUNT];
    size_t nt = 0, ns = 0;
    for (int a = 0; a < AGENCY_TYPE_COUNT; a++) {
        bool any = false;
        for (int st = 0; st < REFERRAL_STATE_COUNT; st++)
            any = any || referral_used(t, a, st);
        if (any || !skip_empty)
            types[nt++] = a;
    }
    for (int st = REFERRAL_SENT; st < REFERRAL_STATE_COUNT; st++) {
        bool any = false;
        for (int a = 0; a < AGENCY_TYPE_COUNT; a++)
            any = any || referral_used(t, a, st);
        if (any || !skip_empty)
            states[ns++] = st;
    }
    if (!grid_alloc(g, nt, ns, !skip_empty))
        return false;
    put(g->corner, _("Agency type"));
    for (size_t c = 0; c < ns; c++)
        put(g->col_head[c], _(referral_state_label((referral_state)states[c])));
    for (size_t r = 0; r < nt; r++) {
        put(g->row_head[r], _(agency_type_label((agency_type)types[r])));
        if (g->row_code)
            put(g->row_code[r], agency_type_code((agency_type)types[r]));
        for (size_t c = 0; c < ns; c++)
            put_cell(cell_at(g, r, c), t->referrals[types[r]][states[c]], t->k);
    }
    return true;
}

static bool needs_grid(const report_table *t, bool skip_empty, grid *g)
{
    int kinds[NEED_KIND_COUNT];
    size_t n = 0;
    for (int k = 0; k < NEED_KIND_COUNT; k++) {
        const report_cell *c = t->needs[k];
        if (!skip_empty || c[0].n || c[1].n || c[0].suppressed || c[1].suppressed)
            kinds[n++] = k;
    }
    if (!grid_alloc(g, n, 2, !skip_empty))
        return false;
    put(g->corner, _("Need"));
    put(g->col_head[0], _("Provided"));
    put(g->col_head[1], _("Unavailable (service gap)"));
    for (size_t r = 0; r < n; r++) {
        put(g->row_head[r], _(need_kind_label((need_kind)kinds[r])));
        if (g->row_code)
            put(g->row_code[r], need_kind_code((need_kind)kinds[r]));
        put_cell(cell_at(g, r, 0), t->needs[kinds[r]][0], t->k);
        put_cell(cell_at(g, r, 1), t->needs[kinds[r]][1], t->k);
    }
    return true;
}

/* No observation: "-" on paper, an empty cell in CSV (a spreadsheet
 * reads "-" as a formula, so csv.h would have to quote it). */
static void put_duration(grid *g, size_t r, const char *label, const char *code,
                         report_duration d)
{
    put(g->row_head[r], label);
    if (g->row_code)
        put(g->row_code[r], code);
    if (d.n > 0) {
        snprintf(cell_at(g, r, 0), CELL_MAX, "%d", d.median);
        snprintf(cell_at(g, r, 1), CELL_MAX, "%d", d.p90);
    } else {
        put(cell_at(g, r, 0), g->row_code ? "" : "-");
        put(cell_at(g, r, 1), g->row_code ? "" : "-");
    }
    snprintf(cell_at(g, r, 2), CELL_MAX, "%zu", d.n);
}

static bool durations_grid(const report_table *t, bool codes, grid *g)
{
    if (!grid_alloc(g, 2, 3, codes))
        return false;
    put(g->corner, _("Days"));
    put(g->col_head[0], _("Median"));
    put(g->col_head[1], _("90th percentile"));
    put(g->col_head[2], _("Observations"));
    put_duration(g, 0, _("From meeting to identification"), "met_to_identified",
                 t->met_to_identified);
    put_duration(g, 1, _("From referral to acceptance"), "referral_to_accepted",
                 t->referral_to_accepted);
    return true;
}

/* ---- CSV -------------------------------------------------------------- */

typedef struct csv_line {
    char *buf;
    size_t len;
    bool ok;
} csv_line;

static void csv_field(csv_line *l, const char *text)
{
    if (l->len)
        l->ok = l->ok && csv_append_sep(l->buf, LINE_MAX_BYTES, &l->len);
    l->ok = l->ok && csv_append_field(l->buf, LINE_MAX_BYTES, &l->len, text);
}

static bool csv_end(FILE *out, csv_line *l)
{
    bool ok = l->ok && csv_append_eol(l->buf, LINE_MAX_BYTES, &l->len)
              && fputs(l->buf, out) >= 0;
    l->len = 0;
    l->buf[0] = '\0';
    l->ok = true;
    if (!ok && !errno)
        errno = EOVERFLOW;
    return ok;
}

static bool csv_pair(FILE *out, csv_line *l, const char *label, const char *value)
{
    csv_field(l, label);
    csv_field(l, value);
    return csv_end(out, l);
}

static bool csv_grid(FILE *out, csv_line *l, const char *title, const grid *g)
{
    bool ok = fputs(CSV_EOL, out) >= 0;
    csv_field(l, title);
    ok = ok && csv_end(out, l);
    csv_field(l, g->corner);
    if (g->row_code)
        csv_field(l, _("Code"));
    for (size_t c = 0; c < g->cols; c++)
        csv_field(l, g->col_head[c]);
    ok = ok && csv_end(out, l);
    for (size_t r = 0; r < g->rows && ok; r++) {
        csv_field(l, g->row_head[r]);
        if (g->row_code)
            csv_field(l, g->row_code[r]);
        for (size_t c = 0; c < g->cols; c++)
            csv_field(l, g->cell[r * g->cols + c]);
        ok = csv_end(out, l);
    }
    return ok;
}

/* ---- text ------------------------------------------------------------- */

/* How many lines head takes wrapped at cols. */
static size_t head_lines(const char *head, int cols)
{
    text_line lines[8];
    return thai_wrap(head, cols, lines, 8);
}

/* The widest space-separated word of a head, so no English word is cut
 * (Thai, with no spaces, wraps at its word boundaries anyway). */
static int longest_word(const char *head)
{
    char word[CELL_MAX];
    int widest = 0;
    while (*head) {
        size_t len = strcspn(head, " ");
        snprintf(word, sizeof word, "%.*s", (int)len, head);
        int w = text_columns(word);
        widest = w > widest ? w : widest;
        head += len;
        head += strspn(head, " ");
    }
    return widest;
}

static int cell_width(const grid *g, size_t c)
{
    int w = CELL_COLUMNS_MIN;
    int word = longest_word(g->col_head[c]);
    if (word > w)
        w = word < HEAD_COLUMNS_MAX ? word : HEAD_COLUMNS_MAX;
    for (size_t r = 0; r < g->rows; r++) {
        int cw = text_columns(g->cell[r * g->cols + c]);
        w = cw > w ? cw : w;
    }
    int hw = text_columns(g->col_head[c]);
    while (w < HEAD_COLUMNS_MAX && w < hw && head_lines(g->col_head[c], w) > HEAD_LINES_MAX - 1)
        w++;
    return w;
}

static int label_width(const grid *g)
{
    int w = text_columns(g->corner);
    for (size_t r = 0; r < g->rows; r++) {
        int lw = text_columns(g->row_head[r]);
        w = lw > w ? lw : w;
    }
    return w > LABEL_COLUMNS_MAX ? LABEL_COLUMNS_MAX : w;
}

/* Appends text padded to cols columns, on the right when right is set. */
static void pad_into(char *line, size_t size, const char *text, int cols, bool right)
{
    char fitted[CELL_MAX * 2];
    int used = text_fit(text, cols, true, fitted, sizeof fitted);
    size_t len = strlen(line);
    if (right)
        snprintf(line + len, size - len, "%*s%s", cols - used, "", fitted);
    else
        snprintf(line + len, size - len, "%s%*s", fitted, cols - used, "");
}

static bool text_line_out(FILE *out, char *line)
{
    size_t len = strlen(line);
    while (len && line[len - 1] == ' ')
        line[--len] = '\0';
    return fprintf(out, "%s\n", line) >= 0;
}

/* Line k of each column head (wrapped at its width), above the columns
 * [first, last). */
static bool text_heads(FILE *out, const grid *g, const int *widths, size_t first, size_t last,
                       int lw)
{
    char line[LINE_MAX_BYTES];
    for (size_t k = 0; k < HEAD_LINES_MAX; k++) {
        line[0] = '\0';
        pad_into(line, sizeof line, k == 0 ? g->corner : "", lw, false);
        bool any = k == 0;
        for (size_t c = first; c < last; c++) {
            text_line lines[HEAD_LINES_MAX + 8];
            size_t n = thai_wrap(g->col_head[c], widths[c], lines, HEAD_LINES_MAX + 8);
            char part[CELL_MAX] = "";
            if (k < n) {
                /* The last line shown takes the rest, cut with an ellipsis. */
                size_t len = k + 1 == HEAD_LINES_MAX ? strlen(g->col_head[c]) - lines[k].start
                                                     : lines[k].len;
                snprintf(part, sizeof part, "%.*s", (int)len, g->col_head[c] + lines[k].start);
                any = true;
            }
            strncat(line, "  ", sizeof line - strlen(line) - 1);
            pad_into(line, sizeof line, part, widths[c], g->numeric);
        }
        if (!any)
            break;
        if (!text_line_out(out, line))
            return false;
    }
    return true;
}

static bool text_block(FILE *out, const grid *g, const int *widths, size_t first, size_t last,
                       int lw)
{
    if (!text_heads(out, g, widths, first, last, lw))
        return false;
    char line[LINE_MAX_BYTES];
    for (size_t r = 0; r < g->rows; r++) {
        line[0] = '\0';
        pad_into(line, sizeof line, g->row_head[r], lw, false);
        for (size_t c = first; c < last; c++) {
            strncat(line, "  ", sizeof line - strlen(line) - 1);
            pad_into(line, sizeof line, g->cell[r * g->cols + c], widths[c], g->numeric);
        }
        if (!text_line_out(out, line))
            return false;
    }
    return true;
}

/* The grid in blocks of columns that fit a printed line. */
static bool text_grid(FILE *out, const char *title, const grid *g)
{
    if (fprintf(out, "\n%s\n", title) < 0)
        return false;
    int *widths = calloc(g->cols ? g->cols : 1, sizeof *widths);
    if (!widths)
        return false;
    int lw = label_width(g);
    for (size_t c = 0; c < g->cols; c++)
        widths[c] = cell_width(g, c);
    bool ok = true;
    for (size_t first = 0; first < g->cols && ok;) {
        size_t last = first;
        int used = lw;
        while (last < g->cols && (last == first || used + 2 + widths[last] <= PAGE_COLUMNS))
            used += 2 + widths[last++];
        if (first > 0)
            ok = fputs("\n", out) >= 0;
        ok = ok && text_block(out, g, widths, first, last, lw);
        first = last;
    }
    free(widths);
    return ok;
}

/* The figures turned round for the page: measures down, values across. */
static bool transpose(const grid *g, grid *t)
{
    if (!grid_alloc(t, g->cols, g->rows, false))
        return false;
    put(t->corner, "");
    for (size_t r = 0; r < g->rows; r++)
        put(t->col_head[r], g->row_head[r]);
    for (size_t c = 0; c < g->cols; c++)
        put(t->row_head[c], g->col_head[c]);
    for (size_t r = 0; r < g->rows; r++)
        for (size_t c = 0; c < g->cols; c++)
            put(cell_at(t, c, r), g->cell[r * g->cols + c]);
    return true;
}

/* ---- the heading, tags and note --------------------------------------- */

static void period_dates(report_period p, char *out, size_t outsz)
{
    char from[THDATE_MAX], to[THDATE_MAX];
    thdate_format(p.from, i18n_is_thai(), from, sizeof from);
    thdate_format(p.to, i18n_is_thai(), to, sizeof to);
    snprintf(out, outsz, "%s - %s", from, to);
}

static void suppression_note(const report_table *t, char *out, size_t outsz)
{
    if (t->suppressed == 1)
        snprintf(out, outsz, _("1 cell under %d was suppressed (shown as <%d)."), t->k, t->k);
    else
        snprintf(out, outsz, _("%zu cells under %d were suppressed (shown as <%d)."),
                 t->suppressed, t->k, t->k);
}

static const char *overlap_note(void)
{
    return _("A person counts once for each exploitation type they have, so the columns "
             "can add up to more than the total.");
}

static bool text_heading(FILE *out, store *s, const report_table *t, const report_out_options *o)
{
    char name[256], dates[2 * THDATE_MAX + 4], code[64];
    (void)s;
    report_period_name(t->period, name, sizeof name);
    period_dates(t->period, dates, sizeof dates);
    report_period_code(t->period, code, sizeof code);
    bool ok = fprintf(out, "%s\n", name) >= 0;
    ok = ok && fprintf(out, "%s: %s (%s)\n", _("Period"), dates, code) >= 0;
    ok = ok && fprintf(out, "%s: %s\n", _("Breakdown"), _(report_dim_label(t->dim))) >= 0;
    if (o->outside)
        ok = ok && fprintf(out, "%s\n", _("For outside the team: small cells are suppressed.")) >= 0;
    return ok;
}

static bool text_tags(FILE *out)
{
    bool ok = fprintf(out, "\n%s\n", _("Framework tags")) >= 0;
    for (int m = 0; m < MEASURE_COUNT && ok; m++) {
        ok = fprintf(out, "%s\n", _(report_measure_label((report_measure)m))) >= 0;
        for (int f = 0; f < FRAMEWORK_COUNT && ok; f++)
            ok = fprintf(out, "    %s: %s\n", _(report_framework_label((report_framework)f)),
                         _(report_measure_tag((report_measure)m, (report_framework)f))) >= 0;
    }
    return ok;
}

static bool csv_tags(FILE *out, csv_line *l)
{
    bool ok = fputs(CSV_EOL, out) >= 0;
    csv_field(l, _("Framework tags"));
    ok = ok && csv_end(out, l);
    csv_field(l, _("Figure"));
    csv_field(l, _("Code"));
    for (int f = 0; f < FRAMEWORK_COUNT; f++) {
        csv_field(l, _(report_framework_label((report_framework)f)));
        csv_field(l, _("Code"));
    }
    ok = ok && csv_end(out, l);
    for (int m = 0; m < MEASURE_COUNT && ok; m++) {
        csv_field(l, _(report_measure_label((report_measure)m)));
        csv_field(l, report_measure_code((report_measure)m));
        for (int f = 0; f < FRAMEWORK_COUNT; f++) {
            csv_field(l, _(report_measure_tag((report_measure)m, (report_framework)f)));
            csv_field(l, report_measure_tag_code((report_measure)m, (report_framework)f));
        }
        ok = csv_end(out, l);
    }
    return ok;
}

static bool csv_heading(FILE *out, csv_line *l, const report_table *t,
                        const report_out_options *o)
{
    char name[256], code[64], from[CALDATE_ISO_LEN], to[CALDATE_ISO_LEN];
    report_period_name(t->period, name, sizeof name);
    report_period_code(t->period, code, sizeof code);
    caldate_format_iso(t->period.from, from);
    caldate_format_iso(t->period.to, to);
    bool ok = fputs(CSV_UTF8_BOM, out) >= 0;
    csv_field(l, name);
    ok = ok && csv_end(out, l);
    ok = ok && csv_pair(out, l, _("Period"), code);
    ok = ok && csv_pair(out, l, _("From"), from);
    ok = ok && csv_pair(out, l, _("To"), to);
    ok = ok && csv_pair(out, l, _("Breakdown"), _(report_dim_label(t->dim)));
    if (o->outside) {
        csv_field(l, _("For outside the team: small cells are suppressed."));
        ok = ok && csv_end(out, l);
    }
    return ok;
}

/* ---- report_write ----------------------------------------------------- */

typedef struct sections {
    grid figures, referrals, needs, durations;
} sections;

static void sections_free(sections *x)
{
    grid_free(&x->figures);
    grid_free(&x->referrals);
    grid_free(&x->needs);
    grid_free(&x->durations);
}

static bool sections_build(store *s, const report_table *t, bool csv, sections *x)
{
    memset(x, 0, sizeof *x);
    grid figures;
    if (!figures_grid(s, t, &figures))
        return false;
    bool ok = true;
    if (csv)
        x->figures = figures;
    else {
        ok = transpose(&figures, &x->figures);
        grid_free(&figures);
    }
    ok = ok && referrals_grid(t, !csv, &x->referrals) && needs_grid(t, !csv, &x->needs)
         && durations_grid(t, csv, &x->durations);
    return ok;
}

static bool write_csv(FILE *out, const report_table *t, const report_out_options *o,
                      const sections *x)
{
    csv_line l = { malloc(LINE_MAX_BYTES), 0, true };
    if (!l.buf)
        return false;
    l.buf[0] = '\0';
    bool ok = csv_heading(out, &l, t, o);
    ok = ok && csv_grid(out, &l, _("People"), &x->figures);
    if (ok && t->rows_overlap) {
        csv_field(&l, overlap_note());
        ok = csv_end(out, &l);
    }
    ok = ok && csv_grid(out, &l, _("Referrals sent, by agency type and state today"),
                        &x->referrals);
    ok = ok && csv_grid(out, &l, _("Needs provided and service gaps"), &x->needs);
    ok = ok && csv_grid(out, &l, _("Time taken"), &x->durations);
    if (ok && o->tags)
        ok = csv_tags(out, &l);
    if (ok && t->k > 0) {
        char note[256];
        suppression_note(t, note, sizeof note);
        ok = fputs(CSV_EOL, out) >= 0;
        csv_field(&l, note);
        ok = ok && csv_end(out, &l);
    }
    free(l.buf);
    return ok;
}

static bool write_text(FILE *out, store *s, const report_table *t, const report_out_options *o,
                       const sections *x)
{
    bool ok = text_heading(out, s, t, o);
    ok = ok && text_grid(out, _("People"), &x->figures);
    if (ok && t->rows_overlap)
        ok = fprintf(out, "%s\n", overlap_note()) >= 0;
    if (ok && x->referrals.rows)
        ok = text_grid(out, _("Referrals sent, by agency type and state today"), &x->referrals);
    else if (ok)
        ok = fprintf(out, "\n%s\n", _("No referral was sent in this period.")) >= 0;
    if (ok && x->needs.rows)
        ok = text_grid(out, _("Needs provided and service gaps"), &x->needs);
    else if (ok)
        ok = fprintf(out, "\n%s\n", _("No need was provided or found unavailable in this period."))
             >= 0;
    ok = ok && text_grid(out, _("Time taken"), &x->durations);
    if (ok && o->tags)
        ok = text_tags(out);
    if (ok && t->k > 0) {
        char note[256];
        suppression_note(t, note, sizeof note);
        ok = fprintf(out, "\n%s\n", note) >= 0;
    }
    return ok;
}

bool report_write(FILE *out, store *s, const report_table *t, const report_out_options *o)
{
    static const report_out_options plain = { REPORT_FORMAT_TEXT, false, false };
    if (!o)
        o = &plain;
    sections x;
    errno = 0;
    bool csv = o->format == REPORT_FORMAT_CSV;
    bool ok = sections_build(s, t, csv, &x);
    if (ok)
        ok = csv ? write_csv(out, t, o, &x) : write_text(out, s, t, o, &x);
    sections_free(&x);
    if (ok && fflush(out) != 0)
        ok = false;
    if (!ok && !errno)
        errno = EIO;
    return ok;
}

/* ---- the period's name ------------------------------------------------ */

/* The month's name as thdate writes it: the word after the day in the
 * long ("1 ตุลาคม พ.ศ. 2569") or short ("1 ต.ค. 2569") form. */
static void month_name(int year, int month, bool thai, bool full, char *out, size_t outsz)
{
    caldate d = { year, month, 1 };
    char text[THDATE_MAX];
    if (full)
        thdate_format_long(d, thai, text, sizeof text);
    else
        thdate_format(d, thai, text, sizeof text);
    const char *start = strchr(text, ' ');
    start = start ? start + 1 : text;
    size_t len = strcspn(start, " ");
    snprintf(out, outsz, "%.*s", (int)len, start);
}

static int shown_year(int ce_year, bool thai)
{
    return thai ? be_from_ce(ce_year) : ce_year;
}

void report_period_name(report_period p, char *out, size_t outsz)
{
    bool thai = i18n_is_thai();
    char a[THDATE_MAX], b[THDATE_MAX];
    if (!outsz)
        return;
    switch (p.kind) {
    case PERIOD_FISCAL_YEAR:
        if (thai) {
            thdate_format(p.from, true, a, sizeof a);
            thdate_format(p.to, true, b, sizeof b);
            snprintf(out, outsz, _("Fiscal year B.E. %d (%s - %s)"), be_from_ce(p.to.year), a, b);
        } else {
            snprintf(out, outsz, _("Fiscal year %d (B.E. %d)"), p.to.year, be_from_ce(p.to.year));
        }
        break;
    case PERIOD_MONTH:
        month_name(p.from.year, p.from.month, thai, true, a, sizeof a);
        snprintf(out, outsz, "%s %d", a, shown_year(p.from.year, thai));
        break;
    case PERIOD_CALENDAR_YEAR:
        snprintf(out, outsz, _("Calendar year %d"), shown_year(p.from.year, thai));
        break;
    case PERIOD_ASEAN_HALF:
        month_name(p.from.year, p.from.month, thai, false, a, sizeof a);
        month_name(p.to.year, p.to.month, thai, false, b, sizeof b);
        snprintf(out, outsz, _("ASEAN period %s-%s %d"), a, b, shown_year(p.from.year, thai));
        break;
    default:
        thdate_format(p.from, thai, a, sizeof a);
        thdate_format(p.to, thai, b, sizeof b);
        snprintf(out, outsz, _("%s to %s"), a, b);
        break;
    }
}
