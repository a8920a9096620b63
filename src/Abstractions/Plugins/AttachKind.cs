namespace NetTrace.Abstractions.Plugins;

/// <summary>How a BPF program hooks the kernel; listed from the cheapest and richest to the most portable.</summary>
public enum AttachKind
{
    Fentry,
    Fexit,
    Kprobe,
    Kretprobe,
    TpBtf,
    RawTracepoint,
    Tracepoint,
}
