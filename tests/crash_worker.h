/* crash_worker.h - what tests/crash_worker.c and tests/test_crash.c agree
 * on: the shelter's code and the passphrases the worker sets (header only). */
#ifndef TC_CRASH_WORKER_H
#define TC_CRASH_WORKER_H
#include <stddef.h>
#include <stdio.h>

#define CRASH_SHELTER "crash_shelter"

/* The administrator's k-th new passphrase in run. */
static inline void crash_pass(char *out, size_t outsz, long run, long k)
{
    snprintf(out, outsz, "crash pass %ld %ld", run, k);
}

/* The passphrase an officer the worker adds is given. */
static inline void crash_officer_pass(char *out, size_t outsz, const char *login)
{
    snprintf(out, outsz, "officer pass %s", login);
}

#endif
