/* caserec.h - the person and the case: the record, its validation, and
 * what is derived from it (the child flag, the display name).
 *
 * Pure: the caller passes "today" (from an injected clock). */
#ifndef TC_CASEREC_H
#define TC_CASEREC_H
#include <stdbool.h>
#include <stdint.h>
#include "caldate.h"
#include "caseref.h"
#include "officer.h"

#define CASE_NAME_MAX 200       /* bytes of UTF-8 per name field */
#define CASE_ALIASES_MAX 400
#define CASE_LANGS_MAX 64       /* ISO 639 codes, comma separated: "my,th" */
#define CASE_NOTES_MAX 8000
#define CASE_MAX_NATIONALITIES 4
#define CASE_CODE_MAX 24        /* codes of lists: entry point, province */
#define CASE_AGE_MAX 120
#define CHILD_AGE_LIMIT 18

typedef enum tc_sex {
    SEX_UNKNOWN = 0,
    SEX_FEMALE,
    SEX_MALE,
    SEX_OTHER,
    SEX_COUNT
} tc_sex;

const char *sex_code(tc_sex s);                 /* "unknown","female",... */
bool sex_from_code(const char *code, tc_sex *out); /* also "f","m","x" */
const char *sex_label(tc_sex s);                /* msgid */

/* Entry points (how the person came to the team's attention). */
typedef struct entry_point { const char *code; const char *label; } entry_point;
const entry_point *entry_points(int *count);    /* labels are msgids */
const entry_point *entry_point_find(const char *code);

typedef struct tc_case {
    char id[TC_ID_LEN];             /* case UUID; "" before it is saved */
    char person_id[TC_ID_LEN];
    char reference[CASEREF_MAX];    /* "" before it is saved */
    char name_thai[CASE_NAME_MAX + 1];      /* name in Thai script */
    char name_original[CASE_NAME_MAX + 1];  /* in the person's own script */
    char name_latin[CASE_NAME_MAX + 1];     /* romanised */
    char aliases[CASE_ALIASES_MAX + 1];     /* comma separated */
    tc_sex sex;
    bool birth_known;
    caldate birth;
    int estimated_age;              /* years at date_met; -1 when unknown */
    char nationalities[CASE_MAX_NATIONALITIES][3];   /* ISO alpha-2, GEO_STATELESS */
    int n_nationalities;
    char languages[CASE_LANGS_MAX + 1];
    char entry_point[CASE_CODE_MAX + 1];
    char province[CASE_CODE_MAX + 1];   /* "TH-10"... or "" */
    bool date_met_known;
    caldate date_met;
    char assigned_officer[TC_ID_LEN];   /* officer id or "" */
    char notes[CASE_NOTES_MAX + 1];
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_case;

/* A blank case: unknown sex, estimated_age -1, no dates. */
void case_init(tc_case *c);

typedef enum case_problem {
    CASE_OK = 0,
    CASE_NAME_MISSING,          /* no name in any script */
    CASE_NAME_BAD_TEXT,         /* invalid UTF-8 or control characters */
    CASE_NAME_TOO_LONG,
    CASE_BIRTH_INVALID,         /* not a real calendar date */
    CASE_BIRTH_IN_FUTURE,
    CASE_BIRTH_TOO_OLD,         /* more than CASE_AGE_MAX years ago */
    CASE_AGE_OUT_OF_RANGE,      /* estimated age not 0..CASE_AGE_MAX */
    CASE_DATE_MET_INVALID,
    CASE_DATE_MET_IN_FUTURE,
    CASE_DATE_MET_BEFORE_BIRTH,
    CASE_NATIONALITY_UNKNOWN,   /* a code not in ISO 3166 */
    CASE_NATIONALITY_REPEATED,
    CASE_STATELESS_WITH_OTHER,  /* stateless together with a nationality */
    CASE_SEX_INVALID,
    CASE_PROVINCE_UNKNOWN,
    CASE_ENTRY_POINT_UNKNOWN,
    CASE_LANGUAGES_BAD,         /* not a list of 2-3 letter codes */
    CASE_NOTES_BAD_TEXT,
    CASE_NOTES_TOO_LONG,
    CASE_PROBLEM_COUNT
} case_problem;

typedef struct case_check {
    case_problem problem;
    const char *field;          /* "name", "birth", ... or NULL when OK */
} case_check;
/* Field names: "name" (no name at all), "name_thai", "name_original",
 * "name_latin", "aliases", "sex", "birth", "age" (estimated age),
 * "nationality", "languages", "entry_point", "province", "date_met",
 * "notes".  Empty entry_point, province and languages are allowed; stored
 * codes must be in their canonical form (nationality "MM", province
 * "TH-10", languages "my,th" in lower case without spaces). */

/* The first problem found, checking fields in form order. */
case_check case_validate(const tc_case *c, caldate today);
const char *case_problem_text(case_problem p);  /* msgid */

/* Age in years today: from the date of birth when known, else the
 * estimated age plus the full years since date_met (or since the record
 * was created).  -1 when neither is known. */
int case_age_today(const tc_case *c, caldate today, int utc_offset);
/* Under 18 today (the 18th birthday is the first adult day).  Unknown age
 * is not a child: the form asks the officer instead of guessing. */
bool case_is_child(const tc_case *c, caldate today, int utc_offset);

/* The name to show in lists: Thai, else romanised, else original. */
const char *case_display_name(const tc_case *c);

/* Text an officer's search is matched against: every name and alias,
 * case-folded for Latin letters, separated by '\x1f'.  Stored inside the
 * encrypted database only. */
void case_search_key(const tc_case *c, char *out, size_t outsz);
/* Fold a search term the same way: ASCII A-Z to lower case, Thai digits
 * (U+0E50-0E59) to ASCII digits, everything else kept, so "aung" finds
 * "Aung" and "๔๒" finds "42".  Output is cut at a character boundary and
 * always NUL-terminated (outsz > 0). */
void case_search_fold(const char *in, char *out, size_t outsz);

/* One line of the case list: enough to draw it without the whole record. */
typedef struct tc_case_row {
    char id[TC_ID_LEN];
    char reference[CASEREF_MAX];
    char name[CASE_NAME_MAX + 1];       /* display name */
    tc_sex sex;
    bool child;
    int age;                            /* -1 unknown */
    char nationality[3];                /* first nationality or "" */
    bool date_met_known;
    caldate date_met;
    int64_t created_at;
    /* The most urgent running clock (core/clocks.h), when one has passed or
     * runs out within the due-soon window of the list's "now"; the list
     * marks the row.  clock_kind is a clock_kind value. */
    bool clock_due_soon;
    int clock_kind;
    int64_t clock_due;
    /* Opened in quick mode (checkpoint) and not yet completed. */
    bool incomplete;
    /* The latest follow-up of the case's open reintegration plan found a
     * high risk of re-trafficking (core/reintegration.h): the list puts
     * the case first and marks it. */
    bool high_risk;
} tc_case_row;

#endif
