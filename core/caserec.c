/* caserec.c - the case record: codes, validation and derived values.
 *
 * Validation runs before anything is stored and again when a record arrives
 * from another laptop, so it never trusts a buffer to be NUL-terminated or
 * a number to be in range. */
#include "core/caserec.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/geo.h"
#include "core/msg.h"
#include "core/utf8.h"

/* ---------------------------------------------------------------- sex */

/* Codes are stored in the database: never rename one. */
static const code_label sexes[SEX_COUNT] = {
    [SEX_UNKNOWN] = { "unknown", N_("Unknown") },
    [SEX_FEMALE] = { "female", N_("Female") },
    [SEX_MALE] = { "male", N_("Male") },
    [SEX_OTHER] = { "other", N_("Other") },
};

/* One-letter forms accepted wherever a sex code is read; never stored, so
 * they carry no label. */
static const code_label sex_letters[SEX_COUNT] = {
    [SEX_UNKNOWN] = { "u", NULL },
    [SEX_FEMALE] = { "f", NULL },
    [SEX_MALE] = { "m", NULL },
    [SEX_OTHER] = { "x", NULL },
};

static bool sex_in_range(tc_sex s)
{
    return (int)s >= 0 && s < SEX_COUNT;
}

const char *sex_code(tc_sex s)
{
    return sexes[sex_in_range(s) ? s : SEX_UNKNOWN].code;
}

bool sex_from_code(const char *code, tc_sex *out)
{
    int i;
    if (!codes_find(sexes, SEX_COUNT, code, &i) && !codes_find(sex_letters, SEX_COUNT, code, &i))
        return false;
    *out = (tc_sex)i;
    return true;
}

const char *sex_label(tc_sex s)
{
    return sexes[sex_in_range(s) ? s : SEX_UNKNOWN].label;
}

/* -------------------------------------------------------- entry points */

/* Codes are stored in the database and used in reports: never rename one. */
static const entry_point entry_point_table[] = {
    { "labour_inspection", N_("Labour inspection") },
    { "border_checkpoint", N_("Border checkpoint") },
    { "shelter", N_("Shelter") },
    { "hotline_1300", N_("Hotline 1300") },
    { "police_operation", N_("Police operation") },
    { "ngo", N_("NGO") },
    { "embassy", N_("Embassy or consulate") },
    { "self_referral", N_("Self-referral") },
    { "other", N_("Other") },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const entry_point *entry_points(int *count)
{
    if (count)
        *count = (int)COUNT(entry_point_table);
    return entry_point_table;
}

const entry_point *entry_point_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < COUNT(entry_point_table); i++)
        if (strcmp(code, entry_point_table[i].code) == 0)
            return &entry_point_table[i];
    return NULL;
}

/* --------------------------------------------------------------- init */

void case_init(tc_case *c)
{
    memset(c, 0, sizeof *c);
    c->sex = SEX_UNKNOWN;
    c->estimated_age = -1;
    c->birth_known = false;
    c->date_met_known = false;
}

/* ---------------------------------------------------------- text tools */

/* Spaces only, not tabs or newlines: names that passed validation hold no
 * control characters, and case_display_name() keeps its choice for a record
 * that has not been validated yet. */
static bool has_visible_text(const char *s)
{
    for (; *s; s++)
        if (*s != ' ')
            return true;
    return false;
}

/* ---------------------------------------------------------- validation */

static case_check problem(case_problem p, const char *field)
{
    case_check c = { p, field };
    return c;
}

static case_check ok(void)
{
    return problem(CASE_OK, NULL);
}

typedef struct name_field { const char *text; size_t max; const char *field; } name_field;

static case_check check_names(const tc_case *c)
{
    const name_field names[] = {
        { c->name_thai, CASE_NAME_MAX, "name_thai" },
        { c->name_original, CASE_NAME_MAX, "name_original" },
        { c->name_latin, CASE_NAME_MAX, "name_latin" },
        { c->aliases, CASE_ALIASES_MAX, "aliases" },
    };
    bool any_name = false;
    for (size_t i = 0; i < COUNT(names); i++) {
        /* The rule every record field shares (core/fieldtext.h): no invalid
         * UTF-8, no control characters (an ESC sequence could repaint the
         * screen) and no bidi controls that would reorder what the officer
         * sees. */
        field_text t = field_text_check(names[i].text, names[i].max, false);
        if (t == FIELD_TEXT_TOO_LONG)
            return problem(CASE_NAME_TOO_LONG, names[i].field);
        if (t != FIELD_TEXT_OK)
            return problem(CASE_NAME_BAD_TEXT, names[i].field);
        /* An alias alone does not identify a person on a form. */
        if (i < 3 && has_visible_text(names[i].text))
            any_name = true;
    }
    return any_name ? ok() : problem(CASE_NAME_MISSING, "name");
}

