using NetTrace.Abstractions.Packets;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// One hit of the generic skb tracer: a kernel function or tracepoint saw a (followed) skb.
/// </summary>
public sealed class SkbTraceEvent(PacketMeta meta, PacketInfo? packet, SkbTraceRecord record, string trace, string group, string point,
    SkbExtraRecord? extra = null) : ITraceEvent
{
    /// <summary>The catalogue name of the trace (e.g. "ip_rcv_core").</summary>
    public string Trace { get; } = trace;

    /// <summary>The trace's group (e.g. "ip-in").</summary>
    public string Group { get; } = group;

    /// <summary>What was really hooked: the kernel symbol (e.g. "ip_rcv_core.isra.0") or tracepoint name.</summary>
    public string Point { get; } = point;

    public PacketMeta Meta { get; } = meta;

    /// <summary>The packet; null when not captured (--pkt-fixed after the first hit, or unparsable).</summary>
    public PacketInfo? Packet { get; } = packet;

    public SkbTraceFlags Flags { get; } = record.Flags;

    /// <summary>The function's return value, when <see cref="SkbTraceFlags.Return"/> is set.</summary>
    public long? Return { get; } = (record.Flags & SkbTraceFlags.Return) != 0 ? ReturnValue(record.Ret) : null;

    /// <summary>The clone's address, when <see cref="SkbTraceFlags.Clone"/> is set.</summary>
    public ulong? Clone { get; } = (record.Flags & SkbTraceFlags.Clone) != 0 ? record.Aux0 : null;

    /// <summary>Trace-specific values (kfree_skb: location and drop reason).</summary>
    public ulong Aux0 { get; } = record.Aux0;
    public ulong Aux1 { get; } = record.Aux1;

    /// <summary>What a plugin's entry program read beside the skb (netfilter: family, hook, table, chain).</summary>
    public SkbExtraRecord? Extra { get; } = (record.Flags & SkbTraceFlags.Extra) != 0 ? extra : null;

    /// <summary>skb->mark at this hit; null in a record that does not carry it (recording format 1).</summary>
    public uint? Mark { get; } = (record.Flags & SkbTraceFlags.Mark) != 0 ? record.Mark : null;

    /// <summary>--latency: how long the skb lived (ns) from its first hit to its last (or its free), else null.</summary>
    public ulong? LatencyNs { get; } = (record.Flags & SkbTraceFlags.Latency) != 0 ? record.Ret : null;

    /// <summary>--latency: the trace ids of the skb's first and last hits.</summary>
    public (ushort First, ushort Last) LatencySpan { get; } = ((ushort)record.LatencySpan, (ushort)(record.LatencySpan >> 16));

    /// <summary>--latency: the names of the traces <see cref="LatencySpan"/> numbers, when the decoder knows them.</summary>
    public (string First, string Last)? LatencyTraces { get; init; }

    /// <summary>The captured kernel stack, or negative when none was asked for.</summary>
    public int StackId { get; } = record.StackId;

    public bool IsFree => (Flags & SkbTraceFlags.Free) != 0;

    /// <summary>
    /// The register as the function's value. Most traced functions return an int in eax, and writing eax
    /// clears the upper half of rax: so a value whose upper half is zero is read as a signed 32-bit int
    /// (-EPERM comes back as 0xffffffff). Pointers and sign-extended values keep all 64 bits.
    /// </summary>
    public static long ReturnValue(ulong rax) => rax >> 32 == 0 ? (int)(uint)rax : (long)rax;

    public IReadOnlyList<KeyValuePair<string, object?>> Fields =>
    [
        new("group", Group),
        new("point", Point),
        new("ret", Return),
        new("clone", Clone),
        new("free", IsFree),
        new("stack_id", StackId),
        // Most packets carry none: JSON and pcapng comments name a mark only where one is set.
        new("mark", Mark is 0 ? null : Mark),
        new("latency_ns", LatencyNs),
        new("latency_from", LatencyTraces?.First),
        new("latency_to", LatencyTraces?.Last),
    ];
}
