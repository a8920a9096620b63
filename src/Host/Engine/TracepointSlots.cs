namespace NetTrace.Host.Engine;

/// <summary>
/// Raw tracepoints give no cookie on older kernels, so the engine has one program per slot, each
/// reading its cookie from .rodata. A tracepoint whose arguments say more than the skb (kfree_skb's
/// location and reason, the qdisc's state) has a program of its own on a fixed slot at the end.
/// </summary>
internal static class TracepointSlots
{
    public const int KfreeSlot = EngineConfig.Slots - 1;

    /// <summary>The programs of their own and their slots (NT_SLOT_* in bpf/engine/engine.h).</summary>
    public static IReadOnlyDictionary<string, int> Dedicated { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [AttachPlanner.KfreeProgram] = KfreeSlot,
        [AttachPlanner.QdiscEnqueueProgram] = EngineConfig.Slots - 2,
        [AttachPlanner.QdiscDequeueProgram] = EngineConfig.Slots - 3,
    };

    /// <summary>The slots the generic programs share: the ones before the dedicated slots.</summary>
    public static int GenericSlots => EngineConfig.Slots - Dedicated.Count;

    public static IReadOnlyList<(PlannedHook Hook, int Slot)> Assign(IEnumerable<PlannedHook> tracepoints, out List<SkippedTrace> unplaced)
    {
        var result = new List<(PlannedHook, int)>();
        unplaced = [];
        int next = 0;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hook in tracepoints)
        {
            if (Dedicated.TryGetValue(hook.Target.Program, out int slot))
            {
                if (!taken.Add(hook.Target.Program))
                    unplaced.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, $"{hook.Target.Program} program already in use")));
                else
                    result.Add((hook, slot));
            }
            else if (next < GenericSlots)
                result.Add((hook, next++));
            else
                unplaced.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, $"all {GenericSlots} tracepoint slots are taken")));
        }
        return result;
    }

    public static string Program(PlannedHook hook, int slot) =>
        Dedicated.TryGetValue(hook.Target.Program, out int own) && own == slot ? hook.Target.Program : $"nt_tp_slot{slot}";
}
