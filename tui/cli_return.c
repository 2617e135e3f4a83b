/* cli_return.c - the return and reintegration commands (issue 6): the
 * follow-up list and recording a follow-up, a case's repatriation plan
 * (made, and shown as a step checklist with its handover), its
 * reintegration plan, the follow-up settings, and the code lists an
 * administrator extends (the handover points among them).  Everything goes
 * through db/returns.h, db/record.h and core; text is in the interface
 * language with dates in B.E. in Thai, and --format tsv gives stable codes
 * and ISO dates. */
#define _GNU_SOURCE
#include "config.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/geo.h"
#include "db/referrals.h"
#include "db/returns.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/casefmt.h"
#include "tui/cli_internal.h"
#include "tui/cli_return.h"
#include "tui/timeinput.h"

#define NAME_COLUMNS 20             /* of a person's name in a list line */
#define DUE_SOON_DAYS_LIMIT 366     /* db/returns.h: followup.due_soon_days */

void cli_return_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  followup list [--overdue] [--format tsv]\n"
              "                                follow-ups of every case, high risk first\n"
              "  followup add CASE --at DATE --method visit|phone|partner_report\n"
              "           --risk low|medium|high --findings TEXT [--next DATE|none]\n"
              "           [--agency CODE]       record a follow-up of the reintegration plan\n"
              "  repatriation add CASE --country CC [--direction outbound|inbound]\n"
              "           [--hometown TEXT]     start a repatriation plan\n"
              "  repatriation show CASE [--format tsv]   the plan, its steps and handover\n"
              "  reintegration add CASE [--start DATE]   a plan counted from the return date\n"
              "  reintegration show CASE       domains, follow-up schedule and follow-ups\n"
              "  list show LIST [--format tsv] a code list: sector, exploitation, recruitment,\n"
              "                                document_kind, document_holder, immigration,\n"
              "                                handover_point\n"
              "  list add LIST CODE --label EN --label-th TH [--group G]   (admin)\n"
              "  due also lists follow-ups that are overdue or due soon\n"
              "  setting get|set followup.months (such as 1,3,6,12), followup.due_soon_days\n"));
}

/* ---- text without a store ----------------------------------------------- */

void cli_days_left_text(int64_t days_left, char *out, size_t outsz)
{
    if (days_left == 0)
        snprintf(out, outsz, "%s", _("due today"));
    else if (days_left == 1)
        snprintf(out, outsz, "%s", _("1 day left"));
    else if (days_left > 1)
        snprintf(out, outsz, _("%lld days left"), (long long)days_left);
    else if (days_left == -1)
        snprintf(out, outsz, "%s", _("overdue 1 day"));
    else
        snprintf(out, outsz, _("overdue %lld days"), -(long long)days_left);
}

char cli_step_mark(repat_step_state s)
{
    if (s == REPAT_STEP_DONE)
        return 'x';
    if (s == REPAT_STEP_NOT_NEEDED)
        return '-';
    return ' ';
}

/* Appends " · label date". */
static void append_date(char *out, size_t outsz, const char *label, caldate d)
{
    char date[THDATE_MAX], piece[THDATE_MAX + 128];
    thdate_format(d, i18n_is_thai(), date, sizeof date);
    snprintf(piece, sizeof piece, "%s %s", label, date);
    text_join(out, outsz, " · ", piece);
}

void cli_step_line(const repat_step *st, bool required, char *out, size_t outsz)
{
    snprintf(out, outsz, "[%c] %s%s%s%s", cli_step_mark(st->state),
             _(repat_step_label(st->kind)), required ? " (" : "", required ? _("required") : "",
             required ? ")" : "");
    text_join(out, outsz, " · ", _(repat_step_state_label(st->state)));
    if (st->requested_known)
        append_date(out, outsz, _("asked"), st->requested_on);
    if (st->done_known)
        append_date(out, outsz, st->state == REPAT_STEP_NOT_NEEDED ? _("decided")
                                                                   : _("finished"), st->done_on);
}

/* ---- small helpers ------------------------------------------------------ */

static const char *pick(const char *en, const char *th)
{
    return i18n_is_thai() && th && th[0] ? th : en;
}

/* "tipcase: message (detail)" in the user's language; EXIT_USER. */
static int refuse_detail(const char *msgid, const char *detail)
{
    if (detail && *detail)
        fprintf(stderr, "tipcase: %s (%s)\n", _(msgid), detail);
    else
        fprintf(stderr, "tipcase: %s\n", _(msgid));
    return EXIT_USER;
}

/* A date option: false (the problem printed, in the user's language) when
 * it is not a real date. */
static bool read_date(const char *option, const char *text, caldate *out)
{
    thdate_error e = thdate_parse(text, out);
    if (e == THDATE_OK)
        return true;
    fprintf(stderr, "tipcase: %s %s: %s\n", option, text, _(thdate_error_text(e)));
    return false;
}

static void print_date_field(const char *label, caldate d)
{
    char date[THDATE_MAX];
    thdate_format(d, i18n_is_thai(), date, sizeof date);
    cli_print_field(label, date);
}

