using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>
/// Skbs first seen as they are freed. On a kernel without kprobes skb_clone is not traced, so a ping between two
/// namespaces shows the neighbour probe's clone of the first request (freed before the request is sent) and the raw
/// socket's clone of each reply (freed after the reply's own context ended) only at their consume_skb.
/// </summary>
public sealed class LifecycleLoneFreeTests
{
    private const ulong Request = 0xffff888104b19600, Reply = 0xffff888104b19800, Copy = 0xffff888104b19a00, Other = 0xffff888104b19c00;
    private static readonly PacketInfo Req = Ping("10.250.1.1", "10.250.1.2", 1);
    private static readonly PacketInfo Rep = Ping("10.250.1.2", "10.250.1.1", 1, reply: true);

    [Fact]
    public void Add_NormalFreeOfUnknownSkb_LeftOutAndCounted()
    {
        var assembler = new LifecycleAssembler();

        Assert.Empty(assembler.Add(Free(1m, Copy, Req)));

        Assert.Equal(0, assembler.OpenCount);
        Assert.Equal(1, assembler.LoneFrees);
        Assert.Empty(assembler.Flush());
    }

    [Fact]
    public void Add_DropOfUnknownSkb_PrintedAsItsOwnContext()
    {
        // A local packet dropped by an OUTPUT rule: no tracepoint sees it before kfree_skb.
        var assembler = new LifecycleAssembler();

        SkbContext drop = Assert.Single(assembler.Add(Free(1m, Request, Req, point: "kfree_skb")));

        Assert.Equal([Request], drop.Skbs);
        Assert.Equal(0, assembler.LoneFrees);
    }

    [Fact]
    public void Add_NormalFreeOfUnknownSkbWhenKept_PrintedAsItsOwnContext()
    {
        var assembler = new LifecycleAssembler { KeepLoneFrees = true };

        SkbContext free = Assert.Single(assembler.Add(Free(1m, Copy, Req)));

        Assert.Equal([Copy], free.Skbs);
        Assert.Equal(0, assembler.LoneFrees);
    }

