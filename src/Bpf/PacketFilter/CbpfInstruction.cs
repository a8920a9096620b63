using System.Runtime.InteropServices;

namespace NetTrace.Bpf.PacketFilter;

/// <summary>One classic BPF instruction (struct bpf_insn).</summary>
/// <param name="Code">The opcode.</param>
/// <param name="JumpTrue">Instructions skipped when a conditional jump's test holds.</param>
/// <param name="JumpFalse">Instructions skipped when it does not.</param>
/// <param name="K">The constant.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct CbpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K)
{
    /// <summary>As libpcap's -dd prints it.</summary>
    public override string ToString() => $"{{ 0x{Code:x2}, {JumpTrue}, {JumpFalse}, 0x{K:x8} }}";
}
