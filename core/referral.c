/* referral.c - referral codes, validation, the transition table and its
 * messages, the consent gate, deadlines and the dashboard order. */
#include "core/referral.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

#define SECONDS_PER_HOUR INT64_C(3600)

/* ----------------------------------------------------------------- codes */

/* Codes are stored in the database and used in reports: never rename one. */
static const code_label states[REFERRAL_STATE_COUNT] = {
    [REFERRAL_DRAFT] = { "draft", N_("Draft") },
    [REFERRAL_SENT] = { "sent", N_("Sent") },
    [REFERRAL_ACKNOWLEDGED] = { "acknowledged", N_("Acknowledged") },
    [REFERRAL_ACCEPTED] = { "accepted", N_("Accepted") },
    [REFERRAL_DECLINED] = { "declined", N_("Declined by the agency") },
    [REFERRAL_IN_SERVICE] = { "in_service", N_("In service") },
    [REFERRAL_COMPLETED] = { "completed", N_("Completed") },
    [REFERRAL_CLOSED] = { "closed", N_("Closed") },
    [REFERRAL_WITHDRAWN] = { "withdrawn", N_("Withdrawn") },
};

static const code_label urgencies[REFERRAL_URGENCY_COUNT] = {
    [REFERRAL_EMERGENCY] = { "emergency", N_("Emergency") },
    [REFERRAL_URGENT] = { "urgent", N_("Urgent") },
    [REFERRAL_ROUTINE] = { "routine", N_("Routine") },
};

static const code_label channels[REFERRAL_CHANNEL_COUNT] = {
    [REFERRAL_BY_LETTER] = { "letter", N_("Official letter") },
    [REFERRAL_BY_MEETING] = { "meeting", N_("Meeting") },
    [REFERRAL_BY_PHONE] = { "phone", N_("Telephone") },
    [REFERRAL_IN_PERSON] = { "in_person", N_("In person") },
    [REFERRAL_BY_LINE] = { "line", N_("LINE") },
};

static const code_label sections[REFERRAL_SECTION_COUNT] = {
    [REFERRAL_SHARED_IDENTITY] = { "identity", N_("Identity: names, sex and age") },
    [REFERRAL_SHARED_CONTACT] = { "contact", N_("Contact details") },
    [REFERRAL_SHARED_NATIONALITY] = { "nationality", N_("Nationality, languages and documents") },
    [REFERRAL_SHARED_STORY] = { "story", N_("Route, workplace and exploitation") },
    [REFERRAL_SHARED_SCREENING] = { "screening", N_("Screening result") },
    [REFERRAL_SHARED_IDENTIFICATION] = { "identification", N_("Identification decision") },
    [REFERRAL_SHARED_NEEDS] = { "needs", N_("Assistance needs") },
    [REFERRAL_SHARED_HEALTH] = { "health", N_("Health information") },
    [REFERRAL_SHARED_LEGAL] = { "legal", N_("Legal proceedings") },
    [REFERRAL_SHARED_FAMILY] = { "family", N_("Family and their contacts") },
};

static const char *const waits[REFERRAL_WAIT_COUNT] = {
    [REFERRAL_WAIT_NONE] = N_("No deadline running"),
    [REFERRAL_WAIT_ACK] = N_("Waiting for acknowledgement"),
    [REFERRAL_WAIT_DECISION] = N_("Waiting for a decision"),
};

static bool in_range(int v, int count)
{
    return v >= 0 && v < count;
}

const char *referral_state_code(referral_state s)
{
    return codes_code(states, REFERRAL_STATE_COUNT, (int)s);
}

bool referral_state_from_code(const char *code, referral_state *out)
{
    int i;
    if (!codes_find(states, REFERRAL_STATE_COUNT, code, &i))
        return false;
    *out = (referral_state)i;
    return true;
}

const char *referral_state_label(referral_state s)
{
    return codes_label(states, REFERRAL_STATE_COUNT, (int)s, N_("Unknown"));
}

bool referral_state_is_open(referral_state s)
{
    return s == REFERRAL_DRAFT || s == REFERRAL_SENT || s == REFERRAL_ACKNOWLEDGED
           || s == REFERRAL_ACCEPTED || s == REFERRAL_IN_SERVICE;
}

bool referral_state_needs_reason(referral_state s)
{
    return s == REFERRAL_DECLINED || s == REFERRAL_CLOSED || s == REFERRAL_WITHDRAWN;
}

