# lib.sh - end-to-end test helpers: drive the real tipcase binary in a
# detached tmux session, type like a user, and check what a user would see.
#
# Sourced (". "$top_srcdir/tests/e2e/lib.sh") by the scripts in tests/e2e/,
# which make runs with TIPCASE (the built binary), TMUX_BIN, top_srcdir and
# top_builddir exported.  POSIX sh only.
#
#   tc_start NAME COLS ROWS CMD...  start CMD in a COLS x ROWS session NAME
#                                   (it becomes the current session)
#   tc_use NAME                     make another started session current
#   tc_keys KEY...                  tmux key names: Enter Escape Tab Up C-l F1 ...
#   tc_type TEXT                    type TEXT literally (Thai included)
#   tc_screen                       print the current screen
#   tc_wait_for TEXT [SECONDS]      wait (default 10 s) until the screen shows
#                                   TEXT; on timeout print the screen, count a
#                                   failure and return 1
#   tc_expect TEXT [WHAT]           like tc_wait_for, counted as a pass/fail
#   tc_expect_not TEXT [WHAT]       once the screen has settled, TEXT is absent
#   tc_wait_exit [SECONDS]          wait for CMD to end; prints its exit status
#   tc_stop [NAME]                  end a session (default: the current one)
#   tc_pass WHAT / tc_fail WHAT     count a check by hand
#   tc_summary                      print "NAME: N passed, N failed", stop every
#                                   session, exit 0 (all passed) or 1
#
# Each session has its own tmux server on a private socket inside a temp
# directory (TMUX_TMPDIR), started with no user configuration, so tests
# never touch a tmux the developer is running and can run in parallel.
# The program sees LANG, LANGUAGE, LC_ALL, TIPCASE_LOCALEDIR and NO_COLOR
# exactly as the script set them, and TERM=xterm-256color.
# A script without tmux exits 77, which make check reports as skipped.

TC_NAME=${TC_NAME:-$(basename "$0" .sh)}
TC_TMUX=${TMUX_BIN:-tmux}
if ! command -v "$TC_TMUX" >/dev/null 2>&1; then
    echo "$TC_NAME: tmux not found, skipping"
    exit 77
fi

tc_passed=0
tc_failed=0
TC_CUR=
TC_SESSIONS=
TC_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tc-e2e.XXXXXX") || exit 99
# The sockets live here; a test must not inherit the developer's server.
TMUX_TMPDIR=$TC_TMP
export TMUX_TMPDIR
unset TMUX
# remain-on-exit keeps the last screen and the exit status readable after
# the program ends; a status line would take a row from the program.
cat >"$TC_TMP/tmux.conf" <<'EOF'
set-option -g status off
set-option -g remain-on-exit on
set-option -g history-limit 0
EOF

# The Thai catalogue compiled from po/th.po as it is in the source (a built
# th.gmo can lag behind it), in a private locale directory named by
# TIPCASE_LOCALEDIR, so no test depends on an installed tipcase.
tc_thai_catalogue() {
    mkdir -p "$TC_TMP/locale/th/LC_MESSAGES"
    case ${MSGFMT:-} in '' | :) tc_msgfmt=msgfmt ;; *) tc_msgfmt=$MSGFMT ;; esac
    if ! "$tc_msgfmt" -o "$TC_TMP/locale/th/LC_MESSAGES/tipcase.mo" "$top_srcdir/po/th.po"; then
        tc_fail "po/th.po does not compile"
        tc_summary
    fi
    TIPCASE_LOCALEDIR=$TC_TMP/locale
    export TIPCASE_LOCALEDIR
}

