/* test_referral_db.c - the agency directory and referrals through the
 * store (db/referrals.h), and the handover sheet (core/handover.h):
 *
 * - the shipped directory is loaded; Thai and English search; an
 *   administrator adds and edits agencies, every edit kept as a version,
 *   a retired agency refused for new referrals;
 * - the consent gate through the store, with and without an override (the
 *   override in the audit trail and the timeline), and an embassy's own
 *   purpose;
 * - every refused change writes nothing; events keep their time and
 *   officer; the case's needs move with the referral;
 * - deadlines with an injected clock across a weekend (the law's clocks do
 *   not stop); response-time settings recompute stored deadlines, also
 *   when written by the generic setting call;
 * - the dashboard's order is core's referral_dash_compare, its filters
 *   and pages agree with the whole list, and the query plans of the
 *   dashboard and the overdue count use indexes, never a scan of
 *   referrals;
 * - the handover sheet holds the reference and nothing consent does not
 *   cover, in Thai and English, within its width.
 *
 * Time comes from a fixed clock the tests move; key slots use cheap
 * Argon2id parameters. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handover.h"
#include "db/referrals.h"
#include "db/referrals_internal.h"
#include "db/store.h"
#include "db/store_internal.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define NOK_PASS "another long passphrase"
#define START "2026-11-21T03:00:00Z"    /* Saturday 10:00 in Bangkok */
#define HOUR INT64_C(3600)


static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, START);
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* ------------------------------------------------------------- helpers */

typedef harness_fixture fixture;

/* A new store, open as the administrator "Somchai Admin", at when. */
static fixture open_fixture_at(const char *when)
{
    return harness_fixture_at(&fixed, &clk, when);
}

static fixture open_fixture(void)
{
    return open_fixture_at(START);
}

static void reopen_as(fixture *f, const char *login, const char *pass)
{
    harness_fixture_reopen(f, login, pass, &clk);
}

/* Adds Nok, a social worker (no reopening). */
static void add_nok(store *s)
{
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(s, "nok", "Nok Social", ROLE_SOCIAL_WORKER,
                                              NOK_PASS), ST_OK);
}

/* Adds Nok, a social worker, and reopens as her. */
static void become_nok(fixture *f)
{
    add_nok(f->s);
    reopen_as(f, "nok", NOK_PASS);
}

/* Everything a refused call must leave alone. */
typedef struct snapshot {
    sqlite3_int64 audit, referrals, events, links, needs, overrides, changed;
} snapshot;

static snapshot snap(store *s)
{
    snapshot x = {
        harness_count_rows(s, "SELECT count(*) FROM audit"),
        harness_count_rows(s, "SELECT count(*) FROM referrals"),
        harness_count_rows(s, "SELECT count(*) FROM referral_events"),
        harness_count_rows(s, "SELECT count(*) FROM referral_needs"),
        harness_count_rows(s, "SELECT count(*) FROM needs"),
        harness_count_rows(s, "SELECT count(*) FROM consent_overrides"),
        harness_count_rows(s, "SELECT total(state_changed_at) + count(DISTINCT state)"
                              " FROM referrals"),
    };
    return x;
}

static bool same(snapshot a, snapshot b)
{
    return a.audit == b.audit && a.referrals == b.referrals && a.events == b.events
        && a.links == b.links && a.needs == b.needs && a.overrides == b.overrides
        && a.changed == b.changed;
}

/* An adult (30) or a child (15), met on 2026-11-20, who speaks Burmese. */
static tc_case add_case(store *s, const char *name, int age)
{
    tc_case c = harness_case(name, age, "2026-11-20");
    snprintf(c.languages, sizeof c.languages, "my");
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, NULL), ST_OK);
    return c;
}

static void add_shelter(store *s, const char *code)
{
    tc_agency a = harness_shelter_agency(code);
    agency_check chk;
    CU_ASSERT_EQUAL_FATAL(store_agency_add(s, &a, &chk), ST_OK);
}

/* A referral ready to send: shelter and food, with a summary. */
static tc_referral referral_to(const char *case_id, const char *agency, referral_urgency u)
{
    tc_referral r;
    referral_init(&r);
    snprintf(r.case_id, sizeof r.case_id, "%s", case_id);
    snprintf(r.agency_code, sizeof r.agency_code, "%s", agency);
    r.needs = need_set_of(NEED_SHELTER) | need_set_of(NEED_FOOD);
    r.urgency = u;
    r.channel = REFERRAL_BY_LETTER;
    snprintf(r.summary, sizeof r.summary, "Names, age and the needs; met at the port.");
    r.shared = code_set_bit(REFERRAL_SHARED_IDENTITY) | code_set_bit(REFERRAL_SHARED_NEEDS);
    return r;
}

/* A case with consent to referral to shelters, a shelter agency "sk_shelter". */
static tc_case referable_case(fixture *f)
{
    add_shelter(f->s, "sk_shelter");
    tc_case c = add_case(f->s, "Mya Mya", 30);
    harness_consent_add(f->s, c.id, CONSENT_REFERRAL, "shelter", "2026-11-20");
    return c;
}

static tc_referral send_new(store *s, const char *case_id, const char *agency,
                            referral_urgency u)
{
    tc_referral r = referral_to(case_id, agency, u);
    referral_check chk;
    CU_ASSERT_EQUAL(store_referral_add(s, &r, true, NULL, &chk, NULL), ST_OK);
    CU_ASSERT_EQUAL(chk.problem, REFERRAL_OK);
    return r;
}

static referral_state state_of(store *s, const char *id)
{
    tc_referral r;
    CU_ASSERT_EQUAL_FATAL(store_referral_get(s, id, &r), ST_OK);
    return r.state;
}

static store_status change(store *s, const char *id, referral_state to, const char *reason,
                           referral_problem *p)
{
    return store_referral_change_state(s, id, to, reason, tc_now(&clk), NULL, p, NULL);
}

/* ============================================================ agencies */

static void test_shipped_directory_loaded(void)
{
    fixture f = open_fixture();
    agency_directory *dir = NULL;
    /* The same rows as the file holds, all active, version 1 by nobody. */
    tc_agency *all = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_agency_list(f.s, NULL, true, &all, &n), ST_OK);
    sqlite3_int64 rows = harness_count_rows(f.s, "SELECT count(*) FROM agencies WHERE version = 1"
                                                 " AND is_current = 1 AND created_by IS NULL");
    CU_ASSERT_EQUAL(rows, (sqlite3_int64)n);
    CU_ASSERT_TRUE(n >= 20);
    tc_agency rtp;
    CU_ASSERT_EQUAL_FATAL(store_agency_get(f.s, "rtp", 0, &rtp), ST_OK);
    CU_ASSERT_EQUAL(rtp.type, AGENCY_POLICE);
    CU_ASSERT_STRING_EQUAL(rtp.abbr_th, "สตช.");
    CU_ASSERT_STRING_EQUAL(rtp.phone, "191");
    CU_ASSERT_TRUE(rtp.active);
    tc_agency emb;
    CU_ASSERT_EQUAL(store_agency_get(f.s, "emb_mm", 0, &emb), ST_OK);
    CU_ASSERT_EQUAL(emb.type, AGENCY_EMBASSY);
    CU_ASSERT_EQUAL(store_agency_get(f.s, "no_such", 0, &emb), ST_NOT_FOUND);
    /* The directory's order: by type. */
    for (size_t i = 1; i < n; i++)
        CU_ASSERT_TRUE(all[i - 1].type <= all[i].type);
    free(all);
    agency_directory_free(dir);
    harness_fixture_close(&f);
}

