/* referral_screens.c - making a referral from a case, one referral with
 * its history and next steps, and its handover sheet written to a file.
 *
 * The rules are core's and the store applies them: this file offers only
 * what core says is possible next (referral_next_states), asks for what a
 * refusal names (the reason, the reason for going without consent) and
 * says the refusal in the officer's language with the focus on the field
 * it named, keeping everything typed. */
#include "config.h"
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "core/caserec.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/caseforms.h"
#include "tui/caseview.h"
#include "tui/referral_screens.h"
#include "tui/referral_sheet.h"
#include "tui/timeinput.h"

#define CHOOSE_HINT N_("Left and right arrows choose.")
#define PICK_HINT N_("Left and right arrows move; Space picks or drops. Several may apply.")
#define NOT_COVERED N_("Consent does not cover this referral: give the reason to send it without.")
#define SHORT_ID 8                  /* what lists print of a referral's id */

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

/* ---- names ------------------------------------------------------------------ */

const char *agency_short_name(const tc_agency *a)
{
    const char *abbr = i18n_is_thai() ? a->abbr_th : a->abbr_en;
    if (!abbr[0])
        abbr = i18n_is_thai() ? a->abbr_en : a->abbr_th;
    return abbr[0] ? abbr : agency_long_name(a);
}

const char *agency_long_name(const tc_agency *a)
{
    const char *name = i18n_is_thai() ? a->name_th : a->name_en;
    return name[0] ? name : a->code;
}

void referral_overdue_note(tui *t, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = '\0';
    if (!t->st || store_referral_count_overdue(t->st, tc_now(&t->opt->clock), &n) != ST_OK || !n)
        return;
    snprintf(out, outsz, _("! Referrals overdue: %zu (R)"), n);
}

/* "R-1a2b3c4d", as the lists and the command line name a referral. */
static void short_id(const char *id, char out[SHORT_ID + 3])
{
    snprintf(out, SHORT_ID + 3, "R-%.*s", SHORT_ID, id);
}

/* ---- shared by the forms ------------------------------------------------------ */

static form_field *fields_new(int n)
{
    return calloc((size_t)n, sizeof(form_field));
}

static void fields_free(form_field *fl, int n)
{
    if (!fl)
        return;
    sodium_memzero(fl, sizeof *fl * (size_t)n);
    free(fl);
}

static void choice_field(form_field *fl, const char *key, const char *label,
                         const char *const *choices, int n, int now)
{
    form_field_init(fl, key, label, CHOOSE_HINT, FIELD_CHOICE, 0, 0);
    fl->choices = choices;
    fl->nchoices = n;
    fl->choice = now >= 0 && now < n ? now : 0;
}

static bool blank(const char *s)
{
    while (*s == ' ')
        s++;
    return !*s;
}

/* Say why, and go to the field the rule named. */
static void refuse(tui *t, form *f, const char *msgid, const char *field)
{
    tui_say(t, STYLE_ERROR, _(msgid));
    form_focus(f, field);
}

/* Which consent is missing, purpose by purpose, in one line. */
static void gate_text(const referral_gate *g, char *out, size_t outsz)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < g->count && used < outsz; i++)
        if (g->covers[i] != CONSENT_COVERED)
            used += (size_t)snprintf(out + used, outsz - used, "%s%s: %s", used ? " · " : "",
                                     _(consent_purpose_label(g->purposes[i])),
                                     _(consent_cover_text(g->covers[i])));
}

/* ---- a new referral ------------------------------------------------------------ */

enum { NR_NEEDS, NR_URGENCY, NR_CHANNEL, NR_SUMMARY, NR_SHARED, NR_SEND, NR_OVERRIDE, NR_COUNT };

typedef struct new_referral {
    tui *t;
    char case_id[TC_ID_LEN];
    tc_agency agency;
    referral_gate gate;             /* for the agency chosen, today, no override */
    form f;
    form_field *fl;
    char title[512];
    /* The needs offered: the case's open ones first, then every other kind. */
    need_kind kinds[NEED_KIND_COUNT];
    const char *need_labels[NEED_KIND_COUNT];
    int n_open;
    const char *urgencies[REFERRAL_URGENCY_COUNT];
    const char *channels[REFERRAL_CHANNEL_COUNT];
    const char *sections[REFERRAL_SECTION_COUNT];
    const char *send_choices[2];
} new_referral;

