/* report_screen.c - the report screen: the figures of a period with bar
 * charts, broken down by sex, age, nationality, exploitation type and the
 * rest; the referrals by agency type and state; the service gaps; the
 * durations; and the records that miss a field the report needs.  The
 * officer steps through periods, chooses their kind, the breakdown and
 * the figure the bars show, turns on the framework tags or the view meant
 * for outside the team (cells under 11 hidden), and writes the report to
 * a CSV or a text file.
 *
 * The counting is core's (core/report.h) over the facts the store hands
 * over (db/report_store.h), read once per period: changing the breakdown
 * or the view counts again from memory, moving the cursor counts nothing.
 * The layout rules are in tui/report_view.c, where they are tested. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/access.h"
#include "core/agency.h"
#include "core/needs.h"
#include "core/referral.h"
#include "core/report.h"
#include "db/report_store.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "tui/caseforms.h"
#include "tui/private_file.h"
#include "tui/report_out.h"
#include "tui/report_view.h"
#include "tui/return_screens.h"
#include "tui/tui.h"

/* Rows: title, period, sections, settings, headings; then the table. */
enum { ROW_PERIOD = 1, ROW_SECTIONS = 2, ROW_SETTINGS = 3, ROW_HEAD = 4, FIRST_ROW = 5 };

typedef enum rs_section {
    SEC_FIGURES = 0, SEC_REFERRALS, SEC_NEEDS, SEC_DURATIONS, SEC_MISSING, SEC_COUNT
} rs_section;

static const char *const SECTION_NAMES[SEC_COUNT] = {
    N_("Figures"), N_("Referrals"), N_("Service gaps"), N_("Durations"), N_("Missing data"),
};

/* One line of a table as drawn: a label, its figures, and the figure its
 * bar shows (0: none).  A note is text across the whole table. */
typedef struct rs_line {
    char label[768];
    char num[REPORT_VIEW_NUMS][48];
    int64_t bar;
    ui_style style;
    bool note;
} rs_line;

/* The headings of the section shown, and the longest bar's figure. */
typedef struct rs_head {
    char label[160];
    char num[REPORT_VIEW_NUMS][96];
    int n_num;
    bool bar;
    int64_t bar_max;
} rs_head;

typedef struct report_view {
    tui *t;
    report_period period;
    report_dim dim;
    report_measure measure;
    rs_section section;
    bool tags, outside;
    report_facts facts;
    bool have_facts;
    report_table table;
    bool have_table;
    report_gap *gaps;
    size_t n_gaps;
    bool have_gaps;
    rs_head head;
    rs_line *lines;             /* every section but the missing data */
    size_t n_lines, cap;
    bool dirty;                 /* the lines are to be made again */
    int top;
    size_t sel;                 /* the chosen gap (missing data only) */
} report_view;

/* ---- reading and counting ----------------------------------------------------- */

/* A message drawn at once, before work that takes a moment. */
static void say_now(tui *t, const char *msg)
{
    tui_say(t, STYLE_NOTICE, msg);
    tui_draw_message(t);
    ui_refresh();
}

static void drop_table(report_view *v)
{
    if (v->have_table)
        report_table_free(&v->table);
    v->have_table = false;
    v->n_lines = 0;
    v->dirty = true;
}

/* The period changed, or the record may have: read everything again. */
static void drop_facts(report_view *v)
{
    drop_table(v);
    if (v->have_facts)
        report_facts_free(&v->facts);
    v->have_facts = false;
    free(v->gaps);
    v->gaps = NULL, v->n_gaps = 0, v->have_gaps = false;
    v->sel = 0, v->top = 0;
}

static bool load_facts(report_view *v)
{
    tui *t = v->t;
    say_now(t, _("Counting..."));
    memset(&v->facts, 0, sizeof v->facts);
    store_status st = store_report_facts(t->st, v->period, &v->facts);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        return false;
    }
    v->have_facts = true;
    tui_say(t, STYLE_NORMAL, "");
    return true;
}

static bool build_table(report_view *v)
{
    memset(&v->table, 0, sizeof v->table);
    if (!report_build(&v->facts, v->period, v->dim, &v->table)) {
        tui_say(v->t, STYLE_ERROR, _(store_status_text(ST_NOMEM)));
        return false;
    }
    if (v->outside)
        report_suppress(&v->table, REPORT_K_OUTSIDE);
    v->have_table = true;
    v->dirty = true;
    return true;
}

