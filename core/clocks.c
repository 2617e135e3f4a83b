/* clocks.c - identification, shelter and reflection deadlines. */
#include "core/clocks.h"

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/msg.h"
#include "core/utf8.h"

#define SECONDS_PER_HOUR INT64_C(3600)
#define SECONDS_PER_DAY INT64_C(86400)

/* Codes are stored in the database: never rename one. */
static const code_label kinds[CLOCK_KIND_COUNT] = {
    [CLOCK_IDENTIFICATION] = { "identification", N_("Identification deadline") },
    [CLOCK_SHELTER] = { "shelter", N_("Temporary shelter before the MDT interview") },
    [CLOCK_REFLECTION] = { "reflection", N_("Reflection period") },
};

static const char *const states[DEADLINE_STATE_COUNT] = {
    [DEADLINE_RUNNING] = N_("Running"),
    [DEADLINE_DUE_SOON] = N_("Runs out within a day"),
    [DEADLINE_PASSED] = N_("Time is up"),
};

static const char *const problems[CLOCK_PROBLEM_COUNT] = {
    [CLOCK_OK] = N_("The clock settings are valid."),
    [CLOCK_SETTING_OUT_OF_RANGE] = N_("Each period must be longer than zero and at most a year."),
    [CLOCK_COURT_MAX_TOO_SHORT] =
        N_("The longest court extension cannot be shorter than the first identification period."),
    [CLOCK_COURT_REF_MISSING] = N_("Enter the reference of the court order."),
    [CLOCK_COURT_REF_BAD_TEXT] =
        N_("The court order reference cannot contain control characters or invalid text."),
    [CLOCK_COURT_REF_TOO_LONG] = N_("The court order reference is too long."),
    [CLOCK_EXTENSION_NOT_LATER] =
        N_("The extension must end after the first identification deadline."),
    [CLOCK_EXTENSION_TOO_LONG] =
        N_("The extension cannot end later than the longest period a court may allow."),
};

static bool in_range(int v, int count)
{
    return v >= 0 && v < count;
}

const char *clock_problem_message(clock_problem p)
{
    return in_range((int)p, CLOCK_PROBLEM_COUNT) ? problems[p] : "";
}

const char *clock_kind_code(clock_kind k)
{
    return codes_code(kinds, CLOCK_KIND_COUNT, (int)k);
}

bool clock_kind_from_code(const char *code, clock_kind *out)
{
    int i;
    if (!codes_find(kinds, CLOCK_KIND_COUNT, code, &i))
        return false;
    *out = (clock_kind)i;
    return true;
}

const char *clock_kind_label(clock_kind k)
{
    return codes_label(kinds, CLOCK_KIND_COUNT, (int)k, "");
}

const char *deadline_state_label(deadline_state st)
{
    return in_range((int)st, DEADLINE_STATE_COUNT) ? states[st] : "";
}

void clock_settings_defaults(clock_settings *s)
{
    s->identification_hours = 24;
    s->court_max_hours = 7 * 24;
    s->shelter_days = 15;
    s->reflection_days = 45;
    s->due_soon_hours = 24;
}

static bool hours_ok(int hours)
{
    return hours > 0 && hours <= CLOCK_HOURS_LIMIT;
}

clock_problem clock_settings_check(const clock_settings *s)
{
    if (!hours_ok(s->identification_hours) || !hours_ok(s->court_max_hours)
        || !hours_ok(s->due_soon_hours) || s->shelter_days <= 0
        || s->reflection_days <= 0 || s->shelter_days > CLOCK_HOURS_LIMIT / 24
        || s->reflection_days > CLOCK_HOURS_LIMIT / 24)
        return CLOCK_SETTING_OUT_OF_RANGE;
    if (s->court_max_hours < s->identification_hours)
        return CLOCK_COURT_MAX_TOO_SHORT;
    return CLOCK_OK;
}

void case_clocks_start(case_clocks *c, int64_t met_at)
{
    memset(c, 0, sizeof *c);
    c->met_at = met_at;
}

void case_clocks_stop(case_clocks *c, clock_kind k, int64_t when)
{
    if (!in_range((int)k, CLOCK_KIND_COUNT) || c->stopped[k])
        return;
    c->stopped[k] = true;
    c->stopped_at[k] = when;
}

