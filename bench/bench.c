/* bench.c - the figures the issues ask for, measured on this machine.
 *
 * make bench builds and runs it.  It makes a store in a temp directory,
 * fills it with synthetic cases, and reports median and worst times of
 * repeated runs.  Never a test: numbers go into the issue notes and
 * BENCHMARKS.md.
 *
 *   unlock       Argon2id with the program's default parameters, then the
 *                rest of store_open (SQLCipher keying, pragmas, migrations)
 *   first page   store_open -> count + first page of the case list
 *                formatted for an 80-column screen (what the list draws)
 *   search       a Thai fragment and a Latin one
 *   peak RSS     of a process that unlocked with a cheap key slot, so
 *                Argon2id's own memory (freed after unlock) is not counted */
#define _GNU_SOURCE
#include "config.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "db/store.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct stat_ms { double median, worst; } stat_ms;

static stat_ms summarise(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    stat_ms s = { v[n / 2], v[n - 1] };
    return s;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &kib) == 1)
            break;
    if (f)
        fclose(f);
    return kib;
}

static const char *THAI_GIVEN[] = { "สมชาย", "สมหญิง", "มะลิ", "ประเสริฐ", "วันดี", "บุญมี", "สุดา", "อรุณ" };
static const char *THAI_FAMILY[] = { "ใจดี", "ศรีสุข", "บุญเรือง", "แก้วมณี", "ทองดี", "พรหมมา" };
static const char *LATIN_GIVEN[] = { "Aung", "Min", "Sopheap", "Dara", "Khamla", "Nguyen", "Thida", "Zaw" };
static const char *LATIN_FAMILY[] = { "Kyaw", "Htet", "Chan", "Sok", "Phommachanh", "Van An", "Win", "Oo" };
static const char *NATS[] = { "MM", "KH", "LA", "VN", "TH", "XX" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void make_case(tc_case *c, unsigned i, caldate today)
{
    case_init(c);
    snprintf(c->name_thai, sizeof c->name_thai, "%s %s", THAI_GIVEN[i % COUNT(THAI_GIVEN)],
             THAI_FAMILY[(i / 8) % COUNT(THAI_FAMILY)]);
    snprintf(c->name_latin, sizeof c->name_latin, "%s %s %u", LATIN_GIVEN[(i / 3) % COUNT(LATIN_GIVEN)],
             LATIN_FAMILY[(i / 5) % COUNT(LATIN_FAMILY)], i);
    c->sex = (tc_sex)(1 + i % 2);
    c->estimated_age = 12 + (int)(i % 40);
    snprintf(c->nationalities[0], 3, "%s", NATS[i % COUNT(NATS)]);
    c->n_nationalities = 1;
    c->date_met_known = true;
    c->date_met = caldate_add_days(today, -(int64_t)(i % 1500));
}

static int fill(store *s, unsigned n, caldate today)
{
    enum { BATCH = 1000 };
    tc_case *batch = calloc(BATCH, sizeof *batch);
    if (!batch)
        return -1;
    for (unsigned done = 0; done < n;) {
        unsigned k = n - done < BATCH ? n - done : BATCH;
        for (unsigned j = 0; j < k; j++)
            make_case(&batch[j], done + j, today);
        if (store_case_add_many(s, batch, k) != ST_OK) {
            free(batch);
            return -1;
        }
        done += k;
    }
    free(batch);
    return 0;
}

/* What the list screen does after unlock: count, fetch a page, format it. */
static void first_page(store *s, const char *search, case_order order)
{
    tc_case_row rows[22];
    size_t n = 0, total = 0;
    case_query q = { search, 0, 22, order };
    store_case_count(s, search, &total);
    store_case_list(s, &q, rows, 22, &n);
    char line[1024], date[THDATE_MAX];
    for (size_t i = 0; i < n; i++) {
        text_pad(rows[i].name, 30, line, sizeof line);
        thdate_format(rows[i].date_met, true, date, sizeof date);
    }
}

static long dir_bytes(const char *dir)
{
    const char *names[] = { "cases.db", "cases.db-wal", "keyslots" };
    long total = 0;
    char path[4096];
    for (size_t i = 0; i < COUNT(names); i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0)
            total += (long)st.st_size;
    }
    return total;
}

