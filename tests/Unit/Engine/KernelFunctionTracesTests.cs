using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Live;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>`-t kernel`: the kernel's skb functions as a group after the catalogue, planned like the catalogue's own.</summary>
public sealed class KernelFunctionTracesTests
{
    private static readonly SkbFunction[] Found =
    [
        new("ip_rcv", 0, null),           // the catalogue's own trace
        new("ip_rcv_core", 0, null),      // the catalogue's, by the function it hooks
        new("eth_type_trans", 0, null),
        new("tcp_v4_do_rcv", 1, null),
        new("kfree_skbmem", 0, null),     // after the free
        new("bpf_skb_load_bytes", 0, null), // a BPF helper
        new("__skb_checksum", 0, null),   // walks fragments recursively
        new("veth_xmit", 0, "veth"),
        new("eth_type_trans", 0, "other"), // a module's static function of a kernel function's name
    ];

    [Fact]
    public void Group_LeavesOutTheCatalogues_TheDenied_AndSecondNames()
    {
        var group = KernelFunctionTraces.Group(Found, FakeCatalog.Build(), out int denied);

        Assert.Equal(KernelFunctionTraces.Name, group.Name);
        Assert.Equal(["eth_type_trans", "tcp_v4_do_rcv", "veth_xmit"], group.Traces.Select(t => t.Name));
        Assert.Equal(3, denied);
        var tcp = group.Traces.Single(t => t.Name == "tcp_v4_do_rcv");
        Assert.Equal(1, tcp.SkbArg);
        Assert.False(tcp.DefaultOn);
        Assert.Equal("tcp_v4_do_rcv", Assert.Single(tcp.Targets).Target);
        Assert.True(tcp.Targets[0].IsGeneric);
        Assert.Contains("veth", group.Traces.Single(t => t.Name == "veth_xmit").Description);
    }

    [Theory]
    [InlineData("consume_skb", true)]
    [InlineData("skb_release_data", true)]
    [InlineData("sock_wfree", true)]
    [InlineData("skb_copy_bits", true)]
    [InlineData("____bpf_skb_store_bytes", true)]
    [InlineData("ip_rcv", false)]
    [InlineData("skb_clone", false)]
    [InlineData("netif_receive_skb", false)]
    public void DeniedFunctions_AreTheFreePathTheWalkersAndTheHelpers(string function, bool denied) =>
        Assert.Equal(denied, DeniedFunctions.Denies(function));

    [Fact]
    public void Catalogue_WithKernelFunctions_KeepsItsIdsAndKernelMeansEverything()
    {
        var plain = FakeCatalog.Build();
        var catalog = plain.With(KernelFunctionTraces.Group(Found, plain, out _));

        Assert.Equal(plain.Traces.Select(t => (t.Id, t.Name)), catalog.Traces.Take(plain.Traces.Count).Select(t => (t.Id, t.Name)));
        var all = catalog.Expand([KernelFunctionTraces.Name], out string? error)!;
        Assert.Null(error);
        Assert.Equal(catalog.Traces.Count, all.Count);
        Assert.Contains(all, t => t.Name == "veth_xmit" && t.Id > plain.Traces.Count);
        Assert.Contains(all, t => t.Name == "consume_skb"); // the frees' tracepoints end the lifecycles
        // A kernel function is also a name of its own, for -t, --trace-exclude and --trace-stack.
        Assert.Equal("eth_type_trans", Assert.Single(catalog.Expand(["eth_type_trans"], out _)!).Name);
        var selection = TraceSelection.From([KernelFunctionTraces.Name], [], catalog, control: TraceControl.None with { Exclude = ["veth_xmit"] });
        Assert.DoesNotContain(selection.Traces, t => t.Name == "veth_xmit");
    }

