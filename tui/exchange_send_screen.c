/* exchange_send_screen.c - a case handed over from the case view: the
 * other team's store, the profile (the consented sections, or only the
 * agreed cross-border items), the file; then what went and what the
 * person's consent left out (exch_handover_result), and the file written.
 *
 * db/exchange.h decides what goes and refuses a hand-over the consent
 * does not cover; this file asks and says. */
#include "config.h"
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "tui/exchange_fmt.h"
#include "tui/exchange_screens.h"
#include "tui/private_file.h"
#include "tui/return_screens.h"

#define TITLE N_("Hand the case over")

typedef struct send_choice {
    exch_peer *peers;               /* active ones only */
    size_t n;
} send_choice;

static void peer_row(void *ctx, size_t i, char *text, size_t textsz, char *info, size_t infosz)
{
    const send_choice *sc = ctx;
    snprintf(text, textsz, "%s", sc->peers[i].name);
    snprintf(info, infosz, "%s", _(xs_kind_label(sc->peers[i].kind)));
}

static void profile_row(void *ctx, size_t i, char *text, size_t textsz, char *info, size_t infosz)
{
    (void)ctx;
    snprintf(text, textsz, "%s", _(xs_profile_label((exch_profile)i)));
    info[0] = '\0';
    (void)infosz;
}

/* The active peers; false (and said why) when there is none. */
static bool active_peers(tui *t, send_choice *sc)
{
    exch_peer *all = NULL;
    size_t n = 0;
    store_status st = exchange_peer_list(t->st, &all, &n);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        return false;
    }
    sc->peers = all, sc->n = 0;
    for (size_t i = 0; i < n; i++)
        if (!all[i].retired)
            all[sc->n++] = all[i];
    if (!sc->n)
        tui_say(t, STYLE_ERROR, _("No other team's store is known here yet: add its identity card "
                                  "on the hand-over screen (X on the case list)."));
    return sc->n > 0;
}

static bool reference_of(tui *t, const char *case_id, char *out, size_t outsz)
{
    tc_case *c = malloc(sizeof *c);
    store_status st = c ? store_case_get(t->st, case_id, c) : ST_NOMEM;
    if (st == ST_OK)
        snprintf(out, outsz, "%s", c->reference);
    else
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
    if (c)
        sodium_memzero(c, sizeof *c);
    free(c);
    return st == ST_OK;
}

static void refused(tui *t, store_status st, const exch_refusal *r)
{
    xs_show_refusal(t, TITLE, N_("Not handed over"),
                    N_("Nothing was sealed and no file was written."), st, r);
}

/* What went, what the consent left out, where the file is. */
static void sent_page(tui *t, const exch_peer *to, exch_profile profile, const char *path,
                      const exch_handover_result *res)
{
    view_lines L = { NULL, 0, 0 };
    char line[1024];
    view_add(&L, _("Recipient"), to->name, STYLE_NORMAL, -1);
    view_add(&L, _("Fingerprint"), to->fingerprint, STYLE_NORMAL, -1);
    view_add_wrapped(&L, _("Profile"), _(xs_profile_label(profile)), STYLE_NORMAL, -1);
    view_add_wrapped(&L, _("File"), path, STYLE_HEADING, -1);
    for (size_t i = 0; i < res->n_cases; i++) {
        const exch_handover_case *c = &res->cases[i];
        view_add(&L, "", "", STYLE_NORMAL, -1);
        view_add(&L, _("Case"), c->reference, STYLE_HEADING, -1);
        if (profile == EXCH_PROFILE_CROSS_BORDER) {
            snprintf(line, sizeof line, _("%zu agreed items, nothing else"), res->n_items);
            view_add(&L, _("Sent"), line, STYLE_NORMAL, -1);
            continue;
        }
        xs_sections_text(c->sections, line, sizeof line);
        view_add_wrapped(&L, _("Sent"), line, STYLE_NOTICE, -1);
        snprintf(line, sizeof line, _("%zu records"), c->n_records);
        view_add(&L, "", line, STYLE_NORMAL, -1);
        xs_sections_text(c->left_out, line, sizeof line);
        view_add_wrapped(&L, _("Left out by consent"), line,
                         c->left_out ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
    view_add(&L, "", "", STYLE_NORMAL, -1);
    view_add_wrapped(&L, "", _("Only the other team's store can open this file. Give it to them "
                               "on a USB stick or by e-mail; both stores record the hand-over "
                               "in the audit trail."), STYLE_NORMAL, -1);
    char head[1024];
    snprintf(head, sizeof head, _(" Sealed and signed: file %.8s"), res->bundle_id);
    xs_show_lines(t, _(TITLE), head, &L);
    free(L.v);
}

static bool send_confirmed(tui *t, const char *reference, const exch_peer *to,
                           exch_profile profile, const char *path)
{
    char a[1024], b[1024], c[4200];
    snprintf(a, sizeof a, "%s: %s", _("Case"), reference);
    snprintf(b, sizeof b, "%s: %s (%s)", _("Recipient"), to->name, _(xs_kind_label(to->kind)));
    snprintf(c, sizeof c, "%s: %s", _("File"), path);
    const char *lines[4] = { a, b, _(xs_profile_label(profile)), c };
    return ret_confirm(t, TITLE, lines, 4, STYLE_NORMAL,
                       N_("Seal the case for this store and write the file?"));
}

/* Seal, then write; true when the file is there. */
static bool seal_and_write(tui *t, const char *case_id, const exch_peer *to,
                           exch_profile profile, const char *path)
{
    const char *cases[1] = { case_id };
    uint8_t *file = NULL;
    size_t len = 0;
    exch_handover_result res;
    memset(&res, 0, sizeof res);
    exch_refusal r = { 0 };
    store_status st = exchange_handover(t->st, cases, 1, to->fingerprint, profile, &file, &len,
                                        &res, &r);
    if (st != ST_OK) {
        refused(t, st, &r);
        return false;
    }
    bool ok = private_file_write_data(path, file, len);
    if (!ok) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: %s", _("The hand-over file could not be written"),
                 strerror(errno));
        tui_say(t, STYLE_ERROR, msg);
    } else {
        sent_page(t, to, profile, path, &res);
        tui_say(t, STYLE_NOTICE, _("The hand-over file is written."));
    }
    free(file);
    exchange_handover_result_free(&res);
    return ok;
}

bool screen_case_handover(tui *t, const char *case_id)
{
    send_choice sc = { NULL, 0 };
    char reference[64], def[128], path[4096];
    bool done = false;
    if (!reference_of(t, case_id, reference, sizeof reference) || !active_peers(t, &sc)) {
        free(sc.peers);
        return false;
    }
    long to = tui_pick(t, TITLE, N_("To which team's store?"), sc.n, 0, peer_row, &sc);
    long profile = to < 0 ? -1
                          : tui_pick(t, TITLE, N_("What goes in the file?"), 2, 0, profile_row,
                                     NULL);
    xs_handover_default(reference, def, sizeof def);
    file_question q = { TITLE, N_("The file is sealed for that store only and signed by this one."),
                        N_("Write the file to"), def, true };
    if (profile >= 0 && private_file_ask(t, &q, NULL, NULL, path, sizeof path) &&
        send_confirmed(t, reference, &sc.peers[to], (exch_profile)profile, path) && t->st)
        done = seal_and_write(t, case_id, &sc.peers[to], (exch_profile)profile, path);
    free(sc.peers);
    return done;
}
