namespace NetTrace.Bpf;

/// <summary>The named stages every BPF failure is reported under.</summary>
internal enum BpfStage
{
    Open,
    Configure,
    Load,
    Attach,
    Poll,
}