static void load_gaps(report_view *v)
{
    tui *t = v->t;
    say_now(t, _("Looking for records with missing data..."));
    store_status st = store_report_gaps(t->st, v->period, &v->gaps, &v->n_gaps);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        v->gaps = NULL, v->n_gaps = 0;
    } else {
        tui_say(t, STYLE_NORMAL, "");
    }
    v->have_gaps = true;
    v->dirty = true;
}

/* Whatever the screen needs and does not hold yet; false when the facts
 * could not be read (the message says why). */
static bool report_ready(report_view *v)
{
    if (!v->have_facts && !load_facts(v))
        return false;
    if (!v->have_table && !build_table(v))
        return false;
    if (v->section == SEC_MISSING && !v->have_gaps)
        load_gaps(v);
    return true;
}

/* ---- the lines of each section -------------------------------------------------- */

static rs_line *line_add(report_view *v, const char *label, ui_style style)
{
    if (v->n_lines == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        rs_line *grown = realloc(v->lines, cap * sizeof *grown);
        if (!grown)
            return NULL;
        v->lines = grown, v->cap = cap;
    }
    rs_line *l = &v->lines[v->n_lines++];
    memset(l, 0, sizeof *l);
    snprintf(l->label, sizeof l->label, "%s", label);
    l->style = style;
    return l;
}

/* A note across the table, wrapped at Thai word boundaries to the width
 * of the moment (the lines are made again when the terminal is resized),
 * every line indent columns in. */
static void note_indented(report_view *v, const char *text, ui_style style, int indent)
{
    text_line wrapped[8];
    size_t n = thai_wrap(text, ui_cols() - 2 - indent, wrapped, 8);
    if (n > 8)
        n = 8;
    for (size_t i = 0; i < n || (i == 0 && n == 0); i++) {
        rs_line *l = line_add(v, "", style);
        if (!l)
            return;
        l->note = true;
        if (!n)
            return;
        size_t room = sizeof l->label - 1 - (size_t)indent;
        size_t len = wrapped[i].len < room ? wrapped[i].len : room;
        memset(l->label, ' ', (size_t)indent);
        memcpy(l->label + indent, text + wrapped[i].start, len);
        l->label[indent + (int)len] = '\0';
    }
}

static void note_add(report_view *v, const char *text, ui_style style)
{
    note_indented(v, text, style, 0);
}

static void head_set(report_view *v, const char *label, int n_num, const char *n0,
                     const char *n1, const char *n2, bool bar)
{
    rs_head *h = &v->head;
    memset(h, 0, sizeof *h);
    snprintf(h->label, sizeof h->label, "%s", label);
    const char *nums[REPORT_VIEW_NUMS] = { n0, n1, n2 };
    for (int i = 0; i < n_num; i++)
        snprintf(h->num[i], sizeof h->num[i], "%s", nums[i] ? nums[i] : "");
    h->n_num = n_num;
    h->bar = bar;
}

/* The figure a bar may show: none for a hidden cell, whose size the bar
 * would give away. */
static int64_t shown(report_cell c)
{
    return c.suppressed ? 0 : c.n;
}

static void cell_text(const report_view *v, report_cell c, char *out, size_t outsz)
{
    report_cell_text(c, v->table.k, out, outsz);
}

/* "Protection · 5P: protection · MOL strategy 3": the tags of m. */
static void tags_text(report_measure m, char *out, size_t outsz)
{
    size_t used = 0;
    out[0] = '\0';
    for (int f = 0; f < FRAMEWORK_COUNT && used < outsz; f++) {
        const char *tag = report_measure_tag(m, (report_framework)f);
        if (!tag || !tag[0])
            continue;
        int k = snprintf(out + used, outsz - used, "%s%s", used ? " · " : "", _(tag));
        used = k < 0 ? outsz : used + (size_t)k;
    }
}

static void tags_legend(report_view *v)
{
    char legend[512];
    size_t used = (size_t)snprintf(legend, sizeof legend, "%s ", _("Tags:"));
    for (int f = 0; f < FRAMEWORK_COUNT && used < sizeof legend; f++) {
        int k = snprintf(legend + used, sizeof legend - used, "%s%s", f ? " · " : "",
                         _(report_framework_label((report_framework)f)));
        used = k < 0 ? sizeof legend : used + (size_t)k;
    }
    note_add(v, legend, STYLE_NOTICE);
}

