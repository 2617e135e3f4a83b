/* caseinput.h - turning what an officer typed (in a form or on the command
 * line) into a case record, and back.  One parser serves both, so the
 * screen and the script accept exactly the same input. */
#ifndef TC_CASEINPUT_H
#define TC_CASEINPUT_H
#include <stdbool.h>
#include "core/caserec.h"

/* For the functions that read a form's fields in turn and return the
 * first problem (a msgid) or NULL: when expr gives a problem, name the
 * field in *where (where may be NULL) and return the problem. */
#define READ_OR_RETURN(where, field, expr)  \
    do {                                    \
        const char *problem_ = (expr);      \
        if (problem_) {                     \
            if (where)                      \
                *(where) = (field);         \
            return problem_;                \
        }                                   \
    } while (0)

/* Text for each field; NULL leaves the field as it is. */
typedef struct case_text {
    const char *name_thai, *name_original, *name_latin, *aliases;
    const char *sex;            /* code, label in either language, f/m/x */
    const char *birth;          /* any form thdate_parse reads; "" clears */
    const char *age;            /* estimated age in years; "" clears */
    const char *nationalities;  /* codes or names, comma separated */
    const char *languages;
    const char *entry_point;    /* code or label in either language */
    const char *province;       /* code, English or Thai name */
    const char *date_met;
    const char *notes;
} case_text;

/* Which field a name belongs in by its script: Thai letters -> name_thai,
 * ASCII only -> name_latin, else name_original. */
void case_put_name(tc_case *c, const char *name);

/* Fill c from t.  Returns NULL when every field could be read, else the
 * msgid of the problem, with *field naming the field ("birth", ...). */
const char *case_from_text(tc_case *c, const case_text *t, const char **field);

/* A case's date met, when none is given, is the day it is recorded. */
void case_default_date_met(tc_case *c, caldate today);

/* Field values as a form shows them (dates in the interface's era). */
void case_format_nationalities(const tc_case *c, char *out, size_t outsz);
void case_format_date_input(bool known, caldate d, char *out, size_t outsz);

#endif
