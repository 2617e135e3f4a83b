/* record.h - the whole case record in the store: intake, code lists,
 * labour inspections, consent, assistance needs, notes, the case's stage
 * and closure, corrections and withdrawals, the timeline, and quick mode.
 *
 * The rules are core's (intake.h, codelist.h, inspection.h, consent.h,
 * needs.h, notes.h, stage.h, timeline.h); these functions apply them to
 * what is stored, write, and read back.  As everywhere in db/ (store.h):
 *
 * - Every call that changes data is one transaction with one audit row,
 *   made by the acting officer (store_me) at the injected clock's time.
 *   On any status other than ST_OK nothing is written.
 * - ST_INVALID means a core rule refused: the *problem argument (each may
 *   be NULL) says which, with the form's field name, and nothing is
 *   written.  The caller keeps what the officer typed.
 * - Nothing is deleted.  A record (consent, need, note, inspection) has a
 *   version (1 when first saved); correcting it stores a new version and
 *   keeps the old one readable (the *_get functions take a version);
 *   withdrawing it marks it entry_withdrawn with the reason, and it stays
 *   in lists and the timeline, marked.  An intake is saved whole; every
 *   save keeps the earlier one as a version.
 * - "today" for a rule is store_today(s), the officers' civil date.
 * - ST_NOT_FOUND for an unknown case or record id.
 * - Lists come back malloc'd (*out, free() it) with their count; an empty
 *   list is ST_OK with *out NULL and *n 0.
 *
 * Audit actions: "intake.save", "code.add", "inspection.add",
 * "inspection.link", "consent.add", "consent.withdraw",
 * "consent.override", "need.add", "need.state", "note.add",
 * "record.correct", "record.withdraw", "case.close", "case.reopen",
 * "case.quick" (after the case's own "case.add"), "case.complete".
 *
 * Roles (core/access.h): a call about one case (by its id, or by the id
 * of a record, screening, referral or plan of it) needs ACCESS_CASE_READ
 * or ACCESS_CASE_WRITE on that case: a field officer only on the cases he
 * recorded or is assigned to, else ST_DENIED with nothing written.
 * Inspections belong to no one case: every officer may record them; an
 * inspection's cases list only those the officer may open. */
#ifndef TC_DB_RECORD_H
#define TC_DB_RECORD_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/codelist.h"
#include "core/consent.h"
#include "core/inspection.h"
#include "core/intake.h"
#include "core/needs.h"
#include "core/notes.h"
#include "core/stage.h"
#include "core/timeline.h"
#include "db/store.h"

/* ------------------------------------------------------------ code lists */

/* The lists that are data (codelist.h).  Built-in rows are loaded by
 * migration 5 from core's defaults; an administrator adds rows. */
typedef enum record_list {
    LIST_SECTOR = 0,
    LIST_EXPLOITATION,
    LIST_RECRUITMENT,               /* online channels have group "online" */
    LIST_DOCUMENT_KIND,
    LIST_DOCUMENT_HOLDER,
    LIST_IMMIGRATION,
    LIST_HANDOVER_POINT,            /* repatriation handover points (issue 6) */
    LIST_COUNT
} record_list;
/* (The agency kinds a referral consent names are agency types, a closed
 * list: core/agency.h, agency_type_list().) */

/* Stored codes: "sector", "exploitation", "recruitment", "document_kind",
 * "document_holder", "immigration", "handover_point".  A list added by a
 * later migration gets its built-in rows then (record_migrate_codes loads
 * the built-ins of every list that has no rows yet). */
const char *record_list_code(record_list l);
const char *record_list_label(record_list l);      /* msgid: "Sectors" */

/* A list read from the store: list.rows point into memory this struct
 * owns.  builtin[i] tells whether list.rows[i] shipped with tipcase (its
 * label is then a msgid to translate with _(); an administrator's row has
 * plain English in label and Thai in label_th). */
typedef struct store_code_list {
    tc_code_list list;
    bool *builtin;
    void *mem_;                     /* private */
} store_code_list;

/* The rows of one list: built-in rows first in their shipped order, then
 * added rows in the order they were added. */
store_status store_code_list_get(store *s, record_list which, store_code_list *out);
void store_code_list_free(store_code_list *l);  /* NULL or a zeroed struct is fine */

/* Add a row (admin only, else ST_DENIED).  ST_INVALID with *problem when
 * code_row_validate() refuses against the list as stored (a taken code is
 * CODE_ROW_CODE_TAKEN).  Rows are never removed or renamed. */
store_status store_code_add(store *s, record_list which, const tc_code_row *row,
                            code_row_problem *problem);

/* The six lists intake_validate() needs, read together.  Free with
 * store_intake_lists_free(). */
typedef struct store_intake_lists {
    intake_lists lists;
    store_code_list parts[6];       /* private: own the rows */
} store_intake_lists;
store_status store_intake_lists_get(store *s, store_intake_lists *out);
void store_intake_lists_free(store_intake_lists *l);

/* ---------------------------------------------------------------- intake */

/* The case's current intake.  ST_NOT_FOUND (out then intake_init()ed with
 * case_id set) when none was ever saved, or for an unknown case. */
