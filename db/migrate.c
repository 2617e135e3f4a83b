/* migrate.c - the schema, as numbered steps on PRAGMA user_version.
 *
 * A migration is only ever added at the end of the list, never edited once
 * released: a store made by an older tipcase replays exactly the steps it
 * is missing.  SQL is written for the SQLite inside Debian's SQLCipher
 * 3.4.1 (3.15.2): no UPSERT, window functions, JSON1 or FTS5.
 *
 * Conventions every data table follows: id TEXT PRIMARY KEY (a random
 * UUID, so records from two laptops never collide), created_at and
 * updated_at (ISO-8601 UTC text), created_by and updated_by (officer id;
 * NULL only for rows a migration itself writes).  Nothing is deleted:
 * officers are marked inactive, cases will be closed with a reason. */
#include "config.h"
#include "db/migrate.h"
#include "db/builtin_agencies.h"
#include "db/builtin_instruments.h"
#include "db/record_internal.h"
#include "db/returns_internal.h"
#include "db/store_internal.h"
#include <stddef.h>
#include <stdio.h>

#define STAMPS \
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL," \
    " created_by TEXT, updated_by TEXT"

/* 1: the first store.  meta holds the store's identity (store id, store
 * code); audit is the hash chain (db/audit.h); case_counters issues
 * STORE-YEAR-NUMBER references per store and Buddhist-era year. */
static const char schema_v1[] =
    "CREATE TABLE meta("
    " key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL);"

    "CREATE TABLE officers("
    " id TEXT PRIMARY KEY,"
    " login TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    " name TEXT NOT NULL,"
    " role TEXT NOT NULL,"
    " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    STAMPS ");"

    "CREATE TABLE persons("
    " id TEXT PRIMARY KEY,"
    " name_thai TEXT NOT NULL DEFAULT '',"
    " name_original TEXT NOT NULL DEFAULT '',"
    " name_latin TEXT NOT NULL DEFAULT '',"
    " aliases TEXT NOT NULL DEFAULT '',"
    " sex TEXT NOT NULL DEFAULT 'unknown',"
    " birth_date TEXT,"                 /* YYYY-MM-DD, NULL when unknown */
    " estimated_age INTEGER,"           /* years at date_met, NULL when unknown */
    " languages TEXT NOT NULL DEFAULT '',"
    STAMPS ");"

    "CREATE TABLE cases("
    " id TEXT PRIMARY KEY,"
    " person_id TEXT NOT NULL REFERENCES persons(id),"
    " reference TEXT NOT NULL UNIQUE,"
    " store_code TEXT NOT NULL,"
    " be_year INTEGER NOT NULL,"
    " number INTEGER NOT NULL,"
    " entry_point TEXT NOT NULL DEFAULT '',"
    " province TEXT NOT NULL DEFAULT '',"
    " date_met TEXT,"                   /* YYYY-MM-DD, NULL when unknown */
    /* The date the list sorts by: date_met, or the officers' civil date of
     * created_at when date_met is unknown, so a new undated case is not
     * buried under 100,000 older ones. */
    " sort_date TEXT NOT NULL,"
    " assigned_officer TEXT REFERENCES officers(id),"
    " notes TEXT NOT NULL DEFAULT '',"
    " search_key TEXT NOT NULL DEFAULT '',"   /* case_search_key() */
    STAMPS ","
    " UNIQUE (store_code, be_year, number));"
    /* Walked backwards for "newest first": ORDER BY sort_date DESC,
     * created_at DESC, reference DESC needs no sort, and the unique
     * reference makes the order total, so pages never overlap (within one
     * second the higher number, the later case, comes first).  search_key
     * rides along so that a search filters index entries and never reads
     * rows with their long notes (half the time at 100,000 cases). */
    "CREATE INDEX cases_list ON cases(sort_date, created_at, reference, search_key);"
    "CREATE INDEX cases_person ON cases(person_id);"

    "CREATE TABLE case_nationalities("
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " position INTEGER NOT NULL,"
    " country TEXT NOT NULL,"           /* ISO 3166 alpha-2 or the stateless code */
    STAMPS ","
    " UNIQUE (case_id, position),"
    " UNIQUE (case_id, country));"

    "CREATE TABLE case_counters("
    " store_code TEXT NOT NULL,"
    " be_year INTEGER NOT NULL,"
    " last_number INTEGER NOT NULL,"
    " PRIMARY KEY (store_code, be_year)) WITHOUT ROWID;"

    "CREATE TABLE settings("
    " id TEXT PRIMARY KEY,"
    " key TEXT NOT NULL UNIQUE,"
    " value TEXT NOT NULL,"
    STAMPS ");"

    "CREATE TABLE audit("
    " seq INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL,"
    " officer_id TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " table_name TEXT NOT NULL,"
    " record_id TEXT NOT NULL,"
    " prev_hash BLOB NOT NULL,"
    " hash BLOB NOT NULL);";

/* 2: "my cases" (by assigned officer, newest first) and a record's
 * history (audit rows of one record) without scanning whole tables. */
static const char schema_v2[] =
    "CREATE INDEX cases_by_officer ON cases(assigned_officer, sort_date, created_at);"
    "CREATE INDEX audit_by_record ON audit(table_name, record_id);";

/* 3: the case list by name in Thai dictionary order.  name_key is
 * thai_sort_key() of the name the list shows (rewritten with every case
 * save; filled here for cases already stored), so an index holds libthai's
 * order and the name view is walked like the default one.  Derived data
 * with no life of its own, so no id or stamps of its own (like meta). */
static const char schema_v3[] =
    "CREATE TABLE case_name_keys("
    " case_id TEXT PRIMARY KEY REFERENCES cases(id),"
    " name_key BLOB NOT NULL);"
    "CREATE INDEX case_name_keys_order ON case_name_keys(name_key, case_id);"
    "INSERT INTO case_name_keys(case_id, name_key)"
    " SELECT c.id, tipcase_name_key(p.name_thai, p.name_original, p.name_latin)"
    " FROM cases c JOIN persons p ON p.id = c.person_id;";

/* 4: screening (issue 3).  instruments keeps each version's source text
 * (core/instrument.h format) with its BLAKE2b hash; a screening points at
 * the version it was answered against.  An answer cleared by the officer
 * keeps its row with value '' (nothing is deleted).  case_clocks holds
 * the moments of a case's legal clocks as integer seconds since the epoch
 * (UTC), so that deadlines are arithmetic in SQL; the lengths are settings
 * (clock.*), so deadlines are computed, never stored.  The partial indexes
 * on met_at hold only the running clocks of each kind: "due soon" reads
 * the clocks whose deadline is near or passed and nothing else.  The C
 * part of the step loads the built-in instruments (db/instruments.c). */
