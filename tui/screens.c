#define _GNU_SOURCE
#include "config.h"
#include <curses.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/geo.h"
#include "i18n/i18n.h"
#include "i18n/textwidth.h"
#include "i18n/thaitext.h"
#include "i18n/thdate.h"
#include "tui/caseinput.h"
#include "db/demo.h"
#include "db/returns.h"
#include "tui/referral_screens.h"
#include "tui/tui.h"

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void tui_say(tui *t, ui_style style, const char *text)
{
    snprintf(t->message, sizeof t->message, "%s", text ? text : "");
    t->message_style = style;
}

void tui_draw_message(tui *t)
{
    if (t->message[0])
        ui_text(ui_rows() - 2, 1, ui_cols() - 2, t->message, t->message_style);
}

void tui_draw_end(tui *t, const key_binding *keys)
{
    tui_draw_message(t);
    keys_draw_line(keys);
    ui_cursor(0, 0, false);
    ui_refresh();
}

int tui_confirm_key(tui *t, const char *screen_title)
{
    key_action a = tui_command_key(t, KEYS_CONFIRM);
    if (t->quit || !t->st || a == ACT_BACK)
        return 0;
    if (a == ACT_OPEN)
        return 1;
    if (a == ACT_HELP)
        keys_show_help(screen_title, KEYS_CONFIRM);
    return -1;
}

void tui_draw_title(tui *t, const char *screen)
{
    char left[512], date[THDATE_MAX];
    const tc_officer *me = t->st ? store_me(t->st) : NULL;
    if (me)
        snprintf(left, sizeof left, " tipcase · %s · %s · %s (%s)", store_code(t->st), screen,
                 me->name, _(role_label(me->role)));
    else
        snprintf(left, sizeof left, " tipcase · %s", screen);
    const tc_clock *c = &t->opt->clock;
    thdate_format(app_today(c), i18n_is_thai(), date,
                  sizeof date);
    int cols = ui_cols(), dw = text_columns(date) + 1;
    ui_text(0, 0, cols, "", STYLE_TITLE);
    /* A demo store says so first on every screen, the lock screen too
     * (its marker file needs no key), so synthetic cases are never taken
     * for real ones. */
    int x = 0;
    if (t->st ? store_is_demo(t->st) : store_dir_is_demo(t->opt->data_dir)) {
        char badge[64];
        /* TRANSLATORS: the badge at the start of every screen's top line in a
         * store of synthetic cases made by "tipcase demo". */
        snprintf(badge, sizeof badge, " %s ", _("DEMO"));
        x = 1 + ui_text_short(0, 1, cols - 1, badge, STYLE_DEMO);
    }
    /* A long title is cut one column before the date, never run into it. */
    bool date_fits = cols > dw + 20;
    int right = date_fits ? cols - dw - 1 : cols;
    if (right > x)
        ui_text(0, x, right - x, left, STYLE_TITLE);
    if (date_fits)
        ui_text(0, cols - dw, dw, date, STYLE_TITLE);
}

static void apply_stored_language(tui *t)
{
    char lang[8];
    if (t->st && store_setting_get(t->st, "language", lang, sizeof lang) == ST_OK &&
        app_setting_valid("language", lang))
        i18n_set_language(lang);
    char minutes[16];
    if (t->st && store_setting_get(t->st, "lock_minutes", minutes, sizeof minutes) == ST_OK &&
        app_setting_valid("lock_minutes", minutes))
        t->lock_after_s = atoi(minutes) * 60;
}

static void lock_now(tui *t)
{
    store_close(t->st);
    t->st = NULL;
    ui_clear();
    ui_refresh();
    t->st = screen_unlock(t, true);
    if (!t->st)
        t->quit = true;
    else
        apply_stored_language(t);
}

