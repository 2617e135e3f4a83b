/* clocks_store.c - identification decisions and the legal clocks of a
 * case (db/screenings.h): the lengths as settings, court extensions,
 * stops, the due-soon list and the case list's marker.
 *
 * Clock moments are integer seconds since the epoch (migration 4), so a
 * deadline is arithmetic in SQL; the lengths are settings, so deadlines
 * are computed, never stored.  Every change is one transaction with its
 * audit rows; a refused call writes nothing. */
#include "config.h"
#include "db/screenings.h"
#include "db/screenings_internal.h"
#include "db/returns_internal.h"
#include "core/fieldtext.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SECONDS_PER_HOUR INT64_C(3600)
#define SECONDS_PER_DAY INT64_C(86400)
/* Clocks and times typed by an officer may run a little ahead of the
 * laptop's clock (as core/interview.c allows). */
#define FUTURE_SLACK_SECONDS 60

static void bind_int64_or_null(sqlite3_stmt *q, int i, bool present, int64_t v)
{
    if (present)
        sqlite3_bind_int64(q, i, (sqlite3_int64)v);
    else
        sqlite3_bind_null(q, i);
}

/* ================================================================ identification */

#define IDENT_SELECT \
    "SELECT id, case_id, outcome, other_matter, body, body_name, decided_on, reasons," \
    " created_at, updated_at, created_by, updated_by FROM identifications" \
    " WHERE case_id = ?1 ORDER BY created_at DESC, rowid DESC"

static void identification_from_row(sqlite3_stmt *q, tc_identification *d)
{
    identification_init(d);
    store_column_copy(q, 0, d->id, sizeof d->id);
    store_column_copy(q, 1, d->case_id, sizeof d->case_id);
    const unsigned char *outcome = sqlite3_column_text(q, 2);
    const unsigned char *other = sqlite3_column_text(q, 3);
    const unsigned char *body = sqlite3_column_text(q, 4);
    if (!outcome || !ident_outcome_from_code((const char *)outcome, &d->outcome))
        d->outcome = IDENT_PENDING;
    if (!other || !ident_other_from_code((const char *)other, &d->other))
        d->other = IDENT_OTHER_NONE;
    if (!body || !ident_body_from_code((const char *)body, &d->body))
        d->body = IDENT_BODY_POLICE;
    store_column_copy(q, 5, d->body_name, sizeof d->body_name);
    const unsigned char *on = sqlite3_column_text(q, 6);
    d->decided_known = on && caldate_parse_iso((const char *)on, &d->decided_on);
    store_column_copy(q, 7, d->reasons, sizeof d->reasons);
    d->created_at = store_column_time(q, 8);
    d->updated_at = store_column_time(q, 9);
    store_column_copy(q, 10, d->created_by, sizeof d->created_by);
    store_column_copy(q, 11, d->updated_by, sizeof d->updated_by);
}

static store_status insert_identification(store *s, const tc_identification *d)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s,
        "INSERT INTO identifications(id, case_id, outcome, other_matter, body, body_name,"
        " decided_on, reasons, created_at, updated_at, created_by, updated_by)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?10)", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, d->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, d->case_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, ident_outcome_code(d->outcome), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, ident_other_code(d->other), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, ident_body_code(d->body), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, d->body_name, -1, SQLITE_STATIC);
    if (d->decided_known) {
        char iso[CALDATE_ISO_LEN];
        caldate_format_iso(d->decided_on, iso);
        sqlite3_bind_text(q, 7, iso, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_null(q, 7);
    }
    sqlite3_bind_text(q, 8, d->reasons, -1, SQLITE_STATIC);
    store_bind_time(q, 9, d->created_at);
    sqlite3_bind_text(q, 10, d->created_by, -1, SQLITE_STATIC);
    return store_step_done(s, q);
}

static store_status stop_clock_now(store *s, const char *case_id, clock_kind k, int64_t when);

