/* test_crash.c - nothing reported saved is lost (DESIGN.md, "Store").
 *
 * - SIGKILL at random moments, hundreds of times: tests/crash_worker
 *   writes cases, notes, screening answers and referral steps (and, in a
 *   second workload, passphrase changes and officers added and removed)
 *   through the store API and names each save on a pipe once the call
 *   returned ST_OK.  After every kill the store opens, store_check()
 *   passes (integrity, foreign keys, audit chain) and every save named is
 *   there; after a kill during a passphrase change the store opens with
 *   the old passphrase or the new one.
 * - Power-loss ordering: under strace, every file db/ replaces (the
 *   key-slot file, a backup, a restored database) is written to a temp
 *   file, fsynced, renamed, and its folder fsynced, in that order.
 * - Disk full (RLIMIT_FSIZE, SIGXFSZ ignored as tipcase does): a save of
 *   each kind fails with ST_DISK_FULL, the store stays whole and holds
 *   every save before it; a passphrase change that cannot be written
 *   keeps the old passphrase.
 *
 * The kill moments come from a seeded PRNG (CRASH_SEED, default fixed);
 * CRASH_KILLS sets how many kills each workload gets (default 240 data
 * and 70 key-slot kills). */
#include "config.h"
#include "tests/harness.h"
#include "tests/harness_store.h"
#include "tests/crash_worker.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include "core/screening.h"
#include "db/record.h"
#include "db/referrals.h"
#include "db/screenings.h"
#include "db/store.h"

#define READY_TIMEOUT_MS 60000

static char worker_path[PATH_MAX];
static tc_fixed_clock fixed;
static tc_clock clk;
static uint64_t prng;

static int suite_init(void)
{
    clk = harness_clock(&fixed, HARNESS_START);
    /* The worker sits beside this program in the build directory. */
    ssize_t n = readlink("/proc/self/exe", worker_path, sizeof worker_path - 1);
    if (n <= 0)
        return -1;
    worker_path[n] = '\0';
    char *slash = strrchr(worker_path, '/');
    if (!slash || (size_t)(slash - worker_path) + sizeof "/crash_worker" > sizeof worker_path)
        return -1;
    strcpy(slash, "/crash_worker");
    const char *seed = getenv("CRASH_SEED");
    prng = seed && *seed ? strtoull(seed, NULL, 10) : UINT64_C(20261122);
    printf("\n  crash seed %llu (CRASH_SEED to repeat)\n", (unsigned long long)prng);
    return sodium_init() < 0 ? -1 : 0;
}

static int suite_clean(void) { return 0; }

/* xorshift64*: the same kill moments for the same seed. */
static uint64_t next_random(void)
{
    prng ^= prng >> 12;
    prng ^= prng << 25;
    prng ^= prng >> 27;
    return prng * UINT64_C(2685821657736338717);
}

static long random_below(long n)
{
    return (long)(next_random() % (uint64_t)n);
}

/* True under valgrind (make check-valgrind), which preloads its own
 * library into the program it runs. */
static bool under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "vgpreload");
}

/* CRASH_KILLS, else fallback; under valgrind, where each check of the
 * store is many times slower, a tenth (the workers run natively: the kill
 * points are the same kind). */
static long kills_wanted(long fallback)
{
    const char *env = getenv("CRASH_KILLS");
    long n = env && *env ? strtol(env, NULL, 10) : 0;
    if (n > 0)
        return n;
    return under_valgrind() ? fallback / 10 : fallback;
}

/* ---- running the worker ---------------------------------------------- */

typedef struct worker {
    pid_t pid;
    int fd;             /* the read end of its fd 3 */
    char *out;          /* every line it wrote so far */
    size_t len, cap;
} worker;

/* Starts argv (NULL-terminated) with a pipe on its fd 3, or with the file
 * fd3_file there to read (a passphrase for tipcase). */
