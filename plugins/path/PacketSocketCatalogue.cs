using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Path;

/// <summary>AF_PACKET sockets: what tcpdump and raw-socket programs see and send.</summary>
internal static class PacketSocketCatalogue
{
    public static TraceGroup Packet { get; } = TraceGroup.Generic("packet", "packet sockets (AF_PACKET, tcpdump)",
    [
        Function("packet_rcv").Means("a packet socket receives a copy"),
        Function("tpacket_rcv").Means("a mmap'ed packet socket receives a copy"),
        Function("packet_direct_xmit").Means("a packet socket sends, bypassing the qdisc"),
    ]);
}
