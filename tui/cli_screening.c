/* cli_screening.c - the instrument and screening commands, and what the
 * clock commands (cli_clock.c) share with them: what an officer or a script
 * reads without the screens.  Everything goes through db/screenings.h and
 * core; text is shown in the interface language, and --format tsv gives
 * stable codes and UTC ISO times. */
#define _GNU_SOURCE
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/cli_internal.h"
#include "tui/timeinput.h"

#define INSTRUMENT_FILE_MAX (4 * 1024 * 1024)   /* far above 256 indicators */

void cli_screening_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  screening list CASE [--format tsv]\n"
              "  screening show ID             the interview, the suggestion and its reasons\n"
              "  instrument list [--format tsv]\n"
              "  instrument show CODE [--version N]\n"
              "  instrument add FILE           a new instrument version (admin)\n"
              "  clock show CASE\n"
              "  clock start CASE [--at \"DATE HH:MM\"]   the moment the person was met\n"
              "  clock extend CASE --until \"DATE HH:MM\" --court-ref REF\n"
              "  clock stop CASE identification|shelter|reflection [--at \"DATE HH:MM\"]\n"
              "  due [--format tsv]            clocks passed or running out soon\n"
              "  setting get|set clock.identification_hours, clock.court_max_hours,\n"
              "                  clock.shelter_days, clock.reflection_days, clock.due_soon_hours\n"));
}

/* ---- small helpers ------------------------------------------------------ */

/* --format: text (the default) or tsv.  -1 after a usage error. */
int cli_want_tsv(cli_args *a)
{
    const char *format = ARG(a, OPT_FORMAT) ? ARG(a, OPT_FORMAT) : "text";
    if (!strcmp(format, "tsv"))
        return 1;
    if (!strcmp(format, "text"))
        return 0;
    cli_usage_error(_("--format is text or tsv"));
    return -1;
}

void cli_print_field(const char *label, const char *value)
{
    char clean[4 * SCREENING_NOTE_MAX + 8];     /* the longest field, cleaned */
    text_clean(value ? value : "", clean, sizeof clean);
    printf("%s\t%s\n", label, clean);
}

void cli_print_moment(const char *label, app_options *opt, int64_t t)
{
    char when[MOMENT_TEXT_MAX];
    moment_format(t, opt->clock.utc_offset, when, sizeof when);
    cli_print_field(label, when);
}

/* Unlocks and finds the case named by reference or id.  On EXIT_OK *s is
 * open (the caller closes it) and c holds the case. */
int cli_open_case(app_options *opt, const char *ref, store **s, tc_case *c)
{
    store_status st = cli_unlock(opt, s);
    if (st != ST_OK)
        return cli_status_exit(st);
    st = store_case_get(*s, ref, c);
    if (st != ST_OK) {
        store_close(*s);
        *s = NULL;
        return cli_status_exit(st);
    }
    return EXIT_OK;
}

static const char *pick(const char *en, const char *th)
{
    return i18n_is_thai() ? th : en;
}

/* ---- instrument --------------------------------------------------------- */

