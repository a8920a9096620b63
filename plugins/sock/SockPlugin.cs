using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Shared;

namespace NetTrace.Plugins.Sock;

/// <summary>--sock: TCP sockets traced through their kernel functions and tracepoints.</summary>
public sealed class SockPlugin : INetTracePlugin
{
    public const string GroupName = "sock";
    public const ushort Owner = 3;
    private const string ObjectResource = "sock.bpf.o";

    public void Register(IPluginRegistry registry) =>
        registry.AddGroup(new TraceGroup(
            GroupName,
            Owner,
            OpenObject,
            SockCatalogue.Traces,
            [new EventKindSpec(SockRecord.Kind, "sock", PacketShaped: false)],
            new SockDecoder(),
            new SockRenderer())
        {
            Description = "TCP sockets: state, congestion state, timers, RTT, resets (--sock)",
            ModeOnly = true,
            Serves = SockModes.Serves,
            Config = NtSockConfig.Declaration,
            Metrics = SockMetrics.Declaration,
            DefaultArmTrigger = SockModes.Arm,
            RuleFields = SockRuleFields.Declared,
            RuleText = SockRuleFields.Text,
        }.WithRules(typeof(SockPlugin).Assembly));

    private static Stream OpenObject() =>
        typeof(SockPlugin).Assembly.GetManifestResourceStream(ObjectResource)
        ?? throw new InvalidOperationException($"{ObjectResource} is not embedded in {typeof(SockPlugin).Assembly.GetName().Name}");
}
