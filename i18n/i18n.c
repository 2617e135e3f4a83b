/* i18n/i18n.c: not yet written */
typedef int tc_placeholder_i18n;
