#!/bin/sh
# tipcase demo, in Thai: a bad count is refused in Thai; "demo --cases 50"
# makes a store of synthetic cases and prints its officer and passphrase;
# a second demo into the same directory is refused and changes nothing;
# a command on the demo store says on stderr that the data are synthetic;
# and the screens, opened with the printed passphrase, show the demo badge
# on the unlock screen, the case list, a case and the lock screen.
TC_NAME=demo_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_setup 2026-11-21T03:00:00Z
D=$TC_TMP/demo
BADGE="ข้อมูลสาธิต"

tc_check "a count of 0 is refused" 2 env LANGUAGE=th "$T" demo --cases 0 --data-dir "$D"
tc_has "the refusal is in Thai" err "จำนวนกรณีต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 100000"
tc_check "a count above 100000 is refused" 2 env LANGUAGE=th "$T" demo --cases 100001 \
    --data-dir "$D"
tc_check "a count that is not a number is refused" 2 env LANGUAGE=th "$T" demo --cases many \
    --data-dir "$D"
if [ -e "$D" ]; then tc_fail "a refused demo made its directory"; else
    tc_pass "a refused demo wrote nothing"; fi

tc_check "a demo store of 50 cases" 0 env LANGUAGE=th "$T" demo --cases 50 --data-dir "$D" \
    --lang th
tc_has "the passphrase is printed" out "รหัสผ่าน: [a-z2-9]\{4\}-[a-z2-9]\{4\}-"
tc_has "the officer is printed" out "เจ้าหน้าที่: demo"
tc_has "how to open it is printed" out "tipcase --data-dir $D"
tc_has "it says the cases are synthetic" out "กรณีสมมติ 50 กรณี"
tc_mode "the marker file is private" "$D/DEMO" 600
demo_pass=$(sed -n 's/^ *รหัสผ่าน: //p' "$TC_TMP/out")
printf '%s\n' "$demo_pass" >"$TC_TMP/dp"

cp "$D/cases.db" "$TC_TMP/before.db"
tc_check "a demo into an existing store is refused" 1 env LANGUAGE=th "$T" demo --cases 5 \
    --data-dir "$D"
tc_has "the refusal is in Thai" err "มีที่เก็บข้อมูลอยู่แล้ว"
if cmp -s "$D/cases.db" "$TC_TMP/before.db"; then tc_pass "the store is unchanged"; else
    tc_fail "the refused demo changed the store"; fi

tc_check "the demo store lists its cases" 0 tc_as "$D" demo "$TC_TMP/dp" case list --format tsv
tc_has "every case is listed" out "^.*	.*	.*	"
if [ "$(tail -n +2 "$TC_TMP/out" | wc -l)" = 50 ]; then tc_pass "50 cases"; else
    tc_fail "not 50 cases"; fi
tc_check "the command works in Thai" 0 env LANGUAGE=th "$T" --data-dir "$D" --user demo \
    --passphrase-fd 3 check 3<"$TC_TMP/dp"
tc_has "stderr says it is a demo store" err "ที่เก็บข้อมูลสาธิต"

tc_start demo 80 24 "$T" --data-dir "$D"
tc_expect "ปลดล็อก" "the unlock screen"
tc_expect "$BADGE" "the unlock screen shows the demo badge"
tc_type "demo"; tc_keys Tab
tc_type "$demo_pass"; tc_keys Enter
tc_expect "รายการกรณี" "the case list"
tc_expect "$BADGE" "the case list shows the demo badge"
tc_keys Enter
tc_expect "การรับเรื่อง" "a case opens"
tc_expect "$BADGE" "the case view shows the demo badge"
tc_keys F12
tc_expect "ล็อกอยู่" "the screen locks"
tc_expect "$BADGE" "the lock screen shows the demo badge"
tc_type "$demo_pass"; tc_keys Enter
tc_expect "การรับเรื่อง" "unlocked, back on the case"
tc_expect "$BADGE" "the badge is there after unlocking"
tc_keys Escape
tc_expect "รายการกรณี" "back on the list"
tc_keys q
tc_wait_exit 20 >/dev/null
tc_stop

tc_summary
