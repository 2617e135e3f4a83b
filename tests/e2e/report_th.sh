#!/bin/sh
# End to end at 80x24, in Thai: the report screen.  A store with five
# people made by the command line: three met this fiscal year (B.E. 2570)
# and referred on 20 Nov 2026, one met and referred in August, in fiscal
# year 2569 (TIPCASE_NOW fixes each day), and one met this week of whom
# nothing else is known yet.  From the case list, T opens the
# report on the fiscal year holding today, named in B.E., with the
# referrals counted and their bar; [ and ] step to the year before and
# back; d (and its Thai key) changes the breakdown, m the figure the bars
# show; Tab shows the referrals by agency type and state; o hides the
# cells under 11 and says how many; 5 lists the fields a case met this
# year misses and Enter opens it; p chooses a month, and a range typed
# backwards is refused in Thai; w writes a CSV into the home directory
# (the name offered first), then one for outside the team, and the files
# hold what the screen showed.
TC_NAME=report_th
. "$top_srcdir/tests/e2e/lib.sh"

# Friday 20 Nov 2026, 10:00 in Bangkok: fiscal year 2570 (1 Oct 2026 - 30 Sep 2027).
tc_thai_setup 2026-11-20T03:00:00Z
home=$TC_TMP/home
mkdir -p "$home"
# refer REF AGENCY: a referral sent now, consent to be signed later.
refer() {
    tc referral add "$1" --agency "$2" --urgency urgent --channel letter --needs shelter \
        --summary "ขอรับตัวเข้าสถานคุ้มครอง" \
        --override-reason "ผู้เสียหายให้ความยินยอมด้วยวาจา รอลงนาม" >/dev/null 2>&1
}
# add_case NAME SEX AGE NATIONALITY DATE-MET: its reference in $ref.
add_case() {
    ref=$(tc case add --name "$1" --sex "$2" --age "$3" --nationality "$4" --province Tak \
        --entry-point border_checkpoint --date-met "$5" 2>/dev/null)
}

setup() {
    tc_admin_store "$d" "สมชาย ใจดี" || return 1
    # August 2026: fiscal year 2569.
    TIPCASE_NOW=2026-08-10T03:00:00Z
    add_case "ดาว ประเสริฐ" male 40 TH 10/08/2569 && refer "$ref" rtp_atpd || return 1
    TIPCASE_NOW=2026-11-20T03:00:00Z
    add_case "มะลิ ใจงาม" female 25 MM 15/10/2569 && refer "$ref" msdhs_athd || return 1
    add_case "กมล สุขใจ" female 16 MM 01/11/2569 && refer "$ref" msdhs_athd || return 1
    add_case "Aung Ko" male 30 KH 05/11/2569 && refer "$ref" rtp_atpd || return 1
    # Met on 18 Nov, nothing else known yet: the completeness check lists it.
    tc case add --name "นิรนาม" --date-met 18/11/2569 >"$TC_TMP/ref" 2>/dev/null
}
if setup; then
    tc_pass "a store, five people and four referrals"
else
    tc_fail "could not set up the store"
    tc_summary
fi

# row_has TEXT1 TEXT2 WHAT: one line of the screen shows both.
row_has() {
    if tc_screen | grep -F -- "$1" | grep -q -F -- "$2"; then tc_pass "$3"; else
        tc_fail "$3"; tc_show_screen; fi
}

# file_has WHAT FILE PATTERN: a line of FILE (under $TC_TMP) matches the
# extended regex.
file_has() {
    if grep -q -E -- "$3" "$TC_TMP/$2"; then tc_pass "$1"; else
        tc_fail "$1: no /$3/ in $2"; sed 's/^/  | /' "$TC_TMP/$2"; fi
}

tc_start s1 80 24 HOME="$home" "$T" --data-dir "$d" --user admin
tc_expect "ปลดล็อก" "the unlock screen"
tc_type "$pass"
tc_keys Enter
tc_wait_for "มะลิ ใจงาม"

