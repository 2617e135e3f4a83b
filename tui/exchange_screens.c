/* exchange_screens.c - the hand-over screen: this store's name and
 * fingerprint to read aloud by phone, the other teams' stores it knows
 * (peers), its identity card written to a file, a peer added from a card
 * once the fingerprints were compared, a peer retired, and a hand-over
 * file received: what comes in first, then the import, then what it did.
 *
 * The rules are db/exchange.h's: this file asks, shows and says the
 * refusals in the officer's language (exch_refusal_text). */
#include "config.h"
#include "tui/exchange_screens.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/access.h"
#include "core/agency.h"
#include "core/caldate.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thdate.h"
#include "tui/caseforms.h"
#include "tui/exchange_fmt.h"
#include "tui/private_file.h"
#include "tui/return_screens.h"
#include "tui/timeinput.h"

#define TITLE N_("Hand-over between stores")

/* ---- shared by the hand-over screens -------------------------------------------- */

const char *xs_translate(const char *msgid)
{
    return gettext(msgid);
}

/* Why a call of db/exchange.h was refused, in the officer's language. */
static void refusal_text(store_status st, const exch_refusal *r, char *text, size_t textsz)
{
    if (r && r->code != EXCH_OK && r->code != EXCH_STORE_ERROR)
        exch_refusal_text(r, xs_translate, text, textsz);
    else
        snprintf(text, textsz, "%s", _(store_status_text(st == ST_OK ? ST_INVALID : st)));
}

void xs_say_refusal(tui *t, store_status st, const exch_refusal *r)
{
    char text[1024];
    refusal_text(st, r, text, sizeof text);
    tui_say(t, STYLE_ERROR, text);
}

void xs_show_refusal(tui *t, const char *title, const char *label, const char *nothing_done,
                     store_status st, const exch_refusal *r)
{
    char text[1024];
    refusal_text(st, r, text, sizeof text);
    view_lines L = { NULL, 0, 0 };
    view_add_wrapped(&L, _(label), text, STYLE_ERROR, -1);
    view_add(&L, "", "", STYLE_NORMAL, -1);
    view_add_wrapped(&L, "", _(nothing_done), STYLE_NOTICE, -1);
    xs_show_lines(t, _(title), "", &L);
    free(L.v);
}

void xs_moment(tui *t, int64_t at, char *out, size_t outsz)
{
    moment_format(at, t->opt->clock.utc_offset, out, outsz);
}

bool xs_read_file(tui *t, const char *path, size_t max, uint8_t **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        private_file_say_errno(t, N_("The file cannot be read"), path);
        return false;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    bool ok = buf != NULL, too_large = false;
    while (ok) {
        if (n == cap) {
            if (cap > max) {
                too_large = true;
                break;
            }
            uint8_t *more = realloc(buf, cap * 2);
            if (!(ok = more != NULL))
                break;
            buf = more, cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            ok = !ferror(f);
            break;
        }
    }
    fclose(f);
    if (too_large || n > max) {
        tui_say(t, STYLE_ERROR, _("The file is too large to be a hand-over file or an identity card."));
        ok = false;
    } else if (!ok) {
        private_file_say_errno(t, N_("The file cannot be read"), path);
    }
    if (!ok) {
        if (buf)
            sodium_memzero(buf, cap);
        free(buf);
        return false;
    }
    *data = buf;
    *len = n;
    return true;
}

int xs_draw_fingerprint(int y, int x, int cols, const char *fp)
{
    char g[XS_FP_GROUPS][XS_FP_GROUP_DIGITS + 1];
    if (!xs_fp_groups(fp, g)) {
        ui_text(y, x, cols, fp, STYLE_HEADING);
        return 1;
    }
    int per_row = xs_fp_groups_per_row(cols);
    for (int i = 0; i < XS_FP_GROUPS; i++) {
        char text[64];
        xs_fp_group_text(i + 1, g[i], text, sizeof text);
        int row = i / per_row, col = i % per_row;
        ui_text(y + row, x + col * (XS_FP_GROUP_COLS + XS_FP_GAP), XS_FP_GROUP_COLS, text,
                STYLE_HEADING);
    }
    return (XS_FP_GROUPS + per_row - 1) / per_row;
}

