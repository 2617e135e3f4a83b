/* exchange_conflicts_screen.c - the conflicts an import left: a field of a
 * record that differs between this store and a hand-over file.  The list
 * of open ones (case, record, field, both values, from which store and
 * when), and one conflict with both values in full, side by side on a
 * wide terminal or one under the other, where the officer keeps this
 * store's value or takes the incoming one, field by field.  Each choice is
 * confirmed, then saved and audited by db/exchange.h; a resolved conflict
 * leaves the list. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/exchange_fmt.h"
#include "tui/exchange_screens.h"
#include "tui/return_screens.h"

#define TITLE N_("Conflicts from hand-over files")
#define ONE_TITLE N_("Conflict")

typedef struct conflicts_view {
    tui *t;
    exch_conflict *c;
    size_t n, sel, top;
} conflicts_view;

static void cv_load(conflicts_view *v)
{
    exchange_conflicts_free(v->c, v->n);
    v->c = NULL, v->n = 0;
    store_status st = exchange_conflict_list(v->t->st, true, &v->c, &v->n);
    if (st != ST_OK) {
        tui_say(v->t, STYLE_ERROR, _(store_status_text(st)));
        v->c = NULL, v->n = 0;
    }
}

/* What record a conflict is in: "K7Q4X-2569-0001 · Person · display_name". */
static void conflict_what(const exch_conflict *c, char *out, size_t outsz)
{
    const char *kind = xs_table_label(c->table);
    out[0] = '\0';
    text_join(out, outsz, " · ", c->case_reference[0] ? c->case_reference : "-");
    text_join(out, outsz, " · ", kind ? _(kind) : c->table);
    const char *field = xs_field_label(c->table, c->field);
    text_join(out, outsz, " · ", field ? _(field) : c->field);
}

/* ---- the list ------------------------------------------------------------------- */

enum { LIST_FIRST_ROW = 3, ROWS_PER_CONFLICT = 2 };

static int cv_page(void)
{
    int r = (ui_rows() - LIST_FIRST_ROW - 2) / ROWS_PER_CONFLICT;
    return r < 1 ? 1 : r;
}

static void cv_draw_conflict(tui *t, int y, const exch_conflict *c, bool selected)
{
    int cols = ui_cols();
    ui_style st = selected ? STYLE_SELECTED : STYLE_NORMAL;
    char what[1024], from[1024], when[MOMENT_TEXT_MAX];
    conflict_what(c, what, sizeof what);
    xs_moment(t, c->at, when, sizeof when);
    snprintf(from, sizeof from, "%s · %s", c->peer_name, when);
    int from_w = text_columns(from);
    if (from_w > cols / 2 - 2)
        from_w = cols / 2 - 2;
    ui_text(y, 0, cols, "", st);
    ui_text(y + 1, 0, cols, "", st);
    ui_text(y, 0, 1, selected ? ">" : "", st);
    ui_text(y, 1, cols - from_w - 3, what, selected ? st : STYLE_HEADING);
    ui_text(y, cols - from_w - 1, from_w, from, st);
    /* The two values, each in half of the second row. */
    int half = (cols - 4) / 2;
    char part[1024];
    snprintf(part, sizeof part, "%s %s", _("Here:"), xs_value_text(c->local_value));
    ui_text(y + 1, 3, half - 1, part, st);
    snprintf(part, sizeof part, "%s %s", _("Incoming:"), xs_value_text(c->incoming_value));
    ui_text(y + 1, 3 + half, cols - half - 4, part, selected ? st : STYLE_NOTICE);
}

static void cv_draw(conflicts_view *v)
{
    tui *t = v->t;
    ui_clear();
    tui_draw_title(t, _(TITLE));
    char head[1024] = "";
    if (v->n)
        snprintf(head, sizeof head,
                 _("Open conflicts: %zu. Nothing changes here until you choose."), v->n);
    ui_text(1, 1, ui_cols() - 2, head, STYLE_HEADING);
    int page = cv_page();
    tui_list_clamp(&v->sel, &v->top, v->n, (size_t)page);
    if (!v->n)
        ui_text(LIST_FIRST_ROW, 2, ui_cols() - 4, _("No conflict to resolve."), STYLE_NOTICE);
    for (size_t i = v->top; i < v->n && (int)(i - v->top) < page; i++)
        cv_draw_conflict(t, LIST_FIRST_ROW + ROWS_PER_CONFLICT * (int)(i - v->top), &v->c[i],
                         i == v->sel);
    tui_draw_end(t, KEYS_CONFLICTS);
}

