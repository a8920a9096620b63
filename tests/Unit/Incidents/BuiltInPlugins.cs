using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Path;
using NetTrace.Plugins.Sock;
using NetTrace.Plugins.Tcp;

namespace NetTrace.Tests.Unit.Incidents;

/// <summary>A plugin catalogue with the plugins nettrace ships, registered as plugin discovery does.</summary>
internal static class BuiltInPlugins
{
    public static PluginCatalog Catalog()
    {
        var catalog = new PluginCatalog();
        INetTracePlugin[] plugins = [new DropTraceGroup(), new PathPlugin(), new NetfilterPlugin(), new TcpPlugin(), new SockPlugin()];
        foreach (var plugin in plugins)
            plugin.Register(catalog);
        return catalog;
    }
}
