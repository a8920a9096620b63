namespace NetTrace.Abstractions.Metrics;

/// <summary>The Prometheus metric types a group may export under --metrics.</summary>
public enum MetricKind
{
    /// <summary>Only goes up (events of a kind); named with a <c>_total</c> suffix by convention.</summary>
    Counter,

    /// <summary>A value that goes up and down (a level at the last event).</summary>
    Gauge,

    /// <summary>Observations counted into buckets (latencies, sizes).</summary>
    Histogram,
}
