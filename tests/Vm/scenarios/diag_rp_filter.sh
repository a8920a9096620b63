# shellcheck shell=bash
# --diag on a fault met often on multi-homed hosts: strict reverse path filtering drops a packet whose source
# the receiver would not route back through the interface it came in on. Both the failed source check and the
# kernel's IP_RPFILTER drop must be named, with the rp_filter advice.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.9.1/24 nts 10.99.9.2/24
# A second source address on the client that the server has no route for.
in_ns ntc ip addr add 10.99.99.1/32 dev vntcnts
in_ns nts sysctl -qw net.ipv4.conf.all.rp_filter=1
in_ns nts sysctl -qw net.ipv4.conf.vntsntc.rp_filter=1
# The server's filter would refuse the ARP request from that source too (nettrace diagnoses that as
# NEIGH_FAILED); a static neighbour entry lets the ping itself reach the filter.
in_ns ntc ip neigh replace 10.99.9.2 lladdr "$(in_ns nts cat /sys/class/net/vntsntc/address)" dev vntcnts nud permanent

start_nettrace -p icmp --saddr 10.99.99.1 --diag
in_ns ntc ping -c 1 -W 1 -I 10.99.99.1 10.99.9.2 >"$NT_WORK/ping.log" 2>&1 || true
wait_nettrace_exit

expect_line '^\[[0-9]+\.[0-9]{6}\] \[fib_validate_source *\] ICMP: 10\.99\.99\.1 -> 10\.99\.9\.2 ping request, seq: 0, id: [0-9]+ \*source address validation failed \(reverse path filter\)\*'
expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[1\] ERROR happens in fib_validate_source\(route\):$' '^        source address validation failed \(reverse path filter\)$' \
    '^    evidence:$' '^        kfree_skb\(life\): ' '^    drop reason:$' '^        IP_RPFILTER$' \
    '^    fix advice:$' '^        check net\.ipv4\.conf\.\*\.rp_filter and the route back to the source$' '^analysis finished!$'
expect_no_line '^\[2\] '
# -EXDEV from the route lookup is the filter's refusal, not a missing route.
expect_no_line 'no route for the packet in the input path'
