#!/usr/bin/env bash
# Idle cost of a session: CPU time and wake-ups over SECONDS after "begin trace..." with a filter no packet
# matches (TEST-NET-3 source address), per mode. CPU (schedstat, ns) and wake-ups (voluntary context switches:
# each sleep that ended is one) are summed over the process's threads.
# Usage: bench/idle-bench.sh NETTRACE_BIN [SECONDS]   (root)
set -euo pipefail
bin=${1:?usage: idle-bench.sh NETTRACE_BIN [SECONDS]}
seconds=${2:-10}
filter=(--saddr 203.0.113.77)

# One line per live thread of $1: "tid cpu_ns voluntary_switches".
threads() {
    local t n sw
    for t in /proc/"$1"/task/*; do
        read -r n _ <"$t/schedstat" 2>/dev/null || continue
        sw=$(awk '/^voluntary_ctxt_switches/ { print $2 }' "$t/status" 2>/dev/null) || continue
        echo "${t##*/} $n $sw"
    done
}

# "cpu_ms switches" between two threads() samples: threads in both count their difference, new ones all of
# theirs (a thread that ended in between is missing from both figures).
delta() {
    awk 'NR == FNR { cpu[$1] = $2; sw[$1] = $3; next }
         { c += $2 - cpu[$1]; s += $3 - sw[$1] }
         END { printf "%d %d\n", c / 1000000, s }' "$1" "$2"
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
    threads "$pid" >"$out.0"
    sleep "$seconds"
    threads "$pid" >"$out.1"
    read -r cpu switches < <(delta "$out.0" "$out.1")
    kill -INT "$pid"
    wait "$pid" || true
    echo "| $mode | $cpu | $switches |"
    rm -f "$out" "$out.0" "$out.1"
done
