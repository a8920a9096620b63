using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Drop;

/// <summary>How --monitor's incident capture and --arm-on rules read a drop.</summary>
public static class DropTriggers
{
    /// <summary>The kernel's catch-all reason (late segments of closed connections, and so on).</summary>
    private const string NotSpecified = "NOT_SPECIFIED";

    /// <summary>
    /// A drop arms a capture unless its reason is NOT_SPECIFIED, too common to arm on by default
    /// (--arm-on 'kfree_skb' arms on every drop). "kfree_skb NO_SOCKET at tcp_v4_rcv+0x81".
    /// </summary>
    public static string? Arm(ITraceEvent ev, IRenderContext context)
    {
        string reason = ReasonName(ev, "reason", context) is { Length: > 0 } name ? name : "dropped";
        if (reason == NotSpecified)
            return null;
        return ev.Get("location") is { Kind: FieldKind.UInt64, Unsigned: not 0 and var at } && context.Symbolize(at) is { Length: > 0 } where
            ? $"{ev.Trace} {reason} at {where}"
            : $"{ev.Trace} {reason}";
    }

    /// <summary>"reason" as rules read it: the kernel's name for the drop reason, where the kernel reports reasons.</summary>
    public static string? ReasonName(ITraceEvent ev, string field, IRenderContext context) =>
        field == "reason" && context.HasDropReasons && ev.Get("reason") is { Kind: FieldKind.UInt32 } reason ? context.DropReasonName((uint)reason.Unsigned) : null;
}