static const char schema_v4[] =
    "CREATE TABLE instruments("
    " id TEXT PRIMARY KEY,"
    " code TEXT NOT NULL,"
    " version INTEGER NOT NULL CHECK (version >= 1),"
    " title_en TEXT NOT NULL,"
    " title_th TEXT NOT NULL,"
    " n_sections INTEGER NOT NULL,"
    " n_indicators INTEGER NOT NULL,"
    " hash BLOB NOT NULL,"
    " builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
    STAMPS ","
    /* Last: 40 KB of text in overflow pages that a read of the columns
     * before it never has to walk. */
    " source TEXT NOT NULL,"
    " UNIQUE (code, version));"

    "CREATE TABLE screenings("
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " instrument_id TEXT NOT NULL REFERENCES instruments(id),"
    " held_at TEXT NOT NULL,"           /* ISO-8601 UTC */
    " place TEXT NOT NULL,"
    " interviewers TEXT NOT NULL,"
    " language TEXT NOT NULL,"
    " interpreter_used INTEGER NOT NULL CHECK (interpreter_used IN (0, 1)),"
    " interpreter_name TEXT NOT NULL DEFAULT '',"
    " interpreter_agency TEXT NOT NULL DEFAULT '',"
    " interpreter_language TEXT NOT NULL DEFAULT '',"
    " consent_given INTEGER NOT NULL CHECK (consent_given IN (0, 1)),"
    " earlier_interviews INTEGER NOT NULL,"
    " guardian_present TEXT NOT NULL,"  /* not_recorded | yes | no */
    " child INTEGER NOT NULL CHECK (child IN (0, 1)),"
    " position INTEGER NOT NULL DEFAULT 0,"
    " decided INTEGER NOT NULL DEFAULT 0 CHECK (decided IN (0, 1)),"
    " suggestion TEXT,"                 /* suggestion_code(), once decided */
    " decision TEXT,"                   /* decision_code(), once decided */
    " decision_reason TEXT NOT NULL DEFAULT '',"
    " decided_at TEXT,"
    " decided_by TEXT REFERENCES officers(id),"
    STAMPS ");"
    "CREATE INDEX screenings_by_case ON screenings(case_id, held_at);"

    "CREATE TABLE screening_answers("
    " id TEXT PRIMARY KEY,"
    " screening_id TEXT NOT NULL REFERENCES screenings(id),"
    " indicator_code TEXT NOT NULL,"
    " value TEXT NOT NULL,"             /* answer_code(); '' when cleared */
    " evidence_seen INTEGER NOT NULL DEFAULT 0 CHECK (evidence_seen IN (0, 1)),"
    " note TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (screening_id, indicator_code));"

    "CREATE TABLE identifications("
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " outcome TEXT NOT NULL,"
    " other_matter TEXT NOT NULL DEFAULT 'none',"
    " body TEXT NOT NULL,"
    " body_name TEXT NOT NULL DEFAULT '',"
    " decided_on TEXT,"                 /* YYYY-MM-DD, NULL while pending */
    " reasons TEXT NOT NULL DEFAULT '',"
    STAMPS ");"
    "CREATE INDEX identifications_by_case ON identifications(case_id, created_at);"

    "CREATE TABLE case_clocks("
    " case_id TEXT PRIMARY KEY REFERENCES cases(id),"
    " met_at INTEGER NOT NULL,"
    " extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),"
    " extended_until INTEGER,"
    " court_ref TEXT NOT NULL DEFAULT '',"
    " identification_stopped_at INTEGER,"   /* NULL while running */
    " shelter_stopped_at INTEGER,"
    " reflection_stopped_at INTEGER,"
    STAMPS ");"
    "CREATE INDEX case_clocks_identification_running ON case_clocks(met_at)"
    " WHERE identification_stopped_at IS NULL;"
    "CREATE INDEX case_clocks_shelter_running ON case_clocks(met_at)"
    " WHERE shelter_stopped_at IS NULL;"
    "CREATE INDEX case_clocks_reflection_running ON case_clocks(met_at)"
    " WHERE reflection_stopped_at IS NULL;";

/* 5: the whole case record (issue 4; db/record.h).  code_rows holds the
 * lists that are data (built-in rows loaded by this step's C function,
 * record_migrate_codes, then an administrator's).  The versioned
 * tables (intakes, consents, needs, notes, inspections) keep one row per
 * version of a record (db/record_internal.h): a correction or withdrawal
 * appends a version, so nothing is overwritten or deleted.  audit_seq is
 * the audit row written with each change, for the timeline's order.
 * Every per-case read walks an index on case_id; the case list asks
 * case_quick (by its unique case_id) only for the rows of its page. */
#define VERSIONED \
    " id TEXT PRIMARY KEY," \
    " record_id TEXT NOT NULL," \
    " version INTEGER NOT NULL CHECK (version >= 1)," \
    " is_current INTEGER NOT NULL CHECK (is_current IN (0, 1))," \
    " change TEXT NOT NULL," \
    " change_reason TEXT NOT NULL DEFAULT ''," \
    " audit_seq INTEGER NOT NULL," \
    " entry_withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (entry_withdrawn IN (0, 1)),"