static const char *country_name(const char *code)
{
    const geo_entry *g = geo_country(code);
    return g ? pick(g->name_en, g->name_th) : code;
}

/* The option a core field name comes from, so a refusal says what to fix. */
static const char *followup_option(const char *field)
{
    static const struct { const char *field, *option; } map[] = {
        { "on", "--at" }, { "method", "--method" }, { "findings", "--findings" },
        { "risk", "--risk" }, { "next_on", "--next" }, { "by_agency", "--agency" },
    };
    for (size_t i = 0; field && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(field, map[i].field))
            return map[i].option;
    return field;
}

/* ---- followup list ------------------------------------------------------ */

static void print_followup_row_tsv(const followup_row *r, caldate today)
{
    char name[4 * CASE_NAME_MAX + 8], due[CALDATE_ISO_LEN], last[CALDATE_ISO_LEN] = "";
    text_clean(r->name, name, sizeof name);
    caldate_format_iso(r->next_due, due);
    if (r->has_last)
        caldate_format_iso(r->last_on, last);
    printf("%s\t%s\t%s\t%zu\t%s\t%lld\t%s\t%s\t%s\t%s\n", r->reference, name, r->country,
           r->number, due, (long long)followup_days_left(r->next_due, today),
           r->overdue ? "yes" : "no", last, r->has_last ? risk_code(r->last_risk) : "",
           r->high_risk ? "yes" : "no");
}

static void print_followup_row_text(const followup_row *r, caldate today)
{
    char name[4 * CASE_NAME_MAX + 8], due[THDATE_MAX], left[CLI_DAYS_TEXT_MAX];
    char number[64], last[THDATE_MAX + 128];
    bool thai = i18n_is_thai();
    text_pad(r->name, NAME_COLUMNS, name, sizeof name);
    thdate_format(r->next_due, thai, due, sizeof due);
    cli_days_left_text(followup_days_left(r->next_due, today), left, sizeof left);
    snprintf(number, sizeof number, _("follow-up %zu"), r->number);
    if (r->has_last) {
        char on[THDATE_MAX];
        thdate_format(r->last_on, thai, on, sizeof on);
        snprintf(last, sizeof last, _("last risk: %s (%s)"), _(risk_label(r->last_risk)), on);
    } else {
        snprintf(last, sizeof last, "%s", _("no follow-up yet"));
    }
    printf("%-16s %s %s · %s · %s · %s", r->reference, name, number, due, left, last);
    if (r->high_risk)
        printf(" · %s", _("HIGH RISK"));
    printf("\n");
}

static int followup_list(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("followup list [--overdue] [--format tsv]"));
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    bool overdue_only = ARG(a, OPT_OVERDUE) != NULL;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    followup_row *rows = NULL;
    size_t n = 0, overdue = 0;
    st = store_followup_due(s, overdue_only, &rows, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    caldate today = app_today(&opt->clock);
    for (size_t i = 0; i < n; i++)
        overdue += rows[i].overdue;
    if (tsv) {
        printf("reference\tname\tcountry\tnumber\tdue\tdays_left\toverdue\tlast_on\tlast_risk"
               "\thigh_risk\n");
    } else {
        printf(_("Follow-ups planned: %zu, overdue: %zu\n"), n, overdue);
        if (n == 0)
            printf("%s\n", overdue_only ? _("No follow-up is overdue.")
                                        : _("No follow-up is planned."));
    }
    for (size_t i = 0; i < n; i++) {
        if (tsv)
            print_followup_row_tsv(&rows[i], today);
        else
            print_followup_row_text(&rows[i], today);
    }
    free(rows);
    return EXIT_OK;
}

/* ---- followup add ------------------------------------------------------- */

/* The follow-up the options describe, on plan p (its defaults: the next
 * scheduled date).  EXIT_OK, or the problem already printed. */
static int followup_from_args(cli_args *a, const tc_reintegration *p, caldate on,
                              tc_followup *f)
{
    followup_init(f, p, on);
    if (!followup_method_from_code(ARG(a, OPT_METHOD), &f->method))
        return cli_usage_error(_("--method is visit, phone or partner_report"));
    if (!risk_from_code(ARG(a, OPT_RISK), &f->risk))
        return cli_usage_error(_("--risk is low, medium or high"));
    const char *findings = ARG(a, OPT_FINDINGS);
    if (strlen(findings) > REINT_TEXT_MAX)
        return refuse_detail(reint_problem_text(REINT_TEXT_TOO_LONG), "--findings");
    snprintf(f->findings, sizeof f->findings, "%s", findings);
    const char *next = ARG(a, OPT_NEXT);
    if (next && !strcmp(next, "none")) {
        f->next_known = false;
    } else if (next) {
        if (!read_date("--next", next, &f->next_on))
            return EXIT_USER;
        f->next_known = true;
    }
    const char *agency = ARG(a, OPT_AGENCY);
    if (agency && strlen(agency) > TC_CODE_MAX)
        return refuse_detail(reint_problem_text(REINT_AGENCY_INVALID), "--agency");
    snprintf(f->by_agency, sizeof f->by_agency, "%s", agency ? agency : "");
    return EXIT_OK;
}

