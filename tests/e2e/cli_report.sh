#!/bin/sh
# End to end: `tipcase report` from the real binary, in Thai (LANGUAGE=th)
# and English.  Three cases on both sides of the fiscal-year boundary; the
# default report is the current fiscal year named in B.E. with its Thai
# date range; the CSV a team member opens in LibreOffice starts with the
# UTF-8 BOM, ends its lines in CRLF, is private (0600) and is audited; one
# for outside the team shows "<11" and says how many cells it hid; a bad
# period is refused in Thai and writes nothing; --gaps lists what is
# missing.
TC_NAME=cli_report
. "$top_srcdir/tests/e2e/lib.sh"

# Saturday 21 Nov 2026, 10:00 in Bangkok: fiscal year 2570.
tc_cli_setup 2026-11-21T03:00:00Z

tc_check "init" 0 tc init --name "Admin Officer"
tc_check "help names report" 0 "$T" --help
tc_has "help shows report --gaps" out "report --gaps"

tc_check "met in FY 2569" 0 tc case add --name "มะลิ ใจงาม" --sex female --age 25 \
    --nationality MM --date-met 2026-09-01
ref_a=$(cat "$TC_TMP/out")
tc_check "met in FY 2570" 0 tc case add --name "Aung Min" --sex male --age 16 \
    --nationality MM --date-met 2026-10-01
ref_b=$(cat "$TC_TMP/out")
tc_check "no nationality" 0 tc case add --name "Sok" --sex male --age 30 --date-met 2026-11-01
# The command line records no screening; a reintegration plan is a figure
# ("on reintegration plans") it can record.
tc_check "A's plan from 15 Sep 2026" 0 tc reintegration add "$ref_a" --start 2026-09-15
tc_check "B's plan from 5 Oct 2026" 0 tc reintegration add "$ref_b" --start 2026-10-05

# ---- text in Thai ------------------------------------------------------------
tc_env=LANGUAGE=th
tc_check "the report in Thai" 0 tc report
tc_has "this fiscal year, named in B.E." out "ปีงบประมาณ พ.ศ. 2570 (1 ต.ค. 2569 - 30 ก.ย. 2570)"
tc_check "last fiscal year by nationality" 0 tc report --period fy2569 --by nationality
tc_has "last fiscal year" out "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 - 30 ก.ย. 2569)"
tc_has "Myanmar in Thai" out "เมียนมา"
tc_check "a month" 0 tc report --period 2569-10
tc_has "the month's Thai name" out "ตุลาคม 2569"

# ---- refusals write nothing ---------------------------------------------------
tc_check "a bad period" 1 tc report --period fy25x9 --format csv --output "$TC_TMP/bad.csv"
tc_has "said in Thai" err "กรุณาระบุช่วงเวลา"
if [ -e "$TC_TMP/bad.csv" ]; then tc_fail "a refused report wrote a file"; else
    tc_pass "a refused report writes nothing"; fi
tc_check "a bad breakdown" 1 tc report --by colour --output "$TC_TMP/bad.csv"
tc_check "an unknown option" 2 tc report --colour
if ls "$TC_TMP"/bad.csv* >/dev/null 2>&1; then tc_fail "a temporary file was left"; else
    tc_pass "no temporary file left"; fi

# ---- CSV for LibreOffice ------------------------------------------------------
tc_check "CSV for the team" 0 tc report --by sex --format csv --output "$TC_TMP/team.csv"
tc_has "a reminder for a team file" err "--outside"
if [ "$(head -c 3 "$TC_TMP/team.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ]; then
    tc_pass "the CSV starts with the UTF-8 BOM"; else tc_fail "no UTF-8 BOM"; fi
if [ "$(head -n 1 "$TC_TMP/team.csv" | tail -c 2 | od -An -tx1 | tr -d ' \n')" = 0d0a ]; then
    tc_pass "lines end in CRLF"; else tc_fail "a line without CRLF"; fi
tc_has "the Thai title in the CSV" team.csv "ปีงบประมาณ พ.ศ. 2570"
tc_has "the breakdown's code column" team.csv ",male,0,0,0,0,0,0,0,1,"
tc_mode "the file is private (0600)" "$TC_TMP/team.csv" 600

tc_check "CSV for outside the team" 0 tc report --period fy2570 --format csv --outside \
    --output "$TC_TMP/outside.csv"
tc_hasnt "no reminder for an outside file" err "--outside"
tc_has "small cells hidden" outside.csv "<11"
tc_has "says how many (in Thai)" outside.csv "ปกปิด"

# ---- completeness -------------------------------------------------------------
tc_env=
tc_check "gaps" 0 tc report --gaps
tc_has "the missing nationality" out "Nationality"

tc_check "the audit trail holds" 0 tc check
tc_summary
