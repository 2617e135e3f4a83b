/* fuzz_bundle.c - libFuzzer target for everything tipcase reads from
 * another laptop: the hand-over file (bundle_peek, bundle_open with a
 * fixed receiving identity), the payload inside a seal on its own (a
 * mutated bundle never gets past the signature, so the payload parser
 * gets the input directly too), the identity card and a fingerprint as
 * typed (--to).
 *
 * Nothing may crash, read out of bounds, overflow or leak; and whatever
 * the input, a refused open leaves the payload empty.  Built and run by
 * `make fuzz` (see Makefile.am), never by make check. */
#include "config.h"
#include "db/bundle.h"
#include "tests/fuzz_identity.h"
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static identity_keys me;

static void fuzz_setup(void)
{
    static int ready;
    if (ready)
        return;
    if (sodium_init() < 0)
        abort();
    fuzz_identity(&me, 0);
    ready = 1;
}

static void fuzz_file(const uint8_t *data, size_t size)
{
    bundle_header h;
    bundle_payload p;
    bundle_status peeked = bundle_peek(data, size, &h);
    bundle_status opened = bundle_open(data, size, &me, &h, &p);
    /* A file the signature check refuses can never be opened. */
    if (peeked != BUNDLE_OK && opened == BUNDLE_OK)
        abort();
    if (opened != BUNDLE_OK && (p.n_items != 0 || p.items != NULL))
        abort();
    bundle_payload_free(&p);
}

static void fuzz_payload(const uint8_t *data, size_t size)
{
    bundle_payload p;
    if (bundle_payload_decode(data, size, &p) == BUNDLE_OK) {
        /* What was read writes back to the same bytes. */
        uint8_t *again = NULL;
        size_t again_len = 0;
        if (bundle_payload_encode(&p, &again, &again_len) != BUNDLE_OK ||
            again_len != size || memcmp(again, data, size) != 0)
            abort();
        free(again);
    } else if (p.n_items != 0 || p.items != NULL) {
        abort();
    }
    bundle_payload_free(&p);
}

static void fuzz_card(const uint8_t *data, size_t size)
{
    identity_public pub;
    char name[IDENTITY_NAME_MAX + 1];
    if (identity_card_read((const char *)data, size, &pub, name) == CARD_OK) {
        /* A card that reads writes back to one that reads the same. */
        char card[IDENTITY_CARD_MAX];
        identity_public pub2;
        char name2[IDENTITY_NAME_MAX + 1];
        if (!identity_card_write(&pub, name, card, sizeof card) ||
            identity_card_read(card, strlen(card), &pub2, name2) != CARD_OK ||
            memcmp(&pub, &pub2, sizeof pub) != 0 || strcmp(name, name2) != 0)
            abort();
    }
}

/* A fingerprint that reads is 30 digits in six groups of five, and its
 * canonical text reads as itself. */
static void fuzz_fingerprint(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    char fp[IDENTITY_FP_TEXT], again[IDENTITY_FP_TEXT];
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    if (identity_fingerprint_parse(text, fp) &&
        (strlen(fp) != IDENTITY_FP_TEXT - 1 || !identity_fingerprint_parse(fp, again) ||
         strcmp(fp, again) != 0))
        abort();
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    fuzz_file(data, size);
    fuzz_payload(data, size);
    fuzz_card(data, size);
    fuzz_fingerprint(data, size);
    return 0;
}
