# shellcheck shell=bash
# --monitor with kprobes available: an iptables drop is reported (kfree_skb with NETFILTER_DROP) and counted
# by --metrics, a closed port's reset is reported with the socket, and clean traffic prints nothing. Return
# values are watched through fexit where the kernel has trampolines (6.1, 6.12): a reverse path filter's refusal
# is judged at fib_validate_source's return, in its fexit program.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.11.1/24 nts 10.99.11.2/24
in_ns nts iptables -A INPUT -p tcp --dport 9980 -j DROP || fail "iptables could not add the DROP rule"
# A client source the server would not route back through that device: strict rp_filter refuses it. A static
# neighbour entry keeps the server's filter from refusing the ARP request first.
in_ns ntc ip addr add 10.99.98.1/32 dev vntcnts
in_ns nts sysctl -qw net.ipv4.conf.all.rp_filter=1
in_ns nts sysctl -qw net.ipv4.conf.vntsntc.rp_filter=1
in_ns ntc ip neigh replace 10.99.11.2 lladdr "$(in_ns nts cat /sys/class/net/vntsntc/address)" dev vntcnts nud permanent

start_nettrace --monitor --saddr 10.99.11.1 -p icmp
in_ns ntc ping -c 2 -i 0.2 -W 1 10.99.11.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '2 packets transmitted, 2 (packets )?received' "$NT_WORK/ping.log"
expect_no_line '^\[[0-9]+\.[0-9]{6}\] '
expect_line '^nettrace: 0 events, 0 lost$'

start_nettrace --monitor --metrics 127.0.0.1:9464 --addr 10.99.11.2
tcp_connect ntc 10.99.11.2 9980 1
tcp_connect ntc 10.99.11.2 9981 1
in_ns ntc ping -c 1 -W 1 -I 10.99.98.1 10.99.11.2 >"$NT_WORK/ping-rp.log" 2>&1 || true
# The events reach the counters at the next poll of the ring buffers (the first one also loads kallsyms,
# slow under emulation): scrape until both drops are counted, as Prometheus would on its next scrape.
for _ in $(seq 1 20); do
    sleep 1
    wget -q -O "$NT_WORK/metrics.log" http://127.0.0.1:9464/metrics || fail "no metrics at 127.0.0.1:9464"
    # Drops, verdicts and findings come from different rings; wait for every counter the checks below need.
    grep -q 'reason="NO_SOCKET"' "$NT_WORK/metrics.log" && grep -q 'reason="NETFILTER_DROP"' "$NT_WORK/metrics.log" &&
        grep -q '^nettrace_netfilter_verdicts_total{.*verdict="drop"} [1-9]' "$NT_WORK/metrics.log" &&
        grep -q '^nettrace_findings_total{rule="iptables_nft_drop"' "$NT_WORK/metrics.log" && break
done
stop_nettrace
expect_line '^\[[0-9]+\.[0-9]{6}\] \[kfree_skb +\] TCP: 10\.99\.11\.1:[0-9]+ -> 10\.99\.11\.2:9980 seq:[0-9]+, ack:0, flags:S, reason: NETFILTER_DROP, '
# The client always sees the reset; the server's tracepoint fires without a socket only on newer kernels.
expect_line '^\[[0-9]+\.[0-9]{6}\] \[tcp_receive_reset +\] TCP: 10\.99\.11\.1:[0-9]+ -> 10\.99\.11\.2:9981 '
expect_line '^nettrace_drops_total\{reason="NETFILTER_DROP",location="[a-z_0-9.]+"\} [1-9]' "$NT_WORK/metrics.log"
expect_line '^nettrace_drops_total\{reason="NO_SOCKET",location="tcp_v4_rcv"\} [1-9]' "$NT_WORK/metrics.log"
expect_line '^nettrace_trace_attached\{group="sock",trace="tcp_retransmit_timer"\} 1' "$NT_WORK/metrics.log"
# The verdict is judged in the kernel from nft_do_chain's return value (the return rules of netfilter.rules).
expect_line '^\[[0-9]+\.[0-9]{6}\] \[nft_do_chain +\] TCP: 10\.99\.11\.1:[0-9]+ -> 10\.99\.11\.2:9980 .* \*iptables table:filter, chain:INPUT\* \*packet is dropped by iptables-nft: table filter, chain INPUT \(ipv4 LOCAL_IN hook\)\*'
expect_line '^nettrace_netfilter_verdicts_total\{table="filter",chain="INPUT",hook="LOCAL_IN",verdict="drop"\} [1-9]' "$NT_WORK/metrics.log"
expect_line '^nettrace_findings_total\{rule="iptables_nft_drop",trace="nft_do_chain"\} [1-9]' "$NT_WORK/metrics.log"
# Accepted packets never left the kernel: no line for the refused (but not filtered) port's verdict.
expect_no_line '\[nft_do_chain +\] .*:9981 '
# On trampolines: one line says how, and the refused source is judged at fib_validate_source's return.
expect_line '^nettrace: --monitor: return values of [0-9]+ functions watched through fexit \(BPF trampolines\)'
expect_line '^\[[0-9]+\.[0-9]{6}\] \[fib_validate_source +\] ICMP: 10\.99\.98\.1 -> 10\.99\.11\.2 ping request.*\*source address validation failed \(reverse path filter\)\*'
