using System.Collections.Concurrent;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Kernel;
using NetTrace.Tests.Unit.Catalogue;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>
/// Attaching one kprobe per function (no kprobe.multi): whatever fails, every link made reaches the caller's list,
/// which SkbTracer.Load disposes on every error path. Links here are names, made by a fake attach.
/// </summary>
public sealed class SkbTracerAttachTests
{
    private static List<PlannedHook> Functions(TraceCatalog catalog, KernelHooks kernel) =>
        [.. AttachPlanner.Plan(TraceSelection.From([], [], catalog), kernel, showReturn: true).Hooks.Where(h => h.IsFunction)];

    /// <summary>The netfilter plugin's hooks on a 6.12 kernel: three entries of its own (with returns) and one generic.</summary>
    private static List<PlannedHook> NetfilterFunctions() => Functions(
        new TraceCatalog([CatalogueGroups.All.Single(g => g.Name == "netfilter")]),
        new KernelHooks(true, false,
            new[] { "nf_hook_slow", "ipt_do_table", "nft_do_chain", "nf_nat_manip_pkt" }
                .ToDictionary(n => n, n => new KernelFunction(n, n, 0xffffffffc0000000UL + (ulong)n.Length)),
            _ => true) { Release = new Version(6, 12) });

    private static string Link(PlannedHook hook, bool retprobe) => $"{hook.Point}{(retprobe ? " ret" : "")}";

    private static BpfException Refused(PlannedHook hook) => new(BpfStage.Attach, $"kprobe:{hook.Point}", BpfErrors.ENOENT);

    [Fact]
    public void AttachEach_PluginEntryReturnProbeFails_LinksMadeBeforeReachTheCaller()
    {
        var hooks = NetfilterFunctions();
        var links = new List<string>();
        int calls = 0;

        Assert.Throws<BpfException>(() => SkbTracer.AttachEach(hooks,
            (hook, retprobe, _) => ++calls == 2 ? throw Refused(hook) : Link(hook, retprobe), links, [], [], _ => { }));

        Assert.Equal(["nf_hook_slow ret"], links);
    }

    [Fact]
    public void AttachEach_UnexpectedFailureMidway_EveryLinkMadeReachesTheCaller()
    {
        var hooks = Functions(FakeCatalog.Build(), FakeCatalog.WithKprobes());
        var made = new ConcurrentBag<string>();
        var links = new List<string>();

        // ip_route_input_slow's return probe is made, then its entry fails in a way AttachEach does not expect.
        Assert.Throws<AggregateException>(() => SkbTracer.AttachEach(hooks, (hook, retprobe, _) =>
        {
            if (hook.Trace.Name == "ip_route_input_slow" && !retprobe)
                throw new InvalidOperationException("unexpected");
            string link = Link(hook, retprobe);
            made.Add(link);
            return link;
        }, links, [], [], _ => { }));

        Assert.Contains("ip_route_input_slow ret", links);
        Assert.Equal(made.Order(StringComparer.Ordinal), links.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AttachEach_KernelRefusesOneFunction_OthersAttachAndItIsReported()
    {
        var hooks = Functions(FakeCatalog.Build(), FakeCatalog.WithKprobes());
        var links = new List<string>();
        var attached = new List<PlannedHook>();
        var failed = new List<SkippedTrace>();

        SkbTracer.AttachEach(hooks, (hook, retprobe, _) => hook.Trace.Name == "ip_rcv" ? throw Refused(hook) : Link(hook, retprobe),
            links, attached, failed, _ => { });

        Assert.Equal("ip_rcv", Assert.Single(failed).Trace.Name);
        Assert.Equal(hooks.Where(h => h.Trace.Name != "ip_rcv").Select(h => h.Trace.Name).Order(StringComparer.Ordinal),
            attached.Select(h => h.Trace.Name).Order(StringComparer.Ordinal));
        Assert.Equal(hooks.Count - 1 + hooks.Count(h => h.WithReturn && h.Trace.Name != "ip_rcv"), links.Count);
    }
}