/* Breakdown "total": every figure, one line each, with its bar. */
static void lines_all_figures(report_view *v)
{
    const report_table *tb = &v->table;
    head_set(v, _("Figure"), 1, _("Number"), NULL, NULL, true);
    if (v->tags)
        tags_legend(v);
    for (int m = 0; m < MEASURE_COUNT; m++) {
        report_cell c = tb->total.cells[m];
        rs_line *l = line_add(v, _(report_measure_label((report_measure)m)), STYLE_NORMAL);
        if (!l)
            return;
        cell_text(v, c, l->num[0], sizeof l->num[0]);
        l->bar = shown(c);
        if (l->bar > v->head.bar_max)
            v->head.bar_max = l->bar;
        if (v->tags) {
            char tags[512];
            tags_text((report_measure)m, tags, sizeof tags);
            note_indented(v, tags, STYLE_NORMAL, 3);
        }
    }
}

/* The largest figure of the measure over the rows the bars may show. */
static int64_t column_max(const report_view *v, report_measure m)
{
    if (!v->outside)
        return report_column_max(&v->table, m);
    int64_t max = 0;
    for (size_t i = 0; i < v->table.n_rows; i++)
        if (shown(v->table.rows[i].cells[m]) > max)
            max = shown(v->table.rows[i].cells[m]);
    return max;
}

/* Any other breakdown: one line per value with the chosen figure, its
 * share of the total and its bar, then the total. */
static void lines_breakdown(report_view *v)
{
    const report_table *tb = &v->table;
    report_measure m = v->measure;
    head_set(v, _(report_dim_label(v->dim)), 2, _(report_measure_label(m)), _("Share"), NULL,
             true);
    v->head.bar_max = column_max(v, m);
    if (v->tags) {
        char tags[512], text[640];
        tags_text(m, tags, sizeof tags);
        snprintf(text, sizeof text, "%s %s", _("Tags:"), tags);
        note_add(v, text, STYLE_NOTICE);
    }
    report_cell total = tb->total.cells[m];
    for (size_t i = 0; i < tb->n_rows; i++) {
        char label[768];
        store_report_label(v->t->st, v->dim, tb->rows[i].key, label, sizeof label);
        rs_line *l = line_add(v, label, STYLE_NORMAL);
        if (!l)
            return;
        report_cell c = tb->rows[i].cells[m];
        cell_text(v, c, l->num[0], sizeof l->num[0]);
        /* A share of a hidden figure, or of a hidden total, gives it away. */
        if (!c.suppressed && !total.suppressed)
            report_share_text(c.n, total.n, l->num[1], sizeof l->num[1]);
        l->bar = shown(c);
    }
    rs_line *l = line_add(v, _("Total"), STYLE_HEADING);
    if (l)
        cell_text(v, total, l->num[0], sizeof l->num[0]);
    if (tb->rows_overlap)
        note_add(v, _("A person counts once for each of their exploitation types: the rows "
                      "add up to more than the total."), STYLE_NOTICE);
}

/* A sum of cells as it may be shown: with hidden cells only "at least"
 * the ones shown, or a dash when every one is hidden. */
static void sum_text(int64_t sum, bool hidden, char *out, size_t outsz)
{
    char n[32];     /* an int64_t grouped: 27 bytes at most */
    report_number_text(sum, n, sizeof n);
    if (!hidden)
        snprintf(out, outsz, "%s", n);
    else if (sum > 0)
        snprintf(out, outsz, "\xE2\x89\xA5%s", n);     /* ≥ */
    else
        snprintf(out, outsz, "%s", "\xE2\x80\x93");     /* – */
}

/* One agency type: its referrals and a line per state they are in. */
static void referral_rows(report_view *v, int a, int64_t *all, bool *all_hidden)
{
    const report_cell *row = v->table.referrals[a];
    int64_t sum = 0;
    bool hidden = false, any = false;
    for (int s = 0; s < REFERRAL_STATE_COUNT; s++) {
        any |= row[s].n > 0 || row[s].suppressed;
        hidden |= row[s].suppressed;
        sum += shown(row[s]);
    }
    if (!any)
        return;
    *all += sum;
    *all_hidden |= hidden;
    rs_line *l = line_add(v, _(agency_type_label((agency_type)a)), STYLE_NORMAL);
    if (!l)
        return;
    sum_text(sum, hidden, l->num[0], sizeof l->num[0]);
    l->bar = sum;
    if (sum > v->head.bar_max)
        v->head.bar_max = sum;
    for (int s = 0; s < REFERRAL_STATE_COUNT; s++) {
        if (!row[s].n && !row[s].suppressed)
            continue;
        char label[256];
        snprintf(label, sizeof label, "   %s", _(referral_state_label((referral_state)s)));
        rs_line *sub = line_add(v, label, STYLE_NORMAL);
        if (sub)
            cell_text(v, row[s], sub->num[0], sizeof sub->num[0]);
    }
}

