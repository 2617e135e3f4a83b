/* inspection.c - checking a labour inspection record. */
#include "core/inspection.h"

#include <string.h>

#include "core/fieldtext.h"
#include "core/geo.h"
#include "core/msg.h"

void inspection_init(tc_inspection *in)
{
    memset(in, 0, sizeof *in);
}

static inspection_check problem(inspection_problem p, const char *field)
{
    inspection_check c = { p, field };
    return c;
}

static inspection_check check_text(const char *text, size_t max, const char *field)
{
    switch (field_text_check(text, max, false)) {
    case FIELD_TEXT_TOO_LONG: return problem(INSPECTION_TEXT_TOO_LONG, field);
    case FIELD_TEXT_BAD: return problem(INSPECTION_TEXT_BAD, field);
    case FIELD_TEXT_OK: break;
    }
    return problem(INSPECTION_OK, NULL);
}

/* "" (not known) or a code of the list; a buffer without its NUL is bad. */
static bool code_allowed(const char *code, tc_code_list list)
{
    return field_terminated(code, TC_CODE_MAX + 1)
        && (code[0] == '\0' || code_list_has(list, code));
}

static bool province_allowed(const char *code)
{
    return field_terminated(code, TC_CODE_MAX + 1)
        && (code[0] == '\0' || geo_province(code) != NULL);
}

static inspection_check check_place(const tc_inspection *in, tc_code_list sectors)
{
    inspection_check c = check_text(in->establishment, INSPECTION_TEXT_MAX, "establishment");
    if (c.problem != INSPECTION_OK)
        return c;
    if (!field_has_visible(in->establishment))
        return problem(INSPECTION_ESTABLISHMENT_MISSING, "establishment");
    if (!code_allowed(in->sector, sectors))
        return problem(INSPECTION_SECTOR_UNKNOWN, "sector");
    if (!province_allowed(in->province))
        return problem(INSPECTION_PROVINCE_UNKNOWN, "province");
    return check_text(in->district, INSPECTION_TEXT_MAX, "district");
}

static bool count_in_range(int n)
{
    return n >= 0 && n <= INSPECTION_WORKERS_MAX;
}

inspection_check inspection_validate(const tc_inspection *in, tc_code_list sectors,
                                     caldate today)
{
    inspection_check c = check_place(in, sectors);
    if (c.problem != INSPECTION_OK)
        return c;
    if (!caldate_valid(in->date))
        return problem(INSPECTION_DATE_INVALID, "date");
    if (caldate_compare(in->date, today) > 0)
        return problem(INSPECTION_DATE_IN_FUTURE, "date");
    c = check_text(in->joint_team, INSPECTION_TEAM_MAX, "joint_team");
    if (c.problem != INSPECTION_OK)
        return c;
    if (!count_in_range(in->workers_met))
        return problem(INSPECTION_WORKERS_OUT_OF_RANGE, "workers_met");
    if (!count_in_range(in->workers_screened))
        return problem(INSPECTION_WORKERS_OUT_OF_RANGE, "workers_screened");
    if (in->workers_screened > in->workers_met)
        return problem(INSPECTION_SCREENED_MORE_THAN_MET, "workers_screened");
    return problem(INSPECTION_OK, NULL);
}

static const char *const inspection_texts[INSPECTION_PROBLEM_COUNT] = {
    [INSPECTION_OK] = N_("The inspection record is complete."),
    [INSPECTION_ESTABLISHMENT_MISSING] = N_("Enter the establishment that was inspected."),
    [INSPECTION_TEXT_BAD] = N_("This text cannot contain control characters or invalid text."),
    [INSPECTION_TEXT_TOO_LONG] = N_("This text is too long."),
    [INSPECTION_SECTOR_UNKNOWN] = N_("The sector is not one of the listed ones."),
    [INSPECTION_PROVINCE_UNKNOWN] =
        N_("Unknown province: use its Thai or English name or its code (TH-10)."),
    [INSPECTION_DATE_INVALID] = N_("This date is not a real calendar date."),
    [INSPECTION_DATE_IN_FUTURE] = N_("This date cannot be in the future."),
    [INSPECTION_WORKERS_OUT_OF_RANGE] = N_("Enter a number of workers from 0 to 100000."),
    [INSPECTION_SCREENED_MORE_THAN_MET] =
        N_("More workers were screened than were met: check both numbers."),
};

const char *inspection_problem_text(inspection_problem p)
{
    if ((int)p < 0 || p >= INSPECTION_PROBLEM_COUNT)
        return N_("The inspection record is not valid.");
    return inspection_texts[p];
}