/* The need kinds in the order the form offers them. */
static void order_needs(new_referral *x, const tc_need *needs, size_t n)
{
    bool taken[NEED_KIND_COUNT] = { false };
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        const tc_need *nd = &needs[i];
        if (nd->entry_withdrawn || !need_state_is_open(nd->state) || taken[nd->kind])
            continue;
        taken[nd->kind] = true;
        x->kinds[k++] = nd->kind;
    }
    x->n_open = k;
    for (int kind = 0; kind < NEED_KIND_COUNT; kind++)
        if (!taken[kind])
            x->kinds[k++] = (need_kind)kind;
    for (int i = 0; i < NEED_KIND_COUNT; i++)
        x->need_labels[i] = need_kind_label(x->kinds[i]);
}

static bool new_referral_build(new_referral *x)
{
    tc_need *needs = NULL;
    size_t n = 0;
    if (store_need_list(x->t->st, x->case_id, &needs, &n) != ST_OK)
        needs = NULL, n = 0;
    needs_sort_for_view(needs, n);
    order_needs(x, needs, n);
    free(needs);
    x->fl = fields_new(NR_COUNT);
    if (!x->fl)
        return false;
    form_field *fl = x->fl;
    form_field_init(&fl[NR_NEEDS], "needs", N_("Needs it answers"),
                    N_("The case's open needs come first; another is recorded as a new need."),
                    FIELD_MULTI, 0, 0);
    fl[NR_NEEDS].choices = x->need_labels;
    fl[NR_NEEDS].nchoices = NEED_KIND_COUNT;
    for (int i = 0; i < REFERRAL_URGENCY_COUNT; i++)
        x->urgencies[i] = referral_urgency_label((referral_urgency)i);
    choice_field(&fl[NR_URGENCY], "urgency", N_("Urgency"), x->urgencies, REFERRAL_URGENCY_COUNT,
                 REFERRAL_URGENT);
    for (int i = 0; i < REFERRAL_CHANNEL_COUNT; i++)
        x->channels[i] = referral_channel_label((referral_channel)i);
    choice_field(&fl[NR_CHANNEL], "channel", N_("Channel"), x->channels, REFERRAL_CHANNEL_COUNT,
                 REFERRAL_BY_LETTER);
    form_field_init(&fl[NR_SUMMARY], "summary", N_("Information shared"),
                    N_("In words: what the agency is told about the person and why."),
                    FIELD_TEXT, REFERRAL_SUMMARY_MAX, REFERRAL_SUMMARY_MAX);
    for (int i = 0; i < REFERRAL_SECTION_COUNT; i++)
        x->sections[i] = referral_section_label((referral_section)i);
    form_field_init(&fl[NR_SHARED], "shared", N_("Sections shared"), PICK_HINT, FIELD_MULTI, 0, 0);
    fl[NR_SHARED].choices = x->sections;
    fl[NR_SHARED].nchoices = REFERRAL_SECTION_COUNT;
    x->send_choices[0] = N_("Send it now");
    x->send_choices[1] = N_("Keep it as a draft");
    choice_field(&fl[NR_SEND], "send", N_("Send"), x->send_choices, 2, 0);
    form_field_init(&fl[NR_OVERRIDE], "override_reason", N_("Reason without consent"),
                    N_("Required to send it without consent; the audit trail keeps it."),
                    FIELD_TEXT, CONSENT_REASON_MAX, CONSENT_REASON_MAX);
    return true;
}

/* The agency is chosen: the title names it, the needs it serves are
 * picked, and the consent gate decides whether the reason is asked. */
static void new_referral_agency(new_referral *x)
{
    tui *t = x->t;
    snprintf(x->title, sizeof x->title, _("Refer to %s"), agency_short_name(&x->agency));
    form_field *needs = &x->fl[NR_NEEDS];
    needs->picked = 0;
    for (int i = 0; i < x->n_open; i++)
        if (need_set_has(x->agency.services, x->kinds[i]))
            needs->picked |= (uint64_t)1 << i;
    memset(&x->gate, 0, sizeof x->gate);
    store_status st = store_referral_gate(t->st, x->case_id, x->agency.code,
                                          tc_now(&t->opt->clock), NULL, &x->gate);
    bool covered = st == ST_OK && x->gate.covered;
    x->f = (form){ x->title,
                   covered ? N_("Consent covers a referral to this agency.")
                           : NOT_COVERED,
                   x->fl, covered ? NR_OVERRIDE : NR_COUNT, 0, 0 };
    char why[1024];
    gate_text(&x->gate, why, sizeof why);
    if (!covered && why[0])
        tui_say(t, STYLE_ERROR, why);
}

