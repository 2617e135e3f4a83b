/* codelist.c - finding codes in a list and checking rows an administrator
 * adds. */
#include "core/codelist.h"

#include <string.h>

#include "core/fieldtext.h"
#include "core/msg.h"

const tc_code_row *code_list_find(tc_code_list list, const char *code)
{
    if (!code || !*code || !list.rows)
        return NULL;
    for (size_t i = 0; i < list.count; i++)
        if (list.rows[i].code && strcmp(list.rows[i].code, code) == 0)
            return &list.rows[i];
    return NULL;
}

static bool is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

bool code_well_formed(const char *code)
{
    if (!code || !is_lower(code[0]))
        return false;
    size_t n = 0;
    for (; n <= TC_CODE_MAX && code[n]; n++)
        if (!is_lower(code[n]) && !is_digit(code[n]) && code[n] != '_')
            return false;
    return n <= TC_CODE_MAX;
}

/* Length and text first: field_has_visible() needs a terminated string. */
static code_row_problem check_label(const char *label)
{
    switch (field_text_check(label, TC_LABEL_MAX, false)) {
    case FIELD_TEXT_TOO_LONG: return CODE_ROW_LABEL_TOO_LONG;
    case FIELD_TEXT_BAD: return CODE_ROW_LABEL_BAD_TEXT;
    case FIELD_TEXT_OK: break;
    }
    return field_has_visible(label) ? CODE_ROW_OK : CODE_ROW_LABEL_MISSING;
}

code_row_problem code_row_validate(const tc_code_row *row, tc_code_list existing)
{
    if (!code_well_formed(row->code))
        return CODE_ROW_CODE_BAD;
    if (row->group && *row->group && !code_well_formed(row->group))
        return CODE_ROW_CODE_BAD;
    if (code_list_has(existing, row->code))
        return CODE_ROW_CODE_TAKEN;
    code_row_problem p = check_label(row->label);
    if (p == CODE_ROW_OK)
        p = check_label(row->label_th);
    return p;
}

static const char *const code_row_texts[CODE_ROW_PROBLEM_COUNT] = {
    [CODE_ROW_OK] = N_("The list entry is complete."),
    [CODE_ROW_CODE_BAD] = N_("A code may contain only lower-case English letters, digits "
                             "and underscores, must start with a letter and can be at "
                             "most 24 characters long."),
    [CODE_ROW_CODE_TAKEN] = N_("This code is already in the list."),
    [CODE_ROW_LABEL_MISSING] = N_("Enter the label in both English and Thai."),
    [CODE_ROW_LABEL_BAD_TEXT] = N_("A label cannot contain control characters or invalid text."),
    [CODE_ROW_LABEL_TOO_LONG] = N_("A label is too long."),
};

const char *code_row_problem_text(code_row_problem p)
{
    if ((int)p < 0 || p >= CODE_ROW_PROBLEM_COUNT)
        return N_("The list entry is not valid.");
    return code_row_texts[p];
}
