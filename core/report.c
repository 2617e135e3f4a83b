/* report.c - reporting periods, the figures and their breakdowns, framework
 * tags, and small-cell suppression (see report.h for the counting rules).
 *
 * report_build() is the hot path: a fiscal year over 100,000 people and
 * about a million events.  It reads the events once, keeps per-person
 * "first reached" flags in a small flat array, gives every person their
 * row(s) once through a hash of the dimension value, and sorts only the
 * few distinct rows at the end.  Nothing in it is quadratic.
 *
 * The facts come from the store, but like every record they are not
 * trusted: an event naming a person outside the array, an unknown kind or
 * an agency type or need kind outside the tables is skipped, and text
 * fields are read only up to their array size. */
#include "core/report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caserec.h"
#include "core/codes.h"
#include "core/msg.h"
#include "core/utf8.h"

#define THAI_DIGIT_ZERO 0x0E50u
#define THAI_DIGIT_NINE 0x0E59u
#define BE_OFFSET 543
#define BE_THRESHOLD 2400           /* a year above this is Buddhist era */
#define RANGE_MAX_MONTHS (20 * 12)
#define PERIOD_TEXT_MAX 64          /* longest text report_period_parse() reads */
#define ROW_TOTAL_KEY "total"

/* ================================================================ periods */

static const char *const period_texts[PERIOD_PROBLEM_COUNT] = {
    [PERIOD_OK] = N_("The period is valid."),
    [PERIOD_SYNTAX] = N_("Write the period as fy2569, 2569, 2569-10, 2569h1 or "
                         "2569-01-01..2569-03-31 (Christian-era years work too)."),
    [PERIOD_BAD_DATE] = N_("The period names a date or month that does not exist."),
    [PERIOD_REVERSED] = N_("The period ends before it starts."),
    [PERIOD_TOO_LONG] = N_("A period can be at most 20 years long."),
};

const char *period_problem_text(period_problem p)
{
    if ((int)p < 0 || p >= PERIOD_PROBLEM_COUNT)
        return N_("The period is not valid.");
    return period_texts[p];
}

static caldate make_date(int year, int month, int day)
{
    caldate d = { year, month, day };
    return d;
}

static report_period make_period(report_period_kind kind, caldate from, caldate to)
{
    report_period p;
    p.kind = kind;
    p.from = from;
    p.to = to;
    return p;
}

int fiscal_year_be(caldate d)
{
    return (d.month >= 10 ? d.year + 1 : d.year) + BE_OFFSET;
}

report_period report_period_fiscal_year(int be_year)
{
    int end = be_year - BE_OFFSET;
    return make_period(PERIOD_FISCAL_YEAR, make_date(end - 1, 10, 1), make_date(end, 9, 30));
}

report_period report_period_month(int ce_year, int month)
{
    int last = caldate_days_in_month(ce_year, month);
    return make_period(PERIOD_MONTH, make_date(ce_year, month, 1),
                       make_date(ce_year, month, last));
}

report_period report_period_calendar_year(int ce_year)
{
    return make_period(PERIOD_CALENDAR_YEAR, make_date(ce_year, 1, 1), make_date(ce_year, 12, 31));
}

report_period report_period_asean_half(int ce_year, int half)
{
    if (half == 2)
        return make_period(PERIOD_ASEAN_HALF, make_date(ce_year, 7, 1), make_date(ce_year, 12, 31));
    return make_period(PERIOD_ASEAN_HALF, make_date(ce_year, 1, 1), make_date(ce_year, 6, 30));
}

/* Floor division, so that stepping back from January or H1 lands in the
 * year before. */
static int floor_div_int(int a, int b)
{
    int q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

report_period report_period_step(report_period p, int direction)
{
    switch (p.kind) {
    case PERIOD_FISCAL_YEAR:
        return report_period_fiscal_year(fiscal_year_be(p.to) + direction);
    case PERIOD_MONTH: {
        int index = p.from.year * 12 + (p.from.month - 1) + direction;
        int year = floor_div_int(index, 12);
        return report_period_month(year, index - year * 12 + 1);
    }
    case PERIOD_CALENDAR_YEAR:
        return report_period_calendar_year(p.from.year + direction);
    case PERIOD_ASEAN_HALF: {
        int index = p.from.year * 2 + (p.from.month >= 7 ? 1 : 0) + direction;
        int year = floor_div_int(index, 2);
        return report_period_asean_half(year, index - year * 2 + 1);
    }
    case PERIOD_RANGE:
    default: {
        int64_t length = caldate_to_days(p.to) - caldate_to_days(p.from) + 1;
        int64_t shift = length * direction;
        return make_period(p.kind, caldate_add_days(p.from, shift), caldate_add_days(p.to, shift));
    }
    }
}

void report_period_code(report_period p, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return;
    switch (p.kind) {
    case PERIOD_FISCAL_YEAR:
        snprintf(out, outsz, "fy%d", fiscal_year_be(p.to));
        break;
    case PERIOD_MONTH:
        snprintf(out, outsz, "%04d-%02d", p.from.year, p.from.month);
        break;
    case PERIOD_CALENDAR_YEAR:
        snprintf(out, outsz, "%04d", p.from.year);
        break;
    case PERIOD_ASEAN_HALF:
        snprintf(out, outsz, "%04dh%d", p.from.year, p.from.month >= 7 ? 2 : 1);
        break;
    case PERIOD_RANGE:
    default:
        snprintf(out, outsz, "%04d-%02d-%02d..%04d-%02d-%02d", p.from.year, p.from.month,
                 p.from.day, p.to.year, p.to.month, p.to.day);
        break;
    }
}

/* ----------------------------------------------------- reading a period */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The text with Thai digits made ASCII, ASCII letters made lower case and
 * the whitespace around it dropped.  Any other non-ASCII character cannot
 * be part of a period: false. */
static bool normalise_period_text(const char *text, char out[PERIOD_TEXT_MAX])
{
    size_t len = strlen(text), used = 0;
    while (len > 0 && is_space(text[len - 1]))
        len--;
    size_t i = 0;
    while (i < len && is_space(text[i]))
        i++;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (n == 0)
            return false;
        char c;
        if (cp >= THAI_DIGIT_ZERO && cp <= THAI_DIGIT_NINE)
            c = (char)('0' + (cp - THAI_DIGIT_ZERO));
        else if (cp >= 'A' && cp <= 'Z')
            c = (char)(cp - 'A' + 'a');
        else if (cp < 0x80 && cp > 0)
            c = (char)cp;
        else
            return false;
        if (used + 1 >= PERIOD_TEXT_MAX)
            return false;
        out[used++] = c;
        i += n;
    }
    out[used] = '\0';
    return true;
}

