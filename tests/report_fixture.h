/* report_fixture.h - a small store whose report figures are known, for
 * test_report_db and test_cli_report.
 *
 * Five cases around the Thai fiscal-year boundary (FY 2569 = 1 Oct 2025 -
 * 30 Sep 2026), at the clock REPORT_FIXTURE_NOW (21 Nov 2026, in FY 2570):
 *
 *  A  woman 30, Myanmar, met 28 Sep 2025, labour inspection, Tak; intake:
 *     fishing, forced labour + debt bondage.  Screened 30 Sep 2025 18:00
 *     UTC (1 Oct 01:00 in Bangkok: FY 2569), reasonable grounds 2 Oct 2025,
 *     identified 10 Oct 2025 (12 days after meeting).  Referred to a
 *     government agency 1 Nov 2025 (declined).  Shelter need unavailable
 *     3 Mar 2026, provided 20 Oct 2026.
 *  B  man 16, Cambodia, met 30 Sep 2026, assigned to the officer "nok"
 *     (a name with a comma and quotes).  Screened 30 Sep 2026 (no
 *     indicators) and 5 Oct 2026 (reasonable grounds); not identified
 *     1 Oct, identified 2 Oct 2026 (2 days).  Referred to the police
 *     30 Sep 2026 16:30 UTC (23:30 in Bangkok: FY 2569), accepted 3 Oct
 *     2026 (3 days).
 *  C  woman of unknown age and nationality, met 15 Jan 2026, no entry point
 *     or province.  Screened that day; medical need provided 1 Feb 2026;
 *     a food need provided and then withdrawn (not counted); a draft
 *     referral (not counted).
 *  D  woman 25, screened 1 Mar 2026, closed in error (not counted).
 *  E  woman 40, Laos, met 1 May 2026, shelter, Bangkok; intake: the
 *     administrator's sector "salt_farm" (labels with a comma and quotes),
 *     no exploitation type.  Returned 15 Jun 2026 20:00 UTC (16 Jun in
 *     Bangkok); reintegration plan from 16 Jun 2026 (1,3,6,12 months),
 *     follow-up held 20 Jul 2026 (due 16 Jul), next due 16 Sep 2026 and
 *     not held (overdue).
 *
 * The cases go in through store_case_add(); the rows they lead to are
 * written straight into their tables, in the forms the store's writers
 * use (ISO UTC moments, ISO days, codes, versions), because the report
 * only reads them. */
#ifndef TC_REPORT_FIXTURE_H
#define TC_REPORT_FIXTURE_H
#include <stdbool.h>
#include "db/store.h"
#include "tests/harness_store.h"

#define REPORT_FIXTURE_NOW "2026-11-21T03:00:00Z"
#define REPORT_FIXTURE_PASS "correct horse battery staple"

typedef struct report_fixture_ids {
    char a[TC_ID_LEN], b[TC_ID_LEN], c[TC_ID_LEN], d[TC_ID_LEN], e[TC_ID_LEN];
    char ref_c[CASEREF_MAX], ref_e[CASEREF_MAX];
    char nok[TC_ID_LEN];            /* B's officer */
} report_fixture_ids;

/* The officer's display name (a comma and double quotes, in Thai) and the
 * administrator's sector labels. */
#define REPORT_FIXTURE_NOK_NAME "นก \"ยิ้ม\", ศรีสุข"
#define REPORT_FIXTURE_SECTOR_EN "Salt farm, \"sea\""
#define REPORT_FIXTURE_SECTOR_TH "นาเกลือ, \"ทะเล\""

/* Fills s (open as the administrator).  False on any failure. */
bool report_fixture_fill(store *s, report_fixture_ids *ids);

/* For a suite's set-up (no assertions, which CUnit allows only in a
 * test): sodium_init, the clock fixed at REPORT_FIXTURE_NOW, a new store
 * in a temporary directory filled by report_fixture_fill.  False on any
 * failure; harness_fixture_close(fx) removes it. */
bool report_fixture_open(tc_fixed_clock *fixed, tc_clock *clk, harness_fixture *fx,
                         report_fixture_ids *ids);

#endif
