/* screening.c - answers, the scoring rule (see screening.h), decisions. */
#include "core/screening.h"

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

/* ------------------------------------------------------------ codes */

/* Codes are stored in the database: never rename one. */
static const code_label answer_codes[ANSWER_COUNT] = {
    [ANSWER_NONE] = { "", N_("Not answered") },
    [ANSWER_YES] = { "yes", N_("Yes") },
    [ANSWER_NO] = { "no", N_("No") },
    [ANSWER_UNKNOWN] = { "unknown", N_("Don't know") },
    [ANSWER_DECLINED] = { "declined", N_("Declined to answer") },
};

static const code_label suggestions[SUGGEST_COUNT] = {
    [SUGGEST_REASONABLE_GROUNDS] = { "reasonable_grounds",
        N_("Reasonable grounds: refer to the multidisciplinary team for identification") },
    [SUGGEST_LABOUR_RIGHTS] = { "labour_rights",
        N_("Labour-rights violation: refer to labour protection") },
    [SUGGEST_NO_INDICATORS] = { "no_indicators",
        N_("No indicators found in this screening") },
    [SUGGEST_INCOMPLETE] = { "incomplete",
        N_("Incomplete: more answers are needed for a suggestion") },
};

static const code_label decisions[DECISION_COUNT] = {
    [DECISION_REFER_MDT] = { "refer_mdt",
        N_("Refer to the multidisciplinary team for identification") },
    [DECISION_REFER_LABOUR] = { "refer_labour", N_("Refer to labour protection") },
    [DECISION_NO_REFERRAL] = { "no_referral", N_("No referral from this screening") },
    [DECISION_CONTINUE_LATER] = { "continue_later", N_("Continue the screening later") },
};

static const char *const reason_labels[REASON_COUNT] = {
    [REASON_TRAFFICKING] =
        N_("Act, means and purpose are all indicated (Anti-Trafficking Act, section 6)."),
    [REASON_TRAFFICKING_CHILD] =
        N_("Act and purpose are indicated; for a child no means are required "
           "(Anti-Trafficking Act, section 6)."),
    [REASON_FORCED_LABOUR] =
        N_("Forced labour or services is indicated (Anti-Trafficking Act, section 6/1)."),
    [REASON_CHILD_EXPLOITATION] = N_("Exploitation of a child is indicated."),
    [REASON_CHILD_PRESUMED] =
        N_("An answer shows the person may be under 18: they are screened as a child."),
    [REASON_SECTIONS_MISSING] = N_("Some sections still have unanswered questions."),
    [REASON_EXPLOITATION_BELOW_THRESHOLD] =
        N_("Signs of exploitation were found, but not enough for reasonable grounds."),
    [REASON_OPEN_ANSWERS] =
        N_("Some questions about exploitation were answered \"don't know\" or "
           "declined; they do not count as \"no\"."),
    [REASON_ALL_NO] = N_("Every question about exploitation was answered \"no\"."),
    [REASON_FORCED_CRIMINALITY] =
        N_("The person was made to commit crimes: this is forced criminality."),
    [REASON_PROCEDURE_NOT_CONFIRMED] =
        N_("Some interview safeguards are not confirmed."),
};

static const char *const note_problems[NOTE_PROBLEM_COUNT] = {
    [NOTE_OK] = N_("The note can be saved."),
    [NOTE_BAD_TEXT] = N_("The note cannot contain control characters or invalid text."),
    [NOTE_TOO_LONG] = N_("The note is too long."),
    [NOTE_UNKNOWN_CODE] = N_("This question is not in the instrument."),
    [NOTE_NO_MEMORY] = N_("Out of memory."),
};

static const char *const decision_problems[DECISION_PROBLEM_COUNT] = {
    [DECISION_OK] = N_("The decision can be recorded."),
    [DECISION_UNKNOWN] = N_("Choose a decision."),
    [DECISION_REASON_REQUIRED] =
        N_("Write the reason for a decision that differs from the suggestion."),
    [DECISION_REASON_BAD_TEXT] =
        N_("The reason cannot contain control characters or invalid text."),
    [DECISION_REASON_TOO_LONG] = N_("The reason is too long."),
};

static bool in_range(int v, int count)
{
    return v >= 0 && v < count;
}

const char *answer_code(answer_value v)
{
    return codes_code(answer_codes, ANSWER_COUNT, (int)v);
}

