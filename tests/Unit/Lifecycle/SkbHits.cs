using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>Builds decoded skb trace hits the way the host's decoder hands them over.</summary>
internal static class SkbHits
{
    public static PacketInfo Ping(string source, string destination, ushort seq, bool reply = false, ushort id = 7) =>
        PacketParser.Parse(EtherTypes.IPv4, IPv4(IpProtocols.Icmp, source, destination,
            Echo(reply ? IcmpTypes.EchoReply : IcmpTypes.EchoRequest, id, seq)));

    /// <param name="seconds">The seed's timestamp text as a number: 1272349.614564 → that many µs.</param>
    public static ulong Ts(decimal seconds) => (ulong)(seconds * 1_000_000_000m);

    public static SkbTraceEvent Hit(decimal seconds, ulong skb, string point, PacketInfo? packet,
        SkbTraceFlags flags = SkbTraceFlags.None, ulong clone = 0, long ret = 0, int stackId = -1,
        uint cpu = 0, uint pid = 0, string ifName = "", string comm = "")
    {
        if (clone != 0)
            flags |= SkbTraceFlags.Clone;
        if (packet is null)
            flags |= SkbTraceFlags.NoPacket;
        var meta = new PacketMeta { Timestamp = Ts(seconds), Skb = skb, Cpu = cpu, Pid = pid };
        Fill(ref meta, ifName, comm);
        var record = new SkbTraceRecord { Flags = flags, Ret = (ulong)ret, Aux0 = clone, StackId = stackId };
        return new SkbTraceEvent(meta, packet, record, point, "test", point);
    }

    public static SkbTraceEvent Free(decimal seconds, ulong skb, PacketInfo? packet, string point = "consume_skb") =>
        Hit(seconds, skb, point, packet, SkbTraceFlags.Free);

    private static unsafe void Fill(ref PacketMeta meta, string ifName, string comm)
    {
        byte[] name = Encoding.UTF8.GetBytes(ifName);
        byte[] task = Encoding.UTF8.GetBytes(comm);
        fixed (byte* p = meta.IfName)
            name.AsSpan().CopyTo(new Span<byte>(p, 15));
        fixed (byte* p = meta.Comm)
            task.AsSpan().CopyTo(new Span<byte>(p, 15));
    }
}
