namespace NetTrace.Host.Engine;

/// <summary>
/// Raw tracepoints give no cookie on older kernels, so the engine has one program per slot, each
/// reading its cookie from .rodata. kfree_skb has its own program and the last slot.
/// </summary>
internal static class TracepointSlots
{
    public const int KfreeSlot = EngineConfig.Slots - 1;

    public static IReadOnlyList<(PlannedHook Hook, int Slot)> Assign(IEnumerable<PlannedHook> tracepoints, out List<SkippedTrace> unplaced)
    {
        var result = new List<(PlannedHook, int)>();
        unplaced = [];
        int next = 0;
        bool kfreeTaken = false;
        foreach (var hook in tracepoints)
        {
            if (hook.Target.Program == AttachPlanner.KfreeProgram)
            {
                if (kfreeTaken)
                    unplaced.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, "kfree_skb program already in use")));
                else
                    result.Add((hook, KfreeSlot));
                kfreeTaken = true;
            }
            else if (next < KfreeSlot)
                result.Add((hook, next++));
            else
                unplaced.Add(new SkippedTrace(hook.Trace, new TargetRefusal(hook.Target, $"all {KfreeSlot} tracepoint slots are taken")));
        }
        return result;
    }

    public static string Program(PlannedHook hook, int slot) =>
        slot == KfreeSlot && hook.Target.Program == AttachPlanner.KfreeProgram ? AttachPlanner.KfreeProgram : $"nt_tp_slot{slot}";
}
