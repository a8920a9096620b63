namespace NetTrace.Abstractions.Metrics;

/// <summary>
/// The Prometheus metrics a group exports under --metrics, and the observer the host calls with each of the
/// group's events (on the polling thread: keep it cheap). The host creates the metrics at start, whether or not
/// the session runs the group, and serves them beside its own (nettrace_events_total, nettrace_lost_events...).
/// </summary>
public sealed record GroupMetrics(IReadOnlyList<MetricSpec> Declared, MetricObserver Observe);
