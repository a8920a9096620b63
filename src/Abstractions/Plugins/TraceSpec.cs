namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// One trace of a group's catalogue: a kernel hook point and the ways to reach it, best first.
/// The host walks <see cref="Targets"/> in order and keeps the first one this kernel accepts.
/// </summary>
public sealed record TraceSpec(string Name, IReadOnlyList<AttachTarget> Targets)
{
    /// <summary>0-based argument index of the sk_buff, or -1.</summary>
    public int SkbArg { get; init; } = -1;

    /// <summary>The argument at <see cref="SkbArg"/> is a <c>struct sk_buff **</c>: the tracer reads the skb through it.</summary>
    public bool SkbByPointer { get; init; }

    /// <summary>
    /// The skb has no headers yet here (the TCP write queue's entry): it may start being followed by its socket's
    /// flow. Elsewhere a headerless skb is matched that way only once followed, so the segments kept queued until
    /// acknowledged do not start a lifecycle at each transmit.
    /// </summary>
    public bool StartsByItsSocket { get; init; }

    /// <summary>0-based argument index of the sock, or -1.</summary>
    public int SockArg { get; init; } = -1;

    /// <summary>The function's return value means something (shown by --ret, read by rules).</summary>
    public bool NeedsReturn { get; init; }

    /// <summary>Enabled when the user names no trace.</summary>
    public bool DefaultOn { get; init; } = true;

    /// <summary>What the trace means for the skb's life.</summary>
    public TraceRole Role { get; init; } = TraceRole.Pass;

    /// <summary>A short note for `-t ?` (what a hit or a return value means).</summary>
    public string? Description { get; init; }
}
