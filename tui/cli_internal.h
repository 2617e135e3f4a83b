/* cli_internal.h - what the files of the command line share: the parsed
 * arguments and the one way each of them unlocks the store and reports a
 * refusal.  cli.c parses and dispatches; cli_screening.c holds the
 * screening, instrument and clock commands, cli_referral.c the referral
 * and agency ones.  Not for the screens. */
#ifndef TC_CLI_INTERNAL_H
#define TC_CLI_INTERNAL_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "db/store.h"
#include "tui/app.h"

/* Every option any sub-command takes; each command says which it reads. */
enum {
    OPT_NAME = 1000, OPT_NAME_THAI, OPT_NAME_LATIN, OPT_NAME_ORIGINAL, OPT_ALIASES,
    OPT_SEX, OPT_BIRTH, OPT_AGE, OPT_NATIONALITY, OPT_LANGUAGES, OPT_ENTRY,
    OPT_PROVINCE, OPT_DATE_MET, OPT_NOTES, OPT_ROLE, OPT_FORMAT, OPT_SEARCH, OPT_SORT,
    OPT_VERSION_NUMBER, OPT_AT, OPT_UNTIL, OPT_COURT_REF,
    /* Referrals and agencies (cli_referral.c). */
    OPT_OVERDUE, OPT_AGENCY, OPT_OFFICER, OPT_STATE, OPT_URGENCY, OPT_CHANNEL, OPT_NEEDS,
    OPT_SUMMARY, OPT_SHARED, OPT_DRAFT, OPT_OVERRIDE_REASON, OPT_REASON, OPT_LANG,
    OPT_OUTPUT, OPT_WIDTH, OPT_TYPE, OPT_LEVEL, OPT_NAME_EN, OPT_ABBR_TH, OPT_ABBR_EN,
    OPT_COUNTRY, OPT_SERVICES, OPT_PHONE, OPT_LINE_ID, OPT_EMAIL, OPT_ADDRESS,
    OPT_FOCAL_NAME, OPT_FOCAL_PHONE, OPT_ALL, OPT_RETIRE, OPT_REINSTATE,
    /* Return and reintegration, code lists (cli_return.c). */
    OPT_METHOD, OPT_RISK, OPT_FINDINGS, OPT_NEXT, OPT_DIRECTION, OPT_HOMETOWN, OPT_START,
    OPT_LABEL, OPT_LABEL_TH, OPT_GROUP,
    /* Reports and exports (cli_report.c, cli_export.c). */
    OPT_PERIOD, OPT_BY, OPT_OUTSIDE, OPT_TAGS, OPT_GAPS, OPT_HTCDS,
    /* Hand-over between stores (cli_exchange.c). */
    OPT_TO, OPT_KEEP, OPT_FIELD, OPT_STORE_NAME, OPT_YES, OPT_PROFILE,
    /* Backup and restore (cli_backup.c). */
    OPT_QUIET,
    /* The demo store (cli_demo.c). */
    OPT_CASES, OPT_SEED,
    OPT_DATA_DIR, OPT_USER, OPT_PASS_FD,
};

typedef struct cli_args {
    const char *value[OPT_PASS_FD - OPT_NAME + 1];
    char *pos[64];      /* handover takes many case references */
    int npos;
} cli_args;

/* The value given for option opt (an OPT_ value), or NULL; an option that
 * takes no value (--overdue, --draft, --all, --retire, --reinstate) reads
 * "yes" when given. */
#define ARG(a, opt) ((a)->value[(opt) - OPT_NAME])

/* Print "tipcase: msg" and the hint to try --help; returns EXIT_USAGE. */
int cli_usage_error(const char *msg);
/* A command's sub-commands: name and what runs it.  A table ends with a
 * NULL name. */
typedef struct cli_sub {
    const char *name;
    int (*run)(app_options *opt, cli_args *a);
} cli_sub;
/* Run the sub-command a->pos[1] names from subs; when none does (or none
 * is given), cli_usage_error() with the translated usage msgid. */
int cli_run_sub(app_options *opt, cli_args *a, const cli_sub *subs, const char *usage);
/* Print the translated msgid; returns EXIT_USER. */
int cli_refuse(const char *msgid);
/* EXIT_OK for ST_OK, else the status's message and EXIT_USER. */
int cli_status_exit(store_status st);
/* The same with the store s still open, so that a refusal says why the
 * officer's role may not (store_status_why); then closes s. */
int cli_store_exit(store *s, store_status st);
/* Unlock the store as --user with a passphrase from the terminal or
 * --passphrase-fd.  ST_OK leaves *out open for the caller to close. */
store_status cli_unlock(app_options *opt, store **out);

/* The commands, each given the parsed arguments (pos[0] is the command's
 * name): cli_screening.c and cli_clock.c. */
