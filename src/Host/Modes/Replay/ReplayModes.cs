using NetTrace.Host.Errors;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Host.Modes.Replay;

/// <summary>
/// How a recording is rendered: in the mode it was recorded in, or — for a packet-path recording — as
/// lifecycles, hit by hit (--basic) or diagnosed (--diag) with today's rules, whatever it was recorded as.
/// </summary>
internal static class ReplayModes
{
    /// <summary>The options to render with; a mode the recording cannot be shown in is one usage error.</summary>
    public static SessionOptions Resolve(SessionOptions asked, RecordedSession session, string file)
    {
        var recorded = Parse(session.Mode) ?? throw new UsageException($"{file}: recorded in an unknown mode '{session.Mode}'");
        bool packetPath = recorded is TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose;
        if (asked.Mode != TraceMode.Lifecycle && !packetPath)
            throw new UsageException($"{asked.Mode.Flag()} needs a recording of the packet path (default, --basic or --diag); {file} was recorded with {recorded.Flag()}");
        var resolved = asked with { Mode = asked.Mode != TraceMode.Lifecycle ? asked.Mode : recorded };
        if (SessionOptionsRules.Check(resolved, CliFeatures.Current) is { } error)
            throw new UsageException(resolved.Mode == asked.Mode ? error : $"{error} (the recording is a {recorded.Label()} one)");
        return resolved;
    }

    /// <summary>The line replay starts with, on stderr: what the recording is.</summary>
    public static string Describe(string file, RecordingHeader header) =>
        $"nettrace: replaying {file}: {ModeName(header.Mode)} recorded {header.Started.LocalDateTime:yyyy-MM-dd HH:mm:ss} on Linux {header.Kernel} by {header.Nettrace}" +
        (header.Incident is { } incident ? $"\nnettrace: incident: {incident}" : "");

    private static string ModeName(string mode) => Parse(mode)?.Label() ?? mode;

    /// <summary>A mode by its name only: Enum.TryParse would also take "3" from a damaged header.</summary>
    private static TraceMode? Parse(string mode) =>
        Enum.GetValues<TraceMode>().Select(m => (TraceMode?)m).FirstOrDefault(m => string.Equals(m.ToString(), mode, StringComparison.OrdinalIgnoreCase));
}
