/* exchange.h - sealed hand-over between stores: the store's identity, the
 * stores it knows (peers), sending cases, receiving them, and the
 * conflicts an import leaves for an officer to resolve.
 *
 * The file format is db/bundle.h's; this module decides what goes in and
 * what comes out.  Every call here (identity, peers, hand-over, receiving,
 * bundles and conflicts) needs ACCESS_HANDOVER (core/access.h:
 * supervisors and administrators), else ST_DENIED with nothing written.  Everything here runs inside the encrypted database:
 * the store's secret keys, the peers, every bundle sent and received, and
 * every conflict (with both values) never leave it.
 *
 * Identity.  The store's signing and encryption key pairs are made on
 * first use (exchange_identity(), one transaction, audited
 * "identity.create") and kept in table store_identity.  Its name is the
 * setting "exchange.store_name" (default "tipcase <store code>").
 *
 * Peers.  A peer is another store known by its identity card: both public
 * keys, its name, its fingerprint (the officers compared it by phone
 * before adding it) and the kind of agency it is (an agency type code,
 * core/agency.h, or "" for none said), which decides the consent a
 * hand-over to it needs.  A peer is retired, never deleted: the bundles
 * exchanged with it keep pointing at it.
 *
 * Hand-over.  exchange_handover() gathers the records of one or more
 * cases, keeps only the sections the person's consent covers for that
 * recipient today (core/exchange_items.h: exch_section_purpose()), seals
 * them for the peer and records the bundle as sent.  Without the
 * recipient's sharing consent for a case the whole hand-over is refused,
 * naming the case.  The cross-border profile sends instead one row per
 * case with only the items of the setting "exchange.crossborder_items"
 * (at most EXCH_ITEMS_MAX, core/exchange_items.h), under the person's
 * share_cross_border consent.
 *
 * Receive.  exchange_receive_open() checks the file (signature, sent to
 * this store, by a known and not retired peer, never imported before),
 * opens it and works out what an import would do; exchange_receive_import()
 * does it in ONE transaction: records new here are inserted, created and
 * updated by the receiving officer, with the bundle and the sender's store
 * code kept as provenance (table exchange_rows); a record that exists
 * here (same id) with the same content is skipped; one with different
 * content is left as it is and each differing field becomes an open
 * conflict.  Nothing is ever overwritten by an import.  A refused bundle
 * (tampered, replayed, for another store, from an unknown sender,
 * carrying something this store does not know) writes nothing at all.
 *
 * Audit.  "exchange.send" (table exchange_bundles, the bundle row) and
 * "case.handover" per case on the sending side; "exchange.receive" and
 * "case.receive" per new case on the receiving side; "peer.add",
 * "peer.retire", "identity.create", "conflict.resolve" (table
 * exchange_conflicts) for the rest.  The counts, the peer and the case ids
 * are in the bundle row the audit row names.
 *
 * Statuses: every call returns a store_status (db/store.h); the calls
 * that can be refused for an exchange reason also fill an exch_refusal
 * with its own code and a detail (a fingerprint, a case reference, a
 * table name) for the message. */
#ifndef TC_EXCHANGE_H
#define TC_EXCHANGE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/exchange_items.h"
#include "core/officer.h"
#include "db/bundle.h"
#include "db/store.h"

/* Settings this module reads (through store_setting_get/set). */
#define EXCH_SETTING_STORE_NAME "exchange.store_name"
#define EXCH_SETTING_CROSSBORDER_ITEMS "exchange.crossborder_items"

/* ------------------------------------------------------------ refusals */

