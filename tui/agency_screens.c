/* agency_screens.c - the agency directory on screen: a list searched in
 * Thai or English (agency_matches: names and abbreviations, dots
 * ignored), one agency with its versions, and the form an administrator
 * adds or corrects an agency with.  The same list, showing only agencies
 * in service, is where a referral's agency is chosen.
 *
 * Who may change the directory is the store's rule: the form is open to
 * every officer and a refusal shows the store's message. */
#include "config.h"
#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/caserec.h"
#include "core/geo.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/caseforms.h"
#include "tui/caseview.h"
#include "tui/referral_screens.h"
#include "tui/timeinput.h"

#define CHOOSE_HINT N_("Left and right arrows choose.")

/* ---- the list -------------------------------------------------------------- */

typedef struct agency_list {
    tui *t;
    bool picking;                   /* choosing a referral's agency */
    const char *title;              /* msgid */
    bool retired;                   /* retired agencies shown too */
    char search[4 * AGENCY_SEARCH_MAX + 8];
    tc_agency *rows;
    size_t n, top, sel;
} agency_list;

static int list_rows(void)
{
    int r = ui_rows() - 5;          /* title, headings; info, keys, gap */
    return r < 1 ? 1 : r;
}

static void list_load(agency_list *l)
{
    free(l->rows);
    l->rows = NULL;
    l->n = 0;
    store_status st = store_agency_list(l->t->st, l->search, l->retired && !l->picking,
                                        &l->rows, &l->n);
    if (st != ST_OK) {
        tui_say(l->t, STYLE_ERROR, _(store_status_text(st)));
        l->rows = NULL, l->n = 0;
    }
    tui_list_clamp(&l->sel, &l->top, l->n, (size_t)list_rows());
}

static const key_binding *list_keys(const agency_list *l)
{
    return l->picking ? KEYS_AGENCY_PICK : KEYS_AGENCY_LIST;
}

static void list_draw(agency_list *l, const lineedit *search_edit)
{
    tui *t = l->t;
    ui_clear();
    tui_draw_title(t, _(l->title));
    int type_w = 0;
    for (int k = 0; k < AGENCY_TYPE_COUNT; k++) {
        int w = text_columns(_(agency_type_label((agency_type)k)));
        type_w = w > type_w ? w : type_w;
    }
    if (type_w > 20)
        type_w = 20;
    int code_w = 12, abbr_w = 12, name_w = ui_cols() - 2 - code_w - abbr_w - type_w - 3;
    if (name_w < 10)
        name_w = 10;
    int x = 1;
    ui_text(1, x, code_w, _("Code"), STYLE_HEADING), x += code_w + 1;
    ui_text(1, x, abbr_w, _("Abbreviation"), STYLE_HEADING), x += abbr_w + 1;
    ui_text(1, x, name_w, _("Name"), STYLE_HEADING), x += name_w + 1;
    ui_text(1, x, type_w, _("Type"), STYLE_HEADING);
    if (!l->n)
        ui_text(3, 2, ui_cols() - 4, l->search[0] ? _("No agency matches. Esc clears the search.")
                                                  : _("No agency matches."), STYLE_NOTICE);
    for (size_t i = l->top; i < l->n && (int)(i - l->top) < list_rows(); i++) {
        const tc_agency *a = &l->rows[i];
        int y = 2 + (int)(i - l->top);
        ui_style st = i == l->sel ? STYLE_SELECTED : a->active ? STYLE_NORMAL : STYLE_NOTICE;
        char name[4 * AGENCY_NAME_MAX + 64];
        snprintf(name, sizeof name, "%s%s%s%s", agency_long_name(a), a->active ? "" : " (",
                 a->active ? "" : _("retired"), a->active ? "" : ")");
        x = 1;
        ui_text(y, 0, ui_cols(), "", st);
        ui_text(y, x, code_w, a->code, st), x += code_w + 1;
        ui_text(y, x, abbr_w, a->abbr_th[0] || a->abbr_en[0] ? agency_short_name(a) : "", st);
        x += abbr_w + 1;
        ui_text(y, x, name_w, name, st), x += name_w + 1;
        ui_text(y, x, type_w, _(agency_type_label(a->type)), st);
    }
    char info[1024];
    if (l->search[0])
        snprintf(info, sizeof info, _("%zu found for \"%s\""), l->n, l->search);
    else
        snprintf(info, sizeof info, _("Agencies: %zu"), l->n);
    if (!t->message[0])
        ui_text(ui_rows() - 2, 1, ui_cols() - 2, info, STYLE_NORMAL);
    tui_draw_message(t);
    if (search_edit) {
        char text[4 * AGENCY_SEARCH_MAX + 8];
        lineedit_get(search_edit, text, sizeof text);
        int y = ui_rows() - 1;
        int lw = ui_text_short(y, 0, ui_cols(), _("Search: "), STYLE_KEY);
        ui_text(y, lw, ui_cols() - lw, text, STYLE_NORMAL);
        ui_cursor(y, lw + lineedit_cursor_column(search_edit), true);
    } else {
        keys_draw_line(list_keys(l));
        ui_cursor(0, 0, false);
    }
    ui_refresh();
}

