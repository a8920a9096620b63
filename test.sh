#!/usr/bin/env bash
# ./test.sh [unit|host|vm|package]...   run the test tiers (default: all, in that order) and report each one's time
#
#   unit     dotnet test tests/Unit   no kernel needed
#   host     dotnet test tests/Host   real kernel: needs root
#   vm       tests/Vm/run.sh          Debian kernels 6.1 and 6.12 under QEMU
#   package  tests/Package/run.sh     the .deb installed on a clean Debian 12 root: needs root
#
# A tier whose project does not exist yet is "not present". A tier that cannot run here (not root, no QEMU)
# is skipped with the reason, except under CI=true where that counts as a failure. The last line is the
# total over all tests, `N passed, M failed`, which CI reads; the exit code is non-zero if anything failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/setup.sh
source "$here/scripts/setup.sh"
# shellcheck source=tests/tools.sh
source "$here/tests/tools.sh"
cd "$NT_ROOT"

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
ANY_FAILED=0
CI=${CI:-false}

usage() {
    sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# record TIER STATUS SECONDS PASSED FAILED [NOTE]
record() {
    local tier=$1 status=$2 secs=$3 passed=$4 failed=$5 note=${6:-}
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    [[ $status == failed ]] && ANY_FAILED=1
    SUMMARY+=("$(printf '%-7s %-11s %4ss  %s passed, %s failed%s' "$tier" "$status" "$secs" "$passed" "$failed" \
        "${note:+  ($note)}")")
}

# A tier that cannot run here: a failure in CI, where every tier must run; a note on a developer machine.
skip() {
    local tier=$1 reason=$2
    if [[ $CI == true ]]; then
        echo "$tier: FAILED: cannot run under CI: $reason"
        record "$tier" failed 0 0 1 "$reason"
    else
        echo "$tier: skipped: $reason"
        record "$tier" skipped 0 0 0 "$reason"
    fi
}

# Run `dotnet test` on one project directory; counts come from its "Passed!/Failed!  - Failed: N, Passed: N"
# summary lines (one per test assembly).
dotnet_tier() {
    local tier=$1 dir=$2 start=$SECONDS log rc=0 passed=0 failed=0 line f p
    log=$(mktemp)
    echo "$tier: dotnet test $dir -c Release"
    dotnet test "$dir" -c Release --nologo >"$log" 2>&1 || rc=$?
    while IFS= read -r line; do
        echo "  ${line#"${line%%[![:space:]]*}"}"
        f=$(sed -n 's/.*Failed: *\([0-9]*\),.*/\1/p' <<<"$line")
        p=$(sed -n 's/.*Passed: *\([0-9]*\),.*/\1/p' <<<"$line")
        failed=$((failed + ${f:-0}))
        passed=$((passed + ${p:-0}))
    done < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" || true)
    if ((rc != 0)); then
        cat "$log"
        # A build or runner failure reports no counts; it still has to show up as a failure.
        ((failed > 0)) || failed=1
        record "$tier" failed $((SECONDS - start)) "$passed" "$failed" "dotnet test exit code $rc"
    else
        record "$tier" passed $((SECONDS - start)) "$passed" "$failed"
    fi
    rm -f "$log"
}

tier_unit() {
    if ! compgen -G "tests/Unit/*.csproj" >/dev/null; then
        echo "unit: not present (no tests/Unit/*.csproj)"
        record unit "not present" 0 0 0
        return
    fi
    dotnet_tier unit tests/Unit
    # The benchmarks are not run here (bench/run.sh does), but they must keep compiling against the host.
    local start=$SECONDS log
    log=$(mktemp)
    if ! dotnet build bench/Pipeline -c Release --nologo >"$log" 2>&1; then
        cat "$log"
        record bench-build failed $((SECONDS - start)) 0 1 "bench/Pipeline does not compile"
    fi
    rm -f "$log"
}

tier_host() {
    if ! compgen -G "tests/Host/*.csproj" >/dev/null; then
        echo "host: not present (no tests/Host/*.csproj)"
        record host "not present" 0 0 0
        return
    fi
    if [[ $EUID -ne 0 ]]; then
        skip host "needs root (run: sudo ./test.sh host)"
        return
    fi
    dotnet_tier host tests/Host
}

# script_tier TIER COMMAND...: run a tier's script on the shared bundle; its counts come from its last
# "TIER: N passed, M failed" line.
script_tier() {
    local tier=$1 start=$SECONDS log rc=0 counts passed=0 failed=0
    shift
    ensure_bundle || { record "$tier" failed $((SECONDS - start)) 0 1 "./build.sh publish failed"; return; }
    log=$(mktemp)
    "$@" "$BUNDLE" 2>&1 | tee "$log" || rc=$?
    counts=$(grep -E "^$tier: [0-9]+ passed, [0-9]+ failed\$" "$log" | tail -n1 || true)
    [[ -n $counts ]] && read -r _ passed _ failed _ <<<"$counts"
    rm -f "$log"
    if ((rc != 0)); then
        ((failed > 0)) || failed=1
        record "$tier" failed $((SECONDS - start)) "$passed" "$failed"
    else
        record "$tier" passed $((SECONDS - start)) "$passed" "$failed"
    fi
}

tier_vm() {
    if [[ ! -x tests/Vm/run.sh ]]; then
        echo "vm: not present (no tests/Vm/run.sh)"
        record vm "not present" 0 0 0
        return
    fi
    if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
        skip vm "qemu-system-x86_64 is not installed"
        return
    fi
    script_tier vm tests/Vm/run.sh --bundle
}

tier_package() {
    if [[ $EUID -ne 0 ]]; then
        skip package "needs root (run: sudo ./test.sh package)"
        return
    fi
    script_tier package tests/Package/run.sh
}

# The published bundle the vm and package tiers share: published once per run (a few minutes).
BUNDLE=""
ensure_bundle() {
    [[ -n $BUNDLE ]] && return
    local start=$SECONDS
    BUNDLE=$NT_ROOT/.cache/test-bundle
    rm -rf "$BUNDLE"
    if ! ./build.sh publish "$BUNDLE"; then
        BUNDLE=""
        return 1
    fi
    echo "bundle published in $((SECONDS - start))s"
}

tiers=("$@")
[[ ${#tiers[@]} -gt 0 ]] || tiers=(unit host vm package)
for t in "${tiers[@]}"; do
    [[ $t == unit || $t == host || $t == vm || $t == package ]] || usage
done

run_start=$SECONDS
nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}"
# The test tiers' tools: installed when we can (root or sudo); without them, the tiers that need them skip.
if [[ $EUID -eq 0 ]] || command -v sudo >/dev/null 2>&1; then
    nt_ensure_packages "${NT_TEST_PACKAGES[@]}" "${NT_PUBLISH_PACKAGES[@]}"
    # Every program the chosen tiers run must come from a package the scripts install (tests/tools.sh).
    nt_check_tools "${tiers[@]}"
    record tools "$( ((TOOLS_FAILED == 0)) && echo passed || echo failed)" $((SECONDS - run_start)) "$TOOLS_PASSED" \
        "$TOOLS_FAILED" "packages installed and every program the tiers run checked against the install lists"
fi
nt_require_dotnet

for t in "${tiers[@]}"; do
    "tier_$t"
done

echo
echo "summary:"
printf '  %s\n' "${SUMMARY[@]}"
echo "  total   $((SECONDS - run_start))s"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
((ANY_FAILED == 0 && TOTAL_FAILED == 0))