/* What the form holds, as a referral of the case to the chosen agency. */
static void new_referral_read(const new_referral *x, tc_referral *r)
{
    referral_init(r);
    snprintf(r->case_id, sizeof r->case_id, "%s", x->case_id);
    snprintf(r->agency_code, sizeof r->agency_code, "%s", x->agency.code);
    const form_field *fl = x->fl;
    for (int i = 0; i < NEED_KIND_COUNT; i++)
        if ((fl[NR_NEEDS].picked >> i) & 1)
            r->needs |= need_set_of(x->kinds[i]);
    r->urgency = (referral_urgency)fl[NR_URGENCY].choice;
    r->channel = (referral_channel)fl[NR_CHANNEL].choice;
    form_get(&x->f, NR_SUMMARY, r->summary, sizeof r->summary);
    for (int i = 0; i < REFERRAL_SECTION_COUNT; i++)
        if ((fl[NR_SHARED].picked >> i) & 1)
            r->shared |= code_set_bit(i);
}

/* "Sent to พม." and, when the directory does not list a need among the
 * agency's services, a note that says which (the directory may be behind
 * what the agency really does). */
static void new_referral_saved(new_referral *x, const tc_referral *r)
{
    char msg[1024];
    snprintf(msg, sizeof msg,
             r->state == REFERRAL_SENT ? _("The referral to %s is sent.")
                                       : _("The referral to %s is kept as a draft."),
             agency_short_name(&x->agency));
    need_set outside = referral_needs_outside_services(r, &x->agency);
    bool first = true;
    for (int k = 0; k < NEED_KIND_COUNT; k++)
        if (need_set_has(outside, (need_kind)k)) {
            size_t used = strlen(msg);
            snprintf(msg + used, sizeof msg - used, first ? " %s %s" : "%s, %s",
                     first ? _("Not in its listed services:") : "",
                     _(need_kind_label((need_kind)k)));
            first = false;
        }
    tui_say(x->t, outside ? STYLE_ERROR : STYLE_NOTICE, msg);
}

static bool new_referral_save(new_referral *x)
{
    tui *t = x->t;
    tc_referral *r = malloc(sizeof *r);
    if (!r) {
        tui_say(t, STYLE_ERROR, _(store_status_text(ST_NOMEM)));
        return false;
    }
    new_referral_read(x, r);
    bool send = x->fl[NR_SEND].choice == 0;
    char reason[CONSENT_REASON_MAX + 1] = "";
    if (x->f.n > NR_OVERRIDE)
        form_get(&x->f, NR_OVERRIDE, reason, sizeof reason);
    referral_check chk = { REFERRAL_OK, NULL };
    referral_gate g;
    store_status st = store_referral_add(t->st, r, send, blank(reason) ? NULL : reason, &chk, &g);
    if (st == ST_INVALID) {
        refuse(t, &x->f, store_referral_problem_text(chk.problem), chk.field);
        if (chk.problem == REFERRAL_CONSENT_NOT_PERMITTED && x->f.n <= NR_OVERRIDE) {
            /* Consent changed since the form opened: ask for the reason now. */
            x->f.n = NR_COUNT;
            form_focus(&x->f, "override_reason");
        }
    } else if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    } else {
        new_referral_saved(x, r);
    }
    sodium_memzero(r, sizeof *r);
    free(r);
    return st == ST_OK;
}