static void test_agency_search_thai_english(void)
{
    fixture f = open_fixture();
    add_shelter(f.s, "sk_shelter");
    static const struct { const char *term; const char *must; const char *must_not; } rows[] = {
        { "สตช", "rtp", "msdhs" },              /* Thai abbreviation without its dot */
        { "สตช.", "rtp", "msdhs" },
        { "RTP", "rtp", "dsi" },                /* English abbreviation, any case */
        { "royal thai police", "rtp", "msdhs" },
        { "ตำรวจ", "rtp", "msdhs" },             /* a word of the Thai name */
        { "พม", "msdhs", "rtp" },
        { "บกปคม", "rtp_atpd", "rtp" },           /* "บก.ปคม." without dots */
        { "Myanmar", "emb_mm", "emb_kh" },
        { "สมุทรสาคร", "sk_shelter", "rtp" },
        { "ศคพ", "sk_shelter", "msdhs" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_agency *found = NULL;
        size_t n = 0;
        CU_ASSERT_EQUAL_FATAL(store_agency_list(f.s, rows[i].term, false, &found, &n), ST_OK);
        bool has = false, has_not = false;
        for (size_t k = 0; k < n; k++) {
            has |= strcmp(found[k].code, rows[i].must) == 0;
            has_not |= strcmp(found[k].code, rows[i].must_not) == 0;
        }
        CHECK_ROW(has && !has_not, rows[i].term);
        free(found);
    }
    /* A blank term lists every active agency. */
    tc_agency *all = NULL;
    size_t n_all = 0, n_blank = 0;
    tc_agency *blank = NULL;
    CU_ASSERT_EQUAL(store_agency_list(f.s, NULL, false, &all, &n_all), ST_OK);
    CU_ASSERT_EQUAL(store_agency_list(f.s, "  ", false, &blank, &n_blank), ST_OK);
    CU_ASSERT_EQUAL(n_all, n_blank);
    free(all);
    free(blank);
    /* Nothing matches: an empty list. */
    tc_agency *none = NULL;
    size_t n_none = 9;
    CU_ASSERT_EQUAL(store_agency_list(f.s, "zzzz no such", false, &none, &n_none), ST_OK);
    CU_ASSERT_EQUAL(n_none, 0);
    CU_ASSERT_PTR_NULL(none);
    harness_fixture_close(&f);
}

static void test_agency_add_refusals_write_nothing(void)
{
    fixture f = open_fixture();
    agency_check chk;
    tc_agency a = harness_shelter_agency("sk_shelter");
    CU_ASSERT_EQUAL(store_agency_add(f.s, &a, &chk), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "agency.add", a.id));
    snapshot before = snap(f.s);
    sqlite3_int64 agencies = harness_count_rows(f.s, "SELECT count(*) FROM agencies");
    /* The same code again, even with other names. */
    tc_agency again = harness_shelter_agency("sk_shelter");
    snprintf(again.name_en, sizeof again.name_en, "Another shelter");
    CU_ASSERT_EQUAL(store_agency_add(f.s, &again, &chk), ST_DUPLICATE);
    /* Core's validation. */
    tc_agency bad = harness_shelter_agency("sk_other");
    bad.province[0] = '\0';
    CU_ASSERT_EQUAL(store_agency_add(f.s, &bad, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, AGENCY_PROVINCE_MISSING);
    CU_ASSERT_STRING_EQUAL(chk.field, "province");
    bad = harness_shelter_agency("sk_other");
    snprintf(bad.name_en, sizeof bad.name_en, "ศูนย์");
    CU_ASSERT_EQUAL(store_agency_add(f.s, &bad, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, AGENCY_NAME_EN_HAS_THAI);
    bad = harness_shelter_agency("Bad Code");
    CU_ASSERT_EQUAL(store_agency_add(f.s, &bad, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, AGENCY_CODE_BAD);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM agencies"), agencies);
    /* Only an administrator keeps the directory. */
    become_nok(&f);
    before = snap(f.s);
    tc_agency mine = harness_shelter_agency("nok_shelter");
    CU_ASSERT_EQUAL(store_agency_add(f.s, &mine, &chk), ST_DENIED);
    CU_ASSERT_EQUAL(store_agency_edit(f.s, &a, NULL, &chk), ST_DENIED);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    harness_fixture_close(&f);
}

static void test_agency_edit_keeps_history(void)
{
    fixture f = open_fixture();
    add_shelter(f.s, "sk_shelter");
    tc_agency a;
    CU_ASSERT_EQUAL_FATAL(store_agency_get(f.s, "sk_shelter", 0, &a), ST_OK);
    char first_id[TC_ID_LEN];
    memcpy(first_id, a.id, sizeof first_id);
    fixed.at += HOUR;
    snprintf(a.phone, sizeof a.phone, "034 999 000");
    snprintf(a.focal_name, sizeof a.focal_name, "คุณสมศรี");
    agency_check chk;
    CU_ASSERT_EQUAL(store_agency_edit(f.s, &a, "new focal person", &chk), ST_OK);
    CU_ASSERT_STRING_EQUAL(a.id, first_id);        /* the same agency */
    /* Now: the new content.  Version 1: the old, still readable. */
    tc_agency now, old;
    CU_ASSERT_EQUAL(store_agency_get(f.s, "sk_shelter", 0, &now), ST_OK);
    CU_ASSERT_STRING_EQUAL(now.phone, "034 999 000");
    CU_ASSERT_EQUAL(store_agency_get(f.s, "sk_shelter", 1, &old), ST_OK);
    CU_ASSERT_STRING_EQUAL(old.phone, "034 123 456");
    CU_ASSERT_STRING_EQUAL(old.focal_name, "คุณมาลี");
    CU_ASSERT_EQUAL(store_agency_get(f.s, "sk_shelter", 3, &old), ST_NOT_FOUND);
    /* A bad edit writes nothing. */
    snapshot before = snap(f.s);
    tc_agency bad = now;
    snprintf(bad.email, sizeof bad.email, "not an address");
    CU_ASSERT_EQUAL(store_agency_edit(f.s, &bad, NULL, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, AGENCY_EMAIL_BAD);
    tc_agency unknown = harness_shelter_agency("no_such_agency");
    CU_ASSERT_EQUAL(store_agency_edit(f.s, &unknown, NULL, &chk), ST_NOT_FOUND);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    /* Retiring is an edit too; it leaves the list but not the store. */
    fixed.at += HOUR;
    now.active = false;
    CU_ASSERT_EQUAL(store_agency_edit(f.s, &now, "closed down", &chk), ST_OK);
    record_version *v = NULL;
    size_t nv = 0;
    CU_ASSERT_EQUAL_FATAL(store_agency_versions(f.s, "sk_shelter", &v, &nv), ST_OK);
    CU_ASSERT_EQUAL_FATAL(nv, 3);
    CU_ASSERT_STRING_EQUAL(v[0].change, "add");
    CU_ASSERT_STRING_EQUAL(v[1].change, "edit");
    CU_ASSERT_STRING_EQUAL(v[1].reason, "new focal person");
    CU_ASSERT_STRING_EQUAL(v[2].reason, "closed down");
    CU_ASSERT_STRING_EQUAL(v[2].officer_name, "Somchai Admin");
    CU_ASSERT_EQUAL(v[2].at, v[1].at + HOUR);
    free(v);
    tc_agency *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_agency_list(f.s, "สมุทรสาคร", false, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(list);
    CU_ASSERT_EQUAL(store_agency_list(f.s, "สมุทรสาคร", true, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    free(list);
    /* A retired agency takes no new referral. */
    tc_case c = add_case(f.s, "Mya Mya", 30);
    tc_referral r = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
    referral_check rc;
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, false, NULL, &rc, NULL), ST_INVALID);
    CU_ASSERT_EQUAL(rc.problem, REFERRAL_AGENCY_INACTIVE);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* ======================================================= consent gate */

static void test_consent_gate_without_override(void)
{
    fixture f = open_fixture();
    add_shelter(f.s, "sk_shelter");
    tc_case c = add_case(f.s, "Mya Mya", 30);
    snapshot before = snap(f.s);
    tc_referral r = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
    referral_check chk;
    referral_gate g;
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, true, NULL, &chk, &g), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REFERRAL_CONSENT_NOT_PERMITTED);
    CU_ASSERT_EQUAL(g.count, 1);
    CU_ASSERT_EQUAL(g.purposes[0], CONSENT_REFERRAL);
    CU_ASSERT_EQUAL(g.covers[0], CONSENT_NOT_COVERED);
    CU_ASSERT_FALSE(g.permitted);
    /* Not a draft, not a need, not an audit row. */
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    /* A blank reason is no override. */
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, true, "   ", &chk, &g), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REFERRAL_CONSENT_NOT_PERMITTED);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    /* A draft needs no consent; sending it does. */
    CU_ASSERT_EQUAL_FATAL(store_referral_add(f.s, &r, false, NULL, &chk, NULL), ST_OK);
    CU_ASSERT_EQUAL(r.state, REFERRAL_DRAFT);
    before = snap(f.s);
    referral_problem p;
    CU_ASSERT_EQUAL(change(f.s, r.id, REFERRAL_SENT, NULL, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, REFERRAL_CONSENT_NOT_PERMITTED);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    /* Once the person consents, it goes. */
    harness_consent_add(f.s, c.id, CONSENT_REFERRAL, "shelter", "2026-11-21");
    CU_ASSERT_EQUAL(store_referral_gate(f.s, c.id, "sk_shelter", tc_now(&clk), NULL, &g), ST_OK);
    CU_ASSERT_TRUE(g.covered && g.permitted && !g.overridden);
    CU_ASSERT_EQUAL(change(f.s, r.id, REFERRAL_SENT, NULL, &p), ST_OK);
    tc_referral got;
    CU_ASSERT_EQUAL(store_referral_get(f.s, r.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.state, REFERRAL_SENT);
    CU_ASSERT_FALSE(got.consent_overridden);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM consent_overrides"), 0);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

static void test_consent_gate_with_override_audited(void)
{
    fixture f = open_fixture();
    add_shelter(f.s, "sk_shelter");
    tc_case child = add_case(f.s, "Little Aye", 15);
    tc_referral r = referral_to(child.id, "sk_shelter", REFERRAL_EMERGENCY);
    referral_check chk;
    referral_gate g;
    const char *why = "child in danger at the workplace tonight";
    CU_ASSERT_EQUAL_FATAL(store_referral_add(f.s, &r, true, why, &chk, &g), ST_OK);
    CU_ASSERT_TRUE(g.overridden && g.permitted && !g.covered);
    CU_ASSERT_EQUAL(r.state, REFERRAL_SENT);
    CU_ASSERT_TRUE(r.consent_overridden);
    CU_ASSERT_STRING_EQUAL(r.override_reason, why);
    /* The override: its own row, related to the referral, in the audit
     * trail and on the timeline. */
    consent_override_row *o = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_consent_overrides(f.s, child.id, &o, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(o[0].override.purpose, CONSENT_REFERRAL);
    CU_ASSERT_STRING_EQUAL(o[0].override.agency_kind, "shelter");
    CU_ASSERT_STRING_EQUAL(o[0].override.reason, why);
    CU_ASSERT_STRING_EQUAL(o[0].action, "referral_send");
    CU_ASSERT_STRING_EQUAL(o[0].related_id, r.id);
    CU_ASSERT_STRING_EQUAL(o[0].officer_name, "Somchai Admin");
    CU_ASSERT_TRUE(harness_audit_has(f.s, "consent.override", o[0].id));
    free(o);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "referral.add", r.id));
    CU_ASSERT_TRUE(harness_audit_has(f.s, "referral.state", r.id));
    timeline_event *ev = NULL;
    size_t ne = 0;
    CU_ASSERT_EQUAL_FATAL(store_timeline(f.s, child.id, &ev, &ne), ST_OK);
    bool override_shown = false, made = false, changed = false;
    for (size_t i = 0; i < ne; i++) {
        override_shown |= ev[i].kind == TL_CONSENT_OVERRIDE;
        made |= ev[i].kind == TL_REFERRAL_MADE && strcmp(ev[i].record_id, r.id) == 0;
        changed |= ev[i].kind == TL_REFERRAL_CHANGED
                   && strcmp(ev[i].subject, referral_state_label(REFERRAL_SENT)) == 0;
    }
    CU_ASSERT_TRUE(override_shown && made && changed);
    free(ev);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* An embassy needs consent to share with it, beyond "referral to any
 * agency": the override then covers that purpose only. */
static void test_consent_gate_embassy(void)
{
    fixture f = open_fixture();
    tc_case c = add_case(f.s, "Mya Mya", 30);
    harness_consent_add(f.s, c.id, CONSENT_REFERRAL, CONSENT_ANY_AGENCY, "2026-11-20");
    referral_gate g;
    CU_ASSERT_EQUAL(store_referral_gate(f.s, c.id, "emb_mm", tc_now(&clk), NULL, &g), ST_OK);
    CU_ASSERT_EQUAL(g.count, 2);
    CU_ASSERT_EQUAL(g.covers[0], CONSENT_COVERED);
    CU_ASSERT_EQUAL(g.purposes[1], CONSENT_SHARE_EMBASSY);
    CU_ASSERT_EQUAL(g.covers[1], CONSENT_NOT_COVERED);
    CU_ASSERT_FALSE(g.permitted);
    CU_ASSERT_EQUAL(store_referral_gate(f.s, c.id, "no_such", tc_now(&clk), NULL, &g),
                    ST_NOT_FOUND);
    tc_referral r = referral_to(c.id, "emb_mm", REFERRAL_ROUTINE);
    r.needs = need_set_of(NEED_CONSULAR);
    referral_check chk;
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, true, "travel document needed for the "
                                       "court date", &chk, &g), ST_OK);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM consent_overrides"
                                            " WHERE purpose = 'share_embassy'"), 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM consent_overrides"), 1);
    harness_fixture_close(&f);
}

/* ========================================================== transitions */

/* Brings a sent referral to state `to` along the table. */
static void walk_to(store *s, const char *id, referral_state to)
{
    static const referral_state path_accept[] = { REFERRAL_ACKNOWLEDGED, REFERRAL_ACCEPTED,
                                                  REFERRAL_IN_SERVICE, REFERRAL_COMPLETED };
    if (to == REFERRAL_DRAFT || to == REFERRAL_SENT)
        return;
    if (to == REFERRAL_CLOSED || to == REFERRAL_WITHDRAWN) {
        CU_ASSERT_EQUAL(change(s, id, to, "the person moved away", NULL), ST_OK);
        return;
    }
    if (to == REFERRAL_DECLINED) {
        CU_ASSERT_EQUAL(change(s, id, REFERRAL_ACKNOWLEDGED, NULL, NULL), ST_OK);
        CU_ASSERT_EQUAL(change(s, id, REFERRAL_DECLINED, "no place for a man", NULL), ST_OK);
        return;
    }
    for (size_t i = 0; i < COUNT(path_accept); i++) {
        CU_ASSERT_EQUAL(change(s, id, path_accept[i], NULL, NULL), ST_OK);
        if (path_accept[i] == to)
            return;
    }
}

static void test_every_refused_transition_writes_nothing(void)
{
    fixture f = open_fixture();
    tc_case c = referable_case(&f);
    for (int from = 0; from < REFERRAL_STATE_COUNT; from++) {
        tc_referral r = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
        referral_check chk;
        CU_ASSERT_EQUAL_FATAL(store_referral_add(f.s, &r, from != REFERRAL_DRAFT, NULL, &chk,
                                                 NULL), ST_OK);
        walk_to(f.s, r.id, (referral_state)from);
        CU_ASSERT_EQUAL_FATAL(state_of(f.s, r.id), (referral_state)from);
        for (int to = 0; to < REFERRAL_STATE_COUNT; to++) {
            if (referral_transition_allowed((referral_state)from, (referral_state)to))
                continue;
            snapshot before = snap(f.s);
            referral_problem p = REFERRAL_OK;
            store_status st = change(f.s, r.id, (referral_state)to, "a reason", &p);
            char name[64];
            snprintf(name, sizeof name, "%s -> %s", referral_state_code((referral_state)from),
                     referral_state_code((referral_state)to));
            CHECK_ROW(st == ST_INVALID, name);
            CHECK_ROW(p == (from == to ? REFERRAL_SAME_STATE : REFERRAL_TRANSITION_REFUSED),
                      name);
            CHECK_ROW(same(before, snap(f.s)), name);
        }
    }
    /* Allowed moves refused for their reason write nothing either. */
    tc_referral r = send_new(f.s, c.id, "sk_shelter", REFERRAL_URGENT);
    snapshot before = snap(f.s);
    referral_problem p;
    CU_ASSERT_EQUAL(change(f.s, r.id, REFERRAL_CLOSED, NULL, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, REFERRAL_REASON_MISSING);
    CU_ASSERT_EQUAL(change(f.s, r.id, REFERRAL_WITHDRAWN, "  ", &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, REFERRAL_REASON_MISSING);
    CU_ASSERT_EQUAL(change(f.s, "no-such-referral-id", REFERRAL_CLOSED, "x", &p), ST_NOT_FOUND);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    /* Core's message names the allowed states. */
    char msg[REFERRAL_MESSAGE_MAX];
    referral_transition_message(REFERRAL_SENT, REFERRAL_ACCEPTED, NULL, msg, sizeof msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "Acknowledged"));
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

static void test_events_keep_time_and_officer(void)
{
    fixture f = open_fixture();
    tc_case c = referable_case(&f);
    tc_referral r = send_new(f.s, c.id, "sk_shelter", REFERRAL_URGENT);
    int64_t sent = tc_now(&clk);
    add_nok(f.s);
    harness_case_assign(f.s, &c, "nok");    /* her case, so she records the call */
    reopen_as(&f, "nok", NOK_PASS);
    /* The agency telephoned at 15:00; Nok records it at 18:00. */
    fixed.at += 8 * HOUR;
    int64_t phoned = sent + 5 * HOUR;
    referral_problem p;
    CU_ASSERT_EQUAL(store_referral_change_state(f.s, r.id, REFERRAL_ACKNOWLEDGED, "by phone",
                                                phoned, NULL, &p, NULL), ST_OK);
    /* Not before the last change, not in the future. */
    snapshot before = snap(f.s);
    CU_ASSERT_EQUAL(store_referral_change_state(f.s, r.id, REFERRAL_ACCEPTED, NULL, phoned - 1,
                                                NULL, &p, NULL), ST_INVALID);
    CU_ASSERT_EQUAL(p, REFERRAL_TIME_BEFORE_LAST);
    CU_ASSERT_EQUAL(store_referral_change_state(f.s, r.id, REFERRAL_ACCEPTED, NULL,
                                                tc_now(&clk) + 2 * HOUR, NULL, &p, NULL),
                    ST_INVALID);
    CU_ASSERT_EQUAL(p, REFERRAL_TIME_IN_FUTURE);
    CU_ASSERT_STRING_NOT_EQUAL(store_referral_problem_text(p), referral_problem_text(p));
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    referral_event_row *ev = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_referral_events(f.s, r.id, &ev, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_TRUE(ev[0].created);
    CU_ASSERT_EQUAL(ev[0].event.to, REFERRAL_DRAFT);
    CU_ASSERT_EQUAL(ev[0].event.at, sent);
    CU_ASSERT_STRING_EQUAL(ev[0].officer_name, "Somchai Admin");
    CU_ASSERT_FALSE(ev[1].created);
    CU_ASSERT_EQUAL(ev[1].event.from, REFERRAL_DRAFT);
    CU_ASSERT_EQUAL(ev[1].event.to, REFERRAL_SENT);
    CU_ASSERT_EQUAL(ev[1].event.at, sent);
    CU_ASSERT_EQUAL(ev[2].event.from, REFERRAL_SENT);
    CU_ASSERT_EQUAL(ev[2].event.to, REFERRAL_ACKNOWLEDGED);
    CU_ASSERT_EQUAL(ev[2].event.at, phoned);
    CU_ASSERT_STRING_EQUAL(ev[2].event.note, "by phone");
    CU_ASSERT_STRING_EQUAL(ev[2].officer_name, "Nok Social");
    CU_ASSERT_STRING_EQUAL(ev[2].event.officer_id, store_me(f.s)->id);
    free(ev);
    tc_referral got;
    CU_ASSERT_EQUAL(store_referral_get(f.s, r.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.acknowledged_at, phoned);
    CU_ASSERT_EQUAL(got.state_changed_at, phoned);
    CU_ASSERT_STRING_EQUAL(got.updated_by, store_me(f.s)->id);
    CU_ASSERT_STRING_EQUAL(got.officer_id, got.created_by);   /* still the referrer */
    harness_fixture_close(&f);
}

static void test_needs_linked_and_moved(void)
{
    fixture f = open_fixture();
    tc_case c = referable_case(&f);
    /* The case has a shelter need already; food is not recorded yet. */
    tc_need shelter;
    need_init(&shelter);
    snprintf(shelter.case_id, sizeof shelter.case_id, "%s", c.id);
    shelter.kind = NEED_SHELTER;
    shelter.urgent = true;
    CU_ASSERT_EQUAL_FATAL(store_need_add(f.s, &shelter, NULL), ST_OK);
    tc_referral r = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
    referral_check chk;
    CU_ASSERT_EQUAL_FATAL(store_referral_add(f.s, &r, false, NULL, &chk, NULL), ST_OK);
    tc_need *linked = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_referral_needs(f.s, r.id, &linked, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(linked[0].kind, NEED_FOOD);         /* in kind order */
    CU_ASSERT_EQUAL(linked[1].kind, NEED_SHELTER);
    CU_ASSERT_STRING_EQUAL(linked[1].id, shelter.id);   /* the stored need */
    CU_ASSERT_EQUAL(linked[0].state, NEED_IDENTIFIED);  /* recorded for it */
    free(linked);
    /* A draft leaves needs as they are; sending refers them. */
    static const struct { referral_state to; need_state want; } steps[] = {
        { REFERRAL_SENT, NEED_REFERRED }, { REFERRAL_ACKNOWLEDGED, NEED_REFERRED },
        { REFERRAL_ACCEPTED, NEED_REFERRED }, { REFERRAL_IN_SERVICE, NEED_IN_PROGRESS },
        { REFERRAL_COMPLETED, NEED_PROVIDED },
    };
    for (size_t i = 0; i < COUNT(steps); i++) {
        CU_ASSERT_EQUAL(change(f.s, r.id, steps[i].to, NULL, NULL), ST_OK);
        CU_ASSERT_EQUAL_FATAL(store_referral_needs(f.s, r.id, &linked, &n), ST_OK);
        CHECK_ROW(n == 2 && linked[0].state == steps[i].want && linked[1].state == steps[i].want,
                  referral_state_code(steps[i].to));
        free(linked);
    }
    /* A need the officer already moved further is left alone; a provided
     * need is not linked again: a new one is recorded. */
    tc_referral again = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
    again.needs = need_set_of(NEED_SHELTER);
    CU_ASSERT_EQUAL_FATAL(store_referral_add(f.s, &again, true, NULL, &chk, NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(store_referral_needs(f.s, again.id, &linked, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_NOT_EQUAL(linked[0].id, shelter.id);
    CU_ASSERT_EQUAL(linked[0].state, NEED_REFERRED);
    CU_ASSERT_EQUAL(store_need_change_state(f.s, linked[0].id, NEED_IN_PROGRESS, NULL, NULL), ST_OK);
    CU_ASSERT_EQUAL(change(f.s, again.id, REFERRAL_ACKNOWLEDGED, NULL, NULL), ST_OK);
    tc_need nd;
    CU_ASSERT_EQUAL(store_need_get(f.s, linked[0].id, 0, &nd), ST_OK);
    CU_ASSERT_EQUAL(nd.state, NEED_IN_PROGRESS);
    free(linked);
    /* A declined referral leaves them where they are. */
    CU_ASSERT_EQUAL(change(f.s, again.id, REFERRAL_DECLINED, "full", NULL), ST_OK);
    CU_ASSERT_EQUAL(store_need_get(f.s, nd.id, 0, &nd), ST_OK);
    CU_ASSERT_EQUAL(nd.state, NEED_IN_PROGRESS);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* ============================================================ deadlines */

/* Sent on Friday at 17:00 in Bangkok: the urgent 72 hours end on Monday
 * at 17:00, the weekend included; the emergency 24 on Saturday. */
static void test_overdue_across_weekend(void)
{
    fixture f = open_fixture_at("2026-11-20T10:00:00Z");
    tc_case c = referable_case(&f);
    tc_referral urgent = send_new(f.s, c.id, "sk_shelter", REFERRAL_URGENT);
    tc_referral emergency = send_new(f.s, c.id, "sk_shelter", REFERRAL_EMERGENCY);
    tc_referral draft = referral_to(c.id, "sk_shelter", REFERRAL_EMERGENCY);
    referral_check chk;
    CU_ASSERT_EQUAL(store_referral_add(f.s, &draft, false, NULL, &chk, NULL), ST_OK);
    static const struct { const char *now; size_t overdue; } rows[] = {
        { "2026-11-20T10:00:00Z", 0 },
        { "2026-11-21T09:59:59Z", 0 },      /* Saturday 16:59 */
        { "2026-11-21T10:00:00Z", 1 },      /* Saturday 17:00: the emergency one */
        { "2026-11-23T09:59:59Z", 1 },      /* Monday 16:59 */
        { "2026-11-23T10:00:00Z", 2 },      /* Monday 17:00: the urgent one too */
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        size_t n = 99, open = 0, overdue = 0;
        CU_ASSERT_EQUAL(store_referral_count_overdue(f.s, harness_at(rows[i].now), &n), ST_OK);
        CHECK_ROW(n == rows[i].overdue, rows[i].now);
        CU_ASSERT_EQUAL(store_referral_dashboard_count(f.s, NULL, harness_at(rows[i].now), &open,
                                                       &overdue), ST_OK);
        CHECK_ROW(open == 3 && overdue == rows[i].overdue, rows[i].now);
    }
    referral_row row[3];
    size_t n = 0;
    CU_ASSERT_EQUAL(store_referral_dashboard(f.s, NULL, harness_at("2026-11-23T10:00:00Z"), 0, row, 3,
                                             &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(row[0].id, emergency.id);
    CU_ASSERT_TRUE(row[0].overdue);
    CU_ASSERT_EQUAL(row[0].due, harness_at("2026-11-21T10:00:00Z"));
    CU_ASSERT_STRING_EQUAL(row[1].id, urgent.id);
    CU_ASSERT_EQUAL(row[1].wait, REFERRAL_WAIT_ACK);
    CU_ASSERT_STRING_EQUAL(row[2].id, draft.id);
    CU_ASSERT_FALSE(row[2].overdue);
    CU_ASSERT_STRING_EQUAL(row[0].reference, c.reference);
    CU_ASSERT_STRING_EQUAL(row[0].name, "Mya Mya");
    CU_ASSERT_STRING_EQUAL(row[0].agency_abbr_th, "ศคพ.สค.");
    CU_ASSERT_STRING_EQUAL(row[0].agency_abbr_en,
                           "Samut Sakhon Protection and Occupational Development Centre");
    CU_ASSERT_STRING_EQUAL(row[0].officer_name, "Somchai Admin");
    /* Acknowledged on Monday at 18:00: waiting for the decision, 72 hours
     * from when the acknowledgement was due (it came late). */
    fixed.at = harness_at("2026-11-23T11:00:00Z");
    CU_ASSERT_EQUAL(change(f.s, urgent.id, REFERRAL_ACKNOWLEDGED, NULL, NULL), ST_OK);
    CU_ASSERT_EQUAL(store_referral_count_overdue(f.s, tc_now(&clk), &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(store_referral_dashboard(f.s, NULL, tc_now(&clk), 0, row, 3, &n), ST_OK);
    CU_ASSERT_STRING_EQUAL(row[1].id, urgent.id);
    CU_ASSERT_EQUAL(row[1].wait, REFERRAL_WAIT_DECISION);
    CU_ASSERT_EQUAL(row[1].due, harness_at("2026-11-26T10:00:00Z"));
    harness_fixture_close(&f);
}

static void test_settings_recompute_deadlines(void)
{
    fixture f = open_fixture();
    tc_case c = referable_case(&f);
    int64_t sent = tc_now(&clk);
    tc_referral r = send_new(f.s, c.id, "sk_shelter", REFERRAL_ROUTINE);
    referral_settings rs;
    CU_ASSERT_EQUAL(store_referral_settings(f.s, &rs), ST_OK);
    CU_ASSERT_EQUAL(rs.ack_hours[REFERRAL_ROUTINE], 14 * 24);
    size_t n = 0;
    CU_ASSERT_EQUAL(store_referral_count_overdue(f.s, sent + 48 * HOUR, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    /* Routine answers within two days now. */
    rs.ack_hours[REFERRAL_ROUTINE] = 48;
    referral_problem p;
    CU_ASSERT_EQUAL(store_referral_settings_set(f.s, &rs, &p), ST_OK);
    CU_ASSERT_EQUAL(store_referral_count_overdue(f.s, sent + 48 * HOUR, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"
                                            " WHERE action = 'setting.set'"
                                            " AND record_id IN (SELECT id FROM settings WHERE key"
                                            " LIKE 'referral.%')"), 6);
    /* Out of range: refused, nothing written. */
    snapshot before = snap(f.s);
    referral_settings bad = rs;
    bad.decision_hours[REFERRAL_URGENT] = 0;
    CU_ASSERT_EQUAL(store_referral_settings_set(f.s, &bad, &p), ST_INVALID);
    CU_ASSERT_EQUAL(p, REFERRAL_SETTING_OUT_OF_RANGE);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    /* Written by the generic call: the stored deadlines follow. */
    CU_ASSERT_EQUAL(store_setting_set(f.s, "referral.ack_hours.routine", "72"), ST_OK);
    CU_ASSERT_EQUAL(store_referral_count_overdue(f.s, sent + 48 * HOUR, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(store_referral_count_overdue(f.s, sent + 72 * HOUR, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    /* A value that fails the rules is never used: the defaults are. */
    CU_ASSERT_EQUAL(store_setting_set(f.s, "referral.ack_hours.routine", "-5"), ST_OK);
    CU_ASSERT_EQUAL(store_referral_settings(f.s, &rs), ST_OK);
    CU_ASSERT_EQUAL(rs.ack_hours[REFERRAL_ROUTINE], 14 * 24);
    CU_ASSERT_TRUE(store_referral_setting_key("referral.decision_hours.emergency"));
    CU_ASSERT_FALSE(store_referral_setting_key("referral.decision_hours"));
    /* Only an administrator or a supervisor sets them. */
    become_nok(&f);
    CU_ASSERT_EQUAL(store_referral_settings_set(f.s, &rs, &p), ST_DENIED);
    (void)r;
    harness_fixture_close(&f);
}

/* ============================================================ dashboard */

/* The order core gives the referrals of rows[0..n), at now. */
static bool in_core_order(store *s, const referral_row *rows, size_t n, int64_t now)
{
    referral_settings rs;
    store_referral_settings(s, &rs);
    bool ok = true;
    referral_dash_entry prev;
    for (size_t i = 0; i < n; i++) {
        tc_referral r;
        if (store_referral_get(s, rows[i].id, &r) != ST_OK)
            return false;
        referral_dash_entry e = referral_dash_entry_make(&r, &rs, now, i);
        if (i > 0 && referral_dash_compare(&prev, &e) > 0) {
            printf("\n    out of order at %zu\n", i);
            ok = false;
        }
        prev = e;
    }
    return ok;
}

typedef struct dash_fixture {
    fixture f;
    tc_case cases[4];
    char nok_id[TC_ID_LEN];
    char admin_id[TC_ID_LEN];
} dash_fixture;

/* Thirty referrals of mixed urgency, state, agency and officer, made over
 * ten days; some are final. */
static void fill_dashboard(dash_fixture *d)
{
    d->f = open_fixture_at("2026-11-21T03:00:00Z");
    store *s = d->f.s;
    add_shelter(s, "sk_shelter");
    snprintf(d->admin_id, sizeof d->admin_id, "%s", store_me(s)->id);
    add_nok(s);
    tc_officer got;
    CU_ASSERT_EQUAL_FATAL(store_officer_by_login(s, "nok", &got), ST_OK);
    snprintf(d->nok_id, sizeof d->nok_id, "%s", got.id);
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "Person %d", i);
        d->cases[i] = add_case(s, name, 30);
        harness_consent_add(s, d->cases[i].id, CONSENT_REFERRAL, CONSENT_ANY_AGENCY, "2026-11-10");
    }
    static const char *const agencies[] = { "sk_shelter", "rtp", "dlpw" };
    for (int i = 0; i < 30; i++) {
        fixed.at += 7 * HOUR + (i % 5) * 600;
        tc_referral r = referral_to(d->cases[i % 4].id, agencies[i % 3],
                                    (referral_urgency)(i % REFERRAL_URGENCY_COUNT));
        if (i % 2)
            snprintf(r.officer_id, sizeof r.officer_id, "%s", d->nok_id);
        referral_check chk;
        CU_ASSERT_EQUAL_FATAL(store_referral_add(s, &r, i % 7 != 0, NULL, &chk, NULL), ST_OK);
        if (i % 7 == 0)
            continue;                                   /* drafts */
        if (i % 5 == 1)
            CU_ASSERT_EQUAL(change(s, r.id, REFERRAL_ACKNOWLEDGED, NULL, NULL), ST_OK);
        if (i % 10 == 1)
            CU_ASSERT_EQUAL(change(s, r.id, REFERRAL_ACCEPTED, NULL, NULL), ST_OK);
        if (i % 11 == 3)
            CU_ASSERT_EQUAL(change(s, r.id, REFERRAL_CLOSED, "no answer", NULL), ST_OK);
    }
}

static size_t whole_list(store *s, const referral_filter *f, int64_t now, referral_row *rows,
                         size_t cap)
{
    size_t n = 0;
    CU_ASSERT_EQUAL(store_referral_dashboard(s, f, now, 0, rows, cap, &n), ST_OK);
    return n;
}

static void test_dashboard_order_filters_pages(void)
{
    dash_fixture d;
    fill_dashboard(&d);
    store *s = d.f.s;
    int64_t now = tc_now(&clk);
    enum { CAP = 64 };
    referral_row all[CAP], part[CAP];
    size_t n = whole_list(s, NULL, now, all, CAP);
    size_t open = 0, overdue = 0;
    CU_ASSERT_EQUAL(store_referral_dashboard_count(s, NULL, now, &open, &overdue), ST_OK);
    CU_ASSERT_EQUAL(n, open);
    CU_ASSERT_EQUAL(harness_count_rows(s, "SELECT count(*) FROM referrals WHERE is_open = 1"),
                    (sqlite3_int64)open);
    CU_ASSERT_TRUE(overdue > 0 && overdue < open);
    CU_ASSERT_TRUE(in_core_order(s, all, n, now));
    for (size_t i = 0; i < n; i++)
        CU_ASSERT_EQUAL(all[i].overdue, i < overdue);
    /* Every page of every size is the same slice of the whole list. */
    for (size_t size = 1; size <= 7; size += 3)
        for (size_t off = 0; off < n + 2; off += size) {
            size_t k = 0;
            CU_ASSERT_EQUAL(store_referral_dashboard(s, NULL, now, off, part, size, &k), ST_OK);
            size_t want = off >= n ? 0 : (n - off < size ? n - off : size);
            CU_ASSERT_EQUAL(k, want);
            for (size_t i = 0; i < k && i < want; i++)
                CU_ASSERT_STRING_EQUAL(part[i].id, all[off + i].id);
        }
    /* Each filter keeps exactly the rows of the whole list that pass it,
     * in the same order. */
    referral_filter filters[] = {
        { "rtp", NULL, false, REFERRAL_DRAFT, false },
        { NULL, d.nok_id, false, REFERRAL_DRAFT, false },
        { NULL, NULL, true, REFERRAL_ACKNOWLEDGED, false },
        { NULL, NULL, true, REFERRAL_DRAFT, false },
        { NULL, NULL, false, REFERRAL_DRAFT, true },
        { "sk_shelter", d.admin_id, true, REFERRAL_SENT, false },
        { NULL, NULL, true, REFERRAL_CLOSED, false },
    };
    for (size_t fi = 0; fi < COUNT(filters); fi++) {
        const referral_filter *fl = &filters[fi];
        size_t k = whole_list(s, fl, now, part, CAP), j = 0;
        for (size_t i = 0; i < n; i++) {
            bool pass = (!fl->agency_code || !strcmp(all[i].agency_code, fl->agency_code))
                     && (!fl->officer_id || !strcmp(all[i].officer_id, fl->officer_id))
                     && (!fl->by_state || all[i].state == fl->state)
                     && (!fl->overdue_only || all[i].overdue);
            if (!pass)
                continue;
            char name[32];
            snprintf(name, sizeof name, "filter %zu row %zu", fi, j);
            CHECK_ROW(j < k && !strcmp(part[j].id, all[i].id), name);
            j++;
        }
        CHECK_ROW(j == k, "filter keeps no extra row");
        size_t fo = 0, fov = 0;
        CU_ASSERT_EQUAL(store_referral_dashboard_count(s, fl, now, &fo, &fov), ST_OK);
        CHECK_ROW(fo == k, "filter count");
        /* Page 2 of a filtered list is its slice too. */
        if (k > 2) {
            size_t m = 0;
            referral_row second[2];
            CU_ASSERT_EQUAL(store_referral_dashboard(s, fl, now, 2, second, 2, &m), ST_OK);
            CU_ASSERT_TRUE(m >= 1 && !strcmp(second[0].id, part[2].id));
        }
    }
    /* Later, more are overdue, and the order still is core's. */
    int64_t later = now + 5 * 24 * HOUR;
    n = whole_list(s, NULL, later, all, CAP);
    CU_ASSERT_TRUE(in_core_order(s, all, n, later));
    harness_fixture_close(&d.f);
}

/* EXPLAIN QUERY PLAN of every dashboard query: each reads an index of the
 * open referrals (never the table), and none sorts; a page's rows are
 * read by key, with every join by key. */
static void test_dashboard_plans_use_indexes(void)
{
    fixture f = open_fixture();
    sqlite3 *db = store_db_handle(f.s);
    /* The store never runs ANALYZE: these are the plans it always gets. */
    char sql[1024];
    for (size_t i = 0; referral_dash_query(i, sql, sizeof sql); i++) {
        char explain[1100];
        snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
        sqlite3_stmt *q = NULL;
        CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, explain, -1, &q, NULL), SQLITE_OK);
        bool index_used = false, full_scan = false, sorts = false;
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *detail = (const char *)sqlite3_column_text(q, 3);
            if (!detail)
                continue;
            index_used |= strstr(detail, "USING") != NULL && strstr(detail, "INDEX") != NULL;
            full_scan |= strstr(detail, "SCAN TABLE") && !strstr(detail, "INDEX");
            sorts |= strstr(detail, "TEMP B-TREE") != NULL;
            if (!strstr(detail, "INDEX") || strstr(detail, "TEMP B-TREE") || getenv("SHOW_PLANS"))
                printf("\n    %s\n      -> %s\n", sql, detail);
        }
        sqlite3_finalize(q);
        char name[32];
        snprintf(name, sizeof name, "dashboard query %zu", i);
        CHECK_ROW(index_used && !full_scan && !sorts, name);
    }
    harness_fixture_close(&f);
}

/* ============================================================== lookups */

static void test_referral_by_prefix_and_case(void)
{
    fixture f = open_fixture();
    tc_case c = referable_case(&f);
    tc_referral a = send_new(f.s, c.id, "sk_shelter", REFERRAL_URGENT);
    fixed.at += 60;
    tc_referral b = send_new(f.s, c.id, "sk_shelter", REFERRAL_ROUTINE);
    tc_referral got;
    char prefix[9];
    snprintf(prefix, sizeof prefix, "%.8s", a.id);
    CU_ASSERT_EQUAL(store_referral_get(f.s, prefix, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.id, a.id);
    for (char *p = prefix; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    CU_ASSERT_EQUAL(store_referral_get(f.s, prefix, &got), ST_OK);
    CU_ASSERT_EQUAL(store_referral_get(f.s, b.id, &got), ST_OK);
    CU_ASSERT_EQUAL(got.urgency, REFERRAL_ROUTINE);
    CU_ASSERT_EQUAL(store_referral_get(f.s, "1234567", &got), ST_NOT_FOUND);   /* too short */
    CU_ASSERT_EQUAL(store_referral_get(f.s, "zzzzzzzz", &got), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_referral_get(f.s, "", &got), ST_NOT_FOUND);
    tc_referral *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_referral_list_case(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(list[0].id, b.id);       /* newest first */
    CU_ASSERT_STRING_EQUAL(list[0].summary, "Names, age and the needs; met at the port.");
    CU_ASSERT_EQUAL(list[1].shared, code_set_bit(REFERRAL_SHARED_IDENTITY)
                                    | code_set_bit(REFERRAL_SHARED_NEEDS));
    free(list);
    /* An unknown case or agency is ST_NOT_FOUND and writes nothing. */
    snapshot before = snap(f.s);
    tc_referral r = referral_to("00000000-0000-0000-0000-000000000000", "sk_shelter",
                                REFERRAL_URGENT);
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, false, NULL, NULL, NULL), ST_NOT_FOUND);
    r = referral_to(c.id, "no_such", REFERRAL_URGENT);
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, false, NULL, NULL, NULL), ST_NOT_FOUND);
    r = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
    r.needs = 0;
    referral_check chk;
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, false, NULL, &chk, NULL), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REFERRAL_NEEDS_MISSING);
    r = referral_to(c.id, "sk_shelter", REFERRAL_URGENT);
    r.summary[0] = '\0';
    CU_ASSERT_EQUAL(store_referral_add(f.s, &r, true, NULL, &chk, NULL), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, REFERRAL_SUMMARY_MISSING);
    CU_ASSERT_TRUE(same(before, snap(f.s)));
    harness_fixture_close(&f);
}

/* ============================================================= handover */

static const char *english(const char *msgid) { return msgid; }

/* A translation that marks every msgid, to see that labels pass through. */
static const char *marked(const char *msgid)
{
    static char buf[8][600];
    static int next;
    char *b = buf[next++ % 8];
    snprintf(b, sizeof buf[0], "[%s]", msgid);
    return b;
}

static size_t wrap_thai(const char *utf8, int width, handover_line *lines, size_t max)
{
    /* handover_line and i18n's text_line are the same shape. */
    return thai_wrap(utf8, width, (text_line *)lines, max);
}

typedef struct sheet_case {
    tc_referral r;
    tc_agency a;
    tc_case person;
    tc_need need;
} sheet_case;

static void sheet_case_init(sheet_case *sc)
{
    sc->r = referral_to("c", "sk_shelter", REFERRAL_URGENT);
    snprintf(sc->r.id, sizeof sc->r.id, "1a2b3c4d-0000-4000-8000-000000000001");
    sc->r.state = REFERRAL_SENT;
    sc->r.sent_at = harness_at(START);
    snprintf(sc->r.summary, sizeof sc->r.summary,
             "พบที่ท่าเรือเมื่อวันที่ 20 พฤศจิกายน ต้องการที่พักปลอดภัยและอาหาร "
             "นายจ้างยึดบัตรไว้");
    sc->a = harness_shelter_agency("sk_shelter");
    case_init(&sc->person);
    snprintf(sc->person.name_thai, sizeof sc->person.name_thai, "มะเมี๊ยะ");
    snprintf(sc->person.name_latin, sizeof sc->person.name_latin, "Ma Mya");
    sc->person.sex = SEX_FEMALE;
    sc->person.estimated_age = 30;
    sc->person.date_met_known = true;
    sc->person.date_met = harness_day("2026-11-20");
    snprintf(sc->person.nationalities[0], 3, "MM");
    sc->person.n_nationalities = 1;
    need_init(&sc->need);
    sc->need.kind = NEED_SHELTER;
    sc->need.urgent = true;
    snprintf(sc->need.note, sizeof sc->need.note, "afraid of the broker");
}

static char *sheet_text(const sheet_case *sc, bool permits, const handover_env *env)
{
    handover_input in = {
        &sc->r, &sc->a, "K7Q4X-2569-0001", &sc->person, permits, &sc->need, 1,
        { "MDT Samut Sakhon", "034 000 111", NULL, NULL, NULL, "Nok Social" },
        harness_at(START), 7 * 3600,
    };
    size_t need = handover_format(&in, env, NULL, 0);
    char *out = malloc(need + 1);
    if (!out)
        abort();
    CU_ASSERT_EQUAL(handover_format(&in, env, out, need + 1), need);
    CU_ASSERT_EQUAL(strlen(out), need);
    return out;
}

static bool lines_fit(const char *text, int width)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            return false;               /* every line ends in a newline */
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
        if (text_columns(line) > width) {
            printf("\n    too wide (%d > %d): %s\n", text_columns(line), width, line);
            return false;
        }
        p = nl + 1;
    }
    return true;
}

static void test_handover_sheet_consent_and_sections(void)
{
    sheet_case *sc = malloc(sizeof *sc);
    if (!sc)
        abort();
    sheet_case_init(sc);
    handover_env env = { false, 60, english, NULL, NULL, NULL };
    /* Covered, identity and needs shared: the reference, the person, both
     * sides' contacts, the need with its note, the summary. */
    char *t = sheet_text(sc, true, &env);
    static const char *const present[] = {
        "K7Q4X-2569-0001/R-1a2b3c4d", "Ma Mya", "Sex: Female", "Age (estimated): 30",
        "034 123 456", "MDT Samut Sakhon", "Nok Social", "- Accommodation (urgent)",
        "afraid of the broker", "CONFIDENTIAL", "Urgency: Urgent",
    };
    for (size_t i = 0; i < COUNT(present); i++)
        CHECK_ROW(strstr(t, present[i]) != NULL, present[i]);
    CU_ASSERT_PTR_NULL(strstr(t, "Myanmar"));       /* nationality not shared */
    CU_ASSERT_TRUE(lines_fit(t, 60));
    if (getenv("SHOW_SHEET"))
        fputs(t, stdout);
    free(t);
    /* Identity not shared: no name, no sex, no age; needs' notes not
     * shared: no note. */
    sc->r.shared = code_set_bit(REFERRAL_SHARED_NATIONALITY);
    t = sheet_text(sc, true, &env);
    static const char *const absent[] = { "Ma Mya", "มะเมี๊ยะ", "Female", "30", "afraid" };
    for (size_t i = 0; i < COUNT(absent); i++)
        CHECK_ROW(strstr(t, absent[i]) == NULL, absent[i]);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "Myanmar"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "- Accommodation (urgent)"));  /* what is asked stays */
    free(t);
    /* Consent does not permit: nothing about the person, not even the
     * summary, yet the reference and the agency are there. */
    sc->r.shared = code_set_all(REFERRAL_SECTION_COUNT);
    env.width = HANDOVER_WIDTH_MAX;     /* so that a sentence stays on one line */
    t = sheet_text(sc, false, &env);
    for (size_t i = 0; i < COUNT(absent); i++)
        CHECK_ROW(strstr(t, absent[i]) == NULL, absent[i]);
    CU_ASSERT_PTR_NULL(strstr(t, "Myanmar"));
    CU_ASSERT_PTR_NULL(strstr(t, "ท่าเรือ"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "K7Q4X-2569-0001/R-1a2b3c4d"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "consent does not cover"));
    free(t);
    /* Every label goes through the translation. */
    env.translate = marked;
    t = sheet_text(sc, true, &env);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "[Referral reference]: K7Q4X"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "[Accommodation]"));
    free(t);
    /* A buffer too small is cut, still terminated, and the length says
     * what the whole needs. */
    env.translate = english;
    handover_input in = { &sc->r, &sc->a, "K7Q4X-2569-0001", NULL, false, NULL, 0,
                          { NULL, NULL, NULL, NULL, NULL, "Nok" }, harness_at(START), 0 };
    char small[32];
    size_t need = handover_format(&in, &env, small, sizeof small);
    CU_ASSERT_TRUE(need > sizeof small);
    CU_ASSERT_EQUAL(strlen(small), sizeof small - 1);
    free(sc);
}

static void test_handover_sheet_thai_wraps(void)
{
    sheet_case *sc = malloc(sizeof *sc);
    if (!sc)
        abort();
    sheet_case_init(sc);
    handover_env env = { true, 40, NULL, wrap_thai, NULL, NULL };
    char *t = sheet_text(sc, true, &env);
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "K7Q4X-2569-0001/R-1a2b3c4d"));
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "สถานคุ้มครองและพัฒนาอาชีพ"));  /* the Thai name */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "มะเมี๊ยะ"));
    CU_ASSERT_TRUE(lines_fit(t, 40));
    /* The Thai summary is broken between words, never inside one. */
    CU_ASSERT_PTR_NOT_NULL(strstr(t, "ท่าเรือ"));
    free(t);
    free(sc);
}

static CU_TestInfo agency_tests[] = {
    { "the shipped directory is loaded", test_shipped_directory_loaded },
    { "search in Thai and English", test_agency_search_thai_english },
    { "refused additions write nothing", test_agency_add_refusals_write_nothing },
    { "an edit keeps history; retired agencies", test_agency_edit_keeps_history },
    CU_TEST_INFO_NULL
};

static CU_TestInfo referral_tests[] = {
    { "consent gate without override", test_consent_gate_without_override },
    { "consent gate with an audited override", test_consent_gate_with_override_audited },
    { "an embassy needs its own consent", test_consent_gate_embassy },
    { "every refused transition writes nothing", test_every_refused_transition_writes_nothing },
    { "events keep time and officer", test_events_keep_time_and_officer },
    { "needs are linked and move along", test_needs_linked_and_moved },
    { "by id prefix, by case, refusals", test_referral_by_prefix_and_case },
    CU_TEST_INFO_NULL
};

static CU_TestInfo deadline_tests[] = {
    { "overdue across a weekend", test_overdue_across_weekend },
    { "settings recompute the deadlines", test_settings_recompute_deadlines },
    { "dashboard order, filters and pages", test_dashboard_order_filters_pages },
    { "dashboard plans use indexes", test_dashboard_plans_use_indexes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo handover_tests[] = {
    { "consent and shared sections", test_handover_sheet_consent_and_sections },
    { "Thai, wrapped to its width", test_handover_sheet_thai_wraps },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "agencies", suite_init, suite_clean, NULL, NULL, agency_tests },
    { "referrals", suite_init, suite_clean, NULL, NULL, referral_tests },
    { "deadlines", suite_init, suite_clean, NULL, NULL, deadline_tests },
    { "handover", suite_init, suite_clean, NULL, NULL, handover_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    int rc = harness_main("test_referral_db", suites);
    thaitext_shutdown();
    return rc;
}
