using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Host.Engine;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// --bpf-progs in --diag: a tc program's TC_ACT_SHOT and an XDP program's XDP_DROP are named as the cause, with the
/// program's name, id, hook and device; a program that lets the packet through is no finding.
/// </summary>
public sealed class BpfProgramDiagTests
{
    private const ulong Skb = 0xffff888100002000, Frame = 0xffff888100003000, DropSite = 0xffffffff81a00200;

    private static readonly DiagHits.Kernel Kernel = new(new() { [DropSite] = "tcf_classify+0x200" });

    private static unsafe SkbTraceEvent OnDevice(SkbTraceEvent ev, string device)
    {
        var meta = ev.Meta;
        Encoding.ASCII.GetBytes(device).CopyTo(new Span<byte>(meta.IfName, 15));
        return new SkbTraceEvent(meta, ev.Packet, new SkbTraceRecord { Flags = ev.Flags, Ret = (ulong)(ev.Return ?? 0), Aux0 = ev.Aux0, Aux1 = ev.Aux1, StackId = -1 },
            ev.Trace, ev.Group, ev.Point);
    }

    [Fact]
    public void TcShot_IsTheCause_NamedWithTheProgramsIdHookAndDevice()
    {
        var req = Ping("10.99.12.1", "10.99.12.2", 1);
        string text = Diagnose(ShippedRules, Kernel,
        [
            At(1.000001m, Skb, "__netif_receive_skb_core", "link-in", req),
            OnDevice(At(1.000002m, Skb, "tc-ingress:tc_drop_icmp", ProgramVerdictTraces.Name, req, ret: 2, aux0: 41), "vntsntc"),
            At(1.000003m, Skb, "kfree_skb", "life", req, aux0: DropSite, aux1: 1, free: true),
        ]);

        Assert.Contains("[1] ERROR happens in tc-ingress:tc_drop_icmp(bpf_progs):\n" +
                        "        packet is dropped by the tc BPF program tc_drop_icmp (id 41) at tc-ingress of vntsntc\n", text);
        Assert.Contains("bpftool prog dump xlated id 41", text);
    }

    [Fact]
    public void XdpDrop_IsTheCause_OfItsOwnOneHitLifecycle()
    {
        var req = Ping("10.99.13.1", "10.99.13.2", 1);
        string text = Diagnose(ShippedRules, Kernel,
            [OnDevice(At(1.000001m, Frame, "xdp:xdp_drop_icmp", ProgramVerdictTraces.Name, req, ret: 1, aux0: 43, free: true), "vntxntc")]);

        Assert.Contains("[1] ERROR happens in xdp:xdp_drop_icmp(bpf_progs):\n" +
                        "        packet is dropped by the XDP program xdp_drop_icmp (id 43) on vntxntc\n", text);
    }

    [Fact]
    public void TcOk_IsNoFinding_AndTheLineShowsTheVerdict()
    {
        var req = Ping("10.99.12.1", "10.99.12.2", 1);
        var hits = new[]
        {
            At(1.000002m, Skb, "tc-ingress:tc_drop_icmp", ProgramVerdictTraces.Name, req, ret: 0, aux0: 41),
            At(1.000003m, Skb, "consume_skb", "life", req, free: true),
        };

        string text = Diagnose(ShippedRules, Kernel, hits);

        Assert.DoesNotContain("ERROR happens", text);
        Assert.Contains("[tc-ingress:tc_drop_icmp] ICMP: 10.99.12.1 -> 10.99.12.2 ping request, seq: 1, id: 7 *verdict TC_ACT_OK*", text);
    }

    [Fact]
    public void Line_ShowsTheVerdictWithoutRet_AndOtherReturnsOnlyWithIt()
    {
        var req = Ping("10.99.12.1", "10.99.12.2", 1);
        var output = new StringWriter { NewLine = "\n" };
        var formatter = new SkbLineFormatter(output, new EventClock(date: false), detail: false, showReturn: false, Kernel);

        formatter.Write(At(1.000002m, Skb, "xdp:xdp_drop_icmp", ProgramVerdictTraces.Name, req, ret: 1, aux0: 43), null);
        formatter.Write(At(1.000003m, Skb, "ip_rcv_core", "ip-in", req, ret: 5), null);

        Assert.EndsWith("ping request, seq: 1, id: 7 *verdict XDP_DROP*\n", output.ToString().Split('\n')[0] + "\n");
        Assert.DoesNotContain("*return", output.ToString());
    }

    [Fact]
    public void Fields_TheProgramAsRulesSeeIt()
    {
        var ev = OnDevice(At(1m, Skb, "tc-egress:cil_from_container#51", ProgramVerdictTraces.Name, Ping("10.0.0.1", "10.0.0.2", 1), ret: 2, aux0: 51), "lxc12");
        var view = new SkbRuleEvent(ev, Kernel);

        Assert.True(view.TryGetText("verdict", out string verdict));
        Assert.True(view.TryGetText("bpf_prog", out string name));
        Assert.True(view.TryGetText("bpf_hook", out string hook));
        Assert.True(view.TryGetNumber("bpf_prog_id", out long id));
        Assert.Equal(("TC_ACT_SHOT", "cil_from_container", "tc-egress", 51L), (verdict, name, hook, id));
        Assert.False(new SkbRuleEvent(At(1m, Skb, "ip_rcv", "ip-in", Ping("10.0.0.1", "10.0.0.2", 1)), Kernel).TryGetNumber("bpf_prog_id", out _));
    }
}
