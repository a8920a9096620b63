using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine;

/// <summary>Turns the generic tracer's records into <see cref="SkbTraceEvent"/>s, naming the trace by its id.</summary>
internal sealed class SkbEventDecoder(IReadOnlyList<PlannedHook> attached) : IEventDecoder
{
    private readonly Dictionary<ushort, PlannedHook> _byId = attached.ToDictionary(h => h.Trace.Id);

    /// <summary>A pseudo group through which the host's dispatcher reaches this decoder.</summary>
    public TraceGroup AsGroup() =>
        new("skb-tracer", SkbTraceRecord.Owner, null, [], [new EventKindSpec(SkbTraceRecord.Kind, "skb", PacketShaped: true)], this, null)
        {
            ModeOnly = true,
        };

    public ITraceEvent? Decode(in RecordView record)
    {
        if (record.Header.Kind != SkbTraceRecord.Kind || !TryReadFixed(record.Tail, out var tail, out int extraAt))
            return null;
        if (!_byId.TryGetValue(tail.Trace, out var hook))
            return null;
        var packet = (tail.Flags & SkbTraceFlags.NoPacket) != 0 ? null : record.Packet;
        if (packet is not null && (tail.Flags & SkbTraceFlags.SockFlow) != 0)
            packet = FromSocket(packet);
        SkbExtraRecord? extra = null;
        if ((tail.Flags & SkbTraceFlags.Extra) != 0)
        {
            // A record that says it has an extra but is too short is damaged: drop it, don't guess.
            if (record.Tail.Length < extraAt + SkbExtraRecord.Size)
                return null;
            extra = MemoryMarshal.Read<SkbExtraRecord>(record.Tail[extraAt..]);
        }
        var latencyTraces = (tail.Flags & SkbTraceFlags.Latency) != 0 ? (NameOf((ushort)tail.LatencySpan), NameOf((ushort)(tail.LatencySpan >> 16))) : default((string, string)?);
        return SkbTraceEvent.Rent(record.Meta, packet, tail, hook.Trace.Name, hook.Trace.Group.Name, hook.Point, extra, latencyTraces);
    }

    /// <summary>
    /// The socket's flow, not headers read from the packet: the one the dispatcher decoded for this hit is changed in
    /// place (nothing else holds it yet); one given by someone else is copied.
    /// </summary>
    private static PacketInfo FromSocket(PacketInfo packet)
    {
        if (!packet.IsReusable)
            return packet with { FromSocket = true, Truncated = false };
        packet.Fields.FromSocket = true;
        packet.Fields.Truncated = false;
        return packet;
    }

    private string NameOf(ushort id) => _byId.TryGetValue(id, out var hook) ? hook.Trace.Name : $"#{id}";

    /// <summary>
    /// The record's fixed part and where its extra starts. A recording of format 1 holds records without the mark
    /// (32 bytes after the packet prefix, or 32 + the extra): their lengths differ from every current record's, so
    /// the length alone says which layout it is; such a record carries no <see cref="SkbTraceFlags.Mark"/>.
    /// </summary>
    private static bool TryReadFixed(ReadOnlySpan<byte> tail, out SkbTraceRecord record, out int extraAt)
    {
        int size = Marshal.SizeOf<SkbTraceRecord>();
        if (tail.Length is SkbTraceRecord.LegacySize or SkbTraceRecord.LegacySize + SkbExtraRecord.Size)
        {
            Span<byte> padded = stackalloc byte[size];
            padded.Clear();
            tail[..SkbTraceRecord.LegacySize].CopyTo(padded);
            record = MemoryMarshal.Read<SkbTraceRecord>(padded);
            record.Flags &= ~SkbTraceFlags.Mark;
            extraAt = SkbTraceRecord.LegacySize;
            return true;
        }
        extraAt = size;
        if (tail.Length < size)
        {
            record = default;
            return false;
        }
        record = MemoryMarshal.Read<SkbTraceRecord>(tail);
        return true;
    }
}
