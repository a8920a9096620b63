# shellcheck shell=bash
# Helpers for VM scenarios. /init sources this file, then the scenario, in a fresh bash per scenario with:
#   NT_SCENARIO  scenario name        NT_KERNEL  kernel label (6.1, 6.12)
#   NT_WORK      empty scratch directory; every *.log in it is shown as evidence when the scenario fails
#                (start_nettrace and stop_nettrace add their times to NT_WORK/timing, summed on the PASS line)
# A scenario fails by calling `fail`, by a failing command (set -e), or by running out of time.

set -Eeuo pipefail

NT_BIN=${NT_BIN:-/opt/nettrace/nettrace}
NT_START_TIMEOUT=${NT_START_TIMEOUT:-240} # .NET start-up plus BPF load under emulation is slow
NT_STOP_TIMEOUT=${NT_STOP_TIMEOUT:-30}
NT_LOG="$NT_WORK/nettrace.log"            # log of the last nettrace started or run

_nt_pid=""
_nt_netns=()

# Record why the scenario failed (read by /init) and end it; cleanup runs from the EXIT trap.
fail() {
    echo "$*" >"$NT_WORK/reason"
    echo "fail: $*"
    exit 1
}

_nt_on_err() {
    local rc=$1 line=$2 cmd=$3
    fail "command failed (exit $rc) at ${BASH_SOURCE[1]##*/}:$line: $cmd"
}
trap '_nt_on_err $? $LINENO "$BASH_COMMAND"' ERR

_nt_cleanup() {
    local ns
    trap - ERR
    set +e
    if [[ -n $_nt_pid ]] && kill -0 "$_nt_pid" 2>/dev/null; then
        kill -INT "$_nt_pid" 2>/dev/null
        sleep 1
        kill -KILL "$_nt_pid" 2>/dev/null
    fi
    for ns in "${_nt_netns[@]}"; do
        ip netns delete "$ns" 2>/dev/null
    done
}
trap _nt_cleanup EXIT

# ---- network setup ----------------------------------------------------------------------------------

# netns_add NAME: a new network namespace with lo up, deleted when the scenario ends.
netns_add() {
    ip netns add "$1"
    _nt_netns+=("$1")
    ip -n "$1" link set lo up
}

# in_ns NS CMD...: run CMD inside namespace NS ("-" = the root namespace).
in_ns() {
    local ns=$1
    shift
    if [[ $ns == "-" ]]; then
        "$@"
    else
        ip netns exec "$ns" "$@"
    fi
}

# veth_pair NS1 ADDR1/LEN NS2 ADDR2/LEN: a veth pair with one end in each namespace ("-" = root), addressed
# and up. The ends are named after the namespaces so several pairs can coexist.
veth_pair() {
    local ns1=$1 addr1=$2 ns2=$3 addr2=$4
    local if1="v${ns1//-/r}${ns2//-/r}" if2="v${ns2//-/r}${ns1//-/r}"
    if1=${if1:0:15}
    if2=${if2:0:15}
    ip link add "$if1" type veth peer name "$if2"
    [[ $ns1 == "-" ]] || ip link set "$if1" netns "$ns1"
    [[ $ns2 == "-" ]] || ip link set "$if2" netns "$ns2"
    in_ns "$ns1" ip addr add "$addr1" dev "$if1"
    in_ns "$ns2" ip addr add "$addr2" dev "$if2"
    in_ns "$ns1" ip link set "$if1" up
    in_ns "$ns2" ip link set "$if2" up
}

# router [LEFT RIGHT]: client ntc (LEFT.1) -> router ntr (LEFT.2 | RIGHT.1, forwarding) -> server nts (RIGHT.2), /24
# networks (default 10.99.5 and 10.99.6), both ends routed through the router.
router() {
    local left=${1:-10.99.5} right=${2:-10.99.6}
    netns_add ntc
    netns_add ntr
    netns_add nts
    veth_pair ntc "$left.1/24" ntr "$left.2/24"
    veth_pair ntr "$right.1/24" nts "$right.2/24"
    in_ns ntc ip route add default via "$left.2"
    in_ns nts ip route add default via "$right.1"
    in_ns ntr sysctl -qw net.ipv4.ip_forward=1
}