static int instrument_list(app_options *opt, cli_args *a)
{
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    instrument_info *all = NULL;
    size_t n = 0;
    st = store_instrument_list(s, &all, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (tsv)
        printf("code\tversion\ttitle_en\ttitle_th\tsections\tindicators\tlatest\tbuiltin\n");
    for (size_t i = 0; i < n; i++) {
        const instrument_info *in = &all[i];
        if (tsv) {
            printf("%s\t%d\t%s\t%s\t%zu\t%zu\t%s\t%s\n", in->code, in->version, in->title_en,
                   in->title_th, in->n_sections, in->n_indicators, in->latest ? "yes" : "no",
                   in->builtin ? "yes" : "no");
            continue;
        }
        char title[4 * INSTRUMENT_TITLE_MAX + 8];
        text_clean(pick(in->title_en, in->title_th), title, sizeof title);
        printf("%-22s %s %-3d %s\n", in->code, _("v."), in->version, title);
        printf("%-22s ", "");
        printf(_("%zu sections, %zu questions"), in->n_sections, in->n_indicators);
        if (in->latest)
            printf(" · %s", _("latest"));
        if (in->builtin)
            printf(" · %s", _("built in"));
        printf("\n");
    }
    free(all);
    return EXIT_OK;
}

/* What each flag means to an interviewer. */
static void print_flags(unsigned flags)
{
    static const struct { unsigned bit; const char *label; } names[] = {
        { INDICATOR_CHILD_ONLY, N_("asked of a child only") },
        { INDICATOR_FORCED_CRIME, N_("forced criminality") },
        { INDICATOR_LABOUR, N_("labour-law matter") },
        { INDICATOR_PRESUMES_CHILD, N_("a yes presumes a child") },
        { INDICATOR_PROCEDURE, N_("interview safeguard, not an indicator") },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit)
            printf(", %s", _(names[i].label));
}

static void print_instrument(const instrument *inst)
{
    char text[4 * INSTRUMENT_TEXT_MAX + 8];
    text_clean(pick(inst->title_en, inst->title_th), text, sizeof text);
    printf("%s (%s, ", text, inst->code);
    printf(_("version %d"), inst->version);
    printf(")\n");
    for (size_t si = 0; si < inst->n_sections; si++) {
        const instrument_section *sec = &inst->sections[si];
        text_clean(pick(sec->title_en, sec->title_th), text, sizeof text);
        printf("\n%zu. %s (%s)\n", si + 1, text, sec->code);
        for (size_t i = sec->first; i < sec->first + sec->count; i++) {
            const instrument_indicator *ind = &inst->indicators[i];
            printf("  %s: %s, %s", ind->code, _(element_label(ind->element)),
                   _(strength_label(ind->strength)));
            print_flags(ind->flags);
            text_clean(pick(ind->question_en, ind->question_th), text, sizeof text);
            printf("\n      %s\n", text);
        }
    }
}

static int instrument_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("instrument show CODE [--version N]"));
    int version = 0;
    if (ARG(a, OPT_VERSION_NUMBER) &&
        !cli_parse_count(ARG(a, OPT_VERSION_NUMBER), INSTRUMENT_VERSION_MAX, &version))
        return cli_usage_error(_("--version needs a whole number from 1"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    instrument *inst = NULL;
    st = store_instrument_load(s, a->pos[2], version, &inst);
    store_close(s);
    if (st == ST_NOT_FOUND)
        return cli_refuse(N_("There is no instrument with that code and version. "
                             "'tipcase instrument list' shows them."));
    if (st != ST_OK)
        return cli_status_exit(st);
    print_instrument(inst);
    instrument_free(inst);
    return EXIT_OK;
}

/* The whole file in a NUL-terminated buffer, or NULL with errno set. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(INSTRUMENT_FILE_MAX + 1);
    size_t n = buf ? fread(buf, 1, INSTRUMENT_FILE_MAX + 1, f) : 0;
    int failed = !buf || ferror(f);
    fclose(f);
    if (failed || n > INSTRUMENT_FILE_MAX) {
        free(buf);
        errno = failed ? EIO : EFBIG;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int parse_refusal(const char *path, instrument_problem p, size_t line)
{
    if (line > 0)
        fprintf(stderr, _("tipcase: %s, line %zu: %s\n"), path, line,
                _(instrument_problem_message(p)));
    else
        fprintf(stderr, "tipcase: %s: %s\n", path, _(instrument_problem_message(p)));
    return EXIT_USER;
}

static int instrument_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("instrument add FILE"));
    const char *path = a->pos[2];
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, _("tipcase: cannot read %s: %s\n"), path, strerror(errno));
        return EXIT_USER;
    }
    /* Check before asking for the passphrase: a typo costs no unlock. */
    instrument *inst = NULL;
    instrument_error err = { INSTRUMENT_OK, 0 };
    if (strlen(text) != len || !instrument_parse(text, len, &inst, &err)) {
        free(text);
        if (err.problem == INSTRUMENT_OK)       /* a NUL byte: not text */
            err.problem = INSTRUMENT_NOT_UTF8;
        return parse_refusal(path, err.problem, (size_t)err.line);
    }
    char code[INSTRUMENT_CODE_MAX + 1];
    snprintf(code, sizeof code, "%s", inst->code);
    int version = inst->version;
    instrument_free(inst);
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    instrument_problem p = INSTRUMENT_OK;
    size_t line = 0;
    if (st == ST_OK)
        st = store_instrument_add(s, text, &p, &line);
    store_close(s);
    free(text);
    if (st == ST_INVALID)
        return parse_refusal(path, p, line);
    if (st == ST_DUPLICATE)
        return cli_refuse(N_("That code and version is already stored with other text. "
                             "Give the changed instrument the next version number."));
    if (st != ST_OK)
        return cli_status_exit(st);
    printf(_("Instrument %s version %d is stored.\n"), code, version);
    return EXIT_OK;
}

