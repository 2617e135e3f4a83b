#!/bin/sh
# End to end, in Thai (issue 8): after a full session nothing identifying is
# left outside the encrypted store.  A first run in the Thai screens makes
# the store in the default place under a fresh HOME (with TMPDIR a fresh
# folder too), records a case with a distinctive Thai name and a distinctive
# Latin name and a note that repeats it, starts a screening and answers a
# few questions, and quits.  A report is written to a file (the officer's
# own export: it must be 0600 and, being figures, name nobody).  Then
# neither name may be found, as bytes, in any file of the data folder (-wal
# and -shm included, if left), of TMPDIR, of HOME, nor in the terminal: the
# screen left after exit and tmux's whole scroll-back history (the program
# draws on the alternate screen and clears it when it ends).
TC_NAME=noleak_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_setup 2026-11-21T03:00:00Z
thai_name="ทองสุขพิเศษทดสอบ"
latin_name="Qzxwvy Plokmn"
home=$TC_TMP/home
tmp=$TC_TMP/tmpdir
mkdir -p "$home" "$tmp" "$TC_TMP/export"
data=$home/.local/share/tipcase
# Keep a scroll-back, so that "nothing in the history" means something.
sed 's/history-limit 0/history-limit 5000/' "$TC_TMP/tmux.conf" >"$TC_TMP/tmux.conf.new" &&
    mv "$TC_TMP/tmux.conf.new" "$TC_TMP/tmux.conf"

# The exit status of the current session's program once it has ended (a
# signal that ended it reads as 128 + its number).
exit_status() {
    tc_wait_exit 10
}

# tipcase as a user whose HOME and TMPDIR are the fresh folders.
as_user() {
    env -u XDG_DATA_HOME HOME="$home" TMPDIR="$tmp" "$@"
}

tc_start s 80 24 env -u XDG_DATA_HOME HOME="$home" TMPDIR="$tmp" "$T"
tc_expect "เริ่มใช้งานครั้งแรก" "the first run, in Thai"
tc_type "officer.th"; tc_keys Tab; tc_type "สมชาย ใจดี"; tc_keys Tab
tc_type "$pass"; tc_keys Tab; tc_type "$pass"; tc_keys Enter
tc_expect "ยังไม่มีกรณี" "the store is made"

tc_keys n
tc_expect "กรณีใหม่" "the new case form"
tc_type "$thai_name"; tc_keys Tab Tab
tc_type "$latin_name"
i=0
while [ $i -lt 10 ]; do tc_keys Tab; i=$((i + 1)); done     # to the notes
tc_type "นัดพบที่ท่าเรือ $latin_name $thai_name"
tc_keys F10
tc_expect "บันทึกกรณี" "the case is saved"
tc_expect "$latin_name" "with its Latin name"

tc_keys 4
tc_expect "ยังไม่มีการคัดกรอง" "the screenings tab"
tc_keys n
tc_expect "เลือกแบบคัดกรอง" "choose a screening form"
tc_keys Enter
tc_expect "ข้อมูลการสัมภาษณ์" "the interview form"
tc_keys Tab; tc_type "ด่านตรวจคนเข้าเมืองแม่สอด"
tc_keys F10
tc_expect "ห้ามสัมภาษณ์" "consent is asked"
tc_keys Right F10
tc_expect "คำถามข้อที่ 1" "the first question"
tc_keys n
tc_expect "คำถามข้อที่ 2" "answered"
tc_keys y
tc_expect "คำถามข้อที่ 3" "answered again"
tc_keys Escape
tc_wait_for "Esc กลับ" 5
tc_keys Escape
tc_expect "$thai_name" "back in the list"
tc_keys q
status=$(exit_status)
[ "$status" = 0 ] && tc_pass "the session ends cleanly" || tc_fail "exit '$status'"

# The officer's own export: a report to a file.
tc_check "a report written to a file" 0 as_user "$T" --user officer.th --passphrase-fd 3 \
    report --output "$TC_TMP/export/report.txt" 3<"$TC_TMP/p"
tc_mode "the report file is the officer's alone (0600)" "$TC_TMP/export/report.txt" 600
tc_hasnt "the report names nobody (Thai)" export/report.txt "$thai_name"
tc_hasnt "the report names nobody (Latin)" export/report.txt "$latin_name"

# ---- where a name could have been left -----------------------------------------
tc_mode "the data folder is the officer's alone (0700)" "$data" 700
tc_mode "the database is 0600" "$data/cases.db" 600
tc_mode "the key slots are 0600" "$data/keyslots" 600

# A file under $1 holding either name, as bytes, or nothing.
name_in() {
    LC_ALL=C grep -r -l -a -F -e "$thai_name" -e "$latin_name" -e "Qzxwvy" "$1" 2>/dev/null
}
for where in "$data" "$tmp" "$home"; do
    found=$(name_in "$where")
    if [ -z "$found" ]; then
        tc_pass "no name in any file under ${where#"$TC_TMP"/}"
    else
        tc_fail "a name is in: $found"
    fi
done
echo "files left: $(find "$home" "$tmp" -type f | sed "s|$TC_TMP/||" | tr '\n' ' ')"
if [ -z "$(find "$tmp" -mindepth 1)" ]; then tc_pass "TMPDIR is left empty"; else
    tc_fail "TMPDIR holds: $(find "$tmp" -mindepth 1)"; fi

tc_tmux capture-pane -p -t "$TC_CUR" >"$TC_TMP/after_exit"
tc_tmux capture-pane -p -S - -t "$TC_CUR" >"$TC_TMP/history"
tc_hasnt "the screen after exit shows no Thai name" after_exit "$thai_name"
tc_hasnt "the screen after exit shows no Latin name" after_exit "Qzxwvy"
tc_hasnt "the terminal's history holds no Thai name" history "$thai_name"
tc_hasnt "the terminal's history holds no Latin name" history "Qzxwvy"
tc_stop

# The same store still opens, with the case in it: the names are there,
# encrypted, not gone.
tc_check "the case is in the store" 0 as_user "$T" --user officer.th --passphrase-fd 3 \
    case list --search Qzxwvy 3<"$TC_TMP/p"
tc_has "found by its Latin name" out "$thai_name"
tc_summary