static void lines_referrals(report_view *v)
{
    head_set(v, _("Agency type · state today"), 1, _("Referrals"), NULL, NULL, true);
    int64_t all = 0;
    bool hidden = false;
    for (int a = 0; a < AGENCY_TYPE_COUNT && a < REPORT_MAX_AGENCY_TYPES; a++)
        referral_rows(v, a, &all, &hidden);
    if (!v->n_lines) {
        note_add(v, _("No referral was sent in this period."), STYLE_NOTICE);
        return;
    }
    rs_line *l = line_add(v, _("Total"), STYLE_HEADING);
    if (l)
        sum_text(all, hidden, l->num[0], sizeof l->num[0]);
}

static void lines_needs(report_view *v)
{
    head_set(v, _("Need"), 2, _("Provided"), _("Not available"), NULL, true);
    note_add(v, _("Not available: the service gaps, needs that no service could meet."),
             STYLE_NOTICE);
    bool any = false;
    for (int k = 0; k < NEED_KIND_COUNT && k < REPORT_MAX_NEED_KINDS; k++) {
        const report_cell *c = v->table.needs[k];
        if (!c[0].n && !c[1].n && !c[0].suppressed && !c[1].suppressed)
            continue;
        rs_line *l = line_add(v, _(need_kind_label((need_kind)k)), STYLE_NORMAL);
        if (!l)
            return;
        any = true;
        cell_text(v, c[0], l->num[0], sizeof l->num[0]);
        cell_text(v, c[1], l->num[1], sizeof l->num[1]);
        l->bar = shown(c[1]);
        if (l->bar > v->head.bar_max)
            v->head.bar_max = l->bar;
    }
    if (!any)
        note_add(v, _("No need was met or found unavailable in this period."), STYLE_NOTICE);
}

static void duration_line(report_view *v, const char *label, report_duration d)
{
    rs_line *l = line_add(v, label, STYLE_NORMAL);
    if (!l)
        return;
    if (d.n > 0) {
        report_number_text(d.median, l->num[0], sizeof l->num[0]);
        report_number_text(d.p90, l->num[1], sizeof l->num[1]);
    } else {
        snprintf(l->num[0], sizeof l->num[0], "%s", "\xE2\x80\x93");
        snprintf(l->num[1], sizeof l->num[1], "%s", "\xE2\x80\x93");
    }
    report_number_text((int64_t)d.n, l->num[2], sizeof l->num[2]);
}

static void lines_durations(report_view *v)
{
    head_set(v, _("Days from - to"), 3, _("Median"), _("90th percentile"), _("Observed"), false);
    duration_line(v, _("Date met to identification"), v->table.met_to_identified);
    duration_line(v, _("Referral sent to accepted"), v->table.referral_to_accepted);
    note_add(v, "", STYLE_NORMAL);
    note_add(v, _("Median: half took this many days or fewer. 90th percentile: nine in ten "
                  "did."), STYLE_NOTICE);
    if (v->outside)
        note_add(v, _("For outside the team, a duration with fewer than 11 observations is "
                      "left out."), STYLE_NOTICE);
}

/* The missing data is drawn straight from the gaps (there may be many):
 * its one line here is the note when there are none. */
static void lines_missing(report_view *v)
{
    char label[160];
    text_pad(_("Reference"), 16, label, sizeof label);
    size_t used = strlen(label);
    snprintf(label + used, sizeof label - used, " %s", _("Missing field"));
    head_set(v, label, 0, NULL, NULL, NULL, false);
    if (!v->n_gaps)
        note_add(v, _("No record misses a field this report needs."), STYLE_NOTICE);
}

static void lines_make(report_view *v)
{
    v->n_lines = 0;
    memset(&v->head, 0, sizeof v->head);
    switch (v->section) {
    case SEC_FIGURES:
        if (v->dim == DIM_TOTAL)
            lines_all_figures(v);
        else
            lines_breakdown(v);
        break;
    case SEC_REFERRALS: lines_referrals(v); break;
    case SEC_NEEDS: lines_needs(v); break;
    case SEC_DURATIONS: lines_durations(v); break;
    case SEC_MISSING: lines_missing(v); break;
    case SEC_COUNT: break;
    }
    v->dirty = false;
}

/* Lines of the section: the gaps themselves for the missing data. */
static size_t line_count(const report_view *v)
{
    return v->section == SEC_MISSING && v->n_gaps ? v->n_gaps : v->n_lines;
}