    [Fact]
    public void Add_FreeOfCopyWhileItsOriginalIsOpen_JoinsTheOriginalsContext()
    {
        // A packet socket's clone, freed by its filter as the request is transmitted.
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "net_dev_queue", Req));

        Assert.Empty(assembler.Add(Free(2m, Copy, Req)));
        assembler.Add(Hit(3m, Request, "net_dev_start_xmit", Req));
        SkbContext context = Assert.Single(assembler.Add(Free(4m, Request, Req)));

        Assert.Equal([Request, Copy], context.Skbs);
        Assert.Equal(["net_dev_queue", "consume_skb", "net_dev_start_xmit", "consume_skb"], context.Events.Select(e => e.Point));
        Assert.Equal(0, assembler.LoneFrees);
    }

    [Fact]
    public void Add_DropOfCopyWhileItsOriginalIsOpen_JoinsTheOriginalsContext()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "net_dev_queue", Req));

        Assert.Empty(assembler.Add(Free(2m, Copy, Req, point: "kfree_skb")));

        SkbContext context = Assert.Single(assembler.Add(Free(3m, Request, Req)));
        Assert.Equal([Request, Copy], context.Skbs);
    }

    [Fact]
    public void Add_FreeOfCopyTakenBeforeNat_JoinsThroughAnEarlierHit()
    {
        var natted = Ping("10.250.2.1", "10.250.1.2", 1);
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "netif_receive_skb", Req));
        assembler.Add(Hit(2m, Request, "net_dev_queue", natted));

        Assert.Empty(assembler.Add(Free(3m, Copy, Req)));

        Assert.Equal([Request, Copy], Assert.Single(assembler.Flush()).Skbs);
    }

    [Fact]
    public void Add_FreeOfCopyMatchingTwoOpenContexts_LeftOut()
    {
        // Two packets alike in flight: the evidence does not say whose copy it is.
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "net_dev_queue", Req));
        assembler.Add(Hit(2m, Other, "net_dev_queue", Req));

        Assert.Empty(assembler.Add(Free(3m, Copy, Req)));

        Assert.Equal(1, assembler.LoneFrees);
        Assert.All(assembler.Flush(), c => Assert.Single(c.Skbs));
    }

    [Fact]
    public void Add_FreeOfAnotherPacket_DoesNotJoinTheOpenContext()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "net_dev_queue", Req));

        Assert.Empty(assembler.Add(Free(2m, Copy, Ping("10.250.1.1", "10.250.1.2", 2))));

        Assert.Equal(1, assembler.LoneFrees);
        Assert.Equal([Request], Assert.Single(assembler.Flush()).Skbs);
    }

    [Fact]
    public void Add_SameHeadersButOtherCapturedBytes_DoesNotJoin()
    {
        // With the bytes kept (--pcap) they decide: the IP id or payload differs between two echoes alike.
        var original = Req with { Raw = [0x45, 0, 0, 84, 0x12, 0x34] };
        var copy = Req with { Raw = [0x45, 0, 0, 84, 0x56, 0x78] };
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "net_dev_queue", original));

        Assert.Empty(assembler.Add(Free(2m, Copy, copy)));
        Assert.Empty(assembler.Add(Free(3m, Other, copy with { Raw = [0x45, 0, 0, 84, 0x12, 0x34] })));

        Assert.Equal(1, assembler.LoneFrees);
        Assert.Equal([Request, Other], Assert.Single(assembler.Flush()).Skbs);
    }

    [Fact]
    public void Add_FreeOfCopyAfterItsOriginalEnded_LeftOut()
    {
        // The raw socket's clone of a reply, read by ping after the reply was freed.
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Reply, "netif_receive_skb", Rep));
        Assert.Single(assembler.Add(Free(2m, Reply, Rep, point: "kfree_skb")));

        Assert.Empty(assembler.Add(Free(3m, Request, Rep)));

        Assert.Equal(1, assembler.LoneFrees);
    }

    [Fact]
    public void Expire_ThenFreeOfExpiredSkb_LeftOutAsLoneFree()
    {
        var assembler = new LifecycleAssembler();
        assembler.Add(Hit(1m, Request, "net_dev_queue", Req));
        assembler.Expire(nowNs: Ts(10m), idleNs: Ts(1m));

        Assert.Empty(assembler.Add(Free(11m, Request, Req)));

        Assert.Equal(1, assembler.LoneFrees);
    }

    [Fact]
    public void Write_PingWithoutKprobes_LoneFreesNeitherPrintedNorCountedTowardLimit()
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = new LifecycleWriter(output, new EventClock(date: false), detail: false, showReturn: false, new FakeRenderContext());
        var sink = SkbSink.Lifecycle(writer, limit: 2);
        sink.Add(Free(255.639017m, Reply, Req)); // the neighbour probe's clone, reusing an address
        sink.Add(Hit(255.639057m, Request, "net_dev_queue", Req));
        sink.Add(Hit(255.639061m, Request, "netif_receive_skb", Req));
        sink.Add(Free(255.639092m, Request, Req));
        sink.Add(Hit(255.639089m, Reply, "net_dev_queue", Rep));
        sink.Add(Hit(255.639093m, Reply, "netif_receive_skb", Rep));
        sink.Add(Free(255.639098m, Reply, Rep, point: "kfree_skb"));
        sink.Add(Free(255.652103m, Request, Rep)); // the raw socket's clone of the reply

        sink.Finish();

        Assert.Equal("""
            ***************** ffff888104b19600 ***************
            [255.639057] [net_dev_queue       ] ICMP: 10.250.1.1 -> 10.250.1.2 ping request, seq: 1, id: 7
            [255.639061] [netif_receive_skb   ] ICMP: 10.250.1.1 -> 10.250.1.2 ping request, seq: 1, id: 7
            [255.639092] [consume_skb         ] ICMP: 10.250.1.1 -> 10.250.1.2 ping request, seq: 1, id: 7

            ***************** ffff888104b19800 ***************
            [255.639089] [net_dev_queue       ] ICMP: 10.250.1.2 -> 10.250.1.1 ping reply, seq: 1, id: 7
            [255.639093] [netif_receive_skb   ] ICMP: 10.250.1.2 -> 10.250.1.1 ping reply, seq: 1, id: 7
            [255.639098] [kfree_skb           ] ICMP: 10.250.1.2 -> 10.250.1.1 ping reply, seq: 1, id: 7


            """.ReplaceLineEndings("\n"), output.ToString());
        Assert.Equal(2, sink.Packets);
        Assert.Equal(2, sink.LoneFrees);
        Assert.Equal(", 2 lone frees left out", sink.LoneFreesNote);
    }

    [Fact]
    public void NoPathTraced_OnlyLifeTraces_True()
    {
        Assert.True(SkbSink.NoPathTraced([Hook("consume_skb"), Hook("kfree_skb"), Hook("skb_clone")]));
    }

    [Fact]
    public void NoPathTraced_WithAPathTrace_False()
    {
        Assert.False(SkbSink.NoPathTraced([Hook("consume_skb"), Hook("__dev_queue_xmit")]));
    }

    private static PlannedHook Hook(string name)
    {
        var (group, spec) = Catalogue.CatalogueGroups.Traces.Single(t => t.Trace.Name == name);
        return new PlannedHook(new CatalogTrace(0, group, spec), spec.Targets[0], name, 0, 0, false);
    }
}
