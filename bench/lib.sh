# shellcheck shell=bash
# Shared by the host benchmarks: a veth pair between two network namespaces, and nettrace started in the
# background and stopped again. Source it after setting `bin` (the nettrace to measure) and `subnet`
# (the first three octets of the pair's /24, e.g. 10.240.0).

nt_runtime_env # nettrace runs here as nettrace.sh and the deployments run it
work=$(mktemp -d)
cli=ntbc$$ srv=ntbs$$
cleanup() {
    [[ -f $work/pid ]] && kill -TERM "$(cat "$work/pid")" 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    ip netns del "$srv" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$cli"
ip netns add "$srv"
ip link add vbc$$ netns "$cli" type veth peer name vbs$$ netns "$srv"
ip -n "$cli" addr add "$subnet.1/24" dev vbc$$
ip -n "$srv" addr add "$subnet.2/24" dev vbs$$
ip -n "$cli" link set vbc$$ up
ip -n "$srv" link set vbs$$ up

# start_nettrace OUT ARGS...: nettrace with output to OUT (stderr to OUT.err); waits for "begin trace...";
# prints the start latency in ms.
start_nettrace() {
    local out=$1
    shift
    local t0 t1
    t0=$(date +%s%N)
    "$bin" "$@" >"$out" 2>"$out.err" &
    echo $! >"$work/pid"
    until grep -q '^begin trace\.\.\.$' "$out" 2>/dev/null; do
        kill -0 "$(cat "$work/pid")" 2>/dev/null || nt_die "nettrace exited: $(cat "$out.err")"
        sleep 0.01
    done
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}

stop_nettrace() {
    local pid
    pid=$(cat "$work/pid")
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$work/pid"
}

# print_spread: min, median and max of the numbers on stdin.
print_spread() {
    sort -n | awk '{a[NR]=$1} END {printf "min %d, median %d, max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'
}
