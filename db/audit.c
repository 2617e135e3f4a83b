/* audit.c - append to and verify the audit hash chain (see audit.h). */
#include "config.h"
#include "db/audit.h"
#include <sodium.h>
#include <string.h>

static void hash_u64(crypto_generichash_state *st, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    crypto_generichash_update(st, b, sizeof b);
}

/* Length-prefixed, so "ab"+"c" and "a"+"bc" hash differently. */
static void hash_text(crypto_generichash_state *st, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    unsigned char b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)((uint32_t)len >> (8 * i));
    crypto_generichash_update(st, b, sizeof b);
    if (len)
        crypto_generichash_update(st, (const unsigned char *)s, len);
}

static void row_hash(const unsigned char prev[AUDIT_HASH_BYTES], int64_t seq,
                     const char *at, const char *officer_id, const char *action,
                     const char *table_name, const char *record_id,
                     unsigned char out[AUDIT_HASH_BYTES])
{
    static const char domain[] = "tipcase audit v1";
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, AUDIT_HASH_BYTES);
    crypto_generichash_update(&st, prev, AUDIT_HASH_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)domain, sizeof domain - 1);
    hash_u64(&st, (uint64_t)seq);
    hash_text(&st, at);
    hash_text(&st, officer_id);
    hash_text(&st, action);
    hash_text(&st, table_name);
    hash_text(&st, record_id);
    crypto_generichash_final(&st, out, AUDIT_HASH_BYTES);
}

/* The last row's seq and hash; seq 0 and zero hash for an empty trail. */
static int chain_head(sqlite3 *db, int64_t *seq, unsigned char hash[AUDIT_HASH_BYTES])
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                                -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    *seq = 0;
    memset(hash, 0, AUDIT_HASH_BYTES);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *seq = sqlite3_column_int64(q, 0);
        if (sqlite3_column_bytes(q, 1) == AUDIT_HASH_BYTES)
            memcpy(hash, sqlite3_column_blob(q, 1), AUDIT_HASH_BYTES);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc;
}

int audit_append(sqlite3 *db, const char *at, const char *officer_id,
                 const char *action, const char *table_name, const char *record_id)
{
    if (!record_id)
        record_id = "";
    int64_t last = 0;
    unsigned char prev[AUDIT_HASH_BYTES], hash[AUDIT_HASH_BYTES];
    int rc = chain_head(db, &last, prev);
    if (rc != SQLITE_OK)
        return rc;
    int64_t seq = last + 1;
    row_hash(prev, seq, at, officer_id, action, table_name, record_id, hash);

    sqlite3_stmt *q = NULL;
    rc = sqlite3_prepare_v2(db,
        "INSERT INTO audit(seq, at, officer_id, action, table_name, record_id, prev_hash, hash)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(q, 1, seq);
    sqlite3_bind_text(q, 2, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, officer_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 5, table_name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, record_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(q, 7, prev, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    sqlite3_bind_blob(q, 8, hash, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char *column_text(sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    return t ? (const char *)t : "";
}

static bool blob_is(sqlite3_stmt *q, int col, const unsigned char want[AUDIT_HASH_BYTES])
{
    return sqlite3_column_type(q, col) == SQLITE_BLOB
        && sqlite3_column_bytes(q, col) == AUDIT_HASH_BYTES
        && sodium_memcmp(sqlite3_column_blob(q, col), want, AUDIT_HASH_BYTES) == 0;
}

/* Check one row against the hash of the row before it; on success expected
 * becomes this row's hash. */
static bool row_fits(sqlite3_stmt *q, unsigned char expected[AUDIT_HASH_BYTES], bool *bad_link)
{
    if (!blob_is(q, 6, expected)) {
        *bad_link = true;
        return false;
    }
    unsigned char h[AUDIT_HASH_BYTES];
    row_hash(expected, sqlite3_column_int64(q, 0), column_text(q, 1), column_text(q, 2),
             column_text(q, 3), column_text(q, 4), column_text(q, 5), h);
    if (!blob_is(q, 7, h)) {
        *bad_link = false;
        return false;
    }
    memcpy(expected, h, AUDIT_HASH_BYTES);
    return true;
}

int audit_verify(sqlite3 *db, audit_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->ok = true;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db,
        "SELECT seq, at, officer_id, action, table_name, record_id, prev_hash, hash"
        " FROM audit ORDER BY seq", -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    unsigned char expected[AUDIT_HASH_BYTES] = { 0 };
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        v->rows++;
        if (v->ok && !row_fits(q, expected, &v->bad_link)) {
            v->ok = false;
            v->first_bad_seq = sqlite3_column_int64(q, 0);
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}
