using System.Runtime.InteropServices;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Cli;
using NetTrace.Host.Config;
using NetTrace.Host.Errors;
using NetTrace.Host.Plugins;

namespace NetTrace.Host.Pipeline;

/// <summary>Which groups and traces a mode needs, with the session's kernel-side filter.</summary>
internal static class SessionPlan
{
    public const string DropGroup = "drop";
    public const string SockGroup = "sock";

    /// <summary>The sock traces --monitor keeps: only abnormal events (retransmits, losses, resets).</summary>
    private static readonly string[] MonitorSockTraces =
        ["tcp_retransmit_skb", "tcp_retransmit_timer", "tcp_enter_loss", "tcp_send_active_reset", "tcp_send_reset", "tcp_receive_reset"];

    /// <summary>RTT events, which --monitor adds only when --tcp-rtt or --tcp-srtt bounds them.</summary>
    private static readonly string[] MonitorRttTraces = ["tcp_ack_update_rtt", "tcp_probe"];

    /// <summary>
    /// A plugin's own mode-only group: it ships its BPF object and decoder, and no mode flag of nettrace runs it
    /// (drop and sock have --drop and --sock). Naming it with -t runs it on its own, as --drop runs the drop group.
    /// </summary>
    public static bool IsOwnGroup(TraceGroup group) =>
        group is { ModeOnly: true, OpenBpfObject: not null, Decoder: not null } && group.Name is not (DropGroup or SockGroup);

    /// <summary>The default mode with -t naming only plugins' own groups (e.g. -t udp-drops).</summary>
    public static bool NamesOwnGroups(SessionOptions options, PluginCatalog catalog) =>
        options.Mode == TraceMode.Lifecycle && options.Traces.Count > 0
        && options.Traces.All(name => catalog.Find(name) is { } group && IsOwnGroup(group));

    public static IReadOnlyList<GroupLoadRequest> Build(SessionOptions options, PluginCatalog catalog, uint? currentNetns)
    {
        var filter = FilterBuilder.Build(options, currentNetns);
        switch (options.Mode)
        {
            case TraceMode.Lifecycle when NamesOwnGroups(options, catalog):
                // A group named means all its traces, as for the packet-path groups.
                return [.. options.Traces.Distinct().Select(name => catalog.Find(name)!)
                    .Select(group => new GroupLoadRequest(group, group.Traces, filter, Stacks: false))];
            case TraceMode.Drop:
                var group = catalog.Find(DropGroup)
                    ?? throw new PluginException($"--drop needs the '{DropGroup}' plugin, which is not installed in {PluginDiscovery.DefaultDirectory}");
                return [new GroupLoadRequest(group, group.Traces, filter, options.DropStack)];
            case TraceMode.Sock:
                var sock = catalog.Find(SockGroup)
                    ?? throw new PluginException($"--sock needs the '{SockGroup}' plugin, which is not installed in {PluginDiscovery.DefaultDirectory}");
                return [new GroupLoadRequest(sock, SelectTraces(sock, options.Traces), filter, Stacks: false)
                {
                    Rodata = [new RodataWrite(NtSockConfig.VariableName, SockConfig(options))],
                }];
            case TraceMode.Monitor:
                return Monitor(options, catalog, filter);
            default:
                throw new UsageException($"mode {options.Mode} is not available in this build yet");
        }
    }

    /// <summary>--monitor: every drop, plus the sock group's abnormal events (and RTT events above the filters).</summary>
    private static IReadOnlyList<GroupLoadRequest> Monitor(SessionOptions options, PluginCatalog catalog, NtFilter filter)
    {
        var drop = catalog.Find(DropGroup)
            ?? throw new PluginException($"--monitor needs the '{DropGroup}' plugin, which is not installed in {PluginDiscovery.DefaultDirectory}");
        var requests = new List<GroupLoadRequest> { new(drop, drop.Traces, filter, Stacks: false) };
        if (catalog.Find(SockGroup) is { } sock)
        {
            bool rtt = options.TcpRttMs is not null || options.TcpSrttMs is not null;
            var names = rtt ? MonitorSockTraces.Concat(MonitorRttTraces) : MonitorSockTraces;
            requests.Add(new GroupLoadRequest(sock, [.. sock.Traces.Where(t => names.Contains(t.Name))], filter, Stacks: false)
            {
                Rodata = [new RodataWrite(NtSockConfig.VariableName, SockConfig(options))],
            });
        }
        return requests;
    }

    /// <summary>-t names (or the default-on traces) of a mode-only group; an unknown name is refused with the known ones.</summary>
    private static IReadOnlyList<TraceSpec> SelectTraces(TraceGroup group, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return [.. group.Traces.Where(t => t.DefaultOn)];
        var chosen = new List<TraceSpec>();
        foreach (string name in names)
        {
            var trace = group.Traces.FirstOrDefault(t => t.Name == name)
                ?? throw new UsageException($"unknown {group.Name} trace '{name}'; --{group.Name} traces: {string.Join(", ", group.Traces.Select(t => t.Name))}");
            if (!chosen.Contains(trace))
                chosen.Add(trace);
        }
        return chosen;
    }

    /// <summary>struct nt_sock_cfg: --tcp-rtt and --tcp-srtt in microseconds (0: no filter).</summary>
    private static byte[] SockConfig(SessionOptions options)
    {
        var config = new NtSockConfig
        {
            MinRttMicroseconds = (options.TcpRttMs ?? 0) * 1000,
            MinSrttMicroseconds = (options.TcpSrttMs ?? 0) * 1000,
        };
        return MemoryMarshal.AsBytes(new ReadOnlySpan<NtSockConfig>(in config)).ToArray();
    }
}
