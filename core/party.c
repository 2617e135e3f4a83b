/* party.c - checking a witness, informant or suspect before it is saved. */
#include "core/party.h"

#include <string.h>

#include "core/fieldtext.h"
#include "core/msg.h"
#include "core/utf8.h"

static const char *const kind_codes[PARTY_KIND_COUNT] = {
    [PARTY_WITNESS] = "witness",
    [PARTY_INFORMANT] = "informant",
    [PARTY_SUSPECT] = "suspect",
};

static const char *const kind_labels[PARTY_KIND_COUNT] = {
    [PARTY_WITNESS] = N_("Witness"),
    [PARTY_INFORMANT] = N_("Informant"),
    [PARTY_SUSPECT] = N_("Suspect"),
};

static bool kind_valid(party_kind k)
{
    return (int)k >= 0 && k < PARTY_KIND_COUNT;
}

const char *party_kind_code(party_kind k)
{
    return kind_valid(k) ? kind_codes[k] : "";
}

bool party_kind_from_code(const char *code, party_kind *out)
{
    for (int i = 0; code && i < PARTY_KIND_COUNT; i++)
        if (!strcmp(code, kind_codes[i])) {
            *out = (party_kind)i;
            return true;
        }
    return false;
}

const char *party_kind_label(party_kind k)
{
    return kind_valid(k) ? kind_labels[k] : "";
}

void party_init(tc_party *p)
{
    memset(p, 0, sizeof *p);
    p->kind = PARTY_WITNESS;
}

/* One text field: bounded within its buffer, then field_text_check(), and
 * never a bidi control (not even in the multi-line details: one could
 * reorder what the next officer reads about a person). */
static field_text check_text(const char *s, size_t size, bool multiline)
{
    if (!field_terminated(s, size))
        return FIELD_TEXT_TOO_LONG;
    field_text r = field_text_check(s, size - 1, multiline);
    if (r == FIELD_TEXT_OK && utf8_has_bidi_control(s))
        return FIELD_TEXT_BAD;
    return r;
}

/* The problem of one optional text field, or PARTY_OK. */
static party_problem text_problem(const char *s, size_t size, bool multiline,
                                  party_problem bad, party_problem too_long)
{
    switch (check_text(s, size, multiline)) {
    case FIELD_TEXT_BAD: return bad;
    case FIELD_TEXT_TOO_LONG: return too_long;
    case FIELD_TEXT_OK: break;
    }
    return PARTY_OK;
}

party_check party_validate(const tc_party *p)
{
    if (!kind_valid(p->kind))
        return (party_check){ PARTY_KIND_INVALID, "kind" };
    party_problem pr = text_problem(p->name, sizeof p->name, false, PARTY_NAME_BAD_TEXT,
                                    PARTY_NAME_TOO_LONG);
    if (pr == PARTY_OK && !field_has_visible(p->name))
        pr = PARTY_NAME_EMPTY;
    if (pr != PARTY_OK)
        return (party_check){ pr, "name" };
    pr = text_problem(p->relation, sizeof p->relation, false, PARTY_RELATION_BAD_TEXT,
                      PARTY_RELATION_TOO_LONG);
    if (pr != PARTY_OK)
        return (party_check){ pr, "relation" };
    pr = text_problem(p->contact, sizeof p->contact, false, PARTY_CONTACT_BAD_TEXT,
                      PARTY_CONTACT_TOO_LONG);
    if (pr != PARTY_OK)
        return (party_check){ pr, "contact" };
    pr = text_problem(p->details, sizeof p->details, true, PARTY_DETAILS_BAD_TEXT,
                      PARTY_DETAILS_TOO_LONG);
    if (pr != PARTY_OK)
        return (party_check){ pr, "details" };
    return (party_check){ PARTY_OK, NULL };
}

party_problem party_withdraw_check(const tc_party *p, const char *reason)
{
    if (p->withdrawn)
        return PARTY_ALREADY_WITHDRAWN;
    if (!reason)
        return PARTY_REASON_MISSING;
    switch (field_text_check(reason, PARTY_REASON_MAX, false)) {
    case FIELD_TEXT_BAD: return PARTY_REASON_BAD_TEXT;
    case FIELD_TEXT_TOO_LONG: return PARTY_REASON_TOO_LONG;
    case FIELD_TEXT_OK: break;
    }
    return field_has_visible(reason) ? PARTY_OK : PARTY_REASON_MISSING;
}

static const char *const problem_texts[PARTY_PROBLEM_COUNT] = {
    [PARTY_OK] = N_("The person can be saved."),
    [PARTY_KIND_INVALID] = N_("Choose witness, informant or suspect."),
    [PARTY_NAME_EMPTY] = N_("Write the person's name, or how the person is known."),
    [PARTY_NAME_BAD_TEXT] = N_("The name contains characters that cannot be stored."),
    [PARTY_NAME_TOO_LONG] = N_("The name is too long."),
    [PARTY_RELATION_BAD_TEXT] = N_("The part in the case contains characters that cannot be stored."),
    [PARTY_RELATION_TOO_LONG] = N_("The part in the case is too long: say it in a few words."),
    [PARTY_CONTACT_BAD_TEXT] = N_("The contact contains characters that cannot be stored."),
    [PARTY_CONTACT_TOO_LONG] = N_("The contact is too long."),
    [PARTY_DETAILS_BAD_TEXT] = N_("The details contain characters that cannot be stored."),
    [PARTY_DETAILS_TOO_LONG] = N_("The details are too long."),
    [PARTY_REASON_MISSING] = N_("Give the reason for withdrawing the entry."),
    [PARTY_REASON_BAD_TEXT] = N_("The reason contains characters that cannot be stored."),
    [PARTY_REASON_TOO_LONG] = N_("The reason is too long."),
    [PARTY_ALREADY_WITHDRAWN] = N_("This entry is withdrawn: it does not change any more."),
};

const char *party_problem_text(party_problem p)
{
    if ((int)p < 0 || p >= PARTY_PROBLEM_COUNT)
        return N_("The person cannot be saved.");
    return problem_texts[p];
}
