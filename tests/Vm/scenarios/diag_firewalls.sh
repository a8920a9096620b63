# shellcheck shell=bash
# vm-modules: nf_nat
# --diag names the firewall that dropped a packet: iptables-nft, iptables-legacy and native nftables, each in
# INPUT, FORWARD and OUTPUT, plus a chain policy of DROP and an ip6tables-legacy drop. One session (--diag-keep)
# sees every case; each case's ANALYSIS RESULT must be a single entry naming the owner, the family, the table,
# the chain and the hook, with the chain's policy as evidence and the command that lists the chain's rules.
router
in_ns ntc ip addr add fd99:5::1/64 dev vntcntr nodad
in_ns ntr ip addr add fd99:5::2/64 dev vntrntc nodad

# ping_case CHAIN: the one ping each chain's rule drops (INPUT: to the router; FORWARD: through it; OUTPUT: from it).
ping_case() {
    case $1 in
        INPUT) in_ns ntc ping -c 1 -W 1 10.99.5.2 ;;
        FORWARD) in_ns ntc ping -c 1 -W 1 10.99.6.2 ;;
        OUTPUT) in_ns ntr ping -c 1 -W 1 10.99.6.2 ;;
    esac >>"$NT_WORK/ping.log" 2>&1 && fail "the ping through a $1 DROP rule got an answer"
    sleep 0.5
}

xt_case() {
    local ipt=$1 chain=$2
    in_ns ntr "$ipt" -A "$chain" -p icmp -j DROP || fail "$ipt could not add the $chain DROP rule"
    ping_case "$chain"
    in_ns ntr "$ipt" -D "$chain" -p icmp -j DROP
}

nft_case() {
    local chain=$1 hook
    hook=${chain,,}
    in_ns ntr nft -f - <<NFT
table inet ntfw {
    chain nt_$hook {
        type filter hook $hook priority 10;
        icmp type echo-request drop
    }
}
NFT
    ping_case "$chain"
    in_ns ntr nft delete table inet ntfw
}

start_nettrace -p icmp --diag --diag-keep --diag-quiet
for chain in INPUT FORWARD OUTPUT; do
    xt_case iptables-nft "$chain"
    xt_case iptables-legacy "$chain"
    nft_case "$chain"
done
# The policy, not a rule: nothing in FORWARD accepts the ping.
in_ns ntr iptables-nft -P FORWARD DROP
ping_case FORWARD
in_ns ntr iptables-nft -P FORWARD ACCEPT
stop_nettrace
cp "$NT_LOG" "$NT_WORK/ipv4.log"

# IPv6 through iptables-legacy's ip6t_do_table; this session ends by itself at its first ERROR.
in_ns ntr ip6tables-legacy -A INPUT -p icmpv6 --icmpv6-type echo-request -j DROP
start_nettrace -p icmpv6 --diag --diag-quiet
in_ns ntc ping -6 -c 1 -W 1 fd99:5::2 >>"$NT_WORK/ping.log" 2>&1 && fail "the ping6 through an ip6tables DROP rule got an answer"
wait_nettrace_exit
expect_analysis '^\[[0-9]+\] ERROR happens in ip6t_do_table\(netfilter\):$' \
    '^        packet is dropped by ip6tables-legacy: table filter, chain INPUT \(ipv6 LOCAL_IN hook\)$' \
    '^    fix advice:$' '^        .*ip6tables-legacy -t filter -L INPUT -v -n --line-numbers'
expect_line '^end trace\.\.\.$'
NT_LOG="$NT_WORK/ipv4.log"

hook_of() { case $1 in INPUT) echo LOCAL_IN ;; FORWARD) echo FORWARD ;; OUTPUT) echo LOCAL_OUT ;; esac; }

# One entry per drop: the table's verdict is the cause; the hook's verdict and the free are its evidence. nf_tables
# frees the packet itself (NF_DROP_REASON) and tells nf_hook_slow it was stolen: the location is in nft_do_chain.
expect_no_line '^\[[0-9]+\] ERROR happens in (kfree_skb|nf_hook_slow)\('
for chain in INPUT FORWARD OUTPUT; do
    hook=$(hook_of "$chain")
    expect_analysis '^\[[0-9]+\] ERROR happens in nft_do_chain\(netfilter\):$' \
        "^        packet is dropped by iptables-nft: table filter, chain $chain \\(ipv4 $hook hook\\)\$" \
        '^    evidence:$' "^        the chain's policy is accept: a rule in chain $chain" \
        '^        kfree_skb\(life\): ' '^    location:$' '^        nft_do_chain\+0x[0-9a-f]+$' \
        '^    drop reason:$' '^        NETFILTER_DROP$' \
        '^    fix advice:$' "^        .*iptables-nft -t filter -L $chain -v -n --line-numbers"
    expect_analysis '^\[[0-9]+\] ERROR happens in ipt_do_table\(netfilter\):$' \
        "^        packet is dropped by iptables-legacy: table filter, chain $chain \\(ipv4 $hook hook\\)\$" \
        '^    evidence:$' "^        the chain's policy is accept: a rule in chain $chain" \
        '^        nf_hook_slow\(netfilter\): ' '^        kfree_skb\(life\): ' \
        '^    fix advice:$' "^        .*iptables-legacy -t filter -L $chain -v -n --line-numbers"
    expect_analysis '^\[[0-9]+\] ERROR happens in nft_do_chain\(netfilter\):$' \
        "^        packet is dropped by nftables: table inet ntfw, chain nt_${chain,,} \\(ipv4 $hook hook\\)\$" \
        '^    evidence:$' "^        the chain's policy is accept: a rule in chain nt_${chain,,}" \
        '^    fix advice:$' "^        .*nft -a list chain inet ntfw nt_${chain,,}\$"
done
expect_analysis '^\[[0-9]+\] ERROR happens in nft_do_chain\(netfilter\):$' \
    '^        packet is dropped by iptables-nft: table filter, chain FORWARD \(ipv4 FORWARD hook\)$' \
    "^        the chain's policy is drop: " '^    fix advice:$'
# The trace line of a native table says nftables, with the table's family.
expect_line '\[nft_do_chain *\] .* \*nftables table:inet ntfw, chain:nt_input\*'
