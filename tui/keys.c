#include "config.h"
#include "tui/keys.h"
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"

#define CTRL(c) ((c) & 0x1f)

/* Keys every screen shares. */
#define COMMON_KEYS                                                                 \
    { false, '?', "?", N_("Help: every key of this screen"), ACT_HELP, N_("Help") },     \
    { true, KEY_F(1), "F1", N_("Help: every key of this screen"), ACT_HELP, NULL }, \
    { true, KEY_F(2), "F2", N_("Switch language (Thai / English)"), ACT_LANGUAGE, N_("Language") }, \
    { true, KEY_F(12), "F12", N_("Lock the screen now"), ACT_LOCK, NULL },        \
    { false, CTRL('l'), "Ctrl-L", N_("Redraw the screen"), ACT_REDRAW, NULL },    \
    { true, KEY_RESIZE, NULL, NULL, ACT_REDRAW, NULL }

#define MOVE_KEYS                                                                   \
    { true, KEY_UP, "↑", N_("Previous line"), ACT_UP, NULL },                      \
    { false, 'k', "k", N_("Previous line"), ACT_UP, NULL },                        \
    { true, KEY_DOWN, "↓", N_("Next line"), ACT_DOWN, NULL },                      \
    { false, 'j', "j", N_("Next line"), ACT_DOWN, NULL },                          \
    { true, KEY_PPAGE, "PgUp", N_("Previous page"), ACT_PAGE_UP, NULL },           \
    { true, KEY_NPAGE, "PgDn", N_("Next page"), ACT_PAGE_DOWN, NULL },             \
    { true, KEY_HOME, "Home", N_("First line"), ACT_TOP, NULL },                   \
    { true, KEY_END, "End", N_("Last line"), ACT_BOTTOM, NULL }

const key_binding KEYS_CASE_LIST[] = {
    { false, 'n', "n", N_("New case"), ACT_NEW, N_("New") },
    { false, '\r', "Enter", N_("Open"), ACT_OPEN, N_("Open") },
    { true, KEY_ENTER, NULL, NULL, ACT_OPEN, NULL },
    { false, '/', "/", N_("Search"), ACT_SEARCH, N_("Search") },
    { false, 's', "s", N_("Sort by name in Thai dictionary order, or newest first"), ACT_SORT, N_("Sort") },
    { false, 'L', "L", N_("Lock"), ACT_LOCK, N_("Lock") },
    { false, 'q', "q", N_("Quit"), ACT_QUIT, N_("Quit") },
    MOVE_KEYS,
    COMMON_KEYS,
    KEYS_END,
};

const key_binding KEYS_CASE_VIEW[] = {
    { false, 'e', "e", N_("Edit"), ACT_EDIT, N_("Edit") },
    { false, 27, "Esc", N_("Back to the list"), ACT_BACK, N_("Back") },
    { false, 'q', NULL, NULL, ACT_BACK, NULL },
    { false, 'L', "L", N_("Lock"), ACT_LOCK, N_("Lock") },
    MOVE_KEYS,
    COMMON_KEYS,
    KEYS_END,
};

const key_binding KEYS_FORM[] = {
    { true, KEY_F(10), "F10", N_("Save"), ACT_SAVE, N_("Save") },
    { false, CTRL('s'), "Ctrl-S", N_("Save"), ACT_SAVE, NULL },
    { false, '\t', "Tab", N_("Next field"), ACT_NEXT_FIELD, N_("Next field") },
    { true, KEY_DOWN, "↓", N_("Next field"), ACT_NEXT_FIELD, NULL },
    { false, '\r', "Enter", N_("Next field (on the last field: save)"), ACT_NEXT_FIELD, NULL },
    { true, KEY_ENTER, NULL, NULL, ACT_NEXT_FIELD, NULL },
    { true, KEY_BTAB, "Shift-Tab", N_("Previous field"), ACT_PREV_FIELD, NULL },
    { true, KEY_UP, "↑", N_("Previous field"), ACT_PREV_FIELD, NULL },
    { true, KEY_F(5), "F5", N_("Next choice in a list field"), ACT_CHOICE_NEXT, NULL },
    { false, 27, "Esc", N_("Cancel"), ACT_BACK, N_("Cancel") },
    { true, KEY_F(1), "F1", N_("Help: every key of this screen"), ACT_HELP, N_("Help") },
    { true, KEY_F(2), "F2", N_("Switch language (Thai / English)"), ACT_LANGUAGE, N_("Language") },
    { true, KEY_F(12), "F12", N_("Lock the screen now"), ACT_LOCK, NULL },
    { false, CTRL('l'), "Ctrl-L", N_("Redraw the screen"), ACT_REDRAW, NULL },
    { true, KEY_RESIZE, NULL, NULL, ACT_REDRAW, NULL },
    KEYS_END,
};

const key_binding KEYS_SEARCH[] = {
    { false, '\r', "Enter", N_("Keep this search"), ACT_OPEN, N_("Keep") },
    { true, KEY_ENTER, NULL, NULL, ACT_OPEN, NULL },
    { false, 27, "Esc", N_("Clear the search"), ACT_BACK, N_("Clear") },
    { true, KEY_RESIZE, NULL, NULL, ACT_REDRAW, NULL },
    KEYS_END,
};

key_action keys_action(const key_binding *table, ui_key k)
{
    if (k.timeout)
        return ACT_NONE;
    for (const key_binding *b = table; b->action != ACT_NONE; b++)
        if (b->function == k.function && b->code == k.code)
            return b->action;
    return ACT_NONE;
}

void keys_draw_line(const key_binding *table)
{
    int y = ui_rows() - 1, x = 0, cols = ui_cols();
    ui_text(y, 0, cols, "", STYLE_NORMAL);
    for (const key_binding *b = table; b->action != ACT_NONE && x < cols; b++) {
        if (!b->hint || !b->label)
            continue;
        const char *what = _(b->hint);
        int need = text_columns(b->label) + 1 + text_columns(what) + 2;
        if (x + need > cols)
            break;
        x += ui_text_short(y, x, cols - x, b->label, STYLE_KEY);
        x += 1;
        x += ui_text_short(y, x, cols - x, what, STYLE_NORMAL);
        x += 2;
    }
}

void keys_show_help(const char *screen_title, const key_binding *table)
{
    ui_clear();
    int cols = ui_cols(), y = 0;
    char title[256];
    snprintf(title, sizeof title, "%s: %s", _("Help"), screen_title);
    ui_text(y++, 0, cols, title, STYLE_TITLE);
    y++;
    for (const key_binding *b = table; b->action != ACT_NONE && y < ui_rows() - 2; b++) {
        if (!b->label || !b->help)
            continue;
        ui_text(y, 2, 12, b->label, STYLE_KEY);
        ui_text(y, 15, cols - 15, _(b->help), STYLE_NORMAL);
        y++;
    }
    ui_text(ui_rows() - 1, 0, cols, _("Press any key to go back."), STYLE_NOTICE);
    ui_refresh();
    ui_key k;
    do
        k = ui_read_key(-1);
    while (k.function && k.code == KEY_RESIZE);
}
