# shellcheck shell=bash disable=SC2034  # the lists are read by name
# The programs each test tier runs, and the check that every one of them comes from a Debian package that the
# project's own scripts install. Sourced by test.sh after scripts/setup.sh.
#
# A program installed by hand on a developer's machine or a long-lived CI machine would let a missing install
# step pass there and fail for every new user, so the check asks dpkg which package owns each program and
# requires that package in an install list (NT_*_PACKAGES in scripts/setup.sh), not merely on the machine.
# Essential packages (coreutils, bash, util-linux, ...) are on every Debian system and need no list.
# Adding a program to a test: add it here, under its tier, and its package to scripts/setup.sh.

# Every tier builds nettrace and its BPF objects first.
NT_TOOLS_build=(clang-19)
# Completion tests run bash, fish and zsh; the man page tests render both pages with man (groff).
NT_TOOLS_unit=(bash fish zsh man groff)
# The manifest validator (node, npm), the alert rules' checks and the dashboard's shape (promtool, jq).
NT_TOOLS_deploy=(node npm promtool jq)
# Real traffic between network namespaces, firewall rules, and the programs that read nettrace's outputs.
NT_TOOLS_host=(ip tc clang-19 ping socat hping3 tshark prometheus iptables nft bpftool setpriv unshare mount timeout perl)
# The bundle, the initramfs (busybox, the network tools copied from this machine, kernel modules) and QEMU.
NT_TOOLS_vm=(patchelf ldd qemu-system-x86_64 busybox cpio gzip xz modprobe depmod apt-get dpkg-deb flock
    clang-19 ip tc nft socat bpftool iperf3 xtables-nft-multi xtables-legacy-multi)
# The arm64 build (build.sh --arch arm64: readelf, the packages' tools) and its boot under QEMU.
NT_TOOLS_arm64=(qemu-system-aarch64 readelf cpio dpkg-deb apt-get apt-cache rpmbuild rpm umoci skopeo tar bzip2 timeout)
# The .deb in a clean debootstrap root, the RPM, the tarball, and the OCI image run by podman beside a Prometheus.
NT_TOOLS_package=(patchelf ldd debootstrap dpkg-deb dpkg-shlibdeps objdump rpmbuild rpm bzip2 tar chroot
    umoci skopeo podman runc prometheus promtool bpftool ip)

# nt_package_of PROGRAM: the Debian package that owns PROGRAM as found in PATH (empty if none does). The path
# is tried as found, fully resolved (alternatives, symlinks), and under the other half of the merged /usr,
# since dpkg knows a file only by the path its package shipped.
nt_package_of() {
    local path p alt
    path=$(PATH=$PATH:/usr/sbin:/sbin command -v "$1") || return 0
    for p in "$path" "$(readlink -f "$path")"; do
        for alt in "$p" "${p#/usr}" "/usr$p"; do
            dpkg-query -S "$alt" 2>/dev/null | awk -F': ' -v f="$alt" '$2 == f { sub(/:.*/, "", $1); print $1; exit }' |
                grep . && return 0
        done
    done
    return 0
}

# nt_check_tools TIER...: one line per program that is missing or whose package no install list names;
# sets TOOLS_PASSED and TOOLS_FAILED.
nt_check_tools() {
    local lists=" ${NT_RUNTIME_PACKAGES[*]} ${NT_PUBLISH_PACKAGES[*]} ${NT_TEST_PACKAGES[*]} ${NT_NPM_PACKAGES[*]} "
    local tier cmd pkg var
    local -A seen=()
    TOOLS_PASSED=0
    TOOLS_FAILED=0
    for tier in build "$@"; do
        var="NT_TOOLS_$tier[@]"
        for cmd in "${!var}"; do
            [[ -n ${seen[$cmd]:-} ]] && continue
            seen[$cmd]=1
            pkg=$(nt_package_of "$cmd")
            if ! PATH=$PATH:/usr/sbin:/sbin command -v "$cmd" >/dev/null 2>&1; then
                echo "tools: FAIL $cmd: run by the $tier tier but not installed; add its package to scripts/setup.sh"
            elif [[ -z $pkg ]]; then
                echo "tools: FAIL $cmd: run by the $tier tier, but $(command -v "$cmd") belongs to no Debian package (installed by hand?)"
            elif [[ $lists != *" $pkg "* ]] && [[ $(dpkg-query -W -f='${Essential}' "$pkg" 2>/dev/null) != yes ]]; then
                echo "tools: FAIL $cmd: run by the $tier tier, but its package $pkg is in no install list of scripts/setup.sh"
            else
                TOOLS_PASSED=$((TOOLS_PASSED + 1))
                continue
            fi
            TOOLS_FAILED=$((TOOLS_FAILED + 1))
        done
    done
}
