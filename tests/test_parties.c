/* test_parties.c - witnesses, informants and suspects (core/party.h,
 * db/parties.h): what core accepts, the store's round trip with versions
 * and audit rows, and who may see them: the case's officers, supervisors
 * and admins, and nobody else - a field officer of another case learns
 * nothing, not even how many there are.
 *
 * Time comes from a fixed clock; key slots use cheap Argon2id parameters. */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/party.h"
#include "db/exchange.h"
#include "db/exchange_internal.h"
#include "db/parties.h"
#include "db/store.h"
#include "db/store_internal.h"

#define OTHER_PASS "another long passphrase"

static tc_fixed_clock fixed;
static tc_clock clk;

static int suite_init(void) { return harness_store_suite_init(&fixed, &clk, HARNESS_START); }

static int suite_clean(void) { return 0; }

/* ================================================================ core */

/* A witness that party_validate() accepts. */
static tc_party good_party(void)
{
    tc_party p;
    party_init(&p);
    snprintf(p.name, sizeof p.name, "นายสมชาย ใจดี");
    snprintf(p.relation, sizeof p.relation, "นายจ้าง");
    snprintf(p.contact, sizeof p.contact, "081-234-5678");
    snprintf(p.details, sizeof p.details, "เห็นรถตู้มารับคนงาน\nตอนตีสอง");
    return p;
}

static void set_long(char *buf, size_t size)
{
    memset(buf, 'a', size);         /* no NUL within the buffer */
}

typedef struct validate_case {
    const char *what;
    void (*change)(tc_party *p);
    party_problem problem;
    const char *field;
} validate_case;

static void no_change(tc_party *p) { (void)p; }
static void kind_bad(tc_party *p) { p->kind = PARTY_KIND_COUNT; }
static void kind_negative(tc_party *p) { p->kind = (party_kind)-1; }
static void name_empty(tc_party *p) { p->name[0] = '\0'; }
static void name_blank(tc_party *p) { snprintf(p->name, sizeof p->name, "    "); }
static void name_escape(tc_party *p) { snprintf(p->name, sizeof p->name, "Ko\x1b[2JAung"); }
static void name_newline(tc_party *p) { snprintf(p->name, sizeof p->name, "Ko\nAung"); }
static void name_bidi(tc_party *p) { snprintf(p->name, sizeof p->name, "Ko \u202eAung"); }
static void name_bad_utf8(tc_party *p) { snprintf(p->name, sizeof p->name, "Ko \xff Aung"); }
static void name_unterminated(tc_party *p) { set_long(p->name, sizeof p->name); }
static void name_longest(tc_party *p)
{
    memset(p->name, 'a', PARTY_NAME_MAX);
    p->name[PARTY_NAME_MAX] = '\0';
}
static void relation_tab(tc_party *p) { snprintf(p->relation, sizeof p->relation, "a\tb"); }
static void relation_long(tc_party *p) { set_long(p->relation, sizeof p->relation); }
static void relation_empty(tc_party *p) { p->relation[0] = '\0'; }
static void contact_control(tc_party *p) { snprintf(p->contact, sizeof p->contact, "08\a1"); }
static void contact_long(tc_party *p) { set_long(p->contact, sizeof p->contact); }
static void contact_empty(tc_party *p) { p->contact[0] = '\0'; }
static void details_escape(tc_party *p) { snprintf(p->details, sizeof p->details, "x\x1b]0;y"); }
static void details_bidi(tc_party *p) { snprintf(p->details, sizeof p->details, "a\u2066b"); }
static void details_long(tc_party *p) { set_long(p->details, sizeof p->details); }
static void details_paragraphs(tc_party *p)
{
    snprintf(p->details, sizeof p->details, "บรรทัดแรก\n\tบรรทัดสอง");
}
static void suspect_kind(tc_party *p) { p->kind = PARTY_SUSPECT; }

