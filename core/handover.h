/* handover.h - the referral handover sheet: the text a social worker
 * prints and hands over with the person, in Thai or English.
 *
 * It holds the referral (reference, date, urgency, channel, state), both
 * sides' contacts (the receiving agency's from the directory, the
 * referring team's and officer's), the needs the referral answers, and
 * about the person only what consent covers:
 *
 *   - nothing at all unless the caller says the consent gate permits the
 *     referral now (handover_input.consent_permits: covered, or sent with
 *     an override whose reason the audit trail keeps);
 *   - then only the sections the referral shared (tc_referral.shared):
 *     names, sex and age with REFERRAL_SHARED_IDENTITY; nationality and
 *     languages with REFERRAL_SHARED_NATIONALITY; the needs' notes with
 *     REFERRAL_SHARED_NEEDS; the summary of what was shared, which the
 *     officer wrote for the agency, whenever consent permits.  Sections
 *     the record holds no fields for (contact, story, screening...) are
 *     named in the list of what was shared and told in the summary.
 *
 * Every line is at most `width` display columns (the caller's wrap
 * function measures and breaks Thai text: core has no dictionary), and
 * ends in '\n'.  Text typed by officers is cleaned of control and bidi
 * characters before it is laid out.
 *
 * Pure: translation, wrapping and date formatting come from the caller,
 * as referral_transition_message() takes its translation. */
#ifndef TC_HANDOVER_H
#define TC_HANDOVER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "agency.h"
#include "caldate.h"
#include "caserec.h"
#include "needs.h"
#include "referral.h"

#define HANDOVER_WIDTH_MIN 40
#define HANDOVER_WIDTH_MAX 200
#define HANDOVER_WIDTH_DEFAULT 72
#define HANDOVER_FIELD_MAX 600      /* bytes of one contact field of the team */

/* The translation of a msgid; NULL means "keep English". */
typedef const char *(*handover_translate_fn)(const char *msgid);

/* A line of wrapped text: bytes [start, start + len) of the input. */
typedef struct handover_line { size_t start, len; } handover_line;
/* Wrap utf8 into lines of at most width display columns, breaking at
 * spaces (and, for Thai, at word boundaries) and at newlines; returns the
 * number of lines (only max are written).  As i18n's thai_wrap(). */
typedef size_t (*handover_wrap_fn)(const char *utf8, int width, handover_line *lines,
                                   size_t max);
/* A moment (seconds since the epoch, UTC) as the reader writes it, e.g.
 * "21 พ.ย. 2569 10:00" or "21 Nov 2026 10:00". */
typedef void (*handover_time_fn)(int64_t t, char *out, size_t outsz);
/* A date, e.g. "3 มี.ค. 2538". */
typedef void (*handover_date_fn)(caldate d, char *out, size_t outsz);

typedef struct handover_env {
    bool thai;                      /* the agency's and countries' Thai names */
    int width;                      /* HANDOVER_WIDTH_MIN..MAX; else the default */
    handover_translate_fn translate;
    /* NULL: breaks at spaces and newlines, counting one column per
     * character (enough for English and for tests). */
    handover_wrap_fn wrap;
    handover_time_fn format_time;   /* NULL: ISO-8601 UTC */
    handover_date_fn format_date;   /* NULL: ISO-8601 */
} handover_env;

/* The referring side. */
typedef struct handover_team {
    const char *team;               /* the team or unit's name; may be NULL */
    const char *phone, *email, *line_id, *address;     /* each may be NULL */
    const char *officer_name;       /* the referring officer */
} handover_team;

typedef struct handover_input {
    const tc_referral *referral;
    const tc_agency *agency;
    const char *case_reference;     /* "K7Q4X-2569-0001" */
    /* The person as the case record holds them; NULL prints nothing of
     * them (as when consent does not permit). */
    const tc_case *person;
    bool consent_permits;           /* the gate permits this referral now */
    const tc_need *needs;           /* the needs the referral is linked to */
    size_t n_needs;
    handover_team from;
    int64_t printed_at;             /* "now" */
    int utc_offset;                 /* the officers' civil time, for the age */
} handover_input;

/* The reference printed on the sheet: "<case reference>/R-<first 8
 * characters of the referral id>" (what `tipcase referral show` accepts
 * after the "R-").  out needs HANDOVER_REFERENCE_MAX bytes. */
#define HANDOVER_REFERENCE_MAX (CASEREF_MAX + 16)
void handover_reference(const char *case_reference, const char *referral_id,
                        char out[HANDOVER_REFERENCE_MAX]);

/* Lays out the sheet into out (outsz bytes, NUL-terminated, cut short
 * when too small) and returns the length the whole sheet needs, without
 * the NUL: call with outsz 0 to size a buffer (snprintf's convention).
 * 0 when in, its referral or its agency is NULL. */
size_t handover_format(const handover_input *in, const handover_env *env, char *out,
                       size_t outsz);

#endif
