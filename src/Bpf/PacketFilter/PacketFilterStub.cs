using System.Buffers.Binary;
using System.Text;

namespace NetTrace.Bpf.PacketFilter;

/// <summary>
/// Writes a translated filter expression (<see cref="CbpfTranslator"/>) over the body of nt_pcap_l3 (bpf/include/nt_pcap.h)
/// in a BPF object's ELF image, before libbpf opens it: the function keeps its place, size and calling convention,
/// so libbpf relocates and links it as it compiled. What the filter does not fill is a run of `ja +0` in front of it
/// (reachable, so the verifier accepts it; the JIT emits nothing for it).
/// </summary>
public static class PacketFilterStub
{
    /// <summary>The function's name in the objects: the program over the IP header.</summary>
    public const string Function = "nt_pcap_l3";

    /// <summary>The program over the Ethernet frame, for what only the link layer answers.</summary>
    public const string FrameFunction = "nt_pcap_l2";

    /// <summary>Its size in instructions: NT_PCAP_ROOM, the first move and the exit.</summary>
    public const int Room = 514;

    private const int SymbolSize = 24, RelocationSize = 16;
    private const uint SymbolTable = 2, Relocations = 9;
    private const byte FunctionType = 2;

    /// <summary>
    /// A copy of <paramref name="elfImage"/> with <paramref name="filter"/> in the stub, or null when the object has none
    /// (it filters no packets). An <see cref="ArgumentException"/> when the filter does not fit the stub's room or the
    /// stub is not what nettrace compiled (a relocation inside it).
    /// </summary>
    public static byte[]? Write(ReadOnlySpan<byte> elfImage, ReadOnlySpan<ulong> filter, string function = Function)
    {
        if (Locate(elfImage, function) is not { } stub)
            return null;
        int room = stub.Size / 8;
        if (filter.Length > room)
            throw new ArgumentException($"the filter needs {filter.Length} instructions; the kernel-side room is {room}");
        byte[] image = elfImage.ToArray();
        var body = image.AsSpan(stub.Offset, stub.Size);
        ulong nop = Ebpf.Insn(Ebpf.Jmp);
        for (int i = 0; i < room - filter.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(body[(i * 8)..], nop);
        for (int i = 0; i < filter.Length; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(body[((room - filter.Length + i) * 8)..], filter[i]);
        return image;
    }

    /// <summary>The stub's bytes in the image: file offset and size; null when the object has none.</summary>
    internal static (int Offset, int Size)? Locate(ReadOnlySpan<byte> elf, string function = Function)
    {
        if (elf.Length < 64 || !elf[..4].SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
            return null;
        int headers = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3a..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3c..]);
        byte[] name = Encoding.ASCII.GetBytes(function + "\0");
        for (int s = 0; s < count; s++)
        {
            var header = elf[(headers + s * entrySize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != SymbolTable)
                continue;
            var symbols = Contents(elf, header);
            var strings = Contents(elf, elf[(headers + (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]) * entrySize)..]);
            for (int at = 0; at + SymbolSize <= symbols.Length; at += SymbolSize)
            {
                var symbol = symbols[at..];
                int nameAt = (int)BinaryPrimitives.ReadUInt32LittleEndian(symbol);
                if ((symbol[4] & 0xf) != FunctionType || nameAt + name.Length > strings.Length || !strings.Slice(nameAt, name.Length).SequenceEqual(name))
                    continue;
                int section = BinaryPrimitives.ReadUInt16LittleEndian(symbol[6..]);
                ulong value = BinaryPrimitives.ReadUInt64LittleEndian(symbol[8..]);
                int size = (int)BinaryPrimitives.ReadUInt64LittleEndian(symbol[16..]);
                var text = elf[(headers + section * entrySize)..];
                int offset = (int)(BinaryPrimitives.ReadUInt64LittleEndian(text[0x18..]) + value);
                if (size <= 0 || size % 8 != 0 || offset + size > elf.Length)
                    throw new ArgumentException($"{function} in this object is not a function body nettrace can write");
                if (RelocatedWithin(elf, headers, entrySize, count, section, value, size))
                    throw new ArgumentException($"{function} in this object has a relocation: it is not the stub nt_pcap.h declares");
                return (offset, size);
            }
        }
        return null;
    }

    /// <summary>Whether a relocation section for <paramref name="section"/> patches a byte of the stub.</summary>
    private static bool RelocatedWithin(ReadOnlySpan<byte> elf, int headers, int entrySize, int count, int section, ulong start, int size)
    {
        for (int s = 0; s < count; s++)
        {
            var header = elf[(headers + s * entrySize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != Relocations || BinaryPrimitives.ReadUInt32LittleEndian(header[0x2c..]) != section)
                continue;
            var entries = Contents(elf, header);
            for (int at = 0; at + RelocationSize <= entries.Length; at += RelocationSize)
            {
                ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(entries[at..]);
                if (offset >= start && offset < start + (ulong)size)
                    return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<byte> Contents(ReadOnlySpan<byte> elf, ReadOnlySpan<byte> header)
    {
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]);
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
        return offset + size <= (ulong)elf.Length ? elf.Slice((int)offset, (int)size) : default;
    }
}
