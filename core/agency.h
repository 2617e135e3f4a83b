/* agency.h - the agency directory: who a case can be referred to.
 *
 * An agency is data, not code (DESIGN.md "Store"): a starting set ships in
 * data/agencies.tsv (format below and in data/agencies.README.md), the
 * first migration loads it, and an administrator adds, corrects and
 * retires agencies in the program.  Referrals point at an agency by its
 * stable code, so a code is never renamed or reused; an agency that closes
 * is marked inactive, never deleted.
 *
 * The agency's type is a closed list (code depends on it: a referral to an
 * embassy needs the embassy consent, referral.h), so types are an enum
 * here.  Consent records name the agency type they cover by the same codes:
 * agency_type_list() is the list consent_validate() takes.
 *
 * Pure: the caller reads files and the store. */
#ifndef TC_AGENCY_H
#define TC_AGENCY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "codelist.h"
#include "codeset.h"
#include "needs.h"
#include "officer.h"

#define AGENCY_NAME_MAX 300         /* bytes of UTF-8: a Thai letter takes 3 */
#define AGENCY_ABBR_MAX 60          /* "บก.ปคม.", "MSDHS" */
#define AGENCY_PROVINCE_MAX 5       /* "TH-10" */
#define AGENCY_PHONE_MAX 100        /* one or more numbers, comma separated */
#define AGENCY_LINE_MAX 40          /* a LINE id: "@abc123" or "some.id" */
#define AGENCY_EMAIL_MAX 254
#define AGENCY_ADDRESS_MAX 600      /* may span lines */
#define AGENCY_PERSON_MAX 160       /* the focal person's name */
#define AGENCY_NOTE_MAX 1000        /* may span lines */
#define AGENCY_SEARCH_MAX 200       /* bytes of a search term */
/* The home country of a Thai agency; an agency elsewhere is abroad. */
#define AGENCY_HOME_COUNTRY "TH"

/* ----------------------------------------------------------- type, level */

typedef enum agency_type {
    AGENCY_GOVERNMENT = 0,
    AGENCY_SHELTER,
    AGENCY_POLICE,                  /* police and other investigating bodies (DSI) */
    AGENCY_IMMIGRATION,
    AGENCY_HEALTH,
    AGENCY_LEGAL_AID,
    AGENCY_EMBASSY,                 /* an embassy or consulate */
    AGENCY_INTERNATIONAL,           /* an international organisation (IOM) */
    AGENCY_NGO,
    AGENCY_PRIVATE,
    AGENCY_TYPE_COUNT
} agency_type;

/* Stored codes (also the agency_kind of a referral consent, consent.h):
 * "government", "shelter", "police", "immigration", "health", "legal_aid",
 * "embassy", "international", "ngo", "private". */
const char *agency_type_code(agency_type t);
bool agency_type_from_code(const char *code, agency_type *out);
const char *agency_type_label(agency_type t);      /* msgid */
/* The types as a code list with English msgids and Thai labels: what
 * consent_validate() checks a referral consent's agency kind against. */
tc_code_list agency_type_list(void);

typedef enum agency_level {
    AGENCY_NATIONAL = 0,
    AGENCY_PROVINCIAL,
    AGENCY_DISTRICT,
    AGENCY_LEVEL_COUNT
} agency_level;

/* Stored codes: "national", "provincial", "district". */
const char *agency_level_code(agency_level l);
bool agency_level_from_code(const char *code, agency_level *out);
const char *agency_level_label(agency_level l);    /* msgid */

/* ------------------------------------------------------------- need sets */

/* A set of need kinds (needs.h): bit k is need kind k.  The services an
 * agency offers and the needs a referral answers.  Stored as a comma list
 * of need codes in kind order ("food,shelter"), "" when empty. */
typedef code_set need_set;

need_set need_set_of(need_kind k);                  /* 0 for a bad kind */
bool need_set_has(need_set s, need_kind k);
bool need_set_valid(need_set s);                    /* only known kinds */
/* The stored form; false (out "") for bad bits or a buffer too small.
 * NEED_SET_TEXT_MAX bytes always suffice. */
#define NEED_SET_TEXT_MAX 256
bool need_set_format(need_set s, char *out, size_t outsz);
/* Reads the stored form ("" is the empty set); false for an unknown or
 * repeated code, leaving *out alone. */
bool need_set_parse(const char *text, need_set *out);

/* ---------------------------------------------------------------- record */

