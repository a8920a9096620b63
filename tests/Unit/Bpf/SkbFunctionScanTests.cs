using System.Text;
using NetTrace.Bpf.CoreBtf;

namespace NetTrace.Tests.Unit.Bpf;

/// <summary>The BTF scan behind `-t kernel`: which functions take a struct sk_buff *, and in which argument.</summary>
public sealed class SkbFunctionScanTests
{
    [Fact]
    public void Find_TakesTheFirstSkbArgument_ThroughModifiersAndTypedefs_WithinTheArgumentLimit()
    {
        var btf = RawBtf.TryRead(Kernel().Bytes)!;

        var found = SkbFunctionScan.Find(btf, maxArgs: 5);

        Assert.Equal([("tcp_v4_do_rcv", 1), ("const_skb", 0), ("typedef_skb", 0), ("two_skbs", 0)], found);
    }

    [Fact]
    public void Find_InAModule_ReadsItsOwnFunctionsWithTheKernelsTypes()
    {
        var (bytes, strings, count) = Kernel();
        var kernel = RawBtf.TryRead(bytes)!;
        var module = RawBtf.TryRead(Module(strings, count), kernel)!;

        Assert.Equal([("veth_xmit", 0)], SkbFunctionScan.Find(module, maxArgs: 5));
    }

    private const int Int = 1, SkbPtr = 3;

    /// <summary>
    /// Types: int, struct sk_buff, sk_buff *, const sk_buff *, struct sock, sock *, sk_buff **, typedef skb_t, and
    /// functions taking them: the skb second after a sock, sixth, behind const, behind a typedef, twice, through **.
    /// </summary>
    private static (byte[] Bytes, int Strings, int Count) Kernel()
    {
        var b = new BtfBuilder();
        b.Type(b.Str("int"), 1, 0, 4, 0x01000020);               // 1
        b.Type(b.Str("sk_buff"), 4, 1, 4, b.Str("len"), Int, 0);  // 2
        b.Type(0, 2, 0, 2);                                       // 3: struct sk_buff *
        b.Type(0, 10, 0, SkbPtr);                                 // 4: struct sk_buff * const
        b.Type(b.Str("sock"), 7, 0, 0);                           // 5: struct sock (forward)
        b.Type(0, 2, 0, 5);                                       // 6: struct sock *
        b.Type(0, 2, 0, SkbPtr);                                  // 7: struct sk_buff **
        b.Type(b.Str("skb_t"), 8, 0, SkbPtr);                     // 8: typedef struct sk_buff *skb_t
        b.Function("tcp_v4_do_rcv", 6, SkbPtr);
        b.Function("sixth_arg", Int, Int, Int, Int, Int, SkbPtr);
        b.Function("const_skb", 4);
        b.Function("typedef_skb", 8);
        b.Function("two_skbs", SkbPtr, SkbPtr);
        b.Function("pointer_to_pointer", 7);
        b.Function("no_skb", Int, 6);
        return (b.Bytes(), b.StringsLength, b.Count);
    }

    /// <summary>Split BTF after <see cref="Kernel"/>: veth_xmit(struct sk_buff *, int).</summary>
    private static byte[] Module(int kernelStrings, int kernelCount)
    {
        var b = new BtfBuilder(kernelStrings, kernelCount);
        b.Function("veth_xmit", SkbPtr, Int);
        return b.Bytes();
    }

    /// <summary>Writes raw BTF: type records as words, strings after a base's when split.</summary>
    private sealed class BtfBuilder(int baseStrings = 0, int baseCount = 0)
    {
        private readonly List<byte> _strings = baseStrings == 0 ? [0] : [];
        private readonly List<uint> _types = [];

        public int Count { get; private set; } = baseCount;

        public int StringsLength => _strings.Count;

        public uint Str(string s)
        {
            uint at = (uint)(baseStrings + _strings.Count);
            _strings.AddRange(Encoding.ASCII.GetBytes(s));
            _strings.Add(0);
            return at;
        }

        public int Type(uint name, int kind, int vlen, uint sizeOrType, params uint[] rest)
        {
            _types.AddRange([name, (uint)(kind << 24 | vlen), sizeOrType]);
            _types.AddRange(rest);
            return ++Count;
        }

        /// <summary>A FUNC_PROTO returning int with unnamed parameters of <paramref name="args"/>, and the FUNC naming it.</summary>
        public void Function(string name, params int[] args)
        {
            int proto = Type(0, 13, args.Length, Int, [.. args.SelectMany(a => new[] { 0u, (uint)a })]);
            Type(Str(name), 12, 0, (uint)proto);
        }

        public byte[] Bytes() => RawBtfBytes.Of(_types, _strings);
    }
}
