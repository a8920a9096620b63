# shellcheck shell=bash
# nt_build_image BUNDLE OUTDIR: nettrace-<version>-oci.tar, an OCI image archive named nettrace:<version>, made
# with umoci (no daemon, no root needed). One layer on an empty base:
#   /opt/nettrace/         the self-contained bundle (it carries every library it loads but glibc)
#   /lib/<triplet>/, /lib64 glibc's shared libraries and loader, from the Debian libc6 the bundle was built on
#   /etc/passwd, /etc/group, /tmp, /run/nettrace, /root
# No shell and no package manager: `nettrace` is the entry point, `--monitor --metrics 0.0.0.0:9464` its default
# arguments. `podman load -i` (or `skopeo copy oci-archive:FILE docker://REGISTRY/nettrace:<version>`) takes it.

# nt_image_glibc ROOT: glibc's shared objects and dynamic loader, as the installed libc6 of NT_ARCH has them.
nt_image_glibc() {
    local root=$1 arch=$NT_ARCH triplet=$NT_TRIPLET f
    dpkg-query -W "libc6:$arch" >/dev/null 2>&1 || nt_die "libc6:$arch is not installed: the image takes glibc from it"
    install -d "$root/lib/$triplet" "$root/lib64"
    while IFS= read -r f; do
        case $f in
            /lib/"$triplet"/*.so* | /lib64/ld-linux-*.so.* | /lib/ld-linux-*.so.*)
                [[ -e $f || -L $f ]] && cp -a "$f" "$root$f" ;;
        esac
    done < <(dpkg -L "libc6:$arch")
}

nt_build_image() {
    local bundle=$1 out=$2 arch=$NT_ARCH version work root tag archive
    [[ -x $bundle/nettrace ]] || nt_die "no published bundle at $bundle (./build.sh publish DIR)"
    version=$(nt_version)
    tag="nettrace:$version"
    work=$(mktemp -d)
    umoci init --layout "$work/layout" >/dev/null
    umoci new --image "$work/layout:build"
    # --rootless: the files are unpacked and packed as this user's, recorded as root's in the layer.
    umoci unpack --rootless --image "$work/layout:build" "$work/unpacked" >/dev/null
    root=$work/unpacked/rootfs
    nt_image_glibc "$root"
    install -d "$root/opt" "$root/etc" "$root/run/nettrace" "$root/root"
    install -d -m 1777 "$root/tmp"
    printf 'root:x:0:0:root:/root:/nonexistent\n' >"$root/etc/passwd"
    printf 'root:x:0:\n' >"$root/etc/group"
    cp -a "$bundle" "$root/opt/nettrace"
    chmod -R go-w "$root/opt/nettrace"
    umoci repack --image "$work/layout:build" "$work/unpacked" >/dev/null
    umoci config --image "$work/layout:build" --os linux --architecture "$arch" \
        --config.entrypoint /opt/nettrace/nettrace \
        --config.cmd --monitor --config.cmd --metrics --config.cmd 0.0.0.0:9464 \
        --config.env DOTNET_GCgen0size=0x1000000 \
        --config.exposedports 9464/tcp \
        --config.user 0:0 --config.workingdir / \
        --config.label "org.opencontainers.image.title=nettrace" \
        --config.label "org.opencontainers.image.version=$version" \
        --config.label "org.opencontainers.image.description=eBPF network tracer: packet lifecycles, drops with reasons, diagnosis"
    # The archive's one reference is the image's name, which `podman load` gives it.
    umoci tag --image "$work/layout:build" "$tag"
    umoci rm --image "$work/layout:build"
    umoci gc --layout "$work/layout"
    mkdir -p "$out"
    archive="$out/nettrace-$version-oci.tar"
    [[ $arch == amd64 ]] || archive="$out/nettrace-$version-$arch-oci.tar"
    tar -C "$work/layout" --owner=0 --group=0 --numeric-owner -cf "$archive" .
    rm -rf "$work"
    echo "$archive"
}