bool answer_from_code(const char *code, answer_value *out)
{
    int i;
    if (!codes_find(answer_codes, ANSWER_COUNT, code, &i))
        return false;
    *out = (answer_value)i;
    return true;
}

const char *answer_label(answer_value v)
{
    return codes_label(answer_codes, ANSWER_COUNT, (int)v, "");
}

const char *suggestion_code(screening_suggestion s)
{
    return codes_code(suggestions, SUGGEST_COUNT, (int)s);
}

bool suggestion_from_code(const char *code, screening_suggestion *out)
{
    int i;
    if (!codes_find(suggestions, SUGGEST_COUNT, code, &i))
        return false;
    *out = (screening_suggestion)i;
    return true;
}

const char *suggestion_label(screening_suggestion s)
{
    return codes_label(suggestions, SUGGEST_COUNT, (int)s, "");
}

const char *decision_code(screening_decision d)
{
    return codes_code(decisions, DECISION_COUNT, (int)d);
}

bool decision_from_code(const char *code, screening_decision *out)
{
    int i;
    if (!codes_find(decisions, DECISION_COUNT, code, &i))
        return false;
    *out = (screening_decision)i;
    return true;
}

const char *decision_label(screening_decision d)
{
    return codes_label(decisions, DECISION_COUNT, (int)d, "");
}

const char *screening_reason_label(screening_reason r)
{
    return in_range((int)r, REASON_COUNT) ? reason_labels[r] : "";
}

const char *screening_non_punishment_note(void)
{
    return N_("Forced criminality is a form of exploitation: do not treat the person "
              "as an offender for acts they were forced to commit.");
}

const char *answer_note_problem_message(answer_note_problem p)
{
    return in_range((int)p, NOTE_PROBLEM_COUNT) ? note_problems[p] : "";
}

const char *decision_problem_message(decision_problem p)
{
    return in_range((int)p, DECISION_PROBLEM_COUNT) ? decision_problems[p] : "";
}

/* ------------------------------------------------------------ answers */

bool screening_answers_init(screening_answers *a, const instrument *inst)
{
    memset(a, 0, sizeof *a);
    a->items = calloc(inst->n_indicators ? inst->n_indicators : 1, sizeof *a->items);
    if (!a->items)
        return false;
    a->count = inst->n_indicators;
    /* The parser limits a code to INSTRUMENT_CODE_MAX bytes. */
    strncpy(a->instrument_code, inst->code, INSTRUMENT_CODE_MAX);
    a->instrument_version = inst->version;
    return true;
}

void screening_answers_free(screening_answers *a)
{
    if (!a)
        return;
    for (size_t i = 0; a->items && i < a->count; i++)
        free(a->items[i].note);
    free(a->items);
    memset(a, 0, sizeof *a);
}

static bool answers_match(const screening_answers *a, const instrument *inst)
{
    return a->items && a->count == inst->n_indicators
           && a->instrument_version == inst->version
           && strcmp(a->instrument_code, inst->code) == 0;
}

/* The answer slot for code, or NULL. */
static screening_answer *slot(screening_answers *a, const instrument *inst,
                              const char *code)
{
    if (!answers_match(a, inst))
        return NULL;
    long i = instrument_find_indicator(inst, code);
    return i < 0 ? NULL : &a->items[i];
}

bool screening_answers_set(screening_answers *a, const instrument *inst,
                           const char *code, answer_value v, bool evidence_seen)
{
    screening_answer *s = slot(a, inst, code);
    if (!s || !in_range((int)v, ANSWER_COUNT))
        return false;
    s->value = v;
    s->evidence_seen = evidence_seen;
    return true;
}

answer_note_problem screening_answers_note(screening_answers *a, const instrument *inst,
                                           const char *code, const char *note)
{
    screening_answer *s = slot(a, inst, code);
    if (!s)
        return NOTE_UNKNOWN_CODE;
    if (!note || note[0] == '\0') {
        free(s->note);
        s->note = NULL;
        return NOTE_OK;
    }
    field_text t = field_text_check(note, SCREENING_NOTE_MAX, true);
    if (t == FIELD_TEXT_TOO_LONG)
        return NOTE_TOO_LONG;
    if (t != FIELD_TEXT_OK)
        return NOTE_BAD_TEXT;
    size_t len = strlen(note);
    char *copy = malloc(len + 1);
    if (!copy)
        return NOTE_NO_MEMORY;
    memcpy(copy, note, len + 1);
    free(s->note);
    s->note = copy;
    return NOTE_OK;
}

