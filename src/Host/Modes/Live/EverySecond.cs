namespace NetTrace.Host.Modes.Live;

/// <summary>The loop of the modes that print counters the kernel keeps (--func-stats, --latency-summary).</summary>
internal static class EverySecond
{
    /// <summary>
    /// Until <paramref name="cancel"/>: each second <paramref name="read"/> takes the counters and says whether they
    /// moved, and <paramref name="write"/> prints them when they did; then both once more, so the last counts show.
    /// </summary>
    public static void UntilStopped(CancellationToken cancel, Func<bool> read, Action write)
    {
        do
        {
            cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            if (read() && !cancel.IsCancellationRequested)
                write();
        }
        while (!cancel.IsCancellationRequested);
        read();
        write();
    }
}
