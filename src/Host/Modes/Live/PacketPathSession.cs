using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Session.Recording;
using NetTrace.Host.Sinks;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// The default (lifecycle) and --basic modes: plan the selected traces against this kernel, load
/// the generic skb tracer, and print hits as lifecycles or one by one until stopped.
/// </summary>
internal sealed class PacketPathSession(SessionOptions options, TextWriter stdout, TextWriter stderr, Log log)
{
    public int Run(PluginCatalog plugins, KernelBtf? btf, DropReasons reasons, Task<KprobeAvailability> kprobes, CancellationToken cancel)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var catalog = KernelFunctionsRequest.Extend(TraceCatalog.From(plugins), options.Traces, btf, log, out var kernelFunctions);
        catalog = BpfProgramsRequest.Extend(catalog, options.BpfProgs, log, out var bpfProgs);
        var rules = options.Mode == TraceMode.Diagnose ? LoadRules(plugins) : null;
        // --func-stats counts calls: a clone's return probe would only add cost.
        // --latency measures one skb (upstream leaves skb_clone out too).
        var control = options.FuncStats || options.Latency ? options.TraceControl with { NoClone = true } : options.TraceControl;
        var selection = TraceSelection.From(options.Traces, options.TraceStack, catalog, rules?.WatchedTraces, control);
        var kernel = KernelHooksDiscovery.Discover(catalog.Traces, btf?.Reader, kprobes, log.Milestone);
        if (kernelFunctions is not null)
            kernel = kernelFunctions.Restrict(kernel, catalog, log);
        log.Milestone("kernel functions resolved, kprobes checked");
        // Rules read return values, so --diag captures them whether or not --ret shows them.
        var plan = AttachPlanner.Plan(selection, kernel, options.ShowReturn || rules is not null);
        var filter = FilterBuilder.Build(options, options.NetnsCurrent ? NetnsInode.Current() : null);
        // --tiny-show is --pkt-fixed in the kernel (no packet after the first hit) with shorter lines.
        var settings = new TracerSettings(filter, options.Mode != TraceMode.Basic && !options.FuncStats, options.PacketFixed || options.TinyShow, kernel.KprobeMulti)
        {
            FuncStats = !options.FuncStats ? FuncStatsMode.Off : options.HasPacketFilter ? FuncStatsMode.Filtered : FuncStatsMode.Unfiltered,
            RateLimit = options.RateLimit ?? 0,
            Latency = !options.Latency ? LatencyMode.Off : options.LatencySummary ? LatencyMode.Summary : LatencyMode.Events,
            LatencyFree = options.LatencyFree,
            LatencyMinNs = options.Latency ? options.MinLatencyNs ?? 0 : 0,
            AttachProgress = kernelFunctions?.Progress(stderr),
            WatchedPrograms = bpfProgs?.Watched ?? [],
        };

        var loading = System.Diagnostics.Stopwatch.StartNew();
        using var tracer = SkbTracer.Load(plan, settings, log.Milestone);
        loading.Stop();
        log.Milestone("skb tracer loaded and attached");
        kernelFunctions?.Report(tracer, stderr);
        bpfProgs?.Report(tracer, stderr);
        var left = plan.Skipped.Concat(tracer.Failed).ToList();
        ReportLeftOut(selection, tracer, left);
        // The BPF objects' load (libbpf, the verifier) and attach: what the kernel needs, apart from nettrace's own start.
        log.Verbose($"{tracer.Attached.Count} traces attached through {tracer.LinkCount} links in {started.ElapsedMilliseconds} ms" +
                    (tracer.UsedMulti ? " (kprobe.multi)" : "") + $", {loading.ElapsedMilliseconds} ms of it loading and attaching the BPF objects");
        if (tracer.Attached.Count == 0)
            throw new UsageException("none of the selected traces can be attached on this kernel (-v says why)");
        if (options.FuncStats)
            return new FuncStatsSession(options, stdout, stderr).Run(tracer, cancel);
        if (options.LatencySummary)
            return new HistogramSession(options, stdout, stderr, HistogramStyle.Latency).Run(tracer.LatencyHistogram, cancel);

        var symbols = new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Load(log.Warn));
        var context = new HostRenderContext(symbols, reasons, tracer.Stacks);
        var clock = new EventClock(options.Date);
        var diagnoser = rules is null ? null : Diagnoser.For(options, rules, context, plugins);
        var (tap, pcap) = SessionSinks.OpenTaps(options, stdout, _ => context);
        using var pcapFile = pcap;
        var sink = SkbSink.For(options, tracer.Attached, stdout, clock, context, diagnoser, tap);
        return Poll(tracer, sink, tap, pcap is not null, cancel);
    }

    private RuleBook LoadRules(PluginCatalog plugins)
    {
        var rules = RuleBook.Load(plugins, options, RuleBook.DefaultCacheDirectory(), log.Verbose);
        log.Milestone($"{rules.Count} rules {(rules.FromCache ? "loaded from the cache" : "compiled")}");
        return rules;
    }

    private int Poll(SkbTracer tracer, SkbSink sink, IEventTap? tap, bool raw, CancellationToken cancel)
    {
        var dispatcher = new EventDispatcher([new SkbEventDecoder(tracer.Attached).AsGroup()]) { KeepRawPackets = raw };
        using var ring = new RingBuffer();
        using var recording = SessionRecorder.Start(options, ring, [], tracer.Attached);
        ISessionMode mode = options.Latency
            ? new LatencyEventsMode(stdout, new EventClock(options.Date), options.Count, options.Json ? tap : null)
            : new PacketPathMode(sink, options.Mode == TraceMode.Basic);
        var pipeline = new SessionPipeline(new RingSource(ring, [tracer.Events]), dispatcher, mode, live: true)
        {
            Lost = new LostRecords(() => tracer.Lost.PerCpu(0), log),
            RateLimited = options.RateLimit is null ? null : new LostRecords(() => tracer.Lost.PerCpu(NtConfig.RateLimitedKey), log),
            Flushes = [stdout.Flush, () => tap?.Flush()],
        };
        log.Milestone("begin trace");
        SessionSinks.Begin(options, stdout, stderr);
        pipeline.Run(cancel);
        SessionSinks.End(options, stdout, stderr, alreadySaid: sink.DiagnosisFinished);
        stderr.WriteLine("nettrace: " + pipeline.Summary());
        return 0;
    }

    /// <summary>
    /// One line for what could not be traced (absent functions apart, which are normal: modules not
    /// loaded); -v lists each trace with its reasons.
    /// </summary>
    private void ReportLeftOut(TraceSelection selection, SkbTracer tracer, List<SkippedTrace> left)
    {
        foreach (var skipped in left)
            log.Verbose($"left out {skipped.Trace.Group.Name}/{skipped.Trace.Name}: {skipped.Reason}");
        // --bpf-progs said its own line.
        left = [.. left.Where(s => !BpfProgramsRequest.Owns(s))];
        var refused = left.Where(s => !s.Absent).ToList();
        int absent = left.Count - refused.Count;
        if (refused.Count == 0)
        {
            if (absent > 0)
                log.Verbose($"{absent} traces are not in this kernel");
            return;
        }
        string why = TargetRefusal.MostCommon(refused.Select(s => s.Cause));
        log.Warn($"tracing {tracer.Attached.Count} of {selection.Traces.Count} traces; left out {refused.Count} ({why})" +
                 (absent > 0 ? $" and {absent} not in this kernel" : "") + "; -v lists them");
    }
}
