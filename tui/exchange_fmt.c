/* exchange_fmt.c - the words and layouts of the hand-over screens that
 * need no terminal and no store (tui/exchange_fmt.h). */
#include "config.h"
#include "tui/exchange_fmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/agency.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "tui/casefmt.h"
#include "tui/private_file.h"

/* ---- the fingerprint ------------------------------------------------------ */

bool xs_fp_groups(const char *fp, char groups[XS_FP_GROUPS][XS_FP_GROUP_DIGITS + 1])
{
    char digits[XS_FP_GROUPS * XS_FP_GROUP_DIGITS];
    size_t n = 0;
    for (const char *p = fp ? fp : ""; *p; p++) {
        if (*p < '0' || *p > '9')
            continue;
        if (n == sizeof digits)
            return false;
        digits[n++] = *p;
    }
    if (n != sizeof digits)
        return false;
    for (int g = 0; g < XS_FP_GROUPS; g++) {
        memcpy(groups[g], digits + g * XS_FP_GROUP_DIGITS, XS_FP_GROUP_DIGITS);
        groups[g][XS_FP_GROUP_DIGITS] = '\0';
    }
    return true;
}

void xs_fp_group_text(int number, const char *group, char *out, size_t outsz)
{
    /* "3:  1 2 3 4 5": the number, two spaces, the digits one space apart,
     * so each digit is read on its own and no pair runs together. */
    char spaced[2 * XS_FP_GROUP_DIGITS] = "";
    size_t n = 0;
    for (size_t i = 0; group[i] && i < XS_FP_GROUP_DIGITS; i++) {
        if (i)
            spaced[n++] = ' ';
        spaced[n++] = group[i];
    }
    spaced[n] = '\0';
    snprintf(out, outsz, "%d:  %s", number, spaced);
}

int xs_fp_groups_per_row(int cols)
{
    static const int choices[] = { 6, 3, 2 };
    for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++) {
        int k = choices[i];
        if (k * XS_FP_GROUP_COLS + (k - 1) * XS_FP_GAP <= cols)
            return k;
    }
    return 1;
}

void xs_fp_short(const char *fp, char *out, size_t outsz)
{
    char g[XS_FP_GROUPS][XS_FP_GROUP_DIGITS + 1];
    if (xs_fp_groups(fp, g))
        snprintf(out, outsz, "%s %s…", g[0], g[1]);
    else
        snprintf(out, outsz, "%s", fp ? fp : "");
}

/* ---- names ------------------------------------------------------------------ */

typedef struct table_name {
    const char *table;
    const char *label;
} table_name;

/* Every table db/exchange_tables.c sends, and the cross-border profile's. */
static const table_name table_names[] = {
    { "persons", N_("Person") },
    { "cases", N_("Case") },
    { "case_nationalities", N_("Nationality") },
    { "case_clocks", N_("Legal clocks") },
    { "consents", N_("Consent") },
    { "intakes", N_("Intake") },
    { "screenings", N_("Screening") },
    { "screening_answers", N_("Screening answer") },
    { "identifications", N_("Identification") },
    { "needs", N_("Assistance need") },
    { "referrals", N_("Referral") },
    { "referral_events", N_("Referral event") },
    { "referral_needs", N_("Need of a referral") },
    { "repatriations", N_("Repatriation plan") },
    { "repatriation_steps", N_("Repatriation step") },
    { "reintegrations", N_("Reintegration plan") },
    { "reintegration_domains", N_("Reintegration domain") },
    { "followups", N_("Follow-up") },
    { "crossborder_profiles", N_("Cross-border record") },
};

static const char *find_label(const table_name *list, size_t n, const char *name);

const char *xs_table_label(const char *table)
{
    return find_label(table_names, sizeof table_names / sizeof table_names[0], table);
}

/* The fields of the person and the case an officer edits on the case
 * form, by the form's own labels. */
static const table_name person_fields[] = {
    { "name_thai", N_("Name in Thai script") },
    { "name_original", N_("Name in own script") },
    { "name_latin", N_("Name romanised") },
    { "aliases", N_("Other names") },
    { "sex", N_("Sex") },
    { "birth_date", N_("Date of birth") },
    { "estimated_age", N_("Estimated age") },
    { "languages", N_("Languages") },
};
static const table_name case_fields[] = {
    { "entry_point", N_("Entry point") },
    { "province", N_("Province") },
    { "date_met", N_("Date met") },
    { "notes", N_("Notes") },
};

static const char *find_label(const table_name *list, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (!strcmp(list[i].table, name))
            return list[i].label;
    return NULL;
}

const char *xs_field_label(const char *table, const char *field)
{
    if (table && !strcmp(table, "persons"))
        return find_label(person_fields, sizeof person_fields / sizeof person_fields[0], field);
    if (table && !strcmp(table, "cases"))
        return find_label(case_fields, sizeof case_fields / sizeof case_fields[0], field);
    return NULL;
}

