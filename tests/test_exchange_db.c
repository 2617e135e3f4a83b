/* test_exchange_db.c - sealed hand-over between two real stores
 * (db/exchange.h): identities and peers, a case with Thai names there and
 * back, what consent lets go, the cross-border profile of at most 15
 * items, bundles refused with nothing written (tampered, replayed, for
 * another store, from an unknown or removed sender), conflicts found field
 * by field and resolved, the audit trail on both sides, and migration 8
 * on a store of version 7. */
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/consent.h"
#include "core/identification.h"
#include "core/intake.h"
#include "core/needs.h"
#include "core/repatriation.h"
#include "db/exchange.h"
#include "db/migrate.h"
#include "db/record.h"
#include "db/returns.h"
#include "db/screenings.h"

#define PASS "correct horse battery"
#define START "2026-11-21T03:00:00Z"

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void)
{
    clk = harness_clock(&fixed, START);
    return 0;
}

static int suite_clean(void)
{
    return 0;
}

/* ------------------------------------------------------------ helpers */

/* Store `from` learns the card of store `to` (kind "" or a type). */
static exch_peer learn(store *from, store *to, const char *kind)
{
    char card[IDENTITY_CARD_MAX];
    CU_ASSERT_EQUAL_FATAL(exchange_identity_card(to, card, sizeof card), ST_OK);
    exch_peer p;
    exch_refusal r;
    CU_ASSERT_EQUAL_FATAL(exchange_peer_add(from, card, strlen(card), kind, &p, &r), ST_OK);
    return p;
}

typedef struct two {
    harness_fixture a, b;
    exch_identity ia, ib;
} two;

/* Two stores that know each other: A (Mae Sot) sees B as a shelter. */
static two two_open(void)
{
    two t;
    t.a = harness_fixture_open("Somchai A", PASS, &clk);
    t.b = harness_fixture_open("Malee B", PASS, &clk);
    CU_ASSERT_EQUAL_FATAL(exchange_store_name_set(t.a.s, "Mae Sot shelter", NULL), ST_OK);
    CU_ASSERT_EQUAL_FATAL(exchange_store_name_set(t.b.s, "ศูนย์คุ้มครอง สมุทรสาคร", NULL), ST_OK);
    learn(t.a.s, t.b.s, "shelter");
    learn(t.b.s, t.a.s, "");
    CU_ASSERT_EQUAL_FATAL(exchange_identity(t.a.s, &t.ia), ST_OK);
    CU_ASSERT_EQUAL_FATAL(exchange_identity(t.b.s, &t.ib), ST_OK);
    return t;
}

static void two_close(two *t)
{
    harness_fixture_close(&t->a);
    harness_fixture_close(&t->b);
}

/* Consent given the day before the tests' today. */
static void add_consent(store *s, const char *case_id, consent_purpose p, const char *kind)
{
    harness_consent_add(s, case_id, p, kind, "2026-11-20");
}

/* A woman from Myanmar with Thai and Latin names, an intake, a need and an
 * identification decision; consent only as the caller adds it. */
static tc_case thai_case(store *s)
{
    tc_case c = harness_case("Mali Jaidee", 24, "2026-11-10");
    snprintf(c.name_thai, sizeof c.name_thai, "มะลิ ใจดี");
    snprintf(c.province, sizeof c.province, "TH-63");
    case_check chk;
    CU_ASSERT_EQUAL_FATAL(store_case_add(s, &c, &chk), ST_OK);

    tc_intake *in = calloc(1, sizeof *in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    intake_init(in);
    snprintf(in->case_id, sizeof in->case_id, "%s", c.id);
    snprintf(in->sector, sizeof in->sector, "fishing");
    snprintf(in->exploitation[in->n_exploitation++], TC_CODE_MAX + 1, "forced_labour");
    snprintf(in->establishment, sizeof in->establishment, "เรือประมง ศรีสมุทร");
    intake_check ic;
    CU_ASSERT_EQUAL(store_intake_save(s, in, &ic), ST_OK);
    free(in);

    tc_need nd;
    need_init(&nd);
    snprintf(nd.case_id, sizeof nd.case_id, "%s", c.id);
    nd.kind = NEED_SHELTER;
    need_check nc;
    CU_ASSERT_EQUAL(store_need_add(s, &nd, &nc), ST_OK);

    tc_identification d;
    identification_init(&d);
    snprintf(d.case_id, sizeof d.case_id, "%s", c.id);
    d.outcome = IDENT_VICTIM_FORCED_LABOUR;
    d.body = IDENT_BODY_GOVERNMENT;
    d.decided_known = true;
    d.decided_on = harness_day("2026-11-15");
    snprintf(d.reasons, sizeof d.reasons, "หนังสือเดินทางถูกยึด");
    ident_check dc;
    CU_ASSERT_EQUAL(store_identification_add(s, &d, &dc), ST_OK);
    return c;
}

/* thai_case() whose person agreed to a referral to any agency: a case
 * that may be handed over in full. */
static tc_case consented_case(store *s)
{
    tc_case c = thai_case(s);
    add_consent(s, c.id, CONSENT_REFERRAL, CONSENT_ANY_AGENCY);
    return c;
}

static void add_return_plan(store *s, const char *case_id)
{
    tc_repatriation p;
    repat_init(&p);
    snprintf(p.case_id, sizeof p.case_id, "%s", case_id);
    snprintf(p.country, sizeof p.country, "MM");
    snprintf(p.handover_point, sizeof p.handover_point, "mae_sot");
    repat_check chk;
    CU_ASSERT_EQUAL(store_repatriation_add(s, &p, &chk), ST_OK);
}

static bool holds(const uint8_t *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= len; i++)
        if (!memcmp(data + i, needle, n))
            return true;
    return false;
}

