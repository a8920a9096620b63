using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Sock;

/// <summary>What --metrics counts of the sock group: retransmits by function, resets by direction and reason, RTTs.</summary>
public static class SockMetrics
{
    public const string RetransmitsTotal = "nettrace_tcp_retransmits_total";
    public const string ResetsTotal = "nettrace_tcp_resets_total";
    public const string RttSeconds = "nettrace_tcp_rtt_seconds";

    private static readonly string[] RetransmitTraces = ["tcp_retransmit_skb", "tcp_retransmit_timer", "tcp_enter_loss", "tcp_enter_recovery"];

    public static GroupMetrics Declaration { get; } = new(
    [
        MetricSpec.Counter(RetransmitsTotal, "TCP retransmissions and loss events, by kernel function.", "trace"),
        MetricSpec.Counter(ResetsTotal, "TCP resets, by direction (sent, received) and reason where the kernel gives one.", "direction", "reason"),
        MetricSpec.Histogram(RttSeconds, "TCP round-trip times seen by RTT events (needs --tcp-rtt or --tcp-srtt).",
            MetricSpec.ExponentialBuckets(0.0005, 2, 13)),
    ], Observe);

    /// <summary>Read through the event's fields (unboxed) and trace name, as every sink reads events.</summary>
    private static void Observe(ITraceEvent ev, IRenderContext context, IMetricSink sink)
    {
        string trace = ev.Trace;
        if (RetransmitTraces.Contains(trace))
            sink.Increment(RetransmitsTotal, trace);
        else if (trace is "tcp_send_reset" or "tcp_send_active_reset")
            sink.Increment(ResetsTotal, "sent", ResetReason(ev.Get("reset_reason"), context));
        else if (trace == "tcp_receive_reset")
            sink.Increment(ResetsTotal, "received", "");
        if (ev.Get("rtt_measured") is { Kind: FieldKind.Boolean, Boolean: true } && ev.Get("rtt_us") is { IsNone: false } rtt)
            sink.Observe(RttSeconds, rtt.ToDouble() / 1_000_000);
    }

    private static string ResetReason(FieldValue code, IRenderContext context) =>
        code.IsNone
            ? ""
            : context.EnumName(SockCatalogue.ResetReasonEnum, code.ToInt64())?.Replace(SockCatalogue.ResetReasonPrefix, "", StringComparison.Ordinal)
              ?? code.Box()!.ToString()!;
}
