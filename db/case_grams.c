/* case_grams.c - matching a search term through case_grams (migration 10).
 *
 * A term of k characters is the text at one start p of a case exactly when
 * its three-character runs at offsets 0, 3, 6, ... and k - 3 (every
 * character covered) are the case's grams at p, p + 3, ... and p + k - 3:
 * runs that overlap or touch fix every character between them.  So the
 * match is one range of the index (the rarest gram) and, for each entry,
 * one lookup per other gram by its whole key. */
#include "config.h"
#include "db/case_grams.h"
#include "db/store_internal.h"
#include "core/utf8.h"
#include <stdio.h>
#include <string.h>

/* A gram with more entries than this is "common": the order among common
 * grams does not matter much, and counting further would cost more than
 * it saves. */
#define ORDER_PROBE_CAP 2048

/* Byte offsets of each code point of a valid UTF-8 text: starts[k] = len. */
static int code_point_starts(const char *text, size_t starts[], int cap)
{
    size_t len = strlen(text), at = 0;
    int k = 0;
    while (at < len) {
        if (k >= cap)
            return -1;
        uint32_t cp;
        starts[k++] = at;
        at += utf8_decode(text + at, len - at, &cp);
    }
    starts[k] = len;
    return k;
}

static void add_gram(case_grams *g, const char *text, const size_t starts[], int offset)
{
    size_t from = starts[offset], n = starts[offset + 3] - from;
    memcpy(g->gram[g->n], text + from, n);
    g->gram[g->n][n] = '\0';
    g->offset[g->n++] = offset;
}

bool case_grams_of(const char *folded, case_grams *g)
{
    memset(g, 0, sizeof *g);
    size_t starts[CASE_GRAMS_TERM_MAX + 1];
    if (!folded || !utf8_valid(folded) || strchr(folded, '\x1f'))
        return false;
    int k = code_point_starts(folded, starts, CASE_GRAMS_TERM_MAX);
    if (k < 3)
        return false;
    for (int at = 0; at <= k - 3; at += 3)
        add_gram(g, folded, starts, at);
    if (g->offset[g->n - 1] != k - 3)
        add_gram(g, folded, starts, k - 3);
    return true;
}

/* Entries of one gram, counted up to ORDER_PROBE_CAP. */
static store_status gram_entries(store *s, const char *gram, sqlite3_int64 *n)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT count(*) FROM (SELECT 1 FROM case_grams"
                                       " WHERE gram = ?1 LIMIT ?2)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, gram, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, ORDER_PROBE_CAP);
    return store_step_count(s, q, n);
}

store_status case_grams_order(store *s, case_grams *g)
{
    if (g->n < 2)
        return ST_OK;
    int best = 0;
    sqlite3_int64 best_n = 0;
    for (int i = 0; i < g->n; i++) {
        sqlite3_int64 n = 0;
        store_status st = gram_entries(s, g->gram[i], &n);
        if (st != ST_OK)
            return st;
        if (i == 0 || n < best_n)
            best = i, best_n = n;
        if (n == 0)
            break;                      /* nothing can match: drive with it */
    }
    if (best != 0) {
        case_grams one = *g;
        memcpy(g->gram[0], one.gram[best], sizeof g->gram[0]);
        g->offset[0] = one.offset[best];
        memcpy(g->gram[best], one.gram[0], sizeof g->gram[0]);
        g->offset[best] = one.offset[0];
    }
    return ST_OK;
}

/* Appends text; out stays NUL-terminated and stops growing when full
 * (CASE_GRAMS_SQL_MAX holds the longest). */
static void append(char *out, size_t outsz, const char *text)
{
    size_t used = strlen(out), n = strlen(text);
    if (used + n < outsz)
        memcpy(out + used, text, n + 1);
}

void case_grams_sql(const case_grams *g, const char *rowid_is, char *out, size_t outsz)
{
    char piece[160];
    out[0] = '\0';
    /* CROSS JOIN keeps t0 (the rarest gram, case_grams_order) outermost:
     * its range comes in rowid order, so DISTINCT needs no sort. */
    append(out, outsz, "SELECT DISTINCT t0.case_rowid FROM case_grams t0");
    for (int i = 1; i < g->n; i++) {
        snprintf(piece, sizeof piece, " CROSS JOIN case_grams t%d", i);
        append(out, outsz, piece);
    }
    snprintf(piece, sizeof piece, " WHERE t0.gram = ?%d", CASE_GRAMS_PARAM);
    append(out, outsz, piece);
    if (rowid_is) {
        append(out, outsz, " AND t0.case_rowid = ");
        append(out, outsz, rowid_is);
    }
    for (int i = 1; i < g->n; i++) {
        snprintf(piece, sizeof piece, " AND t%d.gram = ?%d AND t%d.case_rowid = t0.case_rowid"
                 " AND t%d.pos = t0.pos + (%d)", i, CASE_GRAMS_PARAM + i, i, i,
                 g->offset[i] - g->offset[0]);
        append(out, outsz, piece);
    }
}

void case_grams_bind(sqlite3_stmt *q, const case_grams *g)
{
    for (int i = 0; i < g->n; i++)
        sqlite3_bind_text(q, CASE_GRAMS_PARAM + i, g->gram[i], -1, SQLITE_STATIC);
}
