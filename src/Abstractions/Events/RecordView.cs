using NetTrace.Abstractions.Packets;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// Zero-copy view of one ring-buffer record, valid only inside the decoder call.
/// For packet-shaped kinds the host has already decoded the common prefix:
/// <see cref="Meta"/> and <see cref="Packet"/> are set and <see cref="Tail"/> holds the
/// bytes after the prefix; otherwise <see cref="Tail"/> is everything after the header.
/// </summary>
public readonly ref struct RecordView
{
    public RecordView(RecordHeader header, ReadOnlySpan<byte> record, ReadOnlySpan<byte> tail, PacketMeta meta, PacketInfo? packet)
    {
        Header = header;
        Record = record;
        Tail = tail;
        Meta = meta;
        Packet = packet;
    }

    public RecordHeader Header { get; }
    public ReadOnlySpan<byte> Record { get; }
    public ReadOnlySpan<byte> Tail { get; }
    public PacketMeta Meta { get; }
    public PacketInfo? Packet { get; }
}
