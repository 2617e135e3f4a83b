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

unset LANGUAGE LC_ALL
LANG=C.UTF-8
export LANG
tc_thai_catalogue
# 10:00 on 21 Nov 2026 in Bangkok.
TIPCASE_NOW=2026-11-21T03:00:00Z
export TIPCASE_NOW
d=$TC_TMP/store
T=$TIPCASE
printf 'correct horse battery staple\n' >"$TC_TMP/p"

check() {   # check WHAT EXPECTED-STATUS COMMAND...
    what=$1 want=$2
    shift 2
    "$@" >"$TC_TMP/out" 2>"$TC_TMP/err" 3<"$TC_TMP/p"
    got=$?
    if [ "$got" = "$want" ]; then
        tc_pass "$what (exit $got)"
    else
        tc_fail "$what: exit $got, wanted $want"
        sed 's/^/  out: /' "$TC_TMP/out"
        sed 's/^/  err: /' "$TC_TMP/err"
    fi
}
has() {     # has WHAT FILE TEXT
    if grep -q -- "$3" "$TC_TMP/$2"; then tc_pass "$1"; else
        tc_fail "$1: no \"$3\" in $2"; sed 's/^/  | /' "$TC_TMP/$2"; fi
}
hasnt() {   # hasnt WHAT FILE TEXT
    if grep -q -- "$3" "$TC_TMP/$2"; then
        tc_fail "$1: \"$3\" in $2"; sed 's/^/  | /' "$TC_TMP/$2"; else tc_pass "$1"; fi
}
tc_env=     # one VAR=value for the next commands, e.g. LANGUAGE=th
tc() {      # tipcase as the administrator
    # shellcheck disable=SC2086 # tc_env is one word or none
    env $tc_env "$T" --data-dir "$d" --user admin --passphrase-fd 3 "$@"
}

check "init" 0 tc init --name "Admin Officer"
check "help lists the clock commands" 0 "$T" --help
has "help names clock extend" out "clock extend CASE --until"

# ---- instruments -------------------------------------------------------
check "instrument list" 0 tc instrument list
for code in forced_labour trafficking_elements child border_quick; do
    has "the built-in $code is listed" out "^$code "
done
has "English titles" out "Border quick screen"
check "instrument list tsv" 0 tc instrument list --format tsv
has "tsv header" out "^code	version	title_en	title_th	sections	indicators	latest	builtin$"
has "tsv row with both titles" out "^border_quick	1	Border quick screen.*	แบบคัดกรองเบื้องต้น"
cp "$TC_TMP/out" "$TC_TMP/list_before"

check "instrument show" 0 tc instrument show border_quick
has "the title and version" out "^Border quick screen.*(border_quick, version 1)"
has "a section" out "^1\. About the person (person)"
has "a question with its element and strength" out "bq.person.under18: Vulnerability (risk factors), Strong indicator"
has "the question text" out "Are you under 18 years old?"
check "an unknown instrument is refused" 1 tc instrument show no_such_thing
check "an unknown version is refused" 1 tc instrument show border_quick --version 9
check "a bad version number is a usage error" 2 tc instrument show border_quick --version two

tc_env=LANGUAGE=th; check "instrument list in Thai" 0 tc instrument list; tc_env=
has "Thai titles" out "แบบคัดกรองเบื้องต้น ณ จุดผ่านแดน"
tc_env=LANGUAGE=th; check "instrument show in Thai" 0 tc instrument show border_quick; tc_env=
has "Thai questions" out "ท่านอายุต่ำกว่า 18 ปีใช่หรือไม่"
has "Thai element and strength" out "ความเปราะบาง (ปัจจัยเสี่ยง), ตัวบ่งชี้น้ำหนักมาก"
hasnt "no English question in Thai" out "Are you under 18 years old?"

