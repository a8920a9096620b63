namespace NetTrace.Abstractions.Metrics;

/// <summary>
/// A Prometheus metric a group exports under --metrics: its name (unique among every installed group; prefix it
/// with your product, e.g. "contoso_"), its HELP text, its type and the names of its labels. Names and labels are
/// what dashboards and alerts query: once shipped, keep them.
/// </summary>
public sealed record MetricSpec(string Name, string Help, MetricKind Kind, IReadOnlyList<string> Labels)
{
    /// <summary>A histogram's upper bucket bounds, ascending (empty: the Prometheus client's defaults); empty for the other kinds.</summary>
    public IReadOnlyList<double> Buckets { get; init; } = [];

    public static MetricSpec Counter(string name, string help, params string[] labels) => new(name, help, MetricKind.Counter, labels);

    public static MetricSpec Gauge(string name, string help, params string[] labels) => new(name, help, MetricKind.Gauge, labels);

    public static MetricSpec Histogram(string name, string help, IReadOnlyList<double> buckets, params string[] labels) =>
        new(name, help, MetricKind.Histogram, labels) { Buckets = buckets };

    /// <summary><paramref name="count"/> bounds from <paramref name="start"/>, each <paramref name="factor"/> times the last.</summary>
    public static IReadOnlyList<double> ExponentialBuckets(double start, double factor, int count)
    {
        var bounds = new double[count];
        double next = start;
        for (int i = 0; i < count; i++)
        {
            bounds[i] = next;
            next *= factor;
        }
        return bounds;
    }
}
