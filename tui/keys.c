#include "config.h"
#include "tui/keys.h"
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"

#define CTRL(c) ((c) & 0x1f)

/* Rows several tables share.  A table lists them where it listed the rows
 * themselves, so the order (what keys_action() finds first, the order of
 * the key line and the help) stays each table's own. */

/* Language, locking and redrawing: every screen's, after its help keys. */
#define SCREEN_KEYS                                                                 \
    { true, KEY_F(2), "F2", N_("Switch language (Thai / English)"), ACT_LANGUAGE, N_("Language") }, \
    { true, KEY_F(12), "F12", N_("Lock the screen now"), ACT_LOCK, NULL },        \
    { false, CTRL('l'), "Ctrl-L", N_("Redraw the screen"), ACT_REDRAW, NULL },    \
    { true, KEY_RESIZE, NULL, NULL, ACT_REDRAW, NULL }

/* Keys every screen shares. */
#define COMMON_KEYS                                                                 \
    { false, '?', "?", N_("Help: every key of this screen"), ACT_HELP, N_("Help") },     \
    { true, KEY_F(1), "F1", N_("Help: every key of this screen"), ACT_HELP, NULL }, \
    SCREEN_KEYS

/* The same where letters are typed text (a form, a note): F1 alone is the
 * help, and it is the one on the key line. */
#define TYPING_COMMON_KEYS                                                          \
    { true, KEY_F(1), "F1", N_("Help: every key of this screen"), ACT_HELP, N_("Help") }, \
    SCREEN_KEYS

#define MOVE_KEYS                                                                   \
    { true, KEY_UP, "↑", N_("Previous line"), ACT_UP, NULL },                      \
    { false, 'k', "k", N_("Previous line"), ACT_UP, NULL },                        \
    { true, KEY_DOWN, "↓", N_("Next line"), ACT_DOWN, NULL },                      \
    { false, 'j', "j", N_("Next line"), ACT_DOWN, NULL },                          \
    { true, KEY_PPAGE, "PgUp", N_("Previous page"), ACT_PAGE_UP, NULL },           \
    { true, KEY_NPAGE, "PgDn", N_("Next page"), ACT_PAGE_DOWN, NULL },             \
    { true, KEY_HOME, "Home", N_("First line"), ACT_TOP, NULL },                   \
    { true, KEY_END, "End", N_("Last line"), ACT_BOTTOM, NULL }

/* The end of a table of lines: moving, the common keys, the terminator. */
#define LINES_END MOVE_KEYS, COMMON_KEYS, KEYS_END

/* F10 and Ctrl-S save (a form, a note). */
#define SAVE_KEYS                                                                   \
    { true, KEY_F(10), "F10", N_("Save"), ACT_SAVE, N_("Save") },                  \
    { false, CTRL('s'), "Ctrl-S", N_("Save"), ACT_SAVE, NULL }

/* Enter, on the main keyboard or the keypad: help says what it does. */
#define ENTER_KEYS(help, action, hint)                                              \
    { false, '\r', "Enter", help, action, hint },                                   \
    { true, KEY_ENTER, NULL, NULL, action, NULL }

/* Enter, both of them, doing what a letter before it shows. */
#define ENTER_TOO(action)                                                           \
    { false, '\r', NULL, NULL, action, NULL },                                      \
    { true, KEY_ENTER, NULL, NULL, action, NULL }

/* Esc goes back (help: where to), q too. */
#define BACK_KEYS(help)                                                             \
    { false, 27, "Esc", help, ACT_BACK, N_("Back") },                              \
    { false, 'q', NULL, NULL, ACT_BACK, NULL }

#define LOCK_KEY { false, 'L', "L", N_("Lock"), ACT_LOCK, NULL }

/* In the help of a screen read with keys_action_any_layout(). */
#define THAI_LAYOUT_KEY                                                             \
    { true, -1, "ก-ฮ", N_("Letter and number keys work on the Thai keyboard layout too"), \
      ACT_HELP, NULL }

/* The end of a screen of lines left with Esc or q (back_help: where to)
 * and locked with L. */
#define BACK_LOCK_END(back_help) BACK_KEYS(back_help), LOCK_KEY, LINES_END
/* The same for a screen read with keys_action_any_layout(). */
#define BACK_LOCK_ANY_LAYOUT_END(back_help)                                         \
    BACK_KEYS(back_help), LOCK_KEY, THAI_LAYOUT_KEY, LINES_END

