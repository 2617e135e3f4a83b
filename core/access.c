/* access.c - the table of roles and operations (see access.h). */
#include "access.h"
#include <string.h>
#include "msg.h"

static const char *const op_codes[ACCESS_OP_COUNT] = {
    [ACCESS_OFFICERS] = "officers",
    [ACCESS_DIRECTORY] = "directory",
    [ACCESS_SETTINGS] = "settings",
    [ACCESS_CASE_CREATE] = "case.create",
    [ACCESS_CASE_READ] = "case.read",
    [ACCESS_CASE_WRITE] = "case.write",
    [ACCESS_CASE_ASSIGN] = "case.assign",
    [ACCESS_PARTIES] = "case.parties",
    [ACCESS_ALL_CASES] = "cases.all",
    [ACCESS_REPORT_ALL] = "report.all",
    [ACCESS_REPORT_OWN] = "report.own",
    [ACCESS_EXPORT] = "export",
    [ACCESS_HANDOVER] = "handover",
    [ACCESS_BACKUP] = "backup",
};

const char *access_op_code(access_op op)
{
    return (unsigned)op < ACCESS_OP_COUNT ? op_codes[op] : "";
}

case_relation access_relation(const char *officer_id, const char *created_by,
                              const char *assigned)
{
    if (!officer_id || !officer_id[0])
        return CASE_REL_NONE;
    if ((created_by && strcmp(created_by, officer_id) == 0)
        || (assigned && strcmp(assigned, officer_id) == 0))
        return CASE_REL_OWN;
    return CASE_REL_NONE;
}

/* What each kind of officer may do, whatever the case. */
enum reach { NO, OWN_CASES, YES };

static enum reach reach_of(officer_role r, access_op op)
{
    bool head = r == ROLE_ADMIN || r == ROLE_SUPERVISOR;
    switch (op) {
    case ACCESS_OFFICERS:
    case ACCESS_DIRECTORY:
        return r == ROLE_ADMIN ? YES : NO;
    case ACCESS_SETTINGS:
    case ACCESS_CASE_ASSIGN:
    case ACCESS_ALL_CASES:
    case ACCESS_REPORT_ALL:
    case ACCESS_EXPORT:
    case ACCESS_HANDOVER:
    case ACCESS_BACKUP:
        return head ? YES : NO;
    case ACCESS_CASE_CREATE:
    case ACCESS_REPORT_OWN:
        return (unsigned)r < ROLE_COUNT ? YES : NO;
    case ACCESS_CASE_READ:
    case ACCESS_CASE_WRITE:
    case ACCESS_PARTIES:
        return head ? YES : (unsigned)r < ROLE_COUNT ? OWN_CASES : NO;
    case ACCESS_OP_COUNT:
        break;
    }
    return NO;
}

bool access_allows(officer_role r, access_op op, case_relation rel)
{
    enum reach how = reach_of(r, op);
    return how == YES || (how == OWN_CASES && rel == CASE_REL_OWN);
}

bool access_sees_all_cases(officer_role r)
{
    return access_allows(r, ACCESS_ALL_CASES, CASE_REL_NONE);
}

const char *access_refusal_text(officer_role r, access_op op, case_relation rel)
{
    if (access_allows(r, op, rel))
        return NULL;
    switch (op) {
    case ACCESS_OFFICERS:
    case ACCESS_DIRECTORY:
        return N_("Only an administrator may do this.");
    case ACCESS_CASE_READ:
    case ACCESS_CASE_WRITE:
        return N_("Only the case's officers and supervisors may open this case.");
    case ACCESS_PARTIES:
        return N_("Only the case's officers and supervisors may see witnesses, informants and suspects.");
    case ACCESS_REPORT_ALL:
        return N_("Only supervisors may report on the whole store; you may report on your own cases.");
    default:
        return N_("Only a supervisor or an administrator may do this.");
    }
}
