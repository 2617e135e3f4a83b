/* screening_screens.c - a screening from the first screen to the record:
 * choosing the instrument, the interview record, the wizard (one question
 * at a time, every answer saved as it is given), the summary with its
 * reasons, the officer's decision; and the identification decision of the
 * multidisciplinary team.
 *
 * The rules live in core (screening_score, interview_validate,
 * identification_validate) and the moves in tui/wizard.h: this file only
 * draws and asks.  Nothing here ever words a result as "not a victim": a
 * screening suggests, the team identifies. */
#include "config.h"
#include <curses.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db/screenings.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"
#include "tui/timeinput.h"
#include "tui/tui.h"
#include "tui/wizard.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small shared pieces ------------------------------------------------ */

/* Instrument text in the interface language (both are always present). */
static const char *in_ui_language(const char *en, const char *th)
{
    return i18n_is_thai() && th && *th ? th : en;
}

static void field_init(form_field *fl, const char *key, const char *label, const char *hint,
                       field_kind kind, size_t max_chars, size_t max_bytes)
{
    memset(fl, 0, sizeof *fl);
    fl->key = key;
    fl->label = label;
    fl->hint = hint;
    fl->kind = kind;
    lineedit_init(&fl->edit, max_chars, max_bytes);
}

static void field_choices(form_field *fl, const char *const *choices, int n, int choice)
{
    fl->choices = choices;
    fl->nchoices = n;
    fl->choice = choice;
}

/* What was typed about a person does not linger in freed memory. */
static void fields_free(form_field *fields, int n)
{
    if (!fields)
        return;
    sodium_memzero(fields, sizeof *fields * (size_t)n);
    free(fields);
}

static void say_status(tui *t, store_status st)
{
    tui_say(t, STYLE_ERROR, _(store_status_why(t->st, st)));
}

/* Draw text wrapped at Thai word boundaries on rows [y, y_end) from column
 * x, width columns wide.  When it does not fit, the last row ends in "…".
 * Returns the row after the last one drawn. */
