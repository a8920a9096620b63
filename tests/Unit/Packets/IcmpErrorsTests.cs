using NetTrace.Abstractions.Packets;

namespace NetTrace.Tests.Unit.Packets;

public sealed class IcmpErrorsTests
{
    [Theory]
    [InlineData(false, 3, 0, "net-unreachable")]
    [InlineData(false, 3, 2, "protocol-unreachable")]
    [InlineData(false, 3, 13, "admin-prohibited")]
    [InlineData(false, 11, 1, "reassembly-timeout")]
    [InlineData(false, 12, 0, "parameter-problem")]
    [InlineData(false, 5, 1, "redirect")]
    [InlineData(true, 1, 0, "net-unreachable")]
    [InlineData(true, 1, 3, "host-unreachable")]
    [InlineData(true, 1, 1, "admin-prohibited")]
    [InlineData(true, 4, 1, "parameter-problem")]
    public void Name_SameMeaningSameNameInBothFamilies(bool ipv6, byte type, byte code, string name) =>
        Assert.Equal(name, IcmpErrors.Name(ipv6, type, code));

    [Fact]
    public void Describe_UnknownType_SaysTypeAndCode() =>
        Assert.Equal("ICMP type 42 code 1", IcmpErrors.Describe(false, 42, 1, 0));

    [Theory]
    [InlineData(0u, "NONE")]
    [InlineData(0x20u, "FAILED")]
    [InlineData(0x04u, "STALE")]
    [InlineData(0x12u, "REACHABLE|PROBE")]
    public void NeighbourState_NamedAsIpNeighPrintsIt(uint state, string name) =>
        Assert.Equal(name, NeighbourStates.Name(state));

    [Fact]
    public void RouteErrors_UnknownErrno_SaysItsNumber() =>
        Assert.Equal("errno 5", RouteErrors.Name(5));
}
