using NetTrace.Host.Engine;
using NetTrace.Host.Errors;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>
/// Upstream's trace control and names on the selection and the cookies the engine reads: --trace-exclude,
/// --trace-matcher (NoStart), --trace-free (Free), --trace-noclone (no clone following); "all" and upstream's groups.
/// </summary>
public sealed class TraceControlTests
{
    private static TraceSelection Select(string[] traces, TraceControl control) =>
        TraceSelection.From(traces, [], FakeCatalog.Build(), control: control);

    private static ulong Cookie(TraceSelection selection, string trace) =>
        AttachPlanner.Plan(selection, FakeCatalog.WithKprobes(), showReturn: false).Hooks.Single(h => h.Trace.Name == trace).Cookie;

    [Fact]
    public void Exclude_LeavesTracesAndGroupsOut()
    {
        var selection = Select([], new TraceControl(["ip_rcv_core", "link-in"], [], [], false));

        Assert.DoesNotContain(selection.Traces, t => t.Name is "ip_rcv_core" or "__netif_receive_skb_core" or "napi_gro_receive_entry");
        Assert.Contains(selection.Traces, t => t.Name == "ip_rcv");
    }

    [Fact]
    public void Exclude_Everything_OneLineError()
    {
        var e = Assert.Throws<UsageException>(() => Select(["ip-in"], new TraceControl(["ip-in"], [], [], false)));
        Assert.Equal("no trace selected: --trace-exclude left none", e.Message);
    }

    [Fact]
    public void Matcher_OthersMayNotStartALifecycle()
    {
        var selection = Select([], new TraceControl([], ["ip_rcv"], [], false));

        Assert.Equal(0UL, Cookie(selection, "ip_rcv") & (ulong)EngineCookie.NoStart);
        Assert.NotEqual(0UL, Cookie(selection, "ip_rcv_core") & (ulong)EngineCookie.NoStart);
        Assert.NotEqual(0UL, Cookie(selection, "consume_skb") & (ulong)EngineCookie.NoStart);
    }

    [Fact]
    public void Matcher_NotSelected_IsTracedAnyway()
    {
        var selection = Select(["life"], new TraceControl([], ["ip_rcv"], [], false));

        Assert.Contains(selection.Traces, t => t.Name == "ip_rcv");
    }

    [Fact]
    public void Free_EndsTheLifecycleThere()
    {
        var selection = Select([], new TraceControl([], [], ["ip_rcv_core"], false));

        Assert.NotEqual(0UL, Cookie(selection, "ip_rcv_core") & (ulong)EngineCookie.Free);
        Assert.NotEqual(0UL, Cookie(selection, "ip_rcv_core") & (ulong)EngineCookie.Ends);
        Assert.Equal(0UL, Cookie(selection, "ip_rcv") & (ulong)EngineCookie.Free);
        Assert.Equal(0UL, Cookie(selection, "consume_skb") & (ulong)EngineCookie.Ends); // the kernel's own free
    }

    [Fact]
    public void NoClone_CloneIsAPlainHit()
    {
        var follows = AttachPlanner.Plan(Select(["skb_clone"], TraceControl.None), FakeCatalog.WithKprobes(), false).Hooks.Single();
        var plain = AttachPlanner.Plan(Select(["skb_clone"], new TraceControl([], [], [], true)), FakeCatalog.WithKprobes(), false).Hooks.Single();

        Assert.True(follows.WithReturn);
        Assert.NotEqual(0UL, follows.Cookie & (ulong)EngineCookie.Clone);
        Assert.False(plain.WithReturn);
        Assert.Equal(0UL, plain.Cookie & (ulong)(EngineCookie.Clone | EngineCookie.Return));
    }

    [Fact]
    public void UnknownName_NamesTheOption()
    {
        var e = Assert.Throws<UsageException>(() => Select([], new TraceControl([], ["ip_rvc"], [], false)));
        Assert.Equal("--trace-matcher: unknown trace or group 'ip_rvc' (nettrace -t ? lists them)", e.Message);
    }

    [Fact]
    public void All_EveryTraceOffOnesIncluded()
    {
        var catalog = FakeCatalog.Build();

        Assert.Equal(catalog.Traces.Count, TraceSelection.From(["all"], [], catalog).Traces.Count);
    }

    [Fact]
    public void UpstreamNames_StandForThisCatalogue()
    {
        var catalog = FakeCatalog.Build();

        // btf's name for the receive core, and a parent whose members this fake catalogue has only in part.
        Assert.Equal("__netif_receive_skb_core", Assert.Single(catalog.Expand(["netif_receive_skb"], out _)!).Name);
        Assert.Contains(catalog.Expand(["link"], out _)!, t => t.Name == "napi_gro_receive_entry");
        Assert.Null(catalog.Expand(["tcp"], out string? error)); // none of its members in this catalogue
        Assert.Contains("unknown trace or group 'tcp'", error);
    }
}