static worker spawn_fd3(char *const argv[], const char *fd3_file)
{
    worker w = { -1, -1, NULL, 0, 0 };
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    w.pid = fork();
    CU_ASSERT_FATAL(w.pid >= 0);
    if (w.pid == 0) {
        int three = fd3_file ? open(fd3_file, O_RDONLY) : p[1];
        if (three < 0 || dup2(three, 3) < 0)
            _exit(127);
        if (fd3_file) {         /* tipcase: its messages are not the test's */
            int null = open("/dev/null", O_WRONLY);
            if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
                _exit(127);
        }
        if (p[0] != 3)
            close(p[0]);
        if (p[1] != 3)
            close(p[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    w.fd = p[0];
    return w;
}

static worker spawn(char *const argv[])
{
    return spawn_fd3(argv, NULL);
}

/* Reads what is there, waiting at most ms; false at end of file. */
static bool drain(worker *w, int ms)
{
    struct pollfd pf = { w->fd, POLLIN, 0 };
    if (poll(&pf, 1, ms) <= 0)
        return true;
    if (w->cap - w->len < 4096) {
        w->cap = w->cap ? w->cap * 2 : 65536;
        w->out = realloc(w->out, w->cap + 1);
        CU_ASSERT_FATAL(w->out != NULL);
        w->out[w->len] = '\0';
    }
    ssize_t n = read(w->fd, w->out + w->len, w->cap - w->len);
    if (n > 0) {
        w->len += (size_t)n;
        w->out[w->len] = '\0';
    }
    return n != 0;
}

static bool has_line(const worker *w, const char *line)
{
    size_t n = strlen(line);
    for (const char *at = w->out; at && (at = strstr(at, line)) != NULL; at++)
        if ((at == w->out || at[-1] == '\n') && at[n] == '\n')
            return true;
    return false;
}

static bool wait_line(worker *w, const char *line, int ms)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!has_line(w, line)) {
        if (!drain(w, 50))
            return has_line(w, line);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 > ms)
            return false;
    }
    return true;
}

/* Reads to the end and reaps it; its wait status. */
static int finish(worker *w)
{
    while (drain(w, 1000))
        ;
    close(w->fd);
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!w->out)
        w->out = calloc(1, 1);
    return status;
}

/* Sleeps a random time below max_us, reading what the worker writes. */
static void random_pause(worker *w, long max_us)
{
    long us = random_below(max_us);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long gone = (now.tv_sec - start.tv_sec) * 1000000 + (now.tv_nsec - start.tv_nsec) / 1000;
        if (gone >= us)
            return;
        long left_ms = (us - gone) / 1000;
        if (left_ms == 0) {
            usleep((useconds_t)(us - gone));
            return;
        }
        drain(w, (int)left_ms);
    }
}

