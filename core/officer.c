/* officer.c - roles, officer record checks and passphrase rules. */
#include "core/officer.h"

#include <string.h>

#include "core/access.h"
#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"
#include "core/utf8.h"

/* Codes are stored in the database: never rename one. */
static const code_label roles[ROLE_COUNT] = {
    [ROLE_ADMIN] = { "admin", N_("Administrator") },
    [ROLE_SUPERVISOR] = { "supervisor", N_("Supervisor") },
    [ROLE_INSPECTOR] = { "inspector", N_("Labour inspector") },
    [ROLE_SOCIAL_WORKER] = { "social_worker", N_("Social worker") },
    [ROLE_BORDER_OFFICER] = { "border_officer", N_("Border officer") },
};

static bool role_in_range(officer_role r)
{
    return (int)r >= 0 && r < ROLE_COUNT;
}

const char *role_code(officer_role r)
{
    return codes_code(roles, ROLE_COUNT, (int)r);
}

bool role_from_code(const char *code, officer_role *out)
{
    int i;
    if (!codes_find(roles, ROLE_COUNT, code, &i))
        return false;
    *out = (officer_role)i;
    return true;
}

const char *role_label(officer_role r)
{
    return codes_label(roles, ROLE_COUNT, (int)r, N_("Unknown role"));
}

bool role_may_change_settings(officer_role r)
{
    return access_allows(r, ACCESS_SETTINGS, CASE_REL_NONE);    /* the one table */
}

static bool login_char_allowed(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
        || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
}

static officer_problem login_problem(const char *login)
{
    size_t len = field_bounded_length(login, OFFICER_LOGIN_MAX + 1);
    if (len == 0)
        return OFFICER_LOGIN_EMPTY;
    if (len > OFFICER_LOGIN_MAX)
        return OFFICER_LOGIN_TOO_LONG;
    for (size_t i = 0; i < len; i++)
        if (!login_char_allowed(login[i]))
            return OFFICER_LOGIN_BAD_CHARS;
    return OFFICER_OK;
}

static officer_problem name_problem(const char *name)
{
    field_text t = field_text_check(name, OFFICER_NAME_MAX, false);
    if (t == FIELD_TEXT_TOO_LONG)
        return OFFICER_NAME_TOO_LONG;
    if (t != FIELD_TEXT_OK)
        return OFFICER_NAME_BAD_TEXT;
    /* Tabs and newlines were refused above, so "visible" means not spaces. */
    if (!field_has_visible(name))
        return OFFICER_NAME_EMPTY;
    return OFFICER_OK;
}

officer_problem officer_validate(const tc_officer *o)
{
    officer_problem p = login_problem(o->login);
    if (p == OFFICER_OK)
        p = name_problem(o->name);
    if (p == OFFICER_OK && !role_in_range(o->role))
        p = OFFICER_ROLE_INVALID;
    return p;
}

const char *officer_problem_text(officer_problem p)
{
    switch (p) {
    case OFFICER_OK:
        return N_("The officer's details are complete.");
    case OFFICER_LOGIN_EMPTY:
        return N_("Enter a login name.");
    case OFFICER_LOGIN_BAD_CHARS:
        return N_("A login name may contain only English letters, digits, dots, "
                  "hyphens and underscores.");
    case OFFICER_LOGIN_TOO_LONG:
        return N_("A login name can be at most 32 characters long.");
    case OFFICER_NAME_EMPTY:
        return N_("Enter the officer's full name.");
    case OFFICER_NAME_BAD_TEXT:
        return N_("The name cannot contain control characters or invalid text.");
    case OFFICER_NAME_TOO_LONG:
        return N_("The name is too long.");
    case OFFICER_ROLE_INVALID:
        return N_("Choose a role for the officer.");
    }
    return N_("The officer's details are not valid.");
}

passphrase_problem passphrase_check(const char *pass, const char *confirm)
{
    if (!pass)
        return PASSPHRASE_TOO_SHORT;
    if (!utf8_valid(pass) || utf8_has_control(pass, false))
        return PASSPHRASE_BAD_TEXT;
    if (field_bounded_length(pass, PASSPHRASE_MAX_BYTES + 1) > PASSPHRASE_MAX_BYTES)
        return PASSPHRASE_TOO_LONG;
    /* Code points, not bytes: a Thai letter is 3 bytes but one character. */
    if (utf8_length(pass) < PASSPHRASE_MIN_CHARS)
        return PASSPHRASE_TOO_SHORT;
    if (confirm && strcmp(pass, confirm) != 0)
        return PASSPHRASE_MISMATCH;
    return PASSPHRASE_OK;
}

const char *passphrase_problem_text(passphrase_problem p)
{
    switch (p) {
    case PASSPHRASE_OK:
        return N_("The passphrase is acceptable.");
    case PASSPHRASE_TOO_SHORT:
        return N_("The passphrase must be at least 10 characters long.");
    case PASSPHRASE_TOO_LONG:
        return N_("The passphrase is too long (at most 1024 bytes).");
    case PASSPHRASE_BAD_TEXT:
        return N_("The passphrase cannot contain control characters or invalid text.");
    case PASSPHRASE_MISMATCH:
        return N_("The two passphrases do not match.");
    }
    return N_("The passphrase is not acceptable.");
}