static const char schema_v5[] =
    "CREATE TABLE code_rows("
    " id TEXT PRIMARY KEY,"
    " list TEXT NOT NULL,"
    " code TEXT NOT NULL,"
    " label_en TEXT NOT NULL,"          /* a msgid for built-in rows */
    " label_th TEXT NOT NULL,"
    " grp TEXT,"
    " builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
    " position INTEGER NOT NULL,"
    STAMPS ","
    " UNIQUE (list, code));"
    "CREATE INDEX code_rows_order ON code_rows(list, position);"

    "CREATE TABLE intakes(" VERSIONED   /* record_id is the case id */
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " district TEXT NOT NULL DEFAULT '',"
    " establishment TEXT NOT NULL DEFAULT '',"
    " sector TEXT NOT NULL DEFAULT '',"
    " origin TEXT NOT NULL DEFAULT '',"
    " transit TEXT NOT NULL DEFAULT '',"        /* "MM,LA" */
    " exploitation_country TEXT NOT NULL DEFAULT '',"
    " crossing TEXT NOT NULL DEFAULT 'unknown',"
    " crossing_point TEXT NOT NULL DEFAULT '',"
    " exploitation TEXT NOT NULL DEFAULT '',"   /* "forced_labour,debt_bondage" */
    " exploitation_from TEXT,"
    " exploitation_to TEXT,"
    " recruitment TEXT NOT NULL DEFAULT '',"
    " documents TEXT NOT NULL DEFAULT '',"      /* "passport:employer,..." */
    " immigration TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX intakes_by_case ON intakes(case_id, is_current);"

    "CREATE TABLE consents(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " purpose TEXT NOT NULL,"
    " agency_kind TEXT NOT NULL DEFAULT '',"
    " agreed INTEGER NOT NULL CHECK (agreed IN (0, 1)),"
    " given_by TEXT NOT NULL,"
    " guardian_name TEXT NOT NULL DEFAULT '',"
    " given_on TEXT,"
    " language TEXT NOT NULL DEFAULT '',"
    " interpreter_used INTEGER NOT NULL DEFAULT 0,"
    " interpreter_name TEXT NOT NULL DEFAULT '',"
    " withdrawn INTEGER NOT NULL DEFAULT 0,"
    " withdrawn_on TEXT,"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX consents_by_case ON consents(case_id, is_current);"

    "CREATE TABLE consent_overrides("
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " purpose TEXT NOT NULL,"
    " agency_kind TEXT NOT NULL DEFAULT '',"
    " reason TEXT NOT NULL,"
    " action TEXT NOT NULL,"                /* what it allowed: "referral_send" */
    " related_id TEXT NOT NULL DEFAULT '',"
    " audit_seq INTEGER NOT NULL,"
    STAMPS ");"
    "CREATE INDEX consent_overrides_by_case ON consent_overrides(case_id);"

    "CREATE TABLE needs(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " kind TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " urgent INTEGER NOT NULL DEFAULT 0,"
    " unavailable_reason TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX needs_by_case ON needs(case_id, is_current);"

    "CREATE TABLE notes(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " text TEXT NOT NULL,"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX notes_by_case ON notes(case_id, is_current);"

    "CREATE TABLE inspections(" VERSIONED
    " establishment TEXT NOT NULL,"
    " sector TEXT NOT NULL DEFAULT '',"
    " province TEXT NOT NULL DEFAULT '',"
    " district TEXT NOT NULL DEFAULT '',"
    " date TEXT NOT NULL,"
    " joint_team TEXT NOT NULL DEFAULT '',"
    " workers_met INTEGER NOT NULL DEFAULT 0,"
    " workers_screened INTEGER NOT NULL DEFAULT 0,"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX inspections_list ON inspections(is_current, date, audit_seq);"

    "CREATE TABLE inspection_cases("     /* one inspection per case, never unlinked */
    " id TEXT PRIMARY KEY,"
    " inspection_id TEXT NOT NULL,"     /* inspections.record_id */
    " case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),"
    " audit_seq INTEGER NOT NULL,"
    STAMPS ");"
    "CREATE INDEX inspection_cases_by_inspection ON inspection_cases(inspection_id);"

    "CREATE TABLE case_closures("        /* every close and reopen, in order */
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " action TEXT NOT NULL CHECK (action IN ('close', 'reopen')),"
    " reason TEXT NOT NULL DEFAULT '',"  /* closure reason code */
    " note TEXT NOT NULL DEFAULT '',"    /* closure note, or why reopened */
    " audit_seq INTEGER NOT NULL,"
    STAMPS ");"
    "CREATE INDEX case_closures_by_case ON case_closures(case_id, audit_seq);"

    "CREATE TABLE case_quick("           /* opened in quick mode; updated_* = completed */
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),"
    " completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),"
    " audit_seq INTEGER NOT NULL,"
    " completed_seq INTEGER,"
    STAMPS ");";

/* 6: the agency directory and referrals (issue 5; db/referrals.h).
 * agencies is versioned like the record's tables (record_id is the
 * agency; the code is the same in every version and unique among current
 * rows); the C part of the step loads data/agencies.tsv
 * (db/agencies.c).  A referral is one row updated as its state moves;
 * referral_events keeps every change (from, to, when, who, the reason)
 * and is never changed.  Times a deadline is computed from are integer
 * seconds since the epoch.  due_at is the deadline the referral waits
 * for (NULL when it waits for nothing), kept in step with the
 * referral.* settings, so that the overdue dashboard walks indexes of
 * the open referrals only: referrals_overdue (by urgency, then deadline:
 * the overdue part), referrals_due (by deadline: the running part, and
 * the overdue count as one range) and referrals_idle (open referrals
 * waiting for nothing).  Each carries the dashboard's filters, so a
 * filtered page reads index entries, never rows it does not show. */
static const char schema_v6[] =
    "CREATE TABLE agencies(" VERSIONED
    " code TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " level TEXT NOT NULL,"
    " province TEXT NOT NULL DEFAULT '',"
    " country TEXT NOT NULL DEFAULT 'TH',"
    " name_th TEXT NOT NULL,"
    " name_en TEXT NOT NULL,"
    " abbr_th TEXT NOT NULL DEFAULT '',"
    " abbr_en TEXT NOT NULL DEFAULT '',"
    " services TEXT NOT NULL DEFAULT '',"      /* need codes: "food,shelter" */
    " phone TEXT NOT NULL DEFAULT '',"
    " line_id TEXT NOT NULL DEFAULT '',"
    " email TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " focal_name TEXT NOT NULL DEFAULT '',"
    " focal_phone TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX agencies_by_code ON agencies(code, is_current);"
    "CREATE UNIQUE INDEX agencies_current_code ON agencies(code) WHERE is_current = 1;"

    "CREATE TABLE referrals("
    " id TEXT PRIMARY KEY,"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " agency_code TEXT NOT NULL,"       /* agencies.code */
    " needs TEXT NOT NULL,"             /* need codes it answers */
    " urgency TEXT NOT NULL,"
    " urgency_rank INTEGER NOT NULL,"   /* 0 emergency, 1 urgent, 2 routine */
    " channel TEXT NOT NULL,"
    " summary TEXT NOT NULL DEFAULT '',"
    " shared TEXT NOT NULL DEFAULT '',"  /* section codes */
    " consent_overridden INTEGER NOT NULL DEFAULT 0 CHECK (consent_overridden IN (0, 1)),"
    " override_reason TEXT NOT NULL DEFAULT '',"
    " officer_id TEXT NOT NULL REFERENCES officers(id),"
    " state TEXT NOT NULL,"
    " is_open INTEGER NOT NULL CHECK (is_open IN (0, 1)),"
    " state_reason TEXT NOT NULL DEFAULT '',"
    " sent_at INTEGER,"
    " acknowledged_at INTEGER,"
    " decided_at INTEGER,"
    " service_at INTEGER,"
    " ended_at INTEGER,"
    " state_changed_at INTEGER NOT NULL,"
    " due_at INTEGER,"                  /* NULL: waiting for nothing */
    " since_at INTEGER NOT NULL,"       /* sent_at, else when it was made */
    " audit_seq INTEGER NOT NULL,"
    STAMPS ");"
    "CREATE INDEX referrals_by_case ON referrals(case_id, audit_seq);"
    "CREATE INDEX referrals_overdue ON referrals(urgency_rank, due_at, agency_code,"
    " officer_id, state) WHERE due_at IS NOT NULL;"
    "CREATE INDEX referrals_due ON referrals(due_at, urgency_rank, agency_code, officer_id,"
    " state) WHERE due_at IS NOT NULL;"
    /* is_open and due_at lead so that the index covers its own condition
     * (SQLite 3.15 checks a partial index's WHERE against the row unless
     * the index holds the columns) as one equality range. */
    "CREATE INDEX referrals_idle ON referrals(is_open, due_at, urgency_rank, since_at,"
    " agency_code, officer_id, state) WHERE is_open = 1 AND due_at IS NULL;"

    "CREATE TABLE referral_events("
    " id TEXT PRIMARY KEY,"
    " referral_id TEXT NOT NULL REFERENCES referrals(id),"
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " from_state TEXT NOT NULL DEFAULT '',"     /* '' for the referral's creation */
    " to_state TEXT NOT NULL,"
    " at INTEGER NOT NULL,"
    " officer_id TEXT NOT NULL,"
    " note TEXT NOT NULL DEFAULT '',"
    " audit_seq INTEGER NOT NULL,"
    STAMPS ");"
    "CREATE INDEX referral_events_by_referral ON referral_events(referral_id, audit_seq);"
    "CREATE INDEX referral_events_by_case ON referral_events(case_id);"

    "CREATE TABLE referral_needs("       /* the case's needs a referral answers */
    " id TEXT PRIMARY KEY,"
    " referral_id TEXT NOT NULL REFERENCES referrals(id),"
    " need_id TEXT NOT NULL,"           /* needs.record_id */
    STAMPS ","
    " UNIQUE (referral_id, need_id));";