static void line_at(const report_view *v, size_t i, rs_line *out)
{
    if (!(v->section == SEC_MISSING && v->n_gaps)) {
        *out = v->lines[i];
        return;
    }
    memset(out, 0, sizeof *out);
    const report_gap *g = &v->gaps[i];
    char ref[128];
    text_pad(g->reference, 16, ref, sizeof ref);
    snprintf(out->label, sizeof out->label, "%s %s", ref, g->field ? _(g->field) : "");
    out->style = STYLE_NORMAL;
}

/* ---- drawing ---------------------------------------------------------------------- */

static int page_rows(void)
{
    int r = ui_rows() - FIRST_ROW - 2;     /* message line, key line */
    return r < 1 ? 1 : r;
}

static void draw_sections(const report_view *v)
{
    int x = 1, cols = ui_cols();
    ui_text(ROW_SECTIONS, 0, cols, "", STYLE_NORMAL);
    for (int s = 0; s < SEC_COUNT && x < cols - 1; s++) {
        char tab[128];
        snprintf(tab, sizeof tab, " %d %s ", s + 1, _(SECTION_NAMES[s]));
        x += ui_text_short(ROW_SECTIONS, x, cols - 1 - x, tab,
                           s == (int)v->section ? STYLE_SELECTED : STYLE_NORMAL);
        x += 1;
    }
}

/* What the section shows: "Breakdown: Sex · Bars: Screened" for the
 * figures, a line of explanation for the others. */
static void settings_text(const report_view *v, char *out, size_t outsz)
{
    switch (v->section) {
    case SEC_FIGURES:
        if (v->dim == DIM_TOTAL) {
            snprintf(out, outsz, _("Breakdown: %s"), _(report_dim_label(v->dim)));
        } else {
            char dim[256];
            snprintf(dim, sizeof dim, _("Breakdown: %s"), _(report_dim_label(v->dim)));
            char bars[256];
            snprintf(bars, sizeof bars, _("Bars: %s"), _(report_measure_label(v->measure)));
            snprintf(out, outsz, "%s · %s", dim, bars);
        }
        break;
    case SEC_REFERRALS:
        snprintf(out, outsz, "%s", _("Referrals sent in the period, by the agency's type and "
                                     "their state today"));
        break;
    case SEC_NEEDS:
        snprintf(out, outsz, "%s", _("Needs met or found unavailable in the period"));
        break;
    case SEC_DURATIONS:
        snprintf(out, outsz, "%s", _("Days between the steps, for the period's people and "
                                     "referrals"));
        break;
    case SEC_MISSING:
        snprintf(out, outsz, _("Missing fields: %zu · Enter opens the case"), v->n_gaps);
        break;
    case SEC_COUNT: out[0] = '\0'; break;
    }
}

/* The view on the period's line: whom the figures are for. */
static ui_style status_text(const report_view *v, char *out, size_t outsz)
{
    if (!v->outside) {
        snprintf(out, outsz, "%s", _("For the team"));
        return STYLE_NORMAL;
    }
    snprintf(out, outsz, _("Outside the team: %zu hidden (<%d)"), v->table.suppressed,
             v->table.k ? v->table.k : REPORT_K_OUTSIDE);
    return STYLE_ERROR;
}

static report_cols table_layout(const report_view *v, size_t top, int page)
{
    const rs_head *h = &v->head;
    int label_w = text_columns(h->label), num_w[REPORT_VIEW_NUMS] = { 0, 0, 0 };
    for (int i = 0; i < h->n_num; i++) {
        /* A long heading is cut rather than take the labels' room. */
        int hw = text_columns(h->num[i]);
        num_w[i] = hw > 14 ? 14 : hw;
    }
    size_t n = line_count(v);
    /* Every line of a short table, only the page of a long list. */
    size_t from = n > 512 ? top : 0, to = n > 512 ? top + (size_t)page : n;
    for (size_t i = from; i < to && i < n; i++) {
        rs_line l;
        line_at(v, i, &l);
        if (l.note)
            continue;
        label_w = ui_widest(label_w, l.label);
        for (int k = 0; k < h->n_num; k++)
            num_w[k] = ui_widest(num_w[k], l.num[k]);
    }
    return report_layout(ui_cols(), label_w, num_w, h->n_num, h->bar);
}

