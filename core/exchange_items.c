/* exchange_items.c - the hand-over's sections and the cross-border item
 * catalogue (see exchange_items.h). */
#include "core/exchange_items.h"
#include "core/agency.h"
#include "core/codes.h"
#include "core/msg.h"
#include <string.h>

static const code_label sections[EXCH_SECTION_COUNT] = {
    { "person", N_("Person and case") },
    { "story", N_("Intake and story") },
    { "screening", N_("Screenings") },
    { "identification", N_("Identification") },
    { "needs", N_("Assistance needs") },
    { "referrals", N_("Referrals") },
    { "return", N_("Return plan") },
    { "reintegration", N_("Reintegration plan and follow-ups") },
};

const char *exch_section_code(exch_section s)
{
    return codes_code(sections, EXCH_SECTION_COUNT, (int)s);
}

bool exch_section_from_code(const char *code, exch_section *out)
{
    int i;
    if (!codes_find(sections, EXCH_SECTION_COUNT, code, &i))
        return false;
    *out = (exch_section)i;
    return true;
}

const char *exch_section_label(exch_section s)
{
    return codes_label(sections, EXCH_SECTION_COUNT, (int)s, N_("Unknown"));
}

consent_purpose exch_recipient_purpose(const char *kind)
{
    if (kind && !strcmp(kind, agency_type_code(AGENCY_EMBASSY)))
        return CONSENT_SHARE_EMBASSY;
    return CONSENT_REFERRAL;
}

consent_purpose exch_section_extra_purpose(exch_section s)
{
    return s == EXCH_SECTION_RETURN || s == EXCH_SECTION_REINTEGRATION
               ? CONSENT_REPATRIATION : CONSENT_PURPOSE_COUNT;
}

static const code_label items[EXCH_ITEM_COUNT] = {
    { "sex", N_("Sex") },
    { "age_band", N_("Age band") },
    { "child", N_("Child or adult") },
    { "nationality", N_("Nationality") },
    { "country_identified", N_("Country of identification") },
    { "province", N_("Province of identification") },
    { "month_met", N_("Month met") },
    { "month_identified", N_("Month of identification") },
    { "identification", N_("Identification outcome") },
    { "entry_point", N_("Entry point") },
    { "exploitation", N_("Type of exploitation") },
    { "sector", N_("Sector") },
    { "recruitment", N_("Recruitment channel") },
    { "origin", N_("Place of origin") },
    { "exploitation_country", N_("Country of exploitation") },
    { "crossing", N_("Border crossing") },
    { "needs", N_("Assistance needs") },
    { "repatriation", N_("Repatriation") },
    { "repatriation_country", N_("Country of return") },
    { "reintegration", N_("Reintegration") },
};

const char *exch_item_code(exch_item i)
{
    return codes_code(items, EXCH_ITEM_COUNT, (int)i);
}

bool exch_item_from_code(const char *code, exch_item *out)
{
    int i;
    if (!codes_find(items, EXCH_ITEM_COUNT, code, &i))
        return false;
    *out = (exch_item)i;
    return true;
}

const char *exch_item_label(exch_item i)
{
    return codes_label(items, EXCH_ITEM_COUNT, (int)i, N_("Unknown"));
}

static const char *const items_problems[EXCH_ITEMS_PROBLEM_COUNT] = {
    N_("The items are fine."),
    N_("No cross-border item is chosen."),
    N_("The cross-border profile shares at most 15 items."),
    N_("Not an item of the cross-border catalogue."),
    N_("An item is named twice."),
};

const char *exch_items_problem_text(exch_items_problem p)
{
    return (unsigned)p < EXCH_ITEMS_PROBLEM_COUNT ? items_problems[p] : N_("Unknown");
}

static void copy_bad(char *bad, size_t badsz, const char *s, size_t len)
{
    if (!bad || !badsz)
        return;
    if (len >= badsz)
        len = badsz - 1;
    memcpy(bad, s, len);
    bad[len] = '\0';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* One code of the list, spaces around it dropped: [*start, *start+*len). */
static void trim(const char **start, size_t *len)
{
    while (*len && is_space(**start)) {
        (*start)++;
        (*len)--;
    }
    while (*len && is_space((*start)[*len - 1]))
        (*len)--;
}

/* Steps *p (NULL once the list is done) past the next item of a comma
 * list: the item, spaces around it dropped, is [*code, *code+*len); an
 * empty item has len 0.  False when there is no item left. */
static bool next_code(const char **p, const char **code, size_t *len)
{
    if (!*p)
        return false;
    const char *comma = strchr(*p, ',');
    *len = comma ? (size_t)(comma - *p) : strlen(*p);
    *code = *p;
    trim(code, len);
    *p = comma ? comma + 1 : NULL;
    return true;
}

/* Counts every code before judging any, so "more than 15" is said even
 * when a later code is also unknown: the limit is the rule people meet. */
static size_t count_codes(const char *text)
{
    size_t n = 0, len;
    const char *p = text, *code;
    while (next_code(&p, &code, &len))
        n += len > 0;
    return n;
}

/* The problem with the code [s, s+len), which goes into bad. */
static exch_items_problem refuse_code(exch_items_problem problem, char *bad, size_t badsz,
                                      const char *s, size_t len)
{
    copy_bad(bad, badsz, s, len);
    return problem;
}

exch_items_problem exch_items_parse(const char *text, exch_item_choice *out, char *bad,
                                    size_t badsz)
{
    exch_item_choice c = { .n = 0 };
    size_t total = text ? count_codes(text) : 0;
    if (total == 0)
        return EXCH_ITEMS_EMPTY;
    if (total > EXCH_ITEMS_MAX)
        return EXCH_ITEMS_TOO_MANY;
    const char *p = text, *st;
    size_t len;
    while (next_code(&p, &st, &len)) {
        if (!len)
            continue;
        char code[32];
        exch_item it;
        if (len >= sizeof code)
            return refuse_code(EXCH_ITEMS_UNKNOWN, bad, badsz, st, len);
        memcpy(code, st, len);
        code[len] = '\0';
        if (!exch_item_from_code(code, &it))
            return refuse_code(EXCH_ITEMS_UNKNOWN, bad, badsz, st, len);
        for (size_t i = 0; i < c.n; i++)
            if (c.items[i] == it)
                return refuse_code(EXCH_ITEMS_REPEATED, bad, badsz, st, len);
        c.items[c.n++] = it;
    }
    *out = c;
    return EXCH_ITEMS_OK;
}

bool exch_items_format(const exch_item_choice *c, char *out, size_t outsz)
{
    size_t used = 0;
    if (!outsz)
        return false;
    out[0] = '\0';
    for (size_t i = 0; i < c->n && i < EXCH_ITEMS_MAX; i++) {
        const char *code = exch_item_code(c->items[i]);
        size_t len = strlen(code);
        if (!*code || used + (i ? 1 : 0) + len + 1 > outsz) {
            out[0] = '\0';
            return false;
        }
        if (i)
            out[used++] = ',';
        memcpy(out + used, code, len + 1);
        used += len;
    }
    return true;
}

const char *exch_age_band(int age_years)
{
    if (age_years < 0)
        return "";
    if (age_years <= 14)
        return "0-14";
    if (age_years <= 17)
        return "15-17";
    if (age_years <= 24)
        return "18-24";
    return "25+";
}
