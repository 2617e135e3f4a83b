/* returns.h - repatriation and reintegration plans in the store (issue 6):
 * a case's return plan with its steps and handover, its reintegration
 * plan with the follow-ups, the follow-up settings, the follow-up list and
 * the high-risk mark on the case.
 *
 * The rules are core's (core/repatriation.h, core/reintegration.h).  As
 * everywhere in db/ (store.h, record.h, referrals.h):
 *
 * - Every call that changes data is one transaction with its audit rows,
 *   made by the acting officer (store_me) at the injected clock's time.
 *   On any status other than ST_OK nothing is written.
 * - ST_INVALID means a core rule refused: the *problem argument (may be
 *   NULL) says which, and nothing is written.
 * - ST_NOT_FOUND for an unknown case or plan.
 * - Lists come back malloc'd (*out, free() it) with their count.
 * - Nothing is deleted: plans and follow-ups are versioned records
 *   (db/record_internal.h).  Every save is a new version, the old one
 *   stays readable (store_record_versions with RECORD_KIND_REPATRIATION,
 *   RECORD_KIND_REINTEGRATION, RECORD_KIND_FOLLOWUP); a wrong follow-up
 *   is withdrawn with store_record_withdraw(RECORD_KIND_FOLLOWUP, ...),
 *   which also recomputes its plan (below).
 *
 * A case has at most one repatriation plan and one reintegration plan
 * that are not withdrawn; a cancelled return can be planned again only
 * by a new plan after the old one is withdrawn (ST_DUPLICATE otherwise).
 *
 * "Child" for the step rules is the person's age on the officers' civil
 * date today (case_is_child).
 *
 * Audit actions: "repatriation.add", "repatriation.edit",
 * "repatriation.state", "reintegration.add", "reintegration.edit",
 * "reintegration.close", "followup.add", "setting.set".
 *
 * Roles (core/access.h): a call about one case (by its id, or by the id
 * of a record, screening, referral or plan of it) needs ACCESS_CASE_READ
 * or ACCESS_CASE_WRITE on that case: a field officer only on the cases he
 * recorded or is assigned to, else ST_DENIED with nothing written.
 * The follow-ups due hold a field officer's own cases. */
#ifndef TC_DB_RETURNS_H
#define TC_DB_RETURNS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/reintegration.h"
#include "core/repatriation.h"
#include "db/record.h"
#include "db/store.h"

/* ========================================================= repatriation */

/* The case's plan (current version).  ST_NOT_FOUND when it has none. */
store_status store_repatriation_get(store *s, const char *case_id, tc_repatriation *out);
/* Make the case's plan from p (its state must be planning).  Fills p's id
 * and stamps.  ST_INVALID with *problem (repat_validate against the
 * stored handover points); ST_DUPLICATE when the case has a plan. */
store_status store_repatriation_add(store *s, tc_repatriation *p, repat_check *problem);
/* Save p's content (everything but the state, state_reason and
 * steps_overridden, which stay as stored) as a new version.  ST_INVALID
 * for a returned or cancelled plan (problem REPAT_STATE_INVALID, field
 * "state"): a final plan is corrected only by withdrawing it. */
store_status store_repatriation_save(store *s, tc_repatriation *p, repat_check *problem);
/* Move the plan to `to` (repat_change_state with the case's child flag)
 * after saving p's content in the same version: a handover and the
 * "returned" mark are recorded together.  On REPAT_RETURNED it also adds
 * the reintegration plan when the case has none, starting on the
 * handover's civil date with the stored schedule (no domain yet: the
 * social worker fills them in), in the same transaction.  *change gets
 * the refusal (may be NULL); *problem a content problem (may be NULL). */
store_status store_repatriation_change_state(store *s, tc_repatriation *p, repat_state to,
                                             const char *reason, repat_check *problem,
                                             repat_change_problem *change);

/* ======================================================== reintegration */

/* The follow-up settings: "followup.months" (default "1,3,6,12") and
 * "followup.due_soon_days" (default 7: how early a follow-up shows on the
 * due-soon view). */
typedef struct followup_settings {
    followup_schedule schedule;
    int due_soon_days;              /* 0..366 */
} followup_settings;
store_status store_followup_settings(store *s, followup_settings *out);
/* Admin or supervisor only (else ST_DENIED); ST_INVALID for a schedule
 * that followup_schedule_parse() would refuse or days out of range.
 * Plans already made keep their own schedule. */
store_status store_followup_settings_set(store *s, const followup_settings *in);

/* The case's plan (current version, with followups_done, next_due and
 * high_risk as stored).  ST_NOT_FOUND when it has none. */
store_status store_reintegration_get(store *s, const char *case_id, tc_reintegration *out);
/* Make the case's plan (reint_validate, except that a plan may be made
 * with no domain yet).  A zero schedule count takes the stored setting.
 * next_due is the first scheduled date.  ST_DUPLICATE when it has one. */
store_status store_reintegration_add(store *s, tc_reintegration *p, reint_check *problem);
/* Save the domains (and a corrected start, which moves next_due when no
 * follow-up has been recorded) as a new version.  A closed plan is
 * refused (REINT_PLAN_CLOSED). */
store_status store_reintegration_save(store *s, tc_reintegration *p, reint_check *problem);
/* Close the plan with an outcome (reint_close); lowers the case's
 * high-risk mark. */
store_status store_reintegration_close(store *s, const char *case_id, reint_outcome outcome,
                                       caldate on, const char *note, reint_check *problem);

/* Record a follow-up of the case's plan (f->case_id; f->plan_id is filled
 * in).  followup_validate against the plan and today; then the plan gets
 * a new version (reint_apply_followup) and the case's high-risk mark
 * follows the follow-up's risk, all in one transaction.  Fills f's id and
 * stamps. */
store_status store_followup_add(store *s, tc_followup *f, reint_check *problem);
/* The plan's follow-ups (current versions, withdrawn ones included and
 * marked), newest first. */
store_status store_followup_list_case(store *s, const char *case_id, tc_followup **out,
                                      size_t *n);

/* One line of the follow-up list. */
typedef struct followup_row {
    char case_id[TC_ID_LEN];
    char reference[CASEREF_MAX];
    char name[CASE_NAME_MAX + 1];   /* display name */
    char country[3];                /* the repatriation plan's, or "" */
    caldate next_due;
    size_t number;                  /* which follow-up it is: followups_done + 1 */
    bool overdue;                   /* at the store's today */
    bool high_risk;
    bool has_last;                  /* a follow-up was recorded */
    caldate last_on;
    retrafficking_risk last_risk;
} followup_row;
/* Every active plan with a next due date (only overdue ones when
 * overdue_only), high-risk cases first, then by next due date, earliest
 * first; ties by case reference.  Walks an index on the next due date. */
store_status store_followup_due(store *s, bool overdue_only, followup_row **out, size_t *n);
/* How many active plans are overdue today (for the main screen). */
store_status store_followup_count_overdue(store *s, size_t *n);

#endif
