/* caseview.c - one case on one screen.
 *
 *   row 0   title bar
 *   row 1   who, the stage, the nearest legal clock
 *   row 2   urgent open needs, when there are any (they never scroll away)
 *   next    the tabs: 1 Person  2 Intake  3 Consent  4 Screenings
 *           5 Needs  6 Notes  7 Timeline  8 Referrals  9 Return
 *   ...     the tab's lines (a list tab has a chosen entry)
 *   last 2  the message and the keys of the tab
 *
 * The view reads one case's records only, so it is as fast with 100,000
 * cases in the store as with ten.  Records are read again after anything
 * was saved, after a lock and on a language switch; moving about reads
 * nothing. */
#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/agency.h"
#include "core/clocks.h"
#include "core/geo.h"
#include "db/record.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"
#include "tui/casefmt.h"
#include "tui/timeinput.h"
#include "tui/caseforms.h"
#include "tui/caseview.h"
#include "tui/party_screens.h"
#include "tui/referral_screens.h"
#include "tui/tui.h"

enum { LABEL_COLS = CASEVIEW_LABEL_COLS, MAX_LINES = 20000 };

typedef struct case_view {
    tui *t;
    char id[TC_ID_LEN];
    tc_case c;
    bool incomplete;
    case_stage stage;
    char clock_text[256];
    bool clock_urgent;              /* passed or runs out soon */
    tc_need *needs;                 /* always read: the urgent banner */
    size_t n_needs, urgent;
    tc_officer *officers;
    size_t n_officers;
    /* The current tab's records. */
    tc_intake intake;
    bool has_intake;
    store_intake_lists lists;
    bool has_lists;
    tc_inspection inspection;
    bool has_inspection;
    tc_consent *consents;
    size_t n_consents;
    screenings_tab *screenings;
    tc_note *notes;
    size_t n_notes;
    parties_tab parties;            /* on the Notes tab, before the notes */
    timeline_event *events;
    size_t n_events;
    referrals_tab *referrals;
    return_tab *returns;
    /* Where the officer is. */
    case_tab tab;
    int sel[TAB_COUNT];
    int top;
    view_lines lines;
} case_view;

/* ---- lines ----------------------------------------------------------- */

void view_add(view_lines *L, const char *label, const char *value, ui_style style, int item)
{
    if (L->n >= MAX_LINES)
        return;
    if (L->n == L->cap) {
        int cap = L->cap ? L->cap * 2 : 64;
        view_line *v = realloc(L->v, (size_t)cap * sizeof *v);
        if (!v)
            return;
        L->v = v;
        L->cap = cap;
    }
    view_line *l = &L->v[L->n++];
    snprintf(l->label, sizeof l->label, "%s", label ? label : "");
    snprintf(l->value, sizeof l->value, "%s", value ? value : "");
    l->style = style;
    l->item = item;
}

/* Text over as many lines as it needs, broken at Thai word boundaries;
 * the label stands on the first. */
void view_add_wrapped(view_lines *L, const char *label, const char *text, ui_style style,
                      int item)
{
    int width = view_value_cols();
    size_t max = strlen(text) + 1;
    text_line *wrapped = malloc(max * sizeof *wrapped);
    size_t n = wrapped ? thai_wrap(text, width, wrapped, max) : 0;
    if (n > max)
        n = max;
    if (!n)
        view_add(L, label, "", style, item);
    for (size_t i = 0; i < n; i++) {
        char part[1024];
        size_t len = wrapped[i].len < sizeof part - 1 ? wrapped[i].len : sizeof part - 1;
        memcpy(part, text + wrapped[i].start, len);
        part[len] = '\0';
        view_add(L, i == 0 ? label : "", part, style, item);
    }
    free(wrapped);
}

int view_value_cols(void)
{
    int w = ui_cols() - LABEL_COLS - 3;
    return w < 10 ? 10 : w;
}

/* ---- names of things --------------------------------------------------- */

static const char *country_name(const char *code)
{
    const geo_entry *g = code[0] ? geo_country(code) : NULL;
    if (!g)
        return code;
    return i18n_is_thai() ? g->name_th : g->name_en;
}

static const char *officer_name(const case_view *cv, const char *id)
{
    for (size_t i = 0; i < cv->n_officers; i++)
        if (!strcmp(cv->officers[i].id, id))
            return cv->officers[i].name;
    return "";
}

static void date_text(bool known, caldate d, char *out, size_t outsz)
{
    out[0] = '\0';
    if (known)
        thdate_format(d, i18n_is_thai(), out, outsz);
}

