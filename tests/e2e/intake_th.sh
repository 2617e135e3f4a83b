#!/bin/sh
# End to end at 80x24, in Thai: open a case, fill its whole intake with Thai
# typed into the fields, see a refused date keep everything typed and say
# why in Thai, save, and find the intake on its tab and on the timeline.
# Then the same screens in English, a need on the urgent banner, and a
# quick case marked incomplete in the list.
TC_NAME=intake_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_catalogue
unset LC_ALL
LANG=C.UTF-8
LANGUAGE=th
export LANG LANGUAGE TIPCASE_LOCALEDIR
d=$TC_TMP/store
pass='correct horse battery staple'
printf '%s\n' "$pass" >"$TC_TMP/p"

# A store and a case, made the way a script makes them.
tc_store_with_case "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 24 \
    --nationality MM --province Tak

tc_start th 80 24 "$TIPCASE" --data-dir "$d"
tc_expect "ปลดล็อก" "the unlock screen speaks Thai"
tc_type "admin"; tc_keys Tab
tc_type "$pass"; tc_keys Enter
tc_expect "มะลิ ใจงาม" "the case is in the list"
tc_keys Enter
tc_expect "1 บุคคล" "the case view shows its tabs in Thai"
tc_expect "6 บันทึก 7  8  9" "the first six tabs in full at 80 columns, the last three by number"
tc_keys 2
tc_expect "ยังไม่ได้บันทึกการรับเรื่อง" "the Intake tab says none is recorded yet"

# The whole intake, Thai typed into the fields.
tc_keys e
tc_expect "ประเทศที่ถูกแสวงประโยชน์" "the intake form is in Thai"
tc_keys Right Right Tab                         # entry point: border checkpoint
tc_keys Tab                                     # province: Tak, as recorded
tc_type "แม่สอด"; tc_keys Tab                    # district
tc_type "ฟาร์มไก่ สมบูรณ์ หมู่ 5"; tc_keys Tab       # establishment
tc_keys Right Right Right Tab                   # sector: agriculture
tc_type "เมียนมา"; tc_keys Tab                   # origin
tc_type "ลาว, กัมพูชา"; tc_keys Tab               # transit
tc_type "ไทย"; tc_keys Tab                       # country of exploitation
tc_keys Right Right Tab                         # crossing: natural channel
tc_type "ช่องทางธรรมชาติ บ้านวังตะเคียน"; tc_keys Tab
tc_keys Space Right Space Tab                   # forced labour, debt bondage
tc_type "31/02/2569"; tc_keys Tab               # a day February never has
tc_type "20/11/2569"; tc_keys Tab
tc_keys Right Tab                               # recruited through Facebook
tc_keys Right Right Right Right Tab             # entered irregularly
tc_keys Right Right Tab                         # passport: held by the employer
tc_keys Right                                   # identity card: held by the person
tc_keys F10
tc_expect "ไม่มีวันที่นี้ในปฏิทิน" "an impossible date is refused, in Thai"
tc_expect "31/02/2569" "the refused date is still there to correct"
tc_expect "ฟาร์มไก่ สมบูรณ์ หมู่ 5" "what was typed elsewhere is kept"
tc_expect "ช่องทางธรรมชาติ บ้านวังตะเคียน" "the crossing point is kept"
# The focus is on the refused date: clear it and type a real one.
tc_keys C-u
tc_type "01/02/2569"
tc_keys F10
tc_expect "บันทึกการรับเรื่องแล้ว" "the intake is saved, said in Thai"
tc_expect "ฟาร์มไก่ สมบูรณ์ หมู่ 5" "the Intake tab shows the establishment"
tc_expect "เกษตรกรรม" "the sector in Thai"
tc_expect "ลาว, กัมพูชา" "the transit countries in Thai"
tc_expect "ช่องทางธรรมชาติ บ้านวังตะเคียน" "the crossing point"
tc_expect "1 ก.พ. 2569 – 20 พ.ย. 2569" "the dates of exploitation in B.E."
tc_expect "หนังสือเดินทาง: นายจ้างถือไว้" "who holds the passport"
tc_expect "เข้าเมืองโดยไม่ถูกต้องตามกฎหมาย" "the immigration status, kept apart"

# The timeline, reached with the key that is 7 on a Thai keyboard.
tc_type "ึ"
tc_expect "บันทึกการรับเรื่อง: ฟาร์มไก่" "the timeline shows the intake"
tc_expect "สมชาย ใจดี" "and who recorded it"
tc_screen >"$TC_TMP/timeline_th.txt"

# An urgent need stands above the tabs.
tc_keys 5 n
tc_expect "บันทึกความต้องการความช่วยเหลือ" "the need form is in Thai"
tc_keys Right Right Tab Right F10               # accommodation, urgent
tc_expect "! เร่งด่วน (1): ที่พักอาศัย" "the urgent need stands at the top"

# The same screens in English.
tc_keys F2
tc_expect "! Urgent (1): Accommodation" "F2: the banner in English"
tc_keys 2
tc_expect "Country of exploitation" "the Intake tab in English"
tc_expect "1 Feb 2026 – 20 Nov 2026" "the dates in C.E."
tc_keys F2
tc_expect "ประเทศที่ถูกแสวงประโยชน์" "F2: back to Thai"
tc_keys Escape

# Quick mode from the list: a few facts, then the list marks it incomplete.
tc_expect "มะลิ ใจงาม" "back on the list"
tc_keys Q
tc_expect "ชื่อหรือลักษณะรูปพรรณ" "the quick form is in Thai"
tc_type "หญิง เสื้อแดง"; tc_keys Tab Right Tab
tc_type "30"; tc_keys Tab
tc_type "ลาว"; tc_keys Tab
tc_type "หนองคาย"; tc_keys F10
tc_expect "เริ่มแบบคัดกรองเบื้องต้น" "the quick screen is offered"
tc_keys n
tc_expect "ข้อมูลยังไม่ครบ" "the quick case says it is incomplete"
tc_keys Escape
tc_expect "กรณีแบบย่อที่ข้อมูลยังไม่ครบ" "the list marks the quick case and says what the mark means"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop
tc_summary
