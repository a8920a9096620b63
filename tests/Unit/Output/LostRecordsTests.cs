using NetTrace.Host.Session.Output;

namespace NetTrace.Tests.Unit.Output;

public sealed class LostRecordsTests
{
    /// <summary>--monitor's sources: the drop and sock groups' objects, and the packet-path engine's.</summary>
    private static readonly Func<ulong[]>[] MonitorSources = [() => [1, 0], () => [0, 2], () => [4, 8]];

    [Theory]
    [InlineData(new ulong[] { 0, 0 }, "0 lost")]
    [InlineData(new ulong[] { 0, 7 }, "7 lost (cpu1: 7)")]
    [InlineData(new ulong[] { 3, 0, 5 }, "8 lost (cpu0: 3, cpu2: 5)")]
    public void Describe_NamesTheCpusThatLost(ulong[] perCpu, string expected)
    {
        Assert.Equal(expected, LostRecords.Describe(perCpu));
    }

    [Fact]
    public void PerCpu_SeveralObjects_SumsEachCpuOverAll()
    {
        var lost = new LostRecords(MonitorSources, new Log(TextWriter.Null, false, false));

        Assert.Equal([5UL, 10UL], lost.PerCpu);
        Assert.Equal("15 lost (cpu0: 5, cpu1: 10)", LostRecords.Describe(lost.PerCpu));
    }

    [Fact]
    public void Total_SeveralObjects_CountsEveryObject()
    {
        var lost = new LostRecords(MonitorSources, new Log(TextWriter.Null, false, false));

        Assert.Equal(15UL, lost.Total);
    }

    [Fact]
    public void Tick_Verbose_CountsEveryObject()
    {
        var said = new StringWriter();
        var lost = new LostRecords(MonitorSources, new Log(said, verbose: true, debug: false));

        lost.Tick();

        Assert.Equal("lost 15 records in the last second; so far 15 lost (cpu0: 5, cpu1: 10)", said.ToString().Trim());
    }

    [Fact]
    public void PerCpu_NoObjects_Empty()
    {
        Assert.Empty(new LostRecords([], new Log(TextWriter.Null, false, false)).PerCpu);
    }
}
