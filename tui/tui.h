/* tui.h - the screens of tipcase and the state they share while running. */
#ifndef TC_TUI_H
#define TC_TUI_H
#include <stdbool.h>
#include <stdint.h>
#include "core/officer.h"
#include "db/store.h"
#include "tui/app.h"
#include "tui/keys.h"
#include "tui/lineedit.h"

#define TUI_IDLE_LOCK_DEFAULT_MIN 5

typedef struct tui {
    app_options *opt;
    store *st;                          /* NULL while locked */
    char login[OFFICER_LOGIN_MAX + 1];  /* who unlocked last */
    int lock_after_s;                   /* idle seconds before locking */
    double last_key_at;                 /* monotonic seconds */
    char message[512];
    ui_style message_style;
    bool quit;
} tui;

/* Open the screens on opt->data_dir: the first-run wizard when there is no
 * store, else the unlock screen, then the case list.  Returns an exit code. */
int tui_run(app_options *opt);

/* Read one key for a screen using table.  Locks on idle time or the lock
 * key, and switches language, before returning; the screen then gets
 * ACT_REDRAW.  Sets t->quit when the officer left from the lock screen. */
key_action tui_key(tui *t, const key_binding *table, ui_key *key);
/* tui_key() for a screen whose letters are commands: a key the table does
 * not know is read as the key in the same place on a US keyboard
 * (keys_action_any_layout: "ื" is n, "๑" is 1). */
key_action tui_command_key(tui *t, const key_binding *table);
/* A line at the bottom: what was saved, or why something was refused. */
void tui_say(tui *t, ui_style style, const char *text);
void tui_draw_title(tui *t, const char *screen);
void tui_draw_message(tui *t);
/* The end of drawing a screen that has no cursor: the message line, the
 * key line of keys, the cursor hidden, and the screen refreshed. */
void tui_draw_end(tui *t, const key_binding *keys);
/* Read one key on a yes/no question (KEYS_CONFIRM, on either keyboard
 * layout): 1 for yes, 0 for no (also when quitting or the store is locked
 * away), -1 for any other key (help, titled screen_title, already shown). */
int tui_confirm_key(tui *t, const char *screen_title);

/* Forms: a column of labelled fields edited in place. */
/* FIELD_MULTI: several of the choices at once (exploitation types): Left
 * and Right move among them, Space picks or drops the one shown. */
typedef enum field_kind { FIELD_TEXT, FIELD_SECRET, FIELD_CHOICE, FIELD_MULTI } field_kind;

typedef struct form_field {
    const char *key;            /* field name used in errors: "birth" */
    const char *label;          /* msgid */
    const char *hint;           /* msgid shown after the field, or NULL */
    field_kind kind;
    lineedit edit;
    size_t scroll;              /* first character shown */
    const char *const *choices; /* msgids, for FIELD_CHOICE */
    int nchoices, choice;
    /* Labels shown instead of _(choices[i]) while the interface is Thai
     * (rows of an administrator's list carry their own Thai), or NULL. */
    const char *const *choices_th;
    uint64_t picked;            /* FIELD_MULTI: bit i set = choices[i] chosen */
} form_field;

typedef struct form {
    const char *title;          /* msgid */
    const char *intro;          /* msgid: a line of explanation, or NULL */
    form_field *fields;
    int n, focus, top;
} form;

/* Run the form until it is saved (ACT_SAVE) or left (ACT_BACK); t->quit
 * also ends it.  Typed text is kept between calls, so a form shown again
 * after a refused save still holds everything. */
key_action form_run(tui *t, form *f);
/* Put the focus on the field named key. */
void form_focus(form *f, const char *key);
/* A text or secret field's contents as UTF-8 (a choice field's pick is
 * fields[i].choice). */
void form_get(const form *f, int i, char *out, size_t outsz);

/* Choosing from a list.  Row i in the language of the moment (it is asked
 * again after F2): the text, and a short info column on the right ("" for
 * none). */
typedef void (*pick_row_fn)(void *ctx, size_t i, char *text, size_t textsz, char *info,
                            size_t infosz);
/* A list to choose one row from, starting on sel.  Returns the row, or -1
 * when the officer went back (or the program is quitting). */
long tui_pick(tui *t, const char *screen, const char *heading, size_t n, size_t sel,
              pick_row_fn row, void *ctx);
/* A list of n rows showing page at once, as every list screen moves in
 * it.  tui_list_move: the chosen row after a moving action (ACT_UP,
 * ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM); returns false,
 * changing nothing, for any other action.  Page Down may step past the
 * end: tui_list_clamp, called before the list is drawn, brings sel back to
 * the last row (0 when there is none) and scrolls top so sel shows. */
