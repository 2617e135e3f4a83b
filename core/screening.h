/* screening.h - answers to an instrument, and what they suggest.
 *
 * A screening is step 1 of two (anchors A12, NRM): it looks for reasonable
 * grounds to refer a person to the multidisciplinary team, which makes the
 * identification (step 2, a separate record).  So the result here is a
 * suggestion with its reasons, never a verdict, and nothing here ever says
 * "not a victim".
 *
 * THE RULE (screening_score)
 *
 * Only "yes" fires an indicator.  "Don't know" and "declined" count as
 * answered (a section is complete once all its questions have an answer of
 * any kind) but never as "no".  Child-only questions apply only to a child;
 * procedure questions never fire.
 *
 * 1. An element is indicated when, among its fired indicators, there is at
 *    least one strong, or at least two medium.  Weak indicators never make
 *    an element on their own; they are listed as reasons.  This is lower
 *    than the ILO/EC Delphi rule for concluding that someone IS a victim
 *    (which asks for two strong, or strong + medium/weak, or three medium,
 *    or two medium + weak, per element [verify against the 2009 brochure])
 *    on purpose: a screening only needs reasonable grounds to refer, and a
 *    missed victim costs far more than an MDT interview.
 * 2. Reasonable grounds (refer to the MDT) when any route holds:
 *    a. trafficking, Act s.6: act AND purpose AND means indicated; for a
 *       child (under 18) means are not required (s.6 paragraph 2), and
 *       indicated child-exploitation counts as purpose;
 *    b. forced labour or services, s.6/1: the forced-labour element is
 *       indicated.  The ILO booklet (2012) says one indicator may in some
 *       cases imply forced labour; so one strong one (documents kept, debt
 *       that cannot be repaid, confinement, violence, threats) suffices, and
 *       two medium ones do too;
 *    c. a child with child-specific exploitation indicated (sexual
 *       exploitation, begging, worst forms of child labour): for a child the
 *       act (harbouring, receiving) is nearly always present and means are
 *       not needed, so the MDT should see the child.
 *    Reasonable grounds are suggested even when some sections are still
 *    unanswered: a referral must not wait for questions the officer had no
 *    time to ask (the missing sections are still listed).
 * 3. Otherwise, incomplete while any applicable question is unanswered.
 * 4. Otherwise, labour-rights violation (refer to labour protection) when
 *    any sign of exploitation fired below the threshold: an indicator of
 *    means, purpose, forced labour or child exploitation, or one flagged
 *    labour (wages below the minimum, no rest day, unsafe work...).  Act and
 *    vulnerability indicators are context: being recruited or having no
 *    papers is not exploitation by itself.
 * 5. Otherwise, incomplete again if any question about exploitation (means,
 *    purpose, forced labour, child, labour flag) was answered "don't know"
 *    or declined: "no indicators found" needs a "no" to every one of them.
 * 6. Otherwise, no indicators found in this screening.
 *
 * The person is scored as a child when the caller says so (age known from
 * the case) or when a presumes_child question is answered yes (presumption
 * of minority while the age is in doubt).  A fired forced_crime indicator
 * sets the non-punishment note: forced criminality is exploitation, and the
 * person must not be treated as an offender for it. */
#ifndef TC_SCREENING_H
#define TC_SCREENING_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "instrument.h"

#define SCREENING_NOTE_MAX 4000         /* bytes of UTF-8 per answer note */
#define SCREENING_REASON_MAX 2000       /* bytes: reason for a differing decision */

typedef enum answer_value {
    ANSWER_NONE = 0,        /* not answered yet */
    ANSWER_YES,
    ANSWER_NO,
    ANSWER_UNKNOWN,         /* the person does not know, or it is unclear */
    ANSWER_DECLINED,        /* the person chose not to answer */
    ANSWER_COUNT
} answer_value;

const char *answer_code(answer_value v);        /* "", "yes", "no", "unknown", "declined" */
bool answer_from_code(const char *code, answer_value *out);  /* "" is ANSWER_NONE */
const char *answer_label(answer_value v);       /* msgid */

typedef struct screening_answer {
    answer_value value;
    bool evidence_seen;     /* the officer saw it (a document, an injury, a lock) */
    char *note;             /* NULL or owned text, set with screening_answers_note */
} screening_answer;

/* The answers to one version of one instrument, parallel to its indicators.
 * The code and version are kept so answers are never scored against another
 * version (an old screening reads as it was answered). */
typedef struct screening_answers {
    char instrument_code[INSTRUMENT_CODE_MAX + 1];
    int instrument_version;
    size_t count;
    screening_answer *items;        /* items[i] answers inst->indicators[i] */
} screening_answers;

/* All unanswered.  false when out of memory (a is then empty). */
bool screening_answers_init(screening_answers *a, const instrument *inst);
void screening_answers_free(screening_answers *a);

/* Set by indicator code (as the store reads them back).  false when the code
 * is not in the instrument or the value is out of range. */
bool screening_answers_set(screening_answers *a, const instrument *inst,
                           const char *code, answer_value v, bool evidence_seen);

typedef enum answer_note_problem {
    NOTE_OK = 0,
    NOTE_BAD_TEXT,          /* invalid UTF-8 or control characters (newlines are fine) */
    NOTE_TOO_LONG,
    NOTE_UNKNOWN_CODE,
    NOTE_NO_MEMORY,
    NOTE_PROBLEM_COUNT
} answer_note_problem;
const char *answer_note_problem_message(answer_note_problem p);   /* msgid */

