/* return_screens.c - a case's repatriation plan on screen: made with a
 * form when the case has none, then the plan with its step checklist
 * (dates in B.E. in Thai), where the officer edits the plan, changes a
 * step, records the handover and marks the person returned, suspends,
 * resumes or cancels it.
 *
 * The rules are core's (core/repatriation.h) and the store applies them
 * (db/returns.h): this file asks for what a refusal names (a reason, the
 * handover's receiving agency) and says the refusal in the officer's
 * language with the focus on the field named, keeping everything typed.
 * Marking the person returned while required steps are open lists them
 * first and then asks for the officer's reason. */
#include "config.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/geo.h"
#include "db/record.h"
#include "db/returns.h"
#include "i18n/i18n.h"
#include "i18n/thdate.h"
#include "tui/caseforms.h"
#include "tui/caseinput.h"
#include "tui/return_fmt.h"
#include "tui/return_screens.h"
#include "tui/timeinput.h"

#define DATE_HINT N_("Day/month/year, B.E. or C.E. Leave empty if unknown.")
#define NOT_RECORDED N_("(not recorded)")

static const char *const YES_NO[2] = { N_("No"), N_("Yes") };

typedef struct repat_view {
    tui *t;
    char case_id[TC_ID_LEN];
    char head[512];
    bool child;
    char first_nationality[3];
    tc_repatriation p;              /* as stored */
    store_code_list points;         /* the handover points */
    view_lines lines;
    int top, sel;                   /* sel: the chosen step */
} repat_view;

/* ---- the plan's form ---------------------------------------------------- */

enum { PF_DIRECTION, PF_COUNTRY, PF_HOMETOWN, PF_WISH, PF_CONSENT, PF_CONSENT_ON,
       PF_CONSENT_BY, PF_LEGAL, PF_WITNESS, PF_COMPENSATION, PF_POINT, PF_PLANNED, PF_COUNT };

typedef struct plan_form {
    form f;
    form_field *fl;
    const char *directions[REPAT_DIRECTION_COUNT];
    const char *wishes[REPAT_WISH_COUNT];
    const char **points_en, **points_th;
} plan_form;

static void plan_form_free(plan_form *x)
{
    ret_fields_free(x->fl, PF_COUNT);
    free(x->points_en);
    free(x->points_th);
}

/* The handover points as choices, "(not recorded)" first. */
static bool point_choices(plan_form *x, tc_code_list list, const char *now, int *choice)
{
    x->points_en = calloc(list.count + 1, sizeof *x->points_en);
    x->points_th = calloc(list.count + 1, sizeof *x->points_th);
    if (!x->points_en || !x->points_th)
        return false;
    x->points_en[0] = NOT_RECORDED;
    *choice = 0;
    for (size_t i = 0; i < list.count; i++) {
        x->points_en[i + 1] = list.rows[i].label;
        x->points_th[i + 1] = list.rows[i].label_th;
        if (!strcmp(list.rows[i].code, now))
            *choice = (int)i + 1;
    }
    return true;
}

static void country_input(const char *code, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s", return_country_name(code));
}

