/* notes.c - checking a case note before it is saved. */
#include "core/notes.h"

#include "core/fieldtext.h"
#include "core/msg.h"
#include "core/utf8.h"

note_problem note_validate(const char *text)
{
    /* Length and text first: field_has_visible() needs a terminated string. */
    switch (field_text_check(text, NOTE_TEXT_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return CASE_NOTE_TOO_LONG;
    case FIELD_TEXT_BAD: return CASE_NOTE_BAD_TEXT;
    case FIELD_TEXT_OK: break;
    }
    /* A multi-line field may hold bidi controls; a note may not: one
     * could reorder what the next officer reads. */
    if (text && utf8_has_bidi_control(text))
        return CASE_NOTE_BAD_TEXT;
    return field_has_visible(text) ? CASE_NOTE_OK : CASE_NOTE_EMPTY;
}

static const char *const note_texts[CASE_NOTE_PROBLEM_COUNT] = {
    [CASE_NOTE_OK] = N_("The note can be saved."),
    [CASE_NOTE_EMPTY] = N_("Write the note before saving it."),
    [CASE_NOTE_BAD_TEXT] = N_("The note contains characters that cannot be stored."),
    [CASE_NOTE_TOO_LONG] = N_("The note is too long: split it into two notes."),
};

const char *note_problem_text(note_problem p)
{
    if ((int)p < 0 || p >= CASE_NOTE_PROBLEM_COUNT)
        return N_("The note cannot be saved.");
    return note_texts[p];
}
