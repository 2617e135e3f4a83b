/* clock.h - injected time.
 *
 * Nothing in tipcase reads the system clock directly: every deadline,
 * timestamp and "today" comes through a tc_clock, so tests can set the time
 * (midnight, month ends, leap days) and get the same answer every run. */
#ifndef TC_CLOCK_H
#define TC_CLOCK_H
#include <stdint.h>

typedef struct tc_clock {
    /* Seconds since 1970-01-01T00:00:00Z. */
    int64_t (*now)(void *ctx);
    void *ctx;
    /* Offset of the officers' civil time from UTC, in seconds (Thailand:
     * +7 h).  "Today" for an officer is the civil date at that offset. */
    int utc_offset;
} tc_clock;

static inline int64_t tc_now(const tc_clock *c) { return c->now(c->ctx); }

/* A clock that always answers the same instant (for tests and scripts). */
typedef struct tc_fixed_clock { int64_t at; } tc_fixed_clock;
int64_t tc_fixed_clock_now(void *ctx);   /* ctx: tc_fixed_clock* */

#endif
