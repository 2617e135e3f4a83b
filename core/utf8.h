/* utf8.h - strict UTF-8 decoding and the text checks the domain needs.
 *
 * Pure functions over NUL-terminated UTF-8.  Names and notes typed by an
 * officer or received from another laptop are checked here before they are
 * stored, so nothing that could repaint a terminal reaches the database. */
#ifndef TC_UTF8_H
#define TC_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode one code point from s (at most len bytes).  Returns the number of
 * bytes used (1..4).  Overlong forms, surrogates, values above U+10FFFF and
 * truncated sequences set *cp to UTF8_REPLACEMENT and use 1 byte, so a caller
 * that loops always advances.  len must be > 0. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode cp into out (room for 4 bytes); returns bytes written (0 if cp is
 * not a Unicode scalar value). */
size_t utf8_encode(uint32_t cp, char out[4]);

/* True when the whole string is well-formed UTF-8. */
bool utf8_valid(const char *s);

/* Number of code points (invalid bytes count one each). */
size_t utf8_length(const char *s);

/* C0 controls (except none), DEL, C1 controls. */
bool utf8_is_control(uint32_t cp);

/* Bidirectional embedding/override/isolate controls (U+202A-202E,
 * U+2066-2069) and LRM/RLM (U+200E, U+200F): harmless in display only when
 * neutralised; never wanted inside a name. */
bool utf8_is_bidi_control(uint32_t cp);

/* True when s contains a code point for which utf8_is_bidi_control() is
 * true.  Invalid bytes decode as U+FFFD and never count as bidi controls,
 * so callers that also need valid text check utf8_valid() themselves. */
bool utf8_has_bidi_control(const char *s);

/* True when s contains a control character.  When allow_newlines is true,
 * '\n' (and '\t') are accepted, as in free-text notes. */
bool utf8_has_control(const char *s, bool allow_newlines);

#endif
