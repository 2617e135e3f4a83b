/* thdate.c - reading and writing dates in either era, Thai or English.
 *
 * Input is tokenised (numbers, words, separators) and matched against a
 * few shapes: d/m/y, y-m-d, "d month y" and "month d, y".  Era markers
 * (พ.ศ., ค.ศ., B.E., C.E.) next to the year decide the era; without one a
 * year of 2400 or more is Buddhist era.  Years must have four digits, so a
 * two-digit "69" is never guessed into a century. */
#include "config.h"
#include "i18n/thdate.h"
#include <stdio.h>
#include <string.h>
#include "i18n/i18n.h"

#define INPUT_MAX 128           /* longer input is not a date */
#define TOKENS_MAX 8
#define BE_YEAR_THRESHOLD 2400

/* Thai digit ZERO..NINE are U+0E50..U+0E59: E0 B9 90..99 in UTF-8. */
#define THAI_DIGIT_LEAD1 0xE0
#define THAI_DIGIT_LEAD2 0xB9
#define THAI_DIGIT_ZERO 0x90

static const char *const thai_month_full[12] = {
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};
static const char *const thai_month_abbr[12] = {
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};
static const char *const english_month_full[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

/* ---- digits ---- */

/* Bytes in the UTF-8 sequence that starts with lead (1 for a stray byte). */
static size_t utf8_seq_len(unsigned char lead)
{
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    return 1;
}

static bool is_thai_digit(const unsigned char *p, size_t left)
{
    return left >= 3 && p[0] == THAI_DIGIT_LEAD1 && p[1] == THAI_DIGIT_LEAD2 &&
           p[2] >= THAI_DIGIT_ZERO && p[2] <= THAI_DIGIT_ZERO + 9;
}

/* A digit to swap at p: returns how many input bytes it takes (0 when p
 * holds no such digit) and puts the bytes that stand for it in the other
 * script into rep, rep_len of them. */
typedef size_t (*digit_swap)(const unsigned char *p, size_t left, char rep[3], size_t *rep_len);

static size_t thai_digit_as_ascii(const unsigned char *p, size_t left, char rep[3],
                                  size_t *rep_len)
{
    if (!is_thai_digit(p, left))
        return 0;
    rep[0] = (char)('0' + (p[2] - THAI_DIGIT_ZERO));
    *rep_len = 1;
    return 3;
}

static size_t ascii_digit_as_thai(const unsigned char *p, size_t left, char rep[3],
                                  size_t *rep_len)
{
    (void)left;                         /* *p is there: left > 0 */
    if (*p < '0' || *p > '9')
        return 0;
    rep[0] = (char)THAI_DIGIT_LEAD1;
    rep[1] = (char)THAI_DIGIT_LEAD2;
    rep[2] = (char)(THAI_DIGIT_ZERO + (*p - '0'));
    *rep_len = 3;
    return 1;
}

/* Copies in to out, swapping each digit swap finds and keeping every other
 * character as it is; what does not fit is cut between characters. */
static void swap_digits(const char *in, char *out, size_t outsz, digit_swap swap)
{
    if (outsz == 0)
        return;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    size_t left = strlen((const char *)p), used = 0;
    while (left > 0) {
        char rep[3];
        size_t rep_len = 0;
        size_t take = swap(p, left, rep, &rep_len);
        const void *src = rep;
        if (take == 0) {
            size_t n = utf8_seq_len(*p);
            take = rep_len = n > left ? left : n;
            src = p;
        }
        if (used + rep_len >= outsz)    /* never write half a character */
            break;
        memmove(out + used, src, rep_len);  /* digits_to_ascii may run in place */
        used += rep_len;
        p += take;
        left -= take;
    }
    out[used] = '\0';
}

void digits_to_ascii(const char *in, char *out, size_t outsz)
{
    swap_digits(in, out, outsz, thai_digit_as_ascii);
}

void digits_to_thai(const char *in, char *out, size_t outsz)
{
    swap_digits(in, out, outsz, ascii_digit_as_thai);
}

/* ---- tokens ---- */

typedef enum token_kind { TOK_NUMBER, TOK_WORD } token_kind;

typedef struct token {
    token_kind kind;
    const char *text;
    size_t len;
    char sep_before;    /* '/', '-', '.', ',', ' ' for spaces, 0 for none */
} token;

typedef enum era { ERA_UNSTATED, ERA_BUDDHIST, ERA_COMMON } era;

/* ASCII classes by hand: <ctype.h> answers depend on the locale. */
static bool is_ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool is_ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char ascii_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_separator(unsigned char c)
{
    return c == '/' || c == '-' || c == '.' || c == ',';
}

/* Letters of a word: ASCII letters and any non-ASCII character (Thai);
 * a dot inside or after a word belongs to it ("พ.ย.", "B.E.", "Nov."). */
static bool is_word_byte(unsigned char c)
{
    return is_ascii_alpha(c) || c >= 0x80;
}

/* Splits s into tokens; false when it cannot be a date at all. */
static bool tokenize(const char *s, token *toks, size_t *ntok)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        char sep = 0;
        while (*p && (is_space(*p) || is_separator(*p))) {
            if (is_separator(*p)) {
                if (sep != 0 && sep != ' ')
                    return false;           /* "21//11" */
                sep = (char)*p;
            } else if (sep == 0) {
                sep = ' ';
            }
            p++;
        }
        if (!*p)
            break;                          /* trailing separator is ignored */
        if (n == TOKENS_MAX)
            return false;
        token *t = &toks[n++];
        t->text = (const char *)p;
        t->sep_before = sep;
        if (is_ascii_digit(*p)) {
            t->kind = TOK_NUMBER;
            while (is_ascii_digit(*p))
                p++;
        } else if (is_word_byte(*p)) {
            t->kind = TOK_WORD;
            while (is_word_byte(*p) || *p == '.')
                p++;
        } else {
            return false;
        }
        t->len = (size_t)((const char *)p - t->text);
    }
    *ntok = n;
    return true;
}

