/* stage.c - the stage of a case from its facts, closing and reopening,
 * and the rule for correcting or withdrawing a record. */
#include "core/stage.h"

#include <stddef.h>
#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

/* -------------------------------------------------------------- stages */

/* Codes are stored in the database and used in reports: never rename one. */
static const code_label stages[STAGE_COUNT] = {
    [STAGE_INTAKE] = { "intake", N_("Intake") },
    [STAGE_SCREENING] = { "screening", N_("Screening") },
    [STAGE_IDENTIFICATION] = { "identification", N_("Identification") },
    [STAGE_PROTECTION] = { "protection", N_("Protection and assistance") },
    [STAGE_LEGAL] = { "legal", N_("Legal proceedings") },
    [STAGE_RETURN] = { "return", N_("Return or repatriation") },
    [STAGE_REINTEGRATION] = { "reintegration", N_("Reintegration") },
    [STAGE_CLOSED] = { "closed", N_("Case closed") },
};

const char *stage_code(case_stage s)
{
    return codes_code(stages, STAGE_COUNT, (int)s);
}

bool stage_from_code(const char *code, case_stage *out)
{
    int i;
    if (!codes_find(stages, STAGE_COUNT, code, &i))
        return false;
    *out = (case_stage)i;
    return true;
}

const char *stage_label(case_stage s)
{
    return codes_label(stages, STAGE_COUNT, (int)s, N_("Unknown"));
}

case_stage stage_derive(const stage_facts *f)
{
    if (f->closed)
        return STAGE_CLOSED;
    if (f->has_reintegration_plan)
        return STAGE_REINTEGRATION;
    if (f->has_repatriation_plan)
        return STAGE_RETURN;
    if (f->has_legal_proceedings)
        return STAGE_LEGAL;
    if (f->has_protection)
        return STAGE_PROTECTION;
    if (f->identification != STAGE_ID_NONE)
        return STAGE_IDENTIFICATION;
    if (f->has_screening)
        return STAGE_SCREENING;
    return STAGE_INTAKE;
}

/* ------------------------------------------------------------- closing */

static const code_label closures[CLOSURE_REASON_COUNT] = {
    [CLOSE_NOT_IDENTIFIED] = { "not_identified", N_("Not identified as a victim") },
    [CLOSE_DECLINED] = { "declined", N_("The person declined help") },
    [CLOSE_LOST_CONTACT] = { "lost_contact", N_("Lost contact") },
    [CLOSE_TRANSFERRED] = { "transferred", N_("Transferred to another agency") },
    [CLOSE_REINTEGRATED] = { "reintegrated", N_("Reintegrated") },
    [CLOSE_OTHER] = { "other", N_("Other reason") },
};

static bool closure_in_range(closure_reason r)
{
    return (int)r >= 0 && r < CLOSURE_REASON_COUNT;
}

const char *closure_reason_code(closure_reason r)
{
    return codes_code(closures, CLOSURE_REASON_COUNT, (int)r);
}

bool closure_reason_from_code(const char *code, closure_reason *out)
{
    int i;
    if (!codes_find(closures, CLOSURE_REASON_COUNT, code, &i))
        return false;
    *out = (closure_reason)i;
    return true;
}

const char *closure_reason_label(closure_reason r)
{
    return codes_label(closures, CLOSURE_REASON_COUNT, (int)r, N_("Unknown"));
}

