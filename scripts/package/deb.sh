# shellcheck shell=bash
# nt_build_deb BUNDLE OUTDIR: nettrace_<version>_<arch>.deb (NT_ARCH, scripts/package/arch.sh) from a published bundle, with dpkg-deb. The bundle
# carries every library it loads except glibc, so glibc is the only dependency.
nt_build_deb() {
    local bundle=$1 out=$2 stage version glibc size deb
    version=$(nt_version)
    stage=$(mktemp -d)
    nt_stage_layout "$bundle" "$stage"
    glibc=$(nt_glibc_floor "$bundle")
    size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
    install -d "$stage/DEBIAN"
    cat >"$stage/DEBIAN/control" <<CONTROL
Package: nettrace
Version: $version
Architecture: $NT_ARCH
Maintainer: nettrace developers <nettrace@localhost>
Depends: libc6 (>= $glibc)
Recommends: bpftool
Section: net
Priority: optional
Installed-Size: $size
Homepage: https://localhost/nettrace
Description: eBPF network tracer: packet lifecycles, drops with reasons, diagnosis
 nettrace follows a packet through the Linux kernel function by function (across NAT
 and clones), reports every drop with the kernel's reason, diagnoses faults from a
 knowledge base of rules with fix advice, traces TCP sockets, and runs as a light
 always-on monitor with Prometheus metrics. Self-contained: the .NET runtime, libbpf
 and its plugins are inside /usr/lib/nettrace.
CONTROL
    (cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
    mkdir -p "$out"
    deb="$out/nettrace_${version}_${NT_ARCH}.deb"
    dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
    rm -rf "$stage"
    echo "$deb"
}