/* The digits after the first that go to a tab or section by its number. */
#define TAB_KEYS_2_TO_5                                                             \
    { false, '2', NULL, NULL, ACT_TAB_2, NULL },                                    \
    { false, '3', NULL, NULL, ACT_TAB_3, NULL },                                    \
    { false, '4', NULL, NULL, ACT_TAB_4, NULL },                                    \
    { false, '5', NULL, NULL, ACT_TAB_5, NULL }

const key_binding KEYS_CASE_LIST[] = {
    { false, 'n', "n", N_("New case"), ACT_NEW, N_("New") },
    { false, 'Q', "Q", N_("Quick case at a checkpoint: a few facts, then the quick screen"), ACT_QUICK, N_("Quick") },
    ENTER_KEYS(N_("Open"), ACT_OPEN, N_("Open")),
    { false, '/', "/", N_("Search"), ACT_SEARCH, N_("Search") },
    { false, 's', "s", N_("Sort by name in Thai dictionary order, or newest first"), ACT_SORT, N_("Sort") },
    { false, 'D', "D", N_("Clocks that have run out or run out soon, most urgent first"), ACT_DUE_SOON, N_("Due") },
    /* R and A stay off the key line, which is full at 80 columns: the info
     * line names R when a referral is overdue, and the help lists both. */
    { false, 'R', "R", N_("Open referrals of every case, overdue first"), ACT_REFERRALS, NULL },
    /* F too: the info line names it when a follow-up is overdue. */
    { false, 'F', "F", N_("Follow-ups of reintegration plans due, high risk first"), ACT_FOLLOWUPS, NULL },
    { false, 'A', "A", N_("The agency directory"), ACT_AGENCIES, NULL },
    /* X too: the info line names it when a conflict is open. */
    { false, 'X', "X", N_("Hand-over: fingerprint, other teams' stores, files, conflicts"), ACT_EXCHANGE, NULL },
    { false, 'L', "L", N_("Lock"), ACT_LOCK, N_("Lock") },
    { false, 'q', "q", N_("Quit"), ACT_QUIT, N_("Quit") },
    /* Last on the key line: shown where the width leaves room for it. */
    { false, 'T', "T", N_("Reports: the figures of a period with bar charts, CSV or text"), ACT_REPORT, N_("Reports") },
    LINES_END,
};

const key_binding KEYS_FORM[] = {
    SAVE_KEYS,
    { false, '\t', "Tab", N_("Next field"), ACT_NEXT_FIELD, N_("Next field") },
    { true, KEY_DOWN, "↓", N_("Next field"), ACT_NEXT_FIELD, NULL },
    ENTER_KEYS(N_("Next field (on the last field: save)"), ACT_NEXT_FIELD, NULL),
    { true, KEY_BTAB, "Shift-Tab", N_("Previous field"), ACT_PREV_FIELD, NULL },
    { true, KEY_UP, "↑", N_("Previous field"), ACT_PREV_FIELD, NULL },
    { true, KEY_F(5), "F5", N_("Next choice in a list field"), ACT_CHOICE_NEXT, NULL },
    { false, 27, "Esc", N_("Cancel"), ACT_BACK, N_("Cancel") },
    TYPING_COMMON_KEYS,
    KEYS_END,
};

const key_binding KEYS_SEARCH[] = {
    ENTER_KEYS(N_("Keep this search"), ACT_OPEN, N_("Keep")),
    { false, 27, "Esc", N_("Clear the search"), ACT_BACK, N_("Clear") },
    { true, KEY_RESIZE, NULL, NULL, ACT_REDRAW, NULL },
    KEYS_END,
};

/* ---- the case view (tui/caseview.c) ------------------------------------ */

