/* exchange_items.h - what a sealed hand-over may carry (db/exchange.h):
 * the sections of a case record with the consent each needs, and the
 * fixed catalogue of non-confidential items the cross-border profile
 * chooses from.
 *
 * The ASEAN/COMMIT plan asks countries to agree on the key data to share,
 * no more than 15 items, and only non-confidential data about the person
 * (seed 003, L161).  The catalogue below holds only such items: no name,
 * no document number, no address or contact, no story, no place finer
 * than a province.  An office chooses at most EXCH_ITEMS_MAX of them (the
 * setting "exchange.crossborder_items"); a longer choice is refused, never
 * cut short.
 *
 * Pure: no I/O; labels are msgids (N_) for the caller to translate. */
#ifndef TC_EXCHANGE_ITEMS_H
#define TC_EXCHANGE_ITEMS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "consent.h"

/* ------------------------------------------------------------ sections */

typedef enum exch_section {
    EXCH_SECTION_PERSON = 0,        /* person, case, nationalities, clocks, consents */
    EXCH_SECTION_STORY,             /* intake: route, workplace, exploitation */
    EXCH_SECTION_SCREENING,         /* screenings and their answers */
    EXCH_SECTION_IDENTIFICATION,    /* the MDT's identification decisions */
    EXCH_SECTION_NEEDS,             /* assistance needs */
    EXCH_SECTION_REFERRALS,         /* referrals, their events and needs */
    EXCH_SECTION_RETURN,            /* repatriation plans and their steps */
    EXCH_SECTION_REINTEGRATION,     /* reintegration plans, domains, follow-ups */
    EXCH_SECTION_COUNT
} exch_section;

typedef uint32_t exch_section_set;      /* bit s is section s */
#define EXCH_SECTIONS_ALL ((exch_section_set)((1u << EXCH_SECTION_COUNT) - 1))

/* Stored codes: "person", "story", "screening", "identification",
 * "needs", "referrals", "return", "reintegration". */
const char *exch_section_code(exch_section s);
bool exch_section_from_code(const char *code, exch_section *out);
const char *exch_section_label(exch_section s);            /* msgid */

/* The consent a hand-over to a peer of agency kind `kind` ("" or an
 * agency type code, core/agency.h) needs before anything goes: a referral
 * consent for that kind (CONSENT_REFERRAL; "" asks for a consent to any
 * agency), or for an embassy peer the embassy-sharing consent. */
consent_purpose exch_recipient_purpose(const char *kind);
/* The second consent a section needs on top of the recipient's, or
 * CONSENT_PURPOSE_COUNT for none: the return and reintegration plans also
 * need the person's repatriation consent (a plan to send someone home
 * is not shared because they agreed to be referred). */
consent_purpose exch_section_extra_purpose(exch_section s);

/* -------------------------------------------------- cross-border items */

typedef enum exch_item {
    EXCH_ITEM_SEX = 0,
    EXCH_ITEM_AGE_BAND,             /* 0-14, 15-17, 18-24, 25+ at the date met */
    EXCH_ITEM_CHILD,                /* child / adult at the date met */
    EXCH_ITEM_NATIONALITY,          /* ISO country codes */
    EXCH_ITEM_COUNTRY_IDENTIFIED,   /* the country of the sending store */
    EXCH_ITEM_PROVINCE,             /* province of identification, no finer */
    EXCH_ITEM_MONTH_MET,            /* YYYY-MM */
    EXCH_ITEM_MONTH_IDENTIFIED,     /* YYYY-MM of the identification decision */
    EXCH_ITEM_IDENTIFICATION,       /* the identification outcome code */
    EXCH_ITEM_ENTRY_POINT,          /* how the person came to the team */
    EXCH_ITEM_EXPLOITATION,         /* exploitation type codes */
    EXCH_ITEM_SECTOR,
    EXCH_ITEM_RECRUITMENT,          /* recruitment channel code */
    EXCH_ITEM_ORIGIN,               /* origin code (country or province) */
    EXCH_ITEM_EXPLOITATION_COUNTRY,
    EXCH_ITEM_CROSSING,             /* how the border was crossed */
    EXCH_ITEM_NEEDS,                /* assistance need kind codes */
    EXCH_ITEM_REPATRIATION,         /* the repatriation plan's state code, or "" */
    EXCH_ITEM_REPATRIATION_COUNTRY,
    EXCH_ITEM_REINTEGRATION,        /* "active", "closed:<outcome>" or "" */
    EXCH_ITEM_COUNT
} exch_item;

#define EXCH_ITEMS_MAX 15               /* seed 003 L161 */
/* The stored setting is a comma list of codes: at most 15 codes of at
 * most 24 bytes each, with their commas. */
#define EXCH_ITEMS_TEXT_MAX (EXCH_ITEMS_MAX * 25)

/* Stored codes (also the field names in a cross-border bundle):
 * "sex", "age_band", "child", "nationality", "country_identified",
 * "province", "month_met", "month_identified", "identification",
 * "entry_point", "exploitation", "sector", "recruitment", "origin",
 * "exploitation_country", "crossing", "needs", "repatriation",
 * "repatriation_country", "reintegration". */
const char *exch_item_code(exch_item i);
bool exch_item_from_code(const char *code, exch_item *out);
const char *exch_item_label(exch_item i);                  /* msgid */

typedef enum exch_items_problem {
    EXCH_ITEMS_OK = 0,
    EXCH_ITEMS_EMPTY,               /* no item chosen */
    EXCH_ITEMS_TOO_MANY,            /* more than EXCH_ITEMS_MAX */
    EXCH_ITEMS_UNKNOWN,             /* a code not in the catalogue */
    EXCH_ITEMS_REPEATED,
    EXCH_ITEMS_PROBLEM_COUNT
} exch_items_problem;
const char *exch_items_problem_text(exch_items_problem p);  /* msgid */

/* A choice of items in the order given. */
typedef struct exch_item_choice {
    exch_item items[EXCH_ITEMS_MAX];
    size_t n;
} exch_item_choice;

/* Reads a comma list ("sex, age_band,nationality"; spaces around codes
 * ignored).  On a problem *bad (may be NULL) gets the offending code
 * (cut to badsz - 1 bytes) and out is untouched. */
exch_items_problem exch_items_parse(const char *text, exch_item_choice *out, char *bad,
                                    size_t badsz);
/* The canonical stored form ("sex,age_band"); false when out is too
 * small (EXCH_ITEMS_TEXT_MAX always suffices). */
bool exch_items_format(const exch_item_choice *c, char *out, size_t outsz);

/* The age band of an age in years (-1 unknown): "0-14", "15-17",
 * "18-24", "25+" or "" when unknown. */
const char *exch_age_band(int age_years);

#endif
