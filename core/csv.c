/* csv.c - see csv.h. */
#include "csv.h"
#include <stdio.h>
#include <string.h>

/* A leading character that spreadsheets take as the start of a formula. */
static bool starts_formula(const char *text)
{
    return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
           text[0] == '\t' || text[0] == '\r';
}

static bool needs_quotes(const char *text)
{
    return starts_formula(text) || strpbrk(text, ",\"\r\n") != NULL;
}

size_t csv_field_size(const char *text)
{
    size_t n = strlen(text);
    if (!needs_quotes(text))
        return n;
    size_t quotes = 0;
    for (const char *p = text; *p; p++)
        quotes += *p == '"';
    return n + quotes + 2 + (starts_formula(text) ? 1 : 0);
}

bool csv_append_field(char *out, size_t outsz, size_t *len, const char *text)
{
    size_t need = csv_field_size(text);
    if (*len + need + 1 > outsz)
        return false;
    char *w = out + *len;
    if (!needs_quotes(text)) {
        memcpy(w, text, need);
    } else {
        *w++ = '"';
        if (starts_formula(text))
            *w++ = '\'';
        for (const char *p = text; *p; p++) {
            if (*p == '"')
                *w++ = '"';
            *w++ = *p;
        }
        *w++ = '"';
    }
    *len += need;
    out[*len] = '\0';
    return true;
}

bool csv_append_int(char *out, size_t outsz, size_t *len, int64_t n)
{
    char num[24];
    int k = snprintf(num, sizeof num, "%lld", (long long)n);
    if (k < 0 || *len + (size_t)k + 1 > outsz)
        return false;
    memcpy(out + *len, num, (size_t)k + 1);
    *len += (size_t)k;
    return true;
}

static bool append_raw(char *out, size_t outsz, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > outsz)
        return false;
    memcpy(out + *len, s, n + 1);
    *len += n;
    return true;
}

bool csv_append_sep(char *out, size_t outsz, size_t *len)
{
    return append_raw(out, outsz, len, ",");
}

bool csv_append_eol(char *out, size_t outsz, size_t *len)
{
    return append_raw(out, outsz, len, CSV_EOL);
}