static int draw_wrapped(int y, int y_end, int x, int width, const char *text, ui_style style)
{
    enum { MAX_LINES = 64 };
    text_line lines[MAX_LINES];
    if (width < 4)
        width = 4;
    size_t n = thai_wrap(text, width, lines, MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    char part[INSTRUMENT_TEXT_MAX + 16];
    for (size_t i = 0; i < n && y < y_end; i++, y++) {
        size_t len = lines[i].len < INSTRUMENT_TEXT_MAX ? lines[i].len : INSTRUMENT_TEXT_MAX;
        memcpy(part, text + lines[i].start, len);
        part[len] = '\0';
        if (y == y_end - 1 && i + 1 < n) {
            /* Cut one column short and mark that more follows. */
            char cut[sizeof part];
            text_fit(part, width - 1, false, cut, sizeof cut - 4);
            size_t cl = strlen(cut);
            memcpy(part, cut, cl);
            memcpy(part + cl, "…", sizeof "…");
        }
        ui_text(y, x, width, part, style);
    }
    return y;
}

/* ---- a screening being answered or read --------------------------------- */

typedef struct session {
    tui *t;
    tc_screening sc;
    instrument *inst;
    screening_answers ans;
    wizard w;
    size_t pos;                         /* current question, or the end */
    char reference[CASEREF_MAX];
    lineedit note;                      /* the note line while it is typed */
    size_t note_scroll;                 /* its first character shown */
    bool editing_note;
} session;

static void session_free(session *s)
{
    if (!s)
        return;
    instrument_free(s->inst);
    screening_answers_free(&s->ans);
    sodium_memzero(s, sizeof *s);
    free(s);
}

/* The screening, its own version of the instrument and its answers. */
static session *session_load(tui *t, const char *screening_id)
{
    session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->t = t;
    store_status st = store_screening_get(t->st, screening_id, &s->sc);
    if (st == ST_OK)
        st = store_instrument_load(t->st, s->sc.instrument_code, s->sc.instrument_version,
                                   &s->inst);
    if (st == ST_OK)
        st = store_screening_answers(t->st, s->sc.id, s->inst, &s->ans);
    if (st != ST_OK) {
        say_status(t, st);
        session_free(s);
        return NULL;
    }
    s->w.inst = s->inst;
    s->w.answers = &s->ans;
    s->w.child_known = s->sc.child;
    tc_case *c = malloc(sizeof *c);
    if (c && store_case_get(t->st, s->sc.case_id, c) == ST_OK)
        snprintf(s->reference, sizeof s->reference, "%s", c->reference);
    if (c)
        sodium_memzero(c, sizeof *c);
    free(c);
    return s;
}

static const instrument_indicator *current(const session *s)
{
    return &s->inst->indicators[s->pos];
}

static screening_answer *current_answer(session *s)
{
    return &s->ans.items[s->pos];
}

static void draw_screen_title(session *s)
{
    char title[256];
    snprintf(title, sizeof title, "%s %s", _("Screening"), s->reference);
    tui_draw_title(s->t, title);
}

/* ---- the wizard ---------------------------------------------------------- */

/* "1/y Yes" for each answer, the current one in brackets. */
static void draw_answer_choices(int y, const screening_answer *a)
{
    static const struct { answer_value v; const char *keys; } opts[] = {
        { ANSWER_YES, "1/y" }, { ANSWER_NO, "2/n" },
        { ANSWER_UNKNOWN, "3/u" }, { ANSWER_DECLINED, "4/d" },
    };
    int x = 1, cols = ui_cols() - 1;
    for (size_t i = 0; i < COUNT(opts) && x < cols; i++) {
        bool chosen = a->value == opts[i].v;
        char item[256];
        snprintf(item, sizeof item, "%s%s %s%s", chosen ? "[" : " ", opts[i].keys,
                 _(answer_label(opts[i].v)), chosen ? "]" : " ");
        x += ui_text_short(y, x, cols - x, item, chosen ? STYLE_SELECTED : STYLE_NORMAL);
        x += 2;
    }
}

/* The note line: the saved note, or the editor with its cursor. */
static void draw_note(session *s, int y)
{
    int cols = ui_cols();
    char label[128];
    snprintf(label, sizeof label, "%s (Tab): ", _("Note"));
    int lw = ui_text_short(y, 1, cols - 2, label, STYLE_HEADING);
    int x = 1 + lw, w = cols - x - 1;
    if (w < 4)
        return;
    if (!s->editing_note) {
        const char *note = current_answer(s)->note;
        ui_text(y, x, w, note ? note : "", STYLE_NORMAL);
        return;
    }
    lineedit *e = &s->note;
    size_t scroll = s->note_scroll = lineedit_scroll(e, s->note_scroll, w);
    char shown[LINEEDIT_CAP * 4 + 1];
    text_from_wide(e->text + scroll, e->len - scroll, shown, sizeof shown);
    ui_text(y, x, w, shown, STYLE_SELECTED);
    int ccol = wtext_columns(e->text + scroll, e->cursor - scroll);
    ui_cursor(y, x + (ccol < w ? ccol : w - 1), true);
}

static void draw_progress(session *s, int y)
{
    wizard_progress p = wizard_progress_all(&s->w);
    char count[128], bar[3 * 80 + 1];
    snprintf(count, sizeof count, _("%zu of %zu answered"), p.answered, p.total);
    int cols = ui_cols(), cw = text_columns(count), bw = cols - cw - 4;
    if (bw > 40)
        bw = 40;
    if (bw < 5)
        bw = 5;
    wizard_bar(p.answered, p.total, bw, bar, sizeof bar);
    ui_text(y, 1, bw, bar, STYLE_NOTICE);
    ui_text(y, bw + 2, cols - bw - 3, count, STYLE_NORMAL);
}

static void draw_wizard(session *s)
{
    tui *t = s->t;
    const instrument *inst = s->inst;
    const instrument_indicator *ind = current(s);
    const instrument_section *sec = &inst->sections[ind->section];
    int cols = ui_cols(), rows = ui_rows();
    ui_clear();
    draw_screen_title(s);
    ui_text(1, 1, cols - 2, in_ui_language(inst->title_en, inst->title_th), STYLE_NORMAL);
    char line[1024];
    snprintf(line, sizeof line, _("Section %zu of %zu: %s"), ind->section + 1, inst->n_sections,
             in_ui_language(sec->title_en, sec->title_th));
    ui_text(2, 1, cols - 2, line, STYLE_HEADING);
    draw_progress(s, 3);

    wizard_progress all = wizard_progress_all(&s->w);
    snprintf(line, sizeof line, _("Question %zu of %zu"), wizard_number(&s->w, s->pos),
             all.total);
    ui_text(5, 1, cols - 2, line, STYLE_NORMAL);
    /* The question, then what to look at, in the rows above the answer. */
    int answer_row = rows - 6, text_end = answer_row - 1;
    int y = draw_wrapped(6, text_end, 3, cols - 5,
                         in_ui_language(ind->question_en, ind->question_th), STYLE_HEADING);
    const char *guidance = in_ui_language(ind->guidance_en, ind->guidance_th);
    if (*guidance && y + 2 < text_end) {
        ui_text(y + 1, 3, cols - 5, _("What you can observe:"), STYLE_NOTICE);
        draw_wrapped(y + 2, text_end, 5, cols - 7, guidance, STYLE_NORMAL);
    }
    const screening_answer *a = current_answer(s);
    draw_answer_choices(answer_row, a);
    snprintf(line, sizeof line, "%s %s (e)", a->evidence_seen ? "[x]" : "[ ]",
             _("Evidence seen by the officer"));
    ui_text(answer_row + 1, 1, cols - 2, line, STYLE_NORMAL);
    if (wizard_child(&s->w))
        ui_text(rows - 3, 1, cols - 2,
                s->sc.child ? _("CHILD: under 18 (the child rules apply)")
                            : _(screening_reason_label(REASON_CHILD_PRESUMED)),
                STYLE_CHILD);
    tui_draw_message(t);
    keys_draw_line(s->editing_note ? KEYS_WIZARD_NOTE : KEYS_WIZARD);
    ui_cursor(0, 0, false);
    draw_note(s, answer_row + 2);
    ui_refresh();
}

/* Saves the current question's answer as it stands in s->ans, with the
 * resume position.  On failure the officer is told why. */
static bool save_current(session *s, size_t position)
{
    const screening_answer *a = current_answer(s);
    answer_note_problem np = NOTE_OK;
    store_status st = store_screening_answer(s->t->st, s->sc.id, current(s)->code, a->value,
                                             a->evidence_seen, a->note, position, &np);
    if (st == ST_INVALID && np != NOTE_OK)
        tui_say(s->t, STYLE_ERROR, _(answer_note_problem_message(np)));
    else if (st != ST_OK)
        say_status(s->t, st);
    return st == ST_OK;
}

/* Records the answer and moves to the next question that applies (an age
 * answer may add or remove child-only questions, so the next one is found
 * after the answer is set). */
static void give_answer(session *s, answer_value v)
{
    screening_answer *a = current_answer(s);
    answer_value before = a->value;
    a->value = v;
    size_t next = wizard_next(&s->w, s->pos);
    if (!save_current(s, next)) {
        a->value = before;
        return;
    }
    s->pos = next;
}

static void toggle_evidence(session *s)
{
    screening_answer *a = current_answer(s);
    a->evidence_seen = !a->evidence_seen;
    if (a->value == ANSWER_NONE) {
        tui_say(s->t, STYLE_NOTICE, _("Marked. It is saved with the answer."));
        return;
    }
    if (!save_current(s, s->pos))
        a->evidence_seen = !a->evidence_seen;
}

/* One key while the note is typed.  Letters are text here. */
static void note_key(lineedit *e, ui_key k)
{
    if (k.function) {
        switch (k.code) {
        case KEY_LEFT: lineedit_left(e); break;
        case KEY_RIGHT: lineedit_right(e); break;
        case KEY_HOME: lineedit_home(e); break;
        case KEY_END: lineedit_end(e); break;
        case KEY_BACKSPACE: lineedit_backspace(e); break;
        case KEY_DC: lineedit_delete(e); break;
        default: break;
        }
        return;
    }
    switch (k.code) {
    case 127: case 8: lineedit_backspace(e); break;
    case 1: lineedit_home(e); break;          /* Ctrl-A */
    case 5: lineedit_end(e); break;           /* Ctrl-E */
    case 21: lineedit_clear(e); break;        /* Ctrl-U */
    case 23: lineedit_delete_word(e); break;  /* Ctrl-W */
    default:
        if (!lineedit_insert(e, (wchar_t)k.code))
            beep();
        break;
    }
}

/* Keeps a typed note: checked by core, saved at once when the question is
 * answered, else kept to be saved with the answer. */
static void keep_note(session *s)
{
    char *text = malloc(SCREENING_NOTE_MAX * 2 + 8);
    if (!text)
        return;
    lineedit_get(&s->note, text, SCREENING_NOTE_MAX * 2 + 8);
    screening_answer *a = current_answer(s);
    char *before = a->note ? strdup(a->note) : NULL;
    answer_note_problem np = screening_answers_note(&s->ans, s->inst, current(s)->code, text);
    if (np != NOTE_OK) {
        tui_say(s->t, STYLE_ERROR, _(answer_note_problem_message(np)));
    } else if (a->value == ANSWER_NONE) {
        tui_say(s->t, STYLE_NOTICE, _("The note is saved with the answer."));
    } else if (!save_current(s, s->pos)) {
        screening_answers_note(&s->ans, s->inst, current(s)->code, before);
    }
    if (before) {
        sodium_memzero(before, strlen(before));
        free(before);
    }
    sodium_memzero(text, SCREENING_NOTE_MAX * 2 + 8);
    free(text);
}

static void edit_note(session *s)
{
    const char *note = current_answer(s)->note;
    lineedit_init(&s->note, SCREENING_NOTE_MAX, SCREENING_NOTE_MAX);
    lineedit_set(&s->note, note ? note : "");
    s->note_scroll = 0;
    s->editing_note = true;
    while (!s->t->quit && s->t->st) {
        draw_wizard(s);
        ui_key k;
        key_action a = tui_key(s->t, KEYS_WIZARD_NOTE, &k);
        if (a == ACT_SAVE) {
            keep_note(s);
            break;
        }
        if (a == ACT_BACK)
            break;
        if (a == ACT_HELP)
            keys_show_help(_("Note"), KEYS_WIZARD_NOTE);
        else if (a == ACT_NONE && !k.timeout)
            note_key(&s->note, k);
    }
    s->editing_note = false;
    sodium_memzero(&s->note, sizeof s->note);
}

/* Moving saves the position too, so a screening reopens where the officer
 * was, not only after the last answer. */
static void move_to(session *s, size_t pos)
{
    if (pos == s->pos)
        return;
    s->pos = pos;
    store_status st = store_screening_set_position(s->t->st, s->sc.id, pos);
    if (st != ST_OK)
        say_status(s->t, st);
}

static void section_row(void *ctx, size_t i, char *text, size_t textsz, char *info,
                        size_t infosz)
{
    session *s = ctx;
    const instrument_section *sec = &s->inst->sections[i];
    snprintf(text, textsz, "%zu. %s", i + 1, in_ui_language(sec->title_en, sec->title_th));
    wizard_progress p = wizard_progress_section(&s->w, i);
    if (p.total)
        snprintf(info, infosz, _("%zu of %zu answered"), p.answered, p.total);
    else
        snprintf(info, infosz, "%s", _("not asked"));
}

static void choose_section(session *s)
{
    long i = tui_pick(s->t, N_("Sections"), N_("Go to a section"), s->inst->n_sections,
                      wizard_section(&s->w, s->pos), section_row, s);
    if (i < 0)
        return;
    size_t at = wizard_section_start(&s->w, (size_t)i);
    if (at == wizard_end(&s->w))
        tui_say(s->t, STYLE_NOTICE, _("No question of this section is asked of this person."));
    else
        move_to(s, at);
}

typedef enum summary_exit { SUMMARY_BACK, SUMMARY_LEAVE } summary_exit;
static summary_exit summary_run(session *s);
static void record_run(session *s);

/* Where the questions reopen from the summary: the first one still open,
 * else the last one. */
static size_t back_from_summary(const session *s)
{
    size_t at = wizard_first_unanswered(&s->w);
    return at != wizard_end(&s->w) ? at : wizard_prev(&s->w, wizard_end(&s->w));
}

static void wizard_run(session *s)
{
    tui *t = s->t;
    while (!t->quit && t->st) {
        if (s->sc.decided) {
            record_run(s);
            return;
        }
        if (s->pos >= wizard_end(&s->w)) {
            if (summary_run(s) == SUMMARY_LEAVE)
                return;
            s->pos = back_from_summary(s);
            if (s->pos >= wizard_end(&s->w))
                return;     /* nothing at all applies: nothing to go back to */
            continue;
        }
        draw_wizard(s);
        key_action a = tui_command_key(t, KEYS_WIZARD);
        if (t->quit || !t->st)
            return;
        switch (a) {
        case ACT_ANSWER_YES: give_answer(s, ANSWER_YES); break;
        case ACT_ANSWER_NO: give_answer(s, ANSWER_NO); break;
        case ACT_ANSWER_UNKNOWN: give_answer(s, ANSWER_UNKNOWN); break;
        case ACT_ANSWER_DECLINED: give_answer(s, ANSWER_DECLINED); break;
        case ACT_EVIDENCE: toggle_evidence(s); break;
        case ACT_NOTE: edit_note(s); break;
        case ACT_NEXT_QUESTION: move_to(s, wizard_next(&s->w, s->pos)); break;
        case ACT_PREV_QUESTION: move_to(s, wizard_prev(&s->w, s->pos)); break;
        case ACT_NEXT_SECTION: move_to(s, wizard_next_section(&s->w, s->pos)); break;
        case ACT_PREV_SECTION: move_to(s, wizard_prev_section(&s->w, s->pos)); break;
        case ACT_SECTIONS: choose_section(s); break;
        case ACT_SUMMARY:
            if (summary_run(s) == SUMMARY_LEAVE)
                return;
            break;
        case ACT_HELP: keys_show_help(_("Screening"), KEYS_WIZARD); break;
        case ACT_BACK: return;
        default: break;
        }
    }
}

/* ---- the summary: a document of wrapped lines --------------------------- */

enum { DOC_TEXT_MAX = 1024 };

typedef struct doc_line {
    int indent;
    ui_style style;
    char text[DOC_TEXT_MAX];
} doc_line;

typedef struct doc {
    doc_line *lines;
    size_t n, cap;
    int width;                  /* columns for text at indent 0 */
} doc;

static void doc_push(doc *d, int indent, ui_style style, const char *text, size_t len)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        doc_line *more = realloc(d->lines, cap * sizeof *more);
        if (!more)
            return;
        d->lines = more;
        d->cap = cap;
    }
    doc_line *l = &d->lines[d->n++];
    l->indent = indent;
    l->style = style;
    if (len >= DOC_TEXT_MAX)
        len = DOC_TEXT_MAX - 1;
    memcpy(l->text, text, len);
    l->text[len] = '\0';
}

