using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Whether kprobes work here and whether one link may hook many functions (kprobe.multi needs
/// fprobe, Linux ≥ 5.18 built with CONFIG_FPROBE). Checked with an empty program, which costs
/// far less than finding out with the real one.
/// </summary>
internal static class KprobeSupport
{
    private const string KprobePmu = "/sys/bus/event_source/devices/kprobe";
    private const string MultiProgram = "nt_probe_kprobe_multi";

    /// <summary>Set to 1, one kprobe per function even where kprobe.multi works: to compare the two, or to step
    /// around a kernel's fprobe bug.</summary>
    public const string NoMultiVariable = "NETTRACE_NO_KPROBE_MULTI";

    /// <summary>A function every supported kernel has.</summary>
    private const string StableFunction = "ip_rcv";

    public static KprobeAvailability Check()
    {
        if (!Directory.Exists(KprobePmu))
            return new(false, false, "the kernel has no kprobe support");
        if (Environment.GetEnvironmentVariable(NoMultiVariable) == "1")
            return new(true, false, $"{NoMultiVariable}=1");
        try
        {
            using var obj = BpfObject.Open(KernelProbe.ProbeObjectImage(), "nt_probe");
            foreach (var program in obj.Programs)
                program.SetAutoload(program.Name == MultiProgram);
            obj.Load();
            using var link = obj.Program(MultiProgram).AttachKprobeMulti([StableFunction]);
            return new(true, true, "");
        }
        catch (BpfException e)
        {
            return new(true, false, e.Message.Split('\n')[0]);
        }
    }
}
