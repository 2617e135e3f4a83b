#!/bin/sh
# End to end at 80x24, in Thai (issue 8, tamper and misuse):
#
# 1. A damaged store: the unlock screen says in Thai that the store is
#    damaged and what to do, keeps the screen whole, and Esc ends the
#    program cleanly (exit 0), with the database left as it was.
# 2. Hostile text: a store whose names and notes hold escape sequences
#    (clear screen, OSC 52 clipboard, OSC 0 title, colours), C1 controls,
#    invalid UTF-8, bidi overrides, zero-width joiners, orphan Thai marks
#    and a 10,000-character name -- written past validation by
#    "test_tamper --plant", as a tampered or imported database could hold
#    them.  The list and every case view keep their title on the first row
#    and their key line on the last, the screen is never cleared, the
#    window title and tmux's paste buffers stay untouched.
# 3. The guessing delay: after three wrong passphrases the unlock screen
#    says in Thai how long it waits.
TC_NAME=tamper_th
. "$top_srcdir/tests/e2e/lib.sh"

tc_thai_setup 2026-11-21T03:00:00Z

# Row N (1-based) of the current screen.
row() {
    tc_screen | sed -n "$1p"
}

# The exit status of the current session's program once it has ended (a
# signal that ended it reads as 128 + its number).
exit_status() {
    tc_wait_exit 10
}

# The title on row 1 and the key line on row 24, as every screen has them.
frame_intact() {
    _what=$1 _keys=$2
    tc_settle
    case $(row 1) in
    " tipcase ·"*) tc_pass "$_what: the title is on the first row" ;;
    *) tc_fail "$_what: the first row is not the title"; tc_show_screen ;;
    esac
    case $(row 24) in
    *"$_keys"*) tc_pass "$_what: the key line is on the last row" ;;
    *) tc_fail "$_what: the last row is not the key line"; tc_show_screen ;;
    esac
}

# unlock NAME DIR WHAT: tipcase on the store in DIR (session NAME), its
# unlock screen seen (WHAT), the administrator's login and passphrase typed.
unlock() {
    tc_start "$1" 80 24 "$T" --data-dir "$2"
    tc_expect "ปลดล็อก" "$3"
    tc_type admin; tc_keys Tab; tc_type "$pass"; tc_keys Enter
}

# ---- 1. a damaged store ----------------------------------------------------------
if tc_admin_store "$d" "สมชาย ใจดี" --name "มะลิ ใจงาม" --sex female --age 24; then
    tc_pass "a store to damage"
else
    tc_fail "could not make a store"
    tc_summary
fi
# 64 zero bytes into the first page: its HMAC no longer matches.
dd if=/dev/zero of="$d/cases.db" bs=1 seek=1000 count=64 conv=notrunc 2>/dev/null
sum_before=$(cksum <"$d/cases.db")

unlock dmg "$d" "the unlock screen"
tc_expect "ที่เก็บข้อมูลเสียหาย" "a damaged store is said to be damaged, in Thai"
tc_expect "tipcase check" "and what to do about it"
tc_expect "ปลดล็อก" "the unlock screen stays whole"
tc_keys Escape
status=$(exit_status)
if [ "$status" = 0 ]; then tc_pass "Esc ends the program cleanly (exit 0)"; else
    tc_fail "Esc after the damage message: exit '$status'"; fi
tc_stop
if [ "$(cksum <"$d/cases.db")" = "$sum_before" ]; then
    tc_pass "the damaged database was not written"
else
    tc_fail "the damaged database was written"
fi
tc_check "tipcase check says the store is damaged" 1 tc check
tc_has "and, in Thai, to restore the latest backup" err "tipcase restore"
tc_has "in Thai" err "ที่เก็บข้อมูลเสียหายและเปิดไม่ได้"

# ---- 2. hostile text ------------------------------------------------------------
h=$TC_TMP/hostile
if "$top_builddir/tests/test_tamper" --plant "$h"; then
    tc_pass "a store with hostile names and notes"
else
    tc_fail "test_tamper --plant failed"
    tc_summary
fi
unlock hostile "$h" "the unlock screen of the hostile store"
tc_expect "6 กรณี" "the six hostile cases are listed"
frame_intact "the list" "q ออก"
tc_expect "กิกิกิ" "the 10,000-character name is cut to its column"
tc_expect "�[2J" "an escape in a name shows as a visible mark, not acted on"
n=1
while [ $n -le 6 ]; do
    tc_keys Enter
    tc_wait_for "Esc กลับ" 5
    frame_intact "case $n" "Esc กลับ"
    tc_keys 6                   # the notes tab: long and hostile notes
    frame_intact "case $n, notes" "Esc กลับ"
    tc_keys Escape
    tc_wait_for "q ออก" 5
    tc_keys Down
    n=$((n + 1))
done
frame_intact "the list after every case" "q ออก"
title=$(tc_tmux display-message -p -t "$TC_CUR" '#{pane_title}')
case $title in
*pwned*) tc_fail "an OSC 0 in a name set the window title" ;;
*) tc_pass "the window title is untouched" ;;
esac
if [ -z "$(tc_tmux list-buffers 2>/dev/null)" ]; then
    tc_pass "no OSC 52 reached the clipboard (tmux buffers empty)"
else
    tc_fail "tmux holds a paste buffer: $(tc_tmux list-buffers)"
fi
tc_keys q
status=$(exit_status)
[ "$status" = 0 ] && tc_pass "quits cleanly after the hostile store" ||
    { tc_fail "quit after the hostile store: exit '$status'"; tc_show_screen; }
tc_stop

# ---- 3. the guessing delay -----------------------------------------------------------
printf '%s\n' 'not the passphrase' >"$TC_TMP/wrong"
for i in 1 2 3; do
    tc_as "$h" admin "$TC_TMP/wrong" case list >/dev/null 2>&1
done
unlock delay "$h" "the unlock screen after three wrong passphrases"
tc_expect "กรุณารอ 1 วินาที" "it says, in Thai, how long it waits"
tc_expect "6 กรณี" "then the right passphrase opens the store"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_stop
tc_check "a right passphrase cleared the count: no wait" 0 tc_as "$h" admin "$TC_TMP/p" case list
tc_hasnt "and nothing said about waiting" err "รอ"

tc_summary
