namespace NetTrace.Host.Errors;

/// <summary>
/// A failure nettrace reports as one "nettrace: ..." line; its kind decides the exit code (docs/exit-codes.md), so
/// the code that throws says what went wrong and the runner needs no list of exception types.
/// </summary>
internal abstract class NetTraceException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The kernel or the system refused, or a file could not be read: exit code 1.</summary>
    public const int RuntimeError = 1;

    /// <summary>The command line or the configuration is wrong: exit code 2.</summary>
    public const int Usage = 2;

    public int ExitCode { get; } = exitCode;
}
