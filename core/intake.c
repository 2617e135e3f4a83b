/* intake.c - the intake record: built-in list rows, validation.
 *
 * Like the case record, an intake is validated before it is stored and
 * again when it arrives from another laptop, so nothing here trusts a
 * buffer to be terminated or a count to be in range. */
#include "core/intake.h"

#include <string.h>

#include "core/codes.h"
#include "core/fieldtext.h"
#include "core/msg.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ crossing */

/* Codes are stored in the database: never rename one. */
static const code_label crossings[CROSSING_COUNT] = {
    [CROSSING_UNKNOWN] = { "unknown", N_("Unknown") },
    [CROSSING_CHECKPOINT] = { "checkpoint", N_("Official checkpoint") },
    [CROSSING_NATURAL_CHANNEL] = { "natural_channel", N_("Natural channel") },
    [CROSSING_NOT_CROSSED] = { "not_crossed", N_("No border crossed") },
};

static bool crossing_in_range(intake_crossing c)
{
    return (int)c >= 0 && c < CROSSING_COUNT;
}

const char *crossing_code(intake_crossing c)
{
    return crossings[crossing_in_range(c) ? c : CROSSING_UNKNOWN].code;
}

bool crossing_from_code(const char *code, intake_crossing *out)
{
    int i;
    if (!codes_find(crossings, CROSSING_COUNT, code, &i))
        return false;
    *out = (intake_crossing)i;
    return true;
}

const char *crossing_label(intake_crossing c)
{
    return crossings[crossing_in_range(c) ? c : CROSSING_UNKNOWN].label;
}

/* ------------------------------------------------------ built-in lists */

/* The Thai labels are the msgstr of each msgid in po/: one wording in the
 * store and in the catalogue.  Codes are stored; never rename one. */

static const tc_code_row sector_rows[] = {
    { "fishing", N_("Fishing"), "ประมง", NULL },
    { "seafood_processing", N_("Seafood processing"), "แปรรูปสัตว์น้ำ", NULL },
    { "agriculture", N_("Agriculture"), "เกษตรกรรม", NULL },
    { "construction", N_("Construction"), "ก่อสร้าง", NULL },
    { "domestic_work", N_("Domestic work"), "งานรับใช้ในบ้าน", NULL },
    { "manufacturing", N_("Manufacturing"), "อุตสาหกรรมการผลิต", NULL },
    { "entertainment", N_("Entertainment"), "สถานบันเทิง", NULL },
    { "begging", N_("Begging"), "ขอทาน", NULL },
    { "online_scam", N_("Online scam"), "ธุรกิจหลอกลวงออนไลน์", NULL },
    { "online_gambling", N_("Online gambling"), "ธุรกิจการพนันออนไลน์", NULL },
    { "other", N_("Other"), "อื่น ๆ", NULL },
};

/* Act s.6 purposes and the forms the seeds name; never preselected. */
static const tc_code_row exploitation_rows[] = {
    { "forced_labour", N_("Forced labour or services"), "การบังคับใช้แรงงานหรือบริการ", NULL },
    { "debt_bondage", N_("Debt bondage"), "หนี้สินที่ผูกพัน", NULL },
    { "sexual_exploitation", N_("Sexual exploitation"), "การแสวงหาประโยชน์ทางเพศ", NULL },
    { "forced_criminality", N_("Forced criminality (online scams)"),
      "การบังคับให้กระทำความผิดทางอาญา (หลอกลวงออนไลน์)", NULL },
    { "online_gambling", N_("Forced work in online gambling"),
      "การบังคับให้ทำงานในธุรกิจการพนันออนไลน์", NULL },
    { "child_sexual_online", N_("Online child sexual exploitation"),
      "การแสวงหาประโยชน์ทางเพศจากเด็กทางออนไลน์", NULL },
    { "slavery", N_("Slavery or servitude"), "ความเป็นทาสหรือภาวะจำยอม", NULL },
    { "organ_removal", N_("Organ removal"), "การตัดอวัยวะเพื่อการค้า", NULL },
    { "surrogacy", N_("Surrogacy"), "การรับจ้างอุ้มบุญ", NULL },
    { "illegal_adoption", N_("Illegal adoption"), "การรับบุตรบุญธรรมที่ผิดกฎหมาย", NULL },
    { "forced_marriage", N_("Forced marriage"), "การบังคับแต่งงาน", NULL },
    { "forced_begging", N_("Forced begging"), "การบังคับให้ขอทาน", NULL },
    { "other", N_("Other"), "อื่น ๆ", NULL },
};

