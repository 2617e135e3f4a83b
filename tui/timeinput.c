/* timeinput.c - moments typed and shown in the officers' civil time. */
#include "config.h"
#include "tui/timeinput.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "core/caldate.h"
#include "i18n/i18n.h"
#include "i18n/thdate.h"

#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_HOUR 3600
#define SECONDS_PER_DAY 86400
#define THAI_TIME_SUFFIX "น."       /* "นาฬิกา": 14.30 น. */

static const char *const time_problem =
    N_("Write the time as hours:minutes after the date, e.g. 21/11/2569 14:30.");

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void trim_end(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
}

/* Drops a trailing "น." (with or without a space before it). */
static void drop_thai_suffix(char *s)
{
    size_t n = strlen(s), k = strlen(THAI_TIME_SUFFIX);
    if (n >= k && !strcmp(s + n - k, THAI_TIME_SUFFIX))
        s[n - k] = '\0';
    trim_end(s);
}

/* Reads "H:MM", "HH:MM" or the same with '.' into minutes of the day.
 * Only the first two digits of a run are added up: a long run is refused
 * by its count, and must not overflow on the way (found by fuzz_dates). */
static bool parse_time_of_day(const char *s, int *minutes)
{
    int h = 0, m = 0, digits = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if (digits < 2)
            h = h * 10 + (*p - '0');
    if (digits < 1 || digits > 2 || (*p != ':' && *p != '.'))
        return false;
    p++;
    digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if (digits < 2)
            m = m * 10 + (*p - '0');
    if (digits != 2 || *p != '\0' || h > 23 || m > 59)
        return false;
    *minutes = h * 60 + m;
    return true;
}

const char *moment_parse(const char *text, int utc_offset, int64_t *out)
{
    char buf[MOMENT_TEXT_MAX * 2];
    if (!text || strlen(text) >= MOMENT_TEXT_MAX)
        return thdate_error_text(THDATE_FORMAT);
    digits_to_ascii(text, buf, sizeof buf);
    trim_end(buf);
    drop_thai_suffix(buf);
    if (!buf[0])
        return thdate_error_text(THDATE_EMPTY);
    char *space = strrchr(buf, ' ');
    char *tab = strrchr(buf, '\t');
    if (tab > space)
        space = tab;
    int minutes = 0;
    if (!space || !parse_time_of_day(space + 1, &minutes))
        return time_problem;
    *space = '\0';
    caldate d;
    thdate_error e = thdate_parse(buf, &d);
    if (e != THDATE_OK)
        return thdate_error_text(e);
    *out = caldate_to_days(d) * SECONDS_PER_DAY + (int64_t)minutes * SECONDS_PER_MINUTE
           - utc_offset;
    return NULL;
}

/* The civil date and minutes of the day of t at utc_offset. */
static caldate civil(int64_t t, int utc_offset, int *minutes)
{
    int64_t local = t + utc_offset;
    int64_t of_day = ((local % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
    *minutes = (int)(of_day / SECONDS_PER_MINUTE);
    return caldate_from_timestamp(t, utc_offset);
}

void moment_format(int64_t t, int utc_offset, char *out, size_t outsz)
{
    int minutes;
    char date[THDATE_MAX];
    thdate_format(civil(t, utc_offset, &minutes), i18n_is_thai(), date, sizeof date);
    char clock[32];
    /* TRANSLATORS: a time of day after a date; Thai officials write 14.30 น. */
    snprintf(clock, sizeof clock, _("%02d:%02d"), minutes / 60, minutes % 60);
    snprintf(out, outsz, "%s %s", date, clock);
}

void moment_format_input(int64_t t, int utc_offset, char *out, size_t outsz)
{
    int minutes;
    char date[THDATE_MAX];
    thdate_format_input(civil(t, utc_offset, &minutes), i18n_is_thai(), date, sizeof date);
    snprintf(out, outsz, "%s %02d:%02d", date, minutes / 60, minutes % 60);
}

static void span_format(int64_t s, char *out, size_t outsz)
{
    int64_t days = s / SECONDS_PER_DAY;
    int hours = (int)(s % SECONDS_PER_DAY / SECONDS_PER_HOUR);
    int mins = (int)(s % SECONDS_PER_HOUR / SECONDS_PER_MINUTE);
    if (days >= 2 && hours == 0)
        snprintf(out, outsz, _("%lld d"), (long long)days);
    else if (days >= 2)
        snprintf(out, outsz, _("%lld d %d h"), (long long)days, hours);
    else if (s >= SECONDS_PER_HOUR && mins == 0)
        snprintf(out, outsz, _("%d h"), (int)(s / SECONDS_PER_HOUR));
    else if (s >= SECONDS_PER_HOUR)
        snprintf(out, outsz, _("%d h %d min"), (int)(s / SECONDS_PER_HOUR), mins);
    else
        snprintf(out, outsz, _("%d min"), mins);
}

void time_left_format(int64_t seconds, char *out, size_t outsz)
{
    if (seconds > 0) {
        span_format(seconds, out, outsz);
        return;
    }
    char span[64];
    span_format(-seconds, span, sizeof span);
    snprintf(out, outsz, _("overdue by %s"), span);
}

void time_left_words(int64_t seconds, char *out, size_t outsz)
{
    char span[64];
    time_left_format(seconds, span, sizeof span);
    if (seconds > 0)
        snprintf(out, outsz, _("%s left"), span);
    else
        snprintf(out, outsz, "%s", span);
}

void time_left_short(int64_t seconds, char *out, size_t outsz)
{
    if (seconds <= 0)
        snprintf(out, outsz, "%s", _("late"));
    else if (seconds < 2 * SECONDS_PER_DAY)
        /* Round up: 20 minutes left is "1h", never "0h". */
        snprintf(out, outsz, _("%dh"), (int)((seconds + SECONDS_PER_HOUR - 1) / SECONDS_PER_HOUR));
    else
        snprintf(out, outsz, _("%dd"), (int)(seconds / SECONDS_PER_DAY));
}