static bool plan_form_build(repat_view *v, plan_form *x, const tc_repatriation *p, bool is_new)
{
    memset(x, 0, sizeof *x);
    x->fl = ret_fields_new(PF_COUNT);
    int point = 0;
    if (!x->fl || !point_choices(x, v->points.list, p->handover_point, &point))
        return false;
    form_field *fl = x->fl;
    char buf[REPAT_TEXT_MAX + 64];
    for (int i = 0; i < REPAT_DIRECTION_COUNT; i++)
        x->directions[i] = repat_direction_label((repat_direction)i);
    ret_choice_field(&fl[PF_DIRECTION], "direction", N_("Direction"), x->directions,
                     NULL, REPAT_DIRECTION_COUNT, (int)p->direction);
    country_input(p->country, buf, sizeof buf);
    ret_text_field(&fl[PF_COUNTRY], "country", N_("Country"),
                   N_("Country code or name, e.g. MM or Myanmar; TH for a Thai coming home."),
                   120, buf);
    ret_text_field(&fl[PF_HOMETOWN], "hometown", N_("Hometown"),
                   N_("The province, district or village the person goes back to."),
                   REPAT_TEXT_MAX, p->hometown);
    for (int i = 0; i < REPAT_WISH_COUNT; i++)
        x->wishes[i] = repat_wish_label((repat_wish)i);
    ret_choice_field(&fl[PF_WISH], "wish", N_("The person's wish"), x->wishes, NULL,
                     REPAT_WISH_COUNT, (int)p->wish);
    ret_choice_field(&fl[PF_CONSENT], "consent_given", N_("Consent to return"), YES_NO, NULL, 2,
                     p->consent_given ? 1 : 0);
    fl[PF_CONSENT].hint = N_("Informed consent, given freely after the plan was explained.");
    ret_date_field(&fl[PF_CONSENT_ON], "consent_on", N_("Consent given on"), DATE_HINT,
                   p->consent_known, p->consent_on);
    ret_text_field(&fl[PF_CONSENT_BY], "consent_by", N_("Consent given by"),
                   N_("Empty when the person gave it; for a child, the guardian's name."),
                   REPAT_TEXT_MAX, p->consent_by);
    ret_choice_field(&fl[PF_LEGAL], "legal_pending", N_("Legal proceedings pending"), YES_NO,
                     NULL, 2, p->legal_pending ? 1 : 0);
    ret_choice_field(&fl[PF_WITNESS], "witness_needed", N_("Needed as a witness"), YES_NO, NULL,
                     2, p->witness_needed ? 1 : 0);
    ret_choice_field(&fl[PF_COMPENSATION], "compensation_claim", N_("Compensation claim"),
                     YES_NO, NULL, 2, p->compensation_claim ? 1 : 0);
    ret_choice_field(&fl[PF_POINT], "handover_point", N_("Handover point"), x->points_en,
                     x->points_th, (int)v->points.list.count + 1, point);
    ret_date_field(&fl[PF_PLANNED], "planned_on", N_("Planned date"), DATE_HINT,
                   p->planned_known, p->planned_on);
    x->f = (form){ is_new ? N_("New repatriation plan") : N_("Edit the repatriation plan"),
                   N_("Where the person goes, their wish and consent, and the handover."),
                   x->fl, PF_COUNT, 0, 0 };
    return true;
}

static const char *read_country(const char *text, repat_direction dir, char code[3])
{
    code[0] = '\0';
    if (!text[0]) {
        /* A Thai coming home goes to Thailand: no need to type it. */
        if (dir == REPAT_INBOUND)
            snprintf(code, 3, "%s", "TH");
        return NULL;
    }
    const geo_entry *g = geo_country_lookup(text);
    if (!g)
        return N_("Unknown country: use a country code such as MM or a country name.");
    snprintf(code, 3, "%s", g->code);
    return NULL;
}

/* What the form holds, into p (its steps and state untouched). */
static const char *plan_read(const repat_view *v, const plan_form *x, tc_repatriation *p,
                             const char **fieldp)
{
    const form *f = &x->f;
    const form_field *fl = x->fl;
    char buf[4 * REPAT_TEXT_MAX + 8];
    p->direction = (repat_direction)fl[PF_DIRECTION].choice;
    ret_form_text(f, PF_COUNTRY, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "country", read_country(buf, p->direction, p->country));
    ret_form_text(f, PF_HOMETOWN, p->hometown, sizeof p->hometown);
    p->wish = (repat_wish)fl[PF_WISH].choice;
    p->consent_given = fl[PF_CONSENT].choice == 1;
    form_get(f, PF_CONSENT_ON, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "consent_on", form_read_date(buf, &p->consent_known, &p->consent_on));
    ret_form_text(f, PF_CONSENT_BY, p->consent_by, sizeof p->consent_by);
    p->legal_pending = fl[PF_LEGAL].choice == 1;
    p->witness_needed = fl[PF_WITNESS].choice == 1;
    p->compensation_claim = fl[PF_COMPENSATION].choice == 1;
    int point = fl[PF_POINT].choice;
    snprintf(p->handover_point, sizeof p->handover_point, "%s",
             point > 0 && (size_t)point <= v->points.list.count
                 ? v->points.list.rows[point - 1].code : "");
    form_get(f, PF_PLANNED, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "planned_on", form_read_date(buf, &p->planned_known, &p->planned_on));
    return NULL;
}

