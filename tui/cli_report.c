/* cli_report.c - `tipcase report`: the figures for a period (default: the
 * current Thai fiscal year), broken down by one dimension, as aligned text
 * or CSV, on the terminal or in a private file; or, with --gaps, the
 * records a report would miss because a field it needs is empty.
 *
 * Everything the officer typed is checked before the store is unlocked,
 * so a bad period or breakdown writes nothing.  A file is written whole
 * or not at all (a 0600 temporary file renamed over it), and only after
 * the export is in the audit trail.  --outside suppresses cells under
 * REPORT_K_OUTSIDE people, as anything leaving the team must. */
#define _GNU_SOURCE
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/access.h"
#include "core/report.h"
#include "db/report_store.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/cli_internal.h"
#include "tui/referral_sheet.h"
#include "tui/report_out.h"

void cli_report_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  report [--period P] [--by DIM] [--format text|csv] [--output FILE]\n"
              "         [--outside] [--tags]   figures for a period (default: this fiscal year)\n"
              "                                P: fy2569, 2569, 2569-10, 2569h1,\n"
              "                                2569-01-01..2569-03-31 (C.E. years too)\n"
              "                                DIM: total, sex, age, nationality, exploitation,\n"
              "                                sector, entry_point, province, officer\n"
              "                                --outside: cells under 11 people are suppressed\n"
              "                                --tags: ASEAN, 5P and Ministry of Labour tags\n"
              "  report --gaps [--period P]    records missing a field the report needs\n"));
}

/* What the officer asked for, checked. */
typedef struct report_request {
    report_period period;
    report_dim dim;
    report_out_options out;
    const char *path;
    bool gaps;
} report_request;

static caldate today_of(const app_options *opt)
{
    return caldate_from_timestamp(tc_now(&opt->clock), opt->clock.utc_offset);
}

int cli_period_arg(cli_args *a, report_period *out, bool *given)
{
    const char *period = ARG(a, OPT_PERIOD);
    *given = period != NULL;
    period_problem pp = period ? report_period_parse(period, out) : PERIOD_OK;
    return pp == PERIOD_OK ? EXIT_OK : cli_refuse(period_problem_text(pp));
}

/* EXIT_OK with *r filled, or the refusal already printed. */
static int read_request(app_options *opt, cli_args *a, report_request *r)
{
    memset(r, 0, sizeof *r);
    if (a->npos != 1)
        return cli_usage_error(_("report takes no other words: use --period and --by"));
    const char *by = ARG(a, OPT_BY), *format = ARG(a, OPT_FORMAT);
    bool given;
    int rc = cli_period_arg(a, &r->period, &given);
    if (rc != EXIT_OK)
        return rc;
    if (!given)
        r->period = report_period_fiscal_year(fiscal_year_be(today_of(opt)));
    r->dim = DIM_TOTAL;
    if (by && !report_dim_from_code(by, &r->dim))
        return cli_refuse(N_("Break the report down by total, sex, age, nationality, "
                             "exploitation, sector, entry_point, province or officer."));
    if (format && strcmp(format, "text") && strcmp(format, "csv"))
        return cli_refuse(N_("The format is text or csv."));
    r->out.format = format && !strcmp(format, "csv") ? REPORT_FORMAT_CSV : REPORT_FORMAT_TEXT;
    r->out.outside = ARG(a, OPT_OUTSIDE) != NULL;
    r->out.tags = ARG(a, OPT_TAGS) != NULL;
    r->gaps = ARG(a, OPT_GAPS) != NULL;
    r->path = ARG(a, OPT_OUTPUT);
    if (r->path && !r->path[0])
        return cli_usage_error(_("--output needs a file name"));
    if (r->gaps && r->path)
        return cli_usage_error(_("report --gaps prints to the terminal; it takes no --output"));
    return EXIT_OK;
}

/* ---- the completeness check --------------------------------------------- */

static int print_gaps(store *s, const report_request *r)
{
    report_gap *gaps = NULL;
    size_t n = 0;
    store_status st = store_report_gaps(s, r->period, &gaps, &n);
    if (st != ST_OK)
        return cli_status_exit(st);
    char name[256], ref[CASEREF_MAX * 2];
    report_period_name(r->period, name, sizeof name);
    printf("%s\n", name);
    if (n == 0)
        printf("%s\n", _("No record misses a field the report needs."));
    for (size_t i = 0; i < n; i++) {
        text_pad(gaps[i].reference, 16, ref, sizeof ref);
        printf("%s  %s\n", ref, _(gaps[i].field));
    }
    free(gaps);
    return EXIT_OK;
}

/* ---- the report ---------------------------------------------------------- */

/* The report as text in memory (malloc'd), or NULL with errno set. */
static char *report_text(store *s, const report_table *t, const report_out_options *o)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (!mem)
        return NULL;
    bool ok = report_write(mem, s, t, o);
    int e = errno;
    if (fclose(mem) != 0)
        ok = false;
    if (!ok) {
        free(buf);
        errno = e ? e : EIO;
        return NULL;
    }
    return buf;
}

static store_status build_report(store *s, const report_request *r, report_table *t)
{
    report_facts f;
    store_status st = store_report_facts(s, r->period, &f);
    if (st != ST_OK)
        return st;
    bool built = report_build(&f, r->period, r->dim, t);
    report_facts_free(&f);
    if (!built)
        return ST_NOMEM;
    if (r->out.outside)
        report_suppress(t, REPORT_K_OUTSIDE);
    return ST_OK;
}

/* Audited first: nothing leaves the store that the trail does not show. */
static int deliver(store *s, const report_request *r, const char *text)
{
    char code[64];
    report_period_code(r->period, code, sizeof code);
    /* A field officer's own report may be shown to him; a file (or any
     * report of a head of office) is an export (core/access.h). */
    bool exports = r->path || access_allows(store_me(s)->role, ACCESS_EXPORT, CASE_REL_NONE);
    store_status st = exports ? store_report_audit_export(s, "report", code, r->out.outside)
                              : store_report_audit_shown(s, code);
    if (st != ST_OK)
        return cli_refuse(store_status_why(s, st));
    if (!r->path)
        return fputs(text, stdout) >= 0 && fflush(stdout) == 0 ? EXIT_OK : EXIT_USER;
    if (!private_file_write(r->path, text)) {
        fprintf(stderr, _("tipcase: cannot write %s: %s\n"), r->path, strerror(errno));
        return EXIT_USER;
    }
    if (r->out.format == REPORT_FORMAT_CSV && !r->out.outside)
        fprintf(stderr, "tipcase: %s\n",
                _("This file shows small numbers: keep it within the team (use --outside "
                  "for a file that leaves it)."));
    return EXIT_OK;
}

int cli_report_cmd(app_options *opt, cli_args *a)
{
    report_request r;
    int rc = read_request(opt, a, &r);
    if (rc != EXIT_OK)
        return rc;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (r.gaps) {
        rc = print_gaps(s, &r);
        store_close(s);
        return rc;
    }
    report_table t;
    memset(&t, 0, sizeof t);
    st = build_report(s, &r, &t);
    char *text = st == ST_OK ? report_text(s, &t, &r.out) : NULL;
    if (st == ST_OK && !text)
        st = ST_NOMEM;
    rc = st == ST_OK ? deliver(s, &r, text) : cli_status_exit(st);
    free(text);
    report_table_free(&t);
    store_close(s);
    return rc;
}
