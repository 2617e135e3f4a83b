/* caseref.h - case references people can read and say on the phone.
 *
 * Form: STORE-YYYY-NNNN, e.g. "K7Q4X-2569-0042": the store's own code
 * (five characters of Crockford base32: no I, L, O, U, so nothing is misread
 * over a bad line), the Buddhist-era year the case was opened, and a number
 * counted per store and year.  The store code is random per store, so two
 * laptops never issue the same reference. */
#ifndef TC_CASEREF_H
#define TC_CASEREF_H
#include <stdbool.h>
#include <stddef.h>

#define STORE_CODE_LEN 5
#define CASEREF_MAX 24

/* Make a store code from 5 random bytes (each gives one character). */
void storecode_from_random(const unsigned char rnd[STORE_CODE_LEN],
                           char out[STORE_CODE_LEN + 1]);
bool storecode_valid(const char *code);

/* Writes "CODE-YYYY-NNNN" (number padded to at least 4 digits). false if
 * the arguments are out of range or out is too small. */
bool caseref_format(char *out, size_t outsz, const char *store_code,
                    int be_year, int number);
/* Accepts lower case and the misreadings Crockford allows (O->0, I/L->1). */
bool caseref_parse(const char *text, char store_code[STORE_CODE_LEN + 1],
                   int *be_year, int *number);

#endif
