using NetTrace.Abstractions.Metrics;
using NetTrace.Host.Errors;
using Prometheus;

namespace NetTrace.Host.Sinks.Metrics;

/// <summary>
/// The metrics one group declared, created in the registry, and the sink its observer counts into. A group reaches
/// only its own metrics; a name it did not declare, or the wrong operation for a metric's kind, throws.
/// </summary>
internal sealed class GroupMetricSink : IMetricSink
{
    private readonly string _group;
    private readonly Dictionary<string, Collector> _metrics = new(StringComparer.Ordinal);

    /// <param name="reserved">nettrace's own metric names, which no group may declare.</param>
    public GroupMetricSink(string group, IReadOnlyList<MetricSpec> declared, MetricFactory factory, IReadOnlySet<string> reserved)
    {
        _group = group;
        foreach (var spec in declared)
        {
            if (reserved.Contains(spec.Name))
                throw new UsageException($"trace group '{group}' declares the metric '{spec.Name}', which is nettrace's own");
            try
            {
                _metrics.Add(spec.Name, Create(spec, factory));
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"trace group '{group}' declares the metric '{spec.Name}', which Prometheus refuses: {e.Message}");
            }
        }
    }

    public void Add(string metric, double amount, params string[] labels)
    {
        var counter = Find<Counter>(metric);
        if (labels.Length == 0)
            counter.Inc(amount);
        else
            counter.WithLabels(labels).Inc(amount);
    }

    public void Set(string metric, double value, params string[] labels)
    {
        var gauge = Find<Gauge>(metric);
        if (labels.Length == 0)
            gauge.Set(value);
        else
            gauge.WithLabels(labels).Set(value);
    }

    public void Observe(string metric, double value, params string[] labels)
    {
        var histogram = Find<Histogram>(metric);
        if (labels.Length == 0)
            histogram.Observe(value);
        else
            histogram.WithLabels(labels).Observe(value);
    }

    private static Collector Create(MetricSpec spec, MetricFactory factory)
    {
        string[] labels = [.. spec.Labels];
        return spec.Kind switch
        {
            MetricKind.Counter => factory.CreateCounter(spec.Name, spec.Help, labels),
            MetricKind.Gauge => factory.CreateGauge(spec.Name, spec.Help, labels),
            // No buckets declared: prometheus-net's defaults.
            _ => factory.CreateHistogram(spec.Name, spec.Help, labels,
                new HistogramConfiguration { Buckets = spec.Buckets.Count > 0 ? [.. spec.Buckets] : null }),
        };
    }

    private T Find<T>(string metric) where T : Collector =>
        _metrics.GetValueOrDefault(metric) as T
        ?? throw new ArgumentException($"trace group '{_group}' counts into '{metric}', which it did not declare as a {typeof(T).Name.ToLowerInvariant()}");
}
