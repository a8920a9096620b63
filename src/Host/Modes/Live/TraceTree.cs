using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// `nettrace -t ?`: every group and trace, and for this kernel how each one would attach or why it
/// cannot. Nothing is loaded: the plan is computed from the kernel's symbols and capabilities.
/// </summary>
internal sealed class TraceTree(SessionOptions options, TextWriter stdout, Log log)
{
    private const string Query = "?";
    private const int NameWidth = 28;

    public static bool IsRequested(SessionOptions options) => options.Traces.Count == 1 && options.Traces[0] == Query;

    public int Print(PluginCatalog plugins, KernelBtf? btf, Task<KprobeAvailability> kprobes)
    {
        var catalog = TraceCatalog.From(plugins);
        var everything = new TraceSelection(catalog.Traces, new HashSet<CatalogTrace>());
        var kernel = KernelHooksDiscovery.Discover(catalog.Traces, btf?.Reader, kprobes, log.Verbose);
        var plan = AttachPlanner.Plan(everything, kernel, options.ShowReturn);
        var hooks = plan.Hooks.ToDictionary(h => h.Trace);
        var skipped = plan.Skipped.ToDictionary(s => s.Trace);
        string functions = kernel.Kprobes ? (kernel.KprobeMulti ? "kprobe.multi (one link per program)" : "one kprobe per function") : "unavailable";

        stdout.WriteLine($"trace groups and traces (* = off by default; kernel functions attach: {functions})");
        // --sock -t ?: the traces of the group serving --sock, which is what -t selects from in that mode.
        if (options.Mode == TraceMode.Sock && SessionPlan.Serving(plugins, s => s.Sock) is { } modeGroup)
        {
            int modeReady = PrintOwn([modeGroup], kernel, "");
            stdout.WriteLine($"{modeReady} of {modeGroup.Traces.Count} traces can be attached on this kernel");
            return 0;
        }
        foreach (var group in catalog.Groups)
        {
            stdout.WriteLine($"{group.Name}: {group.Description}");
            foreach (var trace in catalog.Traces.Where(t => t.Group == group))
            {
                string name = (trace.Spec.DefaultOn ? "  " : "* ") + trace.Name;
                string how = hooks.TryGetValue(trace, out var hook)
                    ? $"{hook.Method} {hook.Point}"
                    : $"skipped: {skipped[trace].Reason}";
                string note = trace.Spec.Description is { Length: > 0 } d ? $"  ({d})" : "";
                stdout.WriteLine($"    {name.PadRight(NameWidth)} {how}{note}");
            }
        }
        if (btf is not null)
        {
            var more = KernelFunctionTraces.Group(btf.SkbFunctions(AttachPlanner.MaxSkbArg + 1), catalog, out int denied);
            stdout.WriteLine($"{KernelFunctionTraces.Name}: {KernelFunctionTraces.Description}: the catalogue and {more.Traces.Count} more functions " +
                             $"of this kernel ({denied} denied; -t kernel, not listed here)");
        }
        var own = plugins.Groups.Where(SessionPlan.IsOwnGroup).ToList();
        int ownReady = PrintOwn(own, kernel, " (runs on its own: -t NAME)");
        int ready = plan.Hooks.Count + ownReady;
        stdout.WriteLine($"{ready} of {catalog.Traces.Count + own.Sum(g => g.Traces.Count)} traces can be attached on this kernel");
        return 0;
    }

    /// <summary>A mode-only group's traces with the first target this kernel offers; returns how many have one.</summary>
    private int PrintOwn(IEnumerable<TraceGroup> groups, KernelHooks kernel, string suffix)
    {
        int ready = 0;
        foreach (var group in groups)
        {
            stdout.WriteLine($"{group.Name}: {group.Description}{suffix.Replace("NAME", group.Name, StringComparison.Ordinal)}");
            foreach (var trace in group.Traces)
            {
                var target = trace.Targets.FirstOrDefault(t => Offered(t, kernel));
                ready += target is null ? 0 : 1;
                string name = (trace.DefaultOn ? "  " : "* ") + trace.Name;
                string how = target is null
                    ? "skipped: " + string.Join("; ", trace.Targets.Select(t => $"{t}: {Missing(t, kernel)}"))
                    : $"{target.Kind.ToDisplayName()} {target.Target}";
                string note = trace.Description is { Length: > 0 } d ? $"  ({d})" : "";
                stdout.WriteLine($"    {name.PadRight(NameWidth)} {how}{note}");
            }
        }
        return ready;
    }

    private static string Missing(AttachTarget target, KernelHooks kernel) =>
        target.Kind is AttachKind.Kprobe or AttachKind.Kretprobe && !kernel.Kprobes ? "the kernel has no kprobe support" : "not in this kernel";

    /// <summary>
    /// Whether the kernel has the hook of a plugin's own target. Its program may still be refused at load (an
    /// argument the kernel's tracepoint lacks): the loader then moves on to the next target.
    /// </summary>
    private static bool Offered(AttachTarget target, KernelHooks kernel) => target.Kind switch
    {
        AttachKind.Kprobe or AttachKind.Kretprobe => kernel.Kprobes,
        AttachKind.TpBtf or AttachKind.RawTracepoint => kernel.TracepointExists(target.Target),
        AttachKind.Tracepoint => kernel.TracepointExists(target.Target[(target.Target.IndexOf('/') + 1)..]),
        _ => true,
    };
}
