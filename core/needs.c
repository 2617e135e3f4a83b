/* needs.c - assistance needs: kinds, states, the transition table and the
 * order of the case view. */
#include "core/needs.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

/* --------------------------------------------------------------- kinds */

/* Codes are stored in the database and used in reports: never rename one. */
static const code_label kinds[NEED_KIND_COUNT] = {
    [NEED_SAFETY] = { "safety", N_("Safety") },
    [NEED_FOOD] = { "food", N_("Food") },
    [NEED_SHELTER] = { "shelter", N_("Accommodation") },
    [NEED_MEDICAL] = { "medical", N_("Medical care") },
    [NEED_REHABILITATION] = { "rehabilitation", N_("Physical and mental rehabilitation") },
    [NEED_EDUCATION] = { "education", N_("Education") },
    [NEED_TRAINING] = { "training", N_("Vocational training") },
    [NEED_LEGAL_AID] = { "legal_aid", N_("Legal aid") },
    [NEED_RETURN_HOME] = { "return_home", N_("Return to the country of origin or domicile") },
    [NEED_COMPENSATION] = { "compensation", N_("Compensation claim") },
    [NEED_INTERPRETER] = { "interpreter", N_("Interpreter") },
    [NEED_LEGAL_COUNSELLING] = { "legal_counselling", N_("Legal counselling") },
    [NEED_CONSULAR] = { "consular", N_("Consular help") },
    [NEED_IDENTITY_DOCUMENTS] = { "identity_documents", N_("Identity documents") },
    [NEED_WAGE_RECOVERY] = { "wage_recovery", N_("Recovery of unpaid wages") },
    [NEED_FAMILY_CONTACT] = { "family_contact", N_("Contact with family") },
};

/* The services section 33 of the Anti-Trafficking in Persons Act lists;
 * the other kinds are ones the teams add. */
static const bool kind_in_s33[NEED_KIND_COUNT] = {
    [NEED_SAFETY] = true, [NEED_FOOD] = true, [NEED_SHELTER] = true,
    [NEED_MEDICAL] = true, [NEED_REHABILITATION] = true, [NEED_EDUCATION] = true,
    [NEED_TRAINING] = true, [NEED_LEGAL_AID] = true, [NEED_RETURN_HOME] = true,
    [NEED_COMPENSATION] = true,
};

static bool kind_in_range(need_kind k)
{
    return (int)k >= 0 && k < NEED_KIND_COUNT;
}

const char *need_kind_code(need_kind k)
{
    return codes_code(kinds, NEED_KIND_COUNT, (int)k);
}

bool need_kind_from_code(const char *code, need_kind *out)
{
    int i;
    if (!codes_find(kinds, NEED_KIND_COUNT, code, &i))
        return false;
    *out = (need_kind)i;
    return true;
}

const char *need_kind_label(need_kind k)
{
    return codes_label(kinds, NEED_KIND_COUNT, (int)k, N_("Unknown"));
}

bool need_kind_in_section_33(need_kind k)
{
    return kind_in_range(k) && kind_in_s33[k];
}

/* -------------------------------------------------------------- states */

static const code_label states[NEED_STATE_COUNT] = {
    [NEED_IDENTIFIED] = { "identified", N_("Need identified") },
    [NEED_REFERRED] = { "referred", N_("Referred") },
    [NEED_IN_PROGRESS] = { "in_progress", N_("In progress") },
    [NEED_PROVIDED] = { "provided", N_("Provided") },
    [NEED_DECLINED] = { "declined", N_("Declined by the person") },
    [NEED_UNAVAILABLE] = { "unavailable", N_("Service not available") },
};

/* A need in these states is still waiting for something. */
static const bool state_open[NEED_STATE_COUNT] = {
    [NEED_IDENTIFIED] = true, [NEED_REFERRED] = true, [NEED_IN_PROGRESS] = true,
};

static bool state_in_range(need_state s)
{
    return (int)s >= 0 && s < NEED_STATE_COUNT;
}

const char *need_state_code(need_state s)
{
    return codes_code(states, NEED_STATE_COUNT, (int)s);
}

bool need_state_from_code(const char *code, need_state *out)
{
    int i;
    if (!codes_find(states, NEED_STATE_COUNT, code, &i))
        return false;
    *out = (need_state)i;
    return true;
}

const char *need_state_label(need_state s)
{
    return codes_label(states, NEED_STATE_COUNT, (int)s, N_("Unknown"));
}

bool need_state_is_open(need_state s)
{
    return state_in_range(s) && state_open[s];
}

/* --------------------------------------------------------- transitions */

#define TO(s) (1u << (s))

/* allowed[from] is the set of states a need may move to (header). */
static const unsigned allowed[NEED_STATE_COUNT] = {
    [NEED_IDENTIFIED] = TO(NEED_REFERRED) | TO(NEED_IN_PROGRESS) | TO(NEED_PROVIDED)
                        | TO(NEED_DECLINED) | TO(NEED_UNAVAILABLE),
    [NEED_REFERRED] = TO(NEED_IDENTIFIED) | TO(NEED_IN_PROGRESS) | TO(NEED_PROVIDED)
                      | TO(NEED_DECLINED) | TO(NEED_UNAVAILABLE),
    [NEED_IN_PROGRESS] = TO(NEED_REFERRED) | TO(NEED_PROVIDED) | TO(NEED_DECLINED)
                         | TO(NEED_UNAVAILABLE),
    [NEED_PROVIDED] = 0,
    [NEED_DECLINED] = TO(NEED_IDENTIFIED) | TO(NEED_REFERRED) | TO(NEED_IN_PROGRESS)
                      | TO(NEED_PROVIDED),
    [NEED_UNAVAILABLE] = TO(NEED_IDENTIFIED) | TO(NEED_REFERRED) | TO(NEED_IN_PROGRESS)
                         | TO(NEED_PROVIDED),
};

