/* cli.h - the sub-commands that work without a screen, for scripts and
 * tests: init, check, user, case, setting, screening, instrument, clock and
 * due (cli_screening.c), referral and agency (cli_referral.c), followup,
 * repatriation, reintegration and list (cli_return.c).  Same rules
 * as the screens: everything goes through core and db. */
#ifndef TC_CLI_H
#define TC_CLI_H
#include <stdio.h>
#include "tui/app.h"

/* argv[0] is the sub-command name.  Returns an exit code (app.h). */
int cli_run(app_options *opt, int argc, char **argv);
/* True when name is a sub-command cli_run() knows. */
int cli_is_command(const char *name);
void cli_usage(FILE *to);

#endif
