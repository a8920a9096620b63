namespace NetTrace.Host.Session.Options;

/// <summary>
/// An option that only means something to modes other than --drop, so a build without those modes must refuse
/// it rather than silently ignore it. <see cref="CliFeatures"/> says which of them are built.
/// </summary>
internal sealed record ModeOnlyOption(string Name, string Label, Func<SessionOptions, bool> IsSet)
{
    public static IReadOnlyList<ModeOnlyOption> All { get; } =
    [
        new("--trace", "trace selection", o => o.Traces.Count > 0),
        new("--ret", "function return values", o => o.ShowReturn),
        new("--bpf-progs", "tc and XDP program verdicts", o => o.BpfProgs),
        new("--diag-quiet", "quiet diagnose output", o => o.DiagQuiet),
        new("--diag-keep", "keep diagnosing", o => o.DiagKeep),
        new("--hooks", "netfilter hooks", o => o.Hooks),
        new("--rules", "team rules", o => o.RuleDirs.Count > 0),
        new("--metrics", "Prometheus metrics", o => o.MetricsEndpoint is not null),
        new("--pkt-fixed", "fixed-packet matching", o => o.PacketFixed),
        new("--trace-stack", "stacks of traces", o => o.TraceStack.Count > 0),
        new("--min-latency", "skb lifetime filter", o => o.MinLatencyNs is not null),
        new("--latency", "in-kernel latency", o => o.Latency && !o.LatencySummary),
        new("--latency-summary", "latency histogram", o => o.LatencySummary),
        new("--latency-show", "lifecycle latency", o => o.LatencyShow),
        new("--tiny-show", "tiny lifecycle lines", o => o.TinyShow),
        new("--func-stats", "call counting", o => o.FuncStats),
        new("--rtt", "RTT histogram", o => o.RttHistogram),
        new("--rate-limit", "event rate limit", o => o.RateLimit is not null),
        new("--latency-free", "lifecycle latency up to the free", o => o.LatencyFree),
        new("--trace-matcher", "lifecycle start traces", o => o.TraceControl.Matcher.Count > 0),
        new("--trace-exclude", "trace exclusion", o => o.TraceControl.Exclude.Count > 0),
        new("--trace-free", "lifecycle end traces", o => o.TraceControl.Free.Count > 0),
        new("--trace-noclone", "clone following", o => o.TraceControl.NoClone),
        new("--tcp-rtt", "rtt filter", o => o.TcpRttMs is not null),
        new("--tcp-srtt", "srtt filter", o => o.TcpSrttMs is not null),
    ];
}