/* 7: return and reintegration (issue 6; db/returns.h).  repatriations,
 * reintegrations and followups are versioned tables (db/record_internal.h)
 * with at most one plan of each kind per case that is not withdrawn (the
 * unique partial indexes; a cancelled return is planned again only after
 * the old plan is withdrawn).  A plan's state is stored as its code.
 *
 * Steps and domains are rows keyed by the plan version they belong to
 * (plan_id = the plan's record_id, version), not records of their own:
 * the officer edits the steps with the plan in one form, the return check
 * reads all of them at once, and an old version of the plan must show the
 * steps as they stood then.  Every version of the plan writes its own
 * rows (7 steps; the included domains), so a version is one snapshot and
 * there is no second history to keep in step with the first.
 *
 * A reintegration plan keeps what the follow-ups made of it: next_due
 * (YYYY-MM-DD, NULL when none is known, so text order is date order),
 * followups_done and high_risk.  reintegrations_due holds only current,
 * active plans with a next date, and carries its own condition's columns
 * first (SQLite 3.15 checks a partial index's WHERE against the row unless
 * the index holds the columns): the follow-up list, the overdue count and
 * the due-soon view read one range of it in next_due order.
 *
 * The C part (returns_migrate, db/returns.c) adds cases.high_risk, the
 * case's mark while its latest follow-up found a high risk, and rebuilds
 * cases_list with it first, so the list's newest-first order puts those
 * cases on top and is still an index walk; then it loads the handover
 * points (record_migrate_codes: every list that has no rows yet). */
static const char schema_v7[] =
    "CREATE TABLE repatriations(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " direction TEXT NOT NULL,"
    " country TEXT NOT NULL DEFAULT '',"
    " hometown TEXT NOT NULL DEFAULT '',"
    " wish TEXT NOT NULL,"
    " consent_given INTEGER NOT NULL DEFAULT 0 CHECK (consent_given IN (0, 1)),"
    " consent_on TEXT,"
    " consent_by TEXT NOT NULL DEFAULT '',"
    " legal_pending INTEGER NOT NULL DEFAULT 0 CHECK (legal_pending IN (0, 1)),"
    " witness_needed INTEGER NOT NULL DEFAULT 0 CHECK (witness_needed IN (0, 1)),"
    " compensation_claim INTEGER NOT NULL DEFAULT 0 CHECK (compensation_claim IN (0, 1)),"
    " handover_point TEXT NOT NULL DEFAULT '',"     /* a handover_point code, or '' */
    " planned_on TEXT,"
    " handed_over_at TEXT,"                         /* ISO-8601 UTC, NULL until known */
    " receiving_agency TEXT NOT NULL DEFAULT '',"
    " receiving_person TEXT NOT NULL DEFAULT '',"
    " handover_record TEXT NOT NULL DEFAULT '',"
    " state TEXT NOT NULL,"                         /* repat_state_code() */
    " state_reason TEXT NOT NULL DEFAULT '',"
    " steps_overridden INTEGER NOT NULL DEFAULT 0 CHECK (steps_overridden IN (0, 1)),"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX repatriations_by_case ON repatriations(case_id, is_current);"
    "CREATE UNIQUE INDEX repatriations_one_per_case ON repatriations(case_id)"
    " WHERE is_current = 1 AND entry_withdrawn = 0;"

    "CREATE TABLE repatriation_steps("
    " id TEXT PRIMARY KEY,"
    " plan_id TEXT NOT NULL,"           /* repatriations.record_id */
    " version INTEGER NOT NULL,"        /* the plan version it belongs to */
    " kind TEXT NOT NULL,"              /* repat_step_code() */
    " state TEXT NOT NULL,"
    " requested_on TEXT,"
    " done_on TEXT,"
    " counterpart TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (plan_id, version, kind));"

    "CREATE TABLE reintegrations(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " start TEXT NOT NULL,"             /* the return date */
    " schedule TEXT NOT NULL,"          /* months: "1,3,6,12" */
    " next_due TEXT,"
    " followups_done INTEGER NOT NULL DEFAULT 0,"
    " high_risk INTEGER NOT NULL DEFAULT 0 CHECK (high_risk IN (0, 1)),"
    " closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),"
    " outcome TEXT NOT NULL DEFAULT '',"  /* reint_outcome_code() once closed */
    " closed_on TEXT,"
    " outcome_note TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX reintegrations_by_case ON reintegrations(case_id, is_current);"
    "CREATE UNIQUE INDEX reintegrations_one_per_case ON reintegrations(case_id)"
    " WHERE is_current = 1 AND entry_withdrawn = 0;"
    "CREATE INDEX reintegrations_due ON reintegrations(is_current, entry_withdrawn, closed,"
    " next_due, high_risk, case_id)"
    " WHERE is_current = 1 AND entry_withdrawn = 0 AND closed = 0 AND next_due IS NOT NULL;"

    "CREATE TABLE reintegration_domains("     /* the included domains of a plan version */
    " id TEXT PRIMARY KEY,"
    " plan_id TEXT NOT NULL,"           /* reintegrations.record_id */
    " version INTEGER NOT NULL,"
    " domain TEXT NOT NULL,"            /* reint_domain_code() */
    " goals TEXT NOT NULL DEFAULT '',"
    " services TEXT NOT NULL DEFAULT '',"
    " agency_code TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (plan_id, version, domain));"

    "CREATE TABLE followups(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " plan_id TEXT NOT NULL,"           /* reintegrations.record_id */
    " held_on TEXT NOT NULL,"
    " method TEXT NOT NULL,"
    " findings TEXT NOT NULL DEFAULT '',"
    " risk TEXT NOT NULL,"
    " next_on TEXT,"
    " by_agency TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX followups_by_case ON followups(case_id, is_current);"
    "CREATE INDEX followups_by_plan ON followups(plan_id, is_current, held_on);";

/* 8: sealed hand-over between stores (issue 7; db/exchange.h).
 * store_identity holds the store's signing and encryption key pairs, the
 * secret halves only here, inside the encrypted database.  The pairs are
 * made on first use (exchange_identity), not by this step: a step must
 * give the same schema on every machine, and keys are the one thing that
 * must differ.  exchange_peers are the stores this one knows by their
 * identity card (retired, never deleted); exchange_bundles every bundle
 * sent and received, so a bundle id seen before is refused (the UNIQUE
 * pair); exchange_rows the provenance of every row an import inserted
 * (which bundle, which store made it); exchange_conflicts one row per field
 * that differed between a stored record and an incoming one, open until an
 * officer keeps one side (number is the short handle the command line
 * shows).  crossborder_profiles holds what the cross-border profile
 * brings: one row per case of the sending store, one column per item of
 * the catalogue (core/exchange_items.h), NULL for an item not sent. */
