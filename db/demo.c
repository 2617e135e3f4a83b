/* demo.c - fill a store with synthetic cases through its own API (demo.h).
 *
 * Each case is a short story told in order: met, recorded, consents,
 * intake, a screening answered and decided, the identification decision,
 * needs, referrals that move through their states, a return and the
 * follow-ups after it, notes, and for finished stories the closure.  The
 * store's clock is swapped for a demo clock that is set to each event's
 * moment before the call that records it, so every timestamp, "today"
 * rule and audit row is what the screens would have written on that day.
 * An event whose moment is after "now" does not happen: recent cases are
 * naturally still open. */
#define _GNU_SOURCE
#include "config.h"
#include "db/demo.h"
#include "db/file_io.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/demo_names.h"
#include "core/geo.h"
#include "db/record.h"
#include "db/referrals.h"
#include "db/returns.h"
#include "db/screenings.h"
#include "db/store_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MINUTE 60
#define HOUR 3600
#define DAY 86400
/* Cases per transaction (store_batch_begin). */
#define DEMO_BATCH 50

/* The built-in instruments a demo screening is answered on. */
enum { INST_BORDER, INST_CHILD, INST_FORCED_LABOUR, INST_ELEMENTS, INST_COUNT };
static const char *const instrument_codes[INST_COUNT] = {
    "border_quick", "child", "forced_labour", "trafficking_elements",
};

typedef struct demo_run {
    store *s;
    int64_t at;                 /* what the demo clock answers */
    int64_t now;                /* the end of the story: the real "now" */
    int offset;                 /* the officers' UTC offset */
    instrument *inst[INST_COUNT];
} demo_run;

/* One case's story as it unfolds. */
typedef struct demo_case {
    demo_rng rng;
    tc_case c;
    const demo_route *route;
    const demo_sector *sector;
    bool child;
    int64_t met;                /* the moment the person was met */
    bool screened;              /* the screening was decided */
    screening_suggestion suggestion;
    ident_outcome outcome;
    bool identified;            /* an identification decision other than pending */
    int64_t last;               /* the latest event so far */
    bool closed;
    bool refused_referral;      /* said no to being referred */
} demo_case;

static int64_t demo_clock_now(void *ctx)
{
    return ((const demo_run *)ctx)->at;
}

/* Move the demo clock to t, unless t is still to come: false then, and
 * the event does not happen. */
static bool happens(demo_run *r, demo_case *dc, int64_t t)
{
    if (t > r->now)
        return false;
    r->at = t;
    if (t > dc->last)
        dc->last = t;
    return true;
}

/* Say which step refused, for store_last_error (no personal data). */
static store_status refused(demo_run *r, store_status st, const char *step, const char *field)
{
    if (st == ST_OK)
        return st;
    char msg[200];
    snprintf(msg, sizeof msg, "demo: %s refused (%s)%s%s", step, store_status_text(st),
             field ? ", field " : "", field ? field : "");
    store_set_error(r->s, msg);
    return st;
}

static caldate civil(const demo_run *r, int64_t t)
{
    return caldate_from_timestamp(t, r->offset);
}

/* The moment of a civil date at an hour of the officers' day. */
static int64_t moment(const demo_run *r, caldate d, int hour)
{
    return caldate_to_days(d) * DAY + (int64_t)hour * HOUR - r->offset;
}

static const char *pick_code(demo_rng *g, const char *list, char *out, size_t outsz)
{
    /* One item of a comma list. */
    size_t n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    size_t k = demo_rng_below(g, (unsigned)n);
    const char *p = list;
    while (k-- > 0)
        p = strchr(p, ',') + 1;
    size_t len = strcspn(p, ",");
    snprintf(out, outsz, "%.*s", (int)len, p);
    return out;
}

/* ---------------------------------------------------------------- person */

static const char *demo_nationality(const demo_case *dc)
{
    return dc->route->origin;
}

static void make_person(demo_case *dc, int64_t met, int offset)
{
    demo_rng *g = &dc->rng;
    size_t nr = 0, ns = 0;
    const demo_route *routes = demo_routes(&nr);
    const demo_sector *sectors = demo_sectors(&ns);
    dc->route = &routes[demo_rng_below(g, (unsigned)nr)];
    dc->sector = &sectors[demo_rng_below(g, (unsigned)ns)];
    /* A Thai person taken abroad was mostly lured into the scam centres. */
    if (strcmp(dc->route->exploitation_country, "TH") != 0)
        dc->sector = &sectors[ns - 1 - demo_rng_below(g, 2)];
    tc_case *c = &dc->c;
    case_init(c);
    c->sex = demo_rng_percent(g, dc->sector->women_percent) ? SEX_FEMALE : SEX_MALE;
    demo_name n;
    demo_name_compose(dc->route->script, c->sex, demo_rng_next(g) >> 8, &n);
    if (dc->route->script == DEMO_THAI)
        snprintf(c->name_thai, sizeof c->name_thai, "%s", n.native);
    else
        snprintf(c->name_original, sizeof c->name_original, "%s", n.native);
    snprintf(c->name_latin, sizeof c->name_latin, "%s", n.latin);
    dc->child = demo_rng_percent(g, 14) && strcmp(dc->sector->sector, "fishing") != 0;
    int age = dc->child ? 13 + (int)demo_rng_below(g, 5) : 18 + (int)demo_rng_below(g, 30);
    caldate met_day = caldate_from_timestamp(met, offset);
    if (demo_rng_percent(g, 40)) {
        c->birth_known = true;
        c->birth = caldate_add_days(caldate_add_months(met_day, -12 * age - 6),
                                    -(int64_t)demo_rng_below(g, 150));
    } else {
        c->estimated_age = age;
    }
    bool stateless = dc->route->script == DEMO_BURMESE && demo_rng_percent(g, 4);
    snprintf(c->nationalities[0], 3, "%s", stateless ? GEO_STATELESS : demo_nationality(dc));
    c->n_nationalities = 1;
    snprintf(c->languages, sizeof c->languages, "%s", dc->route->languages);
    size_t ne = 0;
    const char *const *entries = demo_entry_points(&ne);
    const char *entry = demo_rng_percent(g, 70) ? dc->sector->entry_point
                                                : entries[demo_rng_below(g, (unsigned)ne)];
    snprintf(c->entry_point, sizeof c->entry_point, "%s", entry);
    snprintf(c->province, sizeof c->province, "%s", dc->route->province);
    c->date_met_known = true;
    c->date_met = met_day;
}