static store_status identification_in_tx(store *s, void *arg)
{
    tc_identification *d = arg;
    store_status st = store_case_exists(s, d->case_id);
    if (st == ST_OK)
        st = insert_identification(s, d);
    if (st == ST_OK)
        st = store_audit(s, "identification.add", "identifications", d->id);
    /* The decision is what the identification clock waited for. */
    if (st == ST_OK && d->outcome != IDENT_PENDING)
        st = stop_clock_now(s, d->case_id, CLOCK_IDENTIFICATION, d->created_at);
    return st;
}

store_status store_identification_add(store *s, tc_identification *d, ident_check *problem)
{
    ident_check chk = identification_validate(d, store_today(s));
    if (problem)
        *problem = chk;
    if (chk.problem != IDENT_OK)
        return ST_INVALID;
    if (!field_terminated(d->case_id, sizeof d->case_id))
        return ST_NOT_FOUND;
    store_status allowed = store_case_access(s, d->case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    tc_identification *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *d;
    store_new_id(work->id);
    work->created_at = work->updated_at = tc_now(&s->clock);
    snprintf(work->created_by, sizeof work->created_by, "%s", s->me.id);
    snprintf(work->updated_by, sizeof work->updated_by, "%s", s->me.id);
    store_status st = screenings_in_transaction(s, identification_in_tx, work);
    if (st == ST_OK)
        *d = *work;
    free(work);
    return st;
}

static void read_identification(sqlite3_stmt *q, void *elem, void *ctx)
{
    (void)ctx;
    identification_from_row(q, elem);
}

/* Up to max (-1: all) of a case's decisions, newest first. */
static store_status identifications_of(store *s, const char *case_id, int max,
                                       tc_identification **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (st == ST_OK)
        st = store_case_exists(s, case_id);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s, IDENT_SELECT " LIMIT ?2", &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, max);
    void *items = NULL;
    st = store_collect(s, q, sizeof **out, read_identification, NULL, &items, n);
    *out = items;
    return st;
}

store_status store_identification_list(store *s, const char *case_id,
                                       tc_identification **out, size_t *n)
{
    return identifications_of(s, case_id, -1, out, n);
}

store_status store_identification_latest(store *s, const char *case_id, tc_identification *out)
{
    tc_identification *items = NULL;
    size_t n = 0;
    store_status st = identifications_of(s, case_id, 1, &items, &n);
    if (st == ST_OK && n == 0)
        st = ST_NOT_FOUND;
    if (st == ST_OK)
        *out = items[0];
    free(items);
    return st;
}

/* ================================================================ clocks */

/* ---- settings ---- */

static const struct clock_setting_key {
    const char *key;
    size_t offset;
} clock_keys[] = {
    { "clock.identification_hours", offsetof(clock_settings, identification_hours) },
    { "clock.court_max_hours", offsetof(clock_settings, court_max_hours) },
    { "clock.shelter_days", offsetof(clock_settings, shelter_days) },
    { "clock.reflection_days", offsetof(clock_settings, reflection_days) },
    { "clock.due_soon_hours", offsetof(clock_settings, due_soon_hours) },
};
#define CLOCK_KEYS (sizeof clock_keys / sizeof clock_keys[0])

static int *setting_field(clock_settings *cs, size_t i)
{
    return (int *)(void *)((char *)cs + clock_keys[i].offset);
}

/* A whole number written by store_clock_settings_set, else false. */
static bool parse_setting(const char *text, int *out)
{
    if (!text || !*text)
        return false;
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (*end != '\0' || v < -CLOCK_HOURS_LIMIT || v > CLOCK_HOURS_LIMIT)
        return false;
    *out = (int)v;
    return true;
}

static void apply_setting(clock_settings *cs, const char *key, const char *value)
{
    for (size_t i = 0; key && i < CLOCK_KEYS; i++)
        if (strcmp(key, clock_keys[i].key) == 0 && !parse_setting(value, setting_field(cs, i)))
            *setting_field(cs, i) = -1;     /* refused below: back to the defaults */
}

