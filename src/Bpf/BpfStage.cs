namespace NetTrace.Bpf;

/// <summary>The named stages every BPF failure is reported under.</summary>
public enum BpfStage
{
    /// <summary>Reading the object file.</summary>
    Open,

    /// <summary>Setting the object up before load: programs, maps, read-only data.</summary>
    Configure,

    /// <summary>The kernel's verifier and map creation.</summary>
    Load,

    /// <summary>Hooking a loaded program to the kernel, or a ring buffer to its map.</summary>
    Attach,

    /// <summary>Reading records and map values while running.</summary>
    Poll,
}
