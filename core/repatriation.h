/* repatriation.h - a repatriation plan (แผนการส่งกลับ): a safe return
 * across a border to the person's country and hometown (ภูมิลำเนา), its
 * steps, and the handover to the receiving side.
 *
 * Two directions, one plan:
 *   outbound  a foreign national goes home from Thailand (handed over at a
 *             border point or an airport to the counterpart agency);
 *   inbound   a Thai national comes home from abroad, is received at the
 *             border or the airport and taken to their home province.
 *
 * Steps.  Every plan has the same seven steps (repat_step_kind), each with
 * a state, the dates it was asked for and finished, the counterpart agency
 * that answered, and a note:
 *
 *   not started -> requested -> done
 *        \-------------\------> not needed (with a reason)
 *
 * (any state can be set again: a step done too early is reopened).  Which
 * steps are required depends on the plan (repat_step_required()): family
 * tracing, nationality, travel documents, embassy contact and the risk
 * assessment always; legal proceedings when the plan says proceedings are
 * pending, a witness is needed or compensation is claimed; an escort for a
 * child.  A required step is open until it is
 * done or marked not needed.
 *
 * The plan:
 *
 *   planning -> returned (the handover is recorded)
 *      |  ^
 *      v  |
 *   suspended          planning or suspended -> cancelled (with a reason)
 *
 * Marking it returned needs the person's informed consent to return, the
 * handover record (the actual date, the receiving agency and person) and
 * every required step closed, or, when some are still open, the officer's
 * written reason (repat_return_check()).  Returned and cancelled are final.
 *
 * Pure: dates come from the caller. */
#ifndef TC_REPATRIATION_H
#define TC_REPATRIATION_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caldate.h"
#include "codelist.h"
#include "officer.h"

#define REPAT_TEXT_MAX 200          /* bytes: a name, a place, an agency */
#define REPAT_NOTE_MAX 2000         /* bytes: a step's note, the handover record */
#define REPAT_REASON_MAX 1000       /* bytes: a reason (not needed, override, cancel) */

/* ------------------------------------------------------------------ codes */

typedef enum repat_direction {
    REPAT_OUTBOUND = 0,             /* from Thailand to the country of origin */
    REPAT_INBOUND,                  /* a Thai national home from abroad */
    REPAT_DIRECTION_COUNT
} repat_direction;
/* Stored codes: "outbound", "inbound". */
const char *repat_direction_code(repat_direction d);
bool repat_direction_from_code(const char *code, repat_direction *out);
const char *repat_direction_label(repat_direction d);      /* msgid */

typedef enum repat_wish {
    REPAT_WISH_UNKNOWN = 0,         /* not asked yet */
    REPAT_WISH_RETURN,              /* wants to go home */
    REPAT_WISH_UNDECIDED,
    REPAT_WISH_STAY,                /* does not want to return */
    REPAT_WISH_COUNT
} repat_wish;
/* Stored codes: "unknown", "return", "undecided", "stay". */
const char *repat_wish_code(repat_wish w);
bool repat_wish_from_code(const char *code, repat_wish *out);
const char *repat_wish_label(repat_wish w);                /* msgid */

typedef enum repat_step_kind {
    REPAT_STEP_FAMILY = 0,          /* family tracing and assessment */
    REPAT_STEP_NATIONALITY,         /* nationality verification */
    REPAT_STEP_DOCUMENTS,           /* travel documents */
    REPAT_STEP_EMBASSY,             /* embassy or consulate contact */
    REPAT_STEP_RISK,                /* risk assessment: re-trafficking, safety, debts */
    REPAT_STEP_LEGAL,               /* pending proceedings: witness, compensation */
    REPAT_STEP_ESCORT,
    REPAT_STEP_COUNT
} repat_step_kind;
/* Stored codes: "family", "nationality", "documents", "embassy", "risk",
 * "legal", "escort". */
const char *repat_step_code(repat_step_kind k);
bool repat_step_from_code(const char *code, repat_step_kind *out);
const char *repat_step_label(repat_step_kind k);           /* msgid */

