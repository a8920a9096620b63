#!/usr/bin/env bash
# Measures --diag on this machine: time to "begin trace..." with the rules compiled by Roslyn (cold: an
# empty rules cache) and loaded from the cache (warm), against the default mode; and how many lifecycles per
# second --diag diagnoses in a ping flood (every context runs the rules and prints its markers).
# Usage: bench/diag-bench.sh [NETTRACE_BIN]   (root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/diag-bench.sh" "$@"
nt_ensure_packages iproute2 iputils-ping
bin=${1:-$NT_HOST_BIN}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.242.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"
export NETTRACE_RULES_CACHE=$work/rules-cache

measure() { # LABEL CLEAR_CACHE ARGS...: 5 start-ups, ms to "begin trace..."
    local label=$1 clear=$2 starts=()
    shift 2
    for _ in 1 2 3 4 5; do
        [[ $clear == yes ]] && rm -rf "$NETTRACE_RULES_CACHE"
        starts+=("$(start_nettrace "$work/start.out" "$@")")
        stop_nettrace
    done
    printf '%-28s %s\n' "$label" "$(printf '%s\n' "${starts[@]}" | print_spread)"
}

echo "## start-up (5 runs each, ms to 'begin trace...')"
measure "default mode" no -p icmp
measure "--diag, cold (Roslyn)" yes -p icmp --diag
measure "--diag, warm (cached)" no -p icmp --diag

echo "## ping flood for 5 s with --diag --diag-keep: lifecycles diagnosed per second (output to a file)"
start_nettrace "$work/flood.out" -p icmp --saddr "$subnet.1" --diag --diag-keep >/dev/null
t0=$(date +%s%N)
ip netns exec "$cli" timeout -s INT 5 ping -q -f "$subnet.2" >"$work/ping.out" 2>&1 || true
t1=$(date +%s%N)
sleep 0.5
stop_nettrace
sent=$(grep -oE '^[0-9]+ packets transmitted' "$work/ping.out" | grep -oE '^[0-9]+' || echo '?')
contexts=$(grep -c '^\*\{17\} ' "$work/flood.out" || true)
summary=$(tail -n1 "$work/flood.out.err")
echo "pings sent: $sent; contexts printed: $contexts; $(( contexts * 1000000000 / (t1 - t0) ))/s; $summary"
