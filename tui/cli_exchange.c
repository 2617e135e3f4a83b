/* cli_exchange.c - STUB: replaced by its owner in issue 7. */
#include "tui/cli_internal.h"
#include "i18n/i18n.h"
int cli_identity_cmd(app_options *opt, cli_args *a) { (void)opt; (void)a; return cli_usage_error(_("not built yet")); }
int cli_peer_cmd(app_options *opt, cli_args *a) { (void)opt; (void)a; return cli_usage_error(_("not built yet")); }
int cli_handover_cmd(app_options *opt, cli_args *a) { (void)opt; (void)a; return cli_usage_error(_("not built yet")); }
int cli_receive_cmd(app_options *opt, cli_args *a) { (void)opt; (void)a; return cli_usage_error(_("not built yet")); }
int cli_conflict_cmd(app_options *opt, cli_args *a) { (void)opt; (void)a; return cli_usage_error(_("not built yet")); }
void cli_exchange_usage(FILE *to) { (void)to; }