void xs_show_lines(tui *t, const char *title, const char *head, view_lines *L)
{
    int top = 0;
    while (!t->quit && t->st) {
        ret_view_draw(t, title, head, L, &top, -1, KEYS_SCREENING_RECORD);
        key_action a = tui_command_key(t, KEYS_SCREENING_RECORD);
        if (tui_scroll_move(a, &top, L->n, ret_view_rows()))
            continue;
        if (a == ACT_HELP)
            keys_show_help(title, KEYS_SCREENING_RECORD);
        else if (a != ACT_REDRAW)
            break;
    }
}

/* ---- the screen ------------------------------------------------------------------- */

typedef struct exchange_view {
    tui *t;
    exch_identity me;
    bool have_me;
    exch_peer *peers;
    size_t n, sel, top;
    size_t conflicts;
} exchange_view;

enum { PEERS_HEAD_ROW_MIN = 7 };

static void ev_load(exchange_view *v)
{
    tui *t = v->t;
    free(v->peers);
    v->peers = NULL, v->n = 0;
    store_status st = exchange_identity(t->st, &v->me);
    v->have_me = st == ST_OK;
    if (st == ST_OK)
        st = exchange_peer_list(t->st, &v->peers, &v->n);
    if (st == ST_OK)
        st = exchange_conflict_count(t->st, &v->conflicts);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        free(v->peers);
        v->peers = NULL, v->n = 0;
    }
}

/* The row the peers' headings stand on (under the fingerprint). */
static int ev_peers_head(void)
{
    int fp_rows = (XS_FP_GROUPS + xs_fp_groups_per_row(ui_cols() - 4) - 1) /
                  xs_fp_groups_per_row(ui_cols() - 4);
    int row = 4 + fp_rows + 1;
    return row < PEERS_HEAD_ROW_MIN ? PEERS_HEAD_ROW_MIN : row;
}

/* Rows for peers: under their headings, above the chosen one's two rows,
 * the message and the keys. */
static int ev_page(void)
{
    int r = ui_rows() - (ev_peers_head() + 2) - 4;
    return r < 1 ? 1 : r;
}

typedef struct peer_cols { int name, kind, fp, added, state; } peer_cols;

static peer_cols ev_layout(const exchange_view *v)
{
    peer_cols c = { 0, 0, 12, 0, 0 };
    char date[THDATE_MAX];
    thdate_format((caldate){ 2026, 12, 29 }, i18n_is_thai(), date, sizeof date);
    c.added = ui_widest(text_columns(_("Added")), date);
    c.state = ui_widest(ui_widest(0, _("State")), _("in use"));
    c.state = ui_widest(c.state, _("no longer used"));
    c.kind = ui_widest(0, _("Kind of agency"));
    for (size_t i = 0; i < v->n; i++)
        c.kind = ui_widest(c.kind, _(xs_kind_label(v->peers[i].kind)));
    if (c.kind > 16)
        c.kind = 16;
    c.fp = ui_widest(c.fp, _("Fingerprint"));
    c.name = ui_cols() - 2 - c.kind - c.fp - c.added - c.state - 4;
    if (c.name < 8)
        c.name = 8;
    return c;
}

static void ev_draw_peer(int y, const peer_cols *c, tui *t, const exch_peer *p, bool selected)
{
    ui_style st = selected ? STYLE_SELECTED : p->retired ? STYLE_NOTICE : STYLE_NORMAL;
    char fp[64], date[THDATE_MAX];
    xs_fp_short(p->fingerprint, fp, sizeof fp);
    thdate_format(caldate_from_timestamp(p->added_at, t->opt->clock.utc_offset), i18n_is_thai(),
                  date, sizeof date);
    int x = 1;
    ui_text(y, 0, ui_cols(), "", st);
    ui_text(y, x, c->name, p->name, st), x += c->name + 1;
    ui_text(y, x, c->kind, _(xs_kind_label(p->kind)), st), x += c->kind + 1;
    ui_text(y, x, c->fp, fp, st), x += c->fp + 1;
    ui_text(y, x, c->added, date, st), x += c->added + 1;
    ui_text(y, x, c->state, p->retired ? _("no longer used") : _("in use"), st);
}