static const char schema_v8[] =
    "CREATE TABLE store_identity("
    " id TEXT PRIMARY KEY,"
    " sign_pk BLOB NOT NULL,"
    " box_pk BLOB NOT NULL,"
    " sign_sk BLOB NOT NULL,"
    " box_sk BLOB NOT NULL,"
    " fingerprint TEXT NOT NULL,"
    STAMPS ");"

    "CREATE TABLE exchange_peers("
    " id TEXT PRIMARY KEY,"
    " fingerprint TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL,"
    " sign_pk BLOB NOT NULL,"
    " box_pk BLOB NOT NULL,"
    " kind TEXT NOT NULL DEFAULT '',"   /* agency type code, or '' */
    " retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
    " retired_at TEXT,"
    " retired_by TEXT REFERENCES officers(id),"
    STAMPS ");"

    "CREATE TABLE exchange_bundles("
    " id TEXT PRIMARY KEY,"
    " bundle_id TEXT NOT NULL,"         /* hex of the bundle's 16 random bytes */
    " direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),"
    " peer_id TEXT NOT NULL REFERENCES exchange_peers(id),"
    " peer_store_code TEXT NOT NULL DEFAULT '',"
    " profile TEXT NOT NULL,"           /* full | cross_border */
    " case_ids TEXT NOT NULL DEFAULT '',"
    " n_cases INTEGER NOT NULL DEFAULT 0,"
    " n_rows INTEGER NOT NULL DEFAULT 0,"
    " n_new INTEGER NOT NULL DEFAULT 0,"
    " n_same INTEGER NOT NULL DEFAULT 0,"
    " n_conflicts INTEGER NOT NULL DEFAULT 0,"
    " bundle_created_at INTEGER NOT NULL,"
    " audit_seq INTEGER NOT NULL,"
    STAMPS ","
    " UNIQUE (direction, bundle_id));"

    "CREATE TABLE exchange_rows("
    " id TEXT PRIMARY KEY,"
    " bundle_row_id TEXT NOT NULL REFERENCES exchange_bundles(id),"
    " table_name TEXT NOT NULL,"
    " row_id TEXT NOT NULL,"
    " source_store TEXT NOT NULL,"
    STAMPS ");"
    "CREATE INDEX exchange_rows_by_row ON exchange_rows(table_name, row_id);"

    "CREATE TABLE exchange_conflicts("
    " id TEXT PRIMARY KEY,"
    " number INTEGER NOT NULL UNIQUE,"
    " bundle_row_id TEXT NOT NULL REFERENCES exchange_bundles(id),"
    " table_name TEXT NOT NULL,"
    " row_id TEXT NOT NULL,"
    " case_id TEXT NOT NULL DEFAULT '',"
    " field TEXT NOT NULL,"
    " local_value TEXT,"
    " incoming_value TEXT,"
    " state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),"
    " resolution TEXT CHECK (resolution IN ('local', 'incoming')),"
    " resolved_at TEXT,"
    " resolved_by TEXT REFERENCES officers(id),"
    " audit_seq INTEGER NOT NULL,"
    STAMPS ");"
    "CREATE INDEX exchange_conflicts_by_state ON exchange_conflicts(state, number);"
    "CREATE INDEX exchange_conflicts_by_row ON exchange_conflicts(table_name, row_id);"

    "CREATE TABLE crossborder_profiles("
    " id TEXT PRIMARY KEY,"             /* the sending store's case id */
    " source_store TEXT NOT NULL,"
    " sex TEXT, age_band TEXT, child TEXT, nationality TEXT, country_identified TEXT,"
    " province TEXT, month_met TEXT, month_identified TEXT, identification TEXT,"
    " entry_point TEXT, exploitation TEXT, sector TEXT, recruitment TEXT, origin TEXT,"
    " exploitation_country TEXT, crossing TEXT, needs TEXT, repatriation TEXT,"
    " repatriation_country TEXT, reintegration TEXT,"
    STAMPS ");";

/* 9: what a report reads, kept so that a period reads only its own
 * events and the people they name (db/report_store.c).  Three tables of
 * derived data (no ids or stamps of their own, like case_name_keys), kept
 * in step by triggers on every table they come from, so that every writer
 * (the record's forms, an import, a conflict resolved, a migration) keeps
 * them right without knowing they exist:
 *
 *   report_cases: one row per case with what a report counts a person by
 *     (the person's sex and age, the first nationality, the current
 *     intake's sector and exploitation, the latest close or reopen) and
 *     the person's first milestones: first screening held, first decided
 *     with reasonable grounds, first decided a victim.  The milestone
 *     indexes are the period's ranges; a person is read by case_id.
 *   report_referrals: each referral's case, sent moment and first
 *     acceptance (the first move to accepted, in service or completed).
 *   report_need_events: each need record's first version in the state
 *     provided and in unavailable, with its latest version's case, kind
 *     and withdrawal.
 *
 * A case's own writes recompute its whole row (REPORT_CASE_ROW); every
 * other table's writes recompute only the columns that come from it, for
 * the case the row names (and, when a write moves a row to another case,
 * for the one it left), so a save reads the few pages it needs: a
 * recompute never depends on the order writes come in.  Codes are written out ('reasonable_grounds', 'accepted', ...):
 * tests/test_report_plan.c checks them against core's code functions.
 * Everything is IF NOT EXISTS and the fill is INSERT OR REPLACE, so a
 * store turned back to an older version by a test (dropping only the
 * later steps' tables) migrates forward again.
 *
 * Indexes on the source tables: referrals by sent moment, returned
 * repatriations, and the current reintegration plans and follow-ups, each
 * covering what the report reads (SQLite 3.15 checks a partial index's
 * condition against the row unless the index holds its columns, hence
 * the condition's columns first). */
#define REPORT_CASE_ROW(where) \
    "INSERT OR REPLACE INTO report_cases(case_id, sex, birth_date, estimated_age, date_met," \
    " created_at, entry_point, province, officer, nationality, sector, exploitation," \
    " closure_action, closure_reason, first_screened, first_grounds, first_victim)" \
    " SELECT c.id, p.sex, p.birth_date, p.estimated_age, c.date_met, c.created_at," \
    " c.entry_point, c.province, COALESCE(NULLIF(c.assigned_officer, ''), c.created_by, '')," \
    " (SELECT n.country FROM case_nationalities n WHERE n.case_id = c.id" \
    "  ORDER BY n.position LIMIT 1)," \
    " i.sector, i.exploitation, k.action, k.reason," \
    " (SELECT min(s.held_at) FROM screenings s WHERE s.case_id = c.id)," \
    " (SELECT min(s.decided_at) FROM screenings s WHERE s.case_id = c.id AND s.decided = 1" \
    "  AND s.suggestion = 'reasonable_grounds')," \
    " (SELECT min(d.decided_on) FROM identifications d WHERE d.case_id = c.id" \
    "  AND d.outcome IN ('victim_trafficking', 'victim_forced_labour'))" \
    " FROM cases c LEFT JOIN persons p ON p.id = c.person_id" \
    " LEFT JOIN intakes i ON i.rowid = (SELECT x.rowid FROM intakes x WHERE x.case_id = c.id" \
    "  AND x.is_current = 1 AND x.entry_withdrawn = 0 ORDER BY x.rowid DESC LIMIT 1)" \
    " LEFT JOIN case_closures k ON k.rowid = (SELECT y.rowid FROM case_closures y" \
    "  WHERE y.case_id = c.id ORDER BY y.audit_seq DESC, y.rowid DESC LIMIT 1)" \
    " WHERE " where ";"

