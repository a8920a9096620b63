namespace NetTrace.Host.Session.Options;

/// <summary>How much the host says about itself on stderr; ordered so "at least verbose" is a comparison.</summary>
internal enum LogLevel
{
    Normal,

    /// <summary>-v</summary>
    Verbose,

    /// <summary>--debug (includes everything -v shows).</summary>
    Debug,
}
