/* report_store_internal.h - for tests and bench/bench only: the report's
 * second way to its facts, and the SQL of the period read. */
#ifndef TC_REPORT_STORE_INTERNAL_H
#define TC_REPORT_STORE_INTERNAL_H
#include <stddef.h>
#include "db/report_store.h"

/* The facts of period p read from every table in full, as the
 * completeness check reads them (and store_report_facts did before
 * migration 9).  The same facts as store_report_facts: the people and
 * events may come in another order, nothing else differs. */
store_status report_facts_full(store *s, report_period p, report_facts *f);

/* The i-th statement store_report_facts runs (with ?1 and ?2 for the
 * period's bounds), NULL past the last. */
const char *report_period_sql(size_t i);

#endif