key_action tui_key(tui *t, const key_binding *table, ui_key *key)
{
    for (;;) {
        ui_key k = ui_read_key(1000);
        double now = monotonic_seconds();
        if (k.timeout) {
            if (t->st && t->lock_after_s > 0 && now - t->last_key_at >= t->lock_after_s) {
                lock_now(t);
                t->last_key_at = monotonic_seconds();
                *key = k;
                return ACT_REDRAW;
            }
            continue;
        }
        t->last_key_at = now;
        *key = k;
        key_action a = keys_action(table, k);
        if (a == ACT_LOCK && t->st) {
            lock_now(t);
            return ACT_REDRAW;
        }
        if (a == ACT_LANGUAGE) {
            const char *next = i18n_is_thai() ? "en" : "th";
            i18n_set_language(next);
            if (t->st)
                store_setting_set(t->st, "language", next);
            return ACT_REDRAW;
        }
        if (a == ACT_REDRAW && !k.function)
            clearok(curscr, TRUE);
        /* Any key clears the last message once it has been seen. */
        t->message[0] = '\0';
        return a;
    }
}

key_action tui_command_key(tui *t, const key_binding *table)
{
    ui_key k;
    key_action a = tui_key(t, table, &k);
    return a == ACT_NONE ? keys_action_any_layout(table, k) : a;
}

/* ---- first run and unlock ---------------------------------------------- */

static void field_text(form_field *fl, const char *key, const char *label, const char *hint,
                       field_kind kind, size_t max_chars, size_t max_bytes)
{
    memset(fl, 0, sizeof *fl);
    fl->key = key;
    fl->label = label;
    fl->hint = hint;
    fl->kind = kind;
    lineedit_init(&fl->edit, max_chars, max_bytes);
}

static void wipe_fields(form_field *fields, int n)
{
    for (int i = 0; i < n; i++)
        sodium_memzero(&fields[i].edit, sizeof fields[i].edit);
}

store *screen_first_run(tui *t)
{
    enum { F_LOGIN, F_NAME, F_PASS, F_PASS2, F_COUNT };
    form_field *fields = sodium_malloc(sizeof *fields * F_COUNT);
    if (!fields)
        return NULL;
    field_text(&fields[F_LOGIN], "login", N_("Your officer name (login)"),
               N_("Letters, digits, dot, dash or underscore, e.g. somchai.k"), FIELD_TEXT,
               OFFICER_LOGIN_MAX, OFFICER_LOGIN_MAX);
    field_text(&fields[F_NAME], "name", N_("Your full name"), NULL, FIELD_TEXT, 80,
               OFFICER_NAME_MAX);
    field_text(&fields[F_PASS], "pass", N_("Passphrase"),
               N_("At least 10 characters. A few words are easier to remember."), FIELD_SECRET,
               256, PASSPHRASE_MAX_BYTES);
    field_text(&fields[F_PASS2], "pass2", N_("Passphrase again"), NULL, FIELD_SECRET, 256,
               PASSPHRASE_MAX_BYTES);
    form f = { N_("First run: create the store"),
               N_("Welcome to tipcase. You will be this store's first officer, an administrator."),
               fields, F_COUNT, 0, 0 };
    store *s = NULL;
    char *pass = sodium_malloc(PASSPHRASE_MAX_BYTES + 8);
    char *pass2 = sodium_malloc(PASSPHRASE_MAX_BYTES + 8);
    while (!s && pass && pass2) {
        if (form_run(t, &f) != ACT_SAVE || t->quit) {
            t->quit = true;
            break;
        }
        tc_officer admin;
        memset(&admin, 0, sizeof admin);
        form_get(&f, F_LOGIN, admin.login, sizeof admin.login);
        form_get(&f, F_NAME, admin.name, sizeof admin.name);
        admin.role = ROLE_ADMIN;
        admin.active = true;
        officer_problem op = officer_validate(&admin);
        if (op != OFFICER_OK) {
            tui_say(t, STYLE_ERROR, _(officer_problem_text(op)));
            f.focus = (op == OFFICER_NAME_EMPTY || op == OFFICER_NAME_BAD_TEXT ||
                       op == OFFICER_NAME_TOO_LONG) ? F_NAME : F_LOGIN;
            continue;
        }
        form_get(&f, F_PASS, pass, PASSPHRASE_MAX_BYTES + 8);
        form_get(&f, F_PASS2, pass2, PASSPHRASE_MAX_BYTES + 8);
        passphrase_problem pp = passphrase_check(pass, pass2);
        if (pp != PASSPHRASE_OK) {
            tui_say(t, STYLE_ERROR, _(passphrase_problem_text(pp)));
            lineedit_clear(&fields[F_PASS2].edit);
            f.focus = pp == PASSPHRASE_MISMATCH ? F_PASS2 : F_PASS;
            continue;
        }
        tui_say(t, STYLE_NOTICE, _("Protecting the key with your passphrase..."));
        tui_draw_message(t);
        ui_refresh();
        store_status st = store_create(t->opt->data_dir, &admin, pass, kdf_params_default(),
                                       &t->opt->clock, &s);
        if (st != ST_OK) {
            tui_say(t, STYLE_ERROR, _(store_status_text(st)));
            s = NULL;
        } else {
            snprintf(t->login, sizeof t->login, "%s", admin.login);
            tui_say(t, STYLE_NOTICE, _("The store is ready. Press n to record the first case."));
        }
    }
    sodium_free(pass);
    sodium_free(pass2);
    wipe_fields(fields, F_COUNT);
    sodium_free(fields);
    return s;
}