/* ------------------------------------------------------------ scoring */

bool screening_applies(const instrument_indicator *ind, bool child)
{
    return child || !(ind->flags & INDICATOR_CHILD_ONLY);
}

/* Means, purpose, forced labour, child exploitation and labour-law matters
 * are signs of exploitation; act and vulnerability are context. */
static bool is_exploitation_sign(const instrument_indicator *ind)
{
    if (ind->flags & INDICATOR_LABOUR)
        return true;
    return ind->element != ELEMENT_ACT && ind->element != ELEMENT_VULNERABILITY;
}

static bool is_open(answer_value v)
{
    return v == ANSWER_UNKNOWN || v == ANSWER_DECLINED;
}

/* Presumption of minority: one "yes" to an age question is enough. */
static bool presumed_child(const instrument *inst, const screening_answers *a)
{
    for (size_t i = 0; i < inst->n_indicators; i++)
        if ((inst->indicators[i].flags & INDICATOR_PRESUMES_CHILD)
            && a->items[i].value == ANSWER_YES)
            return true;
    return false;
}

static void add_reason(screening_result *r, screening_reason why)
{
    r->reasons[r->n_reasons++] = why;
}

static void tally_answer(screening_result *r, const instrument_indicator *ind,
                         answer_value v)
{
    element_tally *t = &r->elements[ind->element];
    if (is_open(v)) {
        t->open++;
        return;
    }
    if (v != ANSWER_YES)
        return;
    if (ind->strength == STRENGTH_STRONG)
        t->strong++;
    else if (ind->strength == STRENGTH_MEDIUM)
        t->medium++;
    else
        t->weak++;
    if (ind->flags & INDICATOR_FORCED_CRIME)
        r->non_punishment_note = true;
}

/* Fills the tallies and the open, missing and unconfirmed lists. */
static void collect(const instrument *inst, const screening_answers *a,
                    screening_result *r)
{
    bool missing[INSTRUMENT_MAX_SECTIONS] = { false };
    for (size_t i = 0; i < inst->n_indicators; i++) {
        const instrument_indicator *ind = &inst->indicators[i];
        answer_value v = a->items[i].value;
        if (!screening_applies(ind, r->child))
            continue;
        if (v == ANSWER_NONE)
            missing[ind->section] = true;
        if (ind->flags & INDICATOR_PROCEDURE) {
            if (v != ANSWER_YES)
                r->unconfirmed_steps[r->n_unconfirmed_steps++] = (uint16_t)i;
            continue;
        }
        if (is_open(v))
            r->open[r->n_open++] = (uint16_t)i;
        tally_answer(r, ind, v);
    }
    for (size_t s = 0; s < inst->n_sections; s++)
        if (missing[s])
            r->missing_sections[r->n_missing_sections++] = (uint16_t)s;
    r->complete = r->n_missing_sections == 0;
}

/* The fired list, grouped by element (a stable bucket pass). */
static void group_fired(const instrument *inst, const screening_answers *a,
                        screening_result *r)
{
    for (int e = 0; e < ELEMENT_COUNT; e++) {
        r->fired_first[e] = r->n_fired;
        for (size_t i = 0; i < inst->n_indicators; i++) {
            const instrument_indicator *ind = &inst->indicators[i];
            if ((int)ind->element != e || a->items[i].value != ANSWER_YES
                || (ind->flags & INDICATOR_PROCEDURE)
                || !screening_applies(ind, r->child))
                continue;
            r->fired[r->n_fired++] = (uint16_t)i;
        }
        r->fired_count[e] = r->n_fired - r->fired_first[e];
    }
}

static bool any_sign(const instrument *inst, const screening_answers *a,
                     const screening_result *r, bool (*wanted)(answer_value))
{
    for (size_t i = 0; i < inst->n_indicators; i++) {
        const instrument_indicator *ind = &inst->indicators[i];
        if (!(ind->flags & INDICATOR_PROCEDURE) && screening_applies(ind, r->child)
            && is_exploitation_sign(ind) && wanted(a->items[i].value))
            return true;
    }
    return false;
}

static bool is_yes(answer_value v)
{
    return v == ANSWER_YES;
}

