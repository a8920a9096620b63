using System.Collections.Concurrent;
using NetTrace.Bpf;
using NetTrace.Host.Engine.Config;

namespace NetTrace.Host.Engine;

/// <summary>
/// The generic skb tracer, loaded and attached: one BPF object whose few programs serve every
/// planned hook. Functions attach through one kprobe.multi link per program where the kernel has
/// it, else one kprobe per function, attached in parallel. Hooks that fail are reported, not fatal.
/// </summary>
internal sealed class SkbTracer : IDisposable
{
    private const string ObjectResource = "engine.bpf.o";
    private const string ObjectName = "nt_engine";
    private const int AttachParallelism = 4;

    private readonly BpfObject _object;
    private readonly PluginEntries _plugins;
    private readonly ProgramVerdicts _verdicts;
    private readonly List<BpfLink> _links;

    private SkbTracer(BpfObject obj, PluginEntries plugins, ProgramVerdicts verdicts, List<BpfLink> links, List<PlannedHook> attached, List<SkippedTrace> failed, bool multi)
    {
        _object = obj;
        _plugins = plugins;
        _verdicts = verdicts;
        _links = links;
        Attached = attached;
        Failed = failed;
        UsedMulti = multi;
        Events = obj.Map("nt_events");
        Lost = obj.Map("nt_lost");
        FuncCounts = obj.Map("nt_func_counts");
        LatencyHistogram = obj.Map("nt_latency_hist");
        Stacks = obj.Map("nt_stacks");
        ReturnRules = obj.Map("nt_ret_rules");
    }

    /// <summary>--monitor's per-trace return rules (struct nt_ret_rule by trace id).</summary>
    public BpfMap ReturnRules { get; }

    public IReadOnlyList<PlannedHook> Attached { get; }

    /// <summary>Planned hooks the kernel refused at load or attach time.</summary>
    public IReadOnlyList<SkippedTrace> Failed { get; }

    public bool UsedMulti { get; }

    /// <summary>Whether the load kept its fexit programs (false when there were none or the kernel refused them).</summary>
    public bool UsedTrampolines => Attached.Any(h => h.OnTrampoline);
    public BpfMap Events { get; }
    public BpfMap Lost { get; }
    public BpfMap Stacks { get; }

    /// <summary>--func-stats: hits per trace id, per CPU.</summary>
    public BpfMap FuncCounts { get; }

    /// <summary>--latency-summary: skbs per log2 bucket of latency in µs, per CPU.</summary>
    public BpfMap LatencyHistogram { get; }
    public int LinkCount => _links.Count;

