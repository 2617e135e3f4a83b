/* app.h - what the command line and the screens share: where the store is,
 * who is asking, and how the process protects what it holds. */
#ifndef TC_APP_H
#define TC_APP_H
#include <stdbool.h>
#include <stddef.h>
#include "core/caldate.h"
#include "core/clock.h"

#define APP_PATH_MAX 4096

typedef struct app_options {
    char data_dir[APP_PATH_MAX];
    const char *user;           /* --user, or NULL */
    int passphrase_fd;          /* --passphrase-fd, or -1 */
    tc_clock clock;
} app_options;

/* Exit codes scripts can test. */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

/* No core dumps, not ptrace-attachable by other users, files 0600. Call
 * first in main(). */
void app_harden_process(void);

/* The real clock, at the machine's UTC offset.  When TIPCASE_NOW holds an
 * ISO timestamp ("2026-11-21T03:00:00Z") the clock stands still there:
 * end-to-end tests use it to see deadlines move. */
tc_clock app_system_clock(void);

/* The officers' "today": the civil date of the clock's instant. */
caldate app_today(const tc_clock *c);

/* The settings an officer may change and the values each takes:
 * language "th" or "en"; lock_minutes 1 to 240 (idle minutes before the
 * screen locks).  Both the setting command and the screens ask this. */
bool app_setting_valid(const char *key, const char *value);

/* Read the value of --passphrase-fd: a descriptor number 0..1024. */
bool app_parse_fd(const char *text, int *fd);

/* $XDG_DATA_HOME/tipcase, else ~/.local/share/tipcase. */
void app_default_data_dir(char *out, size_t outsz);

/* Read one passphrase: from fd (one line, without the newline) when fd >= 0,
 * else from the terminal with echo off after printing prompt.  out is
 * sodium_malloc'd by the caller.  Returns false at end of input. */
bool app_read_passphrase(int fd, const char *prompt, char *out, size_t outsz);

#endif
