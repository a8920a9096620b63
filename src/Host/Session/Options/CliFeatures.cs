namespace NetTrace.Host.Session.Options;

/// <summary>
/// Which modes and mode-only options this build can run. The parser always knows every option (they all show in
/// --help); anything not listed here is refused with one line. Growing the build means growing <see cref="Current"/>.
/// </summary>
internal sealed class CliFeatures
{
    public CliFeatures(IEnumerable<TraceMode> modes, IEnumerable<string> modeOnlyOptions)
    {
        Modes = modes.ToHashSet();
        Options = modeOnlyOptions.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What this build ships: every mode and option.</summary>
    public static CliFeatures Current { get; } = new(
        [TraceMode.Lifecycle, TraceMode.Basic, TraceMode.Diagnose, TraceMode.Drop, TraceMode.Sock, TraceMode.Monitor],
        ["--trace", "--bpf-progs", "--ret", "--pkt-fixed", "--trace-stack", "--min-latency", "--diag-quiet", "--diag-keep", "--hooks", "--rules",
         "--tcp-rtt", "--tcp-srtt", "--metrics", "--latency-show", "--latency-free", "--trace-matcher", "--trace-exclude",
         "--trace-free", "--trace-noclone", "--func-stats", "--rate-limit", "--latency",
         "--latency-summary", "--tiny-show", "--rtt"]);

    /// <summary>Every mode and option; for tests of the parser itself.</summary>
    public static CliFeatures All { get; } = new(Enum.GetValues<TraceMode>(), ModeOnlyOption.All.Select(o => o.Name));

    public IReadOnlySet<TraceMode> Modes { get; }

    /// <summary>Long names (see <see cref="ModeOnlyOption.All"/>) of the mode-only options that are available.</summary>
    public IReadOnlySet<string> Options { get; }

    public bool Has(TraceMode mode) => Modes.Contains(mode);

    public bool Has(string modeOnlyOption) => Options.Contains(modeOnlyOption);
}
