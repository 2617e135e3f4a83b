/* test_bundle.c - the sealed hand-over file and the identity card
 * (db/bundle.h): what the receiving officer relies on.  A bundle opens to
 * exactly what was sealed; anything changed, cut, appended, meant for
 * another store, from a later version or lying about its lengths is
 * refused with the right reason, leaves nothing behind, and never makes
 * the reader crash or allocate what the file cannot justify.  The
 * fingerprint reads the same every time and however it is typed; a card
 * whose fingerprint disagrees with its keys is refused. */
#include "tests/harness.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "db/bundle.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Offsets in the file, written out from the layout in bundle.h so the
 * tests check the layout rather than repeat the code. */
enum {
    AT_VERSION = 8, AT_ID = 10, AT_CREATED = 26, AT_SIGN_PK = 34, AT_BOX_PK = 66,
    AT_RECIPIENT = 98, AT_SEALED_LEN = 114, AT_SEALED = 118, SIG = 64
};

#define THAI_NAME "\xE0\xB8\xA1\xE0\xB8\xB0\xE0\xB8\xA5\xE0\xB8\xB4"      /* มะลิ */
#define THAI_NOTE "\xE0\xB8\x9E\xE0\xB8\x9A\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88 " \
                  "\xE0\xB9\x81\xE0\xB8\xA1\xE0\xB9\x88\xE0\xB8\xAA\xE0\xB8\xAD\xE0\xB8\x94\n" \
                  "line two, \"quoted\""                                    /* พบที่ แม่สอด */

static identity_keys *alice, *bob, *carol;   /* sender, receiver, a third store */

static int suite_init(void)
{
    if (sodium_init() < 0)
        return -1;
    alice = identity_keys_new();
    bob = identity_keys_new();
    carol = identity_keys_new();
    return alice && bob && carol ? 0 : -1;
}

static int suite_clean(void)
{
    identity_keys_free(alice);
    identity_keys_free(bob);
    identity_keys_free(carol);
    return 0;
}