/* Reads exactly `digits` digits (or, with max_digits > digits, up to that
 * many) at *s and moves past them. */
static bool read_number(const char **s, int min_digits, int max_digits, int *value)
{
    int n = 0, v = 0;
    while (n < max_digits && is_digit((*s)[n])) {
        v = v * 10 + ((*s)[n] - '0');
        n++;
    }
    if (n < min_digits)
        return false;
    *s += n;
    *value = v;
    return true;
}

/* A four-digit year, Buddhist era when above 2400, as C.E. */
static bool read_year(const char **s, int *ce_year)
{
    int y;
    if (!read_number(s, 4, 4, &y) || is_digit(**s))
        return false;
    *ce_year = y > BE_THRESHOLD ? y - BE_OFFSET : y;
    return true;
}

/* YYYY-M[M]-D[D]; a syntax error and an impossible date are told apart. */
static period_problem read_date(const char **s, caldate *d)
{
    int y, m, day;
    if (!read_year(s, &y) || **s != '-')
        return PERIOD_SYNTAX;
    (*s)++;
    if (!read_number(s, 1, 2, &m) || **s != '-')
        return PERIOD_SYNTAX;
    (*s)++;
    if (!read_number(s, 1, 2, &day))
        return PERIOD_SYNTAX;
    *d = make_date(y, m, day);
    return caldate_valid(*d) ? PERIOD_OK : PERIOD_BAD_DATE;
}

