/* clock_screens.c - the legal clocks on screen: every clock that has run
 * out or runs out soon, most urgent first, and one case's three clocks
 * (identification, temporary shelter, reflection), where the officer
 * records when the person was met, a court extension, or that a clock has
 * stopped.  The rules are core/clocks.h; the store is db/screenings.h. */
#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/return_fmt.h"
#include "tui/timeinput.h"
#include "tui/tui.h"

#define SECONDS_OF_SLACK 60         /* a laptop clock a minute behind */

/* Short names for a list column; the screens of one case use the full
 * clock_kind_label(). */
static const char *const short_labels[CLOCK_KIND_COUNT] = {
    [CLOCK_IDENTIFICATION] = N_("Identifying"),
    [CLOCK_SHELTER] = N_("Shelter stay"),
    [CLOCK_REFLECTION] = N_("Reflection"),
};

static const char *short_label(clock_kind k)
{
    return k >= 0 && k < CLOCK_KIND_COUNT ? _(short_labels[k]) : "";
}

static int list_rows(int first_row)
{
    int r = ui_rows() - first_row - 2;      /* message line, key line */
    return r < 1 ? 1 : r;
}

/* ---- the due-soon view --------------------------------------------------- */

typedef struct due_view {
    deadline_row *rows;
    size_t n, top, sel;
    int64_t now;
} due_view;

static void due_load(tui *t, due_view *d)
{
    free(d->rows);
    d->rows = NULL;
    d->n = 0;
    d->now = tc_now(&t->opt->clock);
    store_status st = store_deadlines_due(t->st, d->now, &d->rows, &d->n);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        d->rows = NULL;
        d->n = 0;
    }
    tui_list_clamp(&d->sel, &d->top, d->n, (size_t)list_rows(2));
}

/* Columns at the current width: the name takes what is left. */
typedef struct due_cols { int ref, name, clock, due, left; } due_cols;

/* The fixed columns are as wide as their longest text in the interface
 * language, so English leaves the name more room than Thai. */
static due_cols due_layout(void)
{
    due_cols c = { 16, 0, 0, 0, 0 };
    c.clock = ui_widest(0, _("Clock"));
    for (int k = 0; k < CLOCK_KIND_COUNT; k++)
        c.clock = ui_widest(c.clock, short_label((clock_kind)k));
    c.clock = ui_widest(c.clock, _("Follow-up"));
    char sample[MOMENT_TEXT_MAX];
    moment_format(INT64_C(1798563540), 7 * 3600, sample, sizeof sample); /* 29 Dec 2026 23:59 */
    c.due = ui_widest(text_columns(_("Due")), sample);
    time_left_format(47 * 3600 + 59 * 60, sample, sizeof sample);
    c.left = ui_widest(ui_widest(text_columns(_("Time left")), _("overdue")), sample);
    /* A follow-up's days: "in 14 days". */
    followup_when_text((caldate){ 2026, 12, 15 }, (caldate){ 2026, 12, 1 }, sample,
                       sizeof sample);
    c.left = ui_widest(c.left, sample);
    c.name = ui_cols() - 1 - c.ref - c.clock - c.due - c.left - 4;
    if (c.name < 8)
        c.name = 8;
    return c;
}

/* A clock's due moment and time left, or a follow-up's due date (B.E. in
 * Thai) and its days left.  True when it has passed. */
static bool due_texts(tui *t, const deadline_row *r, int64_t now, char *when, size_t whensz,
                      char *left, size_t leftsz)
{
    if (r->followup) {
        caldate today = app_today(&t->opt->clock);
        thdate_format(r->followup_on, i18n_is_thai(), when, whensz);
        return followup_when_text(r->followup_on, today, left, leftsz);
    }
    int64_t remaining = deadline_remaining(r->due, now);
    moment_format(r->due, t->opt->clock.utc_offset, when, whensz);
    if (remaining <= 0)
        snprintf(left, leftsz, "%s", _("overdue"));
    else
        time_left_format(remaining, left, leftsz);
    return remaining <= 0;
}

static void due_draw_row(tui *t, int y, const due_cols *c, const deadline_row *r, int64_t now,
                         bool selected)
{
    ui_style st = selected ? STYLE_SELECTED : STYLE_NORMAL;
    char when[MOMENT_TEXT_MAX], left[128];
    bool passed = due_texts(t, r, now, when, sizeof when, left, sizeof left);
    int x = 1;
    ui_text(y, 0, ui_cols(), "", st);
    /* A high risk of re-trafficking: marked like the case list marks it. */
    ui_text(y, 0, 1, r->high_risk ? "!" : "", selected ? st : STYLE_ERROR);
    ui_text(y, x, c->ref, r->reference, st), x += c->ref + 1;
    ui_text(y, x, c->name, r->name, st), x += c->name + 1;
    ui_text(y, x, c->clock, r->followup ? _("Follow-up") : short_label(r->kind), st);
    x += c->clock + 1;
    ui_text(y, x, c->due, when, st), x += c->due + 1;
    ui_text(y, x, c->left, left, selected ? st : (passed ? STYLE_ERROR : STYLE_NORMAL));
}

