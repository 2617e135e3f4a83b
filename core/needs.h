/* needs.h - assistance needs: the services of section 33 of the
 * Anti-Trafficking in Persons Act plus the ones the teams add, each with a
 * state that moves only along the allowed transitions.
 *
 * A need that cannot be met is "unavailable" with the reason why, so the
 * gaps in services show in reports.  Assistance never depends on consent
 * to legal proceedings or on cooperating with an investigation: nothing
 * here asks for either.  Urgent open needs stand at the top of the case
 * view (needs_sort_for_view). */
#ifndef TC_NEEDS_H
#define TC_NEEDS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caldate.h"
#include "officer.h"

#define NEED_REASON_MAX 1000        /* bytes: why unavailable */
#define NEED_NOTE_MAX 4000          /* bytes: free notes */

typedef enum need_kind {
    /* Section 33 [verify the wording against the Act]. */
    NEED_SAFETY = 0,
    NEED_FOOD,
    NEED_SHELTER,
    NEED_MEDICAL,
    NEED_REHABILITATION,            /* physical and mental rehabilitation */
    NEED_EDUCATION,
    NEED_TRAINING,                  /* vocational training */
    NEED_LEGAL_AID,
    NEED_RETURN_HOME,               /* to the country of origin or domicile */
    NEED_COMPENSATION,              /* claiming compensation */
    /* What the teams add. */
    NEED_INTERPRETER,
    NEED_LEGAL_COUNSELLING,
    NEED_CONSULAR,
    NEED_IDENTITY_DOCUMENTS,
    NEED_WAGE_RECOVERY,
    NEED_FAMILY_CONTACT,
    NEED_KIND_COUNT
} need_kind;

/* Stored codes: "safety", "food", "shelter", "medical", "rehabilitation",
 * "education", "training", "legal_aid", "return_home", "compensation",
 * "interpreter", "legal_counselling", "consular", "identity_documents",
 * "wage_recovery", "family_contact". */
const char *need_kind_code(need_kind k);
bool need_kind_from_code(const char *code, need_kind *out);
const char *need_kind_label(need_kind k);          /* msgid */
/* True for the services listed in section 33. */
bool need_kind_in_section_33(need_kind k);

typedef enum need_state {
    NEED_IDENTIFIED = 0,
    NEED_REFERRED,
    NEED_IN_PROGRESS,
    NEED_PROVIDED,
    NEED_DECLINED,                  /* the person said no; no reason asked */
    NEED_UNAVAILABLE,               /* no service could be found: reason required */
    NEED_STATE_COUNT
} need_state;

/* Stored codes: "identified", "referred", "in_progress", "provided",
 * "declined", "unavailable". */
const char *need_state_code(need_state s);
bool need_state_from_code(const char *code, need_state *out);
const char *need_state_label(need_state s);        /* msgid */
/* Identified, referred or in progress: still waiting for something. */
bool need_state_is_open(need_state s);

typedef struct tc_need {
    char id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    need_kind kind;
    need_state state;
    bool urgent;
    char unavailable_reason[NEED_REASON_MAX + 1];   /* required when unavailable */
    char note[NEED_NOTE_MAX + 1];
    bool entry_withdrawn;           /* withdrawn as a wrong record (stage.h) */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_need;

/* A blank need: safety, identified, not urgent. */
void need_init(tc_need *n);

typedef enum need_problem {
    NEED_OK = 0,
    NEED_KIND_INVALID,
    NEED_STATE_INVALID,
    NEED_REASON_MISSING,            /* unavailable without a reason */
    NEED_REASON_BAD_TEXT,
    NEED_REASON_TOO_LONG,
    NEED_NOTE_BAD_TEXT,
    NEED_NOTE_TOO_LONG,
    NEED_SAME_STATE,                /* a "transition" to the state it is in */
    NEED_TRANSITION_REFUSED,        /* not in the transition table */
    NEED_ENTRY_WITHDRAWN,           /* a withdrawn record cannot change */
    NEED_PROBLEM_COUNT
} need_problem;

/* The first problem with a need record.  Field names: "kind", "state",
 * "unavailable_reason", "note" (NULL when OK). */
typedef struct need_check {
    need_problem problem;
    const char *field;
} need_check;
need_check need_validate(const tc_need *n);
const char *need_problem_text(need_problem p);     /* msgid */

/* The transition table: may a need move from `from` to `to`?
 *   identified  -> referred, in progress, provided, declined, unavailable
 *   referred    -> identified (the referral fell through), in progress,
 *                  provided, declined, unavailable
 *   in progress -> referred (to another provider), provided, declined,
 *                  unavailable
 *   provided    -> nothing: a need that comes back is a new need
 *   declined    -> identified, referred, in progress, provided (the person
 *                  changed their mind)
 *   unavailable -> identified, referred, in progress, provided (a service
 *                  was found)
 * Staying in the same state is not a transition. */
bool need_transition_allowed(need_state from, need_state to);

/* Checks a state change of n to `to` with its reason (used only, and then
 * required, when `to` is NEED_UNAVAILABLE; may be NULL otherwise). */
need_problem need_transition_check(const tc_need *n, need_state to, const char *reason);

/* Orders needs for the case view, stable: urgent open needs first, then
 * other open needs, then closed ones (provided, declined, unavailable),
 * and withdrawn entries last; within a group, the order given. */
void needs_sort_for_view(tc_need *needs, size_t n);
/* How many needs are urgent and open (for a banner on the case view). */
size_t needs_count_urgent_open(const tc_need *needs, size_t n);

#endif
