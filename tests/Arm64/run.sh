#!/usr/bin/env bash
# arm64 tier: nettrace for 64-bit ARM, built on this x86-64 machine and run on Debian's arm64 kernel.
# - the bundle (./build.sh publish --arch arm64, unless BUNDLE already holds one): every executable and library in
#   it is an AArch64 ELF;
# - the .deb, RPM, tarball and OCI image for arm64 build, each saying arm64/aarch64;
# - one boot of Debian 12's 6.1 cloud-arm64 kernel under qemu-system-aarch64 (emulated): the bundle runs there,
#   `--drop -c 1` catches a SYN to a closed port with its reason and location, and a ping's lifecycle is traced
#   through kprobes (ip_rcv, icmp_rcv) from its send to its free.
# Prints "PASS name"/"FAIL name: why" per check and "arm64: N passed, M failed".
# Usage: tests/Arm64/run.sh [--publish] BUNDLE   (root: dpkg --add-architecture, apt)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC2034 # message prefix read by setup.sh
NT_PROG=arm64
# shellcheck source=../../scripts/setup.sh
source "$here/scripts/setup.sh"
# shellcheck source=../../scripts/package/arch.sh
source "$here/scripts/package/arch.sh"
publish=0
[[ ${1:-} == --publish ]] && { publish=1; shift; }
bundle=${1:?usage: tests/Arm64/run.sh [--publish] BUNDLE}
nt_set_arch arm64

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../checks.sh
source "$here/tests/checks.sh"
finish() {
    echo "arm64: tier took ${SECONDS}s"
    echo "arm64: $passed passed, $failed failed"
    ((failed == 0))
    exit
}

if ((publish)); then
    t0=$SECONDS
    if ! "$here/build.sh" publish "$bundle" --arch arm64 >"$work/publish.log" 2>&1; then
        echo "FAIL arm64: ./build.sh publish --arch arm64: $(tail -n 5 "$work/publish.log" | tr '\n' ' ')"
        failed=$((failed + 1))
        finish
    fi
    echo "arm64: published the bundle in $((SECONDS - t0))s"
fi
aarch64_only() { # every ELF file of the bundle is for AArch64
    local f machine bad=0
    while IFS= read -r -d '' f; do
        machine=$(readelf -h "$f" 2>/dev/null | sed -n 's/ *Machine: *//p')
        [[ -z $machine || $machine == AArch64 ]] || { echo "$f: $machine"; bad=1; }
    done < <(find "$bundle" -maxdepth 1 -type f \( -name nettrace -o -name nettrace-clr -o -name '*.so' -o -name '*.so.*' \) -print0)
    [[ -x $bundle/nettrace && -x $bundle/nettrace-clr ]] && ((bad == 0))
}
check "bundle: nettrace, nettrace-clr and every library are AArch64 ELF files" aarch64_only

version=$(sed -n 's:.*<NetTraceVersion>\(.*\)</NetTraceVersion>.*:\1:p' "$here/Directory.Build.props")
package() { # KIND: ./build.sh KIND for arm64 from the bundle, into $work/out
    "$here/build.sh" "$1" "$bundle" "$work/out" --arch arm64
}
deb_arm64() { package deb && [[ $(dpkg-deb -f "$work/out/nettrace_${version}_arm64.deb" Architecture) == arm64 ]]; }
rpm_arm64() { package rpm && [[ $(rpm -qp --qf '%{ARCH}' "$work/out/nettrace-$version-1.aarch64.rpm") == aarch64 ]]; }
pack_arm64() { package pack && tar -tjf "$work/out/nettrace-$version-linux-aarch64.tar.bz2" "nettrace-$version-linux-aarch64/nettrace"; }
image_arm64() {
    package image && skopeo inspect "oci-archive:$work/out/nettrace-$version-arm64-oci.tar" | grep -q '"Architecture": "arm64"'
}
check "deb: nettrace_${version}_arm64.deb builds, for arm64" deb_arm64
check "rpm: nettrace-$version-1.aarch64.rpm builds, for aarch64" rpm_arm64
check "tarball: nettrace-$version-linux-aarch64.tar.bz2 builds" pack_arm64
check "image: nettrace-$version-arm64-oci.tar builds, for arm64" image_arm64

# shellcheck source=boot.sh
source "$here/tests/Arm64/boot.sh"
finish
