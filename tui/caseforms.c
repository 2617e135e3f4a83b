/* caseforms.c - the forms of the case record: intake, consent, needs,
 * notes, withdrawal of wrong entries, closing and reopening, and quick
 * mode at a checkpoint.
 *
 * Every form follows one loop: run the form; read what was typed (a date
 * or a country that cannot be read is refused here, with the field named);
 * ask the store, which applies core's rules; on a refusal say why in the
 * officer's language, put the focus on the field the rule named and run
 * the same form again, so nothing typed is lost.  What was typed about a
 * person is wiped from memory when the form closes. */
#include "config.h"
#include <curses.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/agency.h"
#include "core/geo.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/caseforms.h"
#include "tui/caseinput.h"
#include "tui/textarea.h"

#define NOT_RECORDED N_("(not recorded)")
#define CHOOSE_HINT N_("Left and right arrows choose.")

/* ---- shared ---------------------------------------------------------- */

void form_field_init(form_field *fl, const char *key, const char *label, const char *hint,
                     field_kind kind, size_t max_chars, size_t max_bytes)
{
    memset(fl, 0, sizeof *fl);
    fl->key = key;
    fl->label = label;
    fl->hint = hint;
    fl->kind = kind;
    lineedit_init(&fl->edit, max_chars, max_bytes);
}

static void choice_field(form_field *fl, const char *key, const char *label,
                         const char *const *choices, const char *const *choices_th, int n,
                         int now)
{
    form_field_init(fl, key, label, CHOOSE_HINT, FIELD_CHOICE, 0, 0);
    fl->choices = choices;
    fl->choices_th = choices_th;
    fl->nchoices = n;
    fl->choice = now >= 0 && now < n ? now : 0;
}

/* Fields allocated together and wiped together. */
static form_field *fields_new(int n)
{
    return calloc((size_t)n, sizeof(form_field));
}

static void fields_free(form_field *fl, int n)
{
    if (!fl)
        return;
    sodium_memzero(fl, sizeof *fl * (size_t)n);
    free(fl);
}

/* Say why the form was refused and go to the field the rule named. */
static void refuse(tui *t, form *f, const char *msgid, const char *field)
{
    tui_say(t, STYLE_ERROR, _(msgid));
    form_focus(f, field);
}

/* A store status other than ST_OK and ST_INVALID: the store's own words
 * (for a refusal, why the officer's role may not). */
static void refuse_status(tui *t, store_status st)
{
    tui_say(t, STYLE_ERROR, _(store_status_why(t->st, st)));
}

void form_trim(char *s)
{
    size_t start = 0, n = strlen(s);
    while (s[start] == ' ')
        start++;
    while (n > start && s[n - 1] == ' ')
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
}

const char *form_read_date(const char *text, bool *known, caldate *d)
{
    char t[THDATE_MAX * 2];
    snprintf(t, sizeof t, "%s", text);
    form_trim(t);
    if (!t[0]) {
        *known = false;
        return NULL;
    }
    thdate_error e = thdate_parse(t, d);
    if (e != THDATE_OK)
        return thdate_error_text(e);
    *known = true;
    return NULL;
}

/* One country by code or name into code (3 bytes); "" is not known. */
static const char *read_country(const char *text, char code[3])
{
    char t[128];
    snprintf(t, sizeof t, "%s", text);
    form_trim(t);
    code[0] = '\0';
    if (!t[0])
        return NULL;
    const geo_entry *g = geo_country_lookup(t);
    if (!g)
        return N_("Unknown country: use a country code such as MM or a country name.");
    snprintf(code, 3, "%s", g->code);
    return NULL;
}

static void country_input(const char *code, char *out, size_t outsz)
{
    const geo_entry *g = code[0] ? geo_country(code) : NULL;
    snprintf(out, outsz, "%s", g ? (i18n_is_thai() ? g->name_th : g->name_en) : code);
}

static void today_input(tui *t, char *out, size_t outsz)
{
    case_format_date_input(true, app_today(&t->opt->clock), out, outsz);
}

/* The labels of a list that is data, as choice arrays: English (a msgid
 * for a built-in row) and Thai; with "(not recorded)" first when
 * with_none.  Returns the number of choices; *en and *th are malloc'd. */
static int list_choices(tc_code_list list, bool with_none, const char ***en, const char ***th)
{
    int n = (int)list.count + (with_none ? 1 : 0), k = 0;
    *en = calloc((size_t)n + 1, sizeof **en);
    *th = calloc((size_t)n + 1, sizeof **th);
    if (!*en || !*th)
        return 0;
    if (with_none) {
        (*en)[k] = NOT_RECORDED;
        (*th)[k++] = NULL;
    }
    for (size_t i = 0; i < list.count; i++, k++) {
        (*en)[k] = list.rows[i].label;
        (*th)[k] = list.rows[i].label_th;
    }
    return n;
}

/* The choice showing code (0, "(not recorded)", when not found). */
static int choice_of(tc_code_list list, const char *code, bool with_none)
{
    for (size_t i = 0; code[0] && i < list.count; i++)
        if (!strcmp(list.rows[i].code, code))
            return (int)i + (with_none ? 1 : 0);
    return 0;
}

static const char *code_at(tc_code_list list, int choice, bool with_none)
{
    int i = with_none ? choice - 1 : choice;
    return i >= 0 && (size_t)i < list.count ? list.rows[i].code : "";
}

/* The label of a list row in the interface's language. */
static const char *row_text(const tc_code_row *r)
{
    if (i18n_is_thai() && r->label_th && r->label_th[0])
        return r->label_th;
    return _(r->label);
}

/* ---- intake ------------------------------------------------------------ */

enum {
    IN_ENTRY, IN_PROVINCE, IN_DISTRICT, IN_ESTABLISHMENT, IN_SECTOR, IN_ORIGIN, IN_TRANSIT,
    IN_EXPL_COUNTRY, IN_CROSSING, IN_CROSSING_POINT, IN_EXPLOITATION, IN_FROM, IN_TO,
    IN_RECRUITMENT, IN_IMMIGRATION, IN_DOCS    /* one field per document kind follows */
};

typedef struct intake_form {
    form f;
    form_field *fl;
    int n;
    const intake_lists *lists;
    const char **entry_choices;
    const char **sector_en, **sector_th, **expl_en, **expl_th, **rec_en, **rec_th;
    const char **imm_en, **imm_th, **holder_en, **holder_th;
    const char *crossing_choices[CROSSING_COUNT];
    char **doc_labels;
} intake_form;

