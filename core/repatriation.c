/* repatriation.c - the repatriation plan: codes, the built-in handover
 * points, which steps are required, validation and the state table.
 *
 * A plan is validated before it is stored and again when it arrives from
 * another laptop, so nothing here trusts a buffer to be terminated or an
 * enum to be in range. */
#include "core/repatriation.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define THAILAND "TH"

static bool in_range(int v, int count)
{
    return v >= 0 && v < count;
}

/* ----------------------------------------------------------------- codes */

/* Codes are stored in the database and used in reports: never rename one. */
static const code_label directions[REPAT_DIRECTION_COUNT] = {
    [REPAT_OUTBOUND] = { "outbound", N_("Return from Thailand to the country of origin") },
    [REPAT_INBOUND] = { "inbound", N_("Thai national returning home from abroad") },
};

static const code_label wishes[REPAT_WISH_COUNT] = {
    [REPAT_WISH_UNKNOWN] = { "unknown", N_("Not asked yet") },
    [REPAT_WISH_RETURN] = { "return", N_("Wishes to return home") },
    [REPAT_WISH_UNDECIDED] = { "undecided", N_("Has not decided") },
    [REPAT_WISH_STAY] = { "stay", N_("Does not wish to return") },
};

static const code_label step_kinds[REPAT_STEP_COUNT] = {
    [REPAT_STEP_FAMILY] = { "family", N_("Family tracing and assessment") },
    [REPAT_STEP_NATIONALITY] = { "nationality", N_("Nationality verification") },
    [REPAT_STEP_DOCUMENTS] = { "documents", N_("Travel documents") },
    [REPAT_STEP_EMBASSY] = { "embassy", N_("Embassy or consulate") },
    [REPAT_STEP_RISK] = { "risk", N_("Risk assessment") },
    [REPAT_STEP_LEGAL] = { "legal", N_("Legal proceedings") },
    [REPAT_STEP_ESCORT] = { "escort", N_("Escort") },
};

static const code_label step_states[REPAT_STEP_STATE_COUNT] = {
    [REPAT_STEP_NOT_STARTED] = { "not_started", N_("Not started") },
    [REPAT_STEP_REQUESTED] = { "requested", N_("Requested, awaiting an answer") },
    [REPAT_STEP_DONE] = { "done", N_("Done") },
    [REPAT_STEP_NOT_NEEDED] = { "not_needed", N_("Not needed") },
};

static const code_label states[REPAT_STATE_COUNT] = {
    [REPAT_PLANNING] = { "planning", N_("Planning") },
    [REPAT_SUSPENDED] = { "suspended", N_("Suspended") },
    [REPAT_RETURNED] = { "returned", N_("Returned") },
    [REPAT_CANCELLED] = { "cancelled", N_("Cancelled") },
};

const char *repat_direction_code(repat_direction d)
{
    return codes_code(directions, REPAT_DIRECTION_COUNT, (int)d);
}

bool repat_direction_from_code(const char *code, repat_direction *out)
{
    int i;
    if (!codes_find(directions, REPAT_DIRECTION_COUNT, code, &i))
        return false;
    *out = (repat_direction)i;
    return true;
}

const char *repat_direction_label(repat_direction d)
{
    return codes_label(directions, REPAT_DIRECTION_COUNT, (int)d, N_("Unknown"));
}

const char *repat_wish_code(repat_wish w)
{
    return codes_code(wishes, REPAT_WISH_COUNT, (int)w);
}

bool repat_wish_from_code(const char *code, repat_wish *out)
{
    int i;
    if (!codes_find(wishes, REPAT_WISH_COUNT, code, &i))
        return false;
    *out = (repat_wish)i;
    return true;
}

const char *repat_wish_label(repat_wish w)
{
    return codes_label(wishes, REPAT_WISH_COUNT, (int)w, N_("Unknown"));
}

const char *repat_step_code(repat_step_kind k)
{
    return codes_code(step_kinds, REPAT_STEP_COUNT, (int)k);
}

bool repat_step_from_code(const char *code, repat_step_kind *out)
{
    int i;
    if (!codes_find(step_kinds, REPAT_STEP_COUNT, code, &i))
        return false;
    *out = (repat_step_kind)i;
    return true;
}

const char *repat_step_label(repat_step_kind k)
{
    return codes_label(step_kinds, REPAT_STEP_COUNT, (int)k, N_("Unknown"));
}

const char *repat_step_state_code(repat_step_state s)
{
    return codes_code(step_states, REPAT_STEP_STATE_COUNT, (int)s);
}

