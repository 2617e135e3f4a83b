/* fuzz_seeds.c - writes the seed corpus of tests/fuzz_bundle.c into the
 * folder given: valid bundles sealed to the fuzz target's identity (empty,
 * small with Thai text and NULLs, one for another store), the payload of
 * the small one on its own, and an identity card.  Run by `make fuzz`. */
#include "config.h"
#include "db/bundle.h"
#include "tests/fuzz_identity.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_seed(const char *dir, const char *name, const void *bytes, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

static int write_bundle(const char *dir, const char *name, const identity_keys *from,
                        const identity_public *to, const bundle_payload *p)
{
    uint8_t *file = NULL;
    size_t len = 0;
    if (bundle_seal(from, to, p, 1795000000, &file, &len, NULL) != BUNDLE_OK)
        return -1;
    int rc = write_seed(dir, name, file, len);
    free(file);
    return rc;
}

static int small_payload(bundle_payload *p)
{
    static const char *const person_names[] = { "given_name", "family_name", "nationality", "note" };
    static const char *const person_values[] = { "\xE0\xB8\xA1\xE0\xB8\xB0\xE0\xB8\xA5\xE0\xB8\xB4",
                                                 NULL, "MM", "" };
    static const char *const case_names[] = { "stage", "opened_on" };
    static const char *const case_values[] = { "screened", "2026-11-21" };
    return bundle_add_item(p, "persons", "9a3c1f7e-0000-4000-8000-000000000001",
                           person_names, person_values, 4) &&
           bundle_add_item(p, "cases", "9a3c1f7e-0000-4000-8000-000000000002",
                           case_names, case_values, 2) &&
           bundle_add_item(p, "consents", "9a3c1f7e-0000-4000-8000-000000000003", NULL, NULL, 0)
               ? 0 : -1;
}

int main(int argc, char **argv)
{
    identity_keys me, sender, other;
    bundle_payload empty = { 0 }, small = { 0 };
    uint8_t *plain = NULL;
    size_t plain_len = 0;
    char card[IDENTITY_CARD_MAX];
    int rc = 0;
    if (argc != 2 || sodium_init() < 0) {
        fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
        return 2;
    }
    fuzz_identity(&me, 0);
    fuzz_identity(&sender, 1);
    fuzz_identity(&other, 2);
    if (small_payload(&small) != 0 ||
        bundle_payload_encode(&small, &plain, &plain_len) != BUNDLE_OK ||
        !identity_card_write(&sender.pub, "Mae Sot shelter (K7Q4X)", card, sizeof card))
        return 1;
    rc |= write_bundle(argv[1], "bundle-empty", &sender, &me.pub, &empty);
    rc |= write_bundle(argv[1], "bundle-small", &sender, &me.pub, &small);
    rc |= write_bundle(argv[1], "bundle-other-store", &sender, &other.pub, &small);
    rc |= write_seed(argv[1], "payload-small", plain, plain_len);
    rc |= write_seed(argv[1], "card", card, strlen(card));
    free(plain);
    bundle_payload_free(&small);
    return rc ? 1 : 0;
}
