using System.Buffers.Binary;
using System.Text;

namespace NetTrace.Bpf.CoreBtf;

/// <summary>
/// Copies some types of a BTF, and what they are made of, into a new raw BTF: the part of the kernel's types a BPF
/// object's CO-RE relocations can reach. A relocation walks members and array elements by index, never through a
/// pointer (each dereference is a relocation of its own, from the pointed-to type by name), so every pointer is
/// copied as a pointer to void; what a struct embeds is copied whole. Offsets, sizes, bitfields and names stay as
/// they are, so libbpf resolves every relocation against the subset exactly as against the whole.
/// </summary>
internal sealed class BtfSubset
{
    private const int RecordSize = 12;

    // Types are keyed by the BTF that owns them (its place in _owners) and their id there: a module's split BTF
    // refers to the kernel's types by their ids. A long key, not a tuple: a tuple's comparer is generic code the
    // JIT would compile on a light mode's start.
    private readonly List<RawBtf> _owners = [];
    private readonly Dictionary<long, int> _newIds = [];
    private readonly List<BtfType> _order = []; // in the order of their new ids
    private readonly Dictionary<string, uint> _stringOffsets = new() { [""] = 0 };
    private readonly MemoryStream _strings = new();

    private BtfSubset() => _strings.WriteByte(0);

    /// <summary>The raw BTF of <paramref name="roots"/> (from the kernel's BTF or a module's) and their parts; null when one is of a kind that has no place there.</summary>
    public static byte[]? Copy(IReadOnlyList<BtfType> roots) => Copy(roots, out _);

    /// <inheritdoc cref="Copy(IReadOnlyList{BtfType})"/>
    /// <param name="roots">The types to copy, each with the BTF it is read from.</param>
    /// <param name="count">How many types the subset holds, the roots' parts included.</param>
    public static byte[]? Copy(IReadOnlyList<BtfType> roots, out int count)
    {
        var subset = new BtfSubset();
        for (int i = 0; i < roots.Count; i++)
            subset.NewId(roots[i].Btf, roots[i].Id);
        var types = new MemoryStream();
        for (int i = 0; i < subset._order.Count; i++)
        {
            if (!subset.Write(subset._order[i].Btf, subset._order[i].Id, types))
            {
                count = 0;
                return null;
            }
        }
        count = subset._order.Count;
        return Assemble(types.ToArray(), subset._strings.ToArray());
    }

    /// <summary>The roots of one BTF.</summary>
    public static byte[]? Copy(RawBtf source, IEnumerable<int> roots) => Copy([.. roots.Select(id => new BtfType(source, id))]);

    private int NewId(RawBtf btf, int sourceId)
    {
        if (sourceId == 0)
            return 0;
        while (sourceId < btf.FirstOwnId)
            btf = btf.Base!;
        int owner = _owners.IndexOf(btf);
        if (owner < 0)
        {
            owner = _owners.Count;
            _owners.Add(btf);
        }
        long key = ((long)owner << 32) | (uint)sourceId;
        if (_newIds.TryGetValue(key, out int id))
            return id;
        _order.Add(new BtfType(btf, sourceId));
        id = _order.Count;
        _newIds[key] = id;
        return id;
    }

    private uint String(RawBtf btf, uint sourceOffset)
    {
        string name = Encoding.UTF8.GetString(btf.NameBytes(sourceOffset));
        if (_stringOffsets.TryGetValue(name, out uint at))
            return at;
        at = (uint)_strings.Length;
        _strings.Write(Encoding.UTF8.GetBytes(name));
        _strings.WriteByte(0);
        _stringOffsets[name] = at;
        return at;
    }

    /// <summary>Writes one type's record with its names and types renumbered; false for a kind a subset cannot hold.</summary>
    private bool Write(RawBtf btf, int sourceId, MemoryStream types)
    {
        var record = btf.Record(sourceId).ToArray();
        var kind = btf.Kind(sourceId);
        int vlen = (int)(btf.Info(sourceId) & 0xffff);
        Span<byte> span = record;
        Put(span, 0, String(btf, Get(span, 0)));
        switch (kind)
        {
            case BtfKind.Ptr:
                Put(span, 8, 0); // what it points to is reached by name, if at all
                break;
            case BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict or BtfKind.TypeTag:
                Put(span, 8, (uint)NewId(btf, (int)Get(span, 8)));
                break;
            case BtfKind.Int or BtfKind.Float or BtfKind.Fwd:
                break;
            case BtfKind.Array:
                Put(span, RecordSize, (uint)NewId(btf, (int)Get(span, RecordSize)));
                Put(span, RecordSize + 4, (uint)NewId(btf, (int)Get(span, RecordSize + 4)));
                break;
            case BtfKind.Struct or BtfKind.Union:
                for (int i = 0, at = RecordSize; i < vlen; i++, at += 12)
                {
                    Put(span, at, String(btf, Get(span, at)));
                    Put(span, at + 4, (uint)NewId(btf, (int)Get(span, at + 4)));
                }
                break;
            case BtfKind.Enum or BtfKind.Enum64:
                for (int i = 0, at = RecordSize, step = kind == BtfKind.Enum ? 8 : 12; i < vlen; i++, at += step)
                    Put(span, at, String(btf, Get(span, at)));
                break;
            case BtfKind.FuncProto:
                Put(span, 8, (uint)NewId(btf, (int)Get(span, 8)));
                for (int i = 0, at = RecordSize; i < vlen; i++, at += 8)
                {
                    Put(span, at, String(btf, Get(span, at)));
                    Put(span, at + 4, (uint)NewId(btf, (int)Get(span, at + 4)));
                }
                break;
            default:
                return false; // functions, variables, sections and tags are never part of a type's layout
        }
        types.Write(record);
        return true;
    }

    private static byte[] Assemble(byte[] types, byte[] strings)
    {
        var btf = new byte[RawBtf.HeaderSize + types.Length + strings.Length];
        var span = btf.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, RawBtf.Magic);
        span[2] = 1; // version
        span[3] = 0; // flags
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], RawBtf.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)types.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], (uint)strings.Length);
        types.CopyTo(span[RawBtf.HeaderSize..]);
        strings.CopyTo(span[(RawBtf.HeaderSize + types.Length)..]);
        return btf;
    }

    private static uint Get(ReadOnlySpan<byte> record, int at) => BinaryPrimitives.ReadUInt32LittleEndian(record[at..]);

    private static void Put(Span<byte> record, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(record[at..], value);
}

/// <summary>One type of a BTF: the kernel's or a module's, by its id there.</summary>
internal readonly struct BtfType(RawBtf btf, int id)
{
    public RawBtf Btf { get; } = btf;

    public int Id { get; } = id;
}
