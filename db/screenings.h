/* screenings.h - the store's instruments, screenings and their answers,
 * identification decisions and the legal clocks of a case.
 *
 * Instruments are stored as their source text (the format of
 * core/instrument.h) with a BLAKE2b hash, one row per code and version.
 * The built-in ones (data/instruments/, compiled into the program) are
 * loaded by a migration and, when a newer tipcase ships a new version, on
 * the next open.  A screening names the code and version it was answered
 * against, and is always read back with that version's own text.
 *
 * Every call that changes data is one durable transaction with an audit
 * row (db/store.h).  Saving one answer is one transaction, so a screening
 * interrupted by a flat battery resumes where it stopped.
 *
 * Roles (core/access.h): a call about one case (by its id, or by the id
 * of a record, screening, referral or plan of it) needs ACCESS_CASE_READ
 * or ACCESS_CASE_WRITE on that case: a field officer only on the cases he
 * recorded or is assigned to, else ST_DENIED with nothing written.
 * Due soon (store_deadlines_due) holds a field officer's own cases. */
#ifndef TC_DB_SCREENINGS_H
#define TC_DB_SCREENINGS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/clocks.h"
#include "core/identification.h"
#include "core/instrument.h"
#include "core/interview.h"
#include "core/screening.h"
#include "db/store.h"

#define INSTRUMENT_TITLE_MAX 400

/* ---- Instruments ---- */

typedef struct instrument_info {
    char code[INSTRUMENT_CODE_MAX + 1];
    int version;
    char title_en[INSTRUMENT_TITLE_MAX + 1];
    char title_th[INSTRUMENT_TITLE_MAX + 1];
    size_t n_sections, n_indicators;
    bool latest;                    /* the newest version of its code */
    bool builtin;                   /* shipped with tipcase */
} instrument_info;

/* Every stored instrument version, by code, then version (newest last).
 * *out is malloc'd; free() it. */
store_status store_instrument_list(store *s, instrument_info **out, size_t *n);
/* Parse the stored text of code at version (0: the latest version) into
 * a new *out (free with instrument_free; NULL on failure), as
 * instrument_parse() does.  ST_NOT_FOUND when there is none. */
store_status store_instrument_load(store *s, const char *code, int version, instrument **out);
/* Add a new version from source text (admin only, else ST_DENIED).
 * ST_INVALID with *problem and *line (may be NULL) when it does not parse;
 * ST_DUPLICATE when that code and version is stored with other text (the
 * same text again is ST_OK and writes nothing). */
store_status store_instrument_add(store *s, const char *source,
                                  instrument_problem *problem, size_t *line);

/* ---- Screenings ---- */

