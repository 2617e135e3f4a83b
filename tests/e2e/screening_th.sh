#!/bin/sh
# End to end at 80x24, in Thai: a border quick screen from the case's
# screenings tab to the recorded decision.  The interview form refuses what
# it must (an impossible date, no consent) and keeps what was typed; the
# wizard is answered with US keys, digits and the Thai Kedmanee keys of the
# same places; the program is killed half-way (a flat battery) and the
# screening reopens at the same question; the summary shows the suggestion
# and the fired indicators with their question text; a differing decision
# needs a reason; the decided screening reads back as a record.
TC_NAME=screening_th
. "$top_srcdir/tests/e2e/lib.sh"

# 10:00 in Thailand: the interview form's default time.
tc_thai_setup 2026-11-21T03:00:00Z tc_thai_catalogue
pass='รหัสผ่านยาวพอสำหรับทดสอบ'
printf '%s\n' "$pass" >"$TC_TMP/p"

tc_as "$d" officer.th "$TC_TMP/p" init --name "สมชาย ใจดี" >/dev/null 2>&1 || tc_fail "init"
tc_as "$d" officer.th "$TC_TMP/p" case add --name "นายสมศักดิ์ กลับบ้าน" --sex male --age 27 \
    --nationality TH --province Tak >"$TC_TMP/ref" 2>&1 || tc_fail "case add"

# Unlock and open the case's screenings tab.
open_screenings() {
    tc_start "$1" 80 24 "$T" --data-dir "$d" --user officer.th
    tc_expect "ปลดล็อก" "the unlock screen ($1)"
    tc_type "รหัสผ่านยาวพอสำหรับทดสอบ"; tc_keys Enter
    tc_wait_for "นายสมศักดิ์" || return 1
    tc_keys Enter
    tc_wait_for "$(cat "$TC_TMP/ref")" || return 1
    tc_keys 4
}

# ---- first run: the interview, then half the questions ---------------------
open_screenings s1
tc_keys n
tc_expect "เลือกแบบคัดกรอง" "n on the screenings tab chooses a screening form"
tc_expect "แบบคัดกรองเบื้องต้น ณ จุดผ่านแดน" "the instruments are named in Thai"
tc_expect "22 ข้อ" "with their number of questions"
tc_keys Enter
tc_expect "การคัดกรองใหม่: ข้อมูลการสัมภาษณ์" "then the interview form"
tc_expect "21/11/2569 10:00" "the interview time defaults to now, in B.E."
tc_expect "สมชาย ใจดี" "the interviewer defaults to the officer"
tc_expect "เวลาที่พบตัวบุคคล" "the time met is asked: the clocks have not started"

tc_keys C-u; tc_type "31/11/2569 10:00"; tc_keys Tab
tc_type "ด่านตรวจคนเข้าเมืองแม่สอด"
tc_keys F10
tc_expect "ไม่มีวันที่นี้ในปฏิทิน" "an impossible date is refused, said in Thai"
tc_expect "ด่านตรวจคนเข้าเมืองแม่สอด" "what was typed is kept"
tc_keys C-u; tc_type "21/11/2569 09:30"
tc_keys F10
tc_expect "ห้ามสัมภาษณ์" "no interview without consent"
tc_keys Right F10
tc_expect "หมวดที่ 1 จาก 5: ข้อมูลเบื้องต้นของบุคคล" "the wizard opens on the first section"
tc_expect "คำถามข้อที่ 1 จาก 22" "question 1 of 22"
tc_expect "ท่านอายุต่ำกว่า 18 ปีใช่หรือไม่" "the question is in Thai"
tc_expect "สิ่งที่ควรสังเกต" "with what to observe under it"
tc_expect "ตอบแล้ว 0 จาก 22 ข้อ" "and the progress"

