/* codes.h - the fixed code tables behind the domain's enums.
 *
 * Many enums (roles, stages, consent purposes, answers...) are stored as a
 * stable text code and shown with an English label (a msgid).  Each module
 * keeps a table indexed by the enum value; these helpers do the lookups
 * once, so every *_code(), *_from_code() and *_label() function treats an
 * out-of-range value and an unknown code the same way.
 *
 * Pure.  Unlike core/codelist.h, these lists are closed: an administrator
 * cannot add to them, because code depends on each value. */
#ifndef TC_CODES_H
#define TC_CODES_H
#include <stdbool.h>

typedef struct code_label {
    const char *code;       /* stored in the database: never rename one */
    const char *label;      /* English msgid, for _() */
} code_label;

/* True when some table[i].code (i < n) equals code, and then *index = i
 * (the first such i).  A NULL code is never found; *index is left alone
 * when nothing is found. */
bool codes_find(const code_label *table, int n, const char *code, int *index);

/* table[i].code, or "" when i is outside 0..n-1. */
const char *codes_code(const code_label *table, int n, int i);

/* table[i].label, or fallback when i is outside 0..n-1. */
const char *codes_label(const code_label *table, int n, int i, const char *fallback);

#endif
