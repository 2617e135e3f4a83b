/* msg.h - marking user-visible text in layers that do not link gettext.
 *
 * core/ is pure C with no I/O and no gettext.  It still owns the wording of
 * its validation messages, so it marks them with N_() for xgettext; the
 * caller (tui, cli) translates them with _() when it shows them.  One
 * catalogue, one place for each message. */
#ifndef TC_MSG_H
#define TC_MSG_H
#ifndef N_
#define N_(s) (s)
#endif
#endif