/* What the officer reads while the passphrase is being checked: after
 * several wrong ones, how long the program waits first (db/keyslot.h). */
static void say_unlock_wait(tui *t, unsigned seconds)
{
    char msg[512];
    if (seconds == 0)
        snprintf(msg, sizeof msg, "%s", _("Checking the passphrase..."));
    else if (seconds == 1)
        snprintf(msg, sizeof msg, "%s",
                 _("Too many wrong passphrases. Wait 1 second, then the passphrase is checked..."));
    else
        snprintf(msg, sizeof msg,
                 _("Too many wrong passphrases. Wait %u seconds, then the passphrase is checked..."),
                 seconds);
    tui_say(t, seconds ? STYLE_ERROR : STYLE_NOTICE, msg);
}

store *screen_unlock(tui *t, bool locked)
{
    enum { F_LOGIN, F_PASS, F_COUNT };
    form_field *fields = sodium_malloc(sizeof *fields * F_COUNT);
    char *pass = sodium_malloc(PASSPHRASE_MAX_BYTES + 8);
    if (!fields || !pass) {
        sodium_free(fields);
        sodium_free(pass);
        return NULL;
    }
    field_text(&fields[F_LOGIN], "login", N_("Officer"), NULL, FIELD_TEXT, OFFICER_LOGIN_MAX,
               OFFICER_LOGIN_MAX);
    field_text(&fields[F_PASS], "pass", N_("Passphrase"), NULL, FIELD_SECRET, 256,
               PASSPHRASE_MAX_BYTES);
    const char *who = t->login[0] ? t->login : t->opt->user;
    if (who && *who) {
        lineedit_set(&fields[F_LOGIN].edit, who);
    }
    form f = { locked ? N_("Locked") : N_("Unlock"),
               locked ? N_("The screen is locked. Enter your passphrase to go on, or Esc to quit.")
                      : N_("Enter your officer name and passphrase. Esc quits."),
               fields, F_COUNT, (who && *who) ? F_PASS : F_LOGIN, 0 };
    store *s = NULL;
    while (!s) {
        if (form_run(t, &f) != ACT_SAVE || t->quit)
            break;
        char login[OFFICER_LOGIN_MAX + 1];
        form_get(&f, F_LOGIN, login, sizeof login);
        form_get(&f, F_PASS, pass, PASSPHRASE_MAX_BYTES + 8);
        lineedit_clear(&fields[F_PASS].edit);
        say_unlock_wait(t, store_unlock_wait(t->opt->data_dir, &t->opt->clock));
        tui_draw_message(t);
        ui_refresh();
        /* store_open waits out the guessing delay itself (db/store.h). */
        store_status st = store_open(t->opt->data_dir, login, pass, &t->opt->clock, &s);
        sodium_memzero(pass, PASSPHRASE_MAX_BYTES + 8);
        if (st != ST_OK) {
            s = NULL;
            tui_say(t, STYLE_ERROR, _(store_status_text(st)));
            f.focus = F_PASS;
        } else {
            snprintf(t->login, sizeof t->login, "%s", login);
            tui_say(t, STYLE_NORMAL, "");
        }
    }
    sodium_free(pass);
    wipe_fields(fields, F_COUNT);
    sodium_free(fields);
    return s;
}

