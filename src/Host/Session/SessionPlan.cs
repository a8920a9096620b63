using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Session;

/// <summary>
/// Which groups and traces a mode needs, with the session's kernel-side filter. The groups say which modes they
/// serve (<see cref="TraceGroup.Serves"/>); no group is known here by name.
/// </summary>
internal static class SessionPlan
{
    /// <summary>
    /// A plugin's own mode-only group: it ships its BPF object and decoder, and neither --drop nor --sock runs it.
    /// Naming it with -t runs it on its own, as --drop runs the group that serves it.
    /// </summary>
    public static bool IsOwnGroup(TraceGroup group) =>
        group is { ModeOnly: true, OpenBpfObject: not null, Decoder: not null, Serves: { Drop: false, Sock: false } };

    /// <summary>The group that serves --drop or --sock (<paramref name="serves"/> picks which); at most one may.</summary>
    public static TraceGroup? Serving(PluginCatalog catalog, Func<ServedModes, bool> serves) =>
        catalog.Groups.FirstOrDefault(g => serves(g.Serves));

    /// <summary>The default mode with -t naming only plugins' own groups (e.g. -t udp-drops).</summary>
    public static bool NamesOwnGroups(SessionOptions options, PluginCatalog catalog) =>
        options.Mode == TraceMode.Lifecycle && options.Traces.Count > 0
        && options.Traces.All(name => catalog.Find(name) is { } group && IsOwnGroup(group));

    /// <summary>What a group may read of the command line.</summary>
    public static SessionSettings Settings(SessionOptions options) =>
        new()
        {
            TcpRttMs = options.TcpRttMs, TcpSrttMs = options.TcpSrttMs, Traces = options.Traces, Monitor = options.Mode == TraceMode.Monitor,
            RttHistogram = options.RttHistogram,
        };

    public static IReadOnlyList<GroupLoadRequest> Build(SessionOptions options, PluginCatalog catalog, uint? currentNetns) =>
        [.. Requests(options, catalog, currentNetns).Select(r => r with { RateLimit = options.RateLimit ?? 0 })];

    private static IReadOnlyList<GroupLoadRequest> Requests(SessionOptions options, PluginCatalog catalog, uint? currentNetns)
    {
        var filter = FilterBuilder.Build(options, currentNetns);
        var settings = Settings(options);
        switch (options.Mode)
        {
            case TraceMode.Lifecycle when NamesOwnGroups(options, catalog):
                // A group named means all its traces, as for the packet-path groups.
                return [.. options.Traces.Distinct().Select(name => catalog.Find(name)!)
                    .Select(group => Request(group, group.Traces, filter, settings, stacks: false))];
            case TraceMode.Drop:
                var drop = Serving(catalog, s => s.Drop) ?? throw NotInstalled("--drop");
                return [Request(drop, drop.Traces, filter, settings, options.DropStack)];
            case TraceMode.Sock when options.RttHistogram:
                var rtt = Serving(catalog, s => s.Rtt is not null) ?? throw NotInstalled("--rtt");
                return [Request(rtt, [rtt.Serves.Rtt!.Trace], filter, settings, stacks: false)];
            case TraceMode.Sock:
                var sock = Serving(catalog, s => s.Sock) ?? throw NotInstalled("--sock");
                return [Request(sock, SelectTraces(sock, "--sock", options.Traces), filter, settings, stacks: false)];
            case TraceMode.Monitor:
                return Monitor(catalog, filter, settings);
            default:
                throw new UsageException($"mode {options.Mode} is not available in this build yet");
        }
    }

    /// <summary>--monitor: the traces each serving group picks for this session (every drop, abnormal socket events...).</summary>
    private static IReadOnlyList<GroupLoadRequest> Monitor(PluginCatalog catalog, NtFilter filter, SessionSettings settings)
    {
        var requests = catalog.Groups
            .Where(g => g.Serves.Monitor is not null)
            .Select(g => Request(g, [.. g.Traces.Where(t => g.Serves.Monitor!(t, settings))], filter, settings, stacks: false))
            .Where(r => r.Traces.Count > 0)
            .ToList();
        return requests.Count > 0 ? requests : throw NotInstalled("--monitor");
    }

    /// <summary>A group's load request, with its .rodata config for this session when it declares one.</summary>
    private static GroupLoadRequest Request(TraceGroup group, IReadOnlyList<TraceSpec> traces, NtFilter filter, SessionSettings settings, bool stacks) =>
        new(group, traces, filter, stacks)
        {
            Rodata = group.Config is { } config ? [new RodataWrite(config.Variable, config.Build(settings))] : [],
        };

    private static PluginException NotInstalled(string mode) =>
        new($"{mode} needs a plugin that serves it, none is installed in {PluginDiscovery.DefaultDirectory}");

    /// <summary>-t names (or the default-on traces) of the group <paramref name="mode"/> runs; an unknown name is refused with the known ones.</summary>
    private static IReadOnlyList<TraceSpec> SelectTraces(TraceGroup group, string mode, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return [.. group.Traces.Where(t => t.DefaultOn)];
        var chosen = new List<TraceSpec>();
        foreach (string name in names)
        {
            // Upstream's names: "all", its socket groups; their members this group lacks are passed over.
            string[] members = name == UpstreamTraceNames.All ? [.. group.Traces.Select(t => t.Name)]
                : UpstreamTraceNames.SockAliases.TryGetValue(name, out var alias) ? alias : [name];
            var found = members.Select(m => group.Traces.FirstOrDefault(t => t.Name == m)).OfType<TraceSpec>().ToList();
            if (found.Count == 0)
                throw new UsageException($"unknown {group.Name} trace '{name}'; {mode} traces: {string.Join(", ", group.Traces.Select(t => t.Name))}");
            foreach (var trace in found.Where(t => !chosen.Contains(t)))
                chosen.Add(trace);
        }
        return chosen;
    }
}
