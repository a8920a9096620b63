using System.Diagnostics.Tracing;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace NetTrace.Bench.Pipeline;

/// <summary>
/// `--alloc`: each benchmark's bytes per record in seconds instead of minutes, and the types it allocates most (the
/// runtime's allocation-tick samples, one per ~100 KB), to find what still allocates while working on it.
/// </summary>
internal static class AllocationProbe
{
    private const int Rounds = 50;

    public static int Run(string? only)
    {
        foreach (var type in new[] { typeof(DropPipelineBenchmarks), typeof(LifecyclePipelineBenchmarks) })
        {
            object bench = Activator.CreateInstance(type)!;
            type.GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null).Invoke(bench, null);
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                if (only is not null && !method.Name.Equals(only, StringComparison.OrdinalIgnoreCase))
                    continue;
                Measure(method.Name, () => method.Invoke(bench, null));
            }
        }
        return 0;
    }

    private static void Measure(string name, Action once)
    {
        // Warm: pools and caches fill, and the JIT reaches its optimised tier (tier 0 boxes in Enum.HasFlag).
        for (int i = 0; i < 40; i++)
        {
            once();
            if (i % 10 == 9)
                Thread.Sleep(200);
        }
        using var ticks = new AllocationTicks();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < Rounds; i++)
            once();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        double perRecord = (double)bytes / (Rounds * 10_000);
        // CPU time rather than wall time: a rough figure that a busy machine disturbs less (BenchmarkDotNet's is the real one).
        double ns = cpu.TotalNanoseconds / (Rounds * 10_000);
        Console.WriteLine($"{name,-20} {perRecord,8:F1} B/record  ~{ns,6:F0} ns CPU/record");
        foreach (var (typeName, count) in ticks.Top(8))
            Console.WriteLine($"    {count,5} x ~100 KB  {typeName}{Outer(typeName)}");
    }

    /// <summary>" in Outer" for a compiler-made type (closure, iterator), whose sampled name leaves out where it is.</summary>
    private static string Outer(string typeName)
    {
        if (!typeName.StartsWith('<'))
            return "";
        var owners = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("NetTrace", StringComparison.Ordinal) == true || a.GetName().Name == "nettrace")
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name == typeName && t.DeclaringType is not null)
            .Select(t => t.DeclaringType!.FullName);
        return " in " + string.Join(" or ", owners);
    }

    /// <summary>GCAllocationTick samples by type name, from the runtime's own event source.</summary>
    private sealed class AllocationTicks : EventListener
    {
        private readonly Dictionary<string, int> _byType = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null)
                return;
            int at = e.PayloadNames!.IndexOf("TypeName");
            string typeName = at >= 0 ? e.Payload[at] as string ?? "?" : "?";
            lock (_byType)
                _byType[typeName] = _byType.GetValueOrDefault(typeName) + 1;
        }

        public List<(string, int)> Top(int n)
        {
            lock (_byType)
                return [.. _byType.OrderByDescending(p => p.Value).Take(n).Select(p => (p.Key, p.Value))];
        }
    }
}
