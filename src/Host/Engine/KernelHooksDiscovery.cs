using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;
using NetTrace.Host.Kernel;

namespace NetTrace.Host.Engine;

/// <summary>Learns what the kernel offers the catalogue: kprobe support, the functions' symbols, the tracepoints.</summary>
internal static class KernelHooksDiscovery
{
    private const string TracepointTypePrefix = "btf_trace_";

    /// <param name="kprobes">The result of <see cref="KprobeSupport.Check"/>, started early: it needs nothing from the catalogue.</param>
    public static KernelHooks Discover(IEnumerable<CatalogTrace> traces, BtfReader? btf, Task<KprobeAvailability> kprobes, Action<string> verbose)
    {
        var names = traces.SelectMany(t => t.Spec.Targets)
            .Where(t => t.Kind == AttachKind.Kprobe)
            .Select(t => t.Target)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var functions = FunctionCache.Resolve(names, verbose);
        verbose($"resolved {functions.Count} of {names.Count} functions ({started.ElapsedMilliseconds} ms)");

        var (available, multi, reason) = KprobeSupport.Result(kprobes);
        verbose(available
            ? $"kprobes available; {(multi ? "kprobe.multi available" : "kprobe.multi unavailable: " + reason)}"
            : $"kprobes unavailable: {reason}");

        // Every raw tracepoint has a "btf_trace_<name>" typedef in the kernel's BTF.
        Func<string, bool> tracepointExists = btf is null
            ? _ => true
            : name => btf.HasTypedef(TracepointTypePrefix + name);
        return new KernelHooks(available, multi, functions, tracepointExists) { KprobeFailure = available ? "" : reason };
    }
}
