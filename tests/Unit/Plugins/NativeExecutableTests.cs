using System.Text.RegularExpressions;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Modes.Live;
using NetTrace.Host.Session.Options;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>
/// What the native executable (ADR 8) runs itself and what it hands to nettrace-clr: a session with the user's rules
/// goes over before anything waits, every plugin the host ships is linked in, and the JIT build links none.
/// </summary>
public sealed partial class NativeExecutableTests
{
    [Theory]
    [InlineData("--drop", false)]
    [InlineData("--sock", true)]
    [InlineData("--monitor", true)]
    [InlineData("--diag", true)]
    [InlineData("default", false)]
    [InlineData("--basic", false)]
    public void NeedsRules_ByMode(string mode, bool expected)
    {
        var options = new SessionOptions
        {
            Mode = mode switch
            {
                "--drop" => TraceMode.Drop,
                "--sock" => TraceMode.Sock,
                "--monitor" => TraceMode.Monitor,
                "--diag" => TraceMode.Diagnose,
                "--basic" => TraceMode.Basic,
                _ => TraceMode.Lifecycle,
            },
        };
        Assert.Equal(expected, TraceSession.NeedsRules(options, BuiltInPlugins.Catalog()));
    }

    [Fact]
    public void AlwaysNeedsRules_SockAndMonitorAndDiag_ButNotTheirTraceTreeOrRtt()
    {
        Assert.True(TraceSession.AlwaysNeedsRules(new SessionOptions { Mode = TraceMode.Monitor }));
        Assert.True(TraceSession.AlwaysNeedsRules(new SessionOptions { Mode = TraceMode.Sock }));
        Assert.True(TraceSession.AlwaysNeedsRules(new SessionOptions { Mode = TraceMode.Diagnose }));
        Assert.False(TraceSession.AlwaysNeedsRules(new SessionOptions { Mode = TraceMode.Sock, RttHistogram = true }));
        Assert.False(TraceSession.AlwaysNeedsRules(new SessionOptions { Mode = TraceMode.Diagnose, Traces = ["?"] }));
        Assert.False(TraceSession.AlwaysNeedsRules(new SessionOptions { Mode = TraceMode.Drop }));
    }

    [Fact]
    public void NeedsRules_ArmOn_EvenInADropSession()
    {
        var options = new SessionOptions { Mode = TraceMode.Drop, Arm = new ArmOptions(["reason == NO_SOCKET"], null, null, null, null) };
        Assert.True(TraceSession.NeedsRules(options, BuiltInPlugins.Catalog()));
    }

    [Fact]
    public void RulesBeyondLinked_TheUsersRules_AlwaysGoToTheJitBuild()
    {
        Assert.True(TraceSession.RulesBeyondLinked(new SessionOptions { Mode = TraceMode.Diagnose, RuleDirs = ["/etc/nettrace/rules"] }));
        Assert.True(TraceSession.RulesBeyondLinked(new SessionOptions { Mode = TraceMode.Monitor, Arm = new ArmOptions(["reason == NO_SOCKET"], null, null, null, null) }));
    }

    [Fact]
    public void LinkedPlugins_JitBuild_LinksNone()
    {
        // The JIT build loads the assemblies it finds; only the native executable may take linked entry points.
        Assert.Null(LinkedPlugins.For("NetTrace.Plugins.Drop.dll"));
    }

    [Fact]
    public void LinkedPlugins_NativeList_NamesEveryPluginTheHostShips()
    {
        string csproj = NetTrace.Tests.Shared.RoffPage.Read("src/Host/NetTrace.Host.csproj");
        string linked = NetTrace.Tests.Shared.RoffPage.Read("src/Host/Engine/Plugins/LinkedPlugins.cs");
        var shipped = PluginProject().Matches(csproj).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(shipped);
        foreach (string assembly in shipped)
            Assert.Contains($"\"{assembly}.dll\" => [new {assembly}.", linked);
    }

    [Fact]
    public void Within_FindsTheHandOverInsideATaskFailure()
    {
        var needed = new JitRequiredException("plugin x");
        Assert.Same(needed, JitRequiredException.Within(new AggregateException(needed)));
        Assert.Null(JitRequiredException.Within(new AggregateException(needed, new IOException())));
        Assert.Null(JitRequiredException.Within(new IOException()));
    }

    [GeneratedRegex(@"<PluginProject Include=""[^""]*\\(NetTrace\.Plugins\.\w+)\.csproj""")]
    private static partial Regex PluginProject();
}