/* Checks the options before the passphrase is asked for: a typo costs no
 * unlock.  The plan is not known yet, so a plan starting on the
 * follow-up's own date stands in (what only the real plan can refuse, a
 * date before the return, is checked by the store). */
static int followup_precheck(cli_args *a, caldate on, caldate today)
{
    tc_reintegration *probe = malloc(sizeof *probe);
    tc_followup *f = malloc(sizeof *f);
    int rc = probe && f ? EXIT_OK : cli_status_exit(ST_NOMEM);
    if (rc == EXIT_OK) {
        reint_init(probe, on);
        rc = followup_from_args(a, probe, on, f);
    }
    if (rc == EXIT_OK) {
        reint_check chk = followup_validate(f, probe, today);
        if (chk.problem != REINT_OK)
            rc = refuse_detail(reint_problem_text(chk.problem), followup_option(chk.field));
    }
    free(probe);
    free(f);
    return rc;
}

static int no_reintegration_plan(const tc_case *c)
{
    fprintf(stderr, _("tipcase: case %s has no reintegration plan: 'tipcase reintegration add "
                      "CASE' makes one.\n"), c->reference);
    return EXIT_USER;
}

/* What the officer reads after a follow-up is stored. */
static void followup_recorded(const tc_case *c, const tc_reintegration *p, const tc_followup *f)
{
    printf(_("Follow-up %zu of case %s recorded.\n"), p->followups_done, c->reference);
    if (p->next_known) {
        char date[THDATE_MAX];
        thdate_format(p->next_due, i18n_is_thai(), date, sizeof date);
        printf(_("Next follow-up due %s.\n"), date);
    } else if (!p->closed) {
        printf("%s\n", _("No further follow-up is planned."));
    }
    if (f->risk == RISK_HIGH) {
        printf("%s\n", _("The risk of being trafficked again is high: the case now stands at the "
                         "top of the lists."));
        printf(_("Start a new screening: open the case in tipcase, Screenings tab (4), key n. "
                 "'tipcase screening list %s' shows the earlier ones.\n"), c->reference);
    }
}

/* Stores the follow-up for the open case; prints the result or why not. */
static int followup_store(store *s, const tc_case *c, cli_args *a, caldate on)
{
    tc_reintegration *p = malloc(sizeof *p);
    tc_followup *f = malloc(sizeof *f);
    int rc = p && f ? EXIT_OK : cli_status_exit(ST_NOMEM);
    store_status st = ST_OK;
    if (rc == EXIT_OK) {
        st = store_reintegration_get(s, c->id, p);
        rc = st == ST_NOT_FOUND ? no_reintegration_plan(c) : cli_status_exit(st);
    }
    if (rc == EXIT_OK)
        rc = followup_from_args(a, p, on, f);
    tc_agency *ag = rc == EXIT_OK && f->by_agency[0] ? malloc(sizeof *ag) : NULL;
    if (ag && store_agency_get(s, f->by_agency, 0, ag) != ST_OK)
        rc = cli_refuse(N_("There is no agency with that code: 'tipcase agency list' "
                           "shows them."));
    free(ag);
    if (rc == EXIT_OK) {
        snprintf(f->case_id, sizeof f->case_id, "%s", c->id);
        reint_check chk = { REINT_OK, NULL };
        st = store_followup_add(s, f, &chk);
        if (st == ST_INVALID)
            rc = refuse_detail(reint_problem_text(chk.problem), followup_option(chk.field));
        else
            rc = cli_status_exit(st);
    }
    if (rc == EXIT_OK && store_reintegration_get(s, c->id, p) == ST_OK)
        followup_recorded(c, p, f);
    free(p);
    free(f);
    return rc;
}

static int followup_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3 || !ARG(a, OPT_AT) || !ARG(a, OPT_METHOD) || !ARG(a, OPT_RISK)
        || !ARG(a, OPT_FINDINGS))
        return cli_usage_error(_("followup add CASE --at DATE --method visit|phone|"
                                 "partner_report --risk low|medium|high --findings TEXT "
                                 "[--next DATE|none] [--agency CODE]"));
    caldate on;
    if (!read_date("--at", ARG(a, OPT_AT), &on))
        return EXIT_USER;
    int rc = followup_precheck(a, on, app_today(&opt->clock));
    if (rc != EXIT_OK)
        return rc;
    store *s = NULL;
    tc_case *c = malloc(sizeof *c);
    if (!c)
        return cli_status_exit(ST_NOMEM);
    rc = cli_open_case(opt, a->pos[2], &s, c);
    if (rc == EXIT_OK) {
        rc = followup_store(s, c, a, on);
        store_close(s);
    }
    free(c);
    return rc;
}

