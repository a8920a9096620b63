namespace NetTrace.Host.Session.Output;

/// <summary>Diagnostics on stderr: -v shows verbose lines, --debug also debug lines.</summary>
internal sealed class Log(TextWriter error, bool verbose, bool debug)
{
    public bool IsVerbose => verbose || debug;
    public bool IsDebug => debug;

    public void Verbose(string message)
    {
        if (verbose || debug)
            error.WriteLine(message);
    }

    public void Debug(string message)
    {
        if (debug)
            error.WriteLine(message);
    }

    /// <summary>A start-up step with the time since the process started (runtime start-up included), for -v.</summary>
    public void Milestone(string step)
    {
        if (verbose || debug)
            error.WriteLine($"startup +{(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0} ms: {step}");
    }

    public void Warn(string message) => error.WriteLine("nettrace: " + message);
}
