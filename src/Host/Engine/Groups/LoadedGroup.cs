using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Plugins;

namespace NetTrace.Host.Engine.Groups;

/// <summary>
/// One group's BPF object, loaded and attached. Each trace uses the first of its targets this
/// kernel accepts: a load or attach failure moves that trace to its next target and retries;
/// a trace with no target left is skipped and reported.
/// </summary>
internal sealed class LoadedGroup : IDisposable
{
    private const uint UnusedStackEntries = 1;

    private readonly BpfObject _object;
    private readonly List<BpfLink> _links;

    private LoadedGroup(TraceGroup group, BpfObject obj, List<BpfLink> links, List<AttachedTrace> attached, List<string> skipped)
    {
        Group = group;
        _object = obj;
        _links = links;
        Attached = attached;
        Skipped = skipped;
        Events = obj.Map("nt_events");
        Lost = obj.Map("nt_lost");
        Stacks = obj.Map("nt_stacks");
    }

    public TraceGroup Group { get; }
    public IReadOnlyList<AttachedTrace> Attached { get; }

    /// <summary>"trace: why" for each trace that could not be attached at all.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public BpfMap Events { get; }
    public BpfMap Lost { get; }
    public BpfMap Stacks { get; }

    /// <summary>A map the group declares for a mode of its own (e.g. --rtt's histogram).</summary>
    public BpfMap Map(string name) => _object.Map(name);

    public static LoadedGroup Load(GroupLoadRequest request, Action<string> verbose)
    {
        byte[] image = ReadImage(request.Group);
        var choice = request.Traces.ToDictionary(t => t, _ => 0);
        var failures = request.Traces.ToDictionary(t => t, _ => new List<string>());
        // Raw tracepoint alternatives load beside a trace's current target until a load fails: then each load
        // carries one target a trace, so the failure names the program to move on from.
        bool alternatives = true;
        while (true)
        {
            var active = request.Traces.Where(t => choice[t] < t.Targets.Count).ToList();
            var skipped = request.Traces.Except(active).Select(t => $"{t.Name}: {string.Join("; ", failures[t])}").ToList();
            if (active.Count == 0)
                throw new BpfException(BpfStage.Attach, $"group {request.Group.Name}", BpfErrors.ENOTSUPP, string.Join('\n', skipped));

            var obj = BpfObject.Open(image, request.Group.Name);
            var links = new List<BpfLink>();
            TraceSpec? culprit = null;
            try
            {
                Configure(obj, request, active, choice, alternatives);
                obj.Load();
                foreach (var trace in active)
                {
                    culprit = trace;
                    links.Add(AttachFirstAccepted(obj, request.Group.Name, trace, choice, failures[trace], alternatives, verbose));
                }
                var attached = active.Select(t => new AttachedTrace(t, t.Targets[choice[t]])).ToList();
                return new LoadedGroup(request.Group, obj, links, attached, skipped);
            }
            catch (BpfException e) when (e.Stage == BpfStage.Load && alternatives && active.Any(t => LoadedAlternatives(t, choice[t], true).Skip(1).Any()))
            {
                ParallelRelease.DisposeAll(links);
                obj.Dispose();
                alternatives = false;
            }
            catch (BpfException e)
            {
                ParallelRelease.DisposeAll(links);
                obj.Dispose();
                var failed = e.Stage == BpfStage.Load
                    ? active.FirstOrDefault(t => e.Subject.Contains(t.Targets[choice[t]].Program, StringComparison.Ordinal)) ?? (active.Count == 1 ? active[0] : null)
                    : e.Stage == BpfStage.Attach ? culprit : null;
                if (failed is null)
                    throw;
                var target = failed.Targets[choice[failed]];
                failures[failed].Add($"{target}: {e.Message.Split('\n')[0]}");
                verbose($"{request.Group.Name}: {failed.Name} could not use {target}: {e.Message}");
                choice[failed]++;
            }
        }
    }

    /// <summary>
    /// Attaches the trace's current target, or the next raw tracepoint alternative loaded beside it: the kernel
    /// checks a raw tracepoint's arguments only at attach (tcp_send_reset's reason came in 6.10), and moving on
    /// there costs no second load of the whole object (seconds of verifier time under emulation).
    /// </summary>
    private static BpfLink AttachFirstAccepted(BpfObject obj, string group, TraceSpec trace, Dictionary<TraceSpec, int> choice,
        List<string> failures, bool alternatives, Action<string> verbose)
    {
        while (true)
        {
            var target = trace.Targets[choice[trace]];
            try
            {
                var link = obj.Program(target.Program).Attach(target.Kind, target.Target);
                verbose($"{group}: {trace.Name} attached as {target}");
                return link;
            }
            catch (BpfException e) when (e.Stage == BpfStage.Attach && LoadedAlternatives(trace, choice[trace], alternatives).Skip(1).Any())
            {
                failures.Add($"{target}: {e.Message.Split('\n')[0]}");
                verbose($"{group}: {trace.Name} could not use {target}: {e.Message}; trying the next, already loaded");
                choice[trace]++;
            }
        }
    }

    /// <summary>The targets loaded for a trace from its current one: that one, and the raw tracepoints after it when it is one.</summary>
    private static IEnumerable<AttachTarget> LoadedAlternatives(TraceSpec trace, int from, bool alternatives)
    {
        yield return trace.Targets[from];
        if (!alternatives || trace.Targets[from].Kind != AttachKind.RawTracepoint)
            yield break;
        for (int i = from + 1; i < trace.Targets.Count && trace.Targets[i].Kind == AttachKind.RawTracepoint; i++)
            yield return trace.Targets[i];
    }

    private static void Configure(BpfObject obj, GroupLoadRequest request, List<TraceSpec> active, Dictionary<TraceSpec, int> choice, bool alternatives)
    {
        foreach (var program in obj.Programs)
            program.SetAutoload(false);
        foreach (var trace in active)
        {
            foreach (var target in LoadedAlternatives(trace, choice[trace], alternatives))
            {
                var program = obj.Program(target.Program);
                program.SetAutoload(true);
                if (target.Kind is AttachKind.Fentry or AttachKind.Fexit or AttachKind.TpBtf)
                    program.SetAttachTarget(target.Target);
            }
        }
        RodataVariable.Write(obj, NtConfig.VariableName, new NtConfig
        {
            Filter = request.Filter,
            Owner = request.Group.Owner,
            Stack = request.Stacks ? (byte)1 : (byte)0,
            RateLimit = request.RateLimit,
        });
        foreach (var write in request.Rodata)
            RodataVariable.Write(obj, write.Variable, write.Value);
        if (!request.Stacks)
            obj.Map("nt_stacks").SetMaxEntries(UnusedStackEntries);
    }

    private static byte[] ReadImage(TraceGroup group)
    {
        using var stream = group.OpenBpfObject?.Invoke() ?? throw new PluginException($"trace group {group.Name} ships no BPF object");
        return ObjectImage.Read(stream);
    }

    /// <summary>Detaches every link (handed to a child that outlives us when the kernel is slow to release them), then closes the object.</summary>
    public void Dispose()
    {
        DeferredRelease.DisposeAll(_links);
        _object.Dispose();
    }
}
