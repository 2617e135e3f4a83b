/* csv.h - one CSV field, quoted the way spreadsheets read it.
 *
 * RFC 4180: a field holding a comma, a double quote, CR or LF is put in
 * double quotes and its quotes are doubled.  A field that begins with
 * '=', '+', '-', '@', TAB or CR is also quoted and given a leading
 * apostrophe, so a name typed as "=HYPERLINK(...)" reaches LibreOffice as
 * text, not as a formula (CSV injection).  Numbers are written by the
 * caller with csv_append_int(), which is never prefixed.
 *
 * Files begin with CSV_UTF8_BOM so LibreOffice and Excel open Thai as
 * UTF-8 without asking.  Lines end in CRLF (CSV_EOL), as RFC 4180 says.
 *
 * Pure: appends to a caller's buffer; never allocates. */
#ifndef TC_CSV_H
#define TC_CSV_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CSV_UTF8_BOM "\xEF\xBB\xBF"
#define CSV_EOL "\r\n"

/* Appends text as one field (quoted as above) to out, which holds a
 * NUL-terminated string of *len bytes in a buffer of outsz bytes.  When
 * it does not fit, nothing is appended and false is returned. */
bool csv_append_field(char *out, size_t outsz, size_t *len, const char *text);
/* Appends a decimal integer field. */
bool csv_append_int(char *out, size_t outsz, size_t *len, int64_t n);
/* Appends the separator ',' before every field but the first of a line:
 * call it between fields. */
bool csv_append_sep(char *out, size_t outsz, size_t *len);
/* Appends CSV_EOL. */
bool csv_append_eol(char *out, size_t outsz, size_t *len);

/* Bytes csv_append_field() needs for text (without the NUL). */
size_t csv_field_size(const char *text);

#endif