/* ---- case list ---------------------------------------------------------- */

typedef struct list_state {
    char search[512];
    case_order order;
    size_t total, top, sel;
    tc_case_row rows[128];
    size_t nrows;
} list_state;

static int list_visible_rows(void)
{
    int r = ui_rows() - 5;     /* title, headings, message, key line, gap */
    return r < 1 ? 1 : (r > 128 ? 128 : r);
}

static void list_load(tui *t, list_state *ls)
{
    size_t rows = (size_t)list_visible_rows();
    if (store_case_count(t->st, ls->search, &ls->total) != ST_OK)
        ls->total = 0;
    tui_list_clamp(&ls->sel, &ls->top, ls->total, rows);
    case_query q = { ls->search, ls->top, rows, ls->order };
    if (store_case_list(t->st, &q, ls->rows, rows, &ls->nrows) != ST_OK)
        ls->nrows = 0;
}

/* Column layout at the current width: the name takes what is left.  The
 * clock column is there only when a row of this page has a clock due soon,
 * and as wide as its widest mark: most pages have none, and at 80 columns
 * every column given to it is taken from the names.  The same goes for
 * the reference column. */
typedef struct list_cols { int ref, clock, name, sex, age, child, nat, date; } list_cols;

/* The mark of a row: its clock's (clock_row_mark) and, when the last
 * follow-up found a high risk of re-trafficking, a short risk mark; both
 * when both apply (rare, and neither may hide the other). */
static ui_style case_row_mark(const tc_case_row *r, int64_t now, char *out, size_t outsz)
{
    char clock[32];
    ui_style st = clock_row_mark(r, now, clock, sizeof clock);
    if (!r->high_risk) {
        snprintf(out, outsz, "%s", clock);
        return st;
    }
    /* TRANSLATORS: the case list's mark for a high risk of re-trafficking,
     * at most 7 columns. */
    snprintf(out, outsz, "%s%s%s", clock, clock[0] ? " " : "", _("! risk"));
    return STYLE_ERROR;
}

/* "! Follow-ups overdue: 2 (F)" when any reintegration follow-up is
 * overdue today, else "". */
static void followup_overdue_note(tui *t, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = '\0';
    if (!t->st || store_followup_count_overdue(t->st, &n) != ST_OK || !n)
        return;
    snprintf(out, outsz, _("! Follow-ups overdue: %zu (F)"), n);
}

static list_cols list_layout(const list_state *ls, int64_t now)
{
    /* References are 15 columns ("K7Q4X-2569-0042") until a store numbers
     * past 9999 in one year. */
    list_cols c = { 15, 0, 0, 7, 4, 6, 4, 13 };
    /* The nationality code is 2 columns, its heading is not ("สัญชาติ"). */
    int nat_heading = text_columns(_("Nat."));
    if (nat_heading > c.nat)
        c.nat = nat_heading;
    for (size_t i = 0; i < ls->nrows; i++) {
        char mark[64];
        case_row_mark(&ls->rows[i], now, mark, sizeof mark);
        int w = text_columns(mark);
        if (w > c.clock)
            c.clock = w;
        w = text_columns(ls->rows[i].reference);
        if (w > c.ref)
            c.ref = w;
    }
    int gaps = c.clock ? 7 : 6;
    c.name = ui_cols() - 1 - c.ref - c.clock - c.sex - c.age - c.child - c.nat - c.date - gaps;
    if (c.name < 10)
        c.name = 10;
    return c;
}