/* Every tab: moving between tabs, leaving, closing the case. */
#define CASE_TAB_KEYS                                                               \
    { false, '\t', "Tab", N_("Next tab"), ACT_TAB_NEXT, N_("Next tab") },          \
    { true, KEY_BTAB, "Shift-Tab", N_("Previous tab"), ACT_TAB_PREV, NULL },        \
    { true, KEY_RIGHT, "→", N_("Next tab"), ACT_TAB_NEXT, NULL },                   \
    { true, KEY_LEFT, "←", N_("Previous tab"), ACT_TAB_PREV, NULL },                \
    { false, '1', "1-9", N_("Go to a tab by its number"), ACT_TAB_1, NULL },       \
    TAB_KEYS_2_TO_5,                                                                \
    { false, '6', NULL, NULL, ACT_TAB_6, NULL },                                    \
    { false, '7', NULL, NULL, ACT_TAB_7, NULL },                                    \
    { false, '8', NULL, NULL, ACT_TAB_8, NULL },                                    \
    { false, '9', NULL, NULL, ACT_TAB_9, NULL },                                    \
    { false, 'X', "X", N_("Close the case, or reopen it, with a reason"), ACT_CLOSE_CASE, NULL }, \
    { false, 'H', "H", N_("Hand the case over to another team's store: a sealed file"), ACT_CASE_HANDOVER, NULL }, \
    BACK_KEYS(N_("Back to the list")),                                              \
    LOCK_KEY,                                                                       \
    THAI_LAYOUT_KEY

/* The end of every tab's table. */
#define CASE_TAB_END CASE_TAB_KEYS, LINES_END

/* Correcting and withdrawing entries of a list tab. */
#define CASE_ENTRY_KEYS                                                             \
    { false, 'e', "e", N_("Correct the chosen entry (with a reason)"), ACT_EDIT, N_("Correct") }, \
    { false, 'x', "x", N_("Withdraw the chosen entry as wrong (with a reason)"), ACT_WITHDRAW_ENTRY, NULL }

/* The Person tab. */
const key_binding KEYS_CASE_VIEW[] = {
    { false, 'e', "e", N_("Edit"), ACT_EDIT, N_("Edit") },
    CASE_TAB_END,
};

const key_binding KEYS_CASE_INTAKE[] = {
    { false, 'e', "e", N_("Edit the intake"), ACT_EDIT, N_("Edit") },
    CASE_TAB_END,
};

const key_binding KEYS_CASE_CONSENT[] = {
    { false, 'n', "n", N_("Record a consent or a refusal"), ACT_NEW, N_("New") },
    { false, 'w', "w", N_("The person withdraws the chosen consent"), ACT_WITHDRAW, N_("Withdraw") },
    CASE_ENTRY_KEYS,
    CASE_TAB_END,
};

const key_binding KEYS_CASE_SCREENINGS[] = {
    ENTER_KEYS(N_("Open the chosen screening"), ACT_OPEN, N_("Open")),
    { false, 'n', "n", N_("Start a new screening"), ACT_NEW, N_("New") },
    { false, 'i', "i", N_("Record an identification decision"), ACT_IDENTIFY, N_("Identify") },
    { false, 'c', "c", N_("The legal clocks of this case"), ACT_CLOCKS, N_("Clocks") },
    CASE_TAB_END,
};

const key_binding KEYS_CASE_NEEDS[] = {
    { false, 'n', "n", N_("Record an assistance need"), ACT_NEW, N_("New") },
    { false, 's', "s", N_("Change the state of the chosen need"), ACT_STATE, N_("State") },
    ENTER_TOO(ACT_STATE),
    CASE_ENTRY_KEYS,
    CASE_TAB_END,
};

const key_binding KEYS_CASE_NOTES[] = {
    { false, 'n', "n", N_("Write a note"), ACT_NEW, N_("New") },
    { false, 'w', "w", N_("Add a witness, informant or suspect"), ACT_PARTY, N_("Witness") },
    CASE_ENTRY_KEYS,
    CASE_TAB_END,
};

const key_binding KEYS_CASE_TIMELINE[] = {
    CASE_TAB_END,
};

const key_binding KEYS_CASE_REFERRALS[] = {
    ENTER_KEYS(N_("Open the chosen referral: its history and next steps"), ACT_OPEN, N_("Open")),
    { false, 'n', "n", N_("Refer the person to an agency"), ACT_NEW, N_("New") },
    CASE_TAB_END,
};

/* The Return tab: the two plans of the case and a follow-up. */
const key_binding KEYS_CASE_RETURN[] = {
    { false, 'r', "r", N_("The repatriation plan: make it, its steps, the handover"), ACT_REPATRIATION, N_("Return plan") },
    ENTER_TOO(ACT_REPATRIATION),
    { false, 'i', "i", N_("The reintegration plan: its domains, follow-ups and outcome"), ACT_REINTEGRATION, N_("Reintegration") },
    { false, 'f', "f", N_("Record a follow-up of the reintegration plan"), ACT_FOLLOWUP, N_("Follow-up") },
    CASE_TAB_END,
};

