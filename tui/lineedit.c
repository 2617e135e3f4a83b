/* lineedit.c - the keystroke rules of a form field, without curses.
 *
 * Two invariants hold after every call:
 *   - the cursor stands on a grapheme-cluster boundary (as textwidth.h
 *     defines clusters), so it never rests between a letter and its marks;
 *   - every mark has a letter to sit on (none at the start, none after a
 *     space), so an edit never merges the clusters after the cursor.
 *
 * Thai input is checked with libthai's WTT 2.0 strict rules, the same
 * rules a Thai keyboard driver applies.  libthai declares th_wcisaccept()
 * in <thai/thwinp.h> but the Debian library does not export it (link
 * error), so the wide-character check is done here exactly as libthai
 * would: convert both code points to TIS-620 and call th_isaccept(). */
#include "tui/lineedit.h"

#include <string.h>
#include <thai/thinp.h>
#include <thai/thwchar.h>

#include "core/utf8.h"
#include "i18n/textwidth.h"

#define THAI_FIRST 0x0E00
#define THAI_LAST  0x0E7F

static bool is_thai(wchar_t c)
{
    return c >= THAI_FIRST && c <= THAI_LAST;
}

/* Bytes c takes in UTF-8 (the stored form that max_bytes limits). */
static size_t utf8_size(wchar_t c)
{
    if (c < 0x80)
        return 1;
    if (c < 0x800)
        return 2;
    if (c < 0x10000)
        return 3;
    return 4;
}

static size_t text_bytes(const lineedit *e)
{
    size_t n = 0;
    for (size_t i = 0; i < e->len; i++)
        n += utf8_size(e->text[i]);
    return n;
}

/* Characters that never belong in a one-line field whatever comes
 * before them: not Unicode scalar values, controls, bidi controls (they
 * could reorder what an officer sees against what is stored), the line
 * and paragraph separators, and code points Thai has not assigned. */
