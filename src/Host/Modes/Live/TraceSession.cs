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
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Session.Recording;
using NetTrace.Host.Sinks.Json;
using NetTrace.Host.Sinks.Metrics;
using NetTrace.Host.Sinks.Pcap;
using NetTrace.Host.Sinks.Text;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// A tracing run: plan (mode → groups and traces), load and attach, poll the ring buffers until
/// Ctrl-C, SIGTERM or --count, then report what was seen and lost and release every BPF object.
/// </summary>
internal sealed class TraceSession(SessionOptions options, StartupPrefetch prefetch, TextWriter stdout, TextWriter stderr)
{
    private readonly Log _log = new(stderr, options.Verbosity >= LogLevel.Verbose, options.Verbosity >= LogLevel.Debug);

    /// <summary>
    /// Events go through a large buffer flushed once per poll batch: Console.Out flushes every
    /// line, which costs a write(2) per event and caps the event rate.
    /// </summary>
    public static Task<int> RunAsync(SessionOptions options, StartupPrefetch prefetch, CancellationToken cancel) =>
        WithOutput(options, stdout => new TraceSession(options, prefetch, stdout, Console.Error).Run(cancel));

    /// <summary>Runs <paramref name="body"/> on a worker thread with the buffered stdout (or --output file) it writes to.</summary>
    public static Task<int> WithOutput(SessionOptions options, Func<TextWriter, int> body) =>
        Task.Run(() =>
        {
            using var stdout = new StreamWriter(OpenOutput(options.OutputPath), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
            try
            {
                return body(stdout);
            }
            finally
            {
                stdout.Flush();
            }
        }, CancellationToken.None);

    /// <summary>stdout, or the --output file (created or truncated).</summary>
    public static Stream OpenOutput(string? path)
    {
        if (path is null)
            return Console.OpenStandardOutput();
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output {path}: {e.Message}");
        }
    }

    /// <summary>"begin trace..." goes to stderr under --json, so stdout carries nothing but JSON lines.</summary>
    public static void Begin(SessionOptions options, TextWriter stdout, TextWriter stderr)
    {
        var to = options.Json ? stderr : stdout;
        to.WriteLine("begin trace...");
        to.Flush();
    }

    /// <summary>The --json and --pcap sinks this session asked for, or null.</summary>
    public static (IEventTap? Tap, PcapngWriter? Pcap) OpenTaps(SessionOptions options, TextWriter stdout, Func<string, IRenderContext> contextOf,
        EventClock? clock = null)
    {
        PcapngWriter? pcap = null;
        if (options.PcapPath is { } path)
        {
            try
            {
                pcap = PcapngWriter.Create(path, contextOf);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--pcap {path}: {e.Message}");
            }
        }
        return (EventTaps.Of(options.Json ? new JsonLines(stdout, clock ?? new EventClock(options.Date), contextOf) : null, pcap), pcap);
    }

    /// <summary>
    /// The text writer of the plugin-group modes. --monitor mixes groups: the seed names the kernel point of a drop
    /// line there ("[kfree_skb           ]").
    /// </summary>
    public static TextEventWriter EventWriter(SessionOptions options, TextWriter stdout, EventClock clock) =>
        new(stdout, clock, options.Detail, options.Mode == TraceMode.Monitor ? (group => group.MonitorPoint) : null);

    public int Run(CancellationToken cancel)
    {
        LibBpfLog.Route(_log.IsVerbose ? stderr.WriteLine : null, _log.IsDebug ? LibBpfLog.Level.Debug : LibBpfLog.Level.Info);
        _log.Milestone("session starts");
        // Begun at process start (StartupPrefetch): plugins, the kernel's BTF and the kprobe check.
        var catalog = PluginDiscovery.Discover(options.PluginDirs, _log.Verbose, prefetch.BuiltInPlugins(options.UnsafePlugins), _log.Warn, options.UnsafePlugins);
        _log.Milestone($"{catalog.Groups.Count} trace groups discovered");
        using var btf = prefetch.KernelBtf(out string? btfFailure);
        if (btf is null)
            _log.Verbose($"kernel BTF unavailable: {btfFailure}");
        var kprobes = prefetch.Kprobes();
        _log.Milestone("kernel BTF read");
        if (TraceTree.IsRequested(options))
            return new TraceTree(options, stdout, _log).Print(catalog, btf, kprobes);
        HostRequirements.Check(btf, btfFailure);
        var reasons = DropReasons.Load(btf?.Reader);
        if ((options.Mode is TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose) && !SessionPlan.NamesOwnGroups(options, catalog))
            return new PacketPathSession(options, stdout, stderr, _log).Run(catalog, btf, reasons, kprobes, cancel);

        // A broken --arm-on rule is a usage error: found before anything is loaded.
        var triggers = options.Mode == TraceMode.Monitor && options.Arm is { } arm ? ArmTriggers.Create(arm, catalog, _log.Verbose) : null;
        var notes = new List<string>();
        var leftOut = new List<(string Group, string Trace)>();
        var requests = SessionPlan.Build(options, catalog, options.NetnsCurrent ? NetnsInode.Current() : null)
            .Select(r => FitToKernel(r, kprobes, notes, leftOut)).Where(r => r.Traces.Count > 0).ToList();
        // Nothing to run is one line with the cause; what is left out of a session that runs is a warning each.
        if (requests.Count == 0)
            throw new UsageException(notes.Count > 0 ? notes[0] : "none of the selected traces can be attached on this kernel (-v says why)");
        notes.ForEach(_log.Warn);
        // Bound before anything is loaded, so a port in use fails fast.
        using var endpoint = options.MetricsEndpoint is { } at ? MetricsEndpoint.Start(at) : null;
        var metrics = endpoint is null ? null : new MonitorMetrics(endpoint.Registry, catalog.Groups);
        // A trace this kernel cannot serve is a 0 series, so an alert on nettrace_trace_attached == 0 can fire.
        foreach (var (group, trace) in leftOut)
            metrics?.Attached(group, trace, false);
        var symbols = new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Load());
        Task? warmSymbols = null;