/* "21 พ.ย. 2569 14:05 · Somchai": who last changed a record, and when. */
static void stamp_text(const case_view *cv, int64_t at, const char *who, char *out, size_t outsz)
{
    char when[THDATE_MAX + 16];
    moment_format(at, cv->t->opt->clock.utc_offset, when, sizeof when);
    const char *name = officer_name(cv, who);
    snprintf(out, outsz, name[0] ? "%s · %s" : "%s", when, name);
}

/* ---- reading ------------------------------------------------------------ */

static void free_tab_records(case_view *cv)
{
    store_intake_lists_free(&cv->lists);
    free(cv->consents);
    screenings_tab_free(cv->screenings);
    free(cv->notes);
    parties_tab_free(&cv->parties);
    free(cv->events);
    referrals_tab_free(cv->referrals);
    cv->referrals = NULL;
    return_tab_free(cv->returns);
    cv->returns = NULL;
    cv->has_lists = cv->has_intake = cv->has_inspection = false;
    memset(&cv->lists, 0, sizeof cv->lists);
    cv->consents = NULL, cv->n_consents = 0;
    cv->screenings = NULL;
    cv->notes = NULL, cv->n_notes = 0;
    cv->events = NULL, cv->n_events = 0;
}

static void read_tab(case_view *cv)
{
    store *st = cv->t->st;
    free_tab_records(cv);
    switch (cv->tab) {
    case TAB_PERSON:
        cv->has_inspection = store_case_inspection(st, cv->id, &cv->inspection) == ST_OK;
        break;
    case TAB_INTAKE:
        cv->has_intake = store_intake_get(st, cv->id, &cv->intake) == ST_OK;
        cv->has_lists = store_intake_lists_get(st, &cv->lists) == ST_OK;
        cv->has_inspection = store_case_inspection(st, cv->id, &cv->inspection) == ST_OK;
        break;
    case TAB_CONSENT:
        if (store_consent_list(st, cv->id, &cv->consents, &cv->n_consents) != ST_OK)
            cv->consents = NULL, cv->n_consents = 0;
        break;
    case TAB_SCREENINGS:
        cv->screenings = screenings_tab_read(cv->t, cv->id);
        break;
    case TAB_NEEDS:
        break;                      /* always read */
    case TAB_NOTES:
        parties_tab_read(cv->t, cv->id, &cv->parties);
        if (store_note_list(st, cv->id, &cv->notes, &cv->n_notes) != ST_OK)
            cv->notes = NULL, cv->n_notes = 0;
        break;
    case TAB_TIMELINE:
        if (store_timeline(st, cv->id, &cv->events, &cv->n_events) != ST_OK)
            cv->events = NULL, cv->n_events = 0;
        break;
    case TAB_REFERRALS:
        cv->referrals = referrals_tab_read(cv->t, cv->id);
        break;
    case TAB_RETURN:
        cv->returns = return_tab_read(cv->t, cv->id);
        break;
    case TAB_COUNT:
        break;
    }
}

/* Everything the header and the current tab show.  False when the case
 * cannot be read (then the view closes with the reason). */
static bool read_case(case_view *cv)
{
    store *st = cv->t->st;
    if (!st || store_case_get(st, cv->id, &cv->c) != ST_OK)
        return false;
    if (store_case_incomplete(st, cv->id, &cv->incomplete) != ST_OK)
        cv->incomplete = false;
    if (store_case_stage(st, cv->id, &cv->stage) != ST_OK)
        cv->stage = STAGE_INTAKE;
    case_clock_summary(cv->t, cv->id, cv->clock_text, sizeof cv->clock_text, &cv->clock_urgent);
    free(cv->needs);
    if (store_need_list(st, cv->id, &cv->needs, &cv->n_needs) != ST_OK)
        cv->needs = NULL, cv->n_needs = 0;
    cv->urgent = needs_count_urgent_open(cv->needs, cv->n_needs);
    free(cv->officers);
    if (store_officer_list(st, &cv->officers, &cv->n_officers) != ST_OK)
        cv->officers = NULL, cv->n_officers = 0;
    read_tab(cv);
    return true;
}

/* ---- the tabs' lines ------------------------------------------------- */