/* '/': the list narrows as the officer types; Enter keeps the search,
 * Esc clears it. */
static void list_search(agency_list *l)
{
    static lineedit edit;
    lineedit_init(&edit, AGENCY_SEARCH_MAX, AGENCY_SEARCH_MAX);
    lineedit_set(&edit, l->search);
    for (;;) {
        list_draw(l, &edit);
        ui_key k;
        key_action a = tui_key(l->t, KEYS_SEARCH, &k);
        if (l->t->quit || !l->t->st || a == ACT_OPEN)
            return;
        if (a == ACT_BACK) {
            l->search[0] = '\0';
            l->sel = l->top = 0;
            list_load(l);
            return;
        }
        if (a != ACT_NONE || k.timeout)
            continue;
        bool backspace = k.function ? k.code == KEY_BACKSPACE : k.code == 127 || k.code == 8;
        if (backspace)
            lineedit_backspace(&edit);
        else if (k.function && k.code == KEY_LEFT)
            lineedit_left(&edit);
        else if (k.function && k.code == KEY_RIGHT)
            lineedit_right(&edit);
        else if (!k.function)
            lineedit_insert(&edit, (wchar_t)k.code);
        lineedit_get(&edit, l->search, sizeof l->search);
        l->sel = l->top = 0;
        list_load(l);
    }
}

/* ---- one agency ------------------------------------------------------------- */

static bool agency_edit(tui *t, const tc_agency *old);

static void agency_fields(const tc_agency *a, view_lines *L)
{
    char buf[2048];
    view_add(L, _("Code"), a->code, STYLE_HEADING, -1);
    view_add_wrapped(L, _("Name (Thai)"), a->name_th, STYLE_NORMAL, -1);
    view_add_wrapped(L, _("Name (English)"), a->name_en, STYLE_NORMAL, -1);
    snprintf(buf, sizeof buf, "%s%s%s", a->abbr_th, a->abbr_th[0] && a->abbr_en[0] ? " / " : "",
             a->abbr_en);
    view_add(L, _("Abbreviation"), buf, STYLE_NORMAL, -1);
    snprintf(buf, sizeof buf, "%s · %s", _(agency_type_label(a->type)),
             _(agency_level_label(a->level)));
    view_add(L, _("Type"), buf, STYLE_NORMAL, -1);
    const geo_entry *p = a->province[0] ? geo_province(a->province) : NULL;
    if (p)
        view_add(L, _("Province"), i18n_is_thai() ? p->name_th : p->name_en, STYLE_NORMAL, -1);
    const geo_entry *c = geo_country(a->country);
    view_add(L, _("Country"), c ? (i18n_is_thai() ? c->name_th : c->name_en) : a->country,
             STYLE_NORMAL, -1);
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < NEED_KIND_COUNT && used < sizeof buf; k++)
        if (need_set_has(a->services, (need_kind)k))
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used ? ", " : "",
                                     _(need_kind_label((need_kind)k)));
    view_add_wrapped(L, _("Services"), buf[0] ? buf : _("none"), STYLE_NORMAL, -1);
    static const struct { const char *label; size_t offset; } contacts[] = {
        { N_("Telephone"), offsetof(tc_agency, phone) },
        { N_("LINE ID"), offsetof(tc_agency, line_id) },
        { N_("E-mail"), offsetof(tc_agency, email) },
        { N_("Address"), offsetof(tc_agency, address) },
        { N_("Focal person"), offsetof(tc_agency, focal_name) },
        { N_("Focal person's telephone"), offsetof(tc_agency, focal_phone) },
        { N_("Note"), offsetof(tc_agency, note) },
    };
    for (size_t i = 0; i < sizeof contacts / sizeof contacts[0]; i++) {
        const char *v = (const char *)a + contacts[i].offset;
        if (*v)
            view_add_wrapped(L, _(contacts[i].label), v, STYLE_NORMAL, -1);
    }
    view_add(L, _("In service"), a->active ? _("yes") : _("no, retired"),
             a->active ? STYLE_NORMAL : STYLE_ERROR, -1);
}

