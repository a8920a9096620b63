using NetTrace.Abstractions.Rendering;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Incidents;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Session.Recording;
using NetTrace.Host.Sinks;
using NetTrace.Host.Sinks.Metrics;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// The plugin groups' modes (--drop, --sock, --monitor, a plugin's own group): plan the groups and traces the mode
/// needs, fit them to the kernel, load each group's object, add --monitor's packet-path engine, metrics and armed
/// captures, then run the session pipeline over all of them.
/// </summary>
internal sealed class GroupSession(SessionOptions options, TextWriter stdout, TextWriter stderr, Log log)
{
    public int Run(PluginCatalog catalog, KernelBtf? btf, DropReasons reasons, Task<KprobeAvailability> kprobes, CancellationToken cancel)
    {
        // A broken --arm-on rule is a usage error: found before anything is loaded.
        if (options.RttHistogram)
            return RunRtt(catalog, kprobes, cancel);
        var triggers = options.Mode == TraceMode.Monitor && options.Arm is { } arm ? ArmTriggers.Create(arm, catalog, log.Verbose) : null;
        var leftOut = new List<(string Group, string Trace)>();
        var requests = Plan(catalog, kprobes, leftOut, out var notes);
        log.Milestone($"{requests.Count} groups planned");
        // The socket rules mark their lines in every mode: compiled (or loaded from the cache) before anything is loaded.
        // The native executable hands a session with rules over to the JIT build here, so the plan's warnings wait.
        var markers = GroupEventMarkers.Load(catalog, requests.Select(r => r.Group.Name), RuleBook.DefaultCacheDirectory(), log.Verbose);
        log.Milestone("socket rules loaded");
        notes.ForEach(log.Warn);
        // Bound before anything is loaded, so a port in use fails fast.
        using var endpoint = options.MetricsEndpoint is { } at ? MetricsEndpoint.Start(at) : null;
        var metrics = endpoint is null ? null : new MonitorMetrics(endpoint.Registry, catalog.Groups);
        // A trace this kernel cannot serve is a 0 series, so an alert on nettrace_trace_attached == 0 can fire.
        foreach (var (group, trace) in leftOut)
            metrics?.Attached(group, trace, false);
        // Read at the first address an event names: by then our programs are loaded, so their frames can be told
        // apart in stacks, and a session that sees no event never reads it (no work once tracing and idle). The
        // kernel's and modules' symbols come from the boot's snapshot: the first read of a boot leaves it.
        var symbols = new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Load(log.Warn));

