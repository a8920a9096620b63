namespace NetTrace.Bpf.PacketFilter;

/// <summary>eBPF instructions as the kernel reads them (8 bytes each, little-endian), for code nettrace writes itself.</summary>
public static class Ebpf
{
    /// <summary>Instruction classes.</summary>
    public const byte Ldx = 0x01, St = 0x02, Stx = 0x03, Alu = 0x04, Jmp = 0x05, Jmp32 = 0x06, Alu64 = 0x07;

    /// <summary>Access sizes and the memory mode.</summary>
    public const byte W = 0x00, H = 0x08, B = 0x10, DW = 0x18, Mem = 0x60;

    /// <summary>ALU operations beyond classic BPF's (whose values are the same): move, byte swap.</summary>
    public const byte Mov = 0xb0, End = 0xd0;

    /// <summary>Jump operations beyond classic BPF's.</summary>
    public const byte Jne = 0x50, Call = 0x80, Exit = 0x90, Jlt = 0xa0;

    /// <summary>Operand source: the constant, or the source register (for End: to big-endian).</summary>
    public const byte K = 0x00, X = 0x08;

    /// <summary>bpf_probe_read_kernel's helper id.</summary>
    public const int ProbeReadKernel = 113;

    /// <summary>The frame pointer (read-only).</summary>
    public const byte R10 = 10;

    /// <summary>One instruction from its fields.</summary>
    public static ulong Insn(int code, int dst = 0, int src = 0, short off = 0, int imm = 0) =>
        (byte)code | (ulong)(byte)((dst & 0xf) | ((src & 0xf) << 4)) << 8 | (ulong)(ushort)off << 16 | (ulong)(uint)imm << 32;

    /// <summary>Returns <paramref name="insn"/> with its offset set (a jump's target, relative to the next instruction).</summary>
    public static ulong WithOffset(ulong insn, int off) =>
        off is < short.MinValue or > short.MaxValue
            ? throw new ArgumentOutOfRangeException(nameof(off), "a jump beyond 16 bits")
            : (insn & ~0xffff0000UL) | (ulong)(ushort)(short)off << 16;
}
