#!/usr/bin/env bash
# Package tier, all three artefacts built from one published bundle:
# - the .deb installs on a clean Debian 12 (a debootstrap minbase root, cached in .cache/) and works there: -V,
#   a real drop caught with --drop -c 1, the documented files in place, and a clean removal;
# - the RPM's metadata and file list (rpm -qip/-qlp), and an install into a scratch root (rpm -i --root);
# - the tarball unpacked into a fresh directory runs in place: -V and a real drop caught;
# - the OCI image, run by podman as the Kubernetes DaemonSet runs it (image-checks.sh).
# Prints "PASS name"/"FAIL name: why" per check and "package: N passed, M failed".
# Usage: tests/Package/run.sh BUNDLE   (root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../scripts/setup.sh
source "$here/scripts/setup.sh"
# shellcheck source=../../scripts/package/layout.sh
source "$here/scripts/package/layout.sh"
# shellcheck source=../../scripts/package/deb.sh
source "$here/scripts/package/deb.sh"
# shellcheck source=../../scripts/package/rpm.sh
source "$here/scripts/package/rpm.sh"
# shellcheck source=../../scripts/package/pack.sh
source "$here/scripts/package/pack.sh"
bundle=${1:?usage: tests/Package/run.sh BUNDLE}
[[ $EUID -eq 0 ]] || nt_die "the package tier needs root (chroot, mounts)"
nt_ensure_packages debootstrap dpkg-dev binutils rpm bzip2 umoci skopeo podman runc prometheus

