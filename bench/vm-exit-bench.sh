#!/usr/bin/env bash
# Time from nettrace's last line ("end trace..." or the "nettrace: N events" summary) to its exit on Debian's
# 6.1 and 6.12 kernels under QEMU, where kprobes work: --diag ending by itself on a drop, -c reached, and Ctrl-C
# of a default-mode session, NT_RUNS times each (default 3), with the links released before the exit and handed
# to a child (before and after issue 21's hand-off, in the same boot), the links attached, where the exit waits
# (kernel stacks sampled) and each run's time to "begin trace...", so a faster exit is not paid for at start-up.
# Usage: bench/vm-exit-bench.sh [--bundle DIR]   (arguments go to tests/Vm/run.sh; NT_BENCH_MD=FILE also writes
# Markdown)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# bench_exit starts nettrace 6 * NT_RUNS + 2 times, each 10-20 s under emulation (minutes on a loaded machine).
export NETTRACE_VM_SCENARIO_TIMEOUT=${NETTRACE_VM_SCENARIO_TIMEOUT:-3600}
export NETTRACE_VM_APPEND="${NETTRACE_VM_APPEND:-} NT_RUNS=${NT_RUNS:-3}"
"$here/tests/Vm/run.sh" --kernel 6.1 --kernel 6.12 --scenario bench_exit "$@" | tee "$log"
[[ -n ${NT_BENCH_MD:-} ]] || exit 0
# The report lines come under each kernel's PASS line as "    | [LABEL] NAME: min/median/max ms ...".
awk '
    BEGIN {
        print "| kernel | links | `--diag`: end trace → exit | `-c`: summary → exit | Ctrl-C: summary → exit | Ctrl-C: signal → exit | exec → `begin trace...` |"
        print "|---|---|---|---|---|---|---|"
    }
    /^PASS / { k = $2 }
    function figure(line) { split(line, a, ": "); split(a[3], b, " ms"); return b[1] }
    /\| \[[a-z]+\] / { match($0, /\[[a-z]+\]/); l = substr($0, RSTART + 1, RLENGTH - 2); key = k " " l
                        if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
    /\] diag: end trace/ { diag[key] = figure($0) }
    /\] count: summary/ { count[key] = figure($0) }
    /\] sigint: summary/ { summ[key] = figure($0) }
    /\] sigint: signal/ { sig[key] = figure($0) }
    /\] start: exec/ { start[key] = figure($0) }
    END { for (i = 1; i <= n; i++) { key = order[i]; split(key, p, " ")
          printf "| %s | %s | %s | %s | %s | %s | %s |\n", p[1], p[2] == "wait" ? "released before the exit (before)" : "handed to a child (after)", diag[key], count[key], summ[key], sig[key], start[key] } }
' "$log" >"$NT_BENCH_MD"
