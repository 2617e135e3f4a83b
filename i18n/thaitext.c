/* i18n/thaitext.c: not yet written */
typedef int tc_placeholder_thaitext;
