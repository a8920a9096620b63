using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Netfilter;

/// <summary>
/// Netfilter hooks, the iptables/nftables verdicts taken in them, and NAT. The hook and table traces
/// use this plugin's own entry programs (bpf/netfilter.bpf.c), which read the protocol family, the hook,
/// the full table and chain names and the hook functions before handing the hit to the host's tracer.
/// </summary>
internal static class NetfilterCatalogue
{
    private const string ObjectResource = "netfilter.bpf.o";

    /// <summary>ipt_do_table took (skb, state, table) until 5.16, (priv, skb, state) since.</summary>
    private static readonly Version IptLayoutChange = new(5, 16);

    public static TraceGroup Netfilter { get; } = new("netfilter", 0, OpenObject,
    [
        new TraceSpec("nf_hook_slow", [AttachTarget.Entry("nt_nf_hook_slow", "nf_hook_slow") with { ReturnProgram = "nt_nf_hook_slow_fx" }])
        {
            SkbArg = 0,
        }.Returns("ret -1 (-EPERM): NF_DROP by one of the hook's functions; 0: stolen or queued"),

        new TraceSpec("ipt_do_table",
        [
            AttachTarget.Entry("nt_nf_ipt", "ipt_do_table") with { Since = IptLayoutChange, ReturnProgram = "nt_nf_ipt_fx" },
            AttachTarget.Entry("nt_nf_ipt_old", "ipt_do_table") with { Before = IptLayoutChange },
        ])
        {
            SkbArg = 1,
        }.Returns("ret 0: NF_DROP by iptables-legacy"),

        new TraceSpec("ip6t_do_table",
        [
            AttachTarget.Entry("nt_nf_ip6t", "ip6t_do_table") with { Since = IptLayoutChange, ReturnProgram = "nt_nf_ip6t_fx" },
            AttachTarget.Entry("nt_nf_ip6t_old", "ip6t_do_table") with { Before = IptLayoutChange },
        ])
        {
            SkbArg = 1,
        }.Returns("ret 0: NF_DROP by ip6tables-legacy"),

        // The skb is inside struct nft_pktinfo: only an entry program that follows the pointer can read it.
        new TraceSpec("nft_do_chain", [AttachTarget.Entry("nt_nf_nft", "nft_do_chain") with { ReturnProgram = "nt_nf_nft_fx" }])
        {
            SkbArg = 0,
        }.Returns("ret 0, or 2 (stolen) with an errno above bit 16: dropped by iptables-nft/nftables"),

        Function("nf_nat_manip_pkt").Means("NAT rewrites the packet"),
    ], [], null, new NetfilterRenderer())
    {
        Description = "netfilter hooks, iptables and nftables verdicts, NAT",
        ReturnVerdicts = NetfilterVerdicts.All,
    };

    private static Stream OpenObject() =>
        typeof(NetfilterCatalogue).Assembly.GetManifestResourceStream(ObjectResource)
        ?? throw new InvalidOperationException($"{ObjectResource} is not embedded in the netfilter plugin");
}
