#!/usr/bin/env bash
# Measures the default (lifecycle) and --basic modes on this machine: time to "begin trace...", and how
# many ping lifecycles per second they follow (a ping flood inside a network namespace pair). On this
# project's host only tracepoints attach; the kprobe start-up numbers come from the VM scenario
# startup_time (tests/Vm/run.sh --scenario startup_time), which prints them under PASS.
# Usage: bench/lifecycle-bench.sh [NETTRACE_BIN]   (root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/lifecycle-bench.sh" "$@"
nt_ensure_packages iproute2 iputils-ping
bin=${1:-$NT_HOST_BIN}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.241.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

echo "## start-up, default catalogue (5 runs, ms to 'begin trace...')"
starts=()
for _ in 1 2 3 4 5; do
    starts+=("$(start_nettrace "$work/start.out" -p icmp)")
    stop_nettrace
done
printf '%s\n' "${starts[@]}" | print_spread

echo "## ping flood for 5 s: packets followed per second (output to a file)"
printf '%-10s %10s %10s %10s %10s %12s\n' "mode" "pings" "events" "printed" "lost" "printed/s"
for mode in lifecycle basic; do
    args=(-p icmp --saddr "$subnet.1")
    [[ $mode == basic ]] && args+=(--basic)
    start_nettrace "$work/flood.out" "${args[@]}" >/dev/null
    t0=$(date +%s%N)
    ip netns exec "$cli" timeout -s INT 5 ping -q -f "$subnet.2" >"$work/ping.out" 2>&1 || true
    t1=$(date +%s%N)
    sleep 0.5
    stop_nettrace
    sent=$(grep -oE '^[0-9]+ packets transmitted' "$work/ping.out" | grep -oE '^[0-9]+' || echo '?')
    # "nettrace: E events, P packets|printed, L lost"
    read -r events printed lost < <(sed -nE 's/^nettrace: ([0-9]+) events, ([0-9]+) [a-z]+, ([0-9]+) lost.*/\1 \2 \3/p' "$work/flood.out.err")
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b-a)/1e9}')
    printf '%-10s %10s %10s %10s %10s %12.0f\n' "$mode" "$sent" "${events:-?}" "${printed:-?}" "${lost:-?}" \
        "$(awk -v e="${printed:-0}" -v s="$secs" 'BEGIN {print e/s}')"
done
