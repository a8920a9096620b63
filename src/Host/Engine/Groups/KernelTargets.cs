using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Kernel;

namespace NetTrace.Host.Engine.Groups;

/// <summary>
/// Fits a mode-only group's kprobe targets to the running kernel before anything is loaded: without kprobe
/// support they are dropped (a tracepoint fallback, if any, takes over), a function the kernel lacks is
/// dropped, and a present one is attached under its real symbol (e.g. "tcp_ack_update_rtt.isra.0").
/// Doing it up front spares the loader one failed attach and reload per missing function.
/// </summary>
internal static class KernelTargets
{
    /// <param name="leftOut">Each trace with no usable target left, with every target's refusal.</param>
    public static GroupLoadRequest Adapt(GroupLoadRequest request, Task<KprobeAvailability> kprobes,
        Action<string> verbose, out List<(string Trace, IReadOnlyList<TargetRefusal> Refusals)> leftOut)
    {
        leftOut = [];
        var names = request.Traces.SelectMany(t => t.Targets).Where(t => t.Kind == AttachKind.Kprobe)
            .Select(t => t.Target).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
            return request;
        var (available, _, reason) = KprobeSupport.Result(kprobes);
        var functions = available ? FunctionCache.Resolve(names, verbose) : new Dictionary<string, KernelFunction>();

        var kept = new List<TraceSpec>();
        foreach (var trace in request.Traces)
        {
            var targets = new List<AttachTarget>();
            var why = new List<TargetRefusal>();
            foreach (var target in trace.Targets)
            {
                if (target.Kind != AttachKind.Kprobe)
                    targets.Add(target);
                else if (!available)
                    why.Add(new TargetRefusal(target, reason));
                else if (functions.TryGetValue(target.Target, out var function))
                    targets.Add(target with { Target = function.Symbol });
                else
                    why.Add(new TargetRefusal(target, "not in this kernel"));
            }
            if (targets.Count > 0)
                kept.Add(trace with { Targets = targets });
            else
                leftOut.Add((trace.Name, why));
        }
        return request with { Traces = kept };
    }
}
