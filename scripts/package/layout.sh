# shellcheck shell=bash
# The installed file layout every package shares (.deb, and the RPM of issue 13), made from a published
# bundle: nt_stage_layout BUNDLE ROOT fills ROOT with
#   /usr/lib/nettrace/                the self-contained bundle (nettrace, its plugins/, native libraries)
#   /usr/bin/nettrace                 a launcher that sets the runtime's memory setting (scripts/setup.sh)
#   /usr/share/nettrace/rules/        the shipped .rules, readable (the same rules are built into the plugins)
#   /usr/share/nettrace/bpf/include/  the BPF headers a plugin vendor compiles against (docs/plugins.md)
#   /usr/share/man/man8, man7         nettrace(8), dropreason(7)
#   /usr/share/man/zh_CN/man8         nettrace(8) in Chinese
#   /usr/share/bash-completion/completions/nettrace, /usr/share/fish/vendor_completions.d/nettrace.fish,
#   /usr/share/zsh/vendor-completions/_nettrace
#   /usr/share/doc/nettrace/          README and docs/

# The architecture the packages are for: build.sh's --arch, else this machine's (scripts/package/arch.sh).
# shellcheck source=arch.sh
source "$NT_ROOT/scripts/package/arch.sh"
[[ -n ${NT_ARCH:-} ]] || nt_set_arch "$(dpkg --print-architecture)"

# nt_version: the one version number (Directory.Build.props), stamped on every artefact.
nt_version() {
    sed -n 's:.*<NetTraceVersion>\(.*\)</NetTraceVersion>.*:\1:p' "$NT_ROOT/Directory.Build.props"
}

nt_stage_layout() {
    local bundle=$1 root=$2 group f
    [[ -x $bundle/nettrace ]] || nt_die "no published bundle at $bundle (./build.sh publish DIR)"
    install -d "$root/usr/lib/nettrace" "$root/usr/bin" "$root/usr/share/nettrace/rules" "$root/usr/share/nettrace/bpf/include" \
        "$root/usr/share/man/man8" "$root/usr/share/man/man7" "$root/usr/share/man/zh_CN/man8" \
        "$root/usr/share/bash-completion/completions" "$root/usr/share/fish/vendor_completions.d" "$root/usr/share/zsh/vendor-completions" \
        "$root/usr/share/doc/nettrace"
    cp -a "$bundle/." "$root/usr/lib/nettrace/"
    cat >"$root/usr/bin/nettrace" <<'LAUNCHER'
#!/bin/sh
# nettrace's launcher: a 16 MiB young GC generation keeps a long-running tracer's memory small.
DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x1000000}
export DOTNET_GCgen0size
exec /usr/lib/nettrace/nettrace "$@"
LAUNCHER
    chmod 0755 "$root/usr/bin/nettrace"
    for f in "$NT_ROOT"/plugins/*/rules/*.rules; do
        group=$(basename "$(dirname "$(dirname "$f")")")
        install -D -m 0644 "$f" "$root/usr/share/nettrace/rules/$group/$(basename "$f")"
    done
    install -m 0644 "$NT_ROOT"/bpf/include/*.h "$root/usr/share/nettrace/bpf/include/"
    for f in "$NT_ROOT"/docs/man/*.[0-9]; do
        [[ -f $f ]] || continue
        gzip -9n -c "$f" >"$root/usr/share/man/man${f##*.}/$(basename "$f").gz"
    done
    gzip -9n -c "$NT_ROOT/docs/man/zh_CN/nettrace.8" >"$root/usr/share/man/zh_CN/man8/nettrace.8.gz"
    install -m 0644 "$NT_ROOT/completions/nettrace.bash" "$root/usr/share/bash-completion/completions/nettrace"
    install -m 0644 "$NT_ROOT/completions/nettrace.fish" "$root/usr/share/fish/vendor_completions.d/nettrace.fish"
    install -m 0644 "$NT_ROOT/completions/_nettrace" "$root/usr/share/zsh/vendor-completions/_nettrace"
    install -m 0644 "$NT_ROOT/README.md" "$root/usr/share/doc/nettrace/"
    cp -r "$NT_ROOT/docs/." "$root/usr/share/doc/nettrace/"
    rm -rf "$root/usr/share/doc/nettrace/man"
    # Root owns everything and nobody else may write it: nettrace refuses plugins others could change.
    chmod -R go-w "$root"
}

# nt_glibc_floor DIR: the newest GLIBC_x.y symbol version any ELF file in DIR needs.
nt_glibc_floor() {
    find "$1" -maxdepth 1 -type f \( -name nettrace -o -name '*.so' -o -name '*.so.*' \) -print0 |
        xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1
}
