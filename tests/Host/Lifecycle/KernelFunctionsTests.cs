using System.Text.RegularExpressions;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Lifecycle;

/// <summary>
/// `-t kernel` on this kernel: its skb functions are found in its BTF and planned with the catalogue, the count and
/// time are said, and a ping is still followed to its free. Without kprobes (this host) only the catalogue's
/// tracepoints attach and the functions are left out with the reason; the VM tier attaches them (kernel_functions).
/// </summary>
public sealed class KernelFunctionsTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    [RootFact]
    public void KernelFunctions_Ping_FoundInBtf_CountSaid_FollowedToItsFree()
    {
        using var net = new NetnsPair();
        using var nettrace = NettraceProcess.StartTracing("-t", "kernel", "-v", "-p", "icmp", "--saddr", net.ClientIp);

        net.In(net.Client, $"ping -c 1 -W 2 {net.ServerIp}", check: false);

        string request = $@"ICMP: {Pattern.Esc(net.ClientIp)} -> {Pattern.Esc(net.ServerIp)} ping request, seq: 1, id: \d+";
        Assert.True(nettrace.WaitForLine($@"^\[\d+\.\d{{6}}\] \[(consume_skb|kfree_skb)\s*\] {request}$", EventTimeout), nettrace.Describe());
        nettrace.Stop();
        nettrace.WaitForExitCode(TimeSpan.FromSeconds(10));
        var found = Regex.Match(nettrace.Stderr, @"-t kernel: (\d+) functions take an skb in their first 5 arguments \(BTF\); (\d+) beyond the catalogue, (\d+) denied");
        Assert.True(found.Success, nettrace.Describe());
        // Any kernel with BTF declares hundreds; the catalogue lists about 120 of them.
        Assert.True(int.Parse(found.Groups[1].Value) > 300, found.Value);
        Assert.True(int.Parse(found.Groups[2].Value) > 200, found.Value);
        Assert.True(int.Parse(found.Groups[3].Value) > 0, found.Value); // the free path's functions at least
        var report = Regex.Match(nettrace.Stderr, @"nettrace: -t kernel: (\d+) functions and tracepoints attached \((\d+) of the catalogue, (\d+) more of the kernel's \d+ skb functions\) in [0-9.]+ s");
        Assert.True(report.Success, nettrace.Describe());
        if (!Capabilities.HasKprobes)
        {
            Assert.Equal("0", report.Groups[3].Value);
            Assert.Matches(@"left out kernel/eth_type_trans: kprobe:eth_type_trans: the kernel has no kprobe support", nettrace.Stderr);
        }
    }

    [RootFact]
    public void KernelFunctions_TraceList_SaysHowManyMore()
    {
        using var nettrace = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "-t", "?");

        Assert.Equal(0, nettrace.ExitCode);
        Assert.Contains(nettrace.Stdout, l => Regex.IsMatch(l, @"^kernel: every function of the running kernel \(and its loaded modules\) that takes an skb: the catalogue and \d+ more functions of this kernel \(\d+ denied; -t kernel, not listed here\)$"));
    }

    [RootFact]
    public void KernelFunctions_OutsideThePacketPath_IsRefusedWithWhereItBelongs()
    {
        using var nettrace = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "--sock", "-t", "kernel");

        Assert.NotEqual(0, nettrace.ExitCode);
        Assert.DoesNotContain("   at ", nettrace.Stderr);
    }
}