bool tui_list_move(key_action a, size_t *sel, size_t n, size_t page);
void tui_list_clamp(size_t *sel, size_t *top, size_t n, size_t page);
/* One key of a list screen, read with tui_command_key(): a moving key
 * moves *sel (tui_list_move) and comes back as ACT_NONE, like a key the
 * screen does not know; leaving (Esc, the officer quitting, the store
 * locked away) comes back as ACT_BACK. */
key_action tui_list_key(tui *t, const key_binding *keys, size_t *sel, size_t n, size_t page);
/* A text of n lines scrolled page lines at a time, as the screens that
 * show a record move in it: the first line shown after a moving action;
 * false, changing nothing, for any other action.  top may leave 0..n: the
 * drawing keeps it in range. */
bool tui_scroll_move(key_action a, int *top, int n, int page);

/* Screens. */
store *screen_first_run(tui *t);
store *screen_unlock(tui *t, bool locked);
void screen_case_list(tui *t);
/* Returns true if the case was saved. */
bool screen_case_edit(tui *t, tc_case *c, bool is_new);
/* The case with its tabs: person, intake, consent, screenings, needs,
 * notes, timeline (tui/caseview.c). */
void screen_case_view(tui *t, const char *case_id);
/* Quick mode at a checkpoint (tui/caseforms.c): a name or description,
 * sex, approximate age, nationality and place, saved as an incomplete
 * case, then the offer of the border quick screen.  True when a case was
 * saved; its id is in id_out. */
bool screen_case_quick(tui *t, char id_out[TC_ID_LEN]);

/* Screening screens (tui/screening_screens.c). */
/* Choose an instrument, record the interview, then walk the wizard and end
 * on the summary and decision.  Returns true when a screening was started. */
bool screen_screening_new(tui *t, const char *case_id);
/* Resume an undecided screening in the wizard, or show a decided one's
 * summary (with its own version's questions). */
void screen_screening_open(tui *t, const char *screening_id);
/* Record an identification decision for the case.  True when saved. */
bool screen_identification_edit(tui *t, const char *case_id);

/* Return and reintegration (tui/return_screens.c, issue 6). */
/* The case's repatriation plan: make one when it has none, then the plan
 * with its step checklist (dates in B.E.): edit it, change a step, record
 * the handover and mark it returned, suspend, resume or cancel. */
void screen_repatriation(tui *t, const char *case_id);
/* The case's reintegration plan: make one, edit the domains, record a
 * follow-up, close the plan with an outcome. */
void screen_reintegration(tui *t, const char *case_id);
/* Record a follow-up of the case's plan.  A high risk offers a new
 * screening at once.  True when saved. */
bool screen_followup_add(tui *t, const char *case_id);
/* Every follow-up due (store_followup_due), high risk first, overdue
 * marked; Enter opens the case, o toggles overdue only. */
void screen_followups(tui *t);

/* Clocks (tui/clock_screens.c). */
/* Every clock passed or due soon, most urgent first; Enter opens the case. */
void screen_due_soon(tui *t);
/* Reports (issue 7): choose a period and a breakdown, read the figures
 * with bar charts, write CSV or a text file for printing. */
void screen_report(tui *t);
/* Hand-over between stores (issue 7: tui/exchange_screens.c and the
 * files beside it).  This store's name and fingerprint to read aloud, the
 * other teams' stores it knows, its identity card written to a file, a
 * store added from its card or retired, a hand-over file received (what
 * comes in, the import, what it did), and the way to the conflicts. */
void screen_exchange(tui *t);
/* The open conflicts imports left; Enter opens one to keep this store's
 * value or take the incoming one, field by field. */
void screen_conflicts(tui *t);
/* From the case view: the case sealed for another team's store and
 * written to a file.  True when the file was written. */
bool screen_case_handover(tui *t, const char *case_id);
/* "! Conflicts to resolve: 2 (X)" for the case list's info line; "" when
 * none is open. */
void exchange_conflict_note(tui *t, char *out, size_t outsz);
/* Start or correct the time met, record a court extension, stop a clock. */
void screen_case_clocks(tui *t, const char *case_id);
/* The case list's mark for a row whose clock_due_soon is set, at most 7
 * columns: "! 3h" while it runs, "! late" once passed ("" and
 * STYLE_NORMAL for any other row); returns the style to draw it in. */
ui_style clock_row_mark(const tc_case_row *r, int64_t now, char *out, size_t outsz);

#endif
