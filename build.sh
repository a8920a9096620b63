#!/usr/bin/env bash
# ./build.sh              Release build of the solution (src/Host/bin/Release/net10.0/nettrace)
# ./build.sh publish DIR  self-contained bundle: DIR/nettrace plus every native library it loads, so it runs
#                         on a system that has nothing but glibc (the VM tier's initramfs, packaging)
# ./build.sh deb|rpm|pack [BUNDLE] [OUTDIR]  nettrace_<version>_amd64.deb, nettrace-<version>-1.x86_64.rpm or
#                         nettrace-<version>-linux-x86_64.tar.bz2 (publishes a bundle unless BUNDLE is given;
#                         OUTDIR defaults to out/)
# ./build.sh image [BUNDLE] [OUTDIR]  nettrace-<version>-oci.tar: the OCI image nettrace:<version> (umoci), for
#                         `podman load -i` or `skopeo copy oci-archive:FILE docker://REGISTRY/nettrace:<version>`
# ./build.sh completions  write completions/nettrace.fish and completions/_nettrace again from the option table
#                         (`nettrace completion fish|zsh`; a unit test fails while they differ)
# --arch arm64 (publish, deb, rpm, pack, image): build for 64-bit ARM on this x86-64 machine (Debian's arm64
#                         libraries through dpkg's multiarch, the .NET linux-arm64 runtime, clang and lld)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/setup.sh
source "$here/scripts/setup.sh"

# shellcheck source=scripts/package/arch.sh
source "$NT_ROOT/scripts/package/arch.sh"
# A literal $ORIGIN: the dynamic loader expands it to the directory of the object carrying it.
# shellcheck disable=SC2016
ORIGIN_RPATH='$ORIGIN'
# Loaded without a DT_NEEDED entry, so ldd cannot find them: libbpf/libelf/libz/libpcap through P/Invoke, libssl and
# libcrypto through dlopen by .NET's crypto shim (SHA-256 of the rules cache).
DLOPENED=(libbpf.so.1 libelf.so.1 libz.so.1 libpcap.so.0.8 libssl.so.3 libcrypto.so.3)
# Part of glibc: present on every target, and must match its dynamic loader, so never bundled.
GLIBC_RE='^(linux-vdso\.so\.1|ld-linux-x86-64\.so\.2|ld-linux-aarch64\.so\.1|libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libanl\.so\.1)$'
# Optional LTTng provider that .NET tries and silently skips when liblttng-ust is absent.
OPTIONAL_RE='^liblttng-ust\.so'

