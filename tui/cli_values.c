/* cli_values.c - the command line's number reader (tui/cli_internal.h),
 * alone in its file so tests/fuzz_options.c can build it without the store
 * and the screens the rest of the command line needs. */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include "tui/cli_internal.h"

/* A whole number 1..max written in ASCII digits, nothing else.  The first
 * character is checked because strtol() would skip spaces and take a sign
 * (" 72" passed before fuzz_options found it). */
bool cli_parse_count(const char *text, long max, int *out)
{
    char *end = NULL;
    errno = 0;
    if (*text < '0' || *text > '9')
        return false;
    long v = strtol(text, &end, 10);
    if (*end || errno || v < 1 || v > max)
        return false;
    *out = (int)v;
    return true;
}
