#define _GNU_SOURCE
#include "config.h"
#include "tui/cli.h"
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/geo.h"
#include "db/store.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/caseinput.h"
#include "tui/cli_internal.h"

static const struct option long_options[] = {
    { "data-dir", required_argument, NULL, OPT_DATA_DIR },
    { "period", required_argument, NULL, OPT_PERIOD },
    { "by", required_argument, NULL, OPT_BY },
    { "outside", no_argument, NULL, OPT_OUTSIDE },
    { "tags", no_argument, NULL, OPT_TAGS },
    { "gaps", no_argument, NULL, OPT_GAPS },
    { "htcds", no_argument, NULL, OPT_HTCDS },
    { "to", required_argument, NULL, OPT_TO },
    { "keep", required_argument, NULL, OPT_KEEP },
    { "field", required_argument, NULL, OPT_FIELD },
    { "store-name", required_argument, NULL, OPT_STORE_NAME },
    { "yes", no_argument, NULL, OPT_YES },
    { "profile", required_argument, NULL, OPT_PROFILE },
    { "quiet", no_argument, NULL, OPT_QUIET },
    { "user", required_argument, NULL, OPT_USER },
    { "passphrase-fd", required_argument, NULL, OPT_PASS_FD },
    { "name", required_argument, NULL, OPT_NAME },
    { "name-thai", required_argument, NULL, OPT_NAME_THAI },
    { "name-latin", required_argument, NULL, OPT_NAME_LATIN },
    { "name-original", required_argument, NULL, OPT_NAME_ORIGINAL },
    { "aliases", required_argument, NULL, OPT_ALIASES },
    { "sex", required_argument, NULL, OPT_SEX },
    { "birth", required_argument, NULL, OPT_BIRTH },
    { "age", required_argument, NULL, OPT_AGE },
    { "nationality", required_argument, NULL, OPT_NATIONALITY },
    { "languages", required_argument, NULL, OPT_LANGUAGES },
    { "entry-point", required_argument, NULL, OPT_ENTRY },
    { "province", required_argument, NULL, OPT_PROVINCE },
    { "date-met", required_argument, NULL, OPT_DATE_MET },
    { "notes", required_argument, NULL, OPT_NOTES },
    { "role", required_argument, NULL, OPT_ROLE },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "search", required_argument, NULL, OPT_SEARCH },
    { "sort", required_argument, NULL, OPT_SORT },
    { "version", required_argument, NULL, OPT_VERSION_NUMBER },
    { "at", required_argument, NULL, OPT_AT },
    { "until", required_argument, NULL, OPT_UNTIL },
    { "court-ref", required_argument, NULL, OPT_COURT_REF },
    { "overdue", no_argument, NULL, OPT_OVERDUE },
    { "agency", required_argument, NULL, OPT_AGENCY },
    { "officer", required_argument, NULL, OPT_OFFICER },
    { "state", required_argument, NULL, OPT_STATE },
    { "urgency", required_argument, NULL, OPT_URGENCY },
    { "channel", required_argument, NULL, OPT_CHANNEL },
    { "needs", required_argument, NULL, OPT_NEEDS },
    { "summary", required_argument, NULL, OPT_SUMMARY },
    { "shared", required_argument, NULL, OPT_SHARED },
    { "draft", no_argument, NULL, OPT_DRAFT },
    { "override-reason", required_argument, NULL, OPT_OVERRIDE_REASON },
    { "reason", required_argument, NULL, OPT_REASON },
    { "lang", required_argument, NULL, OPT_LANG },
    { "output", required_argument, NULL, OPT_OUTPUT },
    { "width", required_argument, NULL, OPT_WIDTH },
    { "type", required_argument, NULL, OPT_TYPE },
    { "level", required_argument, NULL, OPT_LEVEL },
    { "name-english", required_argument, NULL, OPT_NAME_EN },
    { "abbr-thai", required_argument, NULL, OPT_ABBR_TH },
    { "abbr-english", required_argument, NULL, OPT_ABBR_EN },
    { "country", required_argument, NULL, OPT_COUNTRY },
    { "services", required_argument, NULL, OPT_SERVICES },
    { "phone", required_argument, NULL, OPT_PHONE },
    { "line-id", required_argument, NULL, OPT_LINE_ID },
    { "email", required_argument, NULL, OPT_EMAIL },
    { "address", required_argument, NULL, OPT_ADDRESS },
    { "focal-name", required_argument, NULL, OPT_FOCAL_NAME },
    { "focal-phone", required_argument, NULL, OPT_FOCAL_PHONE },
    { "all", no_argument, NULL, OPT_ALL },
    { "retire", no_argument, NULL, OPT_RETIRE },
    { "reinstate", no_argument, NULL, OPT_REINSTATE },
    { "method", required_argument, NULL, OPT_METHOD },
    { "risk", required_argument, NULL, OPT_RISK },
    { "findings", required_argument, NULL, OPT_FINDINGS },
    { "next", required_argument, NULL, OPT_NEXT },
    { "direction", required_argument, NULL, OPT_DIRECTION },
    { "hometown", required_argument, NULL, OPT_HOMETOWN },
    { "start", required_argument, NULL, OPT_START },
    { "label", required_argument, NULL, OPT_LABEL },
    { "label-th", required_argument, NULL, OPT_LABEL_TH },
    { "group", required_argument, NULL, OPT_GROUP },
    { "cases", required_argument, NULL, OPT_CASES },
    { "seed", required_argument, NULL, OPT_SEED },
    { NULL, 0, NULL, 0 },
};

