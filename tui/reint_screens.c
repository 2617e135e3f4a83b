/* reint_screens.c - a case's reintegration plan on screen: made with a
 * start date when the case has none; its domains with goals, services and
 * the responsible agency; the follow-up schedule in B.E.; the follow-ups
 * recorded; the next one with the days left or overdue; closing the plan
 * with an outcome.  Recording a follow-up and the list of every follow-up
 * due are tui/followup_screens.c.
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
#include "i18n/thdate.h"
#include "tui/caseforms.h"
#include "tui/return_fmt.h"
#include "tui/return_screens.h"

#define DATE_HINT N_("Day/month/year, B.E. or C.E.")

static const char *const YES_NO[2] = { N_("No"), N_("Yes") };

/* ---- making the plan -------------------------------------------------------- */

static bool plan_make(tui *t, const char *case_id)
{
    form_field *fl = ret_fields_new(1);
    tc_reintegration *p = malloc(sizeof *p);
    followup_settings fs;
    if (!fl || !p) {
        ret_fields_free(fl, 1);
        free(p);
        return false;
    }
    if (store_followup_settings(t->st, &fs) != ST_OK)
        fs.schedule = followup_schedule_default();
    char intro[512], sched[128], today[THDATE_MAX];
    followup_schedule_text(&fs.schedule, sched, sizeof sched);
    snprintf(intro, sizeof intro, _("Follow-ups fall due %s after this date."), sched);
    form_field_init(fl, "start", N_("Start (the return date)"), DATE_HINT, FIELD_TEXT, 30, 90);
    ret_today_input(t, today, sizeof today);
    lineedit_set(&fl->edit, today);
    form f = { N_("New reintegration plan"), intro, fl, 1, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        caldate start;
        const char *why = ret_read_date_needed(&f, 0, &start);
        if (why) {
            ret_refuse(t, &f, why, "start");
            continue;
        }
        reint_init(p, start);
        snprintf(p->case_id, sizeof p->case_id, "%s", case_id);
        p->schedule.count = 0;          /* the store's setting */
        reint_check chk = { REINT_OK, NULL };
        store_status st = store_reintegration_add(t->st, p, &chk);
        saved = ret_saved(t, &f, st, reint_problem_text(chk.problem), "start");
    }
    if (saved)
        tui_say(t, STYLE_NOTICE, _("The reintegration plan is made: press e to fill in the domains."));
    ret_fields_free(fl, 1);
    free(p);
    return saved;
}

/* ---- one domain ---------------------------------------------------------------- */

enum { DF_INCLUDED, DF_GOALS, DF_SERVICES, DF_AGENCY, DF_COUNT };

static const char *domain_field(const char *field)
{
    const char *leaf = ret_field_leaf(field);
    if (!leaf || !strcmp(leaf, "domains"))
        return "included";
    return leaf;
}

/* Edit domain d of the plan.  True when saved. */
static bool domain_edit(tui *t, const tc_reintegration *plan, reint_domain d)
{
    form_field *fl = ret_fields_new(DF_COUNT);
    tc_reintegration *p = malloc(sizeof *p);
    ret_agency_choice *ag = calloc(1, sizeof *ag);
    if (!fl || !p || !ag) {
        ret_fields_free(fl, DF_COUNT);
        free(p), free(ag);
        return false;
    }
    const reint_domain_plan *now = &plan->domains[d];
    ret_choice_field(&fl[DF_INCLUDED], "included", N_("In the plan"), YES_NO, NULL, 2,
                     now->included ? 1 : 0);
    ret_text_field(&fl[DF_GOALS], "goals", N_("Goals"),
                   N_("What the person wants to reach here; required when in the plan."),
                   REINT_TEXT_MAX, now->goals);
    ret_text_field(&fl[DF_SERVICES], "services", N_("Services"),
                   N_("The services that help: training, a loan, counselling, a school place."),
                   REINT_TEXT_MAX, now->services);
    ret_agency_field(t, &fl[DF_AGENCY], ag, "agency", N_("Responsible agency"),
                     N_("Choose from the directory: choose it, then press Enter."),
                     now->agency_code);
    form f = { reint_domain_label(d), N_("Goals, services and the agency responsible."), fl,
               DF_COUNT, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        if (ret_agency_resolve(t, &fl[DF_AGENCY], ag, N_("Responsible agency")))
            continue;
        *p = *plan;
        reint_domain_plan *dp = &p->domains[d];
        dp->included = fl[DF_INCLUDED].choice == 1;
        ret_form_text(&f, DF_GOALS, dp->goals, sizeof dp->goals);
        ret_form_text(&f, DF_SERVICES, dp->services, sizeof dp->services);
        snprintf(dp->agency_code, sizeof dp->agency_code, "%s", ag->code);
        reint_check chk = { REINT_OK, NULL };
        store_status st = store_reintegration_save(t->st, p, &chk);
        saved = ret_saved(t, &f, st, reint_problem_text(chk.problem), domain_field(chk.field));
    }
    if (saved)
        tui_say(t, STYLE_NOTICE, _("The domain is saved."));
    ret_fields_free(fl, DF_COUNT);
    sodium_memzero(p, sizeof *p);
    free(p), free(ag);
    return saved;
}

