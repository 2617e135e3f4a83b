/* report_fixture.c - see report_fixture.h. */
#include "config.h"
#include "tests/report_fixture.h"
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "db/record.h"
#include "db/store_internal.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#define STAMP "'2026-11-21T03:00:00Z'"

/* One statement, formatted; prints what failed. */
static bool sql(store *s, const char *fmt, ...)
{
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    char *err = NULL;
    if (sqlite3_exec(store_db_handle(s), text, NULL, NULL, &err) == SQLITE_OK)
        return true;
    fprintf(stderr, "\nfixture SQL failed: %s\n  %s\n", err ? err : "?", text);
    sqlite3_free(err);
    return false;
}

static bool add_case(store *s, tc_case *c, char *id, char *ref)
{
    if (store_case_add(s, c, NULL) != ST_OK)
        return false;
    snprintf(id, TC_ID_LEN, "%s", c->id);
    if (ref)
        snprintf(ref, CASEREF_MAX, "%s", c->reference);
    return true;
}

static void place(tc_case *c, const char *entry, const char *province)
{
    snprintf(c->entry_point, sizeof c->entry_point, "%s", entry);
    snprintf(c->province, sizeof c->province, "%s", province);
}

/* A moment of the fixture's own data (0 for a typo, which then fails). */
static int64_t at(const char *iso)
{
    int64_t t = 0;
    return timestamp_parse_iso(iso, &t) ? t : 0;
}

static bool add_cases(store *s, report_fixture_ids *ids)
{
    tc_case a = harness_setup_case("Aung", 30, "2025-09-28");
    place(&a, "labour_inspection", "TH-63");
    tc_case b = harness_setup_case("Sok", 16, "2026-09-30");
    b.sex = SEX_MALE;
    snprintf(b.nationalities[0], 3, "KH");
    place(&b, "labour_inspection", "TH-63");
    tc_case c = harness_setup_case("Mya", 0, "2026-01-15");
    c.estimated_age = -1;
    c.n_nationalities = 0;
    c.nationalities[0][0] = '\0';
    tc_case d = harness_setup_case("Duplicate", 25, "2026-03-01");
    tc_case e = harness_setup_case("Khamla", 40, "2026-05-01");
    snprintf(e.nationalities[0], 3, "LA");
    place(&e, "shelter", "TH-10");
    return add_case(s, &a, ids->a, NULL) && add_case(s, &b, ids->b, NULL)
           && add_case(s, &c, ids->c, ids->ref_c) && add_case(s, &d, ids->d, NULL)
           && add_case(s, &e, ids->e, ids->ref_e);
}

static bool add_officer_and_sector(store *s, report_fixture_ids *ids)
{
    if (harness_officer_add(s, "nok", REPORT_FIXTURE_NOK_NAME, ROLE_SOCIAL_WORKER,
                            REPORT_FIXTURE_PASS) != ST_OK)
        return false;
    tc_officer o;
    if (store_officer_by_login(s, "nok", &o) != ST_OK)
        return false;
    snprintf(ids->nok, sizeof ids->nok, "%s", o.id);
    tc_code_row row = { "salt_farm", REPORT_FIXTURE_SECTOR_EN, REPORT_FIXTURE_SECTOR_TH, NULL };
    return store_code_add(s, LIST_SECTOR, &row, NULL) == ST_OK
           && sql(s, "UPDATE cases SET assigned_officer = '%s' WHERE id = '%s'", ids->nok, ids->b);
}

#define VERSIONED_COLUMNS "id, record_id, version, is_current, change, audit_seq, entry_withdrawn"

static bool add_intakes(store *s, const report_fixture_ids *ids)
{
    return sql(s, "INSERT INTO intakes(" VERSIONED_COLUMNS ", case_id, sector, exploitation,"
                  " created_at, updated_at) VALUES('ia', '%s', 1, 1, 'add', 0, 0, '%s', 'fishing',"
                  " 'forced_labour,debt_bondage', " STAMP ", " STAMP ")", ids->a, ids->a)
           && sql(s, "INSERT INTO intakes(" VERSIONED_COLUMNS ", case_id, sector, exploitation,"
                     " created_at, updated_at) VALUES('ie', '%s', 1, 1, 'add', 0, 0, '%s',"
                     " 'salt_farm', '', " STAMP ", " STAMP ")", ids->e, ids->e);
}

