#!/usr/bin/env bash
# Traffic overhead of nettrace where kprobes/fentry attach: iperf3 throughput between two namespaces in Debian's
# 6.1 and 6.12 kernels under QEMU, untraced, with --drop, --monitor, and lifecycle filtered to nothing and to the
# measured flow (tests/Vm/scenarios/bench_overhead.sh). With NT_BENCH_MD=FILE it also writes a Markdown
# fragment of the results to FILE.
# Usage: [NT_ROUNDS=N] [NT_SECS=S] [NT_BENCH_SET=modes|monitor|latency|filter|kernel|bpfprogs] [NT_BENCH_MD=FILE] bench/vm-overhead-bench.sh [--bundle DIR]
#        (NT_ROUNDS rounds of NT_SECS-second runs, default 5 and 3; NT_BENCH_SET=monitor compares --monitor on fexit
#        with kretprobes behind a firewall rule, NT_BENCH_SET=latency --latency, --latency-summary and --func-stats
#        with the lifecycle of the measured flow, NT_BENCH_SET=filter a lifecycle filtered to nothing by flags and by
#        the same filter expression, NT_BENCH_SET=kernel that filter over the catalogue and over -t kernel,
#        NT_BENCH_SET=bpfprogs that filter with and without --bpf-progs watching a tc program; arguments go to
#        tests/Vm/run.sh)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cmd=""
for v in NT_ROUNDS NT_SECS NT_BENCH_SET; do
    # The kernel hands unknown name=value parameters of its command line to /init's environment.
    [[ -z ${!v:-} ]] || { NETTRACE_VM_APPEND+=" $v=${!v}" && cmd+="$v=${!v} "; }
done
cmd+=bench/vm-overhead-bench.sh
(($# == 0)) || cmd+=$(printf ' %q' "$@")
# Four traced configurations a round, each with nettrace's emulated start-up (5-20 s), settling (up to 20 s)
# and stop: more than the default 240 s a scenario gets.
# One kernel at a time: two emulated VMs side by side on 2 cores made the untraced rounds spread over 55 % of
# their median (issue 23), more than any configuration's cost.
export NETTRACE_VM_PARALLEL=${NETTRACE_VM_PARALLEL:-0}
export NETTRACE_VM_APPEND NETTRACE_VM_SCENARIO_TIMEOUT=${NETTRACE_VM_SCENARIO_TIMEOUT:-$((120 + ${NT_ROUNDS:-5} * 5 * (${NT_SECS:-3} + 35)))}

load0=$(cut -d' ' -f1 /proc/loadavg)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
"$here/tests/Vm/run.sh" --kernel 6.1 --kernel 6.12 --scenario bench_overhead "$@" | tee "$out" || rc=$?
[[ -n ${NT_BENCH_MD:-} ]] || exit "$rc"
((rc == 0)) || { echo "vm-overhead-bench: run failed, $NT_BENCH_MD not written" >&2 && exit "$rc"; }

# run.sh prints the scenario's report under its PASS line as "    | ..." (see bench_overhead.sh for the lines).
re_rel='^vm: ([0-9.]+): ([^ ]+) reached /init' re_pass='^PASS ([0-9.]+) bench_overhead'
re_row='^    \| (.+): median ([0-9.]+) Mbit/s, rounds (.+), min ([0-9.]+), max ([0-9.]+), spread ([0-9]+%), ratio ([0-9.]+)$'
re_seen='^    \| nettrace (.+): seen: (.+)$'
re_attach='^    \| nettrace (.+): attach: (.+)$' re_method='^    \| method: (.+)$'
rels=() rows="" attach="" seen="" method="" k=""
while IFS= read -r line; do
    if [[ $line =~ $re_rel ]]; then
        rels+=("${BASH_REMATCH[2]}")
    elif [[ $line =~ $re_pass ]]; then
        k=${BASH_REMATCH[1]}
    elif [[ $line =~ $re_method ]]; then
        method=${BASH_REMATCH[1]}
    elif [[ $line =~ $re_row ]]; then
        rows+="| $k | \`${BASH_REMATCH[1]}\` | ${BASH_REMATCH[2]} | ${BASH_REMATCH[3]// /, } | ${BASH_REMATCH[4]} / ${BASH_REMATCH[5]} / ${BASH_REMATCH[6]} | ${BASH_REMATCH[7]} |"$'\n'
    elif [[ $line =~ $re_seen ]]; then
        # nettrace's own CPU seconds during each traced run: on 2 vCPUs they come out of the traffic.
        cpu=$(grep -o 'CPU [0-9.]* s' <<<"${BASH_REMATCH[2]}" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $2 }')
        seen+="- $k, \`${BASH_REMATCH[1]}\`: nettrace's CPU seconds per run: $cpu"$'\n'
    elif [[ $line =~ $re_attach ]]; then
        attach+="- $k, \`${BASH_REMATCH[1]}\`: ${BASH_REMATCH[2]}"$'\n'
    fi
done <"$out"
kernels=$(printf '%s, ' "${rels[@]}")
{
    case ${NT_BENCH_SET:-modes} in
    monitor) echo "### \`--monitor\` in the VM: fexit against kretprobes, behind a firewall rule" ;;
    latency) echo "### Upstream's performance options in the VM" ;;
    *) echo "### Traffic overhead in the VM (kprobe/fentry)" ;;
    esac
    echo
    echo "Command: \`$cmd\` (measured $(date +%F); kernels ${kernels%, })."
    echo
    echo "Method: iperf3 TCP throughput over a veth pair between two namespaces inside the VM, $method." \
        "The VM is QEMU TCG (pure emulation, no KVM), so the absolute Mbit/s are bound by the emulation;" \
        "the ratios to untraced are what matter. The host running QEMU had $(nproc) CPUs, load average" \
        "$load0 before and $(cut -d' ' -f1 /proc/loadavg) after; the run took $SECONDS s."
    echo
    echo "| kernel | configuration | median Mbit/s | rounds | min / max / spread | ratio vs untraced |"
    echo "| --- | --- | --- | --- | --- | --- |"
    printf '%s' "$rows"
    echo
    printf '%s' "$seen"
    echo
    echo "How lifecycle functions attached:"
    echo
    printf '%s' "$attach"
} >"$NT_BENCH_MD"
echo "vm-overhead-bench: wrote $NT_BENCH_MD"
