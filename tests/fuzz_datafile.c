/* fuzz_datafile.c - libFuzzer target for the data files an officer can
 * hand the program: a screening instrument (`tipcase instrument import
 * FILE`, core/instrument.h) and the agency directory (data/agencies.tsv,
 * core/agency.h), both through the TAB-separated line reader they share
 * (core/tsv.h).  Every input goes to all three.
 *
 * Nothing may crash, read out of bounds, overflow or leak, and each parser
 * keeps its promise: success gives a result that holds what the header
 * says, failure gives no result and names a problem.  Built and run by
 * `make fuzz` (see Makefile.am), never by make check. */
#include "config.h"
#include "core/agency.h"
#include "core/instrument.h"
#include "core/tsv.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
    if (!ok)
        abort();
}

/* A parsed instrument's sections cover its indicators in order, and every
 * code is found again by its lookup. */
static void instrument_holds(const instrument *inst)
{
    check(inst->n_sections > 0 && inst->code && inst->title_en);
    size_t next = 0;
    for (size_t s = 0; s < inst->n_sections; s++) {
        const instrument_section *sec = &inst->sections[s];
        check(sec->first == next && sec->count > 0);
        check(instrument_find_section(inst, sec->code) == (long)s);
        next += sec->count;
    }
    check(next == inst->n_indicators);
    for (size_t i = 0; i < inst->n_indicators; i++) {
        const instrument_indicator *ind = &inst->indicators[i];
        check(ind->section < inst->n_sections && ind->question_en && ind->question_th);
        check(instrument_find_indicator(inst, ind->code) == (long)i);
    }
}

static void fuzz_instrument(const char *text, size_t size)
{
    instrument *inst = (instrument *)1;
    instrument_error err;
    if (instrument_parse(text, size, &inst, &err)) {
        check(inst != NULL && err.problem == INSTRUMENT_OK);
        instrument_holds(inst);
        instrument_free(inst);
    } else {
        check(inst == NULL && err.problem != INSTRUMENT_OK &&
              err.problem < INSTRUMENT_PROBLEM_COUNT);
        check(instrument_problem_message(err.problem) != NULL);
    }
}

/* Every row of a parsed directory is a valid agency, found by its code. */
static void fuzz_agencies(const char *text, size_t size)
{
    agency_directory *d = (agency_directory *)1;
    agency_parse_error err;
    if (agency_directory_parse(text, size, &d, &err)) {
        check(d != NULL && err.problem == AGENCY_PARSE_OK && d->count > 0 &&
              d->count <= AGENCY_DIRECTORY_MAX);
        for (size_t i = 0; i < d->count; i++) {
            check(agency_validate(&d->agencies[i]).problem == AGENCY_OK);
            check(agency_directory_find(d, d->agencies[i].code) == &d->agencies[i]);
            check(agency_matches(&d->agencies[i], d->agencies[i].name_en));
        }
        agency_directory_free(d);
    } else {
        check(d == NULL && err.problem != AGENCY_PARSE_OK &&
              err.problem < AGENCY_PARSE_PROBLEM_COUNT);
        check(agency_parse_problem_text(err.problem) != NULL);
    }
}

#define FIELDS_MAX 20

static bool on_line(void *ctx, char *line, int number)
{
    int *lines = ctx;
    check(number == ++*lines && !strchr(line, '\n'));
    bool clean = tsv_check_line(line) == TSV_OK;
    char *fields[FIELDS_MAX];
    size_t len = strlen(line);
    int n = tsv_split(line, fields, FIELDS_MAX);
    check(n >= 1 && n <= FIELDS_MAX + 1);
    /* The fields are the pieces of the line, in order, without a TAB. */
    for (int i = 0; i < n && i < FIELDS_MAX; i++)
        check(fields[i] >= line && fields[i] <= line + len && !strchr(fields[i], '\t'));
    return clean || number % 2;     /* stop at some unclean lines, not all */
}

static void fuzz_lines(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    check(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    int lines = 0, nul_line = 0;
    bool done = tsv_each_line(text, size, on_line, &lines, &nul_line);
    if (memchr(data, '\0', size))
        check(!done && lines == 0 && nul_line >= 1);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_instrument((const char *)data, size);
    fuzz_agencies((const char *)data, size);
    fuzz_lines(data, size);
    return 0;
}