static void person_lines(case_view *cv, view_lines *L)
{
    const tc_case *c = &cv->c;
    tui *t = cv->t;
    char buf[1024];
    caldate today = app_today(&t->opt->clock);
    view_add(L, _("Reference"), c->reference, STYLE_HEADING, -1);
    if (cv->incomplete)
        view_add_wrapped(L, "", _("Opened in quick mode: record the intake (tab 2) to complete it."), STYLE_NOTICE, -1);
    if (case_is_child(c, today, t->opt->clock.utc_offset))
        view_add(L, "", _("CHILD: under 18 (the child rules apply)"), STYLE_CHILD, -1);
    view_add(L, _("Name (Thai)"), c->name_thai, STYLE_NORMAL, -1);
    view_add(L, _("Name (own script)"), c->name_original, STYLE_NORMAL, -1);
    view_add(L, _("Name (romanised)"), c->name_latin, STYLE_NORMAL, -1);
    view_add(L, _("Other names"), c->aliases, STYLE_NORMAL, -1);
    view_add(L, _("Sex"), _(sex_label(c->sex)), STYLE_NORMAL, -1);
    date_text(c->birth_known, c->birth, buf, sizeof buf);
    view_add(L, _("Date of birth"), buf, STYLE_NORMAL, -1);
    int age = case_age_today(c, today, t->opt->clock.utc_offset);
    if (age >= 0)
        snprintf(buf, sizeof buf, c->birth_known ? _("%d years") : _("about %d years"), age);
    else
        snprintf(buf, sizeof buf, "%s", _("unknown"));
    view_add(L, _("Age"), buf, STYLE_NORMAL, -1);
    buf[0] = '\0';
    for (int i = 0; i < c->n_nationalities; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
                 country_name(c->nationalities[i]));
    }
    view_add(L, _("Nationality"), buf, STYLE_NORMAL, -1);
    view_add(L, _("Languages"), c->languages, STYLE_NORMAL, -1);
    const entry_point *ep = entry_point_find(c->entry_point);
    view_add(L, _("Entry point"), ep ? _(ep->label) : "", STYLE_NORMAL, -1);
    const geo_entry *p = geo_province(c->province);
    view_add(L, _("Province"), p ? (i18n_is_thai() ? p->name_th : p->name_en) : "", STYLE_NORMAL, -1);
    date_text(c->date_met_known, c->date_met, buf, sizeof buf);
    view_add(L, _("Date met"), buf, STYLE_NORMAL, -1);
    if (c->notes[0])
        view_add_wrapped(L, _("Notes"), c->notes, STYLE_NORMAL, -1);
}

static void inspection_line(case_view *cv, view_lines *L)
{
    if (!cv->has_inspection)
        return;
    char date[THDATE_MAX], buf[1024];
    date_text(true, cv->inspection.date, date, sizeof date);
    snprintf(buf, sizeof buf, _("%s, %s (workers met %d, screened %d)"),
             cv->inspection.establishment, date, cv->inspection.workers_met,
             cv->inspection.workers_screened);
    view_add_wrapped(L, _("Found at inspection"), buf, STYLE_NORMAL, -1);
}

static void intake_lines(case_view *cv, view_lines *L)
{
    const tc_intake *in = &cv->intake;
    const intake_lists *ls = &cv->lists.lists;
    char buf[2048];
    const entry_point *ep = entry_point_find(cv->c.entry_point);
    view_add(L, _("Entry point"), ep ? _(ep->label) : "", STYLE_NORMAL, -1);
    const geo_entry *p = geo_province(cv->c.province);
    view_add(L, _("Province"), p ? (i18n_is_thai() ? p->name_th : p->name_en) : "", STYLE_NORMAL, -1);
    inspection_line(cv, L);
    if (!cv->has_intake) {
        view_add(L, "", "", STYLE_NORMAL, -1);
        view_add_wrapped(L, "", _("No intake recorded yet. Press e to record it."),
                    STYLE_NOTICE, -1);
        return;
    }
    view_add(L, _("District (amphoe)"), in->district, STYLE_NORMAL, -1);
    view_add_wrapped(L, _("Establishment"), in->establishment, STYLE_NORMAL, -1);
    view_add(L, _("Sector"), in->sector[0] ? code_list_text(ls->sectors, in->sector) : "", STYLE_NORMAL, -1);
    view_add(L, _("Country of origin"), country_name(in->origin), STYLE_NORMAL, -1);
    buf[0] = '\0';
    for (int i = 0; i < in->n_transit; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "", country_name(in->transit[i]));
    }
    view_add_wrapped(L, _("Transit countries"), buf, STYLE_NORMAL, -1);
    view_add(L, _("Country of exploitation"), country_name(in->exploitation_country), STYLE_NORMAL, -1);
    view_add(L, _("Border crossing"), _(crossing_label(in->crossing)), STYLE_NORMAL, -1);
    view_add_wrapped(L, _("Crossing point"), in->crossing_point, STYLE_NORMAL, -1);
    buf[0] = '\0';
    for (int i = 0; i < in->n_exploitation; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
                 code_list_text(ls->exploitation_types, in->exploitation[i]));
    }
    view_add_wrapped(L, _("Exploitation"), buf, STYLE_NORMAL, -1);
    char from[THDATE_MAX] = "", to[THDATE_MAX] = "";
    date_text(in->exploitation_from_known, in->exploitation_from, from, sizeof from);
    date_text(in->exploitation_to_known, in->exploitation_to, to, sizeof to);
    snprintf(buf, sizeof buf, (from[0] || to[0]) ? "%s – %s" : "", from[0] ? from : "?",
             to[0] ? to : "?");
    view_add(L, _("Exploited from - to"), buf, STYLE_NORMAL, -1);
    view_add(L, _("Recruitment"),
             in->recruitment[0] ? code_list_text(ls->recruitment_channels, in->recruitment) : "",
             STYLE_NORMAL, -1);
    if (!in->n_documents)
        view_add(L, _("Documents"), "", STYLE_NORMAL, -1);
    for (int i = 0; i < in->n_documents; i++) {
        snprintf(buf, sizeof buf, "%s: %s", code_list_text(ls->document_kinds, in->documents[i].kind),
                 code_list_text(ls->document_holders, in->documents[i].holder));
        view_add(L, i == 0 ? _("Documents") : "", buf, STYLE_NORMAL, -1);
    }
    view_add(L, _("Immigration status"),
             in->immigration[0] ? code_list_text(ls->immigration_statuses, in->immigration) : "",
             STYLE_NORMAL, -1);
    stamp_text(cv, in->updated_at, in->updated_by, buf, sizeof buf);
    view_add(L, _("Last saved"), buf, STYLE_NORMAL, -1);
}

