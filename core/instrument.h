/* instrument.h - screening instruments: versioned sets of sections and
 * indicators, with Thai and English text, read from a simple text format.
 *
 * An instrument is data, not code (DESIGN.md "Screening instruments are
 * data"): the built-in ones live in data/instruments/, one .tsv file
 * each, and a migration loads them; an administrator can add a version.  A screening keeps the
 * code and version it was answered against, so changing an instrument means
 * a new version and old screenings still read as they were answered.
 *
 * File format (UTF-8, one record a line, fields separated by one TAB):
 *
 *   # a comment; blank lines are ignored; a final CR (CRLF files) is ignored
 *   instrument <code> <version> <title_en> <title_th>
 *   section    <code> <title_en> <title_th>
 *   indicator  <code> <element> <strength> <flags> <question_en>
 *              <question_th> <guidance_en> <guidance_th>
 *
 * - The instrument line comes first, once.  Sections follow, each with at
 *   least one indicator after it; an indicator belongs to the section above.
 * - code: 1..40 of [a-z0-9._-], starting with a letter; unique among the
 *   instrument's sections, and among its indicators.  A code is stored with
 *   every answer: never reuse one for a different question.
 * - version: a whole number from 1.
 * - element: act | means | purpose | forced_labour | child | vulnerability
 *   (what a "yes" supports: the three elements of the Anti-Trafficking in
 *   Persons Act s.6, forced labour or services of s.6/1, child-specific
 *   exploitation, and vulnerability, a risk factor that is context only).
 * - strength: strong | medium | weak (as in the ILO/EC "Delphi" operational
 *   indicators, 2009): how strongly a "yes" supports its element.
 * - flags: "-" for none, or a comma list of
 *     child_only      asked only when the person is a child (under 18)
 *     forced_crime    forced criminality: a "yes" shows exploitation, and the
 *                     person must not be treated as an offender for it
 *     labour          a labour-law matter (wages, hours, conditions)
 *     presumes_child  age assessment: a "yes" means the person may be under
 *                     18 and is treated as a child (presumption of minority)
 *     procedure       a step the interviewer confirms (e.g. a guardian is
 *                     present); it never counts as an indicator
 * - Questions are written so that "yes" means the indicator is present.
 *   Guidance says what to look at, and when an open question counts as yes.
 * - Every text field is required in both languages; the Thai one must contain
 *   Thai letters and the English one none.  Guidance may be left empty in
 *   both languages, never in one.  No field starts or ends with a space, and
 *   no field holds a control character.
 *
 * The parser is pure: the caller reads the file and passes the text. */
#ifndef TC_INSTRUMENT_H
#define TC_INSTRUMENT_H
#include <stdbool.h>
#include <stddef.h>

#define INSTRUMENT_CODE_MAX 40
#define INSTRUMENT_MAX_SECTIONS 32
#define INSTRUMENT_MAX_INDICATORS 256
#define INSTRUMENT_TEXT_MAX 2000        /* bytes of UTF-8 per text field */
#define INSTRUMENT_VERSION_MAX 999999

typedef enum indicator_element {
    ELEMENT_ACT = 0,
    ELEMENT_MEANS,
    ELEMENT_PURPOSE,
    ELEMENT_FORCED_LABOUR,
    ELEMENT_CHILD,
    ELEMENT_VULNERABILITY,
    ELEMENT_COUNT
} indicator_element;

typedef enum indicator_strength {
    STRENGTH_STRONG = 0,
    STRENGTH_MEDIUM,
    STRENGTH_WEAK,
    STRENGTH_COUNT
} indicator_strength;

enum indicator_flag {
    INDICATOR_CHILD_ONLY = 1u << 0,
    INDICATOR_FORCED_CRIME = 1u << 1,
    INDICATOR_LABOUR = 1u << 2,
    INDICATOR_PRESUMES_CHILD = 1u << 3,
    INDICATOR_PROCEDURE = 1u << 4
};

