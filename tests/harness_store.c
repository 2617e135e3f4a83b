/* harness_store.c - the store fixture shared by the test programs (see
 * harness_store.h). */
#define _GNU_SOURCE
#include "config.h"
#include "tests/harness_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>

#include "db/keyslot.h"
#include "db/record.h"
#include "tests/harness.h"

int harness_store_suite_init(tc_fixed_clock *fixed, tc_clock *clk, const char *start)
{
    *clk = harness_clock(fixed, start);
    return sodium_init() < 0 ? -1 : 0;
}

tc_officer harness_officer(const char *login, const char *name, officer_role role)
{
    tc_officer o;
    memset(&o, 0, sizeof o);
    snprintf(o.login, sizeof o.login, "%s", login);
    snprintf(o.name, sizeof o.name, "%s", name);
    o.role = role;
    o.active = true;
    return o;
}

store_status harness_store_create(const char *dir, const char *admin_name, const char *pass,
                                  const tc_clock *clock, store **out)
{
    tc_officer admin = harness_officer("admin", admin_name, ROLE_ADMIN);
    *out = NULL;
    return store_create(dir, &admin, pass, kdf_params_cheap(), clock, out);
}

harness_fixture harness_fixture_open(const char *admin_name, const char *pass,
                                     const tc_clock *clock)
{
    harness_fixture f;
    f.root = harness_tempdir();
    if (!f.root || asprintf(&f.dir, "%s/store", f.root) < 0)
        abort();
    CU_ASSERT_EQUAL_FATAL(harness_store_create(f.dir, admin_name, pass, clock, &f.s), ST_OK);
    return f;
}

harness_fixture harness_fixture_at(tc_fixed_clock *fixed, tc_clock *clk, const char *start)
{
    *clk = harness_clock(fixed, start);
    return harness_fixture_open("Somchai Admin", HARNESS_PASS, clk);
}

void harness_fixture_close(harness_fixture *f)
{
    store_close(f->s);
    harness_rmtree(f->root);
    free(f->root);
    free(f->dir);
}

void harness_fixture_reopen(harness_fixture *f, const char *login, const char *pass,
                            const tc_clock *clock)
{
    store_close(f->s);
    f->s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(f->dir, login, pass, clock, &f->s), ST_OK);
}

store_status harness_officer_add(store *s, const char *login, const char *name,
                                 officer_role role, const char *pass)
{
    tc_officer o = harness_officer(login, name, role);
    return store_officer_add(s, &o, pass, kdf_params_cheap());
}

void harness_case_assign(store *s, tc_case *c, const char *login)
{
    tc_officer *all = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_officer_list(s, &all, &n), ST_OK);
    const tc_officer *o = NULL;
    for (size_t i = 0; i < n && !o; i++)
        if (!strcmp(all[i].login, login))
            o = &all[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    snprintf(c->assigned_officer, sizeof c->assigned_officer, "%s", o->id);
    free(all);
    CU_ASSERT_EQUAL_FATAL(store_case_update(s, c, NULL), ST_OK);
}

sqlite3_int64 harness_count_rows(store *s, const char *sql)
{
    sqlite3_stmt *q = NULL;
    sqlite3_int64 n = -1;
    if (sqlite3_prepare_v2(store_db_handle(s), sql, -1, &q, NULL) == SQLITE_OK
        && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

bool harness_audit_has(store *s, const char *action, const char *record_id)
{
    sqlite3_stmt *q = NULL;
    bool yes = false;
    if (sqlite3_prepare_v2(store_db_handle(s), "SELECT 1 FROM audit WHERE action = ?1"
                           " AND record_id = ?2", -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, action, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, record_id, -1, SQLITE_STATIC);
        yes = sqlite3_step(q) == SQLITE_ROW;
    }
    sqlite3_finalize(q);
    return yes;
}

void harness_check_chain(store *s)
{
    store_check_report r;
    CU_ASSERT_EQUAL(store_check(s, &r), ST_OK);
    CU_ASSERT_TRUE(r.audit_ok);
}

/* A woman of age from Myanmar met on met. */
static tc_case woman_met(const char *latin, int age, caldate met)
{
    tc_case c;
    case_init(&c);
    snprintf(c.name_latin, sizeof c.name_latin, "%s", latin);
    c.sex = SEX_FEMALE;
    c.estimated_age = age;
    snprintf(c.nationalities[0], sizeof c.nationalities[0], "MM");
    c.n_nationalities = 1;
    c.date_met_known = true;
    c.date_met = met;
    return c;
}

tc_case harness_case(const char *latin, int age, const char *met)
{
    return woman_met(latin, age, harness_day(met));
}

tc_case harness_setup_case(const char *latin, int age, const char *met)
{
    return woman_met(latin, age, harness_setup_day(met));
}

tc_case harness_case_add(store *s, const char *latin, int age, const char *met)
{
    tc_case c = harness_case(latin, age, met);
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    return c;
}

void harness_consent_add(store *s, const char *case_id, consent_purpose p, const char *kind,
                         const char *given)
{
    tc_consent c;
    consent_init(&c);
    snprintf(c.case_id, sizeof c.case_id, "%s", case_id);
    c.purpose = p;
    if (p == CONSENT_REFERRAL)
        snprintf(c.agency_kind, sizeof c.agency_kind, "%s", kind);
    c.agreed = true;
    c.given_on = harness_day(given);
    snprintf(c.language, sizeof c.language, "my");
    c.interpreter_used = true;
    snprintf(c.interpreter_name, sizeof c.interpreter_name, "Ma Thida");
    CU_ASSERT_EQUAL_FATAL(store_consent_add(s, &c, NULL), ST_OK);
}

tc_agency harness_shelter_agency(const char *code)
{
    tc_agency a;
    agency_init(&a);
    snprintf(a.code, sizeof a.code, "%s", code);
    a.type = AGENCY_SHELTER;
    a.level = AGENCY_PROVINCIAL;
    snprintf(a.province, sizeof a.province, "TH-74");
    snprintf(a.name_th, sizeof a.name_th, "สถานคุ้มครองและพัฒนาอาชีพ จังหวัดสมุทรสาคร");
    snprintf(a.name_en, sizeof a.name_en, "Samut Sakhon Protection and Occupational Development Centre");
    snprintf(a.abbr_th, sizeof a.abbr_th, "ศคพ.สค.");
    a.services = need_set_of(NEED_SHELTER) | need_set_of(NEED_FOOD);
    snprintf(a.phone, sizeof a.phone, "034 123 456");
    snprintf(a.focal_name, sizeof a.focal_name, "คุณมาลี");
    return a;
}
