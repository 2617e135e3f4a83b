/* cli_demo.c - "tipcase demo": a new store full of synthetic cases for
 * training, with a generated passphrase printed at the end (db/demo.h).
 *
 * The demo never goes where real cases are kept: it needs its own
 * --data-dir (not the default store) that holds no store yet, and it
 * changes nothing when refused. */
#define _GNU_SOURCE
#include "config.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/officer.h"
#include "db/demo.h"
#include "db/keyslot.h"
#include "i18n/i18n.h"
#include "tui/cli.h"
#include "tui/cli_internal.h"

#define DEMO_LOGIN "demo"
#define DEMO_DEFAULT_SEED 2026u

/* A generated passphrase: five groups of four letters and digits, without
 * the ones people misread (0 o 1 l i), from libsodium's generator: about
 * 99 bits, and easy to copy from the screen. */
#define PASS_GROUPS 5
#define PASS_GROUP_LEN 4
#define PASS_LEN (PASS_GROUPS * (PASS_GROUP_LEN + 1))

static void make_passphrase(char out[PASS_LEN])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    size_t k = 0;
    for (int g = 0; g < PASS_GROUPS; g++) {
        if (g)
            out[k++] = '-';
        for (int i = 0; i < PASS_GROUP_LEN; i++)
            out[k++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    out[k] = '\0';
}

void cli_demo_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  demo --cases N --data-dir DIR [--lang th|en] [--seed N]\n"
              "                                a new store of N synthetic cases (1-100000)\n"
              "                                for training; prints its passphrase\n"));
}

/* A whole number from min to max, ASCII or Thai digits; false otherwise. */
static bool parse_count(const char *text, unsigned long long max, unsigned long long *out)
{
    unsigned long long v = 0;
    size_t digits = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (p && *p) {
        int d;
        if (*p >= '0' && *p <= '9') {
            d = *p - '0';
            p++;
        } else if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
            d = p[2] - 0x90;           /* U+0E50..U+0E59 */
            p += 3;
        } else {
            return false;
        }
        v = v * 10 + (unsigned long long)d;
        if (v > max)
            return false;
        digits++;
    }
    *out = v;
    return digits > 0;
}

/* One line on stderr that a terminal redraws in place. */
static void show_progress(size_t done, size_t total, void *ctx)
{
    bool *tty = ctx;
    if (!*tty || (done % 50 != 0 && done != total))
        return;
    fprintf(stderr, "\r%s %zu / %zu", _("Making demo cases:"), done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static int refuse_dir(const app_options *opt)
{
    char def[APP_PATH_MAX];
    app_default_data_dir(def, sizeof def);
    if (!strcmp(def, opt->data_dir))
        return cli_usage_error(_("tipcase demo needs its own --data-dir DIR: a demo store "
                                 "never goes where real cases are kept."));
    if (store_exists(opt->data_dir)) {
        fprintf(stderr, "tipcase: ");
        fprintf(stderr, _("There is already a store in %s. A demo store needs a new "
                          "directory; nothing was changed."), opt->data_dir);
        fputc('\n', stderr);
        return EXIT_USER;
    }
    return EXIT_OK;
}

static void print_ready(const app_options *opt, size_t cases, const char *login,
                        const char *pass)
{
    printf(_("Demo store ready in %s: %zu synthetic cases (no real person).\n"),
           opt->data_dir, cases);
    printf("  %s %s\n", _("Officer:"), login);
    printf("  %s %s\n", _("Passphrase:"), pass);
    printf("%s\n  tipcase --data-dir %s\n", _("Open it with:"), opt->data_dir);
    printf("%s\n", _("Write the passphrase down: it is the only way in."));
}

/* The store's first officer: --user, else "demo". */
static officer_problem demo_officer(const app_options *opt, tc_officer *admin)
{
    memset(admin, 0, sizeof *admin);
    snprintf(admin->login, sizeof admin->login, "%s", opt->user ? opt->user : DEMO_LOGIN);
    snprintf(admin->name, sizeof admin->name, "%s", _("Demo trainer"));
    admin->role = ROLE_ADMIN;
    admin->active = true;
    return officer_validate(admin);
}

static store_status create_demo_store(app_options *opt, const char *lang, const char *pass,
                                      const tc_officer *admin, store **s)
{
    store_status st = store_create(opt->data_dir, admin, pass, kdf_params_default(),
                                   &opt->clock, s);
    if (st == ST_OK && lang)
        st = store_setting_set(*s, "language", lang);
    return st;
}

int cli_demo_cmd(app_options *opt, cli_args *a)
{
    const char *lang = ARG(a, OPT_LANG);
    if (lang && !i18n_set_language(lang))
        return cli_usage_error(_("--lang is th or en"));
    unsigned long long cases = 0, seed = DEMO_DEFAULT_SEED;
    if (a->npos != 1 || !ARG(a, OPT_CASES))
        return cli_usage_error(_("demo --cases N --data-dir DIR [--lang th|en]"));
    if (!parse_count(ARG(a, OPT_CASES), DEMO_CASES_MAX, &cases) || cases < DEMO_CASES_MIN)
        return cli_usage_error(_("The number of cases must be a whole number from 1 to 100000."));
    if (ARG(a, OPT_SEED) && !parse_count(ARG(a, OPT_SEED), UINT32_MAX, &seed))
        return cli_usage_error(_("--seed is a whole number"));
    tc_officer admin;
    officer_problem op = demo_officer(opt, &admin);
    if (op != OFFICER_OK)
        return cli_refuse(officer_problem_text(op));
    int rc = refuse_dir(opt);
    if (rc != EXIT_OK)
        return rc;
    char *pass = sodium_malloc(PASS_LEN);
    if (!pass)
        return cli_status_exit(ST_NOMEM);
    make_passphrase(pass);
    store *s = NULL;
    fprintf(stderr, "%s\n", _("Creating the demo store..."));
    store_status st = create_demo_store(opt, lang, pass, &admin, &s);
    if (st == ST_OK) {
        bool tty = isatty(STDERR_FILENO);
        demo_options o = { (size_t)cases, seed, 0 };
        st = demo_fill(s, &o, show_progress, &tty);
        if (st != ST_OK) {
            fprintf(stderr, "tipcase: %s\n", store_last_error(s));
            fprintf(stderr, "tipcase: ");
            fprintf(stderr, _("The demo store in %s is incomplete: remove that directory "
                              "and try again."), opt->data_dir);
            fputc('\n', stderr);
        }
    }
    store_close(s);
    if (st == ST_OK)
        print_ready(opt, (size_t)cases, admin.login, pass);
    sodium_free(pass);
    return cli_status_exit(st);
}

void cli_demo_note(store *s)
{
    if (store_is_demo(s))
        fprintf(stderr, "%s\n", _("demo store: synthetic data"));
}
