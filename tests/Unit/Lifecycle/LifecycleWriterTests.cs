using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

public sealed class LifecycleWriterTests
{
    private const ulong OneMs = 1_000_000;
    private static readonly PacketInfo Request = Ping("192.168.122.1", "192.168.122.8", 1, id: 32535);
    private static readonly PacketInfo Reply = Ping("192.168.122.8", "192.168.122.1", 1, reply: true, id: 32535);

    [Fact]
    public void Write_MinLatency_DropsShortContextKeepsLongOne()
    {
        // Seed 3.1.5 with --min-latency 1: the 14 ms request is printed, a 0.5 ms reply is not.
        SkbContext slow = Context(
            Hit(66.725587m, 0xff1100007b5fe000, "napi_gro_receive_entry", Request),
            Hit(66.732456m, 0xff1100007b5fe000, "icmp_reply.constprop.0", Request),
            Free(66.739716m, 0xff1100007b5fe000, Request));
        SkbContext fast = Context(
            Hit(66.735628m, 0xff1100007b5fe100, "nf_hook_slow", Reply),
            Free(66.736128m, 0xff1100007b5fe100, Reply));
        var (writer, output) = Writer(OneMs);

        writer.Write([slow, fast]);

        Assert.Equal("""
            ***************** ff1100007b5fe000 ***************
            [66.725587] [napi_gro_receive_entry] ICMP: 192.168.122.1 -> 192.168.122.8 ping request, seq: 1, id: 32535
            [66.732456] [icmp_reply.constprop.0] ICMP: 192.168.122.1 -> 192.168.122.8 ping request, seq: 1, id: 32535
            [66.739716] [consume_skb         ] ICMP: 192.168.122.1 -> 192.168.122.8 ping request, seq: 1, id: 32535


            """.ReplaceLineEndings("\n"), output.ToString());
        Assert.Equal(1, writer.Printed);
        Assert.Equal(1, writer.Skipped);
    }

    [Fact]
    public void Write_LatencyEqualToMinimum_Printed()
    {
        SkbContext context = Context(Hit(1m, 0x10, "ip_rcv", Request), Free(1.001m, 0x10, Request));
        var (writer, _) = Writer(OneMs);

        Assert.True(writer.Write(context));
    }

    [Fact]
    public void Write_NoMinimum_SingleHitContextPrinted()
    {
        SkbContext context = Context(Free(1m, 0x10, Request));
        var (writer, output) = Writer();

        writer.Write(context);

        Assert.Equal(1, writer.Printed);
        Assert.StartsWith("***************** 10 ***************\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OutOfOrderArrival_SortsByTimestampStably()
    {
        SkbContext context = Context(
            Hit(1.000003m, 0x10, "c", Request),
            Hit(1.000001m, 0x10, "a", Request),
            Hit(1.000003m, 0x10, "d", Request),
            Hit(1.000002m, 0x10, "b", Request));
        var (writer, output) = Writer();

        writer.Write(context);

        string[] points = output.ToString().Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l[12..13]).ToArray();
        Assert.Equal(["a", "b", "c", "d"], points);
    }

    [Fact]
    public void Write_PacketOnlyOnLaterArrivingHit_EarlierHitsUseIt()
    {
        // The hit that carried the packet was stamped later than one without (another CPU was faster).
        SkbContext context = Context(Hit(1.000002m, 0x10, "ip_rcv", Request), Hit(1.000001m, 0x10, "dev_gro_receive", packet: null));
        var (writer, output) = Writer();

        writer.Write(context);

        Assert.DoesNotContain("unknown packet", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoPacketAnywhere_PrintsUnknownPacket()
    {
        SkbContext context = Context(Free(1m, 0x10, packet: null));
        var (writer, output) = Writer();

        writer.Write(context);

        Assert.Contains("[consume_skb         ] unknown packet\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PktFixedAfterNat_LaterHitsShowLatestPacket()
    {
        var natted = Ping("9.135.224.89", "192.168.122.8", 1, id: 32535);
        SkbContext context = Context(
            Hit(1.000001m, 0x10, "ip_rcv", Request),
            Hit(1.000002m, 0x10, "ip_finish_output", natted),
            Free(1.000003m, 0x10, packet: null));
        var (writer, output) = Writer();

        writer.Write(context);

        Assert.Contains("[consume_skb         ] ICMP: 9.135.224.89 -> ", output.ToString(), StringComparison.Ordinal);
    }

    private static SkbContext Context(params SkbTraceEvent[] hits)
    {
        var context = new SkbContext();
        foreach (SkbTraceEvent hit in hits)
            context.Add(hit);
        return context;
    }

    private static (LifecycleWriter Writer, StringWriter Output) Writer(ulong minLatencyNs = 0)
    {
        var output = new StringWriter { NewLine = "\n" };
        return (new LifecycleWriter(output, new EventClock(date: false), detail: false, showReturn: false, new FakeRenderContext(), minLatencyNs), output);
    }
}