/* A note or reason: clean text, and present when `required`. */
static stage_problem note_problem(const char *note, bool required, stage_problem missing)
{
    switch (field_text_check(note, STAGE_NOTE_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return STAGE_NOTE_TOO_LONG;
    case FIELD_TEXT_BAD: return STAGE_NOTE_BAD_TEXT;
    case FIELD_TEXT_OK: break;
    }
    return required && !field_has_visible(note) ? missing : STAGE_OK;
}

stage_problem stage_close_check(const stage_facts *f, const stage_closure *c)
{
    if (f->closed)
        return STAGE_ALREADY_CLOSED;
    if (!closure_in_range(c->reason))
        return STAGE_CLOSURE_REASON_INVALID;
    stage_problem p = note_problem(c->note, c->reason == CLOSE_OTHER, STAGE_CLOSURE_NOTE_MISSING);
    if (p != STAGE_OK)
        return p;
    if (c->reason == CLOSE_REINTEGRATED && !f->has_reintegration_plan)
        return STAGE_REINTEGRATED_TOO_EARLY;
    if (c->reason == CLOSE_NOT_IDENTIFIED && f->identification == STAGE_ID_VICTIM)
        return STAGE_CONTRADICTS_IDENTIFICATION;
    return STAGE_OK;
}

stage_problem stage_reopen_check(const stage_facts *f, const char *reason)
{
    if (!f->closed)
        return STAGE_NOT_CLOSED;
    return note_problem(reason, true, STAGE_REOPEN_REASON_MISSING);
}

bool stage_suggest_closure(const stage_facts *f, closure_reason *out)
{
    if (f->closed || f->identification != STAGE_ID_NOT_VICTIM)
        return false;
    *out = CLOSE_NOT_IDENTIFIED;
    return true;
}

static const char *const stage_texts[STAGE_PROBLEM_COUNT] = {
    [STAGE_OK] = N_("The change of stage is allowed."),
    [STAGE_ALREADY_CLOSED] = N_("The case is already closed."),
    [STAGE_NOT_CLOSED] = N_("The case is not closed."),
    [STAGE_CLOSURE_REASON_INVALID] = N_("Choose why the case is being closed."),
    [STAGE_CLOSURE_NOTE_MISSING] = N_("Describe the other reason for closing the case."),
    [STAGE_NOTE_BAD_TEXT] = N_("The note cannot contain control characters or invalid text."),
    [STAGE_NOTE_TOO_LONG] = N_("The note is too long."),
    [STAGE_REINTEGRATED_TOO_EARLY] =
        N_("A case can be closed as reintegrated only once a reintegration plan is recorded."),
    [STAGE_CONTRADICTS_IDENTIFICATION] =
        N_("The person was identified as a victim: choose another reason."),
    [STAGE_REOPEN_REASON_MISSING] = N_("Give the reason for reopening the case."),
};

const char *stage_problem_text(stage_problem p)
{
    if ((int)p < 0 || p >= STAGE_PROBLEM_COUNT)
        return N_("The change of stage is not allowed.");
    return stage_texts[p];
}

/* ------------------------------------------- corrections and withdrawal */

static const code_label actions[RECORD_ACTION_COUNT] = {
    [RECORD_CORRECT] = { "correct", N_("Correct the record") },
    [RECORD_WITHDRAW] = { "withdraw", N_("Withdraw the record") },
};

static bool action_in_range(record_action a)
{
    return (int)a >= 0 && a < RECORD_ACTION_COUNT;
}

const char *record_action_code(record_action a)
{
    return codes_code(actions, RECORD_ACTION_COUNT, (int)a);
}

bool record_action_from_code(const char *code, record_action *out)
{
    int i;
    if (!codes_find(actions, RECORD_ACTION_COUNT, code, &i))
        return false;
    *out = (record_action)i;
    return true;
}

const char *record_action_label(record_action a)
{
    return codes_label(actions, RECORD_ACTION_COUNT, (int)a, N_("Unknown"));
}

record_problem record_change_check(record_state current, const record_change *ch)
{
    if (current.version < 1)
        return RECORD_VERSION_INVALID;
    if (current.withdrawn)
        return RECORD_ALREADY_WITHDRAWN;
    if (!action_in_range(ch->action))
        return RECORD_ACTION_INVALID;
    switch (field_text_check(ch->reason, RECORD_REASON_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return RECORD_REASON_TOO_LONG;
    case FIELD_TEXT_BAD: return RECORD_REASON_BAD_TEXT;
    case FIELD_TEXT_OK: break;
    }
    return field_has_visible(ch->reason) ? RECORD_OK : RECORD_REASON_MISSING;
}

record_state record_change_apply(record_state current, const record_change *ch)
{
    record_state next = current;
    next.version = current.version + 1;
    if (ch->action == RECORD_WITHDRAW)
        next.withdrawn = true;
    return next;
}

static const char *const record_texts[RECORD_PROBLEM_COUNT] = {
    [RECORD_OK] = N_("The change can be saved."),
    [RECORD_ACTION_INVALID] = N_("Choose whether to correct or withdraw the record."),
    [RECORD_REASON_MISSING] = N_("Give the reason for correcting or withdrawing the record."),
    [RECORD_REASON_BAD_TEXT] = N_("The reason cannot contain control characters or invalid text."),
    [RECORD_REASON_TOO_LONG] = N_("The reason is too long."),
    [RECORD_ALREADY_WITHDRAWN] = N_("This record was withdrawn and cannot be changed."),
    [RECORD_VERSION_INVALID] = N_("This record has not been saved yet."),
};

const char *record_problem_text(record_problem p)
{
    if ((int)p < 0 || p >= RECORD_PROBLEM_COUNT)
        return N_("The change cannot be saved.");
    return record_texts[p];
}