static void draw_list_row(int y, const list_cols *c, const tc_case_row *r, bool selected,
                          int64_t now)
{
    ui_style st = selected ? STYLE_SELECTED : STYLE_NORMAL;
    char age[16] = "", date[THDATE_MAX] = "", mark[64];
    ui_style mark_style = case_row_mark(r, now, mark, sizeof mark);
    if (r->age >= 0)
        snprintf(age, sizeof age, "%d", r->age);
    if (r->date_met_known)
        thdate_format(r->date_met, i18n_is_thai(), date, sizeof date);
    int x = 1;
    ui_text(y, 0, ui_cols(), "", st);
    /* Opened in quick mode and not completed yet (legend on the info line). */
    ui_text(y, 0, 1, r->incomplete ? "*" : "", selected ? st : STYLE_ERROR);
    ui_text(y, x, c->ref, r->reference, st), x += c->ref + 1;
    if (c->clock)
        ui_text(y, x, c->clock, mark, selected ? st : mark_style), x += c->clock + 1;
    ui_text(y, x, c->name, r->name, st), x += c->name + 1;
    ui_text(y, x, c->sex, _(sex_label(r->sex)), st), x += c->sex + 1;
    ui_text(y, x, c->age, age, st), x += c->age + 1;
    ui_text(y, x, c->child, r->child ? _("child") : "", selected ? st : STYLE_CHILD), x += c->child + 1;
    ui_text(y, x, c->nat, r->nationality, st), x += c->nat + 1;
    ui_text(y, x, c->date, date, st);
}

static void draw_list(tui *t, list_state *ls, bool searching, const lineedit *search_edit)
{
    ui_clear();
    tui_draw_title(t, _("Cases"));
    list_cols c = list_layout(ls, tc_now(&t->opt->clock));
    int x = 1;
    ui_text(1, x, c.ref, _("Reference"), STYLE_HEADING), x += c.ref + 1;
    if (c.clock)
        x += c.clock + 1;
    ui_text(1, x, c.name, _("Name"), STYLE_HEADING), x += c.name + 1;
    ui_text(1, x, c.sex, _("Sex"), STYLE_HEADING), x += c.sex + 1;
    ui_text(1, x, c.age, _("Age"), STYLE_HEADING), x += c.age + 1;
    ui_text(1, x, c.child, "", STYLE_HEADING), x += c.child + 1;
    ui_text(1, x, c.nat, _("Nat."), STYLE_HEADING), x += c.nat + 1;
    ui_text(1, x, c.date, _("Date met"), STYLE_HEADING);
    if (ls->total == 0) {
        const char *empty = ls->search[0]
            ? _("No case matches this search. Esc clears it.")
            : _("No cases yet. Press n to record the first person you met.");
        ui_text(3, 2, ui_cols() - 4, empty, STYLE_NOTICE);
    }
    for (size_t i = 0; i < ls->nrows; i++)
        draw_list_row(2 + (int)i, &c, &ls->rows[i], ls->top + i == ls->sel,
                      tc_now(&t->opt->clock));
    char info[256], count[160];
    if (ls->search[0])
        snprintf(count, sizeof count, _("%zu found for \"%s\""), ls->total, ls->search);
    else
        snprintf(count, sizeof count, _("%zu cases"), ls->total);
    bool incomplete = false, high_risk = false;
    for (size_t i = 0; i < ls->nrows; i++) {
        incomplete |= ls->rows[i].incomplete;
        high_risk |= ls->rows[i].high_risk;
    }
    snprintf(info, sizeof info, "%s · %s%s%s%s%s", count,
             ls->order == CASE_ORDER_NAME ? _("by name") : _("newest first"),
             incomplete ? " · " : "", incomplete ? _("* quick case, not completed") : "",
             high_risk ? " · " : "", high_risk ? _("! risk: high risk of re-trafficking") : "");
    if (!t->message[0]) {
        int w = ui_text_short(ui_rows() - 2, 1, ui_cols() - 2, info, STYLE_NORMAL);
        char overdue[160], followups[160], conflicts[160];
        referral_overdue_note(t, overdue, sizeof overdue);
        followup_overdue_note(t, followups, sizeof followups);
        exchange_conflict_note(t, conflicts, sizeof conflicts);
        int end = w + 1;
        for (int i = 0; i < 3; i++) {
            const char *note = i == 0 ? overdue : i == 1 ? followups : conflicts;
            if (!note[0] || end + 3 >= ui_cols() - 2)
                continue;
            end += 3 + ui_text_short(ui_rows() - 2, end + 3, ui_cols() - end - 4, note,
                                     STYLE_ERROR);
        }
    }
    tui_draw_message(t);
    if (searching) {
        char text[2048];
        lineedit_get(search_edit, text, sizeof text);
        int y = ui_rows() - 1;
        int lw = ui_text_short(y, 0, ui_cols(), _("Search: "), STYLE_KEY);
        ui_text(y, lw, ui_cols() - lw, text, STYLE_NORMAL);
        ui_cursor(y, lw + lineedit_cursor_column(search_edit), true);
    } else {
        keys_draw_line(KEYS_CASE_LIST);
        ui_cursor(0, 0, false);
    }
    ui_refresh();
}

