/* return_screens.h - what the return and reintegration screens share
 * (tui/return_forms.c): form fields, dates typed in either era, the agency
 * chosen from the directory inside a form, a yes-or-no question, a text
 * area for findings, and a scrolling plan view.  The screens themselves
 * are declared in tui/tui.h (screen_repatriation and the others). */
#ifndef TC_RETURN_SCREENS_H
#define TC_RETURN_SCREENS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/codelist.h"
#include "tui/caseview.h"
#include "tui/textarea.h"
#include "tui/tui.h"

/* Fields allocated together and wiped together. */
form_field *ret_fields_new(int n);
void ret_fields_free(form_field *fl, int n);
void ret_text_field(form_field *fl, const char *key, const char *label, const char *hint,
                    size_t max_bytes, const char *value);
/* A date field showing d in the interface's era ("" when not known). */
void ret_date_field(form_field *fl, const char *key, const char *label, const char *hint,
                    bool known, caldate d);
void ret_choice_field(form_field *fl, const char *key, const char *label,
                      const char *const *choices, const char *const *choices_th, int n, int now);
/* Field i must hold a date: NULL when it does (in *d), else the msgid of
 * why not (an empty field too). */
const char *ret_read_date_needed(const form *f, int i, caldate *d);
/* Today as a date field shows it, in the interface's era. */
void ret_today_input(tui *t, char *out, size_t outsz);
/* The field's text with the spaces around it trimmed. */
void ret_form_text(const form *f, int i, char *out, size_t outsz);

/* Say why (msgid) and put the focus on the field named. */
void ret_refuse(tui *t, form *f, const char *msgid, const char *field);
/* What a save answered: true for ST_OK; ST_INVALID is refused with the
 * rule's problem (msgid) on field, any other status is said as it is. */
bool ret_saved(tui *t, form *f, store_status st, const char *problem, const char *field);
/* The part of a rule's field name after its last dot ("steps.family.note"
 * is "note"), which is how the forms name their fields. */
const char *ret_field_leaf(const char *field);

/* A yes-or-no question under a few lines of explanation (lines may be
 * NULL).  True for yes. */
bool ret_confirm(tui *t, const char *title, const char *const *lines, size_t n,
                 ui_style lines_style, const char *question);

/* Choosing an agency from the directory inside a form: a choice field of
 * "(none)", "Choose from the directory..." and, once chosen, the agency's
 * short name.  The form is saved with "Choose" shown: ret_agency_resolve()
 * then opens the directory and the form runs again with the agency shown. */
typedef struct ret_agency_choice {
    char code[TC_CODE_MAX + 1];
    char name[512];
    const char *choices[3];
} ret_agency_choice;
void ret_agency_field(tui *t, form_field *fl, ret_agency_choice *a, const char *key,
                      const char *label, const char *hint, const char *code);
/* After form_run saved: true when the field asked for the directory (it
 * was opened, and the form must run again); false when the field holds
 * its answer (a->code: "" for none). */
bool ret_agency_resolve(tui *t, form_field *fl, ret_agency_choice *a, const char *title);
/* An agency's short name in the interface's language (the code when the
 * directory does not have it). */
void ret_agency_name(tui *t, const char *code, char *out, size_t outsz);

/* A plan on screen: title, a heading line (the case), the lines from row
 * 3 down, the message and the keys.  Lines of item `sel` (>= 0) are drawn
 * chosen; an item line with an empty label is drawn across the whole
 * width.  *top is kept so the chosen item shows. */
void ret_view_draw(tui *t, const char *title, const char *head, view_lines *L, int *top,
                   int sel, const key_binding *keys);
/* Rows the lines get. */
int ret_view_rows(void);
/* " K7Q4X-2569-0042 · มะลิ ใจงาม": the case for a heading; false (and
 * the store's words said) when it cannot be read. */
bool ret_case_head(tui *t, const char *case_id, char *out, size_t outsz, bool *child);

#endif
