using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Shared;

namespace NetTrace.Plugins.Tcp;

/// <summary>
/// TCP's receive and transmit packet path, traced by the host's generic skb tracer; tcp-in's listener traces first
/// read the listener's queues (bpf/tcp.bpf.c).
/// </summary>
public sealed class TcpPlugin : INetTracePlugin
{
    public void Register(IPluginRegistry registry)
    {
        registry.AddGroup(TcpCatalogue.In.WithRules(typeof(TcpPlugin).Assembly));
        registry.AddGroup(TcpCatalogue.Out.WithRules(typeof(TcpPlugin).Assembly));
    }
}