int cli_followup_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "list", followup_list },
        { "add", followup_add },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("followup needs list or add"));
}

/* ---- repatriation show -------------------------------------------------- */

static void print_step(const repat_step *st, bool required)
{
    char line[1024];
    cli_step_line(st, required, line, sizeof line);
    char clean[4 * sizeof line];
    text_clean(line, clean, sizeof clean);
    printf("  %s\n", clean);
    if (st->counterpart[0]) {
        char text[4 * REPAT_TEXT_MAX + 8];
        text_clean(st->counterpart, text, sizeof text);
        printf("      %s %s\n", _("Counterpart:"), text);
    }
    if (st->note[0]) {
        char text[4 * REPAT_NOTE_MAX + 8];
        text_clean(st->note, text, sizeof text);
        printf("      %s %s\n", st->state == REPAT_STEP_NOT_NEEDED ? _("Why not needed:")
                                                                  : _("Note:"), text);
    }
}

/* The handover point's label in the interface language, or its code when
 * the list no longer has it. */
static void handover_point_label(store *s, const char *code, char *out, size_t outsz)
{
    store_code_list l;
    memset(&l, 0, sizeof l);
    snprintf(out, outsz, "%s", code);
    if (store_code_list_get(s, LIST_HANDOVER_POINT, &l) != ST_OK)
        return;
    for (size_t i = 0; i < l.list.count; i++) {
        const tc_code_row *r = &l.list.rows[i];
        if (strcmp(r->code, code))
            continue;
        if (l.builtin[i])
            snprintf(out, outsz, "%s", _(r->label));
        else
            snprintf(out, outsz, "%s", pick(r->label, r->label_th));
    }
    store_code_list_free(&l);
}

static void print_consent(const tc_repatriation *p)
{
    if (!p->consent_given) {
        cli_print_field(_("Consent to return:"), _("not given"));
        return;
    }
    char line[THDATE_MAX + 4 * REPAT_TEXT_MAX + 64], date[THDATE_MAX] = "";
    if (p->consent_known)
        thdate_format(p->consent_on, i18n_is_thai(), date, sizeof date);
    snprintf(line, sizeof line, "%s%s%s", _("given"), date[0] ? " " : "", date);
    if (p->consent_by[0]) {
        size_t len = strlen(line);
        snprintf(line + len, sizeof line - len, _(", by %s"), p->consent_by);
    }
    cli_print_field(_("Consent to return:"), line);
}

static void print_legal(const tc_repatriation *p)
{
    if (!p->legal_pending)
        return;
    char line[512];
    snprintf(line, sizeof line, "%s%s%s%s%s", _("pending"),
             p->witness_needed ? ", " : "", p->witness_needed ? _("witness needed") : "",
             p->compensation_claim ? ", " : "",
             p->compensation_claim ? _("compensation claimed") : "");
    cli_print_field(_("Legal proceedings:"), line);
}

static void print_handover(app_options *opt, store *s, const tc_repatriation *p)
{
    printf("\n%s\n", _("Handover:"));
    char label[4 * TC_LABEL_MAX + 8];
    if (p->handover_point[0]) {
        handover_point_label(s, p->handover_point, label, sizeof label);
        cli_print_field(_("Handover point:"), label);
    } else {
        cli_print_field(_("Handover point:"), _("not chosen yet"));
    }
    if (p->planned_known)
        print_date_field(_("Planned date:"), p->planned_on);
    if (p->handed_over_known)
        cli_print_moment(_("Handed over:"), opt, p->handed_over_at);
    else
        cli_print_field(_("Handed over:"), _("not yet"));
    if (p->receiving_agency[0])
        cli_print_field(_("Receiving agency:"), p->receiving_agency);
    if (p->receiving_person[0])
        cli_print_field(_("Receiving person:"), p->receiving_person);
    if (p->handover_record[0])
        cli_print_field(_("Handover record:"), p->handover_record);
}

static void print_repatriation(app_options *opt, store *s, const tc_case *c,
                               const tc_repatriation *p, bool child)
{
    cli_print_field(_("Case:"), c->reference);
    cli_print_field(_("Direction:"), _(repat_direction_label(p->direction)));
    char where[4 * REPAT_TEXT_MAX + 128];
    snprintf(where, sizeof where, "%s%s%s", country_name(p->country), p->hometown[0] ? ", " : "",
             p->hometown);
    cli_print_field(_("Destination:"), where);
    cli_print_field(_("The person's wish:"), _(repat_wish_label(p->wish)));
    print_consent(p);
    print_legal(p);
    cli_print_field(_("State:"), _(repat_state_label(p->state)));
    if (p->state_reason[0])
        cli_print_field(p->steps_overridden ? _("Returned with steps open, because:")
                                            : _("Reason:"), p->state_reason);
    repat_step_kind open[REPAT_STEP_COUNT];
    size_t n_open = repat_open_required(p, child, open);
    printf("\n%s\n", _("Steps:"));
    for (int k = 0; k < REPAT_STEP_COUNT; k++)
        print_step(&p->steps[k], repat_step_required(p, (repat_step_kind)k, child));
    if (n_open && p->state != REPAT_RETURNED && p->state != REPAT_CANCELLED)
        printf("  %s %zu\n", _("Required steps still open:"), n_open);
    print_handover(opt, s, p);
}