/* The row of referral id r (REPORT_TRIGGERS' body). */
#define REPORT_REFERRAL_OF(r) REPORT_REFERRAL_ROW("r.id = " r)
#define REPORT_REFERRAL_ROW(where) \
    "INSERT OR REPLACE INTO report_referrals(referral_id, case_id, sent_at, accepted_at)" \
    " SELECT r.id, r.case_id, r.sent_at, (SELECT min(e.at) FROM referral_events e" \
    "  WHERE e.referral_id = r.id AND e.to_state IN ('accepted', 'in_service', 'completed'))" \
    " FROM referrals r WHERE " where ";"

/* The record's first version in `state`, with its latest version's case,
 * kind and withdrawal. */
#define REPORT_NEED_STATE(record, state) \
    "INSERT INTO report_need_events(record_id, state, at, case_id, kind, withdrawn)" \
    " SELECT f.record_id, f.state, f.updated_at, l.case_id, l.kind, l.entry_withdrawn" \
    " FROM needs f, needs l WHERE f.record_id = " record " AND f.state = '" state "'" \
    " AND f.version = (SELECT min(v.version) FROM needs v WHERE v.record_id = " record \
    "  AND v.state = '" state "')" \
    " AND l.record_id = " record \
    " AND l.version = (SELECT max(v.version) FROM needs v WHERE v.record_id = " record ");"
#define REPORT_NEED_ROWS(record) \
    "DELETE FROM report_need_events WHERE record_id = " record ";" \
    REPORT_NEED_STATE(record, "provided") REPORT_NEED_STATE(record, "unavailable")

#define REPORT_TRIGGER(name, event, table, body) \
    "CREATE TRIGGER IF NOT EXISTS " name " AFTER " event " ON " table " BEGIN " body " END;"

/* The columns of the case row of case id `c` that come from one table. */
#define REPORT_SET(c, sets) "UPDATE report_cases SET " sets " WHERE case_id = " c ";"
#define REPORT_NATIONALITY(c) REPORT_SET(c, \
    "nationality = (SELECT n.country FROM case_nationalities n WHERE n.case_id = " c \
    " ORDER BY n.position LIMIT 1)")
#define REPORT_INTAKE_COL(c, col) \
    col " = (SELECT x." col " FROM intakes x WHERE x.case_id = " c " AND x.is_current = 1" \
    " AND x.entry_withdrawn = 0 ORDER BY x.rowid DESC LIMIT 1)"
#define REPORT_INTAKE(c) REPORT_SET(c, REPORT_INTAKE_COL(c, "sector") ", " \
                                       REPORT_INTAKE_COL(c, "exploitation"))
#define REPORT_CLOSURE_COL(c, to, col) \
    to " = (SELECT y." col " FROM case_closures y WHERE y.case_id = " c \
    " ORDER BY y.audit_seq DESC, y.rowid DESC LIMIT 1)"
#define REPORT_CLOSURE(c) REPORT_SET(c, REPORT_CLOSURE_COL(c, "closure_action", "action") ", " \
                                        REPORT_CLOSURE_COL(c, "closure_reason", "reason"))
#define REPORT_SCREENING(c) REPORT_SET(c, \
    "first_screened = (SELECT min(s.held_at) FROM screenings s WHERE s.case_id = " c ")," \
    " first_grounds = (SELECT min(s.decided_at) FROM screenings s WHERE s.case_id = " c \
    " AND s.decided = 1 AND s.suggestion = 'reasonable_grounds')")
#define REPORT_IDENTIFICATION(c) REPORT_SET(c, \
    "first_victim = (SELECT min(d.decided_on) FROM identifications d WHERE d.case_id = " c \
    " AND d.outcome IN ('victim_trafficking', 'victim_forced_labour'))")
/* A person's columns in the rows of the cases about them. */
#define REPORT_PERSON_COL(pid, col) col " = (SELECT p." col " FROM persons p WHERE p.id = " pid ")"
#define REPORT_PERSON(pid) \
    "UPDATE report_cases SET " REPORT_PERSON_COL(pid, "sex") ", " \
    REPORT_PERSON_COL(pid, "birth_date") ", " REPORT_PERSON_COL(pid, "estimated_age") \
    " WHERE case_id IN (SELECT c.id FROM cases c WHERE c.person_id = " pid ");"

/* Insert, update (of cols) and delete on table run body(key) for the key
 * the row names (column col); an update that changes the key runs it for
 * the old key too. */
#define REPORT_TRIGGERS(prefix, table, col, cols, body) \
    REPORT_TRIGGER(prefix table "_ins", "INSERT", table, body("NEW." col)) \
    REPORT_TRIGGER(prefix table "_upd", "UPDATE OF " cols, table, body("NEW." col)) \
    "CREATE TRIGGER IF NOT EXISTS " prefix table "_move AFTER UPDATE OF " col " ON " table \
    " WHEN OLD." col " IS NOT NEW." col " BEGIN " body("OLD." col) " END;" \
    REPORT_TRIGGER(prefix table "_del", "DELETE", table, body("OLD." col))

