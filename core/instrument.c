/* instrument.c - element and strength codes, and the instrument parser.
 *
 * The parser copies the text once and cuts it into fields in place, so an
 * instrument is two allocations plus the copy, and every string it hands
 * out lives exactly as long as the instrument. */
#include "core/instrument.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/msg.h"
#include "core/tsv.h"
#include "core/utf8.h"

/* ------------------------------------------------------------ codes */

/* Codes are in the data files and the database: never rename one. */
static const code_label elements[ELEMENT_COUNT] = {
    [ELEMENT_ACT] = { "act", N_("Act") },
    [ELEMENT_MEANS] = { "means", N_("Means") },
    [ELEMENT_PURPOSE] = { "purpose", N_("Purpose (exploitation)") },
    [ELEMENT_FORCED_LABOUR] = { "forced_labour", N_("Forced labour or services") },
    [ELEMENT_CHILD] = { "child", N_("Exploitation of a child") },
    [ELEMENT_VULNERABILITY] = { "vulnerability", N_("Vulnerability (risk factors)") },
};

static const code_label strengths[STRENGTH_COUNT] = {
    [STRENGTH_STRONG] = { "strong", N_("Strong indicator") },
    [STRENGTH_MEDIUM] = { "medium", N_("Medium indicator") },
    [STRENGTH_WEAK] = { "weak", N_("Weak indicator") },
};

static const struct { const char *code; unsigned bit; } flag_codes[] = {
    { "child_only", INDICATOR_CHILD_ONLY },
    { "forced_crime", INDICATOR_FORCED_CRIME },
    { "labour", INDICATOR_LABOUR },
    { "presumes_child", INDICATOR_PRESUMES_CHILD },
    { "procedure", INDICATOR_PROCEDURE },
};

const char *element_code(indicator_element e)
{
    return codes_code(elements, ELEMENT_COUNT, (int)e);
}

bool element_from_code(const char *code, indicator_element *out)
{
    int i;
    if (!codes_find(elements, ELEMENT_COUNT, code, &i))
        return false;
    *out = (indicator_element)i;
    return true;
}

const char *element_label(indicator_element e)
{
    return codes_label(elements, ELEMENT_COUNT, (int)e, "");
}

const char *strength_code(indicator_strength s)
{
    return codes_code(strengths, STRENGTH_COUNT, (int)s);
}

bool strength_from_code(const char *code, indicator_strength *out)
{
    int i;
    if (!codes_find(strengths, STRENGTH_COUNT, code, &i))
        return false;
    *out = (indicator_strength)i;
    return true;
}

const char *strength_label(indicator_strength s)
{
    return codes_label(strengths, STRENGTH_COUNT, (int)s, "");
}

static const char *const problem_messages[INSTRUMENT_PROBLEM_COUNT] = {
    [INSTRUMENT_OK] = N_("The instrument is valid."),
    [INSTRUMENT_EMPTY] = N_("The file holds no instrument line."),
    [INSTRUMENT_NOT_UTF8] = N_("The line is not valid UTF-8 text."),
    [INSTRUMENT_CONTROL_CHAR] = N_("The line contains a control character."),
    [INSTRUMENT_UNKNOWN_RECORD] =
        N_("A line must start with instrument, section or indicator."),
    [INSTRUMENT_FIELD_COUNT] = N_("The line has the wrong number of fields."),
    [INSTRUMENT_HEADER_NOT_FIRST] = N_("The instrument line must come first."),
    [INSTRUMENT_HEADER_TWICE] = N_("Only one instrument line is allowed."),
    [INSTRUMENT_NO_SECTION] = N_("An indicator must come after a section line."),
    [INSTRUMENT_BAD_CODE] =
        N_("A code must be 1 to 40 lower-case letters, digits, dots, hyphens or "
           "underscores, starting with a letter."),
    [INSTRUMENT_BAD_VERSION] = N_("The version must be a whole number from 1."),
    [INSTRUMENT_DUPLICATE_SECTION] = N_("This section code is already used."),
    [INSTRUMENT_DUPLICATE_INDICATOR] = N_("This indicator code is already used."),
    [INSTRUMENT_UNKNOWN_ELEMENT] =
        N_("Unknown element: use act, means, purpose, forced_labour, child or "
           "vulnerability."),
    [INSTRUMENT_UNKNOWN_STRENGTH] = N_("Unknown strength: use strong, medium or weak."),
    [INSTRUMENT_UNKNOWN_FLAG] =
        N_("Unknown flag: use -, or child_only, forced_crime, labour, "
           "presumes_child, procedure."),
    [INSTRUMENT_MISSING_ENGLISH] = N_("The English text is missing."),
    [INSTRUMENT_MISSING_THAI] = N_("The Thai text is missing."),
    [INSTRUMENT_THAI_IN_ENGLISH] =
        N_("The English text contains Thai letters: are the columns swapped?"),
    [INSTRUMENT_HALF_GUIDANCE] =
        N_("Guidance must be given in both languages or in neither."),
    [INSTRUMENT_SPACES] = N_("A field starts or ends with a space."),
    [INSTRUMENT_TEXT_TOO_LONG] = N_("A text field is too long."),
    [INSTRUMENT_EMPTY_SECTION] = N_("This section has no indicators."),
    [INSTRUMENT_NO_SECTIONS] = N_("The instrument has no sections."),
    [INSTRUMENT_TOO_MANY] = N_("The instrument has too many sections or indicators."),
    [INSTRUMENT_NO_MEMORY] = N_("Out of memory."),
};

