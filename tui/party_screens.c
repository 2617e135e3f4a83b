/* party_screens.c - witnesses, informants and suspects on the case view's
 * Notes tab, and their forms (tui/party_screens.h).
 *
 * The forms follow caseforms.c's loop: run the form, ask the store (which
 * applies core's rules and the access check), and on a refusal say why in
 * the officer's language, put the focus on the field the rule named and
 * run the same form again with everything typed.  What was typed about a
 * person is wiped from memory when the form closes. */
#include "config.h"
#include "tui/party_screens.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/parties.h"
#include "i18n/i18n.h"
#include "tui/caseforms.h"

/* ---- the tab ------------------------------------------------------------- */

void parties_tab_free(parties_tab *p)
{
    if (p->parties) {
        sodium_memzero(p->parties, p->n * sizeof *p->parties);
        free(p->parties);
    }
    memset(p, 0, sizeof *p);
}

void parties_tab_read(tui *t, const char *case_id, parties_tab *p)
{
    parties_tab_free(p);
    if (!t->st)
        return;
    store_status st = store_party_list(t->st, case_id, &p->parties, &p->n);
    p->denied = st == ST_DENIED;
    if (st != ST_OK) {
        free(p->parties);
        p->parties = NULL;
        p->n = 0;
    }
}

/* "Witness · withdrawn": the label of a party's first line. */
static void party_label(const tc_party *pt, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s", _(party_kind_label(pt->kind)));
}

/* "Name · employer". */
static void party_headline(const tc_party *pt, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s%s%s", pt->name, pt->relation[0] ? " · " : "", pt->relation);
    if (pt->withdrawn) {
        size_t used = strlen(out);
        snprintf(out + used, outsz - used, " · %s", _("(entry withdrawn as wrong)"));
    }
}

static void party_entry_lines(const tc_party *pt, int item, view_lines *L)
{
    char label[128], text[PARTY_NAME_MAX + PARTY_RELATION_MAX + 256];
    ui_style style = pt->withdrawn ? STYLE_NOTICE : STYLE_NORMAL;
    party_label(pt, label, sizeof label);
    party_headline(pt, text, sizeof text);
    view_add_wrapped(L, label, text, style, item);
    if (pt->contact[0]) {
        char contact[PARTY_CONTACT_MAX + 128];
        snprintf(contact, sizeof contact, _("Contact: %s"), pt->contact);
        view_add_wrapped(L, "", contact, style, item);
    }
    if (pt->details[0])
        view_add_wrapped(L, "", pt->details, style, item);
    if (pt->withdrawn && pt->withdrawn_reason[0]) {
        char why[PARTY_REASON_MAX + 64];
        snprintf(why, sizeof why, "%s: %s", _("Why"), pt->withdrawn_reason);
        view_add_wrapped(L, "", why, STYLE_NOTICE, item);
    }
}

void parties_tab_lines(const parties_tab *p, int first_item, view_lines *L)
{
    view_add(L, _("People in the case"), "", STYLE_HEADING, -1);
    if (p->denied) {
        /* Never a name, never a count: only that they are kept. */
        view_add_wrapped(L, "", _("Witness, informant and suspect details are kept for the"
                                  " case's officers and supervisors."), STYLE_NOTICE, -1);
    } else if (!p->n) {
        view_add_wrapped(L, "", _("No witness, informant or suspect recorded. Press w to add"
                                  " one."), STYLE_NOTICE, -1);
    }
    for (size_t i = 0; i < p->n; i++)
        party_entry_lines(&p->parties[i], first_item + (int)i, L);
    view_add(L, "", "", STYLE_NORMAL, -1);
}

/* ---- the forms ------------------------------------------------------------- */

enum { PF_KIND, PF_NAME, PF_RELATION, PF_CONTACT, PF_DETAILS, PF_COUNT };

static void text_field(form_field *fl, const char *key, const char *label, const char *hint,
                       size_t max_bytes, const char *value)
{
    form_field_init(fl, key, label, hint, FIELD_TEXT, max_bytes, max_bytes);
    lineedit_set(&fl->edit, value);
}

static void party_fields(form_field *fl, const char **kinds, const tc_party *base)
{
    form_field_init(&fl[PF_KIND], "kind", N_("Who"), N_("Left and right arrows choose."),
                    FIELD_CHOICE, 0, 0);
    fl[PF_KIND].choices = kinds;
    fl[PF_KIND].nchoices = PARTY_KIND_COUNT;
    fl[PF_KIND].choice = (int)base->kind < PARTY_KIND_COUNT ? (int)base->kind : 0;
    text_field(&fl[PF_NAME], "name", N_("Name"),
               N_("The name, or how the person is known."), PARTY_NAME_MAX, base->name);
    text_field(&fl[PF_RELATION], "relation", N_("Part in the case"),
               N_("A few words: employer, broker, neighbour."), PARTY_RELATION_MAX,
               base->relation);
    text_field(&fl[PF_CONTACT], "contact", N_("Contact"), N_("Optional: a telephone or an address."),
               PARTY_CONTACT_MAX, base->contact);
    text_field(&fl[PF_DETAILS], "details", N_("Details"),
               N_("Optional: what the person saw, said or did."), PARTY_DETAILS_MAX,
               base->details);
}

