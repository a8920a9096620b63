# shellcheck shell=bash
# The OCI image, sourced by tests/Package/run.sh (its check, start_traced, $work, $version, $bundle): built by
# ./build.sh image's code from the tier's bundle, loaded into podman, and run the way the Kubernetes DaemonSet
# runs it: host network and PID namespace, only the DaemonSet's capabilities, /sys/kernel and /boot mounted
# read-only. podman keeps its images, containers and settings in this run's $work (runc, cgroupfs, vfs storage),
# so the machine's own podman configuration is neither needed nor touched.

# shellcheck source=../../scripts/package/image.sh
source "$NT_ROOT/scripts/package/image.sh"
daemonset=$NT_ROOT/deploy/kubernetes/nettrace-daemonset.yaml
pod=$work/podman
mkdir -p "$pod"
printf '[containers]\ndefault_ulimits = []\n[engine]\nruntime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n' \
    >"$pod/containers.conf"
printf '[storage]\ndriver = "vfs"\ngraphroot = "%s/storage"\nrunroot = "%s/run"\n' "$pod" "$pod" >"$pod/storage.conf"
export CONTAINERS_CONF=$pod/containers.conf CONTAINERS_STORAGE_CONF=$pod/storage.conf

t0=$SECONDS
image=$(nt_build_image "$bundle" "$work")
echo "package: built $(basename "$image") ($(du -h "$image" | cut -f1)) in $((SECONDS - t0))s"
tag=nettrace:$version
check "image: the DaemonSet runs $tag" grep -q "image: $tag\$" "$daemonset"
check "image: skopeo reads the archive (what a push to a registry does)" skopeo copy -q "oci-archive:$image" "dir:$work/copied"
check "image: podman load names it localhost/$tag" bash -c "podman load -q -i '$image' | grep -qx 'Loaded image: localhost/$tag'"
check "image: no shell inside" bash -c "! podman run --rm --entrypoint /bin/sh '$tag' -c true"
check "image: nettrace -V names $version" bash -c "podman run --rm '$tag' -V | head -n1 | grep -qx 'nettrace $version'"

# The DaemonSet's way: its capabilities (the "add:" list) and nothing else, its mounts, the host's namespaces.
caps=$(sed -n 's/.*add: *\[\(.*\)\].*/\1/p' "$daemonset" | tr -d ' "')
as_daemonset=(--network host --pid host --cap-drop all --cap-add "$caps" -v /sys/kernel:/sys/kernel:ro -v /boot:/boot:ro
    --tmpfs /run/nettrace)

ip netns add nt-img-a
ip netns add nt-img-b
cleanup_image() {
    podman rm -f -t 0 nt-img-monitor >/dev/null 2>&1 || true
    [[ -n ${prometheus:-} ]] && kill "$prometheus" 2>/dev/null
    ip netns del nt-img-a 2>/dev/null || true
    ip netns del nt-img-b 2>/dev/null || true
    podman rmi -af >/dev/null 2>&1 || true
}
trap 'cleanup_image; cleanup' EXIT
ip link add nt-img-va netns nt-img-a type veth peer name nt-img-vb netns nt-img-b
ip -n nt-img-a addr add 10.239.0.1/24 dev nt-img-va
ip -n nt-img-b addr add 10.239.0.2/24 dev nt-img-vb
ip -n nt-img-a link set nt-img-va up
ip -n nt-img-b link set nt-img-vb up
refused() { ip netns exec nt-img-a timeout 2 bash -c 'exec 3<>/dev/tcp/10.239.0.2/9' 2>/dev/null || true; }

# image_drop_caught: --drop -c 1 in the container catches a SYN to a closed port between the two namespaces,
# its location named (kallsyms needs CAP_SYSLOG), and exits by itself.
image_drop_caught() {
    local out pid i
    out=$(mktemp -p "$work" image-drop.XXXXXX)
    start_traced "$out" podman run --rm "${as_daemonset[@]}" "$tag" --drop -c 1 -d 10.239.0.2 -p tcp --dport 9
    pid=$traced
    refused
    for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" || true
    cat "$out"
    grep -Eq '10\.239\.0\.1:[0-9]+ -> 10\.239\.0\.2:9 .*reason: NO_SOCKET, tcp_v4_rcv\+0x' "$out"
}
check "image: as the DaemonSet runs it, --drop -c 1 catches a closed-port SYN between two namespaces" image_drop_caught

# image_scraped: --monitor --metrics in the container, scraped by a real Prometheus outside it; its query counts
# the refused connections' drops. Then SIGTERM (podman stop) ends it cleanly with every BPF link released.
image_scraped() {
    local metrics=$((19700 + RANDOM % 200)) web links i value=0
    web=$((metrics + 300))
    links=$(bpftool link list 2>/dev/null | grep -c '^[0-9]' || true)
    mkdir -p "$work/prometheus"
    printf 'global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: nettrace\n    static_configs:\n      - targets: ["127.0.0.1:%s"]\n' \
        "$metrics" >"$work/prometheus/prometheus.yml"
    prometheus --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
        --web.listen-address="127.0.0.1:$web" >"$work/prometheus/log" 2>&1 &
    prometheus=$!
    podman run -d --name nt-img-monitor "${as_daemonset[@]}" "$tag" --monitor --metrics "127.0.0.1:$metrics" >/dev/null
    for ((i = 0; i < 120; i++)); do
        promtool query instant "http://127.0.0.1:$web" 'up{job="nettrace"} == 1' 2>/dev/null | grep -q '=>' && break
        sleep 1
    done
    for i in 1 2 3; do refused; done
    for ((i = 0; i < 60; i++)); do
        value=$(promtool query instant "http://127.0.0.1:$web" 'sum(nettrace_drops_total{reason="NO_SOCKET"})' 2>/dev/null |
            sed -n 's/.*=> \([0-9.]*\) @.*/\1/p')
        [[ ${value%.*} -ge 3 ]] 2>/dev/null && break
        sleep 1
    done
    echo "Prometheus counted ${value:-no} NO_SOCKET drops"
    podman stop -t 20 nt-img-monitor >/dev/null
    podman logs nt-img-monitor 2>&1 | tail -n 5
    [[ ${value%.*} -ge 3 ]] 2>/dev/null &&
        [[ $(podman inspect -f '{{.State.ExitCode}}' nt-img-monitor) == 0 ]] &&
        podman logs nt-img-monitor 2>&1 | grep -q '^end trace' &&
        [[ $(bpftool link list 2>/dev/null | grep -c '^[0-9]' || true) == "$links" ]]
}
check "image: --monitor --metrics in the container is scraped by Prometheus outside it, and stops cleanly on SIGTERM" image_scraped
cleanup_image
