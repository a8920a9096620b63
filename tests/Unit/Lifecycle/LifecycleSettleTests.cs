using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Lifecycle;
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