static store_status add_case(demo_run *r, demo_case *dc)
{
    case_check chk = { CASE_OK, NULL };
    happens(r, dc, dc->met + 2 * HOUR);
    bool quick = strcmp(dc->c.entry_point, "border_checkpoint") == 0 && demo_rng_percent(&dc->rng, 30);
    store_status st = quick ? store_case_add_quick(r->s, &dc->c, &chk)
                            : store_case_add(r->s, &dc->c, &chk);
    if (st == ST_OK)
        st = store_case_clocks_start(r->s, dc->c.id, dc->met);
    /* A checkpoint's quick record is completed once the person is safe,
     * except for the latest few, still waiting. */
    if (st == ST_OK && quick && happens(r, dc, dc->met + 2 * DAY))
        st = store_case_complete(r->s, dc->c.id);
    return refused(r, st, "case", chk.field);
}

/* -------------------------------------------------------------- consents */

static const char *interpreter_of(const demo_case *dc)
{
    static const char *const names[DEMO_SCRIPT_COUNT] = {
        "", "Ma Thandar (ล่ามภาษาเมียนมา)", "Sok Channa (ล่ามภาษาเขมร)",
        "Noy Keomany (ล่ามภาษาลาว)", "Tran Thi Mai (ล่ามภาษาเวียดนาม)",
    };
    return names[dc->route->script];
}

static store_status add_consent(demo_run *r, demo_case *dc, consent_purpose p, const char *kind,
                                bool agreed)
{
    tc_consent c;
    consent_init(&c);
    snprintf(c.case_id, sizeof c.case_id, "%s", dc->c.id);
    c.purpose = p;
    snprintf(c.agency_kind, sizeof c.agency_kind, "%s", kind ? kind : "");
    c.agreed = agreed;
    c.given_on = civil(r, r->at);
    snprintf(c.language, sizeof c.language, "%.2s", dc->route->languages);
    if (dc->route->script != DEMO_THAI) {
        c.interpreter_used = true;
        snprintf(c.interpreter_name, sizeof c.interpreter_name, "%s", interpreter_of(dc));
    }
    if (dc->child) {
        c.given_by = CONSENT_BY_GUARDIAN;
        snprintf(c.guardian_name, sizeof c.guardian_name, "%s",
                 "นางสาวรัตนา แก้วมณี (นักสังคมสงเคราะห์)");
    }
    consent_check chk = { CONSENT_OK, NULL };
    return refused(r, store_consent_add(r->s, &c, &chk), "consent", chk.field);
}

static store_status add_consents(demo_run *r, demo_case *dc)
{
    if (!happens(r, dc, dc->met + 3 * HOUR))
        return ST_OK;
    store_status st = add_consent(r, dc, CONSENT_INTERVIEW, NULL, true);
    if (st == ST_OK)
        st = add_consent(r, dc, CONSENT_RECORD_DATA, NULL, true);
    /* Most agree to be referred to any agency; a few only to some. */
    dc->refused_referral = demo_rng_percent(&dc->rng, 4);
    if (st == ST_OK)
        st = add_consent(r, dc, CONSENT_REFERRAL, CONSENT_ANY_AGENCY, !dc->refused_referral);
    if (st == ST_OK && demo_rng_percent(&dc->rng, 8))
        st = add_consent(r, dc, CONSENT_REFERRAL, "police", false);
    return st;
}

/* ---------------------------------------------------------------- intake */

static store_status save_intake(demo_run *r, demo_case *dc)
{
    if (!happens(r, dc, dc->met + 4 * HOUR))
        return ST_OK;
    demo_rng *g = &dc->rng;
    const demo_route *rt = dc->route;
    const demo_sector *sec = dc->sector;
    tc_intake in;
    intake_init(&in);
    snprintf(in.case_id, sizeof in.case_id, "%s", dc->c.id);
    snprintf(in.district, sizeof in.district, "%s", rt->district);
    snprintf(in.establishment, sizeof in.establishment, "%s", sec->establishment);
    snprintf(in.sector, sizeof in.sector, "%s", sec->sector);
    snprintf(in.origin, sizeof in.origin, "%s", rt->origin);
    if (rt->transit[0]) {
        snprintf(in.transit[0], sizeof in.transit[0], "%s", rt->transit);
        in.n_transit = 1;
    }
    snprintf(in.exploitation_country, sizeof in.exploitation_country, "%s",
             rt->exploitation_country);
    in.crossing = rt->crossing;
    snprintf(in.crossing_point, sizeof in.crossing_point, "%s", rt->crossing_point);
    /* The first exploitation type always, the others sometimes. */
    const char *p = sec->exploitation;
    while (*p && in.n_exploitation < INTAKE_MAX_EXPLOITATION) {
        size_t len = strcspn(p, ",");
        if (in.n_exploitation == 0 || demo_rng_percent(g, 45))
            snprintf(in.exploitation[in.n_exploitation++], TC_CODE_MAX + 1, "%.*s", (int)len, p);
        p += len + (p[len] == ',');
    }
    caldate met = civil(r, dc->met);
    in.exploitation_from_known = true;
    in.exploitation_from = caldate_add_days(met, -(int64_t)(30 + demo_rng_below(g, 700)));
    in.exploitation_to_known = demo_rng_percent(g, 80);
    in.exploitation_to = met;
    pick_code(g, sec->recruitment, in.recruitment, sizeof in.recruitment);
    if (strcmp(rt->origin, "TH") != 0) {
        static const char *const holders[] = { "employer", "employer", "broker", "person",
                                               "none" };
        snprintf(in.documents[0].kind, TC_CODE_MAX + 1, "%s",
                 demo_rng_percent(g, 70) ? "passport" : "pink_card");
        snprintf(in.documents[0].holder, TC_CODE_MAX + 1, "%s",
                 holders[demo_rng_below(g, COUNT(holders))]);
        in.n_documents = 1;
        if (demo_rng_percent(g, 40)) {
            snprintf(in.documents[1].kind, TC_CODE_MAX + 1, "work_permit");
            snprintf(in.documents[1].holder, TC_CODE_MAX + 1, "employer");
            in.n_documents = 2;
        }
        static const char *const statuses[] = { "irregular_entry", "overstay", "regular",
                                                "permit_expired", "nationality_pending",
                                                "temporary_stay" };
        snprintf(in.immigration, sizeof in.immigration, "%s",
                 statuses[demo_rng_below(g, COUNT(statuses))]);
    } else {
        snprintf(in.documents[0].kind, TC_CODE_MAX + 1, "id_card");
        snprintf(in.documents[0].holder, TC_CODE_MAX + 1, "%s",
                 demo_rng_percent(g, 50) ? "person" : "broker");
        in.n_documents = 1;
        snprintf(in.immigration, sizeof in.immigration, "thai_national");
    }
    intake_check chk = { INTAKE_OK, NULL };
    return refused(r, store_intake_save(r->s, &in, &chk), "intake", chk.field);
}

/* ------------------------------------------------------------- screening */

/* How likely a "yes" is for each indicator, by the story the case tells:
 * most people met are victims, some are workers whose rights were
 * violated, a few show nothing. */