# nat_router: client ntc (10.99.3.1) -> router ntr -> server nts (10.99.4.2), the router MASQUERADing what it
# forwards to the server; sets ipt to the iptables backend that took the rule (nft first, as on Debian).
nat_router() {
    local cmd
    router 10.99.3 10.99.4
    ipt=""
    for cmd in iptables-nft iptables-legacy; do
        if in_ns ntr "$cmd" -t nat -A POSTROUTING -o vntrnts -j MASQUERADE 2>"$NT_WORK/iptables.log"; then
            ipt=$cmd
            break
        fi
    done
    [[ -n $ipt ]] || fail "no iptables backend could add the MASQUERADE rule"
    echo "rule added with $ipt"
}

# ---- traffic ----------------------------------------------------------------------------------------

# tcp_connect NS IP PORT [SECS]: try a TCP connection from NS and report how it ended. Never fails: in
# these scenarios the connection is meant to be refused or dropped.
tcp_connect() {
    local ns=$1 ip=$2 port=$3 secs=${4:-2} out
    out=$(in_ns "$ns" socat -T1 /dev/null "TCP:$ip:$port,connect-timeout=$secs" 2>&1) && out="connected"
    echo "tcp_connect $ip:$port from ${ns}: ${out:-no output}"
}

# wait_listen NS PORT: wait until a TCP socket listens on PORT in namespace NS (fails after 10 s).
wait_listen() {
    local ns=$1 port=$2 deadline=$((SECONDS + 10)) hex
    hex=$(printf ':%04X' "$port")
    # /proc/net/tcp{,6}: local address in column 2 (ADDR:PORT in hex), state in column 4 (0A is LISTEN).
    until in_ns "$ns" cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
        awk -v p="$hex" 'substr($2, length($2) - 4) == p && $4 == "0A" { found = 1 } END { exit !found }'; do
        ((SECONDS < deadline)) || fail "nothing listens on TCP port $port in $ns after 10 s"
        sleep 0.05
    done
}

# ---- nettrace ---------------------------------------------------------------------------------------

# start_nettrace ARGS...: start nettrace in the background (output in $NT_LOG) and wait until it prints
# "begin trace...", i.e. everything is attached.
start_nettrace() {
    local deadline=$((SECONDS + NT_START_TIMEOUT)) rc t0=$EPOCHREALTIME
    echo "start: nettrace $*"
    # On the console too: a kernel crash report is read there, and says which nettrace ran (run.sh crash_report).
    echo "NTVM-START nettrace $*" >/dev/console 2>/dev/null || true
    : >"$NT_LOG" # a previous run's "begin trace..." must not count for this one
    # bash starts background commands with SIGINT ignored, and .NET keeps an inherited SIG_IGN, so the
    # Ctrl-C of stop_nettrace would never arrive: restore the default before exec.
    (
        trap - INT QUIT
        exec "$NT_BIN" "$@" >"$NT_LOG" 2>&1
    ) &
    _nt_pid=$!
    until grep -q 'begin trace\.\.\.' "$NT_LOG" 2>/dev/null; do
        if ! kill -0 "$_nt_pid" 2>/dev/null; then
            rc=0
            wait "$_nt_pid" || rc=$?
            _nt_pid=""
            fail "nettrace exited with code $rc before printing 'begin trace...'"
        fi
        ((SECONDS < deadline)) || fail "nettrace printed no 'begin trace...' within ${NT_START_TIMEOUT}s"
        sleep 0.05
    done
    # Polled every 50 ms, so this is the time to "begin trace..." within 50 ms.
    NT_START_MS=$(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))
    echo "started after ${NT_START_MS} ms"
    echo "start $NT_START_MS" >>"$NT_WORK/timing"
}

# stop_nettrace [SIGNAL]: send SIGNAL (default INT, Ctrl-C) to the background nettrace and wait for it to exit;
# its exit code is in NT_RC.
stop_nettrace() {
    local sig=${1:-INT} deadline=$((SECONDS + NT_STOP_TIMEOUT))
    [[ -n $_nt_pid ]] || fail "stop_nettrace: nettrace is not running"
    # Give the ring buffer a moment to deliver the last events before asking nettrace to stop.
    sleep 1
    local t0=$EPOCHREALTIME
    kill -"$sig" "$_nt_pid" 2>/dev/null || true
    while kill -0 "$_nt_pid" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "nettrace did not exit within ${NT_STOP_TIMEOUT}s of SIG$sig"
        sleep 0.05
    done
    NT_RC=0
    wait "$_nt_pid" || NT_RC=$?
    _nt_pid=""
    echo "exit $(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 ))" >>"$NT_WORK/timing"
    echo "stopped by SIG$sig, exit code $NT_RC"
}