/* A word without its dots, ASCII letters lower-cased: "พ.ย." -> "พย",
 * "Nov." -> "nov". */
static void word_key(const token *t, char *out, size_t outsz)
{
    size_t n = 0;
    for (size_t i = 0; i < t->len && n + 1 < outsz; i++) {
        unsigned char c = (unsigned char)t->text[i];
        if (c == '.')
            continue;
        out[n++] = (char)ascii_lower(c);
    }
    out[n] = '\0';
}

static era era_of_word(const token *t)
{
    static const char *const buddhist[] = { "พศ", "พุทธศักราช", "be" };
    static const char *const common[] = { "คศ", "คริสต์ศักราช", "ce", "ad" };
    char key[64];
    word_key(t, key, sizeof key);
    for (size_t i = 0; i < sizeof buddhist / sizeof buddhist[0]; i++)
        if (!strcmp(key, buddhist[i]))
            return ERA_BUDDHIST;
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        if (!strcmp(key, common[i]))
            return ERA_COMMON;
    return ERA_UNSTATED;
}

/* 1..12 for a Thai or English month name or abbreviation, else 0. */
static int month_of_word(const token *t)
{
    char key[64], name[64];
    word_key(t, key, sizeof key);
    size_t klen = strlen(key);
    for (int m = 0; m < 12; m++) {
        if (!strcmp(key, thai_month_full[m]))
            return m + 1;
        token abbr = { TOK_WORD, thai_month_abbr[m], strlen(thai_month_abbr[m]), 0 };
        word_key(&abbr, name, sizeof name);
        if (!strcmp(key, name))
            return m + 1;
        /* English: the full name or any prefix of three letters or more
         * ("Nov", "Sept", "November"). */
        token full = { TOK_WORD, english_month_full[m], strlen(english_month_full[m]), 0 };
        word_key(&full, name, sizeof name);
        if (klen >= 3 && klen <= strlen(name) && !strncmp(key, name, klen))
            return m + 1;
    }
    return 0;
}

