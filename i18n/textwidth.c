/* i18n/textwidth.c: not yet written */
typedef int tc_placeholder_textwidth;
