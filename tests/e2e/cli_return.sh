#!/bin/sh
# End to end: return and reintegration from the command line (issue 6), in
# English and Thai.  A repatriation plan is made for a person going home to
# Myanmar and read back as a step checklist in Thai; two cases get
# reintegration plans; a follow-up finds a high risk and the officer is
# told to screen again.  The days pass (TIPCASE_NOW): on its due day a
# follow-up is not overdue yet, the day after it is, and the high-risk case
# comes first; `due` lists follow-ups with the clocks.  Bad input (an
# impossible date, an unknown method, findings with a control character)
# is refused in Thai and writes nothing.  An administrator extends the
# handover points; a social worker may not.
TC_NAME=cli_return
. "$top_srcdir/tests/e2e/lib.sh"

# Friday 27 Feb 2026, 10:00 in Bangkok.
tc_cli_setup 2026-02-27T03:00:00Z
tc_social_worker_files

tc_check "init" 0 tc init --name "Admin Officer"
tc_check "a social worker" 0 tc_add_social_worker "Somsri"
tc_check "help lists the new commands" 0 "$T" --help
tc_has "help names followup add" out "followup add CASE --at DATE"
tc_has "help names repatriation show" out "repatriation show CASE"
tc_has "help names list add" out "list add LIST CODE"

tc_check "case A" 0 tc case add --name "มะลิ ใจงาม" --sex female --age 25 --nationality MM
ref_a=$(cat "$TC_TMP/out")
tc_check "case B" 0 tc case add --name "Aung Min" --sex male --age 30 --nationality MM
ref_b=$(cat "$TC_TMP/out")

# ---- the repatriation plan ---------------------------------------------------
tc_check "no plan yet" 1 tc repatriation show "$ref_a"
tc_has "says there is none" err "has no repatriation plan"
tc_check "outbound to Thailand is refused" 1 tc repatriation add "$ref_a" --country TH \
    --direction outbound
tc_check "an unknown direction" 2 tc repatriation add "$ref_a" --country MM --direction home
tc_check "still no plan" 1 tc repatriation show "$ref_a"
tc_check "a plan home to Myanmar" 0 tc repatriation add "$ref_a" --country mm \
    --hometown "เมาะลำไย รัฐมอญ"
tc_has "made" out "Repatriation plan made for case $ref_a (Myanmar)"
tc_check "only one plan" 1 tc repatriation add "$ref_a" --country MM
tc_has "it says so" err "already has a repatriation plan"
tc_env=LANGUAGE=th
tc_check "the plan in Thai" 0 tc repatriation show "$ref_a"
tc_env=
tc_has "the destination in Thai" out "เมียนมา, เมาะลำไย รัฐมอญ"
tc_has "an open required step" out "^  \[ \] .*(จำเป็น)"
tc_has "the steps heading" out "^ขั้นตอน:"
tc_has "no handover point chosen" out "จุดส่งมอบตัว:	ยังไม่ได้เลือก"
tc_has "five required steps open" out "ขั้นตอนที่จำเป็นซึ่งยังไม่แล้วเสร็จ: 5"
tc_hasnt "no English left" out "Handover point"
n=$(grep -c '^  \[ \]' "$TC_TMP/out")
[ "$n" = 7 ] && tc_pass "seven steps, all open" || tc_fail "$n open steps"
tc_check "the plan as tsv" 0 tc repatriation show "$ref_a" --format tsv
tc_has "stable codes" out "^direction	outbound$"
tc_has "the country code" out "^country	MM$"
tc_has "family tracing is required" out "^steps.family.required	yes$"
tc_has "no escort for an adult" out "^steps.escort.required	no$"

# ---- reintegration plans and follow-ups ------------------------------------------
tc_check "no reintegration plan yet" 1 tc followup add "$ref_a" --at 20/02/2569 \
    --method visit --risk low --findings "ok"
tc_has "it says so" err "has no reintegration plan"
tc_check "A returned on 28 January" 0 tc reintegration add "$ref_a" --start 28/01/2569
tc_has "first follow-up a month later" out "First follow-up due 28 Feb 2026."
tc_check "B returned on 15 January" 0 tc reintegration add "$ref_b" --start 2026-01-15
tc_check "a plan is made once" 1 tc reintegration add "$ref_b"
tc_env=LANGUAGE=th
tc_check "B's first follow-up finds a high risk" 0 tc followup add "$ref_b" --at 16/02/2569 \
    --method phone --risk high --findings "นายหน้าโทรมาชวนไปทำงานอีก" --next 28/02/2569
tc_env=
tc_has "recorded, in Thai" out "บันทึกการติดตามผลครั้งที่ 1 ของกรณี $ref_b แล้ว"
tc_has "the next date in B.E." out "28 ก.พ. 2569"
tc_has "a new screening is advised" out "ควรเริ่มการคัดกรองใหม่"
tc_has "with the command that lists screenings" out "tipcase screening list $ref_b"

# Bad input, in Thai: refused, nothing written.
tc_env=LANGUAGE=th
tc_check "an impossible date" 1 tc followup add "$ref_a" --at 31/02/2569 --method visit \
    --risk low --findings "ok"
tc_has "the date is named in Thai" err "ไม่มีวันที่นี้ในปฏิทิน"
tc_check "an unknown method" 2 tc followup add "$ref_a" --at 20/02/2569 --method letter \
    --risk low --findings "ok"
