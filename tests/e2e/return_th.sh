#!/bin/sh
# End to end at 80x24, in Thai: a person goes home and is followed up.
# On the case's Return tab the officer makes the repatriation plan (a
# consent without its date is refused and what was typed stays), marks
# steps done and one not needed (refused until the note says why), records
# the handover with the risk assessment still open (the screen lists it and
# the return is refused until the officer gives the reason), and sees the
# reintegration plan the store made with its first follow-up in B.E.
# A month later (TIPCASE_NOW) the follow-up is overdue: the case list says
# so, the due-soon view and the follow-up list show it; the officer records
# it with a high risk and is offered a new screening; the case then stands
# at the top of the case list with its mark.
TC_NAME=return_th
. "$top_srcdir/tests/e2e/lib.sh"

# Friday 20 Nov 2026, 10:00 in Bangkok.
tc_thai_setup 2026-11-20T03:00:00Z

# Two cases: กมล is the newer, so the list (newest first) shows her first,
# until มะลิ is at high risk.
if tc_admin_store "$d" "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 25 \
        --nationality MM --languages my &&
   tc case add --name "กมล สุขใจ" --sex female --age 30 --nationality TH >/dev/null 2>&1; then
    tc_pass "a store and two cases"
else
    tc_fail "could not set up the store"
    tc_summary
fi
ref=$(cat "$TC_TMP/ref")

# unlock SESSION: start the program, unlock it, open มะลิ's case.
open_case() {
    tc_start "$1" 80 24 "$T" --data-dir "$d" --user admin
    tc_expect "ปลดล็อก" "the unlock screen ($1)"
    tc_type "$pass"
    tc_keys Enter
    tc_wait_for "มะลิ ใจงาม"
}

# The first case row of the list (row 3 of the screen).
first_row_has() {
    if tc_screen | sed -n 3p | grep -q -- "$1"; then tc_pass "$2"; else
        tc_fail "$2"; tc_show_screen; fi
}

# row_has TEXT1 TEXT2 WHAT: one line of the screen shows both.
row_has() {
    if tc_screen | grep -F -- "$1" | grep -q -F -- "$2"; then tc_pass "$3"; else
        tc_fail "$3"; tc_show_screen; fi
}

# ---- Friday: the plan, its steps and the handover ----------------------------
open_case s1
first_row_has "กมล สุขใจ" "the newer case comes first"
tc_keys /
tc_type "มะลิ"
tc_keys Enter Enter
tc_wait_for "$ref"
tc_type "ต"                                     # 9 on the Thai layout
tc_expect "9 ส่งกลับ" "ต (9 on the Thai layout) opens the Return tab"
tc_expect "ยังไม่มีแผนการส่งกลับ" "no repatriation plan yet"
tc_expect "ยังไม่มีแผนการกลับคืนสู่สังคม" "no reintegration plan yet"

tc_type "พ"                                     # r on the Thai layout
tc_expect "จัดทำแผนการส่งกลับ" "r makes the repatriation plan"
tc_expect "เมียนมา" "the country is the person's nationality"
tc_keys Tab Tab
tc_type "เมาะลำไย รัฐมอญ"
tc_keys Tab Right                               # wishes to return home
tc_keys Tab Right                               # consent given
tc_keys Tab Tab Tab Tab Tab Tab Right           # handover point: Mae Sot
tc_keys Tab
tc_type "27/11/2569"
tc_keys F10
tc_expect "กรุณาระบุวันที่บุคคลให้ความยินยอม" "consent without its date is refused, in Thai"
tc_expect "เมาะลำไย รัฐมอญ" "what was typed is kept"
tc_type "20/11/2569"
tc_keys F10
tc_expect "จัดทำแผนการส่งกลับแล้ว" "the plan is made"
row_has "สถานะ" "อยู่ระหว่างวางแผน" "it is being planned"
row_has "ปลายทาง" "เมียนมา · เมาะลำไย รัฐมอญ" "the destination and the hometown"
tc_expect "แม่สอด – เมียวดี · กำหนด 27 พ.ย. 2569" "the handover point and the planned date in B.E."
tc_expect "ให้ความยินยอมเมื่อ 20 พ.ย." "the consent and its date"
tc_expect "[ ] * การสืบหาและประเมินครอบครัว" "the checklist: family tracing open and required"

# Family tracing, nationality and travel documents done.
for step in 1 2 3; do
    [ "$step" = 1 ] || tc_keys Down
    tc_keys Enter
    tc_wait_for "สถานะ"
    tc_keys Right Right F10
    tc_wait_for "ดำเนินการแล้ว 20 พ.ย. 2569"
done
tc_expect "[x] * การสืบหาและประเมินครอบครัว" "family tracing is done"
tc_expect "[x] * การพิสูจน์สัญชาติ" "nationality verified"
tc_expect "[x] * เอกสารการเดินทาง" "travel documents done"
# The embassy: not needed, which needs the reason in the note.
tc_keys Down Enter
tc_keys Right Right Right F10
tc_expect "กรุณาระบุเหตุผลในบันทึก" "not needed without a reason is refused"
tc_type "ผู้เสียหายมีหนังสือเดินทางที่ยังไม่หมดอายุ"
tc_keys F10
tc_expect "[-] * สถานเอกอัครราชทูตหรือสถานกงสุล" "the embassy step: not needed"
tc_expect "ไม่จำเป็น 20 พ.ย. 2569" "with its date in B.E."
tc_expect "ผู้เสียหายมีหนังสือเดินทาง" "the chosen step shows its note"