static const char *skip_spaces(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

static period_problem parse_range(const char *s, report_period *out)
{
    caldate from, to;
    period_problem p = read_date(&s, &from);
    if (p == PERIOD_SYNTAX)
        return p;
    s = skip_spaces(s);
    if (strncmp(s, "..", 2) != 0)
        return PERIOD_SYNTAX;
    s = skip_spaces(s + 2);
    period_problem q = read_date(&s, &to);
    if (q == PERIOD_SYNTAX || *s != '\0')
        return PERIOD_SYNTAX;
    if (p != PERIOD_OK || q != PERIOD_OK)
        return PERIOD_BAD_DATE;
    if (caldate_compare(to, from) < 0)
        return PERIOD_REVERSED;
    if (caldate_compare(to, caldate_add_months(from, RANGE_MAX_MONTHS)) >= 0)
        return PERIOD_TOO_LONG;
    *out = make_period(PERIOD_RANGE, from, to);
    return PERIOD_OK;
}

/* A period whose first and last days are real dates (fy1800 starts in
 * 1799, outside the calendar core supports). */
static period_problem accept(report_period p, report_period *out)
{
    if (!caldate_valid(p.from) || !caldate_valid(p.to))
        return PERIOD_BAD_DATE;
    *out = p;
    return PERIOD_OK;
}

static period_problem parse_year_form(const char *s, report_period *out)
{
    int year, n;
    if (!read_year(&s, &year))
        return PERIOD_SYNTAX;
    if (*s == '\0')
        return accept(report_period_calendar_year(year), out);
    if (*s == 'h') {
        s++;
        if (!read_number(&s, 1, 1, &n) || *s != '\0')
            return PERIOD_SYNTAX;
        if (n != 1 && n != 2)
            return PERIOD_BAD_DATE;
        return accept(report_period_asean_half(year, n), out);
    }
    if (*s == '-') {
        s++;
        if (!read_number(&s, 1, 2, &n) || *s != '\0')
            return PERIOD_SYNTAX;
        if (n < 1 || n > 12)
            return PERIOD_BAD_DATE;
        return accept(report_period_month(year, n), out);
    }
    return PERIOD_SYNTAX;
}

period_problem report_period_parse(const char *text, report_period *out)
{
    char s[PERIOD_TEXT_MAX];
    if (!text || !out || !normalise_period_text(text, s) || s[0] == '\0')
        return PERIOD_SYNTAX;
    if (strstr(s, ".."))
        return parse_range(s, out);
    if (s[0] == 'f' && s[1] == 'y') {
        const char *rest = s + 2;
        int year;
        if (!read_year(&rest, &year) || *rest != '\0')
            return PERIOD_SYNTAX;
        return accept(report_period_fiscal_year(year + BE_OFFSET), out);
    }
    return parse_year_form(s, out);
}

/* ===================================================== dims and measures */

static const code_label dims[DIM_COUNT] = {
    [DIM_TOTAL] = { "total", N_("Total") },
    [DIM_SEX] = { "sex", N_("Sex") },
    [DIM_AGE_BAND] = { "age", N_("Age band") },
    [DIM_NATIONALITY] = { "nationality", N_("Nationality") },
    [DIM_EXPLOITATION] = { "exploitation", N_("Type of exploitation") },
    [DIM_SECTOR] = { "sector", N_("Sector") },
    [DIM_ENTRY_POINT] = { "entry_point", N_("Entry point") },
    [DIM_PROVINCE] = { "province", N_("Province") },
    [DIM_OFFICER] = { "officer", N_("Officer") },
};

const char *report_dim_code(report_dim d)
{
    return codes_code(dims, DIM_COUNT, (int)d);
}

bool report_dim_from_code(const char *code, report_dim *out)
{
    int i;
    if (!codes_find(dims, DIM_COUNT, code, &i))
        return false;
    *out = (report_dim)i;
    return true;
}

const char *report_dim_label(report_dim d)
{
    return codes_label(dims, DIM_COUNT, (int)d, N_("Total"));
}

static const code_label age_bands[AGE_BAND_COUNT] = {
    [AGE_UNKNOWN] = { "unknown", N_("Age unknown") },
    [AGE_0_11] = { "0-11", N_("Child 0-11") },
    [AGE_12_14] = { "12-14", N_("Child 12-14") },
    [AGE_15_17] = { "15-17", N_("Child 15-17") },
    [AGE_18_24] = { "18-24", N_("Adult 18-24") },
    [AGE_25_34] = { "25-34", N_("Adult 25-34") },
    [AGE_35_49] = { "35-49", N_("Adult 35-49") },
    [AGE_50_PLUS] = { "50+", N_("Adult 50+") },
};

age_band age_band_of(int age)
{
    if (age < 0)
        return AGE_UNKNOWN;
    if (age <= 11)
        return AGE_0_11;
    if (age <= 14)
        return AGE_12_14;
    if (age < CHILD_AGE_LIMIT)
        return AGE_15_17;
    if (age <= 24)
        return AGE_18_24;
    if (age <= 34)
        return AGE_25_34;
    if (age <= 49)
        return AGE_35_49;
    return AGE_50_PLUS;
}

bool age_band_is_child(age_band b)
{
    return b == AGE_0_11 || b == AGE_12_14 || b == AGE_15_17;
}

const char *age_band_code(age_band b)
{
    return codes_code(age_bands, AGE_BAND_COUNT, (int)b);
}

const char *age_band_label(age_band b)
{
    return codes_label(age_bands, AGE_BAND_COUNT, (int)b, N_("Age unknown"));
}

static const code_label measures[MEASURE_COUNT] = {
    [MEASURE_SCREENED] = { "screened", N_("Screened") },
    [MEASURE_REASONABLE_GROUNDS] = { "reasonable_grounds", N_("Reasonable grounds") },
    [MEASURE_IDENTIFIED] = { "identified", N_("Identified as victims") },
    [MEASURE_REFERRED] = { "referred", N_("Referrals sent") },
    [MEASURE_NEEDS_PROVIDED] = { "needs_provided", N_("Needs provided") },
    [MEASURE_NEEDS_UNAVAILABLE] = { "needs_unavailable", N_("Needs unavailable (service gaps)") },
    [MEASURE_REPATRIATED] = { "repatriated", N_("Repatriated") },
    [MEASURE_REINTEGRATION] = { "reintegration", N_("On reintegration plans") },
    [MEASURE_FOLLOWUPS_DONE] = { "followups_done", N_("Follow-ups done") },
    [MEASURE_FOLLOWUPS_OVERDUE] = { "followups_overdue", N_("Follow-ups overdue") },
};

const char *report_measure_code(report_measure m)
{
    return codes_code(measures, MEASURE_COUNT, (int)m);
}

const char *report_measure_label(report_measure m)
{
    return codes_label(measures, MEASURE_COUNT, (int)m, "");
}

/* ====================================================== framework tags */

static const char *const framework_labels[FRAMEWORK_COUNT] = {
    [FRAMEWORK_ASEAN] = N_("ASEAN Bohol TIP Work Plan 2.0 pillar"),
    [FRAMEWORK_5P] = N_("Thailand's 5P"),
    [FRAMEWORK_MOL] = N_("Ministry of Labour strategy"),
};

const char *report_framework_label(report_framework f)
{
    if ((int)f < 0 || f >= FRAMEWORK_COUNT)
        return "";
    return framework_labels[f];
}

/* Every tag of every framework, so a screen or a legend can use the same
 * msgids even for a tag no measure carries today.
 *  ASEAN BWP 2.0 pillars and Thailand's 5P: domain-notes/seeds-000-and-004.md
 *    A.2.8 (DOC-000 para 2.2.2 items 4 and 7, para 2.4) and item 16 (L402).
 *  MOL five strategies: seeds-000-and-004.md B.2.7 (DOC-004, Form 1 and
 *    Form 3 headings; Labour Anti-Trafficking Strategy 2559-2563). */
enum tag {
    TAG_ASEAN_PREVENTION, TAG_ASEAN_PROTECTION, TAG_ASEAN_PROSECUTION, TAG_ASEAN_COOPERATION,
    TAG_5P_POLICY, TAG_5P_PREVENTION, TAG_5P_PROTECTION, TAG_5P_PROSECUTION, TAG_5P_PARTNERSHIP,
    TAG_MOL_1, TAG_MOL_2, TAG_MOL_3, TAG_MOL_4, TAG_MOL_5,
    TAG_COUNT
};

static const code_label tags[TAG_COUNT] = {
    [TAG_ASEAN_PREVENTION] = { "prevention", N_("Prevention") },
    [TAG_ASEAN_PROTECTION] = { "protection", N_("Protection") },
    [TAG_ASEAN_PROSECUTION] = { "prosecution", N_("Prosecution") },
    [TAG_ASEAN_COOPERATION] = { "cooperation", N_("Cooperation") },
    [TAG_5P_POLICY] = { "5p_policy", N_("5P: policy") },
    [TAG_5P_PREVENTION] = { "5p_prevention", N_("5P: prevention") },
    [TAG_5P_PROTECTION] = { "5p_protection", N_("5P: protection") },
    [TAG_5P_PROSECUTION] = { "5p_prosecution", N_("5P: prosecution") },
    [TAG_5P_PARTNERSHIP] = { "5p_partnership", N_("5P: partnership") },
    [TAG_MOL_1] = { "mol_1", N_("MOL strategy 1: policy mechanisms and driving the work") },
    [TAG_MOL_2] = { "mol_2", N_("MOL strategy 2: protection, problem-solving and assistance") },
    [TAG_MOL_3] = { "mol_3", N_("MOL strategy 3: efficient and effective law enforcement") },
    [TAG_MOL_4] = { "mol_4",
                    N_("MOL strategy 4: surveillance and prevention among workers at risk") },
    [TAG_MOL_5] = { "mol_5", N_("MOL strategy 5: networks and information management") },
};

/* The mapping.  No document gives a crosswalk for case figures
 * (seeds-000-and-004.md C.3 is the analysts' crosswalk of the strategies to
 * the pillars, which this follows), so each row says where it comes from.
 *  - Screened: SPA IV puts the screening of workers at risk by labour
 *    inspectors and teams under prevention, Op 2.3.3 (seed 001 L731-733;
 *    domain-notes/seed-001.md line 402); for the MOL it is strategy 4,
 *    surveillance of workers at risk (seeds-000-and-004.md B.2.7 row 4).
 *  - Reasonable grounds and identified: victims identified and protected,
 *    SPA IV Outcome 4.1 under protection (seed 001 L891-894; seed-001.md
 *    RPT-01, line 1259); MOL strategy 2 (B.2.7 row 2).
 *  - Referred, needs provided and unavailable: needs assessed and protected
 *    through the NRM, I-4.2.1 (seed 001 L924-927; RPT-02).
 *  - Repatriated: I-4.2.4 (seed 001 L977-978; RPT-03).
 *  - Reintegration and follow-ups: I-5.1.1 and long-term follow-up (seed
 *    001 L997-1000, L1009-1013; RPT-04, RPT-16), all under protection. */
static const unsigned char measure_tags[MEASURE_COUNT][FRAMEWORK_COUNT] = {
    [MEASURE_SCREENED] = { TAG_ASEAN_PREVENTION, TAG_5P_PREVENTION, TAG_MOL_4 },
    [MEASURE_REASONABLE_GROUNDS] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_IDENTIFIED] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_REFERRED] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_NEEDS_PROVIDED] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_NEEDS_UNAVAILABLE] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_REPATRIATED] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_REINTEGRATION] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_FOLLOWUPS_DONE] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
    [MEASURE_FOLLOWUPS_OVERDUE] = { TAG_ASEAN_PROTECTION, TAG_5P_PROTECTION, TAG_MOL_2 },
};