static void version_lines(tui *t, const char *code, view_lines *L)
{
    record_version *v = NULL;
    size_t n = 0;
    if (store_agency_versions(t->st, code, &v, &n) != ST_OK)
        return;
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Versions"), "", STYLE_HEADING, -1);
    for (size_t i = 0; i < n; i++) {
        char when[MOMENT_TEXT_MAX], line[2 * RECORD_REASON_MAX];
        moment_format(v[i].at, t->opt->clock.utc_offset, when, sizeof when);
        snprintf(line, sizeof line, "%d · %s%s%s", v[i].version,
                 v[i].officer_name[0] ? v[i].officer_name : _("shipped with tipcase"),
                 v[i].reason[0] ? " · " : "", v[i].reason);
        view_add_wrapped(L, when, line, STYLE_NORMAL, -1);
    }
    free(v);
}

static void agency_view(tui *t, const char *code)
{
    view_lines L = { NULL, 0, 0 };
    tc_agency *a = malloc(sizeof *a);
    int top = 0;
    bool reread = true;
    while (a && !t->quit && t->st) {
        if (reread) {
            store_status st = store_agency_get(t->st, code, 0, a);
            if (st != ST_OK) {
                tui_say(t, STYLE_ERROR, _(store_status_text(st)));
                break;
            }
            L.n = 0;
            agency_fields(a, &L);
            version_lines(t, code, &L);
            reread = false;
        }
        int rows = ui_rows() - 4;
        if (top > L.n - rows)
            top = L.n - rows;
        if (top < 0)
            top = 0;
        ui_clear();
        tui_draw_title(t, agency_short_name(a));
        for (int i = top, y = 2; i < L.n && y < 2 + rows; i++, y++) {
            ui_text(y, 1, CASEVIEW_LABEL_COLS, L.v[i].label, STYLE_HEADING);
            ui_text(y, CASEVIEW_LABEL_COLS + 2, view_value_cols(), L.v[i].value, L.v[i].style);
        }
        tui_draw_end(t, KEYS_AGENCY_VIEW);
        key_action act = tui_command_key(t, KEYS_AGENCY_VIEW);
        if (act == ACT_BACK)
            break;
        if (tui_scroll_move(act, &top, L.n, rows))
            continue;
        switch (act) {
        case ACT_HELP: keys_show_help(agency_short_name(a), KEYS_AGENCY_VIEW); break;
        case ACT_EDIT: reread = agency_edit(t, a); break;
        case ACT_REDRAW: reread = true; break;
        default: break;
        }
    }
    free(a);
    free(L.v);
}

/* ---- the form ------------------------------------------------------------------ */

enum {
    AG_CODE, AG_TYPE, AG_LEVEL, AG_PROVINCE, AG_COUNTRY, AG_NAME_TH, AG_NAME_EN, AG_ABBR_TH,
    AG_ABBR_EN, AG_SERVICES, AG_PHONE, AG_LINE, AG_EMAIL, AG_ADDRESS, AG_FOCAL, AG_FOCAL_PHONE,
    AG_NOTE, AG_ACTIVE, AG_REASON, AG_COUNT
};

