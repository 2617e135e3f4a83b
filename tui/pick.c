/* pick.c - choosing one row of a list, and the moves every list screen
 * shares (see tui.h). */
#include "config.h"
#include "tui/tui.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/ui.h"

bool tui_list_move(key_action a, size_t *sel, size_t n, size_t page)
{
    switch (a) {
    case ACT_UP: if (*sel > 0) (*sel)--; return true;
    case ACT_DOWN: if (*sel + 1 < n) (*sel)++; return true;
    case ACT_PAGE_UP: *sel = *sel > page ? *sel - page : 0; return true;
    case ACT_PAGE_DOWN: *sel += page; return true;
    case ACT_TOP: *sel = 0; return true;
    case ACT_BOTTOM: *sel = n ? n - 1 : 0; return true;
    default: return false;
    }
}

void tui_list_clamp(size_t *sel, size_t *top, size_t n, size_t page)
{
    if (*sel >= n)
        *sel = n ? n - 1 : 0;
    if (*sel < *top)
        *top = *sel;
    if (*sel >= *top + page)
        *top = *sel - page + 1;
}

key_action tui_list_key(tui *t, const key_binding *keys, size_t *sel, size_t n, size_t page)
{
    key_action a = tui_command_key(t, keys);
    if (a == ACT_BACK || t->quit || !t->st)
        return ACT_BACK;
    return tui_list_move(a, sel, n, page) ? ACT_NONE : a;
}

bool tui_scroll_move(key_action a, int *top, int n, int page)
{
    switch (a) {
    case ACT_UP: (*top)--; return true;
    case ACT_DOWN: (*top)++; return true;
    case ACT_PAGE_UP: *top -= page; return true;
    case ACT_PAGE_DOWN: *top += page; return true;
    case ACT_TOP: *top = 0; return true;
    case ACT_BOTTOM: *top = n; return true;
    default: return false;
    }
}

long tui_pick(tui *t, const char *screen, const char *heading, size_t n, size_t sel,
              pick_row_fn row, void *ctx)
{
    size_t top = 0;
    if (sel >= n)
        sel = 0;
    while (!t->quit && t->st && n) {
        int first_row = 4, rows = ui_rows() - first_row - 3;
        if (rows < 1)
            rows = 1;
        tui_list_clamp(&sel, &top, n, (size_t)rows);
        ui_clear();
        tui_draw_title(t, _(screen));
        ui_text(2, 1, ui_cols() - 2, _(heading), STYLE_HEADING);
        char text[1024], info[256];
        /* The info column is as wide as its widest row (none when no row
         * has one), so the names get the rest of the line. */
        int info_w = 0;
        for (size_t i = top; i < n && i < top + (size_t)rows; i++) {
            row(ctx, i, text, sizeof text, info, sizeof info);
            int w = text_columns(info);
            if (w > info_w)
                info_w = w > 30 ? 30 : w;
        }
        int text_w = info_w ? ui_cols() - info_w - 6 : ui_cols() - 4;
        for (size_t i = top; i < n && i < top + (size_t)rows; i++) {
            row(ctx, i, text, sizeof text, info, sizeof info);
            ui_style st = i == sel ? STYLE_SELECTED : STYLE_NORMAL;
            int y = first_row + (int)(i - top);
            ui_text(y, 1, ui_cols() - 2, "", st);
            ui_text(y, 2, text_w, text, st);
            if (info_w)
                ui_text(y, ui_cols() - info_w - 2, info_w, info, st);
        }
        tui_draw_end(t, KEYS_PICK);
        key_action a = tui_command_key(t, KEYS_PICK);
        if (tui_list_move(a, &sel, n, (size_t)rows))
            continue;
        switch (a) {
        case ACT_OPEN: return (long)sel;
        case ACT_BACK: return -1;
        case ACT_HELP: keys_show_help(_(screen), KEYS_PICK); break;
        default: break;
        }
    }
    return -1;
}

