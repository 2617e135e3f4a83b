/* codeset.h - a set of values of one closed enum (its codes as in
 * core/codes.h), held as bits and stored as a comma list of codes.
 *
 * The services an agency offers, the needs a referral answers and the
 * sections of a record that were shared are such sets.  The stored form
 * is the codes in value order, joined by ',' with no spaces
 * ("food,shelter,medical"), so the same set always prints the same way and
 * reports compare equal text.  An empty set is "".
 *
 * Pure.  An enum here has at most 32 values (bit i is value i).  The
 * codes come from the enum's own *_code() function, through code_of. */
#ifndef TC_CODESET_H
#define TC_CODESET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CODESET_MAX_ROWS 32

typedef uint32_t code_set;

/* The stored code of value i of an enum, "" when i is out of range (the
 * contract of every *_code() function over codes_code()). */
typedef const char *(*code_of_fn)(int i);

/* The bit of value i; 0 when i is outside 0..31. */
code_set code_set_bit(int i);
/* Every value of an enum of n values. */
code_set code_set_all(int n);
/* True when set uses no bit at or above n. */
bool code_set_in_range(code_set set, int n);
/* How many members. */
int code_set_count(code_set set);

/* Writes the stored form of set (its members' codes in value order, comma
 * separated) into out.  False, with out holding "", when set has a bit at
 * or above n or the text does not fit (outsz includes the NUL). */
bool code_set_format(code_of_fn code_of, int n, code_set set, char *out, size_t outsz);

/* Reads a stored form: "" (the empty set) or codes of values 0..n-1
 * separated by single commas, each at most once, no spaces.  On success
 * *out holds the set; on failure (an unknown or repeated code, an empty
 * item, NULL text) *out is left alone. */
bool code_set_parse(code_of_fn code_of, int n, const char *text, code_set *out);

#endif
