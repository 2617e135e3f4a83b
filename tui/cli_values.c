/* cli_values.c - the command line's number reader (tui/cli_internal.h),
 * alone in its file so tests/fuzz_options.c can build it without the store
 * and the screens the rest of the command line needs. */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include "tui/cli_internal.h"

/* A whole number 1..max written in ASCII digits, nothing else. */
bool cli_parse_count(const char *text, long max, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (!*text || *end || errno || v < 1 || v > max || *text == '+' || *text == '-')
        return false;
    *out = (int)v;
    return true;
}