static bool is_storable(wchar_t c)
{
    if (c <= 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return false;
    uint32_t cp = (uint32_t)c;
    if (utf8_is_control(cp) || utf8_is_bidi_control(cp))
        return false;
    if (c == 0x061C || c == 0x2028 || c == 0x2029)
        return false;
    if (is_thai(c) && th_uni2tis((thwchar_t)c) == THCHAR_ERR)
        return false;
    return true;
}

/* WTT 2.0 strict check of a Thai character typed after prev (0 at the
 * start of the text).  A character from another script is no Thai
 * context, so it counts as the start: a Thai tone mark after "a" has no
 * consonant either. */
static bool thai_accepts(wchar_t prev, wchar_t c)
{
    thchar_t before = is_thai(prev) ? th_uni2tis((thwchar_t)prev) : 0;
    return th_isaccept(before, th_uni2tis((thwchar_t)c), ISC_STRICT) != 0;
}

/* The first cluster boundary at or after pos, walking from a position
 * known to be a boundary (from <= pos). */
static size_t boundary_from(const lineedit *e, size_t from, size_t pos)
{
    size_t b = from;
    while (b < pos && b < e->len)
        b = wtext_next_cluster(e->text, e->len, b);
    return b;
}

/* The last cluster boundary at or before pos. */
static size_t boundary_before(const lineedit *e, size_t pos)
{
    size_t b = 0;
    while (b < e->len) {
        size_t next = wtext_next_cluster(e->text, e->len, b);
        if (next > pos || next == b)
            break;
        b = next;
    }
    return b;
}

static void remove_range(lineedit *e, size_t from, size_t to)
{
    memmove(e->text + from, e->text + to, (e->len - to) * sizeof e->text[0]);
    e->len -= to - from;
    e->text[e->len] = 0;
}

/* A mark of any script needs a letter to sit on: one that would start a
 * cluster of its own (at the start, after a space) is an orphan that
 * would show as a dotted circle and split the clusters after it. */
static bool is_orphan_mark(const lineedit *e, size_t at)
{
    return wchar_is_mark(e->text[at]) && wtext_prev_cluster(e->text, e->len, at + 1) == at;
}

/* Everything lineedit_insert() checks, with the byte count of the text
 * passed in and kept up to date so a long paste stays linear. */
static bool insert_counted(lineedit *e, wchar_t c, size_t *bytes)
{
    if (!is_storable(c))
        return false;
    if (e->len >= e->max)
        return false;
    if (e->max_bytes && *bytes + utf8_size(c) > e->max_bytes)
        return false;
    wchar_t prev = e->cursor > 0 ? e->text[e->cursor - 1] : 0;
    if (is_thai(c) && !thai_accepts(prev, c))
        return false;

    /* The cluster before the cursor starts at a boundary the insertion
     * cannot move; walking on from it puts the cursor after the cluster
     * the new character joined (a mark) or formed (a letter). */
    size_t from = e->cursor > 0 ? wtext_prev_cluster(e->text, e->len, e->cursor) : 0;
    memmove(e->text + e->cursor + 1, e->text + e->cursor,
            (e->len - e->cursor) * sizeof e->text[0]);
    e->text[e->cursor] = c;
    e->len++;
    e->text[e->len] = 0;
    if (is_orphan_mark(e, e->cursor)) {
        remove_range(e, e->cursor, e->cursor + 1);
        return false;
    }
    e->cursor = boundary_from(e, from, e->cursor + 1);
    *bytes += utf8_size(c);
    return true;
}

void lineedit_init(lineedit *e, size_t max_chars, size_t max_bytes)
{
    e->text[0] = 0;
    e->len = 0;
    e->cursor = 0;
    e->max = (max_chars == 0 || max_chars > LINEEDIT_CAP) ? LINEEDIT_CAP : max_chars;
    e->max_bytes = max_bytes;
}

/* One code point of stored text, as lineedit_set() keeps it: tabs and
 * line breaks become the space they stood for, other controls go. */
static wchar_t cleaned(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r')
        return L' ';
    if (!is_storable((wchar_t)cp))
        return 0;
    return (wchar_t)cp;
}

void lineedit_set(lineedit *e, const char *utf8)
{
    size_t bytes = 0;
    e->len = 0;
    size_t left = utf8 ? strlen(utf8) : 0;
    while (left > 0) {
        uint32_t cp;
        size_t used = utf8_decode(utf8, left, &cp);
        utf8 += used;
        left -= used;
        wchar_t c = cleaned(cp);
        if (c == 0)
            continue;
        if (e->len >= e->max || (e->max_bytes && bytes + utf8_size(c) > e->max_bytes)) {
            /* Cut before the whole cluster rather than leave a letter
             * without the marks that were part of it. */
            if (wchar_is_mark(c))
                e->len = wtext_prev_cluster(e->text, e->len, e->len);
            break;
        }
        e->text[e->len++] = c;
        if (is_orphan_mark(e, e->len - 1)) {
            e->len--;
            continue;
        }
        bytes += utf8_size(c);
    }
    e->text[e->len] = 0;
    e->cursor = e->len;
}

size_t lineedit_get(const lineedit *e, char *out, size_t outsz)
{
    if (outsz == 0)
        return 0;
    return text_from_wide(e->text, e->len, out, outsz);
}

bool lineedit_insert(lineedit *e, wchar_t c)
{
    size_t bytes = text_bytes(e);
    return insert_counted(e, c, &bytes);
}

size_t lineedit_insert_text(lineedit *e, const char *utf8)
{
    size_t inserted = 0;
    size_t bytes = text_bytes(e);
    size_t left = utf8 ? strlen(utf8) : 0;
    while (left > 0) {
        uint32_t cp;
        size_t used = utf8_decode(utf8, left, &cp);
        utf8 += used;
        left -= used;
        if (insert_counted(e, (wchar_t)cp, &bytes))
            inserted++;
    }
    return inserted;
}

void lineedit_left(lineedit *e)
{
    if (e->cursor > 0)
        e->cursor = wtext_prev_cluster(e->text, e->len, e->cursor);
}

void lineedit_right(lineedit *e)
{
    if (e->cursor < e->len)
        e->cursor = wtext_next_cluster(e->text, e->len, e->cursor);
}

void lineedit_home(lineedit *e)
{
    e->cursor = 0;
}

void lineedit_end(lineedit *e)
{
    e->cursor = e->len;
}

void lineedit_backspace(lineedit *e)
{
    if (e->cursor == 0)
        return;
    size_t from = wtext_prev_cluster(e->text, e->len, e->cursor);
    remove_range(e, e->cursor - 1, e->cursor);
    /* Removing a mark leaves the cursor after its letter; removing the
     * letter of a one-letter cluster leaves it where that cluster began. */
    e->cursor = boundary_from(e, from, e->cursor - 1);
}

void lineedit_delete(lineedit *e)
{
    if (e->cursor >= e->len)
        return;
    remove_range(e, e->cursor, wtext_next_cluster(e->text, e->len, e->cursor));
}

void lineedit_clear(lineedit *e)
{
    e->len = 0;
    e->cursor = 0;
    e->text[0] = 0;
}

static bool cluster_is_space(const lineedit *e, size_t start)
{
    return e->text[start] == L' ' || e->text[start] == 0x00A0 || e->text[start] == 0x3000;
}

void lineedit_delete_word(lineedit *e)
{
    size_t start = e->cursor;
    while (start > 0) {
        size_t prev = wtext_prev_cluster(e->text, e->len, start);
        if (!cluster_is_space(e, prev))
            break;
        start = prev;
    }
    while (start > 0) {
        size_t prev = wtext_prev_cluster(e->text, e->len, start);
        if (cluster_is_space(e, prev))
            break;
        start = prev;
    }
    remove_range(e, start, e->cursor);
    e->cursor = start;
}

int lineedit_cursor_column(const lineedit *e)
{
    return wtext_columns(e->text, e->cursor);
}

size_t lineedit_scroll(const lineedit *e, size_t prev_first, int width)
{
    int room = width > 1 ? width - 1 : 0;   /* last column the cursor may use */
    if (prev_first >= e->cursor)
        return e->cursor;
    size_t first = boundary_before(e, prev_first);
    int cols = wtext_columns(e->text + first, e->cursor - first);
    /* Drop whole clusters from the left until the cursor fits: the
     * smallest scroll that shows it, at the right edge. */
    while (cols > room && first < e->cursor) {
        size_t next = wtext_next_cluster(e->text, e->len, first);
        cols -= wtext_columns(e->text + first, next - first);
        first = next;
    }
    return first;
}
