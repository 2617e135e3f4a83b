/* utf8.c - strict UTF-8 decoding (RFC 3629) and control-character checks.
 *
 * Strict on purpose: an overlong or surrogate encoding is a classic way to
 * smuggle a character past a filter, so anything that is not the one
 * shortest encoding of a scalar value decodes as U+FFFD. */
#include "core/utf8.h"

#include <string.h>

static bool is_continuation(unsigned char b)
{
    return (b & 0xC0u) == 0x80u;
}

/* Length announced by a lead byte, or 0 for a byte that cannot start a
 * sequence (continuation bytes, C0/C1 which only begin overlongs, F5-FF). */
static size_t sequence_length(unsigned char lead)
{
    if (lead < 0x80u)
        return 1;
    if (lead >= 0xC2u && lead <= 0xDFu)
        return 2;
    if (lead >= 0xE0u && lead <= 0xEFu)
        return 3;
    if (lead >= 0xF0u && lead <= 0xF4u)
        return 4;
    return 0;
}

/* Smallest code point each sequence length may encode: anything below is
 * an overlong form. */
static uint32_t minimum_for_length(size_t n)
{
    static const uint32_t minimum[5] = { 0, 0, 0x80u, 0x800u, 0x10000u };
    return minimum[n];
}

static bool is_surrogate(uint32_t cp)
{
    return cp >= 0xD800u && cp <= 0xDFFFu;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = sequence_length(u[0]);
    *cp = UTF8_REPLACEMENT;
    if (n == 0 || n > len)
        return 1;
    if (n == 1) {
        *cp = u[0];
        return 1;
    }
    uint32_t value = u[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if (!is_continuation(u[i]))
            return 1;
        value = (value << 6) | (u[i] & 0x3Fu);
    }
    if (value < minimum_for_length(n) || value > 0x10FFFFu || is_surrogate(value))
        return 1;
    *cp = value;
    return n;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFFu || is_surrogate(cp))
        return 0;
    if (cp < 0x80u) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        out[0] = (char)(0xC0u | (cp >> 6));
        out[1] = (char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp < 0x10000u) {
        out[0] = (char)(0xE0u | (cp >> 12));
        out[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
        out[2] = (char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    out[0] = (char)(0xF0u | (cp >> 18));
    out[1] = (char)(0x80u | ((cp >> 12) & 0x3Fu));
    out[2] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
    out[3] = (char)(0x80u | (cp & 0x3Fu));
    return 4;
}

/* A literal U+FFFD in the text (3 bytes) is valid; the decoder reports an
 * error as U+FFFD over a single byte. */
static bool decoded_cleanly(size_t used, uint32_t cp)
{
    return cp != UTF8_REPLACEMENT || used != 1;
}

bool utf8_valid(const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        uint32_t cp;
        size_t used = utf8_decode(s, len, &cp);
        if (!decoded_cleanly(used, cp))
            return false;
        s += used;
        len -= used;
    }
    return true;
}

size_t utf8_length(const char *s)
{
    size_t len = strlen(s), count = 0;
    while (len > 0) {
        uint32_t cp;
        size_t used = utf8_decode(s, len, &cp);
        s += used;
        len -= used;
        count++;
    }
    return count;
}

bool utf8_is_control(uint32_t cp)
{
    return cp < 0x20u || (cp >= 0x7Fu && cp <= 0x9Fu);
}

bool utf8_is_bidi_control(uint32_t cp)
{
    return cp == 0x200Eu || cp == 0x200Fu
        || (cp >= 0x202Au && cp <= 0x202Eu)
        || (cp >= 0x2066u && cp <= 0x2069u);
}

bool utf8_has_bidi_control(const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        uint32_t cp;
        size_t used = utf8_decode(s, len, &cp);
        if (utf8_is_bidi_control(cp))
            return true;
        s += used;
        len -= used;
    }
    return false;
}

bool utf8_has_control(const char *s, bool allow_newlines)
{
    size_t len = strlen(s);
    while (len > 0) {
        uint32_t cp;
        size_t used = utf8_decode(s, len, &cp);
        bool allowed = allow_newlines && (cp == '\n' || cp == '\t');
        if (utf8_is_control(cp) && !allowed)
            return true;
        s += used;
        len -= used;
    }
    return false;
}
