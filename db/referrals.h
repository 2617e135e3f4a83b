/* referrals.h - the agency directory and referrals in the store (issue 5):
 * agencies an administrator keeps, referrals of a case to them, every
 * change of a referral's state, response-time settings, the overdue
 * dashboard and the main screen's overdue count.
 *
 * The rules are core's (core/agency.h, core/referral.h, core/consent.h,
 * core/needs.h); these functions apply them to what is stored.  As
 * everywhere in db/ (store.h, record.h):
 *
 * - Every call that changes data is one transaction with its audit rows,
 *   made by the acting officer (store_me) at the injected clock's time.
 *   On any status other than ST_OK nothing is written.
 * - ST_INVALID means a core rule refused: the *problem argument (each may
 *   be NULL) says which, and nothing is written.
 * - ST_NOT_FOUND for an unknown case, agency code or referral id.
 * - Lists come back malloc'd (*out, free() it) with their count; an empty
 *   list is ST_OK with *out NULL and *n 0.
 * - Nothing is deleted.  An agency is retired (active false), never
 *   removed; every edit of an agency is a new version and the old one
 *   stays readable.  A referral is never removed: it ends as declined,
 *   completed, closed or withdrawn, and every change of its state is kept
 *   as an event (when, which officer, the reason or note).
 *
 * Audit actions: "agency.add", "agency.edit", "referral.add",
 * "referral.state", "setting.set" (one for each response-time setting),
 * and "consent.override" (db/record.h) for each purpose a referral
 * was sent without covering consent; "need.add" and "need.state" when a
 * referral records or moves the case's needs (below).
 *
 * Roles (core/access.h): a call about one case (by its id, or by the id
 * of a record, screening, referral or plan of it) needs ACCESS_CASE_READ
 * or ACCESS_CASE_WRITE on that case: a field officer only on the cases he
 * recorded or is assigned to, else ST_DENIED with nothing written.
 * The dashboard and the overdue count hold a field officer's own cases. */
#ifndef TC_DB_REFERRALS_H
#define TC_DB_REFERRALS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/agency.h"
#include "core/needs.h"
#include "core/referral.h"
#include "db/record.h"
#include "db/store.h"

/* ================================================================ agencies */

/* The directory starts with data/agencies.tsv (compiled in; loaded by
 * migration 6, created by nobody).  Codes are unique and never change:
 * referrals name an agency by its code. */

/* Every current agency matching search (agency_matches(): Thai or English
 * name or abbreviation, case and dots ignored; NULL or "" for all), active
 * ones only unless include_retired.  Ordered by type, then English name
 * (a stable order a list can page through). */
store_status store_agency_list(store *s, const char *search, bool include_retired,
                               tc_agency **out, size_t *n);
/* The agency with that code; version 0 is the current one, 1.. an earlier
 * version (store_agency_versions lists them). */
store_status store_agency_get(store *s, const char *code, int version, tc_agency *out);

/* Add an agency (admin only, else ST_DENIED).  agency_validate() decides
 * (ST_INVALID with *problem); a code used by any agency, retired or not,
 * is ST_DUPLICATE.  a->active is stored as given.  Fills a's id and
 * stamps. */
store_status store_agency_add(store *s, tc_agency *a, agency_check *problem);
/* Store a->code's new content as a new version (admin only).  reason may
 * be NULL or "" (a directory update needs none); it is kept with the
 * version.  Retiring is an edit with active false; bringing one back, with
 * active true.  ST_NOT_FOUND for an unknown code; ST_INVALID with *problem
 * when agency_validate() refuses.  Fills a's id and stamps. */
store_status store_agency_edit(store *s, tc_agency *a, const char *reason,
                               agency_check *problem);
/* Every version of the agency, oldest first (record.h's record_version:
 * change "add" or "edit", the reason, when and who).  ST_NOT_FOUND for an
 * unknown code. */
store_status store_agency_versions(store *s, const char *code, record_version **out,
                                   size_t *n);

