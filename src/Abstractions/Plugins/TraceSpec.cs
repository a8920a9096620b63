namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// One trace of a group's catalogue: a kernel hook point and the ways to reach it, best first.
/// The host walks <see cref="Targets"/> in order and keeps the first one this kernel accepts.
/// </summary>
public sealed record TraceSpec(string Name, IReadOnlyList<AttachTarget> Targets)
{
    /// <summary>0-based argument index of the sk_buff, or -1.</summary>
    public int SkbArg { get; init; } = -1;

    /// <summary>0-based argument index of the sock, or -1.</summary>
    public int SockArg { get; init; } = -1;

    /// <summary>The trace reports the function's return value (fexit/kretprobe).</summary>
    public bool NeedsReturn { get; init; }

    /// <summary>Enabled when the user names no trace.</summary>
    public bool DefaultOn { get; init; } = true;
}