bool repat_step_state_from_code(const char *code, repat_step_state *out)
{
    int i;
    if (!codes_find(step_states, REPAT_STEP_STATE_COUNT, code, &i))
        return false;
    *out = (repat_step_state)i;
    return true;
}

const char *repat_step_state_label(repat_step_state s)
{
    return codes_label(step_states, REPAT_STEP_STATE_COUNT, (int)s, N_("Unknown"));
}

bool repat_step_state_is_open(repat_step_state s)
{
    return s == REPAT_STEP_NOT_STARTED || s == REPAT_STEP_REQUESTED;
}

const char *repat_state_code(repat_state s)
{
    return codes_code(states, REPAT_STATE_COUNT, (int)s);
}

bool repat_state_from_code(const char *code, repat_state *out)
{
    int i;
    if (!codes_find(states, REPAT_STATE_COUNT, code, &i))
        return false;
    *out = (repat_state)i;
    return true;
}

const char *repat_state_label(repat_state s)
{
    return codes_label(states, REPAT_STATE_COUNT, (int)s, N_("Unknown"));
}

/* ------------------------------------------------------ handover points */

/* The Thai labels are the msgstr of each msgid in po/: one wording in the
 * store and in the catalogue.  Codes are stored; never rename one. */
static const tc_code_row handover_rows[] = {
    { "mae_sot", N_("Mae Sot – Myawaddy"), "แม่สอด – เมียวดี", NULL },
    { "aranyaprathet", N_("Aranyaprathet – Poipet"), "อรัญประเทศ – ปอยเปต", NULL },
    { "nong_khai", N_("Nong Khai – Vientiane"), "หนองคาย – เวียงจันทน์", NULL },
    { "mukdahan", N_("Mukdahan – Savannakhet"), "มุกดาหาร – สะหวันนะเขต", NULL },
    { "sadao", N_("Sadao"), "สะเดา", NULL },
    { "ranong", N_("Ranong – Kawthaung"), "ระนอง – เกาะสอง", NULL },
    { "suvarnabhumi", N_("Suvarnabhumi Airport"), "ท่าอากาศยานสุวรรณภูมิ", NULL },
    { "don_mueang", N_("Don Mueang Airport"), "ท่าอากาศยานดอนเมือง", NULL },
};

tc_code_list repat_default_handover_points(void)
{
    return (tc_code_list){ handover_rows, COUNT(handover_rows) };
}

/* ---------------------------------------------------------------- record */

void repat_init(tc_repatriation *p)
{
    memset(p, 0, sizeof *p);
    p->direction = REPAT_OUTBOUND;
    p->wish = REPAT_WISH_UNKNOWN;
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        p->steps[k].kind = (repat_step_kind)k;
        p->steps[k].state = REPAT_STEP_NOT_STARTED;
    }
    p->state = REPAT_PLANNING;
}

bool repat_step_required(const tc_repatriation *p, repat_step_kind k, bool child)
{
    switch (k) {
    case REPAT_STEP_FAMILY:
    case REPAT_STEP_NATIONALITY:
    case REPAT_STEP_DOCUMENTS:
    case REPAT_STEP_EMBASSY:
    case REPAT_STEP_RISK:
        return true;
    case REPAT_STEP_LEGAL:
        /* A witness still needed or a claim not yet settled is a proceeding
         * pending, whether or not the officer ticked the general box. */
        return p->legal_pending || p->witness_needed || p->compensation_claim;
    case REPAT_STEP_ESCORT:
        return child;
    case REPAT_STEP_COUNT:
        break;
    }
    return false;
}

size_t repat_open_required(const tc_repatriation *p, bool child,
                           repat_step_kind out[REPAT_STEP_COUNT])
{
    size_t n = 0;
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        if (!repat_step_required(p, (repat_step_kind)k, child))
            continue;
        /* A state out of range is not a closed step: it counts as open. */
        repat_step_state s = p->steps[k].state;
        if (repat_step_state_is_open(s) || !in_range((int)s, REPAT_STEP_STATE_COUNT))
            out[n++] = (repat_step_kind)k;
    }
    return n;
}

/* ------------------------------------------------------------ validation */

static repat_check problem(repat_problem p, const char *field)
{
    repat_check c = { p, field };
    return c;
}

static repat_check ok(void)
{
    return problem(REPAT_OK, NULL);
}