typedef enum repat_step_state {
    REPAT_STEP_NOT_STARTED = 0,
    REPAT_STEP_REQUESTED,           /* asked of the counterpart, no answer yet */
    REPAT_STEP_DONE,
    REPAT_STEP_NOT_NEEDED,          /* with a reason */
    REPAT_STEP_STATE_COUNT
} repat_step_state;
/* Stored codes: "not_started", "requested", "done", "not_needed". */
const char *repat_step_state_code(repat_step_state s);
bool repat_step_state_from_code(const char *code, repat_step_state *out);
const char *repat_step_state_label(repat_step_state s);    /* msgid */
/* Not started or requested. */
bool repat_step_state_is_open(repat_step_state s);

typedef enum repat_state {
    REPAT_PLANNING = 0,
    REPAT_SUSPENDED,                /* with a reason */
    REPAT_RETURNED,                 /* handed over: final */
    REPAT_CANCELLED,                /* with a reason: final */
    REPAT_STATE_COUNT
} repat_state;
/* Stored codes: "planning", "suspended", "returned", "cancelled". */
const char *repat_state_code(repat_state s);
bool repat_state_from_code(const char *code, repat_state *out);
const char *repat_state_label(repat_state s);              /* msgid */

/* The handover points shipped with tipcase (a code list an administrator
 * extends, db/record.h LIST_HANDOVER_POINT): Mae Sot - Myawaddy,
 * Aranyaprathet - Poipet, Nong Khai - Vientiane, Mukdahan - Savannakhet,
 * Sadao, Ranong - Kawthaung, Suvarnabhumi and Don Mueang airports, with
 * codes "mae_sot", "aranyaprathet", "nong_khai", "mukdahan", "sadao",
 * "ranong", "suvarnabhumi", "don_mueang". */
tc_code_list repat_default_handover_points(void);

/* ---------------------------------------------------------------- record */

/* One step.  Dates are civil dates (known flags say whether set). */
typedef struct repat_step {
    repat_step_kind kind;
    repat_step_state state;
    bool requested_known, done_known;
    caldate requested_on;           /* asked of the counterpart */
    caldate done_on;                /* answered, finished or found not needed */
    char counterpart[REPAT_TEXT_MAX + 1];   /* the agency that answers, free text */
    char note[REPAT_NOTE_MAX + 1];  /* findings; the reason when not needed */
} repat_step;

