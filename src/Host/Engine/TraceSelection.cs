using NetTrace.Host.Errors;

namespace NetTrace.Host.Engine;

/// <summary>Which traces a session runs and which of them capture stacks.</summary>
internal sealed record TraceSelection(IReadOnlyList<CatalogTrace> Traces, IReadOnlySet<CatalogTrace> Stacked)
{
    public const int MaxStacked = 16;

    /// <summary>
    /// <paramref name="traces"/>: -t (or the default-on traces, plus under --diag those the rules watch, so no rule is dead), plus the
    /// <paramref name="traceStack"/> traces (--trace-stack), which must be traced to show a stack.
    /// </summary>
    public static TraceSelection From(IReadOnlyList<string> traces, IReadOnlyList<string> traceStack, TraceCatalog catalog,
        IReadOnlySet<string>? watched = null)
    {
        var chosen = traces.Count == 0
            ? catalog.Traces.Where(t => t.Spec.DefaultOn || (watched?.Contains(t.Name) ?? false)).ToList()
            : catalog.Expand(traces, out string? error)?.ToList() ?? throw new UsageException(error!);
        var stacked = catalog.Expand(traceStack, out string? stackError) ?? throw new UsageException(stackError!);
        if (stacked.Count > MaxStacked)
            throw new UsageException($"--trace-stack names {stacked.Count} traces; at most {MaxStacked} may print stacks");
        foreach (var trace in stacked.Where(t => !chosen.Contains(t)))
            chosen.Add(trace);
        if (chosen.Count == 0)
            throw new UsageException("no trace selected");
        return new TraceSelection(chosen.OrderBy(t => t.Id).ToList(), stacked.ToHashSet());
    }
}
