/* cli_referral.c - the referral and agency commands: the overdue list,
 * one referral with its history, making and moving referrals, the
 * handover sheet, and the agency directory.  Everything goes through
 * db/referrals.h and core; text is in the interface language, and
 * --format tsv gives stable codes and UTC ISO times. */
#define _GNU_SOURCE
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/fieldtext.h"
#include "core/geo.h"
#include "core/handover.h"
#include "core/utf8.h"
#include "db/referrals.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"
#include "tui/cli_internal.h"
#include "tui/referral_sheet.h"
#include "tui/timeinput.h"

#define PAGE 256
#define SHORT_ID 8                  /* what lists print of an id */

void cli_referral_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  referral list [--overdue] [--agency CODE] [--officer LOGIN] [--state S]\n"
              "                [--format tsv]   open referrals of every case, overdue first\n"
              "  referral show ID              a referral, its needs and every change\n"
              "  referral add CASE --agency CODE --urgency emergency|urgent|routine\n"
              "           --channel letter|meeting|phone|in_person|line --needs NEED,...\n"
              "           --summary TEXT [--shared SECTION,...] [--draft]\n"
              "           [--override-reason TEXT]   sent at once unless --draft\n"
              "  referral state ID STATE [--reason TEXT] [--at \"DATE HH:MM\"]\n"
              "           [--override-reason TEXT]\n"
              "  referral sheet ID [--lang th|en] [--output FILE] [--width N]\n"
              "                                the handover sheet (personal data)\n"
              "  agency list [--search TEXT] [--all] [--format tsv]\n"
              "  agency show CODE [--version N]\n"
              "  agency add CODE --type T --level L --name-thai TEXT --name-english TEXT\n"
              "           [--abbr-thai A] [--abbr-english A] [--province P] [--country C]\n"
              "           [--services NEED,...] [--phone N] [--line-id ID] [--email E]\n"
              "           [--address A] [--focal-name N] [--focal-phone N] [--notes TEXT]\n"
              "  agency edit CODE [the same options] [--retire|--reinstate] [--reason TEXT]\n"
              "  setting get|set referral.ack_hours.URGENCY, referral.decision_hours.URGENCY,\n"
              "                  team.name, team.phone, team.email, team.line_id, team.address\n"));
}

/* ---- small helpers ------------------------------------------------------ */

static const char *translate(const char *msgid)
{
    return gettext(msgid);
}

static const char *pick(const char *en, const char *th)
{
    return i18n_is_thai() && th[0] ? th : en;
}

static const char *agency_name(const tc_agency *a)
{
    return pick(a->name_en, a->name_th);
}

static const char *agency_abbr(const tc_agency *a)
{
    const char *abbr = pick(a->abbr_en, a->abbr_th);
    return abbr[0] ? abbr : agency_name(a);
}

static int refuse_problem(const char *msgid, const char *detail)
{
    if (detail && *detail)
        fprintf(stderr, "tipcase: %s (%s)\n", _(msgid), detail);
    else
        fprintf(stderr, "tipcase: %s\n", _(msgid));
    return EXIT_USER;
}

/* A state code, with the list of codes in the usage error. */
static bool parse_state(const char *text, referral_state *out)
{
    if (text && referral_state_from_code(text, out))
        return true;
    cli_usage_error(_("states are draft, sent, acknowledged, accepted, declined, in_service, "
                      "completed, closed, withdrawn"));
    return false;
}

/* The officer with that login (any case), for --officer. */
static store_status officer_by_login(store *s, const char *login, tc_officer *out)
{
    tc_officer *all = NULL;
    size_t n = 0;
    store_status st = store_officer_list(s, &all, &n);
    for (size_t i = 0; st == ST_OK && i < n; i++)
        if (!strcasecmp(all[i].login, login)) {
            *out = all[i];
            free(all);
            return ST_OK;
        }
    free(all);
    return st == ST_OK ? ST_NOT_FOUND : st;
}

static void short_id(const char *id, char out[SHORT_ID + 3])
{
    snprintf(out, SHORT_ID + 3, "R-%.*s", SHORT_ID, id);
}

/* "R-1a2b3c4d" as lists print it, or the id itself. */
static const char *strip_prefix(const char *id)
{
    return (id[0] == 'R' || id[0] == 'r') && id[1] == '-' ? id + 2 : id;
}

/* Unlocks and finds the referral (id, prefix or R-prefix).  On EXIT_OK *s
 * is open and *r holds it. */
static int open_referral(app_options *opt, const char *id, store **s, tc_referral *r)
{
    store_status st = cli_unlock(opt, s);
    if (st != ST_OK)
        return cli_status_exit(st);
    st = store_referral_get(*s, strip_prefix(id), r);
    if (st == ST_OK)
        return EXIT_OK;
    store_close(*s);
    *s = NULL;
    if (st == ST_NOT_FOUND)
        return cli_refuse(N_("There is no referral with that number, or more than one "
                             "starts with it: 'tipcase referral list' shows them."));
    return cli_status_exit(st);
}

/* ---- referral list ------------------------------------------------------ */

/* The filter the options ask for; officer_id is room for the officer's id.
 * EXIT_OK, or the usage error already printed. */
