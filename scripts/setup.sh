# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this file
# Shared setup for nettrace.sh, build.sh, test.sh and tests/Vm/run.sh. Sourced, never executed:
# the callers own `set -euo pipefail`; this file only defines variables and nt_* functions.

NT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NT_PROG=${NT_PROG:-$(basename "$0")}
NT_SLN="$NT_ROOT/NetTraceFramework.sln"
NT_HOST_BIN="$NT_ROOT/src/Host/bin/Release/net10.0/nettrace"
NT_STAMP="$NT_ROOT/.cache/build-release.stamp"

# What building and running nettrace needs (clang/llvm compile the .bpf.c files, and a unit test a small C
# program against libc6-dev's headers; libbpf/libelf/zlib and libpcap (filter expressions) are P/Invoked at run time).
NT_RUNTIME_PACKAGES=(clang-19 llvm-19 libc6-dev libbpf-dev libbpf1 libelf1 zlib1g libpcap0.8 bpftool iproute2)
# `build.sh publish` rewrites the bundle's library search path with patchelf; the native executable is linked by
# clang-19 (a runtime package) with binutils' ld and stripped with its objcopy.
NT_PUBLISH_PACKAGES=(patchelf binutils)
# The test tiers: traffic and firewall tools, what builds and boots the VM image, what builds and checks the
# packages. tests/tools.sh lists the programs each tier runs, and test.sh checks each one's package is named here.
NT_TEST_PACKAGES=(bash mount apt iputils-ping iptables nftables socat hping3 iperf3 prometheus tshark
    qemu-system-x86 busybox-static cpio kmod xz-utils gzip debootstrap dpkg-dev rpm bzip2 binutils
    fish zsh man-db groff-base jq nodejs umoci skopeo podman runc qemu-system-arm)
# npm, for the deploy tier's manifest validator: Debian's nodejs comes without it, NodeSource's nodejs (which some
# machines carry) brings its own and conflicts with Debian's npm, so it is installed only where none is found.
NT_NPM_PACKAGES=(npm)

nt_die() {
    echo "$NT_PROG: $*" >&2
    exit 1
}

nt_log() {
    echo "$NT_PROG: $*" >&2
}

# The .NET GC sizes its youngest generation from the CPU cache, often ~100 MB on servers: for a tracer that
# allocates a little per event for hours that is RSS for nothing. 16 MiB measured: 259 -> 140 MB RSS for
# --monitor under a steady drop flood, same events (docs/reliability.md). Only the environment can set it.
nt_runtime_env() {
    export DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x1000000}
}

# Re-run the calling script as root through sudo. PATH is carried over explicitly because sudo's
# secure_path would otherwise hide a per-user dotnet install.
nt_reexec_as_root() {
    local script=$1
    shift
    [[ $EUID -eq 0 ]] && return 0
    command -v sudo >/dev/null 2>&1 || nt_die "must run as root, and sudo is not installed to get there"
    exec sudo -- env "PATH=$PATH" "$script" "$@"
}

# Run a command as root: directly when we are root, else through sudo.
nt_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -- "$@"
    else
        nt_die "need root for: $* (not root and sudo is not installed)"
    fi
}

# Install the Debian packages among "$@" that are not installed yet. A ready machine pays one dpkg-query;
# `apt-get update` runs only when something is missing.
nt_ensure_packages() {
    command -v dpkg-query >/dev/null 2>&1 || nt_die "needs a Debian/Ubuntu system (dpkg-query not found)"
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    nt_log "installing missing packages: ${missing[*]}"
    local log
    log=$(mktemp)
    if ! { nt_as_root apt-get update -qq &&
        nt_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
        >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        nt_die "apt-get could not install: ${missing[*]}"
    fi
    rm -f "$log"
}

nt_require_dotnet() {
    command -v dotnet >/dev/null 2>&1 ||
        nt_die "dotnet not found in PATH: install the .NET 10 SDK (https://dot.net) and retry"
}

# Run a command as the owner of the repository. Under sudo this keeps bin/ and obj/ owned by the
# developer instead of root, so a later unprivileged build still works.
nt_as_repo_owner() {
    local owner
    owner=$(stat -c %u "$NT_ROOT")
    if [[ $EUID -eq 0 && $owner -ne 0 ]] && command -v sudo >/dev/null 2>&1; then
        sudo -u "#$owner" -H -- env "PATH=$PATH" "$@"
    else
        "$@"
    fi
}

# Print a failed dotnet command's distinct error lines, or the end of its log when it has none.
nt_show_errors() {
    if grep -qE ': error ' "$1"; then
        grep -E ': error ' "$1" | sort -u >&2
    else
        tail -n 30 "$1" >&2
    fi
}

# Release build of the whole solution. Output is kept in a log and shown only on failure.
nt_build() {
    local log
    mkdir -p "$(dirname "$NT_STAMP")"
    log="$NT_ROOT/.cache/build-release.log"
    if ! nt_as_repo_owner dotnet build "$NT_SLN" -c Release -nologo -v quiet >"$log" 2>&1; then
        nt_show_errors "$log"
        nt_die "build failed (full log: $log)"
    fi
    [[ -x $NT_HOST_BIN ]] || nt_die "build succeeded but $NT_HOST_BIN is missing"
    # nettrace refuses plugins others could change; a group-writable umask must not make its own build untrusted.
    chmod -R go-w "$(dirname "$NT_HOST_BIN")"
    touch "$NT_STAMP"
}

# Build only when a source file is newer than the last successful build's stamp.
nt_build_if_stale() {
    local srcs=() d newer=""
    for d in src plugins bpf rules-dsl; do
        [[ -d $NT_ROOT/$d ]] && srcs+=("$NT_ROOT/$d")
    done
    if [[ -f $NT_STAMP && -x $NT_HOST_BIN ]]; then
        # Directories count too: deleting or renaming a file only changes its directory's mtime.
        newer=$(find "${srcs[@]}" \( -name bin -o -name obj \) -prune -o -newer "$NT_STAMP" -print -quit)
        [[ -z $newer ]] && newer=$(find "$NT_ROOT" -maxdepth 1 -type f \
            \( -name '*.sln' -o -name '*.props' -o -name '*.targets' -o -name global.json -o -name nuget.config \) \
            -newer "$NT_STAMP" -print -quit)
        [[ -z $newer ]] && return 0
    fi
    nt_log "building nettrace (Release)..."
    nt_build
}
