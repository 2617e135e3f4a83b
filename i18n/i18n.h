/* i18n.h - language set-up for every layer that shows text.
 *
 * English msgids, Thai in po/th.po.  LANG=th_TH.UTF-8 starts in Thai, and
 * so does LANGUAGE=th under C.UTF-8 (glibc honours LANGUAGE in any locale
 * but "C").  The language can also be switched while running. */
#ifndef TC_I18N_H
#define TC_I18N_H
#include <stdbool.h>
#include <libintl.h>

#define _(s) gettext(s)
#ifndef N_
#define N_(s) (s)
#endif

/* setlocale(LC_ALL, ""), falling back to C.UTF-8 when the environment names
 * a locale that is not installed or is not UTF-8 (tipcase needs UTF-8 for
 * Thai), then binds the "tipcase" domain to localedir.  On that fallback a
 * Thai LC_ALL/LC_MESSAGES/LANG still gives Thai messages (LANGUAGE=th is
 * set when LANGUAGE is empty).  A non-empty $TIPCASE_LOCALEDIR overrides
 * localedir (tests run before install); NULL means the configured one. */
void i18n_init(const char *localedir);

/* Switch the interface language at run time: "th", "en", or NULL for the
 * one the environment asks for.  Returns false for an unknown code. */
bool i18n_set_language(const char *code);

/* "th" when messages are shown in Thai, else "en": read from the header
 * ("Language: th") of the catalogue gettext is using, so it is "en" when
 * the Thai catalogue is asked for but not installed. */
const char *i18n_language(void);
bool i18n_is_thai(void);

#endif
