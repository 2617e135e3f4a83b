#!/bin/sh
# check_valgrind.sh - run test programs under valgrind for
# `make check-valgrind` (Makefile.am).
#
#   VALGRIND='valgrind FLAGS...' check_valgrind.sh PROGRAM...
#
# Each program runs in turn; its own output and valgrind's report go to
# tests/valgrind/NAME.log, and one line says how it went:
#   test_x: valgrind clean (test_x: 12 passed, 0 failed)
#   test_x: valgrind FAILED, exit 1: see tests/valgrind/test_x.log
# Exits non-zero when any program failed its tests or valgrind found an
# error (VALGRIND must hold --error-exitcode=1).  POSIX sh.
set -u
: "${VALGRIND:?VALGRIND must name valgrind and its flags}"
mkdir -p tests/valgrind || exit 1
failed=0 clean=0
for prog in "$@"; do
    name=$(basename "$prog")
    log=tests/valgrind/$name.log
    $VALGRIND ./"$prog" >"$log" 2>&1
    rc=$?
    result=$(sed -n 's/^\(.*: [0-9][0-9]* passed, [0-9][0-9]* failed\).*/\1/p' "$log" | tail -n 1)
    if [ "$rc" = 0 ]; then
        clean=$((clean + 1))
        echo "$name: valgrind clean ($result)"
    else
        failed=$((failed + 1))
        echo "$name: valgrind FAILED, exit $rc ($result): see $log"
        grep -E '^==[0-9]+== +(Invalid|Conditional|Use of|Syscall|Mismatched|Source and|[0-9,]+ bytes .*(definitely|indirectly) lost|at 0x|by 0x)' \
            "$log" | head -n 12
    fi
done
echo "check-valgrind: $clean programs clean, $failed failed"
[ "$failed" = 0 ]
