#!/bin/sh
# End to end: the agency directory and referrals as a script uses them, in
# English and Thai.  An administrator adds an agency; a case is referred to
# it without consent (with the reason the audit trail keeps); days later
# (TIPCASE_NOW) the referral is overdue, in the list and on a terminal in
# tmux; it is acknowledged and leaves the overdue list.  The handover sheet
# in Thai holds the reference and nothing the consent does not cover, and
# is written 0600.  Refusals show core's message in the user's language.
TC_NAME=cli_referral
. "$top_srcdir/tests/e2e/lib.sh"

# Friday 20 Nov 2026, 17:00 in Bangkok.
tc_cli_setup 2026-11-20T10:00:00Z tc_thai_catalogue

tc_check "init" 0 tc init --name "Admin Officer"
tc_check "help lists the referral commands" 0 "$T" --help
tc_has "help names referral sheet" out "referral sheet ID"
tc_has "help names agency edit" out "agency edit CODE"

# ---- the agency directory -------------------------------------------------
tc_check "agency list" 0 tc agency list
tc_has "the shipped police" out "^rtp .*Royal Thai Police"
tc_has "an embassy ships" out "^emb_mm "
tc_check "search in Thai without the dot" 0 tc agency list --search "สตช"
tc_has "finds the police" out "^rtp "
tc_hasnt "and only what matches" out "^msdhs "
tc_check "add an agency" 0 tc agency add sk_shelter --type shelter --level provincial \
    --province TH-74 --name-thai "สถานคุ้มครองและพัฒนาอาชีพ จังหวัดสมุทรสาคร" \
    --name-english "Samut Sakhon Protection and Occupational Development Centre" \
    --abbr-thai "ศคพ.สค." --services shelter,food --phone "๐๓๔ 123 456" \
    --focal-name "คุณมาลี"
tc_check "the same code again" 1 tc agency add sk_shelter --type shelter --level national \
    --name-thai "ศูนย์" --name-english "Centre"
tc_has "a code is never used twice" err "never used twice"
tc_check "a provincial agency without its province" 1 tc agency add sk_other --type shelter \
    --level provincial --name-thai "ศูนย์" --name-english "Centre"
tc_has "the problem is named" err "province"
tc_check "an unknown type" 2 tc agency add sk_other --type church --level national \
    --name-thai "ศูนย์" --name-english "Centre"
tc_check "search by the new Thai abbreviation" 0 tc agency list --search "ศคพ"
tc_has "finds the new agency" out "^sk_shelter "
tc_check "edit its telephone" 0 tc agency edit sk_shelter --phone "034 999 000" --reason "new number"
tc_check "show it" 0 tc agency show sk_shelter
tc_has "Thai digits became ASCII, then the edit" out "Telephone:	034 999 000"
tc_has "two versions, the reason kept" out "^  2 .*new number"
tc_check "the first version is still there" 0 tc agency show sk_shelter --version 1
tc_has "with the old number" out "Telephone:	034 123 456"

# ---- a referral, overdue, acknowledged ----------------------------------------
tc_check "case add" 0 tc case add --name "มะลิ ใจงาม" --sex female --age 25 --nationality MM \
    --languages my
ref=$(cat "$TC_TMP/out")
tc_check "no consent, no reason: refused" 1 tc referral add "$ref" --agency sk_shelter \
    --urgency urgent --channel letter --needs shelter,medical --summary "ชื่อ อายุ" \
    --shared identity
tc_has "consent is what is missing" err "Consent does not cover this referral"
tc_check "nothing was made" 0 tc referral list --format tsv
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 1 ] && tc_pass "the list is only its header" || tc_fail "$n lines"
tc_check "refer with the reason for going without consent" 0 tc referral add "$ref" \
    --agency sk_shelter --urgency urgent --channel letter --needs shelter,medical \
    --summary "ชื่อ อายุ และความต้องการที่พัก พบที่ท่าเรือ" --shared identity,needs \
    --override-reason "ไม่มีล่ามในวันนี้ ผู้เสียหายไม่ปลอดภัยคืนนี้"
rid=$(cat "$TC_TMP/out")
short=$(printf '%s' "$rid" | cut -c1-8)
tc_has "the agency does not list medical care" err "does not list"
tc_check "the list on Friday" 0 tc referral list
tc_has "one open, none overdue" out "Open referrals: 1, overdue: 0"
tc_has "waiting for acknowledgement" out "R-$short .*Waiting for acknowledgement 23 Nov 2026 17:00"

# Monday 23 Nov 17:00: 72 hours later, the weekend counted.
TIPCASE_NOW=2026-11-23T10:00:00Z
tc_check "overdue on Monday at 17:00" 0 tc referral list --overdue
tc_has "it is overdue" out "R-$short .*OVERDUE"
tc_check "overdue tsv" 0 tc referral list --overdue --format tsv
tc_has "tsv row" out "^$rid	$ref	มะลิ ใจงาม	sk_shelter	sent	urgent	acknowledgement	2026-11-23T10:00:00Z	yes$"
tc_check "filter by another agency" 0 tc referral list --agency rtp --format tsv
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 1 ] && tc_pass "no referral to the police" || tc_fail "$n lines"
tc_check "filter by an unknown officer" 1 tc referral list --officer nobody

# On a terminal, in Thai: the overdue list as an officer sees it.
# The passphrase is typed at the prompt, as an officer would.
unlock_on_terminal() {
    tc_expect "รหัสผ่าน" "the passphrase is asked for, in Thai"
    tc_type "correct horse battery staple"
    tc_keys Enter
}
tc_start overdue 100 12 env LANGUAGE=th TIPCASE_NOW=$TIPCASE_NOW "$T" --data-dir "$d" \
    --user admin referral list --overdue