static int tag_of(report_measure m, report_framework f)
{
    if ((int)m < 0 || m >= MEASURE_COUNT || (int)f < 0 || f >= FRAMEWORK_COUNT)
        return -1;
    return measure_tags[m][f];
}

const char *report_measure_tag(report_measure m, report_framework f)
{
    return codes_label(tags, TAG_COUNT, tag_of(m, f), "");
}

const char *report_measure_tag_code(report_measure m, report_framework f)
{
    return codes_code(tags, TAG_COUNT, tag_of(m, f));
}

/* ================================================================= facts */

void report_facts_free(report_facts *f)
{
    if (!f)
        return;
    free(f->people);
    free(f->events);
    f->people = NULL;
    f->events = NULL;
    f->n_people = 0;
    f->n_events = 0;
}

/* ======================================================== building one */

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* A date as one comparable integer, with no division: later real dates
 * are larger.  The clamps only keep nonsense from overflowing. */
static int32_t day_key(caldate d)
{
    return (int32_t)clamp(d.year, 0, 99999) * 512 + clamp(d.month, 0, 15) * 32 +
           clamp(d.day, 0, 31);
}

/* The milestones a person counts in once, in the period first reached. */
enum milestone { MS_SCREENED, MS_GROUNDS, MS_IDENTIFIED, MS_REPATRIATED, MS_COUNT };

static const report_measure milestone_measure[MS_COUNT] = {
    [MS_SCREENED] = MEASURE_SCREENED,
    [MS_GROUNDS] = MEASURE_REASONABLE_GROUNDS,
    [MS_IDENTIFIED] = MEASURE_IDENTIFIED,
    [MS_REPATRIATED] = MEASURE_REPATRIATED,
};

/* Rows while counting: a dense array, found by key through an open-address
 * hash (string dimensions) or directly by enum value (sex, age band). */
typedef struct row_set {
    report_row *rows;
    size_t n, cap;
    int32_t *slots;             /* hash: row index + 1, 0 empty */
    size_t n_slots;             /* a power of two */
} row_set;

/* What the events say about one person, in two bits per milestone: a
 * milestone was first reached in the period when it was reached in the
 * period and never before it.  Every event of a milestone touches these
 * flags at random, so they are kept small enough (two bytes a person) to
 * stay in the processor's cache over 100,000 people. */
#define FLAG_BEFORE(ms) (1u << (ms))
#define FLAG_IN(ms) (1u << (MS_COUNT + (ms)))
#define FLAG_ON_PLAN (1u << (2 * MS_COUNT))

typedef struct build {
    const report_facts *f;
    report_table *t;
    row_set set;
    uint16_t *flags;            /* [n_people] FLAG_* */
    int32_t *row_of;            /* [n_people] single-row dimensions: the row */
    int32_t *xrows;             /* exploitation: [n_people][MAX] row indices */
    uint8_t *n_xrows;           /* exploitation: [n_people] rows in xrows */
    /* The earliest identification in the period, its day and its days
     * from meeting (valid when FLAG_IN(MS_IDENTIFIED) is set). */
    int32_t *identified_on, *identified_days;
    int *met_days, *accept_days;
    size_t n_met, n_accept, accept_cap;
    int32_t from, to, overdue_cutoff;
} build;

/* FNV-1a over the first HASH_PREFIX bytes and the length of text (at most
 * max bytes, up to a NUL), which it sets.  Codes and officer ids differ
 * early, and a byte-by-byte hash of a whole 36-byte id for each of 100,000
 * people is a long chain of multiplications. */
#define HASH_PREFIX 12

