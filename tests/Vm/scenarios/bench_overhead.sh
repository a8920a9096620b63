# shellcheck shell=bash
# vm-modules: cls_bpf sch_ingress
# Traffic overhead with the kprobe/fentry paths: iperf3 TCP throughput over a veth pair between two namespaces,
# untraced and under four nettrace configurations, alternated over NT_ROUNDS rounds (default 5) of NT_SECS-second
# runs (default 3) so drift hits all alike. bench/vm-overhead-bench.sh passes both on the kernel command line,
# which hands them to /init's environment. Under emulation only the ratios to untraced mean anything.
# One line per configuration (median, each round, ratio), how lifecycle attached and what nettrace saw go to
# $NT_WORK/report, which the VM prints under PASS.
rounds=${NT_ROUNDS:-5} secs=${NT_SECS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ && $secs =~ ^[1-9][0-9]*$ ]] || fail "NT_ROUNDS=$rounds, NT_SECS=$secs: need positive integers"
srv=10.99.12.2
netns_add ntoc
netns_add ntos
veth_pair ntoc 10.99.12.1/24 ntos $srv/24
# Started in the background, not with -D: a daemon would leave the scenario's process group, which /init kills.
in_ns ntos iperf3 -s -p 5201 >"$NT_WORK/iperf3-server.log" 2>&1 &
listening() { in_ns ntos netstat -ltn | grep -q ':5201 '; }
for _ in {1..100}; do
    listening && break
    sleep 0.1
done
listening || fail "the iperf3 server is not listening on $srv:5201"

# Mbit/s received, from the client's JSON summary (the bits_per_second after "sum_received"). The JSON is a
# *.log so a failure shows it.
throughput() {
    in_ns ntoc iperf3 -c $srv -p 5201 -t "$secs" -J >"$NT_WORK/iperf3.log"
    awk -F': *' '/"sum_received"/ { r = 1 }
        r && /"bits_per_second"/ { sub(/,.*/, "", $2); printf "%.1f\n", $2 / 1e6; ok = 1; exit }
        END { exit !ok }' "$NT_WORK/iperf3.log"
}

# nettrace's user + system CPU time in clock ticks (USER_HZ, 100 on x86); a session with rules runs as nettrace-clr,
# whose argv[0] still says nettrace, so pidof may name it twice (busybox's pidof has no -s).
cpu_ticks() {
    local pids
    pids=$(pidof nettrace nettrace-clr)
    awk '{ print $14 + $15 }' "/proc/${pids%% *}/stat"
}
# After "begin trace..." .NET keeps a CPU busy for seconds under emulation (the tiered JIT recompiling what
# start-up ran hot; kallsyms read ahead): start-up, not traffic overhead. Wait until nettrace uses under 10% of
# a CPU for a second, at most 20 s ("20+ s": never; the boot's first --monitor, which compiles the rules, stays
# busy longer, and the median absorbs that round). Prints how long it took.
settle() {
    local start=$SECONDS t0 t1
    while ((SECONDS - start < 20)); do
        t0=$(cpu_ticks)
        sleep 1
        t1=$(cpu_ticks)
        ((t1 - t0 > 10)) || { echo "$((SECONDS - start)) s" && return; }
    done
    echo "20+ s"
}

# Labels double as the report's keys. Output goes to $NT_LOG on the VM's tmpfs: --output would also take
# "begin trace...", which start_nettrace waits for. Its size is reported so a filling tmpfs would show.
# NT_BENCH_SET=latency measures upstream's performance options instead, each on the measured flow, against the
# lifecycle of that flow; NT_BENCH_SET=filter a filter that refuses everything, as flags, as an expression and as
# a link-layer expression;
# NT_BENCH_SET=kernel the same filter over the catalogue and over every skb function of the kernel (-t kernel);
# NT_BENCH_SET=bpfprogs that filter with and without --bpf-progs watching a tc program the traffic passes.
case ${NT_BENCH_SET:-modes} in
modes) configs=("untraced" "nettrace --drop" "nettrace --monitor" "nettrace -p tcp --addr 10.255.255.254"
    "nettrace -p tcp --addr $srv") ;;
monitor)
    # The always-on mode on a host with a firewall: a rule the traffic never matches still runs nf_hook_slow and
    # nft_do_chain for every packet, untraced too. Kretprobes against fexit, same boot.
    in_ns ntos iptables -A INPUT -p udp --dport 9 -j DROP || fail "iptables could not add the rule"
    configs=("untraced" "nettrace --drop" "nettrace --monitor" "NETTRACE_NO_FEXIT=1 nettrace --monitor") ;;
latency) configs=("untraced" "nettrace -p tcp --addr $srv" "nettrace --latency -p tcp --addr $srv"
    "nettrace --latency-summary -p tcp --addr $srv" "nettrace --func-stats -p tcp --addr $srv") ;;
