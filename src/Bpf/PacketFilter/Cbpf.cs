namespace NetTrace.Bpf.PacketFilter;

/// <summary>Classic BPF's opcode fields (linux/filter.h, pcap/bpf.h).</summary>
public static class Cbpf
{
    /// <summary>Masks of the instruction class and of the operation.</summary>
    public const int ClassMask = 0x07, OpMask = 0xf0;

    /// <summary>Instruction classes.</summary>
    public const int Ld = 0x00, Ldx = 0x01, St = 0x02, Stx = 0x03, Alu = 0x04, Jmp = 0x05, Ret = 0x06, Misc = 0x07;

    /// <summary>Load sizes: word, half word, byte.</summary>
    public const int W = 0x00, H = 0x08, B = 0x10;

    /// <summary>Load modes: constant, packet at k, packet at X + k, scratch word, packet length, IP header length.</summary>
    public const int Imm = 0x00, Abs = 0x20, Ind = 0x40, Mem = 0x60, Len = 0x80, Msh = 0xa0;

    /// <summary>ALU operations.</summary>
    public const int Add = 0x00, Sub = 0x10, Mul = 0x20, Div = 0x30, Or = 0x40, And = 0x50, Lsh = 0x60, Rsh = 0x70, Neg = 0x80, Mod = 0x90, Xor = 0xa0;

    /// <summary>Jump operations.</summary>
    public const int Ja = 0x00, Jeq = 0x10, Jgt = 0x20, Jge = 0x30, Jset = 0x40;

    /// <summary>The operand: the constant k, or X.</summary>
    public const int K = 0x00, X = 0x08;

    /// <summary>A return's value taken from A.</summary>
    public const int RetA = 0x10;

    /// <summary>The register moves: A to X, X to A.</summary>
    public const int Tax = 0x00, Txa = 0x80;
}
