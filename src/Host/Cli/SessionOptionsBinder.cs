using System.CommandLine.Parsing;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Cli;

/// <summary>Reads the parsed options of the root command into a <see cref="SessionOptions"/>.</summary>
internal static class SessionOptionsBinder
{
    public static SessionOptions Bind(SymbolResult result, CliOptions o) => new()
    {
        SourceAddress = result.GetValue(o.SourceAddress),
        DestinationAddress = result.GetValue(o.DestinationAddress),
        AnyAddress = result.GetValue(o.AnyAddress),
        SourcePort = result.GetValue(o.SourcePort),
        DestinationPort = result.GetValue(o.DestinationPort),
        AnyPort = result.GetValue(o.AnyPort),
        Protocol = result.GetValue(o.Protocol),
        Netns = result.GetValue(o.Netns),
        NetnsCurrent = result.GetValue(o.NetnsCurrent),
        Pid = result.GetValue(o.Pid),
        MinLatencyNs = result.GetValue(o.MinLatency),
        PacketLength = result.GetValue(o.PacketLength),
        IfName = result.GetValue(o.IfName),
        Mark = result.GetValue(o.Mark),
        TcpFlags = result.GetValue(o.TcpFlags),
        FilterExpression = result.GetValue(o.Expression) is { Length: > 0 } words ? string.Join(' ', words) : null,
        TcpRttMs = result.GetValue(o.TcpRtt),
        TcpSrttMs = result.GetValue(o.TcpSrtt),
        Traces = result.GetValue(o.RttDetail) ? [.. result.GetValue(o.Trace) ?? [], RttDetailTrace] : result.GetValue(o.Trace) ?? [],
        TraceStack = result.GetValue(o.TraceStack) ?? [],
        LatencyShow = result.GetValue(o.LatencyShow),
        TinyShow = result.GetValue(o.TinyShow),
        Latency = result.GetValue(o.Latency) || result.GetValue(o.LatencySummary),
        LatencySummary = result.GetValue(o.LatencySummary),
        FuncStats = result.GetValue(o.FuncStats),
        RttHistogram = result.GetValue(o.Rtt),
        RateLimit = result.GetValue(o.RateLimit),
        BtfPath = result.GetValue(o.BtfPath),
        LatencyFree = result.GetValue(o.LatencyFree),
        TraceControl = new(result.GetValue(o.TraceExclude) ?? [], result.GetValue(o.TraceMatcher) ?? [],
            result.GetValue(o.TraceFree) ?? [], result.GetValue(o.TraceNoClone)),
        ShowReturn = result.GetValue(o.ShowReturn),
        Detail = result.GetValue(o.Detail),
        Date = result.GetValue(o.Date),
        Count = result.GetValue(o.Count),
        Mode = ModeOf(result, o),
        DiagQuiet = result.GetValue(o.DiagQuiet),
        DiagKeep = result.GetValue(o.DiagKeep),
        BpfProgs = result.GetValue(o.BpfProgs),
        Hooks = result.GetValue(o.Hooks),
        DropStack = result.GetValue(o.DropStack),
        PacketFixed = result.GetValue(o.PacketFixed),
        Verbosity = result.GetValue(o.Debug) ? LogLevel.Debug : result.GetValue(o.Verbose) ? LogLevel.Verbose : LogLevel.Normal,
        PluginDirs = result.GetValue(o.PluginDirs) ?? [],
        UnsafePlugins = result.GetValue(o.UnsafePlugins),
        RuleDirs = result.GetValue(o.RuleDirs) ?? [],
        MetricsEndpoint = result.GetValue(o.Metrics),
        Json = result.GetValue(o.Json),
        OutputPath = result.GetValue(o.Output),
        PcapPath = result.GetValue(o.Pcap),
        RecordPath = result.GetValue(o.Record),
        Arm = BindArm(result, o),
    };

    /// <summary>The mode of the first mode flag given (none: lifecycle). A loop: see <see cref="ModeFlag"/>.</summary>
    private static TraceMode ModeOf(SymbolResult result, CliOptions o)
    {
        foreach (var flag in o.ModeFlags)
        {
            if (result.GetValue(flag.Flag))
                return flag.Mode;
        }
        return TraceMode.Lifecycle;
    }

    /// <summary>What --rtt-detail traces, in --sock mode: every RTT sample the kernel takes.</summary>
    public const string RttDetailTrace = "tcp_ack_update_rtt";

    private static ArmOptions? BindArm(SymbolResult result, CliOptions o)
    {
        var on = result.GetValue(o.ArmOn) ?? [];
        var arm = new ArmOptions(on, result.GetValue(o.ArmDir), result.GetValue(o.ArmFor), result.GetValue(o.ArmPackets), result.GetValue(o.ArmRate));
        return result.GetValue(o.Arm) || on.Count > 0 || arm.HasSettings ? arm : null;
    }

    /// <summary>
    /// Binds from inside a command validator. System.CommandLine runs command validators before it records the
    /// options' own conversion errors, and reading a value that failed to convert throws there; in that case
    /// the option's error is the one to report, so this gives up quietly.
    /// </summary>
    public static SessionOptions? TryBind(SymbolResult result, CliOptions o)
    {
        try
        {
            return Bind(result, o);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