/* ============================================================== settings */

/* The response times: stored settings "referral.ack_hours.emergency",
 * "referral.ack_hours.urgent", "referral.ack_hours.routine",
 * "referral.decision_hours.emergency", ".urgent", ".routine", each
 * defaulting to referral_settings_defaults(). */
store_status store_referral_settings(store *s, referral_settings *out);
/* Admin or supervisor only (else ST_DENIED).  ST_INVALID with *problem
 * (REFERRAL_SETTING_OUT_OF_RANGE) when referral_settings_check() refuses.
 * Recomputes the stored deadline of every referral waiting for an answer,
 * in the same transaction. */
store_status store_referral_settings_set(store *s, const referral_settings *in,
                                         referral_problem *problem);
/* True when key names one of the settings above. */
bool store_referral_setting_key(const char *key);

/* ============================================================= referrals */

/* Record a referral of r->case_id to r->agency_code: needs, urgency,
 * channel, summary and shared sections as r holds them.  r->officer_id
 * "" means the acting officer.  The referral starts as a draft
 * (referral_validate(); the agency must exist, else ST_NOT_FOUND, and be
 * active, else REFERRAL_AGENCY_INACTIVE).
 *
 * Needs: for each need kind in r->needs the referral is linked to the
 * case's need of that kind (its current version, not withdrawn, not
 * provided; the earliest recorded when there are several).  A kind the
 * case has no such need of is recorded as a new need ("need.add") in the
 * same transaction, so the referral always points at stored needs.
 *
 * With send true it is then sent at once, in the same transaction, exactly
 * as store_referral_change_state(..., REFERRAL_SENT, ...) would: the
 * consent gate, the override and the needs move along.  On a refusal
 * nothing at all is written.  *problem gets the first problem (with its
 * field); *gate (may be NULL) the consent gate when sending was checked.
 * Fills r (id, state, timestamps) on ST_OK. */
store_status store_referral_add(store *s, tc_referral *r, bool send,
                                const char *override_reason, referral_check *problem,
                                referral_gate *gate);

/* The consent gate for sending the case's referral to agency_code on the
 * officers' civil date of `at`: referral_consent_gate() over the case's
 * stored consents (store_consent_list) with the person's child flag on
 * that date.  override_reason as referral_consent_gate() takes it.
 * Reads only. */
store_status store_referral_gate(store *s, const char *case_id, const char *agency_code,
                                 int64_t at, const char *override_reason,
                                 referral_gate *out);

/* Move referral `id` to `to` at `at`, by the acting officer, with reason
 * (required for declined, closed and withdrawn; otherwise an optional
 * note; may be NULL).  `at` is when it happened: now, or earlier when the
 * agency answered by telephone and the officer records it later; never
 * before the referral's last change (REFERRAL_TIME_BEFORE_LAST) nor after
 * now plus a minute of clock drift (REFERRAL_TIME_IN_FUTURE).
 *
 * The checks are core's: referral_change_state() (the transition table,
 * the reason, the time), and for `to` sent also referral_send_check()
 * with store_referral_gate() at `at` and override_reason (may be NULL).
 * When consent does not cover the referral and a valid override reason is
 * given, each purpose not covered is written as a consent override
 * ("consent.override", action "referral_send", related to the referral)
 * and the referral keeps consent_overridden and the reason.
 *
 * Writes the new state, the step's timestamp, the deadline it now waits
 * for (referral_due()), one event, and moves the linked needs to
 * referral_need_state() of the new state where need_transition_allowed()
 * lets them (a need the officer already moved elsewhere, or one already
 * provided, is left alone).  *problem (may be NULL) gets REFERRAL_OK or
 * the refusal; referral_transition_message() explains
 * REFERRAL_TRANSITION_REFUSED and REFERRAL_SAME_STATE.  *gate (may be
 * NULL) gets the gate when sending was checked. */
