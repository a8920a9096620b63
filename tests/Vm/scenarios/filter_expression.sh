# shellcheck shell=bash
# vm-modules: 8021q
# A filter expression (pcap-filter(7), as tcpdump takes it) in the kernel, written into the engine's kprobe and
# fentry programs: only the ping's reply is traced, not its request nor a TCP SYN to a closed port between the same
# hosts; then --diag with an expression still names the closed port. Expressions only the link layer answers (vlan,
# arp) run as the expression's Ethernet program over the frame, the VLAN tag the veth took out of it put back.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.8.1/24 nts 10.99.8.2/24

# arp, first: the namespaces are new, so the ping resolves its neighbour (a flushed entry may come back without
# one). Traced: the resolution, not the ping.
start_nettrace 'arp and host 10.99.8.2'
in_ns ntc ping -c 1 -W 2 10.99.8.2 >/dev/null 2>&1 || true
stop_nettrace
expect_line '\] ARP: 10\.99\.8\.1 -> 10\.99\.8\.2 request'
expect_no_line 'ICMP: '

start_nettrace -v 'icmp[icmptype] == icmp-echoreply and host 10.99.8.2'
in_ns ntc ping -c 1 -W 2 10.99.8.2 >"$NT_WORK/ping.log" 2>&1 || true
tcp_connect ntc 10.99.8.2 9
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"
expect_line '^nt_engine: the filter expression runs in the kernel \([0-9]+ of 514 instructions\)$'
expect_line '\[icmp_rcv *\] ICMP: 10\.99\.8\.2 -> 10\.99\.8\.1 ping reply'
expect_no_line 'ping request'
expect_no_line 'TCP: '

start_nettrace --diag --diag-quiet 'tcp[tcpflags] & tcp-syn != 0 and dst port 9997'
tcp_connect ntc 10.99.8.2 9997 2
wait_nettrace_exit
expect_in_order '^\[1\] ERROR happens in kfree_skb\(life\):$' '^        no socket is listening on the destination port$'

# vlan: a ping over a VLAN on the veth pair is traced, the same ping without the tag is not.
in_ns ntc ip link add link vntcnts name vntcnts.100 type vlan id 100
in_ns nts ip link add link vntsntc name vntsntc.100 type vlan id 100
in_ns ntc ip addr add 10.99.9.1/24 dev vntcnts.100
in_ns nts ip addr add 10.99.9.2/24 dev vntsntc.100
in_ns ntc ip link set vntcnts.100 up
in_ns nts ip link set vntsntc.100 up
start_nettrace -v 'vlan 100 and icmp'
in_ns ntc ping -c 1 -W 2 10.99.8.2 >"$NT_WORK/plain.log" 2>&1 || true
in_ns ntc ping -c 1 -W 2 10.99.9.2 >"$NT_WORK/vlan.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/vlan.log"
expect_line '^nt_engine: the filter expression runs over Ethernet frames in the kernel \([0-9]+ of 514 instructions\)$'
expect_line '\] ICMP: 10\.99\.9\.1 -> 10\.99\.9\.2 ping request'
expect_line '\] ICMP: 10\.99\.9\.2 -> 10\.99\.9\.1 ping reply'
expect_no_line '10\.99\.8\.'