# The handover with the risk assessment still open.
tc_keys h
tc_expect "ขั้นตอนที่จำเป็นต่อไปนี้ยังไม่แล้วเสร็จ" "the open required steps are listed"
tc_expect "[ ] การประเมินความเสี่ยง" "the risk assessment is open"
tc_expect_not "[ ] การพิสูจน์สัญชาติ" "and only the open ones"
tc_keys y
tc_expect "วันเวลาที่ส่งมอบตัว" "the handover form"
tc_expect "20/11/2569 10:00" "the handover time defaults to now, in B.E."
tc_keys Tab
tc_type "กรมสวัสดิการสังคม เมียวดี"
tc_keys Tab
tc_type "นางขิ่น ขิ่น เจ้าหน้าที่สังคมสงเคราะห์"
tc_keys Tab
tc_type "ส่งมอบตัวพร้อมหนังสือเดินทางและสัมภาระ"
tc_keys F10
tc_expect "ยังมีขั้นตอนที่จำเป็นซึ่งยังไม่แล้วเสร็จ" "without the reason the return is refused"
tc_expect "ส่งมอบตัวพร้อมหนังสือเดินทาง" "what was typed is kept"
tc_type "ผู้เสียหายประสงค์กลับทันที ประเมินความเสี่ยงร่วมกับฝ่ายเมียนมาที่ด่าน"
tc_keys F10
tc_expect "ส่งกลับแล้ว บันทึกการส่งมอบตัวเรียบร้อย ติดตามผลครั้งแรก: 20 ธ.ค. 2569" \
    "returned; the first follow-up a month later, in B.E."
row_has "สถานะ" "ส่งกลับแล้ว" "the plan's state is returned"
tc_expect "ส่งกลับทั้งที่ขั้นตอนยังค้าง" "the reason for the open step is shown"
tc_expect "กรมสวัสดิการสังคม เมียวดี" "the receiving agency"
tc_keys Escape
tc_expect "แผนการกลับคืนสู่สังคม" "the Return tab shows the reintegration plan"
tc_expect "ตั้งแต่ 20 พ.ย. 2569" "from the day of the handover"
tc_expect "20 ธ.ค. 2569 (อีก 30 วัน)" "the next follow-up and the days left"
tc_keys Escape
tc_wait_for "รายการกรณี"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- 22 December: the first follow-up is two days overdue ---------------------
TIPCASE_NOW=2026-12-22T03:00:00Z
open_case s2
tc_expect "! การติดตามผลเกินกำหนด: 1 รายการ (F)" "the case list says a follow-up is overdue"
tc_keys D
tc_expect "การติดตามผล" "the due-soon view lists the follow-up"
tc_expect "เกินกำหนด 2 วัน" "two days overdue"
tc_expect "20 ธ.ค. 2569" "due on 20 Dec in B.E."
tc_keys Escape
tc_wait_for "รายการกรณี"
tc_keys F
tc_expect "การติดตามผลที่ครบกำหนด" "F: the follow-ups due"
tc_expect "มะลิ ใจงาม" "the case is listed"
tc_expect "เกินกำหนด 2 วัน" "overdue"
tc_type "น"                                     # o on the Thai layout
tc_expect "เฉพาะที่เกินกำหนด" "o: only the overdue ones"
tc_expect "มะลิ ใจงาม" "still listed"
tc_keys Enter
tc_expect "9 ส่งกลับ" "Enter opens the case on its Return tab"
tc_expect "20 ธ.ค. 2569 (เกินกำหนด 2 วัน)" "the tab says it is overdue"
tc_type "ด"                                     # f on the Thai layout
tc_expect "บันทึกการติดตามผล" "f records a follow-up"
tc_expect "การติดตามผลครั้งที่ 1" "the first one"
tc_expect "22/12/2569" "dated today in B.E."
tc_expect "20/02/2570" "the next date from the schedule: three months after the return"
tc_keys Tab Tab Right Right                     # risk: high
tc_expect "< สูง >" "high risk chosen"
tc_keys F10
tc_expect "ผลที่พบ" "then the findings"
tc_keys F10
tc_expect "กรุณาบันทึกผลที่พบจากการติดตามผล" "no findings is refused"
tc_type "นายหน้าคนเดิมติดต่อมาอีก ครอบครัวมีหนี้ 20,000 บาท"
tc_keys F10
tc_expect "มีความเสี่ยงสูงที่จะถูกค้ามนุษย์ซ้ำ" "a high risk is said"
tc_expect "เริ่มการคัดกรองใหม่ตอนนี้หรือไม่" "and a new screening is offered"
tc_keys y
tc_expect "เลือกแบบคัดกรอง" "yes opens the screening's choice of form"
tc_keys Escape
tc_expect "ความเสี่ยงล่าสุด" "back on the Return tab: the last risk"
tc_expect "สูง · ควรคัดกรองใหม่" "high, a new screening advised"
tc_expect "20 ก.พ. 2570 (อีก 60 วัน)" "the next follow-up"
tc_keys Escape
tc_expect "ไม่มีการติดตามผลที่เกินกำหนด" "back on the list: nothing is overdue now"
tc_type "น"
tc_expect "ทั้งหมดที่ครบกำหนด" "o again: every follow-up due"
tc_expect "20 ก.พ. 2570" "the case's next follow-up"
tc_expect "อีก 60 วัน" "with its days left"
tc_keys Escape
tc_wait_for "รายการกรณี"
tc_keys / Escape                                # clear the search
tc_wait_for "กมล สุขใจ"
first_row_has "มะลิ ใจงาม" "the high-risk case stands at the top of the list"
first_row_has "! เสี่ยง" "marked at high risk"
tc_expect "! เสี่ยง: เสี่ยงสูงที่จะถูกค้ามนุษย์ซ้ำ" "the mark is explained"
tc_expect_not "การติดตามผลเกินกำหนด" "no follow-up is overdue any more"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop
tc_summary
