using System.Net;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Modes.Live;
using NetTrace.Host.Session.Options;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Path;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>Which built-in plugins a session loads: --drop and the packet path without -t load only theirs.</summary>
public sealed class PluginScopeTests
{
    [Fact]
    public void PluginsServing_Drop_LoadsThoseThatServeDrop()
    {
        Assert.Equal(PluginManifest.Drop, TraceSession.PluginsServing(new SessionOptions { Mode = TraceMode.Drop }));
    }

    [Theory]
    [InlineData(nameof(TraceMode.Lifecycle))]
    [InlineData(nameof(TraceMode.Basic))]
    public void PluginsServing_PacketPathWithoutTraces_LoadsThoseThatListPath(string mode)
    {
        Assert.Equal(PluginManifest.Path, TraceSession.PluginsServing(new SessionOptions { Mode = Enum.Parse<TraceMode>(mode) }));
    }

    [Theory]
    [InlineData(nameof(TraceMode.Sock))]
    [InlineData(nameof(TraceMode.Monitor))]
    [InlineData(nameof(TraceMode.Diagnose))]
    public void PluginsServing_ModesWhoseRulesSpanThePlugins_LoadEvery(string mode)
    {
        Assert.Null(TraceSession.PluginsServing(new SessionOptions { Mode = Enum.Parse<TraceMode>(mode) }));
    }

    [Fact]
    public void PluginsServing_TraceNamed_LoadsEvery()
    {
        // A -t name may be another mode's trace: the error that says so needs that plugin's catalogue.
        Assert.Null(TraceSession.PluginsServing(new SessionOptions { Traces = ["tcp_close"] }));
        Assert.Null(TraceSession.PluginsServing(new SessionOptions { TraceStack = ["ip_rcv"] }));
    }

    [Fact]
    public void PluginsServing_MetricsOrTraceTree_LoadEvery()
    {
        Assert.Null(TraceSession.PluginsServing(new SessionOptions { Mode = TraceMode.Drop, MetricsEndpoint = new IPEndPoint(IPAddress.Loopback, 9100) }));
        Assert.Null(TraceSession.PluginsServing(new SessionOptions { Traces = ["?"] }));
    }

    [Fact]
    public void MayServe_ShippedManifests_PacketPathSkipsTheModeOnlyPlugins()
    {
        static string Dll(Type entryPoint) => Path.Combine(AppContext.BaseDirectory, entryPoint.Assembly.GetName().Name + ".dll");

        Assert.True(PluginManifest.MayServe(Dll(typeof(PathPlugin)), PluginManifest.Path));
        Assert.False(PluginManifest.MayServe(Dll(typeof(SockPlugin)), PluginManifest.Path));
        Assert.False(PluginManifest.MayServe(Dll(typeof(DropTraceGroup)), PluginManifest.Path));
    }
}