static void doc_blank(doc *d)
{
    if (d->n && d->lines[d->n - 1].text[0])
        doc_push(d, 0, STYLE_NORMAL, "", 0);
}

/* A paragraph wrapped to the width left at indent; the first line starts
 * with bullet ("" for none), the next ones are indented under its text. */
static void doc_para(doc *d, int indent, const char *bullet, ui_style style, const char *text)
{
    enum { MAX_LINES = 128 };
    text_line lines[MAX_LINES];
    int bw = text_columns(bullet);
    int width = d->width - indent - bw;
    if (width < 10)
        width = 10;
    size_t n = thai_wrap(text, width, lines, MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    for (size_t i = 0; i < n; i++) {
        char line[DOC_TEXT_MAX];
        int used = snprintf(line, sizeof line, "%*s%s", i ? bw : 0, "", i ? "" : bullet);
        if (used < 0 || (size_t)used >= sizeof line)
            used = 0;
        size_t len = lines[i].len;
        if (len > sizeof line - (size_t)used - 1)
            len = sizeof line - (size_t)used - 1;
        memcpy(line + used, text + lines[i].start, len);
        line[(size_t)used + len] = '\0';
        doc_push(d, indent, style, line, strlen(line));
    }
}

static void doc_heading(doc *d, const char *text)
{
    doc_blank(d);
    doc_para(d, 0, "", STYLE_HEADING, text);
}

static const char *question_text(const instrument_indicator *ind)
{
    return in_ui_language(ind->question_en, ind->question_th);
}

static void doc_fired(doc *d, const session *s, const screening_result *r)
{
    doc_heading(d, _("Indicators found"));
    if (!r->n_fired) {
        doc_para(d, 2, "", STYLE_NORMAL, _("No question was answered yes."));
        return;
    }
    for (int e = 0; e < ELEMENT_COUNT; e++) {
        if (!r->fired_count[e])
            continue;
        doc_para(d, 2, "", STYLE_HEADING, _(element_label((indicator_element)e)));
        for (size_t k = 0; k < r->fired_count[e]; k++) {
            size_t i = r->fired[r->fired_first[e] + k];
            const instrument_indicator *ind = &s->inst->indicators[i];
            const screening_answer *a = &s->ans.items[i];
            doc_para(d, 4, "• ", STYLE_NORMAL, question_text(ind));
            char what[512];
            snprintf(what, sizeof what, "%s%s%s", _(strength_label(ind->strength)),
                     a->evidence_seen ? " · " : "",
                     a->evidence_seen ? _("evidence seen by the officer") : "");
            doc_para(d, 6, "", STYLE_NOTICE, what);
            if (a->note && *a->note) {
                char label[128];
                snprintf(label, sizeof label, "%s: ", _("Note"));
                doc_para(d, 6, label, STYLE_NORMAL, a->note);
            }
        }
    }
}

static void doc_open(doc *d, const session *s, const screening_result *r)
{
    if (!r->n_open)
        return;
    doc_heading(d, _("Open answers (don't know or declined)"));
    for (size_t k = 0; k < r->n_open; k++) {
        size_t i = r->open[k];
        doc_para(d, 2, "• ", STYLE_NORMAL, question_text(&s->inst->indicators[i]));
        doc_para(d, 4, "", STYLE_NOTICE, _(answer_label(s->ans.items[i].value)));
    }
}

static void doc_missing(doc *d, const session *s, const screening_result *r)
{
    if (r->n_missing_sections) {
        doc_heading(d, _("Sections not finished"));
        for (size_t k = 0; k < r->n_missing_sections; k++) {
            size_t sec = r->missing_sections[k];
            const instrument_section *is = &s->inst->sections[sec];
            wizard_progress p = wizard_progress_section(&s->w, sec);
            char line[1024], count[128];
            snprintf(count, sizeof count, _("%zu of %zu answered"), p.answered, p.total);
            snprintf(line, sizeof line, "%s (%s)", in_ui_language(is->title_en, is->title_th),
                     count);
            doc_para(d, 2, "• ", STYLE_NORMAL, line);
        }
    }
    if (r->n_unconfirmed_steps) {
        doc_heading(d, _("Interview safeguards not confirmed"));
        for (size_t k = 0; k < r->n_unconfirmed_steps; k++) {
            size_t i = r->unconfirmed_steps[k];
            doc_para(d, 2, "• ", STYLE_NORMAL, question_text(&s->inst->indicators[i]));
            doc_para(d, 4, "", STYLE_NOTICE, _(answer_label(s->ans.items[i].value)));
        }
    }
}

static void doc_field(doc *d, const char *label, const char *value)
{
    char line[2048];
    snprintf(line, sizeof line, "%s: ", label);
    doc_para(d, 2, line, STYLE_NORMAL, value && *value ? value : "-");
}

static void doc_decision(doc *d, session *s)
{
    if (!s->sc.decided)
        return;
    const tc_clock *clock = &s->t->opt->clock;
    char when[MOMENT_TEXT_MAX], line[1024];
    doc_heading(d, _("Decision"));
    doc_para(d, 2, "", STYLE_NOTICE, _(decision_label(s->sc.decision)));
    if (s->sc.decision_reason[0])
        doc_field(d, _("Reason"), s->sc.decision_reason);
    moment_format(s->sc.decided_at, clock->utc_offset, when, sizeof when);
    tc_officer who;
    memset(&who, 0, sizeof who);
    if (store_officer_get(s->t->st, s->sc.decided_by, &who) != ST_OK)
        snprintf(who.name, sizeof who.name, "%s", "-");
    snprintf(line, sizeof line, _("Recorded %s by %s"), when, who.name);
    doc_para(d, 2, "", STYLE_NORMAL, line);
}

static void doc_interview(doc *d, const session *s)
{
    const tc_interview *iv = &s->sc.interview;
    char buf[1024];
    doc_heading(d, _("Interview"));
    moment_format(iv->held_at, s->t->opt->clock.utc_offset, buf, sizeof buf);
    doc_field(d, _("Date and time"), buf);
    doc_field(d, _("Place"), iv->place);
    doc_field(d, _("Interviewers"), iv->interviewers);
    doc_field(d, _("Language of the interview"), iv->language);
    if (iv->interpreter_used) {
        snprintf(buf, sizeof buf, "%s · %s · %s", iv->interpreter_name,
                 iv->interpreter_agency[0] ? iv->interpreter_agency : "-",
                 iv->interpreter_language);
        doc_field(d, _("Interpreter"), buf);
    } else {
        doc_field(d, _("Interpreter"), _("No interpreter"));
    }
    doc_field(d, _("Consent to the interview"), iv->consent_given ? _("Given") : _("Not given"));
    snprintf(buf, sizeof buf, "%d", iv->earlier_interviews);
    doc_field(d, _("Earlier interviews"), buf);
    if (iv->guardian_present != PRESENCE_NOT_RECORDED)
        doc_field(d, _("Guardian or social worker present"),
                  iv->guardian_present == PRESENCE_YES ? _("Yes") : _("No"));
    snprintf(buf, sizeof buf, "%s (%s %d)", in_ui_language(s->inst->title_en, s->inst->title_th),
             _("version"), s->inst->version);
    doc_field(d, _("Screening form"), buf);
}

/* The whole summary at the width of the screen now. */
static void doc_build(doc *d, session *s, const screening_result *r)
{
    d->n = 0;
    d->width = ui_cols() - 3;
    doc_para(d, 0, "", STYLE_HEADING, _("Suggestion"));
    doc_para(d, 2, "", STYLE_NOTICE, _(suggestion_label(r->suggestion)));
    doc_para(d, 2, "", STYLE_NORMAL,
             _("A suggestion to support the officer's decision. The multidisciplinary team "
               "makes the identification."));
    if (r->non_punishment_note) {
        doc_blank(d);
        doc_para(d, 2, "", STYLE_CHILD, _(screening_non_punishment_note()));
    }
    if (r->n_reasons) {
        doc_heading(d, _("Reasons"));
        for (size_t k = 0; k < r->n_reasons; k++)
            doc_para(d, 2, "• ", STYLE_NORMAL, _(screening_reason_label(r->reasons[k])));
    }
    doc_fired(d, s, r);
    doc_open(d, s, r);
    doc_missing(d, s, r);
    doc_decision(d, s);
    doc_interview(d, s);
}

/* Scrolls the summary; returns the first action that is not a move. */
static key_action doc_view(session *s, const key_binding *keys, const char *screen)
{
    tui *t = s->t;
    doc d = { NULL, 0, 0, 0 };
    size_t top = 0;
    key_action out = ACT_BACK;
    while (!t->quit && t->st) {
        screening_result r;
        if (!screening_score(s->inst, &s->ans, s->sc.child, &r))
            break;
        doc_build(&d, s, &r);
        int first = 2, rows = ui_rows() - first - 2;
        if (rows < 1)
            rows = 1;
        if (d.n > (size_t)rows && top > d.n - (size_t)rows)
            top = d.n - (size_t)rows;
        if (d.n <= (size_t)rows)
            top = 0;
        ui_clear();
        draw_screen_title(s);
        ui_text(1, 1, ui_cols() - 2, _(screen), STYLE_HEADING);
        for (size_t i = top; i < d.n && i < top + (size_t)rows; i++) {
            const doc_line *l = &d.lines[i];
            ui_text(first + (int)(i - top), 1 + l->indent, ui_cols() - 2 - l->indent, l->text,
                    l->style);
        }
        if (d.n > (size_t)rows && top + (size_t)rows < d.n && !t->message[0])
            ui_text(ui_rows() - 2, 1, ui_cols() - 2, _("More below (PgDn)."), STYLE_NOTICE);
        tui_draw_end(t, keys);
        key_action a = tui_command_key(t, keys);
        size_t page = (size_t)rows;
        switch (a) {
        case ACT_UP: if (top) top--; continue;
        case ACT_DOWN: top++; continue;
        case ACT_PAGE_UP: top = top > page ? top - page : 0; continue;
        case ACT_PAGE_DOWN: top += page; continue;
        case ACT_TOP: top = 0; continue;
        case ACT_BOTTOM: top = d.n; continue;
        case ACT_HELP: keys_show_help(_(screen), keys); continue;
        case ACT_NONE: case ACT_REDRAW: continue;
        default: break;
        }
        out = a;
        break;
    }
    free(d.lines);
    return out;
}

static void record_run(session *s)
{
    doc_view(s, KEYS_SCREENING_RECORD, N_("Screening record"));
}

/* ---- the decision ------------------------------------------------------- */

typedef enum decide_result {
    DECIDE_CANCELLED,           /* back to the summary */
    DECIDE_RECORDED,
    DECIDE_LATER,               /* "continue later": the screening stays open */
} decide_result;

static decide_result decide(session *s)
{
    tui *t = s->t;
    screening_result r;
    if (!screening_score(s->inst, &s->ans, s->sc.child, &r))
        return DECIDE_CANCELLED;
    enum { F_DECISION, F_REASON, F_COUNT };
    form_field *fl = calloc(F_COUNT, sizeof *fl);
    if (!fl)
        return DECIDE_CANCELLED;
    static const char *decision_choices[DECISION_COUNT];
    for (int i = 0; i < DECISION_COUNT; i++)
        decision_choices[i] = decision_label((screening_decision)i);
    field_init(&fl[F_DECISION], "decision", N_("Decision"), N_("Left and right arrows choose."),
               FIELD_CHOICE, 0, 0);
    field_choices(&fl[F_DECISION], decision_choices, DECISION_COUNT,
                  (int)decision_for_suggestion(r.suggestion));
    field_init(&fl[F_REASON], "reason", N_("Reason"),
               N_("Needed when it differs from the suggestion."), FIELD_TEXT,
               SCREENING_REASON_MAX, SCREENING_REASON_MAX);
    form f = { N_("Decision on the screening"),
               N_("A decision that differs from the suggestion needs a written reason."),
               fl, F_COUNT, F_DECISION, 0 };
    decide_result result = DECIDE_CANCELLED;
    char *reason = malloc(SCREENING_REASON_MAX * 2 + 8);
    while (reason && result == DECIDE_CANCELLED && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        screening_decision dec = (screening_decision)fl[F_DECISION].choice;
        form_get(&f, F_REASON, reason, SCREENING_REASON_MAX * 2 + 8);
        if (dec == DECISION_CONTINUE_LATER) {
            /* Not a decision on the person: the screening stays open, and a
             * decided screening could not be continued. */
            tui_say(t, STYLE_NOTICE, _("The screening stays open: it resumes where it stopped."));
            result = DECIDE_LATER;
            break;
        }
        decision_problem dp = screening_decision_check(r.suggestion, dec, reason);
        store_status st = ST_INVALID;
        if (dp == DECISION_OK)
            st = store_screening_decide(t->st, s->sc.id, dec, reason, &dp, NULL);
        if (st == ST_INVALID && dp != DECISION_OK) {
            tui_say(t, STYLE_ERROR, _(decision_problem_message(dp)));
            form_focus(&f, dp == DECISION_UNKNOWN ? "decision" : "reason");
        } else if (st != ST_OK) {
            say_status(t, st);
        } else {
            result = DECIDE_RECORDED;
        }
    }
    if (result == DECIDE_RECORDED) {
        store_status st = store_screening_get(t->st, s->sc.id, &s->sc);
        if (st != ST_OK)
            say_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("Decision recorded."));
        s->sc.decided = true;
    }
    if (reason)
        sodium_memzero(reason, SCREENING_REASON_MAX * 2 + 8);
    free(reason);
    fields_free(fl, F_COUNT);
    return result;
}

