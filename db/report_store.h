/* report_store.h - what reports read from the store: the facts for one
 * period (core/report.h), the labels of their dimension values, and the
 * records a report would miss because a field it needs is empty.
 *
 * Supervisors and administrators read the whole store; a field officer
 * (core/access.h, ACCESS_REPORT_OWN) reads only the cases that are his in
 * the report's officer breakdown (assigned to him, or recorded by him and
 * assigned to nobody).  Nothing here writes, so nothing is audited except
 * exports (the caller audits those with store_report_audit_export(),
 * which needs ACCESS_EXPORT, else ST_DENIED). */
#ifndef TC_REPORT_STORE_H
#define TC_REPORT_STORE_H
#include <stddef.h>
#include "store.h"
#include "../core/report.h"

/* Loads the people and the events that can count in period p (events
 * outside it may be left out; open reintegration plans and follow-ups
 * still scheduled before p are kept, since they count in p).  f->today is
 * the store clock's local day.  Withdrawn records and closed-in-error
 * cases are not counted.  On error *f is empty. */
store_status store_report_facts(store *s, report_period p, report_facts *f);

/* The label of a dimension value in the current language (i18n), e.g.
 * DIM_NATIONALITY "MM" -> "Myanmar" / "เมียนมา", DIM_OFFICER id -> the
 * officer's name, DIM_SECTOR "fishing" -> the code list's label; "" ->
 * "Not recorded".  Unknown codes come back as the code itself. */
void store_report_label(store *s, report_dim dim, const char *key, char *out, size_t outsz);

/* One record a report needs and cannot fully count. */
typedef struct report_gap {
    char case_id[TC_ID_LEN];
    char reference[CASEREF_MAX];
    const char *field;          /* msgid of the missing field: "Sex", "Date met", ... */
} report_gap;

/* The cases touched by period p that miss a field some figure or
 * breakdown needs (sex, age or date of birth, nationality, date met,
 * entry point, province, sector and exploitation type once an intake
 * exists, identification date ...), in reference order, one row per
 * missing field.  *out is malloc'd; free() it. */
store_status store_report_gaps(store *s, report_period p, report_gap **out, size_t *count);

/* Writes the audit event for a report or export written to a file: what
 * (report / htcds / ...), the period code and whether small cells were
 * suppressed.  Never the file's content. */
store_status store_report_audit_export(store *s, const char *what, const char *period_code,
                                       bool suppressed);
/* Writes the audit event "report.show" for a report printed for the
 * acting officer alone (the command line without a file) by an officer
 * who may not export: any officer who may report (ACCESS_REPORT_OWN). */
store_status store_report_audit_shown(store *s, const char *period_code);

#endif
