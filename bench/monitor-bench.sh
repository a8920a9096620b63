#!/usr/bin/env bash
# Traffic overhead of --monitor: iperf3 TCP throughput over a veth pair between two namespaces, untraced and
# with `nettrace --monitor` running, alternated over several rounds so drift hits both alike. Prints each
# run and the ratio of the medians (goal >= 0.97).
# Usage: bench/monitor-bench.sh [NETTRACE_BIN] [ROUNDS]   (root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/monitor-bench.sh" "$@"
nt_ensure_packages iproute2 iperf3
bin=${1:-$NT_HOST_BIN}
rounds=${2:-5}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.243.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

throughput() { # Gbit/s of a 5 s iperf3 TCP run from the client namespace
    ip netns exec "$srv" iperf3 -s -D -1 -p 5201 >/dev/null 2>&1 || true
    sleep 0.3
    ip netns exec "$cli" iperf3 -c "$subnet.2" -p 5201 -t 5 -J | awk -F':[ \t]+' '/"bits_per_second"/ { v = $2 } END { gsub(/,/, "", v); printf "%.3f\n", v / 1e9 }'
}

plain=() traced=()
for ((i = 1; i <= rounds; i++)); do
    plain+=("$(throughput)")
    start_nettrace "$work/monitor.out" --monitor >/dev/null
    traced+=("$(throughput)")
    stop_nettrace
    echo "round $i: untraced ${plain[-1]} Gbit/s, --monitor ${traced[-1]} Gbit/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p=$(median "${plain[@]}") t=$(median "${traced[@]}")
echo "median: untraced $p Gbit/s, --monitor $t Gbit/s, ratio $(awk -v t="$t" -v p="$p" 'BEGIN {printf "%.3f", t / p}')"
echo "events printed while traced: $(grep -vc "^begin trace" "$work/monitor.out" || true); the most frequent:"
grep -v "^begin trace" "$work/monitor.out" | sed -E "s/^\[[0-9.]+\] //; s/(TCP|UDP|ICMP).*(reason: [A-Z_0-9]+).*/\\2/; s/ TCP: .*//" | sort | uniq -c | sort -rn | head -5 || true
