/* party.h - the other people of a case: witnesses, informants and
 * suspects (issue 8).
 *
 * What is written about them can endanger them (an informant named to the
 * wrong reader) or prejudice an investigation (a suspect), so they are seen
 * only by the case's officers and supervisors (core/access.h,
 * ACCESS_PARTIES), never travel in a hand-over and never appear in a report
 * or an export.  Like every record, a party is never deleted: a change is a
 * new version and a party recorded by mistake is withdrawn with a reason.
 * Pure: no I/O. */
#ifndef TC_PARTY_H
#define TC_PARTY_H
#include <stdbool.h>
#include <stdint.h>
#include "officer.h"
#include "stage.h"

#define PARTY_NAME_MAX 200          /* bytes of UTF-8, one line */
#define PARTY_RELATION_MAX 120      /* bytes: "employer", "broker", "neighbour" */
#define PARTY_CONTACT_MAX 200       /* bytes: a phone, an address; optional */
#define PARTY_DETAILS_MAX 4000      /* bytes: free text, newlines allowed */
#define PARTY_REASON_MAX RECORD_REASON_MAX  /* bytes: why withdrawn */

typedef enum party_kind {
    PARTY_WITNESS = 0,
    PARTY_INFORMANT,
    PARTY_SUSPECT,
    PARTY_KIND_COUNT
} party_kind;

/* Stored codes: "witness", "informant", "suspect". */
const char *party_kind_code(party_kind k);
bool party_kind_from_code(const char *code, party_kind *out);
const char *party_kind_label(party_kind k);        /* msgid: "Witness" */

typedef struct tc_party {
    char id[TC_ID_LEN];             /* the record id; "" before it is saved */
    char case_id[TC_ID_LEN];
    party_kind kind;
    char name[PARTY_NAME_MAX + 1];
    char relation[PARTY_RELATION_MAX + 1];  /* their part in the case; optional */
    char contact[PARTY_CONTACT_MAX + 1];    /* optional */
    char details[PARTY_DETAILS_MAX + 1];    /* optional */
    int version;                    /* 1 when first saved */
    bool withdrawn;                 /* recorded by mistake: kept, marked */
    char withdrawn_reason[PARTY_REASON_MAX + 1];
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_party;

/* A blank party: a witness with no name, not saved. */
void party_init(tc_party *p);

typedef enum party_problem {
    PARTY_OK = 0,
    PARTY_KIND_INVALID,
    PARTY_NAME_EMPTY,               /* nothing but blanks */
    PARTY_NAME_BAD_TEXT,            /* invalid UTF-8, control or bidi characters */
    PARTY_NAME_TOO_LONG,
    PARTY_RELATION_BAD_TEXT,
    PARTY_RELATION_TOO_LONG,
    PARTY_CONTACT_BAD_TEXT,
    PARTY_CONTACT_TOO_LONG,
    PARTY_DETAILS_BAD_TEXT,
    PARTY_DETAILS_TOO_LONG,
    PARTY_REASON_MISSING,           /* a withdrawal without a reason */
    PARTY_REASON_BAD_TEXT,
    PARTY_REASON_TOO_LONG,
    PARTY_ALREADY_WITHDRAWN,        /* a withdrawn party does not change */
    PARTY_PROBLEM_COUNT
} party_problem;

/* The first problem with a party and the field it is in: "kind", "name",
 * "relation", "contact", "details" (NULL when OK).  Every text field must
 * hold its NUL within its buffer; the name must have something visible;
 * the one-line fields refuse every control character, the details accept
 * newlines and tabs; none may hold a bidi control. */
typedef struct party_check {
    party_problem problem;
    const char *field;
} party_check;
party_check party_validate(const tc_party *p);

/* May party p be withdrawn for this reason?  PARTY_ALREADY_WITHDRAWN,
 * PARTY_REASON_MISSING (NULL or blanks), PARTY_REASON_BAD_TEXT,
 * PARTY_REASON_TOO_LONG, or PARTY_OK. */
party_problem party_withdraw_check(const tc_party *p, const char *reason);

const char *party_problem_text(party_problem p);   /* msgid */

#endif
