using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Plugins.Drop;

/// <summary>A packet the kernel freed through kfree_skb, with why and where.</summary>
public sealed class DropEvent(PacketMeta meta, PacketInfo? packet, DropRecord record) : ITraceEvent
{
    public string Trace => "kfree_skb";
    public PacketMeta Meta { get; } = meta;
    public PacketInfo? Packet { get; } = packet;

    /// <summary>The kernel address that dropped the packet.</summary>
    public ulong Location { get; } = record.Location;

    /// <summary>The raw <c>enum skb_drop_reason</c> value (0 when the kernel reports none).</summary>
    public uint Reason { get; } = record.Reason;

    /// <summary>The captured kernel stack, or negative when none was asked for.</summary>
    public int StackId { get; } = record.StackId;

    public IReadOnlyList<KeyValuePair<string, object?>> Fields =>
    [
        new("location", Location),
        new("reason", Reason),
        new("stack_id", StackId),
    ];
}
