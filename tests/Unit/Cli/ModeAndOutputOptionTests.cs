using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

public class ModeAndOutputOptionTests
{
    [Fact]
    public async Task NoModeFlag_Defaults_LifecycleAndEmptyLists()
    {
        var options = await CliRun.ParseAsync();
        Assert.Equal(TraceMode.Lifecycle, options.Mode);
        Assert.Empty(options.Traces);
        Assert.Empty(options.TraceStack);
        Assert.Empty(options.PluginDirs);
        Assert.Null(options.Count);
        Assert.Equal(LogLevel.Normal, options.Verbosity);
        Assert.False(options.ShowReturn || options.Detail || options.Date || options.DiagQuiet || options.DiagKeep
            || options.Hooks || options.DropStack || options.PacketFixed);
    }

    [Theory]
    [InlineData("--basic", "Basic")]
    [InlineData("--diag", "Diagnose")]
    [InlineData("--drop", "Drop")]
    [InlineData("--sock", "Sock")]
    [InlineData("--monitor", "Monitor")]
    public async Task ModeFlag_Given_SelectsMode(string flag, string mode)
    {
        Assert.Equal(Enum.Parse<TraceMode>(mode), (await CliRun.ParseAsync(flag)).Mode);
    }

    [Fact]
    public async Task Diag_WithQuietKeepHooks_AllSet()
    {
        var options = await CliRun.ParseAsync("--diag", "--diag-quiet", "--diag-keep", "--hooks");
        Assert.True(options.DiagQuiet);
        Assert.True(options.DiagKeep);
        Assert.True(options.Hooks);
    }

    [Fact]
    public async Task Drop_WithDropStack_SetsDropStack()
    {
        var options = await CliRun.ParseAsync("--drop", "--drop-stack");
        Assert.Equal(TraceMode.Drop, options.Mode);
        Assert.True(options.DropStack);
    }

    [Theory]
    [InlineData("-t")]
    [InlineData("--trace")]
    public async Task Trace_CommaList_SplitsNames(string flag)
    {
        Assert.Equal(["ip", "tcp_v4_rcv", "netfilter"], (await CliRun.ParseAsync(flag, "ip,tcp_v4_rcv,netfilter")).Traces);
    }

    [Fact]
    public async Task Trace_RepeatedWithBlanksAndDuplicates_MergedInOrder()
    {
        Assert.Equal(["a", "b", "c"], (await CliRun.ParseAsync("-t", " a , ,b", "-t", "c,a")).Traces);
    }

    [Fact]
    public async Task Trace_OnlyCommas_OneLineError()
    {
        Assert.Equal("nettrace: --trace needs at least one name", await CliRun.ErrorAsync("-t", ",,"));
    }

    [Fact]
    public async Task TraceStack_SixteenEntries_Accepted()
    {
        string list = string.Join(',', Enumerable.Range(1, 16).Select(i => $"f{i}"));
        Assert.Equal(16, (await CliRun.ParseAsync("--trace-stack", list)).TraceStack.Count);
    }

    [Fact]
    public async Task TraceStack_SeventeenEntries_OneLineError()
    {
        string list = string.Join(',', Enumerable.Range(1, 17).Select(i => $"f{i}"));
        Assert.Equal("nettrace: --trace-stack takes at most 16 entries, got 17", await CliRun.ErrorAsync("--trace-stack", list));
    }

    [Fact]
    public async Task TraceStack_LimitCountsAllOccurrences()
    {
        string first = string.Join(',', Enumerable.Range(1, 10).Select(i => $"f{i}"));
        string second = string.Join(',', Enumerable.Range(11, 7).Select(i => $"f{i}"));
        Assert.Equal("nettrace: --trace-stack takes at most 16 entries, got 17",
            await CliRun.ErrorAsync("--trace-stack", first, "--trace-stack", second));
    }

    [Fact]
    public async Task OutputFlags_Given_AllSet()
    {
        var options = await CliRun.ParseAsync("--ret", "--detail", "--date", "--pkt-fixed");
        Assert.True(options.ShowReturn);
        Assert.True(options.Detail);
        Assert.True(options.Date);
        Assert.True(options.PacketFixed);
    }

    [Theory]
    [InlineData("-c")]
    [InlineData("--count")]
    public async Task Count_Positive_SetsCount(string flag)
    {
        Assert.Equal(5L, (await CliRun.ParseAsync(flag, "5")).Count);
    }

    [Fact]
    public async Task Count_BeyondInt_Accepted()
    {
        Assert.Equal(10_000_000_000L, (await CliRun.ParseAsync("-c", "10000000000")).Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public async Task Count_NotPositive_OneLineError(string value)
    {
        Assert.Equal($"nettrace: invalid count '{value}' for --count (expected a positive integer)", await CliRun.ErrorAsync("-c", value));
    }

    [Theory]
    [InlineData("Verbose", "-v")]
    [InlineData("Debug", "--debug")]
    [InlineData("Debug", "-v", "--debug")]
    public async Task Verbosity_Flags_SetLevel(string expected, params string[] args)
    {
        Assert.Equal(Enum.Parse<LogLevel>(expected), (await CliRun.ParseAsync(args)).Verbosity);
    }

    [Fact]
    public async Task ShortFlags_Bundled_BothApplied()
    {
        var options = await CliRun.ParseAsync("-vc", "3");
        Assert.Equal(LogLevel.Verbose, options.Verbosity);
        Assert.Equal(3L, options.Count);
    }

    [Fact]
    public async Task Plugins_Repeated_KeepsEveryFolderVerbatim()
    {
        Assert.Equal(["/opt/a", "/opt/b,c"], (await CliRun.ParseAsync("--plugins", "/opt/a", "--plugins", "/opt/b,c")).PluginDirs);
    }

    [Fact]
    public async Task Plugins_Empty_OneLineError()
    {
        Assert.Equal("nettrace: --plugins needs a non-empty value", await CliRun.ErrorAsync("--plugins", ""));
    }

    [Fact]
    public async Task EveryOption_Together_BindsEachValue()
    {
        var options = await CliRun.ParseAsync(
            "--diag", "-s", "10.0.0.1", "-d", "10.0.0.2", "--addr", "10.0.0.3", "-S", "1000", "-D", "2000", "-P", "3000",
            "-p", "tcp", "--netns", "7", "--pid", "8", "--min-latency", "9", "--pkt-len", "40-1500", "--tcp-flags", "SA",
            "-t", "ip", "--ret", "--detail", "--date", "-c", "11", "--diag-quiet", "--diag-keep", "--hooks", "--pkt-fixed",
            "--trace-stack", "ip_rcv", "--plugins", "/p", "-v");
        Assert.Equal(TraceMode.Diagnose, options.Mode);
        Assert.Equal((ushort)1000, options.SourcePort);
        Assert.Equal((ushort)2000, options.DestinationPort);
        Assert.Equal((ushort)3000, options.AnyPort);
        Assert.Equal(ProtocolFilter.Tcp, options.Protocol);
        Assert.Equal(7u, options.Netns);
        Assert.Equal(8, options.Pid);
        Assert.Equal(9_000_000UL, options.MinLatencyNs);
        Assert.Equal(((ushort)40, (ushort)1500), options.PacketLength);
        Assert.Equal((byte)18, options.TcpFlags);
        Assert.Equal(["ip"], options.Traces);
        Assert.Equal(["ip_rcv"], options.TraceStack);
        Assert.Equal(11L, options.Count);
        Assert.Equal(["/p"], options.PluginDirs);
        Assert.Equal(LogLevel.Verbose, options.Verbosity);
    }
}