static summary_exit summary_run(session *s)
{
    for (;;) {
        key_action a = doc_view(s, KEYS_SCREENING_SUMMARY, N_("Summary"));
        if (s->t->quit || !s->t->st)
            return SUMMARY_LEAVE;
        if (a == ACT_DECIDE) {
            decide_result d = decide(s);
            if (d == DECIDE_RECORDED)
                record_run(s);
            if (d != DECIDE_CANCELLED)
                return SUMMARY_LEAVE;
            continue;
        }
        return a == ACT_QUIT ? SUMMARY_LEAVE : SUMMARY_BACK;
    }
}

/* ---- opening one ---------------------------------------------------------- */

static void session_run(session *s)
{
    if (s->sc.decided) {
        record_run(s);
        return;
    }
    s->pos = wizard_resume(&s->w, s->sc.position);
    wizard_run(s);
}

void screen_screening_open(tui *t, const char *screening_id)
{
    session *s = session_load(t, screening_id);
    if (!s)
        return;
    session_run(s);
    session_free(s);
}

/* ---- a new screening: instrument, then the interview --------------------- */

typedef struct start_choices {
    instrument_info *instruments;       /* latest versions only */
    size_t n_instruments;
    screening_row *open;                /* this case's undecided screenings */
    size_t n_open;
    const tc_clock *clock;
} start_choices;

