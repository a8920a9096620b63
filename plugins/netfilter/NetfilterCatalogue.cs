using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Netfilter;

/// <summary>Netfilter hooks and the iptables/nftables verdicts taken in them, and NAT.</summary>
internal static class NetfilterCatalogue
{
    public static TraceGroup Netfilter { get; } = TraceGroup.Generic("netfilter", "netfilter hooks, iptables and nftables verdicts, NAT",
    [
        Function("nf_hook_slow").Returns("ret -1 (-EPERM): NF_DROP by one of the hook's functions"),

        // (priv, skb, state) since 5.16; (skb, state, table) before, where the skb is arg 0.
        Function("ipt_do_table", skb: 1).Returns("ret 0: NF_DROP by iptables-legacy"),

        // Arg 0 is struct nft_pktinfo, whose first field points at the skb: the generic tracer would
        // read the pktinfo as an skb. Off until the host has a program that follows that pointer.
        Function("nft_do_chain").Off().Returns("ret 0: NF_DROP by iptables-nft/nftables"),

        Function("nf_nat_manip_pkt").Means("NAT rewrites the packet"),
    ]);
}
