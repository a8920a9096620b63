# shellcheck shell=bash
# vm-modules: nf_nat nft_chain_nat xt_MASQUERADE nft_masq iptable_nat nft_nat
# No false alarms: healthy traffic of every protocol the catalogue decodes (TCP, UDP, ICMP, ICMPv6, ARP and
# neighbour discovery, forwarded, MASQUERADEd and DNATed) through --diag --diag-keep gives no ERROR, and no WARNING
# but the seed's "NAT happens" (its diagnosis warns of every address rewrite on purpose, tests/Vm/scenarios/diag_nat.sh).
# Frees at the kernel's normal ends of life (plugins/path/rules/life.benign.rules) are INFO: the ICMPv6 messages 6.1
# frees with kfree_skb in icmpv6_rcv, the echo reply the ping-socket layer frees after root's raw socket got it, and
# the odd pure ACK PAWS rejects after a newer segment overtook it between the VM's two CPUs' backlogs.
#
#   ntc 10.99.3.1, fd99:3::1 -- ntr (router) -- nts 10.99.4.2   (MASQUERADE towards nts; DNAT 10.99.3.2:8080 -> nts:7001)
#                                            -- ntx 10.99.6.2   (plain forwarding)
nat_router
netns_add ntx
veth_pair ntr 10.99.6.1/24 ntx 10.99.6.2/24
in_ns ntx ip route add default via 10.99.6.1
in_ns ntc ip -6 addr add fd99:3::1/64 dev vntcntr nodad
in_ns ntr ip -6 addr add fd99:3::2/64 dev vntrntc nodad
in_ns ntr nft -f - <<'NFT'
table ip healthy_dnat {
    chain pre { type nat hook prerouting priority -100; tcp dport 8080 dnat to 10.99.4.2:7001; }
}
NFT

# Request/response servers: each reads one line and answers it, so the client's FIN comes first and the
# server's answer and FIN follow (the usual end of a short request).
answer='read -r l; echo "re: $l"'
# -t5: after the client's FIN the server's socat waits for the answer (its default 0.5 s is short in the VM).
in_ns ntr socat -t5 TCP-LISTEN:7001,reuseaddr,fork SYSTEM:"$answer" &
in_ns ntr socat -t5 UDP-RECVFROM:7002,fork SYSTEM:"$answer" &
in_ns ntx socat -t5 TCP-LISTEN:7003,reuseaddr,fork SYSTEM:"$answer" &
in_ns nts socat -t5 TCP-LISTEN:7001,reuseaddr,fork SYSTEM:"$answer" &
wait_listen ntr 7001
wait_listen ntx 7003
wait_listen nts 7001

# One start for all the traffic; --diag compiles the rules in the fresh VM (no cache), slow under emulation.
NT_START_TIMEOUT=300
# No filter: the VM has no NIC, so every packet is the scenario's, and no one filter keeps IPv4, IPv6 and ARP.
start_nettrace --diag --diag-keep
ask() { # ask NAME PROTO:ADDR:PORT: one request from the client; the answer goes to $NT_WORK/NAME.out
    echo hello | in_ns ntc socat -t5 -T5 - "$2" >"$NT_WORK/$1.out" 2>&1 || true
}
ping4() { in_ns ntc ping -c 1 -W 3 "$2" >"$NT_WORK/$1.out" 2>&1 || true; }
ask tcp TCP:10.99.3.2:7001
ask udp UDP:10.99.3.2:7002
ping4 ping 10.99.3.2
in_ns ntc ping -6 -c 1 -W 3 fd99:3::2 >"$NT_WORK/ping6.out" 2>&1 || true
ask forward TCP:10.99.6.2:7003
ping4 nat_ping 10.99.4.2
ask nat_tcp TCP:10.99.4.2:7001
ask dnat_tcp TCP:10.99.3.2:8080
stop_nettrace

# The traffic really was healthy: every request got its answer.
for out in tcp udp forward nat_tcp dnat_tcp; do
    expect_line '^re: hello$' "$NT_WORK/$out.out"
done
for out in ping ping6 nat_ping; do
    expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/$out.out"
done
expect_line '^nettrace: [0-9]+ events, [0-9]+ packets, 0 lost'

