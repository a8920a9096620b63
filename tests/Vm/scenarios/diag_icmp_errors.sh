# shellcheck shell=bash
# --diag on the ICMP errors a router or host sends about a packet, and on a failed route lookup, in one
# session (--diag-keep): a TTL that runs out on the router (ping -t 1), a DF packet bigger than the router's
# egress MTU (1280), UDP to a closed port, and a destination behind an unreachable route. Each ANALYSIS
# RESULT must name the error and why; the trace lines carry the evidence (the next-hop MTU, the errno).
router 10.99.70 10.99.71
in_ns ntr ip link set vntrnts mtu 1280
in_ns nts ip link set vntsntr mtu 1280
in_ns ntr ip route add unreachable 10.99.72.0/24

start_nettrace --saddr 10.99.70.1 --diag --diag-keep
in_ns ntc ping -c 1 -W 1 -t 1 10.99.71.2 >"$NT_WORK/ttl.log" 2>&1 || true
in_ns ntc ping -c 1 -W 1 -s 1400 10.99.71.2 >"$NT_WORK/frag.log" 2>&1 || true
echo closed | in_ns ntc socat -u - UDP:10.99.71.2:9 || true
in_ns ntc ping -c 1 -W 1 10.99.72.1 >"$NT_WORK/unreachable.log" 2>&1 || true
stop_nettrace

ping_hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[$1 *\\] ICMP: 10\\.99\\.70\\.1 -> $2 ping request, seq: 0, id: [0-9]+ $3"; }

# (a) TTL exceeded on the router.
expect_line "$(ping_hit __icmp_send '10\.99\.71\.2' '\*ICMP error sent: time exceeded \(TTL expired in transit\)\* \*ICMP time exceeded sent')"
# One entry: the free (the TTL ran out while forwarded) or the ICMP error leads, the other is its evidence.
expect_analysis '^\[[0-9]+\] (ERROR|WARNING) happens in (kfree_skb\(life\)|__icmp_send\(icmp\)):$' \
    "ICMP time exceeded sent: the packet's TTL \\(hop limit\\) ran out here" '^    fix advice:$' 'a routing loop'

# (b) Fragmentation needed: the next hop's MTU is named.
expect_line "$(ping_hit __icmp_send '10\.99\.71\.2' '\*ICMP error sent: fragmentation needed, next-hop MTU 1280\*')"
expect_analysis '^\[[0-9]+\] ERROR happens in __icmp_send\(icmp\):$' \
    "^        ICMP fragmentation needed \\(packet too big\\) sent: the packet \\([0-9]+ bytes\\) is bigger than the next hop's MTU 1280 and may not be fragmented$" \
    '^    fix advice:$' '^        path MTU: check the MTU of the devices and tunnels on the path \(ip link, ip route get 10\.99\.71\.2 '

# (c) Port unreachable: the server answers the UDP datagram.
expect_line '^\[[0-9]+\.[0-9]{6}\] \[__icmp_send *\] UDP: 10\.99\.70\.1:[0-9]+ -> 10\.99\.71\.2:9 .*\*ICMP error sent: port unreachable\*'
expect_analysis '^\[[0-9]+\] ERROR happens in __icmp_send\(icmp\):$' '^        ICMP port unreachable sent: nothing listens on the destination UDP port$' \
    '^    evidence:$' '^        kfree_skb\(life\): ' '^    drop reason:$' '^        NO_SOCKET$'

# (e) The router's lookup ends on the unreachable route: the errno, then the ICMP error it sends.
expect_line "$(ping_hit ip_error '10\.99\.72\.1' '\*route lookup: EHOSTUNREACH \(an unreachable route, or forwarding is off on the input device\)\*')"
expect_line "$(ping_hit __icmp_send '10\.99\.72\.1' '\*ICMP error sent: host unreachable\*')"
expect_analysis '^\[[0-9]+\] ERROR happens in ip_error\(route\):$' \
    '^        route lookup failed: an unreachable route, or forwarding is off on the input device \(EHOSTUNREACH\)$' \
    '^    fix advice:$' '^        check ip route show type unreachable'
