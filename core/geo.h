/* geo.h - countries (ISO 3166-1) and Thai provinces (ISO 3166-2:TH), with
 * English and Thai names.  Standards, not policy: compiled-in tables. */
#ifndef TC_GEO_H
#define TC_GEO_H
#include <stddef.h>

typedef struct geo_entry {
    const char *code;       /* "MM", "KH"...; provinces "TH-10"... */
    const char *name_en;
    const char *name_th;
} geo_entry;

/* "XX" is the code tipcase uses for a stateless person (no nationality). */
#define GEO_STATELESS "XX"

/* All countries (plus GEO_STATELESS), ordered by code. */
const geo_entry *geo_countries(size_t *count);
/* NULL when code is not a known country code (case-insensitive). */
const geo_entry *geo_country(const char *code);
/* All 77 provinces (76 + Bangkok), ordered by code. */
const geo_entry *geo_provinces(size_t *count);
const geo_entry *geo_province(const char *code);
/* Find by code, English or Thai name, case-insensitive, exact match;
 * NULL if none.  Lets an officer type "Myanmar", "เมียนมา" or "MM".
 * Surrounding spaces are ignored; a few other names people still use
 * ("Burma", "พม่า", "สปป.ลาว", ISO formal names, "กรุงเทพฯ") and the Thai
 * prefixes "ประเทศ" / "จังหวัด" are also understood. */
const geo_entry *geo_country_lookup(const char *text);
const geo_entry *geo_province_lookup(const char *text);

#endif
