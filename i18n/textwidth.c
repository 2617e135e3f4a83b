/* textwidth.c - display columns, grapheme clusters and terminal-safe text.
 *
 * The widths here come from our own tables, not from the C library's
 * wcwidth(): they must not change with the locale the program happens to
 * run under (C.UTF-8 on a laptop without a Thai locale), and Thai must
 * measure the same everywhere.  The tables follow Unicode: Mn/Me marks
 * take no column, East Asian Wide/Fullwidth take two. */
#include "config.h"
#include "i18n/textwidth.h"
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "core/utf8.h"

#define DOTTED_CIRCLE 0x25CCu
#define ELLIPSIS "\xE2\x80\xA6"        /* U+2026, one column */
#define ELLIPSIS_BYTES 3

typedef struct cp_range { uint32_t first, last; } cp_range;

/* Non-spacing and enclosing marks (general category Mn/Me) of the
 * scripts an officer may meet, plus Hangul medial/final jamo, which
 * terminals draw on the syllable before them. */
static const cp_range mark_ranges[] = {
    { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x05BF, 0x05BF },
    { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 }, { 0x05C7, 0x05C7 }, { 0x0610, 0x061A },
    { 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
    { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0711, 0x0711 }, { 0x0730, 0x074A },
    { 0x07A6, 0x07B0 }, { 0x07EB, 0x07F3 }, { 0x0816, 0x0819 }, { 0x081B, 0x0823 },
    { 0x0825, 0x0827 }, { 0x0829, 0x082D }, { 0x0859, 0x085B }, { 0x08D3, 0x08E1 },
    { 0x08E3, 0x0902 }, { 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 },
    { 0x094D, 0x094D }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 }, { 0x0981, 0x0981 },
    { 0x09BC, 0x09BC }, { 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD }, { 0x09E2, 0x09E3 },
    { 0x0A01, 0x0A02 }, { 0x0A3C, 0x0A3C }, { 0x0A41, 0x0A42 }, { 0x0A47, 0x0A48 },
    { 0x0A4B, 0x0A4D }, { 0x0A51, 0x0A51 }, { 0x0A70, 0x0A71 }, { 0x0A75, 0x0A75 },
    { 0x0A81, 0x0A82 }, { 0x0ABC, 0x0ABC }, { 0x0AC1, 0x0AC5 }, { 0x0AC7, 0x0AC8 },
    { 0x0ACD, 0x0ACD }, { 0x0AE2, 0x0AE3 }, { 0x0B01, 0x0B01 }, { 0x0B3C, 0x0B3C },
    { 0x0B3F, 0x0B3F }, { 0x0B41, 0x0B44 }, { 0x0B4D, 0x0B4D }, { 0x0B56, 0x0B56 },
    { 0x0B62, 0x0B63 }, { 0x0B82, 0x0B82 }, { 0x0BC0, 0x0BC0 }, { 0x0BCD, 0x0BCD },
    { 0x0C00, 0x0C00 }, { 0x0C3E, 0x0C40 }, { 0x0C46, 0x0C48 }, { 0x0C4A, 0x0C4D },
    { 0x0C55, 0x0C56 }, { 0x0C62, 0x0C63 }, { 0x0C81, 0x0C81 }, { 0x0CBC, 0x0CBC },
    { 0x0CBF, 0x0CBF }, { 0x0CC6, 0x0CC6 }, { 0x0CCC, 0x0CCD }, { 0x0CE2, 0x0CE3 },
    { 0x0D00, 0x0D01 }, { 0x0D3B, 0x0D3C }, { 0x0D41, 0x0D44 }, { 0x0D4D, 0x0D4D },
    { 0x0D62, 0x0D63 }, { 0x0DCA, 0x0DCA }, { 0x0DD2, 0x0DD4 }, { 0x0DD6, 0x0DD6 },
    /* Thai: MAI HAN-AKAT, above/below vowels, PHINTHU, tone marks and signs */
    { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
    /* Lao */
    { 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC }, { 0x0EC8, 0x0ECD },
    /* Tibetan */
    { 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 }, { 0x0F37, 0x0F37 }, { 0x0F39, 0x0F39 },
    { 0x0F71, 0x0F7E }, { 0x0F80, 0x0F84 }, { 0x0F86, 0x0F87 }, { 0x0F8D, 0x0FBC },
    { 0x0FC6, 0x0FC6 },
    /* Myanmar (Burmese, Shan, Karen: many workers in Thailand write these) */
    { 0x102D, 0x1030 }, { 0x1032, 0x1037 }, { 0x1039, 0x103A }, { 0x103D, 0x103E },
    { 0x1058, 0x1059 }, { 0x105E, 0x1060 }, { 0x1071, 0x1074 }, { 0x1082, 0x1082 },
    { 0x1085, 0x1086 }, { 0x108D, 0x108D }, { 0x109D, 0x109D },
    { 0x1160, 0x11FF },                     /* Hangul medial vowels, final consonants */
    { 0x135D, 0x135F },
    /* Khmer */
    { 0x17B4, 0x17B5 }, { 0x17B7, 0x17BD }, { 0x17C6, 0x17C6 }, { 0x17C9, 0x17D3 },
    { 0x17DD, 0x17DD },
    { 0x180B, 0x180D }, { 0x18A9, 0x18A9 }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
    { 0x20D0, 0x20F0 }, { 0x2CEF, 0x2CF1 }, { 0x2DE0, 0x2DFF }, { 0x302A, 0x302D },
    { 0x3099, 0x309A }, { 0xA66F, 0xA672 }, { 0xA674, 0xA67D }, { 0xA69E, 0xA69F },
    { 0xA6F0, 0xA6F1 }, { 0xA8E0, 0xA8F1 }, { 0xA9E5, 0xA9E5 }, { 0xAA29, 0xAA2E },
    { 0xAA31, 0xAA32 }, { 0xAA35, 0xAA36 }, { 0xAA7C, 0xAA7C }, { 0xFB1E, 0xFB1E },
    { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0x101FD, 0x101FD },
    { 0x1D167, 0x1D169 }, { 0x1D17B, 0x1D182 }, { 0x1D185, 0x1D18B },
    { 0x1D1AA, 0x1D1AD }, { 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth. */
static const cp_range wide_ranges[] = {
    { 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
    { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE }, { 0x2614, 0x2615 },
    { 0x2648, 0x2653 }, { 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
    { 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
    { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 },
    { 0x26FA, 0x26FA }, { 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
    { 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
    { 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF },
    { 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 },
    { 0x2E80, 0x303E }, { 0x3041, 0x3247 }, { 0x3250, 0x4DBF }, { 0x4E00, 0xA4CF },
    { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 },
    { 0xFE30, 0xFE6F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 },
    { 0x16FE0, 0x16FE4 }, { 0x17000, 0x18AFF }, { 0x1B000, 0x1B2FF },
    { 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
    { 0x1F200, 0x1F202 }, { 0x1F210, 0x1F23B }, { 0x1F240, 0x1F248 }, { 0x1F250, 0x1F251 },
    { 0x1F260, 0x1F265 }, { 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF }, { 0x1F900, 0x1F9FF },
    { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static bool in_ranges(uint32_t c, const cp_range *r, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < r[mid].first)
            hi = mid;
        else if (c > r[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool wchar_is_mark(wchar_t c)
{
    return c > 0 && in_ranges((uint32_t)c, mark_ranges, COUNT(mark_ranges));
}

/* SARA AM (Thai, Lao) takes a column of its own but still belongs to the
 * letter before it: "น้ำ" is one cluster, never cut between น้ and ำ. */
static bool is_spacing_extender(uint32_t c)
{
    return c == 0x0E33 || c == 0x0EB3;
}

/* Invisible format characters: zero width, never shown on their own, and
 * kept with whatever comes before them (ZWSP, ZWNJ, ZWJ, word joiner, BOM,
 * and the bidi controls that text_clean drops). */
static bool is_invisible_format(uint32_t c)
{
    return (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
           utf8_is_bidi_control(c);
}

/* Marks that need a letter to sit on. */
static bool needs_base(uint32_t c)
{
    return wchar_is_mark((wchar_t)c) || is_spacing_extender(c);
}

/* Whether marks after c belong to c.  A space, a control or an invisible
 * character cannot carry a mark, so a mark after one is an orphan. */
static bool carries_marks(uint32_t c)
{
    return c != ' ' && !utf8_is_control(c) && !is_invisible_format(c);
}

int wchar_columns(wchar_t c)
{
    if (c < 0)
        return 1;
    uint32_t u = (uint32_t)c;
    if (utf8_is_control(u))
        return 1;                       /* shown as one U+FFFD */
    if (is_invisible_format(u) || wchar_is_mark(c))
        return 0;
    if (in_ranges(u, wide_ranges, COUNT(wide_ranges)))
        return 2;
    return 1;
}

/* ---- clusters over wide text ---- */

size_t wtext_next_cluster(const wchar_t *s, size_t len, size_t pos)
{
    if (pos >= len)
        return len;
    uint32_t first = (uint32_t)s[pos++];
    bool takes_marks = needs_base(first) || carries_marks(first);
    while (pos < len) {
        uint32_t c = (uint32_t)s[pos];
        if (is_invisible_format(c) || (takes_marks && needs_base(c)))
            pos++;
        else
            break;
    }
    return pos;
}

size_t wtext_prev_cluster(const wchar_t *s, size_t len, size_t pos)
{
    if (pos > len)
        pos = len;
    if (pos == 0)
        return 0;
    /* Every character that is not a mark or an invisible one starts a
     * cluster: back up to one, then walk forward to the cluster that
     * holds s[pos-1]. */
    size_t safe = pos - 1;
    while (safe > 0 && (needs_base((uint32_t)s[safe]) || is_invisible_format((uint32_t)s[safe])))
        safe--;
    size_t start = safe;
    for (;;) {
        size_t next = wtext_next_cluster(s, len, start);
        if (next >= pos || next == start)
            return start;
        start = next;
    }
}

/* One cluster's columns as text_clean shows it: an orphan mark gets a
 * dotted circle, which takes a column. */
static int cluster_columns(const wchar_t *s, size_t n)
{
    int cols = 0;
    for (size_t i = 0; i < n; i++)
        cols += wchar_columns(s[i]);
    if (n > 0 && needs_base((uint32_t)s[0]))
        cols += 1;
    return cols;
}

int wtext_columns(const wchar_t *s, size_t len)
{
    int cols = 0;
    for (size_t i = 0; i < len;) {
        size_t next = wtext_next_cluster(s, len, i);
        cols += cluster_columns(s + i, next - i);
        i = next;
    }
    return cols;
}

/* ---- cleaning UTF-8 for the terminal ----
 *
 * A cleaner walks the input and yields the code points text_clean()
 * writes.  It is a small value type so that a caller can copy it to look
 * ahead over a whole cluster before deciding to write it. */
typedef struct cleaner {
    const char *p;
    size_t left;
    bool can_take_mark;     /* the last code point written carries marks */
    uint32_t held;          /* an orphan mark, due after its dotted circle */
} cleaner;

static cleaner cleaner_start(const char *utf8)
{
    cleaner c = { utf8 ? utf8 : "", utf8 ? strlen(utf8) : 0, false, 0 };
    return c;
}

/* The next cleaned code point, 0 at the end. */
static uint32_t cleaner_next(cleaner *c)
{
    if (c->held) {
        uint32_t m = c->held;
        c->held = 0;
        return m;
    }
    while (c->left > 0) {
        uint32_t cp;
        size_t used = utf8_decode(c->p, c->left, &cp);
        c->p += used;
        c->left -= used;
        if (utf8_is_bidi_control(cp))
            continue;
        if (cp == '\n' || cp == '\t')
            cp = ' ';
        else if (utf8_is_control(cp))
            cp = UTF8_REPLACEMENT;
        if (needs_base(cp)) {
            if (!c->can_take_mark) {
                c->held = cp;
                c->can_take_mark = true;
                return DOTTED_CIRCLE;
            }
        } else if (!is_invisible_format(cp)) {
            c->can_take_mark = carries_marks(cp);
        }
        return cp;
    }
    return 0;
}

/* Peeks at the cluster that starts at the cleaner's position. */
typedef struct cluster_size { size_t cps, bytes; int cols; } cluster_size;

static cluster_size cleaner_peek_cluster(const cleaner *c)
{
    cluster_size sz = { 0, 0, 0 };
    cleaner look = *c;
    uint32_t cp = cleaner_next(&look);
    if (cp == 0)
        return sz;
    bool takes_marks = carries_marks(cp) || needs_base(cp);
    char buf[4];
    do {
        sz.cps++;
        sz.bytes += utf8_encode(cp, buf);
        sz.cols += wchar_columns((wchar_t)cp);
        cleaner after = look;
        cp = cleaner_next(&after);
        if (cp == 0 || !(is_invisible_format(cp) || (takes_marks && needs_base(cp))))
            break;
        look = after;
    } while (1);
    return sz;
}

static size_t cleaner_write(cleaner *c, size_t cps, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < cps; i++)
        n += utf8_encode(cleaner_next(c), out + n);
    return n;
}

int text_columns(const char *utf8)
{
    cleaner c = cleaner_start(utf8);
    int cols = 0;
    uint32_t cp;
    while ((cp = cleaner_next(&c)) != 0)
        cols += wchar_columns((wchar_t)cp);
    return cols;
}

int text_fit(const char *utf8, int cols, bool ellipsis, char *out, size_t outsz)
{
    if (outsz == 0)
        return 0;
    out[0] = '\0';
    if (cols <= 0)
        return 0;
    cleaner c = cleaner_start(utf8);
    size_t used = 0;
    int used_cols = 0;
    /* The last place where "…" would still fit after the text written. */
    size_t ell_bytes = 0;
    int ell_cols = 0;
    bool cut = false;
    for (;;) {
        cluster_size sz = cleaner_peek_cluster(&c);
        if (sz.cps == 0)
            break;
        if (sz.cols > cols - used_cols || sz.bytes >= outsz - used) {
            cut = true;
            break;
        }
        used += cleaner_write(&c, sz.cps, out + used);
        used_cols += sz.cols;
        if (used_cols <= cols - 1 && used + ELLIPSIS_BYTES < outsz) {
            ell_bytes = used;
            ell_cols = used_cols;
        }
    }
    if (cut && ellipsis) {
        if (ELLIPSIS_BYTES >= outsz) {
            out[0] = '\0';
            return 0;
        }
        memcpy(out + ell_bytes, ELLIPSIS, ELLIPSIS_BYTES);
        used = ell_bytes + ELLIPSIS_BYTES;
        used_cols = ell_cols + 1;
    }
    out[used] = '\0';
    return used_cols;
}

int text_clean(const char *utf8, char *out, size_t outsz)
{
    return text_fit(utf8, INT_MAX, false, out, outsz);
}

int text_pad(const char *utf8, int cols, char *out, size_t outsz)
{
    int used = text_fit(utf8, cols, true, out, outsz);
    if (outsz == 0)
        return 0;
    size_t len = strlen(out);
    while (used < cols && len + 1 < outsz) {
        out[len++] = ' ';
        used++;
    }
    out[len] = '\0';
    return used;
}

/* ---- locale-independent conversion ---- */

size_t text_to_wide(const char *utf8, wchar_t *out, size_t outlen)
{
    if (outlen == 0)
        return 0;
    size_t n = 0, left = utf8 ? strlen(utf8) : 0;
    const char *p = utf8;
    while (left > 0 && n + 1 < outlen) {
        uint32_t cp;
        size_t used = utf8_decode(p, left, &cp);
        p += used;
        left -= used;
        out[n++] = (wchar_t)cp;
    }
    out[n] = L'\0';
    return n;
}

size_t text_from_wide(const wchar_t *w, size_t len, char *out, size_t outsz)
{
    if (outsz == 0)
        return 0;
    size_t used = 0;
    for (size_t i = 0; i < len && w[i] != L'\0'; i++) {
        char buf[4];
        size_t n = w[i] > 0 ? utf8_encode((uint32_t)w[i], buf) : 0;
        if (n == 0)
            n = utf8_encode(UTF8_REPLACEMENT, buf);
        if (used + n >= outsz)
            break;
        memcpy(out + used, buf, n);
        used += n;
    }
    out[used] = '\0';
    return used;
}