/* What a hand-over wrote: the sealed file and what the sender was told. */
typedef struct sent {
    uint8_t *file;
    size_t len;
    exch_handover_result res;
} sent;

/* Hand a case over from `from` to the peer of fingerprint `to`. */
static store_status hand(store *from, const char *case_id, const char *to, exch_profile prof,
                         sent *b, exch_refusal *r)
{
    const char *cases[] = { case_id };
    return exchange_handover(from, cases, 1, to, prof, &b->file, &b->len, &b->res, r);
}

static void sent_free(sent *b)
{
    exchange_handover_result_free(&b->res);
    free(b->file);
    b->file = NULL;
}

/* hand() of the full profile where it must go (fatal otherwise). */
static void hand_full(store *from, const char *case_id, const char *to, sent *b)
{
    exch_refusal r;
    CU_ASSERT_EQUAL_FATAL(hand(from, case_id, to, EXCH_PROFILE_FULL, b, &r), ST_OK);
}

/* What a refused bundle must leave exactly as it was. */
static void snapshot(store *s, char *out, size_t outsz)
{
    static const char *const tables[] = { "audit", "cases", "persons", "intakes", "needs",
                                          "consents", "identifications", "exchange_bundles",
                                          "exchange_rows", "exchange_conflicts",
                                          "crossborder_profiles", "store_identity",
                                          "exchange_peers" };
    out[0] = '\0';
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        size_t len = strlen(out);
        snprintf(out + len, outsz - len, "%s=%lld ", tables[i], (long long)harness_count_rows(s, sql));
    }
}

static store_status receive(store *s, const uint8_t *file, size_t len, exch_preview *pv,
                            exch_refusal *r)
{
    exch_incoming *in = NULL;
    store_status st = exchange_receive_open(s, file, len, &in, pv, r);
    if (st != ST_OK)
        return st;
    exchange_preview_free(pv);
    st = exchange_receive_import(s, in, pv, r);
    exchange_incoming_free(in);
    return st;
}

/* A count over rows whose text column equals value (sql ends in "= ?1"). */
static sqlite3_int64 count_where(store *s, const char *sql, const char *value)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(store_db_handle(s), sql, -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, value, -1, SQLITE_STATIC);
    sqlite3_int64 n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}

/* ------------------------------------------------------------ identity */

