using NetTrace.Abstractions.Events;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>
/// Records the kernel holds until a function returns (--ret) arrive after the skb's free when the
/// function freed it on the way (e.g. __dev_queue_xmit runs the whole receive path on veth).
/// </summary>
public class LifecycleSettleTests
{
    private const ulong A = 0xffff888100000100;
    private static readonly Abstractions.Packets.PacketInfo Packet = Ping("10.0.0.1", "10.0.0.2", 1);

    [Fact]
    public void Add_ReturnRecordAfterFree_JoinsTheCompletedContextUntilSettled()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "ip_output", Packet));
        var completed = Assert.Single(assembler.Add(Free(3m, A, Packet)));

        Assert.Empty(assembler.Add(Hit(2m, A, "__dev_queue_xmit", Packet, SkbTraceFlags.Return, ret: 0)));

        Assert.Equal(["ip_output", "consume_skb", "__dev_queue_xmit"], completed.Events.Select(e => e.Point));
        Assert.Equal(0, assembler.OpenCount);
    }

    [Fact]
    public void Add_AfterSettle_AddressStartsANewContext()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "ip_output", Packet));
        var first = Assert.Single(assembler.Add(Free(2m, A, Packet)));
        assembler.Settle();

        assembler.Add(Hit(3m, A, "ip_rcv", Packet));

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(1, assembler.OpenCount);
    }

    [Fact]
    public void Settle_UpToATime_KeepsLaterCompletionsOpenToTheirLateRecords()
    {
        // A poll woke between the free and the verdict nf_hook_slow returns after it: the sink settles only what
        // completed before its grace period, so the verdict still finds its packet.
        const ulong B = 0xffff888100000200;
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, B, "ip_output", Packet));
        var early = Assert.Single(assembler.Add(Free(2m, B, Packet)));
        assembler.Add(Hit(5m, A, "ip_output", Packet));
        var recent = Assert.Single(assembler.Add(Free(7m, A, Packet)));

        assembler.Settle(early.CompletedAt);
        assembler.Add(Hit(6m, A, "nf_hook_slow", Packet, SkbTraceFlags.Return, ret: -1));
        assembler.Add(Hit(3m, B, "nf_hook_slow", Packet, SkbTraceFlags.Return, ret: -1));

        Assert.Equal(["ip_output", "consume_skb", "nf_hook_slow"], recent.Events.Select(e => e.Point));
        Assert.Equal(2, early.Events.Count);
        Assert.Equal(1, assembler.OpenCount); // B's late record came after its grace: a context of its own
    }

    [Fact]
    public void SinkTick_JustCompleted_WaitsForItsLateRecords()
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = new LifecycleWriter(output, new EventClock(date: false), detail: false, showReturn: false, new FakeRenderContext());
        var sink = SkbSink.Lifecycle(writer, limit: null);
        decimal now = EventClock.MonotonicNowNs() / 1_000_000_000m;
        sink.Add(Hit(now, A, "ip_output", Packet));
        sink.Add(Free(now + 0.000002m, A, Packet, point: "kfree_skb"));

        sink.Tick(); // the poll woke on the free; the verdict is not read yet
        string afterTick = output.ToString();
        sink.Add(Hit(now + 0.000001m, A, "nf_hook_slow", Packet, SkbTraceFlags.Return, ret: -1));
        sink.Finish();

        Assert.Equal("", afterTick);
        Assert.Equal(1, sink.Packets);
        Assert.Contains("[nf_hook_slow", output.ToString());
    }

    [Fact]
    public void Add_FirstHitOfANewPacketBeforeSettle_OpensItsOwnContext()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "ip_output", Packet));
        var first = Assert.Single(assembler.Add(Free(2m, A, Packet)));

        assembler.Add(Hit(3m, A, "ip_rcv", Packet, SkbTraceFlags.First));

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(1, assembler.OpenCount);
    }

    [Fact]
    public void Add_EntryHitOnAFreedAddressBeforeSettle_IsANewPacket()
    {
        // A ping reply's raw-socket clone reusing the request's address: not a late record of the request.
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "ip_output", Packet));
        var first = Assert.Single(assembler.Add(Free(2m, A, Packet)));

        assembler.Add(Hit(3m, A, "consume_skb", Ping("10.0.0.2", "10.0.0.1", 1)));

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(1, assembler.OpenCount);
    }
}
