/* referral_dashboard.c - every open referral of every case, overdue first
 * (db/referrals.h's order), filtered by agency, officer and state.
 *
 * A store can hold hundreds of thousands of referrals: the screen reads
 * the one page it draws (store_referral_dashboard with an offset) and
 * counts only when a filter changes or the officer comes back from a
 * case, never on a cursor move. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/caseview.h"
#include "tui/referral_screens.h"
#include "tui/timeinput.h"

enum { PAGE_MAX = 128, FIRST_ROW = 3 };

typedef struct dashboard {
    tui *t;
    referral_filter f;
    char agency_code[TC_CODE_MAX + 1];
    char agency_label[AGENCY_NAME_MAX + 1];
    char officer_id[TC_ID_LEN];
    char officer_label[OFFICER_NAME_MAX + 1];
    size_t open, overdue;           /* counted when `counted` is false */
    bool counted;
    int64_t now;
    referral_row rows[PAGE_MAX];
    size_t n, top, sel;
} dashboard;

static size_t page_rows(void)
{
    int r = ui_rows() - FIRST_ROW - 2;     /* message line, key line */
    return r < 1 ? 1 : (r > PAGE_MAX ? PAGE_MAX : (size_t)r);
}

static void dash_filter(dashboard *d)
{
    d->f.agency_code = d->agency_code[0] ? d->agency_code : NULL;
    d->f.officer_id = d->officer_id[0] ? d->officer_id : NULL;
}

/* The page around the chosen row, and the counts when they are stale. */
static void dash_load(dashboard *d)
{
    tui *t = d->t;
    d->now = tc_now(&t->opt->clock);
    dash_filter(d);
    store_status st = ST_OK;
    if (!d->counted) {
        st = store_referral_dashboard_count(t->st, &d->f, d->now, &d->open, &d->overdue);
        d->counted = st == ST_OK;
        if (st != ST_OK)
            d->open = d->overdue = 0;
    }
    size_t page = page_rows();
    tui_list_clamp(&d->sel, &d->top, d->open, page);
    if (st == ST_OK)
        st = store_referral_dashboard(t->st, &d->f, d->now, d->top, d->rows, page, &d->n);
    if (st != ST_OK) {
        d->n = 0;
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    }
}

/* ---- drawing ------------------------------------------------------------------ */

typedef struct dash_cols { int ref, name, agency, state, urgency, left; } dash_cols;

/* Fixed columns as wide as their longest word in the interface's
 * language; the name takes what is left. */
static dash_cols dash_layout(void)
{
    dash_cols c = { 15, 0, 10, 0, 0, 0 };
    c.state = ui_widest(0, _("State"));
    for (int s = 0; s < REFERRAL_STATE_COUNT; s++)
        if (referral_state_is_open((referral_state)s))
            c.state = ui_widest(c.state, _(referral_state_label((referral_state)s)));
    if (c.state > 16)
        c.state = 16;
    c.urgency = ui_widest(0, _("Urgency"));
    for (int u = 0; u < REFERRAL_URGENCY_COUNT; u++)
        c.urgency = ui_widest(c.urgency, _(referral_urgency_label((referral_urgency)u)));
    if (c.urgency > 10)
        c.urgency = 10;
    char sample[64], word[96];
    time_left_short(13 * 24 * 3600, sample, sizeof sample);
    snprintf(word, sizeof word, _("%s late"), sample);
    c.left = ui_widest(ui_widest(text_columns(_("Time left")), word), _("OVERDUE"));
    if (c.left > 14)
        c.left = 14;
    c.name = ui_cols() - 2 - c.ref - c.agency - c.state - c.urgency - c.left - 5;
    if (c.name < 8)
        c.name = 8;
    return c;
}

/* "2d late" once overdue, "3d" while running, "" when waiting for nothing. */
static void time_text(const referral_row *r, int64_t now, char *out, size_t outsz)
{
    char t[64];
    out[0] = '\0';
    if (r->wait == REFERRAL_WAIT_NONE)
        return;
    if (r->overdue) {
        time_left_short(now - r->due, t, sizeof t);
        snprintf(out, outsz, _("%s late"), t);
    } else {
        time_left_short(r->due - now, out, outsz);
    }
}