/* Make the plan (old NULL) or save its new content.  True when saved. */
static bool plan_edit(repat_view *v, const tc_repatriation *old)
{
    tui *t = v->t;
    tc_repatriation *p = malloc(sizeof *p), *blank = malloc(sizeof *blank);
    plan_form x;
    memset(&x, 0, sizeof x);
    bool saved = false;
    if (!p || !blank) {
        free(p), free(blank);
        return false;
    }
    if (!old) {
        repat_init(blank);
        snprintf(blank->case_id, sizeof blank->case_id, "%s", v->case_id);
        /* Home is most often the person's first nationality. */
        if (strcmp(v->first_nationality, "TH"))
            snprintf(blank->country, sizeof blank->country, "%s", v->first_nationality);
    }
    const tc_repatriation *from = old ? old : blank;
    if (!plan_form_build(v, &x, from, !old)) {
        tui_say(t, STYLE_ERROR, _(store_status_text(ST_NOMEM)));
    } else {
        while (!saved && !t->quit && form_run(t, &x.f) == ACT_SAVE && !t->quit && t->st) {
            *p = *from;
            const char *field = NULL;
            const char *why = plan_read(v, &x, p, &field);
            if (why) {
                ret_refuse(t, &x.f, why, field);
                continue;
            }
            repat_check chk = { REPAT_OK, NULL };
            store_status st = old ? store_repatriation_save(t->st, p, &chk)
                                  : store_repatriation_add(t->st, p, &chk);
            saved = ret_saved(t, &x.f, st, repat_problem_text(chk.problem),
                              ret_field_leaf(chk.field));
        }
    }
    if (saved)
        tui_say(t, STYLE_NOTICE, old ? _("The repatriation plan is saved.")
                                     : _("The repatriation plan is made."));
    plan_form_free(&x);
    sodium_memzero(p, sizeof *p);
    free(p), free(blank);
    return saved;
}

/* ---- one step --------------------------------------------------------------- */

enum { SF_STATE, SF_REQUESTED, SF_DONE, SF_COUNTERPART, SF_NOTE, SF_COUNT };

/* Today stands in for the date a state change implies when none is typed. */
static void step_default_dates(repat_step *s, caldate today)
{
    if (s->state == REPAT_STEP_REQUESTED && !s->requested_known)
        s->requested_on = today, s->requested_known = true;
    if ((s->state == REPAT_STEP_DONE || s->state == REPAT_STEP_NOT_NEEDED) && !s->done_known)
        s->done_on = today, s->done_known = true;
}

static const char *step_read(const form *f, repat_step *s, const char **fieldp)
{
    char buf[4 * THDATE_MAX];
    s->state = (repat_step_state)f->fields[SF_STATE].choice;
    form_get(f, SF_REQUESTED, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "requested_on",
                   form_read_date(buf, &s->requested_known, &s->requested_on));
    form_get(f, SF_DONE, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "done_on", form_read_date(buf, &s->done_known, &s->done_on));
    ret_form_text(f, SF_COUNTERPART, s->counterpart, sizeof s->counterpart);
    ret_form_text(f, SF_NOTE, s->note, sizeof s->note);
    return NULL;
}