static int read_filter(cli_args *a, referral_filter *f, bool *has_officer)
{
    memset(f, 0, sizeof *f);
    f->overdue_only = ARG(a, OPT_OVERDUE) != NULL;
    f->agency_code = ARG(a, OPT_AGENCY);
    *has_officer = ARG(a, OPT_OFFICER) != NULL;
    if (ARG(a, OPT_STATE)) {
        if (!parse_state(ARG(a, OPT_STATE), &f->state))
            return EXIT_USAGE;
        f->by_state = true;
    }
    return EXIT_OK;
}

static void print_row_text(app_options *opt, const referral_row *r, int64_t now)
{
    char id[SHORT_ID + 3], name[4 * CASE_NAME_MAX + 8], agency[4 * AGENCY_NAME_MAX + 8];
    char when[MOMENT_TEXT_MAX], left[64];
    short_id(r->id, id);
    text_pad(r->name, 20, name, sizeof name);
    text_pad(pick(r->agency_abbr_en, r->agency_abbr_th), 12, agency, sizeof agency);
    printf("%s %-16s %s %s %s · %s", id, r->reference, name, agency,
           _(referral_state_label(r->state)), _(referral_urgency_label(r->urgency)));
    if (r->wait != REFERRAL_WAIT_NONE) {
        moment_format(r->due, opt->clock.utc_offset, when, sizeof when);
        time_left_words(r->due - now, left, sizeof left);
        printf(" · %s %s (%s)", _(referral_wait_label(r->wait)), when, left);
    }
    if (r->overdue)
        printf(" · %s", _("OVERDUE"));
    printf("\n");
}

static void print_row_tsv(const referral_row *r)
{
    char name[4 * CASE_NAME_MAX + 8], due[TIMESTAMP_ISO_LEN] = "";
    static const char *const waits[REFERRAL_WAIT_COUNT] = { "", "acknowledgement", "decision" };
    text_clean(r->name, name, sizeof name);
    if (r->wait != REFERRAL_WAIT_NONE)
        timestamp_format_iso(r->due, due);
    printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->id, r->reference, name, r->agency_code,
           referral_state_code(r->state), referral_urgency_code(r->urgency),
           (unsigned)r->wait < REFERRAL_WAIT_COUNT ? waits[r->wait] : "", due,
           r->overdue ? "yes" : "no");
}

static store_status list_rows(app_options *opt, store *s, const referral_filter *f, bool tsv)
{
    referral_row *rows = calloc(PAGE, sizeof *rows);
    if (!rows)
        return ST_NOMEM;
    int64_t now = tc_now(&opt->clock);
    size_t open = 0, overdue = 0, offset = 0, n = 0;
    store_status st = store_referral_dashboard_count(s, f, now, &open, &overdue);
    if (st == ST_OK && tsv)
        printf("id\tcase\tname\tagency\tstate\turgency\twaiting_for\tdue\toverdue\n");
    else if (st == ST_OK) {
        printf(_("Open referrals: %zu, overdue: %zu\n"), open, overdue);
        if (open == 0)
            printf("%s\n", f->overdue_only ? _("No referral is overdue.")
                                           : _("No open referral."));
    }
    do {
        if (st == ST_OK)
            st = store_referral_dashboard(s, f, now, offset, rows, PAGE, &n);
        for (size_t i = 0; st == ST_OK && i < n; i++) {
            if (tsv)
                print_row_tsv(&rows[i]);
            else
                print_row_text(opt, &rows[i], now);
        }
        offset += n;
    } while (st == ST_OK && n == PAGE);
    free(rows);
    return st;
}

static int referral_list(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("referral list [--overdue] [--agency CODE] [--officer LOGIN] "
                                 "[--state S] [--format tsv]"));
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    referral_filter f;
    bool has_officer = false;
    int rc = read_filter(a, &f, &has_officer);
    if (rc != EXIT_OK)
        return rc;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    tc_officer o;
    if (has_officer) {
        st = officer_by_login(s, ARG(a, OPT_OFFICER), &o);
        if (st == ST_NOT_FOUND) {
            store_close(s);
            return cli_refuse(N_("There is no officer with that login."));
        }
        f.officer_id = o.id;
    }
    tc_agency ag;
    if (st == ST_OK && f.agency_code && store_agency_get(s, f.agency_code, 0, &ag) != ST_OK) {
        store_close(s);
        return cli_refuse(N_("There is no agency with that code: 'tipcase agency list' "
                             "shows them."));
    }
    if (st == ST_OK)
        st = list_rows(opt, s, &f, tsv);
    store_close(s);
    return cli_status_exit(st);
}

/* ---- referral show ------------------------------------------------------ */

static void print_set(const char *label, code_set set, int count,
                      const char *(*label_of)(int i))
{
    char text[2048] = "";
    size_t len = 0;
    for (int i = 0; i < count; i++) {
        if (!(set & code_set_bit(i)))
            continue;
        int k = snprintf(text + len, sizeof text - len, "%s%s", len ? ", " : "",
                         _(label_of(i)));
        if (k < 0 || (size_t)k >= sizeof text - len)
            break;
        len += (size_t)k;
    }
    cli_print_field(label, text[0] ? text : _("none"));
}

static const char *section_label_at(int i)
{
    return referral_section_label((referral_section)i);
}

