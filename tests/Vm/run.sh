#!/usr/bin/env bash
# VM test tier: boots Debian's stock cloud kernels under QEMU (emulation, no KVM needed) and runs the
# scenarios in tests/Vm/scenarios against a published nettrace bundle, one boot per kernel.
#
#   tests/Vm/run.sh [--kernel 6.1|6.12]... [--scenario NAME]... [--bundle DIR] [--keep]
#
#   --kernel    kernel series to boot (repeatable; default: 6.1 and 6.12)
#   --scenario  scenario to run (repeatable; default: every tests/Vm/scenarios/*.sh but the bench_* ones)
#   --bundle    an existing `./build.sh publish DIR` output (default: publish one now)
#   --keep      keep the work directory (initramfs images, serial logs) and print where it is
#
# Environment: NETTRACE_VM_CACHE (kernel packages, default /var/cache/nettrace-vm), NETTRACE_VM_PARALLEL (0: boot
# the kernels one after the other; default: side by side on 2+ cores), NETTRACE_VM_SCENARIO_TIMEOUT
# (seconds per scenario, default 240), NETTRACE_VM_BOOT_TIMEOUT (seconds per boot, default derived),
# NETTRACE_VM_APPEND (extra kernel command line, e.g. no_hash_pointers while debugging).
# Prints PASS/FAIL lines, evidence for failures, and finally `vm: N passed, M failed`; exits 1 on any failure.
set -euo pipefail

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck disable=SC2034 # message prefix read by setup.sh
NT_PROG=vm
# shellcheck source-path=SCRIPTDIR source=../../scripts/setup.sh
source "$VM_DIR/../../scripts/setup.sh"

# Enough for the scenarios' netns/veth/iptables/nftables needs; the rest of the kernel's modules stay out so
# the image stays small. A scenario needing more declares them in a line `# vm-modules: name...`.
BASE_MODULES=(veth nf_tables nft_compat nft_ct nft_reject_inet nf_conntrack x_tables xt_tcpudp xt_conntrack
    ip_tables iptable_filter ip6_tables ip6table_filter)
# Copied from the host with their shared libraries.
TOOLS=(bash ip tc nft socat bpftool iperf3 xtables-nft-multi xtables-legacy-multi)
XTABLES_DIR=/usr/lib/x86_64-linux-gnu/xtables

KERNELS=()
SCENARIOS=()
BUNDLE=""
KEEP=0
SCENARIO_TIMEOUT=${NETTRACE_VM_SCENARIO_TIMEOUT:-240}
PASSED=0
FAILED=0

usage() {
    sed -n '5,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --kernel) KERNELS+=("${2:?--kernel needs 6.1 or 6.12}") && shift 2 ;;
        --scenario) SCENARIOS+=("${2:?--scenario needs a name}") && shift 2 ;;
        --bundle) BUNDLE=${2:?--bundle needs a directory} && shift 2 ;;
        --keep) KEEP=1 && shift ;;
        -h | --help) usage ;;
        *) echo "vm: unknown argument: $1" >&2 && usage ;;
    esac