/* The chosen peer in full, on two rows from y: its fingerprint, then who
 * added it and when, and when it was retired. */
static void ev_draw_chosen(exchange_view *v, int y)
{
    if (v->sel >= v->n)
        return;
    const exch_peer *p = &v->peers[v->sel];
    char line[1024], when[MOMENT_TEXT_MAX], part[1024];
    snprintf(line, sizeof line, "%s: %s", _("Fingerprint"), p->fingerprint);
    ui_text(y, 1, ui_cols() - 2, line, STYLE_NORMAL);
    xs_moment(v->t, p->added_at, when, sizeof when);
    snprintf(line, sizeof line, _("added %s by %s"), when,
             p->added_by_name[0] ? p->added_by_name : "-");
    if (p->retired) {
        xs_moment(v->t, p->retired_at, when, sizeof when);
        snprintf(part, sizeof part, _("no longer used since %s"), when);
        text_join(line, sizeof line, " · ", part);
    }
    ui_text(y + 1, 1, ui_cols() - 2, line, STYLE_NORMAL);
}

static void ev_draw(exchange_view *v)
{
    tui *t = v->t;
    ui_clear();
    tui_draw_title(t, _(TITLE));
    int cols = ui_cols();
    int label_w = ui_widest(ui_widest(0, _("This store")), _("Fingerprint"));
    ui_text(2, 1, label_w, _("This store"), STYLE_HEADING);
    char name[1024];
    snprintf(name, sizeof name, "%s (%s)", v->have_me ? v->me.name : "",
             v->have_me ? v->me.store_code : "");
    ui_text(2, label_w + 3, cols - label_w - 4, v->have_me ? name : "", STYLE_NORMAL);
    ui_text(3, 1, cols - 2, _("Fingerprint: read it aloud by phone, group by group, to the other team"),
            STYLE_HEADING);
    if (v->have_me)
        xs_draw_fingerprint(4, 3, cols - 4, v->me.fingerprint);
    int head = ev_peers_head();
    peer_cols c = ev_layout(v);
    char heading[1024];
    snprintf(heading, sizeof heading, _("Other teams' stores known here: %zu"), v->n);
    ui_text(head, 1, cols - 2, heading, STYLE_HEADING);
    int x = 1;
    ui_text(head + 1, x, c.name, _("Name"), STYLE_HEADING), x += c.name + 1;
    ui_text(head + 1, x, c.kind, _("Kind of agency"), STYLE_HEADING), x += c.kind + 1;
    ui_text(head + 1, x, c.fp, _("Fingerprint"), STYLE_HEADING), x += c.fp + 1;
    ui_text(head + 1, x, c.added, _("Added"), STYLE_HEADING), x += c.added + 1;
    ui_text(head + 1, x, c.state, _("State"), STYLE_HEADING);
    int page = ev_page();
    tui_list_clamp(&v->sel, &v->top, v->n, (size_t)page);
    if (!v->n)
        ui_text(head + 2, 2, cols - 4,
                _("No other store yet. Press a to add one from its identity card."), STYLE_NOTICE);
    for (size_t i = v->top; i < v->n && (int)(i - v->top) < page; i++)
        ev_draw_peer(head + 2 + (int)(i - v->top), &c, t, &v->peers[i], i == v->sel);
    ev_draw_chosen(v, ui_rows() - 4);
    if (!t->message[0]) {
        char info[1024];
        if (v->conflicts)
            snprintf(info, sizeof info, _("! Conflicts to resolve: %zu (c)"), v->conflicts);
        else
            snprintf(info, sizeof info, "%s", _("No conflict to resolve."));
        ui_text(ui_rows() - 2, 1, cols - 2, info, v->conflicts ? STYLE_ERROR : STYLE_NORMAL);
    }
    tui_draw_end(t, KEYS_EXCHANGE);
}

