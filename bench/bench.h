/* bench.h - what bench.c and bench_report.c share.  The bench program
 * only: nothing here is part of tipcase. */
#ifndef TC_BENCH_H
#define TC_BENCH_H
#include <stdbool.h>
#include <stddef.h>
#include "core/clock.h"
#include "db/store.h"

#define BENCH_COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct stat_ms { double median, worst; } stat_ms;

/* Milliseconds on the monotonic clock. */
double bench_now_ms(void);
/* Sorts v and gives its median and worst. */
stat_ms bench_summarise(double *v, int n);
/* Bytes of the store in dir: database, its WAL and the key slots. */
long bench_dir_bytes(const char *dir);

/* ---- bench_report.c: issue 7 ---- */

/* Writes the record rows the report counts for cases[0..k) (case number
 * first + j is cases[j]): screenings, identification decisions, intakes,
 * referrals with their state changes, needs with their versions, returns
 * and closures, spread from each case's date met onwards and never after
 * today.  Deterministic (a hash of the case number).  Rows go straight
 * into their tables in the forms the store's writers use, in one
 * transaction, without audit rows (made through the store's calls they
 * would take some fifteen minutes at 100,000 cases); the report only reads
 * them.  Also keeps the ids of the first adult cases for the hand-over
 * figures.
 * 0 or -1. */
int bench_report_rows(store *s, const tc_case *cases, unsigned k, unsigned first, caldate today);

/* The fiscal year in the middle of the data (met up to 1,500 days before
 * today): facts load, build, and both, median and worst.  Prints them. */
int bench_report_times(store *s, unsigned n_cases);
/* The same report once (facts + build), its time in *ms.  0 or -1. */
int bench_report_once(store *s, double *ms);

/* Hand-over of one case and of up to 1,000 (the adults among the first
 * cases; fewer when the store has fewer) from s to a new store each run,
 * and receiving them there: send + open and preview + import, median and
 * worst.  dir is a scratch folder. */
typedef struct handover_figures { stat_ms one, many; size_t n_many; } handover_figures;
int bench_handover_times(store *s, const char *dir, const tc_clock *clock, unsigned n_cases,
                         handover_figures *out);

/* store_backup of s into dir, median and worst; *bytes the file's size. */
int bench_backup_times(store *s, const char *dir, stat_ms *out, long *bytes);

/* ---- bench_plain.c: the unencrypted copy, for the encrypted / plain
 * ratio.  Compiled into bench/bench only, never into tipcase. ---- */

/* A copy of s's database in the new folder to_dir (made 0700), written by
 * sqlcipher_export: encrypted with s's own key, or plaintext when plain.
 * s's key-slot file goes along.  0 or -1. */
int bench_copy_store(store *s, const char *to_dir, bool plain);
/* Open the plaintext copy in dir as a store acting as login: the same
 * connection settings as store_open, no key.  ST_OK or an error. */
store_status bench_plain_open(const char *dir, const char *login, const tc_clock *clock,
                              store **out);
/* 0 when a and b's connections have the same settings that matter to
 * speed (journal, synchronous, caches, page size, ...); -1 and a line on
 * stderr for each difference. */
int bench_same_pragmas(store *a, store *b);

#endif