const char *instrument_problem_message(instrument_problem p)
{
    if ((int)p < 0 || p >= INSTRUMENT_PROBLEM_COUNT)
        return "";
    return problem_messages[p];
}

/* ------------------------------------------------------------ text checks */

static bool is_thai(uint32_t cp)
{
    return cp >= 0x0E00u && cp <= 0x0E7Fu;
}

/* Control characters other than TAB, and the bidi controls that could
 * reorder what an officer sees, are refused anywhere in a line. */
static instrument_problem check_line_text(const char *line)
{
    switch (tsv_check_line(line)) {
    case TSV_NOT_UTF8: return INSTRUMENT_NOT_UTF8;
    case TSV_CONTROL_CHAR: return INSTRUMENT_CONTROL_CHAR;
    case TSV_OK: break;
    }
    return INSTRUMENT_OK;
}

static bool contains_thai(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        if (is_thai(cp))
            return true;
    }
    return false;
}

static bool has_edge_space(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
}

static instrument_problem check_english(const char *en)
{
    if (en[0] == '\0')
        return INSTRUMENT_MISSING_ENGLISH;
    if (has_edge_space(en))
        return INSTRUMENT_SPACES;
    if (strlen(en) > INSTRUMENT_TEXT_MAX)
        return INSTRUMENT_TEXT_TOO_LONG;
    if (contains_thai(en))
        return INSTRUMENT_THAI_IN_ENGLISH;
    return INSTRUMENT_OK;
}

static instrument_problem check_thai(const char *th)
{
    if (has_edge_space(th))
        return INSTRUMENT_SPACES;
    if (strlen(th) > INSTRUMENT_TEXT_MAX)
        return INSTRUMENT_TEXT_TOO_LONG;
    /* A Thai column with no Thai letter is missing its translation, even
     * when something (an English copy, a dash) was put there. */
    if (!contains_thai(th))
        return INSTRUMENT_MISSING_THAI;
    return INSTRUMENT_OK;
}

static instrument_problem check_pair(const char *en, const char *th)
{
    instrument_problem p = check_english(en);
    return p != INSTRUMENT_OK ? p : check_thai(th);
}

static instrument_problem check_guidance(const char *en, const char *th)
{
    if (en[0] == '\0' && th[0] == '\0')
        return INSTRUMENT_OK;
    if (en[0] == '\0' || th[0] == '\0')
        return INSTRUMENT_HALF_GUIDANCE;
    return check_pair(en, th);
}

static bool code_valid(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > INSTRUMENT_CODE_MAX || !(code[0] >= 'a' && code[0] <= 'z'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                  || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

static bool parse_version(const char *s, int *out)
{
    if (s[0] < '1' || s[0] > '9')
        return false;
    long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
        if (v > INSTRUMENT_VERSION_MAX)
            return false;
    }
    *out = (int)v;
    return true;
}

/* "-" or a comma list of known flag names, each at most once. */
static bool parse_flags(char *s, unsigned *out)
{
    *out = 0;
    if (strcmp(s, "-") == 0)
        return true;
    for (char *item = s;;) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = '\0';
        unsigned bit = 0;
        for (size_t i = 0; i < sizeof flag_codes / sizeof flag_codes[0]; i++)
            if (strcmp(item, flag_codes[i].code) == 0)
                bit = flag_codes[i].bit;
        if (bit == 0 || (*out & bit))
            return false;
        *out |= bit;
        if (!comma)
            return true;
        item = comma + 1;
    }
}

