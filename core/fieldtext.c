/* fieldtext.c - shared checks for text and code fields of records. */
#include "core/fieldtext.h"

#include <string.h>

#include "core/geo.h"
#include "core/utf8.h"

size_t field_bounded_length(const char *s, size_t max)
{
    size_t n = 0;
    if (!s)
        return 0;
    while (n < max && s[n] != '\0')
        n++;
    return n;
}

bool field_terminated(const char *s, size_t size)
{
    return field_bounded_length(s, size) < size;
}

field_text field_text_check(const char *s, size_t max, bool multiline)
{
    if (!s)
        return FIELD_TEXT_OK;
    /* Length first: the UTF-8 checks below rely on a NUL being there. */
    if (field_bounded_length(s, max + 1) > max)
        return FIELD_TEXT_TOO_LONG;
    if (!utf8_valid(s) || utf8_has_control(s, multiline))
        return FIELD_TEXT_BAD;
    if (!multiline && utf8_has_bidi_control(s))
        return FIELD_TEXT_BAD;
    return FIELD_TEXT_OK;
}

bool field_has_visible(const char *s)
{
    if (!s)
        return false;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return true;
    return false;
}

void field_copy_text(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    memset(dst, 0, size);
    if (n >= size)
        n = size - 1;
    if (n > 0)
        memcpy(dst, src, n);
}

bool field_language_code_valid(const char *s)
{
    if (!s)
        return false;
    size_t n = 0;
    while (n < 4 && s[n] >= 'a' && s[n] <= 'z')
        n++;
    return (n == 2 || n == 3) && s[n] == '\0';
}

bool field_country_code_valid(const char *s)
{
    if (!s || field_bounded_length(s, 3) != 2)
        return false;
    if (strcmp(s, GEO_STATELESS) == 0)
        return false;
    const geo_entry *g = geo_country(s);
    return g && strcmp(g->code, s) == 0;
}
