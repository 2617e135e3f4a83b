/* agency.c - agency types and levels, need sets, validation of an agency
 * record, directory search and the parser of data/agencies.tsv. */
#include "core/agency.h"

#include <stdlib.h>
#include <string.h>

#include "core/caserec.h"
#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/geo.h"
#include "core/msg.h"
#include "core/tsv.h"
#include "core/utf8.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ type, level */

/* One list for the enum's codes and for the code list consent checks
 * against.  Codes are stored (agencies, consent records): never rename
 * one.  The Thai label is the msgid's msgstr in po/th.po. */
#define AGENCY_TYPES(X)                                                                 \
    X(AGENCY_GOVERNMENT, "government", N_("Government agency"), "หน่วยงานภาครัฐ")        \
    X(AGENCY_SHELTER, "shelter", N_("Shelter"), "สถานสงเคราะห์")                        \
    X(AGENCY_POLICE, "police", N_("Police or investigating agency"),                    \
      "ตำรวจหรือหน่วยงานสอบสวน")                                                        \
    X(AGENCY_IMMIGRATION, "immigration", N_("Immigration"), "ตรวจคนเข้าเมือง")             \
    X(AGENCY_HEALTH, "health", N_("Health service"), "หน่วยบริการสาธารณสุข")               \
    X(AGENCY_LEGAL_AID, "legal_aid", N_("Legal aid provider"),                          \
      "หน่วยงานให้ความช่วยเหลือทางกฎหมาย")                                              \
    X(AGENCY_EMBASSY, "embassy", N_("Embassy or consulate"),                            \
      "สถานเอกอัครราชทูตหรือสถานกงสุล")                                                  \
    X(AGENCY_INTERNATIONAL, "international", N_("International organisation"),          \
      "องค์การระหว่างประเทศ")                                                           \
    X(AGENCY_NGO, "ngo", N_("NGO"), "องค์กรพัฒนาเอกชน")                                 \
    X(AGENCY_PRIVATE, "private", N_("Private sector"), "ภาคเอกชน")

#define TYPE_CODE(e, code, en, th) [e] = { code, en },
#define TYPE_ROW(e, code, en, th) [e] = { code, en, th, NULL },
static const code_label types[AGENCY_TYPE_COUNT] = { AGENCY_TYPES(TYPE_CODE) };
static const tc_code_row type_rows[AGENCY_TYPE_COUNT] = { AGENCY_TYPES(TYPE_ROW) };

static const code_label levels[AGENCY_LEVEL_COUNT] = {
    [AGENCY_NATIONAL] = { "national", N_("National") },
    [AGENCY_PROVINCIAL] = { "provincial", N_("Provincial") },
    [AGENCY_DISTRICT] = { "district", N_("District") },
};

const char *agency_type_code(agency_type t)
{
    return codes_code(types, AGENCY_TYPE_COUNT, (int)t);
}

bool agency_type_from_code(const char *code, agency_type *out)
{
    int i;
    if (!codes_find(types, AGENCY_TYPE_COUNT, code, &i))
        return false;
    *out = (agency_type)i;
    return true;
}

const char *agency_type_label(agency_type t)
{
    return codes_label(types, AGENCY_TYPE_COUNT, (int)t, N_("Unknown"));
}

tc_code_list agency_type_list(void)
{
    tc_code_list list = { type_rows, AGENCY_TYPE_COUNT };
    return list;
}

const char *agency_level_code(agency_level l)
{
    return codes_code(levels, AGENCY_LEVEL_COUNT, (int)l);
}

bool agency_level_from_code(const char *code, agency_level *out)
{
    int i;
    if (!codes_find(levels, AGENCY_LEVEL_COUNT, code, &i))
        return false;
    *out = (agency_level)i;
    return true;
}

const char *agency_level_label(agency_level l)
{
    return codes_label(levels, AGENCY_LEVEL_COUNT, (int)l, N_("Unknown"));
}

/* ------------------------------------------------------------- need sets */

static const char *need_code_at(int i)
{
    return need_kind_code((need_kind)i);
}

need_set need_set_of(need_kind k)
{
    return ((int)k >= 0 && k < NEED_KIND_COUNT) ? code_set_bit((int)k) : 0;
}

