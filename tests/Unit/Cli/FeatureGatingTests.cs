using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

public class FeatureGatingTests
{
    [Theory]
    [InlineData("--monitor", "monitor mode")]
    public async Task Unbuilt_Mode_Refused(string flag, string label)
    {
        var features = new CliFeatures([TraceMode.Lifecycle, TraceMode.Drop], []);
        Assert.Equal($"nettrace: {flag} ({label}) is not available in this build yet", await CliRun.ErrorAsync(features, flag));
    }

    [Theory]
    [InlineData("9464", "127.0.0.1:9464")]
    [InlineData(":9464", "127.0.0.1:9464")]
    [InlineData("0.0.0.0:9100", "0.0.0.0:9100")]
    [InlineData("[::1]:9464", "[::1]:9464")]
    public async Task Current_MonitorWithMetrics_LoopbackUnlessTold(string given, string endpoint)
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "--monitor", "--metrics", given);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(endpoint, run.Session!.MetricsEndpoint!.ToString());
    }

    [Theory]
    [InlineData("nettrace: --metrics needs --monitor, --drop, --latency-summary or --rtt", "--metrics", "9464")]
    [InlineData("nettrace: invalid port '99999' for --metrics (expected ADDR:PORT, e.g. 127.0.0.1:9464)", "--monitor", "--metrics", "99999")]
    [InlineData("nettrace: invalid address 'localhost' for --metrics (expected ADDR:PORT, e.g. 127.0.0.1:9464)", "--monitor", "--metrics", "localhost:9464")]
    public async Task Current_BadMetrics_OneLine(string error, params string[] args)
    {
        Assert.Equal(error, await CliRun.ErrorAsync(CliFeatures.Current, args));
    }

    [Theory]
    [InlineData("--tcp-rtt")]
    [InlineData("--filter-minrtt")]
    public async Task Current_SockWithRttFilter_AcceptedUnderBothNames(string option)
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "--sock", option, "50", "--filter-srtt", "20");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(50u, run.Session!.TcpRttMs);
        Assert.Equal(20u, run.Session.TcpSrttMs);
    }

    [Theory]
    [InlineData("nettrace: --tcp-flags cannot be used with --sock, which traces sockets, not packets", "--tcp-flags", "S")]
    [InlineData("nettrace: --pkt-len cannot be used with --sock, which traces sockets, not packets", "--pkt-len", "100")]
    [InlineData("nettrace: --sock traces TCP sockets; --proto udp matches none", "-p", "udp")]
    [InlineData("nettrace: --ret cannot be used with --sock", "--ret")]
    public async Task Current_PacketOnlyOptionWithSock_Refused(string error, params string[] option)
    {
        Assert.Equal(error, await CliRun.ErrorAsync(CliFeatures.Current, ["--sock", .. option]));
    }

    [Theory]
    [InlineData("nettrace: --trace cannot be used with --drop, which traces kfree_skb", "-t", "ip")]
    [InlineData("nettrace: --ret cannot be used with --drop", "--ret")]
    [InlineData("nettrace: --pkt-fixed cannot be used with --drop", "--pkt-fixed")]
    [InlineData("nettrace: --trace-stack cannot be used with --drop; use --drop-stack", "--trace-stack", "ip_rcv")]
    [InlineData("nettrace: --min-latency works only in the default and --diag modes, not with --drop", "--min-latency", "5")]
    public async Task Current_PacketPathOptionWithDrop_Refused(string error, params string[] option)
    {
        Assert.Equal(error, await CliRun.ErrorAsync(CliFeatures.Current, ["--drop", .. option]));
    }

    [Theory]
    [InlineData("nettrace: --trace cannot be used with --monitor, which watches its own set (every drop, abnormal returns, TCP events)", "ip")]
    [InlineData("nettrace: -t kernel (every skb function of the kernel) traces a packet's path: the default lifecycle, --basic, --diag, --latency or --func-stats, not --monitor", "kernel")]
    public async Task Current_TraceWithMonitor_Refused(string error, string trace)
    {
        Assert.Equal(error, await CliRun.ErrorAsync(CliFeatures.Current, ["--monitor", "-t", trace]));
    }

    [Fact]
    public async Task Current_DefaultModeWithEveryPacketPathOption_Accepted()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current,
            "-p", "icmp", "-t", "ip-in,consume_skb", "--ret", "--pkt-fixed", "--trace-stack", "icmp_rcv", "--min-latency", "1", "--detail", "--date", "-c", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(TraceMode.Lifecycle, run.Session!.Mode);
        Assert.Equal(["ip-in", "consume_skb"], run.Session.Traces);
        Assert.True(run.Session.ShowReturn && run.Session.PacketFixed);
    }

    [Fact]
    public async Task Current_BasicWithPktFixed_Refused()
    {
        Assert.Equal("nettrace: --pkt-fixed needs lifecycle tracking; it cannot be used with --basic",
            await CliRun.ErrorAsync(CliFeatures.Current, "--basic", "--pkt-fixed"));
    }

    [Fact]
    public async Task Current_DropWithEveryBuiltOption_Accepted()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current,
            "--drop", "--drop-stack", "-p", "tcp", "--dport", "9999", "-S", "1", "-P", "2", "--saddr", "10.0.0.1",
            "-d", "10.0.0.2", "--addr", "10.0.0.3", "--netns", "4026531840", "--pid", "1", "--pkt-len", "40-100",
            "--tcp-flags", "S", "--detail", "--date", "-c", "1", "-v", "--plugins", "/tmp");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(TraceMode.Drop, run.Session!.Mode);
        Assert.True(run.Session.DropStack);
    }

    [Fact]
    public async Task Current_NetnsCurrentAndDebug_Accepted()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "--drop", "--netns-current", "--debug");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(LogLevel.Debug, run.Session!.Verbosity);
    }

    [Fact]
    public async Task Current_HelpStillListsUnbuiltOptions()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (string name in new[] { "--sock", "--monitor", "--basic", "--diag", "--trace-stack", "--tcp-rtt", "--min-latency" })
            Assert.Contains(name, run.Stdout);
    }

    [Fact]
    public async Task Current_Probe_Accepted()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "probe");
        Assert.Equal(0, run.ExitCode);
        Assert.NotNull(run.Probe);
    }

    [Fact]
    public async Task CustomFeatures_SockAndRttBuilt_AcceptedWithoutParserChange()
    {
        var features = new CliFeatures([TraceMode.Drop, TraceMode.Sock], ["--tcp-rtt"]);
        var run = await CliRun.InvokeAsync(features, "--sock", "--tcp-rtt", "10");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(10u, run.Session!.TcpRttMs);
        Assert.Equal("nettrace: --tcp-srtt (srtt filter) is not available in this build yet",
            await CliRun.ErrorAsync(features, "--sock", "--tcp-srtt", "10"));
    }

    [Fact]
    public async Task NoModesBuilt_DefaultRefusedWithoutHint()
    {
        Assert.Equal("nettrace: the default lifecycle mode is not available in this build yet",
            await CliRun.ErrorAsync(new CliFeatures([], [])));
    }

    [Theory]
    [InlineData("nettrace: --diag-quiet needs --diag", "--diag-quiet")]
    [InlineData("nettrace: --diag-keep needs --diag", "--diag-keep")]
    [InlineData("nettrace: --hooks needs --diag", "--hooks")]
    [InlineData("nettrace: --rules needs --diag", "--rules", "/tmp")]
    public async Task Current_DiagOptionWithoutDiag_Refused(string error, params string[] option)
    {
        Assert.Equal(error, await CliRun.ErrorAsync(CliFeatures.Current, option));
    }

    [Fact]
    public async Task Current_DiagWithItsOptions_Accepted()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.Current, "--diag", "--diag-quiet", "--diag-keep", "--hooks", "--rules", "/a", "--rules", "/b");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(TraceMode.Diagnose, run.Session!.Mode);
        Assert.True(run.Session.DiagQuiet && run.Session.DiagKeep && run.Session.Hooks);
        Assert.Equal(["/a", "/b"], run.Session.RuleDirs);
    }

    [Fact]
    public void All_CoversEveryModeAndModeOnlyOption()
    {
        Assert.Equal(Enum.GetValues<TraceMode>().Length, CliFeatures.All.Modes.Count);
        Assert.All(ModeOnlyOption.All, o => Assert.True(CliFeatures.All.Has(o.Name)));
        Assert.Equal([TraceMode.Lifecycle, TraceMode.Basic, TraceMode.Diagnose, TraceMode.Drop, TraceMode.Sock, TraceMode.Monitor], CliFeatures.Current.Modes);
        Assert.Contains("--hooks", CliFeatures.Current.Options);
        Assert.Contains("--tcp-rtt", CliFeatures.Current.Options);
        // This build ships every mode-only option: one left out of the list would be refused as "not available".
        Assert.All(ModeOnlyOption.All, o => Assert.True(CliFeatures.Current.Has(o.Name), $"{o.Name} is not in CliFeatures.Current"));
    }
}