# The help of the case list names T.
tc_keys "?"
tc_expect "รายงาน: ตัวเลขสถิติของช่วงเวลา" "the case list's help names T, the reports"
tc_keys Escape
tc_wait_for "มะลิ ใจงาม"

# ---- the fiscal year holding today ------------------------------------------------
tc_keys T
tc_expect "ปีงบประมาณ พ.ศ. 2570" "T opens the report on fiscal year B.E. 2570"
tc_expect "1 ต.ค. 2569 - 30 ก.ย. 2570" "from 1 Oct to 30 Sep, in B.E."
tc_expect "สำหรับใช้ภายในทีม" "every figure shown, for the team"
tc_expect "1 ตัวเลขสถิติ" "the sections"
row_has "การส่งต่อ (ครั้ง)" " 3 █" "three referrals this year, with a bar"
row_has "คัดกรองแล้ว" " 0" "nobody screened"
tc_expect "? ช่วยเหลือ" "the key line keeps its help key at 80 columns"
tc_type "ะ"                                     # t on the Thai layout
tc_expect "หมวดตามกรอบ:" "ะ (t): the framework tags of each figure"
tc_expect "5P: ด้านการคุ้มครอง" "Thailand's 5P among them"
tc_keys t
tc_expect_not "หมวดตามกรอบ:" "t again hides them"

tc_keys "["
tc_expect "ปีงบประมาณ พ.ศ. 2569" "[ steps to the fiscal year before"
row_has "การส่งต่อ (ครั้ง)" " 1 █" "one referral in August"
tc_keys "]"
tc_expect "ปีงบประมาณ พ.ศ. 2570" "] steps back"
row_has "การส่งต่อ (ครั้ง)" " 3 █" "three again"

# ---- breakdowns ----------------------------------------------------------------------
tc_keys d
tc_expect "จำแนกตาม: เพศ" "d: by sex"
tc_keys m m m
tc_expect "แผนภูมิแท่ง: การส่งต่อ (ครั้ง)" "m three times: the bars show the referrals"
row_has "หญิง" "67% █" "two women of three, the longest bar"
row_has "ชาย" "33% █" "one man"
row_has "รวม" " 3" "the total"
tc_type "ก"                                     # d on the Thai layout
tc_expect "จำแนกตาม: ช่วงอายุ" "ก (d on the Thai layout): by age band"
row_has "เด็ก 15-17 ปี" " 1" "a child of 15-17"
tc_keys d
tc_expect "จำแนกตาม: สัญชาติ" "by nationality"
row_has "เมียนมา" " 2" "two from Myanmar"
row_has "กัมพูชา" " 1" "one from Cambodia"
tc_expect_not "ไทย" "nobody met last year is counted"

# ---- referrals, and the view for outside the team ---------------------------------------
tc_keys Tab
tc_expect "ประเภทหน่วยงาน · สถานะปัจจุบัน" "Tab: the referrals by agency type and state"
row_has "หน่วยงานภาครัฐ" " 2" "two to a government agency"
row_has "ตำรวจหรือหน่วยงานสอบสวน" " 1" "one to the police"
row_has "ส่งแล้ว" " 2" "their state today: sent"
tc_keys o
tc_expect "นอกทีม: ปิด" "o: for outside the team, it says how many cells are hidden"
row_has "ส่งแล้ว" "<11" "small cells read <11"
tc_expect_not " 2 █" "and no bar gives a small figure away"
tc_keys o
tc_expect "สำหรับใช้ภายในทีม" "o again: every figure"

# ---- the completeness check ------------------------------------------------------------
missing=$(cat "$TC_TMP/ref")
tc_keys 5
tc_expect "ข้อมูลที่ขาด: 5 รายการ" "5: the fields missing from the cases of the period"
row_has "$missing" "เพศ" "the case met on 18 Nov misses its sex"
row_has "$missing" "สัญชาติ" "and its nationality"
tc_keys Enter
tc_expect "นิรนาม" "Enter opens the case"
tc_keys Escape
tc_expect "ข้อมูลที่ขาด: 5 รายการ" "Esc: back on the missing data"