# run_nettrace ARGS...: run nettrace in the foreground (output in $NT_LOG); its exit code is in NT_RC.
run_nettrace() {
    echo "run: nettrace $*"
    NT_RC=0
    timeout "$NT_START_TIMEOUT" "$NT_BIN" "$@" >"$NT_LOG" 2>&1 || NT_RC=$?
    echo "exit code $NT_RC"
}

# ---- assertions -------------------------------------------------------------------------------------

# expect_line REGEX [FILE]: FILE (default: the nettrace log) has a line matching the extended REGEX.
expect_line() {
    local re=$1 file=${2:-$NT_LOG}
    grep -Eq -- "$re" "$file" || fail "no line matching /$re/ in ${file##*/}"
}

# expect_no_line REGEX [FILE]: no line of FILE (default: the nettrace log) matches REGEX.
expect_no_line() {
    local re=$1 file=${2:-$NT_LOG}
    ! grep -Eq -- "$re" "$file" || fail "unexpected line matching /$re/ in ${file##*/}: $(grep -Em1 -- "$re" "$file")"
}

# expect_in_order REGEX...: the nettrace log has lines matching each extended REGEX, in this order.
expect_in_order() {
    local from=0 re n
    for re in "$@"; do
        # Patterns go through the environment: awk -v would eat their backslashes.
        n=$(NT_RE=$re awk -v from="$from" 'NR > from && $0 ~ ENVIRON["NT_RE"] { print NR; exit }' "$NT_LOG")
        [[ -n $n ]] || fail "no line matching /$re/ after line $from of nettrace.log"
        from=$n
    done
}

# expect_context REGEX...: one lifecycle context (from a "*****" header to the next) has lines matching
# every extended REGEX (a header line itself can be matched too).
expect_context() {
    NT_RES=$(printf '%s\034' "$@") awk -v n=$# '
        BEGIN { split(ENVIRON["NT_RES"], want, "\034") }
        /^\*{17} / { for (i = 1; i <= n; i++) seen[i] = 0 }
        { for (i = 1; i <= n; i++) if ($0 ~ want[i]) seen[i] = 1
          all = 1; for (i = 1; i <= n; i++) if (!seen[i]) all = 0
          if (all) { found = 1; exit } }
        END { exit found ? 0 : 1 }' "$NT_LOG" || fail "no context has lines matching all of: $*"
}

# expect_analysis REGEX...: one entry of an ANALYSIS RESULT (from its "[N] LEVEL happens in" line to the next
# entry or the block's end) has lines matching every extended REGEX, in this order.
expect_analysis() {
    NT_RES=$(printf '%s\034' "$@") awk -v n=$# '
        BEGIN { split(ENVIRON["NT_RES"], want, "\034") }
        function reset() { inentry = 0; next_re = 1 }
        /^-{16} ANALYSIS RESULT -{21}$/ { inblock = 1; reset(); next }
        /^(analysis finished!|end trace\.\.\.)$|^\*{17} / { inblock = 0; reset(); next }
        inblock && /^\[[0-9]+\] (ERROR|WARNING|INFO) happens in / { inentry = 1; next_re = 1 }
        inentry && next_re <= n && $0 ~ want[next_re] { next_re++ }
        inentry && next_re > n { found = 1; exit }
        END { exit found ? 0 : 1 }' "$NT_LOG" || fail "no ANALYSIS RESULT entry has lines matching, in order: $*"
}

# wait_nettrace_exit: nettrace must end by itself (--diag stops at the first ERROR) within NT_STOP_TIMEOUT;
# its exit code is in NT_RC.
wait_nettrace_exit() {
    local deadline=$((SECONDS + NT_STOP_TIMEOUT))
    [[ -n $_nt_pid ]] || fail "wait_nettrace_exit: nettrace is not running"
    while kill -0 "$_nt_pid" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "nettrace did not end by itself within ${NT_STOP_TIMEOUT}s"
        sleep 0.05
    done
    NT_RC=0
    wait "$_nt_pid" || NT_RC=$?
    _nt_pid=""
    echo "ended by itself, exit code $NT_RC"
}