static void intake_form_free(intake_form *x)
{
    fields_free(x->fl, x->n);
    free(x->entry_choices);
    free(x->sector_en), free(x->sector_th), free(x->expl_en), free(x->expl_th);
    free(x->rec_en), free(x->rec_th), free(x->imm_en), free(x->imm_th);
    free(x->holder_en), free(x->holder_th);
    if (x->doc_labels)
        for (size_t i = 0; i < x->lists->document_kinds.count; i++)
            free(x->doc_labels[i]);
    free(x->doc_labels);
}

/* The case's entry point and province, then the intake's own fields. */
static void intake_place_fields(intake_form *x, const tc_case *c)
{
    int n = 0;
    const entry_point *eps = entry_points(&n);
    x->entry_choices = calloc((size_t)n + 1, sizeof *x->entry_choices);
    int now = 0;
    if (x->entry_choices) {
        x->entry_choices[0] = NOT_RECORDED;
        for (int i = 0; i < n; i++) {
            x->entry_choices[i + 1] = eps[i].label;
            if (!strcmp(c->entry_point, eps[i].code))
                now = i + 1;
        }
    }
    choice_field(&x->fl[IN_ENTRY], "entry_point", N_("Entry point"), x->entry_choices, NULL,
                 x->entry_choices ? n + 1 : 1, now);
    form_field_init(&x->fl[IN_PROVINCE], "province", N_("Province"),
                    N_("Thai or English name, e.g. Tak or ตาก."), FIELD_TEXT, 40, 120);
    const geo_entry *p = geo_province(c->province);
    lineedit_set(&x->fl[IN_PROVINCE].edit, p ? (i18n_is_thai() ? p->name_th : p->name_en) : "");
}

static void text_field(form_field *fl, const char *key, const char *label, const char *hint,
                       size_t max_bytes, const char *value)
{
    form_field_init(fl, key, label, hint, FIELD_TEXT, max_bytes, max_bytes);
    lineedit_set(&fl->edit, value);
}

static void date_field(form_field *fl, const char *key, const char *label, bool known, caldate d)
{
    char buf[THDATE_MAX];
    form_field_init(fl, key, label, N_("Day/month/year, B.E. or C.E. Leave empty if unknown."),
                    FIELD_TEXT, 30, 90);
    case_format_date_input(known, d, buf, sizeof buf);
    lineedit_set(&fl->edit, buf);
}

static void intake_route_fields(intake_form *x, const tc_intake *in)
{
    char buf[512];
    form_field *fl = x->fl;
    text_field(&fl[IN_DISTRICT], "district", N_("District (amphoe)"), NULL, INTAKE_TEXT_MAX,
               in->district);
    text_field(&fl[IN_ESTABLISHMENT], "establishment", N_("Establishment"),
               N_("Where the person worked or was found: name and place."), INTAKE_TEXT_MAX,
               in->establishment);
    int ns = list_choices(x->lists->sectors, true, &x->sector_en, &x->sector_th);
    choice_field(&fl[IN_SECTOR], "sector", N_("Sector"), x->sector_en, x->sector_th, ns,
                 choice_of(x->lists->sectors, in->sector, true));
    country_input(in->origin, buf, sizeof buf);
    text_field(&fl[IN_ORIGIN], "origin", N_("Country of origin"),
               N_("Country code or name, e.g. MM or Myanmar."), 120, buf);
    buf[0] = '\0';
    for (int i = 0; i < in->n_transit; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, sizeof buf - used, "%s%s", i ? ", " : "", in->transit[i]);
    }
    text_field(&fl[IN_TRANSIT], "transit", N_("Transit countries"),
               N_("Codes or names, separated by commas; empty if none."), 300, buf);
    country_input(in->exploitation_country, buf, sizeof buf);
    text_field(&fl[IN_EXPL_COUNTRY], "exploitation_country", N_("Country of exploitation"),
               N_("Country code or name, e.g. TH or Thailand."), 120, buf);
    for (int i = 0; i < CROSSING_COUNT; i++)
        x->crossing_choices[i] = crossing_label((intake_crossing)i);
    choice_field(&fl[IN_CROSSING], "crossing", N_("Border crossing"), x->crossing_choices, NULL,
                 CROSSING_COUNT, (int)in->crossing);
    text_field(&fl[IN_CROSSING_POINT], "crossing_point", N_("Crossing point"),
               N_("The checkpoint or the place, e.g. Mae Sot - Myawaddy."), INTAKE_TEXT_MAX,
               in->crossing_point);
}

static void intake_exploitation_fields(intake_form *x, const tc_intake *in)
{
    form_field *fl = x->fl;
    int ne = list_choices(x->lists->exploitation_types, false, &x->expl_en, &x->expl_th);
    form_field_init(&fl[IN_EXPLOITATION], "exploitation", N_("Exploitation"),
                    N_("Left and right arrows move; Space picks or drops. Several may apply."),
                    FIELD_MULTI, 0, 0);
    fl[IN_EXPLOITATION].choices = x->expl_en;
    fl[IN_EXPLOITATION].choices_th = x->expl_th;
    fl[IN_EXPLOITATION].nchoices = ne;
    for (int i = 0; i < in->n_exploitation; i++) {
        int c = choice_of(x->lists->exploitation_types, in->exploitation[i], false);
        if (code_list_has(x->lists->exploitation_types, in->exploitation[i]) && c < 64)
            fl[IN_EXPLOITATION].picked |= (uint64_t)1 << c;
    }
    date_field(&fl[IN_FROM], "exploitation_from", N_("Exploited from"),
               in->exploitation_from_known, in->exploitation_from);
    date_field(&fl[IN_TO], "exploitation_to", N_("Exploited until"), in->exploitation_to_known,
               in->exploitation_to);
    int nr = list_choices(x->lists->recruitment_channels, true, &x->rec_en, &x->rec_th);
    choice_field(&fl[IN_RECRUITMENT], "recruitment", N_("Recruited through"), x->rec_en, x->rec_th,
                 nr, choice_of(x->lists->recruitment_channels, in->recruitment, true));
    int ni = list_choices(x->lists->immigration_statuses, true, &x->imm_en, &x->imm_th);
    choice_field(&fl[IN_IMMIGRATION], "immigration", N_("Immigration status"), x->imm_en, x->imm_th,
                 ni, choice_of(x->lists->immigration_statuses, in->immigration, true));
    fl[IN_IMMIGRATION].hint = N_("Kept apart from whether the person is a victim.");
}

