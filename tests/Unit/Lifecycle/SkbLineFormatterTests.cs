using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>Single lines against the seed README's section 3.1 samples.</summary>
public sealed class SkbLineFormatterTests
{
    private const ulong Skb = 0xffff889be8fbcd00;
    private static readonly PacketInfo Request = Ping("169.254.128.15", "172.27.0.6", 48220);

    [Fact]
    public void Write_ShortPoint_PadsNameTo20()
    {
        string text = Format(Hit(1272349.614564m, Skb, "dev_gro_receive", Request));

        Assert.Equal("[1272349.614564] [dev_gro_receive     ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7\n", text);
    }

    [Fact]
    public void Write_LongPoint_KeepsWholeName()
    {
        string text = Format(Hit(1272349.614579m, Skb, "__netif_receive_skb_core", Request));

        Assert.Equal("[1272349.614579] [__netif_receive_skb_core] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7\n", text);
    }

    [Fact]
    public void Write_Detail_PrintsSeedColumns()
    {
        var packet = Ping("169.254.128.15", "172.27.0.6", 56464);
        SkbTraceEvent ev = Hit(1273732.110173m, Skb, "dev_gro_receive", packet, cpu: 40, pid: 0, ifName: "ens5", comm: "swapper/40");

        string text = Format(ev, detail: true);

        Assert.Equal("[1273732.110173] [ffff889be8fbcd00][dev_gro_receive     ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ][ns:0] "
            + "ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7\n", text);
    }

    [Fact]
    public void Write_DetailLongValues_NotCut()
    {
        SkbTraceEvent ev = Hit(1.000001m, Skb, "ip_local_deliver_finish", Request, cpu: 1234, pid: 12345678, ifName: "veth1234", comm: "ping-long-name");

        string text = Format(ev, detail: true);

        Assert.StartsWith("[1.000001] [ffff889be8fbcd00][ip_local_deliver_finish][cpu:1234][veth1234][pid:12345678][ping-long-name][ns:0] ICMP", text);
    }

    [Fact]
    public void Write_ReturnWithShowReturn_AppendsSignedValue()
    {
        SkbTraceEvent ev = Hit(2.5m, Skb, "ip_rcv_finish", Request, SkbTraceFlags.Return, ret: -22);

        string text = Format(ev, showReturn: true);

        Assert.Equal("[2.500000] [ip_rcv_finish       ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7 *return: -22*\n", text);
    }

    [Fact]
    public void Write_ReturnWithoutShowReturn_OmitsValue()
    {
        SkbTraceEvent ev = Hit(2.5m, Skb, "ip_rcv_finish", Request, SkbTraceFlags.Return, ret: 1);

        Assert.DoesNotContain("*ret", Format(ev), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ShowReturnButNoReturnRecorded_OmitsValue()
    {
        SkbTraceEvent ev = Hit(2.5m, Skb, "ip_rcv", Request);

        Assert.DoesNotContain("*ret", Format(ev, showReturn: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoPacketWithFallback_PrintsFallback()
    {
        SkbTraceEvent ev = Hit(3m, Skb, "ip_rcv", packet: null);

        string text = Format(ev, fallback: Request);

        Assert.Equal("[3.000000] [ip_rcv              ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7\n", text);
    }

    [Fact]
    public void Write_NoPacketNoFallback_PrintsUnknownPacket()
    {
        string text = Format(Hit(3m, Skb, "ip_rcv", packet: null));

        Assert.Equal("[3.000000] [ip_rcv              ] unknown packet\n", text);
    }

    [Fact]
    public void Write_PacketAndFallback_PrefersEventPacket()
    {
        var reply = Ping("172.27.0.6", "169.254.128.15", 48220, reply: true);

        string text = Format(Hit(3m, Skb, "ip_output", reply), fallback: Request);

        Assert.Contains("ping reply", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithStack_PrintsCallStackThenEmptyLine()
    {
        var packet = Ping("127.0.0.1", "127.0.0.1", 3, reply: true, id: 51956);
        var context = new FakeRenderContext().WithStack(5, "icmp_rcv+0x1", "ip_local_deliver_finish+0x7f", "entry_SYSCALL_64_after_hwframe+0x72");

        string text = Format(Hit(2846531.810649m, Skb, "icmp_rcv", packet, stackId: 5), context: context);

        Assert.Equal("""
            [2846531.810649] [icmp_rcv            ] ICMP: 127.0.0.1 -> 127.0.0.1 ping reply, seq: 3, id: 51956
            Call Stack:
                -> icmp_rcv+0x1 [ffffffff81000000]
                -> ip_local_deliver_finish+0x7f [ffffffff81000001]
                -> entry_SYSCALL_64_after_hwframe+0x72 [ffffffff81000002]


            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Write_StackIdButStackGone_PrintsLineOnly()
    {
        string text = Format(Hit(1m, Skb, "icmp_rcv", Request, stackId: 9));

        Assert.DoesNotContain("Call Stack", text, StringComparison.Ordinal);
    }

    private static string Format(SkbTraceEvent ev, bool detail = false, bool showReturn = false,
        PacketInfo? fallback = null, FakeRenderContext? context = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        new SkbLineFormatter(output, new EventClock(date: false), detail, showReturn, context ?? new FakeRenderContext()).Write(ev, fallback);
        return output.ToString();
    }
}