static void due_draw(tui *t, const due_view *d)
{
    ui_clear();
    tui_draw_title(t, _("Due soon"));
    due_cols c = due_layout();
    int x = 1;
    ui_text(1, x, c.ref, _("Reference"), STYLE_HEADING), x += c.ref + 1;
    ui_text(1, x, c.name, _("Name"), STYLE_HEADING), x += c.name + 1;
    ui_text(1, x, c.clock, _("Clock"), STYLE_HEADING), x += c.clock + 1;
    ui_text(1, x, c.due, _("Due"), STYLE_HEADING), x += c.due + 1;
    ui_text(1, x, c.left, _("Time left"), STYLE_HEADING);
    if (d->n == 0)
        ui_text(3, 2, ui_cols() - 4, _("No clock or follow-up has passed or falls due soon."),
                STYLE_NOTICE);
    int page = list_rows(2);
    for (size_t i = d->top; i < d->n && (int)(i - d->top) < page; i++)
        due_draw_row(t, 2 + (int)(i - d->top), &c, &d->rows[i], d->now, i == d->sel);
    tui_draw_end(t, KEYS_DUE_SOON);
}

void screen_due_soon(tui *t)
{
    due_view d;
    memset(&d, 0, sizeof d);
    while (!t->quit && t->st) {
        due_load(t, &d);
        due_draw(t, &d);
        ui_key k;
        key_action a = tui_key(t, KEYS_DUE_SOON, &k);
        size_t page = (size_t)list_rows(2);
        if (a == ACT_BACK || t->quit || !t->st)
            break;
        if (tui_list_move(a, &d.sel, d.n, page))
            continue;
        switch (a) {
        case ACT_HELP: keys_show_help(_("Due soon"), KEYS_DUE_SOON); break;
        case ACT_OPEN:
            if (d.sel < d.n) {
                char id[TC_ID_LEN];
                snprintf(id, sizeof id, "%s", d.rows[d.sel].case_id);
                screen_case_view(t, id);
            }
            break;
        default:
            break;
        }
    }
    free(d.rows);
}

/* ---- one case's clocks --------------------------------------------------- */

typedef struct clocks_view {
    char case_id[TC_ID_LEN];
    char reference[CASEREF_MAX];
    bool started;
    case_clocks cc;
    clock_settings cs;
    int sel;                        /* the chosen clock, a clock_kind */
} clocks_view;

static bool clocks_load(tui *t, clocks_view *v)
{
    tc_case *c = malloc(sizeof *c);
    store_status st = c ? store_case_get(t->st, v->case_id, c) : ST_NOMEM;
    if (st == ST_OK)
        snprintf(v->reference, sizeof v->reference, "%s", c->reference);
    free(c);
    if (st == ST_OK)
        st = store_clock_settings(t->st, &v->cs);
    if (st == ST_OK) {
        st = store_case_clocks_get(t->st, v->case_id, &v->cc);
        v->started = st == ST_OK;
        if (st == ST_NOT_FOUND)
            st = ST_OK;
    }
    if (st != ST_OK)
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    return st == ST_OK;
}

static int draw_pair(int y, const char *label, const char *value, ui_style style)
{
    enum { LABEL = 22 };
    ui_text(y, 1, LABEL, label, STYLE_HEADING);
    ui_text(y, LABEL + 2, ui_cols() - LABEL - 3, value, style);
    return y + 1;
}

/* "Due ... · state · time left", or when the clock stopped. */
static ui_style clock_line(tui *t, const clocks_view *v, clock_kind k, char *out, size_t outsz)
{
    int off = t->opt->clock.utc_offset;
    int64_t due = case_clock_due(&v->cc, &v->cs, k), now = tc_now(&t->opt->clock);
    char when[MOMENT_TEXT_MAX], due_text[MOMENT_TEXT_MAX + 64];
    moment_format(due, off, when, sizeof when);
    snprintf(due_text, sizeof due_text, _("due %s"), when);
    if (v->cc.stopped[k]) {
        char at[MOMENT_TEXT_MAX];
        moment_format(v->cc.stopped_at[k], off, at, sizeof at);
        bool in_time = case_clock_stopped_in_time(&v->cc, &v->cs, k);
        snprintf(out, outsz, "%s · %s", due_text,
                 in_time ? _("stopped in time") : _("stopped after the deadline"));
        size_t used = strlen(out);
        snprintf(out + used, outsz - used, " (%s)", at);
        return STYLE_NORMAL;
    }
    deadline_state ds = deadline_state_at(due, now, &v->cs);
    char left[64];
    time_left_words(deadline_remaining(due, now), left, sizeof left);
    snprintf(out, outsz, "%s · %s · %s", due_text, _(deadline_state_label(ds)), left);
    return ds == DEADLINE_RUNNING ? STYLE_NORMAL : STYLE_ERROR;
}

