#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/tui.h"

enum { LABEL_COLS = 26 };

void form_focus(form *f, const char *key)
{
    for (int i = 0; key && i < f->n; i++)
        if (f->fields[i].key && !strcmp(f->fields[i].key, key)) {
            f->focus = i;
            return;
        }
}

void form_get(const form *f, int i, char *out, size_t outsz)
{
    lineedit_get(&f->fields[i].edit, out, outsz);
}

/* What a field shows: stars for a secret, one per cluster typed. */
static void field_display(const form_field *fl, size_t first, char *out, size_t outsz,
                          int *cursor_col)
{
    const lineedit *e = &fl->edit;
    if (fl->kind == FIELD_SECRET) {
        size_t n = 0;
        for (size_t i = 0; i < e->len; i = wtext_next_cluster(e->text, e->len, i))
            if (n + 1 < outsz)
                out[n++] = '*';
        out[n] = '\0';
        size_t before = 0;
        for (size_t i = 0; i < e->cursor; i = wtext_next_cluster(e->text, e->len, i))
            before++;
        *cursor_col = (int)before;
        return;
    }
    text_from_wide(e->text + first, e->len - first, out, outsz);
    *cursor_col = wtext_columns(e->text + first, e->cursor - first);
}

/* The label of choice i as the officer reads it now. */
static const char *choice_label(const form_field *fl, int i)
{
    if (fl->choices_th && i18n_is_thai() && fl->choices_th[i] && fl->choices_th[i][0])
        return fl->choices_th[i];
    return _(fl->choices[i]);
}

/* A choice field: "< label >"; a multiple choice adds whether the one
 * shown is picked while it has the focus, and lists the picked ones when
 * it has not. */
static void choice_display(const form_field *fl, bool focus, char *out, size_t outsz)
{
    if (fl->kind == FIELD_CHOICE) {
        snprintf(out, outsz, "< %s >", choice_label(fl, fl->choice));
        return;
    }
    if (focus) {
        snprintf(out, outsz, "< [%s] %s >", (fl->picked >> fl->choice) & 1 ? "x" : " ",
                 choice_label(fl, fl->choice));
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < fl->nchoices && i < 64 && used < outsz; i++)
        if ((fl->picked >> i) & 1)
            used += (size_t)snprintf(out + used, outsz - used, "%s%s", used ? ", " : "",
                                     choice_label(fl, i));
    if (!out[0])
        snprintf(out, outsz, "%s", _("(none chosen)"));
}

static void draw_form(tui *t, form *f)
{
    ui_clear();
    tui_draw_title(t, _(f->title));
    int cols = ui_cols(), y = 2;
    if (f->intro) {
        ui_text(y, 1, cols - 2, _(f->intro), STYLE_NORMAL);
        y += 2;
    }
    int rows_for_fields = ui_rows() - y - 3;
    if (rows_for_fields < 1)
        rows_for_fields = 1;
    if (f->focus < f->top)
        f->top = f->focus;
    if (f->focus >= f->top + rows_for_fields)
        f->top = f->focus - rows_for_fields + 1;
    int cur_y = -1, cur_x = 0;
    int field_x = LABEL_COLS + 2, field_w = cols - field_x - 1;
    if (field_w < 10)
        field_w = 10;
    for (int i = f->top; i < f->n && y < ui_rows() - 3; i++, y++) {
        form_field *fl = &f->fields[i];
        bool focus = (i == f->focus);
        ui_text(y, 1, LABEL_COLS, _(fl->label), focus ? STYLE_HEADING : STYLE_NORMAL);
        char shown[4096];
        if (fl->kind == FIELD_CHOICE || fl->kind == FIELD_MULTI) {
            choice_display(fl, focus, shown, sizeof shown);
            ui_text(y, field_x, field_w, shown, focus ? STYLE_SELECTED : STYLE_NORMAL);
            continue;
        }
        size_t first = fl->scroll = lineedit_scroll(&fl->edit, fl->scroll, field_w);
        int ccol = 0;
        field_display(fl, first, shown, sizeof shown, &ccol);
        ui_text(y, field_x, field_w, shown, focus ? STYLE_SELECTED : STYLE_NORMAL);
        if (!fl->edit.len && fl->hint && !focus)
            ui_text(y, field_x, field_w, _(fl->hint), STYLE_NORMAL);
        if (focus) {
            cur_y = y;
            cur_x = field_x + (ccol < field_w ? ccol : field_w - 1);
        }
    }
    const form_field *ff = &f->fields[f->focus];
    if (ff->hint)
        ui_text(ui_rows() - 3, 1, cols - 2, _(ff->hint), STYLE_NOTICE);
    tui_draw_message(t);
    keys_draw_line(KEYS_FORM);
    ui_cursor(cur_y, cur_x, cur_y >= 0);
    ui_refresh();
}