static case_check check_birth_and_age(const tc_case *c, caldate today)
{
    if (c->birth_known) {
        if (!caldate_valid(c->birth))
            return problem(CASE_BIRTH_INVALID, "birth");
        if (caldate_compare(c->birth, today) > 0)
            return problem(CASE_BIRTH_IN_FUTURE, "birth");
        if (caldate_age_years(c->birth, today) > CASE_AGE_MAX)
            return problem(CASE_BIRTH_TOO_OLD, "birth");
    }
    if (c->estimated_age != -1 && (c->estimated_age < 0 || c->estimated_age > CASE_AGE_MAX))
        return problem(CASE_AGE_OUT_OF_RANGE, "age");
    return ok();
}

/* The code in a nationality slot, or NULL when the slot has no NUL. */
static const char *slot_code(const tc_case *c, int i)
{
    const char *s = c->nationalities[i];
    return field_terminated(s, sizeof c->nationalities[i]) ? s : NULL;
}

/* Stored codes must be the table's own upper-case form, so that reports
 * and searches compare equal bytes. */
static bool known_country_code(const char *code)
{
    const geo_entry *g = code ? geo_country(code) : NULL;
    return g && strcmp(g->code, code) == 0;
}

static case_check check_nationalities(const tc_case *c)
{
    if (c->n_nationalities < 0 || c->n_nationalities > CASE_MAX_NATIONALITIES)
        return problem(CASE_NATIONALITY_UNKNOWN, "nationality");
    bool stateless = false;
    for (int i = 0; i < c->n_nationalities; i++) {
        const char *code = slot_code(c, i);
        if (!known_country_code(code))
            return problem(CASE_NATIONALITY_UNKNOWN, "nationality");
        for (int j = 0; j < i; j++)
            if (strcmp(code, c->nationalities[j]) == 0)
                return problem(CASE_NATIONALITY_REPEATED, "nationality");
        if (strcmp(code, GEO_STATELESS) == 0)
            stateless = true;
    }
    if (stateless && c->n_nationalities > 1)
        return problem(CASE_STATELESS_WITH_OTHER, "nationality");
    return ok();
}

static bool is_lower_letter(char ch)
{
    return ch >= 'a' && ch <= 'z';
}

/* "" or "my" or "my,th,shn": ISO 639-1/-2/-3 codes, no spaces, no empty
 * items, so the stored form is canonical. */
static bool languages_well_formed(const char *s)
{
    if (field_bounded_length(s, CASE_LANGS_MAX + 1) > CASE_LANGS_MAX)
        return false;
    if (*s == '\0')
        return true;
    for (;;) {
        int letters = 0;
        while (is_lower_letter(*s)) {
            letters++;
            s++;
        }
        if (letters < 2 || letters > 3)
            return false;
        if (*s == '\0')
            return true;
        if (*s++ != ',')
            return false;
    }
}

static case_check check_sex(const tc_case *c)
{
    return sex_in_range(c->sex) ? ok() : problem(CASE_SEX_INVALID, "sex");
}

static case_check check_languages(const tc_case *c)
{
    return languages_well_formed(c->languages) ? ok() : problem(CASE_LANGUAGES_BAD, "languages");
}

static case_check check_places(const tc_case *c)
{
    if (field_bounded_length(c->entry_point, CASE_CODE_MAX + 1) > CASE_CODE_MAX
        || (c->entry_point[0] && !entry_point_find(c->entry_point)))
        return problem(CASE_ENTRY_POINT_UNKNOWN, "entry_point");
    if (field_bounded_length(c->province, CASE_CODE_MAX + 1) > CASE_CODE_MAX)
        return problem(CASE_PROVINCE_UNKNOWN, "province");
    const geo_entry *p = c->province[0] ? geo_province(c->province) : NULL;
    if (c->province[0] && !(p && strcmp(p->code, c->province) == 0))
        return problem(CASE_PROVINCE_UNKNOWN, "province");
    return ok();
}