static void dash_draw_row(int y, const dash_cols *c, const referral_row *r, int64_t now,
                          bool selected)
{
    ui_style st = selected ? STYLE_SELECTED : STYLE_NORMAL;
    ui_style late = selected ? st : STYLE_ERROR;
    char left[96];
    time_text(r, now, left, sizeof left);
    int x = 1;
    ui_text(y, 0, ui_cols(), "", st);
    ui_text(y, 0, 1, r->overdue ? "!" : "", late);
    ui_text(y, x, c->ref, r->reference, st), x += c->ref + 1;
    ui_text(y, x, c->name, r->name, st), x += c->name + 1;
    ui_text(y, x, c->agency, i18n_is_thai() ? r->agency_abbr_th : r->agency_abbr_en, st);
    x += c->agency + 1;
    ui_text(y, x, c->state, _(referral_state_label(r->state)), st), x += c->state + 1;
    ui_text(y, x, c->urgency, _(referral_urgency_label(r->urgency)),
            r->urgency == REFERRAL_EMERGENCY ? late : st);
    x += c->urgency + 1;
    ui_text(y, x, c->left, left, r->overdue ? late : st);
}

/* "Open: 12 · overdue: 3 · พม. · Somchai · Sent", or the filter keys. */
static void dash_summary(const dashboard *d, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, _("Open: %zu · overdue: %zu"), d->open, d->overdue);
    size_t used = n > 0 && (size_t)n < outsz ? (size_t)n : 0;
    bool any = d->agency_code[0] || d->officer_id[0] || d->f.by_state || d->f.overdue_only;
    if (!any) {
        snprintf(out + used, outsz - used, " · %s", _("all agencies, officers and states"));
        return;
    }
    if (d->agency_code[0])
        used += (size_t)snprintf(out + used, outsz - used, " · %s", d->agency_label);
    if (d->officer_id[0] && used < outsz)
        used += (size_t)snprintf(out + used, outsz - used, " · %s", d->officer_label);
    if (d->f.by_state && used < outsz)
        used += (size_t)snprintf(out + used, outsz - used, " · %s",
                                 _(referral_state_label(d->f.state)));
    if (d->f.overdue_only && used < outsz)
        snprintf(out + used, outsz - used, " · %s", _("overdue only"));
}

static void dash_draw(dashboard *d)
{
    tui *t = d->t;
    ui_clear();
    tui_draw_title(t, _("Referrals"));
    char summary[1024];
    dash_summary(d, summary, sizeof summary);
    ui_text(1, 1, ui_cols() - 2, summary, d->overdue ? STYLE_ERROR : STYLE_NORMAL);
    dash_cols c = dash_layout();
    int x = 1;
    ui_text(2, x, c.ref, _("Reference"), STYLE_HEADING), x += c.ref + 1;
    ui_text(2, x, c.name, _("Name"), STYLE_HEADING), x += c.name + 1;
    ui_text(2, x, c.agency, _("Agency"), STYLE_HEADING), x += c.agency + 1;
    ui_text(2, x, c.state, _("State"), STYLE_HEADING), x += c.state + 1;
    ui_text(2, x, c.urgency, _("Urgency"), STYLE_HEADING), x += c.urgency + 1;
    ui_text(2, x, c.left, _("Time left"), STYLE_HEADING);
    if (!d->n)
        ui_text(FIRST_ROW + 1, 2, ui_cols() - 4,
                d->f.overdue_only ? _("No referral is overdue.") : _("No open referral."),
                STYLE_NOTICE);
    for (size_t i = 0; i < d->n; i++)
        dash_draw_row(FIRST_ROW + (int)i, &c, &d->rows[i], d->now, d->top + i == d->sel);
    tui_draw_end(t, KEYS_REFERRAL_DASH);
}

/* ---- filters ------------------------------------------------------------------ */

static void filter_agency(dashboard *d)
{
    if (d->agency_code[0]) {
        d->agency_code[0] = '\0';
        return;
    }
    char code[TC_CODE_MAX + 1];
    tc_agency a;
    if (!screen_agency_pick(d->t, N_("Referrals to which agency?"), code) ||
        store_agency_get(d->t->st, code, 0, &a) != ST_OK)
        return;
    snprintf(d->agency_code, sizeof d->agency_code, "%s", code);
    snprintf(d->agency_label, sizeof d->agency_label, "%s", agency_short_name(&a));
}

