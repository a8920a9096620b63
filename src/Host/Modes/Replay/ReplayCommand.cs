using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Session.Recording;
using NetTrace.Host.Sinks;

namespace NetTrace.Host.Modes.Replay;

/// <summary>
/// `nettrace replay`: decodes a recording again with today's plugins and rules, as the live session would have
/// printed it, with other filters, --diag, --json or --pcap if asked. Needs no privileges and no BPF.
/// </summary>
internal sealed class ReplayCommand(ReplayRequest request, StartupPrefetch prefetch, TextWriter stdout, TextWriter stderr)
{
    private readonly SessionOptions _options = request.Options;
    private readonly Log _log = new(stderr, request.Options.Verbosity >= LogLevel.Verbose, request.Options.Verbosity >= LogLevel.Debug);

    public int Run(CancellationToken cancel)
    {
        var catalog = PluginDiscovery.Discover(_options.PluginDirs, _log.Verbose, prefetch.BuiltInPlugins(_options.UnsafePlugins), _log.Warn, _options.UnsafePlugins);
        using var reader = RecordingReader.Open(request.File);
        var session = RecordedSession.From(reader.Header, catalog);
        foreach (string group in session.UnknownGroups)
            _log.Warn($"{request.File}: no loaded plugin provides group '{group}'; its records are left out (--plugins DIR?)");
        if (session.UnknownTraces.Count > 0)
            _log.Warn($"{request.File}: this nettrace has no trace {string.Join(", ", session.UnknownTraces)}; their records are left out");
        if (_options.Mark is not null && !session.HasPacketPath)
            throw new UsageException($"--mark: the records of {request.File} ({reader.Header.Mode}) carry no mark; those of a lifecycle, --basic or --diag recording do");
        var options = ReplayModes.Resolve(_options, session, request.File);
        stderr.WriteLine(ReplayModes.Describe(request.File, reader.Header));

        using var btf = prefetch.KernelBtf(out _);
        var context = new HostRenderContext(new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Load()), DropReasons.Load(btf?.Reader), null,
            new KernelEnums(btf?.Reader));
        var clock = new EventClock(options.Date, reader.Header.RealMinusMonotonicNs);
        var (tap, pcap) = SessionSinks.OpenTaps(options, stdout, _ => context, clock);
        using var pcapFile = pcap;
        var filter = new PacketFilter(options);
        var dispatcher = session.Dispatcher(keepRawPackets: pcap is not null || filter.NeedsRawPackets);
        // Rules judge --diag lifecycles and a monitor's packet-path events; a recording without those needs none compiled.
        bool judged = options.Mode == TraceMode.Diagnose || (options.Mode == TraceMode.Monitor && session.HasPacketPath);
        var rules = judged ? RuleBook.Load(catalog, options, RuleBook.DefaultCacheDirectory(), _log.Verbose) : null;

        var pipeline = new SessionPipeline(new RecordingSource(reader), dispatcher, Mode(session, options, clock, context, tap, filter, rules, catalog),
            live: false)
        {
            Flushes = [stdout.Flush, () => tap?.Flush()],
        };
        pipeline.Run(cancel);
        stderr.WriteLine("nettrace: " + pipeline.Summary());
        return 0;
    }

    /// <summary>
    /// Lifecycles (default, --basic, --diag) where the recording has packet paths; otherwise one line per event as the
    /// live --drop, --sock or --monitor session printed it. One matching hit keeps a whole packet.
    /// </summary>
    private ISessionMode Mode(RecordedSession session, SessionOptions options, EventClock clock, IRenderContext context, IEventTap? tap,
        PacketFilter filter, RuleBook? rules, PluginCatalog catalog)
    {
        if (session.HasPacketPath && options.Mode is TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose)
        {
            var diagnoser = rules is null ? null : Diagnoser.For(options, rules, context, catalog);
            var sink = SkbSink.For(options, session.Hooks, stdout, clock, context, diagnoser, tap);
            sink.Keep = c => c.Events.Any(filter.Matches);
            sink.KeepHit = filter.Matches;
            return new PacketPathMode(sink, options.Mode == TraceMode.Basic);
        }
        bool monitor = options.Mode == TraceMode.Monitor;
        return new GroupEventsMode(options.Json ? null : SessionSinks.EventWriter(options, stdout, clock), tap, _ => context, options.Count)
        {
            PathPrinter = monitor && rules is not null ? MonitorPathEvents.NewPrinter(rules, catalog, options, stdout, clock, context, tap) : null,
            Keep = filter.Matches,
            CountPrinted = true,
            Markers = GroupEventMarkers.Load(catalog, session.PluginGroups.Select(g => g.Name), RuleBook.DefaultCacheDirectory(), _log.Verbose),
        };
    }
}