/* One field per kind of document: who holds it now, or not recorded. */
static void intake_document_fields(intake_form *x, const tc_intake *in)
{
    tc_code_list kinds = x->lists->document_kinds;
    int nh = list_choices(x->lists->document_holders, true, &x->holder_en, &x->holder_th);
    x->doc_labels = calloc(kinds.count + 1, sizeof *x->doc_labels);
    for (size_t k = 0; k < kinds.count; k++) {
        form_field *fl = &x->fl[IN_DOCS + (int)k];
        char label[TC_LABEL_MAX + 32];
        snprintf(label, sizeof label, "%s", row_text(&kinds.rows[k]));
        if (x->doc_labels)
            x->doc_labels[k] = strdup(label);
        int now = 0;
        for (int d = 0; d < in->n_documents; d++)
            if (!strcmp(in->documents[d].kind, kinds.rows[k].code))
                now = choice_of(x->lists->document_holders, in->documents[d].holder, true);
        choice_field(fl, "documents", x->doc_labels && x->doc_labels[k] ? x->doc_labels[k] : "",
                     x->holder_en, x->holder_th, nh, now);
        fl->hint = N_("Who holds this document now.");
    }
}

static bool intake_form_build(intake_form *x, const tc_case *c, const tc_intake *in,
                               const intake_lists *lists)
{
    memset(x, 0, sizeof *x);
    x->lists = lists;
    x->n = IN_DOCS + (int)lists->document_kinds.count;
    x->fl = fields_new(x->n);
    if (!x->fl)
        return false;
    intake_place_fields(x, c);
    intake_route_fields(x, in);
    intake_exploitation_fields(x, in);
    intake_document_fields(x, in);
    x->f = (form){ N_("Intake"), NULL, x->fl, x->n, 0, 0 };
    return x->entry_choices && x->sector_en && x->expl_en && x->rec_en && x->imm_en &&
           x->holder_en;
}

static const char *read_transit(const char *text, tc_intake *in)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    in->n_transit = 0;
    for (char *save = NULL, *tok = strtok_r(buf, ",;", &save); tok;
         tok = strtok_r(NULL, ",;", &save)) {
        char code[3];
        const char *why = read_country(tok, code);
        if (why)
            return why;
        if (!code[0])
            continue;
        if (in->n_transit >= INTAKE_MAX_TRANSIT)
            return intake_problem_text(INTAKE_TOO_MANY);
        memcpy(in->transit[in->n_transit++], code, 3);
    }
    return NULL;
}

static const char *read_exploitation(const form_field *fl, const intake_lists *ls, tc_intake *in)
{
    in->n_exploitation = 0;
    for (int i = 0; i < fl->nchoices && i < 64; i++) {
        if (!((fl->picked >> i) & 1))
            continue;
        if (in->n_exploitation >= INTAKE_MAX_EXPLOITATION)
            return intake_problem_text(INTAKE_TOO_MANY);
        snprintf(in->exploitation[in->n_exploitation++], TC_CODE_MAX + 1, "%s",
                 ls->exploitation_types.rows[i].code);
    }
    return NULL;
}

static const char *read_documents(const intake_form *x, tc_intake *in)
{
    in->n_documents = 0;
    for (size_t k = 0; k < x->lists->document_kinds.count; k++) {
        const form_field *fl = &x->fl[IN_DOCS + (int)k];
        if (!fl->choice)
            continue;
        if (in->n_documents >= INTAKE_MAX_DOCUMENTS)
            return intake_problem_text(INTAKE_TOO_MANY);
        intake_document *d = &in->documents[in->n_documents++];
        snprintf(d->kind, sizeof d->kind, "%s", x->lists->document_kinds.rows[k].code);
        snprintf(d->holder, sizeof d->holder, "%s",
                 code_at(x->lists->document_holders, fl->choice, true));
    }
    return NULL;
}

/* What was typed, into the case's place and the intake; NULL or the
 * msgid of what could not be read, with *fieldp naming its field. */
static const char *intake_read(const intake_form *x, tc_case *c, tc_intake *in,
                               const char **fieldp)
{
    const form *f = &x->f;
    const form_field *fl = x->fl;
    char buf[1024];
    int nep = 0;
    const entry_point *eps = entry_points(&nep);
    snprintf(c->entry_point, sizeof c->entry_point, "%s",
             fl[IN_ENTRY].choice ? eps[fl[IN_ENTRY].choice - 1].code : "");
    form_get(f, IN_PROVINCE, buf, sizeof buf);
    case_text ct = { .province = buf };
    const char *cf = NULL;
    const char *why = case_from_text(c, &ct, &cf);
    READ_OR_RETURN(fieldp, "province", why);
    form_get(f, IN_DISTRICT, in->district, sizeof in->district);
    form_get(f, IN_ESTABLISHMENT, in->establishment, sizeof in->establishment);
    snprintf(in->sector, sizeof in->sector, "%s", code_at(x->lists->sectors, fl[IN_SECTOR].choice, true));
    form_get(f, IN_ORIGIN, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "origin", read_country(buf, in->origin));
    form_get(f, IN_TRANSIT, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "transit", read_transit(buf, in));
    form_get(f, IN_EXPL_COUNTRY, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "exploitation_country", read_country(buf, in->exploitation_country));
    in->crossing = (intake_crossing)fl[IN_CROSSING].choice;
    form_get(f, IN_CROSSING_POINT, in->crossing_point, sizeof in->crossing_point);
    READ_OR_RETURN(fieldp, "exploitation", read_exploitation(&fl[IN_EXPLOITATION], x->lists, in));
    form_get(f, IN_FROM, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "exploitation_from",
                   form_read_date(buf, &in->exploitation_from_known, &in->exploitation_from));
    form_get(f, IN_TO, buf, sizeof buf);
    READ_OR_RETURN(fieldp, "exploitation_to",
                   form_read_date(buf, &in->exploitation_to_known, &in->exploitation_to));
    snprintf(in->recruitment, sizeof in->recruitment, "%s",
             code_at(x->lists->recruitment_channels, fl[IN_RECRUITMENT].choice, true));
    READ_OR_RETURN(fieldp, "documents", read_documents(x, in));
    snprintf(in->immigration, sizeof in->immigration, "%s",
             code_at(x->lists->immigration_statuses, fl[IN_IMMIGRATION].choice, true));
    return NULL;
}

/* The intake first (most of the rules), then the case's own fields if
 * they changed, then a quick-mode case is complete. */
static bool intake_save(tui *t, intake_form *x, tc_case *before, tc_case *c, tc_intake *in)
{
    intake_check ic = { INTAKE_OK, NULL };
    store_status st = store_intake_save(t->st, in, &ic);
    if (st == ST_INVALID) {
        refuse(t, &x->f, intake_problem_text(ic.problem), ic.field);
        return false;
    }
    if (st != ST_OK) {
        refuse_status(t, st);
        return false;
    }
    if (strcmp(before->entry_point, c->entry_point) || strcmp(before->province, c->province)) {
        case_check cc = { CASE_OK, NULL };
        st = store_case_update(t->st, c, &cc);
        if (st == ST_INVALID) {
            refuse(t, &x->f, case_problem_text(cc.problem), cc.field);
            return false;
        }
        if (st != ST_OK) {
            refuse_status(t, st);
            return false;
        }
        *before = *c;
    }
    bool incomplete = false;
    if (store_case_incomplete(t->st, c->id, &incomplete) == ST_OK && incomplete)
        store_case_complete(t->st, c->id);
    tui_say(t, STYLE_NOTICE, _("The intake is saved."));
    return true;
}