typedef struct domain_pick {
    tui *t;
    const tc_reintegration *p;
} domain_pick;

static void domain_row(void *ctx, size_t i, char *text, size_t textsz, char *info, size_t infosz)
{
    const domain_pick *dp = ctx;
    const reint_domain_plan *d = &dp->p->domains[i];
    snprintf(text, textsz, "[%s] %s", d->included ? "x" : " ",
             _(reint_domain_label((reint_domain)i)));
    info[0] = '\0';
    if (d->agency_code[0])
        ret_agency_name(dp->t, d->agency_code, info, infosz);
}

/* e: choose a domain, edit it, and again, until Esc. */
static void domains_edit(tui *t, const char *case_id)
{
    tc_reintegration *p = malloc(sizeof *p);
    size_t sel = 0;
    while (p && !t->quit && t->st) {
        store_status st = store_reintegration_get(t->st, case_id, p);
        if (st != ST_OK) {
            tui_say(t, STYLE_ERROR, _(store_status_text(st)));
            break;
        }
        if (p->closed) {
            tui_say(t, STYLE_ERROR, _(reint_problem_text(REINT_PLAN_CLOSED)));
            break;
        }
        domain_pick ctx = { t, p };
        long pick = tui_pick(t, N_("Reintegration plan"),
                             N_("Which domain? [x] is in the plan."), REINT_DOMAIN_COUNT, sel,
                             domain_row, &ctx);
        if (pick < 0 || !t->st)
            break;
        sel = (size_t)pick;
        domain_edit(t, p, (reint_domain)pick);
    }
    if (p)
        sodium_memzero(p, sizeof *p);
    free(p);
}

/* ---- closing ----------------------------------------------------------------------- */

enum { CF_OUTCOME, CF_ON, CF_NOTE, CF_COUNT };

static void plan_close(tui *t, const tc_reintegration *plan)
{
    if (plan->closed) {
        tui_say(t, STYLE_ERROR, _(reint_problem_text(REINT_PLAN_CLOSED)));
        return;
    }
    form_field *fl = ret_fields_new(CF_COUNT);
    if (!fl)
        return;
    const char *outcomes[REINT_OUTCOME_COUNT];
    for (int i = 0; i < REINT_OUTCOME_COUNT; i++)
        outcomes[i] = reint_outcome_label((reint_outcome)i);
    char today[THDATE_MAX];
    ret_choice_field(&fl[CF_OUTCOME], "outcome", N_("Outcome of the plan"), outcomes, NULL,
                     REINT_OUTCOME_COUNT, 0);
    ret_today_input(t, today, sizeof today);
    ret_text_field(&fl[CF_ON], "closed_on", N_("Closed on"), DATE_HINT, 90, today);
    ret_text_field(&fl[CF_NOTE], "outcome_note", N_("Note"),
                   N_("Required for another outcome: what happened."), REINT_TEXT_MAX, "");
    form f = { N_("Close the reintegration plan"),
               N_("No more follow-ups fall due; the high-risk mark is lowered."), fl, CF_COUNT,
               0, 0 };
    bool saved = false;
    while (!saved && !t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        caldate on;
        const char *why = ret_read_date_needed(&f, CF_ON, &on);
        if (why) {
            ret_refuse(t, &f, why, "closed_on");
            continue;
        }
        char note[REINT_TEXT_MAX + 1];
        ret_form_text(&f, CF_NOTE, note, sizeof note);
        reint_check chk = { REINT_OK, NULL };
        store_status st = store_reintegration_close(t->st, plan->case_id,
                                                    (reint_outcome)fl[CF_OUTCOME].choice, on,
                                                    note, &chk);
        saved = ret_saved(t, &f, st, reint_problem_text(chk.problem), chk.field);
    }
    if (saved)
        tui_say(t, STYLE_NOTICE, _("The reintegration plan is closed."));
    ret_fields_free(fl, CF_COUNT);
}

