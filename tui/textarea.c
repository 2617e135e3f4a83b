/* textarea.c - paragraphs of lineedits, wrapped as thai_wrap wraps them.
 *
 * The cursor is (cur, para[cur]->cursor); every move keeps it on a
 * cluster boundary because it only ever lands on a paragraph's start or
 * end, or on a boundary lineedit or the wrapped line walk found. */
#include "config.h"
#include "tui/textarea.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/textwidth.h"
#include "i18n/thaitext.h"

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

static size_t para_bytes(const lineedit *e)
{
    size_t n = 0;
    for (size_t i = 0; i < e->len; i++)
        n += utf8_size(e->text[i]);
    return n;
}

static lineedit *para_new(const textarea *ta)
{
    lineedit *e = malloc(sizeof *e);
    if (e)
        lineedit_init(e, LINEEDIT_CAP, ta->max_bytes);
    return e;
}

static void para_free(lineedit *e)
{
    if (!e)
        return;
    sodium_memzero(e, sizeof *e);
    free(e);
}

/* Room for n paragraphs (the array grows in steps, bounded by the limit). */
static bool reserve(textarea *ta, size_t n)
{
    if (n > TEXTAREA_MAX_PARAGRAPHS)
        return false;
    lineedit **p = realloc(ta->para, n * sizeof *p);
    if (!p)
        return false;
    ta->para = p;
    return true;
}

static void clear_all(textarea *ta)
{
    for (size_t i = 0; i < ta->n; i++)
        para_free(ta->para[i]);
    ta->n = 0;
    ta->cur = 0;
    ta->goal_col = -1;
}

bool textarea_init(textarea *ta, size_t max_bytes)
{
    memset(ta, 0, sizeof *ta);
    ta->max_bytes = max_bytes;
    ta->goal_col = -1;
    if (!reserve(ta, 1) || !(ta->para[0] = para_new(ta)))
        return false;
    ta->n = 1;
    return true;
}

void textarea_free(textarea *ta)
{
    clear_all(ta);
    free(ta->para);
    ta->para = NULL;
}

/* The UTF-8 of a paragraph in a fresh buffer (NULL when out of memory). */
static char *para_utf8(const lineedit *e, size_t *bytes)
{
    size_t cap = para_bytes(e) + 1;
    char *buf = malloc(cap);
    if (buf)
        *bytes = text_from_wide(e->text, e->len, buf, cap);
    return buf;
}

bool textarea_set(textarea *ta, const char *utf8)
{
    clear_all(ta);
    const char *p = utf8 ? utf8 : "";
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r')
            len--;
        char *piece = malloc(len + 1);
        lineedit *e = piece ? para_new(ta) : NULL;
        if (!e || !reserve(ta, ta->n + 1)) {
            free(piece);
            para_free(e);
            break;
        }
        memcpy(piece, p, len);
        piece[len] = '\0';
        lineedit_set(e, piece);
        sodium_memzero(piece, len);
        free(piece);
        ta->para[ta->n++] = e;
        if (!nl)
            break;
        p = nl + 1;
    }
    if (!ta->n) {
        if (!reserve(ta, 1) || !(ta->para[0] = para_new(ta)))
            return false;
        ta->n = 1;
    }
    ta->cur = ta->n - 1;
    lineedit_end(ta->para[ta->cur]);
    return true;
}

size_t textarea_bytes(const textarea *ta)
{
    size_t n = ta->n ? ta->n - 1 : 0;  /* the newlines between paragraphs */
    for (size_t i = 0; i < ta->n; i++)
        n += para_bytes(ta->para[i]);
    return n;
}

size_t textarea_get(const textarea *ta, char *out, size_t outsz)
{
    if (!outsz)
        return 0;
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < ta->n && used + 1 < outsz; i++) {
        if (i)
            out[used++] = '\n';
        used += text_from_wide(ta->para[i]->text, ta->para[i]->len, out + used, outsz - used);
    }
    out[used < outsz ? used : outsz - 1] = '\0';
    return strlen(out);
}