typedef enum demo_profile { PROFILE_VICTIM, PROFILE_LABOUR, PROFILE_NONE } demo_profile;

static answer_value demo_answer(demo_case *dc, const instrument_indicator *ind, demo_profile pr)
{
    demo_rng *g = &dc->rng;
    if (ind->flags & INDICATOR_PROCEDURE)
        return demo_rng_percent(g, 92) ? ANSWER_YES : ANSWER_NO;
    if (ind->flags & INDICATOR_PRESUMES_CHILD)
        return dc->child ? ANSWER_YES : ANSWER_NO;
    if (ind->flags & INDICATOR_FORCED_CRIME)
        return dc->sector->forced_crime && pr == PROFILE_VICTIM ? ANSWER_YES : ANSWER_NO;
    if (demo_rng_percent(g, 6))
        return demo_rng_percent(g, 70) ? ANSWER_UNKNOWN : ANSWER_DECLINED;
    unsigned yes = pr == PROFILE_VICTIM ? 55 : pr == PROFILE_LABOUR ? 18 : 2;
    if (pr == PROFILE_LABOUR && (ind->flags & INDICATOR_LABOUR))
        yes = 60;
    return demo_rng_percent(g, yes) ? ANSWER_YES : ANSWER_NO;
}

static int pick_instrument(const demo_case *dc)
{
    if (dc->child)
        return INST_CHILD;
    if (strcmp(dc->c.entry_point, "border_checkpoint") == 0)
        return INST_BORDER;
    /* The long forced-labour instrument where labour inspections use it
     * most: at sea and in the seafood factories. */
    if (strcmp(dc->sector->sector, "fishing") == 0 ||
        strcmp(dc->sector->sector, "seafood_processing") == 0)
        return INST_FORCED_LABOUR;
    return INST_ELEMENTS;
}

static void fill_interview(const demo_run *r, demo_case *dc, tc_interview *iv)
{
    interview_init(iv);
    iv->held_at = r->at;
    snprintf(iv->place, sizeof iv->place, "%s",
             dc->child ? "ห้องสัมภาษณ์เด็ก บ้านพักเด็กและครอบครัวจังหวัด"
                       : "ห้องสัมภาษณ์ ศูนย์ปฏิบัติการป้องกันและปราบปรามการค้ามนุษย์จังหวัด");
    snprintf(iv->interviewers, sizeof iv->interviewers, "%s",
             "ร.ต.อ.สมศักดิ์ ทองดี, นางสาวรัตนา แก้วมณี (นักสังคมสงเคราะห์)");
    snprintf(iv->language, sizeof iv->language, "%.2s", dc->route->languages);
    if (dc->route->script != DEMO_THAI) {
        iv->interpreter_used = true;
        snprintf(iv->interpreter_name, sizeof iv->interpreter_name, "%s", interpreter_of(dc));
        snprintf(iv->interpreter_agency, sizeof iv->interpreter_agency, "%s",
                 "ศูนย์ล่ามอาสา มูลนิธิเครือข่ายส่งเสริมคุณภาพชีวิตแรงงาน");
        snprintf(iv->interpreter_language, sizeof iv->interpreter_language, "%.2s",
                 dc->route->languages);
    }
    iv->consent_given = true;
    iv->earlier_interviews = (int)demo_rng_below(&dc->rng, 2);
    iv->guardian_present = dc->child ? PRESENCE_YES : PRESENCE_NOT_RECORDED;
}

static store_status answer_all(demo_run *r, demo_case *dc, const tc_screening *sc,
                               const instrument *inst, demo_profile pr, bool stop_early)
{
    size_t stop = stop_early ? inst->n_indicators / 2 : inst->n_indicators;
    for (size_t i = 0; i < stop; i++) {
        const instrument_indicator *ind = &inst->indicators[i];
        if (!screening_applies(ind, dc->child))
            continue;
        r->at += MINUTE + (int64_t)demo_rng_below(&dc->rng, 90);
        answer_value v = demo_answer(dc, ind, pr);
        bool seen = v == ANSWER_YES && demo_rng_percent(&dc->rng, 25);
        store_status st = store_screening_answer(r->s, sc->id, ind->code, v, seen, NULL, i + 1,
                                                 NULL);
        if (st != ST_OK)
            return refused(r, st, "answer", ind->code);
    }
    return ST_OK;
}

static store_status screen(demo_run *r, demo_case *dc)
{
    if (!happens(r, dc, dc->met + 5 * HOUR))
        return ST_OK;
    int k = pick_instrument(dc);
    const instrument *inst = r->inst[k];
    unsigned roll = demo_rng_below(&dc->rng, 100);
    demo_profile pr = roll < 70 ? PROFILE_VICTIM : roll < 90 ? PROFILE_LABOUR : PROFILE_NONE;
    tc_screening sc;
    memset(&sc, 0, sizeof sc);
    snprintf(sc.case_id, sizeof sc.case_id, "%s", dc->c.id);
    snprintf(sc.instrument_code, sizeof sc.instrument_code, "%s", instrument_codes[k]);
    sc.child = dc->child;
    fill_interview(r, dc, &sc.interview);
    interview_check ichk = { INTERVIEW_OK, NULL };
    store_status st = store_screening_start(r->s, &sc, &ichk);
    if (st != ST_OK)
        return refused(r, st, "screening", ichk.field);
    /* The latest screenings of a busy day wait to be finished. */
    bool unfinished = r->now - dc->met < 3 * DAY && demo_rng_percent(&dc->rng, 40);
    st = answer_all(r, dc, &sc, inst, pr, unfinished);
    if (st != ST_OK || unfinished)
        return st;
    /* Score first (continuing later writes nothing), then decide as the
     * score suggests, or once in a while differently, with a reason. */
    screening_result res;
    memset(&res, 0, sizeof res);
    r->at += 5 * MINUTE;
    st = store_screening_decide(r->s, sc.id, DECISION_CONTINUE_LATER, "คัดกรองต่อภายหลัง",
                                NULL, &res);
    if (st != ST_OK)
        return refused(r, st, "score", NULL);
    screening_decision d = decision_for_suggestion(res.suggestion);
    const char *reason = NULL;
    if (res.suggestion == SUGGEST_INCOMPLETE || demo_rng_percent(&dc->rng, 5)) {
        d = DECISION_REFER_MDT;
        reason = "ทีมสหวิชาชีพเห็นควรพิจารณาร่วมกัน เนื่องจากผู้เสียหายยังหวาดกลัวและให้ข้อมูลไม่ครบ";
    }
    decision_problem dp = DECISION_OK;
    st = store_screening_decide(r->s, sc.id, d, reason, &dp, NULL);
    if (st != ST_OK)
        return refused(r, st, "decision", NULL);
    dc->screened = true;
    dc->suggestion = d == DECISION_REFER_MDT ? SUGGEST_REASONABLE_GROUNDS : res.suggestion;
    return ST_OK;
}

