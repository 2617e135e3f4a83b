/* bundle.h - the sealed hand-over file and the store identity card.
 *
 * A store has a signing key pair (Ed25519) and an encryption key pair
 * (X25519).  Its public half travels as an identity card (a small text
 * file) and is named by a fingerprint two officers can read to each other
 * by phone.  A bundle carries records of one or more cases from one store
 * to another: encrypted to the receiver's public key (crypto_box_seal, so
 * only the receiving store can open it) and signed by the sender
 * (crypto_sign detached, over every byte before the signature), with a
 * random bundle id so a replay is recognised.
 *
 * File layout (all integers little-endian):
 *   "TCBUNDLE" magic (8) | format version u16 (= 1)
 *   bundle id (16) | created_at i64 (Unix seconds)
 *   sender sign pk (32) | sender box pk (32)
 *   recipient fingerprint bytes (IDENTITY_FP_BYTES)
 *   sealed payload length u32 | sealed payload
 *   signature (64) over everything above
 * Payload (inside the seal):
 *   item count u32, then per item:
 *     table: u8 length + bytes | record id: u8 length + bytes
 *     field count u16, then per field: name u8 length + bytes,
 *       null flag u8, value u32 length + bytes (UTF-8 text)
 *
 * This module knows nothing of tables: the store decides which records go
 * (db/exchange.h).  Reading never trusts a length: every read is bounded,
 * so a hostile file is refused, never followed (tests/fuzz_bundle.c).
 * Uses libsodium; sodium_init() must have succeeded. */
#ifndef TC_BUNDLE_H
#define TC_BUNDLE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IDENTITY_SIGN_PK 32
#define IDENTITY_SIGN_SK 64
#define IDENTITY_BOX_PK 32
#define IDENTITY_BOX_SK 32
#define IDENTITY_FP_BYTES 16            /* BLAKE2b-128 of sign pk || box pk */
/* "12345 67890 12345 67890 12345 67890" + NUL: 30 digits (~100 bits) in
 * six groups of five, easy to read aloud in Thai or English. */
#define IDENTITY_FP_TEXT 36
#define BUNDLE_ID_BYTES 16
#define BUNDLE_ID_TEXT 33                /* hex + NUL */
#define BUNDLE_MAX_FILE (512u << 20)     /* refuse anything larger */

typedef struct identity_public {
    uint8_t sign_pk[IDENTITY_SIGN_PK];
    uint8_t box_pk[IDENTITY_BOX_PK];
} identity_public;

/* The store's own keys.  Allocate with identity_keys_new() (sodium_malloc,
 * locked) and free with identity_keys_free() (wiped). */
typedef struct identity_keys {
    identity_public pub;
    uint8_t sign_sk[IDENTITY_SIGN_SK];
    uint8_t box_sk[IDENTITY_BOX_SK];
} identity_keys;

identity_keys *identity_keys_new(void);         /* fresh random key pairs; NULL on failure */
void identity_keys_free(identity_keys *k);      /* NULL is fine */

void identity_fingerprint(const identity_public *pub, uint8_t out[IDENTITY_FP_BYTES]);
/* The 16 fingerprint bytes read as one big-endian 128-bit number, written
 * in decimal as its last 30 digits (the number mod 10^30, zero-padded),
 * grouped by five: deterministic, and the same in every language. */
void identity_fingerprint_text(const identity_public *pub, char out[IDENTITY_FP_TEXT]);
/* Reads a fingerprint as typed: digits (ASCII or Thai), spaces and dashes
 * ignored; exactly 30 digits.  Only compares: the digits do not give the
 * bytes back, so out is the canonical text. */
bool identity_fingerprint_parse(const char *text, char out[IDENTITY_FP_TEXT]);

/* The identity card: text a person can read, e.g.
 *   tipcase identity 1
 *   name: Mae Sot shelter (K7Q4X)
 *   fingerprint: 12345 67890 ...
 *   sign: <base64>
 *   box: <base64>
 * name is the store's name as its admin set it (UTF-8, no control
 * characters, at most IDENTITY_NAME_MAX bytes). */
#define IDENTITY_NAME_MAX 120
#define IDENTITY_CARD_MAX 1024
bool identity_card_write(const identity_public *pub, const char *name,
                         char *out, size_t outsz);
typedef enum card_status {
    CARD_OK = 0,
    CARD_NOT_A_CARD,            /* not an identity card */
    CARD_DAMAGED,               /* keys missing or malformed */
    CARD_FINGERPRINT_MISMATCH,  /* the fingerprint line disagrees with the keys */
} card_status;
card_status identity_card_read(const char *text, size_t len, identity_public *pub,
                               char name[IDENTITY_NAME_MAX + 1]);
const char *card_status_text(card_status s);    /* msgid */

/* ---- Payload ---------------------------------------------------------- */

