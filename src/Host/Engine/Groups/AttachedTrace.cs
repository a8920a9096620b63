using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine.Groups;

/// <summary>A trace that is live, and the way it was attached.</summary>
internal sealed record AttachedTrace(TraceSpec Trace, AttachTarget Target);
