using NetTrace.Bpf;

namespace NetTrace.Host.Engine;

/// <summary>
/// The BPF objects of groups whose traces have their own entry programs (netfilter reads the hook,
/// table and chain). Each object's hand-off slot and worker arrays are made the engine's own before
/// load, so its entry programs tail-call the engine's workers and their hits join the same lifecycles.
/// </summary>
internal sealed class PluginEntries : IDisposable
{
    /// <summary>
    /// The maps a plugin entry object shares with the engine, by name: the hand-off slots and the nesting depth
    /// (an entry takes a level the engine's worker releases), the worker arrays, the lost count its refusals feed, and the
    /// frames a link-layer filter expression is rebuilt in.
    /// </summary>
    internal static readonly string[] SharedMaps = ["nt_handoffs", "nt_nest", "nt_lost", "nt_kp_workers", "nt_kpm_workers", "nt_tp_workers", "nt_frames", EntryGate.MapName];

    /// <summary>
    /// What a plugin's fexit programs (--monitor on trampolines) share besides: they send their records themselves,
    /// into the engine's ring, built in its scratch buffers, judged by its return rules.
    /// </summary>
    internal static readonly string[] FexitSharedMaps = ["nt_events", "nt_scratch", "nt_ret_rules", "nt_stacks", "nt_rate"];

    /// <summary>The suffix of an entry program's kprobe.multi twin.</summary>
    public const string MultiSuffix = "_m";

    private readonly List<BpfObject> _objects = [];
    private readonly List<IEnumerable<PlannedHook>> _groups = [];
    private IReadOnlyList<PlannedHook> _fexits = [];
    private bool _multi;
    private Task _loads = Task.CompletedTask;

    /// <summary>
    /// Opens each group's object and begins loading them all, side by side and beside the caller, which attaches the
    /// engine's own hooks meanwhile: each object waits only for the engine's maps, never for another group's.
    /// <see cref="Attach"/> waits for the loads and attaches <paramref name="hooks"/> by their kprobe entry programs,
    /// <paramref name="fexits"/> by their fexit flavours, whose records are filtered and stamped by
    /// <paramref name="config"/> as the engine's are.
    /// </summary>
    public static PluginEntries Begin(BpfObject engine, IReadOnlyList<PlannedHook> hooks, IReadOnlyList<PlannedHook> fexits, Config.NtConfig config,
        bool multi, Action<string> verbose)
    {
        var entries = new PluginEntries { _fexits = fexits, _multi = multi };
        try
        {
            var loads = new List<Action>();
            foreach (var group in hooks.Concat(fexits).GroupBy(h => h.Trace.Group))
            {
                var obj = Open(group.Key.Name, group.Key.OpenBpfObject!);
                entries._objects.Add(obj);
                entries._groups.Add(group);
                var onTrampoline = group.Where(fexits.Contains).ToList();
                var wanted = group.Select(h => onTrampoline.Contains(h) ? h.Target.ReturnProgram! : ProgramName(h, multi)).ToHashSet(StringComparer.Ordinal);
                foreach (var program in obj.Programs)
                    program.SetAutoload(wanted.Contains(program.Name));
                foreach (var hook in onTrampoline)
                    obj.Program(hook.Target.ReturnProgram!).SetAttachTarget(hook.Point);
                foreach (string name in onTrampoline.Count > 0 ? SharedMaps.Concat(FexitSharedMaps) : SharedMaps)
                    obj.TryMap(name)?.ReuseFd(engine.Map(name));
                // Entries that filter before their hand-off (the gate), and fexit programs, apply the engine's filter.
                if (onTrampoline.Count > 0 || obj.TryMap(EntryGate.MapName) is not null)
                    RodataVariable.Write(obj, Config.NtConfig.VariableName, config);
                string groupName = group.Key.Name;
                loads.Add(() =>
                {
                    obj.Load();
                    verbose($"group {groupName}: entry object loaded ({wanted.Count} programs)");
                });
            }
            if (loads.Count > 0)
                entries._loads = Task.Run(() => ParallelLoad.Each(loads));
            return entries;
        }
        catch
        {
            entries.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the loads <see cref="Begin"/> started and attaches every group's hooks, in group order; refused hooks go to <paramref name="failed"/>.</summary>
    public void Attach(List<BpfLink> links, List<PlannedHook> attached, List<SkippedTrace> failed)
    {
        _loads.GetAwaiter().GetResult();
        for (int i = 0; i < _groups.Count; i++)
        {
            foreach (var hook in _groups[i])
            {
                if (_fexits.Contains(hook))
                    AttachFexit(_objects[i], hook, links, attached, failed);
                else
                    Attach(_objects[i], hook, _multi, links, attached, failed);
            }
        }
    }

    private static void AttachFexit(BpfObject obj, PlannedHook hook, List<BpfLink> links, List<PlannedHook> attached, List<SkippedTrace> failed)
    {
        try
        {
            links.Add(obj.Program(hook.Target.ReturnProgram!).AttachTrace(Abstractions.Plugins.AttachKind.Fexit, hook.Point, hook.Cookie));
            attached.Add(hook with { OnTrampoline = true });
        }
        catch (BpfException e)
        {
            failed.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, $"fexit: {e.Message.Split('\n')[0]}")));
        }
    }

    private static BpfObject Open(string group, Func<Stream> open)
    {
        using var stream = open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return BpfObject.Open(copy.ToArray(), "nt_" + group);
    }

    private static string ProgramName(PlannedHook hook, bool multi) => hook.Target.Program + (multi ? MultiSuffix : "");

    private static void Attach(BpfObject obj, PlannedHook hook, bool multi, List<BpfLink> links, List<PlannedHook> attached, List<SkippedTrace> failed)
    {
        var program = obj.Program(ProgramName(hook, multi));
        try
        {
            links.Add(multi
                ? program.AttachKprobeMulti([hook.Address], [hook.Cookie], retprobe: false)
                : program.AttachKprobe(hook.Point, retprobe: false, hook.Cookie, hook.Address));
            attached.Add(hook);
        }
        catch (BpfException e)
        {
            failed.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, e.Message.Split('\n')[0])));
        }
    }

    public void Dispose()
    {
        // An object must not be closed while another thread loads it; a failed load has said why already.
        try
        {
            _loads.Wait();
        }
        catch (AggregateException)
        {
        }
        foreach (var obj in _objects)
            obj.Dispose();
        _objects.Clear();
    }
}