bool screen_intake_edit(tui *t, const char *case_id)
{
    tc_case *before = malloc(sizeof *before), *c = malloc(sizeof *c);
    tc_intake *in = malloc(sizeof *in), *draft = malloc(sizeof *draft);
    store_intake_lists lists;
    memset(&lists, 0, sizeof lists);
    intake_form x;
    memset(&x, 0, sizeof x);
    bool saved = false;
    store_status st = ST_NOMEM;
    if (before && c && in && draft && (st = store_case_get(t->st, case_id, before)) == ST_OK &&
        (st = store_intake_lists_get(t->st, &lists)) == ST_OK) {
        st = store_intake_get(t->st, before->id, in);
        if (st == ST_NOT_FOUND)
            st = ST_OK;         /* the first intake: a blank one */
    }
    if (st != ST_OK || !intake_form_build(&x, before, in, &lists.lists)) {
        refuse_status(t, st != ST_OK ? st : ST_NOMEM);
    } else {
        while (!saved && !t->quit) {
            if (form_run(t, &x.f) != ACT_SAVE || t->quit || !t->st)
                break;
            *c = *before;
            *draft = *in;
            const char *field = NULL;
            const char *why = intake_read(&x, c, draft, &field);
            if (why)
                refuse(t, &x.f, why, field);
            else
                saved = intake_save(t, &x, before, c, draft);
        }
    }
    intake_form_free(&x);
    store_intake_lists_free(&lists);
    if (draft)
        sodium_memzero(draft, sizeof *draft);
    if (in)
        sodium_memzero(in, sizeof *in);
    free(before), free(c), free(in), free(draft);
    return saved;
}

/* ---- consent ------------------------------------------------------------- */

enum { CO_PURPOSE, CO_KIND, CO_AGREED, CO_GIVER, CO_GUARDIAN, CO_DATE, CO_LANGUAGE,
       CO_INTERPRETER, CO_REASON, CO_COUNT };

typedef struct consent_form {
    form f;
    form_field *fl;
    int n;
    const char *purposes[CONSENT_PURPOSE_COUNT];
    const char **kinds_en, **kinds_th;
    const char *agreed[2];
    const char *givers[CONSENT_GIVER_COUNT];
} consent_form;

/* The agency kinds of a referral consent: none (not a referral), any,
 * then the agency types. */
static int consent_kind_choice(const tc_code_list *types, const char *kind)
{
    if (!kind[0])
        return 0;
    if (!strcmp(kind, CONSENT_ANY_AGENCY))
        return 1;
    return choice_of(*types, kind, false) + 2;
}

static bool consent_form_build(consent_form *x, tui *t, const tc_case *c, const tc_consent *old)
{
    memset(x, 0, sizeof *x);
    tc_code_list types = agency_type_list();
    x->n = old ? CO_COUNT : CO_REASON;
    x->fl = fields_new(CO_COUNT);
    x->kinds_en = calloc(types.count + 3, sizeof *x->kinds_en);
    x->kinds_th = calloc(types.count + 3, sizeof *x->kinds_th);
    if (!x->fl || !x->kinds_en || !x->kinds_th)
        return false;
    for (int i = 0; i < CONSENT_PURPOSE_COUNT; i++)
        x->purposes[i] = consent_purpose_label((consent_purpose)i);
    x->kinds_en[0] = N_("(only for a referral)");
    x->kinds_en[1] = N_("Any kind of agency");
    for (size_t i = 0; i < types.count; i++) {
        x->kinds_en[i + 2] = types.rows[i].label;
        x->kinds_th[i + 2] = types.rows[i].label_th;
    }
    x->agreed[0] = N_("Agreed");
    x->agreed[1] = N_("Refused");
    for (int i = 0; i < CONSENT_GIVER_COUNT; i++)
        x->givers[i] = consent_giver_label((consent_giver)i);
    tc_consent blank;
    consent_init(&blank);
    const tc_consent *v = old ? old : &blank;
    form_field *fl = x->fl;
    choice_field(&fl[CO_PURPOSE], "purpose", N_("Consent to"), x->purposes, NULL,
                 CONSENT_PURPOSE_COUNT, (int)v->purpose);
    choice_field(&fl[CO_KIND], "agency_kind", N_("Kind of agency"), x->kinds_en, x->kinds_th,
                 (int)types.count + 2, consent_kind_choice(&types, v->agency_kind));
    fl[CO_KIND].hint = N_("For a referral: the kind of agency the person agreed to.");
    choice_field(&fl[CO_AGREED], "agreed", N_("Answer"), x->agreed, NULL, 2, v->agreed ? 0 : 1);
    choice_field(&fl[CO_GIVER], "given_by", N_("Given by"), x->givers, NULL, CONSENT_GIVER_COUNT,
                 (int)v->given_by);
    text_field(&fl[CO_GUARDIAN], "guardian_name", N_("Parent or guardian"),
               N_("The name, when a parent or guardian gave it."), CONSENT_NAME_MAX,
               v->guardian_name);
    char buf[THDATE_MAX];
    if (old)
        case_format_date_input(caldate_valid(v->given_on), v->given_on, buf, sizeof buf);
    else
        today_input(t, buf, sizeof buf);
    form_field_init(&fl[CO_DATE], "given_on", N_("Date given"), N_("Day/month/year, B.E. or C.E."),
                    FIELD_TEXT, 30, 90);
    lineedit_set(&fl[CO_DATE].edit, buf);
    /* The language the consent was explained in: the person's first. */
    char lang[CASE_LANGS_MAX + 1];
    snprintf(lang, sizeof lang, "%s", old ? v->language : c->languages);
    lang[strcspn(lang, ",")] = '\0';
    form_field_init(&fl[CO_LANGUAGE], "language", N_("Explained in language"),
                    N_("A language code, e.g. my, km, lo, th."), FIELD_TEXT, 3, 3);
    lineedit_set(&fl[CO_LANGUAGE].edit, lang);
    text_field(&fl[CO_INTERPRETER], "interpreter_name", N_("Interpreter"),
               N_("The interpreter's name; empty if none was used."), CONSENT_NAME_MAX,
               v->interpreter_used ? v->interpreter_name : "");
    form_field_init(&fl[CO_REASON], "reason", N_("Reason for the correction"), NULL, FIELD_TEXT,
                    RECORD_REASON_MAX, RECORD_REASON_MAX);
    x->f = (form){ old ? N_("Correct a consent") : N_("Record consent"),
                   N_("Record what the person (or a parent or guardian) said, for one purpose."),
                   x->fl, x->n, 0, 0 };
    return true;
}

