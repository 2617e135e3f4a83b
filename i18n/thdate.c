/* i18n/thdate.c: not yet written */
typedef int tc_placeholder_thdate;
