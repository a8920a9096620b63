#!/usr/bin/env bash
# The kernel's drop reasons, recorded per kernel and turned into the man page dropreason(7).
#
#   scripts/drop-reasons.sh update [IMAGE [RELEASE]]
#       Record the drop reasons of the running kernel (/sys/kernel/btf/vmlinux), or of another kernel's image
#       (a vmlinuz, a vmlinux ELF, or raw BTF, which needs RELEASE), then regenerate the page.
#   scripts/drop-reasons.sh generate
#       Regenerate docs/man/dropreason.7 from the explanations and the recorded lists.
#   scripts/drop-reasons.sh print
#       Write the page to stdout (the unit tests compare it with the committed one).
#
# The explanations are docs/man/dropreason.d/dropreason.7.in, the recorded lists docs/man/dropreason.d/kernels/
# (see the README there). Needs bash, awk, grep, coreutils; update installs what else it needs (bpftool and the
# decompressors of a vmlinuz's payload).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
facts=$root/docs/man/dropreason.d
template=$facts/dropreason.7.in
kernels=$facts/kernels
page=$root/docs/man/dropreason.7
me=drop-reasons.sh
tmp=""
trap '[[ -z $tmp ]] || rm -rf "$tmp"' EXIT

die() {
    echo "$me: $*" >&2
    exit 1
}

# series_of RELEASE: its MAJOR.MINOR ("6.12" of 6.12.118+deb12-cloud-amd64), or fails.
series_of() {
    [[ $1 =~ ^([0-9]+\.[0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}

# The first four bytes of a file, as lowercase hex without spaces.
magic_of() {
    head -c 4 "$1" | od -An -tx1 | tr -d ' \n'
}

# unpack IMAGE OUT: decompress a vmlinuz's payload into OUT, an ELF vmlinux. The payload starts at one of its
# compression format's magic numbers; the first one that decompresses to an ELF file wins (a magic number can
# also occur by chance inside the boot code or the payload).
unpack() {
    local image=$1 out=$2 format magic tool offset candidates
    candidates=$(
        for format in xz zstd gzip lz4; do
            case $format in
            xz) magic=$'\xfd7zXZ' ;;
            zstd) magic=$'\x28\xb5\x2f\xfd' ;;
            gzip) magic=$'\x1f\x8b\x08' ;;
            lz4) magic=$'\x02\x21\x4c\x18' ;; # the legacy frame the kernel's boot code reads
            esac
            LC_ALL=C grep -obUaF -- "$magic" "$image" | cut -d: -f1 | sed "s/\$/ $format/" || true
        done | sort -n
    )
    [[ -n $candidates ]] || die "$image: no xz, zstd, gzip or lz4 payload found (not a kernel image?)"
    while read -r offset format; do
        tool=$format
        command -v "$tool" >/dev/null || die "unpacking $image needs $tool (Debian package ${tool/xz/xz-utils})"
        # The decompressors complain about what follows the payload; the output is checked instead.
        tail -c +"$((offset + 1))" "$image" | "$tool" -dc >"$out" 2>/dev/null || true
        if [[ $(magic_of "$out") == 7f454c46 ]]; then
            return 0
        fi
    done <<<"$candidates"
    die "$image: no payload decompressed to an ELF vmlinux"
}