# No false alarm: no ERROR, and no WARNING but NAT's.
if grep -q 'ERROR happens' "$NT_LOG"; then
    # The entry and the drops it may be about: the log's last lines may not reach them.
    grep -A4 'ERROR happens' "$NT_LOG" | head -20
    grep -E '\[(kfree_skb|__kfree_skb) *\].*\*packet is dropped' "$NT_LOG" | head -10
    fail "an ERROR on healthy traffic: $(grep -m1 -A2 'ERROR happens' "$NT_LOG" | tr '\n' ' ')"
fi
warnings=$(grep -E '^\[[0-9]+\] WARNING happens in ' "$NT_LOG" | grep -v ' in nf_nat_manip_pkt(' || true)
[[ -z $warnings ]] || fail "a WARNING on healthy traffic: ${warnings%%$'\n'*}"
expect_no_line '^analysis finished!$'

# Each kind of traffic was seen as a whole lifecycle that ended well.
good() { expect_context "$1" '^this is a good packet!$'; }
hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[($1) *\\] $2"; }
good "$(hit tcp_v4_rcv 'TCP: 10\.99\.3\.1:[0-9]+ -> 10\.99\.3\.2:7001 .*flags:S( |$)')"
good "$(hit tcp_v4_rcv 'TCP: 10\.99\.3\.2:7001 -> 10\.99\.3\.1:[0-9]+ .*flags:AP( |$)')"
good "$(hit udp_rcv 'UDP: 10\.99\.3\.1:[0-9]+ -> 10\.99\.3\.2:7002')"
good "$(hit icmp_rcv 'ICMP: 10\.99\.3\.1 -> 10\.99\.3\.2 ping request')"
good "$(hit icmp_rcv 'ICMP: 10\.99\.3\.2 -> 10\.99\.3\.1 ping reply')"
good "$(hit icmpv6_rcv 'ICMPv6: fd99:3::1 -> fd99:3::2 ping request')"
good "$(hit icmpv6_rcv 'ICMPv6: fd99:3::2 -> fd99:3::1 ping reply')"
good "$(hit arp_rcv 'ARP: 10\.99\.3\.1 -> 10\.99\.3\.2 request')"
good "$(hit arp_rcv 'ARP: 10\.99\.3\.2 -> 10\.99\.3\.1 reply')"
good "$(hit icmpv6_rcv 'ICMPv6: fd99:3::1 -> ff02::1:ff00:2 neighbour solicitation')"
good "$(hit icmpv6_rcv 'ICMPv6: fd99:3::2 -> fd99:3::1 neighbour advertisement')"
good "$(hit ip_forward 'TCP: 10\.99\.3\.1:[0-9]+ -> 10\.99\.6\.2:7003 .*flags:S( |$)')"
# NAT: the request is rewritten (the WARNING) and answered.
expect_context "$(hit nf_nat_manip_pkt 'ICMP: 10\.99\.3\.1 -> 10\.99\.4\.2 ping request')" \
    "$(hit icmp_rcv 'ICMP: 10\.99\.4\.1 -> 10\.99\.4\.2 ping request')"
expect_context "$(hit nf_nat_manip_pkt 'TCP: 10\.99\.3\.1:[0-9]+ -> 10\.99\.3\.2:8080 .*flags:S( |$)')" \
    "$(hit tcp_v4_rcv 'TCP: 10\.99\.4\.1:[0-9]+ -> 10\.99\.4\.2:7001 .*flags:S( |$)')"

# The benign frees were met and named: the echo reply's at the ping-socket layer on both kernels, and on 6.1 the
# ICMPv6 messages icmpv6_rcv frees with kfree_skb.
expect_line "$(hit kfree_skb 'ICMP: 10\.99\.3\.2 -> 10\.99\.3\.1 ping reply.*\*packet is freed \(normal end of life at the ping-socket layer')"
if [[ $NT_KERNEL == 6.1 ]]; then
    expect_line "$(hit kfree_skb 'ICMPv6: fd99:3::1 -> fd99:3::2 ping request.*\*packet is freed \(normal end of life at icmpv6_rcv')"
fi
