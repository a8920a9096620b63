using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Abstractions.Metrics;

/// <summary>Reads one of the group's events and counts what it means into <paramref name="sink"/>.</summary>
/// <param name="context">The same kernel knowledge the group's renderer gets (drop reason names, symbols, enums).</param>
public delegate void MetricObserver(ITraceEvent ev, IRenderContext context, IMetricSink sink);
