using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>ICMP and ICMPv6 receive, echo replies, and the ping sockets of unprivileged ping.</summary>
internal static class IcmpCatalogue
{
    public static TraceGroup Icmp { get; } = TraceGroup.Generic("icmp", "ICMP, ICMPv6 and ping sockets",
    [
        Function("icmp_rcv"),
        Function("icmp_echo").Means("an echo request is answered"),
        Function("icmp_reply", skb: 1),
        Function("icmpv6_rcv"),
        Function("icmpv6_echo_reply").Means("an echo request is answered"),
        Function("ping_rcv").Means("an echo reply reaches a ping socket"),
        Function("ping_lookup", skb: 1).Returns("ret NULL: no ping socket for this ICMP id"),
    ]);
}