# tc_thai_catalogue_pending: tc_thai_catalogue, with the Thai not yet merged
# into po/th.po (po/pending/*.po) compiled in too, so new screens are
# checked in Thai before the merge (th.po wins a tie).
tc_thai_catalogue_pending() {
    tc_thai_catalogue
    ls "$top_srcdir"/po/pending/*.po >/dev/null 2>&1 || return 0
    tc_msgdir=$(dirname "$(command -v "$tc_msgfmt")")
    cat "$top_srcdir/po/th.po" "$top_srcdir"/po/pending/*.po >"$TC_TMP/all.po"
    if ! "$tc_msgdir/msguniq" --use-first -o "$TC_TMP/th.po" "$TC_TMP/all.po" ||
       ! "$tc_msgfmt" -o "$TC_TMP/locale/th/LC_MESSAGES/tipcase.mo" "$TC_TMP/th.po"; then
        tc_fail "the pending Thai does not compile"
        tc_summary
    fi
}

# ---- a script's set-up ---------------------------------------------------------

# tc_cli_setup NOW [CATALOGUE]: what a command-line script sets first:
# C.UTF-8 with neither LANGUAGE nor LC_ALL (English until tc_env says
# LANGUAGE=th), the Thai catalogue (CATALOGUE: tc_thai_catalogue_pending,
# the default, or tc_thai_catalogue), TIPCASE_NOW=NOW, and the names of
# tc_setup_names.
tc_cli_setup() {
    unset LANGUAGE LC_ALL
    LANG=C.UTF-8
    export LANG
    ${2:-tc_thai_catalogue_pending}
    tc_setup_names "$1"
}

# tc_thai_setup NOW [CATALOGUE]: the same for a script that drives the
# screens in Thai: LANGUAGE=th, neither LC_ALL nor NO_COLOR, every setting
# exported (tc_start passes them on).
tc_thai_setup() {
    ${2:-tc_thai_catalogue_pending}
    unset LC_ALL NO_COLOR
    LANG=C.UTF-8
    LANGUAGE=th
    export LANG LANGUAGE TIPCASE_LOCALEDIR
    tc_setup_names "$1"
}

# tc_setup_names NOW: TIPCASE_NOW=NOW (exported) and
#   T       the program ($TIPCASE)
#   d       the store's data directory, $TC_TMP/store (not made yet)
#   pass    the administrator's passphrase, also $TC_TMP/p (one line)
#   tc_env  empty: one VAR=value (LANGUAGE=th) for the tc and on commands
#           that follow, until it is emptied again
tc_setup_names() {
    TIPCASE_NOW=$1
    export TIPCASE_NOW
    T=$TIPCASE
    d=$TC_TMP/store
    pass='correct horse battery staple'
    printf '%s\n' "$pass" >"$TC_TMP/p"
    tc_env=
}

# tc_as DIR USER PASSFILE ARGS...: tipcase on the store in DIR as USER, the
# passphrase read from PASSFILE on fd 3, with $tc_env in its environment.
tc_as() {
    _tc_as_dir=$1 _tc_as_user=$2 _tc_as_pass=$3
    shift 3
    # shellcheck disable=SC2086 # tc_env is one word or none
    env $tc_env "$TIPCASE" --data-dir "$_tc_as_dir" --user "$_tc_as_user" --passphrase-fd 3 \
        "$@" 3<"$_tc_as_pass"
}

# tc ARGS...: tipcase as the administrator on $d.
tc() {
    tc_as "$d" admin "$TC_TMP/p" "$@"
}

# on DIR ARGS...: tipcase as the administrator of the store in DIR.
on() {
    _tc_on_dir=$1
    shift
    tc_as "$_tc_on_dir" admin "$TC_TMP/p" "$@"
}

# tc_admin_store DIR NAME [CASE-ADD-ARGS...]: a new store in DIR made the
# way a script makes one, its administrator "admin" named NAME with the
# passphrase in $TC_TMP/p; with more arguments, one case added with them
# and its reference in $TC_TMP/ref.  Fails when a step fails.
tc_admin_store() {
    tc_dir=$1 tc_name=$2
    shift 2
    "$TIPCASE" --data-dir "$tc_dir" --user admin --passphrase-fd 3 init --name "$tc_name" \
        3<"$TC_TMP/p" >/dev/null 2>&1 || return 1
    [ $# -eq 0 ] && return 0
    "$TIPCASE" --data-dir "$tc_dir" --user admin --passphrase-fd 3 case add "$@" \
        3<"$TC_TMP/p" >"$TC_TMP/ref"
}

# tc_store_with_case NAME CASE-ADD-ARGS...: tc_admin_store on $d with one
# case, passed as "a store and a case to work on"; when it fails, the
# script stops there (tc_summary).
tc_store_with_case() {
    if tc_admin_store "$d" "$@"; then
        tc_pass "a store and a case to work on"
    else
        tc_fail "could not make a store and a case"
        tc_summary
    fi
}

# tc_social_worker_files: the passphrases for a social worker "somsri" on
# $d: $TC_TMP/p2 holds the administrator's then hers (for user add, which
# asks both), $TC_TMP/sw hers alone (for sw).
tc_social_worker_files() {
    printf '%s\nsocial worker pass\n' "$pass" >"$TC_TMP/p2"
    printf 'social worker pass\n' >"$TC_TMP/sw"
}

# tc_add_social_worker NAME: the administrator adds "somsri", a social
# worker named NAME, with the passphrases of tc_social_worker_files.
tc_add_social_worker() {
    tc_as "$d" admin "$TC_TMP/p2" user add somsri --name "$1" --role social_worker
}

# sw ARGS...: tipcase on $d as the social worker "somsri".
sw() {
    tc_as "$d" somsri "$TC_TMP/sw" "$@"
}

# ---- command-line tests -------------------------------------------------------

# tc_check WHAT EXPECTED-STATUS COMMAND...: run COMMAND with its output in
# $TC_TMP/out and $TC_TMP/err; pass when it exits with EXPECTED-STATUS,
# else show both.  A passphrase on fd 3 is the caller's redirection.
tc_check() {
    tc_what=$1 tc_want=$2
    shift 2
    "$@" >"$TC_TMP/out" 2>"$TC_TMP/err"
    tc_got=$?
    if [ "$tc_got" = "$tc_want" ]; then
        tc_pass "$tc_what (exit $tc_got)"
    else
        tc_fail "$tc_what: exit $tc_got, wanted $tc_want"
        sed 's/^/  out: /' "$TC_TMP/out"
        sed 's/^/  err: /' "$TC_TMP/err"
    fi
}

# tc_mode WHAT PATH MODE: PATH is there with the permission bits MODE (600
# for a file only its officer may read, 700 for a folder).
tc_mode() {
    _tc_mode=$(stat -c %a "$2" 2>/dev/null)
    if [ "$_tc_mode" = "$3" ]; then tc_pass "$1"; else
        tc_fail "$1: mode '$_tc_mode', wanted $3"; fi
}

# tc_has WHAT FILE TEXT / tc_hasnt WHAT FILE TEXT: FILE (out, err, or any
# file under $TC_TMP) does or does not contain TEXT.
tc_has() {
    if grep -q -- "$3" "$TC_TMP/$2"; then tc_pass "$1"; else
        tc_fail "$1: no \"$3\" in $2"; sed 's/^/  | /' "$TC_TMP/$2"; fi
}
tc_hasnt() {
    if grep -q -- "$3" "$TC_TMP/$2"; then
        tc_fail "$1: \"$3\" in $2"; sed 's/^/  | /' "$TC_TMP/$2"; else tc_pass "$1"; fi
}

# tmux for session $1 (its private socket), -u so that Thai passes as UTF-8
# whatever the locale of the script.
tc_tmux_on() {
    _tc_sock=$1
    shift
    "$TC_TMUX" -u -f "$TC_TMP/tmux.conf" -L "tc-$_tc_sock" "$@"
}

tc_tmux() {
    tc_tmux_on "$TC_CUR" "$@"
}

tc_pass() {
    tc_passed=$((tc_passed + 1))
    echo "ok - $*"
}

tc_fail() {
    tc_failed=$((tc_failed + 1))
    echo "FAIL - $*"
}

tc_cleanup() {
    for _tc_s in $TC_SESSIONS; do
        tc_tmux_on "$_tc_s" kill-server >/dev/null 2>&1
    done
    TC_SESSIONS=
    rm -rf "$TC_TMP"
}
trap tc_cleanup EXIT
trap 'tc_cleanup; exit 130' INT TERM

# Sleep a tenth of a second where sleep allows fractions (GNU, busybox).
tc_nap() {
    sleep 0.1 2>/dev/null || sleep 1
}

tc_start() {
    if [ $# -lt 4 ]; then
        echo "tc_start: usage: tc_start NAME COLS ROWS CMD..." >&2
        return 2
    fi
    _tc_name=$1 _tc_cols=$2 _tc_rows=$3
    shift 3
    # Pass exactly the language settings the script chose; unset ones
    # stay unset so the program falls back as it would for a user.  env
    # wants every -u before the first assignment, hence two passes.
    set -- TERM=xterm-256color "$@"
    for _tc_v in LANG LANGUAGE LC_ALL TIPCASE_LOCALEDIR NO_COLOR; do
        if eval "[ \"\${$_tc_v+set}\" = set ]"; then
            eval "set -- \"$_tc_v=\${$_tc_v}\" \"\$@\""
        fi
    done
    for _tc_v in LANG LANGUAGE LC_ALL TIPCASE_LOCALEDIR NO_COLOR; do
        if eval "[ \"\${$_tc_v+set}\" != set ]"; then
            set -- -u "$_tc_v" "$@"
        fi
    done
    TC_CUR=$_tc_name
    TC_SESSIONS="$TC_SESSIONS $_tc_name"
    # A small shell around the program writes its exit status to a file:
    # tmux 3.3a now and then leaves an exited program unreaped (a zombie)
    # for many seconds, and then has no status to report.
    rm -f "$TC_TMP/$_tc_name.exit"
    if ! tc_tmux new-session -d -s "$_tc_name" -x "$_tc_cols" -y "$_tc_rows" \
        sh -c '"$@"; echo $? >"$0.part" && mv "$0.part" "$0"' "$TC_TMP/$_tc_name.exit" \
        env "$@"; then
        tc_fail "$_tc_name: tmux could not start the session"
        return 1
    fi
}

tc_use() {
    TC_CUR=$1
}

tc_keys() {
    tc_tmux send-keys -t "$TC_CUR" "$@"
}

tc_type() {
    tc_tmux send-keys -t "$TC_CUR" -l -- "$1"
}

tc_screen() {
    tc_tmux capture-pane -p -J -t "$TC_CUR"
}

# True when the screen shows $1 right now.
tc_screen_has() {
    case $(tc_screen) in
    *"$1"*) return 0 ;;
    esac
    return 1
}

tc_show_screen() {
    echo "---- screen of $TC_CUR ----"
    tc_screen | sed 's/^/| /'
    echo "----"
}

tc_wait_for() {
    _tc_left=$(( ${2:-10} * 10 ))
    while [ "$_tc_left" -gt 0 ]; do
        tc_screen_has "$1" && return 0
        tc_nap
        _tc_left=$((_tc_left - 1))
    done
    tc_screen_has "$1" && return 0
    tc_fail "screen did not show \"$1\" within ${2:-10} s"
    tc_show_screen
    return 1
}

tc_expect() {
    _tc_what=${2:-shows \"$1\"}
    _tc_failed_before=$tc_failed
    if tc_wait_for "$1"; then
        tc_pass "$_tc_what"
        return 0
    fi
    # tc_wait_for counted the failure; name it after the check too.
    [ "$tc_failed" -gt "$_tc_failed_before" ] && echo "   ($_tc_what)"
    return 1
}

# Wait until two captures a few tenths apart agree (at most 5 s), so a
# check for absence is not made against a screen still being drawn.
tc_settle() {
    _tc_prev=$(tc_screen)
    _tc_left=50
    while [ "$_tc_left" -gt 0 ]; do
        tc_nap
        tc_nap
        tc_nap
        _tc_now=$(tc_screen)
        [ "$_tc_now" = "$_tc_prev" ] && return 0
        _tc_prev=$_tc_now
        _tc_left=$((_tc_left - 3))
    done
}

tc_expect_not() {
    _tc_what=${2:-does not show \"$1\"}
    tc_settle
    if tc_screen_has "$1"; then
        tc_fail "$_tc_what"
        tc_show_screen
        return 1
    fi
    tc_pass "$_tc_what"
}

tc_wait_exit() {
    _tc_left=$(( ${1:-10} * 10 ))
    while [ "$_tc_left" -gt 0 ]; do
        if [ -s "$TC_TMP/$TC_CUR.exit" ]; then
            cat "$TC_TMP/$TC_CUR.exit"
            return 0
        fi
        tc_nap
        _tc_left=$((_tc_left - 1))
    done
    tc_fail "$TC_CUR did not exit within ${1:-10} s"
    tc_show_screen
    return 1
}

tc_stop() {
    _tc_name=${1:-$TC_CUR}
    tc_tmux_on "$_tc_name" kill-server >/dev/null 2>&1
    _tc_rest=
    for _tc_s in $TC_SESSIONS; do
        [ "$_tc_s" = "$_tc_name" ] || _tc_rest="$_tc_rest $_tc_s"
    done
    TC_SESSIONS=$_tc_rest
}

tc_summary() {
    echo "$TC_NAME: $tc_passed passed, $tc_failed failed"
    tc_cleanup
    [ "$tc_failed" -eq 0 ] && exit 0
    exit 1
}
