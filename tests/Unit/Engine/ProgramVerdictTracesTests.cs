using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>--bpf-progs: the loaded tc and XDP programs as a group after the catalogue, one trace per place each runs.</summary>
public sealed class ProgramVerdictTracesTests
{
    private static readonly LoadedProgram[] Loaded =
    [
        new(41, LoadedProgramKind.Tc, "tc_drop_icmp", "tc_drop_icmp"),
        new(43, LoadedProgramKind.Xdp, "xdp_drop_icmp", "xdp_drop_icmp"),
        new(50, LoadedProgramKind.Tc, "cil_from_container", "cil_from_container"),
        new(51, LoadedProgramKind.Tc, "cil_from_container", "cil_from_container"),
        new(60, LoadedProgramKind.Tc, "old_prog", null), // loaded without BTF
    ];

    [Fact]
    public void Group_NamesEachPlaceAProgramRuns_AndTellsSameNamesApartByTheirIds()
    {
        var group = ProgramVerdictTraces.Group(Loaded, out var withoutBtf);

        Assert.Equal(ProgramVerdictTraces.Name, group.Name);
        Assert.Equal(
            ["tc-ingress:tc_drop_icmp", "tc-egress:tc_drop_icmp", "xdp:xdp_drop_icmp", "tc-ingress:cil_from_container#50",
             "tc-egress:cil_from_container#50", "tc-ingress:cil_from_container#51", "tc-egress:cil_from_container#51"],
            group.Traces.Select(t => t.Name));
        Assert.Equal([60u], withoutBtf.Select(p => p.Id));
        Assert.All(group.Traces, t => Assert.False(t.DefaultOn));
        Assert.Equal("nt_xdp_verdict", group.Traces.Single(t => t.Name.StartsWith("xdp:", StringComparison.Ordinal)).Targets[0].Program);
    }

    [Fact]
    public void Watched_ATcProgramsEgressTrace_IsTheIdAfterItsIngress()
    {
        var plain = FakeCatalog.Build();
        var catalog = plain.With(ProgramVerdictTraces.Group(Loaded, out _));

        var watched = ProgramVerdictTraces.Watched(catalog, Loaded);

        Assert.Equal([41u, 43u, 50u, 51u], watched.Select(w => w.Program.Id));
        var tc = watched[0];
        Assert.Equal(["tc-ingress:tc_drop_icmp", "tc-egress:tc_drop_icmp"], tc.Traces.Select(t => t.Name));
        Assert.Equal(tc.First.Id + 1, tc.Traces[1].Id);
        Assert.Equal(plain.Traces.Count + 1, tc.First.Id); // after the catalogue: its ids do not move
        Assert.Single(watched[1].Traces);
    }

    [Fact]
    public void Catalogue_NameLists_NeverSelectTheWatchedPrograms()
    {
        var catalog = FakeCatalog.Build().With(ProgramVerdictTraces.Group(Loaded, out _));

        // They are attached apart (by --bpf-progs), never planned as functions.
        Assert.DoesNotContain(catalog.Expand(["all"], out _)!, t => t.Group.Name == ProgramVerdictTraces.Name);
        Assert.Null(catalog.Expand(["tc-ingress:tc_drop_icmp"], out string? error));
        Assert.Contains("--bpf-progs", error);
        Assert.Null(catalog.Expand([ProgramVerdictTraces.Name], out error));
        Assert.Contains("--bpf-progs", error);
    }

    [Theory]
    [InlineData("tc-ingress:tc_drop_icmp", 2, "TC_ACT_SHOT")]
    [InlineData("tc-egress:cil_from_container#50", 0, "TC_ACT_OK")]
    [InlineData("tc-egress:x", 7, "TC_ACT_REDIRECT")]
    [InlineData("tc-ingress:x", -1, "TC_ACT_UNSPEC")]
    [InlineData("xdp:xdp_drop_icmp", 1, "XDP_DROP")]
    [InlineData("xdp:x", 0, "XDP_ABORTED")]
    [InlineData("xdp:x", 4, "XDP_REDIRECT")]
    [InlineData("xdp:x", 9, "XDP(9)")]
    public void Verdicts_ByTheHookTheTraceNames(string trace, long ret, string verdict)
    {
        Assert.Equal(verdict, BpfVerdicts.Name(ProgramVerdictTraces.Name, trace, ret));
        Assert.Null(BpfVerdicts.Name("netfilter", trace, ret));
    }

    [Fact]
    public void Verdicts_TheTracesParts()
    {
        Assert.Equal(("tc-egress", "cil_from_container"), (BpfVerdicts.Hook("tc-egress:cil_from_container#50"), BpfVerdicts.Program("tc-egress:cil_from_container#50")));
        Assert.Equal(("xdp", "xdp_drop_icmp"), (BpfVerdicts.Hook("xdp:xdp_drop_icmp"), BpfVerdicts.Program("xdp:xdp_drop_icmp")));
    }

    [Fact]
    public void Recording_AWatchedProgramsTrace_IsMadeAgainFromItsName()
    {
        var header = new RecordingHeader(2, "0.1.0", "6.12", "lifecycle", DateTimeOffset.UnixEpoch, 0, [],
            [new RecordedHook(900, "tc-ingress:tc_drop_icmp", ProgramVerdictTraces.Name, "tc-ingress:tc_drop_icmp")]);

        var hooks = RecordedHooks.Rebuild(header, FakeCatalog.Build(), out var unknown);

        Assert.Empty(unknown);
        var hook = Assert.Single(hooks);
        Assert.Equal(((ushort)900, "tc-ingress:tc_drop_icmp", ProgramVerdictTraces.Name), (hook.Trace.Id, hook.Trace.Name, hook.Trace.Group.Name));
    }
}
