#!/bin/sh
# End to end at 80x24, in Thai: a case is referred in the program.  The
# agency is found in the directory by its Thai abbreviation; consent does
# not cover the referral, so sending is refused until the officer gives the
# reason to go without.  Days later (TIPCASE_NOW) the referral is overdue:
# the case list counts it, the dashboard lists it first; the officer opens
# the case from there, marks the referral acknowledged (only the states core
# allows are offered), writes the handover sheet to a 0600 file, and the
# referral leaves the overdue list.  A social worker cannot add an agency:
# the store's refusal is shown.
TC_NAME=referral_th
. "$top_srcdir/tests/e2e/lib.sh"

# Friday 20 Nov 2026, 17:00 in Bangkok.
tc_thai_setup 2026-11-20T10:00:00Z
printf '%s\nsecond officer pass\n' "$pass" >"$TC_TMP/p2"

if tc_admin_store "$d" "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 25 \
        --nationality MM --languages my &&
   tc_as "$d" admin "$TC_TMP/p2" user add somsri --name "สมศรี" --role social_worker \
        >/dev/null 2>&1; then
    tc_pass "a store, a case and a social worker"
else
    tc_fail "could not set up the store"
    tc_summary
fi
ref=$(cat "$TC_TMP/ref")

# unlock SESSION USER PASSPHRASE [TEXT]: start the program, unlock it and
# wait for TEXT (default: the case's name in the list).
unlock() {
    tc_start "$1" 80 24 "$T" --data-dir "$d" --user "$2"
    tc_expect "ปลดล็อก" "the unlock screen ($1)"
    tc_type "$3"
    tc_keys Enter
    tc_wait_for "${4:-มะลิ ใจงาม}"
}

# ---- Friday: refer the case --------------------------------------------------
unlock s1 admin "$pass"
tc_expect_not "การส่งต่อเกินกำหนด" "the case list counts no overdue referral"
tc_keys Enter
tc_wait_for "$ref"
tc_type "ค"                                     # 8 on the Thai layout
tc_expect "8 การส่งต่อ" "ค (8 on the Thai layout) opens the Referrals tab"
tc_expect "ยังไม่มีการส่งต่อ" "no referral yet"
tc_type "ื"                                     # n on the Thai layout
tc_expect "ส่งต่อไปยังหน่วยงานใด" "n chooses the agency from the directory"
tc_keys /
tc_type "กตม"
tc_expect "กองต่อต้านการค้ามนุษย์" "a Thai abbreviation without its dot finds the agency"
tc_expect_not "สตม." "and only it"
tc_keys Enter Enter
tc_expect "ส่งต่อไปยัง กตม." "the referral form names the agency"
tc_expect "ความยินยอมไม่ครอบคลุมการส่งต่อนี้" "it says consent does not cover the referral"
tc_expect "เหตุผลที่ส่งโดยไม่มีความยินยอม" "and asks for the reason to go without"
tc_keys Right Right Space                      # accommodation
tc_keys Tab Tab Tab
tc_type "ชื่อ อายุ และความต้องการที่พัก พบที่ท่าเรือ"
tc_keys Tab Space                              # identity shared
tc_keys F10
tc_expect "ความยินยอมที่บันทึกไว้ไม่ครอบคลุมการส่งต่อนี้" "sending without the reason is refused"
tc_expect "พบที่ท่าเรือ" "what was typed is kept"
tc_type "ไม่มีล่ามในวันนี้ ผู้เสียหายไม่ปลอดภัยคืนนี้"
tc_keys F10
tc_expect "ส่งต่อไปยัง กตม. แล้ว" "with the reason it is sent"
tc_expect "ส่งแล้ว · เร่งด่วน" "the tab lists it: state and urgency"
tc_expect "รอหน่วยงานตอบรับทราบ 23 พ.ย. 2569 17.00 น." "and when it is due: 72 hours, weekend counted"
tc_expect "ที่พักอาศัย" "and the need it answers"
tc_keys Enter
tc_expect "ร่าง → ส่งแล้ว · สมชาย ใจดี" "the referral's history: the change and the officer"
tc_expect "ไม่มีล่ามในวันนี้" "the reason to go without consent is shown"
tc_expect "ขั้นถัดไป (s)" "the next steps are offered"
tc_keys Escape Escape
tc_wait_for "รายการกรณี"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- Monday 18:00: an hour past the deadline ------------------------------------
TIPCASE_NOW=2026-11-23T11:00:00Z
unlock s2 admin "$pass"
tc_expect "! การส่งต่อเกินกำหนด: 1 รายการ (R)" "the case list counts the overdue referral"
tc_keys R
tc_expect "ยังดำเนินการอยู่: 1 · เกินกำหนด: 1" "the dashboard counts open and overdue"
tc_expect "เกิน 1ชม." "the row says how late it is"
tc_expect "!$ref" "marked overdue"
tc_keys Enter
tc_expect "ส่งแล้ว · เร่งด่วน · เกินกำหนด" "Enter opens the case on its referrals, marked overdue"
tc_keys Enter
tc_expect "! รอหน่วยงานตอบรับทราบ 23 พ.ย. 2569 17.00 น. (เกินกำหนด" "the referral says it is overdue"
tc_type "ห"                                     # s on the Thai layout
tc_expect "เปลี่ยนสถานะการส่งต่อเป็น:" "s offers the next states"
tc_expect "หน่วยงานรับทราบแล้ว" "acknowledged"
tc_expect "ถอนการส่งต่อ" "withdrawn"
tc_expect_not "หน่วยงานตอบรับแล้ว" "and not accepted, which core does not allow yet"
tc_keys Down Down Enter
tc_expect "ต้องระบุ: เหตุผลที่การส่งต่อสิ้นสุดลง" "withdrawing asks for the reason"
tc_keys F10
tc_expect "กรุณาระบุเหตุผลที่หน่วยงานปฏิเสธ" "and refuses without one"
tc_keys Escape
tc_type "ห"
tc_keys Enter
tc_expect "ส่งแล้ว → หน่วยงานรับทราบแล้ว" "acknowledged: the form names the move"
tc_type "โทรแจ้งรับทราบ"
tc_keys F10
tc_expect "เปลี่ยนสถานะเป็น: หน่วยงานรับทราบแล้ว" "the referral is acknowledged"
tc_expect "ส่งแล้ว → หน่วยงานรับทราบแล้ว · สมชาย ใจดี" "the history keeps the change and the officer"
tc_expect "โทรแจ้งรับทราบ" "and the note"
tc_expect "รอหน่วยงานพิจารณา" "now it waits for a decision"

