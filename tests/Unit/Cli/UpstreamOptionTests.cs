namespace NetTrace.Tests.Unit.Cli;

/// <summary>Upstream nettrace's options this project takes with upstream's meaning, and refuses where upstream does.</summary>
public sealed class UpstreamOptionTests
{
    [Fact]
    public async Task TraceControl_Bound()
    {
        var options = await CliRun.ParseAsync("--trace-matcher", "ip_rcv,icmp", "--trace-exclude", "tcp-out", "--trace-free", "icmp_rcv", "--trace-noclone");

        Assert.Equal(["ip_rcv", "icmp"], options.TraceControl.Matcher);
        Assert.Equal(["tcp-out"], options.TraceControl.Exclude);
        Assert.Equal(["icmp_rcv"], options.TraceControl.Free);
        Assert.True(options.TraceControl.NoClone);
    }

    [Theory]
    [InlineData("--trace-matcher", "ip_rcv")]
    [InlineData("--trace-free", "ip_rcv")]
    [InlineData("--trace-noclone", null)]
    [InlineData("--latency-show", null)]
    public async Task LifecycleOptions_RefusedWithoutLifecycles(string option, string? value)
    {
        string[] args = value is null ? ["--basic", option] : ["--basic", option, value];
        Assert.Equal($"nettrace: {option} works only in the default and --diag modes, not with --basic", await CliRun.ErrorAsync(args));
    }

    [Fact]
    public async Task TraceExclude_RefusedWithDrop()
    {
        Assert.Equal("nettrace: --trace-exclude works only in the default, --basic and --diag modes, not with --drop",
            await CliRun.ErrorAsync("--drop", "--trace-exclude", "ip_rcv"));
    }

    [Fact]
    public async Task LatencyFree_NeedsLatencyShow()
    {
        Assert.Equal("nettrace: --latency-free needs --latency-show or --latency (it changes the latency they measure)",
            await CliRun.ErrorAsync("--latency-free"));
        var options = await CliRun.ParseAsync("--diag", "--latency-show", "--latency-free");
        Assert.True(options.LatencyShow && options.LatencyFree);
    }

    [Fact]
    public async Task RttDetail_IsSockModeOnTheRttSamples()
    {
        var options = await CliRun.ParseAsync("--rtt-detail", "--filter-srtt", "10");

        Assert.Equal(NetTrace.Host.Session.Options.TraceMode.Sock, options.Mode);
        Assert.Equal(["tcp_ack_update_rtt"], options.Traces);
        Assert.Equal(10u, options.TcpSrttMs);
        Assert.Equal("nettrace: --drop and --rtt-detail cannot be used together (pick one mode)", await CliRun.ErrorAsync("--drop", "--rtt-detail"));
    }

    [Fact]
    public async Task Rtt_IsSockModeCountingAHistogram()
    {
        var options = await CliRun.ParseAsync("--rtt", "--filter-srtt", "0", "-p", "tcp", "--json");

        Assert.Equal(NetTrace.Host.Session.Options.TraceMode.Sock, options.Mode);
        Assert.True(options.RttHistogram);
        Assert.Empty(options.Traces);
        Assert.Equal(0u, options.TcpSrttMs);
        Assert.Equal("nettrace: --rtt and --rtt-detail cannot be used together (pick one mode)", await CliRun.ErrorAsync("--rtt", "--rtt-detail"));
        Assert.Equal("nettrace: --rtt prints a histogram of RTT samples: -t cannot be used with it", await CliRun.ErrorAsync("--rtt", "-t", "tcp_probe"));
        Assert.Equal("nettrace: --rtt prints a histogram of RTT samples: -c cannot be used with it", await CliRun.ErrorAsync("--rtt", "-c", "3"));
        Assert.Equal("nettrace: --rtt prints a histogram of RTT samples: --pcap cannot be used with it", await CliRun.ErrorAsync("--rtt", "--pcap", "/tmp/x.pcapng"));
    }

    [Fact]
    public async Task FuncStats_CountsOnly()
    {
        Assert.True((await CliRun.ParseAsync("--func-stats", "-p", "icmp")).FuncStats);
        Assert.True((await CliRun.ParseAsync("--basic", "--func-stats")).FuncStats);
        Assert.Equal("nettrace: --func-stats works only in the default and --basic modes, not with --diag",
            await CliRun.ErrorAsync("--diag", "--func-stats"));
        Assert.Equal("nettrace: --func-stats prints counts, not packets: -c has nothing to work on",
            await CliRun.ErrorAsync("--func-stats", "-c", "3"));
    }

    [Fact]
    public async Task RateLimit_RefusedWhereLifecyclesWouldBeCut()
    {
        Assert.Equal(50u, (await CliRun.ParseAsync("--drop", "--rate-limit", "50")).RateLimit);
        Assert.Equal("nettrace: --rate-limit would cut lifecycles short: use it with --basic, --drop, --sock or --monitor, not --diag",
            await CliRun.ErrorAsync("--diag", "--rate-limit", "50"));
    }

    [Fact]
    public async Task Latency_AModeOfItsOwn()
    {
        var summary = await CliRun.ParseAsync("--latency-summary", "--min-latency", "100us", "--latency-free");
        Assert.True(summary.Latency && summary.LatencySummary && summary.LatencyFree);
        Assert.Equal("nettrace: --latency is a mode of its own: it cannot be used with --diag", await CliRun.ErrorAsync("--diag", "--latency"));
        Assert.Equal("nettrace: --latency-summary prints one line per skb (or a histogram), not its hits: --record cannot be used with it",
            await CliRun.ErrorAsync("--latency-summary", "--record", "/tmp/x.ntrec"));
        Assert.True((await CliRun.ParseAsync("--latency", "--json")).Json);
        Assert.True((await CliRun.ParseAsync("--latency-summary", "--json")).Json);
    }

    [Fact]
    public async Task Force_Accepted()
    {
        Assert.NotNull(await CliRun.ParseAsync("-t", "all", "--force"));
    }
}