/* A text of several paragraphs (a case note): every other key edits. */
const key_binding KEYS_TEXTAREA[] = {
    SAVE_KEYS,
    { false, 27, "Esc", N_("Cancel"), ACT_BACK, N_("Cancel") },
    TYPING_COMMON_KEYS,
    KEYS_END,
};

/* A yes-or-no question. */
const key_binding KEYS_CONFIRM[] = {
    { false, 'y', "y", N_("Yes"), ACT_OPEN, N_("Yes") },
    ENTER_KEYS(N_("Yes"), ACT_OPEN, NULL),
    { false, 'n', "n", N_("No, later"), ACT_BACK, N_("No") },
    { false, 27, "Esc", N_("No, later"), ACT_BACK, NULL },
    COMMON_KEYS,
    KEYS_END,
};

/* ---- the screening screens (tui/screening_screens.c) -------------------- */

/* Choosing one row of a list: an instrument, a section. */
const key_binding KEYS_PICK[] = {
    ENTER_KEYS(N_("Choose"), ACT_OPEN, N_("Choose")),
    BACK_KEYS(N_("Back")),
    LINES_END,
};

/* One question at a time.  The screen reads keys with
 * keys_action_any_layout(): on the Thai Kedmanee layout the same physical
 * keys answer ("ั" is y, "ๅ" is 1, "/" is 2, "-" is 3, "ภ" is 4). */
const key_binding KEYS_WIZARD[] = {
    { false, 'y', "y 1", N_("Answer yes: the indicator is present"), ACT_ANSWER_YES, NULL },
    { false, '1', NULL, NULL, ACT_ANSWER_YES, NULL },
    { false, 'n', "n 2", N_("Answer no"), ACT_ANSWER_NO, NULL },
    { false, '2', NULL, NULL, ACT_ANSWER_NO, NULL },
    { false, 'u', "u 3", N_("Answer don't know (never counts as no)"), ACT_ANSWER_UNKNOWN, NULL },
    { false, '3', NULL, NULL, ACT_ANSWER_UNKNOWN, NULL },
    { false, 'd', "d 4", N_("The person declined to answer (never counts as no)"),
      ACT_ANSWER_DECLINED, NULL },
    { false, '4', NULL, NULL, ACT_ANSWER_DECLINED, NULL },
    THAI_LAYOUT_KEY,
    ENTER_KEYS(N_("Next question (also the right arrow)"), ACT_NEXT_QUESTION, N_("Next")),
    { true, KEY_RIGHT, NULL, NULL, ACT_NEXT_QUESTION, NULL },
    { true, KEY_LEFT, "←", N_("Previous question (also Backspace)"), ACT_PREV_QUESTION,
      N_("Back") },
    { true, KEY_BACKSPACE, NULL, NULL, ACT_PREV_QUESTION, NULL },
    { false, 127, NULL, NULL, ACT_PREV_QUESTION, NULL },
    { false, 8, NULL, NULL, ACT_PREV_QUESTION, NULL },
    { false, 'e', "e", N_("Evidence seen: the officer saw it (a document, an injury, a lock)"),
      ACT_EVIDENCE, N_("Evidence") },
    { false, '\t', "Tab", N_("Write a note on this answer"), ACT_NOTE, N_("Note") },
    { true, KEY_NPAGE, "PgDn", N_("Next section"), ACT_NEXT_SECTION, NULL },
    { true, KEY_PPAGE, "PgUp", N_("Previous section"), ACT_PREV_SECTION, NULL },
    { false, 's', "s", N_("Go to a section"), ACT_SECTIONS, NULL },
    { true, KEY_F(10), "F10", N_("The summary and the decision"), ACT_SUMMARY, N_("Summary") },
    { false, 'q', "q", N_("The summary and the decision"), ACT_SUMMARY, NULL },
    { false, 27, "Esc", N_("Leave the screening: every answer is already saved"), ACT_BACK,
      N_("Leave") },
    COMMON_KEYS,
    KEYS_END,
};