static void draw_line(int y, const report_view *v, const report_cols *c, const rs_line *l,
                      bool selected)
{
    ui_style st = selected ? STYLE_SELECTED : l->style;
    ui_text(y, 0, ui_cols(), "", selected ? STYLE_SELECTED : STYLE_NORMAL);
    if (l->note) {
        ui_text(y, 1, ui_cols() - 2, l->label, st);
        return;
    }
    int x = 1;
    ui_text(y, x, c->label, l->label, st), x += c->label + 1;
    for (int i = 0; i < c->n_num; i++) {
        char right[96];
        report_align_right(l->num[i], c->num[i], right, sizeof right);
        ui_text(y, x, c->num[i], right, st), x += c->num[i] + 1;
    }
    int cells = c->bar ? report_bar_cells(l->bar, v->head.bar_max, c->bar) : 0;
    if (cells) {
        char bar[3 * 512 + 1];
        report_bar_text(cells, bar, sizeof bar);
        ui_text(y, x, c->bar, bar, selected ? st : STYLE_NOTICE);
    }
}

static void draw_head(const report_cols *c, const rs_head *h)
{
    int x = 1;
    ui_text(ROW_HEAD, 0, ui_cols(), "", STYLE_NORMAL);
    ui_text(ROW_HEAD, x, c->label, h->label, STYLE_HEADING), x += c->label + 1;
    for (int i = 0; i < c->n_num; i++) {
        char right[160];
        report_align_right(h->num[i], c->num[i], right, sizeof right);
        ui_text(ROW_HEAD, x, c->num[i], right, STYLE_HEADING), x += c->num[i] + 1;
    }
}

static void report_draw(report_view *v)
{
    tui *t = v->t;
    ui_clear();
    tui_draw_title(t, _("Reports"));
    char text[1024], status[256];
    ui_style status_style = status_text(v, status, sizeof status);
    int sw = text_columns(status);
    if (sw > ui_cols() / 2)
        sw = ui_cols() / 2;
    report_period_name(v->period, text, sizeof text);
    ui_text(ROW_PERIOD, 1, ui_cols() - sw - 4, text, STYLE_HEADING);
    ui_text(ROW_PERIOD, ui_cols() - sw - 1, sw, status, status_style);
    draw_sections(v);
    settings_text(v, text, sizeof text);
    ui_text(ROW_SETTINGS, 1, ui_cols() - 2, text, STYLE_NORMAL);
    int page = page_rows();
    size_t n = line_count(v);
    bool choosing = v->section == SEC_MISSING && v->n_gaps;
    if (choosing) {
        size_t top = (size_t)v->top;
        tui_list_clamp(&v->sel, &top, n, (size_t)page);
        v->top = (int)top;
    } else {
        v->top = report_clamp_top(v->top, (int)n, page);
    }
    if (v->have_table) {
        report_cols c = table_layout(v, (size_t)v->top, page);
        draw_head(&c, &v->head);
        for (int i = 0; i < page && (size_t)v->top + (size_t)i < n; i++) {
            size_t at = (size_t)v->top + (size_t)i;
            rs_line l;
            line_at(v, at, &l);
            draw_line(FIRST_ROW + i, v, &c, &l, choosing && at == v->sel);
        }
    }
    /* Where the table goes on: "12-28 of 40". */
    if (!t->message[0] && n > (size_t)page) {
        size_t last = (size_t)v->top + (size_t)page;
        snprintf(text, sizeof text, _("Lines %zu-%zu of %zu"), (size_t)v->top + 1,
                 last < n ? last : n, n);
        ui_text(ui_rows() - 2, 1, ui_cols() - 2, text, STYLE_NORMAL);
    }
    tui_draw_end(t, KEYS_REPORT);
}

/* ---- choosing the period and the breakdown ----------------------------------------- */

static const char *const KIND_NAMES[PERIOD_KIND_COUNT] = {
    N_("Fiscal year (1 October - 30 September)"), N_("Month"), N_("Calendar year"),
    N_("ASEAN period: January-June or July-December"), N_("Type a period or a range of days..."),
};

typedef struct kind_choice {
    report_period current;
    caldate today;
} kind_choice;

static void kind_row(void *ctx, size_t i, char *text, size_t textsz, char *info, size_t infosz)
{
    const kind_choice *kc = ctx;
    snprintf(text, textsz, "%s", _(KIND_NAMES[i]));
    info[0] = '\0';
    if (i != PERIOD_RANGE)
        report_period_code(report_period_of_kind((report_period_kind)i, kc->current, kc->today),
                           info, infosz);
}

/* The period typed as text, read by report_period_parse(); its refusal is
 * said in the officer's language and what was typed stays. */
