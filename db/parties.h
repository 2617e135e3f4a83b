/* parties.h - the witnesses, informants and suspects of a case in the
 * store (core/party.h; migration 11's table "parties").
 *
 * Every call first asks core/access.h whether the acting officer may see
 * the parties of the case (ACCESS_PARTIES: the case's officers - who
 * recorded it, who is assigned - supervisors and admins).  When not, it
 * returns ST_DENIED having read nothing about the parties and written
 * nothing: a denied list gives no rows and no count.
 *
 * A party is versioned like a note (db/record_internal.h): an update or a
 * withdrawal appends a version, nothing is deleted.  Each change is one
 * transaction with one audit row ("party.add", "party.update",
 * "party.withdraw" on table "parties"; the audit row names the record,
 * never the person).  Parties never travel in a hand-over
 * (db/exchange_tables.c does not list the table) and no report or export
 * reads them. */
#ifndef TC_DB_PARTIES_H
#define TC_DB_PARTIES_H
#include <stddef.h>
#include "core/party.h"
#include "db/store.h"

/* Save p as a new party of p->case_id.  ST_INVALID with *problem (may be
 * NULL) when party_validate() refuses it; ST_NOT_FOUND for no such case;
 * ST_DENIED.  On ST_OK p has its id, version 1 and stamps. */
store_status store_party_add(store *s, tc_party *p, party_check *problem);

/* Save p's kind, name, relation, contact and details as the next version
 * of the party p->id (its case stays the stored one).  ST_INVALID with
 * *problem when invalid or already withdrawn (PARTY_ALREADY_WITHDRAWN);
 * ST_NOT_FOUND; ST_DENIED.  On ST_OK p is the saved version. */
store_status store_party_update(store *s, tc_party *p, party_check *problem);

/* Withdraw the party id, recorded by mistake, with a reason
 * (party_withdraw_check): a new version marked withdrawn, kept.
 * ST_INVALID with *problem (may be NULL); ST_NOT_FOUND; ST_DENIED. */
store_status store_party_withdraw(store *s, const char *id, const char *reason,
                                  party_problem *problem);

/* The current version of party id.  ST_NOT_FOUND; ST_DENIED. */
store_status store_party_get(store *s, const char *id, tc_party *out);

/* The current version of every party of case_id, withdrawn ones too
 * (marked), in the order they were recorded: a malloc'd array for the
 * caller to free.  ST_DENIED (with *out NULL and *n 0) when the acting
 * officer may not see them; ST_NOT_FOUND for no such case. */
store_status store_party_list(store *s, const char *case_id, tc_party **out, size_t *n);

#endif
