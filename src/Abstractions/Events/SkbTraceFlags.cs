namespace NetTrace.Abstractions.Events;

/// <summary>Mirror of the NT_EV_* record flags of the generic skb tracer.</summary>
[Flags]
public enum SkbTraceFlags : ushort
{
    None = 0,

    /// <summary>The record carries the function's return value.</summary>
    Return = 1,

    /// <summary>The skb was freed: its lifecycle ends.</summary>
    Free = 2,

    /// <summary>The function cloned the skb; the clone joins its lifecycle.</summary>
    Clone = 4,

    /// <summary>The first hit of a newly followed skb.</summary>
    First = 8,

    /// <summary>The packet was not captured again (--pkt-fixed).</summary>
    NoPacket = 16,

    /// <summary>The record ends with a plugin's extra (<see cref="SkbExtraRecord"/>).</summary>
    Extra = 32,

    /// <summary>The record carries skb->mark (recording format 1's records do not).</summary>
    Mark = 64,

    /// <summary>--latency: Ret holds the skb's latency in ns, LatencySpan its first and last traces.</summary>
    Latency = 128,

    /// <summary>The skb had no headers yet (the TCP write queue's): the packet is its socket's flow, built by the kernel side.</summary>
    SockFlow = 256,
}