bool screen_referral_new(tui *t, const char *case_id)
{
    new_referral *x = calloc(1, sizeof *x);
    if (!x)
        return false;
    x->t = t;
    snprintf(x->case_id, sizeof x->case_id, "%s", case_id);
    bool saved = false;
    if (!new_referral_build(x)) {
        tui_say(t, STYLE_ERROR, _(store_status_text(ST_NOMEM)));
        free(x);
        return false;
    }
    char code[TC_CODE_MAX + 1];
    /* Esc on the form goes back to the directory, to choose another
     * agency; Esc there leaves.  What was typed stays. */
    while (!saved && !t->quit && t->st &&
           screen_agency_pick(t, N_("Refer to which agency?"), code)) {
        store_status st = store_agency_get(t->st, code, 0, &x->agency);
        if (st != ST_OK) {
            tui_say(t, STYLE_ERROR, _(store_status_text(st)));
            continue;
        }
        new_referral_agency(x);
        while (!saved && !t->quit && t->st && form_run(t, &x->f) == ACT_SAVE && t->st)
            saved = new_referral_save(x);
    }
    fields_free(x->fl, NR_COUNT);
    sodium_memzero(x, sizeof *x);
    free(x);
    return saved;
}

/* ---- one referral ------------------------------------------------------------- */

typedef struct referral_view {
    tui *t;
    char id[TC_ID_LEN];
    tc_referral r;
    tc_agency agency;
    tc_case person;
    referral_settings settings;
    referral_event_row *events;
    size_t n_events;
    tc_need *needs;
    size_t n_needs;
    char officer[OFFICER_NAME_MAX + 1];
    view_lines lines;
    int top;
} referral_view;

static void view_records_free(referral_view *v)
{
    free(v->events);
    free(v->needs);
    v->events = NULL, v->n_events = 0;
    v->needs = NULL, v->n_needs = 0;
}

static bool view_read(referral_view *v)
{
    store *st = v->t->st;
    view_records_free(v);
    store_status s = store_referral_get(st, v->id, &v->r);
    if (s == ST_OK)
        s = store_case_get(st, v->r.case_id, &v->person);
    if (s != ST_OK) {
        tui_say(v->t, STYLE_ERROR, _(store_status_text(s)));
        return false;
    }
    if (store_agency_get(st, v->r.agency_code, 0, &v->agency) != ST_OK) {
        agency_init(&v->agency);
        snprintf(v->agency.code, sizeof v->agency.code, "%s", v->r.agency_code);
    }
    if (store_referral_settings(st, &v->settings) != ST_OK)
        referral_settings_defaults(&v->settings);
    if (store_referral_events(st, v->id, &v->events, &v->n_events) != ST_OK)
        v->events = NULL, v->n_events = 0;
    if (store_referral_needs(st, v->id, &v->needs, &v->n_needs) != ST_OK)
        v->needs = NULL, v->n_needs = 0;
    tc_officer o;
    v->officer[0] = '\0';
    if (store_officer_get(st, v->r.officer_id, &o) == ST_OK)
        snprintf(v->officer, sizeof v->officer, "%s", o.name);
    return true;
}

static void agency_lines(referral_view *v, view_lines *L)
{
    const tc_agency *a = &v->agency;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s%s%s%s", agency_long_name(a), a->active ? "" : " (",
             a->active ? "" : _("retired"), a->active ? "" : ")");
    view_add_wrapped(L, _("Agency"), buf, STYLE_HEADING, -1);
    if (a->phone[0])
        view_add(L, _("Telephone"), a->phone, STYLE_NORMAL, -1);
    if (a->focal_name[0]) {
        snprintf(buf, sizeof buf, "%s%s%s", a->focal_name, a->focal_phone[0] ? " · " : "",
                 a->focal_phone);
        view_add(L, _("Focal person"), buf, STYLE_NORMAL, -1);
    }
}

