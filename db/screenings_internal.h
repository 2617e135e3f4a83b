/* screenings_internal.h - what the files behind db/screenings.h share
 * (db/instruments.c, db/screenings.c, db/clocks_store.c).  Internal to
 * db/; defined in db/screenings.c. */
#ifndef TC_SCREENINGS_INTERNAL_H
#define TC_SCREENINGS_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include "db/store_internal.h"

/* Run fn inside one write transaction (BEGIN IMMEDIATE): its result
 * commits when ST_OK and rolls everything back otherwise. */
store_status screenings_in_transaction(store *s, store_status (*fn)(store *, void *), void *arg);

#endif