    [Fact]
    public void Catalogue_WithoutKernelFunctions_SaysWhereMinusTKernelBelongs()
    {
        var error = Assert.Throws<UsageException>(() => TraceSelection.From([KernelFunctionTraces.Name], [], FakeCatalog.Build()));

        Assert.Contains("-t kernel", error.Message);
        Assert.Contains("--basic", error.Message);
    }

    [Fact]
    public void Plan_AFunctionFtraceCannotHook_IsAbsentWithItsReason()
    {
        var plain = FakeCatalog.Build();
        var catalog = plain.With(KernelFunctionTraces.Group(Found, plain, out _));
        var hooks = FakeCatalog.WithKprobes(multi: true);
        var functions = hooks.Functions.ToDictionary();
        functions["eth_type_trans"] = new KernelFunction("eth_type_trans", "eth_type_trans", 0xffffffff81001000);
        functions["veth_xmit"] = new KernelFunction("veth_xmit", "veth_xmit", 0xffffffffc0001000);
        hooks = hooks with { Functions = functions, SetAside = new Dictionary<string, string> { ["veth_xmit"] = KernelFunctionsRequest.NotHookable } };

        var plan = AttachPlanner.Plan(TraceSelection.From([KernelFunctionTraces.Name], [], catalog), hooks, showReturn: false);

        var eth = Assert.Single(plan.Hooks, h => h.Trace.Name == "eth_type_trans");
        Assert.Equal(0xffffffff81001000, eth.Address);
        var veth = Assert.Single(plan.Skipped, s => s.Trace.Name == "veth_xmit");
        Assert.True(veth.Absent);
        Assert.Contains("ftrace cannot hook it", veth.Reason);
        Assert.Contains(plan.Skipped, s => s.Trace.Name == "tcp_v4_do_rcv" && s.Absent); // not in this kernel's kallsyms
    }

    [Fact]
    public void FtraceFunctions_ReadsNamesOfTheKernelAndOfModules_FromTheFirstListThere()
    {
        string dir = Directory.CreateTempSubdirectory("nt-ftrace").FullName;
        try
        {
            string list = Path.Combine(dir, "available_filter_functions");
            File.WriteAllLines(list, ["ip_rcv", "ip_rcv_core.isra.0", "veth_xmit [veth]"]);

            var names = FtraceFunctions.Read(out string? failure, [Path.Combine(dir, "absent"), list])!;

            Assert.Null(failure);
            Assert.Equal(["ip_rcv", "ip_rcv_core.isra.0", "veth_xmit"], names.Order(StringComparer.Ordinal));
            Assert.Null(FtraceFunctions.Read(out failure, [Path.Combine(dir, "absent")]));
            Assert.Contains("not readable", failure);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Recording_OfMinusTKernel_DecodesItsFunctionsAgain_UnderTheirRecordedIds()
    {
        var header = new RecordingHeader(1, "test", "6.12", "lifecycle", DateTimeOffset.UnixEpoch, 0, [],
        [
            new RecordedHook(1, "ip_rcv", "ip-in", "ip_rcv"),
            new RecordedHook(300, "veth_xmit", KernelFunctionTraces.Name, "veth_xmit"),
            new RecordedHook(301, "skb_release_data", KernelFunctionTraces.Name, "skb_release_data"), // denied today, traced then
            new RecordedHook(302, "gone_trace", "ip-in", "gone_trace"),
        ]);

        var hooks = RecordedHooks.Rebuild(header, FakeCatalog.Build(), out var unknown);

        Assert.Equal(["gone_trace"], unknown);
        var veth = Assert.Single(hooks, h => h.Trace.Name == "veth_xmit");
        Assert.Equal(300, veth.Trace.Id);
        Assert.Equal(KernelFunctionTraces.Name, veth.Trace.Group.Name);
        Assert.Equal(1, Assert.Single(hooks, h => h.Trace.Name == "ip_rcv").Trace.Id);
        Assert.Equal(301, Assert.Single(hooks, h => h.Trace.Name == "skb_release_data").Trace.Id);
    }
}