bool textarea_insert(textarea *ta, wchar_t c)
{
    if (textarea_bytes(ta) + utf8_size(c) > ta->max_bytes)
        return false;
    ta->goal_col = -1;
    return lineedit_insert(ta->para[ta->cur], c);
}

bool textarea_newline(textarea *ta)
{
    if (textarea_bytes(ta) + 1 > ta->max_bytes || !reserve(ta, ta->n + 1))
        return false;
    lineedit *e = ta->para[ta->cur];
    lineedit *tail = para_new(ta);
    if (!tail)
        return false;
    /* The cursor is a cluster boundary, so both halves stay whole. */
    memcpy(tail->text, e->text + e->cursor, (e->len - e->cursor) * sizeof e->text[0]);
    tail->len = e->len - e->cursor;
    tail->text[tail->len] = 0;
    tail->cursor = 0;
    e->len = e->cursor;
    e->text[e->len] = 0;
    memmove(ta->para + ta->cur + 2, ta->para + ta->cur + 1,
            (ta->n - ta->cur - 1) * sizeof ta->para[0]);
    ta->para[ta->cur + 1] = tail;
    ta->n++;
    ta->cur++;
    ta->goal_col = -1;
    return true;
}

/* Append paragraph i+1 to paragraph i, cursor at the join. */
static void join_next(textarea *ta, size_t i)
{
    lineedit *a = ta->para[i], *b = ta->para[i + 1];
    size_t at = a->len;
    size_t room = LINEEDIT_CAP - a->len;
    size_t take = b->len < room ? b->len : room;
    memcpy(a->text + a->len, b->text, take * sizeof a->text[0]);
    a->len += take;
    a->text[a->len] = 0;
    a->cursor = at;
    para_free(b);
    memmove(ta->para + i + 1, ta->para + i + 2, (ta->n - i - 2) * sizeof ta->para[0]);
    ta->n--;
    ta->cur = i;
}

void textarea_backspace(textarea *ta)
{
    ta->goal_col = -1;
    if (ta->para[ta->cur]->cursor > 0)
        lineedit_backspace(ta->para[ta->cur]);
    else if (ta->cur > 0)
        join_next(ta, ta->cur - 1);
}

void textarea_delete(textarea *ta)
{
    ta->goal_col = -1;
    lineedit *e = ta->para[ta->cur];
    if (e->cursor < e->len)
        lineedit_delete(e);
    else if (ta->cur + 1 < ta->n)
        join_next(ta, ta->cur);
}

void textarea_left(textarea *ta)
{
    ta->goal_col = -1;
    if (ta->para[ta->cur]->cursor > 0) {
        lineedit_left(ta->para[ta->cur]);
    } else if (ta->cur > 0) {
        ta->cur--;
        lineedit_end(ta->para[ta->cur]);
    }
}

void textarea_right(textarea *ta)
{
    ta->goal_col = -1;
    lineedit *e = ta->para[ta->cur];
    if (e->cursor < e->len) {
        lineedit_right(e);
    } else if (ta->cur + 1 < ta->n) {
        ta->cur++;
        lineedit_home(ta->para[ta->cur]);
    }
}

void textarea_home(textarea *ta)
{
    ta->goal_col = -1;
    lineedit_home(ta->para[ta->cur]);
}

void textarea_end(textarea *ta)
{
    ta->goal_col = -1;
    lineedit_end(ta->para[ta->cur]);
}

