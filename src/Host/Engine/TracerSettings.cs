using NetTrace.Host.Config;

namespace NetTrace.Host.Engine;

/// <summary>How the generic skb tracer runs: the packet filter, lifecycle following, and how functions attach.</summary>
internal sealed record TracerSettings(NtFilter Filter, bool Track, bool PacketFixed, bool KprobeMulti);
