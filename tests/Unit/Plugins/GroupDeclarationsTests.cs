using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>Declarations that cannot hold together are refused as the second group registers: one line, exit code 2.</summary>
public sealed class GroupDeclarationsTests
{
    private static PluginException Refused(params TraceGroup[] groups)
    {
        var catalog = new PluginCatalog();
        var e = Assert.Throws<PluginException>(() =>
        {
            foreach (var group in groups)
                catalog.AddGroup(group);
        });
        Assert.Equal(2, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static TraceGroup WithMetric(string group, ushort owner, string metric) =>
        FakeGroups.Own(group, owner, group + "_trace") with { Metrics = new GroupMetrics([MetricSpec.Counter(metric, "help")], (_, _, _) => { }) };

    [Fact]
    public void AddGroup_SecondGroupServingDrop_Refused()
    {
        var vendor = FakeGroups.Own("acme-frees", 0x4141, "acme_free") with { Serves = new() { Drop = true } };

        var e = Refused([.. BuiltInPlugins.Catalog().Groups, vendor]);

        Assert.Equal("trace groups 'drop' and 'acme-frees' both serve --drop; only one may", e.Message);
    }

    [Fact]
    public void AddGroup_SecondGroupServingSock_Refused()
    {
        var a = FakeGroups.Own("a", 0x4141, "a_t") with { Serves = new() { Sock = true } };
        var b = FakeGroups.Own("b", 0x4142, "b_t") with { Serves = new() { Sock = true, Monitor = MonitorTraces.All } };

        Assert.Equal("trace groups 'a' and 'b' both serve --sock; only one may", Refused(a, b).Message);
    }

    [Fact]
    public void AddGroup_ManyGroupsServingMonitor_Accepted()
    {
        var catalog = BuiltInPlugins.Catalog();

        catalog.AddGroup(FakeGroups.Own("acme", 0x4141, "acme_t") with { Serves = new() { Monitor = MonitorTraces.All } });

        Assert.Equal(3, catalog.Groups.Count(g => g.Serves.Monitor is not null));
    }

    [Fact]
    public void AddGroup_CatalogueOnlyGroupServingMonitor_RefusedForWantOfRecords()
    {
        var generic = TraceGroup.Generic("acme-path", "", [new TraceSpec("acme_fn", [AttachTarget.Function("acme_fn")])]) with
        {
            Serves = new() { Monitor = MonitorTraces.All },
        };

        Assert.Equal("trace group 'acme-path' serves --monitor, which needs records of its own (ModeOnly, a BPF object and a decoder)",
            Refused(generic).Message);
    }

    [Fact]
    public void AddGroup_MetricOfAnotherGroup_Refused()
    {
        var e = Refused([.. BuiltInPlugins.Catalog().Groups, WithMetric("acme", 0x4141, "nettrace_drops_total")]);

        Assert.Equal("trace groups 'drop' and 'acme' both declare the metric 'nettrace_drops_total'", e.Message);
    }

    [Fact]
    public void AddGroup_MetricTwiceInOneGroup_Refused()
    {
        var twice = FakeGroups.Own("acme", 0x4141, "acme_t") with
        {
            Metrics = new GroupMetrics([MetricSpec.Counter("acme_total", "a"), MetricSpec.Gauge("acme_total", "b")], (_, _, _) => { }),
        };

        Assert.Equal("trace group 'acme' declares the metric 'acme_total' twice", Refused(twice).Message);
    }

    [Fact]
    public void AddGroup_VerdictAlreadyDeclared_Refused()
    {
        var vendor = TraceGroup.Generic("acme-nf", "", []) with
        {
            ReturnVerdicts = [new ReturnVerdict("nft_do_chain", "drop", [[new ReturnTerm(ReturnOp.Equal, ReturnView.Int, 0)]])],
        };

        var e = Refused([.. BuiltInPlugins.Catalog().Groups, vendor]);

        Assert.Equal("trace group 'acme-nf' declares verdict 'drop' of nft_do_chain, which is already declared", e.Message);
    }
}