typedef struct tc_screening {
    char id[TC_ID_LEN];             /* "" before it is started */
    char case_id[TC_ID_LEN];
    char instrument_code[INSTRUMENT_CODE_MAX + 1];
    int instrument_version;         /* 0 at start: the latest */
    tc_interview interview;
    bool child;                     /* the person is known to be under 18 */
    size_t position;                /* indicator index to resume at */
    size_t answered;                /* answers of any kind stored */
    bool decided;
    screening_suggestion suggestion;    /* as scored when decided */
    screening_decision decision;
    char decision_reason[SCREENING_REASON_MAX + 1];
    int64_t decided_at;
    char decided_by[TC_ID_LEN];
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_screening;

/* Start a screening of sc->case_id with sc->instrument_code (version 0:
 * the latest, written back) and the interview record.  Fills id and the
 * stamps.  ST_NOT_FOUND when the case or instrument does not exist;
 * ST_INVALID with *problem (may be NULL) when the interview record does
 * not pass interview_validate(); nothing is written then. */
store_status store_screening_start(store *s, tc_screening *sc, interview_check *problem);
store_status store_screening_get(store *s, const char *id, tc_screening *out);
/* The stored answers, in a fresh *out (free with screening_answers_free)
 * for inst, which must be the screening's own code and version (else
 * ST_INVALID). */
store_status store_screening_answers(store *s, const char *screening_id,
                                     const instrument *inst, screening_answers *out);
/* Save one answer durably (one transaction): value, evidence seen and note
 * (NULL or "": none) for indicator_code, and the resume position.
 * ANSWER_NONE clears the answer.  ST_INVALID with *problem (may be NULL)
 * for a bad note or an unknown code; ST_DENIED once the screening is
 * decided (a decided screening is a record: it is not changed). */
store_status store_screening_answer(store *s, const char *screening_id,
                                    const char *indicator_code, answer_value v,
                                    bool evidence_seen, const char *note,
                                    size_t position, answer_note_problem *problem);
/* Move the resume position only (the officer stepped back or jumped). */
store_status store_screening_set_position(store *s, const char *screening_id, size_t position);
/* Score the stored answers (screening_score, with sc->child), store the
 * suggestion and the officer's decision with its reason.  ST_INVALID with
 * *problem when screening_decision_check() refuses; ST_DENIED when already
 * decided.  *result (may be NULL) receives the score (also when refused).
 * DECISION_CONTINUE_LATER is no decision: once it passes the check the
 * screening stays open for more answers and nothing is written. */
store_status store_screening_decide(store *s, const char *screening_id,
                                    screening_decision decision, const char *reason,
                                    decision_problem *problem, screening_result *result);

typedef struct screening_row {
    char id[TC_ID_LEN];
    char instrument_code[INSTRUMENT_CODE_MAX + 1];
    int instrument_version;
    int64_t held_at;
    size_t answered, total;         /* total: indicators of that version */
    bool decided;
    screening_suggestion suggestion;
    screening_decision decision;
} screening_row;
/* A case's screenings, newest interview first.  *out is malloc'd. */
store_status store_screening_list(store *s, const char *case_id, screening_row **out, size_t *n);

/* ---- Identification decisions ---- */

/* Record a decision (a new row; earlier ones stay as history).  Fills id
 * and stamps.  A decision other than pending stops the case's
 * identification clock at the time it is recorded.  ST_INVALID with
 * *problem (may be NULL); ST_NOT_FOUND for an unknown case. */
store_status store_identification_add(store *s, tc_identification *d, ident_check *problem);
/* A case's decisions, newest first.  *out is malloc'd. */
store_status store_identification_list(store *s, const char *case_id,
                                       tc_identification **out, size_t *n);
/* The newest; ST_NOT_FOUND when there is none. */
store_status store_identification_latest(store *s, const char *case_id, tc_identification *out);

/* ---- Clocks ---- */

/* The lengths: stored settings "clock.identification_hours",
 * "clock.court_max_hours", "clock.shelter_days", "clock.reflection_days",
 * "clock.due_soon_hours", each defaulting to clock_settings_defaults(). */
store_status store_clock_settings(store *s, clock_settings *out);
/* Admin or supervisor only.  ST_INVALID with *problem (may be NULL) when
 * clock_settings_check() refuses. */
store_status store_clock_settings_set(store *s, const clock_settings *in, clock_problem *problem);

/* ST_NOT_FOUND when the case's clocks were never started. */
store_status store_case_clocks_get(store *s, const char *case_id, case_clocks *out);
/* Start (or correct) the moment the person was met.  A correction keeps
 * any court extension only if it still passes the rules, else ST_INVALID. */
store_status store_case_clocks_start(store *s, const char *case_id, int64_t met_at);
/* Record a court order (core case_clocks_extend rules).  ST_NOT_FOUND when
 * the clocks were not started. */
store_status store_case_clocks_extend(store *s, const char *case_id, int64_t until,
                                      const char *court_ref, clock_problem *problem);
/* Stop clock k at `when` (the decision was made, the MDT interview held). */
store_status store_case_clocks_stop(store *s, const char *case_id, clock_kind k, int64_t when);

typedef struct deadline_row {
    char case_id[TC_ID_LEN];
    char reference[CASEREF_MAX];
    char name[CASE_NAME_MAX + 1];   /* display name */
    /* A clock (kind), or a reintegration follow-up (followup true, kind
     * unused): due on followup_on, so due is the start of the next civil
     * day at the store's offset, and it is due soon within the setting
     * "followup.due_soon_days" (db/returns.h) rather than the clocks'
     * hours. */
    clock_kind kind;
    bool followup;
    caldate followup_on;
    bool high_risk;                 /* the case's high-risk mark */
    int64_t due;
    deadline_state state;
} deadline_row;
/* Every running clock that has passed or runs out within due_soon_hours
 * of now, and every follow-up of an active reintegration plan that is
 * overdue or due within followup.due_soon_days, most urgent (earliest
 * due) first.  *out is malloc'd. */
store_status store_deadlines_due(store *s, int64_t now, deadline_row **out, size_t *n);

#endif