typedef struct agency_form {
    form f;
    form_field *fl;
    int first;                      /* AG_CODE for a new agency, else AG_TYPE */
    const char *types[AGENCY_TYPE_COUNT];
    const char *levels[AGENCY_LEVEL_COUNT];
    const char *needs[NEED_KIND_COUNT];
    const char *active[2];
    char title[512];
} agency_form;

/* The text fields: which form field, which member of tc_agency. */
static const struct { int field; const char *key, *label, *hint; size_t offset, size; } texts[] = {
#define AT(f, k, l, h, m) { f, k, l, h, offsetof(tc_agency, m), sizeof(((tc_agency *)0)->m) }
    AT(AG_NAME_TH, "name_th", N_("Name (Thai)"), NULL, name_th),
    AT(AG_NAME_EN, "name_en", N_("Name (English)"), N_("No Thai letters."), name_en),
    AT(AG_ABBR_TH, "abbr_th", N_("Abbreviation (Thai)"), N_("e.g. พม. or DSI; may be empty."),
       abbr_th),
    AT(AG_ABBR_EN, "abbr_en", N_("Abbreviation (English)"), N_("e.g. MSDHS; may be empty."),
       abbr_en),
    AT(AG_PHONE, "phone", N_("Telephone"), N_("One or more numbers, separated by commas."), phone),
    AT(AG_LINE, "line_id", N_("LINE ID"), N_("e.g. @abc123"), line_id),
    AT(AG_EMAIL, "email", N_("E-mail"), NULL, email),
    AT(AG_ADDRESS, "address", N_("Address"), NULL, address),
    AT(AG_FOCAL, "focal_name", N_("Focal person"), NULL, focal_name),
    AT(AG_FOCAL_PHONE, "focal_phone", N_("Focal person's telephone"), NULL, focal_phone),
    AT(AG_NOTE, "note", N_("Note"), NULL, note),
#undef AT
};
#define TEXTS (sizeof texts / sizeof texts[0])

static void choice(form_field *fl, const char *key, const char *label, const char *const *choices,
                   int n, int now)
{
    form_field_init(fl, key, label, CHOOSE_HINT, FIELD_CHOICE, 0, 0);
    fl->choices = choices;
    fl->nchoices = n;
    fl->choice = now >= 0 && now < n ? now : 0;
}

static bool agency_form_build(agency_form *x, const tc_agency *a, bool is_new)
{
    memset(x, 0, sizeof *x);
    x->fl = calloc(AG_COUNT, sizeof *x->fl);
    if (!x->fl)
        return false;
    form_field *fl = x->fl;
    form_field_init(&fl[AG_CODE], "code", N_("Code"),
                    N_("Lower-case letters, digits and _, e.g. sk_shelter. It never changes."),
                    FIELD_TEXT, TC_CODE_MAX, TC_CODE_MAX);
    for (int i = 0; i < AGENCY_TYPE_COUNT; i++)
        x->types[i] = agency_type_label((agency_type)i);
    choice(&fl[AG_TYPE], "type", N_("Type"), x->types, AGENCY_TYPE_COUNT, (int)a->type);
    for (int i = 0; i < AGENCY_LEVEL_COUNT; i++)
        x->levels[i] = agency_level_label((agency_level)i);
    choice(&fl[AG_LEVEL], "level", N_("Level"), x->levels, AGENCY_LEVEL_COUNT, (int)a->level);
    form_field_init(&fl[AG_PROVINCE], "province", N_("Province"),
                    N_("Thai or English name, e.g. Tak or ตาก; empty for a national body."),
                    FIELD_TEXT, 40, 120);
    const geo_entry *p = a->province[0] ? geo_province(a->province) : NULL;
    lineedit_set(&fl[AG_PROVINCE].edit, p ? (i18n_is_thai() ? p->name_th : p->name_en) : "");
    form_field_init(&fl[AG_COUNTRY], "country", N_("Country"),
                    N_("Where it works: TH, or a country code or name abroad."), FIELD_TEXT, 40,
                    120);
    lineedit_set(&fl[AG_COUNTRY].edit, a->country);
    for (size_t i = 0; i < TEXTS; i++) {
        form_field_init(&fl[texts[i].field], texts[i].key, texts[i].label, texts[i].hint,
                        FIELD_TEXT, texts[i].size - 1, texts[i].size - 1);
        lineedit_set(&fl[texts[i].field].edit, (const char *)a + texts[i].offset);
    }
    for (int i = 0; i < NEED_KIND_COUNT; i++)
        x->needs[i] = need_kind_label((need_kind)i);
    form_field_init(&fl[AG_SERVICES], "services", N_("Services"),
                    N_("Left and right arrows move; Space picks or drops. Several may apply."),
                    FIELD_MULTI, 0, 0);
    fl[AG_SERVICES].choices = x->needs;
    fl[AG_SERVICES].nchoices = NEED_KIND_COUNT;
    fl[AG_SERVICES].picked = a->services;
    x->active[0] = N_("In service");
    x->active[1] = N_("Retired");
    choice(&fl[AG_ACTIVE], "active", N_("In service"), x->active, 2, a->active ? 0 : 1);
    form_field_init(&fl[AG_REASON], "reason", N_("Reason for the change"),
                    N_("May be empty for a directory update."), FIELD_TEXT, RECORD_REASON_MAX,
                    RECORD_REASON_MAX);
    x->first = is_new ? AG_CODE : AG_TYPE;
    if (is_new)
        snprintf(x->title, sizeof x->title, "%s", _("New agency"));
    else
        snprintf(x->title, sizeof x->title, _("Edit %s"), a->code);
    x->f = (form){ x->title, N_("Only an administrator can save changes to the directory."),
                   fl + x->first, (is_new ? AG_ACTIVE : AG_COUNT) - x->first, 0, 0 };
    return true;
}