static void state_lines(referral_view *v, view_lines *L)
{
    const tc_referral *r = &v->r;
    tui *t = v->t;
    char buf[1024], when[MOMENT_TEXT_MAX], left[96];
    snprintf(buf, sizeof buf, "%s%s%s", _(referral_state_label(r->state)),
             r->state_reason[0] ? " · " : "", r->state_reason);
    view_add_wrapped(L, _("State"), buf, STYLE_NORMAL, -1);
    snprintf(buf, sizeof buf, "%s · %s", _(referral_urgency_label(r->urgency)),
             _(referral_channel_label(r->channel)));
    view_add(L, _("Urgency"), buf, STYLE_NORMAL, -1);
    int64_t due = 0, now = tc_now(&t->opt->clock);
    referral_wait w = referral_due(r, &v->settings, &due);
    if (w != REFERRAL_WAIT_NONE) {
        bool late = referral_overdue(r, &v->settings, now);
        moment_format(due, t->opt->clock.utc_offset, when, sizeof when);
        time_left_words(due - now, left, sizeof left);
        snprintf(buf, sizeof buf, "%s%s %s (%s)", late ? "! " : "", _(referral_wait_label(w)),
                 when, left);
        view_add_wrapped(L, _("Deadline"), buf, late ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
    view_add(L, _("Referring officer"), v->officer, STYLE_NORMAL, -1);
    const char *consent = r->consent_overridden ? _("sent without consent, with a reason (audited)")
                          : r->sent_at ? _("covered") : _("checked when it is sent");
    view_add_wrapped(L, _("Consent"), consent, r->consent_overridden ? STYLE_ERROR : STYLE_NORMAL,
                     -1);
    if (r->consent_overridden)
        view_add_wrapped(L, "", r->override_reason, STYLE_NORMAL, -1);
}

static void shared_lines(referral_view *v, view_lines *L)
{
    const tc_referral *r = &v->r;
    char buf[2048];
    view_add_wrapped(L, _("Information shared"), r->summary[0] ? r->summary : _("none"),
                     STYLE_NORMAL, -1);
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < REFERRAL_SECTION_COUNT && used < sizeof buf; i++)
        if (r->shared & code_set_bit(i))
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used ? ", " : "",
                                     _(referral_section_label((referral_section)i)));
    view_add_wrapped(L, _("Sections shared"), buf[0] ? buf : _("none"), STYLE_NORMAL, -1);
    for (size_t i = 0; i < v->n_needs; i++) {
        const tc_need *nd = &v->needs[i];
        snprintf(buf, sizeof buf, "%s: %s", _(need_kind_label(nd->kind)),
                 _(need_state_label(nd->state)));
        view_add(L, i == 0 ? _("Needs it answers") : "", buf, STYLE_NORMAL, -1);
    }
}

/* Every change, oldest first: when, from and to, who, and the reason. */
static void history_lines(referral_view *v, view_lines *L)
{
    char when[MOMENT_TEXT_MAX], buf[2048];
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("History"), "", STYLE_HEADING, -1);
    for (size_t i = 0; i < v->n_events; i++) {
        const referral_event_row *e = &v->events[i];
        moment_format(e->event.at, v->t->opt->clock.utc_offset, when, sizeof when);
        if (e->created)
            snprintf(buf, sizeof buf, "%s · %s", _("made as a draft"), e->officer_name);
        else
            snprintf(buf, sizeof buf, "%s → %s · %s", _(referral_state_label(e->event.from)),
                     _(referral_state_label(e->event.to)), e->officer_name);
        view_add_wrapped(L, when, buf, STYLE_NORMAL, -1);
        if (e->event.note[0])
            view_add_wrapped(L, "", e->event.note, STYLE_NOTICE, -1);
    }
}

/* What can happen next, from core's table. */
static void next_lines(referral_view *v, view_lines *L)
{
    referral_state next[REFERRAL_STATE_COUNT];
    size_t n = referral_next_states(v->r.state, next);
    char buf[1024];
    if (!n) {
        view_add(L, "", "", STYLE_NORMAL, -1);
        view_add_wrapped(L, "", _("This referral has ended: nothing about it changes any more."),
                         STYLE_NOTICE, -1);
        return;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < sizeof buf; i++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "",
                                 _(referral_state_label(next[i])));
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add_wrapped(L, _("Next (s)"), buf, STYLE_NOTICE, -1);
}

static void view_build(referral_view *v)
{
    v->lines.n = 0;
    agency_lines(v, &v->lines);
    state_lines(v, &v->lines);
    shared_lines(v, &v->lines);
    next_lines(v, &v->lines);
    history_lines(v, &v->lines);
}

static int view_rows(void)
{
    int r = ui_rows() - 5;      /* title, the case, a gap; message and keys */
    return r < 1 ? 1 : r;
}