int cli_screening_cmd(app_options *opt, cli_args *a);
int cli_instrument_cmd(app_options *opt, cli_args *a);
int cli_clock_cmd(app_options *opt, cli_args *a);
int cli_due_cmd(app_options *opt, cli_args *a);
/* True for the clock length keys "clock.identification_hours" ...  */
bool cli_is_clock_setting(const char *key);
/* setting get|set for a clock length key (a->pos[2]; a->pos[3] the value
 * when set). */
int cli_clock_setting(app_options *opt, cli_args *a, bool set);
/* The help lines of the screening, instrument and clock commands. */
void cli_screening_usage(FILE *to);

/* cli_referral.c: referral list|show|add|state|sheet and agency
 * list|show|add|edit. */
int cli_referral_cmd(app_options *opt, cli_args *a);
int cli_agency_cmd(app_options *opt, cli_args *a);
/* True for the response-time keys "referral.ack_hours.emergency" ... and
 * the referring team's contacts on the handover sheet, "team.name",
 * "team.phone", "team.email", "team.line_id", "team.address". */
bool cli_is_referral_setting(const char *key);
/* setting get|set for one of those keys (as cli_clock_setting). */
int cli_referral_setting(app_options *opt, cli_args *a, bool set);
/* The help lines of the referral and agency commands. */
void cli_referral_usage(FILE *to);

/* cli_return.c: followup list|add, repatriation show|add, reintegration
 * show|add and list show|add (issue 6). */
int cli_followup_cmd(app_options *opt, cli_args *a);
int cli_repatriation_cmd(app_options *opt, cli_args *a);
int cli_reintegration_cmd(app_options *opt, cli_args *a);
int cli_list_cmd(app_options *opt, cli_args *a);
/* True for the follow-up keys "followup.months", "followup.due_soon_days"
 * (and any other "followup." key, refused with the list of them). */
bool cli_is_return_setting(const char *key);
/* setting get|set for one of those keys (as cli_clock_setting). */
int cli_return_setting(app_options *opt, cli_args *a, bool set);
/* The help lines of those commands. */
void cli_return_usage(FILE *to);

/* cli_report.c: report [--period P] [--by DIM] [--format text|csv]
 * [--output FILE] [--outside] [--tags] [--gaps] (issue 7). */
int cli_report_cmd(app_options *opt, cli_args *a);
void cli_report_usage(FILE *to);
/* --period as report_period_parse() reads it, for report and export:
 * EXIT_OK with *out set and *given true; EXIT_OK with *given false (and
 * *out untouched) when there is no --period; else the refusal printed and
 * EXIT_USER.  (cli_report.c) */
struct report_period;
int cli_period_arg(cli_args *a, struct report_period *out, bool *given);
/* cli_export.c: export --htcds [--period P] --output FILE (issue 7). */
int cli_export_cmd(app_options *opt, cli_args *a);
void cli_export_usage(FILE *to);
/* cli_exchange.c: identity, peer, handover, receive, conflict (issue 7). */
int cli_identity_cmd(app_options *opt, cli_args *a);
int cli_peer_cmd(app_options *opt, cli_args *a);
int cli_handover_cmd(app_options *opt, cli_args *a);
int cli_receive_cmd(app_options *opt, cli_args *a);
int cli_conflict_cmd(app_options *opt, cli_args *a);
void cli_exchange_usage(FILE *to);
/* True for the hand-over keys "exchange.store_name" and
 * "exchange.crossborder_items" (and any other "exchange." key, refused
 * with the list of them). */
bool cli_is_exchange_setting(const char *key);
/* setting get|set for one of those keys (as cli_clock_setting). */
int cli_exchange_setting(app_options *opt, cli_args *a, bool set);
/* cli_backup.c: backup FILE, restore FILE --data-dir DIR (issue 7). */
int cli_backup_cmd(app_options *opt, cli_args *a);
int cli_restore_cmd(app_options *opt, cli_args *a);
void cli_backup_usage(FILE *to);
/* cli_demo.c: demo --cases N --data-dir DIR [--lang th|en] [--seed N]
 * (db/demo.h), and the one stderr line every command unlocking a demo
 * store prints ("demo store: synthetic data"). */
int cli_demo_cmd(app_options *opt, cli_args *a);
void cli_demo_usage(FILE *to);
void cli_demo_note(store *s);

/* What those commands share (cli_screening.c). */
/* --format: 0 for text (the default), 1 for tsv, -1 after printing a
 * usage error. */
int cli_want_tsv(cli_args *a);
/* A whole number 1..max in ASCII digits and nothing else. */
bool cli_parse_count(const char *text, long max, int *out);
/* "Label:<TAB>value", the value cleaned for the terminal. */
void cli_print_field(const char *label, const char *value);
/* The same with a moment in the officers' civil time. */
void cli_print_moment(const char *label, app_options *opt, int64_t t);
/* Unlock and find the case named by reference or id.  On EXIT_OK *s is open
 * (the caller closes it) and *c holds the case; otherwise the refusal is
 * printed and its exit code returned. */
int cli_open_case(app_options *opt, const char *ref, store **s, tc_case *c);

#endif
