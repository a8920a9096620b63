namespace NetTrace.Bpf.PacketFilter;

/// <summary>
/// eBPF instructions written in order, with jumps to classic BPF instructions (by index) or to the shared "reject"
/// block, resolved once every block's place is known.
/// </summary>
internal sealed class Emitter(int blocks)
{
    public const int Fail = -1;

    private readonly List<ulong> _code = [];
    private readonly List<(int At, int Target)> _jumps = [];
    private readonly int[] _starts = new int[blocks];

    public void Begin(int block) => _starts[block] = _code.Count;

    public void Add(ulong insn) => _code.Add(insn);

    /// <summary>Adds a jump whose target is classic instruction <paramref name="target"/>, or <see cref="Fail"/>.</summary>
    public void JumpTo(ulong insn, int target)
    {
        _jumps.Add((_code.Count, target));
        _code.Add(insn);
    }

    public ulong[] Finish()
    {
        int fail = _code.Count;
        bool failUsed = _jumps.Exists(j => j.Target == Fail);
        if (failUsed)
        {
            _code.Add(Ebpf.Insn(Ebpf.Alu | Ebpf.Mov | Ebpf.K, 0));
            _code.Add(Ebpf.Insn(Ebpf.Jmp | Ebpf.Exit));
        }
        foreach (var (at, target) in _jumps)
        {
            int to = target == Fail ? fail : _starts[target];
            _code[at] = Ebpf.WithOffset(_code[at], to - (at + 1));
        }
        return [.. _code];
    }
}
