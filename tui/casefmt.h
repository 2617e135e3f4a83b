/* casefmt.h - the words and choices of the case view that need no
 * terminal and no store: which tab a key leads to, how long a clock has
 * left, how a timeline event reads.  Pure (gettext aside), so each rule is
 * unit-tested; tui/caseview.c draws what these return. */
#ifndef TC_CASEFMT_H
#define TC_CASEFMT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/codelist.h"
#include "tui/keys.h"

/* The tabs, in the order of their number keys 1..9. */
typedef enum case_tab {
    TAB_PERSON = 0,
    TAB_INTAKE,
    TAB_CONSENT,
    TAB_SCREENINGS,
    TAB_NEEDS,
    TAB_NOTES,
    TAB_TIMELINE,
    TAB_REFERRALS,
    TAB_RETURN,                     /* repatriation and reintegration (issue 6) */
    TAB_COUNT
} case_tab;

/* The tab's name (msgid). */
const char *case_tab_label(case_tab t);
/* The key table of the tab (KEYS_CASE_VIEW for the Person tab). */
const key_binding *case_tab_keys(case_tab t);
/* The tab an action leads to: ACT_TAB_NEXT / ACT_TAB_PREV step around
 * (the last tab's next is the first), ACT_TAB_1..ACT_TAB_9 go to that
 * tab; any other action stays on `now`. */
case_tab case_tab_after(case_tab now, key_action a);

/* Which tabs the tab bar names in full, given each tab's label width in
 * columns (its number and name: "7 Timeline"), the current tab and the
 * columns there are.  A tab drawn in full takes its width and a gap of
 * one; one shown by its number only takes 1 column and a gap of two.
 * Every tab is in full when they all fit; else the current one stays in
 * full and the others give way from the last tab backwards (the first
 * tabs are the most used), as few as needed.  Writes full[0..n). */
void case_tabs_fit(const int *widths, int n, int current, int cols, bool *full);

/* What a timeline event says and who recorded it, in the interface's
 * language: "Need added: Accommodation · Somchai Jaidee" (the officer's
 * name left out when unknown). */
struct timeline_event;
void format_timeline_what(const struct timeline_event *e, char *out, size_t outsz);

/* A row of a list that is data (sectors, document kinds, handover points)
 * in the interface's language: the Thai label in Thai, else the English
 * one through _() (a msgid for a built-in row); the code itself when the
 * list has no such row. */
const char *code_list_text(tc_code_list list, const char *code);

/* Append item to the list in out, after sep unless out is still empty
 * ("Returned · 20 Nov 2026 · Mae Sot").  What does not fit is left out,
 * never half a character.  outsz > 0. */
void text_join(char *out, size_t outsz, const char *sep, const char *item);

#endif