/* "" stays ""; anything else must be a province or country the lists know. */
static const char *read_place(const char *text, bool province, char *out, size_t outsz)
{
    char t[256];
    snprintf(t, sizeof t, "%s", text);
    size_t n = strlen(t);
    while (n && t[n - 1] == ' ')
        t[--n] = '\0';
    const char *s = t;
    while (*s == ' ')
        s++;
    out[0] = '\0';
    if (!*s)
        return NULL;
    const geo_entry *g = province ? geo_province_lookup(s) : geo_country_lookup(s);
    if (!g)
        return province ? agency_problem_text(AGENCY_PROVINCE_UNKNOWN)
                        : agency_problem_text(AGENCY_COUNTRY_BAD);
    snprintf(out, outsz, "%s", g->code);
    return NULL;
}

/* The form's content over a copy of the agency; NULL, or what could not
 * be read with its field. */
static const char *agency_form_read(const agency_form *x, tc_agency *a, const char **field)
{
    const form_field *fl = x->fl;
    char buf[4 * AGENCY_ADDRESS_MAX + 8];
    if (x->first == AG_CODE)
        lineedit_get(&fl[AG_CODE].edit, a->code, sizeof a->code);
    a->type = (agency_type)fl[AG_TYPE].choice;
    a->level = (agency_level)fl[AG_LEVEL].choice;
    lineedit_get(&fl[AG_PROVINCE].edit, buf, sizeof buf);
    const char *why = read_place(buf, true, a->province, sizeof a->province);
    if (why) {
        *field = "province";
        return why;
    }
    lineedit_get(&fl[AG_COUNTRY].edit, buf, sizeof buf);
    why = read_place(buf, false, a->country, sizeof a->country);
    if (why || !a->country[0]) {
        *field = "country";
        return why ? why : agency_problem_text(AGENCY_COUNTRY_BAD);
    }
    for (size_t i = 0; i < TEXTS; i++) {
        char *member = (char *)a + texts[i].offset;
        lineedit_get(&fl[texts[i].field].edit, buf, sizeof buf);
        bool phone = texts[i].field == AG_PHONE || texts[i].field == AG_FOCAL_PHONE;
        /* Telephone numbers typed with Thai digits are kept in ASCII. */
        if (phone)
            case_search_fold(buf, member, texts[i].size);
        else
            snprintf(member, texts[i].size, "%s", buf);
    }
    a->services = (need_set)fl[AG_SERVICES].picked;
    if (x->first != AG_CODE)
        a->active = fl[AG_ACTIVE].choice == 0;
    return NULL;
}