/* --format tsv: one "field<TAB>value" line each, stable codes, ISO dates. */
static void tsv_date(const char *field, bool known, caldate d)
{
    char iso[CALDATE_ISO_LEN] = "";
    if (known)
        caldate_format_iso(d, iso);
    printf("%s\t%s\n", field, iso);
}

static void tsv_text(const char *field, const char *value)
{
    char clean[4 * REPAT_NOTE_MAX + 8];
    text_clean(value, clean, sizeof clean);
    printf("%s\t%s\n", field, clean);
}

static void print_repatriation_tsv(const tc_case *c, const tc_repatriation *p, bool child)
{
    printf("field\tvalue\n");
    tsv_text("case", c->reference);
    tsv_text("direction", repat_direction_code(p->direction));
    tsv_text("country", p->country);
    tsv_text("hometown", p->hometown);
    tsv_text("wish", repat_wish_code(p->wish));
    tsv_text("consent", p->consent_given ? "yes" : "no");
    tsv_date("consent_on", p->consent_known, p->consent_on);
    tsv_text("consent_by", p->consent_by);
    tsv_text("legal_pending", p->legal_pending ? "yes" : "no");
    tsv_text("state", repat_state_code(p->state));
    tsv_text("state_reason", p->state_reason);
    tsv_text("steps_overridden", p->steps_overridden ? "yes" : "no");
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        const repat_step *st = &p->steps[k];
        char field[64];
        const char *code = repat_step_code(st->kind);
        snprintf(field, sizeof field, "steps.%s.state", code);
        tsv_text(field, repat_step_state_code(st->state));
        snprintf(field, sizeof field, "steps.%s.required", code);
        tsv_text(field, repat_step_required(p, (repat_step_kind)k, child) ? "yes" : "no");
        snprintf(field, sizeof field, "steps.%s.requested_on", code);
        tsv_date(field, st->requested_known, st->requested_on);
        snprintf(field, sizeof field, "steps.%s.done_on", code);
        tsv_date(field, st->done_known, st->done_on);
        snprintf(field, sizeof field, "steps.%s.counterpart", code);
        tsv_text(field, st->counterpart);
        snprintf(field, sizeof field, "steps.%s.note", code);
        tsv_text(field, st->note);
    }
    tsv_text("handover_point", p->handover_point);
    tsv_date("planned_on", p->planned_known, p->planned_on);
    char iso[TIMESTAMP_ISO_LEN] = "";
    if (p->handed_over_known)
        timestamp_format_iso(p->handed_over_at, iso);
    tsv_text("handed_over_at", iso);
    tsv_text("receiving_agency", p->receiving_agency);
    tsv_text("receiving_person", p->receiving_person);
    tsv_text("handover_record", p->handover_record);
}

static int no_repatriation_plan(const tc_case *c)
{
    fprintf(stderr, _("tipcase: case %s has no repatriation plan: 'tipcase repatriation add "
                      "CASE --country CC' makes one.\n"), c->reference);
    return EXIT_USER;
}

static int repatriation_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("repatriation show CASE [--format tsv]"));
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    store *s = NULL;
    tc_case *c = malloc(sizeof *c);
    tc_repatriation *p = malloc(sizeof *p);
    int rc = c && p ? cli_open_case(opt, a->pos[2], &s, c) : cli_status_exit(ST_NOMEM);
    if (rc == EXIT_OK) {
        store_status st = store_repatriation_get(s, c->id, p);
        rc = st == ST_NOT_FOUND ? no_repatriation_plan(c) : cli_status_exit(st);
        bool child = case_is_child(c, app_today(&opt->clock), opt->clock.utc_offset);
        if (rc == EXIT_OK && tsv)
            print_repatriation_tsv(c, p, child);
        else if (rc == EXIT_OK)
            print_repatriation(opt, s, c, p, child);
        store_close(s);
    }
    free(c);
    free(p);
    return rc;
}

/* ---- repatriation add --------------------------------------------------- */

static int repat_refusal(store_status st, const repat_check *chk)
{
    if (st == ST_INVALID)
        return refuse_detail(repat_problem_text(chk->problem), chk->field);
    if (st == ST_DUPLICATE)
        return cli_refuse(N_("This case already has a repatriation plan: "
                             "'tipcase repatriation show CASE' shows it."));
    return cli_status_exit(st);
}

