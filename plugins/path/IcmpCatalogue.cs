using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>
/// ICMP and ICMPv6 receive, echo replies, the ping sockets of unprivileged ping, and the errors the kernel
/// sends about a packet: their entry programs read the type, code and next-hop MTU, and the hit lands in the
/// offending packet's lifecycle (the packet is the function's first argument).
/// </summary>
internal static class IcmpCatalogue
{
    public static TraceGroup Icmp { get; } = new("icmp", PathObject.IcmpOwner, PathObject.Open,
    [
        Function("icmp_rcv"),
        Function("icmp_echo").Means("an echo request is answered"),
        Function("icmp_reply", skb: 1),
        Function("icmpv6_rcv"),
        Function("icmpv6_echo_reply").Means("an echo request is answered"),
        Function("ping_rcv").Means("an echo reply reaches a ping socket"),
        Function("ping_lookup", skb: 1).Returns("ret NULL: no ping socket for this ICMP id"),
        Function("ping_queue_rcv_skb", skb: 1, sock: 0).Returns("ret != 0: the ping socket's receive queue refused the reply"),
        Function("__ping_queue_rcv_skb", skb: 1, sock: 0).Returns("ret != 0: the ping socket's receive queue refused the reply (older kernels)"),
        new TraceSpec("__icmp_send", [AttachTarget.Entry("nt_icmp_send", "__icmp_send")]) { SkbArg = 0 }
            .Means("an ICMP error is sent about the packet (TTL exceeded, fragmentation needed, unreachable)"),
        new TraceSpec("icmp6_send", [AttachTarget.Entry("nt_icmp6_send", "icmp6_send")]) { SkbArg = 0 }
            .Means("an ICMPv6 error is sent about the packet (hop limit exceeded, packet too big, unreachable)"),
    ], [], null, new PathEvidenceRenderer())
    {
        Description = "ICMP, ICMPv6, ping sockets and the ICMP errors sent",
    };
}
