using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Drop;

/// <summary>Every BPF program, link, pin and kprobe nettrace creates is gone once it exits.</summary>
public sealed class CleanupTests
{
    [RootFact]
    public void Drop_SigInt_ReleasesEveryProgram() => AssertCleanExit("INT");

    [RootFact]
    public void Drop_SigTerm_ReleasesEveryProgram() => AssertCleanExit("TERM");

    [RootFact]
    public void Lifecycle_SigInt_ReleasesEveryProgram() => AssertCleanExit("INT", "-p", "icmp");

    [RootFact]
    public void Basic_SigTerm_ReleasesEveryProgram() => AssertCleanExit("TERM", "--basic", "-p", "icmp");

    [RootFact]
    public void Sock_SigTerm_ReleasesEveryProgram() => AssertCleanExit("TERM", "--sock");

    [RootFact]
    public void Diag_SigInt_ReleasesEveryProgram() => AssertCleanExit("INT", "--diag", "-p", "icmp");

    [RootFact]
    public void Monitor_SigHup_ReleasesEveryProgram() => AssertCleanExit("HUP", "--monitor");

    [RootFact]
    public void Lifecycle_SigKill_KernelReleasesEveryProgram()
    {
        // No handler runs on SIGKILL: every program and link lives only as long as nettrace's file descriptors.
        var before = BpfObjects.Nettrace();
        using var nettrace = NettraceProcess.StartTracing("-p", "icmp");
        var ours = BpfObjects.Nettrace().Except(before).ToHashSet();
        Assert.NotEmpty(ours);

        nettrace.Stop("KILL");

        Assert.Empty(BpfObjects.WaitUntilGone(ours, TimeSpan.FromSeconds(10)));
    }

    private static void AssertCleanExit(string signal) => AssertCleanExit(signal, "--drop");

    private static void AssertCleanExit(string signal, params string[] args)
    {
        var before = BpfObjects.Nettrace();
        using var nettrace = NettraceProcess.StartTracing(args);
        // Only what appeared with this nettrace: a previous test's objects may still be in their grace period.
        var ours = BpfObjects.Nettrace().Except(before).ToHashSet();
        Assert.NotEmpty(ours); // it really loaded something

        nettrace.Stop(signal);

        Assert.Equal(0, nettrace.ExitCode);
        Assert.Matches(@"nettrace: \d+ events, (\d+ (packets|printed), )?\d+ lost", nettrace.Stderr);
        Assert.Empty(BpfObjects.WaitUntilGone(ours, TimeSpan.FromSeconds(10)));
    }
}