# A version 2 whose first indicator has a strength the format does not know.
src=$top_srcdir/data/instruments/border_quick.tsv
bad_line=$(grep -n '^indicator	' "$src" | head -1 | cut -d: -f1)
sed -e 's/^instrument	border_quick	1	/instrument	border_quick	2	/' \
    -e "${bad_line}s/	strong	/	sometimes	/" "$src" >"$TC_TMP/bad.tsv"
check "a bad instrument file is refused" 1 tc instrument add "$TC_TMP/bad.tsv"
has "the line is named" err "bad.tsv, line $bad_line:"
has "the problem is named" err "strength"
check "instrument list after the refusal" 0 tc instrument list --format tsv
if cmp -s "$TC_TMP/out" "$TC_TMP/list_before"; then tc_pass "nothing changed"; else
    tc_fail "the instruments changed"; diff "$TC_TMP/list_before" "$TC_TMP/out"; fi
tc_env=LANGUAGE=th; check "a bad file in Thai" 1 tc instrument add "$TC_TMP/bad.tsv"; tc_env=
has "the line is named in Thai too" err "$bad_line"
check "an unreadable file is refused" 1 tc instrument add "$TC_TMP/no-such-file.tsv"
has "it says it cannot read it" err "no-such-file.tsv"
sed -e 's/^instrument	border_quick	1	/instrument	border_quick	2	/' "$src" >"$TC_TMP/v2.tsv"
check "a good new version is stored" 0 tc instrument add "$TC_TMP/v2.tsv"
check "instrument list" 0 tc instrument list --format tsv
has "version 2 is the latest" out "^border_quick	2	.*	yes	no$"
has "version 1 is still there" out "^border_quick	1	.*	no	yes$"

# ---- screenings (no answers can be given here) ---------------------------
check "case add" 0 tc case add --name "มะลิ ใจงาม" --sex female --age 25 --nationality MM
ref=$(cat "$TC_TMP/out")
check "screening list of a case without one" 0 tc screening list "$ref"
has "it says so" out "has no screening yet"
check "screening list tsv" 0 tc screening list "$ref" --format tsv
has "tsv header" out "^id	held_at	instrument	version	answered	total	suggestion	decision$"
check "screening list of an unknown case" 1 tc screening list NOSUCH-2569-9999
check "screening show of an unknown id" 1 tc screening show 00000000-0000-0000-0000-000000000000
check "screening without a sub-command" 2 tc screening

# ---- clocks ----------------------------------------------------------------
check "clock show before start" 1 tc clock show "$ref"
has "it says how to start them" err "clock start"
check "a time without the time of day" 1 tc clock start "$ref" --at "21/11/2569"
has "it asks for hours:minutes" err "hours:minutes"
check "a time met in the future" 1 tc clock start "$ref" --at "21/11/2569 12:00"
check "clock start (B.E.)" 0 tc clock start "$ref" --at "21/11/2569 08:00"
has "met at, in English C.E." out "Met at:	21 Nov 2026 08:00"
has "identification due 24 h later" out "Identification deadline	22 Nov 2026 08:00	Runs out within a day (22 h left)"
has "shelter due 15 days later" out "Temporary shelter before the MDT interview	6 Dec 2026 08:00"
has "reflection due 45 days later" out "Reflection period	5 Jan 2027 08:00"
tc_env=LANGUAGE=th; check "clock show in Thai" 0 tc clock show "$ref"; tc_env=
has "B.E. dates in Thai" out "22 พ.ย. 2569"
has "the clock's name in Thai" out "กำหนดเวลาการคัดแยกผู้เสียหาย"

check "due" 0 tc due
has "the case is due" out "$ref .*Identification deadline · 22 Nov 2026 08:00 · 22 h left"
check "due tsv" 0 tc due --format tsv
has "due tsv header" out "^reference	name	clock	due	state	seconds_left$"
has "due tsv row" out "^$ref	มะลิ ใจงาม	identification	2026-11-22T01:00:00Z	due_soon	79200$"
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 2 ] && tc_pass "only the identification clock is due" || tc_fail "$n lines"