static case_check check_date_met(const tc_case *c, caldate today)
{
    if (!c->date_met_known)
        return ok();
    if (!caldate_valid(c->date_met))
        return problem(CASE_DATE_MET_INVALID, "date_met");
    if (caldate_compare(c->date_met, today) > 0)
        return problem(CASE_DATE_MET_IN_FUTURE, "date_met");
    if (c->birth_known && caldate_compare(c->date_met, c->birth) < 0)
        return problem(CASE_DATE_MET_BEFORE_BIRTH, "date_met");
    return ok();
}

static case_check check_notes(const tc_case *c)
{
    field_text t = field_text_check(c->notes, CASE_NOTES_MAX, true);
    if (t == FIELD_TEXT_TOO_LONG)
        return problem(CASE_NOTES_TOO_LONG, "notes");
    if (t != FIELD_TEXT_OK)
        return problem(CASE_NOTES_BAD_TEXT, "notes");
    return ok();
}

/* True when check found a problem, which it leaves in *r. */
static bool failed(case_check check, case_check *r)
{
    *r = check;
    return check.problem != CASE_OK;
}

case_check case_validate(const tc_case *c, caldate today)
{
    /* Form order, so the officer is sent to the first field that needs work. */
    case_check r;
    if (failed(check_names(c), &r) || failed(check_sex(c), &r)
        || failed(check_birth_and_age(c, today), &r) || failed(check_nationalities(c), &r)
        || failed(check_languages(c), &r) || failed(check_places(c), &r)
        || failed(check_date_met(c, today), &r) || failed(check_notes(c), &r))
        return r;
    return ok();
}

const char *case_problem_text(case_problem p)
{
    switch (p) {
    case CASE_OK:
        return N_("The case record is complete.");
    case CASE_NAME_MISSING:
        return N_("Enter at least one name: in Thai, in the person's own script or romanised.");
    case CASE_NAME_BAD_TEXT:
        return N_("A name cannot contain control characters or invalid text.");
    case CASE_NAME_TOO_LONG:
        return N_("A name or the list of other names is too long.");
    case CASE_BIRTH_INVALID:
        return N_("The date of birth is not a real calendar date.");
    case CASE_BIRTH_IN_FUTURE:
        return N_("The date of birth cannot be in the future.");
    case CASE_BIRTH_TOO_OLD:
        return N_("The date of birth is more than 120 years ago.");
    case CASE_AGE_OUT_OF_RANGE:
        return N_("The estimated age must be between 0 and 120 years.");
    case CASE_DATE_MET_INVALID:
        return N_("The date the person was met is not a real calendar date.");
    case CASE_DATE_MET_IN_FUTURE:
        return N_("The date the person was met cannot be in the future.");
    case CASE_DATE_MET_BEFORE_BIRTH:
        return N_("The date the person was met is before their date of birth.");
    case CASE_NATIONALITY_UNKNOWN:
        return N_("A nationality is not a known country code.");
    case CASE_NATIONALITY_REPEATED:
        return N_("The same nationality is entered twice.");
    case CASE_STATELESS_WITH_OTHER:
        return N_("A stateless person cannot also have a nationality.");
    case CASE_SEX_INVALID:
        return N_("Choose the person's sex, or Unknown.");
    case CASE_PROVINCE_UNKNOWN:
        return N_("The province is not a known Thai province.");
    case CASE_ENTRY_POINT_UNKNOWN:
        return N_("The entry point is not one of the listed ones.");
    case CASE_LANGUAGES_BAD:
        return N_("Languages must be language codes separated by commas, such as my,th.");
    case CASE_NOTES_BAD_TEXT:
        return N_("The notes cannot contain control characters or invalid text.");
    case CASE_NOTES_TOO_LONG:
        return N_("The notes are too long.");
    case CASE_PROBLEM_COUNT:
        break;
    }
    return N_("The case record is not valid.");
}

/* ----------------------------------------------------------------- age */