static void step_edit(repat_view *v)
{
    tui *t = v->t;
    if (v->sel < 0 || v->sel >= REPAT_STEP_COUNT)
        return;
    repat_step_kind k = (repat_step_kind)v->sel;
    const repat_step *now = &v->p.steps[k];
    form_field *fl = ret_fields_new(SF_COUNT);
    tc_repatriation *p = malloc(sizeof *p);
    if (!fl || !p) {
        ret_fields_free(fl, SF_COUNT);
        free(p);
        return;
    }
    const char *states[REPAT_STEP_STATE_COUNT];
    for (int i = 0; i < REPAT_STEP_STATE_COUNT; i++)
        states[i] = repat_step_state_label((repat_step_state)i);
    ret_choice_field(&fl[SF_STATE], "state", N_("State"), states, NULL, REPAT_STEP_STATE_COUNT,
                     (int)now->state);
    ret_date_field(&fl[SF_REQUESTED], "requested_on", N_("Requested on"),
                   N_("When it was asked of the counterpart; empty: today, once requested."),
                   now->requested_known, now->requested_on);
    ret_date_field(&fl[SF_DONE], "done_on", N_("Done on"),
                   N_("When it was done or found not needed; empty: today."), now->done_known,
                   now->done_on);
    ret_text_field(&fl[SF_COUNTERPART], "counterpart", N_("Counterpart agency"),
                   N_("The agency that answers, e.g. the embassy or the social welfare office."),
                   REPAT_TEXT_MAX, now->counterpart);
    ret_text_field(&fl[SF_NOTE], "note", N_("Note"),
                   N_("What was found; required when the step is not needed: why."),
                   REPAT_NOTE_MAX, now->note);
    bool required = repat_step_required(&v->p, k, v->child);
    form f = { repat_step_label(k),
               required ? N_("A required step: the return waits for it, or for a reason.")
                        : N_("Not required for this plan."),
               fl, SF_COUNT, 0, 0 };
    bool saved = false;
    caldate today = app_today(&t->opt->clock);
    while (!saved && !t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        *p = v->p;
        const char *field = NULL;
        const char *why = step_read(&f, &p->steps[k], &field);
        if (why) {
            ret_refuse(t, &f, why, field);
            continue;
        }
        step_default_dates(&p->steps[k], today);
        repat_check chk = { REPAT_OK, NULL };
        store_status st = store_repatriation_save(t->st, p, &chk);
        saved = ret_saved(t, &f, st, repat_problem_text(chk.problem), ret_field_leaf(chk.field));
    }
    if (saved) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: %s", _(repat_step_label(k)),
                 _(repat_step_state_label(p->steps[k].state)));
        tui_say(t, STYLE_NOTICE, msg);
    }
    ret_fields_free(fl, SF_COUNT);
    sodium_memzero(p, sizeof *p);
    free(p);
}

/* ---- state changes ------------------------------------------------------------ */

/* Say what a change came to; true when it was made. */
static bool change_said(tui *t, form *f, store_status st, repat_change_problem change,
                        const repat_check *chk)
{
    if (st == ST_INVALID && change != REPAT_CHANGE_OK) {
        const char *field = NULL;
        if (change == REPAT_CHANGE_REASON_MISSING || change == REPAT_CHANGE_REASON_BAD ||
            change == REPAT_CHANGE_STEPS_OPEN)
            field = "reason";
        ret_refuse(t, f, repat_change_problem_text(change), field);
        return false;
    }
    return ret_saved(t, f, st, repat_problem_text(chk->problem), ret_field_leaf(chk->field));
}

/* Suspend or cancel (a reason), or resume. */
static void change_with_reason(repat_view *v, repat_state to)
{
    tui *t = v->t;
    repat_change_problem pre = repat_change_check(&v->p, to, "-", v->child);
    if (pre == REPAT_CHANGE_FINAL || pre == REPAT_CHANGE_SAME || pre == REPAT_CHANGE_REFUSED) {
        tui_say(t, STYLE_ERROR, _(repat_change_problem_text(pre)));
        return;
    }
    form_field *fl = ret_fields_new(1);
    tc_repatriation *p = malloc(sizeof *p);
    if (!fl || !p) {
        ret_fields_free(fl, 1);
        free(p);
        return;
    }
    bool resume = to == REPAT_PLANNING;
    ret_text_field(fl, "reason", resume ? N_("Note") : N_("Reason"),
                   resume ? N_("Optional: why the plan goes on.")
                          : N_("Required: kept with the plan and in the audit trail."),
                   REPAT_REASON_MAX, "");
    form f = { to == REPAT_SUSPENDED ? N_("Suspend the plan")
               : to == REPAT_CANCELLED ? N_("Cancel the plan") : N_("Resume the plan"),
               to == REPAT_CANCELLED ? N_("A cancelled plan is final: a new return needs a new plan.")
                                     : N_("The steps and dates stay as they are."),
               fl, 1, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        char reason[REPAT_REASON_MAX + 1];
        ret_form_text(&f, 0, reason, sizeof reason);
        *p = v->p;
        repat_check chk = { REPAT_OK, NULL };
        repat_change_problem change = REPAT_CHANGE_OK;
        store_status st = store_repatriation_change_state(t->st, p, to, reason[0] ? reason : NULL,
                                                          &chk, &change);
        saved = change_said(t, &f, st, change, &chk);
    }
    if (saved)
        tui_say(t, STYLE_NOTICE, to == REPAT_SUSPENDED ? _("The plan is suspended.")
                                 : to == REPAT_CANCELLED ? _("The plan is cancelled.")
                                                         : _("The plan is resumed."));
    ret_fields_free(fl, 1);
    sodium_memzero(p, sizeof *p);
    free(p);
}

