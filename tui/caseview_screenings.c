/* caseview_screenings.c - the Screenings tab of the case view and the
 * clock in its header: what db/screenings.h holds for one case. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "i18n/thdate.h"
#include "tui/casefmt.h"
#include "tui/timeinput.h"
#include "tui/caseview.h"

struct screenings_tab {
    screening_row *rows;
    size_t n_rows;
    instrument_info *instruments;
    size_t n_instruments;
    tc_identification *idents;
    size_t n_idents;
    case_clocks clocks;
    clock_settings settings;
    bool has_clocks;
};

screenings_tab *screenings_tab_read(tui *t, const char *case_id)
{
    screenings_tab *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (store_screening_list(t->st, case_id, &s->rows, &s->n_rows) != ST_OK)
        s->rows = NULL, s->n_rows = 0;
    if (store_instrument_list(t->st, &s->instruments, &s->n_instruments) != ST_OK)
        s->instruments = NULL, s->n_instruments = 0;
    if (store_identification_list(t->st, case_id, &s->idents, &s->n_idents) != ST_OK)
        s->idents = NULL, s->n_idents = 0;
    s->has_clocks = store_case_clocks_get(t->st, case_id, &s->clocks) == ST_OK &&
                    store_clock_settings(t->st, &s->settings) == ST_OK;
    return s;
}

void screenings_tab_free(screenings_tab *s)
{
    if (!s)
        return;
    free(s->rows);
    free(s->instruments);
    free(s->idents);
    free(s);
}

size_t screenings_tab_count(const screenings_tab *s)
{
    return s ? s->n_rows : 0;
}

const char *screenings_tab_id(const screenings_tab *s, size_t i)
{
    return s && i < s->n_rows ? s->rows[i].id : "";
}

/* The instrument's title in the interface's language (its code when the
 * version is not stored). */
static const char *instrument_title(const screenings_tab *s, const char *code, int version)
{
    for (size_t i = 0; i < s->n_instruments; i++)
        if (!strcmp(s->instruments[i].code, code) && s->instruments[i].version == version)
            return i18n_is_thai() ? s->instruments[i].title_th : s->instruments[i].title_en;
    return code;
}

static void screening_rows(const screenings_tab *s, tui *t, view_lines *L)
{
    char buf[2048], when[THDATE_MAX + 16];
    if (!s->n_rows)
        view_add_wrapped(L, "", _("No screening yet. Press n to start one."), STYLE_NOTICE, -1);
    for (size_t i = 0; i < s->n_rows; i++) {
        const screening_row *r = &s->rows[i];
        moment_format(r->held_at, t->opt->clock.utc_offset, when, sizeof when);
        snprintf(buf, sizeof buf, "%s (v%d) · %zu/%zu · %s",
                 instrument_title(s, r->instrument_code, r->instrument_version),
                 r->instrument_version, r->answered, r->total,
                 r->decided ? _(decision_label(r->decision)) : _("not decided yet"));
        view_add_wrapped(L, when, buf, STYLE_NORMAL, (int)i);
    }
}

static void identification_rows(const screenings_tab *s, view_lines *L)
{
    char buf[2048], date[THDATE_MAX];
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Identification"), "", STYLE_HEADING, -1);
    if (!s->n_idents)
        view_add_wrapped(L, "", _("No identification decision yet. Press i to record one."),
                         STYLE_NOTICE, -1);
    for (size_t i = 0; i < s->n_idents; i++) {
        const tc_identification *d = &s->idents[i];
        date[0] = '\0';
        if (d->decided_known)
            thdate_format(d->decided_on, i18n_is_thai(), date, sizeof date);
        snprintf(buf, sizeof buf, "%s · %s%s%s", _(ident_outcome_label(d->outcome)),
                 _(ident_body_label(d->body)), d->body_name[0] ? ": " : "", d->body_name);
        /* The newest decides; earlier ones are history. */
        view_add_wrapped(L, date, buf, i == 0 ? STYLE_NORMAL : STYLE_NOTICE, -1);
    }
}

static void clock_rows(const screenings_tab *s, tui *t, view_lines *L)
{
    if (!s->has_clocks)
        return;
    char buf[512], when[THDATE_MAX + 16], left[96];
    int64_t now = tc_now(&t->opt->clock);
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Legal clocks"), "", STYLE_HEADING, -1);
    for (int k = 0; k < CLOCK_KIND_COUNT; k++) {
        int64_t due = case_clock_due(&s->clocks, &s->settings, (clock_kind)k);
        moment_format(due, t->opt->clock.utc_offset, when, sizeof when);
        if (s->clocks.stopped[k])
            snprintf(left, sizeof left, "%s", _("stopped"));
        else
            time_left_words(deadline_remaining(due, now), left, sizeof left);
        snprintf(buf, sizeof buf, "%s · %s", when, left);
        bool late = !s->clocks.stopped[k] &&
                    deadline_state_at(due, now, &s->settings) != DEADLINE_RUNNING;
        view_add_wrapped(L, _(clock_kind_label((clock_kind)k)), buf,
                         late ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
}

void screenings_tab_lines(const screenings_tab *s, tui *t, view_lines *L)
{
    if (!s)
        return;
    screening_rows(s, t, L);
    identification_rows(s, L);
    clock_rows(s, t, L);
}

void case_clock_summary(tui *t, const char *case_id, char *out, size_t outsz, bool *urgent)
{
    out[0] = '\0';
    *urgent = false;
    case_clocks cc;
    clock_settings cs;
    if (store_case_clocks_get(t->st, case_id, &cc) != ST_OK ||
        store_clock_settings(t->st, &cs) != ST_OK)
        return;
    deadline_entry e[CLOCK_KIND_COUNT];
    size_t n = case_clocks_entries(&cc, &cs, 0, e);
    if (!n)
        return;
    qsort(e, n, sizeof e[0], deadline_entry_compare);
    int64_t now = tc_now(&t->opt->clock);
    char left[96];
    time_left_words(deadline_remaining(e[0].due, now), left, sizeof left);
    snprintf(out, outsz, "%s: %s", _(clock_kind_label(e[0].kind)), left);
    *urgent = deadline_state_at(e[0].due, now, &cs) != DEADLINE_RUNNING;
}