store_status store_clock_settings(store *s, clock_settings *out)
{
    clock_settings_defaults(out);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, "SELECT key, value FROM settings WHERE key IN"
        " ('clock.identification_hours', 'clock.court_max_hours', 'clock.shelter_days',"
        " 'clock.reflection_days', 'clock.due_soon_hours')", &q);
    if (st != ST_OK)
        return st;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        apply_setting(out, (const char *)sqlite3_column_text(q, 0),
                      (const char *)sqlite3_column_text(q, 1));
    if (rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    /* The generic setting command can store anything under these keys: a
     * deadline is never computed from lengths that fail the rules. */
    if (st == ST_OK && clock_settings_check(out) != CLOCK_OK) {
        clock_settings_defaults(out);
        store_set_error(s, "the stored clock settings are not valid; the defaults are used");
    }
    return st;
}

static store_status settings_in_tx(store *s, void *arg)
{
    clock_settings *cs = arg;
    store_status st = ST_OK;
    for (size_t i = 0; st == ST_OK && i < CLOCK_KEYS; i++) {
        char value[16];
        snprintf(value, sizeof value, "%d", *setting_field(cs, i));
        st = store_setting_write(s, clock_keys[i].key, value);
    }
    return st;
}

store_status store_clock_settings_set(store *s, const clock_settings *in, clock_problem *problem)
{
    if (problem)
        *problem = CLOCK_OK;
    if (store_may(s, ACCESS_SETTINGS) != ST_OK)
        return ST_DENIED;
    clock_problem p = clock_settings_check(in);
    if (problem)
        *problem = p;
    if (p != CLOCK_OK)
        return ST_INVALID;
    clock_settings work = *in;
    return screenings_in_transaction(s, settings_in_tx, &work);
}

/* ---- one case's clocks ---- */

static void clocks_from_row(sqlite3_stmt *q, case_clocks *c)
{
    case_clocks_start(c, (int64_t)sqlite3_column_int64(q, 0));
    c->extended = sqlite3_column_int(q, 1) != 0;
    c->extended_until = (int64_t)sqlite3_column_int64(q, 2);
    store_column_copy(q, 3, c->court_ref, sizeof c->court_ref);
    for (int k = 0; k < CLOCK_KIND_COUNT; k++) {
        c->stopped[k] = sqlite3_column_type(q, 4 + k) != SQLITE_NULL;
        c->stopped_at[k] = c->stopped[k] ? (int64_t)sqlite3_column_int64(q, 4 + k) : 0;
    }
}

#define CLOCKS_SELECT \
    "SELECT met_at, extended, extended_until, court_ref, identification_stopped_at," \
    " shelter_stopped_at, reflection_stopped_at FROM case_clocks WHERE case_id = ?1"

store_status store_case_clocks_get(store *s, const char *case_id, case_clocks *out)
{
    if (!case_id || !*case_id)
        return ST_NOT_FOUND;
    store_status st = store_case_access(s, case_id, ACCESS_CASE_READ);
    if (st != ST_OK)
        return st;
    sqlite3_stmt *q = NULL;
    st = store_select_row(s, CLOCKS_SELECT, case_id, &q);
    if (st != ST_OK)
        return st;
    clocks_from_row(q, out);
    sqlite3_finalize(q);
    return ST_OK;
}

