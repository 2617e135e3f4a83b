/* parties.c - witnesses, informants and suspects of a case (db/parties.h):
 * a versioned table (db/record_internal.h) behind the case's access check.
 *
 * The check comes first in every call, and inside the write transaction
 * for the changes, so that the case cannot be given to someone else
 * between the check and the write. */
#include "config.h"
#include "db/parties.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/fieldtext.h"
#include "db/record_internal.h"

/* ------------------------------------------------------------ the table */

static void bind_party(sqlite3_stmt *q, int first, const void *rec)
{
    const tc_party *p = rec;
    int i = first;
    rec_bind_text(q, i++, p->case_id);
    rec_bind_text(q, i++, party_kind_code(p->kind));
    rec_bind_text(q, i++, p->name);
    rec_bind_text(q, i++, p->relation);
    rec_bind_text(q, i++, p->contact);
    rec_bind_text(q, i++, p->details);
    rec_bind_text(q, i, p->withdrawn_reason);
}

static void read_party(sqlite3_stmt *q, int first, void *rec)
{
    tc_party *p = rec;
    party_init(p);
    int i = first;
    store_column_copy(q, i++, p->case_id, sizeof p->case_id);
    if (!party_kind_from_code(store_column_text(q, i++), &p->kind))
        p->kind = PARTY_KIND_COUNT;     /* a code this tipcase does not know */
    store_column_copy(q, i++, p->name, sizeof p->name);
    store_column_copy(q, i++, p->relation, sizeof p->relation);
    store_column_copy(q, i++, p->contact, sizeof p->contact);
    store_column_copy(q, i++, p->details, sizeof p->details);
    store_column_copy(q, i, p->withdrawn_reason, sizeof p->withdrawn_reason);
}

static void put_party_common(void *rec, const record_common *c)
{
    tc_party *p = rec;
    p->version = c->version;
    p->withdrawn = c->withdrawn;
    REC_COPY_STAMPS(p, c);
}

static void get_party_common(const void *rec, record_common *c)
{
    const tc_party *p = rec;
    memset(c, 0, sizeof *c);
    c->version = p->version;
    c->withdrawn = p->withdrawn;
    REC_COPY_STAMPS(c, p);
}

/* Not in record_table_of(): store_record_withdraw() and the timeline walk
 * those kinds without this module's access check. */
static const record_table party_table = {
    "parties", "case_id, kind, name, relation, contact, details, withdrawn_reason", 7,
    sizeof(tc_party), bind_party, read_party, put_party_common, get_party_common,
};

/* ------------------------------------------------------------- access */

/* May the acting officer see the parties of the case the stored party id
 * belongs to?  Reads only that party's case id. */
static store_status access_by_party(store *s, const char *id)
{
    return store_case_access_by(s, "SELECT case_id FROM parties WHERE record_id = ?1 LIMIT 1",
                                id, ACCESS_PARTIES);
}

/* The access check, then that the case exists (a role that reaches every
 * case is answered without reading the case). */
static store_status access_to_case(store *s, const char *case_id)
{
    store_status st = store_case_access(s, case_id, ACCESS_PARTIES);
    return st == ST_OK ? store_case_exists(s, case_id) : st;
}

/* ---------------------------------------------------------- the calls */

static store_status validate(const tc_party *p, party_check *problem)
{
    party_check chk = party_validate(p);
    if (problem)
        *problem = chk;
    return chk.problem == PARTY_OK ? ST_OK : ST_INVALID;
}

static void clear_problem(party_check *problem)
{
    if (problem)
        *problem = (party_check){ PARTY_OK, NULL };
}

static store_status add_in_tx(store *s, tc_party *p)
{
    store_status st = access_to_case(s, p->case_id);
    if (st != ST_OK)
        return st;
    return record_add(s, &party_table, p, "party.add");
}

