/* db/keyslot.c: not yet written */
typedef int tc_placeholder_keyslot;
