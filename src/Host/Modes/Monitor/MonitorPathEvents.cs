using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>
/// --monitor's packet-path part: the generic skb tracer, without lifecycles, on the traces whose ERROR rules
/// the kernel can decide from the return value (netfilter verdicts, failed routes, full backlogs...). Only
/// abnormal returns leave the kernel; user space runs the exact rules and prints the seed's monitor line with
/// its notes and markers.
/// </summary>
internal sealed class MonitorPathEvents : IDisposable
{
    private readonly SkbTracer _tracer;

    private MonitorPathEvents(SkbTracer tracer, MonitorPathPrinter printer)
    {
        _tracer = tracer;
        Printer = printer;
        DecoderGroup = new SkbEventDecoder(tracer.Attached).AsGroup();
    }

    public IReadOnlyList<PlannedHook> Attached => _tracer.Attached;

    /// <summary>The tracer's ring buffer map: its records join the session's ring beside the groups'.</summary>
    public BpfMap Events => _tracer.Events;

    /// <summary>Decodes the tracer's records, beside the plugin groups in the session's dispatcher.</summary>
    public Abstractions.Plugins.TraceGroup DecoderGroup { get; }

    /// <summary>Judges each hit by the exact rules and prints the abnormal ones.</summary>
    public MonitorPathPrinter Printer { get; }

    /// <summary>The engine's records lost for want of room in the ring buffer, per CPU.</summary>
    public ulong[] LostPerCpu() => _tracer.Lost.PerCpu(0);

    public ulong[] RateLimitedPerCpu() => _tracer.Lost.PerCpu(Engine.Config.NtConfig.RateLimitedKey);

    /// <summary>Prints the lines of what <see cref="Load"/> attached, which it now owns.</summary>
    public static MonitorPathEvents Start(LoadedMonitorPath loaded, PluginCatalog plugins, SessionOptions options, TextWriter stdout,
        IRenderContext context, IEventTap? tap) =>
        new(loaded.Tracer, NewPrinter(loaded.Rules, plugins, options, stdout, new EventClock(options.Date), context, tap));

    /// <summary>Loads and attaches; null when this kernel can trace none of those functions (no kprobes). Needs
    /// nothing of the session's groups, so it runs beside their loads.</summary>
    public static LoadedMonitorPath? Load(SessionOptions options, PluginCatalog plugins, KernelBtf? btf,
        Task<KprobeAvailability> kprobes, Log log)
    {
        var rules = RuleBook.Load(plugins, options, RuleBook.DefaultCacheDirectory(), log.Verbose);
        var catalog = TraceCatalog.From(plugins);
        var kernelRules = KernelReturnRules.From(rules.Rules,
            group => catalog.Traces.Where(t => t.Group.Name == group).Select(t => t.Name), FindingLevel.Error, plugins.Groups.SelectMany(g => g.ReturnVerdicts));
        var traces = catalog.Traces
            .Where(t => kernelRules.Traces.Contains(t.Name) && !t.Group.Serves.OutsideMonitorPath && t.Id < KernelReturnRules.MaxTraces)
            .ToList();
        var kernel = KernelHooksDiscovery.Discover(traces, btf?.Reader, kprobes, log.Milestone);
        var plan = AttachPlanner.Plan(new TraceSelection(traces, new HashSet<CatalogTrace>()), kernel, showReturn: true);
        // A rule on the return value needs the return: a hook without one (a tracepoint) would send every call up.
        var needless = plan.Hooks.Where(h => kernelRules.Clauses(h.Trace.Name) is not null && !h.WithReturn).ToList();
        plan = new AttachPlan([.. plan.Hooks.Except(needless)],
            [.. plan.Skipped, .. needless.Select(h => new SkippedTrace(h.Trace, new TargetRefusal(h.Target, $"its rules read the return value, which {h.Method} does not give")))]);
        foreach (var skipped in plan.Skipped)
            log.Verbose($"monitor: left out {skipped.Trace.Group.Name}/{skipped.Trace.Name}: {skipped.Reason}");
        if (plan.Hooks.Count == 0)
        {
            log.Warn(Unwatched(kernel));
            return null;
        }
        var filter = FilterBuilder.Build(options, options.NetnsCurrent ? NetnsInode.Current() : null);
        var settings = new TracerSettings(filter, Track: false, PacketFixed: false, kernel.KprobeMulti)
        {
            Monitor = true, RateLimit = options.RateLimit ?? 0, TrampolineTargets = btf is null || NoFexit ? null : FexitHooks.Carries(btf.Reader, kernel.Release),
        };
        var tracer = SkbTracer.Load(plan, settings, log.Milestone);
        try
        {
            foreach (var hook in tracer.Attached)
                tracer.ReturnRules.Update(BitConverter.GetBytes((uint)hook.Trace.Id), kernelRules.Encode(hook.Trace.Name));
            foreach (var failed in tracer.Failed)
                log.Verbose($"monitor: left out {failed.Trace.Group.Name}/{failed.Trace.Name}: {failed.Reason}");
            log.Verbose($"monitor: {tracer.Attached.Count} return-rule traces attached");
            log.Warn(HowReturnsAreWatched(tracer.Attached, kernel));
            return new LoadedMonitorPath(tracer, rules);
        }
        catch
        {
            tracer.Dispose();
            throw;
        }
    }

