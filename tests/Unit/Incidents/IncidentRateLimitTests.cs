using System.Net;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Modes.Incidents;
using static NetTrace.Host.Modes.Incidents.IncidentRateLimit.Verdict;

namespace NetTrace.Tests.Unit.Incidents;

public sealed class IncidentRateLimitTests
{
    private static FlowKey Flow(int n) => new(IPAddress.Parse($"10.0.0.{n}"), IPAddress.Parse("10.0.1.1"), IpProtocols.Tcp, 40000, 80);

    [Fact]
    public void TryAcquire_WithinTheRate_GrantsEachNewFlow()
    {
        var limit = new IncidentRateLimit(3, TimeSpan.FromMinutes(1));

        Assert.Equal([Granted, Granted, Granted], [limit.TryAcquire(Flow(1), 0), limit.TryAcquire(Flow(2), 10), limit.TryAcquire(Flow(3), 20)]);
    }

    [Fact]
    public void TryAcquire_MinuteUsedUp_Limited()
    {
        var limit = new IncidentRateLimit(2, TimeSpan.FromSeconds(1));
        limit.TryAcquire(Flow(1), 0);
        limit.TryAcquire(Flow(2), 1_000);

        Assert.Equal(Limited, limit.TryAcquire(Flow(3), 2_000));
        Assert.Equal(Limited, limit.TryAcquire(Flow(3), 59_999));
    }

    [Fact]
    public void TryAcquire_SixtySecondsAfterASlotWasTaken_ItIsFreeAgain()
    {
        var limit = new IncidentRateLimit(2, TimeSpan.FromSeconds(1));
        limit.TryAcquire(Flow(1), 0);
        limit.TryAcquire(Flow(2), 30_000);

        Assert.Equal(Granted, limit.TryAcquire(Flow(3), 60_000));
        Assert.Equal(Limited, limit.TryAcquire(Flow(4), 60_001));
        Assert.Equal(Granted, limit.TryAcquire(Flow(4), 90_000));
    }

    [Fact]
    public void TryAcquire_SameFlowInsideRepeatWindow_Repeat()
    {
        var limit = new IncidentRateLimit(10, TimeSpan.FromSeconds(30));
        limit.TryAcquire(Flow(1), 0);

        Assert.Equal(Repeat, limit.TryAcquire(Flow(1), 29_999));
        Assert.Equal(Granted, limit.TryAcquire(Flow(1), 30_000));
    }

    [Fact]
    public void TryAcquire_RepeatsAndLimitedOnes_TakeNoSlot()
    {
        var limit = new IncidentRateLimit(2, TimeSpan.FromMinutes(1));
        limit.TryAcquire(Flow(1), 0);
        for (int i = 1; i <= 5; i++)
            Assert.Equal(Repeat, limit.TryAcquire(Flow(1), i * 1_000));

        Assert.Equal(Granted, limit.TryAcquire(Flow(2), 10_000));
    }

    [Fact]
    public void TryAcquire_RepeatOfAnEqualKey_RecognisedByValue()
    {
        var limit = new IncidentRateLimit(10, TimeSpan.FromMinutes(1));
        limit.TryAcquire(Flow(1), 0);

        Assert.Equal(Repeat, limit.TryAcquire(Flow(1), 5_000));
        Assert.Equal(Granted, limit.TryAcquire(Flow(1) with { DestinationPort = 443 }, 5_000));
    }
}
