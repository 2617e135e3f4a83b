#!/bin/sh
# End to end at 80x24, in Thai: the disk fills up while an officer saves.
# tipcase runs under `ulimit -f` (a file size limit: the store's write-ahead
# log cannot grow past it, as on a full disk; a loop-mounted small
# filesystem would need root).  Notes are saved until one fails; then a new
# case, a screening answer and a referral are each tried on the full disk.
# Every time the officer sees the Thai disk-full message and what was typed
# is still on the screen.  Without the limit again, `tipcase check` passes,
# the notes saved before the disk filled are there and nothing that failed
# is.
TC_NAME=diskfull_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_setup 2026-11-22T03:00:00Z
full="พื้นที่ดิสก์เต็ม ยังไม่มีการบันทึกข้อมูลใด"

tc_store_with_case "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 24 \
    --nationality MM --province Tak
ref=$(cat "$TC_TMP/ref")

# unlock NAME [LIMIT]: tipcase on the store, under `ulimit -f LIMIT` (in
# 512-byte blocks) when given, unlocked as the administrator, on the case.
unlock() {
    if [ -n "${2:-}" ]; then
        tc_start "$1" 80 24 sh -c 'ulimit -f "$1" && exec "$2" --data-dir "$3"' \
            sh "$2" "$T" "$d"
    else
        tc_start "$1" 80 24 "$T" --data-dir "$d"
    fi
    tc_expect "ปลดล็อก" "the unlock screen ($1)"
    tc_type "admin"; tc_keys Tab
    tc_type "$pass"; tc_keys Enter
    tc_wait_for "มะลิ ใจงาม" || tc_summary
    tc_keys Enter
    tc_wait_for "1 บุคคล" || tc_summary
}

# ---- before the disk fills: a screening with its first answer ----------------
unlock prep
tc_keys 4 n
tc_expect "เลือกแบบคัดกรอง" "a screening to answer later"
tc_keys Enter
tc_expect "การคัดกรองใหม่: ข้อมูลการสัมภาษณ์" "its interview form"
tc_keys Tab
tc_type "ด่านตรวจคนเข้าเมืองแม่สอด"
tc_keys F10
tc_expect "ห้ามสัมภาษณ์" "consent is asked"
tc_keys Right F10
tc_expect "คำถามข้อที่ 1 จาก" "the wizard opens"
tc_type "ื"                                     # n on the Thai layout: no
tc_expect "คำถามข้อที่ 2 จาก" "the first answer is saved"
tc_keys Escape
tc_settle
tc_keys Escape Escape
tc_settle
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- the disk fills while notes are saved -------------------------------------
# 200 blocks: the write-ahead log holds a few notes, then no more.
unlock full 200
tc_keys 6 n
tc_expect "บันทึกใหม่" "the new note form"
i=0
while [ $i -lt 40 ]; do
    i=$((i + 1))
    tc_type "บันทึกครั้งที่ $i: ผู้เสียหายเล่าว่านายจ้างยึดหนังสือเดินทางไว้"
    tc_keys F10
    tc_nap; tc_nap; tc_nap
    tc_settle
    tc_screen_has "$full" && break
    tc_wait_for "บันทึกข้อความแล้ว" 5 || break
    tc_keys n
    tc_wait_for "0 / 8000" 5 || break
done
saved=$((i - 1))
if tc_screen_has "$full"; then
    tc_pass "note $i cannot be saved: the disk-full message in Thai ($saved saved before it)"
else
    tc_fail "no disk-full message after $i notes"
    tc_show_screen
fi
tc_expect "บันทึกครั้งที่ $i: ผู้เสียหายเล่าว่านายจ้างยึดหนังสือเดินทางไว้" \
    "the note that failed is still on the screen"
tc_expect "บันทึกใหม่" "and its form is still open"
# Another try fails the same way and keeps the text again.
tc_keys F10
tc_settle
tc_expect "$full" "a second try says the disk is full again"
tc_expect "บันทึกครั้งที่ $i: ผู้เสียหาย" "the text is kept again"
tc_keys Escape
tc_settle
tc_screen_has "ทิ้ง" && tc_keys y        # discard the unsaved note, if asked
tc_settle

# A new case: the typed name stays.
tc_keys Escape
tc_wait_for "รายการกรณี" || tc_show_screen
tc_keys n
tc_expect "กรณีใหม่" "the new case form"
tc_type "ดอกแก้ว ทดสอบดิสก์"
tc_keys F10
tc_expect "$full" "a new case on a full disk: the Thai message"
tc_expect "ดอกแก้ว ทดสอบดิสก์" "the typed name is still in the form"
tc_keys Escape
tc_settle
tc_screen_has "ทิ้ง" && tc_keys y
tc_settle

# An answer: the wizard stays on the question, the answer not counted.
tc_wait_for "มะลิ ใจงาม"
tc_keys Enter
tc_wait_for "1 บุคคล"
tc_keys 4
tc_expect "1/" "the open screening is listed"
tc_keys Enter
tc_expect "คำถามข้อที่ 2 จาก" "it resumes at question 2"
tc_type "ื"                                     # n on the Thai layout: no
tc_expect "$full" "an answer on a full disk: the Thai message"
tc_expect "คำถามข้อที่ 2 จาก" "the wizard stays on the question"
tc_expect "ตอบแล้ว 1 จาก" "and does not count the answer"
tc_keys Escape
tc_settle

# A referral: the typed summary and reason stay.
tc_type "ค"                                     # 8 on the Thai layout
tc_expect "8 การส่งต่อ" "the referrals tab"
tc_type "ื"                                     # n on the Thai layout
tc_expect "ส่งต่อไปยังหน่วยงานใด" "choose the agency"
tc_keys /
tc_type "กตม"
tc_expect "กองต่อต้านการค้ามนุษย์" "the agency is found"
tc_keys Enter Enter
tc_expect "ส่งต่อไปยัง กตม." "the referral form"
tc_keys Right Right Space                      # accommodation
tc_keys Tab Tab Tab
tc_type "ชื่อ อายุ และความต้องการที่พัก พบที่ท่าเรือ"
tc_keys Tab Space                              # identity shared
tc_keys F10
tc_expect "ความยินยอมที่บันทึกไว้ไม่ครอบคลุมการส่งต่อนี้" "the reason to go without consent is asked"
tc_type "ไม่มีล่ามในวันนี้ ผู้เสียหายไม่ปลอดภัยคืนนี้"
tc_keys F10
tc_expect "$full" "a referral on a full disk: the Thai message"
tc_expect "พบที่ท่าเรือ" "the typed summary is still in the form"
tc_expect "ไม่มีล่ามในวันนี้" "and the typed reason"
tc_keys Escape
tc_settle
tc_screen_has "ทิ้ง" && tc_keys y
tc_settle
tc_keys Escape                                 # and the agency list
tc_expect "ยังไม่มีการส่งต่อ" "no referral was half saved"
tc_keys Escape
tc_settle
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- the disk has room again --------------------------------------------------
tc_check "tipcase check passes after the full disk" 0 tc check
unlock after
tc_keys 6
tc_expect "บันทึกครั้งที่ 1:" "the first note saved before the disk filled is there"
[ "$saved" -gt 1 ] && tc_expect "บันทึกครั้งที่ $saved:" "and the last one saved"
tc_expect_not "บันทึกครั้งที่ $i:" "the note that failed is not"
tc_type "ค"
tc_expect "ยังไม่มีการส่งต่อ" "nor the referral"
tc_keys Escape
tc_expect_not "ดอกแก้ว" "nor the new case"
tc_settle
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

tc_summary