int case_age_today(const tc_case *c, caldate today, int utc_offset)
{
    if (c->birth_known) {
        if (!caldate_valid(c->birth) || caldate_compare(c->birth, today) > 0)
            return -1;
        return caldate_age_years(c->birth, today);
    }
    if (c->estimated_age < 0 || c->estimated_age > CASE_AGE_MAX)
        return -1;
    /* The estimate was true on the day the person was met (or, failing
     * that, the day the record was made); they have aged since.  A record
     * not yet saved was made today. */
    caldate estimated_on = today;
    if (c->date_met_known && caldate_valid(c->date_met))
        estimated_on = c->date_met;
    else if (c->created_at > 0)
        estimated_on = caldate_from_timestamp(c->created_at, utc_offset);
    if (caldate_compare(estimated_on, today) > 0)
        return c->estimated_age;
    return c->estimated_age + caldate_age_years(estimated_on, today);
}

bool case_is_child(const tc_case *c, caldate today, int utc_offset)
{
    int age = case_age_today(c, today, utc_offset);
    return age >= 0 && age < CHILD_AGE_LIMIT;
}

/* -------------------------------------------------------- names, search */

const char *case_display_name(const tc_case *c)
{
    if (has_visible_text(c->name_thai))
        return c->name_thai;
    if (has_visible_text(c->name_latin))
        return c->name_latin;
    return c->name_original;
}

#define THAI_DIGIT_ZERO 0x0E50u
#define THAI_DIGIT_NINE 0x0E59u
#define SEARCH_SEPARATOR '\x1f'

/* Appends bytes to a bounded output, keeping it NUL-terminated. */
typedef struct out_buf { char *text; size_t size, used; } out_buf;

static bool put_bytes(out_buf *o, const char *bytes, size_t n)
{
    if (o->size == 0 || o->used + n >= o->size)
        return false;       /* never cut a character in half */
    memcpy(o->text + o->used, bytes, n);
    o->used += n;
    o->text[o->used] = '\0';
    return true;
}

/* One character folded for search: A-Z to a-z, Thai digits to 0-9, the
 * rest as typed (Thai has no case; an invalid byte stays a byte).  Returns
 * the bytes read from s; *folded_len is the bytes written to folded. */
static size_t fold_char(const char *s, size_t len, char folded[4], size_t *folded_len)
{
    uint32_t cp;
    size_t used = utf8_decode(s, len, &cp);
    *folded_len = 1;
    if (cp >= 'A' && cp <= 'Z')
        folded[0] = (char)(cp - 'A' + 'a');
    else if (cp >= THAI_DIGIT_ZERO && cp <= THAI_DIGIT_NINE)
        folded[0] = (char)('0' + (cp - THAI_DIGIT_ZERO));
    else {
        memcpy(folded, s, used);
        *folded_len = used;
    }
    return used;
}

/* Folds n bytes of s onto o; false when o filled up. */
static bool put_folded(out_buf *o, const char *s, size_t n)
{
    while (n > 0) {
        char folded[4];
        size_t folded_len;
        size_t used = fold_char(s, n, folded, &folded_len);
        if (!put_bytes(o, folded, folded_len))
            return false;
        s += used;
        n -= used;
    }
    return true;
}

static void out_init(out_buf *o, char *out, size_t outsz)
{
    o->text = out;
    o->size = outsz;
    o->used = 0;
    if (outsz > 0)
        out[0] = '\0';
}

void case_search_fold(const char *in, char *out, size_t outsz)
{
    out_buf o;
    out_init(&o, out, outsz);
    put_folded(&o, in, strlen(in));
}

/* Adds one name to the key, trimmed of spaces, after a separator. */
static bool put_key_part(out_buf *o, const char *s, size_t n)
{
    while (n > 0 && *s == ' ') {
        s++;
        n--;
    }
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return true;
    if (o->used > 0) {
        char sep = SEARCH_SEPARATOR;
        if (!put_bytes(o, &sep, 1))
            return false;
    }
    return put_folded(o, s, n);
}

void case_search_key(const tc_case *c, char *out, size_t outsz)
{
    out_buf o;
    out_init(&o, out, outsz);
    const char *names[] = { c->name_thai, c->name_original, c->name_latin };
    for (size_t i = 0; i < COUNT(names); i++)
        if (!put_key_part(&o, names[i], strlen(names[i])))
            return;
    /* Each alias is its own part: a search never matches across the end of
     * one alias and the start of the next. */
    for (const char *alias = c->aliases; *alias;) {
        size_t n = strcspn(alias, ",");
        if (!put_key_part(&o, alias, n))
            return;
        alias += n;
        if (*alias == ',')
            alias++;
    }
}