typedef struct bundle_field {
    char *name;
    char *value;                /* NULL for SQL NULL */
} bundle_field;

typedef struct bundle_item {
    char *table;
    char *id;
    bundle_field *fields;
    size_t n_fields;
} bundle_item;

typedef struct bundle_payload {
    bundle_item *items;
    size_t n_items, cap;
} bundle_payload;

/* Appends an item (copies everything); NULL value means SQL NULL.  false
 * when memory runs out or a name is longer than 255 bytes.  Also false
 * (nothing added) for what the reader would refuse: a table, id or field
 * name that is NULL, empty, not valid UTF-8 or holds a control character,
 * a value that is not valid UTF-8, more than 65535 fields. */
bool bundle_add_item(bundle_payload *p, const char *table, const char *id,
                     const char *const *names, const char *const *values, size_t n);
/* Wipes (sodium_memzero) and frees every string: payloads hold personal
 * data in clear.  NULL is fine. */
void bundle_payload_free(bundle_payload *p);

/* ---- Files ------------------------------------------------------------- */

typedef struct bundle_header {
    uint8_t id[BUNDLE_ID_BYTES];
    char id_text[BUNDLE_ID_TEXT];
    int64_t created_at;
    identity_public sender;
    uint8_t recipient_fp[IDENTITY_FP_BYTES];
} bundle_header;

typedef enum bundle_status {
    BUNDLE_OK = 0,
    BUNDLE_NOT_A_BUNDLE,        /* no magic: some other file */
    BUNDLE_TOO_NEW,             /* a later format version */
    BUNDLE_TRUNCATED,           /* shorter than its lengths say */
    BUNDLE_TOO_LARGE,
    BUNDLE_BAD_SIGNATURE,       /* changed after signing: tampered or damaged */
    BUNDLE_WRONG_RECIPIENT,     /* sealed to another store */
    BUNDLE_CANNOT_OPEN,         /* the seal does not open with our key */
    BUNDLE_BAD_PAYLOAD,         /* signed and opened, but not well formed */
    BUNDLE_NOMEM,
} bundle_status;
const char *bundle_status_text(bundle_status s);    /* msgid */

/* Seals and signs p for recipient; *out (malloc'd, free() it) holds the
 * whole file.  h gets the header written (bundle id fresh from
 * randombytes).  BUNDLE_TOO_LARGE when the file would pass
 * BUNDLE_MAX_FILE, BUNDLE_CANNOT_OPEN when the recipient's box key is not
 * a usable key (the seal cannot be made). */
bundle_status bundle_seal(const identity_keys *sender, const identity_public *recipient,
                          const bundle_payload *p, int64_t now,
                          uint8_t **out, size_t *out_len, bundle_header *h);

/* Reads only the header and checks the signature (no key needed): lets
 * the caller see who sent it before opening.  h is filled only when the
 * signature holds (BUNDLE_OK); otherwise it is zeroed.  The checks run in
 * this order, so a damaged file gets the most useful message: no magic
 * (an empty file or a cut-off magic is BUNDLE_TRUNCATED), the version (0
 * is not a bundle, above 1 BUNDLE_TOO_NEW), the size (BUNDLE_TOO_LARGE),
 * the sealed payload length against the bytes there (fewer:
 * BUNDLE_TRUNCATED; more, e.g. something appended:
 * BUNDLE_BAD_SIGNATURE), then the signature itself. */
bundle_status bundle_peek(const uint8_t *data, size_t len, bundle_header *h);

/* Checks the signature, that it is for me, opens the seal and parses
 * the payload.  On any failure p is empty and nothing else happened.
 * p is an output: whatever it held is overwritten, not freed.  h is filled
 * as by bundle_peek() (so a bundle for another store still says who sent
 * it and for whom). */
bundle_status bundle_open(const uint8_t *data, size_t len, const identity_keys *me,
                          bundle_header *h, bundle_payload *p);

/* ---- The payload on its own (added for the tests and tests/fuzz_bundle.c) */

/* Writes p in the payload layout above (what goes inside the seal).  *out
 * is malloc'd and holds personal data in clear: sodium_memzero() it before
 * free().  BUNDLE_TOO_LARGE when it would not fit in a bundle. */
bundle_status bundle_payload_encode(const bundle_payload *p, uint8_t **out, size_t *out_len);
/* Parses a payload exactly as bundle_open() does after the seal opened:
 * every length bounded by what remains, counts no larger than the bytes
 * could hold, names valid UTF-8 without control characters, values valid
 * UTF-8 without NUL, nothing left over.  On failure (BUNDLE_BAD_PAYLOAD,
 * BUNDLE_NOMEM) p is empty. */
bundle_status bundle_payload_decode(const uint8_t *data, size_t len, bundle_payload *p);

#endif
