/* handover.c - laying out the referral handover sheet (handover.h).
 *
 * The sheet is built line by line into the caller's buffer.  Labels are
 * msgids passed through the caller's translation; values typed by
 * officers are cleaned, then wrapped by the caller's wrap function, so
 * Thai breaks between words and a line never passes the width. */
#include "core/handover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/geo.h"
#include "core/msg.h"
#include "core/utf8.h"

/* ----------------------------------------------------------- the buffer */

typedef struct sheet {
    char *out;
    size_t cap;                     /* bytes of out, NUL included */
    size_t len;                     /* bytes the whole sheet needs */
    const handover_env *env;
    int width;
} sheet;

static void put_n(sheet *b, const char *s, size_t n)
{
    if (b->cap > 0 && b->len < b->cap - 1) {
        size_t room = b->cap - 1 - b->len;
        memcpy(b->out + b->len, s, n < room ? n : room);
    }
    b->len += n;
}

static void put_spaces(sheet *b, int n)
{
    for (int i = 0; i < n; i++)
        put_n(b, " ", 1);
}

static void put_rule(sheet *b, char c)
{
    for (int i = 0; i < b->width; i++)
        put_n(b, &c, 1);
    put_n(b, "\n", 1);
}

static const char *tr(const sheet *b, const char *msgid)
{
    const char *t = b->env->translate ? b->env->translate(msgid) : NULL;
    return t ? t : msgid;
}

/* ------------------------------------------------------------ clean text */

static bool is_mark(uint32_t cp)
{
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E)
        || (cp >= 0x0300 && cp <= 0x036F);
}

/* A malloc'd copy of text fit to print: invalid bytes, control and bidi
 * characters dropped, tabs (and newlines unless kept) made spaces. */
static char *clean_copy(const char *text, bool keep_newlines)
{
    size_t n = text ? strlen(text) : 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = utf8_decode(text + i, n - i, &cp);
        if (step == 0)
            step = 1, cp = 0xFFFD;
        if (cp == '\t' || (cp == '\n' && !keep_newlines) || cp == '\r')
            out[len++] = ' ';
        else if (cp == '\n')
            out[len++] = '\n';
        else if (cp != 0xFFFD && !utf8_is_control(cp) && !utf8_is_bidi_control(cp)) {
            memcpy(out + len, text + i, step);
            len += step;
        }
        i += step;
    }
    out[len] = '\0';
    return out;
}

/* ------------------------------------------------------------- wrapping */

/* The fallback wrap: one column per character that is not a mark, breaks
 * at the last space that fits, else before the character that would not
 * fit (never between a letter and its marks). */
static size_t plain_wrap(const char *s, int width, handover_line *lines, size_t max)
{
    size_t n = strlen(s), count = 0, i = 0;
    if (width < 1)
        width = 1;
    while (i < n) {
        size_t start = i, last_space = 0, cut = n;
        int cols = 0;
        bool have_space = false;
        while (i < n && s[i] != '\n') {
            uint32_t cp;
            size_t step = utf8_decode(s + i, n - i, &cp);
            if (step == 0)
                step = 1;
            if (!is_mark(cp) && cols == width) {
                cut = i;
                break;
            }
            if (cp == ' ')
                have_space = true, last_space = i;
            if (!is_mark(cp))
                cols++;
            i += step;
        }
        size_t end = i, next = i;
        if (i < n && s[i] == '\n') {
            next = i + 1;
        } else if (cut != n) {
            end = have_space && last_space > start ? last_space : cut;
            next = end;
        }
        while (end > start && s[end - 1] == ' ')
            end--;
        while (next < n && s[next] == ' ')
            next++;
        if (count < max)
            lines[count] = (handover_line){ start, end - start };
        count++;
        i = next;
    }
    return count;
}

typedef struct wrapped {
    handover_line *lines;
    size_t n;
} wrapped;

static wrapped wrap_text(const sheet *b, const char *text, int width)
{
    wrapped w = { NULL, 0 };
    handover_wrap_fn fn = b->env->wrap ? b->env->wrap : plain_wrap;
    size_t n = fn(text, width, NULL, 0);
    if (n == 0 || !(w.lines = malloc(n * sizeof *w.lines)))
        return w;
    w.n = fn(text, width, w.lines, n);
    if (w.n > n)
        w.n = n;
    return w;
}

/* Every line of text, indented; continuation lines of a field (after the
 * first line) indented two more. */