void cli_usage(FILE *to)
{
    fprintf(to, "%s",
            _("Usage: tipcase [--data-dir DIR] [--user NAME] [--passphrase-fd N] [COMMAND]\n"
              "\n"
              "Without a command, tipcase opens its screens.\n"
              "\n"
              "Commands:\n"
              "  init [--name FULL-NAME]       create a new store and its first officer (admin)\n"
              "  check                         verify the database and the audit trail\n"
              "  user add LOGIN --name NAME --role ROLE\n"
              "  user passwd                   change your passphrase\n"
              "  user remove LOGIN\n"
              "  user list\n"
              "  case add --name NAME [--sex S] [--birth DATE] [--age N] [--nationality CODES]\n"
              "           [--province P] [--entry-point E] [--date-met DATE] [--notes TEXT]\n"
              "  case list [--search TEXT] [--sort newest|name] [--format tsv]\n"
              "  case show REFERENCE\n"
              "  setting get KEY | setting set KEY VALUE\n"
              "                                language (th, en), lock_minutes (1-240)\n"));
    cli_screening_usage(to);
    cli_referral_usage(to);
    cli_return_usage(to);
    cli_report_usage(to);
    cli_export_usage(to);
    cli_exchange_usage(to);
    cli_backup_usage(to);
    cli_demo_usage(to);
    fprintf(to, "%s",
            _("\n"
              "Passphrases are read from the terminal, or one per line from --passphrase-fd.\n"
              "Roles: admin, supervisor, inspector, social_worker, border_officer.\n"
              "Exit status: 0 done, 1 refused (a message says why), 2 wrong usage.\n"));
}

int cli_usage_error(const char *msg)
{
    fprintf(stderr, "tipcase: %s\n", msg);
    fprintf(stderr, "%s\n", _("Try 'tipcase --help'."));
    return EXIT_USAGE;
}

int cli_run_sub(app_options *opt, cli_args *a, const cli_sub *subs, const char *usage)
{
    const char *sub = a->npos >= 2 ? a->pos[1] : "";
    for (const cli_sub *s = subs; s->name; s++)
        if (!strcmp(sub, s->name))
            return s->run(opt, a);
    return cli_usage_error(_(usage));
}

int cli_refuse(const char *msgid)
{
    fprintf(stderr, "tipcase: %s\n", _(msgid));
    return EXIT_USER;
}

