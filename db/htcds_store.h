/* htcds_store.h - what the HTCDS export reads from the store: one
 * htcds_row (core/htcds.h) per case registered in the period, mapped but
 * not yet shuffled, numbered or suppressed (htcds_finish() does that).
 *
 * A case is registered on its date met, or, when that is unknown, on the
 * officers' civil date it was recorded (the list's sort date).  Nothing
 * that names or points back to a person leaves the store here: no name, no
 * case id or reference, no date finer than the year, no free text.
 * Reading needs ACCESS_EXPORT (supervisors and administrators; else
 * ST_DENIED, nothing read); the caller audits the written file (store_report_audit_export(s, "htcds", ...)). */
#ifndef TC_HTCDS_STORE_H
#define TC_HTCDS_STORE_H
#include "store.h"
#include "../core/htcds.h"
#include "../core/report.h"

/* The rows of the cases registered in period p (NULL: all time), in one
 * pass over the store.  On ST_OK *out holds them (free with
 * htcds_export_free(); n_rows may be 0); on an error it is empty. */
store_status store_htcds_rows(store *s, const report_period *p, htcds_export *out);

#endif
