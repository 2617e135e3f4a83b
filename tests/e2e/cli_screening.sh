#!/bin/sh
# End to end: the instrument, screening and clock commands as a script uses
# them, in English and Thai, then the due-soon view and the case list's
# clock mark in tmux.  "Now" is fixed with TIPCASE_NOW so that every
# deadline, and every crossing of midnight, is the same on every run.
# (What screening show prints for a screening with answers is checked by
# tests/test_cli_screening, which can store answers; this command line
# cannot answer questions.)
TC_NAME=cli_screening
. "$top_srcdir/tests/e2e/lib.sh"

# 10:00 on 21 Nov 2026 in Bangkok.
tc_cli_setup 2026-11-21T03:00:00Z tc_thai_catalogue

tc_check "init" 0 tc init --name "Admin Officer"
tc_check "help lists the clock commands" 0 "$T" --help
tc_has "help names clock extend" out "clock extend CASE --until"

# ---- instruments -------------------------------------------------------
tc_check "instrument list" 0 tc instrument list
for code in forced_labour trafficking_elements child border_quick; do
    tc_has "the built-in $code is listed" out "^$code "
done
tc_has "English titles" out "Border quick screen"
tc_check "instrument list tsv" 0 tc instrument list --format tsv
tc_has "tsv header" out "^code	version	title_en	title_th	sections	indicators	latest	builtin$"
tc_has "tsv row with both titles" out "^border_quick	1	Border quick screen.*	แบบคัดกรองเบื้องต้น"
cp "$TC_TMP/out" "$TC_TMP/list_before"

tc_check "instrument show" 0 tc instrument show border_quick
tc_has "the title and version" out "^Border quick screen.*(border_quick, version 1)"
tc_has "a section" out "^1\. About the person (person)"
tc_has "a question with its element and strength" out "bq.person.under18: Vulnerability (risk factors), Strong indicator"
tc_has "the question text" out "Are you under 18 years old?"
tc_check "an unknown instrument is refused" 1 tc instrument show no_such_thing
tc_check "an unknown version is refused" 1 tc instrument show border_quick --version 9
tc_check "a bad version number is a usage error" 2 tc instrument show border_quick --version two

tc_env=LANGUAGE=th; tc_check "instrument list in Thai" 0 tc instrument list; tc_env=
tc_has "Thai titles" out "แบบคัดกรองเบื้องต้น ณ จุดผ่านแดน"
tc_env=LANGUAGE=th; tc_check "instrument show in Thai" 0 tc instrument show border_quick; tc_env=
tc_has "Thai questions" out "ท่านอายุต่ำกว่า 18 ปีใช่หรือไม่"
tc_has "Thai element and strength" out "ความเปราะบาง (ปัจจัยเสี่ยง), ตัวบ่งชี้น้ำหนักมาก"
tc_hasnt "no English question in Thai" out "Are you under 18 years old?"

# A version 2 whose first indicator has a strength the format does not know.
src=$top_srcdir/data/instruments/border_quick.tsv
bad_line=$(grep -n '^indicator	' "$src" | head -1 | cut -d: -f1)
sed -e 's/^instrument	border_quick	1	/instrument	border_quick	2	/' \
    -e "${bad_line}s/	strong	/	sometimes	/" "$src" >"$TC_TMP/bad.tsv"
tc_check "a bad instrument file is refused" 1 tc instrument add "$TC_TMP/bad.tsv"
tc_has "the line is named" err "bad.tsv, line $bad_line:"
tc_has "the problem is named" err "strength"
tc_check "instrument list after the refusal" 0 tc instrument list --format tsv
if cmp -s "$TC_TMP/out" "$TC_TMP/list_before"; then tc_pass "nothing changed"; else
    tc_fail "the instruments changed"; diff "$TC_TMP/list_before" "$TC_TMP/out"; fi
tc_env=LANGUAGE=th; tc_check "a bad file in Thai" 1 tc instrument add "$TC_TMP/bad.tsv"; tc_env=
tc_has "the line is named in Thai too" err "$bad_line"
tc_check "an unreadable file is refused" 1 tc instrument add "$TC_TMP/no-such-file.tsv"
tc_has "it says it cannot read it" err "no-such-file.tsv"
sed -e 's/^instrument	border_quick	1	/instrument	border_quick	2	/' "$src" >"$TC_TMP/v2.tsv"
tc_check "a good new version is stored" 0 tc instrument add "$TC_TMP/v2.tsv"
tc_check "instrument list" 0 tc instrument list --format tsv
tc_has "version 2 is the latest" out "^border_quick	2	.*	yes	no$"
tc_has "version 1 is still there" out "^border_quick	1	.*	no	yes$"

