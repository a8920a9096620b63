using NetTrace.Host.Session.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>A printed lifecycle handed back to the assembler is reused for a later packet, and starts empty.</summary>
public sealed class LifecycleRecycleTests
{
    [Fact]
    public void Add_AfterRecycle_ReusesTheContextEmpty()
    {
        var assembler = new LifecycleAssembler();
        var completed = new List<SkbContext>();
        var ping = Ping("10.0.0.1", "10.0.0.2", 1);
        assembler.Add(Hit(1.0m, 0xa, "ip_rcv", ping), completed);
        assembler.Add(Hit(1.1m, 0xa, "skb_clone", ping, clone: 0xb), completed);
        assembler.Add(Free(1.2m, 0xa, ping), completed);
        assembler.Add(Free(1.3m, 0xb, ping), completed);
        var first = Assert.Single(completed);
        assembler.Settle();
        assembler.Recycle(first);
        completed.Clear();

        assembler.Add(Hit(2.0m, 0xc, "ip_rcv", Ping("10.0.0.1", "10.0.0.2", 2)), completed);
        assembler.Add(Free(2.1m, 0xc, null), completed);

        var second = Assert.Single(completed);
        Assert.Same(first, second);
        Assert.Equal([0xcul], second.Skbs);
        Assert.Equal(2, second.Events.Count);
        Assert.Equal(Ts(2.0m), second.FirstTimestamp);
        Assert.Equal(Ts(2.1m), second.LastTimestamp);
        Assert.True(second.IsComplete);
    }

    [Fact]
    public void Add_WithoutRecycle_OpensANewContext()
    {
        var assembler = new LifecycleAssembler();
        var completed = new List<SkbContext>();
        assembler.Add(Hit(1.0m, 0xa, "ip_rcv", null), completed);
        assembler.Add(Free(1.1m, 0xa, null), completed);
        assembler.Settle();

        assembler.Add(Hit(2.0m, 0xa, "ip_rcv", null), completed);
        assembler.Add(Free(2.1m, 0xa, null), completed);

        Assert.Equal(2, completed.Count);
        Assert.NotSame(completed[0], completed[1]);
        Assert.Equal(2, completed[0].Events.Count);
    }
}
