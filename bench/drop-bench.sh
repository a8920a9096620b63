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

subnet=10.240.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$(cat "$work/pid")/status"; }

echo "## start-up (5 runs, ms to 'begin trace...')"
starts=()
for _ in 1 2 3 4 5; do
    starts+=("$(start_nettrace "$work/start.out" --drop -p tcp --dport 9)")
    stop_nettrace
done
printf '%s\n' "${starts[@]}" | print_spread

echo "## SYN flood to a closed port: events/s printed and lost (output to a file)"
printf '%-12s %10s %10s %10s %12s %10s\n' "rate" "sent" "events" "lost" "events/s" "RSS KiB"
for interval in u100 u20 u10 flood; do
    start_nettrace "$work/flood.out" --drop -p tcp --dport 9999 >/dev/null
    rss_idle=$(rss_kib)
    args=(-i "$interval")
    [[ $interval == flood ]] && args=(--flood)
    t0=$(date +%s%N)
    ip netns exec "$cli" timeout -s INT 5 hping3 -q -S -p 9999 "${args[@]}" "$subnet.2" >"$work/hping.out" 2>&1 || true
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
