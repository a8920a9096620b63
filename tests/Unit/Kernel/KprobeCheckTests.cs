using NetTrace.Host.Kernel;
using NetTrace.Host.Session;

namespace NetTrace.Tests.Unit.Kernel;

/// <summary>
/// The kprobe check is begun early only where a mode may need it: --drop's prefetch leaves it unstarted, and it
/// starts when something first asks for its result (once, however many ask).
/// </summary>
public sealed class KprobeCheckTests
{
    [Fact]
    public void Result_StartsACheckNobodyStarted()
    {
        int runs = 0;
        var check = new Task<KprobeAvailability>(() =>
        {
            Interlocked.Increment(ref runs);
            return new KprobeAvailability(true, false, "test");
        });

        var first = KprobeSupport.Result(check);
        var second = KprobeSupport.Result(check);

        Assert.Equal(new KprobeAvailability(true, false, "test"), first);
        Assert.Equal(first, second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Result_OfAStartedCheck_Waits()
    {
        var check = Task.Run(() => new KprobeAvailability(false, false, "none"));

        Assert.Equal("none", KprobeSupport.Result(check).Reason);
    }

    [Fact]
    public void Prefetch_ForDrop_LeavesTheCheckUnstarted()
    {
        var prefetch = StartupPrefetch.Begin(["--drop", "--btf-path", "/nonexistent"]);

        Assert.Equal(TaskStatus.Created, prefetch.Kprobes().Status);
    }
}