static void run_search(tui *t, list_state *ls)
{
    static lineedit edit;
    lineedit_init(&edit, 100, 400);
    lineedit_set(&edit, ls->search);
    for (;;) {
        draw_list(t, ls, true, &edit);
        ui_key k;
        key_action a = tui_key(t, KEYS_SEARCH, &k);
        if (t->quit || !t->st)
            return;
        if (a == ACT_OPEN)
            return;
        if (a == ACT_BACK) {
            ls->search[0] = '\0';
            ls->sel = ls->top = 0;
            list_load(t, ls);
            return;
        }
        if (a != ACT_NONE || k.timeout)
            continue;
        if (k.function && k.code == KEY_BACKSPACE)
            lineedit_backspace(&edit);
        else if (!k.function && (k.code == 127 || k.code == 8))
            lineedit_backspace(&edit);
        else if (k.function && k.code == KEY_LEFT)
            lineedit_left(&edit);
        else if (k.function && k.code == KEY_RIGHT)
            lineedit_right(&edit);
        else if (!k.function)
            lineedit_insert(&edit, (wchar_t)k.code);
        lineedit_get(&edit, ls->search, sizeof ls->search);
        ls->sel = ls->top = 0;
        list_load(t, ls);
    }
}

void screen_case_list(tui *t)
{
    list_state *ls = calloc(1, sizeof *ls);
    if (!ls)
        return;
    while (!t->quit) {
        list_load(t, ls);
        draw_list(t, ls, false, NULL);
        ui_key k;
        key_action a = tui_key(t, KEYS_CASE_LIST, &k);
        if (t->quit)
            break;
        size_t page = (size_t)list_visible_rows();
        if (tui_list_move(a, &ls->sel, ls->total, page))
            continue;
        switch (a) {
        case ACT_QUIT: t->quit = true; break;
        case ACT_SEARCH: run_search(t, ls); break;
        case ACT_SORT:
            ls->order = ls->order == CASE_ORDER_NAME ? CASE_ORDER_NEWEST : CASE_ORDER_NAME;
            ls->sel = ls->top = 0;
            break;
        case ACT_HELP: keys_show_help(_("Cases"), KEYS_CASE_LIST); break;
        case ACT_DUE_SOON: screen_due_soon(t); break;
        case ACT_REFERRALS: screen_referral_dashboard(t); break;
        case ACT_FOLLOWUPS: screen_followups(t); break;
        case ACT_EXCHANGE: screen_exchange(t); break;
        case ACT_REPORT: screen_report(t); break;
        case ACT_AGENCIES: screen_agency_directory(t); break;
        case ACT_OPEN:
            if (ls->total && ls->sel >= ls->top && ls->sel - ls->top < ls->nrows)
                screen_case_view(t, ls->rows[ls->sel - ls->top].id);
            break;
        case ACT_NEW: {
            tc_case *c = malloc(sizeof *c);
            if (!c)
                break;
            case_init(c);
            case_default_date_met(c, app_today(&t->opt->clock));
            if (screen_case_edit(t, c, true)) {
                ls->search[0] = '\0';
                ls->sel = ls->top = 0;
                char id[TC_ID_LEN];
                snprintf(id, sizeof id, "%s", c->id);
                free(c);
                screen_case_view(t, id);
            } else {
                free(c);
            }
            break;
        }
        case ACT_QUICK: {
            char id[TC_ID_LEN];
            if (screen_case_quick(t, id)) {
                ls->search[0] = '\0';
                ls->sel = ls->top = 0;
                screen_case_view(t, id);
            }
            break;
        }
        default:
            break;
        }
    }
    free(ls);
}

/* ---- case form ---------------------------------------------------------- */

