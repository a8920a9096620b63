# shellcheck shell=bash
# Time to "begin trace..." (recorded in docs/performance.md): the full default catalogue three times with
# -v's start-up steps, then --diag cold (an empty rules cache: Roslyn compiles the rules) and warm (cached),
# with the programs and links bpftool counts while tracing. The numbers go to $NT_WORK/report, which the VM
# prints under PASS.
counts() { echo "$(bpftool prog show | grep -c ' name nt_') programs, $(bpftool link show | grep -c '^[0-9]') links"; }
for i in 1 2 3; do
    start_nettrace -v
    echo "run $i: begin trace after $NT_START_MS ms; $(counts)" >>"$NT_WORK/report"
    stop_nettrace
    grep -E 'startup|attached through' "$NT_LOG" >>"$NT_WORK/report" || true
done
export NETTRACE_RULES_CACHE=$NT_WORK/rules-cache
for run in cold warm; do
    [[ $run == cold ]] && rm -rf "$NETTRACE_RULES_CACHE"
    start_nettrace --diag -p icmp
    echo "diag $run: begin trace after $NT_START_MS ms; $(counts)" >>"$NT_WORK/report"
    stop_nettrace
done
t0=$EPOCHREALTIME
"$NT_BIN" --version >/dev/null
echo "baseline: nettrace --version took $(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 )) ms" >>"$NT_WORK/report"
