# shellcheck shell=bash
# nt_build_rpm BUNDLE OUTDIR: nettrace-<version>-1.<machine>.rpm (x86_64, aarch64: NT_MACHINE) with rpmbuild,
# the same files as the .deb (layout.sh). rpm's automatic dependencies are off: they would list the libraries the
# bundle itself carries.
nt_build_rpm() {
    local bundle=$1 out=$2 top version glibc rpm
    version=$(nt_version)
    top=$(mktemp -d)
    mkdir -p "$top"/{SPECS,RPMS,BUILD,BUILDROOT,stage}
    nt_stage_layout "$bundle" "$top/stage"
    glibc=$(nt_glibc_floor "$bundle")
    cat >"$top/SPECS/nettrace.spec" <<SPEC
Name: nettrace
Version: $version
Release: 1
Summary: eBPF network tracer: packet lifecycles, drops with reasons, diagnosis
License: see /usr/share/doc/nettrace
URL: https://localhost/nettrace
AutoReqProv: no
Requires: glibc >= $glibc
Recommends: bpftool
%global debug_package %{nil}
%global __os_install_post %{nil}
%global _build_id_links none

%description
nettrace follows a packet through the Linux kernel function by function (across NAT
and clones), reports every drop with the kernel's reason, diagnoses faults from a
knowledge base of rules with fix advice, traces TCP sockets, and runs as a light
always-on monitor with Prometheus metrics. Self-contained: the .NET runtime, libbpf
and its plugins are inside /usr/lib/nettrace.

%install
cp -a "$top/stage/." %{buildroot}/

%files
%defattr(-,root,root,-)
/usr/bin/nettrace
/usr/lib/nettrace
/usr/share/nettrace
/usr/share/man/man7/dropreason.7.gz
/usr/share/man/man8/nettrace.8.gz
%lang(zh_CN) /usr/share/man/zh_CN/man8/nettrace.8.gz
/usr/share/bash-completion/completions/nettrace
/usr/share/fish/vendor_completions.d/nettrace.fish
/usr/share/zsh/vendor-completions/_nettrace
%doc /usr/share/doc/nettrace
SPEC
    rpmbuild --quiet -bb --target "$NT_MACHINE" --define "_topdir $top" "$top/SPECS/nettrace.spec" >"$top/rpmbuild.log" 2>&1 ||
        nt_die "rpmbuild failed: $(tail -5 "$top/rpmbuild.log")"
    mkdir -p "$out"
    rpm="$out/nettrace-$version-1.$NT_MACHINE.rpm"
    cp "$top/RPMS/$NT_MACHINE/nettrace-$version-1.$NT_MACHINE.rpm" "$rpm"
    rm -rf "$top"
    echo "$rpm"
}
