/* referral_screens.h - referrals and the agency directory on screen
 * (issue 5): making a referral from a case, one referral with its history
 * and next steps and its handover sheet (tui/referral_screens.c), the
 * dashboard of every open referral (tui/referral_dashboard.c), and the agency
 * directory (tui/agency_screens.c).  The rules are core's
 * (core/referral.h, core/agency.h); the store is db/referrals.h. */
#ifndef TC_REFERRAL_SCREENS_H
#define TC_REFERRAL_SCREENS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/agency.h"
#include "db/referrals.h"
#include "tui/tui.h"

/* Refer the case's person to an agency: choose it from the directory
 * (with a search), then the needs it answers, urgency, channel, what is
 * shared, and whether it is sent now or kept as a draft.  When the case's
 * consent does not cover a referral to that agency the form says so and
 * asks for the reason for going without; the store refuses without one.
 * True when a referral was saved. */
bool screen_referral_new(tui *t, const char *case_id);
/* One referral: agency, state, deadline, what was shared, its needs and
 * every change (time, officer, reason); s moves it to one of the states
 * core allows next, p writes the handover sheet to a file. */
void screen_referral_view(tui *t, const char *referral_id);
/* Every open referral of every case, overdue first, a page at a time;
 * filters by agency, officer and state; Enter opens the case on its
 * Referrals tab. */
void screen_referral_dashboard(tui *t);

/* The agency directory: search in Thai or English, open one, add and
 * edit (the store lets only administrators). */
void screen_agency_directory(tui *t);
/* Choose an active agency from the directory.  True with its code in
 * code_out; false when the officer went back. */
bool screen_agency_pick(tui *t, const char *title, char code_out[TC_CODE_MAX + 1]);

/* An agency as lists name it: its abbreviation in the interface's
 * language, else its name. */
const char *agency_short_name(const tc_agency *a);
/* Its name in the interface's language. */
const char *agency_long_name(const tc_agency *a);

/* For the case list's info line: "! Referrals overdue: 2 (R)" when any
 * referral of any case is overdue now, else "" (one range of an index). */
void referral_overdue_note(tui *t, char *out, size_t outsz);

#endif
