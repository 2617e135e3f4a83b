#define _GNU_SOURCE
#include "tests/harness.h"
#include <CUnit/Basic.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/caldate.h"

int harness_main(const char *program, CU_SuiteInfo *suites)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 99;
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "%s: cannot register suites: %s\n", program, CU_get_error_msg());
        CU_cleanup_registry();
        return 99;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned ran = CU_get_number_of_tests_run();
    unsigned failed = CU_get_number_of_tests_failed();
    unsigned suites_failed = CU_get_number_of_suites_failed();
    printf("\n%s: %u passed, %u failed\n", program, ran - failed,
           failed + suites_failed);
    CU_cleanup_registry();
    return (failed || suites_failed) ? 1 : 0;
}

char *harness_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    char *path = NULL;
    if (asprintf(&path, "%s/tipcase-test-XXXXXX", base) < 0)
        return NULL;
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

void harness_rmtree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *child = NULL;
            if (asprintf(&child, "%s/%s", path, e->d_name) < 0)
                continue;
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                harness_rmtree(child);
            else
                unlink(child);
            free(child);
        }
        closedir(d);
    }
    rmdir(path);
}

int harness_file_contains(const char *path, const void *needle, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = 1 << 16, have = 0;
    unsigned char *buf = malloc(cap);
    int found = 0;
    size_t n;
    while (buf && (n = fread(buf + have, 1, cap - have, f)) > 0) {
        have += n;
        if (memmem(buf, have, needle, len)) {
            found = 1;
            break;
        }
        /* keep the last len-1 bytes so a match across reads is seen */
        if (have >= len) {
            memmove(buf, buf + have - (len - 1), len - 1);
            have = len - 1;
        }
    }
    free(buf);
    fclose(f);
    return found;
}

int harness_make_catalogue(const char *dir, const char *entries)
{
    const char *msgfmt = getenv("MSGFMT");
    if (!msgfmt || !*msgfmt || !strcmp(msgfmt, ":"))
        msgfmt = "msgfmt";
    char path[1024], cmd[4096];
    snprintf(path, sizeof path, "%s/th.po", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
          "\"Language: th\\n\"\n\n", f);
    fputs(entries, f);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/th/LC_MESSAGES' && '%s' -o '%s/th/LC_MESSAGES/tipcase.mo' '%s' "
             "2>/dev/null", dir, msgfmt, dir, path);
    return system(cmd) == 0 ? 1 : 0;
}

tc_clock harness_clock(tc_fixed_clock *storage, const char *iso)
{
    int64_t t = 0;
    if (!timestamp_parse_iso(iso, &t))
        abort();
    storage->at = t;
    tc_clock c = { tc_fixed_clock_now, storage, 7 * 3600 };
    return c;
}

caldate harness_day(const char *iso)
{
    caldate d = { 0, 0, 0 };
    bool ok = caldate_parse_iso(iso, &d);
    if (!ok)
        printf("\n    bad test date %s\n", iso);
    CU_ASSERT_TRUE(ok);
    return d;
}

int64_t harness_at(const char *iso)
{
    int64_t t = 0;
    bool ok = timestamp_parse_iso(iso, &t);
    if (!ok)
        printf("\n    bad test time %s\n", iso);
    CU_ASSERT_TRUE(ok);
    return t;
}

caldate harness_setup_day(const char *iso)
{
    caldate d = { 0, 0, 0 };
    if (!caldate_parse_iso(iso, &d)) {
        fprintf(stderr, "bad test date %s\n", iso);
        abort();
    }
    return d;
}

bool harness_has(const char *buf, const char *text)
{
    if (strstr(buf, text))
        return true;
    fprintf(stderr, "\n  missing \"%s\" in:\n%s\n", text, buf);
    return false;
}

char *harness_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}

void harness_spill(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    bool ok = fwrite(buf, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    CU_ASSERT_FATAL(ok);
}

bool harness_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int harness_file_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 0777) : -1;
}

/* True when a sibling named "<file>.<anything>" is there: the temporary
 * file of a write that did not finish, whatever the writer called it
 * (FILE.tmp, mkstemp's FILE.XXXXXX, backup's FILE.tmp.db). */
static bool tmp_left(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return true;
    DIR *d = opendir(*dir ? dir : "/");
    free(dir);
    if (!d)
        return false;
    size_t n = strlen(base);
    bool left = false;
    for (struct dirent *e; !left && (e = readdir(d));)
        left = !strncmp(e->d_name, base, n) && e->d_name[n] == '.';
    closedir(d);
    return left;
}

bool harness_private_file(const char *path)
{
    int mode = harness_file_mode(path);
    bool tmp = tmp_left(path);
    if (mode == 0600 && !tmp)
        return true;
    if (mode < 0)
        printf("\n    %s is not there\n", path);
    else if (mode != 0600)
        printf("\n    %s: mode %03o, wanted 0600\n", path, (unsigned)mode);
    if (tmp)
        printf("\n    a temporary %s.* was left behind\n", path);
    return false;
}

bool harness_nothing_written(const char *path)
{
    bool there = harness_exists(path), tmp = tmp_left(path);
    if (there)
        printf("\n    %s was written\n", path);
    if (tmp)
        printf("\n    a temporary %s.* was written\n", path);
    return !there && !tmp;
}