/* ---- the plan on screen ------------------------------------------------------------ */

typedef struct reint_view {
    tui *t;
    char case_id[TC_ID_LEN];
    char head[512];
    tc_reintegration p;
    tc_followup *followups;
    size_t n_followups;
    view_lines lines;
    int top;
} reint_view;

static void state_lines(reint_view *v, view_lines *L)
{
    const tc_reintegration *p = &v->p;
    bool thai = i18n_is_thai();
    caldate today = app_today(&v->t->opt->clock);
    char buf[1024], date[THDATE_MAX];
    thdate_format(p->start, thai, date, sizeof date);
    snprintf(buf, sizeof buf, _("from %s"), date);
    view_add(L, _("Reintegration plan"), buf, STYLE_HEADING, -1);
    if (p->closed) {
        thdate_format(p->closed_on, thai, date, sizeof date);
        snprintf(buf, sizeof buf, "%s · %s", date, _(reint_outcome_label(p->outcome)));
        view_add_wrapped(L, _("Plan closed"), buf, STYLE_NOTICE, -1);
        if (p->outcome_note[0])
            view_add_wrapped(L, "", p->outcome_note, STYLE_NORMAL, -1);
    } else if (p->next_known) {
        bool late = followup_due_text(p->next_due, today, thai, buf, sizeof buf);
        view_add(L, _("Next follow-up"), buf, late ? STYLE_ERROR : STYLE_NORMAL, -1);
    } else {
        view_add(L, _("Next follow-up"), _("none planned"), STYLE_NOTICE, -1);
    }
    if (p->high_risk)
        view_add_wrapped(L, _("Re-trafficking risk"),
                         _("HIGH at the last follow-up: a new screening is advised."),
                         STYLE_ERROR, -1);
}

static void domain_lines(reint_view *v, view_lines *L)
{
    const tc_reintegration *p = &v->p;
    char buf[REINT_TEXT_MAX + 256], left[1024] = "";
    size_t used = 0;
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Domains"), _("e edits"), STYLE_HEADING, -1);
    bool any = false;
    for (int d = 0; d < REINT_DOMAIN_COUNT; d++) {
        const reint_domain_plan *dp = &p->domains[d];
        const char *name = _(reint_domain_label((reint_domain)d));
        if (!dp->included) {
            if (used < sizeof left)
                used += (size_t)snprintf(left + used, sizeof left - used, "%s%s",
                                         used ? ", " : "", name);
            continue;
        }
        any = true;
        view_add_wrapped(L, name, dp->goals, STYLE_NORMAL, -1);
        if (dp->services[0]) {
            snprintf(buf, sizeof buf, "%s: %s", _("Services"), dp->services);
            view_add_wrapped(L, "", buf, STYLE_NORMAL, -1);
        }
        if (dp->agency_code[0]) {
            char agency[512];
            ret_agency_name(v->t, dp->agency_code, agency, sizeof agency);
            snprintf(buf, sizeof buf, "%s: %s", _("Responsible agency"), agency);
            view_add_wrapped(L, "", buf, STYLE_NORMAL, -1);
        }
    }
    if (!any)
        view_add_wrapped(L, "", _("No domain yet: press e to add goals, services and the agency."),
                         STYLE_NOTICE, -1);
    else if (left[0])
        view_add_wrapped(L, _("Not in the plan"), left, STYLE_NORMAL, -1);
}