static bool killed(int status)
{
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* SIGKILL to the worker of run, then reaped; false (said) when it had
 * already ended by itself, so the kill tested nothing. */
static bool kill_worker(worker *w, long run)
{
    kill(w->pid, SIGKILL);
    int status = finish(w);
    if (killed(status))
        return true;
    printf("\n    run %ld: the worker ended by itself (status %d)\n", run, status);
    return false;
}

/* The worker's setup in a new temporary directory (returned, malloc'd):
 * the store in dir (root/store); base gets the case with consent. */
static char *setup_store(char *dir, size_t dirsz, char *base, size_t basesz)
{
    char *root = harness_tempdir();
    snprintf(dir, dirsz, "%s/store", root);
    char *argv[] = { worker_path, "setup", (char *)dir, HARNESS_PASS, NULL };
    worker w = spawn(argv);
    int status = finish(&w);
    CU_ASSERT_FATAL(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT_FATAL(sscanf(w.out, "base %36s", base) == 1 && basesz > 36);
    free(w.out);
    return root;
}

/* ---- what a reported save must look like after the kill --------------- */

static bool answer_there(store *s, const char *sc, const char *code, const char *value)
{
    sqlite3_stmt *q = NULL;
    if (store_prepare(s, "SELECT value FROM screening_answers"
                         " WHERE screening_id = ?1 AND indicator_code = ?2", &q) != ST_OK)
        return false;
    sqlite3_bind_text(q, 1, sc, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, code, -1, SQLITE_STATIC);
    bool same = sqlite3_step(q) == SQLITE_ROW
             && strcmp((const char *)sqlite3_column_text(q, 0), value) == 0;
    sqlite3_finalize(q);
    return same;
}

/* The worker moves a referral draft, sent, acknowledged, accepted: the
 * stored state is the one reported or the step after it. */
static bool referral_at_least(store *s, const char *id, const char *state)
{
    static const char *const order[] = { "draft", "sent", "acknowledged", "accepted" };
    tc_referral r;
    if (store_referral_get(s, id, &r) != ST_OK)
        return false;
    const char *now = referral_state_code(r.state);
    int want = -1, got = -1;
    for (int i = 0; i < 4; i++) {
        if (strcmp(order[i], state) == 0)
            want = i;
        if (strcmp(order[i], now) == 0)
            got = i;
    }
    return want >= 0 && got >= want;
}

/* One reported line holds in s; unknown lines fail. */
static bool line_holds(store *s, const char *line)
{
    char a[64] = "", b[64] = "", c[64] = "";
    if (strcmp(line, "ready") == 0)
        return true;
    if (sscanf(line, "case %63s", a) == 1) {
        tc_case got;
        return store_case_get(s, a, &got) == ST_OK;
    }
    if (sscanf(line, "note %63s", a) == 1) {
        tc_note nt;
        return store_note_get(s, a, 0, &nt) == ST_OK;
    }
    if (sscanf(line, "screening %63s", a) == 1) {
        tc_screening sc;
        return store_screening_get(s, a, &sc) == ST_OK;
    }
    if (sscanf(line, "answer %63s %63s %63s", a, b, c) == 3)
        return answer_there(s, a, b, c);
    if (sscanf(line, "referral %63s %63s", a, b) == 2)
        return referral_at_least(s, a, b);
    if (strncmp(line, "pass ", 5) == 0 || strncmp(line, "officer", 7) == 0
        || strncmp(line, "status ", 7) == 0)
        return true;        /* checked by the key-slot and disk-full tests */
    printf("\n    unknown line from the worker: %s\n", line);
    return false;
}

/* Every line of out holds in s; prints the first that does not. */
static bool all_hold(store *s, const char *out, size_t *cases)
{
    char *copy = strdup(out), *save = NULL;
    bool ok = copy != NULL;
    for (char *line = copy ? strtok_r(copy, "\n", &save) : NULL; ok && line;
         line = strtok_r(NULL, "\n", &save)) {
        if (!line_holds(s, line)) {
            printf("\n    reported saved but missing: %s\n", line);
            ok = false;
        }
        if (cases && strncmp(line, "case ", 5) == 0)
            (*cases)++;
    }
    free(copy);
    return ok;
}

static bool store_whole(store *s)
{
    store_check_report r;
    store_status st = store_check(s, &r);
    if (st != ST_OK)
        printf("\n    store_check: %s / %s\n", r.integrity_detail, r.audit_detail);
    return st == ST_OK;
}

/* Temp files beside the key-slot file ("keyslots.new-*"): a kill between
 * writing one and renaming it leaves it there. */
static int slot_temps(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "keyslots.new-", 13) == 0)
            n++;
    if (d)
        closedir(d);
    return n;
}

/* ---- SIGKILL during cases, notes, answers and referrals ---------------- */

static void test_kill_during_saves(void)
{
    char dir[PATH_MAX], base[64];
    char *root = setup_store(dir, sizeof dir, base, sizeof base);
    long runs = kills_wanted(240), kills = 0, saves = 0, early = 0;
    size_t cases_reported = 0;
    char *all = calloc(1, 1);
    size_t all_len = 0;
    bool ok = true;
    for (long run = 1; ok && run <= runs; run++) {
        char runarg[24];
        snprintf(runarg, sizeof runarg, "%ld", run);
        char *argv[] = { worker_path, "work", dir, HARNESS_PASS, runarg, base, NULL };
        worker w = spawn(argv);
        /* One kill in eight falls while the worker starts and opens the
         * store; the others while it saves. */
        if (random_below(8) == 0) {
            random_pause(&w, 150000);
            early++;
        } else {
            ok = wait_line(&w, "ready", READY_TIMEOUT_MS);
            random_pause(&w, 80000);
        }
        if (!kill_worker(&w, run))
            ok = false;
        kills++;
        store *s = NULL;
        store_status st = store_open(dir, "admin", HARNESS_PASS, &clk, &s);
        if (st != ST_OK) {
            printf("\n    run %ld: the store does not open: %s\n", run, store_status_text(st));
            ok = false;
        } else {
            ok = ok && store_whole(s) && all_hold(s, w.out, &cases_reported);
            /* Nothing saved in an earlier run went missing either. */
            sqlite3_int64 stored = harness_count_rows(s, "SELECT count(*) FROM cases");
            ok = ok && stored >= (sqlite3_int64)cases_reported + 1;
        }
        for (const char *p = w.out; (p = strchr(p, '\n')) != NULL; p++)
            saves++;
        all = realloc(all, all_len + w.len + 1);
        memcpy(all + all_len, w.out, w.len + 1);
        all_len += w.len;
        store_close(s);
        free(w.out);
        if (!ok)
            printf("\n    (run %ld failed; CRASH_SEED repeats it)\n", run);
    }
    /* Last, everything reported in every run, once more. */
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "admin", HARNESS_PASS, &clk, &s), ST_OK);
    CU_ASSERT_TRUE(all_hold(s, all, NULL));
    CU_ASSERT_TRUE(store_whole(s));
    store_close(s);
    CU_ASSERT_TRUE(ok);
    printf("\n  crash: %ld SIGKILLs during saves survived (%ld while opening),"
           " %ld reported saves all present, store_check passed after each\n",
           kills, early, saves - (kills - early));
    free(all);
    harness_rmtree(root);
    free(root);
}

