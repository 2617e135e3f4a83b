/* main.c - tipcase: where the process starts.  Global options, then either a
 * sub-command (cli.c) or the screens (screens.c). */
#include "config.h"
#include <getopt.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/thaitext.h"
#include "tui/app.h"
#include "tui/cli.h"
#include "tui/tui.h"

static void version(void)
{
    printf("tipcase %s\n", PACKAGE_VERSION);
}

/* Global options may stand before the command; anything after the command
 * is the command's (cli.c reads the globals there too). */
static int parse_globals(app_options *opt, int argc, char **argv, int *first_arg)
{
    enum { O_DATA = 1, O_USER, O_FD, O_HELP, O_VERSION };
    static const struct option globals[] = {
        { "data-dir", required_argument, NULL, O_DATA },
        { "user", required_argument, NULL, O_USER },
        { "passphrase-fd", required_argument, NULL, O_FD },
        { "help", no_argument, NULL, O_HELP },
        { "version", no_argument, NULL, O_VERSION },
        { NULL, 0, NULL, 0 },
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+hV", globals, NULL)) != -1) {
        switch (c) {
        case O_DATA:
            snprintf(opt->data_dir, sizeof opt->data_dir, "%s", optarg);
            break;
        case O_USER:
            opt->user = optarg;
            break;
        case O_FD:
            if (!app_parse_fd(optarg, &opt->passphrase_fd)) {
                fprintf(stderr, "tipcase: %s\n", _("--passphrase-fd needs a file descriptor number"));
                return EXIT_USAGE;
            }
            break;
        case O_HELP: case 'h':
            cli_usage(stdout);
            exit(EXIT_OK);
        case O_VERSION: case 'V':
            version();
            exit(EXIT_OK);
        default:
            fprintf(stderr, "tipcase: %s\n%s\n", _("unknown option or missing value"),
                    _("Try 'tipcase --help'."));
            return EXIT_USAGE;
        }
    }
    *first_arg = optind;
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    app_harden_process();
    /* A write past the file size limit (ulimit -f, RLIMIT_FSIZE) would
     * otherwise kill tipcase with SIGXFSZ, and the form being typed with
     * it.  Ignored, the write fails with EFBIG, the store says the disk is
     * full, and the form stays open with what was typed. */
    signal(SIGXFSZ, SIG_IGN);
    i18n_init(LOCALEDIR);
    if (sodium_init() < 0) {
        fprintf(stderr, "tipcase: %s\n", _("cannot start the cryptography library"));
        return EXIT_USER;
    }
    app_options opt;
    memset(&opt, 0, sizeof opt);
    opt.passphrase_fd = -1;
    opt.clock = app_system_clock();
    app_default_data_dir(opt.data_dir, sizeof opt.data_dir);

    int first = 1;
    int rc = parse_globals(&opt, argc, argv, &first);
    if (rc == EXIT_OK) {
        if (first < argc) {
            if (!cli_is_command(argv[first])) {
                fprintf(stderr, "tipcase: %s: %s\n%s\n", _("unknown command"), argv[first],
                        _("Try 'tipcase --help'."));
                rc = EXIT_USAGE;
            } else {
                rc = cli_run(&opt, argc - first, argv + first);
            }
        } else {
            rc = tui_run(&opt);
        }
    }
    thaitext_shutdown();
    return rc;
}
