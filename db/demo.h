/* demo.h - a demo store: synthetic cases for training, clearly marked.
 *
 * demo_fill() writes believable cases through the store's own API (the
 * same calls the screens make, so every rule, audit row and derived
 * column is what real use would give): the case, its intake, consents,
 * a screening answered on a built-in instrument and decided, the
 * identification decision, needs, referrals moved through their states,
 * repatriation and reintegration plans with follow-ups, and notes.  The
 * cases are spread over several Thai fiscal years before "now", and the
 * same seed gives the same cases (names, dates, answers, states; the
 * record ids are random UUIDs as always).
 *
 * A demo store is marked twice: the setting "store.demo" = "1" inside the
 * encrypted database (store_is_demo), and a plain file "DEMO" beside it
 * (store_dir_is_demo), so the unlock screen can say so before any key is
 * known.  The marker is a label for people, never a security boundary. */
#ifndef TC_DB_DEMO_H
#define TC_DB_DEMO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "db/store.h"

#define DEMO_CASES_MIN 1
#define DEMO_CASES_MAX 100000
/* The setting and the file that mark a demo store. */
#define DEMO_SETTING_KEY "store.demo"
#define DEMO_MARKER_FILE "DEMO"

typedef struct demo_options {
    size_t cases;           /* DEMO_CASES_MIN..DEMO_CASES_MAX */
    uint64_t seed;          /* the same seed gives the same cases */
    int years;              /* fiscal years to spread over, 1..10 (0: 4) */
} demo_options;

/* Called after each case with how many are done of how many. */
typedef void (*demo_progress_fn)(size_t done, size_t total, void *ctx);

/* Mark s as a demo store (setting and marker file) and fill it with
 * o->cases synthetic cases ending at the store clock's "now".  The
 * acting officer must be an admin (the first officer of a new store).
 * While it runs, the store's clock is a demo clock that walks through
 * each case's events, and writes are not flushed to disk one by one (the
 * data are synthetic; the store is made durable before it returns); both
 * are restored before it returns.  ST_INVALID for a count out of range;
 * otherwise the first failing call's status (store_last_error says why;
 * the cases written before it stay).  progress may be NULL. */
store_status demo_fill(store *s, const demo_options *o, demo_progress_fn progress, void *ctx);

/* Whether the open store is marked as a demo (the setting). */
bool store_is_demo(store *s);
/* Whether the store directory dir carries the demo marker file (no key
 * needed: for the unlock screen). */
bool store_dir_is_demo(const char *dir);

#endif
