# shellcheck shell=bash
# vm-modules: nf_nat
# Time from the last line nettrace prints to its exit (recorded in docs/performance.md, issue 21): what a user
# waits for after "end trace...", with the links released before the exit (NETTRACE_RELEASE=wait, as before) and
# handed to a child that outlives nettrace (the default), in one boot. Three ways a session ends, NT_RUNS times each
# (default 3): --diag ending by itself on an iptables DROP in FORWARD (from "end trace..."), -c reached in the
# default mode and Ctrl-C of a default-mode session (from the "nettrace: N events" summary, and for Ctrl-C from
# the signal too). Each output line is stamped by the reader as it arrives, so the figures are what a terminal
# shows. The numbers go to $NT_WORK/report, which the VM prints under PASS.
runs=${NT_RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || fail "NT_RUNS=$runs: need a positive integer"
NT_START_TIMEOUT=600 NT_STOP_TIMEOUT=300 # a loaded machine under emulation: minutes is slow, not broken
router
export NETTRACE_RULES_CACHE=$NT_WORK/rules-cache # empty: the bundle's compiled rules serve, as on a new machine
stamped=$NT_WORK/stamped.log

# Each line prefixed with the microseconds of the epoch at which it was read.
stamp() {
    local line
    while IFS= read -r line; do
        printf '%s %s\n' "${EPOCHREALTIME/./}" "$line"
    done
}

# run_stamped ARGS...: nettrace in the background, its output (stdout and stderr) stamped in $stamped, followed
# by "EXIT <code>" when it has exited; waits for "begin trace..." and sets pid.
run_stamped() {
    local deadline=$((SECONDS + NT_START_TIMEOUT))
    : >"$stamped"
    {
        (
            trap - INT QUIT
            exec "$NT_BIN" "$@" 2>&1
        ) &
        echo "PID $!"
        local rc=0
        wait $! || rc=$?
        echo "EXIT $rc"
    } | stamp >"$stamped" &
    until grep -q ' begin trace\.\.\.$' "$stamped"; do
        grep -q ' EXIT ' "$stamped" && fail "nettrace $* exited before 'begin trace...': $(tail -3 "$stamped")"
        ((SECONDS < deadline)) || fail "nettrace $* printed no 'begin trace...' within ${NT_START_TIMEOUT}s"
        sleep 0.05
    done
    pid=$(awk '$2 == "PID" { print $3; exit }' "$stamped")
    starts+=("$(ms_between "$(stamp_of '^PID ')" "$(stamp_of '^begin trace\.\.\.$')")")
}

# wait_exit: until the EXIT line (fails after NT_STOP_TIMEOUT); keeps the run's log as $1.log.
wait_exit() {
    local deadline=$((SECONDS + NT_STOP_TIMEOUT))
    until grep -q ' EXIT ' "$stamped"; do
        ((SECONDS < deadline)) || fail "nettrace did not exit within ${NT_STOP_TIMEOUT}s"
        sleep 0.05
    done
    wait # the reader
    cp "$stamped" "$NT_WORK/$1.log"
}

# stamp_of REGEX: the stamp of the first line whose text matches REGEX.
stamp_of() {
    local t
    t=$(NT_RE=$1 awk '{ s = $1; sub(/^[0-9]+ /, "") } $0 ~ ENVIRON["NT_RE"] { print s; exit }' "$stamped")
    [[ -n $t ]] || fail "no line matching /$1/ in $(tail -5 "$stamped")"
    echo "$t"
}

ms_between() { echo $((($2 - $1) / 1000)); }

# links: BPF links and perf-event attachments (kprobes without a link) of nettrace's, while it traces.
links() { echo "$(bpftool link show | grep -c '^[0-9]*: ' || true) links, $(bpftool perf show | grep -c "^pid $pid " || true) perf attachments"; }

# stats NAME VALUES...: "NAME: min/median/max ms (values)".
stats() {
    local name=$1
    shift
    sort -n <<<"$(printf '%s\n' "$@")" | awk -v name="$name" -v all="$*" '
        { v[NR] = $1 } END { printf "%s: %d/%d/%d ms min/median/max (%s)\n", name, v[1], v[int((NR + 1) / 2)], v[NR], all }'
}

# measure RELEASE: the three ways to end, NT_RUNS times each, with NETTRACE_RELEASE=RELEASE ("wait": every link
# released before the exit, as before issue 21's hand-off; "": handed to a child that outlives nettrace), in the
# same boot so the two compare; their figures go to the report labelled with it.
measure() {
    local label=${1:-handoff} i
    export NETTRACE_RELEASE=$1
    diag=() count=() sigint=() summary=() starts=()
    in_ns ntr iptables-nft -A FORWARD -p icmp -j DROP
    for i in $(seq "$runs"); do
        run_stamped --diag --hooks -p icmp --saddr 10.99.5.1
        [[ $i -gt 1 ]] || echo "diag attaches: $(links)" >>"$NT_WORK/report"
        in_ns ntc ping -c 1 -W 1 10.99.6.2 >/dev/null 2>&1 || true
        wait_exit "diag-$label-$i"
        diag+=("$(ms_between "$(stamp_of '^end trace\.\.\.$')" "$(stamp_of '^EXIT ')")")
    done
    in_ns ntr iptables-nft -D FORWARD -p icmp -j DROP

    for i in $(seq "$runs"); do
        run_stamped -p icmp --saddr 10.99.5.1 -c 3
        in_ns ntc ping -c 5 -i 0.2 -W 1 10.99.6.2 >/dev/null 2>&1 || true
        wait_exit "count-$label-$i"
        count+=("$(ms_between "$(stamp_of '^nettrace: [0-9]+ events')" "$(stamp_of '^EXIT ')")")
    done

    for i in $(seq "$runs"); do
        run_stamped -p icmp --saddr 10.99.5.1
        [[ $i -gt 1 ]] || echo "default mode attaches: $(links)" >>"$NT_WORK/report"
        in_ns ntc ping -c 1 -W 1 10.99.6.2 >/dev/null 2>&1 || true
        sleep 1
        sent=${EPOCHREALTIME/./}
        kill -INT "$pid"
        wait_exit "sigint-$label-$i"
        sigint+=("$(ms_between "$sent" "$(stamp_of '^EXIT ')")")
        summary+=("$(ms_between "$(stamp_of '^nettrace: [0-9]+ events')" "$(stamp_of '^EXIT ')")")
    done
    {
        stats "[$label] diag: end trace -> exit" "${diag[@]}"
        stats "[$label] count: summary -> exit" "${count[@]}"
        stats "[$label] sigint: summary -> exit" "${summary[@]}"
        stats "[$label] sigint: signal -> exit" "${sigint[@]}"
        stats "[$label] start: exec -> begin trace" "${starts[@]}"
    } >>"$NT_WORK/report"
    unset NETTRACE_RELEASE
}

# Untimed: the boot's first --diag loads the rules into memory caches the others share.
in_ns ntr iptables-nft -A FORWARD -p icmp -j DROP
run_stamped --diag --hooks -p icmp --saddr 10.99.5.1
in_ns ntc ping -c 1 -W 1 10.99.6.2 >/dev/null 2>&1 || true
wait_exit diag-cold
in_ns ntr iptables-nft -D FORWARD -p icmp -j DROP
measure wait
measure ""

# Where the exit waits: one more Ctrl-C run, each thread's kernel stack sampled until the exit (bash builtins
# only, no process per sample); the innermost frames that are not the scheduler's, most frequent first.
run_stamped -p icmp --saddr 10.99.5.1
sleep 1
kill -INT "$pid"
while [[ -d /proc/$pid ]]; do
    for t in /proc/"$pid"/task/*/stack; do
        mapfile -t frames 2>/dev/null <"$t" || continue
        frames=("${frames[@]#*] }")
        frames=("${frames[@]%%+*}")
        printf '%s;' "${frames[@]:0:8}"
        echo
    done
done >"$NT_WORK/stacks.txt"
wait_exit sampled
awk -F';' '/futex_wait|ep_poll|do_nanosleep|do_sys_poll|do_select|do_wait|pipe_read|fifo_open/ { next } # idle (.NET: signal pipe, debugger FIFO)
    { k = ""; n = 0
      for (i = 1; i < NF && n < 4; i++) if ($i !~ /^(__schedule|schedule|schedule_timeout|__wait_for_common|wait_for_completion)$/) { k = k (n ? " < " : "") $i; n++ }
      if (k == "") k = "(running in user space)"
      c[k]++; total++ }
    END { for (k in c) printf "%5.1f%% of %d  %s\n", 100 * c[k] / total, total, k }' "$NT_WORK/stacks.txt" | sort -rn | head -8 |
    sed 's/^/exit stacks: /' >>"$NT_WORK/report"

t0=$EPOCHREALTIME
"$NT_BIN" --version >/dev/null
echo "baseline: nettrace --version took $(((${EPOCHREALTIME/./} - ${t0/./}) / 1000)) ms" >>"$NT_WORK/report"
