/* fuzz_identity.h - the fixed identities of the fuzz target and of the
 * program that writes its seed corpus: the same keys on both sides, so a
 * seed bundle is sealed to the store the fuzz target opens it with. */
#ifndef TC_FUZZ_IDENTITY_H
#define TC_FUZZ_IDENTITY_H
#include <sodium.h>
#include <string.h>
#include "db/bundle.h"

/* Key pairs from a one-byte seed (0: the receiving store, 1: the sender,
 * 2: another store).  Test keys only: anyone can derive them. */
static inline void fuzz_identity(identity_keys *k, unsigned char which)
{
    unsigned char seed[32];
    memset(seed, 0xA5, sizeof seed);
    seed[0] = which;
    crypto_sign_seed_keypair(k->pub.sign_pk, k->sign_sk, seed);
    seed[1] = 0x5A;
    crypto_box_seed_keypair(k->pub.box_pk, k->box_sk, seed);
}

#endif