static void view_draw(referral_view *v)
{
    tui *t = v->t;
    char title[256], head[1024], id[SHORT_ID + 3];
    short_id(v->r.id, id);
    snprintf(title, sizeof title, "%s %s", _("Referral"), id);
    ui_clear();
    tui_draw_title(t, title);
    snprintf(head, sizeof head, " %s · %s", v->person.reference, case_display_name(&v->person));
    ui_text(1, 0, ui_cols(), head, STYLE_HEADING);
    int rows = view_rows();
    if (v->top > v->lines.n - rows)
        v->top = v->lines.n - rows;
    if (v->top < 0)
        v->top = 0;
    int y = 3;
    for (int i = v->top; i < v->lines.n && y < 3 + rows; i++, y++) {
        const view_line *l = &v->lines.v[i];
        ui_text(y, 1, CASEVIEW_LABEL_COLS, l->label, STYLE_HEADING);
        ui_text(y, CASEVIEW_LABEL_COLS + 2, view_value_cols(), l->value, l->style);
    }
    tui_draw_end(t, KEYS_REFERRAL_VIEW);
}

/* ---- moving a referral on ----------------------------------------------------- */

typedef struct state_choice {
    referral_state next[REFERRAL_STATE_COUNT];
} state_choice;

static void state_choice_row(void *ctx, size_t i, char *text, size_t textsz, char *info,
                             size_t infosz)
{
    snprintf(text, textsz, "%s", _(referral_state_label(((const state_choice *)ctx)->next[i])));
    snprintf(info, infosz, "%s", "");
}

enum { SC_WHEN, SC_REASON, SC_OVERRIDE, SC_COUNT };

/* The reason is required on the way to declined, closed or withdrawn;
 * otherwise it is an optional note.  Sending a draft that consent does
 * not cover asks for the reason to go without. */
static void state_form_build(referral_view *v, referral_state to, form *f, form_field *fl,
                             char *intro, size_t introsz)
{
    tui *t = v->t;
    char now[MOMENT_TEXT_MAX];
    form_field_init(&fl[SC_WHEN], "when", N_("When"),
                    N_("When it happened, e.g. 21/11/2569 14:30; earlier when the agency phoned."),
                    FIELD_TEXT, 40, 160);
    moment_format_input(tc_now(&t->opt->clock), t->opt->clock.utc_offset, now, sizeof now);
    lineedit_set(&fl[SC_WHEN].edit, now);
    bool needs_reason = referral_state_needs_reason(to);
    form_field_init(&fl[SC_REASON], "state_reason", needs_reason ? N_("Reason") : N_("Note"),
                    needs_reason ? N_("Required: why the referral ends here.")
                                 : N_("Optional: a note kept with the change."),
                    FIELD_TEXT, REFERRAL_REASON_MAX, REFERRAL_REASON_MAX);
    form_field_init(&fl[SC_OVERRIDE], "override_reason", N_("Reason without consent"),
                    N_("Required to send it without consent; the audit trail keeps it."),
                    FIELD_TEXT, CONSENT_REASON_MAX, CONSENT_REASON_MAX);
    int n = SC_OVERRIDE;
    snprintf(intro, introsz, "%s → %s", _(referral_state_label(v->r.state)),
             _(referral_state_label(to)));
    if (to == REFERRAL_SENT) {
        referral_gate g;
        memset(&g, 0, sizeof g);
        if (store_referral_gate(t->st, v->r.case_id, v->r.agency_code, tc_now(&t->opt->clock),
                                NULL, &g) == ST_OK && !g.covered) {
            n = SC_COUNT;
            snprintf(intro, introsz, "%s", _(NOT_COVERED));
            char why[1024];
            gate_text(&g, why, sizeof why);
            tui_say(t, STYLE_ERROR, why);
        }
    }
    *f = (form){ referral_state_label(to), intro, fl, n, 1, 0 };
}

/* The field a refusal names. */
static const char *state_problem_field(referral_problem p)
{
    switch (p) {
    case REFERRAL_REASON_MISSING: case REFERRAL_REASON_BAD_TEXT: case REFERRAL_REASON_TOO_LONG:
        return "state_reason";
    case REFERRAL_TIME_BEFORE_LAST: case REFERRAL_TIME_IN_FUTURE:
        return "when";
    case REFERRAL_CONSENT_NOT_PERMITTED: case REFERRAL_OVERRIDE_REASON_MISSING:
    case REFERRAL_OVERRIDE_REASON_BAD_TEXT: case REFERRAL_OVERRIDE_REASON_TOO_LONG:
        return "override_reason";
    default:
        return NULL;
    }
}