bool case_clock_stopped_in_time(const case_clocks *c, const clock_settings *s, clock_kind k)
{
    return in_range((int)k, CLOCK_KIND_COUNT) && c->stopped[k]
           && c->stopped_at[k] <= case_clock_due(c, s, k);
}

static int64_t first_identification_due(const case_clocks *c, const clock_settings *s)
{
    return c->met_at + s->identification_hours * SECONDS_PER_HOUR;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

static clock_problem check_court_ref(const char *ref)
{
    if (!ref || is_blank(ref))
        return CLOCK_COURT_REF_MISSING;
    size_t n = 0;
    while (n <= COURT_REF_MAX && ref[n] != '\0')
        n++;
    if (n > COURT_REF_MAX)
        return CLOCK_COURT_REF_TOO_LONG;
    if (!utf8_valid(ref) || utf8_has_control(ref, false) || strchr(ref, '\t'))
        return CLOCK_COURT_REF_BAD_TEXT;
    return CLOCK_OK;
}

clock_problem case_clocks_extend(case_clocks *c, const clock_settings *s,
                                 int64_t until, const char *court_ref)
{
    clock_problem p = check_court_ref(court_ref);
    if (p != CLOCK_OK)
        return p;
    if (until <= first_identification_due(c, s))
        return CLOCK_EXTENSION_NOT_LATER;
    if (until > c->met_at + s->court_max_hours * SECONDS_PER_HOUR)
        return CLOCK_EXTENSION_TOO_LONG;
    c->extended = true;
    c->extended_until = until;
    memset(c->court_ref, 0, sizeof c->court_ref);
    memcpy(c->court_ref, court_ref, strlen(court_ref));
    return CLOCK_OK;
}

int64_t case_clock_due(const case_clocks *c, const clock_settings *s, clock_kind k)
{
    switch (k) {
    case CLOCK_IDENTIFICATION:
        return c->extended ? c->extended_until : first_identification_due(c, s);
    case CLOCK_SHELTER:
        return c->met_at + s->shelter_days * SECONDS_PER_DAY;
    case CLOCK_REFLECTION:
    case CLOCK_KIND_COUNT:
        break;
    }
    return c->met_at + s->reflection_days * SECONDS_PER_DAY;
}

int64_t deadline_remaining(int64_t due, int64_t now)
{
    return due - now;
}

bool deadline_runs_out_within(int64_t due, int64_t now, int64_t seconds)
{
    int64_t left = deadline_remaining(due, now);
    return left > 0 && left <= seconds;
}

deadline_state deadline_state_at(int64_t due, int64_t now, const clock_settings *s)
{
    if (deadline_remaining(due, now) <= 0)
        return DEADLINE_PASSED;
    if (deadline_runs_out_within(due, now, s->due_soon_hours * SECONDS_PER_HOUR))
        return DEADLINE_DUE_SOON;
    return DEADLINE_RUNNING;
}

size_t case_clocks_entries(const case_clocks *c, const clock_settings *s, size_t owner,
                           deadline_entry out[CLOCK_KIND_COUNT])
{
    size_t n = 0;
    for (int k = 0; k < CLOCK_KIND_COUNT; k++) {
        if (c->stopped[k])
            continue;
        out[n].kind = (clock_kind)k;
        out[n].owner = owner;
        out[n].due = case_clock_due(c, s, (clock_kind)k);
        n++;
    }
    return n;
}

static int compare_values(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

int deadline_entry_compare(const void *a, const void *b)
{
    const deadline_entry *x = a, *y = b;
    int c = compare_values(x->due, y->due);
    if (c == 0)
        c = compare_values(x->kind, y->kind);
    if (c == 0)
        c = compare_values((int64_t)x->owner, (int64_t)y->owner);
    return c;
}

size_t deadlines_due_soon(deadline_entry *entries, size_t n, int64_t now,
                          const clock_settings *s)
{
    if (n == 0)
        return 0;
    qsort(entries, n, sizeof *entries, deadline_entry_compare);
    /* Sorted by deadline, so the due-soon ones are exactly a prefix. */
    size_t count = 0;
    while (count < n && deadline_state_at(entries[count].due, now, s) != DEADLINE_RUNNING)
        count++;
    return count;
}
