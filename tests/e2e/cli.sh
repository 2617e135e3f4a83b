#!/bin/sh
# End to end: the command line without a screen, as a script would use it.
# Real binary, real (strong) Argon2id, passphrases through --passphrase-fd.
TC_NAME=cli
. "$top_srcdir/tests/e2e/lib.sh"

unset LANGUAGE LC_ALL
LANG=C.UTF-8
export LANG
d=$TC_TMP/store
T=$TIPCASE

tc_check "--version" 0 "$T" --version
tc_has "--version names the program" out "tipcase"
tc_check "--help" 0 "$T" --help
tc_has "--help lists the commands" out "case add"
tc_check "unknown command is a usage error" 2 "$T" frobnicate
tc_check "unknown option is a usage error" 2 "$T" --frobnicate

printf 'short\n' >"$TC_TMP/p"
tc_check "init refuses a short passphrase" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 init 3<"$TC_TMP/p"
tc_has "the reason is given" err "10 characters"
[ ! -e "$d/cases.db" ] && tc_pass "nothing was created" || tc_fail "a store was created"

printf 'correct horse battery staple\n' >"$TC_TMP/p"
tc_check "init" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 init --name "Admin Officer" 3<"$TC_TMP/p"
tc_check "init twice is refused" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 init 3<"$TC_TMP/p"

tc_mode "database is 0600" "$d/cases.db" 600
tc_mode "key slots are 0600" "$d/keyslots" 600

printf 'wrong passphrase here\n' >"$TC_TMP/bad"
# The key slots, less the failure count at the end (12 bytes, db/keyslot.h).
slots_part() {
    head -c $(($(wc -c <"$d/keyslots") - 12)) "$d/keyslots" | md5sum
}
before=$(md5sum <"$d/cases.db")$(slots_part)
tc_check "wrong passphrase refused" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case list 3<"$TC_TMP/bad"
tc_has "wrong passphrase is named" err "passphrase"
after=$(md5sum <"$d/cases.db")$(slots_part)
# Only the failed try is counted, in the key-slot file's trailer.
[ "$before" = "$after" ] && tc_pass "wrong passphrase wrote nothing but its count" || tc_fail "files changed"

tc_check "case add (Thai)" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case add \
    --name "มะลิ ใจงาม" --sex female --birth 12/3/2552 --nationality MM --province Tak 3<"$TC_TMP/p"
ref=$(cat "$TC_TMP/out")
case $ref in *-25[0-9][0-9]-0001) tc_pass "reference $ref" ;; *) tc_fail "reference '$ref'" ;; esac
tc_check "case add (Latin, stateless)" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case add \
    --name "Aung Min" --sex m --age 30 --nationality XX 3<"$TC_TMP/p"
tc_check "impossible date refused" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case add \
    --name "Test" --birth 31/2/2560 3<"$TC_TMP/p"
tc_check "future birth refused" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case add \
    --name "Test" --birth 1/1/2600 3<"$TC_TMP/p"
tc_check "control characters in a name refused" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case add \
    --name "$(printf 'Bad\033[2JName')" 3<"$TC_TMP/p"

tc_check "case list tsv" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case list --format tsv 3<"$TC_TMP/p"
tc_has "tsv has a header" out "reference	name"
tc_has "tsv lists the Thai case" out "มะลิ ใจงาม"
tc_has "the child is flagged" out "มะลิ ใจงาม	female	[0-9]*	yes"
tc_has "tsv lists the Latin case" out "Aung Min"
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 3 ] && tc_pass "exactly two cases listed" || tc_fail "$n lines listed"
tc_check "case list by name" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case list --sort name --format tsv 3<"$TC_TMP/p"
first=$(sed -n 2p "$TC_TMP/out" | cut -f2)
[ "$first" = "Aung Min" ] && tc_pass "by name: Latin names before Thai ones" || tc_fail "by name starts with '$first'"
tc_check "search by Thai fragment" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case list --search "ใจงาม" --format tsv 3<"$TC_TMP/p"
tc_has "Thai search finds" out "มะลิ"
tc_check "search by Latin fragment, any case" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case list --search "aung" --format tsv 3<"$TC_TMP/p"
tc_has "Latin search finds" out "Aung Min"
tc_check "case show" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 case show "$ref" 3<"$TC_TMP/p"
tc_has "show has the name" out "มะลิ ใจงาม"

printf 'correct horse battery staple\nsecond officer pass\n' >"$TC_TMP/p2"
tc_check "admin adds an officer" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 user add somsri --name "Somsri" --role social_worker 3<"$TC_TMP/p2"
printf 'second officer pass\n' >"$TC_TMP/ps"
tc_check "second officer opens the same store" 0 "$T" --data-dir "$d" --user somsri --passphrase-fd 3 case list --format tsv 3<"$TC_TMP/ps"
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 1 ] && tc_pass "a social worker lists only her own cases: none yet" || tc_fail "$n lines listed"
printf 'second officer pass\nanother pass phrase\n' >"$TC_TMP/ps2"
tc_check "a social worker cannot add officers" 1 "$T" --data-dir "$d" --user somsri --passphrase-fd 3 user add x --role admin 3<"$TC_TMP/ps2"
tc_check "passphrase change" 0 "$T" --data-dir "$d" --user somsri --passphrase-fd 3 user passwd 3<"$TC_TMP/ps2"
tc_check "old passphrase no longer opens" 1 "$T" --data-dir "$d" --user somsri --passphrase-fd 3 case list 3<"$TC_TMP/ps"
printf 'another pass phrase\n' >"$TC_TMP/ps3"
tc_check "new passphrase opens" 0 "$T" --data-dir "$d" --user somsri --passphrase-fd 3 case list 3<"$TC_TMP/ps3"
tc_check "admin removes the officer" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 user remove somsri 3<"$TC_TMP/p"
tc_check "removed officer cannot open" 1 "$T" --data-dir "$d" --user somsri --passphrase-fd 3 case list 3<"$TC_TMP/ps3"
tc_check "user list" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 user list 3<"$TC_TMP/p"
tc_has "removed officer is listed as removed" out "somsri.*removed"
tc_check "an impossible setting is refused" 1 "$T" --data-dir "$d" --user admin --passphrase-fd 3 setting set lock_minutes 0 3<"$TC_TMP/p"
tc_check "the idle lock time can be set" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 setting set lock_minutes 10 3<"$TC_TMP/p"
tc_check "and read back" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 setting get lock_minutes 3<"$TC_TMP/p"
tc_has "the setting is kept" out "^10$"
tc_check "check passes" 0 "$T" --data-dir "$d" --user admin --passphrase-fd 3 check 3<"$TC_TMP/p"
tc_has "check reports the database sound" out "^Database: ok$"
tc_has "check reports the audit chain whole" out "^Audit trail: ok ([0-9]* entries)$"

for f in "$d"/*; do
    if grep -q "มะลิ" "$f" || grep -q "Aung Min" "$f"; then
        tc_fail "a name is readable in $f"
    else
        tc_pass "no name readable in $(basename "$f")"
    fi
done

tc_summary