/* Typing the note of an answer: letters are text here, never commands. */
const key_binding KEYS_WIZARD_NOTE[] = {
    ENTER_KEYS(N_("Keep the note"), ACT_SAVE, N_("Keep the note")),
    { false, '\t', "Tab", N_("Keep the note"), ACT_SAVE, NULL },
    { false, 27, "Esc", N_("Leave the note as it was"), ACT_BACK, N_("Cancel") },
    { true, KEY_F(1), "F1", N_("Help: every key of this screen"), ACT_HELP, N_("Help") },
    { true, KEY_F(2), "F2", N_("Switch language (Thai / English)"), ACT_LANGUAGE, NULL },
    { true, KEY_F(12), "F12", N_("Lock the screen now"), ACT_LOCK, NULL },
    { true, KEY_RESIZE, NULL, NULL, ACT_REDRAW, NULL },
    KEYS_END,
};

/* The summary of a screening still open: back to the questions, or decide. */
const key_binding KEYS_SCREENING_SUMMARY[] = {
    { true, KEY_F(10), "F10 Enter", N_("Record the decision"), ACT_DECIDE, N_("Decide") },
    ENTER_TOO(ACT_DECIDE),
    { true, KEY_LEFT, "←", N_("Back to the questions"), ACT_BACK, N_("Questions") },
    { false, 27, NULL, NULL, ACT_BACK, NULL },
    { false, 'q', "q", N_("Leave the screening: every answer is already saved"), ACT_QUIT,
      N_("Leave") },
    LINES_END,
};

/* A decided screening: a record, read only. */
const key_binding KEYS_SCREENING_RECORD[] = {
    BACK_KEYS(N_("Back")),
    { true, KEY_LEFT, NULL, NULL, ACT_BACK, NULL },
    LINES_END,
};

/* ---- clocks (tui/clock_screens.c) -------------------------------------- */

const key_binding KEYS_DUE_SOON[] = {
    ENTER_KEYS(N_("Open the chosen case"), ACT_OPEN, N_("Open")),
    BACK_LOCK_END(N_("Back to the list")),
};

const key_binding KEYS_CASE_CLOCKS[] = {
    { false, 'm', "m", N_("Record or correct when the person was met (starts the clocks)"),
      ACT_CLOCK_START, N_("Met") },
    { false, 'x', "x", N_("Record a court order extending the identification period"),
      ACT_CLOCK_EXTEND, N_("Court") },
    { false, 's', "s", N_("Stop the chosen clock: what it waited for has happened"),
      ACT_CLOCK_STOP, N_("Stop") },
    BACK_LOCK_END(N_("Back")),
};

/* ---- referrals and agencies (tui/referral_screens.c, agency_screens.c) --- */

/* One referral.  Read with keys_action_any_layout(): the Thai keys on the
 * same places work too. */
const key_binding KEYS_REFERRAL_VIEW[] = {
    { false, 's', "s", N_("Move the referral to its next state"), ACT_STATE, N_("State") },
    ENTER_TOO(ACT_STATE),
    { false, 'p', "p", N_("Write the handover sheet to a file (personal data)"), ACT_SHEET, N_("Sheet") },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back")),
};

const key_binding KEYS_REFERRAL_DASH[] = {
    ENTER_KEYS(N_("Open the chosen referral's case"), ACT_OPEN, N_("Open")),
    { false, 'a', "a", N_("Show one agency's referrals, or all"), ACT_FILTER_AGENCY, N_("Agency") },
    { false, 'o', "o", N_("Show one officer's referrals, or all"), ACT_FILTER_OFFICER, N_("Officer") },
    { false, 's', "s", N_("Show the referrals in one state, or all"), ACT_FILTER_STATE, N_("State") },
    { false, 'v', "v", N_("Only the overdue referrals, or all open ones"), ACT_FILTER_OVERDUE, NULL },
    { false, 'c', "c", N_("Clear every filter"), ACT_FILTER_CLEAR, NULL },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back to the list")),
};

/* The agency directory, and choosing an agency from it. */
#define AGENCY_SEARCH_KEY                                                           \
    { false, '/', "/", N_("Search by Thai or English name or abbreviation"), ACT_SEARCH, N_("Search") }

const key_binding KEYS_AGENCY_LIST[] = {
    ENTER_KEYS(N_("Open the chosen agency"), ACT_OPEN, N_("Open")),
    AGENCY_SEARCH_KEY,
    { false, 'n', "n", N_("Add an agency (administrators)"), ACT_NEW, N_("New") },
    { false, 'e', "e", N_("Edit the chosen agency (administrators)"), ACT_EDIT, N_("Edit") },
    { false, 'r', "r", N_("Show retired agencies too, or hide them"), ACT_SHOW_RETIRED, NULL },
    BACK_LOCK_END(N_("Back")),
};

