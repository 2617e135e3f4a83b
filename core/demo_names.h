/* demo_names.h - the synthetic people, routes and workplaces of a demo
 * store (tipcase demo) and of the benchmark: pure data and a seeded
 * generator, so the same seed always gives the same people.
 *
 * Names come in the five scripts a Thai team meets most: Thai, Burmese
 * (Myanmar script), Khmer, Lao and Vietnamese (Latin with diacritics),
 * each part with its usual romanised form.  Name order follows custom:
 *   Thai        given name, then family name   (สมชาย ใจดี / Somchai Jaidee)
 *   Burmese     no family name: two or three name parts, written without
 *               spaces in Myanmar script (အောင်ကျော် / Aung Kyaw)
 *   Khmer       family name first               (សុខ ដារ៉ា / Sok Dara)
 *   Lao         given name, then family name
 *   Vietnamese  family name first, then middle and given name
 *               (Nguyễn Thị Lan / Nguyen Thi Lan)
 *
 * Every code here (countries, provinces, entry points, sectors,
 * exploitation types, recruitment channels, documents, immigration
 * statuses, handover points) is one of the built-in codes the store
 * accepts (core/geo.h, core/caserec.h, core/intake.h,
 * core/repatriation.h).  No real person is meant. */
#ifndef TC_DEMO_NAMES_H
#define TC_DEMO_NAMES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "caserec.h"
#include "intake.h"

/* ------------------------------------------------------------------ seed */

/* A small deterministic generator (splitmix64): the same seed gives the
 * same sequence on every machine. */
typedef struct demo_rng { uint64_t state; } demo_rng;
void demo_rng_seed(demo_rng *r, uint64_t seed);
uint64_t demo_rng_next(demo_rng *r);
/* 0..n-1 (0 when n is 0). */
unsigned demo_rng_below(demo_rng *r, unsigned n);
/* True with the given chance in percent (0..100). */
bool demo_rng_percent(demo_rng *r, unsigned percent);

/* ----------------------------------------------------------------- names */

typedef enum demo_script {
    DEMO_THAI = 0,
    DEMO_BURMESE,
    DEMO_KHMER,
    DEMO_LAO,
    DEMO_VIETNAMESE,
    DEMO_SCRIPT_COUNT
} demo_script;

/* One part of a name in its own script and romanised. */
typedef struct demo_name_part {
    const char *native;
    const char *latin;
} demo_name_part;

/* The pools: given names (or, in Burmese, name parts) by sex, and family
 * names (none in Burmese: *count 0).  sex is SEX_FEMALE or SEX_MALE; any
 * other value gives the female pool. */
const demo_name_part *demo_given_names(demo_script sc, tc_sex sex, size_t *count);
const demo_name_part *demo_family_names(demo_script sc, size_t *count);

#define DEMO_NAME_MAX 160
typedef struct demo_name {
    demo_script script;
    tc_sex sex;
    char native[DEMO_NAME_MAX];     /* in the person's own script */
    char latin[DEMO_NAME_MAX];      /* romanised, ASCII only */
} demo_name;

/* Compose a full name of script sc and sex from the pools, in that
 * script's order, chosen by pick (any number: the same pick always gives
 * the same name, and consecutive picks spread over the pools). */
void demo_name_compose(demo_script sc, tc_sex sex, uint64_t pick, demo_name *out);

/* ---------------------------------------------------------------- routes */

/* How a person came: from origin (ISO 3166 alpha-2), through an optional
 * transit country, across a crossing point, to a Thai province where they
 * were exploited and met.  For a Thai national taken abroad, origin is
 * "TH", exploitation_country the country abroad and province their home
 * province (where they are received back). */
typedef struct demo_route {
    const char *origin;
    const char *transit;                /* "" when none */
    const char *exploitation_country;
    intake_crossing crossing;
    const char *crossing_point;         /* words, "" when none */
    const char *province;               /* "TH-63" */
    const char *district;               /* words */
    const char *handover_point;         /* LIST_HANDOVER_POINT code, or "" */
    demo_script script;                 /* the script of the person's name */
    const char *languages;              /* "my,th" */
} demo_route;
const demo_route *demo_routes(size_t *count);

/* A workplace: a sector code with the exploitation types seen in it (a
 * comma list of codes), how people were recruited into it (comma list of
 * channel codes), the usual entry point (caserec.h) and the share of
 * women in percent. */
typedef struct demo_sector {
    const char *sector;
    const char *exploitation;
    const char *recruitment;
    const char *entry_point;
    const char *establishment;          /* a made-up workplace, in Thai */
    unsigned women_percent;
    bool forced_crime;                  /* people were made to commit crimes */
} demo_sector;
const demo_sector *demo_sectors(size_t *count);

/* The entry points a demo case may have (all in entry_points()). */
const char *const *demo_entry_points(size_t *count);

#endif
