using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Json;
using NetTrace.Host.Sinks.Pcap;
using NetTrace.Tests.Unit.Diagnosis;
using NetTrace.Tests.Shared;
using NetTrace.Tests.Unit.Packets;

namespace NetTrace.Tests.Unit.Output;

/// <summary>The --json and --pcap writers on good, truncated, malformed and random packets.</summary>
public sealed class MachineOutputTests
{
    private static readonly DiagHits.Kernel Kernel = new(new() { [0x10] = "tcp_v4_rcv+0x81" });

    private static PacketInfo Parsed(byte[] bytes) => PacketParser.Parse(EtherTypes.IPv4, bytes) with { Raw = bytes, WireLength = (uint)bytes.Length + 100 };

    private static IEnumerable<byte[]> Packets()
    {
        var random = new Random(8);
        byte[] ping = PacketBytes.IPv4(IpProtocols.Icmp, "10.0.0.1", "10.0.0.2", PacketBytes.Echo(IcmpTypes.EchoRequest, 7, 3));
        yield return ping;
        for (int cut = 0; cut < ping.Length; cut += 5)
            yield return ping[..cut];                                 // truncated anywhere
        byte[] lying = (byte[])ping.Clone();
        lying[0] = 0x4f;                                              // header length beyond the bytes
        yield return lying;
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 128)];
            random.NextBytes(bytes);
            yield return bytes;
        }
    }

    [Fact]
    public void Json_AnyPacket_OneValidJsonObjectPerEvent()
    {
        var output = new StringWriter();
        var json = new JsonLines(output, new EventClock(date: false), _ => Kernel);
        int n = 0;
        foreach (byte[] bytes in Packets())
        {
            var ev = DiagHits.At(1.5m, 0x1000, "kfree_skb", "life", Parsed(bytes), aux0: 0x10, aux1: 2, free: true);
            json.Event(ev, "life", "kfree_skb", "0x1000", ["packet is dropped by kernel"]);
            n++;
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(n, lines.Length);
        foreach (string line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal("kfree_skb", doc.RootElement.GetProperty("function").GetString());
            Assert.Equal("NO_SOCKET", doc.RootElement.GetProperty("reason").GetString());
            Assert.Equal("tcp_v4_rcv+0x81", doc.RootElement.GetProperty("location").GetString());
        }
        Assert.Contains("\"text\":\"ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 3, id: 7\"", lines[0]); // readable, not \u003E
    }

    [Fact]
    public void Pcapng_AnyPacket_WellFormedBlocksWithComments()
    {
        using var stream = new MemoryStream();
        var pcap = new PcapngWriter(stream, _ => Kernel);
        int written = 0;
        foreach (byte[] bytes in Packets())
        {
            var ev = DiagHits.At(2m, 0x2000, "kfree_skb", "life", Parsed(bytes), aux0: 0x10, aux1: 7, free: true);
            pcap.Event(ev, "life", "kfree_skb", null, null);
            written += bytes.Length > 0 ? 1 : 0; // nothing captured: nothing to show in Wireshark
        }
        pcap.Flush();
        Assert.Equal(written, pcap.Packets);

        byte[] file = stream.ToArray();
        var blocks = new List<(uint Type, byte[] Body)>();
        for (int at = 0; at < file.Length;)
        {
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            Assert.Equal(0, length % 4);
            Assert.Equal((uint)length, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + length - 4)));
            blocks.Add((type, file[(at + 8)..(at + length - 4)]));
            at += length;
        }
        Assert.Equal(0x0A0D0D0Au, blocks[0].Type);
        Assert.Equal(1u, blocks[1].Type);
        Assert.Equal(101, BinaryPrimitives.ReadUInt16LittleEndian(blocks[1].Body)); // LINKTYPE_RAW
        var packets = blocks.Skip(2).ToList();
        Assert.Equal(written, packets.Count);
        Assert.All(packets, b =>
        {
            Assert.Equal(6u, b.Type);
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.Body.AsSpan(12));
            Assert.True(BinaryPrimitives.ReadUInt32LittleEndian(b.Body.AsSpan(16)) >= captured);
            int options = 20 + ((captured + 3) & ~3);
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.Body.AsSpan(options)));
            int length = BinaryPrimitives.ReadUInt16LittleEndian(b.Body.AsSpan(options + 2));
            Assert.Equal("kfree_skb reason=NETFILTER_DROP location=tcp_v4_rcv+0x81 netns=0", Encoding.UTF8.GetString(b.Body, options + 4, length));
        });
    }
}