static void test_validate_table(void)
{
    static const validate_case cases[] = {
        { "a whole witness", no_change, PARTY_OK, NULL },
        { "a suspect", suspect_kind, PARTY_OK, NULL },
        { "kind past the end", kind_bad, PARTY_KIND_INVALID, "kind" },
        { "negative kind", kind_negative, PARTY_KIND_INVALID, "kind" },
        { "no name", name_empty, PARTY_NAME_EMPTY, "name" },
        { "blank name", name_blank, PARTY_NAME_EMPTY, "name" },
        { "escape in the name", name_escape, PARTY_NAME_BAD_TEXT, "name" },
        { "newline in the name", name_newline, PARTY_NAME_BAD_TEXT, "name" },
        { "bidi override in the name", name_bidi, PARTY_NAME_BAD_TEXT, "name" },
        { "invalid UTF-8 name", name_bad_utf8, PARTY_NAME_BAD_TEXT, "name" },
        { "name without its NUL", name_unterminated, PARTY_NAME_TOO_LONG, "name" },
        { "longest name", name_longest, PARTY_OK, NULL },
        { "tab in the relation", relation_tab, PARTY_RELATION_BAD_TEXT, "relation" },
        { "relation too long", relation_long, PARTY_RELATION_TOO_LONG, "relation" },
        { "no relation", relation_empty, PARTY_OK, NULL },
        { "bell in the contact", contact_control, PARTY_CONTACT_BAD_TEXT, "contact" },
        { "contact too long", contact_long, PARTY_CONTACT_TOO_LONG, "contact" },
        { "no contact", contact_empty, PARTY_OK, NULL },
        { "escape in the details", details_escape, PARTY_DETAILS_BAD_TEXT, "details" },
        { "bidi isolate in the details", details_bidi, PARTY_DETAILS_BAD_TEXT, "details" },
        { "details too long", details_long, PARTY_DETAILS_TOO_LONG, "details" },
        { "details in paragraphs", details_paragraphs, PARTY_OK, NULL },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        tc_party p = good_party();
        cases[i].change(&p);
        party_check chk = party_validate(&p);
        if (chk.problem != cases[i].problem)
            fprintf(stderr, "\n  %s: problem %d\n", cases[i].what, (int)chk.problem);
        CU_ASSERT_EQUAL(chk.problem, cases[i].problem);
        if (cases[i].field) {
            CU_ASSERT_STRING_EQUAL(chk.field ? chk.field : "(null)", cases[i].field);
        } else {
            CU_ASSERT_PTR_NULL(chk.field);
        }
    }
}

