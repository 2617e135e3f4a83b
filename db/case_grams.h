/* case_grams.h - the case list's search index (migration 10), internal to
 * db/.
 *
 * A search term folded by case_search_fold() matches a case when it is in
 * the case's search_key or reference (LIKE '%term%', ASCII letters in any
 * case).  case_grams holds every three-character run of those texts with
 * where it starts, so for a term of 3..CASE_GRAMS_TERM_MAX characters the
 * matching cases are a join of a few ranges of one index: the same cases
 * LIKE finds, read without touching the other cases or any row. */
#ifndef TIPCASE_DB_CASE_GRAMS_H
#define TIPCASE_DB_CASE_GRAMS_H

#include "db/store.h"
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#define CASE_GRAMS_MAX 16
/* Longest term the index answers: runs at 0, 3, ..., 45 cover 48. */
#define CASE_GRAMS_TERM_MAX (3 * CASE_GRAMS_MAX)
/* The grams of a term are bound to ?CASE_GRAMS_PARAM and on. */
#define CASE_GRAMS_PARAM 11
/* Room for the SQL of case_grams_sql(). */
#define CASE_GRAMS_SQL_MAX 4096

typedef struct case_grams {
    int n;                          /* 0: the index cannot answer this term */
    char gram[CASE_GRAMS_MAX][16];  /* three code points, UTF-8 */
    int offset[CASE_GRAMS_MAX];     /* code points from the term's start */
} case_grams;

/* The grams of a folded term, covering every character of it.  g->n is 0
 * (and the result false) when the index cannot answer for it: fewer than
 * 3 or more than CASE_GRAMS_TERM_MAX characters, not valid UTF-8, or
 * holding the separator U+001F. */
bool case_grams_of(const char *folded, case_grams *g);

/* Puts the gram with the fewest entries first (counted up to a cap), so
 * that it drives the join; a term none of whose grams is rare still
 * reads only its own entries. */
store_status case_grams_order(store *s, case_grams *g);

/* "SELECT DISTINCT t0.case_rowid FROM case_grams t0 ..." the rowids of
 * the cases whose texts hold the term, in rowid order, each once; when
 * rowid_is is not NULL, only the case whose rowid is that SQL expression
 * (for EXISTS).  Bind with case_grams_bind(). */
void case_grams_sql(const case_grams *g, const char *rowid_is, char *out, size_t outsz);
void case_grams_bind(sqlite3_stmt *q, const case_grams *g);

#endif
