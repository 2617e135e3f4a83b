/* fuzz_options.c - libFuzzer target for the values of command-line options
 * and form fields, read by the same functions getopt hands them to: counts
 * (--width, --version-number, hours and days settings), --passphrase-fd,
 * settings, case references, the case fields (--sex, --birth, --age,
 * --nationality, --entry-point, --province, --date-met: tui/caseinput.h),
 * code lists (--needs, --services, --shared, --items), agency contacts
 * (--phone, --line-id, --email) and the single codes (--role, --urgency,
 * --type, --level, --by, ...).  getopt itself is not fuzzed.
 *
 * The input is cut at newlines into values; each value goes to every
 * reader, and the first eight fill a case's fields.  Nothing may crash,
 * read out of bounds, overflow or leak; what a reader accepts has the
 * shape its header promises, and its written form reads back the same.
 * Built and run by `make fuzz` (see Makefile.am), never by make check. */
#include "config.h"
#include "core/agency.h"
#include "core/caserec.h"
#include "core/caseref.h"
#include "core/clocks.h"
#include "core/exchange_items.h"
#include "core/officer.h"
#include "core/referral.h"
#include "core/reintegration.h"
#include "core/repatriation.h"
#include "core/report.h"
#include "tui/app.h"
#include "tui/caseinput.h"
#include "tui/cli_internal.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok)
        abort();
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static void fuzz_numbers(const char *v)
{
    static const long maxes[] = { 1, 200, 1000000, 2147483647L };
    for (size_t i = 0; i < sizeof maxes / sizeof maxes[0]; i++) {
        int n = -7;
        if (cli_parse_count(v, maxes[i], &n))
            check(all_digits(v) && n >= 1 && n <= maxes[i]);
        else
            check(n == -7);
    }
    int fd = -7;
    if (app_parse_fd(v, &fd))
        check(all_digits(v) && fd >= 0 && fd <= 1024);
    else
        check(fd == -7);
    if (app_setting_valid("lock_minutes", v))
        check(all_digits(v));
    if (app_setting_valid("language", v))
        check(!strcmp(v, "th") || !strcmp(v, "en"));
    app_setting_valid(v, v);
}

static void fuzz_caseref(const char *v)
{
    char code[STORE_CODE_LEN + 1];
    int year = 0, number = 0;
    if (caseref_parse(v, code, &year, &number)) {
        char again[CASEREF_MAX];
        char code2[STORE_CODE_LEN + 1];
        int year2, number2;
        check(storecode_valid(code));
        check(caseref_format(again, sizeof again, code, year, number));
        check(caseref_parse(again, code2, &year2, &number2) && !strcmp(code, code2) &&
              year == year2 && number == number2);
    }
    storecode_valid(v);
}

static void fuzz_code_lists(const char *v)
{
    need_set needs = 0x80000000u, back;
    if (need_set_parse(v, &needs)) {
        char form[NEED_SET_TEXT_MAX];
        check(need_set_valid(needs) && need_set_format(needs, form, sizeof form));
        check(need_set_parse(form, &back) && back == needs);
    } else {
        check(needs == 0x80000000u);
    }
    code_set shared;
    referral_sections_parse(v, &shared);
    exch_item_choice items, items2;
    char bad[8];
    exch_items_problem p = exch_items_parse(v, &items, bad, sizeof bad);
    check(p < EXCH_ITEMS_PROBLEM_COUNT && exch_items_problem_text(p) != NULL);
    if (p == EXCH_ITEMS_OK) {
        char form[EXCH_ITEMS_TEXT_MAX];
        check(items.n > 0 && items.n <= EXCH_ITEMS_MAX);
        check(exch_items_format(&items, form, sizeof form));
        check(exch_items_parse(form, &items2, NULL, 0) == EXCH_ITEMS_OK && items2.n == items.n &&
              memcmp(items2.items, items.items, items.n * sizeof items.items[0]) == 0);
    } else {
        check(strlen(bad) < sizeof bad);
    }
}

static void fuzz_codes(const char *v)
{
    officer_role role;
    referral_urgency urgency;
    referral_channel channel;
    referral_state state;
    agency_type type;
    agency_level level;
    report_dim dim;
    clock_kind clock;
    followup_method method;
    retrafficking_risk risk;
    repat_direction direction;
    tc_sex sex;
    role_from_code(v, &role);
    referral_urgency_from_code(v, &urgency);
    referral_channel_from_code(v, &channel);
    referral_state_from_code(v, &state);
    agency_type_from_code(v, &type);
    agency_level_from_code(v, &level);
    report_dim_from_code(v, &dim);
    clock_kind_from_code(v, &clock);
    followup_method_from_code(v, &method);
    risk_from_code(v, &risk);
    repat_direction_from_code(v, &direction);
    sex_from_code(v, &sex);
    agency_phone_valid(v);
    agency_line_id_valid(v);
    agency_email_valid(v);
    code_well_formed(v);
    char folded[64];
    agency_search_fold(v, folded, sizeof folded);
    check(strlen(folded) < sizeof folded);
}

/* The first eight values fill a case's typed fields, as `tipcase new` and
 * the person form do; whatever reads leaves a case whose fields hold what
 * caserec.h says. */
static void fuzz_case(char **values, size_t n)
{
    const char *v[8] = { NULL };
    for (size_t i = 0; i < n && i < 8; i++)
        v[i] = values[i];
    case_text t = { .name_thai = v[0], .sex = v[0], .birth = v[1], .age = v[2],
                    .nationalities = v[3], .languages = v[4], .entry_point = v[5],
                    .province = v[6], .date_met = v[7], .notes = v[4] };
    tc_case c;
    case_init(&c);
    const char *field = NULL;
    const char *problem = case_from_text(&c, &t, &field);
    check(!problem || field != NULL);
    check(!c.birth_known || caldate_valid(c.birth));
    check(!c.date_met_known || caldate_valid(c.date_met));
    check(c.n_nationalities >= 0 && c.n_nationalities <= CASE_MAX_NATIONALITIES);
    for (int i = 0; i < c.n_nationalities; i++)
        check(strlen(c.nationalities[i]) < 3);
    check(c.estimated_age == -1 || (c.estimated_age >= 0 && c.estimated_age <= CASE_AGE_MAX));
    char form[64];
    case_format_nationalities(&c, form, sizeof form);
    case_format_date_input(c.birth_known, c.birth, form, sizeof form);
}

#define VALUES_MAX 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    check(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    char *values[VALUES_MAX];
    size_t n = 0;
    for (char *p = text; n < VALUES_MAX;) {
        values[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    for (size_t i = 0; i < n; i++) {
        fuzz_numbers(values[i]);
        fuzz_caseref(values[i]);
        fuzz_code_lists(values[i]);
        fuzz_codes(values[i]);
    }
    fuzz_case(values, n);
    free(text);
    return 0;
}
