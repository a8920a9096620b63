using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Shared;

/// <summary>
/// Catalogue rows for the host's generic skb tracer, so a group's table reads as data: the traced
/// name once, its skb/sock argument positions, then what a return value means and whether it is off.
/// Linked into each catalogue-only plugin (not referenced), so plugins still share only Abstractions.
/// </summary>
internal static class SkbTrace
{
    /// <summary>The generic tracer has one entry program per skb argument position, 0 to this.</summary>
    public const int MaxSkbArg = 4;

    /// <summary>A kernel function whose skb is argument <paramref name="skb"/> (its sock <paramref name="sock"/>, -1 for none).</summary>
    public static TraceSpec Function(string name, int skb = 0, int sock = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skb);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skb, MaxSkbArg);
        return new TraceSpec(name, [AttachTarget.Function(name)]) { SkbArg = skb, SockArg = sock };
    }

    /// <summary>A kernel function (skb first), or the raw tracepoint it fires where the function cannot be probed.</summary>
    public static TraceSpec FunctionOr(string name, string tracepoint) =>
        new(name, [AttachTarget.Function(name), AttachTarget.Tracepoint(tracepoint)]) { SkbArg = 0 };

    /// <summary>A raw tracepoint whose first argument is the skb.</summary>
    public static TraceSpec Tracepoint(string name) =>
        new(name, [AttachTarget.Tracepoint(name)]) { SkbArg = 0 };

    /// <summary>The skb argument is a <c>struct sk_buff **</c> (the function may replace the skb): read through it.</summary>
    public static TraceSpec ThroughPointer(this TraceSpec trace) =>
        trace with { SkbByPointer = true };

    /// <summary>A headerless skb may start being followed here by its socket's flow (<see cref="TraceSpec.StartsByItsSocket"/>).</summary>
    public static TraceSpec ByItsSocket(this TraceSpec trace) =>
        trace with { StartsByItsSocket = true };

    /// <summary>The return value means something; <paramref name="meaning"/> says what.</summary>
    public static TraceSpec Returns(this TraceSpec trace, string meaning) =>
        trace with { NeedsReturn = true, Description = meaning };

    /// <summary>A note for `-t ?` on what a hit means.</summary>
    public static TraceSpec Means(this TraceSpec trace, string note) =>
        trace with { Description = note };

    /// <summary>What the trace means for the skb's life (a free ends it, a clone joins it).</summary>
    public static TraceSpec As(this TraceSpec trace, TraceRole role) =>
        trace with { Role = role };

    /// <summary>Left out unless the user asks for it (DefaultOn = false).</summary>
    public static TraceSpec Off(this TraceSpec trace) =>
        trace with { DefaultOn = false };
}
