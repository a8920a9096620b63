using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Kernel;
using NetTrace.Tests.Unit.Catalogue;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>Planning the netfilter plugin's own entry programs against fake kernels of several releases.</summary>
public class PluginEntryPlanningTests
{
    private static readonly TraceCatalog Catalog = new([CatalogueGroups.All.Single(g => g.Name == "netfilter")]);

    private static KernelHooks Kernel(Version release, bool kprobes = true) => new(
        kprobes,
        false,
        new[] { "nf_hook_slow", "ipt_do_table", "nft_do_chain", "nf_nat_manip_pkt" }
            .ToDictionary(n => n, n => new KernelFunction(n, n, 0xffffffffc0000000UL + (ulong)n.Length)),
        _ => true)
    { Release = release, KprobeFailure = kprobes ? "" : "the kernel has no kprobe support" };

    private static AttachPlan Plan(Version release, bool kprobes = true) =>
        AttachPlanner.Plan(TraceSelection.From([], [], Catalog), Kernel(release, kprobes), showReturn: true);

    [Theory]
    [InlineData("5.10", "nt_nf_ipt_old")]
    [InlineData("5.15.120", "nt_nf_ipt_old")]
    [InlineData("5.16", "nt_nf_ipt")]
    [InlineData("6.1.0", "nt_nf_ipt")]
    [InlineData("6.12.48", "nt_nf_ipt")]
    public void Plan_IptDoTable_PicksTheArgumentLayoutOfTheRelease(string release, string program)
    {
        var hook = Assert.Single(Plan(Version.Parse(release)).Hooks, h => h.Trace.Name == "ipt_do_table");

        Assert.Equal(program, hook.Target.Program);
        Assert.True(hook.IsPluginEntry);
        Assert.True(hook.WithReturn);
    }

    [Fact]
    public void Plan_NetfilterEntries_AreDefaultOnWithReturnsAndNatStaysGeneric()
    {
        var plan = Plan(new Version(6, 12));

        Assert.Equal(["nf_hook_slow", "ipt_do_table", "nft_do_chain", "nf_nat_manip_pkt"], plan.Hooks.Select(h => h.Trace.Name));
        Assert.All(plan.Hooks.Where(h => h.Trace.Name != "nf_nat_manip_pkt"), h => Assert.True(h.IsPluginEntry && h.WithReturn, h.Trace.Name));
        Assert.False(Assert.Single(plan.Hooks, h => h.Trace.Name == "nf_nat_manip_pkt").IsPluginEntry);
    }

    [Fact]
    public void Plan_NoKprobes_SkipsEntriesWithTheReason()
    {
        var plan = Plan(new Version(6, 18), kprobes: false);

        Assert.Empty(plan.Hooks);
        var ipt = Assert.Single(plan.Skipped, s => s.Trace.Name == "ipt_do_table");
        // The layout that does not fit this release says so; the one that does says why it cannot attach.
        Assert.Contains("not for kernel 6.18 (fits before 5.16)", ipt.Reason);
        Assert.Contains("no kprobe support", ipt.Reason);
    }

    [Fact]
    public void Plan_EntryOfAGroupWithoutObject_IsRefused()
    {
        var group = new TraceGroup("own", 0, null, [new TraceSpec("nf_hook_slow", [AttachTarget.Entry("nt_x", "nf_hook_slow")]) { SkbArg = 0 }], [], null, null);
        var plan = AttachPlanner.Plan(TraceSelection.From([], [], new TraceCatalog([group])), Kernel(new Version(6, 1)), false);

        Assert.Contains("ships no BPF object", Assert.Single(plan.Skipped).Reason);
    }
}
