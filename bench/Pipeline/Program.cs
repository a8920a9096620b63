using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NetTrace.Bench.Pipeline;

/// <summary>
/// Replays recordings through nettrace's user-space pipeline. In-process (no generated project to build), one
/// core, a short job: the figures are per record, so their spread is small. Arguments go to BenchmarkDotNet.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--alloc", ..])
            return AllocationProbe.Run(args.Length > 1 ? args[1] : null);
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithAffinity(1);
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length > 0 ? args : ["--filter", "*"], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
