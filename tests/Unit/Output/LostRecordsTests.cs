using NetTrace.Host.Output;

namespace NetTrace.Tests.Unit.Output;

public sealed class LostRecordsTests
{
    [Theory]
    [InlineData(new ulong[] { 0, 0 }, "0 lost")]
    [InlineData(new ulong[] { 0, 7 }, "7 lost (cpu1: 7)")]
    [InlineData(new ulong[] { 3, 0, 5 }, "8 lost (cpu0: 3, cpu2: 5)")]
    public void Describe_NamesTheCpusThatLost(ulong[] perCpu, string expected)
    {
        Assert.Equal(expected, LostRecords.Describe(perCpu));
    }
}