static int parse_args(app_options *opt, int argc, char **argv, cli_args *a)
{
    memset(a, 0, sizeof *a);
    /* argv[0] is the command itself; 0 makes GNU getopt start afresh after
     * main() parsed the global options with it. */
    a->pos[a->npos++] = argv[0];
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
        if (c == '?' || c == ':')
            return cli_usage_error(_("unknown option or missing value"));
        if (c == OPT_DATA_DIR)
            snprintf(opt->data_dir, sizeof opt->data_dir, "%s", optarg);
        else if (c == OPT_USER)
            opt->user = optarg;
        else if (c == OPT_PASS_FD) {
            if (!app_parse_fd(optarg, &opt->passphrase_fd))
                return cli_usage_error(_("--passphrase-fd needs a file descriptor number"));
        } else
            ARG(a, c) = optarg ? optarg : "yes";      /* a flag without a value */
    }
    for (int i = optind; i < argc; i++) {
        if (a->npos >= (int)(sizeof a->pos / sizeof a->pos[0]))
            return cli_usage_error(_("too many arguments"));
        a->pos[a->npos++] = argv[i];
    }
    return EXIT_OK;
}

/* A passphrase buffer in locked memory that is wiped when freed. */
#define PASS_BYTES (PASSPHRASE_MAX_BYTES + 2)

static char *read_pass(const app_options *opt, const char *prompt)
{
    char *p = sodium_malloc(PASS_BYTES);
    if (!p)
        return NULL;
    if (!app_read_passphrase(opt->passphrase_fd, prompt, p, PASS_BYTES)) {
        sodium_free(p);
        return NULL;
    }
    return p;
}

/* A new passphrase: twice from the terminal, once from a script's fd. */
static char *read_new_pass(const app_options *opt)
{
    char *p = read_pass(opt, _("New passphrase: "));
    if (!p)
        return NULL;
    char *again = NULL;
    if (opt->passphrase_fd < 0 && !(again = read_pass(opt, _("Type it again: ")))) {
        sodium_free(p);
        return NULL;
    }
    passphrase_problem pp = passphrase_check(p, again);
    if (again)
        sodium_free(again);
    if (pp != PASSPHRASE_OK) {
        fprintf(stderr, "tipcase: %s\n", _(passphrase_problem_text(pp)));
        sodium_free(p);
        return NULL;
    }
    return p;
}

store_status cli_unlock(app_options *opt, store **out)
{
    if (!store_exists(opt->data_dir))
        return ST_NO_STORE;
    if (!opt->user) {
        fprintf(stderr, "tipcase: %s\n", _("Say which officer you are with --user NAME."));
        return ST_WRONG_PASSPHRASE;
    }
    char *pass = read_pass(opt, _("Passphrase: "));
    if (!pass)
        return ST_WRONG_PASSPHRASE;
    /* store_open waits out the guessing delay (db/store.h); say why. */
    unsigned wait = store_unlock_wait(opt->data_dir, &opt->clock);
    if (wait == 1)
        fprintf(stderr, "tipcase: %s\n",
                _("Too many wrong passphrases. Wait 1 second, then the passphrase is checked..."));
    else if (wait > 1) {
        fprintf(stderr, "tipcase: ");
        fprintf(stderr, _("Too many wrong passphrases. Wait %u seconds, then the passphrase is checked..."),
                wait);
        fputc('\n', stderr);
    }
    store_status st = store_open(opt->data_dir, opt->user, pass, &opt->clock, out);
    sodium_free(pass);
    if (st == ST_OK)
        cli_demo_note(*out);
    return st;
}

/* Unlock as the acting officer, then read the new passphrase a command
 * sets.  On success *s is open and *pass is the caller's to sodium_free. */
static int unlock_with_new_pass(app_options *opt, store **s, char **pass)
{
    store_status st = cli_unlock(opt, s);
    if (st != ST_OK)
        return cli_status_exit(st);
    *pass = read_new_pass(opt);
    if (!*pass) {
        store_close(*s);
        *s = NULL;
        return EXIT_USER;
    }
    return EXIT_OK;
}

int cli_status_exit(store_status st)
{
    if (st == ST_OK)
        return EXIT_OK;
    return cli_refuse(store_status_text(st));
}

int cli_store_exit(store *s, store_status st)
{
    int rc = st == ST_OK ? EXIT_OK : cli_refuse(store_status_why(s, st));
    store_close(s);
    return rc;
}

