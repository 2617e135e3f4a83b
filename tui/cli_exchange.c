/* cli_exchange.c - sealed hand-over between stores on the command line
 * (issue 7): the store's identity and card, the stores it knows (peers),
 * handing cases over, receiving them, and the conflicts an import leaves.
 * Everything goes through db/exchange.h; the rules (consent, the 15
 * cross-border items, what is refused) are the store's and core's.
 *
 * Files this writes (identity cards, bundles) are created 0600 beside
 * FILE, synced, and renamed over FILE only once whole (private_file.h).  A question
 * ("did you compare the fingerprint by phone?", "import it?") is asked on
 * standard input unless --yes answers it. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "core/exchange_items.h"
#include "db/exchange.h"
#include "i18n/i18n.h"
#include "tui/cli_internal.h"
#include "tui/private_file.h"

#define CARD_FILE_MAX (4 * IDENTITY_CARD_MAX)
#define VALUE_COLUMNS 40            /* of a value in a conflict list line */

void cli_exchange_usage(FILE *to)
{
    fprintf(to, "%s",
            _("  identity [--output CARDFILE] [--store-name NAME]\n"
              "                                this store's name and fingerprint; write its card\n"
              "  peer add CARDFILE [--type KIND] [--yes]   know another store (admin); KIND is\n"
              "                                its agency type, which decides the consent needed\n"
              "  peer list                     the stores this one knows\n"
              "  peer remove FINGERPRINT       stop sending to and accepting from a store (admin)\n"
              "  handover CASE... --to FINGERPRINT|CARDFILE --output FILE\n"
              "           [--profile cross-border] [--yes]\n"
              "                                seal the cases consent covers for that store\n"
              "  receive FILE [--yes]          check a bundle, show what comes in, import it\n"
              "  conflict list [--all]         fields that differ after an import\n"
              "  conflict show ID              both values of one conflict\n"
              "  conflict resolve ID --keep local|incoming [--field NAME]\n"
              "  setting get|set exchange.store_name, exchange.crossborder_items (at most 15\n"
              "                                item codes, such as sex,age_band,nationality)\n"));
}

/* ------------------------------------------------------------ helpers */

static const char *translate(const char *msgid)
{
    return _(msgid);
}

static int refuse_exchange(const exch_refusal *r, store_status st)
{
    if (r->code == EXCH_OK || r->code == EXCH_STORE_ERROR)
        return cli_status_exit(st == ST_OK ? ST_INVALID : st);
    char text[1024];
    exch_refusal_text(r, translate, text, sizeof text);
    fprintf(stderr, "tipcase: %s\n", text);
    return EXIT_USER;
}

/* The whole of a small file; NULL with errno set on failure or when it
 * is larger than max. */
