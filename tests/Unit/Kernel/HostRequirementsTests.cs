using NetTrace.Host.Kernel;

namespace NetTrace.Tests.Unit.Kernel;

public sealed class HostRequirementsTests
{
    [Theory]
    [InlineData("000001ffffffffff", true)] // root: everything
    [InlineData("0000000000200000", true)] // CAP_SYS_ADMIN alone
    [InlineData("000000c000000000", true)] // CAP_BPF + CAP_PERFMON
    [InlineData("0000008000000000", false)] // CAP_BPF without CAP_PERFMON
    [InlineData("0000000000000000", false)] // nothing
    public void Privileges_ReadFromTheEffectiveSet(string capEff, bool expected) =>
        Assert.Equal(expected, HostRequirements.HasPrivileges($"Name:\tnettrace\nCapInh:\t0000000000000000\nCapEff:\t{capEff}\n"));

    [Fact]
    public void Privileges_UnreadableStatus_LeftToTheKernel() =>
        Assert.True(HostRequirements.HasPrivileges("Name:\tnettrace\n"));
}