/* ---- the identity card, the name ---------------------------------------------------- */

static void card_write(exchange_view *v)
{
    tui *t = v->t;
    char path[4096], card[IDENTITY_CARD_MAX + 1];
    file_question q = { N_("This store's identity card"),
                        N_("Only this store's name and public keys: give it to the other team."),
                        N_("Write the card to"), XS_CARD_DEFAULT, true };
    if (!private_file_ask(t, &q, NULL, NULL, path, sizeof path))
        return;
    store_status st = exchange_identity_card(t->st, card, sizeof card);
    if (st != ST_OK) {
        tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        return;
    }
    if (!private_file_write(path, card)) {
        private_file_say_errno(t, N_("The identity card could not be written"), path);
        return;
    }
    char msg[1024], clean[512];
    text_fit(path, 50, true, clean, sizeof clean);
    snprintf(msg, sizeof msg, _("The identity card is written: %s"), clean);
    tui_say(t, STYLE_NOTICE, msg);
}

/* Hand-over's identity and peers are the heads' (core/access.h): say why
 * before asking anything. */
static bool may_change(tui *t)
{
    const tc_officer *me = store_me(t->st);
    const char *why = me ? access_refusal_text(me->role, ACCESS_HANDOVER, CASE_REL_NONE)
                         : store_status_text(ST_DENIED);
    if (!why)
        return true;
    tui_say(t, STYLE_ERROR, _(why));
    return false;
}

static void store_name_edit(exchange_view *v)
{
    tui *t = v->t;
    if (!may_change(t))
        return;
    form_field *fl = ret_fields_new(1);
    if (!fl)
        return;
    ret_text_field(&fl[0], "name", N_("Name of this store"),
                   N_("As the other teams will see it: the team and the place."),
                   IDENTITY_NAME_MAX, v->have_me ? v->me.name : "");
    form f = { N_("Name of this store"), NULL, fl, 1, 0, 0 };
    bool saved = false;
    while (!saved && !t->quit && t->st && form_run(t, &f) == ACT_SAVE && t->st) {
        char name[IDENTITY_NAME_MAX * 4 + 1];
        ret_form_text(&f, 0, name, sizeof name);
        exch_refusal r = { 0 };
        store_status st = exchange_store_name_set(t->st, name, &r);
        if (st == ST_OK)
            saved = true, tui_say(t, STYLE_NOTICE, _("The store's name is saved. Write the identity card again for the other teams."));
        else
            xs_say_refusal(t, st, &r);
    }
    ret_fields_free(fl, 1);
}

/* ---- a peer ---------------------------------------------------------------------------- */

/* The card's store and fingerprint, and the question asked before it is
 * trusted. */
static bool fingerprint_compared(tui *t, const exch_peer *p)
{
    for (;;) {
        ui_clear();
        tui_draw_title(t, _("Add another team's store"));
        int cols = ui_cols(), y = 2;
        int label_w = ui_widest(0, _("Store"));
        ui_text(y, 1, label_w, _("Store"), STYLE_HEADING);
        ui_text(y, label_w + 3, cols - label_w - 4, p->name, STYLE_NORMAL);
        y += 2;
        ui_text(y++, 1, cols - 2, _("Fingerprint on the card:"), STYLE_HEADING);
        y += xs_draw_fingerprint(y, 3, cols - 4, p->fingerprint) + 1;
        view_lines L = { NULL, 0, 0 };
        view_add_wrapped(&L, "", _("Call the other team on a number you already know, not one "
                                   "written on the card. Ask them to read their fingerprint "
                                   "aloud and compare it group by group. Add the store only when "
                                   "every digit is the same."), STYLE_NORMAL, -1);
        for (int i = 0; i < L.n && y < ui_rows() - 4; i++)
            ui_text(y++, 1, cols - 2, L.v[i].value, STYLE_NORMAL);
        free(L.v);
        ui_text(y + 1, 1, cols - 2,
                _("Did you compare this fingerprint with the other team by phone?"), STYLE_HEADING);
        tui_draw_end(t, KEYS_CONFIRM);
        int yes = tui_confirm_key(t, _("Add another team's store"));
        if (yes >= 0)
            return yes == 1;
    }
}

