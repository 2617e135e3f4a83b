/* ui.h - the few curses primitives every screen uses.
 *
 * All text reaches the terminal through ui_text(), which cleans it
 * (text_clean: no control characters or escape sequences from data) and
 * fits it by display columns, so a Thai name never breaks the layout and a
 * name with an escape sequence never repaints the screen. */
#ifndef TC_UI_H
#define TC_UI_H
#include <stdbool.h>
#include <wchar.h>

/* Attributes for text; in monochrome (NO_COLOR) they fall back to
 * bold/reverse/underline. */
typedef enum ui_style {
    STYLE_NORMAL = 0,
    STYLE_TITLE,        /* the top bar */
    STYLE_HEADING,      /* column headings, section titles */
    STYLE_SELECTED,     /* the current row or field */
    STYLE_ERROR,        /* a message that something was refused */
    STYLE_NOTICE,       /* a message that something was done */
    STYLE_KEY,          /* a key name in the key line */
    STYLE_CHILD,        /* the child flag */
    STYLE_DEMO,         /* the demo-store banner */
} ui_style;

/* Enter the alternate screen in raw mode; colours unless NO_COLOR is set
 * or the terminal has none. */
void ui_start(void);
/* Clear the screen and leave it, so nothing stays in the scrollback. */
void ui_stop(void);
bool ui_started(void);

int ui_rows(void);
int ui_cols(void);
void ui_clear(void);
void ui_refresh(void);
/* Draw utf8 at (y, x) padded or cut to exactly cols columns. */
void ui_text(int y, int x, int cols, const char *utf8, ui_style style);
/* Same, no padding: returns the columns drawn. */
int ui_text_short(int y, int x, int cols, const char *utf8, ui_style style);
/* The larger of cols and the display columns of utf8 (text_columns: Thai
 * combining marks take none): how a table column grows to fit its words. */
int ui_widest(int cols, const char *utf8);
void ui_cursor(int y, int x, bool visible);

/* A key as read from the terminal. */
typedef struct ui_key {
    bool function;      /* code is a curses KEY_ value */
    int code;           /* KEY_... or the character */
    bool timeout;       /* no key within the wait */
} ui_key;

/* Wait up to timeout_ms (-1: forever) for a key. */
ui_key ui_read_key(int timeout_ms);

#endif