/* Insert or replace the whole clock row of a case (insert when `fresh`). */
static store_status write_clocks(store *s, const char *case_id, const case_clocks *c, bool fresh)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, fresh
        ? "INSERT INTO case_clocks(case_id, met_at, extended, extended_until, court_ref,"
          " identification_stopped_at, shelter_stopped_at, reflection_stopped_at,"
          " created_at, updated_at, created_by, updated_by)"
          " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?10)"
        : "UPDATE case_clocks SET met_at = ?2, extended = ?3, extended_until = ?4,"
          " court_ref = ?5, identification_stopped_at = ?6, shelter_stopped_at = ?7,"
          " reflection_stopped_at = ?8, updated_at = ?9, updated_by = ?10 WHERE case_id = ?1",
        &q);
    if (st != ST_OK)
        return st;
    char now[TIMESTAMP_ISO_LEN];
    store_now_iso(s, now);
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)c->met_at);
    sqlite3_bind_int(q, 3, c->extended ? 1 : 0);
    bind_int64_or_null(q, 4, c->extended, c->extended_until);
    sqlite3_bind_text(q, 5, c->extended ? c->court_ref : "", -1, SQLITE_STATIC);
    for (int k = 0; k < CLOCK_KIND_COUNT; k++)
        bind_int64_or_null(q, 6 + k, c->stopped[k], c->stopped_at[k]);
    sqlite3_bind_text(q, 9, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 10, s->me.id, -1, SQLITE_STATIC);
    return store_step_done(s, q);
}

/* A moment an officer gives: after 1970 and not in the future. */
static bool moment_valid(const store *s, int64_t t)
{
    return t > 0 && t <= tc_now(&s->clock) + FUTURE_SLACK_SECONDS;
}

typedef struct clocks_change {
    const char *case_id;
    int64_t when;               /* met_at, extension end or stop time */
    const char *court_ref;
    clock_kind kind;
    clock_problem problem;
} clocks_change;

static store_status start_clocks_in_tx(store *s, void *arg)
{
    clocks_change *c = arg;
    store_status st = store_case_exists(s, c->case_id);
    if (st != ST_OK)
        return st;
    case_clocks old, now;
    st = store_case_clocks_get(s, c->case_id, &old);
    if (st != ST_OK && st != ST_NOT_FOUND)
        return st;
    bool fresh = st == ST_NOT_FOUND;
    case_clocks_start(&now, c->when);
    if (!fresh) {
        /* A correction keeps what happened since, and the court order only
         * if it still fits the rules from the corrected moment. */
        memcpy(now.stopped, old.stopped, sizeof now.stopped);
        memcpy(now.stopped_at, old.stopped_at, sizeof now.stopped_at);
        if (old.extended) {
            clock_settings cs;
            st = store_clock_settings(s, &cs);
            if (st != ST_OK)
                return st;
            c->problem = case_clocks_extend(&now, &cs, old.extended_until, old.court_ref);
            if (c->problem != CLOCK_OK)
                return ST_INVALID;
        }
    }
    st = write_clocks(s, c->case_id, &now, fresh);
    if (st == ST_OK)
        st = store_audit(s, fresh ? "clocks.start" : "clocks.correct", "case_clocks", c->case_id);
    return st;
}

store_status store_case_clocks_start(store *s, const char *case_id, int64_t met_at)
{
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    if (!moment_valid(s, met_at))
        return ST_INVALID;
    clocks_change c = { .case_id = case_id, .when = met_at };
    return screenings_in_transaction(s, start_clocks_in_tx, &c);
}

static store_status extend_in_tx(store *s, void *arg)
{
    clocks_change *c = arg;
    case_clocks clocks;
    clock_settings cs;
    store_status st = store_case_clocks_get(s, c->case_id, &clocks);
    if (st == ST_OK)
        st = store_clock_settings(s, &cs);
    if (st != ST_OK)
        return st;
    c->problem = case_clocks_extend(&clocks, &cs, c->when, c->court_ref);
    if (c->problem != CLOCK_OK)
        return ST_INVALID;
    st = write_clocks(s, c->case_id, &clocks, false);
    if (st == ST_OK)
        st = store_audit(s, "clocks.extend", "case_clocks", c->case_id);
    return st;
}

store_status store_case_clocks_extend(store *s, const char *case_id, int64_t until,
                                      const char *court_ref, clock_problem *problem)
{
    if (problem)
        *problem = CLOCK_OK;
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    clocks_change c = { .case_id = case_id, .when = until, .court_ref = court_ref };
    store_status st = screenings_in_transaction(s, extend_in_tx, &c);
    if (problem)
        *problem = c.problem;
    return st;
}

