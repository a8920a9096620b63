# shellcheck shell=bash disable=SC2034  # the NT_* variables are read by build.sh and the package scripts
# The architecture a bundle and its packages are built for (./build.sh ... --arch ARCH): nt_set_arch ARCH sets
#   NT_ARCH        Debian's name: amd64, arm64 (the .deb, the image)
#   NT_RID         .NET's runtime identifier: linux-x64, linux-arm64
#   NT_TRIPLET     the multiarch directory: x86_64-linux-gnu, aarch64-linux-gnu
#   NT_LIBDIR      where Debian puts that architecture's libraries
#   NT_BPF_ARCH    bpf_tracing.h's register layout for kprobes (-D__TARGET_ARCH_...): x86, arm64
#   NT_MACHINE     uname -m's name, as RPM and the tarball say it: x86_64, aarch64
#   NT_LOADER      glibc's dynamic loader (part of glibc, never bundled)
#   NT_CROSS       1 when it is not this machine's architecture (its programs cannot run here)
# The packages a build for a foreign architecture takes from Debian's archive of that architecture
# (dpkg --add-architecture): the C runtime to link the native executable against, and every library the bundle
# carries; lld links it, as the host's binutils only know their own architecture.

nt_set_arch() {
    case $1 in
        amd64 | x86_64 | x64)
            NT_ARCH=amd64 NT_RID=linux-x64 NT_TRIPLET=x86_64-linux-gnu NT_BPF_ARCH=x86 NT_MACHINE=x86_64
            NT_LOADER=ld-linux-x86-64.so.2 ;;
        arm64 | aarch64)
            NT_ARCH=arm64 NT_RID=linux-arm64 NT_TRIPLET=aarch64-linux-gnu NT_BPF_ARCH=arm64 NT_MACHINE=aarch64
            NT_LOADER=ld-linux-aarch64.so.1 ;;
        *) nt_die "unknown architecture '$1' (amd64 or arm64)" ;;
    esac
    NT_LIBDIR=/usr/lib/$NT_TRIPLET
    NT_CROSS=0
    [[ $NT_ARCH == "$(dpkg --print-architecture)" ]] || NT_CROSS=1
}

# nt_arch_packages: what building for NT_ARCH needs beyond the runtime packages; for a foreign architecture the
# architecture is added to dpkg first (apt-get update then runs in nt_ensure_packages).
nt_arch_packages() {
    ((NT_CROSS)) || return 0
    if ! dpkg --print-foreign-architectures | grep -qx "$NT_ARCH"; then
        nt_log "adding the $NT_ARCH architecture to dpkg (dpkg --add-architecture $NT_ARCH)"
        nt_as_root dpkg --add-architecture "$NT_ARCH"
        nt_as_root apt-get update -qq
    fi
    nt_ensure_packages lld-19 "libc6-dev:$NT_ARCH" "libgcc-12-dev:$NT_ARCH" "libbpf1:$NT_ARCH" "libelf1:$NT_ARCH" \
        "zlib1g:$NT_ARCH" "libpcap0.8:$NT_ARCH" "libssl3:$NT_ARCH"
}