static void put_wrapped(sheet *b, int indent, const char *text, bool hanging)
{
    int width = b->width - indent;
    wrapped w = wrap_text(b, text, width);
    if (w.n == 0) {
        free(w.lines);
        return;
    }
    put_spaces(b, indent);
    put_n(b, text + w.lines[0].start, w.lines[0].len);
    put_n(b, "\n", 1);
    if (w.n > 1 && hanging) {
        /* The rest again, two columns narrower. */
        const char *rest = text + w.lines[1].start;
        free(w.lines);
        wrapped more = wrap_text(b, rest, width - 2);
        for (size_t i = 0; i < more.n; i++) {
            put_spaces(b, indent + 2);
            put_n(b, rest + more.lines[i].start, more.lines[i].len);
            put_n(b, "\n", 1);
        }
        free(more.lines);
        return;
    }
    for (size_t i = 1; i < w.n; i++) {
        put_spaces(b, indent);
        put_n(b, text + w.lines[i].start, w.lines[i].len);
        put_n(b, "\n", 1);
    }
    free(w.lines);
}

/* "Label: value" at indent, wrapped with a hanging indent; nothing when
 * the value is empty. */
static void put_field(sheet *b, int indent, const char *label_msgid, const char *value)
{
    if (!value || !*value)
        return;
    char *clean = clean_copy(value, false);
    const char *label = tr(b, label_msgid);
    size_t n = strlen(label) + 2 + (clean ? strlen(clean) : 0) + 1;
    char *line = clean ? malloc(n) : NULL;
    if (line) {
        snprintf(line, n, "%s: %s", label, clean);
        put_wrapped(b, indent, line, true);
    }
    free(line);
    free(clean);
}

/* "Label: value" on one line when it fits; else the label, and the value
 * on the next line, so that a value never broken in two (a reference
 * someone will type) is broken only when it is wider than a line. */
static void put_field_whole(sheet *b, int indent, const char *label_msgid, const char *value)
{
    const char *label = tr(b, label_msgid);
    size_t n = strlen(label) + strlen(value) + 3;
    char *line = malloc(n);
    if (!line)
        return;
    snprintf(line, n, "%s: %s", label, value);
    wrapped w = wrap_text(b, line, b->width - indent);
    free(w.lines);
    if (w.n <= 1) {
        put_wrapped(b, indent, line, true);
    } else {
        snprintf(line, n, "%s:", label);
        put_wrapped(b, indent, line, true);
        put_wrapped(b, indent + 2, value, false);
    }
    free(line);
}

static void put_heading(sheet *b, const char *msgid)
{
    put_n(b, "\n", 1);
    put_wrapped(b, 0, tr(b, msgid), false);
    put_rule(b, '-');
}

static void put_text(sheet *b, int indent, const char *text, bool keep_newlines)
{
    char *clean = clean_copy(text, keep_newlines);
    if (clean && *clean)
        put_wrapped(b, indent, clean, false);
    free(clean);
}

/* ------------------------------------------------------------ the parts */

static void format_time(const sheet *b, int64_t t, char *out, size_t outsz)
{
    if (b->env->format_time) {
        b->env->format_time(t, out, outsz);
        return;
    }
    char iso[TIMESTAMP_ISO_LEN];
    timestamp_format_iso(t, iso);
    snprintf(out, outsz, "%s", iso);
}

static void format_date(const sheet *b, caldate d, char *out, size_t outsz)
{
    if (b->env->format_date) {
        b->env->format_date(d, out, outsz);
        return;
    }
    char iso[CALDATE_ISO_LEN];
    caldate_format_iso(d, iso);
    snprintf(out, outsz, "%s", iso);
}

void handover_reference(const char *case_reference, const char *referral_id,
                        char out[HANDOVER_REFERENCE_MAX])
{
    snprintf(out, HANDOVER_REFERENCE_MAX, "%.*s/R-%.8s", CASEREF_MAX - 1,
             case_reference ? case_reference : "", referral_id ? referral_id : "");
}

#define SHORT_MAX 128

static void put_title(sheet *b, const handover_input *in)
{
    const tc_referral *r = in->referral;
    put_wrapped(b, 0, tr(b, N_("REFERRAL HANDOVER SHEET")), false);
    put_wrapped(b, 0, tr(b, N_("CONFIDENTIAL: this sheet holds personal data. Give it only "
                               "to the receiving agency, keep it out of sight, and destroy "
                               "copies that are no longer needed.")), false);
    put_rule(b, '=');
    char ref[HANDOVER_REFERENCE_MAX], when[SHORT_MAX];
    handover_reference(in->case_reference, r->id, ref);
    put_field_whole(b, 0, N_("Referral reference"), ref);
    format_time(b, r->sent_at ? r->sent_at : r->created_at, when, sizeof when);
    put_field(b, 0, r->sent_at ? N_("Referred on") : N_("Drafted on"), when);
    put_field(b, 0, N_("Urgency"), tr(b, referral_urgency_label(r->urgency)));
    put_field(b, 0, N_("Channel"), tr(b, referral_channel_label(r->channel)));
    put_field(b, 0, N_("State"), tr(b, referral_state_label(r->state)));
    format_time(b, in->printed_at, when, sizeof when);
    put_field(b, 0, N_("Printed"), when);
}

