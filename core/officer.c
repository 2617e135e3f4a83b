/* core/officer.c: not yet written */
typedef int tc_placeholder_officer;