/* ---- SIGKILL during key-slot writes -------------------------------------- */

/* Opens dir as login with first, else second; which one opened in *which
 * (0 or 1), -1 when neither. */
static store *open_either(const char *dir, const char *login, const char *first,
                          const char *second, int *which)
{
    store *s = NULL;
    *which = -1;
    if (store_open(dir, login, first, &clk, &s) == ST_OK)
        *which = 0;
    else if (second && store_open(dir, login, second, &clk, &s) == ST_OK)
        *which = 1;
    return s;
}

/* The officer the run added last and did not report removed opens with
 * its passphrase, unless the removal that followed went through before
 * the kill (the officer is then there, inactive); one reported removed
 * does not open. */
static bool officers_hold(store *admin, const char *dir, const char *out)
{
    char added[64] = "", removed[64] = "", login[64];
    for (const char *p = out; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (sscanf(p, "officer+ %63s", login) == 1)
            snprintf(added, sizeof added, "%s", login);
        if (sscanf(p, "officer- %63s", login) == 1)
            snprintf(removed, sizeof removed, "%s", login);
    }
    char pass[128];
    store *s = NULL;
    bool ok = true;
    if (*added && strcmp(added, removed) != 0) {
        crash_officer_pass(pass, sizeof pass, added);
        store_status st = store_open(dir, added, pass, &clk, &s);
        store_close(s);
        tc_officer o;
        ok = st == ST_OK || (st == ST_WRONG_PASSPHRASE
                             && store_officer_by_login(admin, added, &o) == ST_OK && !o.active);
        if (!ok)
            printf("\n    officer %s was reported added but cannot open (%s)\n", added,
                   store_status_text(st));
    }
    if (*removed) {
        crash_officer_pass(pass, sizeof pass, removed);
        bool refused = store_open(dir, removed, pass, &clk, &s) == ST_WRONG_PASSPHRASE;
        store_close(s);
        if (!refused)
            printf("\n    officer %s was reported removed but still opens\n", removed);
        ok = ok && refused;
    }
    return ok;
}

