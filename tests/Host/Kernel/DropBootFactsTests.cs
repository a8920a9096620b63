using NetTrace.Bpf;
using NetTrace.Host.Kernel;
using NetTrace.Host.Modes.Live;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>
/// --drop's facts kept for the boot: a session that parsed the kernel's BTF leaves the drop reasons and its object's
/// subset, exactly as it used them; the next --drop reads no BTF and reports drops the same.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DropBootFactsTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [RootFact]
    public void SubsetMade_IsLeftForTheBoot_WithTheKernelsReasons()
    {
        NativeLibraries.Install();
        using var kernel = VmlinuxBtf.TryLoad() ?? throw new InvalidOperationException("no kernel BTF");
        using var core = KernelCoreBtf.From(kernel) ?? throw new InvalidOperationException("the kernel's BTF could not be indexed");
        var reasons = DropReasons.Load(kernel.Reader);
        byte[]? made = null;
        DropSessionFacts.LeaveWhenMade(core, reasons);
        var leave = core.SubsetMade!;
        core.SubsetMade = (name, names, subset) => { made = subset; leave(name, names, subset); };
        var image = CoreBtfSubsetTests.ShippedObjects().Single(o => o.Name == "drop").Image;

        string path = core.PathFor(image, "drop") ?? throw new InvalidOperationException("no subset for drop");
        DropStartFacts.Leaving.Wait();
        var facts = DropStartFacts.ForBoot();

        Assert.NotNull(facts);
        Assert.Equal(reasons.Names, facts.Reasons.Names);
        Assert.Equal(File.ReadAllBytes(path), made);
        using var saved = new SavedCoreBtf(facts.Subsets);
        string? savedPath = saved.PathFor(image, "drop");
        Assert.NotNull(savedPath);
        Assert.Equal(made, File.ReadAllBytes(savedPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(BootCache.FileFor("drop-btf", "bin")!));
    }

    [RootFact]
    public void NextDrop_ReadsNoBtf_AndReportsTheSameDrop()
    {
        using var net = new NetnsPair();
        string[] args = ["--drop", "-v", "-p", "tcp", "--dport", "9999", "--saddr", net.ClientIp];
        string expected = @"flags:S, reason: NO_SOCKET, tcp_v4_rcv\+0x[0-9a-f]+$";
        using (var first = NettraceProcess.StartTracing(args))
        {
            net.Connect(net.ServerIp, 9999);
            Assert.True(first.WaitForLine(expected, EventTimeout), first.Describe());
        }
        string file = BootCache.FileFor("drop-btf", "bin")!;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !File.Exists(file) && waited.Elapsed < EventTimeout;)
            Thread.Sleep(50);

        using var next = NettraceProcess.StartTracing(args);
        net.Connect(net.ServerIp, 9999);

        Assert.True(next.WaitForLine(expected, EventTimeout), next.Describe());
        Assert.Contains("kernel BTF not read", next.Stderr);
        Assert.Contains("drop: CO-RE against the boot's saved subset", next.Stderr);
    }
}
