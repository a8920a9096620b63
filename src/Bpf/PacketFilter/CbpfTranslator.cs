namespace NetTrace.Bpf.PacketFilter;

/// <summary>
/// Classic BPF (what libpcap compiles a filter expression to) as eBPF for a tracing program, which cannot read the
/// packet directly: every load is a bpf_probe_read_kernel from the packet's address, after a bounds test against the
/// bytes there are to read. The code is a function: r1 the packet's address, r2 the bytes readable there (caplen),
/// r3 its length on the wire; it returns 1 when the filter selects the packet, 0 otherwise (a load out of bounds, a
/// failed read, a division by zero: as libpcap's interpreter, reject).
/// Registers: A in r6, X in r7, the address in r8, caplen in r9; the stack holds the read buffer (r10-8), the wire
/// length (r10-12) and the 16 scratch words (r10-76..r10-16).
/// </summary>
public static class CbpfTranslator
{
    private const int A = 6, X = 7, Data = 8, CapLen = 9;
    private const short ReadBuffer = -8, WireLength = -12, ScratchBase = -76;

    /// <summary>
    /// The packet's first bytes, read with one probe read on entry: loads within them are stack loads, not helper
    /// calls (under emulation a helper call per load cost 12-15 % of throughput over the flags). Byte by byte,
    /// since the verifier wants stack accesses aligned.
    /// </summary>
    private const int HeaderBytes = 64;
    private const short HeaderBuffer = -144;
    private const int ScratchWords = 16;

    /// <summary>The eBPF function for <paramref name="program"/>; an <see cref="ArgumentException"/> for what classic BPF cannot hold.</summary>
    public static ulong[] Translate(ReadOnlySpan<CbpfInstruction> program)
    {
        if (program.Length == 0)
            throw new ArgumentException("an empty classic BPF program", nameof(program));
        var e = new Emitter(program.Length);
        Prologue(e, program);
        for (int pc = 0; pc < program.Length; pc++)
        {
            e.Begin(pc);
            One(e, program[pc], pc, program.Length);
        }
        return e.Finish();
    }