static int cmd_init(app_options *opt, cli_args *a)
{
    if (store_exists(opt->data_dir))
        return cli_refuse(store_status_text(ST_EXISTS));
    tc_officer admin;
    memset(&admin, 0, sizeof admin);
    if (!opt->user)
        return cli_usage_error(_("init needs --user LOGIN for the first officer"));
    snprintf(admin.login, sizeof admin.login, "%s", opt->user);
    snprintf(admin.name, sizeof admin.name, "%s",
             ARG(a, OPT_NAME) ? ARG(a, OPT_NAME) : opt->user);
    admin.role = ROLE_ADMIN;
    admin.active = true;
    officer_problem op = officer_validate(&admin);
    if (op != OFFICER_OK)
        return cli_refuse(officer_problem_text(op));
    char *pass = read_new_pass(opt);
    if (!pass)
        return EXIT_USER;
    store *s = NULL;
    store_status st = store_create(opt->data_dir, &admin, pass, kdf_params_default(),
                                   &opt->clock, &s);
    sodium_free(pass);
    if (st != ST_OK)
        return cli_status_exit(st);
    printf(_("Created a new store in %s (store code %s).\n"), opt->data_dir, store_code(s));
    store_close(s);
    return EXIT_OK;
}

static int cmd_check(app_options *opt)
{
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    /* "Run 'tipcase check'" is no answer to tipcase check itself. */
    if (st == ST_DAMAGED)
        return cli_refuse(N_("The store is damaged and cannot be opened. Restore the latest backup with 'tipcase restore' and tell your administrator."));
    if (st != ST_OK)
        return cli_status_exit(st);
    store_check_report r;
    st = store_check(s, &r);
    store_close(s);
    if (st != ST_OK && st != ST_DAMAGED)
        return cli_status_exit(st);
    printf("%s %s\n", _("Database:"), r.integrity_ok ? _("ok") : _("DAMAGED"));
    if (!r.integrity_ok)
        printf("  %s\n", r.integrity_detail);
    printf("%s ", _("Audit trail:"));
    if (r.audit_ok)
        printf(_("ok (%lld entries)\n"), (long long)r.audit_rows);
    else
        printf(_("BROKEN at entry %lld: %s\n"), (long long)r.first_bad_row, r.audit_detail);
    return r.integrity_ok && r.audit_ok ? EXIT_OK : EXIT_USER;
}

static int cmd_user(app_options *opt, cli_args *a)
{
    if (a->npos < 2)
        return cli_usage_error(_("user needs add, passwd, remove or list"));
    const char *sub = a->pos[1];
    store *s = NULL;
    int rc = EXIT_OK;
    if (!strcmp(sub, "add")) {
        if (a->npos != 3 || !ARG(a, OPT_ROLE))
            return cli_usage_error(_("user add LOGIN --name NAME --role ROLE"));
        tc_officer o;
        memset(&o, 0, sizeof o);
        snprintf(o.login, sizeof o.login, "%s", a->pos[2]);
        snprintf(o.name, sizeof o.name, "%s", ARG(a, OPT_NAME) ? ARG(a, OPT_NAME) : a->pos[2]);
        if (!role_from_code(ARG(a, OPT_ROLE), &o.role))
            return cli_usage_error(_("unknown role"));
        o.active = true;
        officer_problem op = officer_validate(&o);
        if (op != OFFICER_OK)
            return cli_refuse(officer_problem_text(op));
        char *pass = NULL;
        if ((rc = unlock_with_new_pass(opt, &s, &pass)) != EXIT_OK)
            return rc;
        store_status st = store_officer_add(s, &o, pass, kdf_params_default());
        sodium_free(pass);
        rc = st == ST_OK ? EXIT_OK : cli_refuse(store_status_why(s, st));
        if (st == ST_OK)
            printf(_("Officer %s added.\n"), o.login);
    } else if (!strcmp(sub, "passwd")) {
        char *pass = NULL;
        if ((rc = unlock_with_new_pass(opt, &s, &pass)) != EXIT_OK)
            return rc;
        store_status st = store_passwd(s, pass, kdf_params_default());
        sodium_free(pass);
        rc = cli_status_exit(st);
        if (st == ST_OK)
            printf("%s\n", _("Passphrase changed."));
    } else if (!strcmp(sub, "remove")) {
        if (a->npos != 3)
            return cli_usage_error(_("user remove LOGIN"));
        store_status st = cli_unlock(opt, &s);
        if (st != ST_OK)
            return cli_status_exit(st);
        st = store_officer_remove(s, a->pos[2]);
        rc = st == ST_OK ? EXIT_OK : cli_refuse(store_status_why(s, st));
        if (st == ST_OK)
            printf(_("Officer %s can no longer open this store.\n"), a->pos[2]);
    } else if (!strcmp(sub, "list")) {
        store_status st = cli_unlock(opt, &s);
        if (st != ST_OK)
            return cli_status_exit(st);
        tc_officer *all = NULL;
        size_t n = 0;
        st = store_officer_list(s, &all, &n);
        rc = cli_status_exit(st);
        for (size_t i = 0; st == ST_OK && i < n; i++) {
            char name[OFFICER_NAME_MAX * 3 + 8];
            text_clean(all[i].name, name, sizeof name);
            printf("%s\t%s\t%s\t%s\n", all[i].login, name, role_code(all[i].role),
                   all[i].active ? "active" : "removed");
        }
        free(all);
    } else {
        return cli_usage_error(_("user needs add, passwd, remove or list"));
    }
    store_close(s);
    return rc;
}