static const tc_code_row channel_rows[] = {
    { "facebook", N_("Online: Facebook"), "ออนไลน์: Facebook", "online" },
    { "line", N_("Online: LINE"), "ออนไลน์: LINE", "online" },
    { "tiktok", N_("Online: TikTok"), "ออนไลน์: TikTok", "online" },
    { "telegram", N_("Online: Telegram"), "ออนไลน์: Telegram", "online" },
    { "whatsapp", N_("Online: WhatsApp"), "ออนไลน์: WhatsApp", "online" },
    { "wechat", N_("Online: WeChat"), "ออนไลน์: WeChat", "online" },
    { "online_other", N_("Online: other"), "ออนไลน์: อื่น ๆ", "online" },
    { "broker", N_("Broker"), "นายหน้า", NULL },
    { "relative", N_("Relative"), "ญาติ", NULL },
    { "friend", N_("Friend or acquaintance"), "เพื่อนหรือคนรู้จัก", NULL },
    { "agency", N_("Recruitment agency"), "บริษัทจัดหางาน", NULL },
    { "other", N_("Other"), "อื่น ๆ", NULL },
};

static const tc_code_row document_rows[] = {
    { "passport", N_("Passport"), "หนังสือเดินทาง", NULL },
    { "id_card", N_("Identity card"), "บัตรประจำตัวประชาชน", NULL },
    { "pink_card", N_("Pink card"), "บัตรสีชมพู", NULL },
    { "work_permit", N_("Work permit"), "ใบอนุญาตทำงาน", NULL },
    { "seaman_book", N_("Seaman book"), "หนังสือคนประจำเรือ", NULL },
    { "other", N_("Other document"), "เอกสารอื่น", NULL },
};

static const tc_code_row holder_rows[] = {
    { "person", N_("Held by the person"), "บุคคลนั้นถือไว้เอง", NULL },
    { "employer", N_("Held by the employer"), "นายจ้างถือไว้", NULL },
    { "broker", N_("Held by a broker"), "นายหน้าถือไว้", NULL },
    { "other", N_("Held by someone else"), "ผู้อื่นถือไว้", NULL },
    { "none", N_("Nobody (lost or never issued)"), "ไม่มีผู้ถือ (สูญหายหรือไม่เคยได้รับ)", NULL },
    { "unknown", N_("Unknown"), "ไม่ทราบ", NULL },
};

/* Immigration status, apart from victim status [verify the list with
 * immigration officers]. */
static const tc_code_row immigration_rows[] = {
    { "unknown", N_("Unknown"), "ไม่ทราบ", NULL },
    { "thai_national", N_("Thai national"), "ผู้มีสัญชาติไทย", NULL },
    { "regular", N_("Legal entry and stay"), "เข้าเมืองและอยู่อย่างถูกกฎหมาย", NULL },
    { "irregular_entry", N_("Entered irregularly"), "เข้าเมืองโดยไม่ถูกต้องตามกฎหมาย", NULL },
    { "overstay", N_("Stayed beyond the permitted period"),
      "อยู่เกินกำหนดระยะเวลาที่ได้รับอนุญาต", NULL },
    { "permit_expired", N_("Work permit expired"), "ใบอนุญาตทำงานหมดอายุ", NULL },
    { "nationality_pending", N_("Nationality verification pending"),
      "อยู่ระหว่างการพิสูจน์สัญชาติ", NULL },
    { "temporary_stay", N_("Temporary stay permitted"),
      "ได้รับอนุญาตให้อยู่ในราชอาณาจักรเป็นการชั่วคราว", NULL },
    { "other", N_("Other"), "อื่น ๆ", NULL },
};

#define LIST_OF(rows) ((tc_code_list){ (rows), COUNT(rows) })

tc_code_list intake_default_sectors(void) { return LIST_OF(sector_rows); }
tc_code_list intake_default_exploitation_types(void) { return LIST_OF(exploitation_rows); }
tc_code_list intake_default_recruitment_channels(void) { return LIST_OF(channel_rows); }
tc_code_list intake_default_document_kinds(void) { return LIST_OF(document_rows); }
tc_code_list intake_default_document_holders(void) { return LIST_OF(holder_rows); }
tc_code_list intake_default_immigration_statuses(void) { return LIST_OF(immigration_rows); }

intake_lists intake_default_lists(void)
{
    intake_lists l = {
        .sectors = intake_default_sectors(),
        .exploitation_types = intake_default_exploitation_types(),
        .recruitment_channels = intake_default_recruitment_channels(),
        .document_kinds = intake_default_document_kinds(),
        .document_holders = intake_default_document_holders(),
        .immigration_statuses = intake_default_immigration_statuses(),
    };
    return l;
}

/* ---------------------------------------------------------------- init */

void intake_init(tc_intake *in)
{
    memset(in, 0, sizeof *in);
    in->crossing = CROSSING_UNKNOWN;
}

/* ---------------------------------------------------------- validation */

