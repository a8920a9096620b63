using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Plugins.Drop;

namespace NetTrace.Tests.Unit.Pipeline;

/// <summary>
/// Decoded events and their packets are reused only once the host released them, are refilled whole, and nothing
/// made outside the decoder ever enters a pool.
/// </summary>
public sealed class EventReuseTests
{
    private static readonly byte[] Syn = Convert.FromHexString("45000034d43140004006686b7f0000017f000001aa3e270fe3a6a5e300000000a002ffd7fe2800000204ffd70402080a");
    private static readonly byte[] Arp = Convert.FromHexString("0001080006040001020000000001" + "0a000001" + "000000000000" + "0a000002");

    [Fact]
    public void Decode_AfterRelease_RefillsTheSameObjectsWithTheNewRecord()
    {
        var dispatcher = new EventDispatcher([DropGroup()]);
        var first = Drop(dispatcher.Decode(Record(1, Syn, reason: 2)));
        var firstPacket = first.Packet!;
        EventDispatcher.Release(first);

        var second = Drop(dispatcher.Decode(Record(2, Arp, reason: 5)));

        Assert.Same(first, second);
        Assert.Same(firstPacket, second.Packet);
        Assert.Equal(2ul, second.Meta.Timestamp);
        Assert.Equal(5u, second.Reason);
        Assert.Equal(PacketInfoOf(Arp, EtherTypes.ARP), second.Packet);
        Assert.Equal(0, second.Packet!.SourcePort); // nothing of the TCP packet before it is left
    }

    [Fact]
    public void Decode_WithoutRelease_NeverHandsOutAnEventStillHeld()
    {
        var dispatcher = new EventDispatcher([DropGroup()]);
        var held = Drop(dispatcher.Decode(Record(1, Syn, reason: 2)));

        var next = Drop(dispatcher.Decode(Record(2, Syn, reason: 3)));

        Assert.NotSame(held, next);
        Assert.NotSame(held.Packet, next.Packet);
        Assert.Equal(2u, held.Reason);
        EventDispatcher.Release(held);
        EventDispatcher.Release(next);
    }

    [Fact]
    public void Release_Twice_PoolsTheEventOnce()
    {
        var dispatcher = new EventDispatcher([DropGroup()]);
        var ev = Drop(dispatcher.Decode(Record(1, Syn, reason: 2)));
        EventDispatcher.Release(ev);
        EventDispatcher.Release(ev);

        var a = Drop(dispatcher.Decode(Record(2, Syn, reason: 2)));
        var b = Drop(dispatcher.Decode(Record(3, Syn, reason: 2)));

        Assert.NotSame(a, b);
        Assert.NotSame(a.Packet, b.Packet);
        EventDispatcher.Release(a);
        EventDispatcher.Release(b);
    }

    [Fact]
    public void Release_EventMadeOutsideTheDecoder_IsNeverReused()
    {
        var packet = PacketInfoOf(Syn, EtherTypes.IPv4);
        var own = new DropEvent(default, packet, new DropRecord { Reason = 7 });
        EventDispatcher.Release(own);

        var decoded = Drop(new EventDispatcher([DropGroup()]).Decode(Record(1, Syn, reason: 2)));

        Assert.NotSame(own, decoded);
        Assert.NotSame(packet, decoded.Packet);
        Assert.Equal(7u, own.Reason);
        Assert.Same(packet, own.Packet);
        EventDispatcher.Release(decoded);
    }

    [Fact]
    public void With_OnADecodedPacket_MakesACopyThatIsNeverPooled()
    {
        var dispatcher = new EventDispatcher([DropGroup()]);
        var ev = Drop(dispatcher.Decode(Record(1, Syn, reason: 2)));
        var copy = ev.Packet! with { Truncated = true };
        copy.Release();
        EventDispatcher.Release(ev);

        var next = Drop(dispatcher.Decode(Record(2, Syn, reason: 2)));

        Assert.NotSame(copy, next.Packet);
        Assert.True(copy.Truncated);
        EventDispatcher.Release(next);
    }

    private static PacketInfo PacketInfoOf(byte[] bytes, ushort etherType) => NetTrace.Host.Engine.Packets.PacketParser.Parse(etherType, bytes);

    private static DropEvent Drop((TraceGroup Group, ITraceEvent Event)? decoded) => Assert.IsType<DropEvent>(decoded?.Event);

    private static byte[] Record(ulong ts, byte[] packet, uint reason)
    {
        var bytes = new byte[PacketPrefix.Size + Marshal.SizeOf<DropRecord>()];
        var header = new RecordHeader { Owner = DropTraceGroup.Owner, Kind = DropRecord.Kind, Size = (uint)bytes.Length };
        MemoryMarshal.Write(bytes, in header);
        var meta = new PacketMeta { Timestamp = ts, Skb = 0xffff888000001000 };
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.MetaOffset), in meta);
        ushort etherType = packet.Length == Syn.Length ? EtherTypes.IPv4 : EtherTypes.ARP;
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.CaptureOffset), in etherType);
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.CaptureOffset + 2), (ushort)packet.Length);
        packet.CopyTo(bytes, PacketPrefix.DataOffset);
        var drop = new DropRecord { Location = 0xffffffff81000081, Reason = reason, StackId = -1 };
        MemoryMarshal.Write(bytes.AsSpan(PacketPrefix.Size), in drop);
        return bytes;
    }

    private static TraceGroup DropGroup()
    {
        var registry = new PluginCatalog();
        new DropTraceGroup().Register(registry);
        return registry.Groups.Single();
    }
}
