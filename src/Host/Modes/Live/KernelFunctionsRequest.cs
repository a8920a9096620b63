using System.Diagnostics;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// A session's `-t kernel`: the kernel's skb functions added to the catalogue, those ftrace cannot hook set aside (kprobe.multi
/// would refuse them all for one), the attach's progress when functions attach one at a time, and the line that says how
/// many attached and how long it took.
/// </summary>
internal sealed class KernelFunctionsRequest
{
    private readonly int _found;
    private readonly int _denied;
    private readonly Stopwatch _started = Stopwatch.StartNew();
    private int _notHookable;
    private int _overLimit;
    private long _lastProgress;

    private KernelFunctionsRequest(int found, int denied)
    {
        _found = found;
        _denied = denied;
    }

    /// <summary>The catalogue with the kernel's functions when the trace names ask for them (<paramref name="request"/> set), else as it is.</summary>
    public static TraceCatalog Extend(TraceCatalog catalog, IReadOnlyList<string> traces, KernelBtf? btf, Log log, out KernelFunctionsRequest? request)
    {
        request = null;
        if (!KernelFunctionTraces.Requested(traces))
            return catalog;
        if (btf is null)
            throw new UsageException("-t kernel finds the kernel's skb functions in its BTF, and this kernel has none (CONFIG_DEBUG_INFO_BTF)");
        var functions = btf.SkbFunctions(AttachPlanner.MaxSkbArg + 1);
        var group = KernelFunctionTraces.Group(functions, catalog, out int denied);
        log.Milestone($"-t kernel: {functions.Count} functions take an skb in their first {AttachPlanner.MaxSkbArg + 1} arguments (BTF); " +
                    $"{group.Traces.Count} beyond the catalogue, {denied} denied");
        request = new KernelFunctionsRequest(functions.Count, denied);
        return catalog.With(group);
    }

    public const string NotHookable = "ftrace cannot hook it (not in available_filter_functions)";

    // Files the session holds besides its kprobes: objects, maps, programs, the catalogue's links, the ring buffer.
    private const int FilesReserved = 512;

    /// <summary>
    /// Sets aside the kernel's functions ftrace cannot hook (when its list is readable) and, where they attach one kprobe
    /// each, those beyond the open-file limit (raised to its hard value first); the catalogue's are left as they are.
    /// </summary>
    public KernelHooks Restrict(KernelHooks kernel, TraceCatalog catalog, Log log)
    {
        var found = catalog.Traces.Where(t => t.Group.Name == KernelFunctionTraces.Name && kernel.Functions.ContainsKey(t.Name)).ToList();
        var aside = new Dictionary<string, string>(StringComparer.Ordinal);
        if (FtraceFunctions.Read(out string? failure) is { } hookable)
        {
            foreach (var trace in found.Where(t => !hookable.Contains(kernel.Functions[t.Name].Symbol)))
                aside[trace.Name] = NotHookable;
        }
        else
        {
            log.Verbose($"-t kernel: {failure}; every function kallsyms has is tried");
        }
        _notHookable = aside.Count;
        if (kernel.Kprobes && !kernel.KprobeMulti && OpenFileLimit.RaiseToHard() is { } limit)
        {
            // Two files per kprobe (its perf event and its link).
            int room = (int)Math.Min(int.MaxValue, Math.Max(0, ((long)limit - FilesReserved) / 2));
            var beyond = found.Where(t => !aside.ContainsKey(t.Name)).Skip(room).ToList();
            string why = $"beyond the open-file limit ({limit}): one kprobe each holds two files; raise `ulimit -Hn`";
            foreach (var trace in beyond)
                aside[trace.Name] = why;
            _overLimit = beyond.Count;
            log.Verbose($"-t kernel: open-file limit {limit}: room for {room} kprobes of the kernel's functions");
        }
        return aside.Count == 0 ? kernel : kernel with { SetAside = aside };
    }

    /// <summary>For <see cref="TracerSettings.AttachProgress"/>: a line on stderr at most twice a second while kprobes attach one at a time.</summary>
    public Action<int, int> Progress(TextWriter stderr) => (done, total) =>
    {
        long now = _started.ElapsedMilliseconds;
        long last = Interlocked.Read(ref _lastProgress);
        if ((now - last < 500 && done < total) || Interlocked.CompareExchange(ref _lastProgress, now, last) != last)
            return;
        lock (stderr)
            stderr.WriteLine($"nettrace: -t kernel: attaching functions one at a time (no kprobe.multi): {done} of {total}");
    };

    /// <summary>The count and the time, always said: attaching a thousand functions is the session's main cost.</summary>
    public void Report(SkbTracer tracer, TextWriter stderr)
    {
        int kernel = tracer.Attached.Count(h => h.Trace.Group.Name == KernelFunctionTraces.Name);
        int catalogue = tracer.Attached.Count - kernel;
        string how = tracer.UsedMulti ? $"kprobe.multi, {tracer.LinkCount} links" : $"{tracer.LinkCount} links";
        stderr.WriteLine($"nettrace: -t kernel: {tracer.Attached.Count} functions and tracepoints attached ({catalogue} of the catalogue, " +
                         $"{kernel} more of the kernel's {_found} skb functions) in {_started.Elapsed.TotalSeconds:0.00} s ({how}); " +
                         $"left out: {_notHookable} ftrace cannot hook, {_denied} denied" +
                         (_overLimit > 0 ? $", {_overLimit} beyond the open-file limit" : ""));
    }
}
