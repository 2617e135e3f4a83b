#include "config.h"
#include "tui/caseinput.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/geo.h"
#include "core/utf8.h"
#include "i18n/i18n.h"
#include "i18n/thdate.h"

static void copy_field(char *dst, size_t dstsz, const char *src)
{
    snprintf(dst, dstsz, "%s", src);
}

void case_put_name(tc_case *c, const char *name)
{
    bool thai = false, ascii = true;
    for (const char *p = name; *p;) {
        uint32_t cp;
        p += utf8_decode(p, strlen(p), &cp);
        if (cp >= 0x0E00 && cp <= 0x0E7F)
            thai = true;
        if (cp > 0x7F)
            ascii = false;
    }
    if (thai)
        copy_field(c->name_thai, sizeof c->name_thai, name);
    else if (ascii)
        copy_field(c->name_latin, sizeof c->name_latin, name);
    else
        copy_field(c->name_original, sizeof c->name_original, name);
}

/* Trim spaces at both ends into out. */
static void trimmed(const char *in, char *out, size_t outsz)
{
    while (*in == ' ')
        in++;
    snprintf(out, outsz, "%s", in);
    size_t n = strlen(out);
    while (n > 0 && out[n - 1] == ' ')
        out[--n] = '\0';
}

static bool same_word(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

static const char *read_sex(tc_case *c, const char *text)
{
    char t[64];
    trimmed(text, t, sizeof t);
    if (!*t) {
        c->sex = SEX_UNKNOWN;
        return NULL;
    }
    if (sex_from_code(t, &c->sex))
        return NULL;
    for (int s = 0; s < SEX_COUNT; s++)
        if (same_word(t, sex_label((tc_sex)s)) || same_word(t, _(sex_label((tc_sex)s)))) {
            c->sex = (tc_sex)s;
            return NULL;
        }
    return N_("Sex must be female, male, other or unknown.");
}

static const char *read_date(const char *text, bool *known, caldate *d)
{
    char t[THDATE_MAX * 2];
    trimmed(text, t, sizeof t);
    if (!*t) {
        *known = false;
        return NULL;
    }
    thdate_error e = thdate_parse(t, d);
    if (e != THDATE_OK)
        return thdate_error_text(e);
    *known = true;
    return NULL;
}

static const char *read_age(tc_case *c, const char *text)
{
    char t[32], ascii[32];
    trimmed(text, t, sizeof t);
    digits_to_ascii(t, ascii, sizeof ascii);
    if (!*ascii) {
        c->estimated_age = -1;
        return NULL;
    }
    char *end = NULL;
    long v = strtol(ascii, &end, 10);
    if (!end || *end || v < 0 || v > CASE_AGE_MAX)
        return N_("Enter the estimated age as a number of years, from 0 to 120.");
    c->estimated_age = (int)v;
    return NULL;
}

static const char *read_nationalities(tc_case *c, const char *text)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", text);
    c->n_nationalities = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",;", &save); tok;
         tok = strtok_r(NULL, ",;", &save)) {
        char t[128];
        trimmed(tok, t, sizeof t);
        if (!*t)
            continue;
        const geo_entry *g = geo_country_lookup(t);
        if (!g)
            return N_("Unknown nationality: use a country code such as MM or a country name.");
        if (c->n_nationalities >= CASE_MAX_NATIONALITIES)
            return N_("At most four nationalities can be recorded.");
        snprintf(c->nationalities[c->n_nationalities++], 3, "%s", g->code);
    }
    return NULL;
}

static const char *read_entry_point(tc_case *c, const char *text)
{
    char t[128];
    trimmed(text, t, sizeof t);
    if (!*t) {
        c->entry_point[0] = '\0';
        return NULL;
    }
    int n = 0;
    const entry_point *all = entry_points(&n);
    for (int i = 0; i < n; i++)
        if (same_word(t, all[i].code) || same_word(t, all[i].label) ||
            strcmp(t, _(all[i].label)) == 0) {
            copy_field(c->entry_point, sizeof c->entry_point, all[i].code);
            return NULL;
        }
    return N_("Unknown entry point.");
}