bool need_set_has(need_set s, need_kind k)
{
    need_set bit = need_set_of(k);
    return bit != 0 && (s & bit) != 0;
}

bool need_set_valid(need_set s)
{
    return code_set_in_range(s, NEED_KIND_COUNT);
}

bool need_set_format(need_set s, char *out, size_t outsz)
{
    return code_set_format(need_code_at, NEED_KIND_COUNT, s, out, outsz);
}

bool need_set_parse(const char *text, need_set *out)
{
    return code_set_parse(need_code_at, NEED_KIND_COUNT, text, out);
}

/* ---------------------------------------------------------------- record */

void agency_init(tc_agency *a)
{
    memset(a, 0, sizeof *a);
    a->type = AGENCY_GOVERNMENT;
    a->level = AGENCY_NATIONAL;
    memcpy(a->country, AGENCY_HOME_COUNTRY, sizeof AGENCY_HOME_COUNTRY);
    a->active = true;
}

bool agency_is_abroad(const tc_agency *a)
{
    return field_terminated(a->country, sizeof a->country)
           && strcmp(a->country, AGENCY_HOME_COUNTRY) != 0;
}

/* ------------------------------------------------------------ validation */

static agency_check problem(agency_problem p, const char *field)
{
    agency_check c = { p, field };
    return c;
}

static agency_check ok(void)
{
    return problem(AGENCY_OK, NULL);
}

static bool contains_thai(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x0E00u && cp <= 0x0E7Fu)
            return true;
    }
    return false;
}

/* Clean text of at most max bytes (multiline: newlines and tabs too). */
static agency_check clean_text(const char *s, size_t max, bool multiline, const char *field)
{
    switch (field_text_check(s, max, multiline)) {
    case FIELD_TEXT_TOO_LONG: return problem(AGENCY_TEXT_TOO_LONG, field);
    case FIELD_TEXT_BAD: return problem(AGENCY_TEXT_BAD, field);
    case FIELD_TEXT_OK: break;
    }
    return ok();
}

static agency_check check_place(const tc_agency *a)
{
    if (!field_terminated(a->province, sizeof a->province))
        return problem(AGENCY_PROVINCE_UNKNOWN, "province");
    if (a->province[0]) {
        const geo_entry *g = geo_province(a->province);
        if (!g || strcmp(g->code, a->province) != 0)
            return problem(AGENCY_PROVINCE_UNKNOWN, "province");
    } else if (a->level != AGENCY_NATIONAL) {
        return problem(AGENCY_PROVINCE_MISSING, "province");
    }
    if (!field_country_code_valid(a->country))
        return problem(AGENCY_COUNTRY_BAD, "country");
    return ok();
}

/* The Thai name needs Thai letters; the English one must have none. */
static agency_check check_names(const tc_agency *a)
{
    agency_check r = clean_text(a->name_th, AGENCY_NAME_MAX, false, "name_th");
    if (r.problem != AGENCY_OK)
        return r;
    if (!field_has_visible(a->name_th))
        return problem(AGENCY_NAME_TH_MISSING, "name_th");
    if (!contains_thai(a->name_th))
        return problem(AGENCY_NAME_TH_NOT_THAI, "name_th");
    r = clean_text(a->name_en, AGENCY_NAME_MAX, false, "name_en");
    if (r.problem != AGENCY_OK)
        return r;
    if (!field_has_visible(a->name_en))
        return problem(AGENCY_NAME_EN_MISSING, "name_en");
    if (contains_thai(a->name_en))
        return problem(AGENCY_NAME_EN_HAS_THAI, "name_en");
    /* A Thai abbreviation may be Latin ("DSI"): that is how it is written. */
    r = clean_text(a->abbr_th, AGENCY_ABBR_MAX, false, "abbr_th");
    if (r.problem != AGENCY_OK)
        return r;
    r = clean_text(a->abbr_en, AGENCY_ABBR_MAX, false, "abbr_en");
    if (r.problem != AGENCY_OK)
        return r;
    if (contains_thai(a->abbr_en))
        return problem(AGENCY_NAME_EN_HAS_THAI, "abbr_en");
    return ok();
}

