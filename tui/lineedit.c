/* tui/lineedit.c: not yet written */
typedef int tc_placeholder_lineedit;