static void print_events(app_options *opt, store *s, const tc_referral *r)
{
    referral_event_row *ev = NULL;
    size_t n = 0;
    if (store_referral_events(s, r->id, &ev, &n) != ST_OK)
        return;
    printf("\n%s\n", _("History:"));
    for (size_t i = 0; i < n; i++) {
        char when[MOMENT_TEXT_MAX], who[4 * OFFICER_NAME_MAX + 8];
        moment_format(ev[i].event.at, opt->clock.utc_offset, when, sizeof when);
        text_clean(ev[i].officer_name, who, sizeof who);
        if (ev[i].created)
            printf("  %s  %s  %s", when, _("made as a draft"), who);
        else
            printf("  %s  %s -> %s  %s", when, _(referral_state_label(ev[i].event.from)),
                   _(referral_state_label(ev[i].event.to)), who);
        if (ev[i].event.note[0]) {
            char note[4 * REFERRAL_REASON_MAX + 8];
            text_clean(ev[i].event.note, note, sizeof note);
            printf(" · %s", note);
        }
        printf("\n");
    }
    free(ev);
}

static void print_needs(store *s, const tc_referral *r)
{
    tc_need *needs = NULL;
    size_t n = 0;
    if (store_referral_needs(s, r->id, &needs, &n) != ST_OK)
        return;
    printf("\n%s\n", _("Needs it answers:"));
    for (size_t i = 0; i < n; i++)
        printf("  - %s: %s%s%s%s\n", _(need_kind_label(needs[i].kind)),
               _(need_state_label(needs[i].state)), needs[i].urgent ? " (" : "",
               needs[i].urgent ? _("urgent") : "", needs[i].urgent ? ")" : "");
    free(needs);
}

static void print_referral(app_options *opt, store *s, const tc_referral *r)
{
    char id[SHORT_ID + 3];
    short_id(r->id, id);
    cli_print_field(_("Referral:"), id);
    cli_print_field(_("Id:"), r->id);
    tc_case *c = malloc(sizeof *c);
    if (c && store_case_get(s, r->case_id, c) == ST_OK)
        cli_print_field(_("Case:"), c->reference);
    free(c);
    tc_agency a;
    if (store_agency_get(s, r->agency_code, 0, &a) == ST_OK) {
        char line[2 * AGENCY_NAME_MAX + 64];
        snprintf(line, sizeof line, "%s (%s)%s%s", agency_name(&a), a.code,
                 a.active ? "" : ", ", a.active ? "" : _("retired"));
        cli_print_field(_("Agency:"), line);
    }
    cli_print_field(_("State:"), _(referral_state_label(r->state)));
    if (r->state_reason[0])
        cli_print_field(_("Reason:"), r->state_reason);
    cli_print_field(_("Urgency:"), _(referral_urgency_label(r->urgency)));
    cli_print_field(_("Channel:"), _(referral_channel_label(r->channel)));
    tc_officer o;
    if (store_officer_get(s, r->officer_id, &o) == ST_OK)
        cli_print_field(_("Referring officer:"), o.name);
    referral_settings rs;
    int64_t due = 0;
    if (store_referral_settings(s, &rs) == ST_OK) {
        referral_wait w = referral_due(r, &rs, &due);
        if (w != REFERRAL_WAIT_NONE) {
            char when[MOMENT_TEXT_MAX], left[64], line[2 * MOMENT_TEXT_MAX + 128];
            moment_format(due, opt->clock.utc_offset, when, sizeof when);
            time_left_words(due - tc_now(&opt->clock), left, sizeof left);
            snprintf(line, sizeof line, "%s, %s (%s)", _(referral_wait_label(w)), when, left);
            cli_print_field(_("Due:"), line);
        }
    }
    cli_print_field(_("Summary:"), r->summary);
    print_set(_("Shared:"), r->shared, REFERRAL_SECTION_COUNT, section_label_at);
    cli_print_field(_("Consent:"), r->consent_overridden
                                   ? _("sent without consent, with a reason (audited)")
                                   : r->sent_at ? _("covered") : _("checked when it is sent"));
    if (r->consent_overridden)
        cli_print_field(_("Reason for referring without consent:"), r->override_reason);
    print_needs(s, r);
    print_events(opt, s, r);
}

static int referral_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("referral show ID"));
    store *s = NULL;
    tc_referral *r = malloc(sizeof *r);
    if (!r)
        return cli_status_exit(ST_NOMEM);
    int rc = open_referral(opt, a->pos[2], &s, r);
    if (rc == EXIT_OK) {
        print_referral(opt, s, r);
        store_close(s);
    }
    free(r);
    return rc;
}

/* ---- referral add and state ------------------------------------------- */

/* Says which consent is missing, purpose by purpose. */
static void explain_gate(const referral_gate *g)
{
    for (size_t i = 0; i < g->count; i++)
        if (g->covers[i] != CONSENT_COVERED)
            fprintf(stderr, "  - %s: %s\n", _(consent_purpose_label(g->purposes[i])),
                    _(consent_cover_text(g->covers[i])));
}

/* The referral the options describe (case_id left for the caller).
 * EXIT_OK, or the usage error already printed. */