const char *referral_urgency_code(referral_urgency u)
{
    return codes_code(urgencies, REFERRAL_URGENCY_COUNT, (int)u);
}

bool referral_urgency_from_code(const char *code, referral_urgency *out)
{
    int i;
    if (!codes_find(urgencies, REFERRAL_URGENCY_COUNT, code, &i))
        return false;
    *out = (referral_urgency)i;
    return true;
}

const char *referral_urgency_label(referral_urgency u)
{
    return codes_label(urgencies, REFERRAL_URGENCY_COUNT, (int)u, N_("Unknown"));
}

const char *referral_channel_code(referral_channel c)
{
    return codes_code(channels, REFERRAL_CHANNEL_COUNT, (int)c);
}

bool referral_channel_from_code(const char *code, referral_channel *out)
{
    int i;
    if (!codes_find(channels, REFERRAL_CHANNEL_COUNT, code, &i))
        return false;
    *out = (referral_channel)i;
    return true;
}

const char *referral_channel_label(referral_channel c)
{
    return codes_label(channels, REFERRAL_CHANNEL_COUNT, (int)c, N_("Unknown"));
}

const char *referral_section_code(referral_section s)
{
    return codes_code(sections, REFERRAL_SECTION_COUNT, (int)s);
}

bool referral_section_from_code(const char *code, referral_section *out)
{
    int i;
    if (!codes_find(sections, REFERRAL_SECTION_COUNT, code, &i))
        return false;
    *out = (referral_section)i;
    return true;
}

const char *referral_section_label(referral_section s)
{
    return codes_label(sections, REFERRAL_SECTION_COUNT, (int)s, N_("Unknown"));
}

static const char *section_code_at(int i)
{
    return referral_section_code((referral_section)i);
}

bool referral_sections_format(code_set set, char *out, size_t outsz)
{
    return code_set_format(section_code_at, REFERRAL_SECTION_COUNT, set, out, outsz);
}

bool referral_sections_parse(const char *text, code_set *out)
{
    return code_set_parse(section_code_at, REFERRAL_SECTION_COUNT, text, out);
}

const char *referral_wait_label(referral_wait w)
{
    return in_range((int)w, REFERRAL_WAIT_COUNT) ? waits[w] : N_("Unknown");
}

/* ---------------------------------------------------------------- record */

void referral_init(tc_referral *r)
{
    memset(r, 0, sizeof *r);
    r->urgency = REFERRAL_EMERGENCY;
    r->channel = REFERRAL_BY_LETTER;
    r->state = REFERRAL_DRAFT;
}

/* ------------------------------------------------------------ validation */

static referral_check problem(referral_problem p, const char *field)
{
    referral_check c = { p, field };
    return c;
}

static referral_check ok(void)
{
    return problem(REFERRAL_OK, NULL);
}

/* An id or code field that is there: terminated in its buffer, not "". */
static bool id_present(const char *s, size_t size)
{
    return field_terminated(s, size) && s[0] != '\0';
}

/* The three problems of a free-text field (multi-line, like every reason
 * and note), in one place; missing only when required and blank. */
typedef struct text_problems {
    referral_problem missing, bad, too_long;
} text_problems;

static referral_problem text_problem(const char *s, size_t max, bool required,
                                     text_problems p)
{
    switch (field_text_check(s, max, true)) {
    case FIELD_TEXT_TOO_LONG: return p.too_long;
    case FIELD_TEXT_BAD: return p.bad;
    case FIELD_TEXT_OK: break;
    }
    return (required && !field_has_visible(s)) ? p.missing : REFERRAL_OK;
}

static const text_problems summary_problems = {
    REFERRAL_SUMMARY_MISSING, REFERRAL_SUMMARY_BAD_TEXT, REFERRAL_SUMMARY_TOO_LONG,
};
static const text_problems override_problems = {
    REFERRAL_OVERRIDE_REASON_MISSING, REFERRAL_OVERRIDE_REASON_BAD_TEXT,
    REFERRAL_OVERRIDE_REASON_TOO_LONG,
};
static const text_problems reason_problems = {
    REFERRAL_REASON_MISSING, REFERRAL_REASON_BAD_TEXT, REFERRAL_REASON_TOO_LONG,
};

