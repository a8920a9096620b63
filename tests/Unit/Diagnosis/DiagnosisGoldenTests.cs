using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using NetTrace.Tests.Unit.Catalogue;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// --diag output against the seed README's section 3.2 samples, with the shipped rules and the netfilter
/// plugin's notes. Where nettrace says more than the seed it is on purpose: full chain names (the seed cuts
/// them to 8 bytes), the drop reason's own message and advice on kfree_skb, and one analysis entry per cause
/// (the seed prints nf_hook_slow, nft_do_chain and kfree_skb as three) with the others as its evidence.
/// </summary>
public sealed class DiagnosisGoldenTests
{
    private const ulong Skb = 0xffff889fb3c64f00;
    private const ulong HookFunction = 0xffffffffc0a01000, DropSite = 0xffffffff81a00096;

    private static readonly DiagHits.Kernel Kernel = new(new()
    {
        [HookFunction] = "nft_do_chain_ipv4+0x0",
        [DropSite] = "nf_hook_slow+0x96",
    });

    private static SkbTraceEvent[] ForwardDrop()
    {
        var req = Ping("192.168.122.8", "10.123.119.98", 0);
        return
        [
            At(4049.295546m, Skb, "__netif_receive_skb_core", "link-in", req),
            At(4049.295566m, Skb, "nf_hook_slow", "netfilter", req, ret: 1, extra: Hook(2, 0)),
            At(4049.295578m, Skb, "nft_do_chain", "netfilter", req, ret: 1, extra: Chain(2, 0, "nat", "PREROUTING")),
            At(4049.295683m, Skb, "ip_forward", "ip-in", req),
            At(4049.295687m, Skb, "nf_hook_slow", "netfilter", req, ret: -1, extra: Hook(2, 2, HookFunction)),
            At(4049.295695m, Skb, "nft_do_chain", "netfilter", req, ret: 0, extra: Chain(2, 2, "filter", "FORWARD")),
            At(4049.295711m, Skb, "kfree_skb", "life", req, aux0: DropSite, aux1: 7, free: true),
        ];
    }

    [Fact]
    public void Diag_IptablesForwardDrop_OneCauseWithItsEvidence()
    {
        var (text, diagnoser) = Run(ForwardDrop(), hooks: true);

        const string line = "ICMP: 192.168.122.8 -> 10.123.119.98 ping request, seq: 0, id: 7";
        Assert.Equal(
            "***************** ffff889fb3c64f00 ***************\n" +
            $"[4049.295546] [__netif_receive_skb_core] {line}\n" +
            $"[4049.295566] [nf_hook_slow        ] {line} *ipv4 in chain: PRE_ROUTING*\n" +
            $"[4049.295578] [nft_do_chain        ] {line} *iptables table:nat, chain:PREROUTING* *packet is accepted*\n" +
            $"[4049.295683] [ip_forward          ] {line}\n" +
            $"[4049.295687] [nf_hook_slow        ] {line} *ipv4 in chain: FORWARD* *packet is dropped by netfilter (NF_DROP) at the ipv4 FORWARD hook*\n" +
            $"[4049.295695] [nft_do_chain        ] {line} *iptables table:filter, chain:FORWARD* *packet is dropped by iptables-nft: table filter, chain FORWARD (ipv4 FORWARD hook)*\n" +
            $"[4049.295711] [kfree_skb           ] {line} *packet is dropped by kernel* *packet is dropped by netfilter*\n" +
            "---------------- ANALYSIS RESULT ---------------------\n" +
            "[1] ERROR happens in nft_do_chain(netfilter):\n" +
            "        packet is dropped by iptables-nft: table filter, chain FORWARD (ipv4 FORWARD hook)\n" +
            "    evidence:\n" +
            "        nf_hook_slow(netfilter): packet is dropped by netfilter (NF_DROP) at the ipv4 FORWARD hook\n" +
            "        kfree_skb(life): packet is dropped by kernel; packet is dropped by netfilter\n" +
            "\n" +
            "    following hook functions are blamed:\n" +
            "        nft_do_chain_ipv4\n" +
            "\n" +
            "    location:\n" +
            "        nf_hook_slow+0x96\n" +
            "    drop reason:\n" +
            "        NETFILTER_DROP\n" +
            "    fix advice:\n" +
            "        find the rule by its number and counters: iptables-nft -t filter -L FORWARD -v -n --line-numbers\n" +
            "\n" +
            "analysis finished!\n" +
            "\n" +
            "end trace...\n",
            text);
        Assert.True(diagnoser.Finished);
    }

    [Fact]
    public void Diag_WithoutHooks_BlamesNoHookFunction()
    {
        var (text, _) = Run(ForwardDrop(), hooks: false);

        Assert.DoesNotContain("following hook functions are blamed", text);
        Assert.Contains("[1] ERROR happens in nft_do_chain(netfilter):\n        packet is dropped by iptables-nft: table filter, chain FORWARD (ipv4 FORWARD hook)\n    evidence:\n", text);
        Assert.Contains("kfree_skb(life): packet is dropped by kernel; packet is dropped by netfilter\n    location:\n", text);
    }

