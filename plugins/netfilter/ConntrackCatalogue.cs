using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Netfilter;

/// <summary>
/// Connection tracking. Off by default: several hits per packet. Argument positions are those of
/// current kernels; older ones differ where noted.
/// </summary>
internal static class ConntrackCatalogue
{
    public static TraceGroup Conntrack { get; } = TraceGroup.Generic("conntrack", "connection tracking",
    [
        // Hook functions (priv, skb, state).
        Function("ipv4_conntrack_in", skb: 1).Off(),
        Function("ipv4_confirm", skb: 1).Off().Means("the connection is confirmed (kernels before nf_confirm became the hook)"),
        Function("nf_confirm", skb: 1).Off().Means("the connection is confirmed (skb arg 0 on kernels where it is not a hook)"),

        Function("nf_conntrack_in").Off(),
        Function("resolve_normal_ct", skb: 1).Off().Means("the connection is looked up or created"),

        // Renamed nf_conntrack_tcp_packet in later kernels; same arguments.
        new TraceSpec("tcp_packet", [AttachTarget.Function("tcp_packet"), AttachTarget.Function("nf_conntrack_tcp_packet")])
        {
            SkbArg = 1,
            DefaultOn = false,
            Description = "TCP state tracking",
        },
        Function("tcp_new", skb: 1).Off().Means("a new TCP connection is tracked"),

        // The tuple a packet is tracked by (kernels that still have the per-protocol helpers, or do not inline them).
        Function("ipv4_pkt_to_tuple").Off().Means("the IPv4 part of the packet's conntrack tuple is read"),
        Function("tcp_pkt_to_tuple").Off().Means("the TCP ports of the packet's conntrack tuple are read"),

        // (ct, dir, index, skb, ...) on current kernels; skb arg 4 on kernels that also pass the tcp state.
        Function("tcp_in_window", skb: 3).Off()
            .Returns("ret 0: outside the TCP window (consider net.netfilter.nf_conntrack_tcp_be_liberal=1)"),

        // Newer kernels pass a byte count instead of the skb; the host then reads no packet.
        Function("__nf_ct_refresh_acct", skb: 2).Off().Means("the connection's timeout is refreshed"),
    ]);
}