    private static void Prologue(Emitter e, ReadOnlySpan<CbpfInstruction> program)
    {
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, Data, 1));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.X, CapLen, 2));
        e.Add(Ebpf.Insn(Ebpf.Stx | Ebpf.Mem | Ebpf.W, Ebpf.R10, 3, WireLength));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, A));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, X));
        // The header buffer: zeroed (a variable-offset read needs every byte of its range written), then filled
        // with min(caplen, 64) bytes.
        for (int i = 0; i < HeaderBytes; i += 8)
            e.Add(Ebpf.Insn(Ebpf.St | Ebpf.Mem | Ebpf.DW, Ebpf.R10, 0, (short)(HeaderBuffer + i)));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.X, 2, CapLen));
        e.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Jlt | Ebpf.K, 2, off: 1, imm: HeaderBytes + 1));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, 2, imm: HeaderBytes));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 1, Ebpf.R10));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.K, 1, imm: HeaderBuffer));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 3, Data));
        e.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Call, imm: Ebpf.ProbeReadKernel));
        e.JumpTo(Ebpf.Insn(Ebpf.Jmp | Ebpf.Jne | Ebpf.K, 0), Emitter.Fail);
        // Scratch words start at 0 (as in libpcap); the verifier wants every stack slot read to be written first.
        var read = new bool[ScratchWords];
        foreach (var insn in program)
        {
            if (insn.Code == (Cbpf.Ld | Cbpf.Mem) || insn.Code == (Cbpf.Ldx | Cbpf.Mem))
                read[insn.K % ScratchWords] = true;
        }
        for (int k = 0; k < ScratchWords; k++)
        {
            if (read[k])
                e.Add(Ebpf.Insn(Ebpf.St | Ebpf.Mem | Ebpf.W, Ebpf.R10, 0, Scratch((uint)k)));
        }
    }

    private static void One(Emitter e, CbpfInstruction insn, int pc, int length)
    {
        uint k = insn.K;
        switch (insn.Code)
        {
            case Cbpf.Ret | Cbpf.K:
                e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, 0, imm: k != 0 ? 1 : 0));
                e.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Exit));
                return;
            case Cbpf.Ret | Cbpf.RetA: Verdict(e, A); return;
            case Cbpf.Ret | Cbpf.X: Verdict(e, X); return;
            case Cbpf.Ld | Cbpf.W | Cbpf.Abs: LoadAbsolute(e, k, 4); return;
            case Cbpf.Ld | Cbpf.H | Cbpf.Abs: LoadAbsolute(e, k, 2); return;
            case Cbpf.Ld | Cbpf.B | Cbpf.Abs: LoadAbsolute(e, k, 1); return;
            case Cbpf.Ld | Cbpf.W | Cbpf.Ind: LoadIndexed(e, k, 4); return;
            case Cbpf.Ld | Cbpf.H | Cbpf.Ind: LoadIndexed(e, k, 2); return;
            case Cbpf.Ld | Cbpf.B | Cbpf.Ind: LoadIndexed(e, k, 1); return;
            case Cbpf.Ld | Cbpf.W | Cbpf.Len: e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, A, Ebpf.R10, WireLength)); return;
            case Cbpf.Ldx | Cbpf.W | Cbpf.Len: e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, X, Ebpf.R10, WireLength)); return;
            case Cbpf.Ldx | Cbpf.B | Cbpf.Msh:
                LoadAbsolute(e, k, 1, X);
                e.Add(Ebpf.Insn(Ebpf.Alu | Cbpf.And | Ebpf.K, X, imm: 0xf));
                e.Add(Ebpf.Insn(Ebpf.Alu | Cbpf.Lsh | Ebpf.K, X, imm: 2));
                return;
            case Cbpf.Ld | Cbpf.Imm: e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, A, imm: (int)k)); return;
            case Cbpf.Ldx | Cbpf.Imm: e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, X, imm: (int)k)); return;
            case Cbpf.Ld | Cbpf.Mem: e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, A, Ebpf.R10, Scratch(k))); return;
            case Cbpf.Ldx | Cbpf.Mem: e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.W, X, Ebpf.R10, Scratch(k))); return;
            case Cbpf.St: e.Add(Ebpf.Insn(Ebpf.Stx | Ebpf.Mem | Ebpf.W, Ebpf.R10, A, Scratch(k))); return;
            case Cbpf.Stx: e.Add(Ebpf.Insn(Ebpf.Stx | Ebpf.Mem | Ebpf.W, Ebpf.R10, X, Scratch(k))); return;
            case Cbpf.Misc | Cbpf.Tax: e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.X, X, A)); return;
            case Cbpf.Misc | Cbpf.Txa: e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.X, A, X)); return;
            case Cbpf.Alu | Cbpf.Neg: e.Add(Ebpf.Insn(Ebpf.Alu | Cbpf.Neg, A)); return;
            case Cbpf.Jmp | Cbpf.Ja: e.JumpTo(Ebpf.Insn(Ebpf.Jmp), Target(pc, (int)k + 1, length)); return;
        }
        int cls = insn.Code & Cbpf.ClassMask, op = insn.Code & Cbpf.OpMask;
        bool fromX = (insn.Code & Cbpf.X) != 0;
        if (cls == Cbpf.Jmp && op is Cbpf.Jeq or Cbpf.Jgt or Cbpf.Jge or Cbpf.Jset)
        {
            // 32-bit compares: A and K are unsigned 32-bit values, and a constant above 2^31 must not be sign-extended.
            var test = fromX ? Ebpf.Insn(Ebpf.Jmp32 | op | Ebpf.X, A, X) : Ebpf.Insn(Ebpf.Jmp32 | op | Ebpf.K, A, imm: (int)k);
            e.JumpTo(test, Target(pc, insn.JumpTrue + 1, length));
            if (insn.JumpFalse != 0)
                e.JumpTo(Ebpf.Insn(Ebpf.Jmp), Target(pc, insn.JumpFalse + 1, length));
            return;
        }
        if (cls == Cbpf.Alu)
        {
            Arithmetic(e, op, fromX, k);
            return;
        }
        throw new ArgumentException($"classic BPF instruction {insn} at {pc} has no eBPF translation");
    }

    private static void Arithmetic(Emitter e, int op, bool fromX, uint k)
    {
        switch (op)
        {
            case Cbpf.Add or Cbpf.Sub or Cbpf.Mul or Cbpf.Or or Cbpf.And or Cbpf.Xor:
                e.Add(fromX ? Ebpf.Insn(Ebpf.Alu | op | Ebpf.X, A, X) : Ebpf.Insn(Ebpf.Alu | op | Ebpf.K, A, imm: (int)k));
                return;
            case Cbpf.Div or Cbpf.Mod:
                // eBPF divides by zero into 0 (or leaves A for a modulo); classic BPF rejects the packet.
                if (fromX)
                    e.JumpTo(Ebpf.Insn(Ebpf.Jmp | Cbpf.Jeq | Ebpf.K, X), Emitter.Fail);
                else if (k == 0)
                {
                    e.JumpTo(Ebpf.Insn(Ebpf.Jmp), Emitter.Fail);
                    return;
                }
                e.Add(fromX ? Ebpf.Insn(Ebpf.Alu | op | Ebpf.X, A, X) : Ebpf.Insn(Ebpf.Alu | op | Ebpf.K, A, imm: (int)k));
                return;
            case Cbpf.Lsh or Cbpf.Rsh:
                if (!fromX)
                {
                    e.Add(k < 32 ? Ebpf.Insn(Ebpf.Alu | op | Ebpf.K, A, imm: (int)k) : Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, A));
                    return;
                }
                // A shift by 32 or more is 0 in libpcap, undefined in eBPF.
                e.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Jlt | Ebpf.K, X, off: 2, imm: 32));
                e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, A));
                e.Add(Ebpf.Insn(Ebpf.Jmp, off: 1));
                e.Add(Ebpf.Insn(Ebpf.Alu | op | Ebpf.X, A, X));
                return;
            default:
                throw new ArgumentException($"classic BPF ALU operation 0x{op:x2} has no eBPF translation");
        }
    }

    /// <summary>Returns 1 when <paramref name="register"/> is non-zero, else 0.</summary>
    private static void Verdict(Emitter e, int register)
    {
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.X, 0, register));
        e.Add(Ebpf.Insn(Ebpf.Jmp | Cbpf.Jeq | Ebpf.K, 0, off: 1));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, 0, imm: 1));
        e.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Exit));
    }

    /// <summary>A = the <paramref name="size"/> bytes at offset k, big-endian; out of the readable bytes, reject.</summary>
    private static void LoadAbsolute(Emitter e, uint k, int size, int into = A)
    {
        if (k > int.MaxValue - size)
        {
            e.JumpTo(Ebpf.Insn(Ebpf.Jmp), Emitter.Fail);
            return;
        }
        e.JumpTo(Ebpf.Insn(Ebpf.Jmp | Ebpf.Jlt | Ebpf.K, CapLen, imm: (int)k + size), Emitter.Fail);
        if (k + size <= HeaderBytes)
        {
            FromHeader(e, Ebpf.R10, (short)(HeaderBuffer + k), size, into);
            return;
        }
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 3, Data));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.K, 3, imm: (int)k));
        Read(e, size, into);
    }

    /// <summary>A = the <paramref name="size"/> bytes at offset X + k.</summary>
    private static void LoadIndexed(Emitter e, uint k, int size)
    {
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 3, X));
        e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, 4, imm: (int)k)); // k zero-extended: X + k cannot wrap in 64 bits
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.X, 3, 4));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 2, 3));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.K, 2, imm: size));
        e.JumpTo(Ebpf.Insn(Ebpf.Jmp | Cbpf.Jgt | Ebpf.X, 2, CapLen), Emitter.Fail);
        // Within the header buffer: stack loads at a variable offset the test bounds; beyond it, a probe read.
        int fast = 2 + HeaderLoadLength(size) + 1, slow = 1 + ReadLength(size);
        e.Add(Ebpf.Insn(Ebpf.Jmp | Cbpf.Jgt | Ebpf.K, 3, off: (short)fast, imm: HeaderBytes - size));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 1, Ebpf.R10));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.X, 1, 3));
        FromHeader(e, 1, HeaderBuffer, size, A);
        e.Add(Ebpf.Insn(Ebpf.Jmp, off: (short)slow));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.X, 3, Data));
        Read(e, size, A);
    }

    /// <summary>
    /// <paramref name="into"/> = the <paramref name="size"/> bytes at <paramref name="baseRegister"/> + <paramref name="offset"/>
    /// on the stack, most significant first (the network's order), one byte at a time.
    /// </summary>
    private static void FromHeader(Emitter e, int baseRegister, short offset, int size, int into)
    {
        e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.B, into, baseRegister, offset));
        for (int i = 1; i < size; i++)
        {
            e.Add(Ebpf.Insn(Ebpf.Alu | Cbpf.Lsh | Ebpf.K, into, imm: 8));
            e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | Ebpf.B, 2, baseRegister, (short)(offset + i)));
            e.Add(Ebpf.Insn(Ebpf.Alu | Cbpf.Or | Ebpf.X, into, 2));
        }
    }

    private static int HeaderLoadLength(int size) => 1 + 3 * (size - 1);

    private static int ReadLength(int size) => 6 + (size > 1 ? 1 : 0);

    /// <summary>Reads <paramref name="size"/> bytes from the address in r3 into <paramref name="into"/>, in host order.</summary>
    private static void Read(Emitter e, int size, int into)
    {
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.X, 1, Ebpf.R10));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Cbpf.Add | Ebpf.K, 1, imm: ReadBuffer));
        e.Add(Ebpf.Insn(Ebpf.Alu64 | Ebpf.Mov | Ebpf.K, 2, imm: size));
        e.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Call, imm: Ebpf.ProbeReadKernel));
        e.JumpTo(Ebpf.Insn(Ebpf.Jmp | Ebpf.Jne | Ebpf.K, 0), Emitter.Fail);
        int sizeCode = size switch { 4 => Ebpf.W, 2 => Ebpf.H, _ => Ebpf.B };
        e.Add(Ebpf.Insn(Ebpf.Ldx | Ebpf.Mem | sizeCode, into, Ebpf.R10, ReadBuffer));
        if (size > 1)
            e.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.End | Ebpf.X, into, imm: size * 8)); // to big-endian: the network's order
    }

    private static short Scratch(uint k) => (short)(ScratchBase + 4 * (int)(k % ScratchWords));

    /// <summary>The classic instruction <paramref name="skip"/> after <paramref name="pc"/>, which must exist.</summary>
    private static int Target(int pc, int skip, int length) =>
        pc + skip < length ? pc + skip : throw new ArgumentException($"classic BPF jump at {pc} leaves the program");
}
