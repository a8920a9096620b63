using System.Runtime.CompilerServices;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Json;
using NetTrace.Plugins.Drop;
using NetTrace.Tests.Unit.Diagnosis;
using static NetTrace.Tests.Shared.PacketBytes;

namespace NetTrace.Tests.Unit.Output;

/// <summary>
/// --json lines for every shape of event and finding, byte for byte against Golden/json-lines.jsonl (made by the
/// serializer-based writer before it was replaced by a direct UTF-8 one). NT_UPDATE_GOLDEN=1 rewrites the file.
/// </summary>
public sealed class JsonGoldenTests
{
    private static readonly DiagHits.Kernel Kernel = new(new() { [0x10] = "tcp_v4_rcv+0x81", [0x20] = "nf_hook_slow+0x4a" });

    [Fact]
    public void Json_EveryEventShape_MatchesGolden()
    {
        var output = new StringWriter { NewLine = "\n" };
        var json = new JsonLines(output, new EventClock(date: false), _ => Kernel);

        WriteAll(json);
        json.Flush();

        string golden = GoldenPath();
        if (Environment.GetEnvironmentVariable("NT_UPDATE_GOLDEN") == "1")
            File.WriteAllText(golden, output.ToString(), new UTF8Encoding(false));
        Assert.Equal(File.ReadAllText(golden, Encoding.UTF8), output.ToString());
    }

