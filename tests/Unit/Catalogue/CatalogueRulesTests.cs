using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Drop;
using NetTrace.Host.Engine;

namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>The rules every row of the packet-path catalogue obeys (names, arguments, targets, roles).</summary>
public sealed class CatalogueRulesTests
{
    /// <summary>Raw tracepoints whose first argument is the skb, so the generic tracer can read it.</summary>
    private static readonly HashSet<string> SkbFirstTracepoints =
    [
        "napi_gro_receive_entry", "netif_receive_skb", "netif_rx", "net_dev_queue", "net_dev_start_xmit",
        "tcp_bad_csum", "consume_skb",
    ];

    [Fact]
    public void TraceNames_AcrossPlugins_AreUnique()
    {
        // What `-t` selects from: every group but the mode-only ones (drop has its own kfree_skb).
        var selectable = CatalogueGroups.All.Concat(RecordingRegistry.GroupsOf(new DropTraceGroup()))
            .Where(g => !g.ModeOnly)
            .SelectMany(g => g.Traces.Select(t => (Group: g, Trace: t)));

        var duplicates = selectable.GroupBy(p => p.Trace.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(", ", g.Select(p => p.Group.Name))}");

        Assert.Empty(duplicates);
    }

    [Fact]
    public void TraceNames_ComparedWithGroupNames_NeverCollide()
    {
        var groupNames = CatalogueGroups.All.Select(g => g.Name)
            .Concat(RecordingRegistry.GroupsOf(new DropTraceGroup()).Select(g => g.Name))
            .ToHashSet();

        var clashes = CatalogueGroups.Traces.Select(p => p.Trace.Name).Where(groupNames.Contains).ToList();

        Assert.Empty(clashes);
    }

    [Fact]
    public void GroupNames_AcrossPlugins_AreUnique()
    {
        var names = CatalogueGroups.All.Select(g => g.Name)
            .Concat(RecordingRegistry.GroupsOf(new DropTraceGroup()).Select(g => g.Name))
            .ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Traces_Targets_AreNotEmpty()
    {
        Assert.Empty(CatalogueGroups.Traces.Where(p => p.Trace.Targets.Count == 0).Select(p => p.Trace.Name));
    }

    [Fact]
    public void Traces_Targets_IncludeTheTracedName()
    {
        Assert.Empty(CatalogueGroups.Traces
            .Where(p => p.Trace.Targets.All(t => t.Target != p.Trace.Name))
            .Select(p => p.Trace.Name));
    }

    [Fact]
    public void GenericFunctionTargets_SkbArg_IsWithinTracerPrograms()
    {
        var outOfRange = CatalogueGroups.Targets
            .Where(p => p.Target.IsGeneric && p.Target.Kind == AttachKind.Kprobe)
            .Where(p => p.Trace.SkbArg is < 0 or > 4)
            .Select(p => $"{p.Trace.Name}: skb arg {p.Trace.SkbArg}");

        Assert.Empty(outOfRange);
    }

    [Fact]
    public void GenericTracepointTargets_Name_IsAnSkbFirstTracepoint()
    {
        var others = CatalogueGroups.Targets
            .Where(p => p.Target.IsGeneric && p.Target.Kind == AttachKind.RawTracepoint)
            .Where(p => !SkbFirstTracepoints.Contains(p.Target.Target) || p.Trace.SkbArg != 0)
            .Select(p => $"{p.Trace.Name}: {p.Target}");

        Assert.Empty(others);
    }

    [Fact]
    public void Targets_Kinds_AreKprobeOrRawTracepoint()
    {
        Assert.Empty(CatalogueGroups.Targets
            .Where(p => p.Target.Kind is not (AttachKind.Kprobe or AttachKind.RawTracepoint))
            .Select(p => $"{p.Trace.Name}: {p.Target}"));
    }

    [Fact]
    public void NonGenericTargets_AreTheHostsOwnTracepointProgramsOrTheirGroupsEntryPrograms()
    {
        var targets = CatalogueGroups.Targets.Where(p => !p.Target.IsGeneric).ToList();

        Assert.Equal(
            [
                new AttachTarget(AttachKind.RawTracepoint, "nt_tp_kfree", "kfree_skb"),
                new AttachTarget(AttachKind.RawTracepoint, "nt_tp_qdisc_dequeue", "qdisc_dequeue"),
                new AttachTarget(AttachKind.RawTracepoint, "nt_tp_qdisc_enqueue", "qdisc_enqueue"),
            ],
            targets.Where(p => p.Target.Kind == AttachKind.RawTracepoint).Select(p => p.Target).OrderBy(t => t.Program, StringComparer.Ordinal));
        Assert.All(targets.Where(p => p.Target.Kind == AttachKind.RawTracepoint), p => Assert.Contains(p.Target.Program, TracepointSlots.Dedicated.Keys));
        Assert.All(targets.Where(p => p.Target.Kind != AttachKind.RawTracepoint), p =>
        {
            Assert.Equal(AttachKind.Kprobe, p.Target.Kind);
            Assert.StartsWith("nt_", p.Target.Program);
            Assert.NotNull(CatalogueGroups.All.Single(g => g.Traces.Contains(p.Trace)).OpenBpfObject);
        });
    }

    [Fact]
    public void Roles_FreeOrClone_OnlyInLifeGroup()
    {
        Assert.Empty(CatalogueGroups.Traces
            .Where(p => p.Trace.Role != TraceRole.Pass && p.Group.Name != "life")
            .Select(p => $"{p.Group.Name}/{p.Trace.Name}"));
    }

    [Fact]
    public void Roles_LifeGroup_FreesAndClones()
    {
        var roles = CatalogueGroups.Named("life").Traces.ToDictionary(t => t.Name, t => t.Role);

        Assert.Equal(TraceRole.Clone, roles["skb_clone"]);
        Assert.All(["consume_skb", "kfree_skb", "__kfree_skb", "kfree_skb_partial", "skb_attempt_defer_free"],
            name => Assert.Equal(TraceRole.Free, roles[name]));
    }

    [Fact]
    public void NeedsReturn_Always_SaysWhatTheValueMeans()
    {
        Assert.Empty(CatalogueGroups.Traces
            .Where(p => p.Trace.NeedsReturn && string.IsNullOrWhiteSpace(p.Trace.Description))
            .Select(p => p.Trace.Name));
    }

    [Theory]
    [InlineData("conntrack")]
    [InlineData("xfrm")]
    public void DefaultOn_NoisyOrRareGroup_IsOffForEveryTrace(string group)
    {
        Assert.All(CatalogueGroups.Named(group).Traces, t => Assert.False(t.DefaultOn, t.Name));
    }

    [Fact]
    public void StartsByItsSocket_OnlyTheWriteQueuesEntry_AndOffByDefault()
    {
        var traces = CatalogueGroups.Traces.Where(p => p.Trace.StartsByItsSocket).Select(p => p.Trace).ToList();

        Assert.Equal(["skb_entail", "tcp_skb_entail"], traces.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(traces, t => Assert.False(t.DefaultOn));
        Assert.All(traces, t => Assert.Equal(0, t.SockArg));
    }
}