static uint32_t hash_text(const char *text, size_t max, size_t *len)
{
    uint32_t h = 2166136261u;
    size_t n = 0;
    for (; n < max && n < HASH_PREFIX && text[n]; n++)
        h = (h ^ (unsigned char)text[n]) * 16777619u;
    while (n < max && text[n])
        n++;
    *len = n;
    return (h ^ (uint32_t)n) * 16777619u;
}

static uint32_t hash_key(const char *key)
{
    size_t len;
    return hash_text(key, TC_ID_LEN - 1, &len);
}

static bool slots_grow(row_set *s)
{
    size_t n = s->n_slots ? s->n_slots * 2 : 256;
    int32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t r = 0; r < s->n; r++) {
        size_t i = hash_key(s->rows[r].key) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (int32_t)r + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->n_slots = n;
    return true;
}

/* A new row whose key is the first len bytes of text. */
static int32_t row_append_n(row_set *s, const char *text, size_t len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        report_row *rows = realloc(s->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        s->rows = rows;
        s->cap = cap;
    }
    report_row *r = &s->rows[s->n];
    memset(r, 0, sizeof *r);
    memcpy(r->key, text, len);
    r->key[len] = '\0';
    return (int32_t)s->n++;
}

static int32_t row_append(row_set *s, const char *key)
{
    return row_append_n(s, key, strnlen(key, TC_ID_LEN - 1));
}

/* The row of a text field of `size` bytes (terminated or not: never read
 * past it), made when first seen; -1 when memory ran out. */
static int32_t row_for_field(row_set *s, const char *field, size_t size)
{
    if ((s->n + 1) * 2 > s->n_slots && !slots_grow(s))
        return -1;
    size_t len;
    uint32_t h = hash_text(field, size < TC_ID_LEN ? size : TC_ID_LEN - 1, &len);
    size_t mask = s->n_slots - 1, i = h & mask;
    while (s->slots[i]) {
        int32_t r = s->slots[i] - 1;
        if (memcmp(s->rows[r].key, field, len) == 0 && s->rows[r].key[len] == '\0')
            return r;
        i = (i + 1) & mask;
    }
    int32_t r = row_append_n(s, field, len);
    if (r >= 0)
        s->slots[i] = r + 1;
    return r;
}

/* The row of person d for a text dimension. */
static int32_t text_row(row_set *s, const report_person_dims *d, report_dim dim)
{
    switch (dim) {
    case DIM_NATIONALITY:
        return row_for_field(s, d->nationality, sizeof d->nationality);
    case DIM_SECTOR:
        return row_for_field(s, d->sector, sizeof d->sector);
    case DIM_ENTRY_POINT:
        return row_for_field(s, d->entry_point, sizeof d->entry_point);
    case DIM_PROVINCE:
        return row_for_field(s, d->province, sizeof d->province);
    case DIM_OFFICER:
        return row_for_field(s, d->officer, sizeof d->officer);
    default:
        return row_for_field(s, "", 1);
    }
}

/* Rows for sex and age band exist for every value up front, in enum order;
 * rows nobody counted in are dropped at the end. */
static bool make_enum_rows(build *b, int count, const char *(*code)(int))
{
    for (int v = 0; v < count; v++)
        if (row_append(&b->set, code(v)) < 0)
            return false;
    return true;
}

static const char *sex_code_of(int v)
{
    return sex_code((tc_sex)v);
}

static const char *age_code_of(int v)
{
    return age_band_code((age_band)v);
}

static int sex_row(int sex)
{
    return sex >= 0 && sex < SEX_COUNT ? sex : SEX_UNKNOWN;
}

static bool assign_exploitation_rows(build *b, size_t i)
{
    const report_person_dims *d = &b->f->people[i];
    int n = d->n_exploitation < 0 ? 0
          : d->n_exploitation > REPORT_MAX_EXPLOITATION ? REPORT_MAX_EXPLOITATION
          : d->n_exploitation;
    int32_t *mine = &b->xrows[i * REPORT_MAX_EXPLOITATION];
    uint8_t count = 0;
    for (int e = 0; e < n; e++) {
        if (d->exploitation[e][0] == '\0')
            continue;
        int32_t r = row_for_field(&b->set, d->exploitation[e], sizeof d->exploitation[e]);
        if (r < 0)
            return false;
        bool seen = false;      /* a type listed twice counts once */
        for (uint8_t k = 0; k < count; k++)
            seen = seen || mine[k] == r;
        if (!seen)
            mine[count++] = r;
    }
    if (count == 0) {
        int32_t r = row_for_field(&b->set, "", 1);
        if (r < 0)
            return false;
        mine[count++] = r;
    }
    b->n_xrows[i] = count;
    return true;
}

/* The rows that exist before anybody is counted: the one total row, or
 * every sex and age band in enum order (rows nobody counted in are
 * dropped at the end). */
static bool make_fixed_rows(build *b, report_dim dim)
{
    if (dim == DIM_TOTAL)
        return row_append(&b->set, ROW_TOTAL_KEY) >= 0;
    if (dim == DIM_SEX)
        return make_enum_rows(b, SEX_COUNT, sex_code_of);
    if (dim == DIM_AGE_BAND)
        return make_enum_rows(b, AGE_BAND_COUNT, age_code_of);
    return true;
}

/* The row of person i for a single-row dimension; -1 when memory ran out. */
static int32_t single_row(build *b, size_t i)
{
    const report_person_dims *d = &b->f->people[i];
    switch (b->t->dim) {
    case DIM_TOTAL:
        return 0;
    case DIM_SEX:
        return sex_row(d->sex);
    case DIM_AGE_BAND:
        return (int32_t)age_band_of(d->age);
    default:
        return text_row(&b->set, d, b->t->dim);
    }
}

/* A person's row(s), looked up once. */
static bool person_has_rows(build *b, size_t i)
{
    if (b->xrows) {
        if (b->n_xrows[i] == 0 && !assign_exploitation_rows(b, i))
            return false;
        return true;
    }
    if (b->row_of[i] < 0)
        b->row_of[i] = single_row(b, i);
    return b->row_of[i] >= 0;
}

