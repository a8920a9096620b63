# shellcheck shell=bash
# nt_build_pack BUNDLE OUTDIR: nettrace-<version>-linux-<machine>.tar.bz2 (x86_64, aarch64), one directory holding
# the bundle (which finds its plugins, BPF objects and libraries beside the executable), the man pages (man/zh_CN in
# Chinese), the bash, fish and zsh completions (completions/) and the docs: unpack anywhere and run ./nettrace.
nt_build_pack() {
    local bundle=$1 out=$2 version name stage f tarball
    version=$(nt_version)
    name=nettrace-$version-linux-$NT_MACHINE
    stage=$(mktemp -d)
    [[ -x $bundle/nettrace ]] || nt_die "no published bundle at $bundle (./build.sh publish DIR)"
    mkdir -p "$stage/$name/man/zh_CN" "$stage/$name/completions" "$stage/$name/doc"
    cp -a "$bundle/." "$stage/$name/"
    for f in "$NT_ROOT"/docs/man/*.[0-9]; do cp "$f" "$stage/$name/man/"; done
    cp "$NT_ROOT/docs/man/zh_CN/nettrace.8" "$stage/$name/man/zh_CN/"
    cp "$NT_ROOT"/completions/{nettrace.bash,nettrace.fish,_nettrace} "$stage/$name/completions/"
    cp "$NT_ROOT/README.md" "$stage/$name/"
    cp -r "$NT_ROOT/docs/." "$stage/$name/doc/"
    chmod -R go-w "$stage/$name"
    mkdir -p "$out"
    tarball="$out/$name.tar.bz2"
    # Owned by root in the archive: unpacked by root, the plugins pass nettrace's ownership check as they are.
    tar -C "$stage" --owner=0 --group=0 --numeric-owner -cjf "$tarball" "$name"
    rm -rf "$stage"
    echo "$tarball"
}
