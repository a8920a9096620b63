using NetTrace.Host.Modes.Diff;
using static NetTrace.Tests.Unit.Diff.DiffPaths;

namespace NetTrace.Tests.Unit.Diff;

public sealed class PathTimingTests
{
    [Fact]
    public void DeltaAndOffset_ComeFromEachSidesOwnTimestamps()
    {
        var diff = NetfilterDrop();

        Assert.Equal([0UL, 1_500, 3_100, 1_200, 1_200, 2_250], Enumerable.Range(0, 6).Select(i => diff.DeltaNs(diff.Good, i)));
        Assert.Equal([0UL, 1_400, 2_900, 804], Enumerable.Range(0, 4).Select(i => diff.DeltaNs(diff.Bad, i)));
        Assert.Equal(4_600UL, diff.OffsetNs(diff.Good, 2));
        Assert.Equal(5_104UL, diff.OffsetNs(diff.Bad, 3));
        Assert.Equal(9_250UL, diff.Good.DurationNs);
        Assert.Equal(5_104UL, diff.Bad.DurationNs);
    }

    [Fact]
    public void Duration_OneStep_IsZero()
    {
        Assert.Equal(0UL, Side("one", ("ip_rcv", null, 123)).DurationNs);
    }

    [Fact]
    public void Delta_StepsOutOfOrderAcrossCpus_IsZeroNotAWrap()
    {
        var side = Side("skewed", ("ip_rcv", null, 500), ("ip_rcv_finish", null, 200), ("icmp_rcv", null, 900));
        var diff = PathAlignment.Align(side, side);

        Assert.Equal(0UL, diff.DeltaNs(side, 1));
        Assert.Equal(0UL, diff.OffsetNs(side, 1));
        Assert.Equal(700UL, diff.DeltaNs(side, 2));
        Assert.Equal(400UL, side.DurationNs);
    }
}