/* A word for the coverage list (consent_cover_text() says it in full). */
static const char *cover_word(consent_cover c)
{
    switch (c) {
    case CONSENT_COVERED: return N_("covered");
    case CONSENT_NOT_COVERED: return N_("not recorded");
    case CONSENT_REFUSED: return N_("refused");
    case CONSENT_WITHDRAWN: return N_("withdrawn");
    case CONSENT_CHILD_NEEDS_GUARDIAN: return N_("a parent or guardian must consent");
    case CONSENT_COVER_COUNT: break;
    }
    return "";
}

static void consent_lines(case_view *cv, view_lines *L)
{
    char buf[2048], date[THDATE_MAX];
    if (!cv->n_consents)
        view_add_wrapped(L, "", _("No consent recorded yet. Press n to record one."),
                    STYLE_NOTICE, -1);
    for (size_t i = 0; i < cv->n_consents; i++) {
        const tc_consent *c = &cv->consents[i];
        int item = (int)i;
        ui_style st = c->entry_withdrawn ? STYLE_NOTICE : STYLE_NORMAL;
        char label[256];
        if (c->purpose == CONSENT_REFERRAL && c->agency_kind[0])
            snprintf(label, sizeof label, "%s: %s", _(consent_purpose_label(c->purpose)),
                     !strcmp(c->agency_kind, CONSENT_ANY_AGENCY)
                         ? _("any agency") : code_list_text(agency_type_list(), c->agency_kind));
        else
            snprintf(label, sizeof label, "%s", _(consent_purpose_label(c->purpose)));
        date_text(caldate_valid(c->given_on), c->given_on, date, sizeof date);
        snprintf(buf, sizeof buf, "%s · %s%s%s · %s · %s", c->agreed ? _("agreed") : _("refused"),
                 _(consent_giver_label(c->given_by)),
                 c->given_by == CONSENT_BY_GUARDIAN && c->guardian_name[0] ? ": " : "",
                 c->given_by == CONSENT_BY_GUARDIAN ? c->guardian_name : "", date, c->language);
        if (c->interpreter_used) {
            size_t used = strlen(buf);
            snprintf(buf + used, sizeof buf - used, " · %s: %s", _("interpreter"), c->interpreter_name);
        }
        if (c->withdrawn) {
            date_text(true, c->withdrawn_on, date, sizeof date);
            size_t used = strlen(buf);
            snprintf(buf + used, sizeof buf - used, " · %s %s", _("withdrawn on"), date);
        }
        if (c->entry_withdrawn) {
            size_t used = strlen(buf);
            snprintf(buf + used, sizeof buf - used, " · %s", _("(entry withdrawn as wrong)"));
        }
        view_add_wrapped(L, label, buf, st, item);
    }
    /* What is covered today, for each purpose. */
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Covered today"), "", STYLE_HEADING, -1);
    caldate today = app_today(&cv->t->opt->clock);
    for (int p = 0; p < CONSENT_PURPOSE_COUNT; p++) {
        consent_cover cover;
        if (store_consent_covers(cv->t->st, cv->id, (consent_purpose)p, CONSENT_ANY_AGENCY, today,
                                 &cover) != ST_OK)
            continue;
        char line[1024];
        snprintf(line, sizeof line, "%s: %s", _(consent_purpose_label((consent_purpose)p)),
                 _(cover_word(cover)));
        view_add_wrapped(L, "", line, cover == CONSENT_COVERED ? STYLE_NORMAL : STYLE_NOTICE, -1);
    }
}