tc_has "the methods are named in Thai" err "ต้องเป็น visit"
tc_check "findings with a control character" 1 tc followup add "$ref_a" --at 20/02/2569 \
    --method visit --risk low --findings "$(printf 'ok\033[2J')"
tc_has "the field is named" err "(--findings)"
tc_has "the message is in Thai" err "อักขระควบคุม"
tc_check "a follow-up in the future" 1 tc followup add "$ref_a" --at 28/02/2569 \
    --method visit --risk low --findings "ok"
tc_has "the date is named" err "(--at)"
tc_env=
tc_check "A still has no follow-up" 0 tc reintegration show "$ref_a"
after=$(sed -n '/^Follow-ups:/{n;p;}' "$TC_TMP/out")
[ "$after" = "  none yet" ] && tc_pass "none recorded" || tc_fail "follow-ups: $after"
tc_has "the schedule runs from the return" out "  1. 1 month after return: 28 Feb 2026"
tc_has "12 months" out "  4. 12 months after return: 28 Jan 2027"

# ---- the days pass ---------------------------------------------------------------
tc_check "on 27 Feb nothing is overdue" 0 tc followup list --overdue --format tsv
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 1 ] && tc_pass "only the header" || tc_fail "$n lines"

# Saturday 28 Feb, the due day of both follow-ups: not overdue yet.
TIPCASE_NOW=2026-02-28T16:00:00Z
tc_check "on the due day" 0 tc followup list --overdue
tc_has "none overdue" out "No follow-up is overdue."
tc_hasnt "A is not listed" out "$ref_a"
tc_check "the whole list on the due day" 0 tc followup list
tc_has "A is due today" out "$ref_a .*follow-up 1 · 28 Feb 2026 · due today"
tc_check "due lists the follow-ups" 0 tc due
tc_has "A's follow-up row" out "$ref_a .*Follow-up · 28 Feb 2026 · due today"
tc_has "B's follow-up, high risk" out "$ref_b .*Follow-up · 28 Feb 2026 · due today · HIGH RISK"
tc_check "due as tsv" 0 tc due --format tsv
tc_has "the followup kind" out "^$ref_a	มะลิ ใจงาม	followup	2026-02-28T17:00:00Z	"

# Sunday 1 March: both are overdue, the high-risk one first.
TIPCASE_NOW=2026-02-28T17:00:00Z
tc_check "the day after" 0 tc followup list --overdue --format tsv
tc_has "A is overdue" out "^$ref_a	มะลิ ใจงาม	MM	1	2026-02-28	-1	yes	"
tc_has "B is overdue, high risk" out "^$ref_b	Aung Min		2	2026-02-28	-1	yes	2026-02-16	high	yes$"
first=$(sed -n 2p "$TC_TMP/out" | cut -f1)
[ "$first" = "$ref_b" ] && tc_pass "the high-risk case first" || tc_fail "first is $first"
tc_env=LANGUAGE=th
tc_check "overdue in Thai" 0 tc followup list --overdue
tc_env=
tc_has "overdue one day, in Thai" out "$ref_a .*เกินกำหนด 1 วัน"
tc_has "the high-risk mark in Thai" out "$ref_b .*ความเสี่ยงสูง"
tc_has "B.E. dates" out "28 ก.พ. 2569"
tc_check "A's follow-up, low risk" 0 tc followup add "$ref_a" --at 01/03/2569 --method visit \
    --risk low --findings "Working at the family shop"
tc_has "the next slot: three months after return" out "Next follow-up due 28 Apr 2026."
tc_hasnt "no screening advised" out "screening"
tc_check "A left the overdue list" 0 tc followup list --overdue --format tsv
tc_hasnt "A is gone" out "^$ref_a"
tc_has "B stays" out "^$ref_b"
tc_check "A's plan" 0 tc reintegration show "$ref_a"
tc_has "the follow-up with method and risk" out "^  1 Mar 2026 · Home visit · risk: Low"
tc_has "its findings" out "^      Working at the family shop$"
tc_has "the first slot recorded" out "  1. 1 month after return: 28 Feb 2026 · recorded"

# ---- the handover points ----------------------------------------------------------
tc_check "the handover points" 0 tc list show handover_point
tc_has "Mae Sot ships" out "^mae_sot "
tc_has "the airports ship" out "^suvarnabhumi "
tc_check "an officer may not extend them" 1 sw list add handover_point chiang_khong \
    --label "Chiang Khong - Houayxay" --label-th "เชียงของ - ห้วยทราย"
tc_has "refused for the role" err "Your role does not allow this"
tc_check "an administrator may" 0 tc list add handover_point chiang_khong \
    --label "Chiang Khong - Houayxay" --label-th "เชียงของ - ห้วยทราย"
tc_env=LANGUAGE=th
tc_check "shown in Thai" 0 tc list show handover_point
tc_env=
tc_has "the Thai label" out "^chiang_khong .*เชียงของ - ห้วยทราย"
tc_check "a code is added once" 1 tc list add handover_point chiang_khong --label "X" \
    --label-th "ก"
tc_check "an unknown list" 2 tc list show airports

# ---- settings ---------------------------------------------------------------------
tc_check "the follow-up months" 0 tc setting get followup.months
tc_has "1, 3, 6 and 12 by default" out "^1,3,6,12$"
tc_check "months out of order are refused" 1 tc setting set followup.months "3,1"
tc_check "a new schedule" 0 tc setting set followup.months "1,2,6"
tc_check "read back" 0 tc setting get followup.months
tc_has "as set" out "^1,2,6$"

tc_check "the audit trail holds" 0 tc check
tc_summary
