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
            packet = PacketParser.Parse(etherType, record.Slice(PacketPrefix.DataOffset, captured));
            if (KeepRawPackets)
                packet = packet with
                {
                    Raw = record.Slice(PacketPrefix.DataOffset, captured).ToArray(),
                    WireLength = MemoryMarshal.Read<uint>(record[(PacketPrefix.CaptureOffset + 4)..]),
                };
            tail = record[PacketPrefix.Size..];
        }
        var ev = owner.Group.Decoder!.Decode(new RecordView(header, record, tail, meta, packet));
        return ev is null ? Reject() : (owner.Group, ev);
    }

    private (TraceGroup, ITraceEvent)? Reject()
    {
        Undecodable++;
        return null;
    }
}
