using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

public sealed class BasicWriterTests
{
    private const ulong Request = 0xffff889be8fbd500, Reply = 0xffff889be8fbde00;
    private static readonly PacketInfo Req = Ping("169.254.128.15", "172.27.0.6", 48220);
    private static readonly PacketInfo Rep = Ping("172.27.0.6", "169.254.128.15", 48220, reply: true);

    [Fact]
    public void Write_InterleavedSkbs_PrintsEachAtOnceWithoutHeaders()
    {
        var (writer, output) = Writer();

        writer.Write(Hit(1272349.614675m, Request, "icmp_reply", Req));
        writer.Write(Hit(1272349.614681m, Reply, "nf_hook_slow", Rep));
        writer.Write(Free(1272349.614715m, Request, Req));

        Assert.Equal("""
            [1272349.614675] [icmp_reply          ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614681] [nf_hook_slow        ] ICMP: 172.27.0.6 -> 169.254.128.15 ping reply, seq: 48220, id: 7
            [1272349.614715] [consume_skb         ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7

            """.ReplaceLineEndings("\n"), output.ToString());
    }

    [Fact]
    public void Write_PktFixed_RemembersPacketPerSkbAndClone()
    {
        var (writer, output) = Writer();

        writer.Write(Hit(1m, Request, "skb_clone", Req, clone: 0x20));
        writer.Write(Hit(2m, Reply, "ip_output", Rep));
        writer.Write(Hit(3m, 0x20, "ip_rcv", packet: null));
        writer.Write(Free(4m, Request, packet: null));

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("ping request, seq: 48220, id: 7", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("ping request, seq: 48220, id: 7", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoPacketAfterFree_PrintsUnknownPacket()
    {
        var (writer, output) = Writer();

        writer.Write(Free(1m, Request, Req));
        writer.Write(Hit(2m, Request, "ip_rcv", packet: null));

        Assert.EndsWith("[ip_rcv              ] unknown packet\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DetailAndReturn_UsesSameLineShape()
    {
        var (writer, output) = Writer(detail: true, showReturn: true);

        writer.Write(Hit(1273732.110173m, Request, "ip_rcv_finish", Req, SkbTraceFlags.Return, ret: 0,
            cpu: 40, ifName: "ens5", comm: "swapper/40"));

        Assert.Equal("[1273732.110173] [ffff889be8fbd500][ip_rcv_finish       ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ][ns:0] "
            + "ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7 *return: 0*\n", output.ToString());
    }

    private static (BasicWriter Writer, StringWriter Output) Writer(bool detail = false, bool showReturn = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        return (new BasicWriter(output, new EventClock(date: false), detail, showReturn, new FakeRenderContext()), output);
    }
}