static const char schema_v9[] =
    "CREATE TABLE IF NOT EXISTS report_cases("
    " case_id TEXT PRIMARY KEY,"        /* cases.id */
    " sex TEXT, birth_date TEXT, estimated_age INTEGER,"
    " date_met TEXT, created_at TEXT, entry_point TEXT, province TEXT,"
    " officer TEXT,"                    /* assigned officer, else who recorded it */
    " nationality TEXT,"                /* lowest position */
    " sector TEXT, exploitation TEXT,"  /* current intake, not withdrawn */
    " closure_action TEXT, closure_reason TEXT,"     /* latest close or reopen */
    " first_screened TEXT,"             /* ISO UTC moment */
    " first_grounds TEXT,"              /* ISO UTC moment */
    " first_victim TEXT"                /* YYYY-MM-DD */
    ") WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS report_cases_screened ON report_cases(first_screened)"
    " WHERE first_screened IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS report_cases_grounds ON report_cases(first_grounds)"
    " WHERE first_grounds IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS report_cases_victim ON report_cases(first_victim)"
    " WHERE first_victim IS NOT NULL;"

    "CREATE TABLE IF NOT EXISTS report_referrals("
    " referral_id TEXT PRIMARY KEY,"    /* referrals.id */
    " case_id TEXT NOT NULL,"
    " sent_at INTEGER,"
    " accepted_at INTEGER"
    ") WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS report_referrals_accepted ON report_referrals(accepted_at,"
    " sent_at, case_id) WHERE accepted_at IS NOT NULL;"

    "CREATE TABLE IF NOT EXISTS report_need_events("
    " record_id TEXT NOT NULL,"         /* needs.record_id */
    " state TEXT NOT NULL,"             /* provided | unavailable */
    " at TEXT NOT NULL,"                /* that version's updated_at */
    " case_id TEXT NOT NULL, kind TEXT NOT NULL, withdrawn INTEGER NOT NULL,"
    " PRIMARY KEY (record_id, state)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS report_need_events_at ON report_need_events(at, state,"
    " withdrawn, case_id, kind);"

    "CREATE INDEX IF NOT EXISTS referrals_sent ON referrals(sent_at, case_id, state,"
    " agency_code) WHERE sent_at IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS repatriations_returned ON repatriations(state, is_current,"
    " entry_withdrawn, case_id, handed_over_at, updated_at)"
    " WHERE state = 'returned' AND is_current = 1 AND entry_withdrawn = 0;"
    "CREATE INDEX IF NOT EXISTS reintegrations_report ON reintegrations(is_current,"
    " entry_withdrawn, record_id, case_id, start, schedule, closed, closed_on, next_due)"
    " WHERE is_current = 1 AND entry_withdrawn = 0;"
    "CREATE INDEX IF NOT EXISTS followups_report ON followups(is_current, entry_withdrawn,"
    " plan_id, held_on, next_on) WHERE is_current = 1 AND entry_withdrawn = 0;"

    REPORT_TRIGGER("report_cases_cases_ins", "INSERT", "cases", REPORT_CASE_ROW("c.id = NEW.id"))
    REPORT_TRIGGER("report_cases_cases_upd", "UPDATE OF id, person_id, date_met, entry_point,"
                   " province, assigned_officer, created_by, created_at", "cases",
                   "DELETE FROM report_cases WHERE case_id = OLD.id AND OLD.id <> NEW.id;"
                   REPORT_CASE_ROW("c.id = NEW.id"))
    REPORT_TRIGGER("report_cases_cases_del", "DELETE", "cases",
                   "DELETE FROM report_cases WHERE case_id = OLD.id;")
    REPORT_TRIGGERS("report_cases_", "persons", "id", "id, sex, birth_date, estimated_age",
                    REPORT_PERSON)
    REPORT_TRIGGERS("report_cases_", "case_nationalities", "case_id",
                    "case_id, position, country", REPORT_NATIONALITY)
    REPORT_TRIGGERS("report_cases_", "intakes", "case_id",
                    "case_id, is_current, entry_withdrawn, sector, exploitation", REPORT_INTAKE)
    REPORT_TRIGGERS("report_cases_", "case_closures", "case_id",
                    "case_id, action, reason, audit_seq", REPORT_CLOSURE)
    REPORT_TRIGGERS("report_cases_", "screenings", "case_id",
                    "case_id, held_at, decided, suggestion, decided_at", REPORT_SCREENING)
    REPORT_TRIGGERS("report_cases_", "identifications", "case_id",
                    "case_id, outcome, decided_on", REPORT_IDENTIFICATION)

    REPORT_TRIGGER("report_referrals_ins", "INSERT", "referrals",
                   REPORT_REFERRAL_ROW("r.id = NEW.id"))
    REPORT_TRIGGER("report_referrals_upd", "UPDATE OF id, case_id, sent_at", "referrals",
                   "DELETE FROM report_referrals WHERE referral_id = OLD.id AND OLD.id <> NEW.id;"
                   REPORT_REFERRAL_ROW("r.id = NEW.id"))
    REPORT_TRIGGER("report_referrals_del", "DELETE", "referrals",
                   "DELETE FROM report_referrals WHERE referral_id = OLD.id;")
    /* Only a move to accepted, in service or completed can change when a
     * referral was first accepted: the other moves leave the row alone. */
    "CREATE TRIGGER IF NOT EXISTS report_referrals_referral_events_ins AFTER INSERT ON"
    " referral_events WHEN NEW.to_state IN ('accepted', 'in_service', 'completed') BEGIN "
    REPORT_REFERRAL_OF("NEW.referral_id") " END;"
    REPORT_TRIGGER("report_referrals_referral_events_upd", "UPDATE OF referral_id, to_state, at",
                   "referral_events", REPORT_REFERRAL_OF("NEW.referral_id")
                   REPORT_REFERRAL_OF("OLD.referral_id"))
    "CREATE TRIGGER IF NOT EXISTS report_referrals_referral_events_del AFTER DELETE ON"
    " referral_events WHEN OLD.to_state IN ('accepted', 'in_service', 'completed') BEGIN "
    REPORT_REFERRAL_OF("OLD.referral_id") " END;"
    REPORT_TRIGGERS("report_need_events_", "needs", "record_id",
                    "record_id, version, case_id, kind, state, updated_at, entry_withdrawn",
                    REPORT_NEED_ROWS)

    /* The rows of what is stored already. */
    REPORT_CASE_ROW("1")
    REPORT_REFERRAL_ROW("1")
    "DELETE FROM report_need_events;"
    "INSERT INTO report_need_events(record_id, state, at, case_id, kind, withdrawn)"
    " SELECT f.record_id, f.state, f.updated_at, l.case_id, l.kind, l.entry_withdrawn"
    " FROM needs f, needs l WHERE f.state IN ('provided', 'unavailable')"
    " AND f.version = (SELECT min(v.version) FROM needs v WHERE v.record_id = f.record_id"
    "  AND v.state = f.state)"
    " AND l.record_id = f.record_id"
    " AND l.version = (SELECT max(v.version) FROM needs v WHERE v.record_id = f.record_id);";

/* 10: the case list at 100,000 cases (issue 9).  Both tables are derived
 * data kept by triggers on cases, so every writer (the case form, a
 * hand-over import, a conflict resolved) keeps them right without knowing.
 *
 * case_count holds the number of cases in its one row: the list's
 * "N cases" line reads it instead of counting the whole list index.
 *
 * case_grams is the search index (db/case_grams.c): every run of three
 * characters (code points) of lower(search_key) || U+001F ||
 * lower(reference) with the case's rowid and where it starts, except the
 * runs that hold the separator.  A fragment of k >= 3 characters is in a
 * case's text exactly when its runs at 0, 3, 6, ... and k - 3 are there
 * at those distances from one start, so a search reads the entries of
 * its grams instead of every case, and never the rows.  lower() folds
 * ASCII only, as LIKE does, so the index answers what LIKE answered.
 * Positions come from search_positions (0..2047: a search key is at most
 * SEARCH_KEY_MAX = 1212 bytes) because 3.15 allows no WITH in a trigger.
 * Cases keep their rowid: nothing here VACUUMs, and a backup copies
 * pages.  Written to run again over a store whose tables are there (as
 * migration 9: the tests make older stores by dropping what is newer). */
#define CASE_GRAM_TEXT(row) \
    "lower(" row ".search_key) || char(31) || lower(" row ".reference)"
/* The grams of one row of cases (row is NEW, OLD or an alias); from is
 * what comes before search_positions in the FROM clause. */
