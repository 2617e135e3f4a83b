#!/bin/sh
# End to end, in Thai, on the command line: roles are enforced in the store
# (issue 8).  A social worker's case list holds only the case she recorded;
# the administrator's case is refused with the reason in Thai, and so are a
# backup and a report file, which leave no file (her report on the screen
# is hers to see); the administrator still sees every case.
TC_NAME=roles_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_setup 2026-11-21T03:00:00Z
tc_social_worker_files

if tc_admin_store "$d" "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 25 &&
   tc_add_social_worker "สมศรี" >/dev/null 2>&1; then
    tc_pass "a store, the administrator's case and a social worker"
else
    tc_fail "could not set up the store"
    tc_summary
fi
others=$(cat "$TC_TMP/ref")

tc_check "the social worker records a case" 0 sw case add --name "ดาว ประกายแสง" --sex female --age 30
mine=$(cat "$TC_TMP/out")
tc_check "her case list" 0 sw case list --format tsv
tc_has "it holds her case" out "ดาว ประกายแสง"
grep -q "มะลิ" "$TC_TMP/out" && tc_fail "it holds the administrator's case" ||
    tc_pass "it does not hold the administrator's case"
tc_check "her own case opens" 0 sw case show "$mine"
tc_check "the administrator's case is refused" 1 sw case show "$others"
tc_has "the reason, in Thai" err "เฉพาะเจ้าหน้าที่ผู้รับผิดชอบคดีและหัวหน้างานเท่านั้นที่เปิดคดีนี้ได้"
grep -q "มะลิ" "$TC_TMP/out" "$TC_TMP/err" && tc_fail "the refused case was shown" ||
    tc_pass "nothing of the refused case is shown"
tc_check "a backup is refused" 1 sw backup "$TC_TMP/all.backup"
tc_has "the reason, in Thai" err "เฉพาะหัวหน้างานหรือผู้ดูแลระบบเท่านั้นที่ดำเนินการนี้ได้"
[ ! -e "$TC_TMP/all.backup" ] && tc_pass "no backup file" || tc_fail "a backup file was written"
tc_check "her own report is shown to her" 0 sw report
tc_check "a report file is refused" 1 sw report --format csv --output "$TC_TMP/r.csv"
tc_has "the reason, in Thai" err "เฉพาะหัวหน้างานหรือผู้ดูแลระบบเท่านั้นที่ดำเนินการนี้ได้"
[ ! -e "$TC_TMP/r.csv" ] && tc_pass "no report file" || tc_fail "a report file was written"
tc_check "the HTCDS export is refused" 1 sw export --htcds --output "$TC_TMP/h.csv"
tc_has "the reason, in Thai" err "เฉพาะหัวหน้างานหรือผู้ดูแลระบบเท่านั้นที่ดำเนินการนี้ได้"
[ ! -e "$TC_TMP/h.csv" ] && tc_pass "no export file" || tc_fail "an export file was written"
tc_check "the administrator's list" 0 tc case list --format tsv
tc_has "holds the administrator's case" out "มะลิ ใจงาม"
tc_has "and the social worker's" out "ดาว ประกายแสง"
tc_summary