unlock_on_terminal
tc_expect "R-$short" "the overdue referral on the terminal"
tc_expect "มะลิ ใจงาม" "with the person's Thai name"
tc_expect "เกินกำหนด" "marked overdue in Thai"
tc_stop overdue

tc_check "accepted before acknowledged is refused" 1 tc referral state "R-$short" accepted
tc_has "core names the states it can go to" err "From \"Sent\" it can go to: Acknowledged, Closed, Withdrawn"
tc_env=LANGUAGE=th
tc_check "and in Thai" 1 tc referral state "R-$short" accepted
tc_has "the Thai message names them" err "หน่วยงานรับทราบแล้ว"
tc_env=
tc_check "closing needs a reason" 1 tc referral state "$short" closed
tc_check "acknowledged by phone at 16:30" 0 tc referral state "$short" acknowledged \
    --at "23/11/2569 16:30" --reason "โทรแจ้งรับทราบ"
tc_has "the new state" out "is now \"Acknowledged\""
tc_check "no longer overdue" 0 tc referral list --overdue
tc_has "the overdue list is empty" out "No referral is overdue."
tc_hasnt "and it is not in it" out "R-$short"
tc_check "still open, waiting for the decision" 0 tc referral list
tc_has "waiting for the decision" out "R-$short .*Waiting for a decision"

tc_start after 100 12 env LANGUAGE=th TIPCASE_NOW=$TIPCASE_NOW "$T" --data-dir "$d" \
    --user admin referral list --overdue
unlock_on_terminal
tc_expect "ไม่มีการส่งต่อที่เกินกำหนด" "the overdue list drawn again, empty"
tc_expect_not "R-$short" "the referral left the overdue list"
tc_stop after

tc_check "show it" 0 tc referral show "R-$short"
tc_has "the events keep time and officer" out "23 Nov 2026 16:30  Sent -> Acknowledged  Admin Officer · โทรแจ้งรับทราบ"
tc_has "the override is shown" out "Reason for referring without consent:	ไม่มีล่ามในวันนี้"
tc_has "the needs moved along" out "Accommodation: Referred"

# ---- the handover sheet ----------------------------------------------------
tc_env=LANGUAGE=th
tc_check "the sheet in Thai to a file" 0 tc referral sheet "$short" --output "$TC_TMP/sheet.txt"
tc_env=
tc_has "a warning that it is sensitive" err "ข้อมูลส่วนบุคคล"
tc_mode "the sheet file is 0600" "$TC_TMP/sheet.txt" 600
ls "$TC_TMP"/sheet.txt.* >/dev/null 2>&1 && tc_fail "a temporary file was left" ||
    tc_pass "no temporary file left"
tc_has "the reference" sheet.txt "$ref/R-$short"
tc_has "the Thai title" sheet.txt "แบบส่งต่อบุคคลเพื่อรับความช่วยเหลือ"
tc_has "the person's name (identity was shared)" sheet.txt "มะลิ ใจงาม"
tc_has "the agency in Thai" sheet.txt "สถานคุ้มครองและพัฒนาอาชีพ"
tc_has "its focal person" sheet.txt "คุณมาลี"
tc_has "the needs" sheet.txt "ที่พักอาศัย"
tc_hasnt "no nationality: not shared" sheet.txt "เมียนมา"
tc_hasnt "no nationality in English either" sheet.txt "Myanmar"
tc_hasnt "no languages: not shared" sheet.txt "my$"
tc_hasnt "the override's reason stays with the team" sheet.txt "ไม่มีล่าม"
tc_check "team contacts for the sheet" 0 tc setting set team.phone "034 000 111"
tc_check "a bad team e-mail is refused" 1 tc setting set team.email "not an address"
tc_check "the sheet in English on stdout" 0 tc referral sheet "$short" --lang en --width 60
tc_has "the English title" out "^REFERRAL HANDOVER SHEET$"
tc_has "the team's telephone" out "Telephone: 034 000 111"
# Thai columns are measured by test_referral_db; here the ASCII lines.
w=$(LC_ALL=C grep -v '[^ -~]' "$TC_TMP/out" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
[ "$w" -le 60 ] && tc_pass "lines within 60 columns" || tc_fail "a line of $w columns"

# A draft to an embassy: no consent covers it, so the sheet holds nothing
# about the person, not even the summary.
tc_check "a draft to the embassy" 0 tc referral add "$ref" --agency emb_mm --urgency routine \
    --channel letter --needs consular --summary "หนังสือเดินทางหาย" --shared identity,nationality \
    --draft
draft=$(cut -c1-8 "$TC_TMP/out")
tc_check "its sheet" 0 tc referral sheet "$draft" --lang th
tc_has "the reference is there" out "$ref/R-$draft"
tc_hasnt "no name" out "มะลิ"
tc_hasnt "no summary" out "หนังสือเดินทางหาย"
tc_has "the officer is told why" err "Consent does not cover this referral now"

# ---- response times --------------------------------------------------------
tc_check "the urgent acknowledgement time" 0 tc setting get referral.ack_hours.urgent
tc_has "72 hours by default" out "^72$"
tc_check "a response time of zero is refused" 1 tc setting set referral.decision_hours.urgent 0
tc_check "a shorter decision time" 0 tc setting set referral.decision_hours.urgent 24
TIPCASE_NOW=2026-11-24T10:00:00Z
tc_check "then the decision is overdue" 0 tc referral list --overdue --format tsv
tc_has "overdue again, for the decision" out "^$rid	.*	decision	2026-11-24T09:30:00Z	yes$"
tc_check "an unknown referral setting" 2 tc setting get referral.ack_hours

tc_check "the audit trail holds" 0 tc check
tc_summary