static intake_check problem(intake_problem p, const char *field)
{
    intake_check c = { p, field };
    return c;
}

static intake_check ok(void)
{
    return problem(INTAKE_OK, NULL);
}

/* "" (not known yet) or a code in the list. */
static bool code_allowed(const char *code, size_t size, tc_code_list list)
{
    if (!field_terminated(code, size))
        return false;
    return code[0] == '\0' || code_list_has(list, code);
}

/* "" (not known yet) or a country a route can name. */
static bool country_allowed(const char *code)
{
    if (!field_terminated(code, 3))
        return false;
    return code[0] == '\0' || field_country_code_valid(code);
}

static intake_check check_text(const char *text, const char *field)
{
    switch (field_text_check(text, INTAKE_TEXT_MAX, false)) {
    case FIELD_TEXT_TOO_LONG: return problem(INTAKE_TEXT_TOO_LONG, field);
    case FIELD_TEXT_BAD: return problem(INTAKE_TEXT_BAD, field);
    case FIELD_TEXT_OK: break;
    }
    return ok();
}

static intake_check check_place(const tc_intake *in, const intake_lists *lists)
{
    intake_check c = check_text(in->district, "district");
    if (c.problem == INTAKE_OK)
        c = check_text(in->establishment, "establishment");
    if (c.problem == INTAKE_OK && !code_allowed(in->sector, sizeof in->sector, lists->sectors))
        c = problem(INTAKE_SECTOR_UNKNOWN, "sector");
    return c;
}

static intake_check check_transit(const tc_intake *in)
{
    if (in->n_transit < 0 || in->n_transit > INTAKE_MAX_TRANSIT)
        return problem(INTAKE_TOO_MANY, "transit");
    for (int i = 0; i < in->n_transit; i++) {
        /* A transit slot names a country: an empty one is a form error. */
        if (!field_terminated(in->transit[i], 3) || !field_country_code_valid(in->transit[i]))
            return problem(INTAKE_COUNTRY_UNKNOWN, "transit");
        /* The list is the set of countries passed through, not an
         * itinerary, so a repeat is a typing slip. */
        for (int j = 0; j < i; j++)
            if (strcmp(in->transit[i], in->transit[j]) == 0)
                return problem(INTAKE_TRANSIT_REPEATED, "transit");
    }
    return ok();
}

/* A route that names two different countries, or a transit country,
 * crossed a border. */
static bool route_crosses_border(const tc_intake *in)
{
    if (in->n_transit > 0)
        return true;
    return in->origin[0] && in->exploitation_country[0]
           && strcmp(in->origin, in->exploitation_country) != 0;
}

static intake_check check_route(const tc_intake *in)
{
    if (!country_allowed(in->origin))
        return problem(INTAKE_COUNTRY_UNKNOWN, "origin");
    intake_check c = check_transit(in);
    if (c.problem != INTAKE_OK)
        return c;
    if (!country_allowed(in->exploitation_country))
        return problem(INTAKE_COUNTRY_UNKNOWN, "exploitation_country");
    if (!crossing_in_range(in->crossing))
        return problem(INTAKE_CROSSING_INVALID, "crossing");
    if (in->crossing == CROSSING_NOT_CROSSED && route_crosses_border(in))
        return problem(INTAKE_CROSSING_CONTRADICTS_ROUTE, "crossing");
    return check_text(in->crossing_point, "crossing_point");
}

static intake_check check_exploitation_types(const tc_intake *in, const intake_lists *lists)
{
    if (in->n_exploitation < 0 || in->n_exploitation > INTAKE_MAX_EXPLOITATION)
        return problem(INTAKE_TOO_MANY, "exploitation");
    for (int i = 0; i < in->n_exploitation; i++) {
        const char *code = in->exploitation[i];
        if (!field_terminated(code, sizeof in->exploitation[i])
            || !code_list_has(lists->exploitation_types, code))
            return problem(INTAKE_EXPLOITATION_UNKNOWN, "exploitation");
        for (int j = 0; j < i; j++)
            if (strcmp(code, in->exploitation[j]) == 0)
                return problem(INTAKE_EXPLOITATION_REPEATED, "exploitation");
    }
    return ok();
}

static intake_check check_date(bool known, caldate d, caldate today, const char *field)
{
    if (!known)
        return ok();
    if (!caldate_valid(d))
        return problem(INTAKE_DATE_INVALID, field);
    if (caldate_compare(d, today) > 0)
        return problem(INTAKE_DATE_IN_FUTURE, field);
    return ok();
}

