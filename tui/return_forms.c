/* return_forms.c - what the return and reintegration screens share (see
 * return_screens.h). */
#include "config.h"
#include <curses.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/referrals.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/caseforms.h"
#include "tui/caseinput.h"
#include "tui/referral_screens.h"
#include "tui/return_screens.h"

#define CHOOSE_HINT N_("Left and right arrows choose.")

/* ---- fields ------------------------------------------------------------ */

form_field *ret_fields_new(int n)
{
    return calloc((size_t)n, sizeof(form_field));
}

void ret_fields_free(form_field *fl, int n)
{
    if (!fl)
        return;
    sodium_memzero(fl, sizeof *fl * (size_t)n);
    free(fl);
}

void ret_text_field(form_field *fl, const char *key, const char *label, const char *hint,
                    size_t max_bytes, const char *value)
{
    form_field_init(fl, key, label, hint, FIELD_TEXT, max_bytes, max_bytes);
    lineedit_set(&fl->edit, value ? value : "");
}

void ret_date_field(form_field *fl, const char *key, const char *label, const char *hint,
                    bool known, caldate d)
{
    char buf[THDATE_MAX];
    form_field_init(fl, key, label, hint, FIELD_TEXT, 30, 90);
    case_format_date_input(known, d, buf, sizeof buf);
    lineedit_set(&fl->edit, buf);
}

void ret_choice_field(form_field *fl, const char *key, const char *label,
                      const char *const *choices, const char *const *choices_th, int n, int now)
{
    form_field_init(fl, key, label, CHOOSE_HINT, FIELD_CHOICE, 0, 0);
    fl->choices = choices;
    fl->choices_th = choices_th;
    fl->nchoices = n;
    fl->choice = now >= 0 && now < n ? now : 0;
}


void ret_form_text(const form *f, int i, char *out, size_t outsz)
{
    form_get(f, i, out, outsz);
    form_trim(out);
}

const char *ret_read_date_needed(const form *f, int i, caldate *d)
{
    char buf[4 * THDATE_MAX];
    bool known = false;
    form_get(f, i, buf, sizeof buf);
    const char *why = form_read_date(buf, &known, d);
    if (!why && !known)
        why = thdate_error_text(THDATE_EMPTY);
    return why;
}

void ret_today_input(tui *t, char *out, size_t outsz)
{
    thdate_format_input(app_today(&t->opt->clock), i18n_is_thai(), out, outsz);
}

void ret_refuse(tui *t, form *f, const char *msgid, const char *field)
{
    tui_say(t, STYLE_ERROR, _(msgid));
    form_focus(f, field);
}

bool ret_saved(tui *t, form *f, store_status st, const char *problem, const char *field)
{
    if (st == ST_INVALID)
        ret_refuse(t, f, problem, field);
    else if (st != ST_OK)
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    return st == ST_OK;
}

const char *ret_field_leaf(const char *field)
{
    if (!field)
        return NULL;
    const char *dot = strrchr(field, '.');
    return dot ? dot + 1 : field;
}

/* ---- a question ---------------------------------------------------------- */

bool ret_confirm(tui *t, const char *title, const char *const *lines, size_t n,
                 ui_style lines_style, const char *question)
{
    for (;;) {
        ui_clear();
        tui_draw_title(t, _(title));
        int y = 2, last = ui_rows() - 5;
        for (size_t i = 0; i < n && y <= last; i++)
            if (lines[i])
                ui_text(y++, 2, ui_cols() - 4, lines[i], lines_style);
        ui_text(y + 1, 2, ui_cols() - 4, _(question), STYLE_HEADING);
        tui_draw_end(t, KEYS_CONFIRM);
        int yes = tui_confirm_key(t, _(title));
        if (yes >= 0)
            return yes;
    }
}

/* ---- an agency from the directory ---------------------------------------- */

enum { AG_NONE, AG_CHOOSE, AG_CHOSEN };

void ret_agency_name(tui *t, const char *code, char *out, size_t outsz)
{
    tc_agency *a = malloc(sizeof *a);
    if (a && code[0] && store_agency_get(t->st, code, 0, a) == ST_OK)
        snprintf(out, outsz, "%s", agency_short_name(a));
    else
        snprintf(out, outsz, "%s", code);
    free(a);
}