/* An optional contact: clean, and of its shape when not empty. */
static agency_check check_contact(const char *s, size_t max, bool (*shape)(const char *),
                                  agency_problem bad, const char *field)
{
    agency_check r = clean_text(s, max, false, field);
    if (r.problem != AGENCY_OK)
        return r;
    return (!s[0] || shape(s)) ? ok() : problem(bad, field);
}

static agency_check check_contacts(const tc_agency *a)
{
    agency_check r = check_contact(a->phone, AGENCY_PHONE_MAX, agency_phone_valid,
                                   AGENCY_PHONE_BAD, "phone");
    if (r.problem == AGENCY_OK)
        r = check_contact(a->line_id, AGENCY_LINE_MAX, agency_line_id_valid,
                          AGENCY_LINE_BAD, "line_id");
    if (r.problem == AGENCY_OK)
        r = check_contact(a->email, AGENCY_EMAIL_MAX, agency_email_valid,
                          AGENCY_EMAIL_BAD, "email");
    if (r.problem == AGENCY_OK)
        r = clean_text(a->address, AGENCY_ADDRESS_MAX, true, "address");
    if (r.problem == AGENCY_OK)
        r = clean_text(a->focal_name, AGENCY_PERSON_MAX, false, "focal_name");
    if (r.problem == AGENCY_OK)
        r = check_contact(a->focal_phone, AGENCY_PHONE_MAX, agency_phone_valid,
                          AGENCY_PHONE_BAD, "focal_phone");
    if (r.problem == AGENCY_OK)
        r = clean_text(a->note, AGENCY_NOTE_MAX, true, "note");
    return r;
}

agency_check agency_validate(const tc_agency *a)
{
    if (!field_terminated(a->code, sizeof a->code) || !code_well_formed(a->code))
        return problem(AGENCY_CODE_BAD, "code");
    if ((int)a->type < 0 || a->type >= AGENCY_TYPE_COUNT)
        return problem(AGENCY_TYPE_INVALID, "type");
    if ((int)a->level < 0 || a->level >= AGENCY_LEVEL_COUNT)
        return problem(AGENCY_LEVEL_INVALID, "level");
    agency_check r = check_place(a);
    if (r.problem == AGENCY_OK)
        r = check_names(a);
    if (r.problem == AGENCY_OK && !need_set_valid(a->services))
        r = problem(AGENCY_SERVICES_INVALID, "services");
    if (r.problem == AGENCY_OK)
        r = check_contacts(a);
    return r;
}

static const char *const agency_texts[AGENCY_PROBLEM_COUNT] = {
    [AGENCY_OK] = N_("The agency record is complete."),
    [AGENCY_CODE_BAD] = N_("The agency code may contain only lower-case English letters, "
                           "digits and underscores, must start with a letter and can be "
                           "at most 24 characters long."),
    [AGENCY_TYPE_INVALID] = N_("Choose the type of agency."),
    [AGENCY_LEVEL_INVALID] = N_("Choose the level of the agency."),
    [AGENCY_PROVINCE_MISSING] = N_("A provincial or district agency needs its province."),
    [AGENCY_PROVINCE_UNKNOWN] = N_("The province is not one of the listed provinces."),
    [AGENCY_COUNTRY_BAD] = N_("The country must be a two-letter country code, such as TH."),
    [AGENCY_NAME_TH_MISSING] = N_("Enter the agency's name in Thai."),
    [AGENCY_NAME_TH_NOT_THAI] = N_("The Thai name must be written in Thai letters."),
    [AGENCY_NAME_EN_MISSING] = N_("Enter the agency's name in English."),
    [AGENCY_NAME_EN_HAS_THAI] = N_("English names and abbreviations cannot contain Thai "
                                   "letters."),
    [AGENCY_TEXT_BAD] = N_("This field cannot contain control characters or invalid text."),
    [AGENCY_TEXT_TOO_LONG] = N_("This field is too long."),
    [AGENCY_SERVICES_INVALID] = N_("Choose the services from the list of needs."),
    [AGENCY_PHONE_BAD] = N_("A telephone number may contain only digits, spaces and "
                            "hyphens, with + in front for an international number; "
                            "separate several numbers with commas."),
    [AGENCY_LINE_BAD] = N_("A LINE ID may contain only English letters, digits, dots, "
                           "hyphens and underscores, with @ in front for an official "
                           "account."),
    [AGENCY_EMAIL_BAD] = N_("The e-mail address is not written correctly, as in "
                            "name@example.go.th."),
};