int cli_instrument_cmd(app_options *opt, cli_args *a)
{
    const char *sub = a->npos >= 2 ? a->pos[1] : "";
    if (!strcmp(sub, "list") && a->npos == 2)
        return instrument_list(opt, a);
    if (!strcmp(sub, "show"))
        return instrument_show(opt, a);
    if (!strcmp(sub, "add"))
        return instrument_add(opt, a);
    return cli_usage_error(_("instrument needs list, show or add"));
}

/* ---- screening ---------------------------------------------------------- */

static int screening_list(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("screening list CASE"));
    int tsv = cli_want_tsv(a);
    if (tsv < 0)
        return EXIT_USAGE;
    store *s = NULL;
    tc_case c;
    int rc = cli_open_case(opt, a->pos[2], &s, &c);
    if (rc != EXIT_OK)
        return rc;
    screening_row *rows = NULL;
    size_t n = 0;
    store_status st = store_screening_list(s, c.id, &rows, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (tsv)
        printf("id\theld_at\tinstrument\tversion\tanswered\ttotal\tsuggestion\tdecision\n");
    else if (n == 0)
        printf(_("Case %s has no screening yet.\n"), c.reference);
    for (size_t i = 0; i < n; i++) {
        const screening_row *r = &rows[i];
        if (tsv) {
            char iso[TIMESTAMP_ISO_LEN];
            timestamp_format_iso(r->held_at, iso);
            printf("%s\t%s\t%s\t%d\t%zu\t%zu\t%s\t%s\n", r->id, iso, r->instrument_code,
                   r->instrument_version, r->answered, r->total,
                   r->decided ? suggestion_code(r->suggestion) : "",
                   r->decided ? decision_code(r->decision) : "");
            continue;
        }
        char when[MOMENT_TEXT_MAX];
        moment_format(r->held_at, opt->clock.utc_offset, when, sizeof when);
        printf("%s  %s  %s %s%d  %zu/%zu  ", r->id, when, r->instrument_code, _("v."),
               r->instrument_version, r->answered, r->total);
        if (r->decided)
            printf("%s · %s\n", _(suggestion_label(r->suggestion)), _(decision_label(r->decision)));
        else
            printf("%s\n", _("in progress, not decided"));
    }
    free(rows);
    return EXIT_OK;
}

static const char *presence_text(interview_presence p)
{
    if (p == PRESENCE_YES)
        return _("yes");
    if (p == PRESENCE_NO)
        return _("no");
    return _("not recorded");
}

static void print_interview(app_options *opt, const tc_interview *iv)
{
    char buf[2 * INTERVIEW_NAME_MAX + INTERVIEW_LANG_MAX + 16];
    cli_print_moment(_("Interview held:"), opt, iv->held_at);
    cli_print_field(_("Place:"), iv->place);
    cli_print_field(_("Interviewers:"), iv->interviewers);
    cli_print_field(_("Interview language:"), iv->language);
    if (iv->interpreter_used) {
        snprintf(buf, sizeof buf, "%s, %s (%s)", iv->interpreter_name, iv->interpreter_agency,
                 iv->interpreter_language);
        cli_print_field(_("Interpreter:"), buf);
    } else {
        cli_print_field(_("Interpreter:"), _("none"));
    }
    cli_print_field(_("Consent to the interview:"), iv->consent_given ? _("yes") : _("no"));
    snprintf(buf, sizeof buf, "%d", iv->earlier_interviews);
    cli_print_field(_("Earlier interviews:"), buf);
    cli_print_field(_("Guardian or social worker present:"), presence_text(iv->guardian_present));
}

static void print_question(const instrument *inst, const screening_answers *ans, size_t i,
                           bool with_answer)
{
    const instrument_indicator *ind = &inst->indicators[i];
    char text[4 * INSTRUMENT_TEXT_MAX + 8];
    text_clean(pick(ind->question_en, ind->question_th), text, sizeof text);
    printf("    - %s (%s", text, ind->code);
    if (with_answer)
        printf(", %s", _(answer_label(ans->items[i].value)));
    else
        printf(", %s", _(strength_label(ind->strength)));
    if (ans->items[i].evidence_seen)
        printf(", %s", _("evidence seen"));
    printf(")\n");
    if (ans->items[i].note && *ans->items[i].note) {
        char note[4 * SCREENING_NOTE_MAX + 8];
        text_clean(ans->items[i].note, note, sizeof note);
        printf("      %s %s\n", _("Note:"), note);
    }
}