static void test_kill_during_key_slot_writes(void)
{
    char dir[PATH_MAX], base[64];
    char *root = setup_store(dir, sizeof dir, base, sizeof base);
    char pass[128];
    snprintf(pass, sizeof pass, "%s", HARNESS_PASS);
    long runs = kills_wanted(240) * 70 / 240, kills = 0, changes = 0, new_pass = 0;
    int halves = 0, temps = 0;
    bool ok = true;
    for (long run = 1; ok && run <= runs; run++) {
        char runarg[24];
        snprintf(runarg, sizeof runarg, "%ld", run);
        char *argv[] = { worker_path, "keys", dir, pass, runarg, NULL };
        worker w = spawn(argv);
        ok = wait_line(&w, "ready", READY_TIMEOUT_MS);
        random_pause(&w, 120000);
        if (!kill_worker(&w, run))
            ok = false;
        kills++;
        long k = 0;
        for (const char *p = w.out; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
            long got;
            if (sscanf(p, "pass %ld", &got) == 1) {
                k = got;
                changes++;
            }
        }
        /* The last passphrase reported, or the one being written when the
         * kill came. */
        char reported[128], next[128];
        if (k > 0)
            crash_pass(reported, sizeof reported, run, k);
        else
            snprintf(reported, sizeof reported, "%s", pass);
        crash_pass(next, sizeof next, run, k + 1);
        int now_temps = slot_temps(dir);
        if (now_temps > temps)
            halves += now_temps - temps;
        temps = now_temps;
        int which;
        store *s = open_either(dir, "admin", reported, next, &which);
        if (!s) {
            printf("\n    run %ld: opens with neither the old nor the new passphrase\n", run);
            ok = false;
        } else {
            new_pass += which;
            snprintf(pass, sizeof pass, "%s", which == 0 ? reported : next);
            ok = ok && store_whole(s) && officers_hold(s, dir, w.out);
            store_close(s);
        }
        free(w.out);
        if (!ok)
            printf("\n    (run %ld failed; CRASH_SEED repeats it)\n", run);
    }
    CU_ASSERT_TRUE(ok);
    /* The temp files the kills left hold old slots (a removed officer's,
     * an old passphrase's): the next key-slot write removes them once they
     * are a few seconds old. */
    sleep(3);
    char *argv[] = { worker_path, "passwd", dir, pass, "the last long passphrase", NULL };
    worker w = spawn(argv);
    int status = finish(&w);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    free(w.out);
    CU_ASSERT_EQUAL(slot_temps(dir), 0);
    printf("\n  crash: %ld SIGKILLs during key-slot writes survived, %ld reported"
           " passphrase changes kept, %ld times the unreported new passphrase was"
           " already in place; %d kills fell between a key-slot temp file and its"
           " rename (the key-slot file itself always whole; the next write removed"
           " the temp files)\n", kills, changes, new_pass, halves);
    harness_rmtree(root);
    free(root);
}

/* ---- power-loss ordering (strace) --------------------------------------- */

static bool have_strace(char *path, size_t pathsz)
{
    static const char *const places[] = { "/usr/bin/strace", "/bin/strace",
                                          "/usr/local/bin/strace" };
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++)
        if (access(places[i], X_OK) == 0) {
            snprintf(path, pathsz, "%s", places[i]);
            return true;
        }
    return false;
}

#define MAX_TRACKED 64
typedef struct trace_state {
    struct { int fd; char path[PATH_MAX]; } open[MAX_TRACKED];
    size_t n_open;
    /* Files opened for writing and whether fsync followed. */
    struct { char path[PATH_MAX]; bool synced; } written[MAX_TRACKED];
    size_t n_written;
    /* Folders a rename happened in, not yet fsynced. */
    char pending_dir[MAX_TRACKED][PATH_MAX];
    size_t n_pending;
    char renamed[MAX_TRACKED][PATH_MAX];       /* targets, in order */
    size_t n_renamed;
    bool ok;
} trace_state;

static const char *fd_path(const trace_state *t, int fd)
{
    for (size_t i = 0; i < t->n_open; i++)
        if (t->open[i].fd == fd)
            return t->open[i].path;
    return NULL;
}

/* The text of the n-th (0-based) quoted argument of a strace line. */
static bool quoted(const char *line, int n, char *out, size_t outsz)
{
    const char *at = line;
    for (int i = 0; i <= n; i++) {
        at = strchr(at, '"');
        if (!at)
            return false;
        const char *end = strchr(at + 1, '"');
        if (!end)
            return false;
        if (i == n) {
            size_t len = (size_t)(end - at - 1);
            if (len >= outsz)
                return false;
            memcpy(out, at + 1, len);
            out[len] = '\0';
            return true;
        }
        at = end + 1;
    }
    return false;
}

static long result_of(const char *line)
{
    const char *eq = strrchr(line, '=');
    return eq ? strtol(eq + 1, NULL, 10) : -1;
}

static void trace_open(trace_state *t, const char *line)
{
    char path[PATH_MAX];
    long fd = result_of(line);
    if (fd < 0 || !quoted(line, 0, path, sizeof path) || t->n_open >= MAX_TRACKED)
        return;
    t->open[t->n_open].fd = (int)fd;
    snprintf(t->open[t->n_open++].path, PATH_MAX, "%s", path);
    if ((strstr(line, "O_WRONLY") || strstr(line, "O_RDWR")) && t->n_written < MAX_TRACKED) {
        snprintf(t->written[t->n_written].path, PATH_MAX, "%s", path);
        t->written[t->n_written++].synced = false;
    }
}