const char *agency_problem_text(agency_problem p)
{
    if ((int)p < 0 || p >= AGENCY_PROBLEM_COUNT)
        return N_("The agency record is not valid.");
    return agency_texts[p];
}

/* ---------------------------------------------------------------- shapes */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

/* One number of len bytes: [+]digits, single ' ' or '-' between digits. */
static bool one_phone(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (len > 0 && s[0] == '+')
        i++;
    bool want_digit = true;         /* at the start and after a separator */
    for (; i < len; i++) {
        if (is_digit(s[i])) {
            digits++;
            want_digit = false;
        } else if ((s[i] == ' ' || s[i] == '-') && !want_digit) {
            want_digit = true;
        } else {
            return false;
        }
    }
    return !want_digit && digits >= 3 && digits <= 15;
}

bool agency_phone_valid(const char *s)
{
    if (!s || !*s)
        return false;
    for (;;) {
        size_t len = strcspn(s, ",");
        if (!one_phone(s, len))
            return false;
        if (!s[len])
            return true;
        s += len + 1;
        if (*s == ' ')
            s++;
    }
}

static bool is_line_char(char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

bool agency_line_id_valid(const char *s)
{
    if (!s)
        return false;
    if (*s == '@')
        s++;
    size_t n = 0;
    while (n < AGENCY_LINE_MAX && is_line_char(s[n]))
        n++;
    return n >= 1 && n < AGENCY_LINE_MAX && s[n] == '\0';
}

static bool is_local_char(char c)
{
    return is_alnum(c) || (c != '\0' && strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL);
}

static bool local_part_valid(const char *s, size_t len)
{
    if (len < 1 || len > 64 || s[0] == '.' || s[len - 1] == '.')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_local_char(s[i]) || (s[i] == '.' && s[i + 1] == '.'))
            return false;
    return true;
}

static bool label_valid(const char *s, size_t len, bool last)
{
    if (len < 1 || len > 63 || s[0] == '-' || s[len - 1] == '-')
        return false;
    for (size_t i = 0; i < len; i++) {
        if (last ? !is_alpha(s[i]) : !(is_alnum(s[i]) || s[i] == '-'))
            return false;
    }
    return !last || len >= 2;
}

static bool domain_valid(const char *s)
{
    int labels = 0;
    for (;;) {
        size_t len = strcspn(s, ".");
        bool last = s[len] == '\0';
        if (!label_valid(s, len, last))
            return false;
        labels++;
        if (last)
            return labels >= 2;
        s += len + 1;
    }
}

bool agency_email_valid(const char *s)
{
    if (!s || field_bounded_length(s, AGENCY_EMAIL_MAX + 1) > AGENCY_EMAIL_MAX)
        return false;
    const char *at = strchr(s, '@');
    if (!at || strchr(at + 1, '@'))
        return false;
    return local_part_valid(s, (size_t)(at - s)) && domain_valid(at + 1);
}

/* ---------------------------------------------------------------- search */

void agency_search_fold(const char *in, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return;
    case_search_fold(in ? in : "", out, outsz);
    /* Abbreviations are written with and without their dots. */
    size_t w = 0;
    for (size_t r = 0; out[r]; r++)
        if (out[r] != '.')
            out[w++] = out[r];
    out[w] = '\0';
}

