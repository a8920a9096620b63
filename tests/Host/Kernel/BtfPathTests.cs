using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>
/// --btf-path on a kernel whose /sys/kernel/btf/vmlinux is hidden (a private mount namespace binds /dev/null over
/// it): without the option nettrace says what is missing; with a copy of the BTF it traces as usual.
/// </summary>
public sealed class BtfPathTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>Runs nettrace where the kernel's BTF cannot be read, pinging loopback until it exits (the shell execs it: same pid).</summary>
    private static NettraceProcess RunWithoutKernelBtf(params string[] args) =>
        NettraceProcess.RunToExitUnder(Limit,
        [
            "unshare", "-m", "sh", "-c",
            "mount --bind /dev/null /sys/kernel/btf/vmlinux || exit 99; "
            + "p=$$; (while kill -0 $p; do ping -c 1 -W 1 127.0.0.1; sleep 0.5; done) >/dev/null 2>&1 & exec \"$0\" \"$@\"",
            "{nettrace}",
        ], args);

    [RootFact]
    public void HiddenBtf_WithoutTheOption_SaysWhatIsMissing()
    {
        using var run = RunWithoutKernelBtf("-p", "icmp", "-c", "1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.NotEqual(99, run.ExitCode);
        Assert.Contains("or the kernel's BTF in a file given with --btf-path", run.Stderr);
    }

    [RootFact]
    public void HiddenBtf_BtfPathToACopy_Traces()
    {
        string copy = Path.Combine(Path.GetTempPath(), $"nt-{Environment.ProcessId}-vmlinux.btf");
        File.Copy("/sys/kernel/btf/vmlinux", copy, overwrite: true);
        try
        {
            using var run = RunWithoutKernelBtf("-p", "icmp", "--saddr", "127.0.0.1", "-c", "1", "--btf-path", copy);

            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains(run.Stdout, l => l.Contains("ICMP: 127.0.0.1 -> 127.0.0.1 ping request", StringComparison.Ordinal));
            Assert.Equal("end trace...", run.Stdout.Last(l => l.Length > 0));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [RootFact]
    public void BtfPath_NoSuchFile_OneLine()
    {
        using var run = NettraceProcess.RunToExit(Limit, "-p", "icmp", "-c", "1", "--btf-path", "/nonexistent/vmlinux");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("nettrace: --btf-path /nonexistent/vmlinux: no such file", run.Stderr.Trim());
    }
}