static const char *info_title(const instrument_info *ii)
{
    return in_ui_language(ii->title_en, ii->title_th);
}

static const instrument_info *find_info(const start_choices *c, const char *code)
{
    for (size_t i = 0; i < c->n_instruments; i++)
        if (!strcmp(c->instruments[i].code, code))
            return &c->instruments[i];
    return NULL;
}

static void start_row(void *ctx, size_t i, char *text, size_t textsz, char *info,
                      size_t infosz)
{
    start_choices *c = ctx;
    if (i < c->n_open) {
        const screening_row *r = &c->open[i];
        const instrument_info *ii = find_info(c, r->instrument_code);
        snprintf(text, textsz, _("Continue: %s"), ii ? info_title(ii) : r->instrument_code);
        snprintf(info, infosz, _("%zu of %zu answered"), r->answered, r->total);
        return;
    }
    const instrument_info *ii = &c->instruments[i - c->n_open];
    snprintf(text, textsz, "%s", info_title(ii));
    snprintf(info, infosz, _("%zu questions"), ii->n_indicators);
}

static void start_choices_free(start_choices *c)
{
    free(c->instruments);
    free(c->open);
}

static store_status start_choices_load(tui *t, const char *case_id, start_choices *c)
{
    memset(c, 0, sizeof *c);
    c->clock = &t->opt->clock;
    instrument_info *all = NULL;
    size_t n = 0;
    store_status st = store_instrument_list(t->st, &all, &n);
    if (st != ST_OK)
        return st;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (all[i].latest)
            all[kept++] = all[i];
    c->instruments = all;
    c->n_instruments = kept;
    screening_row *rows = NULL;
    size_t nrows = 0;
    st = store_screening_list(t->st, case_id, &rows, &nrows);
    if (st != ST_OK)
        return st;
    size_t open = 0;
    for (size_t i = 0; i < nrows; i++)
        if (!rows[i].decided)
            rows[open++] = rows[i];
    c->open = rows;
    c->n_open = open;
    return ST_OK;
}

