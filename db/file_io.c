/* file_io.c - whole reads and writes, and the crash-safe replace of a
 * file (see file_io.h). */
#include "config.h"
#include "db/file_io.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

bool file_replace_atomic(const char *path, const void *p, size_t len)
{
    char tmp[PATH_MAX];
    int fd = create_temp_beside(path, tmp, sizeof tmp);
    if (fd < 0)
        return false;
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
