/* codelist.h - lists that are data, not law: sectors, exploitation types,
 * recruitment channels, document kinds and the like.
 *
 * Code only knows stable codes.  Each list ships a few built-in rows (the
 * defaults, with an English msgid and its Thai label); the first migration
 * loads them into a table an administrator can extend, and the store hands
 * the current rows back as a tc_code_list.  Validation always takes the
 * list as a parameter, so a row an administrator added is as valid as a
 * built-in one. */
#ifndef TC_CODELIST_H
#define TC_CODELIST_H
#include <stdbool.h>
#include <stddef.h>

#define TC_CODE_MAX 24          /* bytes of a code: "seafood_processing" */
#define TC_LABEL_MAX 160        /* bytes of UTF-8 of a label */

typedef struct tc_code_row {
    const char *code;       /* stable: lower-case a-z, 0-9, '_'; never renamed */
    const char *label;      /* English; for built-in rows a msgid for _() */
    const char *label_th;   /* Thai; for built-in rows the msgid's msgstr */
    const char *group;      /* optional grouping code ("online"), or NULL */
} tc_code_row;

typedef struct tc_code_list {
    const tc_code_row *rows;
    size_t count;
} tc_code_list;

/* The row with exactly this code, or NULL (also for NULL or ""). */
const tc_code_row *code_list_find(tc_code_list list, const char *code);
static inline bool code_list_has(tc_code_list list, const char *code)
{
    return code_list_find(list, code) != NULL;
}

/* 1..TC_CODE_MAX bytes of a-z, 0-9 and '_', starting with a letter: the
 * form every stored code takes, so reports compare equal bytes. */
bool code_well_formed(const char *code);

typedef enum code_row_problem {
    CODE_ROW_OK = 0,
    CODE_ROW_CODE_BAD,          /* not code_well_formed(); also a bad group */
    CODE_ROW_CODE_TAKEN,        /* the list already has this code */
    CODE_ROW_LABEL_MISSING,     /* English or Thai label empty */
    CODE_ROW_LABEL_BAD_TEXT,
    CODE_ROW_LABEL_TOO_LONG,
    CODE_ROW_PROBLEM_COUNT
} code_row_problem;

/* Checks a row an administrator wants to add to `existing`: a well-formed
 * new code, an optional well-formed group, labels in both languages. */
code_row_problem code_row_validate(const tc_code_row *row, tc_code_list existing);
const char *code_row_problem_text(code_row_problem p);      /* msgid */

#endif
