#!/usr/bin/env bash
# Time to "begin trace..." with the full default catalogue on Debian's 6.1 and 6.12 kernels under QEMU,
# where kprobes work (6.12 also has kprobe.multi): three runs per kernel, with -v's start-up steps.
# Usage: bench/vm-startup-bench.sh [--bundle DIR]   (arguments go to tests/Vm/run.sh)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "$here/tests/Vm/run.sh" --kernel 6.1 --kernel 6.12 --scenario bench_startup "$@"