static int run_size(unsigned n, const tc_clock *clock)
{
    char dir[] = "/tmp/tipcase-bench-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char sub[sizeof dir + 8];
    snprintf(sub, sizeof sub, "%s/s", dir);
    tc_officer admin = { .login = "bench", .name = "Bench", .role = ROLE_ADMIN, .active = true };
    tc_officer fast = { .login = "cheap", .name = "Cheap slot", .role = ROLE_SUPERVISOR, .active = true };
    store *s = NULL;
    const char *pass = "benchmark passphrase";
    if (store_create(sub, &admin, pass, kdf_params_default(), clock, &s) != ST_OK)
        return 1;
    store_officer_add(s, &fast, pass, kdf_params_cheap());
    caldate today = caldate_from_timestamp(tc_now(clock), clock->utc_offset);
    double t0 = now_ms();
    if (fill(s, n, today) != 0)
        return 1;
    double fill_ms = now_ms() - t0;
    store_close(s);

    enum { RUNS = 5, QRUNS = 21 };
    double unlock[RUNS], rest[RUNS], page[QRUNS], thai[QRUNS], latin[QRUNS], byname[QRUNS];
    for (int r = 0; r < RUNS; r++) {
        double a = now_ms();
        store_open(sub, "bench", pass, clock, &s);
        double b = now_ms();
        first_page(s, NULL, CASE_ORDER_NEWEST);
        double c = now_ms();
        unlock[r] = b - a;
        rest[r] = c - b;
        store_close(s);
    }
    store_open(sub, "cheap", pass, clock, &s);
    for (int r = 0; r < QRUNS; r++) {
        double a = now_ms();
        first_page(s, NULL, CASE_ORDER_NEWEST);
        double b = now_ms();
        first_page(s, "ใจดี", CASE_ORDER_NEWEST);
        double c = now_ms();
        first_page(s, "kyaw", CASE_ORDER_NEWEST);
        double d = now_ms();
        first_page(s, NULL, CASE_ORDER_NAME);
        double e = now_ms();
        page[r] = b - a, thai[r] = c - b, latin[r] = d - c, byname[r] = e - d;
    }
    long rss = rss_kib();
    store_close(s);
    stat_ms su = summarise(unlock, RUNS), sr = summarise(rest, RUNS), sp = summarise(page, QRUNS),
            st = summarise(thai, QRUNS), sl = summarise(latin, QRUNS),
            sn = summarise(byname, QRUNS);
    long bytes = dir_bytes(sub);
    printf("%7u cases  fill %8.0f ms  size %6.1f MiB (%ld B/case)\n", n, fill_ms,
           bytes / 1048576.0, n ? bytes / (long)n : 0);
    printf("   unlock (Argon2id default + open)  median %8.1f  worst %8.1f ms\n", su.median, su.worst);
    printf("   unlock -> first page drawn        median %8.2f  worst %8.2f ms\n", sr.median, sr.worst);
    printf("   first page (store open)           median %8.2f  worst %8.2f ms\n", sp.median, sp.worst);
    printf("   search Thai fragment              median %8.2f  worst %8.2f ms\n", st.median, st.worst);
    printf("   search Latin fragment             median %8.2f  worst %8.2f ms\n", sl.median, sl.worst);
    printf("   first page by name (Thai order)   median %8.2f  worst %8.2f ms\n", sn.median, sn.worst);
    printf("   RSS after list and searches       %ld KiB\n", rss);
    char cmd[sizeof dir + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    i18n_init(LOCALEDIR);
    if (sodium_init() < 0)
        return 1;
    tc_fixed_clock fixed = { 1795000000 };  /* 2026-11-18 */
    tc_clock clock = { tc_fixed_clock_now, &fixed, 7 * 3600 };
    unsigned sizes[] = { 1000, 10000, 100000 };
    size_t nsizes = COUNT(sizes);
    if (argc > 1)
        sizes[0] = (unsigned)strtoul(argv[1], NULL, 10), nsizes = 1;
    for (size_t i = 0; i < nsizes; i++)
        if (run_size(sizes[i], &clock) != 0) {
            fprintf(stderr, "bench: failed at %u cases\n", sizes[i]);
            return 1;
        }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS of this process (includes Argon2id): %ld KiB\n", ru.ru_maxrss);
    return 0;
}