static bool agency_form_save(tui *t, agency_form *x, const tc_agency *old)
{
    tc_agency *a = malloc(sizeof *a);
    if (!a)
        return false;
    if (old)
        *a = *old;
    else
        agency_init(a);
    const char *field = NULL;
    const char *why = agency_form_read(x, a, &field);
    store_status st = ST_INVALID;
    agency_check chk = { AGENCY_OK, NULL };
    if (why) {
        tui_say(t, STYLE_ERROR, _(why));
        form_focus(&x->f, field);
    } else {
        char reason[RECORD_REASON_MAX + 1] = "";
        if (old)
            lineedit_get(&x->fl[AG_REASON].edit, reason, sizeof reason);
        st = old ? store_agency_edit(t->st, a, reason, &chk) : store_agency_add(t->st, a, &chk);
        if (st == ST_INVALID) {
            tui_say(t, STYLE_ERROR, _(agency_problem_text(chk.problem)));
            form_focus(&x->f, chk.field);
        } else if (st == ST_DUPLICATE) {
            tui_say(t, STYLE_ERROR, _("That agency code is taken: a code is never used twice."));
            form_focus(&x->f, "code");
        } else if (st != ST_OK) {
            tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        } else {
            char msg[512];
            snprintf(msg, sizeof msg, old ? _("Agency %s is saved.") : _("Agency %s is added."),
                     a->code);
            tui_say(t, STYLE_NOTICE, msg);
        }
    }
    free(a);
    return st == ST_OK;
}

/* A new agency (old NULL) or a new version of one.  True when saved. */
static bool agency_edit(tui *t, const tc_agency *old)
{
    tc_agency blank;
    agency_init(&blank);
    agency_form x;
    if (!agency_form_build(&x, old ? old : &blank, old == NULL)) {
        tui_say(t, STYLE_ERROR, _(store_status_text(ST_NOMEM)));
        return false;
    }
    bool saved = false;
    while (!saved && !t->quit && t->st && form_run(t, &x.f) == ACT_SAVE && t->st)
        saved = agency_form_save(t, &x, old);
    free(x.fl);
    return saved;
}

/* ---- the screens ------------------------------------------------------------- */

/* Runs the list; in picking mode returns true with the chosen code. */
static bool list_run(agency_list *l, char code_out[TC_CODE_MAX + 1])
{
    tui *t = l->t;
    bool chosen = false;
    while (!chosen && !t->quit && t->st) {
        list_load(l);
        list_draw(l, NULL);
        const key_binding *keys = list_keys(l);
        key_action a = tui_command_key(t, keys);
        if (a == ACT_BACK || t->quit || !t->st)
            break;
        size_t page = (size_t)list_rows();
        bool has = l->sel < l->n;
        if (tui_list_move(a, &l->sel, l->n, page))
            continue;
        switch (a) {
        case ACT_SEARCH: list_search(l); break;
        case ACT_HELP: keys_show_help(_(l->title), keys); break;
        case ACT_SHOW_RETIRED: l->retired = !l->retired; break;
        case ACT_NEW: agency_edit(t, NULL); break;
        case ACT_EDIT: if (has) agency_edit(t, &l->rows[l->sel]); break;
        case ACT_OPEN:
            if (has && l->picking) {
                snprintf(code_out, TC_CODE_MAX + 1, "%s", l->rows[l->sel].code);
                chosen = true;
            } else if (has) {
                char code[TC_CODE_MAX + 1];
                snprintf(code, sizeof code, "%s", l->rows[l->sel].code);
                agency_view(t, code);
            }
            break;
        default: break;
        }
    }
    free(l->rows);
    l->rows = NULL;
    return chosen;
}

void screen_agency_directory(tui *t)
{
    agency_list *l = calloc(1, sizeof *l);
    if (!l)
        return;
    l->t = t;
    l->title = N_("Agency directory");
    list_run(l, NULL);
    free(l);
}

bool screen_agency_pick(tui *t, const char *title, char code_out[TC_CODE_MAX + 1])
{
    agency_list *l = calloc(1, sizeof *l);
    if (!l)
        return false;
    l->t = t;
    l->picking = true;
    l->title = title;
    bool chosen = list_run(l, code_out);
    free(l);
    return chosen;
}