static void print_result(const instrument *inst, const screening_answers *ans,
                         const screening_result *r, screening_suggestion suggestion,
                         bool decided)
{
    printf("\n%s\t%s\n", decided ? _("Suggestion:") : _("Suggestion so far:"),
           _(suggestion_label(suggestion)));
    if (r->n_reasons)
        printf("%s\n", _("Reasons:"));
    for (size_t i = 0; i < r->n_reasons; i++)
        printf("  - %s\n", _(screening_reason_label(r->reasons[i])));
    if (r->n_fired)
        printf("%s\n", _("Indicators found:"));
    for (int e = 0; e < ELEMENT_COUNT; e++) {
        if (!r->fired_count[e])
            continue;
        printf("  %s\n", _(element_label((indicator_element)e)));
        for (size_t k = 0; k < r->fired_count[e]; k++)
            print_question(inst, ans, r->fired[r->fired_first[e] + k], false);
    }
    if (r->n_open)
        printf("%s\n", _("Answered \"don't know\" or declined (not counted as \"no\"):"));
    for (size_t k = 0; k < r->n_open; k++)
        print_question(inst, ans, r->open[k], true);
    if (r->n_missing_sections)
        printf("%s\n", _("Sections with questions still to answer:"));
    for (size_t k = 0; k < r->n_missing_sections; k++) {
        const instrument_section *sec = &inst->sections[r->missing_sections[k]];
        char text[4 * INSTRUMENT_TEXT_MAX + 8];
        text_clean(pick(sec->title_en, sec->title_th), text, sizeof text);
        printf("    - %s\n", text);
    }
    if (r->n_unconfirmed_steps)
        printf("%s\n", _("Interview safeguards not confirmed:"));
    for (size_t k = 0; k < r->n_unconfirmed_steps; k++)
        print_question(inst, ans, r->unconfirmed_steps[k], true);
    if (r->non_punishment_note)
        printf("\n%s\n", _(screening_non_punishment_note()));
}

static void print_decision(app_options *opt, store *s, const tc_screening *sc)
{
    printf("\n");
    if (!sc->decided) {
        cli_print_field(_("Decision:"), _("not decided yet"));
        return;
    }
    cli_print_field(_("Decision:"), _(decision_label(sc->decision)));
    if (sc->decision_reason[0])
        cli_print_field(_("Reason:"), sc->decision_reason);
    cli_print_moment(_("Decided:"), opt, sc->decided_at);
    tc_officer o;
    if (store_officer_get(s, sc->decided_by, &o) == ST_OK)
        cli_print_field(_("Decided by:"), o.name);
}

/* Everything screening show prints, once the store is open. */
static store_status show_screening(app_options *opt, store *s, const tc_screening *sc)
{
    instrument *inst = NULL;
    store_status st = store_instrument_load(s, sc->instrument_code, sc->instrument_version, &inst);
    if (st != ST_OK)
        return st;
    screening_answers ans;
    memset(&ans, 0, sizeof ans);
    st = store_screening_answers(s, sc->id, inst, &ans);
    screening_result *r = st == ST_OK ? malloc(sizeof *r) : NULL;
    if (st == ST_OK && (!r || !screening_score(inst, &ans, sc->child, r)))
        st = r ? ST_INVALID : ST_NOMEM;
    if (st == ST_OK) {
        tc_case c;
        cli_print_field(_("Screening:"), sc->id);
        if (store_case_get(s, sc->case_id, &c) == ST_OK)
            cli_print_field(_("Case:"), c.reference);
        char title[4 * INSTRUMENT_TEXT_MAX + 64];
        snprintf(title, sizeof title, "%s (%s, %s %d)", pick(inst->title_en, inst->title_th),
                 inst->code, _("v."), inst->version);
        cli_print_field(_("Instrument:"), title);
        print_interview(opt, &sc->interview);
        snprintf(title, sizeof title, _("%zu of %zu"), sc->answered, inst->n_indicators);
        cli_print_field(_("Answered:"), title);
        /* A decided screening keeps the suggestion it was decided on. */
        print_result(inst, &ans, r, sc->decided ? sc->suggestion : r->suggestion, sc->decided);
        print_decision(opt, s, sc);
    }
    free(r);
    screening_answers_free(&ans);
    instrument_free(inst);
    return st;
}

static int screening_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("screening show ID"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    tc_screening sc;
    st = store_screening_get(s, a->pos[2], &sc);
    if (st == ST_OK)
        st = show_screening(opt, s, &sc);
    store_close(s);
    return cli_status_exit(st);
}

int cli_screening_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "list", screening_list },
        { "show", screening_show },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("screening needs list or show"));
}
