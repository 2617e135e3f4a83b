/* cli_backup.c - `tipcase backup FILE` and `tipcase restore FILE`.
 *
 * backup unlocks the store as --user and writes one encrypted,
 * authenticated file (db/backup.h) while other tipcase processes may go on
 * working.  restore reads the backup's header first, so a file that is not
 * a backup, or is damaged, and a folder that is not empty are refused
 * before any passphrase is asked; then it asks the passphrase of an
 * officer of the backup (--user), restores into --data-dir and prints the
 * same check as `tipcase check`.  Progress goes to stderr when that is a
 * terminal, unless --quiet. */
#include "config.h"
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "core/officer.h"
#include "db/backup.h"
#include "i18n/i18n.h"
#include "tui/cli_internal.h"

void cli_backup_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  backup FILE [--quiet]         write an encrypted copy of the store into FILE\n"
              "                                (the store may stay in use meanwhile)\n"
              "  restore FILE --data-dir DIR   restore a backup into a new, empty folder with\n"
              "                                the passphrase of an officer of the backup,\n"
              "                                then check it\n"));
}

/* ---- progress ----------------------------------------------------------- */

typedef struct meter {
    const char *label;
    int percent;            /* last shown, -1 before the first */
} meter;

static void meter_show(uint64_t done, uint64_t total, void *ctx)
{
    meter *m = ctx;
    int percent = total ? (int)(done * 100 / total) : 100;
    if (percent == m->percent)
        return;
    m->percent = percent;
    fprintf(stderr, "\r%s %3d%%", m->label, percent);
    fflush(stderr);
}

static void meter_end(const meter *m)
{
    if (m->percent >= 0)
        fputc('\n', stderr);
}

/* Progress only for someone watching a terminal. */
static const backup_progress *progress_for(cli_args *a, backup_progress *p, meter *m)
{
    if (ARG(a, OPT_QUIET) || !isatty(STDERR_FILENO))
        return NULL;
    p->fn = meter_show;
    p->ctx = m;
    return p;
}

/* ---- backup ------------------------------------------------------------- */

int cli_backup_cmd(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("backup FILE [--quiet]"));
    const char *file = a->pos[1];
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    meter m = { _("Backing up:"), -1 };
    backup_progress p;
    backup_status bs = store_backup(s, file, progress_for(a, &p, &m));
    meter_end(&m);
    char code[STORE_CODE_LEN + 1];
    snprintf(code, sizeof code, "%s", store_code(s));
    store_close(s);
    if (bs != BK_OK)
        return cli_refuse(backup_status_text(bs));
    if (!ARG(a, OPT_QUIET))
        printf(_("Backup of store %s written to %s.\n"), code, file);
    return EXIT_OK;
}

/* ---- restore ------------------------------------------------------------ */

static void print_info(app_options *opt, const backup_info *info)
{
    char officers[16];
    snprintf(officers, sizeof officers, "%zu", info->officers);
    cli_print_field(_("Backup of store:"), info->store_code);
    cli_print_moment(_("Made:"), opt, info->created_at);
    cli_print_field(_("Officers who can restore it:"), officers);
}

/* The lines `tipcase check` prints. */
static void print_check(const store_check_report *r)
{
    printf("%s %s\n", _("Database:"), r->integrity_ok ? _("ok") : _("DAMAGED"));
    if (!r->integrity_ok && r->integrity_detail[0])
        printf("  %s\n", r->integrity_detail);
    printf("%s ", _("Audit trail:"));
    if (r->audit_ok)
        printf(_("ok (%lld entries)\n"), (long long)r->audit_rows);
    else
        printf(_("BROKEN at entry %lld: %s\n"), (long long)r->first_bad_row, r->audit_detail);
}

static bool check_ran(const store_check_report *r)
{
    return r->integrity_ok || r->audit_ok || r->integrity_detail[0] || r->audit_detail[0];
}

/* The passphrase of an officer of the backup; NULL at end of input.  The
 * caller sodium_free()s it. */
static char *read_backup_pass(const app_options *opt)
{
    enum { PASS_BYTES = PASSPHRASE_MAX_BYTES + 2 };
    char *pass = sodium_malloc(PASS_BYTES);
    if (pass && !app_read_passphrase(opt->passphrase_fd, _("Passphrase: "), pass, PASS_BYTES)) {
        sodium_free(pass);
        pass = NULL;
    }
    return pass;
}

int cli_restore_cmd(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("restore FILE --data-dir DIR --user NAME"));
    const char *file = a->pos[1];
    backup_info info;
    backup_status bs = backup_read_info(file, &info);
    if (bs == BK_OK)
        bs = backup_check_target(opt->data_dir);
    if (bs != BK_OK)
        return cli_refuse(backup_status_text(bs));
    if (!opt->user)
        return cli_refuse(N_("Say which officer you are with --user NAME."));
    print_info(opt, &info);
    fflush(stdout);
    char *pass = read_backup_pass(opt);
    if (!pass)
        return cli_refuse(backup_status_text(BK_WRONG_PASSPHRASE));
    meter m = { _("Restoring:"), -1 };
    backup_progress p;
    store_check_report r;
    bs = store_restore(file, opt->data_dir, opt->user, pass, &opt->clock,
                       progress_for(a, &p, &m), &r);
    sodium_free(pass);
    meter_end(&m);
    if (check_ran(&r))
        print_check(&r);
    if (bs != BK_OK)
        return cli_refuse(backup_status_text(bs));
    printf(_("Restored into %s.\n"), opt->data_dir);
    return EXIT_OK;
}