static void put_agency(sheet *b, const tc_agency *a)
{
    put_heading(b, N_("TO: THE RECEIVING AGENCY"));
    bool thai = b->env->thai;
    const char *name = thai ? a->name_th : a->name_en;
    const char *abbr = thai && a->abbr_th[0] ? a->abbr_th : a->abbr_en;
    char line[AGENCY_NAME_MAX + AGENCY_ABBR_MAX + 8];
    if (*abbr)
        snprintf(line, sizeof line, "%s (%s)", name, abbr);
    else
        snprintf(line, sizeof line, "%s", name);
    put_field(b, 2, N_("Agency"), line);
    put_field(b, 2, N_("Type"), tr(b, agency_type_label(a->type)));
    const geo_entry *p = a->province[0] ? geo_province(a->province) : NULL;
    if (p)
        put_field(b, 2, N_("Province"), thai ? p->name_th : p->name_en);
    const geo_entry *c = agency_is_abroad(a) ? geo_country(a->country) : NULL;
    if (c)
        put_field(b, 2, N_("Country"), thai ? c->name_th : c->name_en);
    put_field(b, 2, N_("Telephone"), a->phone);
    put_field(b, 2, N_("LINE"), a->line_id);
    put_field(b, 2, N_("E-mail"), a->email);
    put_field(b, 2, N_("Address"), a->address);
    put_field(b, 2, N_("Focal person"), a->focal_name);
    put_field(b, 2, N_("Focal person's telephone"), a->focal_phone);
}

static void put_team(sheet *b, const handover_team *t)
{
    put_heading(b, N_("FROM: THE REFERRING TEAM"));
    put_field(b, 2, N_("Team"), t->team);
    put_field(b, 2, N_("Officer"), t->officer_name);
    put_field(b, 2, N_("Telephone"), t->phone);
    put_field(b, 2, N_("LINE"), t->line_id);
    put_field(b, 2, N_("E-mail"), t->email);
    put_field(b, 2, N_("Address"), t->address);
}

static bool shared(const tc_referral *r, referral_section s)
{
    return (r->shared & code_set_bit((int)s)) != 0;
}

/* May the sheet show section s of the person's record? */
static bool may_show(const handover_input *in, referral_section s)
{
    return in->consent_permits && in->person && shared(in->referral, s);
}

static void put_identity(sheet *b, const handover_input *in)
{
    const tc_case *c = in->person;
    put_field(b, 2, N_("Name (Thai)"), c->name_thai);
    put_field(b, 2, N_("Name (own script)"), c->name_original);
    put_field(b, 2, N_("Name (romanised)"), c->name_latin);
    put_field(b, 2, N_("Other names"), c->aliases);
    if (c->sex != SEX_UNKNOWN)
        put_field(b, 2, N_("Sex"), tr(b, sex_label(c->sex)));
    char text[SHORT_MAX];
    if (c->birth_known) {
        format_date(b, c->birth, text, sizeof text);
        put_field(b, 2, N_("Date of birth"), text);
    }
    caldate today = caldate_from_timestamp(in->printed_at, in->utc_offset);
    int age = case_age_today(c, today, in->utc_offset);
    if (age >= 0) {
        snprintf(text, sizeof text, "%d", age);
        put_field(b, 2, c->birth_known ? N_("Age") : N_("Age (estimated)"), text);
    }
}

static void put_nationality(sheet *b, const handover_input *in)
{
    const tc_case *c = in->person;
    char text[CASE_MAX_NATIONALITIES * (AGENCY_NAME_MAX + 2)] = "";
    size_t len = 0;
    for (int i = 0; i < c->n_nationalities && i < CASE_MAX_NATIONALITIES; i++) {
        const geo_entry *g = geo_country(c->nationalities[i]);
        const char *name = g ? (b->env->thai ? g->name_th : g->name_en) : c->nationalities[i];
        int k = snprintf(text + len, sizeof text - len, "%s%s", i ? ", " : "", name);
        if (k < 0 || (size_t)k >= sizeof text - len)
            break;
        len += (size_t)k;
    }
    put_field(b, 2, N_("Nationality"), text);
    put_field(b, 2, N_("Languages"), c->languages);
}