static void trace_close(trace_state *t, const char *line)
{
    int fd = atoi(strchr(line, '(') + 1);
    for (size_t i = 0; i < t->n_open; i++)
        if (t->open[i].fd == fd) {
            t->open[i] = t->open[--t->n_open];
            return;
        }
}

static void trace_fsync(trace_state *t, const char *line)
{
    const char *path = fd_path(t, atoi(strchr(line, '(') + 1));
    if (!path || result_of(line) != 0)
        return;
    for (size_t i = 0; i < t->n_written; i++)
        if (strcmp(t->written[i].path, path) == 0)
            t->written[i].synced = true;
    for (size_t i = 0; i < t->n_pending; i++)
        if (strcmp(t->pending_dir[i], path) == 0) {
            memmove(t->pending_dir[i], t->pending_dir[i + 1],
                    (t->n_pending - i - 1) * sizeof t->pending_dir[0]);
            t->n_pending--;
            i--;
        }
}

/* rename(tmp, path): tmp was written and fsynced since it was last opened;
 * path's folder must be fsynced after. */
static void trace_rename(trace_state *t, const char *line)
{
    char from[PATH_MAX], to[PATH_MAX];
    if (!quoted(line, 0, from, sizeof from) || !quoted(line, 1, to, sizeof to)
        || result_of(line) != 0)
        return;
    bool synced = false;
    for (size_t i = 0; i < t->n_written; i++)
        if (strcmp(t->written[i].path, from) == 0)
            synced = t->written[i].synced;
    if (!synced) {
        printf("\n    renamed %s before an fsync of it\n", from);
        t->ok = false;
    }
    if (t->n_renamed < MAX_TRACKED)
        snprintf(t->renamed[t->n_renamed++], PATH_MAX, "%s", to);
    char *slash = strrchr(to, '/');
    if (slash && t->n_pending < MAX_TRACKED) {
        *slash = '\0';
        snprintf(t->pending_dir[t->n_pending++], PATH_MAX, "%s", to);
    }
}

/* Reads an strace -f log; every rename passes the order, and what was
 * renamed is in t->renamed. */
static void trace_read(const char *log, trace_state *t)
{
    memset(t, 0, sizeof *t);
    t->ok = true;
    char *text = harness_slurp(log, NULL);
    CU_ASSERT_FATAL(text != NULL);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        while (*line >= '0' && *line <= '9')       /* the pid */
            line++;
        while (*line == ' ')
            line++;
        if (strstr(line, "<unfinished") || strstr(line, "resumed>")) {
            printf("\n    strace split a call: %s\n", line);
            t->ok = false;
        } else if (strncmp(line, "openat(", 7) == 0 || strncmp(line, "open(", 5) == 0
                   || strncmp(line, "creat(", 6) == 0) {
            trace_open(t, line);
        } else if (strncmp(line, "close(", 6) == 0) {
            trace_close(t, line);
        } else if (strncmp(line, "fsync(", 6) == 0 || strncmp(line, "fdatasync(", 10) == 0) {
            trace_fsync(t, line);
        } else if (strncmp(line, "rename", 6) == 0) {
            trace_rename(t, line);
        }
    }
    for (size_t i = 0; i < t->n_pending; i++) {
        printf("\n    no fsync of the folder %s after a rename in it\n", t->pending_dir[i]);
        t->ok = false;
    }
    free(text);
}

static bool renamed_to(const trace_state *t, const char *path)
{
    for (size_t i = 0; i < t->n_renamed; i++)
        if (strcmp(t->renamed[i], path) == 0)
            return true;
    printf("\n    no rename onto %s in the trace\n", path);
    return false;
}

/* Runs program with args under strace (fd 3: fd3_file, or a pipe); the
 * log at log. */
