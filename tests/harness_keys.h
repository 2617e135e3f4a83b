/* harness_keys.h - keys as the screens' tests press them (header only: the
 * programs that include it already link the screens). */
#ifndef TC_HARNESS_KEYS_H
#define TC_HARNESS_KEYS_H
#include "tui/ui.h"

/* A character key (code: the character, Enter '\n', Escape 27). */
static inline ui_key harness_key(int code)
{
    ui_key k = { false, code, false };
    return k;
}

/* A function key: a curses KEY_ value (KEY_F(10), KEY_DOWN, ...). */
static inline ui_key harness_fkey(int code)
{
    ui_key k = { true, code, false };
    return k;
}

#endif
