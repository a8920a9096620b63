# shellcheck shell=bash
# --diag on the seed's XDP example: a generic-XDP program drops ICMP on the server's device; the diagnosis
# names XDP and advises checking the XDP program.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.8.1/24 nts 10.99.8.2/24
in_ns nts ip link set dev vntsntc xdpgeneric obj /tests/xdp_drop_icmp.o sec xdp || fail "could not attach the XDP program"

start_nettrace -p icmp --saddr 10.99.8.1 --diag --diag-quiet
in_ns ntc ping -c 1 -W 1 10.99.8.2 >"$NT_WORK/ping.log" 2>&1 || true
wait_nettrace_exit

expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[[0-9]+\] ERROR happens in [a-z_]+\([a-z-]+\):$' '^        packet is dropped by XDP program$' \
    '^    fix advice:$' '^        check your XDP eBPF program' '^analysis finished!$'
# The free is the XDP drop itself, or its evidence: one entry either way.
expect_no_line '^\[2\] '
