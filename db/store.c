/* db/store.c: not yet written */
typedef int tc_placeholder_store;