/* Stop clock k at `when` if it runs (inside the caller's transaction);
 * stopping again keeps the first time and writes nothing.  Clocks never
 * started are left alone. */
static store_status stop_clock_now(store *s, const char *case_id, clock_kind k, int64_t when)
{
    case_clocks clocks;
    store_status st = store_case_clocks_get(s, case_id, &clocks);
    if (st == ST_NOT_FOUND || (st == ST_OK && clocks.stopped[k]))
        return ST_OK;
    if (st != ST_OK)
        return st;
    case_clocks_stop(&clocks, k, when);
    st = write_clocks(s, case_id, &clocks, false);
    if (st == ST_OK)
        st = store_audit(s, "clocks.stop", "case_clocks", case_id);
    return st;
}

static store_status stop_in_tx(store *s, void *arg)
{
    clocks_change *c = arg;
    case_clocks clocks;
    store_status st = store_case_clocks_get(s, c->case_id, &clocks);
    if (st != ST_OK)
        return st;
    if (c->when < clocks.met_at)
        return ST_INVALID;      /* nothing is done before the person is met */
    return stop_clock_now(s, c->case_id, c->kind, c->when);
}

store_status store_case_clocks_stop(store *s, const char *case_id, clock_kind k, int64_t when)
{
    store_status allowed = store_case_access(s, case_id, ACCESS_CASE_WRITE);
    if (allowed != ST_OK)
        return allowed;
    if ((int)k < 0 || k >= CLOCK_KIND_COUNT || !moment_valid(s, when))
        return ST_INVALID;
    clocks_change c = { .case_id = case_id, .when = when, .kind = k };
    return screenings_in_transaction(s, stop_in_tx, &c);
}

/* ---- due soon ---- */

/* Each running clock kind walks its own partial index on met_at (migration
 * 4): a deadline can only be near or passed when met_at is at most
 * limit - length (an extension only moves identification later), so the
 * range read holds just the clocks shown, plus extended identification
 * clocks not yet due, filtered here by their own deadline. */
#define DUE_COLUMNS \
    " c.id, c.reference, p.name_thai, p.name_original, p.name_latin, c.high_risk" \
    " FROM case_clocks k JOIN cases c ON c.id = k.case_id JOIN persons p ON p.id = c.person_id"
/* A field officer sees his own cases' clocks only (core/access.h). */
#define DUE_SCOPE STORE_CASE_SCOPE("c", "?5", "?6")
static const char due_sql[] =
    "SELECT 0, CASE WHEN k.extended THEN k.extended_until ELSE k.met_at + ?1 END AS due,"
    DUE_COLUMNS
    " WHERE k.identification_stopped_at IS NULL AND k.met_at <= ?4 - ?1 AND" DUE_SCOPE
    " AND (CASE WHEN k.extended THEN k.extended_until ELSE k.met_at + ?1 END) <= ?4"
    " UNION ALL"
    " SELECT 1, k.met_at + ?2 AS due," DUE_COLUMNS
    " WHERE k.shelter_stopped_at IS NULL AND k.met_at <= ?4 - ?2 AND" DUE_SCOPE
    " UNION ALL"
    " SELECT 2, k.met_at + ?3 AS due," DUE_COLUMNS
    " WHERE k.reflection_stopped_at IS NULL AND k.met_at <= ?4 - ?3 AND" DUE_SCOPE
    " ORDER BY 2, 1, 4";

/* What a due-list row needs besides its columns. */
typedef struct deadline_ctx {
    int64_t now;
    const clock_settings *cs;
} deadline_ctx;

static void read_deadline(sqlite3_stmt *q, void *elem, void *ctx)
{
    const deadline_ctx *dc = ctx;
    deadline_row *r = elem;
    r->kind = (clock_kind)sqlite3_column_int(q, 0);
    r->due = (int64_t)sqlite3_column_int64(q, 1);
    store_column_copy(q, 2, r->case_id, sizeof r->case_id);
    store_column_copy(q, 3, r->reference, sizeof r->reference);
    store_column_display_name(q, 4, r->name, sizeof r->name);
    r->high_risk = sqlite3_column_int(q, 7) != 0;
    r->state = deadline_state_at(r->due, dc->now, dc->cs);
}

