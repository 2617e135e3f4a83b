/* referral.h - a referral (ส่งต่อ) of a case to an agency in the directory,
 * its states, the consent that must cover it, and its deadlines.
 *
 *   draft -> sent -> acknowledged -> accepted -> in service -> completed
 *                                 \-> declined (with a reason)
 *   closed or withdrawn (with a reason) from any open state
 *
 * Open states: draft, sent, acknowledged, accepted, in service.  Final
 * states: declined, completed, closed, withdrawn; nothing leaves them (a
 * referral that has to be tried again is a new referral).  "Withdrawn" is
 * the referring side taking it back (the person changed their mind, it was
 * a mistake); "closed" ends it for any other reason (the person moved, no
 * answer came).  Core owns the table: referral_transition_check() refuses
 * any other move, and referral_transition_message() says which moves are
 * possible from where the referral stands.
 *
 * Every change of state is kept: referral_change_state() fills a
 * referral_event (from, to, when, which officer, note) that the store
 * writes next to the updated record, in one transaction with the audit
 * event.
 *
 * Consent: a referral shares a person's information, so before it is sent
 * the consent records must cover it (referral_consent_gate(), built on
 * consent_covers() and consent_permits()), or the officer overrides with a
 * reason that the audit trail shows.  Assistance itself never depends on
 * consent to legal proceedings: nothing here asks for it.
 *
 * Deadlines: the receiving agency is to acknowledge within a response time
 * set per urgency, and to decide (accept or decline) within a second one.
 * They are exact durations (weekends and holidays count: the law's clocks
 * do not stop), and "now" is always passed in.
 *
 * Pure: dates and times come from the caller (core/clock.h). */
#ifndef TC_REFERRAL_H
#define TC_REFERRAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "agency.h"
#include "caldate.h"
#include "codelist.h"
#include "codeset.h"
#include "consent.h"
#include "needs.h"
#include "officer.h"

#define REFERRAL_SUMMARY_MAX 4000       /* bytes: what was shared, in words */
#define REFERRAL_REASON_MAX 1000        /* bytes: a state change's reason or note */
#define REFERRAL_HOURS_LIMIT (24 * 366) /* a response time above a year is refused */
#define REFERRAL_MESSAGE_MAX 600        /* bytes: room for referral_transition_message() */

/* ----------------------------------------------------------------- codes */

typedef enum referral_state {
    REFERRAL_DRAFT = 0,
    REFERRAL_SENT,
    REFERRAL_ACKNOWLEDGED,
    REFERRAL_ACCEPTED,
    REFERRAL_DECLINED,              /* by the agency, with its reason */
    REFERRAL_IN_SERVICE,
    REFERRAL_COMPLETED,
    REFERRAL_CLOSED,                /* with a reason */
    REFERRAL_WITHDRAWN,             /* with a reason */
    REFERRAL_STATE_COUNT
} referral_state;

/* Stored codes: "draft", "sent", "acknowledged", "accepted", "declined",
 * "in_service", "completed", "closed", "withdrawn". */
const char *referral_state_code(referral_state s);
bool referral_state_from_code(const char *code, referral_state *out);
const char *referral_state_label(referral_state s);        /* msgid */
/* Draft, sent, acknowledged, accepted or in service. */
bool referral_state_is_open(referral_state s);
/* Declined, closed and withdrawn: a reason is required to get there. */
bool referral_state_needs_reason(referral_state s);

typedef enum referral_urgency {
    REFERRAL_EMERGENCY = 0,
    REFERRAL_URGENT,
    REFERRAL_ROUTINE,
    REFERRAL_URGENCY_COUNT
} referral_urgency;

/* Stored codes: "emergency", "urgent", "routine". */
const char *referral_urgency_code(referral_urgency u);
bool referral_urgency_from_code(const char *code, referral_urgency *out);
const char *referral_urgency_label(referral_urgency u);    /* msgid */

