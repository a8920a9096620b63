#!/usr/bin/env bash
# ./test.sh [unit|deploy|host|vm|package|arm64]...   run the test tiers (default: all) and report each one's time and the total
#
#   unit     dotnet test tests/Unit   no kernel needed
#   deploy   tests/Deploy/run.sh      Kubernetes manifests, alert rules and dashboard, checked without a cluster
#   host     dotnet test tests/Host   real kernel: needs root
#   vm       tests/Vm/run.sh          Debian kernels 6.1 and 6.12 under QEMU
#   package  tests/Package/run.sh     the .deb installed on a clean Debian 12 root, the OCI image under podman: root
#   arm64    tests/Arm64/run.sh       the arm64 bundle and packages, run on Debian's arm64 kernel under QEMU: root
#
# Order: unit, deploy; host while the bundle for vm and package publishes in the background, and the arm64 tier (its
# own bundle first) runs from then on; then vm and package side by side; the outputs printed in that order. A tier whose project does not exist yet is "not
# present". A tier that cannot run here (not root, no QEMU) is skipped with the reason, except under CI=true where
# that counts as a failure. First of all, every program the chosen tiers run is checked to come from a package the
# scripts install (tests/tools.sh). The last line is the total over all tests, `N passed, M failed`, which CI reads;
# the exit code is non-zero if anything failed.
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
    sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
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

