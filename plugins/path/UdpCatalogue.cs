using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>UDP receive, from the protocol handler to the socket's receive queue.</summary>
internal static class UdpCatalogue
{
    public static TraceGroup In { get; } = TraceGroup.Generic("udp-in", "UDP receive",
    [
        Function("udp_rcv"),
        Function("udp_unicast_rcv_skb", skb: 1, sock: 0),
        Function("udp_queue_rcv_skb", skb: 1, sock: 0),
        Function("__udp_queue_rcv_skb", skb: 1, sock: 0),
        Function("__udp_enqueue_schedule_skb", skb: 1, sock: 0).Means("the skb joins the socket's receive queue"),
    ]);
}
