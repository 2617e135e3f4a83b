#include "config.h"
#include "tui/casefmt.h"
#include <stdio.h>
#include <string.h>
#include "core/caldate.h"
#include "core/timeline.h"
#include "i18n/i18n.h"
#include "i18n/thdate.h"

static const char *const TAB_LABELS[TAB_COUNT] = {
    [TAB_PERSON] = N_("Person"),
    [TAB_INTAKE] = N_("Intake"),
    [TAB_CONSENT] = N_("Consent"),
    [TAB_SCREENINGS] = N_("Screenings"),
    [TAB_NEEDS] = N_("Needs"),
    [TAB_NOTES] = N_("Notes"),
    [TAB_TIMELINE] = N_("Timeline"),
    [TAB_REFERRALS] = N_("Referrals"),
    [TAB_RETURN] = N_("Return"),
};

const char *case_tab_label(case_tab t)
{
    return (t >= 0 && t < TAB_COUNT) ? TAB_LABELS[t] : "";
}

const key_binding *case_tab_keys(case_tab t)
{
    switch (t) {
    case TAB_INTAKE: return KEYS_CASE_INTAKE;
    case TAB_CONSENT: return KEYS_CASE_CONSENT;
    case TAB_SCREENINGS: return KEYS_CASE_SCREENINGS;
    case TAB_NEEDS: return KEYS_CASE_NEEDS;
    case TAB_NOTES: return KEYS_CASE_NOTES;
    case TAB_TIMELINE: return KEYS_CASE_TIMELINE;
    case TAB_REFERRALS: return KEYS_CASE_REFERRALS;
    case TAB_RETURN: return KEYS_CASE_RETURN;
    case TAB_PERSON: case TAB_COUNT: break;
    }
    return KEYS_CASE_VIEW;
}

case_tab case_tab_after(case_tab now, key_action a)
{
    if (a == ACT_TAB_NEXT)
        return (case_tab)((now + 1) % TAB_COUNT);
    if (a == ACT_TAB_PREV)
        return (case_tab)((now + TAB_COUNT - 1) % TAB_COUNT);
    if (a >= ACT_TAB_1 && a <= ACT_TAB_9 && (int)(a - ACT_TAB_1) < TAB_COUNT)
        return (case_tab)(a - ACT_TAB_1);
    return now;
}

void case_tabs_fit(const int *widths, int n, int current, int cols, bool *full)
{
    int need = 0;
    for (int i = 0; i < n; i++) {
        full[i] = true;
        need += widths[i] + 1;
    }
    /* A tab's number alone ("8") and its wider gap take 3 columns. */
    for (int i = n - 1; i >= 0 && need > cols; i--) {
        if (i == current || widths[i] + 1 <= 3)
            continue;
        full[i] = false;
        need -= widths[i] + 1 - 3;
    }
}

/* gettext, with the signature timeline_summary() takes. */
static const char *translate(const char *msgid)
{
    return _(msgid);
}

void format_timeline_what(const struct timeline_event *e, char *out, size_t outsz)
{
    char what[3 * TIMELINE_TEXT_MAX + 64];
    timeline_summary(e, translate, what, sizeof what);
    if (e->officer_name[0])
        snprintf(out, outsz, "%s · %s", what, e->officer_name);
    else
        snprintf(out, outsz, "%s", what);
}

const char *code_list_text(tc_code_list list, const char *code)
{
    const tc_code_row *r = code_list_find(list, code);
    if (!r)
        return code;
    if (i18n_is_thai() && r->label_th && r->label_th[0])
        return r->label_th;
    return _(r->label);
}

void text_join(char *out, size_t outsz, const char *sep, const char *item)
{
    size_t used = strnlen(out, outsz);
    if (used + 1 >= outsz)
        return;
    int n = snprintf(out + used, outsz - used, "%s%s", used ? sep : "", item);
    if (n < 0 || (size_t)n < outsz - used)
        return;
    /* Cut: snprintf kept outsz - 1 bytes.  Find where the last character
     * starts (UTF-8 continuation bytes are 10xxxxxx) and drop it when its
     * lead byte promises more bytes than were kept. */
    size_t end = outsz - 1, start = end - 1;
    while (start > used && ((unsigned char)out[start] & 0xC0) == 0x80)
        start--;
    unsigned char lead = (unsigned char)out[start];
    size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (start + len > end)
        out[start] = '\0';
}
