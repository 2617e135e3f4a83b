/* db/migrate.c: not yet written */
typedef int tc_placeholder_migrate;