static void need_lines(case_view *cv, view_lines *L)
{
    if (!cv->n_needs)
        view_add_wrapped(L, "", _("No assistance need recorded yet. Press n to record one."), STYLE_NOTICE, -1);
    for (size_t i = 0; i < cv->n_needs; i++) {
        const tc_need *nd = &cv->needs[i];
        int item = (int)i;
        bool urgent = nd->urgent && need_state_is_open(nd->state) && !nd->entry_withdrawn;
        char label[256], state[512];
        snprintf(label, sizeof label, "%s%s", urgent ? "! " : "", _(need_kind_label(nd->kind)));
        snprintf(state, sizeof state, "%s%s%s", _(need_state_label(nd->state)),
                 urgent ? " · " : "", urgent ? _("urgent") : "");
        if (nd->entry_withdrawn) {
            size_t used = strlen(state);
            snprintf(state + used, sizeof state - used, " · %s", _("(entry withdrawn as wrong)"));
        }
        ui_style st = nd->entry_withdrawn ? STYLE_NOTICE : urgent ? STYLE_ERROR : STYLE_NORMAL;
        view_add(L, label, state, st, item);
        if (nd->state == NEED_UNAVAILABLE && nd->unavailable_reason[0]) {
            char why[NEED_REASON_MAX + 64];
            snprintf(why, sizeof why, "%s: %s", _("Why"), nd->unavailable_reason);
            view_add_wrapped(L, "", why, STYLE_NORMAL, item);
        }
        if (nd->note[0])
            view_add_wrapped(L, "", nd->note, STYLE_NORMAL, item);
    }
}

/* The Notes tab's entries: the parties first (a short list the officer
 * looks for), then the notes. */
static int first_note_item(const case_view *cv)
{
    return (int)cv->parties.n;
}

static void note_lines(case_view *cv, view_lines *L)
{
    char when[THDATE_MAX + 16];
    parties_tab_lines(&cv->parties, 0, L);
    if (!cv->n_notes)
        view_add_wrapped(L, "", _("No notes yet. Press n to write one."), STYLE_NOTICE, -1);
    for (size_t i = 0; i < cv->n_notes; i++) {
        const tc_note *nt = &cv->notes[i];
        int item = first_note_item(cv) + (int)i;
        moment_format(nt->created_at, cv->t->opt->clock.utc_offset, when, sizeof when);
        char who[OFFICER_NAME_MAX + 128];
        snprintf(who, sizeof who, "%s%s%s", officer_name(cv, nt->created_by),
                 nt->version > 1 ? " · " : "", nt->version > 1 ? _("corrected") : "");
        if (nt->entry_withdrawn) {
            size_t used = strlen(who);
            snprintf(who + used, sizeof who - used, " · %s", _("(entry withdrawn as wrong)"));
        }
        view_add(L, when, who, STYLE_HEADING, item);
        view_add_wrapped(L, "", nt->text, nt->entry_withdrawn ? STYLE_NOTICE : STYLE_NORMAL,
                    item);
        view_add(L, "", "", STYLE_NORMAL, item);
    }
}

static void timeline_lines(case_view *cv, view_lines *L)
{
    char when[THDATE_MAX + 16], what[1024];
    if (!cv->n_events)
        view_add(L, "", _("Nothing recorded yet."), STYLE_NOTICE, -1);
    for (size_t i = 0; i < cv->n_events; i++) {
        moment_format(cv->events[i].at, cv->t->opt->clock.utc_offset, when, sizeof when);
        format_timeline_what(&cv->events[i], what, sizeof what);
        view_add_wrapped(L, when, what, STYLE_NORMAL, -1);
    }
}

static void build_lines(case_view *cv)
{
    cv->lines.n = 0;
    switch (cv->tab) {
    case TAB_PERSON: person_lines(cv, &cv->lines); break;
    case TAB_INTAKE: intake_lines(cv, &cv->lines); break;
    case TAB_CONSENT: consent_lines(cv, &cv->lines); break;
    case TAB_SCREENINGS: screenings_tab_lines(cv->screenings, cv->t, &cv->lines); break;
    case TAB_NEEDS: need_lines(cv, &cv->lines); break;
    case TAB_NOTES: note_lines(cv, &cv->lines); break;
    case TAB_TIMELINE: timeline_lines(cv, &cv->lines); break;
    case TAB_REFERRALS: referrals_tab_lines(cv->referrals, cv->t, &cv->lines); break;
    case TAB_RETURN: return_tab_lines(cv->returns, cv->t, &cv->lines); break;
    case TAB_COUNT: break;
    }
}

