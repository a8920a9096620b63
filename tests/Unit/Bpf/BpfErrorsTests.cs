using System.Runtime.InteropServices;
using NetTrace.Bpf;

namespace NetTrace.Tests.Unit.Bpf;

/// <summary>The one line a libbpf failure becomes: true to what libbpf said, even when it said nothing.</summary>
public sealed class BpfErrorsTests
{
    [Fact]
    public void Check_NullWithoutErrno_SaysLibbpfGaveNoCodeNotPermission()
    {
        Marshal.SetLastPInvokeError(0);

        var e = Assert.Throws<BpfException>(() => BpfErrors.Check((nint)0, BpfStage.Open, "BPF object nt_engine"));

        Assert.Equal(0, e.Errno);
        Assert.Equal("open BPF object nt_engine: failed (libbpf gave no error code)", e.Message);
    }

    [Fact]
    public void Check_NullWithErrno_NamesTheErrno()
    {
        Marshal.SetLastPInvokeError(BpfErrors.ENOENT);

        var e = Assert.Throws<BpfException>(() => BpfErrors.Check((nint)0, BpfStage.Attach, "kprobe:no_such_fn"));

        Assert.Equal("attach kprobe:no_such_fn: no such kernel function or tracepoint (errno 2)", e.Message);
    }

    [Fact]
    public void Check_NullWithEperm_AsksForRoot()
    {
        Marshal.SetLastPInvokeError(BpfErrors.EPERM);

        var e = Assert.Throws<BpfException>(() => BpfErrors.Check((nint)0, BpfStage.Attach, "raw_tp:kfree_skb"));

        Assert.Equal("attach raw_tp:kfree_skb: permission denied (nettrace needs root: CAP_BPF, CAP_PERFMON and CAP_NET_ADMIN) (errno 1)", e.Message);
    }

    [Fact]
    public void Check_Pointer_ReturnedAsIs()
    {
        Assert.Equal((nint)0x1000, BpfErrors.Check((nint)0x1000, BpfStage.Open, "x"));
    }

    [Fact]
    public void Describe_NoErrnoWithDetail_KeepsTheDetail()
    {
        Assert.Equal("load program p: failed (libbpf gave no error code)\nverifier says", BpfErrors.Describe(BpfStage.Load, "program p", 0, "verifier says"));
    }
}