/* Who, where to and what for. */
static referral_check check_target(const tc_referral *r)
{
    if (!id_present(r->case_id, sizeof r->case_id))
        return problem(REFERRAL_CASE_MISSING, "case_id");
    if (!field_terminated(r->agency_code, sizeof r->agency_code)
        || !code_well_formed(r->agency_code))
        return problem(REFERRAL_AGENCY_MISSING, "agency_code");
    if (!need_set_valid(r->needs))
        return problem(REFERRAL_NEEDS_INVALID, "needs");
    if (r->needs == 0)
        return problem(REFERRAL_NEEDS_MISSING, "needs");
    if (!in_range((int)r->urgency, REFERRAL_URGENCY_COUNT))
        return problem(REFERRAL_URGENCY_INVALID, "urgency");
    if (!in_range((int)r->channel, REFERRAL_CHANNEL_COUNT))
        return problem(REFERRAL_CHANNEL_INVALID, "channel");
    return ok();
}

/* What was shared, and on what consent. */
static referral_check check_sharing(const tc_referral *r, bool sent)
{
    referral_problem p = text_problem(r->summary, REFERRAL_SUMMARY_MAX, sent, summary_problems);
    if (p != REFERRAL_OK)
        return problem(p, "summary");
    if (!code_set_in_range(r->shared, REFERRAL_SECTION_COUNT))
        return problem(REFERRAL_SECTIONS_INVALID, "shared");
    p = text_problem(r->override_reason, CONSENT_REASON_MAX, r->consent_overridden,
                     override_problems);
    if (p != REFERRAL_OK)
        return problem(p, "override_reason");
    return ok();
}

referral_check referral_validate(const tc_referral *r)
{
    referral_check c = check_target(r);
    if (c.problem != REFERRAL_OK)
        return c;
    bool state_ok = in_range((int)r->state, REFERRAL_STATE_COUNT);
    c = check_sharing(r, state_ok && r->state != REFERRAL_DRAFT);
    if (c.problem != REFERRAL_OK)
        return c;
    if (!id_present(r->officer_id, sizeof r->officer_id))
        return problem(REFERRAL_OFFICER_MISSING, "officer_id");
    if (!state_ok)
        return problem(REFERRAL_STATE_INVALID, "state");
    referral_problem p = text_problem(r->state_reason, REFERRAL_REASON_MAX,
                                      referral_state_needs_reason(r->state), reason_problems);
    return p == REFERRAL_OK ? ok() : problem(p, "state_reason");
}

static const char *const problem_texts[REFERRAL_PROBLEM_COUNT] = {
    [REFERRAL_OK] = N_("The referral is recorded correctly."),
    [REFERRAL_CASE_MISSING] = N_("The referral must belong to a case."),
    [REFERRAL_AGENCY_MISSING] = N_("Choose the agency the person is referred to."),
    [REFERRAL_NEEDS_MISSING] = N_("Choose at least one need the referral answers."),
    [REFERRAL_NEEDS_INVALID] = N_("Choose the needs from the list of needs."),
    [REFERRAL_URGENCY_INVALID] = N_("Choose how urgent the referral is."),
    [REFERRAL_CHANNEL_INVALID] = N_("Choose how the referral is made."),
    [REFERRAL_SUMMARY_MISSING] = N_("Write a summary of the information shared with the agency."),
    [REFERRAL_SUMMARY_BAD_TEXT] = N_("The summary cannot contain control characters or invalid text."),
    [REFERRAL_SUMMARY_TOO_LONG] = N_("The summary is too long."),
    [REFERRAL_SECTIONS_INVALID] = N_("Choose the shared sections from the list."),
    [REFERRAL_OVERRIDE_REASON_MISSING] = N_("Give the reason for referring without consent."),
    [REFERRAL_OVERRIDE_REASON_BAD_TEXT] =
        N_("The reason cannot contain control characters or invalid text."),
    [REFERRAL_OVERRIDE_REASON_TOO_LONG] = N_("The reason is too long."),
    [REFERRAL_OFFICER_MISSING] = N_("The referral must name the officer who makes it."),
    [REFERRAL_STATE_INVALID] = N_("Choose the state of the referral."),
    [REFERRAL_REASON_MISSING] = N_("Give the reason the referral was declined, closed or withdrawn."),
    [REFERRAL_REASON_BAD_TEXT] = N_("The reason cannot contain control characters or invalid text."),
    [REFERRAL_REASON_TOO_LONG] = N_("The reason is too long."),
    [REFERRAL_SAME_STATE] = N_("The referral is already in this state."),
    [REFERRAL_TRANSITION_REFUSED] = N_("The referral cannot move from its current state to that one."),
    [REFERRAL_TIME_BEFORE_LAST] =
        N_("A change cannot be dated before the previous change of the referral."),
    [REFERRAL_AGENCY_INACTIVE] = N_("This agency is no longer in service: choose another one."),
    [REFERRAL_AGENCY_MISMATCH] = N_("The agency does not match the one on the referral."),
    [REFERRAL_CONSENT_NOT_PERMITTED] =
        N_("Consent does not cover this referral: record the consent, or give the reason "
           "for referring without it."),
    [REFERRAL_SETTING_OUT_OF_RANGE] =
        N_("Each response time must be longer than zero and at most a year."),
};

