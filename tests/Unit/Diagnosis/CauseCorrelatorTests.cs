using NetTrace.Abstractions.Events;
using NetTrace.Host.Session.Diagnosis;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>One cause per diagnosis: the specific step leads, the hook's verdict and the free support it.</summary>
public sealed class CauseCorrelatorTests
{
    private static readonly DiagHits.Kernel Plain = new([]);

    [Fact]
    public void Correlate_LegacyDrop_TableVerdictIsTheCauseOfHookVerdictAndFree()
    {
        var causes = Causes(
            Hit("nf_hook_slow", ret: -1, extra: Hook(2, 2)),
            Hit("ipt_do_table", ret: 0, extra: Table(2, 2, "filter")),
            Hit("kfree_skb", aux1: 7));

        var cause = Assert.Single(causes);
        Assert.Equal("ipt_do_table", cause.Finding.Event.Trace);
        Assert.Equal(["nf_hook_slow", "kfree_skb"], cause.Support.Select(f => f.Event.Trace));
    }

    [Fact]
    public void Correlate_AWarningNeverAbsorbsALaterDrop()
    {
        var causes = Causes(
            Hit("nf_nat_manip_pkt"),
            Hit("nf_hook_slow", ret: -1, extra: Hook(2, 2)),
            Hit("nft_do_chain", ret: 0, extra: Chain(2, 2, "filter", "FORWARD")),
            Hit("kfree_skb", aux1: 7));

        Assert.Equal(["nf_nat_manip_pkt", "nft_do_chain"], causes.Select(c => c.Finding.Event.Trace));
        Assert.Empty(causes[0].Support);
        Assert.Equal(["nf_hook_slow", "kfree_skb"], causes[1].Support.Select(f => f.Event.Trace));
    }

    [Fact]
    public void Correlate_OnlyOutcomes_TheFirstIsTheCause()
    {
        var causes = Causes(Hit("nf_hook_slow", ret: -1, extra: Hook(2, 1)), Hit("kfree_skb", aux1: 7));

        var cause = Assert.Single(causes);
        Assert.Equal("nf_hook_slow", cause.Finding.Event.Trace);
        Assert.Equal("kfree_skb", Assert.Single(cause.Support).Event.Trace);
    }

    [Fact]
    public void Correlate_ADropWithAReasonAlone_IsItsOwnCause()
    {
        var cause = Assert.Single(Causes(Hit("kfree_skb", aux1: 2)));

        Assert.Equal("kfree_skb", cause.Finding.Event.Trace);
        Assert.Empty(cause.Support);
    }

    private static int _at;

    private static SkbTraceEvent Hit(string trace, long? ret = null, SkbExtraRecord? extra = null, ulong aux1 = 0)
    {
        var group = trace switch { "kfree_skb" => "life", _ => "netfilter" };
        return At(1m + Interlocked.Increment(ref _at) / 1_000_000m, 0x1000, trace, group, Ping("10.0.0.1", "10.0.0.2", 1),
            ret, extra, aux0: trace == "kfree_skb" ? 0xffffffff81a00096 : 0, aux1: aux1, free: trace == "kfree_skb");
    }

    private static List<Cause> Causes(params SkbTraceEvent[] hits)
    {
        var diagnoser = new Diagnoser(ShippedRules, Plain, new Dictionary<string, NetTrace.Abstractions.Rendering.IEventRenderer>(), quiet: false, keep: true, hooks: false);
        var abnormal = diagnoser.Examine(hits).Where(f => f.IsAbnormal).ToList();
        Assert.Equal(hits.Length, abnormal.Count);
        return CauseCorrelator.Correlate(abnormal);
    }
}
