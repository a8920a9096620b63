using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine;

/// <summary>
/// Chooses, for each selected trace, the first of its targets this kernel can serve: a kernel
/// function through a kprobe (with a kretprobe when the return value is wanted), else a raw
/// tracepoint; else the trace is skipped with every reason. Pure: tested against fake kernels.
/// </summary>
internal static class AttachPlanner
{
    public const int MaxSkbArg = 4;
    public const string KfreeProgram = "nt_tp_kfree";
    public const string QdiscEnqueueProgram = "nt_tp_qdisc_enqueue";
    public const string QdiscDequeueProgram = "nt_tp_qdisc_dequeue";

    public static AttachPlan Plan(TraceSelection selection, KernelHooks kernel, bool showReturn)
    {
        var hooks = new List<PlannedHook>();
        var skipped = new List<SkippedTrace>();
        foreach (var trace in selection.Traces)
        {
            var refusals = new List<TargetRefusal>();
            bool absent = true;
            PlannedHook? hook = null;
            foreach (var target in trace.Spec.Targets)
            {
                hook = TryTarget(trace, target, selection, kernel, showReturn, out string? reason, out bool missing);
                if (hook is not null)
                    break;
                refusals.Add(new TargetRefusal(target, reason!));
                absent &= missing;
            }
            if (hook is not null)
                hooks.Add(hook);
            else
                skipped.Add(new SkippedTrace(trace, refusals) { Absent = absent });
        }
        return new AttachPlan(hooks, skipped);
    }

    private static PlannedHook? TryTarget(CatalogTrace trace, AttachTarget target, TraceSelection selection, KernelHooks kernel,
        bool showReturn, out string? reason, out bool missing)
    {
        missing = false;
        reason = null;
        ulong cookie = Cookie(trace, selection);
        switch (target.Kind)
        {
            case AttachKind.Kprobe:
                if (target.IsGeneric && trace.Spec.SkbArg is < 0 or > MaxSkbArg)
                    return Fail(out reason, $"skb argument {trace.Spec.SkbArg} is beyond what the generic tracer reads (0-{MaxSkbArg})");
                if (!target.IsGeneric && trace.Group.OpenBpfObject is null)
                    return Fail(out reason, $"program {target.Program} named but group {trace.Group.Name} ships no BPF object");
                if (!target.Fits(kernel.Release))
                    return Fail(out reason, $"not for kernel {kernel.Release} (fits {Range(target)})");
                if (!kernel.Functions.TryGetValue(target.Target, out var function))
                {
                    missing = true;
                    return Fail(out reason, "not in this kernel");
                }
                if (kernel.SetAside.TryGetValue(target.Target, out string? aside))
                {
                    missing = true;
                    return Fail(out reason, aside);
                }
                if (!kernel.Kprobes)
                    return Fail(out reason, kernel.KprobeFailure);
                bool follows = trace.Spec.Role == TraceRole.Clone && !selection.NoClone;
                bool withReturn = follows || (showReturn && trace.Spec.NeedsReturn);
                if (withReturn)
                    cookie |= (ulong)(follows ? EngineCookie.Clone : EngineCookie.Return);
                // The generic entry passes argument 0 along when it is the socket: an skb without headers takes its flow.
                if (target.IsGeneric && trace.Spec.SockArg == 0 && trace.Spec.SkbArg > 0)
                    cookie |= (ulong)EngineCookie.SockArg0;
                if (target.IsGeneric && trace.Spec.StartsByItsSocket)
                    cookie |= (ulong)EngineCookie.SockStart;
                return new PlannedHook(trace, target, function.Symbol, function.Address, cookie, withReturn);
            case AttachKind.RawTracepoint when target.IsGeneric || TracepointSlots.Dedicated.ContainsKey(target.Program):
                // The shared slot programs read args[0]; a tracepoint with its skb elsewhere needs a program of its own.
                if (target.IsGeneric && (trace.Spec.SkbArg != 0 || trace.Spec.SkbByPointer))
                    return Fail(out reason, $"the generic tracepoint programs read the skb from argument 0, not {trace.Spec.SkbArg}");
                if (!kernel.TracepointExists(target.Target))
                {
                    missing = true;
                    return Fail(out reason, "no such tracepoint in this kernel");
                }
                return new PlannedHook(trace, target, target.Target, 0, cookie, false);
            default:
                return Fail(out reason, "not a target of the generic skb tracer");
        }
    }

    private static string Range(AttachTarget target) =>
        target.Before is null ? $"{target.Since}+" : target.Since is null ? $"before {target.Before}" : $"{target.Since} to before {target.Before}";

    private static ulong Cookie(CatalogTrace trace, TraceSelection selection)
    {
        var cookie = (EngineCookie)trace.Id;
        if (selection.Stacked.Contains(trace))
            cookie |= EngineCookie.Stack;
        if (trace.Spec.Role == TraceRole.Free)
            cookie |= EngineCookie.Free;
        else if (selection.Frees.Contains(trace))
            cookie |= EngineCookie.Free | EngineCookie.Ends; // --trace-free: the user's end, which --latency measures to
        if (selection.NoStart.Contains(trace))
            cookie |= EngineCookie.NoStart;
        if (trace.Spec.SkbByPointer)
            cookie |= EngineCookie.SkbPointer;
        return (ulong)cookie;
    }

    private static PlannedHook? Fail(out string? reason, string why)
    {
        reason = why;
        return null;
    }
}
