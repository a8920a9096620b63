using NetTrace.Host.Cli;
using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

public class UsageErrorTests
{
    [Fact]
    public async Task UnknownOption_OneLineErrorExit2()
    {
        Assert.Equal("nettrace: unknown option '--bogus' (see nettrace --help)", await CliRun.ErrorAsync("--bogus"));
    }

    [Fact]
    public async Task UnknownOption_AfterValidOnes_StillReported()
    {
        Assert.Equal("nettrace: unknown option '-x' (see nettrace --help)", await CliRun.ErrorAsync("-p", "tcp", "-x"));
    }

    [Fact]
    public async Task UnknownOption_InUnbuiltDefaultMode_UnknownOptionWins()
    {
        Assert.Equal("nettrace: unknown option '--bogus' (see nettrace --help)", await CliRun.ErrorAsync(CliFeatures.Current, "--bogus"));
    }

    [Fact]
    public async Task StrayArgument_OneLineError()
    {
        // A word no option takes is the filter expression (as tcpdump reads it): libpcap's message says what is wrong.
        Assert.Equal("nettrace: filter expression 'foo': can't parse filter expression: syntax error", await CliRun.ErrorAsync("foo"));
    }

    [Fact]
    public async Task FlagWithValue_ValueIsStray()
    {
        Assert.Equal("tcp", (await CliRun.ParseAsync("--ret", "tcp")).FilterExpression); // a flag takes no value: the word is the expression
    }

    [Fact]
    public async Task AtSign_NotAResponseFile()
    {
        Assert.Equal("nettrace: filter expression '@args.txt': can't parse filter expression: syntax error", await CliRun.ErrorAsync("@args.txt"));
    }

    [Theory]
    [InlineData("-s", "--saddr")]
    [InlineData("--dport", "--dport")]
    [InlineData("-t", "--trace")]
    public async Task MissingValue_OneLineError(string flag, string name)
    {
        Assert.Equal($"nettrace: {name} needs a value (see nettrace --help)", await CliRun.ErrorAsync(flag));
    }

    [Fact]
    public async Task MissingValue_NextIsOption_OptionTakenAsValue()
    {
        Assert.Equal("nettrace: invalid address '-d' for --saddr", await CliRun.ErrorAsync("-s", "-d", "1.1.1.1"));
    }

    [Fact]
    public async Task SingleValueOption_GivenTwice_OneLineError()
    {
        Assert.Equal("nettrace: --saddr was given more than once", await CliRun.ErrorAsync("-s", "1.1.1.1", "--saddr", "2.2.2.2"));
    }

    [Theory]
    [InlineData("--basic", "--sock")]
    [InlineData("--diag", "--drop")]
    [InlineData("--drop", "--monitor")]
    [InlineData("--sock", "--monitor")]
    public async Task TwoModes_OneLineError(string first, string second)
    {
        Assert.Equal($"nettrace: {first} and {second} cannot be used together (pick one mode)", await CliRun.ErrorAsync(first, second));
    }

    [Theory]
    [InlineData("--diag-quiet", "--diag-quiet needs --diag")]
    [InlineData("--diag-keep", "--diag-keep needs --diag")]
    [InlineData("--hooks", "--hooks needs --diag")]
    [InlineData("--drop-stack", "--drop-stack needs --drop")]
    public async Task DependentFlag_WithoutItsMode_OneLineError(string flag, string message)
    {
        Assert.Equal("nettrace: " + message, await CliRun.ErrorAsync(flag));
    }

    [Fact]
    public async Task DiagQuiet_InDropMode_NeedsDiag()
    {
        Assert.Equal("nettrace: --diag-quiet needs --diag", await CliRun.ErrorAsync("--drop", "--diag-quiet"));
    }

    [Theory]
    [InlineData("--tcp-rtt")]
    [InlineData("--tcp-srtt")]
    public async Task RttFilter_OutsideSockAndMonitor_OneLineError(string flag)
    {
        Assert.Equal($"nettrace: {flag} needs --sock or --monitor", await CliRun.ErrorAsync("--diag", flag, "5"));
    }

