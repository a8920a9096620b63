# shellcheck shell=bash
# A filter expression (pcap-filter(7), as tcpdump takes it) in the kernel, written into the engine's kprobe and
# fentry programs: only the ping's reply is traced, not its request nor a TCP SYN to a closed port between the same
# hosts; then --diag with an expression still names the closed port.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.8.1/24 nts 10.99.8.2/24

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
