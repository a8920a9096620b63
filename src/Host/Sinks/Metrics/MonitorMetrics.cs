using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using Prometheus;

namespace NetTrace.Host.Sinks.Metrics;

/// <summary>
/// What --metrics exposes: the metrics each trace group declares (drops, TCP retransmits and resets, RTTs...),
/// counted by the group's observer from its events, and nettrace's own health (events, lost records, traces
/// attached, packet-path findings and netfilter verdicts).
/// </summary>
internal sealed class MonitorMetrics
{
    private const string EventsTotal = "nettrace_events_total";
    private const string LostEvents = "nettrace_lost_events";
    private const string FindingsTotal = "nettrace_findings_total";
    private const string VerdictsTotal = "nettrace_netfilter_verdicts_total";
    private const string TraceAttached = "nettrace_trace_attached";

    private static readonly HashSet<string> OwnNames = [EventsTotal, LostEvents, FindingsTotal, VerdictsTotal, TraceAttached];

    private readonly Dictionary<string, (MetricObserver Observe, GroupMetricSink Sink)> _groups = new(StringComparer.Ordinal);
    private readonly Counter _events;
    private readonly Gauge _lost;
    private readonly Gauge _attached;
    private readonly Counter _findings;
    private readonly Counter _verdicts;

    /// <param name="groups">Every installed group: each one's declared metrics are served, whether or not it runs.</param>
    public MonitorMetrics(CollectorRegistry registry, IEnumerable<TraceGroup> groups)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        foreach (var group in groups)
        {
            if (group.Metrics is { } declared)
                _groups.Add(group.Name, (declared.Observe, new GroupMetricSink(group.Name, declared.Declared, factory, OwnNames)));
        }
        _events = factory.CreateCounter(EventsTotal, "Events nettrace received from the kernel, by trace group.", "group");
        _lost = factory.CreateGauge(LostEvents, "Records the kernel could not hand over because the ring buffer was full (since start).");
        _findings = factory.CreateCounter(FindingsTotal, "Abnormal kernel events by the rule that judged them (--monitor's return rules).",
            "rule", "trace");
        _verdicts = factory.CreateCounter(VerdictsTotal, "Abnormal netfilter verdicts by table, chain and hook.",
            "table", "chain", "hook", "verdict");
        _attached = factory.CreateGauge(TraceAttached, "1 for each trace attached, 0 for each left out.", "group", "trace");
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

    /// <summary>An event of a plugin group: counted, then read by the group's own observer.</summary>
    public void Record(string group, ITraceEvent ev, IRenderContext context)
    {
        _events.WithLabels(group).Inc();
        if (_groups.TryGetValue(group, out var metrics))
            metrics.Observe(ev, context, metrics.Sink);
    }
}
