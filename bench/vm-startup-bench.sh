#!/usr/bin/env bash
# Time to "begin trace..." with the full default catalogue on Debian's 6.1 and 6.12 kernels under QEMU,
# where kprobes work (6.12 also has kprobe.multi): three runs per kernel with -v's start-up steps, then
# --diag cold (Roslyn compiles the rules) and warm (cached rules), against `nettrace --version`.
# Usage: bench/vm-startup-bench.sh [--bundle DIR]   (arguments go to tests/Vm/run.sh; NT_BENCH_MD=FILE also
# writes Markdown)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$here/tests/Vm/run.sh" --kernel 6.1 --kernel 6.12 --scenario bench_startup "$@" | tee "$log"
[[ -n ${NT_BENCH_MD:-} ]] || exit 0
# The report lines come under each kernel's PASS line as "    | ...".
awk -v args="$*" '
    BEGIN {
        print "### Start-up in the VM (kprobes, QEMU TCG)"
        print ""
        print "`bench/vm-startup-bench.sh " args "`: Debian cloud kernels under QEMU without KVM (about 30x slower than the"
        print "host, so absolute times are emulation-bound), ms from exec to `begin trace...`."
        print ""
        print "| kernel | default mode, 3 runs | `--diag` cold (Roslyn) | `--diag` warm (cached) | `--version` | programs, links (default) |"
        print "|---|---|---|---|---|---|"
    }
    /^PASS / { k = $2 }
    /\| run [0-9]: begin trace after/ { split($0, a, "after "); split(a[2], b, " "); runs[k] = runs[k] (runs[k] ? ", " : "") b[1]; split($0, c, "; "); objs[k] = c[2] }
    /\| diag cold:/ { split($0, a, "after "); split(a[2], b, " "); cold[k] = b[1] }
    /\| diag warm:/ { split($0, a, "after "); split(a[2], b, " "); warm[k] = b[1] }
    /\| baseline:/ { split($0, a, "took "); split(a[2], b, " "); base[k] = b[1]; order[++n] = k }
    END { for (i = 1; i <= n; i++) { k = order[i]; printf "| %s | %s | %s | %s | %s | %s |\n", k, runs[k], cold[k], warm[k], base[k], objs[k] } }
' "$log" >"$NT_BENCH_MD"