check "a second case, met in C.E." 0 tc case add --name "Aung Min" --sex male --age 30
ref2=$(cat "$TC_TMP/out")
check "clock start (C.E., Thai digits and น.)" 0 tc clock start "$ref2" --at "2026-11-21 ๐๙.๓๐ น."
check "due tsv, two cases" 0 tc due --format tsv
first=$(sed -n 2p "$TC_TMP/out" | cut -f1)
second=$(sed -n 3p "$TC_TMP/out" | cut -f1)
[ "$first" = "$ref" ] && [ "$second" = "$ref2" ] && tc_pass "most urgent first" ||
    tc_fail "order $first, $second"

check "an extension without a court reference" 2 tc clock extend "$ref" --until "25/11/2569 08:00"
check "an extension past seven days" 1 tc clock extend "$ref" --until "28/11/2569 09:00" --court-ref "คำร้องที่ 123/2569"
has "the limit is named" err "longest period"
check "an extension ending before the first deadline" 1 tc clock extend "$ref" --until "22/11/2569 07:00" --court-ref "123/2569"
check "a court extension" 0 tc clock extend "$ref" --until "25/11/2569 08:00" --court-ref "คำร้องที่ 123/2569"
has "the order is shown" out "until 25 Nov 2026 08:00, court order คำร้องที่ 123/2569"
check "due after the extension" 0 tc due --format tsv
hasnt "the extended clock is no longer due" out "^$ref	"

# Across midnight: 00:30 on 25 Nov in Bangkok is still 24 Nov in UTC.
tc_env=TIPCASE_NOW=2026-11-24T17:30:00Z; check "due after midnight" 0 tc due --format tsv; tc_env=
has "the extension runs out in 7.5 h" out "^$ref	มะลิ ใจงาม	identification	2026-11-25T01:00:00Z	due_soon	27000$"
tc_env=TIPCASE_NOW=2026-11-25T02:00:00Z; check "due once passed" 0 tc due; tc_env=
has "overdue is said" out "$ref .*overdue by 1 h"
tc_env=TIPCASE_NOW=2026-11-25T02:00:00Z; check "due tsv once passed" 0 tc due --format tsv; tc_env=
has "passed, negative seconds" out "^$ref	.*	passed	-3600$"

check "stopping with an unknown clock" 2 tc clock stop "$ref" frobnicate
check "a clock cannot stop later than now" 1 tc clock stop "$ref" identification --at "21/11/2569 11:00"
has "it says so" err "later than now"
check "nor before the person was met" 1 tc clock stop "$ref" identification --at "21/11/2569 07:59"
has "it says so" err "before the person was met"
check "clock stop" 0 tc clock stop "$ref" identification --at "21/11/2569 09:45"
has "stopped in the show" out "Identification deadline	.*	stopped 21 Nov 2026 09:45"
tc_env=TIPCASE_NOW=2026-11-25T02:00:00Z; check "due after the stop" 0 tc due --format tsv; tc_env=
hasnt "a stopped clock is not due" out "^$ref	.*identification"

# ---- clock lengths ---------------------------------------------------------
check "clock length get" 0 tc setting get clock.identification_hours
has "the default" out "^24$"
check "a zero length is refused" 1 tc setting set clock.shelter_days 0
check "a court maximum below the first period is refused" 1 tc setting set clock.court_max_hours 10
has "the rule is named" err "court extension"
check "an unknown clock setting" 2 tc setting set clock.lunch_hours 1
check "identification 48 h" 0 tc setting set clock.identification_hours 48
check "read back" 0 tc setting get clock.identification_hours
has "kept" out "^48$"
check "due with 48 h" 0 tc due --format tsv
hasnt "the second case has 47.5 h left: not due" out "^$ref2	"
check "identification back to 24 h" 0 tc setting set clock.identification_hours 24

# ---- the screens: the case list's mark and the due-soon view ----------------
check "a case met at 07:00 today" 0 tc case add --name "Nok Due" --age 40
ref3=$(cat "$TC_TMP/out")
check "its clocks" 0 tc clock start "$ref3" --at "21/11/2569 07:00"

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
