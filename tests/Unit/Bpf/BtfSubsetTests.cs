using System.Buffers.Binary;
using System.Text;
using NetTrace.Bpf;
using NetTrace.Bpf.CoreBtf;
using NetTrace.Host.Engine;

namespace NetTrace.Tests.Unit.Bpf;

/// <summary>
/// The raw BTF reader and the subset copied for CO-RE: what a struct embeds comes along whole, a pointer becomes a
/// pointer to void, and every offset, size and name stays. (The host tier checks libbpf relocates every shipped
/// object the same against a subset of the running kernel's BTF.)
/// </summary>
public sealed class BtfSubsetTests
{
    [Fact]
    public void Subset_KeepsWhatAStructEmbeds_AndCutsWhatItPointsTo()
    {
        var source = RawBtf.TryRead(SampleBtf())!;
        int outer = new BtfNameIndex(source).Find("outer"u8).Single();

        var subset = RawBtf.TryRead(BtfSubset.Copy(source, [outer])!)!;

        // outer, then what it is made of in member order: int, inner, a pointer.
        Assert.Equal(4, subset.Count);
        Assert.Equal(["outer", "int", "inner", ""], Enumerable.Range(1, 4).Select(subset.Name));
        Assert.Equal([BtfKind.Struct, BtfKind.Int, BtfKind.Struct, BtfKind.Ptr], Enumerable.Range(1, 4).Select(subset.Kind));
        Assert.Equal(0u, Word(subset.Record(4), 8)); // to void: "far" is left out
        Assert.Empty(new BtfNameIndex(subset).Find("far"u8));
        // outer's members: names, renumbered types, bit offsets as they were.
        var members = subset.Record(1).ToArray();
        Assert.Equal(16u, Word(members, 8));
        Assert.Equal([(2u, 0u), (3u, 32u), (4u, 64u)], Enumerable.Range(0, 3).Select(i => (Word(members, 16 + 12 * i), Word(members, 20 + 12 * i))));
        Assert.Equal(["x", "in", "p"], Enumerable.Range(0, 3).Select(i => NameAt(subset, Word(members, 12 + 12 * i))));
    }

    [Fact]
    public void Subset_OfATypedef_BringsItsStruct()
    {
        var source = RawBtf.TryRead(SampleBtf())!;
        int typedef = new BtfNameIndex(source).Find("outer_t"u8).Single();

        var subset = RawBtf.TryRead(BtfSubset.Copy(source, [typedef])!)!;

        Assert.Equal(BtfKind.Typedef, subset.Kind(1));
        Assert.Equal("outer", subset.Name((int)Word(subset.Record(1), 8)));
    }

    [Fact]
    public void Index_FindsEveryTypeOfAName_OnlyOfRootKinds()
    {
        var index = new BtfNameIndex(RawBtf.TryRead(SampleBtf())!);

        Assert.Equal([5], index.Find("outer"u8));
        Assert.Empty(index.Find("int"u8)); // an int is never a relocation's root
        Assert.Empty(index.Find("outer_"u8));
    }

    [Fact]
    public void Subset_OfAModulesType_TakesWhatItUsesFromTheKernel()
    {
        var kernel = RawBtf.TryRead(SampleBtf())!;
        // A module's split BTF: its ids continue the kernel's (7), its strings too; it embeds the kernel's "inner".
        var module = RawBtf.TryRead(SplitBtf(kernel), kernel)!;
        var index = new BtfNameIndex(module);
        int wrapper = index.Find("wrapper"u8).Single();

        var subset = RawBtf.TryRead(BtfSubset.Copy([new BtfType(module, wrapper), new BtfType(kernel, new BtfNameIndex(kernel).Find("outer"u8).Single())])!)!;

        Assert.Equal(7, wrapper);
        Assert.Empty(index.Find("outer"u8)); // a module's index holds its own types only
        Assert.Equal(["wrapper", "outer", "inner", "int", ""], Enumerable.Range(1, subset.Count).Select(subset.Name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void TryRead_RefusesWhatIsNotBtf(int length)
    {
        Assert.Null(RawBtf.TryRead(new byte[length]));
        var truncated = SampleBtf();
        Assert.Null(RawBtf.TryRead(truncated.AsMemory(0, truncated.Length - 30)));
    }

    [Fact]
    public void ElfSection_FindsTheEnginesBtf()
    {
        var image = ObjectImage.Embedded(typeof(SkbTracer).Assembly, "engine.bpf.o");

        var btf = RawBtf.TryRead(ElfSection.Find(image, ".BTF").ToArray());

        Assert.NotNull(btf);
        Assert.NotEmpty(new BtfNameIndex(btf).Find("sk_buff"u8));
        Assert.True(ElfSection.Find(image, ".no_such_section").IsEmpty);
        Assert.True(ElfSection.Find(new byte[100], ".BTF").IsEmpty);
    }

    /// <summary>int; struct inner { int v; }; struct far { int w; }; struct outer { int x; struct inner in; struct far *p; }; typedef struct outer outer_t.</summary>
    private static byte[] SampleBtf()
    {
        var strings = new List<byte> { 0 };
        uint Str(string s)
        {
            uint at = (uint)strings.Count;
            strings.AddRange(Encoding.ASCII.GetBytes(s));
            strings.Add(0);
            return at;
        }
        var types = new List<uint>();
        void Type(uint name, int kind, int vlen, uint sizeOrType, params uint[] rest)
        {
            types.AddRange([name, (uint)(kind << 24 | vlen), sizeOrType]);
            types.AddRange(rest);
        }
        Type(Str("int"), 1, 0, 4, 0x01000020);                                                // 1
        Type(Str("inner"), 4, 1, 4, Str("v"), 1, 0);                                           // 2
        Type(Str("far"), 4, 1, 4, Str("w"), 1, 0);                                             // 3
        Type(0, 2, 0, 3);                                                                     // 4: struct far *
        Type(Str("outer"), 4, 3, 16, Str("x"), 1, 0, Str("in"), 2, 32, Str("p"), 4, 64);      // 5
        Type(Str("outer_t"), 8, 0, 5);                                                        // 6
        return Raw(types, strings);
    }

    /// <summary>Split BTF continuing <see cref="SampleBtf"/>: struct wrapper { struct inner i; }.</summary>
    private static byte[] SplitBtf(RawBtf kernel)
    {
        var kernelBytes = SampleBtf();
        uint kernelStrings = BinaryPrimitives.ReadUInt32LittleEndian(kernelBytes.AsSpan(20));
        var strings = new List<byte> { 0 };
        strings.AddRange("wrapper\0i\0"u8.ToArray());
        // "wrapper" at 1 and "i" at 9 of the module's strings, which come after the kernel's; inner is id 2.
        uint[] types = [kernelStrings + 1, 4u << 24 | 1, 4, kernelStrings + 9, 2, 0];
        Assert.Equal(6, kernel.Count);
        return Raw(types, strings);
    }

    private static byte[] Raw(IEnumerable<uint> types, List<byte> strings) => RawBtfBytes.Of(types, strings);

    private static uint Word(ReadOnlySpan<byte> record, int at) => BinaryPrimitives.ReadUInt32LittleEndian(record[at..]);

    private static string NameAt(RawBtf btf, uint offset) => Encoding.UTF8.GetString(btf.NameBytes(offset));
}
