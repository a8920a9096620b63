namespace NetTrace.Bpf.CoreBtf;

/// <summary>
/// The named types of a BTF that a CO-RE relocation can start from (structs, unions, enums, typedefs, forward
/// declarations), or its functions (what a fentry/fexit program attaches to), found by name. Built in one pass that keys each name by a hash of its bytes, so the kernel's tens
/// of thousands of names cost no string each; a lookup compares the bytes of the few ids under its hash.
/// </summary>
internal sealed class BtfNameIndex
{
    private readonly RawBtf _btf;
    private readonly Dictionary<ulong, int> _first = [];
    private readonly int[] _next; // _next[id]: the next id whose name has the same hash, 0 at the end

    /// <param name="btf">The BTF, read in place.</param>
    /// <param name="functions">Index its functions instead of the types relocations start from.</param>
    public BtfNameIndex(RawBtf btf, bool functions = false)
    {
        _btf = btf;
        _next = new int[btf.Count + 1];
        for (int id = btf.Count; id >= btf.FirstOwnId; id--) // a module's own types, not its base's again
        {
            if (functions ? btf.Kind(id) != BtfKind.Func : !IsRootKind(btf.Kind(id)))
                continue;
            var name = btf.NameBytes(btf.NameOffset(id));
            if (name.IsEmpty)
                continue;
            ulong hash = Hash(name);
            _next[id] = _first.GetValueOrDefault(hash);
            _first[hash] = id; // walking down keeps each chain in id order
        }
    }

    /// <summary>Kinds a CO-RE relocation names its root by.</summary>
    public static bool IsRootKind(BtfKind kind) =>
        kind is BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Typedef or BtfKind.Fwd;

    public RawBtf Btf => _btf;

    /// <summary>Every type of a root kind named exactly <paramref name="name"/>, in id order.</summary>
    public List<int> Find(ReadOnlySpan<byte> name)
    {
        var found = new List<int>();
        for (int id = _first.GetValueOrDefault(Hash(name)); id != 0; id = _next[id])
        {
            if (_btf.NameBytes(_btf.NameOffset(id)).SequenceEqual(name))
                found.Add(id);
        }
        return found;
    }

    /// <summary>FNV-1a over the name's bytes.</summary>
    private static ulong Hash(ReadOnlySpan<byte> name)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in name)
            hash = (hash ^ b) * 1099511628211;
        return hash;
    }
}
