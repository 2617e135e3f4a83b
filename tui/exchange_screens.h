/* exchange_screens.h - what the hand-over screens share: the hand-over
 * screen with the store's identity and its peers (tui/exchange_screens.c),
 * the conflicts an import leaves (tui/exchange_conflicts_screen.c) and a
 * case handed over from the case view (tui/exchange_send_screen.c).  The
 * screens themselves are declared in tui/tui.h; the store side is
 * db/exchange.h, the words and layouts tui/exchange_fmt.h. */
#ifndef TC_EXCHANGE_SCREENS_H
#define TC_EXCHANGE_SCREENS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "db/exchange.h"
#include "tui/caseview.h"
#include "tui/timeinput.h"
#include "tui/tui.h"

/* gettext as a function, for exch_refusal_text(). */
const char *xs_translate(const char *msgid);

/* Says why a call of db/exchange.h was refused, on the message line: the
 * refusal in the officer's language when r names one, else the store's
 * words for st. */
void xs_say_refusal(tui *t, store_status st, const exch_refusal *r);
/* The same on a page of its own, titled title: label (msgid) before the
 * refusal, nothing_done (msgid) under it, until a key is pressed. */
void xs_show_refusal(tui *t, const char *title, const char *label, const char *nothing_done,
                     store_status st, const exch_refusal *r);

/* The whole file at path, at most max bytes, into *data (malloc'd: free
 * it).  False with the reason said on the message line. */
bool xs_read_file(tui *t, const char *path, size_t max, uint8_t **data, size_t *len);

/* A fingerprint drawn for reading aloud: its groups numbered, digits
 * spaced, in bold, as many groups to a row as cols allows, from row y at
 * column x.  Returns the rows used. */
int xs_draw_fingerprint(int y, int x, int cols, const char *fp);

/* Lines under a title and a heading, scrolled with the moving keys until
 * any other key is pressed. */
void xs_show_lines(tui *t, const char *title, const char *head, view_lines *L);

/* A date and time in the interface's era, "21 พ.ย. 2569 14:05"
 * (MOMENT_TEXT_MAX bytes are enough). */
void xs_moment(tui *t, int64_t at, char *out, size_t outsz);

#endif
