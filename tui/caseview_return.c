/* caseview_return.c - the Return tab of the case view: the repatriation
 * plan in short (state, destination, handover point and dates, the step
 * checklist with its marks and B.E. dates) and the reintegration plan
 * (domains, the next follow-up with the days left or overdue, the last
 * risk seen, the follow-ups).  All that the case view reads of
 * db/returns.h. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/record.h"
#include "db/returns.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/caseview.h"
#include "tui/return_fmt.h"
#include "tui/timeinput.h"

struct return_tab {
    bool has_repat, has_reint, child;
    tc_repatriation repat;
    tc_reintegration reint;
    tc_followup *followups;         /* newest first */
    size_t n_followups;
    store_code_list points;
};

return_tab *return_tab_read(tui *t, const char *case_id)
{
    return_tab *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->has_repat = store_repatriation_get(t->st, case_id, &r->repat) == ST_OK;
    r->has_reint = store_reintegration_get(t->st, case_id, &r->reint) == ST_OK;
    if (!r->has_reint ||
        store_followup_list_case(t->st, case_id, &r->followups, &r->n_followups) != ST_OK)
        r->followups = NULL, r->n_followups = 0;
    if (store_code_list_get(t->st, LIST_HANDOVER_POINT, &r->points) != ST_OK)
        memset(&r->points, 0, sizeof r->points);
    tc_case *c = malloc(sizeof *c);
    if (c && store_case_get(t->st, case_id, c) == ST_OK)
        r->child = case_is_child(c, app_today(&t->opt->clock), t->opt->clock.utc_offset);
    free(c);
    return r;
}

void return_tab_free(return_tab *r)
{
    if (!r)
        return;
    free(r->followups);
    store_code_list_free(&r->points);
    free(r);
}