/* The problem of one free-text field, REPAT_OK when it is fine. */
static repat_problem text_problem(const char *s, size_t size, size_t max, bool multiline)
{
    if (!field_terminated(s, size))
        return REPAT_TEXT_TOO_LONG;
    switch (field_text_check(s, max, multiline)) {
    case FIELD_TEXT_TOO_LONG: return REPAT_TEXT_TOO_LONG;
    case FIELD_TEXT_BAD: return REPAT_TEXT_BAD;
    case FIELD_TEXT_OK: break;
    }
    return REPAT_OK;
}

/* Field names of the steps, static so a check can point at them. */
#define STEP_FIELDS(code)                                                          \
    { "steps." code ".state", "steps." code ".note", "steps." code ".counterpart", \
      "steps." code ".requested_on", "steps." code ".done_on" }
enum { F_STATE, F_NOTE, F_COUNTERPART, F_REQUESTED_ON, F_DONE_ON, F_COUNT };
static const char *const step_fields[REPAT_STEP_COUNT][F_COUNT] = {
    [REPAT_STEP_FAMILY] = STEP_FIELDS("family"),
    [REPAT_STEP_NATIONALITY] = STEP_FIELDS("nationality"),
    [REPAT_STEP_DOCUMENTS] = STEP_FIELDS("documents"),
    [REPAT_STEP_EMBASSY] = STEP_FIELDS("embassy"),
    [REPAT_STEP_RISK] = STEP_FIELDS("risk"),
    [REPAT_STEP_LEGAL] = STEP_FIELDS("legal"),
    [REPAT_STEP_ESCORT] = STEP_FIELDS("escort"),
};

/* Where to, and in which direction: a plan is about a place, so the
 * country is required; inbound plans end in Thailand, outbound ones do
 * not. */
static repat_check check_destination(const tc_repatriation *p)
{
    if (!field_terminated(p->case_id, sizeof p->case_id) || p->case_id[0] == '\0')
        return problem(REPAT_CASE_MISSING, "case_id");
    if (!in_range((int)p->direction, REPAT_DIRECTION_COUNT))
        return problem(REPAT_DIRECTION_INVALID, "direction");
    if (!field_terminated(p->country, sizeof p->country)
        || !field_country_code_valid(p->country))
        return problem(REPAT_COUNTRY_INVALID, "country");
    bool to_thailand = strcmp(p->country, THAILAND) == 0;
    if (p->direction == REPAT_OUTBOUND && to_thailand)
        return problem(REPAT_COUNTRY_THAILAND, "country");
    if (p->direction == REPAT_INBOUND && !to_thailand)
        return problem(REPAT_COUNTRY_NOT_THAILAND, "country");
    repat_problem t = text_problem(p->hometown, sizeof p->hometown, REPAT_TEXT_MAX, false);
    return t == REPAT_OK ? ok() : problem(t, "hometown");
}

/* The person's wish and consent. */
static repat_check check_consent(const tc_repatriation *p)
{
    if (!in_range((int)p->wish, REPAT_WISH_COUNT))
        return problem(REPAT_WISH_INVALID, "wish");
    if (p->consent_given && !p->consent_known)
        return problem(REPAT_CONSENT_DATE_MISSING, "consent_on");
    if (p->consent_known && !caldate_valid(p->consent_on))
        return problem(REPAT_DATE_INVALID, "consent_on");
    repat_problem t = text_problem(p->consent_by, sizeof p->consent_by, REPAT_TEXT_MAX, false);
    return t == REPAT_OK ? ok() : problem(t, "consent_by");
}

static repat_check check_step(const repat_step *s, repat_step_kind k)
{
    const char *const *field = step_fields[k];
    if (s->kind != k || !in_range((int)s->state, REPAT_STEP_STATE_COUNT))
        return problem(REPAT_STEP_INVALID, field[F_STATE]);
    repat_problem t = text_problem(s->counterpart, sizeof s->counterpart, REPAT_TEXT_MAX, false);
    if (t != REPAT_OK)
        return problem(t, field[F_COUNTERPART]);
    t = text_problem(s->note, sizeof s->note, REPAT_NOTE_MAX, true);
    if (t != REPAT_OK)
        return problem(t, field[F_NOTE]);
    /* "Not needed" is a decision someone can be asked about: say why. */
    if (s->state == REPAT_STEP_NOT_NEEDED && !field_has_visible(s->note))
        return problem(REPAT_STEP_REASON_MISSING, field[F_NOTE]);
    if (s->requested_known && !caldate_valid(s->requested_on))
        return problem(REPAT_DATE_INVALID, field[F_REQUESTED_ON]);
    if (s->done_known && !caldate_valid(s->done_on))
        return problem(REPAT_DATE_INVALID, field[F_DONE_ON]);
    if (s->requested_known && s->done_known
        && caldate_compare(s->done_on, s->requested_on) < 0)
        return problem(REPAT_STEP_DATES_ORDER, field[F_DONE_ON]);
    return ok();
}