/* ---- shapes ---- */

typedef struct date_parts {
    int day, month, year;
    size_t year_index;      /* token index of the year, for the era check */
} date_parts;

static bool number_value(const token *t, size_t min_digits, size_t max_digits, int *out)
{
    if (t->kind != TOK_NUMBER || t->len < min_digits || t->len > max_digits)
        return false;
    int v = 0;
    for (size_t i = 0; i < t->len; i++)
        v = v * 10 + (t->text[i] - '0');
    *out = v;
    return true;
}

/* 21/11/2569, 21-11-2026, 21.11.2569, 2026-11-21 */
static bool match_numeric(const token *t, const size_t *idx, date_parts *d)
{
    char sep = t[idx[1]].sep_before;
    if (sep != t[idx[2]].sep_before || (sep != '/' && sep != '-' && sep != '.'))
        return false;
    if (number_value(&t[idx[0]], 4, 4, &d->year) && number_value(&t[idx[1]], 1, 2, &d->month) &&
        number_value(&t[idx[2]], 1, 2, &d->day)) {
        d->year_index = idx[0];
        return true;
    }
    if (number_value(&t[idx[0]], 1, 2, &d->day) && number_value(&t[idx[1]], 1, 2, &d->month) &&
        number_value(&t[idx[2]], 4, 4, &d->year)) {
        d->year_index = idx[2];
        return true;
    }
    return false;
}

/* "21 พ.ย. 2569", "21 Nov 2026", "21-Nov-2026", "21พ.ย.2569" */
static bool match_day_name_year(const token *t, const size_t *idx, date_parts *d)
{
    char s1 = t[idx[1]].sep_before, s2 = t[idx[2]].sep_before;
    if ((s1 != 0 && s1 != ' ' && s1 != '-') || (s2 != 0 && s2 != ' ' && s2 != '-' && s2 != ','))
        return false;
    if (t[idx[1]].kind != TOK_WORD || !number_value(&t[idx[0]], 1, 2, &d->day) ||
        !number_value(&t[idx[2]], 4, 4, &d->year))
        return false;
    d->month = month_of_word(&t[idx[1]]);
    d->year_index = idx[2];
    return d->month != 0;
}

/* "Nov 21, 2026", "November 21 2026" */
static bool match_name_day_year(const token *t, const size_t *idx, date_parts *d)
{
    char s1 = t[idx[1]].sep_before, s2 = t[idx[2]].sep_before;
    if (s1 != ' ' || (s2 != ' ' && s2 != ','))
        return false;
    if (t[idx[0]].kind != TOK_WORD || !number_value(&t[idx[1]], 1, 2, &d->day) ||
        !number_value(&t[idx[2]], 4, 4, &d->year))
        return false;
    d->month = month_of_word(&t[idx[0]]);
    d->year_index = idx[2];
    return d->month != 0;
}

/* Finds the era marker (at most one) and the three other tokens. */
static bool split_era(const token *t, size_t n, era *e, size_t *era_index, size_t idx[3])
{
    size_t k = 0;
    *e = ERA_UNSTATED;
    for (size_t i = 0; i < n; i++) {
        era this_era = t[i].kind == TOK_WORD ? era_of_word(&t[i]) : ERA_UNSTATED;
        if (this_era != ERA_UNSTATED) {
            if (*e != ERA_UNSTATED)
                return false;
            *e = this_era;
            *era_index = i;
        } else {
            if (k == 3)
                return false;
            idx[k++] = i;
        }
    }
    return k == 3;
}

static thdate_error check_date(const date_parts *d, era e, caldate *out)
{
    if (e == ERA_UNSTATED)
        e = d->year >= BE_YEAR_THRESHOLD ? ERA_BUDDHIST : ERA_COMMON;
    int year = e == ERA_BUDDHIST ? ce_from_be(d->year) : d->year;
    caldate c = { year, d->month, d->day };
    if (year < 1800 || year > 9999)
        return THDATE_OUT_OF_RANGE;
    if (!caldate_valid(c))
        return THDATE_IMPOSSIBLE;
    *out = c;
    return THDATE_OK;
}