done
[[ ${#KERNELS[@]} -gt 0 ]] || KERNELS=(6.1 6.12)
for k in "${KERNELS[@]}"; do
    [[ $k == 6.1 || $k == 6.12 ]] || nt_die "unknown kernel series '$k' (6.1 or 6.12)"
done
if [[ ${#SCENARIOS[@]} -eq 0 ]]; then
    for f in "$VM_DIR"/scenarios/*.sh; do
        s=${f##*/}
        # bench_* scenarios measure and assert nothing: they run only when named (bench/*.sh do).
        [[ $s == bench_* ]] || SCENARIOS+=("${s%.sh}")
    done
fi
for s in "${SCENARIOS[@]}"; do
    [[ -f $VM_DIR/scenarios/$s.sh ]] || nt_die "no scenario '$s' (tests/Vm/scenarios/$s.sh)"
done

# The kernel cache is shared across runs; an unprivileged user without access to the system path gets one
# under their home.
CACHE=${NETTRACE_VM_CACHE:-/var/cache/nettrace-vm}
if ! mkdir -p "$CACHE" 2>/dev/null || [[ ! -w $CACHE ]]; then
    [[ -z ${NETTRACE_VM_CACHE:-} ]] || nt_die "cache directory $CACHE is not writable"
    CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/nettrace-vm
    mkdir -p "$CACHE"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nettrace-vm.XXXXXX")
cleanup() {
    if ((KEEP)); then
        echo "vm: work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

# ---- kernels ----------------------------------------------------------------------------------------

# Newest kernel package of a series known to apt, as "package release"; the -unsigned flavour is preferred
# (same kernel, no signature wrapper) and the signed one is the fallback.
kernel_package() {
    local series=$1 re names newest
    case $series in
        6.1) re='^linux-image-6\.1\.0-[0-9]+-cloud-amd64(-unsigned)?$' ;;
        6.12) re='^linux-image-6\.12\.[0-9]+\+deb12-cloud-amd64(-unsigned)?$' ;;
    esac
    names=$(apt-cache search --names-only 'linux-image-6\..*-cloud-amd64' | awk '{print $1}' | grep -E "$re" || true)
    [[ -n $names ]] || return 1
    newest=$(sed 's/^linux-image-//; s/-unsigned$//' <<<"$names" | sort -uV | tail -n1)
    if grep -qx "linux-image-$newest-unsigned" <<<"$names"; then
        echo "linux-image-$newest-unsigned $newest"
    else
        echo "linux-image-$newest $newest"
    fi
}

# Download and unpack a kernel package into the cache (once), with a modules.dep for --show-depends.
# Sets KREL and KROOT.
fetch_kernel() {
    local series=$1 pkg_rel pkg deb old apt_opts=()
    if ! pkg_rel=$(kernel_package "$series"); then
        # apt's lists may be stale or absent offline; a kernel cached by an earlier run still serves.
        pkg_rel=$(cat "$CACHE/current-$series" 2>/dev/null) || nt_die "apt knows no $series cloud kernel package"
        nt_log "apt has no $series kernel; using the cached $pkg_rel"
    fi
    read -r pkg KREL <<<"$pkg_rel"
    KROOT=$CACHE/$KREL/root
    [[ -f $CACHE/$KREL/.ready ]] && return 0

    nt_log "fetching $pkg"
    rm -rf "${CACHE:?}/$KREL"
    mkdir -p "$CACHE/$KREL"
    # As root apt drops to the _apt user to download, which cannot write here.
    [[ $EUID -eq 0 ]] && apt_opts=(-o APT::Sandbox::User=root)
    if ! (cd "$CACHE/$KREL" && apt-get download -qq "${apt_opts[@]}" "$pkg"); then
        rm -rf "${CACHE:?}/$KREL"
        read -r _ old 2>/dev/null <"$CACHE/current-$series" || nt_die "apt-get download $pkg failed"
        [[ -f $CACHE/$old/.ready ]] || nt_die "apt-get download $pkg failed"
        nt_log "apt-get download $pkg failed; using the cached $old"
        KREL=$old
        KROOT=$CACHE/$KREL/root
        return 0
    fi
    deb=$(echo "$CACHE/$KREL"/*.deb)
    dpkg-deb -x "$deb" "$KROOT"
    rm -f "$deb"
    [[ -d $KROOT/lib/modules/$KREL ]] || { mkdir -p "$KROOT/lib" && ln -s ../usr/lib/modules "$KROOT/lib/modules"; }
    /usr/sbin/depmod -b "$KROOT" "$KREL"
    touch "$CACHE/$KREL/.ready"
    # Keep only the current kernel of each series.
    if [[ -f $CACHE/current-$series ]]; then
        read -r _ old <"$CACHE/current-$series" || true
        [[ $old == "$KREL" || -z $old ]] || rm -rf "${CACHE:?}/$old"
    fi
    echo "$pkg_rel" >"$CACHE/current-$series"
}

# ---- initramfs: tests/Vm/image.sh ------------------------------------------------------------------
# shellcheck source=image.sh
source "$VM_DIR/image.sh"

# ---- boot -------------------------------------------------------------------------------------------

# Boot one kernel, stream its PASS/FAIL lines (and the evidence under each FAIL), count them. A kernel that dies
# before /init ran nothing of the project's (seen once on 6.12 under TCG: a panic in the idle loop at 4 s), so it is
# booted once more, said in one line; a second such death counts every scenario as failed.
boot_kernel() {
    local series=$1 attempt
    for attempt in 1 2; do
        boot_kernel_once "$series" "$attempt" && return 0
        echo "vm: $series: the kernel died before /init (an emulator fault, not a scenario's); booting it again"
    done
}

# crash_report SERIES LOG: what a VM that did not finish left on its console: the kernel's report from its first
# line (BUG, Oops, a fault, a panic), with the last nettrace started before it, else the console's last lines; the
# whole console is kept in .cache/ (the work directory goes), so a rare crash can be read later.
crash_report() {
    local series=$1 log=$2 first kept
    kept=$NT_ROOT/.cache/vm-serial-$series-$(date +%Y%m%d-%H%M%S).log
    mkdir -p "$NT_ROOT/.cache" && cp "$log" "$kept" && echo "    --- the whole serial console is kept in $kept"
    first=$(grep -n -m1 -E 'BUG: |Oops|general protection fault|kernel BUG at|Kernel panic' "$log" | cut -d: -f1 || true)
    if [[ -n $first ]]; then
        grep -E 'NTVM-START ' <(head -n "$first" "$log") | tail -n 1 | sed 's/^.*NTVM-START /    last started before it: /'
        echo "    --- the kernel's report"
        tail -n "+$first" "$log" | head -n 60 | sed 's/^/    /'
    else
        echo "    --- last lines of the serial console"
        tail -n 40 "$log" | sed 's/^/    /'
    fi
}

# boot_kernel_once SERIES ATTEMPT: one boot; status 1 when the kernel died before /init on a first attempt
# (nothing counted then, the caller boots again).
boot_kernel_once() {
    local series=$1 attempt=$2
    local log=$WORK/serial-$series.log line evidence=0 done=0 start booted="" s rel up
    local -A reported=()
    local boot_timeout=${NETTRACE_VM_BOOT_TIMEOUT:-$((180 + SCENARIO_TIMEOUT * ${#SCENARIOS[@]}))}
    start=$SECONDS
    : >"$log"
    while IFS= read -r line; do
        line=${line%$'\r'}
        echo "$line" >>"$log"
        case $line in
            "PASS "* | "FAIL "*)
                echo "$line"
                read -r _ _ s _ <<<"$line"
                s=${s%:}
                reported[$s]=1
                if [[ $line == PASS* ]]; then
                    PASSED=$((PASSED + 1)) && evidence=0
                else
                    FAILED=$((FAILED + 1)) && evidence=1
                fi
                ;;
            "    | "*) echo "$line" ;; # a passing scenario's report (measurements)
            "    "*) ((evidence)) && echo "$line" ;;
            *"NTVM-BOOTED "*)
                booted=$((SECONDS - start)) && evidence=0
                read -r _ rel _ up <<<"${line#*NTVM-BOOTED }"
                echo "vm: $series: $rel reached /init at ${up} kernel uptime"
                ;;
            *"NTVM-DONE "*) done=1 && evidence=0 ;;
            "note: "*) echo "vm: $series: $line" ;;
        esac
    # --foreground keeps QEMU in our process group, so a Ctrl-C of this script stops it too.
    done < <(timeout --foreground "$boot_timeout" qemu-system-x86_64 -m 3072 -smp 2 -cpu max -nographic -no-reboot -nic none \
        -kernel "$KROOT/boot/vmlinuz-$KREL" -initrd "$WORK/initrd-$series.img" \
        -append "console=ttyS0 panic=-1 quiet ${NETTRACE_VM_APPEND:-}" </dev/null 2>&1)

    if ((!done)) && [[ -z $booted ]] && ((attempt == 1)); then
        echo "    --- last lines of the serial console"
        tail -n 12 "$log" | sed 's/^/    /'
        return 1
    fi
    if ((!done)); then
        for s in $(kernel_scenarios "$series"); do
            [[ -n ${reported[$s]:-} ]] && continue
            echo "FAIL $series $s: not run, the VM did not finish (${boot_timeout}s limit, crash or hang)"
            FAILED=$((FAILED + 1))
        done
        crash_report "$series" "$log"
    fi
    echo "vm: $series: ${booted:-?}s from QEMU start to /init, $((SECONDS - start))s in total"
}

# ---- main -------------------------------------------------------------------------------------------

nt_ensure_packages "${NT_TEST_PACKAGES[@]}" iproute2
tier_start=$SECONDS
if [[ -z $BUNDLE ]]; then
    BUNDLE=$WORK/bundle
    if ! "$NT_ROOT/build.sh" publish "$BUNDLE" >"$WORK/publish.log" 2>&1; then
        cat "$WORK/publish.log" >&2
        echo "FAIL bundle: ./build.sh publish failed"
        echo "vm: 0 passed, 1 failed"
        exit 1
    fi
    echo "vm: bundle published in $((SECONDS - tier_start))s"
fi
BUNDLE=$(cd "$BUNDLE" && pwd)
[[ -x $BUNDLE/nettrace ]] || nt_die "$BUNDLE/nettrace is missing or not executable"

t=$SECONDS
build_common_image
echo "vm: common image built in $((SECONDS - t))s ($(du -h "$WORK/common.cpio" | cut -f1))"

# run_kernel SERIES: fetch, image and boot one kernel; its PASS/FAIL counts go to $WORK/counts-SERIES.
run_kernel() {
    local series=$1 t=$SECONDS
    exec 9>"$CACHE/.lock" # runs sharing the cache take turns fetching
    flock 9
    fetch_kernel "$series"
    build_kernel_image "$series"
    flock -u 9
    echo "vm: $series: $KREL ready in $((SECONDS - t))s"
    boot_kernel "$series"
    echo "$PASSED $FAILED" >"$WORK/counts-$series"
}

# Each boot keeps about one emulated CPU busy (a scenario is mostly one process starting, or the verifier), so on
# a machine with two or more cores the kernels boot side by side: each kernel's report is printed, whole, when its
# VM powers off. NETTRACE_VM_PARALLEL=0 boots them one after the other, streaming as they go.
parallel=${NETTRACE_VM_PARALLEL:-$(($(nproc) >= 2 && ${#KERNELS[@]} > 1))}
if ((parallel)); then
    declare -A job_series=()
    for series in "${KERNELS[@]}"; do
        run_kernel "$series" >"$WORK/report-$series" 2>&1 &
        job_series[$!]=$series
    done
    echo "vm: booting ${KERNELS[*]} side by side (NETTRACE_VM_PARALLEL=0 for one at a time)"
    while ((${#job_series[@]} > 0)); do
        done_pid=""
        wait -n -p done_pid "${!job_series[@]}" || true
        [[ -n $done_pid ]] || break
        cat "$WORK/report-${job_series[$done_pid]}"
        unset "job_series[$done_pid]"
    done
else
    for series in "${KERNELS[@]}"; do
        (run_kernel "$series")
    done
fi
for series in "${KERNELS[@]}"; do
    if read -r p f <"$WORK/counts-$series" 2>/dev/null; then
        PASSED=$((PASSED + p)) FAILED=$((FAILED + f))
    else
        echo "FAIL $series: the kernel's run ended before reporting (see above)"
        FAILED=$((FAILED + 1))
    fi
done
echo "vm: tier took $((SECONDS - tier_start))s"
echo "vm: $PASSED passed, $FAILED failed"
((FAILED == 0))