const char *referral_problem_text(referral_problem p)
{
    if (!in_range((int)p, REFERRAL_PROBLEM_COUNT))
        return N_("The referral is not valid.");
    return problem_texts[p];
}

/* ----------------------------------------------------------- transitions */

#define TO(s) (1u << (s))
/* Closing and withdrawing are possible from every open state. */
#define ENDS (TO(REFERRAL_CLOSED) | TO(REFERRAL_WITHDRAWN))

/* allowed[from] is the set of states a referral may move to (header). */
static const unsigned allowed[REFERRAL_STATE_COUNT] = {
    [REFERRAL_DRAFT] = TO(REFERRAL_SENT) | ENDS,
    [REFERRAL_SENT] = TO(REFERRAL_ACKNOWLEDGED) | ENDS,
    [REFERRAL_ACKNOWLEDGED] = TO(REFERRAL_ACCEPTED) | TO(REFERRAL_DECLINED) | ENDS,
    [REFERRAL_ACCEPTED] = TO(REFERRAL_IN_SERVICE) | ENDS,
    [REFERRAL_DECLINED] = 0,
    [REFERRAL_IN_SERVICE] = TO(REFERRAL_COMPLETED) | ENDS,
    [REFERRAL_COMPLETED] = 0,
    [REFERRAL_CLOSED] = 0,
    [REFERRAL_WITHDRAWN] = 0,
};

bool referral_transition_allowed(referral_state from, referral_state to)
{
    if (!in_range((int)from, REFERRAL_STATE_COUNT) || !in_range((int)to, REFERRAL_STATE_COUNT))
        return false;
    return (allowed[from] & TO(to)) != 0;
}

size_t referral_next_states(referral_state from, referral_state out[REFERRAL_STATE_COUNT])
{
    size_t n = 0;
    for (int to = 0; to < REFERRAL_STATE_COUNT; to++)
        if (referral_transition_allowed(from, (referral_state)to))
            out[n++] = (referral_state)to;
    return n;
}

referral_problem referral_transition_check(referral_state from, referral_state to,
                                           const char *reason)
{
    if (!in_range((int)from, REFERRAL_STATE_COUNT) || !in_range((int)to, REFERRAL_STATE_COUNT))
        return REFERRAL_STATE_INVALID;
    if (from == to)
        return REFERRAL_SAME_STATE;
    if (!referral_transition_allowed(from, to))
        return REFERRAL_TRANSITION_REFUSED;
    return text_problem(reason, REFERRAL_REASON_MAX, referral_state_needs_reason(to),
                        reason_problems);
}

/* ------------------------------------------------- the refusal's message */

/* Text written into a fixed buffer, remembering whether anything was cut. */
typedef struct out_text {
    char *text;
    size_t size, used;
    bool cut;
} out_text;

static void out_put(out_text *o, const char *s, size_t n)
{
    if (o->cut)
        return;
    size_t room = o->size - 1 - o->used;
    if (n > room) {
        /* Cut before a UTF-8 continuation byte, never inside a letter. */
        n = room;
        while (n > 0 && ((unsigned char)s[n] & 0xC0u) == 0x80u)
            n--;
        o->cut = true;
    }
    memcpy(o->text + o->used, s, n);
    o->used += n;
    o->text[o->used] = '\0';
}

static const char *tr(referral_translate_fn translate, const char *msgid)
{
    const char *s = translate ? translate(msgid) : NULL;
    return s ? s : msgid;
}

/* Writes template with each "%s" replaced by the next of args (a missing
 * one by "").  Our own substitution, so a translated template is never
 * handed to printf. */