/* ---- one conflict ------------------------------------------------------------------ */

/* Open fields of the same record from the same file, this one included. */
static size_t same_record(const conflicts_view *v, const exch_conflict *c)
{
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++)
        n += !strcmp(v->c[i].bundle_row_id, c->bundle_row_id) &&
             !strcmp(v->c[i].row_id, c->row_id) && !strcmp(v->c[i].table, c->table);
    return n;
}

static void add_value(view_lines *L, const char *value, int cols, ui_style style)
{
    xs_lines w;
    if (!xs_wrap(xs_value_text(value), cols, 400, &w))
        return;
    for (size_t i = 0; i < w.n; i++) {
        char line[1100];
        snprintf(line, sizeof line, "  %s", w.line[i]);
        view_add(L, "", line, style, 0);
    }
    xs_lines_free(&w);
}

/* The two values side by side: each wrapped to its half, row by row. */
static void add_side_by_side(view_lines *L, const exch_conflict *c, int half)
{
    xs_lines a, b;
    if (!xs_wrap(xs_value_text(c->local_value), half, 400, &a))
        return;
    if (!xs_wrap(xs_value_text(c->incoming_value), half, 400, &b)) {
        xs_lines_free(&a);
        return;
    }
    char left[1100], line[2300];
    text_pad(_("This store's value"), half, left, sizeof left);
    snprintf(line, sizeof line, "%s | %s", left, _("Incoming value"));
    view_add(L, "", line, STYLE_HEADING, 0);
    for (size_t i = 0; i < a.n || i < b.n; i++) {
        text_pad(i < a.n ? a.line[i] : "", half, left, sizeof left);
        snprintf(line, sizeof line, "%s | %s", left, i < b.n ? b.line[i] : "");
        view_add(L, "", line, STYLE_NORMAL, 0);
    }
    xs_lines_free(&a);
    xs_lines_free(&b);
}

static void one_lines(tui *t, const conflicts_view *v, const exch_conflict *c, view_lines *L)
{
    char line[1024], when[MOMENT_TEXT_MAX];
    xs_moment(t, c->at, when, sizeof when);
    snprintf(line, sizeof line, _("From %s, received %s"), c->peer_name, when);
    view_add(L, "", line, STYLE_NORMAL, 0);
    size_t others = same_record(v, c);
    if (others > 1) {
        snprintf(line, sizeof line, _("This record has %zu fields in conflict; each is chosen on its own."),
                 others);
        view_add(L, "", line, STYLE_NORMAL, 0);
    }
    view_add(L, "", "", STYLE_NORMAL, 0);
    int cols;
    if (xs_side_by_side(ui_cols() - 2, &cols)) {
        add_side_by_side(L, c, cols);
        return;
    }
    view_add(L, "", _("This store's value"), STYLE_HEADING, 0);
    add_value(L, c->local_value, cols, STYLE_NORMAL);
    view_add(L, "", "", STYLE_NORMAL, 0);
    view_add(L, "", _("Incoming value"), STYLE_HEADING, 0);
    add_value(L, c->incoming_value, cols, STYLE_NORMAL);
}

/* The officer's choice, asked again before it is saved. */
static bool resolution_confirmed(tui *t, const exch_conflict *c, exch_keep keep)
{
    char what[1024], value[1024], shown[1200];
    conflict_what(c, what, sizeof what);
    const char *chosen = keep == EXCH_KEEP_LOCAL ? c->local_value : c->incoming_value;
    snprintf(shown, sizeof shown, "%s: %s",
             keep == EXCH_KEEP_LOCAL ? _("This store's value") : _("Incoming value"),
             xs_value_text(chosen));
    text_fit(shown, ui_cols() - 4, true, value, sizeof value);
    const char *lines[3] = {
        what, value,
        keep == EXCH_KEEP_LOCAL ? _("The incoming value is set aside; the record stays as it is.")
                                : _("The record here takes the incoming value."),
    };
    return ret_confirm(t, ONE_TITLE, lines, 3, STYLE_NORMAL,
                       keep == EXCH_KEEP_LOCAL ? N_("Keep this store's value for this field?")
                                               : N_("Take the incoming value for this field?"));
}

