/* private_file.c - see private_file.h.  Every file tipcase writes for an
 * officer goes through private_file_begin/commit: mkstemp beside the
 * target (0600 whatever the umask, never following a link), fsync, rename,
 * fsync of the directory. */
#define _GNU_SOURCE
#include "config.h"
#include "tui/private_file.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/caseforms.h"
#include "tui/return_screens.h"
#include "tui/tui.h"

/* ---- writing ----------------------------------------------------------------- */

static void finish(private_file *pf)
{
    free(pf->tmp);
    free(pf->path);
    pf->f = NULL, pf->tmp = NULL, pf->path = NULL;
}

bool private_file_begin(private_file *pf, const char *path)
{
    pf->f = NULL;
    pf->tmp = NULL;
    pf->path = strdup(path);
    if (!pf->path || asprintf(&pf->tmp, "%s.XXXXXX", path) < 0) {
        pf->tmp = NULL;
        finish(pf);
        errno = ENOMEM;
        return false;
    }
    int fd = mkstemp(pf->tmp);
    if (fd >= 0 && fchmod(fd, S_IRUSR | S_IWUSR) == 0)
        pf->f = fdopen(fd, "w");
    if (!pf->f) {
        int e = errno;
        if (fd >= 0)
            close(fd), unlink(pf->tmp);
        finish(pf);
        errno = e;
        return false;
    }
    return true;
}

/* Makes a rename in path's directory durable; a failure only weakens that. */
static void sync_directory_of(const char *path)
{
    char *dir = strdup(path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    if (dir) {
        if (slash)
            slash[slash == dir ? 1 : 0] = '\0';
        int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
    }
    free(dir);
}

bool private_file_commit(private_file *pf)
{
    bool ok = fflush(pf->f) == 0 && fsync(fileno(pf->f)) == 0 && !ferror(pf->f);
    int e = ok ? 0 : (errno ? errno : EIO);
    if (fclose(pf->f) != 0 && ok)
        ok = false, e = errno;
    if (ok && rename(pf->tmp, pf->path) != 0)
        ok = false, e = errno;
    if (ok)
        sync_directory_of(pf->path);
    else
        unlink(pf->tmp);
    finish(pf);
    errno = e;
    return ok;
}

void private_file_discard(private_file *pf)
{
    int e = errno;
    fclose(pf->f);
    unlink(pf->tmp);
    finish(pf);
    errno = e;
}

bool private_file_write_data(const char *path, const void *data, size_t len)
{
    private_file pf;
    if (!private_file_begin(&pf, path))
        return false;
    if (len && fwrite(data, 1, len, pf.f) != len) {
        private_file_discard(&pf);
        return false;
    }
    return private_file_commit(&pf);
}

bool private_file_write(const char *path, const char *text)
{
    return private_file_write_data(path, text, strlen(text));
}

/* ---- naming ------------------------------------------------------------------ */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s without the blanks around it: its start in *s, its length returned. */
static size_t trim(const char **s)
{
    while (is_blank(**s))
        (*s)++;
    size_t n = strlen(*s);
    while (n && is_blank((*s)[n - 1]))
        n--;
    return n;
}

bool private_file_path(const char *typed, const char *def, const char *home, char *out,
                       size_t outsz)
{
    if (!outsz)
        return false;
    out[0] = '\0';
    const char *s = typed ? typed : "";
    size_t len = trim(&s);
    if (!len) {
        s = def ? def : "";
        len = trim(&s);
    }
    if (!len)
        return false;
    const char *prefix = "";
    if (s[0] == '~' && (len == 1 || s[1] == '/')) {
        if (!home || !home[0])
            return false;
        prefix = home;
        s++, len--;
        /* "~/x" with a home ending in '/' is not "/home/a//x". */
        if (len && home[strlen(home) - 1] == '/')
            s++, len--;
    }
    int k = snprintf(out, outsz, "%s%.*s", prefix, (int)len, s);
    if (k < 0 || (size_t)k >= outsz) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/* ---- asking for one on a screen ---------------------------------------------- */

void private_file_say_errno(tui *t, const char *msgid, const char *path)
{
    char msg[1024], clean[512];
    text_fit(path, 40, true, clean, sizeof clean);
    snprintf(msg, sizeof msg, "%s: %s (%s)", _(msgid), strerror(errno), clean);
    tui_say(t, STYLE_ERROR, msg);
}

/* The directory part of path exists and is a directory. */
static bool directory_exists(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    struct stat sb;
    return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static bool readable_file(tui *t, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        private_file_say_errno(t, N_("The file cannot be read"), path);
        return false;
    }
    if (!S_ISREG(sb.st_mode)) {
        tui_say(t, STYLE_ERROR, _("That is not a file."));
        return false;
    }
    return true;
}

/* A file may be written at path: its directory is there, it is not a
 * directory itself, and a file there is replaced only when the officer
 * says so. */
static bool writable_place(tui *t, const char *title, const char *path)
{
    if (!directory_exists(path)) {
        tui_say(t, STYLE_ERROR, _("There is no directory with that name."));
        return false;
    }
    struct stat sb;
    if (stat(path, &sb) != 0)
        return true;
    if (S_ISDIR(sb.st_mode)) {
        tui_say(t, STYLE_ERROR, _("That is a directory: name a file in it."));
        return false;
    }
    const char *lines[1] = { path };
    return ret_confirm(t, title, lines, 1, STYLE_NORMAL,
                       N_("A file with this name exists. Replace it?"));
}

bool private_file_ask(tui *t, const file_question *q, bool (*use)(void *ctx, const char *path),
                      void *ctx, char *path, size_t pathsz)
{
    form_field *fl = ret_fields_new(1);
    if (!fl)
        return false;
    form_field_init(&fl[0], "path", q->label, N_("A full path; ~ is your home directory."),
                    FIELD_TEXT, 1000, 4000);
    lineedit_set(&fl[0].edit, q->def ? q->def : "");
    form f = { q->title, q->intro, fl, 1, 0, 0 };
    bool chosen = false;
    while (!chosen && !t->quit && t->st && form_run(t, &f) == ACT_SAVE && t->st) {
        char typed[4096];
        form_get(&f, 0, typed, sizeof typed);
        if (!private_file_path(typed, q->def, getenv("HOME"), path, pathsz))
            tui_say(t, STYLE_ERROR, _("Name the file."));
        else if (q->for_writing ? writable_place(t, q->title, path) : readable_file(t, path))
            chosen = !use || use(ctx, path);
    }
    ret_fields_free(fl, 1);
    return chosen;
}
