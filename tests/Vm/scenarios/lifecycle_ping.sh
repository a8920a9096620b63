# shellcheck shell=bash
# Default mode: a ping's request and its reply each make one context, with the kernel functions of their
# paths in order, until the skb is freed; --saddr leaves the reply out. The second ping crosses a VLAN, whose
# vlan_do_receive takes struct sk_buff **: the engine reads the skb through the pointer.
# vm-modules: 8021q
netns_add ntc
netns_add nts
veth_pair ntc 10.99.2.1/24 nts 10.99.2.2/24

start_nettrace -p icmp --addr 10.99.2.2 -v
in_ns ntc ping -c 1 -W 2 10.99.2.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"
expect_line '^nettrace: [0-9]+ events, [0-9]+ packets, 0 lost'
expect_line 'traces attached through [0-9]+ links in [0-9]+ ms'

hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[($1) *\\] ICMP: $2, seq: [0-9]+, id: [0-9]+"; }
req='10\.99\.2\.1 -> 10\.99\.2\.2 ping request'
rep='10\.99\.2\.2 -> 10\.99\.2\.1 ping reply'
# The request leaves the client and is received, delivered and answered by the server.
expect_context "$(hit ip_output "$req")" "$(hit icmp_rcv "$req")"
expect_in_order '^\*{17} ' "$(hit ip_output "$req")" "$(hit '__dev_queue_xmit|net_dev_queue' "$req")" \
    "$(hit dev_hard_start_xmit "$req")" "$(hit 'netif_receive_skb|__netif_receive_skb_core' "$req")" \
    "$(hit ip_rcv "$req")" "$(hit 'ip_rcv_core(\.[a-z]+\.[0-9]+)?' "$req")" "$(hit ip_local_deliver "$req")" \
    "$(hit icmp_rcv "$req")" "$(hit icmp_echo "$req")" "$(hit '(consume_skb|kfree_skb)' "$req")"
# The reply goes out through the IP output path and ends at the client.
expect_context "$(hit ip_finish_output2 "$rep")" "$(hit icmp_rcv "$rep")"
expect_in_order "$(hit ip_output "$rep")" "$(hit ip_finish_output "$rep")" "$(hit ip_finish_output2 "$rep")" \
    "$(hit '__dev_queue_xmit|net_dev_queue' "$rep")" "$(hit icmp_rcv "$rep")"

# The filter: only packets from the client (the protocol filter's other side, -p udp seeing no ICMP, is the
# host tier's: the same BPF filter runs there on tracepoints), over VLAN 10 on the same veth pair.
in_ns ntc ip link add link vntcnts name vlan10 type vlan id 10
in_ns nts ip link add link vntsntc name vlan10 type vlan id 10
in_ns ntc ip addr add 10.99.22.1/24 dev vlan10
in_ns nts ip addr add 10.99.22.2/24 dev vlan10
in_ns ntc ip link set vlan10 up
in_ns nts ip link set vlan10 up
start_nettrace -p icmp --saddr 10.99.22.1
in_ns ntc ping -c 1 -W 2 10.99.22.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"
vreq='10\.99\.22\.1 -> 10\.99\.22\.2 ping request'
expect_line "$(hit icmp_rcv "$vreq")"
# The tagged frame reaches the server's VLAN device: read through the pointer, the skb is the request.
expect_in_order "$(hit 'netif_receive_skb|__netif_receive_skb_core' "$vreq")" "$(hit vlan_do_receive "$vreq")" "$(hit icmp_rcv "$vreq")"
expect_no_line 'ping reply'
