using System.Buffers.Binary;
using NetTrace.Bpf.CoreBtf;

namespace NetTrace.Tests.Unit.Bpf;

/// <summary>Raw BTF written by hand for the tests: header, type records (as 32-bit words), strings.</summary>
internal static class RawBtfBytes
{
    public static byte[] Of(IEnumerable<uint> types, IReadOnlyList<byte> strings)
    {
        var typeBytes = types.SelectMany(BitConverter.GetBytes).ToArray();
        var btf = new byte[RawBtf.HeaderSize + typeBytes.Length + strings.Count];
        BinaryPrimitives.WriteUInt16LittleEndian(btf, RawBtf.Magic);
        btf[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(btf.AsSpan(4), RawBtf.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(btf.AsSpan(12), (uint)typeBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(btf.AsSpan(16), (uint)typeBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(btf.AsSpan(20), (uint)strings.Count);
        typeBytes.CopyTo(btf, RawBtf.HeaderSize);
        for (int i = 0; i < strings.Count; i++)
            btf[RawBtf.HeaderSize + typeBytes.Length + i] = strings[i];
        return btf;
    }
}
