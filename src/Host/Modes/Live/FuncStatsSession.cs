using System.Globalization;
using NetTrace.Host.Engine;
using NetTrace.Host.Sinks;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// --func-stats (upstream's option): the kernel counts the hits of every attached trace in a per-CPU map and
/// sends no record; each second whose counts changed prints them in upstream's shape, "function statistics:" and
/// " name                            : N" per trace with hits, and the session ends with the last counts.
/// </summary>
internal sealed class FuncStatsSession(SessionOptions options, TextWriter stdout, TextWriter stderr)
{
    public int Run(SkbTracer tracer, CancellationToken cancel)
    {
        var traces = tracer.Attached.Select(h => h.Trace).DistinctBy(t => t.Id).OrderBy(t => t.Id).ToList();
        var counts = new Dictionary<ushort, ulong>();
        SessionSinks.Begin(options, stdout, stderr);
        EverySecond.UntilStopped(cancel, () => Read(tracer, traces, counts), () => Write(stdout, traces, counts));
        SessionSinks.End(options, stdout, stderr);
        ulong total = counts.Values.Aggregate(0UL, (sum, n) => sum + n);
        stderr.WriteLine($"nettrace: {total} calls counted in {counts.Count(c => c.Value > 0)} of {traces.Count} traces");
        return 0;
    }

    /// <summary>Sums each trace's per-CPU counters; true when any moved since the last read.</summary>
    private static bool Read(SkbTracer tracer, IEnumerable<CatalogTrace> traces, Dictionary<ushort, ulong> counts)
    {
        bool changed = false;
        foreach (var trace in traces)
        {
            ulong n = tracer.FuncCounts.SumPerCpu(trace.Id);
            changed |= counts.GetValueOrDefault(trace.Id) != n;
            counts[trace.Id] = n;
        }
        return changed;
    }

    public static void Write(TextWriter output, IEnumerable<CatalogTrace> traces, IReadOnlyDictionary<ushort, ulong> counts)
    {
        output.WriteLine("function statistics:");
        foreach (var trace in traces)
        {
            if (counts.TryGetValue(trace.Id, out ulong n) && n > 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {trace.Name,-32}: {n}"));
        }
        output.Flush();
    }
}
