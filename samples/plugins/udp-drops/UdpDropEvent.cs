using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;

namespace Contoso.NetTrace.UdpDrops;

/// <summary>A datagram its socket could not queue, with the socket's receive buffer at that moment.</summary>
public sealed class UdpDropEvent(PacketMeta meta, PacketInfo? packet, UdpDropRecord record) : ITraceEvent
{
    public string Trace => UdpDropsPlugin.TraceName;
    public PacketMeta Meta { get; } = meta;
    public PacketInfo? Packet { get; } = packet;

    /// <summary>The kernel's error: -12 (ENOMEM) when the socket's buffer is full, -105 (ENOBUFS) at net.ipv4.udp_mem.</summary>
    public int Rc { get; } = record.Rc;

    /// <summary>The socket's receive buffer limit (SO_RCVBUF as the kernel doubled it), in bytes.</summary>
    public int ReceiveBuffer { get; } = record.ReceiveBuffer;

    /// <summary>Bytes already waiting in the socket for the application to read.</summary>
    public int Queued { get; } = record.Queued;

    /// <summary>What this datagram would have added to <see cref="Queued"/> (payload plus skb overhead).</summary>
    public uint TrueSize { get; } = record.TrueSize;

    /// <summary>The fields boxed, by name (the metrics read them so); made from <see cref="VisitFields"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => EventFields.Collect(this);

    /// <summary>
    /// Read by the host's JSON writer (and, through <see cref="Fields"/>, its metrics); names are part of this
    /// plugin's output contract. Values go over unboxed: writing a JSON line allocates nothing.
    /// </summary>
    public void VisitFields(IEventFieldVisitor visitor)
    {
        visitor.Field("rc", Rc);
        visitor.Field("cause", UdpDropCause.Of(Rc));
        visitor.Field("rcvbuf", ReceiveBuffer);
        visitor.Field("queued", Queued);
        visitor.Field("truesize", TrueSize);
    }
}
