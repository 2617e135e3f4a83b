/* inspection.h - a labour inspection visit (การตรวจแรงงาน): where, when,
 * with which joint team, how many workers the inspectors met and how many
 * they screened.  Cases the visit produced link to it (db/record.h), so a
 * report can say "this inspection of 40 workers produced 3 cases".
 *
 * Pure: today comes from the caller's injected clock. */
#ifndef TC_INSPECTION_H
#define TC_INSPECTION_H
#include <stdbool.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "officer.h"

#define INSPECTION_TEXT_MAX 200     /* bytes: establishment, district */
#define INSPECTION_TEAM_MAX 400     /* bytes: the joint team, free text */
#define INSPECTION_WORKERS_MAX 100000

typedef struct tc_inspection {
    char id[TC_ID_LEN];             /* "" before it is saved */
    char establishment[INSPECTION_TEXT_MAX + 1];    /* required */
    char sector[TC_CODE_MAX + 1];                   /* sector code or "" */
    char province[TC_CODE_MAX + 1];                 /* "TH-10" or "" */
    char district[INSPECTION_TEXT_MAX + 1];
    caldate date;                                   /* required */
    /* The agencies that took part: "กสร., ตม., พม., ตำรวจ" */
    char joint_team[INSPECTION_TEAM_MAX + 1];
    int workers_met;
    int workers_screened;           /* never more than workers_met */
    int version;                    /* 1 when first saved (stage.h records) */
    bool entry_withdrawn;           /* withdrawn as a wrong record */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_inspection;

/* A blank record: no date, no workers, version 0. */
void inspection_init(tc_inspection *in);

typedef enum inspection_problem {
    INSPECTION_OK = 0,
    INSPECTION_ESTABLISHMENT_MISSING,
    INSPECTION_TEXT_BAD,            /* establishment, district, joint team */
    INSPECTION_TEXT_TOO_LONG,
    INSPECTION_SECTOR_UNKNOWN,
    INSPECTION_PROVINCE_UNKNOWN,
    INSPECTION_DATE_INVALID,        /* missing or not a real date */
    INSPECTION_DATE_IN_FUTURE,
    INSPECTION_WORKERS_OUT_OF_RANGE,    /* a count below 0 or above the maximum */
    INSPECTION_SCREENED_MORE_THAN_MET,
    INSPECTION_PROBLEM_COUNT
} inspection_problem;

typedef struct inspection_check {
    inspection_problem problem;
    const char *field;      /* NULL when OK */
} inspection_check;
/* Field names, in form order: "establishment", "sector", "province",
 * "district", "date", "joint_team", "workers_met", "workers_screened". */

/* The first problem, in form order.  sectors is the store's sector list. */
inspection_check inspection_validate(const tc_inspection *in, tc_code_list sectors,
                                     caldate today);
const char *inspection_problem_text(inspection_problem p);     /* msgid */

#endif
