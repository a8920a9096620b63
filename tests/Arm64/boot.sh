# shellcheck shell=bash
# The arm64 tier's boot (sourced by run.sh: check, work, bundle, NT_* are its): Debian 12's newest 6.1
# cloud-arm64 kernel and arm64 busybox from Debian's archive (cached beside the VM tier's kernels), an initramfs of
# busybox, glibc, the bundle and /init (tests/Arm64/init.sh), one boot under qemu-system-aarch64, its console
# read back by the checks. Loopback is the network: busybox has no veth, and what is proven here is the bundle
# on arm64 (its BPF objects' register layout, the native executable, the bundled libraries), not routing.

# shellcheck source=../../scripts/package/image.sh
source "$NT_ROOT/scripts/package/image.sh"
CACHE=${NETTRACE_VM_CACHE:-/var/cache/nettrace-vm}/arm64
mkdir -p "$CACHE"
apt_opts=()
[[ $EUID -eq 0 ]] && apt_opts=(-o APT::Sandbox::User=root) # as root apt downloads as _apt, which cannot write here

# arm64_fetch PACKAGE DIR: the package's files unpacked in DIR (cached by package name).
arm64_fetch() {
    local pkg=$1 dir=$2
    [[ -f $dir/.ready ]] && return 0
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && apt-get download -qq "${apt_opts[@]}" "$pkg:arm64") || return 1
    dpkg-deb -x "$dir"/*.deb "$dir/root" && rm -f "$dir"/*.deb && touch "$dir/.ready"
}

boot_arm64() {
    local kpkg krel root=$work/initramfs console=$work/console.log
    kpkg=$(apt-cache search --names-only 'linux-image-6\.1\.0-[0-9]+-cloud-arm64-unsigned' | awk '{print $1}' | sort -V | tail -n1)
    [[ -n $kpkg ]] || { echo "apt knows no arm64 6.1 cloud kernel (dpkg --add-architecture arm64, apt-get update)"; return 1; }
    krel=${kpkg#linux-image-}
    krel=${krel%-unsigned}
    arm64_fetch "$kpkg" "$CACHE/$krel" || { echo "cannot download $kpkg"; return 1; }
    arm64_fetch busybox-static "$CACHE/busybox" || { echo "cannot download busybox-static:arm64"; return 1; }
    # Only the current kernel stays cached.
    find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$krel" ! -name busybox -exec rm -rf {} +
    mkdir -p "$root"/{bin,proc,sys,dev,tmp,run,opt,root,etc}
    cp "$CACHE/busybox/root/bin/busybox" "$root/bin/busybox"
    nt_image_glibc "$root"
    cp -a "$bundle" "$root/opt/nettrace"
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
    install -m 0755 "$NT_ROOT/tests/Arm64/init.sh" "$root/init"
    (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$work/initrd.img"
    echo "arm64: booting $krel (qemu-system-aarch64, emulated)"
    # cortex-a72 (ARMv8.0): the emulator's "max" CPU adds pointer authentication, slow to emulate.
    timeout --foreground 600 qemu-system-aarch64 -M virt -cpu cortex-a72 -m 1536 -smp 2 -nographic -no-reboot -nic none \
        -kernel "$CACHE/$krel/root/boot/vmlinuz-$krel" -initrd "$work/initrd.img" \
        -append "console=ttyAMA0 rdinit=/init panic=-1 quiet" </dev/null >"$console" 2>&1 || true
    tr -d '\r' <"$console" >"$console.txt"
    grep -q '^NT-DONE' "$console.txt" || { tail -n 20 "$console.txt"; return 1; }
}

# section NAME: what /init printed between NT-NAME-BEGIN and NT-NAME-END.
section() { sed -n "/^NT-$1-BEGIN/,/^NT-$1-END/p" "$work/console.log.txt"; }
booted_aarch64() { grep -q '^NT-UNAME: aarch64 6\.1\.' "$work/console.log.txt" && section VERSION | grep -q ', linux-arm64, libbpf '; }
drop_caught() {
    section DROP
    section DROP | grep -Eq '127\.0\.0\.1:[0-9]+ -> 127\.0\.0\.1:9 seq:[0-9]+, ack:0, flags:S, reason: NO_SOCKET, tcp_v4_rcv\+0x[0-9a-f]+$'
}
ping_traced() {
    section LIFE
    local life
    life=$(section LIFE)
    for fn in ip_output ip_rcv icmp_rcv icmp_echo ping_rcv; do
        grep -Eq "\\[$fn +\\] ICMP: 127\\.0\\.0\\.1 -> 127\\.0\\.0\\.1 ping (request|reply)" <<<"$life" || { echo "no $fn"; return 1; }
    done
    # ip_rcv and icmp_rcv have no tracepoint: their lines are the kprobes' (-v would say "left out" otherwise).
    ! grep -Eq 'left out [a-z-]+/(ip_rcv|icmp_rcv):' <<<"$life" &&
        grep -Eq '\[(kfree_skb|consume_skb) +\] ICMP: .* ping reply' <<<"$life"
}
check "vm: Debian's arm64 6.1 kernel boots under qemu-system-aarch64 and runs /init" boot_arm64
check "vm: the bundle runs there: -V names linux-arm64 and its bundled libbpf" booted_aarch64
check "vm: --drop -c 1 catches a SYN to a closed port, reason NO_SOCKET at tcp_v4_rcv" drop_caught
check "vm: a ping's lifecycle through kprobes: ip_output, ip_rcv, icmp_rcv, icmp_echo, ping_rcv, freed" ping_traced