/* ---- the handover ----------------------------------------------------------------- */

enum { HF_AT, HF_AGENCY, HF_PERSON, HF_RECORD, HF_REASON, HF_COUNT };

/* The required steps still open, one a line, and the question whether to
 * go on with a reason.  True to go on. */
static bool open_steps_confirm(repat_view *v, const repat_step_kind *open, size_t n)
{
    char text[REPAT_STEP_COUNT + 2][1024];
    const char *lines[REPAT_STEP_COUNT + 2];
    size_t k = 0;
    snprintf(text[k], sizeof text[k], "%s", _("These required steps are still open:"));
    lines[k] = text[k], k++;
    for (size_t i = 0; i < n && k < REPAT_STEP_COUNT + 2; i++, k++) {
        snprintf(text[k], sizeof text[k], "  [ ] %s", _(repat_step_label(open[i])));
        lines[k] = text[k];
    }
    return ret_confirm(v->t, N_("Handover"), lines, k, STYLE_ERROR,
                       N_("Mark the person returned all the same? You will give the reason."));
}

static const char *handover_read(tui *t, const form *f, tc_repatriation *p, char *reason,
                                 size_t reasonsz, const char **fieldp)
{
    char buf[4 * MOMENT_TEXT_MAX];
    form_get(f, HF_AT, buf, sizeof buf);
    int64_t at = 0;
    READ_OR_RETURN(fieldp, "handed_over_at", moment_parse(buf, t->opt->clock.utc_offset, &at));
    p->handed_over_known = true;
    p->handed_over_at = at;
    ret_form_text(f, HF_AGENCY, p->receiving_agency, sizeof p->receiving_agency);
    ret_form_text(f, HF_PERSON, p->receiving_person, sizeof p->receiving_person);
    ret_form_text(f, HF_RECORD, p->handover_record, sizeof p->handover_record);
    reason[0] = '\0';
    if (f->n > HF_REASON)
        ret_form_text(f, HF_REASON, reason, reasonsz);
    return NULL;
}

/* The field a refusal of the handover points at. */
static const char *handover_field(repat_change_problem change, const tc_repatriation *p)
{
    if (change != REPAT_CHANGE_NO_HANDOVER)
        return NULL;
    if (!p->receiving_agency[0])
        return "receiving_agency";
    if (!p->receiving_person[0])
        return "receiving_person";
    return "handed_over_at";
}

