/* file_io.h - the file writing that db/'s own files share (the key-slot
 * file, backups and restores): whole reads and writes through EINTR, and
 * the crash-safe replace of a file: temp file, fsync, rename, fsync of
 * the folder.  Not for callers outside db/.
 *
 * Every function that returns false leaves errno saying why (for a path
 * too long for PATH_MAX, ENAMETOOLONG where the text says so). */
#ifndef TC_FILE_IO_H
#define TC_FILE_IO_H
#include <stdbool.h>
#include <stddef.h>

/* Write all len bytes to fd, retrying short writes and EINTR. */
bool file_write_all(int fd, const void *p, size_t len);

/* Read len bytes unless the file ends first; *got says how many were
 * read.  False only for a read error. */
bool file_read_full(int fd, void *p, size_t len, size_t *got);

/* fsync the folder holding path, so a rename in it survives a crash. */
bool file_sync_parent_dir(const char *path);

/* Rename tmp over path, then fsync path's folder: the step that makes a
 * fully written and fsynced temp file the real one.  On a failed rename
 * tmp is left for the caller to remove. */
bool file_rename_durable(const char *tmp, const char *path);

/* Replace path atomically with len bytes: a new 0600 temp file beside it
 * (named path.new-XXXXXXXX, never an existing file), fsync, rename,
 * fsync of the folder.  A reader sees the old file or the new one, never
 * a part; on failure the temp file is removed (ENAMETOOLONG when no temp
 * name fits in PATH_MAX).  Temp files of path that a writer killed before
 * its rename left behind (older than a few seconds, not locked by a live
 * writer) are removed first. */
bool file_replace_atomic(const char *path, const void *p, size_t len);

#endif
