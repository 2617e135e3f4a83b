/* core/caldate.c: not yet written */
typedef int tc_placeholder_caldate;