/* A clock's name and how long it runs, from the settings. */
static void clock_heading(const clock_settings *cs, clock_kind k, char *out, size_t outsz)
{
    char length[128];
    if (k == CLOCK_IDENTIFICATION)
        snprintf(length, sizeof length, _("%d h, up to %d h by court order"),
                 cs->identification_hours, cs->court_max_hours);
    else
        snprintf(length, sizeof length, _("%d days"),
                 k == CLOCK_SHELTER ? cs->shelter_days : cs->reflection_days);
    snprintf(out, outsz, "%s · %s", _(clock_kind_label(k)), length);
}

static void clocks_draw(tui *t, const clocks_view *v)
{
    char title[256], text[1024], when[MOMENT_TEXT_MAX];
    int off = t->opt->clock.utc_offset;
    ui_clear();
    snprintf(title, sizeof title, "%s · %s", _("Clocks"), v->reference);
    tui_draw_title(t, title);
    int y = 2;
    if (v->started) {
        moment_format(v->cc.met_at, off, when, sizeof when);
        y = draw_pair(y, _("Met at"), when, STYLE_NORMAL);
    } else {
        y = draw_pair(y, _("Met at"), _("not recorded: press m to start the clocks"), STYLE_NOTICE);
    }
    if (v->started && v->cc.extended) {
        moment_format(v->cc.extended_until, off, when, sizeof when);
        snprintf(text, sizeof text, _("until %s, court order %s"), when, v->cc.court_ref);
        y = draw_pair(y, _("Court extension"), text, STYLE_NORMAL);
    } else {
        y = draw_pair(y, _("Court extension"), _("none"), STYLE_NORMAL);
    }
    y++;
    for (int k = 0; k < CLOCK_KIND_COUNT && y + 1 < ui_rows() - 2; k++) {
        bool chosen = k == v->sel;
        clock_heading(&v->cs, (clock_kind)k, text, sizeof text);
        ui_text(y++, 1, ui_cols() - 2, text, chosen ? STYLE_SELECTED : STYLE_HEADING);
        ui_style st = STYLE_NORMAL;
        if (v->started)
            st = clock_line(t, v, (clock_kind)k, text, sizeof text);
        else
            snprintf(text, sizeof text, "%s", _("not started"));
        ui_text(y++, 3, ui_cols() - 4, text, st);
    }
    tui_draw_end(t, KEYS_CASE_CLOCKS);
}

/* What a moment form stores once its text reads well; false (with a
 * message said) keeps the form open with what was typed. */
typedef bool (*moment_saver)(tui *t, clocks_view *v, int64_t when, const char *ref);

typedef struct moment_form_spec {
    const char *title, *intro, *label;      /* msgids */
    bool ask_court_ref;
    int64_t initial;                        /* shown in the field; 0: empty */
} moment_form_spec;

static void field_init(form_field *fl, const char *key, const char *label, const char *hint,
                       size_t max_chars, size_t max_bytes)
{
    memset(fl, 0, sizeof *fl);
    fl->key = key;
    fl->label = label;
    fl->hint = hint;
    fl->kind = FIELD_TEXT;
    lineedit_init(&fl->edit, max_chars, max_bytes);
}

static void moment_form(tui *t, clocks_view *v, const moment_form_spec *spec, moment_saver save)
{
    form_field *fl = calloc(2, sizeof *fl);
    if (!fl)
        return;
    field_init(&fl[0], "when", spec->label, N_("Day/month/year and time, e.g. 21/11/2569 14:30."),
               40, 160);
    field_init(&fl[1], "court_ref", N_("Court order reference"), N_("As written on the order."),
               100, COURT_REF_MAX);
    if (spec->initial) {
        char text[MOMENT_TEXT_MAX];
        moment_format_input(spec->initial, t->opt->clock.utc_offset, text, sizeof text);
        lineedit_set(&fl[0].edit, text);
    }
    if (spec->ask_court_ref && v->cc.extended)
        lineedit_set(&fl[1].edit, v->cc.court_ref);
    form f = { spec->title, spec->intro, fl, spec->ask_court_ref ? 2 : 1, 0, 0 };
    char text[4 * COURT_REF_MAX + 8], ref[4 * COURT_REF_MAX + 8];
    while (!t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        int64_t when = 0;
        form_get(&f, 0, text, sizeof text);
        const char *problem = moment_parse(text, t->opt->clock.utc_offset, &when);
        if (problem) {
            tui_say(t, STYLE_ERROR, _(problem));
            f.focus = 0;
            continue;
        }
        form_get(&f, 1, ref, sizeof ref);
        if (save(t, v, when, ref))
            break;
    }
    free(fl);
}

