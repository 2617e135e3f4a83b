#!/bin/sh
# End to end: backup and restore with the real binary (issue 7).  A store
# gets cases with Thai names and a second officer; `backup` writes one file
# in which no name can be read; `restore` into a new folder shows what the
# backup is, asks the passphrase of an officer of the backup (the second
# officer's works too), prints the check, and the restored store lists the
# same cases and passes `check`.  A backup taken at a terminal shows its
# progress.  Refusals, in Thai: a damaged backup, a file that is not a
# backup, a wrong passphrase, a folder that holds a store or other files -
# and the folder is left as it was.
TC_NAME=cli_backup
. "$top_srcdir/tests/e2e/lib.sh"

tc_cli_setup 2026-11-21T03:00:00Z
r=$TC_TMP/restored
b=$TC_TMP/cases.tcbackup
tc_social_worker_files
printf 'not the passphrase\n' >"$TC_TMP/wrong"

tc_check "init" 0 tc init --name "Admin Officer"
tc_check "a social worker" 0 tc_add_social_worker "Somsri"
tc_check "case 1" 0 tc case add --name "มะลิ ใจงาม" --sex female --age 25 --nationality MM
tc_check "case 2" 0 tc case add --name "สมหญิง ทดสอบพิเศษ" --sex female --age 16 --nationality LA
tc_check "case 3" 0 tc case add --name "Zyxwvut Qplmokn" --sex male --age 30 --nationality KH
tc_check "the list before" 0 tc case list --format tsv
cp "$TC_TMP/out" "$TC_TMP/list-before"
tc_check "help names backup" 0 "$T" --help
tc_has "backup in the help" out "backup FILE \[--quiet\]"
tc_has "restore in the help" out "restore FILE --data-dir DIR"

# ---- backup -------------------------------------------------------------------
tc_check "backup" 0 tc backup "$b"
tc_has "says where" out "written to $b"
tc_hasnt "no progress without a terminal" err "%"
tc_mode "the backup is 0600" "$b" 600
for name in "มะลิ" "สมหญิง" "Zyxwvut" "Admin Officer" "SQLite format"; do
    if grep -q -- "$name" "$b"; then tc_fail "\"$name\" readable in the backup"; else
        tc_pass "no \"$name\" in the backup"; fi
done
if [ -e "$b.tmp" ] || [ -e "$b.tmp.db" ]; then tc_fail "a temporary file is left"; else
    tc_pass "no temporary file is left"; fi

# ---- restore -------------------------------------------------------------------
tc_check "restore into a new folder" 0 on "$r" restore "$b"
tc_has "names the store" out "Backup of store:"
tc_has "when it was made" out "Made:.*21 Nov 2026 10:00"
tc_has "two officers can restore it" out "Officers who can restore it:.2"
tc_has "the database checks" out "Database: ok"
tc_has "the audit trail checks" out "Audit trail: ok"
tc_has "says where" out "Restored into $r"
tc_check "check passes on the copy" 0 on "$r" check
tc_check "the list after" 0 on "$r" case list --format tsv
if cmp -s "$TC_TMP/out" "$TC_TMP/list-before"; then tc_pass "the same cases"; else
    tc_fail "the cases differ"; diff "$TC_TMP/list-before" "$TC_TMP/out"; fi
tc_has "a Thai name" out "มะลิ ใจงาม"
tc_mode "the folder is 0700" "$r" 700
tc_check "the social worker restores it too" 0 tc_as "$TC_TMP/r2" somsri "$TC_TMP/sw" restore "$b"
tc_check "and opens it" 0 tc_as "$TC_TMP/r2" somsri "$TC_TMP/sw" case list --format tsv
n=$(wc -l <"$TC_TMP/out")
[ "$n" = 1 ] && tc_pass "her list holds only her own cases: none" || tc_fail "$n lines listed"
tc_check "the administrator opens her copy" 0 on "$TC_TMP/r2" case list
tc_has "with the cases" out "สมหญิง ทดสอบพิเศษ"

# ---- refusals, in Thai ----------------------------------------------------------
tc_env=LANGUAGE=th
tc_check "into the store itself" 1 on "$d" restore "$b"
tc_has "already holds a store" err "มีที่เก็บข้อมูล tipcase อยู่แล้ว"
mkdir "$TC_TMP/busy" && echo keep >"$TC_TMP/busy/notes.txt"
tc_check "into a folder with a file" 1 on "$TC_TMP/busy" restore "$b"
tc_has "not empty" err "โฟลเดอร์นี้ไม่ว่าง"
if [ "$(ls "$TC_TMP/busy")" = notes.txt ]; then tc_pass "the folder is as it was"; else
    tc_fail "the folder changed"; fi
tc_check "a wrong passphrase" 1 tc_as "$TC_TMP/r3" admin "$TC_TMP/wrong" restore "$b"
tc_has "wrong passphrase" err "รหัสผ่านไม่ถูกต้อง"
if [ -e "$TC_TMP/r3" ]; then tc_fail "a wrong passphrase made the folder"; else
    tc_pass "a wrong passphrase makes nothing"; fi
# The byte 100 from the end flipped: inside the last sealed chunk.
size=$(stat -c %s "$b")
cp "$b" "$TC_TMP/bad.tcbackup"
printf '\377' | dd of="$TC_TMP/bad.tcbackup" bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null
tc_check "a damaged backup" 1 on "$TC_TMP/r3" restore "$TC_TMP/bad.tcbackup"
tc_has "damaged" err "ไฟล์สำรองข้อมูลเสียหาย"
if [ -e "$TC_TMP/r3" ]; then tc_fail "a damaged backup left a folder"; else
    tc_pass "a damaged backup leaves nothing"; fi
head -c $((size / 2)) "$b" >"$TC_TMP/cut.tcbackup"
tc_check "a cut backup" 1 on "$TC_TMP/r3" restore "$TC_TMP/cut.tcbackup"
tc_has "damaged too" err "ไฟล์สำรองข้อมูลเสียหาย"
tc_check "not a backup" 1 on "$TC_TMP/r3" restore "$TC_TMP/p"
tc_has "says so" err "ไม่ใช่ไฟล์สำรองข้อมูลของ tipcase"
tc_check "a backup over a file that is not one" 1 tc backup "$TC_TMP/p"
tc_has "not replaced" err "จึงไม่ได้เขียนทับ"
tc_env=

# ---- progress at a terminal --------------------------------------------------------
tc_start bk 80 24 "$T" --data-dir "$d" --user admin backup "$TC_TMP/second.tcbackup"
tc_expect "Passphrase" "asks the passphrase"
tc_type "$pass"
tc_keys Enter
tc_expect "Backing up: 100%" "progress at a terminal"
tc_expect "written to" "then says where"
tc_stop bk

tc_check "the store still checks" 0 tc check
tc_summary