/* -------------------------------------------------------- identification */

static store_status identify(demo_run *r, demo_case *dc)
{
    if (!dc->screened)
        return ST_OK;
    int64_t when = dc->met + 20 * HOUR + (int64_t)demo_rng_below(&dc->rng, 3) * HOUR;
    if (!happens(r, dc, when))
        return ST_OK;
    tc_identification d;
    identification_init(&d);
    snprintf(d.case_id, sizeof d.case_id, "%s", dc->c.id);
    d.decided_known = true;
    d.decided_on = civil(r, r->at);
    d.body = demo_rng_percent(&dc->rng, 70) ? IDENT_BODY_POLICE : IDENT_BODY_GOVERNMENT;
    snprintf(d.body_name, sizeof d.body_name, "%s",
             d.body == IDENT_BODY_POLICE ? "สถานีตำรวจภูธรเมือง" : "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด");
    if (dc->suggestion == SUGGEST_REASONABLE_GROUNDS) {
        bool labour = strcmp(dc->sector->exploitation, "forced_labour") == 0 ||
                      strstr(dc->sector->exploitation, "debt_bondage") != NULL;
        d.outcome = labour && demo_rng_percent(&dc->rng, 50) ? IDENT_VICTIM_FORCED_LABOUR
                                                            : IDENT_VICTIM_TRAFFICKING;
        snprintf(d.reasons, sizeof d.reasons, "%s",
                 "ทีมสหวิชาชีพพิจารณาแล้วพบองค์ประกอบครบตามกฎหมาย มีการกระทำ วิธีการ "
                 "และวัตถุประสงค์เพื่อแสวงหาประโยชน์โดยมิชอบ");
    } else {
        d.outcome = IDENT_NOT_IDENTIFIED;
        d.other = dc->suggestion == SUGGEST_LABOUR_RIGHTS ? IDENT_OTHER_LABOUR_VIOLATION
                  : strcmp(dc->route->origin, "TH") != 0 ? IDENT_OTHER_ILLEGAL_ENTRY
                                                         : IDENT_OTHER_NONE;
        snprintf(d.reasons, sizeof d.reasons, "%s",
                 "ข้อเท็จจริงไม่ครบองค์ประกอบความผิดฐานค้ามนุษย์ ส่งเรื่องให้หน่วยงานที่เกี่ยวข้องดำเนินการต่อ");
    }
    ident_check chk = { IDENT_OK, NULL };
    store_status st = store_identification_add(r->s, &d, &chk);
    if (st != ST_OK)
        return refused(r, st, "identification", chk.field);
    dc->outcome = d.outcome;
    dc->identified = true;
    return ST_OK;
}

/* The shelter and reflection periods end as the officers record them: the
 * MDT interview before the 15th day, the reflection period's end before
 * the 45th, so the due-soon view holds only this month's cases. */
static store_status end_clocks(demo_run *r, demo_case *dc)
{
    static const struct { clock_kind kind; int64_t after; } stops[] = {
        { CLOCK_SHELTER, 14 * DAY }, { CLOCK_REFLECTION, 44 * DAY },
    };
    for (size_t k = 0; k < COUNT(stops); k++) {
        if (!happens(r, dc, dc->met + stops[k].after))
            return ST_OK;
        store_status st = store_case_clocks_stop(r->s, dc->c.id, stops[k].kind, r->at);
        if (st != ST_OK)
            return refused(r, st, "clock", clock_kind_code(stops[k].kind));
    }
    return ST_OK;
}

static bool is_victim(const demo_case *dc)
{
    return dc->identified && (dc->outcome == IDENT_VICTIM_TRAFFICKING ||
                              dc->outcome == IDENT_VICTIM_FORCED_LABOUR);
}

static bool is_foreign(const demo_case *dc)
{
    return strcmp(dc->route->origin, "TH") != 0;
}

/* --------------------------------------------------------------- needs */

static store_status add_need(demo_run *r, demo_case *dc, need_kind k, bool urgent)
{
    tc_need nd;
    need_init(&nd);
    snprintf(nd.case_id, sizeof nd.case_id, "%s", dc->c.id);
    nd.kind = k;
    nd.urgent = urgent;
    need_check chk = { NEED_OK, NULL };
    return refused(r, store_need_add(r->s, &nd, &chk), "need", chk.field);
}

static store_status add_needs(demo_run *r, demo_case *dc)
{
    if (!dc->identified || !happens(r, dc, dc->last + 2 * HOUR))
        return ST_OK;
    store_status st = ST_OK;
    if (is_victim(dc)) {
        st = add_need(r, dc, NEED_SAFETY, true);
        if (st == ST_OK)
            st = add_need(r, dc, NEED_MEDICAL, demo_rng_percent(&dc->rng, 30));
        if (st == ST_OK && is_foreign(dc))
            st = add_need(r, dc, NEED_INTERPRETER, false);
        if (st == ST_OK && demo_rng_percent(&dc->rng, 40))
            st = add_need(r, dc, NEED_COMPENSATION, false);
    } else if (dc->outcome == IDENT_NOT_IDENTIFIED && demo_rng_percent(&dc->rng, 60)) {
        st = add_need(r, dc, NEED_LEGAL_COUNSELLING, false);
    }
    return st;
}

/* ------------------------------------------------------------- referrals */

typedef struct demo_referral_kind {
    need_kind need;
    const char *agency;
    const char *summary;
} demo_referral_kind;

static const demo_referral_kind referral_kinds[] = {
    { NEED_SHELTER, "msdhs_athd", "ส่งต่อเพื่อรับตัวเข้าพักในสถานคุ้มครองสวัสดิภาพ ตามมาตรา 33" },
    { NEED_MEDICAL, "moph", "ส่งตรวจร่างกายและรักษาพยาบาล" },
    { NEED_REHABILITATION, "dmh", "ส่งฟื้นฟูสภาพจิตใจ ผู้เสียหายมีอาการนอนไม่หลับและหวาดกลัว" },
    { NEED_WAGE_RECOVERY, "dlpw", "ส่งเรื่องเรียกร้องค่าจ้างค้างจ่ายจากนายจ้าง" },
    { NEED_LEGAL_AID, "rlpd", "ส่งขอรับความช่วยเหลือทางกฎหมายและค่าตอบแทนผู้เสียหาย" },
    { NEED_IDENTITY_DOCUMENTS, "imm", "ประสานตรวจสอบสถานะและเอกสารการเดินทาง" },
    { NEED_TRAINING, "dsd", "ส่งฝึกอาชีพระหว่างพักในสถานคุ้มครอง" },
    { NEED_LEGAL_COUNSELLING, "lct", "ส่งขอคำปรึกษาด้านสิทธิแรงงาน" },
};