static void out_fill(out_text *o, const char *template, const char *const *args, size_t nargs)
{
    size_t next = 0;
    for (const char *p = template; *p;) {
        const char *mark = strstr(p, "%s");
        size_t n = mark ? (size_t)(mark - p) : strlen(p);
        out_put(o, p, n);
        if (!mark)
            return;
        const char *arg = next < nargs ? args[next] : "";
        next++;
        out_put(o, arg, strlen(arg));
        p = mark + 2;
    }
}

/* ", "-joined translated labels of the states from may move to. */
static void out_next_states(out_text *o, referral_state from, referral_translate_fn translate)
{
    referral_state next[REFERRAL_STATE_COUNT];
    size_t n = referral_next_states(from, next);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            out_put(o, ", ", 2);
        const char *label = tr(translate, referral_state_label(next[i]));
        out_put(o, label, strlen(label));
    }
}

bool referral_transition_message(referral_state from, referral_state to,
                                 referral_translate_fn translate, char *out, size_t outsz)
{
    if (!out || outsz == 0)
        return false;
    out_text o = { out, outsz, 0, false };
    out[0] = '\0';
    const char *from_label = tr(translate, referral_state_label(from));
    const char *to_label = tr(translate, referral_state_label(to));
    switch (referral_transition_check(from, to, NULL)) {
    case REFERRAL_OK:
    case REFERRAL_REASON_MISSING:       /* allowed: only the reason is asked */
        return true;
    case REFERRAL_SAME_STATE:
        out_fill(&o, tr(translate, N_("The referral is already \"%s\".")), &from_label, 1);
        return !o.cut;
    case REFERRAL_TRANSITION_REFUSED:
        break;
    default:
        out_fill(&o, tr(translate, referral_problem_text(REFERRAL_STATE_INVALID)), NULL, 0);
        return !o.cut;
    }
    const char *pair[] = { from_label, to_label };
    out_fill(&o, tr(translate, N_("A referral cannot go from \"%s\" to \"%s\".")), pair, 2);
    out_put(&o, " ", 1);
    if (!referral_state_is_open(from)) {
        out_fill(&o, tr(translate, N_("\"%s\" is a final state: the referral cannot change "
                                      "any more.")), &from_label, 1);
        return !o.cut;
    }
    out_fill(&o, tr(translate, N_("From \"%s\" it can go to:")), &from_label, 1);
    out_put(&o, " ", 1);
    out_next_states(&o, from, translate);
    out_put(&o, ".", 1);
    return !o.cut;
}

/* ------------------------------------------------------- changing state */

/* The timestamp field a move to `to` sets. */
static int64_t *step_time(tc_referral *r, referral_state to)
{
    switch (to) {
    case REFERRAL_SENT: return &r->sent_at;
    case REFERRAL_ACKNOWLEDGED: return &r->acknowledged_at;
    case REFERRAL_ACCEPTED:
    case REFERRAL_DECLINED: return &r->decided_at;
    case REFERRAL_IN_SERVICE: return &r->service_at;
    case REFERRAL_COMPLETED:
    case REFERRAL_CLOSED:
    case REFERRAL_WITHDRAWN: return &r->ended_at;
    case REFERRAL_DRAFT:
    case REFERRAL_STATE_COUNT: break;
    }
    return NULL;
}

referral_problem referral_change_state(tc_referral *r, referral_state to, const char *reason,
                                       int64_t at, const char *officer_id,
                                       referral_event *event)
{
    referral_problem p = referral_transition_check(r->state, to, reason);
    if (p != REFERRAL_OK)
        return p;
    if (!officer_id || !id_present(officer_id, TC_ID_LEN))
        return REFERRAL_OFFICER_MISSING;
    if (at < r->state_changed_at)
        return REFERRAL_TIME_BEFORE_LAST;
    referral_state from = r->state;
    int64_t *when = step_time(r, to);
    if (when)
        *when = at;
    r->state = to;
    r->state_changed_at = at;
    r->updated_at = at;
    field_copy_text(r->updated_by, sizeof r->updated_by, officer_id);
    field_copy_text(r->state_reason, sizeof r->state_reason, reason);
    if (event) {
        memset(event, 0, sizeof *event);
        field_copy_text(event->referral_id, sizeof event->referral_id,
                        field_terminated(r->id, sizeof r->id) ? r->id : "");
        event->from = from;
        event->to = to;
        event->at = at;
        field_copy_text(event->officer_id, sizeof event->officer_id, officer_id);
        field_copy_text(event->note, sizeof event->note, reason);
    }
    return REFERRAL_OK;
}