static void handover_build(repat_view *v, form *f, form_field *fl, bool ask_reason)
{
    tui *t = v->t;
    const tc_repatriation *p = &v->p;
    char now[MOMENT_TEXT_MAX];
    form_field_init(&fl[HF_AT], "handed_over_at", N_("Handed over at"),
                    N_("Day/month/year and time, e.g. 21/11/2569 14:30."), FIELD_TEXT, 40, 160);
    moment_format_input(p->handed_over_known ? p->handed_over_at : tc_now(&t->opt->clock),
                        t->opt->clock.utc_offset, now, sizeof now);
    lineedit_set(&fl[HF_AT].edit, now);
    ret_text_field(&fl[HF_AGENCY], "receiving_agency", N_("Receiving agency"),
                   N_("The agency that received the person, e.g. the counterpart's social welfare office."),
                   REPAT_TEXT_MAX, p->receiving_agency);
    ret_text_field(&fl[HF_PERSON], "receiving_person", N_("Receiving person"),
                   N_("The name and position of the officer who received the person."),
                   REPAT_TEXT_MAX, p->receiving_person);
    ret_text_field(&fl[HF_RECORD], "handover_record", N_("Handover record"),
                   N_("What happened and what was handed over: documents, belongings, escort."),
                   REPAT_NOTE_MAX, p->handover_record);
    ret_text_field(&fl[HF_REASON], "reason", N_("Reason for the open steps"),
                   N_("Required: why the person returns before the required steps are closed."),
                   REPAT_REASON_MAX, "");
    *f = (form){ N_("Handover"),
                 ask_reason ? N_("Required steps are open: say why the return goes ahead.")
                            : N_("The handover is recorded and the person is marked returned."),
                 fl, ask_reason ? HF_COUNT : HF_REASON, 0, 0 };
}

/* After the return: the reintegration plan the store made, when it did. */
static void returned_said(repat_view *v)
{
    tui *t = v->t;
    tc_reintegration *r = malloc(sizeof *r);
    char msg[512];
    snprintf(msg, sizeof msg, "%s", _("The person is returned: the handover is recorded."));
    if (r && store_reintegration_get(t->st, v->case_id, r) == ST_OK && r->next_known) {
        char date[THDATE_MAX];
        thdate_format(r->next_due, i18n_is_thai(), date, sizeof date);
        size_t used = strlen(msg);
        snprintf(msg + used, sizeof msg - used, " ");
        used = strlen(msg);
        snprintf(msg + used, sizeof msg - used, _("First follow-up: %s."), date);
    }
    free(r);
    tui_say(t, STYLE_NOTICE, msg);
}

static void handover(repat_view *v)
{
    tui *t = v->t;
    if (v->p.state != REPAT_PLANNING) {
        repat_change_problem pre = repat_change_check(&v->p, REPAT_RETURNED, "-", v->child);
        tui_say(t, STYLE_ERROR, _(repat_change_problem_text(pre != REPAT_CHANGE_OK
                                                                ? pre : REPAT_CHANGE_REFUSED)));
        return;
    }
    /* Core checks consent first: ask it before the officer types the whole
     * handover, which would be refused without it. */
    if (repat_change_check(&v->p, REPAT_RETURNED, "-", v->child) == REPAT_CHANGE_NO_CONSENT) {
        tui_say(t, STYLE_ERROR, _(repat_change_problem_text(REPAT_CHANGE_NO_CONSENT)));
        return;
    }
    repat_step_kind open[REPAT_STEP_COUNT];
    size_t n_open = repat_open_required(&v->p, v->child, open);
    if (n_open && !open_steps_confirm(v, open, n_open))
        return;
    form_field *fl = ret_fields_new(HF_COUNT);
    tc_repatriation *p = malloc(sizeof *p);
    if (!fl || !p) {
        ret_fields_free(fl, HF_COUNT);
        free(p);
        return;
    }
    form f;
    handover_build(v, &f, fl, n_open > 0);
    bool saved = false;
    while (!saved && !t->quit && form_run(t, &f) == ACT_SAVE && !t->quit && t->st) {
        char reason[4 * REPAT_REASON_MAX + 8];
        *p = v->p;
        const char *field = NULL;
        const char *why = handover_read(t, &f, p, reason, sizeof reason, &field);
        if (why) {
            ret_refuse(t, &f, why, field);
            continue;
        }
        repat_check chk = { REPAT_OK, NULL };
        repat_change_problem change = REPAT_CHANGE_OK;
        store_status st = store_repatriation_change_state(t->st, p, REPAT_RETURNED,
                                                          reason[0] ? reason : NULL, &chk,
                                                          &change);
        if (st == ST_INVALID && change == REPAT_CHANGE_STEPS_OPEN && f.n <= HF_REASON)
            f.n = HF_COUNT;     /* a step was reopened meanwhile: ask why now */
        saved = change_said(t, &f, st, change, &chk);
        if (!saved && change == REPAT_CHANGE_NO_HANDOVER)
            form_focus(&f, handover_field(change, p));
        sodium_memzero(reason, sizeof reason);
    }
    if (saved)
        returned_said(v);
    ret_fields_free(fl, HF_COUNT);
    sodium_memzero(p, sizeof *p);
    free(p);
}

