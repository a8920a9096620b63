using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using NetTrace.Bpf;
using NetTrace.Bpf.Interop;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// The CO-RE field relocations clang wrote into a BPF object's .BTF.ext section: which struct field each program
/// section reads, as "type.member" or "type.member[index]". libbpf has no public reader for them, so the ELF
/// section headers and the .BTF.ext layout (linux/Documentation/bpf/btf.rst) are read here.
/// </summary>
internal static unsafe class CoreRelocations
{
    private const int FieldByteOffset = 0; // enum bpf_core_relo_kind: BPF_CORE_FIELD_BYTE_OFFSET
    private const ushort BtfMagic = 0xeb9f;

    /// <summary>Every field read by offset, by program section, resolved against the object's own BTF.</summary>
    public static IReadOnlyList<(string Section, string Field)> FieldReads(byte[] elf, BtfReader reader)
    {
        nint btf = reader.Pointer; // raw BTF by type id, which the reader does not offer: libbpf's own calls (internals)
        var ext = Section(elf, ".BTF.ext");
        if (BinaryPrimitives.ReadUInt16LittleEndian(ext) != BtfMagic)
            throw new InvalidDataException(".BTF.ext has no BTF magic");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(ext[4..]);
        if (headerLength < 32)
            return [];
        int start = (int)(headerLength + BinaryPrimitives.ReadUInt32LittleEndian(ext[24..]));
        int end = start + (int)BinaryPrimitives.ReadUInt32LittleEndian(ext[28..]);
        int recordSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(ext[start..]);
        var reads = new List<(string, string)>();
        for (int at = start + 4; at < end;)
        {
            string section = Name(btf, BinaryPrimitives.ReadUInt32LittleEndian(ext[at..]));
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(ext[(at + 4)..]);
            at += 8;
            for (int i = 0; i < count; i++, at += recordSize)
            {
                var record = ext[at..];
                if (BinaryPrimitives.ReadUInt32LittleEndian(record[12..]) != FieldByteOffset)
                    continue;
                uint type = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
                string access = Name(btf, BinaryPrimitives.ReadUInt32LittleEndian(record[8..]));
                reads.Add((section, Field(btf, type, access)));
            }
        }
        return reads;
    }

    /// <summary>"0:14" on pt_regs is "pt_regs.di"; "0:0:2" on user_pt_regs is "user_pt_regs.regs[2]" (one level deep).</summary>
    private static string Field(nint btf, uint typeId, string access)
    {
        var type = LibBpf.btf__type_by_id(btf, typeId);
        string typeName = Name(btf, type->NameOff);
        var steps = access.Split(':').Skip(1).Select(int.Parse).ToArray();
        if (steps.Length == 0 || type->Kind != LibBpf.BtfKindStruct)
            return typeName;
        var members = (LibBpf.BtfMember*)(type + 1);
        string field = $"{typeName}.{Name(btf, members[steps[0]].NameOff)}";
        return steps.Length > 1 ? $"{field}[{steps[1]}]" : field;
    }

    private static ReadOnlySpan<byte> Section(byte[] elf, string name)
    {
        var image = elf.AsSpan();
        long headers = BinaryPrimitives.ReadInt64LittleEndian(image[0x28..]);
        int size = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3a..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3c..]);
        int namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3e..]);
        long names = BinaryPrimitives.ReadInt64LittleEndian(image[(int)(headers + namesIndex * size + 24)..]);
        for (int i = 0; i < count; i++)
        {
            var header = image[(int)(headers + i * size)..];
            var sectionName = image[(int)(names + BinaryPrimitives.ReadUInt32LittleEndian(header))..];
            if (Encoding.ASCII.GetString(sectionName[..sectionName.IndexOf((byte)0)]) != name)
                continue;
            long offset = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
            long length = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
            return image.Slice((int)offset, (int)length);
        }
        throw new InvalidDataException($"no {name} section");
    }

    private static string Name(nint btf, uint offset) => Marshal.PtrToStringUTF8((nint)LibBpf.btf__name_by_offset(btf, offset)) ?? "";
}