tc_type "ื"                                     # n on the Thai layout: no
tc_expect "คำถามข้อที่ 2 จาก 22" "ื (n on the Thai layout) answers and moves on"
tc_expect "ตอบแล้ว 1 จาก 22 ข้อ" "the progress counts it"
tc_keys F2
tc_expect "Were you offered this job online" "F2 shows the question in English"
tc_keys F2
tc_expect "ท่านได้รับการชักชวนให้ไปทำงานนี้ทางออนไลน์" "and back in Thai"
tc_type "ั"                                     # y on the Thai layout: yes
tc_keys 2                                      # no
tc_type "ๅ"                                     # 1 on the Thai layout: yes
tc_expect "งานที่ท่านต้องทำแตกต่างจากงาน" "question 5"
tc_keys Tab; tc_type "สัญญาว่าจะได้ทำงานโรงแรม"; tc_keys Enter
tc_expect "หมายเหตุจะบันทึกพร้อมกับคำตอบ" "a note before the answer waits for it"
tc_keys y
tc_expect "หนังสือเดินทางหรือบัตรประจำตัวของท่านถูกยึด" "question 6"
tc_type "ำ"                                     # e on the Thai layout: evidence seen
tc_expect "[x]" "ำ (e) marks the evidence seen"
tc_keys y y
tc_expect "ท่านถูกบอกว่าต้องจ่ายเงินก่อนจึงจะออกไปได้" "question 8"
tc_type "-"                                    # 3 on the Thai layout: don't know
tc_expect "คำถามข้อที่ 9 จาก 22" "- (3 on the Thai layout) answers don't know"
tc_expect "โทรศัพท์ของท่านถูกยึดหรือถูกตรวจ" "question 9 is showing"
# A flat battery: the program dies without a chance to save anything more.
tc_stop

# ---- second run: it resumes at the same question --------------------------
open_screenings s2
tc_expect "8/22" "the tab lists the open screening with its progress"
tc_keys Enter
tc_expect "คำถามข้อที่ 9 จาก 22" "the screening resumes at question 9"
tc_expect "โทรศัพท์ของท่านถูกยึดหรือถูกตรวจ" "the same question"
tc_keys Left
tc_expect "3/u ไม่ทราบ]" "Left goes back to question 8, answered don't know"
tc_keys Enter
tc_type "ภ"                                     # 4 on the Thai layout: declined
tc_keys n                                      # sold on
tc_expect "หมวดที่ 4 จาก 5" "the work section"
tc_keys y n n y d n n                          # scam, gambling, other crime, forced, sex, quota, underpaid
tc_expect "หมวดที่ 5 จาก 5" "the harm section"
tc_keys n n y n
tc_keys d                                      # the last answer opens the summary
tc_expect "สรุปผล" "the last answer opens the summary"
tc_expect "มีเหตุอันควรเชื่อ: ส่งต่อทีมสหวิชาชีพเพื่อคัดแยกผู้เสียหาย" "the suggestion: reasonable grounds"
tc_expect "พบตัวบ่งชี้ครบทั้งการกระทำ วิธีการ และวัตถุประสงค์" "the reason: act, means and purpose"
tc_expect "การบังคับให้กระทำความผิดทางอาญาเป็นการแสวงหาประโยชน์" "the non-punishment note for forced crime"
tc_expect "ตัวบ่งชี้ที่พบ" "the fired indicators"
tc_expect "   การกระทำ" "grouped by element"
tc_expect "• ท่านได้รับการชักชวนให้ไปทำงานนี้ทางออนไลน์" "with the question text"
tc_keys NPage
tc_expect "วัตถุประสงค์ (การแสวงหาประโยชน์โดยมิชอบ)" "the purpose element"
tc_expect "เจ้าหน้าที่พบเห็นหลักฐาน" "the evidence seen is shown"
tc_expect "สัญญาว่าจะได้ทำงานโรงแรม" "and the note"
tc_keys NPage
tc_expect "คำตอบที่ยังไม่ชัดเจน" "the open answers are listed"
tc_expect_not "ไม่ใช่ผู้เสียหาย" "nothing says not a victim"

tc_keys F10
tc_expect "ผลการตัดสินใจจากการคัดกรอง" "F10 opens the decision"
tc_expect "< ส่งต่อทีมสหวิชาชีพเพื่อคัดแยกผู้เสียหาย >" "the decision follows the suggestion"
tc_keys Right F10
tc_expect "กรุณาระบุเหตุผลเมื่อตัดสินใจแตกต่างจากข้อเสนอแนะ" "a differing decision needs a reason"
tc_keys Up Left F10
tc_expect "บันทึกผลการตัดสินใจแล้ว" "the decision is recorded"
tc_expect "บันทึกผลการคัดกรอง" "the screening is now a record"
tc_keys Escape
tc_expect "22/22 · ส่งต่อทีมสหวิชาชีพ" "back on the case, the screening listed with its decision"
tc_keys Enter
tc_expect "บันทึกผลการคัดกรอง" "a decided screening opens on its record"
tc_expect "มีเหตุอันควรเชื่อ" "with its suggestion"
tc_keys y
tc_expect_not "คำถามข้อที่" "and cannot be answered again"
tc_keys Escape Escape q
tc_wait_exit 10 >/dev/null
tc_stop
tc_summary