static bool screening(store *s, const char *id, const char *case_id, const char *held,
                      const char *suggestion, const char *decided_at)
{
    char decided[160] = "0, NULL, NULL";
    if (suggestion)
        snprintf(decided, sizeof decided, "1, '%s', '%s'", suggestion, decided_at);
    return sql(s, "INSERT INTO screenings(id, case_id, instrument_id, held_at, place, interviewers,"
                  " language, interpreter_used, consent_given, earlier_interviews,"
                  " guardian_present, child, decided, suggestion, decided_at, created_at,"
                  " updated_at) VALUES('%s', '%s', (SELECT id FROM instruments LIMIT 1), '%s',"
                  " 'Mae Sot', 'A team', 'my', 0, 1, 0, 'not_recorded', 0, %s, " STAMP ", "
                  STAMP ")", id, case_id, held, decided);
}

static bool identification(store *s, const char *id, const char *case_id, const char *outcome,
                           const char *on)
{
    return sql(s, "INSERT INTO identifications(id, case_id, outcome, body, decided_on, created_at,"
                  " updated_at) VALUES('%s', '%s', '%s', 'police', %s%s%s, " STAMP ", " STAMP ")",
               id, case_id, outcome, on ? "'" : "", on ? on : "NULL", on ? "'" : "");
}

static bool add_screening(store *s, const report_fixture_ids *ids)
{
    return screening(s, "sa", ids->a, "2025-09-30T18:00:00Z", "reasonable_grounds",
                     "2025-10-02T03:00:00Z")
           && screening(s, "sb1", ids->b, "2026-09-30T10:00:00Z", "no_indicators",
                        "2026-09-30T11:00:00Z")
           && screening(s, "sb2", ids->b, "2026-10-05T03:00:00Z", "reasonable_grounds",
                        "2026-10-05T04:00:00Z")
           && screening(s, "sc", ids->c, "2026-01-15T03:00:00Z", NULL, NULL)
           && screening(s, "sd", ids->d, "2026-03-01T03:00:00Z", "reasonable_grounds",
                        "2026-03-01T04:00:00Z")
           && identification(s, "da", ids->a, "victim_trafficking", "2025-10-10")
           && identification(s, "db1", ids->b, "not_identified", "2026-10-01")
           && identification(s, "db2", ids->b, "victim_forced_labour", "2026-10-02")
           && identification(s, "dc", ids->c, "pending", NULL);
}

static bool referral(store *s, const char *id, const char *case_id, const char *agency,
                     const char *state, int64_t sent_at)
{
    char sent[32] = "NULL";
    if (sent_at)
        snprintf(sent, sizeof sent, "%lld", (long long)sent_at);
    return sql(s, "INSERT INTO referrals(id, case_id, agency_code, needs, urgency, urgency_rank,"
                  " channel, officer_id, state, is_open, sent_at, state_changed_at, since_at,"
                  " audit_seq, created_at, updated_at) VALUES('%s', '%s', '%s', 'shelter',"
                  " 'routine', 2, 'letter', (SELECT id FROM officers WHERE login = 'admin'), '%s',"
                  " 1, %s, 0, 0, 0, " STAMP ", " STAMP ")", id, case_id, agency, state, sent);
}

static bool referral_event(store *s, const char *id, const char *referral, const char *case_id,
                           const char *from, const char *to, int64_t at)
{
    return sql(s, "INSERT INTO referral_events(id, referral_id, case_id, from_state, to_state, at,"
                  " officer_id, audit_seq, created_at, updated_at) VALUES('%s', '%s', '%s', '%s',"
                  " '%s', %lld, 'x', 0, " STAMP ", " STAMP ")", id, referral, case_id, from, to,
               (long long)at);
}

static bool add_referrals(store *s, const report_fixture_ids *ids)
{
    int64_t b_sent = at("2026-09-30T16:30:00Z"), a_sent = at("2025-11-01T03:00:00Z");
    return referral(s, "rb", ids->b, "rtp", "accepted", b_sent)
           && referral_event(s, "eb1", "rb", ids->b, "", "sent", b_sent)
           && referral_event(s, "eb2", "rb", ids->b, "sent", "accepted",
                             at("2026-10-03T02:00:00Z"))
           && referral(s, "ra", ids->a, "msdhs", "declined", a_sent)
           && referral_event(s, "ea1", "ra", ids->a, "", "sent", a_sent)
           && referral_event(s, "ea2", "ra", ids->a, "sent", "declined",
                             at("2025-11-05T03:00:00Z"))
           && referral(s, "rc", ids->c, "rtp", "draft", 0);
}