#define CASE_GRAMS_SELECT(row, from) \
    " SELECT substr(" CASE_GRAM_TEXT(row) ", p.pos + 1, 3), " row ".rowid, p.pos" \
    " FROM " from "search_positions p WHERE p.pos <= length(" CASE_GRAM_TEXT(row) ") - 3" \
    " AND instr(substr(" CASE_GRAM_TEXT(row) ", p.pos + 1, 3), char(31)) = 0"
#define CASE_GRAMS_ADD(row) \
    "INSERT INTO case_grams(gram, case_rowid, pos)" CASE_GRAMS_SELECT(row, "") ";"
/* Every gram of the row's case is one of its old text's. */
#define CASE_GRAMS_DROP(row) \
    "DELETE FROM case_grams WHERE case_rowid = " row ".rowid AND gram IN" \
    " (SELECT substr(" CASE_GRAM_TEXT(row) ", p.pos + 1, 3) FROM search_positions p" \
    "  WHERE p.pos <= length(" CASE_GRAM_TEXT(row) ") - 3);"
static const char schema_v10[] =
    "CREATE TABLE IF NOT EXISTS case_count("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " cases INTEGER NOT NULL);"
    "INSERT OR REPLACE INTO case_count(id, cases) SELECT 1, count(*) FROM cases;"
    "CREATE TRIGGER IF NOT EXISTS case_count_ins AFTER INSERT ON cases BEGIN"
    " UPDATE case_count SET cases = cases + 1 WHERE id = 1; END;"
    "CREATE TRIGGER IF NOT EXISTS case_count_del AFTER DELETE ON cases BEGIN"
    " UPDATE case_count SET cases = cases - 1 WHERE id = 1; END;"

    "CREATE TABLE IF NOT EXISTS search_positions(pos INTEGER PRIMARY KEY);"
    "INSERT OR IGNORE INTO search_positions(pos) WITH RECURSIVE n(i) AS"
    " (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2047) SELECT i FROM n;"
    "CREATE TABLE IF NOT EXISTS case_grams("
    " gram TEXT NOT NULL,"
    " case_rowid INTEGER NOT NULL,"     /* cases.rowid */
    " pos INTEGER NOT NULL,"            /* code points from the text's start */
    " PRIMARY KEY (gram, case_rowid, pos)) WITHOUT ROWID;"
    "DELETE FROM case_grams;"
    "INSERT INTO case_grams(gram, case_rowid, pos)" CASE_GRAMS_SELECT("c", "cases c, ") ";"
    "CREATE TRIGGER IF NOT EXISTS case_grams_ins AFTER INSERT ON cases BEGIN "
    CASE_GRAMS_ADD("NEW") " END;"
    "CREATE TRIGGER IF NOT EXISTS case_grams_upd AFTER UPDATE OF search_key, reference ON cases"
    " WHEN OLD.search_key IS NOT NEW.search_key OR OLD.reference IS NOT NEW.reference BEGIN "
    CASE_GRAMS_DROP("OLD") CASE_GRAMS_ADD("NEW") " END;"
    "CREATE TRIGGER IF NOT EXISTS case_grams_del AFTER DELETE ON cases BEGIN "
    CASE_GRAMS_DROP("OLD") " END;"
    /* A field officer's list is the cases he recorded or is assigned to
     * (core/access.h): with this beside cases_by_officer, SQLite reads the
     * two index ranges of the OR, not every case. */
    "CREATE INDEX IF NOT EXISTS cases_by_creator ON cases(created_by);";

/* 11: witnesses, informants and suspects of a case (issue 8; core/party.h,
 * db/parties.h).  Versioned like notes: an update or a withdrawal appends a
 * version.  withdrawn_reason repeats the withdrawal's change_reason in the
 * content, so the list shows why without reading the history.  Never in a
 * hand-over (db/exchange_tables.c does not list it) nor in a report.
 * IF NOT EXISTS, like migration 9: a test that turns a store back into an
 * older version by its user_version alone still migrates. */
static const char schema_v11[] =
    "CREATE TABLE IF NOT EXISTS parties(" VERSIONED
    " case_id TEXT NOT NULL REFERENCES cases(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('witness', 'informant', 'suspect')),"
    " name TEXT NOT NULL,"
    " relation TEXT NOT NULL DEFAULT '',"
    " contact TEXT NOT NULL DEFAULT '',"
    " details TEXT NOT NULL DEFAULT '',"
    " withdrawn_reason TEXT NOT NULL DEFAULT '',"
    STAMPS ","
    " UNIQUE (record_id, version));"
    "CREATE INDEX IF NOT EXISTS parties_by_case ON parties(case_id, is_current);";

/* A step is SQL and, when SQL alone cannot make the data (parsing and
 * hashing the built-in instruments), a C function run after it in the same
 * transaction; it returns an SQLite result code, and anything but
 * SQLITE_OK rolls the whole step back. */
typedef struct migration {
    const char *sql;
    int (*run)(sqlite3 *db, const migrate_context *ctx);
} migration;

static const migration migrations[] = {
    { schema_v1, NULL },
    { schema_v2, NULL },
    { schema_v3, NULL },
    { schema_v4, builtin_instruments_migrate },
    { schema_v5, record_migrate_codes },
    { schema_v6, builtin_agencies_migrate },
    { schema_v7, returns_migrate },
    { schema_v8, NULL },
    { schema_v9, NULL },
    { schema_v10, NULL },
    { schema_v11, NULL },
};
#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

int migrate_latest_version(void)
{
    return MIGRATION_COUNT;
}

int migrate_current_version(sqlite3 *db)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) != SQLITE_OK)
        return -1;
    int v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    return v;
}

static int set_user_version(sqlite3 *db, int v)
{
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* One step in one transaction.  The version is read again after BEGIN
 * IMMEDIATE (which takes the write lock), so two processes opening an old
 * store at once do not both apply the same step.  *done is set when the
 * database already is at target. */
static int migrate_one_step(sqlite3 *db, int target, const migrate_context *ctx, int *done)
{
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    int cur = migrate_current_version(db);
    if (cur < 0)
        rc = sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errcode(db) : SQLITE_ERROR;
    else if (cur > target)
        rc = SQLITE_MISMATCH;
    else if (cur == target)
        *done = 1;
    else {
        rc = sqlite3_exec(db, migrations[cur].sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK && migrations[cur].run)
            rc = migrations[cur].run(db, ctx);
        if (rc == SQLITE_OK)
            rc = set_user_version(db, cur + 1);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int migrate_to(sqlite3 *db, int target)
{
    return migrate_to_at(db, target, 0);
}

int migrate_to_at(sqlite3 *db, int target, int64_t now)
{
    migrate_context ctx = { now };
    if (target < 0 || target > MIGRATION_COUNT)
        return SQLITE_MISUSE;
    int frc = store_register_functions(db);
    if (frc != SQLITE_OK)
        return frc;
    /* Refuse a newer database before taking any lock. */
    int cur = migrate_current_version(db);
    if (cur < 0)
        return sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errcode(db) : SQLITE_ERROR;
    if (cur > target)
        return SQLITE_MISMATCH;
    int done = cur == target;
    while (!done) {
        int rc = migrate_one_step(db, target, &ctx, &done);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}