static repat_check check_handover(const tc_repatriation *p, tc_code_list points)
{
    if (!field_terminated(p->handover_point, sizeof p->handover_point)
        || (p->handover_point[0] != '\0' && !code_list_has(points, p->handover_point)))
        return problem(REPAT_HANDOVER_POINT_UNKNOWN, "handover_point");
    if (p->planned_known && !caldate_valid(p->planned_on))
        return problem(REPAT_DATE_INVALID, "planned_on");
    repat_problem t = text_problem(p->receiving_agency, sizeof p->receiving_agency,
                                   REPAT_TEXT_MAX, false);
    if (t != REPAT_OK)
        return problem(t, "receiving_agency");
    t = text_problem(p->receiving_person, sizeof p->receiving_person, REPAT_TEXT_MAX, false);
    if (t != REPAT_OK)
        return problem(t, "receiving_person");
    t = text_problem(p->handover_record, sizeof p->handover_record, REPAT_NOTE_MAX, true);
    return t == REPAT_OK ? ok() : problem(t, "handover_record");
}

repat_check repat_validate(const tc_repatriation *p, tc_code_list points)
{
    repat_check c = check_destination(p);
    if (c.problem == REPAT_OK)
        c = check_consent(p);
    for (int k = 0; k < REPAT_STEP_COUNT && c.problem == REPAT_OK; k++)
        c = check_step(&p->steps[k], (repat_step_kind)k);
    if (c.problem == REPAT_OK)
        c = check_handover(p, points);
    if (c.problem != REPAT_OK)
        return c;
    if (!in_range((int)p->state, REPAT_STATE_COUNT))
        return problem(REPAT_STATE_INVALID, "state");
    repat_problem t = text_problem(p->state_reason, sizeof p->state_reason,
                                   REPAT_REASON_MAX, true);
    return t == REPAT_OK ? ok() : problem(t, "state_reason");
}

static const char *const problem_texts[REPAT_PROBLEM_COUNT] = {
    [REPAT_OK] = N_("The repatriation plan is recorded correctly."),
    [REPAT_CASE_MISSING] = N_("The repatriation plan must belong to a case."),
    [REPAT_DIRECTION_INVALID] = N_("Choose the direction of the return."),
    [REPAT_COUNTRY_INVALID] = N_("Choose the country the person returns to."),
    [REPAT_COUNTRY_THAILAND] =
        N_("A return from Thailand must go to another country: for a Thai national "
           "coming home, choose the return from abroad."),
    [REPAT_COUNTRY_NOT_THAILAND] =
        N_("A Thai national returning home from abroad returns to Thailand."),
    [REPAT_TEXT_BAD] = N_("The text cannot contain control characters or invalid text."),
    [REPAT_TEXT_TOO_LONG] = N_("The text is too long."),
    [REPAT_WISH_INVALID] = N_("Choose what the person wishes."),
    [REPAT_CONSENT_DATE_MISSING] = N_("Give the date the person consented to return."),
    [REPAT_STEP_INVALID] = N_("Choose the state of the step from the list."),
    [REPAT_STEP_REASON_MISSING] = N_("Write in the note why this step is not needed."),
    [REPAT_STEP_DATES_ORDER] = N_("A step cannot be finished before it was requested."),
    [REPAT_HANDOVER_POINT_UNKNOWN] = N_("Choose the handover point from the list."),
    [REPAT_STATE_INVALID] = N_("Choose the state of the repatriation plan."),
    [REPAT_DATE_INVALID] = N_("This is not a real date."),
};

const char *repat_problem_text(repat_problem p)
{
    if (!in_range((int)p, REPAT_PROBLEM_COUNT))
        return N_("The repatriation plan is not valid.");
    return problem_texts[p];
}

/* ------------------------------------------------------- state changes */

static const char *const change_texts[REPAT_CHANGE_PROBLEM_COUNT] = {
    [REPAT_CHANGE_OK] = N_("The state of the repatriation plan can change."),
    [REPAT_CHANGE_FINAL] =
        N_("The repatriation plan is returned or cancelled: its state cannot change any more."),
    [REPAT_CHANGE_SAME] = N_("The repatriation plan is already in this state."),
    [REPAT_CHANGE_REFUSED] = N_("The repatriation plan cannot move from its current state to that one."),
    [REPAT_CHANGE_REASON_MISSING] = N_("Give the reason for suspending or cancelling the plan."),
    [REPAT_CHANGE_REASON_BAD] =
        N_("The reason cannot contain control characters or invalid text, and must not be "
           "too long."),
    [REPAT_CHANGE_NO_CONSENT] =
        N_("The person has not given informed consent to return: record the consent first."),
    [REPAT_CHANGE_NO_HANDOVER] =
        N_("Record the handover first: the actual date and time, the receiving agency and "
           "the person who received them."),
    [REPAT_CHANGE_STEPS_OPEN] =
        N_("Required steps are still open: finish them, mark them not needed, or give the "
           "reason for returning without them."),
};

