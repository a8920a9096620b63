using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Drop;

/// <summary>What --metrics counts of the drop group: every freed packet by drop reason and the function that dropped it.</summary>
public static class DropMetrics
{
    public const string DropsTotal = "nettrace_drops_total";

    public static GroupMetrics Declaration { get; } = new(
        [MetricSpec.Counter(DropsTotal, "Packets freed by kfree_skb, by drop reason and the function that dropped them.", "reason", "location")],
        Observe);

    /// <summary>Read through the event's fields (unboxed), so any event carrying a reason and a location counts.</summary>
    private static void Observe(ITraceEvent ev, IRenderContext context, IMetricSink sink)
    {
        var reason = ev.Get("reason");
        var location = ev.Get("location");
        if (reason.IsNone || location.IsNone)
            return;
        string name = context.HasDropReasons ? context.DropReasonName((uint)reason.ToUInt64()) : "UNKNOWN";
        sink.Increment(DropsTotal, name, Function(context.Symbolize(location.ToUInt64())));
    }

    /// <summary>"tcp_v4_rcv+0x81" → "tcp_v4_rcv": offsets would make a label per call site and kernel build.</summary>
    private static string Function(string symbol)
    {
        int plus = symbol.IndexOf('+');
        return plus > 0 ? symbol[..plus] : symbol;
    }
}