    [Theory]
    [InlineData("--basic")]
    [InlineData("--drop")]
    [InlineData("--sock")]
    [InlineData("--monitor")]
    public async Task MinLatency_OutsideDefaultAndDiag_OneLineError(string mode)
    {
        Assert.Equal($"nettrace: --min-latency works only in the default and --diag modes, not with {mode}",
            await CliRun.ErrorAsync(mode, "--min-latency", "5"));
    }

    [Theory]
    [InlineData("icmp", "--dport")]
    [InlineData("arp", "--sport")]
    [InlineData("icmpv6", "--port")]
    public async Task PortFilter_ProtocolWithoutPorts_OneLineError(string protocol, string flag)
    {
        Assert.Equal($"nettrace: {flag} cannot be used with --proto {protocol}, which has no ports",
            await CliRun.ErrorAsync("-p", protocol, flag, "80"));
    }

    [Theory]
    [InlineData("ipv6", "--saddr", "1.2.3.4")]
    [InlineData("icmpv6", "--daddr", "1.2.3.4")]
    [InlineData("ipv4", "--addr", "::1")]
    [InlineData("icmp", "--saddr", "::1")]
    [InlineData("arp", "--daddr", "::1")]
    public async Task Address_WrongFamilyForProtocol_OneLineError(string protocol, string flag, string address)
    {
        string family = address.Contains(':') ? "IPv6" : "IPv4";
        string other = family == "IPv6" ? "IPv4" : "IPv6";
        Assert.Equal($"nettrace: {flag} {address} is {family} but --proto {protocol} only matches {other}",
            await CliRun.ErrorAsync("-p", protocol, flag, address));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("udp")]
    public async Task Address_AnyFamilyWithTcpOrUdp_Accepted(string protocol)
    {
        Assert.NotNull((await CliRun.ParseAsync("-p", protocol, "-s", "::1", "-D", "80")).SourceAddress);
    }

    [Fact]
    public async Task SaddrAndDaddr_DifferentFamilies_OneLineError()
    {
        Assert.Equal("nettrace: --saddr 1.2.3.4 and --daddr ::1 are of different address families",
            await CliRun.ErrorAsync("-s", "1.2.3.4", "-d", "::1"));
    }

    [Fact]
    public async Task AddrAndSaddr_DifferentFamilies_OneLineError()
    {
        Assert.Equal("nettrace: --saddr ::1 and --addr 10.0.0.1 are of different address families",
            await CliRun.ErrorAsync("--addr", "10.0.0.1", "-s", "::1"));
    }

    [Fact]
    public async Task NetnsAndNetnsCurrent_Together_OneLineError()
    {
        Assert.Equal("nettrace: --netns and --netns-current cannot be used together", await CliRun.ErrorAsync("--netns", "5", "--netns-current"));
    }

    [Fact]
    public async Task TcpFlags_WithUdp_OneLineError()
    {
        Assert.Equal("nettrace: --tcp-flags cannot be used with --proto udp, which is not TCP", await CliRun.ErrorAsync("-p", "udp", "--tcp-flags", "S"));
    }

    [Fact]
    public async Task PktLen_WithArp_OneLineError()
    {
        Assert.Equal("nettrace: --pkt-len cannot be used with --proto arp, which is not IP", await CliRun.ErrorAsync("-p", "arp", "--pkt-len", "60"));
    }

    [Fact]
    public async Task UsageError_NoHelpDumpOrStackTrace()
    {
        var run = await CliRun.InvokeAsync(CliFeatures.All, "--dport", "70000");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("nettrace: port 70000 is out of range 1-65535 for --dport\n", run.Stderr);
    }

    [Fact]
    public async Task ValueErrorAndRuleError_ValueErrorWins()
    {
        Assert.Equal("nettrace: invalid address '1.2.3' for --saddr", await CliRun.ErrorAsync("--basic", "--sock", "-s", "1.2.3"));
    }

    [Fact]
    public async Task SessionThrows_OneLineExit1()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        int code = await NetTraceCli.InvokeAsync(
            ["--drop"], CliFeatures.Current,
            (_, _) => throw new InvalidOperationException("boom"),
            (_, _) => Task.FromResult(0),
            TextWriter.Null, stderr);
        Assert.Equal(1, code);
        Assert.Equal("nettrace: boom\n", stderr.ToString());
    }
}
