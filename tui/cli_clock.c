/* cli_clock.c - the clock commands: when the person was met, a court
 * extension, a stopped clock, the due-soon list and the clock lengths.
 * The rules are core/clocks.h; the store is db/screenings.h. */
#define _GNU_SOURCE
#include "config.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/reintegration.h"
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/cli_internal.h"
#include "tui/cli_return.h"
#include "tui/timeinput.h"

#define SECONDS_OF_SLACK 60                      /* clocks drift: a minute */

/* Stable codes for --format tsv (the labels are for people). */
static const char *const deadline_state_codes[DEADLINE_STATE_COUNT] = {
    [DEADLINE_RUNNING] = "running", [DEADLINE_DUE_SOON] = "due_soon",
    [DEADLINE_PASSED] = "passed",
};

/* The clock length settings, the names they are stored under, and where
 * each lives in clock_settings. */
typedef struct clock_key {
    const char *key;
    size_t offset;
} clock_key;

static const clock_key clock_keys[] = {
    { "clock.identification_hours", offsetof(clock_settings, identification_hours) },
    { "clock.court_max_hours", offsetof(clock_settings, court_max_hours) },
    { "clock.shelter_days", offsetof(clock_settings, shelter_days) },
    { "clock.reflection_days", offsetof(clock_settings, reflection_days) },
    { "clock.due_soon_hours", offsetof(clock_settings, due_soon_hours) },
};
#define N_CLOCK_KEYS (sizeof clock_keys / sizeof clock_keys[0])

/* Reads a DATE HH:MM option; NULL means now.  Prints the problem and
 * returns false when it cannot be read. */
static bool read_moment(app_options *opt, const char *text, int64_t *out)
{
    if (!text) {
        *out = tc_now(&opt->clock);
        return true;
    }
    const char *problem = moment_parse(text, opt->clock.utc_offset, out);
    if (problem) {
        fprintf(stderr, "tipcase: %s: %s\n", text, _(problem));
        return false;
    }
    return true;
}

/* ---- clocks ------------------------------------------------------------- */

static void print_clock(app_options *opt, const case_clocks *cc, const clock_settings *cs,
                        clock_kind k, int64_t now)
{
    int64_t due = case_clock_due(cc, cs, k);
    char when[MOMENT_TEXT_MAX], left[64], state[256];
    moment_format(due, opt->clock.utc_offset, when, sizeof when);
    if (cc->stopped[k]) {
        char at[MOMENT_TEXT_MAX];
        moment_format(cc->stopped_at[k], opt->clock.utc_offset, at, sizeof at);
        snprintf(state, sizeof state, _("stopped %s"), at);
    } else {
        time_left_words(deadline_remaining(due, now), left, sizeof left);
        snprintf(state, sizeof state, "%s (%s)", _(deadline_state_label(deadline_state_at(due, now, cs))),
                 left);
    }
    printf("%s\t%s\t%s\n", _(clock_kind_label(k)), when, state);
}

static store_status show_clocks(app_options *opt, store *s, const tc_case *c)
{
    case_clocks cc;
    clock_settings cs;
    store_status st = store_case_clocks_get(s, c->id, &cc);
    if (st == ST_OK)
        st = store_clock_settings(s, &cs);
    if (st != ST_OK)
        return st;
    int64_t now = tc_now(&opt->clock);
    cli_print_field(_("Case:"), c->reference);
    cli_print_moment(_("Met at:"), opt, cc.met_at);
    if (cc.extended) {
        char until[MOMENT_TEXT_MAX], line[MOMENT_TEXT_MAX + COURT_REF_MAX + 64];
        moment_format(cc.extended_until, opt->clock.utc_offset, until, sizeof until);
        snprintf(line, sizeof line, _("until %s, court order %s"), until, cc.court_ref);
        cli_print_field(_("Court extension:"), line);
    }
    for (int k = 0; k < CLOCK_KIND_COUNT; k++)
        print_clock(opt, &cc, &cs, (clock_kind)k, now);
    return ST_OK;
}

static int clocks_refusal(store_status st)
{
    if (st == ST_NOT_FOUND)
        return cli_refuse(N_("The clocks of this case have not been started: "
                             "tipcase clock start CASE --at \"DATE HH:MM\"."));
    return cli_status_exit(st);
}

/* clock start, extend or stop; prints why when it is refused. */
static int clock_change(app_options *opt, store *s, const tc_case *c, cli_args *a)
{
    const char *sub = a->pos[1];
    int64_t when = 0;
    store_status st;
    clock_problem problem = CLOCK_OK;
    if (!strcmp(sub, "start")) {
        if (!read_moment(opt, ARG(a, OPT_AT), &when))
            return EXIT_USER;
        if (when > tc_now(&opt->clock) + SECONDS_OF_SLACK)
            return cli_refuse(N_("The time met cannot be later than now."));
        st = store_case_clocks_start(s, c->id, when);
        if (st == ST_INVALID)
            return cli_refuse(N_("At that time met the recorded court extension would no "
                                 "longer be valid. Check the time."));
    } else if (!strcmp(sub, "extend")) {
        if (!read_moment(opt, ARG(a, OPT_UNTIL), &when))
            return EXIT_USER;
        st = store_case_clocks_extend(s, c->id, when, ARG(a, OPT_COURT_REF), &problem);
    } else {
        clock_kind k = CLOCK_IDENTIFICATION;
        clock_kind_from_code(a->pos[3], &k);
        if (!read_moment(opt, ARG(a, OPT_AT), &when))
            return EXIT_USER;
        if (when > tc_now(&opt->clock) + SECONDS_OF_SLACK)
            return cli_refuse(N_("A clock cannot stop later than now."));
        st = store_case_clocks_stop(s, c->id, k, when);
        if (st == ST_INVALID)
            return cli_refuse(N_("A clock cannot stop before the person was met."));
    }
    if (st == ST_INVALID && problem != CLOCK_OK)
        return cli_refuse(clock_problem_message(problem));
    return clocks_refusal(st);
}

