# shellcheck shell=bash
# -t kernel: every function of the running kernel and its loaded modules that takes an skb (found in BTF, checked
# against ftrace's list, attached with kprobe.multi). More than 300 attach, the count and the time are said, and a
# ping's request is followed through functions the catalogue does not list: the veth driver's (a module's BTF) and
# the core's, from its send to its free.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.10.1/24 nts 10.99.10.2/24

start_nettrace -t kernel -p icmp --addr 10.99.10.2
in_ns ntc ping -c 1 -W 2 10.99.10.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"
report='^nettrace: -t kernel: ([0-9]+) functions and tracepoints attached \([0-9]+ of the catalogue, [0-9]+ more of the kernel.s [0-9]+ skb functions\) in [0-9.]+ s \((kprobe\.multi, )?[0-9]+ links\)'
expect_line "$report"
grep -E "$report" "$NT_LOG"
attached=$(sed -nE "s/$report.*/\\1/p" "$NT_LOG")
((attached > 300)) || fail "-t kernel attached $attached functions, not more than 300"

hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[($1) *\\] ICMP: $2, seq: [0-9]+, id: [0-9]+"; }
req='10\.99\.10\.1 -> 10\.99\.10\.2 ping request'
# veth_xmit is the veth module's; __dev_forward_skb, eth_type_trans and enqueue_to_backlog are the core's; none is in
# the catalogue.
expect_context "$(hit veth_xmit "$req")" "$(hit __dev_forward_skb "$req")" "$(hit eth_type_trans "$req")" \
    "$(hit enqueue_to_backlog "$req")" "$(hit icmp_rcv "$req")" "$(hit '(consume_skb|kfree_skb)' "$req")"
expect_in_order "$(hit ip_output "$req")" "$(hit dev_hard_start_xmit "$req")" "$(hit veth_xmit "$req")" \
    "$(hit __dev_forward_skb "$req")" "$(hit eth_type_trans "$req")" "$(hit enqueue_to_backlog "$req")" "$(hit icmp_rcv "$req")"
functions=$(grep -oE '^\[[0-9]+\.[0-9]{6}\] \[[A-Za-z0-9_.]+' "$NT_LOG" | awk '{ print $2 }' | sort -u | wc -l)
hits=$(grep -cE '^\[[0-9]+\.[0-9]{6}\] \[' "$NT_LOG")
echo "the ping's request and reply passed $functions distinct functions in $hits hits"
((functions > 40)) || fail "the ping passed only $functions distinct functions"