static void bind_lengths(sqlite3_stmt *q, const clock_settings *cs)
{
    sqlite3_bind_int64(q, 1, cs->identification_hours * SECONDS_PER_HOUR);
    sqlite3_bind_int64(q, 2, cs->shelter_days * SECONDS_PER_DAY);
    sqlite3_bind_int64(q, 3, cs->reflection_days * SECONDS_PER_DAY);
}

static store_status clock_deadlines(store *s, int64_t now, deadline_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    clock_settings cs;
    store_status st = store_clock_settings(s, &cs);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s, due_sql, &q);
    if (st != ST_OK)
        return st;
    bind_lengths(q, &cs);
    sqlite3_bind_int64(q, 4, now + cs.due_soon_hours * SECONDS_PER_HOUR);
    store_bind_scope(s, q, 5, 6);
    deadline_ctx ctx = { now, &cs };
    void *rows = NULL;
    st = store_collect(s, q, sizeof **out, read_deadline, &ctx, &rows, n);
    *out = rows;
    return st;
}

/* Two lists each earliest due first, into one: on a tie the clock (a
 * legal deadline, to the hour) comes before the follow-up. */
static deadline_row *merge_by_due(const deadline_row *a, size_t na, const deadline_row *b,
                                  size_t nb)
{
    deadline_row *all = malloc((na + nb) * sizeof *all);
    if (!all)
        return NULL;
    size_t i = 0, j = 0, k = 0;
    while (i < na || j < nb)
        all[k++] = j == nb || (i < na && a[i].due <= b[j].due) ? a[i++] : b[j++];
    return all;
}

store_status store_deadlines_due(store *s, int64_t now, deadline_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    deadline_row *clocks = NULL, *follow = NULL;
    size_t nc = 0, nf = 0;
    store_status st = clock_deadlines(s, now, &clocks, &nc);
    if (st == ST_OK)
        st = returns_followup_deadlines(s, now, &follow, &nf);
    if (st == ST_OK && nc + nf > 0) {
        *out = merge_by_due(clocks, nc, follow, nf);
        if (*out)
            *n = nc + nf;
        else
            st = ST_NOMEM;
    }
    free(clocks);
    free(follow);
    return st;
}

/* ---- the case list's marker ---- */

static void mark_row(tc_case_row *r, const case_clocks *c, const clock_settings *cs, int64_t now)
{
    deadline_entry entries[CLOCK_KIND_COUNT];
    size_t k = case_clocks_entries(c, cs, 0, entries);
    if (deadlines_due_soon(entries, k, now, cs) == 0)
        return;
    r->clock_due_soon = true;
    r->clock_kind = (int)entries[0].kind;
    r->clock_due = entries[0].due;
}

store_status store_case_rows_mark_clocks(store *s, tc_case_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rows[i].clock_due_soon = false;
        rows[i].clock_kind = 0;
        rows[i].clock_due = 0;
    }
    if (n == 0)
        return ST_OK;
    clock_settings cs;
    store_status st = store_clock_settings(s, &cs);
    sqlite3_stmt *q = NULL;
    if (st == ST_OK)
        st = store_prepare(s, CLOCKS_SELECT, &q);
    if (st != ST_OK)
        return st;
    int64_t now = tc_now(&s->clock);
    for (size_t i = 0; st == ST_OK && i < n; i++) {
        sqlite3_bind_text(q, 1, rows[i].id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            case_clocks c;
            clocks_from_row(q, &c);
            mark_row(&rows[i], &c, &cs, now);
        } else if (rc != SQLITE_DONE) {
            st = store_status_from_sqlite(s, rc);
        }
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    return st;
}