/* The state each referral ends in (if "now" comes late enough), with its
 * share in percent. */
static const struct { referral_state end; unsigned share; } referral_ends[] = {
    { REFERRAL_COMPLETED, 42 }, { REFERRAL_IN_SERVICE, 10 }, { REFERRAL_ACCEPTED, 5 },
    { REFERRAL_ACKNOWLEDGED, 4 }, { REFERRAL_SENT, 5 }, { REFERRAL_DRAFT, 4 },
    { REFERRAL_DECLINED, 12 }, { REFERRAL_CLOSED, 10 }, { REFERRAL_WITHDRAWN, 8 },
};

static referral_state pick_end(demo_rng *g)
{
    unsigned roll = demo_rng_below(g, 100), sum = 0;
    for (size_t i = 0; i < COUNT(referral_ends); i++) {
        sum += referral_ends[i].share;
        if (roll < sum)
            return referral_ends[i].end;
    }
    return REFERRAL_COMPLETED;
}

static const char *reason_for(referral_state to)
{
    switch (to) {
    case REFERRAL_DECLINED: return "หน่วยงานแจ้งว่าไม่มีที่ว่างรองรับในขณะนี้";
    case REFERRAL_CLOSED: return "ไม่ได้รับการตอบกลับภายในกำหนด จึงปิดเรื่องและส่งต่อหน่วยงานอื่น";
    case REFERRAL_WITHDRAWN: return "ผู้เสียหายเปลี่ยนใจ ไม่ประสงค์รับบริการนี้";
    default: return NULL;
    }
}

/* Move a referral one step at `when`; false when that moment has not
 * come yet. */
static bool move(demo_run *r, demo_case *dc, tc_referral *ref, referral_state to, int64_t when,
                 store_status *st)
{
    if (*st != ST_OK || !happens(r, dc, when))
        return false;
    referral_problem p = REFERRAL_OK;
    /* Sent without covering consent only for the person's safety, with
     * the reason the audit trail shows. */
    const char *override = to == REFERRAL_SENT && dc->refused_referral
        ? "ผู้เสียหายอยู่ในภาวะอันตราย จำเป็นต้องส่งต่อเพื่อความปลอดภัยโดยเร่งด่วน" : NULL;
    *st = store_referral_change_state(r->s, ref->id, to, reason_for(to), r->at, override, &p,
                                      NULL);
    if (*st != ST_OK) {
        char what[80];
        snprintf(what, sizeof what, "%s, problem %d", referral_state_code(to), (int)p);
        refused(r, *st, "referral state", what);
        return false;
    }
    ref->state = to;
    return true;
}

static store_status refer(demo_run *r, demo_case *dc, const demo_referral_kind *k, int64_t start)
{
    demo_rng *g = &dc->rng;
    if (!happens(r, dc, start))
        return ST_OK;
    tc_referral ref;
    referral_init(&ref);
    snprintf(ref.case_id, sizeof ref.case_id, "%s", dc->c.id);
    snprintf(ref.agency_code, sizeof ref.agency_code, "%s", k->agency);
    ref.needs = need_set_of(k->need);
    ref.urgency = k->need == NEED_SHELTER || k->need == NEED_MEDICAL
                      ? (demo_rng_percent(g, 40) ? REFERRAL_EMERGENCY : REFERRAL_URGENT)
                      : REFERRAL_ROUTINE;
    ref.channel = (referral_channel)demo_rng_below(g, REFERRAL_CHANNEL_COUNT);
    snprintf(ref.summary, sizeof ref.summary, "%s", k->summary);
    ref.shared = code_set_bit(REFERRAL_SHARED_IDENTITY) | code_set_bit(REFERRAL_SHARED_NATIONALITY)
                 | code_set_bit(REFERRAL_SHARED_STORY) | code_set_bit(REFERRAL_SHARED_NEEDS);
    referral_check chk = { REFERRAL_OK, NULL };
    store_status st = store_referral_add(r->s, &ref, false, NULL, &chk, NULL);
    if (st != ST_OK)
        return refused(r, st, "referral", chk.field);
    referral_state end = pick_end(g);
    int64_t t = r->at;
    if (end == REFERRAL_DRAFT)
        return ST_OK;
    if (end == REFERRAL_WITHDRAWN && demo_rng_percent(g, 50)) {
        move(r, dc, &ref, REFERRAL_WITHDRAWN, t + DAY, &st);
        return st;
    }
    if (!move(r, dc, &ref, REFERRAL_SENT, t += HOUR + demo_rng_below(g, 20) * HOUR, &st)
        || end == REFERRAL_SENT)
        return st;
    if (end == REFERRAL_CLOSED && demo_rng_percent(g, 50)) {
        move(r, dc, &ref, REFERRAL_CLOSED, t + 7 * DAY, &st);
        return st;
    }
    if (end == REFERRAL_WITHDRAWN) {
        move(r, dc, &ref, REFERRAL_WITHDRAWN, t + 2 * DAY, &st);
        return st;
    }
    if (!move(r, dc, &ref, REFERRAL_ACKNOWLEDGED, t += 2 * HOUR + demo_rng_below(g, 40) * HOUR, &st)
        || end == REFERRAL_ACKNOWLEDGED)
        return st;
    if (end == REFERRAL_DECLINED || end == REFERRAL_CLOSED) {
        move(r, dc, &ref, end, t + DAY + demo_rng_below(g, 4) * DAY, &st);
        return st;
    }
    if (!move(r, dc, &ref, REFERRAL_ACCEPTED, t += DAY + demo_rng_below(g, 3) * DAY, &st)
        || end == REFERRAL_ACCEPTED)
        return st;
    if (!move(r, dc, &ref, REFERRAL_IN_SERVICE, t += DAY + demo_rng_below(g, 3) * DAY, &st)
        || end == REFERRAL_IN_SERVICE)
        return st;
    move(r, dc, &ref, REFERRAL_COMPLETED, t + 10 * DAY + demo_rng_below(g, 50) * DAY, &st);
    return st;
}

static store_status add_referrals(demo_run *r, demo_case *dc)
{
    if (!dc->identified)
        return ST_OK;
    demo_rng *g = &dc->rng;
    int64_t start = dc->last + HOUR;
    store_status st = ST_OK;
    if (is_victim(dc)) {
        /* Shelter and medical care first, then what the story needs. */
        st = refer(r, dc, &referral_kinds[0], start);
        if (st == ST_OK && demo_rng_percent(g, 70))
            st = refer(r, dc, &referral_kinds[1], start + HOUR);
        size_t extra = 1 + demo_rng_below(g, 2);
        for (size_t i = 0; st == ST_OK && i < extra; i++)
            st = refer(r, dc, &referral_kinds[2 + demo_rng_below(g, 5)],
                       start + (int64_t)(i + 1) * DAY);
    } else if (demo_rng_percent(g, 70)) {
        st = refer(r, dc, &referral_kinds[dc->suggestion == SUGGEST_LABOUR_RIGHTS ? 3 : 7],
                   start);
    }
    return st;
}