/* ---- the plan on screen ------------------------------------------------------------- */

static void consent_text(const tc_repatriation *p, char *out, size_t outsz)
{
    char date[THDATE_MAX];
    return_date_text(p->consent_known, p->consent_on, i18n_is_thai(), date, sizeof date);
    const char *by = p->consent_by[0] ? p->consent_by : _("the person");
    if (!p->consent_given)
        snprintf(out, outsz, "%s · %s", _(repat_wish_label(p->wish)), _("no consent to return yet"));
    else
        snprintf(out, outsz, _("%s · consent given %s by %s"), _(repat_wish_label(p->wish)),
                 date[0] ? date : "?", by);
}

static void legal_text(const tc_repatriation *p, char *out, size_t outsz)
{
    out[0] = '\0';
    if (p->legal_pending)
        text_join(out, outsz, " · ", _("proceedings pending"));
    if (p->witness_needed)
        text_join(out, outsz, " · ", _("witness needed"));
    if (p->compensation_claim)
        text_join(out, outsz, " · ", _("compensation claim"));
    if (!out[0])
        snprintf(out, outsz, "%s", _("none pending"));
}

static void header_lines(repat_view *v, view_lines *L)
{
    const tc_repatriation *p = &v->p;
    char buf[2048], date[THDATE_MAX];
    bool thai = i18n_is_thai();
    view_add(L, _("State"), _(repat_state_label(p->state)), STYLE_HEADING, -1);
    repat_destination_text(p, buf, sizeof buf);
    view_add_wrapped(L, _("Destination"), buf, STYLE_NORMAL, -1);
    consent_text(p, buf, sizeof buf);
    view_add_wrapped(L, _("Wish and consent"), buf, p->consent_given ? STYLE_NORMAL : STYLE_ERROR,
                     -1);
    legal_text(p, buf, sizeof buf);
    view_add(L, _("Legal proceedings"), buf, STYLE_NORMAL, -1);
    return_date_text(p->planned_known, p->planned_on, thai, date, sizeof date);
    const char *point = p->handover_point[0]
                            ? code_list_text(v->points.list, p->handover_point) : "";
    snprintf(buf, sizeof buf, "%s", point);
    if (date[0]) {
        char planned[THDATE_MAX + 64];
        snprintf(planned, sizeof planned, _("planned %s"), date);
        text_join(buf, sizeof buf, " · ", planned);
    }
    view_add_wrapped(L, _("Handover point"), buf, STYLE_NORMAL, -1);
    if (p->handed_over_known) {
        char when[MOMENT_TEXT_MAX];
        moment_format(p->handed_over_at, v->t->opt->clock.utc_offset, when, sizeof when);
        snprintf(buf, sizeof buf, "%s · %s%s%s", when, p->receiving_agency,
                 p->receiving_person[0] ? " · " : "", p->receiving_person);
        view_add_wrapped(L, _("Handed over"), buf, STYLE_NORMAL, -1);
    }
    if (p->handover_record[0])
        view_add_wrapped(L, _("Handover record"), p->handover_record, STYLE_NORMAL, -1);
    if (p->state_reason[0])
        view_add_wrapped(L, p->steps_overridden ? _("Returned with steps open") : _("Reason"),
                         p->state_reason, STYLE_NOTICE, -1);
}

