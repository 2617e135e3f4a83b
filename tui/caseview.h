/* caseview.h - what the parts of the case view share (tui/caseview.c,
 * tui/caseview_screenings.c, tui/caseview_referrals.c and
 * tui/caseview_return.c): the lines a tab shows, the Screenings tab, which
 * is all that reads db/screenings.h, the Referrals tab, all that reads
 * db/referrals.h, and the Return tab, all that reads db/returns.h (the
 * rest reads db/record.h). */
#ifndef TC_CASEVIEW_H
#define TC_CASEVIEW_H
#include <stdbool.h>
#include <stddef.h>
#include "tui/casefmt.h"
#include "tui/tui.h"

enum { CASEVIEW_LABEL_COLS = 24 };

typedef struct view_line {
    char label[128];
    char value[1024];
    ui_style style;
    int item;               /* the entry of a list tab the line shows, or -1 */
} view_line;

typedef struct view_lines {
    view_line *v;
    int n, cap;
} view_lines;

/* One line; nothing past the view's limit of lines. */
void view_add(view_lines *L, const char *label, const char *value, ui_style style, int item);
/* Text over as many lines as it needs, broken at Thai word boundaries
 * (thai_wrap); the label stands on the first. */
void view_add_wrapped(view_lines *L, const char *label, const char *text, ui_style style,
                      int item);
/* Columns for a value at the current width. */
int view_value_cols(void);

/* The Screenings tab: the case's screenings (the entries to choose),
 * its identification decisions and its legal clocks. */
typedef struct screenings_tab screenings_tab;
/* NULL when out of memory; a store error reads as nothing recorded. */
screenings_tab *screenings_tab_read(tui *t, const char *case_id);
void screenings_tab_free(screenings_tab *s);        /* NULL is fine */
size_t screenings_tab_count(const screenings_tab *s);
const char *screenings_tab_id(const screenings_tab *s, size_t i);
void screenings_tab_lines(const screenings_tab *s, tui *t, view_lines *L);

/* The Referrals tab (tui/caseview_referrals.c): the case's referrals,
 * newest first, each with its agency, state, urgency and deadline, and an
 * overdue mark; the entries to choose are the referrals. */
typedef struct referrals_tab referrals_tab;
/* NULL when out of memory; a store error reads as nothing recorded. */
referrals_tab *referrals_tab_read(tui *t, const char *case_id);
void referrals_tab_free(referrals_tab *r);          /* NULL is fine */
size_t referrals_tab_count(const referrals_tab *r);
const char *referrals_tab_id(const referrals_tab *r, size_t i);
void referrals_tab_lines(const referrals_tab *r, tui *t, view_lines *L);

/* The Return tab (tui/caseview_return.c): the repatriation plan in short
 * (state, destination, handover point and dates, the step checklist) and
 * the reintegration plan (domains, next follow-up with the days left or
 * overdue, the last risk seen, the follow-ups).  Nothing to choose: the
 * tab's keys open the plans (tui.h, screen_repatriation and the others). */
typedef struct return_tab return_tab;
/* NULL when out of memory; a store error reads as nothing recorded. */
return_tab *return_tab_read(tui *t, const char *case_id);
void return_tab_free(return_tab *r);                /* NULL is fine */
void return_tab_lines(const return_tab *r, tui *t, view_lines *L);

/* The case view opened on a given tab (screen_case_view opens it on the
 * Person tab): the referral dashboard opens a case on its referrals. */
void screen_case_view_at(tui *t, const char *case_id, case_tab tab);

/* The nearest running legal clock of a case for the header:
 * "Identification deadline: 5 h 20 min left"; "" when none runs.
 * *urgent: it has passed or runs out soon. */
void case_clock_summary(tui *t, const char *case_id, char *out, size_t outsz, bool *urgent);

#endif
