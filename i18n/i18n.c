/* i18n.c - locale and message-catalogue set-up.
 *
 * tipcase needs a UTF-8 locale (Thai has no place in ASCII) but must not
 * need a Thai one: field laptops often have only C.UTF-8.  GNU gettext
 * honours LANGUAGE in every locale except "C", so under C.UTF-8 the
 * LANGUAGE variable alone selects the Thai catalogue.
 *
 * Switching at run time follows the GNU gettext manual: change LANGUAGE,
 * then tell gettext that its cached translations are stale.  glibc's
 * textdomain() increments the catalogue counter (_nl_msg_cat_cntr) even
 * when the domain does not change, precisely "to signal that some
 * environment variable changed", and re-setting LC_MESSAGES does the same;
 * we do both. */
#include "config.h"
#include "i18n/i18n.h"
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TC_DOMAIN "tipcase"
#define ENV_LOCALEDIR "TIPCASE_LOCALEDIR"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* LANGUAGE as the environment asked for it once i18n_init() had made sense
 * of it; i18n_set_language(NULL) returns to it. */
static char *env_language;
static bool env_language_known;

static bool codeset_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8"));
}

static const char *nonempty_env(const char *name)
{
    const char *v = getenv(name);
    return (v && *v) ? v : NULL;
}

/* The locale name the environment asks for messages (POSIX precedence). */
static const char *requested_messages_locale(void)
{
    const char *v = nonempty_env("LC_ALL");
    if (!v)
        v = nonempty_env("LC_MESSAGES");
    if (!v)
        v = nonempty_env("LANG");
    return v;
}

static bool fall_back_to_c_utf8(void)
{
    return setlocale(LC_ALL, "C.UTF-8") != NULL || setlocale(LC_ALL, "C.utf8") != NULL;
}

/* setlocale(LC_ALL, "") or C.UTF-8.  When the user asked for a Thai locale
 * that this machine lacks, keep their wish for Thai messages through
 * LANGUAGE, which C.UTF-8 honours. */
static void choose_locale(void)
{
    if (setlocale(LC_ALL, "") != NULL && codeset_is_utf8())
        return;
    if (!fall_back_to_c_utf8())
        return;                             /* nothing better: stay as we are */
    const char *wanted = requested_messages_locale();
    if (wanted && !strncmp(wanted, "th", 2) && !nonempty_env("LANGUAGE"))
        setenv("LANGUAGE", "th", 1);
}

static void remember_env_language(void)
{
    free(env_language);
    const char *v = nonempty_env("LANGUAGE");
    env_language = v ? strdup(v) : NULL;
    env_language_known = true;
}

/* Makes gettext forget what it looked up under the previous language. */
static void refresh_catalogues(void)
{
    const char *messages = setlocale(LC_MESSAGES, NULL);
    if (messages) {
        char name[256];
        size_t n = strlen(messages);
        if (n < sizeof name) {
            memcpy(name, messages, n + 1);
            setlocale(LC_MESSAGES, name);
        }
    }
    textdomain(TC_DOMAIN);
}

void i18n_init(const char *localedir)
{
    const char *dir = nonempty_env(ENV_LOCALEDIR);
    if (!dir)
        dir = (localedir && *localedir) ? localedir : LOCALEDIR;
    choose_locale();
    remember_env_language();
    bindtextdomain(TC_DOMAIN, dir);
    bind_textdomain_codeset(TC_DOMAIN, "UTF-8");
    textdomain(TC_DOMAIN);
}

/* LANGUAGE is ignored under the plain "C" locale: make sure we are not in
 * it before asking for Thai. */
static void leave_c_locale(void)
{
    const char *messages = setlocale(LC_MESSAGES, NULL);
    if (messages && (!strcmp(messages, "C") || !strcmp(messages, "POSIX")))
        fall_back_to_c_utf8();
}

bool i18n_set_language(const char *code)
{
    if (code && strcmp(code, "th") != 0 && strcmp(code, "en") != 0)
        return false;
    if (!env_language_known)
        remember_env_language();
    if (!code) {
        if (env_language)
            setenv("LANGUAGE", env_language, 1);
        else
            unsetenv("LANGUAGE");
    } else {
        /* "en" has no catalogue: gettext then falls back to the msgids,
         * which are English, even under a Thai LC_MESSAGES. */
        setenv("LANGUAGE", code, 1);
        if (!strcmp(code, "th"))
            leave_c_locale();
    }
    refresh_catalogues();
    return true;
}

/* The active catalogue says which language it is in its header entry
 * (msgid ""): "Language: th".  Asking it, rather than the environment,
 * keeps dates and messages in the same language even when a catalogue is
 * missing. */
static bool header_language_is_thai(const char *header)
{
    const char *line = header;
    while (line && *line) {
        if (!strncmp(line, "Language:", 9)) {
            const char *v = line + 9;
            while (*v == ' ' || *v == '\t')
                v++;
            return !strncmp(v, "th", 2) && (v[2] == '\0' || v[2] == '\n' || v[2] == '_' ||
                                             v[2] == '@' || v[2] == '.' || v[2] == ' ');
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return false;
}

bool i18n_is_thai(void)
{
    const char *header = gettext("");
    return header && *header && header_language_is_thai(header);
}

const char *i18n_language(void)
{
    return i18n_is_thai() ? "th" : "en";
}
