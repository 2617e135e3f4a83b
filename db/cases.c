/* db/cases.c: not yet written */
typedef int tc_placeholder_cases;