/* The checklist; the chosen step shows its counterpart and note. */
static void step_lines(repat_view *v, view_lines *L)
{
    bool thai = i18n_is_thai();
    int name_cols = ui_cols() - 42;
    name_cols = name_cols < 16 ? 16 : name_cols > 44 ? 44 : name_cols;
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Steps"), _("* required · Enter changes the chosen step"), STYLE_HEADING, -1);
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        const repat_step *s = &v->p.steps[k];
        bool required = repat_step_required(&v->p, (repat_step_kind)k, v->child);
        bool open = required && repat_step_state_is_open(s->state);
        char line[1024];
        repat_step_line(s, required, name_cols, thai, line, sizeof line);
        view_add(L, "", line, open ? STYLE_ERROR : STYLE_NORMAL, k);
        if (k != v->sel || (!s->counterpart[0] && !s->note[0]))
            continue;
        char more[REPAT_TEXT_MAX + REPAT_NOTE_MAX + 16];
        snprintf(more, sizeof more, "      %s%s%s", s->counterpart,
                 s->counterpart[0] && s->note[0] ? " · " : "", s->note);
        view_add(L, "", more, STYLE_NORMAL, k);
    }
}

static bool view_read(repat_view *v, bool *none)
{
    *none = false;
    store_status st = store_repatriation_get(v->t->st, v->case_id, &v->p);
    if (st == ST_NOT_FOUND) {
        *none = true;
        return true;
    }
    if (st != ST_OK) {
        tui_say(v->t, STYLE_ERROR, _(store_status_text(st)));
        return false;
    }
    return true;
}

static void view_draw(repat_view *v)
{
    char title[256];
    snprintf(title, sizeof title, "%s", _("Repatriation plan"));
    v->lines.n = 0;
    header_lines(v, &v->lines);
    step_lines(v, &v->lines);
    ret_view_draw(v->t, title, v->head, &v->lines, &v->top, v->sel, KEYS_REPATRIATION);
}

static bool view_open(repat_view *v)
{
    tui *t = v->t;
    tc_case *c = malloc(sizeof *c);
    bool ok = c && store_case_get(t->st, v->case_id, c) == ST_OK;
    if (ok && c->n_nationalities > 0)
        snprintf(v->first_nationality, sizeof v->first_nationality, "%s", c->nationalities[0]);
    if (c)
        sodium_memzero(c, sizeof *c);
    free(c);
    if (!ok || !ret_case_head(t, v->case_id, v->head, sizeof v->head, &v->child))
        return false;
    if (store_code_list_get(t->st, LIST_HANDOVER_POINT, &v->points) != ST_OK)
        memset(&v->points, 0, sizeof v->points);
    return true;
}

/* One key on the plan; false to leave. */
static bool view_act(repat_view *v, key_action a)
{
    switch (a) {
    case ACT_BACK: return false;
    case ACT_UP: if (v->sel > 0) v->sel--; else v->top = 0; break;
    case ACT_DOWN: if (v->sel + 1 < REPAT_STEP_COUNT) v->sel++; break;
    case ACT_PAGE_UP: case ACT_TOP: v->sel = 0, v->top = 0; break;
    case ACT_PAGE_DOWN: case ACT_BOTTOM: v->sel = REPAT_STEP_COUNT - 1; break;
    case ACT_HELP: keys_show_help(_("Repatriation plan"), KEYS_REPATRIATION); break;
    case ACT_STATE: step_edit(v); break;
    case ACT_EDIT: plan_edit(v, &v->p); break;
    case ACT_HANDOVER: handover(v); break;
    case ACT_SUSPEND:
        change_with_reason(v, v->p.state == REPAT_SUSPENDED ? REPAT_PLANNING : REPAT_SUSPENDED);
        break;
    case ACT_CANCEL: change_with_reason(v, REPAT_CANCELLED); break;
    default: break;
    }
    return true;
}

void screen_repatriation(tui *t, const char *case_id)
{
    repat_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->t = t;
    snprintf(v->case_id, sizeof v->case_id, "%s", case_id);
    if (view_open(v)) {
        while (!t->quit && t->st) {
            bool none = false;
            if (!view_read(v, &none))
                break;
            if (none) {
                /* No plan: the form makes one; Esc leaves. */
                if (!plan_edit(v, NULL))
                    break;
                continue;
            }
            view_draw(v);
            key_action a = tui_command_key(t, KEYS_REPATRIATION);
            if (t->quit || !t->st || !view_act(v, a))
                break;
        }
    }
    store_code_list_free(&v->points);
    free(v->lines.v);
    sodium_memzero(v, sizeof *v);
    free(v);
}