static int referral_from_args(cli_args *a, tc_referral *r)
{
    referral_init(r);
    if (!ARG(a, OPT_AGENCY) || !ARG(a, OPT_URGENCY) || !ARG(a, OPT_CHANNEL)
        || !ARG(a, OPT_NEEDS))
        return cli_usage_error(_("referral add CASE --agency CODE --urgency U --channel C "
                                 "--needs NEED,... --summary TEXT"));
    if (strlen(ARG(a, OPT_AGENCY)) > TC_CODE_MAX)
        return cli_usage_error(_("unknown agency code"));
    snprintf(r->agency_code, sizeof r->agency_code, "%s", ARG(a, OPT_AGENCY));
    if (!referral_urgency_from_code(ARG(a, OPT_URGENCY), &r->urgency))
        return cli_usage_error(_("--urgency is emergency, urgent or routine"));
    if (!referral_channel_from_code(ARG(a, OPT_CHANNEL), &r->channel))
        return cli_usage_error(_("--channel is letter, meeting, phone, in_person or line"));
    if (!need_set_parse(ARG(a, OPT_NEEDS), &r->needs))
        return cli_usage_error(_("--needs takes need codes separated by commas, such as "
                                 "shelter,medical"));
    if (ARG(a, OPT_SHARED) && !referral_sections_parse(ARG(a, OPT_SHARED), &r->shared))
        return cli_usage_error(_("--shared takes identity, contact, nationality, story, "
                                 "screening, identification, needs, health, legal, family"));
    const char *summary = ARG(a, OPT_SUMMARY) ? ARG(a, OPT_SUMMARY) : "";
    if (strlen(summary) > REFERRAL_SUMMARY_MAX)
        return refuse_problem(referral_problem_text(REFERRAL_SUMMARY_TOO_LONG), NULL);
    snprintf(r->summary, sizeof r->summary, "%s", summary);
    return EXIT_OK;
}

static int add_refusal(store_status st, const referral_check *chk, const referral_gate *g)
{
    if (st == ST_NOT_FOUND)
        return cli_refuse(N_("There is no such case or agency: 'tipcase case list' and "
                             "'tipcase agency list' show them."));
    if (st != ST_INVALID)
        return cli_status_exit(st);
    refuse_problem(store_referral_problem_text(chk->problem), NULL);
    if (chk->problem == REFERRAL_CONSENT_NOT_PERMITTED)
        explain_gate(g);
    return EXIT_USER;
}

/* Warns when the agency does not list a need among its services: the
 * directory may be behind what the agency really does. */
static void warn_outside_services(store *s, const tc_referral *r)
{
    tc_agency ag;
    if (store_agency_get(s, r->agency_code, 0, &ag) != ST_OK)
        return;
    need_set outside = referral_needs_outside_services(r, &ag);
    for (int k = 0; k < NEED_KIND_COUNT; k++)
        if (need_set_has(outside, (need_kind)k))
            fprintf(stderr, _("tipcase: note: %s does not list \"%s\" among its services.\n"),
                    agency_abbr(&ag), _(need_kind_label((need_kind)k)));
}

static int referral_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("referral add CASE --agency CODE --urgency U --channel C "
                                 "--needs NEED,... --summary TEXT"));
    tc_referral *r = malloc(sizeof *r);
    if (!r)
        return cli_status_exit(ST_NOMEM);
    int rc = referral_from_args(a, r);
    bool send = ARG(a, OPT_DRAFT) == NULL;
    /* Check before asking for the passphrase: a typo costs no unlock. */
    if (rc == EXIT_OK) {
        tc_referral probe = *r;
        snprintf(probe.case_id, sizeof probe.case_id, "?");
        snprintf(probe.officer_id, sizeof probe.officer_id, "?");
        probe.state = send ? REFERRAL_SENT : REFERRAL_DRAFT;
        referral_check chk = referral_validate(&probe);
        if (chk.problem != REFERRAL_OK)
            rc = refuse_problem(referral_problem_text(chk.problem), chk.field);
    }
    store *s = NULL;
    tc_case *c = rc == EXIT_OK ? malloc(sizeof *c) : NULL;
    if (rc == EXIT_OK && !c)
        rc = cli_status_exit(ST_NOMEM);
    if (rc == EXIT_OK)
        rc = cli_open_case(opt, a->pos[2], &s, c);
    if (rc == EXIT_OK) {
        snprintf(r->case_id, sizeof r->case_id, "%s", c->id);
        referral_check chk;
        referral_gate g;
        store_status st = store_referral_add(s, r, send, ARG(a, OPT_OVERRIDE_REASON), &chk, &g);
        if (st == ST_OK) {
            warn_outside_services(s, r);
            printf("%s\n", r->id);
        } else {
            rc = add_refusal(st, &chk, &g);
        }
        store_close(s);
    }
    free(c);
    free(r);
    return rc;
}

static int state_refusal(const tc_referral *r, referral_state to, referral_problem p,
                         const referral_gate *g)
{
    if (p == REFERRAL_TRANSITION_REFUSED || p == REFERRAL_SAME_STATE) {
        char msg[REFERRAL_MESSAGE_MAX];
        referral_transition_message(r->state, to, translate, msg, sizeof msg);
        fprintf(stderr, "tipcase: %s\n", msg);
        return EXIT_USER;
    }
    refuse_problem(store_referral_problem_text(p), NULL);
    if (p == REFERRAL_CONSENT_NOT_PERMITTED)
        explain_gate(g);
    return EXIT_USER;
}