/* What the form holds, over base, into draft. */
static void party_read(const form *f, const form_field *fl, const tc_party *base, tc_party *draft)
{
    *draft = *base;
    draft->kind = (party_kind)fl[PF_KIND].choice;
    form_get(f, PF_NAME, draft->name, sizeof draft->name);
    form_get(f, PF_RELATION, draft->relation, sizeof draft->relation);
    form_get(f, PF_CONTACT, draft->contact, sizeof draft->contact);
    form_get(f, PF_DETAILS, draft->details, sizeof draft->details);
    form_trim(draft->name);
    form_trim(draft->relation);
    form_trim(draft->contact);
}

static void refuse_status(tui *t, store_status st)
{
    tui_say(t, STYLE_ERROR, _(store_status_why(t->st, st)));
}

bool screen_party_edit(tui *t, const char *case_id, const tc_party *old)
{
    if (old && old->withdrawn) {
        tui_say(t, STYLE_ERROR, _(party_problem_text(PARTY_ALREADY_WITHDRAWN)));
        return false;
    }
    form_field *fl = calloc(PF_COUNT, sizeof *fl);
    tc_party *work = malloc(2 * sizeof *work);     /* [0] base, [1] draft */
    if (!fl || !work) {
        free(fl);
        free(work);
        return false;
    }
    const char *kinds[PARTY_KIND_COUNT];
    for (int i = 0; i < PARTY_KIND_COUNT; i++)
        kinds[i] = party_kind_label((party_kind)i);
    party_init(&work[0]);
    if (old)
        work[0] = *old;
    else
        snprintf(work[0].case_id, sizeof work[0].case_id, "%s", case_id);
    party_fields(fl, kinds, &work[0]);
    form f = { old ? N_("Change a witness, informant or suspect")
                   : N_("Add a witness, informant or suspect"),
               N_("Kept for the case's officers and supervisors: never handed over or"
                  " reported."),
               fl, PF_COUNT, old ? PF_NAME : PF_KIND, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        party_read(&f, fl, &work[0], &work[1]);
        party_check chk = { PARTY_OK, NULL };
        store_status st = old ? store_party_update(t->st, &work[1], &chk)
                              : store_party_add(t->st, &work[1], &chk);
        if (st == ST_INVALID) {
            tui_say(t, STYLE_ERROR, _(party_problem_text(chk.problem)));
            form_focus(&f, chk.field);
        } else if (st != ST_OK) {
            refuse_status(t, st);
        } else {
            tui_say(t, STYLE_NOTICE, _("The person is saved; only the case's officers and"
                                       " supervisors see it."));
            saved = true;
        }
    }
    sodium_memzero(work, 2 * sizeof *work);
    free(work);
    sodium_memzero(fl, PF_COUNT * sizeof *fl);
    free(fl);
    return saved;
}

bool screen_party_withdraw(tui *t, const tc_party *p)
{
    if (p->withdrawn) {
        tui_say(t, STYLE_ERROR, _(party_problem_text(PARTY_ALREADY_WITHDRAWN)));
        return false;
    }
    form_field *fl = calloc(1, sizeof *fl);
    if (!fl)
        return false;
    form_field_init(fl, "reason", N_("Reason"),
                    N_("Why the entry is wrong. It stays in the record, marked."), FIELD_TEXT,
                    PARTY_REASON_MAX, PARTY_REASON_MAX);
    /* "Suspect: Ko Aung", already in the officer's language (as
     * screen_record_withdraw's `what`): _() gives it back as it is. */
    char what[PARTY_NAME_MAX + 128];
    snprintf(what, sizeof what, "%s: %s", _(party_kind_label(p->kind)), p->name);
    form f = { N_("Withdraw a wrong entry"), what, fl, 1, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        char reason[PARTY_REASON_MAX + 1];
        form_get(&f, 0, reason, sizeof reason);
        party_problem pp = PARTY_OK;
        store_status st = store_party_withdraw(t->st, p->id, reason, &pp);
        if (st == ST_INVALID)
            tui_say(t, STYLE_ERROR, _(party_problem_text(pp)));
        else if (st != ST_OK)
            refuse_status(t, st);
        else
            tui_say(t, STYLE_NOTICE, _("The entry is withdrawn; it stays in the record, marked.")),
                saved = true;
        sodium_memzero(reason, sizeof reason);
    }
    sodium_memzero(what, sizeof what);
    sodium_memzero(fl, sizeof *fl);
    free(fl);
    return saved;
}

void screen_party_new(tui *t, const char *case_id, const parties_tab *p)
{
    if (p->denied) {
        tui_say(t, STYLE_ERROR, _("Witness, informant and suspect details are kept for the"
                                  " case's officers and supervisors."));
        return;
    }
    screen_party_edit(t, case_id, NULL);
}
