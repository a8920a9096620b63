using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine;

/// <summary>Mirror of <c>struct nt_prog_verdict_cfg</c> (bpf/engine/prog_verdict.bpf.c), written into .rodata before load.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ProgramVerdictConfig
{
    public const string VariableName = "nt_prog_verdict";

    /// <summary>tc: the ingress trace's cookie (the egress trace's id is the next); XDP: its trace's.</summary>
    public ulong Cookie;

    /// <summary>The watched program's id, which each record carries (aux0).</summary>
    public uint ProgramId;

    private uint _pad;
}