const key_binding KEYS_AGENCY_PICK[] = {
    ENTER_KEYS(N_("Choose"), ACT_OPEN, N_("Choose")),
    AGENCY_SEARCH_KEY,
    BACK_KEYS(N_("Back")),
    LINES_END,
};

const key_binding KEYS_AGENCY_VIEW[] = {
    { false, 'e', "e", N_("Edit this agency (administrators)"), ACT_EDIT, N_("Edit") },
    BACK_LOCK_END(N_("Back")),
};

/* ---- return and reintegration (tui/return_screens.c, reint_screens.c) --- */

/* The repatriation plan: the chosen step, the plan, its state.  Read with
 * keys_action_any_layout(). */
const key_binding KEYS_REPATRIATION[] = {
    ENTER_KEYS(N_("Change the chosen step: its state, dates, counterpart and note"), ACT_STATE, N_("Step")),
    { false, 's', "s", N_("Change the chosen step: its state, dates, counterpart and note"), ACT_STATE, NULL },
    { false, 'e', "e", N_("Edit the plan"), ACT_EDIT, N_("Edit") },
    { false, 'h', "h", N_("Record the handover and mark the person returned"), ACT_HANDOVER, N_("Handover") },
    { false, 'p', "p", N_("Suspend the plan (with a reason), or resume it"), ACT_SUSPEND, N_("Suspend") },
    { false, 'c', "c", N_("Cancel the plan, with a reason"), ACT_CANCEL, NULL },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back")),
};

const key_binding KEYS_REINTEGRATION[] = {
    { false, 'f', "f", N_("Record a follow-up"), ACT_FOLLOWUP, N_("Follow-up") },
    { false, 'e', "e", N_("Edit the domains: goals, services, responsible agency"), ACT_EDIT, N_("Domains") },
    { false, 'x', "x", N_("Close the plan with its outcome"), ACT_CLOSE_PLAN, N_("Close") },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back")),
};

const key_binding KEYS_FOLLOWUPS[] = {
    ENTER_KEYS(N_("Open the chosen case"), ACT_OPEN, N_("Open")),
    { false, 'o', "o", N_("Only the overdue follow-ups, or every one due"), ACT_FILTER_OVERDUE, N_("Overdue only") },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back to the list")),
};

/* ---- reports (tui/report_screen.c) -------------------------------------- */

/* Read with keys_action_any_layout(): the Thai keys on the same places
 * work too ("ก" is d, "ะ" is t). */
const key_binding KEYS_REPORT[] = {
    { false, '[', "[ ]", N_("Previous or next period (also the left and right arrows)"), ACT_PERIOD_PREV, N_("Period") },
    { false, ']', NULL, NULL, ACT_PERIOD_NEXT, NULL },
    { true, KEY_LEFT, NULL, NULL, ACT_PERIOD_PREV, NULL },
    { true, KEY_RIGHT, NULL, NULL, ACT_PERIOD_NEXT, NULL },
    { false, 'p', "p", N_("The kind of period: fiscal year, month, year, ASEAN half, or typed"), ACT_PERIOD_KIND, N_("Kind") },
    { false, 'd', "d", N_("Next breakdown: sex, age, nationality, exploitation, sector, ..."), ACT_BREAKDOWN, N_("Breakdown") },
    { false, 'b', "b", N_("Choose the breakdown from a list"), ACT_BREAKDOWN_PICK, NULL },
    { false, '\t', "Tab", N_("Next section: figures, referrals, gaps, durations, missing data"), ACT_TAB_NEXT, N_("Section") },
    { true, KEY_BTAB, "Shift-Tab", N_("The section before"), ACT_TAB_PREV, NULL },
    { false, '1', "1-5", N_("Go to a section by its number"), ACT_TAB_1, NULL },
    TAB_KEYS_2_TO_5,
    { false, 'm', "m M", N_("The figure the bars show: next (m) or previous (M)"), ACT_MEASURE, NULL },
    { false, 'M', NULL, NULL, ACT_MEASURE_PREV, NULL },
    { false, 't', "t", N_("Show or hide the framework tags: ASEAN, 5P, Ministry of Labour"), ACT_TAGS, NULL },
    { false, 'o', "o", N_("For outside the team: hide cells under 11, or show every figure"), ACT_OUTSIDE, NULL },
    { false, 'w', "w", N_("Write the report to a file: CSV or text for printing"), ACT_WRITE, N_("Write") },
    ENTER_KEYS(N_("Missing data: open the chosen case"), ACT_OPEN, NULL),
    BACK_LOCK_ANY_LAYOUT_END(N_("Back to the list")),
};