/* Every person's row(s), in one pass over the people in order before the
 * events are read.  (Looking them up when a person first counts reads
 * only the people a period concerns, but it reads them in the events'
 * order: measured on 100,000 people, the misses cost more than streaming
 * through all of them once.) */
static bool assign_rows(build *b)
{
    for (size_t i = 0; i < b->f->n_people; i++)
        if (!person_has_rows(b, i))
            return false;
    return true;
}

/* One more in measure m for person i: the total and each of their rows. */
static inline void count_person(build *b, uint32_t i, report_measure m)
{
    b->t->total.cells[m].n++;
    if (b->xrows) {
        const int32_t *mine = &b->xrows[(size_t)i * REPORT_MAX_EXPLOITATION];
        for (uint8_t k = 0; k < b->n_xrows[i]; k++)
            b->set.rows[mine[k]].cells[m].n++;
    } else {
        b->set.rows[b->row_of[i]].cells[m].n++;
    }
}

static bool in_period(const build *b, int32_t day)
{
    return day >= b->from && day <= b->to;
}

/* The events that make a milestone, or -1. */
static int milestone_of(int kind)
{
    switch (kind) {
    case EVENT_SCREENED: return MS_SCREENED;
    case EVENT_REASONABLE_GROUNDS: return MS_GROUNDS;
    case EVENT_IDENTIFIED: return MS_IDENTIFIED;
    case EVENT_REPATRIATED: return MS_REPATRIATED;
    default: return -1;
    }
}

/* Durations of acceptance, grown as they come (most events are not one). */
static bool note_accepted(build *b, int days)
{
    if (b->n_accept == b->accept_cap) {
        size_t cap = b->accept_cap ? b->accept_cap * 2 : 1024;
        int *grown = realloc(b->accept_days, cap * sizeof *grown);
        if (!grown)
            return false;
        b->accept_days = grown;
        b->accept_cap = cap;
    }
    b->accept_days[b->n_accept++] = days;
    return true;
}

static void count_need(build *b, const report_event *e, int column)
{
    count_person(b, e->person, column == 0 ? MEASURE_NEEDS_PROVIDED : MEASURE_NEEDS_UNAVAILABLE);
    if (e->sub < REPORT_MAX_NEED_KINDS)
        b->t->needs[e->sub][column].n++;
}

static void note_milestone(build *b, const report_event *e, int ms, int32_t on)
{
    uint32_t i = e->person;
    if (on < b->from) {
        b->flags[i] |= FLAG_BEFORE(ms);
    } else if (on <= b->to) {
        if (ms == MS_IDENTIFIED &&
            (!(b->flags[i] & FLAG_IN(ms)) || on < b->identified_on[i])) {
            b->identified_on[i] = on;
            b->identified_days[i] = e->days;
        }
        b->flags[i] |= FLAG_IN(ms);
    }
}

/* One event: what counts one by one is counted here; milestones and plans
 * are only noted per person and counted afterwards.  false only when
 * memory ran out. */
static bool read_event(build *b, const report_event *e)
{
    int32_t on = day_key(e->on);
    int ms = milestone_of(e->kind);
    if (ms >= 0) {
        note_milestone(b, e, ms, on);
        return true;
    }
    switch (e->kind) {
    case EVENT_REFERRED:
        if (in_period(b, on)) {
            count_person(b, e->person, MEASURE_REFERRED);
            if (e->sub < REPORT_MAX_AGENCY_TYPES && e->state < REPORT_MAX_REFERRAL_STATES)
                b->t->referrals[e->sub][e->state].n++;
        }
        break;
    case EVENT_REFERRAL_ACCEPTED:
        if (in_period(b, on) && e->days >= 0)
            return note_accepted(b, e->days);
        break;
    case EVENT_NEED_PROVIDED:
    case EVENT_NEED_UNAVAILABLE:
        if (in_period(b, on))
            count_need(b, e, e->kind == EVENT_NEED_PROVIDED ? 0 : 1);
        break;
    case EVENT_REINTEGRATION:
        /* Open at any time in the period: started by its end, not closed
         * before its start. */
        if (on <= b->to && (!e->until_known || day_key(e->until) >= b->from))
            b->flags[e->person] |= FLAG_ON_PLAN;
        break;
    case EVENT_FOLLOWUP_DONE:
        if (in_period(b, on))
            count_person(b, e->person, MEASURE_FOLLOWUPS_DONE);
        break;
    case EVENT_FOLLOWUP_SCHEDULED:
        /* Overdue as of the cut-off: due by then and not held by then. */
        if (on <= b->overdue_cutoff && (!e->until_known || day_key(e->until) > b->overdue_cutoff))
            count_person(b, e->person, MEASURE_FOLLOWUPS_OVERDUE);
        break;
    default:
        break;
    }
    return true;
}

static void count_people(build *b)
{
    for (uint32_t i = 0; i < (uint32_t)b->f->n_people; i++) {
        unsigned flags = b->flags[i];
        if (flags == 0)
            continue;
        for (int ms = 0; ms < MS_COUNT; ms++)
            if ((flags & (FLAG_IN(ms) | FLAG_BEFORE(ms))) == FLAG_IN(ms))
                count_person(b, i, milestone_measure[ms]);
        int ms = MS_IDENTIFIED;
        if ((flags & (FLAG_IN(ms) | FLAG_BEFORE(ms))) == FLAG_IN(ms) && b->identified_days[i] >= 0)
            b->met_days[b->n_met++] = b->identified_days[i];
        if (flags & FLAG_ON_PLAN)
            count_person(b, i, MEASURE_REINTEGRATION);
    }
}

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p% of the observations at
 * or below it, i.e. the value at rank ceil(p/100 * n). */
static int nearest_rank(const int *sorted, size_t n, unsigned percent)
{
    size_t rank = (percent * n + 99) / 100;
    return sorted[rank > 0 ? rank - 1 : 0];
}

