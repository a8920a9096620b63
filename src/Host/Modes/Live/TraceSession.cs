using System.Runtime.CompilerServices;
using NetTrace.Bpf;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Filters.Pcap;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks;
using NetTrace.Rules;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// A live tracing run: takes the plugins, kernel BTF and kprobe check the process began reading at start, answers
/// -t ?, checks the host, and hands over to the session of the mode: <see cref="PacketPathSession"/> (default,
/// --basic, --diag) or <see cref="GroupSession"/> (--drop, --sock, --monitor, a plugin's own group). Each plans,
/// loads and attaches, then runs the one <see cref="SessionPipeline"/> until Ctrl-C, SIGTERM or -c, and releases
/// every BPF object.
/// </summary>
internal sealed class TraceSession(SessionOptions options, StartupPrefetch prefetch, TextWriter stdout, TextWriter stderr)
{
    private readonly Log _log = new(stderr, options.Verbosity >= LogLevel.Verbose, options.Verbosity >= LogLevel.Debug);

    /// <summary>
    /// Events go through a large buffer flushed once per poll batch: Console.Out flushes every
    /// line, which costs a write(2) per event and caps the event rate.
    /// </summary>
    public static Task<int> RunAsync(SessionOptions options, StartupPrefetch prefetch, CancellationToken cancel)
    {
        // The native executable hands a session whose rules it does not hold to the JIT build at once (ADR 8): under
        // emulation every step it took first would be paid twice.
        if (!RuntimeFeature.IsDynamicCodeSupported && AlwaysNeedsRules(options) && RulesBeyondLinked(options))
            throw new JitRequiredException("the rules");
        return SessionSinks.WithOutput(options, stdout => new TraceSession(options, prefetch, stdout, Console.Error).Run(cancel));
    }

    public int Run(CancellationToken cancel)
    {
        LibBpfLog.Route(_log.IsVerbose ? stderr.WriteLine : null, _log.IsDebug ? LibBpfLog.Level.Debug : LibBpfLog.Level.Info);
        _log.Milestone("session starts");
        // Begun at process start (StartupPrefetch): plugins, the kernel's BTF and the kprobe check.
        var catalog = PluginDiscovery.Discover(options.PluginDirs, _log.Verbose, prefetch.BuiltInPlugins(options.UnsafePlugins, PluginsServing(options)), _log.Warn, options.UnsafePlugins);
        _log.Milestone($"{catalog.Groups.Count} trace groups discovered");
        // The same for a session whose plugins bring rules, before it waits for anything; the rules' own check stays,
        // for what neither foresees.
        if (!RuntimeFeature.IsDynamicCodeSupported && NeedsRules(options, catalog) && RulesBeyondLinked(options))
            throw new JitRequiredException("the rules");
        // --btf-path: the objects' CO-RE relocations and the host's own reading use that BTF (prefetch left both to now).
        Bpf.BpfObject.KernelBtfPath = options.BtfPath;
        // --drop needs only the drop reasons and its object's types: the boot's first --drop left them (DropStartFacts).
        var saved = DropSessionFacts.Usable(options) ? prefetch.DropFacts() : null;
        using var savedTypes = saved is null ? null : DropSessionFacts.Use(saved, _log.Verbose);
        string? btfFailure = null;
        using var btf = saved is null ? prefetch.KernelBtf(out btfFailure, options.BtfPath) : null;
        if (btf is null && saved is null)
            _log.Verbose($"kernel BTF unavailable: {btfFailure}");
        // Each object's CO-RE relocations against the part of this BTF it reaches; --btf-path's file is libbpf's to read.
        if (options.BtfPath is null && btf is not null)
        {
            btf.IndexCoreTypes(); // done by the prefetch, unless there was none
            if (btf.CoreTypes is { } core)
            {
                core.Report = _log.Verbose;
                Bpf.BpfObject.CoreBtf = core;
            }
        }
        var kprobes = prefetch.Kprobes();
        _log.Milestone("kernel BTF read");
        using var expression = FilterExpressions.InObjects(options.FilterExpression, _log.Verbose);
        if (TraceTree.IsRequested(options))
            return new TraceTree(options, stdout, _log).Print(catalog, btf, kprobes);
        HostRequirements.Check(btf, btfFailure, options.BtfPath, btfKnown: saved is not null);
        var reasons = saved?.Reasons ?? DropReasons.Load(btf?.Reader);
        if (DropSessionFacts.Usable(options) && btf?.CoreTypes is { } made)
            DropSessionFacts.LeaveWhenMade(made, reasons);
        _log.Milestone("drop reasons read");
        if ((options.Mode is TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose) && !SessionPlan.NamesOwnGroups(options, catalog))
            return new PacketPathSession(options, stdout, stderr, _log).Run(catalog, btf, reasons, kprobes, cancel);
        return new GroupSession(options, stdout, stderr, _log).Run(catalog, btf, reasons, kprobes, cancel);
    }

    /// <summary>
    /// Whether the session compiles or loads rules whatever the plugins: --diag (the knowledge base), --sock and
    /// --monitor (the sock group's socket rules, and --monitor's packet-path rules), --arm-on; not -t ? nor --rtt.
    /// </summary>
    internal static bool AlwaysNeedsRules(SessionOptions options) =>
        !TraceTree.IsRequested(options) && !options.RttHistogram
        && (options.Mode is TraceMode.Diagnose or TraceMode.Sock or TraceMode.Monitor || options.Arm is { On.Count: > 0 });

    /// <summary>
    /// Whether the session's rules may be more than the shipped sets linked into the native executable: rules of the
    /// user's (--rules DIR, --arm-on), or no set linked in at all (the JIT build).
    /// </summary>
    internal static bool RulesBeyondLinked(SessionOptions options) =>
        options.RuleDirs.Count > 0 || options.Arm is { On.Count: > 0 } || !LinkedRuleSets.Any;

    /// <summary>
    /// Whether the session will compile or load rules: --diag, --arm-on, or a group mode whose groups ship socket rules
    /// (--sock, --monitor). A group the kernel then cannot serve at all may make this say yes needlessly, never no.
    /// </summary>
    internal static bool NeedsRules(SessionOptions options, PluginCatalog catalog)
    {
        if (TraceTree.IsRequested(options) || options.RttHistogram)
            return false;
        if (AlwaysNeedsRules(options))
            return true;
        if (options.Mode is TraceMode.Lifecycle or TraceMode.Basic && !SessionPlan.NamesOwnGroups(options, catalog))
            return false;
        var groups = SessionPlan.Build(options, catalog, null).Select(r => r.Group.Name);
        return GroupEventMarkers.SourcesFor(catalog, groups).Count > 0;
    }

    /// <summary>
    /// Which plugins the session needs, by the word their manifest lists (<see cref="PluginManifest"/>): --drop those
    /// that serve it, the packet path without -t those that list path; null for every installed plugin, which the other
    /// modes need (the rule context spans the plugins), -t too (a name may be another mode's trace, which the error
    /// says), -t ? and --metrics (which serves every group's metrics).
    /// </summary>
    internal static string? PluginsServing(SessionOptions options)
    {
        if (options.MetricsEndpoint is not null || TraceTree.IsRequested(options))
            return null;
        return options.Mode switch
        {
            TraceMode.Drop => PluginManifest.Drop,
            TraceMode.Lifecycle or TraceMode.Basic when options.Traces.Count == 0 && options.TraceStack.Count == 0 => PluginManifest.Path,
            _ => null,
        };
    }
}