/* Rule 2; adds the route reasons.  true when any route holds. */
static bool reasonable_grounds(screening_result *r)
{
    const element_tally *t = r->elements;
    bool act = t[ELEMENT_ACT].indicated, means = t[ELEMENT_MEANS].indicated;
    bool child_exploited = r->child && t[ELEMENT_CHILD].indicated;
    bool purpose = t[ELEMENT_PURPOSE].indicated || child_exploited;
    bool found = false;
    if (act && purpose && means) {
        add_reason(r, REASON_TRAFFICKING);
        found = true;
    } else if (act && purpose && r->child) {
        add_reason(r, REASON_TRAFFICKING_CHILD);
        found = true;
    }
    if (t[ELEMENT_FORCED_LABOUR].indicated) {
        add_reason(r, REASON_FORCED_LABOUR);
        found = true;
    }
    if (child_exploited) {
        add_reason(r, REASON_CHILD_EXPLOITATION);
        found = true;
    }
    return found;
}

static screening_suggestion suggest(const instrument *inst, const screening_answers *a,
                                    screening_result *r)
{
    if (reasonable_grounds(r)) {
        if (!r->complete)
            add_reason(r, REASON_SECTIONS_MISSING);
        return SUGGEST_REASONABLE_GROUNDS;
    }
    if (!r->complete) {
        add_reason(r, REASON_SECTIONS_MISSING);
        return SUGGEST_INCOMPLETE;
    }
    if (any_sign(inst, a, r, is_yes)) {
        add_reason(r, REASON_EXPLOITATION_BELOW_THRESHOLD);
        return SUGGEST_LABOUR_RIGHTS;
    }
    if (any_sign(inst, a, r, is_open)) {
        add_reason(r, REASON_OPEN_ANSWERS);
        return SUGGEST_INCOMPLETE;
    }
    add_reason(r, REASON_ALL_NO);
    return SUGGEST_NO_INDICATORS;
}

bool screening_score(const instrument *inst, const screening_answers *answers,
                     bool child, screening_result *out)
{
    if (!inst || !answers || !out || !answers_match(answers, inst))
        return false;
    screening_result *r = out;
    memset(r, 0, sizeof *r);
    r->child_presumed = !child && presumed_child(inst, answers);
    r->child = child || r->child_presumed;
    collect(inst, answers, r);
    for (int e = 0; e < ELEMENT_COUNT; e++) {
        element_tally *t = &r->elements[e];
        t->indicated = t->strong >= 1 || t->medium >= 2;
    }
    group_fired(inst, answers, r);
    if (r->child_presumed)
        add_reason(r, REASON_CHILD_PRESUMED);
    r->suggestion = suggest(inst, answers, r);
    if (r->non_punishment_note)
        add_reason(r, REASON_FORCED_CRIMINALITY);
    if (r->n_unconfirmed_steps > 0)
        add_reason(r, REASON_PROCEDURE_NOT_CONFIRMED);
    return true;
}

/* ------------------------------------------------------------ decisions */

screening_decision decision_for_suggestion(screening_suggestion s)
{
    switch (s) {
    case SUGGEST_REASONABLE_GROUNDS: return DECISION_REFER_MDT;
    case SUGGEST_LABOUR_RIGHTS: return DECISION_REFER_LABOUR;
    case SUGGEST_NO_INDICATORS: return DECISION_NO_REFERRAL;
    case SUGGEST_INCOMPLETE:
    case SUGGEST_COUNT: break;
    }
    return DECISION_CONTINUE_LATER;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

decision_problem screening_decision_check(screening_suggestion suggestion,
                                          screening_decision decision,
                                          const char *reason)
{
    if (!in_range((int)suggestion, SUGGEST_COUNT) || !in_range((int)decision, DECISION_COUNT))
        return DECISION_UNKNOWN;
    bool has_reason = reason && !is_blank(reason);
    if (has_reason) {
        field_text t = field_text_check(reason, SCREENING_REASON_MAX, true);
        if (t == FIELD_TEXT_TOO_LONG)
            return DECISION_REASON_TOO_LONG;
        if (t != FIELD_TEXT_OK)
            return DECISION_REASON_BAD_TEXT;
    }
    if (decision != decision_for_suggestion(suggestion) && !has_reason)
        return DECISION_REASON_REQUIRED;
    return DECISION_OK;
}