static void test_withdraw_check_table(void)
{
    static const struct { bool withdrawn; const char *reason; party_problem want; } cases[] = {
        { false, "recorded on the wrong case", PARTY_OK },
        { false, "บันทึกผิดคดี", PARTY_OK },
        { false, NULL, PARTY_REASON_MISSING },
        { false, "", PARTY_REASON_MISSING },
        { false, "   ", PARTY_REASON_MISSING },
        { false, "wrong\x1b[Hcase", PARTY_REASON_BAD_TEXT },
        { true, "again", PARTY_ALREADY_WITHDRAWN },
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        tc_party p = good_party();
        p.withdrawn = cases[i].withdrawn;
        CU_ASSERT_EQUAL(party_withdraw_check(&p, cases[i].reason), cases[i].want);
    }
    char *long_reason = malloc(PARTY_REASON_MAX + 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(long_reason);
    memset(long_reason, 'r', PARTY_REASON_MAX + 1);
    long_reason[PARTY_REASON_MAX + 1] = '\0';
    tc_party p = good_party();
    CU_ASSERT_EQUAL(party_withdraw_check(&p, long_reason), PARTY_REASON_TOO_LONG);
    free(long_reason);
}

static void test_kind_codes_and_texts(void)
{
    static const char *const codes[PARTY_KIND_COUNT] = { "witness", "informant", "suspect" };
    for (int k = 0; k < PARTY_KIND_COUNT; k++) {
        CU_ASSERT_STRING_EQUAL(party_kind_code((party_kind)k), codes[k]);
        party_kind back = PARTY_KIND_COUNT;
        CU_ASSERT_TRUE(party_kind_from_code(codes[k], &back));
        CU_ASSERT_EQUAL(back, (party_kind)k);
        CU_ASSERT_TRUE(party_kind_label((party_kind)k)[0] != '\0');
    }
    party_kind out = PARTY_WITNESS;
    CU_ASSERT_FALSE(party_kind_from_code("Witness", &out));
    CU_ASSERT_FALSE(party_kind_from_code(NULL, &out));
    CU_ASSERT_STRING_EQUAL(party_kind_code(PARTY_KIND_COUNT), "");
    /* Every problem has its own message; an unknown one still says something. */
    for (int i = 0; i < PARTY_PROBLEM_COUNT; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(party_problem_text((party_problem)i));
        for (int j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(party_problem_text((party_problem)i),
                                       party_problem_text((party_problem)j));
    }
    CU_ASSERT_TRUE(party_problem_text(PARTY_PROBLEM_COUNT)[0] != '\0');
}

/* =============================================================== store */

typedef harness_fixture fixture;

static fixture open_fixture(void)
{
    return harness_fixture_at(&fixed, &clk, HARNESS_START);
}

/* How many versions of party id match the condition `and` ("" for all). */
static sqlite3_int64 versions_of(store *s, const char *id, const char *and)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM parties WHERE record_id = '%s'%s", id, and);
    return harness_count_rows(s, sql);
}

/* The audit rows and the party rows, to prove a refusal wrote nothing. */
typedef struct counts { sqlite3_int64 audit, rows; } counts;

static counts counts_now(store *s)
{
    counts c = { harness_count_rows(s, "SELECT count(*) FROM audit"),
                 harness_count_rows(s, "SELECT count(*) FROM parties") };
    return c;
}

static void assert_nothing_written(store *s, counts before)
{
    counts after = counts_now(s);
    CU_ASSERT_EQUAL(after.audit, before.audit);
    CU_ASSERT_EQUAL(after.rows, before.rows);
}

static tc_party party_of(const char *case_id, party_kind kind, const char *name,
                         const char *relation)
{
    tc_party p;
    party_init(&p);
    p.kind = kind;
    snprintf(p.case_id, sizeof p.case_id, "%s", case_id);
    snprintf(p.name, sizeof p.name, "%s", name);
    snprintf(p.relation, sizeof p.relation, "%s", relation);
    return p;
}

/* Adds the three of a case: a witness, an informant and a suspect, with
 * Thai names; their ids in ids[3]. */
static void add_three(store *s, const char *case_id, char ids[3][TC_ID_LEN])
{
    tc_party p[3] = {
        party_of(case_id, PARTY_WITNESS, "นางสาวมาลี ศรีสุข", "เพื่อนร่วมงาน"),
        party_of(case_id, PARTY_INFORMANT, "ผู้ใหญ่บ้านหมู่ 3", "ผู้นำชุมชน"),
        party_of(case_id, PARTY_SUSPECT, "นายหน้า โก อ่อง", "นายหน้า"),
    };
    snprintf(p[0].details, sizeof p[0].details, "เห็นผู้เสียหายถูกขังในห้อง\nสองสัปดาห์");
    snprintf(p[2].contact, sizeof p[2].contact, "โทร 089-000-1111");
    for (int i = 0; i < 3; i++) {
        party_check chk;
        fixed.at += 60;             /* recorded one after another */
        CU_ASSERT_EQUAL_FATAL(store_party_add(s, &p[i], &chk), ST_OK);
        CU_ASSERT_EQUAL(chk.problem, PARTY_OK);
        CU_ASSERT_EQUAL(p[i].version, 1);
        CU_ASSERT_TRUE(p[i].id[0] != '\0');
        CU_ASSERT_STRING_EQUAL(p[i].created_by, store_me(s)->id);
        memcpy(ids[i], p[i].id, TC_ID_LEN);
    }
}

static void test_round_trip_with_versions_and_audit(void)
{
    fixture f = open_fixture();
    store *s = f.s;
    tc_case c = harness_case_add(s, "Mya Mya", 24, "2026-11-20");
    char ids[3][TC_ID_LEN];
    add_three(s, c.id, ids);

    tc_party *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL_FATAL(store_party_list(s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_EQUAL(list[0].kind, PARTY_WITNESS);
    CU_ASSERT_STRING_EQUAL(list[0].name, "นางสาวมาลี ศรีสุข");
    CU_ASSERT_STRING_EQUAL(list[0].relation, "เพื่อนร่วมงาน");
    CU_ASSERT_STRING_EQUAL(list[0].details, "เห็นผู้เสียหายถูกขังในห้อง\nสองสัปดาห์");
    CU_ASSERT_STRING_EQUAL(list[0].case_id, c.id);
    CU_ASSERT_EQUAL(list[1].kind, PARTY_INFORMANT);
    CU_ASSERT_EQUAL(list[2].kind, PARTY_SUSPECT);
    CU_ASSERT_STRING_EQUAL(list[2].contact, "โทร 089-000-1111");
    CU_ASSERT_FALSE(list[2].withdrawn);
    free(list);

    /* An update is a new version; the first stays. */
    tc_party w;
    CU_ASSERT_EQUAL_FATAL(store_party_get(s, ids[0], &w), ST_OK);
    snprintf(w.contact, sizeof w.contact, "ต.แม่สอด");
    w.kind = PARTY_INFORMANT;
    /* The case is the stored one, whatever the caller sends. */
    snprintf(w.case_id, sizeof w.case_id, "not-a-case");
    fixed.at += 60;
    party_check chk;
    CU_ASSERT_EQUAL_FATAL(store_party_update(s, &w, &chk), ST_OK);
    CU_ASSERT_EQUAL(w.version, 2);
    CU_ASSERT_STRING_EQUAL(w.case_id, c.id);
    CU_ASSERT_EQUAL(w.created_at, harness_at(HARNESS_START) + 60);
    CU_ASSERT_EQUAL(w.updated_at, harness_at(HARNESS_START) + 240);
    tc_party again;
    CU_ASSERT_EQUAL(store_party_get(s, ids[0], &again), ST_OK);
    CU_ASSERT_STRING_EQUAL(again.contact, "ต.แม่สอด");
    CU_ASSERT_EQUAL(again.kind, PARTY_INFORMANT);
    CU_ASSERT_EQUAL(versions_of(s, ids[0], ""), 2);
    CU_ASSERT_EQUAL(versions_of(s, ids[0], " AND version = 1 AND contact = '' AND kind = 'witness'"),
                    1);

    /* A withdrawal keeps the party, marked, with its reason. */
    party_problem pp;
    counts before = counts_now(s);
    CU_ASSERT_EQUAL(store_party_withdraw(s, ids[2], "  ", &pp), ST_INVALID);
    CU_ASSERT_EQUAL(pp, PARTY_REASON_MISSING);
    assert_nothing_written(s, before);
    CU_ASSERT_EQUAL(store_party_withdraw(s, ids[2], "บันทึกผิดคดี", &pp), ST_OK);
    CU_ASSERT_EQUAL(pp, PARTY_OK);
    CU_ASSERT_EQUAL(store_party_withdraw(s, ids[2], "again", &pp), ST_INVALID);
    CU_ASSERT_EQUAL(pp, PARTY_ALREADY_WITHDRAWN);
    tc_party sus;
    CU_ASSERT_EQUAL_FATAL(store_party_get(s, ids[2], &sus), ST_OK);
    CU_ASSERT_TRUE(sus.withdrawn);
    CU_ASSERT_STRING_EQUAL(sus.withdrawn_reason, "บันทึกผิดคดี");
    CU_ASSERT_STRING_EQUAL(sus.name, "นายหน้า โก อ่อง");
    CU_ASSERT_EQUAL(sus.version, 2);
    /* ... and a withdrawn party does not change. */
    before = counts_now(s);
    snprintf(sus.name, sizeof sus.name, "someone else");
    CU_ASSERT_EQUAL(store_party_update(s, &sus, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, PARTY_ALREADY_WITHDRAWN);
    assert_nothing_written(s, before);
    CU_ASSERT_EQUAL(store_party_list(s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_TRUE(list[2].withdrawn);
    CU_ASSERT_FALSE(list[0].withdrawn);
    free(list);

    /* One audit row per change, naming the record, never the person. */
    for (int i = 0; i < 3; i++)
        CU_ASSERT_TRUE(harness_audit_has(s, "party.add", ids[i]));
    CU_ASSERT_TRUE(harness_audit_has(s, "party.update", ids[0]));
    CU_ASSERT_TRUE(harness_audit_has(s, "party.withdraw", ids[2]));
    CU_ASSERT_EQUAL(harness_count_rows(s, "SELECT count(*) FROM audit"
                                          " WHERE table_name = 'parties'"), 5);
    harness_check_chain(s);

    /* Unknown ids and cases. */
    tc_party none;
    CU_ASSERT_EQUAL(store_party_get(s, "no-such-party", &none), ST_NOT_FOUND);
    CU_ASSERT_EQUAL(store_party_withdraw(s, "no-such-party", "x", &pp), ST_NOT_FOUND);
    tc_party orphan = party_of("no-such-case", PARTY_WITNESS, "ใครสักคน", "");
    before = counts_now(s);
    CU_ASSERT_EQUAL(store_party_add(s, &orphan, &chk), ST_NOT_FOUND);
    assert_nothing_written(s, before);
    CU_ASSERT_EQUAL(store_party_list(s, "no-such-case", &list, &n), ST_NOT_FOUND);
    harness_fixture_close(&f);
}

static void test_control_characters_refused(void)
{
    fixture f = open_fixture();
    store *s = f.s;
    tc_case c = harness_case_add(s, "Mya Mya", 24, "2026-11-20");
    static const char *const names[] = {
        "Ko\x1b[2JAung", "นาย\rสมชาย", "Ko\x07", "\x9b" "31m",
    };
    for (size_t i = 0; i < COUNT(names); i++) {
        counts before = counts_now(s);
        tc_party p = party_of(c.id, PARTY_SUSPECT, names[i], "นายหน้า");
        party_check chk;
        CU_ASSERT_EQUAL(store_party_add(s, &p, &chk), ST_INVALID);
        CU_ASSERT_EQUAL(chk.problem, PARTY_NAME_BAD_TEXT);
        CU_ASSERT_STRING_EQUAL(chk.field ? chk.field : "", "name");
        CU_ASSERT_STRING_EQUAL(p.id, "");
        assert_nothing_written(s, before);
    }
    /* Nor may an update bring one in. */
    char ids[3][TC_ID_LEN];
    add_three(s, c.id, ids);
    tc_party p;
    CU_ASSERT_EQUAL_FATAL(store_party_get(s, ids[1], &p), ST_OK);
    snprintf(p.name, sizeof p.name, "x\x1b]0;owned\x07");
    counts before = counts_now(s);
    party_check chk;
    CU_ASSERT_EQUAL(store_party_update(s, &p, &chk), ST_INVALID);
    CU_ASSERT_EQUAL(chk.problem, PARTY_NAME_BAD_TEXT);
    assert_nothing_written(s, before);
    harness_fixture_close(&f);
}

/* The id of the officer with this login. */
static void officer_id(store *s, const char *login, char out[TC_ID_LEN])
{
    tc_officer o;
    CU_ASSERT_EQUAL_FATAL(store_officer_by_login(s, login, &o), ST_OK);
    memcpy(out, o.id, TC_ID_LEN);
}

/* A new store with Mya Mya's case (*c) and its three parties (ids),
 * reopened as a new officer (login, name, role) with OTHER_PASS. */
static fixture three_parties_as(const char *login, const char *name, officer_role role,
                                tc_case *c, char ids[3][TC_ID_LEN])
{
    fixture f = open_fixture();
    *c = harness_case_add(f.s, "Mya Mya", 24, "2026-11-20");
    add_three(f.s, c->id, ids);
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f.s, login, name, role, OTHER_PASS), ST_OK);
    harness_fixture_reopen(&f, login, OTHER_PASS, &clk);
    return f;
}

static void test_supervisor_sees_them(void)
{
    tc_case c;
    char ids[3][TC_ID_LEN];
    fixture f = three_parties_as("sup", "Suda Supervisor", ROLE_SUPERVISOR, &c, ids);
    tc_party *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_party_list(f.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(list[1].name, "ผู้ใหญ่บ้านหมู่ 3");
    free(list);
    /* A supervisor may also correct and withdraw them. */
    party_problem pp;
    CU_ASSERT_EQUAL(store_party_withdraw(f.s, ids[1], "ซ้ำกับรายการแรก", &pp), ST_OK);
    CU_ASSERT_TRUE(harness_audit_has(f.s, "party.withdraw", ids[1]));
    harness_fixture_close(&f);
}

/* A field officer who neither recorded the case nor is assigned to it:
 * every call is ST_DENIED, nothing comes back and nothing is written. */
static void test_other_field_officer_learns_nothing(void)
{
    tc_case c;
    char ids[3][TC_ID_LEN];
    fixture f = three_parties_as("nok", "Nok Social", ROLE_SOCIAL_WORKER, &c, ids);
    store *s = f.s;
    counts before = counts_now(s);

    tc_party *list = (tc_party *)&before;      /* must come back NULL */
    size_t n = 99;
    CU_ASSERT_EQUAL(store_party_list(s, c.id, &list, &n), ST_DENIED);
    CU_ASSERT_PTR_NULL(list);
    CU_ASSERT_EQUAL(n, 0);

    tc_party got;
    memset(&got, 'x', sizeof got);
    CU_ASSERT_EQUAL(store_party_get(s, ids[0], &got), ST_DENIED);
    CU_ASSERT_STRING_EQUAL(got.name, "");
    CU_ASSERT_STRING_EQUAL(got.case_id, "");

    tc_party p = party_of(c.id, PARTY_WITNESS, "นายแดง", "เพื่อนบ้าน");
    party_check chk;
    CU_ASSERT_EQUAL(store_party_add(s, &p, &chk), ST_DENIED);
    CU_ASSERT_STRING_EQUAL(p.id, "");
    p = party_of(c.id, PARTY_WITNESS, "นายแดง", "");
    memcpy(p.id, ids[0], TC_ID_LEN);
    CU_ASSERT_EQUAL(store_party_update(s, &p, &chk), ST_DENIED);
    CU_ASSERT_STRING_EQUAL(p.relation, "");     /* nothing of the stored one */
    party_problem pp;
    CU_ASSERT_EQUAL(store_party_withdraw(s, ids[2], "ไม่เกี่ยวข้อง", &pp), ST_DENIED);
    assert_nothing_written(s, before);
    CU_ASSERT_PTR_NOT_NULL(store_refusal(s));
    harness_fixture_close(&f);
}

/* The case's own field officer: the one who recorded it, and the one it
 * is assigned to. */
static void test_case_officers_see_them(void)
{
    fixture f = open_fixture();
    CU_ASSERT_EQUAL_FATAL(harness_officer_add(f.s, "nok", "Nok Social", ROLE_SOCIAL_WORKER,
                                              OTHER_PASS), ST_OK);
    char nok[TC_ID_LEN];
    officer_id(f.s, "nok", nok);
    /* Assigned by the admin. */
    tc_case given = harness_case_add(f.s, "Aye Aye", 19, "2026-11-20");
    snprintf(given.assigned_officer, sizeof given.assigned_officer, "%s", nok);
    CU_ASSERT_EQUAL_FATAL(store_case_update(f.s, &given, NULL), ST_OK);
    char ids[3][TC_ID_LEN];
    add_three(f.s, given.id, ids);

    harness_fixture_reopen(&f, "nok", OTHER_PASS, &clk);
    tc_party *list = NULL;
    size_t n = 0;
    CU_ASSERT_EQUAL(store_party_list(f.s, given.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 3);
    free(list);
    tc_party p;
    CU_ASSERT_EQUAL_FATAL(store_party_get(f.s, ids[0], &p), ST_OK);
    snprintf(p.details, sizeof p.details, "ให้ปากคำเพิ่มเติมแล้ว");
    party_check chk;
    CU_ASSERT_EQUAL(store_party_update(f.s, &p, &chk), ST_OK);
    CU_ASSERT_STRING_EQUAL(p.updated_by, nok);

    /* Recorded by the field officer. */
    tc_case own = harness_case_add(f.s, "Hla Hla", 30, "2026-11-20");
    tc_party w = party_of(own.id, PARTY_WITNESS, "นายสมศักดิ์", "เจ้าของร้านข้าง ๆ");
    CU_ASSERT_EQUAL(store_party_add(f.s, &w, &chk), ST_OK);
    CU_ASSERT_EQUAL(store_party_list(f.s, own.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(list[0].name, "นายสมศักดิ์");
    free(list);
    harness_check_chain(f.s);
    harness_fixture_close(&f);
}

/* Store `from` learns the identity card of store `to`. */
static void learn(store *from, store *to)
{
    char card[IDENTITY_CARD_MAX];
    CU_ASSERT_EQUAL_FATAL(exchange_identity_card(to, card, sizeof card), ST_OK);
    exch_peer p;
    exch_refusal r;
    CU_ASSERT_EQUAL_FATAL(exchange_peer_add(from, card, strlen(card), "shelter", &p, &r), ST_OK);
}

/* The parties never travel: a hand-over neither sends nor takes the table.
 * A case handed over in full, with consent, arrives without them. */
static void test_never_in_a_handover(void)
{
    CU_ASSERT_PTR_NULL(exch_table_find("parties", EXCH_PROFILE_FULL));
    CU_ASSERT_PTR_NULL(exch_table_find("parties", EXCH_PROFILE_CROSS_BORDER));
    for (size_t i = 0; i < exch_table_count; i++)
        CU_ASSERT_STRING_NOT_EQUAL(exch_tables[i].name, "parties");

    fixture a = open_fixture();
    fixture b = harness_fixture_open("Malee B", HARNESS_PASS, &clk);
    learn(a.s, b.s);
    learn(b.s, a.s);
    exch_identity ib;
    CU_ASSERT_EQUAL_FATAL(exchange_identity(b.s, &ib), ST_OK);
    tc_case c = harness_case_add(a.s, "Mya Mya", 24, "2026-11-20");
    harness_consent_add(a.s, c.id, CONSENT_REFERRAL, CONSENT_ANY_AGENCY, "2026-11-20");
    char ids[3][TC_ID_LEN];
    add_three(a.s, c.id, ids);

    const char *cases[] = { c.id };
    uint8_t *file = NULL;
    size_t len = 0;
    exch_handover_result res;
    exch_refusal r;
    CU_ASSERT_EQUAL_FATAL(exchange_handover(a.s, cases, 1, ib.fingerprint, EXCH_PROFILE_FULL,
                                            &file, &len, &res, &r), ST_OK);
    exch_incoming *in = NULL;
    exch_preview pv;
    CU_ASSERT_EQUAL_FATAL(exchange_receive_open(b.s, file, len, &in, &pv, &r), ST_OK);
    exchange_preview_free(&pv);
    CU_ASSERT_EQUAL(exchange_receive_import(b.s, in, &pv, &r), ST_OK);
    exchange_preview_free(&pv);
    exchange_incoming_free(in);
    exchange_handover_result_free(&res);
    free(file);

    tc_case got;
    CU_ASSERT_EQUAL(store_case_get(b.s, c.id, &got), ST_OK);     /* the case came */
    CU_ASSERT_EQUAL(harness_count_rows(b.s, "SELECT count(*) FROM parties"), 0);
    tc_party *list = NULL;
    size_t n = 9;
    CU_ASSERT_EQUAL(store_party_list(b.s, c.id, &list, &n), ST_OK);
    CU_ASSERT_EQUAL(n, 0);
    free(list);
    harness_fixture_close(&b);
    harness_fixture_close(&a);
}

static CU_TestInfo core_tests[] = {
    { "validation table", test_validate_table },
    { "withdrawal needs a reason", test_withdraw_check_table },
    { "kind codes and messages", test_kind_codes_and_texts },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo store_tests[] = {
    { "add, update, withdraw, list (Thai)", test_round_trip_with_versions_and_audit },
    { "control characters refused, nothing written", test_control_characters_refused },
    { "a supervisor sees them", test_supervisor_sees_them },
    { "another field officer learns nothing", test_other_field_officer_learns_nothing },
    { "the case's field officers see them", test_case_officers_see_them },
    { "never in a hand-over", test_never_in_a_handover },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "party (core)", suite_init, suite_clean, NULL, NULL, core_tests },
        { "parties (store)", suite_init, suite_clean, NULL, NULL, store_tests },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_parties", suites);
}