static void edit_key(form_field *fl, ui_key k)
{
    if (fl->kind == FIELD_MULTI) {
        if (k.function && k.code == KEY_RIGHT)
            fl->choice = (fl->choice + 1) % fl->nchoices;
        else if (k.function && k.code == KEY_LEFT)
            fl->choice = (fl->choice + fl->nchoices - 1) % fl->nchoices;
        else if (!k.function && k.code == ' ' && fl->choice < 64)
            fl->picked ^= (uint64_t)1 << fl->choice;
        return;
    }
    if (fl->kind == FIELD_CHOICE) {
        if (k.function && k.code == KEY_RIGHT)
            fl->choice = (fl->choice + 1) % fl->nchoices;
        else if (k.function && k.code == KEY_LEFT)
            fl->choice = (fl->choice + fl->nchoices - 1) % fl->nchoices;
        else if (!k.function && k.code == ' ')
            fl->choice = (fl->choice + 1) % fl->nchoices;
        return;
    }
    lineedit *e = &fl->edit;
    if (k.function) {
        switch (k.code) {
        case KEY_LEFT: lineedit_left(e); break;
        case KEY_RIGHT: lineedit_right(e); break;
        case KEY_HOME: lineedit_home(e); break;
        case KEY_END: lineedit_end(e); break;
        case KEY_BACKSPACE: lineedit_backspace(e); break;
        case KEY_DC: lineedit_delete(e); break;
        default: break;
        }
        return;
    }
    switch (k.code) {
    case 127: case 8: lineedit_backspace(e); break;
    case 1: lineedit_home(e); break;          /* Ctrl-A */
    case 5: lineedit_end(e); break;           /* Ctrl-E */
    case 21: lineedit_clear(e); break;        /* Ctrl-U */
    case 23: lineedit_delete_word(e); break;  /* Ctrl-W */
    default:
        if (!lineedit_insert(e, (wchar_t)k.code))
            beep();
        break;
    }
}

key_action form_run(tui *t, form *f)
{
    for (;;) {
        draw_form(t, f);
        ui_key k;
        key_action a = tui_key(t, KEYS_FORM, &k);
        if (t->quit)
            return ACT_BACK;
        switch (a) {
        case ACT_SAVE:
            return ACT_SAVE;
        case ACT_BACK:
            return ACT_BACK;
        case ACT_NEXT_FIELD:
            if (!k.function && k.code == '\r' && f->focus == f->n - 1)
                return ACT_SAVE;
            f->focus = (f->focus + 1) % f->n;
            break;
        case ACT_PREV_FIELD:
            f->focus = (f->focus + f->n - 1) % f->n;
            break;
        case ACT_CHOICE_NEXT: {
            form_field *fl = &f->fields[f->focus];
            if (fl->kind == FIELD_CHOICE || fl->kind == FIELD_MULTI)
                fl->choice = (fl->choice + 1) % fl->nchoices;
            break;
        }
        case ACT_HELP:
            keys_show_help(_(f->title), KEYS_FORM);
            break;
        case ACT_NONE:
            if (!k.timeout)
                edit_key(&f->fields[f->focus], k);
            break;
        default:
            break;
        }
    }
}
