using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>
/// The IP layer. The *_finish functions and the output functions are netfilter okfns taking
/// (net, sk, skb): skb arg 2, sock arg 1 (the sending socket, set on the output path only).
/// </summary>
internal static class IpCatalogue
{
    public static TraceGroup In { get; } = TraceGroup.Generic("ip-in", "IPv4/IPv6 receive and forwarding",
    [
        Function("ip_rcv"),
        Function("ip_rcv_core").Means("IPv4 header checks"),
        Function("ip_rcv_finish", skb: 2).Means("after PRE_ROUTING: route lookup"),
        Function("ip_local_deliver").Means("the packet is for this host"),
        Function("ip_local_deliver_finish", skb: 2).Means("after LOCAL_IN: hand to the transport protocol"),
        Function("ip_forward").Means("the packet is routed onwards"),
        Function("ip_forward_finish", skb: 2).Means("after FORWARD"),
        Function("ipv6_rcv"),
        Function("ip6_rcv_core").Means("IPv6 header checks"),
        Function("ip6_rcv_finish", skb: 2).Means("after PRE_ROUTING: route lookup"),
        Function("ip6_forward").Means("the packet is routed onwards"),
    ]);

    public static TraceGroup Out { get; } = TraceGroup.Generic("ip-out", "IPv4/IPv6 transmit",
    [
        Function("__ip_queue_xmit", skb: 1, sock: 0).Means("a socket queues a packet (TCP, SCTP)"),
        Function("__ip_local_out", skb: 2, sock: 1),
        Function("ip_output", skb: 2, sock: 1),
        Function("ip_finish_output", skb: 2, sock: 1).Means("after POST_ROUTING"),
        Function("ip_finish_output_gso", skb: 2, sock: 1).Means("a GSO skb is segmented to the MTU"),
        Function("ip_finish_output2", skb: 2, sock: 1).Means("neighbour resolution, then the device"),
        Function("ip6_output", skb: 2, sock: 1),
        Function("ip6_finish_output", skb: 2, sock: 1).Means("after POST_ROUTING"),
        Function("ip6_finish_output2", skb: 2, sock: 1).Means("neighbour resolution, then the device"),
        Function("ip6_send_skb"),
        Function("ip6_local_out", skb: 2, sock: 1),
    ]);

    /// <summary>Route lookups on receive; ip_error's entry program reads the errno the failed lookup left.</summary>
    public static TraceGroup Route { get; } = new("route", PathObject.RouteOwner, PathObject.Open,
    [
        Function("ip_route_input_slow").Returns("ret != 0: the lookup refused the packet (-EINVAL martian, -EXDEV rp_filter)"),
        Function("fib_validate_source").Returns("ret != 0: source check failed (rp_filter)"),
        new TraceSpec("ip_error", [AttachTarget.Entry("nt_ip_error", "ip_error")]) { SkbArg = 0 }
            .Means("the lookup found no usable route: ICMP unreachable is sent and the packet dropped"),
    ], [], null, new PathEvidenceRenderer())
    {
        Description = "routing decisions on receive",
    };
}
