/* timeline.h - one case's history as a list of events, newest first:
 * the case opened, intake saved, screenings, identification decisions,
 * needs and their changes, consents and withdrawals, notes, corrections,
 * closing and reopening, referrals and their changes, the return and the
 * reintegration plan with its follow-ups.
 *
 * The store gathers the events from every table (db/record.h,
 * store_timeline); this module orders them and writes the one-line
 * summary.  Pure: it never translates; the caller passes its translation
 * function (the tui passes gettext) so the summary comes out in the
 * officer's language. */
#ifndef TC_TIMELINE_H
#define TC_TIMELINE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "officer.h"

#define TIMELINE_TEXT_MAX 160       /* bytes: subject and detail */

typedef enum timeline_kind {
    TL_CASE_OPENED = 0,
    TL_CASE_OPENED_QUICK,           /* opened in quick mode at a checkpoint */
    TL_QUICK_COMPLETED,             /* the quick record was completed */
    TL_INTAKE_RECORDED,             /* first intake saved */
    TL_INTAKE_UPDATED,              /* a later save (the old one is kept) */
    TL_INSPECTION_LINKED,           /* linked to the inspection that found it */
    TL_SCREENING_STARTED,
    TL_SCREENING_DECIDED,
    TL_IDENTIFICATION,              /* the team's identification decision */
    TL_NEED_ADDED,
    TL_NEED_STATE_CHANGED,
    TL_CONSENT_GIVEN,
    TL_CONSENT_REFUSED,
    TL_CONSENT_WITHDRAWN,           /* the person withdrew their consent */
    TL_CONSENT_OVERRIDE,            /* acted without consent, with a reason */
    TL_NOTE_ADDED,
    TL_RECORD_CORRECTED,            /* a new version of a wrong record */
    TL_RECORD_WITHDRAWN,            /* a wrong record stopped counting */
    TL_CASE_CLOSED,
    TL_CASE_REOPENED,
    TL_REFERRAL_MADE,               /* a referral to an agency recorded */
    TL_REFERRAL_CHANGED,            /* a referral moved to another state */
    TL_REPATRIATION_PLANNED,        /* a repatriation plan made */
    TL_REPATRIATION_CHANGED,        /* marked returned, suspended, cancelled... */
    TL_REINTEGRATION_PLANNED,       /* a reintegration plan made */
    TL_FOLLOWUP_RECORDED,           /* a follow-up of the reintegration plan */
    TL_REINTEGRATION_CLOSED,        /* the reintegration plan closed with an outcome */
    TL_KIND_COUNT
} timeline_kind;

/* Stored nowhere (events are derived), but stable for tests and exports:
 * "case_opened", "case_opened_quick", "quick_completed",
 * "intake_recorded", "intake_updated", "inspection_linked",
 * "screening_started", "screening_decided", "identification",
 * "need_added", "need_state_changed", "consent_given", "consent_refused",
 * "consent_withdrawn", "consent_override", "note_added",
 * "record_corrected", "record_withdrawn", "case_closed", "case_reopened",
 * "referral_made", "referral_changed", "repatriation_planned",
 * "repatriation_changed", "reintegration_planned", "followup_recorded",
 * "reintegration_closed". */
const char *timeline_kind_code(timeline_kind k);
const char *timeline_kind_label(timeline_kind k);   /* msgid: "Need added" */

typedef struct timeline_event {
    timeline_kind kind;
    int64_t at;                     /* when it was recorded (UTC seconds) */
    /* The order it was recorded in (the audit sequence): two events in the
     * same second still come out in the order they happened. */
    int64_t seq;
    char record_id[TC_ID_LEN];      /* the record the event belongs to */
    char officer_id[TC_ID_LEN];
    char officer_name[OFFICER_NAME_MAX + 1];    /* who */
    /* What the summary names after the label, each either a msgid (to be
     * translated: a need kind, a state) or text typed by an officer (an
     * excerpt of a note or a reason: never translated).  "" when none. */
    char subject[TIMELINE_TEXT_MAX + 1];
    bool subject_msgid;
    char detail[TIMELINE_TEXT_MAX + 1];
    bool detail_msgid;
} timeline_event;

/* A blank event of kind k. */
void timeline_event_init(timeline_event *e, timeline_kind k);
/* Set the subject or the detail: a msgid, or officer text cut to one line
 * (timeline_excerpt).  NULL or "" clears it. */
void timeline_set_subject(timeline_event *e, const char *text, bool msgid);
void timeline_set_detail(timeline_event *e, const char *text, bool msgid);

/* Newest first: by `at`, then by `seq` (the later recorded first); equal
 * events keep their order.  Stable. */
void timeline_sort(timeline_event *events, size_t n);

/* The translation the summary uses for msgids; NULL: msgids as they are. */
typedef const char *(*timeline_translate)(const char *msgid);

/* One line: "<label>: <subject> - <detail>", parts left out when empty,
 * msgids translated with tr, every newline or tab a space, cut to fit
 * outsz at a character boundary that never separates a Thai base letter
 * from its vowel and tone marks.  outsz > 0. */
void timeline_summary(const timeline_event *e, timeline_translate tr, char *out, size_t outsz);

/* The first part of officer text for a summary: newlines, tabs and runs
 * of blanks become one space, and the text is cut (as above) to outsz,
 * ending in "..." when cut.  outsz > 0. */
void timeline_excerpt(const char *text, char *out, size_t outsz);

#endif
