/* exchange_tables.c - which tables travel in a hand-over and how a case's
 * rows become payload items (db/exchange_internal.h).
 *
 * Notes, inspections, closures, consent overrides and the quick-mode mark
 * stay home: they are the team's own working record, not the person's
 * case.  Consents travel with the person, so the receiving team knows
 * what the person agreed to. */
#include "config.h"
#include "db/exchange_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BY_CASE "case_id = ?1"
#define VERSION_MATCH { "record_id", "version", NULL }
#define ID_MATCH { "id", NULL, NULL }

const exch_table exch_tables[] = {
    { "persons", EXCH_SECTION_PERSON, "id", ID_MATCH,
      "id = (SELECT person_id FROM cases WHERE id = ?1)", false },
    { "cases", EXCH_SECTION_PERSON, "id", ID_MATCH, "id = ?1", false },
    { "case_nationalities", EXCH_SECTION_PERSON, "id", { "case_id", "position", NULL }, BY_CASE,
      false },
    { "case_clocks", EXCH_SECTION_PERSON, "case_id", { "case_id", NULL, NULL }, BY_CASE, false },
    { "consents", EXCH_SECTION_PERSON, "id", VERSION_MATCH, BY_CASE, true },
    { "intakes", EXCH_SECTION_STORY, "id", VERSION_MATCH, BY_CASE, true },
    { "screenings", EXCH_SECTION_SCREENING, "id", ID_MATCH, BY_CASE, false },
    { "screening_answers", EXCH_SECTION_SCREENING, "id",
      { "screening_id", "indicator_code", NULL },
      "screening_id IN (SELECT id FROM screenings WHERE case_id = ?1)", false },
    { "identifications", EXCH_SECTION_IDENTIFICATION, "id", ID_MATCH, BY_CASE, false },
    { "needs", EXCH_SECTION_NEEDS, "id", VERSION_MATCH, BY_CASE, true },
    { "referrals", EXCH_SECTION_REFERRALS, "id", ID_MATCH, BY_CASE, false },
    { "referral_events", EXCH_SECTION_REFERRALS, "id", ID_MATCH, BY_CASE, false },
    { "referral_needs", EXCH_SECTION_REFERRALS, "id", { "referral_id", "need_id", NULL },
      "referral_id IN (SELECT id FROM referrals WHERE case_id = ?1)", false },
    { "repatriations", EXCH_SECTION_RETURN, "id", VERSION_MATCH, BY_CASE, true },
    { "repatriation_steps", EXCH_SECTION_RETURN, "id", { "plan_id", "version", "kind" },
      "plan_id IN (SELECT record_id FROM repatriations WHERE case_id = ?1)", false },
    { "reintegrations", EXCH_SECTION_REINTEGRATION, "id", VERSION_MATCH, BY_CASE, true },
    { "reintegration_domains", EXCH_SECTION_REINTEGRATION, "id",
      { "plan_id", "version", "domain" },
      "plan_id IN (SELECT record_id FROM reintegrations WHERE case_id = ?1)", false },
    { "followups", EXCH_SECTION_REINTEGRATION, "id", VERSION_MATCH, BY_CASE, true },
};
const size_t exch_table_count = sizeof exch_tables / sizeof exch_tables[0];

/* The cross-border profile's one table: never read from a case's rows
 * (exchange_send.c works its values out), only received. */
static const exch_table profile_table = {
    EXCH_PROFILE_TABLE, EXCH_SECTION_PERSON, "id", ID_MATCH, NULL, false
};

const exch_table *exch_table_find(const char *name, exch_profile profile)
{
    if (!name)
        return NULL;
    if (profile == EXCH_PROFILE_CROSS_BORDER)
        return strcmp(name, EXCH_PROFILE_TABLE) ? NULL : &profile_table;
    for (size_t i = 0; i < exch_table_count; i++)
        if (!strcmp(exch_tables[i].name, name))
            return &exch_tables[i];
    return NULL;
}

static bool in_list(const char *const *list, const char *column)
{
    for (; *list; list++)
        if (!strcmp(*list, column))
            return true;
    return false;
}

bool exch_column_local(const char *column)
{
    static const char *const local[] = { "created_by", "updated_by", "audit_seq", "is_current",
                                         "search_key", "sort_date", "source_store", NULL };
    return in_list(local, column);
}

bool exch_column_officer(const char *column)
{
    static const char *const officer[] = { "assigned_officer", "decided_by", "officer_id", NULL };
    return in_list(officer, column);
}

bool exch_column_uncompared(const char *column)
{
    static const char *const times[] = { "created_at", "updated_at", NULL };
    return in_list(times, column) || exch_column_officer(column);
}

const char *exch_item_value(const bundle_item *it, const char *name, bool *found)
{
    for (size_t i = 0; i < it->n_fields; i++)
        if (!strcmp(it->fields[i].name, name)) {
            *found = true;
            return it->fields[i].value;
        }
    *found = false;
    return NULL;
}

/* An instrument's ids differ from store to store (each store loads the
 * built-in ones with ids of its own): it travels as "@code:version". */
static store_status instrument_ref(store *s, const char *id, char *out, size_t outsz)
{
    sqlite3_stmt *q = NULL;
    store_status st = store_select_row(s, "SELECT code, version FROM instruments WHERE id = ?1",
                                       id, &q);
    if (st != ST_OK)
        return st;
    snprintf(out, outsz, "@%s:%d", (const char *)sqlite3_column_text(q, 0),
             sqlite3_column_int(q, 1));
    sqlite3_finalize(q);
    return ST_OK;
}

#define MAX_COLUMNS 64

/* One row of q as an item of table t. */
static store_status append_row(store *s, const exch_table *t, sqlite3_stmt *q,
                               const char *case_id, bundle_payload *p)
{
    const char *names[MAX_COLUMNS + 1], *values[MAX_COLUMNS + 1];
    char instrument[96];
    const char *pk = NULL;
    size_t n = 0;
    int cols = sqlite3_column_count(q);
    for (int i = 0; i < cols && n < MAX_COLUMNS; i++) {
        const char *name = sqlite3_column_name(q, i);
        const char *value = (const char *)sqlite3_column_text(q, i);
        if (!strcmp(name, t->pk)) {
            pk = value;
            if (strcmp(name, "case_id"))
                continue;       /* the item id says it; case_clocks keeps it as a match */
        }
        if (exch_column_local(name))
            continue;
        if (value && !strcmp(t->name, "screenings") && !strcmp(name, "instrument_id")) {
            store_status st = instrument_ref(s, value, instrument, sizeof instrument);
            if (st != ST_OK)
                return st;
            value = instrument;
        }
        names[n] = name;
        values[n++] = value;
    }
    names[n] = EXCH_CASE_FIELD;
    values[n++] = case_id;
    if (!pk)
        return ST_DAMAGED;
    return bundle_add_item(p, t->name, pk, names, values, n) ? ST_OK : ST_NOMEM;
}

store_status exch_rows_append(store *s, const exch_table *t, const char *case_id,
                              bundle_payload *p, size_t *n)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s ORDER BY rowid", t->name, t->of_case);
    sqlite3_stmt *q = NULL;
    store_status st = store_prepare(s, sql, &q);
    if (st != ST_OK)
        return st;
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_STATIC);
    int rc;
    while (st == ST_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        st = append_row(s, t, q, case_id, p);
        if (st == ST_OK)
            (*n)++;
    }
    if (st == ST_OK && rc != SQLITE_DONE)
        st = store_status_from_sqlite(s, rc);
    sqlite3_finalize(q);
    return st;
}
