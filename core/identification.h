/* identification.h - the identification decision of the multidisciplinary
 * team (step 2 of the NRM; DOMAIN.md "Legal frame").
 *
 * A screening only suggests; the identification is a separate record made
 * by the team: victim of trafficking (Act s.6), victim of forced labour or
 * services (s.6/1), not identified (with the other matter the facts show,
 * e.g. a labour-law violation, smuggling or illegal entry), or pending.
 * Immigration status is NOT part of it: it is a field of the intake
 * (core/intake.h) and never decides or closes anything here. */
#ifndef TC_IDENTIFICATION_H
#define TC_IDENTIFICATION_H
#include <stdbool.h>
#include <stdint.h>
#include "caldate.h"
#include "caserec.h"

#define IDENT_BODY_NAME_MAX 200     /* bytes: the office, e.g. a provincial police station */
#define IDENT_REASONS_MAX 4000      /* bytes of UTF-8; newlines allowed */

typedef enum ident_outcome {
    IDENT_PENDING = 0,
    IDENT_VICTIM_TRAFFICKING,       /* s.6 */
    IDENT_VICTIM_FORCED_LABOUR,     /* s.6/1 */
    IDENT_NOT_IDENTIFIED,
    IDENT_OUTCOME_COUNT
} ident_outcome;

typedef enum ident_other_matter {
    IDENT_OTHER_NONE = 0,
    IDENT_OTHER_LABOUR_VIOLATION,
    IDENT_OTHER_SMUGGLING,
    IDENT_OTHER_ILLEGAL_ENTRY,
    IDENT_OTHER_OTHER,
    IDENT_OTHER_COUNT
} ident_other_matter;

typedef enum ident_body {
    IDENT_BODY_POLICE = 0,
    IDENT_BODY_COURT_PROSECUTION,   /* a court or the public prosecutor */
    IDENT_BODY_GOVERNMENT,          /* another government body (e.g. MSDHS) */
    IDENT_BODY_NGO,
    IDENT_BODY_COUNT
} ident_body;

/* Stored codes: "pending", "victim_trafficking", "victim_forced_labour",
 * "not_identified"; "none", "labour_violation", "smuggling",
 * "illegal_entry", "other"; "police", "court_prosecution", "government",
 * "ngo". */
const char *ident_outcome_code(ident_outcome o);
bool ident_outcome_from_code(const char *code, ident_outcome *out);
const char *ident_outcome_label(ident_outcome o);       /* msgid; never "not a victim" */
const char *ident_other_code(ident_other_matter m);
bool ident_other_from_code(const char *code, ident_other_matter *out);
const char *ident_other_label(ident_other_matter m);    /* msgid */
const char *ident_body_code(ident_body b);
bool ident_body_from_code(const char *code, ident_body *out);
const char *ident_body_label(ident_body b);             /* msgid */

typedef struct tc_identification {
    char id[TC_ID_LEN];             /* "" before it is saved */
    char case_id[TC_ID_LEN];
    ident_outcome outcome;
    ident_other_matter other;       /* only with IDENT_NOT_IDENTIFIED */
    ident_body body;
    char body_name[IDENT_BODY_NAME_MAX + 1];
    bool decided_known;             /* false only while pending */
    caldate decided_on;
    char reasons[IDENT_REASONS_MAX + 1];
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_identification;

/* Pending, decided by the police, no date, no reasons. */
void identification_init(tc_identification *d);

typedef enum ident_problem {
    IDENT_OK = 0,
    IDENT_UNKNOWN_CODE,             /* an enum out of range */
    IDENT_DATE_MISSING,             /* a decision other than pending needs its date */
    IDENT_DATE_BAD,                 /* impossible date */
    IDENT_DATE_FUTURE,
    IDENT_REASONS_MISSING,          /* a decision other than pending needs reasons */
    IDENT_OTHER_NOT_ALLOWED,        /* other matter given with a victim outcome */
    IDENT_BAD_TEXT,                 /* invalid UTF-8 or control characters */
    IDENT_TOO_LONG,
    IDENT_PROBLEM_COUNT
} ident_problem;

typedef struct ident_check {
    ident_problem problem;
    const char *field;              /* "outcome", "body", "body_name", "decided_on",
                                       "reasons", "other", or NULL when OK */
} ident_check;

/* The first problem, in field order.  today: the officers' civil date. */
ident_check identification_validate(const tc_identification *d, caldate today);
const char *ident_problem_text(ident_problem p);        /* msgid */

/* Victim (s.6 or s.6/1) -> STAGE_ID_VICTIM, not identified ->
 * STAGE_ID_NOT_VICTIM, pending -> STAGE_ID_PENDING (core/stage.h). */
int ident_stage_value(ident_outcome o);

#endif