/* Each slot of the schedule with its date; the ones recorded marked. */
static void schedule_lines(reint_view *v, view_lines *L)
{
    const tc_reintegration *p = &v->p;
    bool thai = i18n_is_thai();
    caldate today = app_today(&v->t->opt->clock);
    char months[128];
    followup_schedule_text(&p->schedule, months, sizeof months);
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Schedule"), months, STYLE_HEADING, -1);
    for (size_t k = 0; k < p->schedule.count && k < REINT_MONTHS_MAX; k++) {
        caldate due = reint_scheduled_date(p->start, p->schedule.months[k]);
        char label[128], buf[256], date[THDATE_MAX], when[128];
        snprintf(label, sizeof label, _("Follow-up %zu"), k + 1);
        thdate_format(due, thai, date, sizeof date);
        bool done = k < p->followups_done;
        bool late = false;
        if (done)
            snprintf(when, sizeof when, "%s", _("recorded"));
        else if (p->closed)
            snprintf(when, sizeof when, "%s", _("not needed: the plan is closed"));
        else
            late = followup_when_text(due, today, when, sizeof when);
        snprintf(buf, sizeof buf, "%s %s · %s", done ? "[x]" : "[ ]", date, when);
        view_add(L, label, buf, late ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
}

static void followup_lines(reint_view *v, view_lines *L)
{
    bool thai = i18n_is_thai();
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Follow-ups"), v->n_followups ? "" : _("none recorded yet"), STYLE_HEADING, -1);
    for (size_t i = 0; i < v->n_followups; i++) {
        const tc_followup *f = &v->followups[i];
        char date[THDATE_MAX], buf[1024];
        thdate_format(f->on, thai, date, sizeof date);
        snprintf(buf, sizeof buf, "%s · %s: %s%s%s", _(followup_method_label(f->method)),
                 _("risk"), _(risk_label(f->risk)), f->entry_withdrawn ? " · " : "",
                 f->entry_withdrawn ? _("(entry withdrawn as wrong)") : "");
        view_add(L, date, buf,
                 f->entry_withdrawn ? STYLE_NOTICE
                                    : f->risk == RISK_HIGH ? STYLE_ERROR : STYLE_NORMAL, -1);
        if (f->by_agency[0]) {
            char agency[512];
            ret_agency_name(v->t, f->by_agency, agency, sizeof agency);
            view_add(L, "", agency, STYLE_NORMAL, -1);
        }
        if (f->findings[0])
            view_add_wrapped(L, "", f->findings, STYLE_NORMAL, -1);
    }
}

/* False when the plan cannot be read; *none when the case has none. */
static bool reint_read(reint_view *v, bool *none)
{
    *none = false;
    free(v->followups);
    v->followups = NULL, v->n_followups = 0;
    store_status st = store_reintegration_get(v->t->st, v->case_id, &v->p);
    if (st == ST_NOT_FOUND) {
        *none = true;
        return true;
    }
    if (st != ST_OK) {
        tui_say(v->t, STYLE_ERROR, _(store_status_text(st)));
        return false;
    }
    if (store_followup_list_case(v->t->st, v->case_id, &v->followups, &v->n_followups) != ST_OK)
        v->followups = NULL, v->n_followups = 0;
    return true;
}

static void reint_draw(reint_view *v)
{
    v->lines.n = 0;
    state_lines(v, &v->lines);
    domain_lines(v, &v->lines);
    schedule_lines(v, &v->lines);
    followup_lines(v, &v->lines);
    ret_view_draw(v->t, _("Reintegration plan"), v->head, &v->lines, &v->top, -1,
                  KEYS_REINTEGRATION);
}

/* One key; false to leave. */
static bool reint_act(reint_view *v, key_action a)
{
    tui *t = v->t;
    if (tui_scroll_move(a, &v->top, v->lines.n, ret_view_rows()))
        return true;
    switch (a) {
    case ACT_BACK: return false;
    case ACT_HELP: keys_show_help(_("Reintegration plan"), KEYS_REINTEGRATION); break;
    case ACT_EDIT: domains_edit(t, v->case_id); break;
    case ACT_FOLLOWUP: screen_followup_add(t, v->case_id); break;
    case ACT_CLOSE_PLAN: plan_close(t, &v->p); break;
    default: break;
    }
    return true;
}

void screen_reintegration(tui *t, const char *case_id)
{
    reint_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->t = t;
    snprintf(v->case_id, sizeof v->case_id, "%s", case_id);
    if (ret_case_head(t, case_id, v->head, sizeof v->head, NULL)) {
        while (!t->quit && t->st) {
            bool none = false;
            if (!reint_read(v, &none))
                break;
            if (none) {
                if (!plan_make(t, case_id))
                    break;
                continue;
            }
            reint_draw(v);
            key_action a = tui_command_key(t, KEYS_REINTEGRATION);
            if (t->quit || !t->st || !reint_act(v, a))
                break;
        }
    }
    free(v->followups);
    free(v->lines.v);
    sodium_memzero(v, sizeof *v);
    free(v);
}

