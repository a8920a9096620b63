using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

public sealed class LifecycleAssemblerTests
{
    private const ulong A = 0xffff888000000100, B = 0xffff888000000200, C = 0xffff888000000300;
    private static readonly PacketInfo Packet = Ping("10.0.0.1", "10.0.0.2", 1);

    [Fact]
    public void Add_OneSkbUntilFree_CompletesOnFree()
    {
        var assembler = new LifecycleAssembler();

        Assert.Empty(assembler.Add(Hit(1m, A, "ip_rcv", Packet)));
        var done = assembler.Add(Free(2m, A, Packet));

        SkbContext context = Assert.Single(done);
        Assert.Equal([A], context.Skbs);
        Assert.Equal(2, context.Events.Count);
        Assert.True(context.IsComplete);
        Assert.Equal(0, assembler.OpenCount);
    }

    [Fact]
    public void Add_Clone_CompletesOnlyWhenBothFreed()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "skb_clone", Packet, clone: B));

        Assert.Empty(assembler.Add(Free(2m, B, Packet)));
        Assert.Empty(assembler.Add(Hit(3m, A, "packet_rcv", Packet)));

        Assert.Single(assembler.Add(Free(4m, A, Packet)));
    }

    [Fact]
    public void Add_CloneHits_JoinTheOriginalsContext()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "skb_clone", Packet, clone: B));
        assembler.Add(Hit(2m, B, "ip_rcv", Packet));
        Assert.Empty(assembler.Add(Free(3m, B, Packet)));

        SkbContext context = Assert.Single(assembler.Add(Free(4m, A, Packet)));

        Assert.Equal([A, B], context.Skbs);
        Assert.Equal(4, context.Events.Count);
        Assert.Equal(Ts(1m), context.FirstTimestamp);
        Assert.Equal(Ts(4m), context.LastTimestamp);
    }

    [Fact]
    public void Add_AddressReusedAfterFree_OpensNewContext()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "skb_clone", Packet, clone: B));
        assembler.Add(Free(2m, A, Packet));

        // B is still alive, so the first context stays open; A now belongs to an unrelated packet.
        Assert.Empty(assembler.Add(Hit(3m, A, "ip_rcv", Packet)));

        Assert.Equal(2, assembler.OpenCount);
        SkbContext reused = Assert.Single(assembler.Add(Free(4m, A, Packet)));
        Assert.Equal(Ts(3m), reused.FirstTimestamp);
    }

    [Fact]
    public void Add_CloneAddressOwnedByStaleContext_MovesItAndCompletesStale()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, C, "ip_rcv", Packet)); // C's free is never seen
        assembler.Add(Hit(2m, A, "ip_rcv", Packet));

        var done = assembler.Add(Hit(3m, A, "skb_clone", Packet, clone: C));

        SkbContext stale = Assert.Single(done);
        Assert.Equal(Ts(1m), stale.FirstTimestamp);
        Assert.Empty(assembler.Add(Free(4m, C, Packet)));
        SkbContext moved = Assert.Single(assembler.Add(Free(5m, A, Packet)));
        Assert.Equal([A, C], moved.Skbs);
    }

    [Fact]
    public void Add_BoundExceeded_CompletesOldestEarly()
    {
        var assembler = new LifecycleAssembler(maxOpen: 2);
        assembler.Add(Hit(1m, A, "ip_rcv", Packet));
        assembler.Add(Hit(2m, B, "ip_rcv", Packet));

        SkbContext evicted = Assert.Single(assembler.Add(Hit(3m, C, "ip_rcv", Packet)));

        Assert.Equal([A], evicted.Skbs);
        Assert.False(evicted.IsComplete);
        Assert.Equal(2, assembler.OpenCount);
        Assert.Equal(1, assembler.Evicted);
    }

    [Fact]
    public void Add_AfterEviction_SameAddressOpensNewContext()
    {
        var assembler = new LifecycleAssembler(maxOpen: 1);
        assembler.Add(Hit(1m, A, "ip_rcv", Packet));
        assembler.Add(Hit(2m, B, "ip_rcv", Packet));

        SkbContext evicted = Assert.Single(assembler.Add(Hit(3m, A, "ip_rcv_finish", Packet)));

        Assert.Equal([B], evicted.Skbs);
        SkbContext reopened = Assert.Single(assembler.Add(Free(4m, A, Packet)));
        Assert.Equal(Ts(3m), reopened.FirstTimestamp);
    }

    [Fact]
    public void Expire_IdleContext_CompletedOthersKept()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "ip_rcv", Packet));
        assembler.Add(Hit(8m, B, "ip_rcv", Packet));
        assembler.Add(Hit(2m, C, "ip_rcv", Packet));
        assembler.Add(Hit(9m, C, "ip_rcv_finish", Packet));

        var expired = assembler.Expire(nowNs: Ts(10m), idleNs: Ts(5m));

        Assert.Equal([A], Assert.Single(expired).Skbs);
        Assert.Equal(2, assembler.OpenCount);
        Assert.Equal(1, assembler.Expired);
    }

    [Fact]
    public void Expire_IdleExactlyTheLimit_Kept()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, A, "ip_rcv", Packet));

        Assert.Empty(assembler.Expire(nowNs: Ts(6m), idleNs: Ts(5m)));
    }

    [Fact]
    public void Expire_ThenFreeOfExpiredSkb_StartsNewContext()
    {
        // Kept: by default such a lone free is left out (LifecycleLoneFreeTests).
        var assembler = new LifecycleAssembler { KeepLoneFrees = true };
        assembler.Add(Hit(1m, A, "ip_rcv", Packet));
        assembler.Expire(nowNs: Ts(10m), idleNs: Ts(1m));

        SkbContext late = Assert.Single(assembler.Add(Free(11m, A, Packet)));

        Assert.Single(late.Events);
    }

    [Fact]
    public void Flush_OpenContexts_OldestFirstAndEmptiesAssembler()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, B, "ip_rcv", Packet));
        assembler.Add(Hit(2m, A, "ip_rcv", Packet));
        assembler.Add(Hit(3m, C, "ip_rcv", Packet));
        assembler.Add(Free(4m, A, Packet));

        var flushed = assembler.Flush();

        Assert.Equal([B, C], flushed.Select(c => c.Skbs[0]));
        Assert.Equal(0, assembler.OpenCount);
        Assert.Empty(assembler.Flush());
    }

    [Fact]
    public void Constructor_ZeroBound_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LifecycleAssembler(0));
    }
}
