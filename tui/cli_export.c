/* cli_export.c - `tipcase export --htcds [--period P] --output FILE`: the
 * standard export (core/htcds.h), one de-identified row per case with
 * IOM HTCDS v2.0 field names and values, for agencies that consolidate
 * data.
 *
 * The file is CSV (UTF-8 with BOM, CRLF, core/csv.h quoting), written to
 * a private file beside FILE (0600, tui/private_file.h) and renamed over
 * FILE only once it is whole and the audit event is saved; on any failure
 * the temporary file is removed and FILE left as it was.  A bad period is refused before the store is opened. */
#include "config.h"
#include "tui/cli_internal.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/htcds.h"
#include "core/report.h"
#include "db/htcds_store.h"
#include "db/report_store.h"
#include "i18n/i18n.h"
#include "tui/cli.h"
#include "tui/private_file.h"

/* A line: every field quoted at worst (quotes doubled, apostrophe, two
 * quotes), separators, CRLF, NUL. */
#define LINE_MAX_BYTES (HTCDS_COLUMN_COUNT * (2 * HTCDS_FIELD_MAX + 4) + 4)

void cli_export_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  export --htcds [--period P] --output FILE\n"
              "                                one de-identified row per case with IOM HTCDS\n"
              "                                field names (CSV): no names, ids or exact dates;\n"
              "                                sex, age band, nationality and year shared by\n"
              "                                fewer than 11 people are suppressed\n"));
}

/* The libsodium CSPRNG, as core's random source. */
static void sodium_random(void *buf, size_t n, void *ctx)
{
    (void)ctx;
    randombytes_buf(buf, n);
}

static bool write_header(FILE *f, char *line)
{
    size_t len = 0;
    line[0] = '\0';
    bool ok = true;
    for (int c = 0; c < HTCDS_COLUMN_COUNT && ok; c++)
        ok = (c == 0 || csv_append_sep(line, LINE_MAX_BYTES, &len)) &&
             csv_append_field(line, LINE_MAX_BYTES, &len, htcds_column_name((htcds_column)c));
    ok = ok && csv_append_eol(line, LINE_MAX_BYTES, &len);
    return ok && fputs(CSV_UTF8_BOM, f) >= 0 && fputs(line, f) >= 0;
}

static bool write_row(FILE *f, const htcds_row *r, char *line)
{
    size_t len = 0;
    line[0] = '\0';
    bool ok = true;
    for (int c = 0; c < HTCDS_COLUMN_COUNT && ok; c++) {
        char text[HTCDS_FIELD_MAX];
        htcds_row_field(r, (htcds_column)c, text, sizeof text);
        ok = (c == 0 || csv_append_sep(line, LINE_MAX_BYTES, &len)) &&
             csv_append_field(line, LINE_MAX_BYTES, &len, text);
    }
    ok = ok && csv_append_eol(line, LINE_MAX_BYTES, &len);
    return ok && fputs(line, f) >= 0;
}

/* Writes e to the private file's stream.  false on a failure. */
static bool write_rows(FILE *f, const htcds_export *e)
{
    char *line = malloc(LINE_MAX_BYTES);
    bool ok = line && write_header(f, line);
    for (size_t i = 0; ok && i < e->n_rows; i++)
        ok = write_row(f, &e->rows[i], line);
    free(line);
    if (!ok && !errno)
        errno = EIO;
    return ok;
}

static int refuse_write(const char *path, int err)
{
    fprintf(stderr, "tipcase: %s %s: %s\n", _("Could not write the export"), path,
            strerror(err));
    return EXIT_USER;
}

static void print_summary(const char *path, const htcds_export *e)
{
    printf(_("HTCDS export written to %s\n"), path);
    printf(_("Rows: %zu\n"), e->n_rows);
    printf(_("Rows with values suppressed: %zu\n"), e->rows_suppressed);
    printf(_("Values suppressed: %zu (sex, age band, nationality and year shared by fewer "
             "than %d people)\n"),
           e->values_suppressed, HTCDS_K);
}

/* Rows of the period, finished (shuffled, numbered, suppressed), written
 * to a private file beside path, audited, and only then renamed over
 * path.  The store is open. */
static int export_to(store *s, const report_period *p, const char *period_code,
                     const char *path)
{
    htcds_export e;
    store_status st = store_htcds_rows(s, p, &e);
    if (st != ST_OK)
        return cli_refuse(store_status_why(s, st));
    htcds_finish(&e, sodium_random, NULL);
    private_file pf;
    int rc = EXIT_OK;
    if (!private_file_begin(&pf, path)) {
        rc = refuse_write(path, errno);
    } else if (!write_rows(pf.f, &e)) {
        rc = refuse_write(path, errno);
        private_file_discard(&pf);
    } else if ((st = store_report_audit_export(s, "htcds", period_code,
                                                e.rows_suppressed > 0)) != ST_OK) {
        rc = cli_status_exit(st);
        private_file_discard(&pf);
    } else if (!private_file_commit(&pf)) {
        rc = refuse_write(path, errno);
    } else {
        print_summary(path, &e);
    }
    htcds_export_free(&e);
    return rc;
}

int cli_export_cmd(app_options *opt, cli_args *a)
{
    const char *path = ARG(a, OPT_OUTPUT);
    if (!ARG(a, OPT_HTCDS) || a->npos != 1 || !path || !*path)
        return cli_usage_error(_("export --htcds [--period P] --output FILE"));
    report_period period;
    bool given;
    char code[64] = "all";
    int rc = cli_period_arg(a, &period, &given);
    if (rc != EXIT_OK)
        return rc;
    if (given)
        report_period_code(period, code, sizeof code);
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    rc = export_to(s, given ? &period : NULL, code, path);
    store_close(s);
    return rc;
}
