/* cli_export.c - STUB: replaced by its owner in issue 7. */
#include "tui/cli_internal.h"
#include "i18n/i18n.h"
int cli_export_cmd(app_options *opt, cli_args *a) { (void)opt; (void)a; return cli_usage_error(_("not built yet")); }
void cli_export_usage(FILE *to) { (void)to; }
