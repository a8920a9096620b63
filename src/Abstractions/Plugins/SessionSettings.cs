namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// The part of the command line a group may read to choose its traces or build its <c>.rodata</c> config.
/// The host fills it once per session; members are added here as plugins need them, never removed.
/// </summary>
public sealed record SessionSettings
{
    /// <summary>--tcp-rtt in milliseconds: the least RTT worth reporting; null when not given.</summary>
    public uint? TcpRttMs { get; init; }

    /// <summary>--tcp-srtt in milliseconds: the least smoothed RTT worth reporting; null when not given.</summary>
    public uint? TcpSrttMs { get; init; }

    /// <summary>--monitor: only abnormal events are wanted.</summary>
    public bool Monitor { get; init; }

    /// <summary>--rtt: RTT samples are counted in the kernel (<see cref="ServedModes.Rtt"/>), no record is wanted.</summary>
    public bool RttHistogram { get; init; }

    /// <summary>-t/--trace: the trace and group names given, in order; empty when none.</summary>
    public IReadOnlyList<string> Traces { get; init; } = [];
}
