using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine.Config;

/// <summary>Mirror of <c>struct nt_config</c>: written into each object's .rodata before load.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtConfig
{
    /// <summary>The .rodata variable that holds the config in every BPF object.</summary>
    public const string VariableName = "nt_cfg";

    public NtFilter Filter;
    public ushort Owner;
    public byte Stack;
    private byte _pad0;
    private uint _pad1;
}
