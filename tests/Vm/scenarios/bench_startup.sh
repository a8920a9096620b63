# shellcheck shell=bash
# Time to "begin trace..." with the full default catalogue (recorded in docs/performance.md), three runs.
# The numbers and -v's start-up steps go to $NT_WORK/report, which the VM prints under PASS.
for i in 1 2 3; do
    start_nettrace -v
    stop_nettrace
    {
        echo "run $i: begin trace after $NT_START_MS ms"
        grep -E 'startup|attached through' "$NT_LOG" || true
    } >>"$NT_WORK/report"
done
t0=$EPOCHREALTIME
"$NT_BIN" --version >/dev/null
echo "baseline: nettrace --version took $(( (${EPOCHREALTIME/./} - ${t0/./}) / 1000 )) ms" >>"$NT_WORK/report"
