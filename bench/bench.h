/* bench.h - what bench.c and bench_report.c share.  The bench program
 * only: nothing here is part of tipcase. */
#ifndef TC_BENCH_H
#define TC_BENCH_H
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

/* Hand-over of one case and of 1,000 (fewer when the store has fewer)
 * from s to a new store each run, and receiving them there.  dir is a
 * scratch folder.  Prints the figures. */
int bench_handover_times(store *s, const char *dir, const tc_clock *clock, unsigned n_cases);

/* store_backup of s into dir, median and worst.  Prints them. */
int bench_backup_times(store *s, const char *dir, unsigned n_cases);

#endif