/* ---- hand-over between stores (tui/exchange_screens.c and beside it) ---- */

/* Read with keys_action_any_layout(): the Thai keys on the same places
 * work too ("ร" is i, "แ" is c). */
const key_binding KEYS_EXCHANGE[] = {
    { false, 'i', "i", N_("Receive a hand-over file: see what comes in, then import it"), ACT_RECEIVE, N_("Receive") },
    { false, 'c', "c", N_("The conflicts imports left: resolve them field by field"), ACT_CONFLICTS, N_("Conflicts") },
    { false, 'w', "w", N_("Write this store's identity card to a file for another team"), ACT_CARD_WRITE, N_("Card") },
    { false, 'a', "a", N_("Add another team's store from its identity card (administrators)"), ACT_PEER_ADD, N_("Add") },
    { false, 'r', "r", N_("Retire the chosen store (administrators)"), ACT_PEER_RETIRE, NULL },
    { false, 'e', "e", N_("Change this store's name (administrators)"), ACT_STORE_NAME, NULL },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back to the list")),
};

/* What a hand-over file holds, before anything is written. */
const key_binding KEYS_RECEIVE[] = {
    { false, 'y', "y", N_("Import what the file holds"), ACT_SAVE, N_("Import") },
    { true, KEY_F(10), "F10", N_("Import what the file holds"), ACT_SAVE, NULL },
    { false, 27, "Esc n", N_("Do not import: nothing is written"), ACT_BACK, N_("Cancel") },
    { false, 'n', NULL, NULL, ACT_BACK, NULL },
    { false, 'q', NULL, NULL, ACT_BACK, NULL },
    THAI_LAYOUT_KEY,
    LINES_END,
};

const key_binding KEYS_CONFLICTS[] = {
    ENTER_KEYS(N_("Open the chosen conflict: both values, and the choice"), ACT_OPEN, N_("Open")),
    BACK_LOCK_END(N_("Back")),
};

/* One conflict.  Read with keys_action_any_layout() ("ส" is l, "ะ" is t). */
const key_binding KEYS_CONFLICT[] = {
    { false, 'l', "l", N_("Keep this store's value for this field"), ACT_KEEP_LOCAL, N_("Keep ours") },
    { false, 't', "t", N_("Take the incoming value for this field"), ACT_TAKE_INCOMING, N_("Take theirs") },
    { false, 'n', "n p", N_("Next or previous conflict"), ACT_NEXT_FIELD, N_("Next") },
    { false, 'p', NULL, NULL, ACT_PREV_FIELD, NULL },
    BACK_LOCK_ANY_LAYOUT_END(N_("Back to the list of conflicts")),
};

/* The unshifted Thai Kedmanee character on the key that carries each
 * ASCII character of a US keyboard: an officer who forgot to switch the
 * layout back presses "ื" for n and "ๅ" for 1. */
static const struct { char ascii; wchar_t thai; } KEDMANEE[] = {
    { 'a', L'\u0e1f' }, { 'b', L'\u0e34' }, { 'c', L'\u0e41' }, { 'd', L'\u0e01' },
    { 'e', L'\u0e33' }, { 'f', L'\u0e14' }, { 'g', L'\u0e40' }, { 'h', L'\u0e49' },
    { 'i', L'\u0e23' }, { 'j', L'\u0e48' }, { 'k', L'\u0e32' }, { 'l', L'\u0e2a' },
    { 'm', L'\u0e17' }, { 'n', L'\u0e37' }, { 'o', L'\u0e19' }, { 'p', L'\u0e22' },
    { 'q', L'\u0e46' }, { 'r', L'\u0e1e' }, { 's', L'\u0e2b' }, { 't', L'\u0e30' },
    { 'u', L'\u0e35' }, { 'v', L'\u0e2d' }, { 'w', L'\u0e44' }, { 'x', L'\u0e1b' },
    { 'y', L'\u0e31' }, { 'z', L'\u0e1c' },
    { '1', L'\u0e45' }, { '2', L'/' }, { '3', L'-' }, { '4', L'\u0e20' }, { '5', L'\u0e16' },
    { '6', L'\u0e38' }, { '7', L'\u0e36' }, { '8', L'\u0e04' }, { '9', L'\u0e15' },
    { '0', L'\u0e08' },
};

