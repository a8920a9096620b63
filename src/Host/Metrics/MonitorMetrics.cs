using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using Prometheus;

namespace NetTrace.Host.Metrics;

/// <summary>
/// What --metrics exposes: drops by reason and location, TCP retransmits, resets by direction and reason,
/// an RTT histogram, and nettrace's own health (events, lost records, traces attached). Events are read
/// through their <see cref="ITraceEvent.Fields"/>, so no plugin type is needed here.
/// </summary>
internal sealed class MonitorMetrics
{
    /// <summary>The kernel enum that names tcp_send_reset's reason code.</summary>
    private const string ResetReasonEnum = "sk_rst_reason";
    private const string ResetReasonPrefix = "SK_RST_REASON_";

    private static readonly string[] RetransmitTraces = ["tcp_retransmit_skb", "tcp_retransmit_timer", "tcp_enter_loss", "tcp_enter_recovery"];

    private readonly Counter _drops;
    private readonly Counter _retransmits;
    private readonly Counter _resets;
    private readonly Histogram _rtt;
    private readonly Counter _events;
    private readonly Gauge _lost;
    private readonly Gauge _attached;
    private readonly Counter _findings;
    private readonly Counter _verdicts;

    public MonitorMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _drops = factory.CreateCounter("nettrace_drops_total", "Packets freed by kfree_skb, by drop reason and the function that dropped them.",
            "reason", "location");
        _retransmits = factory.CreateCounter("nettrace_tcp_retransmits_total", "TCP retransmissions and loss events, by kernel function.", "trace");
        _resets = factory.CreateCounter("nettrace_tcp_resets_total", "TCP resets, by direction (sent, received) and reason where the kernel gives one.",
            "direction", "reason");
        _rtt = factory.CreateHistogram("nettrace_tcp_rtt_seconds", "TCP round-trip times seen by RTT events (needs --tcp-rtt or --tcp-srtt).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 13) });
        _events = factory.CreateCounter("nettrace_events_total", "Events nettrace received from the kernel, by trace group.", "group");
        _lost = factory.CreateGauge("nettrace_lost_events", "Records the kernel could not hand over because the ring buffer was full (since start).");
        _findings = factory.CreateCounter("nettrace_findings_total", "Abnormal kernel events by the rule that judged them (--monitor's return rules).",
            "rule", "trace");
        _verdicts = factory.CreateCounter("nettrace_netfilter_verdicts_total", "Abnormal netfilter verdicts by table, chain and hook.",
            "table", "chain", "hook", "verdict");
        _attached = factory.CreateGauge("nettrace_trace_attached", "1 for each trace attached, 0 for each left out.", "group", "trace");
    }

    /// <summary>An abnormal packet-path event and the ERROR rules that matched it.</summary>
    public void Finding(SkbTraceEvent ev, IReadOnlyList<NetTrace.Rules.CompiledRule> rules)
    {
        _events.WithLabels(ev.Group).Inc();
        foreach (var rule in rules)
            _findings.WithLabels(rule.Name, ev.Trace).Inc();
        if (ev.Extra is { Kind: not SkbExtraKind.None } extra && ev.Return is { } ret)
        {
            string table = extra.Kind == SkbExtraKind.NetfilterHook ? "" : extra.Table;
            string chain = extra.Kind switch
            {
                SkbExtraKind.NetfilterChain => extra.Chain,
                SkbExtraKind.NetfilterTable => Abstractions.Netfilter.NetfilterNames.BuiltinChain(extra.Hook),
                _ => "",
            };
            _verdicts.WithLabels(table, chain, Abstractions.Netfilter.NetfilterNames.Hook(extra.Pf, extra.Hook),
                Abstractions.Netfilter.NetfilterNames.Verdict(ev.Trace, ret) ?? ret.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        }
    }

    public void Attached(string group, string trace, bool attached) => _attached.WithLabels(group, trace).Set(attached ? 1 : 0);

    public void Lost(ulong lost) => _lost.Set(lost);

    public void Record(string group, ITraceEvent ev, IRenderContext context)
    {
        _events.WithLabels(group).Inc();
        var fields = ev.Fields;
        if (Field(fields, "reason") is { } reason && Field(fields, "location") is { } location)
        {
            string name = context.HasDropReasons ? context.DropReasonName((uint)Convert.ToUInt64(reason)) : "UNKNOWN";
            _drops.WithLabels(name, Function(context.Symbolize(Convert.ToUInt64(location)))).Inc();
            return;
        }
        string trace = ev.Trace;
        if (RetransmitTraces.Contains(trace))
            _retransmits.WithLabels(trace).Inc();
        else if (trace == "tcp_send_reset" || trace == "tcp_send_active_reset")
            _resets.WithLabels("sent", ResetReason(Field(fields, "reset_reason"), context)).Inc();
        else if (trace == "tcp_receive_reset")
            _resets.WithLabels("received", "").Inc();
        if (Field(fields, "rtt_measured") is true && Field(fields, "rtt_us") is { } rtt)
            _rtt.Observe(Convert.ToDouble(rtt) / 1_000_000);
    }

    private static string ResetReason(object? code, IRenderContext context) =>
        code is null ? "" : context.EnumName(ResetReasonEnum, Convert.ToInt64(code))?.Replace(ResetReasonPrefix, "", StringComparison.Ordinal) ?? code.ToString()!;

    /// <summary>"tcp_v4_rcv+0x81" → "tcp_v4_rcv": offsets would make a label per call site and kernel build.</summary>
    private static string Function(string symbol)
    {
        int plus = symbol.IndexOf('+');
        return plus > 0 ? symbol[..plus] : symbol;
    }

    private static object? Field(IReadOnlyList<KeyValuePair<string, object?>> fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.Key == name)
                return field.Value;
        }
        return null;
    }
}