static void test_identity_made_once(void)
{
    harness_fixture f = harness_fixture_open("Admin", PASS, &clk);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM store_identity"), 0);
    exch_identity one, two_;
    CU_ASSERT_EQUAL(exchange_identity(f.s, &one), ST_OK);
    CU_ASSERT_EQUAL(exchange_identity(f.s, &two_), ST_OK);
    CU_ASSERT_STRING_EQUAL(one.fingerprint, two_.fingerprint);
    CU_ASSERT_EQUAL(strlen(one.fingerprint), IDENTITY_FP_TEXT - 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM store_identity"), 1);
    CU_ASSERT_EQUAL(harness_count_rows(f.s, "SELECT count(*) FROM audit"
                                            " WHERE action = 'identity.create'"), 1);
    /* The name defaults to the store code until an admin names it. */
    char want[64];
    snprintf(want, sizeof want, "tipcase %s", store_code(f.s));
    CU_ASSERT_STRING_EQUAL(one.name, want);
    exch_refusal r;
    CU_ASSERT_EQUAL(exchange_store_name_set(f.s, "", &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_NAME_INVALID);
    CU_ASSERT_EQUAL(exchange_store_name_set(f.s, "bad\x1b[2Jname", &r), ST_INVALID);
    CU_ASSERT_EQUAL(exchange_store_name_set(f.s, "บ้านพักเด็ก แม่สอด", &r), ST_OK);
    char card[IDENTITY_CARD_MAX];
    CU_ASSERT_EQUAL(exchange_identity_card(f.s, card, sizeof card), ST_OK);
    exch_peer p;
    CU_ASSERT_EQUAL(exchange_card_parse(card, strlen(card), &p, &r), ST_OK);
    CU_ASSERT_STRING_EQUAL(p.name, "บ้านพักเด็ก แม่สอด");
    CU_ASSERT_STRING_EQUAL(p.fingerprint, one.fingerprint);
    /* The secret keys are kept only inside the encrypted database: not in
     * clear in its file. */
    identity_keys *k = exchange_identity_keys(f.s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    char path[1024];
    snprintf(path, sizeof path, "%s/cases.db", f.dir);
    CU_ASSERT_EQUAL(harness_file_contains(path, k->sign_sk, 32), 0);
    CU_ASSERT_EQUAL(harness_file_contains(path, k->box_sk, IDENTITY_BOX_SK), 0);
    identity_keys_free(k);
    /* A social worker may not rename the store. */
    CU_ASSERT_EQUAL(harness_officer_add(f.s, "sw", "Social Worker", ROLE_SOCIAL_WORKER, PASS),
                    ST_OK);
    harness_fixture_reopen(&f, "sw", PASS, &clk);
    CU_ASSERT_EQUAL(exchange_store_name_set(f.s, "Mine now", &r), ST_DENIED);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

static void test_peers(void)
{
    two t = two_open();
    exch_peer *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(exchange_peer_list(t.a.s, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(list[0].name, "ศูนย์คุ้มครอง สมุทรสาคร");
    CU_ASSERT_STRING_EQUAL(list[0].fingerprint, t.ib.fingerprint);
    CU_ASSERT_STRING_EQUAL(list[0].kind, "shelter");
    CU_ASSERT_STRING_EQUAL(list[0].added_by_name, "Somchai A");
    CU_ASSERT_FALSE(list[0].retired);
    free(list);

    char card[IDENTITY_CARD_MAX];
    exch_refusal r;
    CU_ASSERT_EQUAL(exchange_identity_card(t.b.s, card, sizeof card), ST_OK);
    CU_ASSERT_EQUAL(exchange_peer_add(t.a.s, card, strlen(card), "", NULL, &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_PEER_EXISTS);
    CU_ASSERT_EQUAL(exchange_identity_card(t.a.s, card, sizeof card), ST_OK);
    CU_ASSERT_EQUAL(exchange_peer_add(t.a.s, card, strlen(card), "", NULL, &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_PEER_IS_ME);
    CU_ASSERT_EQUAL(exchange_peer_add(t.a.s, "hello", 5, "", NULL, &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_CARD_INVALID);
    harness_fixture c = harness_fixture_open("C", PASS, &clk);
    CU_ASSERT_EQUAL(exchange_identity_card(c.s, card, sizeof card), ST_OK);
    CU_ASSERT_EQUAL(exchange_peer_add(t.a.s, card, strlen(card), "spaceship", NULL, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_PEER_KIND_UNKNOWN);

    /* Fingerprints are found as typed, in Thai digits or with dashes. */
    exch_peer found;
    char dashed[64];
    snprintf(dashed, sizeof dashed, "%s", t.ib.fingerprint);
    for (char *p = dashed; *p; p++)
        if (*p == ' ')
            *p = '-';
    CU_ASSERT_EQUAL(exchange_peer_find(t.a.s, dashed, &found, &r), ST_OK);
    CU_ASSERT_EQUAL(exchange_peer_retire(t.a.s, t.ib.fingerprint, &r), ST_OK);
    CU_ASSERT_EQUAL(exchange_peer_find(t.a.s, t.ib.fingerprint, &found, &r), ST_OK);
    CU_ASSERT_TRUE(found.retired);
    CU_ASSERT_EQUAL(exchange_peer_retire(t.a.s, t.ib.fingerprint, &r), ST_NOT_FOUND);
    CU_ASSERT_TRUE(harness_audit_has(t.a.s, "peer.retire", found.id));
    CU_ASSERT_TRUE(harness_audit_has(t.a.s, "peer.add", found.id));
    harness_fixture_close(&c);
    two_close(&t);
}

/* ----------------------------------------------------------- round trip */

static void test_round_trip_thai_case(void)
{
    two t = two_open();
    tc_case c = consented_case(t.a.s);
    sent bundle = { 0 };
    exch_refusal r;
    hand_full(t.a.s, c.reference, t.ib.fingerprint, &bundle);
    CU_ASSERT_EQUAL(bundle.res.n_cases, 1);
    CU_ASSERT_EQUAL(strlen(bundle.res.bundle_id), BUNDLE_ID_TEXT - 1);
    CU_ASSERT(bundle.res.cases[0].sections & (1u << EXCH_SECTION_PERSON));
    CU_ASSERT(bundle.res.cases[0].sections & (1u << EXCH_SECTION_STORY));
    CU_ASSERT(bundle.res.cases[0].sections & (1u << EXCH_SECTION_NEEDS));
    CU_ASSERT(bundle.res.cases[0].sections & (1u << EXCH_SECTION_IDENTIFICATION));
    /* Sealed: the names are nowhere in the file in clear. */
    CU_ASSERT_FALSE(holds(bundle.file, bundle.len, "ใจดี"));
    CU_ASSERT_FALSE(holds(bundle.file, bundle.len, "Jaidee"));
    /* The sender's trail: the bundle and the case. */
    CU_ASSERT_EQUAL(harness_count_rows(t.a.s, "SELECT count(*) FROM exchange_bundles"
                                              " WHERE direction = 'sent'"), 1);
    CU_ASSERT_TRUE(harness_audit_has(t.a.s, "case.handover", c.id));
    CU_ASSERT_EQUAL(harness_count_rows(t.a.s, "SELECT count(*) FROM audit"
                                              " WHERE action = 'exchange.send'"), 1);

    exch_incoming *in = NULL;
    exch_preview pv;
    CU_ASSERT_EQUAL_FATAL(exchange_receive_open(t.b.s, bundle.file, bundle.len, &in, &pv, &r),
                          ST_OK);
    CU_ASSERT_STRING_EQUAL(pv.bundle_id, bundle.res.bundle_id);
    CU_ASSERT_STRING_EQUAL(pv.sender.name, "Mae Sot shelter");
    CU_ASSERT_STRING_EQUAL(pv.sender_store_code, store_code(t.a.s));
    CU_ASSERT_EQUAL_FATAL(pv.n_cases, 1);
    CU_ASSERT_TRUE(pv.cases[0].is_new);
    CU_ASSERT_STRING_EQUAL(pv.cases[0].display_name, "มะลิ ใจดี");
    CU_ASSERT_STRING_EQUAL(pv.cases[0].reference, c.reference);
    CU_ASSERT_EQUAL(pv.n_new, pv.n_rows);
    CU_ASSERT_EQUAL(pv.n_conflict_fields, 0);
    /* The preview wrote nothing. */
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM cases"), 0);
    size_t rows = pv.n_rows;
    exchange_preview_free(&pv);
    CU_ASSERT_EQUAL_FATAL(exchange_receive_import(t.b.s, in, &pv, &r), ST_OK);
    CU_ASSERT_EQUAL(pv.n_new, rows);
    exchange_preview_free(&pv);
    exchange_incoming_free(in);

    tc_case got;
    CU_ASSERT_EQUAL_FATAL(store_case_get(t.b.s, c.reference, &got), ST_OK);
    CU_ASSERT_STRING_EQUAL(got.id, c.id);
    CU_ASSERT_STRING_EQUAL(got.name_thai, "มะลิ ใจดี");
    CU_ASSERT_STRING_EQUAL(got.name_latin, "Mali Jaidee");
    CU_ASSERT_STRING_EQUAL(got.nationalities[0], "MM");
    /* Saved here by the officer who imported it; the other store's code
     * is kept as provenance. */
    CU_ASSERT_STRING_EQUAL(got.created_by, store_me(t.b.s)->id);
    CU_ASSERT_STRING_EQUAL(got.assigned_officer, store_me(t.b.s)->id);
    CU_ASSERT_EQUAL(count_where(t.b.s, "SELECT count(*) FROM exchange_rows WHERE table_name ="
                                       " 'cases' AND source_store = ?1", store_code(t.a.s)), 1);
    /* The rest of the record came too, and the case is found by its Thai
     * name on the list. */
    tc_intake *intake = calloc(1, sizeof *intake);
    CU_ASSERT_EQUAL(store_intake_get(t.b.s, c.id, intake), ST_OK);
    CU_ASSERT_STRING_EQUAL(intake->establishment, "เรือประมง ศรีสมุทร");
    free(intake);
    tc_case_row row;
    size_t n = 0;
    case_query q = { "ใจดี", 0, 1, CASE_ORDER_NAME };
    CU_ASSERT_EQUAL(store_case_list(t.b.s, &q, &row, 1, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 1);
    consent_cover cover;
    CU_ASSERT_EQUAL(store_consent_covers(t.b.s, c.id, CONSENT_REFERRAL, "shelter",
                                         harness_day("2026-11-21"), &cover), ST_OK);
    CU_ASSERT_EQUAL(cover, CONSENT_COVERED);
    CU_ASSERT_EQUAL(count_where(t.b.s, "SELECT count(*) FROM needs WHERE case_id = ?1"
                                       " AND is_current = 1", c.id), 1);
    /* The receiver's trail. */
    CU_ASSERT_TRUE(harness_audit_has(t.b.s, "case.receive", c.id));
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM exchange_bundles"
                                              " WHERE direction = 'received' AND n_new > 0"), 1);
    harness_check_chain(t.a.s);
    harness_check_chain(t.b.s);

    exch_bundle_row *hist = NULL;
    CU_ASSERT_EQUAL(exchange_bundle_list(t.b.s, &hist, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_FALSE(hist[0].sent);
    CU_ASSERT_STRING_EQUAL(hist[0].bundle_id, bundle.res.bundle_id);
    CU_ASSERT_EQUAL(hist[0].n_cases, 1);
    free(hist);

    sent_free(&bundle);
    two_close(&t);
}

/* -------------------------------------------------------------- consent */

static void test_consent_limits(void)
{
    two t = two_open();
    tc_case c = thai_case(t.a.s);
    add_return_plan(t.a.s, c.id);
    sent bundle = { 0 };
    exch_refusal r;
    char before[1024], after[1024];
    snapshot(t.a.s, before, sizeof before);
    /* No consent: refused, naming the case, nothing written. */
    CU_ASSERT_EQUAL(hand(t.a.s, c.id, t.ib.fingerprint, EXCH_PROFILE_FULL, &bundle, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_NO_CONSENT);
    CU_ASSERT_EQUAL(r.cover, CONSENT_NOT_COVERED);
    CU_ASSERT_STRING_EQUAL(r.detail, c.reference);
    CU_ASSERT_PTR_NULL(bundle.file);
    snapshot(t.a.s, after, sizeof after);
    CU_ASSERT_STRING_EQUAL(after, before);
    char text[512];
    exch_refusal_text(&r, NULL, text, sizeof text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, c.reference));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "consent"));

    /* Consent to the police does not cover a shelter. */
    add_consent(t.a.s, c.id, CONSENT_REFERRAL, "police");
    CU_ASSERT_EQUAL(hand(t.a.s, c.id, t.ib.fingerprint, EXCH_PROFILE_FULL, &bundle, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_NO_CONSENT);

    /* Consent to shelters: the record goes, but not the return plan,
     * which needs the repatriation consent too. */
    add_consent(t.a.s, c.id, CONSENT_REFERRAL, "shelter");
    hand_full(t.a.s, c.id, t.ib.fingerprint, &bundle);
    CU_ASSERT(bundle.res.cases[0].left_out & (1u << EXCH_SECTION_RETURN));
    CU_ASSERT_FALSE(bundle.res.cases[0].sections & (1u << EXCH_SECTION_RETURN));
    exch_preview pv;
    CU_ASSERT_EQUAL_FATAL(receive(t.b.s, bundle.file, bundle.len, &pv, &r), ST_OK);
    exchange_preview_free(&pv);
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM repatriations"), 0);
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM cases"), 1);
    sent_free(&bundle);

    /* With it, the plan goes as well. */
    add_consent(t.a.s, c.id, CONSENT_REPATRIATION, "");
    hand_full(t.a.s, c.id, t.ib.fingerprint, &bundle);
    CU_ASSERT(bundle.res.cases[0].sections & (1u << EXCH_SECTION_RETURN));
    CU_ASSERT_EQUAL_FATAL(receive(t.b.s, bundle.file, bundle.len, &pv, &r), ST_OK);
    CU_ASSERT_EQUAL(pv.n_conflict_fields, 0);
    CU_ASSERT(pv.n_same > 0);
    exchange_preview_free(&pv);
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM repatriations"
                                              " WHERE is_current = 1"), 1);
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM repatriation_steps"),
                    harness_count_rows(t.a.s, "SELECT count(*) FROM repatriation_steps"));
    sent_free(&bundle);
    harness_check_chain(t.b.s);
    two_close(&t);
}

/* --------------------------------------------------------- cross-border */

static void test_cross_border_profile(void)
{
    two t = two_open();
    tc_case c = consented_case(t.a.s);
    sent bundle = { 0 };
    exch_refusal r;
    /* No items chosen yet. */
    CU_ASSERT_EQUAL(hand(t.a.s, c.id, t.ib.fingerprint, EXCH_PROFILE_CROSS_BORDER, &bundle, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_ITEMS_NOT_SET);
    /* Sixteen items: refused, not cut to fifteen. */
    char sixteen[EXCH_ITEMS_TEXT_MAX * 2] = "";
    for (int i = 0; i < 16; i++) {
        strcat(sixteen, i ? "," : "");
        strcat(sixteen, exch_item_code((exch_item)i));
    }
    CU_ASSERT_EQUAL(store_setting_set(t.a.s, EXCH_SETTING_CROSSBORDER_ITEMS, sixteen), ST_OK);
    CU_ASSERT_EQUAL(hand(t.a.s, c.id, t.ib.fingerprint, EXCH_PROFILE_CROSS_BORDER, &bundle, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_ITEMS_INVALID);
    CU_ASSERT_EQUAL(r.items, EXCH_ITEMS_TOO_MANY);
    CU_ASSERT_EQUAL(store_setting_set(t.a.s, EXCH_SETTING_CROSSBORDER_ITEMS,
                                      "sex,age_band,nationality,exploitation,month_identified"),
                    ST_OK);
    /* A referral consent is not a consent to share abroad. */
    CU_ASSERT_EQUAL(hand(t.a.s, c.id, t.ib.fingerprint, EXCH_PROFILE_CROSS_BORDER, &bundle, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_NO_CONSENT);
    add_consent(t.a.s, c.id, CONSENT_SHARE_CROSS_BORDER, "");
    CU_ASSERT_EQUAL_FATAL(hand(t.a.s, c.id, t.ib.fingerprint, EXCH_PROFILE_CROSS_BORDER, &bundle,
                               &r), ST_OK);
    CU_ASSERT_EQUAL(bundle.res.n_items, 5);
    exch_preview pv;
    CU_ASSERT_EQUAL_FATAL(receive(t.b.s, bundle.file, bundle.len, &pv, &r), ST_OK);
    CU_ASSERT_EQUAL(pv.profile, EXCH_PROFILE_CROSS_BORDER);
    CU_ASSERT_EQUAL(pv.n_new, 1);
    exchange_preview_free(&pv);
    /* One profile row; no person, no case, no name. */
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM cases"), 0);
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM persons"), 0);
    CU_ASSERT_EQUAL(count_where(t.b.s, "SELECT count(*) FROM crossborder_profiles WHERE id = ?1"
                                       " AND sex = 'female' AND age_band = '18-24'"
                                       " AND nationality = 'MM' AND exploitation = 'forced_labour'"
                                       " AND month_identified = '2026-11' AND province IS NULL",
                                c.id), 1);
    sent_free(&bundle);
    harness_check_chain(t.b.s);
    two_close(&t);
}

/* ------------------------------------------------------------- refusals */

static void expect_refused(store *s, const uint8_t *file, size_t len, exch_refusal_code want)
{
    char before[1024], after[1024];
    snapshot(s, before, sizeof before);
    exch_incoming *in = NULL;
    exch_preview pv;
    exch_refusal r;
    CU_ASSERT_EQUAL(exchange_receive_open(s, file, len, &in, &pv, &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, want);
    CU_ASSERT_PTR_NULL(in);
    snapshot(s, after, sizeof after);
    CU_ASSERT_STRING_EQUAL(after, before);
    if (r.code != want)
        printf("\n    refusal %d, wanted %d\n", (int)r.code, (int)want);
}

static void test_refused_bundles_write_nothing(void)
{
    two t = two_open();
    harness_fixture c = harness_fixture_open("Stranger C", PASS, &clk);
    exch_identity ic;
    CU_ASSERT_EQUAL_FATAL(exchange_identity(c.s, &ic), ST_OK);
    learn(t.a.s, c.s, "");      /* A knows C; B does not */
    learn(c.s, t.b.s, "");      /* C knows B */
    tc_case k = consented_case(t.a.s);
    sent bundle = { 0 };
    exch_refusal r;
    hand_full(t.a.s, k.id, t.ib.fingerprint, &bundle);

    /* Tampered: one byte of the sealed part changed. */
    uint8_t *bad = malloc(bundle.len);
    memcpy(bad, bundle.file, bundle.len);
    bad[bundle.len / 2] ^= 0x01;
    expect_refused(t.b.s, bad, bundle.len, EXCH_BUNDLE_REFUSED);
    /* Cut short. */
    expect_refused(t.b.s, bundle.file, bundle.len - 70, EXCH_BUNDLE_REFUSED);
    /* Not a bundle at all. */
    expect_refused(t.b.s, (const uint8_t *)"tipcase identity 1\n", 19, EXCH_BUNDLE_REFUSED);
    /* Its own bundle, back at the sender. */
    expect_refused(t.a.s, bundle.file, bundle.len, EXCH_OWN_BUNDLE);
    /* For another store: C is not the recipient. */
    expect_refused(c.s, bundle.file, bundle.len, EXCH_WRONG_RECIPIENT);

    /* Imported once; the same file again is a replay. */
    exch_preview pv;
    CU_ASSERT_EQUAL_FATAL(receive(t.b.s, bundle.file, bundle.len, &pv, &r), ST_OK);
    exchange_preview_free(&pv);
    expect_refused(t.b.s, bundle.file, bundle.len, EXCH_REPLAYED);

    /* From a store B does not know: refused with C's fingerprint shown
     * and how to add it. */
    tc_case k2 = consented_case(c.s);
    sent from_c = { 0 };
    hand_full(c.s, k2.id, t.ib.fingerprint, &from_c);
    expect_refused(t.b.s, from_c.file, from_c.len, EXCH_UNKNOWN_SENDER);
    exch_incoming *in = NULL;
    CU_ASSERT_EQUAL(exchange_receive_open(t.b.s, from_c.file, from_c.len, &in, &pv, &r),
                    ST_INVALID);
    CU_ASSERT_STRING_EQUAL(r.detail, ic.fingerprint);
    char text[512];
    exch_refusal_text(&r, NULL, text, sizeof text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, ic.fingerprint));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "tipcase peer add CARDFILE"));

    /* A sender removed from the known stores is refused too. */
    CU_ASSERT_EQUAL(exchange_peer_retire(t.b.s, t.ia.fingerprint, &r), ST_OK);
    sent again = { 0 };
    hand_full(t.a.s, k.id, t.ib.fingerprint, &again);
    expect_refused(t.b.s, again.file, again.len, EXCH_SENDER_RETIRED);
    /* And nothing is sent to a removed peer. */
    CU_ASSERT_EQUAL(exchange_peer_retire(t.a.s, ic.fingerprint, &r), ST_OK);
    sent none = { 0 };
    CU_ASSERT_EQUAL(hand(t.a.s, k.id, ic.fingerprint, EXCH_PROFILE_FULL, &none, &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_PEER_UNKNOWN);
    CU_ASSERT_PTR_NULL(none.file);

    harness_check_chain(t.b.s);
    sent_free(&again);
    sent_free(&from_c);
    sent_free(&bundle);
    free(bad);
    harness_fixture_close(&c);
    two_close(&t);
}

/* ------------------------------------------------------------ conflicts */

static void test_conflicts_field_by_field(void)
{
    two t = two_open();
    tc_case c = consented_case(t.a.s);
    sent bundle = { 0 };
    exch_refusal r;
    exch_preview pv;
    hand_full(t.a.s, c.id, t.ib.fingerprint, &bundle);
    CU_ASSERT_EQUAL_FATAL(receive(t.b.s, bundle.file, bundle.len, &pv, &r), ST_OK);
    exchange_preview_free(&pv);
    sent_free(&bundle);

    /* Both sides change the Latin name, differently; A also the notes. */
    tc_case on_b;
    CU_ASSERT_EQUAL_FATAL(store_case_get(t.b.s, c.id, &on_b), ST_OK);
    snprintf(on_b.name_latin, sizeof on_b.name_latin, "Malee Jaidee");
    CU_ASSERT_EQUAL(store_case_update(t.b.s, &on_b, NULL), ST_OK);
    tc_case on_a = c;
    snprintf(on_a.name_latin, sizeof on_a.name_latin, "Mali Jaidi");
    snprintf(on_a.notes, sizeof on_a.notes, "ย้ายไปบ้านพัก");
    CU_ASSERT_EQUAL(store_case_update(t.a.s, &on_a, NULL), ST_OK);

    hand_full(t.a.s, c.id, t.ib.fingerprint, &bundle);
    exch_incoming *in = NULL;
    CU_ASSERT_EQUAL_FATAL(exchange_receive_open(t.b.s, bundle.file, bundle.len, &in, &pv, &r),
                          ST_OK);
    CU_ASSERT_FALSE(pv.cases[0].is_new);
    CU_ASSERT_EQUAL(pv.n_conflict_fields, 2);     /* persons.name_latin, cases.notes */
    CU_ASSERT_EQUAL(pv.n_conflict_rows, 2);
    CU_ASSERT(pv.n_same > 0);
    CU_ASSERT_EQUAL(pv.n_new, 0);
    exchange_preview_free(&pv);
    CU_ASSERT_EQUAL_FATAL(exchange_receive_import(t.b.s, in, &pv, &r), ST_OK);
    CU_ASSERT_EQUAL(pv.n_conflict_fields, 2);
    exchange_preview_free(&pv);
    exchange_incoming_free(in);
    /* Never a silent overwrite: B's values stand until an officer picks. */
    tc_case now_b;
    CU_ASSERT_EQUAL(store_case_get(t.b.s, c.id, &now_b), ST_OK);
    CU_ASSERT_STRING_EQUAL(now_b.name_latin, "Malee Jaidee");
    CU_ASSERT_STRING_EQUAL(now_b.notes, "");

    exch_conflict *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(exchange_conflict_list(t.b.s, true, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    const exch_conflict *name = !strcmp(list[0].field, "name_latin") ? &list[0] : &list[1];
    const exch_conflict *notes = name == &list[0] ? &list[1] : &list[0];
    CU_ASSERT_STRING_EQUAL(name->table, "persons");
    CU_ASSERT_STRING_EQUAL(name->local_value, "Malee Jaidee");
    CU_ASSERT_STRING_EQUAL(name->incoming_value, "Mali Jaidi");
    CU_ASSERT_STRING_EQUAL(name->case_reference, c.reference);
    CU_ASSERT_STRING_EQUAL(notes->field, "notes");
    char name_no[24], notes_no[24];
    snprintf(name_no, sizeof name_no, "%lld", (long long)name->number);
    snprintf(notes_no, sizeof notes_no, "%lld", (long long)notes->number);
    exchange_conflicts_free(list, n);

    /* Take the incoming name: the record changes and the list finds it. */
    size_t done = 0;
    CU_ASSERT_EQUAL(exchange_conflict_resolve(t.b.s, name_no, EXCH_KEEP_INCOMING, NULL, &done, &r),
                    ST_OK);
    CU_ASSERT_EQUAL(done, 1);
    CU_ASSERT_EQUAL(store_case_get(t.b.s, c.id, &now_b), ST_OK);
    CU_ASSERT_STRING_EQUAL(now_b.name_latin, "Mali Jaidi");
    size_t found = 0;
    CU_ASSERT_EQUAL(store_case_count(t.b.s, "jaidi", &found), ST_OK);
    CU_ASSERT_EQUAL(found, 1);
    /* A field that is not open on that record is refused. */
    CU_ASSERT_EQUAL(exchange_conflict_resolve(t.b.s, notes_no, EXCH_KEEP_LOCAL, "sex", &done, &r),
                    ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_FIELD_UNKNOWN);
    /* Keep the local notes. */
    CU_ASSERT_EQUAL(exchange_conflict_resolve(t.b.s, notes_no, EXCH_KEEP_LOCAL, "notes", &done,
                                              &r), ST_OK);
    CU_ASSERT_EQUAL(store_case_get(t.b.s, c.id, &now_b), ST_OK);
    CU_ASSERT_STRING_EQUAL(now_b.notes, "");
    CU_ASSERT_EQUAL(exchange_conflict_resolve(t.b.s, notes_no, EXCH_KEEP_INCOMING, NULL, &done,
                                              &r), ST_INVALID);
    CU_ASSERT_EQUAL(r.code, EXCH_CONFLICT_RESOLVED);
    CU_ASSERT_EQUAL(exchange_conflict_resolve(t.b.s, "999", EXCH_KEEP_LOCAL, NULL, &done, &r),
                    ST_NOT_FOUND);
    CU_ASSERT_EQUAL(r.code, EXCH_CONFLICT_UNKNOWN);
    CU_ASSERT_EQUAL(exchange_conflict_count(t.b.s, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(harness_count_rows(t.b.s, "SELECT count(*) FROM audit"
                                              " WHERE action = 'conflict.resolve'"), 2);
    exch_conflict one;
    CU_ASSERT_EQUAL(exchange_conflict_get(t.b.s, name_no, &one, &r), ST_OK);
    CU_ASSERT_FALSE(one.open);
    CU_ASSERT_EQUAL(one.resolution, EXCH_KEEP_INCOMING);
    CU_ASSERT_STRING_EQUAL(one.resolved_by_name, "Malee B");
    exchange_conflict_clear(&one);
    harness_check_chain(t.b.s);
    sent_free(&bundle);
    two_close(&t);
}

/* ----------------------------------------------------------- migration */

/* A store of version 7 (before hand-over) opened by this tipcase gets the
 * tables of migration 8, keeps its cases and can hand one over. */
static void test_version_7_store_gets_exchange(void)
{
    harness_fixture f = harness_fixture_open("Old admin", PASS, &clk);
    tc_case c = thai_case(f.s);
    CU_ASSERT_EQUAL(sqlite3_exec(store_db_handle(f.s),
                                 "DROP TABLE crossborder_profiles; DROP TABLE exchange_conflicts;"
                                 "DROP TABLE exchange_rows; DROP TABLE exchange_bundles;"
                                 "DROP TABLE exchange_peers; DROP TABLE store_identity;"
                                 "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
    harness_fixture_reopen(&f, "admin", PASS, &clk);
    CU_ASSERT_EQUAL(migrate_current_version(store_db_handle(f.s)), migrate_latest_version());
    CU_ASSERT(migrate_latest_version() >= 8);
    exch_identity me;
    CU_ASSERT_EQUAL(exchange_identity(f.s, &me), ST_OK);
    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(f.s, c.reference, &got), ST_OK);
    size_t n = 9;
    CU_ASSERT_EQUAL(exchange_conflict_count(f.s, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

static CU_TestInfo tests[] = {
    { "identity made once, named by an admin", test_identity_made_once },
    { "peers: add, refuse, find, retire", test_peers },
    { "a case with Thai names there and back", test_round_trip_thai_case },
    { "consent limits what goes", test_consent_limits },
    { "cross-border profile, at most 15 items", test_cross_border_profile },
    { "refused bundles write nothing", test_refused_bundles_write_nothing },
    { "conflicts field by field", test_conflicts_field_by_field },
    { "a version-7 store gets hand-over", test_version_7_store_gets_exchange },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "exchange store", suite_init, suite_clean, NULL, NULL, tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return harness_main("test_exchange_db", suites);
}
