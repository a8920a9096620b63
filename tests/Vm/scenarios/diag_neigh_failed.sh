# shellcheck shell=bash
# --diag on a neighbour that never answers: a ping to an on-link address nobody holds waits for ARP, which
# fails (one probe of 200 ms, so the scenario stays quick), and the queued packet is dropped. The trace lines
# and the ANALYSIS RESULT must name the neighbour's address and state, and the drop reason NEIGH_FAILED.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.74.1/24 nts 10.99.74.2/24
in_ns ntc sysctl -qw net.ipv4.neigh.vntcnts.mcast_solicit=1
in_ns ntc sysctl -qw net.ipv4.neigh.vntcnts.retrans_time_ms=200

start_nettrace -p icmp --daddr 10.99.74.9 --diag
in_ns ntc ping -c 1 -W 1 10.99.74.9 >"$NT_WORK/ping.log" 2>&1 || true
wait_nettrace_exit

hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[$1 *\\] ICMP: 10\\.99\\.74\\.1 -> 10\\.99\\.74\\.9 ping request, seq: 0, id: [0-9]+ $2"; }
expect_line "$(hit __neigh_event_send '\*neighbour 10\.99\.74\.9 (NONE|INCOMPLETE)\*')"
expect_line "$(hit arp_error_report '\*neighbour 10\.99\.74\.9 FAILED\* \*neighbour resolution failed')"
expect_line "$(hit __icmp_send '\*ICMP error sent: host unreachable\*')"
# One entry: the failed resolution, with the host-unreachable error and the free as its evidence.
expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[1\] ERROR happens in arp_error_report\(neigh\):$' '^        neighbour resolution failed: 10\.99\.74\.9 \(FAILED\) did not answer ARP/NDISC' \
    '^    evidence:$' '^        __icmp_send\(icmp\): ICMP host unreachable sent' '^        kfree_skb\(life\): ' \
    '^    drop reason:$' '^        NEIGH_FAILED$' \
    '^    fix advice:$' '^        check that 10\.99\.74\.9 is up and on this link' '^analysis finished!$'
expect_no_line '^\[2\] '
