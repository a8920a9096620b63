using NetTrace.Bpf;
using NetTrace.Bpf.Interop;
using NetTrace.Host.Engine;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>
/// fentry/fexit attach points looked up in the BTF nettrace parsed, not by libbpf: the ids must be libbpf's own, and a
/// program opened under nettrace's handler takes its target without libbpf reading the kernel's BTF. (Loading and
/// attaching with those ids needs trampolines, which the host refuses: the VM tier's --monitor scenarios do that.)
/// </summary>
public sealed class TracingTargetsTests
{
    private static readonly string[] Functions = ["tcp_v4_rcv", "ip_rcv", "nf_hook_slow", "__netif_receive_skb_core", "kfree_skb_reason"];

    [RootFact]
    public void FunctionIds_AreTheOnesLibbpfFinds()
    {
        NativeLibraries.Install();
        using var kernel = VmlinuxBtf.TryLoad() ?? throw new InvalidOperationException("no kernel BTF");
        using var core = KernelCoreBtf.From(kernel) ?? throw new InvalidOperationException("the kernel's BTF could not be indexed");
        int found = 0;
        foreach (string function in Functions)
        {
            int libbpf = LibBpf.btf__find_by_name_kind(kernel.Reader.Pointer, function, LibBpf.BtfKindFunc);
            var ours = core.FindFunction(function);
            if (libbpf <= 0)
            {
                Assert.Null(ours);
                continue;
            }
            Assert.Equal(((uint)libbpf, 0), ours);
            found++;
        }
        Assert.True(found >= 3, $"only {found} of {Functions.Length} functions are in this kernel's BTF");
        Assert.Null(core.FindFunction("no_such_function_in_any_kernel"));
    }

    [RootFact]
    public void FexitProgram_OpensUnderTheHandler_AndTakesItsTargetFromNettrace()
    {
        NativeLibraries.Install();
        using var kernel = VmlinuxBtf.TryLoad() ?? throw new InvalidOperationException("no kernel BTF");
        var core = KernelCoreBtf.From(kernel) ?? throw new InvalidOperationException("the kernel's BTF could not be indexed");
        BpfObject.CoreBtf = core;
        try
        {
            using var obj = BpfObject.Open(ObjectImage.Embedded(typeof(SkbTracer).Assembly, "engine.bpf.o"), "nt_engine");
            var fexit = obj.Programs.First(p => p.AttachesByBtfId && p.Type != LibBpf.ProgTypeTracing);

            Assert.True(TracingTargets.Handles(fexit.Pointer));
            fexit.SetAttachTarget("tcp_v4_rcv"); // found by nettrace: no libbpf lookup, no error
            Assert.Throws<BpfException>(() => fexit.SetAttachTarget("no_such_function_in_any_kernel")); // libbpf's own ESRCH
        }
        finally
        {
            BpfObject.CoreBtf = null;
            core.Dispose();
        }
    }
}