store_status store_intake_get(store *s, const char *case_id, tc_intake *out);
/* Save in->case_id's intake whole, replacing the current one; the earlier
 * version stays (store_intake_versions).  Validated by intake_validate()
 * against the store's lists and today.  Fills the stamps (created_* keep
 * the first save's). */
store_status store_intake_save(store *s, tc_intake *in, intake_check *problem);
/* Every saved version of the case's intake, oldest first (the last one is
 * the current).  The version number is the index + 1. */
store_status store_intake_versions(store *s, const char *case_id, tc_intake **out, size_t *n);

/* ----------------------------------------------------------- inspections */

/* Fills id, version 1 and the stamps.  Validated by inspection_validate()
 * against the sector list. */
store_status store_inspection_add(store *s, tc_inspection *in, inspection_check *problem);
/* version 0: the current one; else that version. */
store_status store_inspection_get(store *s, const char *id, int version, tc_inspection *out);
/* Inspections, newest date first (then newest recorded), withdrawn ones
 * included (marked); offset and limit page through them (limit 0: all). */
store_status store_inspection_list(store *s, size_t offset, size_t limit,
                                   tc_inspection **out, size_t *n);
/* A correction: in->id's record gets in's content as a new version, with
 * change->reason (change->action is ignored: RECORD_CORRECT).  ST_INVALID
 * with *change_problem (record_change_check) or *problem. */
store_status store_inspection_correct(store *s, tc_inspection *in, const char *reason,
                                      record_problem *change_problem,
                                      inspection_check *problem);
/* The case was found at this inspection.  A case links to one inspection:
 * ST_DUPLICATE when it already is linked (to any).  ST_INVALID for a
 * withdrawn inspection. */
store_status store_inspection_link_case(store *s, const char *inspection_id,
                                        const char *case_id);
/* The inspection a case was found at; ST_NOT_FOUND when none. */
store_status store_case_inspection(store *s, const char *case_id, tc_inspection *out);
/* The cases an inspection produced, as list rows, newest first. */
store_status store_inspection_cases(store *s, const char *inspection_id,
                                    tc_case_row **out, size_t *n);

/* --------------------------------------------------------------- consent */

/* Record a consent (or refusal).  Validated by consent_validate() with
 * agency_type_list() (core/agency.h) and the person's child flag on
 * c->given_on.  A warning that does not block (consent_problem_blocks() false, e.g.
 * CONSENT_CHILD_WITHOUT_GUARDIAN) is saved: ST_OK with *problem set to
 * the warning, so the form can show it.  Fills id, version and stamps. */
store_status store_consent_add(store *s, tc_consent *c, consent_check *problem);
/* version 0: the current one. */
store_status store_consent_get(store *s, const char *id, int version, tc_consent *out);
/* The person withdrew consent `id` on `on` (consent_withdraw rules; no
 * reason asked).  A new version, marked withdrawn; the earlier stays.
 * ST_INVALID with *problem. */
store_status store_consent_withdraw(store *s, const char *id, caldate on,
                                    consent_problem *problem);
/* A wrong entry corrected: c->id's record gets c's content as a new
 * version, with reason.  A warning is handled as in store_consent_add. */
store_status store_consent_correct(store *s, tc_consent *c, const char *reason,
                                   record_problem *change_problem, consent_check *problem);
/* The case's consents (current versions, entry-withdrawn ones included),
 * in the order recorded: the order consent_covers() expects. */
store_status store_consent_list(store *s, const char *case_id, tc_consent **out, size_t *n);
/* Is an action covered on at_date?  consent_covers() over the case's
 * consents, with the person's child flag on at_date. */
store_status store_consent_covers(store *s, const char *case_id, consent_purpose purpose,
                                  const char *agency_kind, caldate at_date,
                                  consent_cover *out);

/* An override: acting without covering consent.  o->officer_id is set to
 * the acting officer.  action is the code of what it allowed
 * ("referral_send", "export": code_well_formed()) and related_id (may be
 * NULL) the record it was for.  Stored with its reason and shown in the audit trail as
 * "consent.override" and in the timeline.  ST_INVALID with *problem when
 * consent_override_validate() refuses (or field "action" when the action
 * code is bad).  id_out (may be NULL) receives the override's id. */
store_status store_consent_override(store *s, const char *case_id, consent_override *o,
                                    const char *action, const char *related_id,
                                    char id_out[TC_ID_LEN], consent_check *problem);

typedef struct consent_override_row {
    char id[TC_ID_LEN];
    consent_override override;
    char action[TC_CODE_MAX + 1];
    char related_id[TC_ID_LEN];
    int64_t at;
    char officer_name[OFFICER_NAME_MAX + 1];
} consent_override_row;
/* The case's overrides, newest first. */
store_status store_consent_overrides(store *s, const char *case_id,
                                     consent_override_row **out, size_t *n);

/* ----------------------------------------------------------------- needs */

/* Fills id, version and stamps.  Validated by need_validate(). */
store_status store_need_add(store *s, tc_need *nd, need_check *problem);
/* version 0: the current one. */
store_status store_need_get(store *s, const char *id, int version, tc_need *out);
/* Move need `id` to `to` (need_transition_check; reason required for
 * unavailable, NULL otherwise).  A new version: the earlier states stay
 * as history and in the timeline. */