static const char *read_province(tc_case *c, const char *text)
{
    char t[128];
    trimmed(text, t, sizeof t);
    if (!*t) {
        c->province[0] = '\0';
        return NULL;
    }
    const geo_entry *g = geo_province_lookup(t);
    if (!g)
        return N_("Unknown province: use its Thai or English name or its code (TH-10).");
    copy_field(c->province, sizeof c->province, g->code);
    return NULL;
}

/* The field named name whose text does not fit its buffer, or NULL.  A
 * value cut to fit would be saved shorter than typed without a word (a
 * 10,000-character name from a script, a long pasted note), so too long
 * is refused instead, as validation would refuse it. */
static const char *overlong_field(const tc_case *c, const case_text *t)
{
    const struct { const char *text; size_t size; const char *field; } f[] = {
        { t->name_thai, sizeof c->name_thai, "name_thai" },
        { t->name_original, sizeof c->name_original, "name_original" },
        { t->name_latin, sizeof c->name_latin, "name_latin" },
        { t->aliases, sizeof c->aliases, "aliases" },
        { t->languages, sizeof c->languages, "languages" },
        { t->notes, sizeof c->notes, "notes" },
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i].text && strlen(f[i].text) >= f[i].size)
            return f[i].field;
    return NULL;
}

const char *case_from_text(tc_case *c, const case_text *t, const char **field)
{
    const char *too_long = overlong_field(c, t);
    if (too_long) {
        if (field)
            *field = too_long;
        if (!strcmp(too_long, "notes"))
            return case_problem_text(CASE_NOTES_TOO_LONG);
        if (!strcmp(too_long, "languages"))
            return N_("Some details are not valid. Check them and try again.");
        return case_problem_text(CASE_NAME_TOO_LONG);
    }
    if (t->name_thai)
        copy_field(c->name_thai, sizeof c->name_thai, t->name_thai);
    if (t->name_original)
        copy_field(c->name_original, sizeof c->name_original, t->name_original);
    if (t->name_latin)
        copy_field(c->name_latin, sizeof c->name_latin, t->name_latin);
    if (t->aliases)
        copy_field(c->aliases, sizeof c->aliases, t->aliases);
    if (t->sex)
        READ_OR_RETURN(field, "sex", read_sex(c, t->sex));
    if (t->birth)
        READ_OR_RETURN(field, "birth", read_date(t->birth, &c->birth_known, &c->birth));
    if (t->age)
        READ_OR_RETURN(field, "age", read_age(c, t->age));
    if (t->nationalities)
        READ_OR_RETURN(field, "nationality", read_nationalities(c, t->nationalities));
    if (t->languages)
        copy_field(c->languages, sizeof c->languages, t->languages);
    if (t->entry_point)
        READ_OR_RETURN(field, "entry_point", read_entry_point(c, t->entry_point));
    if (t->province)
        READ_OR_RETURN(field, "province", read_province(c, t->province));
    if (t->date_met)
        READ_OR_RETURN(field, "date_met", read_date(t->date_met, &c->date_met_known, &c->date_met));
    if (t->notes)
        copy_field(c->notes, sizeof c->notes, t->notes);
    return NULL;
}

void case_default_date_met(tc_case *c, caldate today)
{
    if (!c->date_met_known) {
        c->date_met = today;
        c->date_met_known = true;
    }
}

void case_format_nationalities(const tc_case *c, char *out, size_t outsz)
{
    out[0] = '\0';
    size_t used = 0;
    for (int i = 0; i < c->n_nationalities && used < outsz; i++)
        used += (size_t)snprintf(out + used, outsz - used, "%s%s", i ? ", " : "",
                                 c->nationalities[i]);
}

void case_format_date_input(bool known, caldate d, char *out, size_t outsz)
{
    if (!known)
        out[0] = '\0';
    else
        thdate_format_input(d, i18n_is_thai(), out, outsz);
}
