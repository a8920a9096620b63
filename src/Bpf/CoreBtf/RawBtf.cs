using System.Buffers.Binary;
using System.Text;

namespace NetTrace.Bpf.CoreBtf;

/// <summary>
/// A raw BTF blob (the kernel's /sys/kernel/btf/vmlinux, or an object's .BTF section) read in place: each type's
/// record found by id, its kind, name and referenced types. One pass at construction finds where every record starts;
/// nothing else is copied, so reading the kernel's 120k-odd types costs one walk over its bytes.
/// </summary>
internal sealed class RawBtf
{
    public const int HeaderSize = 24;
    public const ushort Magic = 0xeb9f;
    private const int RecordSize = 12;

    private readonly ReadOnlyMemory<byte> _types;
    private readonly ReadOnlyMemory<byte> _strings;
    private readonly int[] _offsets; // _offsets[id - FirstOwnId]: where type id's record starts in _types
    private readonly RawBtf? _base;

    private RawBtf(ReadOnlyMemory<byte> types, ReadOnlyMemory<byte> strings, int[] offsets, RawBtf? baseBtf)
    {
        _types = types;
        _strings = strings;
        _offsets = offsets;
        _base = baseBtf;
    }

    /// <summary>Type ids run from 1 to <see cref="Count"/> (0 is void), the base's first for split BTF.</summary>
    public int Count => FirstOwnId - 1 + _offsets.Length;

    /// <summary>The first id of this BTF's own types: 1, or after its base's for a module's split BTF.</summary>
    public int FirstOwnId => (_base?.Count ?? 0) + 1;

    /// <summary>The BTF whose types and strings this one's continue (a module's BTF continues the kernel's).</summary>
    public RawBtf? Base => _base;

    private int StringsLength => (_base?.StringsLength ?? 0) + _strings.Length;

    /// <summary>Reads <paramref name="btf"/>; null when it is not little-endian BTF this reader knows every kind of.</summary>
    public static RawBtf? TryRead(ReadOnlyMemory<byte> btf, RawBtf? baseBtf = null)
    {
        var span = btf.Span;
        if (span.Length < HeaderSize || BinaryPrimitives.ReadUInt16LittleEndian(span) != Magic)
            return null;
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(span[4..]);
        uint typeOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        uint typeLength = BinaryPrimitives.ReadUInt32LittleEndian(span[12..]);
        uint stringOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[16..]);
        uint stringLength = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
        if (headerLength + (ulong)typeOffset + typeLength > (ulong)span.Length || headerLength + (ulong)stringOffset + stringLength > (ulong)span.Length)
            return null;
        var types = btf.Slice((int)(headerLength + typeOffset), (int)typeLength);
        var strings = btf.Slice((int)(headerLength + stringOffset), (int)stringLength);
        var offsets = new List<int>();
        var typeSpan = types.Span;
        int at = 0;
        while (at < typeSpan.Length)
        {
            if (at + RecordSize > typeSpan.Length)
                return null;
            uint info = BinaryPrimitives.ReadUInt32LittleEndian(typeSpan[(at + 4)..]);
            int extra = ExtraSize((BtfKind)((info >> 24) & 0x1f), (int)(info & 0xffff));
            if (extra < 0)
                return null;
            offsets.Add(at);
            at += RecordSize + extra;
        }
        return at == typeSpan.Length ? new RawBtf(types, strings, [.. offsets], baseBtf) : null;
    }

    /// <summary>The bytes after a type's 12-byte common part; -1 for a kind this reader does not know.</summary>
    public static int ExtraSize(BtfKind kind, int vlen) => kind switch
    {
        BtfKind.Int or BtfKind.Var or BtfKind.DeclTag => 4,
        BtfKind.Ptr or BtfKind.Fwd or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
            or BtfKind.Func or BtfKind.Float or BtfKind.TypeTag => 0,
        BtfKind.Array => 12,
        BtfKind.Struct or BtfKind.Union or BtfKind.Datasec or BtfKind.Enum64 => 12 * vlen,
        BtfKind.Enum or BtfKind.FuncProto => 8 * vlen,
        _ => -1,
    };

    /// <summary>The whole record of type <paramref name="id"/>: its common part and what follows it.</summary>
    public ReadOnlySpan<byte> Record(int id)
    {
        if (id < FirstOwnId)
            return _base!.Record(id);
        int own = id - FirstOwnId;
        int at = _offsets[own];
        int end = own + 1 < _offsets.Length ? _offsets[own + 1] : _types.Length;
        return _types.Span[at..end];
    }

    public BtfKind Kind(int id) => (BtfKind)((Info(id) >> 24) & 0x1f);

    public uint Info(int id) => BinaryPrimitives.ReadUInt32LittleEndian(Record(id)[4..]);

    public uint NameOffset(int id) => BinaryPrimitives.ReadUInt32LittleEndian(Record(id));

    /// <summary>The name's bytes (no terminator); empty for an anonymous type or a bad offset.</summary>
    public ReadOnlySpan<byte> NameBytes(uint offset)
    {
        if (_base is not null)
        {
            if (offset < _base.StringsLength)
                return _base.NameBytes(offset);
            offset -= (uint)_base.StringsLength;
        }
        var strings = _strings.Span;
        if (offset >= strings.Length)
            return [];
        var rest = strings[(int)offset..];
        int end = rest.IndexOf((byte)0);
        return end < 0 ? [] : rest[..end];
    }

    public string Name(int id) => Encoding.UTF8.GetString(NameBytes(NameOffset(id)));
}

/// <summary>BTF_KIND_* values.</summary>
internal enum BtfKind
{
    Unknown = 0,
    Int = 1,
    Ptr = 2,
    Array = 3,
    Struct = 4,
    Union = 5,
    Enum = 6,
    Fwd = 7,
    Typedef = 8,
    Volatile = 9,
    Const = 10,
    Restrict = 11,
    Func = 12,
    FuncProto = 13,
    Var = 14,
    Datasec = 15,
    Float = 16,
    DeclTag = 17,
    TypeTag = 18,
    Enum64 = 19,
}
