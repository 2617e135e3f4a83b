/* referrals_internal.h - what the files behind db/referrals.h share
 * (db/agencies.c, db/referrals.c, db/referral_dash.c).  Internal to db/.
 *
 * agencies is a versioned table (db/record_internal.h): one row per
 * version, record_id the agency's id, the stable code in every version.
 * referrals holds one row per referral, updated as its state changes;
 * every change is also a row of referral_events, never changed. */
#ifndef TC_REFERRALS_INTERNAL_H
#define TC_REFERRALS_INTERNAL_H
#include "db/record_internal.h"
#include "db/referrals.h"

/* The agencies table for the versioned-record engine (db/agencies.c). */
extern const record_table agency_table;

/* The current version of the agency with that code, and its common parts
 * (c may be NULL).  ST_NOT_FOUND when no agency has the code. */
store_status agency_current(store *s, const char *code, tc_agency *out, record_common *c);

/* Every column of a referral row, in the order referral_read() expects. */
#define REFERRAL_COLUMNS \
    "id, case_id, agency_code, needs, urgency, channel, summary, shared," \
    " consent_overridden, override_reason, officer_id, state, state_reason, sent_at," \
    " acknowledged_at, decided_at, service_at, ended_at, state_changed_at, created_at," \
    " updated_at, created_by, updated_by"
#define REFERRAL_COLUMN_COUNT 23

/* Read REFERRAL_COLUMNS from column `first` on. */
void referral_read(sqlite3_stmt *q, int first, tc_referral *r);

/* The deadline settings a stored due_at was computed with differ from the
 * current ones (a setting written by the generic setting command):
 * recompute every waiting referral's due_at.  Only writes when they
 * differ; the dashboard and the counts call it first. */
store_status referral_due_refresh(store *s);

/* For tests of the query plans: the text of the dashboard's i-th query
 * (each part's page query, then its count, in order, then the overdue
 * count, then the read of one row of a page), with referral_dash.c's parameters (?1 now, ?2 agency code, ?3
 * officer id, ?4 state code, ?5 limit, ?6 offset, ?7 urgency rank).
 * False past the last. */
bool referral_dash_query(size_t i, char *out, size_t outsz);

#endif