static void put_le(uint8_t *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *b, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

/* A file built by hand from the layout: plain (any bytes, even a payload
 * that lies) sealed to `to`, signed by `from`, claiming `version`. */
static uint8_t *seal_raw(const identity_keys *from, const identity_public *to,
                         const uint8_t *plain, size_t plain_len, unsigned version,
                         size_t *len)
{
    size_t sealed = plain_len + crypto_box_SEALBYTES;
    *len = AT_SEALED + sealed + SIG;
    uint8_t *f = calloc(1, *len);
    if (!f)
        return NULL;
    memcpy(f, "TCBUNDLE", 8);
    put_le(f + AT_VERSION, version, 2);
    randombytes_buf(f + AT_ID, BUNDLE_ID_BYTES);
    put_le(f + AT_CREATED, 1795000000, 8);
    memcpy(f + AT_SIGN_PK, from->pub.sign_pk, 32);
    memcpy(f + AT_BOX_PK, from->pub.box_pk, 32);
    identity_fingerprint(to, f + AT_RECIPIENT);
    put_le(f + AT_SEALED_LEN, sealed, 4);
    crypto_box_seal(f + AT_SEALED, plain, plain_len, to->box_pk);
    crypto_sign_detached(f + *len - SIG, NULL, f, *len - SIG, from->sign_sk);
    return f;
}

static void resign(uint8_t *f, size_t len, const identity_keys *by)
{
    crypto_sign_detached(f + len - SIG, NULL, f, len - SIG, by->sign_sk);
}

static bool payload_empty(const bundle_payload *p)
{
    return p->n_items == 0 && p->items == NULL;
}

/* A small payload: a person in Thai with a NULL and an empty value. */
static bool small_payload(bundle_payload *p)
{
    const char *names[] = { "given_name", "family_name", "note", "alias" };
    const char *values[] = { THAI_NAME, NULL, THAI_NOTE, "" };
    return bundle_add_item(p, "persons", "0b6c2f0e-6f5e-4c1a-9a55-3b7c1d2e4f60", names, values, 4);
}

/* A sealed copy of the small payload from alice to bob (malloc'd). */
static uint8_t *small_bundle(size_t *len)
{
    bundle_payload p = { 0 };
    uint8_t *f = NULL;
    CU_ASSERT_FATAL(small_payload(&p));
    CU_ASSERT_FATAL(bundle_seal(alice, &bob->pub, &p, 1795000000, &f, len, NULL) == BUNDLE_OK);
    bundle_payload_free(&p);
    return f;
}

/* ------------------------------------------------------------ round trip */

static bool same_payload(const bundle_payload *a, const bundle_payload *b)
{
    if (a->n_items != b->n_items)
        return false;
    for (size_t i = 0; i < a->n_items; i++) {
        const bundle_item *x = &a->items[i], *y = &b->items[i];
        if (strcmp(x->table, y->table) || strcmp(x->id, y->id) || x->n_fields != y->n_fields)
            return false;
        for (size_t f = 0; f < x->n_fields; f++) {
            const bundle_field *u = &x->fields[f], *v = &y->fields[f];
            if (strcmp(u->name, v->name) || !u->value != !v->value ||
                (u->value && strcmp(u->value, v->value)))
                return false;
        }
    }
    return true;
}

static void round_trip(const bundle_payload *sent)
{
    uint8_t *f = NULL;
    size_t len = 0;
    bundle_header hs, hp, ho;
    bundle_payload got;
    CU_ASSERT_FATAL(bundle_seal(alice, &bob->pub, sent, 1795000000, &f, &len, &hs) == BUNDLE_OK);
    CU_ASSERT_EQUAL(bundle_peek(f, len, &hp), BUNDLE_OK);
    CU_ASSERT_EQUAL(bundle_open(f, len, bob, &ho, &got), BUNDLE_OK);
    static const bundle_payload none = { 0 };
    CU_ASSERT(same_payload(sent ? sent : &none, &got));
    CU_ASSERT_EQUAL(memcmp(&hs, &hp, sizeof hs), 0);
    CU_ASSERT_EQUAL(memcmp(&hs, &ho, sizeof hs), 0);
    CU_ASSERT_EQUAL(hs.created_at, 1795000000);
    CU_ASSERT_EQUAL(memcmp(&hs.sender, &alice->pub, sizeof hs.sender), 0);
    uint8_t fp[IDENTITY_FP_BYTES];
    identity_fingerprint(&bob->pub, fp);
    CU_ASSERT_EQUAL(memcmp(hs.recipient_fp, fp, sizeof fp), 0);
    bundle_payload_free(&got);
    free(f);
}

static void test_round_trip_thai_and_nulls(void)
{
    bundle_payload p = { 0 };
    const char *names[] = { "stage", "closed_on" };
    const char *values[] = { "screened", NULL };
    CU_ASSERT_FATAL(small_payload(&p));
    CU_ASSERT_FATAL(bundle_add_item(&p, "cases", "c-1", names, values, 2));
    CU_ASSERT_FATAL(bundle_add_item(&p, "consents", "k-1", NULL, NULL, 0));
    round_trip(&p);
    /* NULL and "" stay different: SQL NULL is not an empty text. */
    CU_ASSERT_PTR_NULL(p.items[0].fields[1].value);
    CU_ASSERT_STRING_EQUAL(p.items[0].fields[3].value, "");
    bundle_payload_free(&p);
    CU_ASSERT(payload_empty(&p));
}

static void test_round_trip_empty(void)
{
    bundle_payload p = { 0 };
    round_trip(&p);
    round_trip(NULL);
}

static void test_round_trip_many_items(void)
{
    bundle_payload p = { 0 };
    char id[40], value[80];
    const char *names[] = { "n", "thai", "nothing" };
    for (int i = 0; i < 2000; i++) {
        snprintf(id, sizeof id, "record-%05d", i);
        snprintf(value, sizeof value, "%d " THAI_NAME, i * 7);
        const char *values[] = { value, THAI_NOTE, NULL };
        CU_ASSERT_FATAL(bundle_add_item(&p, i % 2 ? "persons" : "cases", id, names, values, 3));
    }
    CU_ASSERT_EQUAL(p.n_items, 2000);
    round_trip(&p);
    bundle_payload_free(&p);
}

/* Two hand-overs of the same records are two bundles: a replay is told
 * from a second sending by its id. */
static void test_fresh_bundle_id(void)
{
    bundle_payload p = { 0 };
    uint8_t *f1 = NULL, *f2 = NULL;
    size_t l1, l2;
    bundle_header h1, h2;
    CU_ASSERT_FATAL(small_payload(&p));
    CU_ASSERT_FATAL(bundle_seal(alice, &bob->pub, &p, 1, &f1, &l1, &h1) == BUNDLE_OK);
    CU_ASSERT_FATAL(bundle_seal(alice, &bob->pub, &p, 1, &f2, &l2, &h2) == BUNDLE_OK);
    CU_ASSERT_NOT_EQUAL(memcmp(h1.id, h2.id, BUNDLE_ID_BYTES), 0);
    CU_ASSERT_EQUAL(strlen(h1.id_text), 32);
    CU_ASSERT_EQUAL(strspn(h1.id_text, "0123456789abcdef"), 32);
    bundle_payload_free(&p);
    free(f1);
    free(f2);
}

/* The bytes are where bundle.h says, so another implementation can read
 * them: checked by hand, not through the reader. */
static void test_layout_as_documented(void)
{
    size_t len;
    uint8_t *f = small_bundle(&len);
    CU_ASSERT_EQUAL(memcmp(f, "TCBUNDLE", 8), 0);
    CU_ASSERT_EQUAL(get_le(f + AT_VERSION, 2), 1);
    CU_ASSERT_EQUAL(get_le(f + AT_CREATED, 8), 1795000000);
    CU_ASSERT_EQUAL(memcmp(f + AT_SIGN_PK, alice->pub.sign_pk, 32), 0);
    CU_ASSERT_EQUAL(memcmp(f + AT_BOX_PK, alice->pub.box_pk, 32), 0);
    CU_ASSERT_EQUAL(get_le(f + AT_SEALED_LEN, 4), len - AT_SEALED - SIG);
    CU_ASSERT_EQUAL(crypto_sign_verify_detached(f + len - SIG, f, len - SIG, alice->pub.sign_pk), 0);
    size_t plain_len = len - AT_SEALED - SIG - crypto_box_SEALBYTES;
    uint8_t *plain = malloc(plain_len);
    CU_ASSERT_FATAL(plain != NULL);
    CU_ASSERT_FATAL(crypto_box_seal_open(plain, f + AT_SEALED, len - AT_SEALED - SIG,
                                         bob->pub.box_pk, bob->box_sk) == 0);
    CU_ASSERT_EQUAL(get_le(plain, 4), 1);                       /* one item */
    CU_ASSERT_EQUAL(plain[4], strlen("persons"));
    CU_ASSERT_EQUAL(memcmp(plain + 5, "persons", 7), 0);
    free(plain);
    free(f);
}

/* ----------------------------------------------------------- fingerprint */

static bool grouped_digits(const char *t)
{
    if (strlen(t) != IDENTITY_FP_TEXT - 1)
        return false;
    for (size_t i = 0; i < IDENTITY_FP_TEXT - 1; i++)
        if (i % 6 == 5 ? t[i] != ' ' : !(t[i] >= '0' && t[i] <= '9'))
            return false;
    return true;
}

/* The documented derivation, computed another way (128-bit arithmetic):
 * BLAKE2b-128 of sign pk || box pk, big-endian, mod 10^30. */
static void expected_fingerprint(const identity_public *pub, char out[31])
{
    uint8_t both[64], h[16];
    memcpy(both, pub->sign_pk, 32);
    memcpy(both + 32, pub->box_pk, 32);
    crypto_generichash(h, 16, both, 64, NULL, 0);
    unsigned __int128 v = 0;
    for (int i = 0; i < 16; i++)
        v = v << 8 | h[i];
    for (int d = 29; d >= 0; d--) {
        out[d] = (char)('0' + (int)(v % 10));
        v /= 10;
    }
    out[30] = '\0';
}

static void strip_spaces(const char *in, char *out)
{
    for (; *in; in++)
        if (*in != ' ')
            *out++ = *in;
    *out = '\0';
}

static void test_fingerprint_stable_and_readable(void)
{
    char a1[IDENTITY_FP_TEXT], a2[IDENTITY_FP_TEXT], b[IDENTITY_FP_TEXT];
    char digits[31], want[31];
    identity_fingerprint_text(&alice->pub, a1);
    identity_fingerprint_text(&alice->pub, a2);
    identity_fingerprint_text(&bob->pub, b);
    CU_ASSERT_STRING_EQUAL(a1, a2);
    CU_ASSERT_STRING_NOT_EQUAL(a1, b);
    CU_ASSERT(grouped_digits(a1));
    CU_ASSERT(grouped_digits(b));
    expected_fingerprint(&alice->pub, want);
    strip_spaces(a1, digits);
    CU_ASSERT_STRING_EQUAL(digits, want);
    /* A fixed key gives a fixed text: the same on every laptop. */
    identity_public fixed;
    memset(fixed.sign_pk, 0x11, 32);
    memset(fixed.box_pk, 0x22, 32);
    identity_fingerprint_text(&fixed, a1);
    expected_fingerprint(&fixed, want);
    strip_spaces(a1, digits);
    CU_ASSERT_STRING_EQUAL(digits, want);
}

static void test_fingerprint_parse(void)
{
    static const struct {
        const char *typed;
        const char *want;        /* NULL: refused */
    } rows[] = {
        { "12345 67890 12345 67890 12345 67890", "12345 67890 12345 67890 12345 67890" },
        { "123456789012345678901234567890", "12345 67890 12345 67890 12345 67890" },
        { "12345-67890-12345-67890-12345-67890", "12345 67890 12345 67890 12345 67890" },
        { "  01234\t56789 - 01234 56789 01234 56789  ", "01234 56789 01234 56789 01234 56789" },
        /* Thai digits, as a Thai keyboard types them */
        { "\xE0\xB9\x91\xE0\xB9\x92\xE0\xB9\x93\xE0\xB9\x94\xE0\xB9\x95 67890 12345 67890 12345 6789\xE0\xB9\x90",
          "12345 67890 12345 67890 12345 67890" },
        { "12345\xE2\x80\x93" "67890 12345 67890 12345 67890", "12345 67890 12345 67890 12345 67890" },
        { "12345 67890 12345 67890 12345 6789", NULL },          /* 29 digits */
        { "12345 67890 12345 67890 12345 678901", NULL },        /* 31 */
        { "12345 67890 12345 67890 12345 6789O", NULL },         /* letter O */
        { "12345.67890.12345.67890.12345.67890", NULL },
        { "", NULL },
        { "\xFF" "2345 67890 12345 67890 12345 67890", NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        char out[IDENTITY_FP_TEXT];
        bool ok = identity_fingerprint_parse(rows[i].typed, out);
        CHECK_ROW(ok == (rows[i].want != NULL), rows[i].typed);
        if (ok && rows[i].want)
            CHECK_ROW(strcmp(out, rows[i].want) == 0, rows[i].typed);
    }
    CU_ASSERT_FALSE(identity_fingerprint_parse(NULL, (char[IDENTITY_FP_TEXT]){ 0 }));
    char mine[IDENTITY_FP_TEXT], back[IDENTITY_FP_TEXT];
    identity_fingerprint_text(&bob->pub, mine);
    CU_ASSERT(identity_fingerprint_parse(mine, back));
    CU_ASSERT_STRING_EQUAL(mine, back);
}

/* --------------------------------------------------------- identity card */

static void test_card_round_trip(void)
{
    char card[IDENTITY_CARD_MAX], name[IDENTITY_NAME_MAX + 1], fp[IDENTITY_FP_TEXT];
    identity_public pub;
    const char *store_name = "\xE0\xB8\x9A\xE0\xB9\x89\xE0\xB8\xB2\xE0\xB8\x99 Mae Sot (K7Q4X)";
    CU_ASSERT_FATAL(identity_card_write(&alice->pub, store_name, card, sizeof card));
    CU_ASSERT(strncmp(card, "tipcase identity 1\nname: ", 25) == 0);
    identity_fingerprint_text(&alice->pub, fp);
    CU_ASSERT_PTR_NOT_NULL(strstr(card, fp));
    CU_ASSERT_EQUAL(identity_card_read(card, strlen(card), &pub, name), CARD_OK);
    CU_ASSERT_EQUAL(memcmp(&pub, &alice->pub, sizeof pub), 0);
    CU_ASSERT_STRING_EQUAL(name, store_name);
}

/* What mail and editors do to a text file does not spoil a card. */
static void test_card_survives_transport(void)
{
    char card[IDENTITY_CARD_MAX], crlf[2 * IDENTITY_CARD_MAX], name[IDENTITY_NAME_MAX + 1];
    identity_public pub;
    CU_ASSERT_FATAL(identity_card_write(&bob->pub, "Shelter", card, sizeof card));
    size_t o = 0;
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    o = 3;
    for (const char *c = card; *c; c++) {
        if (*c == '\n')
            crlf[o++] = '\r';
        crlf[o++] = *c;
    }
    memcpy(crlf + o, "\r\n\r\n", 4);
    o += 4;
    CU_ASSERT(o <= IDENTITY_CARD_MAX);
    CU_ASSERT_EQUAL(identity_card_read(crlf, o, &pub, name), CARD_OK);
    CU_ASSERT_EQUAL(memcmp(&pub, &bob->pub, sizeof pub), 0);
    CU_ASSERT_STRING_EQUAL(name, "Shelter");
}

static void test_card_write_refuses(void)
{
    char card[IDENTITY_CARD_MAX], small[64];
    char long_name[IDENTITY_NAME_MAX + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    CU_ASSERT_FALSE(identity_card_write(&alice->pub, "Bad\x1B[2Jname", card, sizeof card));
    CU_ASSERT_FALSE(identity_card_write(&alice->pub, "two\nlines", card, sizeof card));
    CU_ASSERT_FALSE(identity_card_write(&alice->pub, "\xE2\x80\xAEreversed", card, sizeof card));
    CU_ASSERT_FALSE(identity_card_write(&alice->pub, "bad \xC3", card, sizeof card));
    CU_ASSERT_FALSE(identity_card_write(&alice->pub, long_name, card, sizeof card));
    CU_ASSERT_FALSE(identity_card_write(&alice->pub, "ok", small, sizeof small));
    CU_ASSERT_STRING_EQUAL(small, "");
    long_name[IDENTITY_NAME_MAX] = '\0';
    CU_ASSERT(identity_card_write(&alice->pub, long_name, card, sizeof card));
}

/* Replaces the first occurrence of what with with in card (same buffer). */
static void card_replace(char *card, const char *what, const char *with)
{
    char *at = strstr(card, what);
    CU_ASSERT_FATAL(at != NULL);
    size_t wl = strlen(what), nl = strlen(with);
    memmove(at + nl, at + wl, strlen(at + wl) + 1);
    memcpy(at, with, nl);
}

static void line_value(const char *card, const char *key, char *out, size_t outsz)
{
    const char *at = strstr(card, key);
    CU_ASSERT_FATAL(at != NULL);
    at += strlen(key);
    size_t n = strcspn(at, "\n");
    snprintf(out, outsz, "%.*s", (int)n, at);
}

static void test_card_tampered_refused(void)
{
    char good[IDENTITY_CARD_MAX], card[2 * IDENTITY_CARD_MAX];
    char fp[IDENTITY_FP_TEXT], box[64], carol_box[64], carol_card[IDENTITY_CARD_MAX];
    identity_public pub;
    memset(&pub, 0x5A, sizeof pub);
    CU_ASSERT_FATAL(identity_card_write(&alice->pub, "Alice", good, sizeof good));
    CU_ASSERT_FATAL(identity_card_write(&carol->pub, "Carol", carol_card, sizeof carol_card));
    identity_fingerprint_text(&alice->pub, fp);
    line_value(good, "box: ", box, sizeof box);
    line_value(carol_card, "box: ", carol_box, sizeof carol_box);

    /* Someone swaps in their own encryption key: the fingerprint the
     * officers compared by phone no longer fits. */
    strcpy(card, good);
    card_replace(card, box, carol_box);
    CU_ASSERT_EQUAL(identity_card_read(card, strlen(card), &pub, NULL), CARD_FINGERPRINT_MISMATCH);
    /* ... or changes a digit of the fingerprint. */
    strcpy(card, good);
    char other_fp[IDENTITY_FP_TEXT];
    strcpy(other_fp, fp);
    other_fp[0] = other_fp[0] == '9' ? '0' : (char)(other_fp[0] + 1);
    card_replace(card, fp, other_fp);
    CU_ASSERT_EQUAL(identity_card_read(card, strlen(card), &pub, NULL), CARD_FINGERPRINT_MISMATCH);
    /* The refused cards gave nothing back. */
    uint8_t untouched[sizeof pub];
    memset(untouched, 0x5A, sizeof untouched);
    CU_ASSERT_EQUAL(memcmp(&pub, untouched, sizeof pub), 0);

    static const struct {
        const char *what, *with;
        card_status want;
    } edits[] = {
        { "tipcase identity 1", "tipcase identity 2", CARD_NOT_A_CARD },
        { "tipcase identity 1", "hello", CARD_NOT_A_CARD },
        { "sign: ", "sigh: ", CARD_DAMAGED },
        { "box: ", "# box: ", CARD_DAMAGED },
        { "fingerprint: ", "fingerprint: 1", CARD_DAMAGED },     /* 31 digits */
        { "name: Alice", "name: Al\x1B[2Jice", CARD_DAMAGED },
        { "name: Alice", "name: Alice\nname: Eve", CARD_DAMAGED },
        { "name: Alice\n", "", CARD_DAMAGED },
        { "sign: ", "sign: AAAA", CARD_DAMAGED },               /* 35 bytes of key */
        { "box: ", "box: *", CARD_DAMAGED },
    };
    for (size_t i = 0; i < COUNT(edits); i++) {
        strcpy(card, good);
        card_replace(card, edits[i].what, edits[i].with);
        CHECK_ROW(identity_card_read(card, strlen(card), &pub, NULL) == edits[i].want,
                  edits[i].with);
    }
    /* A key that is no key at all (all zero) is damage, not a store. */
    strcpy(card, good);
    card_replace(card, box, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    CU_ASSERT_EQUAL(identity_card_read(card, strlen(card), &pub, NULL), CARD_DAMAGED);
    /* Not text, or far too long to be a card. */
    CU_ASSERT_EQUAL(identity_card_read(good, strlen(good) + 1, &pub, NULL), CARD_NOT_A_CARD);
    CU_ASSERT_EQUAL(identity_card_read("", 0, &pub, NULL), CARD_NOT_A_CARD);
    CU_ASSERT_EQUAL(identity_card_read(card, IDENTITY_CARD_MAX + 1, &pub, NULL), CARD_NOT_A_CARD);
}

/* --------------------------------------------------- refused bundles */

static void expect_refused(const uint8_t *f, size_t len, bundle_status want1,
                           bundle_status want2, const char *what)
{
    bundle_header h;
    bundle_payload p;
    memset(&p, 0x5A, sizeof p);
    bundle_status peek = bundle_peek(f, len, &h);
    bundle_status open = bundle_open(f, len, bob, &h, &p);
    CHECK_ROW(peek == want1 || peek == want2, what);
    CHECK_ROW(open == want1 || open == want2, what);
    CHECK_ROW(payload_empty(&p), what);
}

/* Every byte changed, one at a time (all bits, and a single bit): never
 * accepted, never a crash.  After the version, the reason is tampering
 * (or, where the sealed length grew, that the file is shorter than it
 * says). */
static void test_tampered_every_byte(void)
{
    size_t len;
    uint8_t *f = small_bundle(&len);
    int wrong_reason = 0;
    for (size_t i = 0; i < len; i++) {
        for (int pass = 0; pass < 2; pass++) {
            uint8_t mask = pass ? (uint8_t)(1u << (i % 8)) : 0xFF;
            bundle_header h;
            bundle_payload p;
            f[i] ^= mask;
            bundle_status peek = bundle_peek(f, len, &h);
            bundle_status open = bundle_open(f, len, bob, &h, &p);
            f[i] ^= mask;
            CU_ASSERT_NOT_EQUAL(peek, BUNDLE_OK);
            CU_ASSERT_NOT_EQUAL(open, BUNDLE_OK);
            CU_ASSERT(payload_empty(&p));
            bool in_length = i >= AT_SEALED_LEN && i < AT_SEALED;
            bool want = i < AT_ID ? (open == BUNDLE_NOT_A_BUNDLE || open == BUNDLE_TOO_NEW)
                        : open == BUNDLE_BAD_SIGNATURE || (in_length && open == BUNDLE_TRUNCATED);
            if (!want) {
                wrong_reason++;
                printf("\n    byte %zu mask %02x: %d", i, mask, (int)open);
            }
        }
    }
    CU_ASSERT_EQUAL(wrong_reason, 0);
    free(f);
}

/* Cut at every length, in a buffer exactly that long (so the sanitizers
 * see any read past the end). */
static void test_truncated_every_length(void)
{
    size_t len;
    uint8_t *f = small_bundle(&len);
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t *part = malloc(cut ? cut : 1);
        CU_ASSERT_FATAL(part != NULL);
        memcpy(part, f, cut);
        char what[32];
        snprintf(what, sizeof what, "cut at %zu", cut);
        expect_refused(part, cut, BUNDLE_TRUNCATED, BUNDLE_BAD_SIGNATURE, what);
        free(part);
    }
    expect_refused(NULL, 0, BUNDLE_TRUNCATED, BUNDLE_TRUNCATED, "NULL");
    free(f);
}

static void test_wrong_recipient(void)
{
    size_t len;
    uint8_t *f = small_bundle(&len);
    bundle_header h;
    bundle_payload p;
    uint8_t bob_fp[IDENTITY_FP_BYTES];
    memset(&p, 0x5A, sizeof p);
    CU_ASSERT_EQUAL(bundle_open(f, len, carol, &h, &p), BUNDLE_WRONG_RECIPIENT);
    CU_ASSERT(payload_empty(&p));
    /* The header still says who sent it and for whom. */
    identity_fingerprint(&bob->pub, bob_fp);
    CU_ASSERT_EQUAL(memcmp(h.recipient_fp, bob_fp, sizeof bob_fp), 0);
    CU_ASSERT_EQUAL(memcmp(&h.sender, &alice->pub, sizeof h.sender), 0);
    free(f);

    /* A bundle that names carol but was sealed to bob (a forger's
     * mistake, signed by the forger): it does not open with carol's key. */
    const uint8_t plain[4] = { 0 };
    f = seal_raw(alice, &bob->pub, plain, sizeof plain, 1, &len);
    CU_ASSERT_FATAL(f != NULL);
    identity_fingerprint(&carol->pub, f + AT_RECIPIENT);
    resign(f, len, alice);
    CU_ASSERT_EQUAL(bundle_open(f, len, carol, &h, &p), BUNDLE_CANNOT_OPEN);
    CU_ASSERT(payload_empty(&p));
    free(f);
}

static void test_appended_garbage(void)
{
    size_t len;
    uint8_t *f = small_bundle(&len);
    static const size_t extra[] = { 1, 63, 64, 65, 4096 };
    for (size_t i = 0; i < COUNT(extra); i++) {
        uint8_t *g = calloc(1, len + extra[i]);
        CU_ASSERT_FATAL(g != NULL);
        memcpy(g, f, len);
        char what[32];
        snprintf(what, sizeof what, "%zu extra bytes", extra[i]);
        expect_refused(g, len + extra[i], BUNDLE_BAD_SIGNATURE, BUNDLE_BAD_SIGNATURE, what);
        /* even extra bytes that are themselves a valid bundle */
        free(g);
    }
    uint8_t *two = malloc(2 * len);
    CU_ASSERT_FATAL(two != NULL);
    memcpy(two, f, len);
    memcpy(two + len, f, len);
    expect_refused(two, 2 * len, BUNDLE_BAD_SIGNATURE, BUNDLE_BAD_SIGNATURE, "two bundles");
    free(two);
    free(f);
}

static void test_version_and_magic(void)
{
    const uint8_t plain[4] = { 0 };
    size_t len;
    /* Signed correctly by its sender, but a later format: told apart
     * from damage, so the officer knows to update tipcase. */
    uint8_t *f = seal_raw(alice, &bob->pub, plain, sizeof plain, 2, &len);
    CU_ASSERT_FATAL(f != NULL);
    expect_refused(f, len, BUNDLE_TOO_NEW, BUNDLE_TOO_NEW, "version 2");
    put_le(f + AT_VERSION, 0xFFFF, 2);
    expect_refused(f, len, BUNDLE_TOO_NEW, BUNDLE_TOO_NEW, "version 65535");
    put_le(f + AT_VERSION, 0, 2);
    resign(f, len, alice);
    expect_refused(f, len, BUNDLE_NOT_A_BUNDLE, BUNDLE_NOT_A_BUNDLE, "version 0");
    free(f);
    /* Version 1 built by hand from the layout opens: the layout is real. */
    f = seal_raw(alice, &bob->pub, plain, sizeof plain, 1, &len);
    bundle_payload p;
    CU_ASSERT_EQUAL(bundle_open(f, len, bob, NULL, &p), BUNDLE_OK);
    CU_ASSERT(payload_empty(&p));
    free(f);

    static const char *const others[] = { "PK\x03\x04 a zip file, not a bundle",
                                          "tipcase identity 1\nname: x\n", "TCBUNDLF" };
    for (size_t i = 0; i < COUNT(others); i++)
        expect_refused((const uint8_t *)others[i], strlen(others[i]), BUNDLE_NOT_A_BUNDLE,
                       BUNDLE_NOT_A_BUNDLE, others[i]);
}

/* A file larger than BUNDLE_MAX_FILE is refused before it is read: an
 * untouched anonymous mapping costs no memory. */
static void test_too_large_file(void)
{
    size_t len = (size_t)BUNDLE_MAX_FILE + 1;
    uint8_t *big = mmap(NULL, len, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CU_ASSERT_FATAL(big != MAP_FAILED);
    memcpy(big, "TCBUNDLE\x01\x00", 10);
    expect_refused(big, len, BUNDLE_TOO_LARGE, BUNDLE_TOO_LARGE, "513 MiB");
    munmap(big, len);
}

/* ------------------------------------------------ lying payloads */

/* Payloads that are signed and sealed correctly but lie about lengths or
 * carry what the reader refuses: BUNDLE_BAD_PAYLOAD, never NOMEM (which
 * would mean it tried to allocate what the bytes claimed) and never a
 * crash.  Under the sanitizers a huge allocation would abort the test. */
static const struct {
    const char *what;
    const char *bytes;
    size_t len;
} lying[] = {
#define ROW(w, b) { w, b, sizeof(b) - 1 }
    ROW("4 billion items", "\xFF\xFF\xFF\xFF"),
    ROW("4 billion items, some bytes", "\xFF\xFF\xFF\xFF" "\x01t\x01i\x00\x00"),
    ROW("2 items, 1 there", "\x02\x00\x00\x00" "\x01t\x01i\x00\x00"),
    ROW("65535 fields", "\x01\x00\x00\x00" "\x01t\x01i\xFF\xFF" "\x01n\x00\x00\x00\x00\x00"),
    ROW("value of 4 GiB", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01n\x00\xFF\xFF\xFF\xFF" "ab"),
    ROW("name of 255 bytes, 3 there", "\x01\x00\x00\x00" "\xFFtab"),
    ROW("empty table name", "\x01\x00\x00\x00" "\x00\x01i\x00\x00"),
    ROW("empty id", "\x01\x00\x00\x00" "\x01t\x00\x00\x00"),
    ROW("empty field name", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x00\x00\x00\x00\x00\x00"),
    ROW("NUL inside a value", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01n\x00\x03\x00\x00\x00" "a\x00" "b"),
    ROW("NUL inside a table name", "\x01\x00\x00\x00" "\x02t\x00\x01i\x00\x00"),
    ROW("invalid UTF-8 table", "\x01\x00\x00\x00" "\x01\xFF\x01i\x00\x00"),
    ROW("overlong UTF-8 id", "\x01\x00\x00\x00" "\x01t\x02\xC0\xAF\x00\x00"),
    ROW("escape in a field name", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01\x1B\x00\x00\x00\x00\x00"),
    ROW("invalid UTF-8 value", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01n\x00\x01\x00\x00\x00" "\xE0"),
    ROW("null flag 2", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01n\x02\x00\x00\x00\x00"),
    ROW("NULL with a value", "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01n\x01\x01\x00\x00\x00" "x"),
    ROW("a byte left over", "\x01\x00\x00\x00" "\x01t\x01i\x00\x00" "!"),
    ROW("no count at all", "\x01\x00"),
    ROW("nothing", ""),
#undef ROW
};

static void test_lying_payloads_refused(void)
{
    for (size_t i = 0; i < COUNT(lying); i++) {
        bundle_payload p;
        memset(&p, 0x5A, sizeof p);
        CHECK_ROW(bundle_payload_decode((const uint8_t *)lying[i].bytes, lying[i].len, &p) ==
                      BUNDLE_BAD_PAYLOAD, lying[i].what);
        CHECK_ROW(payload_empty(&p), lying[i].what);
        /* and the same inside a real, signed, sealed bundle */
        size_t len;
        uint8_t *f = seal_raw(alice, &bob->pub, (const uint8_t *)lying[i].bytes, lying[i].len, 1, &len);
        CU_ASSERT_FATAL(f != NULL);
        CHECK_ROW(bundle_peek(f, len, NULL) == BUNDLE_OK, lying[i].what);
        memset(&p, 0x5A, sizeof p);
        CHECK_ROW(bundle_open(f, len, bob, NULL, &p) == BUNDLE_BAD_PAYLOAD, lying[i].what);
        CHECK_ROW(payload_empty(&p), lying[i].what);
        free(f);
    }
}

/* The smallest well-formed payloads do read: the refusals above are for
 * the lie, not for the shape. */
static void test_minimal_payloads_read(void)
{
    static const struct {
        const char *bytes;
        size_t len;
        size_t items;
    } rows[] = {
        { "\x00\x00\x00\x00", 4, 0 },
        { "\x01\x00\x00\x00" "\x01t\x01i\x00\x00", 10, 1 },
        { "\x01\x00\x00\x00" "\x01t\x01i\x01\x00" "\x01n\x01\x00\x00\x00\x00", 17, 1 },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        bundle_payload p;
        CU_ASSERT_EQUAL(bundle_payload_decode((const uint8_t *)rows[i].bytes, rows[i].len, &p), BUNDLE_OK);
        CU_ASSERT_EQUAL(p.n_items, rows[i].items);
        bundle_payload_free(&p);
    }
}

/* The outer sealed length claims 4 GiB: refused as truncated, at once. */
static void test_huge_sealed_length(void)
{
    size_t len;
    uint8_t *f = small_bundle(&len);
    put_le(f + AT_SEALED_LEN, 0xFFFFFFFFu, 4);
    resign(f, len, alice);
    expect_refused(f, len, BUNDLE_TRUNCATED, BUNDLE_TRUNCATED, "sealed length 4 GiB");
    /* and one too short for a seal, honestly signed */
    uint8_t *g = seal_raw(alice, &bob->pub, NULL, 0, 1, &len);
    CU_ASSERT_FATAL(g != NULL);
    size_t short_len = AT_SEALED + 10 + SIG;
    memmove(g + AT_SEALED + 10, g + len - SIG, SIG);
    put_le(g + AT_SEALED_LEN, 10, 4);
    resign(g, short_len, alice);
    bundle_payload p;
    CU_ASSERT_EQUAL(bundle_open(g, short_len, bob, NULL, &p), BUNDLE_CANNOT_OPEN);
    CU_ASSERT(payload_empty(&p));
    free(g);
    free(f);
}

/* ------------------------------------------------ building payloads */

static void test_add_item_rules(void)
{
    bundle_payload p = { 0 };
    char n255[256], n256[257];
    memset(n255, 'x', 255);
    n255[255] = '\0';
    memset(n256, 'x', 256);
    n256[256] = '\0';
    const char *ok_names[] = { "a" };
    const char *ok_values[] = { "v" };
    const char *long_name[] = { n256 };
    const char *max_name[] = { n255 };
    const char *bad_value[] = { "\xC3(" };
    const char *no_name[] = { NULL };
    const char *ctl_name[] = { "a\tb" };
    CU_ASSERT(bundle_add_item(&p, n255, n255, max_name, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, n256, "i", ok_names, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", n256, ok_names, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", "i", long_name, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "", "i", ok_names, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", "", ok_names, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, NULL, "i", ok_names, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", "i", no_name, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", "i", ctl_name, ok_values, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", "i", ok_names, bad_value, 1));
    CU_ASSERT_FALSE(bundle_add_item(&p, "t", "i", NULL, NULL, 1));
    /* values NULL: every field is SQL NULL */
    CU_ASSERT(bundle_add_item(&p, "t", "i", ok_names, NULL, 1));
    CU_ASSERT_EQUAL(p.n_items, 2);
    CU_ASSERT_PTR_NULL(p.items[1].fields[0].value);
    round_trip(&p);
    bundle_payload_free(&p);
    bundle_payload_free(NULL);
}

static void test_keys_fresh(void)
{
    identity_keys *a = identity_keys_new(), *b = identity_keys_new();
    CU_ASSERT_FATAL(a && b);
    CU_ASSERT_NOT_EQUAL(memcmp(&a->pub, &b->pub, sizeof a->pub), 0);
    /* the pairs belong together: what a signs, a's public key checks */
    uint8_t sig[64];
    crypto_sign_detached(sig, NULL, (const uint8_t *)"x", 1, a->sign_sk);
    CU_ASSERT_EQUAL(crypto_sign_verify_detached(sig, (const uint8_t *)"x", 1, a->pub.sign_pk), 0);
    identity_keys_free(a);
    identity_keys_free(b);
    identity_keys_free(NULL);
}

/* Each refusal says something different: an officer can tell a damaged
 * file from one meant for another office. */
static void test_status_texts_distinct(void)
{
    for (int a = BUNDLE_OK; a <= BUNDLE_NOMEM; a++) {
        CU_ASSERT(bundle_status_text((bundle_status)a)[0] != '\0');
        for (int b = a + 1; b <= BUNDLE_NOMEM; b++)
            CU_ASSERT_STRING_NOT_EQUAL(bundle_status_text((bundle_status)a),
                                       bundle_status_text((bundle_status)b));
    }
    for (int a = CARD_OK; a <= CARD_FINGERPRINT_MISMATCH; a++)
        for (int b = a + 1; b <= CARD_FINGERPRINT_MISMATCH; b++)
            CU_ASSERT_STRING_NOT_EQUAL(card_status_text((card_status)a),
                                       card_status_text((card_status)b));
}

static CU_TestInfo round_trip_tests[] = {
    { "Thai text, NULL and empty values survive", test_round_trip_thai_and_nulls },
    { "an empty payload", test_round_trip_empty },
    { "2,000 items", test_round_trip_many_items },
    { "each bundle gets a fresh id", test_fresh_bundle_id },
    { "the bytes follow the documented layout", test_layout_as_documented },
    { "payload building rules", test_add_item_rules },
    { "fresh key pairs", test_keys_fresh },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo identity_tests[] = {
    { "fingerprint is stable, 30 digits, as documented", test_fingerprint_stable_and_readable },
    { "fingerprint as typed: Thai digits, spaces, dashes", test_fingerprint_parse },
    { "identity card round trip", test_card_round_trip },
    { "identity card survives CRLF and a BOM", test_card_survives_transport },
    { "identity card refuses a bad name", test_card_write_refuses },
    { "tampered identity card refused", test_card_tampered_refused },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo refusal_tests[] = {
    { "every byte flipped: refused, no crash", test_tampered_every_byte },
    { "truncated at every length", test_truncated_every_length },
    { "wrong recipient", test_wrong_recipient },
    { "appended garbage", test_appended_garbage },
    { "unknown version, not a bundle", test_version_and_magic },
    { "larger than BUNDLE_MAX_FILE", test_too_large_file },
    { "huge sealed length", test_huge_sealed_length },
    { "lying payloads refused without huge allocations", test_lying_payloads_refused },
    { "minimal payloads read", test_minimal_payloads_read },
    { "every status has its own message", test_status_texts_distinct },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "bundle round trip", suite_init, suite_clean, NULL, NULL, round_trip_tests },
        { "identity", suite_init, suite_clean, NULL, NULL, identity_tests },
        { "refused bundles", suite_init, suite_clean, NULL, NULL, refusal_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_bundle", suites);
}