typedef enum exch_refusal_code {
    EXCH_OK = 0,
    EXCH_STORE_ERROR,           /* see the store_status returned */
    EXCH_CARD_INVALID,          /* an identity card that does not read (card field) */
    EXCH_PEER_IS_ME,            /* the card is this store's own */
    EXCH_PEER_EXISTS,           /* a peer with that fingerprint is known already */
    EXCH_PEER_UNKNOWN,          /* no (active) peer with that fingerprint */
    EXCH_PEER_KIND_UNKNOWN,     /* not an agency type code */
    EXCH_NAME_INVALID,          /* store name empty, too long or bad text */
    EXCH_NO_CASES,
    EXCH_CASE_UNKNOWN,          /* detail: the reference or id as given */
    EXCH_NO_CONSENT,            /* detail: the case reference; cover says why */
    EXCH_ITEMS_NOT_SET,         /* cross-border profile without items chosen */
    EXCH_ITEMS_INVALID,         /* detail: the item code; items says how */
    EXCH_BUNDLE_REFUSED,        /* the file itself: bundle says why */
    EXCH_UNKNOWN_SENDER,        /* detail: the sender's fingerprint */
    EXCH_SENDER_RETIRED,        /* detail: the sender's fingerprint */
    EXCH_WRONG_RECIPIENT,       /* sealed for another store */
    EXCH_REPLAYED,              /* detail: the bundle id; imported before */
    EXCH_OWN_BUNDLE,            /* this store sent it */
    EXCH_CONTENT_UNKNOWN,       /* detail: a table, field or instrument this
                                   store does not have */
    EXCH_CONFLICT_UNKNOWN,
    EXCH_CONFLICT_RESOLVED,     /* resolved already */
    EXCH_FIELD_UNKNOWN,         /* --field names no open field of the conflict */
    EXCH_DEMO_STORE,            /* a demo store (db/demo.h) exchanges nothing */
    EXCH_REFUSAL_COUNT
} exch_refusal_code;

#define EXCH_DETAIL_MAX 200

typedef struct exch_refusal {
    exch_refusal_code code;
    char detail[EXCH_DETAIL_MAX + 1];
    card_status card;           /* EXCH_CARD_INVALID */
    bundle_status bundle;       /* EXCH_BUNDLE_REFUSED */
    consent_cover cover;        /* EXCH_NO_CONSENT */
    exch_items_problem items;   /* EXCH_ITEMS_INVALID */
} exch_refusal;

/* The English msgid of a refusal's reason, without the detail (the caller
 * shows the detail and, for a card, bundle, consent or items refusal, the
 * text of that status too: exch_refusal_text() puts them together). */
const char *exch_refusal_msgid(exch_refusal_code c);
/* The whole sentence in the user's language: the reason translated with
 * translate (NULL keeps English), then the detail and the inner status.
 * For EXCH_UNKNOWN_SENDER it ends with how to add the sender
 * ("tipcase peer add CARDFILE"). */
void exch_refusal_text(const exch_refusal *r, const char *(*translate)(const char *msgid),
                       char *out, size_t outsz);

/* ------------------------------------------------------------ identity */

typedef struct exch_identity {
    identity_public pub;
    char fingerprint[IDENTITY_FP_TEXT];
    char name[IDENTITY_NAME_MAX + 1];
    char store_code[16];
    int64_t created_at;
} exch_identity;

/* The store's identity; its key pairs are made (and audited) the first
 * time any officer asks. */
store_status exchange_identity(store *s, exch_identity *out);
/* The identity card text (bundle.h identity_card_write) into out. */
store_status exchange_identity_card(store *s, char *out, size_t outsz);
/* Set the store's name (EXCH_SETTING_STORE_NAME): UTF-8 without control
 * characters, 1..IDENTITY_NAME_MAX bytes.  Needs ACCESS_HANDOVER
 * (ST_DENIED); ST_INVALID with r->code EXCH_NAME_INVALID. */
store_status exchange_store_name_set(store *s, const char *name, exch_refusal *r);
/* Test and bench only: the store's secret keys (NULL on failure; free
 * with identity_keys_free). */
identity_keys *exchange_identity_keys(store *s);

/* --------------------------------------------------------------- peers */

#define EXCH_KIND_MAX 32

typedef struct exch_peer {
    char id[TC_ID_LEN];
    identity_public pub;
    char fingerprint[IDENTITY_FP_TEXT];
    char name[IDENTITY_NAME_MAX + 1];
    char kind[EXCH_KIND_MAX + 1];       /* agency type code or "" */
    bool retired;
    int64_t added_at;
    char added_by[TC_ID_LEN];
    char added_by_name[OFFICER_NAME_MAX + 1];
    int64_t retired_at;                 /* 0 while active */
} exch_peer;

/* Read an identity card without adding it (to show the fingerprint and
 * ask whether it was compared).  ST_INVALID with EXCH_CARD_INVALID. */
