using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Learns what this kernel really offers by trying it: each attach type is loaded and attached
/// to a stable target, because a kernel without kprobes still loads kprobe programs.
/// </summary>
internal static class KernelProbe
{
    private const string ProbeObject = "probe.bpf.o";

    /// <summary>Stable targets present in every kernel nettrace supports.</summary>
    private const string TargetFunction = "ip_rcv";
    private const string TargetTracepoint = "consume_skb";

    private static readonly (string Feature, AttachKind Kind, string Program, string Target)[] AttachChecks =
    [
        ("tracepoint", AttachKind.Tracepoint, "nt_probe_tracepoint", "skb/" + TargetTracepoint),
        ("raw_tp", AttachKind.RawTracepoint, "nt_probe_raw_tp", TargetTracepoint),
        ("tp_btf", AttachKind.TpBtf, "nt_probe_tp_btf", TargetTracepoint),
        ("kprobe", AttachKind.Kprobe, "nt_probe_kprobe", TargetFunction),
        ("kretprobe", AttachKind.Kretprobe, "nt_probe_kretprobe", TargetFunction),
        ("fentry", AttachKind.Fentry, "nt_probe_fentry", TargetFunction),
        ("fexit", AttachKind.Fexit, "nt_probe_fexit", TargetFunction),
    ];

    public static IReadOnlyList<ProbeFinding> Run()
    {
        var findings = new List<ProbeFinding>();
        using var btf = KernelBtf.TryLoad(out string? btfFailure);
        findings.Add(btf is null ? new("btf", false, btfFailure!) : new("btf", true));

        var (ringbuf, errno) = RingBuffer.ProbeKernel();
        findings.Add(ringbuf ? new("ringbuf", true) : new("ringbuf", false, errno == 0 ? "kernel older than 5.8" : $"probe failed (errno {errno})"));

        byte[] image = ProbeObjectImage();
        foreach (var check in AttachChecks)
            findings.Add(TryAttach(image, check.Feature, check.Kind, check.Program, check.Target));

        // One link for many functions (fprobe): what makes the default mode start fast.
        var (kprobes, multi, why) = KprobeSupport.Check();
        findings.Add(multi ? new("kprobe_multi", true) : new("kprobe_multi", false, kprobes ? why : "needs kprobes"));

        var reasons = DropReasons.Load(btf?.Reader);
        findings.Add(reasons.Available
            ? new("drop_reason", true, DocumentedDropReasons.Embedded.Describe(reasons))
            : new("drop_reason", false, "kernel reports no drop reasons"));
        return findings;
    }

    private static ProbeFinding TryAttach(byte[] image, string feature, AttachKind kind, string programName, string target)
    {
        try
        {
            using var obj = BpfObject.Open(image, "nt_probe");
            foreach (var program in obj.Programs)
                program.SetAutoload(program.Name == programName);
            var chosen = obj.Program(programName);
            if (kind is AttachKind.Fentry or AttachKind.Fexit or AttachKind.TpBtf)
                chosen.SetAttachTarget(target);
            obj.Load();
            using var link = chosen.Attach(kind, target);
            return new ProbeFinding(feature, true);
        }
        catch (BpfException e)
        {
            return new ProbeFinding(feature, false, Explain(kind, e));
        }
    }

    /// <summary>Names the usual cause, which the raw errno hides (ENOENT for "no kprobes at all").</summary>
    private static string Explain(AttachKind kind, BpfException e)
    {
        string raw = $"{e.Stage.ToString().ToLowerInvariant()} failed: {FirstLine(e.Message)}";
        string? cause = kind switch
        {
            AttachKind.Kprobe or AttachKind.Kretprobe when !Directory.Exists("/sys/bus/event_source/devices/kprobe") =>
                "the kernel has no kprobe support",
            AttachKind.Tracepoint when !Directory.Exists("/sys/kernel/tracing/events") && !Directory.Exists("/sys/kernel/debug/tracing/events") =>
                "tracefs is not mounted at /sys/kernel/tracing",
            AttachKind.Fentry or AttachKind.Fexit when e.Stage == BpfStage.Load && e.Errno is BpfErrors.EPERM or BpfErrors.ENOTSUPP or BpfErrors.EOPNOTSUPP =>
                "the kernel refuses BPF trampolines (ftrace function hooks unavailable)",
            _ => null,
        };
        return cause is null ? raw : $"{cause}; {raw}";
    }

    private static string FirstLine(string text) => text.Split('\n')[0];

    /// <summary>The embedded object of empty programs, one per attach type.</summary>
    public static byte[] ProbeObjectImage() => ObjectImage.Embedded(typeof(KernelProbe).Assembly, ProbeObject);
}
