# shellcheck shell=bash
# --drop: an iptables DROP rule (Debian's default nft backend) frees the SYN with reason NETFILTER_DROP.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.1.1/24 nts 10.99.1.2/24

# iptables-nft is what Debian uses by default; the legacy backend is the fallback.
ipt=""
for cmd in iptables-nft iptables-legacy; do
    if in_ns nts "$cmd" -A INPUT -p tcp --dport 9998 -j DROP; then
        ipt=$cmd
        break
    fi
done
[[ -n $ipt ]] || fail "neither iptables-nft nor iptables-legacy could add the DROP rule"
echo "rule added with $ipt"

start_nettrace --drop -p tcp --dport 9998
tcp_connect ntc 10.99.1.2 9998 2
stop_nettrace

# The rule's own counter proves the kernel really dropped the SYN, separating setup faults from nettrace's.
in_ns nts "$ipt" -nvxL INPUT >"$NT_WORK/iptables.log"
expect_line '^ *[1-9][0-9]* +[0-9]+ +DROP .*dpt:9998' "$NT_WORK/iptables.log"
# Where the kernel frees it (checked with the kfree_skb tracepoint on 6.1 and 6.12): nf_tables frees a
# dropped packet itself in nft_do_chain; with the legacy backend nf_hook_slow acts on the NF_DROP verdict.
loc=nft_do_chain
[[ $ipt == iptables-legacy ]] && loc=nf_hook_slow
expect_line "TCP: 10\\.99\\.1\\.1:[0-9]+ -> 10\\.99\\.1\\.2:9998 seq:[0-9]+, ack:0, flags:S, reason: NETFILTER_DROP, $loc\\+0x[0-9a-f]+"