# The deploy tier: quick, no root, run in the foreground.
tier_deploy() {
    local start=$SECONDS log rc=0 counts passed=0 failed=0
    log=$(mktemp)
    echo "deploy: tests/Deploy/run.sh"
    tests/Deploy/run.sh >"$log" 2>&1 || rc=$?
    sed 's/^/  /' "$log"
    counts=$(grep -E '^deploy: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n1 || true)
    [[ -n $counts ]] && read -r _ passed _ failed _ <<<"$counts"
    rm -f "$log"
    if ((rc != 0)); then
        ((failed > 0)) || failed=1
        record deploy failed $((SECONDS - start)) "$passed" "$failed"
    else
        record deploy passed $((SECONDS - start)) "$passed" "$failed"
    fi
}

# Script tiers (vm, package) run on the shared bundle, each possibly in the background: script_tier_start
# launches one with its output in a log, script_tier_finish waits for it, prints the log and records its counts
# from the last "TIER: N passed, M failed" line.
declare -A TIER_PID=() TIER_LOG=() TIER_START=()
script_tier_start() {
    local tier=$1
    shift
    TIER_START[$tier]=$SECONDS
    TIER_LOG[$tier]=$(mktemp)
    if ! bundle_wait; then
        echo "$tier: FAILED: ./build.sh publish failed" >"${TIER_LOG[$tier]}"
        TIER_PID[$tier]=""
        return
    fi
    "$@" "$BUNDLE" >"${TIER_LOG[$tier]}" 2>&1 &
    TIER_PID[$tier]=$!
}

script_tier_finish() {
    local tier=$1 note=${2:-} log=${TIER_LOG[$1]} rc=0 counts passed=0 failed=0
    if [[ -n ${TIER_PID[$tier]} ]]; then
        wait "${TIER_PID[$tier]}" || rc=$?
    else
        rc=1
    fi
    cat "$log"
    counts=$(grep -E "^$tier: [0-9]+ passed, [0-9]+ failed\$" "$log" | tail -n1 || true)
    [[ -n $counts ]] && read -r _ passed _ failed _ <<<"$counts"
    rm -f "$log"
    if ((rc != 0)); then
        ((failed > 0)) || failed=1
        record "$tier" failed $((SECONDS - TIER_START[$tier])) "$passed" "$failed" "$note"
    else
        record "$tier" passed $((SECONDS - TIER_START[$tier])) "$passed" "$failed" "$note"
    fi
}

# A script tier that cannot run here is recorded at once and never started.
vm_runnable() {
    if [[ ! -x tests/Vm/run.sh ]]; then
        echo "vm: not present (no tests/Vm/run.sh)"
        record vm "not present" 0 0 0
        return 1
    fi
    if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
        skip vm "qemu-system-x86_64 is not installed"
        return 1
    fi
}

arm64_runnable() {
    if [[ $EUID -ne 0 ]]; then
        skip arm64 "needs root (run: sudo ./test.sh arm64)"
        return 1
    fi
    if ! command -v qemu-system-aarch64 >/dev/null 2>&1; then
        skip arm64 "qemu-system-aarch64 is not installed"
        return 1
    fi
}

# The arm64 tier starts with the x64 bundle's publish, while the host tier mostly waits for packets: it publishes
# its own bundle from a copy of the sources of its own (the two publishes would share a copy's obj/ otherwise).
ARM64_BUNDLE=$NT_ROOT/.cache/test-bundle-arm64
arm64_start() {
    local src=$NT_ROOT/.cache/publish-src-arm64
    rm -rf "$ARM64_BUNDLE" "$src"
    mkdir -p "$src"
    copy_sources "$src"
    TIER_START[arm64]=$SECONDS
    TIER_LOG[arm64]=$(mktemp)
    "$src/tests/Arm64/run.sh" --publish "$ARM64_BUNDLE" >"${TIER_LOG[arm64]}" 2>&1 &
    TIER_PID[arm64]=$!
    echo "arm64: publishing and testing in the background"
}

package_runnable() {
    if [[ $EUID -ne 0 ]]; then
        skip package "needs root (run: sudo ./test.sh package)"
        return 1
    fi
}

# The bundle the vm and package tiers share, published once per run in the background: the publish (mostly the
# composite ReadyToRun compile, on one core) overlaps the host tier, which mostly waits for packets. It builds
# from a copy of the working tree, so its restore and build for linux-x64 cannot race the host tier's in obj/.
BUNDLE=$NT_ROOT/.cache/test-bundle
BUNDLE_PID=""
BUNDLE_STATE=none # none, started, ready, failed
# copy_sources DIR: the sources as they are now (3 MB), without build outputs: no git needed, uncommitted changes
# included.
copy_sources() {
    tar -C "$NT_ROOT" --exclude=./.git --exclude=./.cache --exclude=./out --exclude=bin --exclude=obj --exclude=obj-native \
        --exclude=bin-arm64 --exclude=obj-arm64 --exclude=obj-native-arm64 --exclude=TestResults -cf - . | tar -C "$1" -xf -
}

bundle_start() {
    [[ $BUNDLE_STATE == none ]] || return 0
    local src=$NT_ROOT/.cache/publish-src
    rm -rf "$BUNDLE" "$src"
    mkdir -p "$src"
    copy_sources "$src"
    BUNDLE_START=$SECONDS
    "$src/build.sh" publish "$BUNDLE" >"$NT_ROOT/.cache/test-bundle.log" 2>&1 &
    BUNDLE_PID=$!
    BUNDLE_STATE=started
    echo "bundle: publishing in the background (log: .cache/test-bundle.log)"
}

bundle_wait() {
    bundle_start
    if [[ $BUNDLE_STATE == started ]]; then
        if wait "$BUNDLE_PID" && [[ -x $BUNDLE/nettrace ]]; then
            BUNDLE_STATE=ready
            echo "bundle: published in $((SECONDS - BUNDLE_START))s"
        else
            BUNDLE_STATE=failed
            cat "$NT_ROOT/.cache/test-bundle.log"
        fi
    fi
    [[ $BUNDLE_STATE == ready ]]
}

tiers=("$@")
[[ ${#tiers[@]} -gt 0 ]] || tiers=(unit deploy host vm package arm64)
for t in "${tiers[@]}"; do
    [[ $t == unit || $t == deploy || $t == host || $t == vm || $t == package || $t == arm64 ]] || usage
done

# The host and package tiers need root: a normal user's run becomes root through sudo, as nettrace.sh does (CI and
# the NETTRACE_*/DOTNET_* settings kept), and hands what it wrote in the checkout back to that user at the end,
# so their own builds keep working. Without sudo it goes on as the user and skips what needs root.
if [[ $EUID -ne 0 ]] && command -v sudo >/dev/null 2>&1; then
    keep=("CI=$CI")
    while IFS= read -r var; do keep+=("$var=${!var}"); done < <(compgen -e | grep -E '^(NETTRACE|DOTNET)_' || true)
    exec sudo -- env "PATH=$PATH" "${keep[@]}" "$here/test.sh" "$@"
fi
give_back() {
    [[ $EUID -eq 0 && -n ${SUDO_UID:-} && $(stat -c %u "$NT_ROOT") == "$SUDO_UID" ]] || return 0
    find "$NT_ROOT" -path "$NT_ROOT/.git" -prune -o -uid 0 -print0 | xargs -0 -r chown -h "$SUDO_UID:${SUDO_GID:-$SUDO_UID}"
}

run_start=$SECONDS
nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}"
# The test tiers' tools: installed when we can (root or sudo); without them, the tiers that need them skip.
if [[ $EUID -eq 0 ]] || command -v sudo >/dev/null 2>&1; then
    nt_ensure_packages "${NT_TEST_PACKAGES[@]}" "${NT_PUBLISH_PACKAGES[@]}"
    command -v npm >/dev/null 2>&1 || nt_ensure_packages "${NT_NPM_PACKAGES[@]}"
    # arm64's libraries now (dpkg --add-architecture, apt-get update), not while the VM tier asks apt for its kernels.
    if [[ " ${tiers[*]} " == *" arm64 "* ]]; then
        # shellcheck source=scripts/package/arch.sh
        source "$here/scripts/package/arch.sh"
        nt_set_arch arm64
        nt_arch_packages
    fi
    # Every program the chosen tiers run must come from a package the scripts install (tests/tools.sh).
    nt_check_tools "${tiers[@]}"
    record tools "$( ((TOOLS_FAILED == 0)) && echo passed || echo failed)" $((SECONDS - run_start)) "$TOOLS_PASSED" \
        "$TOOLS_FAILED" "packages installed and every program the tiers run checked against the install lists"
fi
nt_require_dotnet

# Background jobs (the publish, a tier) must not outlive an interrupted run.
trap 'kill $(jobs -p) 2>/dev/null || true; give_back' EXIT

want() { [[ " ${tiers[*]} " == *" $1 "* ]]; }
run_vm=0 run_package=0 run_arm64=0
want vm && vm_runnable && run_vm=1
want package && package_runnable && run_package=1
want arm64 && arm64_runnable && run_arm64=1
want unit && tier_unit
want deploy && tier_deploy
((run_vm || run_package)) && bundle_start
((run_arm64)) && arm64_start
want host && tier_host
# The VMs keep about a core each busy; the package tier (a debootstrap download, dpkg, compressors) fits beside them.
((run_package)) && script_tier_start package tests/Package/run.sh
((run_vm)) && script_tier_start vm tests/Vm/run.sh --bundle
((run_vm)) && script_tier_finish vm
((run_package)) && script_tier_finish package "$( ((run_vm)) && echo "beside the vm tier")"
((run_arm64)) && script_tier_finish arm64 "beside the others"

echo
echo "summary:"
printf '  %s\n' "${SUMMARY[@]}"
echo "  total   $((SECONDS - run_start))s"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
((ANY_FAILED == 0 && TOTAL_FAILED == 0))