# reasons_of BTFFILE: the recorded list's lines, read from the C dump of a kernel's BTF.
reasons_of() {
    bpftool btf dump file "$1" format c 2>/dev/null | awk '
        /^enum skb_drop_reason \{/ { kind = "reason"; next }
        /^enum skb_drop_reason_subsys \{/ { kind = "subsys"; next }
        kind != "" && /^\};/ { kind = ""; next }
        kind != "" {
            name = $1
            if (kind == "reason") {
                # The subsystem mask shares the enum but is no reason.
                if (name ~ /^SKB_DROP_REASON_SUBSYS_/) next
                sub(/^SKB_DROP_REASON_/, "", name)
            } else {
                sub(/^SKB_DROP_REASON_SUBSYS_/, "", name)
                # CORE is the list above, NUM the count: neither is a subsystem.
                if (name == "CORE" || name == "NUM") next
            }
            print kind " " name
        }'
}

update() {
    local image=${1:-} release=${2:-} btf source series old
    # bpftool reads the BTF; the decompressors unpack a vmlinuz (Debian's 6.1 is lz4, 6.12 zstd).
    (
        # shellcheck source=setup.sh
        NT_PROG=$me source "$root/scripts/setup.sh" && nt_ensure_packages bpftool xz-utils zstd lz4 gzip
    ) || exit 1
    tmp=$(mktemp -d)
    if [[ -z $image ]]; then
        btf=/sys/kernel/btf/vmlinux
        [[ -r $btf ]] || die "$btf: not readable (a kernel without BTF cannot be recorded)"
        release=${release:-$(uname -r)}
        source=$btf
    else
        [[ -f $image && -r $image ]] || die "$image: no such readable file"
        source=$(basename "$image")
        case $(magic_of "$image") in
        7f454c46) btf=$image ;;
        9feb*) btf=$image ;;
        *)
            btf=$tmp/vmlinux
            unpack "$image" "$btf"
            ;;
        esac
        if [[ -z $release ]]; then
            # The banner "Linux version RELEASE (builder) ..." is in every vmlinux.
            release=$(LC_ALL=C grep -aom1 'Linux version [0-9][^ ]*' "$btf" | head -n1 | cut -d' ' -f3 || true)
            [[ -n $release ]] || die "$image: no kernel release found in it; give it: scripts/$me update $image RELEASE"
        fi
    fi
    [[ $release =~ ^[A-Za-z0-9._+~-]+$ ]] || die "release '$release': only letters, digits and ._+~- make a file name"
    series=$(series_of "$release") || die "release '$release' does not start with MAJOR.MINOR"

    reasons_of "$btf" >"$tmp/list" || die "bpftool could not read the BTF of $source"
    grep -q '^reason ' "$tmp/list" || die "$source: its BTF has no enum skb_drop_reason (kernel older than 5.17?)"
    mkdir -p "$kernels"
    {
        echo "# Drop reasons of Linux $release, recorded by scripts/drop-reasons.sh from $source; not edited by hand."
        echo "# reason NAME: enum skb_drop_reason in enum order, as nettrace prints it (SKB_DROP_REASON_ taken off)."
        echo "# subsys NAME: enum skb_drop_reason_subsys (SKB_DROP_REASON_SUBSYS_ taken off)."
        cat "$tmp/list"
    } >"$tmp/recorded"
    # One list per kernel series (MAJOR.MINOR), so the notes can name kernels by series: recording a release
    # replaces the list of its series.
    for old in "$kernels"/*.txt; do
        [[ -f $old && $(basename "$old" .txt) != "$release" ]] || continue
        [[ $(series_of "$(basename "$old" .txt)" || true) == "$series" ]] || continue
        rm -- "$old"
        echo "removed ${old#"$root"/} (replaced by $release)"
    done
    mv "$tmp/recorded" "$kernels/$release.txt"
    echo "recorded ${kernels#"$root"/}/$release.txt: $(grep -c '^reason ' "$kernels/$release.txt") reasons"
    generate
}

# The page, generated on stdout from the template and every recorded list.
print_page() {
    local lists list
    lists=$(for list in "$kernels"/*.txt; do if [[ -f $list ]]; then basename "$list"; fi; done | sort -V)
    [[ -n $lists ]] || die "no recorded kernel in ${kernels#"$root"/}: run scripts/$me update"
    [[ -f $template ]] || die "${template#"$root"/}: missing"
    # shellcheck disable=SC2086 # the names have no spaces (checked by update)
    (cd "$kernels" && awk -v template="$template" -v shown="${template#"$root"/}" -v me="$me" -f "$root/scripts/drop-reasons.awk" $lists "$template")
}

generate() {
    local out
    out=$(mktemp "$page.XXXXXX")
    # In a subshell, so that a failure (die) comes back here and the temporary file goes.
    if ! (print_page) >"$out"; then
        rm -f "$out"
        exit 1
    fi
    mv "$out" "$page"
    chmod 0644 "$page"
    echo "generated ${page#"$root"/}"
}

case ${1:-} in
update)
    shift
    (($# <= 2)) || die "usage: $me update [IMAGE [RELEASE]]"
    update "$@"
    ;;
generate) generate ;;
print) print_page ;;
*) die "usage: $me update [IMAGE [RELEASE]] | generate | print" ;;
esac
