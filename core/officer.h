/* officer.h - officers, their roles, and passphrase rules. */
#ifndef TC_OFFICER_H
#define TC_OFFICER_H
#include <stdbool.h>
#include <stdint.h>

#define TC_ID_LEN 37            /* UUID text + NUL */
#define OFFICER_LOGIN_MAX 32    /* bytes, ASCII letters, digits, . _ - */
#define OFFICER_NAME_MAX 160    /* bytes of UTF-8 */
#define PASSPHRASE_MIN_CHARS 10 /* characters (code points), not bytes */
#define PASSPHRASE_MAX_BYTES 1024

typedef enum officer_role {
    ROLE_ADMIN = 0,
    ROLE_SUPERVISOR,
    ROLE_INSPECTOR,
    ROLE_SOCIAL_WORKER,
    ROLE_BORDER_OFFICER,
    ROLE_COUNT
} officer_role;

typedef struct tc_officer {
    char id[TC_ID_LEN];
    char login[OFFICER_LOGIN_MAX + 1];
    char name[OFFICER_NAME_MAX + 1];
    officer_role role;
    bool active;                /* false once removed by an admin */
    int64_t created_at;
} tc_officer;

/* Stable code stored in the database ("admin", "supervisor", "inspector",
 * "social_worker", "border_officer"). */
const char *role_code(officer_role r);
bool role_from_code(const char *code, officer_role *out);
/* English msgid of the role's label, for _(). */
const char *role_label(officer_role r);
/* May an officer of role r change the store's settings (the legal clock
 * lengths, the referral and follow-up times)?  Administrators and
 * supervisors only: the others work under them. */
bool role_may_change_settings(officer_role r);

typedef enum officer_problem {
    OFFICER_OK = 0,
    OFFICER_LOGIN_EMPTY,
    OFFICER_LOGIN_BAD_CHARS,
    OFFICER_LOGIN_TOO_LONG,
    OFFICER_NAME_EMPTY,
    OFFICER_NAME_BAD_TEXT,      /* invalid UTF-8 or control characters */
    OFFICER_NAME_TOO_LONG,
    OFFICER_ROLE_INVALID,
} officer_problem;

officer_problem officer_validate(const tc_officer *o);
const char *officer_problem_text(officer_problem p);    /* msgid */

typedef enum passphrase_problem {
    PASSPHRASE_OK = 0,
    PASSPHRASE_TOO_SHORT,       /* fewer than PASSPHRASE_MIN_CHARS */
    PASSPHRASE_TOO_LONG,
    PASSPHRASE_BAD_TEXT,        /* invalid UTF-8 or control characters */
    PASSPHRASE_MISMATCH,        /* the two entries differ */
} passphrase_problem;

/* Check a new passphrase typed twice (confirm may be NULL when only one
 * entry exists, e.g. from --passphrase-fd). */
passphrase_problem passphrase_check(const char *pass, const char *confirm);
const char *passphrase_problem_text(passphrase_problem p);  /* msgid */

#endif