/* The plan the options describe; EXIT_OK or the problem printed. */
static int repatriation_from_args(cli_args *a, tc_repatriation *p)
{
    repat_init(p);
    const char *country = ARG(a, OPT_COUNTRY);
    if (strlen(country) != 2)
        return refuse_detail(repat_problem_text(REPAT_COUNTRY_INVALID), "--country");
    p->country[0] = (char)toupper((unsigned char)country[0]);
    p->country[1] = (char)toupper((unsigned char)country[1]);
    p->country[2] = '\0';
    /* A Thai national comes home; anyone else goes home from Thailand. */
    p->direction = strcmp(p->country, "TH") ? REPAT_OUTBOUND : REPAT_INBOUND;
    const char *direction = ARG(a, OPT_DIRECTION);
    if (direction && !repat_direction_from_code(direction, &p->direction))
        return cli_usage_error(_("--direction is outbound or inbound"));
    const char *hometown = ARG(a, OPT_HOMETOWN) ? ARG(a, OPT_HOMETOWN) : "";
    if (strlen(hometown) > REPAT_TEXT_MAX)
        return refuse_detail(repat_problem_text(REPAT_TEXT_TOO_LONG), "--hometown");
    snprintf(p->hometown, sizeof p->hometown, "%s", hometown);
    /* The case is found after the unlock; stand in for it here. */
    snprintf(p->case_id, sizeof p->case_id, "?");
    repat_check chk = repat_validate(p, repat_default_handover_points());
    if (chk.problem != REPAT_OK)
        return refuse_detail(repat_problem_text(chk.problem), chk.field);
    return EXIT_OK;
}

static int repatriation_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3 || !ARG(a, OPT_COUNTRY))
        return cli_usage_error(_("repatriation add CASE --country CC [--direction "
                                 "outbound|inbound] [--hometown TEXT]"));
    tc_repatriation *p = malloc(sizeof *p);
    tc_case *c = malloc(sizeof *c);
    int rc = p && c ? repatriation_from_args(a, p) : cli_status_exit(ST_NOMEM);
    store *s = NULL;
    if (rc == EXIT_OK)
        rc = cli_open_case(opt, a->pos[2], &s, c);
    if (rc == EXIT_OK) {
        snprintf(p->case_id, sizeof p->case_id, "%s", c->id);
        repat_check chk = { REPAT_OK, NULL };
        store_status st = store_repatriation_add(s, p, &chk);
        rc = st == ST_OK ? EXIT_OK : repat_refusal(st, &chk);
        store_close(s);
    }
    if (rc == EXIT_OK)
        printf(_("Repatriation plan made for case %s (%s).\n"), c->reference,
               country_name(p->country));
    free(p);
    free(c);
    return rc;
}

int cli_repatriation_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "show", repatriation_show },
        { "add", repatriation_add },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("repatriation needs show or add"));
}

/* ---- reintegration ------------------------------------------------------ */

static void print_schedule(const tc_reintegration *p)
{
    printf("\n%s\n", _("Follow-up schedule:"));
    bool thai = i18n_is_thai();
    for (size_t k = 0; k < p->schedule.count; k++) {
        char date[THDATE_MAX];
        caldate due = reint_scheduled_date(p->start, p->schedule.months[k]);
        thdate_format(due, thai, date, sizeof date);
        printf("  %zu. ", k + 1);
        if (p->schedule.months[k] == 1)
            printf(_("1 month after return: %s"), date);
        else
            printf(_("%d months after return: %s"), p->schedule.months[k], date);
        if (k < p->followups_done)
            printf(" · %s", _("recorded"));
        printf("\n");
    }
}

static void print_domain(store *s, reint_domain d, const reint_domain_plan *dp)
{
    printf("  %s\n", _(reint_domain_label(d)));
    char text[4 * REINT_TEXT_MAX + 8];
    text_clean(dp->goals, text, sizeof text);
    printf("      %s %s\n", _("Goals:"), text);
    if (dp->services[0]) {
        text_clean(dp->services, text, sizeof text);
        printf("      %s %s\n", _("Services:"), text);
    }
    if (dp->agency_code[0]) {
        tc_agency *ag = malloc(sizeof *ag);
        const char *name = dp->agency_code;
        if (ag && store_agency_get(s, dp->agency_code, 0, ag) == ST_OK)
            name = pick(ag->name_en, ag->name_th);
        text_clean(name, text, sizeof text);
        printf("      %s %s (%s)\n", _("Responsible agency:"), text, dp->agency_code);
        free(ag);
    }
}

static void print_followup(const tc_followup *f)
{
    char date[THDATE_MAX], text[4 * REINT_TEXT_MAX + 8];
    bool thai = i18n_is_thai();
    thdate_format(f->on, thai, date, sizeof date);
    printf("  %s · %s · %s: %s", date, _(followup_method_label(f->method)),
           _("risk"), _(risk_label(f->risk)));
    if (f->by_agency[0])
        printf(" · %s", f->by_agency);
    if (f->entry_withdrawn)
        printf(" · %s", _("entry withdrawn"));
    printf("\n");
    text_clean(f->findings, text, sizeof text);
    printf("      %s\n", text);
    if (f->next_known) {
        thdate_format(f->next_on, thai, date, sizeof date);
        printf("      %s %s\n", _("Next date:"), date);
    }
}

