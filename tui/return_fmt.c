/* return_fmt.c - the words of the return and reintegration screens (see
 * return_fmt.h). */
#include "config.h"
#include "tui/return_fmt.h"
#include <stdio.h>
#include <string.h>
#include "core/geo.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"

void return_date_text(bool known, caldate d, bool thai, char *out, size_t outsz)
{
    if (!outsz)
        return;
    out[0] = '\0';
    if (known)
        thdate_format(d, thai, out, outsz);
}

const char *repat_step_mark(repat_step_state s)
{
    switch (s) {
    case REPAT_STEP_DONE: return "[x]";
    case REPAT_STEP_NOT_NEEDED: return "[-]";
    default: return "[ ]";
    }
}

void repat_step_status(const repat_step *s, bool thai, char *out, size_t outsz)
{
    char date[THDATE_MAX] = "";
    bool on_done = s->state == REPAT_STEP_DONE || s->state == REPAT_STEP_NOT_NEEDED;
    if (s->state == REPAT_STEP_REQUESTED)
        return_date_text(s->requested_known, s->requested_on, thai, date, sizeof date);
    else if (on_done)
        return_date_text(s->done_known, s->done_on, thai, date, sizeof date);
    /* Each with its own literal msgid: the translator sees the %s. */
    if (!date[0])
        snprintf(out, outsz, "%s", _(repat_step_state_label(s->state)));
    else if (s->state == REPAT_STEP_REQUESTED)
        snprintf(out, outsz, _("requested %s"), date);
    else if (s->state == REPAT_STEP_DONE)
        snprintf(out, outsz, _("done %s"), date);
    else
        snprintf(out, outsz, _("not needed %s"), date);
}

void repat_step_line(const repat_step *s, bool required, int name_cols, bool thai, char *out,
                     size_t outsz)
{
    char name[4 * 128], status[128];
    text_pad(_(repat_step_label(s->kind)), name_cols < 1 ? 1 : name_cols, name, sizeof name);
    repat_step_status(s, thai, status, sizeof status);
    snprintf(out, outsz, "%s %s %s %s", repat_step_mark(s->state), required ? "*" : " ", name,
             status);
}

bool followup_when_text(caldate due, caldate today, char *out, size_t outsz)
{
    int64_t days = followup_days_left(due, today);
    if (days == 0)
        snprintf(out, outsz, "%s", _("today"));
    else if (days == 1)
        snprintf(out, outsz, "%s", _("tomorrow"));
    else if (days > 1)
        snprintf(out, outsz, _("in %lld days"), (long long)days);
    else if (days == -1)
        snprintf(out, outsz, "%s", _("overdue by 1 day"));
    else
        snprintf(out, outsz, _("overdue by %lld days"), (long long)-days);
    return days < 0;
}

bool followup_due_text(caldate due, caldate today, bool thai, char *out, size_t outsz)
{
    char date[THDATE_MAX], when[128];
    thdate_format(due, thai, date, sizeof date);
    bool late = followup_when_text(due, today, when, sizeof when);
    snprintf(out, outsz, "%s (%s)", date, when);
    return late;
}

void first_line(const char *text, char *out, size_t outsz)
{
    if (!outsz)
        return;
    size_t n = strcspn(text, "\n");
    if (n >= outsz)
        n = outsz - 1;
    /* Never end inside a UTF-8 character. */
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    memcpy(out, text, n);
    out[n] = '\0';
}

void followup_record_text(const tc_followup *f, bool thai, char *out, size_t outsz)
{
    char date[THDATE_MAX], risk[128], findings[512];
    thdate_format(f->on, thai, date, sizeof date);
    snprintf(risk, sizeof risk, _("risk: %s"), _(risk_label(f->risk)));
    first_line(f->findings, findings, sizeof findings);
    snprintf(out, outsz, "%s · %s · %s%s%s", date, _(followup_method_label(f->method)), risk,
             findings[0] ? " · " : "", findings);
}

void followup_schedule_text(const followup_schedule *s, char *out, size_t outsz)
{
    char months[REINT_MONTHS_TEXT_MAX * 2] = "";
    size_t used = 0;
    for (size_t i = 0; i < s->count && i < REINT_MONTHS_MAX && used < sizeof months; i++)
        used += (size_t)snprintf(months + used, sizeof months - used, "%s%d", i ? ", " : "",
                                 s->months[i]);
    if (s->count == 1 && s->months[0] == 1)
        snprintf(out, outsz, "%s", _("1 month"));
    else
        snprintf(out, outsz, _("%s months"), months);
}

const char *return_country_name(const char *code)
{
    const geo_entry *g = code[0] ? geo_country(code) : NULL;
    if (!g)
        return code;
    return i18n_is_thai() ? g->name_th : g->name_en;
}

void repat_destination_text(const tc_repatriation *p, char *out, size_t outsz)
{
    const char *country = return_country_name(p->country);
    bool inbound = p->direction == REPAT_INBOUND;
    snprintf(out, outsz, "%s%s%s%s%s", country, country[0] && p->hometown[0] ? " · " : "",
             p->hometown, inbound ? " · " : "",
             inbound ? _(repat_direction_label(p->direction)) : "");
}