    public static SkbTracer Load(AttachPlan plan, TracerSettings settings, Action<string> verbose)
    {
        byte[] image = ObjectImage.Embedded(typeof(SkbTracer).Assembly, ObjectResource);
        bool multi = settings.KprobeMulti;
        var trampolines = settings.TrampolineTargets;
        while (true)
        {
            var slots = TracepointSlots.Assign(plan.Hooks.Where(h => !h.IsFunction), out var noSlot);
            var obj = BpfObject.Open(image, ObjectName);
            var links = new List<BpfLink>();
            PluginEntries? plugins = null;
            var fexits = FexitHooks.Choose(plan.Hooks.Where(h => h.IsFunction), trampolines);
            try
            {
                var functions = plan.Hooks.Where(h => h.IsFunction).Except(fexits).ToList();
                // The engine's slot programs serve its own functions; a plugin's entries have their group's fexit flavours.
                var engineFexits = fexits.Where(h => !h.IsPluginEntry).ToList();
                var (engineConfig, filtering) = Configure(obj, settings, functions, slots, multi, fexits);
                FexitHooks.Configure(obj, engineFexits);
                obj.Load();
                ConnectWorkers(obj, multi);
                EntryGate.Open(obj, settings);
                verbose($"skb tracer object loaded ({obj.Programs.Count(p => p.Autoload)} programs)");
                // The groups' own entry objects load while the engine's hooks attach.
                plugins = PluginEntries.Begin(obj, functions.Where(h => h.IsPluginEntry).ToList(), fexits.Where(h => h.IsPluginEntry).ToList(),
                    Filtering(settings, functions.Concat(fexits)), multi, verbose);
                var failed = new List<SkippedTrace>(noSlot);
                var attached = new List<PlannedHook>();
                AttachTracepoints(obj, slots, links, attached, failed);
                FexitHooks.Attach(obj, engineFexits, links, attached, failed);
                if (multi)
                    AttachMulti(obj, functions, links, attached);
                else
                    AttachEach(functions, Kprobes(obj, functions), links, attached, failed, verbose, settings.AttachProgress);
                plugins.Attach(links, attached, failed);
                var verdicts = ProgramVerdicts.Attach(obj, settings.WatchedPrograms, engineConfig, filtering, links, attached, failed, verbose);
                return new SkbTracer(obj, plugins, verdicts, links, attached, failed, multi);
            }
            catch (BpfException e) when (fexits.Count > 0 && e.Stage is BpfStage.Load)
            {
                // A kernel without trampolines (or one refusing ftrace's function hooks) refuses them all at load.
                verbose($"fexit unusable; watching returns with kretprobes: {e.Message}");
                ParallelRelease.DisposeAll(links);
                plugins?.Dispose();
                obj.Dispose();
                trampolines = null;
            }
            catch (BpfException e) when (multi && e.Stage is BpfStage.Load or BpfStage.Attach)
            {
                verbose($"kprobe.multi unusable ({e.Message.Split('\n')[0]}); attaching one function at a time");
                ParallelRelease.DisposeAll(links);
                plugins?.Dispose();
                obj.Dispose();
                multi = false;
            }
            catch
            {
                ParallelRelease.DisposeAll(links);
                plugins?.Dispose();
                obj.Dispose();
                throw;
            }
        }
    }