static void consent_form_free(consent_form *x)
{
    fields_free(x->fl, CO_COUNT);
    free(x->kinds_en);
    free(x->kinds_th);
}

static const char *consent_read(const consent_form *x, tc_consent *c, const char **fieldp)
{
    const form_field *fl = x->fl;
    tc_code_list types = agency_type_list();
    char buf[256];
    c->purpose = (consent_purpose)fl[CO_PURPOSE].choice;
    int k = fl[CO_KIND].choice;
    snprintf(c->agency_kind, sizeof c->agency_kind, "%s",
             k == 0 ? "" : k == 1 ? CONSENT_ANY_AGENCY : code_at(types, k - 2, false));
    c->agreed = fl[CO_AGREED].choice == 0;
    c->given_by = (consent_giver)fl[CO_GIVER].choice;
    form_get(&x->f, CO_GUARDIAN, c->guardian_name, sizeof c->guardian_name);
    form_get(&x->f, CO_DATE, buf, sizeof buf);
    bool known = false;
    READ_OR_RETURN(fieldp, "given_on", form_read_date(buf, &known, &c->given_on));
    if (!known)
        c->given_on = (caldate){ 0, 0, 0 };
    form_get(&x->f, CO_LANGUAGE, buf, sizeof buf);
    form_trim(buf);
    size_t len = strlen(buf);
    if (len > CONSENT_LANG_MAX)
        READ_OR_RETURN(fieldp, "language", consent_problem_text(CONSENT_LANGUAGE_BAD));
    memcpy(c->language, buf, len + 1);
    form_get(&x->f, CO_INTERPRETER, c->interpreter_name, sizeof c->interpreter_name);
    form_trim(c->interpreter_name);
    c->interpreter_used = c->interpreter_name[0] != '\0';
    return NULL;
}

/* Saved, perhaps with a warning the officer should see (a child's own
 * consent without a guardian's). */
static void consent_saved(tui *t, const consent_check *chk)
{
    if (chk->problem != CONSENT_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s %s", _("Saved."),
                 _(consent_problem_text(chk->problem)));
        tui_say(t, STYLE_ERROR, msg);
    } else {
        tui_say(t, STYLE_NOTICE, _("The consent is saved."));
    }
}

static bool consent_save(tui *t, consent_form *x, tc_consent *c, bool correcting)
{
    consent_check chk = { CONSENT_OK, NULL };
    record_problem rp = RECORD_OK;
    store_status st;
    if (correcting) {
        char reason[RECORD_REASON_MAX + 1];
        form_get(&x->f, CO_REASON, reason, sizeof reason);
        st = store_consent_correct(t->st, c, reason, &rp, &chk);
    } else {
        st = store_consent_add(t->st, c, &chk);
    }
    if (st == ST_INVALID && rp != RECORD_OK)
        refuse(t, &x->f, record_problem_text(rp), "reason");
    else if (st == ST_INVALID)
        refuse(t, &x->f, consent_problem_text(chk.problem), chk.field);
    else if (st != ST_OK)
        refuse_status(t, st);
    else
        consent_saved(t, &chk);
    return st == ST_OK;
}

bool screen_consent_edit(tui *t, const char *case_id, const tc_consent *old)
{
    tc_case *c = malloc(sizeof *c);
    consent_form x;
    memset(&x, 0, sizeof x);
    bool saved = false;
    store_status st = c ? store_case_get(t->st, case_id, c) : ST_NOMEM;
    if (st != ST_OK || !consent_form_build(&x, t, c, old)) {
        refuse_status(t, st != ST_OK ? st : ST_NOMEM);
    } else {
        while (!saved && !t->quit) {
            if (form_run(t, &x.f) != ACT_SAVE || t->quit || !t->st)
                break;
            tc_consent draft;
            if (old) {
                draft = *old;
            } else {
                consent_init(&draft);
                snprintf(draft.case_id, sizeof draft.case_id, "%s", c->id);
            }
            const char *field = NULL;
            const char *why = consent_read(&x, &draft, &field);
            if (why)
                refuse(t, &x.f, why, field);
            else
                saved = consent_save(t, &x, &draft, old != NULL);
            sodium_memzero(&draft, sizeof draft);
        }
    }
    consent_form_free(&x);
    if (c)
        sodium_memzero(c, sizeof *c);
    free(c);
    return saved;
}

/* A form of one field; the caller reads and saves. */
static bool one_field_form(form *f, form_field *fl, const char *title, const char *intro)
{
    *f = (form){ title, intro, fl, 1, 0, 0 };
    return true;
}

bool screen_consent_withdraw(tui *t, const tc_consent *c)
{
    form_field *fl = fields_new(1);
    if (!fl)
        return false;
    char buf[THDATE_MAX * 2];
    form_field_init(fl, "withdrawn_on", N_("Withdrawn on"), N_("Day/month/year, B.E. or C.E."),
                    FIELD_TEXT, 30, 90);
    today_input(t, buf, sizeof buf);
    lineedit_set(&fl->edit, buf);
    form f;
    one_field_form(&f, fl, N_("The person withdraws consent"),
                   N_("No reason is asked: the person may withdraw at any time."));
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        caldate on;
        bool known = false;
        form_get(&f, 0, buf, sizeof buf);
        const char *why = form_read_date(buf, &known, &on);
        if (!why && !known)
            why = thdate_error_text(THDATE_EMPTY);
        if (why) {
            refuse(t, &f, why, "withdrawn_on");
            continue;
        }
        consent_problem cp = CONSENT_OK;
        store_status st = store_consent_withdraw(t->st, c->id, on, &cp);
        if (st == ST_INVALID)
            refuse(t, &f, consent_problem_text(cp), "withdrawn_on");
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The withdrawal of consent is recorded.")), saved = true;
    }
    fields_free(fl, 1);
    return saved;
}

/* ---- needs ---------------------------------------------------------------- */

enum { NE_KIND, NE_URGENT, NE_STATE, NE_WHY, NE_NOTE, NE_REASON, NE_COUNT };

static const char *const NO_YES[2] = { N_("No"), N_("Yes") };

