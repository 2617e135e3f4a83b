#!/bin/sh
# End to end: the standard export from the command line (issue 7), in
# English and Thai.  Eleven women of 25 from Myanmar and one man of 40 from
# Laos are recorded; `export --htcds` writes a CSV with HTCDS field names in
# which no name or reference appears, the man's sex, age band, nationality
# and year are suppressed (nobody shares them) and the counts are printed;
# the Thai interface prints the same counts in Thai and writes the same
# codes.  A bad period is refused in Thai and writes nothing.
TC_NAME=cli_export
. "$top_srcdir/tests/e2e/lib.sh"

tc_cli_setup 2026-04-10T03:00:00Z

tc_check "init" 0 tc init --name "Admin Officer"
tc_check "help" 0 "$T" --help
tc_has "help names export --htcds" out "export --htcds \[--period P\] --output FILE"

: >"$TC_TMP/refs"
for i in 01 02 03 04 05 06 07 08 09 10 11; do
    tc_check "woman $i" 0 tc case add --name "Ma Thandar $i" --sex female --age 25 \
        --nationality MM --date-met "2026-03-$i"
    cat "$TC_TMP/out" >>"$TC_TMP/refs"
done
tc_check "the man" 0 tc case add --name "สมชาย ใจดี" --sex male --age 40 --nationality LA \
    --date-met 2026-03-15
cat "$TC_TMP/out" >>"$TC_TMP/refs"

csv=$TC_TMP/htcds.csv
tc_check "export" 0 tc export --htcds --output "$csv"
tc_has "twelve rows" out "^Rows: 12$"
tc_has "one row suppressed" out "^Rows with values suppressed: 1$"
tc_has "four values" out "^Values suppressed: 4 "
cp "$csv" "$TC_TMP/file"
tc_has "HTCDS headers" file "tc_RowId,yearOfRegistration,prs_Gender,ageBroad,majorityStatus,prs_Citizenship,vic_TraffickingStatus"
tc_has "a woman's row" file ",2026,Feminine,24--26,Adult,MM,PossibleVictimOfTrafficking,"
tc_has "the man suppressed" file ",,NonSpecifiedUnknown,,,,PossibleVictimOfTrafficking,"
tc_hasnt "no Laos" file ",LA,"
tc_hasnt "no name" file "Thandar"
tc_hasnt "no Thai" file "สมชาย"
tc_hasnt "no date" file "2026-03"
leaked=0
while read -r ref; do
    grep -q -- "$ref" "$csv" && leaked=1
done <"$TC_TMP/refs"
if [ "$leaked" = 0 ]; then tc_pass "no reference in the file"; else
    tc_fail "a case reference is in the file"; fi
tc_mode "the file is 0600" "$csv" 600

tc_env=LANGUAGE=th
tc_check "export in Thai" 0 tc export --htcds --period fy2569 --output "$csv"
tc_has "rows in Thai" out "^จำนวนแถว: 12$"
tc_has "suppressed in Thai" out "^จำนวนค่าที่ปกปิด: 4 "
cp "$csv" "$TC_TMP/file"
tc_has "the same codes" file "prs_Gender"
tc_hasnt "no Thai in the file" file "ช"
rm -f "$TC_TMP/bad.csv"
tc_check "a bad period" 1 tc export --htcds --period fy25x --output "$TC_TMP/bad.csv"
if [ -e "$TC_TMP/bad.csv" ] || ls "$TC_TMP"/bad.csv.* >/dev/null 2>&1; then
    tc_fail "a bad period wrote a file"; else tc_pass "a bad period writes nothing"; fi
tc_env=

tc_check "the audit trail holds" 0 tc check
tc_summary
