# shellcheck shell=bash
# --drop: an iptables-legacy DROP rule; nf_hook_slow frees the SYN on the NF_DROP verdict (NETFILTER_DROP).
netns_add ntc
netns_add nts
veth_pair ntc 10.99.1.1/24 nts 10.99.1.2/24

in_ns nts iptables-legacy -A INPUT -p tcp --dport 9996 -j DROP

start_nettrace --drop -p tcp --dport 9996
tcp_connect ntc 10.99.1.2 9996 2
stop_nettrace

# The rule's own counter proves the kernel really dropped the SYN, separating setup faults from nettrace's.
in_ns nts iptables-legacy -nvxL INPUT >"$NT_WORK/iptables.log"
expect_line '^ *[1-9][0-9]* +[0-9]+ +DROP .*dpt:9996' "$NT_WORK/iptables.log"
expect_line 'TCP: 10\.99\.1\.1:[0-9]+ -> 10\.99\.1\.2:9996 seq:[0-9]+, ack:0, flags:S, reason: NETFILTER_DROP, nf_hook_slow\+0x[0-9a-f]+'
