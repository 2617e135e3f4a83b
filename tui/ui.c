#include "config.h"
#include "tui/ui.h"
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/textwidth.h"

static bool started;
static bool colour;

enum { PAIR_TITLE = 1, PAIR_SELECTED, PAIR_ERROR, PAIR_NOTICE, PAIR_KEY, PAIR_CHILD, PAIR_DEMO };

void ui_start(void)
{
    if (started)
        return;
    /* Esc must answer at once: forms use it to go back. */
    setenv("ESCDELAY", "25", 0);
    initscr();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    const char *no_colour = getenv("NO_COLOR");
    colour = has_colors() && !(no_colour && *no_colour);
    if (colour) {
        start_color();
        use_default_colors();
        init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
        init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
        init_pair(PAIR_ERROR, COLOR_RED, -1);
        init_pair(PAIR_NOTICE, COLOR_GREEN, -1);
        init_pair(PAIR_KEY, COLOR_YELLOW, -1);
        init_pair(PAIR_CHILD, COLOR_MAGENTA, -1);
        init_pair(PAIR_DEMO, COLOR_BLACK, COLOR_YELLOW);
    }
    started = true;
}

void ui_stop(void)
{
    if (!started)
        return;
    /* Wipe what was shown before leaving the alternate screen. */
    erase();
    refresh();
    endwin();
    started = false;
}

bool ui_started(void) { return started; }
int ui_rows(void) { return LINES; }
int ui_cols(void) { return COLS; }
void ui_clear(void) { erase(); }
void ui_refresh(void) { refresh(); }

static attr_t style_attr(ui_style s)
{
    switch (s) {
    case STYLE_TITLE: return colour ? COLOR_PAIR(PAIR_TITLE) | A_BOLD : A_REVERSE | A_BOLD;
    case STYLE_HEADING: return A_BOLD | (colour ? 0 : A_UNDERLINE);
    case STYLE_SELECTED: return colour ? COLOR_PAIR(PAIR_SELECTED) : A_REVERSE;
    case STYLE_ERROR: return colour ? COLOR_PAIR(PAIR_ERROR) | A_BOLD : A_BOLD;
    case STYLE_NOTICE: return colour ? COLOR_PAIR(PAIR_NOTICE) : A_NORMAL;
    case STYLE_KEY: return colour ? COLOR_PAIR(PAIR_KEY) | A_BOLD : A_BOLD;
    case STYLE_CHILD: return colour ? COLOR_PAIR(PAIR_CHILD) | A_BOLD : A_BOLD;
    case STYLE_DEMO: return colour ? COLOR_PAIR(PAIR_DEMO) | A_BOLD : A_REVERSE;
    case STYLE_NORMAL: break;
    }
    return A_NORMAL;
}

static void draw(int y, int x, int cols, const char *utf8, ui_style style, bool pad)
{
    if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
        return;
    if (x + cols > COLS)
        cols = COLS - x;
    /* Room for every column to be a 4-byte character with 3 marks. */
    size_t cap = (size_t)cols * 16 + 16;
    char *buf = malloc(cap);
    if (!buf)
        return;
    if (pad)
        text_pad(utf8 ? utf8 : "", cols, buf, cap);
    else
        text_fit(utf8 ? utf8 : "", cols, true, buf, cap);
    attr_t a = style_attr(style);
    attron(a);
    mvaddstr(y, x, buf);
    attroff(a);
    free(buf);
}

void ui_text(int y, int x, int cols, const char *utf8, ui_style style)
{
    draw(y, x, cols, utf8, style, true);
}

int ui_widest(int cols, const char *utf8)
{
    int w = text_columns(utf8);
    return w > cols ? w : cols;
}

int ui_text_short(int y, int x, int cols, const char *utf8, ui_style style)
{
    draw(y, x, cols, utf8, style, false);
    int w = text_columns(utf8 ? utf8 : "");
    return w < cols ? w : cols;
}

void ui_cursor(int y, int x, bool visible)
{
    curs_set(visible ? 1 : 0);
    if (visible)
        move(y, x);
}

ui_key ui_read_key(int timeout_ms)
{
    ui_key k = { false, 0, false };
    wint_t ch;
    timeout(timeout_ms);
    int r = get_wch(&ch);
    if (r == ERR) {
        k.timeout = true;
        return k;
    }
    k.function = (r == KEY_CODE_YES);
    k.code = (int)ch;
    return k;
}
