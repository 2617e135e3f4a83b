/* followup_screens.c - recording a follow-up of a case's reintegration
 * plan (the form, then the findings in a text area; a high risk offers a
 * new screening at once) and the list of every follow-up due, high risk
 * first, overdue marked.
 *
 * The rules are core's (core/reintegration.h) and the store applies them
 * (db/returns.h).  A refusal is said in the officer's language with the
 * focus on the field it names, and everything typed stays. */
#include "config.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/returns.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/caseforms.h"
#include "tui/return_fmt.h"
#include "tui/return_screens.h"

#define DATE_HINT N_("Day/month/year, B.E. or C.E.")
#define NO_PLAN N_("This case has no reintegration plan yet: press i on the Return tab to make one.")

/* ---- a follow-up ---------------------------------------------------------------------- */

enum { FF_ON, FF_METHOD, FF_RISK, FF_NEXT, FF_AGENCY, FF_COUNT };

typedef struct followup_form {
    form f;
    form_field *fl;
    ret_agency_choice agency;
    const char *methods[FOLLOWUP_METHOD_COUNT];
    const char *risks[RISK_COUNT];
    char intro[512];
} followup_form;

static void followup_form_build(tui *t, followup_form *x, const tc_followup *fu,
                                const tc_reintegration *p)
{
    form_field *fl = x->fl;
    char buf[THDATE_MAX];
    thdate_format_input(fu->on, i18n_is_thai(), buf, sizeof buf);
    ret_text_field(&fl[FF_ON], "on", N_("Date"), DATE_HINT, 90, buf);
    for (int i = 0; i < FOLLOWUP_METHOD_COUNT; i++)
        x->methods[i] = followup_method_label((followup_method)i);
    ret_choice_field(&fl[FF_METHOD], "method", N_("Method"), x->methods, NULL,
                     FOLLOWUP_METHOD_COUNT, (int)fu->method);
    for (int i = 0; i < RISK_COUNT; i++)
        x->risks[i] = risk_label((retrafficking_risk)i);
    ret_choice_field(&fl[FF_RISK], "risk", N_("Re-trafficking risk"), x->risks, NULL,
                     RISK_COUNT, (int)fu->risk);
    fl[FF_RISK].hint = N_("What was seen: debts, a recruiter's contact, threats, no income.");
    ret_date_field(&fl[FF_NEXT], "next_on", N_("Next follow-up"),
                   N_("From the schedule; change it if needed, empty when none is planned."),
                   fu->next_known, fu->next_on);
    ret_agency_field(t, &fl[FF_AGENCY], &x->agency, "by_agency", N_("Partner agency"),
                     N_("For a partner's report: the agency that made it."), fu->by_agency);
    snprintf(x->intro, sizeof x->intro, _("Follow-up %zu. After this form, write the findings."),
             p->followups_done + 1);
    x->f = (form){ N_("Record a follow-up"), x->intro, fl, FF_COUNT, 0, 0 };
}

/* What the form holds, into fu; NULL, or the msgid of a date not read. */
static const char *followup_read(followup_form *x, tc_followup *fu, const char **fieldp)
{
    const form *f = &x->f;
    char buf[4 * THDATE_MAX];
    const char *why = ret_read_date_needed(f, FF_ON, &fu->on);
    if (why) {
        *fieldp = "on";
        return why;
    }
    fu->method = (followup_method)x->fl[FF_METHOD].choice;
    fu->risk = (retrafficking_risk)x->fl[FF_RISK].choice;
    form_get(f, FF_NEXT, buf, sizeof buf);
    why = form_read_date(buf, &fu->next_known, &fu->next_on);
    if (why) {
        *fieldp = "next_on";
        return why;
    }
    /* Only a partner's report names the partner. */
    snprintf(fu->by_agency, sizeof fu->by_agency, "%s",
             fu->method == FOLLOWUP_PARTNER_REPORT ? x->agency.code : "");
    return NULL;
}

/* After a high risk: the case goes up the lists; offer a new screening. */
static void high_risk_offer(tui *t, const char *case_id)
{
    const char *lines[2] = {
        _("High risk of re-trafficking: the case now stands at the top of the case list."),
        _("A new screening checks whether the person is being trafficked again."),
    };
    if (ret_confirm(t, N_("Follow-up"), lines, 2, STYLE_ERROR, N_("Start a new screening now?")))
        screen_screening_new(t, case_id);
}

typedef enum { STAGE_FORM, STAGE_FINDINGS, STAGE_DONE, STAGE_LEFT } followup_stage;