typedef enum referral_channel {
    REFERRAL_BY_LETTER = 0,         /* an official letter (หนังสือราชการ) */
    REFERRAL_BY_MEETING,            /* a case conference or meeting */
    REFERRAL_BY_PHONE,
    REFERRAL_IN_PERSON,             /* the person is taken there */
    REFERRAL_BY_LINE,
    REFERRAL_CHANNEL_COUNT
} referral_channel;

/* Stored codes: "letter", "meeting", "phone", "in_person", "line". */
const char *referral_channel_code(referral_channel c);
bool referral_channel_from_code(const char *code, referral_channel *out);
const char *referral_channel_label(referral_channel c);    /* msgid */

/* The sections of the case record whose content was shared with the
 * agency.  A set of them is a code_set (codeset.h): bit s is section s,
 * stored as a comma list of the codes in this order. */
typedef enum referral_section {
    REFERRAL_SHARED_IDENTITY = 0,   /* names, sex, age or date of birth */
    REFERRAL_SHARED_CONTACT,        /* where the person can be reached */
    REFERRAL_SHARED_NATIONALITY,    /* nationality, languages, documents */
    REFERRAL_SHARED_STORY,          /* intake: route, workplace, exploitation */
    REFERRAL_SHARED_SCREENING,      /* screening result and indicators */
    REFERRAL_SHARED_IDENTIFICATION, /* the MDT's identification decision */
    REFERRAL_SHARED_NEEDS,          /* assistance needs */
    REFERRAL_SHARED_HEALTH,         /* health information */
    REFERRAL_SHARED_LEGAL,          /* legal proceedings */
    REFERRAL_SHARED_FAMILY,         /* family and their contacts */
    REFERRAL_SECTION_COUNT
} referral_section;

/* Stored codes: "identity", "contact", "nationality", "story", "screening",
 * "identification", "needs", "health", "legal", "family". */
const char *referral_section_code(referral_section s);
bool referral_section_from_code(const char *code, referral_section *out);
const char *referral_section_label(referral_section s);    /* msgid */
/* Stored form of a set of sections; false (out "") for bad bits or too
 * small a buffer (REFERRAL_SECTIONS_TEXT_MAX always suffices). */
#define REFERRAL_SECTIONS_TEXT_MAX 128
bool referral_sections_format(code_set sections, char *out, size_t outsz);
/* Reads the stored form ("" is the empty set); false for an unknown or
 * repeated code, leaving *out alone. */
bool referral_sections_parse(const char *text, code_set *out);

/* ---------------------------------------------------------------- record */

