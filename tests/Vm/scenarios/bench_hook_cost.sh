# shellcheck shell=bash
# What --monitor's BPF programs cost per call, from the kernel's own accounting (kernel.bpf_stats_enabled:
# run_time_ns / run_cnt per program), fexit against kprobe+kretprobe in the same boot. iperf3 TCP runs over a
# veth pair behind a firewall rule it never matches, so nf_hook_slow and nft_do_chain run for every packet.
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
stats() {
    bpftool prog show | awk '/^[0-9]+: / { id = $1; name = ""; for (i = 1; i < NF; i++) { if ($i == "name") name = $(i + 1)
        if ($i == "run_time_ns") t = $(i + 1); if ($i == "run_cnt") c = $(i + 1) } if (c != "") print id, name, t, c; t = c = "" }'
}
measure() { # LABEL [VAR=value]
    local label=$1
    [[ -z ${2:-} ]] || export "$2"
    start_nettrace --monitor
    [[ -z ${2:-} ]] || unset "${2%%=*}"
    sleep 5
    stats >"$NT_WORK/before.txt"
    in_ns ntoc iperf3 -c 10.99.12.2 -p 5201 -t "$secs" -J >"$NT_WORK/iperf3.log"
    stats >"$NT_WORK/after.txt"
    stop_nettrace
    # Calls and ns per call during the run, per program that ran.
    awk -v l="$label" 'NR == FNR { ns[$1] = $3; n[$1] = $4; next }
        $4 > n[$1] + 0 { printf "%s: %s: %d calls, %d ns per call\n", l, $2, $4 - n[$1], ($3 - ns[$1]) / ($4 - n[$1]) }' \
        "$NT_WORK/before.txt" "$NT_WORK/after.txt" >>"$NT_WORK/report"
    grep -m1 'watched through' "$NT_LOG" | sed "s/^/$label: /" >>"$NT_WORK/report"
    awk -F': *' '/"sum_received"/ { r = 1 } r && /"bits_per_second"/ { sub(/,.*/, "", $2); printf "%.1f Mbit/s\n", $2 / 1e6; exit }' \
        "$NT_WORK/iperf3.log" | sed "s/^/$label: iperf3 /" >>"$NT_WORK/report"
}
measure fexit
measure kretprobes NETTRACE_NO_FEXIT=1