static int referral_change(app_options *opt, cli_args *a)
{
    if (a->npos != 4)
        return cli_usage_error(_("referral state ID STATE [--reason TEXT] [--at \"DATE HH:MM\"]"));
    referral_state to;
    if (!parse_state(a->pos[3], &to))
        return EXIT_USAGE;
    int64_t when = tc_now(&opt->clock);
    const char *at = ARG(a, OPT_AT);
    const char *problem = at ? moment_parse(at, opt->clock.utc_offset, &when) : NULL;
    if (problem) {
        fprintf(stderr, "tipcase: %s: %s\n", at, _(problem));
        return EXIT_USER;
    }
    store *s = NULL;
    tc_referral *r = malloc(sizeof *r);
    if (!r)
        return cli_status_exit(ST_NOMEM);
    int rc = open_referral(opt, a->pos[2], &s, r);
    if (rc == EXIT_OK) {
        referral_problem p = REFERRAL_OK;
        referral_gate g;
        store_status st = store_referral_change_state(s, r->id, to, ARG(a, OPT_REASON), when,
                                                      ARG(a, OPT_OVERRIDE_REASON), &p, &g);
        if (st == ST_INVALID)
            rc = state_refusal(r, to, p, &g);
        else if (st != ST_OK)
            rc = cli_status_exit(st);
        else {
            char id[SHORT_ID + 3];
            short_id(r->id, id);
            printf(_("Referral %s is now \"%s\".\n"), id, _(referral_state_label(to)));
        }
        store_close(s);
    }
    free(r);
    return rc;
}

/* ---- referral sheet ----------------------------------------------------- */

static int sheet_options(cli_args *a, bool *thai, int *width)
{
    const char *lang = ARG(a, OPT_LANG);
    if (lang && strcmp(lang, "th") && strcmp(lang, "en"))
        return cli_usage_error(_("--lang is th or en"));
    *thai = lang ? !strcmp(lang, "th") : i18n_is_thai();
    *width = HANDOVER_WIDTH_DEFAULT;
    if (ARG(a, OPT_WIDTH) && (!cli_parse_count(ARG(a, OPT_WIDTH), HANDOVER_WIDTH_MAX, width)
                              || *width < HANDOVER_WIDTH_MIN))
        return cli_usage_error(_("--width is a number of columns from 40 to 200"));
    return EXIT_OK;
}

static int referral_sheet(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("referral sheet ID [--lang th|en] [--output FILE] [--width N]"));
    bool thai = false;
    int width = 0;
    int rc = sheet_options(a, &thai, &width);
    if (rc != EXIT_OK)
        return rc;
    referral_sheet_parts *p = calloc(1, sizeof *p);
    if (!p)
        return cli_status_exit(ST_NOMEM);
    store *s = NULL;
    rc = open_referral(opt, a->pos[2], &s, &p->r);
    char *text = NULL;
    if (rc == EXIT_OK) {
        store_status st = referral_sheet_read(s, &opt->clock, p);
        store_close(s);
        text = st == ST_OK ? referral_sheet_text(&opt->clock, p, thai, width) : NULL;
        rc = st != ST_OK ? cli_status_exit(st) : text ? EXIT_OK : cli_status_exit(ST_NOMEM);
    }
    const char *path = ARG(a, OPT_OUTPUT);
    if (rc == EXIT_OK) {
        fprintf(stderr, "tipcase: %s\n", _("This handover sheet holds personal data: give it "
                                          "only to the receiving agency, keep it out of "
                                          "sight, and delete the file once it is handed over."));
        if (!p->permits)
            fprintf(stderr, "tipcase: %s\n", _("Consent does not cover this referral now: the "
                                              "person's details are left off the sheet."));
        if (path && !private_file_write(path, text)) {
            fprintf(stderr, _("tipcase: cannot write %s: %s\n"), path, strerror(errno));
            rc = EXIT_USER;
        } else if (!path) {
            fputs(text, stdout);
        }
    }
    free(text);
    referral_sheet_free(p);
    free(p);
    return rc;
}

int cli_referral_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "list", referral_list },
        { "show", referral_show },
        { "add", referral_add },
        { "state", referral_change },
        { "sheet", referral_sheet },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("referral needs list, show, add, state or sheet"));
}

/* ---- agencies ----------------------------------------------------------- */

/* The text fields options set, where each lives in tc_agency. */
typedef struct agency_text_option {
    int opt;
    size_t offset, size;
    bool phone;                     /* Thai digits become ASCII */
} agency_text_option;

#define AGENCY_FIELD(o, f, p) { o, offsetof(tc_agency, f), sizeof(((tc_agency *)0)->f), p }
static const agency_text_option agency_text_options[] = {
    AGENCY_FIELD(OPT_NAME_THAI, name_th, false), AGENCY_FIELD(OPT_NAME_EN, name_en, false),
    AGENCY_FIELD(OPT_ABBR_TH, abbr_th, false), AGENCY_FIELD(OPT_ABBR_EN, abbr_en, false),
    AGENCY_FIELD(OPT_PROVINCE, province, false), AGENCY_FIELD(OPT_COUNTRY, country, false),
    AGENCY_FIELD(OPT_PHONE, phone, true), AGENCY_FIELD(OPT_LINE_ID, line_id, false),
    AGENCY_FIELD(OPT_EMAIL, email, false), AGENCY_FIELD(OPT_ADDRESS, address, false),
    AGENCY_FIELD(OPT_FOCAL_NAME, focal_name, false),
    AGENCY_FIELD(OPT_FOCAL_PHONE, focal_phone, true), AGENCY_FIELD(OPT_NOTES, note, false),
};
#define AGENCY_TEXT_OPTIONS (sizeof agency_text_options / sizeof agency_text_options[0])

