# shellcheck shell=bash
# --trace-stack icmp_rcv prints the kernel stack under the icmp_rcv hit: ip_local_deliver called it.
# --ret adds the return value of the functions whose return means something (kretprobes).
netns_add ntc
netns_add nts
veth_pair ntc 10.99.6.1/24 nts 10.99.6.2/24

start_nettrace -p icmp --saddr 10.99.6.1 --trace-stack icmp_rcv --ret
in_ns ntc ping -c 1 -W 2 10.99.6.2 >/dev/null 2>&1 || true
stop_nettrace
expect_in_order '\[icmp_rcv +\] ICMP: 10\.99\.6\.1 -> 10\.99\.6\.2 ping request' '^Call Stack:$' \
    '^    -> icmp_rcv\+0x[0-9a-f]+ \[ffffffff[0-9a-f]{8}\]$' '^    -> ip_local_deliver(_finish)?\+0x[0-9a-f]+ \[ffffffff[0-9a-f]{8}\]$'
expect_line '\[__dev_queue_xmit +\] ICMP: 10\.99\.6\.1 -> 10\.99\.6\.2 ping request, seq: [0-9]+, id: [0-9]+ \*return: 0\*$'
expect_no_line '\[icmp_rcv +\] .*\*ret:'
# Held return records (an LRU map, bpf/engine/engine.bpf.c's nt_calls) all came back out: nothing counted lost.
expect_line '^nettrace: [0-9]+ events, [0-9]+ packets, 0 lost'