/* ------------------------------------------------------------ the parser */

enum { MAX_FIELDS = 9, INDICATOR_FIELDS = 9, SECTION_FIELDS = 4,
       HEADER_FIELDS = 5 };

typedef struct parser {
    instrument *inst;
    bool have_header;
    int section_line;               /* line of the last section, for errors */
    instrument_error err;
} parser;

static bool fail(parser *p, instrument_problem problem, int line)
{
    p->err.problem = problem;
    p->err.line = line;
    return false;
}

/* Cuts line at TABs; returns the number of fields (MAX_FIELDS + 1 when
 * there are more than MAX_FIELDS). */
static bool parse_header(parser *p, char **f, int nf, int line)
{
    if (p->have_header)
        return fail(p, INSTRUMENT_HEADER_TWICE, line);
    if (nf != HEADER_FIELDS)
        return fail(p, INSTRUMENT_FIELD_COUNT, line);
    if (!code_valid(f[1]))
        return fail(p, INSTRUMENT_BAD_CODE, line);
    if (!parse_version(f[2], &p->inst->version))
        return fail(p, INSTRUMENT_BAD_VERSION, line);
    instrument_problem pr = check_pair(f[3], f[4]);
    if (pr != INSTRUMENT_OK)
        return fail(p, pr, line);
    p->inst->code = f[1];
    p->inst->title_en = f[3];
    p->inst->title_th = f[4];
    p->have_header = true;
    return true;
}

static bool last_section_empty(const parser *p)
{
    const instrument *in = p->inst;
    return in->n_sections > 0 && in->sections[in->n_sections - 1].count == 0;
}

static bool parse_section(parser *p, char **f, int nf, int line)
{
    instrument *in = p->inst;
    if (nf != SECTION_FIELDS)
        return fail(p, INSTRUMENT_FIELD_COUNT, line);
    if (last_section_empty(p))
        return fail(p, INSTRUMENT_EMPTY_SECTION, p->section_line);
    if (!code_valid(f[1]))
        return fail(p, INSTRUMENT_BAD_CODE, line);
    if (instrument_find_section(in, f[1]) >= 0)
        return fail(p, INSTRUMENT_DUPLICATE_SECTION, line);
    instrument_problem pr = check_pair(f[2], f[3]);
    if (pr != INSTRUMENT_OK)
        return fail(p, pr, line);
    if (in->n_sections == INSTRUMENT_MAX_SECTIONS)
        return fail(p, INSTRUMENT_TOO_MANY, line);
    instrument_section *s = &in->sections[in->n_sections++];
    s->code = f[1];
    s->title_en = f[2];
    s->title_th = f[3];
    s->first = in->n_indicators;
    s->count = 0;
    p->section_line = line;
    return true;
}

static bool parse_indicator(parser *p, char **f, int nf, int line)
{
    instrument *in = p->inst;
    if (nf != INDICATOR_FIELDS)
        return fail(p, INSTRUMENT_FIELD_COUNT, line);
    if (in->n_sections == 0)
        return fail(p, INSTRUMENT_NO_SECTION, line);
    if (!code_valid(f[1]))
        return fail(p, INSTRUMENT_BAD_CODE, line);
    if (instrument_find_indicator(in, f[1]) >= 0)
        return fail(p, INSTRUMENT_DUPLICATE_INDICATOR, line);
    instrument_indicator ind = { .code = f[1] };
    if (!element_from_code(f[2], &ind.element))
        return fail(p, INSTRUMENT_UNKNOWN_ELEMENT, line);
    if (!strength_from_code(f[3], &ind.strength))
        return fail(p, INSTRUMENT_UNKNOWN_STRENGTH, line);
    if (!parse_flags(f[4], &ind.flags))
        return fail(p, INSTRUMENT_UNKNOWN_FLAG, line);
    instrument_problem pr = check_pair(f[5], f[6]);
    if (pr == INSTRUMENT_OK)
        pr = check_guidance(f[7], f[8]);
    if (pr != INSTRUMENT_OK)
        return fail(p, pr, line);
    if (in->n_indicators == INSTRUMENT_MAX_INDICATORS)
        return fail(p, INSTRUMENT_TOO_MANY, line);
    ind.question_en = f[5];
    ind.question_th = f[6];
    ind.guidance_en = f[7];
    ind.guidance_th = f[8];
    ind.section = in->n_sections - 1;
    in->indicators[in->n_indicators++] = ind;
    in->sections[ind.section].count++;
    return true;
}

