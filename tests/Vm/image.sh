# shellcheck shell=bash
# The VM runner's initramfs (sourced by run.sh, whose globals it uses: WORK, BUNDLE, SCENARIOS, VM_DIR, KROOT...):
# the image every kernel shares (busybox, the tools the scenarios run and their libraries, the nettrace bundle,
# /init, lib.sh and the scenarios) and each kernel's own part (its modules and config).

# ---- initramfs --------------------------------------------------------------------------------------

# Copy an ELF file's shared libraries (and its loader) from the host into the image, at the same paths.
copy_libs() {
    local root=$1 elf=$2 path
    while read -r path; do
        [[ -e $root$path ]] && continue
        mkdir -p "$root$(dirname "$path")"
        cp -L "$path" "$root$path"
    done < <(ldd "$elf" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' |
        grep -v "^$BUNDLE/" || true)
}

# cpio_archive DIR OUT [gzip]: a newc archive of DIR, compressed when asked. The big common part stays
# uncompressed: under emulation the guest unpacks it faster than it inflates a gzip of it (measured, see README).
cpio_archive() {
    local dir=$1 out=$2 compress=${3:-}
    # Sorted so every directory precedes its contents; owner root whoever builds the image.
    (cd "$dir" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
        if [[ $compress == gzip ]]; then gzip -1; else cat; fi >"$out"
}

# A one-entry archive holding /dev/console (char 5:1), written by hand because mknod needs root. The kernel
# opens it for /init's stdin/stdout before anything can mount devtmpfs.
console_cpio_gz() {
    local out=$1
    cpio_entry() { # name mode rdevmajor rdevminor
        local namesize=$((${#1} + 1)) pad
        printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
            1 "$2" 0 0 1 0 0 0 0 "$3" "$4" "$namesize" 0
        printf '%s\0' "$1"
        pad=$(((4 - (110 + namesize) % 4) % 4))
        head -c "$pad" /dev/zero
    }
    { cpio_entry dev/console $((0020600)) 5 1 && cpio_entry 'TRAILER!!!' 0 0 0; } | gzip -1 >"$out"
}

# Everything that does not depend on the kernel: busybox, bash and the network tools with their libraries,
# the nettrace bundle at /opt/nettrace, /init, lib.sh and the scenarios.
build_common_image() {
    local root=$WORK/common t path a s
    mkdir -p "$root"/{bin,sbin,lib,lib64,usr/bin,usr/sbin,usr/lib/busybox,etc/nettrace-vm,proc,sys,dev,run,tmp}
    mkdir -p "$root"/{root,opt,tests/scenarios,"${XTABLES_DIR#/}"}
    # Busybox applets live in their own directory, last in PATH, so real tools always win.
    cp /bin/busybox "$root/usr/lib/busybox/busybox"
    for a in $(/bin/busybox --list); do
        [[ $a == busybox ]] || ln -s busybox "$root/usr/lib/busybox/$a"
    done
    ln -s /usr/lib/busybox/busybox "$root/sbin/modprobe" # the kernel's module autoloader calls /sbin/modprobe
    for t in "${TOOLS[@]}"; do
        path=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$t") || nt_die "$t not found on this machine"
        path=$(readlink -f "$path")
        cp "$path" "$root/usr/${path#/usr/}"
        copy_libs "$root" "$path"
    done
    ln -s /usr/bin/bash "$root/bin/bash"
    ln -s /usr/bin/bash "$root/bin/sh"
    # xtables-*-multi pick their personality from argv[0]; `iptables` is the nft flavour as on Debian.
    for a in iptables ip6tables iptables-save ip6tables-save iptables-restore ip6tables-restore; do
        ln -s xtables-nft-multi "$root/usr/sbin/$a"
        ln -s xtables-nft-multi "$root/usr/sbin/${a/tables/tables-nft}"
        ln -s xtables-legacy-multi "$root/usr/sbin/${a/tables/tables-legacy}"
    done
    cp "$XTABLES_DIR"/*.so "$root$XTABLES_DIR/"
    for path in "$XTABLES_DIR"/*.so; do
        copy_libs "$root" "$path"
    done

    cp -a "$BUNDLE" "$root/opt/nettrace"
    while IFS= read -r -d '' path; do
        copy_libs "$root" "$path"
    done < <(find "$BUNDLE" -maxdepth 1 -type f \( -name nettrace -o -name '*.so' -o -name '*.so.*' \) -print0)

    printf 'root:x:0:0:root:/root:/usr/bin/bash\n' >"$root/etc/passwd"
    printf 'root:x:0:\n' >"$root/etc/group"
    printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
    for a in protocols services; do
        [[ -f /etc/$a ]] && cp "/etc/$a" "$root/etc/$a"
    done

    install -m 0755 "$VM_DIR/init.sh" "$root/init"
    cp "$VM_DIR/lib.sh" "$root/tests/lib.sh"
    # Test programs the scenarios attach (diag_xdp, bpf_progs).
    clang-19 -target bpf -O2 -g -c "$VM_DIR/xdp_drop_icmp.bpf.c" -o "$root/tests/xdp_drop_icmp.o" || nt_die "cannot compile the test XDP program"
    clang-19 -target bpf -O2 -g -c "$VM_DIR/tc_drop_icmp.bpf.c" -o "$root/tests/tc_drop_icmp.o" || nt_die "cannot compile the test tc program"
    # The release tarball (./build.sh pack) of the same bundle, for the scenario that unpacks and runs it.
    if [[ " ${SCENARIOS[*]} " == *" tarball_in_place "* ]]; then
        (
            # shellcheck source=../../scripts/package/layout.sh
            source "$NT_ROOT/scripts/package/layout.sh"
            # shellcheck source=../../scripts/package/pack.sh
            source "$NT_ROOT/scripts/package/pack.sh"
            mv "$(nt_build_pack "$BUNDLE" "$WORK/pack")" "$root/tests/nettrace.tar.bz2"
        ) || nt_die "cannot build the release tarball"
    fi
    for s in "${SCENARIOS[@]}"; do
        cp "$VM_DIR/scenarios/$s.sh" "$root/tests/scenarios/"
    done
    cpio_archive "$root" "$WORK/common.cpio"
    console_cpio_gz "$WORK/console.cpio.gz"
}

# kernel_scenarios SERIES: the selected scenarios that run on this kernel. A scenario whose subject does not
# depend on the kernel (e.g. unpacking the release tarball) says `# vm-kernels: 6.12` to run on one only.
kernel_scenarios() {
    local s only
    for s in "${SCENARIOS[@]}"; do
        only=$(sed -n 's/^# vm-kernels:\(.*\)/\1/p' "$VM_DIR/scenarios/$s.sh")
        [[ -z $only || " $only " == *" $1 "* ]] && echo "$s"
    done
}

# Modules the selected scenarios need, base set first.
wanted_modules() {
    local s
    printf '%s\n' "${BASE_MODULES[@]}"
    for s in "${SCENARIOS[@]}"; do
        sed -n 's/^# vm-modules:\(.*\)/\1/p' "$VM_DIR/scenarios/$s.sh" | tr ' ' '\n'
    done
}

# The kernel-specific part: the wanted modules and their dependencies (decompressed: busybox cannot read
# .ko.xz) in load order, plus the per-kernel config read by /init.
build_kernel_image() {
    local series=$1
    local root=$WORK/k-$series mod kind path rel out mods=() loaded=""
    local mdir=$root/lib/modules/$KREL
    mkdir -p "$mdir" "$root/etc/nettrace-vm"
    while read -r mod; do
        [[ -n $mod ]] || continue
        # --show-depends prints the whole dependency chain in load order ("builtin x" for built-in ones).
        if ! out=$(/usr/sbin/modprobe -d "$KROOT" -S "$KREL" --show-depends "$mod" 2>&1); then
            nt_log "$series: no module $mod in this kernel; skipped"
            continue
        fi
        while read -r kind path _; do
            [[ $kind == insmod ]] || continue
            rel=${path#"$KROOT"/lib/modules/"$KREL"/}
            rel=${rel%.xz}
            [[ " $loaded " == *" $rel "* ]] && continue
            loaded+=" $rel"
            mods+=("$rel")
            mkdir -p "$mdir/$(dirname "$rel")"
            if [[ $path == *.xz ]]; then
                xz -dc "$path" >"$mdir/$rel"
            else
                cp "$path" "$mdir/$rel"
            fi
        done <<<"$out"
    done < <(wanted_modules)
    printf '%s\n' "${mods[@]}" >"$root/etc/nettrace-vm/modules.load"
    cp "$KROOT/lib/modules/$KREL"/modules.{order,builtin,builtin.modinfo} "$mdir/" 2>/dev/null || true
    /usr/sbin/depmod -b "$root" "$KREL" # for modules the kernel itself asks /sbin/modprobe for
    {
        echo "NT_KERNEL=$series"
        echo "NT_SCENARIOS='$(kernel_scenarios "$series" | tr '\n' ' ')'"
        echo "NT_SCENARIO_TIMEOUT=$SCENARIO_TIMEOUT"
    } >"$root/etc/nettrace-vm/config"
    cpio_archive "$root" "$WORK/k-$series.cpio.gz" gzip
    # The kernel unpacks concatenated archives in order; later entries add to earlier ones. The uncompressed
    # one goes first: the kernel only accepts it at a 4-byte aligned offset, which a gzip stream before it
    # would not guarantee.
    cat "$WORK/common.cpio" "$WORK/console.cpio.gz" "$WORK/k-$series.cpio.gz" >"$WORK/initrd-$series.img"
}
