using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Packets;

namespace NetTrace.Host.Engine.Groups;

/// <summary>
/// Routes each raw record to its group's decoder, decoding the common packet prefix once here so
/// no group repeats it. Records nobody can decode are counted, never fatal.
/// </summary>
internal sealed class EventDispatcher
{
    private readonly Dictionary<ushort, (TraceGroup Group, Dictionary<ushort, EventKindSpec> Kinds)> _owners;

    /// <summary>Keep each packet's captured bytes on its <see cref="Abstractions.Packets.PacketInfo"/> (--pcap needs them).</summary>
    public bool KeepRawPackets { get; init; }

    public EventDispatcher(IEnumerable<TraceGroup> groups)
    {
        _owners = groups.Where(g => g.Decoder is not null).ToDictionary(g => g.Owner, g => (g, g.EventKinds.ToDictionary(k => k.Kind)));
    }

    public long Undecodable { get; private set; }

    public (TraceGroup Group, ITraceEvent Event)? Decode(ReadOnlySpan<byte> record)
    {
        if (record.Length < Marshal.SizeOf<RecordHeader>())
            return Reject();
        var header = MemoryMarshal.Read<RecordHeader>(record);
        if (!_owners.TryGetValue(header.Owner, out var owner) || !owner.Kinds.TryGetValue(header.Kind, out var kind))
            return Reject();

        PacketMeta meta = default;
        PacketInfo? packet = null;
        var tail = record[Marshal.SizeOf<RecordHeader>()..];
        if (kind.PacketShaped)
        {
            if (record.Length < PacketPrefix.Size)
                return Reject();
            meta = MemoryMarshal.Read<PacketMeta>(record[PacketPrefix.MetaOffset..]);
            ushort etherType = MemoryMarshal.Read<ushort>(record[PacketPrefix.CaptureOffset..]);
            int captured = Math.Min((int)MemoryMarshal.Read<ushort>(record[(PacketPrefix.CaptureOffset + 2)..]), PacketCapture.Capacity);
            var fields = PacketParser.ParseFields(etherType, record.Slice(PacketPrefix.DataOffset, captured));
            if (KeepRawPackets)
            {
                fields.Raw = record.Slice(PacketPrefix.DataOffset, captured).ToArray();
                fields.WireLength = MemoryMarshal.Read<uint>(record[(PacketPrefix.CaptureOffset + 4)..]);
            }
            packet = PacketInfo.Rent(fields);
            tail = record[PacketPrefix.Size..];
        }
        var ev = owner.Group.Decoder!.Decode(new RecordView(header, record, tail, meta, packet));
        if (ev is null)
        {
            packet?.Release();
            return Reject();
        }
        if (packet is not null && !ReferenceEquals(ev.Packet, packet))
            packet.Release(); // the decoder kept none of it (no packet for this hit) or a copy
        return (owner.Group, ev);
    }

    /// <summary>
    /// The host is done with <paramref name="ev"/>: no sink keeps it or its packet. A reusable event and the packet
    /// decoded for it go back to their pools; any other event is left to the GC.
    /// </summary>
    public static void Release(ITraceEvent ev)
    {
        if (ev is not IReusableEvent reusable)
            return;
        ev.Packet?.Release();
        reusable.Release();
    }

    private (TraceGroup, ITraceEvent)? Reject()
    {
        Undecodable++;
        return null;
    }
}