/* Thai digits (U+0E50..U+0E59, as officers may type them) to ASCII. */
static void ascii_digits(const char *in, char *out, size_t outsz)
{
    size_t len = 0, n = strlen(in);
    for (size_t i = 0; i < n && len + 1 < outsz;) {
        uint32_t cp;
        size_t step = utf8_decode(in + i, n - i, &cp);
        if (step == 0)
            step = 1;
        if (cp >= 0x0E50 && cp <= 0x0E59) {
            out[len++] = (char)('0' + (cp - 0x0E50));
        } else {
            if (len + step >= outsz)
                break;
            memcpy(out + len, in + i, step);
            len += step;
        }
        i += step;
    }
    out[len] = '\0';
}

/* Sets the fields the options give; false (refusal printed) for a value
 * too long for its field. */
static bool apply_agency_text(cli_args *a, tc_agency *ag)
{
    for (size_t i = 0; i < AGENCY_TEXT_OPTIONS; i++) {
        const agency_text_option *o = &agency_text_options[i];
        const char *v = ARG(a, o->opt);
        if (!v)
            continue;
        char *field = (char *)ag + o->offset;
        if (strlen(v) >= o->size) {
            refuse_problem(agency_problem_text(AGENCY_TEXT_TOO_LONG), NULL);
            return false;
        }
        if (o->phone)
            ascii_digits(v, field, o->size);
        else
            snprintf(field, o->size, "%s", v);
    }
    return true;
}

/* Applies every option to ag; EXIT_OK, or the error already printed. */
static int agency_from_args(cli_args *a, tc_agency *ag)
{
    if (ARG(a, OPT_TYPE) && !agency_type_from_code(ARG(a, OPT_TYPE), &ag->type))
        return cli_usage_error(_("--type is government, shelter, police, immigration, health, "
                                 "legal_aid, embassy, international, ngo or private"));
    if (ARG(a, OPT_LEVEL) && !agency_level_from_code(ARG(a, OPT_LEVEL), &ag->level))
        return cli_usage_error(_("--level is national, provincial or district"));
    if (ARG(a, OPT_SERVICES) && !need_set_parse(ARG(a, OPT_SERVICES), &ag->services))
        return cli_usage_error(_("--services takes need codes separated by commas, such as "
                                 "shelter,medical"));
    if (ARG(a, OPT_RETIRE) && ARG(a, OPT_REINSTATE))
        return cli_usage_error(_("--retire and --reinstate cannot go together"));
    if (ARG(a, OPT_RETIRE))
        ag->active = false;
    if (ARG(a, OPT_REINSTATE))
        ag->active = true;
    if (!apply_agency_text(a, ag))
        return EXIT_USER;
    agency_check chk = agency_validate(ag);
    if (chk.problem != AGENCY_OK)
        return refuse_problem(agency_problem_text(chk.problem), chk.field);
    return EXIT_OK;
}

static int agency_refusal(store_status st, const agency_check *chk)
{
    if (st == ST_INVALID)
        return refuse_problem(agency_problem_text(chk->problem), chk->field);
    if (st == ST_DUPLICATE)
        return cli_refuse(N_("That agency code is taken: a code is never used twice."));
    if (st == ST_NOT_FOUND)
        return cli_refuse(N_("There is no agency with that code: 'tipcase agency list' "
                             "shows them."));
    return cli_status_exit(st);
}

static int agency_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3 || !ARG(a, OPT_TYPE) || !ARG(a, OPT_LEVEL))
        return cli_usage_error(_("agency add CODE --type T --level L --name-thai TEXT "
                                 "--name-english TEXT"));
    tc_agency ag;
    agency_init(&ag);
    if (strlen(a->pos[2]) > TC_CODE_MAX)
        return refuse_problem(agency_problem_text(AGENCY_CODE_BAD), "code");
    snprintf(ag.code, sizeof ag.code, "%s", a->pos[2]);
    int rc = agency_from_args(a, &ag);
    if (rc != EXIT_OK)
        return rc;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    agency_check chk;
    st = store_agency_add(s, &ag, &chk);
    store_close(s);
    if (st != ST_OK)
        return agency_refusal(st, &chk);
    printf(_("Agency %s added.\n"), ag.code);
    return EXIT_OK;
}