static bool resolve(conflicts_view *v, const exch_conflict *c, exch_keep keep)
{
    tui *t = v->t;
    if (!resolution_confirmed(t, c, keep) || !t->st)
        return false;
    exch_refusal r = { 0 };
    size_t done = 0;
    store_status st = exchange_conflict_resolve(t->st, c->id, keep, c->field, &done, &r);
    if (st != ST_OK) {
        xs_say_refusal(t, st, &r);
        return false;
    }
    return true;
}

/* What was done, and what is left (after the list was read again). */
static void say_resolved(conflicts_view *v, exch_keep keep)
{
    char msg[1024], left[512];
    if (v->n)
        snprintf(left, sizeof left, _("Conflicts left: %zu."), v->n);
    else
        snprintf(left, sizeof left, "%s", _("No conflict is left."));
    snprintf(msg, sizeof msg, "%s %s",
             keep == EXCH_KEEP_LOCAL ? _("Kept this store's value.") : _("Took the incoming value."),
             left);
    tui_say(v->t, STYLE_NOTICE, msg);
}

/* One conflict after another from v->sel, until Esc or none is left. */
static void one_conflict(conflicts_view *v)
{
    tui *t = v->t;
    view_lines L = { NULL, 0, 0 };
    int top = 0;
    while (!t->quit && t->st && v->sel < v->n) {
        const exch_conflict *c = &v->c[v->sel];
        char head[1200], what[1024];
        conflict_what(c, what, sizeof what);
        snprintf(head, sizeof head, " %zu/%zu · %s", v->sel + 1, v->n, what);
        L.n = 0;
        one_lines(t, v, c, &L);
        ret_view_draw(t, _(ONE_TITLE), head, &L, &top, -1, KEYS_CONFLICT);
        key_action a = tui_command_key(t, KEYS_CONFLICT);
        if (a == ACT_BACK || t->quit || !t->st)
            break;
        if (tui_scroll_move(a, &top, L.n, ret_view_rows()))
            continue;
        switch (a) {
        case ACT_HELP: keys_show_help(_(ONE_TITLE), KEYS_CONFLICT); break;
        case ACT_NEXT_FIELD:
            if (v->sel + 1 < v->n)
                v->sel++, top = 0;
            break;
        case ACT_PREV_FIELD:
            if (v->sel > 0)
                v->sel--, top = 0;
            break;
        case ACT_KEEP_LOCAL:
        case ACT_TAKE_INCOMING: {
            exch_keep keep = a == ACT_KEEP_LOCAL ? EXCH_KEEP_LOCAL : EXCH_KEEP_INCOMING;
            if (resolve(v, c, keep)) {
                /* The next one takes its place in the list. */
                cv_load(v);
                say_resolved(v, keep);
                top = 0;
                if (v->sel >= v->n && v->n)
                    v->sel = v->n - 1;
            }
            break;
        }
        default: break;
        }
    }
    free(L.v);
}

void screen_conflicts(tui *t)
{
    conflicts_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->t = t;
    key_action a = ACT_REDRAW;
    while (!t->quit && t->st && a != ACT_BACK) {
        /* What an open conflict or another language may have changed. */
        if (a == ACT_OPEN || a == ACT_REDRAW)
            cv_load(v);
        cv_draw(v);
        a = tui_list_key(t, KEYS_CONFLICTS, &v->sel, v->n, (size_t)cv_page());
        if (a == ACT_HELP)
            keys_show_help(_(TITLE), KEYS_CONFLICTS);
        else if (a == ACT_OPEN && v->sel < v->n)
            one_conflict(v);
    }
    exchange_conflicts_free(v->c, v->n);
    free(v);
}
