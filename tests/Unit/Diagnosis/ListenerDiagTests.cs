using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Tests.Unit.Incidents;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// --diag on a listener's queues, read by the tcp plugin's entry programs as a SYN or a handshake's last ACK meets
/// the listener: the numbers on the line, as rule fields, and a full queue named in the ANALYSIS RESULT although
/// the kernel frees that SYN with consume_skb and no drop reason.
/// </summary>
public sealed class ListenerDiagTests
{
    private const ulong Skb = 0xffff888104948200;
    private static readonly DiagHits.Kernel Kernel = new([]);

    public static SkbExtraRecord Queues(uint acceptQueue, uint backlog, uint synQueue)
    {
        var extra = new SkbExtraRecord { Kind = SkbExtraKind.Listener };
        Span<byte> bytes = extra.Bytes;
        BitConverter.TryWriteBytes(bytes[ListenerEvidence.AcceptQueueOffset..], acceptQueue);
        BitConverter.TryWriteBytes(bytes[ListenerEvidence.AcceptBacklogOffset..], backlog);
        BitConverter.TryWriteBytes(bytes[ListenerEvidence.SynQueueOffset..], synQueue);
        return extra;
    }

    private static readonly PacketInfo Syn = FlowPackets.Tcp("10.99.10.1", 40000, "10.99.10.2", 9984, TcpFlags.SYN);

    private static SkbTraceEvent[] SynMeets(string trace, SkbExtraRecord queues) =>
    [
        At(1.000001m, Skb, "tcp_v4_rcv", "tcp-in", Syn),
        At(1.000002m, Skb, trace, "tcp-in", Syn, extra: queues),
        At(1.000003m, Skb, "consume_skb", "life", Syn, free: true),
    ];

    [Fact]
    public void FullAcceptQueue_OnTheLineAndAsFields()
    {
        var ev = SynMeets("tcp_conn_request", Queues(2, 1, 0))[1];
        var fields = new SkbRuleEvent(ev, Kernel);

        Assert.True(fields.TryGetNumber("accept_queue", out long queue));
        Assert.Equal(2, queue);
        Assert.True(fields.TryGetNumber("accept_backlog", out long backlog));
        Assert.Equal(1, backlog);
        Assert.True(fields.TryGetNumber("accept_queue_full", out long full));
        Assert.Equal(1, full);
        Assert.True(fields.TryGetNumber("syn_queue_full", out long synFull));
        Assert.Equal(0, synFull);
        Assert.Contains("*listener: accept queue 2/1 (full), SYN queue 0*", Run(SynMeets("tcp_conn_request", Queues(2, 1, 0))));
    }

    [Fact]
    public void FullAcceptQueue_TheSynConsumedIsNamedInTheAnalysis()
    {
        string text = Run(SynMeets("tcp_conn_request", Queues(2, 1, 0)));

        Assert.Contains(
            "[1] ERROR happens in tcp_conn_request(tcp-in):\n" +
            "        the listener on port 9984 has a full accept queue (2 connections wait for accept(), backlog 1): the SYN is dropped (ListenOverflows)\n" +
            "    fix advice:\n        the application does not accept() fast enough", text);
        Assert.DoesNotContain("good packet", text);
    }

    [Fact]
    public void FullAcceptQueue_AtTheLastAck()
    {
        string text = Run(SynMeets("tcp_v4_syn_recv_sock", Queues(3, 2, 1)));

        Assert.Contains("[1] ERROR happens in tcp_v4_syn_recv_sock(tcp-in):\n", text);
        Assert.Contains("the handshake's last ACK is dropped, and the client believes it is connected", text);
    }

    [Fact]
    public void FullSynQueue_IsAWarningAboutCookies()
    {
        string text = Run(SynMeets("tcp_conn_request", Queues(0, 4, 4)));

        Assert.Contains("*listener: accept queue 0/4, SYN queue 4 (full)*", text);
        Assert.Contains("[1] WARNING happens in tcp_conn_request(tcp-in):\n        the listener on port 9984 has a full SYN queue (4 handshakes pending, backlog 4)", text);
    }

    [Fact]
    public void RoomInBothQueues_IsAGoodPacket()
    {
        string text = Run(SynMeets("tcp_conn_request", Queues(1, 1, 0)));

        Assert.Contains("*listener: accept queue 1/1, SYN queue 0*", text);
        Assert.DoesNotContain("ERROR", text);
        Assert.DoesNotContain("WARNING", text);
    }

    [Fact]
    public void OtherEvidence_HasNoQueues()
    {
        var ev = At(1.000002m, Skb, "ip_error", "route", Syn, extra: PathEvidenceDiagTests.Evidence(SkbExtraKind.RouteError, 2, 113));

        Assert.False(new SkbRuleEvent(ev, Kernel).TryGetNumber("accept_queue", out _));
        Assert.False(new SkbRuleEvent(ev, Kernel).TryGetNumber("accept_queue_full", out _));
    }

    private static string Run(IEnumerable<SkbTraceEvent> hits) => DiagHits.Diagnose(ShippedRules, Kernel, hits);
}
