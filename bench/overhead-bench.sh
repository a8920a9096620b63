#!/usr/bin/env bash
# Traffic overhead on the host: iperf3 TCP throughput over a veth pair between two namespaces, untraced and
# under each tracing mode, the configurations alternated round by round so drift hits all alike. Reports
# each configuration's median and its ratio to the untraced median of the same run.
# Goals: --drop and --monitor >= 0.97, lifecycle with a filter that matches nothing >= 0.85.
# Usage: bench/overhead-bench.sh [NETTRACE_BIN] [ROUNDS]   (root; NT_BENCH_MD=FILE also writes Markdown)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/overhead-bench.sh" "$@"
nt_ensure_packages iproute2 iperf3
bin=${1:-$NT_HOST_BIN}
rounds=${2:-5}
seconds=${NT_BENCH_SECONDS:-4}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.243.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

# name|nettrace arguments (empty: untraced). Lifecycle output goes to a file, as a user would send it.
configs=(
    "untraced|"
    "--drop|--drop"
    "--monitor|--monitor"
    "lifecycle, filter matches nothing|-p tcp --addr 10.255.255.254"
    "lifecycle, filter matches the flow|-p tcp --addr $subnet.2"
    "--func-stats, filter matches the flow|--func-stats -p tcp --addr $subnet.2"
)

throughput() { # Gbit/s of one iperf3 TCP run from the client namespace
    ip netns exec "$srv" iperf3 -s -D -1 -p 5201 >/dev/null 2>&1 || true
    sleep 0.3
    ip netns exec "$cli" iperf3 -c "$subnet.2" -p 5201 -t "$seconds" -J |
        awk -F':[ \t]+' '/"bits_per_second"/ { v = $2 } END { gsub(/,/, "", v); printf "%.3f\n", v / 1e9 }'
}

declare -A runs lost
for ((i = 1; i <= rounds; i++)); do
    for c in "${configs[@]}"; do
        name=${c%%|*} args=${c#*|}
        if [[ -z $args ]]; then
            runs[$name]+=" $(throughput)"
            continue
        fi
        # shellcheck disable=SC2086 # the arguments are words
        start_nettrace "$work/out" $args >/dev/null
        # Steady state, which is what a user running it pays: the runtime's tiered JIT compiles the hot
        # methods again in the background during the first second or two after start.
        sleep 2
        runs[$name]+=" $(throughput)"
        stop_nettrace
        lost[$name]=$(grep -oE '[0-9]+ lost' "$work/out.err" | grep -oE '^[0-9]+' || echo 0)
    done
    echo "round $i done"
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {m = int((NR+1)/2); print (NR % 2 ? a[m] : (a[m] + a[m+1]) / 2)}'; }
base=$(median <<<"${runs[untraced]}")
table="| configuration | median Gbit/s | runs (Gbit/s) | ratio | lost records (last run) |"$'\n'"|---|---|---|---|---|"
for c in "${configs[@]}"; do
    name=${c%%|*} args=${c#*|}
    m=$(median <<<"${runs[$name]}")
    ratio=$(awk -v m="$m" -v b="$base" 'BEGIN {printf "%.3f", m / b}')
    shown="untraced"
    [[ -n $args ]] && shown="\`nettrace $args\` ($name)"
    [[ $name == --* ]] && shown="\`nettrace $args\`"
    table+=$'\n'"| $shown | $m | ${runs[$name]# } | $ratio | ${lost[$name]:--} |"
done
echo "$table"
if [[ -n ${NT_BENCH_MD:-} ]]; then
    {
        echo "### Traffic overhead on the host (tracepoints)"
        echo
        echo "\`bench/overhead-bench.sh $bin $rounds\`: iperf3 TCP for ${seconds} s over a veth pair between two"
        echo "namespaces, $rounds rounds with the configurations alternated; ratio = median / untraced median of this run."
        echo "Goals: \`--drop\`, \`--monitor\` ≥ 0.97; lifecycle with a filter that matches nothing ≥ 0.85."
        echo
        echo "$table"
    } >"$NT_BENCH_MD"
fi