        var groups = new List<LoadedGroup>();
        using var ring = new RingBuffer();
        try
        {
            foreach (var request in requests)
            {
                var group = LoadedGroup.Load(request, _log.Verbose);
                groups.Add(group);
                foreach (string skipped in group.Skipped)
                    _log.Warn($"skipped trace {skipped}");
                foreach (var trace in request.Traces)
                    metrics?.Attached(group.Group.Name, trace.Name, group.Attached.Any(a => a.Trace.Name == trace.Name));
            }
            var enums = new KernelEnums(btf?.Reader);
            var shared = new HostRenderContext(symbols, reasons, null, enums);
            var contexts = groups.ToDictionary(g => g.Group.Name, g => (IRenderContext)new HostRenderContext(symbols, reasons, g.Stacks, enums));
            var (tap, pcap) = OpenTaps(options, stdout, name => contexts.GetValueOrDefault(name) ?? shared);
            using var pcapFile = pcap;
            using var path = options.Mode == TraceMode.Monitor
                ? MonitorPathEvents.Start(options, catalog, btf, kprobes, _log, stdout, shared, tap)
                : null;
            using var armed = triggers is null ? null
                : new ArmedMonitor(IncidentPlan.Make(options, options.Arm!, catalog, btf, kprobes, shared, _log), triggers,
                    options.Json ? stderr : stdout);
            foreach (var hook in path?.Attached ?? [])
                metrics?.Attached(hook.Trace.Group.Name, hook.Trace.Name, true);
            using var recording = SessionRecorder.Start(options, ring, groups.Select(g => g.Group.Name), path?.Attached ?? []);
            // Read kallsyms once our programs are loaded, so their frames can be told apart in stacks.
            warmSymbols = Task.Run(() => symbols.Value);
            return Poll(groups, path, ring, name => contexts.GetValueOrDefault(name) ?? shared, shared, tap, pcap is not null, metrics, armed, cancel);
        }
        finally
        {
            foreach (var group in groups)
                group.Dispose();
            warmSymbols?.Wait(CancellationToken.None);
        }
    }

    private GroupLoadRequest FitToKernel(GroupLoadRequest request, Task<KprobeAvailability> kprobes, List<string> notes,
        List<(string Group, string Trace)> leftOutTraces)
    {
        var fitted = KernelTargets.Adapt(request, kprobes, _log.Verbose, out var leftOut);
        foreach (var (trace, refusals) in leftOut)
        {
            _log.Verbose($"left out {request.Group.Name}/{trace}: {TargetRefusal.Describe(refusals)}");
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
        bool raw, MonitorMetrics? metrics, ArmedMonitor? armed, CancellationToken cancel)
    {
        // --monitor's packet-path engine is an object of its own: its map, decoder and nt_lost join the groups'.
        var decoders = groups.Select(g => g.Group).ToList();
        var maps = groups.Select(g => g.Events).ToList();
        var lostSources = groups.Select(g => (Func<ulong[]>)(() => g.Lost.PerCpu(0))).ToList();
        if (path is not null)
        {
            decoders.Add(path.DecoderGroup);
            maps.Add(path.Events);
            lostSources.Add(path.LostPerCpu);
        }
        var mode = new GroupEventsMode(options.Json ? null : EventWriter(options, stdout, new EventClock(options.Date)), tap, contextOf, options.Count)
        {
            PathPrinter = path?.Printer,
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
            Lost = new LostRecords(lostSources, _log),
            Flushes = [stdout.Flush, () => tap?.Flush()],
        };
        pipeline.AfterPoll(() =>
        {
            armed?.Tick();
            metrics?.Lost(pipeline.Lost.Total);
        });
        Begin(options, stdout, stderr);
        pipeline.Run(cancel);

        armed?.Dispose();
        stdout.Flush();
        if (armed is not null)
            stderr.WriteLine("nettrace: " + armed.Summary());
        stderr.WriteLine("nettrace: " + pipeline.Summary());
        return 0;
    }
}
