/* codeset.c - sets of fixed codes as bits, and their comma-list form. */
#include "core/codeset.h"

#include <string.h>

code_set code_set_bit(int i)
{
    return (i >= 0 && i < CODESET_MAX_ROWS) ? (code_set)1u << i : 0;
}

code_set code_set_all(int n)
{
    if (n <= 0)
        return 0;
    if (n >= CODESET_MAX_ROWS)
        return UINT32_MAX;
    return ((code_set)1u << n) - 1u;
}

bool code_set_in_range(code_set set, int n)
{
    return (set & ~code_set_all(n)) == 0;
}

int code_set_count(code_set set)
{
    int count = 0;
    for (; set; set &= set - 1)
        count++;
    return count;
}

/* Appends s (and a comma before it unless first) to out; false when full. */
static bool append_code(char *out, size_t outsz, size_t *used, const char *s, bool first)
{
    size_t len = strlen(s);
    if (*used + len + (first ? 0 : 1) >= outsz)
        return false;
    if (!first)
        out[(*used)++] = ',';
    memcpy(out + *used, s, len);
    *used += len;
    out[*used] = '\0';
    return true;
}

bool code_set_format(code_of_fn code_of, int n, code_set set, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out[0] = '\0';
    if (!code_set_in_range(set, n))
        return false;
    size_t used = 0;
    bool first = true;
    for (int i = 0; i < n && i < CODESET_MAX_ROWS; i++) {
        if (!(set & code_set_bit(i)))
            continue;
        if (!append_code(out, outsz, &used, code_of(i), first)) {
            out[0] = '\0';
            return false;
        }
        first = false;
    }
    return true;
}

/* The value whose code is exactly the len bytes at s, or -1. */
static int find_item(code_of_fn code_of, int n, const char *s, size_t len)
{
    if (len == 0)
        return -1;
    for (int i = 0; i < n && i < CODESET_MAX_ROWS; i++) {
        const char *code = code_of(i);
        if (strlen(code) == len && memcmp(code, s, len) == 0)
            return i;
    }
    return -1;
}

bool code_set_parse(code_of_fn code_of, int n, const char *text, code_set *out)
{
    if (!text)
        return false;
    code_set set = 0;
    for (const char *item = text; *item;) {
        size_t len = strcspn(item, ",");
        int i = find_item(code_of, n, item, len);
        if (i < 0 || (set & code_set_bit(i)))
            return false;
        set |= code_set_bit(i);
        item += len;
        if (*item == ',') {
            item++;
            if (!*item)
                return false;       /* a trailing comma is an empty item */
        }
    }
    *out = set;
    return true;
}