static void print_closed(const tc_reintegration *p)
{
    char date[THDATE_MAX], line[THDATE_MAX + 256];
    thdate_format(p->closed_on, i18n_is_thai(), date, sizeof date);
    snprintf(line, sizeof line, "%s, %s", date, _(reint_outcome_label(p->outcome)));
    cli_print_field(_("Closed:"), line);
    if (p->outcome_note[0])
        cli_print_field(_("Outcome note:"), p->outcome_note);
}

static void print_reintegration(app_options *opt, store *s, const tc_case *c,
                                const tc_reintegration *p)
{
    cli_print_field(_("Case:"), c->reference);
    print_date_field(_("Start (return date):"), p->start);
    cli_print_field(_("State:"), p->closed ? _("closed") : _("active"));
    if (p->closed)
        print_closed(p);
    if (p->next_known) {
        char date[THDATE_MAX], left[CLI_DAYS_TEXT_MAX], line[THDATE_MAX + CLI_DAYS_TEXT_MAX + 8];
        thdate_format(p->next_due, i18n_is_thai(), date, sizeof date);
        cli_days_left_text(followup_days_left(p->next_due, app_today(&opt->clock)), left,
                           sizeof left);
        snprintf(line, sizeof line, "%s (%s)", date, left);
        cli_print_field(_("Next follow-up due:"), line);
    }
    if (p->high_risk)
        cli_print_field(_("Re-trafficking risk:"), _("HIGH: start a new screening"));
    print_schedule(p);
    printf("\n%s\n", _("Domains:"));
    bool any = false;
    for (int d = 0; d < REINT_DOMAIN_COUNT; d++)
        if (p->domains[d].included) {
            print_domain(s, (reint_domain)d, &p->domains[d]);
            any = true;
        }
    if (!any)
        printf("  %s\n", _("none yet"));
    tc_followup *fs = NULL;
    size_t n = 0;
    printf("\n%s\n", _("Follow-ups:"));
    if (store_followup_list_case(s, c->id, &fs, &n) == ST_OK)
        for (size_t i = 0; i < n; i++)
            print_followup(&fs[i]);
    if (n == 0)
        printf("  %s\n", _("none yet"));
    free(fs);
}

static int reintegration_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("reintegration show CASE"));
    store *s = NULL;
    tc_case *c = malloc(sizeof *c);
    tc_reintegration *p = malloc(sizeof *p);
    int rc = c && p ? cli_open_case(opt, a->pos[2], &s, c) : cli_status_exit(ST_NOMEM);
    if (rc == EXIT_OK) {
        store_status st = store_reintegration_get(s, c->id, p);
        rc = st == ST_NOT_FOUND ? no_reintegration_plan(c) : cli_status_exit(st);
        if (rc == EXIT_OK)
            print_reintegration(opt, s, c, p);
        store_close(s);
    }
    free(c);
    free(p);
    return rc;
}

static int reintegration_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("reintegration add CASE [--start DATE]"));
    caldate start = app_today(&opt->clock);
    if (ARG(a, OPT_START) && !read_date("--start", ARG(a, OPT_START), &start))
        return EXIT_USER;
    store *s = NULL;
    tc_case *c = malloc(sizeof *c);
    tc_reintegration *p = malloc(sizeof *p);
    int rc = c && p ? cli_open_case(opt, a->pos[2], &s, c) : cli_status_exit(ST_NOMEM);
    if (rc == EXIT_OK) {
        reint_init(p, start);
        p->schedule.count = 0;              /* the store's setting */
        snprintf(p->case_id, sizeof p->case_id, "%s", c->id);
        reint_check chk = { REINT_OK, NULL };
        store_status st = store_reintegration_add(s, p, &chk);
        if (st == ST_INVALID)
            rc = refuse_detail(reint_problem_text(chk.problem), chk.field);
        else if (st == ST_DUPLICATE)
            rc = cli_refuse(N_("This case already has a reintegration plan: "
                               "'tipcase reintegration show CASE' shows it."));
        else
            rc = cli_status_exit(st);
        if (rc == EXIT_OK && store_reintegration_get(s, c->id, p) == ST_OK) {
            printf(_("Reintegration plan made for case %s.\n"), c->reference);
            if (p->next_known) {
                char date[THDATE_MAX];
                thdate_format(p->next_due, i18n_is_thai(), date, sizeof date);
                printf(_("First follow-up due %s.\n"), date);
            }
        }
        store_close(s);
    }
    free(c);
    free(p);
    return rc;
}

int cli_reintegration_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "show", reintegration_show },
        { "add", reintegration_add },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("reintegration needs show or add"));
}

/* ---- follow-up settings ------------------------------------------------- */

bool cli_is_return_setting(const char *key)
{
    return !strncmp(key, "followup.", 9);
}