/* ----------------------------------------------------------------- notes */

static const char *const note_texts[] = {
    "ผู้เสียหายเล่าว่านายจ้างยึดหนังสือเดินทางไว้ตั้งแต่วันแรกที่เข้าทำงาน และหักค่าจ้างเป็นค่านายหน้า",
    "ประสานล่ามเรียบร้อย ผู้เสียหายพร้อมให้ข้อมูลเพิ่มเติมในวันพรุ่งนี้ช่วงเช้า",
    "ผู้เสียหายขอติดต่อครอบครัว จัดให้โทรศัพท์ต่อหน้าเจ้าหน้าที่แล้ว",
    "นักจิตวิทยาพบผู้เสียหาย ประเมินว่ามีความเครียดสูง นัดพบอีกครั้งในสัปดาห์หน้า",
    "ตรวจสอบกับสถานประกอบการแล้ว พบคนงานอีกสามคนที่อาจอยู่ในสถานการณ์เดียวกัน",
    "ผู้เสียหายสอบถามเรื่องค่าจ้างค้างจ่าย แจ้งสิทธิและขั้นตอนยื่นคำร้องแล้ว",
};

static store_status add_notes(demo_run *r, demo_case *dc)
{
    size_t n = demo_rng_below(&dc->rng, 3);
    for (size_t i = 0; i < n; i++) {
        if (!happens(r, dc, dc->met + (int64_t)(i + 1) * 26 * HOUR))
            return ST_OK;
        tc_note nt;
        memset(&nt, 0, sizeof nt);
        snprintf(nt.case_id, sizeof nt.case_id, "%s", dc->c.id);
        snprintf(nt.text, sizeof nt.text, "%s",
                 note_texts[demo_rng_below(&dc->rng, COUNT(note_texts))]);
        note_problem p = CASE_NOTE_OK;
        store_status st = store_note_add(r->s, &nt, &p);
        if (st != ST_OK)
            return refused(r, st, "note", NULL);
    }
    return ST_OK;
}

/* ------------------------------------------------------------ the return */

static const char *counterpart_of(const char *country)
{
    if (!strcmp(country, "MM"))
        return "Department of Social Welfare, Myanmar";
    if (!strcmp(country, "KH"))
        return "Ministry of Social Affairs, Veterans and Youth Rehabilitation, Cambodia";
    if (!strcmp(country, "LA"))
        return "Ministry of Labour and Social Welfare, Lao PDR";
    if (!strcmp(country, "VN"))
        return "Ministry of Labour, Invalids and Social Affairs, Viet Nam";
    return "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด";
}

static void plan_steps(tc_repatriation *p, caldate asked, caldate done, bool child, bool finished)
{
    for (int k = 0; k < REPAT_STEP_COUNT; k++) {
        repat_step *st = &p->steps[k];
        bool needed = k == REPAT_STEP_LEGAL ? p->legal_pending
                      : k == REPAT_STEP_ESCORT ? child : true;
        if (!needed) {
            st->state = REPAT_STEP_NOT_NEEDED;
            st->done_known = true;
            st->done_on = asked;
            snprintf(st->note, sizeof st->note, "%s",
                     k == REPAT_STEP_LEGAL ? "ไม่มีคดีค้างพิจารณา" : "ผู้เสียหายเป็นผู้ใหญ่ เดินทางพร้อมเจ้าหน้าที่ตามปกติ");
            continue;
        }
        st->state = finished ? REPAT_STEP_DONE : REPAT_STEP_REQUESTED;
        st->requested_known = true;
        st->requested_on = asked;
        st->done_known = finished;
        st->done_on = done;
        snprintf(st->counterpart, sizeof st->counterpart, "%s", counterpart_of(p->country));
    }
}

static store_status add_repatriation_consent(demo_run *r, demo_case *dc)
{
    return add_consent(r, dc, CONSENT_REPATRIATION, NULL, true);
}

static store_status follow_up(demo_run *r, demo_case *dc);

static store_status plan_return(demo_run *r, demo_case *dc)
{
    demo_rng *g = &dc->rng;
    /* Victims from abroad go home; Thai victims taken abroad come home. */
    bool abroad_thai = !is_foreign(dc) && strcmp(dc->route->exploitation_country, "TH") != 0;
    if (!is_victim(dc) || (!is_foreign(dc) && !abroad_thai) || !demo_rng_percent(g, 80))
        return ST_OK;
    int64_t planned = dc->last + 3 * DAY + demo_rng_below(g, 10) * DAY;
    if (!happens(r, dc, planned))
        return ST_OK;
    store_status st = add_repatriation_consent(r, dc);
    if (st != ST_OK)
        return st;
    tc_repatriation p;
    repat_init(&p);
    snprintf(p.case_id, sizeof p.case_id, "%s", dc->c.id);
    p.direction = abroad_thai ? REPAT_INBOUND : REPAT_OUTBOUND;
    snprintf(p.country, sizeof p.country, "%s", abroad_thai ? "TH" : dc->route->origin);
    const geo_entry *home = geo_province(dc->route->province);
    snprintf(p.hometown, sizeof p.hometown, "%s",
             abroad_thai && home ? home->name_th : "บ้านเกิดของผู้เสียหาย (รอยืนยันจากครอบครัว)");
    p.wish = REPAT_WISH_RETURN;
    p.consent_given = true;
    p.consent_known = true;
    p.consent_on = civil(r, r->at);
    if (dc->child)
        snprintf(p.consent_by, sizeof p.consent_by, "%s", "มารดาของผู้เสียหาย");
    p.legal_pending = demo_rng_percent(g, 30);
    p.witness_needed = p.legal_pending && demo_rng_percent(g, 50);
    snprintf(p.handover_point, sizeof p.handover_point, "%s", dc->route->handover_point);
    caldate asked = civil(r, r->at);
    int64_t back = r->at + (int64_t)(30 + demo_rng_below(g, 60)) * DAY;
    p.planned_known = true;
    p.planned_on = civil(r, back);
    plan_steps(&p, asked, asked, dc->child, false);
    repat_check chk = { REPAT_OK, NULL };
    st = store_repatriation_add(r->s, &p, &chk);
    if (st != ST_OK)
        return refused(r, st, "repatriation", chk.field);
    unsigned roll = demo_rng_below(g, 100);
    repat_change_problem ch = REPAT_CHANGE_OK;
    if (roll < 6) {
        if (happens(r, dc, r->at + 20 * DAY))
            st = store_repatriation_change_state(r->s, &p, REPAT_SUSPENDED,
                                                 "รอผลการสืบพยานในชั้นศาล", &chk, &ch);
        return refused(r, st, "repatriation suspend", chk.field);
    }
    if (roll < 11) {
        if (happens(r, dc, r->at + 25 * DAY))
            st = store_repatriation_change_state(r->s, &p, REPAT_CANCELLED,
                                                 "ผู้เสียหายเปลี่ยนใจ ขอทำงานต่อในประเทศไทยอย่างถูกกฎหมาย",
                                                 &chk, &ch);
        return refused(r, st, "repatriation cancel", chk.field);
    }
    if (!happens(r, dc, back))
        return ST_OK;
    plan_steps(&p, asked, caldate_add_days(civil(r, back), -3), dc->child, true);
    p.handed_over_known = true;
    p.handed_over_at = back;
    snprintf(p.receiving_agency, sizeof p.receiving_agency, "%s", counterpart_of(p.country));
    demo_name officer;
    demo_name_compose(abroad_thai ? DEMO_THAI : dc->route->script, SEX_FEMALE,
                      demo_rng_next(g) >> 8, &officer);
    snprintf(p.receiving_person, sizeof p.receiving_person, "%s", officer.latin);
    snprintf(p.handover_record, sizeof p.handover_record, "%s",
             "ส่งมอบตัวผู้เสียหายพร้อมเอกสารการเดินทาง แบบบันทึกการส่งต่อ และสิ่งของส่วนตัวครบถ้วน");
    st = store_repatriation_change_state(r->s, &p, REPAT_RETURNED, NULL, &chk, &ch);
    if (st != ST_OK)
        return refused(r, st, "repatriation return", chk.field ? chk.field : repat_change_problem_text(ch));
    return follow_up(r, dc);
}

