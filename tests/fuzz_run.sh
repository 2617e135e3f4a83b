#!/bin/sh
# fuzz_run.sh - run one libFuzzer target of `make fuzz` (Makefile.am) for a
# fixed time and write its result where ./setup check adds it up.
#
#   fuzz_run.sh NAME SECONDS SRCDIR
#
# Runs tests/fuzz/fuzz_NAME in the build directory for SECONDS from the
# committed seeds (SRCDIR/tests/fuzz-corpus/NAME/), keeping what it finds
# in tests/fuzz/corpus/NAME/.  Its whole output goes to tests/fuzz/NAME.out;
# tests/fuzz/NAME.log gets one line
#   fuzz_NAME: 1 passed, 0 failed (EXECS executions in S s, R/s)
# (0 passed, 1 failed on a crash, a leak, a timeout or running out of
# memory, whose input is left as tests/fuzz/NAME-crash-*, -leak-*, ...).
# Exits non-zero on failure.  POSIX sh.
set -u
name=$1 seconds=$2 srcdir=$3
bin=tests/fuzz/fuzz_$name
out=tests/fuzz/$name.out
log=tests/fuzz/$name.log
mkdir -p "tests/fuzz/corpus/$name" || exit 1
rm -f "$log"
seeds="$srcdir/tests/fuzz-corpus/$name"

start=$(date +%s)
# -rss_limit_mb: a parser that needs more than this for one input is a bug;
# -timeout: so is one that takes seconds over one input.
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="tests/fuzz/$name-" "tests/fuzz/corpus/$name" "$seeds" \
    >"$out" 2>&1
rc=$?
end=$(date +%s)

runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$out" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *\([0-9]*\).*/\1/p' "$out" | tail -n 1)
stats="(${runs:-?} executions in $((end - start)) s, ${rate:-?}/s)"
if [ "$rc" = 0 ]; then
    echo "fuzz_$name: 1 passed, 0 failed $stats" | tee "$log"
else
    # The report: what was found and where its input is.
    grep -E '^==[0-9]+==|^SUMMARY|^artifact_prefix|Test unit written|runtime error' "$out" | head -n 20
    echo "fuzz_$name: 0 passed, 1 failed $stats, exit $rc: see $out" | tee "$log"
fi
exit "$rc"