/* Reads the value to set into fs; false (refusal printed) when wrong. */
static bool read_followup_setting(const char *key, const char *value, followup_settings *fs)
{
    if (!strcmp(key, "followup.months")) {
        if (followup_schedule_parse(value, &fs->schedule))
            return true;
        cli_refuse(N_("The follow-up months are whole numbers from 1 to 120, each larger than "
                      "the one before, separated by commas, at most 12 of them: 1,3,6,12."));
        return false;
    }
    int days = 0;
    if (!strcmp(value, "0") || cli_parse_count(value, DUE_SOON_DAYS_LIMIT, &days)) {
        fs->due_soon_days = days;
        return true;
    }
    cli_refuse(N_("followup.due_soon_days is a whole number of days from 0 to 366."));
    return false;
}

int cli_return_setting(app_options *opt, cli_args *a, bool set)
{
    const char *key = a->pos[2];
    if (strcmp(key, "followup.months") && strcmp(key, "followup.due_soon_days"))
        return cli_usage_error(_("the follow-up settings are followup.months and "
                                 "followup.due_soon_days"));
    followup_settings fs;
    memset(&fs, 0, sizeof fs);
    if (set && !read_followup_setting(key, a->pos[3], &fs))
        return EXIT_USER;
    followup_settings wanted = fs;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st == ST_OK)
        st = store_followup_settings(s, &fs);
    if (st == ST_OK && set) {
        if (!strcmp(key, "followup.months"))
            fs.schedule = wanted.schedule;
        else
            fs.due_soon_days = wanted.due_soon_days;
        st = store_followup_settings_set(s, &fs);
    } else if (st == ST_OK && !strcmp(key, "followup.months")) {
        char text[REINT_MONTHS_TEXT_MAX];
        followup_schedule_format(&fs.schedule, text);
        printf("%s\n", text);
    } else if (st == ST_OK) {
        printf("%d\n", fs.due_soon_days);
    }
    store_close(s);
    return cli_status_exit(st);
}

/* ---- code lists --------------------------------------------------------- */

/* The list named by its stored code; false after a usage error. */
static bool parse_list(const char *text, record_list *out)
{
    for (int l = 0; l < LIST_COUNT; l++)
        if (!strcmp(text, record_list_code((record_list)l))) {
            *out = (record_list)l;
            return true;
        }
    cli_usage_error(_("the lists are sector, exploitation, recruitment, document_kind, "
                      "document_holder, immigration and handover_point"));
    return false;
}

static void print_code_row(const tc_code_row *r, bool builtin, bool tsv)
{
    const char *en = r->label ? r->label : "";
    const char *th = r->label_th ? r->label_th : "";
    const char *group = r->group ? r->group : "";
    char label[4 * TC_LABEL_MAX + 8], other[4 * TC_LABEL_MAX + 8];
    if (tsv) {
        text_clean(en, label, sizeof label);
        text_clean(builtin && !th[0] ? _(en) : th, other, sizeof other);
        printf("%s\t%s\t%s\t%s\t%s\n", r->code, label, other, group, builtin ? "yes" : "no");
        return;
    }
    text_clean(builtin ? _(en) : pick(en, th), label, sizeof label);
    printf("%-24s %s", r->code, label);
    if (group[0])
        printf(" (%s)", group);
    if (!builtin)
        printf(" · %s", _("added"));
    printf("\n");
}

static int list_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("list show LIST [--format tsv]"));
    record_list which;
    if (!parse_list(a->pos[2], &which))
        return EXIT_USAGE;
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    store_code_list l;
    memset(&l, 0, sizeof l);
    st = store_code_list_get(s, which, &l);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (tsv)
        printf("code\tlabel_en\tlabel_th\tgroup\tbuiltin\n");
    else
        printf("%s\n", _(record_list_label(which)));
    for (size_t i = 0; i < l.list.count; i++)
        print_code_row(&l.list.rows[i], l.builtin[i], tsv);
    store_code_list_free(&l);
    return EXIT_OK;
}

static int list_add(app_options *opt, cli_args *a)
{
    if (a->npos != 4 || !ARG(a, OPT_LABEL) || !ARG(a, OPT_LABEL_TH))
        return cli_usage_error(_("list add LIST CODE --label EN --label-th TH [--group G]"));
    record_list which;
    if (!parse_list(a->pos[2], &which))
        return EXIT_USAGE;
    tc_code_row row = { a->pos[3], ARG(a, OPT_LABEL), ARG(a, OPT_LABEL_TH), ARG(a, OPT_GROUP) };
    tc_code_list none = { NULL, 0 };
    /* Check before asking for the passphrase; the store checks the code
     * against the list as stored. */
    code_row_problem p = code_row_validate(&row, none);
    if (p != CODE_ROW_OK)
        return cli_refuse(code_row_problem_text(p));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    st = store_code_add(s, which, &row, &p);
    store_close(s);
    if (st == ST_INVALID)
        return cli_refuse(code_row_problem_text(p));
    if (st != ST_OK)
        return cli_status_exit(st);
    printf(_("%s added to the list \"%s\".\n"), row.code, _(record_list_label(which)));
    return EXIT_OK;
}

int cli_list_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "show", list_show },
        { "add", list_add },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("list needs show or add"));
}