/* ------------------------------------------------------ reintegration */

static store_status plan_domains(demo_run *r, demo_case *dc, tc_reintegration *p)
{
    static const struct { reint_domain d; const char *goals; const char *services; } domains[] = {
        { REINT_FAMILY, "กลับไปอยู่กับครอบครัวอย่างปลอดภัย", "เยี่ยมบ้านและให้คำปรึกษาครอบครัว" },
        { REINT_LIVELIHOOD, "มีรายได้สม่ำเสมอโดยไม่ต้องพึ่งนายหน้า", "ทุนประกอบอาชีพขนาดเล็ก" },
        { REINT_PSYCHOSOCIAL, "ฟื้นฟูสภาพจิตใจ นอนหลับได้ตามปกติ", "พบนักจิตวิทยาเดือนละครั้ง" },
        { REINT_DOCUMENTS, "ได้รับบัตรประจำตัวและเอกสารทางทะเบียนครบ", "ประสานหน่วยงานทะเบียนท้องถิ่น" },
    };
    for (size_t i = 0; i < COUNT(domains); i++) {
        if (i > 1 && !demo_rng_percent(&dc->rng, 50))
            continue;
        reint_domain_plan *dp = &p->domains[domains[i].d];
        dp->included = true;
        snprintf(dp->goals, sizeof dp->goals, "%s", domains[i].goals);
        snprintf(dp->services, sizeof dp->services, "%s", domains[i].services);
    }
    reint_check chk = { REINT_OK, NULL };
    return refused(r, store_reintegration_save(r->s, p, &chk), "reintegration", chk.field);
}

static store_status record_followup(demo_run *r, demo_case *dc, const tc_reintegration *p,
                                    caldate on)
{
    demo_rng *g = &dc->rng;
    tc_followup f;
    followup_init(&f, p, on);
    snprintf(f.case_id, sizeof f.case_id, "%s", dc->c.id);
    f.method = (followup_method)demo_rng_below(g, FOLLOWUP_METHOD_COUNT);
    if (f.method == FOLLOWUP_PARTNER_REPORT)
        snprintf(f.by_agency, sizeof f.by_agency, "iom");
    unsigned roll = demo_rng_below(g, 100);
    f.risk = roll < 4 ? RISK_HIGH : roll < 20 ? RISK_MEDIUM : RISK_LOW;
    static const char *const findings[RISK_COUNT] = {
        "อยู่กับครอบครัว มีงานทำในหมู่บ้าน สุขภาพแข็งแรงดี",
        "ยังไม่มีงานประจำ มีหนี้สินครอบครัว นายหน้าเดิมเคยติดต่อมา",
        "นายหน้าเดิมชักชวนให้กลับไปทำงานอีกครั้ง ครอบครัวมีหนี้สินสูง ต้องคัดกรองใหม่",
    };
    snprintf(f.findings, sizeof f.findings, "%s", findings[f.risk]);
    reint_check chk = { REINT_OK, NULL };
    return refused(r, store_followup_add(r->s, &f, &chk), "follow-up", chk.field);
}

static store_status close_case(demo_run *r, demo_case *dc, closure_reason why)
{
    stage_closure c;
    memset(&c, 0, sizeof c);
    c.reason = why;
    stage_problem p = STAGE_OK;
    store_status st = store_case_close(r->s, dc->c.id, &c, &p);
    if (st == ST_OK)
        dc->closed = true;
    return refused(r, st, "close", NULL);
}

static store_status follow_up(demo_run *r, demo_case *dc)
{
    tc_reintegration p;
    store_status st = store_reintegration_get(r->s, dc->c.id, &p);
    if (st != ST_OK)
        return refused(r, st, "reintegration get", NULL);
    if (!happens(r, dc, r->at + DAY))
        return ST_OK;
    if ((st = plan_domains(r, dc, &p)) != ST_OK)
        return st;
    while (p.next_known) {
        caldate on = caldate_add_days(p.next_due, demo_rng_below(&dc->rng, 4));
        if (!happens(r, dc, moment(r, on, 10)))
            return ST_OK;
        if ((st = record_followup(r, dc, &p, on)) != ST_OK)
            return st;
        if ((st = store_reintegration_get(r->s, dc->c.id, &p)) != ST_OK)
            return refused(r, st, "reintegration get", NULL);
    }
    /* The schedule has run out: the plan closes, and with it the case. */
    if (!happens(r, dc, r->at + 7 * DAY))
        return ST_OK;
    reint_outcome out = demo_rng_percent(&dc->rng, 85) ? REINT_OUTCOME_REINTEGRATED
                                                       : REINT_OUTCOME_LOST_CONTACT;
    reint_check chk = { REINT_OK, NULL };
    st = store_reintegration_close(r->s, dc->c.id, out, civil(r, r->at), NULL, &chk);
    if (st != ST_OK)
        return refused(r, st, "reintegration close", chk.field);
    return close_case(r, dc, out == REINT_OUTCOME_REINTEGRATED ? CLOSE_REINTEGRATED
                                                             : CLOSE_LOST_CONTACT);
}