/* How many entries the officer can choose among on this tab. */
static int tab_items(const case_view *cv)
{
    switch (cv->tab) {
    case TAB_CONSENT: return (int)cv->n_consents;
    case TAB_SCREENINGS: return (int)screenings_tab_count(cv->screenings);
    case TAB_NEEDS: return (int)cv->n_needs;
    case TAB_NOTES: return (int)(cv->parties.n + cv->n_notes);
    case TAB_REFERRALS: return (int)referrals_tab_count(cv->referrals);
    default: return 0;
    }
}

/* ---- drawing ------------------------------------------------------------ */

static int header_rows(const case_view *cv)
{
    return cv->urgent ? 3 : 2;      /* header, banner, tabs: content starts after */
}

static int content_top(const case_view *cv)
{
    return header_rows(cv) + 1;
}

static int content_rows(const case_view *cv)
{
    int r = ui_rows() - 2 - content_top(cv);
    return r < 1 ? 1 : r;
}

static void draw_header(case_view *cv)
{
    int cols = ui_cols();
    char left[1024];
    caldate today = app_today(&cv->t->opt->clock);
    bool child = case_is_child(&cv->c, today, cv->t->opt->clock.utc_offset);
    snprintf(left, sizeof left, " %s%s%s · %s%s%s", case_display_name(&cv->c),
             child ? " · " : "", child ? _("child") : "", _(stage_label(cv->stage)),
             cv->incomplete ? " · " : "", cv->incomplete ? _("incomplete") : "");
    int used = ui_text_short(1, 0, cols, left, STYLE_HEADING);
    ui_text(1, used, cols - used, "", STYLE_NORMAL);
    if (cv->clock_text[0] && used + 3 < cols)
        ui_text_short(1, used + 3, cols - used - 3, cv->clock_text,
                      cv->clock_urgent ? STYLE_ERROR : STYLE_NORMAL);
}

/* "! 2 urgent needs: Accommodation, Medical care" */
static void draw_urgent(case_view *cv)
{
    if (!cv->urgent)
        return;
    char text[1024];
    snprintf(text, sizeof text, _("! Urgent (%zu):"), cv->urgent);
    for (size_t i = 0; i < cv->n_needs; i++) {
        const tc_need *nd = &cv->needs[i];
        if (nd->urgent && need_state_is_open(nd->state) && !nd->entry_withdrawn) {
            size_t used = strlen(text);
            snprintf(text + used, sizeof text - used, "%s %s",
                     text[used - 1] == ':' ? "" : ",", _(need_kind_label(nd->kind)));
        }
    }
    ui_text(2, 0, ui_cols(), text, STYLE_ERROR);
}

/* The tab bar; when the names do not all fit, some tabs show only their
 * numbers (case_tabs_fit). */
static void draw_tabs(case_view *cv)
{
    int y = header_rows(cv), cols = ui_cols(), width[TAB_COUNT];
    char label[TAB_COUNT][128];
    bool full[TAB_COUNT];
    for (int i = 0; i < TAB_COUNT; i++) {
        snprintf(label[i], sizeof label[i], "%d %s", i + 1, _(case_tab_label((case_tab)i)));
        width[i] = text_columns(label[i]);
    }
    case_tabs_fit(width, TAB_COUNT, (int)cv->tab, cols, full);
    ui_text(y, 0, cols, "", STYLE_NORMAL);
    int x = 1;
    for (int i = 0; i < TAB_COUNT && x < cols; i++) {
        char shortl[16];
        snprintf(shortl, sizeof shortl, "%d", i + 1);
        x += ui_text_short(y, x, cols - x, full[i] ? label[i] : shortl,
                           i == (int)cv->tab ? STYLE_SELECTED : STYLE_HEADING);
        x += full[i] ? 1 : 2;
    }
}

/* First and last line of the chosen entry (-1 when none). */
static void item_span(const case_view *cv, int item, int *first, int *last)
{
    *first = *last = -1;
    for (int i = 0; i < cv->lines.n; i++)
        if (cv->lines.v[i].item == item) {
            if (*first < 0)
                *first = i;
            *last = i;
        }
}

static void keep_in_view(case_view *cv)
{
    int rows = content_rows(cv), n = cv->lines.n;
    int items = tab_items(cv);
    int *sel = &cv->sel[cv->tab];
    if (*sel >= items)
        *sel = items ? items - 1 : 0;
    if (items) {
        int first, last;
        item_span(cv, *sel, &first, &last);
        if (first >= 0) {
            if (last >= cv->top + rows)
                cv->top = last - rows + 1;
            if (first < cv->top)
                cv->top = first;
        }
    }
    if (cv->top > n - rows)
        cv->top = n - rows;
    if (cv->top < 0)
        cv->top = 0;
}