bool screen_need_edit(tui *t, const char *case_id, const tc_need *old)
{
    form_field *fl = fields_new(NE_COUNT);
    if (!fl)
        return false;
    const char *kinds[NEED_KIND_COUNT], *states[NEED_STATE_COUNT];
    for (int i = 0; i < NEED_KIND_COUNT; i++)
        kinds[i] = need_kind_label((need_kind)i);
    for (int i = 0; i < NEED_STATE_COUNT; i++)
        states[i] = need_state_label((need_state)i);
    tc_need base;
    need_init(&base);
    if (old)
        base = *old;
    else
        snprintf(base.case_id, sizeof base.case_id, "%s", case_id);
    choice_field(&fl[NE_KIND], "kind", N_("Need"), kinds, NULL, NEED_KIND_COUNT, (int)base.kind);
    choice_field(&fl[NE_URGENT], "urgent", N_("Urgent"), NO_YES, NULL, 2, base.urgent ? 1 : 0);
    choice_field(&fl[NE_STATE], "state", N_("State"), states, NULL, NEED_STATE_COUNT,
                 (int)base.state);
    text_field(&fl[NE_WHY], "unavailable_reason", N_("Why not available"),
               N_("Required when the service is not available."), NEED_REASON_MAX,
               base.unavailable_reason);
    text_field(&fl[NE_NOTE], "note", N_("Note"), NULL, NEED_NOTE_MAX, base.note);
    form_field_init(&fl[NE_REASON], "reason", N_("Reason for the correction"), NULL, FIELD_TEXT,
                    RECORD_REASON_MAX, RECORD_REASON_MAX);
    /* A correction keeps the state (states change through 's'): the form
     * then shows kind, urgent, note and the reason, in that order. */
    if (old) {
        fl[NE_STATE] = fl[NE_NOTE];
        fl[NE_WHY] = fl[NE_REASON];
    }
    form f = { old ? N_("Correct a need") : N_("Record an assistance need"),
               N_("Assistance never depends on consent to legal proceedings."), fl,
               old ? 4 : 5, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        tc_need draft = base;
        draft.kind = (need_kind)fl[NE_KIND].choice;
        draft.urgent = fl[NE_URGENT].choice == 1;
        need_check nc = { NEED_OK, NULL };
        record_problem rp = RECORD_OK;
        store_status st;
        if (old) {
            char reason[RECORD_REASON_MAX + 1];
            form_get(&f, 2, draft.note, sizeof draft.note);
            form_get(&f, 3, reason, sizeof reason);
            st = store_need_correct(t->st, &draft, reason, &rp, &nc);
        } else {
            draft.state = (need_state)fl[NE_STATE].choice;
            form_get(&f, NE_WHY, draft.unavailable_reason, sizeof draft.unavailable_reason);
            form_get(&f, NE_NOTE, draft.note, sizeof draft.note);
            st = store_need_add(t->st, &draft, &nc);
        }
        if (st == ST_INVALID && rp != RECORD_OK)
            refuse(t, &f, record_problem_text(rp), "reason");
        else if (st == ST_INVALID)
            refuse(t, &f, need_problem_text(nc.problem), nc.field);
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The need is saved.")), saved = true;
        sodium_memzero(&draft, sizeof draft);
    }
    fields_free(fl, NE_COUNT);
    return saved;
}

bool screen_need_state(tui *t, const tc_need *nd)
{
    if (nd->entry_withdrawn) {
        tui_say(t, STYLE_ERROR, _(need_problem_text(NEED_ENTRY_WITHDRAWN)));
        return false;
    }
    const char *states[NEED_STATE_COUNT];
    need_state to_state[NEED_STATE_COUNT];
    int n = 0;
    for (int s = 0; s < NEED_STATE_COUNT; s++)
        if (need_transition_allowed(nd->state, (need_state)s)) {
            to_state[n] = (need_state)s;
            states[n++] = need_state_label((need_state)s);
        }
    if (!n) {
        tui_say(t, STYLE_ERROR, _("A provided need does not change: record a new need if it comes back."));
        return false;
    }
    form_field *fl = fields_new(2);
    if (!fl)
        return false;
    choice_field(&fl[0], "state", N_("New state"), states, NULL, n, 0);
    form_field_init(&fl[1], "unavailable_reason", N_("Why not available"),
                    N_("Required when the service is not available."), FIELD_TEXT,
                    NEED_REASON_MAX, NEED_REASON_MAX);
    form f = { N_("Change the state of a need"), need_kind_label(nd->kind), fl, 2, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        need_state to = to_state[fl[0].choice];
        char reason[NEED_REASON_MAX + 1];
        form_get(&f, 1, reason, sizeof reason);
        need_problem np = NEED_OK;
        store_status st = store_need_change_state(t->st, nd->id, to,
                                                  to == NEED_UNAVAILABLE ? reason : NULL, &np);
        if (st == ST_INVALID)
            refuse(t, &f, need_problem_text(np),
                   np == NEED_REASON_MISSING || np == NEED_REASON_BAD_TEXT ||
                   np == NEED_REASON_TOO_LONG ? "unavailable_reason" : "state");
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The need is saved.")), saved = true;
    }
    fields_free(fl, 2);
    return saved;
}

/* ---- notes ----------------------------------------------------------------- */

static int textarea_width(void)
{
    int w = ui_cols() - 4;
    return w < 10 ? 10 : w;
}

static void draw_textarea(tui *t, textarea *ta, const textarea_screen *ts, int *top)
{
    ui_clear();
    tui_draw_title(t, _(ts->title));
    int cols = ui_cols(), width = textarea_width(), y0 = 2;
    if (ts->intro)
        ui_text(y0++, 1, cols - 2, _(ts->intro), STYLE_NORMAL);
    ui_text(y0++, 1, cols - 2, _(ts->how), STYLE_NOTICE);
    int rows = ui_rows() - 2 - y0;     /* the last text row is ui_rows() - 3 */
    if (rows < 1)
        rows = 1;
    size_t n = textarea_layout(ta, width, NULL, 0);
    textarea_line *lines = malloc((n ? n : 1) * sizeof *lines);
    n = lines ? textarea_layout(ta, width, lines, n) : 0;
    int row = 0, col = 0;
    textarea_cursor(ta, width, &row, &col);
    if (row < *top)
        *top = row;
    if (row >= *top + rows)
        *top = row - rows + 1;
    for (int i = 0; i < rows; i++) {
        size_t li = (size_t)(*top + i);
        char text[4096] = "";
        if (li < n) {
            const lineedit *e = ta->para[lines[li].para];
            text_from_wide(e->text + lines[li].start, lines[li].len, text, sizeof text);
        }
        ui_text(y0 + i, 2, width, text, STYLE_NORMAL);
        sodium_memzero(text, sizeof text);
    }
    free(lines);
    if (ts->count) {
        char count[64];
        snprintf(count, sizeof count, "%zu / %zu", textarea_bytes(ta), ta->max_bytes);
        ui_text(ui_rows() - 3, cols - 16, 15, count, STYLE_NORMAL);
    }
    tui_draw_message(t);
    keys_draw_line(KEYS_TEXTAREA);
    ui_cursor(y0 + row - *top, 2 + (col < width ? col : width - 1), true);
    ui_refresh();
}