/* The interview form's fields.  Some are asked only sometimes: the
 * guardian for a child, the moment met when the clocks have not started. */
enum { IV_WHEN, IV_PLACE, IV_WHO, IV_LANG, IV_INTERP, IV_INAME, IV_IAGENCY, IV_ILANG,
       IV_CONSENT, IV_EARLIER, IV_GUARDIAN, IV_MET, IV_COUNT };

typedef struct interview_form {
    form_field *fields;
    int at[IV_COUNT];           /* index in fields, or -1 when not asked */
    int n;
    form f;
    char when_default[MOMENT_TEXT_MAX];
} interview_form;

static const char *const yes_no_interpreter[] = { N_("No interpreter"), N_("Interpreter used") };
static const char *const consent_choices[] = { N_("Not given"), N_("Given") };
static const char *const presence_choices[PRESENCE_COUNT] = {
    [PRESENCE_NOT_RECORDED] = N_("Not recorded"),
    [PRESENCE_YES] = N_("Yes"),
    [PRESENCE_NO] = N_("No"),
};

static form_field *iv_add(interview_form *iv, int which)
{
    iv->at[which] = iv->n;
    return &iv->fields[iv->n++];
}

static bool interview_form_init(interview_form *iv, tui *t, const tc_case *c, bool child,
                                bool ask_met)
{
    memset(iv, 0, sizeof *iv);
    for (int i = 0; i < IV_COUNT; i++)
        iv->at[i] = -1;
    iv->fields = calloc(IV_COUNT, sizeof *iv->fields);
    if (!iv->fields)
        return false;
    const tc_clock *clock = &t->opt->clock;
    moment_format_input(tc_now(clock), clock->utc_offset, iv->when_default,
                        sizeof iv->when_default);
    form_field *fl = iv_add(iv, IV_WHEN);
    field_init(fl, "held_at", N_("Date and time"),
               N_("Day/month/year and hours:minutes, e.g. 21/11/2026 14:30."), FIELD_TEXT,
               40, MOMENT_TEXT_MAX - 1);
    lineedit_set(&fl->edit, iv->when_default);
    fl = iv_add(iv, IV_PLACE);
    field_init(fl, "place", N_("Place"), N_("Where the interview is held."), FIELD_TEXT,
               INTERVIEW_PLACE_MAX, INTERVIEW_PLACE_MAX);
    fl = iv_add(iv, IV_WHO);
    field_init(fl, "interviewers", N_("Interviewers"), N_("Names, separated by commas."),
               FIELD_TEXT, INTERVIEW_PEOPLE_MAX, INTERVIEW_PEOPLE_MAX);
    const tc_officer *me = store_me(t->st);
    lineedit_set(&fl->edit, me ? me->name : "");
    fl = iv_add(iv, IV_LANG);
    field_init(fl, "language", N_("Language of the interview"),
               N_("Language codes, e.g. th, my, km."), FIELD_TEXT, INTERVIEW_LANG_MAX,
               INTERVIEW_LANG_MAX);
    lineedit_set(&fl->edit, c->languages[0] ? c->languages : "th");
    fl = iv_add(iv, IV_INTERP);
    field_init(fl, "interpreter_used", N_("Interpreter"), N_("Left and right arrows choose."),
               FIELD_CHOICE, 0, 0);
    field_choices(fl, yes_no_interpreter, 2, 0);
    fl = iv_add(iv, IV_INAME);
    field_init(fl, "interpreter", N_("Interpreter's name"), NULL, FIELD_TEXT,
               INTERVIEW_NAME_MAX, INTERVIEW_NAME_MAX);
    fl = iv_add(iv, IV_IAGENCY);
    field_init(fl, "interpreter_agency", N_("Interpreter's agency"), NULL, FIELD_TEXT,
               INTERVIEW_NAME_MAX, INTERVIEW_NAME_MAX);
    fl = iv_add(iv, IV_ILANG);
    field_init(fl, "interpreter_language", N_("Interpreter's languages"),
               N_("Language codes, e.g. th, my, km."), FIELD_TEXT, INTERVIEW_LANG_MAX,
               INTERVIEW_LANG_MAX);
    fl = iv_add(iv, IV_CONSENT);
    field_init(fl, "consent", N_("Consent to the interview"),
               N_("Ask first. Never interview a person who does not agree."), FIELD_CHOICE,
               0, 0);
    field_choices(fl, consent_choices, 2, 0);
    fl = iv_add(iv, IV_EARLIER);
    field_init(fl, "earlier", N_("Earlier interviews"),
               N_("How many times the person was already interviewed about this."),
               FIELD_TEXT, 2, 2);
    lineedit_set(&fl->edit, "0");
    if (child) {
        fl = iv_add(iv, IV_GUARDIAN);
        field_init(fl, "guardian", N_("Guardian or social worker"),
                   N_("Present at the interview? A child is never interviewed alone."),
                   FIELD_CHOICE, 0, 0);
        field_choices(fl, presence_choices, PRESENCE_COUNT, PRESENCE_NOT_RECORDED);
    }
    if (ask_met) {
        fl = iv_add(iv, IV_MET);
        field_init(fl, "met_at", N_("Person met at"),
                   N_("When officers first met the person: the legal clocks start then."),
                   FIELD_TEXT, 40, MOMENT_TEXT_MAX - 1);
        lineedit_set(&fl->edit, iv->when_default);
    }
    form f = { N_("New screening: the interview"),
               N_("How the interview is held. After this, every answer is saved as it is "
                  "given."),
               iv->fields, iv->n, 0, 0 };
    iv->f = f;
    return true;
}

