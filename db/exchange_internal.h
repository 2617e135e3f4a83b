/* exchange_internal.h - what the files behind db/exchange.h share (not
 * for callers outside db/).
 *
 * exchange.c: identity, peers, refusal texts, the bundle history.
 * exchange_tables.c: which tables travel, how a case's rows are read into
 *   a payload and how an incoming row is matched against a stored one.
 * exchange_send.c: exchange_handover and the cross-border items.
 * exchange_receive.c: exchange_receive_open / _import.
 * exchange_conflicts.c: listing and resolving conflicts.
 *
 * A payload (db/bundle.h) is a list of items, each one table row: the
 * table's name, the row's primary key as the item id, and its columns as
 * fields, every value as text (NULL kept).  Two fields are not columns:
 * "_case" on every item names the case it belongs to (for the preview and
 * the check that no row comes without its case), and one item of table
 * "_bundle" says who sent it (store code and name), the profile and the
 * cases. */
#ifndef TC_EXCHANGE_INTERNAL_H
#define TC_EXCHANGE_INTERNAL_H
#include "db/bundle.h"
#include "db/exchange.h"
#include "db/record_internal.h"
#include "db/store_internal.h"

#define EXCH_META_TABLE "_bundle"
#define EXCH_CASE_FIELD "_case"
#define EXCH_PROFILE_TABLE "crossborder_profiles"

/* A table that travels in a full hand-over. */
typedef struct exch_table {
    const char *name;
    exch_section section;
    const char *pk;             /* primary key column: the item id */
    /* The columns that say two rows are "the same record": the primary key,
     * or for a versioned table (record_id, version), for a child row its
     * parent and its place. */
    const char *match[3];
    /* Selects the case's rows: an SQL condition on the table with ?1 the
     * case id. */
    const char *of_case;
    bool versioned;             /* is_current is worked out here, not sent */
} exch_table;

/* In the order rows are inserted (parents first). */
extern const exch_table exch_tables[];
extern const size_t exch_table_count;
/* The descriptor of a table name (profile tables included); NULL when it
 * does not travel. */
const exch_table *exch_table_find(const char *name, exch_profile profile);

/* Columns never sent: the receiving store makes them (who saved it, the
 * audit row, which version is current, keys derived from the names). */
bool exch_column_local(const char *column);
/* Columns sent but never compared: when a row was saved and by which
 * officer of the sending store (officer ids mean nothing elsewhere). */
bool exch_column_uncompared(const char *column);
/* Officer columns: on insert a non-empty value becomes the receiving
 * officer. */
bool exch_column_officer(const char *column);

/* Append the rows of table t for case case_id to p, each with "_case". *n
 * counts the items added.  Instrument ids travel as "@code:version". */
store_status exch_rows_append(store *s, const exch_table *t, const char *case_id,
                              bundle_payload *p, size_t *n);

/* A field's value in an item; found false when the item has no such field. */
const char *exch_item_value(const bundle_item *it, const char *name, bool *found);

/* The store's identity keys, made first if missing (inside the caller's
 * transaction when create).  ST_NOT_FOUND when missing and !create. */
store_status exch_identity_load(store *s, bool create, identity_keys **out);

/* The peer whose fingerprint text (canonical) is fp. */
store_status exch_peer_by_fp(store *s, const char *fp, exch_peer *out);

void exch_refuse(exch_refusal *r, exch_refusal_code code, const char *detail);
/* ST_DENIED with EXCH_DEMO_STORE when s is a demo store, else ST_OK: a
 * demo store's passphrase is printed on the screen, so real records must
 * never reach it, and its synthetic ones must never reach a real store. */
store_status exch_refuse_demo(store *s, exch_refusal *r);

/* A case's keys derived from its record (search key, list date, name
 * order), after an import or a resolution changed the record's names or
 * dates (exchange_conflicts.c). */
store_status exch_refresh_case_keys(store *s, const char *case_id);

/* Set a conflict's local/incoming values from columns (NULL stays NULL). */
char *exch_strdup_or_null(const char *s);

#endif
