/* caseforms.h - the forms of the case record (tui/caseforms.c), opened
 * from the case view (tui/caseview.c).
 *
 * Each returns true when something was saved, and then says so with
 * tui_say().  A refused save keeps the form open with everything typed,
 * says why in the officer's language and puts the focus on the field the
 * rule named.  Esc leaves without saving. */
#ifndef TC_CASEFORMS_H
#define TC_CASEFORMS_H
#include <stdbool.h>
#include "core/consent.h"
#include "core/needs.h"
#include "core/notes.h"
#include "db/record.h"
#include "tui/tui.h"
#include "tui/textarea.h"

/* The whole intake of a case, with the case's entry point and province.
 * Saving the intake of a quick-mode case completes it. */
bool screen_intake_edit(tui *t, const char *case_id);
/* A new consent (old NULL) or the correction of a wrong one (with a
 * reason). */
bool screen_consent_edit(tui *t, const char *case_id, const tc_consent *old);
/* The person withdraws an agreement: the date, no reason asked. */
bool screen_consent_withdraw(tui *t, const tc_consent *c);
/* A new need (old NULL) or the correction of a wrong one (with a
 * reason); the state changes only through screen_need_state(). */
bool screen_need_edit(tui *t, const char *case_id, const tc_need *old);
/* Move a need to another state; a reason when the service is not
 * available. */
bool screen_need_state(tui *t, const tc_need *nd);
/* A new note (old NULL) or the correction of one (with a reason), in a
 * text area that wraps at Thai word boundaries. */
bool screen_note_edit(tui *t, const char *case_id, const tc_note *old);
/* Withdraw a wrong record, with a reason; what names it for the officer. */
bool screen_record_withdraw(tui *t, record_kind kind, const char *id, const char *what);
/* Close an open case with a reason, or reopen a closed one with a reason. */
bool screen_case_close(tui *t, const char *case_id);

/* Shared by the forms: a field of the given kind with its limits. */
void form_field_init(form_field *fl, const char *key, const char *label, const char *hint,
                     field_kind kind, size_t max_chars, size_t max_bytes);

/* Spaces off both ends of s, in place. */
void form_trim(char *s);
/* A date field's text: "" is no date (*known false); else NULL when
 * thdate_parse reads it, or the msgid of why not. */
const char *form_read_date(const char *text, bool *known, caldate *d);

/* A text of several paragraphs (a case note, a follow-up's findings) on a
 * screen of its own, edited until F10 (true) or Esc (false).  title and
 * how (the line that says which keys save and leave) are msgids; intro is
 * a msgid drawn above how, or NULL for none; count shows the UTF-8 bytes
 * used against the text's limit. */
typedef struct textarea_screen {
    const char *title, *intro, *how;
    bool count;
} textarea_screen;
bool screen_textarea_run(tui *t, textarea *ta, const textarea_screen *ts);

#endif
