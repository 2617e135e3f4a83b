/* thaitext.c - Thai dictionary order and Thai line wrapping (libthai).
 *
 * Order.  libthai's collation (th_strcoll) works on TIS-620, which holds
 * ASCII and Thai.  Its wide-character front end th_wcstrcoll is declared in
 * <thai/thwcoll.h> but not exported by libthai 0.1.29, so we convert to
 * TIS-620 ourselves.  The order that results, for a list of names:
 *   - digits first, then Latin letters, then Thai (as in a Thai telephone
 *     directory: the TIS-620 table puts ASCII before Thai);
 *   - Thai in dictionary order: a leading vowel is skipped at the first
 *     level ("กา" < "เก" < "ขา"), tone marks only break ties;
 *   - Latin case-insensitively ("adam" < "Bob" < "carl"), lower case first
 *     on a tie;
 *   - accented Latin letters (U+00C0-U+00FF) sort with their base letter;
 *     other scripts (Burmese, Khmer, Lao, ...) are not known to the Thai
 *     table and only break ties, in code-point order.
 * Strings that collate equal are then ordered by their bytes, so the order
 * is total and two different names never compare equal.
 *
 * Breaks.  Thai writes no spaces between words, so a line may break at a
 * word boundary found by libthai's dictionary, at a space, and — for a word
 * longer than a line — between any two clusters, never inside one. */
#include "config.h"
#include "i18n/thaitext.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <thai/thbrk.h>
#include <thai/thcoll.h>
#include <thai/thwbrk.h>
#include <thai/thwchar.h>
#include "core/utf8.h"
#include "i18n/textwidth.h"

#define KEY_ON_STACK 256

/* ---- collation ---- */

/* Base letters of Latin-1 Supplement letters U+00C0..U+00FF
 * ('\0' for the two signs in it that are not letters). */
static const char latin1_base[64] =
    "AAAAAAACEEEEIIII" "DNOOOOO\0OUUUUYTs"
    "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";

/* The TIS-620 byte a code point contributes to the sort key, 0 for none. */
static thchar_t key_byte(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xFF)
        return (thchar_t)latin1_base[cp - 0xC0];
    if (cp == 0 || cp > 0xFFFF)
        return 0;
    thchar_t b = th_uni2tis((thwchar_t)cp);
    return b == THCHAR_ERR ? 0 : b;
}

/* Writes the sort key of s[0..len) into key (room for len + 1 bytes: a
 * key byte never takes more than the UTF-8 it comes from). */
static void make_key(const char *s, size_t len, thchar_t *key)
{
    size_t n = 0;
    while (len > 0) {
        uint32_t cp;
        size_t used = utf8_decode(s, len, &cp);
        s += used;
        len -= used;
        thchar_t b = key_byte(cp);
        if (b)
            key[n++] = b;
    }
    key[n] = '\0';
}

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    int r = memcmp(a, b, alen < blen ? alen : blen);
    if (r)
        return r;
    return (alen > blen) - (alen < blen);
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

int thai_collate_n(const char *a, int alen, const char *b, int blen)
{
    size_t la = alen > 0 ? (size_t)alen : 0, lb = blen > 0 ? (size_t)blen : 0;
    /* An embedded NUL ends the text, as it would for a C string. */
    const char *za = memchr(a, '\0', la), *zb = memchr(b, '\0', lb);
    if (za)
        la = (size_t)(za - a);
    if (zb)
        lb = (size_t)(zb - b);
    thchar_t stack_a[KEY_ON_STACK], stack_b[KEY_ON_STACK];
    thchar_t *ka = la < KEY_ON_STACK ? stack_a : malloc(la + 1);
    thchar_t *kb = lb < KEY_ON_STACK ? stack_b : malloc(lb + 1);
    int r = 0;
    if (ka && kb) {
        make_key(a, la, ka);
        make_key(b, lb, kb);
        r = sign(th_strcoll(ka, kb));
    }
    if (ka != stack_a)
        free(ka);
    if (kb != stack_b)
        free(kb);
    return r ? r : sign(compare_bytes(a, la, b, lb));
}

size_t thai_sort_key(const char *utf8, unsigned char *out, size_t outsz)
{
    size_t len = strlen(utf8);
    if (outsz < 2)
        return 0;
    thchar_t stack[KEY_ON_STACK];
    thchar_t *k = len < KEY_ON_STACK ? stack : malloc(len + 1);
    if (!k)
        return 0;
    make_key(utf8, len, k);
    /* th_strxfrm gives the form whose byte order is th_strcoll's order. */
    size_t n = th_strxfrm((thchar_t *)out, k, outsz - 1);
    if (k != stack)
        free(k);
    if (n >= outsz - 1)
        n = outsz - 2;              /* cut: only absurdly long names */
    out[n++] = 0;                   /* ends the first level below any byte */
    /* Then the text itself, as thai_collate_n breaks ties. */
    size_t tail = len < outsz - n ? len : outsz - n;
    memcpy(out + n, utf8, tail);
    return n + tail;
}

int thai_collate(const char *a, const char *b)
{
    if (!a)
        a = "";
    if (!b)
        b = "";
    size_t la = strlen(a), lb = strlen(b);
    if (la > INT32_MAX || lb > INT32_MAX)
        return sign(strcmp(a, b));
    return thai_collate_n(a, (int)la, b, (int)lb);
}