static void print_case(const tc_case *c)
{
    char clean[CASE_NOTES_MAX * 3 + 8], date[THDATE_MAX];
    bool thai = i18n_is_thai();
    printf("%s\t%s\n", _("Reference:"), c->reference);
    text_clean(c->name_thai, clean, sizeof clean);
    printf("%s\t%s\n", _("Name (Thai):"), clean);
    text_clean(c->name_original, clean, sizeof clean);
    printf("%s\t%s\n", _("Name (own script):"), clean);
    text_clean(c->name_latin, clean, sizeof clean);
    printf("%s\t%s\n", _("Name (romanised):"), clean);
    printf("%s\t%s\n", _("Sex:"), _(sex_label(c->sex)));
    if (c->birth_known) {
        thdate_format(c->birth, thai, date, sizeof date);
        printf("%s\t%s\n", _("Date of birth:"), date);
    }
    if (c->estimated_age >= 0)
        printf("%s\t%d\n", _("Estimated age:"), c->estimated_age);
    for (int i = 0; i < c->n_nationalities; i++) {
        const geo_entry *g = geo_country(c->nationalities[i]);
        printf("%s\t%s\n", _("Nationality:"), g ? (thai ? g->name_th : g->name_en) : "?");
    }
    if (c->date_met_known) {
        thdate_format(c->date_met, thai, date, sizeof date);
        printf("%s\t%s\n", _("Date met:"), date);
    }
    text_clean(c->notes, clean, sizeof clean);
    if (*clean)
        printf("%s\t%s\n", _("Notes:"), clean);
}

static int cmd_case_add(app_options *opt, cli_args *a)
{
    tc_case c;
    case_init(&c);
    /* Cut to fit, a long name would be saved shorter than given. */
    if (ARG(a, OPT_NAME) && strlen(ARG(a, OPT_NAME)) > CASE_NAME_MAX)
        return cli_refuse(case_problem_text(CASE_NAME_TOO_LONG));
    if (ARG(a, OPT_NAME))
        case_put_name(&c, ARG(a, OPT_NAME));
    case_text t = {
        .name_thai = ARG(a, OPT_NAME_THAI), .name_latin = ARG(a, OPT_NAME_LATIN),
        .name_original = ARG(a, OPT_NAME_ORIGINAL), .aliases = ARG(a, OPT_ALIASES),
        .sex = ARG(a, OPT_SEX), .birth = ARG(a, OPT_BIRTH), .age = ARG(a, OPT_AGE),
        .nationalities = ARG(a, OPT_NATIONALITY), .languages = ARG(a, OPT_LANGUAGES),
        .entry_point = ARG(a, OPT_ENTRY), .province = ARG(a, OPT_PROVINCE),
        .date_met = ARG(a, OPT_DATE_MET), .notes = ARG(a, OPT_NOTES),
    };
    const char *field = NULL;
    const char *problem = case_from_text(&c, &t, &field);
    if (problem)
        return cli_refuse(problem);
    caldate today = app_today(&opt->clock);
    case_default_date_met(&c, today);
    /* Check before asking for the passphrase: a typo costs no unlock. */
    case_check chk = case_validate(&c, today);
    if (chk.problem != CASE_OK)
        return cli_refuse(case_problem_text(chk.problem));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    st = store_case_add(s, &c, &chk);
    store_close(s);
    if (st == ST_INVALID)
        return cli_refuse(case_problem_text(chk.problem));
    if (st != ST_OK)
        return cli_status_exit(st);
    printf("%s\n", c.reference);
    return EXIT_OK;
}

