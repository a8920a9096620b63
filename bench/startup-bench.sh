#!/usr/bin/env bash
# Start-up and memory per mode on the host: ms from exec to "begin trace..." (median of RUNS), the BPF programs
# loaded and links attached once tracing, and peak RSS (VmHWM) after a 3 s ping flood through the traced path.
# --diag is measured cold (rules cache emptied: Roslyn compiles the rules) and warm (the cached assembly).
# The baseline is `nettrace --version`: the .NET runtime's own start.
# Usage: bench/startup-bench.sh [NETTRACE_BIN] [RUNS]   (root; NT_BENCH_MD=FILE also writes Markdown)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/startup-bench.sh" "$@"
nt_ensure_packages iproute2 iputils-ping bpftool
bin=${1:-$NT_HOST_BIN}
runs=${2:-5}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.249.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"
export NETTRACE_RULES_CACHE=$work/rules-cache

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
count_programs() { bpftool prog show | grep -c " name nt_" || true; }
count_links() { bpftool link show | grep -c '^[0-9]' || true; }
# A stopped run's programs are freed after an RCU grace period: wait for them before the next run counts.
settle() {
    local i
    for ((i = 0; i < 50; i++)); do
        (($(count_programs) <= base_programs && $(count_links) <= base_links)) && return
        sleep 0.1
    done
}
base_programs=$(count_programs) base_links=$(count_links)

versions=()
for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$bin" --version >/dev/null
    versions+=($((($(date +%s%N) - t0) / 1000000)))
done
version_ms=$(printf '%s\n' "${versions[@]}" | median)

# measure LABEL CLEAR_CACHE ARGS...: one table row.
table="| mode | median ms to \`begin trace...\` (runs) | vs \`--version\` | programs | links | peak RSS MiB (3 s ping flood) |"$'\n'"|---|---|---|---|---|---|"
measure() {
    local label=$1 clear=$2 starts=() programs links hwm
    shift 2
    for ((i = 0; i < runs; i++)); do
        [[ $clear == yes ]] && rm -rf "$NETTRACE_RULES_CACHE"
        starts+=("$(start_nettrace "$work/start.out" "$@")")
        if ((i == runs - 1)); then
            programs=$(($(count_programs) - base_programs)) links=$(($(count_links) - base_links))
            ip netns exec "$cli" timeout -s INT 3 ping -q -f "$subnet.2" >/dev/null 2>&1 || true
            hwm=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$(cat "$work/pid")/status")
        fi
        stop_nettrace
        settle
    done
    local m
    m=$(printf '%s\n' "${starts[@]}" | median)
    table+=$'\n'"| $label | $m ($(tr ' ' ',' <<<"${starts[*]}")) | $(awk -v m="$m" -v b="$version_ms" 'BEGIN {printf "%.2f", m / b}') | $programs | $links | $hwm |"
    echo "$label: median $m ms; $programs programs, $links links; peak RSS $hwm MiB"
}

measure "default (lifecycle)" no -p icmp
measure "\`--basic\`" no --basic -p icmp
measure "\`--drop\`" no --drop
measure "\`--sock\`" no --sock
measure "\`--monitor\`" no --monitor
measure "\`--diag --diag-keep\`, cold (Roslyn compiles the rules)" yes --diag --diag-keep -p icmp
measure "\`--diag --diag-keep\`, warm (cached rules)" no --diag --diag-keep -p icmp
echo "baseline: nettrace --version, median $version_ms ms"
if [[ -n ${NT_BENCH_MD:-} ]]; then
    {
        echo "### Start-up, programs and peak memory per mode (host)"
        echo
        echo "\`bench/startup-bench.sh $bin $runs\`: ms from exec to \`begin trace...\` over $runs runs; programs and links"
        echo "counted with bpftool while tracing; peak RSS (VmHWM) after a 3 s \`ping -f\` between two namespaces."
        echo "Baseline: \`nettrace --version\` (the .NET runtime's start alone), median $version_ms ms."
        echo
        echo "$table"
    } >"$NT_BENCH_MD"
fi