static void draw_view(case_view *cv)
{
    tui *t = cv->t;
    ui_clear();
    char title[256];
    snprintf(title, sizeof title, "%s %s", _("Case"), cv->c.reference);
    tui_draw_title(t, title);
    draw_header(cv);
    draw_urgent(cv);
    draw_tabs(cv);
    int y = content_top(cv), last = ui_rows() - 3;
    bool items = tab_items(cv) > 0;
    for (int i = cv->top; i < cv->lines.n && y <= last; i++, y++) {
        const view_line *l = &cv->lines.v[i];
        bool chosen = items && l->item >= 0 && l->item == cv->sel[cv->tab];
        ui_text(y, 0, 1, chosen ? ">" : "", STYLE_NORMAL);
        ui_text(y, 1, LABEL_COLS, l->label, chosen ? STYLE_SELECTED : STYLE_HEADING);
        ui_text(y, LABEL_COLS + 2, view_value_cols(), l->value, chosen ? STYLE_SELECTED : l->style);
    }
    tui_draw_end(t, case_tab_keys(cv->tab));
}

/* ---- acting -------------------------------------------------------------- */

static void move_about(case_view *cv, key_action a)
{
    int items = tab_items(cv), page = content_rows(cv);
    int *sel = &cv->sel[cv->tab];
    if (items) {
        switch (a) {
        case ACT_UP: if (*sel > 0) (*sel)--; break;
        case ACT_DOWN: if (*sel + 1 < items) (*sel)++; break;
        case ACT_PAGE_UP: *sel = *sel > 5 ? *sel - 5 : 0; break;
        case ACT_PAGE_DOWN: *sel = *sel + 5 < items ? *sel + 5 : items - 1; break;
        case ACT_TOP: *sel = 0; break;
        case ACT_BOTTOM: *sel = items - 1; break;
        default: break;
        }
        return;
    }
    tui_scroll_move(a, &cv->top, cv->lines.n, page);
}

/* The chosen entry's index, or -1 (and a message) when the tab has none. */
static int chosen(case_view *cv)
{
    if (tab_items(cv) > 0)
        return cv->sel[cv->tab];
    tui_say(cv->t, STYLE_ERROR, _("There is nothing to choose here yet."));
    return -1;
}

static void edit_person(case_view *cv)
{
    tc_case *c = malloc(sizeof *c);
    if (!c)
        return;
    *c = cv->c;
    screen_case_edit(cv->t, c, false);
    free(c);
}

/* e: edit the person or the intake, or correct the chosen entry. */
static void on_edit(case_view *cv)
{
    tui *t = cv->t;
    int i;
    switch (cv->tab) {
    case TAB_PERSON: edit_person(cv); break;
    case TAB_INTAKE: screen_intake_edit(t, cv->id); break;
    case TAB_CONSENT:
        if ((i = chosen(cv)) >= 0)
            screen_consent_edit(t, cv->id, &cv->consents[i]);
        break;
    case TAB_NEEDS:
        if ((i = chosen(cv)) >= 0)
            screen_need_edit(t, cv->id, &cv->needs[i]);
        break;
    case TAB_NOTES:
        if ((i = chosen(cv)) >= 0 && i < first_note_item(cv))
            screen_party_edit(t, cv->id, &cv->parties.parties[i]);
        else if (i >= 0)
            screen_note_edit(t, cv->id, &cv->notes[i - first_note_item(cv)]);
        break;
    default: break;
    }
}

static void on_new(case_view *cv)
{
    tui *t = cv->t;
    switch (cv->tab) {
    case TAB_CONSENT: screen_consent_edit(t, cv->id, NULL); break;
    case TAB_SCREENINGS: screen_screening_new(t, cv->id); break;
    case TAB_NEEDS: screen_need_edit(t, cv->id, NULL); break;
    case TAB_NOTES: screen_note_edit(t, cv->id, NULL); break;
    case TAB_REFERRALS: screen_referral_new(t, cv->id); break;
    default: break;
    }
}