typedef struct tc_referral {
    char id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    char agency_code[TC_CODE_MAX + 1];  /* tc_agency.code */
    need_set needs;                 /* the case's needs it answers: one or more */
    referral_urgency urgency;
    referral_channel channel;
    /* What was shared: a summary in words (required once sent) and which
     * sections of the record. */
    char summary[REFERRAL_SUMMARY_MAX + 1];
    code_set shared;                /* referral_section bits */
    /* Sent without covering consent: the officer's reason (required then). */
    bool consent_overridden;
    char override_reason[CONSENT_REASON_MAX + 1];
    char officer_id[TC_ID_LEN];     /* the referring officer */
    referral_state state;
    /* The reason given on entering declined, closed or withdrawn;
     * otherwise the note of the last change, or "". */
    char state_reason[REFERRAL_REASON_MAX + 1];
    /* When each step happened (seconds since the epoch, UTC; 0 = not yet).
     * decided_at is the acceptance or the decline; ended_at completion,
     * closing or withdrawal. */
    int64_t sent_at, acknowledged_at, decided_at, service_at, ended_at;
    int64_t state_changed_at;       /* the last change of state (created_at for a draft) */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_referral;

/* A blank draft: emergency urgency, by official letter, no needs, nothing
 * shared, no timestamps. */
void referral_init(tc_referral *r);

/* One change of state, as the store keeps it. */
typedef struct referral_event {
    char referral_id[TC_ID_LEN];
    referral_state from, to;
    int64_t at;
    char officer_id[TC_ID_LEN];
    char note[REFERRAL_REASON_MAX + 1];     /* the reason, or a note, or "" */
} referral_event;

/* ------------------------------------------------------------ validation */

typedef enum referral_problem {
    REFERRAL_OK = 0,
    REFERRAL_CASE_MISSING,
    REFERRAL_AGENCY_MISSING,        /* no agency code, or not a well-formed one */
    REFERRAL_NEEDS_MISSING,         /* it must answer at least one need */
    REFERRAL_NEEDS_INVALID,
    REFERRAL_URGENCY_INVALID,
    REFERRAL_CHANNEL_INVALID,
    REFERRAL_SUMMARY_MISSING,       /* sent without saying what was shared */
    REFERRAL_SUMMARY_BAD_TEXT,
    REFERRAL_SUMMARY_TOO_LONG,
    REFERRAL_SECTIONS_INVALID,
    REFERRAL_OVERRIDE_REASON_MISSING,
    REFERRAL_OVERRIDE_REASON_BAD_TEXT,
    REFERRAL_OVERRIDE_REASON_TOO_LONG,
    REFERRAL_OFFICER_MISSING,
    REFERRAL_STATE_INVALID,
    REFERRAL_REASON_MISSING,        /* declined, closed or withdrawn without one */
    REFERRAL_REASON_BAD_TEXT,
    REFERRAL_REASON_TOO_LONG,
    REFERRAL_SAME_STATE,            /* a "change" to the state it is in */
    REFERRAL_TRANSITION_REFUSED,    /* not in the table: referral_transition_message() */
    REFERRAL_TIME_BEFORE_LAST,      /* a change dated before the previous one */
    REFERRAL_AGENCY_INACTIVE,       /* sending to a retired agency */
    REFERRAL_AGENCY_MISMATCH,       /* the agency given is not the referral's */
    REFERRAL_CONSENT_NOT_PERMITTED, /* not covered, and no valid override */
    REFERRAL_SETTING_OUT_OF_RANGE,  /* a response time <= 0 or above a year */
    REFERRAL_PROBLEM_COUNT
} referral_problem;

typedef struct referral_check {
    referral_problem problem;
    const char *field;              /* NULL when OK */
} referral_check;
/* Field names, in form order: "case_id", "agency_code", "needs",
 * "urgency", "channel", "summary", "shared", "override_reason",
 * "officer_id", "state", "state_reason". */

/* The first problem with a record, in form order: a case and a
 * well-formed agency code, one or more known needs, a known urgency and
 * channel, clean text (the summary required once the state is past draft),
 * known sections, an override reason when overridden, the officer, a known
 * state, and the reason a declined, closed or withdrawn referral needs. */
referral_check referral_validate(const tc_referral *r);
const char *referral_problem_text(referral_problem p);     /* msgid */

/* ----------------------------------------------------------- transitions */

/* May a referral move from `from` to `to`?  The table:
 *   draft        -> sent, closed, withdrawn
 *   sent         -> acknowledged, closed, withdrawn
 *   acknowledged -> accepted, declined, closed, withdrawn
 *   accepted     -> in service, closed, withdrawn
 *   in service   -> completed, closed, withdrawn
 *   declined, completed, closed, withdrawn -> nothing
 * Staying in the same state is not a move. */
bool referral_transition_allowed(referral_state from, referral_state to);

/* Writes the states `from` may move to into out, in state order; returns
 * how many (0 for a final state or a bad `from`). */
size_t referral_next_states(referral_state from, referral_state out[REFERRAL_STATE_COUNT]);

/* Checks a move with its reason (required, non-blank and clean, when `to`
 * needs one; otherwise optional, and then a note that must be clean).
 * reason may be NULL.  REFERRAL_STATE_INVALID, REFERRAL_SAME_STATE,
 * REFERRAL_TRANSITION_REFUSED or a reason problem; REFERRAL_OK if fine. */
referral_problem referral_transition_check(referral_state from, referral_state to,
                                           const char *reason);

/* The translation of a msgid (the caller's gettext); NULL means "keep
 * English" (tests). */
typedef const char *(*referral_translate_fn)(const char *msgid);

/* The message shown when a move from `from` to `to` is refused: it names
 * both states and the ones that are possible from `from`, e.g.
 *   A referral cannot go from "Sent" to "Accepted". From "Sent" it can go
 *   to: Acknowledged, Closed, Withdrawn.
 * or, from a final state, that nothing can change any more.  State names
 * and sentences pass through translate.  Writes at most outsz bytes,
 * NUL-terminated and cut at a character boundary (REFERRAL_MESSAGE_MAX is
 * enough); returns false when it had to cut.  For a move that is allowed
 * (even one still waiting for its reason) out is "".  Templates are filled
 * by plain "%s" substitution, never by printf. */
bool referral_transition_message(referral_state from, referral_state to,
                                 referral_translate_fn translate, char *out, size_t outsz);

/* Moves r to `to` at `at`, by officer_id, with reason (see
 * referral_transition_check; may be NULL).  Also refuses a missing
 * officer and an `at` before r->state_changed_at.  On success it sets the
 * step's timestamp (sent_at, acknowledged_at, decided_at, service_at or
 * ended_at), state_changed_at, updated_at/by and state_reason (the reason,
 * or ""), and fills *event (if not NULL); on a problem r and *event are
 * untouched.  Sending (to REFERRAL_SENT) also needs referral_send_check()
 * first: this function does not see the agency or the consent records. */
referral_problem referral_change_state(tc_referral *r, referral_state to, const char *reason,
                                       int64_t at, const char *officer_id,
                                       referral_event *event);

/* --------------------------------------------------------------- consent */

/* At most this many consent purposes apply to one referral. */
#define REFERRAL_GATE_MAX 2

/* The consent purposes a referral to agency a needs, written into out:
 *   - always CONSENT_REFERRAL for the agency's type (consent_covers()
 *     also accepts a referral consent for CONSENT_ANY_AGENCY);
 *   - an embassy or consulate: also CONSENT_SHARE_EMBASSY.  A general
 *     "yes to any agency" never reaches a person's own embassy, which can
 *     put a person who fled at risk;
 *   - an agency abroad (agency_is_abroad()): also
 *     CONSENT_SHARE_CROSS_BORDER.
 * Returns how many (1 or 2). */
size_t referral_consent_purposes(const tc_agency *a, consent_purpose out[REFERRAL_GATE_MAX]);

typedef struct referral_gate {
    size_t count;                                   /* purposes that apply */
    consent_purpose purposes[REFERRAL_GATE_MAX];
    consent_cover covers[REFERRAL_GATE_MAX];        /* consent_covers() for each */
    bool covered;       /* every purpose is covered by consent */
    bool overridden;    /* not covered, but a valid override reason was given */
    bool permitted;     /* covered or overridden: the referral may be sent */
} referral_gate;

/* May information go to agency a on the date `on`?  records are the case's
 * consent records; person_is_child the child flag on that date.  Each
 * purpose of referral_consent_purposes() is asked of consent_covers();
 * every one not covered is then put to consent_permits() with an override
 * for that purpose carrying override_reason (NULL or blank: no override).
 * permitted only when every purpose passes.  The reason is checked as
 * consent_override_validate() checks one.  For a referral record r, pass
 * r->consent_overridden ? r->override_reason : NULL, so that the gate
 * and referral_send_check() judge the same override. */
referral_gate referral_consent_gate(const tc_agency *a, const tc_consent *records, size_t n,
                                    caldate on, bool person_is_child,
                                    const char *override_reason);

/* May draft r be sent to agency a, given the gate computed for it?  r
 * must validate as a sent referral (summary included), a must be r's
 * agency and active, and the gate must permit it; when the gate needed the
 * override, r must carry consent_overridden and its reason.  The first
 * problem, or REFERRAL_OK.  Also refuses an r that is not a draft. */
referral_check referral_send_check(const tc_referral *r, const tc_agency *a,
                                   const referral_gate *gate);

/* The needs of r that agency a does not list among its services (the
 * form warns; the directory may be behind what the agency really does). */
need_set referral_needs_outside_services(const tc_referral *r, const tc_agency *a);

/* The state the case's needs that r answers should be in while r is in
 * state s: referred while sent, acknowledged or accepted; in progress in
 * service; provided once completed.  False (and *out untouched) for draft,
 * declined, closed and withdrawn: the needs stay as they are, and the
 * officer decides what comes next. */
bool referral_need_state(referral_state s, need_state *out);

/* ------------------------------------------------------------- deadlines */

typedef struct referral_settings {
    int ack_hours[REFERRAL_URGENCY_COUNT];          /* to acknowledge */
    int decision_hours[REFERRAL_URGENCY_COUNT];     /* to accept or decline */
} referral_settings;

/* Emergency 24 hours, urgent 3 days (72 h), routine 14 days (336 h), both
 * for acknowledgement and for the decision. */
void referral_settings_defaults(referral_settings *s);
/* REFERRAL_OK, or REFERRAL_SETTING_OUT_OF_RANGE for a time <= 0 or above
 * REFERRAL_HOURS_LIMIT. */
referral_problem referral_settings_check(const referral_settings *s);

typedef enum referral_wait {
    REFERRAL_WAIT_NONE = 0,         /* no deadline running */
    REFERRAL_WAIT_ACK,              /* sent, waiting for acknowledgement */
    REFERRAL_WAIT_DECISION,         /* acknowledged, waiting for a decision */
    REFERRAL_WAIT_COUNT
} referral_wait;
const char *referral_wait_label(referral_wait w);          /* msgid */

/* When acknowledgement is due: sent_at + ack_hours of r's urgency.
 * r must have been sent; s must pass referral_settings_check(). */
int64_t referral_ack_due(const tc_referral *r, const referral_settings *s);
/* When the decision is due: decision_hours after the acknowledgement, or
 * after the acknowledgement was due when it came late (a late answer does
 * not buy the agency more time).  Before acknowledgement, counted from the
 * acknowledgement deadline. */
int64_t referral_decision_due(const tc_referral *r, const referral_settings *s);

/* What r is waiting for, and (when not NONE) its deadline in *due: a sent
 * referral waits for acknowledgement, an acknowledged one for a decision;
 * drafts, accepted, in-service and final referrals wait for nothing.  The
 * answer depends only on r and s, never on now, so the store may keep the
 * deadline in a column (and recompute it when the settings change). */
referral_wait referral_due(const tc_referral *r, const referral_settings *s, int64_t *due);

/* True when r waits for something and now is at or after its deadline. */
bool referral_overdue(const tc_referral *r, const referral_settings *s, int64_t now);

/* How many of the n referrals are overdue at now. */
size_t referral_count_overdue(const tc_referral *list, size_t n, const referral_settings *s,
                              int64_t now);

/* One row of the referral dashboard, with what its order needs. */
typedef struct referral_dash_entry {
    size_t owner;                   /* the caller's index (its referral list) */
    bool open;                      /* referral_state_is_open() */
    bool overdue;                   /* at the "now" the entry was made */
    referral_wait wait;
    int64_t due;                    /* when wait is not NONE */
    referral_urgency urgency;
    int64_t since;                  /* sent_at, else created_at */
} referral_dash_entry;

referral_dash_entry referral_dash_entry_make(const tc_referral *r, const referral_settings *s,
                                             int64_t now, size_t owner);

/* qsort order for the dashboard:
 *   1. overdue first: by urgency (emergency first), then the longest
 *      overdue (earliest deadline) first;
 *   2. then open referrals with a running deadline: earliest first, then
 *      by urgency;
 *   3. then open referrals waiting for nothing (drafts, accepted, in
 *      service): by urgency, then oldest first;
 *   4. then final ones (when a caller lists them), oldest first;
 * ties by owner, so the same list always draws the same way. */
int referral_dash_compare(const void *a, const void *b);

#endif
