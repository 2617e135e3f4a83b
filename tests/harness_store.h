/* harness_store.h - a real, encrypted store for the test programs that
 * need one (link with libtcdb, libtci18n and libtccore).
 *
 * Every store made here goes through the store's own API with cheap
 * Argon2id parameters (kdf_params_cheap()): the defaults stay as they are,
 * the tests just do not wait for them.  The administrator is always login
 * "admin"; the tests say only its display name. */
#ifndef TC_HARNESS_STORE_H
#define TC_HARNESS_STORE_H
#include <stdbool.h>
#include "core/agency.h"
#include "core/caserec.h"
#include "core/clock.h"
#include "core/consent.h"
#include "db/store.h"
#include "db/store_internal.h"

/* The administrator's passphrase of the test stores, and the moment the
 * store tests start at (10:00 in Bangkok, Saturday 21 November 2026). */
#define HARNESS_PASS "correct horse battery staple"
#define HARNESS_START "2026-11-21T03:00:00Z"

/* A store suite's set-up: *clk reads the fixed clock *fixed, set to start
 * (harness_clock()), and libsodium is ready.  0, or -1 when libsodium
 * cannot start (CUnit then reports the suite as not initialised). */
int harness_store_suite_init(tc_fixed_clock *fixed, tc_clock *clk, const char *start);

/* An active officer with this login, display name and role. */
tc_officer harness_officer(const char *login, const char *name, officer_role role);

/* store_create() in dir with the administrator "admin" (admin_name) and
 * pass.  Says what store_create said; *out is open as "admin" on ST_OK. */
store_status harness_store_create(const char *dir, const char *admin_name, const char *pass,
                                  const tc_clock *clock, store **out);

/* A store in a new temporary directory, open as the administrator. */
typedef struct harness_fixture {
    char *root;     /* the temporary directory, removed at close */
    char *dir;      /* the store inside it: root/store */
    store *s;
} harness_fixture;

/* Creates the fixture's store; a failure fails the running test (fatal). */
harness_fixture harness_fixture_open(const char *admin_name, const char *pass,
                                     const tc_clock *clock);
/* harness_fixture_open() as the administrator "Somchai Admin" with
 * HARNESS_PASS, the fixed clock *fixed first set to start (*clk reads it):
 * every test of a suite starts at the same moment. */
harness_fixture harness_fixture_at(tc_fixed_clock *fixed, tc_clock *clk, const char *start);
/* Closes the store, removes the directory, frees the paths. */
void harness_fixture_close(harness_fixture *f);
/* Closes the store and opens it again as login (fatal on failure). */
void harness_fixture_reopen(harness_fixture *f, const char *login, const char *pass,
                            const tc_clock *clock);

/* store_officer_add() of an active officer, cheap key derivation. */
store_status harness_officer_add(store *s, const char *login, const char *name,
                                 officer_role role, const char *pass);

/* Gives case c (stored) to the officer whose login is login, as the
 * acting officer (store_case_update; fatal on failure): a field officer
 * may then open it (core/access.h).  c is updated. */
void harness_case_assign(store *s, tc_case *c, const char *login);

/* The first column of the first row of sql (a count), or -1. */
sqlite3_int64 harness_count_rows(store *s, const char *sql);
/* True when the audit trail has action on record_id. */
bool harness_audit_has(store *s, const char *action, const char *record_id);
/* Asserts that store_check() passes and the audit chain is whole. */
void harness_check_chain(store *s);

/* A woman of age from Myanmar (name in Latin script) met on met (ISO
 * date), not stored. */
tc_case harness_case(const char *latin, int age, const char *met);
/* The same case stored with store_case_add() (fatal on failure); the copy
 * returned has its id and reference. */
tc_case harness_case_add(store *s, const char *latin, int age, const char *met);
/* harness_case() for a suite's set-up: no assertion (a typo in met aborts,
 * see harness_setup_day()). */
tc_case harness_setup_case(const char *latin, int age, const char *met);

/* A provincial shelter in Samut Sakhon (TH-74) with this code, giving
 * shelter and food, with a Thai and an English name, an abbreviation, a
 * phone number and a focal person; not stored. */
tc_agency harness_shelter_agency(const char *code);

/* The person of case_id agreed on given (ISO date), in Burmese through the
 * interpreter "Ma Thida", to purpose p (with CONSENT_REFERRAL, to agencies
 * of kind: "shelter", CONSENT_ANY_AGENCY, ...); fatal on failure. */
void harness_consent_add(store *s, const char *case_id, consent_purpose p, const char *kind,
                         const char *given);

#endif