store_status store_referral_change_state(store *s, const char *id, referral_state to,
                                         const char *reason, int64_t at,
                                         const char *override_reason,
                                         referral_problem *problem, referral_gate *gate);
/* A change dated after now.  Core has no "now", so this is the store's
 * own problem code, one past core's last, so that it never collides with
 * one of them. */
#define REFERRAL_TIME_IN_FUTURE REFERRAL_PROBLEM_COUNT
/* The message for a problem of this file: referral_problem_text(), or for
 * REFERRAL_TIME_IN_FUTURE its own.  A msgid. */
const char *store_referral_problem_text(referral_problem p);

/* By id, or by a unique prefix of 8 or more characters of it (what lists
 * print).  ST_NOT_FOUND when none or more than one matches. */
store_status store_referral_get(store *s, const char *id_or_prefix, tc_referral *out);
/* The case's referrals, newest first. */
store_status store_referral_list_case(store *s, const char *case_id, tc_referral **out,
                                      size_t *n);

/* One stored change of a referral: core's event, plus who by name, and
 * whether it is the referral's creation (from and to are then both
 * REFERRAL_DRAFT, or to is REFERRAL_SENT for a referral added as sent:
 * the creation comes first, then the sending). */
typedef struct referral_event_row {
    referral_event event;
    bool created;
    char officer_name[OFFICER_NAME_MAX + 1];
} referral_event_row;
/* A referral's events, oldest first. */
store_status store_referral_events(store *s, const char *referral_id,
                                   referral_event_row **out, size_t *n);
/* The case's needs the referral is linked to (their current versions),
 * in need kind order. */
store_status store_referral_needs(store *s, const char *referral_id, tc_need **out,
                                  size_t *n);

/* ============================================================= dashboard */

/* What the dashboard shows; NULL or false leaves a filter off. */
typedef struct referral_filter {
    const char *agency_code;
    const char *officer_id;         /* the referring officer's id */
    bool by_state;
    referral_state state;           /* an open state, when by_state */
    bool overdue_only;
} referral_filter;

/* One line of the dashboard: enough to draw it and to open the case. */
typedef struct referral_row {
    char id[TC_ID_LEN];
    char case_id[TC_ID_LEN];
    char reference[CASEREF_MAX];            /* the case's */
    char name[CASE_NAME_MAX + 1];           /* the case's display name */
    char agency_code[TC_CODE_MAX + 1];
    /* The agency's abbreviation in Thai and in English, each else the
     * name in that language. */
    char agency_abbr_th[AGENCY_NAME_MAX + 1];
    char agency_abbr_en[AGENCY_NAME_MAX + 1];
    char officer_id[TC_ID_LEN];
    char officer_name[OFFICER_NAME_MAX + 1];
    referral_state state;
    referral_urgency urgency;
    referral_wait wait;
    int64_t due;                            /* when wait is not NONE */
    bool overdue;                           /* at the dashboard's now */
    int64_t since;                          /* sent_at, else created_at */
} referral_row;

/* Every open referral of every case that passes f (NULL: all), in
 * referral_dash_compare() order at `now` (overdue first: emergency first,
 * then longest overdue; then running deadlines, earliest first; then open
 * referrals waiting for nothing, by urgency, oldest first; ties in the
 * order they were recorded).  Skips offset rows and writes at most cap.
 * Each part of the order walks its own index of the open referrals: a
 * page reads the rows it shows (and the ones a filter skips), never the
 * whole table. */
store_status store_referral_dashboard(store *s, const referral_filter *f, int64_t now,
                                      size_t offset, referral_row *rows, size_t cap,
                                      size_t *n);
/* How many open referrals pass f, and how many of them are overdue at now. */
store_status store_referral_dashboard_count(store *s, const referral_filter *f, int64_t now,
                                            size_t *open, size_t *overdue);
/* For the main screen: how many referrals of all cases are overdue at now
 * (one range of an index). */
store_status store_referral_count_overdue(store *s, int64_t now, size_t *n);

#endif
