using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Cli;
using NetTrace.Host.Config;
using NetTrace.Host.Plugins;

namespace NetTrace.Host.Pipeline;

/// <summary>Which groups and traces a mode needs, with the session's kernel-side filter.</summary>
internal static class SessionPlan
{
    private const string DropGroup = "drop";
    private const string SockGroup = "sock";
    private const string SockConfigVariable = "nt_sock";

    public static IReadOnlyList<GroupLoadRequest> Build(SessionOptions options, PluginCatalog catalog, uint? currentNetns)
    {
        var filter = FilterBuilder.Build(options, currentNetns);
        switch (options.Mode)
        {
            case TraceMode.Drop:
                var group = catalog.Find(DropGroup)
                    ?? throw new PluginException($"--drop needs the '{DropGroup}' plugin, which is not installed in {PluginDiscovery.DefaultDirectory}");
                return [new GroupLoadRequest(group, group.Traces, filter, options.DropStack)];
            case TraceMode.Sock:
                var sock = catalog.Find(SockGroup)
                    ?? throw new PluginException($"--sock needs the '{SockGroup}' plugin, which is not installed in {PluginDiscovery.DefaultDirectory}");
                return [new GroupLoadRequest(sock, SelectTraces(sock, options.Traces), filter, Stacks: false)
                {
                    Rodata = [new RodataWrite(SockConfigVariable, SockConfig(options))],
                }];
            default:
                throw new PluginException($"mode {options.Mode} is not available in this build yet");
        }
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
                ?? throw new PluginException($"unknown {group.Name} trace '{name}'; --{group.Name} traces: {string.Join(", ", group.Traces.Select(t => t.Name))}");
            if (!chosen.Contains(trace))
                chosen.Add(trace);
        }
        return chosen;
    }

    /// <summary>struct nt_sock_cfg: --tcp-rtt and --tcp-srtt in microseconds (0: no filter).</summary>
    private static byte[] SockConfig(SessionOptions options)
    {
        var bytes = new byte[8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), (options.TcpRttMs ?? 0) * 1000);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), (options.TcpSrttMs ?? 0) * 1000);
        return bytes;
    }
}