int keys_ascii_twin(wchar_t c)
{
    /* Thai digits mean their digit whatever the layout. */
    if (c >= L'\u0e50' && c <= L'\u0e59')
        return '0' + (int)(c - L'\u0e50');
    for (size_t i = 0; i < sizeof KEDMANEE / sizeof KEDMANEE[0]; i++)
        if (KEDMANEE[i].thai == c)
            return KEDMANEE[i].ascii;
    return 0;
}

key_action keys_action_any_layout(const key_binding *table, ui_key k)
{
    key_action a = keys_action(table, k);
    if (a != ACT_NONE || k.timeout || k.function)
        return a;
    int twin = keys_ascii_twin((wchar_t)k.code);
    if (!twin)
        return ACT_NONE;
    ui_key t = { false, twin, false };
    return keys_action(table, t);
}

key_action keys_action(const key_binding *table, ui_key k)
{
    if (k.timeout)
        return ACT_NONE;
    for (const key_binding *b = table; b->action != ACT_NONE; b++)
        if (b->function == k.function && b->code == k.code)
            return b->action;
    return ACT_NONE;
}

/* Columns a hint takes on the key line: "label what" and a gap. */
static int hint_columns(const key_binding *b)
{
    return text_columns(b->label) + 1 + text_columns(_(b->hint)) + 2;
}

static int draw_hint(int y, int x, int cols, const key_binding *b)
{
    x += ui_text_short(y, x, cols - x, b->label, STYLE_KEY);
    x += 1;
    x += ui_text_short(y, x, cols - x, _(b->hint), STYLE_NORMAL);
    return x + 2;
}

/* The help key is always on the line, last: whatever else does not fit
 * (a narrow terminal, longer Thai words) can be found through it. */
void keys_draw_line(const key_binding *table)
{
    int y = ui_rows() - 1, x = 0, cols = ui_cols();
    ui_text(y, 0, cols, "", STYLE_NORMAL);
    const key_binding *help = NULL;
    for (const key_binding *b = table; b->action != ACT_NONE; b++)
        if (b->action == ACT_HELP && b->hint && b->label) {
            help = b;
            break;
        }
    int room = cols - (help ? hint_columns(help) : 0);
    for (const key_binding *b = table; b->action != ACT_NONE; b++) {
        if (!b->hint || !b->label || b == help)
            continue;
        if (x + hint_columns(b) > room)
            break;
        x = draw_hint(y, x, cols, b);
    }
    if (help && x < cols)
        draw_hint(y, x, cols, help);
}

/* One page of help from entry `from` on; returns the entry after the last
 * one shown (its terminator when everything fitted). */
static const key_binding *help_page(const char *screen_title, const key_binding *from)
{
    ui_clear();
    int cols = ui_cols(), y = 0;
    char title[256];
    snprintf(title, sizeof title, "%s: %s", _("Help"), screen_title);
    ui_text(y++, 0, cols, title, STYLE_TITLE);
    y++;
    const key_binding *b = from;
    for (; b->action != ACT_NONE && y < ui_rows() - 2; b++) {
        if (!b->label || !b->help)
            continue;
        ui_text(y, 2, 12, b->label, STYLE_KEY);
        ui_text(y, 15, cols - 15, _(b->help), STYLE_NORMAL);
        y++;
    }
    /* Entries the help leaves out do not need a page of their own. */
    while (b->action != ACT_NONE && (!b->label || !b->help))
        b++;
    return b;
}

void keys_show_help(const char *screen_title, const key_binding *table)
{
    /* A long table (the case view's tabs) takes more than one page. */
    const key_binding *page = table;
    for (;;) {
        const key_binding *next = help_page(screen_title, page);
        bool more = next->action != ACT_NONE;
        ui_text(ui_rows() - 1, 0, ui_cols(),
                more ? _("Press any key for more.") : _("Press any key to go back."), STYLE_NOTICE);
        ui_refresh();
        ui_key k;
        do
            k = ui_read_key(-1);
        while (k.function && k.code == KEY_RESIZE);
        if (!more || (!k.function && k.code == 27))
            return;
        page = next;
    }
}