static uint8_t *read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = malloc(max + 1);
    size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
    int err = ferror(f) ? EIO : 0;
    fclose(f);
    if (!buf || err || n > max) {
        free(buf);
        errno = !buf ? ENOMEM : err ? err : EFBIG;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int refuse_read(const char *path)
{
    fprintf(stderr, "tipcase: %s %s: %s\n", _("Could not read"), path, strerror(errno));
    return EXIT_USER;
}

static int refuse_write(const char *path)
{
    fprintf(stderr, "tipcase: %s %s: %s\n", _("Could not write"), path, strerror(errno));
    return EXIT_USER;
}

/* Asks question on standard output; true for yes (y, yes, ใช่, or the
 * translation of "yes"). */
static bool confirm(const char *question)
{
    printf("%s [%s/%s] ", question, _("yes"), _("no"));
    fflush(stdout);
    char line[64];
    if (!fgets(line, sizeof line, stdin))
        return false;
    line[strcspn(line, "\r\n")] = '\0';
    return !strcmp(line, "y") || !strcmp(line, "yes") || !strcmp(line, "Y")
        || !strcmp(line, "YES") || !strcmp(line, "ใช่") || !strcmp(line, _("yes"));
}

static const char *kind_label(const char *kind)
{
    agency_type t;
    if (kind && *kind && agency_type_from_code(kind, &t))
        return _(agency_type_label(t));
    return _("not said");
}

static void print_sections(const char *label, exch_section_set set)
{
    char line[512] = "";
    for (int s = 0; s < EXCH_SECTION_COUNT; s++)
        if (set & (1u << s)) {
            size_t len = strlen(line);
            snprintf(line + len, sizeof line - len, "%s%s", len ? ", " : "",
                     _(exch_section_label((exch_section)s)));
        }
    if (line[0])
        cli_print_field(label, line);
}

/* ------------------------------------------------------------ identity */

int cli_identity_cmd(app_options *opt, cli_args *a)
{
    if (a->npos != 1)
        return cli_usage_error(_("identity [--output CARDFILE] [--store-name NAME]"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    exch_refusal r = { .code = EXCH_OK };
    if (ARG(a, OPT_STORE_NAME))
        st = exchange_store_name_set(s, ARG(a, OPT_STORE_NAME), &r);
    exch_identity me;
    if (st == ST_OK)
        st = exchange_identity(s, &me);
    char card[IDENTITY_CARD_MAX];
    if (st == ST_OK && ARG(a, OPT_OUTPUT))
        st = exchange_identity_card(s, card, sizeof card);
    store_close(s);
    if (st != ST_OK)
        return refuse_exchange(&r, st);
    cli_print_field(_("Store name:"), me.name);
    cli_print_field(_("Store code:"), me.store_code);
    cli_print_field(_("Fingerprint:"), me.fingerprint);
    if (ARG(a, OPT_OUTPUT)) {
        if (!private_file_write(ARG(a, OPT_OUTPUT), card))
            return refuse_write(ARG(a, OPT_OUTPUT));
        printf(_("Identity card written to %s\n"), ARG(a, OPT_OUTPUT));
    }
    printf("%s\n", _("Read the fingerprint to the other team by phone: they compare it with "
                     "the card before they add it."));
    return EXIT_OK;
}

/* --------------------------------------------------------------- peers */

static void show_card(const exch_peer *p)
{
    cli_print_field(_("Store name:"), p->name);
    cli_print_field(_("Fingerprint:"), p->fingerprint);
}

#define COMPARED_QUESTION N_("Did you compare this fingerprint with the other team by phone, and is it the same?")

static int peer_add(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("peer add CARDFILE [--type KIND] [--yes]"));
    size_t len = 0;
    char *card = (char *)read_file(a->pos[2], CARD_FILE_MAX, &len);
    if (!card)
        return refuse_read(a->pos[2]);
    exch_peer p;
    exch_refusal r = { .code = EXCH_OK };
    store_status st = exchange_card_parse(card, len, &p, &r);
    if (st != ST_OK) {
        free(card);
        return refuse_exchange(&r, st);
    }
    show_card(&p);
    if (!ARG(a, OPT_YES) && !confirm(_(COMPARED_QUESTION))) {
        free(card);
        return cli_refuse(N_("Not added: compare the fingerprint by phone first."));
    }
    store *s = NULL;
    st = cli_unlock(opt, &s);
    if (st == ST_OK)
        st = exchange_peer_add(s, card, len, ARG(a, OPT_TYPE) ? ARG(a, OPT_TYPE) : "", &p, &r);
    store_close(s);
    free(card);
    if (st != ST_OK)
        return refuse_exchange(&r, st);
    printf(_("Added %s (%s).\n"), p.name, kind_label(p.kind));
    return EXIT_OK;
}

static int peer_list(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("peer list"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_peer *list = NULL;
    size_t n = 0;
    if (st == ST_OK)
        st = exchange_peer_list(s, &list, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (n == 0)
        printf("%s\n", _("This store knows no other store yet: add one with tipcase peer add CARDFILE."));
    for (size_t i = 0; i < n; i++) {
        if (i)
            printf("\n");
        cli_print_field(_("Store name:"), list[i].name);
        cli_print_field(_("Fingerprint:"), list[i].fingerprint);
        cli_print_field(_("Agency type:"), kind_label(list[i].kind));
        cli_print_moment(_("Added:"), opt, list[i].added_at);
        cli_print_field(_("Added by:"), list[i].added_by_name);
        if (list[i].retired)
            cli_print_moment(_("Removed:"), opt, list[i].retired_at);
    }
    free(list);
    return EXIT_OK;
}

static int peer_remove(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("peer remove FINGERPRINT"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_refusal r = { .code = EXCH_OK };
    if (st == ST_OK)
        st = exchange_peer_retire(s, a->pos[2], &r);
    store_close(s);
    if (st != ST_OK)
        return refuse_exchange(&r, st);
    printf("%s\n", _("Removed: nothing more is sent to this store or accepted from it."));
    return EXIT_OK;
}

int cli_peer_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "add", peer_add }, { "list", peer_list }, { "remove", peer_remove }, { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("peer needs add, list or remove"));
}

/* ------------------------------------------------------------ handover */

/* --to as a fingerprint, or a card file whose store is known (or, with
 * --yes after it was shown, added now).  fp receives the fingerprint. */
static int recipient(store *s, cli_args *a, char fp[IDENTITY_FP_TEXT])
{
    const char *to = ARG(a, OPT_TO);
    if (identity_fingerprint_parse(to, fp))
        return EXIT_OK;
    size_t len = 0;
    char *card = (char *)read_file(to, CARD_FILE_MAX, &len);
    if (!card)
        return refuse_read(to);
    exch_peer p, known;
    exch_refusal r = { .code = EXCH_OK };
    store_status st = exchange_card_parse(card, len, &p, &r);
    if (st == ST_OK && exchange_peer_find(s, p.fingerprint, &known, NULL) != ST_OK) {
        show_card(&p);
        if (!ARG(a, OPT_YES)) {
            free(card);
            return cli_refuse(N_("This store is not known yet. Compare the fingerprint by phone, "
                                 "then add it with tipcase peer add CARDFILE, or repeat with --yes."));
        }
        st = exchange_peer_add(s, card, len, ARG(a, OPT_TYPE) ? ARG(a, OPT_TYPE) : "", &p, &r);
    }
    free(card);
    if (st != ST_OK)
        return refuse_exchange(&r, st);
    snprintf(fp, IDENTITY_FP_TEXT, "%s", p.fingerprint);
    return EXIT_OK;
}

static void print_handover(const exch_handover_result *res, const char *path)
{
    printf(_("Bundle %s written to %s\n"), res->bundle_id, path);
    for (size_t i = 0; i < res->n_cases; i++) {
        const exch_handover_case *c = &res->cases[i];
        cli_print_field(_("Case:"), c->reference);
        print_sections(_("Sections sent:"), c->sections);
        print_sections(_("Left out (no consent):"), c->left_out);
    }
    if (res->n_items)
        printf(_("Cross-border profile: %zu items per case.\n"), res->n_items);
    printf("%s\n", _("Only the receiving store can open the file. Send it by any means."));
}

static int handover_usage(void)
{
    return cli_usage_error(_("handover CASE... --to FINGERPRINT|CARDFILE --output FILE "
                             "[--profile cross-border]"));
}

int cli_handover_cmd(app_options *opt, cli_args *a)
{
    const char *path = ARG(a, OPT_OUTPUT);
    const char *profile = ARG(a, OPT_PROFILE);
    if (a->npos < 2 || !ARG(a, OPT_TO) || !path || !*path
        || (profile && strcmp(profile, "cross-border") && strcmp(profile, "full")))
        return handover_usage();
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    if (st != ST_OK)
        return cli_status_exit(st);
    char fp[IDENTITY_FP_TEXT];
    int rc = recipient(s, a, fp);
    uint8_t *file = NULL;
    size_t len = 0;
    exch_handover_result res;
    exch_refusal r = { .code = EXCH_OK };
    memset(&res, 0, sizeof res);
    if (rc == EXIT_OK) {
        st = exchange_handover(s, (const char *const *)&a->pos[1], (size_t)a->npos - 1, fp,
                               profile && !strcmp(profile, "cross-border")
                                   ? EXCH_PROFILE_CROSS_BORDER : EXCH_PROFILE_FULL,
                               &file, &len, &res, &r);
        if (st != ST_OK)
            rc = refuse_exchange(&r, st);
    }
    store_close(s);
    if (rc == EXIT_OK && !private_file_write_data(path, file, len))
        rc = refuse_write(path);
    else if (rc == EXIT_OK)
        print_handover(&res, path);
    free(file);
    exchange_handover_result_free(&res);
    return rc;
}

/* ------------------------------------------------------------- receive */

static void print_preview(app_options *opt, const exch_preview *pv, bool done)
{
    cli_print_field(_("Bundle:"), pv->bundle_id);
    cli_print_field(_("From:"), pv->sender.name);
    cli_print_field(_("Fingerprint:"), pv->sender.fingerprint);
    cli_print_moment(_("Sealed:"), opt, pv->created_at);
    cli_print_field(_("Profile:"), pv->profile == EXCH_PROFILE_CROSS_BORDER
                                       ? _("cross-border (chosen items only)")
                                       : _("case record"));
    for (size_t i = 0; i < pv->n_cases; i++) {
        const exch_preview_case *c = &pv->cases[i];
        char line[512];
        snprintf(line, sizeof line, "%s %s (%s)", c->reference[0] ? c->reference : c->case_id,
                 c->display_name, c->is_new ? _("new here") : _("known here"));
        cli_print_field(_("Case:"), line);
        snprintf(line, sizeof line, _("%zu new, %zu the same, %zu with %zu differing fields"),
                 c->n_new, c->n_same, c->n_conflict_rows, c->n_conflict_fields);
        cli_print_field(_("Records:"), line);
    }
    char total[256];
    snprintf(total, sizeof total, done ? _("%zu records added, %zu already here, %zu conflicts to resolve")
                                       : _("%zu records to add, %zu already here, %zu conflicts to resolve"),
             pv->n_new, pv->n_same, pv->n_conflict_fields);
    printf("%s\n", total);
}

int cli_receive_cmd(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("receive FILE [--yes]"));
    size_t len = 0;
    uint8_t *data = read_file(a->pos[1], BUNDLE_MAX_FILE, &len);
    if (!data)
        return refuse_read(a->pos[1]);
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_incoming *in = NULL;
    exch_preview pv;
    exch_refusal r = { .code = EXCH_OK };
    memset(&pv, 0, sizeof pv);
    int rc = EXIT_OK;
    if (st == ST_OK)
        st = exchange_receive_open(s, data, len, &in, &pv, &r);
    free(data);
    if (st != ST_OK) {
        rc = refuse_exchange(&r, st);
    } else {
        print_preview(opt, &pv, false);
        if (!ARG(a, OPT_YES) && !confirm(_("Import it?")))
            rc = cli_refuse(N_("Not imported."));
        else if ((st = exchange_receive_import(s, in, &pv, &r)) != ST_OK)
            rc = refuse_exchange(&r, st);
        else {
            printf("%s\n", _("Imported."));
            print_preview(opt, &pv, true);
            if (pv.n_conflict_fields)
                printf("%s\n", _("Nothing was overwritten: see tipcase conflict list."));
        }
    }
    exchange_preview_free(&pv);
    exchange_incoming_free(in);
    store_close(s);
    return rc;
}

/* ------------------------------------------------------------ conflicts */

static const char *shown(const char *value)
{
    return value ? value : _("(empty)");
}

static int conflict_list(app_options *opt, cli_args *a)
{
    if (a->npos != 2)
        return cli_usage_error(_("conflict list [--all]"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_conflict *list = NULL;
    size_t n = 0;
    if (st == ST_OK)
        st = exchange_conflict_list(s, !ARG(a, OPT_ALL), &list, &n);
    store_close(s);
    if (st != ST_OK)
        return cli_status_exit(st);
    if (n == 0)
        printf("%s\n", _("No conflicts."));
    for (size_t i = 0; i < n; i++) {
        const exch_conflict *x = &list[i];
        char head[256], vals[2][VALUE_COLUMNS * 4 + 8];
        snprintf(head, sizeof head, "%lld\t%s\t%s.%s\t%s", (long long)x->number,
                 x->case_reference, x->table, x->field,
                 x->open ? _("open") : x->resolution == EXCH_KEEP_INCOMING ? _("took incoming")
                                                                            : _("kept local"));
        /* Cut by bytes at a character boundary; text_clean on printing. */
        for (int k = 0; k < 2; k++) {
            const char *v = shown(k ? x->incoming_value : x->local_value);
            size_t cut = strlen(v);
            if (cut > VALUE_COLUMNS * 3) {
                cut = VALUE_COLUMNS * 3;
                while (cut && ((unsigned char)v[cut] & 0xC0) == 0x80)
                    cut--;
            }
            snprintf(vals[k], sizeof vals[k], "%.*s", (int)cut, v);
        }
        char line[sizeof head + sizeof vals + 16];
        snprintf(line, sizeof line, "%s -> %s", vals[0], vals[1]);
        cli_print_field(head, line);
    }
    exchange_conflicts_free(list, n);
    return EXIT_OK;
}

static int conflict_show(app_options *opt, cli_args *a)
{
    if (a->npos != 3)
        return cli_usage_error(_("conflict show ID"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_conflict x;
    exch_refusal r = { .code = EXCH_OK };
    memset(&x, 0, sizeof x);
    if (st == ST_OK)
        st = exchange_conflict_get(s, a->pos[2], &x, &r);
    store_close(s);
    if (st != ST_OK)
        return refuse_exchange(&r, st);
    char num[24], where[128];
    snprintf(num, sizeof num, "%lld", (long long)x.number);
    snprintf(where, sizeof where, "%s.%s", x.table, x.field);
    cli_print_field(_("Conflict:"), num);
    cli_print_field(_("Case:"), x.case_reference);
    cli_print_field(_("Field:"), where);
    cli_print_field(_("Here:"), shown(x.local_value));
    cli_print_field(_("Incoming:"), shown(x.incoming_value));
    cli_print_field(_("From:"), x.peer_name);
    cli_print_field(_("Bundle:"), x.bundle_id);
    cli_print_moment(_("Found:"), opt, x.at);
    if (x.open) {
        cli_print_field(_("State:"), _("open"));
    } else {
        cli_print_field(_("State:"), x.resolution == EXCH_KEEP_INCOMING ? _("took incoming")
                                                                        : _("kept local"));
        cli_print_moment(_("Resolved:"), opt, x.resolved_at);
        cli_print_field(_("Resolved by:"), x.resolved_by_name);
    }
    exchange_conflict_clear(&x);
    return EXIT_OK;
}

static int conflict_resolve(app_options *opt, cli_args *a)
{
    const char *keep = ARG(a, OPT_KEEP);
    if (a->npos != 3 || !keep || (strcmp(keep, "local") && strcmp(keep, "incoming")))
        return cli_usage_error(_("conflict resolve ID --keep local|incoming [--field NAME]"));
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_refusal r = { .code = EXCH_OK };
    size_t n = 0;
    if (st == ST_OK)
        st = exchange_conflict_resolve(s, a->pos[2],
                                       strcmp(keep, "incoming") ? EXCH_KEEP_LOCAL
                                                                : EXCH_KEEP_INCOMING,
                                       ARG(a, OPT_FIELD), &n, &r);
    store_close(s);
    if (st != ST_OK)
        return refuse_exchange(&r, st);
    printf(strcmp(keep, "incoming") ? _("Kept the local value of %zu fields.\n")
                                    : _("Took the incoming value of %zu fields.\n"), n);
    return EXIT_OK;
}

int cli_conflict_cmd(app_options *opt, cli_args *a)
{
    static const cli_sub subs[] = {
        { "list", conflict_list }, { "show", conflict_show }, { "resolve", conflict_resolve },
        { NULL, NULL },
    };
    return cli_run_sub(opt, a, subs, N_("conflict needs list, show or resolve"));
}

/* ------------------------------------------------------------- settings */

bool cli_is_exchange_setting(const char *key)
{
    return key && !strncmp(key, "exchange.", 9);
}

/* The items checked before the store is opened: more than 15 are refused
 * here, never stored. */
static int check_items(const char *value)
{
    exch_item_choice c;
    char bad[64] = "";
    exch_items_problem p = exch_items_parse(value, &c, bad, sizeof bad);
    if (p == EXCH_ITEMS_OK)
        return EXIT_OK;
    if (bad[0])
        fprintf(stderr, "tipcase: %s (%s)\n", _(exch_items_problem_text(p)), bad);
    else
        fprintf(stderr, "tipcase: %s\n", _(exch_items_problem_text(p)));
    fprintf(stderr, "%s", _("The items:"));
    for (int i = 0; i < EXCH_ITEM_COUNT; i++)
        fprintf(stderr, "%s%s", i ? ", " : " ", exch_item_code((exch_item)i));
    fprintf(stderr, "\n");
    return EXIT_USER;
}

int cli_exchange_setting(app_options *opt, cli_args *a, bool set)
{
    const char *key = a->pos[2];
    bool items = !strcmp(key, EXCH_SETTING_CROSSBORDER_ITEMS);
    if (!items && strcmp(key, EXCH_SETTING_STORE_NAME))
        return cli_usage_error(_("the hand-over settings are exchange.store_name and "
                                 "exchange.crossborder_items"));
    if (set && items && check_items(a->pos[3]) != EXIT_OK)
        return EXIT_USER;
    store *s = NULL;
    store_status st = cli_unlock(opt, &s);
    exch_refusal r = { .code = EXCH_OK };
    if (st == ST_OK && set && items) {
        exch_item_choice c;
        char canon[EXCH_ITEMS_TEXT_MAX];
        exch_items_parse(a->pos[3], &c, NULL, 0);
        exch_items_format(&c, canon, sizeof canon);
        st = store_setting_set(s, key, canon);     /* the store asks core/access.h */
    } else if (st == ST_OK && set) {
        st = exchange_store_name_set(s, a->pos[3], &r);
    } else if (st == ST_OK) {
        char value[EXCH_ITEMS_TEXT_MAX * 2] = "";
        st = store_setting_get(s, key, value, sizeof value);
        if (st == ST_NOT_FOUND) {
            /* Unset: no items; the name the identity card would carry. */
            st = ST_OK;
            if (!items)
                snprintf(value, sizeof value, "tipcase %s", store_code(s));
        }
        if (st == ST_OK)
            printf("%s\n", value);
    }
    store_close(s);
    return st == ST_OK ? EXIT_OK : refuse_exchange(&r, st);
}