void ret_agency_field(tui *t, form_field *fl, ret_agency_choice *a, const char *key,
                      const char *label, const char *hint, const char *code)
{
    snprintf(a->code, sizeof a->code, "%s", code ? code : "");
    ret_agency_name(t, a->code, a->name, sizeof a->name);
    a->choices[AG_NONE] = N_("(none)");
    a->choices[AG_CHOOSE] = N_("Choose from the directory...");
    /* A choice label is passed through _(): an agency's name is no msgid,
     * and gettext gives back what it does not know. */
    a->choices[AG_CHOSEN] = a->name;
    ret_choice_field(fl, key, label, a->choices, NULL, a->code[0] ? 3 : 2,
                     a->code[0] ? AG_CHOSEN : AG_NONE);
    fl->hint = hint;
}

bool ret_agency_resolve(tui *t, form_field *fl, ret_agency_choice *a, const char *title)
{
    if (fl->choice == AG_NONE) {
        a->code[0] = '\0';
        return false;
    }
    if (fl->choice == AG_CHOSEN)
        return false;
    char code[TC_CODE_MAX + 1];
    if (screen_agency_pick(t, title, code)) {
        snprintf(a->code, sizeof a->code, "%s", code);
        ret_agency_name(t, a->code, a->name, sizeof a->name);
        fl->nchoices = 3;
        fl->choice = AG_CHOSEN;
        tui_say(t, STYLE_NOTICE, _("The agency is chosen. F10 saves."));
    } else {
        fl->nchoices = a->code[0] ? 3 : 2;
        fl->choice = a->code[0] ? AG_CHOSEN : AG_NONE;
    }
    return true;
}

/* ---- a plan on screen --------------------------------------------------------- */

enum { VIEW_FIRST_ROW = 3 };

int ret_view_rows(void)
{
    int r = ui_rows() - VIEW_FIRST_ROW - 2;     /* message and keys */
    return r < 1 ? 1 : r;
}

static void keep_chosen_in_view(const view_lines *L, int *top, int sel)
{
    int rows = ret_view_rows(), first = -1, last = -1;
    for (int i = 0; sel >= 0 && i < L->n; i++)
        if (L->v[i].item == sel) {
            if (first < 0)
                first = i;
            last = i;
        }
    if (first >= 0) {
        if (last >= *top + rows)
            *top = last - rows + 1;
        if (first < *top)
            *top = first;
    }
    if (*top > L->n - rows)
        *top = L->n - rows;
    if (*top < 0)
        *top = 0;
}

void ret_view_draw(tui *t, const char *title, const char *head, view_lines *L, int *top,
                   int sel, const key_binding *keys)
{
    ui_clear();
    tui_draw_title(t, title);
    ui_text(1, 0, ui_cols(), head, STYLE_HEADING);
    keep_chosen_in_view(L, top, sel);
    int y = VIEW_FIRST_ROW, rows = ret_view_rows();
    for (int i = *top; i < L->n && y < VIEW_FIRST_ROW + rows; i++, y++) {
        const view_line *l = &L->v[i];
        bool chosen = sel >= 0 && l->item == sel;
        ui_style st = chosen ? STYLE_SELECTED : l->style;
        ui_text(y, 0, 1, chosen ? ">" : "", STYLE_NORMAL);
        if (l->item >= 0 && !l->label[0]) {
            ui_text(y, 1, ui_cols() - 2, l->value, st);
            continue;
        }
        ui_text(y, 1, CASEVIEW_LABEL_COLS, l->label, chosen ? st : STYLE_HEADING);
        ui_text(y, CASEVIEW_LABEL_COLS + 2, view_value_cols(), l->value, st);
    }
    tui_draw_end(t, keys);
}

bool ret_case_head(tui *t, const char *case_id, char *out, size_t outsz, bool *child)
{
    tc_case *c = malloc(sizeof *c);
    store_status st = c ? store_case_get(t->st, case_id, c) : ST_NOMEM;
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        free(c);
        return false;
    }
    bool is_child = case_is_child(c, app_today(&t->opt->clock), t->opt->clock.utc_offset);
    snprintf(out, outsz, " %s · %s%s%s", c->reference, case_display_name(c),
             is_child ? " · " : "", is_child ? _("child") : "");
    if (child)
        *child = is_child;
    sodium_memzero(c, sizeof *c);
    free(c);
    return true;
}