# The handover sheet, to a directory only the officer reads.
mkdir -p "$TC_TMP/sheets"
tc_keys p
tc_expect "แบบส่งต่อมีข้อมูลส่วนบุคคล" "the sheet form warns of personal data"
tc_type "$TC_TMP/nowhere"
tc_keys F10
tc_expect "ไม่พบโฟลเดอร์ตามชื่อที่ระบุ" "a directory that does not exist is refused"
tc_keys C-u
tc_type "$TC_TMP/sheets"
tc_keys F10
tc_expect "บันทึกไว้ที่" "the sheet is written"
tc_expect "ข้อมูลส่วนบุคคล" "with the warning in full"
sheet=$(ls "$TC_TMP"/sheets/handover-*.txt 2>/dev/null | head -1)
tc_mode "the sheet file is 0600" "$sheet" 600
grep -q "แบบส่งต่อบุคคลเพื่อรับความช่วยเหลือ" "$sheet" 2>/dev/null &&
    tc_pass "the sheet is in Thai" || tc_fail "no Thai title in the sheet"
grep -q "$ref/R-" "$sheet" 2>/dev/null && tc_pass "the sheet carries the reference" ||
    tc_fail "no reference in the sheet"
tc_keys Enter

tc_keys Escape
tc_expect "หน่วยงานรับทราบแล้ว · เร่งด่วน" "back on the case: acknowledged"
tc_keys Escape
tc_expect "ยังดำเนินการอยู่: 1 · เกินกำหนด: 0" "the dashboard: still open, no longer overdue"
tc_type "อ"                                     # v on the Thai layout
tc_expect "ไม่มีการส่งต่อที่เกินกำหนด" "the overdue list is empty"
tc_expect_not "มะลิ ใจงาม" "the referral left the overdue list"
tc_keys Escape
tc_wait_for "รายการกรณี"
tc_expect_not "การส่งต่อเกินกำหนด" "the case list counts no overdue referral any more"
tc_keys F2
tc_expect "1 cases" "F2: the case list in English"
tc_keys R
tc_expect "Open: 1 · overdue: 0" "the dashboard in English"
tc_keys Escape F2 q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- a social worker cannot change the directory -------------------------------
# (The administrator's case is not hers: her list is empty, her name shows.)
unlock s3 somsri "second officer pass" "สมศรี"
tc_keys A
tc_expect "ทำเนียบหน่วยงาน" "A opens the agency directory"
tc_keys n
tc_expect "เฉพาะผู้ดูแลระบบเท่านั้น" "the form says who may save"
tc_type "sk_shelter"
tc_keys Tab Tab Tab Tab Tab
tc_type "ศูนย์คุ้มครอง"
tc_keys Tab
tc_type "Protection Centre"
tc_keys F10
tc_expect "บทบาทของท่านไม่มีสิทธิ์ดำเนินการนี้" "the store refuses, in Thai"
tc_keys Escape Escape q
tc_wait_exit 10 >/dev/null
tc_stop
tc agency list --search "sk_shelter" >"$TC_TMP/out" 2>&1
grep -q "^sk_shelter" "$TC_TMP/out" && tc_fail "the agency was added" ||
    tc_pass "nothing was added"
tc_summary
