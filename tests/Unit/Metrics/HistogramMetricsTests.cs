using System.Globalization;
using System.Text;
using NetTrace.Host.Sinks.Metrics;
using Prometheus;

namespace NetTrace.Tests.Unit.Metrics;

/// <summary>The kernel's log2 histogram of microseconds as a Prometheus histogram of seconds, bucket for bucket.</summary>
public sealed class HistogramMetricsTests
{
    private static async Task<string> Exposition(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static double Series(string exposition, string series) =>
        double.Parse(exposition.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Update_EachBucketHoldsTheKernelsCount_AcrossUpdates()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new HistogramMetrics(registry, "nettrace_skb_latency_seconds", "test");
        var counts = new ulong[64];
        counts[0] = 2;  // 0-1 µs
        counts[3] = 5;  // 8-15 µs
        metrics.Update(counts);
        counts[3] = 7;  // two more, observed once: only the growth counts
        counts[10] = 1; // 1024-2047 µs
        metrics.Update(counts);
        metrics.Update(counts);

        string text = await Exposition(registry);

        Assert.Equal(10, Series(text, "nettrace_skb_latency_seconds_count"));
        Assert.Equal(2, Series(text, "nettrace_skb_latency_seconds_bucket{le=\"2e-06\"}"));
        Assert.Equal(2, Series(text, "nettrace_skb_latency_seconds_bucket{le=\"8e-06\"}"));
        Assert.Equal(9, Series(text, "nettrace_skb_latency_seconds_bucket{le=\"1.6e-05\"}"));
        Assert.Equal(9, Series(text, "nettrace_skb_latency_seconds_bucket{le=\"0.001024\"}"));
        Assert.Equal(10, Series(text, "nettrace_skb_latency_seconds_bucket{le=\"0.002048\"}"));
        Assert.Equal(10, Series(text, "nettrace_skb_latency_seconds_bucket{le=\"+Inf\"}"));
    }
}
