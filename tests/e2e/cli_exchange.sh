#!/bin/sh
# End to end: sealed hand-over between two teams' laptops (two data
# directories) with the real program, in English and Thai.  Each team
# writes its identity card; each adds the other's after the fingerprint is
# shown (not without saying yes).  A case without consent is not handed
# over; the officer records the person's consent to a referral on the case
# view (tmux), and the case goes, sealed (no name in clear in the file,
# 0600).  The other team sees what comes in, declines, then imports it;
# the same file again is a replay and is refused in Thai; a file changed by
# one byte, and a bundle from a store it does not know, are refused, and
# neither writes anything (the audit trail's length is the witness).  The
# cross-border items are refused above 15, and the cross-border profile
# needs its own consent.  (Conflicts are tested in test_cli_exchange: the
# command line has no way to edit a case.)
TC_NAME=cli_exchange
. "$top_srcdir/tests/e2e/lib.sh"

# Saturday 21 Nov 2026, 10:00 in Bangkok.
tc_cli_setup 2026-11-21T03:00:00Z
a=$TC_TMP/maesot
b=$TC_TMP/samutsakhon
c=$TC_TMP/stranger

audit_rows() {  # the number of audit rows a store's check reports
    on "$1" check 2>/dev/null | sed -n 's/^Audit trail: ok (\([0-9]*\) entries).*/\1/p'
}

if tc_admin_store "$a" "Somchai" --name "มะลิ ใจดี" --name-latin "Mali Jaidee" --sex female \
        --age 24 --nationality MM --languages my &&
   tc_admin_store "$b" "Malee" && tc_admin_store "$c" "Stranger"; then
    tc_pass "three stores, one case"
else
    tc_fail "could not set up the stores"
    tc_summary
fi
ref=$(cat "$TC_TMP/ref")

# ---- identities and peers ------------------------------------------------------
tc_check "help names the commands" 0 "$T" --help
tc_has "help: handover" out "handover CASE... --to FINGERPRINT|CARDFILE"
tc_check "identity of A" 0 on "$a" identity --store-name "Mae Sot shelter" \
    --output "$TC_TMP/a.card"
