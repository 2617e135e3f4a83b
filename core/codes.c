/* codes.c - lookups in the fixed code tables of the domain's enums. */
#include "core/codes.h"

#include <string.h>

static bool index_in_range(int i, int n)
{
    return i >= 0 && i < n;
}

bool codes_find(const code_label *table, int n, const char *code, int *index)
{
    if (!code)
        return false;
    for (int i = 0; i < n; i++) {
        if (strcmp(code, table[i].code) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

const char *codes_code(const code_label *table, int n, int i)
{
    return index_in_range(i, n) ? table[i].code : "";
}

const char *codes_label(const code_label *table, int n, int i, const char *fallback)
{
    return index_in_range(i, n) ? table[i].label : fallback;
}
