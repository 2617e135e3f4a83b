/* db/officers.c: not yet written */
typedef int tc_placeholder_officers;
