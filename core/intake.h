/* intake.h - what the team learns when a case is opened: the place and the
 * establishment, the route, the kinds of exploitation, how the person was
 * recruited, who holds their documents, and their immigration status.
 *
 * The person and the case themselves are in caserec.h (names, sex, age,
 * nationality, entry point, province).  This record completes them.
 *
 * Every list here (sectors, exploitation types, recruitment channels,
 * document kinds and holders, immigration statuses) is data: the built-in
 * defaults below are loaded by a migration into tables an administrator
 * can extend, and intake_validate() checks codes against the lists it is
 * given, never against the defaults.
 *
 * Immigration status is its own field on purpose: an immigration outcome
 * (irregular entry, overstay) never decides whether a person is a victim,
 * and never closes a screening. */
#ifndef TC_INTAKE_H
#define TC_INTAKE_H
#include <stdbool.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "officer.h"

#define INTAKE_TEXT_MAX 200         /* bytes: district, establishment, crossing point */
#define INTAKE_MAX_TRANSIT 6        /* transit countries */
#define INTAKE_MAX_EXPLOITATION 12  /* exploitation types at once */
#define INTAKE_MAX_DOCUMENTS 8

/* How the person crossed into the country of exploitation.  A fixed
 * choice, not a list: reports compare these. */
typedef enum intake_crossing {
    CROSSING_UNKNOWN = 0,
    CROSSING_CHECKPOINT,        /* an official checkpoint (จุดผ่านแดน, ด่าน) */
    CROSSING_NATURAL_CHANNEL,   /* ช่องทางธรรมชาติ */
    CROSSING_NOT_CROSSED,       /* exploited in their own country */
    CROSSING_COUNT
} intake_crossing;

/* Stored codes: "unknown", "checkpoint", "natural_channel", "not_crossed". */
const char *crossing_code(intake_crossing c);
bool crossing_from_code(const char *code, intake_crossing *out);
const char *crossing_label(intake_crossing c);      /* msgid */

/* One identity or work document and who holds it now (retention of
 * documents is a forced-labour indicator, s.6/1). */
typedef struct intake_document {
    char kind[TC_CODE_MAX + 1];     /* document kind code: "passport" */
    char holder[TC_CODE_MAX + 1];   /* holder code: "employer" */
} intake_document;

typedef struct tc_intake {
    char case_id[TC_ID_LEN];
    /* Place: the province is the case's; the district is free text. */
    char district[INTAKE_TEXT_MAX + 1];
    /* The establishment where the person worked or was found. */
    char establishment[INTAKE_TEXT_MAX + 1];
    char sector[TC_CODE_MAX + 1];           /* sector code or "" */
    /* Route: ISO 3166 alpha-2 codes, "" when unknown.  Origin and country
     * of exploitation may be the same (a Thai person exploited in
     * Thailand, or a person taken abroad and back). */
    char origin[3];
    char transit[INTAKE_MAX_TRANSIT][3];
    int n_transit;
    char exploitation_country[3];
    intake_crossing crossing;
    char crossing_point[INTAKE_TEXT_MAX + 1];   /* "Mae Sot - Myawaddy" or "" */
    /* Exploitation types, several at once, none preselected. */
    char exploitation[INTAKE_MAX_EXPLOITATION][TC_CODE_MAX + 1];
    int n_exploitation;
    bool exploitation_from_known;
    caldate exploitation_from;
    bool exploitation_to_known;
    caldate exploitation_to;
    char recruitment[TC_CODE_MAX + 1];      /* recruitment channel code or "" */
    intake_document documents[INTAKE_MAX_DOCUMENTS];
    int n_documents;
    char immigration[TC_CODE_MAX + 1];      /* immigration status code or "" */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_intake;

/* A blank intake: unknown crossing, empty lists, no dates. */
void intake_init(tc_intake *in);

/* The lists an intake is checked against (from the store, or the
 * defaults below). */
typedef struct intake_lists {
    tc_code_list sectors;
    tc_code_list exploitation_types;
    tc_code_list recruitment_channels;      /* online ones have group "online" */
    tc_code_list document_kinds;
    tc_code_list document_holders;
    tc_code_list immigration_statuses;
} intake_lists;

/* The built-in rows of each list: code, English msgid, Thai label.  A
 * migration loads them; codes are stored in the database and never
 * renamed. */
tc_code_list intake_default_sectors(void);
tc_code_list intake_default_exploitation_types(void);
tc_code_list intake_default_recruitment_channels(void);
tc_code_list intake_default_document_kinds(void);
tc_code_list intake_default_document_holders(void);
tc_code_list intake_default_immigration_statuses(void);
/* All six defaults together. */
intake_lists intake_default_lists(void);

typedef enum intake_problem {
    INTAKE_OK = 0,
    INTAKE_TEXT_BAD,                /* district, establishment, crossing point */
    INTAKE_TEXT_TOO_LONG,
    INTAKE_SECTOR_UNKNOWN,
    INTAKE_COUNTRY_UNKNOWN,         /* origin, a transit or exploitation country */
    INTAKE_TRANSIT_REPEATED,        /* the same transit country twice */
    INTAKE_TOO_MANY,                /* a count out of 0..its maximum */
    INTAKE_CROSSING_INVALID,
    INTAKE_CROSSING_CONTRADICTS_ROUTE,  /* "not crossed" on a route that crosses */
    INTAKE_EXPLOITATION_UNKNOWN,
    INTAKE_EXPLOITATION_REPEATED,
    INTAKE_DATE_INVALID,            /* not a real calendar date */
    INTAKE_DATE_IN_FUTURE,
    INTAKE_DATES_REVERSED,          /* exploitation ended before it began */
    INTAKE_CHANNEL_UNKNOWN,
    INTAKE_DOCUMENT_UNKNOWN,
    INTAKE_HOLDER_UNKNOWN,          /* a document without a known holder */
    INTAKE_DOCUMENT_REPEATED,       /* the same kind of document twice */
    INTAKE_IMMIGRATION_UNKNOWN,
    INTAKE_PROBLEM_COUNT
} intake_problem;

typedef struct intake_check {
    intake_problem problem;
    const char *field;      /* NULL when OK */
} intake_check;
/* Field names, in form order: "district", "establishment", "sector",
 * "origin", "transit", "exploitation_country", "crossing",
 * "crossing_point", "exploitation", "exploitation_from",
 * "exploitation_to", "recruitment", "documents", "immigration".
 * Empty codes and countries are allowed (not known yet); a stored code
 * must be in its list and a country in its upper-case form. */

/* The first problem found, checking fields in form order.  today is the
 * officer's civil date (from the injected clock). */
intake_check intake_validate(const tc_intake *in, const intake_lists *lists, caldate today);
const char *intake_problem_text(intake_problem p);      /* msgid */

/* True when the recruitment channel's row is in the "online" group, so a
 * report can count "recruited online" over channels an administrator
 * adds later. */
bool intake_recruited_online(const tc_intake *in, const intake_lists *lists);

#endif