const char *repat_change_problem_text(repat_change_problem p)
{
    if (!in_range((int)p, REPAT_CHANGE_PROBLEM_COUNT))
        return N_("The state of the repatriation plan cannot change.");
    return change_texts[p];
}

#define TO(s) (1u << (s))

/* allowed[from] is the set of states a plan may move to (header). */
static const unsigned allowed[REPAT_STATE_COUNT] = {
    [REPAT_PLANNING] = TO(REPAT_SUSPENDED) | TO(REPAT_RETURNED) | TO(REPAT_CANCELLED),
    [REPAT_SUSPENDED] = TO(REPAT_PLANNING) | TO(REPAT_CANCELLED),
    [REPAT_RETURNED] = 0,
    [REPAT_CANCELLED] = 0,
};

static bool state_is_final(repat_state s)
{
    return s == REPAT_RETURNED || s == REPAT_CANCELLED;
}

/* A reason given (or required): fine, bad, or missing. */
static repat_change_problem reason_problem(const char *reason, bool required)
{
    if (field_text_check(reason, REPAT_REASON_MAX, true) != FIELD_TEXT_OK)
        return REPAT_CHANGE_REASON_BAD;
    if (required && !field_has_visible(reason))
        return REPAT_CHANGE_REASON_MISSING;
    return REPAT_CHANGE_OK;
}

static bool text_present(const char *s, size_t size)
{
    return field_terminated(s, size) && field_has_visible(s);
}

/* Consent, the handover record, then the steps (the override). */
static repat_change_problem return_problem(const tc_repatriation *p, const char *reason,
                                           bool child)
{
    if (!p->consent_given)
        return REPAT_CHANGE_NO_CONSENT;
    if (!p->handed_over_known
        || !text_present(p->receiving_agency, sizeof p->receiving_agency)
        || !text_present(p->receiving_person, sizeof p->receiving_person))
        return REPAT_CHANGE_NO_HANDOVER;
    repat_step_kind open[REPAT_STEP_COUNT];
    if (repat_open_required(p, child, open) == 0)
        return REPAT_CHANGE_OK;         /* the reason is ignored */
    repat_change_problem r = reason_problem(reason, true);
    return r == REPAT_CHANGE_REASON_MISSING ? REPAT_CHANGE_STEPS_OPEN : r;
}

repat_change_problem repat_change_check(const tc_repatriation *p, repat_state to,
                                        const char *reason, bool child)
{
    repat_state from = p->state;
    if (!in_range((int)from, REPAT_STATE_COUNT) || !in_range((int)to, REPAT_STATE_COUNT))
        return REPAT_CHANGE_REFUSED;
    if (from == to)
        return REPAT_CHANGE_SAME;
    if (state_is_final(from))
        return REPAT_CHANGE_FINAL;
    if ((allowed[from] & TO(to)) == 0)
        return REPAT_CHANGE_REFUSED;
    switch (to) {
    case REPAT_SUSPENDED:
    case REPAT_CANCELLED:
        return reason_problem(reason, true);
    case REPAT_PLANNING:
        return reason_problem(reason, false);
    case REPAT_RETURNED:
        return return_problem(p, reason, child);
    case REPAT_STATE_COUNT:
        break;
    }
    return REPAT_CHANGE_REFUSED;
}

repat_change_problem repat_change_state(tc_repatriation *p, repat_state to,
                                        const char *reason, bool child)
{
    repat_change_problem c = repat_change_check(p, to, reason, child);
    if (c != REPAT_CHANGE_OK)
        return c;
    bool overridden = false;
    if (to == REPAT_RETURNED) {
        repat_step_kind open[REPAT_STEP_COUNT];
        overridden = repat_open_required(p, child, open) > 0;
        if (!overridden)
            reason = NULL;              /* nothing to explain: not kept */
    }
    p->state = to;
    p->steps_overridden = overridden;
    field_copy_text(p->state_reason, sizeof p->state_reason,
                    field_has_visible(reason) ? reason : NULL);
    return REPAT_CHANGE_OK;
}
