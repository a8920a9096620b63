using System.Globalization;
using NetTrace.Host.Session.Output;

namespace NetTrace.Tests.Unit.Output;

/// <summary>The seed's "seconds.micros" time, formatted by hand, against the composite format it replaced.</summary>
public sealed class EventClockTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(999UL)]
    [InlineData(1_000UL)]
    [InlineData(146_136_576_123UL)]
    [InlineData(1_000_000_000UL)]
    [InlineData(ulong.MaxValue)]
    public void Format_Seconds_MatchesCompositeFormat(ulong ns)
    {
        string expected = string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000_000}.{ns / 1000 % 1_000_000:D6}");

        Assert.Equal(expected, new EventClock(date: false).Format(ns));
    }
}