static report_duration duration_of(int *days, size_t n)
{
    report_duration d = { 0, 0, 0 };
    if (n == 0)
        return d;
    qsort(days, n, sizeof *days, compare_int);
    d.n = n;
    d.median = nearest_rank(days, n, 50);
    d.p90 = nearest_rank(days, n, 90);
    return d;
}

static bool row_is_empty(const report_row *r)
{
    for (int m = 0; m < MEASURE_COUNT; m++)
        if (r->cells[m].n != 0)
            return false;
    return true;
}

/* Keys in byte order, with "" (not recorded) last. */
static int compare_rows_by_key(const void *a, const void *b)
{
    const report_row *x = a, *y = b;
    if (x->key[0] == '\0' || y->key[0] == '\0')
        return (x->key[0] == '\0') - (y->key[0] == '\0');
    return strcmp(x->key, y->key);
}

/* Enum order, except that an unknown age comes after the bands. */
static size_t age_row_rank(size_t band)
{
    return band == AGE_UNKNOWN ? AGE_BAND_COUNT : band;
}

/* The rows anybody counted in, in the order report.h promises. */
static bool finish_rows(build *b, report_dim dim)
{
    row_set *s = &b->set;
    report_row *rows = malloc((s->n ? s->n : 1) * sizeof *rows);
    if (!rows)
        return false;
    size_t n = 0;
    if (dim == DIM_AGE_BAND) {
        for (size_t rank = 1; rank <= AGE_BAND_COUNT; rank++)
            for (size_t r = 0; r < s->n; r++)
                if (age_row_rank(r) == rank && !row_is_empty(&s->rows[r]))
                    rows[n++] = s->rows[r];
    } else {
        for (size_t r = 0; r < s->n; r++)
            if (!row_is_empty(&s->rows[r]))
                rows[n++] = s->rows[r];
        if (dim != DIM_SEX && dim != DIM_TOTAL)
            qsort(rows, n, sizeof *rows, compare_rows_by_key);
    }
    b->t->rows = rows;
    b->t->n_rows = n;
    return true;
}

static void build_free(build *b)
{
    free(b->set.rows);
    free(b->set.slots);
    free(b->flags);
    free(b->row_of);
    free(b->xrows);
    free(b->n_xrows);
    free(b->identified_on);
    free(b->identified_days);
    free(b->met_days);
    free(b->accept_days);
}

static bool build_alloc(build *b, report_dim dim)
{
    size_t n = b->f->n_people ? b->f->n_people : 1;
    if (dim == DIM_EXPLOITATION) {
        b->xrows = malloc(n * REPORT_MAX_EXPLOITATION * sizeof *b->xrows);
        b->n_xrows = calloc(n, sizeof *b->n_xrows);
        if (!b->xrows || !b->n_xrows)
            return false;
    } else {
        b->row_of = malloc(n * sizeof *b->row_of);
        if (!b->row_of)
            return false;
        for (size_t i = 0; i < n; i++)
            b->row_of[i] = -1;
    }
    b->flags = calloc(n, sizeof *b->flags);
    b->identified_on = malloc(n * sizeof *b->identified_on);
    b->identified_days = malloc(n * sizeof *b->identified_days);
    b->met_days = malloc(n * sizeof *b->met_days);
    return b->flags && b->identified_on && b->identified_days && b->met_days;
}

/* An event about somebody in the facts, of a known kind, on a day that
 * could be real: a nonsense day would otherwise become somebody's
 * "first".  (A 30 February would pass, and sort as 2 March would: this
 * check is on the path of every event, so it stays cheap.) */
static bool event_usable(const report_facts *f, const report_event *e)
{
    return e->person < f->n_people && e->kind < EVENT_KIND_COUNT && e->on.year >= 1800 &&
           e->on.year <= 9999 && e->on.month >= 1 && e->on.month <= 12 && e->on.day >= 1 &&
           e->on.day <= 31;
}

