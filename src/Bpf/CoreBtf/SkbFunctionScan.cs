using System.Buffers.Binary;
using System.Text;

namespace NetTrace.Bpf.CoreBtf;

/// <summary>
/// Finds, in a BTF, every function that takes a <c>struct sk_buff *</c> among its first arguments: one walk over the
/// types marks which ids are such a pointer (through const, volatile, restrict, type tags and typedefs), a second
/// reads each function's prototype. A module's split BTF is walked for its own functions only.
/// </summary>
internal static class SkbFunctionScan
{
    private const int ParamSize = 8; // struct btf_param: name_off, type

    /// <param name="btf">The kernel's BTF, or a module's (its own functions are read).</param>
    /// <param name="maxArgs">How many leading arguments may hold the skb (what the tracer's programs read).</param>
    public static List<(string Name, int SkbArg)> Find(RawBtf btf, int maxArgs)
    {
        var skbPointers = SkbPointerIds(btf);
        var found = new List<(string, int)>();
        for (int id = btf.FirstOwnId; id <= btf.Count; id++)
        {
            if (btf.Kind(id) != BtfKind.Func)
                continue;
            int proto = (int)BinaryPrimitives.ReadUInt32LittleEndian(btf.Record(id)[8..]);
            if (proto <= 0 || proto > btf.Count || btf.Kind(proto) != BtfKind.FuncProto)
                continue;
            var record = btf.Record(proto);
            int count = Math.Min((int)(btf.Info(proto) & 0xffff), maxArgs);
            for (int arg = 0; arg < count; arg++)
            {
                uint type = BinaryPrimitives.ReadUInt32LittleEndian(record[(12 + arg * ParamSize + 4)..]);
                if (type < skbPointers.Length && skbPointers[type])
                {
                    found.Add((Encoding.UTF8.GetString(btf.NameBytes(btf.NameOffset(id))), arg));
                    break;
                }
            }
        }
        return found;
    }

    /// <summary>For each type id, whether it is a pointer to struct sk_buff, seen through modifiers and typedefs.</summary>
    private static bool[] SkbPointerIds(RawBtf btf)
    {
        var result = new bool[btf.Count + 1];
        var skb = "sk_buff"u8;
        for (int id = 1; id <= btf.Count; id++)
        {
            if (btf.Kind(id) != BtfKind.Ptr)
                continue;
            int target = Unmodified(btf, Referenced(btf, id));
            if (target > 0 && btf.Kind(target) is BtfKind.Struct or BtfKind.Fwd && btf.NameBytes(btf.NameOffset(target)).SequenceEqual(skb))
                result[id] = true;
        }
        // Parameters declared through a modifier or a typedef of such a pointer count as well.
        for (int id = 1; id <= btf.Count; id++)
        {
            if (!result[id] && IsModifier(btf.Kind(id)) && Unmodified(btf, id) is > 0 and var target && result[target])
                result[id] = true;
        }
        return result;
    }

    private static bool IsModifier(BtfKind kind) =>
        kind is BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag or BtfKind.Typedef;

    private static int Referenced(RawBtf btf, int id) => (int)BinaryPrimitives.ReadUInt32LittleEndian(btf.Record(id)[8..]);

    /// <summary>The type under any modifiers and typedefs (bounded: a malformed loop ends as "none").</summary>
    private static int Unmodified(RawBtf btf, int id)
    {
        for (int depth = 0; depth < 16 && id > 0 && id <= btf.Count; depth++)
        {
            if (!IsModifier(btf.Kind(id)))
                return id;
            id = Referenced(btf, id);
        }
        return 0;
    }
}