static void textarea_key(textarea *ta, ui_key k, int width)
{
    if (k.function) {
        switch (k.code) {
        case KEY_LEFT: textarea_left(ta); break;
        case KEY_RIGHT: textarea_right(ta); break;
        case KEY_UP: textarea_up(ta, width); break;
        case KEY_DOWN: textarea_down(ta, width); break;
        case KEY_HOME: textarea_home(ta); break;
        case KEY_END: textarea_end(ta); break;
        case KEY_BACKSPACE: textarea_backspace(ta); break;
        case KEY_DC: textarea_delete(ta); break;
        case KEY_ENTER: if (!textarea_newline(ta)) beep(); break;
        default: break;
        }
        return;
    }
    switch (k.code) {
    case 127: case 8: textarea_backspace(ta); break;
    case '\r': case '\n': if (!textarea_newline(ta)) beep(); break;
    case 1: textarea_home(ta); break;
    case 5: textarea_end(ta); break;
    default:
        if (!textarea_insert(ta, (wchar_t)k.code))
            beep();
        break;
    }
}

bool screen_textarea_run(tui *t, textarea *ta, const textarea_screen *ts)
{
    int top = 0;
    for (;;) {
        draw_textarea(t, ta, ts, &top);
        ui_key k;
        key_action a = tui_key(t, KEYS_TEXTAREA, &k);
        if (t->quit || !t->st)
            return false;
        if (a == ACT_SAVE)
            return true;
        if (a == ACT_BACK)
            return false;
        if (a == ACT_HELP)
            keys_show_help(_(ts->title), KEYS_TEXTAREA);
        else if (a == ACT_NONE && !k.timeout)
            textarea_key(ta, k, textarea_width());
    }
}

/* The reason of a correction or withdrawal; false when left with Esc. */
static bool ask_reason(tui *t, form *f)
{
    return form_run(t, f) == ACT_SAVE && !t->quit && t->st;
}

bool screen_note_edit(tui *t, const char *case_id, const tc_note *old)
{
    textarea ta;
    tc_note *nt = malloc(sizeof *nt);
    form_field *rf = fields_new(1);
    if (!nt || !rf || !textarea_init(&ta, NOTE_TEXT_MAX)) {
        free(nt);
        fields_free(rf, 1);
        return false;
    }
    form_field_init(rf, "reason", N_("Reason for the correction"), NULL, FIELD_TEXT,
                    RECORD_REASON_MAX, RECORD_REASON_MAX);
    form rform;
    one_field_form(&rform, rf, N_("Correct a note"),
                   N_("The earlier text stays in the record. Why is it corrected?"));
    if (old)
        textarea_set(&ta, old->text);
    const char *title = old ? N_("Correct a note") : N_("New note");
    bool saved = false;
    const textarea_screen ts = { title, NULL,
                                 N_("Enter starts a new paragraph. F10 saves, Esc cancels."), true };
    while (!saved && !t->quit && screen_textarea_run(t, &ta, &ts)) {
        memset(nt, 0, sizeof *nt);
        if (old)
            *nt = *old;
        snprintf(nt->case_id, sizeof nt->case_id, "%s", case_id);
        textarea_get(&ta, nt->text, sizeof nt->text);
        note_problem np = CASE_NOTE_OK;
        record_problem rp = RECORD_OK;
        store_status st;
        if (old) {
            if (!ask_reason(t, &rform))
                continue;
            char reason[RECORD_REASON_MAX + 1];
            form_get(&rform, 0, reason, sizeof reason);
            st = store_note_correct(t->st, nt, reason, &rp, &np);
        } else {
            st = store_note_add(t->st, nt, &np);
        }
        if (st == ST_INVALID && rp != RECORD_OK)
            tui_say(t, STYLE_ERROR, _(record_problem_text(rp)));
        else if (st == ST_INVALID)
            tui_say(t, STYLE_ERROR, _(note_problem_text(np)));
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The note is saved.")), saved = true;
    }
    sodium_memzero(nt, sizeof *nt);
    free(nt);
    fields_free(rf, 1);
    textarea_free(&ta);
    return saved;
}

/* ---- withdrawing a wrong entry ------------------------------------------ */

bool screen_record_withdraw(tui *t, record_kind kind, const char *id, const char *what)
{
    form_field *fl = fields_new(1);
    if (!fl)
        return false;
    form_field_init(fl, "reason", N_("Reason"), N_("Why the entry is wrong. It stays in the record, marked."),
                    FIELD_TEXT, RECORD_REASON_MAX, RECORD_REASON_MAX);
    form f;
    one_field_form(&f, fl, N_("Withdraw a wrong entry"), what);
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        char reason[RECORD_REASON_MAX + 1];
        form_get(&f, 0, reason, sizeof reason);
        record_problem rp = RECORD_OK;
        store_status st = store_record_withdraw(t->st, kind, id, reason, &rp);
        if (st == ST_INVALID)
            refuse(t, &f, record_problem_text(rp), "reason");
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The entry is withdrawn; it stays in the record, marked.")),
                saved = true;
    }
    fields_free(fl, 1);
    return saved;
}

/* ---- closing and reopening ------------------------------------------------ */

static bool reopen_case(tui *t, const char *case_id)
{
    form_field *fl = fields_new(1);
    if (!fl)
        return false;
    form_field_init(fl, "reason", N_("Reason for reopening"), NULL, FIELD_TEXT, STAGE_NOTE_MAX,
                    STAGE_NOTE_MAX);
    form f;
    one_field_form(&f, fl, N_("Reopen the case"), N_("The case is closed. Why is it reopened?"));
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        char reason[STAGE_NOTE_MAX + 1];
        form_get(&f, 0, reason, sizeof reason);
        stage_problem sp = STAGE_OK;
        store_status st = store_case_reopen(t->st, case_id, reason, &sp);
        if (st == ST_INVALID)
            refuse(t, &f, stage_problem_text(sp), "reason");
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The case is reopened.")), saved = true;
    }
    fields_free(fl, 1);
    return saved;
}

