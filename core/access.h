/* access.h - who may do what: the one table of roles and operations.
 *
 * Every store call that reads or changes data asks this table about the
 * acting officer (store_me()) before it touches SQL, so a screen or a
 * command that forgot a check still cannot show or change what the role
 * does not allow.  Screens ask it too, only to hide keys that would be
 * refused anyway.
 *
 * The roles (core/officer.h):
 *   admin       the office's head on this laptop: officers, the directory
 *               (agencies, code lists, instruments), settings; and, because
 *               the store's first officer is an admin and a small office has
 *               no one else, everything a supervisor may do.
 *   supervisor  every case of the store, reports of the whole store,
 *               exports, hand-over, backup, settings.
 *   inspector, social worker, border officer ("field roles")
 *               open cases; read and change the cases they recorded or are
 *               assigned to, nobody else's; reports of their own work only;
 *               no export, hand-over, backup, settings, officers or
 *               directory.
 *
 * Witness, informant and suspect details (ACCESS_PARTIES) follow the case:
 * the case's officers (who recorded it, who is assigned) and supervisors
 * and admins.  Pure: no I/O. */
#ifndef TC_ACCESS_H
#define TC_ACCESS_H
#include <stdbool.h>
#include "officer.h"

typedef enum access_op {
    ACCESS_OFFICERS = 0,    /* add or remove officers */
    ACCESS_DIRECTORY,       /* change agencies, code lists, instruments */
    ACCESS_SETTINGS,        /* change the store's settings */
    ACCESS_CASE_CREATE,     /* open a new case */
    ACCESS_CASE_READ,       /* see a case and its record (needs the case) */
    ACCESS_CASE_WRITE,      /* add to or change a case's record (needs the case) */
    ACCESS_CASE_ASSIGN,     /* give a case to another officer */
    ACCESS_PARTIES,         /* witness, informant, suspect details (needs the case) */
    ACCESS_ALL_CASES,       /* lists, due-soon, dashboards over every case */
    ACCESS_REPORT_ALL,      /* reports over the whole store */
    ACCESS_REPORT_OWN,      /* reports over the officer's own cases */
    ACCESS_EXPORT,          /* the HTCDS export, report files */
    ACCESS_HANDOVER,        /* identity, peers, hand over, receive, conflicts */
    ACCESS_BACKUP,          /* a backup of the whole store */
    ACCESS_OP_COUNT
} access_op;

/* Stable code of an operation ("case.read"), for the audit trail and tests. */
const char *access_op_code(access_op op);

/* How the acting officer stands to the case an operation is about.  Ignored
 * by the operations that are not about one case. */
typedef enum case_relation {
    CASE_REL_NONE = 0,      /* neither recorded it nor is assigned to it */
    CASE_REL_OWN,           /* recorded it, or is its assigned officer */
} case_relation;

/* The relation of officer_id to a case recorded by created_by and assigned
 * to assigned (either may be "" or NULL). */
case_relation access_relation(const char *officer_id, const char *created_by,
                              const char *assigned);

/* May an officer of role r do op on a case it stands to as rel? */
bool access_allows(officer_role r, access_op op, case_relation rel);

/* Does role r see every case (lists are not narrowed to its own)? */
bool access_sees_all_cases(officer_role r);

/* Why r may not do op on a case it stands to as rel: an English msgid for
 * _(), e.g. "Only the case's officers and supervisors may see this case."
 * NULL when it may. */
const char *access_refusal_text(officer_role r, access_op op, case_relation rel);

#endif
