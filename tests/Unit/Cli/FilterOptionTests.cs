namespace NetTrace.Tests.Unit.Cli;

public class FilterOptionTests
{
    [Fact]
    public async Task NoFilters_Defaults_AllUnset()
    {
        var options = await CliRun.ParseAsync();
        Assert.Null(options.Netns);
        Assert.False(options.NetnsCurrent);
        Assert.Null(options.Pid);
        Assert.Null(options.MinLatencyNs);
        Assert.Null(options.PacketLength);
        Assert.Equal(0, options.TcpFlags);
        Assert.Null(options.TcpRttMs);
        Assert.Null(options.TcpSrttMs);
    }

    [Fact]
    public async Task Netns_Inode_SetsNetns()
    {
        Assert.Equal(4026531840u, (await CliRun.ParseAsync("--netns", "4026531840")).Netns);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("5000000000")]
    [InlineData("1.5")]
    public async Task Netns_Invalid_OneLineError(string value)
    {
        Assert.Equal($"nettrace: invalid inode '{value}' for --netns (expected a positive integer)", await CliRun.ErrorAsync("--netns", value));
    }

    [Fact]
    public async Task NetnsCurrent_Flag_SetsNetnsCurrent()
    {
        Assert.True((await CliRun.ParseAsync("--netns-current")).NetnsCurrent);
    }

    [Fact]
    public async Task Pid_Positive_SetsPid()
    {
        Assert.Equal(1234, (await CliRun.ParseAsync("--pid", "1234")).Pid);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("3000000000")]
    public async Task Pid_Invalid_OneLineError(string value)
    {
        Assert.Equal($"nettrace: invalid pid '{value}' for --pid (expected a positive integer)", await CliRun.ErrorAsync("--pid", value));
    }

    [Theory]
    [InlineData("10", 10_000_000UL)]       // the seed's unit: a bare number is ms
    [InlineData("10ms", 10_000_000UL)]
    [InlineData("500us", 500_000UL)]       // upstream's unit, said explicitly
    [InlineData("2s", 2_000_000_000UL)]
    public async Task MinLatency_MillisecondsOrAUnit(string text, ulong nanoseconds)
    {
        Assert.Equal(nanoseconds, (await CliRun.ParseAsync("--min-latency", text)).MinLatencyNs);
    }

    [Fact]
    public async Task MinLatency_DiagMode_Accepted()
    {
        Assert.Equal(3_000_000UL, (await CliRun.ParseAsync("--diag", "--min-latency", "3")).MinLatencyNs);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("5m")]
    [InlineData("1.5ms")]
    public async Task MinLatency_NotADuration_OneLineError(string text)
    {
        Assert.Equal($"nettrace: invalid duration '{text}' for --min-latency (expected a positive number of ms, or with a unit: 500us, 2ms, 1s)",
            await CliRun.ErrorAsync("--min-latency", text));
    }

    [Theory]
    [InlineData("100", 100, 100)]
    [InlineData("60-1500", 60, 1500)]
    [InlineData("0-65535", 0, 65535)]
    [InlineData("64-64", 64, 64)]
    public async Task PktLen_SingleOrRange_SetsInclusiveBounds(string value, int min, int max)
    {
        Assert.Equal(((ushort)min, (ushort)max), (await CliRun.ParseAsync("--pkt-len", value)).PacketLength);
    }

    [Theory]
    [InlineData("1500-60")]
    [InlineData("70000")]
    [InlineData("1-70000")]
    [InlineData("1-2-3")]
    [InlineData("a")]
    [InlineData("100-")]
    [InlineData("")]
    public async Task PktLen_Invalid_OneLineError(string value)
    {
        Assert.Equal($"nettrace: invalid length '{value}' for --pkt-len (expected N or N-M with N <= M <= 65535)",
            await CliRun.ErrorAsync("--pkt-len", value));
    }

    [Theory]
    [InlineData("S", 2)]
    [InlineData("A", 16)]
    [InlineData("P", 8)]
    [InlineData("R", 4)]
    [InlineData("F", 1)]
    [InlineData("U", 32)]
    [InlineData("E", 64)]
    [InlineData("C", 128)]
    [InlineData("SA", 18)]
    [InlineData("SAPRF", 31)]
    [InlineData("SAPRFUEC", 255)]
    [InlineData("sa", 18)]
    [InlineData("SS", 2)]
    public async Task TcpFlags_Letters_SetBitmask(string letters, int mask)
    {
        Assert.Equal((byte)mask, (await CliRun.ParseAsync("--tcp-flags", letters)).TcpFlags);
    }

    [Theory]
    [InlineData("X", 'X')]
    [InlineData("SX", 'X')]
    [InlineData("S,A", ',')]
    public async Task TcpFlags_UnknownLetter_OneLineError(string letters, char bad)
    {
        Assert.Equal($"nettrace: invalid TCP flag '{bad}' in --tcp-flags (expected letters from SAPRFUEC)",
            await CliRun.ErrorAsync("--tcp-flags", letters));
    }

    [Fact]
    public async Task TcpFlags_Empty_OneLineError()
    {
        Assert.Equal("nettrace: --tcp-flags needs at least one of the letters SAPRFUEC", await CliRun.ErrorAsync("--tcp-flags", ""));
    }

    [Theory]
    [InlineData("--sock")]
    [InlineData("--monitor")]
    public async Task TcpRttAndSrtt_SockOrMonitor_SetMilliseconds(string mode)
    {
        var options = await CliRun.ParseAsync(mode, "--tcp-rtt", "20", "--tcp-srtt", "30");
        Assert.Equal(20u, options.TcpRttMs);
        Assert.Equal(30u, options.TcpSrttMs);
    }

    /// <summary>Upstream's 0 means every sample; its users write --filter-srtt 0.</summary>
    [Fact]
    public async Task TcpRtt_Zero_EverySample()
    {
        var options = await CliRun.ParseAsync("--sock", "--filter-srtt", "0", "--filter-minrtt", "0");
        Assert.Equal(0u, options.TcpSrttMs);
        Assert.Equal(0u, options.TcpRttMs);
    }

    [Fact]
    public async Task TcpRtt_Negative_OneLineError()
    {
        Assert.Equal("nettrace: invalid rtt '-1' for --tcp-rtt (expected a whole number, 0 for every sample)",
            await CliRun.ErrorAsync("--sock", "--tcp-rtt", "-1"));
    }
}
