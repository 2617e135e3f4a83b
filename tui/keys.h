/* keys.h - what each key does on each screen.
 *
 * One table per screen is the single source for three things: what a key
 * does, the key line at the bottom of the screen, and the help page on
 * ? / F1.  They cannot disagree. */
#ifndef TC_KEYS_H
#define TC_KEYS_H
#include <stdbool.h>
#include "tui/ui.h"

typedef enum key_action {
    ACT_NONE = 0,
    ACT_QUIT, ACT_HELP, ACT_BACK, ACT_OPEN, ACT_NEW, ACT_EDIT, ACT_SEARCH,
    ACT_LOCK, ACT_LANGUAGE, ACT_REDRAW, ACT_SAVE, ACT_SORT,
    ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
    ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_CHOICE_NEXT, ACT_CHOICE_PREV,
    /* The case view (tui/caseview.c): tabs, and what a tab's record allows.
     * ACT_TAB_1..ACT_TAB_9 stay consecutive: tab = action - ACT_TAB_1. */
    ACT_TAB_NEXT, ACT_TAB_PREV,
    ACT_TAB_1, ACT_TAB_2, ACT_TAB_3, ACT_TAB_4, ACT_TAB_5, ACT_TAB_6, ACT_TAB_7, ACT_TAB_8,
    ACT_TAB_9,
    ACT_IDENTIFY, ACT_CLOCKS, ACT_STATE, ACT_WITHDRAW, ACT_WITHDRAW_ENTRY,
    ACT_CLOSE_CASE, ACT_QUICK,
    /* Clocks (tui/clock_screens.c). */
    ACT_DUE_SOON, ACT_CLOCK_START, ACT_CLOCK_EXTEND, ACT_CLOCK_STOP,
    /* The screening wizard and its summary (tui/screening_screens.c). */
    ACT_ANSWER_YES, ACT_ANSWER_NO, ACT_ANSWER_UNKNOWN, ACT_ANSWER_DECLINED,
    ACT_EVIDENCE, ACT_NOTE, ACT_NEXT_QUESTION, ACT_PREV_QUESTION,
    ACT_NEXT_SECTION, ACT_PREV_SECTION, ACT_SECTIONS, ACT_SUMMARY, ACT_DECIDE,
    /* Referrals and the agency directory (tui/referral_screens.c,
     * tui/agency_screens.c). */
    ACT_REFERRALS, ACT_AGENCIES, ACT_SHEET, ACT_FILTER_AGENCY, ACT_FILTER_OFFICER,
    ACT_FILTER_STATE, ACT_FILTER_OVERDUE, ACT_FILTER_CLEAR, ACT_SHOW_RETIRED,
    /* Return and reintegration (tui/return_screens.c, tui/reint_screens.c). */
    ACT_REPATRIATION, ACT_REINTEGRATION, ACT_FOLLOWUP, ACT_FOLLOWUPS, ACT_HANDOVER,
    ACT_SUSPEND, ACT_CANCEL, ACT_CLOSE_PLAN,
    /* Reports (tui/report_screen.c): the period, its kind, the breakdown,
     * the measure the bars show, framework tags, the view for outside the
     * team, writing the report to a file. */
    ACT_REPORT, ACT_PERIOD_PREV, ACT_PERIOD_NEXT, ACT_PERIOD_KIND, ACT_BREAKDOWN,
    ACT_BREAKDOWN_PICK, ACT_MEASURE, ACT_MEASURE_PREV, ACT_TAGS, ACT_OUTSIDE, ACT_WRITE,
    /* Hand-over between stores (tui/exchange_screens.c and beside it): the
     * hand-over screen, a case handed over from the case view, the
     * identity card, the store's name, peers, receiving a file, the
     * conflicts and their resolution. */
    ACT_EXCHANGE, ACT_CASE_HANDOVER, ACT_CARD_WRITE, ACT_STORE_NAME, ACT_PEER_ADD,
    ACT_PEER_RETIRE, ACT_RECEIVE, ACT_CONFLICTS, ACT_KEEP_LOCAL, ACT_TAKE_INCOMING,
    /* The case view's Notes tab: add a witness, informant or suspect
     * (tui/party_screens.h). */
    ACT_PARTY,
} key_action;

