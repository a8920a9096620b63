using NetTrace.Abstractions.Events;

namespace NetTrace.Host.Session.Output;

/// <summary>
/// A machine-readable sink beside (or instead of) the text: --json lines, --pcap packets. Every mode hands it
/// each event it prints, with the kernel point, the lifecycle it belongs to and the rule markers.
/// </summary>
internal interface IEventTap
{
    /// <param name="function">The kernel point (function or tracepoint) the seed prints in brackets.</param>
    /// <param name="context">The lifecycle's first skb (default and --diag modes), else null.</param>
    /// <param name="messages">The rule markers of --diag/--monitor, else null.</param>
    void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages);

    /// <summary>One entry of --diag's ANALYSIS RESULT.</summary>
    void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context);

    void Flush();
}
