using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Plugins.Drop;

/// <summary>A packet the kernel freed through kfree_skb, with why and where. The decoder reuses released ones.</summary>
public sealed class DropEvent : IReusableEvent
{
    // Set only on drops the decoder took from the pool (Rent), so an event made elsewhere never enters it.
    private bool _reusable;
    private bool _released;

    public DropEvent(PacketMeta meta, PacketInfo? packet, DropRecord record) => Fill(meta, packet, record);

    /// <summary>A drop with these values, reusing a released one when there is one.</summary>
    internal static DropEvent Rent(PacketMeta meta, PacketInfo? packet, in DropRecord record)
    {
        var drop = ReusePool<DropEvent>.TryTake();
        if (drop is null)
            drop = new DropEvent(meta, packet, record);
        else
            drop.Fill(meta, packet, record);
        drop._reusable = true;
        drop._released = false;
        return drop;
    }

    public void Release()
    {
        if (!_reusable || _released)
            return;
        _released = true;
        Packet = null;
        ReusePool<DropEvent>.Return(this);
    }

    private void Fill(PacketMeta meta, PacketInfo? packet, in DropRecord record)
    {
        Meta = meta;
        Packet = packet;
        Location = record.Location;
        Reason = record.Reason;
        StackId = record.StackId;
    }

    public string Trace => "kfree_skb";
    public PacketMeta Meta { get; private set; }
    public PacketInfo? Packet { get; private set; }

    /// <summary>The kernel address that dropped the packet.</summary>
    public ulong Location { get; private set; }

    /// <summary>The raw <c>enum skb_drop_reason</c> value (0 when the kernel reports none).</summary>
    public uint Reason { get; private set; }

    /// <summary>The captured kernel stack, or negative when none was asked for.</summary>
    public int StackId { get; private set; }

    /// <summary>The fields boxed, by name (for rules and tests; sinks visit them).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => EventFields.Collect(this);

    public void VisitFields(IEventFieldVisitor visitor)
    {
        visitor.Field("location", Location);
        visitor.Field("reason", Reason);
        visitor.Field("stack_id", StackId);
    }
}
