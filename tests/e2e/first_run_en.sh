#!/bin/sh
# End to end at 80x24, in English: first run, create a case, quit, reopen,
# see it.  Reads the screen as an officer would.
TC_NAME=first_run_en
. "$top_srcdir/tests/e2e/lib.sh"

unset LANGUAGE LC_ALL TIPCASE_LOCALEDIR
LANG=C.UTF-8
NO_COLOR=1
export LANG NO_COLOR
d=$TC_TMP/store
pass='correct horse battery staple'

tc_start run1 80 24 "$TIPCASE" --data-dir "$d"
tc_expect "First run: create the store" "the wizard greets a new officer"
tc_type "officer1"; tc_keys Tab
tc_type "Somchai Jaidee"; tc_keys Tab
tc_type "too short"; tc_keys Tab
tc_type "too short"; tc_keys Enter
tc_expect "at least 10 characters" "a short passphrase is refused with the reason"
tc_keys C-u; tc_type "$pass"; tc_keys Tab
tc_type "$pass different"; tc_keys Enter
tc_expect "do not match" "two different passphrases are refused"
tc_keys C-u; tc_type "$pass"; tc_keys Enter
tc_expect "No cases yet" "an empty list says what to do next"
tc_expect "Somchai Jaidee" "the title names the officer"
tc_expect "? Help" "the key line shows help"

tc_keys "?"
tc_expect "Help: Cases" "? opens help drawn from the key table"
tc_expect "New case"
tc_keys Escape

tc_keys n
tc_expect "New case" "n opens a new case form"
tc_type "สมหญิง ทดสอบ"; tc_keys Tab Tab
tc_type "Somying Thotsob"; tc_keys Tab Tab
tc_keys Right                # sex: Female
tc_keys Tab
tc_type "31/02/2560"; tc_keys F10
tc_expect "does not exist" "an impossible date is refused and the form kept"
tc_expect "Somying Thotsob" "what was typed is still there"
tc_keys C-u; tc_type "15/06/2010"; tc_keys Tab Tab
tc_type "Myanmar"; tc_keys F10
tc_expect "Saved case" "the case is saved"
tc_expect "CHILD" "a 16-year-old is flagged as a child"
tc_keys Escape
tc_expect "สมหญิง ทดสอบ" "the list shows the new case by its Thai name"
tc_expect "child" "the list shows the child flag"

tc_keys /
tc_type "thotsob"
tc_expect "1 found" "search by a Latin fragment finds the case"
tc_keys Escape
tc_keys q
# Under make check with ASan, tmux does not always learn the exit status of
# the pane's program, so this checks that it ended, not how.
tc_wait_exit 10 >/dev/null && tc_pass "q quits the program"
tc_expect_not "สมหญิง" "the screen is cleared at exit"
tc_stop

tc_start run2 80 24 "$TIPCASE" --data-dir "$d"
tc_expect "Unlock" "the second start asks to unlock"
tc_type "officer1"; tc_keys Tab
tc_type "wrong passphrase!"; tc_keys Enter
tc_expect "Wrong officer name or passphrase" "a wrong passphrase is told as such"
tc_type "$pass"; tc_keys Enter
tc_expect "สมหญิง" "the case is there after reopening"
tc_keys F12
tc_expect "Locked" "F12 locks the screen"
tc_expect_not "สมหญิง" "a locked screen shows no case"
tc_type "$pass"; tc_keys Enter
tc_expect "สมหญิง" "unlocking shows the list again"
tc_keys q
tc_wait_exit 10 >/dev/null
tc_summary