typedef struct tc_repatriation {
    char id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    repat_direction direction;
    /* Where to: a country code (geo.h; "TH" for inbound) and the province
     * or hometown in words. */
    char country[3];
    char hometown[REPAT_TEXT_MAX + 1];
    /* The person's informed wish, and consent to return: given on a date,
     * by the person or (for a child) a guardian, named in words. */
    repat_wish wish;
    bool consent_given;
    bool consent_known;             /* consent_on set */
    caldate consent_on;
    char consent_by[REPAT_TEXT_MAX + 1];    /* "" = the person */
    /* Any of these makes the legal step required. */
    bool legal_pending;
    bool witness_needed;
    bool compensation_claim;
    repat_step steps[REPAT_STEP_COUNT];     /* steps[k].kind == k */
    /* Handover. */
    char handover_point[TC_CODE_MAX + 1];   /* a LIST_HANDOVER_POINT code, or "" */
    bool planned_known;
    caldate planned_on;
    bool handed_over_known;
    int64_t handed_over_at;         /* the actual moment (UTC) */
    char receiving_agency[REPAT_TEXT_MAX + 1];
    char receiving_person[REPAT_TEXT_MAX + 1];
    char handover_record[REPAT_NOTE_MAX + 1];   /* what happened, what was handed over */
    repat_state state;
    /* The reason given on suspending or cancelling; or when marked
     * returned with required steps open, why (the override). */
    char state_reason[REPAT_REASON_MAX + 1];
    bool steps_overridden;          /* returned with required steps open */
    bool entry_withdrawn;
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_repatriation;

/* A blank plan: outbound, wish unknown, no consent, every step not
 * started with its kind set, planning. */
void repat_init(tc_repatriation *p);

/* Is step k required for this plan?  child: the person is under 18 on the
 * day asked (the caller's knowledge). */
bool repat_step_required(const tc_repatriation *p, repat_step_kind k, bool child);
/* The required steps still open, written to out (in step order); returns
 * how many. */
size_t repat_open_required(const tc_repatriation *p, bool child,
                           repat_step_kind out[REPAT_STEP_COUNT]);

/* ------------------------------------------------------------ validation */

typedef enum repat_problem {
    REPAT_OK = 0,
    REPAT_CASE_MISSING,
    REPAT_DIRECTION_INVALID,
    REPAT_COUNTRY_INVALID,          /* not a known country code */
    REPAT_COUNTRY_THAILAND,         /* outbound to Thailand */
    REPAT_COUNTRY_NOT_THAILAND,     /* inbound must end in Thailand */
    REPAT_TEXT_BAD,                 /* invalid UTF-8 or control characters */
    REPAT_TEXT_TOO_LONG,
    REPAT_WISH_INVALID,
    REPAT_CONSENT_DATE_MISSING,     /* consent given without a date */
    REPAT_STEP_INVALID,             /* unknown step state, kind out of place */
    REPAT_STEP_REASON_MISSING,      /* not needed without a reason (the note) */
    REPAT_STEP_DATES_ORDER,         /* done before requested */
    REPAT_HANDOVER_POINT_UNKNOWN,   /* not in the list given */
    REPAT_STATE_INVALID,
    REPAT_DATE_INVALID,             /* a date set that is not a real date */
    REPAT_PROBLEM_COUNT
} repat_problem;

/* The first problem and the field it is in: "direction", "country",
 * "hometown", "wish", "consent_on", "consent_by", "steps.<code>.state",
 * "steps.<code>.note", "steps.<code>.counterpart", "steps.<code>.done_on",
 * "steps.<code>.requested_on", "handover_point", "planned_on",
 * "receiving_agency", "receiving_person",
 * "handover_record", "state", "state_reason" (NULL when OK). */
typedef struct repat_check {
    repat_problem problem;
    const char *field;
} repat_check;
/* Checks the content of a plan being saved (any state).  points: the
 * handover-point list (a code not in it is refused; "" is allowed). */
repat_check repat_validate(const tc_repatriation *p, tc_code_list points);
const char *repat_problem_text(repat_problem p);           /* msgid */

/* ------------------------------------------------------- state changes */

typedef enum repat_change_problem {
    REPAT_CHANGE_OK = 0,
    REPAT_CHANGE_FINAL,             /* returned or cancelled: nothing leaves */
    REPAT_CHANGE_SAME,              /* a change to the state it is in */
    REPAT_CHANGE_REFUSED,           /* not in the table above */
    REPAT_CHANGE_REASON_MISSING,    /* suspend or cancel without a reason */
    REPAT_CHANGE_REASON_BAD,        /* bad text or too long */
    REPAT_CHANGE_NO_CONSENT,        /* returned without the person's consent */
    REPAT_CHANGE_NO_HANDOVER,       /* returned without date, agency and person */
    REPAT_CHANGE_STEPS_OPEN,        /* returned with required steps open, no reason */
    REPAT_CHANGE_PROBLEM_COUNT
} repat_change_problem;
const char *repat_change_problem_text(repat_change_problem p);    /* msgid */

/* May plan p (as it stands, with its handover filled in) move to `to`?
 * reason: required to suspend or cancel; to return with required steps
 * open it is the override (required then, ignored otherwise). */
repat_change_problem repat_change_check(const tc_repatriation *p, repat_state to,
                                        const char *reason, bool child);
/* Checks and applies: sets state, state_reason (the reason, or "") and
 * steps_overridden.  p is unchanged on a refusal. */
repat_change_problem repat_change_state(tc_repatriation *p, repat_state to,
                                        const char *reason, bool child);

#endif