/* The usage of clock SUB, or NULL when the arguments fit it. */
static const char *clock_usage_problem(cli_args *a)
{
    const char *sub = a->npos >= 2 ? a->pos[1] : "";
    clock_kind k;
    if (!strcmp(sub, "show") || !strcmp(sub, "start"))
        return a->npos == 3 ? NULL : N_("clock show|start CASE [--at \"DATE HH:MM\"]");
    if (!strcmp(sub, "extend"))
        return a->npos == 3 && ARG(a, OPT_UNTIL) && ARG(a, OPT_COURT_REF)
               ? NULL : N_("clock extend CASE --until \"DATE HH:MM\" --court-ref REF");
    if (!strcmp(sub, "stop"))
        return a->npos == 4 && clock_kind_from_code(a->pos[3], &k)
               ? NULL : N_("clock stop CASE identification|shelter|reflection [--at \"DATE HH:MM\"]");
    return N_("clock needs show, start, extend or stop");
}

int cli_clock_cmd(app_options *opt, cli_args *a)
{
    const char *usage = clock_usage_problem(a);
    if (usage)
        return cli_usage_error(_(usage));
    store *s = NULL;
    tc_case c;
    int rc = cli_open_case(opt, a->pos[2], &s, &c);
    if (rc != EXIT_OK)
        return rc;
    if (strcmp(a->pos[1], "show"))
        rc = clock_change(opt, s, &c, a);
    if (rc == EXIT_OK)
        rc = clocks_refusal(show_clocks(opt, s, &c));
    store_close(s);
    return rc;
}

/* A follow-up on the due list: due on a civil date, so the date and whole
 * days (cli_return.h), and the case's high-risk mark. */
static void print_followup_due(const deadline_row *r, const char *padded_name, caldate today)
{
    char date[THDATE_MAX], left[CLI_DAYS_TEXT_MAX];
    thdate_format(r->followup_on, i18n_is_thai(), date, sizeof date);
    cli_days_left_text(followup_days_left(r->followup_on, today), left, sizeof left);
    printf("%-16s %s %s · %s · %s%s%s\n", r->reference, padded_name, _("Follow-up"), date, left,
           r->high_risk ? " · " : "", r->high_risk ? _("HIGH RISK") : "");
}

int cli_due_cmd(app_options *opt, cli_args *a)
{
    if (a->npos != 1)
        return cli_usage_error(_("due [--format tsv]"));
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    int64_t now = tc_now(&opt->clock);
    deadline_row *rows = NULL;
    size_t n = 0;
    st = store_deadlines_due(s, now, &rows, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (tsv)
        printf("reference\tname\tclock\tdue\tstate\tseconds_left\n");
    else if (n == 0)
        printf("%s\n", _("No clock or follow-up has passed or falls due soon."));
    caldate today = app_today(&opt->clock);
    for (size_t i = 0; i < n; i++) {
        const deadline_row *r = &rows[i];
        char name[4 * CASE_NAME_MAX + 8], when[MOMENT_TEXT_MAX], left[64];
        int64_t remaining = deadline_remaining(r->due, now);
        if (tsv) {
            text_clean(r->name, name, sizeof name);
            timestamp_format_iso(r->due, when);
            printf("%s\t%s\t%s\t%s\t%s\t%lld\n", r->reference, name,
                   r->followup ? "followup" : clock_kind_code(r->kind), when,
                   deadline_state_codes[r->state], (long long)remaining);
            continue;
        }
        text_pad(r->name, 24, name, sizeof name);
        if (r->followup)
            print_followup_due(r, name, today);
        else {
            moment_format(r->due, opt->clock.utc_offset, when, sizeof when);
            time_left_words(remaining, left, sizeof left);
            printf("%-16s %s %s · %s · %s\n", r->reference, name, _(clock_kind_label(r->kind)),
                   when, left);
        }
    }
    free(rows);
    return EXIT_OK;
}

/* ---- clock length settings ---------------------------------------------- */

bool cli_is_clock_setting(const char *key)
{
    return !strncmp(key, "clock.", 6);
}

static int *clock_field(clock_settings *cs, const char *key)
{
    for (size_t i = 0; i < N_CLOCK_KEYS; i++)
        if (!strcmp(key, clock_keys[i].key))
            return (int *)((char *)cs + clock_keys[i].offset);
    return NULL;
}

int cli_clock_setting(app_options *opt, cli_args *a, bool set)
{
    clock_settings cs;
    clock_settings_defaults(&cs);
    const char *key = a->pos[2];
    int value = 0;
    if (!clock_field(&cs, key))
        return cli_usage_error(_("the clock settings are clock.identification_hours, "
                                 "clock.court_max_hours, clock.shelter_days, "
                                 "clock.reflection_days and clock.due_soon_hours"));
    if (set && !cli_parse_count(a->pos[3], CLOCK_HOURS_LIMIT, &value))
        return cli_refuse(clock_problem_message(CLOCK_SETTING_OUT_OF_RANGE));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st == ST_OK)
        st = store_clock_settings(s, &cs);
    clock_problem problem = CLOCK_OK;
    if (st == ST_OK && set) {
        *clock_field(&cs, key) = value;
        st = store_clock_settings_set(s, &cs, &problem);
    } else if (st == ST_OK) {
        printf("%d\n", *clock_field(&cs, key));
    }
    store_close(s);
    if (st == ST_INVALID)
        return cli_refuse(clock_problem_message(problem));
    return cli_status_exit(st);
}