thdate_error thdate_parse(const char *text, caldate *out)
{
    if (!text)
        return THDATE_EMPTY;
    if (strlen(text) >= INPUT_MAX)
        return THDATE_FORMAT;
    char ascii[INPUT_MAX];
    digits_to_ascii(text, ascii, sizeof ascii);
    token toks[TOKENS_MAX];
    size_t n = 0;
    if (!tokenize(ascii, toks, &n))
        return THDATE_FORMAT;
    if (n == 0)
        return THDATE_EMPTY;
    era e;
    size_t era_index = 0, idx[3];
    if (!split_era(toks, n, &e, &era_index, idx))
        return THDATE_FORMAT;
    date_parts d = { 0, 0, 0, 0 };
    if (!match_numeric(toks, idx, &d) && !match_day_name_year(toks, idx, &d) &&
        !match_name_day_year(toks, idx, &d))
        return THDATE_FORMAT;
    /* An era marker must stand next to the year it qualifies. */
    if (e != ERA_UNSTATED && era_index + 1 != d.year_index && d.year_index + 1 != era_index)
        return THDATE_FORMAT;
    return check_date(&d, e, out);
}

const char *thdate_error_text(thdate_error e)
{
    switch (e) {
    case THDATE_OK:
        return "";
    case THDATE_EMPTY:
        return N_("Enter a date.");
    case THDATE_FORMAT:
        return N_("Enter a date as day/month/year, e.g. 21/11/2026.");
    case THDATE_IMPOSSIBLE:
        return N_("That date does not exist in the calendar.");
    case THDATE_OUT_OF_RANGE:
        return N_("Enter a year from 1800 C.E. (2343 B.E.) onwards.");
    }
    return N_("Enter a date as day/month/year, e.g. 21/11/2026.");
}

/* ---- formatting ---- */

/* Copies src into out, cutting only between UTF-8 characters. */
static void copy_utf8(const char *src, char *out, size_t outsz)
{
    if (outsz == 0)
        return;
    size_t used = 0, len = strlen(src);
    while (used < len) {
        size_t n = utf8_seq_len((unsigned char)src[used]);
        if (used + n > len || used + n >= outsz)
            break;
        used += n;
    }
    memcpy(out, src, used);
    out[used] = '\0';
}

static void english_abbr(int month, char out[4])
{
    memcpy(out, english_month_full[month - 1], 3);
    out[3] = '\0';
}

void thdate_format(caldate d, bool thai, char *out, size_t outsz)
{
    char buf[THDATE_MAX * 2] = "";
    if (caldate_valid(d)) {
        if (thai) {
            snprintf(buf, sizeof buf, "%d %s %d", d.day, thai_month_abbr[d.month - 1],
                     be_from_ce(d.year));
        } else {
            char abbr[4];
            english_abbr(d.month, abbr);
            snprintf(buf, sizeof buf, "%d %s %d", d.day, abbr, d.year);
        }
    }
    copy_utf8(buf, out, outsz);
}

void thdate_format_long(caldate d, bool thai, char *out, size_t outsz)
{
    char buf[THDATE_MAX * 2] = "";
    if (caldate_valid(d)) {
        if (thai)
            snprintf(buf, sizeof buf, "%d %s พ.ศ. %d", d.day, thai_month_full[d.month - 1],
                     be_from_ce(d.year));
        else
            snprintf(buf, sizeof buf, "%d %s %d", d.day, english_month_full[d.month - 1], d.year);
    }
    copy_utf8(buf, out, outsz);
}

void thdate_format_input(caldate d, bool thai, char *out, size_t outsz)
{
    char buf[THDATE_MAX] = "";
    if (caldate_valid(d))
        snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month,
                 thai ? be_from_ce(d.year) : d.year);
    copy_utf8(buf, out, outsz);
}