/* Sets (a copy of) the note; NULL or "" clears it. */
answer_note_problem screening_answers_note(screening_answers *a, const instrument *inst,
                                           const char *code, const char *note);

typedef enum screening_suggestion {
    SUGGEST_REASONABLE_GROUNDS = 0,     /* refer to the MDT for identification */
    SUGGEST_LABOUR_RIGHTS,              /* refer to labour protection */
    SUGGEST_NO_INDICATORS,              /* no indicators found in this screening */
    SUGGEST_INCOMPLETE,                 /* more answers needed */
    SUGGEST_COUNT
} screening_suggestion;

const char *suggestion_code(screening_suggestion s);
bool suggestion_from_code(const char *code, screening_suggestion *out);
const char *suggestion_label(screening_suggestion s);   /* msgid; never "not a victim" */

/* Why the suggestion is what it is: structured, in a fixed order, one label
 * each.  The indicators behind them are in the result's lists. */
typedef enum screening_reason {
    REASON_TRAFFICKING = 0,         /* route a: act + means + purpose (s.6) */
    REASON_TRAFFICKING_CHILD,       /* route a for a child, without means */
    REASON_FORCED_LABOUR,           /* route b (s.6/1) */
    REASON_CHILD_EXPLOITATION,      /* route c */
    REASON_CHILD_PRESUMED,          /* an answer presumes the person a child */
    REASON_SECTIONS_MISSING,        /* some applicable questions unanswered */
    REASON_EXPLOITATION_BELOW_THRESHOLD,
    REASON_OPEN_ANSWERS,            /* exploitation questions "don't know"/declined */
    REASON_ALL_NO,                  /* every exploitation question answered "no" */
    REASON_FORCED_CRIMINALITY,      /* the non-punishment note */
    REASON_PROCEDURE_NOT_CONFIRMED, /* a procedure step not answered yes */
    REASON_COUNT
} screening_reason;

const char *screening_reason_label(screening_reason r);   /* msgid */

/* The msgid to show with any result whose non_punishment_note is set. */
const char *screening_non_punishment_note(void);

typedef struct element_tally {
    unsigned strong, medium, weak;  /* fired ("yes"), by strength */
    unsigned open;                  /* "don't know" or declined */
    bool indicated;                 /* rule 1 */
} element_tally;

typedef struct screening_result {
    screening_suggestion suggestion;
    bool child;                     /* scored as a child (given or presumed) */
    bool child_presumed;            /* by a presumes_child answer */
    bool complete;                  /* every applicable question answered */
    bool non_punishment_note;       /* a forced_crime indicator fired */
    element_tally elements[ELEMENT_COUNT];
    /* Fired indicators (indices into inst->indicators), grouped by element in
     * enum order and in instrument order within one element:
     * fired[fired_first[e] .. fired_first[e] + fired_count[e]). */
    uint16_t fired[INSTRUMENT_MAX_INDICATORS];
    size_t n_fired;
    size_t fired_first[ELEMENT_COUNT], fired_count[ELEMENT_COUNT];
    /* Applicable indicators answered "don't know" or declined. */
    uint16_t open[INSTRUMENT_MAX_INDICATORS];
    size_t n_open;
    /* Sections (indices) with an applicable question still unanswered. */
    uint16_t missing_sections[INSTRUMENT_MAX_SECTIONS];
    size_t n_missing_sections;
    /* Procedure steps answered anything but yes. */
    uint16_t unconfirmed_steps[INSTRUMENT_MAX_INDICATORS];
    size_t n_unconfirmed_steps;
    screening_reason reasons[REASON_COUNT];
    size_t n_reasons;
} screening_result;

/* True when the indicator is asked of this person (child_only ones only of
 * a child). */
bool screening_applies(const instrument_indicator *ind, bool child);

/* Scores the answers by THE RULE above.  child: the person is known to be
 * under 18.  false (and *out untouched) when the answers are not for this
 * instrument's code and version. */
bool screening_score(const instrument *inst, const screening_answers *answers,
                     bool child, screening_result *out);

/* The officer's decision, recorded next to the suggestion. */
typedef enum screening_decision {
    DECISION_REFER_MDT = 0,
    DECISION_REFER_LABOUR,
    DECISION_NO_REFERRAL,
    DECISION_CONTINUE_LATER,
    DECISION_COUNT
} screening_decision;

const char *decision_code(screening_decision d);
bool decision_from_code(const char *code, screening_decision *out);
const char *decision_label(screening_decision d);       /* msgid */
/* The decision that follows the suggestion. */
screening_decision decision_for_suggestion(screening_suggestion s);

typedef enum decision_problem {
    DECISION_OK = 0,
    DECISION_UNKNOWN,               /* decision or suggestion out of range */
    DECISION_REASON_REQUIRED,       /* differs, and no written reason */
    DECISION_REASON_BAD_TEXT,       /* invalid UTF-8 or control characters */
    DECISION_REASON_TOO_LONG,
    DECISION_PROBLEM_COUNT
} decision_problem;
const char *decision_problem_message(decision_problem p);  /* msgid */

/* A decision that differs from the suggestion needs a written reason (not
 * blank); any reason given must be clean text (newlines allowed). */
decision_problem screening_decision_check(screening_suggestion suggestion,
                                          screening_decision decision,
                                          const char *reason);

#endif
