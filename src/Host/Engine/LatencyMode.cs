namespace NetTrace.Host.Engine;

/// <summary>Mirror of NT_LAT_* (bpf/engine/engine.h): --latency's kernel-side measurement, if any.</summary>
internal enum LatencyMode : byte
{
    Off = 0,

    /// <summary>One record per skb that lived at least the minimum, sent at its free.</summary>
    Events = 1,

    /// <summary>No record: a log2 histogram of the latencies in microseconds (--latency-summary).</summary>
    Summary = 2,
}
