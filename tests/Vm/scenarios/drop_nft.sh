# shellcheck shell=bash
# --drop: a native nftables drop rule frees the SYN with reason NETFILTER_DROP; nf_tables frees dropped packets
# itself, so the location is nft_do_chain (checked with the kfree_skb tracepoint on 6.1 and 6.12).
netns_add ntc
netns_add nts
veth_pair ntc 10.99.1.1/24 nts 10.99.1.2/24

# Not named "fwd": that is an nft keyword.
in_ns nts nft -f - <<'NFT'
table inet t {
    chain c {
        type filter hook input priority 0;
        tcp dport 9997 counter drop
    }
}
NFT

start_nettrace --drop -p tcp --dport 9997
tcp_connect ntc 10.99.1.2 9997 2
stop_nettrace

# The rule's own counter proves the kernel really dropped the SYN, separating setup faults from nettrace's.
in_ns nts nft list chain inet t c >"$NT_WORK/nft.log"
expect_line 'tcp dport 9997 counter packets [1-9][0-9]* bytes [0-9]+ drop' "$NT_WORK/nft.log"
expect_line 'TCP: 10\.99\.1\.1:[0-9]+ -> 10\.99\.1\.2:9997 seq:[0-9]+, ack:0, flags:S, reason: NETFILTER_DROP, nft_do_chain\+0x[0-9a-f]+'