/* Codes as written in the files and stored in the database. */
const char *element_code(indicator_element e);          /* "act", ... */
bool element_from_code(const char *code, indicator_element *out);
const char *element_label(indicator_element e);         /* msgid */
const char *strength_code(indicator_strength s);        /* "strong", ... */
bool strength_from_code(const char *code, indicator_strength *out);
const char *strength_label(indicator_strength s);       /* msgid */

typedef struct instrument_indicator {
    const char *code;
    indicator_element element;
    indicator_strength strength;
    unsigned flags;                 /* enum indicator_flag bits */
    size_t section;                 /* index into instrument.sections */
    const char *question_en, *question_th;
    const char *guidance_en, *guidance_th;  /* "" when there is none */
} instrument_indicator;

typedef struct instrument_section {
    const char *code;
    const char *title_en, *title_th;
    size_t first, count;            /* its indicators: [first, first+count) */
} instrument_section;

typedef struct instrument {
    const char *code;
    int version;
    const char *title_en, *title_th;
    instrument_section *sections;
    size_t n_sections;
    instrument_indicator *indicators;   /* in file order, so by section */
    size_t n_indicators;
    char *text_;                    /* private: the strings point into it */
} instrument;

typedef enum instrument_problem {
    INSTRUMENT_OK = 0,
    INSTRUMENT_EMPTY,               /* no instrument line at all */
    INSTRUMENT_NOT_UTF8,
    INSTRUMENT_CONTROL_CHAR,
    INSTRUMENT_UNKNOWN_RECORD,      /* first field not instrument/section/indicator */
    INSTRUMENT_FIELD_COUNT,
    INSTRUMENT_HEADER_NOT_FIRST,
    INSTRUMENT_HEADER_TWICE,
    INSTRUMENT_NO_SECTION,          /* an indicator before any section */
    INSTRUMENT_BAD_CODE,
    INSTRUMENT_BAD_VERSION,
    INSTRUMENT_DUPLICATE_SECTION,
    INSTRUMENT_DUPLICATE_INDICATOR,
    INSTRUMENT_UNKNOWN_ELEMENT,
    INSTRUMENT_UNKNOWN_STRENGTH,
    INSTRUMENT_UNKNOWN_FLAG,
    INSTRUMENT_MISSING_ENGLISH,
    INSTRUMENT_MISSING_THAI,
    INSTRUMENT_THAI_IN_ENGLISH,     /* columns swapped? */
    INSTRUMENT_HALF_GUIDANCE,       /* guidance in one language only */
    INSTRUMENT_SPACES,              /* a field starts or ends with a space */
    INSTRUMENT_TEXT_TOO_LONG,
    INSTRUMENT_EMPTY_SECTION,       /* a section with no indicator */
    INSTRUMENT_NO_SECTIONS,
    INSTRUMENT_TOO_MANY,            /* more than the MAX_ limits above */
    INSTRUMENT_NO_MEMORY,
    INSTRUMENT_PROBLEM_COUNT
} instrument_problem;

typedef struct instrument_error {
    instrument_problem problem;
    int line;                       /* 1-based; 0 when about the whole text */
} instrument_error;

/* What went wrong, as a msgid (English; translate with _()). */
const char *instrument_problem_message(instrument_problem p);

/* Parses len bytes of text (it need not end in NUL and may contain no NUL).
 * On success *out is a new instrument (free with instrument_free), err (if
 * not NULL) says INSTRUMENT_OK, and true is returned.  On failure *out is
 * NULL, err says the first problem and its line, and false is returned. */
bool instrument_parse(const char *text, size_t len, instrument **out,
                      instrument_error *err);
void instrument_free(instrument *inst);

/* Index of the indicator or section with that code, or -1. */
long instrument_find_indicator(const instrument *inst, const char *code);
long instrument_find_section(const instrument *inst, const char *code);

#endif
