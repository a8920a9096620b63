using System.Buffers.Binary;
using System.Text;

namespace NetTrace.Bpf.CoreBtf;

/// <summary>One section of a 64-bit little-endian ELF image (a BPF object), found by name without libelf.</summary>
internal static class ElfSection
{
    /// <summary>The bytes of section <paramref name="name"/> in <paramref name="elf"/>; empty when there is none or the image is not ELF64 LE.</summary>
    public static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> elf, string name)
    {
        if (elf.Length < 64 || !elf[..4].SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
            return default;
        ulong headers = BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3a..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3c..]);
        int namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3e..]);
        if (entrySize < 0x28 || namesIndex >= count || headers + (ulong)(entrySize * count) > (ulong)elf.Length)
            return default;
        var names = Section(elf, (int)headers + namesIndex * entrySize);
        byte[] wanted = Encoding.ASCII.GetBytes(name + "\0");
        for (int i = 0; i < count; i++)
        {
            int header = (int)headers + i * entrySize;
            int nameAt = (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[header..]);
            if (nameAt + wanted.Length <= names.Length && names.Slice(nameAt, wanted.Length).SequenceEqual(wanted))
                return Section(elf, header);
        }
        return default;
    }

    private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> elf, int header)
    {
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(elf[(header + 0x18)..]);
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(elf[(header + 0x20)..]);
        return offset + size <= (ulong)elf.Length ? elf.Slice((int)offset, (int)size) : default;
    }
}
