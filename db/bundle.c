/* bundle.c - the sealed hand-over file and the store identity card (see
 * bundle.h for the layouts).
 *
 * Writing is the easy half.  Reading takes bytes that came from another
 * laptop, perhaps from someone who wants this program to fall over, so
 * every read goes through one bounded cursor (struct reader): a length is
 * compared with what remains before anything is copied or allocated, and
 * a count is compared with the smallest number of bytes its entries could
 * take, so a file can never make us allocate more than a small multiple of
 * its own size.  Plain text of a payload is wiped before it is freed. */
#include "config.h"
#include "db/bundle.h"
#include "db/le_bytes.h"
#include "core/msg.h"
#include "core/utf8.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t bundle_magic[8] = { 'T', 'C', 'B', 'U', 'N', 'D', 'L', 'E' };
enum { BUNDLE_FORMAT_VERSION = 1 };

/* Offsets of the fixed header (bundle.h, "File layout"). */
enum {
    OFF_VERSION = 8,
    OFF_ID = OFF_VERSION + 2,
    OFF_CREATED = OFF_ID + BUNDLE_ID_BYTES,
    OFF_SIGN_PK = OFF_CREATED + 8,
    OFF_BOX_PK = OFF_SIGN_PK + IDENTITY_SIGN_PK,
    OFF_RECIPIENT = OFF_BOX_PK + IDENTITY_BOX_PK,
    OFF_SEALED_LEN = OFF_RECIPIENT + IDENTITY_FP_BYTES,
    OFF_SEALED = OFF_SEALED_LEN + 4,
    SIGNATURE_BYTES = crypto_sign_BYTES,
    /* The smallest file: an empty sealed payload and the signature. */
    BUNDLE_MIN_FILE = OFF_SEALED + SIGNATURE_BYTES,
};

/* The smallest encoding of one item (one-byte table and id, no fields)
 * and of one field (one-byte name, empty value): the caps on counts. */
enum { ITEM_MIN_BYTES = 1 + 1 + 1 + 1 + 2, FIELD_MIN_BYTES = 1 + 1 + 1 + 4 };
#define NAME_MAX_BYTES 255u
#define FIELDS_MAX 65535u

#define FP_DIGITS 30
#define CARD_FIRST_LINE "tipcase identity 1"

/* ------------------------------------------------------------ messages */

const char *bundle_status_text(bundle_status s)
{
    switch (s) {
    case BUNDLE_OK:              return N_("The hand-over file is intact.");
    case BUNDLE_NOT_A_BUNDLE:    return N_("This is not a tipcase hand-over file.");
    case BUNDLE_TOO_NEW:         return N_("This hand-over file was written by a newer version of tipcase. Update tipcase to read it.");
    case BUNDLE_TRUNCATED:       return N_("The hand-over file is incomplete: it is shorter than it says. Ask the sender to send it again.");
    case BUNDLE_TOO_LARGE:       return N_("The hand-over file is too large.");
    case BUNDLE_BAD_SIGNATURE:   return N_("The hand-over file was changed after it was signed, or it is damaged. Do not use it; ask the sender to send it again.");
    case BUNDLE_WRONG_RECIPIENT: return N_("This hand-over file was sealed for another store, not this one.");
    case BUNDLE_CANNOT_OPEN:     return N_("The hand-over file cannot be opened with this store's key.");
    case BUNDLE_BAD_PAYLOAD:     return N_("The hand-over file is signed, but what it carries is not well formed. Nothing can be taken from it.");
    case BUNDLE_NOMEM:           return N_("There is not enough memory to read the hand-over file.");
    }
    return N_("The hand-over file cannot be read.");
}

const char *card_status_text(card_status s)
{
    switch (s) {
    case CARD_OK:                   return N_("The identity card is valid.");
    case CARD_NOT_A_CARD:           return N_("This is not a tipcase identity card.");
    case CARD_DAMAGED:              return N_("The identity card is damaged: its keys are missing or malformed.");
    case CARD_FINGERPRINT_MISMATCH: return N_("The fingerprint on the identity card does not match its keys. Do not trust this card.");
    }
    return N_("This is not a tipcase identity card.");
}

/* ------------------------------------------------------------ identity */

identity_keys *identity_keys_new(void)
{
    identity_keys *k = sodium_malloc(sizeof *k);
    if (!k)
        return NULL;
    if (crypto_sign_keypair(k->pub.sign_pk, k->sign_sk) != 0 ||
        crypto_box_keypair(k->pub.box_pk, k->box_sk) != 0) {
        identity_keys_free(k);
        return NULL;
    }
    return k;
}

