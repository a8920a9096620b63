namespace NetTrace.Abstractions.Plugins;

/// <summary>The usual <see cref="MonitorSelection"/>s.</summary>
public static class MonitorTraces
{
    /// <summary>Every trace of the group.</summary>
    public static MonitorSelection All { get; } = (_, _) => true;

    /// <summary>The traces with these names.</summary>
    public static MonitorSelection Named(params string[] names) => (trace, _) => names.Contains(trace.Name, StringComparer.Ordinal);
}
