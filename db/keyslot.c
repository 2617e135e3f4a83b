/* keyslot.c - the key-slot file (see keyslot.h for the format).
 *
 * Everything secret (the passphrase-derived key, the unwrapped data key)
 * lives in sodium_malloc'd memory only as long as it is needed and is
 * wiped before it is freed. */
#include "config.h"
#include "db/keyslot.h"
#include "db/file_io.h"
#include "db/le_bytes.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOGIN_HASH_BYTES 32
#define KEK_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define WRAPPED_BYTES (DATA_KEY_BYTES + TAG_BYTES)
#define AD_BYTES (STORE_ID_BYTES + LOGIN_HASH_BYTES)
#define LOGIN_MAX_BYTES 256

static const char keyslot_magic[8] = { 'T', 'C', 'K', 'S', 'L', 'O', 'T', '1' };
/* Version 2 added the failure trailer; version 1 is still read. */
enum { KEYSLOT_FORMAT_V1 = 1, KEYSLOT_FORMAT_VERSION = 2 };

/* A crafted file must not make us allocate gigabytes or spin for minutes:
 * slots beyond these costs are treated as damage. */
#define KDF_OPSLIMIT_CEILING 64u
#define KDF_MEMLIMIT_CEILING (2048ull * 1024 * 1024)

typedef struct slot {
    unsigned char login_hash[LOGIN_HASH_BYTES];
    unsigned char salt[crypto_pwhash_SALTBYTES];
    uint64_t opslimit, memlimit;
    unsigned char nonce[NONCE_BYTES];
    unsigned char wrapped[WRAPPED_BYTES];
} slot;

struct keyslot_file {
    unsigned char store_id[STORE_ID_BYTES];
    size_t count;
    slot slots[KEYSLOT_MAX];
    unsigned version;           /* as read; a new or saved file is 2 */
    uint32_t failures;          /* failed tries since the last success */
    int64_t last_failure;       /* Unix seconds of the last failed try */
};

_Static_assert(KEYSLOT_FILE_HEADER_BYTES == 8 + 4 + STORE_ID_BYTES + 4, "header size");
_Static_assert(KEYSLOT_RECORD_BYTES == LOGIN_HASH_BYTES + crypto_pwhash_SALTBYTES + 8 + 8
               + NONCE_BYTES + WRAPPED_BYTES, "record size");

kdf_params kdf_params_default(void)
{
    /* libsodium's "moderate" Argon2id cost: 3 passes over 256 MiB.  Measured
     * 0.43-0.56 s on the 2-core build machine; a slower field laptop lands
     * near 1 s.  The 256 MiB is freed by libsodium as soon as the key is
     * derived, so the program's resident size stays small. */
    kdf_params p = { crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE };
    return p;
}

kdf_params kdf_params_cheap(void)
{
    kdf_params p = { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
    return p;
}

static bool sodium_ready(void)
{
    return sodium_init() >= 0;
}

static bool kdf_params_acceptable(uint64_t ops, uint64_t mem)
{
    return ops >= crypto_pwhash_OPSLIMIT_MIN && ops <= KDF_OPSLIMIT_CEILING
        && mem >= crypto_pwhash_MEMLIMIT_MIN && mem <= KDF_MEMLIMIT_CEILING;
}

/* ---- slots ---- */

/* BLAKE2b-256 keyed with the store id over the ASCII-lower-cased login, so
 * "Somchai" and "somchai" are one officer and the file names nobody. */
static bool login_hash(const unsigned char store_id[STORE_ID_BYTES], const char *login,
                       unsigned char out[LOGIN_HASH_BYTES])
{
    size_t len = strlen(login);
    if (len == 0 || len > LOGIN_MAX_BYTES)
        return false;
    unsigned char lower[LOGIN_MAX_BYTES];
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)login[i];
        lower[i] = (ch >= 'A' && ch <= 'Z') ? (unsigned char)(ch + ('a' - 'A')) : ch;
    }
    crypto_generichash(out, LOGIN_HASH_BYTES, lower, len, store_id, STORE_ID_BYTES);
    sodium_memzero(lower, sizeof lower);
    return true;
}

