#!/usr/bin/env bash
# Measures `nettrace --drop`: time to "begin trace...", resident memory, and how many drop events per
# second it keeps up with (a SYN flood to a closed port inside a network namespace pair).
# Usage: bench/drop-bench.sh [NETTRACE_BIN]   (root; installs hping3 if missing)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/drop-bench.sh" "$@"
nt_ensure_packages hping3 iproute2
bin=${1:-$NT_HOST_BIN}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

work=$(mktemp -d)
cli=ntbc$$ srv=ntbs$$
cleanup() {
    pkill -TERM -f "$work/marker" 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$cli"
ip netns add "$srv"
ip link add vbc$$ netns "$cli" type veth peer name vbs$$ netns "$srv"
ip -n "$cli" addr add 10.240.0.1/24 dev vbc$$
ip -n "$srv" addr add 10.240.0.2/24 dev vbs$$
ip -n "$cli" link set vbc$$ up
ip -n "$srv" link set vbs$$ up

# Starts nettrace with output to a file; waits for "begin trace..."; prints the start latency in ms.
start_nettrace() {
    local out=$1
    shift
    local t0 t1
    t0=$(date +%s%N)
    "$bin" "$@" >"$out" 2>"$out.err" &
    echo $! >"$work/pid"
    until grep -q '^begin trace\.\.\.$' "$out" 2>/dev/null; do
        kill -0 "$(cat "$work/pid")" 2>/dev/null || nt_die "nettrace exited: $(cat "$out.err")"
        sleep 0.01
    done
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}

stop_nettrace() {
    local pid
    pid=$(cat "$work/pid")
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$(cat "$work/pid")/status"; }

echo "## start-up (5 runs, ms to 'begin trace...')"
starts=()
for _ in 1 2 3 4 5; do
    starts+=("$(start_nettrace "$work/start.out" --drop -p tcp --dport 9)")
    stop_nettrace
done
printf '%s\n' "${starts[@]}" | sort -n | awk '{a[NR]=$1} END {printf "min %d, median %d, max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'

echo "## SYN flood to a closed port: events/s printed and lost (output to a file)"
printf '%-12s %10s %10s %10s %12s %10s\n' "rate" "sent" "events" "lost" "events/s" "RSS KiB"
for interval in u100 u20 u10 flood; do
    start_nettrace "$work/flood.out" --drop -p tcp --dport 9999 >/dev/null
    rss_idle=$(rss_kib)
    args=(-i "$interval")
    [[ $interval == flood ]] && args=(--flood)
    t0=$(date +%s%N)
    ip netns exec "$cli" timeout -s INT 5 hping3 -q -S -p 9999 "${args[@]}" 10.240.0.2 >"$work/hping.out" 2>&1 || true
    t1=$(date +%s%N)
    sleep 0.5
    rss=$(rss_kib)
    stop_nettrace
    sent=$(grep -oE '^[0-9]+ packets transmitted' "$work/hping.out" | grep -oE '^[0-9]+' || echo '?')
    events=$(grep -c 'reason: NO_SOCKET' "$work/flood.out" || true)
    lost=$(grep -oE '[0-9]+ lost' "$work/flood.out.err" | grep -oE '^[0-9]+' || echo '?')
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b-a)/1e9}')
    printf '%-12s %10s %10s %10s %12.0f %10s\n' "$interval" "$sent" "$events" "$lost" "$(awk -v e="$events" -v s="$secs" 'BEGIN {print e/s}')" "$rss_idle->$rss"
done