static bool close_case(tui *t, const char *case_id)
{
    form_field *fl = fields_new(2);
    if (!fl)
        return false;
    const char *reasons[CLOSURE_REASON_COUNT];
    for (int i = 0; i < CLOSURE_REASON_COUNT; i++)
        reasons[i] = closure_reason_label((closure_reason)i);
    stage_facts facts;
    closure_reason suggested = CLOSE_NOT_IDENTIFIED;
    bool has = store_case_stage_facts(t->st, case_id, &facts) == ST_OK &&
               stage_suggest_closure(&facts, &suggested);
    choice_field(&fl[0], "reason", N_("Why it is closed"), reasons, NULL, CLOSURE_REASON_COUNT,
                 has ? (int)suggested : 0);
    form_field_init(&fl[1], "note", N_("Note"), N_("Required for another reason."), FIELD_TEXT,
                    STAGE_NOTE_MAX, STAGE_NOTE_MAX);
    form f = { N_("Close the case"), N_("Nothing is deleted: a closed case can be reopened."), fl,
               2, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        stage_closure c;
        memset(&c, 0, sizeof c);
        c.reason = (closure_reason)fl[0].choice;
        form_get(&f, 1, c.note, sizeof c.note);
        stage_problem sp = STAGE_OK;
        store_status st = store_case_close(t->st, case_id, &c, &sp);
        if (st == ST_INVALID)
            refuse(t, &f, stage_problem_text(sp),
                   sp == STAGE_CLOSURE_NOTE_MISSING || sp == STAGE_NOTE_BAD_TEXT ||
                   sp == STAGE_NOTE_TOO_LONG ? "note" : "reason");
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The case is closed.")), saved = true;
    }
    fields_free(fl, 2);
    return saved;
}

bool screen_case_close(tui *t, const char *case_id)
{
    stage_closure now;
    store_status st = store_case_closure(t->st, case_id, &now);
    if (st == ST_OK)
        return reopen_case(t, case_id);
    if (st != ST_NOT_FOUND) {
        refuse_status(t, st);
        return false;
    }
    return close_case(t, case_id);
}

/* ---- quick mode ------------------------------------------------------------ */

enum { QK_NAME, QK_SEX, QK_AGE, QK_NAT, QK_PROVINCE, QK_ENTRY, QK_COUNT };

static bool quick_fields(form_field *fl, const char **sexes, const char **entries, int *n_entries)
{
    form_field_init(&fl[QK_NAME], "name", N_("Name or description"),
                    N_("A name in any script, or a description: \"woman, red shirt, bus 3\"."),
                    FIELD_TEXT, 100, CASE_NAME_MAX);
    for (int i = 0; i < SEX_COUNT; i++)
        sexes[i] = sex_label((tc_sex)i);
    choice_field(&fl[QK_SEX], "sex", N_("Sex"), sexes, NULL, SEX_COUNT, SEX_UNKNOWN);
    form_field_init(&fl[QK_AGE], "age", N_("Approximate age"), N_("Years; a guess is fine."),
                    FIELD_TEXT, 3, 9);
    form_field_init(&fl[QK_NAT], "nationality", N_("Nationality"),
                    N_("Country codes or names, e.g. MM or Myanmar; XX for stateless."), FIELD_TEXT,
                    60, 240);
    form_field_init(&fl[QK_PROVINCE], "province", N_("Place (province)"),
                    N_("Thai or English name, e.g. Tak or ตาก."), FIELD_TEXT, 40, 120);
    int n = 0, now = 0;
    const entry_point *eps = entry_points(&n);
    for (int i = 0; i < n; i++) {
        entries[i] = eps[i].label;
        if (!strcmp(eps[i].code, "border_checkpoint"))
            now = i;
    }
    *n_entries = n;
    choice_field(&fl[QK_ENTRY], "entry_point", N_("Entry point"), entries, NULL, n, now);
    return true;
}

/* Case saved: offer the border quick screen now. */
static bool offer_quick_screen(tui *t)
{
    char said[sizeof t->message];
    snprintf(said, sizeof said, "%s", t->message);
    for (;;) {
        ui_clear();
        tui_draw_title(t, _("Quick case"));
        ui_text(3, 2, ui_cols() - 4, said, STYLE_NOTICE);
        ui_text(5, 2, ui_cols() - 4, _("Start the border quick screen now?"), STYLE_HEADING);
        keys_draw_line(KEYS_CONFIRM);
        ui_cursor(0, 0, false);
        ui_refresh();
        int yes = tui_confirm_key(t, _("Quick case"));
        if (yes >= 0)
            return yes;
    }
}

bool screen_case_quick(tui *t, char id_out[TC_ID_LEN])
{
    form_field *fl = fields_new(QK_COUNT);
    tc_case *c = malloc(sizeof *c);
    const char *sexes[SEX_COUNT], *entries[32];
    int n_entries = 0;
    int total = 0;
    entry_points(&total);
    if (!fl || !c || total > 32 || !quick_fields(fl, sexes, entries, &n_entries)) {
        fields_free(fl, QK_COUNT);
        free(c);
        return false;
    }
    form f = { N_("Quick case"),
               N_("Only what can be asked at a checkpoint; the rest is completed later."), fl,
               QK_COUNT, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        char name[CASE_NAME_MAX + 1], age[16], nat[256], prov[128];
        form_get(&f, QK_NAME, name, sizeof name);
        form_get(&f, QK_AGE, age, sizeof age);
        form_get(&f, QK_NAT, nat, sizeof nat);
        form_get(&f, QK_PROVINCE, prov, sizeof prov);
        case_init(c);
        form_trim(name);
        case_put_name(c, name);
        c->sex = (tc_sex)fl[QK_SEX].choice;
        int nep = 0;
        snprintf(c->entry_point, sizeof c->entry_point, "%s",
                 entry_points(&nep)[fl[QK_ENTRY].choice].code);
        case_default_date_met(c, app_today(&t->opt->clock));
        case_text ct = { .age = age, .nationalities = nat, .province = prov };
        const char *field = NULL;
        const char *why = case_from_text(c, &ct, &field);
        if (why) {
            refuse(t, &f, why, field);
            continue;
        }
        case_check chk = { CASE_OK, NULL };
        store_status st = store_case_add_quick(t->st, c, &chk);
        if (st == ST_INVALID) {
            /* Any of the three name fields is this form's one. */
            const char *fld = chk.field;
            if (fld && !strncmp(fld, "name", 4))
                fld = "name";
            refuse(t, &f, case_problem_text(chk.problem), fld);
        } else if (st != ST_OK) {
            refuse_status(t, st);
        } else {
            char msg[256];
            snprintf(msg, sizeof msg, _("Saved case %s."), c->reference);
            tui_say(t, STYLE_NOTICE, msg);
            snprintf(id_out, TC_ID_LEN, "%s", c->id);
            saved = true;
        }
    }
    if (saved && offer_quick_screen(t))
        screen_screening_new(t, id_out);
    sodium_memzero(c, sizeof *c);
    free(c);
    fields_free(fl, QK_COUNT);
    return saved;
}
