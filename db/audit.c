/* db/audit.c: not yet written */
typedef int tc_placeholder_audit;
