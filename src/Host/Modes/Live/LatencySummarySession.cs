namespace NetTrace.Host.Modes.Live;

/// <summary>--latency-summary's session: the histogram each second it changed, and once more at the end.</summary>
internal sealed class LatencySummarySession(Session.Options.SessionOptions options, TextWriter stdout, TextWriter stderr)
{
    public int Run(Engine.SkbTracer tracer, CancellationToken cancel)
    {
        const int Buckets = 64;
        var counts = new ulong[Buckets];
        Sinks.SessionSinks.Begin(options, stdout, stderr);
        EverySecond.UntilStopped(cancel, () => Read(tracer, counts), () => LatencyHistogramText.Write(stdout, counts));
        Sinks.SessionSinks.End(options, stdout, stderr);
        stderr.WriteLine($"nettrace: {counts.Aggregate(0UL, (s, n) => s + n)} packets measured");
        return 0;
    }

    private static bool Read(Engine.SkbTracer tracer, ulong[] counts)
    {
        bool changed = false;
        for (uint i = 0; i < counts.Length; i++)
        {
            ulong n = tracer.LatencyHistogram.SumPerCpu(i);
            changed |= counts[i] != n;
            counts[i] = n;
        }
        return changed;
    }
}