static void step_lines(const return_tab *r, view_lines *L)
{
    const tc_repatriation *p = &r->repat;
    bool thai = i18n_is_thai();
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        const repat_step *s = &p->steps[k];
        bool required = repat_step_required(p, (repat_step_kind)k, r->child);
        bool open = repat_step_state_is_open(s->state);
        char label[1024], status[256], fitted[sizeof label];
        snprintf(label, sizeof label, "%s %s", repat_step_mark(s->state),
                 _(repat_step_label((repat_step_kind)k)));
        /* Cut here by columns: the line keeps only so many bytes. */
        text_fit(label, CASEVIEW_LABEL_COLS, true, fitted, sizeof fitted);
        repat_step_status(s, thai, status, sizeof status);
        if (required) {
            size_t used = strlen(status);
            snprintf(status + used, sizeof status - used, " · %s",
                     open ? _("required, still open") : _("required"));
        }
        view_add(L, fitted, status, required && open ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
}

static void repatriation_lines(const return_tab *r, tui *t, view_lines *L)
{
    char buf[1024], date[THDATE_MAX];
    bool thai = i18n_is_thai();
    if (!r->has_repat) {
        view_add(L, _("Repatriation plan"), "", STYLE_HEADING, -1);
        view_add_wrapped(L, "", _("No repatriation plan yet. Press r to make one."),
                         STYLE_NOTICE, -1);
        return;
    }
    const tc_repatriation *p = &r->repat;
    view_add(L, _("Repatriation plan"), _(repat_state_label(p->state)), STYLE_HEADING, -1);
    repat_destination_text(p, buf, sizeof buf);
    view_add_wrapped(L, _("Destination"), buf, STYLE_NORMAL, -1);
    view_add(L, _("Handover point"),
             p->handover_point[0] ? code_list_text(r->points.list, p->handover_point) : "",
             STYLE_NORMAL, -1);
    return_date_text(p->planned_known, p->planned_on, thai, date, sizeof date);
    view_add(L, _("Planned date"), date, STYLE_NORMAL, -1);
    if (p->handed_over_known) {
        char when[MOMENT_TEXT_MAX];
        moment_format(p->handed_over_at, t->opt->clock.utc_offset, when, sizeof when);
        snprintf(buf, sizeof buf, "%s · %s%s%s", when, p->receiving_agency,
                 p->receiving_person[0] ? " · " : "", p->receiving_person);
        view_add_wrapped(L, _("Handed over"), buf, STYLE_NORMAL, -1);
    }
    if (p->state_reason[0])
        view_add_wrapped(L, p->steps_overridden ? _("Returned with steps open")
                                                : _("Reason"),
                         p->state_reason, STYLE_NOTICE, -1);
    step_lines(r, L);
}

/* The newest follow-up that still counts. */
static const tc_followup *last_followup(const return_tab *r)
{
    for (size_t i = 0; i < r->n_followups; i++)
        if (!r->followups[i].entry_withdrawn)
            return &r->followups[i];
    return NULL;
}

static void domains_text(const tc_reintegration *p, char *out, size_t outsz)
{
    size_t used = 0;
    out[0] = '\0';
    for (int d = 0; d < REINT_DOMAIN_COUNT && used < outsz; d++)
        if (p->domains[d].included)
            used += (size_t)snprintf(out + used, outsz - used, "%s%s", used ? ", " : "",
                                     _(reint_domain_label((reint_domain)d)));
}

static void next_line(const tc_reintegration *p, caldate today, view_lines *L)
{
    char buf[512], date[THDATE_MAX];
    if (p->closed) {
        thdate_format(p->closed_on, i18n_is_thai(), date, sizeof date);
        snprintf(buf, sizeof buf, "%s · %s", date, _(reint_outcome_label(p->outcome)));
        view_add_wrapped(L, _("Plan closed"), buf, STYLE_NORMAL, -1);
        return;
    }
    if (!p->next_known) {
        view_add(L, _("Next follow-up"), _("none planned"), STYLE_NOTICE, -1);
        return;
    }
    bool late = followup_due_text(p->next_due, today, i18n_is_thai(), buf, sizeof buf);
    view_add(L, _("Next follow-up"), buf, late ? STYLE_ERROR : STYLE_NORMAL, -1);
}

static void reintegration_lines(const return_tab *r, tui *t, view_lines *L)
{
    char buf[2048], date[THDATE_MAX];
    bool thai = i18n_is_thai();
    if (!r->has_reint) {
        view_add(L, _("Reintegration plan"), "", STYLE_HEADING, -1);
        view_add_wrapped(L, "", _("No reintegration plan yet: it is made when the handover is "
                                  "recorded, or press i to make one."), STYLE_NOTICE, -1);
        return;
    }
    const tc_reintegration *p = &r->reint;
    thdate_format(p->start, thai, date, sizeof date);
    snprintf(buf, sizeof buf, _("from %s"), date);
    view_add(L, _("Reintegration plan"), buf, STYLE_HEADING, -1);
    domains_text(p, buf, sizeof buf);
    view_add_wrapped(L, _("Domains"), buf[0] ? buf : _("none yet: press i, then e"),
                     buf[0] ? STYLE_NORMAL : STYLE_NOTICE, -1);
    next_line(p, app_today(&t->opt->clock), L);
    const tc_followup *last = last_followup(r);
    if (last) {
        bool high = last->risk == RISK_HIGH;
        snprintf(buf, sizeof buf, "%s%s%s", _(risk_label(last->risk)), high ? " · " : "",
                 high ? _("a new screening is advised") : "");
        view_add(L, _("Last risk"), buf, high ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
    if (!r->n_followups)
        view_add(L, _("Follow-ups"), _("none recorded yet"), STYLE_NORMAL, -1);
    for (size_t i = 0; i < r->n_followups; i++) {
        const tc_followup *f = &r->followups[i];
        followup_record_text(f, thai, buf, sizeof buf);
        if (f->entry_withdrawn) {
            size_t used = strlen(buf);
            snprintf(buf + used, sizeof buf - used, " · %s", _("(entry withdrawn as wrong)"));
        }
        view_add(L, i == 0 ? _("Follow-ups") : "", buf,
                 f->entry_withdrawn ? STYLE_NOTICE
                                    : f->risk == RISK_HIGH ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
}

void return_tab_lines(const return_tab *r, tui *t, view_lines *L)
{
    if (!r)
        return;
    repatriation_lines(r, t, L);
    view_add(L, "", "", STYLE_NORMAL, -1);
    reintegration_lines(r, t, L);
}