typedef struct tc_agency {
    char id[TC_ID_LEN];
    char code[TC_CODE_MAX + 1];     /* stable: code_well_formed(); "dlpw" */
    agency_type type;
    agency_level level;
    /* ISO 3166-2:TH code ("TH-63"): required for provincial and district
     * agencies; for a national one, where its office is, or "". */
    char province[AGENCY_PROVINCE_MAX + 1];
    /* ISO 3166 alpha-2 code of the country the agency works in: "TH" for
     * Thai agencies and for embassies in Thailand; another code for a
     * counterpart abroad (sharing with it crosses a border). */
    char country[3];
    char name_th[AGENCY_NAME_MAX + 1];      /* required, with Thai letters */
    char name_en[AGENCY_NAME_MAX + 1];      /* required, without Thai letters */
    char abbr_th[AGENCY_ABBR_MAX + 1];      /* "พม."; may be Latin ("DSI"), or "" */
    char abbr_en[AGENCY_ABBR_MAX + 1];      /* "MSDHS", or ""; no Thai letters */
    need_set services;                      /* the needs it can answer */
    /* Contacts, each optional. */
    char phone[AGENCY_PHONE_MAX + 1];
    char line_id[AGENCY_LINE_MAX + 1];
    char email[AGENCY_EMAIL_MAX + 1];
    char address[AGENCY_ADDRESS_MAX + 1];
    char focal_name[AGENCY_PERSON_MAX + 1];     /* the focal person */
    char focal_phone[AGENCY_PHONE_MAX + 1];
    char note[AGENCY_NOTE_MAX + 1];
    bool active;                    /* false: retired; old referrals still name it */
    int64_t created_at, updated_at;
    char created_by[TC_ID_LEN], updated_by[TC_ID_LEN];
} tc_agency;

/* A blank agency: government, national, country "TH", active, no
 * services, every text "". */
void agency_init(tc_agency *a);

/* True when the agency is abroad (country other than "TH"): a referral to
 * it shares data across a border. */
bool agency_is_abroad(const tc_agency *a);

/* ------------------------------------------------------------ validation */

typedef enum agency_problem {
    AGENCY_OK = 0,
    AGENCY_CODE_BAD,                /* not code_well_formed() */
    AGENCY_TYPE_INVALID,
    AGENCY_LEVEL_INVALID,
    AGENCY_PROVINCE_MISSING,        /* provincial or district without one */
    AGENCY_PROVINCE_UNKNOWN,        /* not an ISO 3166-2:TH code as stored */
    AGENCY_COUNTRY_BAD,             /* not a known ISO 3166 alpha-2 code */
    AGENCY_NAME_TH_MISSING,
    AGENCY_NAME_TH_NOT_THAI,        /* no Thai letter in the Thai name */
    AGENCY_NAME_EN_MISSING,
    AGENCY_NAME_EN_HAS_THAI,        /* Thai letters in an English field */
    AGENCY_TEXT_BAD,                /* invalid UTF-8, control or bidi characters */
    AGENCY_TEXT_TOO_LONG,
    AGENCY_SERVICES_INVALID,        /* a bit that is no need kind */
    AGENCY_PHONE_BAD,
    AGENCY_LINE_BAD,
    AGENCY_EMAIL_BAD,
    AGENCY_PROBLEM_COUNT
} agency_problem;

typedef struct agency_check {
    agency_problem problem;
    const char *field;              /* NULL when OK */
} agency_check;
/* Field names, in form order: "code", "type", "level", "province",
 * "country", "name_th", "name_en", "abbr_th", "abbr_en", "services",
 * "phone", "line_id", "email", "address", "focal_name", "focal_phone",
 * "note". */

/* The first problem, in form order.  Every text must be clean (single
 * line, except address and note, which may hold newlines); names are
 * required; English names and the English abbreviation hold no Thai
 * letters.  Contacts are optional but must have their shape when given:
 *   phone, focal_phone: agency_phone_valid();
 *   line_id: agency_line_id_valid();  email: agency_email_valid(). */
agency_check agency_validate(const tc_agency *a);
const char *agency_problem_text(agency_problem p);      /* msgid */

/* One or more telephone numbers separated by ", " or ",": each an optional
 * leading '+', then digits 0-9 in groups separated by one space or one
 * hyphen, 3 to 15 digits in all ("1300", "02 123 4567", "+66 2 123 4567",
 * "081-234-5678").  ASCII digits only: the form converts Thai digits. */
