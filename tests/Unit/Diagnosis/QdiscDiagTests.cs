using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Host.Session.Diagnosis;
using static NetTrace.Tests.Unit.Diagnosis.DiagHits;
using static NetTrace.Tests.Unit.Lifecycle.SkbHits;

namespace NetTrace.Tests.Unit.Diagnosis;

/// <summary>
/// The qdisc tracepoints' words (bpf/engine/qdisc.h): upstream's note on the line, in ms at the kernel's HZ, the rule
/// fields, and a stopped transmit queue as a finding.
/// </summary>
public sealed class QdiscDiagTests
{
    private const ulong Skb = 0xffff888104948300;
    private static readonly DiagHits.Kernel Kernel = new([]);
    private static readonly PacketInfo Request = Ping("10.98.1.1", "10.98.1.2", 1);

    private static ulong Word0(uint queueLength, uint flags) => (ulong)queueLength << 32 | flags;

    private static ulong Word1(uint txqState, uint idleJiffies) => (ulong)txqState << 32 | idleJiffies;

    private static SkbTraceEvent[] ThroughQdisc(ulong word0, ulong word1) =>
    [
        At(1.000001m, Skb, "__dev_queue_xmit", "link-out", Request),
        At(1.000002m, Skb, "qdisc_enqueue", "sched", Request, aux0: word0, aux1: word1),
        At(1.000003m, Skb, "consume_skb", "life", Request, free: true),
    ];

    [Fact]
    public void Snapshot_DecodesBothWords()
    {
        var q = QdiscSnapshot.From(ThroughQdisc(Word0(3, 0x4), Word1(0x1, 50))[1]);

        Assert.Equal(new QdiscSnapshot(3, 0x4, 0x1, 50), q);
        Assert.True(q!.Value.TxqStopped);
        Assert.Equal("200ms", q.Value.IdleText(250));
        Assert.Equal("50ms", q.Value.IdleText(1000));
    }

    [Fact]
    public void Snapshot_NoTransmitTimeAndOtherTraces()
    {
        Assert.Equal("unknown", QdiscSnapshot.From(ThroughQdisc(0, Word1(0, uint.MaxValue))[1])!.Value.IdleText(250));
        Assert.Null(QdiscSnapshot.From(ThroughQdisc(Word0(3, 0x4), 0)[0]));
    }

    [Fact]
    public void Fields_NumbersAndHexText()
    {
        var fields = new SkbRuleEvent(ThroughQdisc(Word0(3, 0x1b0), Word1(0, 25))[1], Kernel);

        Assert.True(fields.TryGetNumber("qdisc_len", out long len));
        Assert.Equal(3, len);
        Assert.True(fields.TryGetNumber("qdisc_txq_stopped", out long stopped));
        Assert.Equal(0, stopped);
        Assert.True(fields.TryGetText("qdisc_flags", out string flags));
        Assert.Equal("0x1b0", flags);
        Assert.True(fields.TryGetText("qdisc_idle", out string idle));
        Assert.Equal("100ms", idle);
        Assert.False(new SkbRuleEvent(ThroughQdisc(0, 0)[0], Kernel).TryGetNumber("qdisc_len", out _));
    }

    [Fact]
    public void Diag_NoteOnTheLineInUpstreamsShape()
    {
        string text = Diagnose(ShippedRules, Kernel, ThroughQdisc(Word0(1, 0x4), Word1(0, 25)));

        Assert.Contains("[qdisc_enqueue       ] ICMP: 10.98.1.1 -> 10.98.1.2 ping request, seq: 1, id: 7 *qdisc state: 0x0, flags: 0x4, last-update: 100ms, len: 1*", text);
        Assert.DoesNotContain("transmit queue is stopped", text);
    }

    [Fact]
    public void Diag_StoppedTransmitQueue_IsAWarningWithAdvice()
    {
        string text = Diagnose(ShippedRules, Kernel, ThroughQdisc(Word0(40, 0), Word1(0x1, 3)));

        Assert.Contains("the device's transmit queue is stopped", text);
        Assert.Contains("ethtool -g", text);
    }
}