static void on_withdraw_entry(case_view *cv)
{
    int i = chosen(cv);
    if (i < 0)
        return;
    char what[512];
    switch (cv->tab) {
    case TAB_CONSENT:
        snprintf(what, sizeof what, "%s", _(consent_purpose_label(cv->consents[i].purpose)));
        screen_record_withdraw(cv->t, RECORD_KIND_CONSENT, cv->consents[i].id, what);
        break;
    case TAB_NEEDS:
        snprintf(what, sizeof what, "%s", _(need_kind_label(cv->needs[i].kind)));
        screen_record_withdraw(cv->t, RECORD_KIND_NEED, cv->needs[i].id, what);
        break;
    case TAB_NOTES:
        if (i < first_note_item(cv)) {
            screen_party_withdraw(cv->t, &cv->parties.parties[i]);
            break;
        }
        i -= first_note_item(cv);
        timeline_excerpt(cv->notes[i].text, what, 60);
        screen_record_withdraw(cv->t, RECORD_KIND_NOTE, cv->notes[i].id, what);
        break;
    default: break;
    }
}

/* Everything but moving about and switching tabs.  True when the view
 * should close. */
static bool act(case_view *cv, key_action a)
{
    tui *t = cv->t;
    int i;
    switch (a) {
    case ACT_BACK: return true;
    case ACT_HELP: keys_show_help(_("Case"), case_tab_keys(cv->tab)); break;
    case ACT_EDIT: on_edit(cv); break;
    case ACT_NEW: on_new(cv); break;
    case ACT_OPEN:
        if (cv->tab == TAB_SCREENINGS && (i = chosen(cv)) >= 0)
            screen_screening_open(t, screenings_tab_id(cv->screenings, (size_t)i));
        else if (cv->tab == TAB_REFERRALS && (i = chosen(cv)) >= 0)
            screen_referral_view(t, referrals_tab_id(cv->referrals, (size_t)i));
        break;
    case ACT_IDENTIFY: screen_identification_edit(t, cv->id); break;
    case ACT_CLOCKS: screen_case_clocks(t, cv->id); break;
    case ACT_STATE:
        if (cv->tab == TAB_NEEDS && (i = chosen(cv)) >= 0)
            screen_need_state(t, &cv->needs[i]);
        break;
    case ACT_WITHDRAW:
        if (cv->tab == TAB_CONSENT && (i = chosen(cv)) >= 0)
            screen_consent_withdraw(t, &cv->consents[i]);
        break;
    case ACT_WITHDRAW_ENTRY: on_withdraw_entry(cv); break;
    case ACT_CLOSE_CASE: screen_case_close(t, cv->id); break;
    case ACT_REPATRIATION: screen_repatriation(t, cv->id); break;
    case ACT_REINTEGRATION: screen_reintegration(t, cv->id); break;
    case ACT_FOLLOWUP: screen_followup_add(t, cv->id); break;
    case ACT_CASE_HANDOVER: screen_case_handover(t, cv->id); break;
    case ACT_PARTY:
        if (cv->tab == TAB_NOTES)
            screen_party_new(t, cv->id, &cv->parties);
        break;
    default: break;
    }
    return false;
}

static bool is_move(key_action a)
{
    return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP || a == ACT_PAGE_DOWN ||
           a == ACT_TOP || a == ACT_BOTTOM;
}

static void view_free(case_view *cv)
{
    free_tab_records(cv);
    free(cv->needs);
    free(cv->officers);
    free(cv->lines.v);
    free(cv);
}

void screen_case_view(tui *t, const char *case_id)
{
    screen_case_view_at(t, case_id, TAB_PERSON);
}

void screen_case_view_at(tui *t, const char *case_id, case_tab tab)
{
    case_view *cv = calloc(1, sizeof *cv);
    if (!cv)
        return;
    cv->t = t;
    cv->tab = tab >= 0 && tab < TAB_COUNT ? tab : TAB_PERSON;
    snprintf(cv->id, sizeof cv->id, "%s", case_id);
    bool reread = true;
    while (!t->quit) {
        if (reread && !read_case(cv)) {
            /* Not found, or not this officer's to open (core/access.h). */
            const char *why = t->st ? store_refusal(t->st) : NULL;
            tui_say(t, STYLE_ERROR, _(why ? why : store_status_text(ST_NOT_FOUND)));
            break;
        }
        reread = false;
        build_lines(cv);
        keep_in_view(cv);
        draw_view(cv);
        const key_binding *keys = case_tab_keys(cv->tab);
        key_action a = tui_command_key(t, keys);
        if (t->quit || !t->st)
            break;
        case_tab to = case_tab_after(cv->tab, a);
        if (to != cv->tab) {
            cv->tab = to;
            cv->top = 0;
            read_tab(cv);
        } else if (is_move(a)) {
            move_about(cv, a);
        } else if (a == ACT_REDRAW) {
            reread = true;
        } else if (a != ACT_NONE) {
            if (act(cv, a))
                break;
            reread = true;
        }
    }
    view_free(cv);
}
