/* caldate.h - calendar dates and timestamps, pure arithmetic.
 *
 * Dates are proleptic Gregorian (C.E.) civil dates; the Buddhist era is a
 * display concern (i18n/thdate.h).  Timestamps are seconds since the Unix
 * epoch, UTC, and are stored as ISO-8601 text "YYYY-MM-DDTHH:MM:SSZ". */
#ifndef TC_CALDATE_H
#define TC_CALDATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct caldate { int year, month, day; } caldate;

#define CALDATE_ISO_LEN 11      /* "YYYY-MM-DD" + NUL */
#define TIMESTAMP_ISO_LEN 21    /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

bool    caldate_is_leap(int year);
int     caldate_days_in_month(int year, int month);     /* 0 if month bad */
/* A real date between 1 Jan 1800 and 31 Dec 9999. */
bool    caldate_valid(caldate d);
/* Days since 1970-01-01 (negative before). d must be valid. */
int64_t caldate_to_days(caldate d);
caldate caldate_from_days(int64_t days);
/* <0, 0, >0 like strcmp. */
int     caldate_compare(caldate a, caldate b);
caldate caldate_add_days(caldate d, int64_t days);
/* Same day n months later; a day past the end of the target month becomes
 * its last day (31 Jan + 1 month = 28/29 Feb). */
caldate caldate_add_months(caldate d, int months);
/* Completed years from birth to on (the day of the 18th birthday counts as
 * 18).  A person born on 29 Feb has their birthday on 1 Mar in other years. */
int     caldate_age_years(caldate birth, caldate on);
/* The civil date of a timestamp at utc_offset seconds east of UTC. */
caldate caldate_from_timestamp(int64_t t, int utc_offset);

/* "YYYY-MM-DD"; parse requires exactly that form and a valid date. */
void    caldate_format_iso(caldate d, char out[CALDATE_ISO_LEN]);
bool    caldate_parse_iso(const char *s, caldate *out);

void    timestamp_format_iso(int64_t t, char out[TIMESTAMP_ISO_LEN]);
bool    timestamp_parse_iso(const char *s, int64_t *out);

#endif