# ---- screenings (no answers can be given here) ---------------------------
tc_check "case add" 0 tc case add --name "มะลิ ใจงาม" --sex female --age 25 --nationality MM
ref=$(cat "$TC_TMP/out")
tc_check "screening list of a case without one" 0 tc screening list "$ref"
tc_has "it says so" out "has no screening yet"
tc_check "screening list tsv" 0 tc screening list "$ref" --format tsv
tc_has "tsv header" out "^id	held_at	instrument	version	answered	total	suggestion	decision$"
tc_check "screening list of an unknown case" 1 tc screening list NOSUCH-2569-9999
tc_check "screening show of an unknown id" 1 tc screening show 00000000-0000-0000-0000-000000000000
tc_check "screening without a sub-command" 2 tc screening

# ---- clocks ----------------------------------------------------------------
tc_check "clock show before start" 1 tc clock show "$ref"
tc_has "it says how to start them" err "clock start"
tc_check "a time without the time of day" 1 tc clock start "$ref" --at "21/11/2569"
tc_has "it asks for hours:minutes" err "hours:minutes"
tc_check "a time met in the future" 1 tc clock start "$ref" --at "21/11/2569 12:00"
tc_check "clock start (B.E.)" 0 tc clock start "$ref" --at "21/11/2569 08:00"
tc_has "met at, in English C.E." out "Met at:	21 Nov 2026 08:00"
tc_has "identification due 24 h later" out "Identification deadline	22 Nov 2026 08:00	Runs out within a day (22 h left)"
tc_has "shelter due 15 days later" out "Temporary shelter before the MDT interview	6 Dec 2026 08:00"
tc_has "reflection due 45 days later" out "Reflection period	5 Jan 2027 08:00"
tc_env=LANGUAGE=th; tc_check "clock show in Thai" 0 tc clock show "$ref"; tc_env=
tc_has "B.E. dates in Thai" out "22 พ.ย. 2569"
tc_has "the clock's name in Thai" out "กำหนดเวลาการคัดแยกผู้เสียหาย"

tc_check "due" 0 tc due
tc_has "the case is due" out "$ref .*Identification deadline · 22 Nov 2026 08:00 · 22 h left"
tc_check "due tsv" 0 tc due --format tsv
tc_has "due tsv header" out "^reference	name	clock	due	state	seconds_left$"
tc_has "due tsv row" out "^$ref	มะลิ ใจงาม	identification	2026-11-22T01:00:00Z	due_soon	79200$"
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 2 ] && tc_pass "only the identification clock is due" || tc_fail "$n lines"

tc_check "a second case, met in C.E." 0 tc case add --name "Aung Min" --sex male --age 30
ref2=$(cat "$TC_TMP/out")
tc_check "clock start (C.E., Thai digits and น.)" 0 tc clock start "$ref2" --at "2026-11-21 ๐๙.๓๐ น."
tc_check "due tsv, two cases" 0 tc due --format tsv
first=$(sed -n 2p "$TC_TMP/out" | cut -f1)
second=$(sed -n 3p "$TC_TMP/out" | cut -f1)
[ "$first" = "$ref" ] && [ "$second" = "$ref2" ] && tc_pass "most urgent first" ||
    tc_fail "order $first, $second"

tc_check "an extension without a court reference" 2 tc clock extend "$ref" --until "25/11/2569 08:00"
tc_check "an extension past seven days" 1 tc clock extend "$ref" --until "28/11/2569 09:00" --court-ref "คำร้องที่ 123/2569"
tc_has "the limit is named" err "longest period"
tc_check "an extension ending before the first deadline" 1 tc clock extend "$ref" --until "22/11/2569 07:00" --court-ref "123/2569"
tc_check "a court extension" 0 tc clock extend "$ref" --until "25/11/2569 08:00" --court-ref "คำร้องที่ 123/2569"
tc_has "the order is shown" out "until 25 Nov 2026 08:00, court order คำร้องที่ 123/2569"
tc_check "due after the extension" 0 tc due --format tsv
tc_hasnt "the extended clock is no longer due" out "^$ref	"

