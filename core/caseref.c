/* core/caseref.c: not yet written */
typedef int tc_placeholder_caseref;
