# shellcheck shell=bash
# What nettrace's BPF programs cost per call, from the kernel's own accounting (kernel.bpf_stats_enabled:
# run_time_ns / run_cnt per program), in one boot. NT_HOOK_SET=monitor (default): --monitor on fexit against
# kprobe+kretprobe; NT_HOOK_SET=lifecycle: a lifecycle session whose filter matches nothing, on kprobe.multi
# against one kprobe per function. iperf3 TCP runs over a veth pair behind a firewall rule it never matches,
# so nf_hook_slow and nft_do_chain run for every packet.
# Under emulation only the ratios mean anything, and the programs' time excludes what the kernel spends
# entering them (trampoline, kprobe and kretprobe handling). One line per program and mode goes to the report.
secs=${NT_SECS:-3}
netns_add ntoc
netns_add ntos
veth_pair ntoc 10.99.12.1/24 ntos 10.99.12.2/24
in_ns ntos iptables -A INPUT -p udp --dport 9 -j DROP || fail "iptables could not add the rule"
in_ns ntos iperf3 -s -p 5201 >"$NT_WORK/iperf3-server.log" 2>&1 &
for _ in {1..100}; do
    in_ns ntos netstat -ltn | grep -q ':5201 ' && break
    sleep 0.1
done
sysctl -qw kernel.bpf_stats_enabled=1 || fail "no kernel.bpf_stats_enabled"
# "ID NAME RUN_TIME_NS RUN_CNT" for every program bpftool lists with statistics (it omits those never run).
# bpftool stops at a program freed while it walks the list (a previous run's links released late), so it retries.
stats() {
    local list=""
    for _ in {1..50}; do
        list=$(bpftool prog show 2>/dev/null) && break
        sleep 0.2
    done
    awk '/^[0-9]+: / { id = $1; name = ""; for (i = 1; i < NF; i++) { if ($i == "name") name = $(i + 1)
        if ($i == "run_time_ns") t = $(i + 1); if ($i == "run_cnt") c = $(i + 1) } if (c != "") print id, name, t, c; t = c = "" }' <<<"$list"
}
measure() { # LABEL VAR=value|- NETTRACE-ARGS...
    local label=$1 env=$2
    shift 2
    [[ $env == - ]] || export "$env"
    start_nettrace "$@"
    [[ $env == - ]] || unset "${env%%=*}"
    sleep 5
    stats >"$NT_WORK/before.txt"
    in_ns ntoc iperf3 -c 10.99.12.2 -p 5201 -t "$secs" -J >"$NT_WORK/iperf3.log"
    stats >"$NT_WORK/after.txt"
    stop_nettrace
    # Calls and ns per call during the run, per program that ran.
    awk -v l="$label" 'NR == FNR { ns[$1] = $3; n[$1] = $4; next }
        $4 > n[$1] + 0 { printf "%s: %s: %d calls, %d ns per call\n", l, $2, $4 - n[$1], ($3 - ns[$1]) / ($4 - n[$1]) }' \
        "$NT_WORK/before.txt" "$NT_WORK/after.txt" >>"$NT_WORK/report"
    awk -v l="$label" 'NR == FNR { n[$1] = $4; ns[$1] = $3; next } $4 > n[$1] + 0 { c += $4 - n[$1]; t += $3 - ns[$1] }
        END { printf "%s: all programs: %d calls, %.1f ms\n", l, c, t / 1e6 }' "$NT_WORK/before.txt" "$NT_WORK/after.txt" >>"$NT_WORK/report"
    grep -m1 -e 'watched through' -e 'traces attached' "$NT_LOG" | sed "s/^/$label: /" >>"$NT_WORK/report"
    awk -F': *' '/"sum_received"/ { r = 1 } r && /"bits_per_second"/ { sub(/,.*/, "", $2); printf "%.1f Mbit/s\n", $2 / 1e6; exit }' \
        "$NT_WORK/iperf3.log" | sed "s/^/$label: iperf3 /" >>"$NT_WORK/report"
}
case ${NT_HOOK_SET:-monitor} in
    monitor)
        measure fexit - --monitor
        measure kretprobes NETTRACE_NO_FEXIT=1 --monitor ;;
    lifecycle)
        # A filter no packet matches: what an always-on lifecycle session costs while it waits.
        measure "unmatched, kprobe.multi" - -p tcp --addr 10.255.255.254
        measure "unmatched, one kprobe each" NETTRACE_NO_KPROBE_MULTI=1 -p tcp --addr 10.255.255.254 ;;
    *) fail "NT_HOOK_SET: monitor or lifecycle" ;;
esac
