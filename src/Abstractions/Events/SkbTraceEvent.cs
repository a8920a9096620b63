using System.Diagnostics.CodeAnalysis;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// One hit of the generic skb tracer: a kernel function or tracepoint saw a (followed) skb. The host's decoder
/// reuses released hits (<see cref="IReusableEvent"/>): a flood makes millions of them.
/// </summary>
public sealed class SkbTraceEvent : IReusableEvent
{
    // Set only on hits the host's decoder took from the pool (Rent), so a hit made elsewhere never enters it.
    private bool _reusable;
    private bool _released;
    private (string First, string Last)? _latencyTraces;

    public SkbTraceEvent(PacketMeta meta, PacketInfo? packet, SkbTraceRecord record, string trace, string group, string point,
        SkbExtraRecord? extra = null)
    {
        Fill(meta, packet, record, trace, group, point, extra);
    }

    /// <summary>A hit with these values, reusing a released one when there is one.</summary>
    internal static SkbTraceEvent Rent(PacketMeta meta, PacketInfo? packet, in SkbTraceRecord record, string trace, string group, string point,
        SkbExtraRecord? extra, (string First, string Last)? latencyTraces)
    {
        var hit = ReusePool<SkbTraceEvent>.TryTake();
        if (hit is null)
            hit = new SkbTraceEvent(meta, packet, record, trace, group, point, extra);
        else
            hit.Fill(meta, packet, record, trace, group, point, extra);
        hit._latencyTraces = latencyTraces;
        hit._reusable = true;
        hit._released = false;
        return hit;
    }

    public void Release()
    {
        if (!_reusable || _released)
            return;
        _released = true;
        Packet = null;
        ReusePool<SkbTraceEvent>.Return(this);
    }

    [MemberNotNull(nameof(Trace), nameof(Group), nameof(Point))]
    private void Fill(PacketMeta meta, PacketInfo? packet, in SkbTraceRecord record, string trace, string group, string point, SkbExtraRecord? extra)
    {
        Trace = trace;
        Group = group;
        Point = point;
        Meta = meta;
        Packet = packet;
        Flags = record.Flags;
        Return = (record.Flags & SkbTraceFlags.Return) != 0 ? ReturnValue(record.Ret) : null;
        Clone = (record.Flags & SkbTraceFlags.Clone) != 0 ? record.Aux0 : null;
        Aux0 = record.Aux0;
        Aux1 = record.Aux1;
        Extra = (record.Flags & SkbTraceFlags.Extra) != 0 ? extra : null;
        Mark = (record.Flags & SkbTraceFlags.Mark) != 0 ? record.Mark : null;
        LatencyNs = (record.Flags & SkbTraceFlags.Latency) != 0 ? record.Ret : null;
        LatencySpan = ((ushort)record.LatencySpan, (ushort)(record.LatencySpan >> 16));
        StackId = record.StackId;
    }

    /// <summary>The catalogue name of the trace (e.g. "ip_rcv_core").</summary>
    public string Trace { get; private set; }

    /// <summary>The trace's group (e.g. "ip-in").</summary>
    public string Group { get; private set; }

    /// <summary>What was really hooked: the kernel symbol (e.g. "ip_rcv_core.isra.0") or tracepoint name.</summary>
    public string Point { get; private set; }

    public PacketMeta Meta { get; private set; }

    /// <summary>The packet; null when not captured (--pkt-fixed after the first hit, or unparsable).</summary>
    public PacketInfo? Packet { get; private set; }

    public SkbTraceFlags Flags { get; private set; }

    /// <summary>The function's return value, when <see cref="SkbTraceFlags.Return"/> is set.</summary>
    public long? Return { get; private set; }

    /// <summary>The clone's address, when <see cref="SkbTraceFlags.Clone"/> is set.</summary>
    public ulong? Clone { get; private set; }

    /// <summary>Trace-specific values (kfree_skb: location and drop reason).</summary>
    public ulong Aux0 { get; private set; }
    public ulong Aux1 { get; private set; }

    /// <summary>What a plugin's entry program read beside the skb (netfilter: family, hook, table, chain).</summary>
    public SkbExtraRecord? Extra { get; private set; }

    /// <summary>skb->mark at this hit; null in a record that does not carry it (recording format 1).</summary>
    public uint? Mark { get; private set; }

    /// <summary>--latency: how long the skb lived (ns) from its first hit to its last (or its free), else null.</summary>
    public ulong? LatencyNs { get; private set; }

    /// <summary>--latency: the trace ids of the skb's first and last hits.</summary>
    public (ushort First, ushort Last) LatencySpan { get; private set; }

    /// <summary>--latency: the names of the traces <see cref="LatencySpan"/> numbers, when the decoder knows them.</summary>
    public (string First, string Last)? LatencyTraces { get => _latencyTraces; init => _latencyTraces = value; }

    /// <summary>The captured kernel stack, or negative when none was asked for.</summary>
    public int StackId { get; private set; }

    public bool IsFree => (Flags & SkbTraceFlags.Free) != 0;

    /// <summary>
    /// The register as the function's value. Most traced functions return an int in eax, and writing eax
    /// clears the upper half of rax: so a value whose upper half is zero is read as a signed 32-bit int
    /// (-EPERM comes back as 0xffffffff). Pointers and sign-extended values keep all 64 bits.
    /// </summary>
    public static long ReturnValue(ulong rax) => rax >> 32 == 0 ? (int)(uint)rax : (long)rax;

    /// <summary>The fields boxed, by name (for rules and tests; sinks visit them).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields => EventFields.Collect(this);

    public void VisitFields(IEventFieldVisitor visitor)
    {
        visitor.Field("group", Group);
        visitor.Field("point", Point);
        visitor.Field("ret", Return);
        visitor.Field("clone", Clone);
        visitor.Field("free", IsFree);
        visitor.Field("stack_id", StackId);
        // Most packets carry none: JSON and pcapng comments name a mark only where one is set.
        visitor.Field("mark", Mark is 0 ? null : Mark);
        visitor.Field("latency_ns", LatencyNs);
        visitor.Field("latency_from", LatencyTraces?.First);
        visitor.Field("latency_to", LatencyTraces?.Last);
    }
}
