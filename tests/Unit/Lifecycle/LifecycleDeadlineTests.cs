using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>
/// An idle session sleeps until the sink's next deadline instead of waking every 100 ms: nothing in flight means no
/// deadline, an open lifecycle wakes it when it goes idle, a completed one when its late records had their chance.
/// </summary>
public class LifecycleDeadlineTests
{
    private const ulong A = 0xffff888100000100;
    private static readonly Abstractions.Packets.PacketInfo Packet = Ping("10.0.0.1", "10.0.0.2", 1);

    private static SkbSink Sink() =>
        SkbSink.Lifecycle(new LifecycleWriter(new StringWriter(), new EventClock(date: false), detail: false, showReturn: false,
            new FakeRenderContext()), limit: null);

    private static decimal Now => EventClock.MonotonicNowNs() / 1_000_000_000m;

    [Fact]
    public void TickTimeout_NothingInFlight_IsNone()
    {
        Assert.Equal(-1, Sink().TickTimeoutMs());
    }

    [Fact]
    public void TickTimeout_OpenLifecycle_IsWhenItGoesIdle()
    {
        var sink = Sink();
        sink.Add(Hit(Now, A, "ip_output", Packet));

        int timeout = sink.TickTimeoutMs();

        Assert.InRange(timeout, 4_900, 5_001); // the 5 s idle limit, less the time the test took
    }

    [Fact]
    public void TickTimeout_CompletedLifecycle_IsItsSettleTimeThenNone()
    {
        var sink = Sink();
        decimal now = Now;
        sink.Add(Hit(now, A, "ip_output", Packet));
        sink.Add(Free(now, A, Packet, point: "kfree_skb"));

        int settling = sink.TickTimeoutMs();
        Thread.Sleep(settling + 1);
        sink.Tick();

        Assert.InRange(settling, 0, 51);
        Assert.Equal(1, sink.Packets);
        Assert.Equal(-1, sink.TickTimeoutMs());
    }

    [Fact]
    public void TickTimeout_IdleTooLong_IsDueAtOnce()
    {
        var sink = Sink();
        sink.Add(Hit(Now - 6m, A, "ip_output", Packet));

        Assert.Equal(0, sink.TickTimeoutMs());
        sink.Tick();
        Assert.Equal(1, sink.Packets);
    }
}
