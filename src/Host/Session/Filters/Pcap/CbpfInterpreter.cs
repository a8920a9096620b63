using NetTrace.Bpf.PacketFilter;
using System.Buffers.Binary;

namespace NetTrace.Host.Session.Filters.Pcap;

/// <summary>
/// Runs a classic BPF program over a packet as libpcap's bpf_filter does: a load beyond the captured bytes, or a
/// division by a zero register, rejects the packet (returns 0). libpcap's compiler emits no Linux ancillary loads for
/// a dead handle, so none are handled. Allocates nothing.
/// </summary>
internal static class CbpfInterpreter
{
    private const int ScratchWords = 16; // BPF_MEMWORDS

    public static uint Run(ReadOnlySpan<CbpfInstruction> program, ReadOnlySpan<byte> packet, uint wireLength)
    {
        uint a = 0, x = 0;
        Span<uint> mem = stackalloc uint[ScratchWords];
        mem.Clear();
        for (int pc = 0; pc < program.Length; pc++)
        {
            var insn = program[pc];
            uint k = insn.K;
            switch (insn.Code)
            {
                case Cbpf.Ret | Cbpf.K: return k;
                case Cbpf.Ret | Cbpf.RetA: return a;
                case Cbpf.Ret | Cbpf.X: return x;
                case Cbpf.Ld | Cbpf.W | Cbpf.Abs: if (!Load(packet, k, 4, out a)) return 0; break;
                case Cbpf.Ld | Cbpf.H | Cbpf.Abs: if (!Load(packet, k, 2, out a)) return 0; break;
                case Cbpf.Ld | Cbpf.B | Cbpf.Abs: if (!Load(packet, k, 1, out a)) return 0; break;
                case Cbpf.Ld | Cbpf.W | Cbpf.Ind: if (!LoadIndexed(packet, x, k, 4, out a)) return 0; break;
                case Cbpf.Ld | Cbpf.H | Cbpf.Ind: if (!LoadIndexed(packet, x, k, 2, out a)) return 0; break;
                case Cbpf.Ld | Cbpf.B | Cbpf.Ind: if (!LoadIndexed(packet, x, k, 1, out a)) return 0; break;
                case Cbpf.Ld | Cbpf.W | Cbpf.Len: a = wireLength; break;
                case Cbpf.Ldx | Cbpf.W | Cbpf.Len: x = wireLength; break;
                case Cbpf.Ldx | Cbpf.B | Cbpf.Msh:
                    if (k >= (uint)packet.Length) return 0;
                    x = (uint)(packet[(int)k] & 0xf) << 2;
                    break;
                case Cbpf.Ld | Cbpf.Imm: a = k; break;
                case Cbpf.Ldx | Cbpf.Imm: x = k; break;
                case Cbpf.Ld | Cbpf.Mem: a = mem[(int)(k % ScratchWords)]; break;
                case Cbpf.Ldx | Cbpf.Mem: x = mem[(int)(k % ScratchWords)]; break;
                case Cbpf.St: mem[(int)(k % ScratchWords)] = a; break;
                case Cbpf.Stx: mem[(int)(k % ScratchWords)] = x; break;
                case Cbpf.Jmp | Cbpf.Ja: pc += (int)k; break;
                case Cbpf.Misc | Cbpf.Tax: x = a; break;
                case Cbpf.Misc | Cbpf.Txa: a = x; break;
                case Cbpf.Alu | Cbpf.Neg: a = (uint)-(int)a; break;
                default:
                    if ((insn.Code & Cbpf.ClassMask) == Cbpf.Jmp)
                    {
                        uint operand = (insn.Code & Cbpf.X) != 0 ? x : k;
                        pc += Jump(insn.Code & Cbpf.OpMask, a, operand) ? insn.JumpTrue : insn.JumpFalse;
                        break;
                    }
                    if ((insn.Code & Cbpf.ClassMask) == Cbpf.Alu)
                    {
                        uint operand = (insn.Code & Cbpf.X) != 0 ? x : k;
                        if (!Alu(insn.Code & Cbpf.OpMask, ref a, operand))
                            return 0;
                        break;
                    }
                    return 0; // not an instruction libpcap emits: reject, as the kernel's checker would refuse it
            }
        }
        return 0;
    }

    private static bool Load(ReadOnlySpan<byte> packet, uint offset, int size, out uint value)
    {
        value = 0;
        if (offset > (uint)packet.Length || (uint)packet.Length - offset < (uint)size)
            return false;
        var bytes = packet.Slice((int)offset, size);
        value = size switch { 4 => BinaryPrimitives.ReadUInt32BigEndian(bytes), 2 => BinaryPrimitives.ReadUInt16BigEndian(bytes), _ => bytes[0] };
        return true;
    }

    private static bool LoadIndexed(ReadOnlySpan<byte> packet, uint x, uint k, int size, out uint value)
    {
        value = 0;
        ulong offset = (ulong)x + k; // as libpcap: an offset that wraps past 2^32 is out of the packet
        return offset <= uint.MaxValue && Load(packet, (uint)offset, size, out value);
    }

    private static bool Jump(int op, uint a, uint operand) => op switch
    {
        Cbpf.Jeq => a == operand,
        Cbpf.Jgt => a > operand,
        Cbpf.Jge => a >= operand,
        Cbpf.Jset => (a & operand) != 0,
        _ => false,
    };

    private static bool Alu(int op, ref uint a, uint operand)
    {
        switch (op)
        {
            case Cbpf.Add: a += operand; break;
            case Cbpf.Sub: a -= operand; break;
            case Cbpf.Mul: a *= operand; break;
            case Cbpf.Div: if (operand == 0) return false; a /= operand; break;
            case Cbpf.Mod: if (operand == 0) return false; a %= operand; break;
            case Cbpf.And: a &= operand; break;
            case Cbpf.Or: a |= operand; break;
            case Cbpf.Xor: a ^= operand; break;
            case Cbpf.Lsh: a = operand < 32 ? a << (int)operand : 0; break;
            case Cbpf.Rsh: a = operand < 32 ? a >> (int)operand : 0; break;
            default: return false;
        }
        return true;
    }
}
