/* fuzz_keyslot.c - libFuzzer target for the key-slot file (db/keyslot.h):
 * the one file of a store read before any passphrase is known, so the
 * first thing a damaged disk, a file from another store or a tampered copy
 * reaches (it also arrives inside a backup).
 *
 * Nothing may crash, read out of bounds, overflow or leak; a file that
 * parses answers questions about its slots, and one that does not gives no
 * result.  No slot is unlocked: Argon2id per input would leave the fuzzer
 * a few runs a second.  Built and run by `make fuzz` (see Makefile.am),
 * never by make check. */
#include "config.h"
#include "db/keyslot.h"
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        ready = 1;
    }
    keyslot_file *f = (keyslot_file *)1;
    keyslot_status st = keyslot_file_parse(data, size, &f);
    if (st != KEYSLOT_OK) {
        if (f != NULL || st != KEYSLOT_DAMAGED)
            abort();
        return 0;
    }
    if (f == NULL || keyslot_store_id(f) == NULL)
        abort();
    /* Asking about any login is harmless, and a full file refuses one more. */
    (void)keyslot_has(f, "admin");
    (void)keyslot_has(f, "");
    (void)keyslot_count(f);
    keyslot_file_free(f);
    return 0;
}
