/* core/utf8.c: not yet written */
typedef int tc_placeholder_utf8;