static bool save_met(tui *t, clocks_view *v, int64_t when, const char *ref)
{
    (void)ref;
    if (when > tc_now(&t->opt->clock) + SECONDS_OF_SLACK) {
        tui_say(t, STYLE_ERROR, _("The time met cannot be later than now."));
        return false;
    }
    store_status st = store_case_clocks_start(t->st, v->case_id, when);
    if (st == ST_INVALID)
        tui_say(t, STYLE_ERROR, _("At that time met the recorded court extension would no "
                                  "longer be valid. Check the time."));
    else if (st != ST_OK)
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    else
        tui_say(t, STYLE_NOTICE, _("The clocks run from the time met."));
    return st == ST_OK;
}

static bool save_extension(tui *t, clocks_view *v, int64_t when, const char *ref)
{
    clock_problem problem = CLOCK_OK;
    store_status st = store_case_clocks_extend(t->st, v->case_id, when, ref, &problem);
    if (st == ST_INVALID && problem != CLOCK_OK)
        tui_say(t, STYLE_ERROR, _(clock_problem_message(problem)));
    else if (st != ST_OK)
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    else
        tui_say(t, STYLE_NOTICE, _("The court extension is recorded."));
    return st == ST_OK;
}

static bool save_stop(tui *t, clocks_view *v, int64_t when, const char *ref)
{
    (void)ref;
    if (when > tc_now(&t->opt->clock) + SECONDS_OF_SLACK) {
        tui_say(t, STYLE_ERROR, _("A clock cannot stop later than now."));
        return false;
    }
    store_status st = store_case_clocks_stop(t->st, v->case_id, (clock_kind)v->sel, when);
    if (st == ST_INVALID)
        tui_say(t, STYLE_ERROR, _("A clock cannot stop before the person was met."));
    else if (st != ST_OK)
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    else
        tui_say(t, STYLE_NOTICE, _("The clock is stopped."));
    return st == ST_OK;
}

static void clocks_act(tui *t, clocks_view *v, key_action a)
{
    int64_t now = tc_now(&t->opt->clock);
    if (a == ACT_CLOCK_START) {
        moment_form_spec spec = { N_("When the person was met"),
                                  N_("The clocks run from the moment an officer met the person."),
                                  N_("Met at"), false, v->started ? v->cc.met_at : now };
        moment_form(t, v, &spec, save_met);
        return;
    }
    if (!v->started) {
        tui_say(t, STYLE_ERROR, _("Record when the person was met first (m)."));
        return;
    }
    if (a == ACT_CLOCK_EXTEND) {
        moment_form_spec spec = { N_("Court extension"),
                                  N_("A court order can extend the identification period."),
                                  N_("Extended until"), true,
                                  v->cc.extended ? v->cc.extended_until : 0 };
        moment_form(t, v, &spec, save_extension);
    } else if (v->cc.stopped[v->sel]) {
        tui_say(t, STYLE_ERROR, _("This clock has already stopped."));
    } else {
        moment_form_spec spec = { clock_kind_label((clock_kind)v->sel),
                                  N_("Stop this clock when what it waits for has happened."),
                                  N_("Stopped at"), false, now };
        moment_form(t, v, &spec, save_stop);
    }
}

void screen_case_clocks(tui *t, const char *case_id)
{
    clocks_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    snprintf(v->case_id, sizeof v->case_id, "%s", case_id);
    while (!t->quit && t->st && clocks_load(t, v)) {
        clocks_draw(t, v);
        ui_key k;
        key_action a = tui_key(t, KEYS_CASE_CLOCKS, &k);
        if (a == ACT_BACK || t->quit || !t->st)
            break;
        if (a == ACT_UP && v->sel > 0)
            v->sel--;
        else if (a == ACT_DOWN && v->sel + 1 < CLOCK_KIND_COUNT)
            v->sel++;
        else if (a == ACT_HELP)
            keys_show_help(_("Clocks"), KEYS_CASE_CLOCKS);
        else if (a == ACT_CLOCK_START || a == ACT_CLOCK_EXTEND || a == ACT_CLOCK_STOP)
            clocks_act(t, v, a);
    }
    free(v);
}

/* ---- the case list's mark ------------------------------------------------ */

ui_style clock_row_mark(const tc_case_row *r, int64_t now, char *out, size_t outsz)
{
    if (!r->clock_due_soon) {
        snprintf(out, outsz, "%s", "");
        return STYLE_NORMAL;
    }
    char left[32];
    time_left_short(deadline_remaining(r->clock_due, now), left, sizeof left);
    snprintf(out, outsz, "! %s", left);
    return STYLE_ERROR;
}