static void iv_text(const interview_form *iv, int which, char *out, size_t outsz)
{
    out[0] = '\0';
    if (iv->at[which] >= 0)
        form_get(&iv->f, iv->at[which], out, outsz);
}

static int iv_choice(const interview_form *iv, int which, int otherwise)
{
    return iv->at[which] >= 0 ? iv->fields[iv->at[which]].choice : otherwise;
}

/* Language codes as stored: lower case, no spaces ("MY, th" -> "my,th"). */
static void normalise_codes(char *s)
{
    size_t w = 0;
    for (size_t r = 0; s[r]; r++) {
        char ch = s[r];
        if (ch == ' ' || ch == '\t')
            continue;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        s[w++] = ch;
    }
    s[w] = '\0';
}

/* Reads the form into *out.  NULL when it could be read, else the msgid of
 * what is wrong and *field names the field. */
static const char *interview_read(tui *t, const interview_form *iv, tc_interview *out,
                                  const char **field)
{
    char text[MOMENT_TEXT_MAX * 4];
    interview_init(out);
    iv_text(iv, IV_WHEN, text, sizeof text);
    const char *problem = moment_parse(text, t->opt->clock.utc_offset, &out->held_at);
    if (problem) {
        *field = "held_at";
        return problem;
    }
    iv_text(iv, IV_PLACE, out->place, sizeof out->place);
    iv_text(iv, IV_WHO, out->interviewers, sizeof out->interviewers);
    iv_text(iv, IV_LANG, out->language, sizeof out->language);
    normalise_codes(out->language);
    out->interpreter_used = iv_choice(iv, IV_INTERP, 0) == 1;
    if (out->interpreter_used) {
        iv_text(iv, IV_INAME, out->interpreter_name, sizeof out->interpreter_name);
        iv_text(iv, IV_IAGENCY, out->interpreter_agency, sizeof out->interpreter_agency);
        iv_text(iv, IV_ILANG, out->interpreter_language, sizeof out->interpreter_language);
        normalise_codes(out->interpreter_language);
    }
    out->consent_given = iv_choice(iv, IV_CONSENT, 0) == 1;
    iv_text(iv, IV_EARLIER, text, sizeof text);
    char *end = NULL;
    long earlier = strtol(text, &end, 10);
    /* Not a number: out of range, so core says what the number must be. */
    out->earlier_interviews = (text[0] && end && !*end) ? (int)earlier : -1;
    out->guardian_present = (interview_presence)iv_choice(iv, IV_GUARDIAN,
                                                           PRESENCE_NOT_RECORDED);
    return NULL;
}

/* The moment the person was met, when asked: unchanged, it follows the
 * interview's time (the default is "met at the interview"). */
static const char *met_read(tui *t, const interview_form *iv, int64_t held_at, int64_t *met)
{
    char text[MOMENT_TEXT_MAX * 4];
    iv_text(iv, IV_MET, text, sizeof text);
    if (!strcmp(text, iv->when_default)) {
        *met = held_at;
        return NULL;
    }
    const char *problem = moment_parse(text, t->opt->clock.utc_offset, met);
    if (problem)
        return problem;
    if (*met > tc_now(&t->opt->clock) + 60)
        return N_("The time the person was met cannot be in the future.");
    return NULL;
}

/* The interview field to put the focus on for a core problem. */
static const char *interview_focus(const interview_check *chk, const tc_interview *iv)
{
    if (chk->problem == INTERVIEW_INTERPRETER_MISSING && iv->interpreter_name[0])
        return "interpreter_language";
    if (chk->problem == INTERVIEW_INTERPRETER_MISSING)
        return "interpreter";
    return chk->field;
}

/* Runs the interview form until the screening is started (true, sc filled)
 * or the officer leaves. */
static bool interview_run(tui *t, const tc_case *c, bool child, const instrument_info *ii,
                          tc_screening *sc)
{
    case_clocks clocks;
    bool ask_met = store_case_clocks_get(t->st, c->id, &clocks) == ST_NOT_FOUND;
    interview_form iv;
    if (!interview_form_init(&iv, t, c, child, ask_met))
        return false;
    bool started = false;
    while (!started && !t->quit) {
        if (form_run(t, &iv.f) != ACT_SAVE || t->quit || !t->st)
            break;
        memset(sc, 0, sizeof *sc);
        snprintf(sc->case_id, sizeof sc->case_id, "%s", c->id);
        snprintf(sc->instrument_code, sizeof sc->instrument_code, "%s", ii->code);
        sc->instrument_version = ii->version;
        sc->child = child;
        const char *field = NULL;
        const char *problem = interview_read(t, &iv, &sc->interview, &field);
        int64_t met = 0;
        if (!problem && ask_met) {
            problem = met_read(t, &iv, sc->interview.held_at, &met);
            field = "met_at";
        }
        if (!problem) {
            interview_check chk = interview_validate(&sc->interview, child,
                                                     tc_now(&t->opt->clock));
            if (chk.problem != INTERVIEW_OK) {
                problem = interview_problem_text(chk.problem);
                field = interview_focus(&chk, &sc->interview);
            }
        }
        if (problem) {
            tui_say(t, STYLE_ERROR, _(problem));
            form_focus(&iv.f, field);
            continue;
        }
        interview_check chk = { INTERVIEW_OK, NULL };
        store_status st = store_screening_start(t->st, sc, &chk);
        if (st == ST_INVALID && chk.problem != INTERVIEW_OK) {
            tui_say(t, STYLE_ERROR, _(interview_problem_text(chk.problem)));
            form_focus(&iv.f, interview_focus(&chk, &sc->interview));
            continue;
        }
        if (st != ST_OK) {
            say_status(t, st);
            continue;
        }
        started = true;
        if (ask_met) {
            st = store_case_clocks_start(t->st, c->id, met);
            if (st != ST_OK)
                say_status(t, st);
        }
    }
    fields_free(iv.fields, IV_COUNT);
    return started;
}

