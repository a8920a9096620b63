namespace NetTrace.Abstractions.Errors;

/// <summary>
/// A failure nettrace reports as one "nettrace: ..." line; its kind decides the exit code (docs/exit-codes.md), so
/// the code that throws says what went wrong and the runner needs no list of exception types. Public so that
/// NetTrace.Bpf and plugins can throw failures that carry their exit code too.
/// </summary>
public abstract class NetTraceException : Exception
{
    /// <summary>The kernel or the system refused, or a file could not be read: exit code 1.</summary>
    public const int RuntimeError = 1;

    /// <summary>The command line or the configuration is wrong: exit code 2.</summary>
    public const int Usage = 2;

    /// <summary>A failure reported as <paramref name="message"/>, ending the process with <paramref name="exitCode"/>.</summary>
    protected NetTraceException(string message, int exitCode, Exception? inner = null) : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>The process's exit code when this failure ends it.</summary>
    public int ExitCode { get; }
}