/* Drops leading and trailing spaces of s in place; returns s's new start. */
static char *trim_spaces(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static bool field_contains(const char *field, const char *folded_term)
{
    char folded[AGENCY_NAME_MAX + 1];
    agency_search_fold(field, folded, sizeof folded);
    return strstr(folded, folded_term) != NULL;
}

bool agency_matches(const tc_agency *a, const char *term)
{
    char buf[AGENCY_SEARCH_MAX + 1];
    agency_search_fold(term, buf, sizeof buf);
    const char *t = trim_spaces(buf);
    if (!*t)
        return true;
    const char *fields[] = { a->name_th, a->name_en, a->abbr_th, a->abbr_en };
    for (size_t i = 0; i < COUNT(fields); i++)
        if (field_contains(fields[i], t))
            return true;
    return false;
}

/* ------------------------------------------------------ the shipped file */

static const char *const parse_texts[AGENCY_PARSE_PROBLEM_COUNT] = {
    [AGENCY_PARSE_OK] = N_("The agency list is valid."),
    [AGENCY_PARSE_EMPTY] = N_("The file holds no agency."),
    [AGENCY_PARSE_NOT_UTF8] = N_("The line is not valid UTF-8 text."),
    [AGENCY_PARSE_CONTROL_CHAR] = N_("The line contains a control character."),
    [AGENCY_PARSE_FIELD_COUNT] = N_("The line has the wrong number of fields."),
    [AGENCY_PARSE_UNKNOWN_TYPE] =
        N_("Unknown agency type: use government, shelter, police, immigration, health, "
           "legal_aid, embassy, international, ngo or private."),
    [AGENCY_PARSE_UNKNOWN_LEVEL] =
        N_("Unknown agency level: use national, provincial or district."),
    [AGENCY_PARSE_UNKNOWN_SERVICE] =
        N_("Unknown service: use need codes separated by commas, or -."),
    [AGENCY_PARSE_INVALID_ROW] = N_("The agency on this line is not valid."),
    [AGENCY_PARSE_DUPLICATE_CODE] = N_("This agency code is already used."),
    [AGENCY_PARSE_TOO_MANY] = N_("The file holds too many agencies."),
    [AGENCY_PARSE_NO_MEMORY] = N_("Out of memory."),
};

const char *agency_parse_problem_text(agency_parse_problem p)
{
    if ((int)p < 0 || p >= AGENCY_PARSE_PROBLEM_COUNT)
        return "";
    return parse_texts[p];
}

typedef struct parser {
    agency_directory *dir;
    size_t capacity;
    agency_parse_error err;
} parser;

static bool fail(parser *p, agency_parse_problem problem_, int line)
{
    p->err.problem = problem_;
    p->err.line = line;
    return false;
}

static bool fail_row(parser *p, agency_check check, int line)
{
    p->err.check = check;
    return fail(p, AGENCY_PARSE_INVALID_ROW, line);
}

/* TAB is the separator; every other control or bidi character is refused
 * (a name must not reorder or repaint what an officer sees). */
static agency_parse_problem check_line_text(const char *line)
{
    switch (tsv_check_line(line)) {
    case TSV_NOT_UTF8: return AGENCY_PARSE_NOT_UTF8;
    case TSV_CONTROL_CHAR: return AGENCY_PARSE_CONTROL_CHAR;
    case TSV_OK: break;
    }
    return AGENCY_PARSE_OK;
}

/* The file writes an empty field as "-". */
static const char *field_value(const char *f)
{
    return strcmp(f, "-") == 0 ? "" : f;
}

/* Copies a text field into its buffer of size bytes; false when too long. */
static bool copy_field(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        return false;
    memcpy(dst, src, n + 1);
    return true;
}

/* Where each text column of the file goes. */
typedef struct text_column {
    int index;
    size_t offset, size;
    const char *field;
} text_column;

#define TEXT_COLUMN(i, member) \
    { i, offsetof(tc_agency, member), sizeof(((tc_agency *)0)->member), #member }

static const text_column text_columns[] = {
    TEXT_COLUMN(0, code), TEXT_COLUMN(3, province), TEXT_COLUMN(4, country),
    TEXT_COLUMN(5, name_th), TEXT_COLUMN(6, name_en), TEXT_COLUMN(7, abbr_th),
    TEXT_COLUMN(8, abbr_en), TEXT_COLUMN(10, phone), TEXT_COLUMN(11, line_id),
    TEXT_COLUMN(12, email), TEXT_COLUMN(13, address), TEXT_COLUMN(14, focal_name),
    TEXT_COLUMN(15, focal_phone), TEXT_COLUMN(16, note),
};

/* Fills a from the fields of one line. */
static bool read_row(parser *p, char **f, int line, tc_agency *a)
{
    agency_init(a);
    for (size_t i = 0; i < COUNT(text_columns); i++) {
        const text_column *c = &text_columns[i];
        if (!copy_field((char *)a + c->offset, c->size, field_value(f[c->index])))
            return fail_row(p, problem(AGENCY_TEXT_TOO_LONG, c->field), line);
    }
    if (!agency_type_from_code(f[1], &a->type))
        return fail(p, AGENCY_PARSE_UNKNOWN_TYPE, line);
    if (!agency_level_from_code(f[2], &a->level))
        return fail(p, AGENCY_PARSE_UNKNOWN_LEVEL, line);
    if (!need_set_parse(field_value(f[9]), &a->services))
        return fail(p, AGENCY_PARSE_UNKNOWN_SERVICE, line);
    agency_check check = agency_validate(a);
    if (check.problem != AGENCY_OK)
        return fail_row(p, check, line);
    return true;
}

/* A slot at the end of the directory, growing it as needed. */
static tc_agency *next_slot(parser *p, int line)
{
    agency_directory *d = p->dir;
    if (d->count == AGENCY_DIRECTORY_MAX) {
        fail(p, AGENCY_PARSE_TOO_MANY, line);
        return NULL;
    }
    if (d->count == p->capacity) {
        size_t cap = p->capacity ? p->capacity * 2 : 32;
        tc_agency *bigger = realloc(d->agencies, cap * sizeof *bigger);
        if (!bigger) {
            fail(p, AGENCY_PARSE_NO_MEMORY, 0);
            return NULL;
        }
        d->agencies = bigger;
        p->capacity = cap;
    }
    return &d->agencies[d->count];
}

static bool parse_line(parser *p, char *line, int number)
{
    if (line[0] == '\0' || line[0] == '#')
        return true;
    agency_parse_problem pr = check_line_text(line);
    if (pr != AGENCY_PARSE_OK)
        return fail(p, pr, number);
    char *f[AGENCY_FILE_FIELDS];
    if (tsv_split(line, f, AGENCY_FILE_FIELDS) != AGENCY_FILE_FIELDS)
        return fail(p, AGENCY_PARSE_FIELD_COUNT, number);
    tc_agency *a = next_slot(p, number);
    if (!a || !read_row(p, f, number, a))
        return false;
    if (agency_directory_find(p->dir, a->code))
        return fail(p, AGENCY_PARSE_DUPLICATE_CODE, number);
    p->dir->count++;
    return true;
}

static bool parse_line_cb(void *ctx, char *line, int number)
{
    return parse_line(ctx, line, number);
}

static bool parse_all(parser *p, char *text, size_t len)
{
    int nul_line = 0;
    if (!tsv_each_line(text, len, parse_line_cb, p, &nul_line))
        return nul_line > 0 ? fail(p, AGENCY_PARSE_CONTROL_CHAR, nul_line) : false;
    return p->dir->count > 0 ? true : fail(p, AGENCY_PARSE_EMPTY, 0);
}

bool agency_directory_parse(const char *text, size_t len, agency_directory **out,
                            agency_parse_error *err)
{
    *out = NULL;
    parser p = { .err = { AGENCY_PARSE_OK, 0, { AGENCY_OK, NULL } } };
    if (!text)
        len = 0;
    p.dir = calloc(1, sizeof *p.dir);
    char *copy = malloc(len + 1);
    bool parsed;
    if (!p.dir || !copy) {
        parsed = fail(&p, AGENCY_PARSE_NO_MEMORY, 0);
    } else {
        if (len > 0)
            memcpy(copy, text, len);
        copy[len] = '\0';
        parsed = parse_all(&p, copy, len);
    }
    /* Every string was copied into the records: the text can go. */
    free(copy);
    if (err)
        *err = p.err;
    if (!parsed) {
        agency_directory_free(p.dir);
        return false;
    }
    *out = p.dir;
    return true;
}

void agency_directory_free(agency_directory *d)
{
    if (!d)
        return;
    free(d->agencies);
    free(d);
}

const tc_agency *agency_directory_find(const agency_directory *d, const char *code)
{
    if (!d || !code)
        return NULL;
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->agencies[i].code, code) == 0)
            return &d->agencies[i];
    return NULL;
}

size_t agency_directory_search(const agency_directory *d, const char *term, size_t *idx,
                               size_t max)
{
    size_t found = 0;
    if (!d)
        return 0;
    for (size_t i = 0; i < d->count; i++) {
        if (!agency_matches(&d->agencies[i], term))
            continue;
        if (found < max && idx)
            idx[found] = i;
        found++;
    }
    return found;
}
