#!/bin/sh
# End to end at 80x24, in Thai: on a case's Notes tab (6) the officer adds
# a witness with w, typing Thai into the short form, and finds the witness
# listed at the top of the tab with the part in the case and the contact;
# a suspect added the same way is withdrawn as wrong with x and a reason,
# and stays listed, marked; the witness's contact is changed with e.  The
# witness is not on the timeline.
TC_NAME=parties_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_setup 2026-11-20T10:00:00Z

tc_store_with_case "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 24 \
    --nationality MM --province Tak

tc_start th 80 24 "$T" --data-dir "$d" --user admin
tc_expect "ปลดล็อก" "the unlock screen speaks Thai"
tc_type "$pass"; tc_keys Enter
tc_expect "มะลิ ใจงาม" "the case is in the list"
tc_keys Enter
tc_expect "1 บุคคล" "the case view"
tc_keys 6
tc_expect "บุคคลในคดี" "the Notes tab has its people in the case"
tc_expect "ยังไม่มีการบันทึกพยาน" "none recorded yet, said in Thai"
tc_expect "w พยาน" "the key line shows w for a witness"

# A witness, in Thai.
tc_keys w
tc_expect "เพิ่มพยาน ผู้แจ้งเบาะแส หรือผู้ต้องสงสัย" "w opens the form, in Thai"
tc_expect "< พยาน >" "a witness is the first choice"
tc_keys Tab
tc_type "นายสมศักดิ์ ใจกล้า"; tc_keys Tab
tc_type "เจ้าของร้านข้าง ๆ"; tc_keys Tab
tc_type "081-234-5678"; tc_keys Tab
tc_type "เห็นรถตู้มารับคนงานตอนตีสอง"
tc_keys F10
tc_expect "บันทึกข้อมูลบุคคลแล้ว" "the witness is saved, said in Thai"
tc_expect "นายสมศักดิ์ ใจกล้า · เจ้าของร้านข้าง ๆ" "the witness is listed with the part in the case"
tc_expect "การติดต่อ: 081-234-5678" "and the contact"
tc_expect "เห็นรถตู้มารับคนงานตอนตีสอง" "and what the witness saw"

# A suspect, then withdrawn as recorded by mistake.
tc_keys w
tc_expect "< พยาน >" "the form again"
tc_keys Right Right
tc_expect "< ผู้ต้องสงสัย >" "the suspect is the third choice"
tc_keys Tab
tc_type "โก อ่อง"; tc_keys Tab
tc_type "นายหน้า"
tc_keys F10
tc_expect "โก อ่อง · นายหน้า" "the suspect is listed"
tc_keys Down
tc_keys x
tc_expect "ผู้ต้องสงสัย: โก อ่อง" "x asks for the reason to withdraw the suspect, named"
tc_type "บันทึกผิดคดี"
tc_keys F10
tc_expect "(เพิกถอนรายการเนื่องจากบันทึกผิด)" "the suspect stays listed, marked withdrawn"
tc_expect "บันทึกผิดคดี" "with the reason"
tc_expect "นายสมศักดิ์ ใจกล้า" "the witness is still there"

# The witness moved: e changes the contact (a new version, the old kept).
tc_keys Up e
tc_expect "แก้ไขข้อมูลพยาน ผู้แจ้งเบาะแส หรือผู้ต้องสงสัย" "e opens the change form, in Thai"
tc_keys Tab Tab C-u
tc_type "ตลาดริมเมย แม่สอด"
tc_keys F10
tc_expect "การติดต่อ: ตลาดริมเมย แม่สอด" "the new contact is listed"
tc_expect_not "081-234-5678" "in place of the old one"

# Nothing of them on the timeline (7).
tc_keys 7
tc_expect "7 ลำดับเหตุการณ์" "the timeline tab"
tc_expect_not "นายสมศักดิ์" "the witness's name is not on the timeline"
tc_keys Escape
tc_expect "มะลิ ใจงาม" "back on the list"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop
tc_summary
