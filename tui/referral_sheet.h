/* referral_sheet.h - a referral's handover sheet (core/handover.h) filled
 * from the store, and the private file it is written to: what
 * `tipcase referral sheet` prints and what the referral screen writes
 * (tui/referral_screens.c).  One way to read it, so the command line and
 * the screens can never put different things about a person on paper. */
#ifndef TC_REFERRAL_SHEET_H
#define TC_REFERRAL_SHEET_H
#include <stdbool.h>
#include <stddef.h>
#include "core/clock.h"
#include "core/handover.h"
#include "db/referrals.h"
#include "tui/private_file.h"   /* private_file_write(), the sheet's file */

/* The referring team's contacts printed on the sheet: stored settings
 * "team.name", "team.phone", "team.email", "team.line_id", "team.address",
 * in that order. */
#define REFERRAL_TEAM_KEYS 5
extern const char *const referral_team_keys[REFERRAL_TEAM_KEYS];

typedef struct referral_sheet_parts {
    tc_referral r;                  /* set by the caller */
    tc_agency agency;
    tc_case person;
    tc_need *needs;                 /* malloc'd: referral_sheet_free() */
    size_t n_needs;
    bool permits;                   /* the consent gate permits the referral now */
    char officer[OFFICER_NAME_MAX + 1];
    char team[REFERRAL_TEAM_KEYS][HANDOVER_FIELD_MAX + 1];
} referral_sheet_parts;

/* Reads everything the sheet of p->r shows: its agency, the person, the
 * needs it answers, the referring officer's name and the team's contacts.
 * The consent gate is asked again at the clock's now: consent withdrawn
 * since sending takes the person's details off the sheet (p->permits). */
store_status referral_sheet_read(store *s, const tc_clock *clock, referral_sheet_parts *p);
/* Frees the needs and wipes what the sheet held about the person; p itself
 * stays the caller's. */
void referral_sheet_free(referral_sheet_parts *p);

/* The sheet in Thai or English (the interface's language comes back
 * after), width columns (handover.h), malloc'd; NULL when out of memory. */
char *referral_sheet_text(const tc_clock *clock, const referral_sheet_parts *p, bool thai,
                          int width);


/* Where the sheet of referral_id (case case_reference) goes in the
 * directory dir: "<dir>/handover-<reference>-R-<first 8 of the id>.txt".
 * Blanks around dir are ignored; "~" or "~/..." at its start is home's.
 * Characters other than ASCII letters, digits, '-' and '_' in the file
 * name become '_'.  False (out "") when dir is blank, "~" is used with no
 * home, or the path does not fit in outsz bytes. */
bool referral_sheet_path(const char *dir, const char *home, const char *case_reference,
                         const char *referral_id, char *out, size_t outsz);

#endif
