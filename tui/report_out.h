/* report_out.h - a built report (core/report.h) written out: as CSV (UTF-8
 * with BOM, CRLF; opens with Thai intact in LibreOffice and Excel) and as
 * an aligned text file for printing (columns measured in display cells,
 * Thai marks never split).  Used by `tipcase report` and the report
 * screen alike.  Labels come from store_report_label() and _(). */
#ifndef TC_REPORT_OUT_H
#define TC_REPORT_OUT_H
#include <stdbool.h>
#include <stdio.h>
#include "../core/report.h"
#include "../db/report_store.h"

typedef enum report_format {
    REPORT_FORMAT_TEXT = 0,
    REPORT_FORMAT_CSV,
} report_format;

typedef struct report_out_options {
    report_format format;
    bool tags;          /* add the framework tags of each figure */
    bool outside;       /* meant for outside the team: the table was suppressed;
                         * say how many cells and what k */
} report_out_options;

/* Writes t to out: the period and its name, the breakdown table (one row
 * per value, then the total), the referral table (agency type x state),
 * the service gaps (need kind: provided / unavailable), the durations
 * (median, 90th percentile, n), the tags when asked, and the suppression
 * note when the table was suppressed.  Suppressed cells read "<11"
 * (with the table's k).  false on a write error (errno set). */
bool report_write(FILE *out, store *s, const report_table *t, const report_out_options *o);

/* The period's name for titles, in the current language: "ปีงบประมาณ
 * พ.ศ. 2569 (1 ต.ค. 2568 - 30 ก.ย. 2569)" / "Fiscal year 2026 (B.E. 2569)",
 * "ตุลาคม 2569", "ASEAN period Jan-Jun 2026", ... */
void report_period_name(report_period p, char *out, size_t outsz);

#endif
