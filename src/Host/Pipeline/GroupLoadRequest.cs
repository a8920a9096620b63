using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Config;

namespace NetTrace.Host.Pipeline;

/// <summary>What to load for one group: the traces chosen by the mode and the session config.</summary>
internal sealed record GroupLoadRequest(TraceGroup Group, IReadOnlyList<TraceSpec> Traces, NtFilter Filter, bool Stacks);
