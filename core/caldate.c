/* caldate.c - proleptic Gregorian dates and UTC timestamps by arithmetic.
 *
 * No timegm()/localtime(): those depend on the process time zone and on
 * time_t's range, and core must give the same answer on every laptop.
 * Day numbers use Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html), exact for every
 * proleptic Gregorian date. */
#include "core/caldate.h"

#include <string.h>

#define SECONDS_PER_DAY 86400
#define MIN_YEAR 1800
#define MAX_YEAR 9999
/* Keeps caldate_from_days' year inside int for absurd inputs. */
#define DAYS_LIMIT INT64_C(700000000000)

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool caldate_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int caldate_days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && caldate_is_leap(year))
        return 29;
    return days[month - 1];
}

bool caldate_valid(caldate d)
{
    return d.year >= MIN_YEAR && d.year <= MAX_YEAR
        && d.day >= 1 && d.day <= caldate_days_in_month(d.year, d.month);
}

int64_t caldate_to_days(caldate d)
{
    int64_t y = (int64_t)d.year - (d.month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t year_of_era = y - era * 400;
    int64_t shifted_month = d.month > 2 ? d.month - 3 : d.month + 9;  /* March = 0 */
    int64_t day_of_year = (153 * shifted_month + 2) / 5 + d.day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100
                       + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

caldate caldate_from_days(int64_t days)
{
    if (days > DAYS_LIMIT)
        days = DAYS_LIMIT;
    if (days < -DAYS_LIMIT)
        days = -DAYS_LIMIT;
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t day_of_era = z - era * 146097;
    int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                           - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4
                                        - year_of_era / 100);
    int64_t shifted_month = (5 * day_of_year + 2) / 153;
    caldate d;
    d.day = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    d.month = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    d.year = (int)(year_of_era + era * 400 + (d.month <= 2));
    return d;
}

int caldate_compare(caldate a, caldate b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

caldate caldate_add_days(caldate d, int64_t days)
{
    return caldate_from_days(caldate_to_days(d) + days);
}

caldate caldate_add_months(caldate d, int months)
{
    int64_t index = (int64_t)d.year * 12 + (d.month - 1) + months;
    caldate r;
    r.year = (int)floor_div(index, 12);
    r.month = (int)(index - (int64_t)r.year * 12) + 1;
    int last = caldate_days_in_month(r.year, r.month);
    r.day = d.day > last ? last : d.day;
    return r;
}

/* The birthday in a given year: 29 Feb falls on 1 Mar in common years, the
 * rule Thai civil registration and most legal systems use for coming of age. */
static caldate birthday_in(caldate birth, int year)
{
    caldate b = { year, birth.month, birth.day };
    if (birth.month == 2 && birth.day == 29 && !caldate_is_leap(year)) {
        b.month = 3;
        b.day = 1;
    }
    return b;
}

int caldate_age_years(caldate birth, caldate on)
{
    int years = on.year - birth.year;
    if (caldate_compare(on, birthday_in(birth, on.year)) < 0)
        years--;
    return years;
}

caldate caldate_from_timestamp(int64_t t, int utc_offset)
{
    return caldate_from_days(floor_div(t + utc_offset, SECONDS_PER_DAY));
}

/* Writes value as exactly width decimal digits (value must fit). */
static void put_digits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

/* Reads exactly width ASCII digits; false on anything else. */
static bool get_digits(const char *s, int width, int *value)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return true;
}

static int clamp_int(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void caldate_format_iso(caldate d, char out[CALDATE_ISO_LEN])
{
    /* An out-of-range field is clamped rather than overflowing the buffer;
     * valid dates are unaffected. */
    put_digits(out, clamp_int(d.year, 0, 9999), 4);
    out[4] = '-';
    put_digits(out + 5, clamp_int(d.month, 0, 99), 2);
    out[7] = '-';
    put_digits(out + 8, clamp_int(d.day, 0, 99), 2);
    out[10] = '\0';
}

static bool parse_date_part(const char *s, caldate *out)
{
    caldate d;
    if (!get_digits(s, 4, &d.year) || s[4] != '-' || !get_digits(s + 5, 2, &d.month)
        || s[7] != '-' || !get_digits(s + 8, 2, &d.day))
        return false;
    if (!caldate_valid(d))
        return false;
    *out = d;
    return true;
}

bool caldate_parse_iso(const char *s, caldate *out)
{
    if (!s || strlen(s) != CALDATE_ISO_LEN - 1)
        return false;
    return parse_date_part(s, out);
}

/* The first and last second that format as a four-digit year in range. */
static int64_t timestamp_min(void)
{
    return caldate_to_days((caldate){ MIN_YEAR, 1, 1 }) * SECONDS_PER_DAY;
}

static int64_t timestamp_max(void)
{
    return caldate_to_days((caldate){ MAX_YEAR, 12, 31 }) * SECONDS_PER_DAY
         + SECONDS_PER_DAY - 1;
}

void timestamp_format_iso(int64_t t, char out[TIMESTAMP_ISO_LEN])
{
    /* Clamped to 1800..9999 so the text always has its fixed shape. */
    if (t < timestamp_min())
        t = timestamp_min();
    if (t > timestamp_max())
        t = timestamp_max();
    int64_t days = floor_div(t, SECONDS_PER_DAY);
    int seconds = (int)(t - days * SECONDS_PER_DAY);
    caldate_format_iso(caldate_from_days(days), out);
    out[10] = 'T';
    put_digits(out + 11, seconds / 3600, 2);
    out[13] = ':';
    put_digits(out + 14, seconds / 60 % 60, 2);
    out[16] = ':';
    put_digits(out + 17, seconds % 60, 2);
    out[19] = 'Z';
    out[20] = '\0';
}

bool timestamp_parse_iso(const char *s, int64_t *out)
{
    caldate d;
    int h, m, sec;
    if (!s || strlen(s) != TIMESTAMP_ISO_LEN - 1 || !parse_date_part(s, &d))
        return false;
    if (s[10] != 'T' || !get_digits(s + 11, 2, &h) || s[13] != ':'
        || !get_digits(s + 14, 2, &m) || s[16] != ':' || !get_digits(s + 17, 2, &sec)
        || s[19] != 'Z')
        return false;
    if (h > 23 || m > 59 || sec > 59)
        return false;
    *out = caldate_to_days(d) * SECONDS_PER_DAY + h * 3600 + m * 60 + sec;
    return true;
}
