namespace NetTrace.Abstractions.Metrics;

/// <summary>
/// Where a group's <see cref="MetricObserver"/> counts what an event means. A metric is named as the group declared
/// it, with one value per declared label, in their order. Naming a metric the group did not declare, giving the
/// wrong number of labels or the wrong operation for its kind is a plugin bug: it throws.
/// </summary>
public interface IMetricSink
{
    /// <summary>Adds <paramref name="amount"/> (at least 0) to a counter.</summary>
    void Add(string metric, double amount, params string[] labels);

    /// <summary>Adds 1 to a counter.</summary>
    void Increment(string metric, params string[] labels) => Add(metric, 1, labels);

    /// <summary>Sets a gauge.</summary>
    void Set(string metric, double value, params string[] labels);

    /// <summary>Counts <paramref name="value"/> into a histogram's buckets.</summary>
    void Observe(string metric, double value, params string[] labels);
}
