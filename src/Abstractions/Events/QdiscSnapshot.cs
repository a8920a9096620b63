using System.Globalization;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// What the host's qdisc tracepoint programs read beside the skb (bpf/engine/qdisc.h): in aux0 the qdisc's queue
/// length and TCQ_F_* flags, in aux1 its transmit queue's state bits and the jiffies since that queue last sent.
/// </summary>
public readonly record struct QdiscSnapshot(uint QueueLength, uint Flags, uint TxqState, uint? IdleJiffies)
{
    private const uint IdleUnknown = uint.MaxValue;

    // __QUEUE_STATE_DRV_XOFF and __QUEUE_STATE_STACK_XOFF: the driver (ring full) or the stack stopped the queue.
    private const uint TxqStoppedBits = 0b11;

    /// <summary>The queue is stopped: packets wait in the qdisc until the driver wakes it.</summary>
    public bool TxqStopped => (TxqState & TxqStoppedBits) != 0;

    /// <summary>The qdisc tracepoints' snapshot, or null for any other hit.</summary>
    public static QdiscSnapshot? From(SkbTraceEvent ev) =>
        ev.Trace is "qdisc_enqueue" or "qdisc_dequeue"
            ? new((uint)(ev.Aux0 >> 32), (uint)ev.Aux0, (uint)(ev.Aux1 >> 32), (uint)ev.Aux1 is var idle && idle != IdleUnknown ? idle : null)
            : null;

    /// <summary>How long ago the queue last sent, in ms at the kernel's <paramref name="hz"/>; "unknown" when the
    /// driver keeps no transmit time (LLTX devices such as veth and loopback).</summary>
    public string IdleText(int hz) => IdleJiffies is { } j && hz > 0
        ? (j * 1000UL / (ulong)hz).ToString(CultureInfo.InvariantCulture) + "ms"
        : "unknown";

    public static string Hex(uint value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