    /// <summary>Set to 1, --monitor keeps to kprobes where trampolines work: to compare the two, or to step around a kernel's fexit bug.</summary>
    public const string NoFexitVariable = "NETTRACE_NO_FEXIT";

    private static bool NoFexit => Environment.GetEnvironmentVariable(NoFexitVariable) == "1";

    /// <summary>One line on how the kernel watches return values: the cost of --monitor depends on it.</summary>
    private static string HowReturnsAreWatched(IReadOnlyList<PlannedHook> attached, KernelHooks kernel)
    {
        int fexit = attached.Count(h => h.OnTrampoline);
        int kprobes = attached.Count(h => h.IsFunction && !h.OnTrampoline);
        if (fexit + kprobes == 0)
            return Unwatched(kernel);
        if (kprobes == 0)
            return $"--monitor: return values of {fexit} functions watched through fexit (BPF trampolines)";
        return fexit == 0
            ? $"--monitor: return values of {kprobes} functions watched through kretprobes ({(NoFexit ? NoFexitVariable + "=1" : "no BPF trampolines here")})"
            : $"--monitor: return values of {fexit} functions watched through fexit (BPF trampolines), {kprobes} through kretprobes";
    }

    private static string Unwatched(KernelHooks kernel) =>
        $"--monitor: return values unwatched ({(kernel.KprobeFailure is "" ? "none of their functions can be hooked here" : kernel.KprobeFailure)}); drops and TCP events come from tracepoints";

    /// <summary>The printer of --monitor's packet-path lines, with every rule of <paramref name="rules"/>.</summary>
    public static MonitorPathPrinter NewPrinter(RuleBook rules, PluginCatalog plugins, SessionOptions options, TextWriter stdout, EventClock clock,
        IRenderContext context, IEventTap? tap)
    {
        var diagnoser = new Diagnoser(rules, context, Diagnoser.Renderers(plugins), quiet: true, keep: true, hooks: false);
        var formatter = new SkbLineFormatter(stdout, clock, options.Detail, showReturn: false, context);
        return new MonitorPathPrinter(diagnoser, formatter, tap, !options.Json, context);
    }

    public void Dispose() => _tracer.Dispose();
}

/// <summary>--monitor's packet path loaded and attached, not yet printing: its tracer, and the rules of its printer.</summary>
internal sealed record LoadedMonitorPath(SkbTracer Tracer, RuleBook Rules) : IDisposable
{
    public void Dispose() => Tracer.Dispose();
}
