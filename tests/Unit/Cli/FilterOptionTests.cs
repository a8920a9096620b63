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
        Assert.Null(options.MinLatencyMs);
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

    [Fact]
    public async Task MinLatency_DefaultMode_SetsMilliseconds()
    {
        Assert.Equal(10u, (await CliRun.ParseAsync("--min-latency", "10")).MinLatencyMs);
    }

    [Fact]
    public async Task MinLatency_DiagMode_Accepted()
    {
        Assert.Equal(3u, (await CliRun.ParseAsync("--diag", "--min-latency", "3")).MinLatencyMs);
    }

    [Fact]
    public async Task MinLatency_NotANumber_OneLineError()
    {
        Assert.Equal("nettrace: invalid latency 'soon' for --min-latency (expected a positive integer)",
            await CliRun.ErrorAsync("--min-latency", "soon"));
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

    [Fact]
    public async Task TcpRtt_Zero_OneLineError()
    {
        Assert.Equal("nettrace: invalid rtt '0' for --tcp-rtt (expected a positive integer)", await CliRun.ErrorAsync("--sock", "--tcp-rtt", "0"));
    }
}
