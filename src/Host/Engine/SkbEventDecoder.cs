using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
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
        if (record.Header.Kind != SkbTraceRecord.Kind || record.Tail.Length < Marshal.SizeOf<SkbTraceRecord>())
            return null;
        var tail = MemoryMarshal.Read<SkbTraceRecord>(record.Tail);
        if (!_byId.TryGetValue(tail.Trace, out var hook))
            return null;
        var packet = (tail.Flags & SkbTraceFlags.NoPacket) != 0 ? null : record.Packet;
        SkbExtraRecord? extra = null;
        int extraAt = Marshal.SizeOf<SkbTraceRecord>();
        if ((tail.Flags & SkbTraceFlags.Extra) != 0)
        {
            // A record that says it has an extra but is too short is damaged: drop it, don't guess.
            if (record.Tail.Length < extraAt + SkbExtraRecord.Size)
                return null;
            extra = MemoryMarshal.Read<SkbExtraRecord>(record.Tail[extraAt..]);
        }
        return new SkbTraceEvent(record.Meta, packet, tail, hook.Trace.Name, hook.Trace.Group.Name, hook.Point, extra);
    }
}
