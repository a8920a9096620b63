#!/usr/bin/env bash
# The user-space pipeline alone, with BenchmarkDotNet: records are captured once by real nettrace runs
# (`--record`: a SYN flood to a closed port for --drop, a ping flood for the default lifecycle mode), then
# replayed in memory through decode → mode → analysis → text and JSON writers. Reports records per second
# on one core (goal >= 1,000,000/s) and bytes allocated per record (goal 0 in steady state).
# Usage: bench/pipeline-bench.sh [NETTRACE_BIN]   (root; NT_BENCH_MD=FILE also writes Markdown)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/setup.sh
source "$here/scripts/setup.sh"
nt_reexec_as_root "$here/bench/pipeline-bench.sh" "$@"
nt_ensure_packages hping3 iproute2 iputils-ping
bin=${1:-$NT_HOST_BIN}
[[ -x $bin ]] || nt_die "no nettrace at $bin: run ./build.sh first"

subnet=10.248.0
# shellcheck source=lib.sh
source "$here/bench/lib.sh"

# NT_BENCH_KEEP=DIR keeps the recordings in DIR, and reuses them if they are there (to compare code changes).
rec=${NT_BENCH_KEEP:-$work}
mkdir -p "$rec"
if [[ ! -s $rec/drop.ntrec || ! -s $rec/lifecycle.ntrec ]]; then
    start_nettrace "$work/drop.out" --drop -p tcp --dport 9999 --record "$rec/drop.ntrec" >/dev/null
    ip netns exec "$cli" timeout -s INT 3 hping3 -q -S -p 9999 -i u50 "$subnet.2" >/dev/null 2>&1 || true
    stop_nettrace
    start_nettrace "$work/lifecycle.out" -p icmp --saddr "$subnet.1" --record "$rec/lifecycle.ntrec" >/dev/null
    ip netns exec "$cli" timeout -s INT 2 ping -q -f "$subnet.2" >/dev/null 2>&1 || true
    stop_nettrace
    echo "captured: drop $(stat -c %s "$rec/drop.ntrec") bytes ($(tail -n1 "$work/drop.out.err")); lifecycle $(stat -c %s "$rec/lifecycle.ntrec") bytes ($(tail -n1 "$work/lifecycle.out.err"))"
fi

cd "$work"
NT_BENCH_RECORDINGS=$rec dotnet run -c Release --project "$here/bench/Pipeline" -- --filter '*' --exporters github >"$work/bdn.log" 2>&1 ||
    nt_die "BenchmarkDotNet failed: $(tail -20 "$work/bdn.log")"
report=$(cat "$work"/BenchmarkDotNet.Artifacts/results/*-report-github.md)
# Per record: Mean is the time of one record (OperationsPerInvoke), Allocated its bytes.
table=$(awk -F'|' '
    /^\| *Method/ { for (i = 2; i < NF; i++) { h = $i; gsub(/ /, "", h); col[h] = i }; next }
    /^\| *[A-Z][A-Za-z]+ *\|/ && col["Mean"] {
        m = $col["Mean"]; gsub(/[ ,]/, "", m); unit = m; sub(/[0-9.]+/, "", unit); v = m + 0
        ns = unit == "us" || unit == "μs" ? v * 1000 : unit == "ms" ? v * 1e6 : v
        a = $col["Allocated"]; gsub(/^ +| +$/, "", a)
        name = $col["Method"]; gsub(/ /, "", name)
        printf "| %s | %.1f ns | %.0f | %s |\n", name, ns, 1e9 / ns, a
    }' <<<"$report")
header="| benchmark (one record) | mean time | records/s on one core | allocated per record |"$'\n'"|---|---|---|---|"
echo "$header"
echo "$table"
if [[ -n ${NT_BENCH_MD:-} ]]; then
    {
        echo "### User-space pipeline (BenchmarkDotNet, records replayed)"
        echo
        echo "\`bench/pipeline-bench.sh $bin\`: recordings made by real runs on this host (--drop: hping3 SYNs to a"
        echo "closed port; lifecycle: \`ping -f\` with \`-p icmp\`), replayed in memory in process on one core (ShortRun job);"
        echo "output to a buffered writer over \`Stream.Null\`. Goals: ≥ 1,000,000 records/s and 0 B allocated per record."
        echo
        echo "$header"
        echo "$table"
    } >"$NT_BENCH_MD"
fi