static slot *find_slot(const keyslot_file *f, const unsigned char hash[LOGIN_HASH_BYTES])
{
    for (size_t i = 0; i < f->count; i++)
        if (sodium_memcmp(f->slots[i].login_hash, hash, LOGIN_HASH_BYTES) == 0)
            return (slot *)&f->slots[i];
    return NULL;
}

static void slot_ad(const keyslot_file *f, const slot *s, unsigned char ad[AD_BYTES])
{
    memcpy(ad, f->store_id, STORE_ID_BYTES);
    memcpy(ad + STORE_ID_BYTES, s->login_hash, LOGIN_HASH_BYTES);
}

/* Argon2id(pass, salt) into a sodium_malloc'd key the caller frees with
 * sodium_free (which wipes it). */
static keyslot_status derive_kek(const char *pass, const unsigned char *salt,
                                 uint64_t ops, uint64_t mem, unsigned char **kek_out)
{
    unsigned char *kek = sodium_malloc(KEK_BYTES);
    if (!kek)
        return KEYSLOT_NOMEM;
    if (crypto_pwhash(kek, KEK_BYTES, pass, strlen(pass), salt, ops, (size_t)mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_free(kek);
        return KEYSLOT_NOMEM;   /* libsodium fails only when memory runs out */
    }
    *kek_out = kek;
    return KEYSLOT_OK;
}

/* What sealing and opening a slot both need: the key-encryption key from
 * pass with the slot's own salt and cost (freed by the caller with
 * sodium_free), and the associated data that binds the slot to this store
 * and this login. */
static keyslot_status slot_kek(const keyslot_file *f, const slot *s, const char *pass,
                               unsigned char **kek, unsigned char ad[AD_BYTES])
{
    keyslot_status st = derive_kek(pass, s->salt, s->opslimit, s->memlimit, kek);
    if (st == KEYSLOT_OK)
        slot_ad(f, s, ad);
    return st;
}

/* Fill s (its login_hash already set) with data_key wrapped under pass. */
static keyslot_status slot_seal(const keyslot_file *f, slot *s, const char *pass,
                                kdf_params p, const unsigned char data_key[DATA_KEY_BYTES])
{
    if (!kdf_params_acceptable(p.opslimit, p.memlimit))
        return KEYSLOT_NOMEM;
    randombytes_buf(s->salt, sizeof s->salt);
    randombytes_buf(s->nonce, sizeof s->nonce);
    s->opslimit = p.opslimit;
    s->memlimit = p.memlimit;
    unsigned char *kek = NULL, ad[AD_BYTES];
    keyslot_status st = slot_kek(f, s, pass, &kek, ad);
    if (st != KEYSLOT_OK)
        return st;
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(s->wrapped, &clen, data_key, DATA_KEY_BYTES,
                                               ad, sizeof ad, NULL, s->nonce, kek);
    sodium_free(kek);
    return KEYSLOT_OK;
}

/* ---- the file object ---- */

keyslot_status keyslot_file_new(const unsigned char store_id[STORE_ID_BYTES],
                                keyslot_file **out)
{
    *out = NULL;
    if (!sodium_ready())
        return KEYSLOT_NOMEM;
    keyslot_file *f = calloc(1, sizeof *f);
    if (!f)
        return KEYSLOT_NOMEM;
    memcpy(f->store_id, store_id, STORE_ID_BYTES);
    f->version = KEYSLOT_FORMAT_VERSION;
    *out = f;
    return KEYSLOT_OK;
}

void keyslot_file_free(keyslot_file *f)
{
    if (!f)
        return;
    sodium_memzero(f, sizeof *f);
    free(f);
}

const unsigned char *keyslot_store_id(const keyslot_file *f)
{
    return f->store_id;
}

size_t keyslot_count(const keyslot_file *f)
{
    return f->count;
}

bool keyslot_has(const keyslot_file *f, const char *login)
{
    unsigned char hash[LOGIN_HASH_BYTES];
    return login_hash(f->store_id, login, hash) && find_slot(f, hash) != NULL;
}

/* ---- parsing and serialising ---- */

static keyslot_status parse_slots(keyslot_file *f, const unsigned char *p, size_t count)
{
    for (size_t i = 0; i < count; i++, p += KEYSLOT_RECORD_BYTES) {
        slot *s = &f->slots[i];
        const unsigned char *q = p;
        memcpy(s->login_hash, q, LOGIN_HASH_BYTES);  q += LOGIN_HASH_BYTES;
        memcpy(s->salt, q, sizeof s->salt);          q += sizeof s->salt;
        s->opslimit = le_get_u64(q);                 q += 8;
        s->memlimit = le_get_u64(q);                 q += 8;
        memcpy(s->nonce, q, NONCE_BYTES);            q += NONCE_BYTES;
        memcpy(s->wrapped, q, WRAPPED_BYTES);
        if (!kdf_params_acceptable(s->opslimit, s->memlimit))
            return KEYSLOT_DAMAGED;
        for (size_t j = 0; j < i; j++)
            if (memcmp(f->slots[j].login_hash, s->login_hash, LOGIN_HASH_BYTES) == 0)
                return KEYSLOT_DAMAGED;
        f->count = i + 1;
    }
    return KEYSLOT_OK;
}

/* Version 2's trailer; a version 1 file has none and counts no failure. */
static void parse_trailer(keyslot_file *f, const unsigned char *p)
{
    f->failures = le_get_u32(p);
    f->last_failure = (int64_t)le_get_u64(p + 4);
}

static keyslot_status parse_file(const unsigned char *buf, size_t len, keyslot_file *f)
{
    if (len < KEYSLOT_FILE_HEADER_BYTES || memcmp(buf, keyslot_magic, sizeof keyslot_magic))
        return KEYSLOT_DAMAGED;
    uint32_t version = le_get_u32(buf + 8);
    if (version != KEYSLOT_FORMAT_V1 && version != KEYSLOT_FORMAT_VERSION)
        return KEYSLOT_DAMAGED;
    f->version = version;
    memcpy(f->store_id, buf + 12, STORE_ID_BYTES);
    uint32_t count = le_get_u32(buf + 12 + STORE_ID_BYTES);
    size_t body = KEYSLOT_FILE_HEADER_BYTES + (size_t)count * KEYSLOT_RECORD_BYTES;
    size_t trailer = version == KEYSLOT_FORMAT_V1 ? 0 : KEYSLOT_FILE_TRAILER_BYTES;
    if (count > KEYSLOT_MAX || len != body + trailer)
        return KEYSLOT_DAMAGED;
    if (trailer)
        parse_trailer(f, buf + body);
    return parse_slots(f, buf + KEYSLOT_FILE_HEADER_BYTES, count);
}

static size_t serialise(const keyslot_file *f, unsigned char *buf)
{
    unsigned char *p = buf;
    memcpy(p, keyslot_magic, sizeof keyslot_magic);  p += sizeof keyslot_magic;
    le_put_u32(p, KEYSLOT_FORMAT_VERSION);           p += 4;
    memcpy(p, f->store_id, STORE_ID_BYTES);          p += STORE_ID_BYTES;
    le_put_u32(p, (uint32_t)f->count);               p += 4;
    for (size_t i = 0; i < f->count; i++) {
        const slot *s = &f->slots[i];
        memcpy(p, s->login_hash, LOGIN_HASH_BYTES);  p += LOGIN_HASH_BYTES;
        memcpy(p, s->salt, sizeof s->salt);          p += sizeof s->salt;
        le_put_u64(p, s->opslimit);                  p += 8;
        le_put_u64(p, s->memlimit);                  p += 8;
        memcpy(p, s->nonce, NONCE_BYTES);            p += NONCE_BYTES;
        memcpy(p, s->wrapped, WRAPPED_BYTES);        p += WRAPPED_BYTES;
    }
    le_put_u32(p, f->failures);                      p += 4;
    le_put_u64(p, (uint64_t)f->last_failure);        p += 8;
    return (size_t)(p - buf);
}

#define FILE_MAX_BYTES KEYSLOT_FILE_MAX_BYTES

/* Reads at most FILE_MAX_BYTES + 1 so an oversized file is seen as damage
 * without reading all of it. */
static keyslot_status read_whole(const char *path, unsigned char *buf, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return KEYSLOT_IO;
    bool ok = file_read_full(fd, buf, FILE_MAX_BYTES + 1, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return ok ? KEYSLOT_OK : KEYSLOT_IO;
}

keyslot_status keyslot_file_parse(const unsigned char *buf, size_t len, keyslot_file **out)
{
    *out = NULL;
    if (!sodium_ready())
        return KEYSLOT_NOMEM;
    keyslot_file *f = calloc(1, sizeof *f);
    if (!f)
        return KEYSLOT_NOMEM;
    keyslot_status st = parse_file(buf, len, f);
    if (st != KEYSLOT_OK) {
        keyslot_file_free(f);
        return st;
    }
    *out = f;
    return KEYSLOT_OK;
}

keyslot_status keyslot_file_load(const char *path, keyslot_file **out)
{
    *out = NULL;
    if (!sodium_ready())
        return KEYSLOT_NOMEM;
    unsigned char *buf = malloc(FILE_MAX_BYTES + 1);
    keyslot_file *f = calloc(1, sizeof *f);
    if (!buf || !f) {
        free(buf);
        free(f);
        return KEYSLOT_NOMEM;
    }
    size_t len = 0;
    keyslot_status st = read_whole(path, buf, &len);
    if (st == KEYSLOT_OK)
        st = parse_file(buf, len, f);
    free(buf);
    if (st != KEYSLOT_OK) {
        int saved = errno;
        keyslot_file_free(f);
        errno = saved;
        return st;
    }
    *out = f;
    return KEYSLOT_OK;
}

keyslot_status keyslot_file_save(const keyslot_file *f, const char *path)
{
    unsigned char buf[FILE_MAX_BYTES];
    size_t len = serialise(f, buf);
    return file_replace_atomic(path, buf, len) ? KEYSLOT_OK : KEYSLOT_IO;
}

/* ---- operations on slots ---- */

keyslot_status keyslot_add(keyslot_file *f, const char *login, const char *pass,
                           kdf_params p, const unsigned char data_key[DATA_KEY_BYTES])
{
    unsigned char hash[LOGIN_HASH_BYTES];
    if (!login_hash(f->store_id, login, hash))
        return KEYSLOT_WRONG;
    if (find_slot(f, hash))
        return KEYSLOT_EXISTS;
    if (f->count >= KEYSLOT_MAX)
        return KEYSLOT_FULL;
    slot s;
    memset(&s, 0, sizeof s);
    memcpy(s.login_hash, hash, LOGIN_HASH_BYTES);
    keyslot_status st = slot_seal(f, &s, pass, p, data_key);
    if (st == KEYSLOT_OK)
        f->slots[f->count++] = s;
    return st;
}

/* The work an unknown login costs: the same Argon2id at the program's
 * default cost on a throw-away salt, so a stranger cannot tell "no such
 * officer" from "wrong passphrase" by the time it takes. */
static void burn_like_a_real_slot(const char *pass)
{
    unsigned char salt[crypto_pwhash_SALTBYTES];
    randombytes_buf(salt, sizeof salt);
    kdf_params p = kdf_params_default();
    unsigned char *kek = NULL;
    if (derive_kek(pass, salt, p.opslimit, p.memlimit, &kek) == KEYSLOT_OK)
        sodium_free(kek);
}

keyslot_status keyslot_unlock(const keyslot_file *f, const char *login, const char *pass,
                              unsigned char data_key[DATA_KEY_BYTES])
{
    unsigned char hash[LOGIN_HASH_BYTES];
    const slot *s = login_hash(f->store_id, login, hash) ? find_slot(f, hash) : NULL;
    if (!s) {
        burn_like_a_real_slot(pass);
        return KEYSLOT_WRONG;
    }
    unsigned char *kek = NULL, ad[AD_BYTES];
    keyslot_status st = slot_kek(f, s, pass, &kek, ad);
    if (st != KEYSLOT_OK)
        return st;
    unsigned long long mlen = 0;
    int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(data_key, &mlen, NULL, s->wrapped,
                                                        WRAPPED_BYTES, ad, sizeof ad,
                                                        s->nonce, kek);
    sodium_free(kek);
    if (rc != 0 || mlen != DATA_KEY_BYTES) {
        sodium_memzero(data_key, DATA_KEY_BYTES);
        return KEYSLOT_WRONG;
    }
    return KEYSLOT_OK;
}

keyslot_status keyslot_change(keyslot_file *f, const char *login, const char *new_pass,
                              kdf_params p, const unsigned char data_key[DATA_KEY_BYTES])
{
    unsigned char hash[LOGIN_HASH_BYTES];
    slot *s = login_hash(f->store_id, login, hash) ? find_slot(f, hash) : NULL;
    if (!s)
        return KEYSLOT_NO_SLOT;
    slot fresh = *s;
    keyslot_status st = slot_seal(f, &fresh, new_pass, p, data_key);
    if (st == KEYSLOT_OK)
        *s = fresh;
    sodium_memzero(&fresh, sizeof fresh);
    return st;
}

keyslot_status keyslot_remove(keyslot_file *f, const char *login)
{
    unsigned char hash[LOGIN_HASH_BYTES];
    slot *s = login_hash(f->store_id, login, hash) ? find_slot(f, hash) : NULL;
    if (!s)
        return KEYSLOT_NO_SLOT;
    if (f->count == 1)
        return KEYSLOT_LAST_SLOT;
    size_t i = (size_t)(s - f->slots);
    memmove(&f->slots[i], &f->slots[i + 1], (f->count - i - 1) * sizeof(slot));
    f->count--;
    sodium_memzero(&f->slots[f->count], sizeof(slot));
    return KEYSLOT_OK;
}

/* ---- pacing passphrase guesses ---- */

unsigned keyslot_file_version(const keyslot_file *f)
{
    return f->version;
}

uint32_t keyslot_failures(const keyslot_file *f)
{
    return f->failures;
}

int64_t keyslot_last_failure(const keyslot_file *f)
{
    return f->last_failure;
}

void keyslot_note_failure(keyslot_file *f, int64_t now)
{
    if (f->failures < UINT32_MAX)
        f->failures++;
    f->last_failure = now;
}

void keyslot_clear_failures(keyslot_file *f)
{
    f->failures = 0;
    f->last_failure = 0;
}

/* Three free tries cover typos; after that each failure doubles the wait,
 * up to half a minute: an officer who mistypes loses seconds, a guesser
 * at the keyboard or in a script gets about 120 tries an hour instead of
 * thousands.  (Argon2id's own 0.5-1 s per try comes on top.) */
enum { FREE_TRIES = 3 };

unsigned keyslot_guess_delay(uint32_t failures)
{
    if (failures < FREE_TRIES)
        return 0;
    uint32_t doublings = failures - FREE_TRIES;
    if (doublings >= 5)
        return KEYSLOT_DELAY_MAX_SECONDS;
    unsigned d = 1u << doublings;
    return d < KEYSLOT_DELAY_MAX_SECONDS ? d : KEYSLOT_DELAY_MAX_SECONDS;
}

unsigned keyslot_wait_seconds(const keyslot_file *f, int64_t now)
{
    unsigned full = keyslot_guess_delay(f->failures);
    if (full == 0)
        return 0;
    /* now before the last failure: the clock was set back; wait it all. */
    if (now < f->last_failure)
        return full;
    int64_t passed = now - f->last_failure;
    return passed >= (int64_t)full ? 0 : (unsigned)(full - passed);
}
