namespace NetTrace.Host.Engine;

/// <summary>A trace that cannot run on this kernel, and why (one refusal per target tried, in order).</summary>
internal sealed record SkippedTrace(CatalogTrace Trace, IReadOnlyList<TargetRefusal> Refusals)
{
    public SkippedTrace(CatalogTrace trace, TargetRefusal refusal)
        : this(trace, [refusal])
    {
    }

    /// <summary>The trace's function or tracepoint is simply not in this kernel (module not loaded, renamed).</summary>
    public bool Absent { get; init; }

    /// <summary>Every target tried and why it failed, as -v prints it.</summary>
    public string Reason => TargetRefusal.Describe(Refusals);

    /// <summary>Why the preferred target failed: the cause a one-line summary names.</summary>
    public string Cause => Refusals.Count > 0 ? Refusals[0].Cause : "";
}