usage() {
    sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# Copy one library into the bundle under its soname, with a RUNPATH of $ORIGIN so its own dependencies
# are looked up beside it before the system's.
bundle_lib() {
    local dir=$1 soname=$2 path=$3
    [[ -e $dir/$soname ]] && return 1
    cp -L "$(readlink -f "$path")" "$dir/$soname"
    chmod 0755 "$dir/$soname"
    patchelf --set-rpath "$ORIGIN_RPATH" "$dir/$soname"
}

# Print "soname path" for each non-glibc dependency of an ELF file; fail on one that cannot be resolved.
elf_deps() {
    local f=$1 name arrow path
    ((NT_CROSS)) && { elf_deps_foreign "$f"; return; }
    while read -r name arrow path _; do
        [[ $arrow == "=>" ]] || continue
        [[ $name =~ $GLIBC_RE ]] && continue
        if [[ $path == "not" ]]; then
            [[ $name =~ $OPTIONAL_RE ]] && continue
            nt_die "$f needs $name, which is not installed on this machine"
        fi
        echo "$name $path"
    done < <(ldd "$f" 2>/dev/null || true)
}

# elf_deps for another architecture's file, which ldd cannot load: its NEEDED entries, found in that
# architecture's multiarch directories.
elf_deps_foreign() {
    local f=$1 name dir
    while read -r name; do
        [[ $name =~ $GLIBC_RE ]] && continue
        [[ -e $(dirname "$f")/$name ]] && continue
        for dir in "$NT_LIBDIR" "/lib/$NT_TRIPLET"; do
            [[ -e $dir/$name ]] && { echo "$name $dir/$name"; continue 2; }
        done
        [[ $name =~ $OPTIONAL_RE ]] && continue
        nt_die "$f needs $name, which is not installed for $NT_ARCH"
    done < <(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
}

# The native executable: the host compiled ahead of time (Native AOT) with the built-in plugins and the C# of the
# shipped rule sets (LINKED, written by `rules compile --csharp`) linked in. Its own configuration (-c Native) keeps
# its restore and objects apart from the JIT build's.
publish_native() {
    local dir=$1 linked=$2 out="$NT_ROOT/.cache/native-publish" log="$NT_ROOT/.cache/publish-native.log" cross=()
    rm -rf "$out"
    # Another architecture: clang links for its triplet against Debian's multiarch libraries, with lld (the host's
    # binutils know only their own architecture), and LLVM's objcopy splits the debug symbols off.
    ((NT_CROSS)) && cross=(-p:LinkerFlavor=lld -p:ObjCopyName=llvm-objcopy-19)
    if ! dotnet publish "$NT_ROOT/src/Host/NetTrace.Host.csproj" -c Native -r "$NT_RID" "-p:BpfArch=$NT_BPF_ARCH" \
        "-p:NetTraceLinkedRules=$linked" "${cross[@]}" -nologo -v quiet -o "$out" >"$log" 2>&1; then
        nt_show_errors "$log"
        nt_die "publishing the native executable failed (full log: $log)"
    fi
    [[ -x $out/nettrace ]] || nt_die "the native publish produced no $out/nettrace"
    cp "$out/nettrace" "$dir/nettrace"
}

publish() {
    local dir=$1 log soname f name path added
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    log="$NT_ROOT/.cache/publish.log"
    mkdir -p "$NT_ROOT/.cache"
    # Invariant globalization: a network tracer needs no culture data, and ICU is absent on minimal systems.
    # ReadyToRun, composite (framework, nettrace and the assemblies it references -- NetTrace.Bpf, .Abstractions,
    # .Rules -- in one image, so generic code across them is compiled too): start-up does not wait for the JIT,
    # which costs seconds under emulation.
    if ! dotnet publish "$NT_ROOT/src/Host/NetTrace.Host.csproj" -c Release -r "$NT_RID" "-p:BpfArch=$NT_BPF_ARCH" --self-contained true \
        -p:InvariantGlobalization=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -nologo -v quiet -o "$dir" >"$log" 2>&1; then
        nt_show_errors "$log"
        nt_die "publish failed (full log: $log)"
    fi
    [[ -x $dir/nettrace ]] || nt_die "publish produced no $dir/nettrace"
    # The JIT build is nettrace-clr; nettrace is the native executable (ADR 8), which runs the sessions that need no
    # JIT itself and hands the others over to nettrace-clr. It is built last, from the rules the JIT build compiled.
    mv "$dir/nettrace" "$dir/nettrace-clr"

    for soname in "${DLOPENED[@]}"; do
        [[ -e $NT_LIBDIR/$soname ]] || nt_die "$NT_LIBDIR/$soname not found (is its package installed?)"
        bundle_lib "$dir" "$soname" "$NT_LIBDIR/$soname" || true
    done
    # The apphost loads libstdc++ before anything else; the crypto shim dlopens libssl by soname. Both
    # then search their own RUNPATH, i.e. the bundle.
    patchelf --set-rpath "$ORIGIN_RPATH" "$dir/nettrace-clr"
    [[ -e $dir/libSystem.Security.Cryptography.Native.OpenSsl.so ]] &&
        patchelf --set-rpath "$ORIGIN_RPATH" "$dir/libSystem.Security.Cryptography.Native.OpenSsl.so"

    # Close over the dependencies of everything in the bundle until nothing new is added.
    added=1
    while [[ $added -eq 1 ]]; do
        added=0
        while IFS= read -r -d '' f; do
            while read -r name path; do
                [[ $path == "$dir"/* ]] && continue
                bundle_lib "$dir" "$name" "$path" && added=1
            done < <(elf_deps "$f")
        done < <(find "$dir" -maxdepth 1 -type f \( -name nettrace -o -name nettrace-clr -o -name '*.so' -o -name '*.so.*' \) -print0)
    done
    # The plugins' rules compiled now, once, so that no first --diag on a target waits for Roslyn (a minute under
    # emulation); a session reads them when its own cache has no entry. Their C# goes into the native executable.
    # Another architecture's nettrace-clr cannot run here: this machine's build writes the same C# (its key is the
    # rules' text), and a cache whose entries the target's build may not take (they are keyed by assembly builds).
    rm -rf "$NT_ROOT/.cache/linked-rules"
    local compiler=$dir/nettrace-clr
    if ((NT_CROSS)); then
        nt_as_repo_owner dotnet build "$NT_ROOT/src/Host/NetTrace.Host.csproj" -c Release -nologo -v quiet >>"$log" 2>&1 ||
            nt_die "building this machine's nettrace, which compiles the rules, failed (log: $log)"
        compiler=$NT_HOST_BIN
    fi
    "$compiler" rules compile --cache "$dir/rules-cache" --csharp "$NT_ROOT/.cache/linked-rules" >>"$log" 2>&1 ||
        nt_die "compiling the rules into the bundle failed (log: $log)"
    publish_native "$dir" "$NT_ROOT/.cache/linked-rules"
    patchelf --set-rpath "$ORIGIN_RPATH" "$dir/nettrace"
    # nettrace refuses plugins others could change (see FileTrust): whatever the umask, the bundle is not.
    chmod -R go-w "$dir"
    echo "published $dir/nettrace"
}

# --arch ARCH anywhere on the line: the architecture to build for (default: this machine's).
arch=$(dpkg --print-architecture)
args=()
while (($#)); do
    case $1 in
        --arch) [[ $# -ge 2 ]] || usage; arch=$2; shift 2 ;;
        --arch=*) arch=${1#--arch=}; shift ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- "${args[@]+"${args[@]}"}"
nt_set_arch "$arch"

case "${1:-}" in
    "")
        nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}"
        nt_require_dotnet
        nt_build
        echo "built $NT_HOST_BIN"
        ;;
    completions)
        nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}"
        nt_require_dotnet
        nt_build_if_stale
        "$NT_HOST_BIN" completion fish >"$NT_ROOT/completions/nettrace.fish"
        "$NT_HOST_BIN" completion zsh >"$NT_ROOT/completions/_nettrace"
        echo "wrote completions/nettrace.fish and completions/_nettrace"
        ;;
    publish)
        [[ $# -eq 2 ]] || usage
        nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}" "${NT_PUBLISH_PACKAGES[@]}"
        nt_arch_packages
        nt_require_dotnet
        publish "$2"
        ;;
    deb | rpm | pack | image)
        [[ $# -le 3 ]] || usage
        kind=$1
        # shellcheck source=scripts/package/layout.sh
        source "$NT_ROOT/scripts/package/layout.sh"
        # shellcheck source=/dev/null
        source "$NT_ROOT/scripts/package/$kind.sh"
        bundle=${2:-}
        if [[ -z $bundle ]]; then
            bundle=$NT_ROOT/out/bundle
            ((NT_CROSS)) && bundle=$NT_ROOT/out/bundle-$NT_ARCH
            nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}" "${NT_PUBLISH_PACKAGES[@]}"
            nt_arch_packages
            nt_require_dotnet
            publish "$bundle" >/dev/null
        fi
        case $kind in
            deb) nt_ensure_packages dpkg-dev binutils ;;
            rpm) nt_ensure_packages rpm binutils ;;
            pack) nt_ensure_packages bzip2 ;;
            image) nt_ensure_packages umoci "libc6:$NT_ARCH" ;;
        esac
        # Assigned first: a failure inside $(...) in echo's arguments would not stop the script.
        built=$("nt_build_$kind" "$bundle" "${3:-$NT_ROOT/out}")
        echo "built $built"
        ;;
    *) usage ;;
esac
