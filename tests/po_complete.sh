#!/bin/sh
# po_complete.sh - every user-visible string ships with its Thai translation.
#
# Fails when po/th.po
#   - is missing or does not pass "msgfmt -c",
#   - has an untranslated or a fuzzy entry,
#   - does not say "Language: th" in its header (i18n_is_thai() reads it),
#   - lacks a msgid that xgettext finds in the files of po/POTFILES.in
#     (keywords _ and N_), i.e. a string was added without its Thai.
# Prints what is wrong, then "po_complete: N passed, N failed" as its last
# line; exits 0 or 1, or 77 (skipped) when msgfmt is not installed.
#
# make check exports top_srcdir and MSGFMT; run by hand it finds both.
# POSIX sh only.

name=po_complete
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
po=$srcdir/po/th.po
potfiles=$srcdir/po/POTFILES.in

# configure sets MSGFMT to ":" when it found none.
case ${MSGFMT:-} in
    '' | :) MSGFMT=msgfmt ;;
esac
if ! command -v "$MSGFMT" >/dev/null 2>&1; then
    echo "$name: msgfmt not found, skipping"
    exit 77
fi
# xgettext and msgcmp come with msgfmt: look next to it first.
case $MSGFMT in
    */*) tooldir=$(dirname "$MSGFMT")/ ;;
    *) tooldir= ;;
esac
tool() {
    if [ -n "$tooldir" ] && [ -x "$tooldir$1" ]; then echo "$tooldir$1"; else echo "$1"; fi
}
XGETTEXT=${XGETTEXT:-$(tool xgettext)}
MSGCMP=${MSGCMP:-$(tool msgcmp)}
MSGATTRIB=$(tool msgattrib)

# The gettext tools' own messages, parsed below, must be in English.
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "$name: FAIL: $*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/po_complete.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

summary() {
    echo "$name: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# Prints the msgids of the entries msgattrib selects with option $1.
list_entries() {
    command -v "$MSGATTRIB" >/dev/null 2>&1 || return 0
    "$MSGATTRIB" "$1" --no-obsolete --no-wrap "$po" 2>/dev/null |
        sed -n 's/^msgid "\(..*\)"$/    \1/p'
}

if [ ! -f "$po" ]; then
    fail "$po does not exist"
    summary
fi
pass

# 1. msgfmt -c accepts it; count translated, fuzzy and untranslated.
if "$MSGFMT" -c --statistics -o /dev/null "$po" >"$tmp/stats" 2>&1; then
    pass
else
    fail "msgfmt -c rejects th.po:"
    sed 's/^/    /' "$tmp/stats"
fi
stats=$(grep 'translated message' "$tmp/stats" | tail -n 1)
untranslated=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p')

# 2. nothing untranslated
if [ -z "$untranslated" ]; then
    pass
else
    fail "$untranslated untranslated entries in th.po:"
    list_entries --untranslated
fi

# 3. nothing fuzzy
if [ -z "$fuzzy" ]; then
    pass
else
    fail "$fuzzy fuzzy entries in th.po (review them and remove the fuzzy flag):"
    list_entries --only-fuzzy
fi

# 4. the header names the language
if grep -q '^"Language: th\\n"$' "$po"; then
    pass
else
    fail 'th.po header has no "Language: th" line'
fi

# 5. every file in POTFILES.in exists and xgettext reads them
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" >"$tmp/files"
missing=
while read -r f; do
    [ -f "$srcdir/$f" ] || missing="$missing $f"
done <"$tmp/files"
if [ -n "$missing" ]; then
    fail "files listed in po/POTFILES.in do not exist:$missing"
    summary
fi
if "$XGETTEXT" --from-code=UTF-8 --keyword=_ --keyword=N_ --force-po --no-wrap \
    -D "$srcdir" -f "$tmp/files" -o "$tmp/tipcase.pot" 2>"$tmp/xgettext.err"; then
    pass
else
    fail "xgettext could not read the sources:"
    sed 's/^/    /' "$tmp/xgettext.err"
    summary
fi

# 6. every msgid in the sources is in th.po (untranslated and fuzzy ones
#    were counted above, so here only absent ones fail)
"$MSGCMP" --use-untranslated --use-fuzzy "$po" "$tmp/tipcase.pot" >"$tmp/cmp" 2>&1
absent=$(grep -c 'used but not defined' "$tmp/cmp")
if [ "$absent" -eq 0 ] && ! grep -q 'msgcmp: ' "$tmp/cmp"; then
    pass
else
    fail "$absent msgids in the sources are not in th.po (add their Thai):"
    # msgcmp names the msgstr line of each entry: show the msgid above it
    grep 'used but not defined' "$tmp/cmp" | sed -n 's/^[^:]*:\([0-9][0-9]*\):.*/\1/p' |
        while read -r line; do
            awk -v n="$line" '/^msgid / { id = $0 } NR == n { print "    " id; exit }' \
                "$tmp/tipcase.pot"
        done
    grep -v 'used but not defined' "$tmp/cmp" | grep 'msgcmp: ' | sed 's/^/    /'
fi

summary
