/* referral_sheet.c - the handover sheet read from the store and written to
 * a private file (tui/referral_sheet.h, tui/private_file.h).  Moved here from cli_referral.c
 * so that the referral screen writes exactly what the command prints. */
#define _GNU_SOURCE
#include "config.h"
#include "tui/referral_sheet.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"
#include "tui/timeinput.h"

const char *const referral_team_keys[REFERRAL_TEAM_KEYS] = {
    "team.name", "team.phone", "team.email", "team.line_id", "team.address",
};

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

/* moment_format() and thdate_format() need the officers' offset and the
 * sheet's language, which handover_env's plain function pointers cannot
 * carry: the one sheet being laid out sets them here. */
static int sheet_utc_offset;
static bool sheet_thai;

static void sheet_time(int64_t t, char *out, size_t outsz)
{
    moment_format(t, sheet_utc_offset, out, outsz);
}

static void sheet_date(caldate d, char *out, size_t outsz)
{
    thdate_format(d, sheet_thai, out, outsz);
}

static size_t sheet_wrap(const char *utf8, int width, handover_line *lines, size_t max)
{
    /* handover_line is text_line's shape: both are { start, len }. */
    return thai_wrap(utf8, width, (text_line *)(void *)lines, max);
}

store_status referral_sheet_read(store *s, const tc_clock *clock, referral_sheet_parts *p)
{
    p->needs = NULL;
    p->n_needs = 0;
    p->permits = false;
    p->officer[0] = '\0';
    store_status st = store_agency_get(s, p->r.agency_code, 0, &p->agency);
    if (st == ST_OK)
        st = store_case_get(s, p->r.case_id, &p->person);
    referral_gate g;
    if (st == ST_OK)
        st = store_referral_gate(s, p->r.case_id, p->r.agency_code, tc_now(clock),
                                 p->r.consent_overridden ? p->r.override_reason : NULL, &g);
    p->permits = st == ST_OK && g.permitted;
    if (st == ST_OK)
        st = store_referral_needs(s, p->r.id, &p->needs, &p->n_needs);
    tc_officer o;
    if (st == ST_OK && store_officer_get(s, p->r.officer_id, &o) == ST_OK)
        snprintf(p->officer, sizeof p->officer, "%s", o.name);
    for (int i = 0; st == ST_OK && i < REFERRAL_TEAM_KEYS; i++) {
        store_status got = store_setting_get(s, referral_team_keys[i], p->team[i],
                                             sizeof p->team[i]);
        if (got != ST_OK)
            p->team[i][0] = '\0';
    }
    return st;
}

void referral_sheet_free(referral_sheet_parts *p)
{
    if (!p)
        return;
    if (p->needs)
        sodium_memzero(p->needs, p->n_needs * sizeof *p->needs);
    free(p->needs);
    p->needs = NULL;
    p->n_needs = 0;
    sodium_memzero(&p->person, sizeof p->person);
}

/* The sheet in the interface's current language. */
static char *format_sheet(const tc_clock *clock, const referral_sheet_parts *p, bool thai,
                          int width)
{
    handover_input in = {
        &p->r, &p->agency, p->person.reference, &p->person, p->permits, p->needs, p->n_needs,
        { p->team[0], p->team[1], p->team[2], p->team[3], p->team[4], p->officer },
        tc_now(clock), clock->utc_offset,
    };
    handover_env env = { thai, width, translate, sheet_wrap, sheet_time, sheet_date };
    sheet_utc_offset = clock->utc_offset;
    sheet_thai = thai;
    size_t need = handover_format(&in, &env, NULL, 0);
    char *text = malloc(need + 1);
    if (text)
        handover_format(&in, &env, text, need + 1);
    return text;
}

char *referral_sheet_text(const tc_clock *clock, const referral_sheet_parts *p, bool thai,
                          int width)
{
    char ui[8];
    snprintf(ui, sizeof ui, "%s", i18n_language());
    i18n_set_language(thai ? "th" : "en");
    char *text = format_sheet(clock, p, thai, width);
    i18n_set_language(ui);
    return text;
}

/* ---- where it goes ----------------------------------------------------------- */

/* Appends text to out at *len, keeping only what is safe in a file name. */
static void append_name_part(const char *text, size_t max, char *out, size_t outsz, size_t *len)
{
    for (size_t i = 0; text[i] && i < max && *len + 1 < outsz; i++) {
        char c = text[i];
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
        out[(*len)++] = safe ? c : '_';
    }
    out[*len] = '\0';
}

bool referral_sheet_path(const char *dir, const char *home, const char *case_reference,
                         const char *referral_id, char *out, size_t outsz)
{
    char where[4096];
    if (!outsz)
        return false;
    out[0] = '\0';
    if (!private_file_path(dir, NULL, home, where, sizeof where))
        return false;
    char name[128];
    size_t nlen = 0;
    append_name_part("handover-", 9, name, sizeof name, &nlen);
    append_name_part(case_reference, 40, name, sizeof name, &nlen);
    append_name_part("-R-", 3, name, sizeof name, &nlen);
    append_name_part(referral_id, 8, name, sizeof name, &nlen);
    bool slash = where[strlen(where) - 1] == '/';
    int k = snprintf(out, outsz, "%s%s%s.txt", where, slash ? "" : "/", name);
    if (k < 0 || (size_t)k >= outsz) {
        out[0] = '\0';
        return false;
    }
    return true;
}
