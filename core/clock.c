#include "core/clock.h"

int64_t tc_fixed_clock_now(void *ctx)
{
    return ((const tc_fixed_clock *)ctx)->at;
}
