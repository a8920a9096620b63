#!/usr/bin/env bash
# Compares `nettrace --drop` with Debian's drop monitors, dropwatch and bpftrace, on one workload: hping3
# SYNs to a closed port in a namespace pair, each a NO_SOCKET drop. Per tool: packets sent (against an
# untraced run), drop events reported, CPU time, peak RSS and time until attached.
# Usage: [NT_BENCH_MD=FILE] bench/peers-bench.sh [NETTRACE_BIN]   (root; FILE gets a Markdown fragment)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/peers-bench.sh" "$@"
nt_ensure_packages hping3 iproute2 dropwatch bpftrace
bin=${1:-$NT_HOST_BIN}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.246.0
# The tools see every namespace: an address pair and a port no other bench floods keep the counts ours.
port=9246
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

# lib.sh's trap stops nettrace, not the peers. dropwatch's stdin feeder ends by itself once $work is gone.
peer_cleanup() {
    [[ -f $work/peer ]] && kill -KILL "$(cat "$work/peer")" 2>/dev/null
    cleanup
}
trap peer_cleanup EXIT

# bpftrace's tracepoints need tracefs, which this project's host does not mount: mount it in a private mount
# namespace, leaving the host's mounts alone. Each step execs the next, so $! is bpftrace's own pid.
tfs=(unshare -m --propagation private sh -c 'mountpoint -q /sys/kernel/tracing ||
    mount -t tracefs tracefs /sys/kernel/tracing; exec "$@"' tfs)
# The drop reason numbers change between kernels: take NO_SOCKET's from the tracepoint's own format.
no_socket=$("${tfs[@]}" cat /sys/kernel/tracing/events/skb/kfree_skb/format 2>/dev/null |
    grep -oE '\{ *[0-9]+, "NO_SOCKET" *\}' | grep -oE '[0-9]+' || true)
# Counts the flow's drops in a kernel map, nothing per event: NO_SOCKET, TCP to $3 (the address as the kernel
# stores it, read as a little-endian u32) port $2. BEGIN's "ready" reaches user space only once every probe
# is attached ("Attaching N probes..." is printed before).
cat >"$work/drops.bt" <<'EOF'
BEGIN { printf("ready\n"); }
tracepoint:skb:kfree_skb /args->reason == $1/ {
    $skb = (struct sk_buff *)args->skbaddr;
    $ip = (struct iphdr *)($skb->head + $skb->network_header);
    $th = (struct tcphdr *)($skb->head + $skb->transport_header);
    if ($ip->protocol == 6 && $ip->daddr == $3 && (($th->dest & 0xff) << 8 | $th->dest >> 8) == $2) { @events = count(); }
}
EOF
IFS=. read -r a b c d <<<"$subnet.2"
daddr=$((d << 24 | c << 16 | b << 8 | a))
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); print ($12 + $13) * 1000 / hz}' "/proc/$1/stat"; }
hwm_mib() { awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# start_tool TOOL: starts TOOL on the flow and sets pid and ready (ms from exec to attached); when it
# cannot run, returns 1 with why set to its first line of output.
start_tool() {
    local t0 out=$work/$1.out ready_re
    t0=$(date +%s%N)
    case $1 in
    nettrace)
        start_nettrace "$out" --drop -p tcp -s "$subnet.1" -d "$subnet.2" --dport "$port" >"$work/ready"
        ready=$(cat "$work/ready") pid=$(cat "$work/pid")
        return 0 ;;
    dropwatch) # interactive: "start" on stdin; line-buffered so its lines show up as they happen
        touch "$work/dw.run"
        stdbuf -oL dropwatch -l kas >"$out" 2>&1 < <(echo start
            while [[ -e $work/dw.run ]]; do sleep 0.1; done
            echo exit) &
        ready_re='Kernel monitoring activated' ;;
    bpftrace)
        [[ -n $no_socket ]] || { why="no NO_SOCKET in the kfree_skb tracepoint's format"; return 1; }
        "${tfs[@]}" bpftrace "$work/drops.bt" "$no_socket" "$port" "$daddr" >"$out" 2>&1 &
        ready_re='^ready$' ;;
    esac
    pid=$!
    echo "$pid" >"$work/peer"
    until grep -qE "$ready_re" "$out" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            # bpftrace always warns that it cannot raise RLIMIT_MEMLOCK (unused since kernel 5.11): no reason.
            why=$(grep -v RLIMIT_MEMLOCK "$out" | grep -m1 . || echo "exited without output")
            return 1
        fi
        sleep 0.01
    done
    ready=$((($(date +%s%N) - t0) / 1000000))
}

# stop_peer SIG: SIG makes the peer print its counts and exit (dropwatch: INT stops monitoring, then its
# feeder sends "exit"); SIGKILL after 5 s.
stop_peer() {
    kill -"$1" "$pid" 2>/dev/null || true
    rm -f "$work/dw.run"
    for _ in {1..50}; do [[ $(ps -o stat= -p "$pid") == [^Z]* ]] || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$work/peer"
}