/* One round: the form, or the findings, or the save. */
static followup_stage followup_step(tui *t, followup_form *x, textarea *ta, tc_followup *fu,
                                    const tc_reintegration *plan, followup_stage stage)
{
    if (stage == STAGE_FORM) {
        if (form_run(t, &x->f) != ACT_SAVE || t->quit || !t->st)
            return STAGE_LEFT;
        if (ret_agency_resolve(t, &x->fl[FF_AGENCY], &x->agency, N_("Partner agency")))
            return STAGE_FORM;
        const char *field = NULL;
        const char *why = followup_read(x, fu, &field);
        if (why) {
            ret_refuse(t, &x->f, why, field);
            return STAGE_FORM;
        }
        return STAGE_FINDINGS;
    }
    static const textarea_screen findings = {
        N_("Findings"), N_("What was seen and heard: living conditions, work, debts, contacts."),
        N_("Enter starts a new paragraph. F10 saves, Esc goes back."), false
    };
    if (!screen_textarea_run(t, ta, &findings))
        return t->quit || !t->st ? STAGE_LEFT : STAGE_FORM;
    snprintf(fu->case_id, sizeof fu->case_id, "%s", plan->case_id);
    textarea_get(ta, fu->findings, sizeof fu->findings);
    reint_check chk = { REINT_OK, NULL };
    store_status st = store_followup_add(t->st, fu, &chk);
    if (st == ST_OK)
        return STAGE_DONE;
    if (st != ST_INVALID) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        return STAGE_FINDINGS;
    }
    const char *field = ret_field_leaf(chk.field);
    ret_refuse(t, &x->f, reint_problem_text(chk.problem), field);
    return field && !strcmp(field, "findings") ? STAGE_FINDINGS : STAGE_FORM;
}

static void followup_saved(tui *t, const tc_followup *fu)
{
    char msg[512], date[THDATE_MAX];
    snprintf(msg, sizeof msg, "%s", _("The follow-up is recorded."));
    if (fu->next_known) {
        thdate_format(fu->next_on, i18n_is_thai(), date, sizeof date);
        size_t used = strlen(msg);
        snprintf(msg + used, sizeof msg - used, " ");
        used = strlen(msg);
        snprintf(msg + used, sizeof msg - used, _("Next follow-up: %s."), date);
    }
    tui_say(t, fu->risk == RISK_HIGH ? STYLE_ERROR : STYLE_NOTICE, msg);
}

bool screen_followup_add(tui *t, const char *case_id)
{
    tc_reintegration *plan = malloc(sizeof *plan);
    tc_followup *fu = malloc(sizeof *fu);
    followup_form *x = calloc(1, sizeof *x);
    textarea ta;
    bool have_ta = false, saved = false;
    store_status st = plan && fu && x ? store_reintegration_get(t->st, case_id, plan) : ST_NOMEM;
    if (st == ST_NOT_FOUND)
        tui_say(t, STYLE_ERROR, _(NO_PLAN));
    else if (st != ST_OK)
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    else if (plan->closed)
        tui_say(t, STYLE_ERROR, _(reint_problem_text(REINT_PLAN_CLOSED)));
    else if ((x->fl = ret_fields_new(FF_COUNT)) && (have_ta = textarea_init(&ta, REINT_TEXT_MAX))) {
        followup_init(fu, plan, app_today(&t->opt->clock));
        followup_form_build(t, x, fu, plan);
        followup_stage stage = STAGE_FORM;
        while (stage != STAGE_DONE && stage != STAGE_LEFT && !t->quit && t->st)
            stage = followup_step(t, x, &ta, fu, plan, stage);
        saved = stage == STAGE_DONE;
    }
    if (saved) {
        followup_saved(t, fu);
        if (fu->risk == RISK_HIGH)
            high_risk_offer(t, case_id);
    }
    if (have_ta)
        textarea_free(&ta);
    if (x)
        ret_fields_free(x->fl, FF_COUNT);
    if (fu)
        sodium_memzero(fu, sizeof *fu);
    free(plan), free(fu), free(x);
    return saved;
}

/* ---- every follow-up due ----------------------------------------------------------------- */

typedef struct followups_view {
    followup_row *rows;
    size_t n, top, sel;
    bool overdue_only;
    caldate today;
} followups_view;

static int fl_rows(void)
{
    int r = ui_rows() - 4;          /* title, headings; message, keys */
    return r < 1 ? 1 : r;
}

static void fl_load(tui *t, followups_view *d)
{
    free(d->rows);
    d->rows = NULL, d->n = 0;
    d->today = app_today(&t->opt->clock);
    store_status st = store_followup_due(t->st, d->overdue_only, &d->rows, &d->n);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        d->rows = NULL, d->n = 0;
    }
    tui_list_clamp(&d->sel, &d->top, d->n, (size_t)fl_rows());
}

typedef struct fl_cols { int ref, name, number, due, when, risk; } fl_cols;