typedef struct officer_choice {
    tc_officer *officers;
    size_t n;
} officer_choice;

static void officer_row(void *ctx, size_t i, char *text, size_t textsz, char *info,
                        size_t infosz)
{
    snprintf(text, textsz, "%s", ((const officer_choice *)ctx)->officers[i].name);
    snprintf(info, infosz, "%s", "");
}

static void filter_officer(dashboard *d)
{
    if (d->officer_id[0]) {
        d->officer_id[0] = '\0';
        return;
    }
    officer_choice oc = { NULL, 0 };
    if (store_officer_list(d->t->st, &oc.officers, &oc.n) != ST_OK)
        return;
    long i = tui_pick(d->t, N_("Referrals"), N_("Referrals made by which officer?"), oc.n, 0,
                      officer_row, &oc);
    if (i >= 0) {
        snprintf(d->officer_id, sizeof d->officer_id, "%s", oc.officers[i].id);
        snprintf(d->officer_label, sizeof d->officer_label, "%s", oc.officers[i].name);
    }
    free(oc.officers);
}

typedef struct open_states {
    referral_state s[REFERRAL_STATE_COUNT];
} open_states;

static void state_row(void *ctx, size_t i, char *text, size_t textsz, char *info,
                      size_t infosz)
{
    snprintf(text, textsz, "%s", _(referral_state_label(((const open_states *)ctx)->s[i])));
    snprintf(info, infosz, "%s", "");
}

static void filter_state(dashboard *d)
{
    if (d->f.by_state) {
        d->f.by_state = false;
        return;
    }
    open_states os;
    size_t n = 0;
    for (int s = 0; s < REFERRAL_STATE_COUNT; s++)
        if (referral_state_is_open((referral_state)s))
            os.s[n++] = (referral_state)s;
    long i = tui_pick(d->t, N_("Referrals"), N_("Referrals in which state?"), n, 0,
                      state_row, &os);
    if (i >= 0) {
        d->f.by_state = true;
        d->f.state = os.s[i];
    }
}

/* A filter changed: count again and start from the top. */
static void refilter(dashboard *d)
{
    d->counted = false;
    d->sel = d->top = 0;
}

/* ---- the screen --------------------------------------------------------------- */

static void dash_move(dashboard *d, key_action a)
{
    tui_list_move(a, &d->sel, d->open, page_rows());
}

static void dash_act(dashboard *d, key_action a)
{
    tui *t = d->t;
    switch (a) {
    case ACT_HELP: keys_show_help(_("Referrals"), KEYS_REFERRAL_DASH); break;
    case ACT_FILTER_AGENCY: filter_agency(d), refilter(d); break;
    case ACT_FILTER_OFFICER: filter_officer(d), refilter(d); break;
    case ACT_FILTER_STATE: filter_state(d), refilter(d); break;
    case ACT_FILTER_OVERDUE: d->f.overdue_only = !d->f.overdue_only, refilter(d); break;
    case ACT_FILTER_CLEAR:
        d->agency_code[0] = d->officer_id[0] = '\0';
        d->f.by_state = d->f.overdue_only = false;
        refilter(d);
        break;
    case ACT_OPEN:
        if (d->sel >= d->top && d->sel - d->top < d->n) {
            char id[TC_ID_LEN];
            snprintf(id, sizeof id, "%s", d->rows[d->sel - d->top].case_id);
            screen_case_view_at(t, id, TAB_REFERRALS);
            d->counted = false;     /* the officer may have moved it on */
        }
        break;
    case ACT_REDRAW: d->counted = false; break;
    default: dash_move(d, a); break;
    }
}

void screen_referral_dashboard(tui *t)
{
    dashboard *d = calloc(1, sizeof *d);
    if (!d)
        return;
    d->t = t;
    while (!t->quit && t->st) {
        dash_load(d);
        dash_draw(d);
        key_action a = tui_command_key(t, KEYS_REFERRAL_DASH);
        if (a == ACT_BACK || t->quit || !t->st)
            break;
        dash_act(d, a);
    }
    free(d);
}