static void put_person(sheet *b, const handover_input *in)
{
    put_heading(b, N_("THE PERSON REFERRED"));
    if (!in->consent_permits || !in->person) {
        put_text(b, 2, tr(b, N_("The person's details are not on this sheet: consent does "
                                "not cover this referral.")), false);
        return;
    }
    bool identity = may_show(in, REFERRAL_SHARED_IDENTITY);
    bool nationality = may_show(in, REFERRAL_SHARED_NATIONALITY);
    if (identity)
        put_identity(b, in);
    if (nationality)
        put_nationality(b, in);
    if (!identity && !nationality)
        put_text(b, 2, tr(b, N_("The person's identity was not shared with this agency.")),
                 false);
}

static void put_need(sheet *b, need_kind k, bool urgent, const char *note)
{
    char line[SHORT_MAX * 2];
    snprintf(line, sizeof line, "- %s%s%s%s", tr(b, need_kind_label(k)), urgent ? " (" : "",
             urgent ? tr(b, N_("urgent")) : "", urgent ? ")" : "");
    put_wrapped(b, 2, line, true);
    if (note && *note)
        put_field(b, 4, N_("Note"), note);
}

static void put_needs(sheet *b, const handover_input *in)
{
    put_heading(b, N_("NEEDS THIS REFERRAL ANSWERS"));
    const tc_referral *r = in->referral;
    bool notes = may_show(in, REFERRAL_SHARED_NEEDS);
    need_set listed = 0;
    for (size_t i = 0; in->needs && i < in->n_needs; i++) {
        const tc_need *nd = &in->needs[i];
        put_need(b, nd->kind, nd->urgent, notes ? nd->note : NULL);
        listed |= need_set_of(nd->kind);
    }
    /* Needs of the referral with no linked record still belong on it. */
    for (int k = 0; k < NEED_KIND_COUNT; k++)
        if (need_set_has(r->needs, (need_kind)k) && !need_set_has(listed, (need_kind)k))
            put_need(b, (need_kind)k, false, NULL);
}

static void put_sections(sheet *b, const tc_referral *r)
{
    size_t n = 0;
    for (int s = 0; s < REFERRAL_SECTION_COUNT; s++)
        if (shared(r, (referral_section)s))
            n += strlen(tr(b, referral_section_label((referral_section)s))) + 2;
    if (n == 0)
        return;
    char *text = malloc(n + 1);
    if (!text)
        return;
    size_t len = 0;
    for (int s = 0; s < REFERRAL_SECTION_COUNT; s++) {
        if (!shared(r, (referral_section)s))
            continue;
        const char *label = tr(b, referral_section_label((referral_section)s));
        len += (size_t)snprintf(text + len, n + 1 - len, "%s%s", len ? "; " : "", label);
    }
    put_field(b, 2, N_("Sections shared"), text);
    free(text);
}

static void put_shared(sheet *b, const handover_input *in)
{
    const tc_referral *r = in->referral;
    put_heading(b, N_("INFORMATION SHARED"));
    if (!in->consent_permits) {
        put_text(b, 2, tr(b, N_("Nothing about the person is shared until consent covers "
                                "this referral or an officer records why it goes without.")),
                 false);
        return;
    }
    put_sections(b, r);
    if (r->summary[0]) {
        put_wrapped(b, 2, tr(b, N_("Summary:")), false);
        put_text(b, 4, r->summary, true);
    }
    put_text(b, 2, tr(b, r->consent_overridden
                         ? N_("Consent: sent without the person's consent; the officer's "
                              "reason is kept in the referring team's records.")
                         : N_("Consent: the person's recorded consent covers this "
                              "referral.")), false);
}

static void put_signatures(sheet *b)
{
    put_heading(b, N_("HANDOVER"));
    put_field(b, 2, N_("Handed over by (name, signature)"), "____________________");
    put_field(b, 2, N_("Received by (name, signature)"), "____________________");
    put_field(b, 2, N_("Date and time"), "____________________");
}

size_t handover_format(const handover_input *in, const handover_env *env, char *out,
                       size_t outsz)
{
    if (!in || !in->referral || !in->agency || !env)
        return 0;
    sheet b = { out, outsz, 0, env, env->width };
    if (b.width < HANDOVER_WIDTH_MIN || b.width > HANDOVER_WIDTH_MAX)
        b.width = HANDOVER_WIDTH_DEFAULT;
    put_title(&b, in);
    put_agency(&b, in->agency);
    put_team(&b, &in->from);
    put_person(&b, in);
    put_needs(&b, in);
    put_shared(&b, in);
    put_signatures(&b);
    if (outsz > 0)
        out[b.len < outsz ? b.len : outsz - 1] = '\0';
    return b.len;
}