/* The kinds a peer can be: every agency type, and "not said". */
static void kind_row(void *ctx, size_t i, char *text, size_t textsz, char *info, size_t infosz)
{
    (void)ctx;
    info[0] = '\0';
    (void)infosz;
    if (i < AGENCY_TYPE_COUNT)
        snprintf(text, textsz, "%s", _(agency_type_label((agency_type)i)));
    else
        snprintf(text, textsz, "%s", _(xs_kind_label("")));
}

static bool kind_pick(tui *t, char kind[EXCH_KIND_MAX + 1])
{
    long i = tui_pick(t, N_("Add another team's store"),
                      N_("What kind of agency is it? It decides the consent a hand-over to it needs."),
                      AGENCY_TYPE_COUNT + 1, 0, kind_row, NULL);
    if (i < 0)
        return false;
    snprintf(kind, EXCH_KIND_MAX + 1, "%s",
             i < AGENCY_TYPE_COUNT ? agency_type_code((agency_type)i) : "");
    return true;
}

static void peer_add(exchange_view *v)
{
    tui *t = v->t;
    if (!may_change(t))
        return;
    char path[4096];
    file_question q = { N_("Add another team's store"),
                        N_("The other team's identity card (w on their hand-over screen)."),
                        N_("Card file"), "~/", false };
    if (!private_file_ask(t, &q, NULL, NULL, path, sizeof path))
        return;
    uint8_t *data = NULL;
    size_t len = 0;
    if (!xs_read_file(t, path, IDENTITY_CARD_MAX * 4, &data, &len))
        return;
    exch_peer *p = calloc(1, sizeof *p);
    exch_refusal r = { 0 };
    store_status st = p ? exchange_card_parse((const char *)data, len, p, &r) : ST_NOMEM;
    char kind[EXCH_KIND_MAX + 1];
    if (st != ST_OK) {
        xs_say_refusal(t, st, &r);
    } else if (!fingerprint_compared(t, p)) {
        if (!t->quit && t->st)
            tui_say(t, STYLE_NOTICE, _("The store is not added. Compare the fingerprint first."));
    } else if (t->st && kind_pick(t, kind) && t->st) {
        st = exchange_peer_add(t->st, (const char *)data, len, kind, p, &r);
        if (st == ST_OK) {
            char msg[1024];
            snprintf(msg, sizeof msg, _("Added: %s. Hand-over files from it can be received now."),
                     p->name);
            tui_say(t, STYLE_NOTICE, msg);
        } else {
            xs_say_refusal(t, st, &r);
        }
    }
    free(p);
    free(data);
}

static void peer_retire(exchange_view *v)
{
    tui *t = v->t;
    if (v->sel >= v->n)
        return;
    const exch_peer *p = &v->peers[v->sel];
    if (p->retired) {
        tui_say(t, STYLE_NOTICE, _("This store is retired already."));
        return;
    }
    if (!may_change(t))
        return;
    /* One short sentence a line: the question screen does not wrap. */
    const char *lines[5] = {
        p->name, p->fingerprint, "",
        _("Nothing more will be sent to it or received from it."),
        _("The files exchanged with it stay on record."),
    };
    if (!ret_confirm(t, N_("Retire a store"), lines, 5, STYLE_NORMAL, N_("Retire this store?")))
        return;
    exch_refusal r = { 0 };
    store_status st = exchange_peer_retire(t->st, p->fingerprint, &r);
    if (st == ST_OK)
        tui_say(t, STYLE_NOTICE, _("The store is retired."));
    else
        xs_say_refusal(t, st, &r);
}

