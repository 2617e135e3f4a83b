/* stage.h - where a case stands on its path, and the rules that change it.
 *
 *   intake -> screening -> identification -> protection and assistance
 *          -> (legal proceedings) -> return -> reintegration -> closed
 *
 * Nobody sets a stage by hand.  The store gathers what has been recorded
 * for a case (stage_facts) and stage_derive() answers the stage: the
 * furthest point the records reach.  The only manual steps are closing
 * (with a reason) and reopening (with a reason); both are checked here.
 *
 * Nothing is deleted: a wrong record is corrected (a new version) or
 * withdrawn, always with a reason; record_change_check() and
 * record_change_apply() are the rule for every kind of record. */
#ifndef TC_STAGE_H
#define TC_STAGE_H
#include <stdbool.h>

#define STAGE_NOTE_MAX 2000         /* bytes: closure note, reopening reason */
#define RECORD_REASON_MAX 1000      /* bytes: why a record is corrected or withdrawn */

typedef enum case_stage {
    STAGE_INTAKE = 0,
    STAGE_SCREENING,
    STAGE_IDENTIFICATION,
    STAGE_PROTECTION,               /* protection and assistance */
    STAGE_LEGAL,                    /* legal proceedings (optional track) */
    STAGE_RETURN,                   /* return / repatriation */
    STAGE_REINTEGRATION,
    STAGE_CLOSED,
    STAGE_COUNT
} case_stage;

/* Stored codes: "intake", "screening", "identification", "protection",
 * "legal", "return", "reintegration", "closed". */
const char *stage_code(case_stage s);
bool stage_from_code(const char *code, case_stage *out);
const char *stage_label(case_stage s);          /* msgid */

/* The identification decision by the multidisciplinary team, as far as
 * the stage cares.  Victim covers s.6 and s.6/1. */
typedef enum stage_identification {
    STAGE_ID_NONE = 0,              /* not referred for identification */
    STAGE_ID_PENDING,               /* referred, no decision yet */
    STAGE_ID_VICTIM,
    STAGE_ID_NOT_VICTIM,
} stage_identification;

/* What has been recorded for a case (withdrawn entries do not count). */
typedef struct stage_facts {
    bool has_screening;             /* a screening is saved */
    stage_identification identification;
    bool has_protection;            /* a need, referral or shelter stay is recorded */
    bool has_legal_proceedings;
    bool has_repatriation_plan;
    bool has_reintegration_plan;
    bool closed;                    /* the last close was not followed by a reopen */
} stage_facts;

/* The furthest stage the facts reach; STAGE_CLOSED when closed.  A
 * presumed victim can be protected before identification, and a person
 * can go home while proceedings continue: the later stage wins. */
case_stage stage_derive(const stage_facts *f);

typedef enum closure_reason {
    CLOSE_NOT_IDENTIFIED = 0,       /* not identified as a victim */
    CLOSE_DECLINED,                 /* the person declined help */
    CLOSE_LOST_CONTACT,
    CLOSE_TRANSFERRED,              /* to another agency */
    CLOSE_REINTEGRATED,
    CLOSE_OTHER,                    /* needs a note */
    CLOSURE_REASON_COUNT
} closure_reason;

/* Stored codes: "not_identified", "declined", "lost_contact",
 * "transferred", "reintegrated", "other". */
const char *closure_reason_code(closure_reason r);
bool closure_reason_from_code(const char *code, closure_reason *out);
const char *closure_reason_label(closure_reason r);     /* msgid */

typedef struct stage_closure {
    closure_reason reason;
    char note[STAGE_NOTE_MAX + 1];  /* required for CLOSE_OTHER */
} stage_closure;

typedef enum stage_problem {
    STAGE_OK = 0,
    STAGE_ALREADY_CLOSED,
    STAGE_NOT_CLOSED,               /* reopening a case that is open */
    STAGE_CLOSURE_REASON_INVALID,
    STAGE_CLOSURE_NOTE_MISSING,     /* "other" without a note */
    STAGE_NOTE_BAD_TEXT,
    STAGE_NOTE_TOO_LONG,
    STAGE_REINTEGRATED_TOO_EARLY,   /* "reintegrated" without a reintegration plan */
    STAGE_CONTRADICTS_IDENTIFICATION, /* "not identified" for an identified victim */
    STAGE_REOPEN_REASON_MISSING,
    STAGE_PROBLEM_COUNT
} stage_problem;

/* May the case be closed this way? */
stage_problem stage_close_check(const stage_facts *f, const stage_closure *c);
/* May a closed case be reopened with this reason? */
stage_problem stage_reopen_check(const stage_facts *f, const char *reason);
const char *stage_problem_text(stage_problem p);        /* msgid */

/* A closure reason to offer first, when the facts point to one: a person
 * the team decided is not a victim -> CLOSE_NOT_IDENTIFIED.  False when
 * there is nothing to suggest (or the case is closed).  Only a
 * suggestion: the officer chooses. */
bool stage_suggest_closure(const stage_facts *f, closure_reason *out);

/* ------------------------------------------- corrections and withdrawal */

typedef enum record_action {
    RECORD_CORRECT = 0,             /* a new version replaces the current one */
    RECORD_WITHDRAW,                /* the record was wrong: it stops counting */
    RECORD_ACTION_COUNT
} record_action;

/* Stored codes: "correct", "withdraw". */
const char *record_action_code(record_action a);
bool record_action_from_code(const char *code, record_action *out);
const char *record_action_label(record_action a);       /* msgid */

/* Where any record stands: its version (1 when first saved) and whether
 * it was withdrawn. */
typedef struct record_state {
    int version;
    bool withdrawn;
} record_state;

typedef struct record_change {
    record_action action;
    char reason[RECORD_REASON_MAX + 1];
} record_change;

typedef enum record_problem {
    RECORD_OK = 0,
    RECORD_ACTION_INVALID,
    RECORD_REASON_MISSING,
    RECORD_REASON_BAD_TEXT,
    RECORD_REASON_TOO_LONG,
    RECORD_ALREADY_WITHDRAWN,       /* a withdrawn record cannot change again */
    RECORD_VERSION_INVALID,         /* the current version is not >= 1 */
    RECORD_PROBLEM_COUNT
} record_problem;

/* May this change be made to a record in state `current`? */
record_problem record_change_check(record_state current, const record_change *ch);
const char *record_problem_text(record_problem p);      /* msgid */

/* The state after an accepted change: the next version, withdrawn for a
 * withdrawal.  `current` is not touched: the store keeps that version
 * (with the change's reason, who and when) as history, so the record's
 * earlier content is never lost.  Call only after record_change_check()
 * said RECORD_OK. */
record_state record_change_apply(record_state current, const record_change *ch);

#endif
