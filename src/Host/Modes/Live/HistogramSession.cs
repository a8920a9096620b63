using NetTrace.Bpf;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// --latency-summary's and --rtt's session: a log2 histogram the kernel counts in a per-CPU map of 64 buckets,
/// printed each second it changed and once more at the end (one JSON object each time under --json).
/// </summary>
internal sealed class HistogramSession(Session.Options.SessionOptions options, TextWriter stdout, TextWriter stderr, HistogramStyle style)
{
    private const int Buckets = 64; // NT_HIST_BUCKETS, bpf/include/nt_hist.h

    public int Run(BpfMap histogram, CancellationToken cancel)
    {
        var counts = new ulong[Buckets];
        using var endpoint = options.MetricsEndpoint is { } at ? Sinks.Metrics.MetricsEndpoint.Start(at) : null;
        var metrics = endpoint is null ? null : new Sinks.Metrics.HistogramMetrics(endpoint.Registry, style.Metric.Name, style.Metric.Help);
        Sinks.SessionSinks.Begin(options, stdout, stderr);
        EverySecond.UntilStopped(cancel, () => Read(histogram, counts, metrics), () => Write(counts));
        Sinks.SessionSinks.End(options, stdout, stderr);
        stderr.WriteLine($"nettrace: {Log2HistogramText.Total(counts)} {style.Noun}");
        return 0;
    }

    private void Write(ulong[] counts)
    {
        if (options.Json)
            Log2HistogramText.WriteJson(stdout, style, counts);
        else
            Log2HistogramText.Write(stdout, style, counts);
    }

    private static bool Read(BpfMap histogram, ulong[] counts, Sinks.Metrics.HistogramMetrics? metrics)
    {
        bool changed = false;
        for (uint i = 0; i < counts.Length; i++)
        {
            ulong n = histogram.SumPerCpu(i);
            changed |= counts[i] != n;
            counts[i] = n;
        }
        metrics?.Update(counts);
        return changed;
    }
}
