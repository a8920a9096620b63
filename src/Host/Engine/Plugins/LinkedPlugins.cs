using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>
/// The built-in plugins compiled into the native executable (ADR 8), by their assembly's file name: it cannot load
/// an assembly, so discovery takes these instead of the files it finds in plugins/. The JIT build links none.
/// </summary>
internal static class LinkedPlugins
{
    /// <summary>The entry points linked in for <paramref name="dllFileName"/>; null: none, the assembly must be loaded.</summary>
    public static INetTracePlugin[]? For(string dllFileName) => dllFileName switch
    {
#if NETTRACE_NATIVE
        "NetTrace.Plugins.Drop.dll" => [new NetTrace.Plugins.Drop.DropTraceGroup()],
        "NetTrace.Plugins.Path.dll" => [new NetTrace.Plugins.Path.PathPlugin()],
        "NetTrace.Plugins.Netfilter.dll" => [new NetTrace.Plugins.Netfilter.NetfilterPlugin()],
        "NetTrace.Plugins.Tcp.dll" => [new NetTrace.Plugins.Tcp.TcpPlugin()],
        "NetTrace.Plugins.Sock.dll" => [new NetTrace.Plugins.Sock.SockPlugin()],
#endif
        _ => null,
    };
}
