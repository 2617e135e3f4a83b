/* timeline.c - ordering a case's events and writing their one-line
 * summaries. */
#include "core/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/msg.h"
#include "core/utf8.h"

/* Codes are stable (tests and exports use them): never rename one. */
static const code_label kinds[TL_KIND_COUNT] = {
    [TL_CASE_OPENED] = { "case_opened", N_("Case opened") },
    [TL_CASE_OPENED_QUICK] = { "case_opened_quick", N_("Case opened in quick mode") },
    [TL_QUICK_COMPLETED] = { "quick_completed", N_("Quick record completed") },
    [TL_INTAKE_RECORDED] = { "intake_recorded", N_("Intake recorded") },
    [TL_INTAKE_UPDATED] = { "intake_updated", N_("Intake updated") },
    [TL_INSPECTION_LINKED] = { "inspection_linked", N_("Linked to a labour inspection") },
    [TL_SCREENING_STARTED] = { "screening_started", N_("Screening started") },
    [TL_SCREENING_DECIDED] = { "screening_decided", N_("Screening decided") },
    [TL_IDENTIFICATION] = { "identification", N_("Identification decision") },
    [TL_NEED_ADDED] = { "need_added", N_("Need added") },
    [TL_NEED_STATE_CHANGED] = { "need_state_changed", N_("Need changed") },
    [TL_CONSENT_GIVEN] = { "consent_given", N_("Consent given") },
    [TL_CONSENT_REFUSED] = { "consent_refused", N_("Consent refused") },
    [TL_CONSENT_WITHDRAWN] = { "consent_withdrawn", N_("Consent withdrawn") },
    [TL_CONSENT_OVERRIDE] = { "consent_override", N_("Acted without consent") },
    [TL_NOTE_ADDED] = { "note_added", N_("Note added") },
    [TL_RECORD_CORRECTED] = { "record_corrected", N_("Record corrected") },
    [TL_RECORD_WITHDRAWN] = { "record_withdrawn", N_("Record withdrawn") },
    [TL_CASE_CLOSED] = { "case_closed", N_("Case closed") },
    [TL_CASE_REOPENED] = { "case_reopened", N_("Case reopened") },
    [TL_REFERRAL_MADE] = { "referral_made", N_("Referral made") },
    [TL_REFERRAL_CHANGED] = { "referral_changed", N_("Referral changed") },
    [TL_REPATRIATION_PLANNED] = { "repatriation_planned", N_("Repatriation plan made") },
    [TL_REPATRIATION_CHANGED] = { "repatriation_changed", N_("Repatriation plan changed") },
    [TL_REINTEGRATION_PLANNED] = { "reintegration_planned", N_("Reintegration plan made") },
    [TL_FOLLOWUP_RECORDED] = { "followup_recorded", N_("Follow-up recorded") },
    [TL_REINTEGRATION_CLOSED] = { "reintegration_closed", N_("Reintegration plan closed") },
};

const char *timeline_kind_code(timeline_kind k)
{
    return codes_code(kinds, TL_KIND_COUNT, (int)k);
}

const char *timeline_kind_label(timeline_kind k)
{
    return codes_label(kinds, TL_KIND_COUNT, (int)k, N_("Unknown"));
}

/* ------------------------------------------------------------ clean text */

/* Thai vowel and tone marks written above or below their base letter, and
 * the general combining marks: never separated from the letter before. */
static bool is_combining(uint32_t cp)
{
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E)
        || (cp >= 0x0300 && cp <= 0x036F);
}

static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

/* Appends text to out[*len..] (cap bytes in all, NUL included) one cluster
 * at a time: blanks become one space, other control and bidi characters
 * are dropped.  False when something did not fit. */
static bool append_clean(char *out, size_t cap, size_t *len, const char *text)
{
    size_t n = strlen(text);
    bool last_space = *len > 0 && out[*len - 1] == ' ';
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = utf8_decode(text + i, n - i, &cp);
        if (is_blank(cp)) {
            if (!last_space) {
                if (*len + 2 > cap)
                    return false;
                out[(*len)++] = ' ';
                last_space = true;
            }
            i += step;
            continue;
        }
        /* The cluster: this character and the marks that follow it. */
        size_t end = i + step;
        while (end < n) {
            uint32_t next;
            size_t k = utf8_decode(text + end, n - end, &next);
            if (!is_combining(next))
                break;
            end += k;
        }
        if (utf8_is_control(cp) || utf8_is_bidi_control(cp)) {
            i = end;
            continue;
        }
        if (*len + (end - i) + 1 > cap)
            return false;
        memcpy(out + *len, text + i, end - i);
        *len += end - i;
        last_space = false;
        i = end;
    }
    return true;
}