# Across midnight: 00:30 on 25 Nov in Bangkok is still 24 Nov in UTC.
tc_env=TIPCASE_NOW=2026-11-24T17:30:00Z; tc_check "due after midnight" 0 tc due --format tsv; tc_env=
tc_has "the extension runs out in 7.5 h" out "^$ref	มะลิ ใจงาม	identification	2026-11-25T01:00:00Z	due_soon	27000$"
tc_env=TIPCASE_NOW=2026-11-25T02:00:00Z; tc_check "due once passed" 0 tc due; tc_env=
tc_has "overdue is said" out "$ref .*overdue by 1 h"
tc_env=TIPCASE_NOW=2026-11-25T02:00:00Z; tc_check "due tsv once passed" 0 tc due --format tsv; tc_env=
tc_has "passed, negative seconds" out "^$ref	.*	passed	-3600$"

tc_check "stopping with an unknown clock" 2 tc clock stop "$ref" frobnicate
tc_check "a clock cannot stop later than now" 1 tc clock stop "$ref" identification --at "21/11/2569 11:00"
tc_has "it says so" err "later than now"
tc_check "nor before the person was met" 1 tc clock stop "$ref" identification --at "21/11/2569 07:59"
tc_has "it says so" err "before the person was met"
tc_check "clock stop" 0 tc clock stop "$ref" identification --at "21/11/2569 09:45"
tc_has "stopped in the show" out "Identification deadline	.*	stopped 21 Nov 2026 09:45"
tc_env=TIPCASE_NOW=2026-11-25T02:00:00Z; tc_check "due after the stop" 0 tc due --format tsv; tc_env=
tc_hasnt "a stopped clock is not due" out "^$ref	.*identification"

# ---- clock lengths ---------------------------------------------------------
tc_check "clock length get" 0 tc setting get clock.identification_hours
tc_has "the default" out "^24$"
tc_check "a zero length is refused" 1 tc setting set clock.shelter_days 0
tc_check "a court maximum below the first period is refused" 1 tc setting set clock.court_max_hours 10
tc_has "the rule is named" err "court extension"
tc_check "an unknown clock setting" 2 tc setting set clock.lunch_hours 1
tc_check "identification 48 h" 0 tc setting set clock.identification_hours 48
tc_check "read back" 0 tc setting get clock.identification_hours
tc_has "kept" out "^48$"
tc_check "due with 48 h" 0 tc due --format tsv
tc_hasnt "the second case has 47.5 h left: not due" out "^$ref2	"
tc_check "identification back to 24 h" 0 tc setting set clock.identification_hours 24

# ---- the screens: the case list's mark and the due-soon view ----------------
tc_check "a case met at 07:00 today" 0 tc case add --name "Nok Due" --age 40
ref3=$(cat "$TC_TMP/out")
tc_check "its clocks" 0 tc clock start "$ref3" --at "21/11/2569 07:00"

tc_start due 80 24 env TIPCASE_NOW=$TIPCASE_NOW "$T" --data-dir "$d" --user admin
tc_expect "Passphrase" "the unlock screen"
tc_type "correct horse battery staple"
tc_keys Enter
tc_expect "$ref3" "the case list"
tc_expect "! 21h" "the list marks the case whose clock runs out in 21 hours"
tc_expect "! 24h" "and the one with 23.5 hours left"
tc_keys D
tc_expect "Due soon" "D opens the due-soon view"
tc_expect "Identifying" "the clock is named"
tc_expect "22 Nov 2026 07:00" "with its due time"
tc_expect "21 h" "and the time left"
due_screen=$(tc_screen)
l3=$(printf '%s\n' "$due_screen" | grep -n "$ref3" | head -1 | cut -d: -f1)
l2=$(printf '%s\n' "$due_screen" | grep -n "$ref2" | head -1 | cut -d: -f1)
[ -n "$l3" ] && [ -n "$l2" ] && [ "$l3" -lt "$l2" ] && tc_pass "most urgent first on screen" ||
    tc_fail "order on screen: $ref3 at $l3, $ref2 at $l2"
tc_keys F2
tc_expect "22 พ.ย. 2569" "in Thai the due time is in B.E."
tc_keys F2
tc_keys Enter
tc_expect "Nok Due" "Enter opens the case"
tc_keys Escape
tc_expect "Due soon" "back to the due-soon view"
tc_keys Escape
tc_expect "$ref3" "back to the case list"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

tc_summary
