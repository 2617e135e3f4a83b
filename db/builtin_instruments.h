/* builtin_instruments.h - the screening instruments shipped with tipcase
 * (internal to db/).
 *
 * The data files in data/instruments/ are compiled in: make runs
 * db/builtin_instruments.awk over them into db/builtin_instruments.c (in
 * the build directory), so a store gets them without reading any file at
 * run time, and an installed tipcase cannot lose them. */
#ifndef TC_BUILTIN_INSTRUMENTS_H
#define TC_BUILTIN_INSTRUMENTS_H
#include <stddef.h>

typedef struct builtin_instrument {
    const char *name;       /* the file's name without ".tsv": "forced_labour" */
    const char *text;       /* its bytes, NUL-terminated (a missing final newline added) */
    size_t len;             /* strlen(text) */
} builtin_instrument;

/* In the order of BUILTIN_INSTRUMENTS in Makefile.am. */
extern const builtin_instrument builtin_instruments[];
extern const size_t builtin_instrument_count;

#endif