    [Fact]
    public void Json_ThroughTheSessionOutput_MatchesGolden()
    {
        // The session's own writer takes each line's UTF-8 bytes as they are: the same bytes as through text.
        var stream = new MemoryStream();
        using (var output = new Utf8Output(stream) { NewLine = "\n" })
        {
            var json = new JsonLines(output, new EventClock(date: false), _ => Kernel);
            WriteAll(json);
            json.Flush();
        }

        Assert.Equal(File.ReadAllText(GoldenPath(), Encoding.UTF8), Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteAll(JsonLines json)
    {
        var syn = Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(43582, 9999, 3819349475, 0, TcpFlags.SYN)));
        var synAck = Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, "10.0.0.2", "10.0.0.1", Tcp(9999, 43582, 1, 3819349476, TcpFlags.SYN | TcpFlags.ACK | TcpFlags.ECE)));
        var ping = Parse(EtherTypes.IPv4, IPv4(IpProtocols.Icmp, "10.0.0.1", "10.0.0.2", Echo(IcmpTypes.EchoRequest, 7, 3)));
        var unreachable = Parse(EtherTypes.IPv4, IPv4(IpProtocols.Icmp, "10.0.0.2", "10.0.0.1", Icmp(IcmpTypes.DestinationUnreachable, 3)));
        var udp6 = Parse(EtherTypes.IPv6, IPv6(IpProtocols.Udp, "fd00::1", "fd00::2:3", Udp(5353, 53, 12)));
        var ping6 = Parse(EtherTypes.IPv6, IPv6(IpProtocols.IcmpV6, "fe80::1", "ff02::1", Echo(128, 9, 1)));
        var arp = Parse(EtherTypes.ARP, Arp(1, "10.0.0.1", "10.0.0.2"));
        var lldp = Parse(0x88CC, [0x02, 0x07]);
        var cut = Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 3, 4, TcpFlags.RST))[..26]);
        var gre = Parse(EtherTypes.IPv4, IPv4(47, "192.168.1.1", "192.168.1.2", [1, 2, 3, 4]));

        json.Event(new DropEvent(Meta(146.136576123m, 0xffff888000001000, "lo", "hping3"), syn, new DropRecord { Location = 0x10, Reason = 2, StackId = -1 }), "drop", "kfree_skb", null, null);
        json.Event(new DropEvent(Meta(146.2m, 0, "", ""), null, new DropRecord { Location = 0x99, Reason = 129, StackId = 4 }), "drop", "kfree_skb", null, ["marker one", "a \"quoted\" <one> & 'more'"]);

        json.Event(DiagHits.At(1.5m, 0x1000, "kfree_skb", "life", ping, aux0: 0x10, aux1: 2, free: true), "life", "kfree_skb", "0x1000", ["packet is dropped by kernel"]);
        var verdict = DiagHits.At(1.6m, 0x2000, "nf_hook_slow", "netfilter", synAck, ret: 0, extra: DiagHits.Chain(2, 1, "filter", "INPUT", family: 2, policy: 1));
        json.Event(verdict, "netfilter", "nf_hook_slow", "0x2000", null);
        json.Event(DiagHits.At(1.7m, 0x3000, "nft_do_chain", "netfilter", unreachable, ret: 1, extra: DiagHits.Table(2, 3, "mangle")), "netfilter", "nft_do_chain", null, []);
        json.Event(DiagHits.At(1.8m, 0x4000, "nf_hook_slow", "netfilter", udp6, ret: -1, extra: DiagHits.Hook(10, 4, 0xffffffff81000000)), "netfilter", "nf_hook_slow", "0x4000", null);
        json.Event(Skb(1.9m, 0x5000, ping6, mark: 0x2a, latencyNs: 71_000, latencyTraces: ("ip_rcv", "icmp_rcv"), ret: -22, clone: 0x5100), "ip-in", "ip_rcv", "0x5000", null);
        json.Event(Skb(2.0m, 0x6000, arp, mark: 0), "link", "arp_rcv", null, null);
        json.Event(Skb(2.1m, 0x7000, lldp), "link", "__netif_receive_skb_core", null, null);
        json.Event(Skb(2.2m, 0x8000, cut), "ip-in", "ip_rcv", null, null);
        json.Event(Skb(2.3m, 0x9000, gre), "ip-in", "ip_rcv", null, null);
        json.Event(Skb(2.4m, 0xa000, null, ifName: "veth\u00e9", comm: "a\u0001b"), "ip-in", "ip_rcv", null, null);
        var socketFlow = Parse(EtherTypes.IPv4, IPv4(IpProtocols.Tcp, "10.0.0.1", "10.0.0.2", Tcp(1, 2, 0, 0, TcpFlags.None))) with { FromSocket = true };
        json.Event(Skb(2.5m, 0xb000, socketFlow), "sock", "tcp_sendmsg", null, null);

        json.Event(new FieldsEvent(Meta(3.0m, 0xc000, "eth0", "wget"), syn), "sock", "tcp_set_state", null, ["state change"]);

        json.Finding(verdict, "ERROR", "packet is dropped by netfilter \"filter\" <INPUT>", "check: iptables -t filter -L INPUT", "0x2000");
        json.Finding(DiagHits.At(3.1m, 0xd000, "kfree_skb", "life", ping, aux0: 0x10, aux1: 7, free: true), "WARN", "tab\there\u2028", null, null);
    }

    private static PacketInfo Parse(ushort etherType, byte[] bytes) => PacketParser.Parse(etherType, bytes);

    private static unsafe PacketMeta Meta(decimal seconds, ulong skb, string ifName, string comm)
    {
        var meta = new PacketMeta { Timestamp = (ulong)(seconds * 1_000_000_000m), Skb = skb, Cpu = 1, Pid = 4242, Netns = 4026531840, IfIndex = 2 };
        Encoding.UTF8.GetBytes(ifName).CopyTo(new Span<byte>(meta.IfName, 15));
        Encoding.UTF8.GetBytes(comm).CopyTo(new Span<byte>(meta.Comm, 15));
        return meta;
    }

    private static SkbTraceEvent Skb(decimal seconds, ulong skb, PacketInfo? packet, uint? mark = null, ulong? latencyNs = null,
        (string, string)? latencyTraces = null, long? ret = null, ulong clone = 0, string ifName = "eth0", string comm = "ping")
    {
        var flags = SkbTraceFlags.None;
        if (mark is not null) flags |= SkbTraceFlags.Mark;
        if (latencyNs is not null) flags |= SkbTraceFlags.Latency;
        if (ret is not null) flags |= SkbTraceFlags.Return;
        if (clone != 0) flags |= SkbTraceFlags.Clone;
        var record = new SkbTraceRecord
        {
            Flags = flags, Mark = mark ?? 0, Ret = latencyNs ?? (ulong)(ret ?? 0), Aux0 = clone, StackId = -1, LatencySpan = 0x00030001,
        };
        return new SkbTraceEvent(Meta(seconds, skb, ifName, comm), packet, record, "ip_rcv", "ip-in", "ip_rcv") { LatencyTraces = latencyTraces };
    }

    /// <summary>A plugin event with fields of every kind the JSON writer knows, and some it turns into text.</summary>
    private sealed class FieldsEvent(PacketMeta meta, PacketInfo packet) : ITraceEvent
    {
        public string Trace => "tcp_set_state";
        public PacketMeta Meta => meta;
        public PacketInfo? Packet => packet;

        public IReadOnlyList<KeyValuePair<string, object?>> Fields =>
        [
            new("state", "ESTABLISHED"),
            new("reason", 5u),
            new("odd", "new\nline \u001b[31m\"q\" é ✓"),
            new("ok", true),
            new("small", (byte)7),
            new("port", (ushort)443),
            new("count", 12u),
            new("big", ulong.MaxValue),
            new("delta", (sbyte)-3),
            new("short", (short)-300),
            new("neg", -5),
            new("long", long.MinValue),
            new("ratio", 0.25),
            new("none", null),
            new("stack_id", 3),
            new("when", TimeSpan.FromMilliseconds(1500)),
        ];
    }

    private static string GoldenPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", "json-lines.jsonl");
}