static bool period_type(report_view *v, report_period *out)
{
    tui *t = v->t;
    form_field fl;
    char code[128], typed[512];
    form_field_init(&fl, "period", N_("Period"),
                    N_("fy2569 · 2569-10 · 2569 · 2569h1 · 2569-01-01..2569-03-31"), FIELD_TEXT,
                    60, 240);
    report_period_code(v->period, code, sizeof code);
    lineedit_set(&fl.edit, code);
    form f = { N_("Report period"),
               N_("A fiscal year, a month, a year, an ASEAN half-year or any days. A year "
                  "above 2400 is B.E."), &fl,
               1, 0, 0 };
    while (!t->quit && t->st && form_run(t, &f) == ACT_SAVE && t->st) {
        form_get(&f, 0, typed, sizeof typed);
        period_problem p = report_period_parse(typed, out);
        if (p == PERIOD_OK)
            return true;
        tui_say(t, STYLE_ERROR, _(period_problem_text(p)));
    }
    return false;
}

static void choose_kind(report_view *v)
{
    tui *t = v->t;
    kind_choice kc = { v->period, app_today(&t->opt->clock) };
    long i = tui_pick(t, N_("Reports"), N_("Which kind of period?"), PERIOD_KIND_COUNT,
                      (size_t)v->period.kind, kind_row, &kc);
    if (i < 0 || !t->st)
        return;
    report_period p;
    if (i == PERIOD_RANGE) {
        if (!period_type(v, &p))
            return;
    } else {
        p = report_period_of_kind((report_period_kind)i, v->period, kc.today);
    }
    v->period = p;
    drop_facts(v);
}

static void dim_row(void *ctx, size_t i, char *text, size_t textsz, char *info, size_t infosz)
{
    (void)ctx;
    snprintf(text, textsz, "%s", _(report_dim_label((report_dim)i)));
    info[0] = '\0';
    (void)infosz;
}

static void choose_dim(report_view *v)
{
    long i = tui_pick(v->t, N_("Reports"), N_("Break the figures down by:"), DIM_COUNT,
                      (size_t)v->dim, dim_row, NULL);
    if (i < 0 || (report_dim)i == v->dim)
        return;
    v->dim = (report_dim)i;
    v->section = SEC_FIGURES;
    drop_table(v);
}

/* ---- writing the report ------------------------------------------------------------- */

static const char *const FORMAT_NAMES[2] = {
    N_("CSV, for LibreOffice or Excel (Thai kept)"), N_("Text file for printing"),
};

static void format_row(void *ctx, size_t i, char *text, size_t textsz, char *info,
                       size_t infosz)
{
    (void)ctx;
    snprintf(text, textsz, "%s", _(FORMAT_NAMES[i]));
    snprintf(info, infosz, "%s", i == 0 ? ".csv" : ".txt");
}

/* The report into path through a file only the officer can read, moved
 * into place once complete: a failed write never leaves half a report. */
static bool write_file(report_view *v, const char *path, const report_out_options *o)
{
    private_file pf;
    if (!private_file_begin(&pf, path))
        return false;
    if (!report_write(pf.f, v->t->st, &v->table, o)) {
        private_file_discard(&pf);
        return false;
    }
    return private_file_commit(&pf);
}

static void say_written(report_view *v, const char *path)
{
    tui *t = v->t;
    char code[64], msg[4200];
    report_period_code(v->period, code, sizeof code);
    store_status st = store_report_audit_export(t->st, "report", code, v->outside);
    if (st != ST_OK) {
        snprintf(msg, sizeof msg, _("The report is written to %s, but the audit trail did not "
                                    "record it: %s"), path, _(store_status_text(st)));
        tui_say(t, STYLE_ERROR, msg);
        return;
    }
    snprintf(msg, sizeof msg, _("The report is written to %s"), path);
    tui_say(t, STYLE_NOTICE, msg);
}

/* What the file is written with, for write_to(). */
typedef struct write_request {
    report_view *v;
    report_out_options o;
} write_request;

/* One try at the path chosen: false (and why, said) keeps the form open. */
static bool write_to(void *ctx, const char *path)
{
    write_request *w = ctx;
    tui *t = w->v->t;
    say_now(t, _("Writing the report..."));
    if (!write_file(w->v, path, &w->o)) {
        char msg[4200];
        snprintf(msg, sizeof msg, "%s: %s", _("The report could not be written"),
                 strerror(errno));
        tui_say(t, STYLE_ERROR, msg);
        return false;
    }
    say_written(w->v, path);
    return true;
}

/* w: the format, then the file (in the home directory unless another is
 * named); the table as shown, hidden cells and tags included. */