/* ---- receiving a file -------------------------------------------------------------------- */

/* What the preview (or, after the import, what was done) says, one line
 * per case after the totals. */
static void preview_lines(tui *t, const exch_preview *pv, bool done, view_lines *L)
{
    char line[1024], when[MOMENT_TEXT_MAX];
    snprintf(line, sizeof line, "%s · %s", pv->sender.name, pv->sender_store_code);
    view_add(L, _("Sent by"), line, STYLE_NORMAL, -1);
    view_add(L, _("Fingerprint"), pv->sender.fingerprint, STYLE_NORMAL, -1);
    xs_moment(t, pv->created_at, when, sizeof when);
    view_add(L, _("Written"), when, STYLE_NORMAL, -1);
    view_add_wrapped(L, _("Profile"), _(xs_profile_label(pv->profile)), STYLE_NORMAL, -1);
    snprintf(line, sizeof line, _("%zu cases, %zu records"), pv->n_cases, pv->n_rows);
    view_add(L, _("In the file"), line, STYLE_NORMAL, -1);
    snprintf(line, sizeof line, done ? _("%zu added") : _("%zu will be added"), pv->n_new);
    view_add(L, _("New here"), line, pv->n_new ? STYLE_NOTICE : STYLE_NORMAL, -1);
    snprintf(line, sizeof line, _("%zu records, left as they are"), pv->n_same);
    view_add(L, _("The same here"), line, STYLE_NORMAL, -1);
    snprintf(line, sizeof line, _("%zu records, %zu fields: never overwritten; you choose field by field"),
             pv->n_conflict_rows, pv->n_conflict_fields);
    view_add_wrapped(L, _("Different here"), line,
                     pv->n_conflict_fields ? STYLE_ERROR : STYLE_NORMAL, -1);
    view_add(L, "", "", STYLE_NORMAL, -1);
    view_add(L, _("Cases"), "", STYLE_HEADING, -1);
    for (size_t i = 0; i < pv->n_cases; i++) {
        const exch_preview_case *c = &pv->cases[i];
        char what[512];
        xs_preview_case_text(c->is_new, c->n_new, c->n_same, c->n_conflict_fields, what,
                             sizeof what);
        snprintf(line, sizeof line, "%s%s%s", c->display_name, c->display_name[0] ? " · " : "",
                 what);
        view_add_wrapped(L, c->reference, line,
                         c->n_conflict_fields ? STYLE_ERROR : STYLE_NORMAL, -1);
    }
}

/* The preview until the officer imports (true) or leaves (false). */
static bool preview_confirmed(tui *t, const exch_preview *pv)
{
    view_lines L = { NULL, 0, 0 };
    int top = 0;
    bool yes = false;
    const char *head = _(" What comes in. Nothing is written until you import it (y).");
    while (!t->quit && t->st) {
        L.n = 0;
        preview_lines(t, pv, false, &L);
        ret_view_draw(t, _("Receive a hand-over file"), head, &L, &top, -1, KEYS_RECEIVE);
        key_action a = tui_command_key(t, KEYS_RECEIVE);
        if (tui_scroll_move(a, &top, L.n, ret_view_rows()))
            continue;
        if (a == ACT_HELP)
            keys_show_help(_("Receive a hand-over file"), KEYS_RECEIVE);
        else if (a == ACT_SAVE || a == ACT_BACK)
            yes = a == ACT_SAVE;
        if (a == ACT_SAVE || a == ACT_BACK)
            break;
    }
    free(L.v);
    return yes && !t->quit && t->st;
}

static void refused_page(tui *t, store_status st, const exch_refusal *r)
{
    xs_show_refusal(t, N_("Receive a hand-over file"), N_("Not accepted"),
                    N_("Nothing was imported and nothing was written."), st, r);
}

/* After the import: what it did; true when the officer goes on to the
 * conflicts. */
