namespace NetTrace.Host.Session.Output;

/// <summary>
/// Records the kernel could not hand over (ring buffer full), per CPU, summed over every BPF object of the session
/// (each has its own nt_lost): reported live under -v once a second when the count grew, in the exit summary and
/// the lost-events metric, so a flood is never silent.
/// </summary>
internal sealed class LostRecords(IReadOnlyList<Func<ulong[]>> sources, Log log)
{
    private static readonly long ReportEveryTicks = System.Diagnostics.Stopwatch.Frequency;
    private ulong _reported;
    private long _lastReport;
    private long _recordsAtReport;

    /// <summary>One object's count, per CPU.</summary>
    public LostRecords(Func<ulong[]> source, Log log)
        : this([source], log)
    {
    }

    public ulong[] PerCpu
    {
        get
        {
            ulong[]? sum = null;
            foreach (var perCpu in sources.Select(read => read()))
            {
                sum ??= new ulong[perCpu.Length];
                for (int i = 0; i < Math.Min(sum.Length, perCpu.Length); i++)
                    sum[i] += perCpu[i];
            }
            return sum ?? [];
        }
    }

    public ulong Total => PerCpu.Aggregate(0UL, (sum, v) => sum + v);

    /// <summary>Called after each poll: one -v line per second while records are being lost.</summary>
    /// <param name="records">Records received so far: the kernel loses records only while it writes them.</param>
    public void Tick(long records = 0)
    {
        if (!log.IsVerbose)
            return;
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (now - _lastReport < ReportEveryTicks)
            return;
        _lastReport = now;
        _recordsAtReport = records;
        var perCpu = PerCpu;
        ulong total = perCpu.Aggregate(0UL, (sum, v) => sum + v);
        if (total > _reported)
            log.Verbose($"lost {total - _reported} records in the last second; so far {Describe(perCpu)}");
        _reported = total;
    }

    /// <summary>
    /// How long until <see cref="Tick"/> is due to report, in ms: -1 without -v, and while no record came since the
    /// last report (a full ring buffer wakes the poll, so losses never happen unseen while it sleeps).
    /// </summary>
    public int TickTimeoutMs(long records)
    {
        if (!log.IsVerbose || records == _recordsAtReport)
            return -1;
        long left = _lastReport + ReportEveryTicks - System.Diagnostics.Stopwatch.GetTimestamp();
        return left <= 0 ? 0 : (int)(left * 1000 / System.Diagnostics.Stopwatch.Frequency) + 1;
    }

    /// <summary>"N lost" or "N lost (cpu0: a, cpu1: b)" for the exit summary.</summary>
    public static string Describe(ulong[] perCpu)
    {
        ulong total = perCpu.Aggregate(0UL, (sum, v) => sum + v);
        if (total == 0)
            return "0 lost";
        var busy = perCpu.Select((v, cpu) => (v, cpu)).Where(x => x.v > 0).Select(x => $"cpu{x.cpu}: {x.v}");
        return $"{total} lost ({string.Join(", ", busy)})";
    }
}
