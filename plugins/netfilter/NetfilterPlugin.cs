using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Shared;

namespace NetTrace.Plugins.Netfilter;

/// <summary>Netfilter and conntrack, as catalogue-only groups traced by the host's generic skb tracer.</summary>
public sealed class NetfilterPlugin : INetTracePlugin
{
    public void Register(IPluginRegistry registry)
    {
        registry.AddGroup(NetfilterCatalogue.Netfilter.WithRules(typeof(NetfilterPlugin).Assembly));
        registry.AddGroup(ConntrackCatalogue.Conntrack.WithRules(typeof(NetfilterPlugin).Assembly));
    }
}