static bool import_done(tui *t, const exch_preview *pv)
{
    view_lines L = { NULL, 0, 0 };
    preview_lines(t, pv, true, &L);
    xs_show_lines(t, _("Received"), _(" The file is imported. Both stores keep it in the audit trail."), &L);
    free(L.v);
    if (!pv->n_conflict_fields || t->quit || !t->st)
        return false;
    char line[1024];
    snprintf(line, sizeof line, _("%zu fields differ from this store's records."),
             pv->n_conflict_fields);
    const char *lines[2] = { line, _("They stay as they are here until you choose.") };
    return ret_confirm(t, N_("Received"), lines, 2, STYLE_ERROR,
                       N_("Resolve the conflicts now?"));
}

/* The last file named, offered again in this session. */
static char last_receive[4096] = "~/";

static void receive_file(tui *t)
{
    char path[4096];
    file_question q = { N_("Receive a hand-over file"),
                        N_("A file sealed for this store: you see what it holds before importing."),
                        N_("File"), last_receive, false };
    if (!private_file_ask(t, &q, NULL, NULL, path, sizeof path))
        return;
    snprintf(last_receive, sizeof last_receive, "%s", path);
    uint8_t *data = NULL;
    size_t len = 0;
    if (!xs_read_file(t, path, BUNDLE_MAX_FILE, &data, &len))
        return;
    exch_incoming *in = NULL;
    exch_preview pv;
    memset(&pv, 0, sizeof pv);
    exch_refusal r = { 0 };
    store_status st = exchange_receive_open(t->st, data, len, &in, &pv, &r);
    sodium_memzero(data, len);
    free(data);
    if (st != ST_OK) {
        exchange_incoming_free(in);
        exchange_preview_free(&pv);
        refused_page(t, st, &r);
        return;
    }
    bool conflicts = false;
    if (preview_confirmed(t, &pv)) {
        tui_say(t, STYLE_NOTICE, _("Importing..."));
        tui_draw_message(t);
        ui_refresh();
        st = exchange_receive_import(t->st, in, &pv, &r);
        t->message[0] = '\0';
        if (st == ST_OK)
            conflicts = import_done(t, &pv);
        else
            refused_page(t, st, &r);
        if (st == ST_OK)
            tui_say(t, STYLE_NOTICE, _("The hand-over file is imported."));
    } else if (!t->quit && t->st) {
        tui_say(t, STYLE_NOTICE, _("Not imported: nothing was written."));
    }
    exchange_incoming_free(in);
    exchange_preview_free(&pv);
    if (conflicts && !t->quit && t->st)
        screen_conflicts(t);
}

/* ---- the screen's loop ---------------------------------------------------------------------- */

void screen_exchange(tui *t)
{
    exchange_view *v = calloc(1, sizeof *v);
    if (!v)
        return;
    v->t = t;
    key_action a = ACT_REDRAW;
    while (!t->quit && t->st && a != ACT_BACK) {
        /* Every command may change the store's name, its peers or conflicts. */
        if (a != ACT_NONE)
            ev_load(v);
        ev_draw(v);
        a = tui_list_key(t, KEYS_EXCHANGE, &v->sel, v->n, (size_t)ev_page());
        switch (a) {
        case ACT_HELP: keys_show_help(_(TITLE), KEYS_EXCHANGE); break;
        case ACT_CARD_WRITE: card_write(v); break;
        case ACT_STORE_NAME: store_name_edit(v); break;
        case ACT_PEER_ADD: peer_add(v); break;
        case ACT_PEER_RETIRE: peer_retire(v); break;
        case ACT_RECEIVE: receive_file(t); break;
        case ACT_CONFLICTS: screen_conflicts(t); break;
        default: break;
        }
    }
    free(v->peers);
    free(v);
}

void exchange_conflict_note(tui *t, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = '\0';
    if (!t->st || exchange_conflict_count(t->st, &n) != ST_OK || !n)
        return;
    snprintf(out, outsz, _("! Conflicts to resolve: %zu (X)"), n);
}
