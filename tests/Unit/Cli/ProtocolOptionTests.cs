using NetTrace.Host.Session.Options;

namespace NetTrace.Tests.Unit.Cli;

public class ProtocolOptionTests
{
    [Theory]
    [InlineData("tcp", 0, 6)]
    [InlineData("TCP", 0, 6)]
    [InlineData("udp", 0, 17)]
    [InlineData("icmp", 0x0800, 1)]
    [InlineData("icmpv6", 0x86DD, 58)]
    [InlineData("icmp6", 0x86DD, 58)]
    [InlineData("ICMPv6", 0x86DD, 58)]
    [InlineData("arp", 0x0806, 0)]
    [InlineData("ip", 0x0800, 0)]
    [InlineData("ipv4", 0x0800, 0)]
    [InlineData("ipv6", 0x86DD, 0)]
    [InlineData("ip6", 0x86DD, 0)]
    public async Task Proto_KnownName_SetsEtherTypeAndIpProtocol(string name, int etherType, int ipProtocol)
    {
        var options = await CliRun.ParseAsync("-p", name);
        Assert.NotNull(options.Protocol);
        Assert.Equal((ushort)etherType, options.Protocol.EtherType);
        Assert.Equal((byte)ipProtocol, options.Protocol.IpProtocol);
    }

    [Fact]
    public async Task Proto_LongFlagAlias_IsCanonical()
    {
        var options = await CliRun.ParseAsync("--proto", "icmp6");
        Assert.Equal(ProtocolFilter.IcmpV6, options.Protocol);
        Assert.Equal("icmpv6", options.Protocol!.Name);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("sctp")]
    [InlineData("")]
    public async Task Proto_Unknown_ListsTheKnownNames(string name)
    {
        Assert.Equal(
            $"nettrace: unknown protocol '{name}' for --proto (expected tcp, udp, icmp, icmpv6, arp, ipv4, ipv6)",
            await CliRun.ErrorAsync("--proto", name));
    }

    [Fact]
    public async Task Proto_NotGiven_IsNull()
    {
        Assert.Null((await CliRun.ParseAsync()).Protocol);
    }

    [Theory]
    [InlineData("tcp", true)]
    [InlineData("udp", true)]
    [InlineData("ipv4", true)]
    [InlineData("ipv6", true)]
    [InlineData("icmp", false)]
    [InlineData("icmpv6", false)]
    [InlineData("arp", false)]
    public void HasPorts_ByProtocol_MatchesL4(string name, bool expected)
    {
        Assert.Equal(expected, ProtocolFilter.Find(name)!.HasPorts);
    }
}
