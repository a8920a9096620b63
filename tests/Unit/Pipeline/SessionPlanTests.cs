using System.Runtime.InteropServices;
using NetTrace.Host.Cli;
using NetTrace.Host.Config;
using NetTrace.Host.Pipeline;
using NetTrace.Host.Plugins;
using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Pipeline;

/// <summary>What the session plan asks the sock group's object to hold before load.</summary>
public sealed class SessionPlanTests
{
    [Fact]
    public void Build_SockModeWithRttFilters_WritesTheSockConfigInMicroseconds()
    {
        var catalog = new PluginCatalog();
        catalog.AddGroup(new TraceGroup(SessionPlan.SockGroup, SockPlugin.Owner, null, SockCatalogue.Traces, [], null, null));
        var options = new SessionOptions { Mode = TraceMode.Sock, TcpRttMs = 5, TcpSrttMs = 7 };

        var plan = SessionPlan.Build(options, catalog, currentNetns: null);

        var write = Assert.Single(Assert.Single(plan).Rodata);
        Assert.Equal(NtSockConfig.VariableName, write.Variable);
        Assert.Equal([0x88, 0x13, 0, 0, 0x58, 0x1b, 0, 0], write.Value); // 5000 and 7000, little-endian
        var config = MemoryMarshal.Read<NtSockConfig>(write.Value);
        Assert.Equal((5000u, 7000u), (config.MinRttMicroseconds, config.MinSrttMicroseconds));
    }
}
