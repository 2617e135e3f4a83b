/* private_file.h - the files an officer writes out of tipcase (a report,
 * the HTCDS export, a handover sheet, a hand-over file, an identity card)
 * and names by typing a path: one way to write them, so that only the
 * officer can read them and a reader never sees half of one, and one way
 * to ask for them on a screen.  Used by the command line and the screens
 * alike. */
#ifndef TC_PRIVATE_FILE_H
#define TC_PRIVATE_FILE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---- writing ----------------------------------------------------------------- */

/* A file being written: a 0600 temporary file beside path, renamed over
 * path only by private_file_commit(). */
typedef struct private_file {
    FILE *f;            /* write the contents here */
    char *tmp;          /* path.XXXXXX */
    char *path;
} private_file;

/* Creates the temporary file for path (in the same directory, 0600).
 * False with errno set; then nothing is left behind and pf holds nothing
 * to free. */
bool private_file_begin(private_file *pf, const char *path);
/* Flushes what was written to the disk and renames the temporary file
 * over path (then syncs the directory), so a reader sees the old file or
 * the whole new one.  False with errno set: the temporary file is removed
 * and path left as it was.  Either way pf is finished. */
bool private_file_commit(private_file *pf);
/* Gives up: the temporary file is removed, path left as it was, errno
 * kept.  pf is finished. */
void private_file_discard(private_file *pf);

/* Writes text to path atomically: a 0600 temporary file in the same
 * directory, flushed to disk, then renamed over path, so a reader sees the
 * old file or the whole new one, never half a sheet.  False with errno set
 * on failure (nothing is left behind). */
bool private_file_write(const char *path, const char *text);
/* The same for len bytes of data. */
bool private_file_write_data(const char *path, const void *data, size_t len);

/* ---- naming ------------------------------------------------------------------ */

/* The file a typed path names: blanks around it ignored; nothing typed is
 * def (may be NULL), read the same way; "~" or "~/..." at its start is
 * home's ("~other/..." stays as typed).  False (out "") when nothing is
 * left, "~" is used and home is unknown or empty, or it does not fit in
 * outsz bytes. */
bool private_file_path(const char *typed, const char *def, const char *home, char *out,
                       size_t outsz);

/* ---- asking for one on a screen ---------------------------------------------- */

struct tui;

typedef struct file_question {
    const char *title;      /* msgid of the form's title */
    const char *intro;      /* msgid of its line of explanation, or NULL */
    const char *label;      /* msgid of the field */
    const char *def;        /* the answer offered (and taken when the field
                             * is emptied); "~" is the home directory */
    bool for_writing;       /* the directory must exist, and a file there is
                             * replaced only when the officer says so; else
                             * the file must exist */
} file_question;

/* Says on the message line msgid's words, errno's reason and path (its
 * start cut off to fit): "The file cannot be read: No such file or
 * directory (…/in/card.txt)". */
void private_file_say_errno(struct tui *t, const char *msgid, const char *path);

/* Asks for a file in a one-field form until the officer gives one that
 * passes the checks and use (when not NULL) takes it, or goes back.  use
 * gets each such path; false (having said why) keeps the form open with
 * what was typed.  True with the expanded path in path; false when the
 * officer went back. */
bool private_file_ask(struct tui *t, const file_question *q,
                      bool (*use)(void *ctx, const char *path), void *ctx, char *path,
                      size_t pathsz);

#endif
