using System.Text.RegularExpressions;
using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>
/// Hits fed through <see cref="LifecycleAssembler"/> into <see cref="LifecycleWriter"/>, compared with the
/// seed README's section 3.1 samples. Packet text follows the seed's later shape (3.1.5, 3.1.6), which ends
/// echo packets with ", id: N".
/// </summary>
public sealed class LifecycleGoldenTests
{
    [Fact]
    public void Write_PingWithClone_MatchesSeed311()
    {
        const ulong request = 0xffff889be8fbd500, clone = 0xffff889be8fbcd00, reply = 0xffff889be8fbde00;
        var req = Ping("169.254.128.15", "172.27.0.6", 48220);
        var rep = Ping("172.27.0.6", "169.254.128.15", 48220, reply: true);
        SkbTraceEvent[] hits =
        [
            Hit(1272349.614564m, request, "dev_gro_receive", req),
            Hit(1272349.614579m, request, "__netif_receive_skb_core", req),
            Hit(1272349.614599m, request, "skb_clone", req, clone: clone),
            Hit(1272349.614616m, clone, "nf_hook_slow", req),
            Hit(1272349.614663m, clone, "ip_local_deliver_finish", req),
            Hit(1272349.614675m, clone, "icmp_reply", req),
            Hit(1272349.614681m, reply, "nf_hook_slow", rep),
            Hit(1272349.614688m, reply, "ip_output", rep),
            Hit(1272349.614709m, reply, "dev_hard_start_xmit", rep),
            Free(1272349.614715m, clone, req),
            Hit(1272349.614722m, request, "packet_rcv", req),
            Free(1272349.614725m, request, req),
            Free(1272351.286866m, reply, rep),
        ];

        string text = Run(hits);

        Assert.Equal("""
            ***************** ffff889be8fbd500,ffff889be8fbcd00 ***************
            [1272349.614564] [dev_gro_receive     ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614579] [__netif_receive_skb_core] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614599] [skb_clone           ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614616] [nf_hook_slow        ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614663] [ip_local_deliver_finish] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614675] [icmp_reply          ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614715] [consume_skb         ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614722] [packet_rcv          ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7
            [1272349.614725] [consume_skb         ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 48220, id: 7

            ***************** ffff889be8fbde00 ***************
            [1272349.614681] [nf_hook_slow        ] ICMP: 172.27.0.6 -> 169.254.128.15 ping reply, seq: 48220, id: 7
            [1272349.614688] [ip_output           ] ICMP: 172.27.0.6 -> 169.254.128.15 ping reply, seq: 48220, id: 7
            [1272349.614709] [dev_hard_start_xmit ] ICMP: 172.27.0.6 -> 169.254.128.15 ping reply, seq: 48220, id: 7
            [1272351.286866] [consume_skb         ] ICMP: 172.27.0.6 -> 169.254.128.15 ping reply, seq: 48220, id: 7


            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Write_DetailWithClone_MatchesSeed313()
    {
        const ulong original = 0xffff889be8fbcd00, clone = 0xffff889be8fbcc00;
        var req = Ping("169.254.128.15", "172.27.0.6", 56464);
        SkbTraceEvent On(decimal ts, ulong skb, string point, SkbTraceFlags flags = SkbTraceFlags.None, ulong cloned = 0) =>
            Hit(ts, skb, point, req, flags, cloned, cpu: 40, pid: 0, ifName: "ens5", comm: "swapper/40");
        SkbTraceEvent[] hits =
        [
            On(1273732.110173m, original, "dev_gro_receive"),
            On(1273732.110196m, original, "skb_clone", cloned: clone),
            On(1273732.110204m, clone, "nf_hook_slow"),
            On(1273732.110252m, clone, "ip_local_deliver_finish"),
            On(1273732.110283m, clone, "consume_skb", SkbTraceFlags.Free),
            On(1273732.110291m, original, "packet_rcv"),
            On(1273732.110294m, original, "consume_skb", SkbTraceFlags.Free),
        ];

        string text = Run(hits, detail: true);

        // The seed's shape once the netns column added since (as upstream has it) is taken out.
        Assert.All(text.Split('\n').Where(l => l.StartsWith('[')), l => Assert.Contains("][ns:0] ICMP:", l));
        Assert.Equal("""
            ***************** ffff889be8fbcd00,ffff889be8fbcc00 ***************
            [1273732.110173] [ffff889be8fbcd00][dev_gro_receive     ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7
            [1273732.110196] [ffff889be8fbcd00][skb_clone           ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7
            [1273732.110204] [ffff889be8fbcc00][nf_hook_slow        ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7
            [1273732.110252] [ffff889be8fbcc00][ip_local_deliver_finish][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7
            [1273732.110283] [ffff889be8fbcc00][consume_skb         ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7
            [1273732.110291] [ffff889be8fbcd00][packet_rcv          ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7
            [1273732.110294] [ffff889be8fbcd00][consume_skb         ][cpu:40 ][ens5 ][pid:0      ][swapper/40  ] ICMP: 169.254.128.15 -> 172.27.0.6 ping request, seq: 56464, id: 7


            """.ReplaceLineEndings("\n"), SeedShape(text));
    }

    [Fact]
    public void Write_SnatInsideOneSkb_KeepsOneContextMatchingSeed314()
    {
        const ulong skb = 0xffff88818f02f900;
        var before = Ping("192.168.122.8", "10.123.119.98", 0);
        var after = Ping("9.135.224.89", "10.123.119.98", 0);
        SkbTraceEvent[] hits =
        [
            Hit(463697.331957m, skb, "__netif_receive_skb_core", before),
            Hit(463697.332027m, skb, "nf_hook_slow", before),
            Hit(463697.332037m, skb, "ip_finish_output", after),
            Free(463697.332060m, skb, after),
        ];

        string text = Run(hits);

        Assert.Equal("""
            ***************** ffff88818f02f900 ***************
            [463697.331957] [__netif_receive_skb_core] ICMP: 192.168.122.8 -> 10.123.119.98 ping request, seq: 0, id: 7
            [463697.332027] [nf_hook_slow        ] ICMP: 192.168.122.8 -> 10.123.119.98 ping request, seq: 0, id: 7
            [463697.332037] [ip_finish_output    ] ICMP: 9.135.224.89 -> 10.123.119.98 ping request, seq: 0, id: 7
            [463697.332060] [consume_skb         ] ICMP: 9.135.224.89 -> 10.123.119.98 ping request, seq: 0, id: 7


            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Write_StackOnOneHit_MatchesSeed316()
    {
        const ulong skb = 0xffff88882cafd200;
        var rep = Ping("127.0.0.1", "127.0.0.1", 3, reply: true, id: 51956);
        var context = new FakeRenderContext().WithStack(1, "icmp_rcv+0x1", "ip_local_deliver_finish+0x7f", "ip_local_deliver+0xea");
        SkbTraceEvent[] hits =
        [
            Hit(2846531.810642m, skb, "ip_local_deliver_finish", rep),
            Hit(2846531.810649m, skb, "icmp_rcv", rep, stackId: 1),
            Hit(2846531.810651m, skb, "ping_rcv", rep),
            Free(2846531.810659m, skb, rep),
        ];

        string text = Run(hits, context: context);

        // The seed's shape once the frames' addresses (added as upstream prints them now) are taken out.
        Assert.Equal(3, Regex.Matches(text, @"^    -> \S+ \[[0-9a-f]+\]$", RegexOptions.Multiline).Count);
        Assert.Equal("""
            ***************** ffff88882cafd200 ***************
            [2846531.810642] [ip_local_deliver_finish] ICMP: 127.0.0.1 -> 127.0.0.1 ping reply, seq: 3, id: 51956
            [2846531.810649] [icmp_rcv            ] ICMP: 127.0.0.1 -> 127.0.0.1 ping reply, seq: 3, id: 51956
            Call Stack:
                -> icmp_rcv+0x1
                -> ip_local_deliver_finish+0x7f
                -> ip_local_deliver+0xea

            [2846531.810651] [ping_rcv            ] ICMP: 127.0.0.1 -> 127.0.0.1 ping reply, seq: 3, id: 51956
            [2846531.810659] [consume_skb         ] ICMP: 127.0.0.1 -> 127.0.0.1 ping reply, seq: 3, id: 51956


            """.ReplaceLineEndings("\n"), SeedShape(text));
    }

    [Fact]
    public void Write_PktFixed_LaterHitsShowFirstPacket()
    {
        const ulong skb = 0xff1100007b5fe000;
        var req = Ping("192.168.122.1", "192.168.122.8", 1, id: 32535);
        SkbTraceEvent[] hits =
        [
            Hit(66.725587m, skb, "napi_gro_receive_entry", req),
            Hit(66.727131m, skb, "dev_gro_receive", packet: null),
            Free(66.739716m, skb, packet: null),
        ];

        string text = Run(hits);

        Assert.Equal("""
            ***************** ff1100007b5fe000 ***************
            [66.725587] [napi_gro_receive_entry] ICMP: 192.168.122.1 -> 192.168.122.8 ping request, seq: 1, id: 32535
            [66.727131] [dev_gro_receive     ] ICMP: 192.168.122.1 -> 192.168.122.8 ping request, seq: 1, id: 32535
            [66.739716] [consume_skb         ] ICMP: 192.168.122.1 -> 192.168.122.8 ping request, seq: 1, id: 32535


            """.ReplaceLineEndings("\n"), text);
    }

    /// <summary>The output without what was added to the seed's shapes: --detail's netns column, the stack frames' addresses.</summary>
    private static string SeedShape(string text) =>
        Regex.Replace(Regex.Replace(text, @"\[ns:\d+\] ", " "), @"^(    -> \S+) \[[0-9a-f]+\]$", "$1", RegexOptions.Multiline);

    private static string Run(IEnumerable<SkbTraceEvent> hits, bool detail = false, FakeRenderContext? context = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = new LifecycleWriter(output, new EventClock(date: false), detail, showReturn: false, context ?? new FakeRenderContext());
        var assembler = new LifecycleAssembler();
        foreach (SkbTraceEvent hit in hits)
            writer.Write(assembler.Add(hit));
        writer.Write(assembler.Flush());
        return output.ToString();
    }
}
