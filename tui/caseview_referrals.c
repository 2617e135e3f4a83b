/* caseview_referrals.c - the Referrals tab of the case view: the case's
 * referrals with their agency, state, urgency, deadline and an overdue
 * mark (what db/referrals.h holds for one case). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/referrals.h"
#include "i18n/i18n.h"
#include "tui/caseview.h"
#include "tui/referral_screens.h"
#include "tui/timeinput.h"

struct referrals_tab {
    tc_referral *rows;
    size_t n_rows;
    tc_agency *agencies;            /* rows[i]'s agency, or a blank one */
    referral_settings settings;
};

referrals_tab *referrals_tab_read(tui *t, const char *case_id)
{
    referrals_tab *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (store_referral_list_case(t->st, case_id, &r->rows, &r->n_rows) != ST_OK)
        r->rows = NULL, r->n_rows = 0;
    if (store_referral_settings(t->st, &r->settings) != ST_OK)
        referral_settings_defaults(&r->settings);
    r->agencies = r->n_rows ? calloc(r->n_rows, sizeof *r->agencies) : NULL;
    if (!r->agencies)
        r->n_rows = 0;
    for (size_t i = 0; i < r->n_rows; i++)
        if (store_agency_get(t->st, r->rows[i].agency_code, 0, &r->agencies[i]) != ST_OK) {
            agency_init(&r->agencies[i]);
            snprintf(r->agencies[i].code, sizeof r->agencies[i].code, "%s",
                     r->rows[i].agency_code);
        }
    return r;
}

void referrals_tab_free(referrals_tab *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r->agencies);
    free(r);
}

size_t referrals_tab_count(const referrals_tab *r)
{
    return r ? r->n_rows : 0;
}

const char *referrals_tab_id(const referrals_tab *r, size_t i)
{
    return r && i < r->n_rows ? r->rows[i].id : "";
}

/* "Accommodation, Medical care" */
static void needs_text(need_set needs, char *out, size_t outsz)
{
    size_t used = 0;
    out[0] = '\0';
    for (int k = 0; k < NEED_KIND_COUNT && used < outsz; k++)
        if (need_set_has(needs, (need_kind)k))
            used += (size_t)snprintf(out + used, outsz - used, "%s%s", used ? ", " : "",
                                     _(need_kind_label((need_kind)k)));
}

/* What the referral waits for and by when; or when it was sent or made. */
static bool deadline_text(const referrals_tab *tab, const tc_referral *r, tui *t, char *out,
                          size_t outsz)
{
    int64_t now = tc_now(&t->opt->clock), due = 0;
    int off = t->opt->clock.utc_offset;
    char when[MOMENT_TEXT_MAX], left[96];
    referral_wait w = referral_due(r, &tab->settings, &due);
    if (w != REFERRAL_WAIT_NONE) {
        bool late = referral_overdue(r, &tab->settings, now);
        moment_format(due, off, when, sizeof when);
        time_left_words(due - now, left, sizeof left);
        snprintf(out, outsz, "%s%s %s (%s)", late ? "! " : "", _(referral_wait_label(w)), when,
                 left);
        return late;
    }
    int64_t at = r->ended_at ? r->ended_at : r->sent_at ? r->sent_at : r->created_at;
    moment_format(at, off, when, sizeof when);
    snprintf(out, outsz, "%s%s%s", when, r->state_reason[0] ? " · " : "", r->state_reason);
    return false;
}

void referrals_tab_lines(const referrals_tab *tab, tui *t, view_lines *L)
{
    if (!tab)
        return;
    if (!tab->n_rows)
        view_add_wrapped(L, "", _("No referral yet. Press n to refer the person to an agency."),
                         STYLE_NOTICE, -1);
    char text[2048];
    for (size_t i = 0; i < tab->n_rows; i++) {
        const tc_referral *r = &tab->rows[i];
        int item = (int)i;
        char deadline[2 * REFERRAL_REASON_MAX];
        bool late = deadline_text(tab, r, t, deadline, sizeof deadline);
        bool open = referral_state_is_open(r->state);
        snprintf(text, sizeof text, "%s · %s%s%s", _(referral_state_label(r->state)),
                 _(referral_urgency_label(r->urgency)), late ? " · " : "",
                 late ? _("OVERDUE") : "");
        view_add(L, agency_short_name(&tab->agencies[i]), text,
                 late ? STYLE_ERROR : open ? STYLE_HEADING : STYLE_NORMAL, item);
        view_add_wrapped(L, "", deadline, late ? STYLE_ERROR : STYLE_NORMAL, item);
        needs_text(r->needs, text, sizeof text);
        view_add_wrapped(L, "", text, STYLE_NORMAL, item);
        view_add(L, "", "", STYLE_NORMAL, item);
    }
}