static bool parse_line(parser *p, char *line, int number)
{
    if (line[0] == '\0' || line[0] == '#')
        return true;
    instrument_problem pr = check_line_text(line);
    if (pr != INSTRUMENT_OK)
        return fail(p, pr, number);
    char *f[MAX_FIELDS];
    int nf = tsv_split(line, f, MAX_FIELDS);
    bool is_header = strcmp(f[0], "instrument") == 0;
    bool is_section = strcmp(f[0], "section") == 0;
    bool is_indicator = strcmp(f[0], "indicator") == 0;
    if (!is_header && !is_section && !is_indicator)
        return fail(p, INSTRUMENT_UNKNOWN_RECORD, number);
    if (!is_header && !p->have_header)
        return fail(p, INSTRUMENT_HEADER_NOT_FIRST, number);
    if (is_header)
        return parse_header(p, f, nf, number);
    if (is_section)
        return parse_section(p, f, nf, number);
    return parse_indicator(p, f, nf, number);
}

static bool parse_line_cb(void *ctx, char *line, int number)
{
    return parse_line(ctx, line, number);
}

static bool parse_all(parser *p, char *text, size_t len)
{
    /* A NUL would silently cut a line short, so it is refused like any
     * other control character. */
    int nul_line = 0;
    if (!tsv_each_line(text, len, parse_line_cb, p, &nul_line))
        return nul_line > 0 ? fail(p, INSTRUMENT_CONTROL_CHAR, nul_line) : false;
    if (!p->have_header)
        return fail(p, INSTRUMENT_EMPTY, 0);
    if (p->inst->n_sections == 0)
        return fail(p, INSTRUMENT_NO_SECTIONS, 0);
    if (last_section_empty(p))
        return fail(p, INSTRUMENT_EMPTY_SECTION, p->section_line);
    return true;
}

static instrument *instrument_alloc(const char *text, size_t len)
{
    instrument *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->text_ = malloc(len + 1);
    in->sections = calloc(INSTRUMENT_MAX_SECTIONS, sizeof *in->sections);
    in->indicators = calloc(INSTRUMENT_MAX_INDICATORS, sizeof *in->indicators);
    if (!in->text_ || !in->sections || !in->indicators) {
        instrument_free(in);
        return NULL;
    }
    if (len > 0)
        memcpy(in->text_, text, len);
    in->text_[len] = '\0';
    return in;
}

bool instrument_parse(const char *text, size_t len, instrument **out,
                      instrument_error *err)
{
    *out = NULL;
    parser p = { .err = { INSTRUMENT_OK, 0 } };
    p.inst = instrument_alloc(text ? text : "", text ? len : 0);
    bool ok;
    if (!p.inst)
        ok = fail(&p, INSTRUMENT_NO_MEMORY, 0);
    else
        ok = parse_all(&p, p.inst->text_, text ? len : 0);
    if (err)
        *err = p.err;
    if (!ok) {
        instrument_free(p.inst);
        return false;
    }
    *out = p.inst;
    return true;
}

void instrument_free(instrument *inst)
{
    if (!inst)
        return;
    free(inst->text_);
    free(inst->sections);
    free(inst->indicators);
    free(inst);
}

long instrument_find_indicator(const instrument *inst, const char *code)
{
    if (!inst || !code)
        return -1;
    for (size_t i = 0; i < inst->n_indicators; i++)
        if (strcmp(inst->indicators[i].code, code) == 0)
            return (long)i;
    return -1;
}

long instrument_find_section(const instrument *inst, const char *code)
{
    if (!inst || !code)
        return -1;
    for (size_t i = 0; i < inst->n_sections; i++)
        if (strcmp(inst->sections[i].code, code) == 0)
            return (long)i;
    return -1;
}