static int32_t min_day(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

bool report_build(const report_facts *f, report_period p, report_dim dim, report_table *t)
{
    if (!t)
        return false;
    memset(t, 0, sizeof *t);
    t->period = p;
    t->dim = dim;
    t->rows_overlap = dim == DIM_EXPLOITATION;
    snprintf(t->total.key, sizeof t->total.key, "%s", ROW_TOTAL_KEY);
    if ((int)dim < 0 || dim >= DIM_COUNT || !f || (f->n_people && !f->people) ||
        (f->n_events && !f->events) || f->n_people > UINT32_MAX)
        return false;

    build b;
    memset(&b, 0, sizeof b);
    b.f = f;
    b.t = t;
    b.from = day_key(p.from);
    b.to = day_key(p.to);
    b.overdue_cutoff = min_day(b.to, day_key(f->today));
    bool ok = build_alloc(&b, dim) && make_fixed_rows(&b, dim) && assign_rows(&b);
    if (ok) {
        for (size_t i = 0; ok && i < f->n_events; i++)
            if (event_usable(f, &f->events[i]))
                ok = read_event(&b, &f->events[i]);
    }
    if (ok) {
        count_people(&b);
        t->met_to_identified = duration_of(b.met_days, b.n_met);
        t->referral_to_accepted = duration_of(b.accept_days, b.n_accept);
        ok = finish_rows(&b, dim);
    }
    build_free(&b);
    if (!ok) {
        report_table_free(t);
        memset(t, 0, sizeof *t);
        t->period = p;
        t->dim = dim;
    }
    return ok;
}

void report_table_free(report_table *t)
{
    if (!t)
        return;
    free(t->rows);
    t->rows = NULL;
    t->n_rows = 0;
}

/* ========================================================== suppression */

/* A line of cells that add up to something published (a column of the
 * table over its rows adds up to the total) or that stand side by side (a
 * row): the cells are reached through pointers so rows and columns of the
 * three tables are handled alike. */
typedef struct line {
    report_cell **cells;
    size_t n;
} line;

static bool primary(report_cell *c, int k)
{
    if (c->n > 0 && c->n < k && !c->suppressed) {
        c->suppressed = true;
        return true;
    }
    return false;
}

/* When exactly one cell of the line is suppressed, the smallest other
 * non-zero cell is suppressed too; true when it changed something. */
static bool secondary(line l)
{
    size_t hidden = 0;
    report_cell *smallest = NULL;
    for (size_t i = 0; i < l.n; i++) {
        report_cell *c = l.cells[i];
        if (c->suppressed)
            hidden++;
        else if (c->n != 0 && (!smallest || c->n < smallest->n))
            smallest = c;
    }
    if (hidden != 1 || !smallest)
        return false;
    smallest->suppressed = true;
    return true;
}

/* Gives a scratch array big enough for the longest line. */
static size_t longest_line(const report_table *t)
{
    size_t n = t->n_rows > MEASURE_COUNT ? t->n_rows : MEASURE_COUNT;
    if (n < REPORT_MAX_AGENCY_TYPES)
        n = REPORT_MAX_AGENCY_TYPES;
    if (n < REPORT_MAX_NEED_KINDS)
        n = REPORT_MAX_NEED_KINDS;
    return n;
}

/* One pass of the secondary rule over every line of the three tables
 * that adds up to a published figure; true when anything changed.  The
 * referral table's rows and columns both count: its cells add up to the
 * main table's referral total, and a reader can see every state. */
static bool secondary_pass(report_table *t, report_cell **scratch)
{
    bool changed = false;
    line l = { scratch, 0 };
    /* The main table: each column, whose rows add up to the published
     * total.  Its rows are different figures about the same people and
     * add up to nothing, so a row with one hidden cell gives nothing away. */
    for (int m = 0; m < MEASURE_COUNT; m++) {
        for (l.n = 0; l.n < t->n_rows; l.n++)
            scratch[l.n] = &t->rows[l.n].cells[m];
        changed |= secondary(l);
    }
    /* Referrals: agency type by state. */
    for (int a = 0; a < REPORT_MAX_AGENCY_TYPES; a++) {
        for (l.n = 0; l.n < REPORT_MAX_REFERRAL_STATES; l.n++)
            scratch[l.n] = &t->referrals[a][l.n];
        changed |= secondary(l);
    }
    for (int s = 0; s < REPORT_MAX_REFERRAL_STATES; s++) {
        for (l.n = 0; l.n < REPORT_MAX_AGENCY_TYPES; l.n++)
            scratch[l.n] = &t->referrals[l.n][s];
        changed |= secondary(l);
    }
    /* Needs: each column (provided, unavailable) adds up over the kinds
     * to a published total; a kind's two cells add up to nothing shown. */
    for (int c = 0; c < 2; c++) {
        for (l.n = 0; l.n < REPORT_MAX_NEED_KINDS; l.n++)
            scratch[l.n] = &t->needs[l.n][c];
        changed |= secondary(l);
    }
    return changed;
}

static size_t primary_all(report_table *t, int k)
{
    size_t n = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        for (int m = 0; m < MEASURE_COUNT; m++)
            n += primary(&t->rows[r].cells[m], k);
    for (int m = 0; m < MEASURE_COUNT; m++)
        n += primary(&t->total.cells[m], k);
    for (int a = 0; a < REPORT_MAX_AGENCY_TYPES; a++)
        for (int s = 0; s < REPORT_MAX_REFERRAL_STATES; s++)
            n += primary(&t->referrals[a][s], k);
    for (int nk = 0; nk < REPORT_MAX_NEED_KINDS; nk++)
        for (int c = 0; c < 2; c++)
            n += primary(&t->needs[nk][c], k);
    return n;
}

static size_t count_suppressed(const report_table *t)
{
    size_t n = 0;
    for (size_t r = 0; r < t->n_rows; r++)
        for (int m = 0; m < MEASURE_COUNT; m++)
            n += t->rows[r].cells[m].suppressed;
    for (int m = 0; m < MEASURE_COUNT; m++)
        n += t->total.cells[m].suppressed;
    for (int a = 0; a < REPORT_MAX_AGENCY_TYPES; a++)
        for (int s = 0; s < REPORT_MAX_REFERRAL_STATES; s++)
            n += t->referrals[a][s].suppressed;
    for (int nk = 0; nk < REPORT_MAX_NEED_KINDS; nk++)
        for (int c = 0; c < 2; c++)
            n += t->needs[nk][c].suppressed;
    return n;
}

static void drop_thin_duration(report_duration *d, int k)
{
    if (d->n > 0 && d->n < (size_t)k) {
        d->n = 0;
        d->median = 0;
        d->p90 = 0;
    }
}

/* The secondary rule runs until nothing changes, since hiding one more
 * cell can leave another line with a single hidden cell; that is also why
 * a second call finds nothing left to do. */
void report_suppress(report_table *t, int k)
{
    if (!t)
        return;
    if (k > 0) {
        primary_all(t, k);
        report_cell **scratch = malloc(longest_line(t) * sizeof *scratch);
        if (scratch) {
            while (secondary_pass(t, scratch))
                ;
            free(scratch);
        } else {
            /* Without memory to look for the cell that protects a lone
             * hidden one, hide every non-zero cell: never publish less safely. */
            primary_all(t, INT_MAX);
        }
        drop_thin_duration(&t->met_to_identified, k);
        drop_thin_duration(&t->referral_to_accepted, k);
    }
    t->k = k;
    t->suppressed = count_suppressed(t);
}

int64_t report_column_max(const report_table *t, report_measure m)
{
    int64_t max = 0;
    if (!t || (int)m < 0 || m >= MEASURE_COUNT)
        return 0;
    /* A suppressed cell does not set the scale: the bars would give its
     * size away. */
    for (size_t r = 0; r < t->n_rows; r++)
        if (!t->rows[r].cells[m].suppressed && t->rows[r].cells[m].n > max)
            max = t->rows[r].cells[m].n;
    return max;
}
