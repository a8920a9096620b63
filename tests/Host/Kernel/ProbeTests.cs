using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Kernel;

/// <summary>`nettrace probe` on this host: tracepoints work, kprobe and fentry do not (by design of this machine).</summary>
public sealed class ProbeTests
{
    [RootFact]
    public void Probe_Host_ReportsEveryFeatureAndTracepointsUsable()
    {
        using var probe = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "probe");

        Assert.Equal(0, probe.ExitCode);
        foreach (string feature in new[] { "btf", "ringbuf", "tracepoint", "raw_tp", "tp_btf", "kprobe", "kretprobe", "fentry", "fexit", "drop_reason" })
            Assert.Contains(probe.Stdout, l => l.StartsWith(feature + ": ", StringComparison.Ordinal));
        Assert.Contains("raw_tp: yes", probe.Stdout);
        Assert.Contains("tp_btf: yes", probe.Stdout);
        Assert.Contains(probe.Stdout, l => l.StartsWith("drop_reason: yes", StringComparison.Ordinal));
    }

    [RootFact]
    public void Probe_KernelWithoutKprobes_ReportsKprobeUnusable()
    {
        if (File.Exists("/sys/kernel/debug/kprobes/enabled") || File.Exists("/sys/bus/event_source/devices/kprobe/type"))
            return; // this kernel has kprobes: the VM tier covers the positive case
        using var probe = NettraceProcess.RunToExit(TimeSpan.FromSeconds(60), "probe");

        Assert.Contains(probe.Stdout, l => l.StartsWith("kprobe: no (", StringComparison.Ordinal));
    }
}
