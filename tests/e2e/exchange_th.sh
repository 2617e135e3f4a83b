#!/bin/sh
# End to end at 80x24, in Thai: a case handed over between two teams'
# laptops and a conflict resolved field by field on the screens.
# Mae Sot (A) and Samut Sakhon (B) exchange identity cards on the command
# line (tipcase identity --output, tipcase peer add --yes).  On A's case
# view the officer records the person's consent to a referral; the case
# goes to B with tipcase handover and B imports it with tipcase receive.
# Then A's officer corrects the person's other names and age and hands the
# case over again from the case view (H): a peer, the profile, the file,
# and the sections that went.  B's officer opens the hand-over screen (X):
# this store's fingerprint in groups to read aloud, A among the stores it
# knows; receives the file (i): the preview says two fields differ and
# nothing is written yet; imports it; is offered the conflicts at once;
# keeps B's value for one field and takes A's for the other, each
# confirmed; the case then shows the age taken, and the same file again is
# refused as a replay with nothing imported.  Last, B writes its own card,
# adds an embassy's store from its card (not before saying the fingerprint
# was compared by phone), and retires it.
TC_NAME=exchange_th
. "$top_srcdir/tests/e2e/lib.sh"

# Saturday 21 Nov 2026, 10:00 in Bangkok.
tc_thai_setup 2026-11-21T03:00:00Z
HOME=$TC_TMP/home
export HOME
mkdir -p "$HOME"
a=$TC_TMP/maesot
b=$TC_TMP/samutsakhon
c=$TC_TMP/embassy

if tc_admin_store "$a" "สมชาย ใจดี" --name "มะลิ ใจดี" --sex female --age 24 \
        --nationality MM --languages my &&
   tc_admin_store "$b" "มาลี รักงาน" && tc_admin_store "$c" "Embassy"; then
    tc_pass "three stores, one case at Mae Sot"
else
    tc_fail "could not set up the stores"
    tc_summary
fi
ref=$(cat "$TC_TMP/ref")

tc_check "A's identity card" 0 on "$a" identity --store-name "บ้านพักแม่สอด" \
    --output "$TC_TMP/a.card"
tc_check "B's identity card" 0 on "$b" identity --store-name "ศูนย์คุ้มครองสมุทรสาคร" \
    --output "$TC_TMP/b.card"
fp_b=$(sed -n 's/^ลายนิ้วมือกุญแจ:	//p' "$TC_TMP/out")
tc_check "A knows B, a shelter" 0 on "$a" peer add "$TC_TMP/b.card" --type shelter --yes
tc_check "B knows A" 0 on "$b" peer add "$TC_TMP/a.card" --yes
tc_check "an embassy's identity card" 0 on "$c" identity --store-name "สถานทูตเมียนมา" \
    --output "$TC_TMP/c.card"
fp_c=$(sed -n 's/^ลายนิ้วมือกุญแจ:	//p' "$TC_TMP/out")

# unlock SESSION DIR: start the program on DIR and unlock it.
unlock() {
    tc_start "$1" 80 24 "$T" --data-dir "$2" --user admin
    tc_expect "ปลดล็อก" "the unlock screen ($1)"
    tc_type "$pass"
    tc_keys Enter
    tc_wait_for "รายการกรณี"
}

# row_has TEXT1 TEXT2 WHAT: one line of the screen shows both.
row_has() {
    if tc_screen | grep -F -- "$1" | grep -q -F -- "$2"; then tc_pass "$3"; else
        tc_fail "$3"; tc_show_screen; fi
}

# ---- A: the person agrees to a referral; the case goes to B -------------------
unlock s1 "$a"
tc_keys Enter
tc_wait_for "$ref"
tc_keys 3
tc_expect "ความยินยอม" "the consent tab"
tc_keys n
tc_keys Right Right Tab Right         # a referral, to any kind of agency
tc_keys F10
tc_expect "บันทึกความยินยอมแล้ว" "the consent is saved"
tc_keys Escape q
tc_wait_exit 10 >/dev/null
tc_stop

tc_check "A hands the case over" 0 on "$a" handover "$ref" --to "$fp_b" \
    --output "$TC_TMP/first.tcb"
tc_check "B imports it" 0 on "$b" receive "$TC_TMP/first.tcb" --yes