/* A person not identified as a victim is helped on and the case closed. */
static store_status maybe_close(demo_run *r, demo_case *dc)
{
    if (dc->closed || !dc->identified || is_victim(dc))
        return ST_OK;
    if (!happens(r, dc, dc->last + 30 * DAY))
        return ST_OK;
    return close_case(r, dc, CLOSE_NOT_IDENTIFIED);
}

/* ------------------------------------------------------------- one case */

static store_status tell_story(demo_run *r, demo_case *dc)
{
    store_status (*const steps[])(demo_run *, demo_case *) = {
        add_case, add_consents, save_intake, screen, identify, add_needs,
        add_notes, add_referrals, end_clocks, plan_return, maybe_close,
    };
    for (size_t i = 0; i < COUNT(steps); i++) {
        store_status st = steps[i](r, dc);
        if (st != ST_OK)
            return st;
    }
    return ST_OK;
}

/* ------------------------------------------------------------ the marks */

static char *marker_path(const store *s)
{
    const char *db = s->db_path;
    const char *slash = strrchr(db, '/');
    size_t dirlen = slash ? (size_t)(slash - db) : 0;
    size_t len = dirlen + 1 + sizeof DEMO_MARKER_FILE;
    char *p = malloc(len + 1);
    if (p)
        snprintf(p, len + 1, "%.*s%s%s", (int)dirlen, db, slash ? "/" : "", DEMO_MARKER_FILE);
    return p;
}

static store_status mark_demo(store *s)
{
    static const char text[] =
        "This tipcase store holds synthetic demo data made by 'tipcase demo'.\n"
        "ที่เก็บข้อมูลนี้เป็นข้อมูลสาธิตที่สร้างขึ้น ไม่ใช่ข้อมูลจริง\n";
    char *path = marker_path(s);
    if (!path)
        return ST_NOMEM;
    bool ok = file_replace_atomic(path, text, sizeof text - 1);
    free(path);
    if (!ok) {
        store_set_error(s, strerror(errno));
        return errno == ENOSPC ? ST_DISK_FULL : ST_IO;
    }
    return store_setting_set(s, DEMO_SETTING_KEY, "1");
}

bool store_is_demo(store *s)
{
    char v[8];
    return s && store_setting_get(s, DEMO_SETTING_KEY, v, sizeof v) == ST_OK && !strcmp(v, "1");
}

bool store_dir_is_demo(const char *dir)
{
    if (!dir || !*dir)
        return false;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, DEMO_MARKER_FILE) >= (int)sizeof path)
        return false;
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* ----------------------------------------------------------- the fill */

static int compare_moments(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The moments the people were met: over `years` fiscal years before now,
 * more of them recently (a team's caseload grows), during office hours,
 * oldest first. */
static int64_t *meeting_moments(const demo_run *r, demo_rng *g, size_t n, int years)
{
    int64_t *at = malloc(n * sizeof *at);
    if (!at)
        return NULL;
    int64_t span = (int64_t)years * 365;
    caldate today = civil(r, r->now);
    for (size_t i = 0; i < n; i++) {
        /* The later of two draws leans towards now. */
        int64_t a = demo_rng_below(g, (unsigned)span), b = demo_rng_below(g, (unsigned)span);
        int64_t ago = 1 + (a < b ? a : b);
        if (demo_rng_percent(g, 3))
            ago = demo_rng_below(g, 3);     /* a few this week, still open */
        caldate d = caldate_add_days(today, -ago);
        at[i] = moment(r, d, 8) + (int64_t)demo_rng_below(g, 9 * 60) * MINUTE;
        if (at[i] > r->now - 6 * HOUR)
            at[i] = r->now - 6 * HOUR - (int64_t)demo_rng_below(g, 600) * MINUTE;
    }
    qsort(at, n, sizeof *at, compare_moments);
    return at;
}

static store_status load_instruments(demo_run *r)
{
    for (int k = 0; k < INST_COUNT; k++) {
        store_status st = store_instrument_load(r->s, instrument_codes[k], 0, &r->inst[k]);
        if (st != ST_OK)
            return refused(r, st, "instrument", instrument_codes[k]);
    }
    return ST_OK;
}

static store_status fill_cases(demo_run *r, const demo_options *o, demo_progress_fn progress,
                               void *ctx)
{
    demo_rng g;
    demo_rng_seed(&g, o->seed);
    int years = o->years > 0 && o->years <= 10 ? o->years : 4;
    int64_t *met = meeting_moments(r, &g, o->cases, years);
    if (!met)
        return ST_NOMEM;
    store_status st = load_instruments(r);
    for (size_t i = 0; st == ST_OK && i < o->cases; i++) {
        /* Cases go in batches: one commit for many calls. */
        if (i % DEMO_BATCH == 0 && (st = store_batch_begin(r->s)) != ST_OK)
            break;
        demo_case dc;
        memset(&dc, 0, sizeof dc);
        /* Each case draws from its own stream, so one case's story never
         * shifts the next one's. */
        demo_rng_seed(&dc.rng, o->seed * 0x100000001B3ull + i + 1);
        dc.met = met[i];
        dc.last = met[i];
        make_person(&dc, met[i], r->offset);
        st = tell_story(r, &dc);
        if (st != ST_OK || (i + 1) % DEMO_BATCH == 0 || i + 1 == o->cases)
            st = store_batch_end(r->s, st);
        if (st == ST_OK && progress)
            progress(i + 1, o->cases, ctx);
    }
    free(met);
    return st;
}

store_status demo_fill(store *s, const demo_options *o, demo_progress_fn progress, void *ctx)
{
    if (!s || !o || o->cases < DEMO_CASES_MIN || o->cases > DEMO_CASES_MAX)
        return ST_INVALID;
    store_status st = mark_demo(s);
    if (st != ST_OK)
        return st;
    demo_run r;
    memset(&r, 0, sizeof r);
    r.s = s;
    tc_clock real = s->clock;
    r.now = tc_now(&real);
    r.at = r.now;
    r.offset = real.utc_offset;
    s->clock = (tc_clock){ demo_clock_now, &r, real.utc_offset };
    /* Synthetic data need no flush per write: one at the end does.  A
     * larger page cache keeps a batch's pages decrypted and unwritten
     * until its commit. */
    st = store_exec(s, "PRAGMA synchronous = OFF; PRAGMA cache_size = -32768");
    if (st == ST_OK)
        st = fill_cases(&r, o, progress, ctx);
    s->clock = real;
    store_status done = store_exec(s, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000");
    if (done == ST_OK)
        done = store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)");
    for (int k = 0; k < INST_COUNT; k++)
        instrument_free(r.inst[k]);
    return st != ST_OK ? st : done;
}
