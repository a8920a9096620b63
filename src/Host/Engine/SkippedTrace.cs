namespace NetTrace.Host.Engine;

/// <summary>A trace that cannot run on this kernel, and why (one reason per target tried).</summary>
internal sealed record SkippedTrace(CatalogTrace Trace, string Reason)
{
    /// <summary>The trace's function or tracepoint is simply not in this kernel (module not loaded, renamed).</summary>
    public bool Absent { get; init; }
}
