using System.Runtime.InteropServices;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>
/// Reads type information from a BTF blob, the kernel's (<see cref="VmlinuxBtf"/>) or an object's, valid while its
/// owner is: a read after the owner is disposed throws rather than touching freed memory.
/// </summary>
public sealed unsafe class BtfReader
{
    private readonly SafeHandle _owner;
    private readonly nint _btf;

    internal BtfReader(SafeHandle owner, nint btf)
    {
        _owner = owner;
        _btf = btf;
    }

    /// <summary>The raw struct btf pointer, checked alive.</summary>
    internal nint Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_owner.IsClosed, this);
            return _btf;
        }
    }

    /// <summary>Whether a typedef of that name exists (every raw tracepoint has a "btf_trace_&lt;name&gt;" one).</summary>
    public bool HasTypedef(string name) => LibBpf.btf__find_by_name_kind(Pointer, name, LibBpf.BtfKindTypedef) > 0;

    /// <summary>
    /// How many arguments a function described here takes (what decides whether a BPF trampoline can carry them),
    /// or null when it is not described.
    /// </summary>
    public int? FunctionArgCount(string name)
    {
        nint btf = Pointer;
        int id = LibBpf.btf__find_by_name_kind(btf, name, LibBpf.BtfKindFunc);
        if (id <= 0)
            return null;
        var func = LibBpf.btf__type_by_id(btf, (uint)id);
        var proto = func is null ? null : LibBpf.btf__type_by_id(btf, func->SizeOrType);
        return proto is null ? null : proto->VLen;
    }

    /// <summary>An enum's (or enum64's) values by name, or null when the type is absent.</summary>
    public IReadOnlyList<(string Name, long Value)>? Enum(string name)
    {
        nint btf = Pointer;
        int id = LibBpf.btf__find_by_name_kind(btf, name, LibBpf.BtfKindEnum);
        if (id <= 0)
            id = LibBpf.btf__find_by_name_kind(btf, name, LibBpf.BtfKindEnum64);
        if (id <= 0)
            return null;
        var type = LibBpf.btf__type_by_id(btf, (uint)id);
        var result = new List<(string, long)>(type->VLen);
        if (type->Kind == LibBpf.BtfKindEnum)
        {
            var entries = (LibBpf.BtfEnum*)(type + 1);
            for (int i = 0; i < type->VLen; i++)
                result.Add((Name(entries[i].NameOff), type->KindFlag ? entries[i].Value : (uint)entries[i].Value));
        }
        else
        {
            // btf_enum64: name_off, val_lo32, val_hi32
            var entries = (uint*)(type + 1);
            for (int i = 0; i < type->VLen; i++)
                result.Add((Name(entries[i * 3]), (long)(((ulong)entries[i * 3 + 2] << 32) | entries[i * 3 + 1])));
        }
        return result;
    }

    /// <summary>A struct's members as (name, byte offset, byte size), plus its total size; null when absent.</summary>
    internal (IReadOnlyList<(string Name, int Offset, int Size)> Members, int Size)? Struct(string name)
    {
        nint btf = Pointer;
        int id = LibBpf.btf__find_by_name_kind(btf, name, LibBpf.BtfKindStruct);
        if (id <= 0)
            return null;
        var type = LibBpf.btf__type_by_id(btf, (uint)id);
        var members = (LibBpf.BtfMember*)(type + 1);
        var list = new List<(string, int, int)>(type->VLen);
        for (int i = 0; i < type->VLen; i++)
        {
            uint bitOffset = type->KindFlag ? members[i].Offset & 0xffffff : members[i].Offset;
            list.Add((Name(members[i].NameOff), (int)(bitOffset / 8), (int)LibBpf.btf__resolve_size(btf, members[i].Type)));
        }
        return (list, (int)type->SizeOrType);
    }

    /// <summary>The byte offset of a global variable inside a data section (e.g. ".rodata"), or -1.</summary>
    internal int VariableOffset(string section, string variable)
    {
        nint btf = Pointer;
        int id = LibBpf.btf__find_by_name_kind(btf, section, LibBpf.BtfKindDatasec);
        if (id <= 0)
            return -1;
        var type = LibBpf.btf__type_by_id(btf, (uint)id);
        var vars = (LibBpf.BtfVarSecInfo*)(type + 1);
        for (int i = 0; i < type->VLen; i++)
        {
            var var = LibBpf.btf__type_by_id(btf, vars[i].Type);
            if (Name(var->NameOff) == variable)
                return (int)vars[i].Offset;
        }
        return -1;
    }

    private string Name(uint offset) => Marshal.PtrToStringUTF8((nint)LibBpf.btf__name_by_offset(Pointer, offset)) ?? "";
}