/* Code points in the first `bytes` bytes of UTF-8 s. */
static size_t code_points(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* The wrapped lines of paragraph p, appended to out[*n..max). */
static void layout_para(const textarea *ta, size_t p, int width, textarea_line *out,
                        size_t max, size_t *n)
{
    size_t bytes = 0, count = 0;
    char *buf = para_utf8(ta->para[p], &bytes);
    text_line *tl = buf ? malloc((ta->para[p]->len + 2) * sizeof *tl) : NULL;
    if (tl)
        count = thai_wrap(buf, width, tl, ta->para[p]->len + 2);
    if (count > ta->para[p]->len + 2)
        count = ta->para[p]->len + 2;
    if (!count) {
        if (*n < max)
            out[*n] = (textarea_line){ p, 0, 0 };
        (*n)++;
    }
    for (size_t i = 0; i < count; i++, (*n)++) {
        if (*n >= max)
            continue;
        size_t start = code_points(buf, tl[i].start);
        out[*n] = (textarea_line){ p, start, code_points(buf + tl[i].start, tl[i].len) };
    }
    free(tl);
    if (buf)
        sodium_memzero(buf, bytes);
    free(buf);
}

size_t textarea_layout(const textarea *ta, int width, textarea_line *lines, size_t max)
{
    size_t n = 0;
    for (size_t p = 0; p < ta->n; p++)
        layout_para(ta, p, width, lines, max, &n);
    return n;
}

/* Every wrapped line, malloc'd; NULL when out of memory. */
static textarea_line *layout_all(const textarea *ta, int width, size_t *n)
{
    size_t count = textarea_layout(ta, width, NULL, 0);
    textarea_line *lines = malloc((count ? count : 1) * sizeof *lines);
    *n = lines ? textarea_layout(ta, width, lines, count) : 0;
    return lines;
}

/* The line of the cursor: the last line of its paragraph starting at or
 * before it. */
static size_t cursor_row(const textarea *ta, const textarea_line *lines, size_t n)
{
    size_t row = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].para == ta->cur && lines[i].start <= ta->para[ta->cur]->cursor)
            row = i;
    return row;
}

void textarea_cursor(const textarea *ta, int width, int *row, int *col)
{
    size_t n = 0;
    textarea_line *lines = layout_all(ta, width, &n);
    *row = 0;
    *col = 0;
    if (lines && n) {
        size_t r = cursor_row(ta, lines, n);
        const lineedit *e = ta->para[ta->cur];
        *row = (int)r;
        *col = wtext_columns(e->text + lines[r].start, e->cursor - lines[r].start);
    }
    free(lines);
}

static void move_rows(textarea *ta, int width, int delta)
{
    size_t n = 0;
    textarea_line *lines = layout_all(ta, width, &n);
    if (!lines || !n) {
        free(lines);
        return;
    }
    size_t r = cursor_row(ta, lines, n);
    if ((delta < 0 && r == 0) || (delta > 0 && r + 1 >= n)) {
        free(lines);
        return;
    }
    const lineedit *e = ta->para[ta->cur];
    if (ta->goal_col < 0)
        ta->goal_col = wtext_columns(e->text + lines[r].start, e->cursor - lines[r].start);
    const textarea_line *to = &lines[delta < 0 ? r - 1 : r + 1];
    lineedit *d = ta->para[to->para];
    size_t pos = to->start, end = to->start + to->len;
    while (pos < end) {
        size_t next = wtext_next_cluster(d->text, d->len, pos);
        if (next > end || wtext_columns(d->text + to->start, next - to->start) > ta->goal_col)
            break;
        pos = next;
    }
    /* The end of a line broken inside a word is the start of the next:
     * stay on this line, before its last cluster. */
    const textarea_line *after = to + 1 < lines + n ? to + 1 : NULL;
    if (pos == end && pos > to->start && after && after->para == to->para && after->start == end)
        pos = wtext_prev_cluster(d->text, d->len, pos);
    ta->cur = to->para;
    d->cursor = pos;
    free(lines);
}

void textarea_up(textarea *ta, int width)
{
    move_rows(ta, width, -1);
}

void textarea_down(textarea *ta, int width)
{
    move_rows(ta, width, +1);
}