store_status exchange_card_parse(const char *text, size_t len, exch_peer *out,
                                 exch_refusal *r);
/* Add the peer of a card with kind ("" or an agency type code).  Needs
 * ACCESS_HANDOVER.  Refused (ST_INVALID): a bad card, this
 * store's own card, a fingerprint known already, active or retired
 * (EXCH_PEER_EXISTS: a store with new keys sends a new card), an unknown
 * kind.  out (may be NULL) gets the peer. */
store_status exchange_peer_add(store *s, const char *card, size_t len, const char *kind,
                               exch_peer *out, exch_refusal *r);
/* Active peers first, then retired, by name.  *out malloc'd; free(). */
store_status exchange_peer_list(store *s, exch_peer **out, size_t *n);
/* By fingerprint as typed (identity_fingerprint_parse), active or
 * retired.  ST_NOT_FOUND with EXCH_PEER_UNKNOWN. */
store_status exchange_peer_find(store *s, const char *fingerprint, exch_peer *out,
                                exch_refusal *r);
/* Retire the peer (needs ACCESS_HANDOVER).  Its bundles stay;
 * nothing more is sent to it or accepted from it. */
store_status exchange_peer_retire(store *s, const char *fingerprint, exch_refusal *r);

/* ------------------------------------------------------------ hand-over */

typedef enum exch_profile {
    EXCH_PROFILE_FULL = 0,          /* the consented sections of the record */
    EXCH_PROFILE_CROSS_BORDER,      /* only the chosen non-confidential items */
} exch_profile;

typedef struct exch_handover_case {
    char case_id[TC_ID_LEN];
    char reference[32];
    exch_section_set sections;      /* the sections that went */
    exch_section_set left_out;      /* held records the consent did not cover */
    size_t n_records;
} exch_handover_case;

typedef struct exch_handover_result {
    char bundle_id[BUNDLE_ID_TEXT];
    exch_handover_case *cases;      /* malloc'd: free with exchange_handover_result_free */
    size_t n_cases;
    size_t n_records;
    size_t n_items;                 /* cross-border: the items sent per case */
} exch_handover_result;

/* Seal the cases (references or ids) for the active peer `to`
 * (fingerprint) with profile, and record the bundle as sent.  *file
 * (malloc'd, free()) is the whole bundle file; the caller writes it.
 * Refused (ST_INVALID, nothing written) with r: no cases, an unknown case,
 * an unknown or retired peer, a case whose consent does not cover this
 * recipient (EXCH_NO_CONSENT, detail the reference, cover why), the
 * cross-border items unset or invalid. */
store_status exchange_handover(store *s, const char *const *cases, size_t n_cases,
                               const char *to, exch_profile profile,
                               uint8_t **file, size_t *file_len,
                               exch_handover_result *res, exch_refusal *r);
void exchange_handover_result_free(exch_handover_result *res);

/* --------------------------------------------------------------- receive */

typedef enum exch_row_fate {
    EXCH_ROW_NEW = 0,           /* inserted by the import */
    EXCH_ROW_SAME,              /* here already with the same content: skipped */
    EXCH_ROW_CONFLICT,          /* here with different content: conflicts */
} exch_row_fate;

/* What the bundle holds for one case (by the case id it carries). */
typedef struct exch_preview_case {
    char case_id[TC_ID_LEN];
    char reference[32];
    char display_name[OFFICER_NAME_MAX + 1];  /* "" for a cross-border profile */
    bool is_new;                /* no such case here yet */
    size_t n_new, n_same, n_conflict_rows, n_conflict_fields;
} exch_preview_case;

typedef struct exch_preview {
    char bundle_id[BUNDLE_ID_TEXT];
    int64_t created_at;
    exch_peer sender;
    char sender_store_code[16];
    exch_profile profile;
    exch_preview_case *cases;   /* malloc'd */
    size_t n_cases;
    size_t n_rows, n_new, n_same, n_conflict_rows, n_conflict_fields;
} exch_preview;

typedef struct exch_incoming exch_incoming;    /* an opened bundle */