# ---- A corrects the person, and hands the case over from the case view ---------
unlock s2 "$a"
tc_keys Enter
tc_wait_for "$ref"
tc_keys e
tc_expect "แก้ไขกรณี" "the case form"
tc_keys Tab Tab Tab
tc_type "น้องมะลิ"                            # other names
tc_keys Tab Tab Tab                           # to the estimated age
tc_keys BSpace BSpace
tc_type "25"
tc_keys F10
tc_wait_for "น้องมะลิ"
tc_keys H
tc_expect "ส่งถึงที่เก็บข้อมูลของทีมใด" "H: to which store"
tc_expect "ศูนย์คุ้มครองสมุทรสาคร" "B is offered"
row_has "ศูนย์คุ้มครองสมุทรสาคร" "สถานสงเคราะห์" "with its kind of agency"
tc_keys Enter
tc_expect "ส่งข้อมูลใดในไฟล์" "then what goes"
tc_expect "ทั้งหมด: ทุกส่วนที่ความยินยอมของบุคคลครอบคลุม" "the full profile"
tc_expect "ข้ามแดน: เฉพาะรายการข้อมูลที่ไม่เป็นความลับ" "or the cross-border one"
tc_keys Enter
tc_expect "~/handover-$ref.tcb" "the file offered in the home directory"
tc_keys Enter
tc_expect "เข้ารหัสข้อมูลกรณีสำหรับที่เก็บข้อมูลนี้และเขียนไฟล์หรือไม่" "asked before sealing"
tc_keys y
tc_expect "เข้ารหัสและลงลายมือชื่ออิเล็กทรอนิกส์แล้ว" "sealed and signed"
row_has "ส่งแล้ว" "ตัวบุคคลและกรณี" "the sections that went"
row_has "ไม่ส่งเนื่องจากความยินยอม" "ไม่มี" "none left out"
tc_keys Escape
tc_expect "เขียนไฟล์ส่งต่อข้อมูลแล้ว" "the file is written"
second=$HOME/handover-$ref.tcb
tc_mode "the file is 0600" "$second" 600
tc_keys Escape q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- B: the hand-over screen, the file received, the conflicts ------------------
unlock s3 "$b"
tc_keys X
tc_expect "ส่งต่อข้อมูลระหว่างทีม" "X: the hand-over screen"
tc_expect "ศูนย์คุ้มครองสมุทรสาคร" "this store's name"
g=$(echo "$fp_b" | cut -c1-5 | sed 's/./& /g; s/ $//')
tc_expect "1:  $g" "the fingerprint's first group, digits spaced"
tc_expect "ที่เก็บข้อมูลของทีมอื่นที่รู้จัก: 1 แห่ง" "one other store known"
row_has "บ้านพักแม่สอด" "ใช้งานอยู่" "Mae Sot, in use"
tc_expect "ไม่มีข้อมูลขัดแย้งที่ต้องแก้ไข" "no conflict yet"
tc_type "ร"                                     # i on the Thai layout
tc_expect "รับไฟล์ส่งต่อข้อมูล" "i: receive a file"
tc_keys BSpace BSpace
tc_type "$second"
tc_keys Enter
tc_expect "ระบบยังไม่บันทึกข้อมูลใดจนกว่าจะกดนำเข้า" "the preview: nothing written yet"
row_has "ผู้ส่ง" "บ้านพักแม่สอด" "who sent it"
row_has "ไม่ตรงกับที่นี่" "2 ช่อง" "two fields differ"
row_has "$ref" "ข้อมูลไม่ตรงกัน 2 ช่อง" "in this case"
tc_keys y
tc_expect "นำเข้าไฟล์แล้ว" "imported"
tc_keys Escape
tc_expect "แก้ไขข้อมูลขัดแย้งตอนนี้หรือไม่" "the conflicts are offered at once"
tc_keys y
tc_expect "ข้อมูลขัดแย้งที่ยังไม่แก้ไข: 2 รายการ" "two open conflicts"
row_has "$ref" "ชื่ออื่น" "the other names, by the form's label"
row_has "$ref" "อายุโดยประมาณ" "the age"
row_has "ค่าในที่เก็บข้อมูลนี้: 24" "ค่าที่ได้รับ: 25" "both values of the age"
tc_keys Enter
tc_expect "ค่าที่ได้รับ" "one conflict, both values"
# The other names first, whichever the list put first.
tc_screen_has "ชื่ออื่น" || tc_keys n
tc_expect "ชื่ออื่น" "the other names"
tc_expect "(ว่าง)" "empty here"
tc_expect "น้องมะลิ" "a pet name incoming"
tc_type "ส"                                     # l on the Thai layout
tc_expect "คงค่าในที่เก็บข้อมูลนี้สำหรับช่องนี้หรือไม่" "keeping ours is asked first"
tc_keys y
tc_expect "คงค่าในที่เก็บข้อมูลนี้แล้ว เหลือข้อมูลขัดแย้ง 1 รายการ" "kept; one left"
tc_expect "อายุโดยประมาณ" "the next conflict takes its place"
tc_keys t
tc_expect "ใช้ค่าที่ได้รับสำหรับช่องนี้หรือไม่" "taking theirs is asked first"
tc_keys y
tc_expect "ใช้ค่าที่ได้รับแล้ว ไม่มีข้อมูลขัดแย้งเหลืออยู่" "taken; none left"
tc_expect "ไม่มีข้อมูลขัดแย้งที่ต้องแก้ไข" "the list is empty"
tc_keys Escape
tc_expect "ส่งต่อข้อมูลระหว่างทีม" "back on the hand-over screen"
# The same file again: a replay, refused in Thai.
tc_type "ร"
tc_wait_for "รับไฟล์ส่งต่อข้อมูล"
tc_keys Enter
tc_expect "เคยนำเข้าแล้ว" "the same file again is refused as a replay"
tc_expect "ไม่ได้นำเข้าและไม่มีการบันทึกข้อมูลใด" "nothing imported"
tc_keys Escape
tc_wait_for "ส่งต่อข้อมูลระหว่างทีม"

