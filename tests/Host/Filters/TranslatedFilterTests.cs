using NetTrace.Bpf;
using NetTrace.Bpf.PacketFilter;
using NetTrace.Host.Session.Filters.Pcap;
using NetTrace.Tests.Host.Harness;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Host.Filters;

/// <summary>
/// The eBPF nettrace translates a filter expression to, run by the running kernel (its verifier, its JIT) over the
/// corpus packets: on every packet its verdict is the one nettrace's cBPF interpreter gives, which the unit tier
/// holds to libpcap's own. Fixed expressions, then random ones from the grammar.
/// </summary>
public sealed class TranslatedFilterTests
{
    public static TheoryData<string> Expressions => new(PcapExpressionCorpus.Layer3);

    public static TheoryData<string> RandomExpressions => new(PcapExpressionCorpus.Random(80, seed: 11).Distinct());

    /// <summary>Link-layer expressions, compiled for Ethernet frames: what the frame stub runs.</summary>
    public static TheoryData<string> FrameExpressions => new()
    {
        "arp", "not arp", "vlan 100 and udp", "vlan", "vlan 200", "ether host 02:00:00:00:00:01", "ether proto 0x0806",
        "arp host 10.77.0.2", "ether dst 02:00:00:00:00:02 and tcp",
    };

    [RootTheory]
    [MemberData(nameof(Expressions))]
    public void Kernel_SelectsWhatTheInterpreterSelects(string expression) => AssertSameVerdicts(expression);

    [RootTheory]
    [MemberData(nameof(RandomExpressions))]
    public void Kernel_SelectsWhatTheInterpreterSelects_RandomExpressions(string expression)
    {
        var e = Record.Exception(() => AssertSameVerdicts(expression));
        Assert.True(e is null || e.Message.EndsWith("expression rejects all packets", StringComparison.Ordinal), e?.ToString());
    }

    [RootTheory]
    [MemberData(nameof(FrameExpressions))]
    public void Kernel_SelectsWhatTheInterpreterSelects_OverFrames(string expression) =>
        AssertSameVerdicts(expression, PcapCompiler.Ethernet, PcapPackets.Layer2);

    [Fact]
    public void EveryShippedObjectThatFiltersPackets_HasTheRoomTheHostCountsOn()
    {
        var rooms = Kernel.CoreBtfSubsetTests.ShippedObjects()
            .Select(o => (o.Name, Stub: PacketFilterStub.Locate(o.Image)))
            .Where(o => o.Stub is not null)
            .ToList();

        Assert.Contains(rooms, o => o.Name == "drop");
        Assert.Contains(rooms, o => o.Name == "nt_engine");
        Assert.All(rooms, o => Assert.Equal(PacketFilterStub.Room * 8, o.Stub!.Value.Size));
        // The frame stub, in every object that reads packets with a link layer (--sock's reads sockets: the compiler drops it there).
        var frames = Kernel.CoreBtfSubsetTests.ShippedObjects()
            .Select(o => (o.Name, Stub: PacketFilterStub.Locate(o.Image, PacketFilterStub.FrameFunction)))
            .Where(o => o.Stub is not null)
            .ToList();
        Assert.Contains(frames, o => o.Name == "drop");
        Assert.Contains(frames, o => o.Name == "nt_engine");
        Assert.All(frames, o => Assert.Equal(PacketFilterStub.Room * 8, o.Stub!.Value.Size));
    }

    private static void AssertSameVerdicts(string text, int linkType = PcapCompiler.RawIp, IReadOnlyList<(string Name, byte[] Bytes)>? packets = null)
    {
        NativeLibraries.Install();
        var expression = PcapExpression.Compile(text, linkType);
        using var kernel = new KernelFilterRun(CbpfTranslator.Translate(expression.Program));
        foreach (var (name, bytes) in packets ?? PcapPackets.Layer3)
        {
            uint wire = (uint)bytes.Length + 14;
            bool user = expression.Matches(bytes, wire);
            Assert.True(kernel.Selects(bytes, wire) == user, $"'{text}' on {name}: the interpreter says {user}, the kernel the opposite");
        }
    }
}
