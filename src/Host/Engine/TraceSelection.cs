using NetTrace.Host.Errors;

namespace NetTrace.Host.Engine;

/// <summary>Which traces a session runs and which of them capture stacks.</summary>
internal sealed record TraceSelection(IReadOnlyList<CatalogTrace> Traces, IReadOnlySet<CatalogTrace> Stacked)
{
    public const int MaxStacked = 16;

    /// <summary>Traces that may not start following an skb (--trace-matcher names the others).</summary>
    public IReadOnlySet<CatalogTrace> NoStart { get; init; } = new HashSet<CatalogTrace>();

    /// <summary>Traces that end an skb's lifecycle besides the catalogue's frees (--trace-free).</summary>
    public IReadOnlySet<CatalogTrace> Frees { get; init; } = new HashSet<CatalogTrace>();

    /// <summary>Clones stay out of their original's lifecycle (--trace-noclone).</summary>
    public bool NoClone { get; init; }

    /// <summary>
    /// <paramref name="traces"/>: -t (or the default-on traces, plus under --diag those the rules watch, so no rule is dead), plus the
    /// <paramref name="traceStack"/> traces (--trace-stack), which must be traced to show a stack.
    /// </summary>
    public static TraceSelection From(IReadOnlyList<string> traces, IReadOnlyList<string> traceStack, TraceCatalog catalog,
        IReadOnlySet<string>? watched = null, TraceControl? control = null)
    {
        control ??= TraceControl.None;
        var chosen = traces.Count == 0
            ? catalog.Traces.Where(t => t.Spec.DefaultOn || (watched?.Contains(t.Name) ?? false)).ToList()
            : catalog.Expand(traces, out string? error)?.ToList() ?? throw new UsageException(error!);
        var stacked = catalog.Expand(traceStack, out string? stackError) ?? throw new UsageException(stackError!);
        if (stacked.Count > MaxStacked)
            throw new UsageException($"--trace-stack names {stacked.Count} traces; at most {MaxStacked} may print stacks");
        foreach (var trace in stacked.Where(t => !chosen.Contains(t)))
            chosen.Add(trace);
        var excluded = Names(control.Exclude, "--trace-exclude", catalog);
        chosen.RemoveAll(excluded.Contains);
        if (chosen.Count == 0)
            throw new UsageException(excluded.Count > 0 ? "no trace selected: --trace-exclude left none" : "no trace selected");
        var matchers = Names(control.Matcher, "--trace-matcher", catalog);
        var frees = Names(control.Free, "--trace-free", catalog);
        foreach (var trace in matchers.Concat(frees).Where(t => !chosen.Contains(t)))
            chosen.Add(trace); // a matcher or a free that is not traced could never act
        return new TraceSelection(chosen.OrderBy(t => t.Id).ToList(), stacked.ToHashSet())
        {
            NoStart = matchers.Count == 0 ? new HashSet<CatalogTrace>() : chosen.Where(t => !matchers.Contains(t)).ToHashSet(),
            Frees = frees,
            NoClone = control.NoClone,
        };
    }

    private static HashSet<CatalogTrace> Names(IReadOnlyList<string> names, string option, TraceCatalog catalog) =>
        names.Count == 0 ? [] : catalog.Expand(names, out string? error)?.ToHashSet() ?? throw new UsageException($"{option}: {error}");
}
