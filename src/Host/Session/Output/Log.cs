namespace NetTrace.Host.Session.Output;

/// <summary>Diagnostics on stderr: -v shows verbose lines, --debug also debug lines.</summary>
internal sealed class Log(TextWriter error, bool verbose, bool debug)
{
    // Objects load side by side (GroupSession), each reporting here: one line at a time.
    private readonly Lock _write = new();

    public bool IsVerbose => verbose || debug;
    public bool IsDebug => debug;

    public void Verbose(string message)
    {
        if (verbose || debug)
            Write(message);
    }

    public void Debug(string message)
    {
        if (debug)
            Write(message);
    }

    /// <summary>
    /// A start-up step with the time since the process started (runtime start-up included), for -v; --debug adds the
    /// CPU time so far and the methods the JIT compiled (ReadyToRun code needs none), which say where start-up goes
    /// better than wall time on a busy machine.
    /// </summary>
    public void Milestone(string step)
    {
        if (!verbose && !debug)
            return;
        // The steps before the session had a log (Main, the parser, the prefetch's threads) go first.
        foreach (var early in StartupMarks.Drain())
            Write(StartupMarks.Line(early, debug));
        Write(StartupMarks.Line(step, StartupMarks.SinceStart(), Environment.CpuUsage.TotalTime.TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(), debug));
    }

    public void Warn(string message) => Write("nettrace: " + message);

    private void Write(string line)
    {
        lock (_write)
            error.WriteLine(line);
    }
}