work=$(mktemp -d)
root=$work/root
cleanup() {
    for m in dev sys proc; do umount -R "$root/$m" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=../checks.sh
source "$here/tests/checks.sh"

t0=$SECONDS
deb=$(nt_build_deb "$bundle" "$work")
version=$(nt_version)
echo "package: built $(basename "$deb") ($(du -h "$deb" | cut -f1)) in $((SECONDS - t0))s"

# A clean Debian 12: debootstrap's minimal variant from Debian's archive, made once and kept as a tarball.
cache=$NT_ROOT/.cache/debian12-minbase.tar
if [[ ! -s $cache ]]; then
    echo "package: debootstrap bookworm (once; cached in $cache)"
    debootstrap --variant=minbase bookworm "$work/seed" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
        nt_die "debootstrap failed: $(tail -5 "$work/debootstrap.log")"
    mkdir -p "$(dirname "$cache")"
    tar -C "$work/seed" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
    rm -rf "$work/seed"
fi
mkdir -p "$root"
tar -C "$root" -xf "$cache"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp "$deb" "$root/tmp/nettrace.deb"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

check "deb: installs on a clean Debian 12 (dpkg -i resolves every dependency)" in_root dpkg -i /tmp/nettrace.deb
check "deb: nettrace -V names version $version" bash -c "chroot '$root' nettrace -V | head -n1 | grep -qx 'nettrace $version'"
for f in /usr/bin/nettrace /usr/lib/nettrace/nettrace /usr/lib/nettrace/nettrace-clr /usr/lib/nettrace/NetTrace.Bpf.dll \
    /usr/lib/nettrace/plugins/NetTrace.Plugins.Drop/NetTrace.Plugins.Drop.dll \
    /usr/share/nettrace/rules/path /usr/share/nettrace/bpf/include/nt_common.h /usr/share/man/man8/nettrace.8.gz \
    /usr/share/man/man7/dropreason.7.gz /usr/share/man/zh_CN/man8/nettrace.8.gz /usr/share/bash-completion/completions/nettrace \
    /usr/share/fish/vendor_completions.d/nettrace.fish /usr/share/zsh/vendor-completions/_nettrace /usr/share/doc/nettrace/README.md; do
    check "deb: installs $f" test -e "$root$f"
done
for shell in fish:/usr/share/fish/vendor_completions.d/nettrace.fish zsh:/usr/share/zsh/vendor-completions/_nettrace; do
    check "deb: the installed ${shell%%:*} completion is what the installed nettrace prints" \
        bash -c "chroot '$root' nettrace completion ${shell%%:*} | cmp -s - '$root${shell#*:}'"
done
check "deb: plugins are not writable by group or others" bash -c "[[ -z \$(find '$root/usr/lib/nettrace/plugins' -perm /022) ]]"

# start_traced OUT COMMAND...: COMMAND in the background, its output in OUT, until it prints "begin trace..." or
# exits; its pid in $traced. Up to 120 s: this tier runs beside the VM tier's two emulators, and a loaded machine
# has taken over 30 s.
start_traced() {
    local out=$1 i
    shift
    "$@" >"$out" 2>&1 &
    traced=$!
    for ((i = 0; i < 1200; i++)); do
        grep -q '^begin trace' "$out" && break
        kill -0 "$traced" 2>/dev/null || break
        sleep 0.1
    done
}

# drop_caught NETTRACE...: a SYN to a closed loopback port is dropped with NO_SOCKET; nettrace --drop -c 1 run
# as given must catch it and exit by itself.
drop_caught() {
    local pid i out
    # A file of its own per call: the background job truncates its output only once it runs, so a shared file
    # could still show the previous call's "begin trace..." and the SYN would go out before this nettrace started.
    out=$(mktemp -p "$work" drop.XXXXXX)
    start_traced "$out" "$@" --drop -c 1 -p tcp --dport 9
    pid=$traced
    (exec 3<>/dev/tcp/127.0.0.1/9) 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" || true
    cat "$out"
    grep -q 'reason: NO_SOCKET' "$out"
}
check "deb: the installed nettrace --drop -c 1 catches a closed-port SYN" drop_caught chroot "$root" nettrace
# The chroot has no libpcap: the bundle's own compiles the expression, for the native executable.
check "deb: a filter expression (compiled by the bundled libpcap) catches the same SYN" \
    drop_caught chroot "$root" nettrace 'tcp[tcpflags] & tcp-syn != 0 and dst port 9'
# runs_in EXE COMMAND...: the nettrace COMMAND runs reaches "begin trace..." as the program EXE (/proc/PID/exe):
# nettrace, the native executable, or nettrace-clr, the JIT build it hands a session with rules over to (ADR 8).
runs_in() {
    local want=$1 pid out exe
    shift
    out=$(mktemp -p "$work" exe.XXXXXX)
    start_traced "$out" "$@"
    pid=$traced
    exe=$(readlink "/proc/$pid/exe" || true)
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" || true
    echo "running as: $exe"
    cat "$out"
    [[ $(basename "$exe") == "$want" ]] && grep -q '^begin trace' "$out"
}
check "deb: --drop runs in the native executable" runs_in nettrace chroot "$root" nettrace --drop
check "deb: --sock runs in the native executable (its socket rules linked in)" runs_in nettrace chroot "$root" nettrace --sock
mkdir -p "$root/tmp/user-rules"
printf 'rule mine on kfree_skb\n  info "a rule of the user'"'"'s own"\n' >"$root/tmp/user-rules/mine.rules"
check "deb: --diag --rules DIR continues in nettrace-clr (the user's rules need the JIT)" \
    runs_in nettrace-clr chroot "$root" nettrace -p icmp --diag --rules /tmp/user-rules
check "deb: dpkg -r removes it" bash -c "chroot '$root' dpkg -r nettrace >/dev/null && [[ ! -e '$root/usr/lib/nettrace/nettrace' && ! -e '$root/usr/bin/nettrace' ]]"

t0=$SECONDS
rpm=$(nt_build_rpm "$bundle" "$work")
echo "package: built $(basename "$rpm") ($(du -h "$rpm" | cut -f1)) in $((SECONDS - t0))s"
check "rpm: metadata names nettrace $version" bash -c "rpm -qip '$rpm' | grep -q '^Version *: $version\$' && rpm -qip '$rpm' | grep -q '^Name *: nettrace\$'"
check "rpm: requires glibc only" bash -c "[[ \$(rpm -qRp '$rpm' | grep -v '^rpmlib(') == 'glibc >= '* ]]"
check "rpm: the same file layout as the .deb" bash -c "diff <(rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\\n]' '$rpm' | awk '\$1 !~ /^d/ {print \$2}' | sort) <(dpkg-deb -c '$deb' | awk '\$1 !~ /^d/ {print substr(\$6, 2)}' | sort)"
check "rpm: installs into a scratch root" rpm -i --root "$work/rpmroot" --nodeps --noscripts "$rpm"
check "rpm: the installed nettrace runs (-V)" bash -c "'$work/rpmroot/usr/lib/nettrace/nettrace' -V | head -n1 | grep -qx 'nettrace $version'"

t0=$SECONDS
tarball=$(nt_build_pack "$bundle" "$work")
echo "package: built $(basename "$tarball") ($(du -h "$tarball" | cut -f1)) in $((SECONDS - t0))s"
mkdir -p "$work/unpacked"
check "tarball: unpacks into a fresh directory" tar -C "$work/unpacked" -xjf "$tarball"
unpacked=$work/unpacked/nettrace-$version-linux-$NT_MACHINE
check "tarball: ./nettrace -V in place names $version" bash -c "cd '$unpacked' && ./nettrace -V | head -n1 | grep -qx 'nettrace $version'"
check "tarball: ./nettrace --drop -c 1 in place catches a closed-port SYN" drop_caught "$unpacked/nettrace"
# shellcheck source=image-checks.sh
source "$here/tests/Package/image-checks.sh"
echo "package: tier took ${SECONDS}s"
echo "package: $passed passed, $failed failed"
((failed == 0))