typedef struct key_binding {
    bool function;          /* code is a curses KEY_ value */
    int code;
    const char *label;      /* how the key is written: "Enter", "/", "F2" */
    const char *help;       /* msgid: what it does */
    key_action action;
    const char *hint;       /* msgid of the short word in the bottom line,
                               or NULL when the key is only in the help */
} key_binding;

#define KEYS_END { false, 0, NULL, NULL, ACT_NONE, NULL }

/* The action bound to k in table, or ACT_NONE. */
key_action keys_action(const key_binding *table, ui_key k);
/* Like keys_action(), and when no key of the table matches, the key in the
 * same place on a US keyboard: a Thai Kedmanee character ("ื" is n, "ๅ"
 * is 1) or a Thai digit ("๑" is 1).  For screens where letters are
 * commands, never where they are typed text. */
key_action keys_action_any_layout(const key_binding *table, ui_key k);
/* The ASCII key a Thai Kedmanee character (unshifted) or a Thai digit
 * stands on; 0 for any other character. */
int keys_ascii_twin(wchar_t c);
/* Draw the bottom key line from the table on the last screen row. */
void keys_draw_line(const key_binding *table);
/* Show every key of the table with its help, until a key is pressed. */
void keys_show_help(const char *screen_title, const key_binding *table);

/* The tables. */
extern const key_binding KEYS_CASE_LIST[];
extern const key_binding KEYS_CASE_VIEW[];
extern const key_binding KEYS_FORM[];
extern const key_binding KEYS_SEARCH[];
/* The case view's tabs (KEYS_CASE_VIEW is the Person tab). */
extern const key_binding KEYS_CASE_INTAKE[];
extern const key_binding KEYS_CASE_CONSENT[];
extern const key_binding KEYS_CASE_SCREENINGS[];
extern const key_binding KEYS_CASE_NEEDS[];
extern const key_binding KEYS_CASE_NOTES[];
extern const key_binding KEYS_CASE_TIMELINE[];
extern const key_binding KEYS_TEXTAREA[];   /* a case note being written */
extern const key_binding KEYS_CONFIRM[];    /* yes (ACT_OPEN) or no (ACT_BACK) */
/* Clocks: the due-soon list and one case's clocks. */
extern const key_binding KEYS_DUE_SOON[];
extern const key_binding KEYS_CASE_CLOCKS[];
/* The screening screens (tui/screening_screens.c): choosing from a list
 * (an instrument, a section), the wizard, its note line, the summary of an
 * open screening and the record of a decided one. */
extern const key_binding KEYS_PICK[];
extern const key_binding KEYS_WIZARD[];
extern const key_binding KEYS_WIZARD_NOTE[];
extern const key_binding KEYS_SCREENING_SUMMARY[];
extern const key_binding KEYS_SCREENING_RECORD[];
/* Referrals: the case view's Referrals tab, one referral, the dashboard
 * of every open referral; the agency directory, choosing an agency from
 * it, and one agency. */
extern const key_binding KEYS_CASE_REFERRALS[];
extern const key_binding KEYS_REFERRAL_VIEW[];
extern const key_binding KEYS_REFERRAL_DASH[];
extern const key_binding KEYS_AGENCY_LIST[];
extern const key_binding KEYS_AGENCY_PICK[];
extern const key_binding KEYS_AGENCY_VIEW[];
/* Return and reintegration: the case view's Return tab, the repatriation
 * plan with its step checklist, the reintegration plan, and the list of
 * follow-ups due. */
extern const key_binding KEYS_CASE_RETURN[];
extern const key_binding KEYS_REPATRIATION[];
extern const key_binding KEYS_REINTEGRATION[];
extern const key_binding KEYS_FOLLOWUPS[];
/* The report screen: its sections, period, breakdown and bars. */
extern const key_binding KEYS_REPORT[];
/* Hand-over: the hand-over screen, the preview of a file received, the
 * open conflicts and one conflict. */
extern const key_binding KEYS_EXCHANGE[];
extern const key_binding KEYS_RECEIVE[];
extern const key_binding KEYS_CONFLICTS[];
extern const key_binding KEYS_CONFLICT[];

#endif