# stop_tool TOOL: stops it (in this shell, which can wait for it to finish writing) and sets events, the
# flow's drop events it reported.
stop_tool() {
    case $1 in
    nettrace) stop_nettrace; events=$(grep -c 'reason: NO_SOCKET' "$work/$1.out" || true) ;;
    # Per-location summaries, no flow filter: all it saw dropped in tcp_v4_rcv, where NO_SOCKET is.
    dropwatch) stop_peer INT; events=$(awk '/ drops at tcp_v4_rcv\+/ {n += $1} END {print n + 0}' "$work/$1.out") ;;
    bpftrace) stop_peer INT; events=$(awk '/^@events:/ {n = $2} END {print n + 0}' "$work/$1.out") ;;
    esac
}

# workload: 5 s of SYNs, 1.5 s for the tools to drain (dropwatch reports each second); prints packets sent.
workload() {
    ip netns exec "$cli" timeout -s INT 5 hping3 -q -S -p "$port" "${hargs[@]}" "$subnet.2" >"$work/hping.out" 2>&1 || true
    sleep 1.5
    grep -oE '^[0-9]+ packets transmitted' "$work/hping.out" | grep -oE '^[0-9]+' || echo 0
}

rows=() # rate|tool|sent|events|events/sent|sent ratio|CPU ms|peak RSS MiB|ready ms
add_row() { local IFS='|'; rows+=("$*"); }
for rate in u200 flood; do
    hargs=(-i "$rate")
    [[ $rate == flood ]] && hargs=(--flood)
    base=$(workload)
    add_row "$rate" untraced "$base" - - 1.00 - - -
    for tool in nettrace dropwatch bpftrace; do
        if ! start_tool "$tool"; then
            [[ $tool == dropwatch ]] && zgrep -q '^# CONFIG_NET_DROP_MONITOR is not set' /proc/config.gz 2>/dev/null &&
                why+=" (kernel built without CONFIG_NET_DROP_MONITOR)"
            [[ -f $work/peer ]] && stop_peer KILL
            add_row "$rate" "$tool" "cannot run: $why"
            continue
        fi
        cpu0=$(cpu_ms "$pid")
        sent=$(workload)
        cpu=$(awk -v a="$cpu0" -v b="$(cpu_ms "$pid")" 'BEGIN {printf "%.0f", b - a}')
        rss=$(hwm_mib "$pid")
        stop_tool "$tool"
        add_row "$rate" "$tool" "$sent" "$events" "$(awk -v e="$events" -v s="$sent" 'BEGIN {printf "%.3f", s ? e / s : 0}')" \
            "$(awk -v s="$sent" -v b="$base" 'BEGIN {printf "%.2f", b ? s / b : 0}')" "$cpu" "$rss" "$ready"
    done
done

fmt='%-6s %-10s %9s %9s %11s %11s %7s %13s %9s\n' md=''
# shellcheck disable=SC2059 # the format is ours
printf "$fmt" rate tool sent events events/sent "sent ratio" "CPU ms" "peak RSS MiB" "ready ms"
for r in "${rows[@]}"; do
    IFS='|' read -ra f <<<"$r"
    # shellcheck disable=SC2059 # a "cannot run" reason spans the row
    if [[ ${#f[@]} -eq 3 ]]; then printf '%-6s %-10s %s\n' "${f[@]}"; f+=('' '' '' '' '' ''); else printf "$fmt" "${f[@]}"; fi
    md+=$(printf '| %s ' "${f[@]}")$'|\n'
done

[[ -n ${NT_BENCH_MD:-} ]] || exit 0
{
    echo '### Peers: drop monitoring (host)'
    echo
    echo "\`bench/peers-bench.sh $bin\` on kernel $(uname -r), bpftrace $(bpftrace --version | awk '{print $2}'), dropwatch $(dpkg-query -W -f='${Version}' dropwatch): hping3 SYNs from one network namespace to a closed TCP port ($port) in another over a veth pair, each one a NO_SOCKET drop, for 5 s at \`-i u200\` and at \`--flood\`; each tool ran alone on its own copy of the workload."
    echo
    echo '| workload | tool | sent | events seen | events/sent | sent ratio vs untraced | CPU ms | peak RSS MiB | ready ms |'
    echo '|---|---|---:|---:|---:|---:|---:|---:|---:|'
    printf '%s\n' "$md"
    echo "*Events seen*: nettrace — \`reason: NO_SOCKET\` lines it printed, one per packet, filtered in the kernel (\`--drop -p tcp -s $subnet.1 -d $subnet.2 --dport $port\`); bpftrace — a per-packet count kept in a kernel map (kfree_skb tracepoint, reason NO_SOCKET, TCP to $subnet.2:$port) and printed once at exit, so nothing per event reaches user space (tracefs is mounted in a private mount namespace if the host has none); dropwatch — the sum of its \`N drops at tcp_v4_rcv+…\` lines: the kernel's drop_monitor sends per-location summaries about once a second, with no packet details and no flow filter, so the client's dropped RSTs count too. *CPU ms* is user+system time of the tool's own process during the workload (in $((1000 / $(getconf CLK_TCK))) ms ticks); its BPF programs run in the sender's softirq context and are not in it — their cost shows in the *sent ratio* (packets sent against the untraced run). *Ready ms*: from exec to nettrace's \`begin trace...\`, dropwatch's \`Kernel monitoring activated.\`, or bpftrace's BEGIN output (read once every probe is attached)."
} >"$NT_BENCH_MD"