const char *xs_kind_label(const char *kind)
{
    agency_type t;
    if (!kind || !kind[0])
        /* TRANSLATORS: a peer store's kind of agency, when none was given. */
        return N_("Not said");
    if (agency_type_from_code(kind, &t))
        return agency_type_label(t);
    return kind;
}

const char *xs_profile_label(exch_profile p)
{
    return p == EXCH_PROFILE_CROSS_BORDER
               ? N_("Cross-border: only the agreed non-confidential items")
               : N_("Full: the sections the person's consent covers");
}

void xs_sections_text(exch_section_set set, char *out, size_t outsz)
{
    out[0] = '\0';
    for (int s = 0; s < EXCH_SECTION_COUNT; s++)
        if (set & (1u << s))
            text_join(out, outsz, ", ", _(exch_section_label((exch_section)s)));
    if (!out[0])
        snprintf(out, outsz, "%s", _("none"));
}

/* ---- values ----------------------------------------------------------------- */

const char *xs_value_text(const char *value)
{
    if (!value)
        return _("(no value)");
    if (!value[0])
        return _("(empty)");
    return value;
}

void xs_lines_free(xs_lines *l)
{
    for (size_t i = 0; l->line && i < l->n; i++)
        free(l->line[i]);
    free(l->line);
    l->line = NULL;
    l->n = 0;
}

static char *copy_part(const char *text, size_t start, size_t len)
{
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, text + start, len);
        s[len] = '\0';
    }
    return s;
}

/* The last line kept when the text goes on: "…" after it, the line cut
 * so that the whole still fits in width. */
static char *ellipsis_line(const char *line, int width)
{
    size_t sz = strlen(line) + sizeof "…";
    char *longer = malloc(sz);
    if (!longer)
        return NULL;
    snprintf(longer, sz, "%s…", line);
    if (text_columns(longer) <= width)
        return longer;
    char *fitted = malloc(sz);
    if (fitted)
        text_fit(longer, width, true, fitted, sz);
    free(longer);
    return fitted;
}

bool xs_wrap(const char *text, int width, size_t max_lines, xs_lines *out)
{
    out->line = NULL;
    out->n = 0;
    if (width < 1)
        width = 1;
    if (max_lines < 1)
        max_lines = 1;
    size_t cap = strlen(text) + 1;
    text_line *w = malloc(cap * sizeof *w);
    if (!w)
        return false;
    size_t n = thai_wrap(text, width, w, cap);
    if (n > cap)
        n = cap;
    size_t keep_n = n < max_lines ? n : max_lines;
    bool more = n > max_lines;
    out->line = calloc(keep_n ? keep_n : 1, sizeof *out->line);
    bool ok = out->line != NULL;
    if (ok && !keep_n) {
        ok = (out->line[0] = copy_part("", 0, 0)) != NULL;
        out->n = ok ? 1 : 0;
    }
    for (size_t i = 0; ok && i < keep_n; i++) {
        char *part = copy_part(text, w[i].start, w[i].len);
        if (part && more && i + 1 == keep_n) {
            char *cut = ellipsis_line(part, width);
            free(part);
            part = cut;
        }
        ok = part != NULL;
        if (ok)
            out->line[out->n++] = part;
    }
    free(w);
    if (!ok)
        xs_lines_free(out);
    return ok;
}

bool xs_side_by_side(int cols, int *value_cols)
{
    int half = (cols - 3) / 2;
    bool side = half >= XS_SIDE_MIN;
    if (value_cols) {
        int v = side ? half : cols - 2;
        *value_cols = v < 1 ? 1 : v;
    }
    return side;
}

/* ---- files -------------------------------------------------------------------- */

bool xs_path_expand(const char *typed, const char *home, const char *def, char *out,
                    size_t outsz)
{
    return private_file_path(typed, def, home, out, outsz);
}

void xs_handover_default(const char *reference, char *out, size_t outsz)
{
    char safe[64];
    size_t n = 0;
    for (const char *p = reference ? reference : ""; *p && n + 1 < sizeof safe; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 && c < 0xC0)
            continue;       /* the rest of a character already written as '_' */
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        safe[n++] = ok ? (char)c : '_';
    }
    safe[n] = '\0';
    snprintf(out, outsz, "~/handover-%s.tcb", n ? safe : "case");
}

/* ---- a preview ------------------------------------------------------------------- */

void xs_preview_case_text(bool is_new, size_t n_new, size_t n_same, size_t n_conflict_fields,
                          char *out, size_t outsz)
{
    char part[512];
    out[0] = '\0';
    text_join(out, outsz, " · ", is_new ? _("new case") : _("known here"));
    if (n_new) {
        snprintf(part, sizeof part, _("%zu new"), n_new);
        text_join(out, outsz, " · ", part);
    }
    if (n_same) {
        snprintf(part, sizeof part, _("%zu the same"), n_same);
        text_join(out, outsz, " · ", part);
    }
    if (n_conflict_fields) {
        snprintf(part, sizeof part, _("%zu fields differ"), n_conflict_fields);
        text_join(out, outsz, " · ", part);
    }
}
