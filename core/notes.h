/* notes.h - free-text case notes: what was said, seen or done, in the
 * officer's words.  A note is never edited in place: a correction is a new
 * version and the old one stays (stage.h, record_change_check). */
#ifndef TC_NOTES_H
#define TC_NOTES_H
#include <stdbool.h>
#include <stdint.h>
#include "officer.h"

#define NOTE_TEXT_MAX 8000          /* bytes of UTF-8; newlines and tabs allowed */
/* (CASE_NOTE_*: screening.h's answer notes already use NOTE_OK and kin.) */

typedef struct tc_note {
    char id[TC_ID_LEN];             /* "" before it is saved */
    char case_id[TC_ID_LEN];
    char text[NOTE_TEXT_MAX + 1];
    int version;                    /* 1 when first saved */
    bool entry_withdrawn;           /* withdrawn as a wrong record */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_note;

typedef enum note_problem {
    CASE_NOTE_OK = 0,
    CASE_NOTE_EMPTY,                /* nothing but blanks */
    CASE_NOTE_BAD_TEXT,             /* invalid UTF-8, control or bidi characters */
    CASE_NOTE_TOO_LONG,
    CASE_NOTE_PROBLEM_COUNT
} note_problem;

/* May this text be saved as a note?  Field name: "text". */
note_problem note_validate(const char *text);
const char *note_problem_text(note_problem p);     /* msgid */

#endif