/* Check and open a bundle file, and work out what importing it would do.
 * Writes nothing.  Refused (ST_INVALID, *in NULL) with r: the file
 * (EXCH_BUNDLE_REFUSED: not a bundle, damaged or tampered, too new, too
 * large), EXCH_WRONG_RECIPIENT, EXCH_OWN_BUNDLE, EXCH_UNKNOWN_SENDER or
 * EXCH_SENDER_RETIRED (detail: the fingerprint), EXCH_REPLAYED,
 * EXCH_CONTENT_UNKNOWN.  On ST_OK *in holds the opened payload and
 * pv the preview. */
store_status exchange_receive_open(store *s, const uint8_t *data, size_t len,
                                   exch_incoming **in, exch_preview *pv, exch_refusal *r);
/* Import what exchange_receive_open opened, in one transaction (the
 * checks are made again inside it: a replay between open and import is
 * still refused).  pv is filled again with what was done. */
store_status exchange_receive_import(store *s, exch_incoming *in, exch_preview *pv,
                                     exch_refusal *r);
/* Wipes the opened payload.  NULL is fine. */
void exchange_incoming_free(exch_incoming *in);
void exchange_preview_free(exch_preview *pv);

/* ------------------------------------------------------------- history */

typedef struct exch_bundle_row {
    char id[TC_ID_LEN];
    char bundle_id[BUNDLE_ID_TEXT];
    bool sent;                  /* false: received */
    char peer_id[TC_ID_LEN];
    char peer_name[IDENTITY_NAME_MAX + 1];
    exch_profile profile;
    size_t n_cases, n_rows, n_new, n_same, n_conflict_fields;
    int64_t at;
    char officer_name[OFFICER_NAME_MAX + 1];
} exch_bundle_row;
/* Every bundle sent and received, newest first.  *out malloc'd; free(). */
store_status exchange_bundle_list(store *s, exch_bundle_row **out, size_t *n);

/* ------------------------------------------------------------ conflicts */

#define EXCH_TABLE_MAX 40
#define EXCH_FIELD_MAX 40

typedef enum exch_keep {
    EXCH_KEEP_LOCAL = 0,
    EXCH_KEEP_INCOMING,
} exch_keep;

/* One field of one record that differs between this store and a bundle. */
typedef struct exch_conflict {
    char id[TC_ID_LEN];
    int64_t number;             /* short number for the command line: 1, 2... */
    char bundle_row_id[TC_ID_LEN];
    char bundle_id[BUNDLE_ID_TEXT];
    char peer_name[IDENTITY_NAME_MAX + 1];
    char table[EXCH_TABLE_MAX + 1];
    char row_id[TC_ID_LEN];     /* the local row */
    char case_id[TC_ID_LEN];
    char case_reference[32];
    char field[EXCH_FIELD_MAX + 1];
    char *local_value;          /* NULL for SQL NULL; malloc'd */
    char *incoming_value;
    bool open;
    exch_keep resolution;       /* when resolved */
    int64_t at;                 /* when it arose */
    int64_t resolved_at;
    char resolved_by_name[OFFICER_NAME_MAX + 1];
} exch_conflict;

/* Conflicts, open ones first (oldest first), then resolved (newest
 * first); open_only leaves out the resolved.  Free with
 * exchange_conflicts_free. */
store_status exchange_conflict_list(store *s, bool open_only, exch_conflict **out, size_t *n);
/* One conflict by id or number (as text).  Free its values with
 * exchange_conflict_clear. */
store_status exchange_conflict_get(store *s, const char *id_or_number, exch_conflict *out,
                                   exch_refusal *r);
/* Resolve: keep the local value, or take the incoming one (the record's
 * field is set to it; derived search keys of a case follow).  field NULL:
 * every open field conflict of the same record from the same bundle;
 * else only that field.  Each field resolved is one audit row
 * ("conflict.resolve").  *n_resolved (may be NULL) counts them.
 * Refused: EXCH_CONFLICT_UNKNOWN, EXCH_CONFLICT_RESOLVED,
 * EXCH_FIELD_UNKNOWN. */
store_status exchange_conflict_resolve(store *s, const char *id_or_number, exch_keep keep,
                                       const char *field, size_t *n_resolved,
                                       exch_refusal *r);
/* Open conflicts (for a count on screens). */
store_status exchange_conflict_count(store *s, size_t *n);
void exchange_conflict_clear(exch_conflict *c);
void exchange_conflicts_free(exch_conflict *c, size_t n);

#endif