        var groups = new List<LoadedGroup>();
        using var ring = new RingBuffer();
        // --monitor's packet path and the groups are separate objects: they load side by side.
        var pathLoad = options.Mode == TraceMode.Monitor ? Task.Run(() => MonitorPathEvents.Load(options, catalog, btf, kprobes, log)) : null;
        try
        {
            groups.AddRange(ParallelLoad.All(requests.Select(r => (Func<LoadedGroup>)(() => LoadedGroup.Load(r, log.Verbose))).ToList()));
            log.Milestone($"{groups.Count} groups loaded and attached");
            foreach (var (group, request) in groups.Zip(requests))
            {
                foreach (string skipped in group.Skipped)
                    log.Warn($"skipped trace {skipped}");
                foreach (var trace in request.Traces)
                    metrics?.Attached(group.Group.Name, trace.Name, group.Attached.Any(a => a.Trace.Name == trace.Name));
            }
            var enums = new KernelEnums(btf?.Reader);
            var shared = new HostRenderContext(symbols, reasons, null, enums);
            var contexts = groups.ToDictionary(g => g.Group.Name, g => (IRenderContext)new HostRenderContext(symbols, reasons, g.Stacks, enums));
            var (tap, pcap) = SessionSinks.OpenTaps(options, stdout, name => contexts.GetValueOrDefault(name) ?? shared);
            using var pcapFile = pcap;
            var loadingPath = pathLoad;
            pathLoad = null; // owned by StartPath from here
            using var path = StartPath(loadingPath, catalog, shared, tap);
            using var armed = triggers is null ? null
                : new ArmedMonitor(IncidentPlan.Make(options, options.Arm!, catalog, btf, kprobes, shared, log), triggers,
                    options.Json ? stderr : stdout);
            foreach (var hook in path?.Attached ?? [])
                metrics?.Attached(hook.Trace.Group.Name, hook.Trace.Name, true);
            log.Milestone("outputs open");
            using var recording = SessionRecorder.Start(options, ring, groups.Select(g => g.Group.Name), path?.Attached ?? []);
            return Poll(groups, path, ring, name => contexts.GetValueOrDefault(name) ?? shared, shared, tap, pcap is not null, metrics, armed, markers, cancel);
        }
        finally
        {
            ParallelLoad.Abandon(pathLoad);
            foreach (var group in groups)
                group.Dispose();
        }
    }

    /// <summary>--monitor's packet path, once loaded, printing with the session's context and taps.</summary>
    private MonitorPathEvents? StartPath(Task<LoadedMonitorPath?>? load, PluginCatalog catalog, IRenderContext context, IEventTap? tap)
    {
        var loaded = load?.GetAwaiter().GetResult();
        if (loaded is null)
            return null;
        try
        {
            return MonitorPathEvents.Start(loaded, catalog, options, stdout, context, tap);
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>--rtt: the group that serves it counts RTT samples in its histogram map, printed each second; no records.</summary>
    private int RunRtt(PluginCatalog catalog, Task<KprobeAvailability> kprobes, CancellationToken cancel)
    {
        var request = Plan(catalog, kprobes, [], out var notes).Single();
        notes.ForEach(log.Warn);
        using var group = LoadedGroup.Load(request, log.Verbose);
        var source = group.Group.Serves.Rtt!;
        // The kprobe target may have been fitted to the kernel's symbol (.isra): the kind says which one runs.
        if (group.Attached.Single().Target.Kind != source.Trace.Targets[0].Kind)
            log.Warn(source.FallbackNote);
        return new HistogramSession(options, stdout, stderr, HistogramStyle.Rtt).Run(group.Map(source.HistogramMap), cancel);
    }

    /// <summary>
    /// The groups and traces the mode needs, fitted to this kernel; <paramref name="leftOut"/> gets what it cannot
    /// serve, <paramref name="notes"/> a warning for each group that lost traces.
    /// </summary>
    private List<GroupLoadRequest> Plan(PluginCatalog catalog, Task<KprobeAvailability> kprobes, List<(string Group, string Trace)> leftOut,
        out List<string> notes)
    {
        var found = new List<string>();
        var requests = SessionPlan.Build(options, catalog, options.NetnsCurrent ? NetnsInode.Current() : null)
            .Select(r => FitToKernel(r, kprobes, found, leftOut)).Where(r => r.Traces.Count > 0).ToList();
        // Nothing to run is one line with the cause; what is left out of a session that runs is a warning each.
        if (requests.Count == 0)
            throw new UsageException(found.Count > 0 ? found[0] : "none of the selected traces can be attached on this kernel (-v says why)");
        notes = found;
        return requests;
    }

    private GroupLoadRequest FitToKernel(GroupLoadRequest request, Task<KprobeAvailability> kprobes, List<string> notes,
        List<(string Group, string Trace)> leftOutTraces)
    {
        var fitted = KernelTargets.Adapt(request, kprobes, log.Verbose, out var leftOut);
        foreach (var (trace, refusals) in leftOut)
        {
            log.Verbose($"left out {request.Group.Name}/{trace}: {TargetRefusal.Describe(refusals)}");
            leftOutTraces.Add((request.Group.Name, trace));
        }
        if (leftOut.Count > 0)
        {
            // The last target tried is the group's fallback: its refusal is why the trace is out.
            string cause = TargetRefusal.MostCommon(leftOut.Select(l => l.Refusals[^1].Cause));
            notes.Add(fitted.Traces.Count == 0
                ? $"none of the {request.Group.Name} traces can be attached on this kernel ({cause}); -v says why"
                : $"tracing {fitted.Traces.Count} of {request.Traces.Count} {request.Group.Name} traces; left out {leftOut.Count} ({cause}); -v lists them");
        }
        else if (fitted.Traces.Count == 0)
        {
            notes.Add($"none of the {request.Group.Name} traces can be attached on this kernel (-v says why)");
        }
        return fitted;
    }

    private int Poll(List<LoadedGroup> groups, MonitorPathEvents? path, RingBuffer ring, Func<string, IRenderContext> contextOf, IRenderContext shared, IEventTap? tap,
        bool raw, MonitorMetrics? metrics, ArmedMonitor? armed, GroupEventMarkers? markers, CancellationToken cancel)
    {
        // --monitor's packet-path engine is an object of its own: its map, decoder and nt_lost join the groups'.
        var decoders = groups.Select(g => g.Group).ToList();
        var maps = groups.Select(g => g.Events).ToList();
        var lostSources = groups.Select(g => (Func<ulong[]>)(() => g.Lost.PerCpu(0))).ToList();
        var heldSources = groups.Select(g => (Func<ulong[]>)(() => g.Lost.PerCpu(NtConfig.RateLimitedKey))).ToList();
        if (path is not null)
        {
            decoders.Add(path.DecoderGroup);
            maps.Add(path.Events);
            lostSources.Add(path.LostPerCpu);
            heldSources.Add(path.RateLimitedPerCpu);
        }
        var mode = new GroupEventsMode(options.Json ? null : SessionSinks.EventWriter(options, stdout, new EventClock(options.Date)), tap, contextOf, options.Count)
        {
            PathPrinter = path?.Printer,
            Markers = markers,
            Printed = (group, ev, context) =>
            {
                metrics?.Record(group, ev, context);
                armed?.Consider(group, ev, context);
            },
            Abnormal = (ev, rules) =>
            {
                metrics?.Finding(ev, rules);
                armed?.ConsiderFinding(ev, rules, shared);
            },
        };
        var pipeline = new SessionPipeline(new RingSource(ring, maps), new EventDispatcher(decoders) { KeepRawPackets = raw }, mode, live: true)
        {
            Lost = new LostRecords(lostSources, log),
            RateLimited = options.RateLimit is null ? null : new LostRecords(heldSources, log),
            Flushes = [stdout.Flush, () => tap?.Flush()],
        };
        pipeline.AfterPoll(() =>
        {
            armed?.Tick();
            metrics?.Lost(pipeline.Lost.Total);
        }, () => armed?.TickTimeoutMs() ?? -1);
        log.Milestone("begin trace");
        SessionSinks.Begin(options, stdout, stderr);
        pipeline.Run(cancel);

        armed?.Dispose();
        stdout.Flush();
        SessionSinks.End(options, stdout, stderr);
        if (armed is not null)
            stderr.WriteLine("nettrace: " + armed.Summary());
        stderr.WriteLine("nettrace: " + pipeline.Summary());
        return 0;
    }
}