# This store's card, written where it is offered.
tc_keys w
tc_expect "~/tipcase-identity.txt" "w offers the card in the home directory"
tc_keys Enter
tc_expect "เขียนบัตรระบุตัวตนแล้ว" "the card is written"
tc_mode "the card is 0600" "$HOME/tipcase-identity.txt" 600
grep -q "^fingerprint: $fp_b\$" "$HOME/tipcase-identity.txt" && tc_pass "it carries B's fingerprint" ||
    tc_fail "the card does not carry B's fingerprint"

# The embassy's card: not added until the fingerprint was compared.
gc=$(echo "$fp_c" | cut -c1-5 | sed 's/./& /g; s/ $//')
tc_keys a
tc_expect "บัตรระบุตัวตนของทีมอื่น" "a asks for the other team's card"
tc_keys BSpace BSpace
tc_type "$TC_TMP/c.card"
tc_keys Enter
tc_expect "สถานทูตเมียนมา" "the card's store"
tc_expect "1:  $gc" "its fingerprint, to compare by phone"
tc_expect "ท่านได้โทรศัพท์เทียบลายนิ้วมือกุญแจนี้กับทีมอื่นแล้วหรือไม่" "the question"
tc_keys n
tc_expect "ยังไม่ได้เพิ่มที่เก็บข้อมูล กรุณาเทียบลายนิ้วมือกุญแจก่อน" "no: not added"
tc_expect "ที่เก็บข้อมูลของทีมอื่นที่รู้จัก: 1 แห่ง" "still one store"
tc_keys a
tc_wait_for "บัตรระบุตัวตนของทีมอื่น"
tc_keys BSpace BSpace
tc_type "$TC_TMP/c.card"
tc_keys Enter
tc_wait_for "ท่านได้โทรศัพท์เทียบ"
tc_keys y
tc_expect "หน่วยงานประเภทใด" "yes: then its kind of agency"
tc_keys Down Down Down Down Down Down         # an embassy
tc_keys Enter
tc_expect "เพิ่มแล้ว: สถานทูตเมียนมา" "added"
tc_expect "ที่เก็บข้อมูลของทีมอื่นที่รู้จัก: 2 แห่ง" "two stores"
row_has "สถานทูตเมียนมา" "สถานเอกอัครราชทู" "as an embassy"
tc_keys Down
tc_type "พ"                                     # r on the Thai layout
tc_expect "เลิกใช้ที่เก็บข้อมูลนี้หรือไม่" "r asks before retiring"
tc_expect "$fp_c" "naming the fingerprint"
tc_keys y
tc_expect "เลิกใช้ที่เก็บข้อมูลนี้แล้ว" "retired"
row_has "สถานทูตเมียนมา" "เลิกใช้แล้ว" "it stays listed, no longer used"
tc_keys Escape
tc_wait_for "รายการกรณี"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop

# What B keeps: its own other names (none), A's age.
tc_check "B's case" 0 on "$b" case show "$ref"
tc_hasnt "the other names were kept as B had them" out "น้องมะลิ"
tc_has "the age was taken" out "อายุโดยประมาณ:	25"
tc_check "B's store checks out" 0 on "$b" check

tc_summary