static void write_report(report_view *v)
{
    tui *t = v->t;
    if (!v->have_table)
        return;
    /* A report file leaves the store (ACCESS_EXPORT): say so before any
     * file is written, not after. */
    officer_role role = store_me(t->st)->role;
    const char *why = access_refusal_text(role, ACCESS_EXPORT, CASE_REL_NONE);
    if (why) {
        tui_say(t, STYLE_ERROR, _(why));
        return;
    }
    long i = tui_pick(t, N_("Reports"), N_("Write the report as:"), 2, 0, format_row, NULL);
    if (i < 0 || !t->st)
        return;
    report_format fmt = i == 0 ? REPORT_FORMAT_CSV : REPORT_FORMAT_TEXT;
    char def[256], path[4096];
    report_file_default(v->period, fmt, v->outside, def, sizeof def);
    file_question q = {
        N_("Write the report"),
        v->outside ? N_("For outside the team: cells under 11 people are hidden.")
                   : N_("For the team: every figure. Outside the team? Press o on the "
                        "report first."),
        N_("File"), def, true,
    };
    write_request w = { v, { fmt, v->tags, v->outside } };
    private_file_ask(t, &q, write_to, &w, path, sizeof path);
}

/* ---- the screen --------------------------------------------------------------------- */

static void set_section(report_view *v, int s)
{
    s = (s % SEC_COUNT + SEC_COUNT) % SEC_COUNT;
    if ((rs_section)s != v->section)
        v->top = 0;
    v->section = (rs_section)s;
    v->dirty = true;
}

static void step_period(report_view *v, int direction)
{
    v->period = report_period_step(v->period, direction);
    drop_facts(v);
}

static void open_gap(report_view *v)
{
    if (v->section != SEC_MISSING || v->sel >= v->n_gaps)
        return;
    char id[TC_ID_LEN];
    snprintf(id, sizeof id, "%s", v->gaps[v->sel].case_id);
    screen_case_view(v->t, id);
    /* The officer may have filled the field in: count again. */
    size_t sel = v->sel;
    drop_facts(v);
    v->sel = sel;
}

static void report_move(report_view *v, key_action a)
{
    size_t n = line_count(v);
    int page = page_rows();
    if (v->section == SEC_MISSING && v->n_gaps)
        tui_list_move(a, &v->sel, n, (size_t)page);
    else
        tui_scroll_move(a, &v->top, (int)n, page);
}

static void report_act(report_view *v, key_action a)
{
    switch (a) {
    case ACT_HELP: keys_show_help(_("Reports"), KEYS_REPORT); break;
    case ACT_PERIOD_PREV: step_period(v, -1); break;
    case ACT_PERIOD_NEXT: step_period(v, 1); break;
    case ACT_PERIOD_KIND: choose_kind(v); break;
    case ACT_BREAKDOWN:
        v->dim = (report_dim)(((int)v->dim + 1) % DIM_COUNT);
        v->section = SEC_FIGURES;
        drop_table(v);
        break;
    case ACT_BREAKDOWN_PICK: choose_dim(v); break;
    case ACT_MEASURE:
    case ACT_MEASURE_PREV:
        v->measure = (report_measure)(((int)v->measure + (a == ACT_MEASURE ? 1 : -1) +
                                       MEASURE_COUNT) % MEASURE_COUNT);
        v->dirty = true;
        break;
    case ACT_TAGS: v->tags = !v->tags, v->dirty = true; break;
    case ACT_OUTSIDE: v->outside = !v->outside, drop_table(v); break;
    case ACT_TAB_NEXT: set_section(v, (int)v->section + 1); break;
    case ACT_TAB_PREV: set_section(v, (int)v->section - 1); break;
    case ACT_TAB_1: case ACT_TAB_2: case ACT_TAB_3: case ACT_TAB_4: case ACT_TAB_5:
        set_section(v, (int)(a - ACT_TAB_1));
        break;
    case ACT_WRITE: write_report(v); break;
    case ACT_OPEN: open_gap(v); break;
    case ACT_REDRAW: v->dirty = true; break;    /* the language may have changed */
    default: report_move(v, a); break;
    }
}

void screen_report(tui *t)
{
    report_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->t = t;
    v->period = report_period_fiscal_year(fiscal_year_be(app_today(&t->opt->clock)));
    v->dim = DIM_TOTAL;
    v->dirty = true;
    while (!t->quit && t->st) {
        if (report_ready(v) && v->dirty)
            lines_make(v);
        report_draw(v);
        key_action a = tui_command_key(t, KEYS_REPORT);
        if (a == ACT_BACK || t->quit || !t->st)
            break;
        report_act(v, a);
    }
    drop_facts(v);
    free(v->lines);
    free(v);
}
