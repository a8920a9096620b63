#!/usr/bin/env bash
# Idle cost of a session: CPU time and wake-ups over SECONDS after "begin trace..." with a filter no packet
# matches (TEST-NET-3 source address), per mode. CPU is summed over the process's threads from schedstat (ns);
# wake-ups are voluntary context switches summed over the threads (each sleep that ended is one).
# Usage: bench/idle-bench.sh NETTRACE_BIN [SECONDS]   (root)
set -euo pipefail
bin=${1:?usage: idle-bench.sh NETTRACE_BIN [SECONDS]}
seconds=${2:-10}
filter=(--saddr 203.0.113.77)

# "cpu_ns switches" over the live threads of $1.
sample() {
    local cpu=0 sw=0 t n
    for t in /proc/"$1"/task/*; do
        read -r n _ <"$t/schedstat" 2>/dev/null || continue
        cpu=$((cpu + n))
        n=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "$t/status" 2>/dev/null || echo 0)
        sw=$((sw + n))
    done
    echo "$cpu $sw"
}

echo "| mode | CPU ms / ${seconds} s idle | wake-ups (voluntary switches, all threads) |"
echo "|---|---|---|"
for mode in "--drop" "--monitor" "default"; do
    args=("${filter[@]}")
    [[ $mode != default ]] && args=("$mode" "${args[@]}")
    out=$(mktemp)
    "$bin" "${args[@]}" >"$out" 2>&1 &
    pid=$!
    for _ in $(seq 300); do grep -q "begin trace" "$out" && break; sleep 0.1; done
    sleep 1 # let the start-up's last work (JIT, GC) settle
    read -r c0 s0 < <(sample "$pid")
    sleep "$seconds"
    read -r c1 s1 < <(sample "$pid")
    kill -INT "$pid"
    wait "$pid" || true
    echo "| $mode | $(((c1 - c0) / 1000000)) | $((s1 - s0)) |"
    rm -f "$out"
done
