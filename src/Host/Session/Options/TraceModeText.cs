namespace NetTrace.Host.Session.Options;

/// <summary>How a <see cref="TraceMode"/> is spelled on the command line and named in messages.</summary>
internal static class TraceModeText
{
    /// <summary>The flag that selects the mode, or null for the default mode, which has none.</summary>
    public static string? Flag(this TraceMode mode) => mode switch
    {
        TraceMode.Basic => "--basic",
        TraceMode.Diagnose => "--diag",
        TraceMode.Drop => "--drop",
        TraceMode.Sock => "--sock",
        TraceMode.Monitor => "--monitor",
        _ => null,
    };

    public static string Label(this TraceMode mode) => mode switch
    {
        TraceMode.Lifecycle => "lifecycle mode",
        TraceMode.Basic => "basic mode",
        TraceMode.Diagnose => "diagnose mode",
        TraceMode.Drop => "drop mode",
        TraceMode.Sock => "socket mode",
        TraceMode.Monitor => "monitor mode",
        _ => mode.ToString(),
    };
}