filter)
    # What a filter costs per packet when it refuses everything: the flags' compares against the same test as a
    # filter expression (libpcap's program translated, its loads probe reads, in every lifecycle program).
    # The fourth tests only the link layer: its Ethernet program runs over each frame (the device's type and any
    # offloaded VLAN tag read first).
    configs=("untraced" "nettrace -p tcp --addr 10.255.255.254" "nettrace tcp and host 10.255.255.254"
        "nettrace ether host 02:00:00:00:00:99 and tcp") ;;
kernel)
    # What -t kernel's 1,500-odd more hooks cost per packet when the filter refuses it: each runs the entry filter.
    configs=("untraced" "nettrace -p tcp --addr 10.255.255.254" "nettrace -t kernel -p tcp --addr 10.255.255.254") ;;
bpfprogs)
    # What watching a tc program costs per packet (--bpf-progs): the test program at the server's ingress, attached
    # in every configuration (it passes TCP: TC_ACT_OK), its fexit running the filter for each segment.
    in_ns ntos tc qdisc add dev vntosntoc clsact || fail "no clsact qdisc"
    in_ns ntos tc filter add dev vntosntoc ingress bpf da obj /tests/tc_drop_icmp.o sec tc || fail "could not attach the tc program"
    configs=("untraced" "nettrace -p tcp --addr 10.255.255.254" "nettrace --bpf-progs -p tcp --addr 10.255.255.254") ;;
*) fail "NT_BENCH_SET=$NT_BENCH_SET: modes, monitor, latency, filter, kernel or bpfprogs" ;;
esac
declare -A mbits=() seen=() attach=()
# Each traced run releases its links before nettrace exits, instead of leaving them to a child that detaches them
# after it: otherwise the kernel rewrote the traced functions' entries (ftrace text patching) during the next
# configuration's measured run, taking its CPU, and twice crashed the emulated VM doing so under full traffic
# (an int3 oops at ip_rcv+0x5 on 6.12, RIP 0 at __ip_queue_xmit on 6.1; most likely QEMU TCG running code that
# another vCPU was patching). Releasing 88 single kprobes on 6.1 takes up to a minute.
export NETTRACE_RELEASE=wait
NT_STOP_TIMEOUT=300
for ((i = 1; i <= rounds; i++)); do
    for c in "${configs[@]}"; do
        if [[ $c == untraced ]]; then
            mbits[$c]+=" $(throughput)"
            continue
        fi
        # A leading VAR=value sets nettrace's environment for this configuration.
        read -ra args <<<"${c#*nettrace }"
        env=${c%%nettrace *}
        [[ -z $env ]] || export "${env% }"
        start_nettrace "${args[@]}" -v
        [[ -z $env ]] || unset "${env%%=*}"
        idle=$(settle)
        t0=$(cpu_ticks)
        mbits[$c]+=" $(throughput)"
        t1=$(cpu_ticks)
        stop_nettrace
        # "nettrace: E events, [P packets, ]L lost", the log size and nettrace's own CPU time during the run
        # (it shares the VM's 2 CPUs with iperf3) after settling; -v's attach line once per config.
        cpu=$(awk -v t="$((t1 - t0))" 'BEGIN { printf "%.2f", t / 100 }')
        summary=$(sed -n 's/^nettrace: //p' "$NT_LOG" | tail -n1)
        seen[$c]+="${seen[$c]:+; }$summary, $(($(wc -c <"$NT_LOG") / 1048576)) MB, idle after $idle, CPU $cpu s"
        [[ -n ${attach[$c]:-} ]] || attach[$c]=$(grep -m1 -o '[0-9]* traces attached through.*' "$NT_LOG" || true)
    done
    echo "round $i done, tmpfs free: $(df -m "$NT_WORK" | awk 'NR == 2 { print $4 }') MB"
done

# With an even count, the mean of the two middle values (two rounds must not mean "the worse one").
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2 ? a[m] : (a[m] + a[m + 1]) / 2) }'; }
# "min M, max X, spread S%": the spread is (max - min) / median, how far one round can stray.
spread() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); med = NR % 2 ? a[m] : (a[m] + a[m + 1]) / 2
    printf "min %s, max %s, spread %.0f%%", a[1], a[NR], med ? 100 * (a[NR] - a[1]) / med : 0 }'; }
# shellcheck disable=SC2086 # the rounds are a space-separated list
base=$(median ${mbits[untraced]})
{
    echo "method: $rounds rounds of $secs s iperf3 runs, configurations alternated, each traced run once nettrace was idle"
    for c in "${configs[@]}"; do
        # shellcheck disable=SC2086
        m=$(median ${mbits[$c]})
        echo "$c: median $m Mbit/s, rounds${mbits[$c]}, $(spread ${mbits[$c]}), ratio $(awk -v m="$m" -v b="$base" 'BEGIN { printf "%.3f", m / b }')"
    done
    for c in "${configs[@]:1}"; do
        [[ -z ${attach[$c]:-} ]] || echo "$c: attach: ${attach[$c]}"
        echo "$c: seen: ${seen[$c]}"
    done
} >"$NT_WORK/report"
