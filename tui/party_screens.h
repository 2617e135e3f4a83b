/* party_screens.h - the witnesses, informants and suspects of a case on
 * the case view's Notes tab (tui/caseview.c): their lines, and the forms
 * that add, change and withdraw one (db/parties.h).
 *
 * Only the case's officers and supervisors see them: for anyone else the
 * tab shows one line saying so, never a name nor how many there are. */
#ifndef TC_PARTY_SCREENS_H
#define TC_PARTY_SCREENS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/party.h"
#include "tui/caseview.h"
#include "tui/tui.h"

/* The parties of a case as the Notes tab holds them. */
typedef struct parties_tab {
    tc_party *parties;              /* malloc'd; NULL when none or denied */
    size_t n;
    bool denied;                    /* the officer may not see them */
} parties_tab;

/* Read them (store_party_list); a store error other than a refusal reads
 * as none recorded.  Frees what p held before. */
void parties_tab_read(tui *t, const char *case_id, parties_tab *p);
/* Wipes and frees them (a zeroed tab is fine). */
void parties_tab_free(parties_tab *p);
/* The tab's lines: a heading, then one entry per party numbered from
 * first_item (kind, name and part in the case; contact; details; marked
 * when withdrawn), or the line that says none is recorded, or the line
 * that says they are kept for the case's officers and supervisors. */
void parties_tab_lines(const parties_tab *p, int first_item, view_lines *L);

/* A new party of the case (old NULL) or a change of one: kind, name, part
 * in the case, contact, details.  True when saved (and said). */
bool screen_party_edit(tui *t, const char *case_id, const tc_party *old);
/* Withdraw a party recorded by mistake, with a reason.  True when saved. */
bool screen_party_withdraw(tui *t, const tc_party *p);
/* The w key: the form for a new party, or, for an officer who may not see
 * them, why not (said on the message line). */
void screen_party_new(tui *t, const char *case_id, const parties_tab *p);

#endif
