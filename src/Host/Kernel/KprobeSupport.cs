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

    /// <summary>The check's result, starting it first when it was handed over not yet started (a check no mode may need).</summary>
    public static KprobeAvailability Result(Task<KprobeAvailability> check)
    {
        if (check.Status == TaskStatus.Created)
        {
            try
            {
                check.Start(TaskScheduler.Default);
            }
            catch (InvalidOperationException)
            {
                // Another thread started it first.
            }
        }
        return check.GetAwaiter().GetResult();
    }

    public static KprobeAvailability Check()
    {
        if (!Directory.Exists(KprobePmu))
            return new(false, false, "the kernel has no kprobe support");
        if (Environment.GetEnvironmentVariable(NoMultiVariable) == "1")
            return new(true, false, $"{NoMultiVariable}=1");
        try
        {
            // Detached before the answer is given, although a kprobe.multi link's release waits for an RCU tasks
            // grace period (0.2-0.7 s under emulation): the check's own kernel work then never overlaps the
            // session's attaches, which only start once the answer is in.
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
