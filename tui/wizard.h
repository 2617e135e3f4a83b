/* wizard.h - where the screening wizard stands and where each key takes it.
 *
 * Pure (no curses, no store), so every move of the screening screens is
 * unit-tested: the screen draws what these functions say and saves what
 * they return.
 *
 * A position is an index into inst->indicators; the end, n_indicators,
 * means "past the last question" (the screen shows the summary there).
 * Only questions that apply to the person are ever a position:
 * child-only questions are skipped unless the person is a child, known
 * from the case or presumed by a "yes" to an age question
 * (screening_applies, INDICATOR_PRESUMES_CHILD).  So the set of questions
 * can grow while the officer answers: every call looks at the answers as
 * they are now. */
#ifndef TC_WIZARD_H
#define TC_WIZARD_H
#include <stdbool.h>
#include <stddef.h>
#include "core/instrument.h"
#include "core/screening.h"

typedef struct wizard {
    const instrument *inst;
    const screening_answers *answers;   /* items[i] answers inst->indicators[i] */
    bool child_known;                   /* the case says the person is under 18 */
} wizard;

typedef struct wizard_progress {
    size_t answered;        /* applicable questions with an answer of any kind */
    size_t total;           /* applicable questions */
} wizard_progress;

/* Child-only questions are asked: a known child, or presumed one. */
bool wizard_child(const wizard *w);
/* Question i is asked of this person. */
bool wizard_applies(const wizard *w, size_t i);
/* The position past the last question. */
size_t wizard_end(const wizard *w);

/* The first applicable question, or the end when none applies. */
size_t wizard_first(const wizard *w);
/* The next applicable question after pos, or the end. */
size_t wizard_next(const wizard *w, size_t pos);
/* The applicable question before pos; pos itself when there is none (the
 * first question stays where it is).  From the end: the last one. */
size_t wizard_prev(const wizard *w, size_t pos);

/* The section that pos belongs to; the end belongs to the last section. */
size_t wizard_section(const wizard *w, size_t pos);
/* Where a jump to section s lands: its first unanswered applicable
 * question, else its first applicable one; the end when nothing in it
 * applies (or s is out of range). */
size_t wizard_section_start(const wizard *w, size_t s);
/* PgDn: the first applicable question of the next section that has one,
 * else the end. */
size_t wizard_next_section(const wizard *w, size_t pos);
/* PgUp: the first applicable question of the section before pos's
 * section that has one; when there is none, the first applicable question
 * of pos's own section.  From the end: the last section with one. */
size_t wizard_prev_section(const wizard *w, size_t pos);

/* Counting applicable questions only. */
wizard_progress wizard_progress_all(const wizard *w);
wizard_progress wizard_progress_section(const wizard *w, size_t s);
/* 1-based number of the question at pos among the applicable ones, as the
 * screen says "question 3 of 21"; 0 for the end or a question that does
 * not apply. */
size_t wizard_number(const wizard *w, size_t pos);
/* The first applicable unanswered question, or the end. */
size_t wizard_first_unanswered(const wizard *w);

/* Where an interrupted screening reopens, given the stored position (the
 * question after the last one answered, or where the officer moved to):
 * that question when it applies; else the next applicable one after it;
 * when that is the end, the first unanswered question; when every question
 * is answered, the end (the summary). */
size_t wizard_resume(const wizard *w, size_t stored);

/* A progress bar of exactly width columns (width >= 1): done/total of it
 * filled with U+2588, the rest U+2591; full only when done == total, and
 * at least one column once done > 0 (width > 1).
 * Writes NUL-terminated UTF-8 (3 bytes a column: outsz >= 3 * width + 1,
 * else it is cut at a column).  total 0 draws an empty bar. */
void wizard_bar(size_t done, size_t total, int width, char *out, size_t outsz);

#endif
