namespace NetTrace.Abstractions.Plugins;

public static class AttachKindNames
{
    /// <summary>The name users know from bpftool and libbpf section names.</summary>
    public static string ToDisplayName(this AttachKind kind) => kind switch
    {
        AttachKind.Fentry => "fentry",
        AttachKind.Fexit => "fexit",
        AttachKind.Kprobe => "kprobe",
        AttachKind.Kretprobe => "kretprobe",
        AttachKind.TpBtf => "tp_btf",
        AttachKind.RawTracepoint => "raw_tp",
        AttachKind.Tracepoint => "tracepoint",
        _ => kind.ToString(),
    };
}