static bool state_save(referral_view *v, form *f, referral_state to)
{
    tui *t = v->t;
    char text[4 * REFERRAL_REASON_MAX + 8], reason[REFERRAL_REASON_MAX + 1];
    char override[CONSENT_REASON_MAX + 1] = "";
    int64_t when = 0;
    form_get(f, SC_WHEN, text, sizeof text);
    const char *bad = moment_parse(text, t->opt->clock.utc_offset, &when);
    if (bad) {
        refuse(t, f, bad, "when");
        return false;
    }
    form_get(f, SC_REASON, reason, sizeof reason);
    if (f->n > SC_OVERRIDE)
        form_get(f, SC_OVERRIDE, override, sizeof override);
    referral_problem p = REFERRAL_OK;
    referral_gate g;
    store_status st = store_referral_change_state(t->st, v->id, to, blank(reason) ? NULL : reason,
                                                  when, blank(override) ? NULL : override, &p, &g);
    if (st == ST_INVALID && (p == REFERRAL_TRANSITION_REFUSED || p == REFERRAL_SAME_STATE)) {
        char msg[REFERRAL_MESSAGE_MAX];
        referral_transition_message(v->r.state, to, translate, msg, sizeof msg);
        tui_say(t, STYLE_ERROR, msg);
    } else if (st == ST_INVALID) {
        refuse(t, f, store_referral_problem_text(p), state_problem_field(p));
    } else if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    } else {
        char msg[512], id[SHORT_ID + 3];
        short_id(v->id, id);
        snprintf(msg, sizeof msg, _("Referral %s is now: %s."), id, _(referral_state_label(to)));
        tui_say(t, STYLE_NOTICE, msg);
    }
    return st == ST_OK;
}

/* s: choose one of the states core allows next, then when and why. */
static void change_state(referral_view *v)
{
    tui *t = v->t;
    state_choice choice;
    size_t n = referral_next_states(v->r.state, choice.next);
    if (!n) {
        char msg[REFERRAL_MESSAGE_MAX];
        referral_transition_message(v->r.state, REFERRAL_DRAFT, translate, msg, sizeof msg);
        tui_say(t, STYLE_ERROR, msg);
        return;
    }
    long pick = tui_pick(t, N_("Referral"), N_("Move the referral to:"), n, 0,
                         state_choice_row, &choice);
    if (pick < 0 || !t->st)
        return;
    referral_state to = choice.next[pick];
    form_field *fl = fields_new(SC_COUNT);
    if (!fl)
        return;
    form f;
    char intro[1024];
    state_form_build(v, to, &f, fl, intro, sizeof intro);
    bool saved = false;
    while (!saved && !t->quit && t->st && form_run(t, &f) == ACT_SAVE && t->st)
        saved = state_save(v, &f, to);
    fields_free(fl, SC_COUNT);
}

/* ---- the handover sheet --------------------------------------------------------- */

/* The directory the officer named last, offered again in this session. */
static char last_sheet_dir[1024];

enum { SH_DIR, SH_LANG, SH_COUNT };

/* After writing: where it is and what it holds, in full. */
static void sheet_written(tui *t, const char *path, bool permits)
{
    view_lines L = { NULL, 0, 0 };
    for (;;) {
        L.n = 0;
        view_add_wrapped(&L, _("Written to"), path, STYLE_HEADING, -1);
        view_add(&L, "", "", STYLE_NORMAL, -1);
        view_add_wrapped(&L, "", _("This handover sheet holds personal data: give it only to the "
                                   "receiving agency, keep it out of sight, and delete the file "
                                   "once it is handed over."), STYLE_ERROR, -1);
        if (!permits)
            view_add_wrapped(&L, "", _("Consent does not cover this referral now: the person's "
                                       "details are left off the sheet."), STYLE_NOTICE, -1);
        ui_clear();
        tui_draw_title(t, _("Handover sheet"));
        for (int i = 0; i < L.n && 2 + i < ui_rows() - 2; i++) {
            ui_text(2 + i, 1, CASEVIEW_LABEL_COLS, L.v[i].label, STYLE_HEADING);
            ui_text(2 + i, CASEVIEW_LABEL_COLS + 2, view_value_cols(), L.v[i].value, L.v[i].style);
        }
        ui_text(ui_rows() - 1, 0, ui_cols(), _("Press any key to go back."), STYLE_NOTICE);
        ui_cursor(0, 0, false);
        ui_refresh();
        ui_key k;
        if (tui_key(t, KEYS_SCREENING_RECORD, &k) != ACT_REDRAW || t->quit || !t->st)
            break;
    }
    free(L.v);
}