bool need_transition_allowed(need_state from, need_state to)
{
    if (!state_in_range(from) || !state_in_range(to))
        return false;
    return (allowed[from] & TO(to)) != 0;
}

static need_problem reason_problem(const char *reason)
{
    switch (field_text_check(reason, NEED_REASON_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return NEED_REASON_TOO_LONG;
    case FIELD_TEXT_BAD: return NEED_REASON_BAD_TEXT;
    case FIELD_TEXT_OK: break;
    }
    return field_has_visible(reason) ? NEED_OK : NEED_REASON_MISSING;
}

need_problem need_transition_check(const tc_need *n, need_state to, const char *reason)
{
    if (n->entry_withdrawn)
        return NEED_ENTRY_WITHDRAWN;
    if (!state_in_range(to) || !state_in_range(n->state))
        return NEED_STATE_INVALID;
    if (to == n->state)
        return NEED_SAME_STATE;
    if (!need_transition_allowed(n->state, to))
        return NEED_TRANSITION_REFUSED;
    return to == NEED_UNAVAILABLE ? reason_problem(reason) : NEED_OK;
}

/* ---------------------------------------------------------- validation */

void need_init(tc_need *n)
{
    memset(n, 0, sizeof *n);
    n->kind = NEED_SAFETY;
    n->state = NEED_IDENTIFIED;
}

static need_check problem(need_problem p, const char *field)
{
    need_check c = { p, field };
    return c;
}

need_check need_validate(const tc_need *n)
{
    if (!kind_in_range(n->kind))
        return problem(NEED_KIND_INVALID, "kind");
    if (!state_in_range(n->state))
        return problem(NEED_STATE_INVALID, "state");
    /* The reason is checked as text always, and required when unavailable. */
    need_problem p = reason_problem(n->unavailable_reason);
    if (p == NEED_REASON_MISSING && n->state != NEED_UNAVAILABLE)
        p = NEED_OK;
    if (p != NEED_OK)
        return problem(p, "unavailable_reason");
    switch (field_text_check(n->note, NEED_NOTE_MAX, true)) {
    case FIELD_TEXT_TOO_LONG: return problem(NEED_NOTE_TOO_LONG, "note");
    case FIELD_TEXT_BAD: return problem(NEED_NOTE_BAD_TEXT, "note");
    case FIELD_TEXT_OK: break;
    }
    return problem(NEED_OK, NULL);
}

static const char *const need_texts[NEED_PROBLEM_COUNT] = {
    [NEED_OK] = N_("The need is recorded correctly."),
    [NEED_KIND_INVALID] = N_("Choose the kind of need."),
    [NEED_STATE_INVALID] = N_("Choose the state of the need."),
    [NEED_REASON_MISSING] = N_("Say why the service is not available."),
    [NEED_REASON_BAD_TEXT] = N_("The reason cannot contain control characters or invalid text."),
    [NEED_REASON_TOO_LONG] = N_("The reason is too long."),
    [NEED_NOTE_BAD_TEXT] = N_("The notes cannot contain control characters or invalid text."),
    [NEED_NOTE_TOO_LONG] = N_("The notes are too long."),
    [NEED_SAME_STATE] = N_("The need is already in this state."),
    [NEED_TRANSITION_REFUSED] = N_("A need cannot move from its current state to that one."),
    [NEED_ENTRY_WITHDRAWN] = N_("This record was withdrawn and cannot be changed."),
};

const char *need_problem_text(need_problem p)
{
    if ((int)p < 0 || p >= NEED_PROBLEM_COUNT)
        return N_("The need is not valid.");
    return need_texts[p];
}

/* ------------------------------------------------------------ ordering */

/* 0 urgent and open, 1 open, 2 closed, 3 withdrawn. */
static int view_group(const tc_need *n)
{
    if (n->entry_withdrawn)
        return 3;
    if (!need_state_is_open(n->state))
        return 2;
    return n->urgent ? 0 : 1;
}

void needs_sort_for_view(tc_need *needs, size_t n)
{
    /* Insertion sort: stable, and a case has a handful of needs.  Each
     * element moves once, with one block move for the ones it passes. */
    for (size_t i = 1; i < n; i++) {
        int g = view_group(&needs[i]);
        size_t j = i;
        while (j > 0 && view_group(&needs[j - 1]) > g)
            j--;
        if (j == i)
            continue;
        tc_need moving = needs[i];
        memmove(&needs[j + 1], &needs[j], (i - j) * sizeof *needs);
        needs[j] = moving;
    }
}

size_t needs_count_urgent_open(const tc_need *needs, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (view_group(&needs[i]) == 0)
            count++;
    return count;
}