/* --------------------------------------------------------------- consent */

size_t referral_consent_purposes(const tc_agency *a, consent_purpose out[REFERRAL_GATE_MAX])
{
    size_t n = 0;
    out[n++] = CONSENT_REFERRAL;
    if (a->type == AGENCY_EMBASSY)
        out[n++] = CONSENT_SHARE_EMBASSY;
    else if (agency_is_abroad(a))
        out[n++] = CONSENT_SHARE_CROSS_BORDER;
    return n;
}

/* The override the officer's reason makes for one purpose; false when
 * there is no reason that could be valid (none, or too long to hold). */
static bool make_override(const tc_agency *a, consent_purpose purpose, const char *reason,
                          consent_override *o)
{
    memset(o, 0, sizeof *o);
    if (!reason || field_bounded_length(reason, CONSENT_REASON_MAX + 1) > CONSENT_REASON_MAX)
        return false;
    o->purpose = purpose;
    if (purpose == CONSENT_REFERRAL)
        field_copy_text(o->agency_kind, sizeof o->agency_kind, agency_type_code(a->type));
    field_copy_text(o->reason, sizeof o->reason, reason);
    return true;
}

referral_gate referral_consent_gate(const tc_agency *a, const tc_consent *records, size_t n,
                                    caldate on, bool person_is_child,
                                    const char *override_reason)
{
    referral_gate g;
    memset(&g, 0, sizeof g);
    g.count = referral_consent_purposes(a, g.purposes);
    g.covered = true;
    g.permitted = true;
    const char *kind = agency_type_code(a->type);
    for (size_t i = 0; i < g.count; i++) {
        g.covers[i] = consent_covers(records, n, g.purposes[i], kind, on, person_is_child);
        if (g.covers[i] == CONSENT_COVERED)
            continue;
        g.covered = false;
        consent_override o;
        bool have = make_override(a, g.purposes[i], override_reason, &o);
        if (!consent_permits(g.covers[i], g.purposes[i], have ? &o : NULL))
            g.permitted = false;
    }
    g.overridden = g.permitted && !g.covered;
    return g;
}

referral_check referral_send_check(const tc_referral *r, const tc_agency *a,
                                   const referral_gate *gate)
{
    if (r->state != REFERRAL_DRAFT)
        return problem(REFERRAL_TRANSITION_REFUSED, "state");
    /* The record as it will be once sent: the summary is then required. */
    tc_referral sent = *r;
    sent.state = REFERRAL_SENT;
    referral_check c = referral_validate(&sent);
    if (c.problem != REFERRAL_OK)
        return c;
    if (!a || !field_terminated(a->code, sizeof a->code)
        || strcmp(a->code, r->agency_code) != 0)
        return problem(REFERRAL_AGENCY_MISMATCH, "agency_code");
    if (!a->active)
        return problem(REFERRAL_AGENCY_INACTIVE, "agency_code");
    if (!gate || !gate->permitted)
        return problem(REFERRAL_CONSENT_NOT_PERMITTED, "override_reason");
    if (gate->overridden && !r->consent_overridden)
        return problem(REFERRAL_OVERRIDE_REASON_MISSING, "override_reason");
    return ok();
}

need_set referral_needs_outside_services(const tc_referral *r, const tc_agency *a)
{
    return r->needs & ~a->services & code_set_all(NEED_KIND_COUNT);
}

bool referral_need_state(referral_state s, need_state *out)
{
    switch (s) {
    case REFERRAL_SENT:
    case REFERRAL_ACKNOWLEDGED:
    case REFERRAL_ACCEPTED:
        *out = NEED_REFERRED;
        return true;
    case REFERRAL_IN_SERVICE:
        *out = NEED_IN_PROGRESS;
        return true;
    case REFERRAL_COMPLETED:
        *out = NEED_PROVIDED;
        return true;
    case REFERRAL_DRAFT:
    case REFERRAL_DECLINED:
    case REFERRAL_CLOSED:
    case REFERRAL_WITHDRAWN:
    case REFERRAL_STATE_COUNT:
        break;
    }
    return false;
}

/* ------------------------------------------------------------- deadlines */