/* ---- word breaks ---- */

static ThBrk *word_breaker;
static bool word_breaker_failed;

static ThBrk *breaker(void)
{
    if (!word_breaker && !word_breaker_failed) {
        word_breaker = th_brk_new(NULL);
        word_breaker_failed = word_breaker == NULL;
    }
    return word_breaker;
}

void thaitext_shutdown(void)
{
    if (word_breaker)
        th_brk_delete(word_breaker);
    word_breaker = NULL;
    word_breaker_failed = false;
}

/* The text decoded once: code points, the byte offset of each (and of the
 * end), and where a line may break before a code point. */
typedef struct decoded {
    wchar_t *cp;
    size_t *off;
    bool *brk;
    int *pos;           /* scratch for libthai */
    size_t n;
} decoded;

static void decoded_free(decoded *d)
{
    free(d->cp);
    free(d->off);
    free(d->brk);
    free(d->pos);
}

static bool decode_text(const char *s, decoded *d)
{
    size_t len = strlen(s);
    memset(d, 0, sizeof *d);
    d->cp = malloc((len + 1) * sizeof *d->cp);
    d->off = malloc((len + 1) * sizeof *d->off);
    d->brk = calloc(len + 1, sizeof *d->brk);
    d->pos = malloc((len + 1) * sizeof *d->pos);
    if (!d->cp || !d->off || !d->brk || !d->pos) {
        decoded_free(d);
        return false;
    }
    size_t at = 0;
    while (at < len) {
        uint32_t cp;
        size_t used = utf8_decode(s + at, len - at, &cp);
        d->off[d->n] = at;
        d->cp[d->n++] = (wchar_t)cp;
        at += used;
    }
    d->off[d->n] = len;
    d->cp[d->n] = L'\0';
    return true;
}

/* Marks break opportunities in the paragraph [from, to): around spaces and
 * at Thai word boundaries.  Nothing inside a cluster is kept. */
static void find_breaks(decoded *d, size_t from, size_t to)
{
    for (size_t i = from + 1; i < to; i++)
        if (d->cp[i] == L' ' || d->cp[i - 1] == L' ')
            d->brk[i] = true;
    ThBrk *b = breaker();
    if (b && to > from) {
        wchar_t saved = d->cp[to];
        d->cp[to] = L'\0';
        int found = th_brk_wc_find_breaks(b, d->cp + from, d->pos, to - from);
        d->cp[to] = saved;
        for (int k = 0; k < found; k++) {
            size_t at = from + (size_t)d->pos[k];
            if (at > from && at < to)
                d->brk[at] = true;
        }
    }
    /* Keep only breaks that fall between clusters. */
    size_t next = from;
    for (size_t i = from; i < to; i++) {
        if (i == next)
            next = wtext_next_cluster(d->cp, to, i);
        else
            d->brk[i] = false;
    }
}

typedef struct line_sink {
    text_line *lines;
    size_t max, count;
    const decoded *d;
} line_sink;

/* Emits [start, end) without its trailing spaces. */
static void emit_line(line_sink *sink, size_t start, size_t end)
{
    while (end > start && sink->d->cp[end - 1] == L' ')
        end--;
    if (sink->count < sink->max) {
        sink->lines[sink->count].start = sink->d->off[start];
        sink->lines[sink->count].len = sink->d->off[end] - sink->d->off[start];
    }
    sink->count++;
}

/* Greedy fill of one paragraph [from, to). */
static void wrap_paragraph(line_sink *sink, size_t from, size_t to, int width)
{
    const decoded *d = sink->d;
    size_t start = from;
    if (start == to) {
        emit_line(sink, from, to);          /* an empty line stays a line */
        return;
    }
    while (start < to) {
        int cols = 0;
        size_t pos = start, last_break = start;
        while (pos < to) {
            size_t next = wtext_next_cluster(d->cp, to, pos);
            int w = wtext_columns(d->cp + pos, next - pos);
            bool is_space = d->cp[pos] == L' ';
            /* Spaces at the end of a line are dropped, so they may overhang. */
            if (cols + w > width && pos > start && !is_space)
                break;
            cols += w;
            pos = next;
            if (pos < to && d->brk[pos])
                last_break = pos;
        }
        size_t end = (pos < to && last_break > start) ? last_break : pos;
        emit_line(sink, start, end);
        start = end;
        while (start < to && d->cp[start] == L' ')
            start++;
    }
}

size_t thai_wrap(const char *utf8, int width, text_line *lines, size_t max)
{
    if (!utf8 || !*utf8)
        return 0;
    if (width < 1)
        width = 1;
    decoded d;
    if (!decode_text(utf8, &d))
        return 0;
    line_sink sink = { lines, lines ? max : 0, 0, &d };
    size_t from = 0;
    while (from <= d.n) {
        size_t to = from;
        while (to < d.n && d.cp[to] != L'\n')
            to++;
        if (to == d.n && from == d.n && from > 0)
            break;                          /* a final newline ends the last line */
        find_breaks(&d, from, to);
        wrap_paragraph(&sink, from, to, width);
        from = to + 1;
    }
    decoded_free(&d);
    return sink.count;
}