store_status store_need_change_state(store *s, const char *id, need_state to,
                                     const char *reason, need_problem *problem);
/* A wrong entry corrected (kind, urgency, note...; the state changes only
 * through store_need_change_state, so nd->state must be the current one,
 * else ST_INVALID with NEED_TRANSITION_REFUSED). */
store_status store_need_correct(store *s, tc_need *nd, const char *reason,
                                record_problem *change_problem, need_check *problem);
/* The case's needs (current versions), in needs_sort_for_view() order:
 * urgent open first, withdrawn entries last. */
store_status store_need_list(store *s, const char *case_id, tc_need **out, size_t *n);

/* ----------------------------------------------------------------- notes */

/* Fills id, version and stamps.  ST_INVALID with *problem (note_validate). */
store_status store_note_add(store *s, tc_note *nt, note_problem *problem);
store_status store_note_get(store *s, const char *id, int version, tc_note *out);
store_status store_note_correct(store *s, tc_note *nt, const char *reason,
                                record_problem *change_problem, note_problem *problem);
/* The case's notes (current versions), newest first. */
store_status store_note_list(store *s, const char *case_id, tc_note **out, size_t *n);

/* ---------------------------------------------- withdrawal and history */

typedef enum record_kind {
    RECORD_KIND_CONSENT = 0,
    RECORD_KIND_NEED,
    RECORD_KIND_NOTE,
    RECORD_KIND_INSPECTION,
    RECORD_KIND_REPATRIATION,       /* db/returns.h */
    RECORD_KIND_REINTEGRATION,
    RECORD_KIND_FOLLOWUP,
    RECORD_KIND_COUNT
} record_kind;

/* Withdraw a wrong record (record_change_check with RECORD_WITHDRAW): it
 * stays, marked entry_withdrawn, with the reason, and stops counting
 * (consent coverage, stage, needs).  ST_INVALID with *problem (e.g.
 * RECORD_ALREADY_WITHDRAWN, RECORD_REASON_MISSING). */
store_status store_record_withdraw(store *s, record_kind kind, const char *id,
                                   const char *reason, record_problem *problem);

/* One version of a record: how it came to be. */
#define RECORD_CHANGE_CODE_MAX 24
typedef struct record_version {
    int version;
    /* "add", "correct", "withdraw", and per kind: "state" (need),
     * "withdraw_consent" (consent). */
    char change[RECORD_CHANGE_CODE_MAX + 1];
    char reason[RECORD_REASON_MAX + 1];     /* correction, withdrawal, unavailable */
    int64_t at;
    char officer_id[TC_ID_LEN];
    char officer_name[OFFICER_NAME_MAX + 1];
} record_version;
/* Every version of a record, oldest first. */
store_status store_record_versions(store *s, record_kind kind, const char *id,
                                   record_version **out, size_t *n);

/* ----------------------------------------------------------------- stage */

/* What has been recorded for the case, as stage_derive() wants it
 * (withdrawn entries do not count): a screening saved, the latest
 * identification decision, a need recorded, the last close not followed
 * by a reopen; a repatriation plan that is not withdrawn or cancelled, a
 * reintegration plan that is not withdrawn (db/returns.h).  Legal
 * proceedings are false until their records exist (a later issue). */
store_status store_case_stage_facts(store *s, const char *case_id, stage_facts *out);
/* stage_derive() of those facts. */
store_status store_case_stage(store *s, const char *case_id, case_stage *out);
/* Close with a reason (stage_close_check).  ST_INVALID with *problem. */
store_status store_case_close(store *s, const char *case_id, const stage_closure *c,
                              stage_problem *problem);
/* Reopen a closed case with a reason (stage_reopen_check). */
store_status store_case_reopen(store *s, const char *case_id, const char *reason,
                               stage_problem *problem);
/* The latest closure of a closed case; ST_NOT_FOUND when it is open. */
store_status store_case_closure(store *s, const char *case_id, stage_closure *out);

/* -------------------------------------------------------------- timeline */

/* Every event of the case, newest first (timeline_sort), each with when,
 * who (officer name) and the parts of its summary (timeline_summary). */
store_status store_timeline(store *s, const char *case_id, timeline_event **out, size_t *n);

/* ------------------------------------------------------------ quick mode */

/* Open a case at a checkpoint with what can be asked there: a name or a
 * description (in a name field), sex, approximate age, nationality, place
 * (province; entry point as the officer sets it).  Same validation and
 * output as store_case_add(); the case is marked incomplete (its list row
 * has incomplete set) until store_case_complete(). */
store_status store_case_add_quick(store *s, tc_case *c, case_check *problem);
/* The officer has completed a quick case's record.  ST_INVALID when the
 * case was not opened in quick mode or is complete already. */
store_status store_case_complete(store *s, const char *case_id);
/* *incomplete: opened in quick mode and not completed yet. */
store_status store_case_incomplete(store *s, const char *case_id, bool *incomplete);

#endif