static int cmd_case_list(app_options *opt, cli_args *a)
{
    const char *format = ARG(a, OPT_FORMAT) ? ARG(a, OPT_FORMAT) : "text";
    bool tsv = !strcmp(format, "tsv");
    if (!tsv && strcmp(format, "text"))
        return cli_usage_error(_("--format is text or tsv"));
    const char *sort = ARG(a, OPT_SORT) ? ARG(a, OPT_SORT) : "newest";
    if (strcmp(sort, "newest") && strcmp(sort, "name"))
        return cli_usage_error(_("--sort is newest or name"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    enum { PAGE = 512 };
    tc_case_row *rows = calloc(PAGE, sizeof *rows);
    case_query q = { ARG(a, OPT_SEARCH), 0, PAGE,
                     strcmp(sort, "name") ? CASE_ORDER_NEWEST : CASE_ORDER_NAME };
    size_t n = 0;
    bool thai = i18n_is_thai();
    if (tsv)
        printf("reference\tname\tsex\tage\tchild\tnationality\tdate_met\n");
    do {
        st = rows ? store_case_list(s, &q, rows, PAGE, &n) : ST_NOMEM;
        for (size_t i = 0; st == ST_OK && i < n; i++) {
            const tc_case_row *r = &rows[i];
            char name[CASE_NAME_MAX * 3 + 8], date[THDATE_MAX] = "";
            if (tsv) {
                text_clean(r->name, name, sizeof name);
                if (r->date_met_known)
                    caldate_format_iso(r->date_met, date);
                printf("%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r->reference, name, sex_code(r->sex),
                       r->age, r->child ? "yes" : "no", r->nationality, date);
            } else {
                text_pad(r->name, 32, name, sizeof name);
                if (r->date_met_known)
                    thdate_format(r->date_met, thai, date, sizeof date);
                printf("%-16s %s %s %s %s\n", r->reference, name,
                       r->child ? _("child") : "     ", r->nationality, date);
            }
        }
        q.offset += n;
    } while (st == ST_OK && n == PAGE);
    free(rows);
    return cli_store_exit(s, st);
}

static int cmd_case(app_options *opt, cli_args *a)
{
    if (a->npos < 2)
        return cli_usage_error(_("case needs add, list or show"));
    if (!strcmp(a->pos[1], "add"))
        return cmd_case_add(opt, a);
    if (!strcmp(a->pos[1], "list"))
        return cmd_case_list(opt, a);
    if (!strcmp(a->pos[1], "show") && a->npos == 3) {
        store *s = NULL;
        store_status st = cli_unlock(opt, &s);
        if (st != ST_OK)
            return cli_status_exit(st);
        tc_case c;
        st = store_case_get(s, a->pos[2], &c);
        if (st == ST_OK)
            print_case(&c);
        return cli_store_exit(s, st);
    }
    return cli_usage_error(_("case needs add, list or show"));
}

static int cmd_setting(app_options *opt, cli_args *a)
{
    bool get = a->npos == 3 && !strcmp(a->pos[1], "get");
    bool set = a->npos == 4 && !strcmp(a->pos[1], "set");
    if (!get && !set)
        return cli_usage_error(_("setting get KEY | setting set KEY VALUE"));
    const char *key = a->pos[2];
    if (cli_is_clock_setting(key))
        return cli_clock_setting(opt, a, set);
    if (cli_is_referral_setting(key))
        return cli_referral_setting(opt, a, set);
    if (cli_is_return_setting(key))
        return cli_return_setting(opt, a, set);
    if (cli_is_exchange_setting(key))
        return cli_exchange_setting(opt, a, set);
    if (strcmp(key, "language") && strcmp(key, "lock_minutes"))
        return cli_usage_error(_("settings are language (th or en) and lock_minutes (1 to 240)"));
    if (set && !app_setting_valid(key, a->pos[3]))
        return cli_refuse(N_("That value is not allowed: language is th or en, lock_minutes is 1 to 240."));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (set) {
        st = store_setting_set(s, key, a->pos[3]);
    } else {
        char value[64] = "";
        st = store_setting_get(s, key, value, sizeof value);
        if (st == ST_NOT_FOUND)
            st = ST_OK;
        if (st == ST_OK)
            printf("%s\n", value);
    }
    return cli_store_exit(s, st);
}

int cli_is_command(const char *name)
{
    static const char *const known[] = { "init", "check", "user", "case", "setting",
                                         "screening", "instrument", "clock", "due",
                                         "referral", "agency", "followup", "repatriation",
                                         "reintegration", "list", "report", "export",
                                         "identity", "peer", "handover", "receive",
                                         "conflict", "backup", "restore", "demo", NULL };
    for (int i = 0; known[i]; i++)
        if (!strcmp(name, known[i]))
            return 1;
    return 0;
}

int cli_run(app_options *opt, int argc, char **argv)
{
    cli_args a;
    int rc = parse_args(opt, argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    if (a.npos < 1)
        return cli_usage_error(_("no command"));
    const char *cmd = a.pos[0];
    if (!strcmp(cmd, "init"))
        return cmd_init(opt, &a);
    if (!strcmp(cmd, "check"))
        return cmd_check(opt);
    if (!strcmp(cmd, "user"))
        return cmd_user(opt, &a);
    if (!strcmp(cmd, "case"))
        return cmd_case(opt, &a);
    if (!strcmp(cmd, "setting"))
        return cmd_setting(opt, &a);
    if (!strcmp(cmd, "screening"))
        return cli_screening_cmd(opt, &a);
    if (!strcmp(cmd, "instrument"))
        return cli_instrument_cmd(opt, &a);
    if (!strcmp(cmd, "clock"))
        return cli_clock_cmd(opt, &a);
    if (!strcmp(cmd, "due"))
        return cli_due_cmd(opt, &a);
    if (!strcmp(cmd, "referral"))
        return cli_referral_cmd(opt, &a);
    if (!strcmp(cmd, "agency"))
        return cli_agency_cmd(opt, &a);
    if (!strcmp(cmd, "followup"))
        return cli_followup_cmd(opt, &a);
    if (!strcmp(cmd, "repatriation"))
        return cli_repatriation_cmd(opt, &a);
    if (!strcmp(cmd, "reintegration"))
        return cli_reintegration_cmd(opt, &a);
    if (!strcmp(cmd, "list"))
        return cli_list_cmd(opt, &a);
    if (!strcmp(cmd, "report"))
        return cli_report_cmd(opt, &a);
    if (!strcmp(cmd, "export"))
        return cli_export_cmd(opt, &a);
    if (!strcmp(cmd, "identity"))
        return cli_identity_cmd(opt, &a);
    if (!strcmp(cmd, "peer"))
        return cli_peer_cmd(opt, &a);
    if (!strcmp(cmd, "handover"))
        return cli_handover_cmd(opt, &a);
    if (!strcmp(cmd, "receive"))
        return cli_receive_cmd(opt, &a);
    if (!strcmp(cmd, "conflict"))
        return cli_conflict_cmd(opt, &a);
    if (!strcmp(cmd, "backup"))
        return cli_backup_cmd(opt, &a);
    if (!strcmp(cmd, "restore"))
        return cli_restore_cmd(opt, &a);
    if (!strcmp(cmd, "demo"))
        return cli_demo_cmd(opt, &a);
    return cli_usage_error(_("unknown command"));
}
