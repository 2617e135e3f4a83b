#define _GNU_SOURCE
#include "config.h"
#include "tui/app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "core/caldate.h"

void app_harden_process(void)
{
    /* A core dump would hold the data key and decrypted names. */
    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    umask(077);
}

static int64_t system_now(void *ctx)
{
    (void)ctx;
    return (int64_t)time(NULL);
}

static tc_fixed_clock frozen;

tc_clock app_system_clock(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    tc_clock c = { system_now, NULL, (int)tm.tm_gmtoff };
    const char *fixed = getenv("TIPCASE_NOW");
    if (fixed && *fixed && timestamp_parse_iso(fixed, &frozen.at)) {
        c.now = tc_fixed_clock_now;
        c.ctx = &frozen;
        c.utc_offset = 7 * 3600;
    }
    return c;
}

caldate app_today(const tc_clock *c)
{
    return caldate_from_timestamp(tc_now(c), c->utc_offset);
}

/* strtol() skips leading spaces and takes a sign: a number typed as
 * " 5" or "+5" is not one the settings and options accept (fuzz_options). */
static bool starts_with_digit(const char *s)
{
    return *s >= '0' && *s <= '9';
}

bool app_setting_valid(const char *key, const char *value)
{
    if (!strcmp(key, "language"))
        return !strcmp(value, "th") || !strcmp(value, "en");
    if (!strcmp(key, "lock_minutes")) {
        char *end = NULL;
        long m = strtol(value, &end, 10);
        return starts_with_digit(value) && !*end && m >= 1 && m <= 240;
    }
    return false;
}

bool app_parse_fd(const char *text, int *fd)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!starts_with_digit(text) || *end || v < 0 || v > 1024)
        return false;
    *fd = (int)v;
    return true;
}

void app_default_data_dir(char *out, size_t outsz)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg == '/')
        snprintf(out, outsz, "%s/tipcase", xdg);
    else
        snprintf(out, outsz, "%s/.local/share/tipcase", home && *home ? home : ".");
}

static bool read_line_fd(int fd, char *out, size_t outsz)
{
    /* Byte at a time so a second passphrase on the same fd stays unread. */
    size_t n = 0;
    char c;
    ssize_t r;
    while ((r = read(fd, &c, 1)) == 1) {
        if (c == '\n')
            break;
        if (n + 1 < outsz)
            out[n++] = c;
    }
    out[n] = '\0';
    if (n > 0 && out[n - 1] == '\r')
        out[--n] = '\0';
    return r == 1 || n > 0;
}

bool app_read_passphrase(int fd, const char *prompt, char *out, size_t outsz)
{
    if (fd >= 0)
        return read_line_fd(fd, out, outsz);
    int tty = STDIN_FILENO;
    struct termios old, quiet;
    bool is_tty = tcgetattr(tty, &old) == 0;
    fputs(prompt, stderr);
    fflush(stderr);
    if (is_tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
        tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    bool ok = read_line_fd(tty, out, outsz);
    if (is_tty) {
        tcsetattr(tty, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    return ok;
}