static void trim_trailing_space(char *out, size_t *len)
{
    while (*len > 0 && out[*len - 1] == ' ')
        (*len)--;
    out[*len] = '\0';
}

void timeline_excerpt(const char *text, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    if (!text)
        return;
    /* Leading blanks say nothing. */
    while (*text && is_blank((unsigned char)*text))
        text++;
    if (append_clean(out, outsz, &len, text)) {
        trim_trailing_space(out, &len);
        return;
    }
    /* Cut: start again leaving room for the ellipsis. */
    len = 0;
    if (outsz > 4)
        append_clean(out, outsz - 3, &len, text);
    trim_trailing_space(out, &len);
    if (len + 4 <= outsz) {
        memcpy(out + len, "...", 4);
    }
}

/* ---------------------------------------------------------------- events */

void timeline_event_init(timeline_event *e, timeline_kind k)
{
    memset(e, 0, sizeof *e);
    e->kind = k;
}

static void set_part(char *part, bool *is_msgid, const char *text, bool msgid)
{
    part[0] = '\0';
    *is_msgid = false;
    if (!text || !*text)
        return;
    *is_msgid = msgid;
    if (msgid) {
        size_t len = 0;
        if (!append_clean(part, TIMELINE_TEXT_MAX + 1, &len, text))
            len = 0;        /* a msgid cut short would no longer translate */
        part[len] = '\0';
    } else {
        timeline_excerpt(text, part, TIMELINE_TEXT_MAX + 1);
    }
}

void timeline_set_subject(timeline_event *e, const char *text, bool msgid)
{
    set_part(e->subject, &e->subject_msgid, text, msgid);
}

void timeline_set_detail(timeline_event *e, const char *text, bool msgid)
{
    set_part(e->detail, &e->detail_msgid, text, msgid);
}

/* ------------------------------------------------------------------ sort */

typedef struct sort_key {
    int64_t at, seq;
    size_t index;
} sort_key;

/* Newest first; the index keeps equal events in their given order. */
static int compare_keys(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->at != y->at)
        return x->at > y->at ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq > y->seq ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static bool comes_before(const timeline_event *a, const timeline_event *b)
{
    return a->at > b->at || (a->at == b->at && a->seq > b->seq);
}

/* Without memory for the keys: a stable insertion sort (slow, but right). */
static void insertion_sort(timeline_event *ev, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        timeline_event tmp = ev[i];
        size_t j = i;
        for (; j > 0 && comes_before(&tmp, &ev[j - 1]); j--)
            ev[j] = ev[j - 1];
        ev[j] = tmp;
    }
}

void timeline_sort(timeline_event *events, size_t n)
{
    if (n < 2)
        return;
    sort_key *keys = malloc(n * sizeof *keys);
    timeline_event *copy = malloc(n * sizeof *copy);
    if (!keys || !copy) {
        free(keys);
        free(copy);
        insertion_sort(events, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (sort_key){ events[i].at, events[i].seq, i };
    qsort(keys, n, sizeof *keys, compare_keys);
    memcpy(copy, events, n * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        events[i] = copy[keys[i].index];
    free(keys);
    free(copy);
}

/* --------------------------------------------------------------- summary */

static const char *translated(timeline_translate tr, const char *text, bool msgid)
{
    return msgid && tr ? tr(text) : text;
}

void timeline_summary(const timeline_event *e, timeline_translate tr, char *out, size_t outsz)
{
    size_t len = 0;
    out[0] = '\0';
    const char *label = translated(tr, timeline_kind_label(e->kind), true);
    bool room = append_clean(out, outsz, &len, label);
    if (room && e->subject[0]) {
        room = append_clean(out, outsz, &len, ": ");
        room = room && append_clean(out, outsz, &len,
                                    translated(tr, e->subject, e->subject_msgid));
    }
    if (room && e->detail[0]) {
        room = append_clean(out, outsz, &len, e->subject[0] ? " - " : ": ");
        room = room && append_clean(out, outsz, &len,
                                    translated(tr, e->detail, e->detail_msgid));
    }
    trim_trailing_space(out, &len);
}
