namespace NetTrace.Host.Engine;

/// <summary>Mirror of NT_STATS_* (bpf/engine/engine.h): how --func-stats counts, if at all.</summary>
internal enum FuncStatsMode : byte
{
    Off = 0,

    /// <summary>Count the hits the packet filter keeps.</summary>
    Filtered = 1,

    /// <summary>No packet filter: count every hit without parsing the packet.</summary>
    Unfiltered = 2,
}