/* The fixed columns as wide as their words in the interface's language. */
static fl_cols fl_layout(void)
{
    fl_cols c = { 16, 0, 0, 0, 0, 0 };
    char sample[128];
    c.number = ui_widest(2, _("No."));
    thdate_format((caldate){ 2026, 12, 29 }, i18n_is_thai(), sample, sizeof sample);
    c.due = ui_widest(text_columns(_("Due")), sample);
    followup_when_text((caldate){ 2026, 1, 1 }, (caldate){ 2026, 1, 31 }, sample, sizeof sample);
    c.when = ui_widest(text_columns(_("Time left")), sample);
    c.risk = ui_widest(0, _("Risk"));
    for (int r = 0; r < RISK_COUNT; r++)
        c.risk = ui_widest(c.risk, _(risk_label((retrafficking_risk)r)));
    if (c.risk > 10)
        c.risk = 10;
    c.name = ui_cols() - 2 - c.ref - c.number - c.due - c.when - c.risk - 5;
    if (c.name < 8)
        c.name = 8;
    return c;
}

static void fl_draw_row(int y, const fl_cols *c, const followup_row *r, caldate today,
                        bool selected)
{
    ui_style st = selected ? STYLE_SELECTED : STYLE_NORMAL;
    char number[16], due[THDATE_MAX], when[128];
    snprintf(number, sizeof number, "%zu", r->number);
    thdate_format(r->next_due, i18n_is_thai(), due, sizeof due);
    bool late = followup_when_text(r->next_due, today, when, sizeof when);
    int x = 1;
    ui_text(y, 0, ui_cols(), "", st);
    ui_text(y, 0, 1, r->high_risk ? "!" : "", selected ? st : STYLE_ERROR);
    ui_text(y, x, c->ref, r->reference, st), x += c->ref + 1;
    ui_text(y, x, c->name, r->name, st), x += c->name + 1;
    ui_text(y, x, c->number, number, st), x += c->number + 1;
    ui_text(y, x, c->due, due, st), x += c->due + 1;
    ui_text(y, x, c->when, when, selected ? st : late ? STYLE_ERROR : STYLE_NORMAL);
    x += c->when + 1;
    ui_text(y, x, c->risk, r->has_last ? _(risk_label(r->last_risk)) : "",
            selected ? st : r->high_risk ? STYLE_ERROR : STYLE_NORMAL);
}

static void fl_draw(tui *t, const followups_view *d)
{
    ui_clear();
    tui_draw_title(t, _("Follow-ups due"));
    fl_cols c = fl_layout();
    int x = 1;
    ui_text(1, x, c.ref, _("Reference"), STYLE_HEADING), x += c.ref + 1;
    ui_text(1, x, c.name, _("Name"), STYLE_HEADING), x += c.name + 1;
    ui_text(1, x, c.number, _("No."), STYLE_HEADING), x += c.number + 1;
    ui_text(1, x, c.due, _("Due"), STYLE_HEADING), x += c.due + 1;
    ui_text(1, x, c.when, _("Time left"), STYLE_HEADING), x += c.when + 1;
    /* TRANSLATORS: a column: the risk the last follow-up found. */
    ui_text(1, x, c.risk, _("Risk"), STYLE_HEADING);
    if (!d->n)
        ui_text(3, 2, ui_cols() - 4, d->overdue_only ? _("No follow-up is overdue.")
                                                     : _("No follow-up is due."), STYLE_NOTICE);
    int page = fl_rows();
    bool high = false;
    for (size_t i = d->top; i < d->n && (int)(i - d->top) < page; i++) {
        fl_draw_row(2 + (int)(i - d->top), &c, &d->rows[i], d->today, i == d->sel);
        high |= d->rows[i].high_risk;
    }
    if (!t->message[0]) {
        char info[512];
        snprintf(info, sizeof info, _("Follow-ups: %zu"), d->n);
        size_t used = strlen(info);
        snprintf(info + used, sizeof info - used, " · %s%s%s",
                 d->overdue_only ? _("overdue only") : _("all due"), high ? " · " : "",
                 high ? _("! high risk of re-trafficking") : "");
        ui_text(ui_rows() - 2, 1, ui_cols() - 2, info, STYLE_NORMAL);
    }
    tui_draw_end(t, KEYS_FOLLOWUPS);
}

void screen_followups(tui *t)
{
    followups_view d;
    memset(&d, 0, sizeof d);
    while (!t->quit && t->st) {
        fl_load(t, &d);
        fl_draw(t, &d);
        key_action a = tui_list_key(t, KEYS_FOLLOWUPS, &d.sel, d.n, (size_t)fl_rows());
        if (a == ACT_BACK)
            break;
        switch (a) {
        case ACT_HELP: keys_show_help(_("Follow-ups due"), KEYS_FOLLOWUPS); break;
        case ACT_FILTER_OVERDUE: d.overdue_only = !d.overdue_only, d.sel = d.top = 0; break;
        case ACT_OPEN:
            if (d.sel < d.n) {
                char id[TC_ID_LEN];
                snprintf(id, sizeof id, "%s", d.rows[d.sel].case_id);
                screen_case_view_at(t, id, TAB_RETURN);
            }
            break;
        default:
            break;
        }
    }
    free(d.rows);
}
