/* file_io.c - whole reads and writes, and the crash-safe replace of a
 * file (see file_io.h). */
#include "config.h"
#include "db/file_io.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A temp file this much older than now, that no writer holds locked, was
 * left by a writer that died (a crash, a SIGKILL, a power cut). */
#define STALE_TEMP_SECONDS 2

bool file_write_all(int fd, const void *p, size_t len)
{
    const unsigned char *at = p;
    while (len > 0) {
        ssize_t n = write(fd, at, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        at += n;
        len -= (size_t)n;
    }
    return true;
}

bool file_read_full(int fd, void *p, size_t len, size_t *got)
{
    unsigned char *at = p;
    *got = 0;
    while (*got < len) {
        ssize_t n = read(fd, at + *got, len - *got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return true;
}

bool file_sync_parent_dir(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        strcpy(dir, ".");
    else if (slash == path)
        strcpy(dir, "/");
    else {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof dir) {
            errno = ENAMETOOLONG;
            return false;
        }
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return ok;
}

bool file_rename_durable(const char *tmp, const char *path)
{
    return rename(tmp, path) == 0 && file_sync_parent_dir(path);
}

/* A new 0600 file named path.new-<random>, its name in tmp; -1 (errno
 * set) when none could be made.  O_EXCL: never a file that exists, nor
 * a link planted under the name. */
static int create_temp_beside(const char *path, char *tmp, size_t tmpsz)
{
    for (int attempt = 0; attempt < 16; attempt++) {
        int n = snprintf(tmp, tmpsz, "%s.new-%08x", path, (unsigned)randombytes_random());
        if (n < 0 || (size_t)n >= tmpsz) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* Removes dir/name when it is a stale temp file: a regular file, older
 * than STALE_TEMP_SECONDS, that no writer holds locked.  The file system's
 * own clock dates the file, so the system clock is the one to compare. */
static void remove_if_stale(const char *dir, const char *name, time_t now)
{
    char full[PATH_MAX];
    int n = snprintf(full, sizeof full, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof full)
        return;
    int fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return;
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_mtime + STALE_TEMP_SECONDS < now
        && flock(fd, LOCK_EX | LOCK_NB) == 0)
        unlink(full);
    close(fd);
}

/* A writer killed between creating its temp file and the rename leaves
 * "path.new-*" behind, and for the key-slot file that is a copy of the
 * slots as they were - a removed officer's, an old passphrase's.  The
 * next replace of path removes them.  A live writer holds its temp file
 * locked (flock) from the moment it made it, so it is never taken for a
 * dead one. */
static void remove_stale_temps(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t dlen = slash ? (size_t)(slash - path) : 1;
    if (dlen >= sizeof dir)
        return;
    if (!slash)
        strcpy(dir, ".");
    else if (dlen == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, dlen);
        dir[dlen] = '\0';
    }
    char prefix[PATH_MAX];
    int plen = snprintf(prefix, sizeof prefix, "%s.new-", base);
    if (plen < 0 || (size_t)plen >= sizeof prefix)
        return;
    int saved = errno;
    DIR *d = opendir(dir);
    if (d) {
        time_t now = time(NULL);
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (strncmp(e->d_name, prefix, (size_t)plen) == 0)
                remove_if_stale(dir, e->d_name, now);
        closedir(d);
    }
    errno = saved;
}

bool file_replace_atomic(const char *path, const void *p, size_t len)
{
    remove_stale_temps(path);
    char tmp[PATH_MAX];
    int fd = create_temp_beside(path, tmp, sizeof tmp);
    if (fd < 0)
        return false;
    /* Held until close: this temp file is a live writer's (above). */
    flock(fd, LOCK_EX);
    bool ok = file_write_all(fd, p, len) && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        errno = saved;
        return false;
    }
    return file_sync_parent_dir(path);
}
