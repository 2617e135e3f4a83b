/* test_referral.c - the agency directory (records, contacts, search, the
 * file format and the shipped data/agencies.tsv) and referrals (every
 * transition, the consent gate, deadlines and the dashboard order).
 *
 * Tables of inputs and the answers a caller relies on.  Times are fixed
 * instants, never the system clock; the shipped file is found through
 * $top_srcdir, which make check exports. */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/caldate.h"
#include "core/codeset.h"
#include "core/consent.h"
#include "core/needs.h"
#include "core/referral.h"
#include "core/utf8.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Reports which table row failed before CUnit counts the failure. */

#define OFFICER "0b7c2d4e-5f60-4a71-8b92-a3b4c5d6e7f8"
#define OTHER_OFFICER "1c8d3e5f-6071-4b82-9ca3-b4c5d6e7f809"
#define CASE_ID "2d9e4f60-7182-4c93-adb4-c5d6e7f8091a"

/* A UTC instant from its ISO form (Thailand is 7 hours ahead). */
static char *read_source_file(const char *relative, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", top && *top ? top : ".", relative);
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("\n  cannot open %s (set top_srcdir to the source tree)\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, have = 0, n;
    char *buf = malloc(cap);
    while (buf && (n = fread(buf + have, 1, cap - have, f)) > 0) {
        have += n;
        if (have == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    *len = have;
    return buf;
}

static agency_directory *load_shipped(void)
{
    size_t len = 0;
    char *text = read_source_file("data/agencies.tsv", &len);
    if (!text)
        return NULL;
    agency_directory *d = NULL;
    agency_parse_error err;
    if (!agency_directory_parse(text, len, &d, &err))
        printf("\n    agencies.tsv line %d: %s (%s)\n", err.line,
               agency_parse_problem_text(err.problem),
               err.check.field ? err.check.field : "-");
    free(text);
    return d;
}

/* ---------------------------------------------------------------- code sets */

static const char *const colours[] = { "red", "green", "blue" };

static const char *colour_code(int i)
{
    return (i >= 0 && i < 3) ? colours[i] : "";
}

static void test_code_set_round_trip(void)
{
    static const struct { const char *text; bool ok; code_set want; const char *back; } rows[] = {
        { "", true, 0, "" },
        { "red", true, 1, "red" },
        { "blue,red", true, 5, "red,blue" },      /* stored in value order */
        { "red,green,blue", true, 7, "red,green,blue" },
        { "red,red", false, 0, NULL },
        { "red,", false, 0, NULL },
        { ",red", false, 0, NULL },
        { "red, blue", false, 0, NULL },
        { "Red", false, 0, NULL },
        { "purple", false, 0, NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        code_set s = 0xdead;
        bool ok = code_set_parse(colour_code, 3, rows[i].text, &s);
        CHECK_ROW(ok == rows[i].ok, rows[i].text);
        if (!rows[i].ok) {
            CHECK_ROW(s == 0xdead, rows[i].text);
            continue;
        }
        CHECK_ROW(s == rows[i].want, rows[i].text);
        char out[32];
        CHECK_ROW(code_set_format(colour_code, 3, s, out, sizeof out), rows[i].text);
        CHECK_ROW(strcmp(out, rows[i].back) == 0, rows[i].text);
    }
    char small[6] = "x";
    CU_ASSERT_FALSE(code_set_format(colour_code, 3, 7, small, sizeof small));
    CU_ASSERT_STRING_EQUAL(small, "");
    CU_ASSERT_FALSE(code_set_format(colour_code, 3, 8, small, sizeof small));
    CU_ASSERT_FALSE(code_set_parse(colour_code, 3, NULL, &(code_set){ 0 }));
    CU_ASSERT_EQUAL(code_set_count(5), 2);
    CU_ASSERT_TRUE(code_set_in_range(7, 3));
    CU_ASSERT_FALSE(code_set_in_range(8, 3));
    CU_ASSERT_EQUAL(code_set_all(32), UINT32_MAX);
    CU_ASSERT_EQUAL(code_set_bit(32), 0);
}

static void test_need_sets(void)
{
    need_set s = 0;
    CU_ASSERT_TRUE(need_set_parse("shelter,food,consular", &s));
    CU_ASSERT_TRUE(need_set_has(s, NEED_FOOD));
    CU_ASSERT_TRUE(need_set_has(s, NEED_SHELTER));
    CU_ASSERT_TRUE(need_set_has(s, NEED_CONSULAR));
    CU_ASSERT_FALSE(need_set_has(s, NEED_SAFETY));
    char text[NEED_SET_TEXT_MAX];
    CU_ASSERT_TRUE(need_set_format(s, text, sizeof text));
    CU_ASSERT_STRING_EQUAL(text, "food,shelter,consular");
    /* Every kind at once fits in NEED_SET_TEXT_MAX. */
    CU_ASSERT_TRUE(need_set_format(code_set_all(NEED_KIND_COUNT), text, sizeof text));
    need_set all = 0;
    CU_ASSERT_TRUE(need_set_parse(text, &all));
    CU_ASSERT_EQUAL(all, code_set_all(NEED_KIND_COUNT));
    CU_ASSERT_FALSE(need_set_valid(code_set_bit(NEED_KIND_COUNT)));
    CU_ASSERT_FALSE(need_set_parse("lunch", &s));
    CU_ASSERT_EQUAL(need_set_of((need_kind)-1), 0);
}

/* ----------------------------------------------------------------- agencies */

static void valid_agency(tc_agency *a)
{
    agency_init(a);
    strcpy(a->code, "tak_shelter");
    a->type = AGENCY_SHELTER;
    a->level = AGENCY_PROVINCIAL;
    strcpy(a->province, "TH-63");
    strcpy(a->name_th, "สถานคุ้มครองและพัฒนาอาชีพ จังหวัดตาก");
    strcpy(a->name_en, "Protection and Occupational Development Centre, Tak");
    strcpy(a->abbr_th, "สคพ.ตาก");
    a->services = need_set_of(NEED_SHELTER) | need_set_of(NEED_FOOD);
    strcpy(a->phone, "055 123 456, 081-234-5678");
    strcpy(a->line_id, "@takshelter");
    strcpy(a->email, "shelter.tak@example.go.th");
    strcpy(a->address, "1 Example Road\nMae Sot, Tak 63110");
    strcpy(a->focal_name, "นางสาวตัวอย่าง ทดสอบ");
    strcpy(a->focal_phone, "+66 81 234 5678");
}

static void ag_code_upper(tc_agency *a) { strcpy(a->code, "Tak"); }
static void ag_code_empty(tc_agency *a) { a->code[0] = '\0'; }
static void ag_type_bad(tc_agency *a) { a->type = AGENCY_TYPE_COUNT; }
static void ag_level_bad(tc_agency *a) { a->level = (agency_level)-1; }
static void ag_no_province(tc_agency *a) { a->province[0] = '\0'; }
static void ag_district_no_province(tc_agency *a)
{
    a->level = AGENCY_DISTRICT;
    a->province[0] = '\0';
}
static void ag_national_no_province(tc_agency *a)
{
    a->level = AGENCY_NATIONAL;
    a->province[0] = '\0';
}
static void ag_province_lower(tc_agency *a) { strcpy(a->province, "th-63"); }
static void ag_province_unknown(tc_agency *a) { strcpy(a->province, "TH-99"); }
static void ag_country_bad(tc_agency *a) { strcpy(a->country, "ZZ"); }
static void ag_country_abroad(tc_agency *a) { strcpy(a->country, "KH"); }
static void ag_name_th_blank(tc_agency *a) { strcpy(a->name_th, "  "); }
static void ag_name_th_latin(tc_agency *a) { strcpy(a->name_th, "Tak shelter"); }
static void ag_name_th_escape(tc_agency *a) { strcpy(a->name_th, "ตาก\x1b[2J"); }
static void ag_name_th_newline(tc_agency *a) { strcpy(a->name_th, "ตาก\nตาก"); }
static void ag_name_th_bidi(tc_agency *a) { strcpy(a->name_th, "ตาก\xe2\x80\xae"); }
static void ag_name_en_empty(tc_agency *a) { a->name_en[0] = '\0'; }
static void ag_name_en_thai(tc_agency *a) { strcpy(a->name_en, "Tak ตาก"); }
static void ag_abbr_th_latin(tc_agency *a) { strcpy(a->abbr_th, "DSI"); }
static void ag_abbr_en_thai(tc_agency *a) { strcpy(a->abbr_en, "พม."); }
static void ag_abbr_bad_utf8(tc_agency *a) { strcpy(a->abbr_en, "\xc3\x28"); }
static void ag_services_bad(tc_agency *a) { a->services |= code_set_bit(NEED_KIND_COUNT); }
static void ag_no_contacts(tc_agency *a)
{
    a->phone[0] = a->line_id[0] = a->email[0] = a->address[0] = '\0';
    a->focal_name[0] = a->focal_phone[0] = '\0';
}
static void ag_phone_letters(tc_agency *a) { strcpy(a->phone, "02-FLOWERS"); }
static void ag_phone_thai_digits(tc_agency *a) { strcpy(a->phone, "๑๓๐๐"); }
static void ag_line_bad(tc_agency *a) { strcpy(a->line_id, "tak shelter"); }
static void ag_email_bad(tc_agency *a) { strcpy(a->email, "shelter@tak"); }
static void ag_address_tab(tc_agency *a) { strcpy(a->address, "1 Road\tTak"); }
static void ag_focal_phone_bad(tc_agency *a) { strcpy(a->focal_phone, "12"); }
static void ag_note_escape(tc_agency *a) { strcpy(a->note, "call\x07"); }
static void ag_note_lines(tc_agency *a) { strcpy(a->note, "line 1\nline 2"); }
static void ag_name_too_long(tc_agency *a) { memset(a->name_en, 'a', sizeof a->name_en); }

static void test_agency_validate_table(void)
{
    static const struct {
        const char *name;
        void (*change)(tc_agency *);
        agency_problem want;
        const char *field;
    } rows[] = {
        { "valid", NULL, AGENCY_OK, NULL },
        { "code upper case", ag_code_upper, AGENCY_CODE_BAD, "code" },
        { "code empty", ag_code_empty, AGENCY_CODE_BAD, "code" },
        { "type out of range", ag_type_bad, AGENCY_TYPE_INVALID, "type" },
        { "level out of range", ag_level_bad, AGENCY_LEVEL_INVALID, "level" },
        { "provincial without province", ag_no_province, AGENCY_PROVINCE_MISSING, "province" },
        { "district without province", ag_district_no_province, AGENCY_PROVINCE_MISSING,
          "province" },
        { "national without province", ag_national_no_province, AGENCY_OK, NULL },
        { "province not in stored form", ag_province_lower, AGENCY_PROVINCE_UNKNOWN, "province" },
        { "province unknown", ag_province_unknown, AGENCY_PROVINCE_UNKNOWN, "province" },
        { "country unknown", ag_country_bad, AGENCY_COUNTRY_BAD, "country" },
        { "country abroad", ag_country_abroad, AGENCY_OK, NULL },
        { "Thai name blank", ag_name_th_blank, AGENCY_NAME_TH_MISSING, "name_th" },
        { "Thai name in Latin", ag_name_th_latin, AGENCY_NAME_TH_NOT_THAI, "name_th" },
        { "Thai name with escape", ag_name_th_escape, AGENCY_TEXT_BAD, "name_th" },
        { "Thai name with newline", ag_name_th_newline, AGENCY_TEXT_BAD, "name_th" },
        { "Thai name with bidi override", ag_name_th_bidi, AGENCY_TEXT_BAD, "name_th" },
        { "English name empty", ag_name_en_empty, AGENCY_NAME_EN_MISSING, "name_en" },
        { "English name with Thai", ag_name_en_thai, AGENCY_NAME_EN_HAS_THAI, "name_en" },
        { "English name too long", ag_name_too_long, AGENCY_TEXT_TOO_LONG, "name_en" },
        { "Thai abbreviation in Latin", ag_abbr_th_latin, AGENCY_OK, NULL },
        { "English abbreviation in Thai", ag_abbr_en_thai, AGENCY_NAME_EN_HAS_THAI, "abbr_en" },
        { "abbreviation bad UTF-8", ag_abbr_bad_utf8, AGENCY_TEXT_BAD, "abbr_en" },
        { "unknown service bit", ag_services_bad, AGENCY_SERVICES_INVALID, "services" },
        { "no contacts at all", ag_no_contacts, AGENCY_OK, NULL },
        { "phone with letters", ag_phone_letters, AGENCY_PHONE_BAD, "phone" },
        { "phone in Thai digits", ag_phone_thai_digits, AGENCY_PHONE_BAD, "phone" },
        { "LINE id with space", ag_line_bad, AGENCY_LINE_BAD, "line_id" },
        { "e-mail without a domain", ag_email_bad, AGENCY_EMAIL_BAD, "email" },
        { "address with a tab is fine", ag_address_tab, AGENCY_OK, NULL },
        { "focal phone too short", ag_focal_phone_bad, AGENCY_PHONE_BAD, "focal_phone" },
        { "note with a bell", ag_note_escape, AGENCY_TEXT_BAD, "note" },
        { "note on two lines", ag_note_lines, AGENCY_OK, NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_agency a;
        valid_agency(&a);
        if (rows[i].change)
            rows[i].change(&a);
        agency_check c = agency_validate(&a);
        CHECK_ROW(c.problem == rows[i].want, rows[i].name);
        if (rows[i].field)
            CHECK_ROW(c.field && strcmp(c.field, rows[i].field) == 0, rows[i].name);
        else
            CHECK_ROW(c.field == NULL, rows[i].name);
    }
    for (int p = 0; p < AGENCY_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(agency_problem_text((agency_problem)p));
}

static void test_agency_contact_shapes(void)
{
    static const struct { const char *s; bool ok; } phones[] = {
        { "1300", true }, { "191", true }, { "02 123 4567", true }, { "02-123-4567", true },
        { "+66 2 123 4567", true }, { "081-234-5678, 1300", true }, { "1300,191", true },
        { "12", false }, { "", false }, { "+", false }, { "+ 66 2", false },
        { "02  123", false }, { "02-", false }, { "-02", false }, { "1300,", false },
        { "1300, ", false }, { "(02) 123 4567", false }, { "1234567890123456", false },
        { "02 123 4567 ext 5", false },
    };
    for (size_t i = 0; i < COUNT(phones); i++)
        CHECK_ROW(agency_phone_valid(phones[i].s) == phones[i].ok, phones[i].s);
    CU_ASSERT_FALSE(agency_phone_valid(NULL));

    static const struct { const char *s; bool ok; } lines[] = {
        { "@msdhs", true }, { "some.id_1-2", true }, { "A", true },
        { "@", false }, { "", false }, { "two words", false }, { "@@x", false },
        { "ไลน์", false }, { "abcdefghijabcdefghijabcdefghijabcdefghij", false },
        { "@abcdefghijabcdefghijabcdefghijabcdefghi", true },
    };
    for (size_t i = 0; i < COUNT(lines); i++)
        CHECK_ROW(agency_line_id_valid(lines[i].s) == lines[i].ok, lines[i].s);

    static const struct { const char *s; bool ok; } emails[] = {
        { "info@example.go.th", true }, { "a.b+c@x-y.org", true }, { "x@y.co", true },
        { "", false }, { "no-at.example.com", false }, { "a@b@c.com", false },
        { "@example.com", false }, { "a@example", false }, { ".a@example.com", false },
        { "a.@example.com", false }, { "a..b@example.com", false }, { "a@-x.com", false },
        { "a@x-.com", false }, { "a@x..com", false }, { "a@x.c", false }, { "a@x.c0m", false },
        { "a b@example.com", false }, { "ก@example.com", false },
    };
    for (size_t i = 0; i < COUNT(emails); i++)
        CHECK_ROW(agency_email_valid(emails[i].s) == emails[i].ok, emails[i].s);
}

static void test_agency_codes(void)
{
    static const char *const types[] = {
        "government", "shelter", "police", "immigration", "health", "legal_aid", "embassy",
        "international", "ngo", "private",
    };
    CU_ASSERT_EQUAL(COUNT(types), AGENCY_TYPE_COUNT);
    tc_code_list list = agency_type_list();
    CU_ASSERT_EQUAL(list.count, AGENCY_TYPE_COUNT);
    for (int i = 0; i < AGENCY_TYPE_COUNT; i++) {
        agency_type back;
        CU_ASSERT_STRING_EQUAL(agency_type_code((agency_type)i), types[i]);
        CU_ASSERT_TRUE(agency_type_from_code(types[i], &back));
        CU_ASSERT_EQUAL(back, i);
        /* The consent list carries the same codes, with both labels. */
        CU_ASSERT_STRING_EQUAL(list.rows[i].code, types[i]);
        CU_ASSERT_STRING_EQUAL(list.rows[i].label, agency_type_label((agency_type)i));
        CU_ASSERT_TRUE(list.rows[i].label_th && list.rows[i].label_th[0]);
    }
    static const char *const levels[] = { "national", "provincial", "district" };
    for (int i = 0; i < AGENCY_LEVEL_COUNT; i++) {
        agency_level back;
        CU_ASSERT_STRING_EQUAL(agency_level_code((agency_level)i), levels[i]);
        CU_ASSERT_TRUE(agency_level_from_code(levels[i], &back));
        CU_ASSERT_EQUAL(back, i);
    }
    agency_type t;
    CU_ASSERT_FALSE(agency_type_from_code("casino", &t));
    CU_ASSERT_FALSE(agency_type_from_code(NULL, &t));
    CU_ASSERT_STRING_EQUAL(agency_type_code(AGENCY_TYPE_COUNT), "");

    /* A consent to referral names an agency kind from this list. */
    tc_consent c;
    consent_init(&c);
    c.purpose = CONSENT_REFERRAL;
    strcpy(c.agency_kind, "embassy");
    c.given_on = harness_day("2026-11-20");
    strcpy(c.language, "my");
    CU_ASSERT_EQUAL(consent_validate(&c, list, false, harness_day("2026-11-21")).problem, CONSENT_OK);
    strcpy(c.agency_kind, "casino");
    CU_ASSERT_EQUAL(consent_validate(&c, list, false, harness_day("2026-11-21")).problem,
                    CONSENT_AGENCY_KIND_UNKNOWN);
}

static void test_agency_search(void)
{
    tc_agency a;
    agency_init(&a);
    strcpy(a.code, "rtp_atpd");
    a.type = AGENCY_POLICE;
    strcpy(a.name_th, "กองบังคับการปราบปรามการกระทำความผิดเกี่ยวกับการค้ามนุษย์");
    strcpy(a.name_en, "Anti-Trafficking in Persons Division");
    strcpy(a.abbr_th, "บก.ปคม.");
    strcpy(a.abbr_en, "ATPD");
    static const struct { const char *term; bool match; } rows[] = {
        { "บก.ปคม.", true },
        { "ปคม", true },            /* without the dots */
        { "บกปคม", true },
        { "การค้ามนุษย์", true },       /* a Thai fragment of the name */
        { "atpd", true },           /* case folded */
        { "ATPD", true },
        { "trafficking in", true },
        { "  Division  ", true },   /* surrounding spaces ignored */
        { "", true },               /* a blank term lists everything */
        { "   ", true },
        { "พม.", false },
        { "immigration", false },
        { "Divisionกองบังคับการปราบปราม", false },   /* never across two fields */
        { "ATPDบก", false },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(agency_matches(&a, rows[i].term) == rows[i].match, rows[i].term);
    CU_ASSERT_TRUE(agency_matches(&a, NULL));

    /* Thai digits fold to ASCII, as in the case search. */
    strcpy(a.name_th, "ศูนย์ช่วยเหลือสังคม สายด่วน 1300");
    CU_ASSERT_TRUE(agency_matches(&a, "๑๓๐๐"));
    char folded[32];
    agency_search_fold("S.T.CH. ๔๒", folded, sizeof folded);
    CU_ASSERT_STRING_EQUAL(folded, "stch 42");
}

/* ------------------------------------------------------------ the file form */

/* One valid line; tests build texts from it. */
#define LINE_OK "dlpw\tgovernment\tnational\t-\tTH\tกรมสวัสดิการและคุ้มครองแรงงาน\t" \
                "Department of Labour Protection and Welfare\tกสร.\tDLPW\t"          \
                "legal_counselling,wage_recovery\t1546\t-\t-\t-\t-\t-\t-"
#define LINE_TAK "tak_shelter\tshelter\tprovincial\tTH-63\tTH\tสถานคุ้มครอง ตาก\t" \
                 "Shelter, Tak\t-\t-\tshelter,food\t-\t@tak\tinfo@tak.example.org\t" \
                 "Mae Sot\tคุณสมศรี\t081 234 5678\tOpen 24 hours"

static void test_agency_parse_good(void)
{
    const char *text = "# comment\r\n\r\n" LINE_OK "\r\n" LINE_TAK "\n";
    agency_directory *d = NULL;
    agency_parse_error err;
    CU_ASSERT_TRUE_FATAL(agency_directory_parse(text, strlen(text), &d, &err));
    CU_ASSERT_EQUAL(err.problem, AGENCY_PARSE_OK);
    CU_ASSERT_EQUAL_FATAL(d->count, 2);
    const tc_agency *a = &d->agencies[0];
    CU_ASSERT_STRING_EQUAL(a->code, "dlpw");
    CU_ASSERT_EQUAL(a->type, AGENCY_GOVERNMENT);
    CU_ASSERT_EQUAL(a->level, AGENCY_NATIONAL);
    CU_ASSERT_STRING_EQUAL(a->province, "");        /* "-" is empty */
    CU_ASSERT_STRING_EQUAL(a->abbr_th, "กสร.");
    CU_ASSERT_STRING_EQUAL(a->phone, "1546");
    CU_ASSERT_STRING_EQUAL(a->line_id, "");
    CU_ASSERT_TRUE(a->active);
    CU_ASSERT_EQUAL(a->services,
                    need_set_of(NEED_LEGAL_COUNSELLING) | need_set_of(NEED_WAGE_RECOVERY));
    const tc_agency *tak = agency_directory_find(d, "tak_shelter");
    CU_ASSERT_PTR_EQUAL(tak, &d->agencies[1]);
    CU_ASSERT_STRING_EQUAL(tak->province, "TH-63");
    CU_ASSERT_STRING_EQUAL(tak->email, "info@tak.example.org");
    CU_ASSERT_STRING_EQUAL(tak->note, "Open 24 hours");
    CU_ASSERT_PTR_NULL(agency_directory_find(d, "dsi"));
    CU_ASSERT_PTR_NULL(agency_directory_find(d, NULL));
    agency_directory_free(d);
    agency_directory_free(NULL);
}

static void test_agency_parse_errors(void)
{
    char long_name[AGENCY_NAME_MAX + 20];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    char too_long_line[1024];
    snprintf(too_long_line, sizeof too_long_line,
             "x\tgovernment\tnational\t-\tTH\tชื่อ\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-", long_name);
    static const char nul_text[] = LINE_OK "\n" "ab\0cd\n";
    const struct {
        const char *name;
        const char *text;
        agency_parse_problem want;
        int line;
        agency_problem check;
        const char *field;
    } rows[] = {
        { "empty text", "", AGENCY_PARSE_EMPTY, 0, AGENCY_OK, NULL },
        { "only comments", "# a\n\n# b\n", AGENCY_PARSE_EMPTY, 0, AGENCY_OK, NULL },
        { "too few fields", "dlpw\tgovernment\n", AGENCY_PARSE_FIELD_COUNT, 1, AGENCY_OK, NULL },
        { "too many fields", LINE_OK "\textra\n", AGENCY_PARSE_FIELD_COUNT, 1, AGENCY_OK, NULL },
        { "unknown type",
          "x\tcasino\tnational\t-\tTH\tชื่อ\tName\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_UNKNOWN_TYPE, 1, AGENCY_OK, NULL },
        { "unknown level",
          "x\tngo\tregional\t-\tTH\tชื่อ\tName\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_UNKNOWN_LEVEL, 1, AGENCY_OK, NULL },
        { "unknown service",
          "x\tngo\tnational\t-\tTH\tชื่อ\tName\t-\t-\tfood,lunch\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_UNKNOWN_SERVICE, 1, AGENCY_OK, NULL },
        { "names swapped",
          "x\tngo\tnational\t-\tTH\tName\tชื่อ\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_INVALID_ROW, 1, AGENCY_NAME_TH_NOT_THAI, "name_th" },
        { "provincial without province",
          "x\tngo\tprovincial\t-\tTH\tชื่อ\tName\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_INVALID_ROW, 1, AGENCY_PROVINCE_MISSING, "province" },
        { "bad phone on line 3",
          "# c\n" LINE_OK "\n"
          "x\tngo\tnational\t-\tTH\tชื่อ\tName\t-\t-\t-\tcall us\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_INVALID_ROW, 3, AGENCY_PHONE_BAD, "phone" },
        { "duplicate code", LINE_OK "\n" LINE_OK "\n", AGENCY_PARSE_DUPLICATE_CODE, 2,
          AGENCY_OK, NULL },
        { "escape in a name",
          "x\tngo\tnational\t-\tTH\tชื่อ\x1b[2J\tName\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_CONTROL_CHAR, 1, AGENCY_OK, NULL },
        { "bad UTF-8", "x\tngo\tnational\t-\tTH\t\xe0\xb8\tName\t-\t-\t-\t-\t-\t-\t-\t-\t-\t-",
          AGENCY_PARSE_NOT_UTF8, 1, AGENCY_OK, NULL },
        { "field longer than its buffer", too_long_line, AGENCY_PARSE_INVALID_ROW, 1,
          AGENCY_TEXT_TOO_LONG, "name_en" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        agency_directory *d = (agency_directory *)1;
        agency_parse_error err;
        bool parsed = agency_directory_parse(rows[i].text, strlen(rows[i].text), &d, &err);
        CHECK_ROW(!parsed, rows[i].name);
        CHECK_ROW(d == NULL, rows[i].name);
        CHECK_ROW(err.problem == rows[i].want, rows[i].name);
        CHECK_ROW(err.line == rows[i].line, rows[i].name);
        if (rows[i].want == AGENCY_PARSE_INVALID_ROW) {
            CHECK_ROW(err.check.problem == rows[i].check, rows[i].name);
            CHECK_ROW(err.check.field && strcmp(err.check.field, rows[i].field) == 0,
                      rows[i].name);
        }
        if (parsed)
            agency_directory_free(d);
    }
    /* A NUL byte inside the text is refused, on its line. */
    agency_directory *d = NULL;
    agency_parse_error err;
    CU_ASSERT_FALSE(agency_directory_parse(nul_text, sizeof nul_text - 1, &d, &err));
    CU_ASSERT_EQUAL(err.problem, AGENCY_PARSE_CONTROL_CHAR);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_FALSE(agency_directory_parse(NULL, 5, &d, NULL));
    for (int p = 0; p < AGENCY_PARSE_PROBLEM_COUNT; p++)
        CU_ASSERT_TRUE(agency_parse_problem_text((agency_parse_problem)p)[0] != '\0');
}

/* ---------------------------------------------------- the shipped directory */

static void test_shipped_rows_valid(void)
{
    agency_directory *d = load_shipped();
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_TRUE(d->count >= 25);
    for (size_t i = 0; i < d->count; i++) {
        const tc_agency *a = &d->agencies[i];
        CHECK_ROW(agency_validate(a).problem == AGENCY_OK, a->code);
        CHECK_ROW(a->services != 0, a->code);
        /* What the file promises: no contact but well-known national
         * short-code hotlines (3 or 4 digits). */
        CHECK_ROW(a->phone[0] == '\0' || (strlen(a->phone) <= 4 && agency_phone_valid(a->phone)),
                  a->code);
        CHECK_ROW(!a->line_id[0] && !a->email[0] && !a->address[0], a->code);
        CHECK_ROW(!a->focal_name[0] && !a->focal_phone[0], a->code);
        CHECK_ROW(a->level == AGENCY_NATIONAL, a->code);
        CHECK_ROW(strcmp(a->country, "TH") == 0, a->code);
    }
    agency_directory_free(d);
}

/* Finds the one agency with this code among the search results. */
static bool search_finds(const agency_directory *d, const char *term, const char *code)
{
    size_t idx[64];
    size_t n = agency_directory_search(d, term, idx, COUNT(idx));
    for (size_t i = 0; i < n && i < COUNT(idx); i++)
        if (strcmp(d->agencies[idx[i]].code, code) == 0)
            return true;
    return false;
}

static void test_shipped_directory_search(void)
{
    agency_directory *d = load_shipped();
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    /* The bodies the issue names, found as officers type them. */
    static const struct { const char *term, *code; } rows[] = {
        { "พม.", "msdhs" }, { "พม", "msdhs" }, { "MSDHS", "msdhs" },
        { "ความมั่นคงของมนุษย์", "msdhs_ops" }, { "1300", "msdhs_1300" },
        { "สตช.", "rtp" }, { "royal thai police", "rtp" }, { "บก.ปคม", "rtp_atpd" },
        { "trafficking in persons", "rtp_atpd" },
        { "กสร.", "dlpw" }, { "labour protection", "dlpw" },
        { "กกจ", "doe" }, { "Department of Employment", "doe" },
        { "ตม.", "imm" }, { "immigration", "imm" },
        { "DSI", "dsi" }, { "ดีเอสไอ", "dsi" }, { "สอบสวนคดีพิเศษ", "dsi" },
        { "อัยการ", "oag" }, { "attorney general", "oag" },
        { "สภาทนายความ", "lct" }, { "lawyers council", "lct" },
        { "สาธารณสุข", "moph" }, { "public health", "moph" },
        { "IOM", "iom" }, { "โยกย้ายถิ่นฐาน", "iom" },
        { "เมียนมา", "emb_mm" }, { "myanmar", "emb_mm" },
        { "กัมพูชา", "emb_kh" }, { "cambodia", "emb_kh" },
        { "ลาว", "emb_la" }, { "lao", "emb_la" },
        { "เวียดนาม", "emb_vn" }, { "viet nam", "emb_vn" },
    };
    for (size_t i = 0; i < COUNT(rows); i++)
        CHECK_ROW(search_finds(d, rows[i].term, rows[i].code), rows[i].term);
    /* The four embassies are embassies, and nothing else is. */
    size_t embassies = 0;
    for (size_t i = 0; i < d->count; i++)
        embassies += d->agencies[i].type == AGENCY_EMBASSY;
    CU_ASSERT_EQUAL(embassies, 4);
    CU_ASSERT_EQUAL(agency_directory_search(d, "no such agency", NULL, 0), 0);
    CU_ASSERT_EQUAL(agency_directory_search(d, "", NULL, 0), d->count);
    agency_directory_free(d);
}

/* ---------------------------------------------------------------- referrals */

static void valid_referral(tc_referral *r)
{
    referral_init(r);
    strcpy(r->id, "3eaf5071-8293-4da4-bec5-d6e7f8091a2b");
    strcpy(r->case_id, CASE_ID);
    strcpy(r->agency_code, "dlpw");
    r->needs = need_set_of(NEED_WAGE_RECOVERY) | need_set_of(NEED_LEGAL_COUNSELLING);
    r->urgency = REFERRAL_URGENT;
    r->channel = REFERRAL_BY_LETTER;
    strcpy(r->summary, "Unpaid wages for 5 months; employer keeps the passport.");
    r->shared = code_set_bit(REFERRAL_SHARED_IDENTITY) | code_set_bit(REFERRAL_SHARED_STORY);
    strcpy(r->officer_id, OFFICER);
    r->created_at = r->state_changed_at = harness_at("2026-11-20T02:00:00Z");
    strcpy(r->created_by, OFFICER);
}

static const char *const state_names[REFERRAL_STATE_COUNT] = {
    "draft", "sent", "acknowledged", "accepted", "declined", "in_service", "completed",
    "closed", "withdrawn",
};

/* The whole table, written out: rows are "from", columns "to", in the
 * order draft, sent, acknowledged, accepted, declined, in service,
 * completed, closed, withdrawn. */
static const bool want_allowed[REFERRAL_STATE_COUNT][REFERRAL_STATE_COUNT] = {
    [REFERRAL_DRAFT] = { 0, 1, 0, 0, 0, 0, 0, 1, 1 },
    [REFERRAL_SENT] = { 0, 0, 1, 0, 0, 0, 0, 1, 1 },
    [REFERRAL_ACKNOWLEDGED] = { 0, 0, 0, 1, 1, 0, 0, 1, 1 },
    [REFERRAL_ACCEPTED] = { 0, 0, 0, 0, 0, 1, 0, 1, 1 },
    [REFERRAL_DECLINED] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
    [REFERRAL_IN_SERVICE] = { 0, 0, 0, 0, 0, 0, 1, 1, 1 },
    [REFERRAL_COMPLETED] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
    [REFERRAL_CLOSED] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
    [REFERRAL_WITHDRAWN] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 },
};

static void test_referral_every_pair(void)
{
    for (int f = 0; f < REFERRAL_STATE_COUNT; f++) {
        for (int t = 0; t < REFERRAL_STATE_COUNT; t++) {
            char name[64];
            snprintf(name, sizeof name, "%s -> %s", state_names[f], state_names[t]);
            referral_state from = (referral_state)f, to = (referral_state)t;
            bool want = want_allowed[f][t];
            CHECK_ROW(referral_transition_allowed(from, to) == want, name);
            referral_problem with_reason =
                f == t ? REFERRAL_SAME_STATE : want ? REFERRAL_OK : REFERRAL_TRANSITION_REFUSED;
            CHECK_ROW(referral_transition_check(from, to, "The person moved to Bangkok")
                      == with_reason, name);
            /* Without a reason only declining, closing and withdrawing fail. */
            referral_problem without = with_reason;
            if (want && referral_state_needs_reason(to))
                without = REFERRAL_REASON_MISSING;
            CHECK_ROW(referral_transition_check(from, to, NULL) == without, name);
            CHECK_ROW(referral_transition_check(from, to, " \n ") == without, name);
        }
    }
    CU_ASSERT_EQUAL(referral_transition_check(REFERRAL_STATE_COUNT, REFERRAL_SENT, NULL),
                    REFERRAL_STATE_INVALID);
    CU_ASSERT_EQUAL(referral_transition_check(REFERRAL_DRAFT, (referral_state)-1, NULL),
                    REFERRAL_STATE_INVALID);
    CU_ASSERT_FALSE(referral_transition_allowed((referral_state)-1, REFERRAL_SENT));
}

static void test_referral_next_states(void)
{
    for (int f = 0; f < REFERRAL_STATE_COUNT; f++) {
        referral_state next[REFERRAL_STATE_COUNT];
        size_t n = referral_next_states((referral_state)f, next);
        size_t k = 0;
        for (int t = 0; t < REFERRAL_STATE_COUNT; t++) {
            if (!want_allowed[f][t])
                continue;
            CHECK_ROW(k < n && next[k] == (referral_state)t, state_names[f]);
            k++;
        }
        CHECK_ROW(k == n, state_names[f]);
        /* Open states can always be closed or withdrawn; final ones nothing. */
        CHECK_ROW(referral_state_is_open((referral_state)f) == (n > 0), state_names[f]);
    }
    referral_state next[REFERRAL_STATE_COUNT];
    CU_ASSERT_EQUAL(referral_next_states(REFERRAL_STATE_COUNT, next), 0);
}

/* The message of every refused pair names both states and exactly the
 * states that are possible. */
static void test_referral_refusal_messages(void)
{
    for (int f = 0; f < REFERRAL_STATE_COUNT; f++) {
        for (int t = 0; t < REFERRAL_STATE_COUNT; t++) {
            char name[64], msg[REFERRAL_MESSAGE_MAX];
            snprintf(name, sizeof name, "%s -> %s", state_names[f], state_names[t]);
            referral_state from = (referral_state)f, to = (referral_state)t;
            CHECK_ROW(referral_transition_message(from, to, NULL, msg, sizeof msg), name);
            if (want_allowed[f][t]) {
                CHECK_ROW(msg[0] == '\0', name);
                continue;
            }
            CHECK_ROW(strstr(msg, referral_state_label(from)) != NULL, name);
            if (f == t)
                continue;
            CHECK_ROW(strstr(msg, referral_state_label(to)) != NULL, name);
            if (!referral_state_is_open(from)) {
                CHECK_ROW(strstr(msg, "final state") != NULL, name);
                continue;
            }
            /* The list after "it can go to:" is exactly the allowed states. */
            char want_list[REFERRAL_MESSAGE_MAX] = "";
            referral_state next[REFERRAL_STATE_COUNT];
            size_t n = referral_next_states(from, next);
            for (size_t i = 0; i < n; i++) {
                if (i > 0)
                    strcat(want_list, ", ");
                strcat(want_list, referral_state_label(next[i]));
            }
            strcat(want_list, ".");
            const char *list = strstr(msg, "it can go to: ");
            CHECK_ROW(list && strcmp(list + strlen("it can go to: "), want_list) == 0, name);
        }
    }
    char msg[REFERRAL_MESSAGE_MAX];
    referral_transition_message(REFERRAL_SENT, REFERRAL_ACCEPTED, NULL, msg, sizeof msg);
    CU_ASSERT_STRING_EQUAL(msg, "A referral cannot go from \"Sent\" to \"Accepted\". From "
                                "\"Sent\" it can go to: Acknowledged, Closed, Withdrawn.");
}

/* A stand-in for gettext with a few Thai entries, one of them reordering
 * its arguments' surroundings. */
static const char *to_thai(const char *msgid)
{
    static const struct { const char *id, *th; } table[] = {
        { "Sent", "ส่งแล้ว" },
        { "Accepted", "หน่วยงานตอบรับแล้ว" },
        { "Acknowledged", "หน่วยงานรับทราบแล้ว" },
        { "Closed", "ปิดเรื่อง" },
        { "Withdrawn", "ถอนการส่งต่อ" },
        { "A referral cannot go from \"%s\" to \"%s\".",
          "ไม่สามารถเปลี่ยนสถานะการส่งต่อจาก \"%s\" เป็น \"%s\" ได้" },
        { "From \"%s\" it can go to:", "จากสถานะ \"%s\" เปลี่ยนได้เป็น" },
    };
    for (size_t i = 0; i < COUNT(table); i++)
        if (strcmp(table[i].id, msgid) == 0)
            return table[i].th;
    return NULL;        /* untranslated: the caller keeps the English */
}

static void test_referral_message_translated_and_cut(void)
{
    char msg[REFERRAL_MESSAGE_MAX];
    CU_ASSERT_TRUE(referral_transition_message(REFERRAL_SENT, REFERRAL_ACCEPTED, to_thai, msg,
                                               sizeof msg));
    CU_ASSERT_STRING_EQUAL(msg, "ไม่สามารถเปลี่ยนสถานะการส่งต่อจาก \"ส่งแล้ว\" เป็น "
                                "\"หน่วยงานตอบรับแล้ว\" ได้ จากสถานะ \"ส่งแล้ว\" เปลี่ยนได้เป็น "
                                "หน่วยงานรับทราบแล้ว, ปิดเรื่อง, ถอนการส่งต่อ.");
    /* Too small a buffer: cut, still valid UTF-8, and said so. */
    for (size_t size = 1; size < 80; size++) {
        char small[80];
        memset(small, 'x', sizeof small);
        bool whole = referral_transition_message(REFERRAL_SENT, REFERRAL_ACCEPTED, to_thai,
                                                 small, size);
        CU_ASSERT_FALSE(whole);
        CU_ASSERT_TRUE(strlen(small) < size);
        CU_ASSERT_TRUE(utf8_valid(small));
    }
    /* The same state twice, and a state out of range. */
    CU_ASSERT_TRUE(referral_transition_message(REFERRAL_SENT, REFERRAL_SENT, NULL, msg,
                                               sizeof msg));
    CU_ASSERT_STRING_EQUAL(msg, "The referral is already \"Sent\".");
    CU_ASSERT_TRUE(referral_transition_message(REFERRAL_STATE_COUNT, REFERRAL_SENT, NULL, msg,
                                               sizeof msg));
    CU_ASSERT_STRING_EQUAL(msg, referral_problem_text(REFERRAL_STATE_INVALID));
}

/* Walks the whole path and checks each step's timestamp and event. */
static void test_referral_change_state_path(void)
{
    static const struct {
        referral_state to;
        const char *when;
        const char *reason;
        size_t stamp;               /* offsetof the timestamp it sets */
    } path[] = {
        { REFERRAL_SENT, "2026-11-20T03:00:00Z", NULL, offsetof(tc_referral, sent_at) },
        { REFERRAL_ACKNOWLEDGED, "2026-11-20T05:00:00Z", "By phone, Khun Somsri",
          offsetof(tc_referral, acknowledged_at) },
        { REFERRAL_ACCEPTED, "2026-11-21T01:00:00Z", NULL, offsetof(tc_referral, decided_at) },
        { REFERRAL_IN_SERVICE, "2026-11-23T02:00:00Z", NULL, offsetof(tc_referral, service_at) },
        { REFERRAL_COMPLETED, "2027-01-05T09:00:00Z", NULL, offsetof(tc_referral, ended_at) },
    };
    tc_referral r;
    valid_referral(&r);
    for (size_t i = 0; i < COUNT(path); i++) {
        const char *name = referral_state_code(path[i].to);
        referral_state from = r.state;
        referral_event e;
        int64_t when = harness_at(path[i].when);
        /* Computed first: CHECK_ROW evaluates its condition twice. */
        referral_problem p = referral_change_state(&r, path[i].to, path[i].reason, when,
                                                   i % 2 ? OTHER_OFFICER : OFFICER, &e);
        CHECK_ROW(p == REFERRAL_OK, name);
        CHECK_ROW(r.state == path[i].to, name);
        CHECK_ROW(*(int64_t *)((char *)&r + path[i].stamp) == when, name);
        CHECK_ROW(r.state_changed_at == when && r.updated_at == when, name);
        CHECK_ROW(strcmp(r.updated_by, i % 2 ? OTHER_OFFICER : OFFICER) == 0, name);
        CHECK_ROW(strcmp(r.state_reason, path[i].reason ? path[i].reason : "") == 0, name);
        CHECK_ROW(e.from == from && e.to == path[i].to && e.at == when, name);
        CHECK_ROW(strcmp(e.referral_id, r.id) == 0, name);
        CHECK_ROW(strcmp(e.officer_id, i % 2 ? OTHER_OFFICER : OFFICER) == 0, name);
        CHECK_ROW(strcmp(e.note, path[i].reason ? path[i].reason : "") == 0, name);
        CHECK_ROW(referral_validate(&r).problem == REFERRAL_OK, name);
    }
    /* Completed is final. */
    tc_referral before = r;
    CU_ASSERT_EQUAL(referral_change_state(&r, REFERRAL_CLOSED, "late", harness_at("2027-01-06T00:00:00Z"),
                                          OFFICER, NULL),
                    REFERRAL_TRANSITION_REFUSED);
    CU_ASSERT_EQUAL(memcmp(&before, &r, sizeof r), 0);
}

static void test_referral_change_state_refusals(void)
{
    tc_referral r, before;
    valid_referral(&r);
    CU_ASSERT_EQUAL(referral_change_state(&r, REFERRAL_SENT, NULL, harness_at("2026-11-20T03:00:00Z"),
                                          OFFICER, NULL),
                    REFERRAL_OK);
    before = r;
    referral_event e;
    memset(&e, 0x5a, sizeof e);
    referral_event untouched = e;
    static const struct {
        const char *name;
        referral_state to;
        const char *reason;
        const char *when;
        const char *officer;
        referral_problem want;
    } rows[] = {
        { "skip acknowledgement", REFERRAL_ACCEPTED, NULL, "2026-11-20T04:00:00Z", OFFICER,
          REFERRAL_TRANSITION_REFUSED },
        { "back to draft", REFERRAL_DRAFT, NULL, "2026-11-20T04:00:00Z", OFFICER,
          REFERRAL_TRANSITION_REFUSED },
        { "sent again", REFERRAL_SENT, NULL, "2026-11-20T04:00:00Z", OFFICER,
          REFERRAL_SAME_STATE },
        { "withdrawn without a reason", REFERRAL_WITHDRAWN, "", "2026-11-20T04:00:00Z", OFFICER,
          REFERRAL_REASON_MISSING },
        { "closed with an escape", REFERRAL_CLOSED, "gone\x1b[2J", "2026-11-20T04:00:00Z",
          OFFICER, REFERRAL_REASON_BAD_TEXT },
        { "acknowledged before it was sent", REFERRAL_ACKNOWLEDGED, NULL,
          "2026-11-20T02:59:59Z", OFFICER, REFERRAL_TIME_BEFORE_LAST },
        { "no officer", REFERRAL_ACKNOWLEDGED, NULL, "2026-11-20T04:00:00Z", "",
          REFERRAL_OFFICER_MISSING },
        { "NULL officer", REFERRAL_ACKNOWLEDGED, NULL, "2026-11-20T04:00:00Z", NULL,
          REFERRAL_OFFICER_MISSING },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        referral_problem p = referral_change_state(&r, rows[i].to, rows[i].reason,
                                                   harness_at(rows[i].when), rows[i].officer, &e);
        CHECK_ROW(p == rows[i].want, rows[i].name);
        CHECK_ROW(memcmp(&r, &before, sizeof r) == 0, rows[i].name);
        CHECK_ROW(memcmp(&e, &untouched, sizeof e) == 0, rows[i].name);
    }
    /* The same instant as the last change is fine (two quick clicks). */
    CU_ASSERT_EQUAL(referral_change_state(&r, REFERRAL_WITHDRAWN, "Person asked to stop",
                                          harness_at("2026-11-20T03:00:00Z"), OFFICER, &e),
                    REFERRAL_OK);
    CU_ASSERT_EQUAL(r.ended_at, harness_at("2026-11-20T03:00:00Z"));
    CU_ASSERT_STRING_EQUAL(r.state_reason, "Person asked to stop");
    for (int p = 0; p < REFERRAL_PROBLEM_COUNT; p++)
        CU_ASSERT_PTR_NOT_NULL(referral_problem_text((referral_problem)p));
}

static void rf_no_case(tc_referral *r) { r->case_id[0] = '\0'; }
static void rf_agency_bad(tc_referral *r) { strcpy(r->agency_code, "DLPW"); }
static void rf_no_needs(tc_referral *r) { r->needs = 0; }
static void rf_needs_bad(tc_referral *r) { r->needs = code_set_bit(NEED_KIND_COUNT); }
static void rf_urgency_bad(tc_referral *r) { r->urgency = REFERRAL_URGENCY_COUNT; }
static void rf_channel_bad(tc_referral *r) { r->channel = (referral_channel)-1; }
static void rf_draft_no_summary(tc_referral *r) { r->summary[0] = '\0'; }
static void rf_sent_no_summary(tc_referral *r)
{
    r->summary[0] = '\0';
    r->state = REFERRAL_SENT;
}
static void rf_summary_escape(tc_referral *r) { strcpy(r->summary, "ok\x1b]0;x\x07"); }
static void rf_summary_lines(tc_referral *r) { strcpy(r->summary, "Line 1\nLine 2\tTabbed"); }
static void rf_summary_long(tc_referral *r) { memset(r->summary, 'a', sizeof r->summary); }
static void rf_sections_bad(tc_referral *r) { r->shared = code_set_bit(REFERRAL_SECTION_COUNT); }
static void rf_override_no_reason(tc_referral *r) { r->consent_overridden = true; }
static void rf_override_reason(tc_referral *r)
{
    r->consent_overridden = true;
    strcpy(r->override_reason, "เด็กอยู่ในภาวะอันตราย ต้องส่งต่อทันที");
}
static void rf_no_officer(tc_referral *r) { r->officer_id[0] = '\0'; }
static void rf_state_bad(tc_referral *r) { r->state = REFERRAL_STATE_COUNT; }
static void rf_declined_no_reason(tc_referral *r) { r->state = REFERRAL_DECLINED; }
static void rf_declined_reason(tc_referral *r)
{
    r->state = REFERRAL_DECLINED;
    strcpy(r->state_reason, "No place for a man with a child");
}

static void test_referral_validate_table(void)
{
    static const struct {
        const char *name;
        void (*change)(tc_referral *);
        referral_problem want;
        const char *field;
    } rows[] = {
        { "valid draft", NULL, REFERRAL_OK, NULL },
        { "no case", rf_no_case, REFERRAL_CASE_MISSING, "case_id" },
        { "agency code upper case", rf_agency_bad, REFERRAL_AGENCY_MISSING, "agency_code" },
        { "no needs", rf_no_needs, REFERRAL_NEEDS_MISSING, "needs" },
        { "unknown need bit", rf_needs_bad, REFERRAL_NEEDS_INVALID, "needs" },
        { "urgency out of range", rf_urgency_bad, REFERRAL_URGENCY_INVALID, "urgency" },
        { "channel out of range", rf_channel_bad, REFERRAL_CHANNEL_INVALID, "channel" },
        { "draft without a summary", rf_draft_no_summary, REFERRAL_OK, NULL },
        { "sent without a summary", rf_sent_no_summary, REFERRAL_SUMMARY_MISSING, "summary" },
        { "summary with an escape", rf_summary_escape, REFERRAL_SUMMARY_BAD_TEXT, "summary" },
        { "summary on lines", rf_summary_lines, REFERRAL_OK, NULL },
        { "summary too long", rf_summary_long, REFERRAL_SUMMARY_TOO_LONG, "summary" },
        { "unknown section bit", rf_sections_bad, REFERRAL_SECTIONS_INVALID, "shared" },
        { "override without a reason", rf_override_no_reason, REFERRAL_OVERRIDE_REASON_MISSING,
          "override_reason" },
        { "override with a reason", rf_override_reason, REFERRAL_OK, NULL },
        { "no officer", rf_no_officer, REFERRAL_OFFICER_MISSING, "officer_id" },
        { "state out of range", rf_state_bad, REFERRAL_STATE_INVALID, "state" },
        { "declined without a reason", rf_declined_no_reason, REFERRAL_REASON_MISSING,
          "state_reason" },
        { "declined with a reason", rf_declined_reason, REFERRAL_OK, NULL },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_referral r;
        valid_referral(&r);
        if (rows[i].change)
            rows[i].change(&r);
        referral_check c = referral_validate(&r);
        CHECK_ROW(c.problem == rows[i].want, rows[i].name);
        if (rows[i].field)
            CHECK_ROW(c.field && strcmp(c.field, rows[i].field) == 0, rows[i].name);
        else
            CHECK_ROW(c.field == NULL, rows[i].name);
    }
}

static void test_referral_codes(void)
{
    for (int i = 0; i < REFERRAL_STATE_COUNT; i++) {
        referral_state back;
        CU_ASSERT_STRING_EQUAL(referral_state_code((referral_state)i), state_names[i]);
        CU_ASSERT_TRUE(referral_state_from_code(state_names[i], &back));
        CU_ASSERT_EQUAL(back, i);
    }
    static const char *const urgencies[] = { "emergency", "urgent", "routine" };
    for (int i = 0; i < REFERRAL_URGENCY_COUNT; i++) {
        referral_urgency back;
        CU_ASSERT_STRING_EQUAL(referral_urgency_code((referral_urgency)i), urgencies[i]);
        CU_ASSERT_TRUE(referral_urgency_from_code(urgencies[i], &back));
        CU_ASSERT_EQUAL(back, i);
    }
    static const char *const channels[] = { "letter", "meeting", "phone", "in_person", "line" };
    for (int i = 0; i < REFERRAL_CHANNEL_COUNT; i++) {
        referral_channel back;
        CU_ASSERT_STRING_EQUAL(referral_channel_code((referral_channel)i), channels[i]);
        CU_ASSERT_TRUE(referral_channel_from_code(channels[i], &back));
        CU_ASSERT_EQUAL(back, i);
    }
    code_set s = 0;
    CU_ASSERT_TRUE(referral_sections_parse("needs,identity,family", &s));
    CU_ASSERT_EQUAL(s, code_set_bit(REFERRAL_SHARED_IDENTITY) | code_set_bit(REFERRAL_SHARED_NEEDS)
                       | code_set_bit(REFERRAL_SHARED_FAMILY));
    char text[REFERRAL_SECTIONS_TEXT_MAX];
    CU_ASSERT_TRUE(referral_sections_format(code_set_all(REFERRAL_SECTION_COUNT), text,
                                            sizeof text));
    CU_ASSERT_STRING_EQUAL(text, "identity,contact,nationality,story,screening,identification,"
                                 "needs,health,legal,family");
    CU_ASSERT_FALSE(referral_sections_parse("photos", &s));
    referral_state st;
    CU_ASSERT_FALSE(referral_state_from_code("lost", &st));
    for (int i = 0; i < REFERRAL_SECTION_COUNT; i++)
        CU_ASSERT_TRUE(referral_section_label((referral_section)i)[0] != '\0');
    for (int i = 0; i < REFERRAL_WAIT_COUNT; i++)
        CU_ASSERT_TRUE(referral_wait_label((referral_wait)i)[0] != '\0');
}

/* ------------------------------------------------------------------ consent */

static tc_agency agency_of(const char *code, agency_type type, const char *country)
{
    tc_agency a;
    agency_init(&a);
    strcpy(a.code, code);
    a.type = type;
    strcpy(a.country, country);
    strcpy(a.name_th, "หน่วยงาน");
    strcpy(a.name_en, "Agency");
    return a;
}

static tc_consent consent_for(consent_purpose purpose, const char *kind, bool agreed,
                              const char *given_on)
{
    tc_consent c;
    consent_init(&c);
    c.purpose = purpose;
    if (kind)
        strcpy(c.agency_kind, kind);
    c.agreed = agreed;
    c.given_on = harness_day(given_on);
    strcpy(c.language, "my");
    return c;
}

static void test_referral_consent_purposes(void)
{
    consent_purpose p[REFERRAL_GATE_MAX];
    tc_agency shelter = agency_of("tak_shelter", AGENCY_SHELTER, "TH");
    CU_ASSERT_EQUAL(referral_consent_purposes(&shelter, p), 1);
    CU_ASSERT_EQUAL(p[0], CONSENT_REFERRAL);
    tc_agency embassy = agency_of("emb_mm", AGENCY_EMBASSY, "TH");
    CU_ASSERT_EQUAL(referral_consent_purposes(&embassy, p), 2);
    CU_ASSERT_EQUAL(p[0], CONSENT_REFERRAL);
    CU_ASSERT_EQUAL(p[1], CONSENT_SHARE_EMBASSY);
    tc_agency abroad = agency_of("kh_mosvy", AGENCY_GOVERNMENT, "KH");
    CU_ASSERT_TRUE(agency_is_abroad(&abroad));
    CU_ASSERT_FALSE(agency_is_abroad(&embassy));
    CU_ASSERT_EQUAL(referral_consent_purposes(&abroad, p), 2);
    CU_ASSERT_EQUAL(p[1], CONSENT_SHARE_CROSS_BORDER);
}

static void test_referral_consent_gate_table(void)
{
    /* The consent records a case may hold. */
    tc_consent any = consent_for(CONSENT_REFERRAL, CONSENT_ANY_AGENCY, true, "2026-11-10");
    tc_consent shelter_yes = consent_for(CONSENT_REFERRAL, "shelter", true, "2026-11-10");
    tc_consent police_no = consent_for(CONSENT_REFERRAL, "police", false, "2026-11-12");
    tc_consent embassy_yes = consent_for(CONSENT_SHARE_EMBASSY, NULL, true, "2026-11-10");
    tc_consent cross_yes = consent_for(CONSENT_SHARE_CROSS_BORDER, NULL, true, "2026-11-10");
    tc_consent shelter_withdrawn = shelter_yes;
    shelter_withdrawn.withdrawn = true;
    shelter_withdrawn.withdrawn_on = harness_day("2026-11-15");
    tc_consent guardian_any = any;
    guardian_any.given_by = CONSENT_BY_GUARDIAN;
    strcpy(guardian_any.guardian_name, "Daw Aye");

    tc_agency shelter = agency_of("tak_shelter", AGENCY_SHELTER, "TH");
    tc_agency police = agency_of("rtp", AGENCY_POLICE, "TH");
    tc_agency embassy = agency_of("emb_mm", AGENCY_EMBASSY, "TH");
    tc_agency abroad = agency_of("kh_mosvy", AGENCY_GOVERNMENT, "KH");

    static const char *const reason = "Child in immediate danger at the workplace";
    const struct {
        const char *name;
        const tc_agency *agency;
        tc_consent records[3];
        size_t n;
        bool child;
        const char *override;
        bool covered, overridden, permitted;
        consent_cover first;
    } rows[] = {
        { "shelter, exact kind", &shelter, { shelter_yes }, 1, false, NULL,
          true, false, true, CONSENT_COVERED },
        { "shelter, any agency", &shelter, { any }, 1, false, NULL,
          true, false, true, CONSENT_COVERED },
        { "no consent, no override", &shelter, { { .purpose = CONSENT_INTERVIEW } }, 0, false,
          NULL, false, false, false, CONSENT_NOT_COVERED },
        { "no consent, override", &shelter, { { .purpose = CONSENT_INTERVIEW } }, 0, false,
          reason, false, true, true, CONSENT_NOT_COVERED },
        { "no consent, blank override", &shelter, { { .purpose = CONSENT_INTERVIEW } }, 0,
          false, " \n", false, false, false, CONSENT_NOT_COVERED },
        { "no consent, override with escape", &shelter, { { .purpose = CONSENT_INTERVIEW } }, 0,
          false, "danger\x1b[2J", false, false, false, CONSENT_NOT_COVERED },
        { "police refused, any agency earlier", &police, { any, police_no }, 2, false, NULL,
          false, false, false, CONSENT_REFUSED },
        { "police refused, overridden", &police, { any, police_no }, 2, false, reason,
          false, true, true, CONSENT_REFUSED },
        { "withdrawn before the referral", &shelter, { shelter_withdrawn }, 1, false, NULL,
          false, false, false, CONSENT_WITHDRAWN },
        { "embassy: any agency is not enough", &embassy, { any }, 1, false, NULL,
          false, false, false, CONSENT_COVERED },
        { "embassy: any agency and embassy sharing", &embassy, { any, embassy_yes }, 2, false,
          NULL, true, false, true, CONSENT_COVERED },
        { "embassy: overridden", &embassy, { any }, 1, false, reason,
          false, true, true, CONSENT_COVERED },
        { "abroad: needs cross-border consent", &abroad, { any }, 1, false, NULL,
          false, false, false, CONSENT_COVERED },
        { "abroad: with cross-border consent", &abroad, { any, cross_yes }, 2, false, NULL,
          true, false, true, CONSENT_COVERED },
        { "child: own consent only", &shelter, { any }, 1, true, NULL,
          false, false, false, CONSENT_CHILD_NEEDS_GUARDIAN },
        { "child: guardian's consent", &shelter, { guardian_any }, 1, true, NULL,
          true, false, true, CONSENT_COVERED },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        referral_gate g = referral_consent_gate(rows[i].agency, rows[i].records, rows[i].n,
                                                harness_day("2026-11-20"), rows[i].child,
                                                rows[i].override);
        CHECK_ROW(g.covered == rows[i].covered, rows[i].name);
        CHECK_ROW(g.overridden == rows[i].overridden, rows[i].name);
        CHECK_ROW(g.permitted == rows[i].permitted, rows[i].name);
        CHECK_ROW(g.covers[0] == rows[i].first, rows[i].name);
        CHECK_ROW(g.count >= 1 && g.purposes[0] == CONSENT_REFERRAL, rows[i].name);
    }
    /* Consent given after the referral's date does not count. */
    referral_gate g = referral_consent_gate(&shelter, &shelter_yes, 1, harness_day("2026-11-09"), false,
                                            NULL);
    CU_ASSERT_FALSE(g.permitted);
    CU_ASSERT_EQUAL(g.covers[0], CONSENT_NOT_COVERED);
    /* A reason too long to be an override is no override. */
    char long_reason[CONSENT_REASON_MAX + 2];
    memset(long_reason, 'a', sizeof long_reason - 1);
    long_reason[sizeof long_reason - 1] = '\0';
    g = referral_consent_gate(&shelter, NULL, 0, harness_day("2026-11-20"), false, long_reason);
    CU_ASSERT_FALSE(g.permitted);
}

static void test_referral_send_check(void)
{
    tc_agency dlpw = agency_of("dlpw", AGENCY_GOVERNMENT, "TH");
    tc_consent any = consent_for(CONSENT_REFERRAL, CONSENT_ANY_AGENCY, true, "2026-11-10");
    referral_gate covered = referral_consent_gate(&dlpw, &any, 1, harness_day("2026-11-20"), false, NULL);
    referral_gate none = referral_consent_gate(&dlpw, NULL, 0, harness_day("2026-11-20"), false, NULL);
    referral_gate overridden =
        referral_consent_gate(&dlpw, NULL, 0, harness_day("2026-11-20"), false, "Urgent danger");
    CU_ASSERT_TRUE(overridden.overridden);

    tc_referral r;
    valid_referral(&r);
    CU_ASSERT_EQUAL(referral_send_check(&r, &dlpw, &covered).problem, REFERRAL_OK);
    CU_ASSERT_EQUAL(referral_send_check(&r, &dlpw, &none).problem,
                    REFERRAL_CONSENT_NOT_PERMITTED);
    CU_ASSERT_EQUAL(referral_send_check(&r, &dlpw, NULL).problem, REFERRAL_CONSENT_NOT_PERMITTED);
    /* An override must be written on the referral itself, with its reason. */
    referral_check c = referral_send_check(&r, &dlpw, &overridden);
    CU_ASSERT_EQUAL(c.problem, REFERRAL_OVERRIDE_REASON_MISSING);
    CU_ASSERT_STRING_EQUAL(c.field, "override_reason");
    r.consent_overridden = true;
    strcpy(r.override_reason, "Urgent danger");
    CU_ASSERT_EQUAL(referral_send_check(&r, &dlpw, &overridden).problem, REFERRAL_OK);

    tc_referral no_summary;
    valid_referral(&no_summary);
    no_summary.summary[0] = '\0';
    CU_ASSERT_EQUAL(referral_send_check(&no_summary, &dlpw, &covered).problem,
                    REFERRAL_SUMMARY_MISSING);
    tc_agency other = agency_of("doe", AGENCY_GOVERNMENT, "TH");
    valid_referral(&r);
    CU_ASSERT_EQUAL(referral_send_check(&r, &other, &covered).problem, REFERRAL_AGENCY_MISMATCH);
    CU_ASSERT_EQUAL(referral_send_check(&r, NULL, &covered).problem, REFERRAL_AGENCY_MISMATCH);
    tc_agency retired = dlpw;
    retired.active = false;
    CU_ASSERT_EQUAL(referral_send_check(&r, &retired, &covered).problem,
                    REFERRAL_AGENCY_INACTIVE);
    r.state = REFERRAL_SENT;
    CU_ASSERT_EQUAL(referral_send_check(&r, &dlpw, &covered).problem,
                    REFERRAL_TRANSITION_REFUSED);
}

static void test_referral_needs_and_services(void)
{
    tc_referral r;
    valid_referral(&r);
    tc_agency dlpw = agency_of("dlpw", AGENCY_GOVERNMENT, "TH");
    dlpw.services = need_set_of(NEED_WAGE_RECOVERY);
    CU_ASSERT_EQUAL(referral_needs_outside_services(&r, &dlpw),
                    need_set_of(NEED_LEGAL_COUNSELLING));
    dlpw.services |= need_set_of(NEED_LEGAL_COUNSELLING);
    CU_ASSERT_EQUAL(referral_needs_outside_services(&r, &dlpw), 0);

    static const struct { referral_state s; bool has; need_state want; } rows[] = {
        { REFERRAL_DRAFT, false, NEED_IDENTIFIED },
        { REFERRAL_SENT, true, NEED_REFERRED },
        { REFERRAL_ACKNOWLEDGED, true, NEED_REFERRED },
        { REFERRAL_ACCEPTED, true, NEED_REFERRED },
        { REFERRAL_DECLINED, false, NEED_IDENTIFIED },
        { REFERRAL_IN_SERVICE, true, NEED_IN_PROGRESS },
        { REFERRAL_COMPLETED, true, NEED_PROVIDED },
        { REFERRAL_CLOSED, false, NEED_IDENTIFIED },
        { REFERRAL_WITHDRAWN, false, NEED_IDENTIFIED },
    };
    CU_ASSERT_EQUAL(COUNT(rows), REFERRAL_STATE_COUNT);
    for (size_t i = 0; i < COUNT(rows); i++) {
        need_state out = NEED_UNAVAILABLE;
        bool has = referral_need_state(rows[i].s, &out);
        CHECK_ROW(has == rows[i].has, state_names[i]);
        CHECK_ROW(out == (rows[i].has ? rows[i].want : NEED_UNAVAILABLE), state_names[i]);
    }
}

/* ---------------------------------------------------------------- deadlines */

static void test_referral_settings(void)
{
    referral_settings s;
    referral_settings_defaults(&s);
    CU_ASSERT_EQUAL(s.ack_hours[REFERRAL_EMERGENCY], 24);
    CU_ASSERT_EQUAL(s.ack_hours[REFERRAL_URGENT], 72);
    CU_ASSERT_EQUAL(s.ack_hours[REFERRAL_ROUTINE], 336);
    CU_ASSERT_EQUAL(s.decision_hours[REFERRAL_EMERGENCY], 24);
    CU_ASSERT_EQUAL(s.decision_hours[REFERRAL_URGENT], 72);
    CU_ASSERT_EQUAL(s.decision_hours[REFERRAL_ROUTINE], 336);
    CU_ASSERT_EQUAL(referral_settings_check(&s), REFERRAL_OK);
    referral_settings bad = s;
    bad.ack_hours[REFERRAL_URGENT] = 0;
    CU_ASSERT_EQUAL(referral_settings_check(&bad), REFERRAL_SETTING_OUT_OF_RANGE);
    bad = s;
    bad.decision_hours[REFERRAL_ROUTINE] = REFERRAL_HOURS_LIMIT + 1;
    CU_ASSERT_EQUAL(referral_settings_check(&bad), REFERRAL_SETTING_OUT_OF_RANGE);
    bad = s;
    bad.decision_hours[REFERRAL_EMERGENCY] = -24;
    CU_ASSERT_EQUAL(referral_settings_check(&bad), REFERRAL_SETTING_OUT_OF_RANGE);
}

/* A referral sent at `sent` (and acknowledged at `ack`, "" for not yet). */
static tc_referral sent_referral(referral_urgency u, const char *sent, const char *ack)
{
    tc_referral r;
    valid_referral(&r);
    r.urgency = u;
    r.created_at = r.state_changed_at = harness_at(sent);
    referral_change_state(&r, REFERRAL_SENT, NULL, harness_at(sent), OFFICER, NULL);
    if (ack[0])
        referral_change_state(&r, REFERRAL_ACKNOWLEDGED, NULL, harness_at(ack), OFFICER, NULL);
    return r;
}

static void test_referral_overdue_table(void)
{
    referral_settings s;
    referral_settings_defaults(&s);
    /* Times are UTC; Thai civil time is 7 hours later. */
    static const struct {
        const char *name;
        referral_urgency urgency;
        const char *sent, *ack;
        referral_wait wait;
        const char *due;            /* exactly */
    } rows[] = {
        /* Fri 30 Jan 2026 16:00 Thai time: due Sat 16:00, the weekend counts. */
        { "emergency over a weekend", REFERRAL_EMERGENCY, "2026-01-30T09:00:00Z", "",
          REFERRAL_WAIT_ACK, "2026-01-31T09:00:00Z" },
        /* Thu 26 Feb 2026 10:00: three days cross the end of February to Sunday 1 March. */
        { "urgent across February's end", REFERRAL_URGENT, "2026-02-26T03:00:00Z", "",
          REFERRAL_WAIT_ACK, "2026-03-01T03:00:00Z" },
        /* 2024 is a leap year: 14 days from 20 Feb is 5 March. */
        { "routine across a leap February", REFERRAL_ROUTINE, "2024-02-20T02:30:00Z", "",
          REFERRAL_WAIT_ACK, "2024-03-05T02:30:00Z" },
        { "routine across the year end", REFERRAL_ROUTINE, "2026-12-25T08:00:00Z", "",
          REFERRAL_WAIT_ACK, "2027-01-08T08:00:00Z" },
        /* Sent Fri 30 Oct 23:30 Thai time (16:30Z); the Thai date changes twice. */
        { "emergency sent late at night", REFERRAL_EMERGENCY, "2026-10-30T16:30:00Z", "",
          REFERRAL_WAIT_ACK, "2026-10-31T16:30:00Z" },
        /* Acknowledged early: the decision is due 24 h after it. */
        { "decision after an early acknowledgement", REFERRAL_EMERGENCY,
          "2026-01-30T09:00:00Z", "2026-01-30T10:00:00Z", REFERRAL_WAIT_DECISION,
          "2026-01-31T10:00:00Z" },
        /* Acknowledged 2 days late: still due 24 h after the acknowledgement was due. */
        { "decision after a late acknowledgement", REFERRAL_EMERGENCY,
          "2026-01-30T09:00:00Z", "2026-02-02T09:00:00Z", REFERRAL_WAIT_DECISION,
          "2026-02-01T09:00:00Z" },
        { "urgent decision over month end", REFERRAL_URGENT, "2026-10-29T02:00:00Z",
          "2026-10-30T02:00:00Z", REFERRAL_WAIT_DECISION, "2026-11-02T02:00:00Z" },
    };
    for (size_t i = 0; i < COUNT(rows); i++) {
        tc_referral r = sent_referral(rows[i].urgency, rows[i].sent, rows[i].ack);
        int64_t due = 0, want = harness_at(rows[i].due);
        CHECK_ROW(referral_due(&r, &s, &due) == rows[i].wait, rows[i].name);
        CHECK_ROW(due == want, rows[i].name);
        /* A second before: not yet; at the instant and after: overdue. */
        CHECK_ROW(!referral_overdue(&r, &s, want - 1), rows[i].name);
        CHECK_ROW(referral_overdue(&r, &s, want), rows[i].name);
        CHECK_ROW(referral_overdue(&r, &s, want + 86400 * 30), rows[i].name);
    }
}

static void test_referral_waits_for_nothing(void)
{
    referral_settings s;
    referral_settings_defaults(&s);
    int64_t long_after = harness_at("2030-01-01T00:00:00Z");
    tc_referral draft;
    valid_referral(&draft);
    CU_ASSERT_FALSE(referral_overdue(&draft, &s, long_after));
    int64_t due = 42;
    CU_ASSERT_EQUAL(referral_due(&draft, &s, &due), REFERRAL_WAIT_NONE);
    CU_ASSERT_EQUAL(due, 42);

    /* Accepted, in service, declined, completed, closed, withdrawn: no
     * deadline runs, however late it is. */
    tc_referral r = sent_referral(REFERRAL_EMERGENCY, "2026-01-30T09:00:00Z",
                                  "2026-01-30T10:00:00Z");
    tc_referral declined = r;
    CU_ASSERT_EQUAL(referral_change_state(&declined, REFERRAL_DECLINED, "Full",
                                          harness_at("2026-01-30T11:00:00Z"), OFFICER, NULL),
                    REFERRAL_OK);
    CU_ASSERT_FALSE(referral_overdue(&declined, &s, long_after));
    CU_ASSERT_EQUAL(referral_change_state(&r, REFERRAL_ACCEPTED, NULL,
                                          harness_at("2026-01-30T11:00:00Z"), OFFICER, NULL),
                    REFERRAL_OK);
    CU_ASSERT_FALSE(referral_overdue(&r, &s, long_after));
    CU_ASSERT_EQUAL(referral_change_state(&r, REFERRAL_IN_SERVICE, NULL,
                                          harness_at("2026-01-31T11:00:00Z"), OFFICER, NULL),
                    REFERRAL_OK);
    CU_ASSERT_FALSE(referral_overdue(&r, &s, long_after));

    /* Acknowledging takes a referral off the acknowledgement deadline: the
     * tmux test's "mark acknowledged, leaves the overdue list". */
    tc_referral late = sent_referral(REFERRAL_URGENT, "2026-11-01T02:00:00Z", "");
    int64_t now = harness_at("2026-11-05T02:00:00Z");
    CU_ASSERT_TRUE(referral_overdue(&late, &s, now));
    CU_ASSERT_EQUAL(referral_change_state(&late, REFERRAL_ACKNOWLEDGED, NULL, now, OFFICER, NULL),
                    REFERRAL_OK);
    CU_ASSERT_FALSE(referral_overdue(&late, &s, now));
    /* ...but its decision is still due 3 days after the acknowledgement was. */
    CU_ASSERT_EQUAL(referral_decision_due(&late, &s), harness_at("2026-11-07T02:00:00Z"));

    /* Settings are read per urgency. */
    referral_settings fast = s;
    fast.ack_hours[REFERRAL_URGENT] = 1;
    tc_referral u = sent_referral(REFERRAL_URGENT, "2026-11-01T02:00:00Z", "");
    CU_ASSERT_EQUAL(referral_ack_due(&u, &fast), harness_at("2026-11-01T03:00:00Z"));
}

static void test_referral_count_and_dashboard(void)
{
    referral_settings s;
    referral_settings_defaults(&s);
    int64_t now = harness_at("2026-11-21T03:00:00Z");     /* Sat 21 Nov 2026, 10:00 */
    tc_referral list[8];
    /* 0: routine, sent 1 Nov: ack due 15 Nov -> overdue 6 days. */
    list[0] = sent_referral(REFERRAL_ROUTINE, "2026-11-01T03:00:00Z", "");
    /* 1: emergency, sent yesterday 09:00: ack due today 09:00 -> overdue 1 hour. */
    list[1] = sent_referral(REFERRAL_EMERGENCY, "2026-11-20T02:00:00Z", "");
    /* 2: urgent, sent 19 Nov: ack due 22 Nov -> running. */
    list[2] = sent_referral(REFERRAL_URGENT, "2026-11-19T03:00:00Z", "");
    /* 3: a draft, emergency. */
    valid_referral(&list[3]);
    list[3].urgency = REFERRAL_EMERGENCY;
    /* 4: emergency, sent 15 Nov, acknowledged: decision due 17 Nov -> overdue. */
    list[4] = sent_referral(REFERRAL_EMERGENCY, "2026-11-15T03:00:00Z", "2026-11-15T04:00:00Z");
    /* 5: routine, sent 20 Nov: ack due 4 Dec -> running. */
    list[5] = sent_referral(REFERRAL_ROUTINE, "2026-11-20T03:00:00Z", "");
    /* 6: completed long ago. */
    list[6] = sent_referral(REFERRAL_ROUTINE, "2026-10-01T03:00:00Z", "2026-10-02T03:00:00Z");
    referral_change_state(&list[6], REFERRAL_ACCEPTED, NULL, harness_at("2026-10-03T03:00:00Z"),
                          OFFICER, NULL);
    referral_change_state(&list[6], REFERRAL_IN_SERVICE, NULL, harness_at("2026-10-04T03:00:00Z"),
                          OFFICER, NULL);
    referral_change_state(&list[6], REFERRAL_COMPLETED, NULL, harness_at("2026-10-20T03:00:00Z"),
                          OFFICER, NULL);
    /* 7: accepted, urgent. */
    list[7] = sent_referral(REFERRAL_URGENT, "2026-11-10T03:00:00Z", "2026-11-10T05:00:00Z");
    referral_change_state(&list[7], REFERRAL_ACCEPTED, NULL, harness_at("2026-11-11T03:00:00Z"),
                          OFFICER, NULL);

    CU_ASSERT_EQUAL(referral_count_overdue(list, COUNT(list), &s, now), 3);

    referral_dash_entry e[COUNT(list)];
    for (size_t i = 0; i < COUNT(list); i++)
        e[i] = referral_dash_entry_make(&list[i], &s, now, i);
    qsort(e, COUNT(e), sizeof e[0], referral_dash_compare);
    /* Overdue emergencies (longest overdue first), the overdue routine one,
     * running deadlines (earliest first), waiting for nothing (emergency
     * draft before the urgent accepted one), the completed one last. */
    static const size_t want[] = { 4, 1, 0, 2, 5, 3, 7, 6 };
    for (size_t i = 0; i < COUNT(want); i++) {
        char name[32];
        snprintf(name, sizeof name, "position %zu", i);
        CHECK_ROW(e[i].owner == want[i], name);
    }
    CU_ASSERT_TRUE(e[0].overdue && e[1].overdue && e[2].overdue && !e[3].overdue);
    CU_ASSERT_EQUAL(e[0].wait, REFERRAL_WAIT_DECISION);
    CU_ASSERT_FALSE(e[7].open);
    /* Equal entries keep a stable order by owner. */
    referral_dash_entry a = e[3], b = e[3];
    b.owner = a.owner + 1;
    CU_ASSERT_TRUE(referral_dash_compare(&a, &b) < 0);
    CU_ASSERT_TRUE(referral_dash_compare(&b, &a) > 0);
    CU_ASSERT_EQUAL(referral_dash_compare(&a, &a), 0);
}

/* ------------------------------------------------------------------- suites */

static CU_TestInfo codeset_tests[] = {
    { "sets of codes: stored form and back", test_code_set_round_trip },
    { "need sets", test_need_sets },
    CU_TEST_INFO_NULL
};

static CU_TestInfo agency_tests[] = {
    { "validation table", test_agency_validate_table },
    { "phone, LINE and e-mail shapes", test_agency_contact_shapes },
    { "type and level codes; consent uses the types", test_agency_codes },
    { "Thai and English search", test_agency_search },
    { "file: a good text", test_agency_parse_good },
    { "file: each error with its line", test_agency_parse_errors },
    { "shipped: every row valid, no invented contacts", test_shipped_rows_valid },
    { "shipped: the issue's bodies found in Thai and English", test_shipped_directory_search },
    CU_TEST_INFO_NULL
};

static CU_TestInfo transition_tests[] = {
    { "every (from, to) pair", test_referral_every_pair },
    { "next states per state", test_referral_next_states },
    { "refusal names the possible states", test_referral_refusal_messages },
    { "refusal translated, and cut safely", test_referral_message_translated_and_cut },
    { "the whole path keeps times and officers", test_referral_change_state_path },
    { "a refused change leaves everything as it was", test_referral_change_state_refusals },
    { "validation table", test_referral_validate_table },
    { "codes", test_referral_codes },
    CU_TEST_INFO_NULL
};

static CU_TestInfo consent_tests[] = {
    { "purposes per agency", test_referral_consent_purposes },
    { "gate with and without override", test_referral_consent_gate_table },
    { "sending needs the gate and a complete record", test_referral_send_check },
    { "needs, services and need states", test_referral_needs_and_services },
    CU_TEST_INFO_NULL
};

static CU_TestInfo deadline_tests[] = {
    { "settings", test_referral_settings },
    { "overdue across weekends and month ends", test_referral_overdue_table },
    { "states that wait for nothing", test_referral_waits_for_nothing },
    { "overdue count and dashboard order", test_referral_count_and_dashboard },
    CU_TEST_INFO_NULL
};

static CU_SuiteInfo suites[] = {
    { "codeset", NULL, NULL, NULL, NULL, codeset_tests },
    { "agency", NULL, NULL, NULL, NULL, agency_tests },
    { "transitions", NULL, NULL, NULL, NULL, transition_tests },
    { "consent", NULL, NULL, NULL, NULL, consent_tests },
    { "deadlines", NULL, NULL, NULL, NULL, deadline_tests },
    CU_SUITE_INFO_NULL
};

int main(void)
{
    return harness_main("test_referral", suites);
}
