using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Config;

namespace NetTrace.Host.Engine.Groups;

/// <summary>What to load for one group: the traces chosen by the mode and the session config.</summary>
internal sealed record GroupLoadRequest(TraceGroup Group, IReadOnlyList<TraceSpec> Traces, NtFilter Filter, bool Stacks)
{
    /// <summary>Group-specific .rodata variables to set before load (e.g. the sock group's RTT filters).</summary>
    public IReadOnlyList<RodataWrite> Rodata { get; init; } = [];

    /// <summary>--rate-limit: at most this many records a second from this group's object (0: no limit).</summary>
    public uint RateLimit { get; init; }
}