bool screen_case_edit(tui *t, tc_case *c, bool is_new)
{
    enum { F_THAI, F_ORIG, F_LATIN, F_ALIASES, F_SEX, F_BIRTH, F_AGE, F_NAT, F_LANGS,
           F_ENTRY, F_PROVINCE, F_MET, F_NOTES, F_COUNT };
    form_field *fl = calloc(F_COUNT, sizeof *fl);
    int nentries = 0;
    const entry_point *eps = entry_points(&nentries);
    const char **entry_choices = calloc((size_t)nentries + 1, sizeof *entry_choices);
    if (!fl || !entry_choices) {
        free(fl);
        free(entry_choices);
        return false;
    }
    entry_choices[0] = N_("(not recorded)");
    int entry_now = 0;
    for (int i = 0; i < nentries; i++) {
        entry_choices[i + 1] = eps[i].label;
        if (!strcmp(c->entry_point, eps[i].code))
            entry_now = i + 1;
    }
    char buf[CASE_NOTES_MAX + 1];
    field_text(&fl[F_THAI], "name_thai", N_("Name in Thai script"), NULL, FIELD_TEXT, 100, CASE_NAME_MAX);
    field_text(&fl[F_ORIG], "name_original", N_("Name in own script"), NULL, FIELD_TEXT, 100, CASE_NAME_MAX);
    field_text(&fl[F_LATIN], "name_latin", N_("Name romanised"), NULL, FIELD_TEXT, 100, CASE_NAME_MAX);
    field_text(&fl[F_ALIASES], "aliases", N_("Other names"), N_("Separate names with commas."),
               FIELD_TEXT, 200, CASE_ALIASES_MAX);
    field_text(&fl[F_SEX], "sex", N_("Sex"), N_("Left and right arrows choose."), FIELD_CHOICE, 0, 0);
    const char *sex_choices[SEX_COUNT];
    for (int i = 0; i < SEX_COUNT; i++)
        sex_choices[i] = sex_label((tc_sex)i);
    fl[F_SEX].choices = sex_choices;
    fl[F_SEX].nchoices = SEX_COUNT;
    fl[F_SEX].choice = (int)c->sex;
    field_text(&fl[F_BIRTH], "birth", N_("Date of birth"),
               N_("Day/month/year, B.E. or C.E., e.g. 21/11/2569. Leave empty if unknown."),
               FIELD_TEXT, 30, 90);
    field_text(&fl[F_AGE], "age", N_("Estimated age"),
               N_("Years, when the date of birth is not known."), FIELD_TEXT, 3, 9);
    field_text(&fl[F_NAT], "nationality", N_("Nationality"),
               N_("Country codes or names, e.g. MM or Myanmar; XX for stateless."), FIELD_TEXT, 60, 240);
    field_text(&fl[F_LANGS], "languages", N_("Languages"),
               N_("Language codes, e.g. my, th, km."), FIELD_TEXT, 40, CASE_LANGS_MAX);
    field_text(&fl[F_ENTRY], "entry_point", N_("Entry point"), N_("Left and right arrows choose."),
               FIELD_CHOICE, 0, 0);
    fl[F_ENTRY].choices = entry_choices;
    fl[F_ENTRY].nchoices = nentries + 1;
    fl[F_ENTRY].choice = entry_now;
    field_text(&fl[F_PROVINCE], "province", N_("Province"),
               N_("Thai or English name, e.g. Tak or ตาก."), FIELD_TEXT, 40, 120);
    field_text(&fl[F_MET], "date_met", N_("Date met"), N_("Day/month/year, B.E. or C.E."),
               FIELD_TEXT, 30, 90);
    field_text(&fl[F_NOTES], "notes", N_("Notes"), NULL, FIELD_TEXT, 4000, CASE_NOTES_MAX);
    lineedit_set(&fl[F_THAI].edit, c->name_thai);
    lineedit_set(&fl[F_ORIG].edit, c->name_original);
    lineedit_set(&fl[F_LATIN].edit, c->name_latin);
    lineedit_set(&fl[F_ALIASES].edit, c->aliases);
    case_format_date_input(c->birth_known, c->birth, buf, sizeof buf);
    lineedit_set(&fl[F_BIRTH].edit, buf);
    if (c->estimated_age >= 0) {
        snprintf(buf, sizeof buf, "%d", c->estimated_age);
        lineedit_set(&fl[F_AGE].edit, buf);
    }
    case_format_nationalities(c, buf, sizeof buf);
    lineedit_set(&fl[F_NAT].edit, buf);
    lineedit_set(&fl[F_LANGS].edit, c->languages);
    const geo_entry *prov = geo_province(c->province);
    lineedit_set(&fl[F_PROVINCE].edit, prov ? (i18n_is_thai() ? prov->name_th : prov->name_en) : "");
    case_format_date_input(c->date_met_known, c->date_met, buf, sizeof buf);
    lineedit_set(&fl[F_MET].edit, buf);
    lineedit_set(&fl[F_NOTES].edit, c->notes);

    form f = { is_new ? N_("New case") : N_("Edit case"), NULL, fl, F_COUNT, 0, 0 };
    bool saved = false;
    tc_case *draft = malloc(sizeof *draft);
    enum { TXT = 4 * CASE_NOTES_MAX + 8 };
    char *txt = malloc((size_t)F_COUNT * TXT);
    while (draft && txt && !saved && !t->quit) {
        if (form_run(t, &f) != ACT_SAVE || t->quit || !t->st)
            break;
        for (int i = 0; i < F_COUNT; i++)
            if (fl[i].kind != FIELD_CHOICE)
                form_get(&f, i, txt + (size_t)i * TXT, TXT);
#define TX(i) (txt + (size_t)(i) * TXT)
        *draft = *c;
        draft->sex = (tc_sex)fl[F_SEX].choice;
        snprintf(draft->entry_point, sizeof draft->entry_point, "%s",
                 fl[F_ENTRY].choice ? eps[fl[F_ENTRY].choice - 1].code : "");
        case_text in = {
            .name_thai = TX(F_THAI), .name_original = TX(F_ORIG), .name_latin = TX(F_LATIN),
            .aliases = TX(F_ALIASES), .birth = TX(F_BIRTH), .age = TX(F_AGE),
            .nationalities = TX(F_NAT), .languages = TX(F_LANGS), .province = TX(F_PROVINCE),
            .date_met = TX(F_MET), .notes = TX(F_NOTES),
        };
#undef TX
        const char *field = NULL;
        const char *problem = case_from_text(draft, &in, &field);
        if (problem) {
            tui_say(t, STYLE_ERROR, _(problem));
            form_focus(&f, field);
            continue;
        }
        case_check chk = { CASE_OK, NULL };
        store_status st = is_new ? store_case_add(t->st, draft, &chk)
                                 : store_case_update(t->st, draft, &chk);
        if (st == ST_INVALID) {
            tui_say(t, STYLE_ERROR, _(case_problem_text(chk.problem)));
            /* "name" means no name at all: start at the first name field. */
            form_focus(&f, chk.field && strcmp(chk.field, "name") ? chk.field : "name_thai");
        } else if (st != ST_OK) {
            tui_say(t, STYLE_ERROR, _(store_status_text(st)));
        } else {
            *c = *draft;
            saved = true;
            char msg[256];
            snprintf(msg, sizeof msg, _("Saved case %s."), c->reference);
            tui_say(t, STYLE_NOTICE, msg);
        }
    }
    /* What was typed about a person does not linger in freed memory. */
    if (txt)
        sodium_memzero(txt, (size_t)F_COUNT * TXT);
    if (draft)
        sodium_memzero(draft, sizeof *draft);
    sodium_memzero(fl, sizeof *fl * F_COUNT);
    sodium_memzero(buf, sizeof buf);
    free(txt);
    free(draft);
    free(entry_choices);
    free(fl);
    return saved;
}

/* ---- the whole program -------------------------------------------------- */

int tui_run(app_options *opt)
{
    tui t;
    memset(&t, 0, sizeof t);
    t.opt = opt;
    t.lock_after_s = TUI_IDLE_LOCK_DEFAULT_MIN * 60;
    t.last_key_at = monotonic_seconds();
    ui_start();
    if (!store_exists(opt->data_dir))
        t.st = screen_first_run(&t);
    else
        t.st = screen_unlock(&t, false);
    if (t.st) {
        apply_stored_language(&t);
        screen_case_list(&t);
    }
    ui_stop();
    store_close(t.st);
    return EXIT_OK;
}
