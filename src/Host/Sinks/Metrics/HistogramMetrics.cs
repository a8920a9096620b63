using Prometheus;

namespace NetTrace.Host.Sinks.Metrics;

/// <summary>
/// --latency-summary's and --rtt's kernel histogram as a Prometheus histogram in seconds. The kernel counts log2
/// buckets of microseconds; each second the counts that grew are observed at their bucket's middle, so every
/// Prometheus bucket (le = the kernel bucket's upper bound) holds exactly the kernel's count and histogram_quantile
/// works; _sum is the buckets' middles times their counts, an estimate (the kernel keeps no sum).
/// </summary>
internal sealed class HistogramMetrics
{
    /// <summary>Buckets up to 2^32 µs (71 minutes); longer values land in +Inf.</summary>
    public const int Buckets = 32;

    private readonly Histogram _histogram;
    private readonly ulong[] _seen = new ulong[64];

    public HistogramMetrics(CollectorRegistry registry, string name, string help)
    {
        double[] bounds = [.. Enumerable.Range(0, Buckets).Select(i => Math.Pow(2, i + 1) / 1e6)];
        _histogram = Prometheus.Metrics.WithCustomRegistry(registry).CreateHistogram(name, help, new HistogramConfiguration { Buckets = bounds });
    }

    /// <summary>Observes what each bucket gained since the last call.</summary>
    public void Update(IReadOnlyList<ulong> counts)
    {
        for (int i = 0; i < counts.Count && i < _seen.Length; i++)
        {
            if (counts[i] <= _seen[i])
                continue;
            _histogram.Observe(Middle(i) / 1e6, (long)(counts[i] - _seen[i]));
            _seen[i] = counts[i];
        }
    }

    // Inside the bucket, never on a bound: bucket 0 holds 0 and 1 µs, bucket i ≥ 1 holds [2^i, 2^(i+1)) µs.
    private static double Middle(int bucket) => bucket == 0 ? 1 : Math.Pow(2, bucket) * 1.5;
}
