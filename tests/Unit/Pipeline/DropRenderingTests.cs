using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Text;
using NetTrace.Plugins.Drop;

namespace NetTrace.Tests.Unit.Pipeline;

/// <summary>Raw drop records → decoded events → the seed's text lines (section 3.3 of the seed README).</summary>
public sealed class DropRenderingTests
{
    private static readonly TraceGroup Group = RegisteredDropGroup();

    [Fact]
    public void Render_SynToClosedPort_MatchesSeedLine()
    {
        byte[] syn = Hex("45000034d43140004006686b7f0000017f000001aa3e270fe3a6a5e300000000a002ffd7fe2800000204ffd70402080a");
        var record = DropRecordBytes(ts: 146_136_576_123, etherType: 0x0800, packet: syn, location: 0xffffffff81000081, reason: 2);

        string text = Render(record, new FakeContext());

        Assert.Equal("[146.136576] TCP: 127.0.0.1:43582 -> 127.0.0.1:9999 seq:3819349475, ack:0, flags:S, reason: NO_SOCKET, tcp_v4_rcv+0x81\n", text);
    }

    [Fact]
    public void Render_KernelWithoutDropReasons_OmitsReason()
    {
        byte[] syn = Hex("45000034d43140004006686b7f0000017f000001aa3e270fe3a6a5e300000000a002ffd7fe2800000204ffd70402080a");
        var record = DropRecordBytes(ts: 2_021_867_340_000, etherType: 0x0800, packet: syn, location: 0xffffffff81000050, reason: 0);

        string text = Render(record, new FakeContext { HasDropReasons = false });

        Assert.Equal("[2021.867340] TCP: 127.0.0.1:43582 -> 127.0.0.1:9999 seq:3819349475, ack:0, flags:S, tcp_v4_rcv+0x50\n", text);
    }

    [Fact]
    public void Render_WithStack_PrintsCallStackUnderTheLine()
    {
        var record = DropRecordBytes(ts: 1_000_000, etherType: 0x0806, packet: [], location: 0xffffffff81000010, reason: 1, stackId: 3);

        string text = Render(record, new FakeContext());

        Assert.Equal("[0.001000] ARP (truncated), reason: NOT_SPECIFIED, tcp_v4_rcv+0x10\nCall Stack:\n    -> tcp_v4_rcv+0x1 [ffffffff81000001]\n    -> tcp_v4_rcv+0x2 [ffffffff81000002]\n\n", text);
    }

    [Fact]
    public void Render_ReasonNewerThanThePage_PrintsItsKernelName()
    {
        // The kernel's own names (from BTF), not a table: a reason no page or rule knows prints like any other.
        byte[] syn = Hex("45000034d43140004006686b7f0000017f000001aa3e270fe3a6a5e300000000a002ffd7fe2800000204ffd70402080a");
        var record = DropRecordBytes(ts: 1_000_000, etherType: 0x0800, packet: syn, location: 0xffffffff81000081, reason: 129);
        var reasons = new DropReasons(new() { [2] = "NOT_SPECIFIED", [129] = "SKB_RX_HEADROOM" }, []);
        var symbols = new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Parse(new StringReader("ffffffff81000000 T tcp_v4_rcv\n")));

        string text = Render(record, new HostRenderContext(symbols, reasons, null));

        Assert.EndsWith("flags:S, reason: SKB_RX_HEADROOM, tcp_v4_rcv+0x81\n", text);
    }

    [Fact]
    public void Decode_UnknownOwner_CountsUndecodable()
    {
        var record = DropRecordBytes(ts: 1, etherType: 0x0800, packet: [], location: 0, reason: 0);
        record[0] = 0x7f; // owner nobody registered
        var dispatcher = new EventDispatcher([Group]);

        Assert.Null(dispatcher.Decode(record));
        Assert.Equal(1, dispatcher.Undecodable);
    }

    [Fact]
    public void Decode_TruncatedRecord_CountsUndecodable()
    {
        var record = DropRecordBytes(ts: 1, etherType: 0x0800, packet: [], location: 0, reason: 0);
        var dispatcher = new EventDispatcher([Group]);

        Assert.Null(dispatcher.Decode(record.AsSpan(0, 100)));
        Assert.Equal(1, dispatcher.Undecodable);
    }

    private static string Render(byte[] record, IRenderContext context)
    {
        var decoded = new EventDispatcher([Group]).Decode(record);
        Assert.NotNull(decoded);
        var output = new StringWriter { NewLine = "\n" };
        new TextEventWriter(output, new EventClock(date: false), detail: false).Write(decoded.Value.Group, decoded.Value.Event, context);
        return output.ToString();
    }

    private static byte[] DropRecordBytes(ulong ts, ushort etherType, byte[] packet, ulong location, uint reason, int stackId = -1)
    {
        var bytes = new byte[PacketPrefix.Size + Marshal.SizeOf<DropRecord>()];
        var header = new RecordHeader { Owner = DropTraceGroup.Owner, Kind = DropRecord.Kind, Size = (uint)bytes.Length };
        MemoryMarshal.Write(bytes, in header);
        var meta = new PacketMeta { Timestamp = ts, Skb = 0xffff888000001000 };
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.MetaOffset), in meta);
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.CaptureOffset), in etherType);
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.CaptureOffset + 2), (ushort)packet.Length);
        packet.CopyTo(bytes, PacketPrefix.DataOffset);
        var drop = new DropRecord { Location = location, Reason = reason, StackId = stackId };
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.Size), in drop);
        return bytes;
    }

    private static TraceGroup RegisteredDropGroup()
    {
        var registry = new PluginCatalog();
        new DropTraceGroup().Register(registry);
        return registry.Groups.Single();
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    /// <summary>A kernel where every address is in tcp_v4_rcv at 0xffffffff81000000.</summary>
    private sealed class FakeContext : IRenderContext
    {
        public bool HasDropReasons { get; init; } = true;

        public string Symbolize(ulong address) => $"tcp_v4_rcv+0x{address - 0xffffffff81000000:x}";

        public string DropReasonName(uint reason) => reason switch { 1 => "NOT_SPECIFIED", 2 => "NO_SOCKET", _ => reason.ToString() };

        public IReadOnlyList<ulong> Stack(int stackId) => stackId == 3 ? [0xffffffff81000001, 0xffffffff81000002] : [];
    }
}
