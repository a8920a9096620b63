using System.Net;

namespace NetTrace.Tests.Unit.Cli;

public class AddressAndPortOptionTests
{
    [Theory]
    [InlineData("-s")]
    [InlineData("--saddr")]
    public async Task Saddr_IPv4_SetsSourceAddress(string flag)
    {
        var options = await CliRun.ParseAsync(flag, "10.0.0.1");
        Assert.Equal(IPAddress.Parse("10.0.0.1"), options.SourceAddress);
        Assert.Null(options.DestinationAddress);
        Assert.Null(options.AnyAddress);
    }

    [Theory]
    [InlineData("-d")]
    [InlineData("--daddr")]
    public async Task Daddr_IPv6_SetsDestinationAddress(string flag)
    {
        var options = await CliRun.ParseAsync(flag, "fd00:1::2");
        Assert.Equal(IPAddress.Parse("fd00:1::2"), options.DestinationAddress);
    }

    [Fact]
    public async Task Addr_IPv4_SetsAnyAddress()
    {
        var options = await CliRun.ParseAsync("--addr", "192.168.122.8");
        Assert.Equal(IPAddress.Parse("192.168.122.8"), options.AnyAddress);
    }

    [Fact]
    public async Task SaddrAndDaddr_SameFamily_BothSet()
    {
        var options = await CliRun.ParseAsync("-s", "::1", "-d", "::2", "--addr", "::3");
        Assert.Equal(IPAddress.IPv6Loopback, options.SourceAddress);
        Assert.Equal(IPAddress.Parse("::2"), options.DestinationAddress);
        Assert.Equal(IPAddress.Parse("::3"), options.AnyAddress);
    }

    [Fact]
    public async Task Saddr_EqualsSyntax_Accepted()
    {
        var options = await CliRun.ParseAsync("--saddr=1.2.3.4");
        Assert.Equal(IPAddress.Parse("1.2.3.4"), options.SourceAddress);
    }

    [Theory]
    [InlineData("--saddr", "1.2.3")]
    [InlineData("--saddr", "7")]
    [InlineData("--daddr", "1.2.3.4.5")]
    [InlineData("--daddr", "256.1.1.1")]
    [InlineData("--addr", "fe80::1%eth0")]
    [InlineData("--addr", "example.com")]
    [InlineData("--addr", "1:2:3")]
    public async Task Address_Invalid_OneLineError(string flag, string value)
    {
        Assert.Equal($"nettrace: invalid address '{value}' for {flag}", await CliRun.ErrorAsync(flag, value));
    }

    [Fact]
    public async Task Saddr_ShortFlagInvalid_NamesLongOption()
    {
        Assert.Equal("nettrace: invalid address '1.2.3' for --saddr", await CliRun.ErrorAsync("-s", "1.2.3"));
    }

    [Theory]
    [InlineData("-S", "1")]
    [InlineData("--sport", "65535")]
    public async Task Sport_InRange_SetsSourcePort(string flag, string value)
    {
        var options = await CliRun.ParseAsync(flag, value);
        Assert.Equal(ushort.Parse(value), options.SourcePort);
    }

    [Theory]
    [InlineData("-D")]
    [InlineData("--dport")]
    public async Task Dport_Valid_SetsDestinationPort(string flag)
    {
        var options = await CliRun.ParseAsync(flag, "9999");
        Assert.Equal((ushort)9999, options.DestinationPort);
        Assert.Null(options.SourcePort);
    }

    [Theory]
    [InlineData("-P")]
    [InlineData("--port")]
    public async Task Port_Valid_SetsAnyPort(string flag)
    {
        var options = await CliRun.ParseAsync(flag, "53");
        Assert.Equal((ushort)53, options.AnyPort);
    }

    [Theory]
    [InlineData("--dport", "70000")]
    [InlineData("--sport", "0")]
    [InlineData("--port", "99999999999999999999")]
    public async Task Port_OutOfRange_OneLineError(string flag, string value)
    {
        Assert.Equal($"nettrace: port {value} is out of range 1-65535 for {flag}", await CliRun.ErrorAsync(flag, value));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("8o")]
    [InlineData("+80")]
    public async Task Port_NotANumber_OneLineError(string value)
    {
        Assert.Equal($"nettrace: invalid port '{value}' for --sport (expected 1-65535)", await CliRun.ErrorAsync("-S", value));
    }
}