    private static (EngineConfig Engine, NtConfig Filtering) Configure(BpfObject obj, TracerSettings settings, List<PlannedHook> functions,
        IReadOnlyList<(PlannedHook Hook, int Slot)> slots, bool multi, List<PlannedHook> fexits)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hook in functions)
        {
            // A plugin's own entry program tail-calls this object's worker of the same program type.
            wanted.Add(hook.IsPluginEntry ? (multi ? "nt_kpm_skb" : "nt_kp_skb") : EntryProgram(hook.Trace.Spec.SkbArg, multi));
            if (hook.WithReturn)
                wanted.Add(multi ? "nt_krm" : "nt_kr");
        }
        foreach (var (hook, slot) in slots)
            wanted.Add(TracepointSlots.Program(hook, slot));
        foreach (var (_, _, worker) in Workers(multi).Where(w => wanted.Any(p => p.StartsWith(w.EntryPrefix, StringComparison.Ordinal))))
            wanted.Add(worker);
        foreach (var program in obj.Programs)
            program.SetAutoload(wanted.Contains(program.Name));
        wanted.Remove("nt_kpm_skb");
        wanted.Remove("nt_kp_skb");

        var cookies = new EngineConfig.SlotCookies();
        foreach (var (hook, slot) in slots)
            cookies[slot] = hook.Cookie;
        var engine = new EngineConfig
        {
            Track = settings.Track ? (byte)1 : (byte)0,
            PacketFixed = settings.PacketFixed ? (byte)1 : (byte)0,
            Monitor = settings.Monitor ? (byte)1 : (byte)0,
            FuncStats = (byte)settings.FuncStats,
            Latency = (byte)settings.Latency,
            LatencyFree = settings.LatencyFree ? (byte)1 : (byte)0,
            LatencyMinNs = settings.LatencyMinNs,
            SlotCookie = cookies,
        };
        RodataVariable.Write(obj, EngineConfig.VariableName, engine);
        var filtering = Filtering(settings, functions.Concat(slots.Select(s => s.Hook)).Concat(fexits));
        bool stacks = filtering.Stack != 0;
        RodataVariable.Write(obj, NtConfig.VariableName, filtering);
        if (!stacks)
            obj.Map("nt_stacks").SetMaxEntries(1);
        if (settings.FuncStats == FuncStatsMode.Off)
            obj.Map("nt_func_counts").SetMaxEntries(1);
        if (settings.Latency == LatencyMode.Off)
        {
            obj.Map("nt_latency").SetMaxEntries(1);
            obj.Map("nt_latency_hist").SetMaxEntries(1);
        }
        return (engine, filtering);
    }

    /// <summary>The packet filter, the records' owner, stacks and the rate limit, for the engine and the plugins' fexit programs.</summary>
    private static NtConfig Filtering(TracerSettings settings, IEnumerable<PlannedHook> hooks) => new()
    {
        Filter = settings.Filter,
        Owner = Abstractions.Events.SkbTraceRecord.Owner,
        Stack = hooks.Any(h => (h.Cookie & (ulong)EngineCookie.Stack) != 0) ? (byte)1 : (byte)0,
        RateLimit = settings.RateLimit,
    };

    /// <summary>
    /// Entry programs are tiny and tail-call a worker of their program type that holds the whole body,
    /// so the verifier checks that body once per type rather than once per entry program.
    /// </summary>
    private static (string EntryPrefix, string Map, string Worker)[] Workers(bool multi) =>
    [
        multi ? ("nt_kpm_skb", "nt_kpm_workers", "nt_kpm_worker") : ("nt_kp_skb", "nt_kp_workers", "nt_kp_worker"),
        ("nt_tp_", "nt_tp_workers", "nt_tp_worker"),
    ];

    private static void ConnectWorkers(BpfObject obj, bool multi)
    {
        foreach (var (_, map, worker) in Workers(multi))
        {
            var program = obj.Program(worker);
            if (program.Autoload)
                obj.Map(map).SetProgram(0, program);
        }
    }

    private static string EntryProgram(int skbArg, bool multi) => $"{(multi ? "nt_kpm_skb" : "nt_kp_skb")}{skbArg}";

    private static void AttachTracepoints(BpfObject obj, IReadOnlyList<(PlannedHook Hook, int Slot)> slots,
        List<BpfLink> links, List<PlannedHook> attached, List<SkippedTrace> failed)
    {
        foreach (var (hook, slot) in slots)
        {
            try
            {
                links.Add(obj.Program(TracepointSlots.Program(hook, slot)).Attach(hook.Target.Kind, hook.Point));
                attached.Add(hook);
            }
            catch (BpfException e)
            {
                failed.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, e.Message.Split('\n')[0])));
            }
        }
    }

    /// <summary>One link per entry program, and one for all return probes; all or nothing.</summary>
    private static void AttachMulti(BpfObject obj, List<PlannedHook> functions, List<BpfLink> links, List<PlannedHook> attached)
    {
        var returning = functions.Where(h => h.WithReturn).ToList();
        if (returning.Count > 0)
            links.Add(obj.Program("nt_krm").AttachKprobeMulti(returning.Select(h => h.Address).ToList(), returning.Select(h => h.Cookie).ToList(), retprobe: true));
        foreach (var byArg in functions.Where(h => !h.IsPluginEntry).GroupBy(h => h.Trace.Spec.SkbArg))
        {
            var hooks = byArg.ToList();
            links.Add(obj.Program(EntryProgram(byArg.Key, true)).AttachKprobeMulti(hooks.Select(h => h.Address).ToList(), hooks.Select(h => h.Cookie).ToList(), retprobe: false));
        }
        attached.AddRange(functions.Where(h => !h.IsPluginEntry));
    }

    /// <summary>Attaches a function's entry or return kprobe with this object's program for it (looked up now, before any attach).</summary>
    private static Func<PlannedHook, bool, ulong, BpfLink> Kprobes(BpfObject obj, List<PlannedHook> functions)
    {
        var entries = functions.Where(h => !h.IsPluginEntry).Select(h => h.Trace.Spec.SkbArg).Distinct()
            .ToDictionary(a => a, a => obj.Program(EntryProgram(a, false)));
        var returns = functions.Any(h => h.WithReturn) ? obj.Program("nt_kr") : null;
        return (hook, retprobe, cookie) => AttachOne(retprobe ? returns! : entries[hook.Trace.Spec.SkbArg], hook, retprobe, cookie);
    }

    /// <summary>
    /// One kprobe per function, in parallel: each registration waits on the kernel, not on a CPU. Every link made
    /// reaches <paramref name="links"/> even when a later attach throws, so the caller's cleanup releases it.
    /// </summary>
    /// <param name="attach">(hook, retprobe, cookie) → link; generic so a test can count what it made.</param>
    internal static void AttachEach<TLink>(List<PlannedHook> functions, Func<PlannedHook, bool, ulong, TLink> attach, List<TLink> links,
        List<PlannedHook> attached, List<SkippedTrace> failed, Action<string> verbose, Action<int, int>? progress = null)
    {
        int done = 0;
        var made = new ConcurrentBag<TLink>();
        var ok = new ConcurrentBag<PlannedHook>();
        var refused = new ConcurrentBag<SkippedTrace>();
        var returnOnly = functions.Where(h => h.IsPluginEntry).ToList();
        functions = functions.Where(h => !h.IsPluginEntry).ToList();
        try
        {
            // Plugin entries get their return probes here; their entries attach with their own object.
            foreach (var hook in returnOnly.Where(h => h.WithReturn))
                made.Add(attach(hook, true, hook.Cookie));
            Parallel.ForEach(functions, new ParallelOptions { MaxDegreeOfParallelism = AttachParallelism }, hook =>
            {
                ulong cookie = hook.Cookie;
                if (hook.WithReturn)
                {
                    try
                    {
                        made.Add(attach(hook, true, cookie));
                    }
                    catch (BpfException e)
                    {
                        // Without its return probe the entry must not hold records back.
                        cookie &= ~(ulong)(EngineCookie.Return | EngineCookie.Clone);
                        verbose($"{hook.Trace.Name}: no return probe ({e.Message.Split('\n')[0]})");
                    }
                }
                try
                {
                    made.Add(attach(hook, false, cookie));
                    ok.Add(hook with { Cookie = cookie, WithReturn = hook.WithReturn && cookie == hook.Cookie });
                }
                catch (BpfException e)
                {
                    refused.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, e.Message.Split('\n')[0])));
                }
                progress?.Invoke(Interlocked.Increment(ref done), functions.Count);
            });
        }
        finally
        {
            // Made before a failure or not, each link is the caller's to dispose.
            links.AddRange(made);
        }
        attached.AddRange(ok);
        failed.AddRange(refused);
    }

    /// <summary>By address (no symbol lookup in the kernel), else by name.</summary>
    private static BpfLink AttachOne(BpfProgram program, PlannedHook hook, bool retprobe, ulong cookie)
    {
        try
        {
            return program.AttachKprobe(hook.Point, retprobe, cookie, hook.Address);
        }
        catch (BpfException) when (hook.Address != 0)
        {
            return program.AttachKprobe(hook.Point, retprobe, cookie);
        }
    }

    /// <summary>Detaches every link (handed to a child that outlives us when the kernel is slow to release them), then closes the objects.</summary>
    public void Dispose()
    {
        DeferredRelease.DisposeAll(_links);
        _plugins.Dispose();
        _verdicts.Dispose();
        _object.Dispose();
    }
}
