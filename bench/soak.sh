#!/usr/bin/env bash
# Soak: `nettrace --monitor` for MINUTES (default 10) under iperf3 load between two namespaces. Samples
# nettrace's RSS every 10 s and reports the growth from the first minute's level to the end (goal < 10%),
# the events and lost records of the exit summary, and whether nettrace survived.
# Usage: bench/soak.sh [NETTRACE_BIN] [MINUTES]   (root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/soak.sh" "$@"
nt_ensure_packages iproute2 iperf3
bin=${1:-$NT_HOST_BIN}
minutes=${2:-10}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.245.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

# Only this flow: a monitor sees every namespace, and other traffic on the machine would change the load.
start_nettrace "$work/soak.out" --monitor --tcp-rtt 1 --addr "$subnet.2" >/dev/null
pid=$(cat "$work/pid")
ip netns exec "$srv" iperf3 -s -D -p 5202 >/dev/null 2>&1
end=$((SECONDS + minutes * 60))
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
samples=()
while ((SECONDS < end)); do
    ip netns exec "$cli" iperf3 -c "$subnet.2" -p 5202 -t 10 -P 2 >/dev/null 2>&1 || true
    kill -0 "$pid" 2>/dev/null || nt_die "nettrace died during the soak: $(tail -3 "$work/soak.out.err")"
    samples+=("$(rss)")
done
breakdown=$(grep -E '^Rss(Anon|File|Shmem):' "/proc/$pid/status" | tr -s ' \t\n' ' ')
pkill -f "iperf3 -s -D -p 5202" || true
stop_nettrace
first=${samples[5]:-${samples[0]}} last=${samples[-1]}
echo "minutes: $minutes; RSS samples (kB, every ~10 s): ${samples[*]}"
echo "RSS after the first minute: $first kB; at the end: $last kB; growth $(awk -v a="$first" -v b="$last" 'BEGIN {printf "%.1f%%", (b - a) * 100 / a}')"
echo "at the end: $breakdown(anon: heap and runtime; file: mapped assemblies; shmem: the BPF ring buffers)"
echo "events printed: $(grep -vc '^begin trace' "$work/soak.out" || true)"
echo "exit summary: $(tail -n1 "$work/soak.out.err")"