static int agency_edit(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("agency edit CODE [options] [--retire|--reinstate] "
                                 "[--reason TEXT]"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    tc_agency ag;
    agency_check chk = { AGENCY_OK, NULL };
    st = store_agency_get(s, a->pos[2], 0, &ag);
    int rc = st == ST_OK ? agency_from_args(a, &ag) : agency_refusal(st, &chk);
    if (rc == EXIT_OK) {
        st = store_agency_edit(s, &ag, ARG(a, OPT_REASON), &chk);
        rc = st == ST_OK ? EXIT_OK : agency_refusal(st, &chk);
    }
    store_close(s);
    if (rc == EXIT_OK)
        printf(ag.active ? _("Agency %s updated.\n") : _("Agency %s updated; it is retired.\n"),
               ag.code);
    return rc;
}

static const char *need_label_at(int i)
{
    return need_kind_label((need_kind)i);
}

static void print_agency(const tc_agency *ag)
{
    bool thai = i18n_is_thai();
    cli_print_field(_("Code:"), ag->code);
    cli_print_field(_("Name (Thai):"), ag->name_th);
    cli_print_field(_("Name (English):"), ag->name_en);
    if (ag->abbr_th[0] || ag->abbr_en[0]) {
        char abbr[2 * AGENCY_ABBR_MAX + 8];
        snprintf(abbr, sizeof abbr, "%s%s%s", ag->abbr_th, ag->abbr_th[0] && ag->abbr_en[0]
                 ? " / " : "", ag->abbr_en);
        cli_print_field(_("Abbreviation:"), abbr);
    }
    cli_print_field(_("Type:"), _(agency_type_label(ag->type)));
    cli_print_field(_("Level:"), _(agency_level_label(ag->level)));
    const geo_entry *p = ag->province[0] ? geo_province(ag->province) : NULL;
    if (p)
        cli_print_field(_("Province:"), thai ? p->name_th : p->name_en);
    const geo_entry *c = geo_country(ag->country);
    cli_print_field(_("Country:"), c ? (thai ? c->name_th : c->name_en) : ag->country);
    print_set(_("Services:"), ag->services, NEED_KIND_COUNT, need_label_at);
    static const struct { const char *label; size_t offset; } contacts[] = {
        { N_("Telephone:"), offsetof(tc_agency, phone) },
        { N_("LINE ID:"), offsetof(tc_agency, line_id) },
        { N_("E-mail:"), offsetof(tc_agency, email) },
        { N_("Address:"), offsetof(tc_agency, address) },
        { N_("Focal person:"), offsetof(tc_agency, focal_name) },
        { N_("Focal person's telephone:"), offsetof(tc_agency, focal_phone) },
        { N_("Note:"), offsetof(tc_agency, note) },
    };
    for (size_t i = 0; i < sizeof contacts / sizeof contacts[0]; i++) {
        const char *v = (const char *)ag + contacts[i].offset;
        if (*v)
            cli_print_field(_(contacts[i].label), v);
    }
    cli_print_field(_("In service:"), ag->active ? _("yes") : _("no, retired"));
}

static void print_versions(app_options *opt, store *s, const char *code)
{
    record_version *v = NULL;
    size_t n = 0;
    if (store_agency_versions(s, code, &v, &n) != ST_OK)
        return;
    printf("\n%s\n", _("Versions:"));
    for (size_t i = 0; i < n; i++) {
        char when[MOMENT_TEXT_MAX], who[4 * OFFICER_NAME_MAX + 8], why[4 * RECORD_REASON_MAX + 8];
        moment_format(v[i].at, opt->clock.utc_offset, when, sizeof when);
        text_clean(v[i].officer_name[0] ? v[i].officer_name : _("shipped with tipcase"), who,
                   sizeof who);
        text_clean(v[i].reason, why, sizeof why);
        printf("  %d  %s  %s%s%s\n", v[i].version, when, who, why[0] ? " · " : "", why);
    }
    free(v);
}

static int agency_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("agency show CODE [--version N]"));
    int version = 0;
    if (ARG(a, OPT_VERSION_NUMBER) && !cli_parse_count(ARG(a, OPT_VERSION_NUMBER), 1000000,
                                                       &version))
        return cli_usage_error(_("--version needs a whole number from 1"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    tc_agency ag;
    agency_check none = { AGENCY_OK, NULL };
    st = store_agency_get(s, a->pos[2], version, &ag);
    if (st == ST_OK) {
        print_agency(&ag);
        print_versions(opt, s, ag.code);
    }
    store_close(s);
    return st == ST_OK ? EXIT_OK : agency_refusal(st, &none);
}

static void print_agency_line(const tc_agency *ag, bool tsv)
{
    if (tsv) {
        char services[NEED_SET_TEXT_MAX];
        if (!need_set_format(ag->services, services, sizeof services))
            services[0] = '\0';
        char th[4 * AGENCY_NAME_MAX + 8], en[4 * AGENCY_NAME_MAX + 8];
        text_clean(ag->name_th, th, sizeof th);
        text_clean(ag->name_en, en, sizeof en);
        printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ag->code,
               agency_type_code(ag->type), agency_level_code(ag->level), ag->province,
               ag->country, th, en, ag->abbr_th, ag->abbr_en, services, ag->phone,
               ag->active ? "yes" : "no");
        return;
    }
    char abbr[4 * AGENCY_ABBR_MAX + 8], name[4 * AGENCY_NAME_MAX + 8];
    text_pad(pick(ag->abbr_en, ag->abbr_th), 10, abbr, sizeof abbr);
    text_clean(agency_name(ag), name, sizeof name);
    printf("%-16s %s %s%s%s%s\n", ag->code, abbr, name, ag->active ? "" : " (",
           ag->active ? "" : _("retired"), ag->active ? "" : ")");
}