store_status store_party_add(store *s, tc_party *p, party_check *problem)
{
    clear_problem(problem);
    if (!field_terminated(p->case_id, sizeof p->case_id))
        return ST_NOT_FOUND;
    tc_party *work = malloc(sizeof *work);
    if (!work)
        return ST_NOMEM;
    *work = *p;
    work->id[0] = '\0';
    work->version = 0;
    work->withdrawn = false;
    work->withdrawn_reason[0] = '\0';
    /* Validation reads only what the caller gave, never the store: a
     * refusal for the content tells nothing about the case. */
    store_status st = validate(work, problem);
    if (st == ST_OK)
        st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, add_in_tx(s, work));
    if (st == ST_OK)
        *p = *work;
    free(work);
    return st;
}

/* The new content of p over the stored cur, as version next. */
static store_status update_in_tx(store *s, tc_party *p, tc_party *cur, party_check *problem)
{
    store_status st = access_by_party(s, p->id);
    record_common c;
    if (st == ST_OK)
        st = record_read(s, &party_table, p->id, 0, cur, &c);
    if (st != ST_OK)
        return st;
    if (cur->withdrawn) {
        if (problem)
            *problem = (party_check){ PARTY_ALREADY_WITHDRAWN, NULL };
        return ST_INVALID;
    }
    /* The case and the withdrawal are the store's, not the caller's. */
    memcpy(p->case_id, cur->case_id, sizeof p->case_id);
    p->withdrawn = false;
    p->withdrawn_reason[0] = '\0';
    st = validate(p, problem);
    c.version++;
    if (st == ST_OK)
        st = record_write(s, &party_table, &c, p, "update", NULL, "party.update");
    if (st == ST_OK)
        put_party_common(p, &c);
    return st;
}

store_status store_party_update(store *s, tc_party *p, party_check *problem)
{
    clear_problem(problem);
    if (!field_terminated(p->id, sizeof p->id))
        return ST_NOT_FOUND;
    tc_party *work = malloc(2 * sizeof *work);
    if (!work)
        return ST_NOMEM;
    work[0] = *p;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, update_in_tx(s, &work[0], &work[1], problem));
    if (st == ST_OK)
        *p = work[0];
    free(work);
    return st;
}

static store_status withdraw_in_tx(store *s, const char *id, const char *reason,
                                   party_problem *problem, tc_party *cur)
{
    store_status st = access_by_party(s, id);
    record_common c;
    if (st == ST_OK)
        st = record_read(s, &party_table, id, 0, cur, &c);
    if (st != ST_OK)
        return st;
    party_problem pp = party_withdraw_check(cur, reason);
    if (problem)
        *problem = pp;
    if (pp != PARTY_OK)
        return ST_INVALID;
    c.version++;
    c.withdrawn = true;
    field_copy_text(cur->withdrawn_reason, sizeof cur->withdrawn_reason, reason);
    return record_write(s, &party_table, &c, cur, "withdraw", reason, "party.withdraw");
}

store_status store_party_withdraw(store *s, const char *id, const char *reason,
                                  party_problem *problem)
{
    if (problem)
        *problem = PARTY_OK;
    if (!id)
        return ST_NOT_FOUND;
    tc_party *cur = malloc(sizeof *cur);
    if (!cur)
        return ST_NOMEM;
    store_status st = store_begin(s);
    if (st == ST_OK)
        st = store_finish(s, withdraw_in_tx(s, id, reason, problem, cur));
    free(cur);
    return st;
}

store_status store_party_get(store *s, const char *id, tc_party *out)
{
    party_init(out);
    if (!id)
        return ST_NOT_FOUND;
    store_status st = access_by_party(s, id);
    if (st != ST_OK)
        return st;
    record_common c;
    return record_read(s, &party_table, id, 0, out, &c);
}

store_status store_party_list(store *s, const char *case_id, tc_party **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!case_id)
        return ST_NOT_FOUND;
    store_status st = access_to_case(s, case_id);
    if (st != ST_OK)
        return st;
    void *arr = NULL;
    st = record_select(s, &party_table,
                       "WHERE case_id = ?1 AND is_current = 1 ORDER BY"
                       " (SELECT min(audit_seq) FROM parties f"
                       " WHERE f.record_id = parties.record_id)",
                       case_id, &arr, n);
    *out = arr;
    return st;
}