tc_has "its name" out "Store name:	Mae Sot shelter"
fp_a=$(sed -n 's/^Fingerprint:	//p' "$TC_TMP/out")
[ ${#fp_a} = 35 ] && tc_pass "a fingerprint of six groups of five digits" ||
    tc_fail "fingerprint '$fp_a'"
tc_mode "the card is 0600" "$TC_TMP/a.card" 600
tc_env=LANGUAGE=th
tc_check "identity of B, in Thai" 0 on "$b" identity --store-name "ศูนย์คุ้มครอง สมุทรสาคร" \
    --output "$TC_TMP/b.card"
tc_env=
tc_has "the Thai label" out "ลายนิ้วมือกุญแจ:"
fp_b=$(sed -n 's/^ลายนิ้วมือกุญแจ:	//p' "$TC_TMP/out")
tc_check "identity of C" 0 on "$c" identity --output "$TC_TMP/c.card"
fp_c=$(sed -n 's/^Fingerprint:	//p' "$TC_TMP/out")

printf 'no\n' >"$TC_TMP/no"
printf 'yes\n' >"$TC_TMP/yes"
tc_check "A adds B: not compared, not added" 1 on "$a" peer add "$TC_TMP/b.card" <"$TC_TMP/no"
tc_has "the fingerprint is shown" out "$fp_b"
tc_has "it asks about the phone call" out "compare this fingerprint"
tc_check "A adds B after saying yes" 0 on "$a" peer add "$TC_TMP/b.card" --type shelter \
    <"$TC_TMP/yes"
tc_check "B adds A" 0 on "$b" peer add "$TC_TMP/a.card" --yes
tc_check "C adds B" 0 on "$c" peer add "$TC_TMP/b.card" --yes
tc_check "A lists B" 0 on "$a" peer list
tc_has "by name" out "ศูนย์คุ้มครอง สมุทรสาคร"
tc_has "as a shelter" out "Agency type:	Shelter"

# ---- no consent, nothing goes ------------------------------------------------------
tc_check "hand over without consent" 1 on "$a" handover "$ref" --to "$fp_b" \
    --output "$TC_TMP/case.tcb"
tc_has "consent is what is missing" err "consent does not cover sharing"
tc_has "the case is named" err "$ref"
[ -e "$TC_TMP/case.tcb" ] && tc_fail "a file was written" || tc_pass "no file"
tc_env=LANGUAGE=th
tc_check "the same, in Thai" 1 on "$a" handover "$ref" --to "$fp_b" --output "$TC_TMP/case.tcb"
tc_env=
tc_has "in Thai" err "ความยินยอมของผู้เสียหายไม่ครอบคลุม"

# ---- the officer records the person's consent to a referral -----------------------
tc_start s1 80 24 "$T" --data-dir "$a" --user admin
tc_expect "Unlock" "the unlock screen"
tc_type "$pass"
tc_keys Enter
tc_wait_for "มะลิ ใจดี"
tc_keys Enter
tc_wait_for "$ref"
tc_keys 3
tc_expect "No consent recorded yet" "the consent tab"
tc_keys n
tc_expect "Record consent" "n records a consent"
tc_keys Right Right Tab Right         # a referral, to any kind of agency
tc_keys F10
tc_expect "The consent is saved" "the consent is saved"
tc_keys Escape q
tc_wait_exit 10 >/dev/null
tc_stop

# ---- the hand-over ---------------------------------------------------------------
tc_check "hand over to B's card" 0 on "$a" handover "$ref" --to "$TC_TMP/b.card" \
    --output "$TC_TMP/case.tcb"
tc_has "a bundle" out "Bundle "
tc_has "the person's section went" out "Sections sent:	Person and case"
tc_mode "the bundle is 0600" "$TC_TMP/case.tcb" 600
ls "$TC_TMP"/case.tcb.* >/dev/null 2>&1 && tc_fail "a temporary file was left" ||
    tc_pass "no temporary file left"
if grep -q "Jaidee" "$TC_TMP/case.tcb" || grep -q "ใจดี" "$TC_TMP/case.tcb"; then
    tc_fail "a name is in the file in clear"
else
    tc_pass "no name in clear in the file"
fi

rows_b=$(audit_rows "$b")
tc_check "B declines" 1 on "$b" receive "$TC_TMP/case.tcb" <"$TC_TMP/no"
tc_has "it says who sent it" out "From:	Mae Sot shelter"
tc_has "and what comes in" out "มะลิ ใจดี (new here)"
tc_check "nothing came in" 1 on "$b" case show "$ref"
tc_check "B imports" 0 on "$b" receive "$TC_TMP/case.tcb" --yes
tc_has "imported" out "Imported."
tc_check "the case is in B" 0 on "$b" case show "$ref"
tc_has "with its Thai name" out "มะลิ ใจดี"

# ---- refused, nothing written ----------------------------------------------------
rows_b=$(audit_rows "$b")
tc_env=LANGUAGE=th
tc_check "the same file again, in Thai" 1 on "$b" receive "$TC_TMP/case.tcb" --yes
tc_env=
tc_has "a replay is refused" err "เคยนำเข้าแล้ว"
size=$(wc -c <"$TC_TMP/case.tcb")
cp "$TC_TMP/case.tcb" "$TC_TMP/bad.tcb"
printf 'X' | dd of="$TC_TMP/bad.tcb" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
tc_check "one byte changed" 1 on "$b" receive "$TC_TMP/bad.tcb" --yes
tc_has "refused as changed" err "changed after it was signed"
tc_check "C adds a case" 0 on "$c" case add --name "Aung Min" --sex male --age 30 \
    --nationality MM
tc_check "C cannot: no consent" 1 on "$c" handover "$(cat "$TC_TMP/out")" --to "$fp_b" \
    --output "$TC_TMP/c.tcb"
tc_check "a bundle sealed for B, at C" 1 on "$c" receive "$TC_TMP/case.tcb" --yes
tc_has "for another store" err "sealed for another store"
[ "$(audit_rows "$b")" = "$rows_b" ] && tc_pass "B's audit trail did not grow" ||
    tc_fail "B's audit trail changed: $rows_b -> $(audit_rows "$b")"
tc_check "B's store checks out" 0 on "$b" check

# ---- the cross-border items ------------------------------------------------------------
tc_check "16 items are too many" 1 on "$a" setting set exchange.crossborder_items \
    sex,age_band,child,nationality,country_identified,province,month_met,month_identified,identification,entry_point,exploitation,sector,recruitment,origin,exploitation_country,crossing
tc_has "at most 15" err "at most 15"
tc_check "three items" 0 on "$a" setting set exchange.crossborder_items "sex, age_band,nationality"
tc_check "read back" 0 on "$a" setting get exchange.crossborder_items
tc_has "as stored" out "sex,age_band,nationality"
tc_check "cross-border needs the consent to share abroad" 1 on "$a" handover "$ref" \
    --to "$fp_b" --profile cross-border --output "$TC_TMP/xb.tcb"
tc_has "consent again" err "consent does not cover sharing"

# ---- nothing to resolve ---------------------------------------------------------------
tc_check "B's conflicts" 0 on "$b" conflict list
tc_has "none" out "No conflicts."
tc_check "a conflict that does not exist" 1 on "$b" conflict show 7
tc_has "said so" err "No such conflict."

tc_summary