bool screen_screening_new(tui *t, const char *case_id)
{
    if (!t->st)
        return false;
    tc_case *c = malloc(sizeof *c);
    if (!c)
        return false;
    store_status st = store_case_get(t->st, case_id, c);
    start_choices ch;
    if (st == ST_OK)
        st = start_choices_load(t, c->id, &ch);
    else
        memset(&ch, 0, sizeof ch);
    bool started = false;
    if (st != ST_OK) {
        say_status(t, st);
    } else if (!ch.n_instruments && !ch.n_open) {
        say_status(t, ST_NOT_FOUND);
    } else {
        long i = tui_pick(t, N_("New screening"), N_("Choose the screening form"),
                          ch.n_open + ch.n_instruments, 0, start_row, &ch);
        caldate today = app_today(&t->opt->clock);
        bool child = case_is_child(c, today, t->opt->clock.utc_offset);
        tc_screening *sc = calloc(1, sizeof *sc);
        if (i >= 0 && (size_t)i < ch.n_open) {
            screen_screening_open(t, ch.open[i].id);
        } else if (i >= 0 && sc &&
                   interview_run(t, c, child, &ch.instruments[(size_t)i - ch.n_open], sc)) {
            started = true;
            screen_screening_open(t, sc->id);
        }
        if (sc)
            sodium_memzero(sc, sizeof *sc);
        free(sc);
    }
    start_choices_free(&ch);
    sodium_memzero(c, sizeof *c);
    free(c);
    return started;
}

/* ---- the identification decision ---------------------------------------- */

bool screen_identification_edit(tui *t, const char *case_id)
{
    if (!t->st)
        return false;
    enum { F_OUTCOME, F_OTHER, F_BODY, F_BODY_NAME, F_DATE, F_REASONS, F_COUNT };
    form_field *fl = calloc(F_COUNT, sizeof *fl);
    tc_identification *d = malloc(sizeof *d);
    char *reasons = malloc(IDENT_REASONS_MAX * 2 + 8);
    if (!fl || !d || !reasons) {
        free(fl);
        free(d);
        free(reasons);
        return false;
    }
    identification_init(d);
    static const char *outcomes[IDENT_OUTCOME_COUNT], *others[IDENT_OTHER_COUNT],
        *bodies[IDENT_BODY_COUNT];
    for (int i = 0; i < IDENT_OUTCOME_COUNT; i++)
        outcomes[i] = ident_outcome_label((ident_outcome)i);
    for (int i = 0; i < IDENT_OTHER_COUNT; i++)
        others[i] = ident_other_label((ident_other_matter)i);
    for (int i = 0; i < IDENT_BODY_COUNT; i++)
        bodies[i] = ident_body_label((ident_body)i);
    field_init(&fl[F_OUTCOME], "outcome", N_("Outcome"), N_("Left and right arrows choose."),
               FIELD_CHOICE, 0, 0);
    field_choices(&fl[F_OUTCOME], outcomes, IDENT_OUTCOME_COUNT, (int)d->outcome);
    field_init(&fl[F_OTHER], "other", N_("Other matter"),
               N_("Only when the person was not identified as a victim."), FIELD_CHOICE, 0, 0);
    field_choices(&fl[F_OTHER], others, IDENT_OTHER_COUNT, (int)IDENT_OTHER_NONE);
    field_init(&fl[F_BODY], "body", N_("Decided by"), N_("Left and right arrows choose."),
               FIELD_CHOICE, 0, 0);
    field_choices(&fl[F_BODY], bodies, IDENT_BODY_COUNT, (int)d->body);
    field_init(&fl[F_BODY_NAME], "body_name", N_("Office"),
               N_("E.g. Mae Sot police station."), FIELD_TEXT,
               IDENT_BODY_NAME_MAX, IDENT_BODY_NAME_MAX);
    field_init(&fl[F_DATE], "decided_on", N_("Date decided"), N_("Day/month/year, B.E. or C.E."),
               FIELD_TEXT, 30, 90);
    char date[THDATE_MAX];
    caldate today = app_today(&t->opt->clock);
    thdate_format_input(today, i18n_is_thai(), date, sizeof date);
    lineedit_set(&fl[F_DATE].edit, date);
    field_init(&fl[F_REASONS], "reasons", N_("Reasons"), NULL, FIELD_TEXT, IDENT_REASONS_MAX,
               IDENT_REASONS_MAX);
    form f = { N_("Identification decision"),
               N_("The multidisciplinary team's decision. Earlier decisions are kept."),
               fl, F_COUNT, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        identification_init(d);
        snprintf(d->case_id, sizeof d->case_id, "%s", case_id);
        d->outcome = (ident_outcome)fl[F_OUTCOME].choice;
        /* The other matter belongs to "not identified" only: a value left on
         * the field after changing the outcome is not a mistake to refuse. */
        d->other = d->outcome == IDENT_NOT_IDENTIFIED ? (ident_other_matter)fl[F_OTHER].choice
                                                      : IDENT_OTHER_NONE;
        d->body = (ident_body)fl[F_BODY].choice;
        form_get(&f, F_BODY_NAME, d->body_name, sizeof d->body_name);
        form_get(&f, F_DATE, date, sizeof date);
        form_get(&f, F_REASONS, reasons, IDENT_REASONS_MAX * 2 + 8);
        snprintf(d->reasons, sizeof d->reasons, "%s", reasons);
        if (date[0]) {
            thdate_error e = thdate_parse(date, &d->decided_on);
            if (e != THDATE_OK) {
                tui_say(t, STYLE_ERROR, _(thdate_error_text(e)));
                form_focus(&f, "decided_on");
                continue;
            }
            d->decided_known = true;
        }
        ident_check chk = identification_validate(d, today);
        store_status st = ST_INVALID;
        if (chk.problem == IDENT_OK)
            st = store_identification_add(t->st, d, &chk);
        if (st == ST_INVALID && chk.problem != IDENT_OK) {
            tui_say(t, STYLE_ERROR, _(ident_problem_text(chk.problem)));
            form_focus(&f, chk.field);
        } else if (st != ST_OK) {
            say_status(t, st);
        } else {
            saved = true;
            tui_say(t, STYLE_NOTICE, _("Identification decision recorded."));
        }
    }
    sodium_memzero(d, sizeof *d);
    sodium_memzero(reasons, IDENT_REASONS_MAX * 2 + 8);
    free(d);
    free(reasons);
    fields_free(fl, F_COUNT);
    return saved;
}