static bool sheet_save(referral_view *v, form *f, const form_field *fl)
{
    tui *t = v->t;
    char dir[sizeof last_sheet_dir], path[4096];
    form_get(f, SH_DIR, dir, sizeof dir);
    struct stat sb;
    if (!referral_sheet_path(dir, getenv("HOME"), v->person.reference, v->r.id, path,
                             sizeof path)) {
        refuse(t, f, N_("Name the directory the sheet is written to."), "dir");
        return false;
    }
    char *slash = strrchr(path, '/');
    *slash = '\0';
    bool is_dir = stat(slash == path ? "/" : path, &sb) == 0 && S_ISDIR(sb.st_mode);
    *slash = '/';
    if (!is_dir) {
        refuse(t, f, N_("There is no directory with that name."), "dir");
        return false;
    }
    referral_sheet_parts *p = calloc(1, sizeof *p);
    if (!p)
        return false;
    p->r = v->r;
    store_status st = referral_sheet_read(t->st, &t->opt->clock, p);
    char *text = st == ST_OK ? referral_sheet_text(&t->opt->clock, p, fl[SH_LANG].choice == 0,
                                                   HANDOVER_WIDTH_DEFAULT) : NULL;
    bool ok = false;
    if (st != ST_OK || !text) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st != ST_OK ? st : ST_NOMEM)));
    } else if (!private_file_write(path, text)) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: %s", _("The sheet could not be written"), strerror(errno));
        tui_say(t, STYLE_ERROR, msg);
    } else {
        ok = true;
        snprintf(last_sheet_dir, sizeof last_sheet_dir, "%s", dir);
        sheet_written(t, path, p->permits);
        tui_say(t, STYLE_NOTICE, _("The handover sheet is written."));
    }
    if (text)
        sodium_memzero(text, strlen(text));
    free(text);
    referral_sheet_free(p);
    free(p);
    return ok;
}

/* p: the sheet in Thai or English, to a file only the officer can read,
 * in a directory the officer names. */
static void write_sheet(referral_view *v)
{
    tui *t = v->t;
    form_field *fl = fields_new(SH_COUNT);
    if (!fl)
        return;
    static const char *const langs[2] = { N_("Thai"), N_("English") };
    form_field_init(&fl[SH_DIR], "dir", N_("Directory"),
                    N_("Where only you can read it, e.g. ~/handover. The file is made there."),
                    FIELD_TEXT, 1000, sizeof last_sheet_dir - 1);
    lineedit_set(&fl[SH_DIR].edit, last_sheet_dir);
    choice_field(&fl[SH_LANG], "lang", N_("Language of the sheet"), langs, 2,
                 i18n_is_thai() ? 0 : 1);
    form f = { N_("Handover sheet"),
               N_("The sheet holds personal data: write it where no one else can read it."), fl,
               SH_COUNT, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit && t->st && form_run(t, &f) == ACT_SAVE && t->st)
        saved = sheet_save(v, &f, fl);
    fields_free(fl, SH_COUNT);
}

/* ---- the screen ----------------------------------------------------------------- */

void screen_referral_view(tui *t, const char *referral_id)
{
    referral_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->t = t;
    snprintf(v->id, sizeof v->id, "%s", referral_id);
    bool reread = true;
    while (!t->quit && t->st) {
        if (reread && !view_read(v))
            break;
        reread = false;
        view_build(v);
        view_draw(v);
        key_action a = tui_command_key(t, KEYS_REFERRAL_VIEW);
        if (t->quit || !t->st || a == ACT_BACK)
            break;
        if (tui_scroll_move(a, &v->top, v->lines.n, view_rows()))
            continue;
        switch (a) {
        case ACT_HELP: keys_show_help(_("Referral"), KEYS_REFERRAL_VIEW); break;
        case ACT_STATE: change_state(v), reread = true; break;
        case ACT_SHEET: write_sheet(v); break;
        case ACT_REDRAW: reread = true; break;
        default: break;
        }
    }
    view_records_free(v);
    free(v->lines.v);
    sodium_memzero(v, sizeof *v);
    free(v);
}