void identity_keys_free(identity_keys *k)
{
    /* sodium_free() wipes the whole allocation before releasing it. */
    if (k)
        sodium_free(k);
}

void identity_fingerprint(const identity_public *pub, uint8_t out[IDENTITY_FP_BYTES])
{
    uint8_t both[IDENTITY_SIGN_PK + IDENTITY_BOX_PK];
    memcpy(both, pub->sign_pk, IDENTITY_SIGN_PK);
    memcpy(both + IDENTITY_SIGN_PK, pub->box_pk, IDENTITY_BOX_PK);
    crypto_generichash(out, IDENTITY_FP_BYTES, both, sizeof both, NULL, 0);
}

/* "ddddd ddddd ddddd ddddd ddddd ddddd" from 30 digits. */
static void fp_group_digits(const char digits[FP_DIGITS], char out[IDENTITY_FP_TEXT])
{
    size_t o = 0;
    for (size_t i = 0; i < FP_DIGITS; i++) {
        if (i > 0 && i % 5 == 0)
            out[o++] = ' ';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

void identity_fingerprint_text(const identity_public *pub, char out[IDENTITY_FP_TEXT])
{
    uint8_t n[IDENTITY_FP_BYTES];
    char digits[FP_DIGITS];
    identity_fingerprint(pub, n);
    /* Long division of the big-endian number by 10, thirty times: each
     * remainder is the next digit from the right, so the digits are the
     * number mod 10^30 (about 100 of its 128 bits). */
    for (size_t d = FP_DIGITS; d-- > 0;) {
        unsigned rem = 0;
        for (size_t i = 0; i < IDENTITY_FP_BYTES; i++) {
            unsigned cur = rem * 256u + n[i];
            n[i] = (uint8_t)(cur / 10u);
            rem = cur % 10u;
        }
        digits[d] = (char)('0' + rem);
    }
    fp_group_digits(digits, out);
}

/* What may stand between the digits as someone types or pastes them:
 * spaces and the dashes word processors put in place of '-'. */
static bool fp_separator(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '-' || cp == 0x00A0 ||
           (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

bool identity_fingerprint_parse(const char *text, char out[IDENTITY_FP_TEXT])
{
    char digits[FP_DIGITS];
    size_t n = 0;
    if (!text)
        return false;
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(text + i, len - i, &cp);
        int digit = -1;
        if (cp >= '0' && cp <= '9')
            digit = (int)(cp - '0');
        else if (cp >= 0x0E50 && cp <= 0x0E59)     /* Thai digits ๐-๙ */
            digit = (int)(cp - 0x0E50);
        else if (!fp_separator(cp))
            return false;
        if (digit >= 0) {
            if (n == FP_DIGITS)
                return false;
            digits[n++] = (char)('0' + digit);
        }
    }
    if (n != FP_DIGITS)
        return false;
    fp_group_digits(digits, out);
    return true;
}

/* ------------------------------------------------------- identity card */

/* A store name as the card carries it: one line a person reads, so no
 * control characters and no bidi controls that would reorder it. */
static bool card_name_ok(const char *name)
{
    return strlen(name) <= IDENTITY_NAME_MAX && utf8_valid(name) &&
           !utf8_has_control(name, false) && !utf8_has_bidi_control(name);
}

bool identity_card_write(const identity_public *pub, const char *name,
                         char *out, size_t outsz)
{
    char sign64[sodium_base64_ENCODED_LEN(IDENTITY_SIGN_PK, sodium_base64_VARIANT_ORIGINAL)];
    char box64[sodium_base64_ENCODED_LEN(IDENTITY_BOX_PK, sodium_base64_VARIANT_ORIGINAL)];
    char fp[IDENTITY_FP_TEXT];
    if (!pub || !out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!name)
        name = "";
    if (!card_name_ok(name))
        return false;
    sodium_bin2base64(sign64, sizeof sign64, pub->sign_pk, IDENTITY_SIGN_PK,
                      sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(box64, sizeof box64, pub->box_pk, IDENTITY_BOX_PK,
                      sodium_base64_VARIANT_ORIGINAL);
    identity_fingerprint_text(pub, fp);
    int n = snprintf(out, outsz, CARD_FIRST_LINE "\nname: %s\nfingerprint: %s\nsign: %s\nbox: %s\n",
                     name, fp, sign64, box64);
    if (n < 0 || (size_t)n >= outsz) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/* The lines of a card, each at most once. */
typedef struct card_lines {
    const char *name, *fingerprint, *sign, *box;
} card_lines;

static char *trim_right(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Files a "key: value" line; false for an unknown or repeated key.  The
 * name keeps its spaces (the admin typed them); the other values lose
 * the trailing blanks mail programs add. */
static bool card_take_line(char *line, card_lines *c)
{
    static const char *const keys[] = { "name:", "fingerprint:", "sign:", "box:" };
    const char **slots[] = { &c->name, &c->fingerprint, &c->sign, &c->box };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        size_t kl = strlen(keys[i]);
        if (strncmp(line, keys[i], kl) != 0)
            continue;
        if (*slots[i])
            return false;
        char *v = line + kl;
        if (*v == ' ')
            v++;
        *slots[i] = i == 0 ? v : trim_right(v);
        return true;
    }
    return false;
}

/* Splits buf (NUL-terminated, ours to change) into the card's lines. */
static card_status card_split(char *buf, card_lines *c)
{
    char *line = buf, *next;
    if (strncmp(line, "\xEF\xBB\xBF", 3) == 0)    /* a byte-order mark an editor added */
        line += 3;
    next = strchr(line, '\n');
    if (next)
        *next++ = '\0';
    if (strcmp(trim_right(line), CARD_FIRST_LINE) != 0)
        return CARD_NOT_A_CARD;
    for (line = next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n > 0 && line[n - 1] == '\r')
            line[n - 1] = '\0';
        if (line[strspn(line, " \t")] == '\0')
            continue;
        if (!card_take_line(line, c))
            return CARD_DAMAGED;
    }
    if (!c->name || !c->fingerprint || !c->sign || !c->box)
        return CARD_DAMAGED;
    return CARD_OK;
}

/* Exactly `size` bytes of standard base64, nothing before or after. */
static bool card_key(const char *b64, uint8_t *key, size_t size)
{
    size_t got = 0;
    const char *end = NULL;
    size_t len = strlen(b64);
    if (sodium_base642bin(key, size, b64, len, NULL, &got, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    return got == size && end == b64 + len;
}

/* Keys a bundle could actually use: an Ed25519 point of large order, and
 * an X25519 key that does not make every shared secret zero. */
static bool card_keys_usable(const identity_public *pub)
{
    static const uint8_t probe[crypto_scalarmult_SCALARBYTES] = { 9, 1, 2, 3, 4, 5, 6, 7 };
    uint8_t q[crypto_scalarmult_BYTES];
    if (crypto_core_ed25519_is_valid_point(pub->sign_pk) != 1)
        return false;
    return crypto_scalarmult(q, probe, pub->box_pk) == 0;
}

card_status identity_card_read(const char *text, size_t len, identity_public *pub,
                               char name[IDENTITY_NAME_MAX + 1])
{
    char buf[IDENTITY_CARD_MAX + 1];
    card_lines c = { 0 };
    identity_public got;
    char fp_typed[IDENTITY_FP_TEXT], fp_keys[IDENTITY_FP_TEXT];
    if (!text || len == 0 || len > IDENTITY_CARD_MAX || memchr(text, '\0', len))
        return CARD_NOT_A_CARD;
    memcpy(buf, text, len);
    buf[len] = '\0';
    card_status st = card_split(buf, &c);
    if (st != CARD_OK)
        return st;
    if (!card_name_ok(c.name) || !card_key(c.sign, got.sign_pk, IDENTITY_SIGN_PK) ||
        !card_key(c.box, got.box_pk, IDENTITY_BOX_PK) ||
        !identity_fingerprint_parse(c.fingerprint, fp_typed) || !card_keys_usable(&got))
        return CARD_DAMAGED;
    identity_fingerprint_text(&got, fp_keys);
    if (strcmp(fp_typed, fp_keys) != 0)
        return CARD_FINGERPRINT_MISMATCH;
    if (pub)
        *pub = got;
    if (name)
        snprintf(name, IDENTITY_NAME_MAX + 1, "%s", c.name);
    return CARD_OK;
}

/* ------------------------------------------------------------- payload */

/* A table, record id or field name: short, valid, printable. */
static bool payload_name_ok(const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    return n > 0 && n <= NAME_MAX_BYTES && utf8_valid(s) && !utf8_has_control(s, false);
}

static bool payload_value_ok(const char *s)
{
    return !s || (strlen(s) <= UINT32_MAX && utf8_valid(s));
}

static void wipe_string(char *s)
{
    if (s) {
        sodium_memzero(s, strlen(s));
        free(s);
    }
}

static void item_free(bundle_item *it)
{
    wipe_string(it->table);
    wipe_string(it->id);
    for (size_t f = 0; f < it->n_fields; f++) {
        wipe_string(it->fields[f].name);
        wipe_string(it->fields[f].value);
    }
    free(it->fields);
    memset(it, 0, sizeof *it);
}

void bundle_payload_free(bundle_payload *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_items; i++)
        item_free(&p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

static bool payload_reserve(bundle_payload *p)
{
    if (p->n_items < p->cap)
        return true;
    size_t cap = p->cap ? p->cap * 2 : 8;
    if (cap > SIZE_MAX / sizeof *p->items)
        return false;
    bundle_item *grown = realloc(p->items, cap * sizeof *grown);
    if (!grown)
        return false;
    p->items = grown;
    p->cap = cap;
    return true;
}

static bool item_fill(bundle_item *it, const char *table, const char *id,
                      const char *const *names, const char *const *values, size_t n)
{
    it->table = copy_string(table);
    it->id = copy_string(id);
    it->fields = n ? calloc(n, sizeof *it->fields) : NULL;
    if (!it->table || !it->id || (n && !it->fields))
        return false;
    for (size_t f = 0; f < n; f++) {
        it->fields[f].name = copy_string(names[f]);
        it->n_fields = f + 1;
        if (!it->fields[f].name)
            return false;
        if (values && values[f] && !(it->fields[f].value = copy_string(values[f])))
            return false;
    }
    return true;
}

bool bundle_add_item(bundle_payload *p, const char *table, const char *id,
                     const char *const *names, const char *const *values, size_t n)
{
    if (!p || !payload_name_ok(table) || !payload_name_ok(id) || n > FIELDS_MAX ||
        (n && !names))
        return false;
    for (size_t f = 0; f < n; f++)
        if (!payload_name_ok(names[f]) || !payload_value_ok(values ? values[f] : NULL))
            return false;
    if (!payload_reserve(p))
        return false;
    bundle_item *it = &p->items[p->n_items];
    memset(it, 0, sizeof *it);
    if (!item_fill(it, table, id, names, values, n)) {
        item_free(it);
        return false;
    }
    p->n_items++;
    return true;
}

/* -------------------------------------------------------- payload codec */

/* Bytes the payload takes, or 0 when it cannot fit in a bundle (the real
 * size is never 0: the item count alone takes 4). */
static size_t payload_size(const bundle_payload *p)
{
    const size_t limit = BUNDLE_MAX_FILE;
    size_t total = 4;
    if (p->n_items > UINT32_MAX)
        return 0;
    for (size_t i = 0; i < p->n_items; i++) {
        const bundle_item *it = &p->items[i];
        if (it->n_fields > FIELDS_MAX)
            return 0;
        total += 1 + strlen(it->table) + 1 + strlen(it->id) + 2;
        for (size_t f = 0; f < it->n_fields && total <= limit; f++) {
            const char *v = it->fields[f].value;
            total += 1 + strlen(it->fields[f].name) + 1 + 4 + (v ? strlen(v) : 0);
        }
        if (total > limit)
            return 0;
    }
    return total;
}

/* Appends a string with its length in `width` bytes (1 or 4). */
static uint8_t *put_text(uint8_t *w, const char *s, int width)
{
    size_t n = s ? strlen(s) : 0;
    if (width == 1)
        *w++ = (uint8_t)n;
    else {
        le_put_u32(w, (uint32_t)n);
        w += 4;
    }
    if (n)
        memcpy(w, s, n);
    return w + n;
}

static void payload_write(const bundle_payload *p, uint8_t *w)
{
    le_put_u32(w, (uint32_t)p->n_items);
    w += 4;
    for (size_t i = 0; i < p->n_items; i++) {
        const bundle_item *it = &p->items[i];
        w = put_text(w, it->table, 1);
        w = put_text(w, it->id, 1);
        le_put_u16(w, (uint16_t)it->n_fields);
        w += 2;
        for (size_t f = 0; f < it->n_fields; f++) {
            w = put_text(w, it->fields[f].name, 1);
            *w++ = it->fields[f].value ? 0 : 1;
            w = put_text(w, it->fields[f].value, 4);
        }
    }
}

/* Only what bundle_add_item() would have let in goes out: a payload built
 * by hand with a bad name is refused here, not at the other end. */
static bool payload_sound(const bundle_payload *p)
{
    if (p->n_items && !p->items)
        return false;
    for (size_t i = 0; i < p->n_items; i++) {
        const bundle_item *it = &p->items[i];
        if (!payload_name_ok(it->table) || !payload_name_ok(it->id) ||
            (it->n_fields && !it->fields))
            return false;
        for (size_t f = 0; f < it->n_fields; f++)
            if (!payload_name_ok(it->fields[f].name) || !payload_value_ok(it->fields[f].value))
                return false;
    }
    return true;
}

bundle_status bundle_payload_encode(const bundle_payload *p, uint8_t **out, size_t *out_len)
{
    static const bundle_payload empty = { 0 };
    *out = NULL;
    *out_len = 0;
    if (!p)
        p = &empty;
    if (!payload_sound(p))
        return BUNDLE_BAD_PAYLOAD;
    size_t n = payload_size(p);
    if (n == 0)
        return BUNDLE_TOO_LARGE;
    uint8_t *buf = malloc(n);
    if (!buf)
        return BUNDLE_NOMEM;
    payload_write(p, buf);
    *out = buf;
    *out_len = n;
    return BUNDLE_OK;
}

/* A bounded cursor over bytes from outside. */
typedef struct reader {
    const uint8_t *at;
    size_t left;
} reader;

static bool take(reader *r, size_t n, const uint8_t **bytes)
{
    if (n > r->left)
        return false;
    *bytes = r->at;
    r->at += n;
    r->left -= n;
    return true;
}

static bool take_u8(reader *r, uint8_t *v)
{
    const uint8_t *b;
    if (!take(r, 1, &b))
        return false;
    *v = b[0];
    return true;
}

static bool take_u16(reader *r, uint16_t *v)
{
    const uint8_t *b;
    if (!take(r, 2, &b))
        return false;
    *v = le_get_u16(b);
    return true;
}

static bool take_u32(reader *r, uint32_t *v)
{
    const uint8_t *b;
    if (!take(r, 4, &b))
        return false;
    *v = le_get_u32(b);
    return true;
}

/* Reads n bytes as a new string; NULL (status set) when they are not
 * there, hold a NUL or are not valid UTF-8. */
static char *take_string(reader *r, size_t n, bundle_status *st)
{
    const uint8_t *b;
    if (!take(r, n, &b) || memchr(b, '\0', n)) {
        *st = BUNDLE_BAD_PAYLOAD;
        return NULL;
    }
    char *s = malloc(n + 1);
    if (!s) {
        *st = BUNDLE_NOMEM;
        return NULL;
    }
    memcpy(s, b, n);
    s[n] = '\0';
    if (!utf8_valid(s)) {
        wipe_string(s);
        *st = BUNDLE_BAD_PAYLOAD;
        return NULL;
    }
    return s;
}

/* A u8-length name, held to the rule bundle_add_item() applies. */
static char *take_name(reader *r, bundle_status *st)
{
    uint8_t n;
    if (!take_u8(r, &n) || n == 0) {
        *st = BUNDLE_BAD_PAYLOAD;
        return NULL;
    }
    char *s = take_string(r, n, st);
    if (s && utf8_has_control(s, false)) {
        wipe_string(s);
        *st = BUNDLE_BAD_PAYLOAD;
        return NULL;
    }
    return s;
}

static bundle_status take_field(reader *r, bundle_field *f)
{
    bundle_status st = BUNDLE_OK;
    uint8_t is_null;
    uint32_t n;
    if (!(f->name = take_name(r, &st)))
        return st;
    if (!take_u8(r, &is_null) || is_null > 1 || !take_u32(r, &n) || (is_null && n != 0))
        return BUNDLE_BAD_PAYLOAD;
    if (is_null)
        return BUNDLE_OK;
    f->value = take_string(r, n, &st);
    return f->value ? BUNDLE_OK : st;
}

static bundle_status take_item(reader *r, bundle_item *it)
{
    bundle_status st = BUNDLE_OK;
    uint16_t n;
    if (!(it->table = take_name(r, &st)) || !(it->id = take_name(r, &st)))
        return st;
    if (!take_u16(r, &n) || n > r->left / FIELD_MIN_BYTES)
        return BUNDLE_BAD_PAYLOAD;
    if (n == 0)
        return BUNDLE_OK;
    if (!(it->fields = calloc(n, sizeof *it->fields)))
        return BUNDLE_NOMEM;
    for (size_t f = 0; f < n; f++) {
        it->n_fields = f + 1;
        if ((st = take_field(r, &it->fields[f])) != BUNDLE_OK)
            return st;
    }
    return BUNDLE_OK;
}

bundle_status bundle_payload_decode(const uint8_t *data, size_t len, bundle_payload *p)
{
    reader r = { data, len };
    uint32_t count;
    memset(p, 0, sizeof *p);
    if (!data || !take_u32(&r, &count) || count > r.left / ITEM_MIN_BYTES)
        return BUNDLE_BAD_PAYLOAD;
    if (count > 0 && !(p->items = calloc(count, sizeof *p->items)))
        return BUNDLE_NOMEM;
    p->cap = count;
    for (size_t i = 0; i < count; i++) {
        p->n_items = i + 1;
        bundle_status st = take_item(&r, &p->items[i]);
        if (st != BUNDLE_OK) {
            bundle_payload_free(p);
            return st;
        }
    }
    if (r.left != 0) {
        bundle_payload_free(p);
        return BUNDLE_BAD_PAYLOAD;
    }
    return BUNDLE_OK;
}

/* --------------------------------------------------------------- files */

static void header_from_bytes(const uint8_t *d, bundle_header *h)
{
    memcpy(h->id, d + OFF_ID, BUNDLE_ID_BYTES);
    sodium_bin2hex(h->id_text, sizeof h->id_text, h->id, BUNDLE_ID_BYTES);
    h->created_at = (int64_t)le_get_u64(d + OFF_CREATED);
    memcpy(h->sender.sign_pk, d + OFF_SIGN_PK, IDENTITY_SIGN_PK);
    memcpy(h->sender.box_pk, d + OFF_BOX_PK, IDENTITY_BOX_PK);
    memcpy(h->recipient_fp, d + OFF_RECIPIENT, IDENTITY_FP_BYTES);
}

static void header_to_bytes(const bundle_header *h, uint8_t *d)
{
    memcpy(d, bundle_magic, sizeof bundle_magic);
    le_put_u16(d + OFF_VERSION, BUNDLE_FORMAT_VERSION);
    memcpy(d + OFF_ID, h->id, BUNDLE_ID_BYTES);
    le_put_u64(d + OFF_CREATED, (uint64_t)h->created_at);
    memcpy(d + OFF_SIGN_PK, h->sender.sign_pk, IDENTITY_SIGN_PK);
    memcpy(d + OFF_BOX_PK, h->sender.box_pk, IDENTITY_BOX_PK);
    memcpy(d + OFF_RECIPIENT, h->recipient_fp, IDENTITY_FP_BYTES);
}

bundle_status bundle_seal(const identity_keys *sender, const identity_public *recipient,
                          const bundle_payload *p, int64_t now,
                          uint8_t **out, size_t *out_len, bundle_header *h)
{
    uint8_t *plain = NULL, *file = NULL;
    size_t plain_len = 0;
    bundle_header hdr;
    *out = NULL;
    *out_len = 0;
    bundle_status st = bundle_payload_encode(p, &plain, &plain_len);
    if (st != BUNDLE_OK)
        return st;
    size_t sealed_len = plain_len + crypto_box_SEALBYTES;
    size_t total = OFF_SEALED + sealed_len + SIGNATURE_BYTES;
    if (sealed_len > UINT32_MAX || total > BUNDLE_MAX_FILE)
        st = BUNDLE_TOO_LARGE;
    else if (!(file = malloc(total)))
        st = BUNDLE_NOMEM;
    if (st != BUNDLE_OK) {
        sodium_memzero(plain, plain_len);
        free(plain);
        return st;
    }
    memset(&hdr, 0, sizeof hdr);
    randombytes_buf(hdr.id, BUNDLE_ID_BYTES);
    sodium_bin2hex(hdr.id_text, sizeof hdr.id_text, hdr.id, BUNDLE_ID_BYTES);
    hdr.created_at = now;
    hdr.sender = sender->pub;
    identity_fingerprint(recipient, hdr.recipient_fp);
    header_to_bytes(&hdr, file);
    le_put_u32(file + OFF_SEALED_LEN, (uint32_t)sealed_len);
    int sealed = crypto_box_seal(file + OFF_SEALED, plain, plain_len, recipient->box_pk);
    sodium_memzero(plain, plain_len);
    free(plain);
    if (sealed != 0) {
        free(file);
        return BUNDLE_CANNOT_OPEN;
    }
    crypto_sign_detached(file + total - SIGNATURE_BYTES, NULL, file,
                         total - SIGNATURE_BYTES, sender->sign_sk);
    *out = file;
    *out_len = total;
    if (h)
        *h = hdr;
    return BUNDLE_OK;
}

/* The structure of the file, before any cryptography: magic, version,
 * size, and the sealed length against the bytes that are there. */
static bundle_status bundle_frame(const uint8_t *data, size_t len, size_t *sealed_len)
{
    size_t m = len < sizeof bundle_magic ? len : sizeof bundle_magic;
    if (!data || memcmp(data, bundle_magic, m) != 0)
        return len == 0 ? BUNDLE_TRUNCATED : BUNDLE_NOT_A_BUNDLE;
    if (len < OFF_ID)
        return BUNDLE_TRUNCATED;
    uint16_t version = le_get_u16(data + OFF_VERSION);
    if (version == 0)
        return BUNDLE_NOT_A_BUNDLE;
    if (version > BUNDLE_FORMAT_VERSION)
        return BUNDLE_TOO_NEW;
    if (len > BUNDLE_MAX_FILE)
        return BUNDLE_TOO_LARGE;
    if (len < BUNDLE_MIN_FILE)
        return BUNDLE_TRUNCATED;
    size_t sealed = le_get_u32(data + OFF_SEALED_LEN);
    if (sealed > len - BUNDLE_MIN_FILE)
        return BUNDLE_TRUNCATED;
    if (sealed < len - BUNDLE_MIN_FILE)
        return BUNDLE_BAD_SIGNATURE;      /* bytes after the signature */
    *sealed_len = sealed;
    return BUNDLE_OK;
}

static bundle_status bundle_check(const uint8_t *data, size_t len, bundle_header *h,
                                  size_t *sealed_len)
{
    if (h)
        memset(h, 0, sizeof *h);
    bundle_status st = bundle_frame(data, len, sealed_len);
    if (st != BUNDLE_OK)
        return st;
    /* The key that checks the signature comes from the file itself: this
     * proves the file is whole and came from the holder of that key.
     * Whether that key is a known sender is the caller's question. */
    if (crypto_sign_verify_detached(data + len - SIGNATURE_BYTES, data, len - SIGNATURE_BYTES,
                                    data + OFF_SIGN_PK) != 0)
        return BUNDLE_BAD_SIGNATURE;
    if (h)
        header_from_bytes(data, h);
    return BUNDLE_OK;
}

bundle_status bundle_peek(const uint8_t *data, size_t len, bundle_header *h)
{
    size_t sealed_len;
    return bundle_check(data, len, h, &sealed_len);
}

bundle_status bundle_open(const uint8_t *data, size_t len, const identity_keys *me,
                          bundle_header *h, bundle_payload *p)
{
    bundle_header hdr;
    size_t sealed_len;
    uint8_t mine[IDENTITY_FP_BYTES];
    memset(p, 0, sizeof *p);
    bundle_status st = bundle_check(data, len, &hdr, &sealed_len);
    if (h)
        *h = hdr;
    if (st != BUNDLE_OK)
        return st;
    identity_fingerprint(&me->pub, mine);
    if (sodium_memcmp(mine, hdr.recipient_fp, IDENTITY_FP_BYTES) != 0)
        return BUNDLE_WRONG_RECIPIENT;
    if (sealed_len < crypto_box_SEALBYTES)
        return BUNDLE_CANNOT_OPEN;
    size_t plain_len = sealed_len - crypto_box_SEALBYTES;
    /* One byte more than needed so an empty payload is not malloc(0). */
    uint8_t *plain = malloc(plain_len + 1);
    if (!plain)
        return BUNDLE_NOMEM;
    if (crypto_box_seal_open(plain, data + OFF_SEALED, sealed_len, me->pub.box_pk,
                             me->box_sk) != 0)
        st = BUNDLE_CANNOT_OPEN;
    else
        st = bundle_payload_decode(plain, plain_len, p);
    sodium_memzero(plain, plain_len + 1);
    free(plain);
    return st;
}
