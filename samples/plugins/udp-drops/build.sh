#!/bin/bash
# ./build.sh OUT   builds the udp-drops sample into OUT/Contoso.NetTrace.UdpDrops/, the layout
#                  `nettrace --plugins OUT` loads (OUT/<Name>/<Name>.dll), readable by all, writable by its owner only.
# NETTRACE_ABSTRACTIONS  the installed contracts, NetTrace.Abstractions.dll (default: this repository's Release
#                        build, else /opt/nettrace/NetTrace.Abstractions.dll beside a published nettrace)
# NETTRACE_BPF_INCLUDE   nettrace's BPF headers, bpf/include (default: this repository's)
# CLANG                  the BPF compiler (default: clang-19)
# BPF_ARCH               x86 or arm64, the kernel's architecture (default: this machine's)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
name=Contoso.NetTrace.UdpDrops
[[ $# -eq 1 ]] || { sed -n '2,3s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
abstractions=${NETTRACE_ABSTRACTIONS:-$repo/src/Abstractions/bin/Release/net10.0/NetTrace.Abstractions.dll}
[[ -f $abstractions ]] || abstractions=/opt/nettrace/NetTrace.Abstractions.dll
include=${NETTRACE_BPF_INCLUDE:-$repo/bpf/include}
[[ -f $abstractions ]] || { echo "build.sh: NetTrace.Abstractions.dll not found; set NETTRACE_ABSTRACTIONS" >&2; exit 1; }
[[ -f $include/nt_packet.h ]] || { echo "build.sh: nettrace's BPF headers not found; set NETTRACE_BPF_INCLUDE" >&2; exit 1; }
case ${BPF_ARCH:-$(uname -m)} in
    x86 | x86_64) arch=x86 ;;
    arm64 | aarch64) arch=arm64 ;;
    *) echo "build.sh: BPF_ARCH=${BPF_ARCH:-$(uname -m)}: x86 or arm64 only" >&2; exit 1 ;;
esac
mkdir -p "$1"
out=$(cd "$1" && pwd)/$name

# Intermediate files stay out of the source tree, so two builds (or a read-only checkout) never collide.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The flags nettrace's own objects use: CO-RE (-g keeps the BTF the loader relocates with), no warnings.
"${CLANG:-clang-19}" -target bpf -O2 -g -Wall -Werror -D__TARGET_ARCH_$arch -I"$include" -I"$here/bpf" \
    -c "$here/bpf/udp_drops.bpf.c" -o "$work/udp_drops.bpf.o"

DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet build "$here/$name.csproj" -c Release -nologo -v quiet \
    --disable-build-servers -p:BaseIntermediateOutputPath="$work/obj/" -p:BpfObject="$work/udp_drops.bpf.o" \
    -p:NetTraceAbstractions="$abstractions" -o "$out"

# nettrace runs as root and refuses plugin files others could change (docs/plugins.md, "Installing: layout and trust").
chmod -R go-w "$out"
echo "built $out/$name.dll"
