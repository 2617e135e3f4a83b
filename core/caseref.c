/* caseref.c - store codes and case references in Crockford base32.
 *
 * The alphabet leaves out I, L, O and U: a reference read aloud or copied
 * by hand from a paper form cannot turn into another one. */
#include "core/caseref.h"

#include <stdio.h>
#include <string.h>

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Years a reference may carry: B.E. 2343 is 1800 C.E., the first year a
 * caldate accepts; four digits keep the reference's shape fixed. */
#define BE_YEAR_MIN 2343
#define BE_YEAR_MAX 9999
/* Nine digits always fit in an int and in CASEREF_MAX. */
#define NUMBER_MAX 999999999
#define NUMBER_DIGITS_MAX 9

void storecode_from_random(const unsigned char rnd[STORE_CODE_LEN],
                           char out[STORE_CODE_LEN + 1])
{
    /* 256 is a multiple of 32, so the low five bits are uniform. */
    for (int i = 0; i < STORE_CODE_LEN; i++)
        out[i] = crockford[rnd[i] & 0x1Fu];
    out[STORE_CODE_LEN] = '\0';
}

static bool in_alphabet(char ch)
{
    return ch != '\0' && strchr(crockford, ch) != NULL;
}

bool storecode_valid(const char *code)
{
    if (!code)
        return false;
    for (int i = 0; i < STORE_CODE_LEN; i++)
        if (!in_alphabet(code[i]))
            return false;
    return code[STORE_CODE_LEN] == '\0';
}

bool caseref_format(char *out, size_t outsz, const char *store_code,
                    int be_year, int number)
{
    if (!out || !storecode_valid(store_code) || be_year < BE_YEAR_MIN
        || be_year > BE_YEAR_MAX || number < 1 || number > NUMBER_MAX)
        return false;
    int n = snprintf(out, outsz, "%s-%04d-%04d", store_code, be_year, number);
    if (n < 0 || (size_t)n >= outsz) {
        if (outsz > 0)
            out[0] = '\0';
        return false;
    }
    return true;
}

/* The character a reader most likely meant, upper case; 0 for none.
 * Crockford: O is 0, I and L are 1. */
static char canonical_char(char ch)
{
    if (ch >= 'a' && ch <= 'z')
        ch = (char)(ch - 'a' + 'A');
    if (ch == 'O')
        return '0';
    if (ch == 'I' || ch == 'L')
        return '1';
    return in_alphabet(ch) ? ch : 0;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Reads one group of digits up to '-' or the end; false when empty, longer
 * than max_digits, or holding anything but digits (after misreadings). */
static bool read_number(const char **p, int max_digits, int *digits, int *value)
{
    int v = 0, n = 0;
    for (; **p && **p != '-' && !is_space(**p); (*p)++) {
        char ch = canonical_char(**p);
        if (ch < '0' || ch > '9' || n == max_digits)
            return false;
        v = v * 10 + (ch - '0');
        n++;
    }
    *digits = n;
    *value = v;
    return n > 0;
}

bool caseref_parse(const char *text, char store_code[STORE_CODE_LEN + 1],
                   int *be_year, int *number)
{
    if (!text)
        return false;
    const char *p = text;
    while (is_space(*p))
        p++;
    char code[STORE_CODE_LEN + 1];
    for (int i = 0; i < STORE_CODE_LEN; i++, p++) {
        code[i] = *p ? canonical_char(*p) : 0;
        if (!code[i])
            return false;
    }
    code[STORE_CODE_LEN] = '\0';
    int year, year_digits, num, num_digits;
    if (*p++ != '-' || !read_number(&p, 4, &year_digits, &year) || year_digits != 4)
        return false;
    if (*p++ != '-' || !read_number(&p, NUMBER_DIGITS_MAX, &num_digits, &num))
        return false;
    while (is_space(*p))
        p++;
    if (*p || year < BE_YEAR_MIN || num < 1)
        return false;
    memcpy(store_code, code, sizeof code);
    *be_year = year;
    *number = num;
    return true;
}