static bool need(store *s, const char *record, int version, bool current, bool withdrawn,
                 const char *case_id, const char *kind, const char *state, const char *at)
{
    return sql(s, "INSERT INTO needs(" VERSIONED_COLUMNS ", case_id, kind, state, created_at,"
                  " updated_at) VALUES('%s-%d', '%s', %d, %d, 'add', 0, %d, '%s', '%s', '%s',"
                  " '%s', '%s')", record, version, record, version, current, withdrawn, case_id,
               kind, state, at, at);
}

static bool add_needs(store *s, const report_fixture_ids *ids)
{
    return need(s, "nc", 1, false, false, ids->c, "medical", "identified", "2026-01-15T03:00:00Z")
           && need(s, "nc", 2, true, false, ids->c, "medical", "provided", "2026-02-01T05:00:00Z")
           && need(s, "na", 1, false, false, ids->a, "shelter", "identified",
                   "2025-10-05T03:00:00Z")
           && need(s, "na", 2, false, false, ids->a, "shelter", "unavailable",
                   "2026-03-03T03:00:00Z")
           && need(s, "na", 3, true, false, ids->a, "shelter", "provided", "2026-10-20T03:00:00Z")
           && need(s, "nf", 1, false, false, ids->c, "food", "provided", "2026-02-02T03:00:00Z")
           && need(s, "nf", 2, true, true, ids->c, "food", "provided", "2026-02-03T03:00:00Z");
}

static bool add_returns(store *s, const report_fixture_ids *ids)
{
    const char *e = ids->e;
    return sql(s, "INSERT INTO repatriations(" VERSIONED_COLUMNS ", case_id, direction, wish, state,"
                  " created_at, updated_at) VALUES('pe-1', 'pe', 1, 0, 'add', 0, 0, '%s',"
                  " 'inbound', 'yes', 'planning', " STAMP ", " STAMP ")", e)
           && sql(s, "INSERT INTO repatriations(" VERSIONED_COLUMNS ", case_id, direction, wish,"
                     " state, handed_over_at, created_at, updated_at) VALUES('pe-2', 'pe', 2, 1,"
                     " 'correct', 0, 0, '%s', 'inbound', 'yes', 'returned', '2026-06-15T20:00:00Z',"
                     " " STAMP ", " STAMP ")", e)
           && sql(s, "INSERT INTO reintegrations(" VERSIONED_COLUMNS ", case_id, start, schedule,"
                     " next_due, followups_done, created_at, updated_at) VALUES('ge-1', 'ge', 1, 1,"
                     " 'add', 0, 0, '%s', '2026-06-16', '1,3,6,12', '2026-09-16', 1, " STAMP ", "
                     STAMP ")", e)
           && sql(s, "INSERT INTO followups(" VERSIONED_COLUMNS ", case_id, plan_id, held_on,"
                     " method, risk, next_on, created_at, updated_at) VALUES('fe-1', 'fe', 1, 1,"
                     " 'add', 0, 0, '%s', 'ge', '2026-07-20', 'visit', 'low', '2026-09-16', "
                     STAMP ", " STAMP ")", e);
}

static bool close_in_error(store *s, const report_fixture_ids *ids)
{
    return sql(s, "INSERT INTO case_closures(id, case_id, action, reason, audit_seq, created_at,"
                  " updated_at) VALUES('cd', '%s', 'close', 'error', 0, " STAMP ", " STAMP ")",
               ids->d);
}

bool report_fixture_fill(store *s, report_fixture_ids *ids)
{
    memset(ids, 0, sizeof *ids);
    return add_cases(s, ids) && add_officer_and_sector(s, ids) && add_intakes(s, ids)
           && add_screening(s, ids) && add_referrals(s, ids) && add_needs(s, ids)
           && add_returns(s, ids) && close_in_error(s, ids);
}

bool report_fixture_open(tc_fixed_clock *fixed, tc_clock *clk, harness_fixture *fx,
                         report_fixture_ids *ids)
{
    *clk = harness_clock(fixed, REPORT_FIXTURE_NOW);
    if (sodium_init() < 0)
        return false;
    fx->root = harness_tempdir();
    if (!fx->root || asprintf(&fx->dir, "%s/store", fx->root) < 0)
        return false;
    return harness_store_create(fx->dir, "Somchai Admin", REPORT_FIXTURE_PASS, clk, &fx->s) == ST_OK
        && report_fixture_fill(fx->s, ids);
}