void referral_settings_defaults(referral_settings *s)
{
    static const int hours[REFERRAL_URGENCY_COUNT] = {
        [REFERRAL_EMERGENCY] = 24,
        [REFERRAL_URGENT] = 3 * 24,
        [REFERRAL_ROUTINE] = 14 * 24,
    };
    for (int u = 0; u < REFERRAL_URGENCY_COUNT; u++) {
        s->ack_hours[u] = hours[u];
        s->decision_hours[u] = hours[u];
    }
}

static bool hours_ok(int h)
{
    return h > 0 && h <= REFERRAL_HOURS_LIMIT;
}

referral_problem referral_settings_check(const referral_settings *s)
{
    for (int u = 0; u < REFERRAL_URGENCY_COUNT; u++)
        if (!hours_ok(s->ack_hours[u]) || !hours_ok(s->decision_hours[u]))
            return REFERRAL_SETTING_OUT_OF_RANGE;
    return REFERRAL_OK;
}

/* An urgency out of range counts as an emergency: the shortest times, so
 * a damaged record shows up sooner rather than never. */
static int urgency_index(const tc_referral *r)
{
    return in_range((int)r->urgency, REFERRAL_URGENCY_COUNT) ? (int)r->urgency
                                                             : REFERRAL_EMERGENCY;
}

int64_t referral_ack_due(const tc_referral *r, const referral_settings *s)
{
    return r->sent_at + s->ack_hours[urgency_index(r)] * SECONDS_PER_HOUR;
}

int64_t referral_decision_due(const tc_referral *r, const referral_settings *s)
{
    int64_t from = referral_ack_due(r, s);
    if (r->acknowledged_at != 0 && r->acknowledged_at < from)
        from = r->acknowledged_at;
    return from + s->decision_hours[urgency_index(r)] * SECONDS_PER_HOUR;
}

referral_wait referral_due(const tc_referral *r, const referral_settings *s, int64_t *due)
{
    switch (r->state) {
    case REFERRAL_SENT:
        *due = referral_ack_due(r, s);
        return REFERRAL_WAIT_ACK;
    case REFERRAL_ACKNOWLEDGED:
        *due = referral_decision_due(r, s);
        return REFERRAL_WAIT_DECISION;
    default:
        return REFERRAL_WAIT_NONE;
    }
}

bool referral_overdue(const tc_referral *r, const referral_settings *s, int64_t now)
{
    int64_t due = 0;
    return referral_due(r, s, &due) != REFERRAL_WAIT_NONE && now >= due;
}

size_t referral_count_overdue(const tc_referral *list, size_t n, const referral_settings *s,
                              int64_t now)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (referral_overdue(&list[i], s, now))
            count++;
    return count;
}

/* ------------------------------------------------------------- dashboard */

referral_dash_entry referral_dash_entry_make(const tc_referral *r, const referral_settings *s,
                                             int64_t now, size_t owner)
{
    referral_dash_entry e;
    memset(&e, 0, sizeof e);
    e.owner = owner;
    e.open = referral_state_is_open(r->state);
    e.wait = referral_due(r, s, &e.due);
    e.overdue = e.wait != REFERRAL_WAIT_NONE && now >= e.due;
    e.urgency = (referral_urgency)urgency_index(r);
    e.since = r->sent_at != 0 ? r->sent_at : r->created_at;
    return e;
}

/* 0 overdue, 1 running deadline, 2 open without one, 3 final. */
static int dash_group(const referral_dash_entry *e)
{
    if (e->overdue)
        return 0;
    if (e->wait != REFERRAL_WAIT_NONE)
        return 1;
    return e->open ? 2 : 3;
}

static int compare_i64(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

static int compare_within(const referral_dash_entry *x, const referral_dash_entry *y, int group)
{
    int by_urgency = compare_i64(x->urgency, y->urgency);
    switch (group) {
    case 0:
        return by_urgency ? by_urgency : compare_i64(x->due, y->due);
    case 1: {
        int by_due = compare_i64(x->due, y->due);
        return by_due ? by_due : by_urgency;
    }
    case 2:
        return by_urgency ? by_urgency : compare_i64(x->since, y->since);
    default:
        return compare_i64(x->since, y->since);
    }
}

int referral_dash_compare(const void *a, const void *b)
{
    const referral_dash_entry *x = a;
    const referral_dash_entry *y = b;
    int gx = dash_group(x), gy = dash_group(y);
    if (gx != gy)
        return gx < gy ? -1 : 1;
    int c = compare_within(x, y, gx);
    if (c)
        return c;
    return (x->owner > y->owner) - (x->owner < y->owner);
}