    [Fact]
    public void Diag_NatOnly_WarnsAndGoesOn()
    {
        var req = Ping("192.168.122.8", "10.123.119.98", 0);
        SkbTraceEvent[] hits =
        [
            At(3445.576113m, Skb, "nf_hook_slow", "netfilter", req, ret: 1, extra: Hook(2, 4)),
            At(3445.576116m, Skb, "nft_do_chain", "netfilter", req, ret: 1, extra: Chain(2, 4, "nat", "POSTROUTING")),
            At(3445.576131m, Skb, "nf_nat_manip_pkt", "netfilter", req),
            At(3445.576215m, Skb, "consume_skb", "life", req, free: true),
        ];

        var (text, diagnoser) = Run(hits);

        Assert.EndsWith(
            "*NAT happens (packet address will change)*\n" +
            $"[3445.576215] [consume_skb         ] ICMP: 192.168.122.8 -> 10.123.119.98 ping request, seq: 0, id: 7 *packet is freed (normally)*\n" +
            "---------------- ANALYSIS RESULT ---------------------\n" +
            "[1] WARNING happens in nf_nat_manip_pkt(netfilter):\n" +
            "        NAT happens (packet address will change)\n" +
            "\n",
            text);
        Assert.False(diagnoser.Finished);
    }

    [Fact]
    public void Diag_Quiet_PrintsOnlyAbnormalContexts()
    {
        var req = Ping("10.0.0.1", "10.0.0.2", 1);
        SkbTraceEvent[] normal = [At(1.000001m, 0x1000, "ip_rcv", "ip-in", req), At(1.000002m, 0x1000, "consume_skb", "life", req, free: true)];

        var (quiet, _) = Run(normal, quiet: true);
        var (loud, _) = Run(normal, quiet: false);

        Assert.Equal("", quiet);
        Assert.Contains("*packet is freed (normally)*", loud);
        Assert.DoesNotContain("ANALYSIS RESULT", loud);
    }

    [Fact]
    public void Diag_NormalPacket_SaysItIsGood()
    {
        var req = Ping("10.0.0.1", "10.0.0.2", 1);
        SkbTraceEvent[] normal = [At(1.000001m, 0x1000, "ip_rcv", "ip-in", req), At(1.000002m, 0x1000, "consume_skb", "life", req, free: true)];

        var (text, diagnoser) = Run(normal, keep: true);
        var (nat, _) = Run([At(2.000001m, 0x2000, "nf_nat_manip_pkt", "netfilter", req), At(2.000002m, 0x2000, "consume_skb", "life", req, free: true)]);

        Assert.EndsWith("*packet is freed (normally)*\nthis is a good packet!\n\n", text);
        Assert.DoesNotContain("ANALYSIS RESULT", text);
        Assert.False(diagnoser.Finished);
        // A warning is not a good packet: it gets its analysis instead.
        Assert.DoesNotContain(Diagnoser.GoodPacket, nat);
        Assert.Contains("ANALYSIS RESULT", nat);
    }

    [Fact]
    public void Diag_Keep_GoesOnAfterAnError()
    {
        var first = ForwardDrop();
        var second = ForwardDrop().Select(e => At(e.Meta.Timestamp / 1_000_000_000m + 1, Skb + 0x100, e.Trace, e.Group, e.Packet!,
            e.Return, e.Extra, e.Aux0, e.Aux1, e.IsFree)).ToArray();

        var (kept, keeper) = Run([.. first, .. second], keep: true);
        var (stopped, _) = Run([.. first, .. second], keep: false);

        Assert.Equal(2, kept.Split("ANALYSIS RESULT").Length - 1);
        Assert.DoesNotContain("analysis finished!", kept);
        Assert.False(keeper.Finished);
        Assert.Equal(1, stopped.Split("ANALYSIS RESULT").Length - 1);
    }

    [Fact]
    public void Diag_ReasonNoRuleNames_ShowsItsKernelNameAndTheGenericAdvice()
    {
        var req = Ping("10.0.0.1", "10.0.0.2", 1);
        SkbTraceEvent[] hits = [At(1.000001m, Skb, "ip_rcv", "ip-in", req), At(1.000002m, Skb, "kfree_skb", "life", req, aux0: DropSite, aux1: 129, free: true)];

        var (text, _) = Run(hits);

        Assert.Contains("[1] ERROR happens in kfree_skb(life):\n        packet is dropped by kernel\n", text);
        Assert.Contains("    drop reason:\n        NEWER_THAN_ANY_RECORDED\n    fix advice:\n        see dropreason(7)", text);
    }

    private static (string Text, Diagnoser Diagnoser) Run(IEnumerable<SkbTraceEvent> hits, bool quiet = false, bool keep = false, bool hooks = false)
    {
        var renderers = CatalogueGroups.All.Where(g => g.Renderer is not null).ToDictionary(g => g.Name, g => g.Renderer!);
        var diagnoser = new Diagnoser(ShippedRules, Kernel, renderers, quiet, keep, hooks);
        var output = new StringWriter { NewLine = "\n" };
        var writer = new LifecycleWriter(output, new EventClock(date: false), detail: false, showReturn: false, Kernel, 0, diagnoser);
        var assembler = new LifecycleAssembler();
        foreach (var hit in hits)
            writer.Write(assembler.Add(hit));
        writer.Write(assembler.Flush());
        return (output.ToString(), diagnoser);
    }
}
