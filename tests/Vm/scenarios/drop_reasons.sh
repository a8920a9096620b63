# shellcheck shell=bash
# --drop, one session for four drops of a SYN, each in a server namespace of its own: no socket (tcp_v4_rcv,
# NO_SOCKET), a native nftables rule, an iptables rule on Debian's default nft backend, and an iptables-legacy rule
# (NETFILTER_DROP each). Where the kernel frees it depends on the backend (checked with the kfree_skb tracepoint on
# 6.1 and 6.12): nf_tables frees a dropped packet itself in nft_do_chain; with iptables-legacy, nf_hook_slow acts on
# the NF_DROP verdict. One start instead of four: a start costs 10-20 s under emulation.
netns_add ntc
for s in 1 2 3 4; do
    netns_add "nts$s"
    veth_pair ntc "10.99.3$s.1/24" "nts$s" "10.99.3$s.2/24"
done

# Not named "fwd": that is an nft keyword.
in_ns nts2 nft -f - <<'NFT'
table inet t {
    chain c {
        type filter hook input priority 0;
        tcp dport 9997 counter drop
    }
}
NFT
in_ns nts3 iptables-nft -A INPUT -p tcp --dport 9998 -j DROP
in_ns nts4 iptables-legacy -A INPUT -p tcp --dport 9996 -j DROP

start_nettrace --drop -p tcp
tcp_connect ntc 10.99.31.2 9999
tcp_connect ntc 10.99.32.2 9997 2
tcp_connect ntc 10.99.33.2 9998 2
tcp_connect ntc 10.99.34.2 9996 2
stop_nettrace

# The rules' own counters prove the kernel really dropped the SYNs, separating setup faults from nettrace's.
in_ns nts2 nft list chain inet t c >"$NT_WORK/nft.log"
expect_line 'tcp dport 9997 counter packets [1-9][0-9]* bytes [0-9]+ drop' "$NT_WORK/nft.log"
in_ns nts3 iptables-nft -nvxL INPUT >"$NT_WORK/iptables-nft.log"
expect_line '^ *[1-9][0-9]* +[0-9]+ +DROP .*dpt:9998' "$NT_WORK/iptables-nft.log"
in_ns nts4 iptables-legacy -nvxL INPUT >"$NT_WORK/iptables-legacy.log"
expect_line '^ *[1-9][0-9]* +[0-9]+ +DROP .*dpt:9996' "$NT_WORK/iptables-legacy.log"

syn() { echo "TCP: 10\\.99\\.3$1\\.1:[0-9]+ -> 10\\.99\\.3$1\\.2:$2 seq:[0-9]+, ack:0, flags:S, reason: $3, $4\\+0x[0-9a-f]+"; }
expect_line "$(syn 1 9999 NO_SOCKET tcp_v4_rcv)"
expect_line "$(syn 2 9997 NETFILTER_DROP nft_do_chain)"
expect_line "$(syn 3 9998 NETFILTER_DROP nft_do_chain)"
expect_line "$(syn 4 9996 NETFILTER_DROP nf_hook_slow)"