# ---- the kind of period, and one typed ------------------------------------------------------
tc_keys 1 p
tc_expect "เลือกประเภทช่วงเวลา" "p: the kinds of period"
tc_expect "2026-11" "the month offered is today's"
tc_keys Down Enter
tc_expect "พฤศจิกายน 2569" "the month of November, in B.E."
row_has "รวม" " 3" "three referrals in November"
tc_keys p Down Down Down Down Enter
tc_expect "ช่วงเวลาของรายงาน" "the last choice types a period"
tc_keys C-u
tc_type "2569-12-01..2569-10-01"
tc_keys F10
tc_expect "วันสิ้นสุดของช่วงเวลาอยู่ก่อนวันเริ่มต้น" "a range typed backwards is refused in Thai"
tc_expect "2569-12-01..2569-10-01" "what was typed stays"
tc_keys C-u
tc_type "fy๒๕๗๐"
tc_keys F10
tc_expect "ปีงบประมาณ พ.ศ. 2570" "fy with Thai digits: the fiscal year again"

# ---- writing the report ---------------------------------------------------------------------
tc_expect "จำแนกตาม: สัญชาติ" "the breakdown stayed"
tc_keys b
tc_expect "จำแนกตัวเลขตาม:" "b: the breakdowns in a list"
tc_keys Up Up Enter
tc_expect "จำแนกตาม: เพศ" "by sex"
tc_keys w
tc_expect "บันทึกรายงานเป็น:" "w asks the format"
tc_keys Enter
tc_expect "~/tipcase-report-fy2570.csv" "the file offered is in the home directory"
tc_keys F10
tc_expect "บันทึกรายงานแล้วที่ $home/tipcase-report-fy2570.csv" "the report is written"
csv=$home/tipcase-report-fy2570.csv
if [ -f "$csv" ]; then
    cp "$csv" "$TC_TMP/team.csv"
    tc_pass "the file is there"
    if [ "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then
        tc_pass "it starts with the UTF-8 mark LibreOffice and Excel read"
    else
        tc_fail "no UTF-8 mark at the start"
    fi
    file_has "lines end in CRLF" team.csv "$(printf '\r')\$"
    file_has "the Thai period name" team.csv "2570"
    file_has "two women referred" team.csv "^หญิง,.*,2,"
    file_has "one man referred" team.csv "^ชาย,.*,1,"
    tc_mode "only the officer can read it" "$csv" 600
else
    tc_fail "no file at $csv"
fi

tc_keys w Enter F10
tc_expect "มีไฟล์ชื่อนี้อยู่แล้ว ต้องการเขียนทับหรือไม่" "an existing file is not replaced without asking"
tc_keys n
tc_expect "~/tipcase-report-fy2570.csv" "no: back to the name"
tc_keys Escape
tc_wait_for "จำแนกตาม: เพศ"

tc_keys o w Enter
tc_expect "~/tipcase-report-fy2570-outside.csv" "for outside the team the name says so"
tc_keys F10
tc_expect "บันทึกรายงานแล้วที่" "written"
outside=$home/tipcase-report-fy2570-outside.csv
if [ -f "$outside" ]; then
    cp "$outside" "$TC_TMP/outside.csv"
    file_has "small cells read <11 in the file" outside.csv "<11"
    if grep -q -E "^หญิง,.*,2," "$TC_TMP/outside.csv"; then
        tc_fail "the two women are in the file for outside the team"
    else
        tc_pass "the figure under 11 is not in the file"
    fi
else
    tc_fail "no file at $outside"
fi

tc_keys Escape
tc_expect "มะลิ ใจงาม" "Esc: back to the case list"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop
tc_check "the audit trail is whole after the exports" 0 tc check
tc_summary