static int agency_list(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("agency list [--search TEXT] [--all] [--format tsv]"));
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    tc_agency *all = NULL;
    size_t n = 0;
    st = store_agency_list(s, ARG(a, OPT_SEARCH), ARG(a, OPT_ALL) != NULL, &all, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (tsv)
        printf("code\ttype\tlevel\tprovince\tcountry\tname_th\tname_en\tabbr_th\tabbr_en"
               "\tservices\tphone\tactive\n");
    else if (n == 0)
        printf("%s\n", _("No agency matches."));
    for (size_t i = 0; i < n; i++)
        print_agency_line(&all[i], tsv);
    free(all);
    return EXIT_OK;
}

int cli_agency_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "list", agency_list },
        { "show", agency_show },
        { "add", agency_add },
        { "edit", agency_edit },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("agency needs list, show, add or edit"));
}

/* ---- settings ----------------------------------------------------------- */

static int team_key_index(const char *key)
{
    for (int i = 0; i < REFERRAL_TEAM_KEYS; i++)
        if (!strcmp(key, referral_team_keys[i]))
            return i;
    return -1;
}

bool cli_is_referral_setting(const char *key)
{
    return store_referral_setting_key(key) || team_key_index(key) >= 0
        || !strncmp(key, "referral.", 9) || !strncmp(key, "team.", 5);
}

/* The hours field key names ("referral.ack_hours.urgent"), or NULL. */
static int *hours_field(referral_settings *rs, const char *key)
{
    for (int u = 0; u < REFERRAL_URGENCY_COUNT; u++) {
        char k[64];
        snprintf(k, sizeof k, "referral.ack_hours.%s", referral_urgency_code((referral_urgency)u));
        if (!strcmp(key, k))
            return &rs->ack_hours[u];
        snprintf(k, sizeof k, "referral.decision_hours.%s",
                 referral_urgency_code((referral_urgency)u));
        if (!strcmp(key, k))
            return &rs->decision_hours[u];
    }
    return NULL;
}

static int hours_setting(app_options *opt, const char *key, const char *value, bool set)
{
    referral_settings rs;
    referral_settings_defaults(&rs);
    int hours = 0;
    if (set && !cli_parse_count(value, REFERRAL_HOURS_LIMIT, &hours))
        return cli_refuse(referral_problem_text(REFERRAL_SETTING_OUT_OF_RANGE));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st == ST_OK)
        st = store_referral_settings(s, &rs);
    referral_problem p = REFERRAL_OK;
    if (st == ST_OK && set) {
        *hours_field(&rs, key) = hours;
        st = store_referral_settings_set(s, &rs, &p);
    } else if (st == ST_OK) {
        printf("%d\n", *hours_field(&rs, key));
    }
    store_close(s);
    if (st == ST_INVALID)
        return cli_refuse(referral_problem_text(p));
    return cli_status_exit(st);
}

/* A team contact has the shape of the agency's contact of its kind. */
static bool team_value_valid(int k, const char *v)
{
    if (!*v)
        return true;
    if (strlen(v) > HANDOVER_FIELD_MAX || !utf8_valid(v) || utf8_has_control(v, false)
        || utf8_has_bidi_control(v))
        return false;
    if (k == 1)
        return agency_phone_valid(v);
    if (k == 2)
        return agency_email_valid(v);
    if (k == 3)
        return agency_line_id_valid(v);
    return true;
}

static int team_setting(app_options *opt, int k, const char *value, bool set)
{
    char clean[HANDOVER_FIELD_MAX + 1] = "";
    if (set) {
        if (strlen(value) > HANDOVER_FIELD_MAX)
            return cli_refuse(agency_problem_text(AGENCY_TEXT_TOO_LONG));
        if (k == 1)
            ascii_digits(value, clean, sizeof clean);
        else
            snprintf(clean, sizeof clean, "%s", value);
        if (!team_value_valid(k, clean))
            return cli_refuse(k == 1 ? agency_problem_text(AGENCY_PHONE_BAD)
                              : k == 2 ? agency_problem_text(AGENCY_EMAIL_BAD)
                              : k == 3 ? agency_problem_text(AGENCY_LINE_BAD)
                                       : agency_problem_text(AGENCY_TEXT_BAD));
    }
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st == ST_OK && set) {
        st = store_setting_set(s, referral_team_keys[k], clean);
    } else if (st == ST_OK) {
        st = store_setting_get(s, referral_team_keys[k], clean, sizeof clean);
        if (st == ST_NOT_FOUND)
            st = ST_OK, clean[0] = '\0';
        if (st == ST_OK) {
            char shown[4 * HANDOVER_FIELD_MAX + 8];
            text_clean(clean, shown, sizeof shown);
            printf("%s\n", shown);
        }
    }
    store_close(s);
    return cli_status_exit(st);
}

int cli_referral_setting(app_options *opt, cli_args *a, bool set)
{
    const char *key = a->pos[2];
    const char *value = set ? a->pos[3] : NULL;
    int team = team_key_index(key);
    if (team >= 0)
        return team_setting(opt, team, value, set);
    if (store_referral_setting_key(key))
        return hours_setting(opt, key, value, set);
    return cli_usage_error(_("the referral settings are referral.ack_hours.URGENCY and "
                             "referral.decision_hours.URGENCY (emergency, urgent, routine), "
                             "and team.name, team.phone, team.email, team.line_id, "
                             "team.address"));
}
