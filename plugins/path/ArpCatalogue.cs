using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>ARP receive: the protocol handler, then the okfn (net, sk, skb) that answers or learns.</summary>
internal static class ArpCatalogue
{
    public static TraceGroup Arp { get; } = TraceGroup.Generic("arp", "ARP receive and processing",
    [
        Function("arp_rcv"),
        Function("arp_process", skb: 2).Means("an ARP request or reply is processed"),
    ]);
}