static bool traced_program(const char *strace, const char *log, const char *program,
                           char *const args[], const char *fd3_file)
{
    char *argv[32] = { (char *)strace, "-f", "-qq", "-s", "4096", "-e",
                       "trace=open,openat,creat,close,fsync,fdatasync,rename,renameat,renameat2",
                       "-o", (char *)log, (char *)program };
    size_t n = 10;
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    /* LeakSanitizer cannot run under ptrace (in a --enable-sanitizers
     * build it would fail the traced program); the other checks stay. */
    const char *asan = getenv("ASAN_OPTIONS");
    char *saved = asan ? strdup(asan) : NULL;
    char options[1024];
    snprintf(options, sizeof options, "%s%sdetect_leaks=0", asan ? asan : "",
             asan && *asan ? ":" : "");
    setenv("ASAN_OPTIONS", options, 1);
    worker w = spawn_fd3(argv, fd3_file);
    if (saved)
        setenv("ASAN_OPTIONS", saved, 1);
    else
        unsetenv("ASAN_OPTIONS");
    free(saved);
    int status = finish(&w);
    free(w.out);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool traced(const char *strace, const char *log, char *const args[])
{
    return traced_program(strace, log, worker_path, args, NULL);
}

/* tipcase itself, built beside tests/. */
static void tipcase_path(char *out, size_t outsz)
{
    snprintf(out, outsz, "%s", worker_path);
    char *slash = strrchr(out, '/');
    *slash = '\0';
    slash = strrchr(out, '/');
    if (slash && (size_t)(slash - out) + sizeof "/tipcase" <= outsz)
        strcpy(slash, "/tipcase");
}

static void test_power_loss_ordering(void)
{
    char strace[64];
    if (!have_strace(strace, sizeof strace)) {
        printf("\n  test_crash: strace is not installed (./setup installs it): the"
               " power-loss ordering of the key-slot file, backups and restores is NOT"
               " checked\n");
        return;
    }
    char dir[PATH_MAX / 2], base[64], log[PATH_MAX], path[PATH_MAX], file[PATH_MAX];
    char *root = setup_store(dir, sizeof dir, base, sizeof base);
    snprintf(log, sizeof log, "%s/trace", root);
    trace_state *t = calloc(1, sizeof *t);
    CU_ASSERT_FATAL(t != NULL);

    /* The key-slot file: a passphrase change. */
    char *passwd[] = { "passwd", dir, HARNESS_PASS, "a new long passphrase", NULL };
    CU_ASSERT_FATAL(traced(strace, log, passwd));
    trace_read(log, t);
    snprintf(path, sizeof path, "%s/keyslots", dir);
    CU_ASSERT_TRUE(t->ok);
    CU_ASSERT_TRUE(renamed_to(t, path));

    /* A backup. */
    snprintf(file, sizeof file, "%s/store.tcbak", root);
    char *backup[] = { "backup", dir, "a new long passphrase", file, NULL };
    CU_ASSERT_FATAL(traced(strace, log, backup));
    trace_read(log, t);
    CU_ASSERT_TRUE(t->ok);
    CU_ASSERT_TRUE(renamed_to(t, file));

    /* A restore: the database and its key-slot file. */
    char again[PATH_MAX / 2];
    snprintf(again, sizeof again, "%s/restored", root);
    char *restore[] = { "restore", file, again, "a new long passphrase", NULL };
    CU_ASSERT_FATAL(traced(strace, log, restore));
    trace_read(log, t);
    CU_ASSERT_TRUE(t->ok);
    snprintf(path, sizeof path, "%s/cases.db", again);
    CU_ASSERT_TRUE(renamed_to(t, path));
    snprintf(path, sizeof path, "%s/keyslots", again);
    CU_ASSERT_TRUE(renamed_to(t, path));

    /* A file an officer asks for (tui/private_file.c): a report as CSV. */
    char program[PATH_MAX], passfile[PATH_MAX];
    tipcase_path(program, sizeof program);
    if (access(program, X_OK) != 0) {
        printf("\n  test_crash: %s is not built: the report file's ordering is NOT"
               " checked\n", program);
        goto done;
    }
    snprintf(passfile, sizeof passfile, "%s/pass", root);
    harness_spill(passfile, "a new long passphrase\n", 22);
    snprintf(file, sizeof file, "%s/report.csv", root);
    char *report[] = { "--data-dir", dir, "--user", "admin", "--passphrase-fd", "3", "report",
                       "--format", "csv", "--output", file, NULL };
    CU_ASSERT_FATAL(traced_program(strace, log, program, report, passfile));
    trace_read(log, t);
    CU_ASSERT_TRUE(t->ok);
    CU_ASSERT_TRUE(renamed_to(t, file));
    printf("\n  crash: temp file, fsync, rename, fsync of the folder - in that order for"
           " the key-slot file, a backup, a restore and a report file (strace)\n");
done:
    free(t);
    harness_rmtree(root);
    free(root);
}

/* ---- disk full ----------------------------------------------------------- */

/* The worker's "status N TEXT" line: N. */
static int final_status(const char *out, char *text, size_t textsz)
{
    const char *at = strstr(out, "status ");
    int st = -1, used = 0;
    if (!at || sscanf(at, "status %d %n", &st, &used) < 1)
        return -1;
    const char *nl = strchr(at + used, '\n');
    size_t len = nl ? (size_t)(nl - at - used) : strlen(at + used);
    snprintf(text, textsz, "%.*s", (int)len, at + used);
    return st;
}

static void disk_full_case(const char *kind, long limit)
{
    char dir[PATH_MAX], base[64], limit_arg[24], text[256] = "";
    char *root = setup_store(dir, sizeof dir, base, sizeof base);
    snprintf(limit_arg, sizeof limit_arg, "%ld", limit);
    char *argv[] = { worker_path, "full", dir, HARNESS_PASS, limit_arg, (char *)kind, NULL };
    worker w = spawn(argv);
    int status = finish(&w);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    int st = final_status(w.out, text, sizeof text);
    size_t saved = 0;
    for (const char *p = w.out; (p = strchr(p, '\n')) != NULL; p++)
        saved++;
    CHECK_ROW(st == ST_DISK_FULL, kind);
    /* The limit is off again: the store opens, is whole and holds every
     * save before the one that failed. */
    store *s = NULL;
    CU_ASSERT_EQUAL_FATAL(store_open(dir, "admin", HARNESS_PASS, &clk, &s), ST_OK);
    CHECK_ROW(store_whole(s), kind);
    CHECK_ROW(all_hold(s, w.out, NULL), kind);
    store_close(s);
    printf("\n  disk full during a %s save: %s after %zu saves (%s), store whole",
           kind, st >= 0 ? store_status_text((store_status)st) : "?", saved - 2, text);
    free(w.out);
    harness_rmtree(root);
    free(root);
}

static void test_disk_full_saves(void)
{
    static const char *const kinds[] = { "case", "note", "answer", "referral" };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        disk_full_case(kinds[i], 256 * 1024);
    printf("\n");
}

/* A key-slot file that cannot be written: the change fails as disk full
 * and the old passphrase still opens the store. */
static void test_disk_full_passphrase_change(void)
{
    char dir[PATH_MAX], base[64], text[256] = "";
    char *root = setup_store(dir, sizeof dir, base, sizeof base);
    char *argv[] = { worker_path, "full", dir, HARNESS_PASS, "64", "passwd", NULL };
    worker w = spawn(argv);
    int status = finish(&w);
    CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT_EQUAL(final_status(w.out, text, sizeof text), ST_DISK_FULL);
    CU_ASSERT_FALSE(has_line(&w, "pass 1"));
    char next[128];
    crash_pass(next, sizeof next, 1, 1);
    int which;
    store *s = open_either(dir, "admin", HARNESS_PASS, next, &which);
    CU_ASSERT_EQUAL(which, 0);
    CU_ASSERT_TRUE(s && store_whole(s));
    store_close(s);
    CU_ASSERT_EQUAL(slot_temps(dir), 0);
    free(w.out);
    harness_rmtree(root);
    free(root);
}

static CU_TestInfo kills[] = {
    { "SIGKILL during saves: every reported save survives", test_kill_during_saves },
    { "SIGKILL during key-slot writes: old or new passphrase", test_kill_during_key_slot_writes },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo ordering[] = {
    { "temp file, fsync, rename, fsync of the folder", test_power_loss_ordering },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo disk_full[] = {
    { "a save on a full disk: ST_DISK_FULL, store whole", test_disk_full_saves },
    { "a passphrase change on a full disk keeps the old one", test_disk_full_passphrase_change },
    CU_TEST_INFO_NULL,
};

int main(void)
{
    CU_SuiteInfo suites[] = {
        { "disk full", suite_init, suite_clean, NULL, NULL, disk_full },
        { "power-loss ordering", suite_init, suite_clean, NULL, NULL, ordering },
        { "SIGKILL", suite_init, suite_clean, NULL, NULL, kills },
        CU_SUITE_INFO_NULL,
    };
    return harness_main("test_crash", suites);
}