bool agency_phone_valid(const char *s);
/* A LINE id: an optional '@' (official accounts) then 1..39 of A-Z, a-z,
 * 0-9, '.', '_', '-'. */
bool agency_line_id_valid(const char *s);
/* The shape of an address (not whether it exists): ASCII, one '@', a local
 * part of 1..64 of letters, digits and !#$%&'*+/=?^_`{|}~.- with no dot
 * first, last or twice in a row; a domain of two or more labels of
 * letters, digits and '-' (1..63 each, no '-' first or last), the last
 * all letters and at least two; at most 254 bytes in all. */
bool agency_email_valid(const char *s);

/* ---------------------------------------------------------------- search */

/* Folds a search term or a field for agency search: as case_search_fold()
 * (ASCII letters to lower case, Thai digits to ASCII, the rest kept) and
 * with every '.' dropped, so "สตช" finds "สตช." and "บกปคม" "บก.ปคม.".
 * Output is cut at a character boundary and NUL-terminated (outsz > 0). */
void agency_search_fold(const char *in, char *out, size_t outsz);

/* True when the term, folded and trimmed of spaces, occurs in the Thai or
 * English name or abbreviation, folded the same way.  A blank or NULL term
 * matches every agency.  Only one field at a time is searched: a term never
 * matches across the end of one field and the start of the next.  A term
 * longer than AGENCY_SEARCH_MAX bytes is cut there (at a character). */
bool agency_matches(const tc_agency *a, const char *term);

/* ------------------------------------------------------ the shipped file */

/* data/agencies.tsv: UTF-8, one agency a line, fields separated by one TAB;
 * a line starting with '#' and a blank line are ignored; a final CR is
 * ignored.  17 fields, in this order:
 *
 *   code type level province country name_th name_en abbr_th abbr_en
 *   services phone line_id email address focal_name focal_phone note
 *
 * "-" stands for an empty field.  type and level are the stored codes
 * above; services is a need-set stored form (or "-").  Every row must
 * pass agency_validate() and codes are unique.  Rows load as active. */
#define AGENCY_FILE_FIELDS 17
#define AGENCY_DIRECTORY_MAX 2000   /* rows in one file */

typedef struct agency_directory {
    tc_agency *agencies;            /* in file order */
    size_t count;
} agency_directory;

typedef enum agency_parse_problem {
    AGENCY_PARSE_OK = 0,
    AGENCY_PARSE_EMPTY,             /* no agency line at all */
    AGENCY_PARSE_NOT_UTF8,
    AGENCY_PARSE_CONTROL_CHAR,      /* including a NUL byte */
    AGENCY_PARSE_FIELD_COUNT,
    AGENCY_PARSE_UNKNOWN_TYPE,
    AGENCY_PARSE_UNKNOWN_LEVEL,
    AGENCY_PARSE_UNKNOWN_SERVICE,
    AGENCY_PARSE_INVALID_ROW,       /* see agency_parse_error.check */
    AGENCY_PARSE_DUPLICATE_CODE,
    AGENCY_PARSE_TOO_MANY,
    AGENCY_PARSE_NO_MEMORY,
    AGENCY_PARSE_PROBLEM_COUNT
} agency_parse_problem;

typedef struct agency_parse_error {
    agency_parse_problem problem;
    int line;                       /* 1-based; 0 when about the whole text */
    agency_check check;             /* for AGENCY_PARSE_INVALID_ROW */
} agency_parse_error;

const char *agency_parse_problem_text(agency_parse_problem p);  /* msgid */

/* Parses len bytes of text (no NUL needed).  On success *out is a new
 * directory (free with agency_directory_free), err (if not NULL) says
 * AGENCY_PARSE_OK, and true is returned; on failure *out is NULL, err
 * holds the first problem and its line, and false is returned.  A text
 * field longer than its buffer is AGENCY_PARSE_INVALID_ROW with
 * AGENCY_TEXT_TOO_LONG and the field's name. */
bool agency_directory_parse(const char *text, size_t len, agency_directory **out,
                            agency_parse_error *err);
void agency_directory_free(agency_directory *d);

/* The agency with exactly this code, or NULL. */
const tc_agency *agency_directory_find(const agency_directory *d, const char *code);

/* Writes into idx (room for max) the indexes of the agencies that
 * agency_matches() term, in directory order; returns how many matched in
 * all (which may be more than max). */
size_t agency_directory_search(const agency_directory *d, const char *term, size_t *idx,
                               size_t max);

#endif