static intake_check check_dates(const tc_intake *in, caldate today)
{
    intake_check c = check_date(in->exploitation_from_known, in->exploitation_from, today,
                                "exploitation_from");
    if (c.problem == INTAKE_OK)
        c = check_date(in->exploitation_to_known, in->exploitation_to, today, "exploitation_to");
    if (c.problem == INTAKE_OK && in->exploitation_from_known && in->exploitation_to_known
        && caldate_compare(in->exploitation_to, in->exploitation_from) < 0)
        c = problem(INTAKE_DATES_REVERSED, "exploitation_to");
    return c;
}

static intake_check check_documents(const tc_intake *in, const intake_lists *lists)
{
    if (in->n_documents < 0 || in->n_documents > INTAKE_MAX_DOCUMENTS)
        return problem(INTAKE_TOO_MANY, "documents");
    for (int i = 0; i < in->n_documents; i++) {
        const intake_document *d = &in->documents[i];
        if (!field_terminated(d->kind, sizeof d->kind)
            || !code_list_has(lists->document_kinds, d->kind))
            return problem(INTAKE_DOCUMENT_UNKNOWN, "documents");
        if (!field_terminated(d->holder, sizeof d->holder)
            || !code_list_has(lists->document_holders, d->holder))
            return problem(INTAKE_HOLDER_UNKNOWN, "documents");
        for (int j = 0; j < i; j++)
            if (strcmp(d->kind, in->documents[j].kind) == 0)
                return problem(INTAKE_DOCUMENT_REPEATED, "documents");
    }
    return ok();
}

intake_check intake_validate(const tc_intake *in, const intake_lists *lists, caldate today)
{
    intake_check c = check_place(in, lists);
    if (c.problem == INTAKE_OK)
        c = check_route(in);
    if (c.problem == INTAKE_OK)
        c = check_exploitation_types(in, lists);
    if (c.problem == INTAKE_OK)
        c = check_dates(in, today);
    if (c.problem == INTAKE_OK
        && !code_allowed(in->recruitment, sizeof in->recruitment, lists->recruitment_channels))
        c = problem(INTAKE_CHANNEL_UNKNOWN, "recruitment");
    if (c.problem == INTAKE_OK)
        c = check_documents(in, lists);
    if (c.problem == INTAKE_OK
        && !code_allowed(in->immigration, sizeof in->immigration, lists->immigration_statuses))
        c = problem(INTAKE_IMMIGRATION_UNKNOWN, "immigration");
    return c;
}

static const char *const intake_texts[INTAKE_PROBLEM_COUNT] = {
    [INTAKE_OK] = N_("The intake record is complete."),
    [INTAKE_TEXT_BAD] = N_("This text cannot contain control characters or invalid text."),
    [INTAKE_TEXT_TOO_LONG] = N_("This text is too long."),
    [INTAKE_SECTOR_UNKNOWN] = N_("The sector is not one of the listed ones."),
    [INTAKE_COUNTRY_UNKNOWN] = N_("A country is not a known country code."),
    [INTAKE_TRANSIT_REPEATED] = N_("The same transit country is entered twice."),
    [INTAKE_TOO_MANY] = N_("The list has too many entries."),
    [INTAKE_CROSSING_INVALID] = N_("Choose how the border was crossed, or Unknown."),
    [INTAKE_CROSSING_CONTRADICTS_ROUTE] =
        N_("The route crosses a border, but the crossing says no border was crossed."),
    [INTAKE_EXPLOITATION_UNKNOWN] = N_("A type of exploitation is not one of the listed ones."),
    [INTAKE_EXPLOITATION_REPEATED] = N_("The same type of exploitation is entered twice."),
    [INTAKE_DATE_INVALID] = N_("This date is not a real calendar date."),
    [INTAKE_DATE_IN_FUTURE] = N_("This date cannot be in the future."),
    [INTAKE_DATES_REVERSED] = N_("The exploitation cannot end before it began."),
    [INTAKE_CHANNEL_UNKNOWN] = N_("The recruitment channel is not one of the listed ones."),
    [INTAKE_DOCUMENT_UNKNOWN] = N_("A document is not one of the listed kinds."),
    [INTAKE_HOLDER_UNKNOWN] = N_("Choose who holds each document."),
    [INTAKE_DOCUMENT_REPEATED] = N_("The same kind of document is entered twice."),
    [INTAKE_IMMIGRATION_UNKNOWN] = N_("The immigration status is not one of the listed ones."),
};

const char *intake_problem_text(intake_problem p)
{
    if ((int)p < 0 || p >= INTAKE_PROBLEM_COUNT)
        return N_("The intake record is not valid.");
    return intake_texts[p];
}

bool intake_recruited_online(const tc_intake *in, const intake_lists *lists)
{
    if (!field_terminated(in->recruitment, sizeof in->recruitment))
        return false;
    const tc_code_row *row = code_list_find(lists->recruitment_channels, in->recruitment);
    return row && row->group && strcmp(row->group, "online") == 0;
}
